"""Shared helpers of the CLI tests: run `reviewdesk` in-process, and the sample draft in four formats."""
from __future__ import annotations

import contextlib
import html
import io
import json
from pathlib import Path
from typing import Any

from reviewdesk.cli.main import main
from reviewdesk.core.loaders import load_document

SEED = Path(__file__).resolve().parents[2] / "seeds" / "bakhmut-draft.txt"
FAST = "--checks=readability,repetition"
FAST_CLAIMS = "--checks=readability,repetition,claims"
FORMATS = ("txt", "md", "html", "docx")


def cli(*argv: Any) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one `reviewdesk` run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def check_json(path: Any, db: str, *extra: Any) -> dict:
    code, out, err = cli("check", path, "--format", "json", "--db", db, *extra)
    assert code in (0, 1), err
    return json.loads(out)


def write_formats(folder: Path, source: Path = SEED) -> dict[str, Path]:
    """The draft as .txt, .md, .html and .docx, block by block, headings as headings."""
    import docx

    doc = load_document(source)
    md, page = [], ["<html><head><title>Sample draft</title></head><body>"]
    word = docx.Document()
    for block in doc.blocks:
        text = doc.text[block.start:block.end]
        if block.is_heading:
            md.append("#" * block.level + " " + text)
            page.append(f"<h{block.level}>{html.escape(text)}</h{block.level}>")
            word.add_heading(text, level=block.level)
        else:
            md.append(text.replace("*", "\\*").replace("_", "\\_"))
            page.append(f"<p>{html.escape(text)}</p>")
            word.add_paragraph(text)
    page.append("</body></html>")
    paths = {fmt: folder / f"draft.{fmt}" for fmt in FORMATS}
    paths["txt"].write_text(doc.text, encoding="utf-8")
    paths["md"].write_text("\n\n".join(md) + "\n", encoding="utf-8")
    paths["html"].write_text("\n".join(page), encoding="utf-8")
    word.save(str(paths["docx"]))
    return paths
