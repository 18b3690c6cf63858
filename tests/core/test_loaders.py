"""Loading drafts of every format into one plain text, and refusing bad input with one sentence."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from reviewdesk.core.document import HEADING
from reviewdesk.core.errors import InputError, UnsupportedFormat
from reviewdesk.core.loaders import MAX_BYTES, load_document

SEED = Path(__file__).parents[2] / "seeds" / "bakhmut-draft.txt"


def test_txt_text_is_the_file_content_exactly():
    doc = load_document(SEED)
    assert doc.text == SEED.read_text(encoding="utf-8")
    assert doc.title.startswith("Latest Ukraine War News")
    assert doc.format == "txt"


def test_crlf_becomes_lf(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"Title\r\n\r\nFirst line.\r\nSecond line.\r\n")
    assert load_document(p).text == "Title\n\nFirst line.\nSecond line.\n"


def test_txt_headings_and_paragraphs_are_known():
    doc = load_document(SEED)
    heads = [doc.text[b.start:b.end] for b in doc.headings]
    assert "Overview of the Russia-Ukraine Conflict" in heads
    assert "What's Needed to End the Conflict and Achieve Peace?" in heads
    assert all("\n\n" not in doc.text[b.start:b.end] for b in doc.blocks)
    assert len(doc.paragraphs) > 40


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8-sig", b""), ("utf-16", b""), ("cp1252", b""), ("latin-1", b""),
])
def test_encodings(tmp_path, encoding, prefix):
    text = "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u2014 the editor\u2019s \u201cquote\u201d.\n" * 20
    if encoding == "latin-1":
        text = text.replace("\u2014", "-").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    p = tmp_path / f"draft-{encoding}.txt"
    p.write_bytes(prefix + text.encode(encoding))
    assert load_document(p).text == text


def test_markdown_markup_does_not_leak(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("---\ntitle: x\n---\n# The *Big* Title\n\nSome **bold** and [a link](http://x.org) "
                 "with `code`.\n\n- first item\n- second item\n\n> quoted words\n\n```\ncode block\n```\n"
                 "Sub head\n--------\n\nLast para_graph here.\n", encoding="utf-8")
    doc = load_document(p)
    assert "*" not in doc.text and "[" not in doc.text and "`" not in doc.text and "#" not in doc.text
    assert "code block" not in doc.text
    assert "Some bold and a link with code." in doc.text
    assert [doc.text[b.start:b.end] for b in doc.headings] == ["The Big Title", "Sub head"]
    assert doc.title == "The Big Title"
    assert "para_graph" in doc.text


def test_html_markup_and_scripts_do_not_leak(tmp_path):
    p = tmp_path / "d.html"
    p.write_text("<html><head><title>Page &amp; title</title><style>p{}</style></head><body>"
                 "<h1>Main head</h1><p>One <b>bold</b> &ldquo;word&rdquo;.</p><script>alert(1)</script>"
                 "<ul><li>Item one</li></ul><h2>Second</h2><p>Two<br>lines.</p></body></html>",
                 encoding="utf-8")
    doc = load_document(p)
    assert "<" not in doc.text and "alert" not in doc.text and "p{}" not in doc.text
    assert "One bold \u201cword\u201d." in doc.text
    assert doc.title == "Page & title"
    assert [doc.text[b.start:b.end] for b in doc.headings] == ["Main head", "Second"]


def test_docx_headings_and_source_index(tmp_path):
    word = WordDocument()
    word.add_heading("Draft title", level=1)
    word.add_paragraph("First paragraph of the draft.")
    word.add_paragraph("")
    word.add_paragraph("Second paragraph, after an empty one.")
    p = tmp_path / "d.docx"
    word.save(p)
    doc = load_document(p)
    assert doc.blocks[0].kind == HEADING and doc.text.startswith("Draft title")
    second = doc.blocks[-1]
    assert doc.text[second.start:second.end] == "Second paragraph, after an empty one."
    assert second.source_index == 3


@pytest.mark.parametrize("name,content,expected", [
    ("missing.txt", None, "no such file"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("corrupt.docx", b"PK\x03\x04 this is not a zip at all", "Word document"),
    ("draft.pdf", b"%PDF-1.4", "not '.pdf'"),
    ("noext", b"hello", "no extension"),
])
def test_bad_input_has_one_clear_sentence(tmp_path, name, content, expected):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_document(p)
    message = str(info.value)
    assert expected in message and "\n" not in message


def test_unknown_extension_is_its_own_error(tmp_path):
    p = tmp_path / "x.rtf"
    p.write_text("hi")
    with pytest.raises(UnsupportedFormat):
        load_document(p)


def test_folder_is_refused(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(InputError, match="folder"):
        load_document(tmp_path / "folder.txt")


def test_zip_that_is_not_word(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    p = tmp_path / "fake.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="Word document"):
        load_document(p)


def test_huge_file_is_refused_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="MB"):
        load_document(p)


def test_empty_file_loads_as_empty(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    doc = load_document(p)
    assert doc.text == "" and doc.blocks == () and doc.sentences == ()


def test_cyrillic_legacy_encoding(tmp_path):
    text = "\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430? \u042d\u0442\u043e \u0442\u0435\u0441\u0442.\n" * 20
    p = tmp_path / "ru.txt"
    p.write_bytes(text.encode("cp1251"))
    assert load_document(p).text == text
