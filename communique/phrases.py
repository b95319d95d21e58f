"""Many phrases found in a document by their token ids, from arrays that open in a millisecond.

The knowledge base's 87,000 names and spellings used to be added to a spaCy ``PhraseMatcher`` at
every start: about 0.4 s of a one-sentence ``communique analyze`` (issue 13). A ``PhraseIndex``
holds the same phrases as flat arrays (a sorted hash of each phrase's token ids, where its ids
start, how many there are) kept in one ``.npy`` file in the cache folder and memory-mapped, so a
process reads only the pages a lookup touches. ``find`` answers what
``PhraseMatcher(vocab, attr="ORTH")`` with the same phrases answers: every span, overlapping ones
included, whose tokens' ``ORTH`` equal a phrase's; each hash hit is checked against the phrase's
ids, so two phrases sharing a hash cost time, never a wrong span.

Example::

    index = PhraseIndex.build([tuple(t.orth for t in nlp.make_doc(name)) for name in names])
    cache.write_with(path, index.save)                   # atomic
    index = PhraseIndex.open(path)                       # memory-mapped, nothing parsed
    spans = index.find(doc)                              # [(start, end), ...] sorted
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc

# the file: a header, then the arrays one after another (all uint64)
_MAGIC = 0x43515048_52415345  # "CQPHRASE"
_FORMAT = 1
_HEADER = 5  # magic, format, phrases, token ids, distinct prefix hashes
_STEP = numpy.uint64(0x100000001B3)  # odd multiplier of the rolling hash (mod 2**64)


def _hashes(rows: Any) -> tuple[Any, list[Any]]:
    """The hash of each row of a 2-d uint64 array of token ids, and the hashes of its proper prefixes."""
    value = numpy.zeros(rows.shape[0], dtype=numpy.uint64)
    prefixes = []
    for column in range(rows.shape[1]):
        if column:
            prefixes.append(value)
        value = value * _STEP + rows[:, column]
    return value, prefixes


class PhraseIndex:
    """Phrases (sequences of token ids) as sorted arrays; see the module docstring."""

    def __init__(self, data: Any) -> None:
        magic, version, count, size, prefixes = (int(v) for v in data[:_HEADER])
        if magic != _MAGIC or version != _FORMAT or len(data) != _HEADER + 3 * count + size + prefixes:
            raise ValueError("not a phrase index of this format")
        at = _HEADER
        self._keys = data[at : at + count]  # sorted hashes
        self._starts = data[at + count : at + 2 * count]  # where each phrase's ids start in _ids
        self._sizes = data[at + 2 * count : at + 3 * count]  # how many ids
        self._ids = data[at + 3 * count : at + 3 * count + size]
        # sorted hashes of every phrase's proper prefixes: a span that is none cannot grow into a phrase
        self._prefixes = data[at + 3 * count + size :]
        self._lengths = sorted({int(n) for n in numpy.unique(self._sizes)}) if count else []
        self._data = data

    def __len__(self) -> int:
        return len(self._keys)

    @classmethod
    def build(cls, phrases: Sequence[Sequence[int]]) -> PhraseIndex:
        """An index of ``phrases`` (each the token ids of one phrase; empty ones and repeats dropped)."""
        unique = sorted({tuple(p) for p in phrases if len(p)})
        sizes = numpy.array([len(p) for p in unique], dtype=numpy.uint64)
        starts = numpy.zeros(len(unique), dtype=numpy.uint64)
        if len(unique):
            starts[1:] = numpy.cumsum(sizes)[:-1]
        ids = numpy.fromiter((i for p in unique for i in p), dtype=numpy.uint64, count=int(sizes.sum()))
        keys = numpy.zeros(len(unique), dtype=numpy.uint64)
        prefixes = [numpy.zeros(0, dtype=numpy.uint64)]
        for size in sorted(set(sizes.tolist())):
            chosen = numpy.nonzero(sizes == size)[0]
            rows = ids[starts[chosen][:, None] + numpy.arange(size, dtype=numpy.uint64)[None, :]]
            keys[chosen], shorter = _hashes(rows)
            prefixes.extend(shorter)
        order = numpy.argsort(keys, kind="stable")
        grows = numpy.unique(numpy.concatenate(prefixes))
        header = numpy.array([_MAGIC, _FORMAT, len(unique), len(ids), len(grows)], dtype=numpy.uint64)
        return cls(numpy.concatenate([header, keys[order], starts[order], sizes[order], ids, grows]))

    @classmethod
    def open(cls, path: Path) -> PhraseIndex:
        """The index kept at ``path``, memory-mapped (``OSError``/``ValueError`` when absent or damaged)."""
        try:
            data = numpy.load(path, mmap_mode="r", allow_pickle=False)
        except EOFError as exc:  # an empty file
            raise ValueError(f"{path}: not a phrase index ({exc})") from exc
        if data.dtype != numpy.uint64 or data.ndim != 1:
            raise ValueError(f"{path}: not a phrase index")
        return cls(data)

    def save(self, fh: BinaryIO) -> None:
        """Write the index as one ``.npy`` file (``cache.write_with`` makes the write atomic)."""
        numpy.save(fh, numpy.asarray(self._data), allow_pickle=False)

    def find(self, doc: Doc) -> list[tuple[int, int]]:
        """Every ``(start, end)`` token span of ``doc`` whose ids equal a phrase's, by start then end."""
        from spacy.attrs import ORTH

        if not len(self._keys) or not len(doc):
            return []
        orth = numpy.ascontiguousarray(doc.to_array([ORTH]).reshape(-1), dtype=numpy.uint64)
        starts = numpy.arange(len(orth), dtype=numpy.int64)  # spans still growing: where they start
        value = numpy.zeros(len(orth), dtype=numpy.uint64)  # and the hash of their ids so far
        found: list[tuple[int, int]] = []
        wanted = set(self._lengths)
        for size in range(1, self._lengths[-1] + 1 if self._lengths else 1):
            keep = starts + size <= len(orth)
            starts, value = starts[keep], value[keep]
            if not len(starts):
                break
            value = value * _STEP + orth[starts + size - 1]
            if size in wanted:
                found.extend(self._checked(orth, starts, value, size))
            grows = numpy.searchsorted(self._prefixes, value)
            grows[grows >= len(self._prefixes)] = 0
            keep = self._prefixes[grows] == value if len(self._prefixes) else numpy.zeros(len(value), dtype=bool)
            starts, value = starts[keep], value[keep]
        return sorted(found)

    def _checked(self, orth: Any, starts: Any, value: Any, size: int) -> list[tuple[int, int]]:
        """The spans of ``size`` tokens at ``starts`` (hashes ``value``) whose ids equal a phrase's."""
        low = numpy.searchsorted(self._keys, value, side="left")
        high = numpy.searchsorted(self._keys, value, side="right")
        found = []
        for at in numpy.nonzero(high > low)[0].tolist():
            start = int(starts[at])
            window = orth[start : start + size]
            for slot in range(int(low[at]), int(high[at])):
                first, count = int(self._starts[slot]), int(self._sizes[slot])
                if count == size and numpy.array_equal(self._ids[first : first + count], window):
                    found.append((start, start + size))
                    break
        return found
