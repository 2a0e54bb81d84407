"""Progression v2: one suggestion per routine exercise, pain as the safety limit (design §5).

Exercise for persistent low-back pain progresses by plan, a little at a time (graded activity);
pain is watched as a limit, so a step up needs stable, tolerated pain and a step back needs pain
that stayed up, never one noisy morning. Each rule is one small function; the first that matches
decides. Nothing here changes a target: the user accepts or dismisses every suggestion.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from itertools import islice, takewhile
from statistics import median

from isotrack.domain.catalogue import Exercise
from isotrack.domain.ladder import next_exercise, step_back, step_up
from isotrack.domain.program import Planned, Program
from isotrack.domain.records import DayRecord
from isotrack.domain.targets import History, Target
from isotrack.domain.thresholds import (
    BASELINE_MIN_SCORES,
    COMPLETE_SESSIONS_AT_STEP,
    COMPLETE_SESSIONS_TO_STEP_UP,
    DAYS_AT_STEP,
    LOOKBACK_DAYS,
    MAX_AMBER_DAYS,
    MIN_MORNING_SCORES,
    PAIN_CEILING,
    RECENT_DAYS,
    RED_DAYS_TO_STEP_BACK,
    RED_FLAG_DAYS,
    RISE_BEFORE_DAYS,
    RISE_IN_PROGRESS,
    RISE_RECENT_DAYS,
    SHORT_SESSIONS_TO_STEP_BACK,
    STABLE_MARGIN,
    SUSTAINED_RISE,
)
from isotrack.domain.trend import (
    Direction,
    Trend,
    format_score,
    morning_scores,
    pain_trend,
    trend_phrase,
)
from isotrack.domain.zones import Zone, baseline, day_zones

__all__ = [
    "LOOKBACK_DAYS",
    "RED_FLAG_DAYS",
    "Action",
    "Evidence",
    "Suggestion",
    "SuggestionSet",
    "next_exercise",
    "step_back",
    "step_up",
    "suggest",
]

CLINICIAN = "see a clinician if pain keeps rising week after week"


class Action(StrEnum):
    """What a suggestion asks of the user."""

    STEP_UP = "step-up"
    HOLD = "hold"
    STEP_BACK = "step-back"
    NONE = "none"  # no suggestion at all (a recent red flag)


@dataclass(frozen=True)
class Evidence:
    """The facts a dismissal is weighed against (design §5, dismissals).

    ``strength`` is a step back's evidence: red days counted, the sustained rise in half
    points, short sessions in a row; it grows when any of them does.
    """

    latest_red: date | None = None  # the newest red day of the last week
    morning_median: float | None = None  # the median morning score of the last week
    strength: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class Suggestion:
    """The suggestion for one exercise.

    ``target`` is the new target for a step up or back; None for hold and none, and for a
    step up at the top of the ladder, which names ``next_exercise`` to add instead.
    """

    exercise: str
    action: Action
    target: Target | None
    reason: str
    next_exercise: str | None = None
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def key(self) -> str:
        """The change proposed, as text; a dismissal is for this change only."""
        target = "-" if self.target is None else "x".join(map(str, self.target.as_dict().values()))
        return f"{self.exercise}|{self.action}|{target}|{self.next_exercise or '-'}"

    @property
    def actionable(self) -> bool:
        """True when accepting would change something (a step up or back)."""
        return self.action in (Action.STEP_UP, Action.STEP_BACK)


@dataclass(frozen=True)
class SuggestionSet:
    """The suggestions for today's routine with the trend and facts behind them."""

    trend: Trend
    suggestions: tuple[Suggestion, ...]
    red_flag: bool  # a red flag in the last RED_FLAG_DAYS days: show the safety notice
    summary: str  # one short line for the Today screen
    baseline: float | None = None  # today's baseline morning score (design §5)

    def for_exercise(self, exercise_id: str) -> Suggestion | None:
        """The suggestion for one exercise, if it is in the routine."""
        return next((s for s in self.suggestions if s.exercise == exercise_id), None)


# --- words --------------------------------------------------------------------------------


def _plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def _date(day: date) -> str:
    return f"{day.day} {day:%b}"


def _ago(n: int) -> str:
    return "today" if n == 0 else "yesterday" if n == 1 else f"{n} days ago"


def _sentence(*parts: str) -> str:
    text = "; ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "."


# --- the facts the rules read -------------------------------------------------------------


@dataclass(frozen=True)
class _Session:
    """One training day of one exercise: the share of planned sets done."""

    day: date
    fraction: float
    started: bool


