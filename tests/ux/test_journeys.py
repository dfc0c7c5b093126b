"""The three daily journeys, at desktop and phone width, each under a stated effort.

Effort is counted honestly: every click or tap is a click; every key pressed to move
(Tab, arrows, Enter, the Alt+N shortcut) is a move; the text a person has to type anyway
(a number, a summary, a comment) is counted apart as characters and is not budgeted.
Choosing from a list is two clicks (open it, pick).
"""
import datetime as dt
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone

from registry.assignments.models import Assignment
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation.models import User
from registry.outgoing.selectors import outgoing_awaiting_approval

from .helpers import awaiting_approval, awaiting_direction, demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# The budgets this page promises (issue 10).
CLERK_REGISTERS = {"clicks": 0, "moves": 12}    # keyboard only, from any page
LEADER_DIRECTS_AND_APPROVES = {"clicks": 10, "moves": 0}
STAFF_FINISHES_A_TASK = {"clicks": 5, "moves": 0}


@dataclass
class Effort:
    clicks: int = 0
    moves: int = 0
    characters: int = 0

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def choose(self, locator, label: str) -> None:
        locator.select_option(label=label)
        self.clicks += 2

    def fill(self, locator, text: str) -> None:
        locator.click()
        self.clicks += 1
        locator.fill(text)
        self.characters += len(text)

    def press(self, page, key: str) -> None:
        page.keyboard.press(key)
        self.moves += 1

    def type(self, page, text: str) -> None:
        page.keyboard.type(text)
        self.characters += len(text)

    def within(self, budget: dict[str, int]) -> bool:
        return self.clicks <= budget["clicks"] and self.moves <= budget["moves"]


def focused(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, effort: Effort, element_id: str, limit: int = 4) -> None:
    for _ in range(limit):
        effort.press(page, "Tab")
        if focused(page) == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id} (at #{focused(page)})")


@pytest.mark.parametrize("size", SIZES)
def test_clerk_registers_a_document_by_keyboard(demo, login, page, size):
    login("vanthu")
    page.set_viewport_size(SIZES[size])
    effort = Effort()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    typed_date = (yesterday.strftime("%d/%m") if yesterday.year == timezone.localdate().year
                  else yesterday.strftime("%d/%m/%Y"))  # "27/11": this year

    effort.press(page, "Alt+n")
    page.wait_for_url("**/van-ban-den/vao-so/")
    assert focused(page) == "id_sender_name"
    effort.type(page, "bo noi")
    page.wait_for_selector(".df-suggestions li")
    effort.press(page, "ArrowDown")
    effort.press(page, "Enter")
    tab_to(page, effort, "id_sender_notation")
    effort.type(page, "125/BNV-CCHC")
    tab_to(page, effort, "id_document_date")
    effort.type(page, typed_date)
    tab_to(page, effort, "id_summary", limit=3)
    effort.type(page, "Kế hoạch triển khai cải cách hành chính năm 2026")
    tab_to(page, effort, "id_signer")
    effort.press(page, "Enter")  # Enter in a one-line field saves ("Vào sổ")

    page.wait_for_url(re.compile(r"/van-ban-den/\d+/$"))
    document = IncomingDocument.objects.get()
    assert document.status == IncomingStatus.REGISTERED and document.document_date == yesterday
    assert effort.within(CLERK_REGISTERS), effort


@pytest.mark.parametrize("size", SIZES)
def test_leader_directs_and_approves(demo, login, page, size):
    demo_office(demo)
    document, draft = awaiting_direction(), awaiting_approval()
    login("lanhdao")
    page.set_viewport_size(SIZES[size])
    effort = Effort()

    effort.click(page.locator(f'main a[href="{document.get_absolute_url()}"]').first)
    effort.click(page.get_by_role("link", name="Cho ý kiến chỉ đạo"))
    effort.choose(page.get_by_label("Chủ trì xử lý"), "Phòng Tổng hợp")
    effort.fill(page.get_by_label("hoặc số ngày làm việc").first, "5")
    effort.click(page.get_by_role("button", name="Chỉ đạo và giao việc"))
    page.wait_for_selector("text=Đã chỉ đạo và giao việc")

    effort.click(page.get_by_role("link", name="Docflow", exact=True))
    effort.click(page.locator(f'main a[href="{draft.get_absolute_url()}"]').first)
    effort.click(page.get_by_role("link", name="Duyệt / trả lại"))
    effort.click(page.get_by_role("button", name="Duyệt", exact=True))
    page.wait_for_selector("text=Đã duyệt dự thảo.")

    document.refresh_from_db()
    assert document.status == IncomingStatus.DIRECTED
    leader = User.objects.get(username="lanhdao")
    assert not outgoing_awaiting_approval(leader).filter(pk=draft.pk).exists()
    assert effort.within(LEADER_DIRECTS_AND_APPROVES), effort


@pytest.mark.parametrize("size", SIZES)
def test_staff_finishes_a_task(demo, login, page, size):
    demo_office(demo)
    login("chuyenvien")
    page.set_viewport_size(SIZES[size])
    effort = Effort()

    if size == "phone":
        effort.click(page.get_by_role("button", name="Mở menu"))
    effort.click(page.get_by_role("link", name=re.compile("^Việc của tôi")).first)
    row = page.locator("li.df-task").filter(has_text="Chuẩn bị nội dung cuộc họp giao ban")
    effort.click(row.get_by_role("link", name="Hoàn thành"))
    effort.fill(page.get_by_label("Kết quả xử lý"), "Đã gửi tài liệu họp cho các thành viên.")
    effort.click(page.get_by_role("button", name="Xác nhận hoàn thành"))
    assert page.get_by_text("Đã ghi nhận hoàn thành.").is_visible()

    task = Assignment.objects.get(content__startswith="Chuẩn bị nội dung cuộc họp giao ban")
    assert task.status == "done"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= SIZES[size]["width"]
    assert effort.within(STAFF_FINISHES_A_TASK), effort
