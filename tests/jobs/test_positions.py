"""Positions: one batched generation for all experts, each checked against that expert's evidence only, and
the fallback built from the evidence when a position fails its checks."""

from __future__ import annotations

import asyncio

from bot.analysis.experts import find_experts
from bot.analysis.nlp import parse
from bot.checks.rules import adds_no_negation, keeps_negation, names_and_numbers_in_source, quotes_are_verbatim
from bot.checks.verdict import Candidate, run_checks
from bot.config import ExpertSettings
from bot.jobs.positions import PositionWriter, closed_sentence, echoed_position, position_fallback
from bot.models import Document, Expert, Span

TEXT = (
    "Helen Okafor, a transport economist, said the council had underestimated maintenance costs. "
    "Tom Becker argued that the bridge would bring noise and heavy lorries into quiet streets."
)
ARTICLE = (
    "Trade talks stalled as Prime Minister Viktor Lang and union leader Eva Moll traded threats.\n\n"
    "The director of the Baltic Policy Institute, Marta Kowalski, argued in the Guardian last week that Europe "
    "“can ease the dispute by offering new trade terms.” Europe could be a mediator in the dispute, she argued. "
    "Former Polish Defence Minister Jan Nowak took a similar position in a separate essay.\n\n"
    "Tomas Berg, editor of Nordic Affairs, wrote recently in the Financial Times, “The crisis has no easy "
    "solution. Lang knows the fate of his predecessors and sees the strike as a test.”\n\n"
    "“The government understands the unions,” Berg continued, “since it has also felt besieged.”"
)


def expert(name: str, role: str | None, phrase: str) -> Expert:
    start = TEXT.index(phrase)
    return Expert(name, role, [Span(start, start + len(phrase))])


# The checks of a position's facts; its own wording ("argued that") is the code's.
FACT_CHECKS = [names_and_numbers_in_source, adds_no_negation, keeps_negation, quotes_are_verbatim]
OKAFOR = expert("Helen Okafor", "a transport economist", "the council had underestimated maintenance costs")
BECKER = expert("Tom Becker", None, "the bridge would bring noise and heavy lorries into quiet streets")


def test_a_faithful_position_is_kept():
    writer = PositionWriter(engine=None)
    evidence = OKAFOR.evidence_texts(TEXT)
    position = "Helen Okafor says the council underestimated maintenance costs."
    assert writer.check(position, OKAFOR, evidence) == position


def test_an_invented_position_is_refused():
    writer = PositionWriter(engine=None)
    evidence = OKAFOR.evidence_texts(TEXT)
    assert writer.check("Helen Okafor says Mayor Ruiz lied about the costs.", OKAFOR, evidence) is None
    assert writer.check("Helen Okafor says maintenance will cost 40 million.", OKAFOR, evidence) is None
    assert writer.check("Helen Okafor says the council did not underestimate costs.", OKAFOR, evidence) is None
    claim = "Helen Okafor says the bridge is a wonderful investment for future generations."
    assert writer.check(claim, OKAFOR, evidence) is None
    assert writer.check("Helen Okafor says:", OKAFOR, evidence) is None


def test_every_expert_gets_a_position_in_one_batch_and_failures_fall_back_to_evidence(tiny_settings):
    from bot.llm.engine import Engine

    engine = Engine(tiny_settings.model, progress=False)
    calls = []
    generate = engine.generate_async

    async def counting(requests, on_text=None):
        calls.append(len(requests))
        return await generate(requests, on_text)

    engine.generate_async = counting
    experts = [OKAFOR, BECKER]
    try:
        written = asyncio.run(PositionWriter(engine).write(Document(text=TEXT), experts, "neutral"))
    finally:
        engine.close()
    assert calls == [2]
    assert [e.name for e in written] == ["Helen Okafor", "Tom Becker"]
    for person in written:
        assert person.position
        assert person.name.split()[-1] in person.position or person.position.startswith(person.name)
    assert OKAFOR.position is None and BECKER.position is None  # the experts given are left as they were


def test_requests_start_the_answer_with_the_experts_name():
    requests = PositionWriter(engine=None).requests(Document(text=TEXT), [OKAFOR, BECKER], "casual")
    assert [r.prefix for r in requests] == ["Helen Okafor says", "Tom Becker says"]
    assert "the council had underestimated maintenance costs" in requests[0].messages[-1]["content"]
    assert "heavy lorries" not in requests[0].messages[-1]["content"]


