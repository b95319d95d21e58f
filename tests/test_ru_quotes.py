"""Russian quotes (issue 15): direct and reported speech, one construction per test, on sentences
written for these tests. Speakers are named people the entity layer resolves, or the words that
name the speaker where resolving them is the entity layer's work (pronouns, institutions)."""

from __future__ import annotations

import datetime as dt

import pytest

from communique import Pipeline
from communique.actors import ActorInfo, MentionInfo
from communique.records import Analysis
from communique.ru.entities import index_mentions
from communique.ru.quotes import RussianQuotes, find
from communique.ru.quotes.direct import quoted_spans
from communique.ru.quotes.finding import trim
from communique.ru.quotes.lexicon import speech

DAY = dt.date(2024, 4, 9)


@pytest.fixture(scope="module")
def ru_nlp(pipeline: Pipeline):
    return pipeline.nlp_for("ru")


def quotes(analyze, text: str) -> list[tuple[str, bool, str, str | None, str | None]]:
    """(rule, direct, text, speaker's name, speaker's words) of every quote, in text order."""
    analysis: Analysis = analyze(text, published=DAY)
    out = []
    for q in sorted(analysis.quotes, key=lambda q: q.start):
        actor = analysis.actor(q.speaker) if q.speaker else None
        out.append((q.rule, q.direct, q.text, actor.name if actor else None,
                    q.speaker_mention.text if q.speaker_mention else None))
    return out


@pytest.mark.parametrize("text, expected", [
    ("«Мы открыты к сотрудничеству со всеми соседями», — заявил Сергей Лавров.",
     ("direct", "Мы открыты к сотрудничеству со всеми соседями", "Sergey Lavrov")),
    ("„Граница останется открытой“, — подчеркнул Касым-Жомарт Токаев.",
     ("direct", "Граница останется открытой", "Kassym-Jomart Tokayev")),
    ('"Решение будет принято в июне", - сказала Мария Захарова.',
     ("direct", "Решение будет принято в июне", "Maria Zakharova")),
    ("«Нам нужна новая дорога на юг!» — воскликнул Шавкат Мирзиёев.",
     ("direct", "Нам нужна новая дорога на юг!", "Shavkat Mirziyoyev")),
    ("Сергей Лавров заявил: «Диалог с соседями будет продолжен».",
     ("direct_colon", "Диалог с соседями будет продолжен", "Sergey Lavrov")),
    ("Мария Захарова: «Мы ответим на каждое недружественное действие».",
     ("direct_label", "Мы ответим на каждое недружественное действие", "Maria Zakharova")),
])
def test_ru_quotes_direct_speech_in_every_kind_of_mark(analyze, text, expected) -> None:
    rule, words, speaker = expected
    found = quotes(analyze, text)
    assert [(q[0], q[1], q[2], q[3]) for q in found] == [(rule, True, words, speaker)]


def test_ru_quotes_direct_speech_to_journalists_by_a_pronoun(analyze) -> None:
    text = "Владимир Путин прибыл в Астану. «Переговоры будут долгими», — заявил он журналистам."
    [(rule, direct, words, _speaker, mention)] = quotes(analyze, text)
    assert (rule, direct, words, mention) == ("direct", True, "Переговоры будут долгими", "он")


@pytest.mark.parametrize("text, parts", [
    ("«Мы готовы к переговорам, — сказал Владимир Путин, — но не на любых условиях».",
     ["Мы готовы к переговорам", "но не на любых условиях"]),
    ("«Встреча была трудной. — заметил Сергей Лавров. — Но договорённости есть».",
     ["Встреча была трудной.", "Но договорённости есть"]),
])
def test_ru_quotes_quotation_broken_by_its_cue_gives_two_quotes_of_one_speaker(analyze, text, parts) -> None:
    found = quotes(analyze, text)
    assert [q[2] for q in found] == parts
    assert {q[0] for q in found} == {"direct_split"} and len({q[3] for q in found}) == 1 and found[0][3]


def test_ru_quotes_dash_line_is_direct_speech(analyze) -> None:
    text = "Глава МИД России ответил на вопросы.\n— Мы ждём ответа от партнёров, — сказал Сергей Лавров."
    assert quotes(analyze, text) == [
        ("dash_line", True, "Мы ждём ответа от партнёров", "Sergey Lavrov", "Сергей Лавров")]


