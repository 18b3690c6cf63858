"""The read-only draft: its text in a readable column, flag highlights, and the selected flag's places.

Offsets given to this view are Python code-point offsets; it converts them through its OffsetMap.
"""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QFont, QMouseEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from .. import theme
from ..flag_model import Row
from .offsets import OffsetMap
from .painter import FlagPainter
from .text_document import build_document

_COLUMN_EM = 42          # the text column's width in em: about 75 characters a line


class DraftView(QPlainTextEdit):
    """Shows one draft; tells the window which flags sit under a click and which passage to annotate."""

    passage_clicked = Signal(list)          # row keys under the click, innermost first
    note_requested = Signal(int, int)       # code-point span of the selected passage
    viewport_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse |
                                     Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setObjectName("draftView")
        font = QFont(self.font())
        font.setPointSizeF(max(11.0, font.pointSizeF() * 1.15))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(18)
        self.offsets = OffsetMap("")
        self._own_document: QTextDocument | None = None
        self.painter = FlagPainter(self.document(), self)
        self.painter.set_visible_range(self.visible_blocks)
        self._current: Row | None = None
        self._place = 0
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.viewport_moved.emit())
        self._base_point_size = font.pointSizeF()
        self.zoom_steps = 0
        self.setPlaceholderText("Open a draft (Ctrl+O) or drop a file here.")

    def set_zoom(self, steps: int) -> None:
        """Text size in steps of a tenth of the normal size (0 = normal), for this and later drafts."""
        self.zoom_steps = steps
        font = QFont(self.document().defaultFont())
        font.setPointSizeF(max(6.0, self._base_point_size * (1 + steps / 10)))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.painter.repaint_all()

    def wheelEvent(self, event) -> None:
        # Ctrl+wheel zooms in the same steps as Ctrl+plus/minus, so the size is remembered.
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                window = self.window()
                if hasattr(window, "zoom"):
                    window.zoom(1 if delta > 0 else -1)
                    event.accept()
                    return
        super().wheelEvent(event)

    # -- contents ----------------------------------------------------------------------------
    def document_style(self) -> tuple[QFont, float]:
        """What build_document needs to make a document this view can show as it is."""
        return QFont(self.document().defaultFont()), self.document().documentMargin()

    def set_draft(self, text: str, offsets: OffsetMap, headings: Iterable[tuple[int, int, int]],
                  document: QTextDocument | None = None, blocks=()) -> None:
        """Show a draft; `document` is its text already built (by build_document) in the pool;
        `blocks` (the Document's) lets the fallback build show tables as tables too."""
        self._current = None
        self.setExtraSelections([])
        if document is None or document.characterCount() - 1 != offsets.to_qt(len(text)):
            document = build_document(text, *self.document_style(), blocks=blocks)
        # The document we made for the last draft goes; Qt deletes its own first one itself. (Not
        # found by asking the old document for its parent: the first time, PySide took ~37 ms to
        # wrap Qt's private text control that parents its own document.)
        old, self._own_document = self._own_document, document
        document.setParent(self)
        self.setDocument(document)
        self.painter.set_document(document)
        if old is not None and old is not document:
            old.deleteLater()
        self.offsets = offsets
        self.painter.reset(offsets, headings)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def clear_draft(self) -> None:
        self.set_draft("", OffsetMap(""), ())

    def visible_blocks(self) -> tuple[int, int]:
        first = self.firstVisibleBlock()
        if not first.isValid():
            return (0, 0)
        line = max(1, self.fontMetrics().lineSpacing())
        return (first.blockNumber(), first.blockNumber() + self.viewport().height() // line + 2)

    def cursor_for(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        a = self.offsets.from_qt(cursor.selectionStart())
        b = self.offsets.from_qt(cursor.selectionEnd())
        return (a, b) if b > a else None

    # -- the selected flag -------------------------------------------------------------------
    def show_row(self, row: Row | None, place: int = 0, *, scroll: bool = True) -> None:
        """Outline every place of the row, the current one strongest, and bring it into view."""
        self._current, self._place = row, place
        if row is None or not row.active:
            self.setExtraSelections([])
            return
        selections = []
        for i, (start, end) in enumerate(row.places):
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self.cursor_for(start, end)
            sel.format.setBackground(theme.selection_colour(row.category, i == place))
            if i == place:
                sel.format.setUnderlineStyle(theme.highlight_format(row.category, 3).underlineStyle())
                sel.format.setUnderlineColor(theme.category_colour(row.category))
            selections.append(sel)
        self.setExtraSelections(selections)
        if scroll and 0 <= place < len(row.places):
            self.scroll_to(row.places[place][0], row.places[place][1])

    def scroll_to(self, start: int, end: int | None = None) -> None:
        """Put a passage in the upper middle of the view without selecting it."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(end if end is not None else start))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        cursor.setPosition(self.offsets.to_qt(start))
        self.setTextCursor(cursor)
        rect = self.cursorRect()
        if rect.top() < 0 or rect.bottom() > self.viewport().height() * 0.7:
            self.centerCursor()

    # -- events ------------------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            keys = self.keys_at_point(event.position().toPoint())
            if keys:
                self.passage_clicked.emit(keys)

    def keys_at_point(self, point: QPoint) -> list[str]:
        cursor = self.cursorForPosition(point)
        block = cursor.block()
        keys = self.painter.keys_at(block.blockNumber(), cursor.positionInBlock())
        if not keys and cursor.positionInBlock() > 0:
            # cursorForPosition rounds to the nearest gap; the character before may be the one hit.
            keys = self.painter.keys_at(block.blockNumber(), cursor.positionInBlock() - 1)
        return keys

    # Set by the window: fill a menu for the findings under the pointer, and the hover card's text.
    flag_menu_filler = None          # Callable[[QMenu, list[str]], None]
    hover_text = None                # Callable[[list[str]], str]

    def viewportEvent(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip and self.hover_text is not None:
            keys = self.keys_at_point(e.pos())
            text = self.hover_text(keys) if keys else ""
            if text:
                QToolTip.showText(e.globalPos(), text, self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        keys = self.keys_at_point(event.pos())
        if keys and self.flag_menu_filler is not None:
            self.flag_menu_filler(menu, keys)
            menu.addSeparator()
        span = self.selected_span()
        add = QAction(theme.icon("note"), "Add Note on This Passage\u2026", menu)
        add.setEnabled(span is not None)
        if span is not None:
            add.triggered.connect(lambda: self.note_requested.emit(*span))
        menu.addAction(add)
        menu.addSeparator()
        copy = menu.addAction("Copy")
        copy.setEnabled(span is not None)
        copy.triggered.connect(self.copy)
        menu.addAction("Select All", self.selectAll)
        menu.exec(event.globalPos())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # A centred column of about 75 characters reads better than lines across a wide screen.
        width = self.viewport().width() + self.viewportMargins().left() + self.viewportMargins().right()
        column = int(self.fontMetrics().averageCharWidth() * 2.05 * _COLUMN_EM)
        side = max(0, (width - column) // 2)
        if side != self.viewportMargins().left():
            self.setViewportMargins(side, 0, side, 0)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.painter.repaint_all()      # highlight tints differ between light and dark

    def current_colour(self) -> QColor | None:
        return theme.category_colour(self._current.category) if self._current else None
