"""Yes-no answers say "No" only when a passage negates what is asked, "Yes" only when it states it."""

from __future__ import annotations

from bot.analysis.negation_scope import negated_clauses, stems_match
from bot.analysis.nlp import parse, sentences_of
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex
from bot.analysis.yes_no import yes_no_sentence

TEXT = (
    "Although the IMF did not single out Trump's proposals, it warned of tensions. "
    "He, like Donald Trump, has refused to apologize. "
    "The council approved the bridge on Tuesday."
)


def decide(text: str, i: int) -> tuple[str, int] | None:
    index = PassageIndex(TEXT, sentences_of(parse(TEXT)))
    s = index.sentences[i]
    hit = Hit(Passage(s.start, s.end, s.text, (i,)), 1.0, 0.6, 1.0, i)
    return yes_no_sentence(index, [hit], Question.read(text))


def test_a_negation_about_what_is_asked_answers_no():
    assert decide("Did the IMF single out Trump's proposals?", 0) == ("No", 0)
    assert decide("Has Dean apologized yet?", 1) == ("No", 1)  # "refused to" denies what follows


def test_a_passage_that_states_most_of_it_answers_yes():
    assert decide("Did the council approve the bridge?", 2) == ("Yes", 2)


def test_a_close_passage_that_does_not_decide_is_quoted_and_a_far_one_answers_nothing():
    assert decide("Did the council approve the ferry and the tunnel?", 2) == ("", 2)  # half of it, no decision
    assert decide("Did the council criticise Trump by name?", 0) is None  # a "not", but about someone else


def test_a_negation_of_what_the_named_parties_did_or_of_there_being_any_is_quoted_as_the_closest():
    # the IMF, the subject, and Trump in the clause "did not single out": the same act in other words, undecided
    assert decide("Did the IMF criticise Trump by name?", 0) == ("", 0)
    assert decide("Did Trump criticise the IMF?", 0) is None  # Trump is no subject of that clause
    text = "Police said there were no signs of forced entry into the room. The council met."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    s = index.sentences[0]
    hit = Hit(Passage(s.start, s.end, s.text, (0,)), 1.0, 0.6, 1.0, 0)
    assert yes_no_sentence(index, [hit], Question.read("Was there a break-in?")) == ("", 0)
    assert yes_no_sentence(index, [hit], Question.read("Did the thief break in?")) is None  # no "was there" asked


def test_a_promise_to_do_it_is_no_yes():
    text = "Obama promised to use the word genocide as president. The council approved the bridge on Tuesday."
    index = PassageIndex(text, sentences_of(parse(text)))
    s = index.sentences[0]
    hit = Hit(Passage(s.start, s.end, s.text, (0,)), 1.0, 0.6, 1.0, 0)
    assert yes_no_sentence(index, [hit], Question.read("Has Obama used the word genocide as president?")) == ("", 0)
    assert yes_no_sentence(index, [hit], Question.read("Did Obama promise to use the word genocide?")) == ("Yes", 0)


def test_no_only_from_a_negation_whose_clause_holds_what_is_asked():
    text = (
        "A panel overruled a judge's decision that Husted was not violating any laws. "
        "Pama, who has no history of violence, was beside himself."
    )
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    # "not" denies violating laws, not the overruling: the sentence holds the question's words, but not in its clause
    overruled = Question.read("Has the judge's decision been overruled?")
    assert yes_no_sentence(index, hits[:1], overruled) == ("", 0)
    # "no history of violence" answers "violent" (one word's stems: "violent", "violenc")
    assert yes_no_sentence(index, hits[1:], Question.read("Had Pama ever been violent before?")) == ("No", 1)


def test_negation_clauses_and_stem_matching():
    (clause,) = negated_clauses(parse("Husted was not violating any laws, the Court of Appeals said."))
    assert "appeals" not in clause and "laws" in clause
    (relative,) = negated_clauses(parse("Pama, who has no history of violence, wept."))
    assert "pama" in relative and "violence" in relative
    assert negated_clauses(parse("Kansas is now not only the sole state with this law.")) == []
    assert stems_match("violent", "violenc") and not stems_match("protest", "protect") and stems_match("law", "law")


