"""The whole graph and the cost matrix in the formats other tools read.

- GraphML and GEXF (Gephi, yEd, Cytoscape, networkx) through networkx, which is imported only
  here; every node and edge attribute is written, the cost's parts flattened (``climb``,
  ``max_jump``...). GraphML and GEXF have no "none": an attribute whose value is None (an
  unknown ring, the placement of a computed move) is left out of that element.
- JSON: the result itself (``model_dump``), keys sorted.
- DOT (Graphviz) and Mermaid (Markdown documents, web pages), written by hand so that the same
  graph always gives the same bytes.
- The cost matrix as CSV (square: one row per source job, one column per target job; or long:
  one row per ordered pair with the cost's parts), in the plain or the excel-fr dialect
  (:class:`~esante_cli.render.csv.CsvStyle`), or JSON (its workbook: :mod:`.xlsx`).

Every output lists nodes and edges sorted by id. Titles are data: they are escaped for each
format (XML by networkx, DOT and Mermaid quoting here, spreadsheet formulas in CSV).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..costmodel import BANDS, MOVES, CostParts
from ..i18n import Lang, t
from ..levels import PROVENANCE_ORDER
from ..results.visual import (
    MATRIX_KINDS,
    CostMatrix,
    GraphEdge,
    GraphNode,
    GraphResult,
    MatrixBlock,
    MatrixStream,
)
from .csv import CsvStyle, safe_cell
from .json import render_json
from .printable import printable

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

__all__ = [
    "edge_attributes",
    "graph_attributes",
    "matrix_chunks",
    "node_attributes",
    "part_tokens",
    "render_dot",
    "render_gexf",
    "render_graph_json",
    "render_graphml",
    "render_matrix_csv",
    "render_matrix_json",
    "render_mermaid",
    "to_networkx",
]

PART_FIELDS = (
    "climb",
    "max_jump",
    "unused",
    "blocking",
    "compared",
    "similarity",
    "declared",
    "computed",
    "weighted",
    "factor",
    "hop_penalty",
)
# The closeness the bands are read on and the direction of the move (issue 9): exported with
# the other parts; last in the long CSV, so that the columns before keep their places.
CLOSENESS_FIELDS = ("required", "held", "coverage", "unused_share", "move")
ESTIMATED = frozenset({"estimate", "guess", "inferred"})


# -- flat attributes -----------------------------------------------------------------------------


def node_attributes(node: GraphNode) -> dict[str, Any]:
    """A node's attributes, flat; ``label`` repeats the title for tools that show labels."""
    attrs: dict[str, Any] = {
        "label": node.title,
        "title": node.title,
        "family": node.family,
        "provenance": node.provenance,
        "has_card": node.has_card,
        "card_levels": node.card_levels,
        "estimated_levels": node.estimated_levels,
    }
    return {k: attrs[k] for k in sorted(attrs) if attrs[k] is not None}


def edge_attributes(edge: GraphEdge) -> dict[str, Any]:
    """An edge's attributes, flat: kind, cost, band, the card's placement, the cost's parts."""
    attrs: dict[str, Any] = {
        "kind": edge.kind,
        "cost": edge.cost,
        "band": edge.band,
        "also_computed": edge.also_computed,
        "direction": edge.direction,
        "ring": edge.ring,
        "provenance": edge.provenance,
        "levels_provenance": edge.levels_provenance,
    }
    for name in PART_FIELDS + CLOSENESS_FIELDS:
        attrs[name] = getattr(edge.parts, name)
    return {k: attrs[k] for k in sorted(attrs) if attrs[k] is not None}


def graph_attributes(result: GraphResult) -> dict[str, Any]:
    return {
        "data_version": result.data_version,
        "dataset_date": result.dataset_date,
        "declared_only": result.declared_only,
        "model": result.model.name,
        "model_settings": json.dumps(
            result.model.model_dump(mode="json"), sort_keys=True, allow_nan=False
        ),
        "schema_version": result.schema_version,
    }


def to_networkx(result: GraphResult) -> nx.DiGraph:
    """The graph as a networkx ``DiGraph`` with flat attributes, nodes and edges sorted."""
    import networkx as nx

    g = nx.DiGraph(**graph_attributes(result))
    for node in result.nodes:
        g.add_node(node.id, **node_attributes(node))
    for edge in result.edges:
        g.add_edge(edge.source, edge.target, **edge_attributes(edge))
    return g


