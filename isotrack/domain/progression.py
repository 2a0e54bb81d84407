"""Progression: the ladder of targets and one suggestion per routine exercise (design §5).

Nothing here changes a target: a suggestion is shown with its reason, and the user accepts
it (the caller then sets ``Suggestion.target`` from today on) or dismisses it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import median

from isotrack.domain import catalogue
from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.program import Planned, Program
from isotrack.domain.records import DayRecord
from isotrack.domain.targets import History, Target, gentle_target
from isotrack.domain.trend import (
    Direction,
    Trend,
    format_score,
    morning_scores,
    pain_trend,
    trend_phrase,
)
from isotrack.domain.zones import Zone, day_zones

# The ladder (design §5); where it ends is Exercise.top_of_ladder (built-in or the user's own).
MAX_HOLD_UP_PERCENT = 10  # max-hold exercises: goal time +10% per step up ...
MAX_HOLD_MIN_UP = 2  # ... and at least this many seconds
MAX_HOLD_BACK_PERCENT = 20  # max-hold exercises: goal time −20% per step back

# The suggestion rules (design §5).
RECENT_DAYS = 7  # "the last 7 days": today and the six days before
RED_FLAG_DAYS = 14  # a red flag this recent silences every suggestion
LOOKBACK_DAYS = 30  # how far back training days are looked for
RED_DAYS_TO_STEP_BACK = 2
SHORT_DAYS_TO_STEP_BACK = 3
DAYS_BEFORE_NEXT_STEP = 7  # a step change needs this many days before the next one
DONE_DAYS_AT_STEP = 5
MAX_AMBER_DAYS = 2
COMPLETE_DAYS_TO_STEP_UP = 2
LOW_PAIN = 2  # a 7-day median morning pain this low allows a step up


class Action(StrEnum):
    """What a suggestion asks of the user."""

    STEP_UP = "step-up"
    HOLD = "hold"
    STEP_BACK = "step-back"
    NONE = "none"  # no suggestion at all (a recent red flag)


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

    @property
    def key(self) -> str:
        """The facts of the suggestion as text; a dismissal holds while this stays the same."""
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

    def for_exercise(self, exercise_id: str) -> Suggestion | None:
        """The suggestion for one exercise, if it is in the routine."""
        return next((s for s in self.suggestions if s.exercise == exercise_id), None)


# --- the ladder ---------------------------------------------------------------------------


def _reps_rungs(exercise: Exercise, top: Target) -> list[int]:
    """Reps rungs: the gentle start ± 2 at a time, capped at the top reps."""
    start = min(gentle_target(exercise).reps, top.reps)
    return sorted({*range(start, 0, -2), *range(start, top.reps, 2), top.reps})


def step_up(exercise: Exercise, target: Target) -> Target | None:
    """The next rung up, or None at the top of the ladder (``Exercise.top_of_ladder``).

    Fixed holds: reps up the rungs to the top reps, then sets +1 to the top sets, then hold
    +1 s to the top hold. Max holds: goal time +10% (at least +2 s) up to the top goal, then
    sets per side +1 to the top sets.
    """
    top, _ = exercise.top_of_ladder()
    if exercise.mode is Mode.MAX:
        if target.hold < top.hold:
            rise = max(MAX_HOLD_MIN_UP, -(-target.hold * MAX_HOLD_UP_PERCENT // 100))
            return Target(target.sets, target.reps, min(top.hold, target.hold + rise))
        if target.sets < top.sets:
            return Target(target.sets + 1, target.reps, target.hold)
        return None
    if target.reps < top.reps:
        reps = min(r for r in _reps_rungs(exercise, top) if r > target.reps)
        return Target(target.sets, reps, target.hold)
    if target.sets < top.sets:
        return Target(target.sets + 1, target.reps, target.hold)
    if target.hold < top.hold:
        return Target(target.sets, target.reps, target.hold + 1)
    return None


def step_back(exercise: Exercise, target: Target) -> Target | None:
    """The previous rung, or None when this is already the lowest one.

    On the ladder ``step_back(step_up(t)) == t`` for fixed holds. Max holds: goal time −20%
    (rounded, at least −1 s, not below 1 s).
    """
    if exercise.mode is Mode.MAX:
        if target.hold <= 1:
            return None
        cut = target.hold * (100 - MAX_HOLD_BACK_PERCENT)
        hold = max(1, min(target.hold - 1, (cut + 50) // 100))
        return Target(target.sets, target.reps, hold)
    top, _ = exercise.top_of_ladder()
    at_full_reps = target.reps >= top.reps
    if at_full_reps and target.sets >= top.sets and target.hold > exercise.hold:
        return Target(target.sets, target.reps, target.hold - 1)
    if at_full_reps and target.sets > 1:
        return Target(target.sets - 1, target.reps, target.hold)
    lower = [r for r in _reps_rungs(exercise, top) if r < target.reps]
    return Target(target.sets, max(lower), target.hold) if lower else None


def next_exercise(
    exercise_id: str,
    routine: tuple[str, ...] = (),
    find: Callable[[str], Exercise] = catalogue.get,
) -> str | None:
    """The exercise after this one's top rung that is not in ``routine`` yet.

    Follows each exercise's "next" (``Exercise.top_of_ladder``) past those already in the
    routine; ``find`` looks an id up (``Program.exercise`` for the user's own).
    """
    seen = {exercise_id}
    _, following = find(exercise_id).top_of_ladder()
    while following is not None and following not in seen:
        if following not in routine:
            return following
        seen.add(following)
        _, following = find(following).top_of_ladder()
    return None


# --- the suggestion rules -----------------------------------------------------------------


@dataclass(frozen=True)
class _Session:
    """One training day of one exercise: the share of planned sets done."""

    day: date
    fraction: float
    started: bool


@dataclass(frozen=True)
class _Context:
    program: Program
    days: Mapping[date, DayRecord]
    today: date
    threshold: float
    trend: Trend
    zones: dict[date, Zone]
    recent_morning_median: float | None

    def ago(self, day: date) -> int:
        return (self.today - day).days

    def is_recent(self, day: date) -> bool:
        return 0 <= self.ago(day) < RECENT_DAYS

    def record(self, day: date) -> DayRecord:
        return self.days.get(day) or DayRecord(day)

    def fraction(self, exercise_id: str, day: date) -> float | None:
        """Share of the exercise's planned sets done on ``day``; None when not planned."""
        target = self.program.target_on(exercise_id, day)
        if target is None or exercise_id not in self.program.routine_on(day):
            return None
        planned = Planned(self.program.exercise(exercise_id, day), target)
        return min(1.0, planned.done_sets(self.record(day)) / planned.planned_sets)

    def is_done(self, fraction: float | None) -> bool:
        return fraction is not None and fraction >= self.threshold - 1e-9

    def sessions(self, exercise_id: str) -> list[_Session]:
        """Training days of the exercise, newest first; today only once it is done.

        A training day is a planned day that was scheduled and not skipped, or on which the
        exercise was started anyway.
        """
        first = self.program.first_day() or self.today
        oldest = max(first, self.today - timedelta(days=LOOKBACK_DAYS - 1))
        found = []
        day = self.today
        while day >= oldest:
            fraction = self.fraction(exercise_id, day)
            record = self.record(day)
            started = any(s.exercise == exercise_id for s in record.sets)
            scheduled = not self.program.is_rest_day(day) and record.skipped is None
            closed = day < self.today or self.is_done(fraction)
            if fraction is not None and (started or scheduled) and closed:
                found.append(_Session(day, fraction, started))
            day -= timedelta(days=1)
        return found


def _last_red_flag(days: Mapping[date, DayRecord], today: date) -> date | None:
    flagged = [
        day
        for day, record in days.items()
        if 0 <= (today - day).days < RED_FLAG_DAYS and any(p.red_flag for p in record.pain)
    ]
    return max(flagged, default=None)


def _stepped_back_on(history: History[Target], today: date) -> date | None:
    """The day of the last target change when it lowered the target less than a week ago."""
    entries = list(history)
    if len(entries) < 2 or (today - entries[-1].since).days >= DAYS_BEFORE_NEXT_STEP:
        return None
    before, now = entries[-2].value, entries[-1].value
    if now.sets * now.reps * now.hold < before.sets * before.reps * before.hold:
        return entries[-1].since
    return None


def _plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def _date(day: date) -> str:
    return f"{day.day} {day:%b}"


def _ago(n: int) -> str:
    return "today" if n == 0 else "yesterday" if n == 1 else f"{n} days ago"


def _sentence(*parts: str) -> str:
    text = "; ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "."


def _suggest_one(ctx: _Context, planned: Planned) -> Suggestion:
    exercise, target = planned.exercise, planned.target
    history = ctx.program.targets[exercise.id]
    changed = history.last_change() or ctx.today
    backed_off = _stepped_back_on(history, ctx.today)
    sessions = ctx.sessions(exercise.id)
    recent_sessions = [s for s in sessions if ctx.is_recent(s.day)]
    done_recent = sum(ctx.is_done(s.fraction) for s in recent_sessions)
    completed = (
        f"completed on {done_recent} of {_plural(len(recent_sessions), 'training day')} "
        "this past week"
        if recent_sessions
        else ""
    )

    def counts(day: date) -> bool:  # after a recent step back, older evidence is spent
        return backed_off is None or day >= backed_off

    # Rule 2: step back.
    red_days = [d for d, z in ctx.zones.items() if z is Zone.RED and ctx.is_recent(d)]
    red_counted = [d for d in red_days if counts(d)]
    short = [s for s in sessions if s.started and counts(s.day)][:SHORT_DAYS_TO_STEP_BACK]
    why_back = []
    if len(red_counted) >= RED_DAYS_TO_STEP_BACK:
        why_back.append(
            f"pain was in the red zone on {len(red_counted)} of the last {RECENT_DAYS} days"
        )
    if ctx.trend.direction is Direction.UP and backed_off is None:
        why_back.append(
            f"{trend_phrase(ctx.trend)} (see a clinician if it keeps rising week after week)"
        )
    if len(short) == SHORT_DAYS_TO_STEP_BACK and not any(ctx.is_done(s.fraction) for s in short):
        why_back.append(
            f"the last {SHORT_DAYS_TO_STEP_BACK} times you started it you stopped short "
            "of the target"
        )
    if why_back:
        lower = step_back(exercise, target)
        if lower is None:
            return Suggestion(
                exercise.id,
                Action.HOLD,
                None,
                _sentence(
                    *why_back,
                    "this is already the lowest step, so keep it gentle and see a clinician "
                    "if pain keeps rising",
                ),
            )
        return Suggestion(
            exercise.id,
            Action.STEP_BACK,
            lower,
            _sentence(*why_back, f"step back to {lower.label(exercise)}"),
        )

    # Rule 3: hold.
    since_change = (ctx.today - changed).days
    done_at_step = sum(
        ctx.is_done(ctx.fraction(exercise.id, d)) for d in ctx.days if changed <= d <= ctx.today
    )
    ambers = sum(1 for d, z in ctx.zones.items() if z is Zone.AMBER and ctx.is_recent(d))
    why_hold = ""
    if since_change < DAYS_BEFORE_NEXT_STEP:
        if backed_off is not None:
            why_hold = (
                f"you stepped back {_ago(since_change)}; give the lower step a week to settle"
            )
        else:
            began = "started at this step" if len(history) == 1 else "moved to this step"
            why_hold = (
                f"you {began} {_ago(since_change)}; give each step at least "
                f"{DAYS_BEFORE_NEXT_STEP} days"
            )
    elif done_at_step < DONE_DAYS_AT_STEP:
        why_hold = (
            f"completed on {_plural(done_at_step, 'day')} at this step so far; "
            f"{DONE_DAYS_AT_STEP} are needed before a step up"
        )
    elif red_days:
        why_hold = f"pain was in the red zone on {_date(max(red_days))}; let it settle first"
    elif ambers > MAX_AMBER_DAYS:
        why_hold = (
            f"pain was in the amber zone on {ambers} of the last {RECENT_DAYS} days; "
            "let it settle first"
        )
    if why_hold:
        return Suggestion(exercise.id, Action.HOLD, None, _sentence(why_hold))

    # Rule 4: step up.
    last = sessions[:COMPLETE_DAYS_TO_STEP_UP]
    last_complete = len(last) == COMPLETE_DAYS_TO_STEP_UP and all(
        ctx.is_done(s.fraction) for s in last
    )
    why_up = ""
    if last_complete and ctx.trend.direction is Direction.DOWN:
        improved = ", a meaningful improvement" if ctx.trend.improved else ""
        why_up = trend_phrase(ctx.trend) + improved
    elif (
        ctx.recent_morning_median is not None
        and ctx.recent_morning_median <= LOW_PAIN
        and ctx.trend.direction is not Direction.UP
    ):
        why_up = (
            f"morning pain has stayed low (median {format_score(ctx.recent_morning_median)} "
            f"over the last {RECENT_DAYS} days)"
        )
    if why_up:
        higher = step_up(exercise, target)
        if higher is not None:
            return Suggestion(
                exercise.id,
                Action.STEP_UP,
                higher,
                _sentence(why_up, completed, f"next step: {higher.label(exercise)}"),
            )
        top = f"this is the top of the ladder for {exercise.name} ({target.label(exercise)})"
        following = next_exercise(
            exercise.id, ctx.program.routine_on(ctx.today), ctx.program.exercise
        )
        if following is None:
            return Suggestion(
                exercise.id, Action.HOLD, None, _sentence(why_up, top, "keep it as it is")
            )
        return Suggestion(
            exercise.id,
            Action.STEP_UP,
            None,
            _sentence(
                why_up,
                top,
                f"add {ctx.program.exercise(following).name} to your routine rather than more "
                "of the same",
            ),
            following,
        )

    # Rule 5: hold.
    if ctx.trend.direction is Direction.DOWN:
        why = (
            f"{trend_phrase(ctx.trend)}, but the last {COMPLETE_DAYS_TO_STEP_UP} days you "
            "trained were not both completed"
        )
    else:
        why = trend_phrase(ctx.trend)
    return Suggestion(exercise.id, Action.HOLD, None, _sentence(why, completed, "keep this target"))


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
    trend = pain_trend(morning_scores(days.values()), today)
    plan = program.plan_for(today)
    flagged = _last_red_flag(days, today)
    if flagged is not None:
        reason = _sentence(
            f"a warning sign was recorded on {_date(flagged)}",
            "please read the safety notice and have it checked before changing anything",
        )
        suggestions = tuple(Suggestion(p.exercise.id, Action.NONE, None, reason) for p in plan)
        return SuggestionSet(trend, suggestions, True, reason)
    recent_scores = [
        score
        for day, score in morning_scores(days.values()).items()
        if 0 <= (today - day).days < RECENT_DAYS
    ]
    ctx = _Context(
        program=program,
        days=days,
        today=today,
        threshold=done_threshold,
        trend=trend,
        zones=day_zones(days),
        recent_morning_median=float(median(recent_scores)) if recent_scores else None,
    )
    suggestions = tuple(_suggest_one(ctx, p) for p in plan)
    return SuggestionSet(trend, suggestions, False, _summary(trend, suggestions))
