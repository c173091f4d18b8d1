"""Commands that draw and export: map, export graph, export matrix, report, workshop.

Every file is written atomically (``files.write_atomic``); an existing file is replaced only
with ``--force``; a path that cannot be written exits 3 with one line, checked before any
heavy work. matplotlib, Jinja2 and networkx are imported by the renderers, on these code paths
only.
"""

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..choices import (
    Format,
    GraphFormat,
    KindFilter,
    Lang,
    MatrixFormat,
    MatrixLayout,
    ReportFormat,
)
from ..language import _
from ..limits import MAX_K
from .options import AnonymousOpt, DowngradesOpt, FormatOpt, JobArg, KindOpt, ProfileOpt, TopOpt
from .people_cmds import load_person, say, warn
from .state import State, state

if TYPE_CHECKING:
    from ..reports import ReportKind
    from ..results.visual import GraphResult, MatrixStream, NeighbourhoodMap, Report

OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FICHIER", help="Fichier à écrire (sinon : la sortie standard)."
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]

GRAPH_SUFFIXES = {
    ".graphml": GraphFormat.graphml,
    ".gexf": GraphFormat.gexf,
    ".json": GraphFormat.json,
    ".dot": GraphFormat.dot,
    ".gv": GraphFormat.dot,
    ".mmd": GraphFormat.mermaid,
    ".mermaid": GraphFormat.mermaid,
}
PICTURE_SUFFIXES = (".svg", ".png")
REPORT_SUFFIXES: dict[str, "ReportKind"] = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
}


def _suffix(output: str, allowed: Collection[str], option: str = "--output") -> str:
    suffix = Path(output).suffix.lower()
    if suffix not in allowed:
        message = _("« {path} » doit finir par {suffixes}")
        raise typer.BadParameter(
            message.format(path=output, suffixes=", ".join(sorted(allowed))), param_hint=option
        )
    return suffix


def _write(st: State, output: str | None, data: str | bytes, force: bool, said: str) -> None:
    """``data`` to the standard output, or into ``output`` (then one line, ``said``'s words,
    on stderr)."""
    if output is None:
        typer.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
        return
    from ..files import write_atomic

    write_atomic(output, data, force=force)
    st.wrote(said, path=output)


# -- map -------------------------------------------------------------------------------------------


def map_cmd(
    ctx: typer.Context,
    job: JobArg,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER.svg|FICHIER.png",
            help="Dessiner la carte dans ce fichier (SVG ou PNG) ; sinon, un arbre dans le terminal.",
        ),
    ] = None,
    kind: KindOpt = KindFilter.all,
    top: TopOpt = None,
    include_downgrades: DowngradesOpt = False,
    force: ForceOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Carte du voisinage d'un métier, comme le graphique de la fiche OPIIEC : provenances à
    gauche, évolutions à droite, proximité en anneaux, estimations marquées ; les replis
    calculés n'y sont qu'avec --include-downgrades.

    Exemple : esante map specialiste-e-sante --output carte.svg
    """
    from ..files import check_writable
    from ..queries.visual import neighbourhood_map

    st = state(ctx)
    suffix = _suffix(output, PICTURE_SUFFIXES) if output else None
    if output:
        check_writable(output, force=force)
    result = neighbourhood_map(
        st.dataset(),
        st.job(job),
        kind=kind,
        top=top,
        include_downgrades=include_downgrades,
        config=st.model(),
    )
    _show_map(st, result, fmt, output, suffix, force)


def _show_map(
    st: State,
    result: "NeighbourhoodMap",
    fmt: Format,
    output: str | None,
    suffix: str | None,
    force: bool,
) -> None:
    """The map as a picture in ``output``, as a tree in the terminal, or in ``fmt``."""
    from ..render import mapdraw

    if suffix == ".svg":
        _write(st, output, mapdraw.render_map_svg(result, st.lang), force, "wrote_map")
    elif suffix == ".png":
        _write(st, output, mapdraw.render_map_png(result, st.lang), force, "wrote_map")
    elif fmt == Format.table:
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
    fmt: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="graphml, gexf, json, dot ou mermaid (défaut : d'après l'extension de --output).",
        ),
    ] = None,
    output: OutputOpt = None,
    declared_only: Annotated[
        bool, typer.Option("--declared-only", help="Seulement les passages que la fiche déclare.")
    ] = False,
    force: ForceOpt = False,
) -> None:
    """Le graphe entier, avec tous les attributs des métiers et des passages (sorte, parties du
    coût, provenance), pour Gephi, Graphviz, les pages web et Markdown.

    Exemple : esante export graph --format graphml --output esante.graphml
    """
    from ..files import check_writable
    from ..queries.visual import whole_graph

    st = state(ctx)
    chosen = fmt or _graph_format(output)
    if output:
        check_writable(output, force=force)
    result = whole_graph(st.dataset(), st.model(), declared_only=declared_only)
    _write(st, output, _graph_text(result, chosen, st.lang), force, "wrote_graph")


def _graph_format(output: str | None) -> GraphFormat:
    """The format an ``--output`` file's name says, when ``--format`` is not given."""
    chosen = GRAPH_SUFFIXES.get(Path(output).suffix.lower()) if output else None
    if chosen is None:
        message = _("donnez --format (ou un --output qui finit par {suffixes})")
        raise typer.BadParameter(
            message.format(suffixes=", ".join(sorted(GRAPH_SUFFIXES))), param_hint="--format"
        )
    return chosen


