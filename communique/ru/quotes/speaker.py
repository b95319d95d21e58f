"""Who speaks: the speaker of a Russian cue, read from the tree and resolved by the entity layer.

The entity layer (``ru.entities.mention_at``) says which actor a token names; this module only
chooses the token to ask about:

- the subject of the cue («заявил Песков», «Он отметил», «сказал российский министр»);
- the place a body speaks from when the verb has no subject («сообщили в Кремле», «уточнили в
  пресс-службе»);
- the owner of cited words («приводит Telegram-канал … слова Лукашенко»);
- the author of a document («говорится в сообщении пресс-службы Кремля», «на сайте Кремля»,
  «распространил комментарий, в котором говорится»), or, when the document names nobody, the last
  institution the article named before it (annotation: «…, — говорится в сообщении»).

Anonymous sources («сообщил источник») are marked so that their words are left out.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..entities import mention_at
from .lexicon import speech

#: words heading the name of a body: «пресс-служба Кремля» is the Kremlin's executive when no
#: mention covers «пресс-служба» itself (the same kind of body in the scoring, annotation v1.1)
_BODY_HEADS = frozenset({"пресс-служба", "служба", "ведомство", "администрация", "аппарат", "канцелярия",
                         "офис", "министерство", "секретариат", "представительство", "посольство"})
_NAME_DEPS = frozenset({"appos", "flat:name", "flat", "flat:foreign"})
_MENTION_STARTS = "communique.ru.quotes.mention_starts"


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker (actor id and the mention's characters), an unresolved one, or an anonymous source."""

    actor: str | None
    mention: tuple[int, int] | None
    anonymous: bool = False


NOBODY = Speaker(None, None)
ANONYMOUS = Speaker(None, None, anonymous=True)


def subject(cue: Token) -> Token | None:
    """The subject of a cue; a conjoined cue shares its first verb's («заявил …, и добавил, что …»),
    a gerund its clause's («поблагодарил …, отметив, что …»)."""
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubj:pass"):
            return child
    gerund = cue.dep_ == "advcl" and "Conv" in cue.morph.get("VerbForm", [])
    if (cue.dep_ == "conj" or gerund) and cue.head.pos_ in ("VERB", "AUX"):
        for child in cue.head.children:
            if child.dep_ in ("nsubj", "nsubj:pass"):
                return child
    return None


def preposition(token: Token) -> str:
    """The preposition of a noun («в Кремле» -> «в»), or ''."""
    for child in token.children:
        if child.dep_ == "case":
            return child.lower_
    return ""


def of_cue(doc: Doc, cue: Token) -> Speaker:
    """The speaker of a cue verb."""
    lexicon = speech()
    if cue.lemma_ in lexicon.citing:
        for child in cue.children:  # «приводит … слова Лукашенко»: the words are Lukashenko's
            if child.dep_ == "obj" and child.lemma_ in lexicon.cited:
                owner = _genitive(child)
                if owner is not None:
                    return of_phrase(doc, owner)
    head = subject(cue)
    if head is not None:
        if head.lemma_ in lexicon.messages:  # «в заявлении говорится» parsed with a subject
            return of_message(doc, head, cue)
        return of_phrase(doc, head)
    agent = _agent(cue)
    if agent is not None:  # «было заявлено министром», «как было отмечено пресс-службой»
        return of_phrase(doc, agent)
    for child in cue.children:
        if child.dep_ == "obl" and preposition(child) in ("в", "на", "из"):
            if child.lemma_ in lexicon.messages or child.lemma_ == "который":
                return of_message(doc, child, cue)
            if child.pos_ in ("PROPN", "NOUN"):
                return of_phrase(doc, child)  # «сообщили в Кремле», «заявили в МИД Казахстана»
    if cue.lemma_ in lexicon.impersonal:
        return last_institution(doc, cue.idx)
    return NOBODY


