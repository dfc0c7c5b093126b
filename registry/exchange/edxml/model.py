"""The edXML messages (QCVN 102:2016/BTTTT, amended 2022) as plain dataclasses.

Field names follow the standard's element names in snake case (`OrganInCharge` →
`organ_in_charge`), so a reader of the standard finds each one. Optional text is `""` when the
element is absent; optional dates and numbers are `None`. Nothing here touches XML or Django.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

NAMESPACE = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
"""The namespace we write."""

ACCEPTED_NAMESPACES = (NAMESPACE, "http://www.e-doc.vn/Schema/", "")
"""Namespaces we read: ours, the older e-doc one, and none at all."""


class BusinessDocType(enum.IntEnum):
    """`BussinessDocType` (sic, the standard's spelling): what the packet does to a document."""

    NEW = 0
    RECALL = 1
    UPDATE = 2
    REPLACE = 3


class StatusCode(enum.StrEnum):
    """Two-digit `StatusCode` of a status message."""

    ARRIVED = "01"
    REFUSED = "02"
    ACCEPTED = "03"
    ASSIGNED = "04"
    HANDLING = "05"
    COMPLETED = "06"
    WITHDRAW_REQUESTED = "13"
    WITHDRAW_AGREED = "15"
    WITHDRAW_REFUSED = "16"


WITHDRAW_AGREED_ALIASES = ("14", "15")
"""Some senders write 14 for "receiver agrees to the withdrawal"; we read both and write 15."""


@dataclass(frozen=True)
class Organization:
    """`From`/`To`: an agency with its electronic code and contacts."""

    organ_id: str
    organ_name: str = ""
    organ_in_charge: str = ""
    organ_add: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Code:
    """`Code`: the document's number (`CodeNumber`) and symbol (`CodeNotation`)."""

    code_number: str
    code_notation: str = ""

    @property
    def number_notation(self) -> str:
        """`15/QĐ-UBND`, or the bare number when there is no notation."""
        if not self.code_notation:
            return self.code_number
        return f"{self.code_number}/{self.code_notation}"


@dataclass(frozen=True)
class PromulgationInfo:
    place: str = ""
    promulgation_date: date | None = None


@dataclass(frozen=True)
class DocumentType:
    type: str = ""
    type_name: str = ""


@dataclass(frozen=True)
class SignerInfo:
    competence: str = ""
    position: str = ""
    full_name: str = ""


@dataclass(frozen=True)
class OtherInfo:
    """`OtherInfo`. `priority`: 0 normal, 1 urgent, 2 very urgent, 3 express, 4 express timed."""

    priority: int | None = None
    sphere_of_promulgation: str = ""
    typer_notation: str = ""
    promulgation_amount: int | None = None
    page_amount: int | None = None
    appendixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseFor:
    """The document a reply or a status refers to."""

    organ_id: str
    code: str = ""
    promulgation_date: date | None = None
    document_id: str = ""


@dataclass(frozen=True)
class TraceHeader:
    organ_id: str
    timestamp: datetime


@dataclass(frozen=True)
class StaffInfo:
    department: str = ""
    staff: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class Receiver:
    """A receiver of an update (`ReceiverList/Receiver`)."""

    organ_id: str
    receiver_type: str = ""


@dataclass(frozen=True)
class BusinessDocumentInfo:
    """What an update (BussinessDocType 2) changes: the document's data, its receivers, or both."""

    document_info: str = ""
    document_receiver: str = ""
    receivers: tuple[Receiver, ...] = ()


@dataclass(frozen=True)
class ReplacementInfo:
    """A replacement (BussinessDocType 3): the replaced document and who had received it."""

    document_id: str
    organ_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Business:
    """`Bussiness` (sic): new, recall, update or replace, with its reason and who did it."""

    doc_type: BusinessDocType = BusinessDocType.NEW
    reason: str = ""
    document_info: BusinessDocumentInfo | None = None
    replacements: tuple[ReplacementInfo, ...] = ()
    staff_info: StaffInfo | None = None


@dataclass(frozen=True)
class Attachment:
    """A file carried in the packet: the manifest entry and the decoded bytes."""

    content_id: str
    name: str
    content_type: str
    data: bytes
    description: str = ""


@dataclass(frozen=True)
class DocumentMessage:
    """The document message: header, trace list and attachments.

    `document_id` may be left empty when writing: it is then derived from `sender`, the
    promulgation date and the code (see `formats.document_id_build`).
    """

    sender: Organization
    recipients: tuple[Organization, ...]
    code: Code
    subject: str
    document_id: str = ""
    promulgation: PromulgationInfo = field(default_factory=PromulgationInfo)
    document_type: DocumentType = field(default_factory=DocumentType)
    content: str = ""
    signer: SignerInfo = field(default_factory=SignerInfo)
    due_date: date | None = None
    to_places: tuple[str, ...] = ()
    other_info: OtherInfo = field(default_factory=OtherInfo)
    steering_type: int | None = None
    response_for: tuple[ResponseFor, ...] = ()
    trace_headers: tuple[TraceHeader, ...] = ()
    business: Business = field(default_factory=Business)
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class StatusMessage:
    """The status message: what became of a document at the agency in `sender`."""

    response_for: ResponseFor
    sender: Organization
    status_code: StatusCode
    timestamp: datetime
    description: str = ""
    staff_info: StaffInfo | None = None
