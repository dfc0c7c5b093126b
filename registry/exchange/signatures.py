"""Check the digital signatures of a PDF, offline, against trust roots an administrator installs.

The Government's specialised CA and the national root are not in public trust stores, so nothing
here looks at the operating system's store or the network: only the roots passed in count, and
revocation is soft-fail (no CRL/OCSP fetching). The seal image on a page proves nothing; only the
CMS signature over the file's bytes does.

The badge is one of four: valid, invalid (the bytes changed after signing, the signature does not
verify, or the certificate is revoked, expired or unfit for signing), unknown_root (sound, but
not chaining to an installed root) and not_signed.
"""

from __future__ import annotations

import asyncio
import enum
import io
import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509
from pyhanko.keys import load_certs_from_pemder_data
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

# Signing certificates of Vietnamese CAs carry digitalSignature and/or nonRepudiation;
# pyHanko's default demands nonRepudiation alone.
_KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)
_NO_CHAIN = (AdESIndeterminate.NO_CERTIFICATE_CHAIN_FOUND,)


class SignatureStatus(enum.StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    UNKNOWN_ROOT = "unknown_root"
    NOT_SIGNED = "not_signed"


_SEVERITY = {
    SignatureStatus.VALID: 0,
    SignatureStatus.UNKNOWN_ROOT: 1,
    SignatureStatus.INVALID: 2,
    SignatureStatus.NOT_SIGNED: 3,
}


@dataclass(frozen=True)
class SignatureCheck:
    """One signature: its status, who signed and when (as the signer claims), and why."""

    status: SignatureStatus
    signer_name: str = ""
    signing_time: datetime | None = None
    detail: str = ""


@dataclass(frozen=True)
class SignatureReport:
    """All signatures of a PDF. `status` is the worst of them, `not_signed` when there is none."""

    status: SignatureStatus
    signatures: tuple[SignatureCheck, ...] = ()
    detail: str = ""

    @property
    def signer_name(self) -> str:
        """The first signer's name (the document's signer; later ones are usually seals)."""
        return self.signatures[0].signer_name if self.signatures else ""

    @property
    def signing_time(self) -> datetime | None:
        return self.signatures[0].signing_time if self.signatures else None


def load_trust_roots(blobs: Iterable[bytes]) -> list[x509.Certificate]:
    """Certificates from PEM (one or several per blob) or DER data; ValueError when unreadable."""
    roots: list[x509.Certificate] = []
    for blob in blobs:
        try:
            certs = list(load_certs_from_pemder_data(blob))
            for cert in certs:
                cert.subject.human_friendly  # noqa: B018 - asn1crypto parses lazily; force it
        except Exception as error:  # asn1crypto raises a zoo of types on bad input
            raise ValueError(f"Chứng thư gốc không đọc được (PEM/DER): {error}") from None
        if not certs:
            raise ValueError("Tệp chứng thư gốc không chứa chứng thư nào.")
        roots.extend(certs)
    return roots


def _signer_name(status: PdfSignatureStatus) -> str:
    subject = status.signing_cert.subject
    common_name = subject.native.get("common_name")
    if isinstance(common_name, list):
        common_name = ", ".join(common_name)
    return str(common_name or subject.human_friendly)


def _signing_time(status: PdfSignatureStatus) -> datetime | None:
    stamp = status.timestamp_validity
    if stamp is not None and stamp.valid and stamp.intact:
        return stamp.timestamp
    return status.signer_reported_dt


def _classify(status: PdfSignatureStatus) -> tuple[SignatureStatus, str]:
    if not (status.intact and status.valid):
        return SignatureStatus.INVALID, "Nội dung đã bị thay đổi sau khi ký hoặc chữ ký sai."
    if status.modification_level is not None and not status.docmdp_ok:
        return SignatureStatus.INVALID, "Tệp đã bị sửa đổi sau khi ký."
    if status.trusted:
        return SignatureStatus.VALID, "Chữ ký hợp lệ, chứng thư thuộc gốc tin cậy đã cài đặt."
    if status.revoked:
        return SignatureStatus.INVALID, "Chứng thư của người ký đã bị thu hồi."
    if status.validation_path is None or status.trust_problem_indic in _NO_CHAIN:
        return SignatureStatus.UNKNOWN_ROOT, "Chứng thư không thuộc gốc tin cậy nào đã cài đặt."
    problem = getattr(status.trust_problem_indic, "name", "")
    return SignatureStatus.INVALID, f"Chứng thư không hợp lệ để ký ({problem})."


def _check_one(embedded: EmbeddedPdfSignature, roots: Sequence[x509.Certificate]) -> SignatureCheck:
    context = ValidationContext(trust_roots=list(roots), allow_fetching=False)
    try:
        status = validate_pdf_signature(
            embedded, signer_validation_context=context, key_usage_settings=_KEY_USAGE
        )
    except Exception as error:  # malformed CMS, unsupported subfilter, broken byte range...
        logger.info("signature not verifiable: %s", error)
        return SignatureCheck(SignatureStatus.INVALID, detail="Chữ ký không kiểm tra được.")
    verdict, detail = _classify(status)
    return SignatureCheck(verdict, _signer_name(status), _signing_time(status), detail)


def check_pdf_signatures(pdf: bytes, *, trust_roots: Sequence[x509.Certificate]) -> SignatureReport:
    """Check every signature of `pdf` against `trust_roots` (from `load_trust_roots`).

    Never raises for a bad PDF: an unreadable file is reported `invalid` with a reason.
    pyHanko runs `asyncio.run` inside; from a thread whose event loop is running (an async
    caller, Playwright's sync API in tests) the check runs in a worker thread instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _check_pdf(pdf, trust_roots)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_check_pdf, pdf, trust_roots).result()


def _check_pdf(pdf: bytes, trust_roots: Sequence[x509.Certificate]) -> SignatureReport:
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = reader.embedded_regular_signatures
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as error:
        logger.info("unreadable PDF: %s", error)
        return SignatureReport(SignatureStatus.INVALID, detail="Tệp PDF hỏng, không đọc được.")
    if not embedded:
        return SignatureReport(SignatureStatus.NOT_SIGNED, detail="Tệp PDF không có chữ ký số.")
    checks = tuple(_check_one(signature, trust_roots) for signature in embedded)
    worst = max(checks, key=lambda check: _SEVERITY[check.status])
    return SignatureReport(worst.status, checks, worst.detail)
