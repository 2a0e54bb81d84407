"""Cues you can follow without looking (design §8): what each timer moment sounds like, and the
players that make the sound without ever holding up the timer.

``CuePlan`` turns timer events into cues (pure; the timer screen feeds it). A player gets the
cues of one moment at a time: ``VoicePlayer`` speaks them with the first speech program found,
``TonePlayer`` plays a short tone per cue (WAV files made once with ``wave`` in the cache folder)
with the first sound player found, ``BellPlayer`` rings the terminal bell. Voice and tones run
in one background thread; a missing program or sound device only means silence.
"""

from __future__ import annotations

import contextlib
import math
import queue
import shutil
import struct
import subprocess
import threading
import time
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from isotrack.domain.catalogue import Exercise
from isotrack.domain.settings import SPEECH_PROGRAMS as SETTING_SPEECH
from isotrack.domain.settings import Settings
from isotrack.domain.timer import Event, Finished, Phase, PhaseStarted, SetCompleted, TimerSession

DEFAULT_VOLUME = Settings.volume
COUNT_IN_SECONDS = 3  # the 3-2-1 before a hold
STALE_COUNT_SECONDS = 0.6  # a count that could not be played by then is dropped, not played late
MAX_CUE_SECONDS = 8.0  # a player still running after this long is stopped
GIVE_UP_AFTER = 3  # failures in a row after which a program is not tried again (bell instead)
SPEECH_PROGRAMS = SETTING_SPEECH[1:]  # looked up in this order ("auto" comes first)
SOUND_PLAYERS = ("pw-play", "paplay", "aplay", "afplay")  # looked up in this order


class Kind(StrEnum):
    """What happened; each kind has its own tone."""

    COUNT = "count"
    HOLD = "hold"
    RELAX = "relax"
    REST = "rest"
    SWITCH = "switch"
    SET_DONE = "set_done"
    EXERCISE_DONE = "exercise_done"
    ROUTINE_DONE = "routine_done"
    NEXT = "next"  # the next exercise of a routine, announced as its rest begins


@dataclass(frozen=True)
class Cue:
    """One cue: its kind and what a voice says for it."""

    kind: Kind
    words: str


# ----- which cue for which moment (pure) ---------------------------------------------------


def _side_words(side: str | None) -> str:
    return f"the {side} side" if side else "the other side"


def first_line(exercise: Exercise) -> str:
    """The first sentence of an exercise's cue (an own exercise's first line), spoken when it
    comes next."""
    first = exercise.cue_lines[0] if exercise.cue_lines else ""
    sentence = first.split(". ")[0].split("; ")[0].rstrip(".")
    return f"{sentence}."


class CuePlan:
    """Chooses the cues for timer events and for the 3-2-1 count-in before each hold.

    A count-in is heard in the last three seconds of a Get ready, and of a Relax longer than the
    count-in (a shorter one is already announced by its own "relax"). Each number is said once,
    as the remaining time crosses it; a number missed by a late tick is skipped, not said late.
    """

    def __init__(self, *, count_in: bool = True) -> None:
        self.count_in_on = count_in
        self._counted: tuple[object, int] | None = None

    def for_events(self, events: Sequence[Event], session: TimerSession) -> list[Cue]:
        """The cues for one batch of engine events of ``session``."""
        cues: list[Cue] = []
        for event in events:
            if isinstance(event, PhaseStarted):
                cue = self._phase_cue(event, session)
                if cue is not None:
                    cues.append(cue)
            elif isinstance(event, SetCompleted) and event.completed:
                number = event.set_index // max(1, len(session.exercise.sides)) + 1
                cues.append(Cue(Kind.SET_DONE, f"set {number} of {session.set_count} done"))
            elif isinstance(event, Finished) and not event.stopped:
                cues.append(Cue(Kind.EXERCISE_DONE, f"{session.exercise.name} done"))
        return cues

    def _phase_cue(self, event: PhaseStarted, session: TimerSession) -> Cue | None:
        if event.phase is Phase.HOLD:
            return Cue(Kind.HOLD, "hold")
        if event.phase is Phase.RELAX:
            return Cue(Kind.RELAX, "relax")
        if event.phase is Phase.REST and event.set_index == session.first_set_index:
            return None  # a routine's rest before an exercise: announced as the next one
        if event.phase is Phase.REST:
            number = event.set_index // max(1, len(session.exercise.sides)) + 1
            if session.switches_side_at(event.set_index):
                return Cue(Kind.SWITCH, f"rest, then {_side_words(event.side)}")
            return Cue(Kind.REST, f"rest, then set {number} of {session.set_count}")
        if event.phase is Phase.GET_READY and event.switch_side and session.pauses.rest == 0:
            return Cue(Kind.SWITCH, f"switch to {_side_words(event.side)}")
        return None

    def count_in(self, session: TimerSession, now: float) -> Cue | None:
        """The count-in number to say at ``now``, if one is due."""
        if not self.count_in_on or session.paused or not self._counts(session):
            return None
        remaining = session.remaining(now)
        if remaining is None or remaining <= 0:
            return None
        number = math.ceil(remaining - 1e-9)
        key = (session.phase, session.set_index, session.rep, id(session))
        if number > COUNT_IN_SECONDS or self._counted == (key, number):
            return None
        self._counted = (key, number)
        return Cue(Kind.COUNT, str(number))

    @staticmethod
    def _counts(session: TimerSession) -> bool:
        if session.phase is Phase.GET_READY:
            return True
        return session.phase is Phase.RELAX and session.pauses.relax > COUNT_IN_SECONDS


