import pytest

from registry.organisation.demo import USERS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_demo_user_logs_in_and_sees_their_home(demo, login, page, artifacts_dir):
    for spec in [u for u in USERS if u.username in
                 {"vanthu", "lanhdao", "chanhvanphong", "chuyenvien", "quantri"}]:
        login(spec.username)
        assert page.get_by_role("heading", name=f"Xin chào, {spec.full_name}").is_visible()
        page.screenshot(path=artifacts_dir / f"home-{spec.username}.png", full_page=True)
        page.get_by_role("button", name=spec.full_name).click()
        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_url("**/dang-nhap/")


def test_wrong_password_keeps_the_username_and_says_why(demo, page):
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("vanthu")
    page.get_by_label("Mật khẩu").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").is_visible()
    assert page.get_by_label("Tên đăng nhập").input_value() == "vanthu"
