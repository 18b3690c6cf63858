"""The draft as a Word document in which every accepted flag and every note is a comment on its passage.

A .docx draft is commented on a copy of the original, so its formatting stays; any other draft is
laid out afresh from its blocks. Comments go in through the XML rather than python-docx's
add_comment, which rescans every comment on each call (minutes for thousands of flags).
"""
from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ..core.document import HEADING, LIST_ITEM, QUOTE_BLOCK
from ..core.layout import raw_index
from ..core.loaders_docx import paragraph_runs, part_paragraphs
from ..core.summary import Summary, initials
from .common import anchor_place, category_label, places_text, suggestions_text

_TEXT_TAGS = {qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr", "w:noBreakHyphen", "w:ptab")}
_W_T = qn("w:t")
_W_R = qn("w:r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class _Comment:
    start: int                 # [start, end) in the summary's text
    end: int
    body: str
    author: str
    when: datetime


def write(summary: Summary, path: Path) -> None:
    source = summary.document.path
    original = summary.document.format == "docx" and source and Path(source).is_file()
    word = docx.Document(source) if original else _fresh(summary)
    notes = _note_parts(word) if original else {}
    if original:
        _drop_entities(word.element, *(root for _part, root in notes.values()))
    paragraphs = part_paragraphs(word.element) if original else word.element.body.findall(qn("w:p"))
    by_block = _block_paragraphs(summary, paragraphs, original, notes)
    comments = _comments(summary, lost_formatting=summary.document.format == "docx" and not original)
    first_id = _next_comment_id(word)
    placed: list[tuple[int, _Comment]] = []
    marks: dict[int, list[tuple[int, str, int]]] = {}     # block -> (offset, "start"|"end", id)
    home = min(by_block) if by_block else None            # where a comment with no place goes
    for n, comment in enumerate(comments):
        if home is None:
            break                                         # an empty draft: nothing to anchor on
        cid = first_id + n
        first, last = _anchor_blocks(summary, comment, by_block, home)
        blocks = summary.blocks
        # Offsets inside the blocks; a block stood in for another is commented on as a whole.
        start = (comment.start - blocks[first].start
                 if summary.block_index(comment.start) == first else 0)
        end = (comment.end - blocks[last].start
               if summary.block_index(max(comment.start, comment.end - 1)) == last
               else blocks[last].end - blocks[last].start)
        if first == last:
            end = max(end, start + 1)                     # Word needs at least one character
        marks.setdefault(first, []).append((start, "start", cid))
        marks.setdefault(last, []).append((end, "end", cid))
        placed.append((cid, comment))
    for block, block_marks in marks.items():
        span = summary.blocks[block]
        _mark_paragraph(by_block[block], summary.text[span.start:span.end], block_marks)
    _add_comment_xml(word, placed)
    for part, root in notes.values():
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    props = word.core_properties
    if not original:
        props.title = summary.document.title[:250]
    props.last_modified_by = summary.reviewer or "ReviewDesk"
    word.save(str(path))


def _anchor_blocks(summary: Summary, comment: _Comment, by_block: dict[int, object],
                   home: int) -> tuple[int, int]:
    """The blocks holding the comment's first and last character, or the nearest that exist in
    the Word file (a paragraph the loader read but the file no longer has falls back to home)."""
    first = summary.block_index(comment.start)
    last = summary.block_index(max(comment.start, comment.end - 1))
    first = first if first in by_block else None
    last = last if last in by_block else None
    if first is None and last is None:
        return home, home
    return (first if first is not None else last), (last if last is not None else first)


def _fresh(summary: Summary) -> "docx.document.Document":
    word = docx.Document()
    text = summary.text
    for i, block in enumerate(summary.blocks):
        chunk = _XML_ILLEGAL.sub(" ", text[block.start:block.end])   # same length: offsets hold
        if block.kind == HEADING:
            style = "Title" if block.level <= 1 and i == 0 else f"Heading {min(max(block.level - 1, 1), 9)}"
        else:
            style = {LIST_ITEM: "List Bullet", QUOTE_BLOCK: "Quote"}.get(block.kind)
        word.add_paragraph(chunk, style)
    return word


def _block_paragraphs(summary: Summary, paragraphs: list, original: bool,
                      notes: dict[str, tuple] | None = None) -> dict[int, object]:
    """Block index -> its w:p: by (source_part, source_index) in an original .docx (a table
    cell's, a text box's and a footnote's paragraph included), one for one otherwise."""
    if not original:
        return dict(enumerate(paragraphs))
    by_part = {"": paragraphs}
    for name, (_part, root) in (notes or {}).items():
        by_part[name] = part_paragraphs(root)
    out = {}
    for i, block in enumerate(summary.blocks):
        found = by_part.get(getattr(block, "source_part", "") or "")
        if found is not None and block.source_index is not None and 0 <= block.source_index < len(found):
            out[i] = found[block.source_index]
    return out


def _note_parts(word) -> dict[str, tuple]:
    """The footnotes and endnotes parts, parsed (python-docx keeps them as bytes): name -> (part, root)."""
    out = {}
    for name, reltype in (("footnotes", RT.FOOTNOTES), ("endnotes", RT.ENDNOTES)):
        try:
            part = word.part.part_related_by(reltype)
        except KeyError:
            continue
        try:
            # python-docx's own parser (entities not expanded), so runs read as text the same way.
            out[name] = (part, parse_xml(part.blob))
        except etree.XMLSyntaxError:
            continue
    return out


def _drop_entities(*roots) -> None:
    """An entity reference (never expanded by the loader) goes; the text after it stays, as the
    loader read it. Saved without its DOCTYPE, a kept reference would make the copy unreadable."""
    for root in roots:
        for ent in [e for e in root.iter() if e.tag is etree.Entity]:
            parent = ent.getparent()
            tail = ent.tail or ""
            prev = ent.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(ent)


def _comments(summary: Summary, *, lost_formatting: bool) -> list[_Comment]:
    """Every comment to write, in document order of its anchor."""
    default_author = summary.reviewer or "ReviewDesk"
    first = summary.blocks[0] if summary.blocks else None
    out: list[_Comment] = []
    if first is not None:
        head = f"ReviewDesk summary. {summary.verdict}"
        if lost_formatting:
            head += (" The original Word file was not found, so this copy is rebuilt from the "
                     "reviewed text without its formatting.")
        out.append(_Comment(first.start, first.end, head, default_author, summary.created_at))
        for note in summary.document_notes:
            out.append(_Comment(first.start, first.end, f"Note on the draft: {note.body}",
                                note.author or default_author, note.updated_at or note.created_at))
    for flag in summary.flags:
        places = flag.occurrences or ((flag.start, flag.end),)
        body = _flag_text(summary, flag)
        author = flag.decided_by or default_author
        when = flag.decided_at or summary.created_at
        # One comment per finding, so the writer resolves it once; the other places are named.
        start, end = anchor_place(flag, summary)
        where = places_text(flag, summary)
        text = f"{body}\n{where}." if where else body
        out.append(_Comment(start, end, text, author, when))
    for claim in summary.claims:
        if claim.status != "unchecked" or claim.note:
            body = f"[Claim · {claim.status}] {claim.text}" + (f"\nSource note: {claim.note}"
                                                                if claim.note else "")
            out.append(_Comment(claim.start, claim.end, body, default_author, summary.created_at))
    for note in summary.span_notes:
        out.append(_Comment(note.start or 0, note.end or 0, note.body, note.author or default_author,
                            note.updated_at or note.created_at))
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _flag_text(summary: Summary, flag) -> str:
    lines = [f"[{category_label(flag.category)} · {flag.severity}] {flag.message}"]
    if flag.status != "accepted":
        lines[0] = f"({flag.status}) " + lines[0]
    if flag.suggestions:
        lines.append(f"Suggestion: {suggestions_text(flag)}")
    if flag.note:
        lines.append(f"Note: {flag.note}")
    return "\n".join(lines)


# -- anchoring: split runs at the marks, then put the range markers between them -----------------

def _text_runs(para) -> list:
    """The runs whose text our loader reads as the paragraph's text (loaders_docx.paragraph_runs)."""
    return paragraph_runs(para)


def _run_length(run) -> int:
    return sum(len(str(child)) for child in run if child.tag in _TEXT_TAGS)


def _loader_map(raw: str) -> tuple[str, Sequence[int]]:
    """The loader's clean-up of a paragraph's text (core/layout.clean), with the raw index of
    every character kept, so offsets in the reviewed text map back to the runs."""
    return raw_index(raw)


def _mark_paragraph(para, block_text: str, marks: list[tuple[int, str, int]]) -> None:
    runs = _text_runs(para)
    raw = "".join("".join(str(c) for c in r if c.tag in _TEXT_TAGS) for r in runs)
    norm, index = _loader_map(raw)
    exact = norm == block_text and bool(index)

    def to_raw(offset: int, kind: str) -> int:
        if not exact:
            # The file changed since it was reviewed: comment on the whole paragraph instead.
            return 0 if kind == "start" else len(raw)
        if kind == "start":
            return index[offset] if offset < len(index) else index[-1] + 1
        return index[min(offset, len(index)) - 1] + 1 if offset > 0 else index[0]

    cuts = sorted({to_raw(off, kind) for off, kind, _ in marks} - {0, len(raw)})
    runs = _split_runs(runs, cuts)
    starts: dict[int, object] = {}
    ends: dict[int, object] = {}
    pos = 0
    for run in runs:
        length = _run_length(run)
        if length:
            starts.setdefault(pos, run)
            ends[pos + length] = run
        pos += length
    for offset, kind, cid in marks:
        at = to_raw(offset, kind)
        if kind == "start":
            run = starts[at] if at in starts else _run_at(starts, at)
            marker = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(cid)})
            if run is not None:
                run.addprevious(marker)
            else:
                para.append(marker)
        else:
            run = ends[at] if at in ends else _run_before(ends, at)
            end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(cid)})
            ref = OxmlElement("w:r")
            ref.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(cid)}))
            if run is not None:
                run.addnext(ref)
                run.addnext(end)
            else:
                para.append(end)
                para.append(ref)


