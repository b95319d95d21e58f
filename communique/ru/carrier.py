"""Russian text into a spaCy ``Doc``: natasha's segmentation, morphology, syntax and names.

spaCy has no maintained Russian parser on PyPI that runs offline, natasha has (razdel, slovnet
with navec embeddings, shipped inside the packages). ``RussianAnnotator`` is the tokenizer of the
Russian ``Language``: it reads the text with natasha and returns a ``Doc`` with everything the
English model would have set (words with their exact whitespace, UD part of speech, morphology,
lemmas, dependency heads and labels, sentences, PERSON/GPE/ORG entities), so that the rest of
communique reads Russian and English documents the same way.

A line break always ends a sentence (titles, datelines and paragraphs never run into each other),
and ``doc.text`` is the input text, character for character: offsets into the Russian text are
offsets into the article.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

from spacy.tokens import Doc
from spacy.vocab import Vocab

#: natasha's entity types as the labels the rest of the package reads.
ENTITY_LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG"}
#: Sentences longer than this many words are parsed in pieces (the parser is quadratic in length).
MAX_SENTENCE_WORDS = 250

_LINES = re.compile(r"[^\n]+")
_UD_TO_PYMORPHY = {
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"}, "ADJ": {"ADJF", "ADJS", "COMP", "PRTF", "PRTS", "NUMR"},
    "ADV": {"ADVB", "COMP", "PRED"}, "PRON": {"NPRO", "ADJF"}, "DET": {"ADJF", "NPRO"},
    "NUM": {"NUMR", "ADJF"}, "ADP": {"PREP"}, "CCONJ": {"CONJ"}, "SCONJ": {"CONJ"}, "PART": {"PRCL"},
    "INTJ": {"INTJ"},
}
_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}


@lru_cache(maxsize=1)
def _models() -> tuple[Any, Any, Any]:
    """natasha's morphology tagger, syntax parser and NER tagger, loaded once per process."""
    from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser

    embedding = NewsEmbedding()
    return NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)


