# ruff: noqa: E501 - the parts of a workbook are XML that reads best unwrapped
"""Reading files: CSV as Excel and other systems save it, workbooks streamed cell by cell
(the fast reader gives exactly what openpyxl gives), and files that cannot be read."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook

from jtai.cases import reading
from jtai.cases.reading import ReadError, read_rows

from .factories import xlsx_bytes

# Workbooks have no time zones: openpyxl gives their dates as naive datetimes.
MARCH_14 = dt.datetime(2018, 3, 14)  # noqa: DTZ001


def rows_of(data: bytes, name: str = "list.csv") -> list[tuple[int, list[Any]]]:
    _, rows = read_rows(data, name)
    return [(number, list(row)) for number, row in rows]


def test_csv_with_a_byte_order_mark_reads_its_first_heading_cleanly() -> None:
    data = "\ufeffChild ID,Gender\r\nA1,F\r\n".encode()
    assert rows_of(data) == [(1, ["Child ID", "Gender"]), (2, ["A1", "F"])]


def test_csv_saved_by_excel_as_windows_1252_is_read() -> None:
    data = "Child ID,Team\r\nA1,Children’s Services – North\r\n".encode("cp1252")
    assert rows_of(data)[1] == (2, ["A1", "Children’s Services – North"])


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated_lists_are_read(delimiter: str) -> None:
    data = f"Child ID{delimiter}Gender\nA1{delimiter}F\n".encode()
    assert rows_of(data) == [(1, ["Child ID", "Gender"]), (2, ["A1", "F"])]


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    data = b'Child ID,Notes\nA1,"two\nlines"\nA2,x\n'
    assert [n for n, _ in rows_of(data)] == [1, 2, 3]


def test_binary_data_is_not_taken_for_csv() -> None:
    with pytest.raises(ReadError, match="does not look like a CSV file"):
        rows_of(b"\x00\x01\x02garbage" * 10)


def test_an_old_excel_file_is_refused_with_what_to_do() -> None:
    with pytest.raises(ReadError, match=r"older Excel workbook \(\.xls\)"):
        read_rows(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "list.xls")


def test_a_damaged_workbook_is_refused() -> None:
    good = xlsx_bytes(["Child ID"], [["A1"]])
    for data in (b"not a zip at all", good[:200], b"PK\x03\x04" + b"\x00" * 64):
        with pytest.raises(ReadError, match="could not be read as an Excel workbook"):
            rows_of(data, "list.xlsx")


def test_a_workbook_written_by_openpyxl_reads_as_its_cells() -> None:
    data = xlsx_bytes(
        ["Child ID", "Date of birth", "Age", "Disabled"],
        [["A1", dt.date(2018, 3, 14), 7, True], ["A2", None, 7.5, False]],
    )
    assert rows_of(data, "list.xlsx") == [
        (1, ["Child ID", "Date of birth", "Age", "Disabled"]),
        (2, ["A1", MARCH_14, 7, True]),
        (3, ["A2", None, 7.5, False]),
    ]


def _excel_like_workbook() -> bytes:
    """A workbook as Excel writes it: shared strings, a date style, a missing row, rich
    text, a formula's cached value, an error, and a cell with no reference."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Children" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        ),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
            "<si><t>Child ID</t></si><si><t>Date of birth</t></si>"
            '<si><r><t>Black </t></r><r><t>African</t></r></si><si><t xml:space="preserve"> LDS-1 </t></si>'
            "</sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" s="1"><v>43173</v></c>'
            '<c r="C3" t="s"><v>2</v></c><c r="E3" t="b"><v>1</v></c>'
            '<c r="F3" t="str"><f>UPPER("x")</f><v>X</v></c><c r="G3" t="e"><v>#N/A</v></c>'
            '<c t="inlineStr"><is><r><t>Ab</t></r><r><t>c</t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c>'
            '<c r="J3"><v>2.5E1</v></c></row>'
            '<row r="4"><c r="A4"><v>12</v></c></row>'
            "</sheetData></worksheet>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def _trimmed(rows: Any) -> list[tuple[int, list[Any]]]:
    """Rows without their trailing empty cells, and without empty rows."""
    result = []
    for number, row in rows:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            result.append((number, cells))
    return result


def _openpyxl_rows(data: bytes) -> list[tuple[int, list[Any]]]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows = _trimmed(enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1))
    workbook.close()
    return rows


def test_the_fast_reader_gives_exactly_what_openpyxl_gives() -> None:
    data = _excel_like_workbook()
    fast = rows_of(data, "list.xlsx")
    assert fast == _openpyxl_rows(data)
    assert fast[1] == (
        3,
        [
            " LDS-1 ",
            MARCH_14,
            "Black African",
            None,
            True,
            "X",
            "#N/A",
            "Abc",
            None,
            25.0,
        ],
    )


def test_the_reader_falls_back_to_openpyxl_if_its_internals_move(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "_fast_cells", lambda workbook, sheet: None)
    data = _excel_like_workbook()
    assert _trimmed(rows_of(data, "list.xlsx")) == _openpyxl_rows(data)
