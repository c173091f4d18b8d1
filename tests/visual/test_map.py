"""``esante map``: the SVG and PNG pictures, the terminal tree, and their stability."""

from __future__ import annotations

import io
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
    """Costs on estimated levels carry '*', inferred placements '†', and the legend says so."""
    text = " ".join(svg_texts(esante_svg))
    assert "coût 10.7* · fiche†" in text
    assert "* niveaux estimés, pas des données de la fiche" in text
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
    """The PNG opens and measures what ``map_size`` says (the figure's inches × DPI)."""
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
    assert "Data Scientist — coût 2.525* · fiche† (retour 10.7)" in out
    assert "* niveaux estimés" in out


def test_map_command_other_formats(invoke):
    """--format json gives the result; markdown and csv a table."""
    import json

    r = invoke("map", "data-scientist", "--format", "json")
    data = json.loads(r.stdout)
    assert data["job"]["id"] == "data-scientist" and data["schema_version"] == 1
    assert {n["side"] for n in data["incoming"]} == {"in"}
    r = invoke("map", "data-scientist", "--format", "csv")
    assert r.stdout.splitlines()[0].startswith("side,band,id,title,kind,cost")
    r = invoke("map", "data-scientist", "--format", "markdown")
    assert r.stdout.startswith("## Proximités et évolutions : Data Scientist")


def test_map_command_rejects_other_picture_types(invoke, tmp_path):
    """An --output that is neither .svg nor .png is a usage error (2)."""
    r = invoke("map", ESANTE, "--output", str(tmp_path / "carte.jpg"))
    assert r.exit_code == ExitCode.USAGE
    assert not (tmp_path / "carte.jpg").exists()


def _overlaps(boxes: dict[str, tuple[float, ...]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    found = []
    for i, (a, (l1, b1, r1, t1)) in enumerate(items):
        for b, (l2, b2, r2, t2) in items[i + 1:]:
            if l1 < r2 and l2 < r1 and b1 < t2 and b2 < t1:
                found.append((a, b))
    return found


@pytest.mark.parametrize("job", ["specialiste-e-sante", "data-scientist", "architecte-iot",
                                 "ux-ui-designer", "responsable-green-it"])
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
                    c["expected_level"] = max(1, min(4, c["expected_level"] + rng.choice([-1, 0, 1])))
            raw["jobs"].append(job)

    m = neighbourhood_map(load_dataset(copy_of_data(crowd)), "data-scientist")
    assert len(m.incoming) > 25 and len(m.outgoing) > 25
    assert _overlaps(map_boxes(m)) == []
