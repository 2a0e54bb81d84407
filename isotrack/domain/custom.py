"""The user's own exercises (design §7): the rules a definition must meet, as pure functions.

Every check raises :class:`InvalidExercise` with one line saying what is wrong, so the CLI and
the app's form show the same words and nothing is stored from a bad definition.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from isotrack.domain import catalogue
from isotrack.domain.exercise import SIDES, Exercise, InvalidExercise, InvalidTarget, Mode, Target
from isotrack.domain.ids import ID_MAX, ID_SHAPE
from isotrack.domain.targets import History

NAME_MAX = 40  # characters in a name (design)
CUE_LINES = (1, 3)  # an own exercise has one to three cue lines (design §7)
CUE_MAX = 80  # characters in one cue line (short enough to read on the floor)
SOURCE = "own"

# What a new own exercise asks for when the user leaves a part out (design: McGill's ~10-s
# holds; a max hold's goal is a modest half minute).
DEFAULT_FIXED = Target(3, 6, 10)
DEFAULT_MAX = Target(3, 1, 30)

_SLUG_GAP = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class ExerciseSpec:
    """What the user typed for an own exercise; None leaves a part as it is (or the default)."""

    name: str | None = None
    mode: Mode | None = None
    sided: bool | None = None
    sets: int | None = None
    reps: int | None = None
    hold: int | None = None  # for a max hold: the goal time
    cues: tuple[str, ...] | None = None
    next: str | None = None
    clear_next: bool = False  # "no next exercise" (distinct from leaving it as it is)


def slug(name: str) -> str:
    """The id made from a name: lower-case ASCII letters and digits joined by hyphens."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SLUG_GAP.sub("-", plain.lower()).strip("-")[:ID_MAX].rstrip("-")


def clean_text(value: str) -> str:
    """``value`` with control characters dropped and runs of spaces made one."""
    return " ".join("".join(c for c in value if unicodedata.category(c)[0] != "C").split())


def name_text(name: str) -> str:
    """The cleaned name: not empty, at most NAME_MAX characters."""
    name = clean_text(name)
    if not name:
        raise InvalidExercise("a name is needed")
    if len(name) > NAME_MAX:
        raise InvalidExercise(f"a name is at most {NAME_MAX} characters ({len(name)} given)")
    return name


def check_name(name: str, own: Mapping[str, Exercise], editing: str | None = None) -> str:
    """The cleaned name, unique among built-in and own exercises (but ``editing``'s own)."""
    name = name_text(name)
    taken = [e for e in (*catalogue.CATALOGUE, *own.values()) if e.id != editing]
    clash = next((e for e in taken if e.name.casefold() == name.casefold()), None)
    if clash is not None:
        raise InvalidExercise(f"the name '{name}' is already used by {clash.id}")
    return name


def check_new_id(exercise_id: str, own: Mapping[str, Exercise]) -> str:
    """A fresh id: slug-shaped, not a catalogue id and not one of the user's own."""
    if not ID_SHAPE.match(exercise_id) or len(exercise_id) > ID_MAX:
        raise InvalidExercise(
            f"'{exercise_id}' is not a usable id: use lower-case letters, digits and hyphens"
        )
    if exercise_id in catalogue.BY_ID:
        raise InvalidExercise(
            f"'{exercise_id}' is a built-in exercise's id; choose another name or id"
        )
    if exercise_id in own:
        raise InvalidExercise(f"you already have an exercise with the id '{exercise_id}'")
    return exercise_id


def check_cues(cues: tuple[str, ...]) -> tuple[str, ...]:
    """One to three short cue lines, cleaned (plain text, no empty lines)."""
    lines = tuple(line for line in (clean_text(c) for c in cues) if line)
    low, high = CUE_LINES
    if len(lines) > high:
        raise InvalidExercise(f"at most {high} cue lines ({len(lines)} given)")
    if len(lines) < low:
        raise InvalidExercise("give at least one cue line: what to do during the hold")
    long = next((line for line in lines if len(line) > CUE_MAX), None)
    if long is not None:
        raise InvalidExercise(f"a cue line is at most {CUE_MAX} characters ({len(long)} given)")
    return lines


def check_target(mode: Mode, sets: int, reps: int, hold: int) -> Target:
    """The top target, each part within its range (a max hold has one rep per set)."""
    if mode is Mode.MAX:
        reps = 1
    try:
        return Target(sets, reps, hold)
    except InvalidTarget as exc:
        what = "the goal" if mode is Mode.MAX and "hold" in str(exc) else "the top target"
        raise InvalidExercise(f"{what}: {exc}") from None


