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
        # a right mark typed where a left one belongs still opens
        ("”We will win,” she said.", ["We will win,"]),
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
    # contract v1.1: "Macron's office" is the French presidency, an institution that speaks (issue 10)
    assert names(a, [a.quotes[0].speaker]) == {"Élysée"}
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
        "PRESIDENT MACRON: We will build the new rail link to Strasbourg by next year.\n\n"
        "CHANCELLOR SCHOLZ: Germany will pay half of the cost of the new bridge.\n"
    )
    a = analyze(text)
    speakers = [a.actor(q.speaker).name for q in a.quotes]
    assert speakers == ["Emmanuel Macron", "Olaf Scholz"]
    assert all(q.rule == "speaker-label" for q in a.quotes)


def test_quotes_joint_subject_is_nobody_alone(analyze) -> None:
    a = analyze("Emmanuel Macron and Olaf Scholz said that Europe needs more defence spending.")
    assert len(a.quotes) == 1 and a.quotes[0].speaker is None
    assert a.quotes[0].speaker_mention is not None and a.quotes[0].speaker_mention.text == "Emmanuel Macron and Olaf Scholz"
    for text in ("Emmanuel Macron and Olaf Scholz agreed that Europe needs more defence spending.",
                 "Both leaders said that Europe needs more defence spending."):
        assert analyze(text).quotes == []


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Olaf Scholz believes that the sanctions will hold through the winter.", "believes", "the sanctions will hold"),
        ("Emmanuel Macron told reporters that France would send more aid.", "told", "France would send"),
        ("Angela Merkel wants to keep the pipeline talks open.", "wants", "keep the pipeline"),
        ("The talks, Olaf Scholz said, went better than expected.", "said", "The talks"),
    ],
)
def test_quotes_reported_cues(analyze, text: str, cue: str, content: str) -> None:
    a = analyze(text)
    q = a.quotes[0]
    assert not q.direct and q.cue == cue and content in q.text and q.speaker is not None


def test_quotes_unnamed_source_keeps_mention(analyze) -> None:
    # a source that names nobody but is no anonymous source (contract v1.1) keeps its words as the mention
    a = analyze("The protesters said the ceasefire would begin at midnight.")
    q = a.quotes[0]
    assert q.speaker is None and q.speaker_mention.text == "The protesters"


@pytest.mark.parametrize(
    "text, content, rule",
    [
        ("In Angela Merkel's words, the euro is the heart of Europe.", "the euro is the heart", "in-words"),
        ("The deal is dead, according to the Kremlin.", "The deal is dead", "according-to"),
    ],
)
def test_quotes_source_phrases(analyze, text: str, content: str, rule: str) -> None:
    q = analyze(text).quotes[0]
    assert q.text.startswith(content) and q.rule == rule and q.speaker_mention is not None


def test_quotes_statement_noun_with_clause(analyze) -> None:
    a = analyze("Emmanuel Macron's statement that Europe must act alone surprised nobody.")
    q = a.quotes[0]
    assert names(a, [q.speaker]) == {"Emmanuel Macron"} and q.text == "Europe must act alone" and q.rule == "noun-clause"


def test_quotes_as_x_said(analyze) -> None:
    a = analyze("Olaf Scholz spoke in Berlin. As you heard Chancellor Scholz say, we are committed to our partners.")
    q = a.quotes[0]
    assert names(a, [q.speaker]) == {"Olaf Scholz"} and q.text == "we are committed to our partners"


def test_quotes_office_holder_of_country(analyze) -> None:
    a = analyze("Vladimir Putin called Joe Biden. The President of Russia stressed that the talks must go on.")
    assert names(a, [a.quotes[0].speaker]) == {"Vladimir Putin"}


def test_quotes_thought_hedge_before_is_not_attributed(analyze) -> None:
    a = analyze("The plan is sound, I think, and the minister agrees.")
    assert all(q.rule != "reported" or q.cue != "think" for q in a.quotes)


def test_quotes_block_quote_over_paragraphs(analyze) -> None:
    text = (
        "A spokesperson for Olaf Scholz said:\n\n"
        "“We welcome the agreement reached today in Brussels.\n\n"
        "We will work with all partners to put it into practice.”\n"
    )
    a = analyze(text)
    assert [q.text[:10] for q in a.quotes] == ["We welcome", "We will wo"]
    assert all(q.direct and q.speaker_mention is not None for q in a.quotes)


def test_quotes_continuation_after_cue_sentence(analyze) -> None:
    a = analyze('"We are ready," Olaf Scholz said. "The door stays open to everyone."')
    assert len(a.quotes) == 2 and a.quotes[1].rule == "continuation"
    assert names(a, [q.speaker for q in a.quotes]) == {"Olaf Scholz"}


def test_quotes_title_line_attribution(analyze) -> None:
    a = analyze("Olaf Scholz: Europe Must Stand Together on Trade\n\nThe chancellor spoke in Berlin.")
    q = a.quotes[0]
    assert q.rule == "headline" and q.text.startswith("Europe Must Stand")
    assert names(a, [q.speaker]) == {"Olaf Scholz"}


def test_quotes_headline_label_is_not_a_transcript(analyze) -> None:
    text = 'Olaf Scholz: Europe Must Stand Together\n\n"We are ready," Olaf Scholz said on Monday.\n'
    a = analyze(text)
    assert any(q.rule == "verb" and q.text == "We are ready" for q in a.quotes)


def test_quotes_remarks_page(analyze) -> None:
    text = (
        "Remarks by Chancellor Olaf Scholz after the summit\n\n"
        "Berlin, 3 March\n\n"
        "We had a long and useful day of talks, and I thank all my colleagues for their work.\n\n"
        "The summit adopted a declaration on trade.\n"
    )
    a = analyze(text)
    assert [q.rule for q in a.quotes] == ["remarks-page"]
    assert names(a, [a.quotes[0].speaker]) == {"Olaf Scholz"} and a.quotes[0].direct


