"""Yes-no answers: "No" only when a passage negates what the question asks, "Yes" only when it states it.

Negation-aware and literal: a sentence of the best passages must hold most of the question's words (beyond
its names), and a "not", "never" or "refused" in it (one the question does not have itself) makes the answer
"No"; so does an adjective that is the question's without its negative prefix ("it is all legal" answers "Is
any of this illegal?"). A sentence that holds half of them without deciding is quoted; passages that hold less
leave the question not clearly answered.
"""

from __future__ import annotations

import re

from bot.analysis.key_terms import TermMatcher
from bot.analysis.lexicon import NEGATIONS, WORD, content_stems, content_words, fold, speech_verb_lemma, stem, stems
from bot.analysis.negation_scope import holds, negated_spans
from bot.analysis.nlp import parse_question
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, PassageIndex
from bot.analysis.yes_no_predicate import framing_stems, holds_predicate, predicate_names, predicate_words

# Verbs that deny what follows them: "has refused to apologize" answers "Has Dean said sorry?" with no.
DENIALS = frozenset({"refuse", "refused", "refuses", "declined", "declines", "denied", "denies", "deny", "rejected",
                     "rejects", "failed", "fails"})
# Words that put what follows in the future or in someone's wishes: "Obama promised to use the word" says
# nothing of whether he used it, so it is no "Yes" (it may still be quoted as the closest passage).
_INTENT = re.compile(r"\b(promis|pledg|vow|plan|want|hop|intend|threaten|seek|aim)\w*\s+to\b", re.I)
# Breaking a promise to do something says it was not done: "Obama has broken his promise to use the word
# genocide" answers "Has Obama used the word genocide as president?" with no (what follows is what was promised).
_BROKEN_PROMISE = re.compile(
    r"\b(?:broke|broken|breaks|breaking|reneged on|went back on|gone back on)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:promise|pledge|vow|commitment)s?\s+to\b(.*)", re.I | re.S)
# The dependencies of a clause's subject: a negation about someone else's doing, the question's named subject
# only its object ("the president declined to threaten Moscow" for "Has Moscow replied to Schiff?"), denies
# nothing the question asks of them.
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# A question about what will or must happen ("Do the pupils have to resit the tests?", "Will they need to sit them
# again?") is not come close to by a sentence that only tells what happened ("some pupils taking a test had
# changed answers"): the closest sentence quoted must speak ahead too (a modal verb, "going to", "plans to").
_ASKS_AHEAD = re.compile(r"\b(?:will|won't|going to|gonna|have to|has to|needs? to|must)\b|'ll\b", re.I)
_SPEAKS_AHEAD = re.compile(r"\b(?:going to|gonna|have to|has to|needs? to|plan\w* to|expect\w* to|whether)\b", re.I)
# A sentence that is itself a question ("Do I think it was cocaine? Probably not.") asks what it holds: no "Yes".
_ASKS = re.compile(r"\?[\s\"'”’)]*$")
# What someone claims or accuses another of the source does not state: "Trump accused Holt of being a Democrat,
# though records show he has been a registered Republican" is no "Yes" to "Is he a Democrat?" (it is quoted).
_CLAIMED = re.compile(r"\b(?:accus|claim|alleg|insist)\w*", re.I)
# The share of the question's content words (names aside) a sentence must hold for a plain "Yes"...
YES_SHARE = 0.67
# ...for a "No" (the negation must be about the question), and to be quoted as the closest passage.
NO_SHARE = 0.5
# The key words a negation's clause must hold by meaning, at least, to deny what is asked (one alone of two is
# a topic: "not defending himself" against "Was the attacker charged?"); a question with one key word asks that
# one ("refused to apologize" against "Has Dean said sorry?").
MEANT = 2
# A sentence of the best passages sharing too few of the question's words is still quoted as the closest when it
# is the source's nearest to the question in meaning, at least MEANING_FLOOR near and MEANING_LEAD nearer than
# any other sentence, and at least NAMELESS_MEANING_FLOOR near once names are out of both
# (benchmarks/questions-paraphrase-probe.jsonl: "Both of the TSA officers investigated have been fired" 0.56, lead
# 0.13, 0.61 without names, for "Were the two officers dismissed?"; "And, yes, it is all legal." 0.52, 0.35, 0.49
# for "is this against the law?". Refused rightly: "Has anyone been arrested over the explosion?" 0.58, lead 0.00;
# "Has anybody been detained over the blast?" 0.50, lead 0.01; "Has Pama pleaded yet?" 0.54, 0.18 without names.)
MEANING_FLOOR = 0.5
MEANING_LEAD = 0.1
NAMELESS_MEANING_FLOOR = 0.45
# The best passages read for a decision.
PASSAGES_READ = 2
# Prefixes that make an adjective its opposite ("illegal", "unclear", "inactive", "impossible", "irregular"),
# and the fewest letters the rest must have to be a word of its own ("able" of "unable").
NEGATIVE_PREFIXES = ("un", "in", "il", "im", "ir")
MIN_REST = 4


