"""Reading list files line by line: encodings, binary junk, the 0x1A end byte, CSV errors."""

from __future__ import annotations

import codecs
import csv
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from workbench.errors import InputError

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Long multi-value fields (CSL `ids`, OFAC remarks) may exceed the csv module's 128 KiB default.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))


class Progress:
    """Bytes read so far by one import; every few thousand reads it calls `tick(done)`.

    The importer's tick reports progress and raises `Cancelled` when asked to stop, so a
    parser's long passes (e.g. the FtM sanction pass) stay responsive without knowing about it.
    """

    EVERY = 4096

    def __init__(self, tick: Callable[[int], None] | None = None) -> None:
        self.done = 0
        self._tick = tick
        self._reads = 0

    def add(self, size: int) -> None:
        """Count `size` more bytes read."""
        self.done += size
        self._reads += 1
        if self._tick is not None and self._reads % self.EVERY == 0:
            self._tick(self.done)


def check_file(path: Path, what: str) -> int:
    """Raise InputError unless `path` is a readable, non-empty file; return its size in bytes."""
    if not path.exists():
        raise InputError(f"{path}: no such file. Check the path of the {what} file.")
    if not path.is_file():
        raise InputError(f"{path} is a folder, not a {what} file.")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path} is empty (0 bytes). Download the {what} file again.")
    return size


def sha256_file(path: Path) -> str:
    """The SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _binary_error(path: Path, line: int, what: str) -> InputError:
    return InputError(
        f"{path}, line {line}: binary data (NUL bytes), not a {what} text file. "
        "Check that you chose the right file and that the download finished."
    )


def text_lines(
    path: Path, what: str, progress: Progress | None = None, fallback: str | None = None
) -> Iterator[str]:
    """Yield the decoded lines of `path` (with their line endings).

    UTF-8 (with or without BOM) or UTF-16 with BOM; lines that are not UTF-8 are decoded with
    `fallback` if given, else raise InputError naming the line. A lone 0x1A (DOS end-of-file)
    line is dropped; NUL bytes raise InputError.
    """
    with path.open("rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head in UTF16_BOMS:
            yield from _utf16_lines(path, what, progress)
            return
        for number, raw in enumerate(fh, start=1):
            if progress is not None:
                progress.add(len(raw))
            if b"\x00" in raw:
                raise _binary_error(path, number, what)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            if raw.strip(b"\x1a\r\n \t") == b"" and b"\x1a" in raw:
                continue
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if fallback is None:
                    raise InputError(
                        f"{path}, line {number}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at column "
                        f"{exc.start + 1}). Save the {what} file as UTF-8 and import it again."
                    ) from exc
                yield raw.decode(fallback, errors="replace")


def _utf16_lines(path: Path, what: str, progress: Progress | None) -> Iterator[str]:
    with path.open("r", encoding="utf-16", newline="") as fh:
        number = 0
        try:
            for number, line in enumerate(fh, start=1):
                if progress is not None:
                    progress.add(2 * len(line))
                if "\x00" in line:
                    raise _binary_error(path, number, what)
                yield line
        except UnicodeError as exc:
            raise InputError(
                f"{path}, line {number + 1}: broken UTF-16 text. "
                f"Save the {what} file as UTF-8 and import it again."
            ) from exc


def csv_rows(
    path: Path,
    what: str,
    progress: Progress | None = None,
    fallback: str | None = None,
    delimiter: str = ",",
) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, fields) for each CSV record; CSV syntax errors become InputError."""
    reader = csv.reader(text_lines(path, what, progress, fallback), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(
                f"{path}, line {start}: broken CSV ({exc}). The file may be truncated or not a {what} file."
            ) from exc
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        yield start, row


def sniff(path: Path, size: int = 65536) -> bytes:
    """The first `size` bytes of `path` (for format detection)."""
    with path.open("rb") as fh:
        return fh.read(size)
