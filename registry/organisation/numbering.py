"""The numbering service: the next number of a register, gapless and unique.

The caller holds a transaction; the counter row stays locked from the UPDATE until that
transaction ends, so a concurrent taker waits, and a rollback returns the number (nothing
was ever committed), so no gap is left. The documents' own unique constraint on
(register, number) backs the rule at the database.
"""

import threading
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from .models import Agency, Direction, Register


class RegisterKey(NamedTuple):
    """What names one numbering sequence (the register's unique constraint)."""

    agency_id: int
    direction: str
    year: int
    is_secret: bool = False
    series: str = ""


# RegisterKey -> register id, per process: the registering path needs no lookup per document.
# register_next_number(..., key=) checks the key in the same UPDATE, so a remembered id that
# no longer names that register (deleted, a database restored or reset) numbers nothing: it
# is forgotten, Register.DoesNotExist is raised, and `register_id_for_year(fresh=True)` asks
# the database again.
_REGISTER_IDS: dict[RegisterKey, int] = {}
_REGISTER_IDS_LOCK = threading.Lock()

_NEXT = ("UPDATE organisation_register SET last_number = last_number + 1 WHERE id = %s")
_OF_KEY = (" AND agency_id = %s AND direction = %s AND year = %s AND is_secret = %s"
           " AND series = %s")


def register_next_number(*, register_id: int, key: RegisterKey | None = None) -> int:
    """Take the next number of the register inside the caller's transaction.

    With `key`, the register must also be that sequence (for ids kept by the process).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("register_next_number must run inside the registering transaction")
    sql, params = _NEXT, [register_id]
    if key is not None:
        sql, params = sql + _OF_KEY, [register_id, *key]
    with connection.cursor() as cursor:
        # One round trip: the UPDATE takes the row lock and returns the new value.
        cursor.execute(sql + " RETURNING last_number", params)
        row = cursor.fetchone()
    if row is None:
        with _REGISTER_IDS_LOCK:
            for known in [k for k, v in _REGISTER_IDS.items() if v == register_id]:
                del _REGISTER_IDS[known]
        raise Register.DoesNotExist(register_id)
    return int(row[0])


def register_default_name(*, direction: str, is_secret: bool, year: int, series: str) -> str:
    base = _("Sổ văn bản đến") if direction == Direction.INCOMING else _("Sổ văn bản đi")
    if is_secret:
        base = _("%(base)s mật") % {"base": base}
    if series:
        base = f"{base} ({series})"
    return f"{base} {year}"


def register_for_year(
    *, agency: Agency, direction: str, year: int, is_secret: bool = False, series: str = ""
) -> Register:
    """The register of that sequence for the year, created on first use (numbers restart at 1)."""
    lookup = {"agency": agency, "direction": direction, "year": year,
              "is_secret": is_secret, "series": series}
    register = Register.objects.filter(**lookup).first()
    if register is not None:
        return register
    name = register_default_name(direction=direction, is_secret=is_secret, year=year, series=series)
    try:
        with transaction.atomic():
            return Register.objects.create(name=name, **lookup)
    except IntegrityError:
        # Two first takers of a new year raced; the other one created it.
        return Register.objects.get(**lookup)


def register_id_for_year(key: RegisterKey, *, fresh: bool = False) -> int:
    """The id of `register_for_year(...)` for that key, remembered by the process.

    For the registering path, which must not pay a lookup per document: pass the same key
    to register_next_number. `fresh=True` asks the database again (after
    register_next_number raised Register.DoesNotExist).
    """
    if not fresh:
        found = _REGISTER_IDS.get(key)
        if found is not None:
            return found
    register = register_for_year(agency=Agency(pk=key.agency_id), direction=key.direction,
                                 year=key.year, is_secret=key.is_secret, series=key.series)
    with _REGISTER_IDS_LOCK:
        _REGISTER_IDS[key] = register.pk
    return register.pk
