"""Actor resolution and offices, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import names


def test_actors_ner_mislabel_corrected(analyze) -> None:
    a = analyze("Nazarbayev spoke first. Then Nazarbayev left the hall.")
    (actor,) = [x for x in a.actors if x.name == "Nursultan Nazarbayev"]
    assert actor.kind == "person" and len(actor.mentions) == 2


def test_actors_transliteration_variants(analyze) -> None:
    a = analyze("Tokaev arrived. Later Toqaev and Kassym-Jomart Tokayev were the same man.")
    ids = {x.id for x in a.actors if x.kind == "person"}
    assert len(ids) == 1


def test_actors_date_dependent_office(analyze) -> None:
    text = "The Kazakh president said that the economy would grow faster next year."
    early = analyze(text, published=dt.date(2015, 6, 1))
    late = analyze(text, published=dt.date(2023, 6, 1))
    assert names(early, [early.quotes[0].speaker]) == {"Nursultan Nazarbayev"}
    assert names(late, [late.quotes[0].speaker]) == {"Kassym-Jomart Tokayev"}


def test_actors_metonym(analyze) -> None:
    a = analyze("The Kremlin said that the proposal deserved attention.")
    # contract v1.1: the institution speaks, not its country (issue 10)
    speaker = a.actor(a.quotes[0].speaker)
    assert speaker.name == "Kremlin" and speaker.kind == "organization" and speaker.country == "RUS"


def test_actors_unknown_minister_by_apposition(analyze) -> None:
    a = analyze("Freedonian Foreign Minister Ivo Marlanek said that the border would reopen soon.")
    q = a.quotes[0]
    speaker = a.actor(q.speaker)
    assert speaker.name == "Ivo Marlanek" and speaker.id.startswith("L")
    assert any(r.person == speaker.id and r.role == "Foreign Minister" for r in a.roles)


def test_actors_offices_from_appositions(analyze) -> None:
    a = analyze(
        "Russian President Vladimir Putin greeted Kazakhstan's first president, Nursultan Nazarbayev, "
        "and the Prime Minister of India Narendra Modi."
    )
    roles = {(a.actor(r.person).name, r.role, r.of) for r in a.roles}
    assert ("Vladimir Putin", "President", "Russia") in roles
    assert ("Nursultan Nazarbayev", "First President", "Kazakhstan") in roles
    assert ("Narendra Modi", "Prime Minister", "India") in roles


def test_actors_office_only_reference_uses_outlet_and_date(analyze) -> None:
    a = analyze("The Prime Minister met Giorgia Meloni today.", published=dt.date(2025, 3, 2), url="https://www.gov.uk/x")
    (m,) = [e for e in a.events if e.plover == "CONSULT"]
    assert names(a, m.participants) == {"Keir Starmer", "Giorgia Meloni"}


def test_actors_office_of_country_resolves_to_named_holder(analyze) -> None:
    a = analyze(
        "Emmanuel Macron sent a message to Joe Biden.\n\n"
        "The President of France stressed that both nations stand together."
    )
    assert a.actor(a.quotes[0].speaker).name == "Emmanuel Macron"


def test_actors_kb_surname_inside_unknown_full_name(analyze) -> None:
    a = analyze("Foreign Minister Tariq Abdel Mustafa met William Hague in London.")
    assert any(x.name == "Tariq Abdel Mustafa" for x in a.actors)


def test_actors_description_after_sentence_break(analyze) -> None:
    a = analyze(
        "Vladimir Putin spoke with Joe Biden about trade with the US. "
        "The President of Russia stressed that sanctions hurt both sides."
    )
    assert a.actor(a.quotes[0].speaker).name == "Vladimir Putin"


def test_actors_statement_authors_are_we(pipeline) -> None:
    from communique.records import Article

    article = Article(
        text="We welcomed Premier Li Qiang today for talks in Brussels.",
        title="Joint statement by Charles Michel and Ursula von der Leyen after the summit",
    )
    a = pipeline.analyze(article)
    (m,) = [e for e in a.events if e.plover == "CONSULT"]
    assert {"Charles Michel", "Ursula von der Leyen"} <= names(a, m.participants)


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("The Supreme Court ruled that the election was valid.", "Court"),
        ("Vice-President Zumo Awori declined to resign.", "Awori"),
        ("Residents of the Golan Heights protested.", "Golan"),
    ],
)
def test_actors_surname_inside_other_name_is_not_kb_person(analyze, text: str, wrong: str) -> None:
    a = analyze(text)
    assert not any(x.kind == "person" and x.name.split()[-1] == wrong and x.name != x.mentions[0].text for x in a.actors)


def test_actors_unknown_person_takes_country_from_office(analyze) -> None:
    a = analyze("Zimbabwean Finance Minister Tendai Moyoro said that inflation was falling.")
    speaker = a.actor(a.quotes[0].speaker)
    assert speaker.name == "Tendai Moyoro" and speaker.country == "ZWE"


def test_actors_ministry_is_an_organization_of_its_country(analyze) -> None:
    a = analyze("The Foreign Office summoned the Iranian ambassador on Monday.")
    office = next(x for x in a.actors if x.name == "Foreign Office")
    assert office.kind == "organization" and office.country == "GBR"


def test_actors_people_of_a_country_are_a_group(analyze) -> None:
    a = analyze("Antony Blinken met Ukrainian diplomats in Warsaw.")
    group = next(x for x in a.actors if x.kind == "group")
    assert group.name == "Ukrainian diplomats" and group.country == "UKR"
    (m,) = [e for e in a.events if e.plover == "CONSULT"]
    assert group.id in m.participants


@pytest.mark.parametrize(
    "text, person, role, of",
    [
        ("Minister for Europe Hans Dietmar Kolb spoke first.", "Hans Dietmar Kolb", "Minister for Europe", None),
        ("The British Secretary of State for Defence, Grant Shapps, arrived.", "Grant Shapps",
         "Secretary of State for Defence", "United Kingdom"),
        ("High Representative/Vice-President Josep Borrell opened the meeting.", "Josep Borrell",
         "High Representative/Vice President", "European Union"),
        ("The chairman of the Freedonian Relief Council (FRC) Tomas Varga spoke.", "Tomas Varga",
         "Chairman of the Freedonian Relief Council", None),
    ],
)
def test_actors_office_phrases(analyze, text: str, person: str, role: str, of: str | None) -> None:
    a = analyze(text)
    roles = {(a.actor(r.person).name, r.role) for r in a.roles}
    assert (person, role) in roles
    if of:
        assert any(r.of == of for r in a.roles if a.actor(r.person).name == person)


def test_actors_plural_title_before_list(analyze) -> None:
    a = analyze("The talks brought together Presidents Emmanuel Macron of France and Andrzej Duda of Poland.")
    roles = {(a.actor(r.person).name, r.role, r.of) for r in a.roles}
    assert ("Emmanuel Macron", "President", "France") in roles and ("Andrzej Duda", "President", "Poland") in roles


def test_actors_short_title_after_full_one_adds_nothing(analyze) -> None:
    a = analyze("Secretary of State Antony Blinken arrived. Later Secretary Blinken spoke to reporters.")
    assert [r.role for r in a.roles if a.actor(r.person).name == "Antony Blinken"] == ["Secretary of State"]


def test_actors_next_name_keeps_its_office(analyze) -> None:
    a = analyze("He met Olaf Scholz, Foreign Minister Annalena Baerbock and others.")
    assert not any(a.actor(r.person).name == "Olaf Scholz" and "Baerbock" in r.role for r in a.roles)
