"""Hostile titles and labels (markup, entities, quotes, formulas, escapes) appear verbatim and
inert in every file we write: SVG, HTML, Markdown, CSV, DOT, Mermaid, GraphML."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from esante_cli.queries.visual import matrix_stream, neighbourhood_map, pair_report, whole_graph
from esante_cli.render.export import render_dot, render_graphml, render_matrix_csv, render_mermaid
from esante_cli.render.html import render_report_html, render_report_markdown
from esante_cli.render.mapdraw import render_map_png, render_map_svg

from .conftest import HOSTILE, HOSTILE_COMPETENCE, squeezed, svg_texts
from .test_report import external, parse

ESANTE = "specialiste-e-sante"


def test_svg_shows_hostile_titles_as_text(hostile):
    """The map of hostile jobs is well-formed XML whose text is the titles, character for
    character; no element comes from a title."""
    svg = render_map_svg(neighbourhood_map(hostile, ESANTE))
    root = ET.fromstring(svg)  # well-formed: '<', '&' and quotes were escaped
    text = squeezed("".join(svg_texts(svg)))
    for title in HOSTILE.values():
        assert squeezed(title) in text, title
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert not tags & {"script", "b", "img", "foreignObject"}


def test_png_draws_hostile_titles(hostile):
    """'$x^2$' in a title is text, not mathematics: the PNG is drawn without error."""
    assert render_map_png(neighbourhood_map(hostile, ESANTE))[:4] == b"\x89PNG"


def test_html_report_keeps_hostile_text_inert(hostile):
    """In the HTML report, hostile titles and labels are text nodes: no script, no img, no b,
    no attribute from the data, and the text reads verbatim."""
    report = pair_report(hostile, "data-scientist", ESANTE)
    html = render_report_html(report, map_svg=render_map_svg(report.map))
    page = parse(html)
    assert not {"script", "img", "b"} & set(page.tags)
    assert external(page) == []
    text = " ".join(page.text)
    assert HOSTILE["data-scientist"] in text
    assert HOSTILE[ESANTE] in text
    assert HOSTILE_COMPETENCE[1] in text
    assert "onerror" not in "".join(a for a in page.links)


def test_markdown_report_escapes_hostile_text(hostile):
    """In Markdown, '<', '&', '*', '`', '|' and '[' from the data are escaped: nothing renders
    as HTML, emphasis, code, a table cell break or a link."""
    report = pair_report(hostile, "data-scientist", ESANTE)
    md = render_report_markdown(report, map_file="r.map.svg")
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    assert '&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Sci"' in md
    assert '&lt;img src=x onerror="alert(1)"&gt; Santé &amp; co' in md
    for line in md.splitlines():
        if line.startswith("| ") and "Santé &amp; co" in line:
            assert line.count(" | ") == 3  # four cells: no '|' from the data split a row


def test_csv_neutralises_formulas(hostile):
    """In the matrix CSV, titles starting with = + - @ get a leading quote; the text stays."""
    for layout in ("square", "long"):
        rows = list(csv.reader(io.StringIO(render_matrix_csv(matrix_stream(hostile), layout))))
        cells = [c for row in rows for c in row]
        for job_id in ("architecte-iot", "specialiste-devops", "ux-ui-designer", "data-engineer"):
            assert "'" + HOSTILE[job_id] in cells, (layout, job_id)
            assert HOSTILE[job_id] not in cells
        assert not any(c[:1] in ("=", "+", "@") for c in cells)


def test_dot_quotes_hostile_titles(hostile, tmp_path):
    """DOT strings escape quotes and backslashes (no Graphviz escape such as \\N survives);
    Graphviz, when installed, reads the file and shows the titles."""
    import shutil
    import subprocess

    text = render_dot(whole_graph(hostile))
    assert 'label="-2+3 UX \\\\N #quot; `tick`"' in text
    assert 'label="=HYPERLINK(\\"http://x.example\\")"' in text
    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz 'dot' is not installed")
    path = tmp_path / "g.dot"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    svg = proc.stdout.decode("utf-8")
    assert "<script" not in svg
    assert "\\N" in " ".join(svg_texts(svg))


def test_mermaid_writes_entity_codes(hostile):
    """Mermaid labels carry no raw '<', '>', '"', '&', '#', '|' or '`' from the data."""
    text = render_mermaid(whole_graph(hostile))
    line = next(x for x in text.splitlines() if x.startswith("  j_data_scientist["))
    assert line == '  j_data_scientist["#60;script#62;alert(1)#60;/script#62; #38; #34;Sci#34;"]'
    line = next(x for x in text.splitlines() if x.startswith("  j_ux_ui_designer["))
    assert line == '  j_ux_ui_designer["-2+3 UX #92;N #35;quot; #96;tick#96;"]'
    line = next(x for x in text.splitlines() if x.startswith("  j_data_engineer["))
    assert "#124;" in line and "|" not in line


def test_graphml_round_trips_hostile_titles(hostile, tmp_path):
    """GraphML (XML) gives the hostile titles back unchanged."""
    path = tmp_path / "g.graphml"
    path.write_text(render_graphml(whole_graph(hostile)), encoding="utf-8")
    back = nx.read_graphml(path)
    for job_id, title in HOSTILE.items():
        assert back.nodes[job_id]["title"] == title
