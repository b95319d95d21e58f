"""An article's text cut into pieces for highlighting: evidence sentences, quotes and actor mentions.

The pieces are plain data (text plus classes); the template escapes every piece, so nothing in an
article can become markup. Evidence sentences that overlap are merged into one region, and every
record links to the region holding its evidence (``#ev-<start>``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Row = dict[str, Any]


def _regions(length: int, evidence: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(start, end, is_evidence) regions covering ``[0, length)``; overlapping evidence merged."""
    spans = sorted((max(0, s), min(length, e)) for s, e in evidence if e > s and s < length)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[tuple[int, int, bool]] = []
    at = 0
    for start, end in merged:
        if start > at:
            out.append((at, start, False))
        out.append((start, end, True))
        at = end
    if at < length:
        out.append((at, length, False))
    return out


def region_of(regions: Sequence[tuple[int, int, bool]], start: int) -> int | None:
    """The start of the evidence region holding offset ``start``."""
    for first, end, is_evidence in regions:
        if is_evidence and first <= start < end:
            return first
    return None


def pieces(text: str, article: Row) -> tuple[list[Row], dict[int, int]]:
    """The text as regions of pieces, and each evidence start's region start (the anchor to link to)."""
    evidence = [(int(r["evidence_start"]), int(r["evidence_end"]))
                for key in ("quotes", "events", "offices") for r in article.get(key, [])]
    regions = _regions(len(text), evidence)
    anchors = {s: region_of(regions, s) for s, _ in evidence}
    marks: list[tuple[int, int, str, Row]] = []
    for q in article.get("quotes", []):
        marks.append((int(q["start"]), int(q["end"]), "quote", q))
    for m in article.get("mentions", []):
        marks.append((int(m["start"]), int(m["end"]), "mention", m))
    out: list[Row] = []
    for first, end, is_evidence in regions:
        cuts = {first, end}
        for s, e, _, _ in marks:
            cuts.update(c for c in (s, e) if first < c < end)
        bounds = sorted(cuts)
        parts = []
        for s, e in zip(bounds, bounds[1:]):
            active = [(kind, rec) for ms, me, kind, rec in marks if ms <= s and e <= me]
            mention = next((rec for kind, rec in active if kind == "mention"), None)
            parts.append({
                "text": text[s:e],
                "quote": any(kind == "quote" for kind, _ in active),
                "actor_id": mention.get("actor_id") if mention else None,
                "actor_name": mention.get("name") if mention else None,
            })
        aliases = sorted({s for s, region in anchors.items() if region == first and s != first})
        out.append({"start": first, "evidence": is_evidence, "parts": parts, "aliases": aliases})
    return out, {k: v for k, v in anchors.items() if v is not None}
