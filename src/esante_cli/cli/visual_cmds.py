"""Commands that draw and export: map, export graph, export matrix, report.

Every file is written atomically (``files.write_atomic``); an existing file is replaced only
with ``--force``; a path that cannot be written exits 3 with one line, checked before any
heavy work. matplotlib, Jinja2 and networkx are imported by the renderers, on these code paths
only.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .mobility_cmds import KindOpt, TopOpt
from .options import FormatOpt
from .state import state

OutputOpt = Annotated[str | None, typer.Option("--output", "-o", metavar="FILE",
                                               help="Fichier à écrire (sinon : la sortie standard).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]


class GraphFormat(str, Enum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    dot = "dot"
    mermaid = "mermaid"


class MatrixFormat(str, Enum):
    csv = "csv"
    json = "json"


class MatrixLayout(str, Enum):
    square = "square"
    long = "long"


GRAPH_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".dot": "dot",
                  ".gv": "dot", ".mmd": "mermaid", ".mermaid": "mermaid"}
PICTURE_SUFFIXES = (".svg", ".png")
REPORT_SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def _suffix(output: str, allowed: object, option: str = "--output") -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:  # type: ignore[operator]
        raise typer.BadParameter(
            f"'{output}' must end with {', '.join(sorted(allowed))}",  # type: ignore[call-overload]
            param_hint=option)
    return suffix


def _write(output: str | None, data: str | bytes, force: bool) -> None:
    if output is None:
        typer.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
        return
    from ..files import write_atomic

    write_atomic(output, data, force=force)


# -- map -------------------------------------------------------------------------------------------


def map_cmd(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Métier : id, titre ou autre appellation (FR/EN).")],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE.svg|FILE.png",
        help="Dessiner la carte dans ce fichier (SVG ou PNG) ; sinon, un arbre dans le terminal.")] = None,
    kind: Annotated[KindOpt, typer.Option("--kind", case_sensitive=False,
                    help="declared : liens de la fiche ; computed : liens calculés ; all.")] = KindOpt.all,
    top: TopOpt = None,
    force: ForceOpt = False,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Carte du voisinage d'un métier, comme le graphique de la fiche OPIIEC : provenances à
    gauche, évolutions à droite, proximité en anneaux, estimations marquées.

    Exemple : esante map specialiste-e-sante --output carte.svg
    """
    from ..files import check_writable
    from ..queries.visual import neighbourhood_map

    st = state(ctx)
    suffix = _suffix(output, PICTURE_SUFFIXES) if output else None
    if output:
        check_writable(output, force=force)
    result = neighbourhood_map(st.dataset(), st.job(job), kind=kind.value,  # type: ignore[arg-type]
                               top=top, config=st.model())
    from ..render import mapdraw

    if suffix == ".svg":
        _write(output, mapdraw.render_map_svg(result, st.lang), force)
    elif suffix == ".png":
        _write(output, mapdraw.render_map_png(result, st.lang), force)
    elif str(getattr(fmt, "value", fmt)) == "table":
        mapdraw.render_map_tree(result, st.lang)
    else:
        st.render(result, fmt)


# -- export ----------------------------------------------------------------------------------------

export_app = typer.Typer(
    help="Exporter le graphe ou la matrice des coûts pour d'autres outils (Gephi, Graphviz, "
         "tableur, Markdown).\n\nExemple : esante export graph --format dot --output graphe.dot",
    no_args_is_help=True,
)


