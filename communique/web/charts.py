"""Charts drawn on the server as SVG: offices over time, meetings over time, a praise/criticism strip.

Every string that reaches the SVG goes through ``escape``; the charts scale with their container
(``viewBox``), so they read on a phone as on a desktop, and need no script.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

Row = dict[str, Any]

#: Colours of meeting formality (also in desk.css, for the legends).
FORMALITY_COLOURS = {"formal": "#2f5d8a", "informal": "#e0892b", "unspecified": "#9aa5b1"}
STANCE_COLOURS = {"praise": "#2e8540", "criticism": "#c0392b"}
WIDTH = 720


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _svg(height: int, body: list[str], label: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(label)}" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>'
    )


def _scale(first: dt.date, last: dt.date, left: int, right: int) -> Any:
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + (day - first).days / span * (right - left)

    return x


def _year_ticks(first: dt.date, last: dt.date, x: Any, y: int) -> list[str]:
    years = list(range(first.year, last.year + 1))
    step = max(1, len(years) // 8)
    out = []
    for year in years[::step]:
        tick = max(dt.date(year, 1, 1), first)
        out.append(f'<text x="{x(tick):.1f}" y="{y}" class="tick">{year}</text>')
    return out


def office_timeline(offices: Sequence[Row]) -> Markup:
    """One bar per office, from its first to its last report."""
    spans: list[tuple[Row, dt.date, dt.date]] = []
    for office in offices:
        start = _day(office.get("first_reported"))
        if start:
            spans.append((office, start, _day(office.get("last_reported")) or start))
    if not spans:
        return Markup('<p class="empty">No dated offices.</p>')
    first = min(a for _, a, _ in spans) - dt.timedelta(days=15)
    last = max(b for _, _, b in spans) + dt.timedelta(days=15)
    x = _scale(first, last, 220, WIDTH - 10)
    body, row_height = [], 26
    for i, (office, start, end) in enumerate(spans):
        y = 10 + i * row_height
        label = f"{office['role']}" + (f" of {office['of']}" if office.get("of") else "")
        x0, x1 = x(start), x(end)
        body.append(f'<text x="0" y="{y + 14}" class="label">{escape(label[:34])}</text>')
        body.append(
            f'<rect x="{x0:.1f}" y="{y}" width="{max(x1 - x0, 4):.1f}" height="18" rx="3" class="office">'
            f"<title>{escape(label)}: {start} to {end} ({office.get('n_sources', 0)} reports)</title></rect>"
        )
    height = 10 + len(spans) * row_height + 20
    body += _year_ticks(first, last, x, height - 4)
    return _svg(height, body, "Offices over time")


def _bins(activity: Sequence[Row]) -> tuple[list[str], str]:
    months = sorted({r["month"] for r in activity if r.get("month")})
    if not months:
        return [], "month"
    first, last = months[0], months[-1]
    by_year = int(last[:4]) - int(first[:4]) > 4
    if by_year:
        return [str(y) for y in range(int(first[:4]), int(last[:4]) + 1)], "year"
    out, year, month = [], int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out, "month"


def meetings_chart(activity: Sequence[Row]) -> Markup:
    """Meetings per month (or year) stacked by formality; a dot over the bars counts those the actor asked for."""
    bins, unit = _bins(activity)
    if not bins:
        return Markup('<p class="empty">No dated meetings.</p>')
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    asked: dict[str, int] = defaultdict(int)
    for row in activity:
        key = row["month"][:4] if unit == "year" else row["month"]
        counts[key][row["formality"]] += int(row["meetings"])
        if row.get("asked"):
            asked[key] += int(row["meetings"])
    top = max(sum(c.values()) for c in counts.values()) or 1
    left, bottom, plot = 40, 170, 140
    step = min((WIDTH - left - 10) / len(bins), 48.0)  # a few bars stay bars, not a wall
    body = [f'<text x="0" y="{bottom - plot + 10}" class="tick">{top}</text>',
            f'<text x="0" y="{bottom}" class="tick">0</text>',
            f'<line x1="{left}" y1="{bottom}" x2="{WIDTH - 10}" y2="{bottom}" class="axis"/>']
    for i, key in enumerate(bins):
        y = float(bottom)
        x = left + i * step
        for formality in ("formal", "informal", "unspecified"):
            n = counts.get(key, {}).get(formality, 0)
            if not n:
                continue
            h = n / top * plot
            y -= h
            body.append(
                f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" height="{h:.1f}" '
                f'fill="{FORMALITY_COLOURS[formality]}" class="bar {formality}"><title>{escape(key)}: {n} {formality}'
                f"</title></rect>"
            )
        if asked.get(key):
            body.append(
                f'<circle cx="{x + step / 2:.1f}" cy="{y - 6:.1f}" r="{min(max(step / 3, 2), 5):.1f}" class="asked">'
                f"<title>{escape(key)}: {asked[key]} at the actor's request</title></circle>"
            )
    every = max(1, len(bins) // 10)
    for i in range(0, len(bins), every):
        body.append(f'<text x="{left + i * step:.1f}" y="{bottom + 16}" class="tick">{escape(bins[i])}</text>')
    return _svg(bottom + 24, body, f"Meetings per {unit} by formality")


def stance_strip(stances: Sequence[Row], a_name: str, b_name: str) -> Markup:
    """Praise and criticism over time: one lane per speaker, a dot per stance."""
    dated: list[tuple[Row, dt.date]] = []
    for stance in stances:
        day = _day(stance.get("date"))
        if day:
            dated.append((stance, day))
    if not dated:
        return Markup('<p class="empty">No praise or criticism between them on record.</p>')
    first = min(d for _, d in dated) - dt.timedelta(days=10)
    last = max(d for _, d in dated) + dt.timedelta(days=10)
    x = _scale(first, last, 160, WIDTH - 10)
    lanes = {"a": (20, f"{a_name} on {b_name}"), "b": (50, f"{b_name} on {a_name}")}
    body = []
    for y, label in lanes.values():
        body.append(f'<text x="0" y="{y + 4}" class="label">{escape(label[:26])}</text>')
        body.append(f'<line x1="160" y1="{y}" x2="{WIDTH - 10}" y2="{y}" class="lane"/>')
    for stance, day in dated:
        y = lanes.get(stance.get("by") or "", (35, ""))[0]
        body.append(
            f'<circle cx="{x(day):.1f}" cy="{y}" r="6" fill="{STANCE_COLOURS[stance["stance"]]}" '
            f'class="stance {escape(stance["stance"])}"><title>{day}: {escape(stance["stance"])} '
            f"(CAMEO {escape(stance.get('cameo') or '')})</title></circle>"
        )
    body += _year_ticks(first, last, x, 80)
    return _svg(86, body, "Praise and criticism over time")
