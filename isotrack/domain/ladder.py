"""The ladder of targets: one small change per step (design §5).

Fixed holds build reps first, then sets, then the hold (McGill: repeated short holds, more reps
rather than longer holds; the 001 series: start with fewer reps and build up). Max holds build
the goal time to a cap, then sets. After the top comes the next exercise.

Where a ladder ends and what follows it come from ``Exercise.top_of_ladder``: the design's
ceilings for a built-in exercise, the user's own top target and "next" for theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from isotrack.domain import catalogue
from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.targets import Target, gentle_target
from isotrack.domain.thresholds import (
    GOAL_BACK_PERCENT,
    GOAL_FLOOR,
    GOAL_MIN_BACK,
    GOAL_MIN_UP,
    GOAL_UP_PERCENT,
    REPS_STEP,
)


def _reps_rungs(exercise: Exercise, top: Target) -> list[int]:
    """Reps rungs below the top: the gentle start ± 2 at a time, and the top reps."""
    start = min(gentle_target(exercise).reps, top.reps)
    return sorted({*range(start, 0, -REPS_STEP), *range(start, top.reps, REPS_STEP), top.reps})


def _goal_up(target: Target, top: Target) -> Target | None:
    """Max hold: goal +10% (at least +2 s) up to the top goal, then one more set per side."""
    if target.hold < top.hold:
        rise = max(GOAL_MIN_UP, -(-target.hold * GOAL_UP_PERCENT // 100))
        return Target(target.sets, target.reps, min(top.hold, target.hold + rise))
    if target.sets < top.sets:
        return Target(target.sets + 1, target.reps, target.hold)
    return None


def _goal_back(target: Target) -> Target | None:
    """Max hold: goal −20% (at least −2 s, not below 5 s); at the floor, one set fewer."""
    if target.hold > GOAL_FLOOR:
        cut = (target.hold * (100 - GOAL_BACK_PERCENT) + 50) // 100
        return Target(
            target.sets, target.reps, max(GOAL_FLOOR, min(target.hold - GOAL_MIN_BACK, cut))
        )
    if target.sets > 1:
        return Target(target.sets - 1, target.reps, target.hold)
    return None


def step_up(exercise: Exercise, target: Target) -> Target | None:
    """The next rung up, or None at the top of the ladder.

    Fixed holds: reps +2 up to the top reps (a target set by hand between rungs goes two up:
    8 → 10), then sets +1 to the top sets, then hold +1 s to the top hold.
    """
    top, _ = exercise.top_of_ladder()
    if exercise.mode is Mode.MAX:
        return _goal_up(target, top)
    if target.reps < top.reps:
        return Target(target.sets, min(top.reps, target.reps + REPS_STEP), target.hold)
    if target.sets < top.sets:
        return Target(target.sets + 1, target.reps, target.hold)
    if target.hold < top.hold:
        return Target(target.sets, target.reps, target.hold + 1)
    return None


def step_back(exercise: Exercise, target: Target) -> Target | None:
    """The previous rung, or None when this is already the lowest one.

    From the gentle start, ``step_back(step_up(t)) == t`` for fixed holds.
    """
    if exercise.mode is Mode.MAX:
        return _goal_back(target)
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
    routine; ``find`` looks an id up (``Program.exercise`` knows the user's own).
    """
    seen = {exercise_id}
    _, following = find(exercise_id).top_of_ladder()
    while following is not None and following not in seen:
        if following not in routine:
            return following
        seen.add(following)
        _, following = find(following).top_of_ladder()
    return None
