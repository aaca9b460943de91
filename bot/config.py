"""config.yaml, loaded and validated once (by pydantic) into typed, frozen settings.

Each section is a frozen dataclass whose fields say, in their annotations, what values are allowed; pydantic
checks a file against them. An unknown key or a bad value is a `ConfigError` whose one-line message names
the key and what is allowed. Relative paths are resolved against the folder of the config file.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    with_config,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, PydanticCustomError

from bot.models import BriefbotError
from bot.resources import named_tones

CONFIG_ENV = "BRIEFBOT_CONFIG"


class ConfigError(BriefbotError):
    """A config file that cannot be used; the message names the key and what is allowed."""


def _path_text(value: Any) -> Any:
    if isinstance(value, Path) or (isinstance(value, str) and value.strip()):
        return value
    raise PydanticCustomError("path_type", "not a path")


def _resolve(path: Path, info: ValidationInfo) -> Path:
    """Relative to the config file's folder (handed over as the validation context)."""
    path = path.expanduser()
    return path if path.is_absolute() else info.context["base"] / path


# Value kinds: strict, so "3" is not a number and "yes" is not true.
Whole = Annotated[int, Strict()]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]
Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
FilePath = Annotated[Path, BeforeValidator(_path_text), AfterValidator(_resolve)]
Port = Annotated[Whole, Field(ge=1, le=65535)]


def _postgres_url(value: str) -> str:
    if not value.startswith(("postgresql://", "postgres://")):
        raise PydanticCustomError("postgres_url", "not a PostgreSQL URL")  # the value may hold a password
    return value


PostgresUrl = Annotated[
    str,
    Strict(),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    AfterValidator(_postgres_url),
]
DiscordId = Annotated[Whole, Field(ge=0)]

_section = with_config(ConfigDict(extra="forbid", validate_default=True))


def _server_url(value: str | None, info: ValidationInfo) -> str | None:
    """An http(s) URL of an OpenAI-compatible API (".../v1"), needed when the backend is a server."""
    if value is None and info.data.get("backend") == "openai":
        raise PydanticCustomError("server_url_missing", "needed with backend openai")
    parts = urlsplit(value or "")
    if value is not None and (parts.username or parts.password):
        raise PydanticCustomError("server_url_secret", "holds a user or password")
    if value is not None and (parts.scheme not in ("http", "https") or not parts.hostname or parts.query):
        raise PydanticCustomError("server_url", "not an http(s) URL")
    return None if value is None else value.rstrip("/")


def _threads(value: object) -> int | str:
    """`auto`, or a whole number of threads from 0 (torch's default: every core) to 256."""
    if value == "auto" or (type(value) is int and 0 <= value <= 256):
        return value
    raise PydanticCustomError("threads", "not auto or a whole number from 0 to 256")


Threads = Annotated[int | str, PlainValidator(_threads)]
ServerUrl = Annotated[str | None, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
EnvName = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=200)]


