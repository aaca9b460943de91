"""When and where someone spoke: the date, place or occasion of the verb that reports their words.

"When did Stofan make her prediction?", "Where was Bill Clinton speaking?" ask about a statement, not about what
it says: the answer hangs on the verb of saying ("Stofan said Tuesday during a panel discussion on water";
"criticized the Affordable Care Act ... during a campaign stop in Flint, Mich."), never inside the quoted words
("life beyond Earth"). A where-question about a statement may be answered by the occasion, which is often no
place name: "in an interview with CNN's Wolf Blitzer", "during a panel discussion", "at a CNN town hall".
"""

from __future__ import annotations

import re

from bot.analysis.lexicon import content_words, speech_lexicon, speech_verb_lemma, stem, stems
from bot.analysis.nlp import name_head, parse_question
from bot.analysis.question import Question
from bot.analysis.retrieval import Entity, PassageIndex

# Nouns for what someone said, and the verbs that report it beside those of the speech lexicon.
SPEECH_NOUNS = frozenset({"predict", "comment", "remark", "statement", "claim", "announc", "warn", "speech",
                          "forecast", "interview"})
REPORTING_VERBS = frozenset({"say", "tell", "write", "announce", "predict", "speak", "warn", "claim", "add"})
# The prepositions of an occasion on a verb of saying, and the longest occasion taken whole.
_OCCASION_PREPOSITIONS = frozenset({"at", "during", "in", "on"})
MAX_OCCASION_TOKENS = 9


# Nouns of an occasion or a venue, which a place of theirs places whatever happened at them ("was revealed at the
# Aircraft Interiors Expo in Hamburg", "meet for the first of three debates Monday at Hofstra University").
OCCASION_NOUNS = frozenset(stems(["expo", "exhibition", "show", "fair", "festival", "conference", "convention",
                                  "summit", "rally", "meeting", "debate", "ceremony", "event", "concert", "forum",
                                  "gathering", "premiere", "tournament", "championship", "congress", "launch"]))


def an_occasion(token) -> bool:
    """Whether a noun (a spaCy token) names an occasion or a venue ("Expo", "debates"), not a thing or a person."""
    return stem(token.lower_) in OCCASION_NOUNS


def asks_about_a_statement(question: Question) -> bool:
    """ "When did Stofan make her prediction?", "Where did Axelrod make these comments?", "Where was Bill Clinton
    speaking?": a speech noun, or a verb of the speech lexicon (bot/analysis/data/speech_verbs.txt)."""
    if question.expert is None or question.form not in ("when", "where"):
        return False
    if SPEECH_NOUNS & question.words or any(speech_verb_lemma(w) for w in content_words(question.text)):
        return True
    return any(_says_no_clause(t) for t in parse_question(question.text))


def _says_no_clause(token) -> bool:
    """ "When did Stofan say it?": a light verb of saying whose object is no clause (not "Where did Obama say
    the attack happened?", which asks where the attack was)."""
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
    return token.pos_ == "VERB" and token.lemma_ in REPORTING_VERBS and not clauses


def reports_speech(verb) -> bool:
    """Whether a verb (a spaCy token) reports words: "said", "told", "criticized", "tweeted"."""
    return verb.lemma_ in REPORTING_VERBS or speech_verb_lemma(verb.text) is not None


def says_words(verb) -> bool:
    """Whether a verb reports words as its lexicon entry asks (`reports_speech`, and a clause, a quote or a colon
    after a verb that counts only with them): "revealed that it would" says something, "The concept was
    revealed at the Expo last week" shows a thing."""
    if not reports_speech(verb):
        return False
    entries = speech_lexicon().get(speech_verb_lemma(verb.text) or verb.lemma_, [])
    if verb.lemma_ in REPORTING_VERBS or not entries or any(e.needs not in ("words", "quote") for e in entries):
        return True
    after = verb.doc[verb.i + 1 : verb.sent.end].text
    return any(c.dep_ in ("ccomp", "xcomp") for c in verb.children) or bool(re.match(r"\W*[:“\"‘']", after))


def addressed(parsed, entity: Entity) -> bool:
    """Whether a name is whom words were said to, the object of a verb of saying ("says told the Livingston County
    Circuit Court that the baby is doing well"): a listener, not where anything happened."""
    found = parsed.char_span(entity.start, entity.end, alignment_mode="expand") if parsed is not None else None
    token = name_head(found.root) if found is not None else None
    return token is not None and token.dep_ in ("dobj", "dative") and reports_speech(token.head)


def in_quoted_words(index: PassageIndex, entity: Entity) -> bool:
    """Whether an entity stands inside double quote marks opened in its sentence: it is what was said ("life
    beyond Earth"), not where or when it was said."""
    sentence = next((s for s in index.sentences if s.start <= entity.start < s.end), None)
    before = index.text[sentence.start : entity.start] if sentence is not None else ""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def occasions(index: PassageIndex, i: int) -> list[Entity]:
    """The occasions sentence `i` gives a verb of saying ("said ... during a panel discussion on water in the
    universe"): the object of an "at / during / in / on" phrase on that verb, as an EVENT; the whole phrase
    when short, else its noun phrase."""
    if index.parsed is None:
        return []
    sentence = index.sentences[i]
    found = []
    span = index.parsed.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for verb in span if span is not None else []:
        if verb.pos_ != "VERB" or not reports_speech(verb) or in_quoted_words(index, _entity(verb, verb)):
            continue
        for prep in verb.children:
            objects = [t for t in prep.children if t.dep_ == "pobj" and t.pos_ in ("NOUN", "PROPN") and
                       t.ent_type_ not in ("DATE", "TIME")]  # "said on Tuesday" is when, not where
            if prep.dep_ != "prep" or prep.lower_ not in _OCCASION_PREPOSITIONS or not objects:
                continue
            words = list(objects[0].subtree)
            if len(words) > MAX_OCCASION_TOKENS:
                chunk = next((c for c in index.parsed.noun_chunks if c.root.i == objects[0].i), None)
                words = list(chunk) if chunk is not None else [objects[0]]
            found.append(_entity(words[0], words[-1]))
    return found


def _entity(first, last) -> Entity:
    doc = first.doc
    start, end = first.idx, last.idx + len(last.text)
    return Entity("EVENT", start, end, doc.text[start:end])
