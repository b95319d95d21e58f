"""Where a contact took place: the place phrase of its sentence, several places as several
meetings, a third country, and whether two place names may name one place."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .record import EventInfo


def _places(doc: Doc, sent: Span, trigger: Token) -> list[str]:
    """Where the meeting took place; a list of places ("in San Diego, Belfast and Hiroshima") gives each."""
    first = _location(doc, sent, trigger)
    if first is None:
        return []
    for token in sent:
        if token.lower_ == "in" and token.dep_ == "prep" and token.head == trigger:
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            listed = [c for c in pobj.conjuncts if c.ent_type_ in ("GPE", "LOC", "FAC")] if pobj is not None else []
            if pobj is not None and listed:
                # "in San Diego, Belfast, Hiroshima, Washington": the parser may attach the last as an apposition
                listed += [c for t in [pobj, *listed] for c in t.children
                           if c.dep_ == "appos" and c.ent_type_ in ("GPE", "LOC", "FAC") and c not in listed]
            if pobj is not None and listed:
                return [_name_of(doc, t) for t in sorted([pobj, *listed], key=lambda t: t.i)]
    return [first]


def _name_of(doc: Doc, token: Token) -> str:
    """A place's whole name: the token with the compound words before it ("San Diego")."""
    start = token.i
    while start > 0 and doc[start - 1].dep_ in ("compound", "nmod") and doc[start - 1].head.i in range(start, token.i + 1):
        start -= 1
    return doc[start : token.i + 1].text


def _location(doc: Doc, sent: Span, trigger: Token) -> str | None:
    match = re.search(r"\bon the sidelines of (?:the )?([A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*){0,5}(?:\s+summit)?(?:\s+in\s+[A-Z][\w-]+)?)", sent.text)
    if match:
        return "sidelines of " + match.group(1)
    for token in sent:
        if token.lower_ in ("in", "at") and token.dep_ == "prep":
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
            if pobj is None or pobj.ent_type_ not in ("GPE", "FAC", "LOC", "ORG"):
                continue
            # the place's own words, not a clause about it ("Budapest, where the pipeline was discussed")
            clauses = {t.i for c in pobj.children if c.dep_ in ("relcl", "acl", "advcl") for t in c.subtree}
            words = [t.i for t in pobj.subtree if t.i not in clauses and not (t.is_punct and t.i > pobj.i)]
            span = doc[min(words) : max(words) + 1]
            if pobj.ent_type_ == "ORG" and not re.search(r"Kremlin|House|Palace|Street|Hall|Building|Centre|Center", span.text):
                continue
            return span.text.strip() or None
    return None


def _third_place(doc: Doc, event: EventInfo) -> bool:
    """The meeting took place in a country none of its parties belongs to."""
    kb = doc._.cq_kb
    if kb is None or not event.location:
        return False
    place = re.sub(r"^sidelines of .*? in ", "", event.location)
    country = kb.place(place) or next((m for m in [kb.country_by_metonym(place)] if m), None)
    if country is None or country.kind != "country":
        return False
    homes = {doc._.cq_actors[p].country for p in event.participants}
    return None not in homes and country.country not in homes


def _same_place(doc: Doc | None, a: str, b: str) -> bool:
    """Two place names that may name one place: one inside the other, or the same country."""
    if a in b or b in a or "sidelines" in a or "sidelines" in b:
        return True
    kb = doc._.cq_kb if doc is not None else None
    if kb is None:
        return True
    pa, pb = kb.place(a), kb.place(b)
    if pa is None or pb is None:
        return True  # a venue we cannot place: do not split on it
    return pa.id == pb.id and (pa.kind != "country" or a == b or pa.name in (a, b) or pb.name in (a, b))
