"""Parts of the benchmark that can be checked without running it: the phase choice and the
registration ceiling's rows (the same row the service writes, so the ratio compares like
with like)."""

from pathlib import Path

import pytest
from django.utils import timezone

from registry.benchmarks.registration import _ceiling_rows
from registry.benchmarks.run import PHASES, bench_run
from registry.core.text import fold
from registry.incoming.services._common import _insert_sql
from registry.organisation.models import Correspondent, Direction, DocumentType, Register


def test_an_unknown_phase_is_refused_before_anything_runs(tmp_path: Path):
    with pytest.raises(ValueError, match="unknown phases"):
        bench_run(scale=10, seconds=1, quick=True, output=tmp_path / "x.md",
                  only=frozenset({"registration", "sweeps"}))
    assert set(PHASES) == {"registration", "queries", "http", "sweep"}


@pytest.mark.django_db
def test_the_ceiling_writes_the_columns_the_service_writes(demo_user):
    clerk = demo_user("vanthu")
    register = Register.objects.get(agency_id=clerk.agency_id, direction=Direction.INCOMING,
                                    year=timezone.localdate().year, is_secret=False, series="")
    sender = Correspondent.objects.order_by("pk").first()
    doc_type = DocumentType.objects.order_by("pk").first()

    columns, rows = _ceiling_rows(clerk, register, sender, doc_type, 3)

    _sql, fields = _insert_sql(False)
    assert columns == [f.column for f, *_rest in fields]
    row = dict(zip(columns, rows[0], strict=True))
    assert row["status"] == "registered" and row["register_id"] == register.pk
    assert fold(sender.name) in row["search_folded"]
    assert "nguyen van ky" in row["search_folded"] and row["sender_name"] == sender.name
    assert len({tuple(r) for r in rows}) == 3  # varied like the service's documents
