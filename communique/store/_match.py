"""How records reported by several articles are recognised as one (issue 6).

Pure functions, shared by both back ends so that SQLite and PostgreSQL merge the same way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable

from ..records import shared_words

#: Two reports of one meeting may date it this many days apart (time zones, "last week").
EVENT_WINDOW_DAYS = 3
#: A report that gives no date may refer back to a meeting this many days before it ("after they met
#: in Budapest"); it joins one only at the same place.
BACK_REFERENCE_DAYS = 60
#: Reports of one quote are searched among the speaker's quotes first reported this close.
QUOTE_WINDOW_DAYS = 30
#: Share of the shorter quote's words the longer must contain for the two to be one quote.
QUOTE_OVERLAP = 0.8

_ONE_CONTACT = frozenset({"meeting", "talks"})
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
    """Whether two reports' event kinds can describe one event: the same kind, or "meeting" and
    "talks", which outlets use for one contact (contract v1.1). A visit and the talks or summit held
    during it are separate records, and so are a call and a meeting."""
    if a is None or b is None or a == b:
        return True
    return {a, b} <= _ONE_CONTACT or (a in _REMOTE and b in _REMOTE)


def participants_key(ids: Iterable[str]) -> str:
    """The merge key of a participant set: sorted unique ids joined by ``|``."""
    return "|".join(sorted(set(ids)))


def window(day: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """The dates ``days`` either side of ``day``."""
    delta = dt.timedelta(days=days)
    return day - delta, day + delta


_PARTICLES = frozenset("al el bin ibn de da do dos van von der mr mrs ms dr sir".split())


def _name_parts(name: str) -> list[str]:
    return [w for w in normalise_quote(name.replace("-", " ")).split() if w not in _PARTICLES]


def same_name(a: str, b: str) -> bool:
    """Two spellings of one person's name across outlets: the same last word, one name's words among
    the other's, or transliterated last words ("Aliev" / "Aliyev", "Vucic" / "Vučić")."""
    pa, pb = _name_parts(a), _name_parts(b)
    if not pa or not pb:
        return False
    if pa[-1] == pb[-1] or set(pa) <= set(pb) or set(pb) <= set(pa):
        return True
    la, lb = _article_off(pa[-1]), _article_off(pb[-1])
    if la == lb:
        return True  # "Albusaidi" / "Al Busaidi"
    if len(la) >= 5 and len(lb) >= 5 and la[0] == lb[0] and difflib.SequenceMatcher(None, la, lb).ratio() >= 0.85:
        return True
    return (len(la) >= 5 and la in pb) or (len(lb) >= 5 and lb in pa)


def _article_off(word: str) -> str:
    """An Arabic article glued to a family name taken off ("albusaidi" -> "busaidi")."""
    return word[2:] if len(word) > 6 and word[:2] in ("al", "el") else word


def same_people(ours: list[str], theirs: list[str]) -> bool:
    """Whether two participant lists name the same people, one to one, by :func:`same_name`."""
    if len(ours) != len(theirs):
        return False
    left = list(theirs)
    for name in ours:
        match = next((t for t in left if same_name(name, t)), None)
        if match is None:
            return False
        left.remove(match)
    return True


def same_place(a: str | None, b: str | None) -> bool:
    """Two reports' places that can be one: the same words, or one inside the other."""
    if not a or not b:
        return False
    x, y = normalise_quote(a), normalise_quote(b)
    return bool(x) and bool(y) and (x in y or y in x)