def test_ru_quotes_a_quoted_sentence_continues_the_last_speaker(analyze) -> None:
    text = ("«Казахстан — наш надёжный партнёр», — сказал Шавкат Мирзиёев. "
            "«Мы построим новую железную дорогу вместе».")
    found = quotes(analyze, text)
    assert [(q[0], q[2], q[3]) for q in found] == [
        ("direct", "Казахстан — наш надёжный партнёр", "Shavkat Mirziyoyev"),
        ("direct_continuation", "Мы построим новую железную дорогу вместе", "Shavkat Mirziyoyev"),
    ]


def test_ru_quotes_quoted_names_without_a_cue_are_not_speech(analyze) -> None:
    text = "Переговоры прошли в резиденции «Зелёный сад», а вечером лидеры посетили театр «Опера»."
    assert quotes(analyze, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Сергей Лавров заявил, что Москва готова продолжать консультации.",
     ("that", "Москва готова продолжать консультации", "Sergey Lavrov")),
    ("Мария Захарова уточнила журналистам в среду, что визит состоится в мае.",
     ("that", "визит состоится в мае", "Maria Zakharova")),
    ("Шавкат Мирзиёев считает, что региону нужна общая водная стратегия.",
     ("that", "региону нужна общая водная стратегия", "Shavkat Mirziyoyev")),
    ("Владимир Путин выразил уверенность, что торговля будет расти.",
     ("that", "торговля будет расти", "Vladimir Putin")),
    ("Сергей Лавров сообщил о том, что консультации продолжатся осенью.",
     ("that", "консультации продолжатся осенью", "Sergey Lavrov")),
    ("Сергей Лавров заявил: переговоры продолжатся на следующей неделе.",
     ("colon", "переговоры продолжатся на следующей неделе", "Sergey Lavrov")),
    ("Новый раунд консультаций пройдёт в Минске, сообщила Мария Захарова.",
     ("trailing", "Новый раунд консультаций пройдёт в Минске", "Maria Zakharova")),
    ("По словам Сергея Лаврова, переговоры шли конструктивно.",
     ("according", "переговоры шли конструктивно", "Sergey Lavrov")),
    ("Переговоры шли конструктивно, по словам Марии Захаровой.",
     ("according", "Переговоры шли конструктивно", "Maria Zakharova")),
    ("Как заявил Владимир Путин, подготовка визита завершена.",
     ("as", "подготовка визита завершена", "Vladimir Putin")),
    ("Подготовка визита завершена, как сообщил Сергей Лавров.",
     ("as", "Подготовка визита завершена", "Sergey Lavrov")),
])
def test_ru_quotes_reported_speech(analyze, text, expected) -> None:
    rule, words, speaker = expected
    assert [(q[0], q[1], q[2], q[3]) for q in quotes(analyze, text)] == [(rule, False, words, speaker)]


def test_ru_quotes_this_was_stated_points_back_at_the_last_sentence(analyze) -> None:
    text = "Визит в Ташкент перенесён на осень. Об этом сообщил Сергей Лавров."
    assert [(q[0], q[2], q[3]) for q in quotes(analyze, text)] == [
        ("this", "Визит в Ташкент перенесён на осень", "Sergey Lavrov")]


def test_ru_quotes_an_institution_speaks_from_where_it_is(analyze) -> None:
    text = "Встреча продлилась три часа, сообщили в Кремле. В министерстве заявили, что ждут ответа."
    found = quotes(analyze, text)
    assert [(q[0], q[2], q[4]) for q in found] == [
        ("trailing", "Встреча продлилась три часа", "Кремле"),
        ("that", "ждут ответа", "министерстве"),
    ]


def test_ru_quotes_speech_inside_speech_gives_the_reporter_and_the_speaker(analyze) -> None:
    text = "Касым-Жомарт Токаев отметил, что отношения развиваются успешно, сообщила пресс-служба Акорды."
    found = quotes(analyze, text)
    assert [(q[0], q[2]) for q in found] == [
        ("trailing", "Касым-Жомарт Токаев отметил, что отношения развиваются успешно"),
        ("that", "отношения развиваются успешно"),
    ]
    assert found[1][3] == "Kassym-Jomart Tokayev" and "пресс-служба" in (found[0][4] or "")


def test_ru_quotes_two_cues_of_one_sentence_split_their_contents(analyze) -> None:
    text = "Мария Захарова заявила, что Москва ждёт ответа, и добавила, что срок истекает в пятницу."
    assert [(q[2], q[3]) for q in quotes(analyze, text)] == [
        ("Москва ждёт ответа", "Maria Zakharova"), ("срок истекает в пятницу", "Maria Zakharova")]