def test_quotes_label_with_lower_case_connector(analyze) -> None:
    text = (
        "President of France Emmanuel Macron: Our two countries will share the cost of the new satellites.\n\n"
        "Olaf Scholz: I agree, and Germany will also fund the launch site in Guiana.\n"
    )
    a = analyze(text)
    assert names(a, [q.speaker for q in a.quotes]) == {"Emmanuel Macron", "Olaf Scholz"}


def test_quotes_unbalanced_mark_still_attributes_others(analyze) -> None:
    text = 'Critics called it a "deal.\n\n"We will not sign it," Olaf Scholz said.'
    a = analyze(text)
    assert [q.text for q in a.quotes] == ["We will not sign it"]


def test_quotes_inference_participle_is_not_speech(analyze) -> None:
    a = analyze(
        "Olaf Scholz announced new aid for Kyiv, suggesting that Berlin had changed course."
    )
    assert not any(q.cue == "suggesting" for q in a.quotes)


def test_quotes_fact_that_reveals_is_not_a_speaker(analyze) -> None:
    a = analyze("This pattern reveals that alliances and interests are intertwined.")
    assert a.quotes == []


def test_quotes_object_content(analyze) -> None:
    a = analyze("Olaf Scholz expressed his thanks for the steady support of the Baltic states.")
    q = a.quotes[0]
    assert q.rule == "object" and q.text.startswith("his thanks for") and a.actor(q.speaker).name == "Olaf Scholz"


def test_quotes_condemning_something_is_a_stance_not_a_quote(analyze) -> None:
    a = analyze("Olaf Scholz condemned the attack on the power station.")
    assert a.quotes == []


def test_quotes_signed_statement(analyze) -> None:
    text = (
        "We, the Nordic Defence Ministers of Denmark, Finland, Iceland, Norway and Sweden, welcome the new "
        "agreement on air policing.\n\nThe agreement strengthens the security of the whole region and its people.\n"
    )
    a = analyze(text)
    speakers = {a.actor(q.speaker).name for q in a.quotes}
    assert speakers == {"Nordic Defence Ministers"}
    assert a.quotes[0].text.startswith("welcome the new agreement")
    assert a.actor(a.quotes[0].speaker).kind == "group"


def test_quotes_short_transcript_pleasantries_are_dropped(analyze) -> None:
    text = "PRESIDENT MACRON: Thank you very much.\n\nCHANCELLOR SCHOLZ: We agreed today on a common plan for energy prices.\n"
    a = analyze(text)
    assert [a.actor(q.speaker).name for q in a.quotes] == ["Olaf Scholz"]


def test_quotes_greeting_turns_are_dropped_but_substance_is_kept(analyze) -> None:
    text = (
        "PRESIDENT MACRON: Good evening! I am delighted to welcome you to Paris, dear Olaf.\n\n"
        "CHANCELLOR SCHOLZ: Thank you, Mr President, for the warm welcome and your kind words.\n\n"
        "PRESIDENT MACRON: Thank you for coming, and for the new gas pipeline agreement we signed today.\n"
    )
    a = analyze(text)
    assert [a.actor(q.speaker).name for q in a.quotes] == ["Emmanuel Macron"]
    assert "pipeline agreement" in a.quotes[0].text


@pytest.mark.parametrize(
    "text, cue, rule, content",
    [
        # cue "continued", rule "verb": a speech verb after the quote
        ('"The harbour will reopen next spring," Olaf Scholz continued.', "continued", "verb", "harbour will reopen"),
        # cue "said", rule "cue-after": the cue sentence follows a quote that ends its own sentence
        ('"Will the harbour reopen by spring?" Olaf Scholz said.', "said", "cue-after", "harbour reopen"),
        # cue "went on", rule "cue-after"
        ('"We will rebuild the harbour." Olaf Scholz went on.', "went on", "cue-after", "rebuild the harbour"),
    ],
)
def test_quotes_cue_after_quote(analyze, text: str, cue: str, rule: str, content: str) -> None:
    a = analyze(text)
    q = a.quotes[0]
    assert q.direct and q.rule == rule and q.cue == cue and content in q.text
    assert a.actor(q.speaker).name == "Olaf Scholz"


def test_quotes_saying_after_any_action(analyze) -> None:
    # cue "saying", rule "reported": the participle's speaker is the subject of the main verb
    a = analyze("Olaf Scholz visited the shipyard on Monday, saying that the orders would double next year.")
    q = next(q for q in a.quotes if q.cue == "saying")
    assert q.rule == "reported" and "orders would double" in q.text and a.actor(q.speaker).name == "Olaf Scholz"


@pytest.mark.parametrize(
    "text, cue, content",
    [
        # rule "stance-object": the object of a verb of support or naming is the stance
        ("Olaf Scholz backed the new rail plan for the northern ports.", "backed", "the new rail plan"),
        ("Angela Merkel called the harbour deal a costly mistake.", "called", "costly mistake"),
        ("The mayor endorsed the governor for a second term.", "endorsed", "the governor"),
    ],
)
def test_quotes_stance_object(analyze, text: str, cue: str, content: str) -> None:
    a = analyze(text)
    q = a.quotes[0]
    assert not q.direct and q.rule == "stance-object" and q.cue == cue and content in q.text
    assert q.speaker_mention is not None


@pytest.mark.parametrize(
    "text",
    ["Olaf Scholz called the embassy on Monday.", "Angela Merkel saw the museum in the afternoon."],
)
def test_quotes_call_and_see_need_a_complement(analyze, text: str) -> None:
    assert analyze(text).quotes == []


def test_quotes_nested_attribution_keeps_outer_speaker(analyze) -> None:
    # cue "said", rule "verb": the quoted words sit in the clause of "would welcome", but she says them
    a = analyze('Angela Merkel said the chancellor would welcome a "fair and open" tender for the port.')
    q = next(q for q in a.quotes if q.direct)
    assert q.cue == "said" and a.actor(q.speaker).name == "Angela Merkel"


