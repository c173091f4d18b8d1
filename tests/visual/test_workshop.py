"""``esante workshop GROUP --output-dir DIR``: a group read from a CSV or a folder of profiles,
one report per person, the group's heatmap and a summary CSV; bad rows reported with their
line and the others processed; hostile names inert; files written safely and the same way
every time."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from esante_cli.dataset import MOBILITES, load_dataset, packaged_data_dir
from esante_cli.errors import ExitCode, InputError
from esante_cli.queries.workshop import load_group, member_slugs, parse_group_csv, workshop
from esante_cli.render.heatmap import heatmap_size, render_heatmap_svg
from esante_cli.render.workshop import SUMMARY_COLUMNS

from .conftest import squeezed, svg_texts
from .test_report import external, parse

ROOT = Path(__file__).resolve().parents[2]
GROUP = ROOT / "examples" / "workshop" / "groupe.csv"
PROFILES = ROOT / "examples" / "profiles"
ESANTE = "specialiste-e-sante"
NAMES = ["Camille Martin", "Karim Benali", "Sophie Lefèvre"]
SLUGS = ["camille-martin", "karim-benali", "sophie-lefevre"]
HEADER = (
    "name,current_job,cycle-de-vie,diagnostic-test,ecoconception,technologies-sante,"
    "outils-ia-data,donnees-massives,travail-collaboratif,moyens-technologiques-humains,"
    "actualiser-connaissances,impact-economique,risques"
)
LEVELS = "1,2,1,2,3,3,3,2,3,2,1"

# Names that try every trick: markup, entities, quotes, formulas, Markdown and mathematics.
HOSTILE_NAMES = [
    '<script>alert(1)</script> & "Sci"',
    '=HYPERLINK("http://x.example")',
    "+cmd|' /C calc'!A0",
    "- Bob $x^2$ [a](http://e.example) *em*",
    "@SUM(1+1) <img src=x onerror=alert(1)>",
]


def summary(folder: Path) -> list[dict[str, str]]:
    text = (folder / "groupe-synthese.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def workbook_rows(path: Path) -> list[tuple]:
    """The values of a workbook's only sheet, row by row (openpyxl reads it)."""
    import openpyxl

    return list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))


def csv_line(name: str, job: str = "", levels: str = LEVELS) -> str:
    quoted = '"' + name.replace('"', '""') + '"'
    return f"{quoted},{job},{levels}"


@pytest.fixture(scope="module")
def run_group(tmp_path_factory):
    """``esante workshop`` on the sample group CSV, towards the Spécialiste e-santé."""
    from typer.testing import CliRunner

    from esante_cli.cli import app

    out = tmp_path_factory.mktemp("ws") / "atelier"
    r = CliRunner().invoke(
        app,
        ["workshop", str(GROUP), "--output-dir", str(out), "--target", ESANTE],
        prog_name="esante",
        env={"ESANTE_DATA": None, "ESANTE_LANG": None, "ESANTE_MODEL": None},
    )
    return r, out


def test_workshop_on_a_csv_writes_every_file(run_group):
    """Three reports, the heatmap (PNG and SVG) and the summary; nothing on stdout; the
    messages on stderr; exit 0. The output folder was created."""
    r, out = run_group
    assert r.exit_code == ExitCode.OK, r.output
    assert r.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{s}.html" for s in SLUGS]
        + ["groupe-ecarts.png", "groupe-ecarts.svg", "groupe-synthese.csv", "groupe-synthese.xlsx"]
    )
    assert r.stderr.splitlines()[-1].startswith("3 rapports écrits dans")
    for slug, name in zip(SLUGS, NAMES):
        html = (out / f"{slug}.html").read_text(encoding="utf-8")
        text = " ".join(" ".join(parse(html).text).split())
        assert f"Rapport de mobilité : {name} → Spécialiste e-santé" in text
        assert external(parse(html)) == []


