"""The text of the help screen (our own words; facts and sources from shared/)."""

from __future__ import annotations

from isotrack.domain import thresholds as T
from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.domain.trend import MIN_POINTS, RELIEF_PERCENT, RELIEF_POINTS, WINDOW_DAYS

TIMER = """\
## The timer's sounds

You can follow the timer without looking: a 3-2-1 count before each hold, then a cue as each
hold, relax, rest, change of side, set and exercise begins or ends. With *Sounds* set to voice,
a speech program says what comes (espeak-ng, spd-say or macOS say, if one is installed);
otherwise each moment has its own short tone (played with pw-play, paplay, aplay or afplay);
with none of those, the terminal bell rings. Choose voice, tones, bell or off in Settings, or
with `isotrack config cues tones`; `config count_in off` drops the count.

In a browser (`isotrack serve`) the page gets only the terminal bell, and textual-serve does not
sound it, so the page itself is silent; voice and tones still play on the computer running
isotrack (heard when that is the one in front of you).
`r` on Today follows the whole routine: every exercise's remaining sets in order, with a rest
between exercises (`config exercise_rest 45`) and the next one announced.
"""

CALENDAR = """\
## The calendar's colours

Each square is one day, coloured by how much of that day's plan you did, judged against the
targets that were in force on that day (changing a target later never repaints the past).

| level | means |
|---|---|
| 0 | nothing logged |
| 1 | some sets, under a third of the plan |
| 2 | a third to two thirds |
| 3 | two thirds or more, not yet done |
| 4 | done: at least the *done threshold* of the plan (all of it, unless changed in Settings) |

Rest days (not in your schedule), skipped days (you were ill or away), today, and the days before
you started each have a mark of their own; the legend under the calendar shows them. Rest and
skipped days never break a streak, and today does not break it while it is still open.
"""

PROGRESSION = f"""\
## How suggestions are made

isotrack never changes a target by itself: it suggests, says why, and you accept or dismiss.
Exercise for lasting back pain is built up by plan, a little at a time (graded activity); pain
is watched as a safety limit. Pain during exercise of up to {T.AMBER_DURING} out of 10 is
acceptable when it settles by the next morning and does not climb week after week (the
pain-monitoring model of Silbernagel and colleagues, *Am J Sports Med* 2007).

**Your baseline** is your typical morning pain over the {T.BASELINE_DAYS} days before. **Each
training day gets a zone**: red when pain during the session went above {T.AMBER_DURING}, or the
next two mornings were both {T.RED_RISE} or more above your baseline; amber for pain of
{T.GREEN_DURING + 1} to {T.AMBER_DURING} during, or a next morning {T.AMBER_RISE} above; else
green. One bad morning never makes a red day.

**Some scores call for a word at once**: pain above {T.STOP_DURING} during a session means stop
that exercise for today and do it a step easier next time; a morning of {T.HIGH_MORNING} or more,
or {T.JUMP_MORNING} above your baseline, means go gently; see a clinician if it happens again or
does not settle (NICE NG59). A score typed wrong can be corrected or removed (`l` on Today).

**For each exercise the first rule that fits decides:**

1. A warning sign recorded in the last {T.RED_FLAG_DAYS} days: no suggestions, and the safety
   notice.
2. **Step back** after {T.RED_DAYS_TO_STEP_BACK} red days in {T.RECENT_DAYS} days, when your
   last {T.RISE_RECENT_DAYS} mornings average {T.SUSTAINED_RISE:g} points or more above the
   {T.RISE_BEFORE_DAYS} before, or after {T.SHORT_SESSIONS_TO_STEP_BACK} sessions in a row
   stopped short of the target.
3. **Hold** in the first {T.DAYS_AT_STEP} days at a step, before {T.COMPLETE_SESSIONS_AT_STEP}
   complete sessions at it, after any red day or more than {T.MAX_AMBER_DAYS} amber days in
   {T.RECENT_DAYS} days, while pain is trending up, or with fewer than {T.MIN_MORNING_SCORES}
   morning scores in {T.RECENT_DAYS} days.
4. **Step up** when your last {T.COMPLETE_SESSIONS_TO_STEP_UP} sessions were complete, no
   morning rise is under way, and your typical morning pain this week is {T.PAIN_CEILING} or
   less and at most {T.STABLE_MARGIN} above where it was when the step began.
5. Otherwise hold.

A dismissed suggestion stays hidden for up to {T.DISMISS_DAYS} days, and comes back sooner when
a new red day appears, your week's morning pain rises, or the evidence for a step back grows.
Warnings are never hidden.

The trend looks at the last {WINDOW_DAYS} days of morning pain (at least {MIN_POINTS} scores): the
Theil–Sen slope and the Mann–Kendall test for a steady rise or fall; on its own it never steps you
back. A fall of about {RELIEF_POINTS} points or {RELIEF_PERCENT}% is the smallest change people tend
to feel as a real improvement (Farrar et al., *Pain* 2001); for back pain, Ostelo et al. (*Spine*
2008) put it at 15 points out of 100, or 30%.

**One step** is one small change: {T.REPS_STEP} more reps, up to the exercise's full count; then
one more set, up to {T.MAX_SETS}; then one second longer, up to {T.MAX_HOLD}; then the next
exercise in the catalogue. Repeated short holds of about ten seconds, building reps rather than
length, follow Stuart McGill's advice; starting with fewer reps and building up follows the
beginner series. For the side plank a step up adds {T.GOAL_UP_PERCENT}% to the goal time (at
least {T.GOAL_MIN_UP} s) up to {T.MAX_GOAL} s, then a set per side; a step back takes off
{T.GOAL_BACK_PERCENT}% (at least {T.GOAL_MIN_BACK} s, never under {T.GOAL_FLOOR} s).
Your own exercises climb the same way up to the top target you gave them, then to the
exercise you chose to follow them, if any."""