def _run_at(starts: dict[int, object], at: int):
    keys = [k for k in starts if k >= at]
    return starts[min(keys)] if keys else None


def _run_before(ends: dict[int, object], at: int):
    keys = [k for k in ends if k <= at]
    return ends[max(keys)] if keys else None


def _split_runs(runs: list, cuts: list[int]) -> list:
    """Split the runs so that every cut falls between two runs; formatting is copied to each part."""
    out = []
    pos = 0
    k = 0
    for run in runs:
        length = _run_length(run)
        inner = []
        while k < len(cuts) and cuts[k] < pos + length:
            if cuts[k] > pos:
                inner.append(cuts[k] - pos)
            k += 1
        out.extend(_split_run(run, inner) if inner else [run])
        pos += length
    return out


def _split_run(run, cuts: list[int]) -> list:
    rpr = run.find(qn("w:rPr"))
    content = [c for c in run if c is not rpr]
    pieces: list[list] = [[] for _ in range(len(cuts) + 1)]
    pos = k = 0
    for child in content:
        n = len(str(child)) if child.tag in _TEXT_TAGS else 0
        while k < len(cuts) and cuts[k] <= pos:
            k += 1
        if child.tag == _W_T and n:
            text, done = child.text or "", 0
            while k < len(cuts) and cuts[k] < pos + n:
                pieces[k].append(_t(text[done:cuts[k] - pos]))
                done = cuts[k] - pos
                k += 1
            pieces[k].append(_t(text[done:]) if done else child)
        else:
            pieces[k].append(child)
        pos += n
    parts = [run]
    for child in content:
        run.remove(child)
    run.extend(pieces[0])
    previous = run
    for piece in pieces[1:]:
        part = OxmlElement("w:r")
        for key, value in run.attrib.items():
            part.set(key, value)
        if rpr is not None:
            part.append(deepcopy(rpr))
        part.extend(piece)
        previous.addnext(part)
        parts.append(part)
        previous = part
    return parts