def test_summary_has_one_row_per_person(run_group, real):
    """The summary CSV parses: its columns, one row per person in the group's order, the best
    match (never the current job, never a downgrade), the target's cost, band, direction and
    stability, the report's file."""
    from esante_cli.profiles import load_profile
    from esante_cli.queries.people import match_jobs

    _, out = run_group
    rows = summary(out)
    assert list(rows[0]) == SUMMARY_COLUMNS
    assert SUMMARY_COLUMNS[-3:] == ["best_match_move", "move", "stability"]  # added last
    assert [r["name"] for r in rows] == NAMES
    assert [r["person"] for r in rows] == ["1", "2", "3"]
    assert [r["source"] for r in rows] == ["line 2", "line 3", "line 4"]
    for r in rows:
        assert r["status"] == "ok" and r["problem"] == ""
        assert r["best_match"] and r["best_match"] != r["current_job"]
        assert r["best_match_move"] in ("progression", "lateral")
        assert r["target"] == ESANTE and r["band"] in ("proche", "accessible", "lointaine")
        assert r["move"] in ("progression", "lateral", "downgrade")
        assert 0 <= float(r["stability"]) <= 1
        assert float(r["cost"]) > 0 and int(r["levels_to_climb"]) > 0
        assert (out / r["report"]).is_file()
    # Camille (3 1 2 3 1 2 2 3 1 2 3 in the ids' alphabetical order: actualiser, cycle de vie,
    # diagnostic, données massives, écoconception, impact, moyens, outils IA, risques,
    # technologies santé, travail collaboratif):
    # - best match Data Engineer (2 2 2 4 1 2 1 2 1 1 2): 2 levels to climb, 18/20 = 90 %
    #   held, 5 unused (22 % against 10 % to learn: lateral), 2 + 0.5 + 0.5 + 0.5 = 3.5.
    #   UX - UI Designer, all held but 8 of her 23 levels unused, is a downgrade: skipped.
    # - to Spécialiste e-santé (2 3 3 2 3 3 2 3 2 4 4): 10 levels (cycle de vie, écoconception
    #   and technologies santé +2: blocking), largest jump 2, 2 unused: 10 + 1 + 0.2 + 0.5
    #   = 11.7; 21/31 = 0.677 held, accessible; 32 % to learn against 9 % unused: progression.
    camille = rows[0]
    assert camille["current_job"] == "data-scientist" and camille["best_match"] == "data-engineer"
    assert (camille["best_match_cost"], camille["best_match_band"], camille["best_match_move"]) == (
        "3.5",
        "proche",
        "lateral",
    )
    assert (camille["cost"], camille["band"], camille["move"]) == (
        "11.7",
        "accessible",
        "progression",
    )
    assert (camille["levels_to_climb"], camille["max_jump"], camille["coverage"]) == (
        "10",
        "2",
        "0.677",
    )
    assert camille["blocking"] == "cycle-de-vie;ecoconception;technologies-sante"
    # The stability is the match ranking's, for the same seed (the default draws).
    ranking = match_jobs(real, load_profile(PROFILES / "camille-data-scientist.yaml", real))
    esante = next(m for m in ranking.matches if m.id == ESANTE)
    assert esante.stability is not None and float(camille["stability"]) == esante.stability
    assert rows[2]["current_job"] == ""  # Sophie names no current job


def test_heatmap_png_opens_with_a_sane_size(run_group):
    """The heatmap is a PNG of a sane size, with colours and text."""
    from PIL import Image

    _, out = run_group
    image = Image.open(out / "groupe-ecarts.png")
    assert image.format == "PNG"
    width, height = image.size
    assert 900 <= width <= 2500 and 800 <= height <= 2500, image.size
    colours = image.convert("RGB").getcolors(maxcolors=100000)
    assert colours is not None and len(colours) > 50


def test_heatmap_svg_says_the_gaps(run_group):
    """The SVG's text names every person and competence, and the gaps (Camille +2 in
    'Analyser un cycle de vie'), with the group's count."""
    _, out = run_group
    svg = (out / "groupe-ecarts.svg").read_text(encoding="utf-8")
    texts = svg_texts(svg)
    joined = squeezed("".join(texts))
    for name in NAMES:
        assert squeezed(name) in joined
    assert "Écarts du groupe au métier Spécialiste e-santé" in texts
    assert "Analyser un cycle de vie" in texts
    assert "+2" in texts and "3 / 3" in texts and "2 / 3" in texts


