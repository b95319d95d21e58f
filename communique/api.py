"""The analyst's desk: a FastAPI app serving JSON under ``/api/`` and HTML pages (issue 12).

One query layer, two faces: every page and its JSON twin call the same function of
``communique.queries``. The app is read-only unless it is created with ``allow_writes`` and a
bearer token; request bodies are capped; uploads are kept only inside the data directory.

Example::

    from communique.api import DeskSettings, create_app
    from communique.store import open_store
    app = create_app(open_store("sqlite:///corpus.db"), DeskSettings())
    # uvicorn.run(app, port=8000)  — or `communique serve`
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import __version__, queries
from .batch import Analyzer
from .errors import CommuniqueError, InputError, NotFoundError, QueryError, StoreError
from .records import Analysis, Article
from .store import Store

try:
    from fastapi import APIRouter, Depends, FastAPI, File, Form, Query, Request, UploadFile
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from pydantic import BaseModel, Field
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError("the desk needs the web extra: pip install 'communique[web]'") from exc

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

Formality = Literal["formal", "informal", "unspecified"]
Kind = Literal["meeting", "visit", "summit", "phone_call", "video_call", "talks"]
Status = Literal["held", "planned", "cancelled"]
OutputFormat = Literal["json", "csv"]

#: Largest request body accepted by default (an article upload with room to spare).
MAX_BODY = 2 * 1024 * 1024
#: Largest page of a list.
MAX_LIMIT = 1000
#: Suffixes an upload may keep in the data directory; anything else is stored as text.
UPLOAD_SUFFIXES = {".html": ".html", ".htm": ".html", ".xhtml": ".html", ".txt": ".txt", ".text": ".txt", ".md": ".txt"}


@dataclass(frozen=True)
class DeskSettings:
    """How the desk runs: read-only unless ``allow_writes``; writes need ``token`` as a bearer token."""

    allow_writes: bool = False
    token: str | None = None
    max_body: int = MAX_BODY
    data_dir: Path = field(default_factory=lambda: Path("communique-data"))
    #: Builds the NLP pipeline on the first analysis (the model loads in seconds, so not at start).
    analyzer_factory: Callable[[], Analyzer] | None = None

    def __post_init__(self) -> None:
        if self.allow_writes and not self.token:
            raise ValueError("allow_writes needs a token; `communique serve --allow-writes` generates one")
        if self.max_body < 1:
            raise ValueError(f"max_body must be positive, not {self.max_body}")


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limit`` bytes (by header, then by counting)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    raise _TooLarge()
            return message

        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the app's own answer to a cut-off body is replaced by the 413 below
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not refused:
                raise
        if refused and not started:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"error": {"code": 413, "message": f"the request body is larger than {self.limit:,} bytes"}})
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body.encode()})


class _TooLarge(Exception):
    pass


#: Sent with every response: no script but ours, no framing, no sniffing (issue 12, Security).
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


class Desk:
    """The app's state: the store, the settings and the pipeline, once loaded."""

    def __init__(self, store: Store, settings: DeskSettings, analyzer: Analyzer | None = None) -> None:
        self.store = store
        self.settings = settings
        self._analyzer = analyzer

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            if self.settings.analyzer_factory is not None:
                self._analyzer = self.settings.analyzer_factory()
            else:
                from .extract import Pipeline

                self._analyzer = Pipeline()
        return self._analyzer

    def token_ok(self, given: str | None) -> bool:
        """Whether writes are allowed and ``given`` is the token (compared in constant time)."""
        expected = self.settings.token
        if not self.settings.allow_writes or not expected or not given:
            return False
        return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))

    def check_write(self, given: str | None) -> None:
        """Raise ``WriteRefused`` unless this request may write."""
        if not self.settings.allow_writes:
            raise WriteRefused(403, "the desk is read-only; start it with `communique serve --allow-writes`")
        if not self.token_ok(given):
            raise WriteRefused(401, "writing needs the desk's token: send 'Authorization: Bearer <token>'")

    def read_upload(self, name: str, data: bytes, *, title: str | None, url: str | None,
                    published: dt.date | None) -> Article:
        """An article from an uploaded file's bytes (HTML or text, by suffix or content)."""
        from .ingest import article_from_html, article_from_text, looks_like_html

        source = f"upload:{safe_name(name)}"
        if suffix_of(name) == ".html" or (suffix_of(name) is None and looks_like_html(data)):
            return article_from_html(data, source, published=published, url=url, title=title)
        return article_from_text(data, source, published=published, url=url, title=title)

    def keep_upload(self, article: Article, name: str, data: bytes) -> Path:
        """Write an upload into ``data_dir/uploads`` under the article's id, never under the name sent."""
        folder = (self.settings.data_dir / "uploads").resolve()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{article.id}{suffix_of(name) or '.txt'}"
        if target.parent != folder:  # the id is hex, so this cannot happen; checked all the same
            raise InputError(name, "the upload would be written outside the data directory")
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(target)
        return target


class WriteRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def safe_name(name: str) -> str:
    """An uploaded file's name without folders or unusual characters, for display only."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = re.sub(r"[^\w.\- ]", "_", base).strip(" .") or "upload"
    return cleaned[:100]


def suffix_of(name: str) -> str | None:
    """The kept suffix of an uploaded file's name (``.html`` or ``.txt``), or None when unknown."""
    match = re.search(r"\.[A-Za-z]+$", safe_name(name))
    return UPLOAD_SUFFIXES.get(match.group(0).lower()) if match else None


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def desk_of(request: Request) -> Desk:
    desk: Desk = request.app.state.desk
    return desk


def listing(rows: list[queries.Row], limit: int, fmt: OutputFormat, *, date: str = "date",
            key: str = "event_id") -> Any:
    """A page of a list (read with ``limit + 1``) as JSON with its ``next`` cursor, or as CSV."""
    cursor = queries.next_cursor(rows, limit, date, key)
    rows = rows[:limit]
    if fmt == "csv":
        headers = {"x-next-cursor": cursor} if cursor else {}
        return Response(queries.to_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)
    return {"items": rows, "next": cursor, "limit": limit}


def as_csv(rows: list[queries.Row]) -> Response:
    return Response(queries.to_csv(rows), media_type="text/csv; charset=utf-8")


LimitQuery = Query(50, ge=1, le=MAX_LIMIT, description="Rows per page.")
FormatQuery = Query("json", description="json, or csv for a spreadsheet.")
CursorQuery = Query(None, max_length=400, description="The 'next' value of the previous page.")


