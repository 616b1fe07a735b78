"""The user's due-diligence work: suppliers, products, match decisions, ILO indicators, risk, audit log.

Convention for every write function here: it takes a `Session` and the caller owns the
transaction (`with session.begin():` or `store.transaction()`). Write functions add and flush
but never commit, so a UI action or an import is one unit of work, and its audit entries are
written in that same transaction. Importing this package installs the audit hooks
and the hooks that keep the rating cache current.
"""

from workbench.cases import audit as _audit

_audit.install()

from workbench.cases import rating_cache as _rating_cache  # noqa: E402  (after the audit hooks)

_rating_cache.install()