def _agent(cue: Token) -> Token | None:
    """The agent of a passive cue: the instrumental without a preposition («заявлено министром»)."""
    passive = "Pass" in cue.morph.get("Voice", []) or any(c.dep_ == "aux:pass" for c in cue.children)
    for child in cue.children:
        if child.dep_ == "obl:agent" or (passive and child.dep_ == "obl" and not preposition(child)
                                         and "Ins" in child.morph.get("Case", [])):
            return child
    return None


def of_phrase(doc: Doc, head: Token) -> Speaker:
    """The actor a noun phrase names, looking through titles to the name in apposition
    («пресс-секретарь президента Дмитрий Песков» -> Peskov)."""
    lexicon = speech()
    if head.lemma_ in lexicon.anonymous or any(
        t.lemma_ in lexicon.anonymous for t in head.children if t.dep_ in ("amod", "acl")
    ):
        return ANONYMOUS
    found = mention_at(doc, head.i)
    if found is not None:
        return Speaker(found.actor, (found.start_char, found.end_char))
    for token in head.subtree:
        if token.dep_ in _NAME_DEPS and token.i != head.i:
            found = mention_at(doc, token.i)
            if found is not None and _kind(doc, found.actor) == "person":
                return Speaker(found.actor, (found.start_char, found.end_char))
    if head.lemma_ in _BODY_HEADS:
        owner = _genitive(head)
        if owner is not None:
            found = mention_at(doc, owner.i)
            if found is not None and _kind(doc, found.actor) == "organization":
                return Speaker(found.actor, (head.idx, owner.idx + len(owner.text)))
    return Speaker(None, (head.idx, head.idx + len(head.text)))


def of_message(doc: Doc, noun: Token, cue: Token) -> Speaker:
    """The author of a document that speaks («говорится в сообщении пресс-службы Кремля»)."""
    if noun.lemma_ == "который" and cue.dep_ == "acl:relcl":
        # «МИД распространил комментарий, в котором говорится, что …»: the distributor speaks
        verb = cue.head.head
        if verb.lemma_ in speech().message_verbs or verb.pos_ == "VERB":
            head = subject(verb)
            if head is not None:
                return of_phrase(doc, head)
    owner = _genitive(noun)
    if owner is not None:
        found = of_phrase(doc, owner)
        if found.actor is not None or found.anonymous:
            return found
    for token in noun.subtree:  # «в сообщении, опубликованном на сайте Кремля»: the body that published it
        mention = mention_at(doc, token.i) if token.i != noun.i else None
        if mention is not None and _kind(doc, mention.actor) == "organization":
            return Speaker(mention.actor, (mention.start_char, mention.end_char))
    return last_institution(doc, noun.idx)


def last_institution(doc: Doc, char: int) -> Speaker:
    """The last organization the text named before ``char``: «…, — говорится в сообщении»."""
    mentions = doc._.cq_mentions or []
    starts: list[int] | None = doc.user_data.get(_MENTION_STARTS)
    if starts is None or len(starts) != len(mentions):
        starts = doc.user_data[_MENTION_STARTS] = [m.start_char for m in mentions]
    for n in range(bisect_left(starts, char) - 1, -1, -1):
        mention = mentions[n]
        if _kind(doc, mention.actor) == "organization":
            return Speaker(mention.actor, (mention.start_char, mention.end_char))
    return NOBODY


def _genitive(noun: Token) -> Token | None:
    """The genitive (or possessive) owner of a noun: «слова Лукашенко», «по его словам»."""
    for child in noun.children:
        if child.dep_ in ("nmod", "nmod:poss", "det") and child.pos_ in ("PROPN", "NOUN", "PRON", "DET"):
            if child.dep_ == "nmod" and preposition(child):
                continue  # «сообщение о визите»: a topic, not an owner
            if child.pos_ == "DET" and child.lower_ not in ("его", "её", "ее", "их"):
                continue
            return child
    return None


def _kind(doc: Doc, actor: str) -> str | None:
    info = (doc._.cq_actors or {}).get(actor)
    return info.kind if info is not None else None
