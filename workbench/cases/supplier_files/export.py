"""Export suppliers with their risk rating, open hits and decision status to CSV or XLSX.

One row per supplier (not deleted), sorted by name. Text that a spreadsheet would read as a
formula (starting with = + - @, or a tab or carriage return) gets a leading apostrophe, so opening
the file never runs anything; the import removes that apostrophe again. The CSV is UTF-8 with a
BOM so Excel shows Chinese names; the XLSX is written in openpyxl's write-only mode (constant
memory). The file is written next to its destination and renamed, so a failed export leaves no
half file. Read-only on the store.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from workbench.cases.risk import RiskRating, rate
from workbench.cases.supplier_files.columns import column_letter
from workbench.data.models import Match, Product, Supplier
from workbench.errors import InputError
from workbench.progress import TaskState, ensure_state

CHUNK = 500
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HEADER = (
    "Supplier ID",
    "Supplier Name",
    "Local Name",
    "Aliases",
    "Country",
    "Region",
    "Address",
    "Website",
    "Registration ID",
    "Tier",
    "Products",
    "Product HS codes",
    "Risk Rating",
    "UFLPA Presumption",
    "Open Hits",
    "Confirmed Hits",
    "Dismissed Hits",
    "Decision Status",
    "Last Screened",
    "Last Reviewed",
)
FORMATS = (".csv", ".xlsx")
WIDTHS = (10, 40, 30, 30, 10, 16, 40, 24, 22, 6, 40, 20, 12, 12, 10, 10, 10, 16, 16, 16)


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as text: a leading apostrophe before = + - @ (and tab, CR)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def decision_status(open_hits: int, confirmed: int, dismissed: int, screened: bool) -> str:
    """Where the review of a supplier's hits stands, in words."""
    if open_hits:
        return "review pending"
    if confirmed:
        return "match confirmed"
    if dismissed:
        return "hits dismissed"
    return "no hits" if screened else "not screened"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def supplier_row(supplier: Supplier, rating: RiskRating) -> list[Any]:
    """The export row of one supplier (numbers as numbers, text not yet guarded)."""
    live = [m for m in supplier.matches if m.present]
    open_hits = sum(m.status in ("open", "escalated") for m in live)
    confirmed = sum(m.status == "confirmed" for m in live)
    dismissed = sum(m.status == "dismissed" for m in supplier.matches)
    products = [p.description for p in supplier.products]
    codes = list(dict.fromkeys(p.hs_code for p in supplier.products if p.hs_code))
    return [
        supplier.id,
        supplier.legal_name,
        supplier.local_name,
        "; ".join(supplier.aliases or []),
        supplier.country,
        supplier.region,
        supplier.address,
        supplier.website,
        supplier.registration_id,
        supplier.tier,
        "; ".join(products),
        "; ".join(codes),
        rating.level,
        "yes" if rating.presumption else "no",
        open_hits,
        confirmed,
        dismissed,
        decision_status(open_hits, confirmed, dismissed, supplier.last_screened_at is not None),
        _when(supplier.last_screened_at),
        _when(supplier.last_reviewed_at),
    ]


def export_rows(
    session: Session, supplier_ids: Sequence[int] | None = None, state: TaskState | None = None
) -> Iterator[list[Any]]:
    """Yield the export row of each supplier (all, or those in `supplier_ids`), rated in chunks."""
    state = ensure_state(state)
    stmt = select(Supplier.id).where(Supplier.deleted_at.is_(None))
    if supplier_ids is not None:
        stmt = stmt.where(Supplier.id.in_(list(supplier_ids)))
    ids = list(session.scalars(stmt.order_by(func.lower(Supplier.legal_name), Supplier.id)))
    for start in range(0, len(ids), CHUNK):
        state.raise_if_cancelled()
        chunk = ids[start : start + CHUNK]
        loaded = session.scalars(
            select(Supplier)
            .where(Supplier.id.in_(chunk))
            .options(
                selectinload(Supplier.products).selectinload(Product.inputs),
                selectinload(Supplier.matches).selectinload(Match.decisions),
            )
        ).all()
        by_id = {s.id: s for s in loaded}
        for sid in chunk:
            supplier = by_id.get(sid)  # gone if removed by another window since the export started
            if supplier is not None:
                yield supplier_row(supplier, rate(session, supplier))
        del loaded, by_id
        done = min(start + CHUNK, len(ids))
        state.set_progress(done, len(ids), f"Exported {done:,} of {len(ids):,} suppliers")


def export_suppliers(
    session: Session,
    path: str | Path,
    supplier_ids: Sequence[int] | None = None,
    state: TaskState | None = None,
) -> int:
    """Write the suppliers to `path` (.csv or .xlsx, by its suffix); return how many rows were written."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"{path}: export to a .csv or .xlsx file (the name decides the format).")
    if not path.parent.is_dir():
        raise InputError(f"{path}: the folder {path.parent} does not exist.")
    rows = export_rows(session, supplier_ids, state)
    writer = _write_csv if suffix == ".csv" else _write_xlsx
    return _atomic(path, lambda fh: writer(fh, rows))


def _atomic(path: Path, write: Callable[[IO[bytes]], int]) -> int:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            count = write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _guarded(row: Iterable[Any]) -> list[Any]:
    return [safe_text(v) if isinstance(v, str) else v for v in row]


def _write_csv(fh: IO[bytes], rows: Iterable[list[Any]]) -> int:
    import io

    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    out = csv.writer(text)
    out.writerow(HEADER)
    count = 0
    for row in rows:
        out.writerow(_guarded(row))
        count += 1
    text.flush()
    text.detach()
    return count


def _write_xlsx(fh: IO[bytes], rows: Iterable[list[Any]]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    ws = book.create_sheet("Suppliers")
    ws.freeze_panes = "C2"
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for title in HEADER:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in _guarded(row)])
        count += 1
    book.save(fh)
    return count
