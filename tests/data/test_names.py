"""Name resolution: what a user types -> a job or competence id."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import ExitCode, UnknownNameError
from esante_cli.names import (
    Entry,
    Resolver,
    fold,
    job_resolver,
    lookup_competence,
    lookup_job,
    report_interpretations,
    resolve_competence,
    resolve_job,
    slugify,
)

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
    """'data' matches Data Engineer and Data Scientist: both are offered as "Title (id)",
    nothing is picked."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "data")
    assert info.value.candidates == ["data-engineer", "data-scientist"]
    assert str(info.value) == (
        "métier ambigu « data » : il désigne Data Engineer (data-engineer), "
        "Data Scientist (data-scientist)"
    )
    assert info.value.exit_code == ExitCode.UNKNOWN_NAME


def test_ambiguous_word_lists_every_job_that_has_it(ds):
    """'specialiste' lists every job whose names contain the word."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "spécialiste")
    expected = sorted(j.id for j in ds.jobs if "specialiste" in fold(j.title).split())
    assert len(expected) > 1
    assert info.value.candidates == expected


def test_unknown_job_suggests_the_nearest(ds):
    """A name too far from any to be a typo ('data scientifique') suggests the nearest jobs,
    data-scientist first, three at most, each as "Title (id)"."""
    with pytest.raises(UnknownNameError) as info:
        resolve_job(ds, "data scientifique")
    assert info.value.candidates[0] == "data-scientist"
    assert len(info.value.candidates) <= 3
    assert (
        "métier inconnu « data scientifique » ; vouliez-vous dire : Data Scientist (data-scientist), "
        in str(info.value)
    )


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


# -- tiers: exact names first, loose matching only when unique and close -----------------------


@pytest.mark.parametrize(
    ("typed", "job_id", "how"),
    [
        ("specialiste-devops", "specialiste-devops", "id"),
        ("Data Scientist", "data-scientist", "id"),  # the id folds to the same words
        ("Spécialiste e-santé", "specialiste-e-sante", "id"),
        ("UX/UI designer", "ux-ui-designer", "id"),
        ("Chef de projet e-santé", "specialiste-e-sante", "other_title"),
        ("IoT Architect", "architecte-iot", "other_title"),
        ("devops", "specialiste-devops", "words"),
        ("e-santé", "specialiste-e-sante", "words"),
        ("Chef de projet", "specialiste-e-sante", "words"),
        ("green it", "responsable-green-it", "words"),
        ("datta scientist", "data-scientist", "typo"),
        ("architecte-lot", "architecte-iot", "typo"),
        ("responsable gren it", "responsable-green-it", "typo"),
    ],
)
def test_lookup_says_which_tier_matched(ds, typed, job_id, how):
    """lookup gives the id and how it was found: id, title or other title (exact), or a
    loose match (words, typo)."""
    found = lookup_job(ds, typed)
    assert (found.id, found.how) == (job_id, how)
    assert found.exact == (how in ("id", "title", "other_title"))
    assert found.query == typed and found.title == ds.job(job_id).title


def _resolver(*entries: Entry) -> Resolver:
    return Resolver(entries, "job")


def test_a_title_beats_another_entrys_other_title():
    """A title is never ambiguous because another job lists it as an other title."""
    r = _resolver(
        Entry("a", "Data scientist"), Entry("b", "Analyste", ("data scientist", "Statisticien"))
    )
    assert r.lookup("data scientist").id == "a"
    assert r.lookup("DATA-SCIENTIST").how == "title"
    assert r.lookup("statisticien").id == "b"


def test_an_id_beats_another_entrys_title():
    """A name that is one job's id and another's title is the id's job."""
    r = _resolver(Entry("devops", "Spécialiste DevOps"), Entry("b", "DevOps"))
    assert r.lookup("devops").id == "devops"


def test_two_titles_alike_are_ambiguous_with_titles_and_ids():
    """Several matches in the first tier that has any: ambiguous, each as "Title (id)"."""
    r = _resolver(
        Entry("a", "Chef de projet"),
        Entry("b", "Chef de projet"),
        Entry("c", "Analyste", ("chef de projet",)),
    )
    with pytest.raises(UnknownNameError) as info:
        r.lookup("chef de projet")
    assert info.value.candidates == ["a", "b"]
    assert str(info.value) == (
        "métier ambigu « chef de projet » : il désigne Chef de projet (a), Chef de projet (b)"
    )
    r = _resolver(Entry("x", "Analyste", ("Consultant",)), Entry("y", "Auditeur", ("consultant",)))
    with pytest.raises(UnknownNameError, match=r"Analyste \(x\), Auditeur \(y\)"):
        r.lookup("Consultant")


