"""The Claims tab: the ledger of checkable statements, each marked unchecked, verified, disputed or false.

A claim's status is written at once; its source note as it is typed (debounced, flushed on close).
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QHeaderView,
                               QLabel, QPlainTextEdit, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from ..core.errors import ReviewdeskError
from ..storage.records import CLAIM_STATUSES
from .flag_detail import NOTE_DEBOUNCE_MS
from .review import ReviewController

_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ClaimModel(QAbstractTableModel):
    COLUMNS = ("Kind", "Claim", "Status", "Source note")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.all: list[Any] = []
        self.claims: list[Any] = []        # the ones shown
        self.kind = self.status = ""

    def set_claims(self, claims: list[Any]) -> None:
        self.all = [c for c in claims if getattr(c, "state", "active") != "outdated"]
        self._refilter()

    def set_filter(self, kind: str, status: str) -> None:
        self.kind, self.status = kind, status
        self._refilter()

    def _refilter(self) -> None:
        # The model filters itself: a novel has thousands of claims, and a filter proxy would make
        # a Python call per claim on every change.
        self.beginResetModel()
        self.claims = [c for c in self.all if (not self.kind or c.kind == self.kind)
                       and (not self.status or c.status == self.status)]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.claims)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        claim = self.claims[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (claim.kind, " ".join(claim.text.split()), claim.status,
                    claim.note.splitlines()[0] if claim.note else "")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return claim.sentence
        if role == _ID_ROLE:
            return claim.id
        return None


class ClaimsPanel(QWidget):
    claim_activated = Signal(int, int)       # the claim's passage

    def __init__(self, controller: ReviewController, on_error: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._on_error = on_error
        self._current: str | None = None
        self._dirty = False
        self.model = ClaimModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.kind = QComboBox()
        self.status = QComboBox()
        self.status.addItem("Any status", "")
        for s in CLAIM_STATUSES:
            self.status.addItem(s.capitalize(), s)
        self.kind.currentIndexChanged.connect(self._on_filter_changed)
        self.status.currentIndexChanged.connect(self._on_filter_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.status)
        filters.addStretch(1)
        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        status_row = QHBoxLayout()
        for i, s in enumerate(CLAIM_STATUSES):
            b = QPushButton(s.capitalize())
            b.setCheckable(True)
            self.buttons.addButton(b, i)
            status_row.addWidget(b)
        status_row.addStretch(1)
        self.buttons.idClicked.connect(self._on_buttons_id_clicked)
        self.note = QPlainTextEdit()
        self.note.setObjectName("claimNote")
        self.note.setPlaceholderText("Source: who confirmed it, where, when. Saved as you type.")
        self.note.textChanged.connect(self._on_note_text_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTE_DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        detail = QWidget()
        d = QVBoxLayout(detail)
        d.setContentsMargins(8, 4, 8, 8)
        d.addWidget(self.sentence)
        d.addLayout(status_row)
        d.addWidget(self.note)
        top = QWidget()
        t = QVBoxLayout(top)
        t.setContentsMargins(8, 8, 8, 0)
        t.addWidget(self.summary)
        t.addLayout(filters)
        t.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        controller.claims_changed.connect(self.refresh)
        controller.document_opened.connect(self.refresh)
        controller.document_closed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        claims = self._controller.claims
        self.model.set_claims(claims)
        kinds = sorted({c.kind for c in self.model.all})
        chosen = self.kind.currentData() or ""
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("Every kind", "")
        for k in kinds:
            self.kind.addItem(k.capitalize(), k)
        self.kind.setCurrentIndex(max(0, self.kind.findData(chosen)))
        self.kind.blockSignals(False)
        self._on_filter_changed()
        counts = {s: sum(1 for c in self.model.all if c.status == s) for s in CLAIM_STATUSES}
        total = len(self.model.all)
        self.summary.setText(
            "No claims to verify yet: they appear when the claims check has run." if not total else
            f"{total} claims to verify \u00b7 " + " \u00b7 ".join(f"{n} {s}" for s, n in counts.items()))
        self._select(self._current)

    def _on_filter_changed(self, *_args) -> None:
        self.model.set_filter(self.kind.currentData() or "", self.status.currentData() or "")

    def _select(self, claim_id: str | None) -> None:
        claim = next((c for c in self.model.all if c.id == claim_id), None)
        self._current = claim.id if claim else None
        self.sentence.setText(claim.sentence if claim else "Pick a claim to mark it and note its source.")
        for b in self.buttons.buttons():
            b.setEnabled(claim is not None)
        if claim is not None:
            self.buttons.button(CLAIM_STATUSES.index(claim.status)
                                if claim.status in CLAIM_STATUSES else 0).setChecked(True)
        if not self._dirty:
            self.note.blockSignals(True)
            self.note.setPlainText(claim.note if claim else "")
            self.note.blockSignals(False)
        self.note.setEnabled(claim is not None)

    def _on_table_current_row_changed(self, current: QModelIndex, _previous) -> None:
        self.flush()
        claim_id = self.model.data(current, _ID_ROLE) if current.isValid() else None
        self._select(claim_id)
        claim = next((c for c in self.model.all if c.id == claim_id), None)
        if claim is not None:
            self.claim_activated.emit(claim.start, claim.end)

    def _on_buttons_id_clicked(self, index: int) -> None:
        if self._current is None:
            return
        try:
            self._controller.set_claim(self._current, status=CLAIM_STATUSES[index])
        except ReviewdeskError as exc:
            self._on_error("Could not mark the claim", str(exc))

    def _on_note_text_changed(self) -> None:
        if self._current is not None:
            self._dirty = True
            self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self._dirty and self._current is not None:
            self._dirty = False
            try:
                self._controller.set_claim(self._current, note=self.note.toPlainText())
            except ReviewdeskError as exc:
                self._on_error("Could not save the source note", str(exc))
        self._dirty = False
