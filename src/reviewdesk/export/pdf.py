"""The review report as a paginated PDF, laid out by Qt's QTextDocument and written by QPdfWriter.

This is the one module outside gui/ that touches PySide6, and only inside write(): importing
reviewdesk.export never loads Qt.
"""
from __future__ import annotations

import threading
from html import escape
from pathlib import Path

from ..core.errors import ExportError
from ..core.summary import Summary
from ..storage.records import FlagRecord
from .chart import chart_legend, grade_chart_svg
from .common import (CLAIM_STATUS_LABELS, GENERATOR, category_label, count_rows,
                     format_date, format_day, places_text, score_rows, status_sections, unchecked_line,
                     suggestions_text)

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial"]
SERIF_FAMILIES = "'DejaVu Serif', 'Noto Serif', Georgia, 'Times New Roman', serif"
CHART_W, CHART_H = 660, 200
INK, MUTED, RULE, ACCENT = "#1f2328", "#5b636d", "#c9ced6", "#24527a"
VERDICT_COLOURS = {"ready": ("#eaf6ee", "#2f7d4f"), "light": ("#fff6e6", "#b26a00"),
                   "revise": ("#fbecea", "#b3372a")}
SEVERITY_COLOURS = {"error": ("#fbecea", "#b3372a"), "warning": ("#fff3dc", "#8a5200"),
                    "suggestion": ("#e8eff7", "#24527a"), "info": ("#f0f1f3", "#5b636d")}
CLAIM_COLOURS = {"verified": ("#eaf6ee", "#2f7d4f"), "disputed": ("#fff3dc", "#8a5200"),
                 "false": ("#fbecea", "#b3372a"), "unchecked": ("#f0f1f3", "#5b636d")}

DPI = 600


def px(points: float) -> str:
    """A vertical margin: Qt's rich text ignores points, and scales CSS pixels (1/96 inch)."""
    return f"{points * 96 / 72:.1f}px"


def hpx(points: float) -> str:
    """A horizontal margin: Qt takes these in device pixels, unscaled, so convert at our DPI."""
    return f"{round(points * DPI / 72)}px"


_CSS = f"""
body {{ color:{INK}; font-size:9.5pt; }}
h1 {{ font-size:20pt; font-weight:bold; margin-top:0; margin-bottom:{px(9)}; }}
h2 {{ font-size:13pt; font-weight:bold; margin-top:{px(18)}; margin-bottom:{px(6)}; }}
h3 {{ font-size:10.5pt; font-weight:bold; color:{ACCENT}; margin-top:{px(14)}; margin-bottom:{px(2)}; }}
p {{ margin-top:0; margin-bottom:{px(3)}; }}
.kicker {{ color:{MUTED}; font-size:8pt; font-weight:bold; margin-bottom:{px(2)}; }}
.muted {{ color:{MUTED}; }}
.small {{ font-size:8pt; color:{MUTED}; }}
.passage {{ font-family:{SERIF_FAMILIES}; font-size:10pt; margin-left:{hpx(12)}; margin-top:{px(2)};
  margin-bottom:{px(3)}; }}
.quoted {{ font-family:{SERIF_FAMILIES}; font-size:10pt; margin-top:{px(6)}; margin-bottom:{px(1)}; }}
.detail {{ margin-left:{hpx(12)}; }}
.note {{ margin-left:{hpx(12)}; margin-top:{px(2)}; background-color:#eef3f8; }}
.where {{ margin-top:{px(9)}; margin-bottom:{px(1)}; }}
.lead {{ margin-bottom:{px(6)}; }}
.footnote {{ font-size:8pt; color:{MUTED}; margin-top:{px(18)}; }}
th {{ color:{MUTED}; font-size:7.5pt; font-weight:bold; text-align:left;
  border-bottom:1px solid {INK}; }}
td {{ border-bottom:1px solid {RULE}; font-size:8.5pt; }}
td.num, th.num {{ text-align:right; }}
td.bare {{ border-bottom:0; }}
tr.total td {{ font-weight:bold; border-bottom:0; }}
"""


