"""``import_csv`` and ``esante import csv``: a counsellor's spreadsheets become a dataset;
bad rows are reported with their file and line; templates round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.dataset import load_dataset, packaged_data_dir, validate_dataset
from esante_cli.errors import ExitCode
from esante_cli.importers import write_dataset
from esante_cli.importers.csv import (
    COMPETENCES,
    JOBS,
    LEVELS,
    MOBILITIES,
    CsvImportError,
    import_csv,
    template_tables,
    write_templates,
)


@pytest.fixture
def sheets(tmp_path) -> Path:
    """A small hand-written dataset: two jobs, two competences, their levels, one move."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    files = {
        JOBS: "titre;famille;autres_appellations\n"
        "Infirmier coordinateur;Soins;Coordinateur de soins | IDEC\n"
        "Chargé de télésanté;Numérique;\n",
        COMPETENCES: "libelle;niveau_1;niveau_2;niveau_3;niveau_4\n"
        "Coordonner une équipe;Connaître;Appliquer;Maîtriser;Transmettre\n"
        "Utiliser la télémédecine;Découvrir;Utiliser;Paramétrer;Déployer\n"
        "Être autonome;;;;\n",
        LEVELS: "metier;competence;niveau;provenance;raison\n"
        "infirmier-coordinateur;Coordonner une équipe;3;user;\n"
        "Infirmier coordinateur;utiliser la telemedecine;1;estimate;Peu utilisée\n"
        "charge-de-telesante;Utiliser la télémédecine;2,0;;\n"
        "charge-de-telesante;Être autonome;;user;\n",
        MOBILITIES: "de;vers;sens\ninfirmier-coordinateur;charge-de-telesante;evolution\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_spreadsheet_folder_imports_into_a_valid_dataset(sheets, tmp_path):
    """Ids made from titles, names resolved, '2,0' read as 2, an empty level kept as none."""
    imported = import_csv(sheets)
    out = write_dataset(imported, tmp_path / "out")
    assert validate_dataset(out) == []
    ds = load_dataset(out)
    assert [j.id for j in ds.jobs] == ["charge-de-telesante", "infirmier-coordinateur"]
    nurse = ds.job("infirmier-coordinateur")
    assert nurse.other_titles.fr == ["Coordinateur de soins", "IDEC"]
    assert nurse.level("coordonner-une-equipe").expected_level == 3
    tele = nurse.level("utiliser-la-telemedecine")
    assert (tele.expected_level, tele.provenance, tele.reason) == (1, "estimate", "Peu utilisée")
    assert ds.job("charge-de-telesante").level("utiliser-la-telemedecine").expected_level == 2
    assert ds.job("charge-de-telesante").level("etre-autonome").expected_level is None
    (move,) = ds.mobilities
    assert (move.source_job, move.declared_by, move.provenance) == (
        "infirmier-coordinateur",
        "infirmier-coordinateur",
        "user",
    )


def test_commas_bom_and_windows_1252_are_read(sheets):
    """A comma-separated file with a BOM, and a Windows-1252 one (read as it comes, without a
    warning: French Excel's "CSV (séparateur : point-virgule)" is Windows-1252)."""
    jobs = (sheets / JOBS).read_text(encoding="utf-8").replace(";", ",")
    (sheets / JOBS).write_bytes(b"\xef\xbb\xbf" + jobs.encode("utf-8"))
    comps = (sheets / COMPETENCES).read_text(encoding="utf-8")
    (sheets / COMPETENCES).write_bytes(comps.encode("cp1252"))
    imported = import_csv(sheets)
    assert imported.counts["jobs"] == 2
    assert "Coordonner une équipe" in [c["label"] for c in imported.metier["competences"]]
    assert imported.warnings == []


