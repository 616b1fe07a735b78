"""screening package."""