def _graph_text(result: "GraphResult", fmt: GraphFormat, lang: Lang) -> str:
    from ..render import export

    if fmt == GraphFormat.graphml:
        return export.render_graphml(result)
    if fmt == GraphFormat.gexf:
        return export.render_gexf(result)
    if fmt == GraphFormat.json:
        return export.render_graph_json(result)
    if fmt == GraphFormat.dot:
        return export.render_dot(result, lang)
    return export.render_mermaid(result, lang)


@export_app.command("matrix")
def export_matrix_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        MatrixFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="csv (défaut), json ou xlsx (un classeur de tableur ; d'office pour un "
            "--output FICHIER.xlsx).",
        ),
    ] = MatrixFormat.csv,
    layout: Annotated[
        MatrixLayout,
        typer.Option(
            "--layout",
            case_sensitive=False,
            help="square : une ligne par métier de départ, une colonne par métier visé ; long : une "
            "ligne par couple, avec les parties du coût (CSV).",
        ),
    ] = MatrixLayout.square,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """La matrice complète des coûts, métier par métier, dans les deux sens.

    Un --output FICHIER.xlsx écrit un classeur (une feuille : la forme square jusqu'à 16 382
    métiers, la forme long jusqu'à 1 024 métiers, le plus qu'une feuille en tienne).

    Exemple : esante export matrix --format csv --output matrice.csv

    Exemple : esante export matrix --output matrice.xlsx
    """
    from ..files import check_writable
    from ..queries.visual import matrix_stream

    st = state(ctx)
    fmt = _matrix_format(fmt, output, st.lang)
    if output:
        check_writable(output, force=force)
    stream = matrix_stream(st.dataset(), st.model())
    if fmt == MatrixFormat.xlsx:
        assert output is not None
        _write_matrix_xlsx(st, stream, layout, output, force)
    else:
        _write_matrix_text(st, stream, fmt, layout, output, force)


def _write_matrix_text(
    st: State,
    stream: "MatrixStream",
    fmt: MatrixFormat,
    layout: MatrixLayout,
    output: str | None,
    force: bool,
) -> None:
    """The matrix as CSV (in the dialect of --csv-dialect) or JSON, a block at a time, to
    ``output`` or to the standard output."""
    from ..files import write_atomic_chunks
    from ..render.csv import CsvStyle
    from ..render.export import matrix_chunks

    chunks = matrix_chunks(stream, fmt.value, layout.value, CsvStyle(st.csv_dialect, st.lang))
    if output is None:
        for chunk in chunks:
            typer.echo(chunk, nl=False)
    else:
        write_atomic_chunks(output, chunks, force=force)
        st.wrote("wrote_matrix", path=output)


def _matrix_format(fmt: MatrixFormat, output: str | None, lang: Lang) -> MatrixFormat:
    """The format of ``export matrix``: an ``--output`` ending with .xlsx is a workbook; a
    workbook needs a file."""
    from ..i18n import t

    if output and Path(output).suffix.lower() == ".xlsx":
        if fmt == MatrixFormat.json:
            message = t("xlsx_not_json", lang).format(output=output)
            raise typer.BadParameter(message, param_hint="--format")
        return MatrixFormat.xlsx
    if fmt == MatrixFormat.xlsx and not output:
        raise typer.BadParameter(t("xlsx_needs_output", lang), param_hint="--format")
    return fmt


