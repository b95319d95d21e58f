"""Refresh knowledge-base facts from Wikidata's SPARQL service (CC0 data).

Three queries: offices held in every sovereign state (heads of state and government, foreign
ministers) with start/end dates and their precision; labels and aliases of the people found, in
several languages; and memberships of the international organizations the KB knows. Responses
become KB rows (see :mod:`communique.kb`) that :func:`communique.kbbuild.build_kb` merges ahead of
the office-holder tables.

The network call is :func:`sparql` alone, so tests pass a ``fetch`` that returns saved responses::

    rows = refresh_from_wikidata()
    build_kb(Path("../shared"), DEFAULT_KB, extra=rows)
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any, Callable, Iterable

from .errors import KnowledgeBaseError
from .kb import canonical_role

ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = "communique-kb-build/0.1 (https://github.com/communique; knowledge base refresh)"
LANGUAGES = ("en", "ru", "de", "fr", "es", "kk", "uk")

Fetch = Callable[[str], dict[str, Any]]

# Wikidata time precision: 9 = year, 10 = month, 11 = day.
_PRECISION = {"9": ("year", 4), "10": ("month", 7), "11": ("day", 10)}

OFFICES_QUERY = """
SELECT ?country ?position ?positionLabel ?kind ?person ?personLabel ?start ?startPrecision ?end ?endPrecision WHERE {
  ?country wdt:P31 wd:Q3624078 .
  { ?country wdt:P1906 ?position . BIND("head_of_state" AS ?kind) }
  UNION { ?country wdt:P1313 ?position . BIND("head_of_government" AS ?kind) }
  UNION { ?position wdt:P279 wd:Q7330070 ; wdt:P1001 ?country . BIND("foreign_minister" AS ?kind) }
  ?person p:P39 ?statement .
  ?statement ps:P39 ?position .
  OPTIONAL { ?statement pqv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] . }
  OPTIONAL { ?statement pqv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] . }
  FILTER(!BOUND(?start) || YEAR(?start) >= %(since)d)
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}
"""

LABELS_QUERY = """
SELECT ?item ?name ?lang ?type WHERE {
  VALUES ?item { %(items)s }
  { ?item rdfs:label ?name . BIND("label" AS ?type) } UNION { ?item skos:altLabel ?name . BIND("alias" AS ?type) }
  BIND(LANG(?name) AS ?lang)
  FILTER(?lang IN (%(langs)s))
}
"""

MEMBERSHIPS_QUERY = """
SELECT ?member ?org ?start ?startPrecision ?end ?endPrecision WHERE {
  VALUES ?org { %(orgs)s }
  ?member wdt:P31 wd:Q3624078 ; p:P463 ?statement .
  ?statement ps:P463 ?org .
  OPTIONAL { ?statement pqv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] . }
  OPTIONAL { ?statement pqv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] . }
}
"""


def sparql(query: str, timeout: float = 120.0) -> dict[str, Any]:
    """Run one query against the Wikidata endpoint and return the JSON response."""
    request = urllib.request.Request(
        ENDPOINT + "?" + urllib.parse.urlencode({"query": query, "format": "json"}),
        headers={"User-Agent": USER_AGENT, "Accept": "application/sparql-results+json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return dict(json.loads(response.read().decode("utf-8")))
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(
            f"{ENDPOINT}: Wikidata query failed ({exc}); check the internet connection or build "
            "without --wikidata"
        ) from exc


def _bindings(response: dict[str, Any]) -> Iterable[dict[str, str]]:
    for row in response.get("results", {}).get("bindings", []):
        yield {key: value.get("value", "") for key, value in row.items()}


def _qid(uri: str) -> str:
    return uri.rsplit("/", 1)[-1]


def wikidata_date(value: str | None, precision: str | None) -> tuple[str | None, str]:
    """``+2019-03-20T00:00:00Z`` with precision 11 -> ``("2019-03-20", "day")``."""
    if not value:
        return None, "day"
    name, length = _PRECISION.get(precision or "11", ("day", 10))
    return value.lstrip("+")[:length], name


def _role(kind: str, label: str, iso3: str | None) -> str:
    if kind == "foreign_minister":
        return "Foreign Minister"
    role = canonical_role(label.split(" of ")[0] if " of " in label else label, iso3)
    if kind == "head_of_government" and role not in ("Chancellor", "Prime Minister"):
        return "Prime Minister"
    return role


def offices_to_rows(response: dict[str, Any], iso3_by_qid: dict[str, str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Person rows and tenure rows from an offices query response."""
    persons: dict[str, dict[str, Any]] = {}
    tenures: list[dict[str, Any]] = []
    for row in _bindings(response):
        country, person = _qid(row["country"]), _qid(row["person"])
        iso3 = iso3_by_qid.get(country)
        if iso3 is None:
            continue
        name = row.get("personLabel", "")
        if name and name != person:
            persons.setdefault(person, {"id": person, "name": name, "kind": "person", "country": iso3, "aliases": []})
        start, precision = wikidata_date(row.get("start"), row.get("startPrecision"))
        end, _ = wikidata_date(row.get("end"), row.get("endPrecision"))
        label = row.get("positionLabel", "")
        tenures.append({
            "person": person, "role": _role(row.get("kind", ""), label, iso3), "of": country,
            "start": start, "end": end, "precision": precision,
            "source": f"wikidata {_qid(row['position'])}", "title": label,
        })
    return list(persons.values()), tenures


