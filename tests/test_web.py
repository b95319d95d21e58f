"""The desk's HTML pages (issue 12): every page renders from the store, escapes every stored string,
links records to their sentences; the SVG charts and the text highlighter; the `meetings` and `serve` commands."""

from __future__ import annotations

import json
import re
from html import unescape
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from communique.api import DeskSettings, create_app
from communique.cli import cli
from communique.store import Store, open_store
from communique.web import charts, highlight

from .desk_support import TOKEN, XSS_ACTOR, XSS_OUTLET, XSS_QUOTE, XSS_TITLE, FakeAnalyzer, fill
from .store_support import LUKASHENKO, NAZARBAYEV, PUTIN


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path}/web.db")
    fill(store)
    yield store
    store.close()


@pytest.fixture
def client(filled: Store, tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(filled, DeskSettings(data_dir=tmp_path / "data"), analyzer=FakeAnalyzer())) as c:
        yield c


def hostile_id(client: TestClient) -> str:
    return next(a["article_id"] for a in client.get("/api/articles", params={"limit": 100}).json()["items"]
                if a["title"] == XSS_TITLE)


def pages(client: TestClient) -> list[str]:
    first = client.get("/api/articles", params={"limit": 100}).json()["items"]
    return ["/", "/actors/Q7747", f"/actors/{XSS_ACTOR.id}", "/pairs/Q7747/Q10182", f"/pairs/{XSS_ACTOR.id}/Q7747",
            "/articles", *[f"/articles/{a['article_id']}" for a in first], "/meetings", "/meetings?a=Putin",
            "/network", "/network?since=2000-01-01", "/search?q=agree", "/search?q=Mallory", "/analyze"]


def test_web_every_page_renders_with_security_headers(client: TestClient) -> None:
    for path in pages(client):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert '<meta name="viewport"' in response.text


@pytest.mark.parametrize("payload", [XSS_TITLE, XSS_OUTLET, XSS_QUOTE, XSS_ACTOR.name,
                                     "<script>window.__pwned='text'</script>"])
def test_web_stored_strings_are_escaped_on_every_page(client: TestClient, payload: str) -> None:
    for path in pages(client):
        html = client.get(path).text
        assert payload not in html, path
        # The only scripts are the desk's own files and the graph's JSON island.
        for tag in re.findall(r"<script[^>]*>", html):
            assert re.fullmatch(r'<script (src="/static/[\w./-]+" defer|type="application/json" id="graph-data")>', tag), tag
        assert "javascript:" not in html.lower(), path  # a stored URL becomes a link only when it is http(s)
        for handler in re.findall(r"<[^>]+\son\w+\s*=", html):
            raise AssertionError(f"{path}: an event handler attribute reached the page: {handler}")


def test_web_hostile_article_shows_its_text_as_text(client: TestClient) -> None:
    html = client.get(f"/articles/{hostile_id(client)}").text
    assert "&lt;script&gt;window.__pwned = &#39;title&#39;&lt;/script&gt;Summit report" in html
    assert "&lt;svg onload=" in html


