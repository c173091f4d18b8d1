"""Fixtures of the CLI tests: a clean environment, a runner, and broken copies of the data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from esante_cli.cli import app
from esante_cli.dataset import METIER, MOBILITES, load_dataset, packaged_data_dir

Mutator = Callable[[Any], None]

@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run ``esante ARGS`` in-process; stdout and stderr are captured apart."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, prog_name="esante")

    return run


@pytest.fixture
def make_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Copy the real data into ``tmp_path`` and apply mutators to the parsed JSON files."""

    def make(metier: Mutator | None = None, mobilites: Mutator | None = None,
             name: str = "dataset") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file, mutate in ((METIER, metier), (MOBILITES, mobilites)):
            shutil.copyfile(packaged_data_dir() / file, folder / file)
            if mutate is not None:
                raw = json.loads((folder / file).read_text(encoding="utf-8"))
                mutate(raw)
                (folder / file).write_text(json.dumps(raw, ensure_ascii=False, indent=2),
                                           encoding="utf-8")
        return folder

    return make


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
