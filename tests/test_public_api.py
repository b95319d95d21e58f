from __future__ import annotations

import communique


def test_public_api_is_pinned() -> None:
    assert sorted(communique.__all__) == sorted(
        ["Analysis", "Article", "Actor", "CommuniqueError", "Event", "Evidence", "Pipeline", "Quote", "Role", "extract"]
    )
    for name in communique.__all__:
        assert getattr(communique, name) is not None
