"""The numbering service: the next number of a register, gapless and unique.

The caller holds a transaction; the counter row stays locked from the UPDATE until that
transaction ends, so a concurrent taker waits, and a rollback returns the number (nothing
was ever committed), so no gap is left. The documents' own unique constraint on
(register, number) backs the rule at the database.
"""

from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from .models import Agency, Direction, Register


def register_next_number(*, register_id: int) -> int:
    """Take the next number of the register inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("register_next_number must run inside the registering transaction")
    with connection.cursor() as cursor:
        # One round trip: the UPDATE takes the row lock and returns the new value.
        cursor.execute(
            "UPDATE organisation_register SET last_number = last_number + 1 "
            "WHERE id = %s RETURNING last_number",
            [register_id],
        )
        row = cursor.fetchone()
    if row is None:
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
