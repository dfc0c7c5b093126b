"""What a typed query means: folded words for the index, and maybe an exact number/symbol.

The same `fold()` that writes `search_folded` reads the query; the database turns the
folded text into `simple` lexemes of letters and digits (`[^a-z0-9]+` splits them), so the
words here are split by the same rule and always match what was indexed.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from registry.core.text import fold, normalise_notation

MAX_WORDS = 8
ALL, ALL_BUT_ONE = "all", "all_but_one"
_WORD = re.compile(r"[a-z0-9]+")
# A number/symbol: digits, "/", then letters, digits, "-", "." or "/" ("15/QĐ-UBND",
# "15/UBND-VP", "15/2026/NĐ-CP"); spaces are tolerated and dropped by normalise_notation.
_NOTATION = re.compile(r"^\d+\s*/[\w\s\-./]+$")


def words_of(text: str) -> list[str]:
    """The index's words of a text, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(text)):
        seen.setdefault(word, None)
    return list(seen)


@dataclass(frozen=True)
class ParsedQuery:
    """A query ready for the index. Empty when nothing searchable was typed."""

    raw: str
    words: tuple[str, ...]
    notation: str

    @property
    def is_empty(self) -> bool:
        return not self.words

    @property
    def prefix_last(self) -> bool:
        # The last word is matched as a prefix ("ke" finds "kế hoạch", "2" finds "2025") so
        # short and half-typed queries work; a query ending in a space wants whole words.
        return bool(self.words) and not self.raw.endswith(" ")

    @property
    def prefix_word(self) -> str:
        """The word matched as a prefix ("" when the query wants whole words only)."""
        return self.words[-1] if self.prefix_last else ""

    def _term(self, index: int) -> str:
        word = self.words[index]
        return f"{word}:*" if self.prefix_last and index == len(self.words) - 1 else word

    def _groups(self, which: str) -> list[list[int]]:
        everything = list(range(len(self.words)))
        if which == ALL:
            return [everything] if everything else []
        # A number/symbol ("15/QĐ-UBND") is one reference, not three independent words: its
        # weaker matches ("every QĐ of the UBND") would be noise, and the costliest read.
        if len(self.words) < 3 or self.notation:
            return []
        return [[i for i in everything if i != left_out] for left_out in everything]

    def tsquery(self, which: str, *, without_prefix: bool = False) -> str:
        """to_tsquery text of every word (ALL) or of every word but one (ALL_BUT_ONE).

        `without_prefix` leaves the prefix word out of each group that has another word: a
        looser query for the word index, whose partial match on a common prefix ("3:*",
        "ubnd:*") would read hundreds of thousands of postings. The exact query is then
        checked on each row the index returns (registry/search/plans.py).
        """
        last = len(self.words) - 1
        texts = []
        for group in self._groups(which):
            dropped = without_prefix and self.prefix_last and len(group) > 1
            texts.append(" & ".join(self._term(i) for i in group if not (dropped and i == last)))
        if which == ALL:
            return texts[0] if texts else ""
        return " | ".join(f"({text})" for text in texts)

    @cached_property
    def all_words(self) -> str:
        """to_tsquery text: every word (the strongest matches)."""
        return self.tsquery(ALL)

    @cached_property
    def all_but_one(self) -> str:
        """to_tsquery text: every word but one, whichever (the weaker matches); "" if < 3 words."""
        return self.tsquery(ALL_BUT_ONE)

    def matches(self, word: str) -> bool:
        """Does a folded word of a text count as a hit (for highlighting)?"""
        if word in self.words:
            return True
        return self.prefix_last and word.startswith(self.words[-1])


def query_parse(raw: str | None) -> ParsedQuery:
    text = " ".join((raw or "").split()) + (" " if (raw or "").endswith(" ") else "")
    text = text[:300]
    words = tuple(words_of(text)[:MAX_WORDS])
    stripped = text.strip()
    notation = normalise_notation(stripped)[:100] if _NOTATION.match(stripped) else ""
    return ParsedQuery(raw=text, words=words, notation=notation)
