"""config.yaml, loaded and validated once into typed, frozen settings.

Each section is a dataclass; a field's metadata says what values are allowed. An unknown key or a bad value is
a `ConfigError` whose one-line message names the key and what is allowed. Relative paths are resolved against
the folder of the config file.
"""

from __future__ import annotations

import dataclasses
import os
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.models import BriefbotError

NAMED_TONES = ("neutral", "formal", "casual", "skeptical", "plain-english")
CONFIG_ENV = "BRIEFBOT_CONFIG"


class ConfigError(BriefbotError):
    """A config file that cannot be used; the message names the key and what is allowed."""


def _opt(default: Any, doc: str, **rules: Any) -> Any:
    """A settings field: `rules` may hold choices, min, max, max_len."""
    if isinstance(default, list | dict):
        return field(default_factory=lambda: type(default)(default), metadata={"doc": doc, **rules})
    return field(default=default, metadata={"doc": doc, **rules})


@dataclass(frozen=True)
class ModelSettings:
    name: str = _opt("embedded", "'embedded', a Hugging Face model id, or a local model folder", max_len=500)
    threads: int = _opt(2, "torch threads for generation (0: all cores)", min=0, max=256)
    cache_dir: Path = _opt(Path(".cache/models"), "where the embedded model is converted once to safetensors")
    quantize: str = _opt("none", "dynamic quantization of Linear layers", choices=("none", "int8"))
    max_context_tokens: int = _opt(
        2048, "most prompt+answer tokens per generation (also capped by the model's window)", min=256, max=131072
    )


@dataclass(frozen=True)
class BriefingSettings:
    length: int = _opt(3, "sentences in a briefing", min=1, max=10)
    tone: str = _opt("neutral", f"one of {', '.join(NAMED_TONES)}, or free text describing a tone", max_len=200)


@dataclass(frozen=True)
class ExpertSettings:
    include_organizations: bool = _opt(False, "list organizations that are quoted (a spokesperson's statement...)")
    max_experts: int = _opt(15, "most experts listed per source", min=1, max=100)
    max_evidence: int = _opt(3, "most evidence passages per expert", min=1, max=20)


@dataclass(frozen=True)
class LimitSettings:
    max_source_words: int = _opt(30000, "longer sources are refused", min=100, max=1_000_000)
    max_download_bytes: int = _opt(5_000_000, "body size cap, counted after decompression", min=1000)
    connect_timeout_s: float = _opt(5.0, "seconds to connect to a web server", min=0.1, max=120)
    fetch_timeout_s: float = _opt(20.0, "seconds for a whole download", min=0.5, max=600)
    max_redirects: int = _opt(3, "redirects followed, each checked like the first URL", min=0, max=10)
    pdf_timeout_s: float = _opt(20.0, "seconds allowed to extract the text of a PDF", min=1, max=600)
    max_pdf_pages: int = _opt(300, "PDF pages read; later pages are left out with a warning", min=1, max=100_000)


@dataclass(frozen=True)
class FetchSettings:
    allowed_ports: list[int] = _opt([80, 443], "ports a link may use")
    allowlist: list[str] = _opt(
        [], "hosts or networks (CIDR) fetched even though they are not public, e.g. '10.1.2.0/24'"
    )
    user_agent: str = _opt(
        "briefbot/0.1 (+https://github.com/briefbot/briefbot; reads one article when a user asks)",
        "the User-Agent header sent with every request",
        max_len=300,
    )


@dataclass(frozen=True)
class StorageSettings:
    path: Path = _opt(Path("data/briefbot.sqlite3"), "the SQLite file holding sources, briefings, conversations")
    url: str | None = _opt(
        None, "a PostgreSQL server instead of the file: postgresql://USER@HOST:PORT/DATABASE", max_len=2000
    )

    def __post_init__(self) -> None:
        if self.url is not None and not self.url.startswith(("postgresql://", "postgres://")):
            # the value is not echoed: it may hold a password
            raise ConfigError("'storage.url' must be a PostgreSQL URL: postgresql://USER@HOST:PORT/DATABASE")


@dataclass(frozen=True)
class DiscordSettings:
    allowed_guilds: list[int] = _opt([], "server (guild) ids the bot answers in; empty: every server it is in")
    allowed_channels: list[int] = _opt(
        [], "channel ids the bot answers in (a thread counts as its channel); empty: all"
    )
    allowed_roles: list[int] = _opt([], "role ids; a member needs one of them; empty: everyone")
    allow_dms: bool = _opt(False, "answer in direct messages")
    max_queue: int = _opt(4, "briefings and questions queued or running at once; more are told to try later", min=1)
    brief_cooldown_s: float = _opt(30.0, "seconds a user waits between two briefings", min=0, max=86400)
    ask_cooldown_s: float = _opt(5.0, "seconds a user waits between two questions", min=0, max=86400)
    max_text_chars: int = _opt(20000, "longest pasted text briefed", min=100, max=1_000_000)
    max_attachment_bytes: int = _opt(2_000_000, "largest attached file briefed", min=1000)
    threads: bool = _opt(False, "open a thread on every briefing; messages in it are follow-up questions")
    auto_brief_channels: list[int] = _opt([], "channel ids where every posted link is briefed unasked")
    message_content_intent: bool = _opt(
        False, "ask Discord for the privileged message-content intent (auto-brief, threads without a mention)"
    )


