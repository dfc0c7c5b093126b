"""HTTP load from a second process: wrk when installed, else a small Python load generator.

Both keep connections alive, send the same session cookie, and report requests/s with
p50/p95 latency, so a page's figure and the trivial view's ceiling are measured alike.
"""

import json
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from http.client import HTTPConnection
from pathlib import Path

WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"requests\\":%d,\\"errors\\":%d,\\"non2xx\\":%d,\\"p50\\":%f,\\"p95\\":%f,\\"duration_us\\":%d}\\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.errors.status, latency:percentile(50) / 1000.0,
    latency:percentile(95) / 1000.0, summary.duration))
end
"""


@dataclass(frozen=True)
class LoadResult:
    requests: int
    errors: int
    rps: float
    p50_ms: float
    p95_ms: float
    tool: str


def run_load(*, url: str, cookie: str, connections: int = 16, seconds: float = 10.0) -> LoadResult:
    if shutil.which("wrk"):
        return _run_wrk(url=url, cookie=cookie, connections=connections, seconds=seconds)
    return _run_python(url=url, cookie=cookie, connections=connections, seconds=seconds)


def _run_wrk(*, url: str, cookie: str, connections: int, seconds: float) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        out = subprocess.run(
            ["wrk", "-t", "2", "-c", str(connections), "-d", f"{int(seconds)}s",
             "-s", script.name, "-H", f"Cookie: {cookie}", url],
            check=True, capture_output=True, text=True,
        ).stdout
    finally:
        Path(script.name).unlink(missing_ok=True)
    match = re.search(r"JSON(\{.*\})", out)
    if not match:
        raise RuntimeError(f"wrk gave no summary:\n{out}")
    data = json.loads(match.group(1))
    return LoadResult(
        requests=data["requests"], errors=data["errors"] + data["non2xx"],
        rps=data["requests"] / (data["duration_us"] / 1e6), p50_ms=data["p50"],
        p95_ms=data["p95"], tool="wrk",
    )


def _run_python(*, url: str, cookie: str, connections: int, seconds: float) -> LoadResult:
    match = re.match(r"http://([^/:]+):(\d+)(/.*)", url)
    if not match:
        raise ValueError(url)
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client() -> None:
        conn = HTTPConnection(host, port, timeout=30)
        local: list[float] = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn.close()
                conn = HTTPConnection(host, port, timeout=30)
            local.append((time.perf_counter() - start) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return LoadResult(requests=len(latencies), errors=errors[0], rps=len(latencies) / elapsed,
                      p50_ms=quantiles[49], p95_ms=quantiles[94], tool="python")
