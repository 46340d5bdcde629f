"""The desktop app (PySide6). Thin: widgets call the core services and redraw from Changes."""
