"""Replacing the local signing identity: the old one is set aside, never deleted.

Memos already signed keep verifying (their certificate is embedded in the PDF) and stay trusted:
the retired certificate joins the trust list. The retired key and certificate stay in a dated
folder beside the identity in case a passphrase turns up again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbench.memo.identity import CERT_FILE, IDENTITY_FILE, signing_dir
from workbench.memo.trust import add_trusted


def retire_local_identity(now: dt.datetime | None = None) -> Path | None:
    """Move the local identity's files to `signing/retired-YYYYmmdd-HHMMSS/`; return that folder.

    None when there is no local identity. The next memo export creates a new identity.
    """
    folder = signing_dir()
    files = [folder / name for name in (IDENTITY_FILE, CERT_FILE) if (folder / name).exists()]
    if not files:
        return None
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%d-%H%M%S")
    target = folder / f"retired-{stamp}"
    target.mkdir(parents=True, exist_ok=True)
    for path in files:
        path.replace(target / path.name)
    if (target / CERT_FILE).exists():
        add_trusted(target / CERT_FILE)
    return target