def test_a_negation_denies_by_meaning_only_with_two_key_words_held():
    import numpy as np

    from bot.analysis.key_terms import TermMatcher

    text = "The gale did not damage the bridge."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    s = index.sentences[0]
    hits = [Hit(Passage(s.start, s.end, s.text, (0,)), 1.0, 0.6, 1.0, 0)]
    question = Question.read("Did the storm destroy the bridge?")
    e = np.eye(3, dtype=np.float32)
    both = TermMatcher({"storm": e[0], "gale": e[0], "destroy": e[1], "damage": e[1], "bridge": e[2]})
    assert yes_no_sentence(index, hits, question, both) == ("No", 0)  # "gale" is "storm", "damage" "destroy"
    assert yes_no_sentence(index, hits, question, TermMatcher({})) is None  # "bridge" alone is the topic


def test_the_adjective_without_its_negative_prefix_answers_no():
    text = "The regulators looked at the scheme for a year. Every step of it was legal."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    assert yes_no_sentence(index, hits, Question.read("Was the scheme illegal?")) == ("No", 1)
    assert yes_no_sentence(index, hits[1:], Question.read("Was any of it unclear?")) is None  # no opposite there


def test_an_adjective_that_only_names_a_thing_says_no_opposite():
    text = "Armed police officers arrived at the house."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    s = index.sentences[0]
    hit = Hit(Passage(s.start, s.end, s.text, (0,)), 1.0, 0.6, 1.0, 0)
    assert yes_no_sentence(index, [hit], Question.read("Was he unarmed?")) is None


def test_a_question_with_one_key_word_is_denied_by_a_clause_that_holds_it_by_meaning():
    import numpy as np

    from bot.analysis.key_terms import TermMatcher

    text = "The mayor has refused to apologize for the remark. The mayor opened the bridge."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    far = np.array([0.0, 1.0])
    vectors = {"sorry": np.array([1.0, 0.0]), "apologize": np.array([0.8, 0.6]), "refused": far, "remark": far,
               "mayor": far, "opened": far, "bridge": far, "council": np.array([0.0, -1.0])}
    question = Question.read("Has the council said sorry?")
    assert question.key_words == ("council", "sorry")  # two key words: "apologize" alone is not enough
    assert yes_no_sentence(index, hits, question, TermMatcher(vectors)) is None
    only = Question.read("Has he said sorry?")
    assert only.key_words == ("sorry",)
    assert yes_no_sentence(index, hits, only, TermMatcher(vectors)) == ("No", 0)
    assert yes_no_sentence(index, hits, only, TermMatcher({})) is None  # no meaning to go by


def test_a_yes_no_question_asks_for_words_when_its_verb_takes_a_clause_or_a_verb_of_saying_an_object():
    from bot.analysis.yes_no import asks_words

    assert asks_words(Question.read("Did the mayor say the bridge was too expensive?"))
    assert asks_words(Question.read("Did she describe the plan as reckless?"))
    assert not asks_words(Question.read("Has the mayor said sorry?"))  # whether she apologized
    assert not asks_words(Question.read("Did the mayor open the bridge?"))


def test_the_nearest_sentence_in_meaning_is_quoted_when_it_shares_few_words():
    import numpy as np

    from bot.analysis.key_terms import TermMatcher
    from bot.analysis.paraphrase import Closeness

    text = "Both of the officers investigated have been fired, a spokesman said. The airport was busy on Friday."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    question = Question.read("Were the two officers dismissed?")
    assert yes_no_sentence(index, hits, question) is None  # no closeness measured: too few words shared
    near = TermMatcher({}, Closeness(np.array([0.56, 0.3]), {0: 0.61, 1: 0.2}))
    assert yes_no_sentence(index, hits, question, near) == ("", 0)  # nearest, and near without names: quoted
    nameless_far = TermMatcher({}, Closeness(np.array([0.56, 0.3]), {0: 0.18, 1: 0.2}))
    assert yes_no_sentence(index, hits, question, nameless_far) is None  # its nearness was the names'
    not_nearest = TermMatcher({}, Closeness(np.array([0.56, 0.6]), {0: 0.61, 1: 0.2}))
    assert yes_no_sentence(index, hits[:1], question, not_nearest) is None  # another sentence is nearer
    level = TermMatcher({}, Closeness(np.array([0.58, 0.55]), {0: 0.63, 1: 0.2}))
    assert yes_no_sentence(index, hits, question, level) is None  # two about as near: it talks around the question


def _sentence_hits(text: str) -> tuple[PassageIndex, list[Hit]]:
    """An index of `text` with one hit per sentence."""
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    return index, [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]


