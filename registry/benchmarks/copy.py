"""Bulk loading through PostgreSQL COPY, column list taken from the model itself.

Generators yield dicts keyed by field attname, including "id" (so later rows can point at
earlier ones; sequences are reset afterwards); a missing key takes the field's default, so
a new nullable or defaulted column never breaks the benchmark.
"""

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 50_000


def _columns(model: type[models.Model]) -> list[models.Field]:
    fields = []
    for field in model._meta.concrete_fields:
        if getattr(field, "generated", False):
            continue
        fields.append(field)
    return fields


def _text(value: Any) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return "{" + ",".join(f'"{v}"' for v in value) + "}"
        value = json.dumps(value, ensure_ascii=False)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    fields = _columns(model)
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        else:
            # "" for non-null text without a default (as the ORM would write), else None.
            defaults[field.attname] = field.get_default()
    table = model._meta.db_table
    column_sql = ", ".join(f'"{f.column}"' for f in fields)
    total = 0
    buffer = io.StringIO()
    pending = 0

    def flush() -> None:
        nonlocal buffer, pending
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f'COPY "{table}" ({column_sql}) FROM STDIN', buffer)
        buffer = io.StringIO()
        pending = 0

    for row in rows:
        buffer.write("\t".join(_text(row.get(f.attname, defaults[f.attname])) for f in fields))
        buffer.write("\n")
        pending += 1
        total += 1
        if pending >= BATCH:
            flush()
    if pending:
        flush()
    return total


def reset_sequence(model: type[models.Model]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))"
        )