@dataclass(frozen=True)
class _Context:
    """Everything shared by the exercises of one day's suggestions."""

    program: Program
    days: Mapping[date, DayRecord]
    today: date
    threshold: float
    trend: Trend
    zones: dict[date, Zone]
    morning: dict[date, int]

    def ago(self, day: date) -> int:
        return (self.today - day).days

    def is_recent(self, day: date) -> bool:
        return 0 <= self.ago(day) < RECENT_DAYS

    def record(self, day: date) -> DayRecord:
        return self.days.get(day) or DayRecord(day)

    def scores(self, first: date, last: date) -> list[int]:
        """Morning scores from ``first`` to ``last``, both included, oldest first."""
        span = (first + timedelta(days=i) for i in range((last - first).days + 1))
        return [self.morning[d] for d in span if d in self.morning]

    def week_median(self) -> float | None:
        """The median morning score of the last 7 days."""
        scores = self.scores(self.today - timedelta(days=RECENT_DAYS - 1), self.today)
        return float(median(scores)) if scores else None

    def zone_days(self, zone: Zone) -> list[date]:
        """The days of the last week in ``zone``, oldest first."""
        return sorted(d for d, z in self.zones.items() if z is zone and self.is_recent(d))

    def fraction(self, exercise_id: str, day: date) -> float | None:
        """Share of the exercise's planned sets done on ``day``; None when not planned."""
        target = self.program.target_on(exercise_id, day)
        if target is None or exercise_id not in self.program.routine_on(day):
            return None
        planned = Planned(self.program.exercise(exercise_id, day), target)
        return min(1.0, planned.done_sets(self.record(day)) / planned.planned_sets)

    def is_done(self, fraction: float | None) -> bool:
        return fraction is not None and fraction >= self.threshold - 1e-9

    def sessions(self, exercise_id: str) -> Iterator[_Session]:
        """Training days of the exercise, newest first; today only once it is done.

        A training day is a planned day that was scheduled and not skipped, or on which the
        exercise was started anyway.
        """
        first = self.program.first_day() or self.today
        day = self.today
        while day >= max(first, self.today - timedelta(days=LOOKBACK_DAYS - 1)):
            fraction = self.fraction(exercise_id, day)
            record = self.record(day)
            started = any(s.exercise == exercise_id for s in record.sets)
            scheduled = not self.program.is_rest_day(day) and record.skipped is None
            closed = day < self.today or self.is_done(fraction)
            if fraction is not None and (started or scheduled) and closed:
                yield _Session(day, fraction, started)
            day -= timedelta(days=1)


class _Sessions:
    """An exercise's sessions, newest first, read back only as far as a rule asks."""

    def __init__(self, found: Iterator[_Session]) -> None:
        self._found = found
        self._read: list[_Session] = []

    def __iter__(self) -> Iterator[_Session]:
        yield from self._read
        for session in self._found:
            self._read.append(session)
            yield session

    def newest(self, n: int, where: Callable[[_Session], bool] = lambda s: True) -> list[_Session]:
        """The newest ``n`` sessions that match ``where`` (fewer when there are not so many)."""
        return list(islice((s for s in self if where(s)), n))

    def since(self, day: date) -> list[_Session]:
        """The sessions on or after ``day``."""
        return list(takewhile(lambda s: s.day >= day, self))


@dataclass(frozen=True)
class _Step:
    """One exercise at its current step: what the rules need to know about it."""

    exercise: Exercise
    target: Target
    began: date  # the day the target in force was set; the starting target counts
    first_step: bool  # True while the starting target is still in force
    backed_off: date | None  # a step back under a week ago: evidence before it is spent
    sessions: _Sessions

    def counts(self, day: date) -> bool:
        """True when evidence from ``day`` has not been acted on by a recent step back."""
        return self.backed_off is None or day >= self.backed_off


def _stepped_back_on(history: History[Target], today: date) -> date | None:
    """The day of the last target change when it lowered the target under a week ago."""
    entries = list(history)
    if len(entries) < 2 or (today - entries[-1].since).days >= DAYS_AT_STEP:
        return None
    before, now = entries[-2].value, entries[-1].value
    if now.sets * now.reps * now.hold < before.sets * before.reps * before.hold:
        return entries[-1].since
    return None


