"""Reads a .docx draft, streaming its XML within limits: body paragraphs, tables cell by cell, lists
with their numbers, text boxes, footnotes and endnotes; headers, footers and comments are not read.

Every paragraph is addressed by (part, index among the part's w:p elements in document order),
which is how export/docx.py finds it again in the original to comment on it. Text is read from
the runs RUN_PATHS names, the same the export splits, so offsets map back run by run.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

from .document import CAPTION, FOOTNOTE, HEADING, LIST_ITEM, PARAGRAPH, QUOTE_BLOCK, TABLE_CELL, TEXT_BOX
from .layout import BULLET, Part
from .limits import (MAX_MEMBER_MB, MAX_RATIO, DamagedDraft, LimitExceeded, TooManyElements,
                     max_member_bytes, max_nodes, max_ratio)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Runs whose text is the paragraph's: direct, in links, tracked insertions, smart tags, content
# controls and simple fields (w:del holds w:delText, which is not read).
RUN_PATHS = ("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:sdt/w:sdtContent/w:r"
             " | ./w:fldSimple/w:r | ./w:customXml/w:r | ./w:hyperlink/w:ins/w:r")
_RUN_PARENTS = {W + t for t in ("p", "hyperlink", "ins", "smartTag", "sdtContent", "fldSimple", "customXml")}
_NUMBER_FORMATS = {"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet",
                   "decimalZero"}


@dataclass
class _Para:
    index: int
    text: list[str] = field(default_factory=list)
    style: str = ""
    num: tuple[str, int] | None = None        # (numId, ilvl) from the paragraph's own w:numPr
    in_box: bool = False
    cell: tuple[int, int, int, bool] | None = None
    boxes: list[Part] = field(default_factory=list)


class _Reader:
    def __init__(self, z: zipfile.ZipFile, name: str) -> None:
        self.z, self.name = z, name
        self.entities = 0
        self.nodes = 0

    def open(self, member: str):
        info = self.z.getinfo(member)
        limit = max_member_bytes()
        if info.file_size > limit:
            raise LimitExceeded(f"{member} unpacks to {info.file_size / 1048576:.0f} MB",
                                f"{limit // 1048576} MB", MAX_MEMBER_MB, self.name)
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 1024 * 1024 and ratio > max_ratio():
            raise LimitExceeded(f"{member} unpacks {ratio:.0f} times its packed size (a zip bomb?)",
                                f"{max_ratio()} times", MAX_RATIO, self.name)
        return self.z.open(info)

    def events(self, member: str, tags: tuple[str, ...] | None = None):
        from lxml import etree

        with self.open(member) as fh:
            # No entity is expanded and nothing is fetched: an entity reference stays a node,
            # dropped below with its tail text kept.
            parser = etree.iterparse(fh, events=("start", "end"), resolve_entities=False,
                                     no_network=True, load_dtd=False, huge_tree=False,
                                     remove_comments=True, remove_pis=True)
            budget = max_nodes()
            try:
                for event, el in parser:
                    if event == "start":
                        self.nodes += 1
                        if self.nodes > budget:
                            raise TooManyElements(budget, self.name)
                    yield event, el
            except etree.XMLSyntaxError as exc:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                if "amplification" in reason or "entity" in reason.lower():
                    raise DamagedDraft(f"{self.name}: {member} defines XML entities that expand "
                                       f"without end (a \"billion laughs\" file); not opened.") from None
                raise DamagedDraft(f"{self.name} is a damaged Word document ({member}: "
                                   f"{reason[:80]}).") from None

    def small(self, member: str):
        """A small part (styles, numbering, relationships) as a tree, within the same limits."""
        from lxml import etree

        if member not in self.z.namelist():
            return None
        with self.open(member) as fh:
            data = fh.read(max_member_bytes() + 1)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            return None


def _attr(el, name: str) -> str:
    return el.get(W + name) or "" if el is not None else ""


def _styles(root) -> dict[str, tuple[str, tuple[str, int] | None]]:
    """styleId -> (style name, its numbering), following basedOn one step for the numbering."""
    out: dict[str, tuple[str, tuple[str, int] | None, str]] = {}
    if root is None:
        return {}
    for st in root.iter(W + "style"):
        sid = _attr(st, "styleId")
        name = _attr(st.find(W + "name"), "val") or sid
        num = st.find(f"{W}pPr/{W}numPr")
        numbering = None
        if num is not None and num.find(W + "numId") is not None:
            ilvl = _attr(num.find(W + "ilvl"), "val")
            numbering = (_attr(num.find(W + "numId"), "val"), int(ilvl) if ilvl.isdigit() else 0)
        out[sid] = (name, numbering, _attr(st.find(W + "basedOn"), "val"))
    return {sid: (name, num or (out.get(base, ("", None, ""))[1])) for sid, (name, num, base) in out.items()}


class _Numbering:
    """Word's list numbers: numId -> abstract levels (format, text, start), counted as Word does."""

    def __init__(self, root) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counts: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for ab in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in ab.iter(W + "lvl"):
                ilvl = _attr(lvl, "ilvl")
                start = _attr(lvl.find(W + "start"), "val")
                levels[int(ilvl) if ilvl.isdigit() else 0] = (
                    _attr(lvl.find(W + "numFmt"), "val") or "decimal",
                    _attr(lvl.find(W + "lvlText"), "val"), int(start) if start.isdigit() else 1)
            abstract[_attr(ab, "abstractNumId")] = levels
        for num in root.iter(W + "num"):
            self.levels[_attr(num, "numId")] = abstract.get(_attr(num.find(W + "abstractNumId"), "val"), {})

    def marker(self, num_id: str, ilvl: int) -> str | None:
        levels = self.levels.get(num_id)
        if num_id == "0" or levels is None:
            return None                          # numId 0 switches numbering off
        counts = self.counts.setdefault(num_id, [0] * 10)
        ilvl = max(0, min(ilvl, 9))
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            counts[deeper] = 0
        fmt, text, _start = levels.get(ilvl, ("bullet", "", 1))
        if fmt == "bullet" or fmt not in _NUMBER_FORMATS:
            return BULLET
        def number(k: int) -> str:
            f, _t, start = levels.get(k, ("decimal", "", 1))
            return _format(f, start + max(counts[k], 1) - 1)
        label = re.sub(r"%(\d)", lambda m: number(int(m.group(1)) - 1), text or f"%{ilvl + 1}.")
        return label.strip() or BULLET


