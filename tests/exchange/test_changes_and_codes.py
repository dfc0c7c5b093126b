"""Recall, update and replace received for our documents; the agency code list import;
the trust roots an administrator installs."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from registry.audit.models import Event
from registry.exchange.edxml import Business, BusinessDocType, Code, ReplacementInfo
from registry.exchange.models import (
    AgencyCode,
    ChangeKind,
    Outbound,
    PacketState,
    ReceivedChange,
    ReceivedPacket,
    TrustRoot,
)
from registry.exchange.services import (
    agency_codes_import,
    change_apply,
    packet_accept,
    packet_receive,
    trust_roots_install,
)
from registry.incoming.models import IncomingDocument, IncomingStatus

from .conftest import packet


@pytest.fixture
def registered(sender, signed_pdf, outbox_calls, demo_user):
    taken = packet_receive(data=packet(signed_pdf))
    return packet_accept(actor=demo_user("vanthu"), packet=taken)


def test_recall_is_recorded_then_applied_by_the_clerk(registered, signed_pdf, demo_user):
    recall = packet(signed_pdf, business=Business(BusinessDocType.RECALL, reason="Ban hành sai"))

    taken = packet_receive(data=recall)

    assert taken.state == PacketState.APPLIED and taken.incoming_document == registered
    change = ReceivedChange.objects.get()
    assert change.kind == ChangeKind.RECALL and change.reason == "Ban hành sai"
    assert Event.objects.filter(verb="exchange.change_received", target_id=registered.pk).exists()
    assert IncomingDocument.objects.count() == 1
    assert packet_receive(data=packet(signed_pdf, business=Business(
        BusinessDocType.RECALL, reason="lần hai"))).state == PacketState.DUPLICATE

    change_apply(actor=demo_user("vanthu"), change=change)

    registered.refresh_from_db()
    assert registered.status == IncomingStatus.VOID and registered.number is not None
    assert "Ban hành sai" in registered.void_reason
    assert Outbound.objects.filter(status_code="15").count() == 1
    with pytest.raises(ValidationError):
        change_apply(actor=demo_user("vanthu"), change=change)


def test_update_shows_what_changed_and_applies_it(registered, signed_pdf, demo_user):
    update = packet(signed_pdf, subject="Về việc tăng cường kỷ luật hành chính (sửa trích yếu)",
                    business=Business(BusinessDocType.UPDATE, reason="Sửa trích yếu"))

    packet_receive(data=update)

    change = ReceivedChange.objects.get()
    assert change.kind == ChangeKind.UPDATE
    assert change.changes == {"summary": [registered.summary,
                                          "Về việc tăng cường kỷ luật hành chính (sửa trích yếu)"]}
    change_apply(actor=demo_user("vanthu"), change=change)
    registered.refresh_from_db()
    assert registered.summary.endswith("(sửa trích yếu)")
    assert registered.status == IncomingStatus.REGISTERED


def test_replacement_arrives_as_a_new_document_linked_to_the_old(registered, signed_pdf):
    old_id = ReceivedPacket.objects.get(incoming_document=registered).edxml_document_id
    replacing = packet(signed_pdf, code=Code("130", "CT-BNV"), business=Business(
        BusinessDocType.REPLACE, reason="Thay thế chỉ thị 125",
        replacements=(ReplacementInfo(old_id, ("000.00.00.H31",)),)))

    taken = packet_receive(data=replacing)

    change = ReceivedChange.objects.get()
    assert change.kind == ChangeKind.REPLACE and change.document == registered
    assert change.replacement == taken.incoming_document
    assert taken.incoming_document.sender_notation == "130/CT-BNV"


def test_recall_of_a_document_we_never_received_is_quarantined(sender, signed_pdf,
                                                               outbox_calls):
    taken = packet_receive(data=packet(signed_pdf, business=Business(BusinessDocType.RECALL)))

    assert taken.state == PacketState.QUARANTINED and "Không tìm thấy" in taken.reason


def test_document_page_shows_the_electronic_panel(registered, signed_pdf, client, demo_user):
    packet_receive(data=packet(signed_pdf, business=Business(BusinessDocType.RECALL,
                                                             reason="Ban hành sai")))
    client.force_login(demo_user("vanthu"))

    page = client.get(registered.get_absolute_url()).content.decode()

    assert "Văn bản điện tử" in page and 'data-signature="unknown_root"' in page
    assert "ĐÃ BỊ CƠ QUAN GỬI THU HỒI" in page and "Ban hành sai" in page


CSV = ("Mã định danh;Tên cơ quan;Trạng thái;Ngày bắt đầu;Ngày kết thúc\n"
       "000.00.31.H31;Sở Kế hoạch và Đầu tư tỉnh Hưng Yên;đã đóng;01/01/2016;30/06/2025\n"
       "000.00.05.H31;Sở Tài chính tỉnh Hưng Yên;hoạt động;01/07/2025;\n"
       "bad-code;Không hợp lệ;;;\n").encode()


def test_agency_codes_import_keeps_history_and_reports_bad_lines(demo, demo_user):
    stored, errors = agency_codes_import(actor=demo_user("quantri"), data=CSV, filename="ma.csv")

    assert stored == 2 and len(errors) == 1 and errors[0].startswith("Dòng 4")
    assert AgencyCode.objects.get(organ_id="000.00.31.H31").status == "closed"
    refreshed = CSV.replace(b"01/07/2025;", b"01/01/2026;")
    agency_codes_import(actor=None, data=refreshed, filename="ma.csv")

    history = list(AgencyCode.objects.filter(organ_id="000.00.05.H31")
                   .order_by("valid_from").values_list("status", flat=True))
    assert history == ["closed", "active"]


def test_trust_root_install_refuses_garbage_and_is_idempotent(demo, pki):
    with pytest.raises(ValidationError):
        trust_roots_install(actor=None, data=b"not a certificate", name="x")
    trust_roots_install(actor=None, data=pki.root_pem, name="Gốc thử")
    trust_roots_install(actor=None, data=pki.root_pem, name="Gốc thử")

    assert TrustRoot.objects.count() == 1
