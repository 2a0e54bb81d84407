"""Small phrases both front ends use: counts with the right plural, a sentence's first capital."""

from __future__ import annotations

from isotrack.domain.records import PainEntry


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 day``, ``3 days`` (``words``: an irregular plural)."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def capitalised(text: str) -> str:
    """The text with its first letter in upper case (the rest as it is)."""
    return text[:1].upper() + text[1:]


PAIN_KIND_WORDS = {
    "morning": "Morning pain",
    "during": "Pain during exercise",
    "after": "Pain after exercise",
}


def pain_words(entry: PainEntry) -> str:
    """What a pain entry is, as the start of a sentence ("Pain during exercise")."""
    return PAIN_KIND_WORDS.get(entry.kind.value, "Pain")
