"""Input validation through the domain's own checks, so the app refuses what the CLI refuses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.validation import ValidationResult, Validator

from isotrack.domain.settings import Settings
from isotrack.domain.targets import LIMITS, InvalidTarget

Check = Callable[[str], Any]


class CheckValidator(Validator):
    """Valid when ``check(value)`` returns; its ValueError's text is the failure message."""

    def __init__(self, check: Check) -> None:
        super().__init__()
        self.check = check

    def validate(self, value: str) -> ValidationResult:
        try:
            self.check(value)
        except ValueError as exc:
            return self.failure(str(exc))
        return self.success()


def setting_check(key: str) -> Check:
    """A check returning the setting's stored form of the text (InvalidSetting if refused)."""

    def check(text: str) -> Any:
        return getattr(Settings().with_value(key, text), key)

    return check


def target_check(part: str) -> Check:
    """A check for one part of a target (``sets``, ``reps`` or ``hold``) returning the number."""
    low, high = LIMITS[part]

    def check(text: str) -> int:
        message = f"{part} must be a whole number from {low} to {high}"
        try:
            value = int(text.strip())
        except ValueError:
            raise InvalidTarget(message) from None
        if not low <= value <= high:
            raise InvalidTarget(message)
        return value

    return check
