"""From a processed Doc to the contract's records (``communique.extract.to_analysis``)."""

from __future__ import annotations

# written for this test: two groups the meeting names ("the two governments", "business leaders")
# become actors with no mention of their own
GROUPS = (
    "Saudi Crown Prince Mohammed bin Salman met Turkish President Recep Tayyip Erdogan in Jeddah. The crown prince "
    "and Erdogan discussed ties, and the two governments signed agreements with business leaders and officials."
)


def test_extract_actors_in_order_of_first_mention_then_id(analyze) -> None:
    # the order must not depend on the process's hash seed: the store compares a re-analysis with the
    # stored one by a digest of the whole analysis
    analysis = analyze(GROUPS)
    unmentioned = [a.id for a in analysis.actors if not a.mentions]
    assert len(unmentioned) >= 2
    assert [a.id for a in analysis.actors[-len(unmentioned):]] == sorted(unmentioned)
    firsts = [a.mentions[0].start for a in analysis.actors if a.mentions]
    assert firsts == sorted(firsts)
