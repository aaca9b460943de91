"""Whether a speaker's words in a sentence answer a "what did X say about Y" question, or the sentence does.

"What did his predecessor say about the dumbing down claims?" of "Roger Wright dismissed as 'complete
nonsense' claims that the station was dumbing down and said there were distinct differences between the
stations": the attribution's words for Wright are the last clause, which says nothing of what is asked; the
sentence around them does. (Words that name or describe the speaker do not count: "his predecessor" is
Wright.) Their words are quoted as theirs only when they speak of the question's topic as
much as the rest of the sentence does; otherwise the sentence is quoted, for the source.
"""

from __future__ import annotations

from bot.analysis.lexicon import content_stems, stems
from bot.analysis.question import Question
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
