"""The desk in a real browser (issue 12): Debian's Chromium, headless, driven by Playwright.

A real uvicorn serves a store holding hand-written articles, one of them hostile. The tests click
home → actor → pair → article → evidence, use the network filter and the search facets, analyse a
pasted text with the real pipeline, check that no stored string ever runs as script, and save
screenshots under ``test-artifacts/screenshots/``. Skipped when /usr/bin/chromium is absent
(`.ci/chromium-setup.sh` installs it); in CI its absence is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from communique.store import Store, open_store

from .desk_support import TOKEN, XSS_ACTOR, XSS_TITLE, LiveDesk, fill
from .store_support import LUKASHENKO, NAZARBAYEV, PUTIN

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing in CI; .ci/run installs it with .ci/chromium-setup.sh")
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium, or run .ci/chromium-setup.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path_factory.mktemp('browser')}/desk.db")
    fill(opened)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def base(store: Store, pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with LiveDesk(store, tmp_path_factory.mktemp("data"), analyzer=pipeline, allow_writes=True, token=TOKEN) as url:
        yield url


class Watched:
    """A page whose dialogs, page errors and CSP reports are collected: none may appear."""

    def __init__(self, browser: Any, **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("console", lambda m: self.problems.append(f"console: {m.text}")
                     if m.type == "error" and "Content Security Policy" in m.text else None)

    def visit(self, url: str) -> Any:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, url
        self.assert_clean(url)
        return self.page

    def assert_clean(self, where: str) -> None:
        assert self.page.evaluate("() => window.__pwned === undefined"), f"{where}: a payload ran"
        assert not self.problems, f"{where}: {self.problems}"

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any) -> Iterator[Watched]:
    watched = Watched(browser, viewport={"width": 1280, "height": 900})
    yield watched
    watched.close()


def test_browser_click_through_home_actor_pair_article_evidence(tab: Watched, base: str) -> None:
    page = tab.visit(base + "/")
    tab.shot("home")
    page.locator("ol.ranking.actors a.actor", has_text=LUKASHENKO.name).click()
    page.wait_for_url(f"**/actors/{LUKASHENKO.id}")
    assert page.locator("h1").inner_text() == LUKASHENKO.name
    assert page.locator("svg.chart rect.bar").count() == 7
    tab.shot("actor")
    page.locator("ol.ranking.partners a.pair").first.click()
    page.wait_for_url(f"**/pairs/{LUKASHENKO.id}/{PUTIN.id}")
    assert page.locator("table.meetings tbody tr").count() == 7
    tab.shot("pair")
    page.locator("table.meetings a.evidence").first.click()
    page.wait_for_url("**/articles/*#ev-*")
    hit = page.locator(".region.hit")
    hit.wait_for()
    assert "Putin and Lukashenko held round 6 of talks" in hit.inner_text()
    tab.shot("article")
    page.locator("aside.records a.evidence").first.click()
    assert page.locator(".region.hit").count() == 1
    tab.assert_clean("click-through")


def test_browser_pair_page_shows_the_stance_strip_and_what_each_said(tab: Watched, base: str) -> None:
    page = tab.visit(f"{base}/pairs/{PUTIN.id}/{NAZARBAYEV.id}")
    assert page.locator("svg circle.stance.praise").count() == 1
    assert page.locator("svg circle.stance.criticism").count() == 1
    assert "pioneer of Eurasian integration" in page.locator("ul.quotes").first.inner_text()
    tab.shot("pair-stances")


def test_browser_network_graph_and_its_filter(tab: Watched, base: str) -> None:
    page = tab.visit(base + "/network?since=2000-01-01")
    graph = page.locator("#graph[data-nodes]")
    graph.wait_for()
    assert int(graph.get_attribute("data-nodes")) == 4 and int(graph.get_attribute("data-edges")) == 3
    assert page.locator("#graph canvas").count() >= 1
    tab.shot("network")
    page.select_option("select[name=formality]", "formal")
    page.locator("#network-filters button").click()
    page.wait_for_url("**formality=formal**")
    page.locator("#graph[data-nodes]").wait_for()
    assert int(page.locator("#graph").get_attribute("data-nodes")) == 2
    assert page.locator("table.edges tr.edge").count() == 1
    tab.shot("network-formal")
    page.locator("table.edges a.pair").click()
    page.wait_for_url("**/pairs/**")
    tab.assert_clean("network")


def test_browser_search_facets(tab: Watched, base: str) -> None:
    page = tab.visit(base + "/")
    page.fill("form.bigsearch input[name=q]", "talks")
    page.locator("form.bigsearch button").click()
    page.wait_for_url("**/search?q=talks")
    everything = page.locator(".hit").count()
    assert everything >= 7
    page.locator('.facet[data-facet="outlet"] a.facet-value', has_text="BelTA").click()
    page.wait_for_url("**outlet=BelTA**")
    assert page.locator(".hit").count() == 7
    tab.shot("search-facet")
    page.locator('.facet[data-facet="year"] a.facet-value', has_text="2024").click()
    page.wait_for_url("**year=2024**")
    assert page.locator(".hit.event").count() == 7
    tab.assert_clean("search")


def test_browser_hostile_article_runs_nothing_anywhere(tab: Watched, base: str, store: Store) -> None:
    hostile = store.fetchall("SELECT id FROM articles WHERE title = ?", [XSS_TITLE])[0]["id"]
    for path in ["/", f"/articles/{hostile}", f"/actors/{XSS_ACTOR.id}", f"/pairs/{XSS_ACTOR.id}/{PUTIN.id}",
                 "/articles", "/meetings", "/network?since=2000-01-01", "/search?q=agree", "/search?q=Mallory"]:
        page = tab.visit(base + path)
        page.wait_for_load_state("load")
        tab.assert_clean(path)
    page = tab.visit(f"{base}/articles/{hostile}")
    assert page.locator("h1").inner_text() == XSS_TITLE
    assert "<script>window.__pwned='text'</script>" in page.locator("#article-text").inner_text()
    tab.shot("hostile-article")


def test_browser_analyze_a_pasted_text_and_store_it(tab: Watched, base: str, store: Store) -> None:
    page = tab.visit(base + "/analyze")
    page.fill("textarea[name=text]", "Kazakh President Kassym-Jomart Tokayev met Vladimir Putin in Astana on "
                                     "Monday. \"We are close partners,\" Tokayev said.")
    page.fill("input[name=published]", "2025-05-12")
    page.check("input[name=store]")
    page.fill("input[name=token]", TOKEN)
    page.locator("form.analyze button").click()
    page.locator("p.stored").wait_for()
    assert "Stored (saved)" in page.locator("p.stored").inner_text()
    assert page.locator("#article-text a.m").count() >= 2
    tab.shot("analyze")
    page.locator("p.stored a").click()
    page.wait_for_url("**/articles/*")
    assert "close partners" in page.locator("#article-text").inner_text()
    tab.assert_clean("analyze")


def test_browser_pages_fit_a_phone(browser: Any, base: str) -> None:
    phone = Watched(browser, viewport={"width": 390, "height": 844}, is_mobile=True, device_scale_factor=2)
    try:
        for path, name in [("/", "phone-home"), (f"/actors/{PUTIN.id}", "phone-actor"),
                           (f"/pairs/{PUTIN.id}/{NAZARBAYEV.id}", "phone-pair")]:
            page = phone.visit(base + path)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{path} is {overflow}px wider than a phone"
            phone.shot(name)
    finally:
        phone.close()
