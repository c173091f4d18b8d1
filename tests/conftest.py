"""Fixtures every test shares: nothing from the developer's shell or CI runner leaks in."""

from __future__ import annotations

from pathlib import Path

import pytest

# Variables that change what the tool reads or how it writes; a developer's shell or a CI runner
# may set any of them, and no test should depend on that.
ENV_VARS = ("ESANTE_DATA", "ESANTE_MODEL", "ESANTE_LANG", "ESANTE_DEBUG", "ESANTE_NO_CACHE",
            "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES",
            "XDG_CACHE_HOME")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No variable of the shell leaks in, and the dataset cache is a fresh folder of this test
    (never the user's ~/.cache)."""
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(cache))
    return cache
