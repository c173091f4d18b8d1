"""Fixtures of the people tests: datasets, profile files, and a runner with stderr apart."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from esante_cli.cli import app
from esante_cli.dataset import Dataset, load_dataset, packaged_data_dir
from esante_cli.profiles import Profile, parse_profile

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CHAIN = FIXTURES / "chain"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"

# A complete, varied profile on the bundled data (levels in catalogue order).
REAL_LEVELS = {
    "cycle-de-vie": 1,
    "diagnostic-test": 2,
    "ecoconception": 1,
    "technologies-sante": 2,
    "outils-ia-data": 3,
    "donnees-massives": 3,
    "travail-collaboratif": 3,
    "moyens-technologiques-humains": 2,
    "actualiser-connaissances": 3,
    "impact-economique": 2,
    "risques": 0,
}
SECRET_NAME = "Zoé Quintard-Secret"


@pytest.fixture(scope="session")
def chain() -> Dataset:
    """Five jobs a..e on alpha and beta (gamma has no levels): a (1, 1) card, b (2, 1),
    c (2, 2), d (3, 2), e (3, 3) estimates; declared moves a -> c, b -> d, a -> e."""
    return load_dataset(CHAIN)


@pytest.fixture(scope="session")
def real() -> Dataset:
    """The bundled dataset."""
    return load_dataset(packaged_data_dir())


@pytest.fixture
def person(chain: Dataset) -> Profile:
    """Levels (alpha 2, beta 1) on the chain: the levels of job b, self-assessed."""
    return parse_profile("name: Ana\ncompetences: {alpha: 2, beta: 1}\n", chain)


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run ``esante ARGS`` in-process (stdin from ``input``); stdout and stderr apart."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, prog_name="esante")

    return run


@pytest.fixture
def real_profile(tmp_path: Path) -> Path:
    """A complete profile file on the bundled data, with a name to hide."""
    lines = [f'name: "{SECRET_NAME}"', "current_job: data-scientist", "competences:"]
    lines += [f"  {c}: {lv}" for c, lv in REAL_LEVELS.items()]
    path = tmp_path / "profil.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file in ``tmp_path`` and return its path."""

    def make(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return make
