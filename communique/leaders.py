"""Heads of state and government and foreign ministers from the shared leader files, as KB rows.

Read by :mod:`communique.kbbuild`; every reader returns ``(persons, tenures)`` in KB row format
(see :mod:`communique.kb`) and never ships the files themselves:

* ``wikidata-leaders-geografia/leaders_{history,current}.csv``: Wikidata heads of state (P35) and
  government (P6) with QIDs and day dates, to October 2025;
* ``factbook-json/<region>/<gec>.json``: the final CIA World Factbook (January 2026), free text
  "Title NAME (since D Month YYYY)" with no ids;
* ``world-leaders-current/snapshot-*.json``: heads of 30 entities with QIDs (August 2026);
* ``everypolitician-scrapers/world-foreign-ministers.wikidata.csv``: the foreign minister of every
  state on 2022-12-10.

The sources name offices only as "head of state" / "head of government"; the title a tenure gets
("President", "Prime Minister", "Chancellor", "Monarch"...) comes from the Factbook's current title
for that country, which :func:`office_titles` reads.

Example::

    titles = office_titles(shared / FACTBOOK_DIR, iso3_by_name)
    persons, tenures = read_geografia(shared / GEOGRAFIA_DIR, qid_by_iso3, titles)
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .kb import canonical_role, norm_name, parse_date

GEOGRAFIA_DIR = Path("data/actors/wikidata-leaders-geografia")
FACTBOOK_DIR = Path("data/actors/factbook-json")
CURRENT_DIR = Path("data/actors/world-leaders-current")
FOREIGN_MINISTERS = Path("data/actors/everypolitician-scrapers/world-foreign-ministers.wikidata.csv")

HEAD_OF_STATE = "head_of_state"
HEAD_OF_GOVERNMENT = "head_of_government"

Rows = tuple[list[dict[str, Any]], list[dict[str, Any]]]

# Words of an office title in the Factbook's "Title GIVEN SURNAME" text; the name starts at the
# first word not in this list.
_TITLE_WORDS = frozenset("""
president prime minister premier chancellor king queen emperor empress sultan emir amir crown prince
princess grand duke duchess sovereign co-prince captain captains regent governor general governor-general
supreme leader federal chairman chair chairwoman head of the state and council vice first deputy acting
interim transitional presidential government executive chief secretary national military presidency
commander in transition junta swiss confederation represented by his her majesty sheikh shaykh
chairperson ministers presidium co-chiefs chiefs
""".split())
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_SINCE = re.compile(r"\(since (\d{1,2} )?([A-Za-z]+ )?(\d{4})\)")


@dataclass(frozen=True)
class FactbookHolder:
    """One "Title NAME (since date)" entry of the Factbook's executive branch."""

    iso3: str
    kind: str  # head_of_state | head_of_government | other
    title: str
    name: str
    since: str | None


def _day(value: str) -> str | None:
    """``2024-07-05T00:00:00Z`` -> ``2024-07-05``; Wikidata blank nodes and BCE dates -> None."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        return None
    day = match.group(0)
    return day if parse_date(day) is not None and day >= "1000" else None


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _caps(word: str) -> bool:
    """A word the Factbook writes in capitals as (part of) a family name: "STARMER", "Hoseini-KHAMENEI"."""
    return any(len(part) > 1 and part.isupper() and part.isalpha() for part in re.split(r"[-']", word))


def person_name(text: str) -> str:
    """The Factbook's "Keir STARMER" / "XI Jinping" / "S&eacute;bastien LECORNU" in news case."""
    words = []
    for i, word in enumerate(html.unescape(text).split()):
        if _caps(word) and not (i and re.fullmatch(r"[IVX]+", word)):
            word = "-".join(part[:1] + part[1:].lower() if part.isupper() else part for part in word.split("-"))
            word = re.sub(r"^(Mc|O')(\w)", lambda m: m.group(1) + m.group(2).upper(), word)
        words.append(word)
    return " ".join(w if w.lower() not in ("bin", "al", "ibni") else w.lower() for w in words)


def _split_title(text: str) -> tuple[str, str]:
    """"Prime Minister Keir STARMER" -> ("Prime Minister", "Keir STARMER")."""
    words = text.split()
    first = next((i for i, w in enumerate(words) if _caps(w)), None)
    if first is None:
        return "", text
    begin = first
    while begin > 0 and words[begin - 1][:1].isupper() and words[begin - 1].lower().strip(",") not in _TITLE_WORDS:
        begin -= 1
    return " ".join(words[:begin]), " ".join(words[begin:])


