"""Pronouns: he and she agree in gender with their antecedent (knowledge base, honorifics, first names)."""

from __future__ import annotations

from ..actors import ActorInfo, MentionInfo, _quoted_mask
from ..kb import norm_name
from .state import _State
from .words import FEMALE_WORDS, MALE_WORDS, words


# -- pronouns -------------------------------------------------------------------------------------
def gender_of(state: _State, actor: ActorInfo) -> str | None:
    """"male" / "female" from the KB, a title or honorific used with the name, or the first name."""
    if actor.id in state.gender:
        return state.gender[actor.id] or None
    found: str | None = None
    kb_actor = state.kb.get(actor.id)
    found = getattr(kb_actor, "gender", None) if kb_actor is not None else None
    lex = words()
    if found is None:
        for m in state.mentions:
            if m.actor != actor.id or m.via != "name":
                continue
            before = state.doc[max(0, m.start - 2):m.start]
            titles = {t.lower_.rstrip(".") for t in before}
            if titles & lex.female_titles:
                found = "female"
            elif titles & lex.male_titles:
                found = "male"
            if found:
                break
    if found is None:
        first = norm_name(actor.name).split()[:1]
        if first and first[0] in lex.female_names:
            found = "female"
        elif first and first[0] in lex.male_names:
            found = "male"
    state.gender[actor.id] = found or ""
    return found


def _pronouns(state: _State) -> None:
    """A pronoun whose antecedent has the other gender moves to the nearest person of its own."""
    for i, m in enumerate(state.mentions):
        if m.via != "pronoun":
            continue
        word = m.text.lower()
        wanted = "male" if word in MALE_WORDS else "female" if word in FEMALE_WORDS else None
        info = state.actors.get(m.actor)
        if wanted is None or info is None or gender_of(state, info) in (None, wanted):
            continue
        candidates = [c for c in state.mentions if c.start < m.start and c.via != "pronoun"
                      and state.kind(c.actor) == "person" and gender_of(state, state.actors[c.actor]) == wanted]
        if candidates:
            state.mentions[i] = MentionInfo(m.start, m.end, candidates[-1].actor, m.via, m.start_char, m.end_char, m.text)
            state._indexed = None


def _pronouns_after_quotations(state: _State) -> None:
    """"He added: ..." after a paragraph-long quotation: the pronoun the actor layer left without an
    antecedent (nobody named in the three sentences before it) refers to the last person named in the
    narrative, counting back over sentences that lie wholly inside quotation marks, which name the
    speaker's words, not the people "he" can be. Gender must agree where it is known."""
    doc = state.doc
    quoted = _quoted_mask(doc)
    people = [m for m in state.mentions if not quoted[m.start] and state.kind(m.actor) == "person"]
    if not people:
        return
    for token in state.tokens:
        word = token.lower_
        if word not in ("he", "she") or token.pos_ != "PRON" or quoted[token.i] or state.at(token.i) is not None:
            continue
        start, narrative, steps = token.sent.start, 0, 0
        while start > 0 and narrative < 3 and steps < 15:
            sent = doc[start - 1].sent
            start, steps = sent.start, steps + 1
            if any(not quoted[t.i] for t in sent if t.is_alpha):
                narrative += 1
        wanted = "male" if word == "he" else "female"
        earlier = [m for m in people if start <= m.start < token.i
                   and gender_of(state, state.actors[m.actor]) in (wanted, None)]
        if not earlier:
            continue
        last_sent = doc[earlier[-1].start].sent
        subjects = [m for m in earlier if doc[m.start].sent == last_sent and doc[m.start].dep_ in ("nsubj", "nsubjpass")]
        chosen = (subjects or earlier)[-1 if not subjects else 0]
        added = state.add(token.i, token.i + 1, state.actors[chosen.actor], "pronoun")
        if added is not None:
            people.append(added)
            people.sort(key=lambda m: m.start)
