"""The desk's JSON API (issue 12): every route through the test client on SQLite and PostgreSQL,
paging and CSV, errors, injection strings on every parameter, write protection, once through uvicorn."""

from __future__ import annotations

import csv
import http.client
import io
import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from communique.api import DeskSettings, create_app
from communique.store import Store

from .desk_support import INJECTIONS, TOKEN, XSS_QUOTE, FakeAnalyzer, LiveDesk, fill
from .store_support import LUKASHENKO, NAZARBAYEV, PUTIN, store, store_url  # noqa: F401


@pytest.fixture
def filled(store: Store) -> Store:  # noqa: F811
    fill(store)
    return store


@pytest.fixture
def client(filled: Store, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(filled, DeskSettings(data_dir=tmp_path / "data"), analyzer=FakeAnalyzer())
    with TestClient(app) as c:
        yield c


@pytest.fixture
def writer(filled: Store, tmp_path: Path) -> Iterator[TestClient]:
    settings = DeskSettings(allow_writes=True, token=TOKEN, data_dir=tmp_path / "data", max_body=64 * 1024)
    with TestClient(create_app(filled, settings, analyzer=FakeAnalyzer())) as c:
        yield c


def test_api_meetings_of_a_pair_merge_outlets_and_list_sources(client: TestClient) -> None:
    body = client.get("/api/meetings", params=[("actor", "Putin"), ("actor", "Nazarbayev")]).json()
    assert [m["date"] for m in body["items"]] == ["2025-01-04"]
    meeting = body["items"][0]
    assert meeting["n_sources"] == 3
    assert {s["outlet"] for s in meeting["sources"]} == {"Tengri", "TASS", "Kazinform"}
    assert meeting["initiator"] == NAZARBAYEV.id
    assert body["next"] is None


@pytest.mark.parametrize("params, expected", [
    ([], 9),                                          # everyone's: 1 + 7 Belarus + 1 hostile
    ([("actor", "Lukashenko")], 7),
    ([("actor", "Lukashenko"), ("formality", "formal")], 3),
    ([("actor", "Putin"), ("kind", "visit")], 3),
    ([("since", "2024-06-01"), ("until", "2024-12-31")], 2),   # rounds 5 and 6 (June 8, July 8)
])
def test_api_meetings_take_zero_one_or_two_actors_and_filters(client: TestClient, params: list, expected: int) -> None:
    body = client.get("/api/meetings", params=params + [("limit", "100")]).json()
    assert len(body["items"]) == expected


def test_api_meetings_cursor_pages_cover_every_row_once(client: TestClient) -> None:
    seen, cursor, pages = [], None, 0
    while True:
        params = {"actor": "Putin", "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/meetings", params=params).json()
        seen += [m["event_id"] for m in body["items"]]
        pages += 1
        cursor = body["next"]
        if not cursor:
            break
    everything = [m["event_id"] for m in client.get("/api/meetings", params={"actor": "Putin", "limit": 100}).json()["items"]]
    assert seen == everything and len(set(seen)) == len(seen) == 9
    assert pages == 5


def test_api_quotes_and_articles_page_with_cursors(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 4}).json()
    rest = client.get("/api/articles", params={"limit": 100, "cursor": first["next"]}).json()
    ids = [a["article_id"] for a in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 12 and rest["next"] is None
    dates = [a["date"] for a in first["items"] + rest["items"]]
    assert dates == sorted(dates, reverse=True)
    every = [q["quote_id"] for q in client.get("/api/quotes", params={"limit": 100}).json()["items"]]
    paged, cursor = [], None
    while True:
        body = client.get("/api/quotes", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        paged += [q["quote_id"] for q in body["items"]]
        if not (cursor := body["next"]):
            break
    assert paged == every and len(every) == 3


@pytest.mark.parametrize("path", ["/api/meetings", "/api/quotes?q=experienced", "/api/articles", "/api/network",
                                  "/api/search?q=talks"])
def test_api_every_list_answers_csv(client: TestClient, path: str) -> None:
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}format=csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows, response.text
    assert len(rows) == len(client.get(path).json()["items" if "search" not in path else "hits"])


def test_api_csv_carries_the_next_cursor_in_a_header(client: TestClient) -> None:
    response = client.get("/api/meetings", params={"limit": 2, "format": "csv"})
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == 2
    cursor = response.headers["x-next-cursor"]
    following = client.get("/api/meetings", params={"limit": 2, "cursor": cursor}).json()["items"]
    assert following and following[0]["event_id"] not in response.text


def test_api_article_returns_the_stored_analysis_with_offsets(client: TestClient) -> None:
    listed = client.get("/api/articles", params={"outlet": "Kazinform"}).json()["items"]
    assert len(listed) == 1
    article = client.get(f"/api/articles/{listed[0]['article_id']}").json()
    text = article["text"]
    office = article["offices"][0]
    assert (office["role"], office["of"]) == ("President", "Kazakhstan")
    assert text[office["evidence_start"]:office["evidence_end"]] == office["evidence_text"]
    quote = article["quotes"][0]
    assert text[quote["start"]:quote["end"]] == quote["text"] == "strong and steady"
    assert {m["actor_id"] for m in article["mentions"]} >= {PUTIN.id, NAZARBAYEV.id}
    assert {p["id"] for p in article["events"][0]["participants"]} == {PUTIN.id, NAZARBAYEV.id}


def test_api_actor_has_offices_activity_partners_and_quotes(client: TestClient) -> None:
    actor = client.get("/api/actors/Lukashenko").json()
    assert actor["meetings"] == 7
    assert actor["partners"][0] == {"id": PUTIN.id, "name": PUTIN.name, "meetings": 7}
    asked = sum(row["meetings"] for row in actor["activity"] if row["asked"])
    assert asked == 2  # rounds 0 and 4 were at Lukashenko's request
    assert {row["formality"] for row in actor["activity"]} == {"formal", "informal"}
    tokayev = client.get("/api/actors/Tokayev").json()
    assert [(o["role"], o["of"]) for o in tokayev["offices"]] == [("President", "Kazakhstan")]


def test_api_pair_has_what_each_said_and_stances_by_side(client: TestClient) -> None:
    pair = client.get("/api/pairs/Putin/Nazarbayev").json()
    assert pair["a"]["id"] == PUTIN.id and pair["b"]["id"] == NAZARBAYEV.id
    assert pair["meetings"] == 1
    assert all(q["speaker_id"] == PUTIN.id for q in pair["a_about_b"]) and pair["a_about_b"]
    assert pair["b_about_a"] == []
    assert [(s["stance"], s["by"]) for s in pair["stances"]] == [("praise", "a"), ("criticism", "b")]
    reverse = client.get("/api/pairs/Nazarbayev/Putin").json()
    assert [(s["stance"], s["by"]) for s in reverse["stances"]] == [("praise", "b"), ("criticism", "a")]


def test_api_network_filters_by_formality_and_kind(client: TestClient) -> None:
    edges = client.get("/api/network").json()["items"]
    weights = {(e["source"], e["target"]): e["weight"] for e in edges}
    assert weights[tuple(sorted([PUTIN.id, LUKASHENKO.id]))] == 7
    formal = client.get("/api/network", params={"formality": "formal"}).json()["items"]
    assert [(e["source_name"], e["weight"]) for e in formal] == [(LUKASHENKO.name, 3)]
    visits = client.get("/api/network", params={"kind": "visit"}).json()["items"]
    assert [e["weight"] for e in visits] == [3]


def test_api_search_finds_quotes_and_evidence_with_facets(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "experienced politician"}).json()
    assert {h["type"] for h in found["hits"]} == {"quote"}
    assert {h["outlet"] for h in found["hits"]} == {"Tengri", "TASS"}
    facets = {f["value"]: f["n"] for f in found["facets"]["outlet"]}
    assert facets == {"Tengri": 1, "TASS": 1}
    events = client.get("/api/search", params={"q": "union state budget", "kind": "event"}).json()
    assert len(events["hits"]) == 7 and {h["type"] for h in events["hits"]} == {"event"}
    assert {f["value"]: f["n"] for f in events["facets"]["year"]} == {"2024": 7}
    assert client.get("/api/search", params={"q": "union state budget", "year": "2025"}).json()["hits"] == []
    assert len(client.get("/api/search", params={"q": "union state budget", "year": "2024"}).json()["hits"]) == 7


