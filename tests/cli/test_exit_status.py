"""One test per exit code of ``esante_cli.errors.ExitCode``, and errors as one clean line."""

from __future__ import annotations

import pytest

from esante_cli.cli import main
from esante_cli.errors import ExitCode

# Exit codes that belong to commands not written yet.


def _boom(*args, **kwargs):
    raise RuntimeError("kaboom")


def one_error_line(stderr: str) -> str:
    """The only line of ``stderr``, which must be an ``esante : erreur :`` line (French, the
    default language)."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("esante : erreur : ")
    return lines[0]


def test_every_exit_code_has_a_test():
    """Each member of ``ExitCode`` has a test named ``test_exit_<code>_...`` in this file."""
    names = [n for n in globals() if n.startswith("test_exit_")]
    untested = [
        int(c) for c in ExitCode if not any(n.startswith(f"test_exit_{int(c)}_") for n in names)
    ]
    assert untested == []
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4, 5, 6]  # documented in the README


# -- 0 -----------------------------------------------------------------------------------------


def test_exit_0_on_success(invoke):
    """A command that works exits 0 with nothing on stderr."""
    result = invoke("show", "specialiste-e-sante", "--format", "json")
    assert result.exit_code == ExitCode.OK
    assert result.stderr == ""


# -- 1: internal error ---------------------------------------------------------------------------


def test_exit_1_on_internal_error_one_line_no_traceback(invoke, monkeypatch):
    """An unexpected exception exits 1 with one 'internal error' line and no traceback."""
    monkeypatch.setattr("esante_cli.queries.card.list_jobs", _boom)
    result = invoke("list")
    assert result.exit_code == ExitCode.INTERNAL
    line = one_error_line(result.stderr)
    assert line.startswith("esante : erreur : erreur interne")
    assert "RuntimeError" in line and "kaboom" in line
    assert "--debug" in line
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_exit_1_with_debug_shows_the_traceback(invoke, monkeypatch):
    """With ``--debug`` the traceback of the internal error is printed, and it still exits 1."""
    monkeypatch.setattr("esante_cli.queries.card.list_jobs", _boom)
    result = invoke("--debug", "list")
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback (most recent call last)" in result.stderr
    assert "RuntimeError: kaboom" in result.stderr
    last = result.stderr.rstrip().splitlines()[-1]
    assert last.startswith("esante : erreur : erreur interne")


def test_esante_debug_env_var_shows_the_traceback(invoke, monkeypatch):
    """``ESANTE_DEBUG=1`` works like ``--debug``."""
    monkeypatch.setattr("esante_cli.queries.card.list_jobs", _boom)
    result = invoke("list", env={"ESANTE_DEBUG": "1"})
    assert result.exit_code == ExitCode.INTERNAL
    assert "Traceback (most recent call last)" in result.stderr


# -- 2: usage error ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--bogus"),
        ("--bogus", "list"),
        ("frobnicate",),
        ("show",),
        ("list", "--format", "xml"),
        ("--lang", "de", "list"),
        ("show", "x", "--section", "y"),
    ],
    ids=[
        "unknown-option",
        "unknown-global-option",
        "unknown-command",
        "missing-argument",
        "bad-format",
        "bad-lang",
        "bad-section",
    ],
)
def test_exit_2_on_usage_error(invoke, args):
    """A bad option, command or argument exits 2, with one line on stderr only: the error and
    where the help is."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("esante : erreur : ")
    assert "Traceback" not in result.output


def test_no_command_shows_help(invoke):
    """``esante`` alone shows the help (and lists the commands) rather than doing anything."""
    result = invoke()
    assert "Usage :" in result.output
    assert "show" in result.output


# -- 3: invalid data -----------------------------------------------------------------------------


def test_exit_3_on_level_5_names_file_and_field(invoke, level5_data):
    """``--data DIR list`` with a level 5 exits 3; stderr names the file and the field."""
    result = invoke("--data", str(level5_data), "list")
    assert result.exit_code == ExitCode.INVALID_INPUT
    line = one_error_line(result.stderr)
    assert "metier.json : jobs[3].competences[" in line
    assert "].expected_level : doit être entre 1 et 4, reçu 5" in line
    assert result.stdout == ""


def test_exit_3_on_mobility_to_unknown_job(invoke, bad_mobility_data):
    """A mobility from an unknown job exits 3; stderr names mobilites.json and the field."""
    result = invoke("--data", str(bad_mobility_data), "show", "specialiste-e-sante")
    assert result.exit_code == ExitCode.INVALID_INPUT
    line = one_error_line(result.stderr)
    assert "mobilites.json : mobilities[0].from : métier inconnu « astronaute »" in line


def test_exit_3_counts_the_other_problems(invoke, doubly_broken_data):
    """With several problems, the one line gives the first and points to ``esante validate``."""
    result = invoke("--data", str(doubly_broken_data), "competences")
    assert result.exit_code == ExitCode.INVALID_INPUT
    line = one_error_line(result.stderr)
    assert "+1 autre" in line and "esante validate" in line


def test_exit_3_from_esante_data_env(invoke, level5_data):
    """Broken data named by ``ESANTE_DATA`` also exits 3."""
    result = invoke("list", env={"ESANTE_DATA": str(level5_data)})
    assert result.exit_code == ExitCode.INVALID_INPUT
    one_error_line(result.stderr)