def _step(ctx: _Context, planned: Planned) -> _Step:
    history = ctx.program.targets[planned.exercise.id]
    return _Step(
        exercise=planned.exercise,
        target=planned.target,
        began=history.last_change() or ctx.today,
        first_step=len(history) == 1,
        backed_off=_stepped_back_on(history, ctx.today),
        sessions=_Sessions(ctx.sessions(planned.exercise.id)),
    )


def _completed_phrase(ctx: _Context, step: _Step) -> str:
    recent = step.sessions.since(ctx.today - timedelta(days=RECENT_DAYS - 1))
    done = sum(ctx.is_done(s.fraction) for s in recent)
    return (
        f"you completed {done} of the last {_plural(len(recent), 'training day')}" if recent else ""
    )


# --- rule 2: step back --------------------------------------------------------------------


def _red_days(ctx: _Context, step: _Step) -> tuple[int, str]:
    """(a) Red days of the last week not yet acted on: their count when there are enough."""
    red = [d for d in ctx.zone_days(Zone.RED) if step.counts(d)]
    if len(red) < RED_DAYS_TO_STEP_BACK:
        return 0, ""
    days = ", ".join(_date(d) for d in red)
    return len(
        red
    ), f"pain was in the red zone on {len(red)} of the last {RECENT_DAYS} days ({days})"


def _sustained_rise(ctx: _Context, step: _Step) -> tuple[int, str]:
    """(b) The last 3 mornings at least 2.5 points above the 7 before: the rise in half points."""
    first_recent = ctx.today - timedelta(days=RISE_RECENT_DAYS - 1)
    if not step.counts(first_recent):
        return 0, ""
    recent = ctx.scores(first_recent, ctx.today)
    before = ctx.scores(
        first_recent - timedelta(days=RISE_BEFORE_DAYS), first_recent - timedelta(days=1)
    )
    if len(recent) < RISE_RECENT_DAYS - 1 or len(before) < BASELINE_MIN_SCORES:
        return 0, ""
    now, then = sum(recent) / len(recent), sum(before) / len(before)
    if now - then < SUSTAINED_RISE:
        return 0, ""
    return int((now - then) * 2), (
        f"morning pain averaged {now:.1f} over the last {len(recent)} mornings, "
        f"up from {then:.1f} over the {RISE_BEFORE_DAYS} days before"
    )


def _short_sessions(ctx: _Context, step: _Step) -> tuple[int, str]:
    """(c) The last 3 sessions on which the exercise was started ended short of target."""
    last = step.sessions.newest(
        SHORT_SESSIONS_TO_STEP_BACK, lambda s: s.started and step.counts(s.day)
    )
    if len(last) < SHORT_SESSIONS_TO_STEP_BACK or any(ctx.is_done(s.fraction) for s in last):
        return 0, ""
    return len(last), (f"the last {len(last)} times you started it you stopped short of the target")


def _rule_step_back(ctx: _Context, step: _Step, evidence: Evidence) -> Suggestion | None:
    found = [check(ctx, step) for check in (_red_days, _sustained_rise, _short_sessions)]
    reasons = [why for _, why in found if why]
    if not reasons:
        return None
    red, rise, short = (n for n, _ in found)
    evidence = Evidence(evidence.latest_red, evidence.morning_median, (red, rise, short))
    exercise = step.exercise
    lower = step_back(exercise, step.target)
    if lower is None:
        why = _sentence(*reasons, "this is already the lowest step, so keep it gentle", CLINICIAN)
        return Suggestion(exercise.id, Action.HOLD, None, why, evidence=evidence)
    why = _sentence(*reasons, f"step back to {lower.label(exercise)}", CLINICIAN)
    return Suggestion(exercise.id, Action.STEP_BACK, lower, why, evidence=evidence)


# --- rule 3: hold -------------------------------------------------------------------------


def _hold_red_day(ctx: _Context, step: _Step) -> str:
    red = ctx.zone_days(Zone.RED)
    return f"pain was in the red zone on {_date(red[-1])}; let it settle first" if red else ""


def _hold_amber_days(ctx: _Context, step: _Step) -> str:
    amber = ctx.zone_days(Zone.AMBER)
    if len(amber) <= MAX_AMBER_DAYS:
        return ""
    return (
        f"pain was in the amber zone on {len(amber)} of the last {RECENT_DAYS} days; let it settle"
    )


def _hold_trend_up(ctx: _Context, step: _Step) -> str:
    return f"{trend_phrase(ctx.trend)}; {CLINICIAN}" if ctx.trend.direction is Direction.UP else ""


