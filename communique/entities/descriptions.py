"""Office descriptions: "his Algerian counterpart", "the Chinese leader", "the host", "the leaders of
A, B and C" name the person holding that office on the article's date."""

from __future__ import annotations

from spacy.tokens import Token

from ..actors import ActorInfo, MentionInfo
from ..kb import norm_name
from .state import _info, _State
from .words import BODY_HEAD_OFFICES, LEADER_PLURALS, words


def _names_someone(state: _State, token: Token) -> bool:
    """"spokesman Dmitry Peskov", "Peskov, the Kremlin spokesman", "spokeswoman Maria Zakharova"."""
    doc = state.doc
    for i in range(token.i + 1, min(token.i + 4, len(doc))):
        if doc[i].is_sent_start:
            break  # "... with her Chinese counterpart. Wang told her": the next sentence names no one here
        m = state.at(i)
        if m is not None and state.kind(m.actor) == "person" and m.via == "name":
            return i == token.i + 1 or all(doc[j].is_punct or doc[j].lower_ in ("mr", "ms") for j in range(token.i + 1, i))
        if not (doc[i].is_punct or doc[i].ent_type_ == "PERSON"):
            break
    if token.dep_ == "appos" and state.at(token.head.i) is not None and state.kind(state.at(token.head.i).actor) == "person":  # type: ignore[union-attr]
        return True
    for child in token.children:
        if child.dep_ == "appos":
            m = state.at(child.i)
            if m is not None and state.kind(m.actor) == "person":
                return True
    return False


def _apposed_name(state: _State, token: Token) -> MentionInfo | None:
    """The person named after a comma and title words: "their host, Tajik President Emomali Rahmon"
    (the parser does not always mark such an apposition)."""
    doc, lex = state.doc, words()
    lower = token.lower_
    if not (lower in lex.counterpart_words or lower in lex.guest_words or lower in lex.host_words
            or lower in lex.leader_words or lower in lex.offices):
        return None
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return None
    for i in range(token.i + 2, min(token.i + 8, len(doc))):
        m = state.at(i)
        if m is not None and state.kind(m.actor) == "person" and m.via == "name":
            return m
        if not (doc[i].text[:1].isupper() or doc[i].text in ("'s", "’s")):
            return None
    return None


def _principal(state: _State, token: Token) -> ActorInfo | None:
    """Whom the spokesperson speaks for: "Sisi's spokesman", "a spokesman for Tusk", "the Egyptian
    presidential spokesman" (the head of state of that country), "Kremlin spokesman"."""
    doc = state.doc
    for child in token.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("for", "of")):
            target = child if child.dep_ == "poss" else next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is None:
                continue
            m = state.at(target.i)
            if m is not None and m.actor in state.actors:
                return state.actors[m.actor]
            office = words().offices.get(target.lower_)
            holder = _named_holder(state, office, target) if office else None
            if holder is not None:
                return holder  # "a spokesman for the chancellor": the chancellor the article names
    for i in range(max(0, token.i - 4), token.i):
        m = state.at(i)
        if m is not None and m.actor in state.actors and state.kind(m.actor) in ("person", "organization"):
            if doc[i].dep_ in ("poss", "compound") or doc[i + 1].lower_ in ("'s", "’s"):
                return state.actors[m.actor]
    return None


