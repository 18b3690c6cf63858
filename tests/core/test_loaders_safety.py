"""Bad drafts end fast with one line naming the limit; odd bytes and invisible characters are read
with a notice, never silently; see tests/benchmarks/make_bad_drafts.py for the whole corpus."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from reviewdesk.core.errors import InputError
from reviewdesk.core.limits import LimitExceeded
from reviewdesk.core.loaders import load_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import make_bad_drafts as bad  # noqa: E402


def _load(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    return load_document(p)


def test_a_zip_bomb_by_size_is_refused_naming_the_limit(tmp_path):
    started = time.perf_counter()
    with pytest.raises(LimitExceeded) as info:
        _load(tmp_path, "b.docx", bad._docx(stream=bad._paragraphs(3_000_000)))
    message = str(info.value)
    assert "unpacks to" in message and "REVIEWDESK_MAX_UNPACKED_MB" in message and "\n" not in message
    assert time.perf_counter() - started < 10


def test_a_zip_bomb_by_ratio_is_refused_naming_the_limit(tmp_path):
    with pytest.raises(LimitExceeded, match="REVIEWDESK_MAX_ZIP_RATIO"):
        _load(tmp_path, "r.docx", bad._docx(stream=bad._tiny_paragraphs(400_000)))


def test_the_element_budget_can_be_raised_by_its_variable(tmp_path, monkeypatch):
    data = bad._docx(stream=bad._varied_paragraphs(20_000))
    monkeypatch.setenv("REVIEWDESK_MAX_ELEMENTS", "10000")
    with pytest.raises(LimitExceeded, match="REVIEWDESK_MAX_ELEMENTS"):
        _load(tmp_path, "e.docx", data)
    monkeypatch.setenv("REVIEWDESK_MAX_ELEMENTS", "1000000")
    assert len(_load(tmp_path, "e.docx", data).blocks) == 20_000


def test_text_after_an_entity_is_kept_and_the_entity_dropped_with_a_notice(tmp_path):
    doc = _load(tmp_path, "x.docx", bad._entity_docx(
        '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        "<w:p><w:r><w:t>Before &secret; and after it.</w:t></w:r></w:p><w:p><w:r><w:t>Next one."
        "</w:t></w:r></w:p>"))
    assert doc.text == "Before and after it.\n\nNext one."
    assert "root:" not in doc.text
    assert any("entity" in n for n in doc.notices)


def test_billion_laughs_is_one_line_and_fast(tmp_path):
    started = time.perf_counter()
    with pytest.raises(InputError) as info:
        _load(tmp_path, "l.docx", bad._entity_docx(bad.LAUGHS, "<w:p><w:r><w:t>Ha &lol9;</w:t></w:r></w:p>"))
    assert "\n" not in str(info.value) and time.perf_counter() - started < 10


def test_mostly_utf8_with_a_bad_byte_is_not_mojibake(tmp_path):
    data = "Caf\u00e9 owners say trade is down. ".encode() * 50 + b"\x92 stray.\n"
    doc = _load(tmp_path, "u.txt", data)
    assert doc.text.startswith("Caf\u00e9 owners") and "\ufffd stray" in doc.text
    [notice] = doc.notices
    assert "0x92" in notice and "line 1" in notice and "UTF-8" in notice


def test_a_legacy_file_names_the_encoding_chosen(tmp_path):
    doc = _load(tmp_path, "w.txt", "The caf\u00e9\u2019s owner said \u201cno\u201d.\n".encode("cp1252") * 20)
    assert doc.text.startswith("The caf\u00e9\u2019s owner")
    assert "Windows-1252" in doc.notices[0] and "0xE9" in doc.notices[0]


def test_clean_utf8_has_no_notice(tmp_path):
    assert _load(tmp_path, "c.md", "Caf\u00e9 and na\u00efve.\n".encode()).notices == ()


@pytest.mark.parametrize("name", ["d.md", "d.html"])
def test_invisible_characters_never_split_a_word(tmp_path, name):
    raw = "Inter\u00adnational aid\u200b workers re\u2060turned\u00a0home."
    data = (raw if name.endswith(".md") else f"<p>{raw}</p>").encode()
    doc = _load(tmp_path, name, data)
    assert doc.text == "International aid workers returned\u00a0home."
    assert [doc.text[w.start:w.end] for w in doc.words()] == ["International", "aid", "workers",
                                                               "returned", "home"]


def test_a_ten_megabyte_line_reads_in_linear_time(tmp_path):
    started = time.perf_counter()
    doc = _load(tmp_path, "long.md", b"# One line\n\n" + b"word " * 2_000_000)
    assert len(doc.text) > 9_000_000 and time.perf_counter() - started < 10


def test_a_line_full_of_markdown_marks_is_read_as_plain_text(tmp_path):
    started = time.perf_counter()
    doc = _load(tmp_path, "stars.md", b"*a " * 300_000)
    assert doc.text.startswith("*a *a") and time.perf_counter() - started < 10
    assert any("read as plain text" in n for n in doc.notices)


def test_one_hundred_thousand_nested_elements(tmp_path):
    doc = _load(tmp_path, "n.html", b"<body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000)
    assert doc.text == "deep text"


def test_nul_bytes_are_refused_in_one_line(tmp_path):
    with pytest.raises(InputError, match="binary"):
        _load(tmp_path, "n.md", b"# Title\n\n" + b"Plain words. " * 1000 + b"\x00" * 10)
