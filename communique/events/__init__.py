"""Events: meetings, visits, summits and calls (PLOVER CONSULT) with their attributes, and the
praise and criticism between actors (SUPPORT / ACCUSE) that quotes carry.

Component ``communique_events`` (after quotes) sets ``doc._.cq_events`` (``EventInfo``). One event
per real-world meeting in an article: later mentions of the same participants, and definite
references ("the meeting was at X's request"), add evidence and attributes, not events.

The modules, by what a reader looks for:

- ``triggers``: the words that report a contact; ``lexicon``: the word lists;
- ``participants``: who takes part (subjects, objects, phrases, pronouns, "the two leaders", attendees);
- ``host``: who stands for a country in a visit; ``place``: where a contact took place;
- ``attributes``: status, formality and initiator; ``date``: when;
- ``meeting``: a record from one word of a sentence; ``merge``: one record per distinct contact;
- ``stance``: praise and criticism; ``record``: the ``EventInfo`` record.

Example::

    >>> from communique.extract import extract
    >>> [(e.kind, e.status) for e in extract("Putin met Tokayev in Astana on Monday.").events]
    [('meeting', 'held')]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .date import _lead_dates
from .host import _hosts_from_contacts
from .lexicon import DEFINITE_MEETING
from .meeting import _bare_reference, _delegations, _enrich, _greetings, _meeting, _part_of
from .merge import _gathering, _merge_into, _split
from .participants import _phrase_actor as _phrase_actor
from .participants import _phrase_actors as _phrase_actors
from .record import CONFIDENCE as CONFIDENCE
from .record import EventInfo
from .stance import stances
from .triggers import _triggers, _twice

__all__ = ["EventFinder", "EventInfo", "make_events"]


class EventFinder:
    """The ``communique_events`` component: the meetings and stances of a parsed document, into ``doc._.cq_events``."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[EventInfo]:
        meetings: list[EventInfo] = []
        for sent in doc.sents:
            for trigger, kind in _triggers(sent):
                event = _meeting(doc, sent, trigger, kind)
                if event is None:
                    event = _part_of(doc, sent, trigger, meetings)
                if event is None:
                    event = _bare_reference(doc, sent, trigger, kind, meetings)
                if event is None:
                    continue
                for one in _split(event, trigger):
                    _merge_into(meetings, one, doc)
                if event.plover == "CONSULT" and _twice(trigger):
                    # "phoned Trump twice on Monday": two contacts (the second never merges into the first)
                    meetings.append(EventInfo(**{**event.__dict__, "more_evidence": []}))
                gathering = _gathering(sent, event)
                if gathering is not None and not any(
                        m.kind == gathering.kind and (m.location == gathering.location or (
                            set(gathering.participants) <= set(m.participants)
                            and (len(m.participants) > len(gathering.participants) or m.kind == "summit")))
                        for m in meetings):
                    meetings.append(gathering)
            last = meetings[-1] if meetings else None
            if last is not None and DEFINITE_MEETING.search(sent.text):
                _enrich(doc, sent, last)
        _greetings(doc, meetings)
        _hosts_from_contacts(doc, meetings)
        _delegations(doc, meetings)
        _lead_dates(doc, meetings)
        return meetings + stances(doc)

    def set_annotations(self, doc: Doc, found: list[EventInfo]) -> None:
        doc._.cq_events = found


@Language.factory(
    "communique_events",
    requires=["doc._.cq_mentions", "doc._.cq_quotes"],
    assigns=["doc._.cq_events"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    return EventFinder()
