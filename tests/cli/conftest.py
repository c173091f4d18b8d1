"""Fixtures of the CLI tests: a runner and broken copies of the data (made with the shared
``make_dataset`` of tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from esante_cli.cli import app
from esante_cli.dataset import load_dataset, packaged_data_dir


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run ``esante ARGS`` in-process; stdout and stderr are captured apart."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, prog_name="esante")

    return run


def _level5(raw: Any) -> None:
    raw["jobs"][3]["competences"][0]["expected_level"] = 5


def _unknown_job_mobility(raw: Any) -> None:
    raw["mobilities"][0]["from"] = "astronaute"


@pytest.fixture
def level5_data(make_dataset: Callable[..., Path]) -> Path:
    """A dataset whose only problem is a level 5 in ``metier.json`` (jobs[3])."""
    return make_dataset(metier=_level5, name="level5")


@pytest.fixture
def bad_mobility_data(make_dataset: Callable[..., Path]) -> Path:
    """A dataset whose only problem is a mobility from an unknown job ('astronaute')."""
    return make_dataset(mobilites=_unknown_job_mobility, name="bad-mobility")


@pytest.fixture
def doubly_broken_data(make_dataset: Callable[..., Path]) -> Path:
    """A dataset with both problems: a level 5 and a mobility from an unknown job."""
    return make_dataset(metier=_level5, mobilites=_unknown_job_mobility, name="two-problems")


@pytest.fixture(scope="module")
def ds():
    """The packaged data, read explicitly so that no ``ESANTE_DATA`` of the shell leaks in."""
    return load_dataset(packaged_data_dir())
