"""Month summaries: each day's status kept beside the data, so whole-history figures (the
longest streak, done days) read one small file instead of every month.

Each month file holds a ``summary`` table (document 1) written in the same atomic replace as
its days: every day's status judged as if already past (:func:`past_statuses`), with its level,
completion and morning pain score; the *basis* it was computed under (the program entries in
force that month and the done threshold); and a *seal*, a CRC-32 of the days it summarises.
``summaries.json`` (a TinyDB file as well) gathers the months' summaries with each month file's
stamp, so a streak over thirty years reads that one file and one ``stat`` per month.

Both are caches. A summary whose stamp, seal or basis does not match is rebuilt from that
month's days alone, so a month file edited by hand, an import, a restore or a change of the
done threshold is picked up by the next read. A change to the program from today on changes the
basis of the current month only.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tinydb import TinyDB
from tinydb.table import Document

from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainKind
from isotrack.domain.targets import History
from isotrack.store.atomic import AtomicJSONStorage, Tables, dump_json, parse_json
from isotrack.store.digest import blake2b
from isotrack.store.errors import DataError
from isotrack.store.folder import DAYS, SUMMARY, MonthDecoder
from isotrack.store.seal import DAYS_PREFIX, SUMMARY_MARK, Piece, sealed_pieces, sealed_table

if TYPE_CHECKING:
    from isotrack.domain.day_status import DayKind, DayStatus
    from isotrack.domain.streaks import Runs

INDEX_FILE = "summaries.json"
INDEX_MONTHS = "months"  # index table: one document per month, id YYYYMM
INDEX_META = "meta"  # index table: document 1 holds the program key the bases were checked by
INDEX_FORMAT = 2  # each month's summary as one line of text (see summary_to_text)
VERSION = 1  # bump when what a summary holds or how it is computed changes

# One letter per kind a past day can have, keyed by ``DayKind`` value (the streak code is
# imported only when a summary is made or read day by day: opening a folder needs neither).
CODES = {"done": "d", "partial": "p", "missed": "m", "rest": "r", "skipped": "s", "before": "b"}
VALUES = {code: value for value, code in CODES.items()}
LEVELS = frozenset("01234")  # a heatmap level per day
MORNING_SCORES = {"": None} | {str(n): n for n in range(11)}  # as a summary's text holds them
NEUTRAL = str.maketrans("", "", "rsb")  # rest, skipped, before: neither extend nor break

YearMonth = tuple[int, int]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _digest(data: bytes) -> str:
    return blake2b(data, digest_size=8).hexdigest()


# Bases worked out, by program object (kept here, so its id is not reused), month and
# threshold: each tick asks for its month's basis, and a program object never changes.
_BASES: dict[tuple[int, int, int, float], tuple[Program | None, str]] = {}
_MAX_BASES = 4096  # thirty years of months under a few programs


def month_basis(program: Program | None, year: int, month: int, threshold: float) -> str:
    """What a month's statuses depend on: the routine, schedule, target and own-exercise
    entries in force that month and the done threshold (a later change leaves an earlier
    month's basis alone)."""
    key = (id(program), year, month, threshold)
    known = _BASES.get(key)
    if known is not None and known[0] is program:
        return known[1]
    if len(_BASES) >= _MAX_BASES:
        _BASES.clear()
    basis = _month_basis(program, year, month, threshold)
    _BASES[key] = (program, basis)
    return basis


def _month_basis(program: Program | None, year: int, month: int, threshold: float) -> str:
    if program is None:
        return "none"
    first, last = month_bounds(year, month)
    parts = [f"v{VERSION}", f"t{threshold!r}"]
    parts += [f"r{e.since}:{','.join(e.value)}" for e in program.routine.during(first, last)]
    parts += [f"s{e.since}:{e.value.text()}" for e in program.schedule.during(first, last)]
    for exercise in sorted(program.targets):
        parts += [
            f"x{exercise}{e.since}:{e.value.sets},{e.value.reps},{e.value.hold}"
            for e in program.targets[exercise].during(first, last)
        ]
    for exercise in sorted(program.custom):  # an own exercise's sides set its planned sets
        parts += [
            f"c{exercise}{e.since}:{','.join(e.value.sides)}"
            for e in program.custom[exercise].during(first, last)
        ]
    return _digest("|".join(parts).encode())


def program_key(program: Program | None, threshold: float) -> str:
    """Changes whenever anything a basis depends on may have changed."""
    from isotrack.store.codec import program_to_doc

    doc = program_to_doc(program) if program is not None else None
    return _digest(dump_json([VERSION, threshold, doc]))


class MonthSummary(NamedTuple):
    """One month, one entry per day: its status judged as if past (kind code, heatmap level,
    completion) and its morning pain score. Kept as columns, so a whole history is cheap to
    hold and to scan. (A named tuple: a tick defines it at import in a tenth of a
    dataclass's time.)"""

    year: int
    month: int
    basis: str
    kinds: str  # one code per day (see CODES)
    levels: str  # one digit per day
    fractions: tuple[float, ...]
    morning: tuple[int | None, ...]

    def statuses(self) -> list[DayStatus]:
        """Each day's status, judged as if past (see ``streaks.seen_on`` for today's view)."""
        from isotrack.domain.day_status import DayStatus

        kinds = _kinds()
        return [
            DayStatus(date(self.year, self.month, n + 1), kinds[code], fraction, int(level))
            for n, (code, level, fraction) in enumerate(
                zip(self.kinds, self.levels, self.fractions, strict=True)
            )
        ]


@functools.cache
def _kinds() -> dict[str, DayKind]:
    from isotrack.domain.day_status import DayKind

    return {code: DayKind(value) for code, value in VALUES.items()}


def runs(codes: str) -> Runs:
    """The streak counts over days given by their kind codes, in order (string operations:
    thirty years take a few milliseconds)."""
    from isotrack.domain.streaks import Runs

    counted = codes.translate(NEUTRAL).replace("m", "p")  # done or not; the rest is neutral
    return Runs(
        current=len(counted) - len(counted.rstrip("d")),
        longest=max(map(len, counted.split("p")), default=0),
        done_days=codes.count("d"),
    )


def summarize(
    program: Program | None,
    days: dict[date, DayRecord],
    year: int,
    month: int,
    threshold: float,
) -> MonthSummary:
    """A month's summary from its days."""
    from isotrack.domain.day_status import past_statuses

    first, last = month_bounds(year, month)
    # No program yet: every day is before its first day.
    statuses = past_statuses(program or Program(History()), days, first, last, threshold)
    return MonthSummary(
        year,
        month,
        month_basis(program, year, month, threshold),
        "".join(CODES[s.kind] for s in statuses),
        "".join(str(s.level) for s in statuses),
        tuple(s.fraction for s in statuses),
        tuple(_morning(days.get(s.day)) for s in statuses),
    )


def resummarize(
    previous: MonthSummary,
    program: Program | None,
    days: dict[date, DayRecord],
    changed: Iterable[date],
    threshold: float,
) -> MonthSummary:
    """``previous`` with only the ``changed`` days judged again (the whole month when it was
    made under another basis): a tick costs one day, not a month."""
    from isotrack.domain.day_status import past_status

    year, month = previous.year, previous.month
    if program is None or previous.basis != month_basis(program, year, month, threshold):
        return summarize(program, days, year, month, threshold)
    kinds, levels, fractions, morning = (
        previous.kinds,
        previous.levels,
        previous.fractions,
        previous.morning,
    )
    for day in changed:  # each column with day n replaced (slices: a tick changes one day)
        record = days.get(day)
        status = past_status(program, record or DayRecord(day), threshold)
        n = day.day - 1
        kinds = f"{kinds[:n]}{CODES[status.kind]}{kinds[n + 1 :]}"
        levels = f"{levels[:n]}{status.level}{levels[n + 1 :]}"
        fractions = (*fractions[:n], status.fraction, *fractions[n + 1 :])
        morning = (*morning[:n], _morning(record), *morning[n + 1 :])
    return MonthSummary(year, month, previous.basis, kinds, levels, fractions, morning)


def _morning(record: DayRecord | None) -> int | None:
    scores = [p.score for p in record.pain if p.kind is PainKind.MORNING] if record else []
    return scores[-1] if scores else None


def summary_to_doc(summary: MonthSummary) -> dict[str, Any]:
    """A summary as a compact document (one character or number per day)."""
    return {
        "basis": summary.basis,
        "kind": summary.kinds,
        "level": summary.levels,
        "fraction": list(summary.fractions),
        "morning": list(summary.morning),
    }


def summary_to_text(summary: MonthSummary) -> str:
    """A summary as one line, as the index keeps it: basis, kinds, levels, fractions and
    morning scores (none empty) apart by spaces; JSON reads a few thousand such strings much
    faster than as many lists of numbers, and only the months asked for are decoded."""
    fractions = ",".join(map(repr, summary.fractions))
    morning = ",".join("" if m is None else str(m) for m in summary.morning)
    return f"{summary.basis} {summary.kinds} {summary.levels} {fractions} {morning}"


def text_basis(text: str) -> str:
    """The basis of a summary kept as text."""
    return text.partition(" ")[0]


def summary_from_text(text: Any, year: int, month: int) -> MonthSummary | None:
    """A summary from its line of text; None when it is not a well-formed one. (Each column
    is decoded by a C-level map: a streak decodes every month of the history.)"""
    parts = text.split(" ") if isinstance(text, str) else []
    if len(parts) != 5:
        return None
    basis, kinds, levels, fraction_text, morning_text = parts
    try:
        fractions = tuple(map(float, fraction_text.split(",")))
        morning = tuple(map(MORNING_SCORES.__getitem__, morning_text.split(",")))
    except (ValueError, KeyError):
        return None
    count = _month_length(year, month)
    if not (
        len(kinds) == len(levels) == len(fractions) == len(morning) == count
        and set(kinds) <= VALUES.keys()
        and set(levels) <= LEVELS
    ):
        return None
    return MonthSummary(year, month, basis, kinds, levels, fractions, morning)


def kinds_from_text(text: Any, year: int, month: int) -> str | None:
    """The kind codes alone of a summary's line of text (what the streak counts need); None
    when they are not well formed. A fifth of the cost of :func:`summary_from_text`."""
    parts = text.split(" ", 3) if isinstance(text, str) else []
    if len(parts) != 4:
        return None
    kinds = parts[1]
    if len(kinds) != _month_length(year, month) or not set(kinds) <= VALUES.keys():
        return None
    return kinds


@functools.cache
def _month_length(year: int, month: int) -> int:
    return month_bounds(year, month)[1].day


def summary_from_doc(doc: Any, year: int, month: int) -> MonthSummary | None:
    """A summary from its document; None when it is not a well-formed one (then it is
    rebuilt: a summary is a cache, never the only copy of anything)."""
    if not isinstance(doc, dict):
        return None
    count = month_bounds(year, month)[1].day
    basis, kinds, levels = doc.get("basis"), doc.get("kind"), doc.get("level")
    fractions, morning = doc.get("fraction"), doc.get("morning")
    if not (
        isinstance(basis, str)
        and isinstance(kinds, str)
        and isinstance(levels, str)
        and isinstance(fractions, list)
        and isinstance(morning, list)
        and len(kinds) == len(levels) == len(fractions) == len(morning) == count
        and set(kinds) <= VALUES.keys()
        and set(levels) <= LEVELS
        and set(map(type, fractions)) <= {int, float}
        and set(map(type, morning)) <= {int, type(None)}
    ):
        return None
    return MonthSummary(
        year, month, basis, kinds, levels, tuple(map(float, fractions)), tuple(morning)
    )


class MonthStorage(AtomicJSONStorage):
    """The storage of a month file: writes the same bytes as :func:`dump_json` would, but
    checks and encodes only the day documents that changed since its last write (one pass
    over the days), and seals the summary to the days' bytes in the same replace."""

    def __init__(self, path: str | os.PathLike[str], check: MonthDecoder) -> None:
        super().__init__(path, check)
        self.decoder = check
        self._sealed: dict[str, Any] | None = None  # the summary of a file read sealed

    def _parse(self, raw: bytes) -> Tables:
        """A file whose seal holds was written and checked by isotrack: its days are taken
        as checked (each decoded when asked for) and their nesting is not scanned again;
        any other file is checked in full."""
        found: list[list[Piece]] = []

        def sealed(data: Any) -> bool:
            days = data.get(DAYS) if isinstance(data, dict) else None
            table = data.get(SUMMARY) if isinstance(data, dict) else None
            if isinstance(days, dict) and isinstance(table, dict):
                pieces = sealed_pieces(raw, days, table)
                found.extend([] if pieces is None else [pieces])
            return bool(found)

        data = parse_json(self.path, raw, sealed)
        if not found:
            return self._checked(data)
        self.decoder.trust(data[DAYS], found[0])
        self._sealed = data[SUMMARY]["1"]
        return data

    def _forget(self) -> None:
        super()._forget()
        self._sealed = None

    def sealed_summary(self) -> MonthSummary | None:
        """The summary the file held when it was last read, if its seal held then and the
        file is still that one."""
        if self._sealed is None:
            return None
        return summary_from_doc(self._sealed, self.decoder.year, self.decoder.month)

    def _checked_bytes(self, data: Tables) -> bytes:
        pieces, crcs = self.decoder.pieces(self.decoder.day_docs(data))
        head, tail = DAYS_PREFIX + b"{", b"}"
        if data.get(SUMMARY, {}).get("1") is not None:
            tail += SUMMARY_MARK + sealed_table(crcs, data[SUMMARY])
        tail += b"}"
        if len(pieces) < 2:
            return head + b"".join(pieces) + tail
        # the month's bytes in one copy: its two ends joined to the first and the last day
        return b",".join([head + pieces[0], *pieces[1:-1], pieces[-1] + tail])


def index_id(year: int, month: int) -> int:
    """A month's document id in the index: YYYYMM."""
    return year * 100 + month


class CacheStorage(AtomicJSONStorage):
    """The storage of a cache file: written atomically, not flushed (a lost one is rebuilt)."""

    durable = False


Stamp = tuple[int, ...]
Entry = tuple[Stamp | None, str]  # month file stamp, summary as text


class SummaryIndex:
    """``summaries.json``: each month's summary (as text) with the stamp of the month file it
    was read from, and the program key the summaries' bases were checked against."""

    def __init__(self, root: Path) -> None:
        self.path = root / INDEX_FILE
        self._loaded: tuple[Stamp, str | None, dict[YearMonth, Entry]] | None = None
        self._decoded: dict[YearMonth, tuple[str, MonthSummary | None]] = {}

    def decoded(self, ym: YearMonth, text: str) -> MonthSummary | None:
        """An entry's summary (decoded once per entry read)."""
        hit = self._decoded.get(ym)
        if hit is None or hit[0] is not text:
            hit = self._decoded[ym] = (text, summary_from_text(text, *ym))
        return hit[1]

    def kinds(self, ym: YearMonth, text: str) -> str | None:
        """An entry's kind codes alone (from its summary when it was decoded already)."""
        hit = self._decoded.get(ym)
        if hit is not None and hit[0] is text and hit[1] is not None:
            return hit[1].kinds
        return kinds_from_text(text, *ym)

    def load(self) -> tuple[str | None, dict[YearMonth, Entry]]:
        """The program key and the entries (as last read while the file is unchanged);
        nothing when the file is missing, damaged or of another format."""
        try:
            st = self.path.stat()
        except OSError:
            return None, {}
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        if self._loaded is not None and self._loaded[0] == stamp:
            return self._loaded[1], self._loaded[2]
        key, entries = self._read()
        self._loaded = (stamp, key, entries)
        return key, entries

    def _read(self) -> tuple[str | None, dict[YearMonth, Entry]]:
        try:
            db = TinyDB(self.path, storage=CacheStorage)
            meta = db.table(INDEX_META, cache_size=0).get(doc_id=1) or {}
            docs = db.table(INDEX_MONTHS, cache_size=0).all()
        except (DataError, ValueError, TypeError):
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)  # a damaged cache is dropped and rebuilt
            return None, {}
        if meta.get("format") != INDEX_FORMAT:
            return None, {}  # an older index: rebuilt (and rewritten) as the months are read
        entries: dict[YearMonth, Entry] = {}
        for doc in docs:
            stamp, text = doc.get("stamp"), doc.get("summary")
            if isinstance(stamp, list) and isinstance(text, str):
                entries[divmod(doc.doc_id, 100)] = (tuple(stamp), text)
        key = meta.get("key")
        return (key if isinstance(key, str) else None), entries

    def save(self, key: str, entries: dict[YearMonth, Entry]) -> None:
        """Replace the index (skipped when the folder cannot be written: it is only a cache)."""
        docs = [
            Document({"stamp": list(stamp), "summary": text}, doc_id=index_id(*ym))
            for ym, (stamp, text) in sorted(entries.items())
            if stamp is not None
        ]
        with contextlib.suppress(DataError, OSError):
            db = TinyDB(self.path, storage=CacheStorage)
            storage = db.storage
            assert isinstance(storage, CacheStorage)
            with storage.batch():
                months = db.table(INDEX_MONTHS, cache_size=0)
                months.truncate()
                months.insert_multiple(docs)
                meta = {"key": key, "format": INDEX_FORMAT}
                db.table(INDEX_META, cache_size=0).upsert(Document(meta, doc_id=1))
