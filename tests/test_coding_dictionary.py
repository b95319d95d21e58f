"""The CAMEO verb dictionary, agent codes and their use by the event coder (issue 11).

Dictionary and agent texts here are written for the tests in the PETRARCH2 file formats; the
sentences are our own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
import spacy
from spacy.tokens import Doc

from communique.agents import AgentTable, agent_of, parse_agents
from communique.cli import cli
from communique.errors import KnowledgeBaseError
from communique.evalsets.petr import HALVES, half_of
from communique.verbdict import Dictionary, build_verbs, parse_dictionary, parse_pattern
from tests.conftest import names

VERBS_TEXT = """\
# a dictionary written for the tests
####### SYNONYM SETS #######

&ARMS
+RIFLE
+ARMORED_CAR
+GUN_

####### VERB PATTERNS #######

---  SHIP   [070]  ---
SHIP {SHIPS SHIPPED SHIPPING}
DISPATCH
FERRY
+SEND_OFF [071]
- * &ARMS                                            [072]         # SHIP
- * {MEDICAL SUPPLIES} (TO)                          [073]         # DISPATCH
- * ENVOY                                            [042:043]     # SHIP
- * COMPLIMENTS                                      [---]         # SHIP
- WILL NOT * (TO +)                                  [124]         # SHIP

---  SCOLD   [111]---  ---
SCOLD [112]
REPROACH
- * (FOR CORRUPTION)                                 [1121]        # SCOLD
- * PRAISE                                           [:051]        # SCOLD

