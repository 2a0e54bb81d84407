"""The user's own exercises in the domain: rules, lookup, ladder, and the McGill additions."""

from datetime import date, datetime

import pytest
from dateutil import tz
from hypothesis import given
from hypothesis import strategies as st

from isotrack.domain import catalogue
from isotrack.domain.catalogue import ROUTINES, Mode, UnknownExercise
from isotrack.domain.custom import ExerciseSpec, InvalidExercise, edited, new_exercise, slug
from isotrack.domain.ladder import next_exercise, step_back, step_up
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, SetRecord
from isotrack.domain.targets import Target, start_target

D0 = date(2026, 11, 1)
AT = datetime(2026, 11, 1, 9, tzinfo=tz.UTC)
GLUTE = ExerciseSpec(
    name="Glute bridge hold", sets=2, reps=8, hold=10, cues=("Squeeze the glutes, ribs down",)
)


def glute(own=None, **changes):
    spec = ExerciseSpec(**{**GLUTE.__dict__, **changes})
    return new_exercise(spec, own or {})


def with_own(*exercises, day=D0) -> Program:
    program = Program.new(day, ROUTINES["beginner"])
    for exercise in exercises:
        program = program.with_exercise(day, exercise)
    return program


# --- the definition --------------------------------------------------------------------------


def test_a_new_exercise_takes_its_id_from_the_name() -> None:
    exercise = glute()
    assert exercise.id == "glute-bridge-hold"
    assert (exercise.sets, exercise.reps, exercise.hold, exercise.mode) == (2, 8, 10, Mode.FIXED)
    assert exercise.cue_lines == ("Squeeze the glutes, ribs down",)
    assert exercise.custom and not exercise.sided and exercise.next is None


def test_slugs() -> None:
    assert slug("  Dead bug (slow)! ") == "dead-bug-slow"
    assert slug("Brücke über") == "brucke-uber"
    assert slug("!!!") == ""


@given(st.text(max_size=60))
def test_a_slug_is_empty_or_a_usable_id(name: str) -> None:
    made = slug(name)
    assert made == "" or (
        len(made) <= 40
        and made == made.strip("-")
        and "--" not in made
        and all(c.isascii() and (c.isalnum() or c == "-") and not c.isupper() for c in made)
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "a name is needed"),
        ({"name": "   "}, "a name is needed"),
        ({"name": "x" * 41}, "at most 40 characters"),
        ({"name": "???"}, "at least one letter or digit"),
        ({"name": "Bird-dog"}, "already used by bird-dog"),
        ({"name": "Side Plank"}, "already used by side-plank"),
        ({"name": "superman"}, "already used by superman"),
        ({"sets": 0}, "sets must be a whole number from 1 to 10"),
        ({"reps": 51}, "reps must be a whole number from 1 to 50"),
        ({"hold": 601}, "hold must be a whole number from 1 to 600"),
        ({"cues": ("a", "b", "c", "d")}, "at most 3 cue lines"),
        ({"cues": ()}, "at least one cue line"),
        ({"cues": ("x" * 81,)}, "at most 80 characters"),
        ({"next": "nowhere"}, "'nowhere' does not exist"),
        ({"mode": Mode.MAX, "reps": 5}, "a max hold has no reps"),
    ],
)
def test_bad_definitions_are_refused_in_one_line(changes, message) -> None:
    with pytest.raises(InvalidExercise, match=message) as caught:
        glute(**changes)
    assert "\n" not in str(caught.value)


def test_an_id_is_never_a_catalogue_id_or_taken_twice() -> None:
    with pytest.raises(InvalidExercise, match="built-in exercise's id"):
        new_exercise(GLUTE, {}, "curl-up")
    first = glute()
    with pytest.raises(InvalidExercise, match="already used by glute-bridge-hold"):
        glute({first.id: first})
    with pytest.raises(InvalidExercise, match="already have an exercise with the id"):
        glute({first.id: first}, name="Glute bridge hold!")


def test_a_next_that_loops_back_is_refused() -> None:
    a = glute()
    b = new_exercise(ExerciseSpec(name="Dead bug", cues=("Slow",), next=a.id), {a.id: a})
    own = {a.id: a, b.id: b}
    with pytest.raises(InvalidExercise, match="loop"):
        edited(a, ExerciseSpec(next=b.id), own)
    with pytest.raises(InvalidExercise, match="loop"):
        edited(a, ExerciseSpec(next=a.id), own)
    assert edited(a, ExerciseSpec(next="superman"), own).next == "superman"


