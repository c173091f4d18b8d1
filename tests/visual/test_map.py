"""``esante map``: the SVG and PNG pictures, the terminal tree, and their stability."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest

from esante_cli.errors import ExitCode
from esante_cli.queries.visual import neighbourhood_map
from esante_cli.render.mapdraw import map_boxes, map_size, render_map_png, render_map_svg

from .conftest import squeezed, svg_texts

ESANTE = "specialiste-e-sante"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def esante_svg(real) -> str:
    return render_map_svg(neighbourhood_map(real, ESANTE))


def test_svg_parses_and_names_every_neighbour(real, esante_svg):
    """The SVG is well-formed XML and its text names the shown job and every neighbour."""
    texts = svg_texts(esante_svg)
    text = squeezed("".join(texts))
    m = neighbourhood_map(real, ESANTE)
    for job in [m.job] + [n.job for n in m.incoming + m.outgoing]:
        assert squeezed(job.title) in text, job.title


def test_svg_groups_each_job_by_id(real, esante_svg):
    """Each job's label sits in a group whose id names its side and job."""
    root = ET.fromstring(esante_svg)
    ids = {el.get("id") for el in root.iter(f"{SVG_NS}g")}
    m = neighbourhood_map(real, ESANTE)
    for n in m.incoming + m.outgoing:
        assert f"job-{n.side}-{n.job.id}" in ids


def test_svg_marks_estimates_and_inferences(esante_svg):
    """Shares held computed on estimated levels carry '*', inferred placements '†', downgrades
    'repli', and the legend says so."""
    text = " ".join(svg_texts(esante_svg))
    # Architecte IoT (estimated 2 3 3 2 2 2 2 2 2 1 2) -> Spécialiste e-santé (the card's
    # 2 3 3 2 3 3 2 3 2 4 4): 8 of the 31 required levels missing, 23/31 held = 74 %; a
    # declared move whose direction (provenance) is read from the chart's layout.
    assert "acquis 74\u00a0%* · fiche†" in text
    # Spécialiste e-santé -> Data Scientist (estimated 2 2 2 3 1 2 2 3 1 1 2): one level of
    # données massives missing, 20/21 held = 95 %; 11 of the 31 levels held left unused
    # (35 %) against 5 % to learn: a downgrade. Declared by the card, computed too.
    assert "acquis 95\u00a0%* · fiche + calculé† · repli" in text
    # The rings (one label per side) and the legend give the bands' limits alike, in per cent
    # to the tenth (a share shown as 56 % must not look above 56.1 %): proche from 0.716,
    # accessible from 0.561; in French, a decimal comma and a no-break space before '%'.
    texts = svg_texts(esante_svg)
    assert texts.count("≥ 71,6\u00a0%") == 2 and texts.count("≥ 56,1\u00a0%") == 2
    assert {"proche ≥ 71,6\u00a0%", "accessible ≥ 56,1\u00a0%", "lointaine < 56,1\u00a0%"} <= set(
        texts
    )
    assert "* niveaux estimés, pas des données de la fiche" in text
    # the computed downgrades are left off the picture, and the legend says how many
    assert re.search(r"replis? calculés? non dessinés?", text)
    assert "repli : le métier demande nettement moins" in text
    assert "† sens (provenance ou évolution) inféré" in text
    assert "Provenances possibles" in text and "Évolutions envisageables" in text


def test_svg_is_french_by_default_and_english_on_demand(real):
    """--lang en turns the picture's words to English."""
    svg = render_map_svg(neighbourhood_map(real, ESANTE), "en")
    text = " ".join(svg_texts(svg))
    assert "Possible origins" in text and "* estimated levels" in text
    assert "Provenances possibles" not in text


def test_svg_has_no_date_and_stable_bytes(real, shuffled):
    """The same map gives the same bytes, from a shuffled copy of the data too."""
    a = render_map_svg(neighbourhood_map(real, "data-scientist"))
    b = render_map_svg(neighbourhood_map(shuffled, "data-scientist"))
    assert a == b
    assert "<dc:date>" not in a


def test_png_opens_at_the_expected_size(real):
    """The PNG opens and measures what ``map_size`` says (the figure's inches × DPI, cut to
    whole pixels as matplotlib does: this map is 1991.9 pixels high, drawn on 1991)."""
    from PIL import Image

    m = neighbourhood_map(real, ESANTE)
    image = Image.open(io.BytesIO(render_map_png(m)))
    image.load()
    assert image.format == "PNG"
    assert image.size == map_size(m)
    width, height = image.size
    assert width == 1440 and 900 < height < 3000
    assert sum(1 for count in image.convert("L").histogram() if count) > 50  # drawn, not blank


