"""CAMEO actor codes with agents: "Russian troops" → RUSMIL, "the Kazakh opposition" → KAZOPP.

CAMEO writes an actor as a country (or international) code followed by agent codes for the sector
it belongs to: GOV government, MIL military, OPP opposition, COP police, BUS business, REB rebels,
and so on. The agent nouns come from PETRARCH2's ``Phoenix.agents.txt`` (Open Event Data Alliance,
MIT; see NOTICE), converted by :func:`build_agents` into ``data/cameo_agents.json`` (``communique
kb verbs`` writes it with the verb dictionary). Its lines read ``OPPOSITION_LEADER [~OPP]``: words
joined by ``_``, irregular plurals in ``{}``, ``!PERSON!`` standing for man, woman, person ...;
regular plurals are left to the lemmatiser.

:func:`actor_code` reads the phrase around an actor's mention in a sentence: the noun a demonym or
name modifies ("Russian *troops*", "Iran's *foreign minister*") or the title in front of a name
("*Defence Minister* Sergei Shoigu") names the agent; the actor's own CAMEO code (or ISO3 country)
comes first. An agent noun with no actor at all ("insurgents", "riot police") is a sector actor of
its own (``---REB``, ``---COP``: no country), which :func:`agent_of` finds for the event coder.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KnowledgeBaseError
from .mentions import mentions_starting
from .packaged import read_packaged, write_packaged

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

AGENTS_FILE = Path(str(resources.files("communique") / "data" / "cameo_agents.json"))

ATTRIBUTION = (
    "Derived from the PETRARCH2 agents dictionary Phoenix.agents.txt, Copyright (c) 2014 Open Event Data "
    "Alliance, MIT License (see NOTICE); converted to JSON by communique."
)

_SUBSTITUTION = re.compile(r"^!(\w+)!\s*=\s*(.+)$")
_ENTRY = re.compile(r"^(?P<words>[^\[{#]+?)\s*(?:\{(?P<forms>[^}]*)\})?\s*\[~(?P<code>[A-Z]+)\]")
# Words a phrase may hold between its agent noun and the mention: "Russian [special] forces".
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
MAX_WORDS = 4


def _phrase(raw: str) -> str:
    return " ".join(w for w in raw.strip().strip("_").lower().replace("_", " ").split() if w)


def parse_agents(text: str) -> dict[str, str]:
    """The lines of ``Phoenix.agents.txt`` → {agent phrase (lower case, spaces): agent code}."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sub = _SUBSTITUTION.match(line)
        if sub:
            substitutions[sub.group(1).upper()] = [w.strip().lower() for w in sub.group(2).split(",") if w.strip()]
            continue
        entry = _ENTRY.match(line)
        if entry is None:
            continue
        forms = [entry["words"]] + (entry["forms"] or "").split()
        for form in forms:
            for expanded in _expand(form, substitutions):
                phrase = _phrase(expanded)
                if phrase:
                    agents.setdefault(phrase, entry["code"])
    return agents


def _expand(form: str, substitutions: dict[str, list[str]]) -> list[str]:
    """``CATTLE!PERSON!`` → cattleman, cattlemen, cattlewoman, ... (one entry per member of the set)."""
    match = re.search(r"!(\w+)!", form)
    if match is None:
        return [form]
    members = substitutions.get(match.group(1).upper(), [])
    out: list[str] = []
    for member in members:
        out += _expand(form[: match.start()] + member + form[match.end():], substitutions)
    return out


