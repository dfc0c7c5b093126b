"""The outgoing app's one doorway to the incoming app (its services and selectors only)."""

from typing import Any

from registry.incoming.services import incoming_mark_answered, incoming_receive

from .models import OutgoingDocument


def incoming_deliver(*, document: OutgoingDocument, agency: Any, to_unit: Any) -> Any:
    """Put an issued document into an internal recipient's inbox, waiting for its clerk."""
    attachments = ([] if document.is_secret or document.signed_file is None
                   else [(document.signed_file, document.signed_filename)])
    return incoming_receive(
        agency=agency, sender_agency=document.agency, sender=None,
        sender_notation=document.notation, document_date=document.document_date,
        document_type=document.document_type, summary=document.summary,
        signer=document.signer_name, urgency=document.urgency, secrecy=document.secrecy,
        page_count=document.page_count, channel="internal", to_unit=to_unit,
        source_outgoing_id=document.pk, attachments=attachments,
    )


def answered_documents(document: OutgoingDocument) -> list[Any]:
    return list(document.answers.all())


def incoming_answered(*, actor: Any, incoming: Any, reply_label: str) -> None:
    incoming_mark_answered(actor=actor, document=incoming, reply_label=reply_label)
