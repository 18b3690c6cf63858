"""The command line end to end: check, review, export, and bad input that must fail cleanly."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reviewdesk.cli.main import main

SEED = Path(__file__).parents[2] / "seeds" / "bakhmut-draft.txt"
FAST = "--checks=readability,repetition"


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'review.db'}"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys, db, path=SEED, *extra):
    code, out, err = run(capsys, "check", path, "--format", "json", "--db", db, *extra)
    assert code in (0, 1), err
    return json.loads(out)


def test_check_json_schema_and_far_from_over(capsys, db):
    data = check_json(capsys, db, SEED, FAST)
    assert data["schema"] == "reviewdesk.check/1"
    assert data["document"]["words"] > 2500 and len(data["document"]["sha256"]) == 64
    assert {c["id"] for c in data["checks"]} == {"readability", "repetition"}
    assert all(c["status"] == "ok" for c in data["checks"])
    assert "flesch_reading_ease" in data["readability"]
    far = [f for f in data["flags"] if f["rule"] == "repetition.phrase" and f["text"].lower() == "far from over"]
    assert len(far) == 1 and len(far[0]["occurrences"]) == 8
    text = SEED.read_text(encoding="utf-8")
    for flag in data["flags"]:
        assert text[flag["start"]:flag["end"]] == flag["text"]
        assert flag["status"] == "pending"
        assert set(flag) >= {"id", "fingerprint", "check", "rule", "category", "severity", "line",
                             "column", "message", "suggestions", "occurrences", "note"}


def test_check_text_shows_line_col_category_and_passage(capsys, db):
    code, out, err = run(capsys, "check", SEED, "--db", db, FAST)
    assert code == 1
    assert "bakhmut-draft.txt:" in out and "repetition" in out and "\u00abfar from over\u00bb" in out


def test_grammar_runs_with_harper(capsys, db):
    data = check_json(capsys, db, SEED, "--checks=grammar")
    grammar = data["checks"][0]
    assert grammar["status"] == "ok" and grammar["engine"].startswith("harper")


def test_review_then_check_shows_decisions_and_notes(capsys, db):
    flags = check_json(capsys, db, SEED, FAST)["flags"]
    a, d = flags[0]["id"], flags[1]["id"]
    code, out, err = run(capsys, "review", SEED, "--db", db, FAST, "--accept", a, "--dismiss", d,
                         "--note", a, "Cut all but one.", "--doc-note", "Needs sources.",
                         "--reviewer", "Ana")
    assert code == 0, err
    again = {f["id"]: f for f in check_json(capsys, db, SEED, FAST)["flags"]}
    assert again[a]["status"] == "accepted" and again[a]["note"] == "Cut all but one."
    assert again[d]["status"] == "dismissed"


def test_review_with_unknown_id_writes_nothing(capsys, db):
    flags = check_json(capsys, db, SEED, FAST)["flags"]
    run(capsys, "review", SEED, "--db", db, FAST, "--accept", flags[0]["id"])
    code, out, err = run(capsys, "review", SEED, "--db", db, FAST, "--dismiss", flags[1]["id"],
                         "--accept", "deadbeef")
    assert code == 2 and "deadbeef" in err and err.count("\n") == 1
    again = {f["id"]: f for f in check_json(capsys, db, SEED, FAST)["flags"]}
    assert again[flags[0]["id"]]["status"] == "accepted"
    assert again[flags[1]["id"]]["status"] == "pending"


def test_decisions_survive_a_revised_draft(capsys, db, tmp_path):
    draft = tmp_path / "draft.txt"
    text = SEED.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    flags = check_json(capsys, db, draft, FAST)["flags"]
    far = next(f for f in flags if f["text"].lower() == "far from over")
    run(capsys, "review", draft, "--db", db, FAST, "--accept", far["id"], "--note", far["id"], "Once is enough.")
    draft.write_text("A new opening paragraph the writer added.\n\n" + text, encoding="utf-8")
    again = {f["id"]: f for f in check_json(capsys, db, draft, FAST)["flags"]}
    assert again[far["id"]]["status"] == "accepted" and again[far["id"]]["note"] == "Once is enough."
    assert again[far["id"]]["start"] == far["start"] + len("A new opening paragraph the writer added.\n\n")


def test_export_markdown_json_html(capsys, db, tmp_path):
    flags = check_json(capsys, db, SEED, FAST)["flags"]
    run(capsys, "review", SEED, "--db", db, FAST, "--accept", flags[0]["id"], "--doc-note", "Sources!")
    for fmt, name in (("markdown", "s.md"), ("json", "s.json"), ("html", "s.html")):
        out = tmp_path / name
        code, _, err = run(capsys, "export", SEED, "--db", db, FAST, "--format", fmt, "-o", out)
        assert code == 0, err
        body = out.read_text(encoding="utf-8")
        assert "Sources!" in body and flags[0]["message"][:20] in body.replace("&quot;", '"').replace("&#x27;", "'")


@pytest.mark.parametrize("name,content,needle", [
    ("missing.txt", None, "no such file"),
    ("adir.txt", "DIR", "folder"),
    ("bin.txt", bytes(range(256)) * 100, "binary"),
    ("bad.docx", b"PK\x03\x04garbage", "Word document"),
    ("notes.xyz", b"hello", ".xyz"),
])
def test_bad_input_exits_2_with_one_line(capsys, db, tmp_path, name, content, needle):
    p = tmp_path / name
    if content == "DIR":
        p.mkdir()
    elif content is not None:
        p.write_bytes(content)
    code, out, err = run(capsys, "check", p, "--db", db)
    assert code == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_huge_file(capsys, db, tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * (50 * 1024 * 1024 // 5))
    code, out, err = run(capsys, "check", p, "--db", db)
    assert code == 2 and "MB" in err and err.count("\n") == 1


def test_empty_file_is_nothing_to_check(capsys, db, tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    code, out, err = run(capsys, "check", p, "--db", db)
    assert code == 0 and "nothing to check" in err


def test_unwritable_database_path(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(capsys, "check", SEED, "--db", f"sqlite:///{blocker}/sub/review.db", FAST)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err


def test_not_a_database(capsys, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    code, out, err = run(capsys, "check", SEED, "--db", f"sqlite:///{bogus}", FAST)
    assert code == 2 and err.count("\n") == 1
    assert bogus.read_bytes() == b"this is not sqlite" * 100


def test_unknown_check_id(capsys, db):
    code, out, err = run(capsys, "check", SEED, "--db", db, "--checks", "nonsense")
    assert code == 2 and "nonsense" in err


def test_installed_entry_point_runs(tmp_path):
    env = dict(os.environ, REVIEWDESK_DATA_DIR=str(tmp_path))
    exe = Path(sys.executable).with_name("reviewdesk")
    out = subprocess.run([str(exe), "check", str(SEED), FAST], capture_output=True, text=True, env=env)
    assert out.returncode == 1, out.stderr
    assert (tmp_path / "reviewdesk.db").exists()


def test_add_word_and_ignore_rule_from_the_cli(capsys, db, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("The zorblax report arrived today. It was very late, and it was written badly.\n",
                     encoding="utf-8")
    flags = check_json(capsys, db, draft, "--checks=grammar,readability", "--line-editing")["flags"]
    assert any(f["text"] == "zorblax" and f["category"] == "spelling" for f in flags)
    assert any(f["rule"] == "readability.passive-voice" for f in flags)
    code, out, err = run(capsys, "review", draft, "--db", db, "--checks=grammar,readability",
                         "--add-word", "zorblax", "--ignore-rule", "readability.passive-voice")
    assert code == 0, err
    after = check_json(capsys, db, draft, "--checks=grammar,readability", "--line-editing")["flags"]
    assert not any(f["text"] == "zorblax" for f in after)
    assert not any(f["rule"] == "readability.passive-voice" for f in after)
    other = tmp_path / "other.txt"
    other.write_text("Another zorblax memo came. It was written badly.\n", encoding="utf-8")
    flags_other = check_json(capsys, db, other, "--checks=grammar,readability", "--line-editing")["flags"]
    assert any(f["text"] == "zorblax" for f in flags_other)   # this draft only, by default


def test_at_a_glance_names_the_sample_drafts_marquee_problems(capsys, db):
    code, out, err = run(capsys, "check", SEED, "--db", db)
    glance = out.split("At a glance:")[1].split("\n\n")[0]
    for needle in ("dated 2014, 2018", "seven years and nearly five years", "a top US official",
                   "Post a Comment", "Mark Esper", "not at war"):
        assert needle in glance, needle
