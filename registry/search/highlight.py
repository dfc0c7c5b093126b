"""Matching words marked in a text, escaped safely: only our <mark> tags are HTML."""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from registry.core.text import fold

from .query import ParsedQuery

_WORD = re.compile(r"\w+", re.UNICODE)
_PIECE = re.compile(r"[a-z0-9]+")


def highlight(text: str | None, query: ParsedQuery) -> SafeString:
    """Wrap each word of `text` whose folded form the query matches in <mark>.

    The text is cut into words as written (Vietnamese letters kept), each folded with the
    same `fold()` as the index; every other character is escaped.
    """
    text = unicodedata.normalize("NFC", text or "")
    if query.is_empty:
        return mark_safe(escape(text))  # noqa: S308 (escaped just above)
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        pieces = _PIECE.findall(fold(match.group()))
        if pieces and any(query.matches(piece) for piece in pieces):
            out.append(escape(text[last:match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped)
