"""After a list import: re-screen the suppliers against the entries that were added, changed or removed,
and bring the saved screening index up to date so the next screening does not have to build it."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.data.models import Supplier
from workbench.lists.importer import Rescreen
from workbench.progress import TaskState, ensure_state
from workbench.screening.types import list_entity_key


def rescreen_hook(list_name: str) -> Rescreen:
    """The `rescreen` callable for `import_list`: returns the number of new hits.

    The importer reports entry keys; the screener knows list entities by `list_entity_key`.
    Without suppliers there is nothing to re-screen, and building the screener over a large
    list would be wasted time.
    """

    def hook(session: Session, entry_keys: Callable[[], set[str]]) -> int:
        from workbench.cases.screening import rescreen_for_entities
        from workbench.screening import build_screener

        active = select(func.count()).select_from(Supplier).where(Supplier.deleted_at.is_(None))
        if not session.scalar(active):
            return 0
        entity_keys = {list_entity_key(list_name, key) for key in entry_keys()}
        return rescreen_for_entities(session, build_screener(session), entity_keys)

    return hook


def refresh_screening_index(session: Session, state: TaskState | None = None) -> None:
    """Build and save the screening index for the store's current lists, unless it is saved already.

    Call after a list import has committed: the import's re-screen (if any) already saved it under
    the new snapshot, so this costs a file check; otherwise it builds it now, in the import's
    background task, rather than in the next `workbench screen` or memo.
    """
    from workbench.screening import build_screener

    ensure_state(state).set_progress(0, 0, "Indexing the listed names for screening")
    build_screener(session)