@_section
@dataclass(frozen=True)
class ModelSettings:
    name: Annotated[
        Text,
        Field(
            max_length=500,
            description="'embedded', a Hugging Face model id, or a local model folder; with backend openai, the "
            "served model's id ('embedded': the server's only model)",
        ),
    ] = "embedded"
    threads: Annotated[
        Threads,
        Field(description="torch threads: auto (the cores other work leaves free, bot/llm/threads.py) or a number"),
    ] = "auto"
    cache_dir: Annotated[FilePath, Field(description="where the embedded model is converted once to safetensors")] = (
        Path(".cache/models")
    )
    quantize: Annotated[Literal["none", "int8"], Field(description="Linear layers as int8 (quantized.py)")] = "none"
    linear_kernel: Annotated[Literal["auto", "blas", "onednn"], Field(description="float Linear: onednn.py")] = "auto"
    max_context_tokens: Annotated[
        Whole,
        Field(
            ge=256,
            le=131072,
            description="most prompt+answer tokens per generation (also capped by the model's window)",
        ),
    ] = 2048
    draft_tokens: Annotated[
        Whole,
        Field(
            ge=0,
            le=16,
            description="tokens guessed per step from the prompt and verified in the same pass (0: no drafting)",
        ),
    ] = 3
    # 0: the output layer scores every token; N: only the prompt's tokens and the N most common
    output_tokens: Annotated[Whole, Field(ge=0, le=1_000_000, description="tokens the output layer scores")] = 0
    backend: Annotated[
        Literal["embedded", "openai"], Field(description="embedded: in this process; openai: a server at model.url")
    ] = "embedded"
    url: Annotated[ServerUrl, AfterValidator(_server_url), Field(description="the server's API base URL")] = None
    api_key_env: Annotated[EnvName | None, Field(description="an environment variable holding the API key")] = None
    timeout_s: Annotated[Number, Field(ge=1, le=3600, description="seconds one request to the server may take")] = 120.0
    connect_timeout_s: Annotated[Number, Field(ge=0.1, le=120, description="seconds to connect to the server")] = 5.0
    retries: Annotated[Whole, Field(ge=0, le=10, description="retries of a request refused (429, 5xx) or dropped")] = 3
    max_in_flight: Annotated[Whole, Field(ge=1, le=256, description="requests sent to the server at once")] = 8
    tokenizer: Annotated[
        Text | None, Field(max_length=500, description="the served model's tokenizer: 'embedded', an id or a folder")
    ] = None


@_section
@dataclass(frozen=True)
class BriefingSettings:
    length: Annotated[Whole, Field(ge=1, le=10, description="sentences in a briefing")] = 3
    tone: Annotated[
        Text, Field(max_length=200, description=f"one of {', '.join(named_tones())}, or free text describing a tone")
    ] = "neutral"


@_section
@dataclass(frozen=True)
class ExpertSettings:
    include_organizations: Annotated[
        Flag, Field(description="list organizations that are quoted (a spokesperson's statement...)")
    ] = False
    max_experts: Annotated[Whole, Field(ge=1, le=100, description="most experts listed per source")] = 15
    max_evidence: Annotated[Whole, Field(ge=1, le=20, description="most evidence passages per expert")] = 3


@_section
@dataclass(frozen=True)
class LimitSettings:
    max_source_words: Annotated[Whole, Field(ge=100, le=1_000_000, description="longer sources are refused")] = 30000
    max_source_chars: Annotated[Whole, Field(ge=1000, le=900000, description="characters read (the opening)")] = 60000
    max_download_bytes: Annotated[Whole, Field(ge=1000, description="body size cap, counted after decompression")] = (
        5_000_000
    )
    connect_timeout_s: Annotated[Number, Field(ge=0.1, le=120, description="seconds to connect to a web server")] = 5.0
    fetch_timeout_s: Annotated[Number, Field(ge=0.5, le=600, description="seconds for a whole download")] = 20.0
    max_redirects: Annotated[
        Whole, Field(ge=0, le=10, description="redirects followed, each checked like the first URL")
    ] = 3
    pdf_timeout_s: Annotated[
        Number, Field(ge=1, le=600, description="seconds allowed to extract the text of a PDF")
    ] = 20.0
    max_pdf_pages: Annotated[
        Whole, Field(ge=1, le=100_000, description="PDF pages read; later pages are left out with a warning")
    ] = 300


@_section
@dataclass(frozen=True)
class FetchSettings:
    allowed_ports: Annotated[list[Port], Field(description="ports a link may use")] = field(
        default_factory=lambda: [80, 443]
    )
    allowlist: Annotated[list[Text], Field(description="non-public hosts or CIDR nets")] = field(default_factory=list)
    user_agent: Annotated[Text, Field(max_length=300, description="the User-Agent header sent with every request")] = (
        "briefbot/0.1 (+https://github.com/briefbot/briefbot; reads one article when a user asks)"
    )


