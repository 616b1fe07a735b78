"""Who is reviewing: the identity decisions and audit entries are recorded under.

On PostgreSQL every reviewer connects as their own database role, and the reviewer is the
server's `session_user`: a name the server vouches for, which no setting can change. On the
embedded SQLite store there is no server to ask, so the reviewer is the name in the settings
together with the operating-system account that runs Workbench, said plainly, e.g.
"Jane Auditor (OS account jane)".
"""

from __future__ import annotations

import getpass

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from workbench.cases.audit import REVIEWER_SETTING
from workbench.data.models import Setting


def os_account() -> str:
    """The operating-system account running this process ("unknown" if the system cannot say)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry / no login name (e.g. some containers)
        return "unknown"


def settings_name(session: Session | Connection) -> str:
    """The reviewer name from the settings ("" when not set)."""
    value = session.scalar(select(Setting.value).where(Setting.key == REVIEWER_SETTING))
    return " ".join((value or "").split())


def current_reviewer(session: Session | Connection) -> str:
    """The reviewer to record: the PostgreSQL `session_user`, or on SQLite the settings name with
    the OS account ("" on SQLite while no name is set, so the caller asks for one)."""
    bind = session.get_bind() if isinstance(session, Session) else session
    if bind.dialect.name == "postgresql":
        return str(session.scalar(text("SELECT session_user")))
    name = settings_name(session)
    return f"{name} (OS account {os_account()})" if name else ""
