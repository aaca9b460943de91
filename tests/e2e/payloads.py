"""What every payload the bot sent must satisfy, and what the tests read off them: Discord's embed limits, no
mention allowed, how fast an interaction was acknowledged, and the reply that stands at the end.

The embed limits are Discord's: title 256, description 4096, 25 fields of name 256 and value 1024, footer 2048,
author 256, 6000 characters in all the embeds of one message, 10 embeds, 2000 characters of content.
"""

from __future__ import annotations

from tests.e2e.discord_objects import EPHEMERAL, Json
from tests.e2e.discord_server import FakeDiscord, Interaction, Request

WORKING = 0xE67E22  # the orange of a reply still being written (bot/discord_bot/render.py)
POSTS = {"callback", "original", "followup", "channel-message"}


def embed_problems(embed: Json) -> list[str]:
    problems = []
    sizes = {
        "title": (len(embed.get("title") or ""), 256),
        "description": (len(embed.get("description") or ""), 4096),
        "footer": (len((embed.get("footer") or {}).get("text") or ""), 2048),
        "author": (len((embed.get("author") or {}).get("name") or ""), 256),
        "fields": (len(embed.get("fields") or []), 25),
    }
    for field in embed.get("fields") or []:
        sizes[f"field name {field['name'][:20]!r}"] = (len(field["name"]), 256)
        sizes[f"field value of {field['name'][:20]!r}"] = (len(field["value"]), 1024)
    problems += [f"{what}: {size} > {limit}" for what, (size, limit) in sizes.items() if size > limit]
    return problems


def embed_characters(embed: Json) -> int:
    fields = embed.get("fields") or []
    return (
        len(embed.get("title") or "")
        + len(embed.get("description") or "")
        + len((embed.get("footer") or {}).get("text") or "")
        + len((embed.get("author") or {}).get("name") or "")
        + sum(len(f["name"]) + len(f["value"]) for f in fields)
    )


def message_of(request: Request) -> Json | None:
    """The message a request posts or edits (a callback's is in its data), or None (a deletion, a deferral)."""
    if request.kind not in POSTS or request.method == "DELETE" or request.body is None:
        return None
    body = request.body.get("data") if request.kind == "callback" else request.body
    return body if body and ("content" in body or "embeds" in body) else None


def problems_of(request: Request) -> list[str]:
    """Everything wrong with one payload: embeds beyond Discord's limits, mentions allowed, content too long."""
    message = message_of(request)
    if message is None:
        return []
    embeds = message.get("embeds") or []
    problems = [problem for embed in embeds for problem in embed_problems(embed)]
    if sum(embed_characters(embed) for embed in embeds) > 6000:
        problems.append("embeds: more than 6000 characters in one message")
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} embeds in one message")
    if len(message.get("content") or "") > 2000:
        problems.append("content: more than 2000 characters")
    mentions = message.get("allowed_mentions")
    if mentions is None or mentions.get("parse") != [] or mentions.get("users") or mentions.get("roles"):
        problems.append(f"allowed_mentions {mentions!r}: a mention could ping someone")
    if mentions and mentions.get("replied_user"):
        problems.append("allowed_mentions pings the replied-to user")
    return [f"{request.method} {request.kind}: {problem}" for problem in problems]


def all_problems(server: FakeDiscord) -> list[str]:
    return [problem for request in server.requests for problem in problems_of(request)] + [
        f"unknown route {route}" for route in server.unknown
    ]


def acknowledged_after(server: FakeDiscord, interaction: Interaction) -> float:
    """Seconds from the INTERACTION_CREATE to the bot's first response to it."""
    callback = next(r for r in server.sent_for(interaction) if r.kind == "callback")
    return callback.at - interaction.sent


def is_done(message: Json) -> bool:
    """A bot message that is no longer being written: embeds, none orange, no ⏳ status line."""
    embeds = message.get("embeds") or []
    return (
        bool(embeds) and "⏳" not in (message.get("content") or "") and all(e.get("color") != WORKING for e in embeds)
    )


def is_final(server: FakeDiscord, interaction: Interaction) -> bool:
    """Whether the interaction has its last reply: a direct (refusal) response, a finished @original, or an
    ephemeral followup in place of the deleted @original (a failure told privately)."""
    sent = server.sent_for(interaction)
    callback = next((r for r in sent if r.kind == "callback"), None)
    if callback is None:
        return False
    if callback.body["type"] == 4:
        return True
    original = server.messages.get(interaction.original_id or 0)
    if original is not None and not original.get("deleted"):
        return is_done(original)
    return any(r.kind == "followup" and r.method == "POST" and (r.body or {}).get("flags", 0) & EPHEMERAL for r in sent)


def reply_to(server: FakeDiscord, message: Json) -> Json | None:
    """The bot's reply to a user's message (the first message it posted referring to it), as last edited."""
    for posted in server.messages.values():
        reference = posted.get("message_reference") or {}
        if posted["author"]["id"] == server.bot_user["id"] and reference.get("message_id") == message["id"]:
            return posted
    return None


def finished_at(server: FakeDiscord, interaction: Interaction) -> float:
    """When the last request about the interaction arrived (its final reply, once `is_final`)."""
    return max(r.at for r in server.sent_for(interaction))


def response_text(server: FakeDiscord, interaction: Interaction) -> str:
    """A direct response's content (a refusal, a busy reply)."""
    callback = next(r for r in server.sent_for(interaction) if r.kind == "callback")
    return (callback.body.get("data") or {}).get("content") or ""
