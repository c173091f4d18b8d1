"""What each command imports, seen in a fresh process: no command that needs no graph
imports networkx, and --help imports no renderer (nor numpy, nor pydantic)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

# Runs one command in a fresh interpreter, then prints the names of the loaded modules.
PROBE = """
import io, json, sys
sys.stdout = io.StringIO()
sys.stdin = io.StringIO({stdin!r})
from esante_cli.cli import main
code = main({argv!r})
sys.stdout = sys.__stdout__
print(json.dumps({{"code": code, "modules": sorted(sys.modules)}}))
"""

COMMANDS = {
    "--help": ["--help"],
    "list": ["list", "--format", "json"],
    "show": ["show", "specialiste-e-sante", "--format", "json"],
    "show-table": ["show", "specialiste-e-sante"],
    "competences": ["competences", "--format", "csv"],
    "competence": ["competence", "donnees-massives", "--format", "markdown"],
    "validate": ["validate"],
    "schema": ["schema"],
    "neighbours": ["neighbours", "data-scientist", "--format", "json"],
    "paths": ["paths", "data-scientist", "specialiste-e-sante", "--format", "json"],
    "compare": ["compare", "data-scientist", "data-engineer", "--format", "json"],
    "gap": ["gap", "data-scientist", "specialiste-e-sante"],
    "recommend": ["recommend", "architecte-iot", "--format", "json"],
    "batch": ["batch", "-"],
}
STDIN = (
    '{"query": "paths", "from": "data-scientist", "to": "specialiste-e-sante"}\n'
    '{"query": "recommend", "job": "architecte-iot"}\n'
)


@pytest.fixture(scope="module")
def loaded() -> dict[str, set[str]]:
    """The modules each command leaves loaded (commands run two at a time)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESANTE_")}

    def probe(argv: list[str]) -> set[str]:
        code = PROBE.format(argv=argv, stdin=STDIN if argv[0] == "batch" else "")
        proc = subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        assert out["code"] == 0, proc.stderr
        return set(out["modules"])

    with ThreadPoolExecutor(2) as pool:
        return dict(zip(COMMANDS, pool.map(probe, COMMANDS.values())))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_commands_that_need_no_graph_never_import_networkx(loaded, name):
    """networkx is only for library users and exports: no query command loads it."""
    assert "networkx" not in loaded[name]


def test_help_imports_no_renderer(loaded):
    """--help loads the command definitions, not one output format."""
    renderers = sorted(m for m in loaded["--help"] if m.startswith("esante_cli.render."))
    assert renderers == []


@pytest.mark.parametrize("heavy", ["numpy", "pydantic", "esante_cli.models", "esante_cli.dataset"])
def test_help_reads_no_data_and_builds_no_model(loaded, heavy):
    """--help needs neither the data, nor numpy, nor any pydantic model."""
    assert heavy not in loaded["--help"]


@pytest.mark.parametrize("name", ["show", "list", "competences", "schema"])
def test_card_commands_do_not_import_numpy(loaded, name):
    """The card commands compute no cost: numpy stays out."""
    assert "numpy" not in loaded[name]


def test_json_output_imports_only_the_json_renderer(loaded):
    """show --format json loads the JSON renderer, not the table one."""
    assert "esante_cli.render.json" in loaded["show"]
    assert "esante_cli.render.table" not in loaded["show"]
    assert "rich.table" in loaded["show-table"]
