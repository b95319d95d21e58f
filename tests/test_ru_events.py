"""Russian meetings (issue 15): contacts, their kinds, formality, status, initiator, dates and
places, and Russian date phrases. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import pytest

from communique.evaluate import load_gold, names_match
from communique.records import Analysis
from communique.ru import dates
from communique.store import open_store
from tests.conftest import SHARED
from tests.test_stories import _gold_meetings

THURSDAY = dt.date(2024, 3, 14)


def _held(analysis: Analysis) -> list:
    return [e for e in analysis.events if e.plover == "CONSULT" and e.status == "held"]


def _names(analysis: Analysis, ids: list[str]) -> set[str]:
    return {analysis.actor(i).name for i in ids if analysis.actor(i)}


def _only(analysis: Analysis, status: str = "held"):
    found = [e for e in analysis.events if e.plover == "CONSULT" and e.status == status]
    assert len(found) == 1, [(e.kind, _names(analysis, e.participants), e.status) for e in analysis.events]
    return found[0]


# dates ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("phrase", "future", "expected"),
    [
        ("в понедельник", False, dt.date(2024, 3, 11)),
        ("в четверг", False, THURSDAY),  # the publication weekday is the publication day
        ("в понедельник", True, dt.date(2024, 3, 18)),  # a planned contact's weekday points forward
        ("в прошлую пятницу", False, dt.date(2024, 3, 8)),
        ("в прошлый четверг", False, dt.date(2024, 3, 7)),
        ("вчера", False, dt.date(2024, 3, 13)),
        ("вчерашних", False, dt.date(2024, 3, 13)),
        ("накануне", False, dt.date(2024, 3, 13)),
        ("сегодня", False, THURSDAY),
        ("в эти минуты", False, THURSDAY),
        ("завтра", True, dt.date(2024, 3, 15)),
        ("3 марта", False, dt.date(2024, 3, 3)),
        ("26–27 мая", True, dt.date(2024, 5, 26)),
        ("14 сентября 2022 года", False, dt.date(2022, 9, 14)),
        ("на прошлой неделе", False, None),
        ("в сентябре прошлого года", False, None),
        ("в мае", False, None),
        ("в начале августа", False, None),
    ],
)
def test_dates_resolve_russian_phrases(phrase: str, future: bool, expected: dt.date | None) -> None:
    assert dates.resolve(phrase, THURSDAY, future=future) == expected


def test_dates_need_a_publication_date_except_for_written_years() -> None:
    assert dates.resolve("в понедельник", None) is None
    assert dates.resolve("5 июня", None) is None
    assert dates.resolve("5 июня 2021 года", None) == dt.date(2021, 6, 5)


def test_dates_find_phrases_and_tell_the_eve_adverb_from_the_preposition() -> None:
    text = "Накануне министры обсудили повестку, а накануне саммита встретились ещё раз в тот же день."
    found = dates.find(text, 100, THURSDAY)
    assert [(p.text, p.date, p.same_day) for p in found] == [
        ("Накануне", dt.date(2024, 3, 13), False), ("в тот же день", None, True)]
    assert found[0].start_char == 100


# kinds ------------------------------------------------------------------------------------------------
def test_events_met_with_is_a_meeting_dated_by_its_weekday(analyze) -> None:
    a = analyze("Президент Азербайджана Ильхам Алиев в понедельник встретился в Баку с президентом "
                "Казахстана Касым-Жомартом Токаевым.", THURSDAY)
    event = _only(a)
    assert _names(a, event.participants) == {"Ilham Aliyev", "Kassym-Jomart Tokayev"}
    assert (event.kind, event.cameo, event.formality) == ("meeting", "040", "unspecified")
    assert event.date == dt.date(2024, 3, 11) and event.date_text == "в понедельник"
    assert event.location == "Baku, Azerbaijan"


def test_events_talks_in_narrow_and_expanded_format_are_formal(analyze) -> None:
    a = analyze("Президент Казахстана Касым-Жомарт Токаев и президент Узбекистана Шавкат Мирзиёев во вторник "
                "провели переговоры в узком и расширенном составе.", THURSDAY)
    event = _only(a)
    assert (event.kind, event.cameo, event.formality) == ("talks", "046", "formal")
    assert event.date == dt.date(2024, 3, 12)


def test_events_phone_conversation_is_a_call_without_a_place(analyze) -> None:
    a = analyze("Владимир Путин в среду провёл в Кремле телефонный разговор с Ильхамом Алиевым.", THURSDAY)
    event = _only(a)
    assert _names(a, event.participants) == {"Vladimir Putin", "Ilham Aliyev"}
    assert (event.kind, event.mode, event.cameo, event.location) == ("phone_call", "phone", "041", None)
    assert event.initiator is None


def test_events_called_in_the_dative_names_the_caller(analyze) -> None:
    a = analyze("Шавкат Мирзиёев вчера позвонил Владимиру Путину.", THURSDAY)
    event = _only(a)
    assert event.kind == "phone_call"
    assert _names(a, [event.initiator]) == {"Shavkat Mirziyoyev"}
    assert event.date == dt.date(2024, 3, 13)


def test_events_spoke_by_phone_from_a_joint_subject(analyze) -> None:
    a = analyze("Владимир Путин и Ильхам Алиев созвонились в среду.", THURSDAY)
    event = _only(a)
    assert event.kind == "phone_call" and _names(a, event.participants) == {"Vladimir Putin", "Ilham Aliyev"}


def test_events_talks_by_video_link_are_a_video_call(analyze) -> None:
    a = analyze("Касым-Жомарт Токаев и Ильхам Алиев провели переговоры по видеосвязи.", THURSDAY)
    event = _only(a)
    assert (event.kind, event.mode, event.cameo) == ("video_call", "phone", "041")


def test_events_received_is_a_meeting_where_the_guest_visits(analyze) -> None:
    a = analyze("Президент Казахстана Касым-Жомарт Токаев принял в Акорде премьер-министра Армении Никола Пашиняна.",
                THURSDAY)
    event = _only(a)
    assert event.kind == "meeting" and (event.mode, event.cameo) == ("visit", "043")
    assert _names(a, event.source) == {"Nikol Pashinyan"} and _names(a, event.target) == {"Kassym-Jomart Tokayev"}
    assert event.location == "Акорда"


@pytest.mark.parametrize(("words", "formality"), [("государственным", "formal"), ("рабочим", "unspecified"),
                                                  ("неофициальным", "informal")])
def test_events_visit_formality_and_the_host_country_leader(analyze, words: str, formality: str) -> None:
    a = analyze(f"Никол Пашинян во вторник посетил Казахстан с {words} визитом.", THURSDAY)
    event = _only(a)
    assert (event.kind, event.mode, event.cameo, event.formality) == ("visit", "visit", "042", formality)
    assert _names(a, event.source) == {"Nikol Pashinyan"}
    assert _names(a, event.target) == {"Kassym-Jomart Tokayev"}  # Kazakhstan's president on the date


def test_events_visit_told_by_its_country_takes_the_dateline_city(analyze) -> None:
    a = analyze("БИШКЕК, 14 марта. /Корр./. Ильхам Алиев в среду прибыл в Киргизию с официальным визитом.", THURSDAY)
    event = _only(a)
    assert event.kind == "visit" and event.location == "Bishkek, Kyrgyzstan"
    assert _names(a, event.target) == {"Sadyr Japarov"}  # Kyrgyzstan's president on the date


def test_events_visit_talks_and_dinner_are_three_records(analyze) -> None:
    a = analyze("Ильхам Алиев в среду прибыл в Астану с государственным визитом и провёл переговоры с "
                "Касым-Жомартом Токаевым. Вечером хозяин визита дал в честь гостя неформальный ужин.", THURSDAY)
    kinds = sorted((e.kind, e.formality) for e in _held(a))
    assert kinds == [("meeting", "informal"), ("talks", "unspecified"), ("visit", "formal")]
    for event in _held(a):
        assert _names(a, event.participants) == {"Ilham Aliyev", "Kassym-Jomart Tokayev"}
        assert event.date == dt.date(2024, 3, 13)
    visit = next(e for e in _held(a) if e.kind == "visit")
    assert visit.location == "Astana, Kazakhstan"


def test_events_tete_a_tete_is_informal(analyze) -> None:
    a = analyze("Перед началом саммита Касым-Жомарт Токаев провёл беседу тет-а-тет с Шавкатом Мирзиёевым.", THURSDAY)
    event = _only(a)
    assert event.formality == "informal" and event.kind == "meeting"


def test_events_summit_with_attendees_named_in_the_next_sentence(analyze) -> None:
    a = analyze("Во вторник в Астане прошёл саммит Организации Договора о коллективной безопасности. "
                "В нём приняли участие Владимир Путин, Касым-Жомарт Токаев, Ильхам Алиев и Шавкат Мирзиёев.",
                THURSDAY)
    event = _only(a)
    assert (event.kind, event.mode, event.formality) == ("summit", "multilateral", "formal")
    assert _names(a, event.participants) == {"Vladimir Putin", "Kassym-Jomart Tokayev", "Ilham Aliyev",
                                             "Shavkat Mirziyoyev"}
    assert event.date == dt.date(2024, 3, 12)


def test_events_three_leaders_meeting_in_person_are_a_summit(analyze) -> None:
    a = analyze("Владимир Путин, Ильхам Алиев и Никол Пашинян встретились в Москве в среду.", THURSDAY)
    event = _only(a)
    assert (event.kind, event.formality) == ("summit", "unspecified")


# initiator, recurring ---------------------------------------------------------------------------------
def test_events_initiative_of_a_side_names_that_sides_leader(analyze) -> None:
    a = analyze("Касым-Жомарт Токаев провёл телефонный разговор с Ильхамом Алиевым. "
                "Разговор состоялся по инициативе азербайджанской стороны.", THURSDAY)
    event = _only(a)
    assert _names(a, [event.initiator]) == {"Ilham Aliyev"}
    assert len(event.more_evidence) == 1  # the second sentence is the same call


def test_events_invitation_names_the_inviter(analyze) -> None:
    a = analyze("Никол Пашинян прибыл в Баку с рабочим визитом по приглашению президента Азербайджана Ильхама Алиева.",
                THURSDAY)
    event = _only(a)
    assert event.kind == "visit" and _names(a, [event.initiator]) == {"Ilham Aliyev"}
    assert _names(a, event.target) == {"Ilham Aliyev"}


@pytest.mark.parametrize("marker", ["очередную", "третью", "традиционную"])
def test_events_recurring_markers(analyze, marker: str) -> None:
    a = analyze(f"Владимир Путин и Ильхам Алиев провели в Сочи {marker} встречу.", THURSDAY)
    assert _only(a).recurring is True


def test_events_first_meeting_is_not_recurring(analyze) -> None:
    a = analyze("Владимир Путин и Ильхам Алиев провели в Сочи первую встречу.", THURSDAY)
    assert _only(a).recurring is False


# status ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Владимир Путин и Ильхам Алиев проведут переговоры в понедельник.", "planned"),
        ("Владимир Путин и Ильхам Алиев договорились встретиться в ближайшее время.", "planned"),
        ("Встреча Владимира Путина и Ильхама Алиева состоится в Москве.", "planned"),
        ("На следующей неделе планируется визит Никола Пашиняна в Казахстан.", "planned"),
        ("Визит Никола Пашиняна в Казахстан, намеченный на пятницу, перенесён.", "cancelled"),
        ("Запланированная на среду встреча Владимира Путина с Ильхамом Алиевым была отменена.", "cancelled"),
    ],
)
def test_events_planned_and_cancelled_contacts_are_not_held(analyze, sentence: str, status: str) -> None:
    a = analyze(sentence, THURSDAY)
    assert _held(a) == []
    event = _only(a, status)
    assert event.cameo == "036" if status == "planned" else event.cameo != "036"


def test_events_planned_weekday_points_forward(analyze) -> None:
    a = analyze("Владимир Путин и Ильхам Алиев проведут переговоры в понедельник.", THURSDAY)
    assert _only(a, "planned").date == dt.date(2024, 3, 18)


def test_events_held_call_beside_a_postponed_visit(analyze) -> None:
    a = analyze("Президент Казахстана Касым-Жомарт Токаев в среду позвонил Ильхаму Алиеву. "
                "Визит Токаева в Баку отложен.", THURSDAY)
    assert _only(a).kind == "phone_call"
    assert _only(a, "cancelled").kind == "visit"


# references ------------------------------------------------------------------------------------------
def test_events_same_day_takes_the_date_of_the_contact_before(analyze) -> None:
    a = analyze("Ильхам Алиев во вторник встретился с Владимиром Путиным в Москве. "
                "В тот же день Алиев провёл телефонный разговор с Касым-Жомартом Токаевым.", THURSDAY)
    call = next(e for e in _held(a) if e.kind == "phone_call")
    assert call.date == dt.date(2024, 3, 12) and call.date_text == "В тот же день"


def test_events_the_sides_refer_to_the_parties_before(analyze) -> None:
    a = analyze("Ильхам Алиев во вторник прибыл в Астану с официальным визитом. "
                "Лидеры провели переговоры в Акорде.", THURSDAY)
    talks = next(e for e in _held(a) if e.kind == "talks")
    assert _names(a, talks.participants) == {"Ilham Aliyev", "Kassym-Jomart Tokayev"}
    assert talks.location == "Акорда"


# stories --------------------------------------------------------------------------------------------------
NEWS_RU = SHARED / "dev-news-ru"


def _stories() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(NEWS_RU.glob("m*.json")) if NEWS_RU.exists() else []:
        story = json.loads(path.read_text(encoding="utf-8")).get("story")
        if story:
            found[story].append(path)
    return dict(found)


def _stored(store, stems: dict[str, str]) -> list[tuple[list[str], set[str]]]:
    """The store's held meetings as (participant names, the passages among their sources)."""
    names = {r["id"]: r["name"] for r in store.fetchall("SELECT id, name FROM actors", [])}
    out = []
    for row in store.fetchall("SELECT id, participants_key FROM events WHERE plover = 'CONSULT' AND status = 'held'", []):
        sources = store.fetchall("SELECT article_id FROM event_sources WHERE event_id = ?", [row["id"]])
        out.append(([names.get(i, i) for i in row["participants_key"].split("|")],
                    {stems[r["article_id"]] for r in sources}))
    return out


