"""The desk's HTML pages: each renders the same query function as its JSON twin under ``/api/``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, get_args
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__, queries
from ..api import Desk, Formality, Kind, actor_data, analyze_submission, home_data
from ..errors import NotFoundError, QueryError
from ..records import Analysis, Article
from . import charts, highlight

Row = dict[str, Any]

_ENV: Environment | None = None


def path_part(value: Any) -> str:
    """A value made safe as one path segment of a URL."""
    return url_quote(str(value), safe="")


def web_url(value: Any) -> str | None:
    """A stored URL fit for a link: http(s) only, so that a 'javascript:' URL in an article is never one."""
    text = str(value or "").strip()
    return text if re.match(r"^https?://", text, re.IGNORECASE) else None


def environment() -> Environment:
    """The Jinja environment: templates from the package, every value escaped."""
    global _ENV
    if _ENV is None:
        env = Environment(loader=PackageLoader("communique.web", "templates"),
                          autoescape=select_autoescape(default=True, default_for_string=True))
        env.filters["part"] = path_part
        env.filters["web_url"] = web_url
        env.globals["version"] = __version__
        env.globals["query"] = lambda **kw: urlencode({k: v for k, v in kw.items() if v not in (None, "")})
        _ENV = env
    return _ENV


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    desk = request.app.state.desk
    html = environment().get_template(name).render(request=request, writes=desk.settings.allow_writes, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    titles = {400: "Bad request", 401: "Token needed", 403: "Read-only desk", 404: "Not found",
              413: "Too large", 422: "Cannot use this input"}
    return render(request, "error.html", status=status, title=titles.get(status, "Error"), message=message,
                  status_code=status)


def _desk(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def analysis_view(article: Article, analysis: Analysis) -> Row:
    """A fresh analysis in the shape of ``queries.article``, so one template shows both."""
    names = {a.id: a.name for a in analysis.actors}

    def people(ids: list[str]) -> list[Row]:
        return [{"id": i, "name": names.get(i)} for i in ids]

    return {
        "article_id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "published": article.published.isoformat() if article.published else None, "text": article.text,
        "mentions": [{"actor_id": a.id, "name": a.name, "kind": a.kind, "start": m.start, "end": m.end,
                      "text": m.text} for a in analysis.actors for m in a.mentions],
        "quotes": [{"quote_id": None, "speaker_id": q.speaker, "speaker_name": names.get(q.speaker or ""),
                    "text": q.text, "direct": q.direct, "cue": q.cue, "start": q.start, "end": q.end,
                    "evidence_start": q.evidence.start, "evidence_end": q.evidence.end,
                    "evidence_text": q.evidence.text, "about": people(q.about), "n_sources": 1}
                   for q in analysis.quotes],
        "events": [{"event_id": None, "plover": e.plover, "mode": e.mode, "cameo": e.cameo, "kind": e.kind,
                    "formality": e.formality, "initiator": e.initiator, "initiator_name": names.get(e.initiator or ""),
                    "recurring": e.recurring, "status": e.status, "date": e.date.isoformat() if e.date else None,
                    "date_text": e.date_text, "place": e.location, "source": people(e.source),
                    "target": people(e.target), "participants": people(e.participants),
                    "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
                    "evidence_text": e.evidence.text, "n_sources": 1} for e in analysis.events],
        "offices": [{"person_id": r.person, "person_name": names.get(r.person), "role": r.role, "of": r.of,
                     "evidence_start": r.evidence.start, "evidence_end": r.evidence.end,
                     "evidence_text": r.evidence.text} for r in analysis.roles],
    }


def _article_context(data: Row) -> Row:
    regions, anchors = highlight.pieces(data["text"] or "", data)
    return {"article": data, "regions": regions, "anchors": anchors}


FormFilters = tuple[dt.date | None, dt.date | None, str | None, str | None]


def _choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise QueryError(name, f"{value[:40]!r} is not one of {', '.join(allowed)}")
    return value


def _form_day(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(name, f"{value[:40]!r} is not a date in the form YYYY-MM-DD") from None


def form_filters(since: str | None = Query(None, max_length=40), until: str | None = Query(None, max_length=40),
                 formality: str | None = Query(None, max_length=40), kind: str | None = Query(None, max_length=40),
                 ) -> FormFilters:
    """The date and meeting filters of a page's form, where an empty field means 'any'."""
    return (_form_day("since", since), _form_day("until", until),
            _choice("formality", formality, get_args(Formality)), _choice("kind", kind, get_args(Kind)))


