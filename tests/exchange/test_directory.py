"""Agency electronic codes: the OrganId shape and the CSV/XLSX list parser."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from registry.exchange.directory import (
    AgencyCodeRow,
    CodeStatus,
    organ_id_is_valid,
    organ_id_validate,
    parse_agency_codes,
)


@pytest.mark.parametrize(
    "code", ["000.00.00.H41", "000.00.00.G22", "001.12.34.h41", " 000.00.32.H41 "]
)
def test_valid_organ_ids(code):
    assert organ_id_is_valid(code)
    assert len(organ_id_validate(code)) == 13


@pytest.mark.parametrize(
    "code",
    [
        "",
        "000.00.00.H4",
        "000.00.00.H411",
        "000-00-00-H41",
        "00A.00.00.H41",
        "000.00.00.41H",
        "H41",
    ],
)
def test_invalid_organ_ids(code):
    assert not organ_id_is_valid(code)
    with pytest.raises(ValueError, match=r"VVV\.ZZ\.YY\.MXX"):
        organ_id_validate(code)


HEADING = "Mã định danh;Tên cơ quan;Mã cơ quan cấp trên;Trạng thái;Ngày bắt đầu;Ngày kết thúc"
CSV = (
    HEADING
    + """;Mã QĐ 20/2020
000.00.00.H41;Ủy ban nhân dân tỉnh Hưng Yên;;hoạt động;01/01/2017;;H41
000.00.32.h41;Sở Nội vụ;000.00.00.H41;Đang hoạt động;2017-01-01;;H41.32
000.00.00.H55;UBND tỉnh Thái Bình;;đã đóng;01/01/2017;30/06/2025;
000.00.33.H41;;000.00.00.H41;active;;;
000.00.34.H41;Sở Tài chính;000.00.34.H41;active;;;
000.00.35.H41;Sở Xây dựng;;tạm dừng;;;
000.00.36.H41;Sở Y tế;;active;31/02/2020;;
000.00.37.H41;Sở Công Thương;;active;01/07/2025;01/01/2025;
000.00.32.H41;Sở Nội vụ (trùng);;active;;;
0000.0.32.H41;Sai mã;;active;;;

"""
)


def test_csv_list_gives_rows_and_line_numbered_errors():
    result = parse_agency_codes(CSV.encode("utf-8-sig"), "ma-dinh-danh.csv")

    assert result.rows == [
        AgencyCodeRow(
            2,
            "000.00.00.H41",
            "Ủy ban nhân dân tỉnh Hưng Yên",
            CodeStatus.ACTIVE,
            "",
            date(2017, 1, 1),
            None,
            "H41",
        ),
        AgencyCodeRow(
            3,
            "000.00.32.H41",
            "Sở Nội vụ",
            CodeStatus.ACTIVE,
            "000.00.00.H41",
            date(2017, 1, 1),
            None,
            "H41.32",
        ),
        AgencyCodeRow(
            4,
            "000.00.00.H55",
            "UBND tỉnh Thái Bình",
            CodeStatus.CLOSED,
            "",
            date(2017, 1, 1),
            date(2025, 6, 30),
            "",
        ),
    ]
    messages = {error.line: error.message for error in result.errors}
    assert sorted(messages) == [5, 6, 7, 8, 9, 10, 11]
    assert "tên cơ quan" in messages[5]
    assert "chính nó" in messages[6]
    assert "Trạng thái" in messages[7]
    assert "ngày bắt đầu" in messages[8]
    assert "trước ngày bắt đầu" in messages[9]
    assert "dòng 3" in messages[10]
    assert "VVV.ZZ.YY.MXX" in messages[11]
    assert str(result.errors[0]).startswith("Dòng 5: ")


def test_csv_with_english_headings_and_commas():
    data = b"organ_id,name,status,valid_to\n000.00.00.H41,UBND,closed,2025-06-30\n"

    result = parse_agency_codes(data, "codes.csv")

    assert result.errors == []
    assert result.rows[0].status is CodeStatus.CLOSED
    assert result.rows[0].valid_to == date(2025, 6, 30)


def test_line_numbers_count_multi_line_cells():
    data = 'organ_id,name\n000.00.00.H41,"UBND\ntỉnh"\nbad,X\n'.encode()

    result = parse_agency_codes(data, "codes.csv")

    assert [error.line for error in result.errors] == [4]


def test_xlsx_list():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Mã định danh", "Tên cơ quan", "Trạng thái", "Ngày kết thúc"])
    sheet.append(["000.00.00.H41", "UBND tỉnh Hưng Yên", "Hoạt động", None])
    sheet.append(["000.00.00.H55", "UBND tỉnh Thái Bình", "Đã đóng", datetime(2025, 6, 30)])
    sheet.append(["000.00.00", "Thiếu", "Hoạt động", None])
    out = io.BytesIO()
    workbook.save(out)

    result = parse_agency_codes(out.getvalue(), "codes.xlsx")

    assert [(row.line, row.organ_id, row.status) for row in result.rows] == [
        (2, "000.00.00.H41", CodeStatus.ACTIVE),
        (3, "000.00.00.H55", CodeStatus.CLOSED),
    ]
    assert result.rows[1].valid_to == date(2025, 6, 30)
    assert [error.line for error in result.errors] == [4]


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"", "x.csv", "rỗng"),
        ("Tên cơ quan\nUBND\n".encode(), "x.csv", "Thiếu cột"),
        (b"M\xe3 \xf0\xe9nh;T\xean\n", "x.csv", "UTF-8"),
        (b"PK\x03\x04 broken zip", "x.xlsx", "Không đọc được"),
    ],
)
def test_unreadable_files_give_one_error(data, filename, fragment):
    result = parse_agency_codes(data, filename)

    assert result.rows == []
    [error] = result.errors
    assert fragment in error.message
