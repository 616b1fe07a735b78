"""The main views shown in the window's navigation: one module per view."""