def _named_holder(state: _State, office: str, token: Token) -> ActorInfo | None:
    """The one person named before ``token`` who holds ``office`` (in the article's roles, else in the
    knowledge base on the article's date)."""
    people = {m.actor for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"}
    holders = {p for p in people
               if any(norm_name(r.role) == norm_name(office) for r in state.roles if r.person == p)
               or any(norm_name(t.role) == norm_name(office) for t in state.kb.offices(p, state.published))}
    return state.actors[holders.pop()] if len(holders) == 1 else None


# -- office descriptions --------------------------------------------------------------------------
def _descriptions(state: _State) -> None:
    """"his Algerian counterpart", "the Chinese leader", "Russia's top diplomat", "the Turkish side",
    "his guest", "the host": the person who holds that office, or plays that part, in the article."""
    doc = state.doc
    lex = words()
    for token in state.tokens:
        lower = token.lower_
        if token.pos_ not in ("NOUN", "PROPN"):
            continue
        existing = state.at(token.i)
        if existing is not None and state.kind(existing.actor) == "person":
            continue
        named = _apposed_name(state, token)
        if named is not None:
            # "their host, Tajik President Emomali Rahmon", "his counterpart, Foreign Minister X": that person
            state.add(token.i, token.i + 1, state.actors[named.actor], "description")
            continue
        if _names_someone(state, token) or any(t.lower_ in ("former", "first", "late", "ex", "then") for t in token.lefts):
            continue  # a title before a name, or a former office: not a description of the holder
        two = f"{doc[token.i - 1].lower_} {lower}" if token.i else lower
        office = lex.offices.get(two) or lex.offices.get(lower)
        visiting = any(c.lower_ == "visiting" and c.dep_ in ("amod", "compound") for c in token.lefts)
        if lower in lex.counterpart_words:
            person = _counterpart(state, token)
        elif visiting and (lower in lex.leader_words or office) and _country_modifier(state, token) is None:
            person = _visitor(state, token, office)
        elif lower in lex.leader_words or office:
            country = _country_modifier(state, token)
            if country is None:
                # "the president of the European Commission", "the head of NATO": the body's holder
                body = _of_body(state, token) or _modifier_body(state, token)
                person = _body_head(state, body, office) if body is not None else None
                if person is not None:
                    state.add(token.i, token.i + 1, person, "description")
                continue
            person = _holder(state, country, office, token)
        elif lower == "chief" and token.i > 0 and doc[token.i - 1].dep_ in ("compound", "amod", "nmod") \
                and doc[token.i - 1].head.i == token.i and _modifier_body(state, token) is not None:
            # "the NATO chief", "the alliance chief": the head of that organization (never "the army chief")
            person = _body_head(state, _modifier_body(state, token) or "", None)
        elif lower == "side":
            # contract v1.1: "the X side" is that side's leader or minister in the event: the person of that
            # country the article has named, else its leader
            country = _country_modifier(state, token)
            same_side = [m.actor for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"
                         and state.actors[m.actor].country == country] if country else []
            person = state.actors[same_side[-1]] if same_side else _holder(state, country, None, token) if country else None
        elif lower in lex.guest_words or lower in lex.host_words:
            person = _party(state, token, guest=lower in lex.guest_words)
        else:
            continue
        if person is None:
            continue
        start = token.i - 1 if office and two in lex.offices else token.i
        state.add(start, token.i + 1, person, "description")


def _leaders_of(state: _State) -> None:
    """"the leaders of Russia, Belarus and Kazakhstan", "the Russian and Chinese presidents": each
    country's leader (or holder of the named office) on the article's date stands for the country."""
    doc = state.doc
    for token in state.tokens:
        if token.lower_ not in LEADER_PLURALS or token.tag_ != "NNS":
            continue
        office = LEADER_PLURALS[token.lower_]
        if token.lower_ == "ministers":
            prev = doc[token.i - 1].lower_ if token.i else ""
            office = {"prime": "Prime Minister", "foreign": "Foreign Minister"}.get(prev)
            if office is None:
                continue
        countries: list[Token] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    countries += [pobj, *pobj.conjuncts]
                    # "of Kazakhstan, Kyrgyzstan, Turkmenistan and Uzbekistan" parsed as an apposition
                    countries += [a for c in pobj.children if c.dep_ == "appos" for a in (c, *c.conjuncts)]
            elif child.dep_ in ("amod", "compound", "nmod"):
                countries += [child, *child.conjuncts]
        if token.dep_ == "conj" and token.head.pos_ in ("PROPN", "ADJ") and token.head.i < token.i:
            # "Kazakh and Russian leaders" parsed with "Kazakh" as the head of the conjunction
            countries += [token.head, *(c for c in token.head.conjuncts if c.i != token.i)]
        for place in countries:
            m = state.at(place.i)
            iso3 = None
            if m is not None and state.kind(m.actor) == "organization":
                # "the presidents of the European Council and the European Commission": each body's head
                head = _body_head(state, m.actor, office)
                if head is not None:
                    state.add(m.start, m.end, head, "description")
                continue
            if m is not None and state.kind(m.actor) == "country":
                iso3 = state.actors[m.actor].country
            elif m is None:
                found = state.kb.country_by_demonym(place.text) or state.kb.country_by_name(place.text)
                iso3 = found.country if found is not None else None
            if iso3 is None:
                continue
            person = _holder(state, iso3, office, token)
            if person is not None:
                start, end = (m.start, m.end) if m is not None else (place.i, place.i + 1)
                state.add(start, end, person, "description")


def _of_body(state: _State, token: Token) -> str | None:
    """The organization an office word's "of" phrase names ("the president of the European Council")."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                m = state.at(pobj.i)
                if m is not None and state.kind(m.actor) == "organization":
                    return m.actor
    return None


def _modifier_body(state: _State, token: Token) -> str | None:
    """The organization a modifier names: "the NATO chief", "the alliance chief" (the knowledge base's
    one organization of that name)."""
    for child in token.lefts:
        if child.dep_ not in ("compound", "amod", "nmod") or child.i != token.i - 1:
            continue  # the word right before the office: "the UN nuclear chief" is not the UN's head
        m = state.at(child.i)
        if m is not None and state.kind(m.actor) == "organization":
            return m.actor
        found = state.kb.lookup(child.text, "organization") if m is None else []
        if len(found) == 1:
            return found[0].id
    return None


def _body_head(state: _State, body: str, office: str | None) -> ActorInfo | None:
    """Who holds ``office`` (or heads the body, when None) of an organization on the article's date."""
    if state.published is None:
        return None
    for role in (office,) if office else BODY_HEAD_OFFICES:
        holders = state.kb.holders(role, body, state.published)
        if len(holders) == 1:
            return _info(state, holders[0])
    return None


def _country_modifier(state: _State, token: Token) -> str | None:
    """The country in "the Kazakh leader", "Russia's top diplomat", "the Turkish side"."""
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            m = state.at(child.i)
            if m is not None and state.kind(m.actor) == "country":
                return state.actors[m.actor].country
            place = state.kb.country_by_demonym(child.text) or state.kb.country_by_name(child.text)
            if place is not None:
                return place.country
    return None


def _holder(state: _State, country: str, office: str | None, token: Token) -> ActorInfo | None:
    """Who holds ``office`` (or leads, when None) of a country: the person the article gives it,
    else a person of that country the article names (for a leader), else the KB holder."""
    # the article's people in the order they are first named: the first mention holding the office
    # is the first of its actor's (a walk of every mention per office looked up was quadratic, issue 14)
    people = [a for a in state.first_seen() if state.kind(a) == "person" and state.actors[a].country == country]
    roles = [r for r in state.roles if r.person in state.actors and state.actors[r.person].country == country]
    wanted = (office,) if office else words().leader_offices(country)
    for role in wanted:
        for r in roles:
            if norm_name(r.role) == norm_name(role):
                return state.actors[r.person]
    on = state.published
    for role in wanted:
        for actor in people:
            if any(norm_name(t.role) == norm_name(role) for t in state.kb.offices(actor, on)):
                return state.actors[actor]
    place = state.kb.country_by_iso3(country)
    if place is None or on is None:
        return None
    for role in wanted:
        holders = state.kb.holders(role, place.id, on)
        if holders:
            return _info(state, holders[0])
    return None


def _anchor(state: _State, token: Token) -> ActorInfo | None:
    """The person a possessive or the clause's subject points to ("his" counterpart, "Lavrov and
    his Chinese counterpart")."""
    for child in token.children:
        if child.dep_ == "poss":
            m = state.at(child.i)
            if m is not None and state.kind(m.actor) == "person":
                return state.actors[m.actor]
    sent = token.sent
    subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < token.i]
    for subject in reversed(subjects):
        m = state.at(subject.i)
        if m is not None and state.kind(m.actor) == "person":
            return state.actors[m.actor]
    earlier = [m for m in state.mentions if m.start < token.i and state.kind(m.actor) == "person"]
    return state.actors[earlier[-1].actor] if earlier else None


