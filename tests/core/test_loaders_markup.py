"""Markup that must not leak into a draft's text: Markdown comments, link definitions and footnote
marks; HTML navigation and form controls; and a page whose <head> is never closed."""
from __future__ import annotations

from reviewdesk.core.loaders import load_document


def _blocks(path) -> list[tuple[str, str]]:
    doc = load_document(path)
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


def test_markdown_comments_do_not_leak(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("Before <!-- an editor's aside --> after.\n\n<!--\nA whole\nhidden block.\n-->\n\n"
                 "Last words.\n", encoding="utf-8")
    assert _blocks(p) == [("paragraph", "Before after."), ("paragraph", "Last words.")]


def test_markdown_link_definitions_do_not_leak(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("See the [report][r] for more.\n\n[r]: https://example.com/report \"Report\"\n",
                 encoding="utf-8")
    assert _blocks(p) == [("paragraph", "See the report for more.")]


def test_markdown_footnote_marks_go_and_their_text_stays(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("Casualties rose sharply.[^1]\n\n[^1]: Figures from the city council.\n",
                 encoding="utf-8")
    assert _blocks(p) == [("paragraph", "Casualties rose sharply."),
                          ("footnote", "Figures from the city council.")]


def test_html_navigation_and_form_controls_do_not_leak(tmp_path):
    p = tmp_path / "d.html"
    p.write_text("<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
                 "<h1>Report</h1><p>The city held.</p>"
                 "<form><button>Send</button><select><option>One</option></select>"
                 "<textarea>Your comment</textarea></form></body>", encoding="utf-8")
    assert _blocks(p) == [("heading", "Report"), ("paragraph", "The city held.")]


def test_html_with_an_unclosed_head_still_has_its_body(tmp_path):
    p = tmp_path / "d.html"
    p.write_text("<html><head><title>Draft</title>\n<body><p>The city held.</p></body></html>",
                 encoding="utf-8")
    doc = load_document(p)
    assert (doc.title, doc.text) == ("Draft", "The city held.")
