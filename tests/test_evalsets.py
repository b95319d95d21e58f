"""The public-benchmark scorers, on small files in each benchmark's format that we wrote ourselves.

``analyze`` is replaced by a double that returns hand-built ``Analysis`` objects, so these tests
need no spaCy model.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable

import pytest

from communique import evalsets
from communique.errors import EvaluationError
from communique.evalsets._common import country_of_code
from communique.evalsets.petr import read_petr
from communique.evalsets.plover import normalise_plover, read_plover
from communique.evalsets.polnear import quote_kind, read_brat
from communique.records import (
    Actor,
    Analysis,
    Article,
    ArticleInfo,
    Event,
    Evidence,
    PipelineInfo,
    Quote,
    Span,
)

FIXTURES = Path(__file__).parent / "fixtures" / "evalsets"
POLNEAR = FIXTURES / "polnear"
PLOVER = FIXTURES / "plover.json"
PETR = FIXTURES / "petr.xml"


# ---------------------------------------------------------------------------- helpers


def make_analysis(
    article: Article,
    quotes: list[Quote] | None = None,
    events: list[Event] | None = None,
    actors: list[Actor] | None = None,
) -> Analysis:
    return Analysis(
        pipeline=PipelineInfo(version="test", model="none", kb="none"),
        article=ArticleInfo(id=article.id),
        quotes=quotes or [],
        events=events or [],
        actors=actors or [],
    )


def quote(text: str, content: str, speaker: str | None, nth_speaker: int = 0) -> Quote:
    """A quote whose content and speaker mention are found in ``text`` by string search."""
    start = text.index(content)
    mention = None
    if speaker is not None:
        at = -1
        for _ in range(nth_speaker + 1):
            at = text.index(speaker, at + 1)
        mention = Span(start=at, end=at + len(speaker), text=speaker)
    return Quote(
        speaker=None,
        speaker_mention=mention,
        text=content,
        start=start,
        end=start + len(content),
        direct=content.startswith('"'),
        cue=None,
        rule="test",
        evidence=Evidence(start=start, end=start + len(content), text=content),
    )


def event(plover: str, cameo_code: str, source: list[str], target: list[str], mode: str | None = None) -> Event:
    return Event(
        plover=plover,
        mode=mode,
        cameo=cameo_code,
        source=source,
        target=target,
        participants=source + target,
        evidence=Evidence(start=0, end=1, text="x"),
        confidence=1.0,
    )


def country(iso3: str, cameo_code: str | None = None) -> Actor:
    codes = {"cameo": cameo_code} if cameo_code else {}
    return Actor(id=f"c-{iso3}", name=iso3, kind="country", country=iso3, codes=codes)


def by_text(answers: dict[str, Callable[[Article], Analysis]]) -> Callable[[Article], Analysis]:
    """A fake ``analyze``: looks the article's text up (by a fragment) and builds its answer."""

    def analyze(article: Article) -> Analysis:
        for fragment, build in answers.items():
            if fragment in article.text:
                return build(article)
        return make_analysis(article)

    return analyze


OKAFOR_TEXT = (POLNEAR / "okafor.txt").read_bytes().decode("utf-8")
INDIRECT = "the talks with Valdoria would resume in May"
DIRECT_A = '"We are ready to meet them halfway,"'
DIRECT_B = '"and nothing is off the table."'


# ---------------------------------------------------------------------------- PolNeAR


def test_read_brat_relations_kinds_and_discontinuous_content() -> None:
    gold = read_brat(POLNEAR / "okafor.ann", OKAFOR_TEXT)
    assert [g.id for g in gold] == ["E1", "E2"]
    indirect, direct = gold
    assert indirect.kind == "indirect"
    assert direct.kind == "direct"
    assert len(direct.content) == 2
    assert [OKAFOR_TEXT[a:b] for a, b in direct.content] == [DIRECT_A, DIRECT_B]
    assert [OKAFOR_TEXT[a:b] for a, b in direct.source] == ["she"]


