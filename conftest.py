"""Shared fixtures: every test gets its own empty store directory."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("revitalize-home")
    monkeypatch.setenv("REVITALIZE_HOME", str(home))
    return home
