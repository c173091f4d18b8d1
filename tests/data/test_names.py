"""Name resolution: what a user types -> a job or competence id."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import ExitCode, UnknownNameError
from esante_cli.names import fold, resolve_competence, resolve_job, slugify

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.fixture(scope="module")
def ds():
    """The packaged data, read explicitly so that no ``ESANTE_DATA`` of the shell leaks in."""
    return load_dataset(packaged_data_dir())


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


# -- jobs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "job_id"),
    [
        ("specialiste e sante", "specialiste-e-sante"),
        ("Spécialiste e-santé", "specialiste-e-sante"),
        ("SPÉCIALISTE E-SANTÉ", "specialiste-e-sante"),
        ("specialiste-e-sante", "specialiste-e-sante"),
        ("e-santé", "specialiste-e-sante"),
        ("Ingénieur/eure e-santé", "specialiste-e-sante"),
        ("chef de projet e-sante", "specialiste-e-sante"),
        ("Digital health Engineer", "specialiste-e-sante"),
        ("digital health project manager", "specialiste-e-sante"),
        ("DATA-SCIENTIST", "data-scientist"),
        ("data scientist", "data-scientist"),
        ("  data   engineer ", "data-engineer"),
        ("devops", "specialiste-devops"),
        ("Spécialiste DevOps", "specialiste-devops"),
        ("ux ui designer", "ux-ui-designer"),
        ("UX - UI Designer", "ux-ui-designer"),
        ("UX/UI designer", "ux-ui-designer"),
        ("IoT Architect", "architecte-iot"),
        ("architecte iot", "architecte-iot"),
        ("Expert en Intelligence Artificielle", "expert-en-intelligence-artificielle"),
        ("intelligence artificielle", "expert-en-intelligence-artificielle"),
        ("ia embarquée", "specialiste-ia-embarquee"),
        ("blockchain", "specialiste-blockchain"),
        ("green it", "responsable-green-it"),
        ("tests et essais", "specialiste-tests-et-essais"),
        ("developpeur applications", "developpeur-applications"),
    ],
)
def test_job_names_resolve(ds, typed, job_id):
    """Ids, titles and other titles resolve whatever the case, accents, hyphens and spacing."""
    assert resolve_job(ds, typed) == job_id


def test_every_name_of_every_job_resolves_to_it(ds):
    """Each job's id, title and other titles (FR and EN), as written, upper-cased or without
    accents, resolve to that job and no other."""
    for job in ds.jobs:
        names = [job.id, job.title]
        if job.other_titles:
            names += job.other_titles.fr + job.other_titles.en
        for name in names:
            for variant in (name, name.upper(), _strip_accents(name)):
                assert resolve_job(ds, variant) == job.id, variant


def test_ambiguous_job_lists_both_candidates(ds):
    """'data' matches Data Engineer and Data Scientist: both are offered, nothing is picked."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "data")
    assert info.value.candidates == ["data-engineer", "data-scientist"]
    assert "ambiguous" in str(info.value)
    assert "data-engineer" in str(info.value) and "data-scientist" in str(info.value)
    assert info.value.exit_code == ExitCode.UNKNOWN_NAME


def test_ambiguous_word_lists_every_job_that_has_it(ds):
    """'specialiste' lists every job whose names contain the word."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "spécialiste")
    expected = sorted(j.id for j in ds.jobs if "specialiste" in fold(j.title).split())
    assert len(expected) > 1
    assert info.value.candidates == expected


def test_unknown_job_suggests_the_nearest(ds):
    """A misspelt name ('datta scientist') suggests data-scientist first, three at most."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "datta scientist")
    assert info.value.candidates[0] == "data-scientist"
    assert len(info.value.candidates) <= 3
    assert "did you mean" in str(info.value)
    assert "unknown job 'datta scientist'" in str(info.value)


def test_unrelated_name_is_unknown_with_no_far_fetched_suggestion(ds):
    """A name close to nothing raises, suggesting only names that are at least a bit close."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "zzzzqqqq")
    assert info.value.candidates == []
    assert "did you mean" not in str(info.value)


@pytest.mark.parametrize("typed", ["", "   ", "---", "é"])
def test_empty_name_is_rejected(ds, typed):
    """A name with no letter or digit left after folding is an error, not a match."""
    with pytest.raises(UnknownNameError):
        resolve_job(ds, typed)


# -- competences -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "competence_id"),
    [
        ("donnees-massives", "donnees-massives"),
        ("Gérer et exploiter des données massives", "donnees-massives"),
        ("GERER ET EXPLOITER DES DONNEES MASSIVES", "donnees-massives"),
        ("données massives", "donnees-massives"),
        ("Écoconcevoir une solution ou un équipement", "ecoconception"),
        ("ecoconcevoir une solution ou un equipement", "ecoconception"),
        ("ia/data science", "outils-ia-data"),
        ("Intégrer des outils IA/Data Science", "outils-ia-data"),
        ("Développer son autonomie", "autonomie"),
        ("AUTONOMIE", "autonomie"),
        ("Actualiser ses connaissances et s'adapter", "actualiser-connaissances"),
        ("cycle de vie", "cycle-de-vie"),
    ],
)
def test_competence_names_resolve(ds, typed, competence_id):
    """Competences resolve by id or label, whatever the case and accents."""
    assert resolve_competence(ds, typed) == competence_id


def test_every_competence_label_resolves_to_it(ds):
    """Each competence's id and label, as written, upper-cased or without accents, resolve."""
    for comp in ds.competences:
        for name in (comp.id, comp.label):
            for variant in (name, name.upper(), _strip_accents(name)):
                assert resolve_competence(ds, variant) == comp.id, variant


def test_ambiguous_competence_lists_candidates(ds):
    """'analyser' starts two labels: both competences are offered."""
    with pytest.raises(UnknownNameError) as info:
        resolve_competence(ds, "analyser")
    assert info.value.candidates == ["cycle-de-vie", "risques"]


def test_unknown_competence_suggests_the_nearest(ds):
    """'risque' (singular) is unknown and suggests 'risques'."""
    with pytest.raises(UnknownNameError) as info:
        resolve_competence(ds, "risque")
    assert info.value.candidates[0] == "risques"
    assert "unknown competence" in str(info.value)


# -- slugs and folding ---------------------------------------------------------------------------


def test_every_job_id_is_its_title_made_into_a_slug(ds):
    """A job's id is ``slugify(title)``, so ids are predictable and stable."""
    for job in ds.jobs:
        assert slugify(job.title) == job.id


def test_every_id_is_a_slug(ds):
    """Job and competence ids are lower-case ASCII words joined by hyphens."""
    for ident in [j.id for j in ds.jobs] + [c.id for c in ds.competences]:
        assert SLUG.match(ident), ident


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Spécialiste e-santé", "specialiste e sante"),
        ("UX - UI Designer", "ux ui designer"),
        ("  Ingénieur/eure   e-santé ", "ingenieur eure e sante"),
    ],
)
def test_fold_examples(text, folded):
    """``fold`` lower-cases, strips accents and turns punctuation runs into one space."""
    assert fold(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_ascii(text):
    """``fold`` gives single-spaced lower-case ASCII words, and folding twice changes nothing."""
    folded = fold(text)
    assert re.fullmatch(r"([a-z0-9]+( [a-z0-9]+)*)?", folded)
    assert fold(folded) == folded


@given(st.text())
def test_slugify_gives_a_slug_or_nothing(text):
    """``slugify`` always returns a valid slug, or the empty string when nothing is left."""
    slug = slugify(text)
    assert slug == "" or SLUG.match(slug)
