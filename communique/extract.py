"""One article in, one ``Analysis`` out: the pure function at the heart of communique.

Example::

    >>> from communique import Pipeline
    >>> pipeline = Pipeline()
    >>> analysis = pipeline.analyze_text("Vladimir Putin met Kassym-Jomart Tokayev in Astana on Monday.")
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from . import __version__
from .agents import actor_code
from .budget import time_budget
from .cameo import goldstein, quad_class
from .doctext import doc_text
from .errors import CommuniqueError, TimeBudgetError, TooLargeError, UnsupportedLanguageError
from .ingest import detect_language
from .kb import KnowledgeBase, load_kb
from .records import (
    Actor,
    Analysis,
    Article,
    ArticleInfo,
    Event,
    Evidence,
    PipelineInfo,
    Quote,
    Role,
    SCHEMA_ID,
    Span,
)
from .settings import load_settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


#: Articles handed to ``nlp.pipe`` at a time by ``Pipeline.analyze_many``.
BATCH_SIZE = 32
#: A text longer than this goes through the model's own pipes in pieces of at most this many characters,
#: cut at paragraph breaks, and the pieces join into one document for our components (issue 14): in one
#: piece, spaCy's time per character grows by a third from 10 KB to 1 MB and its working memory with the
#: text; in pieces both stay what they are on an article. Articles are far shorter, so nothing else changes.
PIECE_CHARS = 50_000
#: What a rule may raise on text it was not written for; one article's error, never the batch's.
_ANALYSIS_ERRORS = (ValueError, IndexError, KeyError, AttributeError, TypeError)


class Pipeline:
    """The NLP model, the knowledge base and our components, loaded once and reused."""

    def __init__(self, model: str | None = None, kb_path: str | None = None) -> None:
        settings = load_settings()
        model = model or settings["model"] or None
        kb_path = kb_path or settings["kb"] or None
        # spaCy and the components load here, not at import: `import communique` stays cheap (issue 13)
        from .actors import home_country
        from .nlp import load_nlp, model_label

        self._home_country = home_country
        self.kb: KnowledgeBase = load_kb(kb_path)
        self.nlp = load_nlp(model, kb_path)
        self.time_budget: float = settings["time_budget"]
        self.info = PipelineInfo(version=__version__, model=model_label(self.nlp), kb=self.kb.version)
        # one pipeline per language, the Russian one built when the first Russian article arrives
        self._nlps: dict[str, Language] = {"en": self.nlp}
        self._infos: dict[str, PipelineInfo] = {"en": self.info}

    def nlp_for(self, language: str) -> Language:
        """The spaCy pipeline that reads ``language`` ("en" or "ru"), loaded on first use."""
        if language not in self._nlps:
            if language != "ru":
                raise UnsupportedLanguageError("<pipeline>", f"no pipeline reads language {language!r}", language)
            from .nlp import model_label
            from .ru.pipeline import load_ru_nlp

            self._nlps["ru"] = load_ru_nlp()
            self._infos["ru"] = PipelineInfo(version=__version__, model=model_label(self._nlps["ru"]), kb=self.kb.version)
        return self._nlps[language]

    def routed(self, article: Article) -> Article:
        """``article`` with the language it is written in: a text handed over as English that is
        Russian goes to the Russian pipeline (``analyze_text`` and the evaluation sets say nothing)."""
        if article.language == "en" and detect_language(article.text) == "ru":
            return article.model_copy(update={"language": "ru"})
        return article

    def _doc(self, article: Article) -> Doc:
        return self._with_article(self.nlp_for(article.language).make_doc(article.text), article)

    def _with_article(self, doc: Doc, article: Article) -> Doc:
        doc._.cq_published = article.published
        doc._.cq_home = self._home_country(article.url)
        doc._.cq_kb = self.kb
        doc._.cq_title = article.title
        doc._.cq_outlet = article.outlet
        return doc

    def _check_size(self, article: Article) -> None:
        if len(article.text) > self.nlp.max_length:
            raise TooLargeError(
                article.source,
                f"the text has {len(article.text):,} characters; one article may have at most "
                f"{self.nlp.max_length:,} (spaCy's max_length); split it into its articles",
            )

    def analyze(self, article: Article, *, include_text: bool = False) -> Analysis:
        """Analyse one article within the time budget (``COMMUNIQUE_TIME_BUDGET``)."""
        article = self.routed(article)
        self._check_size(article)
        nlp = self.nlp_for(article.language)
        pipes = nlp.pipeline
        with time_budget(self.time_budget, article.source) as check:
            model = _model_pipes(nlp) if len(article.text) > PIECE_CHARS else 0
            if model:
                doc = self._with_article(_in_pieces(nlp, article.text, pipes[:model], check), article)
            else:
                doc = self._doc(article)
            # the components in turn, as Language.__call__ runs them, so that the budget is
            # checked between them even where no timer signal can interrupt (other threads)
            for _name, component in pipes[model:]:
                doc = component(doc)
                check()
        return to_analysis(doc, article, self._infos[article.language], include_text=include_text)

    def analyze_text(self, text: str, *, published: dt.date | None = None, **fields: object) -> Analysis:
        return self.analyze(Article(text=text, published=published, **fields))  # type: ignore[arg-type]

    def analyze_many(
        self, articles: Iterable[Article], *, include_text: bool = False, batch_size: int = BATCH_SIZE
    ) -> Iterator[tuple[Article, Analysis | CommuniqueError]]:
        """Analyse many articles in input order, through ``nlp.pipe`` in groups of ``batch_size``.

        One article's failure is yielded as its error and the rest go on: a group that fails as a
        whole is analysed again one article at a time, so only the bad article is lost.
        """
        group: list[Article] = []
        for article in articles:
            group.append(article)
            if len(group) == batch_size:
                yield from self._analyze_group(group, include_text)
                group = []
        if group:
            yield from self._analyze_group(group, include_text)

    def _analyze_group(
        self, group: list[Article], include_text: bool
    ) -> Iterator[tuple[Article, Analysis | CommuniqueError]]:
        sized: list[Article] = []
        apart: dict[int, Analysis | CommuniqueError] = {}  # errors, and long texts analysed in pieces
        group = [self.routed(article) for article in group]
        for i, article in enumerate(group):
            try:
                self._check_size(article)
            except CommuniqueError as exc:
                apart[i] = exc
                continue
            if len(article.text) > PIECE_CHARS:
                apart[i] = self._analyze_alone(article, include_text)
            else:
                sized.append(article)
        try:
            # a whole group gets one article's time budget; normal groups take a fraction of it, and
            # a group that runs out is analysed again one article at a time, each with its own budget
            with time_budget(self.time_budget, "<group>"):
                results: list[Analysis | CommuniqueError] = []
                for language, articles in _runs(sized):  # each language through its own pipeline
                    docs = iter(self.nlp_for(language).pipe((self._doc(a) for a in articles), batch_size=len(group)))
                    info = self._infos[language]
                    results += [to_analysis(next(docs), a, info, include_text=include_text) for a in articles]
        except TimeBudgetError:
            if len(sized) == 1:  # the group was this one article: its budget is spent
                results = [TimeBudgetError(sized[0].source, self.time_budget)]
            else:
                results = [self._analyze_alone(a, include_text) for a in sized]
        except _ANALYSIS_ERRORS:
            results = [self._analyze_alone(a, include_text) for a in sized]
        analysed = iter(zip(sized, results))
        for i, article in enumerate(group):
            yield (article, apart[i]) if i in apart else next(analysed)

    def _analyze_alone(self, article: Article, include_text: bool) -> Analysis | CommuniqueError:
        return analyze_alone(lambda a: self.analyze(a, include_text=include_text), article)


def _model_pipes(nlp: Language) -> int:
    """How many of the pipeline's first components read no more than their own piece of text: the
    model's pipes and the line breaks before the parser; ours after them read the whole article."""
    count = 0
    for name, _component in nlp.pipeline:
        if name.startswith("communique_") and name != "communique_lines":
            break
        count += 1
    return count


