"""Russian meetings (``communique_ru_events``): held, planned and cancelled contacts.

The component reads the dependency tree natasha gives and the entity layer's mentions
(``entities.mention_at``) and fills ``doc._.cq_events`` with the same ``EventInfo`` records as the
English component (PLOVER CONSULT, CAMEO 040-046, 036 for planned contacts):

- a contact is a verb of meeting («встретился с», «созвонились», «позвонил», «принял <кого>»,
  «посетил», «прибыл с визитом»), or a noun of meeting carried by a verb («провёл переговоры»,
  «состоялся телефонный разговор», «прошёл саммит», «дал ужин», «совершили прогулку»);
- its parties are the subject, the «с X» phrases, the object of «принял»/«посетил», the genitive
  of the noun («переговоры Путина и Си») and «с участием …»; titles without a name («президент
  Казахстана», «лидеры России и Китая») are the office holders on the date; «стороны», «лидеры»,
  «они», «хозяин», «гость» without a name take the parties of the contact reported before;
- a noun of meeting with no parties of its own («Разговор состоялся по инициативе …») adds to the
  contact reported before it;
- a visit, the talks held during it and a dinner or walk beside them are separate records.

The words live in ``communique/data/ru/meetings.json`` (``lexicon``); ``parties`` finds the words of
meeting and who takes part, ``attributes`` the rest; ``communique.ru.dates`` reads the dates.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ...events import EventInfo
from ...kb import KnowledgeBase
from ..entities import mention_at
from .attributes import (_around, _attributes, _codes, _initiator, _kind_and_formality, _recurring, _side,
                         _status)
from .lexicon import _PRONOUNS, _feature, _unique, lexicon
from .parties import (_actors, _clause_of, _country_host, _country_of, _holders, _objects, _subject, _triggers,
                      _visit_noun, _with_phrases)
from .state import _Contact, _State

#: A dateless contact reported within this many characters of the start is the news of the day.
LEAD_CHARS = 600


class RussianEvents:
    """The ``communique_ru_events`` component."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[EventInfo]:
        kb: KnowledgeBase | None = doc._.cq_kb
        state = _State(doc, kb, doc._.cq_published)
        for sent in doc.sents:
            _read_sentence(state, sent)
        state.contacts = [c for c in state.contacts if len(c.event.participants) >= 2]
        # a visit before the talks and meals held during it, as a reader lists them
        state.contacts.sort(key=lambda c: (c.event.evidence[0], c.event.kind != "visit"))
        _lead_dates(state)
        return [c.event for c in state.contacts]

    def set_annotations(self, doc: Doc, found: list[EventInfo]) -> None:
        doc._.cq_events = found

# reading one sentence ---------------------------------------------------------------------------


def _read_sentence(state: _State, sent: Span) -> None:
    lex = lexicon()
    made: list[_Contact] = []
    _attendance(state, sent)
    for trigger, clause, kind in _triggers(sent):
        contact = _contact(state, sent, trigger, clause, kind)
        if contact is None:
            target = _referent(state, kind)
            if trigger.pos_ != "VERB" and target is not None:
                _enrich(state, sent, trigger, target)
            continue
        made.append(contact)
        _merge(state, contact)
    if not made and state.contacts and any(t.lemma_.lower() in lex.words["initiator_nouns"] for t in sent):
        _enrich(state, sent, sent.root, state.contacts[-1])


def _referent(state: _State, kind: str) -> _Contact | None:
    """The contact a noun without parties refers back to: the last of its kind («звонок был сделан
    по инициативе …» is the last call), else the last held one."""
    held = [c for c in state.contacts if c.event.status == "held"]
    same = [c for c in held if c.event.kind == kind]
    if kind != "meeting" and same:
        return same[-1]
    return held[-1] if held else (state.contacts[-1] if state.contacts else None)


def _attendance(state: _State, sent: Span) -> None:
    """«В нём участвовали A, B и C»: the attendees of the gathering reported just before."""
    gathering = next((c for c in reversed(state.contacts[-2:]) if c.pending or c.event.mode == "multilateral"), None)
    if gathering is None:
        return
    for token in sent:
        lemma = token.lemma_.lower()
        verb = token if lemma == "участвовать" else token.head if lemma == "участие" else None
        if verb is None or verb.pos_ != "VERB":
            continue
        places = [c for w in (token, verb) for c in w.children if c.dep_ in ("obl", "nmod")]
        if not any(p.pos_ == "PRON" or p.lemma_.lower() in _PRONOUNS or p.lemma_.lower() in lexicon().nouns for p in places):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is None:
            continue
        event = gathering.event
        event.participants = _unique(event.participants + _actors(state, subject))
        event.source = event.participants[:1]
        event.target = event.participants[1:]
        event.more_evidence.append((sent.start_char, sent.end_char))
        gathering.pending = len(event.participants) < 2
        _codes(state, gathering)
        return


