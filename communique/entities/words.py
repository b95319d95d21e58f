"""The entity layer's word lists and patterns (``data/entities_en.json``) and shared constants."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


DATA = Path(__file__).parent.parent / "data" / "entities_en.json"
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]*[A-ZÀ-ÖØ-Þ])(?:/[A-Z][A-Za-z ]+)?"  # MINSK, NEW DELHI, BELÉM
    r"(?:\s*,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s*,))?"               # , Brazil (the country after the city)
    r"(?:\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"       # , May 3 / , Sept. 3, 2024
    r"(?:\s*\((?P<outlet>[^)\n]{1,60})\))?"                          # (Steppe Wire)
    r"\s*[—–-]{1,2}\s*",
    re.M,
)
BODY_BACKREF = frozenset({"ministry", "office", "presidency", "service", "department", "palace", "court",
                          "administration", "division", "directorate", "chancellery", "secretariat"}) | {
    "newspaper", "paper", "agency", "broadcaster", "daily", "outlet", "channel"}
CONTACT_WORDS = frozenset({"summit", "meeting", "talks", "conference", "visit", "call", "session", "forum",
                           "bilateral summit", "videoconference", "video conference"})
MEDIA_BACKREF = frozenset({"newspaper", "paper", "agency", "broadcaster", "daily", "outlet", "channel"})
DOCUMENT_NOUNS = frozenset({"statement", "readout", "communique", "communiqué", "release", "bulletin", "report"})
MISSION_NOUNS = frozenset({"embassy", "consulate", "mission"})
SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "secretary"})
MALE_WORDS = frozenset({"he", "him", "his", "himself"})
FEMALE_WORDS = frozenset({"she", "her", "hers", "herself"})


@dataclass(frozen=True)
class _Lexicon:
    female_names: frozenset[str]
    male_names: frozenset[str]
    female_titles: frozenset[str]
    male_titles: frozenset[str]
    leader_words: frozenset[str]
    guest_words: frozenset[str]
    host_words: frozenset[str]
    counterpart_words: frozenset[str]
    offices: dict[str, str]  # "top diplomat" -> "Foreign Minister"
    head_offices: tuple[str, ...]
    government_led: frozenset[str]

    def leader_offices(self, country: str) -> tuple[str, ...]:
        """The offices that lead a country, the leading one first."""
        if country in self.government_led:
            return ("Prime Minister", "Chancellor", *self.head_offices)
        return self.head_offices


@lru_cache(maxsize=1)
def words() -> _Lexicon:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return _Lexicon(
        female_names=frozenset(n.lower() for n in data["female_given_names"]),
        male_names=frozenset(n.lower() for n in data["male_given_names"]),
        female_titles=frozenset(data["female_titles"]),
        male_titles=frozenset(data["male_titles"]),
        leader_words=frozenset(data["leader_words"]),
        guest_words=frozenset(data["guest_words"]),
        host_words=frozenset(data["host_words"]),
        counterpart_words=frozenset(data["counterpart_words"]),
        offices={k.lower(): v for k, v in data["office_words"].items()},
        head_offices=tuple(data["head_offices"]),
        government_led=frozenset(data["government_led"]),
    )


PARTICLES = frozenset("al el bin ibn de da do dos van von der mr mrs ms dr sir jr sr ii iii".split())


# -- places ---------------------------------------------------------------------------------------
DATELINES_KEY = "communique.datelines"  # doc.user_data: plain tuples, so documents still pickle


LEADER_PLURALS = {"leaders": None, "presidents": "President", "heads": None, "premiers": "Prime Minister",
                  "ministers": None, "chancellors": "Chancellor", "kings": "King"}


BODY_HEAD_OFFICES = ("President", "Secretary-General", "Secretary General", "Chairman", "Chair", "Director-General")
