import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registry.organisation.models import Correspondent, DocumentType, Unit
from registry.outgoing.demo import pdf_bytes
from registry.outgoing.models import OutgoingDocument, OutgoingStatus

from .conftest import user
from .helpers import issue

pytestmark = pytest.mark.django_db


def _register_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/van-ban-di/")
    assert response.status_code == 200
    return len(queries), response.text


def test_outgoing_register_costs_a_fixed_number_of_queries(client, signed_draft):
    first = issue(signed_draft())
    client.force_login(user("vanthu"))
    _register_queries(client)  # warm the per-process caches (content types, session)
    few, text = _register_queries(client)
    assert first.notation in text and "Sở Tài chính" in text
    for _ in range(3):
        issue(signed_draft(type_name="Công văn", tasks=[]))

    many, text = _register_queries(client)

    assert many == few, f"{few} queries for one row, {many} for four"
    assert text.count("/UBND-TH") == 3


def test_register_filters_live_in_the_url(client, signed_draft):
    plan = issue(signed_draft(summary="Kế hoạch phòng chống thiên tai"))
    letter = issue(signed_draft(type_name="Công văn", summary="V/v thu ngân sách", tasks=[]))
    client.force_login(user("lanhdao"))
    text = client.get("/van-ban-di/", {"q": "thien tai"}).text
    assert plan.notation in text and letter.notation not in text
    kind = DocumentType.objects.get(name="Công văn").pk
    text = client.get("/van-ban-di/", {"document_type": kind}).text
    assert letter.notation in text and plan.notation not in text


def test_draft_form_creates_a_draft_with_file_recipients_and_tasks(client, chain):
    client.force_login(user("chuyenvien"))
    assert client.get("/van-ban-di/moi/").status_code == 200
    kt = Unit.objects.get(agency=chain, abbreviation="KT")
    upload = io.BytesIO(pdf_bytes("Ke hoach"))
    upload.name = "ke-hoach.pdf"
    response = client.post("/van-ban-di/moi/", {
        "document_type": DocumentType.objects.get(name="Kế hoạch").pk,
        "summary": "Kế hoạch cải cách hành chính năm 2027", "signer": user("lanhdao").pk,
        "urgency": "normal", "secrecy": "normal", "recipient_units": [kt.pk],
        "recipient_correspondents": [Correspondent.objects.get(name="Bộ Nội vụ").pk],
        "file": upload,
        "tasks-TOTAL_FORMS": "2", "tasks-INITIAL_FORMS": "0",
        "tasks-0-unit": kt.pk, "tasks-0-content": "Rà soát thủ tục", "tasks-0-deadline_days": 10,
        "tasks-1-content": "",
    })
    document = OutgoingDocument.objects.get(summary="Kế hoạch cải cách hành chính năm 2027")
    assert response.status_code == 302 and response.url == f"/van-ban-di/{document.pk}/"
    assert sorted(document.recipients.values_list("name", flat=True)) == ["Bộ Nội vụ",
                                                                         "Phòng Kinh tế"]
    assert document.tasks.get().deadline_days == 10
    assert document.versions.get().filename == "ke-hoach.pdf"


def test_draft_form_keeps_what_was_typed_on_error(client, chain):
    client.force_login(user("chuyenvien"))
    response = client.post("/van-ban-di/moi/", {
        "document_type": DocumentType.objects.get(name="Kế hoạch").pk, "summary": "",
        "urgency": "normal", "secrecy": "normal", "content_notes": "ghi chú còn đây",
        "tasks-TOTAL_FORMS": "2", "tasks-INITIAL_FORMS": "0"})
    assert response.status_code == 200
    assert "ghi chú còn đây" in response.text and "invalid-feedback" in response.text


def test_every_list_page_answers(client, signed_draft, make_draft):
    issue(signed_draft())
    signed_draft(summary="Đang chờ ban hành")
    for username, url, expected in [
        ("vanthu", "/van-ban-di/cho-ban-hanh/", "Đang chờ ban hành"),
        ("chuyenvien", "/van-ban-di/du-thao-cua-toi/", "Đang chờ ban hành"),
        ("lanhdao", "/van-ban-di/cho-toi-duyet/", "Không có dự thảo"),
        ("vanthu", "/", "Văn bản đã ký chờ ban hành"),
    ]:
        client.force_login(user(username))
        response = client.get(url)
        assert response.status_code == 200 and expected in response.text, (username, url)


def test_document_page_shows_versions_trail_dispatches_and_history(client, signed_draft):
    document = issue(signed_draft())
    client.force_login(user("chuyenvien"))
    text = client.get(f"/van-ban-di/{document.pk}/").text
    for expected in ["Phiên bản 1", "Chánh Văn phòng kiểm tra thể thức", "Đã chuyển vào hệ thống",
                     "Chờ vào sổ", "Ban hành", "Rà soát số liệu kinh tế", "df-preview"]:
        assert expected in text, expected


def test_issue_page_issues_with_the_uploaded_signed_file(client, signed_draft):
    document = signed_draft()
    client.force_login(user("vanthu"))
    page = client.get(f"/van-ban-di/{document.pk}/ban-hanh/")
    register = page.context["form"].fields["register"].queryset.first()
    upload = io.BytesIO(pdf_bytes("Ban ky"))
    upload.name = "ban-ky.pdf"
    response = client.post(f"/van-ban-di/{document.pk}/ban-hanh/", {
        "register": register.pk, "document_date": timezone.localdate().isoformat(),
        "signed_file": upload, "page_count": 2, "copies": 5})
    document.refresh_from_db()
    assert response.status_code == 302 and document.status == OutgoingStatus.ISSUED
    assert document.signed_filename == "ban-ky.pdf" and document.copies == 5


def test_register_pages_by_number_without_counting(client, signed_draft, monkeypatch):
    from registry.outgoing.views import lists

    monkeypatch.setattr(lists, "PAGE_SIZE", 2)
    issued = [issue(signed_draft(type_name="Công văn", summary=f"Công văn {i}", tasks=[]))
              for i in range(3)]
    client.force_login(user("vanthu"))
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/van-ban-di/").text
    # The navigation counts drafts waiting for the clerk; the register itself is never counted.
    assert not any("COUNT(" in q["sql"].upper() and '"register_id" =' in q["sql"]
                   for q in queries.captured_queries)
    assert issued[2].notation in first and issued[1].notation in first
    assert issued[0].notation not in first and "truoc=" in first
    older = client.get("/van-ban-di/", {"truoc": issued[1].number}).text
    assert issued[0].notation in older and issued[2].notation not in older
    assert "Các số trước" not in older and "Về đầu sổ" in older
