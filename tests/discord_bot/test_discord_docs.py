"""docs/discord.md: the invite links ask for exactly the permissions the bot needs."""

from __future__ import annotations

import re
from pathlib import Path

import discord
import pytest

pytestmark = pytest.mark.discord

DOCS = Path(__file__).resolve().parents[2] / "docs" / "discord.md"
NEEDED = discord.Permissions(
    view_channel=True, send_messages=True, send_messages_in_threads=True, embed_links=True, read_message_history=True
)


def test_the_invite_links_carry_exactly_the_needed_permissions():
    with_threads = discord.Permissions(NEEDED.value)
    with_threads.create_public_threads = True
    links = re.findall(r"https://discord\.com/oauth2/authorize\?\S+permissions=(\d+)", DOCS.read_text())
    assert [int(value) for value in links] == [NEEDED.value, with_threads.value] == [274877991936, 309237730304]
    for value in links:
        granted = discord.Permissions(int(value))
        assert not (granted.mention_everyone or granted.attach_files or granted.administrator)
    assert DOCS.read_text().count("scope=bot+applications.commands&permissions=") == 2