def test_quotes_nested_reported_clause_is_not_a_second_quote(analyze) -> None:
    # cue "said", rule "reported": "they believed" inside her statement is not a quote of its own
    a = analyze("Angela Merkel said the harbour workers believed the new contract was fair to everyone.")
    assert [q.cue for q in a.quotes] == ["said"]


@pytest.mark.parametrize(
    "text, cue, content",
    [
        # rule "sourceless": an attribution that names nobody has no speaker mention
        ("The harbour tender is expected to close before the winter storms.", "is expected", "The harbour tender"),
        ("The new ferry line appeared doomed after the second strike.", "appeared", "ferry line"),
        ("Asked whether the ferry would run in winter, the mayor smiled.", "Asked", "whether the ferry would run"),
    ],
)
def test_quotes_sourceless(analyze, text: str, cue: str, content: str) -> None:
    q = next(q for q in analyze(text).quotes if q.rule == "sourceless")
    assert q.cue == cue and content in q.text and q.speaker is None and q.speaker_mention is None


def test_quotes_ask_someone_to_do(analyze) -> None:
    # cue "asked", rule "reported": the person asked and the infinitive are the content
    a = analyze("Olaf Scholz asked the port authority to delay the new tolls until spring.")
    q = a.quotes[0]
    assert q.rule == "reported" and q.cue == "asked" and "delay the new tolls" in q.text


def test_quotes_joint_stance_object_is_not_a_quote(analyze) -> None:
    a = analyze("Emmanuel Macron and Olaf Scholz reaffirmed their support for the reconstruction of Kharkiv.")
    assert a.quotes == []
    b = analyze("The two leaders reaffirmed their commitment to a ceasefire in the region.")
    assert b.quotes == []


def test_quotes_doubled_apostrophes_are_double_quotes() -> None:
    text = "''We will not give up,'' the minister said. He called it ''a fair deal''."
    assert [text[s + 1 : e - 1] for s, e in quote_spans(text)] == ["We will not give up,", "a fair deal"]


def test_quotes_inverted_cue_after_question(analyze) -> None:
    a = analyze("\"Who pays for the new bridge?\" asked Mr. Scholz, pointing at the budget.")
    assert a.quotes and a.quotes[0].speaker_mention.text.endswith("Scholz") and a.actor(a.quotes[0].speaker).name == "Olaf Scholz"


def test_quotes_nested_quote_stays_inside(analyze) -> None:
    a = analyze("Olaf Scholz said: \"Some call this plan 'a farce', but it will hold.\"")
    assert len(a.quotes) == 1 and "'a farce'" in a.quotes[0].text


def test_quotes_mixed_quote_in_reported_clause(analyze) -> None:
    a = analyze('Emmanuel Macron said the agreement was "a historic step" for both countries.')
    assert len(a.quotes) == 1 and a.actor(a.quotes[0].speaker).name == "Emmanuel Macron"
    assert "a historic step" in a.quotes[0].text


def test_quotes_dash_attributed_by_statement_noun(analyze) -> None:
    a = analyze("Giorgia Meloni arrived. Her statement on migration—\"we will not accept this\"—drew applause.")
    assert a.actor(a.quotes[0].speaker).name == "Giorgia Meloni" and a.quotes[0].rule == "noun"


def test_quotes_question_and_answer_labels(analyze) -> None:
    text = (
        "SECRETARY BLINKEN: We are working closely with our partners on the ceasefire.\n\n"
        "Q: Will you travel to the region again this month?\n\n"
        "SECRETARY BLINKEN: I expect to be back there within the next two weeks.\n"
    )
    a = analyze(text)
    speakers = [(a.actor(q.speaker).name if q.speaker else None, q.speaker_mention.text) for q in a.quotes]
    assert ("Antony Blinken", "SECRETARY BLINKEN") in speakers
    # contract v1.1: an unnamed questioner is an anonymous source, no speaker at all
    assert all(mention != "Q" for _, mention in speakers)


def test_quotes_words_relayed_inside_a_turn_are_the_other_speakers(analyze) -> None:
    text = (
        "CHANCELLOR SCHOLZ: We met the farmers this morning in Hanover.\n\n"
        "CHANCELLOR SCHOLZ: As you heard Emmanuel Macron say, France will buy more German grain next year.\n"
    )
    a = analyze(text)
    relayed = [q for q in a.quotes if q.rule == "reported"]
    assert len(relayed) == 1 and relayed[0].text == "France will buy more German grain next year"
    assert names(a, [relayed[0].speaker]) == {"Emmanuel Macron"}


@pytest.mark.parametrize(
    "text, rule, cue, content, speaker",
    [
        ("Olaf Scholz mocked Friedrich Merz for his plan to cut pensions.", "stance-object", "mocked",
         "Friedrich Merz for his plan to cut pensions", "Olaf Scholz"),
        ("Olaf Scholz announced his resignation on Friday.", "stance-object", "announced", "his resignation",
         "Olaf Scholz"),
        ("Olaf Scholz talked about the housing shortage in Berlin.", "prep-object", "talked about",
         "the housing shortage in Berlin", "Olaf Scholz"),
        ("Emmanuel Macron warned of a long winter for the French economy.", "prep-object", "warned of",
         "a long winter for the French economy", "Emmanuel Macron"),
    ],
)
def test_quotes_objects_of_speech_and_judgement(analyze, text: str, rule: str, cue: str, content: str, speaker: str) -> None:
    a = analyze(text)
    assert [(q.rule, q.cue, q.text) for q in a.quotes] == [(rule, cue, content)]
    assert names(a, [a.quotes[0].speaker]) == {speaker}


@pytest.mark.parametrize(
    "text",
    [
        "Olaf Scholz condemned the attack.",  # a stance with no words: an ACCUSE event, not a quote
        "Russia attacked Ukraine in February.",  # force, not speech
        "Rebel forces attacked the town at dawn.",
        "Olaf Scholz met Emmanuel Macron in Paris. They spoke about trade and energy.",  # said together
    ],
)
def test_quotes_objects_that_are_not_words(analyze, text: str) -> None:
    assert analyze(text).quotes == []


