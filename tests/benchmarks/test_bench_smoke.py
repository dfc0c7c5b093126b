"""The benchmark command works end to end at a small scale (its figures are not checked)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_smoke_run_measures_every_phase():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="docflow.settings_test")
    result = subprocess.run(
        # Its own database, so a kept full-scale data set (docflow_bench) is never touched.
        [sys.executable, "manage.py", "bench", "--scale", "10000", "--quick", "--seconds", "1",
         "--database", f"docflow_bench_smoke_{os.getpid()}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-3000:]
    for expected in ("incoming documents: 10000", "1 worker(s): incoming_register",
                     "numbers gapless and unique afterwards: True", "trivial view /ping",
                     "Sổ văn bản đến (văn thư)", "reminders_sweep", "second sweep the same day",
                     "gunicorn worker", "Celery worker"):
        assert expected in out, f"missing {expected!r} in:\n{out[-3000:]}"
    assert "(HTTP 200)" in out and "(HTTP 4" not in out and "(HTTP 5" not in out
