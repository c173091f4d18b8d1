"""The commands through ``CliRunner``: every command, option and output format."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from typing import Any

import pytest

from esante_cli import __version__
from esante_cli.dataset import validate_dataset
from esante_cli.i18n import t
from esante_cli.names import fold
from esante_cli.results.base import SCHEMA_VERSION

from .helpers import as_json, ok

E_SANTE = "specialiste-e-sante"
NEIGHBOUR = "data-scientist"
FORMATS = ("table", "json", "csv", "markdown")
DATA_COMMANDS = {
    "list": ("list",),
    "show": ("show", E_SANTE),
    "show-neighbour": ("show", NEIGHBOUR),
    "competences": ("competences",),
    "competence": ("competence", "donnees-massives"),
    "validate": ("validate",),
}
SECTIONS = (
    "header",
    "missions",
    "context",
    "relations",
    "competences",
    "certifications",
    "neighbours",
)
ANSI = re.compile(r"\x1b\[")
ESTIMATE_MARK = re.compile(r"(?<![\w.])[1-4]\*")


def as_csv(result) -> list[list[str]]:
    return list(csv.reader(io.StringIO(ok(result))))


def flat(text: str) -> str:
    """Text with runs of whitespace made one space (rich wraps long lines at 80 columns)."""
    return " ".join(text.split())


def _keys_sorted(node: Any) -> bool:
    if isinstance(node, dict):
        return list(node) == sorted(node) and all(_keys_sorted(v) for v in node.values())
    if isinstance(node, list):
        return all(_keys_sorted(v) for v in node)
    return True


# -- every command in every format -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", DATA_COMMANDS, ids=str)
def test_every_data_command_works_in_every_format(invoke, command, fmt):
    """Each data command exits 0 in each format, writes to stdout only, with no ANSI codes."""
    out = ok(invoke(*DATA_COMMANDS[command], "--format", fmt))
    assert out.strip()
    assert not ANSI.search(out)


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=str)
def test_json_is_an_object_with_schema_and_data_versions(invoke, ds, command):
    """JSON output is one object carrying ``schema_version`` and ``data_version``."""
    data = as_json(invoke(*DATA_COMMANDS[command], "--format", "json"))
    assert isinstance(data, dict)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["data_version"] == ds.version


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=str)
def test_json_keys_are_sorted(invoke, command):
    """Every object of the JSON output has its keys sorted, so output diffs stay small."""
    text = ok(invoke(*DATA_COMMANDS[command], "--format", "json"))
    assert _keys_sorted(json.loads(text))  # dicts keep the order of the text


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=str)
def test_csv_parses_with_a_header(invoke, command):
    """CSV output parses with the csv module: a header of distinct names, rows of its width."""
    rows = as_csv(invoke(*DATA_COMMANDS[command], "--format", "csv"))
    header, body = rows[0], rows[1:]
    assert header and all(header)
    assert len(set(header)) == len(header)
    assert all(len(row) == len(header) for row in body)
    if command != "validate":  # a valid dataset has no problem rows
        assert body


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=str)
def test_markdown_starts_with_a_heading(invoke, command):
    """Markdown output starts with a level-1 heading."""
    out = ok(invoke(*DATA_COMMANDS[command], "--format", "markdown"))
    assert re.match(r"#{1,2} \S", out)


@pytest.mark.parametrize("spelling", ["JSON", "Json"])
def test_format_is_case_insensitive(invoke, spelling):
    """``--format JSON`` is the same as ``--format json``."""
    assert as_json(invoke("list", "--format", spelling)) == as_json(
        invoke("list", "--format", "json")
    )


def test_short_format_option(invoke):
    """``-f csv`` is ``--format csv``."""
    assert ok(invoke("list", "-f", "csv")) == ok(invoke("list", "--format", "csv"))


def test_unknown_format_is_a_usage_error(invoke):
    """An unknown format exits 2 and names the accepted formats on stderr."""
    result = invoke("list", "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert all(fmt in result.stderr for fmt in FORMATS)


# -- list --------------------------------------------------------------------------------------


def test_list_json_has_every_job_with_id_and_title(invoke, ds):
    """``list`` gives every job, sorted by id, each with its ``id`` and ``title``."""
    jobs = as_json(invoke("list", "--format", "json"))["jobs"]
    assert [(j["id"], j["title"]) for j in jobs] == [(j.id, j.title) for j in ds.jobs]


def test_list_counts_card_and_estimated_levels(invoke, ds):
    """``list`` counts, per job, the expected levels taken from the card and those estimated."""
    rows = {j["id"]: j for j in as_json(invoke("list", "--format", "json"))["jobs"]}
    for job in ds.jobs:
        levels = [e for e in job.competences if e.expected_level is not None]
        assert rows[job.id]["card_levels"] == sum(e.provenance == "card" for e in levels)
        assert rows[job.id]["estimated_levels"] == sum(e.provenance != "card" for e in levels)
    assert rows[E_SANTE]["estimated_levels"] == 0
    assert rows[NEIGHBOUR]["card_levels"] == 0


def test_list_csv_has_one_row_per_job(invoke, ds):
    """``list --format csv`` has a header with ``id`` and ``title``, then one row per job."""
    rows = as_csv(invoke("list", "--format", "csv"))
    header = rows[0]
    ids = [row[header.index("id")] for row in rows[1:]]
    titles = [row[header.index("title")] for row in rows[1:]]
    assert ids == [j.id for j in ds.jobs]
    assert titles == [j.title for j in ds.jobs]


def test_list_table_shows_every_job_id(invoke, ds):
    """The list table shows every job id where there is room for it (at 80 columns the titles
    say it); no estimate footnote: the counts carry no mark (issue 11)."""
    wide = ok(invoke("list", env={"COLUMNS": "160"}))
    narrow = ok(invoke("list"))
    for job in ds.jobs:
        assert job.id in wide
        assert job.id not in narrow and set(job.title.split()) <= set(narrow.split())
    assert "*" not in wide + narrow


@pytest.mark.parametrize("family", ["architecture", "ARCHITECTURE", "Architecture et conception"])
def test_list_family_keeps_only_that_family(invoke, ds, family):
    """``list --family`` keeps the jobs whose family contains the text (case, accents ignored)."""
    expected = [j.id for j in ds.jobs if j.family and fold(family) in fold(j.family.value)]
    assert E_SANTE in expected and len(expected) < len(ds.jobs)
    jobs = as_json(invoke("list", "--family", family, "--format", "json"))["jobs"]
    assert [j["id"] for j in jobs] == expected


def test_list_unknown_family_is_an_empty_list(invoke):
    """A family no job has gives an empty list, not an error."""
    assert as_json(invoke("list", "--family", "astronautique", "--format", "json"))["jobs"] == []


# -- show --------------------------------------------------------------------------------------


def test_show_by_other_title(invoke):
    """``show`` accepts any name of the job: 'Digital health Engineer' is the card's job."""
    data = as_json(invoke("show", "Digital health Engineer", "--format", "json"))
    assert data["job"]["id"] == E_SANTE


