"""Who a person is, as the article says it: "Who is Howard Dean?" when no expert with a role answers it.

The role is the one `bot.analysis.roles` reads from the parse at a mention of the person (the title before the
name or the appositive beside it: "Dean, a former Democratic National Committee chairman, ..."), at the first
mention that gives one, by full name first, then by surname. Nothing is invented: no role, no answer (the
sentence that introduces them is then quoted, not their words).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis.question import Question, names_in
from bot.analysis.retrieval import Hit, PassageIndex
from bot.analysis.roles import role_of
from bot.models import Expert


def who_is_answer(
    index: PassageIndex, hits: list[Hit], question: Question, experts: list[Expert]
) -> tuple[list[Hit], str | None]:
    """ "Who is Howard Dean?": the person's name and the role the article gives them (the expert's, else the
    one the text gives where it names them, that sentence's passage first); with no role, nothing stated and
    the sentence that introduces them first."""
    expert = question.expert
    if expert is not None and expert.role:
        return hits, f"{expert.name}, {expert.role}."
    name = person_asked(question)
    found = role_in_text(index, name)
    if found is None:
        i = introduction(index, name)
        rest = [h for h in hits if i not in h.passage.sentences] if i is not None else hits
        return (hits, None) if i is None else ([index.hit_at(i), *rest], None)
    role, i = found
    at = next((n for n, hit in enumerate(hits) if i in hit.passage.sentences), None)
    first = index.hit_at(i) if at is None else replace(hits[at], anchor=i)
    return [first, *(hit for n, hit in enumerate(hits) if n != at)], f"{name}, {role}."


def person_asked(question: Question) -> str:
    """The name a who-is question asks about: its own ("Who is Howard Dean?") or, for "Who is he, exactly?",
    the first name the turn before gives."""
    names = [name for name in question.names if name != "I"]
    if names:
        return names[0]
    earlier = [name for name in names_in(question.earlier) if len(name.split()) > 1]
    return earlier[0] if earlier else ""


def role_in_text(index: PassageIndex, name: str) -> tuple[str, int] | None:
    """The first role the text gives the person, with the sentence it stands in, or None."""
    if not name or index.parsed is None:
        return None
    words = name.split()
    for key in dict.fromkeys([name, words[-1]]):
        for match in re.finditer(rf"(?<!\w){re.escape(key)}(?!\w)", index.text):
            if key != name and re.search(r"[A-Z][\w.'’-]*\s$", index.text[max(0, match.start() - 30) : match.start()]):
                continue  # "Howard Dean" read by its surname: "Howard" is no title
            span = index.parsed.char_span(match.start(), match.end(), alignment_mode="expand")
            role = role_of(index.parsed, span.start, span.end) if span is not None else None
            sentences = index.sentences_overlapping(match.start(), match.end())
            if role and sentences and not set(role.lower().split()) <= {w.lower() for w in words}:
                return role, sentences[0]
    return None


def introduction(index: PassageIndex, name: str) -> int | None:
    """The sentence that introduces a person: where the text first writes their full name (None for a surname
    alone, or a name the text never writes whole)."""
    first = index.text.find(name) if len(name.split()) > 1 else -1
    found = index.sentences_overlapping(first, first + len(name)) if first >= 0 else []
    return found[0] if found else None


# "Who is Pagliano's lawyer?", "Who is the militant leader they say was killed?": the role asked for, the last
# lower-case word of the noun phrase after "who is the / X's" (before "who", "that", a pronoun, a preposition, or
# a participle: "Who is the doctor making these claims?").
_ROLE_ASKED = re.compile(
    r"^(?:and |so )?who(?:'s|’s| is| was| are| were) (?:(?:the |a |an |his |her |their |its )(?:\w[\w.-]*['’]s )?"
    r"|\w[\w.-]*['’]s )((?:[\w-]+ ){0,2}?[a-z][\w-]*)"
    r"(?= (?:who|that|which|they|he|she|it|of|for|at|in|on|to|now)\b| [a-z]+ing\b|\s*\?|$)"
)


def role_asked(question: Question) -> str:
    """The role a who-question asks the holder of ("Who is Pagliano's lawyer?" -> "lawyer"), or ""."""
    text = question.text.strip()
    match = _ROLE_ASKED.search(text[:1].lower() + text[1:]) if question.form == "who" else None
    return match.group(1).split()[-1] if match else ""



# A question after someone's work ("What does Barry Beavis do for a living?", "what was Davey's previous job").
_OCCUPATION = re.compile(r"\b(do(es)? for a living|jobs?|occupation|profession|works? as)\b", re.IGNORECASE)


def describing_sentences(index: PassageIndex, question: Question) -> list[int]:
    """For a question after a named person's work, the sentences that describe them where they name them
    ("Mr Davey, who until January was chief executive of Arts Council England, added: ..."): the job is told in
    a clause on the name, seldom in a sentence that repeats the question's words ("the station's top job")."""
    if not _OCCUPATION.search(question.text):
        return []
    names = [question.expert.name] if question.expert is not None else list(question.names)
    surnames = {name.split()[-1] for name in names if name.split()}
    pattern = [re.compile(rf"\b{re.escape(s)}(?:['’]s)?,\s+(?:who|a|an|the)\b") for s in surnames]
    pattern += [re.compile(rf"\b[Tt]he {age}-year-old,\s+(?:who|a|an|the)\b") for age in _ages(index.text, surnames)]
    return [i for i, s in enumerate(index.sentences) if any(p.search(s.text) for p in pattern)]


def _ages(text: str, surnames: set[str]) -> set[str]:
    """The ages the text gives the people of these surnames ("Barry Beavis, 48, lost his case"), each only when
    no one else is given it: "The 48-year-old, who runs a fish and chip shop" then describes that person."""
    given = re.findall(r"\b([A-Z][\w'’-]*), (\d{1,3}),", text)
    ages = {age for name, age in given if name in surnames}
    return {age for age in ages if all(name in surnames for name, other in given if other == age)}
