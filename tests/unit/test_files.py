"""Atomic, non-clobbering writes with one clear error."""

from __future__ import annotations

import os

import pytest

from esante_cli.errors import ExitCode, InputError
from esante_cli.files import write_atomic


def test_writes_text_and_leaves_no_temporary_file(tmp_path):
    """The file holds the text and the folder holds nothing else."""
    target = write_atomic(tmp_path / "out.txt", "é\n")
    assert target.read_text(encoding="utf-8") == "é\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_existing_file_is_kept_without_force(tmp_path):
    """An existing file is not replaced unless force is given."""
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(InputError, match="existe déjà"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


@pytest.mark.parametrize("make", ["missing_folder", "directory"])
def test_unwritable_paths_are_input_errors(tmp_path, make):
    """A path in a missing folder, or a directory, is an InputError (exit code 3)."""
    path = tmp_path / "nope" / "out.txt" if make == "missing_folder" else tmp_path
    with pytest.raises(InputError) as err:
        write_atomic(path, "x")
    assert err.value.exit_code == ExitCode.INVALID_INPUT
    assert str(path) in str(err.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write in a read-only folder")
def test_read_only_folder(tmp_path):
    """A folder without write permission is reported, and nothing is left behind."""
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(InputError, match="not writable"):
            write_atomic(tmp_path / "out.txt", "x")
    finally:
        tmp_path.chmod(0o700)


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    """If the write fails half-way, the old file is intact and no temporary file remains."""
    target = tmp_path / "out.txt"
    target.write_text("old")

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(InputError, match="No space left"):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_written_file_has_the_usual_permissions(tmp_path):
    """A written file gets the mode the umask gives new files, not the private 0600."""
    mask = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "out.txt", "x")
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644
