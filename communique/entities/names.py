"""Personal names: their parts, spelling variants, and the stable local id of an actor the knowledge
base does not know."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from ..kb import norm_name
from .words import PARTICLES


def stable_id(name: str, kind: str, country: str | None = None) -> str:
    """A local id that is the same in every article: kind, the name's words in any order, country."""
    tokens = sorted(norm_name(name).split())
    digest = hashlib.sha1(f"{kind}:{' '.join(tokens)}:{country or ''}".encode("utf-8")).hexdigest()[:10]
    return f"L{digest}"


def name_tokens(name: str) -> list[str]:
    """A name's parts for comparison: folded, hyphens split, particles and honorifics left out."""
    return list(_name_parts(name))


@lru_cache(maxsize=65536)
def _name_parts(name: str) -> tuple[str, ...]:
    # an article names the same few people hundreds of times: fold each spelling once
    return tuple(t for t in norm_name(name).replace("-", " ").split() if t not in PARTICLES)


def _variant(a: str, b: str, ratio: float = 0.8) -> bool:
    """Transliteration variants of one name part ("Tokaev" / "Tokayev", "Inacio" / "Inácio")."""
    import difflib

    return len(a) >= 4 and len(b) >= 4 and a[0] == b[0] and difflib.SequenceMatcher(None, a, b).ratio() >= ratio


def _part_matches(part: str, known: set[str]) -> bool:
    """One part of a name as written fits a known name's parts: exactly, as a spelling variant, as a
    shortened form ("Ukhnaa" / "Ukhnaagiin", "Shiaa" / "Shia") or as an initial ("U.")."""
    if part in known:
        return True
    if len(part) == 1:
        return any(k.startswith(part) for k in known)
    return any(_variant(part, k, 0.74) or (min(len(part), len(k)) >= 4 and (k.startswith(part) or part.startswith(k)))
               for k in known)


@lru_cache(maxsize=65536)
def same_person_name(short: str, full: str) -> bool:
    """Whether ``short`` can name the person called ``full`` ("Trump" ~ "Donald Trump", "Tokaev" ~
    "Tokayev", "Khurelsukh Ukhnaa" ~ "Ukhnaagiin Khurelsukh")."""
    a, b = name_tokens(short), name_tokens(full)
    if not a or not b:
        return False
    # every part of the shorter name is a part of the longer one, exactly or as a variant spelling;
    # a one-word name may be the family name placed first ("Khurelsukh" in "Khurelsukh Ukhnaa")
    return all(_part_matches(x, set(b)) for x in a) and (
        len(a) > 1 or a[0] == b[-1] or _variant(a[0], b[-1]) or (len(a[0]) >= 5 and a[0] in b))