def test_api_stats_and_home(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["counts"]["articles"] == 12
    home = client.get("/api/home").json()
    assert home["latest_meetings"][0]["date"] == "2025-02-07"
    assert home["most_active"]["pairs"][0]["weight"] >= 1
    assert home["most_active"]["actors"][0]["id"] == PUTIN.id


def test_api_openapi_documents_every_route(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/stats", "/api/home", "/api/articles", "/api/articles/{article_id}", "/api/actors/{name}",
        "/api/pairs/{a}/{b}", "/api/meetings", "/api/quotes", "/api/network", "/api/search", "/api/analyze",
    }


@pytest.mark.parametrize("path, status, words", [
    ("/api/actors/Nobody%20At%20All", 404, "no actor named 'Nobody At All'"),
    ("/api/articles/0000000000000000", 404, "no article with id"),
    ("/api/pairs/Putin/Vladimir%20Putin", 400, "names the same actor"),
    ("/api/meetings?cursor=not-a-cursor", 400, "is not a cursor"),
    ("/api/meetings?actor=Putin&actor=Lukashenko&actor=Tokayev", 422, "actor"),
    ("/api/meetings?limit=0", 422, "limit"),
    ("/api/meetings?since=yesterday", 422, "since"),
    ("/api/meetings?formality=casual", 422, "formality"),
    ("/api/search?q=", 422, "q"),
    ("/api/search?q=x&year=20x5", 422, "year"),
])
def test_api_bad_requests_get_clear_json_errors(client: TestClient, path: str, status: int, words: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert words in response.json()["error"]["message"]


ROUTES = [
    ("/api/articles", ["since", "until", "outlet", "cursor", "limit", "format"]),
    ("/api/articles/{x}", []),
    ("/api/actors/{x}", []),
    ("/api/pairs/{x}/Putin", []),
    ("/api/meetings", ["actor", "since", "until", "formality", "kind", "status", "cursor", "limit", "format"]),
    ("/api/quotes", ["by", "about", "q", "since", "until", "cursor", "limit", "format"]),
    ("/api/network", ["since", "until", "formality", "kind", "limit", "format"]),
    ("/api/search", ["q", "kind", "outlet", "year", "limit", "format"]),
    ("/", []), ("/actors/{x}", []), ("/pairs/Putin/{x}", []), ("/articles/{x}", []),
    ("/articles", ["outlet", "cursor"]), ("/meetings", ["a", "b", "since", "until", "formality", "kind", "cursor"]),
    ("/network", ["since", "until", "formality", "kind", "limit"]), ("/search", ["q", "kind", "outlet", "year"]),
    ("/actor", ["name"]),
]


def test_api_injection_strings_in_every_parameter_change_nothing(client: TestClient, filled: Store) -> None:
    before = filled.counts()
    for path, params in ROUTES:
        for payload in INJECTIONS:
            if "{x}" in path:
                targets = [(path.replace("{x}", urllib.request.quote(payload, safe="")), {})]
            else:
                targets = [(path, {p: payload}) for p in params]
            for url, query in targets:
                if path == "/api/search" and "q" not in query:
                    query = {**query, "q": "talks"}
                response = client.get(url, params=query, follow_redirects=False)
                assert response.status_code in (200, 303, 400, 404, 422), (url, query, response.text[:300])
                if response.status_code == 200 and url.startswith("/api/") and query.get("format") != payload:
                    assert "DROP TABLE" not in json.dumps(response.json().get("items", []))
    assert filled.counts() == before


def test_api_is_read_only_by_default(client: TestClient, filled: Store) -> None:
    before = filled.counts()
    response = client.post("/api/articles", json={"text": "Putin met Lukashenko in Minsk."},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403 and "--allow-writes" in response.json()["error"]["message"]
    stored = client.post("/api/analyze", data={"text": "Putin met Lukashenko in Minsk.", "store": "true"})
    assert stored.status_code == 403
    assert filled.counts() == before


def test_api_analyze_without_storing_needs_no_token(client: TestClient, filled: Store) -> None:
    before = filled.counts()
    response = client.post("/api/analyze", data={"text": "Vladimir Putin spoke in Moscow on Monday."})
    assert response.status_code == 200
    body = response.json()
    assert body["stored"] is None and body["analysis"]["actors"][0]["id"] == PUTIN.id
    assert filled.counts() == before


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer "])
def test_api_writes_need_the_bearer_token(writer: TestClient, filled: Store, header: str | None) -> None:
    before = filled.counts()
    headers = {"Authorization": header} if header is not None else {}
    response = writer.post("/api/articles", json={"text": "Putin met Lukashenko in Minsk."}, headers=headers)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert filled.counts() == before


def test_api_ingest_with_the_token_stores_once(writer: TestClient, filled: Store) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    payload = {"text": "Vladimir Putin met the press in Moscow.", "title": "Press", "outlet": "Desk", "published": "2025-04-01"}
    first = writer.post("/api/articles", json=payload, headers=auth)
    assert first.status_code == 201 and first.json()["stored"] == "saved"
    again = writer.post("/api/articles", json=payload, headers=auth)
    assert again.json()["stored"] == "unchanged"
    stored = writer.get(f"/api/articles/{first.json()['article_id']}").json()
    assert (stored["title"], stored["outlet"], stored["published"]) == ("Press", "Desk", "2025-04-01")


def test_api_upload_is_kept_inside_the_data_directory(writer: TestClient, tmp_path: Path) -> None:
    files = {"file": ("../../../outside.txt", b"Vladimir Putin spoke in Moscow on Monday.", "text/plain")}
    response = writer.post("/api/analyze", data={"store": "true"}, files=files,
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text
    article_id = response.json()["article_id"]
    kept = list((tmp_path / "data").rglob("*"))
    assert [p.name for p in kept if p.is_file()] == [f"{article_id}.txt"]
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path.parent / "outside.txt").exists()
    assert writer.get(f"/api/articles/{article_id}").json()["source"] == "upload:outside.txt"


@pytest.mark.parametrize("body, kind", [
    (b"{\"text\": \"Putin met", "application/json"),          # cut off mid-string
    (b"\xff\xfe not even text", "application/json"),          # not UTF-8
    (b"[1, 2, 3]", "application/json"),                          # JSON, but not an object
    (b"{\"text\": 42}", "application/json"),                     # the wrong type
    (b"text=Putin+met+Lukashenko", "application/x-www-form-urlencoded"),
])
def test_api_malformed_body_is_a_client_error(writer: TestClient, filled: Store, body: bytes, kind: str) -> None:
    before = filled.counts()
    response = writer.post("/api/articles", content=body,
                           headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": kind})
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["message"]
    assert filled.counts() == before


def test_api_body_over_the_limit_is_refused(writer: TestClient, filled: Store) -> None:
    before = filled.counts()
    big = "Putin met Lukashenko. " * 4000  # ~88 KB, over the 64 KiB limit of this desk
    response = writer.post("/api/articles", json={"text": big}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413 and "larger than 65,536 bytes" in response.json()["error"]["message"]
    assert filled.counts() == before


def test_api_bad_upload_names_the_input(client: TestClient) -> None:
    response = client.post("/api/analyze", files={"file": ("empty.txt", b"   ", "text/plain")})
    assert response.status_code == 422 and "upload:empty.txt" in response.json()["error"]["message"]
    both = client.post("/api/analyze", data={"text": "Putin spoke."}, files={"file": ("a.txt", b"Putin.", "text/plain")})
    assert both.status_code == 422 and "not both" in both.json()["error"]["message"]


def test_api_through_a_real_uvicorn(filled: Store, tmp_path: Path) -> None:
    with LiveDesk(filled, tmp_path / "data", analyzer=FakeAnalyzer()) as base:
        with urllib.request.urlopen(f"{base}/api/meetings?actor=Putin&actor=Nazarbayev") as response:
            assert response.headers["content-type"] == "application/json"
            assert response.headers["x-content-type-options"] == "nosniff"
            body = json.load(response)
        assert body["items"][0]["n_sources"] == 3
        with urllib.request.urlopen(f"{base}/api/quotes?q=steady&format=csv") as response:
            assert "strong and steady" in response.read().decode()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/api/actors/Nobody")
        missing.value.close()
        assert missing.value.code == 404
        # A declared length over the limit is refused before any of the body is read.
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        try:
            connection.putrequest("POST", "/api/articles")
            connection.putheader("Content-Type", "application/json")
            connection.putheader("Content-Length", str(3 * 1024 * 1024))
            connection.endheaders()
            answer = connection.getresponse()
            assert answer.status == 413 and b"larger than" in answer.read()
        finally:
            connection.close()


def test_api_hostile_strings_come_back_as_data(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"by": "X1"}).json()["items"]
    assert quotes[0]["text"] == XSS_QUOTE


def test_api_analyze_runs_the_real_pipeline(filled: Store, tmp_path: Path, pipeline: object) -> None:
    with TestClient(create_app(filled, DeskSettings(data_dir=tmp_path / "data"), analyzer=pipeline)) as c:
        response = c.post("/api/analyze", data={"text": "Kassym-Jomart Tokayev met Vladimir Putin in Astana on "
                                                        "Monday, the Kremlin said.", "published": "2025-05-14"})
    assert response.status_code == 200, response.text
    analysis = response.json()["analysis"]
    assert {a["name"] for a in analysis["actors"]} >= {"Kassym-Jomart Tokayev", "Vladimir Putin"}
    assert "CONSULT" in {e["plover"] for e in analysis["events"]}
