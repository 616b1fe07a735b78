"""Qt item models that adapt core query functions (no SQL here)."""