def test_web_network_json_island_cannot_close_its_script(client: TestClient) -> None:
    html = client.get("/network?since=2000-01-01").text
    island = html.split('<script type="application/json" id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in island
    graph = json.loads(island)
    assert XSS_ACTOR.name in {n["name"] for n in graph["nodes"]}


def test_web_article_links_each_record_to_its_sentence(client: TestClient) -> None:
    kazinform = next(a for a in client.get("/api/articles").json()["items"] if a["outlet"] == "Kazinform")
    data = client.get(f"/api/articles/{kazinform['article_id']}").json()
    html = client.get(f"/articles/{kazinform['article_id']}").text
    for record in data["quotes"] + data["events"] + data["offices"]:
        start = record["evidence_start"]
        assert f'href="#ev-{start}"' in html
        region = html.split(f'id="ev-{start}">', 1)[1].split('<span class="region"', 1)[0]
        assert record["evidence_text"] in unescape(re.sub(r"<[^>]+>", "", region))
    assert '<span class="q">strong and steady</span>' in html
    assert f'<a class="m" href="/actors/{TOKAYEV_ID}"' in html


TOKAYEV_ID = "Q380759"


def test_web_home_lists_latest_meetings_and_active_pairs(client: TestClient) -> None:
    html = client.get("/").text
    assert f'href="/pairs/{LUKASHENKO.id}/{PUTIN.id}"' in html or f'href="/pairs/{PUTIN.id}/{LUKASHENKO.id}"' in html
    assert "Alexander Lukashenko – Vladimir Putin" in html
    assert html.index("2025-02-07") < html.index("2025-01-04")  # newest first


def test_web_actor_page_draws_offices_and_meetings_with_requests_marked(client: TestClient) -> None:
    html = client.get(f"/actors/{LUKASHENKO.id}").text
    assert html.count('class="bar formal"') == 3 and html.count('class="bar informal"') == 4
    assert html.count('class="asked"') == 2
    tokayev = client.get("/actors/Tokayev").text
    assert 'class="office"><title>President of Kazakhstan' in tokayev
    # Each quote links to its sentence in the article that reported it.
    quote = tokayev.split("Quotes by Kassym-Jomart Tokayev", 1)[1]
    assert "strong and steady" in quote and re.search(r'href="/articles/[0-9a-f]{16}#ev-\d+"', quote)


def test_web_pair_page_has_strip_meetings_and_quotes(client: TestClient) -> None:
    html = client.get(f"/pairs/{PUTIN.id}/{NAZARBAYEV.id}").text
    assert html.count('class="stance praise"') == 1 and html.count('class="stance criticism"') == 1
    assert "a pioneer of Eurasian integration" in html
    assert "Tengri" in html and "TASS" in html and "Kazinform" in html
    assert 'class="dot unspecified"' in html or 'class="dot informal"' in html


def test_web_meetings_page_filters_and_pages(client: TestClient) -> None:
    html = client.get("/meetings", params={"a": "Lukashenko", "formality": "formal"}).text
    assert html.count('<tr class="meeting formal">') == 3 and 'class="meeting informal"' not in html
    assert 'rel="next"' not in html


def test_web_search_facets_narrow_the_hits(client: TestClient) -> None:
    html = client.get("/search", params={"q": "talks"}).text
    assert 'data-facet="outlet"' in html and "BelTA" in html
    narrowed = client.get("/search", params={"q": "talks", "outlet": "BelTA"}).text
    assert "× any outlet" in narrowed
    assert narrowed.count('class="hit event"') == 7


def test_web_not_found_is_an_html_page(client: TestClient) -> None:
    response = client.get("/actors/Nobody%20Known")
    assert response.status_code == 404 and "Not found" in response.text and "Nobody Known" in response.text


def test_web_analyze_shows_the_brief_without_storing(client: TestClient, filled: Store) -> None:
    before = filled.counts()
    html = client.post("/analyze", data={"text": "Vladimir Putin spoke in Moscow on Monday.", "title": "<i>T</i>"}).text
    assert "&lt;i&gt;T&lt;/i&gt;" in html and "Stored" not in html
    assert f'href="/actors/{PUTIN.id}"' in html
    assert filled.counts() == before


def test_web_analyze_stores_with_the_token(filled: Store, tmp_path: Path) -> None:
    settings = DeskSettings(allow_writes=True, token=TOKEN, data_dir=tmp_path / "data")
    with TestClient(create_app(filled, settings, analyzer=FakeAnalyzer())) as c:
        refused = c.post("/analyze", data={"text": "Putin spoke in Moscow.", "store": "true", "token": "nope"})
        assert refused.status_code == 401 and "token" in refused.text
        stored = c.post("/analyze", data={"text": "Putin spoke in Moscow.", "store": "true", "token": TOKEN})
        assert stored.status_code == 200 and "Stored (saved)" in stored.text


def test_web_highlight_merges_overlapping_evidence_and_keeps_every_character() -> None:
    text = "Alpha met Beta. Beta said \"yes\" loudly. End."
    article = {
        "mentions": [{"actor_id": "A", "name": "Alpha", "start": 0, "end": 5},
                     {"actor_id": "B", "name": "Beta", "start": 16, "end": 20}],
        "quotes": [{"start": 27, "end": 30, "evidence_start": 16, "evidence_end": 39}],
        "events": [{"evidence_start": 0, "evidence_end": 15}, {"evidence_start": 10, "evidence_end": 20}],
        "offices": [],
    }
    regions, anchors = highlight.pieces(text, article)
    assert "".join(p["text"] for r in regions for p in r["parts"]) == text
    assert [(r["start"], r["evidence"]) for r in regions] == [(0, True), (39, False)]
    assert anchors == {0: 0, 10: 0, 16: 0}
    assert regions[0]["aliases"] == [10, 16]
    assert [p["text"] for p in regions[0]["parts"] if p["quote"]] == ["yes"]
    assert [p["actor_id"] for p in regions[0]["parts"] if p["actor_id"]] == ["A", "B"]


@pytest.mark.parametrize("activity, bins", [
    ([{"month": "2024-01", "formality": "formal", "asked": False, "meetings": 2},
      {"month": "2024-03", "formality": "informal", "asked": True, "meetings": 1}], 3),       # by month, gaps kept
    ([{"month": "2001-05", "formality": "formal", "asked": False, "meetings": 1},
      {"month": "2020-05", "formality": "formal", "asked": False, "meetings": 1}], 20),      # long spans by year
])
def test_web_meetings_chart_bins_by_month_or_year(activity: list, bins: int) -> None:
    svg = str(charts.meetings_chart(activity))
    assert svg.startswith("<svg") and svg.count("<rect") == len(activity)
    assert len(re.findall(r'class="tick">\d{4}', svg)) >= 1
    assert charts._bins(activity)[0].__len__() == bins


def test_web_charts_escape_labels() -> None:
    svg = str(charts.office_timeline([{"role": "<b>Chair</b>", "of": "\"X\"", "first_reported": "2024-01-01",
                                        "last_reported": "2024-05-01", "n_sources": 2}]))
    assert "<b>" not in svg and "&lt;b&gt;Chair&lt;/b&gt;" in svg
    strip = str(charts.stance_strip([], "A", "B"))
    assert "No praise or criticism" in strip


def test_web_cli_meetings_takes_zero_one_or_two_actors(filled: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path}/web.db"
    every = json.loads(runner.invoke(cli, ["meetings", "--db", db, "--format", "json"]).output)
    one = json.loads(runner.invoke(cli, ["meetings", "Lukashenko", "--db", db, "--format", "json"]).output)
    two = json.loads(runner.invoke(cli, ["meetings", "Putin", "Nazarbayev", "--db", db, "--format", "json"]).output)
    between = json.loads(runner.invoke(cli, ["meetings", "--between", "Putin", "Nazarbayev", "--db", db,
                                             "--format", "json"]).output)
    informal = json.loads(runner.invoke(cli, ["meetings", "--formality", "informal", "--since", "2024-03-01",
                                              "--db", db, "--format", "json"]).output)
    assert (len(every), len(one), len(two)) == (9, 7, 1) and two == between
    # Belarus rounds 2, 4 and 6, the merged Putin-Nazarbayev meeting (TASS: informal) and Mallory's
    assert {m["formality"] for m in informal} == {"informal"} and len(informal) == 5
    three = runner.invoke(cli, ["meetings", "Putin", "Nazarbayev", "Tokayev", "--db", db])
    assert three.exit_code == 2 and "at most two actors" in three.output


def test_web_cli_serve_help_says_how_to_stop() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "--allow-writes" in result.output and "Ctrl-C" in result.output


@pytest.mark.parametrize("path, status", [
    ("/meetings?a=&b=&since=&until=&kind=&formality=", 200),     # an empty form field means "any"
    ("/network?since=&until=&kind=&formality=&limit=150", 200),
    ("/meetings?since=2024-13-45", 400),
    ("/network?formality=casual", 400),
])
def test_web_filter_forms_treat_empty_fields_as_any(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    if status == 400:
        assert "Bad request" in response.text


def test_web_actor_box_redirects_to_the_actor_page(client: TestClient) -> None:
    response = client.get("/actor", params={"name": " Vladimir Putin "}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/actors/Vladimir%20Putin"
    assert client.get(response.headers["location"]).status_code == 200


def test_web_network_page_shows_a_small_corpus_whole_by_default(client: TestClient) -> None:
    html = client.get("/network").text
    graph = json.loads(html.split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert len(graph["edges"]) == 3  # 2024's Belarus rounds and 2025's meetings alike
    assert 'name="since" value=""' in html


def test_web_cli_serve_generates_a_token_for_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: dict[str, object] = {}
    # The server itself is the edge: capture the app instead of listening on a port.
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.delenv("COMMUNIQUE_TOKEN", raising=False)
    db = f"sqlite:///{tmp_path}/serve.db"
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--port", "8123", "--allow-writes",
                                      "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    token = re.search(r"bearer token for this run: (\S+)", result.output).group(1)
    assert "http://127.0.0.1:8123/" in result.output and served["port"] == 8123 and served["host"] == "127.0.0.1"
    desk = served["app"].state.desk  # type: ignore[attr-defined]
    assert desk.settings.allow_writes and desk.token_ok(token) and not desk.token_ok(token + "x")
    read_only = CliRunner().invoke(cli, ["serve", "--db", db])
    assert "token" not in read_only.output and not served["app"].state.desk.settings.allow_writes  # type: ignore[attr-defined]
