"""The rule for a new signing identity's passphrase: typed twice, at least 10 characters, not trivial."""

from __future__ import annotations

MIN_LENGTH = 10


def passphrase_problems(passphrase: str, again: str) -> dict[str, str]:
    """Why a new passphrase is refused, keyed "passphrase" or "passphrase_again"; empty when acceptable."""
    if len(passphrase) < MIN_LENGTH:
        return {
            "passphrase": f"Use at least {MIN_LENGTH} characters (you typed {len(passphrase)}); a few "
            "words are easy to remember and hard to guess."
        }
    if len(set(passphrase)) < 4:
        return {"passphrase": "Use a passphrase with more variety than a repeated character or two."}
    if passphrase != again:
        return {"passphrase_again": "The two passphrases differ; type the same passphrase twice."}
    return {}
