"""The desktop window (PySide6): the only package that imports Qt. Start it with gui.app.run_app()."""
from __future__ import annotations
