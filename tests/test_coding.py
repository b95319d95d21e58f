"""PLOVER/CAMEO event coding beyond meetings (issue 5), on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.cameo import plover_for
from communique.coding import lexicon
from tests.conftest import names


def coded(analysis, plover):
    return [e for e in analysis.events if e.plover == plover]


@pytest.mark.parametrize(
    "text, plover, cameo_root, source, target",
    [
        ("Norway agreed to release the detained sailors to Chile.", "AGREE", "03", "Norway", None),
        ("Canada endorsed Ghana's candidacy for the council.", "SUPPORT", "05", "Canada", "Ghana"),
        ("Peru conceded to the demands of Bolivia.", "CONCEDE", "08", "Peru", None),
        ("Mexico demanded the withdrawal of Guatemalan troops.", "REQUEST", "10", "Mexico", None),
        ("Austria urged Hungary to reopen the border.", "REQUEST", "02", "Austria", "Hungary"),
        ("Kenya sued Uganda over the disputed island.", "ACCUSE", "11", "Kenya", "Uganda"),
        ("Finland rejected a Swedish proposal for joint patrols.", "REJECT", "12", "Finland", "Sweden"),
        ("Chile threatened Argentina with further action.", "THREATEN", "13", "Chile", "Argentina"),
        ("Japan suspended economic aid to Myanmar.", "SANCTION", "16", "Japan", "Myanmar"),
        ("Portugal shared intelligence with Morocco about the smuggling ring.", "COOPERATE", "06", "Portugal", "Morocco"),
        ("Denmark sent humanitarian aid to Sudan.", "AID", "07", "Denmark", "Sudan"),
        ("Ethiopia declared a ceasefire with Eritrea.", "RETREAT", "08", "Ethiopia", None),
        ("Thousands of students in Serbia demonstrated against the new law.", "PROTEST", "14", "Serbia", None),
        ("Turkey mobilized troops along the Syrian border.", "MOBILIZE", "15", "Turkey", None),
        ("Egypt arrested three Libyan smugglers on Monday.", "COERCE", "17", "Egypt", None),
        ("Russia shelled the Ukrainian town overnight.", "ASSAULT", "19", "Russia", None),
    ],
)
def test_coding_each_type(analyze, text: str, plover: str, cameo_root: str, source: str, target: str | None) -> None:
    a = analyze(text)
    events = coded(a, plover)
    assert events, [(e.plover, e.cameo) for e in a.events]
    event = events[0]
    assert event.cameo.startswith(cameo_root)
    assert source in names(a, event.source)
    if target is not None:
        assert target in names(a, event.target) or any(
            a.actor(t) is not None and a.actor(t).country and target in names(a, [t]) for t in event.target
        )


@pytest.mark.parametrize("text", ["Iran was sanctioned by Canada last year."])
def test_coding_passive_voice_swaps_source_and_target(analyze, text: str) -> None:
    a = analyze(text)
    (event,) = coded(a, "SANCTION")
    assert names(a, event.source) == {"Canada"} and names(a, event.target) == {"Iran"}


@pytest.mark.parametrize(
    "text, plover, status",
    [
        ("Italy imposed sanctions on Belarus.", "SANCTION", "held"),
        ("Italy will impose sanctions on Belarus.", "THREATEN", "planned"),
        ("Spain will send food aid to Haiti.", "AGREE", "planned"),
        ("Spain sent food aid to Haiti.", "AID", "held"),
    ],
)
def test_coding_planned_versus_held(analyze, text: str, plover: str, status: str) -> None:
    a = analyze(text)
    (event,) = coded(a, plover)
    assert event.status == status


def test_coding_conjoined_actors(analyze) -> None:
    a = analyze("France and Germany imposed an embargo on Syria.")
    (event,) = coded(a, "SANCTION")
    assert names(a, event.source) == {"France", "Germany"} and names(a, event.target) == {"Syria"}


def test_coding_noun_threat_against(analyze) -> None:
    a = analyze("Venezuela's threat against Guyana alarmed the region.")
    (event,) = coded(a, "THREATEN")
    assert names(a, event.source) == {"Venezuela"} and names(a, event.target) == {"Guyana"}


@pytest.mark.parametrize("text", ["Sanctions were imposed on the company.", "The talks were rejected."])
def test_coding_no_event_without_source(analyze, text: str) -> None:
    a = analyze(text)
    assert not [e for e in a.events if e.plover != "CONSULT"]


@pytest.mark.parametrize("text", ["Two villages were shelled overnight.", "Four Malian soldiers were killed on Sunday."])
def test_coding_passive_violence_has_an_unknown_source(analyze, text: str) -> None:
    # issue 11: GDELT and PETRARCH code violence whose author the text does not name, source left empty
    a = analyze(text)
    (event,) = coded(a, "ASSAULT")
    assert event.source == [] and event.target


def test_coding_refusal_and_negation_are_reject(analyze) -> None:
    a = analyze("Brazil refused to release the prisoners.")
    (event,) = coded(a, "REJECT")
    assert event.cameo == "1243"
    b = analyze("Brazil would not send troops to Haiti.")
    assert coded(b, "REJECT") and not coded(b, "AID")


def test_coding_praise_is_left_to_events(analyze) -> None:
    a = analyze("Canada praised Ghana for its elections.")
    assert len(coded(a, "SUPPORT")) == 1


def test_coding_lexicon_codes_are_cameo_strings() -> None:
    for lemma, entries in lexicon()["verbs"].items():
        for entry in entries:
            codes = list(entry.get("objects", {}).values()) + ([entry["cameo"]] if "cameo" in entry else [])
            assert codes, lemma
            for code in codes:
                assert isinstance(code, str) and code.isdigit() and 3 <= len(code) <= 4, (lemma, code)
                assert plover_for(code) is not None or code.startswith("02") or entry.get("plover"), (lemma, code)