def test_show_json_contract_of_a_job(invoke, ds):
    """A shown job carries ``id`` and ``title``; each competence entry carries ``id``,
    ``label``, ``expected_level``, ``levels`` (the four descriptors in order), ``provenance``."""
    data = as_json(invoke("show", E_SANTE, "--format", "json"))
    assert data["job"]["id"] == E_SANTE
    assert data["job"]["title"] == ds.job(E_SANTE).title
    assert [e["id"] for e in data["competences"]] == [c.id for c in ds.competences]
    for entry in data["competences"]:
        assert {"id", "label", "expected_level", "levels", "provenance"} <= set(entry)
        comp = ds.competence(entry["id"])
        assert entry["label"] == comp.label
        assert entry["levels"] == comp.levels
        assert entry["expected_level"] == ds.job(E_SANTE).level(comp.id).expected_level
        assert entry["provenance"] == "card"


def test_show_json_null_level_where_the_card_gives_none(invoke):
    """'Développer son autonomie' has ``expected_level: null`` and no levels, not a guess."""
    data = as_json(invoke("show", E_SANTE, "--format", "json"))
    entry = next(e for e in data["competences"] if e["id"] == "autonomie")
    assert entry["expected_level"] is None
    assert entry["levels"] == []
    levelled = [e for e in data["competences"] if e["id"] != "autonomie"]
    assert all(len(e["levels"]) == 4 and e["expected_level"] in (1, 2, 3, 4) for e in levelled)


