"""The Russian entity layer: names in every case, countries, institutions, roles, descriptions,
pronouns and datelines. Every sentence here was written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from communique import Pipeline
from communique.evaluate import names_match
from communique.records import Analysis
from communique.ru import entities
from communique.ru.names import name_forms, skeleton

DAY = dt.date(2023, 6, 14)


@pytest.fixture(scope="module")
def ru(pipeline: Pipeline):
    nlp = pipeline.nlp_for("ru")

    def run(text: str, published: dt.date | None = DAY, outlet: str | None = None):
        from communique.nlp import register_extensions

        register_extensions()
        doc = nlp.make_doc(text)
        doc._.cq_published = published
        doc._.cq_kb = pipeline.kb
        doc._.cq_outlet = outlet
        for _name, proc in nlp.pipeline:
            doc = proc(doc)
        return doc

    return run


def actor_of(doc, word: str):
    """The actor of the mention covering the first token spelled ``word``."""
    token = next(t for t in doc if t.text == word)
    mention = entities.mention_at(doc, token.i)
    return None if mention is None else doc._.cq_actors[mention.actor]


def name_of(doc, word: str) -> str | None:
    actor = actor_of(doc, word)
    return None if actor is None else actor.name


def roles(doc) -> set[tuple[str, str, str | None]]:
    return {(doc._.cq_actors[r.person].name, r.role, r.of) for r in doc._.cq_roles}


@pytest.mark.parametrize("spelling, other", [
    ("Zhaparov", "Japarov"), ("Berdymukhamedov", "Berdimuhamedow"), ("Mirziyoev", "Mirziyoyev"),
    ("Ilkham", "Ilham"), ("Kassym", "Kasym"), ("Aliev", "Aliyev"),
])
def test_ru_names_skeleton_folds_transliteration_variants(spelling: str, other: str) -> None:
    assert skeleton(spelling) == skeleton(other)


def test_ru_names_skeleton_keeps_different_names_apart() -> None:
    assert skeleton("Lavrov") != skeleton("Lavrentiev")
    assert skeleton("Tokayev") != skeleton("Tokmakov")


@pytest.mark.parametrize("word, nominative", [
    ("Токаевым", "Токаев"), ("Захаровой", "Захарова"), ("Шольцу", "Шольц"), ("Лукашенко", "Лукашенко"),
])
def test_ru_names_forms_give_the_nominative(word: str, nominative: str) -> None:
    assert nominative in name_forms(word)


def test_ru_entities_names_in_oblique_cases_resolve_to_kb_people(ru) -> None:
    doc = ru("Владимир Путин провёл переговоры с Касым-Жомартом Токаевым. Затем Путин позвонил Шавкату "
             "Мирзиёеву, а Мирзиёев поблагодарил Путина за звонок.")
    assert name_of(doc, "Токаевым") == "Kassym-Jomart Tokayev"
    assert name_of(doc, "Мирзиёеву") == "Shavkat Mirziyoyev"
    assert actor_of(doc, "Путина").id == actor_of(doc, "Путин").id
    assert actor_of(doc, "Мирзиёев").id == actor_of(doc, "Мирзиёеву").id


def test_ru_entities_names_that_are_not_transliterations_use_the_alias_table(ru) -> None:
    doc = ru("Си Цзиньпин принял в Пекине Олафа Шольца. Си сказал, что рад видеть Шольца.")
    assert name_of(doc, "Цзиньпин") == "Xi Jinping"
    assert name_of(doc, "Олафа") == "Olaf Scholz"
    assert actor_of(doc, "Си").id == actor_of(doc, "Цзиньпин").id


def test_ru_entities_female_surname_and_unknown_person(ru) -> None:
    doc = ru("Официальный представитель МИД России Мария Захарова ответила Ивану Петренко. "
             "Петренко ничего не сказал.")
    assert name_of(doc, "Захарова") == "Maria Zakharova"
    unknown = actor_of(doc, "Ивану")
    assert unknown is not None and not unknown.known and unknown.kind == "person"
    assert actor_of(doc, "Петренко").id == unknown.id


def test_ru_entities_countries_in_every_case_and_capitals(ru) -> None:
    doc = ru("Делегации Киргизии и РФ прибыли в Нур-Султан, где их ждали представители Кыргызстана.")
    assert name_of(doc, "Киргизии") == name_of(doc, "Кыргызстана") == "Kyrgyzstan"
    assert name_of(doc, "РФ") == "Russia"


@pytest.mark.parametrize("text, word, kind, country", [
    ("Об этом сообщили в Кремле.", "Кремле", "executive", "RUS"),
    ("Как сообщила пресс-служба Акорды, визит завершён.", "пресс-служба", None, "KAZ"),
    ("Пресс-служба президента Узбекистана распространила заявление.", "Пресс-служба", None, "UZB"),
    ("МИД Китая выступил с заявлением.", "МИД", "foreign_ministry", "CHN"),
    ("Российский МИД выразил протест.", "МИД", "foreign_ministry", "RUS"),
    ("Офис премьер-министра Армении опубликовал сообщение.", "Офис", "executive", "ARM"),
])
def test_ru_entities_institutions_are_organizations_of_their_country(ru, text: str, word: str, kind, country: str) -> None:
    actor = actor_of(ru(text), word)
    assert actor is not None and actor.kind == "organization" and actor.country == country
    if kind is not None:
        assert actor.institution == kind


def test_ru_entities_press_service_is_never_a_woman_and_statement_refers_back(ru) -> None:
    doc = ru("Пресс-служба Кремля сообщила о переговорах. Стороны обсудили торговлю, говорится в сообщении.")
    service = actor_of(doc, "Пресс-служба")
    assert service.kind == "organization" and service.country == "RUS"
    assert actor_of(doc, "сообщении").id == service.id


def test_ru_entities_roles_from_titles_before_names(ru) -> None:
    doc = ru("Президент Казахстана Касым-Жомарт Токаев встретился с министром иностранных дел Турции "
             "Хаканом Фиданом. Пресс-секретарь президента РФ Дмитрий Песков не комментировал встречу.")
    found = roles(doc)
    assert ("Kassym-Jomart Tokayev", "President", "Kazakhstan") in found
    assert ("Hakan Fidan", "Foreign Minister", "Turkey") in found
    assert ("Dmitry Peskov", "Presidential Spokesman", "Russia") in found


def test_ru_entities_title_alone_names_the_holder_on_the_date(ru) -> None:
    doc = ru("Президент Казахстана провёл совещание.", published=dt.date(2018, 5, 3))
    assert name_of(doc, "Президент") == "Nursultan Nazarbayev"
    doc = ru("Президент Казахстана провёл совещание.", published=dt.date(2023, 5, 3))
    assert name_of(doc, "Президент") == "Kassym-Jomart Tokayev"


def test_ru_entities_counterpart_and_leader_descriptions(ru) -> None:
    doc = ru("Глава МИД России Сергей Лавров провёл переговоры со своим узбекским коллегой. "
             "Затем казахстанский лидер позвонил ему.")
    assert name_of(doc, "коллегой") == "Vladimir Norov"  # Uzbekistan's foreign minister in June 2023
    assert name_of(doc, "лидер") == "Kassym-Jomart Tokayev"


def test_ru_entities_pronouns_follow_gender(ru) -> None:
    doc = ru("Касым-Жомарт Токаев принял Анналену Бербок. Она поблагодарила его за приём.")
    assert name_of(doc, "Она") == "Annalena Baerbock"
    assert name_of(doc, "его") == "Kassym-Jomart Tokayev"


def test_ru_entities_unnamed_spokesman_is_a_group_for_the_principal(ru) -> None:
    doc = ru("Пресс-секретарь президента Узбекистана уточнил, что разговор был долгим.")
    actor = actor_of(doc, "Пресс-секретарь")
    assert actor.kind == "group" and actor.name == "Spokesman for Shavkat Mirziyoyev"


def test_ru_entities_leaders_of_listed_countries(ru) -> None:
    doc = ru("Лидеры России, Казахстана и Белоруссии провели встречу.")
    assert name_of(doc, "России") == "Vladimir Putin"
    assert name_of(doc, "Казахстана") == "Kassym-Jomart Tokayev"


def test_ru_entities_dateline_is_silent_and_exposed(ru) -> None:
    text = "ТАШКЕНТ, 14 июня. /Восточный вестник/. Шавкат Мирзиёев провёл совещание в Ташкенте."
    doc = ru(text, outlet="Восточный вестник")
    start, end, place, outlet = entities.dateline(doc)
    assert text[start:end].startswith("ТАШКЕНТ") and place == "Tashkent" and outlet == "Восточный вестник"
    assert all(m.start_char >= end for m in doc._.cq_mentions)
    assert entities.find_dateline("МОСКВА, 6 июня. /Корр./. Текст.")[2:] == ("Moscow", None)
    assert entities.find_dateline("Обычное начало статьи без даты.") is None


def test_ru_entities_analysis_record_uses_english_names(analyze) -> None:
    analysis: Analysis = analyze("Президент России Владимир Путин провёл телефонный разговор с Токаевым.",
                                 published=DAY)
    assert {a.name for a in analysis.actors} >= {"Vladimir Putin", "Kassym-Jomart Tokayev"}
    assert analysis.article.language == "ru"


def test_ru_entities_first_name_and_patronymic_join_the_full_name(ru) -> None:
    doc = ru("Сергей Лавров прилетел в Анкару. Сергей Викторович сразу отправился на переговоры.")
    assert actor_of(doc, "Викторович").id == actor_of(doc, "Лавров").id


def test_ru_entities_indeclinable_names_in_oblique_positions(ru) -> None:
    doc = ru("Премьер-министр Армении Никол Пашинян направил письмо Александру Лукашенко. "
             "Ответ Лукашенко пока не опубликован.")
    assert name_of(doc, "Александру") == "Alexander Lukashenko"
    assert actor_of(doc, "Лукашенко").id == actor_of(doc, "Александру").id
    assert ("Nikol Pashinyan", "Prime Minister", "Armenia") in roles(doc)


@pytest.mark.parametrize("text, word, name", [
    ("Информационное агентство Синьхуа распространило заявление.", "Синьхуа", "Xinhua"),
    ("Управление коммуникаций администрации президента Турции выступило с заявлением.", "Управление",
     "Directorate of Communications"),
])
def test_ru_entities_agencies_and_offices_keep_their_english_names(ru, text: str, word: str, name: str) -> None:
    actor = actor_of(ru(text), word)
    assert actor is not None and actor.kind == "organization" and actor.name == name


def test_ru_entities_bare_ministry_refers_back_to_the_last_one(ru) -> None:
    doc = ru("МИД Казахстана вызвал посла. Как отметили в ведомстве, встреча была короткой.")
    assert actor_of(doc, "ведомстве").id == actor_of(doc, "МИД").id


def test_ru_entities_press_service_of_the_head_of_state_follows_the_dateline(ru) -> None:
    doc = ru("ТАШКЕНТ, 14 июня. /Корр./. Шавкат Мирзиёев позвонил Эмомали Рахмону, сообщает пресс-служба "
             "главы государства.")
    assert actor_of(doc, "пресс-служба").country == "UZB"


@pytest.mark.parametrize("text, person, role, of", [
    ("Председатель КНР Си Цзиньпин выступил с речью.", "Xi Jinping", "President", "China"),
    ("Помощник президента РФ Юрий Ушаков рассказал о визите.", "Yuri Ushakov", "Presidential Aide", "Russia"),
    ("Председатель Сената Маулен Ашимбаев открыл заседание.", "Maulen Ashimbayev", "Chairman of the Senate",
     "Kazakhstan"),
    ("Федеральный канцлер Германии Олаф Шольц прибыл в Астану.", "Olaf Scholz", "Chancellor", "Germany"),
    ("Официальный представитель МИД России Мария Захарова провела брифинг.", "Maria Zakharova",
     "Foreign Ministry Spokeswoman", "Russia"),
])
def test_ru_entities_office_titles_in_english(ru, text: str, person: str, role: str, of: str) -> None:
    found = roles(ru(text))
    assert any(names_match(person, p) and r == role and o == of for p, r, o in found), found


def test_ru_entities_title_inside_an_institution_name_is_no_role(ru) -> None:
    doc = ru("Пресс-служба президента Кыргызстана сообщила о переговорах.")
    assert roles(doc) == set()


def test_ru_entities_former_president_keeps_the_former_office(ru) -> None:
    doc = ru("Путин передал привет бывшему президенту Туркменистана Гурбангулы Бердымухамедову.",
             published=dt.date(2022, 6, 10))
    assert ("Gurbanguly Berdimuhamedow", "Former President", "Turkmenistan") in roles(doc)


def test_ru_entities_head_of_diplomacy_host_and_guest(ru) -> None:
    doc = ru("БИШКЕК, 14 июня. /Корр./. Президент России Владимир Путин прибыл в Бишкек, где его встретил "
             "Садыр Жапаров. Хозяин встречи провёл гостя по залам резиденции. Глава китайской дипломатии "
             "прислал приветствие.")
    assert name_of(doc, "Хозяин") == "Sadyr Japarov"
    assert name_of(doc, "гостя") == "Vladimir Putin"
    assert name_of(doc, "Глава") == "Qin Gang"  # China's foreign minister in June 2023


def test_ru_entities_interlocutor_is_the_other_party(ru) -> None:
    doc = ru("Касым-Жомарт Токаев провёл телефонный разговор с Ильхамом Алиевым. Токаев пригласил собеседника в Астану.")
    assert name_of(doc, "собеседника") == "Ilham Aliyev"


def test_ru_entities_plural_titles_give_each_holder_the_role(ru) -> None:
    doc = ru("Путин, Токаев и Мирзиёев провели встречу. Встреча трёх президентов длилась час.")
    found = roles(doc)
    assert {("Vladimir Putin", "President", "Russia"), ("Shavkat Mirziyoyev", "President", "Uzbekistan")} <= found


def test_ru_entities_pronoun_skips_its_own_clause_subject(ru) -> None:
    doc = ru("Президент Турции Реджеп Тайип Эрдоган прибыл в Москву. Владимир Путин провёл с ним переговоры.")
    assert name_of(doc, "ним") == "Recep Tayyip Erdoğan"


def test_ru_entities_pronoun_after_reported_speech_is_the_speaker(ru) -> None:
    doc = ru("Путин посетит Ташкент в мае, сообщил помощник президента РФ Юрий Ушаков. "
             "По его словам, программа визита согласована.")
    assert name_of(doc, "его") == "Yuri Ushakov"


def test_ru_entities_cities_and_countries_are_never_people(ru) -> None:
    doc = ru("Нур-Султан заинтересован в транзите, заявил Токаев.", published=dt.date(2021, 6, 16))
    actor = actor_of(doc, "Нур-Султан")
    assert actor is None or actor.kind == "country"


def test_ru_entities_bare_minister_is_the_minister_named_last(ru) -> None:
    doc = ru("Глава МИД Армении Арарат Мирзоян прибыл в Тбилиси. Армянский министр заявил, что визит важен. "
             "Министр также встретился со студентами.")
    assert name_of(doc, "министр") == name_of(doc, "Министр") == "Ararat Mirzoyan"


def test_ru_entities_declined_comment_is_no_statement(ru) -> None:
    doc = ru("МИД Киргизии от комментариев отказался. Позднее ведомство распространило комментарий.")
    assert actor_of(doc, "комментариев") is None
    assert actor_of(doc, "комментарий").id == actor_of(doc, "МИД").id


def test_ru_entities_family_name_first_and_genitive_patronymic(ru) -> None:
    doc = ru("Президент Монголии Ухнаагийн Хурэлсух прибыл в Пекин. Хурэлсух провёл переговоры.",
             published=dt.date(2024, 5, 3))
    person = actor_of(doc, "Ухнаагийн")
    assert person is not None and person.known and person.country == "MNG"
    assert actor_of(doc, "Хурэлсух").id == person.id


def test_ru_entities_title_of_an_organization(ru) -> None:
    doc = ru("Генеральный секретарь ООН Антониу Гутерриш прибыл в Астану.")
    assert ("António Guterres", "Secretary-General", "United Nations") in roles(doc)
