"""Checking and storing uploads. Runs before the registering transaction (it is slow I/O);
storing is idempotent (content-addressed), so a failed registration leaves only an unused blob."""

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

from .models import StoredFile

# Kinds recognised by content (magic bytes), never by the name the user gave.
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/tiff": "TIFF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/msword": "DOC",
}
_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def file_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "blobs"


def sanitise_filename(name: str) -> str:
    """Keep Vietnamese letters, drop path parts and characters that mean something to a shell."""
    base = os.path.basename(name.replace("\\", "/")).strip()
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base).strip("._ ") or "tep"
    return base[:200]


def detect_content_type(head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    return None


def file_validate(*, upload: IO[bytes], name: str, size: int | None = None) -> str:
    """The content type of an acceptable upload, or a ValidationError in Vietnamese."""
    limit = settings.UPLOAD_MAX_BYTES
    if size is not None and size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB); tối đa %(limit)s MB.")
            % {"name": name, "size": round(size / 1048576, 1), "limit": limit // 1048576},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if not head:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    content_type = detect_content_type(head)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("Tệp “%(name)s” không phải PDF, ảnh, DOCX hoặc ODT (kiểm tra theo nội dung tệp).")
            % {"name": name},
            code="bad_type",
        )
    return content_type


def file_store(*, upload: IO[bytes], name: str, size: int | None = None) -> StoredFile:
    """Validate, hash and store the upload once; returns its metadata row."""
    content_type = file_validate(upload=upload, name=name, size=size)
    root = file_root()
    root.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    total = 0
    with tempfile.NamedTemporaryFile(dir=root, delete=False) as tmp:
        upload.seek(0)
        for chunk in iter(lambda: upload.read(1 << 20), b""):
            total += len(chunk)
            if total > settings.UPLOAD_MAX_BYTES:
                tmp.close()
                os.unlink(tmp.name)
                raise ValidationError(_("Tệp “%(name)s” quá lớn.") % {"name": name},
                                      code="too_large")
            digest.update(chunk)
            tmp.write(chunk)
    sha = digest.hexdigest()
    stored, _created = StoredFile.objects.get_or_create(
        sha256=sha, defaults={"size": total, "content_type": content_type}
    )
    target = root / stored.relative_path
    if target.exists():
        os.unlink(tmp.name)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp.name, target)
    return stored


def file_response(*, stored: StoredFile, filename: str, inline: bool) -> FileResponse:
    """Serve a stored file; callers have already checked the reader's right to it."""
    handle = open(file_root() / stored.relative_path, "rb")  # noqa: SIM115 (FileResponse closes it)
    response = FileResponse(handle, as_attachment=not inline, filename=filename,
                            content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        # The document page previews PDFs in a frame of the same origin.
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response
