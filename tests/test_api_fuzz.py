"""Issue 14 (web): every route of the desk's API fuzzed from its own OpenAPI document (schemathesis).

Whatever the generated parameters or bodies (any strings, numbers, injection-like text), a route
answers with a client error or a result, never a server error, and the store is unchanged.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

from communique.api import DeskSettings, create_app  # noqa: E402
from communique.store import open_store  # noqa: E402

from .desk_support import FakeAnalyzer, fill  # noqa: E402

_DIR = Path(tempfile.mkdtemp(prefix="communique-fuzz-"))
_STORE = open_store(f"sqlite:///{_DIR / 'fuzz.db'}")
fill(_STORE)
APP = create_app(_STORE, DeskSettings(data_dir=_DIR / "data"), analyzer=FakeAnalyzer())
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)
COUNTS = {t: _STORE.fetchall(f"SELECT count(*) AS n FROM {t}", [])[0]["n"] for t in ("articles", "events", "quotes")}


@schema.parametrize()
@hypothesis.settings(max_examples=25, deadline=None,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_api_fuzz_no_server_error(case) -> None:  # type: ignore[no-untyped-def]
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    counts = {t: _STORE.fetchall(f"SELECT count(*) AS n FROM {t}", [])[0]["n"] for t in COUNTS}
    assert counts == COUNTS  # read-only by default: nothing a request sends changes the store
