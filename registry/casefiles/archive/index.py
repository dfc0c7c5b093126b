"""The file's index (mục lục văn bản) and metadata, as one reader may see them."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..documents import IndexRow, index_row
from ..models import CaseFile, Rights
from ..selectors import casefile_items

LANGUAGE = "Tiếng Việt"


@dataclass(frozen=True)
class ArchiveIndex:
    """Appendix VI names in comments: what each attribute becomes in the XML."""

    organ_id: str  # OrganId
    organ_name: str
    year: int  # FileCatalog
    notation: str  # FileNotation
    file_code: str  # FileCode
    title: str  # Title
    maintenance: str  # Maintenance
    rights: str  # Rights
    creator: str  # Creator
    unit: str
    description: str  # Description
    rows: list[IndexRow] = field(default_factory=list)
    language: str = LANGUAGE  # Language

    @property
    def start_date(self) -> dt.date | None:  # StartDate
        dates = [r.date for r in self.rows if r.date]
        return min(dates) if dates else None

    @property
    def end_date(self) -> dt.date | None:  # EndDate
        dates = [r.date for r in self.rows if r.date]
        return max(dates) if dates else None

    @property
    def doc_total(self) -> int:  # DocTotal
        return len(self.rows)

    @property
    def page_total(self) -> int:  # PageTotal
        return sum(r.pages for r in self.rows)

    @property
    def hidden_count(self) -> int:
        return sum(1 for r in self.rows if r.hidden)


def file_code(case_file: CaseFile) -> str:
    """Mã hồ sơ: the agency's code, the year the file was made, the file's number and symbol."""
    organ = case_file.agency.organ_id or case_file.agency.abbreviation
    return f"{organ}.{case_file.year}.{case_file.code or case_file.pk}"


def casefile_index(user: Any, case_file: CaseFile) -> ArchiveIndex:
    """Rows in ordinal (time) order; documents the user may not read are rows without content."""
    rows = [index_row(item) for item in casefile_items(user, case_file)]
    agency = case_file.agency
    creator = case_file.responsible_user or case_file.opened_by
    return ArchiveIndex(
        organ_id=agency.organ_id, organ_name=agency.name, year=case_file.year,
        notation=case_file.code, file_code=file_code(case_file), title=case_file.title,
        maintenance=case_file.retention_label,
        rights=str(Rights(case_file.rights).label), creator=str(creator or ""),
        unit=case_file.responsible_unit.name, description=case_file.notes, rows=rows,
    )


def hidden_label() -> str:
    return _("Văn bản không có quyền xem")
