"""The text of the help screen (our own words; facts and sources from shared/)."""

from __future__ import annotations

from isotrack.domain.safety import SAFETY_NOTICE

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
"""


def help_markdown(keys: list[tuple[str, str]]) -> str:
    """The help page as Markdown, with this screen's keys first."""
    rows = "\n".join(f"| `{key}` | {description} |" for key, description in keys)
    return (
        "## Keys on this screen\n\n| key | does |\n|---|---|\n"
        f"{rows}\n\n`ctrl+p` opens the command palette; `ctrl+q` quits from anywhere.\n\n"
        "## Safety\n\n"
        f"{SAFETY_NOTICE}\n"
        f"{ABOUT}"
    )
