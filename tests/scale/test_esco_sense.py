"""An imported taxonomy that makes sense (issue 12): names at scale, rankings that follow
shared skills, answers never empty, both languages, the ISCO-08 code as the family, and notes
that speak of the data in use rather than of the OPIIEC card."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.costmodel import load_model_config
from esante_cli.dataset import load_dataset
from esante_cli.errors import ExitCode, UnknownNameError
from esante_cli.importers import write_dataset
from esante_cli.importers.esco import finish_import, import_esco
from esante_cli.names import fold, job_resolver, resolve_job
from esante_cli.queries.mobility import recommend
from esante_cli.queries.model import isco_group
from esante_cli.synthetic import write_esco

from .conftest import OCC, RELS, SKILLS, U

FAMILY = re.compile(r"^ISCO-08 \d{4}$")

# A real-format occupations file (ESCO v1.2 columns, byte-order mark, alternative labels one
# per line inside a quoted field) with ESCO's own trap: "data scientist" is the preferred label
# of one occupation and an alternative label of another, so is "road sign installer"; and "sign
# installer" is an alternative label of two occupations.
REAL_OCCUPATIONS = (
    "\ufeffconceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
    "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n"
    f'Occupation,{U}/occupation/ds,2511,data scientist,"data science specialist\ndata '
    f'analytics scientist",,released,2024-01-01T00:00:00Z,,,,"{U}/cs/occupations",'
    '"Data scientists find and interpret rich data sources, manage large amounts of data.",'
    "2511.4\n"
    f'Occupation,{U}/occupation/bio,2131,bioinformatics scientist,"bioinformatician\ndata '
    f'scientist\nbiological data scientist",,released,2024-01-01T00:00:00Z,,,,'
    f'"{U}/cs/occupations",,2131.1.1\n'
    f'Occupation,{U}/occupation/sm,7316,sign maker,"road sign installer\nsign installer\nsign '
    f'writer",,released,2024-01-01T00:00:00Z,,,,"{U}/cs/occupations",,7316.2\n'
    f'Occupation,{U}/occupation/rsi,7119,road sign installer,"sign installer\nroad signage '
    f'installer",,released,2024-01-01T00:00:00Z,,,,"{U}/cs/occupations",,7119.3\n'
    f"Occupation,{U}/occupation/da,2511,data analyst,,,released,2024-01-01T00:00:00Z,,,,"
    f'"{U}/cs/occupations",,2511.3\n'
)
REAL_SKILLS = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel\n" + "".join(
    f"KnowledgeSkillCompetence,{U}/skill/k{i},knowledge,,skill {i}\n" for i in range(8)
)
REAL_RELATIONS = "occupationUri,relationType,skillType,skillUri\n" + "".join(
    f"{U}/occupation/{occ},{kind},knowledge,{U}/skill/k{k}\n"
    for occ, skills in (
        ("ds", (0, 1, 2)),
        ("da", (0, 1, 3)),
        ("bio", (1, 2, 4)),
        ("sm", (5, 6)),
        ("rsi", (5, 7)),
    )
    for n, k in enumerate(skills)
    for kind in ("essential" if n < 2 else "optional",)
)


@pytest.fixture
def real_format(tmp_path: Path) -> Path:
    folder = tmp_path / "ESCO dataset - v1.2.0 - classification - en - csv"
    folder.mkdir()
    (folder / "occupations_en.csv").write_bytes(REAL_OCCUPATIONS.encode("utf-8"))
    (folder / "skills_en.csv").write_text(REAL_SKILLS, encoding="utf-8")
    (folder / "occupationSkillRelations_en.csv").write_text(REAL_RELATIONS, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic ESCO files a tenth of the real size (seed 0), imported with their model."""
    raw = tmp_path_factory.mktemp("esco-raw")
    write_esco(raw, occupations=300, skills=1390, relations=12900, seed=0)
    out = write_dataset(import_esco(raw), tmp_path_factory.mktemp("esco") / "data")
    finish_import(out)
    return out


def _preferred_labels(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["conceptUri"]: row["preferredLabel"] for row in csv.DictReader(handle)}


def _uri_of(job) -> str:
    return job.codes[0].uri


# -- names -------------------------------------------------------------------------------------


