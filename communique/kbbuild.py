"""Build the actor knowledge base (``communique/data/kb.json.gz``) from facts.

Inputs, all read by our own code:

* ``data/actors/everypolitician-scrapers/*.csv`` under the shared directory: Wikidata-derived
  office-holder tables (``*.positions.csv`` + ``*.holders21.csv`` per country and
  ``world-leaders-2021.wikidata.csv``);
* ``data/actors/petrarch2/Phoenix.*.actors.txt``: CAMEO codes and name variants (TABARI format);
* ``communique/data/countries.tsv``: our table of sovereign states (ids, names, demonyms, capitals,
  metonyms);
* ``data/actors/{wikidata-leaders-geografia,factbook-json,world-leaders-current}`` and the 2022
  foreign-minister table: heads of state and government to 2026 (:mod:`communique.leaders`);
* ``communique/data/kb_hand.json``: hand-kept facts the tables miss, each with a source;
* generated institutions (presidencies, government offices, press services, ministries) of the
  states most in the news (:mod:`communique.kbinstitutions`);
* optionally rows fetched from Wikidata (:mod:`communique.wikidata`).

Example::

    stats = build_kb(Path("../shared"), DEFAULT_KB)
    print(stats.actors, stats.tenures, stats.seconds)
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import itertools
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from . import leaders
from .errors import KnowledgeBaseError
from .kbinstitutions import institution_rows
from .kb import DATA_DIR, HAND_FACTS, _end_date, canonical_role, norm_name, parse_date

COUNTRIES_FILE = DATA_DIR / "countries.tsv"
OFFICE_DIR = Path("data/actors/everypolitician-scrapers")
PHOENIX_DIR = Path("data/actors/petrarch2")

# Wikidata has both the constituent country and the kingdom; news means the former.
_COUNTRY_QID_ALIASES = {"Q756617": "Q35", "Q29999": "Q55"}

# People of these states are written in Cyrillic at home, so English texts spell them many ways.
CYRILLIC_STATES = frozenset({"RUS", "UKR", "BLR", "KAZ", "KGZ", "TJK", "UZB", "TKM", "MNG", "BGR", "SRB", "MKD"})
# Names written family name first in English news.
_FAMILY_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR"})
_PARTICLES = frozenset({"von", "van", "de", "da", "di", "del", "der", "le", "la", "al", "el", "bin", "ben", "dos", "du", "ter", "ibn"})
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# Surnames that are also common English words make bad one-word aliases ("May", "Hunt", "Power").
COMMON_WORDS = frozenset("""
a about above after again against all also am an and any are as at back bad ball bank bar bass be bean
bear bell belt berry best bill bird black blank bland block bloom blue bond booth born boss bottom bow
box boy brand bread brook brown buck bull burn bush butler by call can cane card carter case cash castle
chance chase cherry child church clay clear close coat cook cool cope cross crown cup dale dash day
dean dear deep doll door dove down drake drew duke dunn each early east eden end english even fair
faith far farmer field fields finch fish fisher fleet ford forest fort fox frank free friend frost fry
gale game gap garden gates gay gill glass god gold good gore grace grant gray green grey guard hack hale
hall hand hardy hart hawk hay head heart hill holder holly holmes home hood hope horn house howard hunt
hunter i in is it ivy jack james jay joy judge just keen key king kite knight lake lamb land lane
large law lee light lime link little lock long lord love low luck major man mark marsh mason may mayor
mccoy mill miller mills minister moon moore more moss much new newman nice noble north now oak of on
one or page paris park parker parsons pass pay peace pearl penny person pike pine pitt plain point
pool pope porter post pound power powers pratt price pride prince quick rain ray reed rich ring rivers
road rock rose ross round rush sage sale salt sand savage say scott sea see shaw sharp shepherd ship
short silver sky slate small smart smith snow south spark speed spring stable stand star steel stone
storm story strong summer swan sweet taylor temple the then this thorn tin to todd tower towns trail
trump truss turner up vale victory wade wall walker ward warren water watt way weaver well wells west
white wild will wilde win winter wise wolf wood woods word worth wright yard young
""".split())

_TITLE_WORDS = frozenset("""
president presidente prime minister secretary general chief king queen prince princess leader chairman
speaker ambassador senator governor mayor dr mr mrs ms sir lord lady baroness baron former acting deputy
vice foreign defense defence premier chancellor emir sheikh sultan general colonel commander head
spokesman official envoy elect candidate opposition party mp
""".split())


@dataclass
class BuildStats:
    """What a build produced: counts, output size and duration."""

    path: Path
    version: str
    actors: int = 0
    persons: int = 0
    countries: int = 0
    organizations: int = 0
    tenures: int = 0
    memberships: int = 0
    bytes: int = 0
    seconds: float = 0.0


@dataclass
class PhoenixEntry:
    """One TABARI dictionary entry: a name, its ``+`` aliases and its ``[CODE dates]``."""

    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, dt.date | None, dt.date | None, bool]] = field(default_factory=list)


# -- the country table ---------------------------------------------------------------------

def read_countries(path: Path = COUNTRIES_FILE) -> list[dict[str, Any]]:
    """Country rows in KB format from our tab-separated table."""
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 7:
                raise KnowledgeBaseError(f"{path}: expected 7 tab-separated fields, got {len(parts)}: {line!r}")
            iso3, qid, name, aliases, demonyms, capitals, metonyms = parts
            capital_names = _split(capitals)
            rows.append({
                "id": qid, "name": name, "kind": "country", "country": iso3, "iso3": iso3,
                "aliases": _split(aliases), "demonyms": _split(demonyms),
                "capital": capital_names[0] if capital_names else None,
                # The capital names the government ("Moscow said"), so every capital is a metonym.
                "metonyms": _unique(_split(metonyms) + capital_names),
            })
    return rows


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = norm_name(value)
        if key and key not in seen:
            seen.add(key)
            out.append(value)
    return out


# -- PETRARCH2 / Phoenix dictionaries ------------------------------------------------------

def _phoenix_date(text: str) -> dt.date | None:
    digits = text.strip()
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(digits[2:4]) or 1, int(digits[4:6]) or 1)
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]) or 1, int(digits[6:8]) or 1)
    except ValueError:
        return None
    return None


def _parse_code(text: str) -> tuple[str, dt.date | None, dt.date | None, bool] | None:
    parts = text.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,15}|---", parts[0]):
        return None
    code, start, end, dated = parts[0], None, None, False
    for rest in parts[1:]:
        dated = True
        if rest.startswith(">"):
            start = _phoenix_date(rest[1:])
        elif rest.startswith("<"):
            end = _phoenix_date(rest[1:])
        elif "-" in rest:
            left, _, right = rest.partition("-")
            start, end = _phoenix_date(left), _phoenix_date(right)
    return code, start, end, dated


def parse_phoenix(path: Path) -> list[PhoenixEntry]:
    """Entries of a TABARI ``.actors`` file, in file order."""
    entries: list[PhoenixEntry] = []
    current: PhoenixEntry | None = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for raw in fh:
            line = raw.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            codes = [c for c in (_parse_code(m) for m in re.findall(r"\[([^\]]*)\]", line)) if c]
            head = re.sub(r"\[[^\]]*\]", "", line).strip()
            if line.startswith("+"):
                if current is not None:
                    current.aliases.append(phoenix_name(head[1:]))
                    current.codes.extend(codes)
            elif raw[:1].isspace() or not head:
                if current is not None:
                    current.codes.extend(codes)
            else:
                current = PhoenixEntry(phoenix_name(head), [], list(codes))
                entries.append(current)
    return [e for e in entries if e.name]


def phoenix_name(raw: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``Vladimir V. Putin``."""
    words = raw.replace("_", " ").split()
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in words)


