"""``esante report --profile PROFILE [--target JOB]``: a person's printable report, from their
own levels, in HTML and Markdown, with or without their name."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.errors import ExitCode
from esante_cli.profiles import load_profile
from esante_cli.queries.people import match_jobs
from esante_cli.queries.visual import best_match, person_report
from esante_cli.render.html import render_report_html, render_report_markdown, report_view
from esante_cli.render.mapdraw import render_map_svg

from .test_report import external, parse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
CAMILLE = EXAMPLES / "camille-data-scientist.yaml"
SOPHIE = EXAMPLES / "sophie-ingenieure-biomedicale.json"
ESANTE = "specialiste-e-sante"


def text_of(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


@pytest.fixture(scope="module")
def camille(real):
    return load_profile(CAMILLE, real)


@pytest.fixture(scope="module")
def camille_report(real, camille):
    return person_report(real, camille, ESANTE)


@pytest.fixture(scope="module")
def camille_html(camille_report) -> str:
    return render_report_html(camille_report, map_svg=render_map_svg(camille_report.map))


# Camille's levels, ids alphabetically (actualiser, cycle de vie, diagnostic, données
# massives, écoconception, impact économique, moyens, outils IA, risques, technologies santé,
# travail collaboratif):   3 1 2 3 1 2 2 3 1 2 3
# Spécialiste e-santé (the card's levels, 31 in all): 2 3 3 2 3 3 2 3 2 4 4
#   to climb: cycle de vie 2, diagnostic 1, écoconception 2, impact 1, risques 1,
#   technologies santé 2, travail collaboratif 1 = 10 levels on 7 competences, largest jump
#   2, 3 blocking (gap >= 2); 2 levels unused (actualiser, données massives).
#   Held 21/31 = 68 % (accessible); 32 % to learn against 2/23 = 9 % left unused: a
#   progression. Cost 10 + 0.5 * 2 + 0.1 * 2 + 0.5 = 11.7.
# Data Scientist (estimated, 21 in all): 2 2 2 3 1 2 2 3 1 1 2
#   to climb: cycle de vie 1; 3 unused: held 20/21 = 95 % (proche); 5 % to learn against
#   3/23 = 13 % unused: lateral. Cost 1 + 0.5 + 0.3 + 0.5 = 2.3.


def test_person_report_has_every_part(camille_html):
    """The page has the person's card, the target's card summary, the gap from the person's
    own levels with what to learn, the routes from the person (with their stability), the
    notes and the map."""
    text = text_of(camille_html)
    for words in (
        "Rapport de mobilité : Camille Martin → Spécialiste e-santé",
        "La personne",
        "Métier actuel Data Scientist",
        "Métier visé Spécialiste e-santé — acquis 68 % · accessible · progression · effort 11,7",
        "choisi pour ce rapport",
        "Métiers les plus proches",
        "Data Scientist (actuel) — acquis 95 %* · proche · mobilité latérale · effort 2,3",
        "11 compétences évaluées sur 11",
        # a job's stability among the person's jobs is its rank's, said so (a route's is its own)
        "rang gardé dans",
        "Le métier visé",
        "Finalité",
        "Missions principales",
        "Ce qui sépare la personne du métier visé",
        "Total : 10 niveaux à gravir sur 7 compétences",
        "Ce qu'il faut apprendre, dans l'ordre",
        "Analyser un cycle de vie : 1 → 3",
        "acquis : 68 % (accessible, progression) ; effort du passage : 11,7",
        "Les meilleurs itinéraires",
        # The direct move is the best route; on the card's levels and Camille's own,
        # no estimate moves its cost, and any other route climbs at least the same
        # 10 levels plus a step: it keeps its place in every draw.
        "Itinéraire 1 : effort 11,7, 1 étape, 10 niveaux à gravir, plus grand "
        "saut 2, stabilité 100 % [11,7–11,7]",
        # Not through Data Scientist, her current job (no route passes through
        # it). Through Spécialiste blockchain: 3 levels to climb (cycle de vie,
        # écoconception, risques 1 -> 2), jump 1, 7 unused: 3 + 0.5 + 0.7 + 0.5 =
        # 4.7; then from her levels raised by it, 7 levels, jump 2, 2 unused:
        # 7 + 1 + 0.2 + 0.5 = 8.7; 13.4 in all.
        "Itinéraire 2 : effort 13,4*, 2 étapes, 10 niveaux à gravir",
        "Camille Martin → Spécialiste blockchain → Spécialiste e-santé",
        "Analyser un cycle de vie : 2* → 3",  # the state, not Camille's 1
        "Les niveaux de la personne sont ceux qu'elle s'attribue (auto-évaluation)",
        "Le voisinage du métier visé",
    ):
        assert words in text, words
    assert "Le métier de départ" not in text
    page = parse(camille_html)
    assert external(page) == [] and "svg" in page.tags and "script" not in page.tags


def test_person_report_never_shows_the_notes(camille_html):
    """The profile's notes (and a competence's note) are personal: never printed."""
    assert "PMSI" not in camille_html and "réadmission" not in camille_html


def test_person_report_is_stable(camille_report, camille_html):
    """The same person's report gives the same bytes."""
    assert (
        render_report_html(camille_report, map_svg=render_map_svg(camille_report.map))
        == camille_html
    )


