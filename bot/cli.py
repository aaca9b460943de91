"""The `briefbot` command line: a thin adapter that parses arguments, calls the Briefer and prints results.

With --json every source gives exactly one JSON line on standard output; logs, progress and errors go to
standard error. An expected failure is one line naming the source and the reason, and a non-zero exit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import textwrap
from collections.abc import Awaitable, Callable

from bot.cli_people import print_person, print_side_by_side
from bot.config import ConfigError, Settings, load_settings
from bot.messages import ControlFreeStream, message, outside
from bot.models import BriefbotError, Document
from bot.service import Briefer, BriefResult
from bot.sources.reader import SourceError

log = logging.getLogger("briefbot")
TOKEN_ENV = "DISCORD_TOKEN"


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="config file (default: $BRIEFBOT_CONFIG or ./config.yaml)")
    common.add_argument("--debug", action="store_true", help="log details and show tracebacks")
    as_json = argparse.ArgumentParser(add_help=False)
    as_json.add_argument("--json", action="store_true", help="one JSON object per line on standard output")

    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="Brief a news article with a local language model: summary, who says what, follow-ups.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    brief = commands.add_parser(
        "brief", parents=[common, as_json], help="write the briefing and the experts' positions for each source"
    )
    brief.add_argument("sources", nargs="+", metavar="SOURCE", help="URL, .txt/.html/.pdf file, or - for stdin")
    brief.add_argument("--no-experts", action="store_true", help="leave out who is quoted and their positions")
    brief.add_argument("--length", type=int, metavar="N", help="sentences in the briefing (overrides config)")
    brief.add_argument("--tone", metavar="TONE", help="tone of the briefing (overrides config)")

    experts = commands.add_parser(
        "experts", parents=[common, as_json], help="who is quoted or paraphrased, with role and evidence"
    )
    experts.add_argument("sources", nargs="+", metavar="SOURCE")
    experts.add_argument(
        "--no-positions", action="store_true", help="skip the positions; the language model is never loaded"
    )

    read = commands.add_parser("read", parents=[common, as_json], help="only fetch and extract; show what was read")
    read.add_argument("sources", nargs="+", metavar="SOURCE")

    ask = commands.add_parser(
        "ask", parents=[common, as_json], help="answer a follow-up question about a stored source, from that source"
    )
    ask.add_argument("source_id", metavar="SOURCE_ID", help="an id printed by brief/read/sources (a prefix will do)")
    ask.add_argument("question", metavar="QUESTION")
    ask.add_argument(
        "--conversation",
        metavar="NAME",
        default="cli",
        help="questions asked under one name form a conversation; follow-ups use its history (default: cli)",
    )

    bench = commands.add_parser("bench", parents=[common, as_json], help="time the engine on a source")
    bench.add_argument("source", nargs="?", metavar="SOURCE", help="default: the built-in sample article")
    bench.add_argument("--runs", type=int, default=3, help="runs per figure; medians are reported (default 3)")

    sources = commands.add_parser("sources", parents=[common, as_json], help="list stored sources")
    sources.add_argument("--limit", type=int, default=50, help="how many, newest first (default 50)")

    who = commands.add_parser(
        "who", parents=[common, as_json], help="one person across the stored sources: role, position, a quote in each"
    )
    who.add_argument("name", metavar="NAME", help="a name as the sources write it (a surname will do when unique)")
    who.add_argument(
        "--no-positions", action="store_true", help="show no positions and no comparison; the model is never loaded"
    )

    compare = commands.add_parser(
        "compare", parents=[common, as_json], help="two stored sources side by side: theses, people, positions"
    )
    compare.add_argument("first", metavar="SOURCE_ID")
    compare.add_argument("second", metavar="SOURCE_ID")

    run = commands.add_parser(
        "run", parents=[common], help=f"start the Discord bot (the token comes from ${TOKEN_ENV}; see docs/discord.md)"
    )
    run.add_argument("--shard-count", type=int, metavar="N", help="shards across all bot processes (docs/deploy.md)")
    run.add_argument("--shards", metavar="IDS", help="the shards this process serves, e.g. 0-3 or 0,2 (default: all)")
    run.add_argument(
        "--health-interval", type=float, default=60.0, metavar="S", help="seconds between health lines (default 60)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; plain-text output reaches the terminal without control characters (see bot/messages.py)."""
    args = build_parser().parse_args(argv)
    streams = sys.stdout, sys.stderr
    if not getattr(args, "json", False):
        sys.stdout = ControlFreeStream(sys.stdout)
    sys.stderr = ControlFreeStream(sys.stderr)
    try:
        return _main(args)
    finally:
        sys.stdout, sys.stderr = streams


