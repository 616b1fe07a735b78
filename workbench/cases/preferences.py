"""Settings kept in the store that change what the app does: the screening threshold."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.cases.errors import ValidationError
from workbench.data.models import Setting

THRESHOLD_SETTING = "screening_threshold"
THRESHOLD_RANGE = (50.0, 100.0)


def default_threshold() -> float:
    from workbench.screening import DEFAULT_THRESHOLD

    return float(DEFAULT_THRESHOLD)


def get_screening_threshold(session: Session) -> float:
    """The lowest score (0-100) that makes a screening hit; the engine's default until the user sets one."""
    setting = session.get(Setting, THRESHOLD_SETTING)
    try:
        return float(setting.value) if setting is not None else default_threshold()
    except ValueError:
        return default_threshold()


def set_screening_threshold(session: Session, value: float) -> None:
    """Store the threshold used by later screenings; ValidationError outside 50-100."""
    low, high = THRESHOLD_RANGE
    if not low <= float(value) <= high:
        default = default_threshold()
        raise ValidationError(
            {"threshold": f"choose a score from {low:.0f} to {high:.0f} (default {default:.0f})."}
        )
    setting = session.get(Setting, THRESHOLD_SETTING)
    if setting is None:
        session.add(Setting(key=THRESHOLD_SETTING, value=f"{float(value):g}"))
    else:
        setting.value = f"{float(value):g}"
    session.flush()
