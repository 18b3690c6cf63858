"""The review report as one self-contained HTML file: inline CSS and SVG, no script, draft text escaped."""
from __future__ import annotations

from html import escape
from pathlib import Path

from ..core.summary import Summary
from ..storage.records import FlagRecord
from .chart import chart_legend, grade_chart_svg
from .common import (CLAIM_STATUS_LABELS, COUNT_HEADERS, GENERATOR, category_label, count_rows,
                     format_date, format_day, places_text, score_rows, status_sections, unchecked_line,
                     suggestions_text)
from .style import REPORT_CSS

# No script may run and nothing may be fetched, whatever a draft smuggles in: the policy is a
# second wall behind the escaping.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def e(text: object) -> str:
    return escape(str(text), quote=True)


def write(summary: Summary, path: Path) -> None:
    path.write_text(render(summary), encoding="utf-8", newline="\n")


def render(summary: Summary) -> str:
    doc = summary.document
    title = doc.title or doc.file_name or "Untitled draft"
    sections = status_sections(summary)
    parts = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="{e(GENERATOR)}">',
        f"<title>Review summary: {e(title)}</title>", f"<style>{REPORT_CSS}</style>", "</head>",
        "<body>", '<main class="report">',
    ]
    parts += _header(summary, title)
    parts += _lead(summary)
    parts += _contents(summary, sections)
    parts += _readability(summary)
    for status, heading in sections:
        parts += _flags(summary, status, heading)
    parts += _claims(summary)
    parts += _notes(summary)
    parts += _checks(summary)
    parts += [f'<footer>Written by {e(GENERATOR)} on {e(format_date(summary.created_at))}. '
              f'Draft SHA-256 <code>{e(doc.sha256[:16])}…</code></footer>',
              "</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _header(summary: Summary, title: str) -> list[str]:
    doc = summary.document
    meta = [("Draft", doc.file_name or "(unsaved draft)"), ("Words", f"{doc.words:,}"),
            ("Reviewer", summary.reviewer or "—"), ("Date", format_date(summary.created_at))]
    items = "".join(f"<div><dt>{e(k)}</dt><dd>{e(v)}</dd></div>" for k, v in meta)
    return ['<header class="masthead">', '<p class="kicker">Review summary</p>',
            f"<h1>{e(title)}</h1>", f'<dl class="meta">{items}</dl>',
            f'<p class="verdict verdict-{e(summary.verdict_level or "light")}">'
            f"<strong>Verdict</strong> {e(summary.verdict)}</p>", "</header>"]


def _contents(summary: Summary, sections: list[tuple[str, str]]) -> list[str]:
    links = [("readability", "Readability and counts")]
    links += [(status, f"{title} ({len(summary.flags_with(status))})") for status, title in sections]
    links += [("claims", f"Claims ({len(summary.claims)})"), ("notes", "Notes on passages")]
    if summary.checks:
        links.append(("checks", "Checks run"))
    inner = " · ".join(f'<a href="#{k}">{e(v)}</a>' for k, v in links)
    return [f'<nav class="contents">{inner}</nav>']


def _readability(summary: Summary) -> list[str]:
    """Readability and counts side by side under the chart: the page an editor looks at first."""
    r = summary.readability
    out = ['<section id="readability">', "<h2>Readability and counts</h2>"]
    if r.measured:
        lead = f"Target grade <strong>{r.target_grade:g}</strong>."
        if r.verdict:
            lead += " " + e(r.verdict)
        out.append(f'<p class="lead">{lead}</p>')
    else:
        out.append('<p class="lead">Readability was not measured for this review.</p>')
    svg = grade_chart_svg(r)
    if svg:
        above = sum(1 for p in r.paragraphs if p.grade > r.target_grade)
        legend = " ".join(f'<span class="key"><span class="swatch" style="background:{c}"></span>'
                          f"{e(label)}</span>" for c, label in chart_legend())
        out += ['<figure class="chart">', svg,
                f"<figcaption>Grade per paragraph: {above} of {len(r.paragraphs)} above the "
                f"target. {legend}</figcaption>", "</figure>"]
    out.append('<div class="twocol">')
    if r.measured:
        rows = []
        for row in score_rows(r):
            cls = ' class="above"' if row.above else ""
            rows.append(f"<tr{cls}><th scope=\"row\">{e(row.label)}</th><td class=\"num\">"
                        f"{e(row.value)}</td><td>{e(row.against_target or '—')}</td></tr>")
        out += ['<table class="scores"><thead><tr><th>Score</th><th class="num">Value</th>'
                "<th>Against target</th></tr></thead><tbody>", *rows, "</tbody></table>"]
    if summary.line_items:
        rows = [('<tr class="above">' if i.over else "<tr>") + f'<th scope="row">{e(i.label)}</th>'
                f'<td class="num">{i.count}</td><td>{i.target} or fewer</td></tr>'
                for i in summary.line_items]
        out += ['<table class="scores"><thead><tr><th>Line editing</th><th class="num">Count</th>'
                "<th>Target</th></tr></thead><tbody>", *rows, "</tbody></table>"]
    out += _counts(summary)
    return out + ["</div>", "</section>"]


def _counts(summary: Summary) -> list[str]:
    head = "".join(f'<th{" class=num" if i else ""}>{e(h)}</th>' for i, h in enumerate(COUNT_HEADERS))
    rows = []
    for label, values in count_rows(summary):
        cls = ' class="total"' if label == "All categories" else ""
        cells = "".join(f'<td class="num">{v}</td>' for v in values)
        rows.append(f'<tr{cls}><th scope="row">{e(label)}</th>{cells}</tr>')
    out = ['<div id="counts">', f'<table class="counts"><thead><tr>{head}</tr></thead><tbody>',
           *rows, "</tbody></table>"]
    if summary.outdated:
        out.append(f'<p class="aside">{summary.outdated} earlier flags refer to passages no longer '
                   f"in this draft and are not listed.</p>")
    return out + ["</div>"]


def _flags(summary: Summary, status: str, heading: str) -> list[str]:
    groups = summary.grouped(status)
    total = sum(len(flags) for _, flags in groups)
    out = [f'<section id="{status}" class="flags flags-{status}">',
           f'<h2>{e(heading)} <span class="count">{total}</span></h2>']
    if not groups:
        return out + ["<p>None.</p>", "</section>"]
    out.append('<p class="jump">' + " · ".join(
        f'<a href="#{status}-{e(cat)}">{e(category_label(cat))} ({len(fl)})</a>'
        for cat, fl in groups) + "</p>")
    for category, flags in groups:
        out.append(f'<h3 id="{status}-{e(category)}">{e(category_label(category))} '
                   f'<span class="count">{len(flags)}</span></h3>')
        out += [_flag(summary, f) for f in flags]
    return out + ["</section>"]


def _flag(summary: Summary, flag: FlagRecord) -> str:
    p = summary.passage(flag.start, flag.end)
    passage = (("…" if p.cut_before else "") + e(p.before) + f"<mark>{e(p.text)}</mark>" +
               e(p.after) + ("…" if p.cut_after else ""))
    # What is wrong first, then where it is, then what to do: the same order in every format.
    bits = [f'<article class="flag sev-{e(flag.severity)}" id="flag-{e(flag.id)}">',
            f'<p class="head"><span class="badge">{e(flag.severity)}</span> '
            f'<span class="message">{e(flag.message)}</span> <span class="where">line '
            f"{flag.line}:{flag.column} · <code>{e(flag.rule)}</code></span></p>",
            f'<blockquote class="passage">{passage}</blockquote>']
    if flag.suggestions:
        bits.append(f'<p class="suggest"><span class="label">Suggestion</span> '
                    f"{e(suggestions_text(flag))}</p>")
    places = places_text(flag, summary)
    if places:
        bits.append(f'<p class="places">{e(places)}</p>')
    if flag.note:
        note = summary.flag_notes.get(flag.id)
        who = f" — {e(note.author)}" if note and note.author else ""
        bits.append(f'<p class="note"><span class="label">Reviewer note</span> {e(flag.note)}{who}</p>')
    bits.append("</article>")
    return "".join(bits)


def _claims(summary: Summary) -> list[str]:
    out = ['<section id="claims">', "<h2>Claims to verify</h2>"]
    if not summary.claims:
        return out + ["<p>No claims were listed.</p>", "</section>"]
    more = unchecked_line(summary)
    if not summary.listed_claims:
        return out + [f"<p>{e(more)}</p>", "</section>"]
    out.append('<table class="claims"><thead><tr><th>Claim</th><th>Kind</th><th>Status</th>'
               "<th>Note</th></tr></thead><tbody>")
    if more:
        out.insert(2, f"<p>{e(more)}</p>")
    for c in summary.listed_claims:
        label = CLAIM_STATUS_LABELS.get(c.status, c.status)
        out.append(f'<tr><td><strong>{e(c.text)}</strong><div class="sentence">{e(c.sentence)}</div>'
                   f'</td><td>{e(c.kind)}</td><td><span class="claim claim-{e(c.status)}">{e(label)}'
                   f"</span></td><td>{e(c.note) or '—'}</td></tr>")
    return out + ["</tbody></table>", "</section>"]


def _lead(summary: Summary) -> list[str]:
    """What the writer reads first, under the verdict: the editor's notes, then what to fix first."""
    out: list[str] = []
    if summary.document_notes:
        out += ['<section id="draft-notes">', "<h2>Notes on the draft</h2>", '<ul class="notes">']
        out += [f"<li>{e(n.body)}<span class=\"by\">{e(n.author or 'reviewer')}, "
                f"{e(format_day(n.created_at))}</span></li>" for n in summary.document_notes]
        out += ["</ul>", "</section>"]
    if summary.top:
        out += ['<section id="top">', "<h2>Fix first</h2>", '<ol class="top">']
        for flag in summary.top:
            passage = " ".join(summary.text[flag.start:flag.end].split())[:80]
            out.append(f"<li><strong>{e(flag.message)}</strong> <q>{e(passage)}</q> "
                       f'<span class="where">line {flag.line}</span></li>')
        out += ["</ol>", "</section>"]
    return out


def _notes(summary: Summary) -> list[str]:
    out = ['<section id="notes">']
    if not summary.span_notes:
        out.append("<p>No notes on passages.</p>")
    if summary.span_notes:
        out += ["<h2>Notes on passages</h2>", '<ul class="notes">']
        for n in summary.span_notes:
            text = summary.text[n.start or 0:n.end or 0] or n.anchor_text
            out.append(f'<li><q>{e(text)}</q> <span class="where">line '
                       f"{summary.line_of(n.start or 0)}</span><br>{e(n.body)}"
                       f'<span class="by">{e(n.author or "reviewer")}, '
                       f"{e(format_day(n.created_at))}</span></li>")
        out.append("</ul>")
    return out + ["</section>"]


def _checks(summary: Summary) -> list[str]:
    if not summary.checks:
        return []
    out = ['<section id="checks">', "<h2>Checks run</h2>",
           '<table class="checks"><thead><tr><th>Check</th><th>Engine</th><th>Status</th>'
           '<th class="num">Flags</th><th class="num">Seconds</th><th>Message</th></tr></thead><tbody>']
    for c in summary.checks:
        out.append(f"<tr><td>{e(c.name or c.id)}</td><td>{e(c.engine)}</td><td>{e(c.status)}</td>"
                   f'<td class="num">{c.count}</td><td class="num">{f"{c.seconds:.1f}"}</td>'
                   f"<td>{e(c.message) or '—'}</td></tr>")
    return out + ["</tbody></table>", "</section>"]
