"""Schema migrations: ordered steps that each upgrade a snapshot by one data version.

``MIGRATIONS[n]`` turns version ``n`` data into version ``n + 1``. Steps work on a copy and must
be idempotent: a crash between file writes leaves the old version number in the main file, and
the next start runs the steps again over partly upgraded files.
"""

from __future__ import annotations

import contextlib
import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from isotrack.store.folder import LOG_DIR, MAIN_FILE, SCHEMA, Snapshot

Migration = Callable[[Snapshot], Snapshot]


def stable_id(*parts: Any) -> str:
    """A 16-hex-digit id derived from ``parts`` (the same parts always give the same id)."""
    import hashlib  # imported here: only old data needs it

    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _v1_to_v2(snapshot: Snapshot) -> Snapshot:
    """Version 2: every set and pain entry carries a stable id.

    Version 1 files written by hand or by early builds could hold records without one, and
    import merges by id. The id is derived from the record's day, position and content, so
    running the step twice, or on two copies of the same data, gives the same ids.
    """
    for rel, tables in snapshot.items():
        if not rel.startswith(f"{LOG_DIR}/") or not isinstance(tables, dict):
            continue
        days = tables.get("days")
        for doc in days.values() if isinstance(days, dict) else ():
            if not isinstance(doc, dict):
                continue
            for key in ("sets", "pain"):
                records = doc.get(key)
                for n, record in enumerate(records if isinstance(records, list) else ()):
                    if isinstance(record, dict) and not record.get("id"):
                        record["id"] = stable_id(doc.get("day"), key, n, record)
    return snapshot


def _v2_to_v3(snapshot: Snapshot) -> Snapshot:
    """Version 3: a day's document id is its day of the month (TinyDB's natural key, so a
    day is read and upserted by id). Documents whose day cannot be read keep their id, and
    the strict check then names them."""
    for rel, tables in snapshot.items():
        if not rel.startswith(f"{LOG_DIR}/") or not isinstance(tables, dict):
            continue
        days = tables.get("days")
        if not isinstance(days, dict):
            continue
        rekeyed: dict[str, Any] = {}
        for key, doc in days.items():
            new_key = key
            with contextlib.suppress(AttributeError, TypeError, ValueError):
                new_key = str(date.fromisoformat(doc.get("day")).day)
            rekeyed[key if new_key in rekeyed else new_key] = doc
        tables["days"] = rekeyed
    return snapshot


def _v3_to_v4(snapshot: Snapshot) -> Snapshot:
    """Version 4: a pain entry may carry the ``history`` of its corrections, and a dismissed
    suggestion is stored as an object with the facts it was dismissed on. Dismissals in the
    old form (a bare key) are dropped: they would lapse within a week anyway, and an older
    isotrack must not rewrite a corrected entry without its history."""
    main = snapshot.get(MAIN_FILE)
    meta = main.get("meta") if isinstance(main, dict) else None
    for doc in meta.values() if isinstance(meta, dict) else ():
        dismissed = doc.get("dismissed_suggestions") if isinstance(doc, dict) else None
        if isinstance(dismissed, dict):
            doc["dismissed_suggestions"] = {
                k: v for k, v in dismissed.items() if isinstance(v, dict)
            }
    return snapshot


def _v4_to_v5(snapshot: Snapshot) -> Snapshot:
    """Version 5: the program holds the user's own exercises (``custom``: each id's dated
    definitions), and routines, targets and sets may name them. Older data has none, so the
    step gives a stored program an empty ``custom``; an older isotrack then refuses the folder
    as newer instead of misreading ids it does not know."""
    main = snapshot.get(MAIN_FILE)
    programs = main.get("program") if isinstance(main, dict) else None
    for doc in programs.values() if isinstance(programs, dict) else ():
        if isinstance(doc, dict):
            doc.setdefault("custom", {})
    return snapshot


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(snapshot: Snapshot, schema: int) -> Snapshot:
    """A copy of ``snapshot`` upgraded from version ``schema`` to :data:`SCHEMA`."""
    upgraded = copy.deepcopy(snapshot)
    for version in range(schema, SCHEMA):
        upgraded = MIGRATIONS[version](upgraded)
    main = upgraded.setdefault(MAIN_FILE, {})
    if isinstance(main, dict):
        meta = main.setdefault("meta", {})
        if isinstance(meta, dict):
            meta.setdefault("1", {})
            if isinstance(meta["1"], dict):
                meta["1"]["schema"] = SCHEMA
    return upgraded