@dataclass(frozen=True)
class Settings:
    model: ModelSettings = field(default_factory=ModelSettings)
    briefing: BriefingSettings = field(default_factory=BriefingSettings)
    experts: ExpertSettings = field(default_factory=ExpertSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    source: Path | None = None  # the file these settings came from, if any

    def replace(self, section: str, **changes: Any) -> Settings:
        """A copy with some values of one section changed (validated like the file)."""
        current = getattr(self, section)
        values = {f.name: getattr(current, f.name) for f in dataclasses.fields(current)}
        values.update(changes)
        return dataclasses.replace(self, **{section: _build(type(current), values, f"{section}.", Path.cwd())})


def find_config_file(explicit: str | os.PathLike | None = None) -> Path | None:
    """--config FILE, else $BRIEFBOT_CONFIG, else ./config.yaml if present, else none (built-in defaults)."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    local = Path("config.yaml")
    return local if local.is_file() else None


def load_settings(explicit: str | os.PathLike | None = None) -> Settings:
    path = find_config_file(explicit)
    if path is None:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "briefbot"
        return _build(Settings, {}, "", base)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: not valid YAML{where}") from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of sections")
    try:
        settings = _build(Settings, raw, "", path.resolve().parent)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return dataclasses.replace(settings, source=path)


def _build(cls: type, raw: dict, prefix: str, base: Path) -> Any:
    hints = typing.get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls) if f.name != "source"}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        key = f"{prefix}{unknown[0]}"
        raise ConfigError(f"unknown key '{key}' (allowed here: {', '.join(known)})")
    values = {}
    for name, f in known.items():
        key = f"{prefix}{name}"
        kind = hints[name]
        if dataclasses.is_dataclass(kind):
            section = raw.get(name) or {}
            if not isinstance(section, dict):
                raise ConfigError(f"'{key}' must be a section of keys (allowed: {_field_names(kind)})")
            values[name] = _build(kind, section, f"{key}.", base)
        elif name in raw and not (raw[name] is None and f.default is None):  # an optional key left empty
            values[name] = _check(key, raw[name], kind, f.metadata, base)
        elif isinstance(f.default, Path):
            values[name] = _resolve(f.default, base)
    return cls(**values)


def _field_names(cls: type) -> str:
    return ", ".join(f.name for f in dataclasses.fields(cls))


def _resolve(path: Path, base: Path) -> Path:
    path = path.expanduser()
    return path if path.is_absolute() else base / path


def _check(key: str, value: Any, kind: Any, rules: typing.Mapping, base: Path) -> Any:
    doc = rules.get("doc", "")
    origin = typing.get_origin(kind)
    if origin is list:
        (item_kind,) = typing.get_args(kind)
        if not isinstance(value, list):
            raise ConfigError(f"'{key}' must be a list ({doc})")
        return [_check(f"{key}[{i}]", item, item_kind, {"doc": doc}, base) for i, item in enumerate(value)]
    if origin in (types.UnionType, typing.Union):
        kind = next(k for k in typing.get_args(kind) if k is not type(None))
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"'{key}' must be true or false, not {value!r}")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"'{key}' must be a whole number{_range(rules)}, not {value!r}")
    elif kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"'{key}' must be a number{_range(rules)}, not {value!r}")
        value = float(value)
    elif kind is str:
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{key}' must be a non-empty text ({doc}), not {value!r}")
        value = value.strip()
        if "choices" in rules and value not in rules["choices"]:
            raise ConfigError(f"'{key}' must be one of {', '.join(rules['choices'])}, not {value!r}")
        if len(value) > rules.get("max_len", 10_000):
            raise ConfigError(f"'{key}' is too long (at most {rules['max_len']} characters)")
    elif kind is Path:
        if isinstance(value, Path):
            return value
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"'{key}' must be a path ({doc}), not {value!r}")
        return _resolve(Path(value), base)
    if ("min" in rules and value < rules["min"]) or ("max" in rules and value > rules["max"]):
        raise ConfigError(f"'{key}' must be{_range(rules)}, not {value!r}")
    return value


def _range(rules: typing.Mapping) -> str:
    if "min" in rules and "max" in rules:
        return f" from {rules['min']} to {rules['max']}"
    if "min" in rules:
        return f" of at least {rules['min']}"
    return ""