def _main(args: argparse.Namespace) -> int:
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = load_settings(args.config)
        settings = _apply_overrides(settings, args)
    except ConfigError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2
    # Progress (the one-time model conversion) goes to standard error, never into --json output.
    briefer = Briefer(settings, progress=True)
    try:
        return asyncio.run(COMMANDS[args.command](briefer, args))
    except KeyboardInterrupt:
        print("briefbot: interrupted", file=sys.stderr)
        return 130
    except BriefbotError as exc:
        print(f"briefbot: {message(str(exc))}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line for the user, the traceback with --debug
        if args.debug:
            raise
        print(f"briefbot: {internal_error(exc)}", file=sys.stderr)
        return 1
    finally:
        briefer.close()


def _apply_overrides(settings: Settings, args: argparse.Namespace) -> Settings:
    changes = {}
    if getattr(args, "length", None) is not None:
        changes["length"] = args.length
    if getattr(args, "tone", None) is not None:
        changes["tone"] = args.tone
    return settings.replace("briefing", **changes) if changes else settings


# -- commands ---------------------------------------------------------------------------------------------
async def _for_each_source(
    briefer: Briefer, args: argparse.Namespace, job: Callable[[Document], Awaitable[dict]], show: Callable
) -> int:
    """Run `job` on every source in order; a failing source is reported and the others go on."""
    failures = 0
    for source in args.sources:
        try:
            doc = await briefer.read(source)
            result = await job(doc)
        except BriefbotError as exc:
            failures += 1
            _report_error(source, exc, args)
            continue
        except Exception as exc:  # an unexpected bug: one line, the rest of the sources still run
            failures += 1
            if args.debug:
                log.exception("failed on %s", source)
            _report_error(source, internal_error(exc), args)
            continue
        result = {"input": source, **result}
        if args.json:
            print(json.dumps(result, ensure_ascii=False), flush=True)
        else:
            show(result)
    return 1 if failures else 0


def internal_error(exc: Exception) -> str:
    """A bug, in one line without the exception's class (the traceback comes with --debug)."""
    return message(f"internal error: {outside(str(exc), 120) or 'unexpected failure'} (rerun with --debug)")


def _report_error(source: str, failure: Exception | str, args: argparse.Namespace) -> None:
    """One line naming the source (a SourceError names it already), on standard error and in --json."""
    said = message(str(failure))
    line = said if isinstance(failure, SourceError) else message(f"{outside(source)}: {said}")
    print(f"briefbot: {line}", file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({"input": source, "error": said}, ensure_ascii=False), flush=True)


async def cmd_brief(briefer: Briefer, args: argparse.Namespace) -> int:
    async def job(doc: Document) -> dict:
        result = await briefer.brief(doc, with_experts=not args.no_experts)
        return brief_json(result)

    return await _for_each_source(briefer, args, job, print_brief)


async def cmd_experts(briefer: Briefer, args: argparse.Namespace) -> int:
    async def job(doc: Document) -> dict:
        found = await briefer.experts(doc, positions=not args.no_positions)
        return {"source": doc.meta(), "experts": [e.to_json(doc.text) for e in found], "warnings": doc.warnings}

    return await _for_each_source(briefer, args, job, print_experts)


async def cmd_read(briefer: Briefer, args: argparse.Namespace) -> int:
    async def job(doc: Document) -> dict:
        return {"source": doc.meta(), "text": doc.text, "warnings": doc.warnings}

    return await _for_each_source(briefer, args, job, print_read)


async def cmd_sources(briefer: Briefer, args: argparse.Namespace) -> int:
    for doc in briefer.sources(args.limit):
        row = {"id": doc.id, "title": doc.title, "url": doc.url, "added": doc.added, "words": doc.words}
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            title = doc.title or _first_words(doc.text)
            print(f"{doc.id}  {doc.added}  {title}" + (f"  <{doc.url}>" if doc.url else ""))
    return 0


async def cmd_ask(briefer: Briefer, args: argparse.Namespace) -> int:
    doc = briefer.get_source(args.source_id)
    answer = await briefer.ask(doc.id, args.question, conversation=f"{args.conversation}:{doc.id}")
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
        return 0
    print(_wrap(answer.answer, ""))
    for citation in answer.citations:
        print(_wrap(citation, "  > "))  # "> " marks verbatim text, as in Discord
    return 0


async def cmd_who(briefer: Briefer, args: argparse.Namespace) -> int:
    report = await briefer.who(args.name, positions=not args.no_positions)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print_person(report)
    return 0


async def cmd_compare(briefer: Briefer, args: argparse.Namespace) -> int:
    compared = await briefer.compare(args.first, args.second)
    if args.json:
        print(json.dumps(compared.to_json(), ensure_ascii=False))
    else:
        print_side_by_side(compared)
    return 0


async def cmd_bench(briefer: Briefer, args: argparse.Namespace) -> int:
    from bot.bench import DEFAULT_SAMPLE, bench_json, run_bench

    if args.runs < 1:
        raise BriefbotError("--runs must be at least 1")
    source = args.source or str(DEFAULT_SAMPLE)
    doc = await briefer.read(source)
    result = bench_json(await run_bench(briefer, doc, runs=args.runs))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"{result['model']} ({result['backend']}) on {source} ({result['words']} words, {result['experts']} experts)")
    print(f"  model load      {result['load_s']:8.2f} s")
    print(f"  prefill         {result['prefill_tok_s']:8.1f} tokens/s")
    print(f"  decode          {result['decode_tok_s']:8.1f} tokens/s")
    print(f"  whole brief job {result['full_job_s']:8.2f} s (warm, median of {result['runs']})")
    print(f"  peak memory     {result['peak_rss_mb']:8.0f} MB")
    print("  phases          " + ", ".join(f"{k[:-2]} {v:.2f} s" for k, v in result["phases"].items()))
    print("  load parts      " + ", ".join(f"{k[:-2]} {v:.2f} s" for k, v in result["load_parts"].items()))
    cpu = result["cpu"]
    print(f"  cpu             {cpu['model_name']} ({cpu['kernels']}, {cpu['torch_threads']} torch threads)")
    return 0


