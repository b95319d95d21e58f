"""Shared helpers for the store, batch and export tests: real back ends and a hand-built corpus.

Kept out of conftest so that the store suite can be read on its own; the fixtures are imported
by name in each test module.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote as url_quote

import pytest

from communique.records import (
    Actor, Analysis, Article, ArticleInfo, Event, Evidence, PipelineInfo, Quote, Role, Span,
)
from communique.store import Store, open_store

PG_URL = os.environ.get("COMMUNIQUE_TEST_PG")
PIPELINE = PipelineInfo(version="0.3.0", model="test", kb="2026-01-01")

PUTIN = Actor(id="Q7747", name="Vladimir Putin", kind="person", country="RUS", codes={"cameo": "RUSGOV"})
NAZARBAYEV = Actor(id="Q10182", name="Nursultan Nazarbayev", kind="person", country="KAZ")
TOKAYEV = Actor(id="Q380759", name="Kassym-Jomart Tokayev", kind="person", country="KAZ")
LUKASHENKO = Actor(id="Q167", name="Alexander Lukashenko", kind="person", country="BLR")


def pg_url_or_skip() -> str:
    """The test PostgreSQL URL; in CI a missing server is an error, not a skip."""
    if PG_URL:
        return PG_URL
    if os.environ.get("CI"):
        pytest.fail("COMMUNIQUE_TEST_PG is not set in CI; run `eval \"$(.ci/pg-setup.sh)\"` first")
    pytest.skip("COMMUNIQUE_TEST_PG is not set (run `eval \"$(.ci/pg-setup.sh)\"`)")


def pg_schema_url(base: str, schema: str) -> str:
    """A URL whose connections use their own schema, so tests never see each other's rows."""
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={url_quote(f'-csearch_path={schema}')}"


def make_pg_schema() -> tuple[str, str]:
    import psycopg

    base = pg_url_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return pg_schema_url(base, schema), schema


