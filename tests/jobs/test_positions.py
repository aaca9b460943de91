"""Positions: one batched generation for all experts, each checked against that expert's evidence only."""

from __future__ import annotations

import asyncio

from bot.jobs.positions import PositionWriter
from bot.models import Document, Expert, Span

TEXT = (
    "Helen Okafor, a transport economist, said the council had underestimated maintenance costs. "
    "Tom Becker argued that the bridge would bring noise and heavy lorries into quiet streets."
)


def expert(name: str, role: str | None, phrase: str) -> Expert:
    start = TEXT.index(phrase)
    return Expert(name, role, [Span(start, start + len(phrase))])


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
    experts = [
        expert("Helen Okafor", "a transport economist", "the council had underestimated maintenance costs"),
        expert("Tom Becker", None, "the bridge would bring noise and heavy lorries into quiet streets"),
    ]
    try:
        asyncio.run(PositionWriter(engine).write(Document(text=TEXT), experts, "neutral"))
    finally:
        engine.close()
    assert calls == [2]
    for person in experts:
        assert person.position
        assert person.name.split()[-1] in person.position or person.position.startswith(person.name)


def test_requests_start_the_answer_with_the_experts_name():
    requests = PositionWriter(engine=None).requests(Document(text=TEXT), [OKAFOR, BECKER], "casual")
    assert [r.prefix for r in requests] == ["Helen Okafor says", "Tom Becker says"]
    assert "the council had underestimated maintenance costs" in requests[0].messages[-1]["content"]
    assert "heavy lorries" not in requests[0].messages[-1]["content"]


def test_a_similar_position_is_the_view_of_the_expert_named_before():
    from bot.jobs.positions import echoed_position

    trenin = Expert("Dmitri Trenin", None, [], position="Dmitri Trenin says Russia could broker talks.")
    ivanov = Expert("Igor Ivanov", None, [])
    expected = "Igor Ivanov takes a similar position to Dmitri Trenin: Russia could broker talks."
    assert echoed_position(ivanov, trenin) == expected
    trenin.position = "Dmitri Trenin: “Russia could broker talks.”"
    assert echoed_position(ivanov, trenin) == "Igor Ivanov takes a similar position to Dmitri Trenin."