def write(summary: Summary, path: Path) -> None:
    _ensure_app()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
    from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter,
                               QPdfWriter, QTextDocument)

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 16, 16, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(DPI)
    writer.setTitle(f"Review summary: {summary.document.title or summary.document.file_name}")
    writer.setCreator(GENERATOR)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)      # lay out in the PDF's units, not the screen's
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(9.5)
    _no_ligatures(font)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(_CSS)
    svg = grade_chart_svg(summary.readability, width=CHART_W, height=CHART_H,
                          font=", ".join(FONT_FAMILIES))
    if svg:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("reviewdesk:chart"),
                        _render_svg(svg, scale=4))
    doc.setHtml(rich_text(summary, chart=bool(svg)))

    dpi = writer.resolution()
    page = writer.pageLayout().paintRectPixels(dpi)
    footer_h = 0.3 * dpi                             # a footer line of about 7.5 mm
    body = QSizeF(page.width(), page.height() - footer_h)
    doc.setPageSize(body)
    pages = doc.pageCount()
    footer_font = QFont(font)
    footer_font.setPointSizeF(7.5)
    title = summary.document.title or summary.document.file_name or "Untitled draft"
    metrics = QFontMetricsF(footer_font, writer)
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"Cannot write the PDF to {path.name}.")
    try:
        for i in range(pages):
            if i:
                writer.newPage()
            painter.save()
            painter.translate(0, -i * body.height())
            # A highlight on the next page's first line reaches a hair above the page break:
            # stop the clip just short of it, or a sliver of it shows at this page's foot.
            doc.drawContents(painter, QRectF(0, i * body.height(), body.width(),
                                             body.height() - dpi / 48))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor(MUTED))
            line_y = body.height() + footer_h * 0.35
            painter.drawLine(0, int(line_y), int(body.width()), int(line_y))
            box = QRectF(0, line_y, body.width(), footer_h * 0.65)
            right = f"Page {i + 1} of {pages}"
            room = body.width() - metrics.horizontalAdvance(right) - dpi / 4
            left = metrics.elidedText(f"Review summary · {title} · {format_date(summary.created_at)}",
                                      Qt.TextElideMode.ElideMiddle, room)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), left)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             right)
    finally:
        painter.end()