@export_app.command("graph")
def export_graph_cmd(
    ctx: typer.Context,
    fmt: Annotated[GraphFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="graphml, gexf, json, dot ou mermaid (défaut : d'après l'extension de --output).")] = None,
    output: OutputOpt = None,
    declared_only: Annotated[bool, typer.Option("--declared-only",
                             help="Seulement les passages que la fiche déclare.")] = False,
    force: ForceOpt = False,
) -> None:
    """Le graphe entier, avec tous les attributs des métiers et des passages (sorte, parties du
    coût, provenance), pour Gephi, Graphviz, les pages web et Markdown.

    Exemple : esante export graph --format graphml --output esante.graphml
    """
    from ..files import check_writable
    from ..queries.visual import whole_graph
    from ..render import export

    st = state(ctx)
    chosen = fmt.value if fmt else (GRAPH_SUFFIXES.get(Path(output).suffix.lower()) if output else None)
    if chosen is None:
        raise typer.BadParameter("give --format (or an --output ending with "
                                 f"{', '.join(sorted(GRAPH_SUFFIXES))})", param_hint="--format")
    if output:
        check_writable(output, force=force)
    result = whole_graph(st.dataset(), st.model(), declared_only=declared_only)
    text = {
        "graphml": lambda: export.render_graphml(result),
        "gexf": lambda: export.render_gexf(result),
        "json": lambda: export.render_graph_json(result),
        "dot": lambda: export.render_dot(result, st.lang),
        "mermaid": lambda: export.render_mermaid(result, st.lang),
    }[chosen]()
    _write(output, text, force)


@export_app.command("matrix")
def export_matrix_cmd(
    ctx: typer.Context,
    fmt: Annotated[MatrixFormat, typer.Option("--format", "-f", case_sensitive=False,
                   help="csv (défaut) ou json.")] = MatrixFormat.csv,
    layout: Annotated[MatrixLayout, typer.Option(
        "--layout", case_sensitive=False,
        help="square : une ligne par métier de départ, une colonne par métier visé ; long : une "
             "ligne par couple, avec les parties du coût (CSV).")] = MatrixLayout.square,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """La matrice complète des coûts, métier par métier, dans les deux sens.

    Exemple : esante export matrix --format csv --output matrice.csv
    """
    from ..files import check_writable
    from ..queries.visual import cost_matrix
    from ..render import export

    st = state(ctx)
    if output:
        check_writable(output, force=force)
    result = cost_matrix(st.dataset(), st.model())
    if fmt is MatrixFormat.json:
        text = export.render_matrix_json(result)
    else:
        text = export.render_matrix_csv(result, layout.value, st.lang)
    _write(output, text, force)


# -- report ----------------------------------------------------------------------------------------


def report_cmd(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM", help="Métier de départ.")],
    target: Annotated[str, typer.Argument(metavar="TO", help="Métier visé.")],
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE.html|FILE.md",
        help="Le rapport : une page HTML autonome (imprimable en A4) ou du Markdown (la carte "
             "est alors écrite à côté, FILE.map.svg).")],
    k: Annotated[int, typer.Option("--k", min=1, help="Nombre d'itinéraires.")] = 3,
    force: ForceOpt = False,
) -> None:
    """Un rapport imprimable sur le passage de FROM à TO : la fiche visée, l'écart et ce qu'il
    faut apprendre, les meilleurs itinéraires, la carte du voisinage.

    Exemple : esante report data-scientist specialiste-e-sante --output rapport.html
    """
    from ..files import check_writable
    from ..queries.visual import pair_report

    st = state(ctx)
    kind = REPORT_SUFFIXES[_suffix(output, REPORT_SUFFIXES)]
    map_path = Path(output).with_suffix(".map.svg")
    check_writable(output, force=force)
    if kind == "markdown":
        check_writable(map_path, force=force)
    result = pair_report(st.dataset(), st.job(source), st.job(target), k=k, config=st.model())
    from ..render.html import render_report_html, render_report_markdown
    from ..render.mapdraw import render_map_svg

    svg = render_map_svg(result.map, st.lang)
    if kind == "html":
        _write(output, render_report_html(result, st.lang, map_svg=svg), force)
        return
    _write(str(map_path), svg, force)
    _write(output, render_report_markdown(result, st.lang, map_file=map_path.name), force)


def register(app: typer.Typer) -> None:
    app.command("map")(map_cmd)
    app.add_typer(export_app, name="export")
    app.command("report")(report_cmd)
