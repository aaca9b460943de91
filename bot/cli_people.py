"""The command line's text for `briefbot who` and `briefbot compare` (their --json is the values' own)."""

from __future__ import annotations

import os
import sys
import textwrap

from bot.people import Appearance, PersonReport, SideBySide


def _wrap(text: str, indent: str) -> str:
    width = min(os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else 100, 100)
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


def _source_line(appearance: Appearance) -> str:
    source = appearance.source
    parts = [appearance.date, source.title or source.id]
    return "  ".join(part for part in parts if part) + (f"  <{source.url}>" if source.url else "")


def print_person(report: PersonReport) -> None:
    person = report.person
    also = [name for name in person.names if name != person.name]
    count = len(report.appearances)
    print(f"{person.label}" + (f" (also: {', '.join(also)})" if also else ""))
    print(f"  quoted in {count} source{'s' if count != 1 else ''}, newest first")
    for appearance in report.appearances:
        print()
        print(_wrap(_source_line(appearance), "  "))
        print(f"    source {appearance.source.id}" + (f" · {appearance.role}" if appearance.role else ""))
        if appearance.position:
            print(_wrap(appearance.position, "    "))
        if appearance.quote:
            print(_wrap(appearance.quote, "    > "))
    if report.comparison:
        print("\nAcross these sources")
        print(_wrap(report.comparison, "  "))
    if report.see_also:
        print(f"\nOthers this name fits: {'; '.join(report.see_also)}")
    print()


def _print_appearance(appearance: Appearance, indent: str) -> None:
    if appearance.role:
        print(_wrap(appearance.role, indent))
    if appearance.position:
        print(_wrap(appearance.position, indent))
    for passage in appearance.evidence:
        print(_wrap(passage, indent + "> "))


def print_side_by_side(compared: SideBySide) -> None:
    sides = (compared.first, compared.second)
    for number, side in enumerate(sides, start=1):
        source = side.source
        published = f" · {source.published}" if source.published else ""
        print(f"[{number}] {source.title or source.id}  (source {source.id}{published})")
        print(_wrap(side.thesis or "(no briefing)", "    "))
    print("\nQuoted in both")
    if not compared.in_both:
        print("  (nobody)")
    for pair in compared.in_both:
        print(f"  • {pair.name}")
        for number, appearance in ((1, pair.first), (2, pair.second)):
            print(f"    [{number}]")
            _print_appearance(appearance, "      ")
    for number, only in ((1, compared.only_first), (2, compared.only_second)):
        print(f"\nOnly in [{number}]")
        if not only:
            print("  (nobody)")
        for appearance in only:
            print(f"  • {appearance.name}" + (f" — {appearance.role}" if appearance.role else ""))
            if appearance.position:
                print(_wrap(appearance.position, "      "))
            if appearance.quote:
                print(_wrap(appearance.quote, "      > "))
    print()