def test_quotes_cues_inside_quotation_marks_are_not_new_quotes(analyze) -> None:
    a = analyze('"I think the harbour will reopen in spring, and I hope the ferries return," a fisherman in Kiel said.')
    assert len(a.quotes) == 1 and a.quotes[0].rule == "verb"
    assert a.quotes[0].speaker_mention is not None and "fisherman" in a.quotes[0].speaker_mention.text


def test_quotes_surname_labels_used_twice_are_a_transcript(analyze) -> None:
    text = (
        "HARTLEY: Will the council raise the parking fees in the old town this year?\n\n"
        "OKAFOR: We will freeze them for two years and build a new car park by the station.\n\n"
        "HARTLEY: And what about the bus lanes on the ring road?\n\n"
        "OKAFOR: I want the bus lanes finished before the winter, whatever it costs.\n"
    )
    a = analyze(text)
    assert [q.speaker_mention.text for q in a.quotes if q.speaker_mention] == [
        "HARTLEY", "OKAFOR", "HARTLEY", "OKAFOR"]
    assert all(q.rule == "speaker-label" for q in a.quotes)


@pytest.mark.parametrize(
    "text, mention, content",
    [
        # the tagger lemmatizes "hopes" as "hop": the cue must still be read
        ("The mayor hopes to open the new library before the election.", "The mayor",
         "to open the new library before the election"),
        # a quantified group speaks through its people
        ("Most of the farmers said the new water rules would ruin them.", "Most of the farmers",
         "the new water rules would ruin them"),
        ("Some of the protesters argued that the police had blocked the bridge.", "Some of the protesters",
         "the police had blocked the bridge"),
        # records find and show things
        ("A survey of city traders found steep losses in the old town.", "A survey", "steep losses in the old town"),
        ("Polls show a tight race in the northern districts.", "Polls", "a tight race in the northern districts"),
        # a belief or finding set after its clause
        ("The new tunnel will cost twice as much as planned, engineers believe.", "engineers",
         "The new tunnel will cost twice as much as planned"),
    ],
)
def test_quotes_groups_records_and_beliefs(analyze, text: str, mention: str, content: str) -> None:
    a = analyze(text)
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [(mention, content)]


def test_quotes_hedge_is_not_a_belief(analyze) -> None:
    assert analyze("The tunnel will be late, I think.").quotes == []


@pytest.mark.parametrize(
    "text, mention, content",
    [
        # a relative pronoun names the speaker it stands for
        ("Olaf Scholz, who said last week that the talks had failed, left Brussels early.", "who", "the talks had failed"),
        ("Olaf Scholz, who has denounced the strike as reckless, met the unions.", "who", "the strike as reckless"),
        # the subject of "seemed" is the one who suggests
        ("Olaf Scholz seemed to suggest that the talks had failed.", "Olaf Scholz", "the talks had failed"),
    ],
)
def test_quotes_speaker_through_relative_and_raising(analyze, text: str, mention: str, content: str) -> None:
    a = analyze(text)
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [(mention, content)]
    assert names(a, [a.quotes[0].speaker]) == {"Olaf Scholz"}


def test_quotes_when_someone_spoke_is_not_what_they_said(analyze) -> None:
    assert analyze("Olaf Scholz spoke on Sunday in Berlin.").quotes == []


@pytest.mark.parametrize(
    "text, cue, mention",
    [
        # rule "verb" or "verb-after": the speaker and verb after the closing comma, whatever the parse
        (
            "''The port works as a way to move grain, and it works as a way to feed the region - to feed "
            "millions,'' Tom H. Baker Jr., the director of the Harbour Authority, said at a news conference in Boston.",
            "said", "Tom H. Baker Jr.",
        ),
        ('"The bridge is a disgrace, a total disgrace," the 71-year-old said outside the town hall.', "said", "the 71-year-old"),
        ('"The ferry must run all winter," said the fisherman.', "said", "the fisherman"),
        ('"We want the bridge rebuilt by spring," the letter reads.', "reads", "the letter"),
        ('"Is anyone listening to us?" a woman in the crowd shouted.', "shouted", "a woman"),
        # rule "verb-before" or "verb": a cue, a comma or colon and the opening mark
        ('The vote was close. Said Ms. Ward: "We will count every ballot again."', "Said", "Ms. Ward"),
        ('The mayor thanked the crowd, tweeting: "Our harbour is back in business."', "tweeting", "The mayor"),
    ],
)
def test_quotes_speaker_around_the_marks(analyze, text: str, cue: str, mention: str) -> None:
    q = next(q for q in analyze(text).quotes if q.direct)
    assert q.cue == cue and q.speaker_mention is not None and q.speaker_mention.text == mention


def test_quotes_description_speaker_without_actor(analyze) -> None:
    # rule "verb-after": the parser makes the adjective "old" the subject, still a speaker
    a = analyze('"Olaf is a fine leader," said the 46-year-old.')
    q = a.quotes[0]
    assert q.rule == "verb-after" and q.speaker is None and q.speaker_mention.text == "the 46-year-old"


def test_quotes_subject_inside_the_quote_is_not_the_speaker(analyze) -> None:
    text = ('"She would be a fine mayor. Not good, great. One of the best people in the whole city," '
            "Olaf Scholz said in a phone interview.")
    q = analyze(text).quotes[0]
    assert q.speaker_mention.text == "Olaf Scholz" and q.cue == "said"


@pytest.mark.parametrize(
    "text, name",
    [
        # rule "dash": a quotation opening its paragraph, signed after a dash at the paragraph's end
        ("Readers wrote to us.\n\n“Our town deserves better than this. We will vote.” ― Maria Lopez\n", "Maria Lopez"),
        ("Readers wrote to us.\n\n“Nobody listens to the farmers.” — Tom Baker, a farmer in Iowa\n", "Tom Baker"),
        ('Readers wrote to us.\n\n"The harbour must stay open." -- Olaf Scholz\n', "Olaf Scholz"),
    ],
)
def test_quotes_dash_signature(analyze, text: str, name: str) -> None:
    q = analyze(text).quotes[0]
    assert q.rule == "dash" and q.direct and q.speaker_mention.text == name


