"""The Russian pipeline's carrier and routing: natasha's annotations in a spaCy Doc, languages told
apart, Russian articles sent to the Russian pipeline and English ones never loading it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from communique import Pipeline
from communique.ingest import check_language, detect_language
from communique.errors import UnsupportedLanguageError
from communique.records import Article

# sentences written for these tests
RUSSIAN = (
    "Министр иностранных дел Армении в среду встретился в Ереване с послом Франции.\n"
    "Стороны обсудили подготовку  визита делегации парламента.\n\n"
    "«Мы ждём гостей в апреле», — сказал министр журналистам."
)
UKRAINIAN = "Міністр закордонних справ України зустрівся у Києві з послом Франції. Сторони обговорили підготовку візиту."
KAZAKH = "Қазақстан Республикасының Президенті Астанада Франция елшісімен кездесті. Тараптар сапарды талқылады."
BELARUSIAN = "Міністр замежных спраў Беларусі сустрэўся ў Мінску з паслом Францыі. Бакі абмеркавалі падрыхтоўку."


@pytest.fixture(scope="module")
def ru_nlp(pipeline: Pipeline):
    return pipeline.nlp_for("ru")


def test_carrier_keeps_the_text_and_every_offset(ru_nlp) -> None:
    for text in (RUSSIAN, "", "   ", "\n\nОдно слово", "  Пробелы  в начале и в конце  "):
        doc = ru_nlp.make_doc(text)
        assert doc.text == text
        for token in doc:
            assert text[token.idx : token.idx + len(token.text)] == token.text


def test_carrier_sentences_end_at_line_breaks_and_full_stops(ru_nlp) -> None:
    doc = ru_nlp.make_doc(RUSSIAN)
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts == ["Министр", "Стороны", "«"]


def test_carrier_gives_parts_of_speech_lemmas_cases_and_a_tree(ru_nlp) -> None:
    doc = ru_nlp.make_doc(RUSSIAN)
    met = next(t for t in doc if t.text == "встретился")
    assert met.pos_ == "VERB" and met.lemma_ == "встретиться"
    subject = next(t for t in met.children if t.dep_ == "nsubj")
    assert subject.text == "Министр"
    ambassador = next(t for t in doc if t.text == "послом")
    assert ambassador.lemma_ == "посол" and ambassador.morph.get("Case") == ["Ins"]
    said = next(t for t in doc if t.text == "сказал")
    assert said.lemma_ == "сказать" and said.morph.get("Gender") == ["Masc"]
    for sent in doc.sents:  # one root per sentence, every head inside its sentence
        words = [t for t in sent if not t.is_space]
        assert sum(t.dep_ == "ROOT" for t in words) == 1
        assert all(sent.start <= t.head.i < sent.end for t in sent)


def test_carrier_finds_people_and_places(ru_nlp) -> None:
    doc = ru_nlp.make_doc("Канцлер Германии Фридрих Мерц прилетел в Варшаву.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Фридрих Мерц", "PERSON") in ents
    assert ("Германии", "GPE") in ents and ("Варшаву", "GPE") in ents


@pytest.mark.parametrize(("text", "language"), [
    (RUSSIAN, "ru"), (UKRAINIAN, "uk"), (KAZAKH, "kk"), (BELARUSIAN, "be"),
    ("The foreign minister met the French ambassador in Yerevan on Wednesday.", "en"),
])
def test_cyrillic_languages_are_told_apart(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_russian_is_analysed_and_other_cyrillic_languages_are_refused() -> None:
    assert check_language(RUSSIAN, "a.txt") == "ru"
    with pytest.raises(UnsupportedLanguageError) as info:
        check_language(UKRAINIAN, "b.txt")
    assert info.value.source == "b.txt" and "'uk'" in info.value.problem


def test_russian_text_goes_to_the_russian_pipeline(pipeline: Pipeline) -> None:
    analysis = pipeline.analyze(Article(text=RUSSIAN, source="<test>"))
    assert analysis.article.language == "ru"
    assert analysis.pipeline.model.startswith("ru_natasha")
    english = pipeline.analyze(Article(text="The minister met the ambassador in Yerevan.", source="<test>"))
    assert english.article.language == "en" and not english.pipeline.model.startswith("ru_")


def test_mixed_batches_keep_input_order(pipeline: Pipeline) -> None:
    articles = [
        Article(text="The minister met the ambassador in Yerevan on Monday.", source="en-1"),
        Article(text=RUSSIAN, source="ru-1"),
        Article(text=RUSSIAN.replace("Армении", "Грузии").replace("Ереване", "Тбилиси"), source="ru-2"),
        Article(text="The president spoke to the chancellor by phone.", source="en-2"),
    ]
    results = list(pipeline.analyze_many(articles))
    assert [a.source for a, _ in results] == ["en-1", "ru-1", "ru-2", "en-2"]
    assert [r.article.language for _, r in results] == ["en", "ru", "ru", "en"]  # type: ignore[union-attr]


def test_english_runs_never_load_natasha() -> None:
    code = (
        "import sys; from communique import Pipeline; "
        "Pipeline().analyze_text('The minister met the ambassador in Yerevan.'); "
        "print('natasha' in sys.modules, 'communique.ru.carrier' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
