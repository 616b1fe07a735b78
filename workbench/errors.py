"""Errors whose message is written for the user (file, line, what to do)."""


class InputError(Exception):
    """A file or value the user gave cannot be used; the message says where and how to fix it."""