def test_quotes_dash_inside_a_sentence_is_not_a_signature(analyze) -> None:
    a = analyze("The plan was bold -- \"a new harbour for everyone\" -- and Tom Baker said so.")
    assert all(q.rule != "dash" for q in a.quotes)


@pytest.mark.parametrize(
    "text",
    ['Olaf Scholz appeared on "Meet the Press" on Sunday.', "Angela Merkel told MSNBC's \"Morning Report\" that she was ready."],
)
def test_quotes_programme_title_is_not_a_quote(analyze, text: str) -> None:
    assert all(not q.direct for q in analyze(text).quotes)


def test_quotes_chanted_words(analyze) -> None:
    q = analyze('Dock workers chanted "Fair pay now!" outside the gates.').quotes[0]
    assert q.cue == "chanted" and q.speaker_mention.text == "Dock workers"


def test_quotes_continuation_after_long_attribution(analyze) -> None:
    text = ('"The harbour will reopen," said Tom Baker, one of several engineers who have come to work with '
            'the port authority this year. "We stepped in when no one else would."')
    a = analyze(text)
    assert [q.rule for q in a.quotes] == ["verb", "continuation"]
    assert a.quotes[1].speaker_mention.text == "Tom Baker"


@pytest.mark.parametrize(
    "text, cue, mention",
    [
        # rule "verb-before": a cue with its particle before the opening mark
        ('After the vote, Olaf Scholz shot back, "We were never going to lose this one."', "shot back", "Olaf Scholz"),
        ("The square was quiet when a young boy shouted, ''The ferry is coming!''", "shouted", "a young boy"),
    ],
)
def test_quotes_cue_before_opening_mark(analyze, text: str, cue: str, mention: str) -> None:
    q = next(q for q in analyze(text).quotes if q.direct)
    assert q.cue == cue and q.speaker_mention.text == mention


def test_quotes_cue_of_next_quote_is_not_borrowed(analyze) -> None:
    text = 'Tom Baker said, "The harbour is ready for the winter." He added, "The ferries will run every day."'
    a = analyze(text)
    first = next(q for q in a.quotes if q.text.startswith("The harbour"))
    assert first.cue == "said" and first.speaker_mention.text == "Tom Baker"


@pytest.mark.parametrize(
    "text, cue, mention",
    [
        # rule "verb": naming verbs and verbs of attack take the quoted words as the subject's
        ('Olaf Scholz called the harbour plan "a costly disaster" on Monday.', "called", "Olaf Scholz"),
        ('Angela Merkel slammed the ministry for its "lazy and careless" work.', "slammed", "Angela Merkel"),
        # the sender of a statement says what it says
        ('His office put out a statement saying, "The harbour will stay open all winter."', "saying", "His office"),
        # "who" names the speaker as "he" would; the speaker is its antecedent
        ('It was Olaf Scholz, who said, "The harbour will stay open."', "said", "who"),
    ],
)
def test_quotes_direct_cue_verbs(analyze, text: str, cue: str, mention: str) -> None:
    q = next(q for q in analyze(text).quotes if q.direct)
    assert q.cue == cue and q.speaker_mention.text == mention


def test_quotes_relative_who_resolves_to_antecedent(analyze) -> None:
    a = analyze('It was Olaf Scholz, who said, "The harbour will stay open."')
    assert a.actor(a.quotes[0].speaker).name == "Olaf Scholz"


def test_quotes_called_for_is_not_naming(analyze) -> None:
    a = analyze('Olaf Scholz called for "a new start" in the talks.')
    assert all(q.rule != "verb" for q in a.quotes)


def test_quotes_next_sentence_with_its_own_content_is_not_a_cue(analyze) -> None:
    text = 'Olaf Scholz warned that a ban would be "unfair to the harbour." He said the workers "know the cost."'
    a = analyze(text)
    first = next(q for q in a.quotes if q.text.startswith("unfair"))
    assert first.cue == "warned"


@pytest.mark.parametrize(
    "text, cue, mention",
    [
        # the verb right before the mark, with no comma; the parser's inverted subject inside the quote is not it
        ("Olaf Scholz walked onto the stage, chanting “U-S-A! U-S-A!”", "chanting", "Olaf Scholz"),
        # a subjectless 'chanted' parsed as a second clause: the subject of the first
        ('Dock workers marching through the streets chanted "What curfew?" and kept going.', "chanted", "Dock workers"),
        # rule "verb-after": a nested quotation's mark before the comma
        ("“The port was saved by what they called ‘the deal of the decade,’” the article read.", "read", "the article"),
    ],
)
def test_quotes_parse_failures_around_marks(analyze, text: str, cue: str, mention: str) -> None:
    q = next(q for q in analyze(text).quotes if q.direct)
    assert q.cue == cue and q.speaker_mention.text == mention


def test_quotes_quoted_subheading_is_not_a_continuation(analyze) -> None:
    text = '"We will win," Olaf Scholz said. "We always do."\n\n\'Harbour Of The Future.\'\n\nThe port grew.'
    a = analyze(text)
    assert [q.text for q in a.quotes] == ["We will win", "We always do."]


@pytest.mark.parametrize(
    "text, mention, content",
    [
        ("The ruling set off another row on Friday: the senators said they were sure the court had erred.",
         "the senators", "they were sure the court had erred"),
        ("Writing for a newspaper panel, the columnist noted that the governor had won the debate.",
         "the columnist", "the governor had won the debate"),
    ],
)
def test_quotes_reported_clause_is_the_one_after_the_cue(analyze, text: str, mention: str, content: str) -> None:
    a = analyze(text)
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [(mention, content)]


