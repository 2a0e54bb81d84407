"""A small seeded run of the simulation table (bench/progression_sim.py) guards the rules in CI.

With few users a share wobbles, so each row must reach its bar within two standard errors of
a share at the bar; rows whose bar is 0% must be exactly 0.
"""

from __future__ import annotations

import math
import random

from bench import progression_sim as sim
from isotrack.domain.progression import Action

USERS = 40


def within_noise(row: sim.RowResult) -> bool:
    bar = row.measure.bar(row.phi)
    slack = 2 * math.sqrt(bar * (1 - bar) / row.users)
    if row.measure.at_least:
        return row.share >= bar - slack
    return row.share <= bar + slack


def test_a_small_seeded_table_passes_every_row() -> None:
    rows = sim.run_table(users=USERS, seed=3)
    assert len(rows) == sum(len(sim.SCENARIOS[m.scenario].phis) for m in sim.MEASURES) == 25
    failed = [r for r in rows if not r.measure.info and not within_noise(r)]
    assert not failed, sim.format_table(failed)


def test_the_simulated_user_follows_the_scenario() -> None:
    offers = sim.simulate_user(sim.SCENARIOS["red-flag"], 0.5, random.Random(1))
    assert len(offers) == sim.EVALUATED
    assert set(offers[3:17]) == {Action.NONE}
    flat = sim.simulate_user(sim.SCENARIOS["flat"], 0.0, random.Random(2))
    assert Action.STEP_UP in flat
    during = sim.simulate_user(sim.SCENARIOS["during"], 0.0, random.Random(3))
    assert Action.STEP_BACK in during[9:11]
