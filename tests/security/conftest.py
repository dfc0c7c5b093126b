"""The security suite's world: one office, six roles, and a normal and a secret object of
every kind, each with a summary marker the tests look for in response bodies."""

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from registry.assignments.models import Assignment
from registry.assignments.services import assignment_extension_request
from registry.casefiles.services import casefile_open_ad_hoc
from registry.files.services import file_store
from registry.incoming.models import IncomingAttachment, IncomingDocument
from registry.incoming.services import (
    Handler,
    incoming_direct,
    incoming_register,
    incoming_submit,
)
from registry.notifications.models import Notification
from registry.organisation.models import Correspondent, DocumentType, Secrecy, Unit, User
from registry.outgoing.demo import approval_chain_ensure
from registry.outgoing.models import OutgoingDocument
from registry.outgoing.services import DraftFields, outgoing_draft_create, outgoing_submit

# anonymous, clerk, leader, staff of the handling unit (TH), staff of another unit (KT), admin
ROLE_USERS = {"anonymous": None, "clerk": "vanthu", "leader": "lanhdao",
              "staff": "chuyenvien", "other_staff": "chuyenvienkt", "admin": "quantri"}
ROLES = tuple(ROLE_USERS)
MARK = {"normal": "MATRIXNORMAL", "secret": "MATRIXSECRET"}

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")


@dataclass
class Objects:
    """The objects of one secrecy level."""

    incoming: IncomingDocument
    outgoing: OutgoingDocument
    assignment: Assignment
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class World:
    users: dict[str, User]
    normal: Objects
    secret: Objects

    def of(self, secrecy: str) -> Objects:
        return self.normal if secrecy == "normal" else self.secret


def _incoming(users: dict[str, User], secrecy: str) -> IncomingDocument:
    clerk, leader, staff = users["clerk"], users["leader"], users["staff"]
    secret = secrecy == "secret"
    attachments = [] if secret else [
        (file_store(upload=io.BytesIO(PDF), name="van-ban.pdf", size=len(PDF)), "van-ban.pdf")]
    document = incoming_register(
        actor=clerk, sender=Correspondent.objects.get(name="Bộ Nội vụ"),
        sender_notation=f"{secrecy[:3]}/BNV-MT", document_type=DocumentType.objects.get(
            name="Công văn"), document_date=timezone.localdate() - dt.timedelta(days=1),
        summary=f"{MARK[secrecy]} V/v kiểm tra phân quyền",
        secrecy=Secrecy.SECRET if secret else Secrecy.NORMAL, attachments=attachments)
    incoming_submit(actor=clerk, document=document, leader=leader)
    return incoming_direct(
        actor=leader, document=document, direction=f"{MARK[secrecy]} giao xử lý",
        lead=Handler(unit=staff.unit, user=staff, days=5))


def _outgoing(users: dict[str, User], secrecy: str) -> OutgoingDocument:
    staff = users["staff"]
    units = {u.abbreviation: u for u in Unit.objects.filter(agency_id=staff.agency_id)}
    fields = DraftFields(
        document_type=DocumentType.objects.get(name="Kế hoạch"),
        summary=f"{MARK[secrecy]} Kế hoạch kiểm tra phân quyền", signer=users["leader"],
        drafting_unit=staff.unit, recipient_units=[units["VX"]],
        secrecy=Secrecy.SECRET if secrecy == "secret" else Secrecy.NORMAL)
    secret = secrecy == "secret"
    stored = None if secret else file_store(upload=io.BytesIO(PDF), name="du-thao.pdf",
                                            size=len(PDF))
    document = outgoing_draft_create(actor=staff, fields=fields, stored_file=stored,
                                     filename="" if secret else "du-thao.pdf")
    return outgoing_submit(actor=staff, document=document) or document


@pytest.fixture
def world(demo) -> World:
    approval_chain_ensure(agency=demo)
    users = {role: User.objects.get(username=name) for role, name in ROLE_USERS.items()
             if name}
    levels = {}
    for secrecy in ("normal", "secret"):
        incoming = _incoming(users, secrecy)
        outgoing = _outgoing(users, secrecy)
        assignment = Assignment.objects.filter(source_id=incoming.pk).exclude(
            source_type__model="outgoingdocument").order_by("id").first()
        assert assignment is not None
        extension = assignment_extension_request(
            actor=users["staff"], assignment=assignment,
            requested_deadline=assignment.deadline + dt.timedelta(days=7),
            reason=f"{MARK[secrecy]} đề nghị gia hạn")
        levels[secrecy] = Objects(incoming=incoming, outgoing=outgoing, assignment=assignment,
                                  extra={"extension": extension})
    levels["normal"].extra["attachment"] = IncomingAttachment.objects.get(
        document=levels["normal"].incoming)
    levels["normal"].extra["casefile"] = casefile_open_ad_hoc(
        actor=users["staff"], title=f"{MARK['normal']} Hồ sơ kiểm tra phân quyền")
    levels["normal"].extra["notification"] = Notification.objects.filter(
        recipient=users["staff"]).order_by("id").first()
    return World(users=users, normal=levels["normal"], secret=levels["secret"])
