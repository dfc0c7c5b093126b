"""Số và ký hiệu of an outgoing document (Decree 30, Appendix I): one pure function."""


def notation_compose(
    *, number: int, type_abbreviation: str, agency_abbreviation: str, unit_abbreviation: str = ""
) -> str:
    """`15/QĐ-UBND`, `15/QĐ-UBND-VP` with a unit, `2345/UBND-KT` for a công văn.

    Numbers below 10 carry a leading zero (`05/KH-UBND`). A công văn has no type
    abbreviation; its symbol is the agency's then the drafting unit's.
    """
    if number < 1:
        raise ValueError("a register number starts at 1")
    parts = [type_abbreviation.strip(), agency_abbreviation.strip(), unit_abbreviation.strip()]
    symbol = "-".join(part for part in parts if part)
    return f"{number:02d}/{symbol}"
