"""Matching words marked in a text, escaped safely: only our <mark> tags are HTML."""

import html
import re
import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from registry.core.text import fold

from .query import ParsedQuery

_WORD = re.compile(r"\w+", re.UNICODE)
_PIECE = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=16384)
def _pieces(word: str) -> tuple[str, ...]:
    """The index's words of one written word (folding is the costly part; words repeat)."""
    return tuple(_PIECE.findall(fold(word)))


def highlight(text: str | None, query: ParsedQuery) -> SafeString:
    """Wrap each word of `text` whose folded form the query matches in <mark>.

    The text is cut into words as written (Vietnamese letters kept), each folded with the
    same `fold()` as the index (`ParsedQuery.matches` decides, inlined here); every other
    character is escaped (`html.escape`, as Django's `escape` does, without its lazy
    wrapper).
    """
    text = unicodedata.normalize("NFC", text or "")
    if query.is_empty:
        return mark_safe(escape(text))  # noqa: S308 (escaped just above)
    words, prefix = set(query.words), query.prefix_word
    out: list[str] = []
    last = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if any(piece in words or (prefix and piece.startswith(prefix))
               for piece in _pieces(word)):
            out.append(html.escape(text[last:match.start()]))
            out.append(f"<mark>{html.escape(word)}</mark>")
            last = match.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped)