def test_show_neighbour_json_marks_every_estimate(invoke, ds):
    """``show data-scientist --format json``: every level is provenance 'estimate' with a reason."""
    data = as_json(invoke("show", NEIGHBOUR, "--format", "json"))
    levels = [e for e in data["competences"] if e["expected_level"] is not None]
    assert len(levels) == len(ds.levelled_competences)
    for entry in levels:
        assert entry["provenance"] == "estimate", entry["id"]
        assert entry["reason"] and entry["reason"].strip(), entry["id"]
        assert entry["reason"] == ds.job(NEIGHBOUR).level(entry["id"]).reason


def test_show_neighbour_lists_both_declared_moves(invoke):
    """Data Scientist is linked to the card's job both ways, each move marked as inferred."""
    data = as_json(invoke("show", NEIGHBOUR, "--format", "json"))
    links = {(n["id"], n["direction"]) for n in data["neighbours"]}
    assert links == {(E_SANTE, "provenance"), (E_SANTE, "evolution")}
    assert all(n["provenance"] == "inferred" and n["reason"] for n in data["neighbours"])


def test_show_neighbour_table_marks_estimates_with_a_star_and_footnote(invoke, ds):
    """The table marks each estimated level with ``*`` and explains the mark in a footnote."""
    out = ok(invoke("show", NEIGHBOUR))
    estimated = [
        e
        for e in ds.job(NEIGHBOUR).competences
        if e.expected_level is not None and e.provenance == "estimate"
    ]
    assert len(ESTIMATE_MARK.findall(out)) == len(estimated) > 0
    assert flat(t("mark_estimate")) in flat(out)


def test_show_card_job_table_has_no_estimate_mark(invoke):
    """The card's own levels are facts: no ``*`` and no estimate footnote."""
    out = ok(invoke("show", E_SANTE))
    assert ESTIMATE_MARK.findall(out) == []
    assert flat(t("mark_estimate")) not in flat(out)
    assert flat(t("mark_null")) in flat(out)  # autonomy has no level, and says so


def test_show_neighbour_markdown_marks_estimates(invoke, ds):
    """In Markdown the estimate mark is an escaped ``\\*`` after each estimated level."""
    out = ok(invoke("show", NEIGHBOUR, "--format", "markdown"))
    marks = re.findall(r"\| [1-4]\\\* \|", out)
    assert len(marks) == len(ds.levelled_competences)
    assert t("mark_estimate").lstrip("* ") in out


def test_show_csv_main_table_is_the_competences(invoke, ds):
    """``show --format csv`` gives the competence table: one row per catalogue competence."""
    rows = as_csv(invoke("show", NEIGHBOUR, "--format", "csv"))
    header = rows[0]
    assert {"id", "label", "expected_level", "provenance"} <= set(header)
    assert [r[header.index("id")] for r in rows[1:]] == [c.id for c in ds.competences]
    provenances = {r[header.index("id")]: r[header.index("provenance")] for r in rows[1:]}
    assert {provenances[c.id] for c in ds.levelled_competences} == {"estimate"}


SECTION_JSON_KEYS = {
    "header": {"job"},
    "missions": {"purpose", "missions"},
    "context": {"context", "organisational_contexts", "working_conditions"},
    "relations": {"relations"},
    "competences": {"competences"},
    "certifications": {"certifications"},
    "neighbours": {"neighbours"},
}


@pytest.mark.parametrize("section", SECTIONS)
def test_show_section_json_has_only_that_section(invoke, section):
    """``show --section X --format json`` keeps the versions, the job and section X only."""
    data = as_json(invoke("show", E_SANTE, "--section", section, "--format", "json"))
    assert data["section"] == section
    assert data["job"]["id"] == E_SANTE
    assert SECTION_JSON_KEYS[section] <= set(data)
    others = set().union(*SECTION_JSON_KEYS.values()) - SECTION_JSON_KEYS[section] - {"job"}
    assert not others & set(data)


SECTION_HEADINGS = {
    "header": "other_titles_fr",
    "missions": "missions",
    "context": "context",
    "relations": "relations",
    "competences": "competences",
    "certifications": "certifications",
    "neighbours": "neighbours",
}


