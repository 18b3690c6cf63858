"""Claims ledger, dictionaries, ignored rules, saved metrics and the paragraph cache in the store."""
from __future__ import annotations

import pytest

from reviewdesk.core.errors import UnknownRecord
from reviewdesk.storage.records import ACTIVE, OUTDATED, ClaimRecord


def _claim(cid: str, text: str, start: int, **kw) -> ClaimRecord:
    return ClaimRecord(id=cid, kind=kw.pop("kind", "date"), text=text, start=start,
                       end=start + len(text), sentence=kw.pop("sentence", f"It began in {text}."), **kw)


def test_claims_round_trip_in_text_order(store, draft):
    record = store.open_document(draft())
    synced = store.sync_claims(record, [_claim("c2", "2018", 90), _claim("c1", "2014", 12, kind="date")])
    assert [(c.id, c.status, c.state) for c in synced] == [("c1", "unchecked", ACTIVE),
                                                          ("c2", "unchecked", ACTIVE)]
    assert store.claims(record) == synced


def test_a_claim_keeps_its_status_and_note_when_found_again(store, draft):
    record = store.open_document(draft())
    store.sync_claims(record, [_claim("c1", "2014", 12)])
    store.set_claim(record, "c1", status="disputed")
    decided = store.set_claim(record, "c1", note="Other reports say 2018.")
    assert (decided.status, decided.note) == ("disputed", "Other reports say 2018.")
    [again] = store.sync_claims(record, [_claim("c1", "2014", 40)])
    assert (again.start, again.status, again.note, again.state) == (
        40, "disputed", "Other reports say 2018.", ACTIVE)


def test_a_claim_no_longer_found_is_outdated_not_deleted(store, draft):
    record = store.open_document(draft())
    store.sync_claims(record, [_claim("c1", "2014", 12), _claim("c2", "2018", 90)])
    store.set_claim(record, "c2", status="verified")
    claims = {c.id: c for c in store.sync_claims(record, [_claim("c1", "2014", 12)])}
    assert (claims["c2"].state, claims["c2"].status) == (OUTDATED, "verified")


def test_bad_claim_status_and_unknown_claim_are_refused(store, draft):
    record = store.open_document(draft())
    store.sync_claims(record, [_claim("c1", "2014", 12)])
    with pytest.raises(ValueError, match="probably"):
        store.set_claim(record, "c1", status="probably")
    with pytest.raises(UnknownRecord):
        store.set_claim(record, "zz", status="verified")


def test_words_are_global_or_per_document(store, draft, tmp_path):
    from reviewdesk.core.document import document_from_text

    one = store.open_document(draft())
    other = store.open_document(document_from_text("Other text.", path=str(tmp_path / "other.txt")))
    store.add_word("Bakhmut")
    store.add_word("Bakhmut")             # twice is once
    store.add_word("Donbas", one.id)
    assert store.words(one.id) == {"Bakhmut", "Donbas"}
    assert store.words(other.id) == {"Bakhmut"}
    assert store.words(None) == {"Bakhmut"}
    store.remove_word("Donbas", one.id)
    store.remove_word("Bakhmut")
    assert store.words(one.id) == set()


def test_ignored_rules_are_global_or_per_document(store, draft):
    record = store.open_document(draft())
    store.ignore_rule("style.adverb", record.id)
    store.ignore_rule("repetition.echo")
    store.ignore_rule("repetition.echo")
    assert store.ignored_rules(record.id) == {"style.adverb", "repetition.echo"}
    assert store.ignored_rules(None) == {"repetition.echo"}
    store.unignore_rule("style.adverb", record)
    assert store.ignored_rules(record) == {"repetition.echo"}


def test_words_of_an_unknown_document_are_refused(store):
    with pytest.raises(UnknownRecord):
        store.add_word("Esper", 999)


def test_metrics_are_saved_with_the_review(store, draft):
    record = store.open_document(draft())
    assert store.metrics(record) == {}
    store.save_metrics(record, {"readability": {"grade": 9.5}, "sha256": record.sha256})
    assert store.metrics(record.id)["readability"] == {"grade": 9.5}


def test_paragraph_cache_returns_what_was_saved(store):
    store.save_results("harper/en-US", {"k1": [[0, 3, "Spelling", "msg", []]], "k2": []})
    store.save_results("harper/en-US", {"k2": [[1, 2, "Grammar", "m", ["x"]]]})
    assert store.cached_results("harper/en-US", ["k1", "k2", "k3"]) == {
        "k1": [[0, 3, "Spelling", "msg", []]], "k2": [[1, 2, "Grammar", "m", ["x"]]]}
    assert store.cached_results("languagetool", ["k1"]) == {}
    assert store.prune_cache(older_than_days=0) == 2
