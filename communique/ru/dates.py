"""Russian date phrases found in a sentence and resolved against the publication date (issue 15).

The rules are those of ``communique.dates`` and the annotation contract, for Russian wording:

- «в понедельник» is the latest Monday on or before publication (that day when it is a Monday);
  a planned contact's weekday points forward («в четверг проведут»);
- «в прошлую пятницу» is the Friday of the previous calendar week;
- «вчера», «вчерашние (переговоры)» and «накануне» used as an adverb are publication − 1;
  «сегодня», «в эти минуты» are the publication day, «завтра» publication + 1;
- «3 марта» is that day in the publication year (or the year written after it); a range
  «26–27 мая» gives its first day;
- «в тот же день», «вечером того же дня» take the date of the contact they refer to;
- «на прошлой неделе», «в сентябре прошлого года», «в мае» keep their text and give no date.

Example::

    >>> resolve("в прошлую пятницу", dt.date(2025, 3, 10))
    datetime.date(2025, 3, 7)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: Weekday stems (Monday first) as they occur after «в»/«во» in any case.
WEEKDAYS = ("понедельник", "вторник", "сред", "четверг", "пятниц", "суббот", "воскресень")
#: Month names in the genitive («3 марта»), January first.
MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
          "октября", "ноября", "декабря")
_MONTH_ALONE = r"(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[еяюь]"
_RELATIVE = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}

DATE_PHRASE = re.compile(
    r"(?<![\w-])(?:"
    # «3 марта», «26–27 мая», «14 сентября 2022 года»
    r"(?P<day>\d{1,2})(?:\s*[–—-]\s*\d{1,2})?\s+(?P<month>" + "|".join(MONTHS) + r")"
    r"(?:\s+(?P<year>\d{4})(?:\s+года|\s*г\.)?)?"
    # «в тот же день», «вечером того же дня», «в этот же день»
    r"|(?P<same>(?:(?:утром|днём|днем|вечером|ночью)\s+)?(?:в\s+)?(?:тот|тот\s+же|этот\s+же|того\s+же|того)\s+(?:же\s+)?(?:день|дня))"
    # «в прошлую пятницу», «во вторник», «в следующий четверг», «в воскресенье вечером»
    r"|(?P<weekday>(?:в|во)\s+(?:(?P<which>прошл\w+|минувш\w+|следующ\w+|эт\w+|ближайш\w+)\s+)?"
    r"(?P<wd>понедельник|вторник|сред[уы]|четверг|пятниц[уы]|суббот[уы]|воскресенье))"
    # «вчера», «вчерашних», «сегодняшней», «накануне», «в эти минуты»
    r"|(?P<rel>позавчера|вчера|сегодня|послезавтра|завтра)(?P<adj>шн\w+)?"
    r"|(?P<eve>накануне)"
    r"|(?P<now>в\s+эти\s+минуты|в\s+настоящее\s+время)"
    # vague: «на прошлой неделе», «в сентябре прошлого года», «в мае», «в начале августа»
    r"|(?P<vague>на\s+(?:прошлой|этой|следующей|будущей|минувшей)\s+неделе"
    r"|в\s+(?:начале|середине|конце)\s+(?:" + "|".join(MONTHS) + r"|месяца|года|недели)"
    r"|в\s+" + _MONTH_ALONE + r"(?:\s+(?:прошлого|этого|следующего|текущего)\s+года|\s+\d{4}\s+года)?"
    r"|в\s+(?:прошлом|этом|следующем)\s+(?:году|месяце)|в\s+ближайшее\s+время|в\s+ближайшие\s+дни)"
    r")(?![\w-])",
    re.I,
)


@dataclass(frozen=True)
class DatePhrase:
    """A date phrase of a sentence: its character offsets in the document, its text and its date."""

    start_char: int
    end_char: int
    text: str
    date: dt.date | None
    same_day: bool = False  # «в тот же день»: the date of the contact referred to


def find(text: str, offset: int, published: dt.date | None, *, future: bool = False) -> list[DatePhrase]:
    """The date phrases of one sentence's ``text`` (starting at document offset ``offset``)."""
    out: list[DatePhrase] = []
    for match in DATE_PHRASE.finditer(text):
        phrase = match.group(0)
        if match.group("eve") and _eve_is_preposition(text[match.end():]):
            continue  # «накануне визита»: the eve of some event, not a date of its own
        if match.group("same"):
            out.append(DatePhrase(offset + match.start(), offset + match.end(), phrase, None, same_day=True))
            continue
        out.append(DatePhrase(offset + match.start(), offset + match.end(), phrase,
                              resolve(phrase, published, future=future)))
    return out


def _eve_is_preposition(rest: str) -> bool:
    """«накануне» followed by a noun in the genitive («накануне саммита») is a preposition."""
    word = re.match(r"\s+([а-яё]+)", rest, re.I)
    if word is None:
        return False
    from .carrier import morph_analyzer

    parse = morph_analyzer().parse(word.group(1))[0]
    return parse.tag.case == "gent" and parse.tag.POS in ("NOUN", "ADJF", "PRTF", "NPRO")


def resolve(phrase: str, published: dt.date | None, *, future: bool = False) -> dt.date | None:
    """The calendar date a Russian phrase names, or None when it is vague or needs an unknown year."""
    match = DATE_PHRASE.fullmatch(phrase.strip())
    if match is None or match.group("vague") or match.group("same"):
        return None
    if match.group("day"):
        day, month = int(match.group("day")), MONTHS.index(match.group("month").lower()) + 1
        year = int(match.group("year")) if match.group("year") else (published.year if published else None)
        if year is None:
            return None
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if published is None:
        return None
    if match.group("rel"):
        return published + dt.timedelta(days=_RELATIVE[match.group("rel").lower()])
    if match.group("eve"):
        return published - dt.timedelta(days=1)
    if match.group("now"):
        return published
    wd_word = match.group("wd").lower()
    weekday = next(i for i, stem in enumerate(WEEKDAYS) if wd_word.startswith(stem))
    which = (match.group("which") or "").lower()
    if which.startswith(("прошл", "минувш")):
        monday = published - dt.timedelta(days=published.weekday() + 7)
        return monday + dt.timedelta(days=weekday)
    delta = (published.weekday() - weekday) % 7
    if which.startswith(("следующ", "ближайш")) or (future and delta):
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return published - dt.timedelta(days=delta)
