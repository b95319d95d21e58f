"""The Russian speech lexicon (``data/ru/speech.json``): cue words by lemma, read once per process.

The carrier gives pymorphy3 lemmas («заявила» -> «заявить», «говорится» -> «говориться»), so every
list holds dictionary forms; a second language or a new cue adds words to the file, not branches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token

from ...errors import ModelError


@dataclass(frozen=True)
class Speech:
    """The cue words of Russian reported and direct speech, by kind (see the file's ``_about``)."""

    verbs: frozenset[str]
    states: frozenset[str]
    impersonal: frozenset[str]
    expressions: dict[str, frozenset[str]]
    citing: frozenset[str]
    cited: frozenset[str]
    according: frozenset[str]
    messages: frozenset[str]
    message_verbs: frozenset[str]
    anonymous: frozenset[str]
    acts: frozenset[str]

    def is_cue(self, token: Token) -> bool:
        """A verb that can report speech («заявил», «сообщили», «говорится»), not an act without
        content, or a short adjective of belief («уверен»)."""
        if token.pos_ == "ADJ":
            return token.lemma_ in self.states and "Short" in token.morph.get("Variant", [])
        return token.pos_ in ("VERB", "AUX") and self.is_cue_word(token)

    def is_cue_word(self, token: Token) -> bool:
        """A speech verb's lemma whatever the tagger's part of speech: right after «…», — the
        tagger sometimes reads a rarer verb («воскликнул») as a noun."""
        return token.lemma_ in self.verbs and token.lemma_ not in self.acts


@lru_cache(maxsize=1)
def speech() -> Speech:
    """The lexicon shipped in ``communique/data/ru/speech.json``."""
    path = resources.files("communique") / "data" / "ru" / "speech.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Speech(
            verbs=frozenset(raw["verbs"]),
            states=frozenset(raw["states"]),
            impersonal=frozenset(raw["impersonal"]),
            expressions={verb: frozenset(nouns) for verb, nouns in raw["expressions"].items()},
            citing=frozenset(raw["citing"]),
            cited=frozenset(raw["cited"]),
            according=frozenset(raw["according"]),
            messages=frozenset(raw["messages"]),
            message_verbs=frozenset(raw["message_verbs"]),
            anonymous=frozenset(raw["anonymous"]),
            acts=frozenset(raw["acts"]),
        )
    except (OSError, ValueError, KeyError, AttributeError) as exc:
        raise ModelError(
            f"the Russian speech lexicon {path} cannot be read ({exc!r}); reinstall communique "
            "or restore the file from the repository"
        ) from exc