# -- GraphML, GEXF, JSON -------------------------------------------------------------------------


def render_graphml(result: GraphResult) -> str:
    import networkx as nx

    lines = nx.generate_graphml(to_networkx(result), encoding="utf-8", prettyprint=True)
    return "\n".join(lines) + "\n"


def render_gexf(result: GraphResult) -> str:
    import networkx as nx

    text = "\n".join(nx.generate_gexf(to_networkx(result), encoding="utf-8", prettyprint=True))
    # networkx stamps today's date; the dataset's date keeps the output stable.
    text = re.sub(
        r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{result.dataset_date}"', text, count=1
    )
    return text + "\n"


def render_graph_json(result: GraphResult) -> str:
    return render_json(result)


# -- DOT -----------------------------------------------------------------------------------------


def _dot_string(value: Any) -> str:
    """A DOT quoted string: backslashes and quotes escaped, so that a title is never read as
    a Graphviz escape (``\\N``, ``\\G``...) nor closes the string."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    # DOT has no escape for a control character: shown escaped, as on a terminal
    text = printable(text, lines=True).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def _dot_attrs(attrs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_dot_string(v)}" for k, v in attrs.items())


def _cost_label(edge: GraphEdge) -> str:
    mark = "*" if edge.levels_provenance in ESTIMATED else ""
    mark += "†" if edge.provenance == "inferred" else ""
    return f"{edge.cost:g}{mark}"


def render_dot(result: GraphResult, lang: Lang = Lang.fr) -> str:
    """Graphviz DOT: solid edges are declared by the card, dashed ones computed; every
    attribute of the graph is kept as a DOT attribute (Graphviz ignores those it does not
    know)."""
    lines = [
        f"// esante: {t('map_legend_declared', lang)}; {t('map_legend_computed', lang)}",
        f"// {t('map_legend_estimate', lang)}",
        f"// {t('map_legend_inferred', lang)}",
        'digraph "esante" {',
        f"  graph [{_dot_attrs({'rankdir': 'LR', **graph_attributes(result)})}];",
        (
            '  node [shape="box", style="rounded,filled", fillcolor="#f2f2f2", '
            'fontname="DejaVu Sans"];'
        ),
        '  edge [fontname="DejaVu Sans", fontsize="9"];',
    ]
    for node in result.nodes:
        style = {"fillcolor": "#1f4e79", "fontcolor": "white"} if node.has_card else {}
        lines.append(
            f"  {_dot_string(node.id)} [{_dot_attrs({**node_attributes(node), **style})}];"
        )
    for edge in result.edges:
        declared = edge.kind == "declared"
        look = {
            "label": _cost_label(edge),
            "style": "solid" if declared else "dashed",
            "color": "#1f4e79" if declared else "#6b6b6b",
            "penwidth": "1.6" if declared else "1",
        }
        attrs = {**edge_attributes(edge), **look}
        lines.append(
            f"  {_dot_string(edge.source)} -> {_dot_string(edge.target)} [{_dot_attrs(attrs)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Mermaid -------------------------------------------------------------------------------------

_MERMAID_CODES = {
    "#": "#35;",
    '"': "#34;",
    "<": "#60;",
    ">": "#62;",
    "&": "#38;",
    "|": "#124;",
    "`": "#96;",
    "\\": "#92;",
}


def _mermaid_text(value: Any) -> str:
    """Text inside a quoted Mermaid label: characters Mermaid or HTML would read, written as
    Mermaid entity codes (``#60;`` for ``<``), so that a title shows verbatim and stays inert."""
    text = printable(" ".join(str(value).split()))  # no control character: shown escaped
    return "".join(_MERMAID_CODES.get(ch, ch) for ch in text)


def _mermaid_id(job_id: str) -> str:
    # Slugs hold only a-z, 0-9 and '-'; the prefix keeps words like 'end' from being keywords.
    return "j_" + job_id.replace("-", "_")


def render_mermaid(result: GraphResult, lang: Lang = Lang.fr) -> str:
    """A Mermaid flowchart (paste it in a ```mermaid block): ``-->`` declared by the card,
    ``-.->`` computed, each edge labelled with its cost."""
    lines = [
        (
            f"%% esante {printable(result.data_version)}: --> {t('map_legend_declared', lang)}; "
            f"-.-> {t('map_legend_computed', lang)}"
        ),
        f"%% {t('map_legend_estimate', lang)}",
        f"%% {t('map_legend_inferred', lang)}",
        "flowchart LR",
    ]
    for node in result.nodes:
        lines.append(f'  {_mermaid_id(node.id)}["{_mermaid_text(node.title)}"]')
    for edge in result.edges:
        arrow = "-->" if edge.kind == "declared" else "-.->"
        lines.append(
            f'  {_mermaid_id(edge.source)} {arrow}|"{_mermaid_text(_cost_label(edge))}"| '
            f"{_mermaid_id(edge.target)}"
        )
    card = [_mermaid_id(n.id) for n in result.nodes if n.has_card]
    lines.append("  classDef card fill:#1f4e79,color:#ffffff,stroke:#1f4e79")
    if card:
        lines.append(f"  class {','.join(card)} card")
    return "\n".join(lines) + "\n"


# -- the matrix ----------------------------------------------------------------------------------

LONG_COLUMNS = [
    "from",
    "from_title",
    "to",
    "to_title",
    "cost",
    "band",
    "kind",
    *PART_FIELDS,
    "provenance",
    *CLOSENESS_FIELDS,
]


def render_matrix_csv(stream: MatrixStream, layout: str = "square", lang: Lang = Lang.fr) -> str:
    """``square``: a header row of target ids, then one row per source job (id, title, the
    cost to every job; 0 on the diagonal). ``long``: one row per ordered pair, with the
    cost's parts, its band, its kind ('' when the graph has no such edge) and provenance."""
    return "".join(matrix_chunks(stream, "csv", layout))


def matrix_chunks(
    stream: MatrixStream, fmt: str = "csv", layout: str = "square", style: CsvStyle | None = None
) -> Iterator[str]:
    """The matrix as text, a block of source jobs at a time: what ``export matrix`` writes,
    at any size, without holding the whole (9 million pairs at the ESCO size). The same bytes
    as the csv module and ``render_json`` of :class:`CostMatrix` give (tests compare them).
    ``style``: the CSV's dialect (plain by default)."""
    if fmt == "json":
        return _json_chunks(stream)
    style = style or CsvStyle()
    return _long_chunks(stream, style) if layout == "long" else _square_chunks(stream, style)


def _csv_cell(value: Any) -> str:
    """One cell as the csv module writes it in a row (quoted only when it must be)."""
    if value == "":
        return ""  # alone on a row the csv module would quote it
    return _quoted(_csv_value(value), ",")


def _quoted(text: str, delimiter: str) -> str:
    """Text made a cell, as the csv module writes it with ``delimiter`` (quoted if it must)."""
    if text == "":
        return ""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="").writerow([text])
    return buf.getvalue()


