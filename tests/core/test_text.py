import unicodedata

from registry.core.text import fold, normalise_notation


def test_fold_removes_tones_and_marks():
    assert fold("Cải cách hành chính") == "cai cach hanh chinh"
    assert fold("Đinh Chung Phụng") == "dinh chung phung"


def test_fold_reads_nfc_and_nfd_alike():
    text = "Thường trực Ủy ban nhân dân tỉnh"
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))


def test_normalise_notation_makes_symbols_comparable():
    assert normalise_notation(" 15 / QĐ-UBND ") == normalise_notation("15/qd-ubnd") == "15/qd-ubnd"
