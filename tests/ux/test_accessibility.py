"""The accessibility audit: axe-core on the main pages of each role, no serious violation."""
import pytest
from django.urls import reverse

from .helpers import awaiting_approval, awaiting_direction, axe_violations, demo_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Fields marked invalid whose aria-describedby does not lead to a visible error message.
UNTIED_ERRORS = """() => Array.from(document.querySelectorAll('[aria-invalid=true]')).filter(el => {
  const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
  return !ids.some(id => {
    const m = document.getElementById(id);
    return m && m.classList.contains('invalid-feedback') && m.innerText.trim();
  });
}).map(el => el.name || el.id)"""


def audit(page, path: str) -> list[str]:
    page.goto(path)
    return [f"{path}: {v}" for v in axe_violations(page)]


def test_login_page_has_no_serious_violation(demo, page):
    problems = audit(page, "/dang-nhap/")
    assert not problems, "\n".join(problems)


def test_clerk_pages(demo, login, page):
    demo_office(demo)
    login("vanthu")
    document = awaiting_direction()
    problems = []
    for path in ("/", reverse("incoming:register"), reverse("incoming:create"),
                 document.get_absolute_url(), reverse("outgoing:register"),
                 reverse("search:results") + "?q=UBND"):
        problems += audit(page, path)
    # A form sent empty: errors tied to their fields.
    page.goto(reverse("incoming:create"))
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    page.wait_for_selector("[aria-invalid=true]")
    problems += [f"invalid form: {v}" for v in axe_violations(page)]
    assert page.evaluate(UNTIED_ERRORS) == []
    assert not problems, "\n".join(problems)


def test_leader_pages(demo, login, page):
    demo_office(demo)
    login("lanhdao")
    document, draft = awaiting_direction(), awaiting_approval()
    problems = []
    for path in ("/", reverse("incoming:direct", args=[document.pk]),
                 reverse("outgoing:awaiting_approval"),
                 reverse("outgoing:approval", args=[draft.pk])):
        problems += audit(page, path)
    assert not problems, "\n".join(problems)


def test_staff_pages(demo, login, page):
    demo_office(demo)
    login("chuyenvien")
    problems = []
    for path in ("/", reverse("assignments:mine"), reverse("outgoing:draft_create"),
                 reverse("outgoing:my_drafts")):
        problems += audit(page, path)
    assert not problems, "\n".join(problems)
