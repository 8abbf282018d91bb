"""Reading an uploaded case list, CSV or Excel (.xlsx), one row at a time. Pure Python.

Rows are yielded as they are read, never gathered into a sheet in memory first: a
50,000-row workbook is streamed with openpyxl's read-only mode. Anything that stops a
file being read at all becomes a ReadError with a plain-English reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, Any
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.utils.exceptions import InvalidFileException

Cell = Any  # str for CSV; str, int, float, bool, date or datetime from a workbook
Row = Sequence[Cell]

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files
CSV, XLSX = "csv", "xlsx"
_DAMAGED_XLSX = (
    "The file could not be read as an Excel workbook (.xlsx): it may be damaged, or be "
    "another kind of file renamed. Open it in Excel and save it again as .xlsx or as CSV."
)


class ReadError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def file_format(data: bytes, name: str) -> str:
    """CSV or XLSX, from the file's first bytes rather than only its name."""
    lower = name.lower()
    if data.startswith(_OLE_MAGIC) or lower.endswith(".xls"):
        raise ReadError(
            "The file is an older Excel workbook (.xls). Open it in Excel and save it as "
            ".xlsx or as CSV, then upload that."
        )
    if data.startswith(_XLSX_MAGIC):
        return XLSX
    if lower.endswith((".xlsx", ".xlsm")):
        raise ReadError(_DAMAGED_XLSX)
    return CSV


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ReadError(
            "The file does not look like a CSV file: it contains binary data. Save the "
            "list from your spreadsheet as CSV or .xlsx and upload that."
        )
    try:
        return data.decode("utf-8-sig")  # Excel's 'CSV UTF-8' starts with a byte-order mark
    except UnicodeDecodeError:
        # Excel's plain 'CSV' is Windows-1252 on English Windows.
        return data.decode("cp1252", errors="replace")


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first_line = text[: text.find("\n")] if "\n" in text else text
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: counts[d])
    if delimiter == "," or counts[delimiter] == 0:
        return csv.excel
    return csv.excel_tab if delimiter == "\t" else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _csv_rows(data: bytes) -> Iterator[tuple[int, Row]]:
    text = _decode(data)
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), _dialect(text)), start=1)
    except csv.Error as error:
        raise ReadError(
            f"The file could not be read as CSV ({error}). Save the list from your "
            "spreadsheet as CSV again and upload that."
        ) from error


# The cell loop is the slow part of reading a workbook: openpyxl parses each cell in
# Python on top of ElementTree (there is no lxml here), about 8 µs a cell, so 50,000 rows
# of 14 columns take six seconds. openpyxl still opens the workbook and reads its shared
# strings and date styles; the first sheet's cells are then streamed through expat, the
# C parser, about five times faster, with openpyxl's own conversions (numbers, booleans,
# dates). If a later openpyxl moves the attributes this relies on, reading falls back to
# openpyxl's iter_rows, slower but the same rows.
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW, _CELL, _VALUE, _TEXT, _INLINE, _PHONETIC = range(6)
_TAGS = {
    f"{_MAIN} {local}": tag
    for local, tag in (
        ("row", _ROW),
        ("c", _CELL),
        ("v", _VALUE),
        ("t", _TEXT),
        ("is", _INLINE),
        ("rPh", _PHONETIC),
    )
}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _column_number(reference: str, cache: dict[str, int]) -> int:
    letters = reference.rstrip("0123456789")
    number = cache.get(letters)
    if number is None:
        number = 0
        for letter in letters:
            number = number * 26 + _LETTERS.index(letter) + 1
        cache[letters] = number
    return number


