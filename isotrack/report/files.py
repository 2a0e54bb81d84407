"""Which renderer a format uses and the default file name (the Tracker writes the file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from isotrack.domain.report import PeriodReport

FORMATS = ("html", "md")


def file_name(start: date, end: date, fmt: str) -> str:
    """``isotrack-report-2026-10-06-to-2026-11-30.html``: named by the period it covers."""
    return f"isotrack-report-{start.isoformat()}-to-{end.isoformat()}.{fmt}"


def format_for(output: str | None, fmt: str | None) -> str:
    """The format asked for, else the output file's suffix when it names one, else HTML."""
    if fmt is not None:
        return fmt
    suffix = Path(output).suffix.lower().lstrip(".") if output and output != "-" else ""
    return {"md": "md", "markdown": "md"}.get(suffix, "html")


def render(report: PeriodReport, fmt: str, week_start: int = 0) -> str:
    """The report as text in ``fmt`` (each renderer is imported only when used)."""
    if fmt == "md":
        from isotrack.report.markdown import render_markdown

        return render_markdown(report)
    from isotrack.report.html import render_html

    return render_html(report, week_start)
