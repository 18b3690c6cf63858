"""The window's actions, menus and toolbar, with their shortcuts: one table, so the F1 sheet matches."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from . import theme

# name: (menu, text, shortcuts, icon, tip)
_SPECS: list[tuple[str, str, str, tuple[str, ...], str, str]] = [
    ("open", "File", "&Open Draft\u2026", ("Ctrl+O",), "open", "Open a .txt, .md, .html or .docx draft"),
    ("export", "File", "&Export Summary\u2026", ("Ctrl+E",), "export", "Write the review as Word, PDF, HTML, Markdown, JSON or CSV"),
    ("close", "File", "&Close Draft", ("Ctrl+W",), "", "Close the draft; everything is already saved"),
    ("settings", "File", "&Settings\u2026", ("Ctrl+,",), "settings", "Reviewer name, target grade and checks"),
    ("quit", "File", "&Quit", ("Ctrl+Q",), "", ""),
    ("find", "Edit", "&Find in Flags", ("Ctrl+F",), "", "Search messages, passages and notes"),
    ("accept", "Review", "&Accept", ("A",), "accept", "Accept: the writer should fix this"),
    ("dismiss", "Review", "&Dismiss", ("D",), "dismiss", "Dismiss: not a problem here"),
    ("dismiss_similar", "Review", "Dismiss All &Like This", ("Shift+D",), "dismiss-all",
     "Dismiss every pending flag of the same rule in this draft"),
    ("reset", "Review", "Back to &Pending", ("P",), "undo", "Undecide the selected flags"),
    ("next", "Review", "&Next Pending Flag", ("J",), "next", "Next pending flag"),
    ("previous", "Review", "P&revious Pending Flag", ("K",), "previous", "Previous pending flag"),
    ("next_place", "Review", "Next P&lace of This Finding", ("Alt+Right", "]"), "place-next",
     "Step to the next place of a repeated or conflicting finding"),
    ("previous_place", "Review", "Previous Pl&ace of This Finding", ("Alt+Left", "["), "place-previous",
     "Step to the previous place of this finding"),
    ("note", "Review", "&Note on Flag or Passage", ("N",), "note",
     "Write a note on the selected flag, or on the passage selected in the text"),
    ("document_note", "Review", "Note on the &Whole Draft", ("Ctrl+Shift+N",), "", ""),
    ("recheck", "Review", "&Run Checks Again", ("F5",), "recheck", "Check the draft again"),
    ("cancel", "Review", "&Cancel Checks", ("Esc",), "cancel", "Stop the checks that are running"),
    ("dictionary", "Review", "D&ictionary and Ignored Rules\u2026", (), "",
     "The words the checks accept and the rules they ignore, for this draft and all drafts"),
    ("download_lt", "Review", "Download &LanguageTool\u2026", (), "",
     "Download LanguageTool (about 250 MB) to check grammar on this computer beside Harper"),
    ("show_flags", "View", "&Flags", ("Ctrl+1",), "", ""),
    ("show_readability", "View", "&Readability", ("Ctrl+2",), "", ""),
    ("show_claims", "View", "&Claims", ("Ctrl+3",), "", ""),
    ("show_notes", "View", "N&otes", ("Ctrl+4",), "", ""),
    ("show_all", "View", "Show &All Statuses", ("Ctrl+Shift+A",), "", "Show pending, accepted, dismissed and outdated flags"),
    ("show_pending", "View", "Show &Pending Only", ("Ctrl+Shift+P",), "", ""),
    ("zoom_in", "View", "Zoom &In", ("Ctrl++", "Ctrl+="), "", "Larger text in the draft"),
    ("zoom_out", "View", "Zoom &Out", ("Ctrl+-",), "", "Smaller text in the draft"),
    ("zoom_reset", "View", "&Actual Size", ("Ctrl+0",), "", "The draft's text at its normal size"),
    ("line_editing", "View", "&Line-Editing Advice", ("Ctrl+L",), "",
     "Show echoes, passive voice, adverbs, hard sentences and complex words as flags"),
    ("shortcuts", "Help", "&Keyboard Shortcuts", ("F1",), "help", "Every shortcut on one sheet"),
    ("about", "Help", "&About ReviewDesk", (), "", ""),
]
_TOOLBAR = ("open", "export", None, "accept", "dismiss", "dismiss_similar", None, "previous", "next",
            "previous_place", "next_place", None, "note", "undo", "redo", None, "recheck", "cancel")


@dataclass
class WindowActions:
    actions: dict[str, QAction] = field(default_factory=dict)
    menus: dict[str, QMenu] = field(default_factory=dict)
    recent_menu: QMenu | None = None
    toolbar: QToolBar | None = None

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def groups(self) -> list[tuple[str, list[QAction]]]:
        return [(title, [a for a in menu.actions() if not a.isSeparator()])
                for title, menu in self.menus.items()]


def build_actions(window: QMainWindow, undo_stack: QUndoStack) -> WindowActions:
    result = WindowActions()
    for name, _menu, text, keys, icon_name, tip in _SPECS:
        action = QAction(text, window)
        action.setObjectName(f"action_{name}")
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if icon_name:
            action.setIcon(theme.icon(icon_name))
        if tip:
            shown = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
            action.setToolTip(f"{tip} ({shown})" if shown else tip)
            action.setStatusTip(tip)
        # Window-wide, so A/D/J/K work from the list and the draft alike; text fields that take
        # typing claim their keys first (Qt's ShortcutOverride), so notes can still contain "a".
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)
        result.actions[name] = action
    result.actions["line_editing"].setCheckable(True)
    undo = undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    undo.setIcon(theme.icon("undo"))
    redo = undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    redo.setIcon(theme.icon("redo"))
    for a in (undo, redo):
        window.addAction(a)
    result.actions["undo"], result.actions["redo"] = undo, redo
    result.actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    result.actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    result.actions["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)

    bar = window.menuBar()
    for title in ("File", "Edit", "Review", "View", "Help"):
        result.menus[title] = bar.addMenu(f"&{title}")
    menus = result.menus
    for name, menu, *_rest in _SPECS:
        if name == "close":
            result.recent_menu = menus["File"].addMenu("Open &Recent")
            menus["File"].addSeparator()
        if name == "quit":
            menus["File"].addSeparator()
        if name == "find":
            menus["Edit"].addAction(undo)
            menus["Edit"].addAction(redo)
            menus["Edit"].addSeparator()
        if name in ("next", "note", "recheck", "dictionary"):
            menus["Review"].addSeparator()
        if name == "show_all":
            menus["View"].addSeparator()
        menus[menu].addAction(result.actions[name])

    toolbar = QToolBar("Review", window)
    toolbar.setObjectName("reviewToolbar")
    toolbar.setIconSize(QSize(20, 20))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for name in _TOOLBAR:
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(result.actions[name])
    # Only the review verbs carry labels; the rest are icons with tooltips, to keep the bar short.
    for name in _TOOLBAR:
        if name and name not in ("accept", "dismiss", "open", "export"):
            button = toolbar.widgetForAction(result.actions[name])
            if button is not None:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(toolbar)
    result.toolbar = toolbar
    return result
