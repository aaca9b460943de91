"""Whether a speaker's words in a sentence answer a "what did X say about Y" question, or the sentence does.

"What did his predecessor say about the dumbing down claims?" of "Roger Wright dismissed as 'complete
nonsense' claims that the station was dumbing down and said there were distinct differences between the
stations": the attribution's words for Wright are the last clause, which says nothing of what is asked; the
sentence around them does. (Words that name or describe the speaker do not count: "his predecessor" is
Wright.) Their words are quoted as theirs only when they speak of the question's topic as
much as the rest of the sentence does; otherwise the sentence is quoted, for the source.

A passage that sets the scene of a question about what someone said ("and when they brought him back in?")
often holds none of their words: those follow it, a sentence or two on, and the passage runs on to them. One
that holds their words on something else runs on to the quote of theirs after it, past a sentence that tells
what it is about ("… Obama said." / "He didn't suggest retaliation." / "“Our goal is …”").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from bot.analysis.lexicon import DOUBLE_QUOTES, OPENING_QUOTES, content_stems, stems
from bot.analysis.question import Question
from bot.analysis.retrieval import Hit, Passage, PassageIndex
from bot.models import Expert


def beside_the_point(question: Question, expert: Expert, words: str, sentence: str) -> bool:
    """Whether an expert's `words` hold none of the question's key words (the ones that do not name or
    describe the expert: "the prime minister") while the rest of their `sentence` holds some."""
    speaker = set(content_stems(f"{expert.name} {expert.role or ''}"))
    asked = set(stems(list(question.key_words))) - speaker
    if not asked or words not in sentence:
        return False
    rest = sentence.replace(words, " ")
    return not asked & set(content_stems(words)) and bool(asked & set(content_stems(rest)))


# How many sentences after a passage the words of the person it tells of may stand.
WORDS_REACH = 2
# How many sentences after a passage in the speaker's voice their next quote may run to: the quote after the one
# the passage ends on often goes on in a sentence of its own ("“He's got a strong constitution,” Frank Jordan told
# CNN." / "“And he told me ... he was praying the whole time ...”"; benchmarks/questions.jsonl #15).
QUOTE_REACH = 3


def with_words_after(index: PassageIndex, hits: list[Hit], question: Question, spoken: Collection[int]) -> list[Hit]:
    """For "what did X say": a first passage that tells of the moment asked about but holds none of X's words
    (`spoken`: "The hearing resumed ..., when Stancil was brought back into the courtroom") run on to their
    words a sentence or two after it ("“Yes, sir,” he said."), its anchor there; else the hits as they are."""
    if question.form != "said" or not hits or not spoken:
        return hits
    if any(i in spoken for i in hits[0].passage.sentences):
        return [_with_quote_after(index, hits[0], spoken), *hits[1:]]
    hit, last = hits[0], hits[0].passage.sentences[-1]
    after = [j for j in range(last + 1, min(last + 1 + WORDS_REACH, len(index.sentences))) if j in spoken]
    if not after:
        return hits
    return [replace(hit, passage=_run_on(index, hit, after[0]), anchor=after[0]), *hits[1:]]


def _run_on(index: PassageIndex, hit: Hit, end: int) -> Passage:
    """The hit's passage run on to sentence `end`."""
    first, stop = index.sentences[hit.passage.sentences[0]], index.sentences[end].end
    return Passage(first.start, stop, index.text[first.start : stop], tuple(range(first.index, end + 1)))


def _with_quote_after(index: PassageIndex, hit: Hit, spoken: Collection[int]) -> Hit:
    """A passage in the speaker's voice run on to the quote of theirs that follows it: a sentence or two on in
    its paragraph, past one that tells what the quote is about ("He didn't suggest retaliation."), or the
    quote that opens the next paragraph (a sentence that reports them, "Flynn said Trump was right", is
    followed by their own words); the anchor stays, the citation shows the words."""
    last, end = hit.passage.sentences[-1], None
    for j in range(last + 1, min(last + 1 + QUOTE_REACH, len(index.sentences))):
        sentence = index.sentences[j]
        same = sentence.paragraph == index.sentences[j - 1].paragraph
        opens = j == last + 1 and sentence.text.startswith(OPENING_QUOTES)
        if j in spoken and (same or opens) and any(mark in sentence.text for mark in DOUBLE_QUOTES):
            end = j
        elif end is not None or not same:
            break
    return hit if end is None else replace(hit, passage=_run_on(index, hit, end))