def test_map_command_writes_svg_and_png(invoke, tmp_path):
    """``esante map JOB --output FILE.svg|.png`` writes the picture, nothing on stdout."""
    svg, png = tmp_path / "carte.svg", tmp_path / "carte.png"
    r = invoke("map", "Spécialiste e-santé", "--output", str(svg))
    assert r.exit_code == ExitCode.OK, r.output
    assert r.stdout == "" and svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    r = invoke("map", ESANTE, "-o", str(png))
    assert r.exit_code == ExitCode.OK, r.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["carte.png", "carte.svg"]  # no temp left


def test_map_command_without_output_prints_a_tree(invoke):
    """Without --output, the map is a tree in the terminal, estimates marked."""
    r = invoke("map", ESANTE)
    assert r.exit_code == ExitCode.OK, r.output
    out = r.stdout
    assert out.splitlines()[0].startswith("Spécialiste e-santé")
    assert "← Provenances possibles" in out and "→ Évolutions envisageables" in out
    # Architecte IoT -> Spécialiste e-santé: 23/31 held (74 %), 8 levels to climb, a jump of 3:
    # 8 + 0.5 * 3 + 0.5 = 10; back, nothing to climb and 8 levels unused: 0.1 * 8 + 0.5 = 1.3.
    assert "Architecte IoT — acquis 74\u00a0%* · fiche† (effort 10, retour 1,3)" in out
    # Spécialiste e-santé -> Spécialiste blockchain (estimated 2 2 2 1 2 2 2 1 2 1 2): all 19
    # levels held, 12 left unused: a computed downgrade, left off unless asked for. Back: 12
    # levels to climb, a jump of 3 (technologies santé 1 -> 4): 12 + 0.5 * 3 + 0.5 = 14.
    assert "Spécialiste blockchain" not in out.split("Évolutions envisageables")[1]
    assert re.search(r"replis? calculés? non dessinés?", out)
    # (the tree wraps at 80 columns: the words are compared without the tree's guides)
    every = invoke("map", ESANTE, "--include-downgrades").stdout.split("Évolutions")[1]
    words = " ".join(w for w in every.split() if w not in ("│", "├──", "└──"))
    assert (
        "Spécialiste blockchain — acquis 100 %* · calculé · repli (effort 1,7, retour 14)" in words
    )
    # The bands are read on the share held, in per cent to the tenth.
    assert "proche ≥ 71,6\u00a0%" in out and "accessible ≥ 56,1\u00a0%" in out
    assert "lointaine < 56,1\u00a0%" in out and "* niveaux estimés" in out


def test_map_command_other_formats(invoke):
    """--format json gives the result; markdown and csv a table."""
    import json

    r = invoke("map", "data-scientist", "--format", "json")
    data = json.loads(r.stdout)
    assert data["job"]["id"] == "data-scientist" and data["schema_version"] == 1
    assert {n["side"] for n in data["incoming"]} == {"in"}
    r = invoke("map", "data-scientist", "--include-downgrades", "--format", "csv")
    assert r.stdout.splitlines()[0].startswith("side,band,id,title,kind,coverage,move,cost")
    # The rows come in the map's order: by band, downgrades last in each, closest first; the
    # share held and the direction that order them are in the table.
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    bands = ["proche", "accessible", "lointaine"]
    for side in ("in", "out"):
        keys = [
            (bands.index(x["band"]), x["move"] == "downgrade", -float(x["coverage"]))
            for x in rows
            if x["side"] == side
        ]
        assert keys == sorted(keys)
    expert = next(
        x for x in rows if x["side"] == "in" and x["id"] == "expert-en-intelligence-artificielle"
    )
    assert (expert["coverage"], expert["move"], expert["cost"]) == ("1.0", "downgrade", "1.2")
    r = invoke("map", "data-scientist", "--include-downgrades", "--format", "markdown")
    assert r.stdout.startswith("## Proximités et évolutions : Data Scientist")
    assert (
        "| Provenances possibles | proche | Expert en Intelligence Artificielle | "
        "calculé · repli | 100\u00a0%\\* | 1,2\\* | 8\\* |" in r.stdout
    )


def test_map_command_rejects_other_picture_types(invoke, tmp_path):
    """An --output that is neither .svg nor .png is a usage error (2)."""
    r = invoke("map", ESANTE, "--output", str(tmp_path / "carte.jpg"))
    assert r.exit_code == ExitCode.USAGE
    assert not (tmp_path / "carte.jpg").exists()


