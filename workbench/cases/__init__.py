"""The user's due-diligence work: suppliers, products, match decisions, ILO indicators, risk, audit log.

Convention for every write function here: it takes a `Session` and the caller owns the
transaction (`with session.begin():` or `store.transaction()`). Write functions add and flush
but never commit, so a UI action or an import is one unit of work, and its audit entries are
written in that same transaction. Importing this package installs the audit hooks.
"""

from workbench.cases import audit as _audit

_audit.install()