def _pieces(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back to it exactly, each cut
    after the last paragraph break of its piece's second half, else the last line break, else the last
    sentence end followed by a space, else the last space (a text with no space at all: anywhere)."""
    size = size or PIECE_CHARS
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        low, high = start + size // 2, start + size
        for mark in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(mark, low, high)
            if cut >= 0:
                cut += len(mark)
                break
        else:
            cut = high
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _in_pieces(nlp: Language, text: str, pipes: list[tuple[str, Callable[[Doc], Doc]]], check: Callable[[], None]) -> Doc:
    """``text`` through ``pipes`` piece by piece (``_pieces``), joined into one ``Doc`` of exactly ``text``."""
    from spacy.tokens import Doc

    done = []
    for piece in _pieces(text):
        doc = nlp.make_doc(piece)
        for _name, component in pipes:
            doc = component(doc)
            check()
        done.append(doc)
    joined = Doc.from_docs(done, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]  # the stub lacks it
    if len(doc_text(joined)) != len(text):  # the tokenizer never loses a character; this guards the join
        raise ValueError(f"pieces of {len(text):,} characters joined into {len(doc_text(joined)):,}")
    return joined


def _runs(articles: list[Article]) -> Iterator[tuple[str, list[Article]]]:
    """Consecutive articles of one language, in input order."""
    run: list[Article] = []
    for article in articles:
        if run and article.language != run[0].language:
            yield run[0].language, run
            run = []
        run.append(article)
    if run:
        yield run[0].language, run


def analyze_alone(analyze: Callable[[Article], Analysis], article: Article) -> Analysis | CommuniqueError:
    """``analyze(article)``, or the error that names the article and why it failed."""
    try:
        return analyze(article)
    except CommuniqueError as exc:
        return exc
    except _ANALYSIS_ERRORS as exc:
        # one malformed article must not lose the batch; say which one and why
        return CommuniqueError(f"{article.source}: analysis failed ({type(exc).__name__}: {exc})")


_DEFAULT: Pipeline | None = None


def extract(text_or_article: str | Article, *, published: dt.date | None = None) -> Analysis:
    """Analyse one text or article with a pipeline loaded on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    article = text_or_article if isinstance(text_or_article, Article) else Article(text=text_or_article, published=published, source="<text>")
    return _DEFAULT.analyze(article)


def _evidence(text: str, start: int, end: int) -> Evidence:
    """The sentence without its edge whitespace, offsets moved with it (text == text[start:end], issue 14)."""
    words = text[start:end]
    start += len(words) - len(words.lstrip())
    end = max(start, end - (len(words) - len(words.rstrip())))
    return Evidence(start=start, end=end, text=text[start:end])


def to_analysis(doc: Doc, article: Article, info: PipelineInfo, *, include_text: bool = False) -> Analysis:
    """Turn the annotations on a processed ``Doc`` into the contract's records."""
    text = doc_text(doc)
    mentions_by_actor: dict[str, list[Span]] = {}
    for mention in doc._.cq_mentions:
        mentions_by_actor.setdefault(mention.actor, []).append(
            Span(start=mention.start_char, end=mention.end_char, text=mention.text)
        )
    referenced: set[str] = set(mentions_by_actor)
    quotes = []
    for q in doc._.cq_quotes:
        mention = None
        if q.speaker_mention is not None:
            s, e = q.speaker_mention
            mention = Span(start=s, end=e, text=text[s:e])
        quotes.append(
            Quote(
                speaker=q.speaker,
                speaker_mention=mention,
                text=text[q.start_char : q.end_char],
                start=q.start_char,
                end=q.end_char,
                direct=q.direct,
                cue=q.cue,
                rule=q.rule,
                about=q.about,
                evidence=_evidence(text, *q.evidence),
            )
        )
    events = []
    for ev in doc._.cq_events:
        events.append(
            Event(
                plover=ev.plover, mode=ev.mode, cameo=ev.cameo, kind=ev.kind,  # type: ignore[arg-type]
                source=ev.source, target=ev.target, participants=ev.participants,
                formality=ev.formality, initiator=ev.initiator, recurring=ev.recurring,  # type: ignore[arg-type]
                status=ev.status, date=ev.date, date_text=ev.date_text, location=ev.location,  # type: ignore[arg-type]
                evidence=_evidence(text, *ev.evidence),
                more_evidence=[_evidence(text, s, e) for s, e in ev.more_evidence],
                confidence=round(ev.confidence, 2),
                quad_class=quad_class(ev.cameo) if ev.cameo[:2].isdigit() else None,
                goldstein=goldstein(ev.cameo),
                actor_codes={a: code for a in dict.fromkeys([*ev.source, *ev.target, *ev.participants])
                             if (code := actor_code(doc, a, ev.evidence)) is not None},
            )
        )
    roles = [
        Role(person=r.person, role=r.role, of=r.of, evidence=_evidence(text, r.start_char, r.end_char))
        for r in doc._.cq_roles
    ]
    for record_ids in [
        [r.person for r in roles],
        [e for ev in events for e in [*ev.participants, *ev.source, *ev.target, *([ev.initiator] if ev.initiator else [])]],
        [a for q in quotes for a in [*q.about, *([q.speaker] if q.speaker else [])]],
    ]:
        referenced.update(record_ids)
    actors = []
    # by first mention, then by id: actors named by no mention (groups an event names) otherwise came in
    # the order of a set of strings, which changes with each process's hash seed, and a re-analysis of
    # the same article in another process then read as a changed analysis to the store
    for actor_id in sorted(referenced, key=lambda a: (mentions_by_actor[a][0].start if a in mentions_by_actor else 10**9, a)):
        info_ = doc._.cq_actors.get(actor_id)
        if info_ is None:
            continue
        actors.append(
            Actor(
                id=actor_id, name=info_.name, kind=info_.kind, country=info_.country,  # type: ignore[arg-type]
                codes={k: v for k, v in (("cameo", info_.cameo), ("institution", info_.institution)) if v},
                mentions=mentions_by_actor.get(actor_id, []),
            )
        )
    return Analysis(
        schema=SCHEMA_ID,
        pipeline=info,
        article=ArticleInfo(
            id=article.id, url=article.url, title=article.title, outlet=article.outlet, author=article.author,
            published=article.published, published_text=article.published_text, language=article.language,
            text=article.text if include_text else None,
        ),
        actors=actors,
        quotes=quotes,
        events=events,
        roles=roles,
    )
