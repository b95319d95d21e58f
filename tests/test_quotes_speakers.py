"""Speakers on unseen news (issue 10, branch quotes2): constructions of English news where the words
were found but the speaker was not. Every sentence here was written for these tests."""

from __future__ import annotations

from tests.conftest import names


def speaker_of(analysis, words: str) -> set[str]:
    quote = next(q for q in analysis.quotes if words in q.text)
    return names(analysis, [quote.speaker])


def test_pronoun_after_a_paragraph_long_quotation_is_its_speaker(analyze) -> None:
    a = analyze('Tomas Ledvina, the mayor of Springfield, spoke on Tuesday. Ledvina said: "We disagree with the '
                'ruling. It is wrong. We will fight it in every court. Nobody here accepts it."\n\n'
                'He added: "The appeal will be filed on Monday."')
    assert speaker_of(a, "appeal will be filed") == {"Tomas Ledvina"}


def test_pronoun_after_a_quotation_keeps_its_gender(analyze) -> None:
    a = analyze('Prime Minister Hanna Lindqvist met Pavel Dvorak on Monday. Dvorak said: "The talks were long. '
                'We agreed on little. We will meet again. The gap is wide."\n\nShe said the gap would narrow.')
    assert speaker_of(a, "gap would narrow") == {"Hanna Lindqvist"}


def test_family_name_is_the_person_the_article_named_not_a_namesake_in_the_kb(analyze) -> None:
    # the knowledge base holds a Hungarian politician surnamed Horvát; the article's mayor is someone else
    a = analyze('Mayor Ivan Horvat said the city would appeal. "The ruling is wrong," Horvat said.')
    assert speaker_of(a, "ruling is wrong") == {"Ivan Horvat"}
    assert len([x for x in a.actors if x.kind == "person"]) == 1