def check_next(exercise_id: str, following: str | None, own: Mapping[str, Exercise]) -> None:
    """``following`` exists and does not lead back to ``exercise_id`` along the ladder."""
    if following is None:
        return
    known = {**catalogue.BY_ID, **own}
    if following not in known and following != exercise_id:
        raise InvalidExercise(f"the next exercise '{following}' does not exist")
    seen, step = [exercise_id], following
    while step is not None:
        if step in seen:
            path = " → ".join([*seen, step])
            raise InvalidExercise(f"the next exercise makes a loop ({path})")
        seen.append(step)
        ahead = known.get(step)
        step = ahead.next if ahead is not None else None


def build(
    exercise_id: str,
    spec: ExerciseSpec,
    own: Mapping[str, Exercise],
    base: Exercise | None,
    stored: bool = False,
) -> Exercise:
    """The exercise ``spec`` describes over ``base`` (None: a new one), fully checked.

    ``own`` holds the user's exercises as they are now (``base`` among them when editing).
    ``stored``: a definition read back from a file, checked on its own; whether its name is
    unique and its "next" exists depend on the others and were checked when it was made.
    """
    mode = spec.mode or (base.mode if base else Mode.FIXED)
    default = DEFAULT_MAX if mode is Mode.MAX else DEFAULT_FIXED
    if base is not None and base.mode is mode:
        default = Target(base.sets, base.reps, base.hold)
    if mode is Mode.MAX and spec.reps is not None:
        raise InvalidExercise("a max hold has no reps: give --sets and --goal")
    target = check_target(
        mode,
        spec.sets if spec.sets is not None else default.sets,
        spec.reps if spec.reps is not None else default.reps,
        spec.hold if spec.hold is not None else default.hold,
    )
    name = spec.name if spec.name is not None else (base.name if base else "")
    name = name_text(name) if stored else check_name(name, own, exercise_id if base else None)
    cues = check_cues(spec.cues if spec.cues is not None else (base.cue_lines if base else ()))
    following = None if spec.clear_next else (spec.next or (base.next if base else None))
    if not stored:
        check_next(exercise_id, following, {k: v for k, v in own.items() if k != exercise_id})
    sided = spec.sided if spec.sided is not None else bool(base and base.sided)
    return Exercise(
        id=exercise_id,
        name=name,
        source=SOURCE,
        position="",
        cue="\n".join(cues),
        hold=target.hold,
        reps=target.reps,
        sets=target.sets,
        sides=SIDES if sided else (),
        equipment="none",
        mode=mode,
        next=following,
        custom=True,
    )


def new_exercise(
    spec: ExerciseSpec, own: Mapping[str, Exercise], exercise_id: str | None = None
) -> Exercise:
    """A new own exercise; its id is made from the name unless given."""
    if spec.name is None or not clean_text(spec.name):
        raise InvalidExercise("a name is needed")
    made = exercise_id if exercise_id is not None else slug(clean_text(spec.name))
    if not made:
        raise InvalidExercise("a name needs at least one letter or digit (for its id)")
    check_name(spec.name, own)
    return build(check_new_id(made, own), spec, own, None)


def edited(exercise: Exercise, spec: ExerciseSpec, own: Mapping[str, Exercise]) -> Exercise:
    """``exercise`` with the parts ``spec`` gives changed (its id never changes)."""
    if not exercise.custom:
        raise InvalidExercise(f"{exercise.id} is built in; only your own exercises can be edited")
    return build(exercise.id, spec, own, exercise)


def outline(exercise: Exercise) -> str:
    """A definition in a few words: name, top target and first cue."""
    top = Target(exercise.sets, exercise.reps, exercise.hold).label(exercise)
    cue = exercise.cue_lines[0] if exercise.cue_lines else ""
    return f"{exercise.name}, {top}, “{cue}”"


def merge_own(
    mine: Mapping[str, History[Exercise]], theirs: Mapping[str, History[Exercise]]
) -> dict[str, History[Exercise]]:
    """The user's own exercises merged with an import's, by id.

    The same exercise (same first definition, the same on every date both hold) merges its
    edits by date; an id that names a different exercise, or a built-in one, is refused with
    one line naming both, before anything is written.
    """
    merged = dict(mine)
    for exercise_id, history in sorted(theirs.items()):
        theirs_now = history.latest()
        if exercise_id in catalogue.BY_ID:
            raise InvalidExercise(
                f"the file's own exercise '{exercise_id}' ({outline(theirs_now)}) has the id "
                f"of the built-in {catalogue.BY_ID[exercise_id].name}"
            )
        own = mine.get(exercise_id)
        if own is None:
            merged[exercise_id] = history
            continue
        by_day = {e.since: e.value for e in own}
        first_mine, first_theirs = next(iter(own)), next(iter(history))
        if first_mine != first_theirs or any(
            by_day.get(e.since, e.value) != e.value for e in history
        ):
            mine_now = own.latest()
            raise InvalidExercise(
                f"the file's exercise '{exercise_id}' ({outline(theirs_now)}) is not your "
                f"'{exercise_id}' ({outline(mine_now)}); rename one and import again"
            )
        merged[exercise_id] = History([*own, *(e for e in history if e.since not in by_day)])
    return merged
