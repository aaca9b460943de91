"""Whether a name is the doer a who-question asks for, told by a noun rather than by the question's verb.

News often names who did a thing without the verb of the question: "Who is moderating the first debate?" is told
"the moderator of Monday night's first debate, Lester Holt of NBC News" (the verb's agent noun, the name set beside
it), "Who put the report out?" is told "the report from the Center for Immigration Studies" (the thing done, and
whom it comes from), "Which company designed the new crew bunks?" is told "A slick bunk bed design has been
unveiled by Zodiac Galleys Europe" (the thing done, and the "by" of the verb it undergoes). Such a name answers
whatever label the tagger gave it (it tags "Lester Holt" an organisation, "Zodiac Galleys Europe" a person).
"""

from __future__ import annotations

from functools import lru_cache

from bot.analysis.lexicon import content_stems, stem
from bot.analysis.nlp import parse
from bot.analysis.verb_roles import asked_part_filled

# The article itself, and who writes one: "Who wrote this piece?" asks its author.
_WRITING = frozenset({"write", "author", "pen"})
_PIECES = frozenset(stem(w) for w in ("piece", "article", "story", "column", "op-ed", "post", "essay", "editorial"))
_WRITERS = frozenset({"columnist", "writer", "reporter", "correspondent", "journalist", "editor", "contributor",
                      "author", "blogger", "critic"})  # fmt: skip
_WH = frozenset({"who", "which", "what"})
_EMPTY = frozenset({"be", "have", "do", "get", "say", "tell"})
# Words that put a name beside a noun: "the video maker, named Meo Madeley"; "its founder, called ...".
_NAMING = frozenset({"name", "call", "identify"})
# The prepositions that give whom a thing comes from: "the report from the Center", "a survey by Forsa".
_SOURCE = frozenset({"by", "from"})
# Verbs whose object is a work, made or put out by someone: a work's source ("the report from X", "X's survey",
# "research carried out by X") is who made it. Not so of a person's: "the man from the militia" did not kill him.
_MAKING = frozenset({
    "put", "release", "publish", "issue", "write", "produce", "make", "run", "conduct", "carry", "commission",
    "film", "shoot", "design", "create", "build", "draw", "compile", "organise", "organize", "launch", "post",
    "author", "prepare", "record", "develop", "invent", "paint", "compose", "direct", "unveil", "stage", "host",
})


@lru_cache(maxsize=256)
def asked_doing(text: str) -> tuple[str, frozenset[str]] | None:
    """(the verb's lemma, the stems of the words after it) of a question asking who does it ("Who put the report
    out?" -> ("put", {report, out}); "Which company designed the new crew bunks?" -> ("design", {new, crew,
    bunk})); None when the question asks no doer of a verb of its own ("Who is she?", "Who did police arrest?")."""
    doc = parse(text)
    wh = next((t for t in doc if t.lower_ in _WH), None)
    if wh is None:
        return None
    subject = wh if wh.dep_ == "nsubj" else wh.head if wh.dep_ == "det" and wh.head.dep_ == "nsubj" else None
    if subject is None or subject.head.pos_ != "VERB" or subject.head.lemma_.lower() in _EMPTY:
        return None
    verb = subject.head
    return verb.lemma_.lower(), frozenset(content_stems(doc[verb.i + 1 :].text))


def doer_noun(word: str, lemma: str) -> bool:
    """Whether a noun names the one who does the verb of this lemma ("moderator" of "moderate", "leader" of
    "lead", "designer", "writer", "directors")."""
    word = word.lower()
    word = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    base = lemma[:-1] if lemma.endswith("e") else lemma
    return len(lemma) > 2 and word in {lemma + "r", lemma + "er", lemma + "or", base + "er", base + "or"}


def names_the_doer(parsed, start: int, end: int, question_text: str) -> bool:
    """Whether the name at these offsets is the doer of what the question asks, told by a noun: set beside the
    verb's agent noun, or the source ("by", "from", "'s") of the thing the question says was done."""
    asked = asked_doing(question_text)
    span = parsed.char_span(start, end, alignment_mode="expand") if asked is not None else None
    if span is None:
        return False
    lemma, words = asked
    return _beside_doer_noun(span, lemma, words) or _source_of_thing(span, lemma, words) or _author(span, lemma, words)


