"""The installed command, run as a real process from another working directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from esante_cli.dataset import packaged_data_dir
from esante_cli.errors import ExitCode

# Variables the parent shell may set that would change what the child reads or writes.
SCRUBBED = (
    "ESANTE_DATA",
    "ESANTE_LANG",
    "ESANTE_DEBUG",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR_FORCE",
    "COLUMNS",
)


def esante(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m esante_cli ARGS`` in ``cwd``, output piped, in a clean environment."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "esante_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_show_json_works_from_any_directory(tmp_path):
    """``python -m esante_cli show specialiste-e-sante --format json`` works from elsewhere."""
    proc = esante("show", "specialiste-e-sante", "--format", "json", cwd=tmp_path)
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert proc.stderr == ""
    data = json.loads(proc.stdout)
    assert data["job"]["id"] == "specialiste-e-sante"
    assert len(data["competences"]) == 12


def test_piped_table_has_no_colour_codes(tmp_path):
    """The table written to a pipe carries no ANSI escape codes."""
    proc = esante("show", "data-scientist", cwd=tmp_path)
    assert proc.returncode == ExitCode.OK, proc.stderr
    assert "data-scientist" in proc.stdout
    assert "\x1b[" not in proc.stdout
    assert "\x1b[" not in proc.stderr


def test_broken_data_exits_3_with_one_line(tmp_path):
    """``--data`` naming a broken dataset exits 3 with one ``esante : erreur :`` line on
    stderr."""
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "metier.json").write_text('{"schema_version": 1,\n  "jobs": [}', encoding="utf-8")
    (folder / "mobilites.json").write_text('{"mobilities": []}', encoding="utf-8")
    proc = esante("--data", str(folder), "list", cwd=tmp_path)
    assert proc.returncode == ExitCode.INVALID_INPUT
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("esante : erreur : metier.json : ligne 2, colonne ")


def test_relative_data_folder_is_read_from_the_working_directory(tmp_path):
    """A relative ``--data`` path is taken from the current directory."""
    source = packaged_data_dir()
    (tmp_path / "mine").mkdir()
    for name in ("metier.json", "mobilites.json"):
        (tmp_path / "mine" / name).write_bytes((source / name).read_bytes())
    proc = esante("--data", "mine", "validate", cwd=tmp_path)
    assert proc.returncode == ExitCode.OK, proc.stderr
