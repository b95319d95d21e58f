"""Words of meeting and who takes part: subjects, «с X», objects, titles without a name, countries
standing for their leaders (through the entity layer's ``mention_at`` and place lexicon)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...actors import ActorInfo
from ...kb import KBActor
from .. import places
from ..entities import mention_at
from ..names import english_names
from .lexicon import _NOT_IN_PHRASE, _WITH, _feature, lexicon
from .state import _State

# triggers ---------------------------------------------------------------------------------------


def _triggers(sent: Span) -> list[tuple[Token, Token, str]]:
    """(trigger, clause verb, kind) for each word of meeting in the sentence."""
    lex = lexicon()
    out: list[tuple[Token, Token, str]] = []
    verb_triggers: set[int] = set()
    claimed: set[int] = set()  # nouns a verb's event reads («прибыл с визитом»)
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in lex.verbs:
            if lemma in lex.words["verbs_needing_visit"] and _visit_noun(token) is None:
                continue  # «прибыл в аэропорт» is no visit; «прибыл с визитом» is
            if lemma in lex.words["verbs_needing_guest"] and not _has_person_object(token):
                continue  # «принял участие», «принял решение»
            out.append((token, token, lex.verbs[lemma]))
            verb_triggers.add(token.i)
            visit = _visit_noun(token)
            if visit is not None:
                claimed.add(visit.i)
        elif token.pos_ == "VERB" and _remote_kind(token) and _with_phrases(token):
            # «обсудил по телефону с Токаевым», «провёл по видеосвязи беседу»
            if not any(lex.nouns.get(c.lemma_.lower()) for c in token.children if c.dep_ == "obj"):
                out.append((token, token, _remote_kind(token) or "meeting"))
                verb_triggers.add(token.i)
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("NOUN", "PROPN") or lemma not in lex.nouns or token.i in claimed:
            continue
        if lemma in ("тет-а-тет",) and token.dep_ in ("nmod", "amod", "advmod") and lex.nouns.get(token.head.lemma_.lower()):
            continue  # «беседа тет-а-тет»: the manner of the talk, not a second talk
        if token.head.lemma_.lower() in lex.words["sideline_nouns"]:
            continue  # «на полях саммита»: where a contact took place, not a contact
        if token.dep_ == "nmod" and token.head.lemma_.lower() in lex.words["host_words"] | lex.words["guest_words"]:
            continue  # «хозяин встречи»: a person, not a contact
        clause = _clause_of(token)
        if clause.i in verb_triggers:
            continue  # «прибыл с визитом», «встретился за завтраком»: the verb's event reads this noun
        out.append((token, clause, lex.nouns[lemma]))
    return sorted(out, key=lambda found: found[0].i)  # in reading order: «…, после чего они …» follows


def _visit_noun(verb: Token) -> Token | None:
    """«прибыл … с государственным визитом»: the visit noun of a verb of arriving, which the parser
    may hang on a later word of the sentence («… с визитом и провёл переговоры»)."""
    for child in verb.children:
        if child.lemma_.lower() == "визит":
            return child
    for token in verb.doc[verb.i + 1 : verb.sent.end]:
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.lemma_.lower() == "визит" and any(c.dep_ == "case" and c.lower_ in _WITH for c in token.children):
            return token
    return None


def _attached_noun(verb: Token) -> Token | None:
    """The noun of meeting a verb of meeting carries: «принял лидеров на саммите», «прибыл с
    визитом», «встретился за завтраком»."""
    if verb.pos_ != "VERB":
        return None
    nouns = lexicon().nouns
    for child in verb.children:
        if child.dep_ in ("obl", "nmod", "obj") and child.lemma_.lower() in nouns:
            return child
    for child in verb.children:  # «посетил Казахстан с визитом», the parser may hang it on the place
        if child.dep_ in ("obj", "obl"):
            for grandchild in child.children:
                if grandchild.dep_ == "nmod" and grandchild.lemma_.lower() in nouns:
                    return grandchild
    return None


def _objects(verb: Token) -> list[Token]:
    """The verb's direct objects, with the accusative the parser may label «obl» («принял …
    президента Кыргызстана»)."""
    return [c for c in verb.children if c.dep_ == "obj" or (
        c.dep_ == "obl" and c.pos_ in ("NOUN", "PROPN") and "Acc" in _feature(c, "Case") or
        c.dep_ == "obl" and "Anim" in _feature(c, "Animacy") and "Gen" in _feature(c, "Case")
    ) and not any(g.dep_ == "case" for g in c.children)]


def _has_person_object(verb: Token) -> bool:
    doc = verb.doc
    for child in _objects(verb):
        if child.pos_ in ("NOUN", "PROPN") and "Anim" in _feature(child, "Animacy"):
            return True
        mention = mention_at(doc, child.i)
        if mention is not None and doc._.cq_actors[mention.actor].kind == "person":
            return True
    return False


def _remote_kind(token: Token) -> str | None:
    """«по телефону», «телефонный» -> phone_call; «по видеосвязи», «в формате видеоконференции» -> video_call."""
    lex = lexicon()
    for child in token.children:
        lemmas = {child.lemma_.lower()} | {g.lemma_.lower() for g in child.children if g.dep_ in ("nmod", "amod")}
        if lemmas & lex.words["video_words"]:
            return "video_call"
        if lemmas & lex.words["phone_words"]:
            return "phone_call"
    return None


def _clause_of(noun: Token) -> Token:
    """The verb a noun of meeting belongs to: «провёл переговоры» -> провёл; «примет участие в
    саммите» -> примет; a noun on its own is its own clause."""
    lex = lexicon()
    head = noun.head
    if head.lemma_.lower() in lex.words["round_nouns"] and head is not noun:
        noun, head = head, head.head  # «провели очередной раунд переговоров»
    if head.lemma_.lower() in lex.words["participation_nouns"] and head.head.pos_ == "VERB":
        return head.head
    if noun.dep_ in ("obj", "nsubj", "nsubj:pass", "obl", "xcomp") and head.pos_ in ("VERB", "AUX") and head is not noun:
        if head.lemma_.lower() in lex.words["support_verbs"] or head.lemma_.lower() in lex.verbs or noun.dep_ != "obl":
            return head
    return noun

# parties ------------------------------------------------------------------------------------------


def _subject(clause: Token) -> Token | None:
    """The clause's subject, or the subject it shares: «прибыл … и провёл переговоры», «договорились
    встретиться», «коллегой, прибывшим в страну»."""
    node = clause
    for _ in range(3):
        found = next((c for c in node.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if found is not None:
            return found
        if node.dep_ == "xcomp" and node.head is not node:
            invited = next((c for c in node.head.children if c.dep_ == "obj"), None)
            if invited is not None:
                return invited  # «пригласил Эрдогана посетить Казахстан»: Erdogan would visit
            node = node.head
        elif node.dep_ == "conj" and node.head is not node:
            node = node.head
        elif node.dep_ == "acl" and node.head is not node:
            return node.head
        else:
            return None
    return None


def _with_phrases(token: Token) -> list[Token]:
    """«с X» phrases of a word (the instrumental with «с»/«со»)."""
    out = []
    for child in token.children:
        if child.dep_ in ("obl", "nmod") and any(g.dep_ == "case" and g.lower_ in _WITH for g in child.children):
            if "Ins" in _feature(child, "Case") or child.pos_ == "PROPN":
                out.append(child)
    return out


def _conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it («Путин и Токаев», «России, Казахстана и
    Узбекистана», «министры Армении и Азербайджана Арарат Мирзоян и Джейхун Байрамов»)."""
    out = [token]
    stack = [token] + [c for c in token.children if c.dep_ == "appos"]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ == "conj" and child not in out and child.pos_ in ("NOUN", "PROPN", "PRON"):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _phrase_tokens(token: Token) -> list[Token]:
    """The words of one noun phrase: the head with its names and modifiers, not its coordinated
    partners, clauses or prepositional phrases of place."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ in _NOT_IN_PHRASE:
                continue
            if child.dep_ in ("obl", "nmod") and any(g.dep_ == "case" and g.lower_ not in ("",) for g in child.children):
                continue  # «с президентом», «в Москве»: another phrase
            out.append(child)
            stack.append(child)
    return out


def _actors(state: _State, token: Token, reference: Token | None = None) -> list[str]:
    """The actors a phrase and its conjuncts name, each a person where one is identified."""
    found: list[str] = []
    for head in _conjuncts(token):
        for actor in _phrase_actors(state, head, reference):
            if actor not in found:
                found.append(actor)
    return found


def _phrase_actors(state: _State, head: Token, reference: Token | None) -> list[str]:
    doc = state.doc
    lex = lexicon()
    persons: list[str] = []
    countries: list[str] = []
    plural = "Plur" in _feature(head, "Number")
    tokens = _phrase_tokens(head)
    if plural:  # «лидеры Кыргызстана, Таджикистана и Узбекистана»: every country's leader
        tokens += [c for t in head.children if t.dep_ == "nmod" for c in _conjuncts(t)[1:]]
    # the name right after a title is its holder («президента Узбекистана Шавката Мирзиёева»), even
    # where the parser hangs a neighbour's name on the same title
    for t in sorted(tokens, key=lambda t: (t.i < head.i, abs(t.i - head.i))):
        mention = mention_at(doc, t.i)
        if mention is not None:
            info = doc._.cq_actors[mention.actor]
            if info.kind == "person" and mention.actor not in persons:
                persons.append(mention.actor)
            elif info.kind == "country" and mention.actor not in countries:
                countries.append(mention.actor)
    if persons:
        return persons if plural else persons[:1]
    lemma = head.lemma_.lower()
    if lemma in lex.head_titles or lemma in lex.words["counterpart_words"] or _foreign_minister(head):
        # «президент Казахстана», «лидеры России, Казахстана и Узбекистана», «с армянским коллегой»
        places = [c for c in (_country_of(state, t) for t in _title_countries(head)) if c is not None]
        role = lex.head_titles.get(lemma)
        if lemma in lex.words["counterpart_words"] and reference is not None:
            role = _role_of(state, reference)
        if _foreign_minister(head):
            role = "Foreign Minister"
        holders = [h for c in places if role for h in _holders(state, role, c)]
        if holders:
            return holders
    if countries and head.pos_ == "PROPN":
        return [_leader_named(state, c) for c in countries]
    return []


def _foreign_minister(head: Token) -> bool:
    """«глава МИД», «министр иностранных дел»."""
    lemma = head.lemma_.lower()
    words = {c.lemma_.lower() for c in head.children} | {g.lemma_.lower() for c in head.children for g in c.children}
    return (lemma == "глава" and "мид" in words) or (lemma == "министр" and {"дело", "иностранный"} <= words)


def _title_countries(head: Token) -> list[Token]:
    """The country words of a title: its genitive and its adjective («президент Казахстана»,
    «лидеры России и Китая», «казахстанский коллега»)."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "nmod" and not any(g.dep_ == "case" for g in child.children):
            out.extend(_conjuncts(child))
        elif child.dep_ == "amod" and child.pos_ == "ADJ":
            out.append(child)
    return out


