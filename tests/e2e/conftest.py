"""Fixtures for the bot as a process (tests/e2e/deployment.py): `deployment` for one test, started and closed
around it; a test module that shares one bot across its tests builds its own module-scoped Deployment."""

from __future__ import annotations

import pytest

from tests.e2e.deployment import Deployment


@pytest.fixture
async def deployment(tmp_path, tiny_model_dir):
    started = await Deployment(tmp_path, tiny_model_dir).start()
    yield started
    await started.close()