def test_words_are_taken_only_from_one_name_and_when_close():
    """A word match needs every word in one of the entry's names, and at least half of that
    name's meaningful words; otherwise the nearest names are only suggested."""
    r = _resolver(Entry("a", "Chef de projet e-santé", ("Digital health engineer",)))
    assert r.lookup("chef de projet").how == "words"  # 2 of chef, projet, e, sante
    with pytest.raises(UnknownNameError) as info:
        r.lookup("projet")  # 1 of 4: too little to be sure
    assert info.value.candidates == ["a"]
    assert "vouliez-vous dire : Chef de projet e-santé (a) ?" in str(info.value)
    with pytest.raises(UnknownNameError):
        r.lookup("chef health")  # words from two different names
    with pytest.raises(UnknownNameError):
        r.lookup("de")  # stop words alone designate nothing


def test_a_typo_is_taken_only_when_one_entry_is_close():
    """A typo resolves when exactly one entry is near it; two near entries only suggest."""
    r = _resolver(
        Entry("data-analyst", "Data analyst"),
        Entry("data-analysts", "Data analysts"),
        Entry("architecte", "Architecte"),
    )
    assert r.lookup("architecet").id == "architecte"
    with pytest.raises(UnknownNameError) as info:
        r.lookup("data analyts")
    assert sorted(info.value.candidates[:2]) == ["data-analyst", "data-analysts"]
    with pytest.raises(UnknownNameError):
        r.lookup("arh")  # too short to call it a typo


def test_loose_false_takes_exact_names_only(ds):
    """With loose=False (and find_exact) only ids, titles and other titles match."""
    r = job_resolver(ds)
    assert r.lookup("Chef de projet e-santé", loose=False).id == "specialiste-e-sante"
    with pytest.raises(UnknownNameError):
        r.lookup("devops", loose=False)
    assert r.find_exact("devops") is None
    assert r.find_exact("Chef de projet") is None
    assert r.find_exact("Infirmière") is None
    assert r.find_exact("spécialiste") is None  # ambiguous: nothing, rather than a guess
    assert r.find_exact("SPECIALISTE DEVOPS") == "specialiste-devops"


def test_resolve_reports_loose_matches_only(ds):
    """resolve hands each loose match to the installed callback, and exact ones to nobody."""
    seen = []
    with report_interpretations(seen.append):
        assert resolve_job(ds, "devops") == "specialiste-devops"
        assert resolve_job(ds, "Data Scientist") == "data-scientist"
        assert resolve_competence(ds, "risque") == "risques"
    assert [(r.query, r.id, r.how) for r in seen] == [
        ("devops", "specialiste-devops", "words"),
        ("risque", "risques", "typo"),
    ]
    resolve_job(ds, "devops")  # outside the block: nothing is reported, nothing fails
    assert len(seen) == 2


DATASETS = ["packaged", "chain", "island"]


@pytest.fixture(scope="module")
def datasets(ds):
    from pathlib import Path

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    return {
        "packaged": ds,
        "chain": load_dataset(fixtures / "chain"),
        "island": load_dataset(fixtures / "island"),
    }


@pytest.mark.parametrize("which", DATASETS)
@given(data=st.data())
def test_every_id_and_title_resolves_exactly_to_itself(datasets, which, data):
    """On the bundled data and the fixtures, any job's or competence's id and title, in any
    case, resolves exactly to that entry."""
    dataset = datasets[which]
    job = data.draw(st.sampled_from(dataset.jobs))
    comp = data.draw(st.sampled_from(dataset.competences))
    case = data.draw(st.sampled_from([str, str.upper, str.lower, _strip_accents]))
    for name, entry_id, lookup in [
        (job.id, job.id, lookup_job),
        (job.title, job.id, lookup_job),
        (comp.id, comp.id, lookup_competence),
        (comp.label, comp.id, lookup_competence),
    ]:
        found = lookup(dataset, case(name))
        assert (found.id, found.exact) == (entry_id, True), name


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
    """'risk' is unknown and suggests 'Analyser et gérer les risques (risques)'."""
    with pytest.raises(UnknownNameError) as info:
        resolve_competence(ds, "risk")
    assert info.value.candidates[0] == "risques"
    assert (
        "compétence inconnue « risk » ; vouliez-vous dire : Analyser et gérer les risques "
        "(risques)" in str(info.value)
    )


def test_a_competence_typo_is_taken_loosely(ds):
    """'risque' (singular) is a typo of one competence only: it resolves, not exactly."""
    found = lookup_competence(ds, "risque")
    assert (found.id, found.how, found.exact) == ("risques", "typo", False)
    assert lookup_competence(ds, "cycle de vie").exact  # the id, folded


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
