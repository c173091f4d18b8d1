"""``import_esco`` and ``esante import esco``: ESCO downloads, with their quirks, become a
valid dataset whose levels say where they come from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.dataset import load_dataset, validate_dataset
from esante_cli.errors import ExitCode, InputError
from esante_cli.importers import write_dataset
from esante_cli.importers.esco import LEVELS, import_esco

from .conftest import OCC, RELS, SKILLS, U


@pytest.fixture
def imported(esco_dir: Path):
    return import_esco(esco_dir)


def _job(imported, job_id):
    return next(j for j in imported.metier["jobs"] if j["id"] == job_id)


def test_every_occupation_and_skill_is_imported(imported):
    """Three occupations become three jobs, five skills five competences."""
    assert [j["id"] for j in imported.metier["jobs"]] == [
        "analyste-de-donnees",
        "ingenieur-de-donnees",
        "technicien-reseau",
    ]
    assert len(imported.metier["competences"]) == 5


def test_quoted_fields_keep_their_newlines_commas_and_quotes(imported):
    """A label with a comma, alt labels split on newlines, a description with quotes."""
    job = _job(imported, "analyste-de-donnees")
    assert job["other_titles"]["fr"] == ["data analyst", "analyste, données"]
    assert (
        job["summary"]["value"]
        == 'Analyse les données, produit des "tableaux de bord" et des rapports.'
    )
    labels = [c["label"] for c in imported.metier["competences"]]
    assert "programmer en SQL, Python" in labels


def test_the_byte_order_mark_is_not_part_of_the_first_column(imported):
    """The BOM before 'conceptType' does not hide the columns: the jobs carry their URI."""
    job = _job(imported, "analyste-de-donnees")
    assert job["codes"][0]["uri"] == f"{U}/occupation/o1"
    assert job["codes"][0]["code"] == "2511.1"


def test_empty_optional_columns_are_fine(imported):
    """An occupation without alt labels, description or date still imports, without them."""
    job = _job(imported, "technicien-reseau")
    assert "other_titles" not in job and "summary" not in job
    assert job["family"]["value"] == "ISCO-08 3521"


def test_essential_and_optional_become_levels_2_and_1_with_their_provenance(imported):
    """Each level is 'inferred', with a reason naming the ESCO relation."""
    levels = {c["id"]: c for c in _job(imported, "ingenieur-de-donnees")["competences"]}
    sql = levels["programmer-en-sql-python"]
    assert sql["expected_level"] == 2 and sql["provenance"] == "inferred"
    assert "essentielle" in sql["reason"] and "ESCO" in sql["reason"]
    assert levels["statistiques"]["expected_level"] == 1
    assert "facultative" in levels["statistiques"]["reason"]


def test_a_duplicate_pair_is_kept_once_the_essential_one_winning(imported):
    """o1 lists s2 as optional, then as essential: one entry, level 2, and a warning."""
    entries = [
        c
        for c in _job(imported, "analyste-de-donnees")["competences"]
        if c["id"] == "programmer-en-sql-python"
    ]
    assert [c["expected_level"] for c in entries] == [2]
    assert any(w.startswith(f"{RELS} : 1 couple") and "ligne 7" in w for w in imported.warnings)


def test_relations_to_missing_uris_are_skipped_and_reported(imported):
    """A relation to a skill (or from an occupation) the files lack: skipped, with its line."""
    assert [c["id"] for c in _job(imported, "technicien-reseau")["competences"]] == [
        "c-s4",
        "cablage-reseau",
    ]
    missing_skill = [w for w in imported.warnings if "compétence absente" in w]
    missing_job = [w for w in imported.warnings if "occupation absente" in w]
    assert missing_skill and "ligne 9" in missing_skill[0] and f"{U}/skill/gone" in missing_skill[0]
    assert missing_job and "ligne 10" in missing_job[0]


def test_labels_making_the_same_slug_get_distinct_ids(imported):
    """'C++' and 'C#' both slug to 'c': the second id takes the start of its URI's UUID."""
    ids = [c["id"] for c in imported.metier["competences"]]
    assert "c" in ids and "c-s4" in ids


