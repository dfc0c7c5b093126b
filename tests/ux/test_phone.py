"""Leaders on phones: the direction and approval pages at 390 × 844."""
import pytest
from django.urls import reverse

from .helpers import awaiting_approval, awaiting_direction, demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TOUCH = 44  # px, the smallest comfortable touch target


def fits_the_screen(page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], page.url


def tall_enough(page, name: str) -> None:
    box = page.get_by_role("button", name=name, exact=True).or_(
        page.get_by_role("link", name=name, exact=True)).first.bounding_box()
    assert box and box["height"] >= TOUCH, (name, box)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)


def test_leader_directs_and_approves_on_a_phone(demo, login, page, artifacts_dir):
    demo_office(demo)
    login("lanhdao")
    page.set_viewport_size(PHONE)
    document, draft = awaiting_direction(), awaiting_approval()

    page.goto(reverse("incoming:direct", args=[document.pk]))
    fits_the_screen(page)
    assert page.get_by_label("Ý kiến chỉ đạo").is_visible()
    for name in ("Chỉ đạo và giao việc", "Trả lại văn thư"):
        tall_enough(page, name)
    page.screenshot(path=artifacts_dir / "ux-phone-direction.png", full_page=True)

    page.goto(reverse("outgoing:approval", args=[draft.pk]))
    fits_the_screen(page)
    assert page.get_by_label("Ý kiến").is_visible()
    for name in ("Đọc dự thảo (phiên bản 1, PDF)", "Duyệt", "Trả lại người soạn thảo"):
        tall_enough(page, name)
    page.screenshot(path=artifacts_dir / "ux-phone-approval.png", full_page=True)

    # And the journey ends there: the comment typed with the thumb, one tap to return.
    page.get_by_label("Ý kiến").fill("Đề nghị bổ sung căn cứ pháp lý.")
    page.get_by_role("button", name="Trả lại người soạn thảo").click()
    assert page.get_by_text("Đã trả lại dự thảo cho người soạn thảo.").is_visible()
    fits_the_screen(page)
