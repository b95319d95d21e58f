"""The JSON data files that ship in ``communique/data``: written whole by a build command, read with a clear error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import KnowledgeBaseError

# how to rebuild the event-coding files (``communique kb verbs`` writes the verbs, agents and places)
KB_VERBS = "rebuild it with `communique kb verbs --shared ../shared`"


def read_packaged(path: Path, what: str, remedy: str = KB_VERBS) -> dict[str, Any]:
    """The JSON object in ``path``; a ``KnowledgeBaseError`` naming the file, ``what`` it holds and the remedy."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read the {what} ({exc}). It ships with the package; {remedy}.") from exc
    return data


def write_packaged(dest: Path, data: dict[str, Any], indent: int | None = 0) -> None:
    """Write ``data`` as UTF-8 JSON at ``dest`` (creating its folder); ``indent=None`` writes it compact."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    separators = (",", ":") if indent is None else None
    dest.write_text(json.dumps(data, indent=indent, separators=separators, ensure_ascii=False) + "\n", encoding="utf-8")
