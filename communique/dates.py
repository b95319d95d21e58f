"""Date phrases resolved against the article's publication date.

Rules (DESIGN.md): a weekday equal to the publication weekday means that day; a weekday otherwise
means the last one before publication, or the next one when the sentence speaks of the future;
"today", "yesterday", "this morning" follow the publication date; explicit dates are parsed with
dateparser; vague phrases ("a Saturday", "recently") keep their text and no date. No year is ever
guessed: without a publication date, only explicit dates with a year resolve.
"""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "yesterday": -1, "tomorrow": 1}
DATE_PHRASE = re.compile(
    r"\b(?:(?:on|this|last|next|earlier|later)\s+)?(?:(?:a|the)\s+)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"|today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening))\b",
    re.I,
)


def resolve_date(phrase: str, published: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The calendar date a phrase names, or None when it is vague or needs an unknown year."""
    text = phrase.lower().strip()
    text = re.sub(r"^(on|in|at)\s+", "", text)
    if re.match(r"^(a|an)\s", text):
        return None  # "on a Saturday": some Saturday, not a date
    ago = re.search(r"\b(\d+|one|two|three|four|five|six)\s+days?\s+ago\b", text)
    if ago:  # "two days ago": counted back from publication
        n = ago.group(1)
        days = int(n) if n.isdigit() else ("one", "two", "three", "four", "five", "six").index(n) + 1
        return published - dt.timedelta(days=days) if published else None
    for word, offset in _RELATIVE.items():
        if re.search(rf"\b{word}\b", text):
            return published + dt.timedelta(days=offset) if published else None
    weekday = next((i for i, w in enumerate(WEEKDAYS) if w in text), None)
    if weekday is not None and not re.search(r"\d", text):
        if published is None:
            return None
        delta = (published.weekday() - weekday) % 7
        if "next" in text or (future and delta):
            return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
        if "last" in text and delta == 0:
            delta = 7
        return published - dt.timedelta(days=delta)
    has_year = re.search(r"\b(1[89]|20)\d{2}\b", text)
    has_month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", text)
    if not has_month and not re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return None
    if not re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", re.sub(r"\b\d{4}\b", "", text)) and not re.match(r"^\d{4}-", text):
        return None  # a month, not a day
    if not has_year and published is None:
        return None
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None
