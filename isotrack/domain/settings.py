"""User settings with their defaults and validation."""

from __future__ import annotations

from datetime import time
from typing import Any, NamedTuple

from isotrack.domain.days import DEFAULT_DAY_START, InvalidDate, format_day_start, parse_day_start


class InvalidSetting(ValueError):
    """A setting name or value that is not allowed."""


_TRUE = {"on", "true", "yes", "1"}
_FALSE = {"off", "false", "no", "0"}


class Settings(NamedTuple):
    """Everything the user can change; stored as plain JSON values (a named tuple, as the
    domain's records are: see :class:`~isotrack.domain.exercise.Target`)."""

    day_start: str = format_day_start(DEFAULT_DAY_START)
    done_threshold: int = 100  # percent of planned sets that makes a day done
    get_ready: int = 3  # seconds before each set and after a side switch
    relax: int = 3  # seconds between reps
    rest: int = 30  # seconds between sets
    exercise_rest: int = 45  # seconds between exercises when following the whole routine
    cues: str = "voice"  # voice (falls back to tones, then the bell), tones, bell or off
    count_in: bool = True  # 3-2-1 before each hold
    speech: str = "auto"  # the speech program for voice cues
    volume: int = 70  # percent, for voice and tones
    morning_prompt: bool = True  # the app offers to record morning pain before noon
    week_start: str = "mon"
    theme: str = "textual-dark"

    @property
    def day_start_time(self) -> time:
        """The day start as a ``time``."""
        return parse_day_start(self.day_start)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for storage and JSON output."""
        return self._asdict()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Settings from stored values; unknown keys are ignored, bad values refused."""
        settings = cls()
        if data.get("bell") is False and "cues" not in data:  # before cues, a bell switch
            settings = settings.with_value("cues", "off")
        for key, value in data.items():
            if key in NAMES:
                settings = settings.with_value(key, value)
        return settings

    def with_value(self, key: str, value: Any) -> Settings:
        """A copy with one setting changed; ``value`` may be text from the command line."""
        if key not in NAMES:
            raise InvalidSetting(f"unknown setting '{key}' (valid: {', '.join(NAMES)})")
        return self._replace(**{key: _coerce(key, value)})


NAMES: tuple[str, ...] = Settings._fields

_RANGES: dict[str, tuple[int, int]] = {
    "done_threshold": (1, 100),
    "get_ready": (0, 60),
    "relax": (0, 120),
    "rest": (0, 600),
    "exercise_rest": (0, 600),
    "volume": (1, 100),
}
CUE_MODES = ("voice", "tones", "bell", "off")
SPEECH_PROGRAMS = ("auto", "espeak-ng", "spd-say", "say")
_CHOICES: dict[str, tuple[str, ...]] = {"cues": CUE_MODES, "speech": SPEECH_PROGRAMS}

_SWITCHES = {"count_in", "morning_prompt"}

DESCRIPTIONS: dict[str, str] = {
    "day_start": "when a new day begins (HH:MM, before noon)",
    "done_threshold": "percent of planned sets that marks a day done (1-100)",
    "get_ready": "seconds to get into position before a set (0-60)",
    "relax": "seconds to relax between reps (0-120)",
    "rest": "seconds of rest between sets (0-600)",
    "exercise_rest": "seconds of rest between exercises when following the routine (0-600)",
    "cues": "sounds of the timer: voice, tones, bell or off (voice falls back to tones, "
    "then the bell)",
    "count_in": "count 3-2-1 before each hold (on/off)",
    "speech": "speech program for voice cues: auto, espeak-ng, spd-say or say",
    "volume": "loudness of voice and tones in percent (1-100)",
    "morning_prompt": "offer to record morning pain when the app opens before noon (on/off)",
    "week_start": "first day of the week in the calendar (mon/sun)",
    "theme": "colour theme name",
}


def _coerce(key: str, value: Any) -> Any:
    if key == "day_start":
        try:
            return format_day_start(parse_day_start(str(value)))
        except InvalidDate as exc:
            raise InvalidSetting(str(exc)) from None
    if key in _RANGES:
        low, high = _RANGES[key]
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise InvalidSetting(f"{key} must be a whole number from {low} to {high}") from None
        if (
            isinstance(value, bool)
            or not low <= number <= high
            or str(number) != str(value).strip()
        ):
            raise InvalidSetting(f"{key} must be a whole number from {low} to {high}")
        return number
    if key in _SWITCHES:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE | _FALSE:
            return text in _TRUE
        raise InvalidSetting(f"{key} must be on or off")
    if key in _CHOICES:
        text = str(value).strip().lower()
        if text not in _CHOICES[key]:
            raise InvalidSetting(f"{key} must be one of: {', '.join(_CHOICES[key])}")
        return text
    if key == "week_start":
        text = str(value).strip().lower()[:3]
        if text not in ("mon", "sun"):
            raise InvalidSetting("week_start must be mon or sun")
        return text
    text = str(value).strip()
    if not text:
        raise InvalidSetting(f"{key} must not be empty")
    return text
