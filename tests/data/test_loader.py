"""``load_dataset`` and ``validate_dataset``: the real data, the data location, broken data."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from esante_cli.dataset import (
    ENV_VAR,
    METIER,
    MOBILITES,
    load_dataset,
    packaged_data_dir,
    validate_dataset,
)
from esante_cli.errors import DatasetError, ExitCode

E_SANTE = "specialiste-e-sante"

# -- the real, packaged data ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ds():
    """The packaged data, read explicitly so that no ``ESANTE_DATA`` of the shell leaks in."""
    return load_dataset(packaged_data_dir())


def test_real_data_has_twelve_jobs(ds):
    """The card's job and the eleven distinct neighbours of its chart make twelve jobs."""
    assert len(ds.jobs) == 12
    assert E_SANTE in ds.jobs_by_id


def test_jobs_are_sorted_by_id(ds):
    """``Dataset.jobs`` is sorted by id, whatever the file order, so outputs are stable."""
    ids = [j.id for j in ds.jobs]
    assert ids == sorted(ids)


def test_real_data_has_twelve_competences_eleven_levelled(ds):
    """The catalogue holds the card's twelve macro-competences, eleven with four levels."""
    assert len(ds.competences) == 12
    assert len(ds.levelled_competences) == 11
    assert all(len(c.levels) == 4 for c in ds.levelled_competences)


def test_autonomie_has_no_levels_and_a_null_expected_level(ds):
    """The card gives 'Développer son autonomie' no levels, so its expected level stays null."""
    autonomie = ds.competence("autonomie")
    assert autonomie.levels == []
    assert not autonomie.levelled
    entry = ds.job(E_SANTE).level("autonomie")
    assert entry is not None
    assert entry.expected_level is None


def test_real_data_has_twelve_mobilities(ds):
    """The chart declares twelve moves (nine provenances, three evolutions)."""
    assert len(ds.mobilities) == 12
    directions = [m.direction for m in ds.mobilities]
    assert directions.count("provenance") == 9
    assert directions.count("evolution") == 3


def test_every_mobility_touches_the_card_job(ds):
    """Every declared move goes into or out of the Spécialiste e-santé, who declares it."""
    for m in ds.mobilities:
        assert E_SANTE in (m.source_job, m.target_job)
        assert m.declared_by == E_SANTE


def test_data_scientist_is_declared_both_ways(ds):
    """Data Scientist is both a provenance of and an evolution from the Spécialiste e-santé."""
    pairs = {(m.source_job, m.target_job, m.direction) for m in ds.mobilities}
    assert ("data-scientist", E_SANTE, "provenance") in pairs
    assert (E_SANTE, "data-scientist", "evolution") in pairs


def test_every_e_sante_level_comes_from_the_card(ds):
    """Every competence entry of the Spécialiste e-santé has provenance 'card'."""
    entries = ds.job(E_SANTE).competences
    assert {c.id for c in entries} == {c.id for c in ds.competences}
    assert all(e.provenance == "card" for e in entries)


NEIGHBOURS = (
    "architecte-iot",
    "data-engineer",
    "data-scientist",
    "developpeur-applications",
    "expert-en-intelligence-artificielle",
    "responsable-green-it",
    "specialiste-blockchain",
    "specialiste-devops",
    "specialiste-ia-embarquee",
    "specialiste-tests-et-essais",
    "ux-ui-designer",
)


@pytest.mark.parametrize("job_id", NEIGHBOURS)
def test_every_neighbour_level_is_an_explained_estimate(ds, job_id):
    """A neighbour's levels are all estimates, each with a non-empty one-line reason."""
    job = ds.job(job_id)
    levelled = {c.id for c in ds.levelled_competences}
    assert {e.id for e in job.competences if e.expected_level is not None} == levelled
    for entry in job.competences:
        assert entry.provenance == "estimate", entry.id
        assert entry.reason is not None and entry.reason.strip(), entry.id
        assert "\n" not in entry.reason, entry.id


def test_the_neighbour_list_above_is_every_other_job(ds):
    """``NEIGHBOURS`` is every job but the card's own, and every job the chart links to it."""
    linked = {m.source_job for m in ds.mobilities} | {m.target_job for m in ds.mobilities}
    assert set(NEIGHBOURS) == {j.id for j in ds.jobs} - {E_SANTE} == linked - {E_SANTE}


def test_validate_dataset_finds_no_problem_in_the_real_data():
    """The packaged data is valid: ``validate_dataset`` returns an empty list."""
    assert validate_dataset() == []


# -- where the data comes from ---------------------------------------------------------------


def _with_version(version: str) -> Callable[[Any], None]:
    def mutate(raw: Any) -> None:
        raw["dataset"]["version"] = version

    return mutate


