"""The flag list as a Qt table model over every flag and span note of the draft (see flag_filter).

Rows are small frozen records built from the store's FlagRecords and NoteRecords, made in the
pool; the model keeps them in document order.
"""
from __future__ import annotations

import re
from operator import attrgetter
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ..core.layers import is_line_editing
from ..core.merge import PATTERN_MIN, PATTERN_RULE, groups, merged_places, pattern_message
from ..core.ranking import ranked
from ..storage.records import OUTDATED
from . import theme

FLAG, NOTE_ROW = "flag", "note"
PENDING, ACCEPTED, DISMISSED = "pending", "accepted", "dismissed"
STATUS_FILTERS = (PENDING, ACCEPTED, DISMISSED, OUTDATED)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
_SPACE = re.compile(r"\s+")
_EXCERPT = 110


@dataclass(frozen=True, slots=True)
class RowsChange:
    """What changed in the model, so the highlights repaint only those passages."""

    upserted: tuple["Row", ...] = ()
    removed: frozenset[str] = frozenset()
    full: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the flag list: a flag (with its decision and note) or a note on a passage."""

    key: str                                  # flag id, or "note:<id>" for a span note
    kind: str                                 # FLAG | NOTE_ROW
    check: str
    rule: str
    category: str
    severity: int
    status: str                               # pending|accepted|dismissed|outdated|note
    decision: str                             # the stored decision, kept for outdated flags
    message: str
    excerpt: str
    note: str
    places: tuple[tuple[int, int], ...]       # code-point spans, in document order
    suggestions: tuple[str, ...] = ()
    line: int = 0
    haystack: str = ""
    order: tuple = ()            # sort key, made once (rows are sorted on every check result)
    line_editing: bool = False   # line-editing advice (core/layers.py), hidden unless asked for
    members: tuple[str, ...] = ()                # flags merged into this finding (core/merge.py)
    also: tuple[tuple[str, str], ...] = ()       # their (rule, message), one per other rule

    def __post_init__(self) -> None:
        if not self.order:
            # Outdated rows have no passage in the current text: they go last.
            first = self.places[0] if self.places else (0, 0)
            object.__setattr__(self, "order", (self.status == OUTDATED, first[0], first[1], self.rule, self.key))

    @property
    def start(self) -> int:
        return self.places[0][0] if self.places else 0

    @property
    def is_flag(self) -> bool:
        return self.kind == FLAG

    @property
    def reviewed(self) -> bool:
        return self.decision in (ACCEPTED, DISMISSED)

    @property
    def active(self) -> bool:
        return self.status != OUTDATED


def _excerpt(text: str) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= _EXCERPT else text[:_EXCERPT - 1].rstrip() + "\u2026"


def _haystack(*parts: str) -> str:
    return "\x1f".join(parts).casefold()


def row_from_flag(rec: Any, doc_text: str | None = None) -> Row:
    """A Row from a storage FlagRecord."""
    places = tuple((int(a), int(b)) for a, b in rec.occurrences) or ((rec.start, rec.end),)
    status = OUTDATED if rec.state == OUTDATED else rec.status
    excerpt = _excerpt(rec.text or (doc_text[rec.start:rec.end] if doc_text else ""))
    severity = theme.SEVERITY_RANK.get(str(rec.severity).lower(), 2)
    return Row(rec.id, FLAG, rec.check, rec.rule, rec.category, severity, status, rec.status,
               rec.message, excerpt, rec.note or "", places, tuple(rec.suggestions), rec.line,
               _haystack(rec.message, excerpt, rec.note or "", rec.rule, rec.id),
               line_editing=is_line_editing(rec.rule))


def row_from_note(note: Any, doc_text: str) -> Row:
    """A Row for a note written on a passage (NoteRecord of kind 'span')."""
    start, end = int(note.start or 0), int(note.end or 0)
    passage = note.anchor_text or doc_text[start:end]
    status = OUTDATED if note.state == OUTDATED else theme.NOTE
    body = note.body or ""
    first = _excerpt(body.splitlines()[0] if body.strip() else "(empty note)")
    line = doc_text.count("\n", 0, start) + 1
    return Row(f"note:{note.id}", NOTE_ROW, "", "note", theme.NOTE, 0, status, theme.NOTE, first,
               _excerpt(passage), body, ((start, end),), (), line,
               _haystack(body, passage, "note"))


def with_decision(row: Row, decision: str) -> Row:
    status = row.status if row.status == OUTDATED else decision
    return replace(row, decision=decision, status=status)


def with_note(row: Row, note: str) -> Row:
    return replace(row, note=note, haystack=_haystack(row.message, row.excerpt, note, row.rule, row.key))


def merge_rows(rows: Sequence[Row]) -> list[Row]:
    """One row per finding: flags of different checks about the same words as one row (core/merge.py),
    keyed by its lead flag, with every place and the others' messages; notes are never merged."""
    rows = list(rows)
    grouped = groups(rows, rule=attrgetter("rule"), category=attrgetter("category"),
                     severity=attrgetter("severity"), places=attrgetter("places"),
                     active=lambda r: r.is_flag and r.status != OUTDATED)
    out = []
    for g in grouped:
        lead = rows[g[0]]
        if len(g) == 1:
            out.append(lead)
            continue
        rest = [rows[i] for i in g[1:]]
        message = lead.message
        vague = [r for r in (lead, *rest) if r.rule == PATTERN_RULE]
        if lead.rule == PATTERN_RULE and len(vague) >= PATTERN_MIN:
            message = pattern_message([r.excerpt for r in vague])
        seen, also = {lead.rule}, []
        for r in rest:
            if r.rule not in seen:
                seen.add(r.rule)
                also.append((r.rule, r.message))
        places = merged_places(lead.places, [r.places for r in rest])
        note = lead.note or next((r.note for r in rest if r.note), "")
        out.append(replace(lead, message=message, places=places, severity=max(r.severity for r in (lead, *rest)),
                           note=note, members=tuple(r.key for r in rest), also=tuple(also),
                           line_editing=all(r.line_editing for r in (lead, *rest)),
                           haystack=_haystack(message, lead.excerpt, note, lead.rule, lead.key,
                                              *(m for _, m in also))))
    return out