def test_person_report_markdown(camille_report):
    """In Markdown: the person's card with their levels, the gap rows from their levels."""
    md = render_report_markdown(camille_report, map_file="camille.map.svg")
    assert md.startswith("# Rapport de mobilité : Camille Martin → Spécialiste e-santé\n")
    assert "## La personne : Camille Martin" in md
    assert "| Analyser un cycle de vie | 1 | 3 | +2 |" in md
    assert "| Analyser et gérer les risques | 1 |" in md  # the person's own levels
    assert "![Le voisinage du métier visé](camille.map.svg)" in md


@pytest.mark.parametrize("path", [CAMILLE, SOPHIE])
def test_without_target_the_best_match_is_chosen(real, path):
    """No --target: the report aims at the first job of the person's ranking that is not
    their current job (Sophie names none: simply the first); the ranking leaves downgrades
    out, so a job that asks clearly less than the person holds is never chosen, however
    much of it they hold."""
    profile = load_profile(path, real)
    ranking = match_jobs(real, profile)
    expected = next(m for m in ranking.matches if m.id != profile.current_job)
    report = person_report(real, profile)
    assert report.target.job.id == expected.id == best_match(ranking).id
    assert expected.move != "downgrade"
    # Both hold more of some downgrade (Camille: UX - UI Designer, all of it; Sophie:
    # Spécialiste blockchain, 95 %) than of the job chosen: left aside.
    everything = match_jobs(real, profile, include_downgrades=True)
    assert any(m.move == "downgrade" and m.coverage > expected.coverage for m in everything.matches)
    assert report.person is not None and report.person.target_choice == "best_match"
    if profile.current_job is not None:
        assert ranking.matches[0].id == profile.current_job  # so the choice skipped it
    view = report_view(report)
    assert "le plus proche de ses niveaux, hors métier actuel" == view["person"]["target_why"]


def test_the_current_job_is_highlighted_on_the_map(camille_report):
    """The map of the target's neighbourhood frames the person's current job."""
    marked = [
        n.job.id for n in camille_report.map.incoming + camille_report.map.outgoing if n.highlight
    ]
    assert marked and set(marked) == {"data-scientist"}


