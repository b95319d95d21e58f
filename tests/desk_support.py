"""Shared helpers for the desk's tests: a small hand-written corpus (with hostile strings) and a live server.

The corpus is stored through ``Store.save`` like any analysis, so the pages read what ingest writes.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from communique.api import DeskSettings, create_app
from communique.records import Actor, Analysis, Article, Event, Role
from communique.store import Store

from .store_support import LUKASHENKO, NAZARBAYEV, PUTIN, TOKAYEV, analysis_for, corpus, ev, make_article, meeting, quote

#: Strings that would run script or break out of an attribute if a page did not escape them.
XSS_TITLE = "<script>window.__pwned = 'title'</script>Summit report"
XSS_OUTLET = "\"><img src=x onerror=\"window.__pwned='outlet'\">"
XSS_QUOTE = "</blockquote><script>window.__pwned='quote'</script> we <b>agree</b>"
XSS_ACTOR = Actor(id="X1", name="<svg onload=\"window.__pwned='actor'\">Mallory", kind="person", country="XXX")
TOKEN = "desk-test-token"

#: Payloads for every query parameter: SQL, FTS5 syntax, quoting, paths, very long values.
INJECTIONS = [
    "' OR '1'='1",
    "x'); DROP TABLE articles; --",
    "\" OR 1=1 --",
    "%' UNION SELECT id, text FROM articles --",
    "NEAR(a b) OR * AND \"",
    "../../etc/passwd",
    "Q7747' --",
    "\\x00\u0000",
    "a" * 600,
]


def praise(sentence: str, text: str, source: str, target: str, plover: str = "SUPPORT") -> Event:
    return Event(plover=plover, cameo="051" if plover == "SUPPORT" else "111", source=[source], target=[target],
                 participants=[], evidence=ev(sentence, text), confidence=0.7)


def hostile() -> tuple[Article, Analysis]:
    """An article whose title, outlet, text, quote and actor carry script and attribute-breaking payloads."""
    said = f"Mallory told reporters \"{XSS_QUOTE}\" after the talks"
    text = f"Mallory met Putin in Sochi on Friday. {said}. <script>window.__pwned='text'</script> ends here."
    article = Article(text=text, title=XSS_TITLE, outlet=XSS_OUTLET, published=dt.date(2025, 2, 7),
                      url="javascript:window.__pwned='url'//\"><script>1</script>", source="hostile.txt")
    return article, analysis_for(
        article, actors=[XSS_ACTOR, PUTIN],
        events=[meeting("Mallory met Putin in Sochi on Friday", text, [XSS_ACTOR.id, PUTIN.id],
                        date=dt.date(2025, 2, 7), formality="informal", initiator=XSS_ACTOR.id)],
        quotes=[quote(XSS_QUOTE, said, text, XSS_ACTOR.id, about=[PUTIN.id])],
    )


def stances_article() -> tuple[Article, Analysis]:
    """Putin praises Nazarbayev; later Nazarbayev criticises Putin (two dated reports)."""
    text = ("Putin praised Nazarbayev for his work on the union. "
            "Nazarbayev criticised Putin over gas prices. Tokayev is the President of Kazakhstan.")
    article = make_article(text, outlet="Interfax", published=dt.date(2025, 3, 1), url="https://interfax.example/s")
    first, second, third = text.split(". ")[0], text.split(". ")[1], text.split(". ")[2].rstrip(".")
    return article, analysis_for(
        article, actors=[PUTIN, NAZARBAYEV, TOKAYEV],
        events=[praise(first, text, PUTIN.id, NAZARBAYEV.id), praise(second, text, NAZARBAYEV.id, PUTIN.id, "ACCUSE")],
        roles=[Role(person=TOKAYEV.id, role="President", of="Kazakhstan", evidence=ev(third, text))],
    )


def belarus_meetings(n: int) -> list[tuple[Article, Analysis]]:
    """``n`` distinct Putin-Lukashenko meetings, a month apart, alternating formality and kind."""
    out = []
    for i in range(n):
        day = dt.date(2024, 1, 10) + dt.timedelta(days=30 * i)
        text = f"Putin and Lukashenko held round {i} of talks in Minsk on the union state budget."
        article = make_article(text, outlet="BelTA", published=day, url=f"https://belta.example/{i}")
        formality = "formal" if i % 2 else "informal"
        kind = "visit" if i % 3 == 0 else "talks"
        out.append((article, analysis_for(
            article, actors=[PUTIN, LUKASHENKO],
            events=[meeting(text.rstrip("."), text, [PUTIN.id, LUKASHENKO.id], date=day, kind=kind,
                            formality=formality, initiator=LUKASHENKO.id if i % 4 == 0 else None)],
        )))
    return out


def fill(store: Store, n_belarus: int = 7) -> None:
    """The three-outlet Putin-Nazarbayev story, stances, Belarus meetings and the hostile article."""
    for article, analysis in [*corpus(), stances_article(), *belarus_meetings(n_belarus), hostile()]:
        store.save(article, analysis)


class FakeAnalyzer:
    """Stands in for the spaCy pipeline where a test is about the desk, not about extraction."""

    def __init__(self) -> None:
        from communique.records import PipelineInfo

        self.info = PipelineInfo(version="0.3.0", model="test", kb="2026-01-01")
        self.calls = 0

    def analyze(self, article: Article) -> Analysis:
        self.calls += 1
        return analysis_for(article, actors=[PUTIN])


class LiveDesk:
    """A desk served by a real uvicorn on a free loopback port, in a background thread."""

    def __init__(self, store: Store, data_dir: Path, analyzer: Any = None, **settings: Any) -> None:
        import uvicorn

        app = create_app(store, DeskSettings(data_dir=data_dir, **settings), analyzer=analyzer)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start within 20 s")
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def live(store: Store, data_dir: Path, **settings: Any) -> Iterator[str]:
    with LiveDesk(store, data_dir, **settings) as url:
        yield url
