"""The words of Russian contacts (``data/ru/meetings.json``) and small helpers on tokens."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Token

_WITH = frozenset({"с", "со"})
_PRONOUNS = frozenset({"он", "она", "оно", "они", "который"})
_IN = frozenset({"в", "во"})
_CLAUSE_EDGES = frozenset({"ccomp", "parataxis", "conj", "acl:relcl", "advcl", "root"})
_NOT_IN_PHRASE = frozenset({"conj", "cc", "acl", "acl:relcl", "advcl", "punct", "parataxis", "ccomp"})


@dataclass(frozen=True)
class Lexicon:
    """The words of ``meetings.json`` as sets."""

    verbs: dict[str, str]
    nouns: dict[str, str]
    words: dict[str, frozenset[str]]
    head_titles: dict[str, str]

    def has(self, group: str, lemma: str) -> bool:
        return lemma in self.words[group]

    def stem(self, group: str, lemma: str) -> bool:
        return any(lemma.startswith(s) for s in self.words[group])


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The Russian meeting words, loaded once."""
    data: dict[str, Any] = json.loads(resources.files("communique").joinpath("data/ru/meetings.json").read_text("utf-8"))
    words = {k: frozenset(v) for k, v in data.items() if isinstance(v, list)}
    return Lexicon(data["verbs"], data["nouns"], words, data["head_titles"])


def _feature(token: Token, name: str) -> list[str]:
    """A morphological feature's values («Case» -> ["Ins"])."""
    values: list[str] = token.morph.get(name, [])
    return values


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
