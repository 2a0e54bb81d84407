"""The report's words and tables, shared by the HTML and the Markdown renderers.

Both formats show the same sections built here; HTML adds two drawings. Every cell is plain
text: the renderers escape it for their format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import median

from isotrack.domain.exercise import Exercise
from isotrack.domain.program_log import How
from isotrack.domain.progression import Action, SuggestionSet
from isotrack.domain.report import Note, NoteKind, PainChange, PeriodReport, Week
from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.domain.targets import Target
from isotrack.domain.thresholds import AMBER_RISE, BASELINE_DAYS, RED_RISE
from isotrack.domain.trend import (
    MIN_POINTS,
    P_LEVEL,
    RELIEF_PERCENT,
    RELIEF_POINTS,
    WINDOW_DAYS,
    Trend,
    format_score,
    trend_phrase,
)
from isotrack.domain.zones import AMBER_DURING, GREEN_DURING, Zone
from isotrack.presentation.suggestion_words import ACTION_WORDS
from isotrack.presentation.trend_words import CHANGE_WORDS, p_value
from isotrack.presentation.words import plural


@dataclass(frozen=True)
class Table:
    """Rows of plain text under a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph; ``meaning`` says what a statistic means, ``warning`` asks for care."""

    text: str
    kind: str = "text"  # text | meaning | warning


@dataclass(frozen=True)
class Figure:
    """A drawing only HTML shows (``calendar`` or ``pain``); Markdown has the tables."""

    name: str


Block = Table | Para | Figure

NOTE_WORDS: dict[NoteKind, str] = {  # what each dated note is (a pain note: its score)
    "day": "day note",
    "skipped": "skipped",
    "red flag": "red flag",
    "withdrawn red flag": "red flag withdrawn as a mistake",
}
HOW_WORDS: dict[How | None, str] = {  # how a target change was made
    How.ACCEPTED: "accepted a suggestion",
    How.BY_HAND: "set by hand",
    None: "not recorded",
}


@dataclass(frozen=True)
class Section:
    """One of the five sections."""

    id: str
    title: str
    blocks: list[Block] = field(default_factory=list)


def day_text(day: date) -> str:
    """``Mon 6 Oct 2026``."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: date) -> str:
    """``6 Oct``."""
    return f"{day.day} {day:%b}"


def span_text(first: date, last: date) -> str:
    """``6 Oct – 12 Oct``."""
    return f"{short_day(first)} – {short_day(last)}"


def percent(value: float | None) -> str:
    """``87%`` or ``–``."""
    return "–" if value is None else f"{value:.0%}"


Exercises = Mapping[str, Exercise]  # the exercises a report names, by id


def exercise_name(exercises: Exercises, exercise_id: str) -> str:
    """The exercise's name (built-in, or the user's own: plain text the renderers escape),
    or the id of an exercise the program no longer has."""
    exercise = exercises.get(exercise_id)
    return exercise.name if exercise else exercise_id


def target_text(exercises: Exercises, exercise_id: str, target: Target | None) -> str:
    """A target as the app writes it (``2 × 10 × 5 s``, ``3 /side × 20 s goal``)."""
    exercise = exercises.get(exercise_id)
    if target is None:
        return "–"
    return (
        target.label(exercise) if exercise else f"{target.sets} × {target.reps} × {target.hold} s"
    )


def safety_first_line() -> str:
    """The safety notice's first sentence, without its Markdown emphasis."""
    return " ".join(SAFETY_NOTICE.split("**")[1].split())


def sections(report: PeriodReport) -> list[Section]:
    """The five sections in order."""
    return [header(report), adherence(report), pain(report), prescription(report), notes(report)]


def title(report: PeriodReport) -> str:
    """The report's title."""
    return f"Back exercise report: {day_text(report.start)} to {day_text(report.end)}"


def header(report: PeriodReport) -> Section:
    """Period, routine, the first day of the log and the safety notice's first line."""
    days = (report.end - report.start).days + 1
    routine = "; ".join(exercise_name(report.exercises, e) for e in report.routine) or "none"
    first = day_text(report.first_day) if report.first_day else "nothing logged yet"
    rows = (
        ("Period", f"{day_text(report.start)} to {day_text(report.end)} ({plural(days, 'day')})"),
        ("Routine at the end of the period", routine),
        ("Log kept since", first),
        ("Report made on", day_text(report.today)),
    )
    return Section(
        "summary",
        "Summary",
        [
            Table(("", ""), rows),
            Para(
                f"{safety_first_line()} These are the person's own records from the isotrack "
                "app: exercise sets as logged and pain on a 0–10 scale (0 no pain, 10 the worst "
                "imaginable).",
                "warning",
            ),
        ],
    )


def _week_row(label: str, week: Week) -> tuple[str, ...]:
    return (label, str(week.planned), str(week.done), percent(week.completion), str(week.skipped))


