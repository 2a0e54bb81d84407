"""The ladder of targets: one small change per step (design §5).

Fixed holds build reps first, then sets, then the hold (McGill: repeated short holds, more reps
rather than longer holds; the 001 series: start with fewer reps and build up). Max holds build
the goal time to a cap, then sets. After the top comes the next exercise in the line.
"""

from __future__ import annotations

from isotrack.domain.catalogue import ROUTINES, Exercise, Mode
from isotrack.domain.targets import Target, gentle_target
from isotrack.domain.thresholds import (
    GOAL_BACK_PERCENT,
    GOAL_FLOOR,
    GOAL_MIN_BACK,
    GOAL_MIN_UP,
    GOAL_UP_PERCENT,
    MAX_GOAL,
    MAX_HOLD,
    MAX_SETS,
    REPS_STEP,
)

# After the top rung comes the next exercise; the beginner series counts as one step.
LINE: tuple[tuple[str, ...], ...] = (
    ROUTINES["beginner"],
    ("superman",),
    ("side-plank",),
    ("pallof-press",),
)


def _reps_rungs(exercise: Exercise) -> list[int]:
    """Reps rungs below the top: the gentle start ± 2 at a time, and the catalogue reps."""
    start, top = gentle_target(exercise).reps, exercise.reps
    return sorted({*range(start, 0, -REPS_STEP), *range(start, top, REPS_STEP), top})


def _goal_up(target: Target) -> Target | None:
    """Max hold: goal +10% (at least +2 s) up to 60 s, then one more set per side up to 3."""
    if target.hold < MAX_GOAL:
        rise = max(GOAL_MIN_UP, -(-target.hold * GOAL_UP_PERCENT // 100))
        return Target(target.sets, target.reps, min(MAX_GOAL, target.hold + rise))
    if target.sets < MAX_SETS:
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

    Fixed holds: reps +2 up to the catalogue reps (a target set by hand between rungs goes
    two up: 8 → 10), then sets +1 to 3, then hold +1 s to 10 s.
    """
    if exercise.mode is Mode.MAX:
        return _goal_up(target)
    if target.reps < exercise.reps:
        return Target(target.sets, min(exercise.reps, target.reps + REPS_STEP), target.hold)
    if target.sets < MAX_SETS:
        return Target(target.sets + 1, target.reps, target.hold)
    if target.hold < MAX_HOLD:
        return Target(target.sets, target.reps, target.hold + 1)
    return None


def step_back(exercise: Exercise, target: Target) -> Target | None:
    """The previous rung, or None when this is already the lowest one.

    From the gentle start, ``step_back(step_up(t)) == t`` for fixed holds.
    """
    if exercise.mode is Mode.MAX:
        return _goal_back(target)
    at_full_reps = target.reps >= exercise.reps
    if at_full_reps and target.sets >= MAX_SETS and target.hold > exercise.hold:
        return Target(target.sets, target.reps, target.hold - 1)
    if at_full_reps and target.sets > 1:
        return Target(target.sets - 1, target.reps, target.hold)
    lower = [r for r in _reps_rungs(exercise) if r < target.reps]
    return Target(target.sets, max(lower), target.hold) if lower else None


def next_exercise(exercise_id: str, routine: tuple[str, ...] = ()) -> str | None:
    """The first exercise after this one's step in the line that is not in ``routine``."""
    for i, group in enumerate(LINE):
        if exercise_id in group:
            later = [e for g in LINE[i + 1 :] for e in g if e not in routine]
            return later[0] if later else None
    return None