def _append(folder: Path, name: str, line: str) -> None:
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def test_every_bad_row_is_reported_with_its_file_and_line(sheets):
    """Several bad rows in several files: all reported at once, each with file and line."""
    _append(sheets, LEVELS, "infirmier-coordinateur;Coordonner une équipe;5;;")
    _append(sheets, LEVELS, "astronaute;Coordonner une équipe;2;;")
    _append(sheets, LEVELS, "charge-de-telesante;Coordonner une équipe;2;guess;")
    _append(sheets, LEVELS, "infirmier-coordinateur;Être autonome;2;;")
    _append(sheets, COMPETENCES, "Rédiger;un;deux;;")
    _append(sheets, MOBILITIES, "charge-de-telesante;infirmier-coordinateur;ailleurs")
    _append(sheets, JOBS, "Chargé de télésanté;Numérique;")
    with pytest.raises(CsvImportError) as err:
        import_csv(sheets)
    problems = err.value.problems
    expected = [
        f"{LEVELS} : ligne 6 : niveau : doit être entre 1 et 4, reçu '5'",
        f"{LEVELS} : ligne 7 : metier : métier inconnu « astronaute »",
        f"{LEVELS} : ligne 8 : raison : la provenance « guess » demande une raison",
        f"{LEVELS} : ligne 9 : niveau : la compétence « etre-autonome » n'a pas de descripteurs",
        f"{COMPETENCES} : ligne 5 : niveau_3 : donnez les quatre descripteurs de niveau ou aucun",
        f"{MOBILITIES} : ligne 3 : sens : doit être provenance ou evolution",
        f"{JOBS} : ligne 4 : titre : 'Chargé de télésanté' est déjà à la ligne 3",
    ]
    for want in expected:
        assert any(p.startswith(want) for p in problems), (want, problems)
    assert err.value.exit_code == ExitCode.INVALID_INPUT


def test_a_repeated_level_names_the_first_line(sheets):
    """The same job and competence twice: the second row is reported, naming the first."""
    _append(sheets, LEVELS, "infirmier-coordinateur;coordonner-une-equipe;2;;")
    with pytest.raises(CsvImportError) as err:
        import_csv(sheets)
    assert err.value.problems == [
        (
            f"{LEVELS} : ligne 6 : le métier « infirmier-coordinateur » a déjà la compétence "
            "« coordonner-une-equipe » (ligne 2)"
        )
    ]


def test_names_are_resolved_exactly_as_everywhere_else(sheets):
    """A job named by an other title two jobs share is ambiguous, both named "Title (id)"; an
    unknown one suggests the nearest; a row's problems come in the order of its columns."""
    with (sheets / JOBS).open("a", encoding="utf-8") as handle:
        handle.write("Aide-soignant;Soins;IDEC\n")
    _append(sheets, LEVELS, "IDEC;Coordonner une équipe;2;;")
    _append(sheets, LEVELS, "infirmier-coordinateu;Coordonner une équipe;9;;")
    with pytest.raises(CsvImportError) as err:
        import_csv(sheets)
    ambiguous, unknown, level = err.value.problems
    assert ambiguous == (
        f"{LEVELS} : ligne 6 : metier : métier ambigu « IDEC » : il désigne "
        "Aide-soignant (aide-soignant), Infirmier coordinateur "
        "(infirmier-coordinateur)"
    )
    assert unknown.startswith(
        f"{LEVELS} : ligne 7 : metier : métier inconnu « infirmier-coordinateu » ; "
        "vouliez-vous dire : Infirmier coordinateur (infirmier-coordinateur)"
    )
    assert level == f"{LEVELS} : ligne 7 : niveau : doit être entre 1 et 4, reçu '9'"


def test_a_missing_file_or_column_is_reported(sheets):
    """No mobilites.csv, and a levels file without its 'niveau' column."""
    (sheets / MOBILITIES).unlink()
    (sheets / LEVELS).write_text("metier;competence\nx;y\n", encoding="utf-8")
    with pytest.raises(CsvImportError) as err:
        import_csv(sheets)
    assert any(p.startswith(f"{MOBILITIES} : fichier introuvable") for p in err.value.problems)
    assert any(
        p.startswith(f"{LEVELS} : ligne 1 : colonne manquante : niveau") for p in err.value.problems
    )


def test_a_misplaced_separator_is_reported_with_its_line(sheets):
    """An unquoted ';' inside a cell makes too many cells: the line says so."""
    _append(sheets, JOBS, "Aide-soignant;Soins;AS;en EHPAD;user;x;y;z;w;v")
    with pytest.raises(CsvImportError) as err:
        import_csv(sheets)
    assert err.value.problems[0].startswith(f"{JOBS} : ligne 4 : 10 cases pour 3 colonnes")


