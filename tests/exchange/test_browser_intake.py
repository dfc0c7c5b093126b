"""A packet dropped in the folder adapter's inbox shows up pre-filled after a poll; the clerk
accepts it in two actions (open, accept); the fake hub on 127.0.0.1 receives 01 then 03, and
04, 05, 06 once each after the leader directs and the staff finish."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from registry.assignments.models import AssignmentRole
from registry.assignments.services import (
    assignment_complete,
    assignment_start,
    assignments_for_source,
)
from registry.exchange.edxml import read_status
from registry.exchange.services import outbound_due_ids, outbound_send
from registry.incoming.models import IncomingDocument
from registry.incoming.services import Handler, incoming_direct, incoming_submit
from registry.organisation.models import Unit, User

from .conftest import packet
from .test_transport_http import hub, transport  # noqa: F401 (the fake hub fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _deliver(hub_state) -> list[str]:
    """What the beat's outbox sweep does, against the fake hub."""
    hub_transport = transport(hub_state)
    for pk in outbound_due_ids():
        outbound_send(outbound_id=pk, transport=hub_transport)
    return [str(read_status(body).status_code) for body in hub_state.statuses]


def test_folder_packet_prefilled_accepted_in_two_actions_status_loop(
        hub, folder, sender, trusted, signed_pdf, outbox_calls, login, page,  # noqa: F811
        artifacts_dir):
    (folder.inbox / "125-CT-BNV.xml").write_bytes(packet(signed_pdf))
    call_command("exchange_poll", "--no-send")
    assert _deliver(hub) == ["01"]

    login("vanthu")
    page.goto("/van-ban-den/cho-van-thu/")
    row = page.get_by_role("row").filter(has_text="125/CT-BNV")
    assert row.get_by_text("Điện tử").is_visible()
    assert row.get_by_text("Chữ ký số hợp lệ").is_visible()
    page.screenshot(path=artifacts_dir / "exchange-1-clerk-queue.png", full_page=True)
    page.get_by_role("link", name="Văn bản điện tử").first.click()
    page.wait_for_url("**/lien-thong/")
    page.screenshot(path=artifacts_dir / "exchange-2-electronic-inbox.png", full_page=True)

    # Action 1: open the packet — every field is already there.
    page.get_by_role("link", name="Chỉ thị: Về việc tăng cường kỷ luật").click()
    assert page.locator("[data-field=notation]").inner_text() == "125/CT-BNV"
    assert page.locator("[data-field=type]").inner_text() == "Chỉ thị"
    assert "KT. BỘ TRƯỞNG" in page.locator("[data-field=signer]").inner_text()
    assert page.locator("[data-field=urgency]").inner_text() == "Khẩn"
    assert page.locator("[data-field=pages]").inner_text() == "4"
    assert page.get_by_text("Chữ ký số hợp lệ").first.is_visible()
    assert page.get_by_role("link", name="125-CT-BNV.pdf").is_visible()
    assert page.get_by_label("Lý do từ chối").is_visible()
    page.screenshot(path=artifacts_dir / "exchange-3-packet-prefilled.png", full_page=True)

    # Action 2: accept — registered with an arrival number.
    page.get_by_role("button", name="Tiếp nhận và vào sổ").click()
    page.wait_for_url("**/van-ban-den/*/")
    document = IncomingDocument.objects.get()
    assert document.number is not None
    heading = page.get_by_role("heading", level=1).inner_text()
    assert f"Văn bản đến số {document.number_display}" in heading
    page.screenshot(path=artifacts_dir / "exchange-4-accepted.png", full_page=True)
    assert _deliver(hub) == ["01", "03"]

    leader = User.objects.get(username="lanhdao")
    incoming_submit(actor=User.objects.get(username="vanthu"), document=document, leader=leader)
    incoming_direct(actor=leader, document=document, direction="Phòng TH chủ trì tham mưu.",
                    lead=Handler(unit=Unit.objects.get(abbreviation="TH"), days=5))
    lead = assignments_for_source(document).get(role=AssignmentRole.LEAD)
    head = User.objects.get(username="truongphongth")
    assignment_start(actor=head, assignment=lead)
    assignment_complete(actor=head, assignment=lead, result_note="Đã báo cáo Bộ Nội vụ")

    assert _deliver(hub) == ["01", "03", "04", "05", "06"]
    assert _deliver(hub) == ["01", "03", "04", "05", "06"]  # a second sweep sends nothing
    page.goto(document.get_absolute_url())
    assert page.get_by_text("Nhận văn bản điện tử qua trục liên thông").is_visible()
    page.screenshot(path=artifacts_dir / "exchange-5-done-history.png", full_page=True)
