"""The search's SQL form of the visibility selectors (registry/search/visibility.py) selects
exactly what `incoming_visible_to` and `outgoing_visible_to` select: for every kind of user
(clerk, leader, staff of each unit, head of unit with two roles, staff without a unit,
a user without an agency, another agency's people, an administrator, nobody) over documents
in every state that decides it (agency, secrecy, status, addressee, registering clerk,
assignments to the person, their unit or someone else, grants, drafter, approval chain,
recipients by unit, agency or correspondent). A change to a selector that is not made in
visibility.py fails here."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from registry.assignments.models import Assignment
from registry.core.text import fold
from registry.incoming.models import IncomingAccessGrant, IncomingDocument, IncomingStatus
from registry.incoming.selectors import incoming_visible_to
from registry.organisation.models import Correspondent, DocumentType, Role, Secrecy, Unit, User
from registry.outgoing.models import (
    ApprovalStep,
    OutgoingDocument,
    OutgoingGrant,
    OutgoingRecipient,
    OutgoingStatus,
)
from registry.outgoing.selectors import outgoing_visible_to
from registry.search import plans
from registry.search.params import SearchParams
from registry.search.query import query_parse
from registry.search.selectors import search_documents
from registry.search.visibility import incoming_visible_sql, outgoing_visible_sql
from tests.factories import AgencyFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

SELECTORS = {"incoming": (IncomingDocument, incoming_visible_to, incoming_visible_sql),
             "outgoing": (OutgoingDocument, outgoing_visible_to, outgoing_visible_sql)}


def by_sql(kind, user) -> set[int]:
    model, _selector, visible_sql = SELECTORS[kind]
    condition = visible_sql(user)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.id FROM {model._meta.db_table} d WHERE {condition.text}",
                       list(condition.params))
        return {row[0] for row in cursor.fetchall()}


def by_selector(kind, user) -> set[int]:
    _model, selector, _visible_sql = SELECTORS[kind]
    return set(selector(user).values_list("pk", flat=True))


def _assign(document, number: int, *, staff: User, other: User, units: dict[str, Unit],
            leader: User) -> None:
    """One assignment (or none) on a document, by `number`: to the person, to their unit,
    to another unit, to someone else in another unit."""
    target = [{"assignee_user": staff}, {"assignee_unit": units["TH"]},
              {"assignee_unit": units["KT"]}, {"assignee_user": other}, None][number % 5]
    if target is None:
        return
    Assignment.objects.create(
        agency=document.agency, assigner=leader, content="Xử lý văn bản mẫu",
        source_type=ContentType.objects.get_for_model(document), source_id=document.pk,
        **target)


@pytest.fixture
def world(demo, demo_user, register_doc):
    units = {unit.abbreviation: unit for unit in Unit.objects.filter(agency=demo)}
    clerk, leader = demo_user("vanthu"), demo_user("lanhdao")
    staff, other_staff = demo_user("chuyenvien"), demo_user("chuyenvienvx")
    elsewhere = AgencyFactory()
    elsewhere_unit = UnitFactory(agency=elsewhere)
    people = {
        "clerk and staff of TH": UserFactory(unit=units["TH"], agency=demo,
                                             roles=[Role.CLERK, Role.STAFF]),
        "staff without a unit": UserFactory(unit=None, agency=demo, roles=[Role.STAFF]),
        "no agency": UserFactory(unit=None, agency=None, roles=[Role.STAFF]),
        "leader elsewhere": UserFactory(unit=elsewhere_unit, roles=[Role.LEADER]),
        "clerk elsewhere": UserFactory(unit=elsewhere_unit, roles=[Role.CLERK]),
        "superuser": UserFactory(unit=None, agency=demo, roles=[], is_superuser=True),
    }
    nobody_unit = people["staff without a unit"]

    # Incoming: every combination of the columns the rule reads.
    model_doc = register_doc("Văn bản mẫu đến")
    number = 1000
    incoming = []
    for agency in (demo, elsewhere):
        for secrecy in (Secrecy.NORMAL, Secrecy.SECRET):
            for status in (IncomingStatus.RECEIVED, IncomingStatus.REGISTERED,
                           IncomingStatus.DIRECTED):
                for to_unit in (None, units["TH"], units["KT"]):
                    for registered_by in (clerk, staff):
                        number += 1
                        document = IncomingDocument.objects.get(pk=model_doc.pk)
                        document.pk = None
                        document._state.adding = True
                        document.number, document.agency = number, agency
                        document.secrecy, document.status = secrecy, status
                        document.to_unit, document.registered_by = to_unit, registered_by
                        document.save()
                        incoming.append(document)
    for i, document in enumerate(incoming):
        _assign(document, i, staff=staff, other=other_staff, units=units, leader=leader)
        if i % 7 == 0:
            IncomingAccessGrant.objects.create(document=document, user=staff, granted_by=clerk)
        if i % 7 == 3:
            IncomingAccessGrant.objects.create(document=document, user=leader, granted_by=clerk)
        if i % 11 == 5:
            Assignment.objects.create(
                agency=demo, assigner=leader, content="Việc riêng", assignee_user=nobody_unit,
                source_type=ContentType.objects.get_for_model(document), source_id=document.pk)

    # Outgoing: drafter, status, secrecy, agency; chain, recipients, assignments, grants.
    ours = Correspondent.objects.create(name="Sở Mẫu của tỉnh", agency=demo)
    foreign = Correspondent.objects.create(name="Công ty Mẫu")
    document_type = DocumentType.objects.get(name="Công văn")
    outgoing = []
    for agency in (demo, elsewhere):
        for secrecy in (Secrecy.NORMAL, Secrecy.SECRET):
            for status in (OutgoingStatus.DRAFT, OutgoingStatus.IN_APPROVAL,
                           OutgoingStatus.APPROVED, OutgoingStatus.ISSUED,
                           OutgoingStatus.DISPATCHED, OutgoingStatus.RECALLED,
                           OutgoingStatus.VOID):
                for drafter in (staff, other_staff):
                    outgoing.append(OutgoingDocument.objects.create(
                        agency=agency, drafting_unit=drafter.unit, drafter=drafter,
                        document_type=document_type, summary="Văn bản mẫu đi",
                        search_folded=fold("Văn bản mẫu đi"),
                        secrecy=secrecy, status=status,
                        issued_at=timezone.now() if status not in (
                            OutgoingStatus.DRAFT, OutgoingStatus.IN_APPROVAL) else None))
    recipients = [{"kind": "unit", "unit": units["TH"]}, {"kind": "unit", "unit": units["KT"]},
                  {"kind": "agency", "agency": demo}, {"kind": "external", "correspondent": ours},
                  {"kind": "external", "correspondent": foreign},
                  {"kind": "agency", "agency": elsewhere}, None]
    for i, document in enumerate(outgoing):
        _assign(document, i + 2, staff=staff, other=other_staff, units=units, leader=leader)
        approver = [leader, staff, None, None][i % 4]
        if approver is not None:
            ApprovalStep.objects.create(document=document, order=1, name="Duyệt",
                                        rule="user", approver=approver)
        recipient = recipients[i % len(recipients)]
        if recipient is not None:
            OutgoingRecipient.objects.create(document=document, name="Nơi nhận", **recipient)
        if i % 5 == 1:
            OutgoingGrant.objects.create(document=document, user=staff, granted_by=clerk)
        if i % 9 == 4:
            OutgoingGrant.objects.create(document=document, user=nobody_unit, granted_by=clerk)
    incoming.append(model_doc)
    users = {user.username: user for user in User.objects.filter(agency=demo)}
    users.update(people)
    return {"users": users, "staff": staff, "incoming": incoming, "outgoing": outgoing}


@pytest.mark.parametrize("kind", ["incoming", "outgoing"])
def test_sql_form_selects_what_the_selector_selects(world, kind):
    seen = {}
    for name, user in world["users"].items():
        user = User.objects.get(pk=user.pk)  # fresh: no cached headed units or roles
        assert by_sql(kind, user) == by_selector(kind, user), (kind, name)
        seen[name] = frozenset(by_selector(kind, user))
    assert by_sql(kind, AnonymousUser()) == by_selector(kind, AnonymousUser()) == set()
    # The data exercises the rule: people see different, non-empty, partial sets.
    everything = set(SELECTORS[kind][0].objects.values_list("pk", flat=True))
    assert len(set(seen.values())) >= 8
    assert seen["chuyenvien"] and seen["chuyenvien"] < everything


def test_the_data_reaches_every_branch_for_a_staff_member(world):
    staff = world["staff"]
    visible = by_sql("incoming", staff)
    documents = {document.pk: document for document in world["incoming"]}
    reasons = set()
    for pk in visible & set(documents):
        document = documents[pk]
        if document.secrecy != Secrecy.NORMAL:
            reasons.add("granted" if IncomingAccessGrant.objects.filter(
                document=document, user=staff).exists() else "registered by them")
        elif document.to_unit_id == staff.unit_id:
            reasons.add("addressed to the unit")
        else:
            reasons.add("assigned")
    assert reasons == {"granted", "registered by them", "addressed to the unit", "assigned"}
    hidden = set(documents) - visible
    assert any(documents[pk].to_unit_id == staff.unit_id
               and documents[pk].status == IncomingStatus.RECEIVED for pk in hidden)
    assert any(documents[pk].secrecy != Secrecy.NORMAL for pk in hidden)


@pytest.mark.parametrize("strategy", [plans.WALK, plans.INDEX])
def test_search_finds_exactly_what_each_person_may_see(world, monkeypatch, strategy):
    """The whole search, whichever plan reads the tier: every visible match, nothing else."""
    cache.clear()
    monkeypatch.setattr(plans, "choose", lambda *args, **kwargs: strategy)
    matching = {kind: {document.pk for document in world[kind]} for kind in SELECTORS}
    for name in ("chuyenvien", "chuyenvienkt", "truongphongth", "lanhdao", "vanthu",
                 "staff without a unit", "clerk and staff of TH", "leader elsewhere"):
        user = User.objects.get(pk=world["users"][name].pk)
        page = search_documents(user, SearchParams(query=query_parse("van ban mau")), size=500)
        found = {(hit.kind, hit.document.pk) for hit in page.hits}
        expected = {(kind, pk) for kind in SELECTORS for pk in by_selector(kind, user)
                    if pk in matching[kind]}
        assert found == expected, name
        assert found or name == "leader elsewhere", name
    cache.clear()