def _the_doer(token, lemma: str, words: frozenset[str]) -> bool:
    """Whether a token is the verb's agent noun, and not qualified into another role: "the assistant leader of the
    Democratic caucus" does not lead "the Congressional Black Caucus" (a word before the noun must be the
    question's own: "the debate moderator")."""
    qualifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i]
    return doer_noun(token.lower_, lemma) and all(stem(c.lower_) in words for c in qualifiers)


def _author(span, lemma: str, words: frozenset[str]) -> bool:
    """ "Who wrote this piece?" is told by the article's byline ("By AWR Hawkins") or its note on the author ("AWR
    Hawkins is the Second Amendment columnist for Breitbart News"): a name the sentence makes one who writes."""
    if lemma not in _WRITING or not words & _PIECES:
        return False
    root = span.root
    if span.start > 0 and span.doc[span.start - 1].lower_ == "by" and span.start - 1 == span.sent.start:
        return True  # a byline
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return False
    return any(c.dep_ == "attr" and c.lower_ in _WRITERS for c in root.head.children)


def _beside_doer_noun(span, lemma: str, words: frozenset[str]) -> bool:
    """ "the moderator of Monday night's first debate, Lester Holt" / "Lester Holt, the moderator" / "the video
    maker, named Meo Madeley": by the parse, or by the comma when the parser hangs the name elsewhere."""
    root = span.root
    if root.dep_ == "appos" and _the_doer(root.head, lemma, words):
        return True
    if any(c.dep_ == "appos" and _the_doer(c, lemma, words) for c in root.children):
        return True
    if root.dep_ in ("oprd", "attr", "dobj") and root.head.lemma_.lower() in _NAMING:
        named = root.head
        if named.dep_ == "acl" and _the_doer(named.head, lemma, words):
            return True
    first, own = span.start, {t.i for t in root.subtree}
    while first > 0 and first - 1 in own and span.doc[first - 1].text != ",":
        first -= 1  # "21-year-old" of "leader, 21-year-old Jordan Spieth"
    if first < 2 or span.doc[first - 1].text != ",":
        return False
    before = span.doc[first - 2]
    return any(_the_doer(t, lemma, words) and t.pos_ == "NOUN" and t.right_edge.i == before.i
               for t in [before, *before.ancestors])  # fmt: skip


def _source_of_thing(span, lemma: str, words: frozenset[str]) -> bool:
    """ "the report from the Center for Immigration Studies", "the CIS's report" for "Who put the report out?";
    "A slick bunk bed design has been unveiled by Zodiac" for "Which company designed the new crew bunks?": the
    noun the name is the source of, or the subject of the verb whose "by" it is, says the thing asked or the
    asked verb (by stem)."""
    making = lemma in _MAKING
    root = span.root
    while root.dep_ in ("compound", "flat") and root.head.i != root.i:
        root = root.head
    if root.dep_ == "poss" and root.head.pos_ == "NOUN":
        return making and stem(root.head.lower_) in words  # "the CIS's report"
    if root.dep_ != "pobj" or root.head.lower_ not in _SOURCE:
        return False
    head = root.head.head
    if head.pos_ == "NOUN":
        return making and stem(head.lower_) in words  # "the report from the Center"
    if head.pos_ != "VERB" or root.head.lower_ != "by":
        return False
    things = [head.head] if head.dep_ == "acl" else [c for c in head.children if c.dep_ == "nsubjpass"]
    said = {stem(t.lower_) for thing in things for t in thing.subtree if t.pos_ in ("NOUN", "PROPN")}
    # the deed itself named ("a bunk bed design ... unveiled by"), or a work made by them ("a survey run by")
    return stem(lemma) in said or (making and head.lemma_.lower() in _MAKING and bool(said & words))


def doer_further(index, hits: list, question, searched: int, answer_spans, is_agent) -> list[tuple]:
    """ "Who put the report out?" answered by "the report from the Center for Immigration Studies" in any passage
    (a noun tells the doer), unless a name of the `searched` first ones does it itself ((n, i, span) of the first
    found; `answer_spans` and `is_agent` are bot.analysis.answer_spans', which uses this module)."""
    found = [(n, i, span) for n, hit in enumerate(hits) for i in [hit.anchor, *(i for i in hit.passage.sentences
             if i != hit.anchor)] for span in answer_spans(index, i, question)] if question.form == "who" else []
    if any(n < searched and asked_part_filled(index, span.entity, question) for n, _, span in found):
        return []
    return [f for f in found if is_agent(index, f[2].entity, question)][:1]