def test_read_brat_refuses_offsets_that_do_not_match_the_text(tmp_path: Path) -> None:
    ann = (POLNEAR / "okafor.ann").read_text(encoding="utf-8")
    (tmp_path / "okafor.ann").write_text(ann.replace("Content 34 77", "Content 35 78"))
    with pytest.raises(EvaluationError, match="T3"):
        read_brat(tmp_path / "okafor.ann", OKAFOR_TEXT)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('"We will win," ', "direct"),
        ("“We will win.”", "direct"),
        ("that the plan was “dead on arrival” in Congress", "mixed"),
        ("that the plan was dead on arrival", "indirect"),
        ("''We will win''", "direct"),
        ("a true ''genius''", "mixed"),
        ("a ``fair'' deal for all", "mixed"),
        ("the end of it,”", "direct"),  # a closing mark alone: the quote began before the span
    ],
)
def test_quote_kind(text: str, kind: str) -> None:
    assert quote_kind(text, [(0, len(text))]) == kind


def test_quote_kind_counts_quote_marks_just_outside_the_span() -> None:
    text = 'He said: "We will win." Then he left.'
    start = text.index("We")
    assert quote_kind(text, [(start, text.index('."') + 1)]) == "direct"


def perfect_polnear(article: Article) -> Analysis:
    text = article.text
    return make_analysis(
        article,
        quotes=[
            quote(text, INDIRECT, "Foreign Minister Lena Okafor"),
            quote(text, DIRECT_A, "she"),
        ],
    )


def test_polnear_perfect_analysis_scores_one() -> None:
    result = evalsets.score_polnear(POLNEAR, by_text({"Okafor": perfect_polnear}))
    assert result.articles == 1
    for prf in (result.full, result.content_only):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert result.recall_by_kind["direct"].to_dict() == {"hits": 1, "total": 1, "value": 1.0}
    assert result.recall_by_kind["indirect"].value == 1.0
    assert result.recall_by_kind["mixed"].total == 0
    assert not result.errors


def test_polnear_several_quotes_may_match_one_relation() -> None:
    def answer(article: Article) -> Analysis:
        text = article.text
        return make_analysis(article, quotes=[quote(text, DIRECT_A, "she"), quote(text, DIRECT_B, "she")])

    result = evalsets.score_polnear(POLNEAR, by_text({"Okafor": answer}))
    assert (result.full.correct, result.full.predicted) == (2, 2)
    assert (result.full.found, result.full.gold) == (1, 2)
    assert result.full.precision == 1.0 and result.full.recall == 0.5


def test_polnear_wrong_speaker_is_a_false_positive_but_right_content() -> None:
    def answer(article: Article) -> Analysis:
        return make_analysis(article, quotes=[quote(article.text, INDIRECT, "Valdoria")])

    result = evalsets.score_polnear(POLNEAR, by_text({"Okafor": answer}))
    assert (result.full.correct, result.full.predicted, result.full.found) == (0, 1, 0)
    assert result.full.precision == 0.0
    assert (result.content_only.correct, result.content_only.found) == (1, 1)


def test_polnear_quote_matching_nothing_is_a_false_positive() -> None:
    def answer(article: Article) -> Analysis:
        return make_analysis(
            article,
            quotes=[quote(article.text, INDIRECT, "Foreign Minister Lena Okafor"),
                    quote(article.text, "she told reporters", "she")],
        )

    result = evalsets.score_polnear(POLNEAR, by_text({"Okafor": answer}))
    assert (result.full.correct, result.full.predicted) == (1, 2)
    assert result.content_only.precision == 0.5
    assert result.full.recall == 0.5


def test_polnear_split_layout_and_second_annotator(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    shutil.copy(POLNEAR / "okafor.txt", tmp_path / "text" / "okafor.txt")
    shutil.copy(POLNEAR / "okafor.ann", tmp_path / "attributions" / "okafor_ab12.ann")
    shutil.copy(POLNEAR / "okafor.ann", tmp_path / "attributions" / "okafor_cd34.ann")
    result = evalsets.score_polnear(tmp_path, by_text({"Okafor": perfect_polnear}))
    assert result.articles == 1
    assert result.skipped_annotations == 1
    assert result.full.f1 == 1.0


def test_polnear_failing_article_is_recorded_and_scored_empty() -> None:
    def broken(article: Article) -> Analysis:
        raise RuntimeError("model exploded")

    result = evalsets.score_polnear(POLNEAR, broken)
    assert result.articles == 1
    assert len(result.errors) == 1 and "model exploded" in result.errors[0]
    assert (result.full.predicted, result.full.gold, result.full.recall) == (0, 2, 0.0)


def test_polnear_missing_folder_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError):
        evalsets.score_polnear(tmp_path / "nope", perfect_polnear)
    with pytest.raises(EvaluationError, match="no brat"):
        evalsets.score_polnear(tmp_path, perfect_polnear)


