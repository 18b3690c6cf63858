"""The line-editing layer in the window: hidden by default, one click (or Ctrl+L) away, remembered."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from gui_fakes import WordCheck
from reviewdesk.core.flags import Severity


class _PassiveCheck(WordCheck):
    """Flags "fighting" under readability.passive-voice: a rule of the line-editing layer."""

    def run(self, doc, ctx):
        for flag in super().run(doc, ctx):
            yield replace(flag, rule="readability.passive-voice")


def _line_check():
    return [_PassiveCheck("readability", "readability", ("fighting",), Severity.SUGGESTION),
            WordCheck("words", "spelling", ("Bakhmut",), Severity.ERROR)]


def _listed(window):
    panel = window.flag_panel
    return {panel.proxy.data(panel.proxy.index(r, 0), Qt.ItemDataRole.UserRole + 2).rule
            for r in range(panel.proxy.rowCount())}


def test_line_editing_advice_is_hidden_until_asked_for(qtbot, make_window, open_and_wait):
    window = make_window(_line_check())
    painted: list[set[str]] = []
    real = window.view.painter.set_rows
    window.view.painter.set_rows = lambda rows: (painted.append({r.rule for r in rows}), real(rows))[1]
    open_and_wait(window)
    panel = window.flag_panel
    assert _listed(window) == {"words.bakhmut"}
    assert not panel.line_button.isChecked()
    hidden = sum(1 for r in window.controller.model.rows if r.rule == "readability.passive-voice")
    qtbot.waitUntil(lambda: panel.line_button.text() == f"Line editing {hidden}", timeout=2000)
    assert painted and "readability.passive-voice" not in painted[-1]
    # Progress counts only what the editor is asked to review.
    assert panel.progress_label.text().endswith(
        f"of {sum(1 for r in window.controller.model.rows if r.rule == 'words.bakhmut')} reviewed")

    qtbot.keyClick(panel.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert panel.line_button.isChecked() and window.actions["line_editing"].isChecked()
    assert _listed(window) == {"words.bakhmut", "readability.passive-voice"}
    assert "readability.passive-voice" in painted[-1]

    panel.line_button.click()
    assert not window.actions["line_editing"].isChecked()
    assert _listed(window) == {"words.bakhmut"}


def test_the_choice_is_remembered(qtbot, make_window, open_and_wait, prefs):
    window = open_and_wait(make_window(_line_check()))
    window.flag_panel.line_button.click()
    assert prefs.filters().line_editing
    window.flag_panel.line_button.click()
    assert not prefs.filters().line_editing


def test_readability_tab_counts_the_advice_against_targets(qtbot):
    from reviewdesk.gui.readability_panel import ReadabilityPanel

    panel = ReadabilityPanel()
    qtbot.addWidget(panel)
    panel.show()
    metrics = {"readability": {"scores": {"sentences": 50, "words": 1000},
                               "counts": {"hard_sentences": 9, "very_hard_sentences": 3,
                                          "passive_voice": 2, "adverbs": 1, "complex_words": 0,
                                          "long_sentences": 4}},
               "repetition": {"echoes": 30, "repeated_openers": 0, "words": 1000}}
    panel.show_line_editing(metrics)
    form = panel.line_form
    rows = {form.itemAt(i, form.ItemRole.LabelRole).widget().text():
            form.itemAt(i, form.ItemRole.FieldRole).widget().text()
            for i in range(form.rowCount()) if form.isRowVisible(i)}
    assert rows["Hard or very hard sentences"].startswith("12  (aim for 5 or fewer)")
    assert "\u2716" in rows["Hard or very hard sentences"]
    assert rows["Uses of the passive voice"] == "2  (aim for 5 or fewer)"
    assert rows["Echoed words"].startswith("30  (aim for 10 or fewer)")
    panel.show_line_editing({})
    assert not panel.line_box.isVisible()


def test_at_a_glance_lists_the_top_findings_and_selects_one(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window(_line_check()))
    glance = window.flag_panel.glance
    qtbot.waitUntil(lambda: bool(glance.keys), timeout=2000)
    rows = {r.key: r for r in window.controller.model.rows}
    # The spelling errors outrank the hidden line-editing advice, which never shows here.
    assert all(rows[k].rule == "words.bakhmut" for k in glance.keys)
    assert glance.keys[0] == window.controller.model.rows[0].key
    button = next(b for b in glance.findChildren(type(glance._buttons[0])) if b.isVisible()
                  and b.property("key") == glance.keys[-1])
    button.click()
    assert window.flag_panel.current_key == glance.keys[-1]


def test_clean_copy_says_nothing_to_fix_and_where_the_advice_is(qtbot, make_window, open_and_wait):
    only_advice = [_PassiveCheck("readability", "readability", ("fighting",), Severity.SUGGESTION)]
    window = open_and_wait(make_window(only_advice))
    panel = window.flag_panel
    qtbot.waitUntil(lambda: panel.empty_label.text().startswith("Nothing to fix"), timeout=2000)
    assert "Line editing (Ctrl+L) has" in panel.empty_label.text()
    assert "reviewed" not in panel.empty_label.text()