def _factbook_date(match: re.Match[str]) -> str | None:
    day, month, year = match.group(1), match.group(2), match.group(3)
    number = _MONTHS.get((month or "").strip().lower()[:3])
    if number and day:
        return f"{year}-{number:02d}-{int(day):02d}"
    return f"{year}-{number:02d}" if number else year


def parse_executive(text: str, iso3: str, kind: str) -> list[FactbookHolder]:
    """Holders named in one Factbook "chief of state" / "head of government" text."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = re.split(r"\bnote\b", text, maxsplit=1)[0]
    found: list[FactbookHolder] = []
    for chunk in re.split(r";|\)\s*,\s*(?=[A-Z])|\)\s+and\s+", text):
        since = _SINCE.search(chunk + (")" if "(since" in chunk and not chunk.rstrip().endswith(")") else ""))
        if since is None:
            continue
        head = chunk[: since.start()].strip(" ,")
        head = re.sub(r"^(represented by|also|and)\s+", "", head, flags=re.IGNORECASE)
        title, name = _split_title(head)
        name = person_name(name)
        if not name or not any(_caps(w) for w in head.split()):
            continue
        found.append(FactbookHolder(iso3, kind if not found else "other", title, name, _factbook_date(since)))
    return found


def read_factbook(factbook_dir: Path, iso3_by_name: dict[str, str]) -> list[FactbookHolder]:
    """Every holder in the Factbook's executive branches of the states we know."""
    holders: list[FactbookHolder] = []
    for path in sorted(factbook_dir.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        government = data.get("Government", {})
        names = government.get("Country name", {})
        iso3 = None
        for key in ("conventional short form", "conventional long form", "local short form"):
            value = html.unescape(names.get(key, {}).get("text", "")).split(";")[0]
            iso3 = iso3_by_name.get(norm_name(value))
            if iso3:
                break
        if iso3 is None:
            continue
        executive = government.get("Executive branch", {})
        for field, kind in (("chief of state", HEAD_OF_STATE), ("head of government", HEAD_OF_GOVERNMENT)):
            holders.extend(parse_executive(executive.get(field, {}).get("text", ""), iso3, kind))
    return holders


def _role_part(title: str, kind: str) -> str:
    """"King and Prime Minister": the head of state is the King, the head of government the PM."""
    parts = [p.strip() for p in re.split(r"\s+and\s+", title) if p.strip()]
    if not parts:
        return "President" if kind == HEAD_OF_STATE else "Prime Minister"
    if kind == HEAD_OF_GOVERNMENT:
        governing = [p for p in parts if re.search(r"minister|premier|chancellor|president|chairman", p, re.I)]
        return governing[-1] if governing else parts[-1]
    return parts[0]


# The office names the sources' "head of state" / "head of government" become.
_OFFICE_NAMES: tuple[tuple[str, str], ...] = (
    (r"supreme leader", "Supreme Leader"), (r"captains? regent", "Captain Regent"), (r"co-prince", "Co-Prince"),
    (r"chairperson of the presidency", "Chairman of the Presidency"), (r"chancellor", "Chancellor"),
    (r"prime minister|premier|chairperson of the council of ministers|president of the government", "Prime Minister"),
    (r"\b(king|queen|emperor|sultan|emir|amir|grand duke|prince|monarch)\b", "Monarch"),
    (r"president", "President"),
)


def office_name(title: str) -> str | None:
    """The short role of a head of state's or government's title: "Premier" -> "Prime Minister"."""
    low = title.lower()
    for pattern, role in _OFFICE_NAMES:
        if re.search(pattern, low):
            return role
    return None


def office_titles(holders: list[FactbookHolder]) -> dict[tuple[str, str], str]:
    """(iso3, head_of_state|head_of_government) -> the canonical role of that office today.

    Where one person holds both offices under one title (the US President), the head of
    government's historical title is unknown, so it is left out and the reader falls back.
    """
    firsts: dict[tuple[str, str], FactbookHolder] = {}
    for holder in holders:
        if holder.kind != "other":
            firsts.setdefault((holder.iso3, holder.kind), holder)
    titles: dict[tuple[str, str], str] = {}
    for (iso3, kind), holder in firsts.items():
        role = office_name(_role_part(holder.title, kind))
        if role:
            titles[(iso3, kind)] = role
    for (iso3, kind), role in list(titles.items()):
        if kind == HEAD_OF_GOVERNMENT and titles.get((iso3, HEAD_OF_STATE)) == role:
            del titles[(iso3, kind)]
    return titles


def _role_for(titles: dict[tuple[str, str], str], iso3: str, kind: str) -> str:
    return titles.get((iso3, kind)) or ("President" if kind == HEAD_OF_STATE else "Prime Minister")


def read_geografia(folder: Path, qid_by_iso3: dict[str, str], titles: dict[tuple[str, str], str]) -> Rows:
    """Heads of state and government with QIDs and day dates (rows without a start are noise)."""
    persons: dict[str, dict[str, Any]] = {}
    spans: dict[tuple[str, str, str], list[tuple[str, str | None]]] = defaultdict(list)
    for name in ("leaders_history.csv", "leaders_current.csv"):
        path = folder / name
        if not path.exists():
            continue
        for row in _read_csv(path):
            iso3, qid, kind = row["iso3"], row["person_qid"].strip(), row["role"]
            start = _day(row.get("start", ""))
            if iso3 not in qid_by_iso3 or not re.fullmatch(r"Q\d+", qid) or start is None:
                continue
            spans[(iso3, kind, qid)].append((start, _day(row.get("end", ""))))
            if qid not in persons and row.get("person") and not re.fullmatch(r"Q\d+", row["person"]):
                persons[qid] = {"id": qid, "name": row["person"].strip(), "kind": "person", "country": iso3,
                                "aliases": []}
    state_terms: dict[tuple[str, str], list[tuple[str, str | None]]] = {
        (iso3, qid): terms for (iso3, kind, qid), terms in spans.items() if kind == HEAD_OF_STATE}
    tenures: list[dict[str, Any]] = []
    for (iso3, kind, qid), terms in spans.items():
        for start, end in _merge_terms(terms):
            if kind == HEAD_OF_GOVERNMENT and (iso3, HEAD_OF_GOVERNMENT) not in titles and any(
                    s <= start and (e is None or start < e) for s, e in state_terms.get((iso3, qid), [])):
                continue  # the president who also heads the government: one office, one tenure
            tenures.append({"person": qid, "role": _role_for(titles, iso3, kind), "of": qid_by_iso3[iso3],
                            "start": start, "end": end, "precision": "day",
                            "source": f"wikidata {kind} via {GEOGRAFIA_DIR.name}"})
    return list(persons.values()), tenures


def _merge_terms(terms: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """One row per term: the sources repeat a term open-ended and closed, or split it in two."""
    merged: list[list[Any]] = []
    for start, end in sorted(set(terms), key=lambda t: (t[0], t[1] or "9999")):
        if merged and (merged[-1][1] is None or start <= merged[-1][1]):
            last = merged[-1]
            if last[1] is not None and (end is None or end > last[1]):
                last[1] = end
            elif last[1] is None and end is not None and last[0] == start:
                last[1] = end  # the closed copy of an open row
            continue
        merged.append([start, end])
    return [(s, e) for s, e in merged]


def read_current(folder: Path, iso3_by_name: dict[str, str], qid_by_iso3: dict[str, str],
                 titles: dict[tuple[str, str], str]) -> Rows:
    """Holders in the newest world-leaders-current snapshot (CC BY-SA 4.0: credited in NOTICE)."""
    snapshots = sorted(folder.glob("snapshot-*.json"))
    if not snapshots:
        return [], []
    data = json.loads(snapshots[-1].read_text(encoding="utf-8"))
    persons: dict[str, dict[str, Any]] = {}
    tenures: list[dict[str, Any]] = []
    for entry in data.get("countries", {}).values():
        iso3 = iso3_by_name.get(norm_name(entry.get("country", {}).get("name_en", "")))
        if iso3 is None or iso3 not in qid_by_iso3:
            continue
        for kind, position in entry.get("positions", {}).items():
            holder = position.get("current_holder") or {}
            qid, since = holder.get("wikidata_id") or "", holder.get("since")
            if not re.fullmatch(r"Q\d+", qid) or not since or kind not in (HEAD_OF_STATE, HEAD_OF_GOVERNMENT):
                continue
            if kind == HEAD_OF_GOVERNMENT and position.get("is_same_as_head_of_state") and (
                    iso3, HEAD_OF_GOVERNMENT) not in titles:
                continue
            persons.setdefault(qid, {"id": qid, "name": holder.get("name_en", ""), "kind": "person",
                                     "country": iso3, "aliases": []})
            tenures.append({"person": qid, "role": _role_for(titles, iso3, kind), "of": qid_by_iso3[iso3],
                            "start": since, "end": None, "precision": "day",
                            "source": f"world-leaders-current {snapshots[-1].stem} (CC BY-SA 4.0)"})
    return [p for p in persons.values() if p["name"]], tenures


def factbook_rows(holders: list[FactbookHolder], known: dict[str, dict[str, Any]], qid_by_iso3: dict[str, str],
                  titles: dict[tuple[str, str], str], dated: list[dict[str, Any]] | None = None) -> Rows:
    """Tenures for the Factbook's holders, linked to a known person of the same country by name.

    A holder whose name differs from every known spelling ("Kasym-Zhomart TOKAYEV", "King CHARLES
    III" where Wikidata's label is in another language) is linked to the open-ended holder of the
    same office in ``dated`` (Wikidata tenures); the Factbook's spelling becomes an alias.
    """
    open_holders: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in dated or ():
        if row.get("end") is None:
            open_holders[(row["of"], row["role"])].append(row["person"])
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for actor in known.values():
        if actor.get("kind") != "person" or not actor.get("country"):
            continue
        for name in (actor["name"], *actor.get("aliases", [])):
            words = norm_name(name).split()
            if words:
                for key in {" ".join(words), words[-1], words[0]}:
                    if actor["id"] not in index[(actor["country"], key)]:
                        index[(actor["country"], key)].append(actor["id"])
    persons: list[dict[str, Any]] = []
    tenures: list[dict[str, Any]] = []
    for holder in holders:
        if holder.iso3 not in qid_by_iso3 or not holder.since:
            continue
        person_id = _link(holder, index)
        role_now = _role_for(titles, holder.iso3, holder.kind) if holder.kind != "other" else ""
        sitting = open_holders.get((qid_by_iso3[holder.iso3], role_now), [])
        if person_id is None and len(sitting) == 1 and sitting[0] in known:
            person_id = sitting[0]
            person = known[person_id]
            if norm_name(holder.name).split()[-1] not in norm_name(person["name"]).split():
                # Wikidata's label is in another language ("Carlos III do Reino Unido")
                person["aliases"] = [person["name"], *person.get("aliases", [])]
                person["name"] = holder.name
            else:
                person.setdefault("aliases", []).append(holder.name)
        if person_id is None:
            person_id = "local:" + re.sub(r"[^a-z0-9]+", "-", norm_name(holder.name)).strip("-")
            persons.append({"id": person_id, "name": holder.name, "kind": "person", "country": holder.iso3,
                            "aliases": []})
        if holder.kind == "other":
            role = canonical_role(holder.title, holder.iso3) if holder.title else ""
        elif holder.kind == HEAD_OF_GOVERNMENT and (holder.iso3, holder.kind) not in titles:
            continue
        else:
            role = _role_for(titles, holder.iso3, holder.kind)
        if not role:
            continue
        precision = {4: "year", 7: "month"}.get(len(holder.since), "day")
        tenures.append({"person": person_id, "role": role, "of": qid_by_iso3[holder.iso3], "start": holder.since,
                        "end": None, "precision": precision, "source": "CIA World Factbook (final edition, 2026-01)",
                        "title": holder.title})
    return persons, tenures


def _link(holder: FactbookHolder, index: dict[tuple[str, str], list[str]]) -> str | None:
    words = norm_name(holder.name).split()
    if not words:
        return None
    surname_first = [w for w in holder.name.split() if w.isupper() or w[:1].isupper()]
    for key in (" ".join(words), words[-1], words[0], norm_name(surname_first[0]) if surname_first else ""):
        ids = index.get((holder.iso3, key), [])
        if len(ids) == 1:
            return ids[0]
    return None


def read_foreign_ministers(path: Path, iso3_by_qid: dict[str, str]) -> Rows:
    """The foreign minister of every state on 2022-12-10 (start dates; successors close them)."""
    if not path.exists():
        return [], []
    persons: dict[str, dict[str, Any]] = {}
    tenures: list[dict[str, Any]] = []
    for row in _read_csv(path):
        qid, country = row.get("person", "").strip(), row.get("country", "").strip()
        iso3 = iso3_by_qid.get(country)
        if not re.fullmatch(r"Q\d+", qid) or iso3 is None or not row.get("name"):
            continue
        persons.setdefault(qid, {"id": qid, "name": row["name"], "kind": "person", "country": iso3, "aliases": []})
        start = (row.get("start") or "").strip() or None
        if start is None:
            continue
        tenures.append({"person": qid, "role": "Foreign Minister",
                        "of": country, "start": start, "end": None,
                        "precision": {4: "year", 7: "month"}.get(len(start), "day"),
                        "source": f"wikidata via {path.name}", "title": row.get("positionLabel", "")})
    return list(persons.values()), tenures
