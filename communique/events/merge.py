"""One record per distinct contact: mentions of the same contact merge, a visit and the talks or
dinner inside it stay apart, lists of guests split into bilateral meetings, and a gathering on whose
sidelines people met is a record of its own."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicon import SIDELINE_GATHERING
from .place import _same_place
from .record import EventInfo, _kind, _unique


def _merge_into(events: list[EventInfo], new: EventInfo, doc: Doc | None = None) -> None:
    for event in events:
        if event.plover != "CONSULT":
            continue
        same_sentence = event.evidence == new.evidence and not (len(event.places) > 1 or len(new.places) > 1)
        nested = set(event.participants) <= set(new.participants) or set(new.participants) <= set(event.participants)
        parties = _same_parties(doc, event.participants, new.participants) if doc is not None else None
        if same_sentence and event.kind == new.kind == "summit" and set(event.participants) & set(new.participants):
            # one summit seen from two words of a sentence ("welcomed X for the summit between A and B")
            new = EventInfo(**{**new.__dict__, "participants": _unique(event.participants + new.participants)})
            nested = True
        backref = (new.definite and not same_sentence and event.status == "held"
                   and set(new.participants) < set(event.participants))
        if backref:
            # "Juncker, who hosted the talks together with Tusk": some of the people of a contact reported before
            new = EventInfo(**{**new.__dict__, "participants": list(event.participants),
                               "source": list(event.source), "target": list(event.target)})
            parties = list(event.participants)
        if same_sentence and parties is None and not nested:
            people = _people_for_body(doc, event.participants, new.participants)
            if people is not None:
                # "sat down with the presidents of the Council and the Commission, his first meeting with
                # the EU's leadership": one contact; the people stand for their body (contract v1.1)
                if people is new.participants:
                    event.participants, event.source, event.target = new.participants, new.source, new.target
                nested = True
        if parties is None and set(event.participants) != set(new.participants) and not (same_sentence and nested):
            continue
        if same_sentence and nested and len(new.participants) > len(event.participants):
            # "we welcomed Premier Li for talks": one meeting, seen from two words of the sentence
            event.participants = new.participants
            event.source, event.target = new.source, new.target
            event.mode, event.kind, event.cameo = new.mode, new.kind, new.cameo
        if event.status != new.status and "held" in (event.status, new.status) and new.status != "held":
            continue
        # one contact: the same kind (meeting and talks are one), or a later "their meeting" referring
        # back; a visit and the talks, walk or dinner inside it, or formal talks and an informal
        # dinner, are separate records (contract v1.1)
        kinds = {event.kind, new.kind}
        compatible = (event.kind == new.kind or kinds <= {"meeting", "talks"}
                      or (new.kind == "meeting" and new.trigger_is_noun and event.kind != "visit")
                      # the host receiving or welcoming the visitor is the visit itself, not a contact of its own
                      or (same_sentence and kinds == {"visit", "meeting"} and (_reception(event) or _reception(new))))
        if not same_sentence and "talks" in kinds and _reception(event) != _reception(new):
            continue  # "X received Y ... Later X and his guest held talks": the welcome, then the talks
        if not compatible or {event.formality, new.formality} == {"formal", "informal"} or (
                event.informal_part != new.informal_part and "informal" in (event.formality, new.formality)):
            continue
        if event.date and new.date and event.date != new.date:
            continue
        if parties is not None and set(parties) != set(event.participants):
            # the country side of one mention is the person of the other: keep the people
            swap = dict(zip(event.participants, parties))
            event.participants = parties
            event.source = [swap.get(a, a) for a in event.source]
            event.target = [swap.get(a, a) for a in event.target]
            event.initiator = swap.get(event.initiator, event.initiator) if event.initiator else None
        if event.location and new.location and event.location != new.location and not backref and (
                max(len(event.places), len(new.places)) > 1
                or (not same_sentence and not _same_place(doc, event.location, new.location))):
            continue  # meetings in different places ("talks in Belgrade ... after they met in Budapest")
        if new.kind == "visit" and event.kind in ("meeting", "talks") and _reception(event):
            # "X hosted Y for a state visit": the host's verb already says who travelled to whom
            event.kind, event.mode = "visit", "visit"
        elif new.kind == "visit" and event.kind in ("meeting", "talks"):
            # talks held during a visit: the visit says who travelled to whom
            event.kind, event.mode, event.cameo = new.kind, new.mode, new.cameo
            event.source, event.target = list(new.source), list(new.target)
            if parties is not None:
                swap = dict(zip(new.participants, parties))
                event.source = [swap.get(a, a) for a in event.source]
                event.target = [swap.get(a, a) for a in event.target]
        if event.kind == "meeting" and new.kind == "talks":
            event.kind = "talks"  # "welcomed his guest, where they held talks": the more telling word
        if event.formality == "unspecified":
            event.formality = new.formality
        event.initiator = event.initiator or new.initiator
        event.recurring = event.recurring or new.recurring
        event.date = event.date or new.date
        event.date_text = event.date_text or new.date_text
        event.location = event.location or new.location
        event.more_evidence.append(new.evidence)
        return
    events.append(new)


def _split(event: EventInfo, trigger: Token) -> list[EventInfo]:
    """"his meetings with A, B and C": one bilateral meeting with each of them; "we met in A and B":
    one meeting in each place."""
    if len(event.places) > 1:
        return [EventInfo(**{**event.__dict__, "location": place, "places": [place, *event.places], "more_evidence": []})
                for place in event.places]
    listed_verb = (trigger.pos_ == "VERB" and event.kind in ("meeting", "visit") and event.mode != "visit"
                   and all(_kind(trigger.doc, t) == "person" for t in event.target + event.source))
    if (trigger.tag_ != "NNS" and not listed_verb) or len(event.source) != 1 or len(event.target) < 2 \
            or event.kind == "summit" or event.joint_subject:
        return [event]
    out = []
    for target in event.target:
        one = EventInfo(**{**event.__dict__, "target": [target], "participants": [event.source[0], target],
                           "more_evidence": [], "mode": None if event.mode == "multilateral" else event.mode})
        out.append(one)
    return out


def _gathering(sent: Span, event: EventInfo) -> EventInfo | None:
    """"A met B on the margins of the AUKUS Defence Ministers Meeting": the gathering reported as held
    is a record of its own, with the people the text places there (contract v1.1), beside the bilateral."""
    match = SIDELINE_GATHERING.search(sent.text)
    if match is None or event.status != "held" or len(event.participants) < 2 or event.kind in ("phone_call", "video_call"):
        return None
    noun = match.group("noun").lower()
    kind = "summit" if noun == "summit" else "meeting"
    name = match.group("name").strip()
    return EventInfo("CONSULT", "040", event.evidence, kind=kind, mode="multilateral", participants=list(event.participants),
                     source=list(event.participants[:1]), target=list(event.participants[1:]), formality="formal",
                     status="held", date=event.date, date_text=event.date_text, location=name,
                     confidence=event.confidence)


def _same_parties(doc: Doc, first: list[str], second: list[str]) -> list[str] | None:
    """The participants of two mentions of one meeting, or None when the parties differ.

    A country stands for its own person among the other mention's parties: "Putin's visit to
    Kazakhstan" and "Putin held talks with Tokayev" name the same two sides.
    """
    if set(first) == set(second):
        return first
    if len(set(first)) != len(set(second)):
        return None
    actors = doc._.cq_actors
    merged: list[str] = []
    left = list(dict.fromkeys(second))
    for a in dict.fromkeys(first):
        if a in left:
            left.remove(a)
            merged.append(a)
            continue
        info = actors.get(a)
        partner = next((b for b in left if actors.get(b) is not None and info is not None and (
            (info.kind == "country" and actors[b].kind == "person" and actors[b].country == info.country)
            or (actors[b].kind == "country" and info.kind == "person" and info.country == actors[b].country))), None)
        if partner is None:
            return None
        left.remove(partner)
        merged.append(a if info is not None and info.kind == "person" else partner)
    return merged


def _people_for_body(doc: Doc | None, first: list[str], second: list[str]) -> list[str] | None:
    """Of two readings of one sentence's contact, the one that names people where the other names only
    an organization: they share someone, and what differs is bodies on one side, people on the other."""
    if doc is None or not set(first) & set(second):
        return None
    only_first = [a for a in first if a not in second]
    only_second = [a for a in second if a not in first]
    if not only_first or not only_second:
        return None
    if all(_kind(doc, a) == "organization" for a in only_first) and all(_kind(doc, a) == "person" for a in only_second):
        return second
    if all(_kind(doc, a) == "organization" for a in only_second) and all(_kind(doc, a) == "person" for a in only_first):
        return first
    return None


def _reception(event: EventInfo) -> bool:
    """"Y was received by X", "X welcomed Y": a host's reception (coded 043), not talks or a meal."""
    return event.reception and event.kind == "meeting" and event.formality != "informal"