def test_templates_round_trip(tmp_path):
    """The templates of the bundled data import into a valid dataset whose templates are the
    same files, byte for byte; the levels and moves are the bundled ones."""
    bundled = load_dataset(packaged_data_dir())
    first = tmp_path / "first"
    write_templates(bundled, first)
    out = write_dataset(import_csv(first), tmp_path / "data")
    assert validate_dataset(out) == []
    again = load_dataset(out)
    second = tmp_path / "second"
    write_templates(again, second)
    for path in sorted(first.iterdir()):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    for job in bundled.jobs:
        mine = again.job(job.id)
        assert [c.model_dump() for c in mine.competences] == [
            c.model_dump() for c in job.competences
        ]
    assert [m.model_dump() for m in again.mobilities] == [
        m.model_dump() for m in bundled.mobilities
    ]
    assert [c.model_dump() for c in again.competences] == [
        c.model_dump() for c in bundled.competences
    ]


def test_templates_are_spreadsheet_friendly(tmp_path):
    """';' between columns, a UTF-8 byte-order mark, and a LISEZMOI.txt."""
    write_templates(load_dataset(packaged_data_dir()), tmp_path)
    raw = (tmp_path / JOBS).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b";titre;" in raw.split(b"\r\n")[0]
    assert (tmp_path / "LISEZMOI.txt").is_file()
    assert len(template_tables(load_dataset(packaged_data_dir()))[JOBS]) == 13


def test_cli_template_then_import(tmp_path):
    """esante import csv --template DIR, then esante import csv DIR --output OUT: exit 0."""
    runner = CliRunner()
    sheets, out = tmp_path / "sheets", tmp_path / "out"
    made = runner.invoke(app, ["import", "csv", "--template", str(sheets)])
    assert made.exit_code == 0, made.output
    done = runner.invoke(app, ["import", "csv", str(sheets), "--output", str(out)])
    assert done.exit_code == 0, done.output
    assert "12" in done.stderr
    listed = runner.invoke(app, ["--data", str(out), "list", "--format", "json"])
    assert len(json.loads(listed.stdout)["jobs"]) == 12


def test_cli_bad_rows_exit_3_and_list_every_problem_on_stderr(sheets, tmp_path):
    """Each problem on its own stderr line, then the error; nothing written; exit code 3."""
    _append(sheets, LEVELS, "infirmier-coordinateur;Coordonner une équipe;9;;")
    _append(sheets, LEVELS, "nobody;Coordonner une équipe;2;;")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["import", "csv", str(sheets), "--output", str(out)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.stderr.splitlines()
    assert lines[0] == f"esante : {LEVELS} : ligne 6 : niveau : doit être entre 1 et 4, reçu '9'"
    assert lines[1].startswith(f"esante : {LEVELS} : ligne 7 : metier : métier inconnu « nobody »")
    assert lines[-1].startswith("esante : erreur : ")
    assert not out.exists()


def test_cli_needs_a_folder_and_an_output(tmp_path):
    """Without DIR and --output (and without --template): a usage error, exit code 2."""
    result = CliRunner().invoke(app, ["import", "csv"])
    assert result.exit_code == ExitCode.USAGE


def test_topics_carry_their_own_provenance(sheets, tmp_path):
    """A competence's topics (themes, separated by '|') come with where their link comes from:
    an estimate needs its reason in themes_raison; given, they reach the dataset whole."""
    header = "metier;competence;niveau;provenance;raison;themes;themes_provenance;themes_raison"
    rows = (sheets / LEVELS).read_text(encoding="utf-8").splitlines()[1:]
    body = [f"{row};;;" for row in rows]
    body[0] = rows[0] + ";interopérabilité | cybersécurité;estimate;rattachement des auteurs"
    (sheets / LEVELS).write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    out = write_dataset(import_csv(sheets), tmp_path / "ds")
    ds = load_dataset(out)
    said = ds.job("infirmier-coordinateur").level("coordonner-une-equipe")
    assert said is not None and said.topics is not None
    assert said.topics.terms == ["interopérabilité", "cybersécurité"]
    assert (said.topics.provenance, said.topics.reason) == ("estimate", "rattachement des auteurs")
    _append(sheets, LEVELS, "charge-de-telesante;Coordonner une équipe;2;;;cybersécurité;estimate;")
    with pytest.raises(CsvImportError) as err:
        import_csv(sheets)
    want = f"{LEVELS} : ligne 6 : themes_raison : la provenance « estimate » demande une raison"
    assert any(p.startswith(want) for p in err.value.problems), err.value.problems