def _overlaps(boxes: dict[str, tuple[float, ...]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    found = []
    for i, (a, (l1, b1, r1, t1)) in enumerate(items):
        for b, (l2, b2, r2, t2) in items[i + 1 :]:
            if l1 < r2 and l2 < r1 and b1 < t2 and b2 < t1:
                found.append((a, b))
    return found


@pytest.mark.parametrize(
    "job",
    [
        "specialiste-e-sante",
        "data-scientist",
        "architecte-iot",
        "ux-ui-designer",
        "responsable-green-it",
    ],
)
def test_no_two_boxes_overlap(real, job):
    """No job's box overlaps another's or the centre's, and every box is inside the picture."""
    m = neighbourhood_map(real, job)
    boxes = map_boxes(m)
    assert len(boxes) == 1 + len(m.incoming) + len(m.outgoing)
    assert _overlaps(boxes) == []
    width = map_size(m)[0] / 150
    assert all(-width / 2 < left and right < width / 2 for left, _, right, _ in boxes.values())


def test_no_overlap_with_many_neighbours(copy_of_data):
    """With thirty-odd neighbours a side (long titles), boxes still never overlap."""
    import copy
    import random

    from esante_cli.dataset import load_dataset

    def crowd(raw):
        rng = random.Random(5)
        base = next(j for j in raw["jobs"] if j["id"] == "data-scientist")
        for k in range(24):
            job = copy.deepcopy(base)
            job["id"], job["title"] = f"voisin-{k:02d}", f"Métier voisin numéro {k} au titre long"
            for c in job["competences"]:
                if c.get("expected_level"):
                    c["expected_level"] = max(
                        1, min(4, c["expected_level"] + rng.choice([-1, 0, 1]))
                    )
            raw["jobs"].append(job)

    m = neighbourhood_map(load_dataset(copy_of_data(crowd)), "data-scientist")
    assert len(m.incoming) > 25 and len(m.outgoing) > 25
    assert _overlaps(map_boxes(m)) == []


def _crosses(p: tuple[float, float], q: tuple[float, float], box: tuple[float, ...]) -> bool:
    """Whether the segment p-q passes through the inside of box (left, bottom, right, top):
    Liang-Barsky clipping."""
    (x0, y0), (x1, y1) = p, q
    left, bottom, right, top = box
    lo, hi = 0.0, 1.0
    for d, near, far in ((x1 - x0, left - x0, right - x0), (y1 - y0, bottom - y0, top - y0)):
        if d == 0:
            if not near < 0 < far:
                return False
            continue
        a, b = sorted((near / d, far / d))
        lo, hi = max(lo, a), min(hi, b)
    return lo < hi


def _lines_under_boxes(m) -> list[tuple[str, str]]:
    """Each (job, other job) where the line between job and the centre passes under the other
    job's box (lines are drawn beneath the boxes: the line would seem to leave the other box)."""
    boxes = map_boxes(m)
    left, bottom, right, top = boxes.pop("centre")
    centre = ((left + right) / 2, (bottom + top) / 2)
    found = []
    for key, (l1, b1, r1, t1) in boxes.items():
        here = ((l1 + r1) / 2, (b1 + t1) / 2)
        found += [
            (key, other)
            for other, box in boxes.items()
            if other != key and _crosses(here, centre, box)
        ]
    return found


def test_line_check_can_fail():
    """The crossing check sees a line through a box, and not one beside it."""
    box = (1.0, -0.5, 2.0, 0.5)
    assert _crosses((3.0, 0.0), (0.0, 0.0), box)
    assert not _crosses((3.0, 1.0), (0.0, 1.0), box)
    assert not _crosses((0.5, 0.0), (0.0, 0.0), box)


@pytest.mark.xfail(
    strict=True,
    reason=(
        "defect of the new model's maps, reported: with most neighbours in the 'proche' ring "
        "(shares held 75-100 %), the boxes of a side stand in one column and the lines to the "
        "outer boxes run under the inner ones (9 on Spécialiste e-santé's map, 12 on Data "
        "Scientist's; none on either with the old cost rings). _slots/_radius in mapdraw.py "
        "assume a wide spread of distances."
    ),
)
@pytest.mark.parametrize("job", ["specialiste-e-sante", "data-scientist"])
def test_no_line_passes_under_another_box(real, job):
    """No move's line passes under another job's box: it would seem to start from it."""
    assert _lines_under_boxes(neighbourhood_map(real, job)) == []
