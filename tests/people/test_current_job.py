"""A profile's current job: taken only when it names a job exactly (id, title or other title),
otherwise kept as free text, never refused nor guessed, and shown as such in every output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from esante_cli.profiles import load_profile

from .conftest import CHAIN, REAL_LEVELS

# Once, "Chef de projet" was taken for Spécialiste e-santé (a word of one of its other
# titles) and "Infirmière" stopped the whole profile (exit 3).
FREE = ["Chef de projet", "Infirmière"]
ESANTE = "specialiste-e-sante"


@pytest.fixture
def profile_with(tmp_path: Path) -> Callable[[str], Path]:
    """A complete profile on the bundled data whose current job is written as given."""

    def make(job: str) -> Path:
        lines = ['name: "Alex Martin"', f'current_job: "{job}"', "competences:"]
        lines += [f"  {c}: {lv}" for c, lv in REAL_LEVELS.items()]
        path = tmp_path / "alex.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return make


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result.stdout


@pytest.mark.parametrize("job", FREE)
def test_a_job_named_loosely_or_not_at_all_is_kept_as_free_text(invoke, real, profile_with, job):
    """The profile loads: no job id, the text as written; match marks no job as current."""
    path = profile_with(job)
    profile = load_profile(path, real)
    assert (profile.current_job, profile.current_job_text) == (None, job)
    result = invoke("match", str(path), "--format", "json")
    data = json.loads(ok(result))
    assert (data["current_job"], data["current_job_text"]) == (None, job)
    assert not any(m["current"] for m in data["matches"])


def test_stderr_says_the_job_is_kept_and_names_the_near_jobs(invoke, profile_with):
    """One warning says the text is kept as written, and which jobs it is near: only names
    close enough to be what the person meant ("Chef de projet e-santé" is another title of
    the Spécialiste e-santé)."""
    path = profile_with("Chef de projet")
    result = invoke("match", str(path), "--format", "json")
    ok(result)
    assert result.stderr.splitlines() == [
        f"esante : attention : {path} : métier actuel « Chef de projet » : aucun métier du jeu de "
        "données ne porte exactement ce nom, il est gardé tel quel (proches : Spécialiste "
        "e-santé (specialiste-e-sante))"
    ]
    far = profile_with("Infirmière coordinatrice")
    result = invoke("match", str(far), "--format", "json")
    assert result.stderr.splitlines() == [
        f"esante : attention : {far} : métier actuel « Infirmière coordinatrice » : aucun métier du "
        "jeu de données ne porte exactement ce nom, il est gardé tel quel"
    ]


@pytest.mark.parametrize("job", FREE)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize(
    "command",
    [("match",), ("whatif", "--raise", "risques+2"), ("leverage",)],
    ids=["match", "whatif", "leverage"],
)
def test_human_outputs_show_the_free_text(invoke, profile_with, job, fmt, command):
    """Tables and Markdown of match, whatif and leverage say the current job, out of the
    dataset."""
    path = profile_with(job)
    out = ok(invoke(command[0], str(path), *command[1:], "--format", fmt))
    assert f"Métier actuel : {job} (hors du jeu de données)" in " ".join(out.split())


@pytest.mark.parametrize(
    "command",
    [("match",), ("whatif", "--raise", "risques+2"), ("leverage",)],
    ids=["match", "whatif", "leverage"],
)
def test_json_outputs_carry_the_free_text(invoke, profile_with, command):
    """Every person result's JSON has current_job null and current_job_text."""
    path = profile_with("Infirmière")
    data = json.loads(ok(invoke(command[0], str(path), *command[1:], "--format", "json")))
    assert (data["current_job"], data["current_job_text"]) == (None, "Infirmière")


def test_in_english(invoke, profile_with):
    """--lang en: the note and the warning in English."""
    path = profile_with("Infirmière")
    result = invoke("--lang", "en", "match", str(path))
    assert "Current job: Infirmière (not in the dataset)" in " ".join(ok(result).split())
    assert "current job 'Infirmière': no job of the dataset has exactly this name" in result.stderr


@pytest.mark.parametrize("job", FREE)
@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_the_report_shows_the_free_text(invoke, profile_with, tmp_path, job, suffix):
    """The person's report (HTML and Markdown) gives the free text as the current job."""
    out = tmp_path / f"rapport{suffix}"
    result = invoke(
        "report", "--profile", str(profile_with(job)), "--target", ESANTE, "--output", str(out)
    )
    ok(result)
    text = out.read_text(encoding="utf-8")
    if suffix == ".html":
        assert f"<dt>Métier actuel</dt><dd>{job} (hors du jeu de données)</dd>" in text
    else:
        assert f"- **Métier actuel** : {job} (hors du jeu de données)" in text


@pytest.mark.parametrize(
    ("written", "job_id"),
    [
        ("Chef de projet e-santé", ESANTE),  # an other title, exactly
        ("DATA-SCIENTIST", "data-scientist"),
        ("Développeur applications", "developpeur-applications"),
    ],
)
def test_a_job_named_exactly_still_resolves(invoke, profile_with, written, job_id):
    """An id, a title or an other title is the job: marked current, nothing on stderr."""
    result = invoke("match", str(profile_with(written)), "--format", "json")
    data = json.loads(ok(result))
    assert result.stderr == ""
    assert data["current_job"]["id"] == job_id and data["current_job_text"] is None
    # the job itself may be left out of the list (a downgrade, say), never another one marked
    assert {m["id"] for m in data["matches"] if m["current"]} <= {job_id}


def test_assess_keeps_a_free_text_job(invoke, tmp_path):
    """assess --job takes an exact name as the job, anything else as free text (with a
    warning), and writes it in the profile."""
    out = tmp_path / "p.yaml"
    result = invoke(
        "--data", str(CHAIN), "assess", "--output", str(out), "--job", "Infirmière", input="1\n2\n"
    )
    ok(result)
    assert "« Infirmière » : aucun métier du jeu de données" in result.stderr
    assert 'current_job: "Infirmière"' in out.read_text(encoding="utf-8")
    exact = tmp_path / "q.yaml"
    ok(
        invoke(
            "--data", str(CHAIN), "assess", "--output", str(exact), "--job", "JOB B", input="1\n2\n"
        )
    )
    assert "current_job: b\n" in exact.read_text(encoding="utf-8")
