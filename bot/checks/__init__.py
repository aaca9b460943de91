"""Checks of generated text against the source: each a named rule that returns a verdict with its reason."""