def _format(fmt: str, n: int) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(97 + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        vals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        s = ""
        for v, r in vals:
            while n >= v:
                s, n = s + r, n - v
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _kind(style_name: str) -> tuple[str, int]:
    if style_name == "Title":
        return HEADING, 1
    if style_name.startswith(("Heading", "heading")):
        digits = re.findall(r"\d+", style_name)
        return HEADING, (int(digits[0]) + 1 if digits else 2)
    if style_name.startswith("List"):
        return LIST_ITEM, 0
    if style_name in ("Quote", "Intense Quote"):
        return QUOTE_BLOCK, 0
    if style_name in ("Caption", "caption"):
        return CAPTION, 0
    return PARAGRAPH, 0


def read_docx(z: zipfile.ZipFile, name: str) -> tuple[list[Part], str, list[str]]:
    """(parts, title, notices) of a Word package already opened as a zip."""
    reader = _Reader(z, name)
    names = set(z.namelist())
    main = "word/document.xml"
    if main not in names:
        raise DamagedDraft(f"{name} is not a readable Word document (no word/document.xml).")
    styles = _styles(reader.small("word/styles.xml"))
    numbering = _Numbering(reader.small("word/numbering.xml"))
    parts = _read_part(reader, main, "", styles, numbering)
    for member, part_name, tag in (("word/footnotes.xml", "footnotes", "footnote"),
                                   ("word/endnotes.xml", "endnotes", "endnote")):
        if member in names:
            parts += _read_part(reader, member, part_name, styles, numbering, note_tag=W + tag)
    notices = []
    if reader.entities:
        notices.append(f"{reader.entities} XML entity reference{'s' if reader.entities != 1 else ''} "
                       f"in the Word file dropped (never expanded); the text around "
                       f"{'them' if reader.entities != 1 else 'it'} is kept.")
    comments = reader.small("word/comments.xml") if "word/comments.xml" in names else None
    if comments is not None:
        n = sum(1 for _ in comments.iter(W + "comment"))
        if n:
            notices.append(f"{n} comment{'s' if n != 1 else ''} already in the Word file "
                           f"{'are' if n != 1 else 'is'} kept in the export but not checked.")
    title = ""
    core = reader.small("docProps/core.xml") if "docProps/core.xml" in names else None
    if core is not None:
        t = core.find("{http://purl.org/dc/elements/1.1/}title")
        title = (t.text or "").strip() if t is not None else ""
    return parts, title, notices


def _read_part(reader: _Reader, member: str, part_name: str, styles, numbering: _Numbering,
               note_tag: str | None = None) -> list[Part]:
    out: list[Part] = []
    paras: list[_Para] = []        # open paragraphs: a text box's sit inside their anchor's
    tables: list[list[int]] = []   # open tables: [table index, row, col, header row]
    table_count = 0
    index = 0                      # w:p elements of the part in document order
    fallback = 0                   # inside mc:Fallback: a copy of what mc:Choice already holds
    boxes = 0
    skip_note = 0
    for event, el in reader.events(member):
        tag = el.tag
        if event == "start":
            if tag == MC_FALLBACK:
                fallback += 1
            elif fallback:
                continue
            elif tag == W + "p":
                cell = None
                if tables and tables[-1][2] >= 0:
                    t = tables[-1]
                    cell = (t[0], t[1], t[2], bool(t[3]))
                paras.append(_Para(index, in_box=boxes > 0, cell=cell))
                index += 1
            elif tag == W + "txbxContent":
                boxes += 1
            elif tag == W + "tbl":
                tables.append([table_count, -1, -1, 0, 0])
                table_count += 1
            elif tag == W + "tr" and tables:
                tables[-1][1] += 1
                tables[-1][2] = -1
                # Row 0 is the header when the table's look says so (Word's default), or a row
                # is marked to repeat as a header on each page.
                tables[-1][3] = tables[-1][4] if tables[-1][1] == 0 else 0
            elif tag == W + "tc" and tables:
                tables[-1][2] += 1
            elif note_tag is not None and tag == note_tag and _attr(el, "type") in (
                    "separator", "continuationSeparator", "continuationNotice"):
                skip_note += 1
            continue
        # end events
        if tag == MC_FALLBACK:
            fallback -= 1
            el.clear()
            continue
        if fallback:
            continue
        if tag == W + "t" and paras and el.getparent() is not None and el.getparent().tag == W + "r":
            _collect_run_text(reader, el, paras[-1])
        elif tag == W + "r":
            el.clear(keep_tail=True)         # its text is read: a long paragraph stays small
        elif tag in (W + "tab", W + "ptab", W + "br", W + "cr", W + "noBreakHyphen") and paras:
            parent = el.getparent()
            if parent is not None and parent.tag == W + "r":
                _collect_run_text(reader, el, paras[-1])
        elif tag == W + "pStyle" and paras:
            paras[-1].style = _attr(el, "val")
        elif tag == W + "numPr" and paras:
            num = el.find(W + "numId")
            if num is not None:
                ilvl = _attr(el.find(W + "ilvl"), "val")
                paras[-1].num = (_attr(num, "val"), int(ilvl) if ilvl.isdigit() else 0)
        elif tag == W + "tblHeader" and tables:
            tables[-1][3] = 1
        elif tag == W + "tblLook" and tables:
            tables[-1][4] = int(_attr(el, "firstRow") in ("1", "true", "on")
                                or (int(_attr(el, "val") or "0", 16) & 0x20 if re.fullmatch(
                                    r"[0-9A-Fa-f]{1,4}", _attr(el, "val") or "") else 0))
        elif tag == W + "gridSpan" and tables:
            span = _attr(el, "val")
            if span.isdigit() and 1 < int(span) < 100:
                tables[-1][2] += int(span) - 1
        elif tag == W + "txbxContent":
            boxes -= 1
        elif tag == W + "tbl":
            tables.pop()
        elif note_tag is not None and tag == note_tag and skip_note:
            skip_note -= 1
        elif tag == W + "p" and paras:
            para = paras.pop()
            part = None if skip_note else _part(para, part_name, styles, numbering, note_tag is not None)
            if paras:                           # a text box's paragraph: after its anchor's
                if part is not None:
                    paras[-1].boxes.append(part)
                paras[-1].boxes.extend(para.boxes)
            else:
                if part is not None:
                    out.append(part)
                out.extend(para.boxes)
                # Done with it: free the paragraph and what came before it (streaming).
                el.clear()
                parent = el.getparent()
                if parent is not None:
                    while el.getprevious() is not None:
                        del parent[0]
    return out


def paragraph_runs(p) -> list:
    """The runs of w:p element `p` whose text the loader reads as the paragraph's, in order (the
    export splits these to comment on part of a paragraph)."""
    out = []
    for run in p.iter(W + "r"):
        holder = run.getparent()
        if holder is None or holder.tag not in _RUN_PARENTS:
            continue
        anc = holder
        while anc is not None and anc.tag != W + "p":
            if anc.tag == MC_FALLBACK:
                break
            anc = anc.getparent()
        if anc is p:
            out.append(run)
    return out


def part_paragraphs(root) -> list:
    """Every w:p of a part in document order, without those in mc:Fallback (the addresses the
    loader gives as source_index)."""
    out = []
    for p in root.iter(W + "p"):
        anc = p.getparent()
        while anc is not None and anc.tag != MC_FALLBACK:
            anc = anc.getparent()
        if anc is None:
            out.append(p)
    return out


def _collect_run_text(reader: _Reader, el, para: _Para) -> None:
    # Only runs on RUN_PATHS: the run's parent must be the paragraph or one of the wrappers.
    run = el.getparent()
    holder = run.getparent() if run is not None else None
    if holder is None or holder.tag not in _RUN_PARENTS:
        return
    tag = el.tag
    if tag == W + "t":
        pieces = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):      # an entity reference, never expanded
                reader.entities += 1
            pieces.append(child.tail or "")
        para.text.append("".join(pieces))
    elif tag in (W + "tab", W + "ptab"):
        para.text.append("\t")
    elif tag == W + "br":
        para.text.append("\n" if _attr(el, "type") in ("", "textWrapping") else "")
    elif tag == W + "cr":
        para.text.append("\n")
    elif tag == W + "noBreakHyphen":
        para.text.append("-")


def _part(para: _Para, part_name: str, styles, numbering: _Numbering, note: bool) -> Part | None:
    text = "".join(para.text)
    style_name, style_num = styles.get(para.style, (para.style, None))
    kind, level = _kind(style_name or "")
    num = para.num or (style_num if kind in (LIST_ITEM, PARAGRAPH) else None)
    marker = ""
    if num is not None and kind != HEADING:
        label = numbering.marker(*num)
        if label is not None:
            kind, level, marker = LIST_ITEM, num[1], label
    if kind == LIST_ITEM and not marker:
        marker = BULLET
    if not text.strip():
        return None
    part = Part(kind, level, text, source_index=para.index, marker=marker, source_part=part_name)
    if note:
        part.kind, part.level, part.marker = FOOTNOTE, 0, ""
    elif para.cell is not None:
        part.kind, part.level, part.marker = TABLE_CELL, 0, ""
        part.table, part.row, part.col, header = para.cell
        part.header = header
    elif para.in_box:
        part.kind = TEXT_BOX
    return part
