"""Property-based tests (hypothesis) of reading and analysis (issue 14).

Whatever the text: only communique's own errors escape; every offset lies inside the text and
cuts out exactly the words the record gives; the output validates against `communique schema`.
The fast suite tries a modest number of examples; CI (CI=true) tries many more.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique import ingest
from communique.errors import CommuniqueError, InputError
from communique.extract import Pipeline
from communique.records import Analysis, Article, analysis_json_schema
from communique.sources import _record_from_line

IN_CI = bool(os.environ.get("CI"))
#: examples per property: analysis loads spaCy's whole pipeline per text, reading does not
ANALYSIS_EXAMPLES = 200 if IN_CI else 30
READING_EXAMPLES = 500 if IN_CI else 100

SCHEMA = analysis_json_schema()

# Pieces of political news English, with the punctuation and marks quote rules key on.
NAMES = ["Vladimir Putin", "Putin", "Kassym-Jomart Tokayev", "Tokayev", "Emmanuel Macron", "Macron",
         "the president", "the Kremlin", "Russia", "Kazakhstan", "he", "she", "they", "Dr. Smith"]
CUES = ["said", "told reporters", "added", "according to", "warned", "praised", "criticised", "said that",
        "announced", "denied", "noted", "stressed"]
WORDS = ["met", "talks", "visit", "in", "Moscow", "Astana", "on Monday", "last week", "the two leaders",
         "agreed", "on", "trade", "a meeting", "will", "hold", "phone call", "with", "and", "at the request of",
         "Prime Minister", "President", "Foreign Minister", "of", "the", "summit", "2024", "January 7"]
MARKS = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb", ".", ",", ";", ":", "\u2014",
         "-", "(", ")", "?", "!", "\n", "\n\n", "...", "\u2026"]

pieces = st.one_of(
    st.sampled_from(NAMES), st.sampled_from(CUES), st.sampled_from(WORDS), st.sampled_from(MARKS),
    st.text(max_size=12),  # any Unicode at all, now and then
)
news_like = st.lists(st.tuples(pieces, st.sampled_from([" ", "", " ", "\n", "  "])), max_size=60).map(
    lambda parts: "".join(p + sep for p, sep in parts)
)
texts = st.one_of(news_like, st.text(max_size=400))


def assert_sound(analysis: Analysis, text: str) -> None:
    """Every offset inside the text; every record's words equal to the text at its offsets."""
    spans = [(m.start, m.end, m.text) for a in analysis.actors for m in a.mentions]
    spans += [(q.start, q.end, q.text) for q in analysis.quotes]
    spans += [(q.speaker_mention.start, q.speaker_mention.end, q.speaker_mention.text)
              for q in analysis.quotes if q.speaker_mention]
    evidence = [q.evidence for q in analysis.quotes] + [r.evidence for r in analysis.roles]
    evidence += [e.evidence for e in analysis.events] + [m for e in analysis.events for m in e.more_evidence]
    spans += [(ev.start, ev.end, ev.text) for ev in evidence]
    for start, end, words in spans:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        assert text[start:end] == words, (start, end, words)


def _analyse(pipeline: Pipeline, text: str, published: dt.date | None) -> Analysis | None:
    try:
        return pipeline.analyze(Article(text=text, published=published, source="<hypothesis>"))
    except CommuniqueError:
        return None  # our own error, with its message: allowed


@settings(max_examples=ANALYSIS_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_properties_analysis_offsets_and_schema(pipeline: Pipeline, text: str, published: dt.date | None) -> None:
    analysis = _analyse(pipeline, text, published)
    if analysis is None:
        return
    assert_sound(analysis, text)
    jsonschema.validate(json.loads(analysis.to_json()), SCHEMA)


@settings(max_examples=READING_EXAMPLES, deadline=None)
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)))
def test_properties_reading_bytes_raises_only_input_errors(data: bytes) -> None:
    for read in (ingest.article_from_text, ingest.article_from_html):
        try:
            article = read(data, "<bytes>")
        except InputError as exc:
            assert exc.source == "<bytes>" and "\n" not in exc.problem
            continue
        assert article.text.strip()


markup = st.lists(
    st.one_of(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<nav>", "<a href='/'>", "</a>", "<html>", "<body>",
                               "<article>", "</article>", "<script>", "</script>", "<!--", "-->", "<br/>", "&amp;",
                               "&#0;", "<h1>", "</h1>", "<table><tr><td>"]),
              st.sampled_from(NAMES + CUES + WORDS + MARKS), st.text(max_size=10)),
    max_size=80,
).map(" ".join)


@settings(max_examples=READING_EXAMPLES, deadline=None)
@given(html=markup)
def test_properties_reading_markup_raises_only_input_errors(html: str) -> None:
    try:
        article = ingest.article_from_html(html, "<html>")
    except InputError as exc:
        assert exc.source == "<html>"
        return
    assert article.text.strip()


records = st.one_of(
    st.binary(max_size=300),
    st.dictionaries(st.sampled_from(["text", "html", "url", "title", "published", "outlet", "x"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=200), st.lists(st.integers(), max_size=3)),
                    max_size=5).map(lambda r: json.dumps(r).encode()),
)


@settings(max_examples=READING_EXAMPLES, deadline=None)
@given(line=records)
def test_properties_archive_lines_raise_only_input_errors(line: bytes) -> None:
    try:
        article = _record_from_line(line, "archive.jsonl:1")
    except InputError as exc:
        assert exc.source == "archive.jsonl:1"
        return
    assert article.text.strip()


@pytest.mark.parametrize("text", ["  Putin met Tokayev in Astana on Monday.  \n\n", "\u201c\u201c\u201d said Macron . \n"])
def test_properties_examples_found_before(pipeline: Pipeline, text: str) -> None:
    analysis = _analyse(pipeline, text, None)
    assert analysis is not None
    assert_sound(analysis, text)