def test_folder_gives_the_same_people(run_group, invoke, tmp_path):
    """The folder of the three sample profiles gives the same summary as the CSV made from
    them, but for where each person comes from (their file name)."""
    _, from_csv = run_group
    out = tmp_path / "dossier"
    r = invoke("workshop", str(PROFILES), "--output-dir", str(out), "--target", ESANTE)
    assert r.exit_code == ExitCode.OK, r.output
    rows, expected = summary(out), summary(from_csv)
    assert [r["source"] for r in rows] == sorted(p.name for p in PROFILES.iterdir())
    for row in rows + expected:
        row.pop("source")
    assert rows == expected
    assert (out / "karim-benali.html").read_bytes() == (from_csv / "karim-benali.html").read_bytes()


def test_without_target_each_aims_at_their_best_match(real):
    """No --target: each report aims at the person's best match, and the heatmap's cells are
    the gaps to it (all met or small, by construction)."""
    group = load_group(PROFILES, real)
    result = workshop(real, group)
    assert result.target is None
    for p in result.people:
        assert p.report is not None and p.best_match is not None
        assert p.report.target.job.id == p.best_match.id
        assert p.best_match.id != (p.current_job.id if p.current_job else None)
        assert p.best_match.move != "downgrade"
    assert len(result.heatmap) == len(real.levelled_competences)
    assert all(len(row.cells) == 3 for row in result.heatmap)


def test_bad_rows_are_reported_and_the_others_processed(invoke, tmp_path):
    """Level 7, text, too many cells, no level at all: each row is reported on stderr with its
    line (a quoted name over two lines counts both), the good rows get their reports, the
    summary lists everyone, and the exit code is 3. A current job that names no job is kept
    as free text: that row is good."""
    group = tmp_path / "groupe.csv"
    lines = [
        HEADER,
        csv_line("Ana\nLyse", "data-scientist"),  # lines 2-3: a name over two lines
        csv_line("Sept", levels=LEVELS.replace("1", "7", 1)),  # line 4
        csv_line("Trois", levels="trois" + LEVELS[1:]),  # line 5
        "",  # line 6: blank, skipped
        csv_line("Astro", "astronaute"),  # line 7
        csv_line("Trop", levels=LEVELS + ",2"),  # line 8
        csv_line("Vide", levels="," * 10),  # line 9
        csv_line("Bea"),
    ]  # line 10
    group.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    r = invoke("workshop", str(group), "--output-dir", str(out))
    assert r.exit_code == ExitCode.INVALID_INPUT, r.output
    warn = f"esante : attention : {group} : "
    warnings = [x for x in r.stderr.splitlines() if x.startswith(warn)]
    assert warnings == [
        f"{warn}ligne 4 : cycle-de-vie : le niveau doit être entre 0 et 4, reçu 7",
        f"{warn}ligne 5 : cycle-de-vie : le niveau doit être un nombre entier de 0 à 4, reçu "
        "'trois'",
        f"{warn}ligne 8 : 14 cases, mais l'en-tête en a 13",
        f"{warn}ligne 9 : aucun niveau donné (toutes les cases de compétence sont vides)",
    ]
    assert r.stderr.splitlines()[-1] == (
        f"esante : erreur : {group} : 4 personnes sur 7 n'ont pas pu être lues (ligne 4, ligne 5, "
        f"ligne 8, ligne 9) ; les 3 autres sont écrites dans {out}"
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "ana-lyse.html",
        "astro.html",
        "bea.html",
        "groupe-ecarts.png",
        "groupe-ecarts.svg",
        "groupe-synthese.csv",
        "groupe-synthese.xlsx",
    ]
    rows = summary(out)
    assert [(r["name"], r["status"], r["source"]) for r in rows] == [
        ("Ana Lyse", "ok", "line 2"),
        ("Sept", "invalid", "line 4"),
        ("Trois", "invalid", "line 5"),
        ("Astro", "ok", "line 7"),
        ("Trop", "invalid", "line 8"),
        ("Vide", "invalid", "line 9"),
        ("Bea", "ok", "line 10"),
    ]
    assert [(r["current_job"], r["current_job_text"]) for r in rows if r["status"] == "ok"] == [
        ("data-scientist", ""),
        ("", "astronaute"),
        ("", ""),
    ]
    astro = (out / "astro.html").read_text(encoding="utf-8")
    assert "<dd>astronaute (hors du jeu de données)</dd>" in astro
    assert rows[1]["problem"].endswith(
        "ligne 4 : cycle-de-vie : le niveau doit être entre 0 et 4, reçu 7"
    )
    for row in rows:  # the columns added last stay in their places, empty for a bad row
        empty = (row["best_match_move"], row["move"], row["stability"]) == ("", "", "")
        assert empty is (row["status"] == "invalid"), row


