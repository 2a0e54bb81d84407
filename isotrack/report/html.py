"""The report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched.

It reads on a phone (fluid width, tables that scroll sideways) and prints on A4 or Letter
(print styles, a page break before the Pain and the Prescription sections).
"""

from __future__ import annotations

from html import escape

from isotrack.domain.report import PeriodReport
from isotrack.presentation.words import one_line
from isotrack.report import svg
from isotrack.report.content import Block, Figure, Para, Section, Table, sections, title

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; color: #1b1f23; background: #fff;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
h1 { font-size: 1.45rem; margin: 0 0 .75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 2px solid #1d5fa8; }
h3 { font-size: 1rem; margin: 1rem 0 .35rem; }
p { margin: .45rem 0; }
p.meaning { color: #4a5560; font-size: .88rem; }
p.warning { border-left: 4px solid #d0473b; background: #fbeeed; padding: .45rem .65rem; }
.scroll { overflow-x: auto; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #dde1e5;
  vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
td:first-child { white-space: nowrap; }
table.pairs td:first-child { white-space: normal; }
table.pairs th { display: none; }
table.pairs td:first-child { font-weight: 600; width: 40%; }
figure { margin: .6rem 0; }
figcaption { color: #4a5560; font-size: .85rem; margin-top: .25rem; }
svg.chart { width: 100%; height: auto; display: block; }
figure.calendar svg.chart { width: auto; max-width: 100%; }
figure.pain svg.chart { min-width: 34rem; }
svg text.axis { font: 9px system-ui, Arial, sans-serif; fill: #4a5560; }
.key { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  vertical-align: -.05em; margin: 0 .25em 0 .6em; }
@media (max-width: 36rem) { body { padding: .6rem; font-size: 15px; } th, td { padding: .25rem; } }
@media print {
  @page { margin: 12mm 12mm 14mm; }
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
  h1 { font-size: 15pt; }
  h2 { font-size: 12.5pt; margin-top: .9rem; }
  section.break h2 { margin-top: 0; }
  table { font-size: 9pt; }
  th, td { padding: .1rem .35rem; }
  p { margin: .3rem 0; }
  section.break { break-before: page; }
  figure, tr, p { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .scroll { overflow: visible; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

BREAK_BEFORE = ("pain", "prescription")  # sections that start a new printed page
CAPTIONS = {
    "calendar": (
        "Each square is a day, weeks as columns: darker green means more of the planned sets done",
        (
            ("#1f7a3a", "done"),
            ("#8fd19a", "part done"),
            ("#e4e7eb", "none"),
            ("#f4f5f7", "rest day"),
            ("#f6dfb4", "skipped"),
        ),
    ),
    "pain": (
        "Blue line and dots: morning pain; grey bars: worst pain during exercise; bands: "
        "the zones for pain during exercise; squares under the axis: each training day's zone",
        (
            (svg.BAND_FILL[svg.Zone.GREEN], "0–3"),
            (svg.BAND_FILL[svg.Zone.AMBER], "4–5"),
            (svg.BAND_FILL[svg.Zone.RED], "6–10"),
            ("#b00020", "red flag (▼)"),
        ),
    ),
}


def text(value: str) -> str:
    """Any text for HTML: control characters stripped, then escaped."""
    return escape(one_line(value))


def _table(table: Table) -> str:
    pairs = table.headers == ("", "")
    head = "".join(f"<th>{text(h)}</th>" for h in table.headers)
    rows = "".join(
        "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    caption = f"<h3>{text(table.caption)}</h3>" if table.caption else ""
    cls = ' class="pairs"' if pairs else ""
    return (
        f'{caption}<div class="scroll"><table{cls}><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _figure(report: PeriodReport, figure: Figure, week_start: int) -> str:
    if figure.name == "calendar":
        drawing = svg.calendar_strip(report.statuses, week_start)
    else:
        drawing = svg.pain_chart(report.pain)
    words, keys = CAPTIONS[figure.name]
    key = "".join(
        f'<span class="key" style="background:{colour}"></span>{text(label)}'
        for colour, label in keys
    )
    return (
        f'<figure class="{figure.name}"><div class="scroll">{drawing}</div>'
        f"<figcaption>{text(words)}.<br>{key}</figcaption></figure>"
    )


def _block(report: PeriodReport, block: Block, week_start: int) -> str:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Para):
        cls = f' class="{block.kind}"' if block.kind != "text" else ""
        return f"<p{cls}>{text(block.text)}</p>"
    return _figure(report, block, week_start)


def _section(report: PeriodReport, section: Section, week_start: int) -> str:
    cls = ' class="break"' if section.id in BREAK_BEFORE else ""
    inner = "".join(_block(report, b, week_start) for b in section.blocks)
    return f'<section id="{section.id}"{cls}><h2>{text(section.title)}</h2>{inner}</section>'


def render_html(report: PeriodReport, week_start: int = 0) -> str:
    """The whole page; ``week_start`` is the first weekday of the calendar strip (0 Monday)."""
    body = "".join(_section(report, s, week_start) for s in sections(report))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(title(report))}</title><style>{CSS}</style></head>"
        f"<body><h1>{text(title(report))}</h1>{body}</body></html>\n"
    )
