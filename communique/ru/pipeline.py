"""The Russian pipeline: natasha's annotations, then communique's Russian components.

It is built only when the first Russian article arrives (``Pipeline`` asks for it lazily), so an
English-only run never loads natasha's models. The components fill the same ``doc._.cq_*``
extensions as the English ones, in the same order: entities (actors, mentions, roles), quotes,
events (meetings).
"""

from __future__ import annotations

from importlib.metadata import version

import spacy
from spacy.language import Language

from . import entities, events, quotes  # noqa: F401  (registers the components)
from .carrier import RussianAnnotator

#: communique's Russian components, in the order they run.
COMPONENTS = ("communique_ru_entities", "communique_ru_quotes", "communique_ru_events")
#: What ``pipeline.model`` says for Russian analyses.
MODEL_NAME = "natasha"


def load_ru_nlp() -> Language:
    """A Russian ``Language`` whose tokenizer is natasha, with communique's Russian components."""
    from ..nlp import register_extensions

    register_extensions()
    try:
        import natasha  # noqa: F401
    except ImportError as exc:  # pragma: no cover - natasha is a dependency
        from ..errors import ModelError

        raise ModelError(f"Russian analysis needs natasha ({exc}); run `pip install natasha pymorphy3`") from exc
    nlp = spacy.blank("ru")
    nlp.tokenizer = RussianAnnotator(nlp.vocab)
    nlp.meta["name"] = MODEL_NAME
    nlp.meta["version"] = version("natasha")
    for component in COMPONENTS:
        nlp.add_pipe(component, last=True)
    return nlp
