"""The analyst's brief: one article's analysis as markdown."""

from __future__ import annotations

from .records import Analysis, Event


def _name(analysis: Analysis, actor_id: str | None) -> str:
    actor = analysis.actor(actor_id)
    return actor.name if actor else (actor_id or "unknown")


def _names(analysis: Analysis, ids: list[str]) -> str:
    return ", ".join(_name(analysis, i) for i in ids) or "—"


def _clip(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _meeting_line(analysis: Analysis, event: Event) -> str:
    who = " – ".join(_name(analysis, p) for p in event.participants)
    facts: list[str] = [event.kind or "meeting", event.formality]
    if event.status != "held":
        facts.append(event.status)
    if event.recurring:
        facts.append("recurring")
    if event.initiator:
        facts.append(f"initiated by {_name(analysis, event.initiator)}")
    when = event.date.isoformat() if event.date else None
    if event.date_text:
        when = f"{when} ({event.date_text})" if when else event.date_text
    if when:
        facts.append(f"when: {when}")
    if event.location:
        facts.append(f"where: {event.location}")
    return f"- **{who}** — {', '.join(facts)} (PLOVER {event.plover}, CAMEO {event.cameo})\n  > {_clip(event.evidence.text)}"


def to_markdown(analysis: Analysis) -> str:
    """A readable brief of who met whom, who said what, and who holds which office."""
    art = analysis.article
    out = [f"# {art.title or 'Untitled article'}", ""]
    meta = [x for x in (art.outlet, art.published.isoformat() if art.published else art.published_text, art.url) if x]
    if meta:
        out += [" · ".join(meta), ""]
    people = [a for a in analysis.actors if a.kind == "person"]
    out.append("## Actors")
    if not analysis.actors:
        out.append("No actors found.")
    for actor in people + [a for a in analysis.actors if a.kind != "person"]:
        offices = [f"{r.role}" + (f" of {r.of}" if r.of else "") for r in analysis.roles if r.person == actor.id]
        extra = f" — {'; '.join(offices)}" if offices else ""
        out.append(f"- {actor.name} ({actor.kind}{', ' + actor.country if actor.country else ''}, {len(actor.mentions)} mentions){extra}")
    out += ["", "## Who met whom"]
    meetings = [e for e in analysis.events if e.plover == "CONSULT"]
    out += [_meeting_line(analysis, e) for e in meetings] or ["No meetings found."]
    out += ["", "## Who said what"]
    if not analysis.quotes:
        out.append("No quotes found.")
    speakers: dict[str | None, list[int]] = {}
    for i, quote in enumerate(analysis.quotes):
        speakers.setdefault(quote.speaker, []).append(i)
    for speaker, indices in speakers.items():
        out.append(f"### {_name(analysis, speaker) if speaker else 'Unattributed source'}")
        for i in indices:
            q = analysis.quotes[i]
            kind = "direct" if q.direct else "reported"
            about = f" — about {_names(analysis, q.about)}" if q.about else ""
            out.append(f"- “{_clip(q.text)}” ({kind}, cue: {q.cue}{about})")
    stances = [e for e in analysis.events if e.plover in ("SUPPORT", "ACCUSE")]
    out += ["", "## Praise and criticism"]
    for e in stances:
        verb = "praises" if e.plover == "SUPPORT" else "criticises"
        out.append(f"- {_names(analysis, e.source)} {verb} {_names(analysis, e.target)} (CAMEO {e.cameo})\n  > {_clip(e.evidence.text)}")
    if not stances:
        out.append("None found.")
    out += ["", "## Offices"]
    for role in analysis.roles:
        out.append(f"- {_name(analysis, role.person)}: {role.role}{' of ' + role.of if role.of else ''} — “{_clip(role.evidence.text, 120)}”")
    if not analysis.roles:
        out.append("None found.")
    return "\n".join(out) + "\n"
