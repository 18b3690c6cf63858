"""Writes council.docx, the council story of council.md as Word would save it: headings, a numbered
list, a "Who pays" table, a footnote and a text box (in mc:AlternateContent, with the VML copy in
mc:Fallback that a reader must not read twice). Run: python tests/data/drafts/make_drafts.py
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
BOX_TEXT = "Key dates: work starts on 6 March and the path reopens in October."
NOTE_TEXT = "The letter, dated 12 January, is published on the council's website."

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BOX_RUN = f"""<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2400000" cy="600000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/><wp:cNvGraphicFramePr/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2400000" cy="600000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>{BOX_TEXT}</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:189pt;height:47pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>{BOX_TEXT}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
_NOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {_W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {NOTE_TEXT}</w:t></w:r></w:p></w:footnote></w:footnotes>"""


def council_docx() -> bytes:
    word = docx.Document()
    word.core_properties.title = "Harbourside council approves \u00a34.2m seafront repair"
    word.add_heading("Harbourside council approves \u00a34.2m seafront repair", level=1)
    word.add_paragraph("Harbourside District Council has approved a \u00a34.2m plan to repair the seafront "
                       "wall, which was damaged in the storms of last winter.")
    word.add_paragraph("Councillors voted 31 to 9 in favour on Tuesday evening after a three-hour debate "
                       "at the town hall.")
    p = word.add_paragraph()
    p.add_run('"We cannot leave the wall as it is for another winter," said council leader ')
    p.add_run("Martin Okafor").bold = True
    p.add_run('. "Every month we wait, the repair gets dearer."')
    word.add_heading("The work in three phases", level=2)
    for item in ("Shoring up the worst-hit section near the lifeboat station, from March.",
                 "Rebuilding the promenade steps and railings over the summer.",
                 "Resurfacing the coastal path before the October half-term."):
        word.add_paragraph(item, style="List Number")
    word.add_heading("Who pays", level=2)
    rows = [("Payer", "Amount", "Share"), ("Council reserves", "\u00a31.9m", "45%"),
            ("Environment Agency grant", "\u00a31.7m", "40%"), ("County council", "\u00a30.6m", "15%")]
    table = word.add_table(rows=len(rows), cols=3)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    word.add_paragraph("The Environment Agency grant was confirmed in a letter to the council last month.")
    word.add_paragraph("Opposition councillor Helen Marsh said residents had not been consulted on the "
                       "closure of the path during the works.")
    buf = io.BytesIO()
    word.save(buf)
    return _add_box_and_note(buf.getvalue())


def _add_box_and_note(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = body.decode("utf-8")
                xml = xml.replace("council last month.</w:t></w:r>",
                                  "council last month.</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/>"
                                  "</w:rPr><w:footnoteReference w:id=\"1\"/></w:r>", 1)
                # The text box is anchored on the paragraph about the vote.
                xml = re.sub(r"(at the town hall\.</w:t></w:r>)", r"\1" + _BOX_RUN, xml, count=1)
                body = xml.encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                body = body.replace(b"</Relationships>", b'<Relationship Id="rIdNotes1" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                                    b'Target="footnotes.xml"/></Relationships>')
            elif info.filename == "[Content_Types].xml":
                body = body.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.wordprocessingml.'
                                    b'footnotes+xml"/></Types>')
            z.writestr(info, body)
        z.writestr("word/footnotes.xml", _NOTES.encode("utf-8"))
    return out.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "council.docx"
    target.write_bytes(council_docx())
    print(target)
