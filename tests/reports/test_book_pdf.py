"""The register book printed by the browser (Playwright page.pdf) has the decree's columns."""

import io

import pytest
from pypdf import PdfReader

from registry.incoming.services import incoming_register
from registry.organisation.models import Correspondent, DocumentType, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_incoming_book_prints_a4_landscape_with_columns(page, login, demo, artifacts_dir):
    clerk = User.objects.get(username="vanthu")
    import datetime as dt

    from django.utils import timezone
    document = incoming_register(
        actor=clerk, sender=Correspondent.objects.get(name="Bộ Nội vụ"),
        sender_notation="12/BNV-CCHC", document_date=timezone.localdate() - dt.timedelta(days=1),
        document_type=DocumentType.objects.get(name="Công văn"),
        summary="Hướng dẫn cải cách hành chính")
    login("vanthu")
    page.goto(f"/bao-cao/so/in/?book=incoming&register={document.register_id}")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", landscape=True, print_background=True,
                   prefer_css_page_size=True)
    (artifacts_dir / "register-book-incoming.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    for column in ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng",
                   "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển",
                   "Ký nhận", "Ghi chú"):
        assert column in text, column
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text
    assert demo.name.upper() in text
    assert "12/BNV-CCHC" in text and "Hướng dẫn cải cách hành chính" in text
    assert "Trang 1 / 1" in text  # CSS @page counters
    assert "Đăng xuất" not in text  # the navigation is not printed
