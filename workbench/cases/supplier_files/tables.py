"""A supplier file as a header and rows of text, whether CSV (any supported encoding) or XLSX.

Rows carry their location for error messages: "line 5" in a CSV, "sheet 'Suppliers', row 5" in
a workbook. Both stream: a CSV is read a row at a time, a workbook in openpyxl's read-only mode.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from workbench.cases.supplier_files.columns import column_letter
from workbench.csvio import detect_encoding, read_records
from workbench.errors import InputError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
FALLBACK_ENCODING = "cp1252"

# Bounds on a workbook, so that a hostile or broken file fails fast instead of filling memory.
# A 100,000-row supplier sheet is about 50 MB of XML compressed 12:1.
XLSX_MAX_UNPACKED = 2 << 30  # all parts together, unpacked
XLSX_MAX_SHARED_STRINGS = 256 << 20  # openpyxl holds the shared strings in memory
XLSX_MAX_RATIO = 200  # deflate reaches about 1000:1 on a zip bomb; real sheets 5-50:1
XLSX_RATIO_FROM = 1 << 20  # small parts may compress better than that
XLSX_MAX_CELLS = 30_000_000  # e.g. 1,000,000 rows of 30 columns
XLSX_MAX_CELL_TEXT = 32_767  # Excel's own limit on a cell's text


@dataclass(frozen=True)
class Table:
    """The header of a supplier file and a way to read its rows again (preview, duplicates, import)."""

    path: Path
    header: list[str]
    encoding: str = ""  # CSV only
    sheet: str | None = None  # XLSX only: the sheet read
    sheets: tuple[str, ...] = field(default=())  # XLSX only: all sheets of the workbook
    header_row: int = 1

    @property
    def kind(self) -> str:
        return "xlsx" if self.sheet is not None else "csv"

    def rows(self, hs_columns: Collection[int] = ()) -> Iterator[tuple[str, list[str]]]:
        """Yield (location, values) for each non-empty data row, values as long as the header.

        Numbers in `hs_columns` of a workbook are turned back into HS codes (see `hs_text`).
        """
        if self.sheet is None:
            records = read_records(self.path, FALLBACK_ENCODING, self.encoding)
            next(records)
            for line, values in records:
                yield f"line {line}", values
        else:
            yield from _xlsx_rows(self, hs_columns)


def open_table(path: str | Path, sheet: str | None = None, encoding: str | None = None) -> Table:
    """Open a CSV or XLSX supplier file and read its header; InputError if it cannot be used.

    `encoding` names a CSV file's encoding instead of detecting it.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file. Check the path and try again.")
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic.startswith(OLE_MAGIC):
        raise InputError(
            f"{path}: an old Excel 97-2003 (.xls) workbook. Save it as .xlsx or as CSV UTF-8 and import that."
        )
    if magic == XLSX_MAGIC or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _open_xlsx(path, sheet)
    if sheet is not None:
        raise InputError(f"{path}: a CSV file has no sheets; leave out the sheet name.")
    encoding = detect_encoding(path, FALLBACK_ENCODING, encoding)
    records = read_records(path, FALLBACK_ENCODING, encoding)
    header = next(records)[1]
    records.close()
    return Table(path, header, encoding=encoding)


# ---------------------------------------------------------------- XLSX


