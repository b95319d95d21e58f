"""CAMEO event codes and their PLOVER equivalents.

The mapping is the Open Event Data Alliance's ``CAMEO2PLOVER-2021.txt`` (PLOVER manual draft 0.8,
CC BY-SA 4.0), packaged as ``communique/data/cameo_plover.json`` by :func:`build_mapping`::

    {"attribution": "...", "license": "CC BY-SA 4.0", "source": "...",
     "roots": {"04": ["CONSULT"], "08": ["CONCEDE", "RETREAT"], ...},
     "codes": {"042": {"plover": "CONSULT", "mode": "visit", "context": [],
                       "label": "Make a visit"}, ...}}

CAMEO roots 01 (public statement) and 02 (appeal) have no PLOVER event, so their codes map to
nothing. Quad classes follow the CAMEO convention: roots 01–05 verbal cooperation, 06–08 material
cooperation, 09–13 verbal conflict, 14–20 material conflict. Goldstein scores (-10 conflict … +10
cooperation) come from GDELT's CAMEO adaptation of Goldstein (1992), ``data/cameo_goldstein.tsv``
(its header names the source).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import KnowledgeBaseError
from .packaged import read_packaged, write_packaged

MAPPING_FILE = Path(str(resources.files("communique") / "data" / "cameo_plover.json"))
GOLDSTEIN_FILE = Path(str(resources.files("communique") / "data" / "cameo_goldstein.tsv"))

ATTRIBUTION = (
    "CAMEO to PLOVER conversion table (CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8, "
    "17 September 2021, edited by Philip Schrodt), Copyright Open Event Data Alliance, licensed "
    "under the Creative Commons Attribution-ShareAlike 4.0 International License; converted to "
    "JSON by communique."
)

QUAD_CLASSES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

# A PLOVER type without a mode-less code in the table gets this CAMEO code as its default:
# ACCUSE is listed as investigate (09x) or disapprove (11x); "disapprove" is the general case.
_TYPE_DEFAULTS = {"ACCUSE": "110"}

_LINE = re.compile(r"^(?P<code>\d{2,4}):\s*(?P<body>[^#]*?)\s*(?:#\s*(?P<label>.*?))?\s*$")


def parse_table(text: str) -> dict[str, Any]:
    """Parse the text of ``CAMEO2PLOVER-2021.txt`` into the packaged mapping (without attribution)."""
    roots: dict[str, list[str]] = {}
    codes: dict[str, dict[str, Any]] = {}
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        code, body, label = match["code"], match["body"], match["label"] or ""
        parts = [p.strip() for p in body.split(",")]
        plover = parts[0].upper()
        if len(code) == 2:
            roots.setdefault(code, [])
            if plover not in roots[code]:
                roots[code].append(plover)
            continue
        if code in codes:
            continue  # the table lists a few codes twice; the first entry wins
        mode = parts[1].lower() if len(parts) > 1 and parts[1] else None
        context_text = ",".join(parts[2:]) if len(parts) > 2 else ""
        context = [c.strip() for c in context_text.split(";") if c.strip()]
        codes[code] = {"plover": plover, "mode": mode, "context": context, "label": label}
    return {"roots": roots, "codes": codes}


def build_mapping(source: Path, dest: Path = MAPPING_FILE) -> dict[str, Any]:
    """Convert ``CAMEO2PLOVER-2021.txt`` at ``source`` into the packaged JSON file at ``dest``."""
    table = parse_table(source.read_text(encoding="utf-8"))
    data = {
        "attribution": ATTRIBUTION,
        "license": "CC BY-SA 4.0",
        "license_url": "https://creativecommons.org/licenses/by-sa/4.0/",
        "source": "https://github.com/openeventdata/PLOVER (CAMEO2PLOVER-2021.txt)",
        **table,
    }
    write_packaged(dest, data, indent=1)
    return data


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    """The packaged CAMEO → PLOVER mapping."""
    return read_packaged(MAPPING_FILE, "CAMEO→PLOVER mapping",
                         "reinstall communique or rebuild it with communique.cameo.build_mapping()")


def _clean(code: str) -> str:
    return code.strip()


def plover_for(cameo: str) -> tuple[str, str | None] | None:
    """The PLOVER (type, mode) of a CAMEO code, or None when PLOVER has no equivalent.

    A four-digit code missing from the table falls back to its three-digit parent, and a root
    (two digits) to its general code (``"04"`` → ``"040"``).
    """
    code = _clean(cameo)
    candidates = [code + "0"] if len(code) == 2 else [code, code[:3]]
    codes = mapping()["codes"]
    for candidate in candidates:
        entry = codes.get(candidate)
        if entry is not None:
            return entry["plover"], entry["mode"]
    return None


def cameo_for(plover: str, mode: str | None = None) -> str | None:
    """The default CAMEO code of a PLOVER type (and mode), or None for an unknown type.

    With a mode, the first code listed with that type and mode; without one (or when the mode is
    not listed for the type), the type's general code: the first listed without a mode.
    """
    kind = plover.strip().upper()
    wanted = mode.strip().lower() if mode else None
    codes: dict[str, dict[str, Any]] = mapping()["codes"]
    if wanted is not None:
        for code, entry in codes.items():
            if entry["plover"] == kind and entry["mode"] == wanted:
                return code
    if kind in _TYPE_DEFAULTS:
        return _TYPE_DEFAULTS[kind]
    first_any: str | None = None
    for code, entry in codes.items():
        if entry["plover"] != kind:
            continue
        if entry["mode"] is None:
            return code
        first_any = first_any or code
    return first_any


def root(cameo: str) -> str:
    """The two-digit CAMEO root of a code (``"0431"`` → ``"04"``)."""
    code = _clean(cameo)
    if len(code) < 2 or not code[:2].isdigit():
        raise ValueError(f"not a CAMEO event code: {cameo!r}")
    return code[:2]


def quad_class(cameo: str) -> int:
    """The CAMEO quad class (1–4) of a code: see :data:`QUAD_CLASSES` for the names."""
    number = int(root(cameo))
    if not 1 <= number <= 20:
        raise ValueError(f"not a CAMEO event code: {cameo!r} (roots run from 01 to 20)")
    if number <= 5:
        return 1
    if number <= 8:
        return 2
    if number <= 13:
        return 3
    return 4


@lru_cache(maxsize=1)
def goldstein_table() -> dict[str, float]:
    """The packaged Goldstein scale: CAMEO code → score (``data/cameo_goldstein.tsv``)."""
    try:
        lines = GOLDSTEIN_FILE.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KnowledgeBaseError(
            f"{GOLDSTEIN_FILE}: cannot read the CAMEO Goldstein scale ({exc}). It ships with the package; "
            "reinstall communique."
        ) from exc
    table: dict[str, float] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        try:
            code, value = parts[0].strip(), float(parts[1])
        except (IndexError, ValueError) as exc:
            raise KnowledgeBaseError(
                f"{GOLDSTEIN_FILE}, line {number}: expected 'code<TAB>score', got {line!r}"
            ) from exc
        if not code.isdigit() or not -10.0 <= value <= 10.0:
            raise KnowledgeBaseError(f"{GOLDSTEIN_FILE}, line {number}: {line!r} is not a CAMEO code and a score in [-10, 10]")
        table[code] = value
    return table


def goldstein(cameo: str) -> float | None:
    """The Goldstein conflict-cooperation score of a CAMEO code, from -10 (conflict) to +10 (cooperation).

    A code the table lacks takes its three-digit parent, then its root (``"1214"`` → ``"121"``);
    None for a string that is no CAMEO code. Example: ``goldstein("0874")`` is 10.0 (retreat or
    surrender militarily), ``goldstein("190")`` -10.0 (use conventional military force).
    """
    code = _clean(cameo)
    table = goldstein_table()
    for candidate in (code, code[:3], code[:2]):
        if len(candidate) >= 2 and candidate in table:
            return table[candidate]
    return None