def _write_matrix_xlsx(
    st: State, stream: "MatrixStream", layout: MatrixLayout, output: str, force: bool
) -> None:
    """The matrix as a workbook in ``output``, refused (one line, before any work) when a sheet
    cannot hold it: the long layout beyond 1,024 jobs (a million pairs)."""
    from functools import partial

    from ..files import write_atomic_with
    from ..i18n import t
    from ..render import xlsx

    rows, columns = xlsx.matrix_size(stream, layout.value)
    too_big = xlsx.fits(rows, columns)
    if too_big is not None:

        def count(n: int) -> str:
            return f"{n:,}".replace(",", "\u202f" if st.lang == Lang.fr else ",")

        key, hint = ("xlsx_too_long", "--layout") if too_big == "rows" else ("xlsx_too_wide", None)
        message = t(key, st.lang).format(
            rows=count(rows),
            columns=count(columns),
            limit=count(xlsx.SHEET_ROWS if too_big == "rows" else xlsx.SHEET_COLUMNS),
        )
        raise typer.BadParameter(message, param_hint=hint)
    fill = partial(xlsx.write_matrix_xlsx, stream=stream, layout=layout.value, lang=st.lang)
    write_atomic_with(output, fill, force=force)
    st.wrote("wrote_matrix", path=output)


# -- report ----------------------------------------------------------------------------------------


def report_cmd(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER.html|FICHIER.pdf|FICHIER.md",
            help="Le rapport : une page HTML autonome (imprimable en A4), la même page en PDF A4 "
            "(avec l'extra esante[pdf]) ou du Markdown (la carte est alors écrite à côté, "
            "FICHIER.map.svg).",
        ),
    ],
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="DÉPART",
            show_default=False,
            help="Métier de départ (sans --profile ; avec --profile, le métier visé).",
        ),
    ] = None,
    target: Annotated[
        str | None, typer.Argument(metavar="CIBLE", show_default=False, help="Métier visé.")
    ] = None,
    profile: ProfileOpt = None,
    person_target: Annotated[
        str | None,
        typer.Option(
            "--target",
            "--to",
            "-t",
            metavar="MÉTIER",
            help="Avec --profile : le métier visé (défaut : le plus proche de la personne, hors "
            "métier actuel) ; --to comme pour paths et gap.",
        ),
    ] = None,
    anonymous: AnonymousOpt = False,
    k: Annotated[int, typer.Option("--k", min=1, max=MAX_K, help="Nombre d'itinéraires.")] = 3,
    force: ForceOpt = False,
) -> None:
    """Un rapport imprimable sur le passage de DÉPART à CIBLE, ou d'une personne (--profile) au
    métier visé : la fiche visée, l'écart et ce qu'il faut apprendre, les meilleurs
    itinéraires, la carte du voisinage.

    Sans --target, le rapport d'une personne vise son métier le plus proche (hors métier
    actuel) ; --anonymous retire son nom.

    Exemple : esante report data-scientist specialiste-e-sante --output rapport.html

    Exemple : esante report --profile moi.yaml --target specialiste-e-sante --output moi.pdf
    """
    from ..reports import check_report, write_report

    st = state(ctx)
    kind = REPORT_SUFFIXES[_suffix(output, REPORT_SUFFIXES)]
    aim = _report_ends(source, target, profile, person_target, anonymous)
    check_report(output, kind, force, st.lang)
    result = _report(st, source, target, profile, aim, k, anonymous)
    map_path = write_report(result, output, kind, st.lang, force)
    if map_path is None:
        st.wrote("wrote_report", path=output)
    else:
        st.wrote("wrote_report_map", path=output, map=map_path)


def _report(
    st: State,
    source: str | None,
    target: str | None,
    profile: str | None,
    aim: str | None,
    k: int,
    anonymous: bool,
) -> "Report":
    """The report on a person (``profile``, aiming at ``aim``) or on a pair of jobs."""
    from ..queries.visual import pair_report, person_report

    if profile is not None:
        person = load_person(st, profile)
        return person_report(
            st.dataset(),
            person,
            st.job(aim) if aim else None,
            k=k,
            anonymous=anonymous,
            config=st.model(),
        )
    assert source is not None and target is not None
    return pair_report(st.dataset(), st.job(source), st.job(target), k=k, config=st.model())


