"""The journey of issue 5: draft → return → version 2 → approvals → issue → tasks and inbox.

The demo chain starts with the head of the drafting unit; the issue's journey names only
chanhvanphong and lanhdao, so this agency switches the head-of-unit step off (the chain is
configured per agency) and the test shows that configuration at work.
"""

import re

import pytest
from django.utils import timezone

from registry.incoming.models import IncomingDocument
from registry.incoming.services import incoming_register_received
from registry.organisation.calendar import add_working_days
from registry.organisation.models import User
from registry.outgoing.demo import approval_chain_ensure, pdf_bytes
from registry.outgoing.models import ApprovalStepTemplate, OutgoingDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = "Kế hoạch triển khai phần mềm quản lý văn bản chỉ đạo năm 2027"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def journey(demo, page, login, artifacts_dir, tmp_path):
    approval_chain_ensure(agency=demo)
    ApprovalStepTemplate.objects.filter(agency=demo, order=1).update(is_active=False)
    files = {}
    for name in ("du-thao-v1.pdf", "du-thao-v2.pdf", "ban-ky.pdf"):
        files[name] = tmp_path / name
        files[name].write_bytes(pdf_bytes(name))

    def as_user(username, viewport=DESKTOP):
        page.context.clear_cookies()
        page.set_viewport_size(viewport)
        return login(username)

    def shot(name):
        page.screenshot(path=artifacts_dir / f"outgoing-{name}.png", full_page=True)

    return as_user, shot, files


def _draft(page, files):
    page.goto("/van-ban-di/moi/")
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_label("Người ký").select_option(label="Đinh Chung Phụng")
    page.get_by_label("Trích yếu").fill(SUMMARY)
    page.get_by_label("Phòng Kinh tế").check()
    page.get_by_role("combobox", name="Cơ quan nhận bên ngoài").fill("so tai")
    page.get_by_role("option", name="Sở Tài chính").click()
    page.get_by_label("Tệp dự thảo").set_input_files(files["du-thao-v1.pdf"])
    first = page.get_by_role("group", name="Nhiệm vụ 1")
    first.get_by_label("Đơn vị thực hiện").select_option(label="Phòng Kinh tế")
    first.get_by_label("Nội dung nhiệm vụ").fill("Xây dựng lộ trình triển khai tại các sở")
    first.get_by_label("Hoặc số ngày làm việc").fill("5")
    second = page.get_by_role("group", name="Nhiệm vụ 2")
    second.get_by_label("Đơn vị thực hiện").select_option(label="Phòng Khoa giáo - Văn xã")
    second.get_by_label("Người thực hiện").select_option(label="Bùi Quang Huy")
    second.get_by_label("Nội dung nhiệm vụ").fill("Tập huấn sử dụng phần mềm cho chuyên viên")
    second.get_by_label("Hạn hoàn thành").fill(
        add_working_days(timezone.localdate(), 10).isoformat())


def _decide(page, shot, name, decision, comment=""):
    page.goto("/van-ban-di/cho-toi-duyet/")
    page.get_by_role("link", name=re.compile("Kế hoạch triển khai phần mềm")).click()
    # The draft can be read: inline beside the form, or (on a phone) opened full screen.
    assert page.locator("iframe.df-preview:visible, a.df-open-file:visible").count() >= 1
    if comment:
        page.get_by_label("Ý kiến").fill(comment)
    shot(name)
    page.get_by_role("button", name=decision).click()
    page.wait_for_url("**/cho-toi-duyet/")


def test_outgoing_journey_from_draft_to_inboxes(journey, page):
    as_user, shot, files = journey

    as_user("chuyenvien")
    _draft(page, files)
    shot("01-draft-form")
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_role("button", name="Trình duyệt").click()
    assert page.get_by_text("Đã trình dự thảo.").is_visible()
    shot("02-submitted")

    as_user("chanhvanphong", PHONE)
    _decide(page, shot, "03-return-on-phone", "Trả lại người soạn thảo",
            "Bổ sung nội dung tập huấn cho văn thư các sở.")

    as_user("chuyenvien")
    page.goto("/van-ban-di/du-thao-cua-toi/")
    page.get_by_role("link", name=re.compile("Kế hoạch triển khai phần mềm")).click()
    assert page.get_by_text("Bổ sung nội dung tập huấn cho văn thư các sở.").first.is_visible()
    page.get_by_label("Tệp dự thảo mới").set_input_files(files["du-thao-v2.pdf"])
    page.get_by_role("button", name="Tải lên phiên bản mới").click()
    assert page.get_by_text("Đã tải lên phiên bản 2.").is_visible()
    page.get_by_role("button", name="Trình lại").click()
    shot("04-resubmitted-v2")

    as_user("chanhvanphong", PHONE)
    _decide(page, shot, "05-chanhvanphong-approves", "Duyệt", "Thể thức đúng.")
    as_user("lanhdao", PHONE)
    _decide(page, shot, "06-lanhdao-signs", "Duyệt")

    as_user("vanthu")
    page.goto("/van-ban-di/cho-ban-hanh/")
    page.get_by_role("link", name=re.compile("Kế hoạch triển khai phần mềm")).click()
    page.get_by_role("link", name="Ban hành", exact=True).click()
    page.get_by_label("Bản đã ký (PDF)").set_input_files(files["ban-ky.pdf"])
    shot("07-issue-form")
    page.get_by_role("button", name="Ban hành", exact=True).click()
    document = OutgoingDocument.objects.get(summary=SUMMARY)
    assert re.fullmatch(r"\d{2,}/KH-UBND", document.notation)
    shot("08-issued")
    page.goto("/van-ban-di/")
    assert page.get_by_role("link", name=document.notation).is_visible()
    shot("09-outgoing-register")

    for username, task in [("chuyenvienvx", "Tập huấn sử dụng phần mềm"),
                           ("truongphongkt", "Xây dựng lộ trình triển khai")]:
        as_user(username)
        page.goto("/cong-viec/")
        assert page.get_by_text(task).first.is_visible(), username
        shot(f"10-tasks-{username}")

    as_user("vanthu")
    page.goto("/van-ban-den/cho-van-thu/")
    assert page.get_by_text(document.notation).first.is_visible()
    shot("11-clerk-inbox")
    incoming = IncomingDocument.objects.get(source_outgoing_id=document.pk)
    incoming_register_received(actor=User.objects.get(username="vanthu"), document=incoming)
    as_user("chuyenvienkt")
    page.goto("/van-ban-den/cua-don-vi/?tat-ca=1")
    assert page.get_by_text(SUMMARY).first.is_visible()
    shot("12-unit-inbox")