def test_report_command_person_html(invoke, tmp_path):
    """``esante report --profile P --target JOB -o FILE.html``: one standalone file, nothing on
    stdout; the one positional argument is the target too."""
    out = tmp_path / "camille.html"
    r = invoke("report", "--profile", str(CAMILLE), "--target", "e-santé", "--output", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    assert r.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == ["camille.html"]
    html = out.read_text(encoding="utf-8")
    assert "Rapport de mobilité : Camille Martin → Spécialiste e-santé" in text_of(html)
    again = tmp_path / "again.html"
    r = invoke("report", "--profile", str(CAMILLE), ESANTE, "--output", str(again))
    assert r.exit_code == ExitCode.OK, r.output
    assert again.read_text(encoding="utf-8") == html


def test_report_command_person_markdown(invoke, tmp_path):
    """FILE.md gets the map beside it; with no --target, the best match is the target."""
    out = tmp_path / "camille.md"
    r = invoke("report", "--profile", str(CAMILLE), "--output", str(out), "--k", "1")
    assert r.exit_code == ExitCode.OK, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["camille.map.svg", "camille.md"]
    md = out.read_text(encoding="utf-8")
    # Camille's closest job besides her own that is not a downgrade: Data Engineer (estimated
    # 2 2 2 4 1 2 1 2 1 1 2, 20 levels): cycle de vie 1 and données massives 1 to climb, 18/20
    # = 90 % held, 5 levels unused (5/23 = 22 % against 10 % to learn: lateral), cost
    # 2 + 0.5 + 0.5 + 0.5 = 3.5. UX - UI Designer, all held but 8 of her 23 levels unused
    # (35 %), is a downgrade: not chosen.
    assert md.startswith("# Rapport de mobilité : Camille Martin → Data Engineer\n")
    assert "Data Engineer — acquis 90\u00a0%\\* · proche · mobilité latérale · effort 3,5" in md
    assert "le plus proche de ses niveaux, hors métier actuel" in md
    assert "### Itinéraire 2" not in md


def test_anonymous_leaves_the_name_out_everywhere(invoke, tmp_path):
    """--anonymous: no trace of the name in the HTML, the Markdown or the map; the report
    says the name was left out."""
    html, md = tmp_path / "a.html", tmp_path / "a.md"
    for out in (html, md):
        r = invoke("report", "--profile", str(CAMILLE), "--anonymous", "--output", str(out))
        assert r.exit_code == ExitCode.OK, r.output
    for path in tmp_path.iterdir():
        content = path.read_text(encoding="utf-8")
        assert "Camille" not in content and "Martin" not in content, path.name
    text = text_of(html.read_text(encoding="utf-8"))
    assert "Rapport de mobilité : Personne anonyme → Data Engineer" in text
    assert "Personne anonyme → Data Engineer Passage" in text  # the routes start with it too
    assert "Nom omis : rapport anonyme." in text


def test_unassessed_levels_show_as_dashes(invoke, tmp_path):
    """A competence the person did not assess shows '—' in the gap, and the notes say it
    counts 0; stderr warns, as for every command about a person."""
    profile = tmp_path / "partiel.yaml"
    profile.write_text(
        "name: Lou\ncompetences:\n  cycle-de-vie: 3\n  risques: 2\n", encoding="utf-8"
    )
    out = tmp_path / "lou.md"
    r = invoke("report", "--profile", str(profile), "--target", ESANTE, "--output", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    assert "9 compétences non évaluées" in r.stderr
    md = out.read_text(encoding="utf-8")
    assert "| Développer des technologies de santé | — | 4 | +4 |" in md
    assert "— dans la colonne « Actuel » : compétence non évaluée, comptée 0" in md
    assert "2 compétences évaluées sur 11" in md


def test_person_report_in_english(invoke, tmp_path):
    """--lang en translates the person's card too."""
    out = tmp_path / "c.html"
    r = invoke("--lang", "en", "report", "--profile", str(CAMILLE), "-o", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    text = text_of(out.read_text(encoding="utf-8"))
    assert "Mobility report: Camille Martin → Data Engineer" in text
    assert "held 90%* · close · lateral move · effort 3.5" in text  # English: '90%', '3.5'
    assert "The person" in text and "Current job" in text and "Closest jobs" in text


@pytest.mark.parametrize(
    "args",
    [
        ("--target", ESANTE),  # --target without --profile
        ("--anonymous", "data-scientist", ESANTE),  # --anonymous without --profile
        ("data-scientist",),  # FROM without TO
        ("--profile", str(CAMILLE), "data-scientist", ESANTE),  # two ends with a profile
        ("--profile", str(CAMILLE), "data-scientist", "--target", ESANTE),
    ],
)
def test_report_arguments_that_do_not_go_together(invoke, tmp_path, args):
    """Arguments that contradict each other are a usage error (2); nothing is written."""
    r = invoke("report", *args, "--output", str(tmp_path / "r.html"))
    assert r.exit_code == ExitCode.USAGE, r.output
    assert list(tmp_path.iterdir()) == []


def test_person_report_errors(invoke, tmp_path):
    """A bad profile exits 3, an unknown target 4, an existing file 3 without --force;
    nothing is written."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("competences:\n  cycle-de-vie: 7\n", encoding="utf-8")
    r = invoke("report", "--profile", str(bad), "--output", str(tmp_path / "r.html"))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert (
        "ligne 2 : competences.cycle-de-vie : le niveau doit être entre 0 et 4, reçu 7" in r.stderr
    )
    r = invoke(
        "report",
        "--profile",
        str(CAMILLE),
        "--target",
        "astronaute",
        "--output",
        str(tmp_path / "r.html"),
    )
    assert r.exit_code == ExitCode.UNKNOWN_NAME
    assert not (tmp_path / "r.html").exists()
    (tmp_path / "r.html").write_text("mine", encoding="utf-8")
    r = invoke("report", "--profile", str(CAMILLE), "--output", str(tmp_path / "r.html"))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "mine"