def test_ru_quotes_cited_words_belong_to_their_owner_not_the_channel(analyze) -> None:
    text = "«Договорились обо всём», — приводит Telegram-канал „Новости Минска“ слова Александра Лукашенко."
    [(rule, direct, words, _speaker, mention)] = quotes(analyze, text)
    assert (rule, direct, words, mention) == ("direct", True, "Договорились обо всём", "Александра Лукашенко")


@pytest.mark.parametrize("text", [
    "Владимир Путин поблагодарил Касым-Жомарта Токаева за гостеприимство.",  # an act without content
    "Шавкат Мирзиёев поздравил Сергея Лаврова с днём рождения.",
    "Сергей Лавров призвал стороны к сдержанности.",
    "Мария Захарова обратила внимание на то, что сроки сорваны.",
    "Стороны обсудили вопросы торговли и транспорта.",  # nobody reports it
    "Переговоры пройдут в Москве, сообщил источник в правительстве.",  # an anonymous source
    "По словам источника, визит отложен.",
    "От комментариев в министерстве отказались.",
    "Владимир Путин выразил соболезнования семьям погибших.",  # «выразил» without words
])
def test_ru_quotes_acts_without_content_and_anonymous_sources_give_no_quote(analyze, text) -> None:
    assert quotes(analyze, text) == []


def test_ru_quotes_called_it_historic_before_a_direct_quote_gives_only_the_quote(analyze) -> None:
    text = "Садыр Жапаров назвал соглашение историческим. «Спорных участков больше нет», — сказал Жапаров."
    assert [(q[0], q[2]) for q in quotes(analyze, text)] == [("direct", "Спорных участков больше нет")]


def test_ru_quotes_a_document_speaks_for_the_last_institution_named(ru_nlp) -> None:
    # the entity layer's part (which words name the Kremlin) is given here by hand
    doc = ru_nlp("Кремль опубликовал заявление. Стороны обсудили энергетику, — говорится в сообщении.")
    kremlin = ActorInfo("Q_kremlin", "Kremlin", "organization", "RUS")
    doc._.cq_actors = {kremlin.id: kremlin}
    doc._.cq_mentions = [MentionInfo(0, 1, kremlin.id, "name", 0, len("Кремль"), "Кремль")]
    index_mentions(doc)
    RussianQuotes()(doc)
    [quote] = doc._.cq_quotes
    assert doc.text[quote.start_char : quote.end_char] == "Стороны обсудили энергетику"
    assert (quote.speaker, quote.speaker_mention, quote.direct, quote.rule) == (
        "Q_kremlin", (0, len("Кремль")), False, "trailing")
    sentence = doc.text[quote.evidence[0] : quote.evidence[1]]
    assert sentence == "Стороны обсудили энергетику, — говорится в сообщении."


def test_ru_quotes_evidence_is_the_sentence_and_about_lists_actors_in_the_words(analyze) -> None:
    text = "Погода была хорошей. Сергей Лавров заявил, что Владимир Путин посетит Ташкент."
    analysis = analyze(text, published=DAY)
    [quote] = analysis.quotes
    assert quote.evidence.text == "Сергей Лавров заявил, что Владимир Путин посетит Ташкент."
    assert quote.cue == "заявил"
    assert "Vladimir Putin" in {analysis.actor(a).name for a in quote.about}


def test_ru_quotes_find_leaves_a_text_without_speech_alone(ru_nlp) -> None:
    assert find(ru_nlp("Погода в Астане была тёплой.")) == []
    assert find(ru_nlp("")) == []


@pytest.mark.parametrize("text, spans", [
    ("«Один „два“ три» и „четыре“", ["Один „два“ три", "четыре"]),
    ('Он сказал "да" и ушёл', ["да"]),
    ("«Не закрыта\n» и «закрыта»", ["закрыта"]),
    ("«» без слов", [""]),
    ("«Он сказал \"да и ушёл» домой", ["Он сказал \"да и ушёл"]),  # a straight mark left open
    ("«Без конца «внутри» и дальше", ["внутри"]),
])
def test_ru_quotes_quoted_spans_take_outermost_pairs_within_a_line(text, spans) -> None:
    assert [text[s:e] for s, e in quoted_spans(text)] == spans


def test_ru_quotes_trim_drops_the_comma_and_a_reported_full_stop() -> None:
    text = "— Мы готовы,"
    assert text[slice(*trim(text, 0, len(text)))] == "Мы готовы"
    assert "Мы готовы."[slice(*trim("Мы готовы.", 0, 10, keep_stop=True))] == "Мы готовы."
    assert "Мы готовы."[slice(*trim("Мы готовы.", 0, 10))] == "Мы готовы"


