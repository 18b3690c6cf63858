"""The window on the sample draft, with the real checks: the biggest problems come first, one row each."""
from __future__ import annotations

from collections import Counter

from reviewdesk.core.merge import same_words
from reviewdesk.gui.flag_model import ROW_ROLE


def test_the_sample_drafts_worst_problems_are_in_the_first_ten_rows(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window(builtin=True), timeout=90000)
    panel = window.flag_panel
    assert window.controller.model.sort_mode == "rank"
    proxy = panel.proxy
    first = [proxy.index(n, 0).data(ROW_ROLE) for n in range(min(10, proxy.rowCount()))]
    rules = [r.rule for r in first]
    messages = " | ".join(r.message for r in first)
    # The date conflict, the duration conflict, the anonymous-source pattern, the SEO opening,
    # the web footer and the wrong-era officials.
    for rule in ("consistency.date", "consistency.duration", "sourcing.vague-attribution", "filler.seo",
                 "filler.leftover", "sourcing.out-of-office"):
        assert rule in rules, f"{rule} not in the first ten rows: {rules}"
    assert "Unnamed sources:" in messages
    assert "Esper" in messages and "Volker" in messages
    # The window opens on the top finding.
    assert panel.current_key == first[0].key


def test_one_row_per_problem_and_one_highlight_per_passage(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window(builtin=True), timeout=90000)
    rows = window.controller.model.rows
    far = [r for r in rows if r.is_flag and "far from over" in r.message]
    assert len(far) == 1, [r.message for r in far]           # cliché and repetition: one finding
    assert far[0].also and len(far[0].places) >= 7
    # No two listed findings of different rules are about the same words.
    listed = [r for r in rows if r.is_flag and r.active and not r.line_editing]
    for a in listed:
        for b in listed:
            if a.key < b.key and a.rule != b.rule and len(a.places) == len(b.places) == 1 \
                    and not a.rule.startswith(("consistency.spelling", "readability.")):
                assert not same_words(a.places[0], b.places[0]), (a.message, b.message)
    # The painter shows one highlight on each piece of text, never a stack of them.
    painter = window.view.painter
    painter.flush()
    doc = window.view.document()
    block = doc.begin()
    while block.isValid():
        ranges = block.layout().formats()
        spans = sorted((r.start, r.start + r.length) for r in ranges)
        assert all(b0 >= a1 for (_, a1), (b0, _) in zip(spans, spans[1:])), block.text()[:60]
        block = block.next()
    assert Counter(r.rule for r in listed)["sourcing.vague-attribution"] == 1