def test_the_generator_lists_preferred_labels_as_other_occupations_alternatives(tmp_path):
    """Synthetic files have ESCO's trap: an alternative label that is another occupation's
    preferred label."""
    write_esco(tmp_path, occupations=200, skills=900, relations=8600, seed=4)
    with (tmp_path / "occupations_fr.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    preferred = {r["preferredLabel"] for r in rows}
    borrowed = [
        r
        for r in rows
        if any(a in preferred and a != r["preferredLabel"] for a in r["altLabels"].splitlines())
    ]
    assert len(borrowed) >= 3


@pytest.mark.parametrize("kind", ["generated", "real_format"])
def test_every_preferred_title_resolves_to_its_own_occupation(kind, request, tmp_path):
    """Each exact preferred label, as written (and folded), names its own occupation, even
    when another occupation lists it among its alternative labels."""
    if kind == "generated":
        raw = tmp_path / "raw"
        write_esco(raw, occupations=400, skills=1800, relations=17200, seed=2)
        labels = _preferred_labels(raw / "occupations_fr.csv")
        out = write_dataset(import_esco(raw), tmp_path / "out")
    else:
        folder = request.getfixturevalue("real_format")
        labels = _preferred_labels(folder / "occupations_en.csv")
        out = write_dataset(import_esco(folder), tmp_path / "out")
    ds = load_dataset(out)
    by_uri = {_uri_of(j): j.id for j in ds.jobs}
    others = {a for j in ds.jobs if j.other_titles for a in j.other_titles.fr + j.other_titles.en}
    assert others & set(labels.values())  # the trap is there
    for uri, label in labels.items():
        assert resolve_job(ds, label) == by_uri[uri], label
        assert resolve_job(ds, fold(label).upper()) == by_uri[uri], label


def test_an_alternative_label_of_two_occupations_lists_both_with_titles(real_format, tmp_path):
    """An other title two occupations share is ambiguous: both are named, title and id."""
    ds = load_dataset(write_dataset(import_esco(real_format), tmp_path / "out"))
    with pytest.raises(UnknownNameError) as err:
        resolve_job(ds, "sign installer")
    assert err.value.ambiguous
    assert "sign maker (sign-maker)" in str(err.value)
    assert "road sign installer (road-sign-installer)" in str(err.value)
    assert resolve_job(ds, "bioinformatician") == "bioinformatics-scientist"


def test_the_name_index_is_built_once_per_dataset_and_not_for_an_id(real_format, tmp_path):
    """An exact id needs no index; names build it once and reuse it."""
    ds = load_dataset(write_dataset(import_esco(real_format), tmp_path / "out"))
    assert resolve_job(ds, "sign-maker") == "sign-maker"
    assert "job_resolver" not in ds._memo
    resolve_job(ds, "road sign installer")
    first = job_resolver(ds)
    resolve_job(ds, "data scientist")
    assert job_resolver(ds) is first


def test_cli_show_and_recommend_a_preferred_title_that_is_also_an_alternative(
    real_format, tmp_path
):
    """The issue's examples: show "data scientist", recommend "road sign installer"."""
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["import", "esco", str(real_format), "-o", str(out)]).exit_code == 0
    shown = runner.invoke(app, ["--data", str(out), "show", "data scientist", "--format", "json"])
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["job"]["id"] == "data-scientist"
    rec = runner.invoke(
        app, ["--data", str(out), "recommend", "road sign installer", "--format", "json"]
    )
    assert rec.exit_code == 0, rec.stderr
    assert json.loads(rec.stdout)["job"]["id"] == "road-sign-installer"


# -- the ISCO-08 code is the family ------------------------------------------------------------


def test_an_imported_family_is_its_isco_code_even_with_the_groups_file(generated):
    """family = "ISCO-08 NNNN" (the group's name, from ISCOGroups, goes to its source), in the
    data and in every job of the JSON answers."""
    ds = load_dataset(generated)
    assert all(FAMILY.match(j.family.value) for j in ds.jobs if j.family)
    assert all(j.family for j in ds.jobs)
    assert any(" : " in (j.family.source or "") for j in ds.jobs)  # the group's name
    runner = CliRunner()
    job = ds.jobs[0].id
    data = json.loads(
        runner.invoke(app, ["--data", str(generated), "recommend", job, "--format", "json"]).stdout
    )
    assert FAMILY.match(data["job"]["family"])
    assert all(FAMILY.match(it["job"]["family"]) for it in data["items"])


# -- rankings and never-empty answers ------------------------------------------------------------


def test_recommend_top5_is_mostly_the_same_isco_group_and_always_five(generated):
    """Occupations of one ISCO group draw on a pool of skills: at least 80% of the top 5 of
    every occupation are of its group, and every top 5 has 5 jobs (the imported model is used,
    as --data uses it)."""
    ds = load_dataset(generated)
    config = load_model_config(Path(generated) / "modele.toml")
    same = total = 0
    for job in ds.jobs:
        items = recommend(ds, job.id, top=5, draws=0, config=config).items
        assert len(items) == 5
        group = isco_group(job)
        same += sum(isco_group(ds.job(it.job.id)) == group for it in items)
        total += len(items)
    assert same / total >= 0.8, same / total