######## TRANSFORMATIONS ##########
~ a (b . X) SAY = a b 112
"""

AGENTS_TEXT = """\
!PERSON! = MAN, WOMAN
SOLDIER [~MIL]
BORDER_GUARD {BORDER_GUARDS} [~MILCOP]
FERRY!PERSON! [~BUS]
DEFENCE_MINIST [~GOVMIL]
# a comment line
"""


VOCAB = spacy.blank("en").vocab  # lexical attributes (lower case) as the real model has them


def doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str] | None = None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words])


@pytest.fixture(scope="module")
def small() -> Dictionary:
    return Dictionary(parse_dictionary(VERBS_TEXT))


@pytest.mark.parametrize(
    "line, expected",
    [
        ("- * (FOR {FINANCIAL AID})   [0231]  # ASK",
         {"pre": [], "post": [], "pp": [[["for"], ["financial aid"]]], "code": "0231"}),
        ("- * DELEGATION   [042:043]  # SEND",
         {"pre": [], "post": ["delegation"], "pp": [], "code": "042", "rev": "043"}),
        ("- * RECOGNITION (FROM) +   [:054]", {"pre": [], "post": ["recognition"], "pp": [[["from"], []]], "code": None, "rev": "054"}),
        ("- * COMPLIMENTS   [---]", {"pre": [], "post": ["compliments"], "pp": [], "code": None}),
        ("- WILL NOT * (TOWARDS +)  [030]", {"pre": ["will", "not"], "post": [], "pp": [[["towards"], []]], "code": "030"}),
        ("- * &WEAPON (BY/WITH KNIFE_)  [193]", {"pre": [], "post": ["&WEAPON"], "pp": [[["by", "with"], ["knife_"]]], "code": "193"}),
    ],
)
def test_coding_dictionary_pattern_lines(line: str, expected: dict[str, object]) -> None:
    assert parse_pattern(line) == expected


def test_coding_dictionary_blocks_verbs_and_sets() -> None:
    data = parse_dictionary(VERBS_TEXT)
    assert [b["name"] for b in data["blocks"]] == ["SHIP", "SCOLD"]  # "[111]---" headers read too
    assert data["blocks"][1]["code"] == "111"
    assert data["synsets"]["&ARMS"] == ["rifle", "armored car", "gun_"]
    assert data["forms"]["shipped"] == "ship"
    # [block, own code, particles, original verb of the block]
    assert data["verbs"]["send"] == [[0, "071", ["off"], True]]
    assert data["verbs"]["dispatch"] == [[0, None, [], True]]  # named in a pattern's comment
    assert data["verbs"]["ferry"] == [[0, None, [], False]]  # a synonym only
    assert data["verbs"]["scold"] == [[1, "112", [], True]]


# "Chile shipped rifles to Peru ."
SHIPPED = (["Chile", "shipped", "rifles", "to", "Peru", "."], [1, 1, 1, 1, 3, 1],
           ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"], ["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
           ["Chile", "ship", "rifle", "to", "Peru", "."])


@pytest.mark.parametrize(
    "words, heads, deps, pos, lemmas, code, reverse, specificity",
    [
        (*SHIPPED, "072", None, 1),
        # "Chile ferried medical supplies to Peru": a phrase and a prepositional phrase, three words
        (["Chile", "ferried", "medical", "supplies", "to", "Peru"], [1, 1, 3, 1, 1, 4],
         ["nsubj", "ROOT", "amod", "dobj", "prep", "pobj"], ["PROPN", "VERB", "ADJ", "NOUN", "ADP", "PROPN"],
         ["Chile", "ferry", "medical", "supply", "to", "Peru"], "073", None, 3),
        # "Chile shipped an envoy": a visit, with the host's code for the reverse event
        (["Chile", "shipped", "an", "envoy"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
         ["PROPN", "VERB", "DET", "NOUN"], ["Chile", "ship", "an", "envoy"], "042", "043", 1),
        # "Chile shipped compliments": the null pattern says no event
        (["Chile", "shipped", "compliments"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"],
         ["Chile", "ship", "compliment"], None, None, 1),
        # "Chile will not ship to Peru": words before the verb
        (["Chile", "will", "not", "ship", "to", "Peru"], [3, 3, 3, 3, 3, 4],
         ["nsubj", "aux", "neg", "ROOT", "prep", "pobj"], ["PROPN", "AUX", "PART", "VERB", "ADP", "PROPN"],
         ["Chile", "will", "not", "ship", "to", "Peru"], "124", None, 3),
        # "Chile shipped grain": no pattern, the block's default
        (["Chile", "shipped", "grain"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "NOUN"],
         ["Chile", "ship", "grain"], "070", None, 0),
        # "Chile scolded Peru for corruption": the prepositional pattern beats the verb's own code
        (["Chile", "scolded", "Peru", "for", "corruption"], [1, 1, 1, 1, 3],
         ["nsubj", "ROOT", "dobj", "prep", "pobj"], ["PROPN", "VERB", "PROPN", "ADP", "NOUN"],
         ["Chile", "scold", "Peru", "for", "corruption"], "1121", None, 2),
        (["Chile", "scolded", "Peru"], [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"],
         ["Chile", "scold", "Peru"], "112", None, 0),
    ],
)
def test_coding_dictionary_most_specific_pattern_wins(
    small: Dictionary, words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str],
    code: str | None, reverse: str | None, specificity: int,
) -> None:
    d = doc(words, heads, deps, pos, lemmas)
    verb = next(t for t in d if t.pos_ == "VERB")
    found = small.match(verb)
    assert found is not None
    assert (found.code, found.reverse, found.specificity) == (code, reverse, specificity)


def test_coding_dictionary_synonyms_share_patterns_not_the_default(small: Dictionary) -> None:
    words = ["Chile", "reproached", "Peru"]
    found = small.match(doc(words, [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"],
                            ["Chile", "reproach", "Peru"]).__getitem__(1))
    assert found is not None and found.code == "111" and not found.explicit


def test_coding_dictionary_irregular_forms_and_unknown_verbs(small: Dictionary) -> None:
    # the lemmatiser left "shipped" as it is: the dictionary's own forms give the verb
    d = doc(*SHIPPED[:4], ["Chile", "shipped", "rifle", "to", "Peru", "."])
    assert small.lemma(d[1]) == "ship"
    assert small.match(doc(["Chile", "sang"], [1, 1], ["nsubj", "ROOT"], ["PROPN", "VERB"])[1]) is None


def test_coding_dictionary_build_names_a_wrong_file(tmp_path: Path) -> None:
    wrong = tmp_path / "notes.txt"
    wrong.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="no verb blocks"):
        build_verbs(wrong, tmp_path / "out.json")
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        build_verbs(tmp_path / "missing.txt", tmp_path / "out.json")


def test_coding_agents_read_the_phoenix_format() -> None:
    table = parse_agents(AGENTS_TEXT)
    assert table["soldier"] == "MIL"
    assert table["border guards"] == "MILCOP"
    assert table["ferryman"] == "BUS" and table["ferrywoman"] == "BUS"
    assert table["defence minist"] == "GOVMIL"


@pytest.mark.parametrize(
    "words, deps, pos, lemmas, head, code",
    [
        (["Chilean", "soldiers"], ["amod", "ROOT"], ["ADJ", "NOUN"], ["chilean", "soldier"], 1, "MIL"),
        (["the", "border", "guards"], ["det", "compound", "ROOT"], ["DET", "NOUN", "NOUN"],
         ["the", "border", "guard"], 2, "MILCOP"),
        # stems: "DEFENCE_MINIST" covers minister and ministry
        (["defence", "ministry"], ["compound", "ROOT"], ["NOUN", "NOUN"], ["defence", "ministry"], 1, "GOVMIL"),
        (["the", "farmers"], ["det", "ROOT"], ["DET", "NOUN"], ["the", "farmer"], 1, None),
    ],
)
def test_coding_agent_of_a_noun_phrase(
    words: list[str], deps: list[str], pos: list[str], lemmas: list[str], head: int, code: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import communique.agents as agents_module

    monkeypatch.setattr(agents_module, "agents", lambda: AgentTable(parse_agents(AGENTS_TEXT)))
    heads = [head] * len(words)
    assert agent_of(doc(words, heads, deps, pos, lemmas)[head]) == code


def test_coding_kb_verbs_builds_the_three_files(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    (shared / "data" / "petrarch2").mkdir(parents=True)
    (shared / "data" / "petrarch2" / "CAMEO.2.0.txt").write_text(VERBS_TEXT, encoding="utf-8")
    (shared / "data" / "petrarch2" / "Phoenix.agents.txt").write_text(AGENTS_TEXT, encoding="utf-8")
    (shared / "data" / "actors" / "petrarch2").mkdir(parents=True)
    (shared / "data" / "actors" / "petrarch2" / "Phoenix.Countries.actors.txt").write_text(
        "KENYA_  [KEN]\n+MOMBASA_\n", encoding="utf-8"
    )
    (shared / "data" / "actors" / "petrarch2" / "Phoenix.MilNonState.actors.txt").write_text(
        "RIVER_BRIGADE_ [KENREB]\n", encoding="utf-8"
    )
    out = tmp_path / "data"
    result = CliRunner().invoke(cli, ["kb", "verbs", "--shared", str(shared), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 verb blocks" in result.output and "agent nouns" in result.output and "place names" in result.output and "1 groups" in result.output
    gazetteer = json.loads((out / "cameo_gazetteer.json").read_text(encoding="utf-8"))
    assert gazetteer["places"]["mombasa"] == "KEN" and gazetteer["groups"]["river brigade"] == "KENREB"
    verbs = json.loads((out / "cameo_verbs.json").read_text(encoding="utf-8"))
    assert verbs["license"] == "MIT" and "Open Event Data Alliance" in verbs["attribution"]
    agents = json.loads((out / "cameo_agents.json").read_text(encoding="utf-8"))
    assert agents["agents"]["soldier"] == "MIL"


def test_coding_kb_verbs_names_the_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["kb", "verbs", "--shared", str(tmp_path), "--out", str(tmp_path / "o")])
    assert result.exit_code != 0 and "CAMEO.2.0.txt" in result.output


def test_coding_petr_halves_alternate() -> None:
    assert [half_of(i) for i in range(4)] == [HALVES[0], HALVES[1], HALVES[0], HALVES[1]]


# ------------------------------------------------------------------------------------------------
# the packaged dictionary in the pipeline, on sentences written for these tests


@pytest.mark.parametrize(
    "text, plover, cameo, source_code, target_code",
    [
        ("Russian troops shelled the Ukrainian town of Izium.", "ASSAULT", "19", "RUSMIL", "UKR"),
        ("Armenian soldiers fired on Azerbaijani border guards.", "ASSAULT", "19", "ARMMIL", "AZEMIL"),
        ("Insurgents attacked a police station in Kirkuk.", "ASSAULT", "19", "---REB", "---COP"),
        ("The European Union asked Turkey for help with the refugees.", "REQUEST", "02", "IGOEUREEC", "TUR"),
    ],
)
def test_coding_events_carry_actor_codes_with_agents(
    analyze, text: str, plover: str, cameo: str, source_code: str, target_code: str
) -> None:
    a = analyze(text)
    event = next(e for e in a.events if e.plover == plover)
    assert event.cameo.startswith(cameo)
    assert event.quad_class == (4 if plover == "ASSAULT" else 1)
    assert event.actor_codes[event.source[0]] == source_code
    assert event.actor_codes[event.target[0]] == target_code


def test_coding_kazakh_opposition_is_kazopp(analyze) -> None:
    a = analyze("The Kazakh opposition demanded the release of the detained journalists.")
    event = next(e for e in a.events if e.plover == "REQUEST")
    assert set(event.actor_codes.values()) >= {"KAZOPP"}


@pytest.mark.parametrize(
    "text, plover, cameo, status",
    [
        # a dictionary pattern the hand lexicon does not have: "ask ... for help" (023)
        ("Georgia asked Armenia for technical help with the census.", "REQUEST", "02", "held"),
        # modality: the threat, not the act
        ("Belarus threatened to expel the Lithuanian ambassador.", "THREATEN", "13", "planned"),
        # refusal of an act
        ("Croatia refused to extradite the suspects to Serbia.", "REJECT", "12", "held"),
    ],
)
def test_coding_modality_and_dictionary_patterns(analyze, text: str, plover: str, cameo: str, status: str) -> None:
    a = analyze(text)
    events = [e for e in a.events if e.plover == plover]
    assert events, [(e.plover, e.cameo) for e in a.events]
    assert events[0].cameo.startswith(cameo) and events[0].status == status


@pytest.mark.parametrize(
    "text, absent",
    [
        # a purpose clause states an aim, not a second event
        ("Bolivia sent two officials to Paraguay to investigate the smuggling.", "ACCUSE"),
        # a negated material act is no assault
        ("Mali did not attack the Burkinabe convoy.", "ASSAULT"),
        # a denial is a statement (CAMEO 016, no PLOVER event), and the act denied is not coded
        ("Moscow denied accusations that it had shelled the plant.", "ASSAULT"),
        # an act inside a condition is not an event: Chad agrees to nothing
        ("Niger will leave the alliance unless Chad agrees to withdraw its troops.", "AGREE"),
    ],
)
def test_coding_no_event_for_aims_conditions_and_negated_acts(analyze, text: str, absent: str) -> None:
    a = analyze(text)
    assert absent not in {e.plover for e in a.events}, [(e.plover, e.cameo) for e in a.events]


def test_coding_sector_actor_is_named_by_its_phrase(analyze) -> None:
    a = analyze("Rebels kidnapped two engineers from Ghana.")
    event = next(e for e in a.events if e.plover == "ASSAULT")
    assert names(a, event.source) == {"Rebels"}
    assert a.actor(event.source[0]).kind == "group"


@pytest.mark.parametrize(
    "text, plover, cameo, source, target",
    [
        # a claim put before its clause: the speaker accuses the doer (PETRARCH's SAY transformation)
        ("Armenia said that Azerbaijan had shelled its border villages.", "ACCUSE", "112", {"Armenia"}, {"Azerbaijan"}),
        ("Serbia claimed that Kosovo had attacked its police.", "ACCUSE", "112", {"Serbia"}, {"Kosovo"}),
        # a wish that another actor act is an appeal to that actor (WANT transformation)
        ("Ukraine wants Poland to supply arms.", "REQUEST", "023", {"Ukraine"}, {"Poland"}),
        # a wish to act oneself is an intent: a promise of aid is AGREE 03x
        ("Japan wants to help Nepal.", "AGREE", "03", {"Japan"}, {"Nepal"}),
    ],
)
def test_coding_petrarch_transformations(
    analyze, text: str, plover: str, cameo: str, source: set[str], target: set[str]
) -> None:
    a = analyze(text)
    event = next((e for e in a.events if e.plover == plover), None)
    assert event is not None, [(e.plover, e.cameo) for e in a.events]
    assert event.cameo.startswith(cameo)
    assert names(a, event.source) == source and names(a, event.target) == target


def test_coding_claimed_force_is_not_coded_as_the_act(analyze) -> None:
    a = analyze("Serbia claimed that Kosovo had attacked its police.")
    assert "ASSAULT" not in {e.plover for e in a.events}


def test_coding_sourcing_after_the_report_keeps_the_act(analyze) -> None:
    # "..., officials said": where the news came from, not an accusation
    a = analyze("Insurgents attacked a police station in Kirkuk, Iraqi officials said.")
    assert "ASSAULT" in {e.plover for e in a.events}
    assert "ACCUSE" not in {e.plover for e in a.events}


def test_coding_a_wish_for_an_uncoded_act_is_no_event(analyze) -> None:
    a = analyze("Chile wants Peru to think again.")
    assert "REQUEST" not in {e.plover for e in a.events}, [(e.plover, e.cameo) for e in a.events]


def test_coding_a_country_owning_a_body_is_not_a_second_target(analyze) -> None:
    a = analyze("Jordan expelled leaders of Syria's Baath Party.")
    event = next(e for e in a.events if e.plover == "COERCE")
    assert "Syria" not in names(a, event.target), names(a, event.target)
    assert len(event.target) == 1


def test_coding_a_participle_names_what_was_acted_on(analyze) -> None:
    # "a report released Tuesday": the report was released by no one named, nothing is freed
    a = analyze("A report released in the Kenyan capital on Tuesday criticised the police.")
    assert "RETREAT" not in {e.plover for e in a.events}, [(e.plover, e.cameo) for e in a.events]


@pytest.mark.parametrize(
    "text, code, score",
    [
        ("Russian troops shelled the Ukrainian town of Izium.", "19", -10.0),
        ("Japan sent food aid to Nepal.", "07", 7.0),
    ],
)
def test_coding_events_carry_goldstein_scores(analyze, text: str, code: str, score: float) -> None:
    event = next(e for e in analyze(text).events if e.cameo.startswith(code))
    assert event.goldstein is not None
    assert event.goldstein <= -9.0 if score < 0 else event.goldstein >= 7.0


@pytest.mark.parametrize(
    "text",
    [
        "An Armenian protestor demolished the Georgian consulate.",
        # the passive is read as its active: the agent stands where the pattern puts the source
        "The Georgian consulate was demolished by an Armenian protestor.",
    ],
)
def test_coding_passive_matches_the_patterns_of_its_active(analyze, text: str) -> None:
    event = next(e for e in analyze(text).events if e.cameo == "145")
    assert (names(analyze(text), event.source), names(analyze(text), event.target)) == ({"Armenia"}, {"Georgia"})


def test_coding_paired_codes_give_the_event_back(analyze) -> None:
    a = analyze("Ghana clinched a deal with Togo.")
    dyads = {(frozenset(names(a, e.source)), frozenset(names(a, e.target)), e.cameo) for e in a.events}
    assert dyads >= {(frozenset({"Ghana"}), frozenset({"Togo"}), "061"), (frozenset({"Togo"}), frozenset({"Ghana"}), "061")}


@pytest.mark.parametrize(
    "text, source",
    [
        ("There have been twelve Malian civilians wounded by rebels.", {"rebels"}),
        # no doer named: an event with an unknown source, as passive violence without an agent
        ("There were eight Nigerien soldiers killed near the border.", set()),
    ],
)
def test_coding_existential_participle_is_a_passive(analyze, text: str, source: set[str]) -> None:
    a = analyze(text)
    event = next((e for e in a.events if e.plover == "ASSAULT"), None)
    assert event is not None, [(e.plover, e.cameo) for e in a.events]
    assert {n.lower() for n in names(a, event.source)} == source
    assert len(event.target) == 1 and a.actor(event.target[0]).country in ("MLI", "NER")


@pytest.mark.parametrize(
    "text, plover, source, target",
    [
        # violence without a doer: the place it happened in stands for the source (PETRARCH, PLOVER GSR)
        ("Four policemen were shot dead in Mosul on Friday.", "ASSAULT", ("Mosul", "IRQ"), ("policemen", None)),
        ("Nine Chadian soldiers were killed in Niger.", "ASSAULT", ("Niger", "NER"), ("Chadian soldiers", "TCD")),
        # an act with no target named: the place is the target
        ("Turkish troops imposed a curfew in Diyarbakir.", "COERCE", ("Turkish troops", "TUR"), ("Diyarbakir", "TUR")),
    ],
)
def test_coding_place_stands_for_a_side_the_sentence_leaves_unnamed(
    analyze, text: str, plover: str, source: tuple[str, str | None], target: tuple[str, str | None]
) -> None:
    a = analyze(text)
    event = next((e for e in a.events if e.plover == plover), None)
    assert event is not None, [(e.plover, e.cameo) for e in a.events]
    sides = [[(a.actor(x).name, a.actor(x).country) for x in side] for side in (event.source, event.target)]
    assert sides == [[source], [target]]
    # a city is coded with its country alone: the people of the place, no agent of its own
    place = next(x for x in [*event.source, *event.target] if a.actor(x).name in ("Mosul", "Diyarbakir", "Niger"))
    assert event.actor_codes[place] in ("IRQ", "TUR", "NER")


def test_coding_place_is_no_side_when_the_sentence_names_both(analyze) -> None:
    a = analyze("Rebels killed three soldiers in Gao.")
    event = next(e for e in a.events if e.plover == "ASSAULT")
    assert [a.actor(x).name for x in event.source] == ["Rebels"]
    assert "Gao" not in {a.actor(x).name for x in [*event.source, *event.target]}


@pytest.mark.parametrize(
    "text, source",
    [
        # a weapon where the doer would stand: the doer is who used it, when the phrase says
        ("The airliner was shot down by a missile fired by separatist rebels.", {"separatist rebels"}),
        ("The convoy was hit by a rocket believed to be launched by insurgents.", {"insurgents"}),
        # no one said to have used it: violence with an unknown source, the place standing for it
        ("Two policemen were killed by a car bomb in Mosul.", {"Mosul"}),
    ],
)
def test_coding_a_weapon_is_no_doer(analyze, text: str, source: set[str]) -> None:
    a = analyze(text)
    event = next((e for e in a.events if e.plover == "ASSAULT"), None)
    assert event is not None, [(e.plover, e.cameo) for e in a.events]
    assert names(a, event.source) == source


def test_coding_a_weapons_synonym_set_member_matches_as_a_stem() -> None:
    from communique.verbdict import dictionary

    vocab = spacy.blank("en").vocab
    missiles = Doc(vocab, words=["missiles"], heads=[0], deps=["ROOT"], pos=["NOUN"])
    talks = Doc(vocab, words=["talks"], heads=[0], deps=["ROOT"], pos=["NOUN"])
    assert dictionary().in_set("&WEAPON", missiles[0]) and not dictionary().in_set("&WEAPON", talks[0])


@pytest.mark.parametrize("text", ["Pro-Russia rebels shelled the airport.", "Anti-Turkish militants attacked a border post."])
def test_coding_a_partisan_group_is_not_the_country_it_sides_with(analyze, text: str) -> None:
    a = analyze(text)
    event = next(e for e in a.events if e.plover == "ASSAULT")
    assert [a.actor(x).country for x in event.source] == [None]
    assert [a.actor(x).name for x in event.source][0].lower().startswith(("pro-russia", "anti-turkish"))


@pytest.mark.parametrize(
    "text, side, name, country",
    [
        # an unnamed object is a sector actor, when nothing else is the target
        ("A roadside bomb near the town of Samarra killed two soldiers.", "source", "Samarra", "IRQ"),
        ("A roadside bomb near the town of Samarra killed two soldiers.", "target", "soldiers", None),
        # a sector noun takes the country of the place its "of" phrase names
        ("Israeli troops detained the mayor of the West Bank city of Hebron.", "target", "mayor", "PSE"),
        ("Taliban fighters kidnapped the governor of Helmand province.", "target", "governor", "AFG"),
        # the place of what was acted on, and a people named by its plural
        ("Syrian tanks fired shells at positions in Hebron.", "target", "Hebron", "PSE"),
        ("Turkish jets killed nine Iraqis near Mosul.", "target", "Iraqis", "IRQ"),
    ],
)
def test_coding_places_give_sides_and_countries(analyze, text: str, side: str, name: str, country: str | None) -> None:
    a = analyze(text)
    event = next(e for e in a.events if e.plover in ("ASSAULT", "COERCE"))
    actors = [a.actor(x) for x in (event.source if side == "source" else event.target)]
    assert [(x.name, x.country) for x in actors] == [(name, country)]


def test_coding_a_body_in_the_phrase_of_a_city_takes_its_country(analyze) -> None:
    a = analyze("Israel freed the mayor of the West Bank city of Jenin, a member of the Zarqa Movement.")
    event = next(e for e in a.events if e.plover == "RETREAT")
    assert [a.actor(x).country for x in event.target] == ["PSE"]


def test_coding_an_engaged_party_is_the_doer(analyze) -> None:
    a = analyze("Sudanese forces were engaged in heavy fighting against rebels in Darfur.")
    event = next(e for e in a.events if e.plover == "ASSAULT")
    assert [a.actor(x).country for x in event.source] == ["SDN"]


@pytest.mark.parametrize(
    "text, side, country, code",
    [
        ("Hamas fired rockets at an Israeli town.", "source", "PSE", "PSEREBHMS"),
        ("Afghan troops attacked the Taliban in Kunduz.", "target", "AFG", "AFGREB"),
    ],
)
def test_coding_an_armed_group_takes_its_cameo_code(analyze, text: str, side: str, country: str, code: str) -> None:
    a = analyze(text)
    event = next(e for e in a.events if e.plover == "ASSAULT")
    group = (event.source if side == "source" else event.target)[0]
    assert a.actor(group).country == country and event.actor_codes[group] == code


@pytest.mark.parametrize(
    "text, plover, status",
    [
        # an attempt is the act; an attempt still to come is a threat
        ("Venezuela tried to seize a Guyanese fishing boat.", "COERCE", "held"),
        ("Venezuela will try to seize a Guyanese fishing boat.", "THREATEN", "planned"),
    ],
)
def test_coding_an_attempt_is_the_act(analyze, text: str, plover: str, status: str) -> None:
    a = analyze(text)
    assert [(e.plover, e.status) for e in a.events] == [(plover, status)]


@pytest.mark.parametrize(
    "text, plover, sources",
    [
        # conjoined unnamed actors are all sources, each a sector actor
        ("The army and the rebels agreed to free all prisoners.", "AGREE", {"---MIL", "---REB"}),
        ("The government and Hamas agreed to free all prisoners.", "AGREE", {"---GOV", "PSEREBHMS"}),
        # a people named by its state's plural name is that state's
        ("The Palestinians rejected the proposal.", "REJECT", {"PSE"}),
        # the members of a body act for it
        ("Leaders of the opposition party staged a rally in Minsk.", "PROTEST", {"---OPP"}),
    ],
)
def test_coding_unnamed_and_plural_actors(analyze, text: str, plover: str, sources: set[str]) -> None:
    a = analyze(text)
    event = next((e for e in a.events if e.plover == plover), None)
    assert event is not None, [(e.plover, e.cameo) for e in a.events]
    assert {event.actor_codes[x] for x in event.source} == sources


def test_coding_an_attack_noun_doing_a_coded_act_is_one_event(analyze) -> None:
    a = analyze("Israeli drone strikes killed four militants in Gaza.")
    assert [(e.plover, len(e.source)) for e in a.events] == [("ASSAULT", 1)]


@pytest.mark.parametrize(
    "text, plover, codes",
    [
        # criticism and praise between unnamed actors: communique_events reads none, the coder's sector actors do
        ("The Malian army accused the rebels of attacking a clinic.", "ACCUSE", ("MLIMIL", "---REB")),
        ("Opposition leaders praised the police for their restraint.", "SUPPORT", ("---OPP", "---COP")),
    ],
)
def test_coding_stances_between_unnamed_actors(analyze, text: str, plover: str, codes: tuple[str, str]) -> None:
    a = analyze(text)
    event = next((e for e in a.events if e.plover == plover), None)
    assert event is not None, [(e.plover, e.cameo) for e in a.events]
    assert (event.actor_codes[event.source[0]], event.actor_codes[event.target[0]]) == codes


def test_coding_leaves_named_stances_to_events(analyze) -> None:
    a = analyze("Mali accused Niger of arming the rebels.")
    assert [e.plover for e in a.events] == ["ACCUSE"]


@pytest.mark.parametrize(
    "text, aid",
    [
        ("Belgian officers contributed to planning the coup.", False),
        ("Japan contributed ten million dollars to Nepal.", True),
    ],
)
def test_coding_aid_is_a_thing_given_or_someone_helped(analyze, text: str, aid: bool) -> None:
    a = analyze(text)
    assert any(e.plover == "AID" for e in a.events) is aid, [(e.plover, e.cameo) for e in a.events]