def yes_no_sentence(
    index: PassageIndex, hits: list[Hit], question: Question, matcher: TermMatcher | None = None
) -> tuple[str, int] | None:
    """("No" | "Yes" | "", sentence) for the sentence of the best passages that decides the question (or, "",
    the one that comes closest to it), or None when none holds enough of the question's words."""
    named = {w for name in question.names for w in content_stems(name)} - predicate_names(question)
    asked = question.words - named - framing_stems(question)
    if not asked:
        return None
    closest = None
    words = _unverbed(question)
    predicate = predicate_words(question)
    for hit in hits[:PASSAGES_READ]:
        for i in [hit.anchor, *(j for j in hit.passage.sentences if j != hit.anchor)]:
            verdict = _verdict(index, i, (asked, words, predicate), question, matcher)
            if verdict:
                return verdict, i
            if closest is None and verdict is not None and _comes_close(index, i, question):
                closest = ("", i)
    return closest if closest is not None else _closest_in_meaning(index, hits, question, matcher)


def _comes_close(index: PassageIndex, i: int, question: Question) -> bool:
    """Whether sentence `i` may be quoted as the closest to the question without deciding it: one that asks
    what will or must happen needs a sentence that speaks ahead too (a modal verb: "will", "could", "must"), not
    one that only tells what happened."""
    if not _ASKS_AHEAD.search(question.text):
        return True
    sentence = index.sentences[i].text
    return bool(_SPEAKS_AHEAD.search(sentence)) or any(t.tag_ == "MD" for t in index.parsed_sentence(i))


def _verdict(
    index: PassageIndex, i: int, asked_words: tuple, question: Question, matcher: TermMatcher | None
) -> str | None:
    """What sentence `i` says of the question: "No", "Yes", "" (it comes close without deciding) or None (it
    holds too few of the question's words, or none of its predicate: `yes_no_predicate`). `asked_words`: the
    question's stems beyond its names, its words that are no verb, and its predicate's words."""
    asked, words, predicate = asked_words
    sentence = index.sentences[i].text
    opposite = _opposites(index, i, words)
    share = _share(asked, content_stems(sentence) | opposite)
    negated = _negated(sentence) != _negated(question.text)
    if opposite and not negated and share >= NO_SHARE:
        return "No"
    if negated and _denies(index, i, asked, question, share, matcher):
        return "No"
    if not _negated(question.text) and _share(asked, _promised_but_broken(sentence)) >= NO_SHARE:
        return "No"
    intent_only = bool(_INTENT.search(sentence)) and not _INTENT.search(question.text)
    intent_only = intent_only or bool(_ASKS.search(sentence))  # "Do I think it was cocaine?" states nothing
    intent_only = intent_only or (bool(_CLAIMED.search(sentence)) and not asks_words(question))
    said = holds_predicate(predicate, sentence, matcher)  # "the officer who shot him" says nothing of "charged"
    if not negated and share >= YES_SHARE and not intent_only and said:
        return "Yes"
    return "" if (share >= NO_SHARE and said) or (negated and _negates_the_parties(index, i, question)) else None


# "Was there a break-in?", "Is there an exception ...?": whether something exists or happened.
_THERE = re.compile(r"^(?:and |so |but )?(?:is|was|were|are|has been|have been|had been) there\b", re.I)


def _negates_the_parties(index: PassageIndex, i: int, question: Question) -> bool:
    """Whether a negated clause of sentence `i` speaks of what the question asks in other words: it holds every
    name the question gives (two at least), the first as its subject ("the IMF did not single out Trump's
    proposals" for "Did the IMF criticise Trump by name?"), or it says there was none of something where the
    question asks whether there was ("there were no signs of forced entry" for "Was there a break-in?"). It is
    quoted as the closest, deciding nothing."""
    first = set(question.names[0].split()) if len(question.names) >= 2 else set()
    there = bool(_THERE.search(question.text.strip()))
    for tokens in negated_spans(index.parsed_sentence(i)):
        if there and any(t.dep_ == "expl" and t.lower_ == "there" for t in tokens):
            return True
        held = {t.text for t in tokens}
        within = {t.i for t in tokens}
        named = first and all(set(name.split()) <= held for name in question.names)
        if named and any(t.text in first and _in_a_subject(t, within) for t in tokens):
            return True
    return False


def _promised_but_broken(sentence: str) -> set[str]:
    """The stems of what a sentence says someone broke a promise to do ("has broken his promise to use the word
    genocide": use, word, genocide); none when it says no promise was broken."""
    found = _BROKEN_PROMISE.search(sentence)
    return content_stems(found.group(1)) if found else set()


def _closest_in_meaning(
    index: PassageIndex, hits: list[Hit], question: Question, matcher: TermMatcher | None
) -> tuple[str, int] | None:
    """("", sentence) for the sentence of the best passages that says what is asked in other words: the closest
    of the whole source to the question in meaning, clearly ahead of the next closest, and still close once
    names and numbers are out of both ("Both of the TSA officers investigated have been fired" for "Were the two
    officers dismissed?"), and that comes close (`_comes_close`); it is quoted, deciding nothing. When several
    sentences are about as close, the source speaks around the question without one that answers it. None when
    there is none, or no closeness was measured."""
    closeness = matcher.closeness if matcher is not None else None
    if closeness is None or closeness.semantic is None:
        return None
    for hit in hits[:PASSAGES_READ]:
        for i in hit.passage.sentences:
            near = float(closeness.semantic[i]) >= MEANING_FLOOR and closeness.lead(i) >= MEANING_LEAD
            if near and closeness.nameless.get(i, 0.0) >= NAMELESS_MEANING_FLOOR and _comes_close(index, i, question):
                return "", i
    return None


