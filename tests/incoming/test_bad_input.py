"""Bad input: a clear Vietnamese message, the typed data kept, nothing half-saved."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from registry.files.models import StoredFile
from registry.incoming.models import IncomingAttachment, IncomingDocument
from registry.organisation.models import Direction, Register

pytestmark = pytest.mark.django_db
URL = "/van-ban-den/vao-so/"


@pytest.fixture
def form_data(sender, cong_van):
    return {"sender_name": sender.name, "sender": sender.pk, "sender_notation": "15/BNV-CCHC",
            "document_date": "02/03/2026", "document_type": cong_van.pk,
            "summary": "V/v đẩy mạnh cải cách hành chính", "signer": "Nguyễn Văn Hải",
            "urgency": "normal", "secrecy": "normal", "received_at": "03/03/2026 08:30",
            "channel": "paper", "page_count": "2", "copy_count": "1"}


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


def _nothing_saved(demo) -> None:
    assert IncomingDocument.objects.count() == 0
    assert IncomingAttachment.objects.count() == 0
    assert Register.objects.get(agency=demo, direction=Direction.INCOMING, is_secret=False,
                                year=2026, series="").last_number == 0


@pytest.fixture(autouse=True)
def _in_2026(demo):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    from registry.organisation.numbering import register_for_year

    register_for_year(agency=demo, direction=Direction.INCOMING, year=2026)
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, 0, tzinfo=timezone.get_current_timezone()),
                             tick=False):
        yield


def test_a_clean_registration_saves_with_the_attachment(demo, clerk_client, form_data, pdf_bytes):
    form_data["attachments"] = SimpleUploadedFile("cv.pdf", pdf_bytes, "application/pdf")
    response = clerk_client.post(URL, form_data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = IncomingDocument.objects.get()
    assert document.number == 1 and document.attachments.get().filename == "cv.pdf"


def test_missing_fields_are_named_in_vietnamese(demo, clerk_client, form_data):
    for name in ("sender_notation", "summary", "document_date"):
        form_data.pop(name)
    response = clerk_client.post(URL, form_data)
    assert response.status_code == 200
    assert response.text.count("Trường này là bắt buộc") >= 3 or \
        response.text.count("bắt buộc") >= 3
    assert 'value="Nguyễn Văn Hải"' in response.text  # typed data kept
    _nothing_saved(demo)


def test_an_exe_renamed_pdf_is_refused_by_content(demo, clerk_client, form_data):
    form_data["attachments"] = SimpleUploadedFile("cong-van.pdf", b"MZ\x90\x00" + b"\x00" * 200,
                                                  "application/pdf")
    response = clerk_client.post(URL, form_data)
    assert response.status_code == 200
    assert "không phải PDF, ảnh, DOCX hoặc ODT" in response.text
    assert 'value="15/BNV-CCHC"' in response.text
    _nothing_saved(demo)
    assert StoredFile.objects.count() == 0


def test_a_two_megabyte_summary_is_refused(demo, clerk_client, form_data):
    form_data["summary"] = "Trích yếu " * 200_000
    response = clerk_client.post(URL, form_data)
    assert response.status_code == 200
    assert "tối đa 2000 ký tự" in response.text
    _nothing_saved(demo)


def test_an_impossible_date_is_refused(demo, clerk_client, form_data):
    form_data["document_date"] = "31/02/2026"
    response = clerk_client.post(URL, form_data)
    assert response.status_code == 200
    assert "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy" in response.text
    assert 'value="31/02/2026"' in response.text
    _nothing_saved(demo)


def test_a_good_file_is_kept_when_the_form_comes_back(demo, clerk_client, form_data, pdf_bytes):
    bad = dict(form_data, summary="")
    bad["attachments"] = SimpleUploadedFile("giu-lai.pdf", pdf_bytes, "application/pdf")
    response = clerk_client.post(URL, bad)
    assert response.status_code == 200 and "giu-lai.pdf" in response.text
    token = response.context["form"].kept[0][0]

    again = clerk_client.post(URL, dict(form_data, kept_files=[token]))
    assert again.status_code == 302
    assert IncomingDocument.objects.get().attachments.get().filename == "giu-lai.pdf"


def test_a_secret_document_with_a_file_is_refused_before_storing(demo, clerk_client, form_data,
                                                                 pdf_bytes):
    form_data |= {"secrecy": "mat",
                  "attachments": SimpleUploadedFile("mat.pdf", pdf_bytes, "application/pdf")}
    response = clerk_client.post(URL, form_data)
    assert response.status_code == 200 and "Văn bản mật chỉ lưu thông tin" in response.text
    assert StoredFile.objects.count() == 0
    assert IncomingDocument.objects.count() == 0


def test_the_duplicate_warning_asks_for_confirmation(demo, clerk_client, form_data):
    assert clerk_client.post(URL, form_data).status_code == 302
    warned = clerk_client.post(URL, dict(form_data, channel="email"))
    assert warned.status_code == 200 and "Có thể trùng văn bản đã vào sổ" in warned.text
    assert IncomingDocument.objects.count() == 1
    confirmed = clerk_client.post(URL, dict(form_data, confirm_duplicate="on"))
    assert confirmed.status_code == 302 and IncomingDocument.objects.count() == 2


def test_save_and_register_another_keeps_sender_and_date(demo, clerk_client, form_data, sender):
    response = clerk_client.post(URL, dict(form_data, save_next="1"))
    assert response.status_code == 302
    page = clerk_client.get(response.url)
    assert f'value="{sender.name}"' in page.text and 'value="02/03/2026"' in page.text


def test_api_bad_input_answers_400_in_vietnamese(demo, clerk, sender, cong_van):
    api = APIClient()
    api.force_authenticate(clerk)
    base = {"sender": sender.pk, "sender_notation": "1/BNV", "document_type": cong_van.pk,
            "summary": "Trích yếu", "document_date": "2026-03-02"}

    missing = api.post("/api/v1/incoming/", {"sender": sender.pk}, format="json")
    huge = api.post("/api/v1/incoming/", dict(base, summary="x" * 2_000_000), format="json")
    bad_date = api.post("/api/v1/incoming/", dict(base, document_date="31/02/2026"),
                        format="json")

    assert missing.status_code == 400 and {"summary", "document_type"} <= set(missing.json())
    assert huge.status_code == 400 and "Trích yếu dài quá" in huge.json()["summary"][0]
    assert bad_date.status_code == 400
    assert "Ngày không hợp lệ" in bad_date.json()["document_date"][0]
    _nothing_saved(demo)
