"""What the packaged data says about its sources: crosswalk codes, titles found word for word,
and the reason of every estimated level (issue 9, item 7)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.models import Code

ROME_DUMP = "copie tierce de la liste des codes ROME 4.0"
ESCO_DUMP = "ESCO v1.1.1 (copie tierce)"
DATA_SCIENTIST_URI = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"


@pytest.fixture(scope="module")
def ds():
    """The packaged data, read explicitly so that no ``ESANTE_DATA`` of the shell leaks in."""
    return load_dataset(packaged_data_dir())


def _codes(ds, job_id: str, system: str) -> list[Code]:
    return [c for c in ds.job(job_id).codes if c.system == system]


# -- codes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("job_id", "code", "label"),
    [
        ("architecte-iot", "M1845", "Architecte IoT - Internet des Objets"),
        ("specialiste-devops", "M1827", "Ingénieur / Ingénieure DevOps"),
        ("responsable-green-it", "M1410", "Responsable Green IT"),
        ("developpeur-applications", "M1861", "Développeur logiciel ou d'application"),
    ],
)
def test_corrected_rome_codes(ds, job_id, code, label):
    """The corrected ROME 4.0 code is the job's only one, labelled, third-party, dump named."""
    [rome] = _codes(ds, job_id, "ROME 4.0")
    assert (rome.code, rome.label, rome.status) == (code, label, "third-party")
    assert rome.source is not None and rome.source.startswith(ROME_DUMP)
    assert rome.version is None  # the system's name carries ROME's version


def test_developpeur_applications_says_why_m1861_and_not_m1805(ds):
    """The kept code names the one it was preferred to, and the dataset notes say why."""
    [rome] = _codes(ds, "developpeur-applications", "ROME 4.0")
    assert "M1805" in (rome.source or "")
    assert any("M1861" in note and "M1805" in note for note in ds.metier.dataset.notes)


def test_wrong_rome_codes_are_gone(ds):
    """M1802 (Architecte IoT, Spécialiste DevOps) and M1402 (Green IT) are not kept."""
    kept = {(j.id, c.code) for j in ds.jobs for c in j.codes}
    for wrong in [
        ("architecte-iot", "M1802"),
        ("specialiste-devops", "M1802"),
        ("responsable-green-it", "M1402"),
        ("developpeur-applications", "M1805"),
    ]:
        assert wrong not in kept


@pytest.mark.parametrize(
    ("job_id", "code", "label", "uri"),
    [
        ("data-scientist", "2511.4", "data scientist", DATA_SCIENTIST_URI),
        ("data-engineer", "2511.4", "data scientist", DATA_SCIENTIST_URI),
        ("developpeur-applications", "2512.4", "software developer", None),
    ],
)
def test_corrected_esco_codes_carry_their_version(ds, job_id, code, label, uri):
    """ESCO v1.1.1: data scientist is 2511.4, software developer 2512.4, version stored."""
    [esco] = _codes(ds, job_id, "ESCO")
    assert (esco.code, esco.label, esco.uri) == (code, label, uri)
    assert (esco.status, esco.version) == ("third-party", "v1.1.1")
    assert ESCO_DUMP in (esco.source or "")


def test_every_esco_code_number_has_a_version(ds):
    """An ESCO code number is meaningless without its release: each one carries a version."""
    numbered = [c for j in ds.jobs for c in j.codes if c.system == "ESCO" and c.code]
    assert numbered
    assert all(c.version for c in numbered)


def test_unverified_codes_are_not_presented_as_found(ds):
    """No crosswalk code is 'found': none was seen on an official page we can name."""
    assert {c.status for j in ds.jobs for c in j.codes} <= {"third-party", "guess"}


def test_schema_has_the_optional_version():
    """``Code.version`` is optional, so datasets written before it still load."""
    assert Code(system="ESCO", label="data scientist", status="guess").version is None
    assert "version" in Code.model_json_schema()["properties"]


# -- titles ------------------------------------------------------------------------------------


