"""Table model of exported memos with their verification status (checked in the background)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy.orm import Session

from workbench.memo.records import list_memos
from workbench.memo.verify import VerificationResult
from workbench.ui import theme
from workbench.ui.models.record_table import RecordTableModel


@dataclass(frozen=True)
class MemoRow:
    id: str
    title: str
    path: str
    signer: str
    dataset_version: str
    created_at: datetime
    verification: str = "Not checked"
    detail: str = ""
    ok: bool | None = None


def load_memo_rows(session: Session) -> list[MemoRow]:
    return [
        MemoRow(m.id, m.title, m.path, m.signer, m.dataset_version, m.created_at) for m in list_memos(session)
    ]


def verification_text(result: VerificationResult) -> str:
    """A status line: what holds, or the first thing that does not."""
    if result.signature_ok:
        trust = "trusted signer" if result.trusted else "signer not in your trust list"
        return f"Valid: intact, covers the whole file ({trust})"
    return "NOT VALID: " + (result.problems[0] if result.problems else "signature does not verify")


def verification_short(result: VerificationResult) -> str:
    """The status in a few words, for the table (the full line is the tooltip)."""
    if result.signature_ok:
        return "✔ Valid" + (", trusted" if result.trusted else ", signer not trusted")
    if not result.signed:
        return "✘ Not signed"
    return "✘ Altered or invalid"


class MemosModel(RecordTableModel[MemoRow]):
    COLUMNS = ("Created", "Memo", "Signed by", "Dataset", "Verification")

    def set_verification(self, path: str, result: VerificationResult) -> None:
        for i, row in enumerate(self.records):
            if row.path == path:
                self.records[i] = replace(
                    row,
                    verification=verification_short(result),
                    detail=verification_text(result),
                    ok=result.ok,
                )
                idx = self.index(i, len(self.COLUMNS) - 1)
                self.dataChanged.emit(idx, idx)

    def cell(self, r: MemoRow, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.created_at.strftime("%Y-%m-%d %H:%M"),
                r.title,
                r.signer,
                r.dataset_version,
                r.verification,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{r.id}\n{r.path}" + (f"\n{r.detail}" if r.detail else "")
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and r.ok is not None:
            risk = theme.current().risk
            return QColor(risk["low"] if r.ok else risk["severe"])
        return None