def next_exercise(exercise: Exercise) -> Cue:
    """The announcement of a routine's next exercise: its name and first cue line."""
    return Cue(Kind.NEXT, f"next: {exercise.name}. {first_line(exercise)}")


def routine_done(sets: int) -> Cue:
    """The cue at the end of a whole routine."""
    return Cue(Kind.ROUTINE_DONE, f"routine done, {sets} sets. well done")


# ----- players ------------------------------------------------------------------------------


class Player(Protocol):
    """Plays the cues of one moment; must return at once."""

    def play(self, cues: Sequence[Cue]) -> None: ...


class SilentPlayer:
    """Cues off."""

    def play(self, cues: Sequence[Cue]) -> None:
        """Nothing."""


class BellPlayer:
    """The terminal bell once per moment (the last fallback; all cues sound alike)."""

    def __init__(self, ring: Callable[[], None]) -> None:
        self._ring = ring

    def play(self, cues: Sequence[Cue]) -> None:
        """Ring (a few bytes to the terminal; cheap enough for the event loop)."""
        if cues:
            self._ring()


class BackgroundPlayer:
    """Runs ``program`` (at ``volume`` percent) once per moment in a daemon thread, one after
    another, so a slow or missing program never holds up the timer. A count that waited too
    long is dropped. When the program cannot play (not installed, no sound device) the
    ``fallback`` (the bell) sounds instead, and after a few failures in a row the program is no
    longer tried."""

    def __init__(
        self,
        program: str,
        volume: int = DEFAULT_VOLUME,
        fallback: Callable[[], None] | None = None,
    ) -> None:
        self.program = program
        self.volume = volume
        self._queue: queue.SimpleQueue[tuple[float, tuple[Cue, ...]]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._fallback = fallback
        self.failures = 0  # times the program could not start or failed
        self._failed_in_a_row = 0

    def play(self, cues: Sequence[Cue]) -> None:
        """Queue the moment's cues; returns at once."""
        if not cues:
            return
        self._queue.put((time.monotonic(), tuple(cues)))
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="isotrack-cues", daemon=True)
            self._thread.start()

    def command(self, cues: tuple[Cue, ...]) -> list[str]:
        """The program and arguments that sound ``cues``."""
        raise NotImplementedError

    def _work(self) -> None:
        while True:
            self.handle(*self._queue.get())

    def handle(self, queued_at: float, cues: tuple[Cue, ...]) -> None:
        """Sound one queued moment (in the player's thread), or the bell if it cannot play."""
        late = time.monotonic() - queued_at
        if all(c.kind is Kind.COUNT for c in cues) and late > STALE_COUNT_SECONDS:
            return
        played = self._failed_in_a_row < GIVE_UP_AFTER and self.run(cues)
        if not played and self._fallback is not None:
            with contextlib.suppress(RuntimeError):  # the app is closing
                self._fallback()

    def run(self, cues: tuple[Cue, ...]) -> bool:
        """Sound ``cues`` now and wait for the program; False when it could not be played."""
        try:
            argv = self.command(cues)
            subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=MAX_CUE_SECONDS,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            self.failures += 1
            self._failed_in_a_row += 1
            return False
        self._failed_in_a_row = 0
        return True


class VoicePlayer(BackgroundPlayer):
    """Speaks the cues of a moment as one sentence, at ``volume`` percent."""

    def command(self, cues: tuple[Cue, ...]) -> list[str]:
        """The speech program's command line (the words are one argument, never a shell)."""
        words = ". ".join(c.words for c in cues)
        name = Path(self.program).name
        if name == "spd-say":  # volume -100 to 100
            return [self.program, "--wait", "-i", str(2 * self.volume - 100), words]
        if name == "say":  # macOS: an embedded volume command, 0 to 1
            return [self.program, f"[[volm {self.volume / 100:.2f}]] {words}"]
        return [self.program, "-a", str(2 * self.volume), words]  # espeak-ng: 0 to 200


