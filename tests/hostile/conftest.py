"""Fixtures of the hostile-input tests: valid inputs to break, an in-process runner with a
hang guard, and a snapshot of a folder to show that nothing changed on disk."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from esante_cli.cli import app
from esante_cli.dataset import packaged_data_dir

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "profiles" / "camille-data-scientist.yaml"
PROFILE_JSON = ROOT / "examples" / "profiles" / "sophie-ingenieure-biomedicale.json"
GROUP = ROOT / "examples" / "workshop" / "groupe.csv"


class Hang(BaseException):
    """Raised by the hang guard: a BaseException, so that neither the command line's error
    handler nor Click's runner turns it into an exit code."""


@contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Fail (``Hang``) if the block runs longer than ``seconds``: a guard against a blocked
    open or an endless loop, not a measure of speed."""

    def alarm(_signum: int, _frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(folder: Path) -> dict[str, tuple[Any, ...]]:
    """What is on disk under ``folder``: each entry's kind, mode and, for a file, its bytes'
    digest (special files are not opened)."""
    seen: dict[str, tuple[Any, ...]] = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        key = str(path.relative_to(folder))
        if stat.S_ISREG(st.st_mode) and st.st_size > 64 << 20:
            seen[key] = ("file", st.st_mode, st.st_size, st.st_mtime_ns)  # a sparse giant
        elif stat.S_ISREG(st.st_mode):
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            seen[key] = ("file", st.st_mode, st.st_size, digest)
        elif stat.S_ISLNK(st.st_mode):
            seen[key] = ("link", os.readlink(path))
        else:
            seen[key] = ("other", st.st_mode, st.st_rdev)
    return seen


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Valid inputs of every kind, made once: the data, a profile (YAML and JSON), a group,
    ESCO downloads and the CSV sheets of an import."""
    from esante_cli.synthetic import write_esco

    base = tmp_path_factory.mktemp("valid-inputs")
    shutil.copytree(packaged_data_dir(), base / "data")
    shutil.copyfile(PROFILE, base / "profile.yaml")
    shutil.copyfile(PROFILE_JSON, base / "profile.json")
    shutil.copyfile(GROUP, base / "group.csv")
    (base / "model.toml").write_text('name = "test"\n\n[weights]\nclimb = 1.0\n', "utf-8")
    write_esco(base / "esco", occupations=8, skills=40, relations=120, seed=3)
    result = CliRunner().invoke(app, ["import", "csv", "--template", str(base / "sheets")])
    assert result.exit_code == 0, result.output
    return base


@pytest.fixture
def work(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the valid inputs, made the working directory."""
    folder = tmp_path / "work"
    shutil.copytree(inputs, folder, symlinks=True)
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run ``esante ARGS`` in-process (stdout and stderr apart), with a hang guard."""
    runner = CliRunner()

    def run(*args: str, stdin: bytes | str | None = None, seconds: float = 60) -> Result:
        with hang_guard(seconds):
            return runner.invoke(app, list(args), input=stdin, prog_name="esante")

    return run
