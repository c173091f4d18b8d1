"""Heavy libraries are loaded only where needed: ``esante --help``, ``show`` and the map's
terminal tree never import matplotlib, Jinja2 or fontTools; and the templates ship with the
package."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources

import pytest

HEAVY = ("matplotlib", "jinja2", "fontTools", "PIL")

PROBE = """
import contextlib, io, sys
from esante_cli.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(code, ",".join(m for m in {heavy!r} if m in sys.modules))
"""


def loaded_by(*args: str) -> tuple[int, list[str]]:
    """Run ``esante ARGS`` in a fresh interpreter; its exit code and the heavy modules loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESANTE_")}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    code, _, modules = proc.stdout.strip().rpartition("\n")[-1].partition(" ")
    return int(code), [m for m in modules.split(",") if m]


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("show", "specialiste-e-sante"),
        ("map", "specialiste-e-sante"),
        ("export", "--help"),
    ],
)
def test_commands_that_draw_nothing_import_no_drawing_library(args):
    """--help, show, the map's tree and export's help import none of the heavy libraries."""
    code, modules = loaded_by(*args)
    assert code == 0
    assert modules == []


def test_drawing_imports_matplotlib(tmp_path):
    """The map as a picture does import matplotlib (the probe can see it)."""
    code, modules = loaded_by("map", "specialiste-e-sante", "--output", str(tmp_path / "m.svg"))
    assert code == 0 and "matplotlib" in modules


def test_templates_ship_in_the_package():
    """The report templates are package data (hatch puts every file of the package in the
    wheel)."""
    folder = resources.files("esante_cli") / "templates"
    assert {"report.html.j2", "report.md.j2"} <= {p.name for p in folder.iterdir()}