@pytest.mark.parametrize("top", [1, 5, 11])
def test_recommend_json_has_top_items_on_the_bundled_data_too(top):
    """--top N gives N items for every job of the bundled data (12 jobs), downgrades and jobs
    no move reaches filling the list, each labelled with its band."""
    from esante_cli.dataset import packaged_data_dir

    runner = CliRunner()
    for job in load_dataset(packaged_data_dir()).jobs:
        result = runner.invoke(app, ["recommend", job.id, "--top", str(top), "--format", "json"])
        items = json.loads(result.stdout)["items"]
        assert len(items) == top
        assert all(it["band"] in ("proche", "accessible", "lointaine") for it in items)
        assert all("family" in it["job"] for it in items)


# -- components ----------------------------------------------------------------------------------


def test_the_import_summary_gives_components_and_isolated_occupations(esco_dir, tmp_path):
    """Two of the three hand-written occupations share skills, the third shares none: two
    components, the largest of 2 jobs, 1 job with no move; said on stderr and in import.json."""
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["import", "esco", str(esco_dir), "-o", str(out)])
    assert result.exit_code == 0
    assert "2 composantes connexes, la plus grande de 2 métiers sur 3 métiers" in result.stderr
    assert "sans aucun passage (ni vers eux, ni depuis eux) : 1 métier" in result.stderr
    report = json.loads((out / "import.json").read_text(encoding="utf-8"))["graph"]
    assert report == {
        "components": 2,
        "jobs_without_move": 1,
        "largest_component": 2,
        "model": "modele.toml",
    }


def test_paths_between_two_components_says_so_in_one_line(esco_dir, tmp_path):
    """No chain of moves links the two jobs: one line naming each component's size, exit 5;
    within a component a route is found."""
    out = tmp_path / "out"
    runner = CliRunner()
    runner.invoke(app, ["import", "esco", str(esco_dir), "-o", str(out)])
    apart = runner.invoke(
        app, ["--data", str(out), "paths", "analyste-de-donnees", "technicien-reseau"]
    )
    assert apart.exit_code == ExitCode.NO_ROUTE
    assert apart.stderr.count("\n") == 1
    assert "deux composantes séparées" in apart.stderr
    assert "analyste-de-donnees : 2 métiers, technicien-reseau : 1 métier" in apart.stderr
    linked = runner.invoke(
        app,
        ["--data", str(out), "paths", "analyste-de-donnees", "ingenieur-de-donnees", "-f", "json"],
    )
    assert linked.exit_code == 0 and json.loads(linked.stdout)["paths"]


# -- both languages, the ESCO version ----------------------------------------------------------


def _english(esco_dir: Path) -> None:
    """occupations_en.csv: the French file with English labels (same URIs)."""
    text = (esco_dir / OCC).read_text(encoding="utf-8-sig")
    for fr, en in (
        ("analyste de données", "data analyst"),
        ("ingénieur de données", "data engineer"),
        ("technicien réseau", "network technician"),
    ):
        text = text.replace(fr, en)
    (esco_dir / "occupations_en.csv").write_text(text, encoding="utf-8")
    for name in (SKILLS, RELS):
        (esco_dir / name.replace("_fr", "_en")).write_bytes((esco_dir / name).read_bytes())


def test_lang_fr_en_keeps_french_titles_and_english_other_titles(esco_dir, tmp_path):
    """--lang fr,en: French titles, the English ones as English other titles; en,fr: the
    reverse. The same jobs, levels and ids either way round for the French first."""
    _english(esco_dir)
    both = import_esco(esco_dir, lang="fr,en")
    job = next(j for j in both.metier["jobs"] if j["id"] == "analyste-de-donnees")
    assert job["title"] == "analyste de données"
    assert "data analyst" in job["other_titles"]["en"]
    assert "data analyst" in job["other_titles"]["fr"]  # an altLabel of the French file
    reverse = import_esco(esco_dir, lang="en,fr")
    job = next(j for j in reverse.metier["jobs"] if j["id"] == "network-technician")
    assert job["other_titles"]["fr"] == ["technicien réseau"]
    assert both.report["title_languages"] == ["fr", "en"]
    ds = load_dataset(write_dataset(both, tmp_path / "out"))
    assert resolve_job(ds, "network technician") == "technicien-reseau"
    assert resolve_job(ds, "technicien réseau") == "technicien-reseau"


