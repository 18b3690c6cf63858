"""The flag table model and its filter proxy: document order, filters, counts follow decisions."""
from __future__ import annotations

from reviewdesk.gui.flag_filter import FilterState, FlagFilterProxy
from reviewdesk.gui.flag_model import KEY_ROLE, FlagModel, Row, with_decision


def _row(key: str, start: int, category: str = "spelling", severity: int = 2, status: str = "pending",
         message: str = "msg") -> Row:
    return Row(key, "flag", "c", f"c.{key}", category, severity, status, status, message, "passage", "",
               ((start * 10, start * 10 + 3),), haystack=f"{message}\x1fpassage".casefold())


def _proxy(rows):
    model = FlagModel()
    model.set_rows(rows)
    proxy = FlagFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_rows_are_kept_in_document_order(qapp):
    model, _ = _proxy([_row("b", 50), _row("a", 10), _row("c", 30)])
    assert [r.key for r in model.rows] == ["a", "c", "b"]


def test_filters_by_category_status_severity_and_text(qapp):
    _, proxy = _proxy([_row("a", 1), _row("b", 2, category="grammar"), _row("c", 3, severity=0),
                       _row("d", 4, status="accepted"), _row("e", 5, message="Passive voice")])
    proxy.set_state(FilterState(statuses=frozenset({"pending"})))
    assert proxy.rowCount() == 4
    proxy.set_state(FilterState(hidden=frozenset({"grammar"}), statuses=frozenset({"pending"}), min_severity=1))
    assert proxy.rowCount() == 2
    proxy.set_state(FilterState(statuses=frozenset({"pending"}), text="PASSIVE"))
    assert proxy.rowCount() == 1


def test_a_decided_row_stays_in_view_until_the_filters_change(qapp):
    model, proxy = _proxy([_row("a", 1), _row("b", 2)])
    model.update_rows([with_decision(model.row("a"), "accepted")])
    # Kept (dimmed) where the editor decided it, so K can go back to it and a note lands on it.
    assert proxy.rowCount() == 2
    assert model.row("a").status == "accepted"
    proxy.set_state(FilterState(statuses=frozenset({"pending"}), text="passage"))
    assert [proxy.index(i, 0).data(KEY_ROLE) for i in range(proxy.rowCount())] == ["b"]


def test_rank_order_puts_facts_and_leftovers_first_one_per_rule(qapp):
    rows = [Row(k, "flag", "c", rule, cat, sev, "pending", "pending", "m", "p", "", ((s, s + 2),))
            for k, rule, cat, sev, s in (
                ("echo", "repetition.echo", "repetition", 1, 1),
                ("vague1", "sourcing.vague-attribution", "sourcing", 2, 5),
                ("vague2", "sourcing.vague-attribution", "sourcing", 2, 9),
                ("seo", "filler.seo", "filler", 2, 40),
                ("date", "consistency.date", "consistency", 2, 80),
                ("footer", "filler.leftover", "filler", 2, 99),
                ("typo", "grammar.spelling.spell-check", "spelling", 3, 3))]
    model = FlagModel()
    model.set_rows(rows)
    order = [r.key for r in model.rows]
    assert order[:2] == ["date", "footer"]
    assert order.index("seo") < order.index("vague2") and order.index("vague1") < order.index("vague2")
    assert order[-1] == "echo"
    model.set_sort("position")
    assert [r.key for r in model.rows] == ["echo", "typo", "vague1", "vague2", "seo", "date", "footer"]
    model.set_sort("severity")
    assert model.rows[0].key == "typo"


def test_a_row_coming_back_into_view_keeps_document_order(qapp):
    model, proxy = _proxy([_row("a", 1), _row("b", 2, status="accepted"), _row("c", 3)])
    assert [proxy.index(i, 0).data(KEY_ROLE) for i in range(proxy.rowCount())] == ["a", "c"]
    model.update_rows([with_decision(model.row("b"), "pending")])
    assert [proxy.index(i, 0).data(KEY_ROLE) for i in range(proxy.rowCount())] == ["a", "b", "c"]


def test_filtering_twenty_thousand_rows_is_quick(qapp):
    import time
    rows = [_row(f"k{i:05d}", i * 10, category=("spelling", "grammar")[i % 2]) for i in range(20000)]
    _, proxy = _proxy(rows)
    started = time.perf_counter()
    proxy.set_state(FilterState(hidden=frozenset({"grammar"})))
    assert proxy.rowCount() == 10000
    assert time.perf_counter() - started < 0.5      # about 10 ms on a laptop; generous for CI


def test_flags_of_two_checks_on_the_same_words_are_one_row_and_one_decision_decides_both(qapp):
    cliche = Row("c1", "flag", "filler", "filler.cliche", "filler", 1, "pending", "pending",
                 "Cliché: far from over", "far from over", "", ((10, 23), (60, 73)))
    repeated = Row("r1", "flag", "repetition", "repetition.phrase", "repetition", 2, "pending", "pending",
                   "“far from over” appears 3 times.", "far from over", "", ((10, 23), (60, 73), (90, 103)))
    other = _row("x", 30)
    model, proxy = _proxy([cliche, repeated, other])
    proxy.set_state(FilterState(statuses=frozenset({"pending"})))
    assert proxy.rowCount() == 2
    finding = model.row("c1")
    assert finding is model.row("r1")                  # either flag's key finds the finding
    assert len(finding.places) == 3 and finding.severity == 2
    assert [rule for rule, _ in finding.also] and finding.members
    model.update_rows([with_decision(finding, "accepted")])
    assert {r.key: r.decision for r in model.raw_rows} == {"c1": "accepted", "r1": "accepted", "x": "pending"}