@_section
@dataclass(frozen=True)
class StorageSettings:
    path: Annotated[FilePath, Field(description="the SQLite file holding sources, briefings, conversations")] = Path(
        "data/briefbot.sqlite3"
    )
    url: Annotated[
        PostgresUrl | None,
        Field(description="a PostgreSQL server instead of the file: postgresql://USER@HOST:PORT/DATABASE"),
    ] = None


@_section
@dataclass(frozen=True)
class DiscordSettings:
    allowed_guilds: Annotated[
        list[DiscordId], Field(description="server (guild) ids the bot answers in; empty: every server it is in")
    ] = field(default_factory=list)
    allowed_channels: Annotated[
        list[DiscordId],
        Field(description="channel ids the bot answers in (a thread counts as its channel); empty: all"),
    ] = field(default_factory=list)
    allowed_roles: Annotated[
        list[DiscordId], Field(description="role ids; a member needs one of them; empty: everyone")
    ] = field(default_factory=list)
    allow_dms: Annotated[Flag, Field(description="answer in direct messages")] = False
    max_queue: Annotated[
        Whole, Field(ge=1, description="briefings and questions queued or running at once; more are told to try later")
    ] = 4
    brief_cooldown_s: Annotated[
        Number, Field(ge=0, le=86400, description="seconds a user waits between two briefings")
    ] = 30.0
    ask_cooldown_s: Annotated[
        Number, Field(ge=0, le=86400, description="seconds a user waits between two questions")
    ] = 5.0
    max_text_chars: Annotated[Whole, Field(ge=100, le=1_000_000, description="longest pasted text briefed")] = 20000
    max_attachment_bytes: Annotated[Whole, Field(ge=1000, description="largest attached file briefed")] = 2_000_000
    threads: Annotated[
        Flag, Field(description="open a thread on every briefing; messages in it are follow-up questions")
    ] = False
    auto_brief_channels: Annotated[
        list[DiscordId], Field(description="channel ids where every posted link is briefed unasked")
    ] = field(default_factory=list)
    memory_scope: Annotated[
        Literal["channel", "server"],
        Field(description="where /who, /compare and /forget look: the channel's articles, or the whole server's"),
    ] = "channel"
    message_content_intent: Annotated[
        Flag,
        Field(
            description="ask Discord for the privileged message-content intent (auto-brief, threads without a mention)"
        ),
    ] = False


@_section
@dataclass(frozen=True)
class Settings:
    model: ModelSettings = field(default_factory=ModelSettings)
    briefing: BriefingSettings = field(default_factory=BriefingSettings)
    experts: ExpertSettings = field(default_factory=ExpertSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)

    def replace(self, section: str, **changes: Any) -> Settings:
        """A copy with some values of one section changed (validated like the file)."""
        raw = dataclasses.asdict(self)
        raw[section] = {**raw[section], **changes}
        return _validate(raw, Path.cwd())


SECTIONS: dict[str, type] = {f.name: f.default_factory for f in dataclasses.fields(Settings)}
_SETTINGS = TypeAdapter(Settings)


def find_config_file(explicit: str | os.PathLike | None = None) -> Path | None:
    """--config FILE, else $BRIEFBOT_CONFIG, else ./config.yaml if present, else none (built-in defaults)."""
    if explicit:
        return Path(explicit)
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    return Path("config.yaml") if Path("config.yaml").is_file() else None


def load_settings(explicit: str | os.PathLike | None = None) -> Settings:
    """The settings of the config file `find_config_file` chooses, validated; built-in defaults without one."""
    path = find_config_file(explicit)
    if path is None:
        return _validate({}, Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "briefbot")
    raw = _read_yaml(path)
    try:
        return _validate(raw, path.resolve().parent)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _read_yaml(path: Path) -> dict:
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
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the top level must be a mapping of sections")
    return raw


def _validate(raw: dict, base: Path) -> Settings:
    """Settings from nested dicts; every section is validated (an empty one is YAML's None), defaults too."""
    sections = {name: {} for name in SECTIONS} | {key: {} if value is None else value for key, value in raw.items()}
    try:
        return _SETTINGS.validate_python(sections, context={"base": base})
    except ValidationError as exc:
        raise ConfigError(_message(exc.errors()[0])) from None