def _ensure_app() -> None:
    """QTextDocument needs a QGuiApplication for fonts; make an offscreen one if nobody has."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if threading.current_thread() is not threading.main_thread():
        raise ExportError("The PDF report must be written from the main thread when the window "
                          "is not running.")
    # Offscreen: a command-line export must work with no display at all.
    global _APP
    _APP = QGuiApplication(["reviewdesk", "-platform", "offscreen"])


_APP = None


def _no_ligatures(font) -> None:
    """'fi' drawn as one glyph is extracted and searched as 'ﬁ' in many PDF readers."""
    if hasattr(font, "setFeature"):
        from PySide6.QtGui import QFont
        for tag in ("liga", "clig"):
            font.setFeature(QFont.Tag(tag), 0)


def _render_svg(svg: str, scale: int):
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(CHART_W * scale, CHART_H * scale, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    renderer.render(painter)
    painter.end()
    return image


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _chip(text: str, colours: tuple[str, str]) -> str:
    bg, fg = colours
    return (f'<span style="background-color:{bg}; color:{fg}; font-weight:bold; font-size:7.5pt;">'
            f"&nbsp;{e(text.upper())}&nbsp;</span>")


def rich_text(summary: Summary, *, chart: bool) -> str:
    """The report in the HTML subset QTextDocument understands (tables, spans, no CSS layout)."""
    doc = summary.document
    title = doc.title or doc.file_name or "Untitled draft"
    out = ["<html><body>", '<p class="kicker">REVIEW SUMMARY</p>', f"<h1>{e(title)}</h1>"]
    meta = [("DRAFT", doc.file_name or "(unsaved draft)"), ("WORDS", f"{doc.words:,}"),
            ("REVIEWER", summary.reviewer or "—"), ("DATE", format_date(summary.created_at))]
    # Qt ignores margins on tables and after headings: thin empty paragraphs make the air.
    out.append('<p style="font-size:3pt;">&nbsp;</p>'
               '<table width="100%" cellspacing="0" cellpadding="0"><tr>' + "".join(
        f'<td class="bare"><span class="small">{k}</span><br><b>{e(v)}</b></td>' for k, v in meta)
        + "</tr></table>")
    bg, fg = VERDICT_COLOURS.get(summary.verdict_level, VERDICT_COLOURS["light"])
    out.append('<p style="font-size:5pt;">&nbsp;</p>'
               f'<table width="100%" cellspacing="0" cellpadding="7"><tr>'
               f'<td class="bare" width="6" bgcolor="{fg}"></td><td class="bare" bgcolor="{bg}">'
               f'<span style="color:{fg}; font-size:7.5pt; font-weight:bold;">VERDICT</span><br>'
               f'<span style="font-size:11pt;">{e(summary.verdict)}</span></td></tr></table>')
    out += _lead(summary)
    out += _readability(summary, chart)
    for status, heading in status_sections(summary):
        out += _flags(summary, status, heading)
    out += _claims(summary)
    out += _notes(summary)
    out += _checks(summary)
    out.append(f'<p class="footnote">Written by {e(GENERATOR)} on '
               f"{e(format_date(summary.created_at))}. Draft SHA-256 {e(doc.sha256[:16])}…</p>")
    out.append("</body></html>")
    return "\n".join(out)


def _table(headers: list[str], rows: list[list[str]], *, numeric: set[int] = frozenset(),
           widths: list[str] | None = None, total_row: bool = False) -> str:
    """A table with rules between rows only; `numeric` columns are right-aligned."""
    def attrs(i: int) -> str:
        return (' class="num"' if i in numeric else "") + (f' width="{widths[i]}"' if widths else "")

    head = "".join(f"<th{attrs(i)}>{e(h)}</th>" for i, h in enumerate(headers))
    body = []
    for n, row in enumerate(rows):
        cls = ' class="total"' if total_row and n == len(rows) - 1 else ""
        body.append(f"<tr{cls}>" + "".join(f"<td{attrs(i)}>{c}</td>" for i, c in enumerate(row))
                    + "</tr>")
    return ('<table width="100%" cellspacing="0" cellpadding="3" style="border-collapse:collapse;">'
            f'<thead><tr>{head}</tr></thead>{"".join(body)}</table>')


def _readability(summary: Summary, chart: bool) -> list[str]:
    r = summary.readability
    out = ["<h2>Readability and counts</h2>"]
    if r.measured:
        lead = f"Target grade <b>{r.target_grade:g}</b>." + (f" {e(r.verdict)}" if r.verdict else "")
        out.append(f'<p class="lead">{lead}</p>')
        rows = []
        for row in score_rows(r):
            style = ' style="color:#b3372a; font-weight:bold;"' if row.above else ""
            rows.append([e(row.label), f"<span{style}>{e(row.value)}</span>",
                         f"<span{style}>{e(row.against_target or '')}</span>"])
        scores = _table(["Score", "Value", "Against target"], rows, numeric={1},
                        widths=["50%", "14%", "36%"])
        if summary.line_items:
            red = ' style="color:#b3372a; font-weight:bold;"'
            scores += _table(["Line editing", "Count", "Target"],
                             [[e(i.label), f"<span{red if i.over else ''}>{i.count}</span>",
                               f"{i.target} or fewer"] for i in summary.line_items],
                             numeric={1}, widths=["50%", "14%", "36%"])
    else:
        scores = "<p>Readability was not measured for this review.</p>"
    counts = _table(["Category", "Acc.", "Dism.", "Pend.", "Total"],
                    [[e(label)] + [str(v) for v in values] for label, values in count_rows(summary)],
                    numeric={1, 2, 3, 4}, widths=["40%", "15%", "15%", "15%", "15%"], total_row=True)
    if summary.outdated:
        counts += (f'<p class="small">{summary.outdated} earlier flags refer to passages no longer '
                   "in this draft.</p>")
    counts += ('<p class="small">Acc. accepted, Dism. dismissed, Pend. not yet decided.</p>')
    out.append('<table width="100%" cellspacing="0" cellpadding="0"><tr>'
               f'<td class="bare" width="55%" valign="top">{scores}</td>'
               '<td class="bare" width="5%"></td>'
               f'<td class="bare" width="40%" valign="top">{counts}</td></tr></table>')
    if chart:
        above = sum(1 for p in r.paragraphs if p.grade > r.target_grade)
        legend = " &nbsp; ".join(f'<span style="color:{c};">■</span> {e(label)}'
                                 for c, label in chart_legend())
        out += ['<h3 style="color:#1f2328;">Grade per paragraph</h3>',
                f'<p><img src="reviewdesk:chart" width="{CHART_W}" height="{CHART_H}"></p>',
                f'<p class="small">{above} of {len(r.paragraphs)} paragraphs above the target. '
                f"{legend}</p>"]
    return out


def _flags(summary: Summary, status: str, heading: str) -> list[str]:
    groups = summary.grouped(status)
    total = sum(len(f) for _, f in groups)
    out = [f"<h2>{e(heading)} ({total})</h2>"]
    if not groups:
        return out + ["<p>None.</p>"]
    out.append('<p class="muted">' + " · ".join(
        f"{e(category_label(cat))} {len(fl)}" for cat, fl in groups) + "</p>")
    for category, flags in groups:
        out.append(f"<h3>{e(category_label(category).upper())} ({len(flags)})</h3>")
        out += [_flag(summary, f) for f in flags]
    return out


def _flag(summary: Summary, flag: FlagRecord) -> str:
    """Message first (what is wrong), then the passage (where), then what to do: compact, because
    a long review runs to thousands of these."""
    p = summary.passage(flag.start, flag.end)
    passage = (("…" if p.cut_before else "") + e(p.before) +
               f'<span style="background-color:#ffe08a;">{e(p.text)}</span>' + e(p.after) +
               ("…" if p.cut_after else ""))
    chip = _chip(flag.severity, SEVERITY_COLOURS.get(flag.severity, SEVERITY_COLOURS["info"]))
    parts = [f'<p class="where">{chip} <b>{e(flag.message)}</b> &nbsp;<span class="small">'
             f"line {flag.line}:{flag.column} · {e(flag.rule)}</span></p>",
             f'<p class="passage">{passage}</p>']
    extra = []
    if flag.suggestions:
        extra.append(f'<span class="small">SUGGESTION</span> {e(suggestions_text(flag))}')
    places = places_text(flag, summary)
    if places:
        extra.append(f'<span class="small">{e(places)}</span>')
    if extra:
        parts.append(f'<p class="detail">{" &nbsp; ".join(extra)}</p>')
    if flag.note:
        note = summary.flag_notes.get(flag.id)
        who = f" — {e(note.author)}" if note and note.author else ""
        parts.append(f'<p class="note">&nbsp;<span class="small">REVIEWER NOTE</span> '
                     f"{e(flag.note)}{who}</p>")
    return "".join(parts)


def _claims(summary: Summary) -> list[str]:
    out = ["<h2>Claims to verify</h2>"]
    if not summary.claims:
        return out + ["<p>No claims were listed.</p>"]
    more = unchecked_line(summary)
    if more:
        out.append(f"<p>{e(more)}</p>")
    if not summary.listed_claims:
        return out
    rows = [[f'<b>{e(c.text)}</b><br><span class="small">{e(c.sentence)}</span>', e(c.kind),
             _chip(CLAIM_STATUS_LABELS.get(c.status, c.status),
                   CLAIM_COLOURS.get(c.status, CLAIM_COLOURS["unchecked"])),
             e(c.note) or "—"] for c in summary.listed_claims]
    return out + [_table(["Claim", "Kind", "Status", "Note"], rows,
                         widths=["52%", "12%", "12%", "24%"])]


def _lead(summary: Summary) -> list[str]:
    """Under the verdict, on page 1: the editor's notes on the draft, then what to fix first."""
    out: list[str] = []
    if summary.document_notes:
        out.append("<h2>Notes on the draft</h2>")
        out += [f'<p>{e(n.body)}<br><span class="small">{e(n.author or "reviewer")}, '
                f"{e(format_day(n.created_at))}</span></p>" for n in summary.document_notes]
    if summary.top:
        out.append("<h2>Fix first</h2>")
        for n, flag in enumerate(summary.top, start=1):
            passage = " ".join(summary.text[flag.start:flag.end].split())[:80]
            out.append(f"<p>{n}. <b>{e(flag.message)}</b> “{e(passage)}” "
                       f'<span class="small">line {flag.line}</span></p>')
    return out


def _notes(summary: Summary) -> list[str]:
    out: list[str] = []
    if summary.span_notes:
        out.append("<h2>Notes on passages</h2>")
        for n in summary.span_notes:
            text = summary.text[n.start or 0:n.end or 0] or n.anchor_text
            out.append(f'<p class="quoted">“{e(text)}” <span class="small">line '
                       f"{summary.line_of(n.start or 0)}</span></p>"
                       f'<p>{e(n.body)}<br><span class="small">{e(n.author or "reviewer")}, '
                       f"{e(format_day(n.created_at))}</span></p>")
    return out


def _checks(summary: Summary) -> list[str]:
    if not summary.checks:
        return []
    rows = [[e(c.name or c.id), e(c.engine), e(c.status), str(c.count), f"{c.seconds:.1f}",
             e(c.message) or "—"] for c in summary.checks]
    return ["<h2>Checks run</h2>",
            _table(["Check", "Engine", "Status", "Flags", "Seconds", "Message"], rows,
                   numeric={3, 4}, widths=["16%", "18%", "12%", "8%", "9%", "37%"])]
