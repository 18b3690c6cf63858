"""The grade-per-paragraph chart as a small SVG that both the HTML and the PDF report embed."""
from __future__ import annotations

import math
from html import escape

from ..core.summary import Readability

WITHIN = "#6f9fd8"       # at or under the target grade
ABOVE = "#e39b3b"        # harder than the target
FAR_ABOVE = "#c8553d"    # five grades or more over the target: the "very hard" band
INK = "#333333"
GRID = "#dddddd"


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return mult * power
    return 10 * power


def grade_chart_svg(readability: Readability, *, width: int = 720, height: int = 230,
                    font: str = "DejaVu Sans, Helvetica, Arial, sans-serif") -> str:
    """Bars of Flesch–Kincaid grade per paragraph with the target as a dashed line; '' if unmeasured."""
    grades = readability.paragraphs
    if not grades:
        return ""
    target = readability.target_grade
    left, right, top, bottom = 40, 12, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(max(p.grade for p in grades), target + 2)
    step = _nice_step(peak)
    y_max = math.ceil(peak / step) * step

    def y(value: float) -> float:
        return top + plot_h * (1 - min(value, y_max) / y_max)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{escape(font)}" font-size="11" '
           f'role="img" aria-label="Grade per paragraph against the target grade">',
           f'<title>Grade per paragraph (target {target:g})</title>',
           f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>']
    tick = 0.0
    while tick <= y_max + 1e-9:
        ty = y(tick)
        out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="{INK}">'
                   f'{tick:g}</text>')
        tick += step
    n = len(grades)
    slot = plot_w / n
    gap = slot * 0.2 if slot > 4 else 0.0
    for i, p in enumerate(grades):
        colour = FAR_ABOVE if p.grade >= target + 5 else ABOVE if p.grade > target else WITHIN
        bx = left + i * slot + gap / 2
        by = y(p.grade)
        bh = max(0.5, top + plot_h - by)
        out.append(f'<rect x="{bx:.2f}" y="{by:.2f}" width="{max(0.4, slot - gap):.2f}" '
                   f'height="{bh:.2f}" fill="{colour}"><title>Paragraph {p.number}: grade '
                   f'{p.grade:.1f}, {p.words} words</title></rect>')
    ty = y(target)
    out.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
               f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 4"/>')
    label = f"target {target:g}"
    lw = 7 * len(label) + 8             # about 7 px a character at 11 px bold
    out.append(f'<rect x="{width - right - lw}" y="{ty - 17:.1f}" width="{lw}" height="14" '
               f'fill="#ffffff" fill-opacity="0.85"/>')
    out.append(f'<text x="{width - right - 4}" y="{ty - 6:.1f}" text-anchor="end" fill="{INK}" '
               f'font-weight="bold">{label}</text>')
    base = top + plot_h
    out.append(f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" stroke="{INK}" '
               f'stroke-width="1"/>')
    label_every = max(1, math.ceil(n / 12))
    for i in range(0, n, label_every):
        cx = left + (i + 0.5) * slot
        out.append(f'<text x="{cx:.1f}" y="{base + 14}" text-anchor="middle" fill="{INK}">'
                   f'{grades[i].number}</text>')
    out.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" '
               f'fill="{INK}">paragraph</text>')
    out.append(f'<text x="12" y="{top + plot_h / 2:.1f}" text-anchor="middle" fill="{INK}" '
               f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">grade</text>')
    out.append("</svg>")
    return "\n".join(out)


def chart_legend() -> list[tuple[str, str]]:
    return [(WITHIN, "at or under target"), (ABOVE, "above target"),
            (FAR_ABOVE, "5+ grades above target")]
