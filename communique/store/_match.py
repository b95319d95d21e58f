"""How records reported by several articles are recognised as one (issue 6).

Pure functions, shared by both back ends so that SQLite and PostgreSQL merge the same way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from ..records import shared_words

#: Two reports of one meeting may date it this many days apart (time zones, "last week").
EVENT_WINDOW_DAYS = 3
#: Reports of one quote are searched among the speaker's quotes first reported this close.
QUOTE_WINDOW_DAYS = 30
#: Share of the shorter quote's words the longer must contain for the two to be one quote.
QUOTE_OVERLAP = 0.8

_IN_PERSON = frozenset({"meeting", "visit", "summit", "talks"})
_REMOTE = frozenset({"phone_call", "video_call"})


def normalise_quote(text: str) -> str:
    """A quote's words for comparison: lower case, no accents, punctuation or quote marks."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"\w+", text))


def short_hash(*parts: object) -> str:
    """A 16-hex id from the parts' text."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def quotes_match(a: str, b: str) -> bool:
    """Whether two normalised quotes are the same words, allowing trimmed or partial reports."""
    if a == b:
        return True
    words_a, words_b = a.split(), b.split()
    if not words_a or not words_b:
        return False
    shorter, longer = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    shared = shared_words(shorter, longer)
    # A trimmed quote of three words inside a long one is too weak a signal on its own.
    return len(shorter) >= 4 and shared / len(shorter) >= QUOTE_OVERLAP


def kinds_compatible(a: str | None, b: str | None) -> bool:
    """Whether two reports' event kinds can describe one event ("talks" during a "visit")."""
    if a is None or b is None or a == b:
        return True
    return (a in _IN_PERSON and b in _IN_PERSON) or (a in _REMOTE and b in _REMOTE)


def participants_key(ids: Iterable[str]) -> str:
    """The merge key of a participant set: sorted unique ids joined by ``|``."""
    return "|".join(sorted(set(ids)))


def window(day: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """The dates ``days`` either side of ``day``."""
    delta = dt.timedelta(days=days)
    return day - delta, day + delta