def _country_of(state: _State, token: Token) -> KBActor | None:
    doc = state.doc
    mention = mention_at(doc, token.i)
    if mention is not None and doc._.cq_actors[mention.actor].kind == "country" and state.kb is not None:
        return state.kb.get(mention.actor)
    if state.kb is None:
        return None
    iso3 = places.adjective_country(doc, token.i)
    if iso3 is None and token.pos_ in ("PROPN", "NOUN"):
        found = places.country_at(doc, token.i) or places.city_at(doc, token.i)
        iso3 = found[1] if found is not None else None
    return state.kb.country_by_iso3(iso3) if iso3 else None


def _holders(state: _State, role: str, country: KBActor) -> list[str]:
    kb = state.kb
    if kb is None:
        return []
    people = kb.holders(role, country.id, state.published)
    if not people and role == "President":
        people = kb.holders("Prime Minister", country.id, state.published)
    if not people:
        return []
    _add_actor(state.doc, people[0])
    return [people[0].id]


def _role_of(state: _State, token: Token) -> str | None:
    """The office of the person a phrase names (for «его коллега»)."""
    actors = _actors(state, token)
    if not actors or state.kb is None:
        return None
    offices = state.kb.offices(actors[0], state.published)
    return offices[0].role if offices else None


def _leader_named(state: _State, country: str) -> str:
    """A country stands for its leader when the article names them; else it stays the country."""
    doc = state.doc
    actors = doc._.cq_actors
    iso3 = actors[country].country
    heads = lexicon().words["head_roles"]
    for mention in doc._.cq_mentions:
        info = actors[mention.actor]
        if info.kind == "person" and info.country == iso3 and state.kb is not None and any(
                t.role in heads for t in state.kb.offices(info.id, state.published)):
            return info.id
    return country


def _country_host(state: _State, actor: str) -> str:
    """A visited country's leader (the named one, else the knowledge base's holder on the date)."""
    info = state.doc._.cq_actors.get(actor)
    if info is None or info.kind != "country" or state.kb is None:
        return actor
    country = state.kb.get(actor)
    people = _holders(state, "President", country) if country is not None else []
    return people[0] if people else actor


def _add_actor(doc: Doc, actor: KBActor) -> None:
    """An office holder the text names only by title, under the English name news uses."""
    name = english_names().get(actor.name, actor.name)
    doc._.cq_actors.setdefault(actor.id, ActorInfo(actor.id, name, actor.kind, actor.country, actor.cameo))
