"""Shared fixtures: settings in a temporary folder, a tiny random Llama model saved the way users' models are,
and stores on both engines (a SQLite file; a database on a PostgreSQL server of the tests' own)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from bot.config import Settings, load_settings
from bot.store import Store
from tests.postgres_cluster import PostgresCluster, why_not_available

WORDS = [
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "on",
    "for",
    "with",
    "by",
    "at",
    "from",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "it",
    "its",
    "that",
    "this",
    "he",
    "she",
    "they",
    "said",
    "council",
    "city",
    "bridge",
    "river",
    "vote",
    "voted",
    "build",
    "new",
    "million",
    "dollars",
    "mayor",
    "plan",
    "will",
    "would",
    "not",
    "no",
    "yes",
    "residents",
    "money",
    "year",
    "years",
    "people",
    "work",
    "road",
    "traffic",
    ".",
    ",",
    "!",
    "?",
    ":",
    ";",
    "'",
    '"',
    "-",
    "(",
    ")",
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "0",
]


def build_tiny_model(folder: Path) -> Path:
    """A 2-layer random Llama with a word-level tokenizer and a chat template, saved as a model folder."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    specials = ["<unk>", "<|im_start|>", "<|im_end|>", "<pad>"]
    vocab = {token: i for i, token in enumerate(specials + [w for w in dict.fromkeys(WORDS)])}
    for word in ("system", "user", "assistant", "\n"):
        vocab.setdefault(word, len(vocab))
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Punctuation()])
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        unk_token="<unk>",
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        pad_token="<pad>",
    )
    tokenizer.chat_template = (
        "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
        "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
    )
    torch.manual_seed(0)
    config = LlamaConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=1024,
        bos_token_id=vocab["<|im_start|>"],
        eos_token_id=vocab["<|im_end|>"],
        pad_token_id=vocab["<pad>"],
        tie_word_embeddings=True,
    )
    model = LlamaForCausalLM(config)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    return build_tiny_model(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture
def write_config(tmp_path):
    """Write a config.yaml into the test's folder from nested dicts and load it."""

    def write(sections: dict | None = None, name: str = "config.yaml") -> Settings:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(sections or {}), encoding="utf-8")
        return load_settings(path)

    return write


@pytest.fixture
def tiny_settings(write_config, tiny_model_dir) -> Settings:
    """Settings that use the tiny model and a store in the test's own folder."""
    return write_config({"model": {"name": str(tiny_model_dir), "threads": 1}})


# -- stores on both engines --------------------------------------------------------------------------------
POSTGRES_REQUIRED_ENV = "BRIEFBOT_TEST_POSTGRES"  # "required" (as in CI): no PostgreSQL fails instead of skipping


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server of the tests' own for the whole session (skipped, with the reason, where none can run)."""
    reason = why_not_available()
    if reason is not None:
        if os.environ.get(POSTGRES_REQUIRED_ENV) == "required":
            pytest.fail(f"PostgreSQL is required here ({POSTGRES_REQUIRED_ENV}=required): {reason}")
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """Where a test's store lives: a new SQLite file, then (the same test again) a new PostgreSQL database."""
    if request.param == "sqlite":
        yield tmp_path / "b.sqlite3"
        return
    cluster = request.getfixturevalue("postgres_cluster")
    url = cluster.new_database()
    yield url
    cluster.drop_database(url)


@pytest.fixture
def postgres_database(postgres_cluster):
    """The URL of a new, empty PostgreSQL database, removed after the test."""
    url = postgres_cluster.new_database()
    yield url
    postgres_cluster.drop_database(url)


@pytest.fixture
def open_store(store_location):
    """Open a Store (at the test's location unless told another); every store opened is closed afterwards."""
    opened: list[Store] = []

    def open_(location=None) -> Store:
        store = Store(store_location if location is None else location)
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()
