"""Fidelity to the source: the card's text, parsed from the seed page, is in ``esante show``.

The seed is the flattened text of the OPIIEC page "Spécialiste e-santé", the source of truth of
the data. A copy lives in the repository (``tests/fixtures/seed/``), so these tests run from any
clone; where the shared original is beside the repository (``../shared/seeds/``), a test checks
that the copy is still byte for byte the original.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app

SEED_NAME = "000_03ed3c3c6a85d7d0.txt"
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / SEED_NAME
ORIGINAL = Path(__file__).resolve().parents[3] / "shared" / "seeds" / SEED_NAME
JOB_ID = "specialiste-e-sante"


# -- parsing the flattened page ------------------------------------------------------------------


@dataclass
class SeedCompetence:
    label: str
    levels: list[str] = field(default_factory=list)
    expected_level: int | None = None
    example: str | None = None


@dataclass
class Seed:
    lines: list[str]
    title: str
    family: str
    other_fr: list[str]
    other_en: list[str]
    purpose: str
    missions: list[tuple[str, list[str]]]
    context: list[tuple[str, list[str]]]
    organisational: list[tuple[str, list[str]]]
    conditions: list[tuple[str, list[str]]]
    internal: list[str]
    external: list[str]
    competences: list[SeedCompetence]
    certifications: list[str]
    sectors: list[str]
    neighbours: list[str]
    mobility_note: str


def _index(lines: list[str], text: str, start: int = 0) -> int:
    return lines.index(text, start)


def _bullets(lines: list[str], start: int) -> list[str]:
    items = []
    for line in lines[start:]:
        if not line.startswith("- "):
            break
        items.append(line[2:])
    return items


def _is_paragraph(line: str) -> bool:
    # Headings of the page are short labels; its paragraphs are sentences.
    return line.endswith((".", "…"))


def _grouped(lines: list[str], heading_of: Any = None) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) in page order, dropping the copies the flattened page repeats."""
    groups: dict[str, list[str]] = {}
    seen: set[str] = set()
    current: str | None = None
    for line in lines:
        heading = heading_of(line) if heading_of else (None if _is_paragraph(line) else line)
        if heading is not None:
            current = heading
            groups.setdefault(current, [])
        elif line not in seen:
            assert current is not None, f"paragraph before any heading: {line[:40]}"
            groups[current].append(line)
            seen.add(line)
    return list(groups.items())


def _mission_title(line: str) -> str | None:
    return line[: -len(" :")] if line.endswith(" :") else None


def _competences(lines: list[str]) -> list[SeedCompetence]:
    comps: list[SeedCompetence] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == "Macro compétences :":
            comps.append(SeedCompetence(label=lines[i + 1]))
            i += 2
            continue
        if line == "Niveaux et compétences attendues :":
            i += 1
            while i + 1 < len(lines) and re.fullmatch(r"[1-4]", lines[i]):
                assert int(lines[i]) == len(comps[-1].levels) + 1
                comps[-1].levels.append(lines[i + 1])
                i += 2
            continue
        if match := re.fullmatch(r"Niveau attendu : ([1-4])", line):
            comps[-1].expected_level = int(match.group(1))
        elif line == "Exemple concret d'activité pour le niveau attendu :":
            comps[-1].example = lines[i + 1]
            i += 1
        i += 1
    return comps


