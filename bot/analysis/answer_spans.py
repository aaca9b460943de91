"""The span of a sentence that answers a who / when / where / how-many question, found by code.

The span is an entity of the kind the question asks for that the question does not already give (a name, a
date, a number, a place), widened to what makes it readable on its own: the noun phrase around it ("some 40
cruisers", "the Dutch Van Amersfoort Racing team"), the preposition before a date or a place ("on Tuesday",
"in Bydgoszcz, northern Poland") and, for a person the article quotes, their role. Every word comes from the
source, in the source's order, so the answer is as exact as the parse (the widening: `bot.analysis.span_widening`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.doers import doer_further, names_the_doer
from bot.analysis.lexicon import content_stems, stems
from bot.analysis.question import Question
from bot.analysis.retrieval import Entity, PassageIndex
from bot.analysis.role_holders import holds_role
from bot.analysis.span_widening import widened
from bot.analysis.statements import asks_about_a_statement, in_quoted_words, occasions, reports_speech
from bot.analysis.wh_roles import asked_role, plays_role
from bot.models import Expert

CURRENCY_SIGNS = frozenset("£$€¥")
_YEAR = re.compile(r"\b(?:1[0-9]|20)\d\d\b")


@dataclass(frozen=True)
class AnswerSpan:
    """Offsets into the source of the words that answer, and the entity they were built around."""

    start: int
    end: int
    entity: Entity


def answer_spans(index: PassageIndex, i: int, question: Question) -> list[AnswerSpan]:
    """The spans of sentence `i` that may answer `question`, the likeliest first (the date or place of a
    statement asked about, then by nearness to the question's words); none when it holds nothing of the kind
    asked. The later ones are for when the first turns out to belong to something else ("debuts on Netflix
    ... the 13th amendment in the U.S. constitution": not the constitution's country)."""
    candidates = [_past_a_dash(e, question) for e in index.answer_type_at(i, question)]
    if asks_about_a_statement(question):  # where or when someone spoke, not a place or a date in their words
        candidates = [e for e in candidates if not in_quoted_words(index, e)]
        candidates += occasions(index, i) if question.form == "where" else []
    if not candidates or not candidates[0].text:
        return []
    if question.form == "where":  # "representatives from China" came from there; "from her native Austria"
        origins = [e for e in candidates if _origin(index, e, asks_origin(question))]
        candidates = (origins or candidates) if asks_origin(question) else [e for e in candidates if e not in origins]
        if not candidates:
            return []
    agents = [e for e in candidates if question.form == "who" and is_agent(index, e, question)]
    best_label = candidates[0].label if question.preferred and not agents else None
    candidates = agents or [e for e in candidates if best_label in (None, e.label)]
    candidates = _subjects(index, candidates, question) or candidates
    reported = [e for e in candidates if dates_a_statement(index, e, question)]
    ordered = reported + [e for e in _by_nearness(index, i, candidates, question) if e not in reported]
    if question.form in ("where", "when"):  # where and when the story was filed, after the places of its clause
        dateline = _dateline_end(index.sentences[i].text, index.sentences[i].start)
        ordered = [e for e in ordered if e.end > dateline] + [e for e in ordered if e.end <= dateline]
    if question.form == "where":  # a place after the first only where a preposition sets it: "on Netflix",
        ordered = ordered[:1] + [e for e in ordered[1:] if _after_preposition(index, e)]  # not "hit Ohio"
    return _widest([_span(index, entity, question) for entity in ordered])


# A dateline: the place (and date, and agency) a story was filed from, before a dash at its start ("HEMPSTEAD,
# N.Y., Sept. 26 (UPI) — Green Party presidential candidate Jill Stein was escorted off ...").
_DATELINE = re.compile(r"^[A-Z][A-Z'.-]{2,}(?:,?\s+(?:[A-Z][\w.'-]*|\d{1,4},?|\([\w. ]+\)))*,?\s*(?:—|–|--)\s")


def _dateline_end(sentence: str, start: int) -> int:
    """The offset in the source where a sentence's dateline ends (its start when it has none)."""
    match = _DATELINE.match(sentence)
    return start + match.end() if match else start


# A dash with spaces around it ends a name: "who shot Scott - Brentley Vinson, who was placed on leave -".
_SPACED_DASH = re.compile(r"\s[-–—]+\s")


def _past_a_dash(entity: Entity, question: Question) -> Entity:
    """The entity less the name the question gives that the tagger ran into it across a dash ("Scott - Brentley
    Vinson" for "who shot Scott?": Brentley Vinson); the entity itself otherwise."""
    parts = _SPACED_DASH.split(entity.text)
    if len(parts) < 2 or parts[0].lower() not in question.text.lower():
        return entity
    start = entity.start + entity.text.rindex(parts[-1])
    return Entity(entity.label, start, entity.end, parts[-1])


def _widest(spans: list[AnswerSpan]) -> list[AnswerSpan]:
    """The spans less those that stand inside another one: "New York" of "in Syracuse, New York" says less."""
    return [s for s in spans if not any(o.start <= s.start and s.end <= o.end and o.end - o.start > s.end - s.start
                                        for o in spans)]  # fmt: skip


def _after_preposition(index: PassageIndex, entity: Entity) -> bool:
    token = _token(index, entity)
    return token is not None and token.dep_ == "pobj"


def answer_span(index: PassageIndex, i: int, question: Question) -> AnswerSpan | None:
    """The span of sentence `i` that answers `question` (the first of `answer_spans`), or None."""
    spans = answer_spans(index, i, question)
    return spans[0] if spans else None


def _span(index: PassageIndex, entity: Entity, question: Question) -> AnswerSpan:
    start, end = entity.start, entity.end
    if index.parsed is not None:
        start, end = widened(index.parsed, entity, question.form)
        start = entity.start if _SPACED_DASH.search(index.text[start : entity.start]) else start  # "Scott - "
    if start > 0 and index.text[start - 1] in CURRENCY_SIGNS:  # "£200": the tagger's amount may leave out its sign
        start -= 1
    return AnswerSpan(start, end, entity)


def _subjects(index: PassageIndex, candidates: list[Entity], question: Question) -> list[Entity]:
    """For a question asking the subject of its verb ("Which state is getting Monday off?"), the candidates
    that are a clause's subject or a passive's agent; for one asking who undergoes it ("Who was killed?"),
    those that undergo it (`bot.analysis.wh_roles`)."""
    role = asked_role(question.text) if question.form in ("who", "where") and index.parsed is not None else None
    if role is None:
        return []
    if question.type_noun and index.names_thing(candidates[0], question.type_noun):
        return []  # "Which team ...?": the name of a team first, whatever its part
    return [e for e in candidates if plays_role(index.parsed, e.start, e.end, role)]


def _token(index: PassageIndex, entity: Entity):
    """The root token of an entity in the parse, if there is one."""
    if index.parsed is None:
        return None
    found = index.parsed.char_span(entity.start, entity.end, alignment_mode="expand")
    return found.root if found is not None else None


def _origin(index: PassageIndex, entity: Entity, born: bool = False) -> bool:
    """Whether a place is where someone or something comes from ("representatives from China, New Zealand"),
    not where a thing happens: it, or the first place of the list it is in, hangs on "from"; with `born`
    (asked where someone is from), also where they were born ("was born in Izmir province"), which tells
    where they come from when no "from" does."""
    token = _token(index, entity)
    while token is not None and token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token is None or token.dep_ != "pobj":
        return False
    preposition = token.head
    return preposition.lower_ == "from" or (born and preposition.lower_ == "in" and preposition.head.lemma_ == "bear")


# How far up the parse (tokens) an agent's "by" may stand from the entity, and how many words before "by"
# may say what was done ("The study, by two scientists from the University of Oxford").
AGENT_HOPS = 4
AGENT_WORDS_BEFORE = 3


def is_agent(index: PassageIndex, entity: Entity, question: Question) -> bool:
    """Whether the entity is who did what a who-question asks about: it stands in a "by" phrase that follows
    (or hangs on) a word of the question ("Who carried out the study?": "The study, by two scientists from the
    University of Oxford"; "Who wrote the report?": "the report, written by the IMF's economists"), or a noun
    tells it did it ("the moderator of the first debate, Lester Holt": bot.analysis.doers)."""
    if index.parsed is not None and names_the_doer(index.parsed, entity.start, entity.end, question.text):
        return True
    token = _token(index, entity)
    for _ in range(AGENT_HOPS):
        if token is None or token.head.i == token.i:
            return False
        token = token.head
        if token.lower_ == "by" and token.dep_ in ("prep", "agent"):
            before = token.doc[max(0, token.i - AGENT_WORDS_BEFORE) : token.i]
            words = {t.lower_ for t in [*before, token.head]}
            return bool(content_stems(" ".join(words)) & question.words)
    return False


def named_further(
    index: PassageIndex, hits: list, question: Question, searched: int, similarity=None
) -> list[tuple]:
    """ "Which governor ...?" answered by "Kansas Gov. Sam Brownback" in a passage past the `searched` first
    ones: a who-question's title is strong enough a sign to look further ((n, i, span) of the first found).
    "Who is Pagliano's lawyer?" likewise, in any passage, by the role's meaning ("An attorney for Pagliano,
    Mark MacDougall") when `similarity(a, b)` compares two words."""
    from bot.analysis.who_is import role_asked

    doer = doer_further(index, hits, question, searched, answer_spans, is_agent)
    if doer:
        return doer
    kind = question.type_noun if question.form == "who" else ""
    role = role_asked(question) if similarity is not None else ""
    for n, hit in enumerate(hits[0 if role else searched :] if kind or role else [], start=0 if role else searched):
        for i in [hit.anchor, *(i for i in hit.passage.sentences if i != hit.anchor)]:
            span = answer_span(index, i, question)
            if span is None:
                continue
            if (kind and n >= searched and index.names_thing(span.entity, kind)) or (
                role and _holds_role(index, span.entity, role, similarity)
            ):
                return [(n, i, span)]
    return []


def _holds_role(index: PassageIndex, entity: Entity, role: str, similarity) -> bool:
    """Whether a person's name stands with the role asked (bot.analysis.role_holders)."""
    token = _token(index, entity)
    return token is not None and holds_role(token, role, similarity)


def preferred_spans(index: PassageIndex, about: list[tuple], spans: list[tuple], question: Question) -> list[tuple]:
    """The (..., span) of `about` (those in sentences that speak of the question; `spans` when none does)
    whose entity is of a label the question prefers ("who led it?": a person), or is the agent of what a
    who-question asks about (an institution too: "by two scientists from the University of Oxford" is who
    carried out the study, before a person the next passage names); for "where ... from?", a place someone
    came from first, in any of `spans` ("moving to South Africa from her native Austria")."""
    origins = [f for f in spans if asks_origin(question) and _origin(index, f[-1].entity, born=True)]
    return origins + [f for f in about or spans if f not in origins and (f[-1].entity.label in question.preferred or (
        question.form == "who" and is_agent(index, f[-1].entity, question)))]  # fmt: skip


def own_names_first(
    found: list[tuple], kind: str, index: PassageIndex | None = None, verbs: list[str] = ()
) -> list[tuple]:
    """The spans (each (n, i, span)) naming the kind asked, those whose entity holds the kind's noun in its own
    words first: "Which airport ...?" is answered by the airport's name ("Denver International Airport")
    before a place that only stands next to the noun ("the Denver airport"); of those alike, the ones whose
    sentence says the question's verb (`verbs`, by stem) first ("Which hospital was she working at?": "She
    worked at ... Hospital" before "The baby was taken to ... Hospital"); otherwise in their order."""
    asked = set(stems([v.lower() for v in verbs]))

    def says_verb(f: tuple) -> bool:
        return index is not None and bool(asked & content_stems(index.sentences[f[1]].text))

    return sorted(found, key=lambda f: (kind not in stems(f[-1].entity.text.lower().split()), not says_verb(f)))


def asks_origin(question: Question) -> bool:
    """ "Where was the nun originally from?": where someone comes from, a place after "from"."""
    return question.form == "where" and bool(re.search(r"\bfrom\b", question.text, re.IGNORECASE))


# A span whose counted noun is at least this much closer in meaning to the noun a how-many question counts
# than the first span's is taken before it ("How many police cars ...?": "some 40 cruisers", cars 0.47, before
# "some three dozen police officers", 0.30 or less).
COUNTED_MARGIN = 0.1


def counted_noun(text: str) -> str:
    """The noun a how-many question counts ("How many police cars ended the chase?" -> "cars"), or ""."""
    from bot.analysis.nlp import parse

    for token in parse(text):
        if token.lower_ in ("many", "much") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i != token.i:
            return token.head.lower_
    return ""


def by_counted_noun(
    index: PassageIndex, about: list[tuple], spans: list[tuple], question: Question, similarity
) -> list[tuple]:
    """How-many spans (`about`: those in sentences that speak of the question) with the one counting the asked
    thing first: when a span's counted noun (the noun its number modifies) is clearly closer in meaning to the
    asked noun than the first one's, it goes first, whether or not its sentence repeats the question's words
    (its counted noun says it does). `similarity(a, b)` compares two words (1.0 for the same stem)."""
    asked = counted_noun(question.text) if question.form == "how_many" and about and len(spans) > 1 else ""
    first = _counted(index, about[0][-1].entity) if asked else ""
    if not first:
        return about
    closeness = [similarity(asked, noun) if (noun := _counted(index, f[-1].entity)) else -1.0 for f in spans]
    best = max(range(len(spans)), key=lambda n: closeness[n])
    if closeness[best] < similarity(asked, first) + COUNTED_MARGIN:
        return about
    return [spans[best], *(f for f in about if f is not spans[best])]


def _counted(index: PassageIndex, entity: Entity) -> str:
    """The noun a number counts in the parse ("some 40 cruisers": "cruisers"), or ""."""
    token = _token(index, entity)
    if token is None or token.head.i == token.i or token.head.pos_ not in ("NOUN", "PROPN"):
        return ""
    return token.head.lower_


_NOW = re.compile(r"\b(now|currently|these days|nowadays)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(will|won't|next|going to|upcoming)\b|'ll\b", re.IGNORECASE)


def asks_the_future(question: Question) -> bool:
    """ "When will the court hear the case again?", "When is his next court date?", and a question about now
    ("How old is the cat now?"): a span in a clause that tells of the past does not answer them."""
    if question.kind and _NOW.search(question.text):
        return True
    return question.form == "when" and bool(_FUTURE.search(question.text))


def in_the_past(index: PassageIndex, span: AnswerSpan) -> bool:
    """Whether the clause the span stands in tells of the past (its verb in the past tense, no "will" or
    "would"): "In July, the department joined the fight" dates no future hearing."""
    token = governing_verb(index, span)
    if token is None:
        return False
    modal = any(child.lower_ in ("will", "would", "'ll", "shall") for child in token.children)
    return token.tag_ == "VBD" and not modal


def governing_verb(index: PassageIndex, span: AnswerSpan | Entity):
    """The verb of the clause the span (or entity) stands in (a spaCy token), if the parse gives one."""
    entity = span.entity if isinstance(span, AnswerSpan) else span
    if index.parsed is None:
        return None
    found = index.parsed.char_span(entity.start, entity.end, alignment_mode="expand")
    if found is None:
        return None
    token = found.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token if token.pos_ in ("VERB", "AUX") else None


def dates_a_statement(index: PassageIndex, span: AnswerSpan | Entity, question: Question) -> bool:
    """A question about when or where one expert spoke is answered by the date or place of the verb that
    reports their words ("Stofan said Tuesday during a panel")."""
    if not asks_about_a_statement(question):
        return False
    verb = governing_verb(index, span)
    return verb is not None and reports_speech(verb)


def stated_answer(index: PassageIndex, span: AnswerSpan, question: Question, experts: list[Expert]) -> str:
    """A short sentence that states the span: "On Tuesday.", "Sam Brownback, Governor of Kansas."."""
    words = index.text[span.start : span.end].strip(" ,;:")
    if question.form == "who" and span.entity.label == "PERSON":
        role = _role_of(span.entity.text, experts)
        if role and not content_stems(" ".join(role.split()[:2])) & content_stems(words):
            words = f"{words}, {role}"
    return words[0].upper() + words[1:] + ("" if words.endswith((".", "!", "?")) else ".")


def _by_nearness(index: PassageIndex, i: int, candidates: list[Entity], question: Question) -> list[Entity]:
    """The candidates, the closest to where the sentence repeats the question's words first (in their order
    when it repeats none): "How long was she stuck?" takes the duration next to "trapped", not another one."""
    sentence = index.sentences[i]
    asked = question.words - {w for name in question.names for w in content_stems(name)}
    anchors = []
    position = sentence.start
    for word in sentence.text.split():
        if asked & content_stems(word):
            anchors.append((position, position + len(word)))
        position += len(word) + 1
    years = [m for m in _YEAR.finditer(sentence.text) if re.search(rf"\b{m.group()}\b", question.text)]
    if years and question.form == "how_many":  # "how many ... by 2008?": the number told of that year
        anchors = [(sentence.start + m.start(), sentence.start + m.end()) for m in years]
    if not anchors:
        return list(candidates)
    if question.form == "how_many":  # the gap to the counted word: "22 tons of food", not "food and 2 tons"
        return sorted(candidates, key=lambda e: min(max(at - e.end, e.start - end, 0) for at, end in anchors))
    return sorted(candidates, key=lambda e: min(abs(e.start - at) for at, _ in anchors))


def _role_of(name: str, experts: list[Expert]) -> str | None:
    """The role of the expert a name means (by full name or surname), if the article gives one."""
    surname = name.split()[-1].lower() if name.split() else ""
    for expert in experts:
        parts = expert.name.lower().split()
        if expert.role and (expert.name.lower() == name.lower() or (parts and parts[-1] == surname)):
            return expert.role
    return None


def numbers_first(index: PassageIndex, about: list[tuple], question: Question) -> list[tuple]:
    """How-many spans (each (n, i, span)) with those that give a number before those that only say "a few" or
    "several": "How many days had he been missing?" is answered "66 days", not "a few days"."""
    if question.form != "how_many" or index.parsed is None:
        return about

    def vague(found: tuple) -> bool:
        words = index.parsed.char_span(found[-1].start, found[-1].end, alignment_mode="expand")
        return words is not None and not any(t.like_num for t in words)  # digits too: "66", "1,000", "ten"

    return sorted(about, key=vague)

