"""Which spans of the kind asked stand in a sentence that speaks of what the question asks, so one may be stated.

"Who designed the bridge?" must not be answered with whoever the closest sentence names ("The council voted
..."): a span answers only when its sentence is very close to the question in meaning, says the action a
who-question asks about, or holds half of the question's key words (by stem or meaning, with the sentence before
it when both name one person: bot.analysis.named_again), and the span belongs to what is asked
(bot.analysis.asked_slot). Only when no span's sentence does so in the question's own words is one that says it
in other words taken (bot.analysis.paraphrase): "He grew up in Ankara" is no answer to "Which city was he born
in?" when "was born in Izmir province" stands next to it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis.answer_spans import dates_a_statement, is_agent
from bot.analysis.asked_attribute import speaks_of_attribute
from bot.analysis.asked_slot import belongs_elsewhere
from bot.analysis.doers import names_the_doer
from bot.analysis.key_terms import TermMatcher
from bot.analysis.lexicon import LEADING_STEMS, content_stems, says_leading
from bot.analysis.named_again import speaks_of_here
from bot.analysis.paraphrase import closest_of_all, paraphrases
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, PassageIndex
from bot.analysis.verb_roles import asked_part_filled, asked_verb, gives_the_asked_part

# A span is stated as the answer when its sentence is at least this close to the question in meaning, or holds
# a who-question's action, or half of the question's other words (names aside): "How many people will the ferry
# carry?" is not answered "Two lanes." from "The bridge will carry two lanes of traffic".
STATE_SEMANTIC = 0.55
STATE_SHARE = 0.5
# "Who is in charge of X?" asks who leads X: a sentence saying someone leads ("overseen by", "presided over")
# speaks of it; "charged" alone is no leading ("was charged with murder").
_IN_CHARGE = re.compile(r"\bin charge\b", re.IGNORECASE)


def spans_about(
    index: PassageIndex, hits: list[Hit], spans: list[tuple], question: Question, matcher: TermMatcher
) -> list[tuple]:
    """The spans (each its hit's place, its sentence, the span) whose sentence speaks of what is asked, those
    in the question's words if any (with those of the best passage's sentence closest of all to the question in
    meaning), else those in other words; a date of the statement asked about always."""
    about = [found for found in spans if _answers(index, hits, found, question, matcher, _speaks_of)]
    if not about:
        return [found for found in spans if _answers(index, hits, found, question, matcher, _paraphrases)]
    # the best passage's sentence that is the closest of the whole source to the question speaks of it too, in
    # whatever words: "This likely would have happened about 4.5 billion years ago" before a later
    # passage's caption "As it collided with Earth ..." for "When would the crash have taken place?"
    closest = [found for found in spans if found[0] == 0 and found not in about
               and _answers(index, hits, found, question, matcher, _closest)]
    return [found for found in spans if found in about or found in closest]


def unfilled_first(index: PassageIndex, spans: list[tuple], chosen: tuple, question: Question):
    """(its hit's place, its sentence) of the first span whose sentence says the verb a who-question asks of but
    that does not fill the asked part of it, and that would have been stated before the `chosen` one (it stands
    before it, or it is of the label the question prefers and the chosen one is not): the sentence tells who did
    it in other words ("people shot and killed by police, according to a Washington Post database"; "Hillary
    Clinton's public option, which would allow individuals ages 55 to 65 to buy into Medicare"), so it is quoted
    instead of a name found later; None when there is none. (A question left unanswered stays so.)"""
    before = spans[: spans.index(chosen)] if chosen in spans else spans
    # a name a noun tells is the doer outranks any other whatever its label ("the moderator ..., Lester Holt")
    outranks = chosen[2].entity.label not in question.preferred and not is_agent(index, chosen[2].entity, question)
    for found in spans:
        if found == chosen or not (found in before or (outranks and found[2].entity.label in question.preferred)):
            continue
        if asked_part_filled(index, found[2].entity, question) is False and not gives_the_asked_part(
            index.parsed, found[2].entity.start, found[2].entity.end, asked_verb(question.text), question.words
        ):  # "A ... militant leader ... has been killed": no more than "Who is the militant leader ...?" says
            return found[0], found[1]
    return None


def _answers(index: PassageIndex, hits: list[Hit], found: tuple, question: Question, matcher: TermMatcher,
             speaks) -> bool:
    """Whether a span (`found`: its hit, sentence and span) answers: its sentence speaks of what is asked (by
    `speaks`) and the span belongs to it, or it dates the statement asked about."""
    n, i, span = found
    if not speaks_of_attribute(question, index.sentences[i].text, matcher):
        return dates_a_statement(index, span, question)  # of the law, but not of its coming into force
    speaking = speaks(index, hits[n], i, question, matcher, span) or _told_doer(index, span, question)
    speaking = speaking and not belongs_elsewhere(index, span, question, matcher)
    speaking = speaking and asked_part_filled(index, span.entity, question) is not False  # "Who shot Scott?"
    return speaking or dates_a_statement(index, span, question)


def _told_doer(index: PassageIndex, span, question: Question) -> bool:
    """Whether a noun of the span's sentence tells it is the doer asked for ("the report from the Center for
    Immigration Studies" for "Who put the report out?"): that sentence speaks of it, in whatever other words."""
    return question.form == "who" and index.parsed is not None and names_the_doer(
        index.parsed, span.entity.start, span.entity.end, question.text)


def _speaks_of(index: PassageIndex, hit: Hit, i: int, question: Question, matcher: TermMatcher, span) -> bool:
    """Whether sentence `i` (of `hit`) speaks of what the question asks, so a span in it answers: it is very
    close in meaning, says the action a who-question asks about, or holds half of its key words (named_again)."""
    return (
        (hit.semantic >= STATE_SEMANTIC and i == hit.anchor)
        or _about_what_is_asked(index, replace(hit, anchor=i), question)
        or speaks_of_here(index, hit.passage.sentences, i, question, matcher)
    )


def _closest(index: PassageIndex, hit: Hit, i: int, question: Question, matcher: TermMatcher, span) -> bool:
    return closest_of_all(i, matcher)  # the source's sentence nearest the question in meaning


def _paraphrases(index: PassageIndex, hit: Hit, i: int, question: Question, matcher: TermMatcher, span) -> bool:
    return paraphrases(index, i, span, question, matcher)  # says it in other words


def _about_what_is_asked(index: PassageIndex, hit: Hit, question: Question) -> bool:
    """Whether a span's sentence is surely about what the question asks, so the span may be stated as the
    answer: it is very close in meaning, says the action a who-question asks about, or holds half of the
    question's other words (names aside). Otherwise
    "Who designed the bridge?" would be answered with whoever the closest sentence names ("The council
    voted..."): the sentence is quoted instead, for the reader to judge."""
    if hit.semantic >= STATE_SEMANTIC:
        return True
    sentence = content_stems(index.sentences[hit.anchor].text)
    if says_leading(sentence):  # "Kimball, executive director of the ..." says who heads it; "who helmed" who led
        sentence |= LEADING_STEMS | ({"charg"} if _IN_CHARGE.search(question.text) else set())  # who is in charge
    if question.action:  # "who designed ...?": the sentence must say that action, not another one
        return question.action in sentence
    asked = question.words - {w for name in question.names for w in content_stems(name)}
    return bool(asked) and len(asked & sentence) / len(asked) >= STATE_SHARE

