"""Reported speech: the words a cue reports without quoting them, and what a cue attributes in all.

A cue's reported words are what follows its colon (see `colon`), else its that-clause ("argued that the
talks would fail"), else the clause it interrupts ("North Korea, they argue, should be ...") or the one the
parser hung it below ("Merrill says Machado promised ..."). A cue attributes its quotes (see `direct`) and
its reported words; with neither, a verb that needs nothing ("Graham agreed") or has an object ("dismissed
the plan as ...", "took a similar position") states a stance, with its own clause as the content.
"""

from __future__ import annotations

from bot.analysis.attribution.colon import after_colon
from bot.analysis.attribution.context import Context, SentenceRow
from bot.analysis.attribution.cues import Cue
from bot.analysis.attribution.spans import char_span, clause, clause_start
from bot.analysis.lexicon import SPOKEN_WORK_NOUNS, speech_lexicon
from bot.analysis.quotes import Quote
from bot.models import Span

_FULL_STOPS = (".", "!", "?")
# Adverbs that open a subordinate clause, left out of a stance's own clause ("When Trump said ...").
_CLAUSE_OPENERS = frozenset({"when", "whenever", "while", "once", "then"})
_OBJECT_PREPOSITIONS = ("for", "on", "about", "against", "of")  # "called for repeal", "spoke against it"


def reported_content(ctx: Context, cue: Cue, sentence: SentenceRow) -> Span | None:
    """The that-clause, the clause the cue interrupts, or what follows the colon."""
    verb = cue.verb
    if cue.colon is not None:
        return after_colon(ctx, cue.colon, sentence)
    if cue.stance:
        return None
    # a clause after the verb first: in "Writing for a panel that agreed Pence won, Barabak noted that ..."
    # the parser may hang the opening phrase on the verb as a clause too
    for child in sorted(verb.children, key=lambda c: c.i < verb.i):
        edge = child.left_edge
        if child.dep_ not in ("ccomp", "parataxis") or ctx.quoted[edge.i] or edge.is_quote:
            continue  # a quote is direct speech, not a reported clause
        if child.i < verb.i and child.lemma_.lower() in speech_lexicon():
            continue  # "Merrill says Machado promised": the parenthetical cue is no content
        if child.dep_ == "ccomp" and child.i > verb.i and _subjectless_verb(child):
            continue  # "Everything Trump says is a lie": what he says is the subject, not "is a lie"
        if child.dep_ == "ccomp" and child.i > verb.i and _inverted(verb, child):
            continue  # "“No,” said Stancil, who stood ... shackled": the parser took the speaker for a clause
        if any(t.lower_ in ("what", "whatever") and t.i < verb.i for t in (*child.subtree, *verb.children)):
            continue  # "the gap between what Trump says his plan would do and ...": the words are not given
        return clause(ctx.doc, child)
    return _work_clause(ctx, verb) or _interrupted(ctx, verb)


def _work_clause(ctx: Context, verb) -> Span | None:
    """The that-clause the parser hung on the statement, letter or interview a cue names ("he insisted in a
    statement that he did not ask the pupils to change their answers, but to make them more legible"), with a
    bare "to ..." it joined to the cue instead: what the cue says was said, as a that-clause of its own is."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in SPOKEN_WORK_NOUNS):
            for that in (c for c in noun.children if c.dep_ == "acl" and not ctx.quoted[c.i]):
                if not any(m.dep_ == "mark" and m.lower_ == "that" for m in that.children):
                    continue
                end = max([that.right_edge.i, *(c.right_edge.i for c in verb.children if _bare_infinitive(c, that))])
                return char_span(ctx.doc, clause_start(ctx.doc, that), end + 1)
    return None


def _bare_infinitive(conjunct, clause_head) -> bool:
    """A subjectless "to ..." joined to the cue after its clause: the "but to make them more legible" of "...
    that he did not ask them to change their answers, but to make them more legible"."""
    return conjunct.dep_ == "conj" and conjunct.i > clause_head.right_edge.i and conjunct.tag_ == "VB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in conjunct.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children)