def _hold_few_scores(ctx: _Context, step: _Step) -> str:
    n = len(ctx.scores(ctx.today - timedelta(days=RECENT_DAYS - 1), ctx.today))
    if n >= MIN_MORNING_SCORES:
        return ""
    return (
        f"record morning pain to get suggestions ({n} of the {MIN_MORNING_SCORES} needed "
        f"in the last {RECENT_DAYS} days)"
    )


def _hold_new_step(ctx: _Context, step: _Step) -> str:
    since = ctx.ago(step.began)
    if since >= DAYS_AT_STEP:
        return ""
    if step.backed_off is not None:
        return f"you stepped back {_ago(since)}; give the lower step a week to settle"
    began = "started at this step" if step.first_step else "moved to this step"
    return f"you {began} {_ago(since)}; give each step at least {DAYS_AT_STEP} days"


def _hold_few_sessions(ctx: _Context, step: _Step) -> str:
    done = sum(ctx.is_done(s.fraction) for s in step.sessions.since(step.began))
    if done >= COMPLETE_SESSIONS_AT_STEP:
        return ""
    return (
        f"you completed {_plural(done, 'session')} at this step so far; "
        f"{COMPLETE_SESSIONS_AT_STEP} are needed before a step up"
    )


_HOLDS: tuple[Callable[[_Context, _Step], str], ...] = (
    _hold_red_day,
    _hold_amber_days,
    _hold_trend_up,
    _hold_few_scores,
    _hold_new_step,
    _hold_few_sessions,
)


def _rule_hold(ctx: _Context, step: _Step, evidence: Evidence) -> Suggestion | None:
    for check in _HOLDS:
        why = check(ctx, step)
        if why:
            return Suggestion(
                step.exercise.id, Action.HOLD, None, _sentence(why), evidence=evidence
            )
    return None


# --- rule 4: step up (each check says why not) ----------------------------------------------


def _not_complete(ctx: _Context, step: _Step) -> str:
    last = step.sessions.newest(COMPLETE_SESSIONS_TO_STEP_UP)
    if len(last) == COMPLETE_SESSIONS_TO_STEP_UP and all(ctx.is_done(s.fraction) for s in last):
        return ""
    return f"the last {COMPLETE_SESSIONS_TO_STEP_UP} sessions were not all complete"


def _rise_in_progress(ctx: _Context, step: _Step) -> str:
    for day in (ctx.today, ctx.today - timedelta(days=1)):
        score, base = ctx.morning.get(day), baseline(ctx.morning, day)
        if score is not None and base is not None and score >= base + RISE_IN_PROGRESS:
            return (
                f"morning pain on {_date(day)} was {score}, above your usual "
                f"{format_score(base)}; wait for it to settle"
            )
    return ""


def _above_ceiling(ctx: _Context, step: _Step) -> str:
    week = ctx.week_median()
    if week is None or week <= PAIN_CEILING:
        return ""
    return (
        f"morning pain has been around {format_score(week)} this week, above "
        f"{PAIN_CEILING}; whether to do more is for your clinician to judge"
    )


def _reference_median(ctx: _Context, step: _Step) -> float | None:
    """Median morning pain of the 7 days before the step began (else its first 7 days)."""
    before = ctx.scores(step.began - timedelta(days=RECENT_DAYS), step.began - timedelta(days=1))
    if len(before) < BASELINE_MIN_SCORES:
        before = ctx.scores(step.began, step.began + timedelta(days=RECENT_DAYS - 1))
    return float(median(before)) if before else None


def _not_stable(ctx: _Context, step: _Step) -> str:
    week, ref = ctx.week_median(), _reference_median(ctx, step)
    if week is None or ref is None or week <= ref + STABLE_MARGIN:
        return ""
    return (
        f"morning pain is around {format_score(week)} this week, up from "
        f"{format_score(ref)} when this step began; wait for it to settle"
    )


def _up_reason(ctx: _Context, step: _Step) -> str:
    week, ref = ctx.week_median(), _reference_median(ctx, step)
    if ctx.trend.direction is Direction.DOWN:
        pain = trend_phrase(ctx.trend)
    elif week is None:
        pain = ""
    elif ref is not None and week < ref:
        pain = f"morning pain eased to {format_score(week)} this week, from {format_score(ref)}"
    else:
        pain = f"morning pain held at {format_score(week)} over the last {RECENT_DAYS} days"
    return "; ".join(p for p in (pain, _completed_phrase(ctx, step)) if p)


