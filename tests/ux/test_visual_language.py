"""One visual language: the same status has the same colour everywhere; dates are dd/mm/yyyy."""
import re
from pathlib import Path

import pytest
from django.utils import formats, translation

from registry.assignments.models import AssignmentStatus
from registry.casefiles.models import CaseFileStatus
from registry.incoming.models import IncomingStatus
from registry.outgoing.models import OutgoingStatus

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static" / "css" / "docflow.css").read_text()
# Machine formats (ISO in attributes and URLs) and the day-first human ones.
DATE_FORMATS_ALLOWED = {"d/m/Y", "d/m/Y H:i", "d/m/Y H:i:s", "SHORT_DATETIME_FORMAT",
                        "SHORT_DATE_FORMAT", "c", "Y-m-d"}


def badge_colours() -> dict[str, str]:
    colours = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", CSS):
        background = re.search(r"background:\s*([^;]+)", body)
        for status in re.findall(r"\.badge\.df-status-([a-z_]+)", selectors):
            if background:
                colours[status] = background.group(1).strip()
    return colours


@pytest.mark.parametrize("status", [*IncomingStatus.values, *OutgoingStatus.values,
                                    *AssignmentStatus.values, *CaseFileStatus.values])
def test_every_status_has_one_badge_colour(status):
    assert status in badge_colours(), f"no .badge.df-status-{status} colour in docflow.css"
    assert len(re.findall(rf"\.badge\.df-status-{status}\b", CSS)) == 1, \
        f"df-status-{status} is coloured twice: one status, one colour"


def test_templates_write_dates_day_first():
    found = []
    for path in (ROOT / "templates").rglob("*.html"):
        for fmt in re.findall(r"""\|date:["']([^"']*)["']""", path.read_text("utf-8")):
            if fmt not in DATE_FORMATS_ALLOWED:
                found.append(f"{path.relative_to(ROOT)}: {fmt}")
        bare = re.findall(r"\{\{\s*[\w.]+\|date\s*\}\}", path.read_text("utf-8"))
        found += [f"{path.relative_to(ROOT)}: {b}" for b in bare]
    assert not found, found


@pytest.mark.parametrize("language", ["vi", "en"])
def test_both_languages_keep_the_day_first_dates(language):
    with translation.override(language):
        assert formats.get_format("DATE_FORMAT") == "d/m/Y"
        assert formats.get_format("SHORT_DATETIME_FORMAT") == "d/m/Y H:i"
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