def test_every_imported_skill_has_the_four_generic_levels(imported):
    """ESCO has no level descriptors: each skill gets the same four generic ones."""
    assert all(c["levels"] == list(LEVELS) for c in imported.metier["competences"])


def test_the_written_dataset_is_valid_and_loads(imported, tmp_path):
    """The files written load with load_dataset, and validate without a problem."""
    out = write_dataset(imported, tmp_path / "out")
    assert validate_dataset(out) == []
    ds = load_dataset(out)
    assert ds.job("technicien-reseau").level("cablage-reseau").expected_level == 2
    report = json.loads((out / "import.json").read_text(encoding="utf-8"))
    assert report["levels"] == {"essential": 2, "optional": 1}
    assert report["skill_uris"]["statistiques"] == f"{U}/skill/s1"


def test_the_levels_can_be_chosen(esco_dir):
    """--essential-level 3 --optional-level 2 change the mapping, and the reasons say so."""
    imported = import_esco(esco_dir, essential_level=3, optional_level=2)
    entry = _job(imported, "technicien-reseau")["competences"]
    assert sorted(c["expected_level"] for c in entry) == [2, 3]
    assert all("niveau 3" in c["reason"] for c in entry if c["expected_level"] == 3)


def test_the_date_is_the_latest_modified_date(imported):
    """Without --date, the dataset's date is the latest modifiedDate of the files."""
    assert imported.metier["dataset"]["date"] == "2024-01-15"


@pytest.mark.parametrize("column", ["conceptUri", "preferredLabel"])
def test_a_missing_key_column_names_the_file_and_the_column(esco_dir, column):
    """A skills file without a key column is an InputError naming both."""
    text = (esco_dir / SKILLS).read_text(encoding="utf-8-sig").replace(column, "renamed", 1)
    (esco_dir / SKILLS).write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=rf"{SKILLS} : ligne 1 : colonne manquante : {column}"):
        import_esco(esco_dir)


def test_an_occupation_without_a_label_names_its_line_and_field(esco_dir):
    """An occupation row with an empty preferredLabel: an InputError naming line and field."""
    text = (esco_dir / OCC).read_text(encoding="utf-8-sig")
    header, first, rest = text.split("\n", 2)
    cells = first.split(",")
    cells[header.split(",").index("preferredLabel")] = ""
    (esco_dir / OCC).write_text("\n".join([header, ",".join(cells), rest]), encoding="utf-8")
    with pytest.raises(
        InputError, match=rf"^{OCC} : ligne 2 : preferredLabel : vide \(obligatoire\)$"
    ):
        import_esco(esco_dir)


def test_a_missing_file_is_named(esco_dir):
    """Without the relations file, the error names what is missing."""
    (esco_dir / RELS).unlink()
    with pytest.raises(InputError, match="aucun fichier ESCO trouvé"):
        import_esco(esco_dir)
    with pytest.raises(InputError, match=RELS):
        import_esco(esco_dir, lang="fr")


def test_extra_and_reordered_columns_are_ignored(esco_dir):
    """Columns in another order, plus unknown ones, give the same dataset."""
    before = import_esco(esco_dir).metier
    rows = (esco_dir / OCC).read_text(encoding="utf-8-sig")
    import csv
    import io

    table = list(csv.reader(io.StringIO(rows)))
    order = list(reversed(range(len(table[0]))))
    out = io.StringIO()
    csv.writer(out).writerows([[r[k] for k in order] + ["extra"] for r in table])
    (esco_dir / OCC).write_text(out.getvalue(), encoding="utf-8")
    assert import_esco(esco_dir).metier == before


