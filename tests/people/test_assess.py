"""``esante assess``: a scripted session piped into the real command, resuming, --force,
interruption, and the answers that are not levels."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from esante_cli.dataset import load_dataset
from esante_cli.errors import ExitCode
from esante_cli.profiles import load_profile

from .conftest import CHAIN, REAL_LEVELS

SCRUBBED = (
    "ESANTE_DATA",
    "ESANTE_MODEL",
    "ESANTE_LANG",
    "ESANTE_DEBUG",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "CLICOLOR_FORCE",
    "COLUMNS",
)


def esante(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m esante_cli ARGS`` with ``stdin`` piped in, in a clean environment."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "esante_cli", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_scripted_session_then_every_people_command(tmp_path):
    """printf answers | esante assess --output p.yaml writes a complete profile on which
    match, gap --profile, paths --profile, whatif and leverage all answer."""
    answers = "".join(f"{lv}\n" for lv in REAL_LEVELS.values())
    proc = esante(
        "assess",
        "--output",
        "p.yaml",
        "--name",
        "Camille Martin",
        "--job",
        "Data Scientist",
        cwd=tmp_path,
        stdin=answers,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""  # prompts and messages go to stderr
    assert "Profil enregistré dans p.yaml : 11/11 compétences évaluées." in proc.stderr
    profile = load_profile(tmp_path / "p.yaml", load_dataset())
    assert profile.levels == REAL_LEVELS
    assert (profile.name, profile.current_job) == ("Camille Martin", "data-scientist")
    for args in (
        ("match", "p.yaml"),
        ("gap", "--profile", "p.yaml", "specialiste-e-sante"),
        ("paths", "--profile", "p.yaml", "--to", "specialiste-e-sante"),
        ("whatif", "p.yaml", "--raise", "technologies-sante+2"),
        ("leverage", "p.yaml"),
    ):
        run = esante(*args, "--format", "json", cwd=tmp_path)
        assert run.returncode == 0, (args, run.stderr)
        assert run.stderr == ""
        assert json.loads(run.stdout)["schema_version"] == 1


def test_help_back_skip_and_bad_answers(invoke, tmp_path):
    """'?' shows the help, '7' and 'x' are refused, 'b' goes back, 's' skips: the file holds
    what was meant."""
    out = tmp_path / "p.yaml"
    result = invoke(
        "--data", str(CHAIN), "assess", "--output", str(out), input="?\n7\nx\n1\nb\n3\ns\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "Les niveaux sont cumulés" in result.stderr
    assert "Réponse non comprise : « 7 »" in result.stderr
    assert "Réponse non comprise : « x »" in result.stderr
    profile = load_profile(out, load_dataset(CHAIN))
    assert profile.levels == {"alpha": 3}
    assert "1 compétence sans réponse (comptée 0)" in result.stderr


def test_quit_saves_what_was_answered_and_resume_asks_the_rest(invoke, tmp_path):
    """'q' stops and saves; a second run says it resumes and asks only the missing one."""
    out = tmp_path / "p.yaml"
    first = invoke("--data", str(CHAIN), "assess", "--output", str(out), input="2\nq\n4\n")
    assert first.exit_code == 0
    assert load_profile(out, load_dataset(CHAIN)).levels == {"alpha": 2}
    second = invoke("--data", str(CHAIN), "assess", "--output", str(out), input="4\n")
    assert second.exit_code == 0, second.stderr
    assert "1 compétence déjà évaluée, 1 à évaluer" in second.stderr
    assert "[1/1] Bêta (beta)" in second.stderr
    assert load_profile(out, load_dataset(CHAIN)).levels == {"alpha": 2, "beta": 4}


def test_a_complete_file_needs_force(invoke, tmp_path):
    """A complete profile is not asked again without --force (exit 3); with it, every
    competence is asked, Enter keeping the current level."""
    out = tmp_path / "p.yaml"
    out.write_text("name: Ana\ncompetences: {alpha: 1, beta: 2}\n", encoding="utf-8")
    refused = invoke("--data", str(CHAIN), "assess", "--output", str(out), input="3\n3\n")
    assert refused.exit_code == ExitCode.INVALID_INPUT
    assert refused.stderr.splitlines() == [
        f"esante : erreur : {out} : déjà complet (--force pour tout reprendre)"
    ]
    redo = invoke("--data", str(CHAIN), "assess", "--output", str(out), "--force", input="\n3\n")
    assert redo.exit_code == 0, redo.stderr
    assert "[actuel : 1]" in redo.stderr
    profile = load_profile(out, load_dataset(CHAIN))
    assert (profile.name, profile.levels) == ("Ana", {"alpha": 1, "beta": 3})


def test_a_broken_existing_file_is_not_replaced(invoke, tmp_path):
    """--output naming a broken profile exits 3 and leaves it as it was."""
    out = tmp_path / "p.yaml"
    out.write_text("competences: {alpha: 9}\n", encoding="utf-8")
    result = invoke("--data", str(CHAIN), "assess", "--output", str(out), "--force", input="1\n")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert out.read_text(encoding="utf-8") == "competences: {alpha: 9}\n"


@pytest.mark.parametrize("target", ["dir", "missing/p.yaml"])
def test_an_unwritable_output_fails_before_asking(invoke, tmp_path, target):
    """A directory, or a file in a missing folder: exit 3 before the first question."""
    (tmp_path / "dir").mkdir()
    result = invoke("--data", str(CHAIN), "assess", "--output", str(tmp_path / target), input="1\n")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "[1/2]" not in result.stderr


def test_without_output_the_profile_goes_to_stdout(invoke):
    """Without --output the profile (YAML) is the only thing on stdout."""
    result = invoke("--data", str(CHAIN), "assess", "--name", "Ana", input="1\n2\n")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Profil esante")
    assert "  alpha: 1  #" in result.stdout and "  beta: 2  #" in result.stdout
    assert "[1/2]" in result.stderr and "[1/2]" not in result.stdout


def test_json_output(invoke, tmp_path):
    """--output FILE.json writes JSON."""
    out = tmp_path / "p.json"
    assert (
        invoke("--data", str(CHAIN), "assess", "--output", str(out), input="1\n0\n").exit_code == 0
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["competences"] == {"alpha": 1, "beta": 0}


def test_flat_answers_warn(invoke, tmp_path):
    """Every answer the same: a warning says the profile will match badly."""
    result = invoke(
        "--data", str(CHAIN), "assess", "--output", str(tmp_path / "p.yaml"), input="2\n2\n"
    )
    assert result.exit_code == 0
    assert "esante : attention : toutes les réponses valent 2" in result.stderr


def test_interrupted_session_leaves_a_valid_file(invoke, tmp_path, monkeypatch):
    """Ctrl-C after one answer: exit 130, the file holds that answer, no temporary file."""
    out = tmp_path / "p.yaml"
    lines = iter(["3\n"])

    def readline() -> str:
        try:
            return next(lines)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr("esante_cli.cli.people_cmds._readline", readline)
    result = invoke("--data", str(CHAIN), "assess", "--output", str(out))
    assert result.exit_code == 130
    assert "Interrompu" in result.stderr
    assert load_profile(out, load_dataset(CHAIN)).levels == {"alpha": 3}
    assert [p.name for p in tmp_path.iterdir()] == ["p.yaml"]


def test_each_answer_is_saved_atomically(invoke, tmp_path, monkeypatch):
    """The file is rewritten through write_atomic after each answer (then once at the end)."""
    calls = []
    from esante_cli import files

    real = files.write_atomic

    def spy(path, data, *, force=False, **kw):
        calls.append(force)
        return real(path, data, force=force, **kw)

    monkeypatch.setattr(files, "write_atomic", spy)
    out = tmp_path / "p.yaml"
    assert (
        invoke("--data", str(CHAIN), "assess", "--output", str(out), input="1\n2\n").exit_code == 0
    )
    assert calls == [False, True, True]  # first answer creates it; later writes replace it
