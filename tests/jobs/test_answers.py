"""Answers: planned from the question and the conversation, checked against the passages, stored."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.analysis.follow_ups import resolved
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex
from bot.jobs.answers import NOT_COVERED, AnswerWriter, quote_answer
from bot.models import Answer, Expert, Span
from bot.service import Briefer
from bot.sources.clean import clean_pasted_text
from bot.sources.reader import document_from_text

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "harbour-bridge.txt"


@pytest.fixture(scope="module")
def index() -> PassageIndex:
    text = clean_pasted_text(SAMPLE.read_text()).text
    return PassageIndex(text, sentences_of(parse(text)))


def expert_for(index: PassageIndex, name: str, role: str, phrase: str) -> Expert:
    start = index.text.index(phrase)
    return Expert(name, role, [Span(start, start + len(phrase))])


def test_a_question_naming_an_expert_goes_to_their_evidence_first(index):
    okafor = expert_for(index, "Helen Okafor", "a transport economist", "the council had underestimated maintenance")
    question = Question.read("What does Okafor say about maintenance?", [okafor])
    query, meaning, boost = AnswerWriter(engine=None).plan(index, question, [], [okafor])
    assert "Okafor" in query
    assert "Okafor" not in meaning  # their words seldom name them: the meaning searched for is the rest
    assert any("underestimated maintenance" in index.sentences[i].text for i in boost)


def test_who_someone_is_is_searched_in_the_narrative_not_in_their_words(index):
    okafor = expert_for(index, "Helen Okafor", "", "the council had underestimated maintenance")
    question = Question.read("Who is Helen Okafor?", [okafor])
    query, meaning, boost = AnswerWriter(engine=None).plan(index, question, [], [okafor])
    assert "Okafor" in query and meaning == query and boost == {}


def test_a_pronoun_follow_up_resolves_to_the_expert_of_the_previous_turn(index):
    becker = expert_for(index, "Tom Becker", "chair", "the bridge would bring noise and heavy lorries")
    okafor = expert_for(index, "Helen Okafor", "economist", "the council had underestimated maintenance")
    previous = Answer("id", "What does Becker argue?", "Becker argued the bridge brings noise.", [], False)
    question = resolved("And what did he say next?", [previous], [okafor, becker])
    query, _meaning, boost = AnswerWriter(engine=None).plan(index, question, [previous], [okafor, becker])
    assert "Tom Becker" in query
    assert any("heavy lorries" in index.sentences[i].text for i, b in boost.items() if b > 0)
    assert not any("underestimated" in index.sentences[i].text for i, b in boost.items() if b > 0)


def test_next_moves_on_from_the_passage_cited_before(index):
    cited = next(s for s in index.sentences if "Not everyone is convinced" in s.text)
    previous = Answer("id", "Is everyone happy?", "No.", [cited.text], False)
    _query, _meaning, boost = AnswerWriter(engine=None).plan(index, Question.read("What comes next?"), [previous], [])
    assert boost.get(cited.index + 1, 0) > 0
    assert boost.get(cited.index, 0) < 0


def test_an_answer_must_rest_on_the_passages():
    text = "Mayor Ana Ruiz said the bridge would open in 2028. The ferry will close when it opens."
    small = PassageIndex(text, sentences_of(parse(text)))
    hits = [Hit(Passage(0, len(text), text, (0, 1)), 1.0, 0.8, 1.0, 0)]
    writer = AnswerWriter(engine=None)
    question = Question.read("When does it open?")
    assert writer.check("Ana Ruiz said it opens in 2028.", question, hits, small) == "Ana Ruiz said it opens in 2028."
    assert writer.check("Governor Lee said it opens in 2028.", question, hits, small) is None
    assert writer.check("It opens in 2030.", question, hits, small) is None
    assert writer.check("The source does not say.", question, hits, small) is None
    assert writer.check("It opens.", question, hits, small) is None  # says nothing the question did not
    blended = "Mayor Ana Ruiz said the ferry would close in 2028."
    assert writer.check(blended, Question.read("What did the mayor say?"), hits, small) is None  # no one sentence


def test_an_answer_must_join_names_and_numbers_the_article_joins_and_be_about_the_question():
    text = (
        "Rishi Khanal was pulled from the rubble on Tuesday.\n\n"
        "Elsewhere in the city, a mother endured 36 hours trapped in a room before rescuers freed her."
    )
    small = PassageIndex(text, sentences_of(parse(text)))
    hits = [Hit(Passage(0, len(text), text, (0, 1)), 1.0, 0.8, 1.0, 0)]
    writer = AnswerWriter(engine=None)
    question = Question.read("How long was Rishi Khanal trapped?")
    joined = "Rishi Khanal was trapped for 36 hours before rescuers freed him."
    assert writer.check(joined, question, hits, small) is None
    elsewhere = Question.read("Why did the ferry stop?")
    assert writer.check("A mother endured 36 hours in a room.", elsewhere, hits, small) is None


def test_a_quoted_answer_credits_the_one_expert_and_quotes_their_words_whole(index):
    words = "A better ferry would cost a fraction of this and could run by next summer,"
    nair = expert_for(index, "Priya Nair", "councillor", words)
    sentence = next(s for s in index.sentences if "A better ferry" in s.text)
    hit = Hit(Passage(sentence.start, sentence.end, sentence.text, (sentence.index,)), 1.0, 0.9, 1.0, sentence.index)
    assert quote_answer(index, hit, [nair]) == f"Priya Nair, councillor, in the source: “{words}”"
    # Too few words of their own: the whole sentence is quoted as it stands (it has quote marks), for the
    # source, never put in her mouth: it holds the narrative's words too.
    short = expert_for(index, "Priya Nair", "councillor", "A better ferry")
    assert quote_answer(index, hit, [short]) == f"The source says: {sentence.text}"
    # A question about someone else: her words are quoted for the source, not credited to her.
    other = Question.read("Why does the ferry matter?")
    assert quote_answer(index, hit, [nair], other).startswith("The source says: ")
    # What she did, not what she said: the sentence that tells it.
    doing = Question.read("What did Priya Nair do next?", [nair])
    assert doing.expert is nair and quote_answer(index, hit, [nair], doing) == f"The source says: {sentence.text}"
    # Who she is, not what she said: her words are no answer credited to her.
    who = Question.read("Who is Priya Nair?", [nair])
    assert who.expert is nair and quote_answer(index, hit, [nair], who) == f"The source says: {sentence.text}"
    # Nobody's words: the sentence, for the source.
    plain = next(s for s in index.sentences if "publish the final design" in s.text)
    hit = Hit(Passage(plain.start, plain.end, plain.text, (plain.index,)), 1.0, 0.9, 1.0, plain.index)
    assert quote_answer(index, hit, [nair]) == f"The source says: “{plain.text}”"


def test_a_what_did_x_say_answer_quotes_all_their_words_in_the_passage_when_they_are_short():
    text = (
        "“One of the guys tried to wrestle us,” Kvarzell told reporters. "
        "“We don't have authority but we thought somebody might need help,” he said."
    )
    small = PassageIndex(text, sentences_of(parse(text)))
    said = ("One of the guys tried to wrestle us", "We don't have authority but we thought somebody might need help")
    kvarzell = Expert("Samuel Kvarzell", "", [Span(text.index(w), text.index(w) + len(w)) for w in said])
    hit = Hit(Passage(0, len(text), text, (0, 1)), 1.0, 0.9, 1.0, 0)
    question = Question.read("Why did Samuel Kvarzell say they got involved?", [kvarzell])
    assert quote_answer(index=small, best=hit, experts=[kvarzell], question=question) == (
        "Samuel Kvarzell in the source: “One of the guys tried to wrestle us” … "
        "“We don't have authority but we thought somebody might need help”"
    )
    doing = Question.read("Who is Samuel Kvarzell?", [kvarzell])  # not asking what he said: no words of his
    assert quote_answer(small, hit, [kvarzell], doing).startswith("The source says: ")


def test_an_evidence_answer_quotes_the_claim_with_the_sentence_that_backs_it():
    text = "It highlights the more active role taken by India. Weeks ago, India rescued its nationals from Yemen."
    small = PassageIndex(text, sentences_of(parse(text)))
    hit = Hit(Passage(0, len(text), text, (0, 1)), 1.0, 0.9, 1.0, 0)
    question = Question.read("Is there evidence India has been taking a more active role lately?")
    assert quote_answer(small, hit, [], question) == f"The source says: “{text}”"
    assert quote_answer(small, hit, [], Question.read("Why is India more active?")).endswith("by India.”")


@pytest.fixture
def briefer(tiny_settings):
    briefer = Briefer(tiny_settings, progress=False)
    yield briefer
    briefer.close()


def test_ask_cites_verbatim_and_says_when_the_source_does_not_cover_it(briefer, tiny_settings):
    doc = asyncio.run(briefer.remember(document_from_text(SAMPLE.read_text(), tiny_settings)))
    covered = asyncio.run(briefer.ask(doc.id, "How long will construction take?", "t1"))
    assert not covered.not_covered
    assert covered.citations and all(c in doc.text for c in covered.citations)
    assert any("three years" in c for c in covered.citations)
    voted = asyncio.run(briefer.ask(doc.id, "Who voted against the bridge?", "t1"))
    assert voted.answer == "Councillor Priya Nair."  # as the README shows: one of the members who voted against
    missing = asyncio.run(briefer.ask(doc.id, "Who won the football match in Madrid?", "t1"))
    assert missing.not_covered and missing.answer == NOT_COVERED and missing.citations == []



def test_what_someone_said_who_never_speaks_in_the_source_is_not_covered(briefer, tiny_settings):
    doc = asyncio.run(briefer.remember(document_from_text(SAMPLE.read_text(), tiny_settings)))
    silent = asyncio.run(briefer.ask(doc.id, "What did Governor Mark Ellis say about the bridge?", "t2"))
    assert silent.not_covered  # he signed the funding bill; the article gives him no words
    spoken = asyncio.run(briefer.ask(doc.id, "What did Priya Nair say about the ferry?", "t3"))
    assert not spoken.not_covered and "ferry" in spoken.answer


def test_history_is_stored_and_a_source_stays_answerable_after_reopening(tiny_settings):
    first = Briefer(tiny_settings, progress=False)
    doc = asyncio.run(first.remember(document_from_text(SAMPLE.read_text(), tiny_settings)))
    asyncio.run(first.ask(doc.id[:6], "What does Becker argue?", "chat"))
    first.close()
    second = Briefer(tiny_settings, progress=False)
    try:
        answer = asyncio.run(second.ask(doc.id, "And what did he say next?", "chat"))
        assert [t.question for t in second.store.turns("chat")] == ["What does Becker argue?", answer.question]
        assert any("review of the route" in c or "lorries" in c for c in answer.citations)
    finally:
        second.close()


def test_an_empty_or_unknown_question_is_a_clear_error(briefer, tiny_settings):
    from bot.models import BriefbotError

    doc = asyncio.run(briefer.remember(document_from_text(SAMPLE.read_text(), tiny_settings)))
    with pytest.raises(BriefbotError, match="the question is empty"):
        asyncio.run(briefer.ask(doc.id, "   "))
    with pytest.raises(BriefbotError, match="no stored source"):
        asyncio.run(briefer.ask("ffffffffff", "Why?"))


def test_a_span_is_stated_from_the_sentence_that_speaks_of_the_question_by_meaning():
    import numpy as np

    from bot.analysis.key_terms import TermMatcher
    from bot.analysis.retrieval import sentence_entities
    from bot.jobs.answers import UNSPOKEN, _span_answer

    text = "The ferry carries 300 cars.\n\nThe crash injured 29 people on Tuesday."
    parsed = parse(text)
    sentences = sentences_of(parsed)
    small = PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0 - s.index / 10, 0.3, 0.0, s.index) for s in sentences]
    question = Question.read("How many were hurt?")
    far, close = np.array([0.0, 1.0]), np.array([0.8, 0.6])
    meaning = TermMatcher({"hurt": np.array([1.0, 0.0]), "injured": close, "ferry": far, "opened": far, "cars": far,
                           "carries": far, "crash": far, "people": far, "tuesday": far})
    ordered, stated = _span_answer(small, hits, question, [], meaning)
    assert stated == "29 people." and ordered[0].anchor == 1  # "hurt" is "injured": its sentence comes first
    # Without a word close in meaning, no sentence speaks of what is asked: not answered, not a span.
    ordered, stated = _span_answer(small, hits, question, [], TermMatcher({}))
    assert stated is UNSPOKEN and ordered[0].anchor == 0


def test_a_how_many_question_is_not_answered_from_passages_without_a_number():
    from bot.analysis.key_terms import TermMatcher
    from bot.analysis.retrieval import sentence_entities
    from bot.jobs.answers import UNSPOKEN, _span_answer

    text = "The quake struck near the capital.\n\nHer husband called out for help for hours after the quake."
    parsed = parse(text)
    sentences = sentences_of(parsed)
    small = PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0 - s.index / 10, 0.3, 0.0, s.index) for s in sentences]
    ordered, stated = _span_answer(small, hits, Question.read("How strong was the quake?"), [], TermMatcher({}))
    assert stated is UNSPOKEN and ordered == hits  # no magnitude given: not answered, the passages as ranked
    _ordered, stated = _span_answer(small, hits, Question.read("Who was hurt in the quake?"), [], TermMatcher({}))
    assert stated is None  # no name either, but a who-question may still be answered by a quoted sentence


def test_a_follow_up_that_points_back_is_never_off_topic_for_its_few_words(index):
    class Engine:
        async def embed_async(self, texts):
            import numpy as np

            return np.zeros((len(texts), 4), dtype=np.float32)

    import numpy as np

    far = PassageIndex(index.text, index.sentences, np.zeros((len(index.sentences), 4), dtype=np.float32))
    previous = Answer("id", "What does Becker argue?", "The source says: …", [index.sentences[-1].text], False)
    writer = AnswerWriter(Engine())
    answer = asyncio.run(writer.answer("id", far, "And what did he say next?", [previous], [], "neutral"))
    assert not answer.not_covered and answer.citations
    other = "Who won the football match in Madrid?"  # points back to nothing: still off topic
    alone = asyncio.run(writer.answer("id", far, other, [previous], [], "neutral"))
    assert alone.not_covered and alone.answer == NOT_COVERED and alone.citations == []


def test_a_yes_no_question_about_an_expert_does_not_boost_their_words(index):
    okafor = expert_for(index, "Helen Okafor", "a transport economist", "the council had underestimated maintenance")
    question = Question.read("Has Okafor changed her mind about maintenance?", [okafor])
    assert question.form == "yes_no" and question.expert is okafor
    _query, _meaning, boost = AnswerWriter(engine=None).plan(index, question, [], [okafor])
    assert not any(boost.values())  # the narrative tells whether it is so as often as her words do
    said = Question.read("Did Okafor say the council had underestimated maintenance?", [okafor])
    _query, _meaning, boost = AnswerWriter(engine=None).plan(index, said, [], [okafor])
    assert any(boost.values())  # it asks for her words


def test_a_what_x_question_counts_the_sentences_naming_an_x():
    from tests.analysis.test_answer_spans import index_of

    named = index_of("The mayor spoke for an hour. She then opened the Riverside Museum of Maps to the public.")
    _query, _meaning, boost = AnswerWriter(engine=None).plan(named, Question.read("What museum did she open?"), [], [])
    assert boost.get(1, 0) > 0 and boost.get(0, 0) == 0


def test_a_yes_no_sentence_that_only_comes_closer_in_words_does_not_move_a_later_passage_first():
    from bot.analysis.key_terms import TermMatcher
    from bot.jobs.answers import _yes_no

    text = "Both officers have been fired, the agency said.\n\nThe two screeners worked at the airport for years."
    small = PassageIndex(text, sentences_of(parse(text)))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0 - s.index / 10, 0.3, 0.0, s.index)
            for s in small.sentences]
    question = Question.read("Do the two still have their airport jobs?")  # the later one holds two of three words
    ordered, stated = _yes_no(small, hits, question, [], TermMatcher({}))
    assert ordered[0].anchor == 0 and stated == f"The source says: “{small.sentences[0].text}”"
    deciding = Question.read("Did the two screeners work at the airport?")  # a "Yes" still moves its passage first
    ordered, stated = _yes_no(small, hits, deciding, [], TermMatcher({}))
    assert ordered[0].anchor == 1 and stated.startswith("Yes.")


def test_a_said_question_counts_the_sentence_that_introduces_the_experts_quote():
    text = "The ship docked at noon. Frank Jordan thanked the captain. “You're a good man, I swear,” he said."
    index = PassageIndex(text, sentences_of(parse(text)))
    frank = expert_for(index, "Frank Jordan", "father", "You're a good man, I swear")
    said = Question.read("What did Frank Jordan tell the captain?", [frank])
    _query, _meaning, boost = AnswerWriter(engine=None).plan(index, said, [], [frank])
    assert sorted(boost) == [1, 2]
    did = Question.read("Why did Frank Jordan thank the captain?", [frank])  # not a question of what he said
    assert sorted(AnswerWriter(engine=None).plan(index, did, [], [frank])[2]) == [2]


def test_a_said_question_that_names_no_one_counts_the_words_said():
    text = ("The researchers examined the images of the monkeys. They said: 'The macaque is threatened by hunting.' "
            "“It is rare,” one guide said. Some monkeys had different features.")
    index = PassageIndex(text, sentences_of(parse(text)))
    question = Question.read("What dangers do the researchers say the monkey faces?")
    _query, _meaning, boost = AnswerWriter(engine=None).plan(index, question, [], [])
    assert boost.get(1, 0) > 0 and boost.get(2, 0) > 0 and not boost.get(0) and not boost.get(3)
    named = Question.read("What did Trump say about the monkey?")  # someone named, if not found: no guess
    assert not AnswerWriter(engine=None).plan(index, named, [], [])[2]
