"""The synthetic ESCO generator: seeded, the requested sizes, and the quirks of real files."""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path

import pytest

from esante_cli.synthetic import write_esco

SIZE = {"occupations": 40, "skills": 200, "relations": 1720}


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes(tmp_path):
    """Two runs with the same seed write byte-identical files."""
    write_esco(tmp_path / "a", seed=7, **SIZE)
    write_esco(tmp_path / "b", seed=7, **SIZE)
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")


def test_another_seed_other_bytes(tmp_path):
    """A different seed gives different files."""
    write_esco(tmp_path / "a", seed=7, **SIZE)
    write_esco(tmp_path / "b", seed=8, **SIZE)
    assert _digests(tmp_path / "a") != _digests(tmp_path / "b")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    return write_esco(tmp_path_factory.mktemp("esco"), seed=3, **SIZE)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_files_hold_the_requested_counts(made):
    """As many occupations, skills and relation rows as asked; about half essential."""
    folder = made.folder
    assert len(_rows(folder / "occupations_fr.csv")) == SIZE["occupations"] == made.occupations
    assert len(_rows(folder / "skills_fr.csv")) == SIZE["skills"] == made.skills
    relations = _rows(folder / "occupationSkillRelations_fr.csv")
    assert len(relations) == SIZE["relations"] == made.relations
    share = sum(r["relationType"] == "essential" for r in relations) / len(relations)
    assert 0.4 < share < 0.65


def test_the_files_have_the_quirks_of_real_downloads(made):
    """BOM, newlines inside quoted fields, extra columns, duplicate pairs, dangling URIs."""
    folder = made.folder
    raw = (folder / "occupations_fr.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    occupations = _rows(folder / "occupations_fr.csv")
    assert "naceCode" in occupations[0]
    assert any("\n" in o["altLabels"] for o in occupations)
    assert any("," in o["inScheme"] for o in occupations)
    relations = _rows(folder / "occupationSkillRelations_fr.csv")
    assert "skillLabel" in relations[0]
    pairs = Counter((r["occupationUri"], r["skillUri"]) for r in relations)
    assert sum(n - 1 for n in pairs.values()) == made.duplicates > 0
    skills = {s["conceptUri"] for s in _rows(folder / "skills_fr.csv")}
    jobs = {o["conceptUri"] for o in occupations}
    dangling = [
        r for r in relations if r["skillUri"] not in skills or r["occupationUri"] not in jobs
    ]
    assert len(dangling) == made.dangling > 0


def test_without_quirks_the_files_are_plain(tmp_path):
    """quirks=False: no BOM, no duplicate, no dangling relation."""
    made = write_esco(tmp_path, seed=3, quirks=False, **SIZE)
    assert not (tmp_path / "skills_fr.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert made.duplicates == made.dangling == 0
