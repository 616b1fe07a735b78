"""Reading CSV files the user gives us: encoding detection, header checks, errors naming file and line.

Encodings are tried in the order UTF-8, UTF-8 with BOM, UTF-16 and GB18030 (common for files
saved by Chinese Excel); callers that also accept a single-byte Western file (cp1252, Excel's
"CSV" on Western Windows) pass it as `fallback`. Most cp1252 text with accents also decodes as
GB18030, so when both decode, the file's byte pairs decide (see `_looks_single_byte`).

Detection never falls back silently on a UTF-8 file with a few bad bytes (a file edited in two
programs): when most of its non-ASCII bytes form valid UTF-8, reading it as GB18030 or cp1252
would garble every name, so the bad byte is reported with its line instead. The user can name
the encoding (`encoding=`, the CLI's `--encoding`); the file must then decode wholly in it.
Detection streams the file once, so memory stays bounded for files of millions of rows; rows
are then read one at a time. Control characters (NUL and the other C0 codes except tab and line
breaks) are refused with their line: no store keeps them and they hide text from reviewers.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from workbench.errors import InputError

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gb18030")
CHUNK = 1 << 20
HIGH_RUN = re.compile(rb"[\x80-\xff]+")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
ASCII = bytes(range(128))
#: Share of a file's non-ASCII bytes in valid UTF-8 sequences above which it is taken for UTF-8.
#: GB18030 Chinese text scores about 0.1 by chance, cp1252 text almost 0, UTF-8 text 1.
UTF8_SHARE = 0.5
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


def _looks_single_byte(path: Path) -> bool:
    """Whether the file's non-ASCII bytes look like single-byte letters rather than GB18030 pairs.

    Chinese text in GB18030 is almost all pairs of two high bytes (GB2312 range); accented letters
    in cp1252 are high bytes followed by ASCII letters, which GB18030 reads as rare characters.
    """
    with path.open("rb") as fh:
        sample = fh.read(CHUNK)
    ascii_trail = high_trail = 0
    for run in HIGH_RUN.finditer(sample):
        start, end = run.span()
        i = start
        while i < end:
            trail = sample[i + 1] if i + 1 < len(sample) else 0
            if 0x30 <= trail <= 0x39:  # four-byte sequence
                i += 4
                continue
            if trail >= 0x80:
                high_trail += 1
            else:
                ascii_trail += 1
            i += 2
    return ascii_trail > high_trail


def _mostly_utf8(path: Path) -> bool:
    """Whether most non-ASCII bytes of the file's first megabytes form valid UTF-8 sequences."""
    with path.open("rb") as fh:
        sample = fh.read(4 * CHUNK)
    high = len(sample.translate(None, ASCII))
    in_sequences = sum(len(m) for m in UTF8_SEQUENCE.findall(sample))
    return high > 0 and in_sequences / high >= UTF8_SHARE


def _bad_byte(path: Path, encoding: str) -> tuple[int, int, int]:
    """(line, column, byte) of the first byte that does not decode in `encoding`."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        for line, raw in enumerate(fh, start=1):
            try:
                decoder.decode(raw)
            except UnicodeDecodeError as exc:
                return line, exc.start + 1, raw[exc.start]
    return 0, 0, 0


def _check_named_encoding(path: Path, encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise InputError(
            f"'{encoding}' is not an encoding Workbench knows. Use a name such as utf-8, cp1252, "
            "gb18030, big5, shift_jis or latin-1."
        ) from None
    if not _decodes(path, name)[0]:
        line, column, byte = _bad_byte(path, name)
        raise InputError(
            f"{path}, line {line}: byte 0x{byte:02x} at column {column} is not {encoding} text. "
            "Check the encoding the file was saved in, or save it as 'CSV UTF-8' and import it again."
        )
    return name


def detect_encoding(path: str | Path, fallback: str | None = None, encoding: str | None = None) -> str:
    """The first of `ENCODINGS` (then `fallback`) that decodes the whole file; else `InputError`.

    With a single-byte `fallback` such as "cp1252", a file that decodes as both GB18030 and the
    fallback gets the one its bytes look like. A file that is mostly UTF-8 with a few bad bytes
    is refused naming the first. A named `encoding` is used as is, and must decode the whole file.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4)
    except OSError as exc:
        raise InputError(f"{path}: cannot open the file ({exc.strerror}).") from exc
    if encoding:
        return _check_named_encoding(path, encoding)
    if head.startswith(codecs.BOM_UTF8):
        candidates: Sequence[str] = ("utf-8-sig",)
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    else:
        no_bom_utf16 = b"\x00" in head
        candidates = [e for e in ENCODINGS if e != "utf-8-sig" and (e != "utf-16" or no_bom_utf16)]
    first_bad = 0
    for candidate in candidates:
        ok, bad_line = _decodes(path, candidate)
        if ok:
            if (
                candidate == "gb18030"
                and fallback
                and _looks_single_byte(path)
                and _decodes(path, fallback)[0]
            ):
                return fallback
            return candidate
        if candidate == "utf-8" and _mostly_utf8(path):
            line, column, byte = _bad_byte(path, candidate)
            raise InputError(
                f"{path}, line {line}: byte 0x{byte:02x} at column {column} is not UTF-8, though the rest "
                "of the file is UTF-8 (the file was probably edited in two programs). Retype the "
                "character at that place and save the file as 'CSV UTF-8', or, if the whole file is in "
                "another encoding, name it (--encoding cp1252, gb18030, ...)."
            )
        first_bad = first_bad or bad_line
    if fallback and len(candidates) > 1 and _decodes(path, fallback)[0]:
        return fallback
    also = f", {fallback.upper()}" if fallback else ""
    raise InputError(
        f"{path}, line {first_bad}: the file is not text in UTF-8, UTF-16{also} or GB18030. "
        "Save it as 'CSV UTF-8' and try again."
    )


