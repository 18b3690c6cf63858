"""Writes the bad-draft corpus: zip bombs by size and by ratio, XML entities (a file:// entity and
billion laughs), invalid encodings, a 10 MB line, NUL bytes and 100k nested HTML elements.

    python tests/benchmarks/make_bad_drafts.py /tmp/bad-drafts
Every file is generated here (nothing downloaded); bench_loaders.py opens each one with the CLI.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
          'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
          'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _docx(document_xml: bytes | None = None, *, stream=None, level: int = 9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        if stream is not None:
            with z.open("word/document.xml", "w", force_zip64=True) as fh:
                for chunk in stream:
                    fh.write(chunk)
        else:
            z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def _paragraphs(n: int, text: str = "The council met again and the vote was close.") -> object:
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode()
    para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    yield head
    block = para * 1000
    for _ in range(n // 1000):
        yield block
    yield b"</w:body></w:document>"


def _tiny_paragraphs(n: int):
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode()
    block = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 1000
    for _ in range(n // 1000):
        yield block
    yield b"</w:body></w:document>"


def _varied_paragraphs(n: int):
    # Words that do not repeat in step, so the XML packs like real text (about 10:1).
    import random
    rng = random.Random(16)
    words = [w.encode() for w in "council vote budget road school harbour wall grant path".split()]
    yield f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>'.encode()
    for _ in range(n // 1000):
        yield b"".join(b"<w:p><w:r><w:t>" + rng.choice(words) + b"%d" % rng.randrange(10**6)
                       + b"</w:t></w:r></w:p>" for _ in range(1000))
    yield b"</w:body></w:document>"


def _entity_docx(doctype: str, body: str) -> bytes:
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document {_W}><w:body>'
           f"{body}</w:body></w:document>")
    return _docx(xml.encode())


LAUGHS = ("<!DOCTYPE w:document [<!ENTITY lol \"lol\">"
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10)) + "]>")


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {
        # 1.1 GB of ordinary paragraphs in a few MB: the size limit on what is unpacked.
        "bomb-size.docx": _docx(stream=_paragraphs(19_000_000)),
        # A 60 MB document.xml of one-letter paragraphs packed ~300:1: the ratio limit.
        "bomb-ratio.docx": _docx(stream=_tiny_paragraphs(1_800_000)),
        # Under both limits, but millions of elements: the element budget.
        "many-elements.docx": _docx(stream=_varied_paragraphs(1_000_000)),
        "entity-file.docx": _entity_docx(
            '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
            "<w:p><w:r><w:t>Before the entity &secret; and the text after it stays.</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>A second paragraph after the entity.</w:t></w:r></w:p>"),
        "billion-laughs.docx": _entity_docx(LAUGHS, "<w:p><w:r><w:t>Laugh &lol9; here, and go on.</w:t>"
                                                    "</w:r></w:p>"),
        "billion-laughs.html": (LAUGHS.replace("w:document", "html") + "<html><body><p>Laugh &lol9; "
                                "here.</p></body></html>").encode(),
        "not-a-zip.docx": b"PK\x03\x04" + b"\x00" * 200,
        "truncated.docx": _docx(b"<w:document " + _W.encode() + b"><w:body><w:p><w:r><w:t>cut")[:-30],
        "bad-utf8.txt": ("Caf\u00e9 owners in Harbourside say trade is down. " * 200).encode("utf-8")
        + b"\x92 a stray Windows quote.\n",
        "cp1250-or-cp1252.txt": ("Pr\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd k\u016f\u0148 \u00fap\u011bl "
                                 "\u010f\u00e1belsk\u00e9 \u00f3dy. " * 50).encode("cp1250"),
        "random-bytes.md": bytes((i * 7919 + 13) % 251 for i in range(300_000)),
        "nul-bytes.txt": b"A draft with a NUL\x00 in it.\n" * 100,
        "nul-late.md": b"# Title\n\n" + b"Plain words here. " * 1000 + b"\x00" * 5000,
        "long-line.md": b"# One line\n\n" + (b"word " * 2_000_000) + b"\n",
        "long-line.txt": (b"word " * 2_000_000) + b"\n",
        "long-line.html": b"<p>" + (b"word " * 2_000_000) + b"</p>",
        "nested-100k.html": b"<html><body>" + b"<div>" * 100_000 + b"deep text" + b"</div>" * 100_000
        + b"</body></html>",
        "nested-100k.md": b"> " * 100_000 + b"deep quote\n",
        "brackets.md": b"[" * 200_000 + b"x" + b"](" * 50_000 + b"\n",
        "stars.md": b"*a " * 300_000 + b"\n",
        "huge-file.txt": b"",
    }
    out = []
    for name, data in files.items():
        p = folder / name
        if name == "huge-file.txt":
            with open(p, "wb") as fh:
                fh.truncate(21 * 1024 * 1024)       # sparse: over the 20 MB file limit
        else:
            p.write_bytes(data)
        out.append(p)
    return out


if __name__ == "__main__":
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bad-drafts")
    for p in write_all(folder):
        print(f"{p.stat().st_size:>12,}  {p.name}")
