"""Checks of generated text against the source: each a named rule that returns a verdict with its reason.

- facts.py: the fact rules every check shares (names and numbers, negation, quotes, new content);
- rules.py: the named checks, one function each (`@check`);
- verdict.py: Candidate (what a check reads), Verdict (what it says) and `run_checks`.

The jobs (bot.jobs) list the checks they run: BRIEFING_CHECKS, POSITION_CHECKS, ANSWER_CHECKS.
"""