class TonePlayer(BackgroundPlayer):
    """Plays the tones of a moment's cues, one after another, as one WAV file."""

    def __init__(
        self,
        program: str,
        folder: Path,
        volume: int = DEFAULT_VOLUME,
        fallback: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(program, volume, fallback)
        self.folder = folder

    def command(self, cues: tuple[Cue, ...]) -> list[str]:
        """The sound player's command line for the moment's tones (made on first use)."""
        path = tone_file(self.folder, [c.kind for c in cues], self.volume)
        if Path(self.program).name == "aplay":
            return [self.program, "-q", str(path)]
        return [self.program, str(path)]


# ----- tones --------------------------------------------------------------------------------

RATE = 22050
FULL_SCALE = 0.6  # the loudest tone (volume 100), well short of clipping
# Each kind: (frequency Hz, milliseconds) notes; rising for a start, falling for an ease-off.
TONES: dict[Kind, tuple[tuple[int, int], ...]] = {
    Kind.COUNT: ((880, 90),),
    Kind.HOLD: ((660, 110), (990, 260)),
    Kind.RELAX: ((990, 110), (660, 260)),
    Kind.REST: ((440, 400),),
    Kind.SWITCH: ((660, 100), (880, 100), (660, 100), (880, 100)),
    Kind.SET_DONE: ((523, 110), (659, 110), (784, 220)),
    Kind.EXERCISE_DONE: ((523, 110), (659, 110), (784, 110), (1047, 300)),
    Kind.ROUTINE_DONE: ((523, 140), (659, 140), (784, 140), (1047, 140), (784, 110), (1047, 450)),
    Kind.NEXT: ((587, 150), (784, 300)),
}
GAP_MS = 60  # silence between notes and between cues


def _samples(frequency: int, milliseconds: int, volume: int) -> bytes:
    """One note as 16-bit mono samples with a short fade in and out (no clicks)."""
    level = FULL_SCALE * volume / 100
    count = RATE * milliseconds // 1000
    fade = max(1, RATE * 8 // 1000)
    values = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - i) / fade)
        value = level * envelope * math.sin(2 * math.pi * frequency * i / RATE)
        values.append(int(value * 32767))
    return struct.pack(f"<{count}h", *values)


def tone_file(folder: Path, kinds: Sequence[Kind], volume: int = DEFAULT_VOLUME) -> Path:
    """The WAV file with the tones of ``kinds`` in order, written once into ``folder``."""
    path = folder / f"{'+'.join(kinds)}-{volume}.wav"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    silence = bytes(2 * RATE * GAP_MS // 1000)
    frames = silence.join(_samples(f, ms, volume) for kind in kinds for f, ms in TONES[kind])
    partial = path.with_suffix(f".{threading.get_ident()}.part")
    with wave.open(str(partial), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)
    partial.replace(path)  # a cache: a lost file is simply made again
    return path


# ----- choosing a player --------------------------------------------------------------------


def find(names: Sequence[str], which: Callable[[str], str | None] = shutil.which) -> str | None:
    """The path of the first program of ``names`` that is installed."""
    for name in names:
        path = which(name)
        if path:
            return path
    return None


def make_player(
    mode: str,
    *,
    ring: Callable[[], None],
    cache: Path,
    speech: str = "auto",
    volume: int = DEFAULT_VOLUME,
    ring_from_thread: Callable[[], None] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> Player:
    """The player for the ``cues`` setting: voice falls back to tones, tones to the bell.

    ``speech`` is "auto" (espeak-ng, spd-say, say, in that order) or one of those names.
    ``ring`` rings the bell from the event loop, ``ring_from_thread`` from the player's thread
    (when a program fails to play).
    """
    if mode == "off":
        return SilentPlayer()
    if mode == "voice":
        program = find(SPEECH_PROGRAMS if speech == "auto" else (speech,), which)
        if program:
            return VoicePlayer(program, volume, ring_from_thread)
        mode = "tones"
    if mode == "tones":
        program = find(SOUND_PLAYERS, which)
        if program:
            return TonePlayer(program, cache / "tones", volume, ring_from_thread)
    return BellPlayer(ring)


def cache_folder() -> Path:
    """Where the tone files are kept (the user's cache folder)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("isotrack", appauthor=False))
