"""When a contact took place: the date phrase nearest its word, resolved against the
publication date; a dateless lead contact took place on the publication day."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from ..dates import DATE_PHRASE, resolve_date
from .record import EventInfo


def _date(doc: Doc, sent: Span, trigger: Token, future: bool) -> tuple[str | None, dt.date | None]:
    published = doc._.cq_published
    candidates: list[tuple[int, str]] = []
    for ent_start, ent_text, ent_label in _ents_in(doc, sent):
        duration = re.search(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|nearly|almost|"
                             r"over|some)\s+(\w+\s+)?(years?|decades?|months?|weeks?|days?|hours?)\b", ent_text, re.I)
        if duration and re.search(r"\bago\b", ent_text, re.I) and re.search(r"\bdays?\b", ent_text, re.I):
            duration = None  # "two days ago" is a day, not a length of time
        if ent_label == "DATE" and not duration:  # "next week" dates a meeting; "three decades" does not
            candidates.append((abs(ent_start - trigger.i), ent_text))
    for match in DATE_PHRASE.finditer(sent.text):
        tok = doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
        if tok is not None:
            candidates.append((abs(tok.start - trigger.i), match.group(0)))
    if not candidates:
        return None, None
    candidates.sort(key=lambda c: (c[0], -len(c[1])))
    text = candidates[0][1]
    # keep the preposition that makes the phrase readable: "on a Saturday"
    idx = sent.text.find(text)
    prefix = re.search(r"\b(on|in|last|this|next)\s+$", sent.text[:idx]) if idx >= 0 else None
    if prefix and not text.lower().startswith(prefix.group(1)):
        text = prefix.group(1) + " " + text
    return text, resolve_date(text, published, future=future)


def _ents_in(doc: Doc, sent: Span) -> list[tuple[int, str, str]]:
    """The sentence's entities (start, text, label) from one list per document: spaCy's ``Span.ents``
    builds every entity of the document on each call, which made long articles quadratic (issue 14).
    Plain values only, so the document still pickles for ``nlp.pipe(n_process=...)``."""
    if "communique.ents" not in doc.user_data:
        found = [(e.start, e.text, e.label_) for e in doc.ents]
        doc.user_data["communique.ents"] = found
        doc.user_data["communique.ent_starts"] = [start for start, _, _ in found]
    found, starts = doc.user_data["communique.ents"], doc.user_data["communique.ent_starts"]
    return list(found[bisect.bisect_left(starts, sent.start) : bisect.bisect_left(starts, sent.end)])


LEAD_CHARS = 600


def _lead_dates(doc: Doc, meetings: list[EventInfo]) -> None:
    """A dateless meeting the article leads with took place on the publication day.

    Readouts and wire reports date their lead event by the dateline (GDELT dates events the same
    way); later, dateless mentions stay undated rather than guessed.
    """
    published = doc._.cq_published
    if published is None:
        return
    lead = next((e for e in meetings if e.status == "held"), None)
    for event in meetings:
        if event.status == "held" and event.date is None and event.date_text is None and not event.recurring:
            # the lead's own contact, not a back reference in its paragraph ("after they met in Budapest")
            if event.evidence[0] < LEAD_CHARS and lead is not None and (
                    event is lead or not event.location or event.location == lead.location):
                event.date = published


NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _offset(trigger: Token) -> tuple[Token, int] | None:
    """"met B on Saturday, a day after talks with C": the contact is dated from the act the time phrase
    hangs on (the act, and the days to add to its date: -1 here, +2 for "two days before the summit")."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in ("after", "before"):
        return None
    # "a day" hangs on the preposition, or the preposition on "a day"
    unit = next((c for c in prep.children if c.dep_ == "npadvmod"), prep.head)
    anchor = prep.head if unit.head.i == prep.i else unit.head
    if unit.dep_ != "npadvmod" or unit.lemma_.lower() not in ("day", "week") or anchor.pos_ not in ("VERB", "AUX"):
        return None
    count = next((NUMBER_WORDS.get(c.lower_) or (int(c.text) if c.text.isdigit() else None)
                  for c in unit.children if c.dep_ in ("det", "nummod")), None)
    if count is None:
        return None
    days = count * (7 if unit.lemma_.lower() == "week" else 1)
    return anchor, -days if prep.lower_ == "after" else days
