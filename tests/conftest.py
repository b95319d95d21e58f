"""Shared fixtures: one loaded pipeline for the whole session (the model loads once)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from communique.extract import Pipeline
from communique.records import Analysis, Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


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
