"""Shared set-up of the project's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def fork_server():
    """One fork server for the whole session, started before torch is imported."""
    from grader import forkserver

    forkserver.start_server()
