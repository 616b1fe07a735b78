"""The app icon: workbench.svg (master) and PNG renderings of it."""
