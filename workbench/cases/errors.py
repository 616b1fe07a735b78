"""Errors of the case model, written for the user."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.errors import InputError


class ValidationError(InputError):
    """One or more fields are invalid; `errors` maps each field name to what is wrong and how to fix it."""

    def __init__(self, errors: Mapping[str, str], context: str = "") -> None:
        self.errors = dict(errors)
        detail = "; ".join(f"{field}: {message}" for field, message in self.errors.items())
        super().__init__(f"{context}{': ' if context else ''}{detail}")


class NotFound(InputError):
    """The supplier, product, match or indicator asked for does not exist (or was deleted)."""