def test_quotes_appearing_to_act_is_the_subjects_stance(analyze) -> None:
    a = analyze("The banker appeared to blame junior staff for the losses.")
    assert [(q.rule, q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [
        ("appearance", "The banker", "to blame junior staff for the losses")]
    tired = analyze("Olaf Scholz appeared to be tired.")
    assert [(q.rule, q.speaker) for q in tired.quotes] == [("sourceless", None)]


def test_quotes_according_to_outranks_an_inner_plan(analyze) -> None:
    a = analyze("The mayor plans to visit the harbour on Sunday, according to the city council.")
    assert [(q.rule, q.speaker_mention.text if q.speaker_mention else None) for q in a.quotes] == [
        ("according-to", "the city council")]


@pytest.mark.parametrize(
    "text, rule, content",
    [
        ("Olaf Scholz compared the new tax to a toll on every family.", "stance-object",
         "the new tax to a toll on every family"),
        ("Olaf Scholz offered to host the next round of talks in Berlin.", "reported",
         "to host the next round of talks in Berlin"),
        ("The court ruled that the new district map was unlawful.", "reported", "the new district map was unlawful"),
        ("Olaf Scholz detailed the cost of the new bridge over the Elbe.", "stance-object",
         "the cost of the new bridge over the Elbe"),
    ],
)
def test_quotes_comparisons_offers_rulings_and_outlines(analyze, text: str, rule: str, content: str) -> None:
    a = analyze(text)
    assert [(q.rule, q.text) for q in a.quotes] == [(rule, content)]


@pytest.mark.parametrize(
    "text, mention, content",
    [
        ("The governor signed the budget, promising to cut emissions by half.", "The governor",
         "to cut emissions by half"),
        ("The parents sent a letter to the board urging them to reconsider the closure.", "The parents",
         "them to reconsider the closure"),
    ],
)
def test_quotes_participle_of_promise_or_appeal_keeps_the_subject(analyze, text: str, mention: str, content: str) -> None:
    a = analyze(text)
    found = [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes]
    assert (mention, content) in found


@pytest.mark.parametrize(
    "text, speaks",
    [
        ("Conservationists fear that the new road will split the forest.", True),
        ("Local historians believe the bridge was built by the Romans.", True),
        ("The computer suggested that the bridge was unsafe.", False),
        ("The river showed that the dam had failed.", False),
    ],
)
def test_quotes_people_nouns_by_their_ending(analyze, text: str, speaks: bool) -> None:
    assert bool(analyze(text).quotes) is speaks


@pytest.mark.parametrize(
    "text, content",
    [
        ("The plan seems doomed.", "The plan seems doomed"),
        ("The developer was accused of using the funds for a luxury flat.",
         "The developer was accused of using the funds for a luxury flat"),
        ("The talks were described as productive.", "The talks were described as productive"),
    ],
)
def test_quotes_passive_judgements_without_a_source(analyze, text: str, content: str) -> None:
    a = analyze(text)
    assert [(q.rule, q.speaker, q.speaker_mention, q.text) for q in a.quotes] == [("sourceless", None, None, content)]


def test_quotes_mistagged_cue_with_subject_and_complement_is_a_verb() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from communique.quotes import _verb_like

    words = ["Baker", "refuses", "to", "resign", "."]
    doc = Doc(Vocab(), words=words, pos=["NOUN", "NOUN", "PART", "VERB", "PUNCT"],
              heads=[1, 1, 3, 1, 1], deps=["nsubj", "ROOT", "aux", "xcomp", "punct"])
    assert _verb_like(doc[1])
    plain = Doc(Vocab(), words=["The", "refuses", "piled", "up"], pos=["DET", "NOUN", "VERB", "ADP"],
                heads=[1, 2, 2, 2], deps=["det", "nsubj", "ROOT", "prt"])
    assert not _verb_like(plain[1])


def test_quotes_transcript_quoted_paragraph_by_paragraph(analyze) -> None:
    text = (
        "The host pressed the mayor on the budget.\n\n"
        '"HARTLEY: Will the council raise the parking fees in the old town this year?\n\n'
        '"OKAFOR: We will freeze them for two years and build a new car park by the station.\n\n'
        '"HARTLEY: And what about the bus lanes on the ring road?\n\n'
        '"OKAFOR: I want the bus lanes finished before the winter, whatever it costs."\n'
    )
    a = analyze(text)
    labelled = [(q.speaker_mention.text, q.rule) for q in a.quotes if q.speaker_mention]
    assert ("HARTLEY", "speaker-label") in labelled and ("OKAFOR", "speaker-label") in labelled


def test_quotes_it_speaks_for_a_body(analyze) -> None:
    a = analyze("The port authority closed the north quay on Monday. It wants to rebuild the quay before the summer.")
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [
        ("It", "to rebuild the quay before the summer")]
    assert analyze("It is raining in Hamburg again.").quotes == []


@pytest.mark.parametrize(
    "text, rule, mention, content",
    [
        ("As the harbour master put it, the port is full every night.", "reported", "the harbour master",
         "the port is full every night"),
        ("The main rule is a steady source of income, as a ministry memo put it.", "reported", "a ministry memo",
         "The main rule is a steady source of income"),
        ("The bridge will open in May, as the mayor said on Monday.", "reported", "the mayor", "The bridge will open in May"),
        ("The senator has been pounding the governor as a “con artist” all week.", "as-quote", "The senator", "con artist"),
    ],
)
def test_quotes_as_someone_put_it(analyze, text: str, rule: str, mention: str, content: str) -> None:
    a = analyze(text)
    assert [(q.rule, q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [
        (rule, mention, content)]


def test_quotes_putting_something_somewhere_is_not_speech(analyze) -> None:
    assert analyze("The minister put it on the table and left.").quotes == []


def test_quotes_a_role_after_as_is_not_a_characterisation(analyze) -> None:
    a = analyze("The fund acts as a “safety net” for small farms.")
    assert all(q.rule != "as-quote" for q in a.quotes)


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("The mayor is confident that the bridge will open in May.", "is confident", "the bridge will open in May"),
        ("The unions were clear that they would strike.", "were clear", "they would strike"),
        ("Local farmers are worried about the new water rules.", "are worried about", "the new water rules"),
    ],
)
def test_quotes_stance_adjectives(analyze, text: str, cue: str, content: str) -> None:
    a = analyze(text)
    assert [(q.rule, q.cue, q.text) for q in a.quotes] == [("stance-adjective", cue, content)]


@pytest.mark.parametrize(
    "text",
    ["The weather was clear that day.", "We are certain that our partnership will grow."],
)
def test_quotes_stance_adjectives_need_someone_else(analyze, text: str) -> None:
    assert analyze(text).quotes == []


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("The senator painted the governor as a reckless spender.", "painted", "the governor as a reckless spender"),
        ("The mayor linked the floods to the new housing estate.", "linked", "the floods to the new housing estate"),
        ("The candidate focused on jobs and wages in her speech.", "focused on", "jobs and wages"),
    ],
)
def test_quotes_casting_linking_and_focus(analyze, text: str, cue: str, content: str) -> None:
    a = analyze(text)
    assert [(q.cue, q.text) for q in a.quotes] == [(cue, content)]


