"""The contract's scoring rules (v1.1): names, institutions, spokespeople, kinds, halves."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.evaluate import actor_matches, half_of, names_match, score_document
from communique.institutions import classify
from communique.kb import load_kb
from communique.records import Actor, Analysis, ArticleInfo, Event, Evidence, PipelineInfo, Span


@pytest.mark.parametrize("a, b, expected", [
    ("Tokayev", "Kassym-Jomart Tokayev", True),
    ("Zelensky", "Volodymyr Zelenskyy", True),          # transliteration of the last name
    ("Ukhnaagiin Khurelsukh", "Khurelsukh Ukhnaa", True),  # name order: last token among the other's
    ("Wang Yi", "Wang Wenbin", False),
    ("Mark Rutte", "Mark Carney", False),
    ("Biden", "Bidenko", False),
])
def test_evaluate_names_match_v11(a: str, b: str, expected: bool) -> None:
    assert names_match(a, b) is expected


def _analysis(*actors: Actor, events: list[Event] | None = None) -> Analysis:
    return Analysis(
        pipeline=PipelineInfo(version="t", model="t", kb="t"),
        article=ArticleInfo(id="x", title=None, outlet=None, url=None, published=None, language="en"),
        actors=list(actors), quotes=[], events=events or [], roles=[],
    )


def _mention(text: str) -> Span:
    return Span(start=0, end=len(text), text=text)


def test_evaluate_institution_matches_same_body_of_same_country() -> None:
    kremlin = Actor(id="o1", name="Kremlin", kind="organization", country="RUS", mentions=[_mention("the Kremlin")])
    press = Actor(id="o2", name="Russian presidential press service", kind="organization", country="RUS")
    russia = Actor(id="c1", name="Russia", kind="country", country="RUS")
    mfa = Actor(id="o3", name="Russian Foreign Ministry", kind="organization", country="RUS")
    analysis = _analysis(kremlin, press, russia, mfa)
    assert actor_matches("Kremlin", analysis, "o1")
    assert actor_matches("Kremlin", analysis, "o2")          # the presidency's press service: same kind, same country
    assert not actor_matches("Kremlin", analysis, "c1")      # a country never matches an institution
    assert not actor_matches("Kremlin", analysis, "o3")      # a ministry is another kind of body
    assert actor_matches("Smolenskaya Square", analysis, "o3")


def test_evaluate_spokesperson_group_only_for_same_principal() -> None:
    tusk = Actor(id="p1", name="Donald Tusk", kind="person", country="POL")
    group = Actor(id="g1", name="Spokesman for Donald Tusk", kind="group", country="POL")
    other = Actor(id="g2", name="Spokesman for Olaf Scholz", kind="group", country="DEU")
    analysis = _analysis(tusk, group, other)
    assert actor_matches("Spokesman for Donald Tusk", analysis, "g1")
    assert not actor_matches("Spokesman for Donald Tusk", analysis, "p1")
    assert not actor_matches("Spokesman for Donald Tusk", analysis, "g2")


@pytest.mark.parametrize("name, kind, country", [
    ("the Kremlin", "executive", "RUS"),
    ("Élysée Palace", "executive", "FRA"),
    ("Press Service of the President of Kazakhstan", "executive", "KAZ"),
    ("Pakistani Foreign Office", "foreign_ministry", "PAK"),
    ("the US State Department", "foreign_ministry", "USA"),
    ("Chinese Commerce Ministry", "ministry:trade", "CHN"),
    ("Xinhua", "media", None),
])
def test_institutions_classify(name: str, kind: str, country: str | None) -> None:
    body = classify(name, load_kb())
    assert body is not None and body.kind == kind and body.country == country


def test_institutions_people_and_countries_are_not_bodies() -> None:
    assert classify("Vladimir Putin", load_kb()) is None
    assert classify("Kazakhstan", load_kb()) is None


def test_evaluate_meeting_and_talks_are_one_kind() -> None:
    a = Actor(id="p1", name="Ilham Aliyev", kind="person", country="AZE")
    b = Actor(id="p2", name="Nikol Pashinyan", kind="person", country="ARM")
    event = Event(plover="CONSULT", cameo="040", kind="talks", participants=["p1", "p2"],
                  evidence=Evidence(start=0, end=1, text="x"), confidence=0.9)
    gold = {"quotes": [], "roles": [], "meetings": [
        {"participants": ["Aliyev", "Pashinyan"], "kind": "meeting", "formality": "unspecified", "initiator": None}]}
    scores = score_document(gold, _analysis(a, b, events=[event]))
    assert scores.meetings.tp == 1 and scores.kind.correct == 1


@pytest.mark.parametrize("gold, half", [
    ({"id": "n117-x", "story": None}, "a"),
    ({"id": "n118-x", "story": None}, "b"),
    ({"id": "n402-x", "story": "s01"}, "a"),   # a story's passages stay with their story
    ({"id": "n401-x", "story": "s02"}, "b"),
])
def test_evaluate_half_keeps_stories_together(gold: dict[str, str], half: str) -> None:
    assert half_of(gold, Path(gold["id"] + ".json")) == half