def test_default_is_the_packaged_data():
    """Without a path or ``ESANTE_DATA``, the packaged data is read."""
    assert load_dataset().path == packaged_data_dir()


def test_env_var_overrides_the_default(make_dataset, monkeypatch):
    """``ESANTE_DATA`` names the folder to read instead of the packaged data."""
    folder = make_dataset(metier=_with_version("9.9.9-env"))
    monkeypatch.setenv(ENV_VAR, str(folder))
    loaded = load_dataset()
    assert loaded.path == folder
    assert loaded.version == "9.9.9-env"


def test_explicit_path_overrides_the_default(make_dataset):
    """``load_dataset(path)`` reads that folder."""
    folder = make_dataset(metier=_with_version("9.9.9-path"))
    assert load_dataset(folder).version == "9.9.9-path"
    assert load_dataset(str(folder)).version == "9.9.9-path"


def test_explicit_path_wins_over_env_var(make_dataset, monkeypatch):
    """An explicit path is used even when ``ESANTE_DATA`` names another folder."""
    monkeypatch.setenv(ENV_VAR, str(make_dataset(metier=_with_version("env"), name="env")))
    folder = make_dataset(metier=_with_version("path"), name="path")
    assert load_dataset(folder).version == "path"


def test_env_var_pointing_nowhere_is_a_dataset_error(tmp_path, monkeypatch):
    """An ``ESANTE_DATA`` naming no folder raises a ``DatasetError`` (exit code 3)."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DatasetError) as info:
        load_dataset()
    assert info.value.exit_code == ExitCode.INVALID_INPUT
    assert "nowhere" in str(info.value)


# -- broken datasets: one per kind of breakage -------------------------------------------------
#
# Each case copies the real data, breaks ONE thing, and expects exactly one problem: the loader
# names the file and the field, and one mistake does not cascade into others.

NEIGHBOUR_INDEX = 3  # a neighbour job, so a level-5 estimate is the only mistake
ESTIMATE_INDEX = 9


def _first_competence(raw: Any, job_index: int) -> str:
    return raw["jobs"][job_index]["competences"][0]["id"]


def _level5(raw: Any) -> None:
    raw["jobs"][NEIGHBOUR_INDEX]["competences"][0]["expected_level"] = 5


def test_level_5_names_file_job_competence_and_field(make_dataset, real_data_dir):
    """A level 5 is reported as ``metier.json: jobs[i].competences[<id>].expected_level: ...``."""
    folder = make_dataset(metier=_level5)
    raw = json.loads((real_data_dir / METIER).read_text(encoding="utf-8"))
    cid = _first_competence(raw, NEIGHBOUR_INDEX)
    expected = (
        f"metier.json : jobs[{NEIGHBOUR_INDEX}].competences[{cid}].expected_level : "
        "doit être entre 1 et 4, reçu 5"
    )
    assert validate_dataset(folder) == [expected]
    with pytest.raises(DatasetError) as info:
        load_dataset(folder)
    assert info.value.problems == [expected]
    assert str(info.value) == expected


def test_level_0_is_out_of_range_too(make_dataset):
    """Level 0 is rejected with the same 'between 1 and 4' message."""

    def level0(raw: Any) -> None:
        raw["jobs"][NEIGHBOUR_INDEX]["competences"][0]["expected_level"] = 0

    [problem] = validate_dataset(make_dataset(metier=level0))
    assert problem.endswith("expected_level : doit être entre 1 et 4, reçu 0")


def _mobility_from(value: str) -> Callable[[Any], None]:
    def mutate(raw: Any) -> None:
        raw["mobilities"][0]["from"] = value

    return mutate


def test_mobility_to_an_unknown_job_names_the_field(make_dataset):
    """A move from an unknown job is ``mobilites.json: mobilities[0].from: unknown job ...``."""
    [problem] = validate_dataset(make_dataset(mobilites=_mobility_from("astronaute")))
    assert problem.startswith("mobilites.json : mobilities[0].from : métier inconnu « astronaute »")


def test_unknown_job_in_a_mobility_suggests_the_nearest_id(make_dataset):
    """A misspelt job id in a move comes with 'did you mean' the nearest id."""
    [problem] = validate_dataset(make_dataset(mobilites=_mobility_from("data-scientis")))
    assert "métier inconnu « data-scientis »" in problem
    assert "vouliez-vous dire « data-scientist »" in problem


def _dup_job(raw: Any) -> None:
    raw["jobs"].append(copy.deepcopy(raw["jobs"][1]))


def _dup_mobility(raw: Any) -> None:
    raw["mobilities"].append(copy.deepcopy(raw["mobilities"][0]))


def _self_loop(raw: Any) -> None:
    raw["mobilities"][0]["from"] = raw["mobilities"][0]["to"]


def _unknown_competence(raw: Any) -> None:
    raw["jobs"][2]["competences"][0]["id"] = "cycle-vie"


def _unknown_field(raw: Any) -> None:
    raw["jobs"][1]["salary"] = 42000


def _unknown_top_field(raw: Any) -> None:
    raw["comment"] = "not allowed"


def _no_reason(raw: Any) -> None:
    raw["jobs"][ESTIMATE_INDEX]["competences"][0]["reason"] = None


def _blank_reason(raw: Any) -> None:
    raw["jobs"][ESTIMATE_INDEX]["competences"][0]["reason"] = "   "


def _two_line_reason(raw: Any) -> None:
    raw["jobs"][ESTIMATE_INDEX]["competences"][0]["reason"] = "first line\nsecond line"


def _three_levels(raw: Any) -> None:
    raw["competences"][0]["levels"].pop()


def _level_on_levelless(raw: Any) -> None:
    for entry in raw["jobs"][0]["competences"]:
        if entry["id"] == "autonomie":
            entry["expected_level"] = 2


def _wrong_direction(raw: Any) -> None:
    raw["mobilities"][0]["declared_by"] = raw["mobilities"][0]["from"]


def _bad_slug(raw: Any) -> None:
    raw["competences"][0]["id"] = "Cycle de vie"


BROKEN_JSON_CASES = [
    # (case id, mutate metier.json, mutate mobilites.json, text the one problem starts with,
    #  text it contains)
    (
        "unknown-competence-in-a-job",
        _unknown_competence,
        None,
        "metier.json : jobs[2].competences[cycle-vie] : ",
        "compétence inconnue « cycle-vie »",
    ),
    ("duplicate-job-id", _dup_job, None, "metier.json : jobs : ", "est défini deux fois"),
    (
        "duplicate-mobility",
        None,
        _dup_mobility,
        "mobilites.json : mobilities[12] : ",
        "mobilité en double",
    ),
    ("self-loop-mobility", None, _self_loop, "mobilites.json : mobilities[0] : ", "lui-même"),
    (
        "unknown-field-in-a-job",
        _unknown_field,
        None,
        "metier.json : jobs[1].salary : ",
        "champ inconnu",
    ),
    (
        "unknown-top-level-field",
        None,
        _unknown_top_field,
        "mobilites.json : comment : ",
        "champ inconnu",
    ),
    (
        "estimate-without-reason",
        _no_reason,
        None,
        f"metier.json : jobs[{ESTIMATE_INDEX}].competences[cycle-de-vie]",
        "reason",
    ),
    (
        "estimate-with-blank-reason",
        _blank_reason,
        None,
        f"metier.json : jobs[{ESTIMATE_INDEX}].competences[cycle-de-vie]",
        "reason",
    ),
    (
        "reason-on-two-lines",
        _two_line_reason,
        None,
        f"metier.json : jobs[{ESTIMATE_INDEX}].competences[cycle-de-vie]",
        "une ligne",
    ),
    (
        "three-level-descriptors",
        _three_levels,
        None,
        "metier.json : competences[0].levels : ",
        "reçu 3",
    ),
    (
        "expected-level-on-a-levelless-competence",
        _level_on_levelless,
        None,
        "metier.json : jobs[0].competences[autonomie].expected_level : ",
        "pas de niveaux",
    ),
    (
        "direction-not-matching-declarer",
        None,
        _wrong_direction,
        "mobilites.json : mobilities[0] : ",
        "métier déclarant",
    ),
    ("id-not-a-slug", _bad_slug, None, "metier.json : competences[0].id : ", "identifiant"),
]


@pytest.mark.parametrize(
    ("metier", "mobilites", "starts", "contains"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN_JSON_CASES],
)
def test_one_breakage_gives_one_problem_naming_file_and_field(
    make_dataset, metier, mobilites, starts, contains
):
    """Each kind of breakage is one problem, naming the file and where in it."""
    folder = make_dataset(metier=metier, mobilites=mobilites)
    problems = validate_dataset(folder)
    assert len(problems) == 1, problems
    assert problems[0].startswith(starts), problems[0]
    assert contains in problems[0]
    with pytest.raises(DatasetError) as info:
        load_dataset(folder)
    assert info.value.problems == problems


def test_duplicate_job_names_the_duplicated_id(make_dataset, real_data_dir):
    """A job listed twice is reported with its id."""
    raw = json.loads((real_data_dir / METIER).read_text(encoding="utf-8"))
    [problem] = validate_dataset(make_dataset(metier=_dup_job))
    assert f"« {raw['jobs'][1]['id']} »" in problem


# -- broken files ------------------------------------------------------------------------------


def test_missing_file(make_dataset):
    """A dataset folder without ``mobilites.json`` is reported as 'file not found'."""
    folder = make_dataset()
    (folder / MOBILITES).unlink()
    assert validate_dataset(folder) == [f"mobilites.json : fichier introuvable dans {folder}"]


def test_missing_folder(tmp_path):
    """A path that is not a folder is reported as not a dataset folder."""
    [problem] = validate_dataset(tmp_path / "absent")
    assert "absent" in problem
    assert "pas un dossier de données" in problem


def test_empty_file(make_dataset):
    """An empty (or blank) ``metier.json`` is reported as empty."""
    folder = make_dataset()
    (folder / METIER).write_text("  \n", encoding="utf-8")
    [problem] = validate_dataset(folder)
    assert problem.startswith("metier.json : ")
    assert "vide" in problem


def test_invalid_json_names_line_and_column(make_dataset):
    """Invalid JSON is reported with the line and column of the mistake."""
    folder = make_dataset()
    lines = (folder / METIER).read_text(encoding="utf-8").splitlines()
    lines.insert(5, "    oops,")  # becomes line 6; the bad token starts at column 5
    (folder / METIER).write_text("\n".join(lines), encoding="utf-8")
    [problem] = validate_dataset(folder)
    assert problem.startswith("metier.json : ligne 6, colonne 5 : JSON invalide")


def test_non_utf8_bytes(make_dataset):
    """A file in Latin-1 is reported as not UTF-8, with the offset of the first bad byte."""
    folder = make_dataset()
    data = (folder / METIER).read_text(encoding="utf-8").encode("latin-1", "replace")
    first_bad = next(i for i, b in enumerate(data) if b >= 0x80)
    (folder / METIER).write_bytes(data)
    assert validate_dataset(folder) == [f"metier.json : texte non UTF-8 (octet {first_bad})"]


def test_utf8_bom_is_accepted(make_dataset):
    """A UTF-8 file starting with a byte-order mark (as some editors save) is still valid."""
    folder = make_dataset()
    (folder / METIER).write_bytes(b"\xef\xbb\xbf" + (folder / METIER).read_bytes())
    assert validate_dataset(folder) == []


def test_directory_in_place_of_the_file(make_dataset):
    """A directory named ``metier.json`` is reported as a directory, not a file."""
    folder = make_dataset()
    (folder / METIER).unlink()
    (folder / METIER).mkdir()
    [problem] = validate_dataset(folder)
    assert problem.startswith("metier.json : ")
    assert "dossier" in problem


# -- several problems at once ----------------------------------------------------------------


def test_validate_reports_several_problems_at_once(make_dataset):
    """A level 5 in ``metier.json`` and a bad move in ``mobilites.json`` are both reported."""
    folder = make_dataset(metier=_level5, mobilites=_mobility_from("astronaute"))
    problems = validate_dataset(folder)
    assert len(problems) == 2
    assert any(p.startswith("metier.json : ") and "reçu 5" in p for p in problems)
    assert any(
        p.startswith("mobilites.json : mobilities[0].from : métier inconnu « astronaute »")
        for p in problems
    )


def test_dataset_error_lists_every_problem_and_counts_the_rest(make_dataset):
    """``DatasetError`` keeps every problem; its message is the first plus a count of the rest."""
    folder = make_dataset(metier=_level5, mobilites=_mobility_from("astronaute"))
    with pytest.raises(DatasetError) as info:
        load_dataset(folder)
    assert info.value.problems == validate_dataset(folder)
    message = str(info.value)
    assert message.startswith(info.value.problems[0])
    assert "+1 autre" in message
    assert "\n" not in message


def test_both_files_unreadable_are_both_reported(make_dataset):
    """When both files are broken, both are named."""
    folder = make_dataset()
    (folder / METIER).write_text("", encoding="utf-8")
    (folder / MOBILITES).write_text("{", encoding="utf-8")
    problems = validate_dataset(folder)
    assert [p.split(" :")[0] for p in problems] == ["metier.json", "mobilites.json"]


def test_unreadable_jobs_do_not_flag_every_mobility(make_dataset):
    """If ``jobs`` is not a list, only that is reported, not each mobility as 'unknown job'."""

    def jobs_not_a_list(raw: Any) -> None:
        raw["jobs"] = {}

    problems = validate_dataset(make_dataset(metier=jobs_not_a_list))
    assert problems and problems[0].startswith("metier.json : jobs : ")
    assert [p for p in problems if p.startswith("mobilites.json")] == []


def test_a_missing_reason_is_said_with_the_other_problems(make_dataset):
    """A level without its reason and another, unrelated problem: both are listed at once."""

    def two(raw: Any) -> None:
        _no_reason(raw)
        raw["jobs"][0]["competences"][0]["expected_level"] = 9

    problems = validate_dataset(make_dataset(metier=two))
    assert len(problems) == 2, problems
    assert any("reason" in p and "cycle-de-vie" in p for p in problems)
    assert any("expected_level" in p for p in problems)