def open_text(
    path: str | Path, fallback: str | None = None, encoding: str | None = None
) -> tuple[TextIO, str]:
    """Open a user's text file with its detected (or named) encoding; returns the stream and the encoding."""
    encoding = detect_encoding(path, fallback, encoding)
    return open(path, encoding=encoding, newline=""), encoding


def check_controls(place: str, values: list[str]) -> None:
    """Raise InputError if a value holds a control character (NUL, escape, ...); `place` names the row."""
    for value in values:
        found = CONTROL.search(value)
        if found:
            code = ord(found.group())
            raise InputError(
                f"{place}: the value {value[:40]!r} holds the control character "
                f"U+{code:04X}{' (NUL)' if code == 0 else ''}, which is not text. Remove it (often it "
                "comes from a damaged file or a copy from another program) and import again."
            )


def read_records(
    path: str | Path, fallback: str | None = None, encoding: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line number, fields) for the header (first) and then each data row of a CSV.

    Header fields are stripped of surrounding spaces, case kept. Raises `InputError` naming the
    file and line for an empty file, broken CSV, a control character, or a row with more or
    fewer fields than the header. Completely empty lines are skipped. A header without commas but
    with semicolons or tabs (Excel's CSV in many European locales, Excel's "Unicode Text") sets
    the delimiter.
    """
    path = Path(path)
    fh, _encoding = open_text(path, fallback, encoding)
    with fh:
        first = fh.readline()
        fh.seek(0)
        reader = csv.reader(fh, delimiter=_delimiter(first))
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(f"{path}, line 1: the file is empty; it needs a header row.") from None
        except csv.Error as exc:
            raise InputError(f"{path}, line 1: the header cannot be read as CSV ({exc}).") from exc
        check_controls(f"{path}, line 1", header)
        columns = [h.strip() for h in header]
        yield 1, columns
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
                    f"{path}, line {start}: {len(row)} fields where the header has {len(columns)} "
                    f"({_ragged_detail(columns, row)}). "
                    "Quote values that contain commas, or add the missing fields."
                )
            check_controls(f"{path}, line {start}", row)
            yield start, row


def _delimiter(header_line: str) -> str:
    """',' unless the header line has no comma but does have semicolons or tabs."""
    if "," in header_line:
        return ","
    return max(";\t", key=header_line.count) if any(c in header_line for c in ";\t") else ","


def _ragged_detail(columns: list[str], row: list[str]) -> str:
    if len(row) < len(columns):
        missing = columns[len(row) :]
        return f"no value for column {', '.join(repr(c) for c in missing[:3])}" + (
            " ..." if len(missing) > 3 else ""
        )
    extra = row[len(columns)][:40]
    return f"extra value {extra!r} after the last column {columns[-1]!r}"


def read_rows(
    path: str | Path,
    required: Sequence[str] = ("name",),
    fallback: str | None = None,
    encoding: str | None = None,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data row of a CSV with a header.

    Header names are matched without case or surrounding spaces and returned in lower case.
    Raises `InputError` naming the file and line for a missing required column or a row with
    more or fewer fields than the header. Completely empty lines are skipped.
    """
    path = Path(path)
    records = read_records(path, fallback, encoding)
    columns = [h.casefold() for h in next(records)[1]]
    missing = [c for c in required if c not in columns]
    if missing:
        records.close()
        raise InputError(
            f"{path}, line 1: required column(s) {', '.join(missing)} missing from the header "
            f"(found: {', '.join(c for c in columns if c) or 'none'}). Add a '{missing[0]}' column."
        )
    for line, row in records:
        yield line, dict(zip(columns, row, strict=True))


def sniff_text(data: bytes) -> str:
    """Decode bytes with the same encoding order (for small in-memory files)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("The data is not text in UTF-8, UTF-16 or GB18030.")


__all__ = [
    "ENCODINGS",
    "check_controls",
    "detect_encoding",
    "open_text",
    "read_records",
    "read_rows",
    "sniff_text",
]
