"""Screening from any view: one background task at a time (a new request supersedes the running one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

from workbench.cases.screening import ScreeningSummary, screen_suppliers
from workbench.progress import TaskState
from workbench.screening import build_screener
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.worker import Task

TASK_KEY = "screening"


def screening_op(supplier_ids: list[int] | None) -> Callable[[Session, TaskState], ScreeningSummary]:
    """The background operation: build the screener from the store, screen, persist the matches."""

    def op(session: Session, state: TaskState) -> ScreeningSummary:
        state.set_progress(0, 0, "Loading the listed entities…")
        screener = build_screener(session)
        state.raise_if_cancelled()
        return screen_suppliers(session, screener, supplier_ids, state=state)

    return op


def summary_text(summary: ScreeningSummary) -> str:
    parts = [
        f"Screened {summary.suppliers:,} supplier{'s' if summary.suppliers != 1 else ''}",
        f"{summary.hits:,} hit{'s' if summary.hits != 1 else ''}",
    ]
    if summary.new_hits:
        parts.append(f"{summary.new_hits:,} new")
    if summary.changed:
        parts.append(f"{summary.changed:,} changed")
    if summary.disappeared:
        parts.append(f"{summary.disappeared:,} no longer found")
    return ", ".join(parts) + f" ({summary.seconds:.1f} s)."


def screen_suppliers_in_background(
    ctx: AppContext,
    supplier_ids: Iterable[int] | None,
    label: str = "Screening",
    on_done: Callable[[ScreeningSummary], None] | None = None,
    ended: Callable[[Task], None] | None = None,
) -> Task:
    """Screen the given suppliers (all when None); the matches appear when the task finishes."""
    ids = list(supplier_ids) if supplier_ids is not None else None

    def success(summary: ScreeningSummary) -> None:
        ctx.announce(topics.MATCHES, topics.SUPPLIERS)
        ctx.status.emit(summary_text(summary))
        if on_done is not None:
            on_done(summary)

    task = ctx.runner.start(label, screening_op(ids), success=success, key=TASK_KEY, ended=ended)
    task.cancelled.connect(
        lambda: None if task.superseded else ctx.status.emit("Screening cancelled; nothing was changed.")
    )
    return task