def parse_seed(text: str) -> Seed:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    fr = _index(lines, "Autres appellations en français")
    en = _index(lines, "Autres appellations en anglais")
    purpose = _index(lines, "Finalité du métier")
    missions = _index(lines, "Missions principales", purpose)
    context_start = _index(lines, "Variables spécifiques au métier", missions)
    context_end = _index(lines, "Contexte de travail", missions)
    org = _index(lines, "Contextes organisationnels", context_start)
    cond = _index(lines, "Conditions de travail", org)
    rel = _index(lines, "Les relations professionnelles", cond)
    internal = _index(lines, "Relations internes", rel)
    external = _index(lines, "Relations externes", rel)
    comp_start = _index(lines, "Compétences et niveaux attendus en 4 niveaux cumulés", rel)
    certs = _index(lines, "Liste des certifications", comp_start)
    mob = _index(lines, "Proximité(s)/évolution(s) envisageables", certs)
    sectors = _index(lines, "Sélection de secteur", mob)
    sectors_end = next(i for i in range(sectors, len(lines)) if lines[i].startswith("Cliquer"))
    note = next(i for i in range(mob, len(lines)) if lines[i].startswith("Ces mobilités"))
    last_ring = max(i for i in range(mob, note) if lines[i] == "Autres évolutions")
    return Seed(
        lines=lines,
        title=lines[_index(lines, "Autres appellations en français") - 2],
        family=next(x for x in lines if x.startswith("Famille : "))[len("Famille : ") :],
        other_fr=_bullets(lines, fr + 1),
        other_en=_bullets(lines, en + 1),
        purpose=lines[purpose + 1],
        missions=_grouped(lines[missions + 1 : context_end], _mission_title),
        context=_grouped(lines[context_start + 1 : org]),
        organisational=_grouped(lines[org + 1 : cond]),
        conditions=_grouped(lines[cond + 1 : rel]),
        internal=_bullets(lines, internal + 1),
        external=_bullets(lines, external + 1),
        competences=_competences(lines[comp_start:certs]),
        certifications=lines[certs + 1 : mob],
        sectors=lines[sectors + 1 : sectors_end],
        # the job itself comes first in the chart, then its neighbours
        neighbours=lines[last_ring + 2 : note],
        mobility_note=lines[note],
    )


