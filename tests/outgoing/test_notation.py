import pytest

from registry.outgoing.notation import notation_compose


@pytest.mark.parametrize(("number", "kind", "unit", "expected"), [
    (15, "QĐ", "", "15/QĐ-UBND"),
    (102, "KH", "", "102/KH-UBND"),
    (5, "KH", "", "05/KH-UBND"),
    (1, "QĐ", "VP", "01/QĐ-UBND-VP"),
    (2345, "", "KT", "2345/UBND-KT"),
    (12, "", "VX", "12/UBND-VX"),
    (9, "", "VP", "09/UBND-VP"),
    (10, "TB", "", "10/TB-UBND"),
    (3, "SY", "", "03/SY-UBND"),
])
def test_notation_compose_follows_decree_30(number, kind, unit, expected):
    assert notation_compose(number=number, type_abbreviation=kind, agency_abbreviation="UBND",
                            unit_abbreviation=unit) == expected


def test_notation_compose_refuses_number_zero():
    with pytest.raises(ValueError):
        notation_compose(number=0, type_abbreviation="QĐ", agency_abbreviation="UBND")