class _SheetCells:
    """expat handlers that turn a worksheet's XML into numbered rows of values."""

    def __init__(self, shared: Sequence[Any], date_styles: set[int], epoch: dt.datetime) -> None:
        self.shared = shared
        self.date_styles = date_styles
        self.epoch = epoch
        self.done: list[tuple[int, Row]] = []
        self.cells: list[tuple[int, Any]] = []
        self.number = self.column = 0
        self.kind = "n"
        self.style = ""
        self.parts: list[str] = []
        self.collect = self.inline = self.phonetic = False
        self.columns: dict[str, int] = {}
        self.days: dict[int | float, Any] = {}

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _TAGS.get(name)
        if tag == _CELL:
            reference = attrs.get("r")
            self.column = _column_number(reference, self.columns) if reference else self.column + 1
            self.kind = attrs.get("t", "n")
            self.style = attrs.get("s", "")
            self.parts = []
        elif tag == _VALUE:
            self.collect = True
        elif tag == _TEXT:
            self.collect = self.inline and not self.phonetic
        elif tag == _INLINE:
            self.inline = True
        elif tag == _PHONETIC:
            self.phonetic = True
        elif tag == _ROW:
            number = attrs.get("r")
            self.number = int(number) if number else self.number + 1
            self.cells = []
            self.column = 0

    def end(self, name: str) -> None:
        tag = _TAGS.get(name)
        if tag in (_VALUE, _TEXT):
            self.collect = False
        elif tag == _CELL:
            if self.parts:
                value = self._value("".join(self.parts))
                if value is not None:
                    self.cells.append((self.column, value))
        elif tag == _INLINE:
            self.inline = False
        elif tag == _PHONETIC:
            self.phonetic = False
        elif tag == _ROW:
            row: list[Any] = []
            if self.cells:
                row = [None] * max(column for column, _ in self.cells)
                for column, value in self.cells:
                    row[column - 1] = value
            self.done.append((self.number, row))

    def text(self, data: str) -> None:
        if self.collect:
            self.parts.append(data)

    def _value(self, text: str) -> Any:
        kind = self.kind
        if kind == "s":
            return self.shared[int(text)]
        if kind == "n":
            number: int | float = (
                float(text) if "." in text or "E" in text or "e" in text else int(text)
            )
            if self.style and int(self.style) in self.date_styles:
                # A list repeats a few thousand dates many times over.
                day = self.days.get(number)
                if day is None:
                    try:
                        day = self.days[number] = from_excel(number, self.epoch)
                    except (OverflowError, ValueError):
                        return number
                return day
            return number
        if kind == "b":
            return text == "1"
        if kind == "d":
            return from_ISO8601(text)  # type: ignore[no-untyped-call]
        return text  # inlineStr, str (a formula's text) and e (an error such as #N/A)


def _fast_cells(workbook: Any, sheet: Any) -> Iterator[tuple[int, Row]] | None:
    try:
        source = workbook._archive.open(sheet._worksheet_path)
        cells = _SheetCells(sheet._shared_strings, set(workbook._date_formats), workbook.epoch)
    except AttributeError:
        return None
    return _stream(source, cells)


def _stream(source: IO[bytes], cells: _SheetCells) -> Iterator[tuple[int, Row]]:
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = cells.start
    parser.EndElementHandler = cells.end
    parser.CharacterDataHandler = cells.text
    with source:
        while chunk := source.read(1 << 16):
            parser.Parse(chunk, False)
            yield from cells.done
            cells.done.clear()
        parser.Parse(b"", True)
    yield from cells.done


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, Row]]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ParseError) as error:
        raise ReadError(_DAMAGED_XLSX) from error
    try:
        if not workbook.worksheets:
            raise ReadError("The workbook has no worksheets.")
        sheet = workbook.worksheets[0]
        rows = _fast_cells(workbook, sheet) or enumerate(sheet.iter_rows(values_only=True), 1)
        try:
            yield from rows
        except (
            zipfile.BadZipFile,
            KeyError,
            OSError,
            ParseError,
            ValueError,
            expat.ExpatError,
            IndexError,
        ) as error:
            raise ReadError(_DAMAGED_XLSX) from error
    finally:
        workbook.close()


def read_rows(data: bytes, name: str) -> tuple[str, Iterator[tuple[int, Row]]]:
    """(format, rows): the numbered rows of a CSV file or of a workbook's first worksheet,
    numbered as the spreadsheet numbers them (rows a workbook leaves out are skipped)."""
    kind = file_format(data, name)
    return kind, (_xlsx_rows(data) if kind == XLSX else _csv_rows(data))
