"""Cues: which cue each timer moment gets, the tone files and the choice of player."""

from __future__ import annotations

import struct
import sys
import time
import wave
from pathlib import Path

import pytest

from isotrack import cues as cues_module
from isotrack.cues import (
    GIVE_UP_AFTER,
    TONES,
    BellPlayer,
    Cue,
    CuePlan,
    Kind,
    SilentPlayer,
    TonePlayer,
    VoicePlayer,
    find,
    first_line,
    make_player,
    tone_file,
)
from isotrack.domain.catalogue import get
from isotrack.domain.settings import Settings
from isotrack.domain.targets import Target
from isotrack.domain.timer import Pauses, TimerSession

T0 = 1000.0


def run_session(session: TimerSession, plan: CuePlan, until: float, step: float = 0.25):
    """Drive a session like the screen does, returning the cue words of each moment."""
    moments = []
    t = T0
    while t <= until + 1e-9:
        cues = plan.for_events(session.update(t), session)
        count = plan.count_in(session, t)
        if count:
            cues.append(count)
        if cues:
            moments.append([c.words for c in cues])
        t += step
    return moments


def test_a_two_rep_set_counts_in_then_holds_relaxes_and_ends() -> None:
    session = TimerSession(get("knees-in"), Target(2, 2, 2), Pauses(3, 3, 30, 0), start=T0)
    assert run_session(session, CuePlan(), T0 + 3 + 2 + 3 + 2 + 1) == [
        ["3"],
        ["2"],
        ["1"],
        ["hold"],
        ["relax"],
        ["hold"],
        ["set 1 of 2 done", "rest, then set 2 of 2"],
    ]


def test_no_count_in_when_it_is_off_and_a_late_tick_skips_numbers() -> None:
    quiet = TimerSession(get("knees-in"), Target(1, 1, 2), Pauses(3, 3, 30, 0), start=T0)
    assert run_session(quiet, CuePlan(count_in=False), T0 + 6) == [
        ["hold"],
        ["set 1 of 1 done", "Knees-in press done"],
    ]
    late = TimerSession(get("knees-in"), Target(1, 1, 2), Pauses(3, 3, 30, 0), start=T0)
    plan = CuePlan()
    assert plan.count_in(late, T0) == Cue(Kind.COUNT, "3")
    assert plan.count_in(late, T0 + 0.5) is None  # said once
    assert plan.count_in(late, T0 + 2.5) == Cue(Kind.COUNT, "1")  # "2" was missed: skipped


def test_a_long_relax_counts_in_too() -> None:
    session = TimerSession(get("knees-in"), Target(1, 2, 2), Pauses(0, 5, 30, 0), start=T0)
    moments = run_session(session, CuePlan(), T0 + 2 + 5)
    assert moments == [["hold"], ["relax"], ["3"], ["2"], ["1"], ["hold"]]


def test_sides_are_announced_as_the_rest_begins() -> None:
    session = TimerSession(get("pallof-press"), Target(1, 1, 2), Pauses(0, 4, 30, 0), start=T0)
    moments = run_session(session, CuePlan(count_in=False), T0 + 2 + 4 + 2)
    assert moments == [
        ["hold"],
        ["set 1 of 1 done", "rest, then the right side"],
        ["hold"],
        ["set 1 of 1 done", "Half-kneeling Pallof press done"],
    ]


def test_first_line_is_the_first_sentence_of_the_cue() -> None:
    assert first_line(get("knees-in")) == (
        "Squeeze the knees toward each other to work the inner thighs."
    )


def test_tone_files_are_made_once_and_differ_by_kind(tmp_path: Path) -> None:
    hold = tone_file(tmp_path, [Kind.HOLD])
    stamp = hold.stat().st_mtime_ns
    assert tone_file(tmp_path, [Kind.HOLD]) == hold and hold.stat().st_mtime_ns == stamp
    frames = {}
    for kind in Kind:
        with wave.open(str(tone_file(tmp_path, [kind]))) as wav:
            assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
            frames[kind] = wav.readframes(wav.getnframes())
    assert len(set(frames.values())) == len(TONES) == len(Kind)
    both = tone_file(tmp_path, [Kind.SET_DONE, Kind.REST])
    with wave.open(str(both)) as wav:
        assert wav.getnframes() * 2 > len(frames[Kind.SET_DONE]) + len(frames[Kind.REST])