@pytest.mark.parametrize("section", SECTIONS)
def test_show_section_table_shows_only_that_section(invoke, section):
    """``show --section X`` prints X's heading and none of the other sections' headings (in a
    wide terminal, where each heading is on one line)."""
    out = ok(invoke("show", E_SANTE, "--section", section, env={"COLUMNS": "160"}))
    assert t(SECTION_HEADINGS[section]) in out
    for other, key in SECTION_HEADINGS.items():
        if other != section:
            assert t(key) not in out, other


@pytest.mark.parametrize(
    ("alias", "section"),
    [
        ("voisins", "neighbours"),
        ("proximites", "neighbours"),
        ("entete", "header"),
        ("en-tête", "header"),
        ("finalite", "missions"),
        ("contexte", "context"),
        ("Compétences", "competences"),
        ("RELATIONS", "relations"),
    ],
)
def test_show_section_french_aliases(invoke, alias, section):
    """French names (and any case or accents) of a section give the same output as its name."""
    args = ("show", E_SANTE, "--format", "json", "--section")
    assert as_json(invoke(*args, alias)) == as_json(invoke(*args, section))


def test_show_unknown_section_is_a_usage_error(invoke):
    """An unknown section exits 2 and lists the sections on stderr."""
    result = invoke("show", E_SANTE, "--section", "salaire")
    assert result.exit_code == 2
    assert all(name in flat(result.stderr) for name in SECTIONS)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("section", SECTIONS)
def test_show_each_section_in_each_format_for_the_card_job(invoke, section, fmt):
    """Every section of the card's job renders in every format."""
    assert ok(invoke("show", E_SANTE, "--section", section, "--format", fmt)).strip()