def test_a_similar_position_is_the_view_of_the_expert_named_before():
    trenin = Expert("Dmitri Trenin", None, [], position="Dmitri Trenin says Russia could broker talks.")
    ivanov = Expert("Igor Ivanov", None, [])
    expected = "Igor Ivanov takes a similar position to Dmitri Trenin: Russia could broker talks."
    assert echoed_position(ivanov, trenin) == expected
    trenin = Expert("Dmitri Trenin", None, [], position="Dmitri Trenin: “Russia could broker talks.”")
    assert echoed_position(ivanov, trenin) == "Igor Ivanov takes a similar position to Dmitri Trenin."


def test_the_fallback_position_is_built_from_the_evidence_and_passes_the_checks():
    kowalski, nowak, berg = find_experts(parse(ARTICLE), ExpertSettings())
    position = position_fallback(kowalski, ARTICLE)
    assert position == "Marta Kowalski argued that Europe can ease the dispute by offering new trade terms."
    assert position_fallback(nowak, ARTICLE) == nowak.evidence_texts(ARTICLE)[0]
    assert position_fallback(berg, ARTICLE).startswith("Tomas Berg: “The crisis has no easy solution.")
    for person in (kowalski, nowak, berg):
        fallback = position_fallback(person, ARTICLE)
        known = "\n".join([person.name, person.role or ""])
        candidate = Candidate(fallback, tuple(person.evidence_texts(ARTICLE)), known=known, lead=person.name)
        assert run_checks(candidate, FACT_CHECKS, "test").ok


def test_a_long_fallback_position_is_trimmed():
    text = "“" + ", ".join(f"Point {n}" for n in range(40)) + ".”"
    person = Expert("Ann Lowe", None, [Span(1, len(text) - 1)])
    position = position_fallback(person, text)
    assert position.endswith("…”") and len(position.split()) < 40


def test_a_fallback_from_a_reported_clause_ends_as_a_sentence():
    text = "Helen Okafor said the council had underestimated maintenance costs, and left."
    start = text.index("the council")
    person = Expert("Helen Okafor", None, [Span(start, text.index(", and"))])
    assert position_fallback(person, text) == "Helen Okafor said that the council had underestimated maintenance costs."


def test_a_fallback_takes_the_speech_verb_of_the_clause_not_a_participle():
    text = "Barack Obama responded to a mother on Wednesday by saying his refusal was a manufactured issue."
    start = text.index("his refusal")
    person = Expert("Barack Obama", None, [Span(start, len(text) - 1)])
    assert position_fallback(person, text) == "Barack Obama responded that his refusal was a manufactured issue."


def test_a_long_fallback_keeps_whole_sentences_when_they_fit():
    first = "The crisis has no easy solution, but managing it is both possible and necessary."
    second = "And if Russia does this well it will mark another step away from U.S. hegemony in world affairs."
    text = f"“{first} {second}”"
    person = Expert("Fyodor Lukyanov", None, [Span(1, len(text) - 1)])
    assert position_fallback(person, text) == f"Fyodor Lukyanov: “{first}”"
    # "U.S." ends no sentence: a cut there would misquote
    text = "“" + "Russia wants to step away from U.S. hegemony and " + " ".join(["more"] * 50) + ".”"
    person = Expert("Fyodor Lukyanov", None, [Span(1, len(text) - 1)])
    assert position_fallback(person, text).endswith("…”")


def test_a_fallback_is_never_a_subordinate_fragment():
    text = ("When Afghan President Ashraf Ghani first announced the exchange last week, critics were quick to "
            "respond. Ghani said the exchange would bring peace.")
    fragment = text.index("When")
    clean = text.index("the exchange would")
    person = Expert("Ashraf Ghani", None, [Span(fragment, text.index(", critics")), Span(clean, len(text) - 1)])
    assert position_fallback(person, text) == "Ashraf Ghani said that the exchange would bring peace."
    alone = Expert("Ashraf Ghani", None, [Span(fragment, text.index(", critics"))])
    assert position_fallback(alone, text) == text[: text.index(" Ghani said")]  # the whole sentence


def test_a_fallback_from_words_without_a_subject_is_their_whole_sentence():
    text = "Prince Andrew said the visit was a “great success” for everyone."
    start = text.index("was a")
    person = Expert("Andrew", None, [Span(start, text.index(" for"))])
    assert position_fallback(person, text) == "Prince Andrew said the visit was a great success for everyone."