def test_a_group_without_one_good_row(invoke, tmp_path):
    """When no row can be read, only the summary is written (its rows say why), exit 3."""
    group = tmp_path / "g.csv"
    group.write_text(
        HEADER + "\n" + csv_line("Sept", levels="7" + LEVELS[1:]) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    r = invoke("workshop", str(group), "-o", str(out))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert sorted(p.name for p in out.iterdir()) == ["groupe-synthese.csv", "groupe-synthese.xlsx"]
    assert r.stderr.splitlines()[-1] == (
        f"esante : erreur : {group} : 1 personne sur 1 n'a pas pu être lue (ligne 2) ; seule la "
        "synthèse est écrite"
    )
    assert [row["status"] for row in summary(out)] == ["invalid"]


def test_a_bad_profile_file_in_a_folder(real, invoke, tmp_path):
    """In a folder, a profile with an unknown competence is reported with its file and line;
    the others are processed."""
    folder = tmp_path / "groupe"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "name: Ana\ncompetences:\n  cycle-de-vie: 2\n  risques: 3\n", encoding="utf-8"
    )
    (folder / "b.yaml").write_text(
        "name: Bob\ncompetences:\n  cycle-de-produit: 2\n", encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not a profile", encoding="utf-8")
    out = tmp_path / "out"
    r = invoke("workshop", str(folder), "-o", str(out), "--format", "md")
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert (
        f"esante : attention : {folder / 'b.yaml'} : ligne 3 : competences.cycle-de-produit : "
        "compétence inconnue « cycle-de-produit » ; vouliez-vous dire : Analyser un cycle de "
        "vie (cycle-de-vie) ?"
    ) in r.stderr
    assert "1 personne sur 2 n'a pas pu être lue (b.yaml)" in r.stderr.splitlines()[-1]
    assert sorted(p.name for p in out.iterdir()) == [
        "ana.map.svg",
        "ana.md",
        "groupe-ecarts.png",
        "groupe-ecarts.svg",
        "groupe-synthese.csv",
        "groupe-synthese.xlsx",
    ]
    assert [r["status"] for r in summary(out)] == ["ok", "invalid"]
    assert summary(out)[0]["report"] == "ana.md"


@pytest.mark.parametrize(
    "header, message",
    [
        (
            HEADER.replace("risques", "Analyser"),
            # ambiguous: the message lists both competences it matches
            "Analyser et gérer les risques (risques)",
        ),
        (HEADER.replace("risques", "autonomie"), "la compétence « autonomie » n'a pas de niveaux"),
        (HEADER.replace("risques", "cycle-de-vie"), "désigne la même compétence « cycle-de-vie »"),
        ("name,current_job", "aucune colonne de compétence"),
    ],
)
def test_a_bad_header_stops_everything(invoke, tmp_path, header, message):
    """A header naming a competence ambiguously, one without levels, one twice (or none)
    would spoil every row: exit 3 with one line, and nothing written, not even the folder. (A
    column that names nothing is left out with a warning: test_spreadsheets.py.)"""
    group = tmp_path / "g.csv"
    group.write_text(header + "\n" + csv_line("Ana") + "\n", encoding="utf-8")
    r = invoke("workshop", str(group), "-o", str(tmp_path / "out"))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert len(r.stderr.splitlines()) == 1 and message in r.stderr
    assert not (tmp_path / "out").exists()


def test_hostile_names_stay_inert(invoke, tmp_path):
    """Names with markup, quotes and formulas appear verbatim and inert: text in the HTML
    (no tag, no link from them), escaped in Markdown, text in the heatmap's SVG, quoted in
    the summary CSV; the file names are plain slugs."""
    group = tmp_path / "hostile.csv"
    group.write_text(
        "\n".join([HEADER] + [csv_line(n) for n in HOSTILE_NAMES]) + "\n", encoding="utf-8"
    )
    html_dir, md_dir = tmp_path / "html", tmp_path / "md"
    for out, fmt in ((html_dir, "html"), (md_dir, "md")):
        r = invoke("workshop", str(group), "-o", str(out), "--format", fmt)
        assert r.exit_code == ExitCode.OK, r.output
    for path in list(html_dir.iterdir()) + list(md_dir.iterdir()):
        assert re.fullmatch(r"[a-z0-9-]+(\.map)?\.[a-z]+", path.name), path.name
    rows = summary(html_dir)
    for name, row in zip(HOSTILE_NAMES, rows):
        html = (html_dir / row["report"]).read_text(encoding="utf-8")
        page = parse(html)
        assert not {"script", "img", "b", "a"} & set(page.tags)
        assert external(page) == []
        assert name in " ".join(page.text)
        assert "onerror" not in "".join(page.links)
        cell = "'" + name if name[0] in "=+-@" else name
        assert row["name"] == cell
    md = (md_dir / "script-alert-1-script-sci.md").read_text(encoding="utf-8")
    assert md.startswith(
        '# Rapport de mobilité : &lt;script&gt;alert(1)&lt;/script&gt; &amp; "Sci" → '
    )
    assert "<script>" not in md
    bob = (md_dir / "bob-x-2-a-http-e-example-em.md").read_text(encoding="utf-8")
    # no list, no maths, no link (not even an autolinked address)
    assert "\\- Bob \\$x^2\\$ \\[a\\](http\\://e.example) \\*em\\* → " in bob
    for line in bob.splitlines():
        assert not line.startswith(("- Bob", "+", "<"))
    svg = (html_dir / "groupe-ecarts.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert not {el.tag.split("}")[-1] for el in root.iter()} & {
        "script",
        "img",
        "a",
        "foreignObject",
    }
    heads = squeezed("".join(svg_texts(svg)))
    for name in HOSTILE_NAMES[:3]:  # the shorter names fit their column whole
        assert squeezed(name) in heads, name
    cells = [
        c
        for row in csv.reader(
            io.StringIO((html_dir / "groupe-synthese.csv").read_text(encoding="utf-8"))
        )
        for c in row
    ]
    assert not any(c[:1] in ("=", "+", "-", "@") for c in cells)


