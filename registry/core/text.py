"""Vietnamese-aware text folding, used both when writing search text and when querying it."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w/.\-]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip tones and marks, đ→d: "Cải cách Hành chính" → "cai cach hanh chinh".

    NFD splits every precomposed letter into a base letter and combining marks, so both
    NFC and NFD input fold alike; đ/Đ have no decomposition and are mapped by hand.
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped.lower()).strip()


def normalise_notation(text: str | None) -> str:
    """A number/symbol reduced for exact look-up.

    "15/QĐ-UBND" and " 15 / qd - ubnd " both give "15/qd-ubnd".
    """
    folded = fold(text)
    return re.sub(r"\s+", "", folded)