def _streaks(report: PeriodReport) -> Table:
    stats = report.streaks
    as_of = "today" if report.end == report.today else short_day(report.end)
    return Table(
        (
            f"Current streak ({as_of})",
            "Longest streak",
            "Done days in all",
            f"Sets done, 30 days to {as_of}",
        ),
        (
            (
                plural(stats.current, "day"),
                plural(stats.longest, "day"),
                str(stats.done_days),
                percent(stats.rate_30d),
            ),
        ),
    )


def adherence(report: PeriodReport) -> Section:
    """Training days planned and done each week, the streaks and the calendar strip."""
    total = report.total
    rows = [_week_row(span_text(w.start, w.end), w) for w in report.weeks]
    rows.append(_week_row("Whole period", total))
    done_rule = (
        "all planned sets"
        if report.done_threshold >= 1
        else f"at least {report.done_threshold:.0%} of the planned sets"
    )
    summary = (
        f"{total.done} of {total.planned} training days done in the period; "
        f"{percent(total.completion)} of the planned sets were done."
        if total.planned
        else "No training day in this period."
    )
    return Section(
        "adherence",
        "Adherence",
        [
            Para(summary),
            Table(("Week", "Training days", "Done", "Sets done", "Skipped"), tuple(rows)),
            Para(
                f"A training day is done when {done_rule} were done. Rest days and days "
                "marked skipped (illness, travel) are not training days: they neither break "
                "nor extend a streak. “Sets done” is the average share of each training "
                "day's planned sets.",
                "meaning",
            ),
            _streaks(report),
            Figure("calendar"),
        ],
    )


def _weekly_pain(report: PeriodReport) -> Table:
    rows = []
    for week in report.weeks:
        days = [p for p in report.pain if week.start <= p.day <= week.end]
        mornings = [p.morning for p in days if p.morning is not None]
        during = [p.during for p in days if p.during is not None]
        zones = [p.zone for p in days if p.zone is not None]
        rows.append(
            (
                span_text(week.start, week.end),
                format_score(median(mornings)) if mornings else "–",
                f"{min(mornings)}–{max(mornings)}" if mornings else "–",
                str(max(during)) if during else "–",
                " / ".join(str(zones.count(z)) for z in Zone),
            )
        )
    return Table(
        ("Week", "Morning median", "Morning range", "Worst during", "Zones G / A / R"),
        tuple(rows),
    )


def trend_row(label: str, trend: Trend) -> tuple[str, ...]:
    """One trend as a table row: window, scores, direction, slope a week and the p-values."""
    if trend.slope_per_day is None or trend.p_down is None or trend.p_up is None:
        return (label, str(trend.n), "not enough scores", "–", "–", "–")
    return (
        label,
        str(trend.n),
        str(trend.direction),
        f"{trend.slope_per_day * 7:+.2f}",
        p_value(trend.p_down),
        p_value(trend.p_up),
    )


def _trends(report: PeriodReport) -> Table:
    last_day = timedelta(days=WINDOW_DAYS - 1)
    first_end = min(report.end, report.start + last_day)
    return Table(
        ("14 days", "Scores", "Direction", "Slope a week", "p (fall)", "p (rise)"),
        (
            trend_row(span_text(report.start, first_end), report.trend_start),
            trend_row(span_text(report.end - last_day, report.end), report.trend_end),
        ),
    )


def _red_flags(report: PeriodReport) -> list[Block]:
    if not report.red_flags:
        return [Para("No warning sign (red flag) was recorded in this period.")]
    return [
        Para(
            "Warning signs were recorded in this period; the safety notice asks for "
            "medical advice about each.",
            "warning",
        ),
        Table(("Date", "Red flag"), tuple((day_text(n.day), n.text) for n in report.red_flags)),
    ]


def pain(report: PeriodReport) -> Section:
    """The chart, weekly figures, the two trends, the change and red flags."""
    change = report.change
    blocks: list[Block] = [
        Figure("pain"),
        Para(
            f"Morning pain is scored on waking, before exercise; “during” is the worst pain "
            f"during that day's exercise. Pain during exercise up to {GREEN_DURING} is green, "
            f"up to {AMBER_DURING} amber (acceptable if it settles by the next morning), above "
            f"{AMBER_DURING} red (stop that exercise for the day). A training day's zone also "
            "weighs the next mornings against the person's baseline (the median morning score "
            f"of the {BASELINE_DAYS} days before): {AMBER_RISE} points above it the next "
            f"morning is amber, {RED_RISE} points above it on both of the next two mornings red.",
            "meaning",
        ),
        _weekly_pain(report),
        Para(f"At the end of the period: {trend_phrase(report.trend_end)}."),
        _trends(report),
        Para(
            f"Each trend uses the last morning score of each day in a {WINDOW_DAYS}-day window "
            f"(at least {MIN_POINTS} needed). Slope: Theil–Sen, in points a week. p: one-sided "
            f"Mann–Kendall test for a fall or a rise; a direction is named only when p < "
            f"{P_LEVEL:.2f}, the fitted line moves at least one point and the second week's "
            "median differs from the first's by at least one point.",
            "meaning",
        ),
        Para(_change_text(change)),
        Para(
            f"A change of at least {RELIEF_POINTS} points or {RELIEF_PERCENT}% on the 0–10 scale "
            "is about the smallest change people notice as real (Farrar et al., Pain 2001; "
            "Ostelo et al., Spine 2008).",
            "meaning",
        ),
        *_red_flags(report),
    ]
    return Section("pain", "Pain", blocks)


