"""The simulation table of design §5: how the progression rules treat simulated users.

    python bench/progression_sim.py [--users 1000] [--seed 1] [--jobs 2]

Each simulated user starts a one-exercise routine at the gentle start, records a morning score
every day (an integer-rounded AR(1) series with the scenario's mean and a marginal sd of 1),
trains every day, records the worst "during" pain, and accepts every suggestion offered — all
through the real domain functions (``Program``, ``DayRecord``, ``suggest``), one logical day at
a time. Suggestions are read each morning after the morning score, before training. A 14-day
run-in comes first; the measures count the 28 evaluated days after it. The table prints every
row and φ with its measure, the bar and PASS or FAIL; the exit status is 1 when a row fails.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from isotrack.domain.program import Program  # noqa: E402
from isotrack.domain.progression import Action, suggest  # noqa: E402
from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord  # noqa: E402
from isotrack.domain.thresholds import LOOKBACK_DAYS  # noqa: E402

RUN_IN = 14  # days from the gentle start before the evaluated days
EVALUATED = 28
START = date(2026, 1, 5)
EXERCISE = "knees-in"
PHIS = (0.0, 0.5, 0.8)
MEAN = 4.0  # morning pain around 4: flat, tolerated
DURING = 2.0  # "during" pain around 2, never above 3 unless the row says so
DURING_SD = 0.7

Offers = list[Action]  # the action offered on each evaluated day


@dataclass(frozen=True)
class Scenario:
    """One kind of simulated user; days are evaluated-day numbers (negative in the run-in)."""

    name: str
    morning_mean: Callable[[int], float] = lambda day: MEAN
    during: Callable[[int], int | None] = lambda day: None  # a fixed during score, else ~2
    complete: Callable[[int], bool] = lambda day: True
    red_flag_day: int | None = None
    phis: tuple[float, ...] = PHIS


def _flare(day: int) -> float:
    return MEAN + (3 if day >= 7 else 0)


def _falling(day: int) -> float:
    return 6 - 3 * min(max(day, 0), 14) / 14


SCENARIOS = {
    "flat": Scenario("flat, tolerated"),
    "flare": Scenario("flare: morning +3 from evaluated day 7 on, lasting", morning_mean=_flare),
    "during": Scenario(
        '"during" 7 on evaluated days 5 and 9', during=lambda d: 7 if d in (5, 9) else None
    ),
    "falling": Scenario(
        "falling: from 6 to 3 over evaluated days 0–14, then 3", morning_mean=_falling, phis=(0.5,)
    ),
    "half": Scenario(
        "half completion: every other session stops short", complete=lambda d: d % 2 == 0
    ),
    "red-flag": Scenario("a red flag on evaluated day 3", red_flag_day=3),
}


@dataclass(frozen=True)
class Measure:
    """One row of the table: a share of users, its bar, and which users count."""

    scenario: str
    text: str
    counts: Callable[[Offers], bool]
    at_least: bool  # True: the share must reach the bar; False: stay at or under it
    bars: dict[float, float] = field(default_factory=dict)
    info: bool = False  # shown for information, with no bar

    def bar(self, phi: float) -> float:
        return self.bars.get(phi, self.bars.get(-1.0, 0.0))

    def passes(self, share: float, phi: float) -> bool:
        if self.info:
            return True
        return share >= self.bar(phi) if self.at_least else share <= self.bar(phi)


def _offered(offers: Offers, action: Action, first: int = 0, last: int = EVALUATED - 1) -> bool:
    return action in offers[first : last + 1]


MEASURES = (
    Measure(
        "flat",
        "users offered any step back",
        lambda o: _offered(o, Action.STEP_BACK),
        False,
        {0.0: 0.05, -1.0: 0.08},
    ),
    Measure(
        "flat",
        "users offered at least one step up",
        lambda o: _offered(o, Action.STEP_UP),
        True,
        {-1.0: 0.95},
    ),
    Measure(
        "flare",
        "step back offered within 4 days of the flare's start (days 7–11)",
        lambda o: _offered(o, Action.STEP_BACK, 7, 11),
        True,
        {0.0: 0.85, -1.0: 0.75},
    ),
    Measure(
        "flare",
        "the same, read strictly: by day 10 (information)",
        lambda o: _offered(o, Action.STEP_BACK, 7, 10),
        True,
        info=True,
    ),
    Measure(
        "flare",
        "any step up offered from the flare's start on",
        lambda o: _offered(o, Action.STEP_UP, 7),
        False,
        {0.0: 0.02, -1.0: 0.10},
    ),
    Measure(
        "during",
        "step back offered on day 9 or 10",
        lambda o: _offered(o, Action.STEP_BACK, 9, 10),
        True,
        {-1.0: 0.97},
    ),
    Measure(
        "falling",
        "at least one step up",
        lambda o: _offered(o, Action.STEP_UP),
        True,
        {-1.0: 0.95},
    ),
    Measure("half", "any step up", lambda o: _offered(o, Action.STEP_UP), False, {-1.0: 0.0}),
    Measure(
        "red-flag",
        "any suggestion in the 14 days from the flag (days 3–16)",
        lambda o: _offered(o, Action.STEP_UP, 3, 16) or _offered(o, Action.STEP_BACK, 3, 16),
        False,
        {-1.0: 0.0},
    ),
)


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _train(program: Program, record: DayRecord, complete: bool) -> DayRecord:
    """Every planned set done, or (stopping short) the last one started and not finished."""
    for planned in program.plan_for(record.day):
        slots = planned.slots()
        for i, side in enumerate(slots):
            finished = complete or i < len(slots) - 1
            record = record.with_set(
                SetRecord(
                    f"s{i}",
                    planned.exercise.id,
                    record.day,
                    planned.target.reps if finished else 1,
                    planned.target.hold,
                    _at(record.day, 10),
                    side,
                    completed=finished,
                )
            )
    return record


def _accept(program: Program, day: date, offers: list) -> Program:
    for s in offers:
        if s.target is not None:
            program = program.with_target(s.exercise, day, s.target)
        elif s.next_exercise is not None:
            program = program.with_routine(day, (*program.routine_on(day), s.next_exercise))
    return program


def simulate_user(scenario: Scenario, phi: float, rng: random.Random) -> Offers:
    """One user's whole run; returns the action offered for the exercise each evaluated day."""
    program = Program.new(START, (EXERCISE,))
    days: dict[date, DayRecord] = {}
    noise = rng.gauss(0, 1)
    spread = math.sqrt(1 - phi * phi)
    offers: Offers = []
    for n in range(RUN_IN + EVALUATED):
        evaluated = n - RUN_IN
        day = START + timedelta(days=n)
        if n:
            noise = phi * noise + spread * rng.gauss(0, 1)
        morning = min(10, max(0, round(scenario.morning_mean(evaluated) + noise)))
        flag = evaluated == scenario.red_flag_day
        record = DayRecord(day).with_pain(
            PainEntry(f"m{n}", day, PainKind.MORNING, morning, _at(day, 7), red_flag=flag)
        )
        days[day] = record
        window = {d: r for d, r in days.items() if (day - d).days < LOOKBACK_DAYS}
        result = suggest(program, window, day)
        if evaluated >= 0:
            mine = result.for_exercise(EXERCISE)
            offers.append(mine.action if mine is not None else Action.NONE)
        program = _accept(program, day, [s for s in result.suggestions if s.actionable])
        record = _train(program, record, scenario.complete(evaluated))
        during = scenario.during(evaluated)
        if during is None:
            during = min(3, max(0, round(DURING + DURING_SD * rng.gauss(0, 1))))
        days[day] = record.with_pain(PainEntry(f"d{n}", day, PainKind.DURING, during, _at(day, 11)))
    return offers


