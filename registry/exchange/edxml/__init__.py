"""edXML (QCVN 102:2016/BTTTT) document and status messages: dataclasses, writer, hardened reader.

Pure Python, no Django: the exchange app's services turn these messages into register entries.
"""

from .errors import DEFAULT_LIMITS, Limits, PacketError
from .formats import date_format, date_parse, document_id_build, timestamp_format, timestamp_parse
from .model import (
    ACCEPTED_NAMESPACES,
    NAMESPACE,
    Attachment,
    Business,
    BusinessDocType,
    BusinessDocumentInfo,
    Code,
    DocumentMessage,
    DocumentType,
    Organization,
    OtherInfo,
    PromulgationInfo,
    Receiver,
    ReplacementInfo,
    ResponseFor,
    SignerInfo,
    StaffInfo,
    StatusCode,
    StatusMessage,
    TraceHeader,
)
from .reader import read_document, read_status
from .writer import document_id_of, write_document, write_status

__all__ = [
    "ACCEPTED_NAMESPACES",
    "DEFAULT_LIMITS",
    "NAMESPACE",
    "Attachment",
    "Business",
    "BusinessDocType",
    "BusinessDocumentInfo",
    "Code",
    "DocumentMessage",
    "DocumentType",
    "Limits",
    "Organization",
    "OtherInfo",
    "PacketError",
    "PromulgationInfo",
    "Receiver",
    "ReplacementInfo",
    "ResponseFor",
    "SignerInfo",
    "StaffInfo",
    "StatusCode",
    "StatusMessage",
    "TraceHeader",
    "date_format",
    "date_parse",
    "document_id_build",
    "document_id_of",
    "read_document",
    "read_status",
    "timestamp_format",
    "timestamp_parse",
    "write_document",
    "write_status",
]
