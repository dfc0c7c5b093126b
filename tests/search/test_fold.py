"""The one folding function over the whole Vietnamese alphabet, NFC and NFD alike."""

import unicodedata

import pytest

from registry.core.text import fold, normalise_notation
from registry.search.query import query_parse, words_of

# Every vowel with each of the six tones (level, huyền, sắc, hỏi, ngã, nặng).
TONED = {
    "a": "aàáảãạ", "ă": "ăằắẳẵặ", "â": "âầấẩẫậ", "e": "eèéẻẽẹ", "ê": "êềếểễệ",
    "i": "iìíỉĩị", "o": "oòóỏõọ", "ô": "ôồốổỗộ", "ơ": "ơờớởỡợ", "u": "uùúủũụ",
    "ư": "ưừứửữự", "y": "yỳýỷỹỵ",
}
BASE = {"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i", "o": "o", "ô": "o",
        "ơ": "o", "u": "u", "ư": "u", "y": "y"}


@pytest.mark.parametrize("vowel", sorted(TONED))
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_fold_strips_every_tone_of_every_vowel(vowel, form):
    letters = TONED[vowel]
    assert len(letters) == 6
    for letter in letters:
        for variant in (letter, letter.upper()):
            text = unicodedata.normalize(form, variant)
            assert fold(text) == BASE[vowel], (variant, form)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_fold_maps_d_with_stroke(form):
    assert fold(unicodedata.normalize(form, "đĐ")) == "dd"
    assert fold(unicodedata.normalize(form, "Đinh Chung Phụng")) == "dinh chung phung"


def test_fold_whole_alphabet_is_plain_ascii():
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    folded = fold(alphabet + alphabet.upper())
    assert folded == "aaabcddeeghiklmnooopqrstuuvxy" * 2
    assert folded.isascii()


def test_fold_sentences():
    assert fold("Cải cách Hành chính") == "cai cach hanh chinh"
    assert fold("  THƯỢNG   KHẨN\n") == "thuong khan"
    assert fold(None) == ""


def test_nfc_and_nfd_give_the_same_index_words():
    text = "Quyết định phê duyệt đề án chuyển đổi số tỉnh Hưng Yên"
    assert words_of(unicodedata.normalize("NFD", text)) == words_of(text)


def test_query_words_notation_and_prefix():
    query = query_parse("15/QĐ-UBND")
    assert query.words == ("15", "qd", "ubnd")
    assert query.notation == normalise_notation("15/qd-ubnd") == "15/qd-ubnd"
    assert query.all_words == "15 & qd & ubnd:*"
    assert query_parse("cai cach ").all_words == "cai & cach"  # a trailing space: whole words
    assert query_parse("ke").all_words == "ke:*"
    assert query_parse("a b").all_but_one == ""
    assert query_parse("a b c").all_but_one == "(b & c:*) | (a & c:*) | (a & b)"


def test_query_is_safe_for_tsquery():
    query = query_parse("x' | !y & (z) <-> :*")
    assert query.words == ("x", "y", "z")
