"""The clerk registers by keyboard, the leader directs on a phone, the handler sees it."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from registry.assignments.services import assignments_for_source
from registry.incoming.models import IncomingDocument

from .conftest import MINIMAL_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def _tab_to(page, element_id: str, limit: int = 4) -> None:
    """Tab forward until the field is focused; fails if the keyboard order skips it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id} (at #{_focused(page)})")


def _choose_file_by_keyboard(page, path) -> None:
    """Open the file dialog from the focused file input with the keyboard and pick `path`.

    Headless Chromium does not always hand a key press on a file input to the chooser; the
    dialog itself is the operating system's, so after Enter and Space the file is set on the
    element the keyboard reached (asserted by `_tab_to` before this).
    """
    for key in ("Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=3000) as chooser:
                page.keyboard.press(key)
        except PlaywrightTimeout:
            continue
        chooser.value.set_files(str(path))
        return
    page.locator("#id_attachments:focus").set_input_files(str(path))


def test_clerk_registers_by_keyboard_leader_directs_staff_sees(demo, login, page, artifacts_dir,
                                                               tmp_path):
    pdf = tmp_path / "cong-van-den.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    document_date = (timezone.localdate() - dt.timedelta(days=1)).strftime("%d/%m/%Y")

    login("vanthu")
    page.keyboard.press("Alt+n")  # from the home page, straight to a new registration
    page.wait_for_url("**/van-ban-den/vao-so/")
    assert _focused(page) == "id_sender_name"
    page.keyboard.type("bo noi")
    page.wait_for_selector(".df-suggestions li")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.get_by_label("Cơ quan gửi", exact=True).input_value() == "Bộ Nội vụ"
    _tab_to(page, "id_sender_notation")
    page.keyboard.type("125/BNV-CCHC")
    _tab_to(page, "id_document_date")
    page.keyboard.type(document_date)
    _tab_to(page, "id_document_type")
    page.keyboard.press("k")  # type-ahead in the list: "Kế hoạch"
    _tab_to(page, "id_summary")
    page.keyboard.type("Kế hoạch triển khai cải cách hành chính năm 2026")
    _tab_to(page, "id_signer")
    page.keyboard.type("Nguyễn Văn Hải")
    _tab_to(page, "id_urgency")
    page.keyboard.press("ArrowDown")  # Khẩn
    _tab_to(page, "id_handling_days", limit=10)
    page.keyboard.type("5")
    _tab_to(page, "id_attachments", limit=3)
    _choose_file_by_keyboard(page, pdf)
    page.screenshot(path=artifacts_dir / "incoming-1-registration-form.png", full_page=True)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Vào sổ"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/van-ban-den/\d+/$"))
    assert page.get_by_role("heading", name="Văn bản đến số 01").is_visible()
    document = IncomingDocument.objects.get()
    assert document.urgency == "khan" and document.document_type.name == "Kế hoạch"
    assert document.attachments.get().filename == "cong-van-den.pdf"
    assert page.locator("iframe.df-preview").is_visible()
    page.screenshot(path=artifacts_dir / "incoming-2-document-page.png", full_page=True)

    page.goto("/van-ban-den/")
    row = page.locator("table.df-register tbody tr").first
    assert row.locator("td.df-number").inner_text() == "01"
    assert "df-urgent" in (row.get_attribute("class") or "")
    page.screenshot(path=artifacts_dir / "incoming-3-register.png", full_page=True)

    page.goto(f"/van-ban-den/{document.pk}/")
    page.get_by_label("Trình lãnh đạo").select_option(label="Phó Chủ tịch Đinh Chung Phụng")
    page.get_by_role("button", name="Trình", exact=True).click()
    page.wait_for_selector("text=Đã trình")
    page.screenshot(path=artifacts_dir / "incoming-4-submitted.png", full_page=True)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    login("lanhdao")
    page.goto("/van-ban-den/cho-y-kien/")
    page.get_by_role("link", name="Kế hoạch: Kế hoạch triển khai").click()
    page.get_by_role("link", name="Cho ý kiến chỉ đạo").click()
    page.get_by_label("Ý kiến chỉ đạo").fill("Giao Phòng Tổng hợp chủ trì, tham mưu triển khai.")
    page.get_by_label("Chủ trì xử lý").select_option(label="Phòng Tổng hợp")
    page.get_by_label("Hạn xử lý", exact=True).fill((timezone.localdate() + dt.timedelta(days=10))
                                        .strftime("%d/%m/%Y"))
    button = page.get_by_role("button", name="Chỉ đạo và giao việc")
    assert button.bounding_box()["width"] > 300  # thumb-sized on a phone
    page.screenshot(path=artifacts_dir / "incoming-5-direction-phone.png", full_page=True)
    button.click()
    page.wait_for_selector("text=Đã chỉ đạo và giao việc")
    page.screenshot(path=artifacts_dir / "incoming-6-directed-phone.png", full_page=True)
    assert assignments_for_source(document).get().assignee_unit.abbreviation == "TH"

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    login("chuyenvien")
    page.goto("/van-ban-den/cua-don-vi/")
    page.get_by_role("link", name="Kế hoạch: Kế hoạch triển khai").click()
    assert page.get_by_text("Giao Phòng Tổng hợp chủ trì").first.is_visible()
    page.screenshot(path=artifacts_dir / "incoming-7-staff-sees.png", full_page=True)
