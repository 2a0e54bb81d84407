"""A target changed part by part: parts not given stay, the limits still hold."""

from __future__ import annotations

import pytest

from isotrack.domain.targets import InvalidTarget, Target, with_parts


def test_only_the_parts_given_change() -> None:
    target = Target(1, 5, 10)
    assert with_parts(target, hold=20) == Target(1, 5, 20)
    assert with_parts(target, sets=None, reps=8) == Target(1, 8, 10)
    assert with_parts(target) == target


def test_a_part_outside_its_limits_is_refused() -> None:
    with pytest.raises(InvalidTarget, match="sets must be a whole number"):
        with_parts(Target(1, 5, 10), sets=11)