def _router() -> APIRouter:
    api = APIRouter(prefix="/api")

    @api.get("/stats", summary="What the store holds")
    def stats(desk: Desk = Depends(desk_of)) -> Any:
        return queries.stats(desk.store)

    @api.get("/home", summary="The home page's data: latest meetings, most active pairs and actors")
    def home(desk: Desk = Depends(desk_of)) -> Any:
        return home_data(desk.store)

    @api.get("/articles", summary="Stored articles, newest first")
    def articles(since: dt.date | None = None, until: dt.date | None = None, outlet: str | None = None,
                 cursor: str | None = CursorQuery, limit: int = LimitQuery, format: OutputFormat = FormatQuery,
                 desk: Desk = Depends(desk_of)) -> Any:
        rows = queries.articles(desk.store, since=since, until=until, outlet=outlet, cursor=cursor, limit=limit + 1)
        return listing(rows, limit, format, key="article_id")

    @api.get("/articles/{article_id}", summary="One article's stored analysis, with offsets into its text")
    def article(article_id: str, desk: Desk = Depends(desk_of)) -> Any:
        return queries.article(desk.store, article_id)

    @api.get("/actors/{name}", summary="An actor: offices, meetings over time, partners, quotes by and about")
    def actor(name: str, desk: Desk = Depends(desk_of)) -> Any:
        return actor_data(desk.store, name)

    @api.get("/pairs/{a}/{b}", summary="Two actors: meetings, what each said of the other, praise and criticism")
    def pair(a: str, b: str, desk: Desk = Depends(desk_of)) -> Any:
        return queries.pair(desk.store, a, b)

    @api.get("/meetings", summary="Meetings of everyone, one actor (actor=A) or a pair (actor=A&actor=B)")
    def meetings(actor: list[str] = Query([], max_length=2, description="Zero, one or two actors."),
                 since: dt.date | None = None, until: dt.date | None = None, formality: Formality | None = None,
                 kind: Kind | None = None, status: Status | None = None, cursor: str | None = CursorQuery,
                 limit: int = LimitQuery, format: OutputFormat = FormatQuery, desk: Desk = Depends(desk_of)) -> Any:
        if len(actor) > 2:
            raise QueryError("actor", f"give at most two actors, not {len(actor)}")
        rows = queries.meetings(desk.store, *actor, since=since, until=until, formality=formality, kind=kind,
                                status=status, cursor=cursor, limit=limit + 1)
        return listing(rows, limit, format)

    @api.get("/quotes", summary="Quotes by a speaker, about an actor, or matching words")
    def quotes(by: str | None = None, about: str | None = None, q: str | None = Query(None, max_length=500),
               since: dt.date | None = None, until: dt.date | None = None, cursor: str | None = CursorQuery,
               limit: int = LimitQuery, format: OutputFormat = FormatQuery, desk: Desk = Depends(desk_of)) -> Any:
        rows = queries.quotes(desk.store, by=by, about=about, search=q, since=since, until=until, cursor=cursor,
                              limit=limit + 1)
        return listing(rows, limit, format, key="quote_id")

    @api.get("/network", summary="Who met whom: actor pairs weighted by their meetings")
    def network(since: dt.date | None = None, until: dt.date | None = None, formality: Formality | None = None,
                kind: Kind | None = None, limit: int = Query(200, ge=1, le=5000, description="Heaviest edges kept."),
                format: OutputFormat = FormatQuery, desk: Desk = Depends(desk_of)) -> Any:
        rows = queries.network(desk.store, since=since, until=until, formality=formality, kind=kind, limit=limit)
        return as_csv(rows) if format == "csv" else {"items": rows, "next": None, "limit": limit}

    @api.get("/search", summary="Full text over quotes and event evidence, with facets")
    def search(q: str = Query(..., min_length=1, max_length=500), kind: Literal["quote", "event"] | None = None,
               outlet: str | None = None, year: str | None = Query(None, pattern=r"^\d{4}$"),
               limit: int = LimitQuery, format: OutputFormat = FormatQuery, desk: Desk = Depends(desk_of)) -> Any:
        found = queries.search(desk.store, q, kind=kind, outlet=outlet, year=year, limit=limit)
        return as_csv(found["hits"]) if format == "csv" else found

    @api.post("/analyze", summary="Analyse a text or an uploaded file; with store=true, keep it (needs the token)")
    async def analyze(request: Request, text: str | None = Form(None), file: UploadFile | None = File(None),
                      title: str | None = Form(None), url: str | None = Form(None),
                      published: dt.date | None = Form(None), store: bool = Form(False),
                      desk: Desk = Depends(desk_of)) -> Any:
        article, analysis, outcome = await analyze_submission(
            desk, text, file, title=title, url=url, published=published, store=store, token=bearer(request))
        return {"article_id": article.id, "stored": outcome, "analysis": analysis.to_dict()}

    @api.post("/articles", status_code=201, summary="Analyse an article and store it (needs the token)")
    def ingest_article(body: ArticleIn, request: Request, desk: Desk = Depends(desk_of)) -> Any:
        desk.check_write(bearer(request))
        from .ingest import article_from_text

        article = article_from_text(body.text, "api", published=body.published, url=body.url, title=body.title)
        if body.outlet:
            article = article.model_copy(update={"outlet": body.outlet})
        outcome = desk.store.save(article, desk.analyzer.analyze(article))
        return {"article_id": article.id, "stored": outcome}

    return api


class ArticleIn(BaseModel):
    """An article sent to ``POST /api/articles``."""

    text: str = Field(min_length=1, pattern=r"^[^\x00]*$")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    published: dt.date | None = None