@pytest.mark.parametrize("section", ["relations", "certifications", "context"])
def test_show_csv_of_a_section_a_neighbour_lacks(invoke, section):
    """A section that a job without a full card lacks gives an empty CSV, not an internal error."""
    result = invoke("show", NEIGHBOUR, "--section", section, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr


def test_show_markdown_keeps_paragraphs_apart(invoke, ds):
    """In Markdown each paragraph of a mission is its own paragraph, with no escaped <br>."""
    out = ok(invoke("show", E_SANTE, "--section", "missions", "--format", "markdown"))
    assert "&lt;br&gt;" not in out
    lines = out.splitlines()
    card = ds.job(E_SANTE).card
    assert card is not None
    for mission in card.missions:
        for paragraph in mission.paragraphs:
            assert paragraph in lines, paragraph[:50]


def test_output_does_not_depend_on_the_order_of_the_data(invoke, make_dataset):
    """Shuffling jobs, mobilities and each job's competences changes no byte of the output."""

    def shuffle_metier(raw: Any) -> None:
        rng = random.Random(7)
        rng.shuffle(raw["jobs"])
        for job in raw["jobs"]:
            rng.shuffle(job["competences"])

    def shuffle_mobilites(raw: Any) -> None:
        random.Random(11).shuffle(raw["mobilities"])

    shuffled = str(make_dataset(metier=shuffle_metier, mobilites=shuffle_mobilites))
    for args in (
        ("list", "--format", "json"),
        ("show", E_SANTE, "--format", "json"),
        ("show", NEIGHBOUR),
        ("competence", "donnees-massives", "--format", "csv"),
        ("competences", "--format", "markdown"),
    ):
        assert ok(invoke("--data", shuffled, *args)) == ok(invoke(*args)), args


# -- competences and competence ----------------------------------------------------------------


def test_competences_json_is_the_catalogue_in_card_order(invoke, ds):
    """``competences`` lists the catalogue in the card's order with its four levels."""
    rows = as_json(invoke("competences", "--format", "json"))["competences"]
    assert [(r["id"], r["label"], r["levels"]) for r in rows] == [
        (c.id, c.label, c.levels) for c in ds.competences
    ]


def test_competences_counts_jobs_expecting_a_level(invoke, ds):
    """Each catalogue row counts the jobs that expect a level on it (none for autonomy)."""
    rows = {r["id"]: r for r in as_json(invoke("competences", "--format", "json"))["competences"]}
    for comp in ds.competences:
        expected = sum(
            1
            for j in ds.jobs
            if (e := j.level(comp.id)) is not None and e.expected_level is not None
        )
        assert rows[comp.id]["jobs_with_level"] == expected
    assert rows["autonomie"]["jobs_with_level"] == 0


def test_competences_table_shows_every_id(invoke, ds):
    """The catalogue table shows every competence id where there is room for it; at 80 columns
    the labels say it (issue 11)."""
    wide = ok(invoke("competences", env={"COLUMNS": "250"}))
    narrow = ok(invoke("competences"))
    assert "┃ id " in wide and "┃ id " not in narrow
    for comp in ds.competences:
        assert comp.id in wide
        assert set(comp.label.split()) <= set(narrow.split())


@pytest.mark.parametrize(
    "name", ["Gérer et exploiter des données massives", "données massives", "DONNEES-MASSIVES"]
)
def test_competence_by_label(invoke, ds, name):
    """``competence`` finds a competence by label or id and shows its four levels."""
    data = as_json(invoke("competence", name, "--format", "json"))
    comp = ds.competence("donnees-massives")
    assert (data["id"], data["label"], data["levels"]) == (comp.id, comp.label, comp.levels)


def test_competence_lists_every_job_highest_level_first(invoke, ds):
    """``competence`` lists each job that has the competence, highest expected level first."""
    jobs = as_json(invoke("competence", "donnees-massives", "--format", "json"))["jobs"]
    assert {j["id"] for j in jobs} == {j.id for j in ds.jobs if j.level("donnees-massives")}
    levels = [j["expected_level"] for j in jobs]
    assert levels == sorted(levels, reverse=True)
    for row in jobs:
        entry = ds.job(row["id"]).level("donnees-massives")
        assert (row["expected_level"], row["provenance"]) == (
            entry.expected_level,
            entry.provenance,
        )


def test_competence_table_marks_estimates(invoke, ds):
    """The competence table marks neighbours' levels as estimates, with the footnote."""
    out = ok(invoke("competence", "donnees-massives"))
    estimated = [
        j for j in ds.jobs if (e := j.level("donnees-massives")) and e.provenance == "estimate"
    ]
    assert len(ESTIMATE_MARK.findall(out)) == len(estimated)
    assert flat(t("mark_estimate")) in flat(out)


def test_competence_without_levels(invoke):
    """'autonomie' shows no levels and says the card gives none."""
    data = as_json(invoke("competence", "autonomie", "--format", "json"))
    assert data["levels"] == []
    assert all(j["expected_level"] is None for j in data["jobs"])
    assert flat(t("mark_null")) in flat(ok(invoke("competence", "autonomie")))


# -- validate ----------------------------------------------------------------------------------


def test_validate_valid_data_exits_0(invoke, ds):
    """``validate`` on the packaged data says it is valid and exits 0."""
    out = ok(invoke("validate"))
    assert t("valid") in out
    assert as_json(invoke("validate", "--format", "json"))["problems"] == []


def test_validate_broken_data_exits_3_and_lists_every_problem(invoke, doubly_broken_data):
    """``validate DIR`` on broken data lists every problem on stdout and exits 3."""
    result = invoke("validate", str(doubly_broken_data), "--format", "json")
    assert result.exit_code == 3
    problems = json.loads(result.stdout)["problems"]
    assert problems == validate_dataset(doubly_broken_data)
    assert len(problems) == 2
    assert any(p.startswith("metier.json : ") and "reçu 5" in p for p in problems)
    assert any(p.startswith("mobilites.json : mobilities[0].from : ") for p in problems)


def test_validate_table_lists_every_problem(invoke, doubly_broken_data):
    """The validate table shows each problem in full, and one error line goes to stderr."""
    result = invoke("validate", str(doubly_broken_data), env={"COLUMNS": "250"})
    assert result.exit_code == 3
    for problem in validate_dataset(doubly_broken_data):
        assert problem in result.stdout
    [line] = result.stderr.splitlines()
    assert line.startswith("esante : erreur : ")


@pytest.mark.parametrize("how", ["argument", "--data", "ESANTE_DATA"])
def test_validate_reads_the_folder_given(invoke, level5_data, how):
    """``validate`` checks the folder given as argument, with ``--data`` or ``ESANTE_DATA``."""
    folder = str(level5_data)
    if how == "argument":
        result = invoke("validate", folder, "--format", "json")
    elif how == "--data":
        result = invoke("--data", folder, "validate", "--format", "json")
    else:
        result = invoke("validate", "--format", "json", env={"ESANTE_DATA": folder})
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["path"] == folder
    assert data["problems"] == validate_dataset(level5_data)


def test_validate_csv_has_one_problem_per_row(invoke, doubly_broken_data):
    """``validate --format csv`` gives one problem per row under a header."""
    result = invoke("validate", str(doubly_broken_data), "--format", "csv")
    assert result.exit_code == 3
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [r[0] for r in rows[1:]] == validate_dataset(doubly_broken_data)


# -- schema ------------------------------------------------------------------------------------


def test_schema_is_json_with_both_files(invoke):
    """``schema`` prints valid JSON holding the schemas of metier.json and mobilites.json."""
    data = as_json(invoke("schema"))
    assert set(data) == {"metier.json", "mobilites.json"}
    assert {"schema_version", "dataset", "competences", "jobs"} <= set(
        data["metier.json"]["properties"]
    )
    assert "mobilities" in data["mobilites.json"]["properties"]


def test_schema_forbids_unknown_fields_and_uses_from_to(invoke):
    """The schema forbids extra fields and names a move's ends ``from`` and ``to``."""
    data = as_json(invoke("schema"))
    for schema in data.values():
        assert schema.get("additionalProperties") is False
    mobility = data["mobilites.json"]["$defs"]["Mobility"]
    assert {"from", "to"} <= set(mobility["properties"])
    assert mobility.get("additionalProperties") is False


def test_schema_bounds_expected_levels(invoke):
    """The schema says an expected level is an integer from 1 to 4, or null."""
    data = as_json(invoke("schema"))
    level = data["metier.json"]["$defs"]["JobCompetence"]["properties"]["expected_level"]
    integer = next(s for s in level["anyOf"] if s.get("type") == "integer")
    assert (integer["minimum"], integer["maximum"]) == (1, 4)
    assert {"type": "null"} in level["anyOf"]


# -- global options ----------------------------------------------------------------------------


def test_version_shows_tool_and_data_versions(invoke, ds):
    """``--version`` prints the tool's version and the data's version and date."""
    out = ok(invoke("--version"))
    assert __version__ in out
    assert ds.version in out
    assert ds.date in out


def _version_9(raw: Any) -> None:
    raw["dataset"]["version"] = "9.9.9-test"


def test_version_reads_the_data_named_by_env(invoke, make_dataset):
    """With ``ESANTE_DATA``, ``--version`` shows that dataset's version."""
    folder = make_dataset(metier=_version_9)
    assert "9.9.9-test" in ok(invoke("--version", env={"ESANTE_DATA": str(folder)}))


def test_version_reads_the_data_named_by_option(invoke, make_dataset):
    """With ``--data DIR``, ``--version`` shows DIR's version, as with ``ESANTE_DATA``."""
    folder = make_dataset(metier=_version_9)
    assert "9.9.9-test" in ok(invoke("--data", str(folder), "--version"))


def test_data_option_changes_the_data_read(invoke, make_dataset):
    """``--data DIR`` makes every command read DIR (its version shows in the JSON)."""
    folder = make_dataset(metier=_version_9)
    data = as_json(invoke("--data", str(folder), "list", "--format", "json"))
    assert data["data_version"] == "9.9.9-test"


def test_data_env_var_changes_the_data_read(invoke, make_dataset):
    """``ESANTE_DATA=DIR`` makes every command read DIR."""
    folder = make_dataset(metier=_version_9)
    data = as_json(invoke("list", "--format", "json", env={"ESANTE_DATA": str(folder)}))
    assert data["data_version"] == "9.9.9-test"


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("list",), "jobs"),
        (("show", E_SANTE, "--section", "competences"), "competences"),
        (("show", NEIGHBOUR, "--section", "neighbours"), "neighbours"),
    ],
)
def test_lang_en_gives_english_headings(invoke, args, key):
    """``--lang en`` gives English headings instead of French ones."""
    english = ok(invoke("--lang", "en", *args))
    french = ok(invoke(*args))
    assert t(key, "en") in english and t(key, "fr") not in english
    assert t(key, "fr") in french


