"""The panel beside the draft: review progress, filters with counts, the flag table and the selected flag.

The table is a QTableView over FlagFilterProxy(FlagModel): one model row per flag, never a widget
per flag. Filter counts are facet counts: each filter's numbers assume the other filters as set.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QFrame, QLineEdit, QScrollArea, QSplitter, QTableView, QToolButton,
                               QVBoxLayout, QWidget)

from . import theme
from .check_status import ThinBar
from .flag_detail import FlagDetail
from .flag_filter import FilterState, FlagFilterProxy
from .flag_model import KEY_ROLE, NOTE_ROW, PENDING, SORTS, STATUS_FILTERS, FlagModel, Row
from .flow_layout import FlowBox
from .glance import COMPACT_BELOW, GlanceStrip

SEVERITY_CHOICES = ((0, "Any severity"), (1, "Suggestions and up"), (2, "Warnings and up"),
                    (3, "Errors only"))


class FlagPanel(QWidget):
    current_changed = Signal(str)           # row key, "" when nothing is selected
    filters_changed = Signal()
    sort_changed = Signal(str)              # "rank", "position", "category" or "severity"

    def __init__(self, model: FlagModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = FlagFilterProxy(self)
        self.proxy.setSourceModel(model)
        self._current_key = ""
        self._text = ""
        self._categories: list[str] = []
        self._chips: dict[str, QToolButton] = {}

        self.progress_label = QLabel("No draft open")
        self.progress_label.setObjectName("reviewProgress")
        bold = self.progress_label.font()
        bold.setBold(True)
        self.progress_label.setFont(bold)
        self.progress_bar = ThinBar(5)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search messages, passages and notes (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.severity = QComboBox()
        for level, label in SEVERITY_CHOICES:
            self.severity.addItem(label, level)
        self.severity.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self._status_buttons: dict[str, QToolButton] = {}
        status_row = QHBoxLayout()
        status_row.setSpacing(2)
        for status in STATUS_FILTERS:
            b = self._chip(theme.status_label(status))
            b.setChecked(status == PENDING)
            b.toggled.connect(lambda _on: self._apply_filters())
            self._status_buttons[status] = b
            status_row.addWidget(b)
        status_row.addStretch(1)
        self.sort = QComboBox()
        self.sort.setObjectName("flagSort")
        self.sort.setToolTip("Order of the list")
        for mode, label in SORTS:
            self.sort.addItem(label, mode)
        self.sort.currentIndexChanged.connect(lambda _i: self._on_sort_changed())
        # Line-editing advice is a layer, off by default: a calm list of what the editor must act on.
        self.line_button = self._chip("Line editing")
        self.line_button.setObjectName("lineEditingChip")
        self.line_button.setToolTip("Show line-editing advice as flags: echoes, passive voice, "
                                    "adverbs, hard sentences, complex words, repeated openers "
                                    "(Ctrl+L). Off, the Readability tab counts them against targets.")
        self.line_button.toggled.connect(lambda _on: self._apply_filters())

        self.chip_box = FlowBox(spacing=3)

        self.table = QTableView()
        self.table.setObjectName("flagTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setIconSize(QSize(16, 16))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vh = self.table.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(FlagModel.CATEGORY, QHeaderView.ResizeMode.Fixed)
        hh.resizeSection(FlagModel.CATEGORY, 28)
        hh.setSectionResizeMode(FlagModel.MESSAGE, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(FlagModel.PASSAGE, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(FlagModel.PASSAGE, 170)
        hh.setSectionResizeMode(FlagModel.STATUS, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(FlagModel.STATUS, 86)
        hh.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        self.proxy.modelReset.connect(self._restore_current)
        self.proxy.layoutChanged.connect(self._restore_current)
        self.empty_label = QLabel("")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setObjectName("emptyLabel")

        self.detail = FlagDetail()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 0)
        top_layout.setSpacing(5)
        top_layout.addWidget(self.progress_label)
        top_layout.addWidget(self.progress_bar)
        self.glance = GlanceStrip()
        self.glance.activated.connect(self._on_glance_activated)
        top_layout.addWidget(self.glance)
        top_layout.addWidget(self.search)
        top_layout.addLayout(status_row)
        # The second row: the layer, the severity floor and the order (kept narrow for 960 px).
        sort_row = QHBoxLayout()
        sort_row.setSpacing(4)
        sort_row.addWidget(self.line_button)
        sort_row.addWidget(self.severity, 1)
        sort_row.addWidget(self.sort, 1)
        for combo in (self.severity, self.sort):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        top_layout.addLayout(sort_row)
        top_layout.addWidget(self.chip_box)
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.setSpacing(0)
        table_layout.addWidget(top)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("flagSplitter")
        self.splitter.addWidget(table_box)
        # In a scroll area, so a short window can give the list the room and scroll the detail.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setMinimumHeight(120)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(30)
        self._recount_timer.timeout.connect(self.recount)
        model.modelReset.connect(self._recount_timer.start)
        model.dataChanged.connect(lambda *_a: self._recount_timer.start())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        compact = self.height() < COMPACT_BELOW
        self.glance.set_compact(compact)
        self.detail.set_compact(compact)
        if compact:
            QTimer.singleShot(0, self._room_for_the_list)

    def _room_for_the_list(self) -> None:
        """In a short window the list and its filters keep most of the height (a screenful of
        findings); the detail pane shrinks to what it needs."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total > 0 and sizes[0] < total * 0.6:
            top = int(total * 0.62)
            self.splitter.setSizes([top, total - top])

    def _on_glance_activated(self, key: str) -> None:
        if key and not self.select_key(key):
            self.set_filter_state(FilterState(statuses=self.proxy.state.statuses | {PENDING},
                                              line_editing=self.proxy.state.line_editing))
            self.select_key(key)
        self.table.setFocus()

    def _on_sort_changed(self) -> None:
        mode = self.sort.currentData()
        key = self._current_key
        self.model.set_sort(mode)
        if key:
            self.select_key(key)
        self.sort_changed.emit(mode)

    def set_sort(self, mode: str) -> None:
        i = self.sort.findData(mode)
        if i >= 0 and i != self.sort.currentIndex():
            self.sort.setCurrentIndex(i)

    def _chip(self, label: str) -> QToolButton:
        b = QToolButton()
        b.setText(label)
        b.setCheckable(True)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        b.setAutoRaise(False)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return b

    # -- categories and filters -------------------------------------------------------------
    def set_categories(self, categories: Iterable[str]) -> None:
        """Categories that get a chip even at zero flags (those of the enabled checks)."""
        wanted = sorted(set(categories) | set(self._categories), key=theme.category_sort_key)
        hidden = self.proxy.state.hidden
        for category in wanted:
            if category in self._chips:
                continue
            chip = self._chip(theme.category_label(category))
            chip.setIcon(theme.category_icon(category))
            chip.setIconSize(QSize(14, 14))
            chip.setChecked(category not in hidden)
            chip.setToolTip(f"Show or hide {theme.category_label(category).lower()} flags")
            chip.toggled.connect(lambda _on: self._apply_filters())
            self._chips[category] = chip
        self._categories = wanted
        self._show_chips()

    def _show_chips(self) -> None:
        """A chip for each category that has flags, or that the editor has hidden."""
        present = {r.category for r in self.model.rows}
        hidden = self.proxy.state.hidden
        self.chip_box.set_widgets([self._chips[c] for c in self._categories
                                   if c in present or c in hidden])

    def filter_state(self) -> FilterState:
        hidden = frozenset(c for c, chip in self._chips.items() if not chip.isChecked())
        hidden |= frozenset(c for c in self.proxy.state.hidden if c not in self._chips)
        statuses = frozenset(s for s, b in self._status_buttons.items() if b.isChecked())
        return FilterState(hidden, statuses, int(self.severity.currentData() or 0), self.search.text(),
                           self.line_button.isChecked())

    def set_filter_state(self, state: FilterState) -> None:
        for c, chip in self._chips.items():
            chip.blockSignals(True)
            chip.setChecked(c not in state.hidden)
            chip.blockSignals(False)
        for s, b in self._status_buttons.items():
            b.blockSignals(True)
            b.setChecked(s in state.statuses)
            b.blockSignals(False)
        self.severity.blockSignals(True)
        self.severity.setCurrentIndex(max(0, self.severity.findData(state.min_severity)))
        self.severity.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(state.text)
        self.search.blockSignals(False)
        self.line_button.blockSignals(True)
        self.line_button.setChecked(state.line_editing)
        self.line_button.blockSignals(False)
        self.proxy.set_state(state)
        self._apply_filters()

    def show_statuses(self, statuses: Iterable[str]) -> None:
        wanted = set(statuses)
        for s, b in self._status_buttons.items():
            b.blockSignals(True)
            b.setChecked(s in wanted)
            b.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        state = self.filter_state()
        # With one status shown, a column repeating it on every row is noise.
        self.table.setColumnHidden(FlagModel.STATUS, len(state.statuses) == 1)
        self.proxy.set_state(state)
        self._restore_current()
        self.recount()
        self.filters_changed.emit()

    def recount(self) -> None:
        """Counts on every chip, the empty-list message and the review progress."""
        st = self.proxy.state
        text, hidden, statuses, floor = st.text, st.hidden, st.statuses, st.min_severity
        line_on = st.line_editing
        line_rows = 0
        by_category: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        by_severity: Counter[int] = Counter()
        reviewed = total = 0
        # Rows are first counted by kind (a few dozen distinct ones on a novel), and the facets
        # from those: one pass over 4,000 rows with the tests below took ~11 ms per recount.
        kinds = Counter((r.kind, r.category, r.status, r.severity, r.decision != PENDING,
                         not text or text in r.haystack, r.line_editing) for r in self.model.rows)
        for (kind, category, status, severity, decided, matches, line), n in kinds.items():
            is_note = kind == NOTE_ROW
            if line and not line_on:
                # Hidden advice is not part of the review's progress either; the chip counts it.
                if status == PENDING and matches:
                    line_rows += n
                continue
            if not is_note and status != "outdated":
                total += n
                reviewed += n if decided else 0
            if line and status == PENDING and matches:
                line_rows += n
            if not matches:
                continue
            c_ok = category not in hidden
            s_ok = (status != "outdated" or "outdated" in statuses) if is_note else status in statuses
            v_ok = is_note or severity >= floor
            if s_ok and v_ok:
                by_category[category] += n
            if c_ok and v_ok and not is_note:
                by_status[status] += n
            if c_ok and s_ok and not is_note:
                by_severity[severity] += n
        for c, chip in self._chips.items():
            chip.setText(f"{theme.category_label(c)} {by_category.get(c, 0)}")
        new = {r.category for r in self.model.rows} - set(self._chips)
        if new:
            self.set_categories(new)
        else:
            self._show_chips()
        for s, b in self._status_buttons.items():
            b.setText(f"{theme.status_label(s)} {by_status.get(s, 0)}")
        self.line_button.setText(f"Line editing {line_rows}")
        for i, (level, label) in enumerate(SEVERITY_CHOICES):
            n = sum(v for k, v in by_severity.items() if k >= level)
            self.severity.setItemText(i, f"{label} ({n})")
        self.set_progress(reviewed, total)
        self.glance.set_rows(self.model.rows, line_on, in_rank_order=self.model.sort_mode == "rank")
        shown = self.proxy.rowCount()
        self.empty_label.setVisible(shown == 0)
        if shown == 0:
            if not self.model.rows:
                message = "No flags yet."
            elif reviewed < total or text:
                message = "Nothing matches these filters."
            elif total == 0:
                # Clean copy: say so, and where the advice went, rather than "every flag is reviewed".
                message = "Nothing to fix at these settings."
                if line_rows and not line_on:
                    message += (f" Line editing (Ctrl+L) has {line_rows} pieces of style advice; "
                                "the Readability tab counts them against targets.")
            else:
                message = "Every flag is reviewed."
            self.empty_label.setText(message)

    def set_progress(self, reviewed: int, total: int) -> None:
        text = f"{reviewed} of {total} reviewed" if total else "No flags"
        if text == self.progress_label.text():
            return
        self.progress_label.setText(text)
        self.progress_bar.set_progress(reviewed, total)

    # -- selection --------------------------------------------------------------------------
    @property
    def current_key(self) -> str:
        return self._current_key

    def current_row(self) -> Row | None:
        return self.model.row(self._current_key) if self._current_key else None

    def selected_keys(self) -> list[str]:
        keys = [self.proxy.data(i, KEY_ROLE) for i in self.table.selectionModel().selectedRows()]
        if self._current_key and self._current_key not in keys:
            keys.insert(0, self._current_key)
        return [k for k in keys if k]

    def visible_keys(self) -> list[str]:
        return [self.proxy.data(self.proxy.index(i, 0), KEY_ROLE) for i in range(self.proxy.rowCount())]

    def select_key(self, key: str, extra: Iterable[str] = ()) -> bool:
        """Make a row current (and select `extra` rows too); False if the filters hide it."""
        index = self._proxy_index(key)
        if not index.isValid():
            return False
        sm = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        sm.setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        for other in extra:
            i = self._proxy_index(other)
            if i.isValid():
                sm.select(i, flags.Select | flags.Rows)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def clear_selection(self) -> None:
        self.table.selectionModel().clearSelection()
        self.table.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
        self._set_current("")

    def _proxy_index(self, key: str) -> QModelIndex:
        n = self.model.row_number(key)
        if n is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(n, 0))

    def neighbour(self, key: str, step: int, pending_only: bool = True) -> str:
        """The next (step 1) or previous (-1) row in view after `key`, in the list's order, wrapping.

        pending_only: skip rows already decided (what moving on after a decision wants); J and K
        walk every row in view, so K after an accept goes back to the flag just accepted.
        """
        rows = self.model.rows
        if not rows:
            return ""
        shows = self.proxy.shows
        n = self.model.row_number(key) if key else None
        start = n if n is not None else (-1 if step > 0 else len(rows))
        for i in range(1, len(rows) + 1):
            row = rows[(start + step * i) % len(rows)]
            if row.key != key and shows(row) and \
                    (not pending_only or (row.is_flag and row.status == PENDING)):
                return row.key
        return ""

    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.proxy.data(current, KEY_ROLE) if current.isValid() else ""
        self._set_current(key or "")

    def _set_current(self, key: str) -> None:
        changed = key != self._current_key
        self._current_key = key
        self.detail.show_row(self.model.row(key) if key else None, self._text)
        if changed:
            self.current_changed.emit(key)

    def refresh_detail(self) -> None:
        """The current row's data changed (a decision, a note, a new check run)."""
        row = self.current_row()
        if row is None and self._current_key:
            self._current_key = ""
            self.current_changed.emit("")
        self.detail.show_row(row, self._text, self.detail.place)

    def _restore_current(self) -> None:
        """After a reset or refilter, keep the same row current if it is still shown."""
        key = self._current_key
        if key and self._proxy_index(key).isValid():
            index = self._proxy_index(key)
            sm = self.table.selectionModel()
            if sm.currentIndex() != index:
                sm.blockSignals(True)
                sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect |
                                   QItemSelectionModel.SelectionFlag.Rows)
                sm.blockSignals(False)
                self.table.viewport().update()

    def set_text(self, text: str) -> None:
        """The draft's text, for the detail pane's place excerpts."""
        self._text = text
