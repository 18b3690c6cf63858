"""Right-click and hover on a highlighted passage: every finding on it, with what the keyboard offers.

The draft view knows only which rows' highlights lie under the pointer (innermost first); the window
fills the menu and the hover card from its rows, and every action goes through the same path as the
keyboard (select the row, then accept, dismiss or focus its note), so undo and the store see no
difference between a click here and a key press.
"""
from __future__ import annotations

from html import escape
from typing import Any, Callable

from PySide6.QtWidgets import QMenu

from . import theme
from .dictionary import fill_learn_menu

MENU_FINDINGS = 4          # findings offered in one menu (the rest are a click away in the list)
_MENU_TEXT = 60


def findings_at(rows_for: Callable[[str], Any], keys: list[str]) -> list[Any]:
    """The distinct findings (merged rows) under the pointer, strongest first."""
    seen: dict[str, Any] = {}
    for key in keys:
        row = rows_for(key)
        if row is not None and row.key not in seen:
            seen[row.key] = row
    return sorted(seen.values(), key=lambda r: (not r.is_flag, -r.severity))


def _short(text: str, limit: int = _MENU_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def fill_highlight_menu(menu: QMenu, rows: list[Any], text: str, *, select: Callable[[str], None],
                        decide: Callable[[str], None], note: Callable[[], None],
                        add_word: Callable[..., None], ignore_rule: Callable[..., None]) -> None:
    """Accept, Dismiss, Note and Dictionary / Ignore for each finding on the passage."""
    def act(key: str, then: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            select(key)
            then()
        return run

    for n, row in enumerate(rows[:MENU_FINDINGS]):
        if n:
            menu.addSeparator()
        head = menu.addAction(theme.category_icon(row.category), _short(row.message))
        head.setEnabled(False)
        if not row.is_flag:
            menu.addAction("Show This Note", act(row.key, lambda: None))
            continue
        accept = menu.addAction(theme.icon("accept"), "Accept", act(row.key, lambda: decide("accepted")))
        accept.setEnabled(row.active and row.decision != "accepted")
        dismiss = menu.addAction(theme.icon("dismiss"), "Dismiss", act(row.key, lambda: decide("dismissed")))
        dismiss.setEnabled(row.active and row.decision != "dismissed")
        menu.addAction(theme.icon("note"), "Note on This Flag\u2026", act(row.key, note))
        learn = menu.addMenu("Dictionary / Ignore")
        fill_learn_menu(learn, row, text, add_word, ignore_rule)
    if len(rows) > MENU_FINDINGS:
        more = menu.addAction(f"{len(rows) - MENU_FINDINGS} more on this passage: click it to step through")
        more.setEnabled(False)


def hover_card(rows: list[Any]) -> str:
    """Rich text for the tooltip over a highlight: every finding on it, strongest first."""
    if not rows:
        return ""
    parts = []
    for row in rows[:6]:
        label = theme.category_label(row.category) if row.is_flag else "Note"
        status = "" if row.status == "pending" else f" \u00b7 {theme.status_label(row.status).lower()}"
        body = escape(row.message if row.is_flag else row.note)
        also = "".join(f"<br><i>Also:</i> {escape(said)}" for _rule, said in getattr(row, "also", ()))
        parts.append(f"<p><b>{escape(label)}</b>{escape(status)}<br>{body}{also}</p>")
    if len(rows) > 6:
        parts.append(f"<p>and {len(rows) - 6} more</p>")
    parts.append("<p><i>Click to select, right-click to accept, dismiss or write a note.</i></p>")
    return "<qt>" + "".join(parts) + "</qt>"
