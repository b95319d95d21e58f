"""Scorers for the public benchmarks: PolNeAR (quotes), PLOVER GSR and PETR2 GSR (events).

Each scorer takes ``analyze``, any callable from :class:`~communique.records.Article` to
:class:`~communique.records.Analysis`, so it measures whatever produces the contract's records
(our pipeline, a baseline, a test double). Each returns a result with ``to_dict()`` and
``render()``. An article that ``analyze`` fails on is recorded in ``errors`` and scored as
having no predictions; the run goes on. Example::

    from communique.evalsets import score_polnear
    result = score_polnear("../shared/eval/polnear/dev", Pipeline().analyze)
    print(result.render())

- :func:`score_polnear`: quote attribution against PolNeAR's brat relations (Source/Cue/Content).
- :func:`score_plover`: PLOVER event type, actor countries and CONSULT modes on the PLOVER GSR.
- :func:`score_petr`: (source country, target country, CAMEO code) triples on the PETR2 GSR.
"""

from __future__ import annotations

from .petr import score_petr
from .plover import score_plover
from .polnear import score_polnear

__all__ = ["score_polnear", "score_plover", "score_petr"]