def test_architecte_iot_titles_are_word_for_word(ds):
    """Architecte IoT's other titles are those of its OPIIEC page, word for word."""
    titles = ds.job("architecte-iot").other_titles
    assert titles is not None and titles.provenance == "found"
    assert "Ingénieur.e Internet des Objets" in titles.fr
    assert "Concepteur de solutions IoT (Internet of Things)" in titles.fr
    assert titles.fr == [
        "Développeur Internet des Objets",
        "Ingénieur.e Internet des Objets",
        "Concepteur de solutions IoT (Internet of Things)",
        "Ingénieur systèmes embarqués connectés",
    ]


# -- the reasons of estimates --------------------------------------------------------------------

REASON = re.compile(r"^Niveau ([1-4]) \(([^)]+)\) : \S")


def _stems(text: str) -> set[str]:
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return {w[:6] for w in re.findall(r"[a-z]+", folded) if len(w) >= 5}


def _estimates(ds):
    for job in ds.jobs:
        for entry in job.competences:
            if entry.provenance == "estimate":
                yield job, entry


def test_every_reason_starts_with_its_level_and_a_descriptor(ds):
    """Each estimate's reason reads 'Niveau N (descriptor) : why', N being the level."""
    for job, entry in _estimates(ds):
        match = REASON.match(entry.reason or "")
        assert match, (job.id, entry.id, entry.reason)
        assert int(match.group(1)) == entry.expected_level, (job.id, entry.id)


def test_every_reason_names_the_descriptor_of_its_own_level(ds):
    """The words in brackets belong to the level's descriptor on the card, and to no other
    level of that competence (words shared by several levels prove nothing)."""
    for job, entry in _estimates(ds):
        match = REASON.match(entry.reason or "")
        assert match, (job.id, entry.id)
        levels = [_stems(text) for text in ds.competence(entry.id).levels]
        own = [
            words - set().union(*(o for k, o in enumerate(levels) if k != i))
            for i, words in enumerate(levels)
        ]
        named = [i + 1 for i, words in enumerate(own) if _stems(match.group(2)) & words]
        assert named == [entry.expected_level], (job.id, entry.id, entry.reason)


@pytest.mark.parametrize(
    ("job_id", "competence_id", "level"),
    [
        ("developpeur-applications", "outils-ia-data", 2),
        ("data-scientist", "diagnostic-test", 2),
        ("data-scientist", "cycle-de-vie", 2),
        ("expert-en-intelligence-artificielle", "cycle-de-vie", 2),
        ("ux-ui-designer", "diagnostic-test", 2),
        ("ux-ui-designer", "moyens-technologiques-humains", 1),
        ("architecte-iot", "donnees-massives", 2),
        ("architecte-iot", "outils-ia-data", 2),
        ("specialiste-blockchain", "risques", 2),
        ("specialiste-blockchain", "actualiser-connaissances", 2),
        ("specialiste-devops", "ecoconception", 1),
        ("specialiste-devops", "donnees-massives", 2),
        ("expert-en-intelligence-artificielle", "impact-economique", 3),
    ],
)
def test_reexamined_estimates(ds, job_id, competence_id, level):
    """The estimates re-examined for issue 9 hold the level decided, still as estimates."""
    entry = ds.job(job_id).level(competence_id)
    assert entry is not None
    assert (entry.expected_level, entry.provenance) == (level, "estimate")


def test_data_scientist_and_expert_ia_share_the_cycle_de_vie_argument(ds):
    """Same argument, same level: both map their models' life cycle (level 2)."""
    ds_entry = ds.job("data-scientist").level("cycle-de-vie")
    ia_entry = ds.job("expert-en-intelligence-artificielle").level("cycle-de-vie")
    assert ds_entry is not None and ia_entry is not None
    assert ds_entry.expected_level == ia_entry.expected_level == 2
    assert "même raison" in (ds_entry.reason or "") and "même raison" in (ia_entry.reason or "")


def test_data_version(ds):
    """The corrections are released as data version 2026.12.1 (2026.12.0, then the topics) of 2026-12-01."""
    assert (ds.version, ds.date) == ("2026.12.1", "2026-12-01")