def labels_to_aliases(response: dict[str, Any]) -> dict[str, list[str]]:
    """Names by item id, English label first, from a labels query response."""
    names: dict[str, list[str]] = {}
    for row in sorted(_bindings(response), key=lambda r: (r.get("lang") != "en", r.get("type") != "label")):
        values = names.setdefault(_qid(row["item"]), [])
        if row["name"] not in values:
            values.append(row["name"])
    return names


def memberships_to_rows(response: dict[str, Any]) -> list[dict[str, Any]]:
    """Membership rows from a memberships query response."""
    rows = []
    for row in _bindings(response):
        start, _ = wikidata_date(row.get("start"), row.get("startPrecision"))
        end, _ = wikidata_date(row.get("end"), row.get("endPrecision"))
        rows.append({"member": _qid(row["member"]), "of": _qid(row["org"]), "start": start, "end": end, "source": "wikidata P463"})
    return rows


def refresh_from_wikidata(
    iso3_by_qid: dict[str, str],
    organization_ids: Iterable[str],
    fetch: Fetch = sparql,
    since: int = 1990,
    languages: Iterable[str] = LANGUAGES,
    chunk: int = 200,
) -> dict[str, Any]:
    """KB rows (actors, tenures, memberships) for offices and memberships from Wikidata.

    ``iso3_by_qid`` maps the states to keep; ``organization_ids`` are the QIDs of the
    organizations whose members to fetch (ids that are not QIDs are skipped).
    """
    persons, tenures = offices_to_rows(fetch(OFFICES_QUERY % {"since": since}), iso3_by_qid)
    langs = ", ".join(f'"{lang}"' for lang in languages)
    ids = [p["id"] for p in persons]
    for i in range(0, len(ids), chunk):
        items = " ".join(f"wd:{q}" for q in ids[i:i + chunk])
        found = labels_to_aliases(fetch(LABELS_QUERY % {"items": items, "langs": langs}))
        for person in persons[i:i + chunk]:
            person["aliases"] = [n for n in found.get(person["id"], []) if n != person["name"]]
    orgs = " ".join(f"wd:{q}" for q in organization_ids if q.startswith("Q"))
    memberships = memberships_to_rows(fetch(MEMBERSHIPS_QUERY % {"orgs": orgs})) if orgs else []
    return {"actors": persons, "tenures": tenures, "memberships": memberships}