def _latest_code(entry: PhoenixEntry) -> str | None:
    usable = [c for c in entry.codes if c[0] != "---" and len(c[0]) > 3]
    if not usable:
        return None
    open_ended = [c for c in usable if c[3] and c[2] is None and c[1] is not None]
    if open_ended:
        return max(open_ended, key=lambda c: c[1] or dt.date.min)[0]
    return max(usable, key=lambda c: (c[2] or dt.date.max) if c[3] else dt.date.min)[0]


def _clean_alias(alias: str, place_words: set[str]) -> str | None:
    words = norm_name(alias).split()
    if len(words) < 2 or any(w in _TITLE_WORDS or w in place_words for w in words):
        return None
    return alias


# -- transliteration -----------------------------------------------------------------------

def _replacer(replacement: str) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` callback writing ``replacement`` in the case of the text it replaces."""

    def replace(match: re.Match[str]) -> str:
        return _keep_case(match.group(0), replacement)

    return replace


def _keep_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


_TRANSLIT_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"(?<=[aeiou])yev\b", ("ev",)),            # Tokayev -> Tokaev
    (r"(?<=[aeiou])ev\b", ("yev",)),            # Tokaev -> Tokayev
    (r"yy\b", ("y", "iy")),                     # Zelenskyy -> Zelensky, Zelenskiy
    (r"(?<=[bcdfgklmnprstvz])iy\b", ("y", "yy")),
    (r"(?<=[bcdfgklmnprstvz])y\b", ("iy", "i", "yy")),  # Dmitry -> Dmitriy, Dmitri
    (r"kh", ("h",)),                            # Mikhail -> Mihail
    (r"\bye", ("e",)),                          # Yevgeny -> Evgeny
    (r"yu", ("iu",)),
    (r"ya", ("ia",)),
)
# Kazakh Latin writes қ as q (Toqaev, Qasym-Jomart); only before back vowels, where қ stands.
_KAZAKH_RULES: tuple[tuple[str, tuple[str, ...]], ...] = ((r"k(?=[aou])", ("q",)), (r"ss", ("s",)))


def _word_variants(word: str, rules: tuple[tuple[str, tuple[str, ...]], ...], cap: int = 8) -> list[str]:
    variants = [word]
    for pattern, replacements in rules:
        for current in list(variants):
            for replacement in replacements:
                new = re.sub(pattern, _replacer(replacement), current, flags=re.IGNORECASE)
                if new != current and new not in variants and len(variants) < cap:
                    variants.append(new)
    return variants


def translit_variants(name: str, iso3: str | None = None, cap: int = 16) -> list[str]:
    """Latin spellings of a Cyrillic-script name: ``Tokayev`` -> ``Tokaev``, ``Toqaev`` (KAZ)...

    The name itself comes first; at most ``cap`` spellings are returned.
    """
    rules = _TRANSLIT_RULES + (_KAZAKH_RULES if iso3 == "KAZ" else ())
    per_word = [_word_variants(w, rules) for w in name.split()]
    out: list[str] = []
    for combo in itertools.product(*per_word):
        candidate = " ".join(combo)
        if candidate not in out:
            out.append(candidate)
        if len(out) >= cap:
            break
    return out


def surname(name: str, iso3: str | None = None) -> str | None:
    """The one-word (or particle) form news uses for a person: "Putin", "von der Leyen", "Xi"."""
    tokens = [t for t in name.replace(",", " ").split() if t.lower() not in _SUFFIXES]
    if len(tokens) < 2:
        return None
    if iso3 in _FAMILY_FIRST:
        return tokens[0]
    for i, token in enumerate(tokens[1:-1], start=1):
        if token.lower() in _PARTICLES:
            return " ".join(tokens[i:])
    return tokens[-1]


# -- office-holder tables ------------------------------------------------------------------

def _precision(value: str) -> str:
    return {4: "year", 7: "month"}.get(len(value.strip()), "day")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


class _PlaceNames:
    """Country names, demonyms and capitals, to strip from office labels and aliases."""

    def __init__(self, countries: list[dict[str, Any]]) -> None:
        self.by_qid = {c["id"]: c for c in countries}
        self.words: set[str] = set()
        self.words_of: dict[str, set[str]] = defaultdict(set)
        phrases: list[str] = []
        for c in countries:
            for value in (c["name"], *c["aliases"], *c["demonyms"]):
                phrases.append(value)
                self.words.update(norm_name(value).split())
                self.words_of[c["iso3"]].update(norm_name(value).split())
        self.words -= {"of", "and", "the", "republic", "kingdom", "state", "states", "united", "islands", "new", "south", "north", "democratic", "people", "federal", "islamic"}
        alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))
        self._suffix = re.compile(rf"\s+(?:of|for)\s+(?:the\s+)?(?:{alternatives})$|\s+\((?:{alternatives})\)$", re.IGNORECASE)
        self._prefix = re.compile(rf"^(?:{alternatives})\s+", re.IGNORECASE)

    def strip(self, label: str, iso3: str | None = None) -> str:
        """The label without its country ("Prime Minister of Japan" -> "Prime Minister").

        With ``iso3``, only that country's names are removed: "Secretary of State of Georgia" in
        the US table is a state office, not the US Secretary of State.
        """
        label = label.strip()
        for pattern in (self._suffix, self._prefix):
            match = pattern.search(label)
            if match is None:
                continue
            words = set(norm_name(match.group(0)).split()) - {"of", "for", "the"}
            if iso3 is not None and not words <= self.words_of.get(iso3, set()):
                return label
            label = label[: match.start()] + label[match.end():]
        return label.strip()


def read_office_tables(office_dir: Path, places: _PlaceNames) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Person rows and tenure rows from the positions/holders21 tables and world-leaders."""
    persons: dict[str, dict[str, Any]] = {}
    tenures: list[dict[str, Any]] = []

    def add_person(qid: str, name: str, iso3: str | None, gender: str = "") -> None:
        if qid and name and qid not in persons and not re.fullmatch(r"Q\d+", name):
            persons[qid] = {"id": qid, "name": name, "kind": "person", "country": iso3, "aliases": []}
            if gender in ("male", "female"):
                persons[qid]["gender"] = gender

    for positions_path in sorted(office_dir.glob("*.positions.csv")):
        holders_path = positions_path.with_name(positions_path.name.replace(".positions.", ".holders21."))
        if not holders_path.exists():
            continue
        counts = Counter(_COUNTRY_QID_ALIASES.get(r.get("country", ""), r.get("country", "")) for r in _read_csv(positions_path))
        country_qid = next((q for q, _ in counts.most_common() if q in places.by_qid), None)
        if country_qid is None:
            continue
        iso3 = places.by_qid[country_qid]["iso3"]
        for row in _read_csv(holders_path):
            qid, name, label = row.get("personID", "").strip(), row.get("person", "").strip(), row.get("position", "")
            if not qid or not label:
                continue
            add_person(qid, name, iso3, (row.get("gender") or "").strip())
            start, end = (row.get("start") or "").strip(), (row.get("end") or "").strip()
            tenures.append({
                "person": qid, "role": canonical_role(places.strip(label, iso3), iso3), "of": country_qid,
                "start": start or None, "end": end or None, "precision": _precision(start) if start else "day",
                "source": f"wikidata via {holders_path.name}", "title": label,
            })

    leaders = office_dir / "world-leaders-2021.wikidata.csv"
    if leaders.exists():
        for row in _read_csv(leaders):
            country_qid = _COUNTRY_QID_ALIASES.get(row["countryid"], row["countryid"])
            country = places.by_qid.get(country_qid)
            if country is None or not row.get("officeholder"):
                continue
            add_person(row["officeholder"], row.get("officeholderLabel", ""), country["iso3"])
            label = row.get("positionLabel", "")
            tenures.append({
                "person": row["officeholder"], "role": canonical_role(places.strip(label, country["iso3"]), country["iso3"]),
                "of": country_qid, "start": row.get("start_year") or None, "end": row.get("end_year") or None,
                "precision": "year", "source": f"wikidata {row.get('position', '')} via {leaders.name}", "title": label,
            })
    return list(persons.values()), tenures


# -- merging -------------------------------------------------------------------------------

SINGLE_HOLDER_ROLES = frozenset({
    "President", "Prime Minister", "Chancellor", "Foreign Minister", "Defence Minister", "Finance Minister",
    "Interior Minister", "Secretary-General", "High Representative", "Vice President", "Monarch",
    "Supreme Leader", "Crown Prince",
})


def _span(row: dict[str, Any]) -> tuple[dt.date, dt.date]:
    return parse_date(row.get("start")) or dt.date.min, _end_date(row.get("end")) or dt.date.max


def _starts_after(row: dict[str, Any], start: dt.date | None) -> bool:
    """Whether ``row`` surely starts after ``start``; a year-only start must be in a later year."""
    other = parse_date(row["start"])
    if other is None or start is None:
        return False
    if row.get("precision") == "year":
        return other.year > start.year
    return other > start


def merge_tenures(sources: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Tenures from sources in priority order; a lower source's row overlapping a kept one is dropped.

    Open-ended tenures of single-holder offices are closed when a later holder starts: the
    tables are snapshots and miss successions after them.
    """
    kept: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    closed: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for rows in sources:
        accepted: list[tuple[tuple[str, str, str], dict[str, Any]]] = []
        for row in rows:
            key = (row["person"], norm_name(row["role"]), row.get("of") or "")
            start, end = _span(row)
            if any(start <= _span(k)[1] and _span(k)[0] <= end for k in kept[key]):
                continue
            # A single-holder office held by someone else then, by a source we trust more, with
            # both ends known: this row is noise (a state official, a misread label).
            if row["role"] in SINGLE_HOLDER_ROLES and row.get("start") and any(
                    s < start < e and who != row["person"] for s, e, who in closed[(row["role"], key[2])]):
                continue
            accepted.append((key, row))
        for key, row in accepted:
            kept[key].append(row)
            if row.get("start") and row.get("end") and row["role"] in SINGLE_HOLDER_ROLES:
                closed[(row["role"], key[2])].append((*_span(row), row["person"]))
    merged = [row for rows in kept.values() for row in rows]
    by_office: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in merged:
        if row["role"] in SINGLE_HOLDER_ROLES and row.get("of"):
            by_office[(row["role"], row["of"])].append(row)
    for rows in by_office.values():
        for row in rows:
            begun = parse_date(row["start"]) if row.get("start") else None
            if begun is None:
                continue
            later = [r["start"] for r in rows if r["person"] != row["person"] and r.get("start")
                     and _starts_after(r, begun)]
            if not later:
                continue
            successor = min(later, key=lambda s: parse_date(s) or dt.date.max)
            ends = _end_date(row.get("end"))
            # A term ends when the successor starts (sources give a later end, or none, when a
            # term was cut short or the table is a snapshot); a year-only start cannot cut a
            # dated end.
            if ends is None or (len(successor) == 10 and (parse_date(successor) or dt.date.max) < ends):
                row["end"] = successor
    merged.sort(key=lambda r: (r["of"] or "", r["role"], r.get("start") or "", r["person"]))
    return merged


def _merge_actor(into: dict[str, Any], row: dict[str, Any]) -> None:
    for key in ("name", "kind", "country", "iso3", "cameo", "capital", "gender", "institution"):
        if row.get(key) and not into.get(key):
            into[key] = row[key]
    for key in ("aliases", "demonyms", "metonyms"):
        if row.get(key):
            into[key] = _unique([*into.get(key, []), *row[key]])


def _strip_source(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "source"}


# -- the build -----------------------------------------------------------------------------

def build_kb_data(
    shared_dir: Path,
    hand_path: Path = HAND_FACTS,
    countries_path: Path = COUNTRIES_FILE,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The KB document, built from the shared facts, our tables and optional Wikidata rows."""
    countries = read_countries(countries_path)
    places = _PlaceNames(countries)
    hand = json.loads(hand_path.read_text(encoding="utf-8")) if hand_path.exists() else {}
    extra = extra or {}

    actors: dict[str, dict[str, Any]] = {}
    for row in countries:
        actors[row["id"]] = dict(row)
    shared = Path(shared_dir)
    qid_by_iso3 = {c["iso3"]: c["id"] for c in countries}
    iso3_by_qid = {c["id"]: c["iso3"] for c in countries}
    iso3_by_name = {norm_name(n): c["iso3"] for c in countries for n in (c["name"], *c["aliases"])}
    factbook = leaders.read_factbook(shared / leaders.FACTBOOK_DIR, iso3_by_name)
    titles = leaders.office_titles(factbook)
    office_persons, office_tenures = read_office_tables(shared / OFFICE_DIR, places)
    geo_persons, geo_tenures = leaders.read_geografia(shared / leaders.GEOGRAFIA_DIR, qid_by_iso3, titles)
    now_persons, now_tenures = leaders.read_current(shared / leaders.CURRENT_DIR, iso3_by_name, qid_by_iso3, titles)
    fm_persons, fm_tenures = leaders.read_foreign_ministers(shared / leaders.FOREIGN_MINISTERS, iso3_by_qid)
    for rows in (hand.get("actors", []), extra.get("actors", []), office_persons, fm_persons, geo_persons,
                 now_persons):
        _add_actors(actors, rows)
    fb_persons, fb_tenures = leaders.factbook_rows(factbook, actors, qid_by_iso3, titles, geo_tenures)
    _add_actors(actors, fb_persons)
    folded = _fold_local_persons(actors)

    _add_phoenix(actors, shared / PHOENIX_DIR, places)
    _add_name_forms(actors, places)

    # Year-only rows of world-leaders-2021 come last: any dated source knows better.
    tables = [t for t in office_tenures if "world-leaders-2021" not in t["source"]]
    yearly = [t for t in office_tenures if "world-leaders-2021" in t["source"]]
    sources = [hand.get("tenures", []), extra.get("tenures", []), tables, geo_tenures, fb_tenures, now_tenures,
               fm_tenures, yearly]
    wrong = {(w["person"], w["role"], w["of"], w.get("start")) for w in hand.get("not_tenures", [])}
    tenures = merge_tenures([[{**t, "person": folded.get(t["person"], t["person"])} for t in rows
                              if (t["person"], t["role"], t.get("of"), t.get("start")) not in wrong
                              and (t["person"], t["role"], t.get("of"), None) not in wrong] for rows in sources])
    tenures = [t for t in tenures if t["person"] in actors]
    heads = _recent_heads(tenures, actors, titles, iso3_by_qid)
    _add_actors(actors, institution_rows([actors[c["id"]] for c in countries], titles, heads))
    memberships = _unique_memberships([*hand.get("memberships", []), *extra.get("memberships", [])], actors)
    ordered = sorted(actors.values(), key=lambda a: ({"country": 0, "organization": 1}.get(a["kind"], 2), a["name"]))
    return {
        "version": dt.date.today().isoformat(),
        "actors": [{k: v for k, v in a.items() if v not in (None, [], "")} for a in ordered],
        "tenures": [{k: v for k, v in t.items() if v not in ("",)} for t in tenures],
        "memberships": memberships,
    }


def _add_actors(actors: dict[str, dict[str, Any]], rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        row = _strip_source(row)
        if row["id"] in actors:
            _merge_actor(actors[row["id"]], row)
        else:
            actors[row["id"]] = {**row, "aliases": list(row.get("aliases", []))}


def _fold_local_persons(actors: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Merge each ``local:`` person into the one Wikidata person of the same name and country.

    Hand rows use local ids where no QID was at hand; a source read later may know the person's
    QID, and one person must have one id. Returns {local id: QID}.
    """
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for actor in actors.values():
        if actor["kind"] == "person" and not actor["id"].startswith("local:"):
            by_key[(norm_name(actor["name"]), actor.get("country") or "")].append(actor["id"])
    folded: dict[str, str] = {}
    for actor_id, actor in list(actors.items()):
        if actor["kind"] != "person" or not actor_id.startswith("local:"):
            continue
        same = by_key.get((norm_name(actor["name"]), actor.get("country") or ""), [])
        if len(same) == 1:
            _merge_actor(actors[same[0]], {k: v for k, v in actor.items() if k not in ("id", "name")})
            del actors[actor_id]
            folded[actor_id] = same[0]
    return folded


def _recent_heads(tenures: list[dict[str, Any]], actors: dict[str, dict[str, Any]],
                  titles: dict[tuple[str, str], str], iso3_by_qid: dict[str, str],
                  since: str = "2010") -> dict[tuple[str, str], list[str]]:
    """Surnames of the heads of state and government in office since ``since``, for "Erdogan's office"."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in tenures:
        iso3 = iso3_by_qid.get(row.get("of") or "")
        person = actors.get(row["person"])
        if iso3 is None or person is None or (row.get("end") and str(row["end"]) < since):
            continue
        for kind in (leaders.HEAD_OF_STATE, leaders.HEAD_OF_GOVERNMENT):
            default = "President" if kind == leaders.HEAD_OF_STATE else "Prime Minister"
            if row["role"] == titles.get((iso3, kind), default):
                last = surname(person["name"], iso3)
                if last and last not in out[(iso3, kind)]:
                    out[(iso3, kind)].append(last)
    return out


def _unique_memberships(rows: list[dict[str, Any]], actors: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str, str]] = set()
    out: list[dict[str, Any]] = []
    for row in rows:
        key = (row["member"], row["of"], str(row.get("start") or ""))
        if key in seen or row["member"] not in actors or row["of"] not in actors:
            continue
        seen.add(key)
        out.append({"member": row["member"], "of": row["of"], "start": row.get("start"), "end": row.get("end")})
    return out


def _add_phoenix(actors: dict[str, dict[str, Any]], phoenix_dir: Path, places: _PlaceNames) -> None:
    """CAMEO codes and clean name variants from the Phoenix dictionaries."""
    country_files = sorted(phoenix_dir.glob("Phoenix.Countries*.actors.txt"))
    other_files = [p for p in sorted(phoenix_dir.glob("Phoenix.*.actors.txt")) if p not in country_files]
    by_name: dict[str, list[str]] = defaultdict(list)
    for actor in actors.values():
        for name in (actor["name"], *actor.get("aliases", [])):
            if actor["id"] not in by_name[norm_name(name)]:
                by_name[norm_name(name)].append(actor["id"])

    def match(entry: PhoenixEntry, kind: str) -> str | None:
        for name in (entry.name, *entry.aliases):
            ids = [i for i in by_name.get(norm_name(name), []) if actors[i]["kind"] == kind]
            if len(ids) == 1:
                return ids[0]
        return None

    for path in country_files + other_files:
        for entry in parse_phoenix(path):
            plain = [c[0] for c in entry.codes if not c[3] and c[0] != "---"]
            if path in country_files and len(plain) == 1 and len(plain[0]) == 3:
                actor_id = match(entry, "country")
                if actor_id and not actors[actor_id].get("cameo"):
                    actors[actor_id]["cameo"] = plain[0]
                continue
            if path not in country_files and plain and plain[0].startswith("IGO"):
                actor_id = match(entry, "organization")
                if actor_id and not actors[actor_id].get("cameo"):
                    actors[actor_id]["cameo"] = plain[0]
                continue
            if not any(c[3] for c in entry.codes) and not any(len(c[0]) > 3 for c in entry.codes):
                continue
            actor_id = match(entry, "person")
            if actor_id is None:
                continue
            person = actors[actor_id]
            code = _latest_code(entry)
            if code and not person.get("cameo"):
                person["cameo"] = code
            clean = [a for a in (_clean_alias(n, places.words) for n in (entry.name, *entry.aliases)) if a]
            person["aliases"] = _unique([*person.get("aliases", []), *clean])


def _add_name_forms(actors: dict[str, dict[str, Any]], places: _PlaceNames) -> None:
    """Surname-only aliases and, for Cyrillic-script states, Latin transliteration variants."""
    place_keys = {norm_name(v) for c in places.by_qid.values() for v in (c["name"], *c["aliases"], *c["demonyms"], *c["metonyms"])}
    org_keys = {norm_name(v) for a in actors.values() if a["kind"] == "organization" for v in (a["name"], *a.get("aliases", []))}
    for actor in actors.values():
        if actor["kind"] != "person":
            continue
        iso3 = actor.get("country")
        extra: list[str] = []
        last = surname(actor["name"], iso3)
        if last:
            key = norm_name(last)
            shortest = 2 if iso3 in _FAMILY_FIRST else 3
            if len(key) >= shortest and key not in COMMON_WORDS and key not in place_keys and key not in org_keys:
                extra.append(last)
        if iso3 in CYRILLIC_STATES:
            # Only the name and surname: variants of every alias would swamp lookups with noise.
            for name in [actor["name"], *extra]:
                extra.extend(translit_variants(name, iso3)[1:])
        actor["aliases"] = [a for a in _unique([*actor.get("aliases", []), *extra]) if norm_name(a) != norm_name(actor["name"])]


def write_kb(data: dict[str, Any], out: Path) -> int:
    """Write the KB as gzip'd compact JSON (or plain JSON for a ``.json`` path); return bytes written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    tmp = out.with_name(out.name + ".tmp")
    if out.suffix == ".gz":
        buffer = io.BytesIO()
        # mtime=0 keeps the file identical across builds of the same facts.
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as fh:
            fh.write(text.encode("utf-8"))
        tmp.write_bytes(buffer.getvalue())
    else:
        tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out.stat().st_size


def build_kb(shared_dir: Path, out: Path, extra: dict[str, Any] | None = None, hand_path: Path = HAND_FACTS) -> BuildStats:
    """Build the KB from ``shared_dir`` (the ``../shared`` folder) into ``out``; return its stats."""
    began = time.perf_counter()
    if not (Path(shared_dir) / OFFICE_DIR).is_dir():
        raise KnowledgeBaseError(
            f"{Path(shared_dir) / OFFICE_DIR}: office-holder tables not found; pass the shared data folder "
            "(the one holding data/actors/) with --shared"
        )
    data = build_kb_data(Path(shared_dir), hand_path=hand_path, extra=extra)
    size = write_kb(data, Path(out))
    kinds = Counter(a["kind"] for a in data["actors"])
    return BuildStats(
        path=Path(out), version=data["version"], actors=len(data["actors"]), persons=kinds["person"],
        countries=kinds["country"], organizations=kinds["organization"], tenures=len(data["tenures"]),
        memberships=len(data["memberships"]), bytes=size, seconds=time.perf_counter() - began,
    )



def wikidata_rows(fetch: Any = None, hand_path: Path = HAND_FACTS, countries_path: Path = COUNTRIES_FILE) -> dict[str, Any]:
    """Rows from Wikidata for our states and the organizations in the hand file."""
    from . import wikidata

    iso3_by_qid = {c["id"]: c["iso3"] for c in read_countries(countries_path)}
    hand = json.loads(hand_path.read_text(encoding="utf-8")) if hand_path.exists() else {}
    orgs = [a["id"] for a in hand.get("actors", []) if a.get("kind") == "organization"]
    return wikidata.refresh_from_wikidata(iso3_by_qid, orgs, fetch=fetch or wikidata.sparql)