def _change_text(change: PainChange) -> str:
    before, after = change.before, change.after
    if before is None or after is None:
        return "Not enough morning scores to compare the first week with the last."
    return (
        f"Median morning pain was {format_score(before)} in the first week and "
        f"{format_score(after)} in the last week: {CHANGE_WORDS[change.direction]}."
    )


def prescription(report: PeriodReport) -> Section:
    """Targets at the start and end, every change with how it was made, dismissed
    suggestions and (when the period ends today) today's suggestions."""
    start = dict(report.targets_start)
    end = dict(report.targets_end)
    known = report.exercises
    blocks: list[Block] = [
        Table(
            (
                "Exercise",
                f"Target on {short_day(report.start)}",
                f"Target on {short_day(report.end)}",
            ),
            tuple(
                (
                    exercise_name(known, e),
                    target_text(known, e, start.get(e)),
                    target_text(known, e, end.get(e)),
                )
                for e in dict.fromkeys([*start, *end])
            ),
        ),
        Para(
            "A target reads sets × reps × seconds held (for side plank: sets per side × the "
            "goal time). The app suggests a step up or back from completion and pain; nothing "
            "changes unless the person accepts or sets it.",
            "meaning",
        ),
    ]
    blocks += [_changes(report), _dismissed(report)]
    if report.suggestions is not None:
        blocks += _today(report.suggestions, known)
    return Section("prescription", "Prescription", blocks)


def _changes(report: PeriodReport) -> Block:
    if not report.changes:
        return Para("No target changed in this period.")
    known = report.exercises
    return Table(
        ("Date", "Exercise", "From", "To", "How"),
        tuple(
            (
                day_text(c.day),
                exercise_name(known, c.exercise),
                target_text(known, c.exercise, c.before) if c.before else "–",
                c.what or target_text(known, c.exercise, c.after),
                HOW_WORDS[c.how],
            )
            for c in report.changes
        ),
        "Changes in this period",
    )


def _dismissed(report: PeriodReport) -> Block:
    if not report.dismissed:
        return Para("No suggestion was dismissed in this period.")
    return Table(
        ("Date", "Exercise", "Suggestion", "Reason given"),
        tuple(
            (
                day_text(d.day),
                exercise_name(report.exercises, d.exercise),
                _suggestion_text(report.exercises, d.exercise, d.action, d.target, d.next_exercise),
                d.reason,
            )
            for d in report.dismissed
        ),
        "Suggestions dismissed",
    )


def _today(result: SuggestionSet, known: Exercises) -> list[Block]:
    """Today's suggestions: the summary line, and a row for each change suggested."""
    rows = tuple(
        (
            exercise_name(known, s.exercise),
            _suggestion_text(known, s.exercise, s.action, s.target, s.next_exercise),
            s.reason,
        )
        for s in result.suggestions
        if s.actionable
    )
    kind = "warning" if result.red_flag else "text"
    blocks: list[Block] = [Para(f"Today the app says: {result.summary}", kind)]
    if rows:
        blocks.append(Table(("Exercise", "Suggestion", "Reason"), rows, "Suggested today"))
    return blocks


def _suggestion_text(
    known: Exercises, exercise: str, action: str, target: Target | None, following: str | None
) -> str:
    words = ACTION_WORDS[Action(action)] if action in tuple(Action) else action
    if target is not None:
        return f"{words} to {target_text(known, exercise, target)}"
    if following is not None:
        return f"add {exercise_name(known, following)}"
    return words


def note_words(note: Note) -> tuple[str, str]:
    """A note's kind and text as the table shows them (a pain note by its kind and score)."""
    pain = f"{note.pain.kind} pain {note.pain.score}" if note.pain else ""
    kind = pain if note.kind == "pain" else NOTE_WORDS[note.kind]
    text = note.text or pain or ("no reason given" if note.kind == "skipped" else "")
    return kind, text


def notes(report: PeriodReport) -> Section:
    """The person's notes, skips and red flags, dated."""
    if not report.notes:
        return Section("notes", "Notes", [Para("No notes in this period.")])
    rows = tuple((day_text(n.day), *note_words(n)) for n in report.notes)
    return Section("notes", "Notes", [Table(("Date", "Kind", "Note"), rows)])