@lru_cache(maxsize=1)
def morph_analyzer() -> Any:
    """pymorphy3's analyser: lemmas of words (and of names) in every case."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def lemma(word: str, pos: str = "", case: str = "") -> str:
    """The dictionary form of ``word``, choosing the analysis that agrees with the tagger's part of
    speech and case: "Токаевым" -> "токаев", "заявила" -> "заявить", "Лукашенко" -> "лукашенко"."""
    parses = morph_analyzer().parse(word)
    if not parses:
        return word.lower()
    wanted = _UD_TO_PYMORPHY.get(pos)
    wanted_case = _CASES.get(case)
    best = parses[0]
    for parse in parses:
        if wanted and parse.tag.POS not in wanted:
            continue
        if wanted_case and parse.tag.case and parse.tag.case != wanted_case:
            continue
        best = parse
        break
    else:
        for parse in parses:
            if wanted and parse.tag.POS in wanted:
                best = parse
                break
    form: str = best.normal_form
    return form


# a one-letter word and a full stop before a capitalised word: an initial («В. Путин»), or the end of
# a sentence after a one-syllable name («… с Ван И. Стороны обсудили …»)
_INITIAL_STOP = re.compile(r"(?<=\s[А-ЯЁ])\.\s+(?=([А-ЯЁ][а-яё]+))")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """Sentence offsets: razdel's sentences within each line, also split after a one-letter word
    whose next word is no name (razdel reads every such letter as an initial)."""
    from razdel import sentenize

    for line in _LINES.finditer(text):
        if not line.group().strip():
            continue
        for sent in sentenize(line.group()):
            start = line.start() + sent.start
            for stop in _INITIAL_STOP.finditer(sent.text):
                if not _is_name(stop.group(1)):
                    yield start, line.start() + sent.start + stop.start() + 1
                    start = line.start() + sent.start + stop.end()
            yield start, line.start() + sent.stop


def _is_name(word: str) -> bool:
    return any({"Surn", "Name", "Patr", "Init"} & set(p.tag.grammemes) for p in morph_analyzer().parse(word)[:3])


def _pieces(words: list[tuple[int, int, str]]) -> Iterator[list[tuple[int, int, str]]]:
    for i in range(0, len(words), MAX_SENTENCE_WORDS):
        yield words[i : i + MAX_SENTENCE_WORDS]


def _tree(heads: list[int]) -> list[int]:
    """Sentence-local heads (0 = root, 1-based) made a tree: one root, no cycles. The parser
    predicts each head on its own and can return several roots or a cycle."""
    n = len(heads)
    heads = [h if 0 <= h <= n and h != i + 1 else 0 for i, h in enumerate(heads)]
    roots = [i for i, h in enumerate(heads) if h == 0]
    root = roots[0] if roots else 0
    heads[root] = 0
    for i in roots[1:]:
        heads[i] = root + 1
    for i in range(n):  # break cycles: a token whose chain never reaches the root hangs on it
        seen = set()
        j = i
        while heads[j] != 0 and j not in seen:
            seen.add(j)
            j = heads[j] - 1
        if heads[j] != 0:
            heads[j] = root + 1
    return heads


class RussianAnnotator:
    """The tokenizer of the Russian pipeline: text in, fully annotated ``Doc`` out."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from razdel import tokenize

        morph_tagger, syntax_parser, ner_tagger = _models()
        sentences: list[list[tuple[int, int, str]]] = []
        for start, end in _sentences(text):
            found = [(start + t.start, start + t.stop, t.text) for t in tokenize(text[start:end])]
            sentences.extend(_pieces(found))
        chunk = [[w for _, _, w in sent] for sent in sentences]
        morphs = list(morph_tagger.map(chunk)) if chunk else []
        trees = list(syntax_parser.map(chunk)) if chunk else []

        words: list[str] = []
        spaces: list[bool] = []
        pos: list[str] = []
        morph: list[str] = []
        lemmas: list[str] = []
        heads: list[int] = []
        deps: list[str] = []
        sent_starts: list[bool | int | None] = []
        position = 0

        def gap(until: int, owner: int | None) -> None:
            """Whitespace from ``position`` to ``until``: a trailing space, or a token of its own."""
            nonlocal position
            blank = text[position:until]
            position = until
            if not blank:
                return
            if blank == " " and words and not spaces[-1] and not pos[-1] == "SPACE":
                spaces[-1] = True
                return
            words.append(blank)
            spaces.append(False)
            pos.append("SPACE")
            morph.append("")
            lemmas.append(blank)
            heads.append(len(words) - 1 if owner is None else owner)
            deps.append("dep")
            sent_starts.append(False)

        for sent, tagged, parsed in zip(sentences, morphs, trees):
            # whitespace before a sentence belongs to the sentence before it (as in spaCy)
            gap(sent[0][0], len(words) - 1 if words else None)
            local = _tree([int(t.head_id) for t in parsed.tokens])
            at: list[int] = []  # each word's index in the document (whitespace tokens come between)
            for k, ((start, end, word), m, p) in enumerate(zip(sent, tagged.tokens, parsed.tokens)):
                if k:
                    gap(start, len(words) - 1)
                at.append(len(words))
                words.append(word)
                spaces.append(False)
                pos.append(m.pos if m.pos else "X")
                morph.append("|".join(f"{key}={value}" for key, value in sorted(m.feats.items())))
                lemmas.append(lemma(word, m.pos, m.feats.get("Case", "")) if m.pos not in ("PUNCT", "NUM") else word)
                heads.append(len(words) - 1)
                deps.append(p.rel or "dep")
                sent_starts.append(k == 0)
                position = end
            for k, head in enumerate(local):
                if head:
                    heads[at[k]] = at[head - 1]
                else:
                    deps[at[k]] = "ROOT"
        gap(len(text), len(words) - 1 if words else None)
        if words and pos[0] == "SPACE" and len(words) > 1:  # leading whitespace hangs on the first word
            heads[0] = next((i for i, p in enumerate(pos) if p != "SPACE"), 0)
        if words and not any(sent_starts):
            sent_starts[0] = True
        doc = Doc(
            self.vocab, words=words, spaces=spaces, pos=pos, morphs=morph, lemmas=lemmas,
            heads=heads, deps=deps, sent_starts=sent_starts,
        )
        self._entities(doc, text, ner_tagger)
        return doc

    @staticmethod
    def _entities(doc: Doc, text: str, ner_tagger: Any) -> None:
        spans = []
        last = -1
        for line in _LINES.finditer(text):
            if not line.group().strip():
                continue
            for span in ner_tagger(line.group()).spans:
                label = ENTITY_LABELS.get(span.type)
                if label is None:
                    continue
                found = doc.char_span(line.start() + span.start, line.start() + span.stop, label=label, alignment_mode="expand")
                if found is not None and found.start > last:
                    spans.append(found)
                    last = found.end - 1
        doc.ents = spans

    # spaCy serialises a pipeline's tokenizer with the pipeline; ours has no state of its own
    def to_bytes(self, **_kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: Any) -> RussianAnnotator:
        return self

    def to_disk(self, _path: Any, **_kwargs: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_kwargs: Any) -> RussianAnnotator:
        return self
