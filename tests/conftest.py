import os
from pathlib import Path

import pytest

from registry.organisation.demo import demo_organisation_ensure
from registry.organisation.models import Agency, User

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture
def demo(db) -> Agency:
    """The demo office (units, users vanthu/lanhdao/chanhvanphong/chuyenvien/quantri, registers)."""
    return demo_organisation_ensure()


@pytest.fixture
def demo_user(demo):
    def get(username: str) -> User:
        return User.objects.get(username=username)

    return get


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; skipped loudly when absent."""
    executable = os.environ.get("DOCFLOW_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.skip(f"BROWSER TESTS SKIPPED: no Chromium at {executable}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself between page actions are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN",
                                  viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log a demo user in through the real login form."""

    def do(username: str, password: str = "demo"):
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(lambda url: "/dang-nhap/" not in url)
        return page

    return do
