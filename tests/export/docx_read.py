"""Reads a .docx back for the tests: each comment with its author, initials, date, text and anchor."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import docx
from docx.oxml.ns import qn


@dataclass
class ReadComment:
    id: int
    author: str
    initials: str
    date: datetime | None
    text: str
    anchor: str


def read_comments(path) -> list[ReadComment]:
    word = docx.Document(str(path))
    anchors: dict[str, list[str]] = {}
    open_ids: list[str] = []
    first_para: dict[str, bool] = {}
    for el in word.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            cid = el.get(qn("w:id"))
            open_ids.append(cid)
            anchors[cid] = []
            first_para[cid] = True
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.remove(el.get(qn("w:id")))
        elif el.tag == qn("w:p"):
            for cid in open_ids:
                anchors[cid].append("\n")
        elif el.tag in (qn("w:t"), qn("w:tab")):
            for cid in open_ids:
                anchors[cid].append(el.text or "" if el.tag == qn("w:t") else "\t")
    out = []
    for c in word.comments:
        out.append(ReadComment(c.comment_id, c.author, c.initials, c.timestamp, c.text,
                               "".join(anchors.get(str(c.comment_id), [])).strip("\n")))
    return out