_order = attrgetter("order")
# How the list can be sorted: by what matters most (core/ranking.py), or as a reader meets them.
SORTS = (("rank", "Most important first"), ("position", "In document order"),
         ("category", "By category"), ("severity", "By severity"))


def sort_rows(rows: Iterable[Row], mode: str) -> list[Row]:
    """Rows in the order `mode` asks for; outdated rows (no passage in this text) always last."""
    rows = list(rows)
    if mode == "position":
        return sorted(rows, key=_order)
    if mode == "category":
        return sorted(rows, key=lambda r: (r.order[0], theme.category_sort_key(r.category), r.order))
    if mode == "severity":
        return sorted(rows, key=lambda r: (r.order[0], -r.severity, r.order))
    live = [r for r in rows if r.status != OUTDATED]
    gone = sorted((r for r in rows if r.status == OUTDATED), key=_order)
    return ranked(live, rule=attrgetter("rule"), severity=attrgetter("severity"),
                  places=lambda r: len(r.places), start=attrgetter("start")) + gone


class FlagModel(QAbstractTableModel):
    """Every flag and span note of the open draft, in the chosen order (most important first)."""

    COLUMNS = ("", "Message", "Passage", "Status")
    CATEGORY, MESSAGE, PASSAGE, STATUS = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []              # what the list shows: one row per finding
        self._raw: list[Row] = []               # every stored flag and note, before merging
        self._index: dict[str, int] = {}
        self._lead: dict[str, str] = {}         # a merged flag's key -> its finding's key
        self._sort = "rank"
        self._bold = QFont()
        self._bold.setBold(True)

    # -- contents ----------------------------------------------------------------------------
    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def raw_rows(self) -> list[Row]:
        """Every flag (merged or not) and note as stored: what a check's new result replaces."""
        return self._raw

    @property
    def sort_mode(self) -> str:
        return self._sort

    def set_sort(self, mode: str) -> None:
        if mode not in dict(SORTS) or mode == self._sort:
            return
        self._sort = mode
        self.beginResetModel()
        self._rows = sort_rows(self._rows, self._sort)
        self._index = {r.key: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Every stored flag and note of the draft; the list shows them merged into findings."""
        self._raw = list(rows)
        shown = merge_rows(self._raw)
        self.beginResetModel()
        self._rows = sort_rows(shown, self._sort)
        self._index = {r.key: i for i, r in enumerate(self._rows)}
        self._lead = {m: r.key for r in self._rows for m in r.members}
        self.endResetModel()

    def replace_where(self, keep_if, new_rows: Iterable[Row]) -> None:
        """Drop the stored rows for which keep_if(row) is false and add new_rows (one check's flags)."""
        kept = [r for r in self._raw if keep_if(r)]
        self.set_rows(kept + list(new_rows))

    def row(self, key: str) -> Row | None:
        """The finding shown for this key: its own row, or the finding it merged into."""
        i = self._index.get(key)
        if i is None and key in self._lead:
            i = self._index.get(self._lead[key])
        return self._rows[i] if i is not None else None

    def row_number(self, key: str) -> int | None:
        i = self._index.get(key)
        return i if i is not None or key not in self._lead else self._index.get(self._lead[key])

    def update_rows(self, rows: Sequence[Row]) -> None:
        """Replace rows in place (same keys): a decision or a note changed. A finding's decision
        goes to every flag merged into it, and its note to its lead."""
        touched = []
        changed: dict[str, Row] = {}
        for row in rows:
            i = self._index.get(row.key)
            if i is not None:
                self._rows[i] = row
                touched.append(i)
            changed[row.key] = row
            for m in row.members:
                changed[m] = row
        if changed:
            for n, raw in enumerate(self._raw):
                row = changed.get(raw.key)
                if row is not None:
                    status = raw.status if raw.status == OUTDATED else row.decision
                    note = row.note if raw.key == row.key else raw.note
                    self._raw[n] = replace(raw, decision=row.decision, status=status, note=note)
        if touched:
            self.dataChanged.emit(self.index(min(touched), 0),
                                  self.index(max(touched), len(self.COLUMNS) - 1))

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        return self.cell(index.row(), index.column(), role)

    def cell(self, number: int, col: int, role: int):
        """What data() answers for model row `number`; the filter proxy calls it directly, because
        a table repaint asks for ~2,000 values and each QModelIndex made in Python costs ~10 us."""
        row = self._rows[number]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.MESSAGE:
                return row.message
            if col == self.PASSAGE:
                count = len(row.places)
                return f"\u00d7{count}  {row.excerpt}" if count > 1 else row.excerpt
            if col == self.STATUS:
                label = theme.status_label(row.status)
                if row.status == OUTDATED and row.reviewed:
                    label += f" ({row.decision})"
                return label + ("  \u270e" if row.note and row.is_flag else "")
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == self.CATEGORY:
            return theme.category_icon(row.category)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.CATEGORY:
                return f"{theme.category_label(row.category)} \u00b7 {theme.severity_label(row.severity)}"
            if col == self.PASSAGE and len(row.places) > 1:
                return f"{len(row.places)} places: {row.excerpt}"
            if col == self.MESSAGE:
                return row.message + (f"\n\nNote: {row.note}" if row.note else "")
            return None
        if role == Qt.ItemDataRole.FontRole and col == self.MESSAGE and row.status == PENDING \
                and row.severity >= 3:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and row.status in (DISMISSED, OUTDATED, ACCEPTED):
            return QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == KEY_ROLE:
            return row.key
        if role == ROW_ROLE:
            return row
        return None