@pytest.mark.slow
@pytest.mark.skipif(not NEWS_RU.exists(), reason="../shared is not beside the checkout")
@pytest.mark.parametrize("story", sorted(_stories()))
def test_events_russian_stories_merge_into_one_meeting_with_all_sources(pipeline, story: str) -> None:
    """Issue 15: one Lavrov–Wang Yi talks (s01), one Khujand summit and one tête-à-tête (s02); Xi
    receiving Lavrov stays a meeting of its own."""
    paths = _stories()[story]
    store = open_store("sqlite:///:memory:")
    stems = {}
    for path in paths:
        _, article = load_gold(path)
        store.save(article, pipeline.analyze(article))
        stems[article.id] = path.stem
    stored = _stored(store, stems)
    for participants, _date, reporters in _gold_meetings(paths):
        matching = [sources for people, sources in stored if len(people) == len(participants)
                    and all(any(names_match(g, p) for p in people) for g in participants)]
        assert reporters in matching, f"{story}: {participants} reported by {sorted(reporters)}; stored {matching}"


def test_events_sentence_ends_after_a_one_letter_name(analyze) -> None:
    """«Ван И.» ends a sentence when no name follows (the carrier's split, issue 15)."""
    a = analyze("Сергей Лавров во вторник провёл переговоры с министром иностранных дел КНР Ван И. "
                "Стороны обсудили подготовку к саммиту.", dt.date(2024, 4, 10))
    event = _only(a)
    assert _names(a, event.participants) == {"Sergey Lavrov", "Wang Yi"}