def test_lang_with_a_missing_second_language_is_one_line_exit_3(esco_dir, tmp_path):
    """--lang fr,en without occupations_en.csv: the missing file named, exit 3."""
    result = CliRunner().invoke(
        app, ["import", "esco", str(esco_dir), "-o", str(tmp_path / "o"), "--lang", "fr,en"]
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "occupations_en.csv" in result.stderr and result.stderr.count("\n") == 1


def test_the_esco_version_is_named_in_the_dataset(real_format, esco_dir):
    """The release in the download's folder name (or --esco-version) names the dataset."""
    found = import_esco(real_format)
    assert found.metier["dataset"]["version"] == "esco-v1.2.0-en"
    assert "ESCO v1.2.0" in found.metier["dataset"]["title"]
    assert found.report["esco_version"] == "v1.2.0"
    given = import_esco(esco_dir, esco_version="v1.1.1")
    assert given.metier["dataset"]["version"] == "esco-v1.1.1-fr"
    unknown = import_esco(esco_dir)
    assert unknown.metier["dataset"]["version"] == "esco-fr"
    assert any("--esco-version" in note for note in unknown.metier["dataset"]["notes"])


# -- notes that fit the data -----------------------------------------------------------------------


CARD_NOTES = (
    "placement inféré de la mise en page du graphique de la fiche",
    "compétences de la fiche",
    "bandes calibrées sur les mobilités de la fiche",
    "fiche OPIIEC",
)


def test_notes_about_the_card_appear_only_on_the_card_data(generated):
    """An imported taxonomy's tables and Markdown name its dataset and model, never the card;
    the bundled data keeps the card's notes."""
    runner = CliRunner()
    ds = load_dataset(generated)
    a, b = ds.jobs[0].id, ds.jobs[1].id
    for args in (
        ["recommend", a],
        ["recommend", a, "--format", "markdown"],
        ["compare", a, b],
        ["paths", a, b],
        ["neighbours", a],
        ["show", a],
        ["gap", a, b],
    ):
        result = runner.invoke(app, ["--data", str(generated), *args])
        assert result.exit_code in (0, ExitCode.NO_ROUTE), (args, result.stderr)
        text = " ".join(result.stdout.split())
        assert not [n for n in CARD_NOTES if n in text], (args, text)
    text = " ".join(runner.invoke(app, ["--data", str(generated), "recommend", a]).stdout.split())
    assert "niveaux déduits par une règle" in text
    assert f"« {ds.metier.dataset.title} »" in text
    card = " ".join(runner.invoke(app, ["recommend", "data-scientist"]).stdout.split())
    assert "bandes calibrées sur les mobilités de la fiche" in card
    assert "11 compétences de la fiche" in card


def _job_objects(value, job_ids: set[str]):
    """Every object of a JSON answer that stands for a job (an id of a job, and a title)."""
    if isinstance(value, dict):
        if value.get("id") in job_ids and "title" in value:
            yield value
        for v in value.values():
            yield from _job_objects(v, job_ids)
    elif isinstance(value, list):
        for v in value:
            yield from _job_objects(v, job_ids)


def test_every_job_in_json_answers_carries_its_family():
    """The contract scripts rely on: each job of a JSON answer has ``family``."""
    from esante_cli.dataset import packaged_data_dir

    profile = str(
        Path(__file__).parents[2] / "examples" / "profiles" / "camille-data-scientist.yaml"
    )
    ds = load_dataset(packaged_data_dir())
    ids = {j.id for j in ds.jobs}
    runner = CliRunner()
    seen = 0
    for args in (
        ["list"],
        ["show", "specialiste-e-sante"],
        ["competence", ds.competences[0].id],
        ["recommend", "data-scientist", "--top", "11"],
        ["neighbours", "specialiste-e-sante"],
        ["paths", "data-scientist", "responsable-green-it"],
        ["compare", "data-scientist", "data-engineer"],
        ["gap", "data-scientist", "data-engineer"],
        ["match", profile],
        ["whatif", profile, "--raise", ds.levelled_competences[0].id],
        ["leverage", profile],
    ):
        result = runner.invoke(app, [*args, "--format", "json"])
        assert result.exit_code == 0, (args, result.stderr)
        found = list(_job_objects(json.loads(result.stdout), ids))
        assert found, args
        assert all("family" in job for job in found), (args, found[0])
        seen += len(found)
    assert seen > 50


def test_the_profile_template_of_an_imported_taxonomy_speaks_of_its_dataset(generated):
    """The template a person fills names the dataset's competences, not the card's."""
    runner = CliRunner()
    text = runner.invoke(app, ["--data", str(generated), "profile", "template"]).stdout
    head = "\n".join(line for line in text.splitlines() if line.startswith("# "))
    assert "fiche" not in head
    assert "de chaque compétence" in head
    card = runner.invoke(app, ["profile", "template"]).stdout
    assert "les niveaux (cumulés) de la fiche" in card
