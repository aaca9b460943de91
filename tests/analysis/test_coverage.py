"""'Not covered' both ways: off topic, a name the source never writes, no answer of the kind asked."""

from __future__ import annotations

from bot.analysis.coverage import Coverage, constraint_names, coverage, missing_groups, missing_names, names_not_found
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex, sentence_entities

TEXT = "The bridge will cost $48 million. Construction starts in March. Mayor Ana Ruiz backs the plan."


def index() -> PassageIndex:
    parsed = parse(TEXT)
    sentences = sentences_of(parsed)
    return PassageIndex(TEXT, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)


def hits_at(index: PassageIndex, semantic: float, word_share: float = 0.0) -> list[Hit]:
    return [Hit(Passage(s.start, s.end, s.text, (s.index,)), semantic, semantic, word_share, s.index) for s in
            index.sentences]  # fmt: skip


def test_a_question_far_from_every_passage_is_off_topic():
    found = index()
    assert coverage(Question.read("Who won the football match?"), hits_at(found, 0.05), found) is Coverage.OFF_TOPIC
    shared_words = hits_at(found, 0.05, word_share=0.5)  # far in meaning, but it repeats the question's words
    assert coverage(Question.read("What will the bridge cost?"), shared_words, found) is Coverage.COVERED


def test_a_name_the_source_never_writes_leaves_the_question_unanswered():
    found = index()
    question = Question.read("What did Robby Mook say about the bridge?")
    assert missing_names(question, TEXT) == ["Robby Mook"]
    assert coverage(question, hits_at(found, 0.6), found) is Coverage.UNANSWERED
    assert missing_names(Question.read("What does the U.S. say?"), "The US said no.") == []  # full stops aside


def test_initials_are_written_by_the_words_they_stand_for():
    question = Question.read("What did the mayor say about the EU grant?")
    assert missing_names(question, "Ruiz thanked the European Union for its grant.") == []
    assert missing_names(question, "Ruiz thanked the Energy Board for its grant.") == ["EU"]
    un = Question.read("What did the ambassador say about the UN?")
    assert missing_names(un, "The Ambassador to the United Nations Samantha Power spoke.") == []


def test_a_question_asking_for_a_kind_of_thing_the_passages_lack_is_unanswered():
    found = index()
    assert coverage(Question.read("How much will the bridge cost?"), hits_at(found, 0.6), found) is Coverage.COVERED
    no_percent = Question.read("What percentage of the cost does the state pay?")
    assert coverage(no_percent, hits_at(found, 0.6), found) is Coverage.UNANSWERED


def test_the_group_around_a_name_must_be_in_the_source_too():
    text = "Hillary Clinton's campaign manager Robby Mook said Trump lashed out. Donald Trump said nothing."
    assert missing_groups(Question.read("What did Clinton's campaign say?"), text) == []
    assert missing_groups(Question.read("How did the Trump campaign respond?"), text) == ["Trump campaign"]
    assert missing_groups(Question.read("What did Trump say?"), text) == []  # no group asked about


def test_a_name_that_constrains_the_question_must_stand_in_a_passage_found():
    text = "The IMF expects U.S. output to grow 1.6 percent. China's exports fell in May, the IMF said."
    parsed = parse(text)
    sentences = sentences_of(parsed)
    found = PassageIndex(text, sentences, entities=sentence_entities(parsed, sentences), parsed=parsed)
    first = [hits_at(found, 0.6)[0]]  # the U.S. forecast only
    china = Question.read("What does the IMF forecast for China's growth?")
    assert names_not_found(china, first) == ["China"]
    assert coverage(china, first, found) is Coverage.UNANSWERED
    assert names_not_found(china, hits_at(found, 0.6)) == []


def test_the_subject_of_the_question_and_a_demonym_need_not_stand_in_the_passage():
    assert constraint_names(Question.read("What steps could the US take against the hackers?")) == []
    assert constraint_names(Question.read("How fast will the American economy grow?")) == []
    assert constraint_names(Question.read("Which team is Mick Schumacher driving for?")) == []
    assert constraint_names(Question.read("How long will Suu Kyi stay in the US?")) == ["US"]
    assert constraint_names(Question.read("What did Robby Mook say about ISIS?")) == ["ISIS"]


def test_an_ordinal_before_a_noun_constrains_the_question_too():
    assert constraint_names(Question.read("When is the second debate?")) == ["second"]
    assert constraint_names(Question.read("How did Stancil first react?")) == []  # an adverb, not a choice


def test_previous_is_written_by_tense_not_by_the_word():
    assert constraint_names(Question.read("What was Davey's previous job?")) == ["Davey"]  # "previous" no longer
    assert constraint_names(Question.read("When is his next court date?")) == ["next"]


def test_in_the_first_place_singles_nothing_out():
    assert constraint_names(Question.read("Why did the cops approach him in the first place?")) == []
    assert constraint_names(Question.read("Who took first place?")) == ["first"]



def test_a_name_is_written_with_other_words_between_its_own():
    question = Question.read("How much did Judge Kramer order Allen to pay back?")
    assert missing_names(question, "Judge Stephen Kramer QC today ordered Allen to pay back £491,000.") == []
    assert missing_names(Question.read("What did Mary Christie earn?"), "Mary Pat Christie earned $475,000.") == []
    far_apart = "The judge, a man many of those who knew him admired, ordered Allen to pay. Kramer wept."
    assert missing_names(question, far_apart) == ["Judge Kramer"]


def test_a_place_is_written_by_the_adjective_of_its_people():
    question = Question.read("What share of the investors come from China?")
    assert missing_names(question, "Wealthy Chinese citizens make up about 80 percent of the investors.") == []
    assert missing_names(question, "Investors from Chinatown make up about 80 percent.") == ["China"]
    assert missing_names(Question.read("What did Britain say?"), "The British envoy said no.") == []


def test_the_people_who_work_for_a_person_may_be_written_without_the_name():
    text = "Jason Cotterill, 35, admitted harassment. David Houldcroft, defending, said he had depression."
    assert missing_groups(Question.read("Who was Cotterill's lawyer?"), text) == []
    assert missing_groups(Question.read("Who was Cotterill's lawyer?"), "Cotterill, 35, admitted harassment.") == [
        "Cotterill lawyer"
    ]
    assert missing_groups(Question.read("What did Cotterill's campaign say?"), text) == ["Cotterill campaign"]
    mother = Question.read("What has Kyhesha-Lee's mother said about the case?")
    assert missing_groups(mother, "Kyhesha-Lee lived with her father in Petrie.") == ["Kyhesha-Lee mother"]
    assert missing_groups(mother, "Kyhesha-Lee lived with her mum in Petrie.") == []
