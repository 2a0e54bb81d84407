"""The report as Markdown tables, to paste into an email or a message."""

from __future__ import annotations

import re

from isotrack.domain.report import PeriodReport
from isotrack.presentation.words import one_line
from isotrack.report.content import Block, Para, Section, Table, sections, title

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def cell(value: str) -> str:
    """Text for a Markdown table cell or line: one line, Markdown's special characters
    escaped (a ``|`` would end the cell, ``<`` could start HTML)."""
    return _SPECIAL.sub(r"\\\1", one_line(value)) or " "


def _table(table: Table) -> list[str]:
    headers = table.headers if any(table.headers) else ("Item", "Value")
    lines = [f"**{cell(table.caption)}**", ""] if table.caption else []
    lines.append("| " + " | ".join(cell(h) for h in headers) + " |")
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in table.rows]
    return [*lines, ""]


def _block(block: Block) -> list[str]:
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Para):
        line = cell(block.text)
        if block.kind == "meaning":
            line = f"_{line}_"
        elif block.kind == "warning":
            line = f"> {line}"
        return [line, ""]
    return []  # drawings are HTML only; the tables carry the same figures


def _section(section: Section) -> list[str]:
    lines = [f"## {cell(section.title)}", ""]
    for block in section.blocks:
        lines += _block(block)
    return lines


def render_markdown(report: PeriodReport) -> str:
    """The whole report."""
    lines = [f"# {cell(title(report))}", ""]
    for section in sections(report):
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"
