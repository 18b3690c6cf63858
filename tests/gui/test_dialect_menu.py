"""Review > Spelling: a draft's English is detected, can be changed in the window, and is kept with it."""
from __future__ import annotations

UK_DRAFT = ("Council defences to be strengthened\n\n"
            "The council said its flood defences would be strengthened before the winter. The "
            "programme will be organised by the harbour authority, whose favourite colour for the "
            "new barriers is grey. Neighbours welcomed the centre's plans for the town.\n")


def _spelling_words(window) -> set[str]:
    text = window.controller.doc.text
    return {text[r.places[0][0]:r.places[0][1]] for r in window.controller.model.raw_rows
            if r.is_flag and r.category == "spelling" and r.active}


def test_a_british_draft_is_detected_and_the_editor_can_choose_american(qtbot, make_window,
                                                                        open_and_wait, tmp_path):
    path = tmp_path / "council.txt"
    path.write_text(UK_DRAFT, encoding="utf-8")
    window = open_and_wait(make_window(builtin=True), path, timeout=90000)
    assert window.dialect_actions[""].isChecked()
    assert "British" in window.dialect_actions[""].text()
    assert "defences" not in _spelling_words(window)          # checked as British: no error
    with qtbot.waitSignal(window.checks_settled, timeout=90000):
        window.dialect_actions["en-US"].trigger()
    assert window.dialect_actions["en-US"].isChecked()
    assert window.controller.store.review_settings(window.controller.record) == {"dialect": "en-US"}
    assert "defences" in _spelling_words(window)              # now an American spelling error
    # Reopened, the draft keeps the editor's choice.
    open_and_wait(window, path, timeout=90000)
    assert window.dialect_actions["en-US"].isChecked()
    assert window.controller.settings.dialect == "en-US"