def _contact(state: _State, sent: Span, trigger: Token, clause: Token, kind: str) -> _Contact | None:
    lex = lexicon()
    doc = state.doc
    subject = _subject(clause)
    subjects = _actors(state, subject) if subject is not None else []
    others: list[str] = []
    manners = [c for c in trigger.children if c.dep_ == "nmod" and not any(g.dep_ == "case" for g in c.children)]
    manners += [c for w in (trigger, clause) for c in w.children if c.lemma_.lower() == "вместе"]  # «вместе с X»
    for word in {clause, trigger, *manners}:  # «беседу тет-а-тет с Мирзиёевым»
        for phrase in _with_phrases(word):
            others += _actors(state, phrase, subject)
        objects = _objects(word) if word.pos_ == "VERB" else []
        for child in word.children:
            if child in objects and child is not trigger and (clause.lemma_.lower() in lex.verbs or word is trigger):
                found = _actors(state, child, subject)
                if kind == "visit":  # «посетит Узбекистан»: the host is its leader on the date
                    found = [_country_host(state, a) for a in found]
                others += found
            if (clause.lemma_.lower() in lex.words["caller_verbs"] and child.dep_ in ("iobj", "obl", "obj")
                    and "Dat" in _feature(child, "Case") and not any(g.dep_ == "case" for g in child.children)):
                others += _actors(state, child, subject)  # «позвонил президенту Беларуси»
            if child.lemma_.lower() in lex.words["chair_nouns"]:
                for g in child.children:
                    if g.dep_ == "nmod":
                        others += _actors(state, g, subject)  # «под председательством премьер-министра Индии»
            if child.dep_ == "nmod" and word is trigger and not any(g.dep_ == "case" for g in child.children):
                others += _actors(state, child, subject)  # «переговоры Путина и Си»
            if child.lemma_.lower() == "участие" or child.lemma_.lower() == "участием":
                for g in child.children:
                    if g.dep_ == "nmod":
                        others += _actors(state, g, subject)  # «с участием Си, Токаева и …»
    if kind == "summit" or trigger.lemma_.lower() == "заседание":
        for child in trigger.children:
            if child.dep_ in ("acl:relcl", "acl"):
                for g in child.children:
                    if g.dep_ in ("nsubj", "nsubj:pass"):
                        others += _actors(state, g, subject)  # «саммит, в котором приняли участие лидеры …»
    if clause is trigger and trigger.dep_ in ("obl", "nmod") and trigger.head.pos_ == "VERB" and others and not subjects:
        # «заявил Лавров после вчерашних переговоров с китайским коллегой»: the speaker took part
        speaker = _subject(trigger.head)
        subjects = _actors(state, speaker) if speaker is not None else []
    host = _host_word(state, [subject] if subject is not None else [])
    visitor_first = subjects
    parties = _unique(subjects + others)
    event = EventInfo("CONSULT", "040", (sent.start_char, sent.end_char), kind=kind,
                      trigger_is_noun=trigger.pos_ != "VERB")
    event.status = _status(trigger, clause)
    _kind_and_formality(state, trigger, clause, event)
    if event.kind == "visit" and len(parties) < 2:
        host_person = _visit_host(state, trigger, clause)
        if host_person and host_person not in parties:
            parties.append(host_person)
    if len(parties) < 2 and state.contacts:
        previous = state.contacts[-1]
        if host is not None and parties:
            named = previous.host or (previous.event.source[0] if previous.event.source else None)
            if named and named not in parties:
                parties = _unique([named, *parties])
                visitor_first = [named]
        elif _refers_back(trigger, clause, subject, parties, previous):
            parties = _unique(parties + previous.event.participants)
            if not subjects:
                visitor_first = previous.event.source[:1]
    gathering = event.kind == "summit" or trigger.lemma_.lower() in lex.words["formal_triggers"]
    if len(parties) < 2 and not (gathering and event.status == "held"):
        return None
    event.participants = parties
    event.source = [p for p in visitor_first if p in parties][:1] or parties[:1]
    event.target = [p for p in parties if p not in event.source]
    informal_part = trigger.lemma_.lower() in lex.words["informal_triggers"]
    contact = _Contact(event, clause, trigger, informal_part, pending=len(parties) < 2)
    _codes(state, contact)
    _attributes(state, sent, contact)
    return contact


def _host_word(state: _State, tokens: list[Token]) -> Token | None:
    """«хозяин встречи/визита/саммита» as the subject when the entity layer did not resolve it."""
    for token in tokens:
        if token.lemma_.lower() in lexicon().words["host_words"] and mention_at(state.doc, token.i) is None:
            return token
    return None


def _refers_back(trigger: Token, clause: Token, subject: Token | None, parties: list[str], previous: _Contact) -> bool:
    """Whether a contact with fewer than two named parties is the same people's as the contact
    before: its subject or partner is «стороны», «лидеры», «они», «министры», or the noun has no
    parties of its own («третья встреча двух президентов»). A singular description («китайский
    лидер», «гость») names one of two earlier parties only."""
    lex = lexicon()
    words = [subject] if subject is not None else []
    words += [c for w in (trigger, clause) for c in w.children if c.dep_ in ("nmod", "obl", "obj")]
    if parties and not set(parties) <= set(previous.event.participants):
        # «министров принял президент Казахстана»: a plural group besides a named party
        return any(w.lemma_.lower() in lex.words["group_words"] and "Plur" in _feature(w, "Number")
                   and mention_at(w.doc, w.i) is None and w is not subject for w in words)
    if subject is None and clause is trigger:
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        found = _subject(verb) if verb is not None else None
        words += [found] if found is not None else []  # «Лидеры обсудили итоги переговоров, которые …»
    for word in words:
        lemma = word.lemma_.lower()
        plural = "Plur" in _feature(word, "Number")
        if not (lemma in lex.words["group_words"] or lemma in lex.words["guest_words"] or lemma in lex.words["host_words"]):
            continue
        if plural or len(previous.event.participants) == 2:
            return True
    return False


