"""Dictionary words, ignored rules and the LanguageTool download, driven from the window."""
from __future__ import annotations

import socket

from PySide6.QtWidgets import QMessageBox

from reviewdesk.checks.grammar import GrammarCheck
from reviewdesk.gui.dictionary import ALL_DRAFTS, RULE, THIS_DRAFT, WORD, DictionaryDialog


def _active(window, predicate) -> list:
    return [r for r in window.controller.model.rows if r.is_flag and r.active and predicate(r)]


def _word_rows(window, word: str) -> list:
    text = window.controller.doc.text
    return _active(window, lambda r: r.category == "spelling" and text[r.places[0][0]:r.places[0][1]] == word)


def _select(window, rows) -> None:
    window.flag_panel.select_key(rows[0].key)


def _trigger(menu, name: str) -> None:
    action = next(a for a in menu.actions() if a.objectName() == name)
    action.trigger()


def _detail_menu(window):
    menu = window.flag_panel.detail.learn_menu
    menu.aboutToShow.emit()            # what opening the button's menu does
    return menu


def test_add_to_dictionary_for_this_draft_removes_its_spelling_flags(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    _select(window, _word_rows(window, "Bakhmut"))
    with qtbot.waitSignal(window.checks_settled, timeout=10000):
        _trigger(_detail_menu(window), "learn_word_draft")
    assert _word_rows(window, "Bakhmut") == []
    assert _word_rows(window, "Ukraine")                   # other words are still flagged
    store, record = window.controller.store, window.controller.record
    assert "Bakhmut" in store.words(record.id)
    assert "Bakhmut" not in store.words(None)


def test_add_to_dictionary_for_all_drafts_from_the_context_menu(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    rows = _word_rows(window, "Ukraine")
    _select(window, rows)
    table = window.flag_panel.table
    index = table.currentIndex()
    window._on_table_context_menu_requested(table.visualRect(index).center())
    menu = window._context_menu
    with qtbot.waitSignal(window.checks_settled, timeout=10000):
        _trigger(menu, "learn_word_all")
    menu.close()
    assert _word_rows(window, "Ukraine") == []
    assert "Ukraine" in window.controller.store.words(None)


def test_ignoring_a_rule_removes_its_flags(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    rows = _active(window, lambda r: r.rule == "style.important")
    assert rows
    _select(window, rows)
    with qtbot.waitSignal(window.checks_settled, timeout=10000):
        _trigger(_detail_menu(window), "ignore_rule_draft")
    assert _active(window, lambda r: r.rule == "style.important") == []
    assert _active(window, lambda r: r.rule == "style.delve")
    assert window.controller.store.ignored_rules(window.controller.record.id) == {"style.important"}


def test_removing_entries_in_the_dialog_brings_the_flags_back(qtbot, make_window, open_and_wait, monkeypatch):
    window = open_and_wait(make_window())
    for learn in (lambda: window.add_word("Bakhmut", False), lambda: window.ignore_rule("style.important", True)):
        with qtbot.waitSignal(window.checks_settled, timeout=10000):
            learn()
    assert not _word_rows(window, "Bakhmut")
    listed = {}

    def run_dialog(dialog):
        listed[WORD], listed[RULE] = dialog.entries(WORD), dialog.entries(RULE)
        for which in (WORD, RULE):
            for value, scope in dialog.entries(which):
                dialog.remove(which, value, scope)
        return 0

    monkeypatch.setattr(DictionaryDialog, "exec", run_dialog)
    with qtbot.waitSignal(window.checks_settled, timeout=10000):
        window.actions["dictionary"].trigger()
    qtbot.waitUntil(lambda: not window.controller.running_checks, timeout=10000)
    assert listed == {WORD: [("Bakhmut", THIS_DRAFT)], RULE: [("style.important", ALL_DRAFTS)]}
    assert _word_rows(window, "Bakhmut")
    assert _active(window, lambda r: r.rule == "style.important")
    assert window.controller.store.words(window.controller.record.id) == set()


def test_failed_languagetool_download_is_one_sentence_and_harper_stands(
        qtbot, make_window, open_and_wait, monkeypatch, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("The reporter recieved the documents on Tuesday.\n", encoding="utf-8")
    window = open_and_wait(make_window(checks=[GrammarCheck()]), draft)
    before = {r.key for r in _active(window, lambda r: r.check == "grammar")}
    assert before
    assert window.engine_label.text().startswith("Grammar: harper")
    # No LanguageTool here, and the download goes through a proxy on loopback that refuses.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt"))
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    for name in ("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}")
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    with qtbot.waitSignal(window.controller.runner.job_failed, timeout=30000):
        window.actions["download_lt"].trigger()
    assert len(shown) == 1
    assert shown[0].startswith("LanguageTool could not be downloaded")
    assert shown[0].endswith(".") and ". " not in shown[0]            # one sentence
    assert window._lt_dialog is None                                   # the progress dialog is gone
    assert {r.key for r in _active(window, lambda r: r.check == "grammar")} == before


def test_about_names_the_grammar_engines_that_ran(qtbot, make_window, open_and_wait, monkeypatch, tmp_path):
    from reviewdesk.gui.dialogs import AboutDialog
    draft = tmp_path / "draft.txt"
    draft.write_text("The reporter recieved the documents.\n", encoding="utf-8")
    window = open_and_wait(make_window(checks=[GrammarCheck()]), draft)
    seen = []
    monkeypatch.setattr(AboutDialog, "exec", lambda self: seen.append(dict(self.versions)) or 0)
    window.actions["about"].trigger()
    assert seen[0]["Grammar engines"].startswith("harper ")


def test_a_learned_word_leaves_no_row_behind(qtbot, make_window, open_and_wait):
    window = open_and_wait(make_window())
    with qtbot.waitSignal(window.checks_settled, timeout=10000):
        window.add_word("Bakhmut", False)
    assert [r.status for r in window.controller.model.rows if r.rule == "words.bakhmut"] == []


def test_harper_accepts_a_word_added_from_the_window(qtbot, make_window, open_and_wait, tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("The mayor praised the frobnicator on Tuesday.\n", encoding="utf-8")
    window = open_and_wait(make_window(checks=[GrammarCheck()]), draft)
    assert _word_rows(window, "frobnicator")
    with qtbot.waitSignal(window.checks_settled, timeout=10000):
        window.add_word("frobnicator", True)
    assert _word_rows(window, "frobnicator") == []
    assert window.controller.settings.dictionary >= {"frobnicator"}