def test_lang_en_from_env_and_any_case(invoke):
    """``ESANTE_LANG=en`` and ``--lang EN`` also switch to English."""
    english = ok(invoke("--lang", "en", "list"))
    assert ok(invoke("list", env={"ESANTE_LANG": "en"})) == english
    assert ok(invoke("--lang", "EN", "list")) == english


def test_lang_en_markdown_footnote(invoke):
    """English Markdown carries the English estimate footnote, not the French one."""
    out = ok(invoke("--lang", "en", "show", NEIGHBOUR, "--format", "markdown"))
    assert t("mark_estimate", "en").lstrip("* ") in out
    assert t("mark_estimate", "fr").lstrip("* ") not in out


def test_help_lists_every_command(invoke):
    """``--help`` lists every command."""
    out = ok(invoke("--help"))
    for command in ("list", "show", "competences", "competence", "validate", "schema"):
        assert re.search(rf"\b{command}\b", out)


# -- colour ------------------------------------------------------------------------------------

_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(text: str) -> list[int]:
    """The colour parameters (foreground or background) of the SGR escapes in ``text``."""
    codes = []
    for params in _SGR.findall(text):
        for p in params.split(";"):
            if p.isdigit() and (30 <= int(p) <= 49 or 90 <= int(p) <= 107):
                codes.append(int(p))
    return codes


