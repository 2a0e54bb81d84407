"""The text of the help screen (our own words; facts and sources from shared/)."""

from __future__ import annotations

from isotrack.domain.progression import RED_FLAG_DAYS
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

**Each training day gets a zone** from the worst pain *during* the session and the next
*morning's* pain compared with this morning's. Pain during exercise of up to 5 out of 10 is
acceptable when it has settled by the next morning and does not climb from week to week: the
pain-monitoring model of Silbernagel and colleagues (*Am J Sports Med*, 2007).

- **green**: during pain 3 or less, and the next morning no worse;
- **amber**: during pain 4 or 5, or the next morning one point worse;
- **red**: during pain above 5, or the next morning two or more points worse.

**For each exercise the first rule that fits decides:**

1. A warning sign recorded in the last {RED_FLAG_DAYS} days: no suggestions, and the safety notice.
2. **Step back** after two red days in the last week, a rising pain trend, or three sessions in a
   row that fell short of the target.
3. **Hold** while the last change is under a week old, before five done days at this step, after
   any red day or more than two amber days in the last week.
4. **Step up** when the last two training days were complete and pain is trending down, or when
   the week's typical morning pain is 2 or less and not rising.
5. Otherwise hold.

The trend looks at the last {WINDOW_DAYS} days of morning pain (at least {MIN_POINTS} scores):
the Theil–Sen slope and the Mann–Kendall test for a steady rise or fall, so one bad night does
not make a trend. A fall of {RELIEF_POINTS} points or {RELIEF_PERCENT}% is the size of change
people notice as a real improvement (Ostelo et al., *Spine* 2008; Farrar et al., *Pain* 2001).

**One step** is one small change: two more reps, up to the exercise's full count; then one more
set, up to three; then one second longer, up to ten; then the next exercise in the catalogue.
Your own exercises climb the same way up to the top target you gave them, then to the exercise
you chose to follow them, if any.
Repeated short holds of about ten seconds, building reps rather than length, follow Stuart
McGill's advice; starting with fewer reps and building up follows the beginner series. For the
side plank a step up raises the goal time by a tenth (at least 2 s), up to a minute, then adds
a set per side, up to three; a step back lowers the goal by a fifth.
"""

ABOUT = """\
## Why isometrics

In an isometric exercise a muscle works hard while staying the same length: nothing moves, you
simply hold the effort (definition as given by UC San Diego). That makes these holds a gentle way
to train the muscles around the spine when moving exercises hurt.

- Low back pain is very common: as many as 8 in 10 people get it at some point in their lives
  (US National Institute of Neurological Disorders and Stroke).
- In a July 2018 study in the *Medical-Surgical Nursing Journal*, people doing isometric back
  exercises reported less pain and got back to everyday activities sooner.
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
