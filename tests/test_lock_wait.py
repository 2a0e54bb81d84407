"""A command that waits for another isotrack says so after a moment instead of hanging silently."""

from __future__ import annotations

import fcntl
import os
import threading

from isotrack.store import lock_wait
from isotrack.store.folder import LOCK_FILE


def test_a_held_lock_prints_one_waiting_line_then_the_command_runs(
    cli, data_dir, monkeypatch
) -> None:
    assert cli("init", "--accept-safety-notice")[0] == 0
    holder = os.open(data_dir / LOCK_FILE, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)  # "another isotrack" holds the folder
    told, say_waiting = threading.Event(), lock_wait.say_waiting

    def say_and_note() -> None:
        say_waiting()
        told.set()

    monkeypatch.setattr(lock_wait, "say_waiting", say_and_note)
    monkeypatch.setattr(lock_wait, "LOCK_NOTICE_SECONDS", 0)  # no real waiting in tests
    result: list[tuple[int, str, str]] = []
    runner = threading.Thread(target=lambda: result.append(cli("log", "knees-in")))
    runner.start()
    assert told.wait(timeout=60)  # the command is blocked and has said why
    assert not result
    os.close(holder)  # the other isotrack finishes
    runner.join(timeout=60)
    code, _, err = result[0]
    assert code == 0 and err == "isotrack: waiting for another isotrack…\n"


def test_a_free_lock_is_taken_without_a_word(cli, monkeypatch) -> None:
    monkeypatch.setattr(lock_wait, "LOCK_NOTICE_SECONDS", 0)
    assert cli("init", "--accept-safety-notice")[0] == 0
    code, _, err = cli("log", "knees-in")
    assert code == 0 and err == ""
