"""The archive package: a zip holding the index PDF and the metadata XML of one file."""

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from registry.audit.services import event_record
from registry.core.text import fold

from .. import events
from ..models import CaseFile
from .index import ArchiveIndex, casefile_index
from .pdf import archive_pdf
from .xml import archive_xml


@dataclass(frozen=True)
class ArchivePackage:
    index: ArchiveIndex
    pdf: bytes
    xml: bytes
    zip: bytes
    basename: str

    @property
    def filename(self) -> str:
        return f"{self.basename}.zip"


def package_basename(case_file: CaseFile) -> str:
    """An ASCII name for the download: "ho-so-2026-th-01"."""
    raw = fold(f"ho so {case_file.year} {case_file.code or case_file.pk}")
    return re.sub(r"[^a-z0-9]+", "-", raw).strip("-") or f"ho-so-{case_file.pk}"


def _zip(basename: str, pdf: bytes, xml: bytes, created: dt.datetime) -> bytes:
    buffer = io.BytesIO()
    stamp = timezone.localtime(created).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((f"{basename}/muc-luc.pdf", pdf), (f"{basename}/ho-so.xml", xml)):
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def archive_package_build(user: Any, case_file: CaseFile, *,
                          created: dt.datetime | None = None) -> ArchivePackage:
    """Build the package as `user` may see the file (unreadable documents have no content)."""
    created = created or timezone.now()
    index = casefile_index(user, case_file)
    local = timezone.localtime(created)
    pdf = archive_pdf(index, created=local)
    xml = archive_xml(index, created=local)
    basename = package_basename(case_file)
    return ArchivePackage(index=index, pdf=pdf, xml=xml, zip=_zip(basename, pdf, xml, created),
                          basename=basename)


def package_for_download(user: Any, case_file: CaseFile) -> tuple[bytes, str]:
    """(zip, filename): the package kept at hand-over when the reader may read all of it;
    otherwise one built now, where documents the reader may not read have no content."""
    package = archive_package_build(user, case_file)
    # Every export is logged (Decree 30, Appendix VI: a log of all use).
    event_record(actor=user, verb=events.EXPORTED, target=case_file,
                 payload={"hidden": package.index.hidden_count})
    handover = getattr(case_file, "handover", None) if case_file.is_frozen else None
    if handover is not None and not package.index.hidden_count:
        return bytes(handover.package), package.filename
    return package.zip, package.filename
