"""Small reusable widgets (chart, cards, field-with-message)."""