def _run_chunk(key: str, phi: float, users: range, seed: int) -> list[Offers]:
    scenario = SCENARIOS[key]
    return [simulate_user(scenario, phi, random.Random(f"{seed}/{key}/{phi}/{u}")) for u in users]


@dataclass(frozen=True)
class RowResult:
    measure: Measure
    phi: float
    share: float
    users: int

    @property
    def ok(self) -> bool:
        return self.measure.passes(self.share, self.phi)


def run_table(users: int, seed: int = 1, jobs: int = 1) -> list[RowResult]:
    """Every measure of the table for every φ of its scenario, ``users`` users each."""
    tasks = [(key, phi) for key, s in SCENARIOS.items() for phi in s.phis]
    chunk = max(1, users // (4 * jobs))
    parts = [
        (key, phi, range(lo, min(users, lo + chunk)), seed)
        for key, phi in tasks
        for lo in range(0, users, chunk)
    ]
    runs: dict[tuple[str, float], list[Offers]] = {t: [] for t in tasks}
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            done = pool.map(_run_chunk, *zip(*parts, strict=True))
            for (key, phi, _, _), offers in zip(parts, done, strict=True):
                runs[key, phi] += offers
    else:
        for key, phi, chunk_users, s in parts:
            runs[key, phi] += _run_chunk(key, phi, chunk_users, s)
    return [
        RowResult(m, phi, sum(map(m.counts, runs[m.scenario, phi])) / users, users)
        for m in MEASURES
        for phi in SCENARIOS[m.scenario].phis
    ]


def format_table(rows: list[RowResult]) -> str:
    """The table as Markdown: scenario, φ, measure, value, bar, result."""
    lines = ["| scenario | φ | measure | value | bar | result |", "|---|---|---|---|---|---|"]
    for r in rows:
        sign = "≥" if r.measure.at_least else "≤"
        bar = "—" if r.measure.info else f"{sign} {r.measure.bar(r.phi):.0%}"
        result = "info" if r.measure.info else "PASS" if r.ok else "FAIL"
        lines.append(
            f"| {SCENARIOS[r.measure.scenario].name} | {r.phi:g} | {r.measure.text} | "
            f"{r.share:.1%} | {bar} | {result} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000, help="simulated users per row and φ")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    args = parser.parse_args()
    began = time.perf_counter()
    rows = run_table(args.users, args.seed, args.jobs)
    print(format_table(rows))
    failed = sum(not r.ok for r in rows)
    print(
        f"\n{args.users} users per row and φ, seed {args.seed}, {args.jobs} processes, "
        f"{time.perf_counter() - began:.0f} s; {failed or 'no'} row{'s' * (failed != 1)} failed"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