def test_anonymous_uses_pseudonyms_everywhere(invoke, tmp_path):
    """--anonymous: 'Personne 1', 'Personne 2'... in file names and contents; no real name
    nor profile file name in any file or message."""
    out = tmp_path / "anon"
    r = invoke("workshop", str(PROFILES), "-o", str(out), "--anonymous", "--format", "md")
    assert r.exit_code == ExitCode.OK, r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"personne-{i}.{ext}" for i in (1, 2, 3) for ext in ("md", "map.svg")]
        + ["groupe-ecarts.png", "groupe-ecarts.svg", "groupe-synthese.csv", "groupe-synthese.xlsx"]
    )
    secrets = ("Camille", "Martin", "Karim", "Benali", "Sophie", "Lefèvre", "camille-data")
    for path in out.iterdir():
        if path.suffix == ".xlsx":
            content = " ".join(str(v) for row in workbook_rows(path) for v in row)
            assert not any(s in content for s in secrets), path.name
        elif path.suffix != ".png":
            content = path.read_text(encoding="utf-8")
            assert not any(s in content for s in secrets), path.name
    assert not any(s in r.stderr for s in secrets)
    rows = summary(out)
    assert [(r["name"], r["source"]) for r in rows] == [
        ("Personne 1", ""),
        ("Personne 2", ""),
        ("Personne 3", ""),
    ]
    md = (out / "personne-2.md").read_text(encoding="utf-8")
    assert md.startswith("# Rapport de mobilité : Personne 2 → ")
    assert "Nom omis : rapport anonyme." in md


