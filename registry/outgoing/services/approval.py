"""The approval chain: submit, approve, return. One current step at a time; only its approver
decides it; a returned draft resumes at the step that returned it."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit.services import event_record
from registry.notifications.services import notifications_create
from registry.organisation.models import Role
from registry.organisation.selectors import users_with_role

from .. import events
from ..models import (
    ACTIVE_DRAFT_STATUSES,
    ApprovalDecision,
    ApprovalDecisionKind,
    ApprovalStep,
    ApprovalStepStatus,
    ApprovalStepTemplate,
    ApproverRule,
    OutgoingDocument,
    OutgoingStatus,
)
from .common import OutgoingForbidden, access_grant, document_locked, next_version_number


def _approver_for(template: ApprovalStepTemplate, document: OutgoingDocument) -> Any:
    if template.rule == ApproverRule.UNIT_HEAD:
        return document.drafting_unit.head
    if template.rule == ApproverRule.NAMED_USER:
        return template.user
    return document.signer


def approval_chain_build(document: OutgoingDocument) -> list[ApprovalStep]:
    """The agency's active steps with their approvers resolved for this draft (unsaved).

    A step whose approver is the drafter, or someone already earlier in the chain, is
    skipped; with no configured chain the proposed signer alone decides.
    """
    templates = list(ApprovalStepTemplate.objects.filter(agency_id=document.agency_id,
                                                         is_active=True)
                     .select_related("user").order_by("order"))
    if not templates:
        templates = [ApprovalStepTemplate(order=1, name=_("Lãnh đạo ký duyệt"),
                                          rule=ApproverRule.SIGNER)]
    steps, seen = [], {document.drafter_id}
    for template in templates:
        approver = _approver_for(template, document)
        if approver is None:
            raise ValidationError({"signer": _("Chưa xác định được người duyệt bước “%(step)s” "
                                               "(chọn người ký hoặc trưởng đơn vị).")
                                   % {"step": template.name}})
        status = ApprovalStepStatus.SKIPPED if approver.pk in seen else ApprovalStepStatus.WAITING
        seen.add(approver.pk)
        steps.append(ApprovalStep(document=document, order=template.order, name=template.name,
                                  rule=template.rule, approver=approver, status=status))
    return steps


def _step_reach(*, actor: Any, document: OutgoingDocument, step: ApprovalStep) -> None:
    step.status, step.reached_at = ApprovalStepStatus.CURRENT, timezone.now()
    step.save(update_fields=["status", "reached_at"])
    notifications_create(
        recipients=[step.approver], kind="outgoing.awaiting_approval",
        title=_("Dự thảo chờ anh/chị duyệt: %(s)s") % {"s": document.summary[:120]},
        body=str(document.document_type), url=document.get_absolute_url() + "duyet/",
    )


def _decision(document: OutgoingDocument, step: ApprovalStep | None, actor: Any, kind: str,
              comment: str = "") -> None:
    ApprovalDecision.objects.create(document=document, step=step, actor=actor, kind=kind,
                                    comment=comment, version_number=next_version_number(document)
                                    - 1 or None)


def outgoing_submit(*, actor: Any, document: OutgoingDocument) -> OutgoingDocument:
    """The drafter sends the draft into the chain (or back into it after a return)."""
    with transaction.atomic():
        document = document_locked(document)
        if document.drafter_id != actor.pk:
            raise OutgoingForbidden(_("Chỉ người soạn thảo được trình dự thảo."))
        if document.status not in ACTIVE_DRAFT_STATUSES:
            raise ValidationError(_("Dự thảo đã được trình hoặc đã ban hành."))
        if not document.is_secret and not document.versions.exists():
            raise ValidationError({"file": _("Tải lên tệp dự thảo trước khi trình.")})
        if not document.recipients.exists():
            raise ValidationError({"recipients": _("Chọn ít nhất một nơi nhận.")})
        step = document.steps.filter(status=ApprovalStepStatus.RETURNED).first()
        if step is None and not document.steps.exists():
            ApprovalStep.objects.bulk_create(approval_chain_build(document))
        if step is None:
            step = document.steps.filter(status=ApprovalStepStatus.WAITING).order_by("order") \
                .select_related("approver").first()
        document.status, document.submitted_at = OutgoingStatus.IN_APPROVAL, timezone.now()
        document.save(update_fields=["status", "submitted_at", "updated_at"])
        _decision(document, None, actor, ApprovalDecisionKind.SUBMITTED)
        event_record(actor=actor, verb=events.SUBMITTED, target=document,
                     payload={"version": next_version_number(document) - 1,
                              "step": step.name if step else None})
        access_grant(actor=actor, document=document,
                     users=[s.approver for s in document.steps.select_related("approver")])
        if step is None:
            _signed(actor=actor, document=document)
        else:
            _step_reach(actor=actor, document=document, step=step)
    return document


def _current_step_of(actor: Any, document: OutgoingDocument) -> ApprovalStep:
    if document.status != OutgoingStatus.IN_APPROVAL:
        raise ValidationError(_("Văn bản không ở bước trình duyệt."))
    step = document.steps.select_related("approver").filter(
        status=ApprovalStepStatus.CURRENT).first()
    if step is None or step.approver_id != actor.pk:
        who = step.approver if step else "—"
        raise OutgoingForbidden(
            _("Bước hiện tại “%(step)s” do %(who)s duyệt; anh/chị không thể quyết định thay.")
            % {"step": step.name if step else "—", "who": who}
        )
    return step


def outgoing_approve(*, actor: Any, document: OutgoingDocument, comment: str = "") -> ApprovalStep:
    """The current approver approves; the next step is reached, or the document is signed."""
    with transaction.atomic():
        document = document_locked(document)
        step = _current_step_of(actor, document)
        step.status, step.decided_at = ApprovalStepStatus.APPROVED, timezone.now()
        step.comment = (comment or "").strip()
        step.save(update_fields=["status", "decided_at", "comment"])
        _decision(document, step, actor, ApprovalDecisionKind.APPROVED, step.comment)
        event_record(actor=actor, verb=events.APPROVED, target=document,
                     payload={"step": step.name, "comment": step.comment})
        following = document.steps.filter(status=ApprovalStepStatus.WAITING,
                                           order__gt=step.order).order_by("order") \
            .select_related("approver").first()
        if following is None:
            _signed(actor=actor, document=document)
        else:
            _step_reach(actor=actor, document=document, step=following)
    return step


def _signed(*, actor: Any, document: OutgoingDocument) -> None:
    document.status, document.approved_at = OutgoingStatus.APPROVED, timezone.now()
    signer = document.signer or actor
    document.signer_name = signer.display_title if hasattr(signer, "display_title") else str(
        signer)
    document.save(update_fields=["status", "approved_at", "signer_name", "updated_at"])
    event_record(actor=actor, verb=events.SIGNED, target=document,
                 payload={"signer": document.signer_name})
    clerks = list(users_with_role(document.agency_id, Role.CLERK))
    access_grant(actor=actor, document=document, users=clerks)
    notifications_create(
        recipients=[*clerks, document.drafter], kind="outgoing.signed",
        title=_("Văn bản đã ký, chờ ban hành: %(s)s") % {"s": document.summary[:120]},
        url=document.get_absolute_url(),
    )


def outgoing_return(*, actor: Any, document: OutgoingDocument, comment: str) -> ApprovalStep:
    """The current approver returns the draft to the drafter, saying what to change."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Ghi ý kiến để người soạn thảo biết cần sửa gì.")})
    with transaction.atomic():
        document = document_locked(document)
        step = _current_step_of(actor, document)
        step.status, step.decided_at, step.comment = (ApprovalStepStatus.RETURNED,
                                                      timezone.now(), comment)
        step.save(update_fields=["status", "decided_at", "comment"])
        document.status = OutgoingStatus.RETURNED
        document.save(update_fields=["status", "updated_at"])
        _decision(document, step, actor, ApprovalDecisionKind.RETURNED, comment)
        event_record(actor=actor, verb=events.RETURNED, target=document,
                     payload={"step": step.name, "comment": comment})
        notifications_create(
            recipients=[document.drafter], kind="outgoing.returned",
            title=_("Dự thảo bị trả lại: %(s)s") % {"s": document.summary[:120]},
            body=comment, url=document.get_absolute_url(),
        )
    return step