@pytest.mark.parametrize("text", ["He painted the fence.", "She addressed the crowd in Leeds.", "They tied the boat to the pier."])
def test_quotes_casting_verbs_without_a_stance(analyze, text: str) -> None:
    assert analyze(text).quotes == []


@pytest.mark.parametrize(
    "text, cue",
    [
        ("“Go back to the studio,” the senator barked.", "barked"),
        ("“This is a big win for me,” the mayor confessed.", "confessed"),
        ("“Not again,” the farmers grumbled.", "grumbled"),
    ],
)
def test_quotes_manner_of_speaking_verbs(analyze, text: str, cue: str) -> None:
    a = analyze(text)
    assert [q.cue for q in a.quotes] == [cue] and a.quotes[0].speaker_mention is not None


@pytest.mark.parametrize(
    "text, cue, mention, content",
    [
        # possessor + stance noun + preposition
        ("Olaf Scholz's criticism of the harbour tax angered the dock owners.", "criticism of", "Olaf Scholz",
         "the harbour tax"),
        ("The mayor's call for a public inquiry surprised the council.", "call for", "The mayor", "a public inquiry"),
        # the noun's by/from phrase names the speaker
        ("A warning from Emmanuel Macron about the winter deficit unsettled the markets.", "warning about",
         "Emmanuel Macron", "the winter deficit"),
        # an infinitive after a noun of intention
        ("Olaf Scholz's refusal to cut pensions divided the coalition.", "refusal", "Olaf Scholz", "to cut pensions"),
        # a person noun of stance after a copula
        ("Emmanuel Macron has long been a fierce opponent of the fishing quota.", "opponent of", "Emmanuel Macron",
         "the fishing quota"),
    ],
)
def test_quotes_nominal_cue(analyze, text: str, cue: str, mention: str, content: str) -> None:
    q = next(q for q in analyze(text).quotes if q.rule == "noun-object")
    assert (q.cue, q.speaker_mention.text, q.text) == (cue, mention, content) and not q.direct


def test_quotes_nominal_cue_pronoun_possessor_is_the_subject(analyze) -> None:
    a = analyze("Olaf Scholz doubled down on his attacks on the harbour lobby.")
    q = next(q for q in a.quotes if q.rule == "noun-object")
    assert q.speaker_mention.text == "Olaf Scholz" and q.text == "the harbour lobby"


@pytest.mark.parametrize(
    "text, cue, mention, content",
    [
        ("The governor took aim at the teachers union on Monday.", "took aim at", "The governor", "the teachers union"),
        ("Olaf Scholz made the case for a shorter working week.", "made the case for", "Olaf Scholz",
         "a shorter working week"),
        ("The senator raised questions about the cost of the bridge.", "raised questions about", "The senator",
         "the cost of the bridge"),
        ("Emmanuel Macron threw his support behind the fishing union.", "threw his support behind",
         "Emmanuel Macron", "the fishing union"),
        ("The senator made it clear that she would vote against the bill.", "made it clear", "The senator",
         "she would vote against the bill"),
    ],
)
def test_quotes_light_verb_cue(analyze, text: str, cue: str, mention: str, content: str) -> None:
    q = next(q for q in analyze(text).quotes if q.rule == "light-verb")
    assert (q.cue, q.speaker_mention.text, q.text) == (cue, mention, content) and not q.direct


@pytest.mark.parametrize(
    "text",
    [
        # nobody holds the criticism
        "The criticism of the harbour tax grew over the summer.",
        # said together: no one speaker
        "The two leaders expressed their support for the ceasefire talks.",
        # the welcome is the subject's stance, not the possessor's words
        "The Prime Minister welcomed Emmanuel Macron's support for the fishing union.",
        # words reported by someone else
        "Olaf Scholz said Emmanuel Macron's criticism of the tax was unfair to the harbour.",
        # when, not what
        "Olaf Scholz has been making the case for weeks.",
    ],
)
def test_quotes_nominal_cue_without_a_holder(analyze, text: str) -> None:
    assert not [q for q in analyze(text).quotes if q.rule in ("noun-object", "light-verb")]


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Olaf Scholz's estimate of the harbour deficit alarmed the council.", "estimate of", "the harbour deficit"),
        ("Olaf Scholz's eagerness to close the harbour deal surprised the unions.", "eagerness",
         "to close the harbour deal"),
    ],
)
def test_quotes_nominal_cue_estimates_and_eagerness(analyze, text: str, cue: str, content: str) -> None:
    q = next(q for q in analyze(text).quotes if q.rule == "noun-object")
    assert (q.cue, q.speaker_mention.text, q.text) == (cue, "Olaf Scholz", content)


