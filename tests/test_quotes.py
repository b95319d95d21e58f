"""Quote attribution rules, on sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.evaluate import names_match
from communique.quotes import quote_spans
from tests.conftest import names


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "we will go" and left.', ["we will go"]),
        ("He said “we will go” and left.", ["we will go"]),
        ("Il a dit «nous irons» hier.", ["nous irons"]),
        ("Er sagte „wir gehen“ gestern.", ["wir gehen"]),
        ("She called it 'a turning point' today.", ["a turning point"]),
    ],
)
def test_quotes_marks_are_paired(text: str, expected: list[str]) -> None:
    assert [text[s + 1 : e - 1] for s, e in quote_spans(text)] == expected


def test_quotes_unbalanced_mark_keeps_other_quotes() -> None:
    text = 'The minister said "we are ready.\nLater the envoy said "talks went well" to reporters.'
    found = [text[s + 1 : e - 1] for s, e in quote_spans(text)]
    assert "talks went well" in found


def test_quotes_paragraph_continuation() -> None:
    text = '"The first part goes on\n"and the second part ends here," she said.'
    spans = quote_spans(text)
    assert len(spans) == 2 and text[spans[1][0] + 1 : spans[1][1] - 1].startswith("and the second")


def test_quotes_verb_after_quote(analyze) -> None:
    a = analyze('"We want a fair deal for farmers," Angela Merkel said on Monday.')
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert names(a, [q.speaker]) == {"Angela Merkel"} and q.direct and q.cue == "said"


def test_quotes_pronoun_speaker_resolves(analyze) -> None:
    a = analyze('Emmanuel Macron arrived in Berlin. "Europe must stand together," he told reporters.')
    assert names(a, [a.quotes[0].speaker]) == {"Emmanuel Macron"}
    assert a.quotes[0].speaker_mention.text == "he"


def test_quotes_reported_speech(analyze) -> None:
    a = analyze("Olaf Scholz stressed that the sanctions would stay in place until the war ends.")
    q = a.quotes[0]
    assert not q.direct and q.cue == "stressed" and q.text.startswith("the sanctions would stay")
    assert names(a, [q.speaker]) == {"Olaf Scholz"}


def test_quotes_according_to(analyze) -> None:
    a = analyze("According to Sergey Lavrov, the negotiations have reached a dead end.")
    q = a.quotes[0]
    assert names(a, [q.speaker]) == {"Sergey Lavrov"} and q.text.startswith("the negotiations")


def test_quotes_possessive_side_and_noun_cue(analyze) -> None:
    a = analyze("Macron's office emphasized that the visit was \"a gesture of friendship.\"")
    assert names(a, [a.quotes[0].speaker]) == {"Emmanuel Macron"}
    b = analyze("Xi Jinping arrived. His statement — \"the door remains open\" — surprised observers.")
    assert names(b, [b.quotes[0].speaker]) == {"Xi Jinping"} and b.quotes[0].rule == "noun"


def test_quotes_colon_introduced(analyze) -> None:
    a = analyze('Recep Tayyip Erdogan set out his view: "Peace is possible if both sides compromise."')
    assert names_match(a.actor(a.quotes[0].speaker).name, "Recep Tayyip Erdogan") and a.quotes[0].rule == "colon"


def test_quotes_scare_quotes_are_not_quotes(analyze) -> None:
    a = analyze('The border has become a "grey zone" and the summit a "pressure valve" for both capitals.')
    assert a.quotes == []


def test_quotes_praise_becomes_support(analyze) -> None:
    a = analyze('Joe Biden praised Olaf Scholz as "a steady partner in hard times."')
    q = a.quotes[0]
    assert names(a, q.about) >= {"Olaf Scholz"}
    support = [e for e in a.events if e.plover == "SUPPORT"]
    assert support and support[0].cameo == "051" and names(a, support[0].target) == {"Olaf Scholz"}


def test_quotes_criticism_becomes_accuse(analyze) -> None:
    a = analyze("Antony Blinken condemned Sergey Lavrov for the remarks.")
    accuse = [e for e in a.events if e.plover == "ACCUSE"]
    assert accuse and accuse[0].cameo == "111"


def test_quotes_transcript_labels(analyze) -> None:
    text = (
        "PRESIDENT MACRON: Thank you all for coming to Paris today.\n\n"
        "CHANCELLOR SCHOLZ: It is a pleasure to be here with my friend.\n"
    )
    a = analyze(text)
    speakers = [a.actor(q.speaker).name for q in a.quotes]
    assert speakers == ["Emmanuel Macron", "Olaf Scholz"]
    assert all(q.rule == "speaker-label" for q in a.quotes)


def test_quotes_joint_subject_is_not_attributed(analyze) -> None:
    a = analyze("Emmanuel Macron and Olaf Scholz said that Europe needs more defence spending.")
    assert a.quotes == []