def test_several_languages_ask_to_choose_and_lang_chooses(esco_dir):
    """With _fr and _en files and no --lang, the import stops and asks for --lang; --lang
    chooses."""
    for name in (OCC, SKILLS, RELS):
        (esco_dir / name.replace("_fr", "_en")).write_bytes((esco_dir / name).read_bytes())
    with pytest.raises(InputError, match=r"plusieurs langues \(en, fr\).*--lang"):
        import_esco(esco_dir)
    assert import_esco(esco_dir, lang="fr").report["lang"] == "fr"
    english = import_esco(esco_dir, lang="en")
    assert english.report["lang"] == "en"
    assert _job(english, "analyste-de-donnees")["other_titles"]["en"] == [
        "data analyst",
        "analyste, données",
    ]


def test_synthetic_downloads_import_into_a_valid_dataset(small_esco, tmp_path):
    """The generator's files (with every quirk) import, and the result validates."""
    imported = import_esco(small_esco)
    assert imported.counts["jobs"] == 60 and imported.counts["competences"] == 278
    assert any("en double" in w for w in imported.warnings)
    out = write_dataset(imported, tmp_path / "out")
    assert validate_dataset(out) == []


def test_cli_import_writes_the_dataset_and_a_suggested_model(small_esco, tmp_path):
    """esante import esco DIR --output OUT: exit 0, the dataset, a model the tool reads."""
    out = tmp_path / "esco-data"
    runner = CliRunner()
    result = runner.invoke(app, ["import", "esco", str(small_esco), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "metier.json").is_file() and (out / "modele.toml").is_file()
    assert "60" in result.stderr and "modele.toml" in result.stderr
    again = runner.invoke(
        app, ["--data", str(out), "recommend", load_dataset(out).jobs[0].id, "--format", "json"]
    )
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["uses_estimates"] is True


def test_cli_import_does_not_replace_a_dataset_without_force(esco_dir, tmp_path):
    """A second import into the same folder needs --force (exit 3 without it)."""
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["import", "esco", str(esco_dir), "-o", str(out)]).exit_code == 0
    second = runner.invoke(app, ["import", "esco", str(esco_dir), "-o", str(out)])
    assert second.exit_code == ExitCode.INVALID_INPUT
    assert "--force" in second.stderr
    forced = runner.invoke(app, ["import", "esco", str(esco_dir), "-o", str(out), "--force"])
    assert forced.exit_code == 0


def test_cli_import_of_a_missing_folder_exits_3(tmp_path):
    """A folder that does not exist: one error line, exit code 3."""
    result = CliRunner().invoke(
        app, ["import", "esco", str(tmp_path / "nope"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.startswith("esante : erreur : ")


def test_the_imported_model_is_calibrated_on_same_group_pairs(small_esco, tmp_path):
    """modele.toml holds the bands calibrated on the pairs of occupations of one ISCO-08
    group (mean coverage, minus one standard deviation), and --data uses it unasked."""
    import statistics

    from esante_cli.costmodel import load_model_config
    from esante_cli.importers.esco import suggested_model
    from esante_cli.queries.model import _coverages, reference_moves

    out = write_dataset(import_esco(small_esco), tmp_path / "out")
    model = load_model_config(suggested_model(out))
    dataset = load_dataset(out)
    what, refs = reference_moves(dataset)
    assert refs and all(kind == "same-group" for _, _, kind in refs)
    covs = [p.coverage for p in _coverages(dataset, refs, model)]
    mean, sd = statistics.fmean(covs), statistics.stdev(covs)
    assert model.bands.proche == round(mean, 3)
    assert model.bands.accessible == round(max(0.0, mean - sd), 3)
    assert model.calibration.count == len(refs) and model.calibration.references == what
    runner = CliRunner()
    used = runner.invoke(app, ["--data", str(out), "model", "show"])
    assert used.exit_code == 0 and f"accessible = {model.bands.accessible!r}" in used.stdout