def _counterpart(state: _State, token: Token) -> ActorInfo | None:
    """"his Algerian counterpart": the anchor's office, held in the named country."""
    anchor = _anchor(state, token)
    country = _country_modifier(state, token)
    if anchor is not None and country is None:
        # "His counterpart said ..." after "his Chinese counterpart": the counterpart named before
        earlier = [m for m in state.mentions if m.end <= token.i and m.via == "description" and m.actor != anchor.id
                   and state.doc[m.end - 1].lower_ == token.lower_]
        return state.actors.get(earlier[-1].actor) if earlier else None
    if anchor is None or country is None:
        return None
    offices = [r.role for r in state.roles if r.person == anchor.id]
    if not offices and state.published is not None:
        offices = [t.role for t in state.kb.offices(anchor.id, state.published)]
    for office in offices:
        person = _holder(state, country, office, token)
        if person is not None and person.id != anchor.id:
            return person
    return None


def _party(state: _State, token: Token, guest: bool) -> ActorInfo | None:
    """"his guest" / "the visitor" / "the host": the other party of the visit the article reports.
    The guest is the person other than the possessor (or the subject); the host, the person of the
    country where the visit takes place, else the other person."""
    anchor = _anchor(state, token)
    people: list[str] = []
    for m in state.mentions:
        if state.kind(m.actor) == "person" and m.start < token.i and m.actor not in people:
            people.append(m.actor)
    others = [p for p in people if anchor is None or p != anchor.id]
    if not others:
        return None
    if not guest:
        place = _place_of_visit(state)
        local = [p for p in others if place and state.actors[p].country == place]
        if local:
            return state.actors[local[-1]]
    return state.actors[others[-1]] if anchor is not None else state.actors[others[0]]


def _visitor(state: _State, token: Token, office: str | None) -> ActorInfo | None:
    """"the visiting premier": the last person named before who comes from abroad (not from the
    dateline's country) and, when the words give an office, holds it on the article's date."""
    home = _place_of_visit(state)
    people: list[str] = []
    for m in state.mentions:
        if m.start < token.i and state.kind(m.actor) == "person" and m.actor not in people:
            people.append(m.actor)
    people = [p for p in people if home is None or state.actors[p].country != home]
    if office is not None:
        wanted = norm_name(office)
        held = {r.person for r in state.roles if norm_name(r.role) == wanted}
        on = state.published
        people = [p for p in people if p in held or (on is not None and any(
            norm_name(t.role) == wanted for t in state.kb.offices(p, on)))]
    if home is None and len(people) > 1:
        return None  # no dateline to tell the visitor from the host
    return state.actors[people[-1]] if people else None


def _place_of_visit(state: _State) -> str | None:
    for start, _, _ in state.datelines:
        span = state.doc.char_span(start, start + 40, alignment_mode="expand")
        if span is not None:
            word = span.text.split(",")[0].strip()
            place = state.kb.place(word.title())
            if place is not None and place.country:
                return place.country
    return None
