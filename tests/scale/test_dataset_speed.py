"""The loader's shortcuts for large datasets change no answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from esante_cli.dataset import (
    _check_metier,
    load_dataset,
    packaged_data_dir,
    read_dataset_info,
    validate_dataset,
)


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), folder)
    return folder


def test_dataset_info_is_not_parsed_twice_after_validation(data, monkeypatch):
    """validate then read_dataset_info (what 'esante validate' does) parses metier.json once."""
    assert validate_dataset(data) == []
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: pytest.fail("parsed again"))
    assert read_dataset_info(data)["version"] == load_dataset(packaged_data_dir()).version


def test_dataset_info_follows_a_changed_file(data):
    """Once the file changes (size or time), its new dataset block is read."""
    validate_dataset(data)
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    raw["dataset"]["version"] = "9.9.9-changed"
    metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert read_dataset_info(data)["version"] == "9.9.9-changed"


def test_memo_makes_a_value_once_per_dataset():
    """Dataset.memo calls its maker once, and another dataset has its own."""
    a, b = load_dataset(packaged_data_dir()), load_dataset(packaged_data_dir())
    calls = []
    assert a.memo("k", lambda: calls.append(1) or "x") == "x"
    assert a.memo("k", lambda: calls.append(1) or "y") == "x"
    assert b.memo("k", lambda: calls.append(1) or "z") == "z"
    assert len(calls) == 2


def test_jobs_stay_sorted_copies():
    """Dataset.jobs is sorted by id, and a caller changing the list changes nothing."""
    ds = load_dataset(packaged_data_dir())
    jobs = ds.jobs
    assert [j.id for j in jobs] == sorted(j.id for j in jobs)
    jobs.clear()
    assert len(ds.jobs) == 12


def test_check_metier_reports_the_same_problems(data):
    """The faster cross-check finds an unknown competence and a level on an unlevelled one,
    with the same messages."""
    ds = load_dataset(data)
    metier = ds.metier
    job = metier.jobs[0]
    bad = [
        job.competences[0].model_copy(update={"id": "inconnue"}),
        job.competences[0].model_copy(update={"id": "autonomie", "expected_level": 2}),
    ]
    broken = metier.model_copy(update={"jobs": [job.model_copy(update={"competences": bad})]})
    problems = _check_metier(broken)
    assert problems[0].startswith(
        "metier.json : jobs[0].competences[inconnue] : compétence inconnue"
    )
    assert problems[1] == (
        "metier.json : jobs[0].competences[autonomie].expected_level : la compétence "
        "« autonomie » n'a pas de niveaux dans le catalogue, elle ne peut pas avoir de niveau "
        "attendu"
    )
