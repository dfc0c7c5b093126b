"""Shared steps of the outgoing tests that need an issued document."""

from django.utils import timezone

from registry.organisation.models import Direction
from registry.organisation.numbering import register_for_year
from registry.outgoing.demo import pdf_stored
from registry.outgoing.services import IssueFields, outgoing_issue

from .conftest import user


def issue(document, *, secret: bool = False):
    today = timezone.localdate()
    register = register_for_year(agency=document.agency, direction=Direction.OUTGOING,
                                 year=today.year, is_secret=secret)
    fields = IssueFields(register=register, document_date=today,
                         signed_file=None if secret else pdf_stored("Ban ky"),
                         signed_filename="" if secret else "ban-ky.pdf")
    outgoing_issue(actor=user("vanthu"), document=document, fields=fields)
    document.refresh_from_db()
    return document
