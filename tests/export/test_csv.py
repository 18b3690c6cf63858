"""CSV: one row per flag, UTF-8 with a BOM, quoted properly, formulas neutralised."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

from reviewdesk.export import export_summary


def _rows(summary, tmp_path) -> list[dict[str, str]]:
    raw = export_summary(summary, "csv", tmp_path / "s.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_the_file_starts_with_a_bom_and_has_one_row_per_flag(summary_with_dismissed, tmp_path):
    rows = _rows(summary_with_dismissed, tmp_path)
    assert len(rows) == len(summary_with_dismissed.flags) == 6
    assert {r["status"] for r in rows} == {"accepted", "dismissed"}


def test_rows_carry_status_note_and_message(summary, tmp_path):
    row = next(r for r in _rows(summary, tmp_path) if r["id"] == "aaaa0002")
    assert row["status"] == "accepted"
    assert row["note"] == "Agree — cut “very”, Андрій."
    assert row["message"] == "“very” weakens the sentence — cut it."
    assert row["context"].startswith("The battle is far from over") and "[very heavily]" in row["context"]


def test_cells_that_start_like_a_formula_are_neutralised(summary, tmp_path):
    rows = {r["id"]: r for r in _rows(summary, tmp_path)}
    assert rows["aaaa0005"]["passage"] == "'=2+3"
    assert rows["aaaa0005"]["suggestions"] == "'=SUM(A1:A2)"
    assert rows["aaaa0004"]["note"] == "'@desk remove before publishing"
    for row in rows.values():
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_commas_quotes_and_line_breaks_survive_quoting(summary, tmp_path):
    summary.flags[0] = replace(summary.flags[0], note='He said "no", then\nleft.')
    rows = _rows(summary, tmp_path)
    assert rows[0]["note"] == 'He said "no", then\nleft.'
