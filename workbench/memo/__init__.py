"""The due-diligence memo: content, PDF rendering, signing and verification (no Qt)."""