def check_workbook_bounds(path: Path) -> None:
    """Refuse a workbook whose parts unpack to more than a supplier file can hold (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(
            f"{path}: not a readable Excel .xlsx workbook ({exc}). Open it in Excel and save it again as "
            ".xlsx, or save the sheet as CSV UTF-8."
        ) from exc
    unpacked = sum(p.file_size for p in parts)
    packed_ratio = max(
        (p.file_size / max(p.compress_size, 1) for p in parts if p.file_size > XLSX_RATIO_FROM), default=0
    )
    strings = sum(p.file_size for p in parts if p.filename.lower().endswith("sharedstrings.xml"))
    if unpacked > XLSX_MAX_UNPACKED or packed_ratio > XLSX_MAX_RATIO or strings > XLSX_MAX_SHARED_STRINGS:
        raise InputError(
            f"{path}: the workbook unpacks to {unpacked / 2**20:,.0f} MB (compressed up to "
            f"{packed_ratio:,.0f}:1), more than a supplier file can hold; it may be damaged or built to "
            "exhaust memory. Nothing was read. Open it in Excel, keep the supplier sheet only, and save it "
            "again as .xlsx, or save the sheet as CSV UTF-8."
        )


def _load(path: Path) -> Any:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_workbook_bounds(path)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"{path}: not a readable Excel .xlsx workbook ({exc}). Open it in Excel and save it again as "
            ".xlsx, or save the sheet as CSV UTF-8."
        ) from exc


def _sheet(path: Path, book: Any, sheet: str | None) -> Any:
    """The sheet to read, its declared size dropped so rows are read as long as they are, not padded."""
    if sheet is not None and sheet not in book.sheetnames:
        raise InputError(f"{path}: no sheet named '{sheet}' (sheets: {', '.join(book.sheetnames)}).")
    ws = book.worksheets[0] if sheet is None else book[sheet]
    ws.reset_dimensions()
    return ws


def _open_xlsx(path: Path, sheet: str | None) -> Table:
    book = _load(path)
    try:
        ws = _sheet(path, book, sheet)
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            header = [cell_text(v).strip() for v in values]
            while header and not header[-1]:
                header.pop()
            if header:
                return Table(path, header, sheet=ws.title, sheets=tuple(book.sheetnames), header_row=number)
        raise InputError(f"{path}, sheet '{ws.title}': the sheet is empty; it needs a header row.")
    finally:
        book.close()


def _xlsx_rows(table: Table, hs_columns: Collection[int]) -> Iterator[tuple[str, list[str]]]:
    book = _load(table.path)
    width = len(table.header)
    try:
        ws = _sheet(table.path, book, table.sheet)
        rows = ws.iter_rows(min_row=table.header_row + 1, values_only=True)
        cells_read = 0
        for number, values in enumerate(rows, start=table.header_row + 1):
            where = f"sheet '{table.sheet}', row {number}"
            cells = list(values)
            cells_read += len(cells)
            if cells_read > XLSX_MAX_CELLS:
                raise InputError(
                    f"{table.path}, {where}: the sheet has more than {XLSX_MAX_CELLS:,} cells, more than a "
                    "supplier file can hold. Delete the unused rows and columns, or split the file."
                )
            extra = next((i for i in range(width, len(cells)) if cell_text(cells[i]).strip()), None)
            if extra is not None:
                raise InputError(
                    f"{table.path}, {where}: cell {column_letter(extra)}{number} has a value but its column "
                    "has no header. Add a header for that column or clear the cell."
                )
            cells = (cells + [None] * width)[:width]
            texts = [hs_text(v) if i in hs_columns else cell_text(v) for i, v in enumerate(cells)]
            _check_cells(f"{table.path}, {where}", texts)
            if any(t.strip() for t in texts):
                yield where, texts
    finally:
        book.close()


def _check_cells(place: str, texts: list[str]) -> None:
    """Refuse a cell longer than Excel allows (XML cannot carry control characters, so no check for those)."""
    long = next((t for t in texts if len(t) > XLSX_MAX_CELL_TEXT), None)
    if long is not None:
        raise InputError(
            f"{place}: a cell holds {len(long):,} characters, more than Excel allows in a cell "
            f"({XLSX_MAX_CELL_TEXT:,}); the file may be damaged. Shorten the value and save again."
        )


def cell_text(value: Any) -> str:
    """A cell's value as the text the user sees (whole numbers without '.0', dates as ISO dates)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def hs_text(value: Any) -> str:
    """An HS code that Excel stored as a number, with the zeros Excel dropped put back.

    6109.1 -> 6109.10 (the code is written 4 digits, dot, 2 digits); 901.11 -> 0901.11; a whole
    number with an odd count of digits (90111) lost its leading zero -> 090111.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return cell_text(value)
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = repr(value).partition(".")
        if len(fraction) <= 2 and len(whole) <= 4:
            return f"{whole.zfill(4)}.{fraction.ljust(2, '0')}"
        return repr(value)
    digits = str(int(value))
    return digits.zfill(len(digits) + 1) if len(digits) % 2 else digits