@pytest.mark.parametrize(
    "text, content, mention",
    [
        ("The harbour tax has drawn sharp criticism from the dock owners.", "The harbour tax", "the dock owners"),
        # no one named: the stance is reported with no source
        ("Olaf Scholz came under heavy criticism after the vote.", "Olaf Scholz", None),
    ],
)
def test_quotes_received_criticism_is_about_the_subject(analyze, text: str, content: str, mention: str | None) -> None:
    q = next(q for q in analyze(text).quotes if q.rule == "light-verb")
    assert q.text == content and (q.speaker_mention.text if q.speaker_mention else None) == mention


@pytest.mark.parametrize(
    "text, mention",
    [
        ("BERLIN — Olaf Scholz, opening the new station on Friday, said it would carry ten thousand people a day.",
         "Olaf Scholz"),
        ("Kyiv (Reuters) - Olaf Scholz said on Monday that the bridge would be rebuilt.", "Olaf Scholz"),
        ("NATO said on Monday that the exercise would go ahead.", "NATO"),
    ],
)
def test_quotes_dateline_is_not_the_speaker(analyze, text: str, mention: str) -> None:
    a = analyze(text)
    assert [q.speaker_mention.text for q in a.quotes if q.speaker_mention] == [mention]


def test_quotes_topic_of_comments_is_not_what_was_said(analyze) -> None:
    a = analyze("Olaf Scholz's comments on the harbour project drew wide attention in Hamburg.")
    assert all(q.rule != "noun-object" for q in a.quotes)
    b = analyze("Olaf Scholz's criticism of the harbour project drew wide attention in Hamburg.")
    assert [(q.rule, q.text) for q in b.quotes] == [("noun-object", "the harbour project")]


def test_quotes_verbless_label_before_a_colon(analyze) -> None:
    a = analyze("Republican pollster Jane Miller: “Lesser-known candidates who win early contests get the biggest boost.”")
    assert [(q.rule, q.speaker_mention.text if q.speaker_mention else None) for q in a.quotes] == [
        ("colon", "Republican pollster Jane Miller")]
    assert analyze("The plan in short: “Build first, pay later.”").quotes == []


@pytest.mark.parametrize(
    "text, mention, content",
    [
        ("The reporter will come on the show to talk about the border and the new wall.", "The reporter",
         "the border and the new wall"),
        ("At the time, the senator didn't come out and say the mayor should resign.", "the senator",
         "the mayor should resign"),
    ],
)
def test_quotes_subject_shared_by_purpose_and_coordinated_cues(analyze, text: str, mention: str, content: str) -> None:
    a = analyze(text)
    assert [(q.speaker_mention.text if q.speaker_mention else None, q.text) for q in a.quotes] == [(mention, content)]


@pytest.mark.parametrize(
    "text, mention",
    [
        ("Gov. John Kasich (R-OH) said the wall would never be built.", "Gov. John Kasich"),
        ("CLEVELAND, July 19 (UPI) — The former attorney general told delegates that the server should disqualify her.",
         "The former attorney general"),
    ],
)
def test_quotes_parentheses_and_datelines_do_not_speak(analyze, text: str, mention: str) -> None:
    a = analyze(text)
    assert [q.speaker_mention.text for q in a.quotes if q.speaker_mention] == [mention]


@pytest.mark.parametrize(
    "text, content",
    [
        ("Only half of the farmers backed the plan, while 70 percent of the traders said the same of the tax.",
         "the same of the tax"),
        ("Half said so in the spring poll.", "so"),
        ("The harbour master said yes.", "yes"),
        ("The port's director said as much.", "as much"),
    ],
)
def test_quotes_echoes_of_an_earlier_claim(analyze, text: str, content: str) -> None:
    a = analyze(text)
    assert content in [q.text for q in a.quotes if q.cue == "said"]


def test_quotes_manner_so_is_not_an_echo(analyze) -> None:
    assert analyze("He said it so quietly that nobody heard.").quotes == []


def test_quotes_reported_clause_stops_where_a_later_quotation_starts(analyze) -> None:
    a = analyze("The mayor told the council that she believes the harbour must be rebuilt, adding that “the city cannot wait any longer.”")
    reported = [q for q in a.quotes if q.rule == "reported"]
    assert [q.text for q in reported] == ["she believes the harbour must be rebuilt"]
    assert any(q.direct and q.text.startswith("the city cannot wait") for q in a.quotes)


@pytest.mark.parametrize(
    "text, content",
    [
        # "backed" (stance-object) and "talked about" (prep-object) stand inside what "said" reports
        ("The minister said that the mayor backed the new harbour plan.", "the mayor backed the new harbour plan"),
        ("The governor said the senator talked about the economy at length.", "the senator talked about the economy at length"),
    ],
)
def test_quotes_reported_rows_take_content_in_table_order(analyze, text: str, content: str) -> None:
    a = analyze(text)
    assert [(q.rule, q.cue, q.text) for q in a.quotes] == [("reported", "said", content)]


@pytest.mark.parametrize("text", [
    "The ceasefire talks were constructive, a source said.",
    "A senior official said the summit was not aimed at any third country.",
    "Diplomatic sources said the deal was close.",
    '"We are close," one diplomat told reporters.',
    "People briefed on the meeting said the atmosphere had been tense.",
    "US officials said the talks had stalled.",
])
def test_quotes_anonymous_sources_give_no_quote(analyze, text: str) -> None:
    # contract v1.1: anonymous sources are no speaker at all; their sentences are left out
    assert analyze(text).quotes == []


@pytest.mark.parametrize("text, speaker", [
    ("Sergey Lavrov met the envoy on Monday. The official said the talks were useful.", None),
    ("Foreign Ministry official Ivan Petrov said the visit was over.", "Ivan Petrov"),
])
def test_quotes_named_or_known_officials_still_speak(analyze, text: str, speaker: str | None) -> None:
    (quote,) = analyze(text).quotes
    assert speaker is None or analyze(text).actor(quote.speaker).name == speaker
