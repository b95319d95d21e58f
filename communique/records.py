"""The records communique produces: one typed model shared by every module.

``Article`` is what ingest reads; ``Analysis`` is the contract's JSON object
(``communique.analysis/1``) for one article. Every record that states something points at its
``Evidence``: the sentence and its character offsets into ``Article.text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "communique.analysis/1"

ActorKind = Literal["person", "organization", "country", "group"]
Formality = Literal["formal", "informal", "unspecified"]
Status = Literal["held", "planned", "cancelled"]
MeetingKind = Literal["meeting", "visit", "summit", "phone_call", "video_call", "talks"]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def shared_words(first: list[str], second: list[str]) -> int:
    """How many words two texts have in common, counting repeats (a multiset intersection)."""
    return sum((Counter(first) & Counter(second)).values())


def article_id(text: str) -> str:
    """The article id: the first 16 hex digits of the SHA-256 of its whitespace-normalised text."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


class Article(_Record):
    """One article as read from its source, before analysis."""

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    url: str | None = None
    source: str = Field("<text>", description="Where the article was read from (path, URL, '-').")
    language: str = "en"

    @property
    def id(self) -> str:
        return article_id(self.text)


class Span(_Record):
    """Words of the article: character offsets into ``article.text`` and the words themselves."""

    start: int
    end: int
    text: str


class Evidence(_Record):
    """The sentence a record comes from, with its character offsets into ``article.text``."""

    start: int
    end: int
    text: str


class Actor(_Record):
    id: str = Field(description="Wikidata QID where known, else a stable local id.")
    name: str
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code.")
    codes: dict[str, str] = Field(default_factory=dict)
    mentions: list[Span] = Field(default_factory=list)


class Quote(_Record):
    speaker: str | None = Field(description="Actor id of the speaker, null when unknown.")
    speaker_mention: Span | None = Field(description="The words naming the speaker, null when implicit.")
    text: str
    start: int
    end: int
    direct: bool = Field(description="Inside quotation marks (or a transcript turn); false = reported speech.")
    cue: str | None = Field(description="The verb, noun or label that attributes the quote.")
    rule: str = Field(description="Which attribution rule found the quote, for auditing.")
    about: list[str] = Field(default_factory=list)
    evidence: Evidence


class Event(_Record):
    plover: str
    mode: str | None = None
    cameo: str
    kind: MeetingKind | None = None
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    formality: Formality = "unspecified"
    initiator: str | None = None
    recurring: bool = False
    status: Status = "held"
    date: dt.date | None = None
    date_text: str | None = None
    location: str | None = None
    evidence: Evidence
    more_evidence: list[Evidence] = Field(
        default_factory=list, description="Later mentions of the same event in the article."
    )
    confidence: float = Field(ge=0.0, le=1.0)
    quad_class: int | None = Field(
        None, ge=1, le=4,
        description="CAMEO quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
    )
    goldstein: float | None = Field(
        None, ge=-10.0, le=10.0,
        description="Goldstein conflict-cooperation score of the CAMEO code, -10 (most conflictual) to +10 (most "
        "cooperative), from GDELT's CAMEO adaptation of Goldstein (1992); data/cameo_goldstein.tsv names the source.",
    )
    actor_codes: dict[str, str] = Field(
        default_factory=dict,
        description="CAMEO actor code of each source, target and participant as this event's sentence describes it "
        "(country or organization code plus agent: RUSMIL, KAZOPP).",
    )


class Role(_Record):
    person: str = Field(description="Actor id of the office holder.")
    role: str
    of: str | None = Field(description="Country or organization name.")
    evidence: Evidence


class PipelineInfo(_Record):
    version: str
    model: str
    kb: str


class ArticleInfo(_Record):
    id: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_text: str | None = None
    language: str = "en"
    text: str | None = Field(None, description="The analysed text, with --include-text.")


class Analysis(_Record):
    """Everything communique found in one article (contract ``communique.analysis/1``)."""

    schema_: str = Field(SCHEMA_ID, alias="schema")
    pipeline: PipelineInfo
    article: ArticleInfo
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def to_json(self, *, indent: int | None = 1) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True)

    def actor(self, actor_id: str | None) -> Actor | None:
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None


def analysis_json_schema() -> dict[str, object]:
    """The JSON Schema of the analysis object, generated from the models."""
    schema = Analysis.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    return schema