def test_a_broken_promise_to_do_it_answers_no():
    index, hits = _sentence_hits("It is the seventh year Obama has broken his promise to use the word genocide.")
    assert yes_no_sentence(index, hits, Question.read("Has Obama used the word genocide as president?")) == ("No", 0)
    index, hits = _sentence_hits("The mayor broke her pledge to close the depot. The mayor kept her pledge to open it.")
    assert yes_no_sentence(index, hits, Question.read("Has the mayor closed the depot?")) == ("No", 0)
    assert yes_no_sentence(index, hits[1:], Question.read("Has the mayor opened the depot?")) == ("", 1)  # kept


def test_a_negation_of_what_another_did_to_the_named_subject_denies_nothing_of_them():
    question = Question.read("Has Moscow responded to Schiff?")
    index, hits = _sentence_hits("This week, the president declined to threaten Moscow or even respond to Schiff.")
    assert yes_no_sentence(index, hits, question) == ("", 0)  # the president did not respond: no "No" of Moscow
    index, hits = _sentence_hits("This week, Moscow declined to respond to Schiff.")
    assert yes_no_sentence(index, hits, question) == ("No", 0)
    index, hits = _sentence_hits("Pama, who has no history of violence, wept.")
    assert yes_no_sentence(index, hits, Question.read("Had Pama ever been violent before?")) == ("No", 0)
    index, hits = _sentence_hits("Police have not charged Smith over the crash.")
    assert yes_no_sentence(index, hits, Question.read("Has Smith been charged over the crash?")) == ("No", 0)


def test_a_question_of_what_will_or_must_happen_is_not_come_close_to_by_what_happened():
    text = "Some pupils taking the tests had changed answers. The pupils may be given new tests in May."
    index, hits = _sentence_hits(text)
    assert yes_no_sentence(index, hits[:1], Question.read("Do the pupils have to resit the tests?")) is None
    assert yes_no_sentence(index, hits[:1], Question.read("Will the pupils need to sit the tests again?")) is None
    assert yes_no_sentence(index, hits[:1], Question.read("Did the pupils resit the tests?")) == ("", 0)
    assert yes_no_sentence(index, hits, Question.read("Do the pupils have to resit the tests?")) == ("", 1)  # "may"


def test_a_sentence_without_the_predicate_asked_neither_answers_nor_comes_close():
    from bot.analysis.yes_no_predicate import predicate_words

    asked = Question.read("Has the officer who shot him been charged?")
    assert predicate_words(asked) == ["charged"]  # "the officer who shot him" only says who
    assert predicate_words(Question.read("Does the article show Clinton herself ever admitted to the clot?")) != []
    text = (
        "Crutcher was shot and killed by a white officer after his vehicle stalled. "
        "The officer who shot him has been charged with manslaughter."
    )
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    assert yes_no_sentence(index, hits[:1], asked) is None  # "shot" and "officer" are the subject's words
    assert yes_no_sentence(index, hits[1:], asked) == ("Yes", 1)


def test_hedges_and_the_article_frame_are_not_asked_and_a_question_in_the_source_answers_no_yes():
    text = "Do I think it was cocaine? Probably not. In her 2003 book, Clinton noted the clot's existence."
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    # "actually" is a hedge: the question asks whether he thinks it was cocaine, which a question does not state
    assert yes_no_sentence(index, hits[:1], Question.read("Does he actually think it was cocaine?")) == ("", 0)
    # "the article show" and "ever" frame it: "admitted" and "clot" are asked, and the sentence holds "clot"
    shown = Question.read("Does the article show Clinton herself ever admitted to the clot?")
    assert yes_no_sentence(index, hits[2:], shown) == ("", 2)


def test_a_name_said_of_the_subject_is_asked_and_a_claim_reported_is_no_yes():
    text = (
        "Trump accused Holt of being a Democrat, though a review of records indicate he has been a registered "
        "Republican since 2003. Holt is a Democrat."
    )
    index = PassageIndex(text, sentences_of(parse(text)), parsed=parse(text))
    hits = [Hit(Passage(s.start, s.end, s.text, (s.index,)), 1.0, 0.6, 1.0, s.index) for s in index.sentences]
    asked = Question.read("Is he actually a Democrat, like Trump claims?")  # "like Trump claims" cites the claim
    assert yes_no_sentence(index, hits[:1], asked) == ("", 0)  # Trump's accusation, quoted: no "Yes"
    assert yes_no_sentence(index, hits[1:], asked) == ("Yes", 1)