def _cells(style: CsvStyle) -> Any:
    """How a value becomes a cell of the row text in ``style``."""
    if not style.excel:
        return _csv_token
    return lambda value: _quoted(style.cell(value), style.delimiter)


def _tokens(values: np.ndarray, show: Any) -> np.ndarray:
    """Each value as text (an object array of the same shape), ``show`` called once per
    distinct value."""
    import numpy as np

    distinct, inverse = np.unique(values, return_inverse=True)
    table = np.array([show(v) for v in distinct.tolist()] or [""], dtype=object)
    return table[inverse.reshape(values.shape)]


def part_tokens(block: MatrixBlock, show: Any) -> dict[str, np.ndarray]:
    """Every part of a block's pairs as ``show`` writes it (band, kind, move and provenance
    as their words)."""
    tokens = {f: _tokens(v, show) for f, v in block.parts.items() if f != "move"}
    tokens["move"] = _tokens(block.parts["move"], lambda k: show(MOVES[k]))
    tokens["band"] = _tokens(block.band, lambda k: show(BANDS[k]))
    tokens["kind"] = _tokens(block.kind, lambda k: show(MATRIX_KINDS[k]))
    tokens["provenance"] = _tokens(block.provenance, lambda k: show(PROVENANCE_ORDER[k]))
    return tokens


def _csv_token(value: Any) -> str:
    return _csv_cell("" if value is None else value)