@pytest.fixture(scope="module")
def seed() -> Seed:
    return parse_seed(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shown() -> dict[str, Any]:
    """``esante show specialiste-e-sante --format json``, on the packaged data."""
    mp = pytest.MonkeyPatch()
    mp.delenv("ESANTE_DATA", raising=False)
    try:
        result = CliRunner().invoke(app, ["show", JOB_ID, "--format", "json"])
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _paragraphs(groups: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    return [(g.get("label") or g.get("title"), g["paragraphs"]) for g in groups]


# -- the parser reads what it should -------------------------------------------------------------


def test_parser_finds_every_part_of_the_page(seed):
    """The seed parser finds twelve competences, four missions and the chart's twelve names."""
    assert len(seed.competences) == 12
    assert len(seed.missions) == 4
    assert len(seed.neighbours) == 12
    assert seed.title == "SPÉCIALISTE E-SANTÉ"


# -- the header ----------------------------------------------------------------------------------


def test_title_and_family(seed, shown):
    """The job's title (upper-cased on the page) and its family are the card's."""
    assert shown["job"]["title"].upper() == seed.title
    assert shown["job"]["family"]["value"] == seed.family
    assert shown["job"]["family"]["provenance"] == "card"


def test_other_titles_fr_and_en(seed, shown):
    """Every other title, French and English, is kept in the card's order."""
    assert shown["job"]["other_titles"]["fr"] == seed.other_fr
    assert shown["job"]["other_titles"]["en"] == seed.other_en
    assert len(seed.other_fr) == 3 and len(seed.other_en) == 3


# -- missions and context ------------------------------------------------------------------------


def test_purpose(seed, shown):
    """The 'Finalité du métier' paragraph is the card's purpose, verbatim."""
    assert shown["card"]["purpose"] == seed.purpose


def test_every_mission_title_and_paragraph(seed, shown):
    """Every mission title and each of its paragraphs are kept, verbatim and in order."""
    assert _paragraphs(shown["card"]["missions"]) == seed.missions


def test_every_work_context_paragraph(seed, shown):
    """The six 'Variables spécifiques au métier' and their paragraphs are kept verbatim."""
    assert _paragraphs(shown["card"]["context"]) == seed.context


def test_every_organisational_context_paragraph(seed, shown):
    """The organisational contexts (project, company) and their paragraphs are kept."""
    assert _paragraphs(shown["card"]["organisational_contexts"]) == seed.organisational


def test_every_working_condition_paragraph(seed, shown):
    """The working conditions (rhythm, travel) and their paragraphs are kept."""
    assert _paragraphs(shown["card"]["working_conditions"]) == seed.conditions


def test_one_copy_of_each_paragraph_the_page_repeats(seed, shown):
    """Paragraphs the flattened page prints twice are in the data exactly once."""
    repeated = [line for line, n in Counter(seed.lines).items() if n > 1 and _is_paragraph(line)]
    assert len(repeated) >= 10  # missions, context and organisational contexts repeat
    card = shown["card"]
    kept = Counter(
        p
        for key in ("missions", "context", "organisational_contexts", "working_conditions")
        for group in card[key]
        for p in group["paragraphs"]
    )
    for paragraph in repeated:
        assert kept[paragraph] == 1, paragraph[:60]


# -- relations -----------------------------------------------------------------------------------


def test_every_internal_relation(seed, shown):
    """Every internal relation is kept verbatim (typos of the page included)."""
    assert shown["card"]["relations"]["internal"] == seed.internal


def test_every_external_relation_with_the_glued_one_split(seed, shown):
    """External relations are the page's; the page glues 'Fonctions support' to the last one,
    and the data splits it into two relations."""
    data = shown["card"]["relations"]["external"]
    assert " ".join(data) == " ".join(seed.external)
    assert len(data) == len(seed.external) + 1
    assert data[-1] == "Fonctions support"
    assert seed.external[-1] == f"{data[-2]} {data[-1]}"
    assert data[:-2] == seed.external[:-1]


# -- competences ---------------------------------------------------------------------------------


def test_every_macro_competence_label_in_order(seed, shown):
    """The twelve macro-competence labels are the card's, in the card's order."""
    assert [c["label"] for c in shown["competences"]] == [c.label for c in seed.competences]


def test_every_level_descriptor(seed, shown):
    """Each competence's four level descriptors are the card's, in order (none for autonomy)."""
    for entry, card in zip(shown["competences"], seed.competences, strict=True):
        assert entry["levels"] == card.levels, card.label


def test_every_expected_level(seed, shown):
    """Each expected level is the card's, and null where the card gives none."""
    for entry, card in zip(shown["competences"], seed.competences, strict=True):
        assert entry["expected_level"] == card.expected_level, card.label
        assert entry["provenance"] == "card"
    assert [c.label for c in seed.competences if c.expected_level is None] == [
        "Développer son autonomie"
    ]


def test_every_concrete_example(seed, shown):
    """Each concrete example of activity is the card's, verbatim."""
    for entry, card in zip(shown["competences"], seed.competences, strict=True):
        assert card.example
        assert entry["example"] == card.example, card.label


# -- certifications, chart, caveat ---------------------------------------------------------------


def test_certifications(seed, shown):
    """The page lists no certification, only 'Hors branche', which is kept as a note."""
    assert seed.certifications == [shown["card"]["certifications"]["note"]]
    assert shown["card"]["certifications"]["items"] == []


def test_sectors_of_the_chart(seed, shown):
    """The chart's sector filters are kept in order."""
    assert shown["card"]["sectors"] == seed.sectors


def test_every_neighbour_of_the_chart(seed, shown):
    """Every name of the chart is a declared neighbour, Data Scientist on both sides."""
    titles = [n["title"] for n in shown["neighbours"]]
    assert Counter(titles) == Counter(seed.neighbours)
    assert seed.neighbours.count("Data Scientist") == 2


def test_chart_order_gives_the_inferred_directions(seed, shown):
    """The first nine names are provenances and the last three evolutions (inferred layout)."""
    by_direction = {
        d: sorted(n["title"] for n in shown["neighbours"] if n["direction"] == d)
        for d in ("provenance", "evolution")
    }
    assert by_direction["provenance"] == sorted(seed.neighbours[:9])
    assert by_direction["evolution"] == sorted(seed.neighbours[9:])
    assert {n["provenance"] for n in shown["neighbours"]} == {"inferred"}


def test_mobility_caveat(seed, shown):
    """The card's caveat on mobilities is kept verbatim."""
    assert shown["card"]["mobility_note"] == seed.mobility_note


def test_the_copy_of_the_seed_is_the_original():
    """The fixture is the shared seed page, byte for byte (where the original is at hand)."""
    if not ORIGINAL.is_file():
        pytest.skip(f"the original seed page is not beside the repository ({ORIGINAL})")
    assert SEED.read_bytes() == ORIGINAL.read_bytes()
