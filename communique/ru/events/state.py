"""What the component knows while it reads a document: the contacts found so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...events import EventInfo
from ...kb import KnowledgeBase


@dataclass
class _Contact:
    """One contact while the document is read: its record and the tokens it came from."""

    event: EventInfo
    clause: Token  # the verb that carries it (or the trigger itself)
    trigger: Token
    informal_part: bool = False
    host: str | None = None
    pending: bool = False  # a gathering whose attendees a later sentence names («В нём участвовали …»)


@dataclass
class _State:
    doc: Doc
    kb: KnowledgeBase | None
    published: dt.date | None
    contacts: list[_Contact] = field(default_factory=list)
