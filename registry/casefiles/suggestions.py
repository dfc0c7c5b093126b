"""Which file a document probably belongs in, when a task is finished or a document is issued.

First the open files that already hold a related document (the incoming document a reply
answers, the document an assignment came from, the document it amends), then the other open
files the person is making. One click on the suggestion adds the document.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from registry.assignments.models import Assignment
from registry.incoming.models import IncomingDocument
from registry.outgoing.models import OutgoingDocument

from .documents import kind_of
from .models import CaseFile, CaseFileItem, CaseFileStatus
from .selectors import casefiles_visible_to

MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Suggestion:
    case_file: CaseFile
    reason: str


def _manageable_open(user: Any) -> QuerySet[CaseFile]:
    mine = Q(responsible_user_id=user.pk) | Q(responsible_unit__head_id=user.pk)
    if user.unit_id:
        mine |= Q(responsible_user__isnull=True, responsible_unit_id=user.unit_id)
    return casefiles_visible_to(user).filter(mine, status=CaseFileStatus.OPEN)


def _source_ids(assignment: Assignment) -> tuple[list[int], list[int]]:
    if assignment.source_type_id is None or assignment.source_id is None:
        return [], []
    model = ContentType.objects.get_for_id(assignment.source_type_id).model_class()
    if model is IncomingDocument:
        return [assignment.source_id], []
    if model is OutgoingDocument:
        return [], [assignment.source_id]
    return [], []


def related_ids(document: Model) -> tuple[list[int], list[int]]:
    """(incoming ids, outgoing ids) of the documents this one belongs with."""
    if isinstance(document, OutgoingDocument):
        answered = list(document.answers.values_list("pk", flat=True))
        return answered, [document.amends_id] if document.amends_id else []
    if isinstance(document, IncomingDocument):
        replies = list(document.answered_by_outgoing.values_list("pk", flat=True))
        if document.source_outgoing_id:
            replies.append(document.source_outgoing_id)
        return [], replies
    if isinstance(document, Assignment):
        return _source_ids(document)
    return [], []


def _not_containing(qs: QuerySet[CaseFile], document: Model) -> QuerySet[CaseFile]:
    field = {"incoming": "incoming_id", "outgoing": "outgoing_id",
             "result": "assignment_id"}[kind_of(document)]
    inside = CaseFileItem.objects.filter(case_file_id=OuterRef("pk"), **{field: document.pk})
    return qs.exclude(Exists(inside))


def casefile_suggestions_for(user: Any, document: Model) -> list[Suggestion]:
    """Up to five open files the user makes that the document may go into, best first."""
    candidates = _not_containing(_manageable_open(user), document).select_related(
        "responsible_unit")
    incoming_ids, outgoing_ids = related_ids(document)
    related = CaseFileItem.objects.filter(case_file_id=OuterRef("pk")).filter(
        Q(incoming_id__in=incoming_ids) | Q(outgoing_id__in=outgoing_ids))
    ranked = candidates.annotate(has_related=Exists(related)).order_by(
        "-has_related", "-opened_at", "-id")[:MAX_SUGGESTIONS]
    return [Suggestion(case_file=f, reason=_("Có văn bản liên quan") if f.has_related
                       else _("Hồ sơ bạn đang lập")) for f in ranked]