def test_rows_without_names_and_repeated_names(invoke, tmp_path):
    """A group without a name column names its people 'Personne N'; repeated names get
    distinct files; ';' separators, a byte-order mark, CRLF and labels as headers are read."""
    group = tmp_path / "g.csv"
    header = "\ufeffAnalyser un cycle de vie;Analyser et gérer les risques;metier_actuel"
    group.write_bytes((header + "\r\n1;2;data-scientist\r\n3;;\r\n").encode("utf-8"))
    r = invoke("workshop", str(group), "-o", str(tmp_path / "a"))
    assert r.exit_code == ExitCode.OK, r.output
    assert [r["name"] for r in summary(tmp_path / "a")] == ["Personne 1", "Personne 2"]
    assert (tmp_path / "a" / "personne-1.html").exists()
    assert summary(tmp_path / "a")[0]["current_job"] == "data-scientist"
    assert summary(tmp_path / "a")[1]["unassessed"].count(";") == 9  # 10 not assessed
    assert member_slugs(["Ana", "ANA", "ana!", "", "groupe écarts"]) == [
        "ana",
        "ana-2",
        "ana-3",
        "personne-4",
        "groupe-ecarts-2",
    ]


def test_existing_files_need_force(invoke, tmp_path):
    """A second run stops (exit 3, one line) before writing anything unless --force; with
    --force the files are replaced."""
    group = tmp_path / "g.csv"
    group.write_text(HEADER + "\n" + csv_line("Ana") + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("workshop", str(group), "-o", str(out)).exit_code == ExitCode.OK
    (out / "ana.html").write_text("mine", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    r = invoke("workshop", str(group), "-o", str(out))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert r.stderr.splitlines() == [
        f"esante : erreur : {out / 'ana.html'} : existe déjà (--force pour le remplacer)"
    ]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    r = invoke("workshop", str(group), "-o", str(out), "--force")
    assert r.exit_code == ExitCode.OK, r.output
    assert (out / "ana.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_unusable_output_folder_exits_3(invoke, tmp_path):
    """An output path that is a file, or a folder that cannot be created or written, exits 3
    with one line; a missing folder (and its parents) is created."""
    group = tmp_path / "g.csv"
    group.write_text(HEADER + "\n" + csv_line("Ana") + "\n", encoding="utf-8")
    afile = tmp_path / "fichier"
    afile.write_text("x", encoding="utf-8")
    r = invoke("workshop", str(group), "-o", str(afile))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert r.stderr.splitlines() == [
        f"esante : erreur : {afile} : c'est un fichier, pas un dossier"
    ]
    r = invoke("workshop", str(group), "-o", str(afile / "sous"))
    assert r.exit_code == ExitCode.INVALID_INPUT
    assert len(r.stderr.splitlines()) == 1 and "impossible de créer le dossier" in r.stderr
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        r = invoke("workshop", str(group), "-o", str(locked))
        assert r.exit_code == ExitCode.INVALID_INPUT
        assert r.stderr.splitlines() == [
            f"esante : erreur : {locked} : le dossier n'est pas accessible en écriture"
        ]
    deep = tmp_path / "a" / "b" / "c"
    assert invoke("workshop", str(group), "-o", str(deep)).exit_code == ExitCode.OK
    assert (deep / "ana.html").exists()


def test_group_input_errors(real, tmp_path):
    """A missing file, an empty file, a header alone, a profile given as a group, a folder
    without profiles, bytes of no spreadsheet encoding: each an InputError naming the path."""
    cases = {
        tmp_path / "absent.csv": "fichier introuvable",
        tmp_path / "vide.csv": "le fichier est vide",
        tmp_path / "entete.csv": "un en-tête mais personne en dessous",
        tmp_path / "un.yaml": "un groupe est un fichier CSV ou un dossier de profils",
        tmp_path / "dossier": "aucun fichier de profil",
        tmp_path / "latin1.csv": "texte ni UTF-8 ni Windows-1252 (octet",
    }
    (tmp_path / "vide.csv").write_text("\n\n", encoding="utf-8")
    (tmp_path / "entete.csv").write_text(HEADER + "\n", encoding="utf-8")
    (tmp_path / "un.yaml").write_text("name: Ana\n", encoding="utf-8")
    (tmp_path / "dossier").mkdir()
    # 0x81 is neither UTF-8 nor Windows-1252 (Latin-1 text is Windows-1252: it is read)
    (tmp_path / "latin1.csv").write_bytes((HEADER + "\nZo").encode() + b"\x81,,1\n")
    for path, message in cases.items():
        with pytest.raises(InputError, match=re.escape(message)):
            load_group(path, real)


def test_summary_and_heatmap_are_deterministic(invoke, tmp_path, copy_of_data):
    """The same group gives the same summary, heatmap and report bytes, whatever the order of
    the jobs, of their competences and of the mobilities in the data files (the catalogue's
    order is the card's: it orders the rows)."""
    rng = random.Random(20261129)

    def shuffle(raw):
        rng.shuffle(raw["jobs"])
        for job in raw["jobs"]:
            rng.shuffle(job["competences"])

    data = copy_of_data(shuffle)
    mob = json.loads((data / MOBILITES).read_text(encoding="utf-8"))
    rng.shuffle(mob["mobilities"])
    (data / MOBILITES).write_text(json.dumps(mob, ensure_ascii=False), encoding="utf-8")
    for data_dir, out in ((None, tmp_path / "a"), (data, tmp_path / "b")):
        options = ("--data", str(data_dir)) if data_dir else ()
        r = invoke(*options, "workshop", str(GROUP), "-o", str(out), "--target", ESANTE)
        assert r.exit_code == ExitCode.OK, r.output
    for name in (
        "groupe-synthese.csv",
        "groupe-synthese.xlsx",
        "groupe-ecarts.svg",
        "groupe-ecarts.png",
        "camille-martin.html",
    ):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_library_api_and_english(real):
    """The queries run without the command line; --lang en translates the picture."""
    group = parse_group_csv(HEADER + "\n" + csv_line("Ana") + "\n", real, name="g.csv")
    result = workshop(real, group, target=ESANTE)
    assert result.columns == [1] and result.problems == []
    svg = render_heatmap_svg(result, "en")
    assert "The group's gaps to the job Spécialiste e-santé" in svg_texts(svg)
    width, height = heatmap_size(result)
    assert width >= 1100 and height > 800  # narrow groups still leave room for the title


def test_progress_bar_on_a_terminal(monkeypatch):
    """When stderr is a terminal, a progress bar counts the people and names the current
    one; when it is not (a pipe, a log file), nothing is drawn."""
    import sys

    from esante_cli.cli.visual_cmds import _progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, drawn in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, "stderr", stream)
        with _progress(2, "Rapports") as step:
            step("Ana")
            step("Bob")
        out = stream.getvalue()
        assert ("Rapports" in out and "2/2" in out) is drawn, out
        assert bool(out) is drawn


def test_the_example_group_matches_the_sample_profiles():
    """examples/workshop/groupe.csv is the three sample profiles, level for level."""
    ds = load_dataset(packaged_data_dir())
    from_csv = load_group(GROUP, ds)
    from_files = load_group(PROFILES, ds)
    for a, b in zip(from_csv.members, from_files.members):
        assert a.profile is not None and b.profile is not None
        assert a.profile.levels == b.profile.levels
        assert (a.profile.name, a.profile.current_job) == (b.profile.name, b.profile.current_job)


def test_a_flat_profile_in_the_group_is_said(invoke, tmp_path):
    """A person whose every answer is the same level is named on stderr, with the level, as
    gap --profile says it of one profile (the ranking of a flat profile means little)."""
    group = tmp_path / "g.csv"
    group.write_text(
        "name;cycle-de-vie;diagnostic-test;ecoconception\nFrançois;2;2;2\nAna;1;3;2\n",
        encoding="utf-8",
    )
    result = invoke("workshop", str(group), "-o", str(tmp_path / "w"), "-t", "specialiste-e-sante")
    assert result.exit_code == 0
    said = [ln for ln in result.stderr.splitlines() if "profil plat" in ln]
    assert len(said) == 1 and said[0].endswith(": François (2)")