async def cmd_run(briefer: Briefer, args: argparse.Namespace) -> int:
    from bot.discord_bot.shards import parse_shards

    shards = parse_shards(args.shard_count, args.shards)
    if args.health_interval <= 0:
        raise BriefbotError(f"--health-interval must be a positive number of seconds, not {args.health_interval:g}")
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise BriefbotError(
            f"set {TOKEN_ENV} to the bot's token from the Discord Developer Portal (see docs/discord.md)"
        )
    from bot.discord_bot import run_bot

    if not args.debug:
        logging.getLogger().setLevel(logging.INFO)  # a long-running service: say what it does
    await run_bot(briefer.settings, briefer, token, shards=shards, health_interval_s=args.health_interval)
    return 0


COMMANDS = {
    "ask": cmd_ask,
    "bench": cmd_bench,
    "brief": cmd_brief,
    "compare": cmd_compare,
    "experts": cmd_experts,
    "read": cmd_read,
    "run": cmd_run,
    "sources": cmd_sources,
    "who": cmd_who,
}


# -- JSON and terminal rendering ---------------------------------------------------------------------------
def brief_json(result: BriefResult) -> dict:
    doc = result.document
    out = {"source": doc.meta(), "briefing": result.briefing.text}
    if result.experts is not None:
        out["experts"] = [e.to_json(doc.text) for e in result.experts]
    out["warnings"] = doc.warnings
    return out


def _wrap(text: str, indent: str = "  ") -> str:
    width = min(os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else 100, 100)
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def _first_words(text: str, n: int = 10) -> str:
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def _print_header(result: dict) -> None:
    source = result["source"]
    print(source.get("title") or _first_words(result.get("text", "") or result["input"]))
    details = [f"source {source['id']}", f"{source['words']} words"]
    for key in ("site", "author", "published", "url"):
        if source.get(key):
            details.append(source[key])
    print("  " + " · ".join(details))
    for warning in result.get("warnings", []):
        print(f"  ! {warning}")


def _print_experts(experts: list[dict]) -> None:
    print("\nWho says what")
    if not experts:
        print("  (nobody is quoted or paraphrased)")
    for expert in experts:
        print(f"  • {expert['name']}" + (f" — {expert['role']}" if expert.get("role") else ""))
        if expert.get("position"):
            print(_wrap(expert["position"], "      "))
        for quote in expert["evidence"]:
            print(_wrap(quote, "      > "))


def print_brief(result: dict) -> None:
    _print_header(result)
    print("\nBriefing")
    print(_wrap(result["briefing"]))
    if "experts" in result:
        _print_experts(result["experts"])
    print()


def print_experts(result: dict) -> None:
    _print_header(result)
    _print_experts(result["experts"])
    print()


def print_read(result: dict) -> None:
    _print_header(result)
    print()
    print(result["text"])
    print()