# -- one line per error, naming the key ---------------------------------------------------------------------


def _message(error: ErrorDetails) -> str:
    loc = error["loc"]
    section = SECTIONS.get(str(loc[0])) if loc else None
    if error["type"] in ("unexpected_keyword_argument", "extra_forbidden", "invalid_key"):
        allowed = _names(section) if len(loc) > 1 and section else ", ".join(SECTIONS)
        return f"unknown key '{'.'.join(map(str, loc))}' (allowed here: {allowed})"
    key = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(".")
    if len(loc) == 1 and section:
        return f"'{key}' must be a section of keys (allowed: {_names(section)})"
    explain = _EXPLAIN.get(error["type"])
    if len(loc) < 2 or section is None or explain is None:
        return f"'{key}': {error['msg']}"
    return f"'{key}' {explain(_field_info(section, loc[1:]), error.get('ctx') or {}, error['input'])}"


def _names(section: type) -> str:
    return ", ".join(f.name for f in dataclasses.fields(section))


def _field_info(section: type, path: tuple) -> FieldInfo:
    """What a field allows (its description and bounds); for `path` (name, index), what each item allows."""
    info = FieldInfo.from_annotation(typing.get_type_hints(section, include_extras=True)[path[0]])
    if len(path) == 1:
        return info
    (item_kind,) = typing.get_args(info.annotation)
    item = FieldInfo.from_annotation(item_kind)
    item.description = info.description
    return item


def _bounds(info: FieldInfo, joiner: str = "") -> str:
    """A field's bounds in words: ' from 1 to 10', ' at least 1' (' of at least 1' with joiner ' of'), or ''."""
    low = next((m.ge for m in info.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in info.metadata if hasattr(m, "le")), None)
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f"{joiner} at least {low}"
    return f"{joiner} at most {high}" if high is not None else ""


_EXPLAIN: dict[str, typing.Callable[[FieldInfo, dict, Any], str]] = {
    "int_type": lambda info, ctx, value: f"must be a whole number{_bounds(info, ' of')}, not {value!r}",
    "float_type": lambda info, ctx, value: f"must be a number{_bounds(info, ' of')}, not {value!r}",
    "greater_than_equal": lambda info, ctx, value: f"must be{_bounds(info)}, not {value!r}",
    "less_than_equal": lambda info, ctx, value: f"must be{_bounds(info)}, not {value!r}",
    "bool_type": lambda info, ctx, value: f"must be true or false, not {value!r}",
    "string_type": lambda info, ctx, value: f"must be a non-empty text ({info.description}), not {value!r}",
    "string_too_short": lambda info, ctx, value: f"must be a non-empty text ({info.description}), not {value!r}",
    "string_too_long": lambda info, ctx, value: f"is too long (at most {ctx['max_length']} characters)",
    "literal_error": lambda info, ctx, value: (
        f"must be one of {', '.join(typing.get_args(info.annotation))}, not {value!r}"
    ),
    "list_type": lambda info, ctx, value: f"must be a list ({info.description}), not {value!r}",
    "path_type": lambda info, ctx, value: f"must be a path ({info.description}), not {value!r}",
    "postgres_url": lambda info, ctx, value: "must be a PostgreSQL URL: postgresql://USER@HOST:PORT/DATABASE",
    "threads": lambda info, ctx, value: f"must be auto or a whole number from 0 to 256, not {value!r}",
    "server_url": lambda info, ctx, value: f"must be an http(s) URL such as http://127.0.0.1:8080/v1, not {value!r}",
    "server_url_secret": lambda info, ctx, value: "must not hold a user or password (see model.api_key_env)",
    "server_url_missing": lambda info, ctx, value: "is needed with backend openai (the server's API base URL)",
    "string_pattern_mismatch": lambda info, ctx, value: f"must be an environment variable's name, not {value!r}",
}
