"""A throw-away PKI and PDF signer for the signature tests (EC keys: fast to make)."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

PAGE_TEXT = b"Quyet dinh so 15/QD-UBND ngay 05/01/2026"


@dataclass(frozen=True)
class Pki:
    root_pem: bytes
    root: asn1_x509.Certificate
    signer_cert: asn1_x509.Certificate
    signer_key: asn1_keys.PrivateKeyInfo


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Docflow test CA"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not ca,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def make_pki(signer_name: str = "Nguyễn Văn An", root_name: str = "Docflow Root CA") -> Pki:
    now = datetime.now(UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(root_name))
        .issuer_name(_name(root_name))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(signer_name))
        .issuer_name(root_cert.subject)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .sign(root_key, hashes.SHA256())
    )
    der = serialization.Encoding.DER
    return Pki(
        root_pem=root_cert.public_bytes(serialization.Encoding.PEM),
        root=asn1_x509.Certificate.load(root_cert.public_bytes(der)),
        signer_cert=asn1_x509.Certificate.load(signer_cert.public_bytes(der)),
        signer_key=asn1_keys.PrivateKeyInfo.load(
            signer_key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        ),
    )


def make_pdf() -> bytes:
    """A one-page PDF whose content stream carries PAGE_TEXT uncompressed."""
    writer = PdfFileWriter()
    content = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 720 Td (" + PAGE_TEXT + b") Tj ET")
    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    resources = generic.DictionaryObject(
        {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/F1"): font})}
    )
    page = PageObject(
        contents=writer.add_object(content), media_box=(0, 0, 595, 842), resources=resources
    )
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sign_pdf(pdf: bytes, pki: Pki) -> bytes:
    """Sign in a worker thread when an event loop runs here (pyHanko calls asyncio.run)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _sign(pdf, pki)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_sign, pdf, pki).result()


def _sign(pdf: bytes, pki: Pki) -> bytes:
    signer = signers.SimpleSigner(
        signing_cert=pki.signer_cert,
        signing_key=pki.signer_key,
        cert_registry=SimpleCertificateStore.from_certs([pki.root]),
    )
    meta = signers.PdfSignatureMetadata(field_name="ChuKy1")
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return out.getvalue()