def test_ru_quotes_lexicon_holds_lemmas_and_keeps_acts_out_of_cues() -> None:
    lexicon = speech()
    assert {"заявить", "сообщить", "говориться", "считать"} <= lexicon.verbs
    assert {"поблагодарить", "поздравить", "призвать"} <= lexicon.acts
    assert not (lexicon.acts & lexicon.verbs)
    assert "источник" in lexicon.anonymous and "слово" in lexicon.according


@pytest.mark.parametrize("text, speakers", [
    ("Консультации пройдут в Минске, сообщил журналистам Сергей Лавров. "
     "Затем состоится саммит, который откроет Владимир Путин, добавил он.",
     ["Sergey Lavrov", "Sergey Lavrov"]),
    ("Консультации пройдут в Минске, сообщил журналистам Сергей Лавров. По его словам, стороны близки к соглашению.",
     ["Sergey Lavrov", "Sergey Lavrov"]),
    ("«Сроки согласованы», — сказал Сергей Лавров. «Документ будет подписан в мае», — подчеркнул дипломат.",
     ["Sergey Lavrov", "Sergey Lavrov"]),
])
def test_ru_quotes_a_pronoun_or_title_right_after_a_quote_is_its_speaker(analyze, text, speakers) -> None:
    assert [q[3] for q in quotes(analyze, text)] == speakers


def test_ru_quotes_a_pronoun_of_the_other_gender_is_not_the_last_speaker(analyze) -> None:
    text = ("Владимир Путин прибыл в Минск. Консультации пройдут осенью, сообщила Мария Захарова. "
            "По его словам, визит будет коротким.")
    found = quotes(analyze, text)
    assert [q[0] for q in found] == ["trailing", "according"]
    assert found[0][3] == "Maria Zakharova" and found[1][3] != "Maria Zakharova"


@pytest.mark.parametrize("text, expected", [
    ("Было заявлено Сергеем Лавровым, что консультации продолжатся.",
     ("that", "консультации продолжатся", "Sergey Lavrov")),
    ("Как было отмечено Марией Захаровой, визит готовится.",
     ("as", "визит готовится", "Maria Zakharova")),
    ("Визит в Минск отложен. Об этом было сообщено Сергеем Лавровым.",
     ("this", "Визит в Минск отложен", "Sergey Lavrov")),
])
def test_ru_quotes_the_agent_of_a_passive_cue_speaks(analyze, text, expected) -> None:
    rule, words, speaker = expected
    assert [(q[0], q[2], q[3]) for q in quotes(analyze, text)] == [(rule, words, speaker)]


def test_ru_quotes_a_dash_line_after_an_announcing_line(analyze) -> None:
    text = "Сергей Лавров заявил:\n— Мы готовы к новому раунду консультаций."
    assert quotes(analyze, text) == [
        ("dash_line", True, "Мы готовы к новому раунду консультаций.", "Sergey Lavrov", "Сергей Лавров")]


def test_ru_quotes_a_document_published_by_a_body_speaks_for_it(analyze) -> None:
    text = "«Стороны подтвердили договорённости», — говорится в сообщении, опубликованном на сайте Кремля."
    [(rule, direct, words, _speaker, mention)] = quotes(analyze, text)
    assert (rule, direct, words) == ("direct", True, "Стороны подтвердили договорённости")
    assert mention is not None and "Кремл" in mention


@pytest.mark.parametrize("text, expected", [
    ("Владимир Путин поблагодарил Касым-Жомарта Токаева за приём, отметив, что переговоры прошли успешно.",
     ("переговоры прошли успешно", "Vladimir Putin")),  # the gerund's speaker is its clause's subject
    ("Сергей Лавров не исключил, что встреча состоится осенью.", ("встреча состоится осенью", "Sergey Lavrov")),
    ("Мария Захарова уверена, что диалог продолжится.", ("диалог продолжится", "Maria Zakharova")),
])
def test_ru_quotes_gerunds_and_beliefs_report_content(analyze, text, expected) -> None:
    assert [(q[0], q[2], q[3]) for q in quotes(analyze, text)] == [("that", *expected)]


@pytest.mark.parametrize("text, direct, words", [
    ("Сергей Лавров заявил, что «Россия не отступит от своих принципов».", True,
     "Россия не отступит от своих принципов"),
    ("Сергей Лавров заявил, что Россия «не отступит» от своих принципов.", False,
     "Россия «не отступит» от своих принципов"),
])
def test_ru_quotes_reported_content_wholly_in_quotation_marks_is_direct(analyze, text, direct, words) -> None:
    assert [(q[0], q[1], q[2]) for q in quotes(analyze, text)] == [("that", direct, words)]