def test_polnear_result_to_dict_and_render() -> None:
    result = evalsets.score_polnear(POLNEAR, by_text({"Okafor": perfect_polnear}))
    data = result.to_dict()
    json.dumps(data)
    assert data["full"]["f1"] == 1.0
    assert data["recall_by_kind"]["direct"]["value"] == 1.0
    table = result.render()
    assert "content + source" in table and "indirect" in table and "1.000" in table


# ---------------------------------------------------------------------------- PLOVER GSR


def test_read_plover_maps_old_names_and_host_mode() -> None:
    gold = {g.id: g for g in read_plover(PLOVER)}
    assert "TEST-DOCUMENT-0001" not in gold
    consult = gold["TEST-CONSULT-0001"]
    assert (consult.plover, consult.mode) == ("CONSULT", "visit")
    assert (consult.source_country, consult.target_country) == ("DEU", "FRA")  # host: roles swap
    accuse = gold["TEST-DISAPPROVE-0001"]
    assert (accuse.plover, accuse.mode) == ("ACCUSE", "disapprove")
    assert (accuse.source_country, accuse.target_country) == ("JPN", "ITA")  # CAMEO codes → ISO3
    assault = gold["TEST-FIGHT-0001"]
    assert assault.plover == "ASSAULT"
    assert (assault.has_source, assault.source_country, assault.has_target) == (True, None, False)


@pytest.mark.parametrize(
    ("old", "new"),
    [("DEMAND", ("REQUEST", None)), ("INVESTIGATE", ("ACCUSE", "investigate")),
     ("FIGHT", ("ASSAULT", None)), ("AGREE", ("AGREE", None))],
)
def test_normalise_plover_names(old: str, new: tuple[str, str | None]) -> None:
    gold = normalise_plover({"id": "x", "event": old, "text": "t", "source": [], "target": []})
    assert (gold.plover, gold.mode) == new


def perfect_plover() -> Callable[[Article], Analysis]:
    fra, deu, jpn, ita, kenya = country("FRA"), country("DEU"), country("JPN"), country("ITA"), country("KEN")
    un = Actor(id="un", name="United Nations", kind="organization", codes={"cameo": "IGOUNO"})
    return by_text(
        {
            "French president": lambda a: make_analysis(
                a, events=[event("CONSULT", "042", ["c-DEU"], ["c-FRA"], mode="visit")], actors=[fra, deu]
            ),
            "Japan criticised": lambda a: make_analysis(
                a, events=[event("ACCUSE", "111", ["c-JPN"], ["c-ITA"], mode="disapprove")], actors=[jpn, ita]
            ),
            "peacekeepers": lambda a: make_analysis(
                a, events=[event("ASSAULT", "190", ["un"], ["c-KEN"])], actors=[un, kenya]
            ),
        }
    )


def test_plover_perfect_analysis_scores_one() -> None:
    result = evalsets.score_plover(PLOVER, perfect_plover())
    assert result.records == 3
    assert result.macro_f1 == 1.0
    assert result.micro.f1 == 1.0
    assert set(result.by_type) == {"CONSULT", "ACCUSE", "ASSAULT"}
    assert result.source_country.value == 1.0 and result.source_country.total == 3
    assert result.target_country.total == 2 and result.target_country.value == 1.0
    assert result.consult_mode.to_dict() == {"hits": 1, "total": 1, "value": 1.0}


def test_plover_wrong_type_wrong_country_and_mode() -> None:
    fra, deu = country("FRA"), country("DEU")
    analyze = by_text(
        {
            # host coded as the host visiting: roles and mode wrong
            "French president": lambda a: make_analysis(
                a, events=[event("CONSULT", "040", ["c-FRA"], ["c-DEU"], mode=None)], actors=[fra, deu]
            ),
            "Japan criticised": lambda a: make_analysis(a, events=[event("THREATEN", "130", [], [])]),
        }
    )
    result = evalsets.score_plover(PLOVER, analyze)
    assert result.by_type["CONSULT"].f1 == 1.0
    assert result.by_type["ACCUSE"].recall == 0.0
    assert result.by_type["THREATEN"].precision == 0.0
    assert "THREATEN" not in result.to_dict()["macro"]["types"]
    assert result.macro_recall == pytest.approx(1 / 3)
    assert (result.source_country.hits, result.source_country.total) == (0, 1)
    assert (result.consult_mode.hits, result.consult_mode.total) == (0, 1)
    assert "not in gold" in result.render()


