"""Choosing the sentences a briefing is written from: position, centrality, title, entities, argument.

News puts what matters first, so position weighs most; centrality (TF-IDF similarity to the whole text) and
overlap with the headline pull in the sentences the article keeps returning to; sentences with names and
numbers carry facts. An opinion piece is recognised by its argumentative language, and then the sentences that
state its thesis are preferred and the briefing says what the author argues.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from bot.analysis.furniture import (
    addressed_to_reader,
    describes_sponsor,
    ends_matter,
    furniture_reason,
    headline_parts,
    sponsors,
)
from bot.analysis.lexicon import QUOTE_MARK, QUOTED_SPAN, REPORTING, content_words, stem
from bot.analysis.nlp import Sentence

_OBLIGATION = re.compile(r"\b(should|must|ought to|need to|needs to|has to|have to|cannot afford)\b", re.I)
_ARGUMENT = re.compile(
    r"\b(in fact|that is why|this is why|the truth is|make no mistake|clearly|of course|i believe|i think|"
    r"we must|we should|we need|it is time|the answer is|the problem is|instead)\b",
    re.I,
)
_THESIS_MODAL = re.compile(r"\b(should|ought to|must(?! (be|have)\b))\b", re.I)
_OTHERS_VIEW = re.compile(
    r"\b(they|some|critics|observers|others|many|proponents|supporters)\b[^.]{0,40}\b(argue|say|claim|suggest|"
    r"believe|contend|insist)",
    re.I,
)
_DISCOURSE_OPENERS = re.compile(
    r"^(in fact|that is why|this is why|that's why|and yet|but|and|so|yet|still|however|indeed|meanwhile|moreover|"
    r"also|similarly|instead|"
    r"in addition|at the same time|that said|of course)\s*,?\s+",
    re.I,
)
_SALUTATION = re.compile(r"^DEAR\s+[A-Z][A-Z .'’-]*:\s*")
_SECOND_PERSON = re.compile(r"\byou(r|rs|rself)?\b", re.I)
_JUNK = re.compile(r"^(scroll down|click here|read more|follow @|pictured|photo:|video:)", re.I)


LEAD = 3
LONG_SENTENCE_WORDS = 30
LONG_SENTENCE_PENALTY = 0.02
MIN_THESIS_TITLE_SIMILARITY = 0.15


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    score: float


def _without_quotes(text: str) -> str:
    return QUOTED_SPAN.sub(" ", text)


def is_authors_claim(text: str) -> bool:
    """A sentence in the author's own voice that says what should happen: no quotation, no reported speech."""
    return (
        _THESIS_MODAL.search(text) is not None
        and not QUOTE_MARK.search(text)
        and not REPORTING.search(text)
        and not _OTHERS_VIEW.search(text)
    )


def is_opinion_piece(sentences: list[Sentence]) -> bool:
    """True when the author argues a case.

    News reports attribute (said, told, according to); an opinion piece argues in its own voice. So: little
    reported speech, at least two argumentative sentences outside quotations, and a sentence in which the
    author says what should happen (the thesis: early, or after a story the piece opens with, when it argues
    in three sentences or more).
    """
    n = len(sentences)
    if n < 4:
        return False
    reporting = sum(bool(REPORTING.search(s.text)) for s in sentences) / n
    argued = 0
    for s in sentences:
        own_words = _without_quotes(s.text)
        if _OTHERS_VIEW.search(own_words):
            continue
        if _OBLIGATION.search(own_words) or _ARGUMENT.search(own_words):
            argued += 1
    early = max(5, int(n * 0.3))
    claims = [s.index for s in sentences if is_authors_claim(s.text) and not _SECOND_PERSON.search(s.text)]
    # A thesis after a story the piece opens with counts when the piece argues more (a news report may end
    # on what "should" happen next).
    has_thesis = any(i < early for i in claims) or (claims and argued >= 3)
    return reporting < 0.25 and argued >= 2 and has_thesis


