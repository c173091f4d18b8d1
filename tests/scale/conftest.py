"""Fixtures of the scale tests: a clean environment with its own cache folder, small ESCO
downloads written by hand, and small synthetic ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.synthetic import write_esco


@pytest.fixture
def cache_dir(_clean_env: Path) -> Path:
    return _clean_env


OCC = "occupations_fr.csv"
SKILLS = "skills_fr.csv"
RELS = "occupationSkillRelations_fr.csv"
U = "http://data.europa.eu/esco"

# Hand-written downloads with every quirk of the reference: a byte-order mark, quoted fields
# holding newlines, commas and quotes, empty optional columns, an extra column, the same pair
# twice (once optional, once essential), a relation to a skill and one from an occupation the
# other files lack, two skills whose labels make the same slug.
OCCUPATIONS_CSV = (
    "\ufeffconceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,"
    "modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code,"
    "naceCode\n"
    f'Occupation,{U}/occupation/o1,2511,analyste de données,"data analyst\nanalyste, données",,'
    f'released,2023-05-02T10:00:00Z,,,,"{U}/cs/occupations, {U}/cs/member",'
    '"Analyse les données, produit des ""tableaux de bord""\net des rapports.",2511.1,J62\n'
    f"Occupation,{U}/occupation/o2,2511,ingénieur de données,,,released,"
    f"2024-01-15T09:00:00Z,,,,{U}/cs/occupations,,2511.2,\n"
    f"Occupation,{U}/occupation/o3,3521,technicien réseau,,,released,,,,,,,3521.1,\n"
)
SKILLS_CSV = (
    "\ufeffconceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,"
    "status,modifiedDate,scopeNote,definition,inScheme,description\n"
    f"KnowledgeSkillCompetence,{U}/skill/s1,knowledge,cross-sector,statistiques,,,released,,,,,\n"
    f'KnowledgeSkillCompetence,{U}/skill/s2,skill/competence,,"programmer en SQL, Python",'
    '"SQL\nPython",,released,,,,,"Écrire des requêtes,\ndes scripts."\n'
    f"KnowledgeSkillCompetence,{U}/skill/s3,skill/competence,transversal,C++,,,released,,,,,\n"
    f"KnowledgeSkillCompetence,{U}/skill/s4,skill/competence,transversal,C#,,,released,,,,,\n"
    f"KnowledgeSkillCompetence,{U}/skill/s5,knowledge,,câblage réseau,,,released,,,,,\n"
)
RELATIONS_CSV = (
    "\ufeffoccupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel\n"
    f"{U}/occupation/o1,analyste de données,essential,knowledge,{U}/skill/s1,statistiques\n"
    f'{U}/occupation/o1,analyste de données,optional,skill/competence,{U}/skill/s2,"programmer en SQL, Python"\n'
    f"{U}/occupation/o2,ingénieur de données,essential,skill/competence,{U}/skill/s2,\n"
    f"{U}/occupation/o2,ingénieur de données,optional,knowledge,{U}/skill/s1,\n"
    f"{U}/occupation/o2,ingénieur de données,optional,,{U}/skill/s3,\n"
    f'{U}/occupation/o1,analyste de données,essential,skill/competence,{U}/skill/s2,"programmer en SQL, Python"\n'
    f"{U}/occupation/o3,technicien réseau,essential,knowledge,{U}/skill/s5,\n"
    f"{U}/occupation/o3,technicien réseau,essential,knowledge,{U}/skill/gone,\n"
    f"{U}/occupation/gone,,optional,knowledge,{U}/skill/s1,\n"
    f"{U}/occupation/o3,technicien réseau,optional,knowledge,{U}/skill/s4,\n"
)


@pytest.fixture
def esco_dir(tmp_path: Path) -> Path:
    """The hand-written ESCO downloads (French files)."""
    folder = tmp_path / "esco"
    folder.mkdir()
    for name, text in ((OCC, OCCUPATIONS_CSV), (SKILLS, SKILLS_CSV), (RELS, RELATIONS_CSV)):
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


@pytest.fixture(scope="session")
def small_esco(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Synthetic ESCO downloads, a fiftieth of the real size (seed 1)."""
    folder = tmp_path_factory.mktemp("synthetic-esco")
    write_esco(folder, occupations=60, skills=278, relations=2580, seed=1)
    return folder