def asks_words(question: Question) -> bool:
    """Whether a yes-no question asks what someone said or thinks: a verb of it takes a clause ("Did Okafor say
    the bridge was too expensive?", "Does he think it was cocaine?"), or a verb of saying an object ("Did she
    describe the plan as reckless?"). "Has Dean said sorry?" asks whether he apologized."""
    return any(
        t.dep_ == "ccomp" or (t.dep_ == "dobj" and speech_verb_lemma(t.head.text))
        for t in parse_question(question.text)
    )


def _unverbed(question: Question) -> set[str]:
    """The question's content words that are no verb: those whose opposite a sentence may say."""
    verbs = {t.lower_ for t in parse_question(question.text) if t.pos_ == "VERB"}
    return {w for w in content_words(question.text) if w.isalpha()} - verbs


def _opposites(index: PassageIndex, i: int, words: set[str]) -> set[str]:
    """The stems of `words` (a question's) that sentence `i` says the opposite of: an adjective the sentence
    says of something ("it is all legal"; not one that only names a thing: "armed police" says nothing of
    "Was he unarmed?") is one of them without a negative prefix, or one of them with it."""
    said_of = [t for t in index.parsed_sentence(i) if t.pos_ == "ADJ" and t.dep_ != "amod"]
    adjectives = {t.lower_ for t in said_of} - words
    found = set()
    for word in words:
        for prefix in NEGATIVE_PREFIXES:
            rest = word.removeprefix(prefix)
            if (rest != word and len(rest) >= MIN_REST and rest in adjectives) or prefix + word in adjectives:
                found.add(stem(word))
    return found


def _share(asked: set[str], words: set[str]) -> float:
    return sum(holds(words, w) for w in asked) / len(asked)


def _denies(
    index: PassageIndex, i: int, asked: set[str], question: Question, share: float, matcher: TermMatcher | None
) -> bool:
    """Whether sentence `i`, negated where the question is not, denies what is asked: one of its negations'
    clauses holds NO_SHARE of the question's words ("Husted was not violating any laws ... Court of Appeals"
    denies nothing of "Has Husted filed an appeal?") by stem, or NO_SHARE and at least MEANT of its key words
    (its one, when it has one) by meaning with the matcher's word vectors ("size" for "bigger", "whole" for
    "entire", "apologize" for "sorry"). A negated question is read on the whole sentence."""
    if _negated(question.text):
        return share >= NO_SHARE
    subject = _named_subject(question)
    for tokens in negated_spans(index.parsed_sentence(i)):
        if subject and _done_to(tokens, subject):
            continue
        clause = content_words(" ".join(t.text for t in tokens))
        if _share(asked, set(stems(clause))) >= NO_SHARE:
            return True
        held = matcher.held(question, clause) if matcher is not None else 0
        if held >= min(MEANT, len(question.key_words)) and held >= NO_SHARE * len(question.key_words):
            return True
    return False



def _named_subject(question: Question) -> set[str]:
    """The words of the name that is the question's subject, one that acts ("Moscow" of "Has Moscow replied to
    Schiff?"); none when its subject is no name, or is acted on ("Was Smith charged?" is denied by "police have
    not charged Smith")."""
    for token in parse_question(question.text):
        if token.dep_ == "nsubj":
            for name in question.names:
                if token.text in name.split():
                    return set(name.split())
    return set()


def _done_to(tokens: list, subject: set[str]) -> bool:
    """Whether a negated clause (its tokens) writes the question's named subject only outside its subjects: the
    clause denies what someone else did to them ("the president declined to threaten Moscow")."""
    within = {t.i for t in tokens}
    mentions = [t for t in tokens if t.text in subject]
    return bool(mentions) and not any(_in_a_subject(t, within) for t in mentions)


def _in_a_subject(token, within: set[int]) -> bool:
    """Whether a token is (in) the subject of a verb of the clause whose tokens are `within`, or the noun a
    relative clause of it describes ("Pama, who has no history of violence")."""
    for t in [token, *token.ancestors]:
        if t.dep_ in _SUBJECTS or any(c.dep_ == "relcl" for c in t.children):
            return True
        if t.i not in within:
            return False
    return False


# "not only ... (but) also" adds, it denies nothing.
_NOT_ONLY = re.compile(r"\bnot only\b", re.I)


def _negated(text: str) -> bool:
    text = _NOT_ONLY.sub(" ", text)
    words = WORD.findall(fold(text))
    return any(w in NEGATIONS or w.endswith("n't") or w in DENIALS for w in words) or bool(
        re.search(r"\bno (longer|one)\b", text, re.I)
    )