ABOUT = """\
## Why isometrics

In an isometric exercise a muscle works hard while staying the same length: nothing moves, you
simply hold the effort (definition as given by UC San Diego). That makes these holds a gentle way
to train the muscles around the spine when moving exercises hurt.

- Low back pain is very common: as many as 8 in 10 people get it at some point in their lives
  (US National Institute of Neurological Disorders and Stroke).
- A July 2018 paper in the *Medical-Surgical Nursing Journal* found that patients who trained
  with isometric holds for the back had lower pain scores and returned to their usual routines
  faster.
- A May 2017 study in *Pain Medicine* found isometric lower-back work helped women, but not men.
- A March 2016 study in *Physical Therapy Rehabilitation Science* found that side planks work
  the erector spinae, a major back muscle.
- The Pallof press follows the American Council on Exercise; the superman follows the
  Cleveland Clinic. The beginner supine series comes from a clinic's beginner programme, which
  suggests starting with fewer reps and building up.
- The superman: Stuart McGill (*Low Back Disorders*) warns that lifting arms and legs with the
  back arched puts a heavy load on the spine; the **bird-dog** is the gentler alternative.
- The curl-up, the side plank and the bird-dog are McGill's "big three", a routine of their own
  (McGill big three): repeated holds of about ten seconds rather than long ones.
"""


def keys_markdown(keys: list[tuple[str, str]]) -> str:
    """The keys of the current screen as a Markdown list (keys doing the same on one line,
    each once: one binding for two keys shows one key)."""
    grouped: dict[str, dict[str, None]] = {}
    for key, description in keys:
        grouped.setdefault(description, {})[f"`{key}`"] = None
    rows = "\n".join(f"- {' '.join(k)}  {description}" for description, k in grouped.items())
    return (
        "## Keys on this screen\n\n"
        f"{rows}\n\n`tab` and `shift+tab` move between fields and buttons; `ctrl+p` opens the "
        "command palette (every screen and action, and the colour themes); `,` opens "
        "Settings; `f1` shows help even while typing; `ctrl+q` quits from anywhere.\n"
    )


def help_sections(keys: list[tuple[str, str]]) -> list[str]:
    """The help page's sections as Markdown, this screen's keys first."""
    return [
        keys_markdown(keys),
        f"## Safety\n\n{SAFETY_NOTICE}",
        TIMER,
        CALENDAR,
        PROGRESSION,
        ABOUT,
    ]


def help_markdown(keys: list[tuple[str, str]]) -> str:
    """The whole help page as Markdown."""
    return "\n".join(help_sections(keys))