def test_control_characters_and_extra_spaces_are_dropped() -> None:
    exercise = glute(name="Glute\x1b[31m  bridge", cues=("  ribs\x07 down ", "", "breathe"))
    assert exercise.name == "Glute[31m bridge"
    assert exercise.cue_lines == ("ribs down", "breathe")


def test_editing_keeps_the_id_and_what_is_not_given() -> None:
    exercise = glute()
    changed = edited(exercise, ExerciseSpec(name="Bridge hold", hold=12), {exercise.id: exercise})
    assert (changed.id, changed.name, changed.hold, changed.reps) == (
        exercise.id,
        "Bridge hold",
        12,
        8,
    )
    with pytest.raises(InvalidExercise, match="built in"):
        edited(catalogue.get("superman"), ExerciseSpec(hold=6), {})


def test_a_max_hold_has_one_rep_and_a_goal() -> None:
    plank = new_exercise(
        ExerciseSpec(name="Wall sit", mode=Mode.MAX, sided=True, hold=40, cues=("Thighs level",)),
        {},
    )
    assert (plank.sets, plank.reps, plank.hold, plank.sides) == (3, 1, 40, ("left", "right"))
    assert Target(2, 1, 40).label(plank) == "2 /side × 40 s goal"


# --- the program -------------------------------------------------------------------------------


def test_the_program_finds_built_in_and_own_exercises() -> None:
    exercise = glute()
    program = with_own(exercise).with_routine(D0, ("knees-in", exercise.id))
    assert program.exercise("knees-in") is catalogue.get("knees-in")
    assert program.exercise(exercise.id) == exercise
    plan = program.plan_for(D0)
    assert [p.exercise.id for p in plan] == ["knees-in", "glute-bridge-hold"]
    assert plan[1].target == Target(1, 5, 10)  # the gentle start at the user's hold
    with pytest.raises(UnknownExercise, match="glute-bridge-hold"):
        program.exercise("nowhere")


def test_an_unknown_id_cannot_join_the_routine() -> None:
    with pytest.raises(UnknownExercise):
        Program.new(D0, ROUTINES["beginner"]).with_routine(D0, ("glute-bridge-hold",))


def test_an_edit_never_changes_how_a_past_day_is_judged() -> None:
    exercise = glute()
    program = with_own(exercise).with_routine(D0, (exercise.id,))
    day = DayRecord(D0, (SetRecord("s1", exercise.id, D0, 5, 10.0, AT),))
    assert program.completion(day) == 1.0
    later = date(2026, 11, 8)
    program = program.with_exercise(later, edited(exercise, ExerciseSpec(sided=True), {}))
    assert program.completion(day) == 1.0  # still judged as one-sided on its own day
    assert program.plan_for(later)[0].planned_sets == 2
    assert program.exercise(exercise.id, D0).sides == ()


def test_removal_is_refused_while_sets_or_routines_name_it() -> None:
    exercise = glute()
    program = with_own(exercise)
    assert program.removal_problem(exercise.id, has_sets=False) is None
    assert "take it out of the routine" in program.removal_problem(exercise.id, has_sets=True)
    in_routine = program.with_routine(D0, (exercise.id,))
    assert "take it out of the routine" in in_routine.removal_problem(exercise.id, False)
    assert "built in" in program.removal_problem("superman", False)
    assert program.without_exercise(exercise.id).own() == {}


# --- the ladder --------------------------------------------------------------------------------


def climb(exercise, target):
    rungs = [target]
    while (higher := step_up(exercise, rungs[-1])) is not None:
        rungs.append(higher)
    return [(t.sets, t.reps, t.hold) for t in rungs]


def test_an_own_exercise_climbs_to_the_users_top_target() -> None:
    exercise = glute()
    rungs = climb(exercise, start_target(exercise, "gentle"))
    assert rungs == [(1, 5, 10), (1, 7, 10), (1, 8, 10), (2, 8, 10)]
    assert step_back(exercise, Target(2, 8, 10)) == Target(1, 8, 10)
    assert step_back(exercise, Target(1, 8, 10)) == Target(1, 7, 10)