def _rule_step_up(ctx: _Context, step: _Step, evidence: Evidence) -> Suggestion | None:
    for check in (_not_complete, _rise_in_progress, _above_ceiling, _not_stable):
        why = check(ctx, step)
        if why:
            return Suggestion(
                step.exercise.id, Action.HOLD, None, _sentence(why), evidence=evidence
            )
    exercise, why = step.exercise, _up_reason(ctx, step)
    higher = step_up(exercise, step.target)
    if higher is not None:
        reason = _sentence(why, f"next step: {higher.label(exercise)}")
        return Suggestion(exercise.id, Action.STEP_UP, higher, reason, evidence=evidence)
    top = f"this is the top of the ladder for {exercise.name} ({step.target.label(exercise)})"
    following = next_exercise(exercise.id, ctx.program.routine_on(ctx.today), ctx.program.exercise)
    if following is None:
        reason = _sentence(why, top, "keep it as it is")
        return Suggestion(exercise.id, Action.HOLD, None, reason, evidence=evidence)
    add = f"add {ctx.program.exercise(following).name} to your routine rather than more of the same"
    return Suggestion(
        exercise.id, Action.STEP_UP, None, _sentence(why, top, add), following, evidence
    )


_RULES = (_rule_step_back, _rule_hold, _rule_step_up)


def _suggest_one(ctx: _Context, planned: Planned) -> Suggestion:
    """Rules 2–5 for one exercise (rule 1, a red flag, is checked for the whole routine)."""
    step = _step(ctx, planned)
    red = ctx.zone_days(Zone.RED)
    evidence = Evidence(red[-1] if red else None, ctx.week_median())
    for rule in _RULES:
        found = rule(ctx, step, evidence)
        if found is not None:
            return found
    raise AssertionError("rule 4 always decides")  # pragma: no cover


# --- the whole routine --------------------------------------------------------------------


def _recent_zones(
    days: Mapping[date, DayRecord], morning: dict[date, int], today: date
) -> dict[date, Zone]:
    """Zones of the last week's training days (the only ones the rules read)."""
    recent = {d: r for d, r in days.items() if 0 <= (today - d).days < RECENT_DAYS}
    return day_zones(recent, morning)


def _last_red_flag(days: Mapping[date, DayRecord], today: date) -> date | None:
    flagged = [
        day
        for day, record in days.items()
        if 0 <= (today - day).days < RED_FLAG_DAYS and any(p.red_flag for p in record.pain)
    ]
    return max(flagged, default=None)


def _summary(trend: Trend, suggestions: tuple[Suggestion, ...]) -> str:
    ups = sum(s.action is Action.STEP_UP and s.target is not None for s in suggestions)
    new = sum(s.next_exercise is not None for s in suggestions)
    backs = sum(s.action is Action.STEP_BACK for s in suggestions)
    parts = [
        _plural(n, word, words)
        for n, word, words in (
            (ups, "step up", "steps up"),
            (new, "new exercise", ""),
            (backs, "step back", "steps back"),
        )
        if n
    ]
    change = "suggested: " + ", ".join(parts) if parts else "no change suggested"
    return _sentence(trend_phrase(trend), change)


def suggest(
    program: Program,
    days: Mapping[date, DayRecord],
    today: date,
    done_threshold: float = 1.0,
) -> SuggestionSet:
    """One suggestion per exercise planned today, with the pain trend behind them.

    ``days`` holds the day records of at least the last 30 logical days (missing days count
    as nothing recorded); ``done_threshold`` is the share of planned sets (0–1] that makes
    an exercise's day done. Rules, first match wins (design §5): a red flag in the last 14
    days → ``none``; step back; hold; step up; otherwise hold.
    """
    if not 0 < done_threshold <= 1:
        raise ValueError("done_threshold must be above 0 and at most 1")
    morning = morning_scores(days.values())
    trend = pain_trend(morning, today)
    plan = program.plan_for(today)
    base = baseline(morning, today)
    flagged = _last_red_flag(days, today)
    if flagged is not None:
        reason = _sentence(
            f"a warning sign was recorded on {_date(flagged)}",
            "please read the safety notice and have it checked before changing anything",
        )
        suggestions = tuple(Suggestion(p.exercise.id, Action.NONE, None, reason) for p in plan)
        return SuggestionSet(trend, suggestions, True, reason, base)
    ctx = _Context(
        program, days, today, done_threshold, trend, _recent_zones(days, morning, today), morning
    )
    suggestions = tuple(_suggest_one(ctx, p) for p in plan)
    return SuggestionSet(trend, suggestions, False, _summary(trend, suggestions), base)
