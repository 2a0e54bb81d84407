"""Small phrases both front ends use: counts with the right plural, a sentence's first capital."""

from __future__ import annotations

import unicodedata

from isotrack.domain.records import PainEntry


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 day``, ``3 days`` (``words``: an irregular plural)."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def capitalised(text: str) -> str:
    """The text with its first letter in upper case (the rest as it is)."""
    return text[:1].upper() + text[1:]


def one_line(text: str) -> str:
    """Untrusted text on one line, without control or format characters (which could move a
    terminal's cursor, or reorder text when it is pasted or printed)."""
    kept = "".join(
        " " if ch in "\n\t\r" else ch
        for ch in text
        if ch in "\n\t\r" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
    )
    return " ".join(kept.split())


PAIN_KIND_WORDS = {
    "morning": "Morning pain",
    "during": "Pain during exercise",
    "after": "Pain after exercise",
}


def pain_words(entry: PainEntry) -> str:
    """What a pain entry is, as the start of a sentence ("Pain during exercise")."""
    return PAIN_KIND_WORDS.get(entry.kind.value, "Pain")
