import io

import pytest
from django.utils import timezone

from registry.organisation.models import Correspondent, Direction, DocumentType, Unit
from registry.organisation.numbering import register_for_year
from registry.outgoing.demo import pdf_bytes
from registry.outgoing.models import OutgoingStatus

from .conftest import user

pytestmark = pytest.mark.django_db


def _pdf(name):
    upload = io.BytesIO(pdf_bytes(name))
    upload.name = name
    return upload


def test_the_whole_flow_through_the_api(client, chain):
    kt = Unit.objects.get(agency=chain, abbreviation="KT")
    client.force_login(user("chuyenvien"))
    created = client.post("/api/v1/outgoing/", {
        "document_type": DocumentType.objects.get(name="Quyết định").pk,
        "summary": "Quyết định thành lập Tổ công tác", "signer": user("lanhdao").pk,
        "recipient_units": [kt.pk],
        "recipient_correspondents": [Correspondent.objects.get(name="Sở Nội vụ").pk],
        "tasks": [{"unit": kt.pk, "content": "Cử thành viên", "deadline_days": 3}],
    }, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["recipient_units"] == [kt.pk]
    version = client.post(f"/api/v1/outgoing/{pk}/versions/", {"file": _pdf("qd.pdf")})
    assert version.status_code == 201 and version.json()["number"] == 1
    assert client.post(f"/api/v1/outgoing/{pk}/submit/").json()["status"] == "in_approval"

    for username in ("truongphongth", "chanhvanphong", "lanhdao"):
        client.force_login(user(username))
        response = client.post(f"/api/v1/outgoing/{pk}/approve/", {"comment": "Đồng ý"},
                               content_type="application/json")
        assert response.status_code == 200, response.json()
    assert response.json()["status"] == OutgoingStatus.APPROVED

    client.force_login(user("vanthu"))
    register = register_for_year(agency=chain, direction=Direction.OUTGOING,
                                 year=timezone.localdate().year)
    issued = client.post(f"/api/v1/outgoing/{pk}/issue/", {
        "register": register.pk, "document_date": timezone.localdate().isoformat(),
        "signed_file": _pdf("ban-ky.pdf")})
    assert issued.status_code == 200, issued.json()
    body = issued.json()
    assert body["notation"] == f"{body['number']:02d}/QĐ-UBND"
    pending = [d["id"] for d in body["dispatches"] if d["status"] == "pending"]
    sent = client.post(f"/api/v1/outgoing/{pk}/dispatch/", {
        "dispatches": pending, "channel": "electronic",
        "sent_on": timezone.localdate().isoformat()}, content_type="application/json")
    assert sent.json()["status"] == OutgoingStatus.DISPATCHED
    recalled = client.post(f"/api/v1/outgoing/{pk}/recall/", {"reason": "Sai thẩm quyền"},
                           content_type="application/json")
    assert recalled.json()["status"] == OutgoingStatus.RECALLED


def test_api_returns_with_a_comment_and_refuses_issue_before_signing(client, make_draft, chain):
    document = make_draft()
    client.force_login(user("chuyenvien"))
    client.post(f"/api/v1/outgoing/{document.pk}/submit/")
    client.force_login(user("truongphongth"))
    empty = client.post(f"/api/v1/outgoing/{document.pk}/return/", {},
                        content_type="application/json")
    assert empty.status_code == 400 and "comment" in empty.json()
    returned = client.post(f"/api/v1/outgoing/{document.pk}/return/", {"comment": "Sửa lại"},
                           content_type="application/json")
    assert returned.json()["status"] == "returned"
    client.force_login(user("vanthu"))
    register = register_for_year(agency=chain, direction=Direction.OUTGOING,
                                 year=timezone.localdate().year)
    refused = client.post(f"/api/v1/outgoing/{document.pk}/issue/", {
        "register": register.pk, "document_date": timezone.localdate().isoformat(),
        "signed_file": _pdf("ban-ky.pdf")})
    assert refused.status_code == 400
    register.refresh_from_db()
    assert register.last_number == 0


def test_api_patch_edits_a_draft_and_delete_voids_it(client, make_draft):
    document = make_draft()
    client.force_login(user("chuyenvien"))
    patched = client.patch(f"/api/v1/outgoing/{document.pk}/", {"summary": "Trích yếu mới"},
                           content_type="application/json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["summary"] == "Trích yếu mới"
    assert len(patched.json()["tasks"]) == 2
    client.force_login(user("chuyenvien2"))
    assert client.patch(f"/api/v1/outgoing/{document.pk}/", {"summary": "x"},
                        content_type="application/json").status_code == 404
    client.force_login(user("chuyenvien"))
    assert client.delete(f"/api/v1/outgoing/{document.pk}/").status_code == 204
    document.refresh_from_db()
    assert document.status == OutgoingStatus.VOID


def test_outgoing_is_in_the_openapi_schema(client, demo_user):
    client.force_login(demo_user("vanthu"))
    paths = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    for action in ("submit", "approve", "return", "issue", "dispatch", "recall", "versions"):
        assert f"/api/v1/outgoing/{{id}}/{action}/" in paths, action