def test_voice_falls_back_to_tones_then_to_the_bell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cues_module, "find", find)  # the real look-up, on a fake PATH

    def which(*installed: str):
        return lambda name: f"/usr/bin/{name}" if name in installed else None

    rings: list[None] = []

    def ring() -> None:
        rings.append(None)

    voice = make_player("voice", ring=ring, cache=tmp_path, which=which("spd-say", "espeak-ng"))
    assert isinstance(voice, VoicePlayer) and voice.program == "/usr/bin/espeak-ng"
    chosen = make_player("voice", ring=ring, cache=tmp_path, speech="say", which=which("say"))
    assert isinstance(chosen, VoicePlayer) and chosen.program == "/usr/bin/say"
    tones = make_player("voice", ring=ring, cache=tmp_path, which=which("aplay", "paplay"))
    assert isinstance(tones, TonePlayer) and tones.program == "/usr/bin/paplay"
    bell = make_player("tones", ring=ring, cache=tmp_path, which=which("espeak-ng"))
    assert isinstance(bell, BellPlayer)
    bell.play([Cue(Kind.HOLD, "hold")])
    bell.play([])
    assert len(rings) == 1
    off = make_player("off", ring=ring, cache=tmp_path, which=which("aplay"))
    assert isinstance(off, SilentPlayer)


def test_speech_words_are_one_argument_never_a_shell() -> None:
    voice = VoicePlayer("/usr/bin/espeak-ng", volume=50)
    cues = (Cue(Kind.SET_DONE, "set 1 of 2 done"), Cue(Kind.REST, "rest; rm -rf ~"))
    assert voice.command(cues) == [
        "/usr/bin/espeak-ng",
        "-a",
        "100",
        "set 1 of 2 done. rest; rm -rf ~",
    ]
    assert VoicePlayer("/usr/bin/spd-say", volume=100).command(cues)[:4] == [
        "/usr/bin/spd-say",
        "--wait",
        "-i",
        "100",
    ]


def test_volume_scales_the_tones(tmp_path: Path) -> None:
    def peak(volume: int) -> int:
        with wave.open(str(tone_file(tmp_path, [Kind.REST], volume))) as wav:
            frames = wav.readframes(wav.getnframes())
        return max(abs(v) for (v,) in struct.iter_unpack("<h", frames))

    assert peak(100) > peak(50) * 1.9 > 0


@pytest.mark.parametrize(
    "program",
    ["/nonexistent/aplay", sys.executable],  # missing; runs but fails (exit 2)
)
def test_a_missing_or_failing_player_is_not_an_error(tmp_path: Path, program: str) -> None:
    player = TonePlayer(program, tmp_path)
    assert player.run((Cue(Kind.HOLD, "hold"),)) is False
    assert player.failures == 1


def test_the_bell_rings_when_a_program_cannot_play_and_it_stops_being_tried(
    tmp_path: Path,
) -> None:
    rings: list[None] = []
    player = TonePlayer("/nonexistent/aplay", tmp_path, fallback=lambda: rings.append(None))
    for kind in (Kind.HOLD, Kind.RELAX, Kind.HOLD, Kind.SET_DONE, Kind.REST):
        player.handle(time.monotonic(), (Cue(kind, ""),))
    assert len(rings) == 5 and player.failures == GIVE_UP_AFTER
    player.handle(time.monotonic() - 1.0, (Cue(Kind.COUNT, "2"),))  # a count too late: dropped
    assert len(rings) == 5


def test_a_stored_bell_switch_from_before_cues_is_read_as_cues() -> None:
    assert Settings.from_dict({"bell": False}).cues == "off"
    assert Settings.from_dict({"bell": True}).cues == "voice"
    assert Settings.from_dict({"bell": False, "cues": "tones"}).cues == "tones"
