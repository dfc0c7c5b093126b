"""The search's filters, independent of where they came from (page form or API)."""

import datetime as dt
from dataclasses import dataclass, field

from registry.organisation.models import Direction, Register

from .query import ParsedQuery, query_parse

KIND_INCOMING = "incoming"
KIND_OUTGOING = "outgoing"
KINDS = (KIND_INCOMING, KIND_OUTGOING)
DIRECTIONS = {KIND_INCOMING: Direction.INCOMING, KIND_OUTGOING: Direction.OUTGOING}


@dataclass(frozen=True)
class SearchParams:
    query: ParsedQuery = field(default_factory=lambda: query_parse(""))
    kind: str = ""
    register: Register | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    document_type_id: int | None = None
    sender_id: int | None = None
    status: str = ""
    urgency: str = ""

    @property
    def has_filters(self) -> bool:
        return any([self.kind, self.register, self.year, self.date_from, self.date_to,
                    self.document_type_id, self.sender_id, self.status, self.urgency])

    @property
    def is_empty(self) -> bool:
        """Nothing typed and nothing chosen: the page shows the form, not every document."""
        return self.query.is_empty and not self.query.notation and not self.has_filters

    def wants(self, kind: str) -> bool:
        if self.kind and self.kind != kind:
            return False
        if self.register is not None and self.register.direction != DIRECTIONS[kind]:
            return False
        # Only incoming documents have a sender (outgoing ones are ours).
        return not (self.sender_id and kind == KIND_OUTGOING)