def router() -> APIRouter:
    pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @pages.get("/")
    def home(request: Request, desk: Desk = Depends(_desk)) -> Response:
        return render(request, "home.html", data=home_data(desk.store), twin="/api/home")

    @pages.get("/actors/{name}")
    def actor(request: Request, name: str, desk: Desk = Depends(_desk)) -> Response:
        data = actor_data(desk.store, name)
        return render(request, "actor.html", data=data, actor=data["actors"][0] if data["actors"] else {"id": name, "name": name},
                      offices_svg=charts.office_timeline(data["offices"]),
                      meetings_svg=charts.meetings_chart(data["activity"]), twin=f"/api/actors/{path_part(name)}")

    @pages.get("/pairs/{a}/{b}")
    def pair(request: Request, a: str, b: str, desk: Desk = Depends(_desk)) -> Response:
        data = queries.pair(desk.store, a, b)
        return render(request, "pair.html", data=data, meetings_svg=charts.meetings_chart(data["activity"]),
                      strip_svg=charts.stance_strip(data["stances"], data["a"]["name"], data["b"]["name"]),
                      twin=f"/api/pairs/{path_part(a)}/{path_part(b)}")

    @pages.get("/articles")
    def articles(request: Request, outlet: str | None = None, cursor: str | None = Query(None, max_length=400),
                 desk: Desk = Depends(_desk)) -> Response:
        rows = queries.articles(desk.store, outlet=outlet, cursor=cursor, limit=51)
        return render(request, "articles.html", rows=rows[:50], next=queries.next_cursor(rows, 50, key="article_id"),
                      outlet=outlet, twin="/api/articles")

    @pages.get("/articles/{article_id}")
    def article(request: Request, article_id: str, desk: Desk = Depends(_desk)) -> Response:
        data = queries.article(desk.store, article_id)
        return render(request, "article.html", stored=True, twin=f"/api/articles/{path_part(article_id)}",
                      **_article_context(data))

    @pages.get("/meetings")
    def meetings(request: Request, a: str | None = None, b: str | None = None, cursor: str | None = Query(None, max_length=400),
                 chosen: FormFilters = Depends(form_filters), desk: Desk = Depends(_desk)) -> Response:
        since, until, formality, kind = chosen
        names = [n for n in (a, b) if n]
        rows = queries.meetings(desk.store, *names, since=since, until=until, formality=formality, kind=kind,
                                cursor=cursor, limit=51)
        filters = {"a": a, "b": b, "since": since, "until": until, "formality": formality, "kind": kind}
        return render(request, "meetings.html", rows=rows[:50], next=queries.next_cursor(rows, 50), filters=filters,
                      twin="/api/meetings")

    @pages.get("/network")
    def network(request: Request, limit: int = Query(150, ge=1, le=2000), chosen: FormFilters = Depends(form_filters),
                desk: Desk = Depends(_desk)) -> Response:
        since, until, formality, kind = chosen
        if since is None and until is None and not request.query_params:
            # By default the graph shows the newest meetings: a small corpus whole, a large one's last months.
            since = queries.recent_since(desk.store)
        edges = queries.network(desk.store, since=since, until=until, formality=formality, kind=kind, limit=limit)
        nodes: dict[str, Row] = {}
        for e in edges:
            for side in ("source", "target"):
                node = nodes.setdefault(e[side], {"id": e[side], "name": e[f"{side}_name"] or e[side], "meetings": 0})
                node["meetings"] += e["weight"]
        graph = {"nodes": list(nodes.values()), "edges": edges}
        filters = {"since": since, "until": until, "formality": formality, "kind": kind, "limit": limit}
        return render(request, "network.html", graph=graph, filters=filters, twin="/api/network")

    @pages.get("/search")
    def search(request: Request, q: str = Query("", max_length=500), kind: str | None = None,
               outlet: str | None = None, year: str | None = None, desk: Desk = Depends(_desk)) -> Response:
        kind, outlet, year = kind or None, outlet, year or None
        found = queries.search(desk.store, q, kind=kind, outlet=outlet, year=year) if q.strip() else None
        actors: list[Row] = []
        if q.strip():
            try:
                ids = queries.resolve_actor(desk.store, q.strip())
                actors = desk.store.fetchall(
                    f"SELECT id, name, kind, country FROM actors WHERE id IN ({', '.join('?' for _ in ids)})", ids)
            except NotFoundError:
                actors = []
        return render(request, "search.html", q=q, found=found, actors=actors,
                      filters={"kind": kind, "outlet": outlet, "year": year}, twin="/api/search")

    @pages.get("/actor")
    def find_actor(request: Request, name: str = Query(..., min_length=1, max_length=300)) -> Response:
        return RedirectResponse(f"/actors/{path_part(name.strip())}", status_code=303)

    @pages.get("/analyze")
    def analyze_form(request: Request) -> Response:
        return render(request, "analyze.html", result=None)

    @pages.post("/analyze")
    async def analyze(request: Request, text: str | None = Form(None), file: UploadFile | None = File(None),
                      title: str | None = Form(None), url: str | None = Form(None),
                      published: str | None = Form(None), store: bool = Form(False),
                      token: str | None = Form(None), desk: Desk = Depends(_desk)) -> Response:
        day = _form_day("published", published)
        article_, analysis, outcome = await analyze_submission(
            desk, text, file, title=title, url=url, published=day, store=store, token=token)
        context = _article_context(analysis_view(article_, analysis))
        return render(request, "analyze.html", result=context["article"], regions=context["regions"],
                      anchors=context["anchors"], outcome=outcome)

    return pages