def test_exit_3_on_a_missing_data_folder(invoke, tmp_path):
    """``--data`` naming no folder exits 3 with one line naming it."""
    result = invoke("--data", str(tmp_path / "nowhere"), "list")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "nowhere" in one_error_line(result.stderr)


def test_exit_3_with_debug_shows_the_traceback(invoke, level5_data):
    """``--debug`` also shows the traceback of a data error, with the same exit code."""
    result = invoke("--debug", "--data", str(level5_data), "list")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "Traceback (most recent call last)" in result.stderr
    assert "DatasetError" in result.stderr


# -- 4: unknown name -----------------------------------------------------------------------------


def test_exit_4_on_unknown_job_with_suggestions(invoke):
    """An unknown job exits 4; the one line suggests the nearest jobs, titles and ids."""
    result = invoke("show", "data scientifique")
    assert result.exit_code == ExitCode.UNKNOWN_NAME
    line = one_error_line(result.stderr)
    assert "métier inconnu « data scientifique »" in line
    assert "vouliez-vous dire : Data Scientist (data-scientist)" in line
    assert result.stdout == ""


def test_exit_4_on_ambiguous_job_lists_candidates(invoke):
    """An ambiguous job exits 4 and lists the candidates."""
    result = invoke("show", "data")
    assert result.exit_code == ExitCode.UNKNOWN_NAME
    line = one_error_line(result.stderr)
    assert "data-engineer" in line and "data-scientist" in line


def test_exit_4_on_unknown_competence(invoke):
    """An unknown competence exits 4 with a suggestion."""
    result = invoke("competence", "risk")
    assert result.exit_code == ExitCode.UNKNOWN_NAME
    assert "Analyser et gérer les risques (risques)" in one_error_line(result.stderr)


# -- 5: no route ---------------------------------------------------------------------------------


def test_exit_5_when_no_route(invoke):
    """No route satisfying the constraints exits 5 with one line saying which constraints."""
    # The card declares no move out of Data Scientist towards Green IT, and one step is allowed.
    result = invoke(
        "paths", "data-scientist", "responsable-green-it", "--declared-only", "--max-hops", "1"
    )
    assert result.exit_code == ExitCode.NO_ROUTE == 5
    assert result.stdout == ""
    line = one_error_line(result.stderr)
    assert "aucun chemin" in line and "par les seuls passages déclarés" in line


# -- 6: an optional part not installed -------------------------------------------------------------


def test_exit_6_pdf_without_weasyprint(invoke, monkeypatch, tmp_path):
    """A PDF asked for without WeasyPrint (the extra esante[pdf]) exits 6 with one line saying
    how to add it, before any work (tests/visual/test_pdf.py tests the rest)."""
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint: ImportError
    result = invoke(
        "report", "data-scientist", "specialiste-e-sante", "-o", str(tmp_path / "r.pdf")
    )
    assert result.exit_code == ExitCode.MISSING_EXTRA == 6
    assert result.stdout == ""
    assert "pip install 'esante[pdf]'" in one_error_line(result.stderr)
    assert list(tmp_path.iterdir()) == []


# -- no traceback for any bad input ----------------------------------------------------------------


BAD_INPUTS = {
    "unknown-job": ("show", "astronaute"),
    "ambiguous-job": ("show", "data"),
    "empty-job": ("show", ""),
    "unknown-competence": ("competence", "zzz"),
    "ambiguous-competence": ("competence", "analyser"),
    "unknown-option": ("list", "--bogus"),
    "bad-section": ("show", "specialiste-e-sante", "--section", "nope"),
    "bad-format": ("competences", "--format", "pdf"),
}


@pytest.mark.parametrize("args", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_no_traceback_for_bad_input(invoke, args):
    """No bad input shows a Python traceback without ``--debug``, and none exits 0 or 1."""
    result = invoke(*args)
    assert result.exit_code in (ExitCode.USAGE, ExitCode.UNKNOWN_NAME)
    assert "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize("breakage", ["level5_data", "bad_mobility_data", "doubly_broken_data"])
@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("show", "data-scientist"),
        ("competences",),
        ("competence", "risques"),
        ("validate",),
    ],
)
def test_no_traceback_for_bad_data(invoke, request, breakage, command):
    """Broken data exits 3 from every command, with no traceback."""
    folder = request.getfixturevalue(breakage)
    result = invoke("--data", str(folder), *command)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "Traceback" not in result.output


# -- the console-script entry point ---------------------------------------------------------------


def test_main_returns_the_exit_code(capsys):
    """``esante_cli.cli.main`` returns the exit code instead of raising ``SystemExit``."""
    assert main(["--version"]) == ExitCode.OK
    assert main(["show", "astronaute"]) == ExitCode.UNKNOWN_NAME
    assert main(["list", "--bogus"]) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert "métier inconnu « astronaute »" in captured.err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "devops", "--format", "json"],
        ["--lang", "en", "gap", "devops", "iot"],
        ["--data", "data", "list", "--format", "csv"],
        ["export", "graph", "--format", "mermaid"],
        ["show", "--help"],
        ["shw"],
        ["--help"],
    ],
)
def test_main_answers_like_the_app(args, capsys):
    """main() (the console script) runs the one app: the same exit code, stdout and stderr as
    the app invoked directly."""
    from typer.testing import CliRunner

    from esante_cli.cli import app

    direct = CliRunner().invoke(app, args, prog_name="esante")
    status = main(list(args))
    captured = capsys.readouterr()
    assert (status, captured.out, captured.err) == (direct.exit_code, direct.stdout, direct.stderr)