def test_a_fallback_takes_a_whole_quote_whose_comma_the_evidence_leaves_out():
    text = ("McCormick told cheering teachers that they weren’t “asking for the moon.”\n\n"
            "“What a shame that it takes today to get what our kids deserve,” she said.")
    fragment = text.index("asking")
    whole = text.index("What a shame")
    person = Expert("Jennifer McCormick", None, [Span(fragment, text.index(".”")), Span(whole, text.index(",”"))])
    assert position_fallback(person, text) == (
        "Jennifer McCormick: “What a shame that it takes today to get what our kids deserve”")


def test_a_fallback_from_a_quoted_fragment_alone_is_its_whole_sentence():
    text = "McCormick told cheering teachers that they weren’t “asking for the moon.” The crowd cheered."
    person = Expert("Jennifer McCormick", None, [Span(text.index("asking"), text.index(".”"))])
    assert position_fallback(person, text) == "McCormick told cheering teachers that they weren’t asking for the moon."


def test_a_fallback_reads_as_a_sentence_of_its_own():
    text = "Jon Roth told reporters that the larger landers, he said, could deliver tools to the Moon."
    person = Expert("Jon Roth", None, [Span(text.index("the larger"), len(text) - 1)])
    assert position_fallback(person, text) == "Jon Roth said that the larger landers could deliver tools to the Moon."
    text = "Lynn said after the game that the Chargers saw winning as the most important step."
    person = Expert("Anthony Lynn", None, [Span(text.index("that the"), len(text) - 1)])
    assert position_fallback(person, text) == (
        "Anthony Lynn said that the Chargers saw winning as the most important step.")


def test_a_long_sentence_naming_the_person_loses_its_dashed_aside_not_its_end():
    text = ("Peng Mei — project manager for communications on Singles Day and PR director of Tmall, the retail site "
            "owned by Alibaba — responded to the allegations in a post on WeChat, threatening legal action.")
    person = Expert("Peng Mei", None, [Span(0, len(text))])
    assert position_fallback(person, text) == (
        "Peng Mei responded to the allegations in a post on WeChat, threatening legal action.")


def test_a_model_sentence_is_closed_once():
    assert closed_sentence('Mark Esper says, "We will not accept it."') == 'Mark Esper says, "We will not accept it."'
    assert closed_sentence('Andrew says, "I remember it weirdly, distinctly.') == (
        'Andrew says, "I remember it weirdly, distinctly."')
    assert closed_sentence("Ann Lowe says the plan works") == "Ann Lowe says the plan works."


def test_a_fallback_from_the_persons_own_stance_names_them():
    text = "Emily Maitlis pressed him, and she described him as sweating."
    person = Expert("Emily Maitlis", None, [Span(text.index("she described"), len(text) - 1)])
    assert position_fallback(person, text) == "Emily Maitlis described him as sweating."


def test_a_long_first_sentence_is_kept_whole_up_to_fifty_words():
    sentence = ("Two months after the onset of the symptoms, I was unable to stand or walk for more than a few minutes "
                "at a time without feeling like I was going to pass out.")
    text = f"“{sentence} I went to bed early.”"
    person = Expert("Martin Taylor", None, [Span(1, len(text) - 1)])
    assert position_fallback(person, text) == f"Martin Taylor: “{sentence}”"


def test_a_reported_clause_opening_with_a_capital_reads_on_after_that():
    text = "Tariffs have also strengthened the leverage of the United States, said Scott Paul."
    person = Expert("Scott Paul", None, [Span(0, text.index(", said"))])
    assert position_fallback(person, text) == (
        "Scott Paul said that tariffs have also strengthened the leverage of the United States.")
    text = "China will act soon, said Liu Xiaming."
    person = Expert("Liu Xiaming", None, [Span(0, text.index(", said"))])
    assert position_fallback(person, text) == "Liu Xiaming said that China will act soon."
    text = "Starhip will be able to deliver cargo to the Moon, said Gwynne Shotwell."  # a misspelt name stays
    person = Expert("Gwynne Shotwell", None, [Span(0, text.index(", said"))])
    assert position_fallback(person, text) == (
        "Gwynne Shotwell said that Starhip will be able to deliver cargo to the Moon.")
