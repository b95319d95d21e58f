"""Meeting detection and attributes, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.dates import resolve_date
from tests.conftest import names


def meetings(analysis):
    return [e for e in analysis.events if e.plover == "CONSULT"]


def test_events_simple_meeting(analyze) -> None:
    a = analyze("Emmanuel Macron met Olaf Scholz in Berlin on Tuesday.", published=dt.date(2024, 5, 9))
    (m,) = meetings(a)
    assert names(a, m.participants) == {"Emmanuel Macron", "Olaf Scholz"}
    assert m.location == "Berlin" and m.date == dt.date(2024, 5, 7) and m.status == "held"


def test_events_meeting_between(analyze) -> None:
    a = analyze("The informal talks between Xi Jinping and Narendra Modi lasted two hours.")
    (m,) = meetings(a)
    assert names(a, m.participants) == {"Xi Jinping", "Narendra Modi"} and m.formality == "informal"


def test_events_phone_call_initiator(analyze) -> None:
    a = analyze("Olaf Scholz had a telephone conversation with Joe Biden at the American side's request.")
    (m,) = meetings(a)
    assert m.kind == "phone_call" and m.mode == "phone" and m.cameo == "041"
    assert names(a, [m.initiator]) == {"Joe Biden"}


def test_events_planned_meeting(analyze) -> None:
    a = analyze("Emmanuel Macron will meet Xi Jinping in Paris next week.")
    (m,) = meetings(a)
    assert m.status == "planned" and m.cameo == "036"


def test_events_host_makes_a_visit(analyze) -> None:
    a = analyze("Xi Jinping hosted Emmanuel Macron in Guangzhou.")
    (m,) = meetings(a)
    assert names(a, m.source) == {"Emmanuel Macron"} and names(a, m.target) == {"Xi Jinping"} and m.mode == "visit"


def test_events_listed_meetings_split(analyze) -> None:
    a = analyze("Antony Blinken held meetings with Sergey Lavrov and Wang Yi in Jakarta.")
    pairs = [names(a, m.participants) for m in meetings(a)]
    assert {"Antony Blinken", "Sergey Lavrov"} in pairs and {"Antony Blinken", "Wang Yi"} in pairs


def test_events_merged_within_article(analyze) -> None:
    text = (
        "Vladimir Putin met Kassym-Jomart Tokayev in Moscow. "
        "The talks between Putin and Tokayev were informal, and the meeting was at Tokayev's request."
    )
    a = analyze(text)
    (m,) = meetings(a)
    assert m.formality == "informal" and names(a, [m.initiator]) == {"Kassym-Jomart Tokayev"}
    assert m.more_evidence


def test_events_working_lunch_is_not_informal(analyze) -> None:
    a = analyze("Keir Starmer met Emmanuel Macron over a working lunch in London.")
    (m,) = meetings(a)
    assert m.formality == "unspecified"


def test_dates_rules() -> None:
    saturday = dt.date(2025, 1, 4)
    assert resolve_date("on Saturday", saturday) == saturday
    assert resolve_date("on Thursday", saturday) == dt.date(2025, 1, 2)
    assert resolve_date("on Monday", saturday, future=True) == dt.date(2025, 1, 6)
    assert resolve_date("on a Saturday", saturday) is None
    assert resolve_date("on Friday", None) is None
    assert resolve_date("yesterday", saturday) == dt.date(2025, 1, 3)
    assert resolve_date("March 3", None) is None
    assert resolve_date("March 3, 2021", None) == dt.date(2021, 3, 3)


def test_events_meeting_between_long_list(analyze) -> None:
    a = analyze(
        "The meeting between President Macron, on the one hand, and Chancellor Olaf Scholz, "
        "and Prime Ministers Giorgia Meloni of Italy and Pedro Sanchez of Spain was informal."
    )
    (m,) = meetings(a)
    assert names(a, m.participants) >= {"Emmanuel Macron", "Olaf Scholz", "Giorgia Meloni"}
    assert m.formality == "informal"


def test_events_presidents_of_countries(analyze) -> None:
    a = analyze("The presidents of France, Germany and Poland held a meeting in Weimar.")
    (m,) = meetings(a)
    assert {a.actor(p).country for p in m.participants} >= {"FRA", "DEU", "POL"}


def test_events_transcript_we_met_in_places(analyze) -> None:
    text = (
        "PRESIDENT MACRON: Welcome to Paris, my friend.\n\n"
        "CHANCELLOR SCHOLZ: Thank you. We met in Berlin, Rome and Madrid this year alone.\n"
    )
    a = analyze(text)
    places = sorted(m.location for m in meetings(a) if m.location)
    assert places == ["Berlin", "Madrid", "Rome"]
    assert all(names(a, m.participants) == {"Emmanuel Macron", "Olaf Scholz"} for m in meetings(a) if m.location)


def test_events_summons_is_formal_with_initiator(analyze) -> None:
    a = analyze("Antony Blinken summoned the Russian ambassador over the detention.")
    (m,) = meetings(a)
    assert m.formality == "formal" and names(a, [m.initiator]) == {"Antony Blinken"}


def test_events_single_body_summit(analyze) -> None:
    a = analyze("Leaders gathered for the informal NATO summit.")
    (m,) = meetings(a)
    assert m.kind == "summit" and m.formality == "informal" and names(a, m.participants) == {"NATO"}


def test_events_preparing_for_summit_is_planned(analyze) -> None:
    a = analyze("Diplomats are preparing for the NATO summit.")
    assert all(m.status == "planned" for m in meetings(a))


def test_events_bare_office_is_not_a_later_namesake(analyze) -> None:
    a = analyze(
        "The Prime Minister met Italian Prime Minister Giorgia Meloni today.",
        published=dt.date(2025, 3, 2), url="https://www.gov.uk/x",
    )
    (m,) = meetings(a)
    assert names(a, m.participants) == {"Keir Starmer", "Giorgia Meloni"}


def test_events_lead_meeting_takes_publication_date(analyze) -> None:
    a = analyze("Olaf Scholz met Emmanuel Macron in Paris.", published=dt.date(2024, 2, 1))
    (m,) = meetings(a)
    assert m.date == dt.date(2024, 2, 1) and m.date_text is None
    undated = analyze("Olaf Scholz met Emmanuel Macron in Paris.")
    assert meetings(undated)[0].date is None


def test_events_mediation_is_coded_045(analyze) -> None:
    a = analyze("Norwegian envoy Erik Solheim launched a mediation effort between Sri Lanka and India.")
    (m,) = meetings(a)
    assert m.mode is None and m.cameo == "045"  # PLOVER: CONSULT, context diplomatic
    assert {a.actor(p).country for p in m.target} == {"LKA", "IND"}


def test_events_arrival_visit_goes_to_the_capitals_country(analyze) -> None:
    a = analyze("Recep Tayyip Erdogan arrived in Baghdad on an official visit.")
    (m,) = meetings(a)
    assert m.kind == "visit" and m.mode == "visit" and {a.actor(t).country for t in m.target} == {"IRQ"}
    assert m.formality == "formal"


def test_events_warm_welcome_is_hosting(analyze) -> None:
    a = analyze("Emmanuel Macron gave a warm welcome to Narendra Modi at the Elysee.")
    (m,) = meetings(a)
    assert names(a, m.source) == {"Narendra Modi"} and names(a, m.target) == {"Emmanuel Macron"}


def test_events_welcoming_a_statement_is_not_a_meeting(analyze) -> None:
    a = analyze("Germany welcomed Joe Biden's statement on trade.")
    assert meetings(a) == []


def test_events_summit_as_circumstance_is_not_a_meeting(analyze) -> None:
    a = analyze("Police arrested ten people for rioting during the G20 summit in Hamburg.")
    assert meetings(a) == []


def test_events_would_host_is_planned(analyze) -> None:
    a = analyze("Recep Tayyip Erdogan said he would be ready to host a meeting between Vladimir Putin and Volodymyr Zelenskyy.")
    assert all(m.status == "planned" for m in meetings(a)) and meetings(a)


def test_events_ended_talks_are_cancelled(analyze) -> None:
    a = analyze("Turkey ended its mediation between Russia and Ukraine after the attack.")
    assert all(m.status == "cancelled" for m in meetings(a)) and meetings(a)


def test_events_habitual_meetings_are_not_events(analyze) -> None:
    a = analyze("We regularly meet with Emmanuel Macron.", published=dt.date(2024, 1, 1))
    assert meetings(a) == []


def test_events_verb_list_is_separate_meetings(analyze) -> None:
    a = analyze("Antony Blinken met Sergey Lavrov and Wang Yi in Bali.")
    pairs = [names(a, m.participants) for m in meetings(a)]
    assert {"Antony Blinken", "Sergey Lavrov"} in pairs and {"Antony Blinken", "Wang Yi"} in pairs


def test_events_ready_to_talk_is_planned(analyze) -> None:
    a = analyze("Olaf Scholz said he was ready to talk with Vladimir Putin.")
    assert meetings(a) and all(m.status == "planned" for m in meetings(a))


def test_events_office_then_name_after_comma(analyze) -> None:
    a = analyze("Readout of Secretary Antony Blinken's Meeting With French Minister for Europe and Foreign Affairs, "
                "Jean-Yves Le Drian")
    assert any(names(a, m.participants) == {"Antony Blinken", "Jean-Yves Le Drian"} for m in meetings(a))


def test_events_passive_host(analyze) -> None:
    a = analyze("Emmanuel Macron was received by Xi Jinping in Beijing.")
    (m,) = meetings(a)
    assert names(a, m.source) == {"Emmanuel Macron"} and names(a, m.target) == {"Xi Jinping"} and m.mode == "visit"


def test_events_confidence_orders_people_above_bodies(analyze) -> None:
    people = meetings(analyze("Emmanuel Macron met Olaf Scholz in Berlin."))[0]
    bodies = meetings(analyze("France and Germany held talks in Berlin."))[0]
    assert people.confidence > bodies.confidence


def test_events_visit_and_talks_inside_it_are_two_records_with_the_host(analyze) -> None:
    # contract v1.1: a visit and the talks the text reports inside it are separate records, and the
    # host is the host country's leader once the text names them
    a = analyze(
        "Emmanuel Macron arrived in Warsaw on an official visit.\n\n"
        "Macron held talks with Polish President Andrzej Duda on security."
    )
    visit, talks = meetings(a)
    assert visit.kind == "visit" and names(a, visit.source) == {"Emmanuel Macron"}
    assert names(a, visit.target) == {"Andrzej Duda"} and visit.formality == "formal"
    assert talks.kind == "talks" and names(a, talks.participants) == {"Emmanuel Macron", "Andrzej Duda"}


def test_events_meeting_at_a_third_place(analyze) -> None:
    a = analyze("The foreign ministers of Japan and Korea met on the sidelines of the SCO summit in Astana.")
    # contract v1.1: the bilateral, and the gathering on whose sidelines it took place as a record of its own
    m, summit = meetings(a)
    assert m.kind == "meeting" and m.mode == "third-party" and m.cameo == "044"
    assert {a.actor(p).country for p in m.participants} == {"JPN", "KOR"}
    assert summit.kind == "summit" and summit.formality == "formal" and summit.participants == m.participants


def test_events_spoke_by_phone_with_joint_subject(analyze) -> None:
    a = analyze("Olaf Scholz and Emmanuel Macron spoke by phone on Sunday.", published=dt.date(2024, 3, 5))
    (m,) = meetings(a)
    assert m.kind == "phone_call" and m.date == dt.date(2024, 3, 3)


def test_events_planned_meeting_keeps_its_own_date_phrase(analyze) -> None:
    a = analyze("Xi Jinping will host Vladimir Putin in Beijing next week, the Kremlin said on Friday.",
                published=dt.date(2024, 7, 5))
    (m,) = meetings(a)
    assert m.status == "planned" and m.date_text == "next week" and m.date is None


def test_events_nth_meeting_is_recurring(analyze) -> None:
    a = analyze("Vladimir Putin met Alexander Lukashenko in Sochi, their fifth meeting this year.")
    assert meetings(a)[0].recurring


def test_events_host_with_counterpart(analyze) -> None:
    a = analyze("Narendra Modi hosted his Japanese counterpart Fumio Kishida in New Delhi.")
    (m,) = meetings(a)
    assert names(a, m.source) == {"Fumio Kishida"} and names(a, m.target) == {"Narendra Modi"}


@pytest.mark.parametrize("text, initiator", [
    ("Pedro Sanchez arrived in Rabat on Monday for an official visit at the invitation of his Moroccan counterpart.",
     "Aziz Akhannouch"),
    ("Olaf Scholz met Emmanuel Macron in Paris on Monday. The meeting had been requested by Scholz.", "Olaf Scholz"),
    ("Olaf Scholz met Emmanuel Macron in Paris on Monday. The French side had asked for the meeting.", "Emmanuel Macron"),
])
def test_events_initiator_named_by_description_or_request(analyze, text: str, initiator: str) -> None:
    a = analyze(text, published=dt.date(2023, 11, 7))
    m = meetings(a)[0]
    assert m.initiator is not None and a.actor(m.initiator).name == initiator


def test_events_call_as_the_frame_of_a_discussion(analyze) -> None:
    a = analyze("Olaf Scholz discussed gas supplies and a prisoner exchange with Joe Biden on Friday in a phone call "
                "requested by the American side.", published=dt.date(2023, 3, 4))
    (m,) = meetings(a)
    assert m.kind == "phone_call" and names(a, m.participants) == {"Olaf Scholz", "Joe Biden"}
    assert a.actor(m.initiator).name == "Joe Biden"


def test_events_leaders_attend_the_meeting_of_a_council(analyze) -> None:
    a = analyze("On Friday the presidents of Russia, Belarus and Kazakhstan held a meeting of the Supreme Eurasian "
                "Economic Council in Minsk.", published=dt.date(2023, 5, 26))
    (m,) = meetings(a)
    assert m.kind == "summit" and all(a.actor(p).kind == "person" for p in m.participants)
    assert {a.actor(p).country for p in m.participants} == {"RUS", "BLR", "KAZ"}


def test_events_relative_clause_subject_is_on_a_visit(analyze) -> None:
    # "X, who is in <capital> on an official visit": the visitor is the noun the clause describes,
    # the host is the visited country's leader the article names
    a = analyze("Pedro Sanchez welcomed the new trade rules. Emmanuel Macron, who is in Madrid on an official visit "
                "that began on Tuesday, told reporters that Europe needed more nuclear power.",
                published=dt.date(2023, 11, 9))
    (m,) = meetings(a)
    assert m.kind == "visit" and m.formality == "formal" and m.date == dt.date(2023, 11, 7)
    assert names(a, m.source) == {"Emmanuel Macron"} and [a.actor(p).country for p in m.target] == ["ESP"]


def test_events_visit_at_an_invitation_is_hosted_by_the_inviter(analyze) -> None:
    # the invitation names the visit's host and initiator, not the airport welcome in the same sentence
    a = analyze(
        "ANKARA, March 3 (Wire) — Recep Tayyip Erdogan and Ilham Aliyev held talks on Friday. The visiting "
        "president, who is on a state visit at the invitation of the Turkish president, had been greeted at the "
        "airport on Thursday by Vice President Cevdet Yilmaz.", published=dt.date(2023, 3, 3))
    visit = next(m for m in meetings(a) if m.kind == "visit")
    erdogan = next(p for p in visit.participants if a.actor(p).country == "TUR")
    assert names(a, visit.source) == {"Ilham Aliyev"} and visit.target == [erdogan]
    assert visit.initiator == erdogan and visit.formality == "formal"
    welcome = next(m for m in meetings(a) if "Cevdet Yilmaz" in names(a, m.participants))
    assert names(a, welcome.participants) == {"Ilham Aliyev", "Cevdet Yilmaz"} and welcome.initiator is None


@pytest.mark.parametrize("text", [
    "Olaf Scholz and Emmanuel Macron met for an informal dinner in Paris on Monday.",
    "Olaf Scholz hosted Emmanuel Macron over a private lunch in Berlin on Monday.",
])
def test_events_meal_the_verb_reports_is_one_contact(analyze, text: str) -> None:
    (m,) = meetings(analyze(text, published=dt.date(2023, 2, 15)))
    assert m.formality == "informal"


def test_events_later_reference_to_the_dinner_adds_initiator_and_series(analyze) -> None:
    a = analyze("Olaf Scholz and Emmanuel Macron met for an informal dinner in Paris on Monday. The dinner took "
                "place at Scholz's suggestion. It was the fourth such dinner since the spring.",
                published=dt.date(2023, 2, 15))
    (m,) = meetings(a)
    assert a.actor(m.initiator).name == "Olaf Scholz" and m.recurring


def test_events_passive_request_in_a_relative_clause(analyze) -> None:
    a = analyze("Narendra Modi and Joe Biden held talks in Washington on Thursday. Modi and his guest also had a "
                "walk in the garden that had been requested by the American side.", published=dt.date(2023, 6, 23))
    walk = next(m for m in meetings(a) if m.formality == "informal")
    assert a.actor(walk.initiator).name == "Joe Biden"


def test_events_the_hosts_reception_is_the_visit(analyze) -> None:
    a = analyze("Olaf Scholz arrived in Rome on Monday, his first visit to Italy as chancellor, and was received at the "
                "airport by Prime Minister Giorgia Meloni.", published=dt.date(2023, 6, 6))
    (m,) = meetings(a)
    assert m.kind == "visit" and names(a, m.source) == {"Olaf Scholz"} and names(a, m.target) == {"Giorgia Meloni"}


def test_events_a_welcome_reported_apart_names_the_visits_host(analyze) -> None:
    # in a sentence of its own the welcome may be a contact of its own; the visit's host is the person welcoming
    a = analyze("Olaf Scholz arrived in Rome on Monday for a working visit. Giorgia Meloni welcomed him at the airport.",
                published=dt.date(2023, 6, 6))
    visit = next(m for m in meetings(a) if m.kind == "visit")
    assert names(a, visit.source) == {"Olaf Scholz"} and names(a, visit.target) == {"Giorgia Meloni"}


def test_events_reception_by_another_official_stays_a_meeting_of_its_own(analyze) -> None:
    a = analyze("Olaf Scholz arrived in Rome on Monday for talks with Giorgia Meloni and was received at the airport "
                "by Foreign Minister Antonio Tajani.", published=dt.date(2023, 6, 6))
    assert {"Olaf Scholz", "Antonio Tajani"} in [names(a, m.participants) for m in meetings(a)]


def test_events_welcome_that_opens_talks_keeps_the_talks_apart_from_the_visit(analyze) -> None:
    a = analyze("Emmanuel Macron arrived in Warsaw on Monday for an official visit. In the evening Andrzej Duda "
                "welcomed his guest at the palace, where the two leaders held official talks.",
                published=dt.date(2023, 6, 6))
    visit, talks = meetings(a)  # contract v1.1: meeting and talks are one kind
    assert visit.kind == "visit" and talks.kind in ("meeting", "talks") and talks.formality == "formal"


def test_events_one_of_their_regular_calls(analyze) -> None:
    a = analyze("Olaf Scholz and Emmanuel Macron had discussed the budget in one of their regular phone calls last "
                "Friday.", published=dt.date(2023, 6, 6))
    (m,) = meetings(a)
    assert m.kind == "phone_call" and m.recurring and m.date == dt.date(2023, 6, 2)
    assert names(a, m.participants) == {"Olaf Scholz", "Emmanuel Macron"}


def test_events_visit_around_a_contact_is_a_record_of_its_own(analyze) -> None:
    a = analyze("Jean-Noel Barrot called on Moroccan Prime Minister Aziz Akhannouch in Rabat on Monday, the second "
                "day of a three-day official visit to the kingdom.", published=dt.date(2025, 4, 15))
    meeting, visit = meetings(a)
    assert meeting.kind == "meeting" and visit.kind == "visit" and visit.formality == "formal"
    assert set(visit.participants) == set(meeting.participants) and visit.date == meeting.date


def test_events_someone_elses_or_a_planned_visit_is_not_the_contacts(analyze) -> None:
    a = analyze("Olaf Scholz met Emmanuel Macron in Paris on Monday ahead of a planned state visit to China.",
                published=dt.date(2023, 4, 4))
    assert [m.kind for m in meetings(a)] == ["meeting"]


@pytest.mark.parametrize("text", [
    "Olaf Scholz sat down with Emmanuel Macron on Monday morning.",
    "At the funeral on Monday, Olaf Scholz came face to face with Emmanuel Macron.",
])
def test_events_phrasal_contact_verbs(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2023, 4, 4))
    (m,) = meetings(a)
    assert names(a, m.participants) == {"Olaf Scholz", "Emmanuel Macron"} and m.date == dt.date(2023, 4, 3)


def test_events_sitting_down_with_a_book_is_no_contact(analyze) -> None:
    assert meetings(analyze("The minister sat down with a book on Monday.")) == []


def test_events_presidents_of_bodies_meet_together(analyze) -> None:
    # the heads of two bodies on the article's date, one meeting with both, and the body-level
    # reading of the same sentence ("the EU's leadership") folded into it
    a = analyze("Joe Biden sat down on Friday with the presidents of the European Council and the European "
                "Commission, his first meeting with the European Union's leadership this year.",
                published=dt.date(2021, 6, 16))
    (m,) = meetings(a)
    assert names(a, m.participants) == {"Joe Biden", "Charles Michel", "Ursula von der Leyen"}


@pytest.mark.parametrize("text", [
    "Emmanuel Macron and Abdelmadjid Tebboune agreed on Friday to restore cooperation on migration. "
    "The meeting came after months of tension over the Sahara.",
    "After their talks on Friday, Emmanuel Macron and Abdelmadjid Tebboune told reporters that ties were back on track.",
])
def test_events_bare_contact_noun_takes_the_joint_subject(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2023, 6, 10))
    (m,) = meetings(a)
    assert m.status == "held" and names(a, m.participants) == {"Emmanuel Macron", "Abdelmadjid Tebboune"}
    assert m.date == dt.date(2023, 6, 9)


@pytest.mark.parametrize("text", [
    "Emmanuel Macron and Abdelmadjid Tebboune agreed on Friday to restore cooperation. The meeting will take place "
    "in Algiers next month.",
    "Emmanuel Macron met Olaf Scholz on Friday. Pedro Sanchez and Antonio Costa spoke later. The meeting lasted an hour.",
    "Emmanuel Macron said on Friday that the meeting had been useful.",
])
def test_events_bare_contact_noun_needs_a_held_unreported_contact_of_two_people(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2023, 6, 10))
    assert len([m for m in meetings(a) if m.status == "held"]) <= 1
    assert all({"Pedro Sanchez", "Antonio Costa"} != names(a, m.participants) for m in meetings(a))


@pytest.mark.parametrize("text", [
    "Hungary's foreign minister, Peter Szijjarto, has won Turkish support for a new gas route, the Hungarian "
    "ministry said on Thursday. During the talks in Ankara on Wednesday, Hakan Fidan said Turkey would back "
    "the pipeline, according to the ministry.",
    "During the talks in Ankara on Wednesday, Hakan Fidan told the press that Turkey would back the pipeline. "
    "Peter Szijjarto later flew on to Sofia.",
])
def test_events_person_acting_during_definite_talks_meets_the_other_side(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 7))
    (m,) = meetings(a)
    assert m.kind == "talks" and m.status == "held" and m.location == "Ankara"
    assert names(a, m.participants) == {"Péter Szijjártó", "Hakan Fidan"} and m.date == dt.date(2024, 3, 6)


@pytest.mark.parametrize("text", [
    # no other side of another country in the neighbouring sentences
    "During the talks in Ankara on Wednesday, Hakan Fidan said Turkey would back the pipeline.",
    # two candidates of other countries: which one took part is not said
    "Peter Szijjarto and Kaja Kallas arrived on Tuesday. During the talks in Ankara on Wednesday, Hakan Fidan "
    "said Turkey would back the pipeline.",
    # the talks are someone else's, reported before
    "Peter Szijjarto met Hakan Fidan in Ankara on Wednesday. During the talks, Hakan Fidan said Turkey would "
    "back the pipeline.",
])
def test_events_definite_talks_without_a_unique_other_side_add_no_meeting(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 7))
    assert len(meetings(a)) <= 1
    assert all(len(m.participants) == 2 for m in meetings(a))


def test_events_leaders_named_by_two_demonyms(analyze) -> None:
    a = analyze("Kazakh and Russian leaders held talks in Astana on Friday.", published=dt.date(2023, 6, 10))
    (m,) = meetings(a)
    assert {a.actor(p).country for p in m.participants} == {"KAZ", "RUS"}
    assert all(a.actor(p).kind == "person" for p in m.participants)


@pytest.mark.parametrize("text, formality", [
    ("Recep Tayyip Erdogan also had a brief exchange with Kyriakos Mitsotakis on Monday.", "unspecified"),
    ("Emmanuel Macron and Olaf Scholz had an exchange of views on Ukraine on Monday.", "unspecified"),
    ("Emmanuel Macron hosted a working dinner for Olaf Scholz at the Elysee on Monday.", "unspecified"),
    ("Emmanuel Macron hosted a private dinner for Olaf Scholz at the Elysee on Monday.", "informal"),
    ("Xi Jinping held talks with visiting Spanish Prime Minister Pedro Sanchez in Beijing on Monday.", "unspecified"),
])
def test_events_more_contact_wordings(analyze, text: str, formality: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 6))
    (m,) = meetings(a)
    assert len(m.participants) == 2 and all(a.actor(p).kind == "person" for p in m.participants)
    assert m.formality == formality and m.date == dt.date(2024, 3, 4)


@pytest.mark.parametrize("text", [
    "Russia and Ukraine agreed a prisoner exchange on Monday.",
    "Troops of Russia and Ukraine had an exchange of fire on Monday.",
    "Such exchanges between Germany and France are a normal part of our friendship, Olaf Scholz said.",
])
def test_events_exchanges_that_are_no_contact(analyze, text: str) -> None:
    assert meetings(analyze(text, published=dt.date(2024, 3, 6))) == []


def test_events_called_twice_is_two_calls(analyze) -> None:
    a = analyze("Justin Trudeau phoned Donald Trump twice on Monday, once in the morning and again at night.",
                published=dt.date(2025, 2, 4))
    calls = meetings(a)
    assert len(calls) == 2 and all(c.kind == "phone_call" and c.date == dt.date(2025, 2, 3) for c in calls)


def test_events_hosting_the_talks_reported_before_is_no_new_contact(analyze) -> None:
    a = analyze("Joe Biden, Olaf Scholz and Emmanuel Macron met in Paris on Monday. Macron, who hosted the talks at "
                "the Elysee together with Scholz, said the meeting had been useful.", published=dt.date(2024, 3, 6))
    (m,) = meetings(a)
    assert names(a, m.participants) == {"Joe Biden", "Olaf Scholz", "Emmanuel Macron"}


@pytest.mark.parametrize("text, kind", [
    ("Speaking after talks with Olaf Scholz on Monday, Emmanuel Macron said Europe must rearm.", "talks"),
    ("Speaking to reporters after meeting Olaf Scholz on Monday, Emmanuel Macron said Europe must rearm.", "meeting"),
    ("Emmanuel Macron told Olaf Scholz during a phone call on Monday that Europe must rearm.", "phone_call"),
    ("Emmanuel Macron and Olaf Scholz spoke for nearly two hours on Monday.", "phone_call"),
])
def test_events_contact_in_a_participle_or_frame_clause(analyze, text: str, kind: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 6))
    (m,) = meetings(a)
    assert m.kind == kind and names(a, m.participants) == {"Emmanuel Macron", "Olaf Scholz"}


@pytest.mark.parametrize("text", [
    "Joe Biden and Kamala Harris spoke at the rally on Monday.",
    "Joe Biden and Kamala Harris spoke about the economy on Monday.",
])
def test_events_two_people_speaking_to_others_is_no_contact(analyze, text: str) -> None:
    assert meetings(analyze(text, published=dt.date(2024, 3, 6))) == []


@pytest.mark.parametrize("text", [
    "The summit, attended by Vladimir Putin, Xi Jinping and Narendra Modi, opened in Kazan on Tuesday.",
    "Narendra Modi joined Vladimir Putin and Xi Jinping at the summit in Kazan on Tuesday.",
    "Vladimir Putin, Xi Jinping and Narendra Modi attended the BRICS summit in Kazan on Tuesday.",
])
def test_events_summit_attendees_are_people_not_the_body(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2024, 10, 23))
    (m,) = meetings(a)
    assert m.kind == "summit" and names(a, m.participants) == {"Vladimir Putin", "Xi Jinping", "Narendra Modi"}


def test_events_visit_hosted_by_the_person_the_visitor_meets(analyze) -> None:
    a = analyze("Sergey Lavrov arrived in Beijing on Sunday. He met his Chinese counterpart Wang Yi on Monday.",
                published=dt.date(2024, 3, 6))
    visit, meeting = meetings(a)
    assert visit.kind == "visit" and names(a, visit.target) == {"Wang Yi"}
    assert names(a, meeting.participants) == {"Sergey Lavrov", "Wang Yi"}


def test_events_state_visit_to_the_seat_is_hosted_by_its_leader(analyze) -> None:
    a = analyze("Joe Biden welcomed the new chips law. Yoon Suk-yeol paid a state visit to the White House on Wednesday.",
                published=dt.date(2024, 3, 6))
    (m,) = meetings(a)
    assert m.kind == "visit" and names(a, m.target) == {"Joe Biden"} and m.formality == "formal"


def test_events_the_two_leaders_named_in_the_next_sentence(analyze) -> None:
    a = analyze("The two leaders spoke by phone on Monday, the Kremlin said. Vladimir Putin thanked Alexander "
                "Lukashenko for his support.", published=dt.date(2024, 3, 6))
    (m,) = meetings(a)
    assert m.kind == "phone_call" and {a.actor(p).country for p in m.participants} == {"RUS", "BLR"}


def test_events_pleasure_of_talking_on_the_telephone_with(analyze) -> None:
    a = analyze("Two days ago I had the pleasure of talking on the telephone with Olaf Scholz, Emmanuel Macron said.",
                published=dt.date(2023, 6, 10))
    (m,) = meetings(a)
    assert m.kind == "phone_call" and names(a, m.participants) == {"Emmanuel Macron", "Olaf Scholz"}
    assert m.date == dt.date(2023, 6, 8) and m.date_text == "Two days ago"


@pytest.mark.parametrize("phrase, expected", [
    ("two days ago", dt.date(2023, 6, 8)),
    ("3 days ago", dt.date(2023, 6, 7)),
    ("a week ago", None),
])
def test_events_days_ago_count_back_from_publication(phrase: str, expected: dt.date | None) -> None:
    assert resolve_date(phrase, dt.date(2023, 6, 10)) == expected


def test_events_followed_by_exchanges_with_another_leader(analyze) -> None:
    # a second contact of the same delegation, not a part of the summit it follows
    a = analyze("Olaf Scholz, Emmanuel Macron and Giorgia Meloni held the summit meeting with Narendra Modi, followed "
                "by exchanges with Fumio Kishida.", published=dt.date(2023, 5, 20))
    summit, exchanges = meetings(a)
    assert summit.kind == "summit" and "Narendra Modi" in names(a, summit.participants)
    assert exchanges.kind == "meeting"
    assert names(a, exchanges.participants) == {"Olaf Scholz", "Emmanuel Macron", "Giorgia Meloni", "Fumio Kishida"}


TRANSCRIPT = (
    "Remarks before a bilateral meeting\n\n"
    "PRIME MINISTER ALBANESE: Well, Justin, welcome. It is great to have you here in Canberra.\n\n"
    "PRIME MINISTER TRUDEAU: Thank you, Anthony. We met in Ottawa last year and in Bali before that.\n"
)


def test_events_greeting_in_a_two_speaker_transcript_is_the_meeting(analyze) -> None:
    a = analyze(TRANSCRIPT, published=dt.date(2023, 7, 10))
    held = [m for m in meetings(a) if m.status == "held"]
    assert all(names(a, m.participants) == {"Anthony Albanese", "Justin Trudeau"} for m in held)
    # the meeting the remarks are made at (dated by the publication) beside the earlier one in Ottawa
    assert sorted((m.location or "", m.date) for m in held) == [("", dt.date(2023, 7, 10)), ("Ottawa", None)]


def test_events_greeting_adds_nothing_when_the_narrative_reports_the_meeting(analyze) -> None:
    text = "Anthony Albanese met Justin Trudeau in Canberra on Monday.\n\n" + TRANSCRIPT.split("\n\n", 1)[1]
    a = analyze(text, published=dt.date(2023, 7, 10))
    located = [m.location for m in meetings(a) if m.status == "held"]
    assert located.count("Canberra") == 1 and None not in located


def test_events_counterparts_from_two_countries_named_in_apposition(analyze) -> None:
    a = analyze("Antony Blinken met his counterparts from Japan and South Korea, Yoko Kamikawa and Cho Tae-yul, in Tokyo "
                "on Monday.", published=dt.date(2024, 3, 6))
    (m,) = meetings(a)  # one trilateral meeting of a group named together
    assert {a.actor(p).country for p in m.participants} == {"USA", "JPN", "KOR"}
    assert all(a.actor(p).kind == "person" for p in m.participants)


# -- third pass (rules from dev-news half b, half a held out) --------------------------------------

@pytest.mark.parametrize("text", [
    "The spokeswoman announced on Monday that Emmanuel Macron would host Olaf Scholz for a state visit in June.",
    "A spokesman said that Xi Jinping and Vladimir Putin would meet as soon as the situation allowed.",
])
def test_events_would_is_the_future_of_reported_speech(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 6))
    assert meetings(a) and all(m.status == "planned" for m in meetings(a))


@pytest.mark.parametrize("text, status", [
    # the contact is when something is done: it takes place when that is done
    ("Olaf Scholz told Emmanuel Macron that Germany was looking forward to welcoming him at the NATO summit in July.",
     "planned"),
    ("Olaf Scholz and Emmanuel Macron agreed on a road map during the talks in Berlin.", "held"),
    # what precedes the act is not planned with it
    ("Antony Blinken will travel to Tokyo tomorrow, following two days of meetings in Seoul with Cho Tae-yul.", "held"),
])
def test_events_a_contact_as_the_time_of_an_act_shares_its_status(analyze, text: str, status: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 6))
    contacts = [m for m in meetings(a) if m.kind != "summit"] or meetings(a)
    assert contacts and contacts[0].status == status


@pytest.mark.parametrize("second, kind", [
    ("The two had already spoken by phone in May.", "phone_call"),
    ("The two leaders, who last met in Beijing in April, discussed trade.", "meeting"),
    ("An aide said the two had prepared the visit in a call on Tuesday.", "phone_call"),
    ("Later the two leaders took an informal walk through a park.", "meeting"),
])
def test_events_the_two_named_before(analyze, second: str, kind: str) -> None:
    a = analyze("Emmanuel Macron received Xi Jinping in Paris on Friday. " + second, published=dt.date(2024, 5, 10))
    later = [m for m in meetings(a) if m.evidence.text == second and m.status == "held"]
    assert len(later) == 1 and later[0].kind == kind
    assert names(a, later[0].participants) == {"Emmanuel Macron", "Xi Jinping"}


def test_events_an_object_pronoun_is_not_its_own_subject(analyze) -> None:
    a = analyze("Olaf Scholz began an official visit to India on Monday, and Prime Minister Narendra Modi received him "
                "at Hyderabad House.", published=dt.date(2024, 2, 27))
    assert all(names(a, m.participants) == {"Olaf Scholz", "Narendra Modi"} for m in meetings(a))


def test_events_summit_opened_and_attended_by(analyze) -> None:
    a = analyze("Spanish Prime Minister Pedro Sanchez opened a summit of Mediterranean states in Malaga on Friday, "
                "attended by Italian Prime Minister Giorgia Meloni, Greek Prime Minister Kyriakos Mitsotakis and "
                "French President Emmanuel Macron.", published=dt.date(2024, 5, 11))
    (m,) = meetings(a)
    assert m.kind == "summit" and {a.actor(p).country for p in m.participants} == {"ESP", "ITA", "GRC", "FRA"}


def test_events_leaders_of_join_their_host_at_a_summit(analyze) -> None:
    a = analyze("The presidents of Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan joined their host, Tajik "
                "President Emomali Rahmon, in Dushanbe on Thursday for a summit of the region.",
                published=dt.date(2023, 9, 15))
    (m,) = meetings(a)
    assert m.kind == "summit" and {a.actor(p).country for p in m.participants} == {"KAZ", "KGZ", "TKM", "UZB", "TJK"}
    assert all(a.actor(p).kind == "person" for p in m.participants)


def test_events_talks_with_hung_on_their_place_and_the_side_that_invited(analyze) -> None:
    a = analyze("Japanese Foreign Minister Yoko Kamikawa held talks on Monday in the old city of Kyoto with Indian "
                "Foreign Minister Subrahmanyam Jaishankar, who arrived in Japan on Sunday for a three-day visit at the "
                "invitation of the Japanese side.", published=dt.date(2024, 3, 6))
    by_kind = {m.kind: m for m in meetings(a)}
    assert names(a, by_kind["talks"].participants) == {"Yōko Kamikawa", "Subrahmanyam Jaishankar"}
    visit = by_kind["visit"]
    assert names(a, visit.source) == {"Subrahmanyam Jaishankar"} and names(a, visit.target) == {"Yōko Kamikawa"}
    assert names(a, [visit.initiator]) == {"Yōko Kamikawa"}  # "the Japanese side": its minister in the event


def test_events_a_private_meeting_and_official_talks_of_the_two_leaders(analyze) -> None:
    a = analyze("Emmanuel Macron welcomed Olaf Scholz to the Elysee on Monday at the start of a state visit. The two "
                "leaders held a private tête-à-tête before leading their delegations in official talks on energy.",
                published=dt.date(2024, 5, 28))
    second = [m for m in meetings(a) if m.evidence.text.startswith("The two leaders")]
    assert sorted(m.formality for m in second) == ["formal", "informal"]
    assert all(names(a, m.participants) == {"Emmanuel Macron", "Olaf Scholz"} for m in second)


def test_events_a_reception_then_talks_with_the_guest(analyze) -> None:
    # "Prince Mohammed" is Mohammed bin Salman; the welcome and the later official talks are two records
    a = analyze("Saudi Crown Prince Mohammed bin Salman received Emmanuel Macron at the royal palace in Riyadh on "
                "Monday. In the evening Prince Mohammed and his guest held official talks on energy.",
                published=dt.date(2024, 12, 3))
    assert sorted(m.kind for m in meetings(a)) == ["meeting", "talks"]
    assert all(names(a, m.participants) == {"Mohammed bin Salman", "Emmanuel Macron"} for m in meetings(a))


@pytest.mark.parametrize("text, earlier", [
    # "her Chinese counterpart" is China's foreign minister on the date (Qin Gang), read through "her"
    ("Annalena Baerbock met Wang Yi in Beijing on Saturday, a day after tense talks there with her Chinese "
     "counterpart. Wang told her that the two countries should cooperate.", ("Qin Gang", dt.date(2023, 4, 14))),
    ("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Monday, a week after talks with Ebrahim Raisi in Tehran.",
     ("Ebrahim Raisi", dt.date(2023, 4, 3))),
])
def test_events_a_contact_some_days_before_the_news(analyze, text: str, earlier: tuple[str, dt.date]) -> None:
    a = analyze(text, published=dt.date(2023, 4, 15))
    name, date = earlier
    (m,) = [m for m in meetings(a) if name in names(a, m.participants)]
    assert m.kind == "talks" and m.date == date and len(m.participants) == 2


@pytest.mark.parametrize("text", [
    "Joe Biden, Narendra Modi, Fumio Kishida and Anthony Albanese held a summit of the Quad by video conference on "
    "Friday.",
    "The leaders of Russia, Belarus and Kazakhstan held a session of the Supreme Eurasian Economic Council by video "
    "link on Tuesday.",
])
def test_events_a_summit_or_council_session_by_video_is_formal(analyze, text: str) -> None:
    a = analyze(text, published=dt.date(2023, 5, 26))
    (m,) = meetings(a)
    assert m.kind == "video_call" and m.formality == "formal" and len(m.participants) >= 3


@pytest.mark.parametrize("text, initiator", [
    ("Kassym-Jomart Tokayev held a telephone conversation on Monday with Shavkat Mirziyoyev, who called to "
     "congratulate him on his birthday.", "Shavkat Mirziyoyev"),
    ("Olaf Scholz hosted Emmanuel Macron and Donald Tusk in Berlin on Friday for a summit, convened at Tusk's "
     "initiative.", "Donald Tusk"),
    ("William Ruto held talks with Yoweri Museveni on Thursday in Entebbe, talks the Kenyan side had requested.",
     "William Ruto"),
])
def test_events_who_started_it(analyze, text: str, initiator: str) -> None:
    a = analyze(text, published=dt.date(2024, 3, 16))
    (m,) = meetings(a)
    assert names(a, [m.initiator]) == {initiator}


def test_events_a_delegation_to_the_talks_takes_part(analyze) -> None:
    a = analyze("Antony Blinken and Sergey Lavrov held negotiations in Geneva on Monday. Lavrov, whose delegation at the "
                "negotiations included Deputy Foreign Minister Sergei Ryabkov, said the talks were useful.",
                published=dt.date(2022, 1, 11))
    (m,) = [m for m in meetings(a) if m.status == "held"]
    assert names(a, m.participants) == {"Antony Blinken", "Sergey Lavrov", "Sergei Ryabkov"}