_OPINION_LABEL = re.compile(
    r"^(column|opinion|op-ed|commentary|editorial|perspective|viewpoint|essay)\s*[:|–—-]"
    r"|[|–—-]\s*(opinion|commentary|editorial|op-ed)s?\s*($|[|–—-])",
    re.IGNORECASE,
)
# A section name that says opinion: "Opinion", "Opinions", "Columnists", "Op-Ed", "Editorials", "Commentary".
_OPINION_SECTION = re.compile(r"\b(opinions?|columns?|columnists?|op-?eds?|commentary|editorials?)\b", re.IGNORECASE)


def is_labelled_opinion(title: str | None, section: str | None = None) -> bool:
    """A headline that says it is an opinion piece ("Column: …", "Opinion | …", "… - Commentary"), or a page
    whose section says so ("Opinion", "Columnists", "Op-Ed": bot.sources.page_section)."""
    if section and _OPINION_SECTION.search(section):
        return True
    return bool(title) and _OPINION_LABEL.search(title) is not None


def tfidf_vectors(sentences: list[Sentence]) -> list[Counter]:
    """Each sentence as TF-IDF weights of its content stems, the document being its sentences."""
    bags = [Counter(stem(w) for w in content_words(s.text)) for s in sentences]
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    return [Counter({t: c * math.log(1 + n / df[t]) for t, c in bag.items()}) for bag in bags]


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def score_sentences(
    sentences: list[Sentence], vectors: list[Counter], title: str | None, opinion: bool
) -> list[ScoredSentence]:
    """A salience score for every sentence (higher is more worth briefing), from their TF-IDF `vectors`."""
    centroid: Counter = Counter()
    for v in vectors:
        centroid.update(v)
    title_vec = Counter(stem(w) for w in content_words(title or ""))
    scored = []
    for s, vec in zip(sentences, vectors, strict=True):
        words = len(s.text.split())
        # The first sentences of a news story carry its news about equally; after them, weight decays.
        position = 1.0 if s.index < LEAD else 1.0 / (1.0 + 0.5 * (s.index - LEAD + 1))
        centrality = _cosine(vec, centroid)
        title_overlap = _cosine(vec, title_vec) if title_vec else 0.0
        score = 1.0 * position + 0.6 * centrality + 0.3 * title_overlap
        if opinion:
            score += _argument_weight(s.text)
        if words < 6 or _JUNK.match(s.text) or s.text.rstrip().endswith(("?", "…", "...")):
            score -= 2.0
        # A long sentence costs the reader more than it tells: prefer shorter ones of equal worth.
        score -= LONG_SENTENCE_PENALTY * max(0, words - LONG_SENTENCE_WORDS)
        scored.append(ScoredSentence(s, score))
    return scored


def _argument_weight(text: str) -> float:
    """In an opinion piece: more for the author's own claims and argument, less for the views of others."""
    own_words = _without_quotes(text)
    weight = 0.0
    if _OTHERS_VIEW.search(own_words):
        weight -= 0.5
    elif is_authors_claim(text):
        weight += 0.8
    elif _OBLIGATION.search(own_words):
        weight += 0.3
    if _ARGUMENT.search(own_words):
        weight += 0.2
    if own_words.strip() != text.strip():
        weight -= 0.3  # the author's own claims, not the people quoted
    return weight


def briefable_indices(sentences: list[Sentence], title: str | None) -> list[int]:
    """The sentences a briefing may be written from: no furniture, nothing addressed to the reader, none that
    hangs on the sentence before it ("Which is not to say …").

    When a page is all furniture (a gallery, a list of links), its sentences other than those addressed to the
    reader are all kept: a briefing of headings says more than none.
    """
    title_keys = headline_parts(title)
    check_ends = ends_matter([s.text for s in sentences])
    speaking = [s for s in sentences if addressed_to_reader(s.text) is None]
    promoted = sponsors([s.text for s in sentences if addressed_to_reader(s.text) is not None])
    speaking = [s for s in speaking if not describes_sponsor(s.text, promoted)]
    speaking = [s for s in speaking if not _continues_the_last(s.text)]
    prose = [s.index for s in speaking if furniture_reason(s.text, title_keys, check_ends) is None]
    return prose or [s.index for s in speaking]


