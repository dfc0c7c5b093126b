"""Writes of the search app: saved searches, and the folded text of assignments."""

from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.utils.translation import gettext as _

from registry.assignments.models import Assignment
from registry.audit.services import event_record
from registry.core.text import fold

from . import events
from .models import AssignmentText, SavedSearch

SAVED_SEARCH_LIMIT = 50
# Parameters of the search page a saved search keeps (never the page cursor).
KEPT_PARAMETERS = ("q", "kind", "register", "year", "date_from", "date_to", "document_type",
                   "sender", "sender_name", "status", "urgency")
SYNC_BATCH = 5000
# Ids are taken in one order and committed in another: look back this far for a late commit.
SYNC_LOOKBACK = 1000


def query_string_clean(query: str) -> str:
    """The query string reduced to the search's own non-empty parameters, in a fixed order."""
    pairs = dict(parse_qsl(query or "", keep_blank_values=False))
    return urlencode([(k, pairs[k]) for k in KEPT_PARAMETERS if pairs.get(k, "").strip()])


def saved_search_create(*, actor: Any, name: str, query: str) -> SavedSearch:
    name = " ".join((name or "").split())
    query = query_string_clean(query)
    if not name:
        raise ValidationError({"name": _("Đặt tên cho tìm kiếm.")})
    if not query:
        raise ValidationError({"name": _("Chưa có điều kiện tìm nào để lưu.")})
    with transaction.atomic():
        if SavedSearch.objects.filter(user=actor).count() >= SAVED_SEARCH_LIMIT:
            raise ValidationError({"name": _("Mỗi người lưu tối đa %(n)s tìm kiếm.") % {
                "n": SAVED_SEARCH_LIMIT}})
        if SavedSearch.objects.filter(user=actor, name=name).exists():
            raise ValidationError({"name": _("Bạn đã có một tìm kiếm tên “%(name)s”.") % {
                "name": name}})
        saved = SavedSearch.objects.create(user=actor, name=name, query=query)
        event_record(actor=actor, verb=events.SAVED_SEARCH_CREATED, target=saved,
                     payload={"name": name, "query": query})
    return saved


def saved_search_delete(*, actor: Any, saved: SavedSearch) -> None:
    if saved.user_id != actor.pk:
        raise ValidationError(_("Đây không phải tìm kiếm của bạn."))
    with transaction.atomic():
        event_record(actor=actor, verb=events.SAVED_SEARCH_DELETED, target=saved,
                     payload={"name": saved.name, "query": saved.query})
        saved.delete()


def assignment_texts_sync(*, batch: int = SYNC_BATCH) -> int:
    """Fold the content of assignments not yet indexed; returns how many were added.

    An assignment's content is fixed once given (a hand-on creates a new assignment), so
    the ids after the highest indexed one are all there is to do, plus a look-back for a
    transaction that took its id early and committed late. ON CONFLICT makes two
    overlapping runs harmless.
    """
    last = AssignmentText.objects.aggregate(last=Max("assignment_id"))["last"] or 0
    indexed = AssignmentText.objects.filter(assignment_id=OuterRef("pk"))
    rows = list(Assignment.objects.filter(pk__gt=last - SYNC_LOOKBACK, source_type__isnull=False,
                                          source_id__isnull=False)
                .exclude(Exists(indexed))
                .order_by("pk").values_list("pk", "source_type_id", "source_id", "content")
                [:batch])
    AssignmentText.objects.bulk_create(
        [AssignmentText(assignment_id=pk, source_type_id=type_id, source_id=source_id,
                        folded=fold(content)) for pk, type_id, source_id, content in rows],
        ignore_conflicts=True)
    return len(rows)


def assignment_texts_sync_all() -> int:
    total = 0
    while (added := assignment_texts_sync()) > 0:
        total += added
    return total
