"""The revision flow headless: check, review, revise the draft, check again; the review follows."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_helpers import FAST, FAST_CLAIMS, SEED, check_json, cli

from reviewdesk.storage.store import ReviewStore

SENTENCE_B = "Although Russia is backing separatist rebels in eastern Ukraine"
NEAR_C = "been engaged in a series of skirmishes"
ADDED_TOP = "A paragraph the writer added at the top.\n\n"
ADDED_MIDDLE = "Another paragraph the writer added in the middle.\n\n"


@dataclass
class Flow:
    before: dict          # the first check's JSON
    after: dict           # the check of the revised draft
    a: dict               # "far from over": accepted with a note, passage kept
    b: dict               # a hard sentence: dismissed with a note, then deleted
    c: dict               # passive "been engaged": accepted with a note, a word beside it edited
    claim: dict           # the first claim: verified, with a source note
    text: str             # the revised draft
    db: str
    draft: Path


@pytest.fixture(scope="module")
def flow(tmp_path_factory) -> Flow:
    folder = tmp_path_factory.mktemp("revision")
    db, draft = f"sqlite:///{folder / 'review.db'}", folder / "draft.txt"
    text = SEED.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    before = check_json(draft, db, FAST_CLAIMS, "--line-editing")
    flags = before["flags"]
    a = next(f for f in flags if f["rule"] == "repetition.phrase" and f["text"].lower() == "far from over")
    b = next(f for f in flags if f["rule"] == "readability.hard-sentence" and f["text"].startswith(SENTENCE_B))
    c = next(f for f in flags if f["rule"] == "readability.passive-voice" and f["text"] == "been engaged")
    claim = before["claims"][0]
    span = text.index("Crimean peninsula")
    code, out, err = cli("review", draft, "--db", db, FAST_CLAIMS, "--reviewer", "Ana",
                         "--accept", a["id"], "--dismiss", b["id"], "--accept", c["id"],
                         "--note", a["id"], "Once is enough.", "--note", b["id"], "Too long.",
                         "--note", c["id"], "Who engaged?", "--doc-note", "Needs named sources.",
                         "--span-note", span, span + len("Crimean peninsula"), "Check the year.",
                         "--claim", claim["id"], "verified", "--claim-note", claim["id"], "Reuters, 2014.")
    assert code == 0, err
    revised = text.replace(text[b["start"]:b["end"]] + " ", "", 1)
    revised = revised.replace(NEAR_C, NEAR_C.replace("series", "string"), 1)
    revised = revised.replace("\n\n", "\n\n" + ADDED_TOP, 1)
    middle = revised.index("Overview of the Russia-Ukraine Conflict")
    revised = revised[:middle] + ADDED_MIDDLE + revised[middle:]
    assert SENTENCE_B not in revised and "Crimean peninsula" in revised
    draft.write_text(revised, encoding="utf-8")
    after = check_json(draft, db, FAST_CLAIMS, "--line-editing")
    return Flow(before, after, a, b, c, claim, revised, db, draft)


def _active(flow: Flow, flag_id: str) -> dict:
    [flag] = [f for f in flow.after["flags"] if f["id"] == flag_id]
    return flag


def test_repeated_accept_options_all_count(flow):
    assert _active(flow, flow.a["id"])["status"] == "accepted"
    assert _active(flow, flow.c["id"])["status"] == "accepted"


def test_kept_passage_keeps_decision_and_note_at_its_new_places(flow):
    a = _active(flow, flow.a["id"])
    assert (a["status"], a["note"], a["state"]) == ("accepted", "Once is enough.", "active")
    assert a["start"] == flow.a["start"] + len(ADDED_TOP)
    assert len(a["occurrences"]) == 8
    assert all(flow.text[p["start"]:p["end"]].lower() == "far from over" for p in a["occurrences"])


def test_deleted_passage_is_outdated_with_decision_and_note(flow):
    assert flow.b["id"] not in {f["id"] for f in flow.after["flags"]}
    [b] = [f for f in flow.after["outdated"] if f["id"] == flow.b["id"]]
    assert (b["state"], b["status"], b["note"]) == ("outdated", "dismissed", "Too long.")
    assert b["text"].startswith(SENTENCE_B)


def test_word_edited_beside_a_flag_keeps_its_id_decision_and_note(flow):
    c = _active(flow, flow.c["id"])
    assert (c["status"], c["note"], c["state"]) == ("accepted", "Who engaged?", "active")
    assert flow.text[c["start"]:c["end"]] == "been engaged"
    assert flow.text[c["end"]:].startswith(" in a string of")
    assert not [f for f in flow.after["flags"] if f["rule"] == c["rule"] and f["start"] == c["start"]
                and f["id"] != c["id"]]


def test_every_active_flag_slices_the_revised_text(flow):
    for flag in flow.after["flags"]:
        assert flow.text[flag["start"]:flag["end"]] == flag["text"]


def test_span_note_follows_its_passage(flow):
    with ReviewStore(flow.db) as store:
        [record] = store.documents()
        [note] = [n for n in store.notes(record) if n.kind == "span"]
    assert (note.body, note.state) == ("Check the year.", "active")
    assert flow.text[note.start:note.end] == "Crimean peninsula"
    assert note.start == flow.text.index("Crimean peninsula")


def test_document_note_is_kept(flow):
    with ReviewStore(flow.db) as store:
        [record] = store.documents()
        notes = [(n.body, n.author) for n in store.notes(record) if n.kind == "document"]
    assert notes == [("Needs named sources.", "Ana")]


def test_claim_keeps_status_and_note_at_its_new_place(flow):
    [claim] = [c for c in flow.after["claims"] if c["id"] == flow.claim["id"]]
    assert (claim["status"], claim["note"]) == ("verified", "Reuters, 2014.")
    assert flow.text[claim["start"]:claim["end"]] == claim["text"]
    assert claim["start"] == flow.claim["start"] + len(ADDED_TOP)


def test_check_of_fewer_checks_lists_only_their_flags(tmp_path):
    db, draft = f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "d.txt"
    text = SEED.read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    check_json(draft, db, FAST)
    revised = ADDED_TOP + text
    draft.write_text(revised, encoding="utf-8")
    data = check_json(draft, db, "--checks=readability", "--line-editing")
    assert {f["check"] for f in data["flags"]} == {"readability"}
    assert all(revised[f["start"]:f["end"]] == f["text"] for f in data["flags"])


def test_review_with_a_bad_dictionary_word_writes_nothing(tmp_path):
    db, draft = f"sqlite:///{tmp_path / 'r.db'}", tmp_path / "d.txt"
    draft.write_text("Residents said the the water failed.\n", encoding="utf-8")
    [flag] = check_json(draft, db, "--checks=repetition")["flags"]
    code, out, err = cli("review", draft, "--db", db, "--checks=repetition", "--accept", flag["id"],
                         "--add-word", " ")
    assert code == 2 and err.count("\n") == 1
    [again] = check_json(draft, db, "--checks=repetition")["flags"]
    assert again["status"] == "pending"