def test_no_escape_codes_when_not_a_terminal(invoke):
    """Tables written to a pipe or file carry no ANSI escape codes at all."""
    for args in (
        ("list",),
        ("show", NEIGHBOUR),
        ("competences",),
        ("competence", "risques"),
        ("validate",),
    ):
        assert not ANSI.search(ok(invoke(*args))), args


def test_colours_on_a_forced_terminal(invoke):
    """With a terminal forced (``FORCE_COLOR``), estimates are coloured: the NO_COLOR test below
    is meaningful."""
    out = ok(
        invoke(
            "show",
            NEIGHBOUR,
            "--section",
            "competences",
            env={"FORCE_COLOR": "1", "TERM": "xterm-256color"},
        )
    )
    assert colour_codes(out)


def test_no_color_is_honoured(invoke):
    """``NO_COLOR=1`` removes every colour, even on a terminal."""
    out = ok(
        invoke(
            "show",
            NEIGHBOUR,
            "--section",
            "competences",
            env={"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": "1"},
        )
    )
    assert colour_codes(out) == []


def test_compare_names_the_job_given_twice(invoke):
    """Two different jobs and one repeated: the error names the repeated one (it used to say
    'at least two different jobs', though two were given); one job twice: at least two."""
    r = invoke("compare", "data-scientist", "data-scientist", "data-engineer")
    assert r.exit_code == 2 and "répété : data-scientist" in r.stderr
    r = invoke("compare", "data-scientist", "Data Scientist")
    assert r.exit_code == 2 and "au moins deux métiers différents" in r.stderr


def test_a_family_that_names_no_job_says_so(invoke):
    """``list --family`` with no job in it: the empty table says that nothing matches (and how
    to see them all); exit 0, the JSON an empty list."""
    out = invoke("list", "--family", "zzz", env={"COLUMNS": "120"})
    assert out.exit_code == 0
    assert "Aucun métier ne correspond" in out.stdout
    assert json.loads(invoke("list", "--family", "zzz", "--format", "json").stdout)["jobs"] == []


def test_pdf_and_markdown_reports_are_one_or_the_other(invoke, tmp_path):
    """``workshop --format md --pdf`` asks for two kinds of report: one line says they do not go
    together, exit 2."""
    from pathlib import Path

    group = Path(__file__).resolve().parents[2] / "examples/workshop/groupe.csv"
    out = invoke("workshop", str(group), "-o", str(tmp_path / "w"), "--format", "md", "--pdf")
    assert out.exit_code == 2
    assert "--pdf et --format md ne vont pas ensemble" in out.stderr
    assert not (tmp_path / "w").exists()


def test_lists_in_a_card_follow_the_language(invoke):
    """The other titles of a card are joined as each language writes a list (' ; ' in French,
    '; ' in English)."""
    fr = " ".join(invoke("show", "specialiste-e-sante", "--format", "markdown").stdout.split())
    en = " ".join(
        invoke("--lang", "en", "show", "specialiste-e-sante", "--format", "markdown").stdout.split()
    )
    assert "Ingénieur/eure e-santé ; Chef de projet e-santé" in fr
    assert "Ingénieur/eure e-santé; Chef de projet e-santé" in en