def _inverted(verb, clause_head) -> bool:
    """A cue after its quote with no subject of its own, whose clause after it has the words right after the
    verb for its subject ("“No, I don't need one,” said Stancil, who stood ... shackled."): that subject is
    the inverted speaker, the clause their description, not their words."""
    before = verb.doc[verb.sent.start : verb.i]
    if verb.dep_ != "ROOT" or not any(t.is_quote for t in before) or any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                       for c in verb.children):
        return False  # "..., adding he would never vote for Clinton" / "and said she has ...": words of theirs
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" and c.left_edge.i == verb.i + 1
               for c in clause_head.children)


def _subjectless_verb(clause_head) -> bool:
    """A verb with neither subject nor "that": no clause of its own ("Everything Trump says is a lie")."""
    return clause_head.pos_ in ("VERB", "AUX") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "mark") for c in clause_head.children)


def cue_pieces(ctx: Context, cue: Cue, quotes: tuple[Quote, ...], content: Span | None) -> list[tuple[str, Span]]:
    """(kind, span) of everything a cue attributes: its quotes' parts and its reported words, else its stance."""
    pieces = [("direct", part) for quote in quotes for part in quote.parts]
    if content is not None and (cue.needs != "quote" or cue.colon is not None):
        pieces.append(("reported", content))
    if pieces:
        return pieces
    if cue.needs == "nothing" or (cue.needs == "object" and _has_object(cue.verb)):
        return [("stance", _own_clause(ctx, cue.verb))]
    return []


def _has_object(verb) -> bool:
    """Whether the verb says something about something: 'dismissed Estonia as ...', 'called for repeal'."""
    return any(
        c.i > verb.i and (c.dep_ in ("dobj", "xcomp", "oprd", "dative") or (c.dep_ == "prep" and c.lower_ in
                          _OBJECT_PREPOSITIONS))
        for c in verb.children
    )


def _own_clause(ctx: Context, verb) -> Span:
    """The verb's clause without the clauses joined to it: 'Drum has vowed to reopen the mines' of
    '..., while Moll wants new jobs'."""
    end = verb.i
    for child in verb.children:
        own = child.dep_ not in ("conj", "cc", "parataxis", "punct") and not (
            child.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in child.children)
        )
        if child.i > verb.i and own:
            end = max(end, child.right_edge.i)
    if end + 1 < verb.sent.end and ctx.doc[end + 1].text in _FULL_STOPS:
        end += 1  # a whole sentence keeps its full stop
    return char_span(ctx.doc, _clause_start(verb), end + 1)


def _clause_start(verb) -> int:
    """Where a stance's own clause starts: at its subject, after what opens it ("Although Trump has admitted
    ..." states "Trump has admitted ...", "If, as I've suggested, ..., he has proposed nothing" "he has ...")."""
    start = verb.left_edge.i
    for child in sorted((c for c in verb.children if c.i < verb.i), key=lambda c: c.i):
        opener = child.dep_ in ("mark", "punct", "advcl", "prep", "npadvmod") or (
            child.dep_ == "advmod" and child.lower_ in _CLAUSE_OPENERS)
        if not opener or child.left_edge.i != start:
            break
        start = child.right_edge.i + 1
        while start < verb.i and verb.doc[start].is_punct:
            start += 1
    return start


def _interrupted(ctx: Context, verb) -> Span | None:
    """The clause around a parenthetical cue: 'North Korea, they argue, should be ...' or a cue
    the parser hung below its own content ('Merrill says Machado promised ...'); None for any other cue."""
    if not (verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.head.i > verb.i)):
        return None
    head = verb.head
    before = char_span(ctx.doc, head.left_edge.i, verb.left_edge.i)
    after = char_span(ctx.doc, verb.right_edge.i + 1, head.right_edge.i + 1)
    if before.end <= before.start:
        return after
    if after.end <= after.start:
        return before
    return char_span(ctx.doc, head.left_edge.i, head.right_edge.i + 1)