def drop_pg_schema(schema: str) -> None:
    import psycopg

    assert PG_URL
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def empty_store_url(dialect: str, folder: object, name: str = "store") -> Iterator[str]:
    """The URL of a fresh, empty store: a file in ``folder``, or a PostgreSQL schema dropped afterwards."""
    if dialect == "sqlite":
        yield f"sqlite:///{folder}/{name}.db"
        return
    url, schema = make_pg_schema()
    try:
        yield url
    finally:
        drop_pg_schema(schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    """A fresh, empty store URL on each back end."""
    with empty_store_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


def ev(text: str, full: str) -> Evidence:
    start = full.index(text)
    return Evidence(start=start, end=start + len(text), text=text)


def make_article(text: str, *, outlet: str, published: dt.date | None, url: str | None = None) -> Article:
    return Article(text=text, title=text.split(".")[0], outlet=outlet, published=published, url=url,
                   source=url or f"{outlet}.txt")


def analysis_for(
    article: Article,
    *,
    actors: list[Actor],
    events: list[Event] = (),  # type: ignore[assignment]
    quotes: list[Quote] = (),  # type: ignore[assignment]
    roles: list[Role] = (),  # type: ignore[assignment]
    pipeline: PipelineInfo = PIPELINE,
) -> Analysis:
    with_mentions = []
    for actor in actors:
        last = actor.name.split()[-1]
        at = article.text.find(last)
        mentions = [Span(start=at, end=at + len(last), text=last)] if at >= 0 else []
        with_mentions.append(actor.model_copy(update={"mentions": mentions}))
    return Analysis(
        pipeline=pipeline,
        article=ArticleInfo(id=article.id, url=article.url, title=article.title, outlet=article.outlet,
                            published=article.published),
        actors=with_mentions, events=list(events), quotes=list(quotes), roles=list(roles),
    )


def meeting(sentence: str, text: str, people: list[str], *, date: dt.date | None = None,
            kind: str = "meeting", formality: str = "unspecified", initiator: str | None = None,
            status: str = "held") -> Event:
    return Event(plover="CONSULT", cameo="043" if status == "held" else "036", kind=kind,  # type: ignore[arg-type]
                 participants=people, formality=formality, initiator=initiator,  # type: ignore[arg-type]
                 status=status, date=date, date_text=None, evidence=ev(sentence, text),  # type: ignore[arg-type]
                 confidence=0.8)


def quote(words: str, sentence: str, text: str, speaker: str, *, about: list[str] = ()) -> Quote:  # type: ignore[assignment]
    start = text.index(words)
    return Quote(speaker=speaker, speaker_mention=None, text=words, start=start, end=start + len(words),
                 direct=True, cue="said", rule="test", about=list(about), evidence=ev(sentence, text))


# Three outlets report one Putin-Nazarbayev meeting; the second also carries Putin's praise.
MEETING_DAY = dt.date(2025, 1, 4)

TEXT_A = (
    "Putin and Nazarbayev met in Saint Petersburg on Saturday at Nazarbayev's urgent request. "
    "Putin said Nazarbayev was \"an experienced politician and a pioneer of Eurasian integration\"."
)
TEXT_B = (
    "Vladimir Putin held informal talks with Nursultan Nazarbayev on January 4. "
    "\"He is an experienced politician and a pioneer of Eurasian integration,\" Putin said."
)
TEXT_C = (
    "The Kremlin said Putin received Nazarbayev over the weekend. Lukashenko was not present. "
    "Tokayev, the President of Kazakhstan, said relations were \"strong and steady\"."
)


def corpus() -> list[tuple[Article, Analysis]]:
    """Three articles about one meeting, from three outlets, published over three days."""
    a = make_article(TEXT_A, outlet="Tengri", published=dt.date(2025, 1, 5), url="https://tengri.example/a")
    b = make_article(TEXT_B, outlet="TASS", published=dt.date(2025, 1, 4), url="https://tass.example/b")
    c = make_article(TEXT_C, outlet="Kazinform", published=dt.date(2025, 1, 6), url="https://kazinform.example/c")
    people = [PUTIN.id, NAZARBAYEV.id]
    praise_a = "an experienced politician and a pioneer of Eurasian integration"
    praise_b = "He is an experienced politician and a pioneer of Eurasian integration,"
    return [
        (a, analysis_for(
            a, actors=[PUTIN, NAZARBAYEV],
            events=[meeting(TEXT_A.split(". ")[0], TEXT_A, people, date=MEETING_DAY, initiator=NAZARBAYEV.id)],
            quotes=[quote(praise_a, TEXT_A.split(". ")[1], TEXT_A, PUTIN.id, about=[NAZARBAYEV.id])],
        )),
        (b, analysis_for(
            b, actors=[PUTIN, NAZARBAYEV],
            events=[meeting(TEXT_B.split(". ")[0], TEXT_B, people, date=MEETING_DAY, kind="talks",
                            formality="informal")],
            quotes=[quote(praise_b, TEXT_B.split(". ")[1], TEXT_B, PUTIN.id, about=[NAZARBAYEV.id])],
        )),
        (c, analysis_for(
            c, actors=[PUTIN, NAZARBAYEV, LUKASHENKO, TOKAYEV],
            events=[meeting("The Kremlin said Putin received Nazarbayev over the weekend", TEXT_C, people)],
            quotes=[quote("strong and steady", TEXT_C.split(". ")[2], TEXT_C, TOKAYEV.id)],
            roles=[Role(person=TOKAYEV.id, role="President", of="Kazakhstan", evidence=ev(TEXT_C.split(". ")[2], TEXT_C))],
        )),
    ]


def other_meeting(day: dt.date, n: int) -> tuple[Article, Analysis]:
    """A distinct Putin-Lukashenko meeting, for volume and concurrency tests."""
    text = f"Putin met Lukashenko in Minsk for round {n} of talks on the union state budget."
    article = make_article(text, outlet="BelTA", published=day)
    return article, analysis_for(
        article, actors=[PUTIN, LUKASHENKO],
        events=[meeting(text, text, [PUTIN.id, LUKASHENKO.id], date=day, kind="visit")],
    )