# ---------------------------------------------------------------------------- PETR2 GSR


def test_read_petr_is_lenient_about_self_closed_sentences() -> None:
    sentences = read_petr(PETR)
    assert [s.id for s in sentences] == ["TEST_1", "TEST_2"]
    first, second = sentences
    assert first.text == "French ministers visited Germany and Italy & met their counterparts."
    assert first.codings == (("FRAGOV", "DEU", "042"), ("FRAGOV", "ITA", "042"))
    assert str(first.date) == "2024-01-05"
    assert second.codings == ()


def petr_answer(code: str) -> Callable[[Article], Analysis]:
    france = Actor(id="fra-gov", name="French ministers", kind="group", country="FRA", codes={"cameo": "FRAGOV"})
    return by_text(
        {
            "French ministers": lambda a: make_analysis(
                a,
                events=[event("CONSULT", code, ["fra-gov"], ["c-DEU", "c-ITA"], mode="visit")],
                actors=[france, country("DEU"), country("ITA")],
            )
        }
    )


def test_petr_perfect_analysis_scores_one() -> None:
    result = evalsets.score_petr(PETR, petr_answer("042"))
    assert result.sentences == 2
    assert (result.full_code.precision, result.full_code.recall) == (1.0, 1.0)
    assert result.root.f1 == 1.0
    assert "full CAMEO code" in result.render()


def test_petr_root_agrees_when_the_full_code_does_not() -> None:
    result = evalsets.score_petr(PETR, petr_answer("043"))
    assert result.root.f1 == 1.0
    assert result.full_code.f1 == 0.0
    assert result.to_dict()["full_code"]["predicted"] == 2


def test_petr_event_in_a_sentence_without_events_is_a_false_positive() -> None:
    analyze = by_text({"weather": lambda a: make_analysis(a, events=[event("CONSULT", "040", [], [])])})
    result = evalsets.score_petr(PETR, analyze)
    assert (result.root.correct, result.root.predicted, result.root.gold) == (0, 1, 2)


@pytest.mark.parametrize(
    ("code", "iso3"),
    [("RUSGOV", "RUS"), ("USA", "USA"), ("---LEG", None), ("IGOEUREEC", None), ("JAP", "JPN"), ("", None)],
)
def test_country_of_cameo_actor_code(code: str, iso3: str | None) -> None:
    assert country_of_code(code) == iso3


def test_public_scorers_are_exported() -> None:
    assert evalsets.__all__ == ["score_polnear", "score_plover", "score_petr"]


def test_polnear_skip_leaves_out_the_first_articles() -> None:
    result = evalsets.score_polnear(POLNEAR, by_text({"Okafor": perfect_polnear}), skip=1)
    assert result.articles == 0 and result.full.gold == 0
    with pytest.raises(EvaluationError, match="--skip"):
        evalsets.score_polnear(POLNEAR, by_text({"Okafor": perfect_polnear}), skip=-1)


def test_polnear_every_keeps_each_nth_article_after_skip(tmp_path: Path) -> None:
    for name in ("a1", "a2", "a3", "a4", "a5"):
        shutil.copy(POLNEAR / "okafor.txt", tmp_path / f"{name}.txt")
        shutil.copy(POLNEAR / "okafor.ann", tmp_path / f"{name}.ann")
    seen: list[str] = []

    def analyze(article: Article) -> Analysis:
        seen.append(article.source or "")
        return perfect_polnear(article)

    assert evalsets.score_polnear(tmp_path, analyze, every=2).articles == 3
    assert seen == ["a1.txt", "a3.txt", "a5.txt"]
    seen.clear()
    assert evalsets.score_polnear(tmp_path, analyze, skip=1, every=2, limit=1).articles == 1
    assert seen == ["a2.txt"]
    with pytest.raises(EvaluationError, match="--every"):
        evalsets.score_polnear(tmp_path, analyze, every=0)
