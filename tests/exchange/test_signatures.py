"""PDF signature checks against a throw-away CA the tests build themselves."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import pem
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from registry.exchange.signatures import SignatureStatus, check_pdf_signatures, load_trust_roots

from .pki import PAGE_TEXT, make_pdf, make_pki, sign_pdf


@pytest.fixture(scope="module")
def pki():
    return make_pki()


@pytest.fixture(scope="module")
def signed(pki) -> bytes:
    return sign_pdf(make_pdf(), pki)


@pytest.fixture(scope="module")
def roots(pki):
    return load_trust_roots([pki.root_pem])


def test_signature_chaining_to_an_installed_root_is_valid(signed, roots):
    report = check_pdf_signatures(signed, trust_roots=roots)

    assert report.status is SignatureStatus.VALID
    assert report.signer_name == "Nguyễn Văn An"
    assert report.signing_time is not None
    assert abs(report.signing_time - datetime.now(UTC)) < timedelta(minutes=5)
    assert len(report.signatures) == 1


def test_root_installed_as_der_works_too(pki, signed):
    der = pem.unarmor(pki.root_pem)[2]

    report = check_pdf_signatures(signed, trust_roots=load_trust_roots([der]))

    assert report.status is SignatureStatus.VALID


def test_bytes_changed_after_signing_are_invalid(signed, roots):
    assert signed.count(PAGE_TEXT) == 1
    tampered = signed.replace(PAGE_TEXT, PAGE_TEXT.replace(b"15/QD", b"16/QD"))

    report = check_pdf_signatures(tampered, trust_roots=roots)

    assert report.status is SignatureStatus.INVALID
    assert report.signer_name == "Nguyễn Văn An"
    assert "thay đổi" in report.detail


def test_content_changed_by_a_later_revision_is_invalid(signed, roots):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0]
    forged = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 720 Td (So 99/QD) Tj ET")
    page.get_object()[generic.pdf_name("/Contents")] = writer.add_object(forged)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)

    report = check_pdf_signatures(out.getvalue(), trust_roots=roots)

    assert report.status is SignatureStatus.INVALID


def test_signature_from_another_ca_is_unknown_root(signed):
    stranger = make_pki(root_name="Some Other CA")

    report = check_pdf_signatures(signed, trust_roots=load_trust_roots([stranger.root_pem]))

    assert report.status is SignatureStatus.UNKNOWN_ROOT
    assert report.signer_name == "Nguyễn Văn An"


def test_no_installed_root_means_unknown_root(signed):
    assert check_pdf_signatures(signed, trust_roots=[]).status is SignatureStatus.UNKNOWN_ROOT


def test_look_alike_root_with_the_trusted_name_is_invalid(signed):
    # An impostor CA copying the installed root's name: the chain's signature fails.
    impostor = make_pki()

    report = check_pdf_signatures(signed, trust_roots=load_trust_roots([impostor.root_pem]))

    assert report.status is SignatureStatus.INVALID


def test_unsigned_pdf_is_not_signed(roots):
    report = check_pdf_signatures(make_pdf(), trust_roots=roots)

    assert report.status is SignatureStatus.NOT_SIGNED
    assert report.signer_name == ""
    assert report.signing_time is None


def test_garbage_is_reported_not_raised(roots):
    report = check_pdf_signatures(b"%PDF-1.7\nnot really", trust_roots=roots)

    assert report.status is SignatureStatus.INVALID


def test_unreadable_trust_root_is_refused():
    with pytest.raises(ValueError, match="Chứng thư gốc"):
        load_trust_roots([b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"])
