"""Fixtures of the dataset tests: a clean environment and broken copies of the real data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from esante_cli.dataset import METIER, MOBILITES, packaged_data_dir

Mutator = Callable[[Any], None]

@pytest.fixture
def real_data_dir() -> Path:
    """The packaged dataset (``data/`` of the checkout)."""
    return packaged_data_dir()


@pytest.fixture
def make_dataset(tmp_path: Path, real_data_dir: Path) -> Callable[..., Path]:
    """Copy the real data into ``tmp_path`` and apply mutators to the parsed JSON files."""

    def make(metier: Mutator | None = None, mobilites: Mutator | None = None,
             name: str = "dataset") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file, mutate in ((METIER, metier), (MOBILITES, mobilites)):
            shutil.copyfile(real_data_dir / file, folder / file)
            if mutate is not None:
                raw = json.loads((folder / file).read_text(encoding="utf-8"))
                mutate(raw)
                (folder / file).write_text(json.dumps(raw, ensure_ascii=False, indent=2),
                                           encoding="utf-8")
        return folder

    return make
