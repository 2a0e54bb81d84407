"""`isotrack pain`: range checks, kinds, dates and notes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from isotrack.domain.records import PainKind
from isotrack.store.store import Store
from tests.conftest import NOW


def pain(data_dir) -> list:
    days = Store.open(data_dir).days(date(2026, 11, 1), date(2026, 11, 30))
    return [p for record in days.values() for p in record.pain]


@pytest.mark.parametrize("score", ["11", "-1", "abc", "4.5", "100"])
def test_score_outside_0_to_10_exits_2_in_one_line(cli, data_dir, score) -> None:
    code, out, err = cli("pain", score)
    assert code == 2 and out == ""
    assert err.startswith("isotrack pain: argument SCORE") and err.count("\n") == 1
    assert not (data_dir / "log").exists() or pain(data_dir) == []


@pytest.mark.parametrize("score", [0, 10])
def test_both_ends_of_the_scale_are_accepted(cli, data_dir, score) -> None:
    assert cli("pain", str(score), "--kind", "after")[0] == 0
    (entry,) = pain(data_dir)
    assert (entry.score, entry.kind) == (score, PainKind.AFTER)


def test_note_date_and_kind_are_stored(cli, data_dir) -> None:
    code, out, _ = cli(
        "pain", "3", "--kind", "during", "--date", "2026-11-19", "--note", "  stiff   today "
    )
    assert code == 0 and "during pain 3/10 on 2026-11-19" in out
    (entry,) = pain(data_dir)
    assert entry.day == date(2026, 11, 19) and entry.note == "stiff today"
    assert not entry.red_flag and entry.at == NOW


def test_future_date_is_refused(cli) -> None:
    code, _, err = cli("pain", "3", "--date", "2026-11-22")
    assert code == 2 and "future" in err


def test_default_kind_follows_the_time_and_the_session(cli, clock, data_dir) -> None:
    clock.set(NOW.replace(hour=8))
    cli("pain", "5")  # before any set and before noon
    clock.set(NOW.replace(hour=10))
    cli("log", "knees-in")
    clock.set(NOW.replace(hour=10, minute=40))
    cli("pain", "4")  # 40 minutes after a set
    clock.set(NOW.replace(hour=13))
    cli("pain", "2")  # hours later
    cli("pain", "3", "--date", "2026-11-20")  # back-filling an earlier day
    kinds = [(p.score, p.kind) for p in pain(data_dir)]
    assert sorted(kinds) == [
        (2, PainKind.AFTER),
        (3, PainKind.MORNING),
        (4, PainKind.DURING),
        (5, PainKind.MORNING),
    ]


def test_afternoon_before_any_set_is_not_morning(cli, clock, data_dir) -> None:
    clock.set(NOW.replace(hour=15))
    cli("pain", "4")
    clock.set(NOW.replace(hour=2) + timedelta(days=1))  # 02:00 still belongs to the 21st
    cli("pain", "5")
    assert [p.kind for p in pain(data_dir)] == [PainKind.AFTER, PainKind.AFTER]
