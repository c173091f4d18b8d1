"""The installed command, run as a real process from another working directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def clean_env() -> dict[str, str]:
    """The environment of this process without what would change what the child reads."""
    return {k: v for k, v in os.environ.items() if k not in SCRUBBED}


def child(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` in ``cwd`` with ``env``, output piped as UTF-8 text."""
    return subprocess.run(
        argv,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def esante(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m esante_cli ARGS`` in ``cwd``, output piped, in a clean environment."""
    env = clean_env()
    env["PYTHONIOENCODING"] = "utf-8"
    return child([sys.executable, "-m", "esante_cli", *args], cwd, env)


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


def _reported(code: str, tmp_path: Path, plugins: str | None = None) -> Any:
    """Run the Python ``code`` in a child process, in a clean environment (pydantic's plugins
    as ``plugins`` says: unset when None); what its last line on stderr says, as JSON."""
    env = clean_env()
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    proc = child([sys.executable, "-c", code], tmp_path, env)
    return json.loads(proc.stderr.strip().splitlines()[-1])


def _modules_after(args: list[str], plugins: str | None, tmp_path: Path) -> Any:
    """Run ``args`` as the process's own command (``main()`` reading sys.argv) in a child
    process; what it imported and what pydantic's plugin loader answers there."""
    code = (
        "import json, sys\n"
        "from esante_cli.cli import application\n"
        f"sys.argv = ['esante', *{args!r}]\n"
        "def end(status):\n"
        "    loader = sys.modules.get('pydantic.plugin._loader')\n"
        "    seen = {'status': status,\n"
        "        'metadata': 'importlib.metadata' in sys.modules,\n"
        "        'plugins': list(loader.get_plugins()) if loader else None}\n"
        "    seen['group'] = getattr(loader, 'PYDANTIC_ENTRY_POINT_GROUP', None)\n"
        "    seen['after'] = 'importlib.metadata' in sys.modules\n"
        "    print(json.dumps(seen), file=sys.stderr)\n"
        "    sys.stderr.flush()\n"
        "application._exit_now = end\n"
        "application.main()\n"
    )
    return _reported(code, tmp_path, plugins)


def test_no_plugin_search_imports_no_package_metadata(tmp_path):
    """A command builds pydantic validators without importing importlib.metadata (8 ms): with
    plugins off, pydantic's loader would import it only to answer that there are none."""
    seen = _modules_after(
        ["paths", "data-scientist", "specialiste-e-sante", "--format", "json"], None, tmp_path
    )
    assert seen["status"] == ExitCode.OK
    assert seen["metadata"] is False
    assert seen["plugins"] == []
    # any other name asked of the stand-in is the real loader's (a later pydantic may ask)
    assert seen["group"] == "pydantic"
    assert seen["after"] is True


def test_a_plugin_choice_of_the_user_is_kept(tmp_path):
    """PYDANTIC_DISABLE_PLUGINS naming some plugins only: pydantic's own loader looks for the
    others, as the user asked."""
    seen = _modules_after(["show", "data-scientist", "--format", "json"], "some-plugin", tmp_path)
    assert seen["status"] == ExitCode.OK
    assert seen["metadata"] is True


def test_the_stand_in_answers_as_pydantic_does(tmp_path):
    """With every plugin off, pydantic's real loader finds no plugin either."""
    code = (
        "import json, sys\n"
        "from pydantic.plugin._loader import get_plugins\n"
        "print(json.dumps(list(get_plugins())), file=sys.stderr)\n"
    )
    assert _reported(code, tmp_path, "__all__") == []


def _collector_after(args: list[str], tmp_path: Path) -> Any:
    """Run ``args`` as the process's own command (``main()`` reading sys.argv); the state of
    the cyclic collector when it ends."""
    code = (
        "import gc, json, sys\n"
        "from esante_cli.cli import application\n"
        f"sys.argv = ['esante', *{args!r}]\n"
        "def end(status):\n"
        "    print(json.dumps({'status': status, 'enabled': gc.isenabled(),\n"
        "                      'frozen': gc.get_freeze_count()}), file=sys.stderr)\n"
        "    sys.stderr.flush()\n"
        "application._exit_now = end\n"
        "application.main()\n"
    )
    return _reported(code, tmp_path)


def test_collector_resumes_once_the_data_is_read(tmp_path):
    """A command's start-up runs without the cyclic collector; once the data is read, what the
    start-up made is set aside (frozen) and the collector runs again for the work."""
    seen = _collector_after(["paths", "data-scientist", "specialiste-e-sante"], tmp_path)
    assert seen["status"] == ExitCode.OK
    assert seen["enabled"] is True
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 10_000


def test_collector_stays_paused_without_data(tmp_path):
    """A command that reads no dataset (the version) ends as it started: paused, nothing frozen."""
    seen = _collector_after(["--version"], tmp_path)
    assert seen["status"] == ExitCode.OK
    assert seen["enabled"] is False
    assert seen["frozen"] == 0


def test_a_caller_keeps_its_collector():
    """``main(argv)`` called by a program (not as the process's command) leaves its collector
    alone: on, and nothing frozen."""
    import gc

    from esante_cli.cli.application import main

    before = gc.get_freeze_count()
    assert main(["paths", "data-scientist", "specialiste-e-sante", "--format", "json"]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() == before


def test_collector_is_on_for_a_batch(tmp_path):
    """batch answers with sessions of its own (not the command's state): the collector is
    resumed before its first query, whatever the stream holds."""
    queries = tmp_path / "q.txt"
    queries.write_text("show data-scientist\n", encoding="utf-8")
    seen = _collector_after(["batch", str(queries)], tmp_path)
    assert seen["status"] == ExitCode.OK
    assert seen["enabled"] is True


def test_a_caller_keeps_its_pydantic():
    """``main(argv)`` called by a program leaves pydantic's plugin loader as it is (the
    stand-in is for the process's own command only)."""
    import sys

    from esante_cli.cli.application import main

    loader = sys.modules.get("pydantic.plugin._loader")
    assert main(["show", "data-scientist", "--format", "json"]) == 0
    assert sys.modules.get("pydantic.plugin._loader") is loader
    assert type(sys.modules["pydantic.plugin._loader"]).__name__ == "module"
    assert hasattr(sys.modules["pydantic.plugin._loader"], "__file__")
