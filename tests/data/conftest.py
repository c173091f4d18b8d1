"""Fixtures of the dataset tests (the clean environment and ``make_dataset`` are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.dataset import packaged_data_dir


@pytest.fixture
def real_data_dir() -> Path:
    """The packaged dataset (``data/`` of the checkout)."""
    return packaged_data_dir()
