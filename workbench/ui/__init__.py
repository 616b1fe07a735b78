"""The PySide6 desktop app: windows, item models over core queries, one background-worker helper.

Nothing here talks SQL or scores anything; every action calls a function of the core packages.
"""
