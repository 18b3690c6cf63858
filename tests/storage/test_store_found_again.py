"""A flag whose neighbouring word was edited is the same flag: its id, decision and note stay."""
from __future__ import annotations

from alembic import command
from sqlalchemy import text
from storage_helpers import DRAFT, P1, by_text, findings, flag_on

from reviewdesk.core.engine import finalise
from reviewdesk.core.settings import Settings
from reviewdesk.storage.migrations import alembic_config
from reviewdesk.storage.records import ACCEPTED, ACTIVE, DISMISSED, OUTDATED, PENDING
from reviewdesk.storage.store import ReviewStore

ALL_CHECKS = {"style", "repetition"}


def _decided(store, draft, status=ACCEPTED):
    doc = draft()
    record = store.open_document(doc)
    very = by_text(store.sync_flags(record, doc, findings(doc), ALL_CHECKS))["very"]
    store.set_status(record, very.id, status, "ana")
    store.set_flag_note(record, very.id, "Cut it.", "ana")
    return record, very


def test_word_edited_after_the_passage_keeps_the_flag(store, draft):
    record, very = _decided(store, draft)
    revised = draft(DRAFT.replace("heavily shelled overnight", "heavily shelled at night"))
    after = by_text(store.sync_flags(record, revised, findings(revised), ALL_CHECKS))["very"]
    assert after.fingerprint != very.fingerprint
    assert (after.id, after.status, after.note, after.state) == (very.id, ACCEPTED, "Cut it.", ACTIVE)
    assert after.start == revised.text.index("very")


def test_word_edited_before_the_passage_keeps_the_flag(store, draft):
    record, very = _decided(store, draft, DISMISSED)
    revised = draft(DRAFT.replace("The city was very", "The town was very"))
    after = by_text(store.sync_flags(record, revised, findings(revised), ALL_CHECKS))["very"]
    assert (after.id, after.status, after.note, after.state) == (very.id, DISMISSED, "Cut it.", ACTIVE)
    assert [h.status for h in store.history(record, very.id)] == [DISMISSED]
    assert len([f for f in store.flags(record) if f.text == "very"]) == 1


def test_flag_found_again_matches_directly_on_the_next_run(store, draft):
    record, very = _decided(store, draft)
    revised = draft(DRAFT.replace("heavily shelled overnight", "heavily shelled at night"))
    store.sync_flags(record, revised, findings(revised), ALL_CHECKS)
    again = by_text(store.sync_flags(record, revised, findings(revised), ALL_CHECKS))["very"]
    assert (again.id, again.status, again.state) == (very.id, ACCEPTED, ACTIVE)


def test_words_changed_on_both_sides_make_a_new_flag(store, draft):
    record, very = _decided(store, draft)
    revised = draft(DRAFT.replace("The city was very heavily shelled overnight",
                                  "The town is very badly damaged today"))
    flags = store.sync_flags(record, revised, findings(revised), ALL_CHECKS)
    old = next(f for f in flags if f.id == very.id)
    new = next(f for f in flags if f.text == "very" and f.id != very.id)
    assert (old.state, old.status, old.note) == (OUTDATED, ACCEPTED, "Cut it.")
    assert (new.state, new.status, new.note) == (ACTIVE, PENDING, "")


def test_a_deleted_passage_is_not_revived_by_the_same_words_elsewhere(store, draft):
    record, very = _decided(store, draft)
    moved = DRAFT.replace(" The city was very heavily shelled overnight and the damage is wide.", "")
    moved = moved.replace("nobody believed him.", "nobody believed him. It was very cold.")
    revised = draft(moved)
    flags = store.sync_flags(record, revised, findings(revised), ALL_CHECKS)
    old = next(f for f in flags if f.id == very.id)
    assert (old.state, old.status) == (OUTDATED, ACCEPTED)
    assert next(f for f in flags if f.text == "very" and f.state == ACTIVE).status == PENDING


def test_of_two_like_flags_the_diff_keeps_only_the_one_whose_sentence_survives(store, draft):
    twice = DRAFT.replace("and the damage is wide.", "and the damage is wide. The city was very quiet.")
    doc = draft(twice)
    record = store.open_document(doc)
    raw = [flag_on(doc, "very", "style.adverb", nth) for nth in (0, 1)]
    first, second = store.sync_flags(record, doc, finalise(doc, raw, Settings()), {"style"})
    store.set_statuses(record, [first.id, second.id], ACCEPTED, "ana")
    # Both places lose their words after "very", so their neighbours cannot tell them apart; the
    # diff of the two texts can: "The city was very quiet." lost one word, the other sentence most.
    revised = draft(DRAFT.replace("The city was very heavily shelled overnight and the damage is wide.",
                                  "The city was very."))
    flags = store.sync_flags(record, revised, finalise(revised, [flag_on(revised, "very", "style.adverb")],
                                                        Settings()), {"style"})
    assert {f.id: f.state for f in flags if f.id in (first.id, second.id)} == {
        first.id: OUTDATED, second.id: ACTIVE}
    [kept] = [f for f in flags if f.state == ACTIVE]
    assert (kept.id, kept.status, revised.text[kept.start:kept.end]) == (second.id, ACCEPTED, "very")


def test_a_first_schema_database_is_upgraded_with_its_reviews(tmp_path, draft):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config(url)
    command.upgrade(config, "0001")
    with ReviewStore(url) as store:          # opens at head: 0001 -> 0003
        assert store.revision == "0004"
        record, very = _decided(store, draft)
    with ReviewStore(url) as store:
        with store.engine.connect() as connection:
            keys = connection.execute(text("SELECT before_key, after_key FROM flags")).all()
        assert keys and all(before and after for before, after in keys)
        assert by_text(store.flags(record))["very"].status == ACCEPTED
