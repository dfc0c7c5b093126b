"""chuyenvien works through My tasks; lanhdao sees the on-time rate move."""

import pytest

from registry.assignments.demo import demo_assignments_ensure
from registry.organisation.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logout(page, username: str) -> None:
    page.get_by_role("button", name=User.objects.get(username=username).full_name).click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/dang-nhap/")


def on_time_rate(page) -> str:
    page.goto("/cong-viec/theo-doi/")
    return page.locator("#df-rate").inner_text().strip()


def test_staff_reports_and_finishes_and_the_leader_sees_the_rate_change(
        demo, login, page, browser, live_server, artifacts_dir):
    demo_assignments_ensure(agency=demo)

    login("lanhdao")
    before = on_time_rate(page)
    page.screenshot(path=artifacts_dir / "assignments-1-tracking-before.png", full_page=True)
    logout(page, "lanhdao")

    login("chuyenvien")
    page.get_by_role("link", name="Việc của tôi").first.click()
    rows = page.locator("li.df-task")
    first = rows.first
    assert "df-task-overdue" in first.get_attribute("class")
    assert "Rà soát danh mục thủ tục hành chính" in first.inner_text()  # urgent and overdue
    page.screenshot(path=artifacts_dir / "assignments-2-my-tasks.png", full_page=True)

    first.get_by_role("link", name="Báo cáo tiến độ").click()
    page.get_by_label("Tiến độ (%)").fill("50")
    page.get_by_label("Nội dung báo cáo").fill("Đã rà soát 40/80 thủ tục.")
    page.screenshot(path=artifacts_dir / "assignments-3-progress-inline.png", full_page=True)
    page.get_by_role("button", name="Gửi báo cáo").click()
    assert page.get_by_text("Đã ghi báo cáo tiến độ.").is_visible()
    assert "50%" in page.locator("li.df-task").first.inner_text()

    meeting = rows.filter(has_text="Chuẩn bị nội dung cuộc họp giao ban")
    meeting.get_by_role("link", name="Hoàn thành").click()
    page.get_by_label("Kết quả xử lý").fill("Đã gửi tài liệu họp cho các thành viên.")
    page.get_by_role("button", name="Xác nhận hoàn thành").click()
    assert page.get_by_text("Đã ghi nhận hoàn thành.").is_visible()
    assert rows.filter(has_text="Chuẩn bị nội dung cuộc họp giao ban").count() == 0
    page.screenshot(path=artifacts_dir / "assignments-4-after-finishing.png", full_page=True)

    phone = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                viewport={"width": 390, "height": 844})
    phone.add_cookies(page.context.cookies())
    mobile = phone.new_page()
    mobile.goto("/cong-viec/")
    assert mobile.evaluate("document.documentElement.scrollWidth") <= 390
    mobile.screenshot(path=artifacts_dir / "assignments-5-my-tasks-390px.png", full_page=True)
    phone.close()
    logout(page, "chuyenvien")

    login("lanhdao")
    after = on_time_rate(page)
    page.screenshot(path=artifacts_dir / "assignments-6-tracking-after.png", full_page=True)
    assert (before, after) == ("50%", "60%")
