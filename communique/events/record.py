"""``EventInfo``, the event record the component builds, and how often each sort of event was right."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc


# How often an event of each sort was right on the dev data: Laplace-smoothed precision (k+1)/(n+2)
# of held meetings matched to ../shared/dev-gold and the reference article on 2026-11-28 -- meetings
# between named people 25 of 26, meetings with a country, body or group among the parties 9 of 13.
# A meeting mentioned again later was no more often right (7 of 9), so more evidence adds nothing.
# Praise and criticism have no gold set yet: their values are priors, to calibrate when one exists.
CONFIDENCE = {"people": 0.93, "bodies": 0.67, "stance-quote": 0.7, "stance-verb": 0.65}


@dataclass
class EventInfo:
    plover: str
    cameo: str
    evidence: tuple[int, int]
    kind: str | None = None
    mode: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    formality: str = "unspecified"
    initiator: str | None = None
    recurring: bool = False
    status: str = "held"
    date: dt.date | None = None
    date_text: str | None = None
    location: str | None = None
    more_evidence: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.6
    places: list[str] = field(default_factory=list)  # "we met in A, B and C": one meeting in each
    trigger_is_noun: bool = False
    informal_part: bool = False  # a meal, walk or tête-à-tête: its own record beside the talks
    joint_subject: bool = False  # "A, B and C met": one meeting of all, never split into pairs
    reception: bool = False  # "Y was received by X" and nothing more: the host's welcome, part of a visit
    definite: bool = False  # "hosted the talks", "the meeting was ...": refers to a contact reported before


def _kind(doc: Doc, actor: str) -> str | None:
    info = doc._.cq_actors.get(actor)
    return info.kind if info else None


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
