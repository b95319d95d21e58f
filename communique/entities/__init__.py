"""Entities: every mention of a document clustered into the actors it refers to.

Component ``communique_entities`` runs after ``communique_actors`` and before quotes and events,
which read its result from ``doc._.cq_mentions`` / ``doc._.cq_actors``. It applies the rules of
``contract/annotation.md`` (v1.1):

- **places are never actors that speak or meet**: a dateline ("MINSK, May 3 (Wire) —") and the
  article's own outlet lose their mentions; a demonym or country name read as a person is dropped;
- **one actor per person**: a surname, a partial name, a name in another order or spelling, or a
  name the model tagged as an organization joins the full name introduced in the article;
- **institutions**: "the Kremlin", "Erdogan's office", "the Russian Foreign Ministry", "the
  Algerian presidency", "a Kremlin readout" are organization actors of their country, and a later
  "the ministry", "the press service", "the statement" refers back to the last one of its kind;
- **spokespeople** without a name are a group actor "Spokesman for X";
- **office descriptions**: "his Algerian counterpart", "the Chinese leader", "Russia's top
  diplomat", "the Turkish side", "his guest", "the host" name the person holding that office on the
  article's date (the one the article names, else the knowledge base's holder);
- **pronouns** agree in gender with their antecedent (knowledge base, honorifics, first names);
- people outside the knowledge base get a local id from their normalised name and country, the same
  in every article.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..actors import ActorInfo, MentionInfo, RoleInfo
from ..doctext import doc_text
from ..institutions import fold
from .bodies import _institutions, _spokespeople
from .descriptions import _descriptions, _leaders_of
from .names import stable_id
from .people import _bare_surnames, _join_names, _join_split_names, _split_pairs, _surnames_named_in_article
from .pronouns import _pronouns, _pronouns_after_quotations
from .state import _State, document_kb
from .words import CONTACT_WORDS, DATELINE, DATELINES_KEY


class EntityLinker:
    """Clusters a document's mentions into entities (see the module docstring)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        state = self.find(doc)
        self.set_annotations(doc, state)
        return doc

    def find(self, doc: Doc) -> _State:
        kb = document_kb(doc)
        state = _State(doc, kb, list(doc._.cq_mentions or []), dict(doc._.cq_actors or {}),
                       list(doc._.cq_roles or []), doc._.cq_published, tokens=list(doc))
        _drop_places(state)
        _join_split_names(state)
        _split_pairs(state)
        _join_names(state)
        _surnames_named_in_article(state)
        _bare_surnames(state)
        _countries_from_roles(state)
        _pronouns(state)  # genders first: "her Chinese counterpart" is read through "her"
        _institutions(state)
        _spokespeople(state)
        _descriptions(state)
        _leaders_of(state)
        _pronouns(state)
        _pronouns_after_quotations(state)
        _stable_ids(state)
        state.mentions.sort(key=lambda m: m.start)
        return state

    def set_annotations(self, doc: Doc, state: _State) -> None:
        used = {m.actor for m in state.mentions} | {r.person for r in state.roles} | set(doc._.cq_authors or [])
        doc._.cq_mentions = state.mentions
        doc._.cq_actors = {k: v for k, v in state.actors.items() if k in used}
        doc._.cq_roles = state.roles


def dateline_spans(text: str) -> list[tuple[int, int, str | None]]:
    """Datelines at the start of a line: (start, end, outlet named in them)."""
    spans = []
    for match in DATELINE.finditer(text):
        if len(match.group("place")) < 3:
            continue
        spans.append((match.start(), match.end(), match.group("outlet")))
    return spans


def _drop_places(state: _State) -> None:
    doc = state.doc
    text = doc_text(doc)
    # communique_lines found them already when it ran (it makes each dateline a sentence of its own)
    lines = doc.user_data.get(DATELINES_KEY) or dateline_spans(text)
    state.datelines = lines
    outlets = {fold(o) for _, _, o in lines if o}
    if doc._.cq_outlet:
        outlets.add(fold(doc._.cq_outlet))
    # every place the outlet's own name appears ("..., the Nile Bulletin reported"): it reports, and
    # the words inside its name ("Nile") are nobody
    lowered = text.lower()  # same length as the text, unlike a folded copy
    named = [(mt.start(), mt.end()) for o in outlets if len(o) > 2 for mt in re.finditer(re.escape(o), lowered)]
    state.silent = [(s, e) for s, e, _ in lines] + named
    kept = []
    for m in state.mentions:
        if any(s <= m.start_char < e for s, e, _ in lines):
            continue  # "MOSCOW, April 3 (Wire) —": the place and the outlet report, they do not act
        if fold(m.text) in outlets or any(s <= m.start_char < e for s, e in named):
            continue
        if m.via == "name" and state.kind(m.actor) == "organization" and fold(m.text) in CONTACT_WORDS:
            continue  # "Summit" capitalised in a title is the meeting, not a body that meets
        if m.end - m.start == 1 and m.start > 0 and state.doc[m.start - 1].lower_ == "the" and m.via == "name" \
                and state.kind(m.actor) == "person":
            continue  # "the Order of the Nile", "into the Tigris": a person is never "the <surname>"
        info = state.actors.get(m.actor)
        if info is not None and info.kind == "person" and m.via == "name" and (
                state.kb.country_by_demonym(m.text) or state.kb.country_by_name(m.text)):
            continue  # "Moldovan" tagged as a person
        kept.append(m)
    state.mentions = kept


def _countries_from_roles(state: _State) -> None:
    """A person outside the KB takes the country of the office the article gives them."""
    for actor_id, info in state.actors.items():
        if info.kind == "person" and info.country is None:
            info.country = next((c for c in (_role_country(state, r) for r in state.roles if r.person == actor_id) if c), None)


# -- ids ------------------------------------------------------------------------------------------
def _stable_ids(state: _State) -> None:
    """People outside the KB: one id from the fullest name and the country the article gives."""
    remap: dict[str, ActorInfo] = {}
    for actor_id, info in list(state.actors.items()):
        if info.known or info.kind != "person":
            continue
        new = ActorInfo(stable_id(info.name, "person", info.country), info.name, info.kind, info.country, info.cameo,
                        known=False)
        if new.id != actor_id:
            remap[actor_id] = new
    if not remap:
        return
    for old, new in remap.items():
        state.actors.pop(old, None)
        state.actors[new.id] = new
    state.mentions = [MentionInfo(m.start, m.end, remap[m.actor].id, m.via, m.start_char, m.end_char, m.text)
                      if m.actor in remap else m for m in state.mentions]
    state.roles = [RoleInfo(remap[r.person].id, r.role, r.of, r.start_char, r.end_char)
                   if r.person in remap else r for r in state.roles]


def _role_country(state: _State, role: RoleInfo) -> str | None:
    if not role.of:
        return None
    place = state.kb.country_by_name(role.of)
    return place.country if place is not None else None


@Language.factory(
    "communique_entities",
    requires=["doc._.cq_mentions", "doc._.cq_actors", "token.dep"],
    assigns=["doc._.cq_mentions", "doc._.cq_actors", "doc._.cq_roles"],
)
def make_entities(nlp: Language, name: str) -> EntityLinker:
    return EntityLinker(nlp)