def _visit_host(state: _State, trigger: Token, clause: Token) -> str | None:
    """Whom a visitor visits: the inviter («по приглашению X»), the subject of the clause a visiting
    participle hangs on («Си провёл переговоры с Лукашенко, находящимся в Китае с визитом»), else
    the leader of the country the visit goes to («посетит Узбекистан», «прибыл в Ташкент»)."""
    if clause.dep_ == "acl" and clause.head.head is not clause.head:
        governing = clause.head.head  # «провёл переговоры с коллегой, прибывшим с визитом»
        subject = _subject(governing if governing.pos_ in ("VERB", "AUX") else _clause_of(governing))
        found = _actors(state, subject) if subject is not None else []
        if found:
            return found[0]
    for word in (clause, trigger, _visit_noun(clause) or trigger):
        for child in word.children:
            if child.lemma_.lower() == "приглашение":
                for g in child.children:
                    if g.dep_ == "nmod":
                        found = _actors(state, g)
                        if found:
                            return found[0]
    for word in (clause, trigger):
        for child in word.children:
            if child.dep_ in ("obj", "obl", "nmod") and child.pos_ == "PROPN":
                country = _country_of(state, child)
                if country is not None:
                    people = _holders(state, "President", country)
                    if people:
                        return people[0]
    return None

# one contact, many mentions ---------------------------------------------------------------------------


def _merge(state: _State, new: _Contact) -> None:
    """A later mention of the same contact adds to it; a visit and its talks, or talks and an
    informal dinner, stay separate (contract v1.1)."""
    a = new.event
    for old in state.contacts:
        b = old.event
        if old.pending or new.pending:
            continue
        if set(a.participants) != set(b.participants) or a.status != b.status:
            continue
        generic = a.trigger_is_noun and a.kind == "meeting" and a.formality == "unspecified" and b.kind != "visit"
        if (_kind_class(a.kind) != _kind_class(b.kind) and not generic) or old.informal_part != new.informal_part:
            continue  # «Разговор состоялся по инициативе …» after a call is that call
        if "formal" in (a.formality, b.formality) and "informal" in (a.formality, b.formality):
            continue
        if a.date and b.date and a.date != b.date:
            continue
        if a.location and b.location and a.evidence != b.evidence and not (a.location in b.location or b.location in a.location):
            continue
        if b.formality == "unspecified":
            b.formality = a.formality
        b.initiator = b.initiator or a.initiator
        b.recurring = b.recurring or a.recurring
        if b.date is None:
            b.date, b.date_text = a.date, a.date_text
        b.location = b.location or a.location
        b.more_evidence.append(a.evidence)
        return
    state.contacts.append(new)


def _kind_class(kind: str | None) -> str | None:
    return "meeting" if kind == "talks" else kind


def _enrich(state: _State, sent: Span, trigger: Token, contact: _Contact) -> None:
    """A noun of meeting with no parties of its own («Разговор состоялся по инициативе казахстанской
    стороны», «это уже третья встреча») adds to the contact before it."""
    event = contact.event
    before = (event.initiator, event.recurring)
    words = _around(trigger, trigger.head if trigger.head is not trigger else trigger) + list(sent)
    if event.initiator is None:
        event.initiator = _initiator(state, sent, contact, words) or _named_initiator(state, sent, event)
    if trigger.pos_ != "VERB" and _recurring(trigger) and event.status == "held":
        event.recurring = True
    if before != (event.initiator, event.recurring):
        event.more_evidence.append((sent.start_char, sent.end_char))


def _named_initiator(state: _State, sent: Span, event: EventInfo) -> str | None:
    """«Инициатором разговора выступила российская сторона»."""
    lex = lexicon()
    for token in sent:
        if token.lemma_.lower() not in lex.words["initiator_nouns"]:
            continue
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c is not token), None)
        if subject is not None:
            return _side(state, subject, event)
    return None


def _lead_dates(state: _State) -> None:
    """A dateless held contact the article leads with took place on the publication day (as in the
    English component: wire reports date their lead event by the dateline)."""
    if state.published is None:
        return
    lead = next((c.event for c in state.contacts if c.event.status == "held"), None)
    if lead is not None and lead.date is None and lead.date_text is None and not lead.recurring \
            and lead.evidence[0] < LEAD_CHARS:
        lead.date = state.published


@Language.factory("communique_ru_events", requires=["doc._.cq_mentions"], assigns=["doc._.cq_events"])
def make_ru_events(nlp: Language, name: str) -> RussianEvents:
    return RussianEvents()
