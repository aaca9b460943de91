"""Deterministic reading of a document: sentences, salient sentences, facts, quotes, speakers, passages."""