def _long_chunks(stream: MatrixStream, style: CsvStyle) -> Iterator[str]:
    sep, cell = style.delimiter, _cells(style)
    header = [_quoted(h, sep) for h in style.headers(LONG_COLUMNS)]
    yield style.start + sep.join(header) + style.newline
    names = [f"{cell(x)}{sep}{cell(stream.titles[x])}" for x in stream.ids]
    columns = ["cost", "band", "kind", *PART_FIELDS, "provenance", *CLOSENESS_FIELDS]
    template = sep.join(["%s", "%s", *["%s"] * len(columns)]) + style.newline
    for block in stream.blocks():
        tokens = part_tokens(block, cell)
        for r in range(block.rows):
            i = block.start + r
            row = [tokens[c][r].tolist() for c in columns]
            yield "".join(
                [
                    template % (names[i], names[j], *values)
                    for j, values in enumerate(zip(*row))
                    if j != i
                ]
            )


def _square_chunks(stream: MatrixStream, style: CsvStyle) -> Iterator[str]:
    sep, eol, cell = style.delimiter, style.newline, _cells(style)
    head = [_quoted(h, sep) for h in style.headers(["id", "title"])]
    yield style.start + sep.join([*head, *[cell(x) for x in stream.ids]]) + eol
    show, zero = (style.cell, "0,0") if style.excel else (str, "0.0")
    for block in stream.blocks():
        cost = _tokens(block.parts["cost"], show)
        lines = []
        for r in range(block.rows):
            i = block.start + r
            row = cost[r].tolist()
            row[i] = zero
            x = stream.ids[i]
            lines.append(sep.join([cell(x), cell(stream.titles[x]), *row]) + eol)
        yield "".join(lines)


def _json_token(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _json_chunks(stream: MatrixStream) -> Iterator[str]:
    """``render_json`` of the whole :class:`CostMatrix`, written a block at a time: the
    document and a cell are laid out by ``json.dumps`` itself (on placeholders), the values
    filled in as JSON tokens."""
    import numpy as np

    head = CostMatrix(
        data_version=stream.data_version,
        ids=stream.ids,
        titles=stream.titles,
        cost=[],
        cells=[],
        uses_estimates=stream.uses_estimates,
        model=stream.model,
    ).model_dump(mode="json", by_alias=True)
    head["cells"], head["cost"] = "@@cells@@", "@@cost@@"
    document = (
        json.dumps(head, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
    )
    before, rest = document.split('"@@cells@@"')
    between, after = rest.split('"@@cost@@"')
    cell = {
        "from": "@@from@@",
        "to": "@@to@@",
        "cost": "@@cost@@",
        "band": "@@band@@",
        "kind": "@@kind@@",
        "provenance": "@@provenance@@",
        "parts": {f: f"@@{f}@@" for f in CostParts.model_fields},
    }
    text = json.dumps(cell, indent=2, sort_keys=True, allow_nan=False).replace("%", "%%")
    order = re.findall(r'"@@(\w+)@@"', text)
    template = "    " + re.sub(r'"@@\w+@@"', "%s", text).replace("\n", "\n    ")
    names = [_json_token(x) for x in stream.ids]
    yield before
    first = True
    for block in stream.blocks():
        tokens = part_tokens(block, _json_token)
        for r in range(block.rows):
            i = block.start + r
            tokens["from"] = np.full(len(names), names[i], dtype=object)
            tokens["to"] = np.array(names, dtype=object)
            row = [
                tokens[k][r].tolist() if tokens[k].ndim == 2 else tokens[k].tolist() for k in order
            ]
            cells = [template % values for j, values in enumerate(zip(*row)) if j != i]
            if cells:
                yield ("[\n" if first else ",\n") + ",\n".join(cells)
                first = False
    yield ("[]" if first else "\n  ]") + between
    first = True
    for block in stream.blocks():
        cost = _tokens(block.parts["cost"], _json_token)
        for r in range(block.rows):
            row = cost[r].tolist()
            row[block.start + r] = "0.0"
            yield ("[\n" if first else ",\n") + "    [\n      " + ",\n      ".join(row) + "\n    ]"
            first = False
    yield ("[]" if first else "\n  ]") + after


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def render_matrix_json(stream: MatrixStream) -> str:
    return "".join(matrix_chunks(stream, "json"))
