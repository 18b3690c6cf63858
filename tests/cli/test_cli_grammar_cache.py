"""Harper's per-paragraph results are kept in the review database: a new `reviewdesk check` of an
unchanged paragraph uses them instead of linting it again."""
from __future__ import annotations

import json
import sqlite3

from cli_helpers import check_json

FIRST = "Officials said there report was late."
SECOND = "Residents said there houses were gone."
CACHED = "Told by the cache."


def _tamper(db: str) -> int:
    """Rewrite every stored lint's message, so a flag that shows it came from the cache."""
    connection = sqlite3.connect(db.removeprefix("sqlite:///"))
    with connection:
        rows = connection.execute("SELECT engine, cache_key, payload FROM paragraph_cache "
                                  "WHERE engine LIKE 'harper/%'").fetchall()
        for engine, key, payload in rows:
            lints = [[*lint[:4], CACHED, lint[5]] for lint in json.loads(payload)]
            connection.execute("UPDATE paragraph_cache SET payload = ? WHERE engine = ? AND cache_key = ?",
                               (json.dumps(lints), engine, key))
    connection.close()
    return len(rows)


def test_a_new_check_of_unchanged_paragraphs_uses_the_stored_lints(tmp_path):
    db, draft = f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "d.txt"
    draft.write_text(f"{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    first = check_json(draft, db, "--checks=grammar")["flags"]
    assert [f["text"] for f in first] == ["there", "there"]
    assert _tamper(db) == 2
    again = check_json(draft, db, "--checks=grammar")["flags"]
    assert [(f["id"], f["start"]) for f in again] == [(f["id"], f["start"]) for f in first]
    assert [f["message"] for f in again] == [CACHED, CACHED]


def test_only_the_changed_paragraph_is_linted_again(tmp_path):
    db, draft = f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "d.txt"
    draft.write_text(f"{FIRST}\n\n{SECOND}\n", encoding="utf-8")
    check_json(draft, db, "--checks=grammar")
    _tamper(db)
    draft.write_text(f"{FIRST}\n\n{SECOND.replace('gone', 'all gone')}\n", encoding="utf-8")
    flags = check_json(draft, db, "--checks=grammar")["flags"]
    assert [(f["text"], f["message"] == CACHED) for f in flags] == [("there", True), ("there", False)]
