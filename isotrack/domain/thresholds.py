"""Every number behind the pain-guided advice, in one place with its source (design §3–§5).

Numbers marked *(design)* are our choices: design §5 allows tuning them (here and nowhere else)
to do better on ``bench/progression_sim.py``. The others come from the named source and stay.
"""

from __future__ import annotations

# --- pain zones (design §5, after the pain-monitoring model of Silbernagel et al. 2007) -------
GREEN_DURING = 3  # "during" pain up to this is green (Silbernagel 2007)
AMBER_DURING = 5  # "during" pain up to this is acceptable; above it is red (Silbernagel 2007)
BASELINE_DAYS = 7  # the baseline is the median morning score of this many days before (design)
BASELINE_MIN_SCORES = 4  # ... from at least this many scores, else there is none (design)
AMBER_RISE = 2  # next morning this far above the baseline: amber, a rise that may settle (design)
RED_RISE = 4  # the next two mornings both this far above: red, a rise that lasted (design;
# 3 in design §5, raised to 4 on the simulation: fewer false red days, same catch rate)

# --- the suggestion rules (design §5) ---------------------------------------------------------
RECENT_DAYS = 7  # "the last 7 days": today and the six days before (design)
RED_FLAG_DAYS = 14  # a red flag this recent silences every suggestion (design; NICE NG59)
LOOKBACK_DAYS = 30  # how far back the rules read the log (design)
RED_DAYS_TO_STEP_BACK = 2  # red days in the last week that step back (design)
RISE_RECENT_DAYS = 3  # a sustained rise compares the mean of the last 3 mornings ... (design)
RISE_BEFORE_DAYS = 14  # ... with the mean of the mornings before them ... (design; 7 in
# design §5, 14 on the simulation: a steadier reference, fewer false step backs)
SUSTAINED_RISE = 2.5  # ... and steps back when it is this many points higher (design)
SHORT_SESSIONS_TO_STEP_BACK = 3  # started sessions in a row short of target (design)
DAYS_AT_STEP = 7  # days a step must stand before the next change (design)
COMPLETE_SESSIONS_AT_STEP = 5  # complete sessions needed at a step before a step up (design)
MAX_AMBER_DAYS = 2  # more amber days than this in the last week hold (design)
MIN_MORNING_SCORES = 4  # morning scores needed in the last week for any step up (design)
COMPLETE_SESSIONS_TO_STEP_UP = 2  # the last sessions that must be complete (design)
RISE_IN_PROGRESS = 1  # no step up while a morning of the last 2 days is this far above B
# (design; +2 in design §5, 1 on the simulation: no step up on a flare's first morning)
PAIN_CEILING = 5  # a 7-day median morning pain above this: progress is the clinician's call
# (design; Silbernagel 2007 accepts pain up to 5/10)
STABLE_MARGIN = 1  # the week's median may be this far above the one before the step (design)

# --- dismissals (design §5) -------------------------------------------------------------------
DISMISS_DAYS = 7  # a dismissal lapses after this many days in any case (design)

# --- immediate responses (design §3; NICE NG59 and the pain-monitoring model) ----------------
STOP_DURING = 5  # "during" pain above this: stop the exercise for today (Silbernagel 2007)
HIGH_MORNING = 8  # a morning score this high: go gently today (design)
JUMP_MORNING = 3  # ... or this far above the baseline (design)

# --- the ladder (design §5: McGill; the 001 beginner series) ----------------------------------
REPS_STEP = 2  # reps rise two at a time up to the catalogue reps (design; 001 series)
MAX_SETS = 3  # then sets rise to this (design)
MAX_HOLD = 10  # then the hold rises 1 s at a time to this (McGill: repeated ~10 s holds)
GENTLE_REPS = 5  # the gentle start: 1 set of this many reps (design; 001 series)
MAX_GOAL = 60  # max-hold goal time stops rising here (design; McGill's endurance work)
GOAL_UP_PERCENT = 10  # max-hold goal +10% per step up ... (design)
GOAL_MIN_UP = 2  # ... at least +2 s (design)
GOAL_BACK_PERCENT = 20  # max-hold step back: goal −20% ... (design)
GOAL_MIN_BACK = 2  # ... at least −2 s ... (design)
GOAL_FLOOR = 5  # ... never below 5 s; at the floor, one set fewer instead (design)
