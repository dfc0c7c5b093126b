"""Who may see which document, written as SQL for the search's own statements.

The rules are those of `registry.incoming.selectors.incoming_visible_to` and
`registry.outgoing.selectors.outgoing_visible_to`, term for term: tests/search/
test_visibility.py compares the two for every kind of user over documents in every state the
rules read, so a change to a selector must be made here too (that test shows the difference).
Two things differ, on purpose, and neither changes which rows are selected:

- the conditions are text built once per search from the user's attributes, where compiling
  the selectors' querysets cost 1–2 ms for each of a search's up to eight statements;
- every subquery is `EXISTS (… OFFSET 0)`: PostgreSQL then neither pulls it up into a join
  nor turns it into a hashed subplan, whatever work_mem is, so it is checked on the rows that
  reach it (a walk stops after one page; hashing everything a staff member may see cost
  165 ms before the first row at 1,000,000 documents). Within an OR, column tests come
  before subqueries (PostgreSQL evaluates them in the order written).
"""

# ruff: noqa: S608 (SQL text built from code and the models' names; every value is a parameter)

from typing import Any

from django.contrib.contenttypes.models import ContentType

from registry.assignments.models import Assignment
from registry.incoming.models import IncomingAccessGrant, IncomingDocument, IncomingStatus
from registry.organisation.models import Correspondent, Secrecy
from registry.outgoing.models import (
    ISSUED_STATUSES,
    ApprovalStep,
    OutgoingDocument,
    OutgoingGrant,
    OutgoingRecipient,
)

from .sql import FALSE, Sql, all_of, any_of, negate, sql


def _column(model: Any, field: str) -> str:
    return model._meta.get_field(field).column


def _exists(model: Any, alias: str, condition: str, *params: Any, joins: str = "") -> Sql:
    return sql(f"EXISTS (SELECT 1 FROM {model._meta.db_table} {alias}{joins} "
               f"WHERE {condition} OFFSET 0)", *params)


def _normal() -> Sql:
    return sql("d.secrecy = %s", Secrecy.NORMAL.value)


def _assigned(user: Any, model: Any) -> Sql:
    """`registry.assignments.selectors.source_assigned_to(user, model)`: an assignment of
    this document given to the user, or to the user's unit."""
    content_type = ContentType.objects.get_for_model(model).pk
    who = [sql(f"a.{_column(Assignment, 'assignee_user')} = %s", user.pk)]
    if user.unit_id:
        who.append(sql(f"a.{_column(Assignment, 'assignee_unit')} = %s", user.unit_id))
    anyone = any_of(*who)
    return _exists(Assignment, "a",
                   f"a.{_column(Assignment, 'source_type')} = %s "
                   f"AND a.{_column(Assignment, 'source_id')} = d.id AND {anyone.text}",
                   content_type, *anyone.params)


def incoming_visible_sql(user: Any) -> Sql:
    """`incoming_visible_to(user)` over `incoming_incomingdocument d`."""
    if not getattr(user, "is_authenticated", False) or not user.agency_id:
        return FALSE
    normal = _normal()
    allowed = []
    if user.is_clerk or user.is_leader:
        allowed.append(all_of(normal, sql("d.agency_id = %s", user.agency_id)))
    if user.is_staff_member:
        mine = []
        if user.unit_id:
            mine.append(all_of(sql("d.to_unit_id = %s", user.unit_id),
                               negate(sql("d.status = %s", IncomingStatus.RECEIVED.value))))
        mine.append(_assigned(user, IncomingDocument))
        allowed.append(all_of(normal, any_of(*mine)))
    secret_ok = [sql("d.registered_by_id = %s", user.pk)]
    if user.is_clerk:
        secret_ok.append(all_of(sql("d.agency_id = %s", user.agency_id),
                                sql("d.status = %s", IncomingStatus.RECEIVED.value)))
    grants = IncomingAccessGrant
    secret_ok.append(_exists(grants, "g", f"g.{_column(grants, 'document')} = d.id "
                                          f"AND g.{_column(grants, 'user')} = %s", user.pk))
    allowed.append(all_of(negate(normal), any_of(*secret_ok)))
    return any_of(*allowed)


def _recipient(user: Any) -> Sql:
    """`registry.outgoing.selectors._recipient_of(user)`."""
    recipient = OutgoingRecipient
    who = [sql(f"r.{_column(recipient, 'unit')} = %s", user.unit_id)] if user.unit_id else []
    joins = ""
    if user.agency_id and (user.is_clerk or user.is_leader):
        joins = (f" LEFT JOIN {Correspondent._meta.db_table} c "
                 f"ON c.id = r.{_column(recipient, 'correspondent')}")
        who += [sql(f"r.{_column(recipient, 'agency')} = %s", user.agency_id),
                sql(f"c.{_column(Correspondent, 'agency')} = %s", user.agency_id)]
    anyone = any_of(*who)
    if anyone.is_false:
        return FALSE
    return _exists(recipient, "r", f"r.{_column(recipient, 'document')} = d.id "
                                   f"AND {anyone.text}", *anyone.params, joins=joins)


def outgoing_visible_sql(user: Any) -> Sql:
    """`outgoing_visible_to(user)` over `outgoing_outgoingdocument d`."""
    if user is None or not user.is_authenticated:
        return FALSE
    drafter = sql("d.drafter_id = %s", user.pk)
    opened = []
    if user.agency_id and (user.is_clerk or user.is_leader):
        opened.append(sql("d.agency_id = %s", user.agency_id))
    opened.append(drafter)
    recipient = _recipient(user)
    opened += [
        _exists(ApprovalStep, "s", f"s.{_column(ApprovalStep, 'document')} = d.id "
                                   f"AND s.{_column(ApprovalStep, 'approver')} = %s", user.pk),
        all_of(sql("d.status = ANY(%s)", [status.value for status in ISSUED_STATUSES]),
               recipient),
        _assigned(user, OutgoingDocument),
    ]
    granted = _exists(OutgoingGrant, "g", f"g.{_column(OutgoingGrant, 'document')} = d.id "
                                          f"AND g.{_column(OutgoingGrant, 'user')} = %s",
                      user.pk)
    return any_of(drafter, all_of(_normal(), any_of(*opened)), granted)


def visible_sql(user: Any, kind: str) -> Sql:
    return incoming_visible_sql(user) if kind == "incoming" else outgoing_visible_sql(user)
