"""The entity layer's working state for one document: mentions, actors and roles as they are merged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..actors import ActorInfo, MentionInfo, RoleInfo
from ..kb import KBActor, KnowledgeBase


@dataclass
class _State:
    doc: Doc
    kb: KnowledgeBase
    mentions: list[MentionInfo]
    actors: dict[str, ActorInfo]
    roles: list[RoleInfo]
    published: dt.date | None
    gender: dict[str, str] = field(default_factory=dict)
    silent: list[tuple[int, int]] = field(default_factory=list)  # datelines and the outlet's own name
    datelines: list[tuple[int, int, str | None]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)  # spaCy makes a new Token on every access: read once
    # token -> mention, so that looking a token up costs the same in a long article as in a short one
    # (issue 14: a scan of every mention per token made long articles quadratic)
    _index: list[MentionInfo | None] = field(default_factory=list)
    _indexed: list[MentionInfo] | None = None
    # bumped whenever mentions change otherwise than by an appended one: what is built on the list
    # (the actors in order of first mention) is then built again, else only extended
    _epoch: int = 0
    _seen: dict[str, None] = field(default_factory=dict)
    _seen_at: tuple[int, int] = (-1, 0)  # (epoch, how many mentions) _seen was taken from

    def reindex(self) -> None:
        """Rebuild the token index (after mentions were replaced in place or the list reassigned)."""
        self._index = [None] * len(self.doc)
        for m in self.mentions:
            for i in range(m.start, min(m.end, len(self._index))):
                if self._index[i] is None:
                    self._index[i] = m
        self._indexed = self.mentions
        self._epoch += 1

    def first_seen(self) -> list[str]:
        """Actor ids in the order of their first mention in ``mentions``: what a walk of every mention
        in list order finds first, at the cost of the mentions added since the last call (issue 14)."""
        if self._indexed is not self.mentions:
            self.reindex()
        epoch, done = self._seen_at
        if epoch != self._epoch:
            self._seen, done = {}, 0
        for m in self.mentions[done:]:
            self._seen.setdefault(m.actor)
        self._seen_at = (self._epoch, len(self.mentions))
        return list(self._seen)

    def add(self, start: int, end: int, actor: ActorInfo, via: str) -> MentionInfo | None:
        span = self.doc[start:end]
        if any(s <= span.start_char < e for s, e in self.silent):
            return None
        if self._indexed is not self.mentions:
            self.reindex()
        self.actors.setdefault(actor.id, actor)
        mention = MentionInfo(start, end, actor.id, via, span.start_char, span.end_char, span.text)
        gone = {id(m): m for m in self._index[start:end] if m is not None}
        if gone:
            # a new list without them, found by identity in C (a scan in Python per overlapping
            # mention made long articles quadratic, issue 14)
            ids = list(map(id, self.mentions))
            places = []
            for key in gone:
                at = -1
                while True:
                    try:
                        at = ids.index(key, at + 1)
                    except ValueError:
                        break
                    places.append(at)
            kept = self.mentions.copy()
            for at in sorted(places, reverse=True):
                del kept[at]
            self.mentions = kept
            self._epoch += 1
            for m in gone.values():
                for i in range(m.start, m.end):
                    self._index[i] = None
        self.mentions.append(mention)
        for i in range(start, end):
            self._index[i] = mention
        self._indexed = self.mentions
        return mention

    def at(self, i: int) -> MentionInfo | None:
        if self._indexed is not self.mentions:
            self.reindex()
        return self._index[i] if 0 <= i < len(self._index) else None

    def kind(self, actor_id: str) -> str:
        info = self.actors.get(actor_id)
        return info.kind if info else ""


def document_kb(doc: Doc) -> KnowledgeBase:
    """The knowledge base the pipeline put on ``doc``, or the default one (a component run alone)."""
    kb: KnowledgeBase | None = doc._.cq_kb
    if kb is None:
        from ..kb import load_kb

        kb = load_kb()
    return kb


def _apply(state: _State, remap: dict[str, str]) -> None:
    """Point every mention and role of a remapped actor at its entity."""
    if not remap:
        return
    for i, m in enumerate(state.mentions):
        final = remap.get(m.actor)
        seen = {m.actor}
        while final in remap and final not in seen:  # follow chains, never round a cycle
            seen.add(final)
            final = remap[final]
        if final and final != m.actor:
            state.mentions[i] = MentionInfo(m.start, m.end, final, m.via, m.start_char, m.end_char, m.text)
            state._indexed = None
    for i, r in enumerate(state.roles):
        if r.person in remap:
            state.roles[i] = RoleInfo(remap[r.person], r.role, r.of, r.start_char, r.end_char)
    _dedupe_roles(state)


def _dedupe_roles(state: _State) -> None:
    seen: set[tuple[str, str, str | None]] = set()
    kept = []
    for r in state.roles:
        key = (r.person, r.role, r.of)
        if key not in seen:
            seen.add(key)
            kept.append(r)
    state.roles = kept


def _info(state: _State, actor: KBActor) -> ActorInfo:
    return state.actors.get(actor.id) or ActorInfo(actor.id, actor.name, actor.kind, actor.country, actor.cameo)