def _t(text: str):
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    return t


# -- the comments part ---------------------------------------------------------------------------

def _comments_element(word):
    _ = word.comments       # python-docx creates the comments part when the draft has none
    return word.part.part_related_by(RT.COMMENTS).element


def _next_comment_id(word) -> int:
    ids = [int(x) for x in _comments_element(word).xpath("./w:comment/@w:id")]
    return max(ids, default=-1) + 1


def _add_comment_xml(word, placed: list[tuple[int, _Comment]]) -> None:
    chunks = []
    for cid, c in placed:
        author = c.author or "ReviewDesk"
        when = c.when if c.when.tzinfo else c.when.replace(tzinfo=timezone.utc)
        stamp = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        paras = []
        for i, line in enumerate(_XML_ILLEGAL.sub(" ", c.body).split("\n")):
            ref = "<w:r><w:annotationRef/></w:r>" if i == 0 else ""
            paras.append(f'<w:p>{ref}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
        chunks.append(f"<w:comment w:id=\"{cid}\" w:author={quoteattr(_XML_ILLEGAL.sub(' ', author))} "
                      f"w:date=\"{stamp}\" w:initials={quoteattr(initials(author))}>"
                      f"{''.join(paras)}</w:comment>")
    if not chunks:
        return
    parsed = parse_xml(f"<w:comments {nsdecls('w')}>{''.join(chunks)}</w:comments>")
    _comments_element(word).extend(list(parsed))