def test_an_own_fixed_hold_climbs_its_hold_last() -> None:
    exercise = glute(sets=1, reps=4, hold=12)
    assert climb(exercise, Target(1, 4, 10)) == [(1, 4, 10), (1, 4, 11), (1, 4, 12)]


def test_an_own_max_hold_follows_the_max_hold_ladder() -> None:
    exercise = new_exercise(
        ExerciseSpec(name="Wall sit", mode=Mode.MAX, sets=2, hold=20, cues=("Thighs level",)), {}
    )
    assert climb(exercise, start_target(exercise, "gentle")) == [
        (1, 1, 10),
        (1, 1, 12),
        (1, 1, 14),
        (1, 1, 16),
        (1, 1, 18),
        (1, 1, 20),
        (2, 1, 20),
    ]


def test_the_next_exercise_is_the_users_choice() -> None:
    bridge = glute()
    bug = new_exercise(
        ExerciseSpec(name="Dead bug", cues=("Slow",), next=bridge.id), {bridge.id: bridge}
    )
    program = with_own(bridge, bug)
    assert next_exercise(bug.id, (), program.exercise) == bridge.id
    assert next_exercise(bug.id, (bridge.id,), program.exercise) is None
    assert next_exercise(bridge.id, (), program.exercise) is None
    to_superman = edited(bridge, ExerciseSpec(next="superman"), {})
    program = program.with_exercise(D0, to_superman)
    assert next_exercise(bug.id, (bridge.id, "superman"), program.exercise) == "side-plank"


# --- the McGill additions ----------------------------------------------------------------------


def test_curl_up_and_bird_dog_are_built_in() -> None:
    curl, bird = catalogue.get("curl-up"), catalogue.get("bird-dog")
    assert (curl.hold, curl.reps, curl.sides, curl.mode) == (10, 6, (), Mode.FIXED)
    assert (bird.hold, bird.reps, bird.sides) == (10, 6, ("left", "right"))
    assert "bird-dog" in catalogue.get("superman").note


def test_the_mcgill_routine_at_full_targets() -> None:
    program = Program.new(D0, ROUTINES["mcgill"], start="full")
    plan = {p.exercise.id: p for p in program.plan_for(D0)}
    assert list(plan) == ["curl-up", "side-plank", "bird-dog"]
    assert plan["curl-up"].target == Target(3, 6, 10)
    assert plan["bird-dog"].planned_sets == 6
    assert plan["side-plank"].planned_sets == 6


# --- merging an import -------------------------------------------------------------------------


def test_an_import_merges_own_exercises_by_id() -> None:
    from isotrack.domain.custom import merge_own
    from isotrack.domain.targets import Dated, History

    bridge, later = glute(), date(2026, 11, 9)
    longer = edited(bridge, ExerciseSpec(hold=12), {})
    mine = {bridge.id: History([Dated(D0, bridge)])}
    theirs = {bridge.id: History([Dated(D0, bridge), Dated(later, longer)])}
    merged = merge_own(mine, theirs)
    assert [e.value.hold for e in merged[bridge.id]] == [10, 12]
    assert merge_own(theirs, mine) == theirs
    bug = new_exercise(ExerciseSpec(name="Dead bug", cues=("Slow",)), {})
    assert set(merge_own(mine, {bug.id: History([Dated(D0, bug)])})) == {bridge.id, bug.id}


def test_an_import_naming_a_different_exercise_with_my_id_is_refused() -> None:
    from isotrack.domain.custom import merge_own
    from isotrack.domain.targets import Dated, History

    bridge = glute()
    other = ExerciseSpec(name="Bridge", cues=("x",))
    impostor = new_exercise(other, {}, bridge.id)
    mine = {bridge.id: History([Dated(D0, bridge)])}
    with pytest.raises(
        InvalidExercise, match=r"\(Bridge, 3 × 6 × 10 s.*\(Glute bridge hold, 2 × 8"
    ):
        merge_own(mine, {bridge.id: History([Dated(D0, impostor)])})
    with pytest.raises(InvalidExercise, match="not your"):  # made on another day
        merge_own(mine, {bridge.id: History([Dated(date(2026, 11, 2), bridge)])})
    builtin = impostor._replace(id="curl-up")
    with pytest.raises(InvalidExercise, match="built-in McGill curl-up"):
        merge_own({}, {"curl-up": History([Dated(D0, builtin)])})