def build_agents(source: Path, dest: Path = AGENTS_FILE) -> dict[str, Any]:
    """Convert ``Phoenix.agents.txt`` at ``source`` into the packaged JSON at ``dest``; returns the data."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise KnowledgeBaseError(f"{source}: cannot read the CAMEO agents dictionary ({exc})") from exc
    agents = parse_agents(text)
    if not agents:
        raise KnowledgeBaseError(f"{source}: no agent lines ('NOUN [~CODE]') found: is this Phoenix.agents.txt?")
    data = {
        "attribution": ATTRIBUTION,
        "license": "MIT",
        "source": "https://github.com/openeventdata/petrarch2 (petrarch2/data/dictionaries/Phoenix.agents.txt)",
        "agents": dict(sorted(agents.items())),
    }
    write_packaged(dest, data)
    return data


class AgentTable:
    """Agent phrases, matched whole or, as the dictionary intends, by the stem of their last word
    ("TROOP" matches "troops", "DEFENCE_MINIST" matches "defence ministry")."""

    def __init__(self, table: dict[str, str]) -> None:
        self.exact = table
        self.stems: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for phrase, code in table.items():
            *front, last = phrase.split(" ")
            self.stems.setdefault((" ".join(front), last[:3]), []).append((last, code))

    def get(self, front: str, head: str) -> str | None:
        phrase = f"{front} {head}".strip()
        if phrase in self.exact:
            return self.exact[phrase]
        for stem, code in self.stems.get((front, head[:3]), []):
            if len(stem) >= 4 and head.startswith(stem):
                return code
        return None


# Agent nouns Phoenix.agents.txt lacks as single words (it lists only "OPPOSITION_LEADER",
# "OPPOSITION_PARTY", ..., and "OFFICIAL_SOURCE"): the bare nouns name the same sectors in news
# ("the Kazakh opposition", "Russian officials"; issue 11).
SUPPLEMENT = {"opposition": "OPP", "official": "GOV", "authority": "GOV"}


@lru_cache(maxsize=1)
def agents() -> AgentTable:
    """The packaged agent nouns (``data/cameo_agents.json``) with :data:`SUPPLEMENT`."""
    return AgentTable({**SUPPLEMENT, **read_packaged(AGENTS_FILE, "CAMEO agents")["agents"]})


def agent_of(noun: Token, skip: frozenset[int] = frozenset()) -> str | None:
    """The agent code a noun phrase headed by ``noun`` names, longest phrase first.

    "opposition leader" (OPP) wins over "leader"; words in ``skip`` (the actor's own mention,
    "Russian") are left out of the phrase.
    """
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    table = agents()
    words = [c for c in noun.lefts if c.dep_ in MODIFIER_DEPS and c.i not in skip and c.pos_ in ("NOUN", "ADJ", "PROPN")]
    words = [w for w in words if not any(t.i in skip for t in w.subtree)]
    heads = [noun.lemma_.lower(), noun.lower_]
    for size in range(min(len(words), MAX_WORDS - 1), -1, -1):
        front = " ".join(w.lower_ for w in words[len(words) - size:])
        for head in heads:
            found = table.get(front, head)
            if found:
                return found
    return None


def _mention_agent(doc: Doc, start: int, end: int) -> str | None:
    """The agent of one mention: the noun it modifies, else a title inside or just before it."""
    root = doc[start:end].root
    if root.pos_ == "NOUN":  # the mention is itself a sector noun: "troops", "the defence ministry"
        found = agent_of(root)
        if found:
            return found
    skip = frozenset(range(start, end))
    if root.dep_ in MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i not in skip:
        found = agent_of(root.head, skip)
        if found:
            return found
    # "Foreign Minister Sergei Lavrov": the title is inside the mention or compounds of its root
    for token in doc[start:end]:
        if token.i != root.i and token.pos_ == "NOUN":
            found = agent_of(token)
            if found:
                return found
    titles = [c for c in root.lefts if c.dep_ in ("compound", "amod") and c.i < start]
    for title in reversed(titles):
        found = agent_of(title)
        if found:
            return found
    # "the president, Kassym-Jomart Tokayev" / "Tokayev, the president": an apposition
    for other in [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ == "appos"]:
        found = agent_of(other)
        if found:
            return found
    return None


def base_code(doc: Doc, actor: str) -> str | None:
    """The actor's own CAMEO code (``RUS``, ``IGOUNO``), else its ISO3 country, else None."""
    info = (doc._.cq_actors or {}).get(actor)
    if info is None:
        return None
    code = info.cameo or info.country
    return code.upper() if code else None


def actor_code(doc: Doc, actor: str, evidence: tuple[int, int]) -> str | None:
    """The CAMEO code of ``actor`` as the sentence at ``evidence`` (character offsets) describes it.

    The actor's own code plus the agent its mentions in the sentence name, when that agent is not
    already part of the code ("Russian troops": RUS + MIL = RUSMIL; a group actor already coded
    REB stays REB).
    """
    base = base_code(doc, actor)
    start_char, end_char = evidence
    agent = None
    # the sentence's mentions looked up, not every mention scanned per event (issue 14)
    for mention in mentions_starting(doc, start_char, end_char, chars=True):
        if mention.actor != actor or mention.end_char > end_char:
            continue
        agent = _mention_agent(doc, mention.start, mention.end)
        if agent:
            break
    if agent is None:
        return base
    if base is None:
        return agent
    return base if base.endswith(agent) else base + agent
