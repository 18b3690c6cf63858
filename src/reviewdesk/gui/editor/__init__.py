"""The draft's text view and the helpers it needs: offsets (code points to UTF-16), painting, the grade strip."""
from __future__ import annotations
