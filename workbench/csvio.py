"""Reading CSV files the user gives us: encoding detection, header checks, errors naming file and line.

Encodings are tried in the order UTF-8, UTF-8 with BOM, UTF-16 and GB18030 (common for files
saved by Chinese Excel). Detection streams the file once, so memory stays bounded for files of
millions of rows; rows are then read one at a time.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from workbench.errors import InputError

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030")
CHUNK = 1 << 20


def _decodes(path: Path, encoding: str) -> tuple[bool, int]:
    """Whether the whole file decodes; on failure also the line number of the first bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return False, line + chunk[: exc.start].count(b"\n")
            line += text.count("\n")
            if not chunk:
                return True, line


def detect_encoding(path: str | Path) -> str:
    """The first of `ENCODINGS` that decodes the whole file; raises `InputError` if none does."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise InputError(f"{path}: cannot open the file ({exc.strerror}).") from exc
    if head.startswith(codecs.BOM_UTF8):
        candidates: Sequence[str] = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        no_bom_utf16 = b"\x00" in head
        candidates = [e for e in ENCODINGS if e != "utf-8-sig" and (e != "utf-16" or no_bom_utf16)]
    first_bad = 0
    for encoding in candidates:
        ok, bad_line = _decodes(path, encoding)
        if ok:
            return encoding
        first_bad = first_bad or bad_line
    raise InputError(
        f"{path}, line {first_bad}: the file is not text in UTF-8, UTF-16 or GB18030. "
        "Save it as 'CSV UTF-8' and try again."
    )


def open_text(path: str | Path) -> tuple[TextIO, str]:
    """Open a user's text file with its detected encoding; returns the stream and the encoding."""
    encoding = detect_encoding(path)
    return open(path, encoding=encoding, newline=""), encoding


def read_rows(
    path: str | Path, required: Sequence[str] = ("name",)
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row of a CSV with a header.

    Header names are matched without case or surrounding spaces and returned in lower case.
    Raises `InputError` naming the file and line for a missing required column or a row with
    more or fewer fields than the header. Completely empty lines are skipped.
    """
    path = Path(path)
    fh, _encoding = open_text(path)
    with fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(f"{path}, line 1: the file is empty; it needs a header row.") from None
        except csv.Error as exc:
            raise InputError(f"{path}, line 1: the header cannot be read as CSV ({exc}).") from exc
        columns = [h.strip().casefold() for h in header]
        missing = [c for c in required if c not in columns]
        if missing:
            raise InputError(
                f"{path}, line 1: required column(s) {', '.join(missing)} missing from the header "
                f"(found: {', '.join(c for c in columns if c) or 'none'}). Add a '{missing[0]}' column."
            )
        line = reader.line_num
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"{path}, line {start}: not valid CSV ({exc}).") from exc
            line = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip() and len(columns) > 1):
                continue
            if len(row) != len(columns):
                raise InputError(
                    f"{path}, line {start}: {len(row)} fields where the header has {len(columns)}. "
                    "Quote values that contain commas, or add the missing fields."
                )
            yield start, dict(zip(columns, row, strict=True))


def sniff_text(data: bytes) -> str:
    """Decode bytes with the same encoding order (for small in-memory files)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("The data is not text in UTF-8, UTF-16 or GB18030.")


__all__ = ["ENCODINGS", "detect_encoding", "open_text", "read_rows", "sniff_text"]
