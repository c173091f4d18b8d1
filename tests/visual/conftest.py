"""Fixtures of the picture, export and report tests: a runner, the bundled data, a shuffled
copy of it and a copy whose titles are hostile."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from esante_cli.cli import app
from esante_cli.dataset import METIER, MOBILITES, Dataset, load_dataset, packaged_data_dir

# Titles that try every trick: markup, entities, quotes, spreadsheet formulas, a Graphviz
# escape, matplotlib's mathematics, Mermaid syntax. Each must appear verbatim and inert.
HOSTILE = {
    "specialiste-e-sante": 'Spécialiste <b>e-santé</b> & "co" $x^2$',
    "data-scientist": '<script>alert(1)</script> & "Sci"',
    "architecte-iot": '=HYPERLINK("http://x.example")',
    "specialiste-devops": "+cmd|' /C calc'!A0",
    "ux-ui-designer": "-2+3 UX \\N #quot; `tick`",
    "data-engineer": "@SUM(1+1) Data]Eng|ineer",
}
HOSTILE_COMPETENCE = ("technologies-sante", '<img src=x onerror="alert(1)"> Santé & co')


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """Run ``esante ARGS`` in-process; stdout and stderr are captured apart."""
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(app, list(args), prog_name="esante")

    return run


@pytest.fixture(scope="session")
def real() -> Dataset:
    return load_dataset(packaged_data_dir())


def _copy(
    folder: Path,
    mutate_metier: Callable[[Any], None] | None = None,
    mutate_mob: Callable[[Any], None] | None = None,
) -> Path:
    folder.mkdir(parents=True)
    for name, mutate in ((METIER, mutate_metier), (MOBILITES, mutate_mob)):
        raw = json.loads((packaged_data_dir() / name).read_text(encoding="utf-8"))
        if mutate is not None:
            mutate(raw)
        (folder / name).write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def shuffled_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with every list in another order (jobs, their competences, the
    catalogue, the mobilities): outputs must not change by a byte."""
    rng = random.Random(20261128)

    def metier(raw: Any) -> None:
        rng.shuffle(raw["jobs"])
        rng.shuffle(raw["competences"])
        for job in raw["jobs"]:
            rng.shuffle(job["competences"])

    def mob(raw: Any) -> None:
        rng.shuffle(raw["mobilities"])

    return _copy(tmp_path_factory.mktemp("shuffled") / "data", metier, mob)


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with the hostile titles of ``HOSTILE`` and one hostile competence
    label."""

    def metier(raw: Any) -> None:
        for job in raw["jobs"]:
            if job["id"] in HOSTILE:
                job["title"] = HOSTILE[job["id"]]
        for comp in raw["competences"]:
            if comp["id"] == HOSTILE_COMPETENCE[0]:
                comp["label"] = HOSTILE_COMPETENCE[1]

    return _copy(tmp_path_factory.mktemp("hostile") / "data", metier)


@pytest.fixture
def copy_of_data(tmp_path: Path) -> Callable[[Callable[[Any], None]], Path]:
    """A copy of the bundled data with ``metier.json`` changed by a function."""
    return lambda mutate: _copy(tmp_path / "data", mutate)


@pytest.fixture(scope="session")
def hostile(hostile_dir: Path) -> Dataset:
    return load_dataset(hostile_dir)


@pytest.fixture(scope="session")
def shuffled(shuffled_dir: Path) -> Dataset:
    return load_dataset(shuffled_dir)


def svg_texts(svg: str) -> list[str]:
    """The text of every <text> element of an SVG, in document order (parsed, not grepped)."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def squeezed(text: str) -> str:
    """Text without any whitespace: a title wrapped (or split) on lines still reads whole."""
    return "".join(text.split())
