"""Shared fixtures: one loaded pipeline for the whole session (the model loads once)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterator

import pytest

from communique.extract import Pipeline
from communique.records import Analysis, Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Prebuilt knowledge bases go to a folder of this session, not the user's cache: tests build many
    small knowledge bases in temporary files, and each would leave its prebuilt form behind for good."""
    before = os.environ.get("COMMUNIQUE_CACHE_DIR")
    os.environ["COMMUNIQUE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        os.environ.pop("COMMUNIQUE_CACHE_DIR", None)
    else:
        os.environ["COMMUNIQUE_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def analyze(pipeline: Pipeline):
    def run(text: str, published: dt.date | None = None, url: str | None = None) -> Analysis:
        return pipeline.analyze(Article(text=text, published=published, url=url))

    return run


def names(analysis: Analysis, ids: list[str]) -> set[str]:
    return {analysis.actor(i).name for i in ids if analysis.actor(i)}
