"""The HTML report's stylesheet, inlined into every report so the file stands alone."""
from __future__ import annotations

REPORT_CSS = """
:root { --ink:#1f2328; --muted:#5b636d; --rule:#d9dde3; --paper:#ffffff; --band:#f5f6f8;
  --mark:#ffe08a; --accent:#24527a; --ok:#2f7d4f; --warn:#b26a00; --bad:#b3372a; }
* { box-sizing:border-box; }
html { background:var(--band); }
body { margin:0; color:var(--ink); font:16px/1.5 "Segoe UI", "Helvetica Neue", Arial,
  "DejaVu Sans", sans-serif; }
.report { max-width:880px; margin:24px auto; padding:36px 48px 28px; background:var(--paper);
  border:1px solid var(--rule); border-radius:6px; }
h1, h2, h3 { line-height:1.25; margin:0; }
h1 { font-size:28px; margin:2px 0 14px; }
h2 { font-size:20px; margin:34px 0 12px; padding-bottom:6px; border-bottom:2px solid var(--ink); }
h3 { font-size:16px; margin:24px 0 8px; color:var(--accent); text-transform:uppercase;
  letter-spacing:.04em; }
.kicker { margin:0; color:var(--muted); text-transform:uppercase; letter-spacing:.12em;
  font-size:12px; font-weight:600; }
.meta { display:flex; flex-wrap:wrap; gap:6px 28px; margin:0 0 16px; }
.meta div { min-width:0; }
.meta dt { font-size:11px; text-transform:uppercase; letter-spacing:.08em; color:var(--muted); }
.meta dd { margin:0; font-weight:600; overflow-wrap:anywhere; }
.verdict { margin:0; padding:12px 16px; border-left:6px solid var(--warn); background:#fff6e6;
  font-size:17px; }
.verdict strong { text-transform:uppercase; font-size:12px; letter-spacing:.1em; margin-right:8px; }
.verdict-ready { border-color:var(--ok); background:#eaf6ee; }
.verdict-revise { border-color:var(--bad); background:#fbecea; }
.contents { margin:18px 0 0; font-size:14px; color:var(--muted); }
a { color:var(--accent); }
.lead { margin:0 0 12px; }
.twocol { display:flex; flex-wrap:wrap; gap:18px 32px; align-items:flex-start; }
.twocol > table.scores { flex:1 1 380px; }
.twocol > #counts { flex:1 1 420px; }
td:nth-child(3), td.num { white-space:nowrap; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; padding:4px 6px; border-bottom:1px solid var(--rule); vertical-align:top; }
thead th { font-size:12px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted);
  border-bottom:1px solid var(--ink); }
tbody th { font-weight:normal; }
.num { text-align:right; font-variant-numeric:tabular-nums; }
tr.above td { color:var(--bad); font-weight:600; }
tr.total th, tr.total td { font-weight:700; border-top:1px solid var(--ink); }
.chart { margin:0 0 18px; }
.chart svg { width:100%; height:auto; display:block; }
figcaption { font-size:13px; color:var(--muted); margin-top:6px; }
.key { white-space:nowrap; margin-left:10px; }
.swatch { display:inline-block; width:10px; height:10px; margin-right:4px; border-radius:2px; }
.jump { font-size:14px; color:var(--muted); }
.count { display:inline-block; min-width:1.6em; padding:0 .45em; border-radius:1em;
  background:var(--band); color:var(--muted); font-size:.8em; text-align:center;
  vertical-align:middle; letter-spacing:0; }
.flag { border-left:3px solid var(--rule); padding:4px 0 4px 14px; margin:0 0 16px;
  break-inside:avoid; }
.flag p { margin:2px 0; }
.sev-error { border-color:var(--bad); }
.sev-warning { border-color:var(--warn); }
.sev-suggestion { border-color:var(--accent); }
.where { font-size:13px; color:var(--muted); }
.badge { display:inline-block; padding:0 6px; border-radius:3px; background:var(--band);
  text-transform:uppercase; font-size:11px; letter-spacing:.06em; font-weight:700; }
.sev-error .badge { background:#fbecea; color:var(--bad); }
.sev-warning .badge { background:#fff3dc; color:var(--warn); }
code { font-family:"DejaVu Sans Mono", Consolas, monospace; font-size:.9em; }
.passage { margin:4px 0; padding:2px 0; font-family:Georgia, "DejaVu Serif", serif;
  font-size:16px; color:#333; }
mark { background:var(--mark); color:var(--ink); padding:0 1px; border-radius:2px; }
.message { font-weight:600; }
.head { margin-bottom:4px !important; }
.label { font-size:11px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted);
  margin-right:6px; font-weight:700; }
.note { background:#eef3f8; padding:4px 8px !important; border-radius:3px; }
.places, .aside { font-size:13px; color:var(--muted); }
.claims .sentence { color:var(--muted); font-size:13px; }
.claim { display:inline-block; padding:0 6px; border-radius:3px; font-size:12px; font-weight:700;
  background:var(--band); }
.claim-verified { background:#eaf6ee; color:var(--ok); }
.claim-disputed { background:#fff3dc; color:var(--warn); }
.claim-false { background:#fbecea; color:var(--bad); }
.notes { padding-left:20px; }
.notes li { margin-bottom:8px; }
.by { display:block; font-size:13px; color:var(--muted); }
q { font-family:Georgia, "DejaVu Serif", serif; }
footer { margin-top:36px; padding-top:10px; border-top:1px solid var(--rule); font-size:12px;
  color:var(--muted); }
@media (max-width:720px) { .report { padding:20px; margin:0; border:0; } }
@media print { html { background:none; } .report { border:0; margin:0; padding:0; max-width:none; }
  .contents, .jump { display:none; } h2 { break-after:avoid; } h3 { break-after:avoid; } }
"""
