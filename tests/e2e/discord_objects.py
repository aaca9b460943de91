"""Discord's JSON objects as the API and the gateway send them (users, members, roles, guilds, channels, messages,
attachments, interactions), built by the fake Discord of tests/e2e/discord_server.py.

Only what discord.py 2.7 reads is filled in, with the types Discord uses (ids are strings, times ISO 8601).
Snowflake ids carry a time and a counter like Discord's, so a server's shard follows Discord's formula
`(guild_id >> 22) % shard_count`.
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000
# View Channels, Send Messages, Send Messages in Threads, Embed Links, Read Message History, Create Public Threads
EVERYONE_PERMISSIONS = str((1 << 10) | (1 << 11) | (1 << 38) | (1 << 14) | (1 << 16) | (1 << 35))
EPHEMERAL = 1 << 6
LOADING = 1 << 7

Json = dict[str, Any]


class Snowflakes:
    """Unique ids in Discord's shape: milliseconds since Discord's epoch, then 22 bits of counter."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._ms = int(time.time() * 1000) - DISCORD_EPOCH_MS

    def next(self) -> int:
        return (self._ms << 22) | (next(self._counter) & 0x3FFFFF)

    def on_shard(self, shard: int, count: int) -> int:
        """An id whose server Discord would put on `shard` of `count`."""
        while True:
            snowflake = self.next()
            if (snowflake >> 22) % count == shard:
                return snowflake
            self._ms += 1


def timestamp() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: int, name: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "public_flags": 0,
        "flags": 0,
    }


def member(user_json: Json, role_ids: list[int] = ()) -> Json:
    return {
        "user": user_json,
        "roles": [str(r) for r in role_ids],
        "joined_at": timestamp(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "pending": False,
        "permissions": EVERYONE_PERMISSIONS,
    }


def role(role_id: int, name: str, *, position: int = 0, permissions: str = EVERYONE_PERMISSIONS) -> Json:
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "position": position,
        "permissions": permissions,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def text_channel(channel_id: int, guild_id: int, name: str, position: int = 0) -> Json:
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
    }


def thread_channel(thread_id: int, parent: Json, owner_id: int, name: str) -> Json:
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": parent["guild_id"],
        "parent_id": parent["id"],
        "owner_id": str(owner_id),
        "name": name,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "last_message_id": None,
        "flags": 0,
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": timestamp(),
            "locked": False,
        },
    }


def guild(guild_id: int, name: str, channels: list[Json], members: list[Json], roles: list[Json]) -> Json:
    """A GUILD_CREATE's guild, with its channels, its members (the bot's own among them) and roles."""
    return {
        "id": str(guild_id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": members[0]["user"]["id"],
        "features": [],
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "channels": channels,
        "threads": [],
        "members": members,
        "member_count": len(members),
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "large": False,
        "unavailable": False,
        "joined_at": timestamp(),
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "mfa_level": 0,
        "verification_level": 0,
        "explicit_content_filter": 0,
        "default_message_notifications": 0,
        "system_channel_flags": 0,
        "nsfw_level": 0,
        "afk_timeout": 300,
        "afk_channel_id": None,
        "system_channel_id": None,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_video_channel_users": 25,
        "application_id": None,
        "widget_enabled": False,
    }


def attachment(attachment_id: int, filename: str, size: int, url: str, content_type: str) -> Json:
    return {
        "id": str(attachment_id),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
        "flags": 0,
    }


def message(
    message_id: int,
    channel: Json,
    author: Json,
    content: str,
    *,
    author_member: Json | None = None,
    mentions: list[Json] = (),
    reference: Json | None = None,
    attachments: list[Json] = (),
    embeds: list[Json] = (),
    flags: int = 0,
    kind: int = 0,
    webhook_id: int | None = None,
    application_id: int | None = None,
) -> Json:
    """A message as MESSAGE_CREATE carries it and as the API answers with it."""
    data: Json = {
        "id": str(message_id),
        "channel_id": channel["id"],
        "author": author,
        "content": content,
        "timestamp": timestamp(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": list(mentions),
        "mention_roles": [],
        "attachments": list(attachments),
        "embeds": list(embeds),
        "components": [],
        "pinned": False,
        "type": kind,
        "flags": flags,
    }
    if "guild_id" in channel:
        data["guild_id"] = channel["guild_id"]
    if author_member is not None:
        data["member"] = {key: value for key, value in author_member.items() if key != "user"}
    if reference is not None:
        data["message_reference"] = {
            "type": 0,
            "message_id": reference["id"],
            "channel_id": reference["channel_id"],
            "guild_id": channel.get("guild_id"),
        }
        data["referenced_message"] = reference
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if application_id is not None:
        data["application_id"] = str(application_id)
    return data


def interaction(
    interaction_id: int,
    token: str,
    application_id: int,
    channel: Json,
    member_json: Json,
    data: Json,
    *,
    kind: int = 2,
) -> Json:
    """An INTERACTION_CREATE in a server channel (kind 2: an application command; 4: an autocomplete)."""
    guild_id = channel["guild_id"]
    return {
        "id": str(interaction_id),
        "application_id": str(application_id),
        "type": kind,
        "token": token,
        "version": 1,
        "guild_id": guild_id,
        "guild": {"id": guild_id, "locale": "en-US", "features": []},
        "guild_locale": "en-US",
        "channel_id": channel["id"],
        "channel": channel,
        "member": member_json,
        "data": data,
        "app_permissions": EVERYONE_PERMISSIONS,
        "locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild_id},
        "context": 0,
        "attachment_size_limit": 10 * 1024 * 1024,
    }