async def analyze_submission(
    desk: Desk, text: str | None, file: Any, *, title: str | None, url: str | None, published: dt.date | None,
    store: bool, token: str | None,
) -> tuple[Article, Analysis, str | None]:
    """Analyse what a form or API call sent; with ``store``, check the token, keep the upload and save."""
    from starlette.concurrency import run_in_threadpool

    if store:
        desk.check_write(token)
    article, raw, name = await read_submission(desk, text, file, title=title, url=url, published=published)
    # The model runs in a worker thread so that other pages keep answering meanwhile.
    analysis: Analysis = await run_in_threadpool(lambda: desk.analyzer.analyze(article))
    outcome: str | None = None
    if store:
        if raw is not None:
            desk.keep_upload(article, name, raw)
        outcome = desk.store.save(article, analysis)
    return article, analysis, outcome


async def read_submission(desk: Desk, text: str | None, file: Any, *, title: str | None, url: str | None,
                          published: dt.date | None) -> tuple[Article, bytes | None, str]:
    """The article a form or API call sent: pasted text or one uploaded file, not both."""
    from .ingest import article_from_text

    has_file = file is not None and getattr(file, "filename", None)
    if has_file and text and text.strip():
        raise InputError("form", "give pasted text or a file, not both")
    if has_file:
        raw = await file.read(desk.settings.max_body + 1)
        name = str(file.filename)
        return desk.read_upload(name, raw, title=title or None, url=url or None, published=published), raw, name
    if not text or not text.strip():
        raise InputError("form", "paste an article's text or choose a file")
    return article_from_text(text, "pasted text", published=published, url=url or None, title=title or None), None, ""


def home_data(store: Store) -> queries.Row:
    """The home page: the latest meetings, and the pairs and actors most active among the newest meetings."""
    return {"latest_meetings": queries.meetings(store, limit=10), "most_active": queries.most_active(store, limit=10)}


def actor_data(store: Store, name: str) -> queries.Row:
    """The actor page: the profile plus meetings per month by formality and initiative."""
    profile = queries.actor_profile(store, name, limit=10)
    profile["activity"] = queries.activity(store, name)
    # The quotes again with their reports, so each links to its sentence in the article.
    profile["recent_quotes_by"] = queries.quotes(store, by=name, limit=10)
    profile["recent_quotes_about"] = queries.quotes(store, about=name, limit=10)
    return profile


def _error_status(exc: CommuniqueError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, (QueryError, InputError)):
        return 422 if isinstance(exc, InputError) else 400
    if isinstance(exc, StoreError):
        return 500
    return 400


def create_app(store: Store, settings: DeskSettings | None = None, *, analyzer: Analyzer | None = None) -> FastAPI:
    """The desk: JSON under ``/api/`` (OpenAPI at ``/api/openapi.json``) and the HTML pages.

    ``analyzer`` (a loaded ``Pipeline``) is used for the analyze page; without it one is
    loaded on the first analysis.
    """
    from .web import pages

    settings = settings or DeskSettings()
    app = FastAPI(
        title="communique desk", version=__version__,
        description="Who met whom, who said what, who holds which office: the store's questions over HTTP.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # the bundled UIs load from a CDN
    )
    app.state.desk = Desk(store, settings, analyzer)
    app.include_router(_router())
    app.include_router(pages.router())
    app.mount("/static", StaticFiles(packages=[("communique.web", "static")]), name="static")

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/")

    def error(request: Request, status: int, message: str, code: str | None = None) -> Response:
        if wants_html(request):
            return pages.error_page(request, status, message)
        return JSONResponse({"error": {"code": code or str(status), "message": message}}, status_code=status)

    @app.exception_handler(CommuniqueError)
    async def communique_error(request: Request, exc: CommuniqueError) -> Response:
        return error(request, _error_status(exc), exc.message, exc.code)

    @app.exception_handler(WriteRefused)
    async def refused(request: Request, exc: WriteRefused) -> Response:
        response = error(request, exc.status, exc.message)
        if exc.status == 401:
            response.headers["www-authenticate"] = "Bearer"
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}" for e in exc.errors()
        )
        return error(request, 422, problems or "invalid request")

    @app.middleware("http")
    async def no_nul_characters(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # No stored text holds a NUL, and PostgreSQL refuses one in a parameter: answer 400 at the edge.
        for name, value in [("path", request.url.path), *request.query_params.multi_items()]:
            if "\x00" in value:
                return error(request, 400, f"{name}: contains a NUL character")
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    app.add_middleware(BodyLimit, limit=settings.max_body)
    return app
