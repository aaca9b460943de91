"""An answer's entity widened to what makes it readable on its own, from the parse: the noun phrase around it
("some 40 cruisers", "the Dutch Van Amersfoort Racing team"), the others of its kind it is listed with ("Arizona
and Illinois"), for a place its wider place ("in Bydgoszcz, northern Poland"), and for a date or a place the
preposition before it ("on Tuesday"). Every word comes from the source, in the source's order.
"""

from __future__ import annotations

from bot.analysis.lexicon import OPENING_QUOTES
from bot.analysis.question import DATE_LABELS
from bot.analysis.retrieval import Entity

# A noun phrase longer than this is no short answer: the entity alone is taken.
MAX_PHRASE_TOKENS = 9
# The words of an appositive or a following place taken after a place ("Bydgoszcz, northern Poland").
MAX_PLACE_TAIL_TOKENS = 4
CLOSING_QUOTES = frozenset({"”", '"', "’", "'", "»", "''"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "outside", "inside", "on", "into", "during"})
_DATE_PREPOSITIONS = frozenset(
    {"on", "in", "at", "since", "until", "by", "before", "after", "during", "within", "around", "from"}
)


def widened(parsed, entity: Entity, form: str) -> tuple[int, int]:
    """The entity's offsets, widened to its noun phrase and, for a date or a place, its preposition."""
    span = parsed.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None:
        return entity.start, entity.end
    first, last = span.start, span.end
    chunk = next((c for c in parsed.noun_chunks if c.start <= span.start and span.end <= c.end), None)
    if chunk is not None and len(chunk) <= MAX_PHRASE_TOKENS and not _starts_a_clause(chunk):
        first, last = chunk.start, chunk.end
    if (
        first < span.start
        and parsed[first].text in OPENING_QUOTES
        and not any(t.text in CLOSING_QUOTES for t in parsed[first + 1 : last])
    ):  # "“3,210 shooting victims”": the quote closes past the phrase, so its opening mark stays out
        first += 1
    if form == "where":
        last = _place_tail(parsed, last)
    if form in ("who", "where", "what"):
        last = _coordinated(parsed, last, entity.label)
    prepositions = _DATE_PREPOSITIONS if entity.label in DATE_LABELS else _PLACE_PREPOSITIONS
    if form in ("when", "where") and first > 0 and parsed[first - 1].lower_ in prepositions:
        first -= 1
    return parsed[first].idx, parsed[last - 1].idx + len(parsed[last - 1].text)


def _starts_a_clause(chunk) -> bool:
    """A noun chunk that is a pronoun or a relative word ("which", "who") says nothing by itself."""
    return chunk.root.pos_ == "PRON"


def _coordinated(parsed, last: int, label: str) -> int:
    """Past a name or a place, the others of its kind it is listed with ("Arizona and Illinois", "A, B and C"):
    a question about several ("Which states ...?") is answered by all of them."""
    end = last
    while end + 1 < len(parsed) and parsed[end].lower_ in (",", "and") and parsed[end + 1].ent_type_ == label:
        joiner = parsed[end].lower_
        end += 2  # the joiner and the entity's first word
        while end < len(parsed) and parsed[end].ent_iob_ == "I":
            end += 1
        last = end
        if joiner == "and":
            break
    return last


def _place_tail(parsed, last: int) -> int:
    """Past a place, its comma-joined wider place ("Bydgoszcz, northern Poland"): up to a few more tokens."""
    if last + 1 >= len(parsed) or parsed[last].text != ",":
        return last
    end = last + 1
    while end < len(parsed) and end - last <= MAX_PLACE_TAIL_TOKENS and parsed[end].ent_type_ in ("GPE", "LOC", ""):
        if parsed[end].ent_type_ in ("GPE", "LOC"):
            while end < len(parsed) and parsed[end].ent_type_ in ("GPE", "LOC"):
                end += 1
            qualifier = parsed[end - 1].dep_ in ("compound", "amod", "nmod") and parsed[end - 1].head.i >= end
            return last if qualifier else end  # "Airport, Denver police said": Denver is the police's, no place
        if not parsed[end].is_alpha or parsed[end].is_stop:
            return last
        end += 1
    return last