def _continues_the_last(text: str) -> bool:
    """A sentence that opens with a relative "Which" hangs on the one before ("Which is not to say that …",
    "Which, of course, means …"): alone it says nothing (a question, "Which team won?", is another thing)."""
    return re.match(r"Which\b(?!\s+(?:of|one|ones)\b)", text.strip()) is not None and not text.rstrip().endswith("?")


def select_sentences(
    sentences: list[Sentence], count: int, title: str | None = None, opinion: bool = False
) -> list[Sentence]:
    """The `count` most salient, mutually non-redundant sentences, in article order."""
    vectors = tfidf_vectors(sentences)
    by_index = {s.index: v for s, v in zip(sentences, vectors, strict=True)}
    briefable = set(briefable_indices(sentences, title))
    scored = score_sentences(sentences, vectors, title, opinion)
    ranked = sorted((x for x in scored if x.sentence.index in briefable), key=lambda x: -x.score)
    chosen: list[Sentence] = []
    thesis = thesis_sentence(sentences, vectors, title, briefable) if opinion else None
    if thesis is not None:
        chosen.append(thesis)
    for candidate in ranked:
        if len(chosen) == count:
            break
        if any(_cosine(by_index[candidate.sentence.index], by_index[c.index]) > 0.6 for c in chosen):
            continue
        chosen.append(candidate.sentence)
    rest = sorted((s for s in chosen if s is not thesis), key=lambda s: s.index)
    return [thesis, *rest] if thesis is not None else rest


def thesis_sentence(
    sentences: list[Sentence], vectors: list[Counter], title: str | None, briefable: set[int]
) -> Sentence | None:
    """The sentence that states what an opinion piece argues, wherever it stands.

    A piece may open with a story and state its case later: the thesis is the author's own claim (should,
    must, ought to; "in fact", "that is why", "the truth is"), close to the headline, and often in the first
    paragraphs or the conclusion. Without any such cue, the author's own sentence closest to the headline.
    """
    n = len(sentences)
    title_vec = Counter(stem(w) for w in content_words(title or ""))
    best: tuple[float, Sentence] | None = None
    for s, vec in zip(sentences, vectors, strict=True):
        if s.index not in briefable or len(s.text.split()) < 6 or s.text.rstrip().endswith("?"):
            continue
        weight = _thesis_weight(s.text)
        similarity = _cosine(vec, title_vec)
        if weight <= 0 and (weight < 0 or similarity < MIN_THESIS_TITLE_SIMILARITY):
            continue
        early = s.index < max(5, int(0.3 * n))
        conclusion = s.index >= n - max(2, int(0.15 * n))
        score = weight + 1.2 * similarity + 0.2 * (early or conclusion)
        score -= LONG_SENTENCE_PENALTY * max(0, len(s.text.split()) - LONG_SENTENCE_WORDS)
        if best is None or score > best[0]:
            best = (score, s)
    return best[1] if best is not None else None


def _thesis_weight(text: str) -> float:
    """How much a sentence reads as the author's own case: a claim of what should be, or an argument cue; 0
    for a plain sentence in the author's voice (a thesis then only when it restates the headline), -1 for
    quoted or reported words."""
    own_words = _without_quotes(text)
    if own_words.strip() != text.strip() or REPORTING.search(text) or _OTHERS_VIEW.search(own_words):
        return -1.0  # others' words, not the author's
    if _SECOND_PERSON.search(text):
        return -1.0  # advice to the reader ("you should give it a shot"), not the case the piece makes
    weight = 1.0 if is_authors_claim(text) else 0.4 if _OBLIGATION.search(own_words) else 0.0
    if _ARGUMENT.search(own_words):
        weight += 0.3 if weight else 0.5
    return weight


def strip_discourse_opener(text: str) -> str:
    """'In fact, the plan failed.' -> 'The plan failed.' (an opener that only links to the sentence before);
    an advice column's salutation goes too ('DEAR FEELING: Of course, you should …' -> 'You should …')."""
    text = _SALUTATION.sub("", text, count=1) or text
    stripped = _DISCOURSE_OPENERS.sub("", text, count=1)
    if stripped == text or not stripped:
        return text
    return stripped[0].upper() + stripped[1:]
