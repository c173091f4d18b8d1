"""``esante export graph`` and ``esante export matrix``: every attribute, formats other tools
read back, and the same bytes for the same data."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from esante_cli.errors import ExitCode
from esante_cli.queries.visual import cost_matrix, matrix_stream, whole_graph
from esante_cli.render.csv import safe_cell
from esante_cli.render.export import (
    CLOSENESS_FIELDS,
    LONG_COLUMNS,
    PART_FIELDS,
    edge_attributes,
    node_attributes,
    render_dot,
    render_gexf,
    render_graphml,
    render_matrix_csv,
    render_matrix_json,
    render_mermaid,
)
from esante_cli.render.json import render_json

PARTS = {
    "climb",
    "max_jump",
    "unused",
    "blocking",
    "compared",
    "required",
    "held",
    "coverage",
    "unused_share",
    "move",
    "similarity",
    "declared",
    "computed",
    "weighted",
    "factor",
    "hop_penalty",
}

# The edge every test below reads: Architecte IoT -> Spécialiste e-santé, declared by the card
# (its direction inferred from the chart: †) on Architecte IoT's estimated levels (*).
#   Architecte IoT       2 3 3 2 2 2 2 2 2 1 2   (ids alphabetically: actualiser, cycle de
#   Spécialiste e-santé  2 3 3 2 3 3 2 3 2 4 4    vie, diagnostic, données massives,
#                                                 écoconception, impact, moyens, outils IA,
#                                                 risques, technologies santé, travail
#                                                 collaboratif)
# climb 1 + 1 + 1 + 3 + 2 = 8, largest jump 3 (so not also computed), nothing unused:
# cost (8 + 0.5 * 3 + 0.1 * 0) * 1.0 + 0.5 = 10.0, drawn "10*†"; held 23 of 31 (74 %, proche).
# Back, Spécialiste e-santé -> Architecte IoT: nothing to climb, 8 levels unused,
# 0.1 * 8 + 0.5 = 1.3; a computed move now (a downgrade: all held, a quarter left unused).
#
# The graph: 113 edges, the 12 declared moves and 101 computed ones (coverage >= 0.561 and no
# jump above 2, downgrades included); see test_queries.test_whole_graph_matches_build_graph.
EDGES, DECLARED, COMPUTED = 113, 12, 101


def _expected(real):
    g = whole_graph(real)
    nodes = {n.id: node_attributes(n) for n in g.nodes}
    edges = {(e.source, e.target): edge_attributes(e) for e in g.edges}
    return g, nodes, edges


def test_flat_edge_attributes_hold_every_part(real):
    """An edge's flat attributes hold its kind, cost, band, provenances and every cost part
    (the closeness too: coverage, unused share, direction of the move)."""
    from esante_cli.costmodel import CostParts

    assert PARTS == set(CostParts.model_fields) - {"cost"}  # a new part must be exported too
    g = whole_graph(real)
    declared = next(e for e in g.edges if e.kind == "declared")
    attrs = edge_attributes(declared)
    assert PARTS | {
        "kind",
        "cost",
        "band",
        "also_computed",
        "direction",
        "provenance",
        "levels_provenance",
    } <= set(attrs)
    assert "ring" not in attrs  # unknown: GraphML/GEXF have no 'none', so it is left out
    computed = next(e for e in g.edges if e.kind == "computed")
    assert "direction" not in edge_attributes(computed)


def test_graphml_round_trips_through_networkx(real, tmp_path):
    """GraphML read back by networkx gives every node and edge with every attribute, typed."""
    g, nodes, edges = _expected(real)
    path = tmp_path / "g.graphml"
    path.write_text(render_graphml(g), encoding="utf-8")
    back = nx.read_graphml(path)
    assert isinstance(back, nx.DiGraph)
    assert dict(back.nodes(data=True)) == nodes
    assert {(u, v): d for u, v, d in back.edges(data=True)} == edges
    assert back.graph["data_version"] == real.version
    assert json.loads(back.graph["model_settings"])["weights"]["climb"] == 1.0


def test_gexf_round_trips_through_networkx(real, tmp_path):
    """GEXF read back by networkx gives every node and edge with every attribute."""
    g, nodes, edges = _expected(real)
    path = tmp_path / "g.gexf"
    path.write_text(render_gexf(g), encoding="utf-8")
    back = nx.read_gexf(path)
    assert {n: d for n, d in back.nodes(data=True)} == nodes
    got = {(u, v): {k: x for k, x in d.items() if k != "id"} for u, v, d in back.edges(data=True)}
    assert got == edges
    assert f'lastmodifieddate="{real.date}"' in path.read_text(encoding="utf-8")


def test_json_export_is_the_result(invoke):
    """--format json writes the result: schema_version, nodes, edges with from/to and parts."""
    r = invoke("export", "graph", "--format", "json")
    assert r.exit_code == ExitCode.OK, r.output
    data = json.loads(r.stdout)
    assert data["schema_version"] == 1 and len(data["nodes"]) == 12 and len(data["edges"]) == EDGES
    edge = data["edges"][0]
    assert {"from", "to", "kind", "cost", "parts", "levels_provenance"} <= set(edge)
    assert list(data) == sorted(data)


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "graphml", "gexf", "json"])
def test_graph_exports_are_the_same_for_a_shuffled_dataset(real, shuffled, fmt):
    """A shuffled copy of the data gives the same bytes, in every format."""
    render = {
        "dot": render_dot,
        "mermaid": render_mermaid,
        "graphml": render_graphml,
        "gexf": render_gexf,
        "json": lambda r: r.model_dump_json(),
    }[fmt]
    assert render(whole_graph(real)) == render(whole_graph(shuffled))


def test_dot_has_every_edge_sorted_and_styled(real):
    """DOT lists nodes then edges sorted by id: solid declared, dashed computed, costs marked."""
    text = render_dot(whole_graph(real))
    assert text.startswith("// esante") and text.rstrip().endswith("}")
    edge_lines = [x for x in text.splitlines() if " -> " in x]
    assert len(edge_lines) == EDGES
    pairs = [x.split(" [")[0] for x in edge_lines]
    assert pairs == sorted(pairs)
    declared = next(
        x for x in edge_lines if x.startswith('  "architecte-iot" -> "specialiste-e-sante"')
    )
    assert 'label="10*†"' in declared and 'style="solid"' in declared
    assert 'climb="8"' in declared and 'kind="declared"' in declared
    assert 'coverage="0.742"' in declared and 'move="progression"' in declared
    assert sum('style="dashed"' in x for x in edge_lines) == COMPUTED


def test_dot_is_valid_graphviz_when_graphviz_is_here(real, tmp_path):
    """When Graphviz is installed, ``dot`` reads the export without complaint."""
    import shutil
    import subprocess

    dot = shutil.which("dot")
    if dot is None:
        pytest.skip("Graphviz 'dot' is not installed")
    path = tmp_path / "g.dot"
    path.write_text(render_dot(whole_graph(real)), encoding="utf-8")
    proc = subprocess.run([dot, "-Tsvg", str(path)], capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert b"<title>specialiste&#45;e&#45;sante</title>" in proc.stdout


def test_mermaid_flowchart(real):
    """Mermaid: one node per job, '-->' declared and '-.->' computed, ids made safe."""
    text = render_mermaid(whole_graph(real))
    lines = text.splitlines()
    assert "flowchart LR" in lines
    assert '  j_specialiste_e_sante["Spécialiste e-santé"]' in lines
    assert '  j_architecte_iot -->|"10*†"| j_specialiste_e_sante' in lines
    edges = [x for x in lines if x.startswith("  j_") and "|" in x]
    assert sum(" -.->|" in x for x in edges) == COMPUTED
    assert sum(" -->|" in x for x in edges) == DECLARED
    assert "  class j_specialiste_e_sante card" in lines


def test_export_graph_format_from_the_file_name(invoke, tmp_path):
    """Without --format, the output's extension chooses it; with neither, a usage error."""
    out = tmp_path / "esante.graphml"
    r = invoke("export", "graph", "--output", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    assert nx.read_graphml(out).number_of_edges() == EDGES
    r = invoke("export", "graph", "--output", str(tmp_path / "esante.txt"))
    assert r.exit_code == ExitCode.USAGE
    r = invoke("export", "graph")
    assert r.exit_code == ExitCode.USAGE


def test_export_graph_to_stdout(invoke):
    """Without --output, the export goes to stdout (for a pipe into Graphviz)."""
    r = invoke("export", "graph", "--format", "dot", "--declared-only")
    assert r.exit_code == ExitCode.OK, r.output
    assert r.stdout.count(" -> ") == 12


def test_matrix_csv_square(real):
    """Square CSV: a header of ids, one row per job, costs both ways, 0 on the diagonal."""
    rows = list(csv.reader(io.StringIO(render_matrix_csv(matrix_stream(real)))))
    ids = [j.id for j in real.jobs]
    assert rows[0] == ["id", "title", *ids]
    assert [r[0] for r in rows[1:]] == ids
    by_id = {r[0]: r for r in rows[1:]}
    col = {x: i + 2 for i, x in enumerate(ids)}
    assert by_id["architecte-iot"][col["specialiste-e-sante"]] == "10.0"
    assert by_id["specialiste-e-sante"][col["architecte-iot"]] == "1.3"
    assert by_id["data-scientist"][col["data-scientist"]] == "0.0"


def test_matrix_csv_long_and_json(invoke):
    """Long CSV: one row per ordered pair with the parts; JSON: the square costs and cells."""
    r = invoke("export", "matrix", "--layout", "long")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 132
    row = next(
        x for x in rows if x["from"] == "architecte-iot" and x["to"] == "specialiste-e-sante"
    )
    assert (row["cost"], row["kind"], row["climb"], row["declared"]) == (
        "10.0",
        "declared",
        "8",
        "true",
    )
    assert (row["band"], row["coverage"], row["move"]) == ("proche", "0.742", "progression")
    pair = {(x["from"], x["to"]): x for x in rows}
    back = pair["specialiste-e-sante", "architecte-iot"]
    assert (back["cost"], back["kind"], back["move"]) == ("1.3", "computed", "downgrade")
    # No edge either way: Spécialiste tests et essais -> Spécialiste e-santé climbs 13 levels
    # (2 2 4 1 1 1 2 1 2 1 2 against the card's 2 3 3 2 3 3 2 3 2 4 4) with a jump of 3.
    none = pair["specialiste-tests-et-essais", "specialiste-e-sante"]
    assert (none["kind"], none["climb"], none["max_jump"], none["cost"]) == ("", "13", "3", "15.1")
    r = invoke("export", "matrix", "--format", "json")
    data = json.loads(r.stdout)
    assert (
        len(data["cost"]) == 12 and len(data["cells"]) == 132 and data["ids"][0] == "architecte-iot"
    )


@pytest.mark.parametrize("block_cells", [1, 13, 1_000_000])
def test_the_streamed_matrix_is_the_whole_one(real, hostile, block_cells):
    """Written a block of rows at a time (any block size), the matrix is what the csv module
    and render_json give for the whole CostMatrix: the same bytes, hostile titles included."""
    for ds in (real, hostile):
        whole = cost_matrix(ds)
        stream = matrix_stream(ds, block_cells=block_cells)
        assert render_matrix_json(stream) == render_json(whole)
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(LONG_COLUMNS)
        for c in whole.cells:
            writer.writerow(
                [
                    str(v).lower() if isinstance(v, bool) else safe_cell(v)
                    for v in (
                        c.source,
                        whole.titles[c.source],
                        c.target,
                        whole.titles[c.target],
                        c.cost,
                        c.band,
                        c.kind or "",
                        *[getattr(c.parts, f) for f in PART_FIELDS],
                        c.provenance,
                        *[getattr(c.parts, f) for f in CLOSENESS_FIELDS],
                    )
                ]
            )
        assert render_matrix_csv(stream, "long") == buf.getvalue()
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["id", "title", *whole.ids])
        for x, row in zip(whole.ids, whole.cost):
            writer.writerow([safe_cell(x), safe_cell(whole.titles[x]), *row])
        assert render_matrix_csv(stream, "square") == buf.getvalue()


def test_matrix_is_the_same_for_a_shuffled_dataset(real, shuffled):
    """The matrix CSV does not depend on the order of the data."""
    for layout in ("square", "long"):
        assert render_matrix_csv(matrix_stream(real), layout) == render_matrix_csv(
            matrix_stream(shuffled), layout
        )