def _report_ends(
    source: str | None,
    target: str | None,
    profile: str | None,
    person_target: str | None,
    anonymous: bool,
) -> str | None:
    """The job a person's report aims at (None: their best match); checks the arguments."""
    if profile is None:
        if person_target is not None or anonymous:
            raise typer.BadParameter(
                _("--target et --anonymous vont avec --profile PROFIL"), param_hint="--profile"
            )
        if source is None or target is None:
            raise typer.BadParameter(
                _(
                    "donnez un départ et une cible : esante report DÉPART CIBLE --output FICHIER "
                    "(ou --profile PROFIL)"
                ),
                param_hint=_("DÉPART") + " " + _("CIBLE"),
            )
        return None
    ends = [x for x in (source, target, person_target) if x is not None]
    if len(ends) > 1:
        raise typer.BadParameter(
            _(
                "avec --profile, donnez au plus le métier visé : esante report --profile PROFIL "
                "[--target MÉTIER]"
            ),
            param_hint="--target",
        )
    return ends[0] if ends else None


# -- workshop --------------------------------------------------------------------------------------


def workshop_cmd(
    ctx: typer.Context,
    group: Annotated[
        str,
        typer.Argument(
            metavar="GROUPE",
            help="Le groupe : un fichier CSV (une ligne par personne ; colonnes name et "
            "current_job facultatives, puis une colonne par compétence, id ou libellé, "
            "niveaux 0 à 4, case vide : non évaluée ; tel qu'un tableur l'enregistre, « ; » ou "
            "« , », UTF-8 ou Windows-1252 ; toute autre colonne est ignorée) ou un dossier de "
            "profils (YAML/JSON).",
        ),
    ],
    output_dir: Annotated[
        str,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DOSSIER",
            help="Dossier des rapports, de la carte des écarts et de la synthèse (créé s'il "
            "manque).",
        ),
    ],
    target: Annotated[
        str | None,
        typer.Option(
            "--target",
            "-t",
            metavar="MÉTIER",
            help="Le métier visé par tous (défaut : pour chacun, son métier le plus proche, hors "
            "métier actuel).",
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="Les rapports en html (défaut) ou md (Markdown, carte à côté).",
        ),
    ] = ReportFormat.html,
    k: Annotated[int, typer.Option("--k", min=1, max=MAX_K, help="Itinéraires par rapport.")] = 3,
    anonymous: Annotated[
        bool,
        typer.Option(
            "--anonymous",
            help="« Personne 1 », « Personne 2 »... à la place des noms, dans les noms de "
            "fichiers comme dans les contenus.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Remplacer les fichiers existants.")
    ] = False,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Les rapports en PDF A4 (un par personne, à envoyer), plus tous les rapports en "
            "un PDF à imprimer en une fois, groupe-rapports.pdf (avec l'extra esante[pdf]).",
        ),
    ] = False,
) -> None:
    """L'atelier de groupe : un rapport par personne, la carte des écarts du groupe
    (compétence par personne) et une synthèse (une ligne par personne), en CSV et en classeur
    .xlsx.

    Une ligne (ou un fichier) invalide est signalée avec son numéro de ligne ; les autres
    personnes sont traitées, puis le code de sortie est 3.

    Exemple : esante workshop groupe.csv --output-dir atelier --target specialiste-e-sante

    Exemple : esante workshop groupe.csv --output-dir atelier --pdf
    """
    from ..reports import run_workshop

    st = state(ctx)
    if pdf and fmt == ReportFormat.md:
        from ..i18n import t

        raise typer.BadParameter(t("pdf_with_md", st.lang), param_hint="--pdf")
    run_workshop(
        st,
        group,
        output_dir,
        target=target,
        fmt=fmt,
        k=k,
        anonymous=anonymous,
        force=force,
        lang=st.lang,
        pdf=pdf,
        csv_dialect=st.csv_dialect,
        say=say,
        warn=warn,
        progress=_progress,
    )


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr when it is a terminal (nothing otherwise): ``step(name)``
    before each person."""
    import sys

    if not sys.stderr.isatty():
        yield lambda name: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ..render.printable import printable

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[name]}", markup=False),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(label, total=total, name="")
        started = [False]

        def step(name: str) -> None:
            if started[0]:
                bar.advance(task)
            started[0] = True
            bar.update(task, name=printable(name))

        yield step
        bar.update(task, completed=total, name="")
