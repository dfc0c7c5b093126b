"""The pages people use every day, over HTTP and by query count."""

from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from registry.assignments.models import Assignment
from registry.organisation.models import User


@dataclass(frozen=True)
class Page:
    label: str
    username: str
    path: str


def pages_for(clerk: User, leader: User, staff: User) -> list[Page]:
    document = (Assignment.objects.filter(assignee_unit_id=staff.unit_id, source_id__isnull=False)
                .order_by("-id").values_list("source_id", flat=True).first())
    pages = [
        Page("Sổ văn bản đến (văn thư)", clerk.username, reverse("incoming:register")),
        Page("Văn bản của đơn vị (chuyên viên)", staff.username, reverse("incoming:unit")),
        Page("Việc của tôi (chuyên viên)", staff.username, reverse("assignments:mine")),
        Page("Trang văn bản đến (chuyên viên)", staff.username,
             reverse("incoming:detail", args=[document])),
        Page("Trang chủ lãnh đạo", leader.username, reverse("home")),
        Page("Theo dõi, đôn đốc (lãnh đạo)", leader.username, reverse("assignments:tracking")),
        Page("Sổ văn bản đi (văn thư)", clerk.username, reverse("outgoing:register")),
    ]
    return pages


def search_pages(leader: User, staff: User, notation: str) -> list[Page]:
    try:
        base = reverse("search:results")
    except NoReverseMatch:
        return []
    queries = [("phổ biến", "cai cach hanh chinh"), ("hiếm", "phong chay chua chay quy 3"),
               ("hai chữ", "ke"), ("số ký hiệu", notation)]
    pages = []
    for user, who in ((leader, "lãnh đạo"), (staff, "chuyên viên")):
        for kind, query in queries:
            pages.append(Page(f"Tìm kiếm {kind} ({who})", user.username,
                              f"{base}?q={query.replace(' ', '+').replace('/', '%2F')}"))
    return pages


def query_count(page: Page) -> tuple[int, int]:
    """(status, number of SQL queries) of one request, in process."""
    client = Client()
    client.force_login(User.objects.get(username=page.username))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.path)
    return response.status_code, len(queries)
