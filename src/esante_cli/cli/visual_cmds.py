"""Commands that draw and export: map, export graph, export matrix, report, workshop.

Every file is written atomically (``files.write_atomic``); an existing file is replaced only
with ``--force``; a path that cannot be written exits 3 with one line, checked before any
heavy work. matplotlib, Jinja2 and networkx are imported by the renderers, on these code paths
only.
"""


from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .mobility_cmds import AnonymousOpt, KindOpt, ProfileOpt, TopOpt
from .options import DowngradesOpt, FormatOpt
from .state import State, state

if TYPE_CHECKING:
    from ..i18n import Lang
    from ..results.visual import Report

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
    include_downgrades: DowngradesOpt = False,
    force: ForceOpt = False,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
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
    result = neighbourhood_map(st.dataset(), st.job(job), kind=kind.value,  # type: ignore[arg-type]
                               top=top, include_downgrades=include_downgrades,
                               config=st.model())
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
    output: Annotated[str, typer.Option(
        "--output", "-o", metavar="FILE.html|FILE.md",
        help="Le rapport : une page HTML autonome (imprimable en A4) ou du Markdown (la carte "
             "est alors écrite à côté, FILE.map.svg).")],
    source: Annotated[str | None, typer.Argument(
        metavar="FROM", show_default=False,
        help="Métier de départ (sans --profile ; avec --profile, le métier visé).")] = None,
    target: Annotated[str | None, typer.Argument(metavar="TO", show_default=False,
                                                 help="Métier visé.")] = None,
    profile: ProfileOpt = None,
    person_target: Annotated[str | None, typer.Option(
        "--target", "-t", metavar="JOB",
        help="Avec --profile : le métier visé (défaut : le plus proche de la personne, hors "
             "métier actuel).")] = None,
    anonymous: AnonymousOpt = False,
    k: Annotated[int, typer.Option("--k", min=1, help="Nombre d'itinéraires.")] = 3,
    force: ForceOpt = False,
) -> None:
    """Un rapport imprimable sur le passage de FROM à TO, ou d'une personne (--profile) au
    métier visé : la fiche visée, l'écart et ce qu'il faut apprendre, les meilleurs
    itinéraires, la carte du voisinage.

    Sans --target, le rapport d'une personne vise son métier le plus proche (hors métier
    actuel) ; --anonymous retire son nom.

    Exemple : esante report data-scientist specialiste-e-sante --output rapport.html

    Exemple : esante report --profile moi.yaml --target specialiste-e-sante --output moi.html
    """
    from ..queries.visual import pair_report, person_report

    st = state(ctx)
    kind = REPORT_SUFFIXES[_suffix(output, REPORT_SUFFIXES)]
    aim = _report_ends(source, target, profile, person_target, anonymous)
    _check_report(output, kind, force)
    if profile is not None:
        from .people_cmds import load_person

        person = load_person(st, profile)
        result = person_report(st.dataset(), person, st.job(aim) if aim else None, k=k,
                               anonymous=anonymous, config=st.model())
    else:
        assert source is not None and target is not None
        result = pair_report(st.dataset(), st.job(source), st.job(target), k=k,
                             config=st.model())
    _write_report(result, output, kind, st.lang, force)


def _report_ends(source: str | None, target: str | None, profile: str | None,
                 person_target: str | None, anonymous: bool) -> str | None:
    """The job a person's report aims at (None: their best match); checks the arguments."""
    if profile is None:
        if person_target is not None or anonymous:
            raise typer.BadParameter("--target and --anonymous go with --profile PROFILE",
                                     param_hint="--profile")
        if source is None or target is None:
            raise typer.BadParameter("give a start and a target: esante report FROM TO "
                                     "--output FILE (or --profile PROFILE)",
                                     param_hint="FROM TO")
        return None
    ends = [x for x in (source, target, person_target) if x is not None]
    if len(ends) > 1:
        raise typer.BadParameter("with --profile, give at most the target: esante report "
                                 "--profile PROFILE [--target JOB]", param_hint="--target")
    return ends[0] if ends else None


def _check_report(output: str | Path, kind: str, force: bool) -> None:
    from ..files import check_writable

    check_writable(output, force=force)
    if kind == "markdown":
        check_writable(Path(output).with_suffix(".map.svg"), force=force)


MapCache = dict[tuple[str, tuple[str, ...]], str]


def _write_report(result: "Report", output: str | Path, kind: str, lang: "Lang", force: bool,
                  maps: MapCache | None = None) -> None:
    """Draw the report's map (once per neighbourhood with ``maps``) and write the report; a
    Markdown report gets its map beside it, FILE.map.svg."""
    from ..render.html import render_report_html, render_report_markdown
    from ..render.mapdraw import render_map_svg

    key = (result.map.job.id, tuple(sorted(n.job.id + n.side for n in
                                           result.map.incoming + result.map.outgoing
                                           if n.highlight)))
    svg = maps.get(key) if maps is not None else None
    if svg is None:
        svg = render_map_svg(result.map, lang)
        if maps is not None:
            maps[key] = svg
    if kind == "html":
        _write(str(output), render_report_html(result, lang, map_svg=svg), force)
        return
    map_path = Path(output).with_suffix(".map.svg")
    _write(str(map_path), svg, force)
    _write(str(output), render_report_markdown(result, lang, map_file=map_path.name), force)


# -- workshop --------------------------------------------------------------------------------------


class WorkshopFormat(str, Enum):
    html = "html"
    md = "md"


HEATMAP = "groupe-ecarts"  # .png and .svg
SUMMARY = "groupe-synthese.csv"


def workshop_cmd(
    ctx: typer.Context,
    group: Annotated[str, typer.Argument(
        metavar="GROUP",
        help="Le groupe : un fichier CSV (une ligne par personne ; colonnes name et "
             "current_job facultatives, puis une colonne par compétence, id ou libellé, "
             "niveaux 0 à 4, case vide : non évaluée) ou un dossier de profils (YAML/JSON).")],
    output_dir: Annotated[str, typer.Option(
        "--output-dir", "-o", metavar="DIR",
        help="Dossier des rapports, de la carte des écarts et de la synthèse (créé s'il "
             "manque).")],
    target: Annotated[str | None, typer.Option(
        "--target", "-t", metavar="JOB",
        help="Le métier visé par tous (défaut : pour chacun, son métier le plus proche, hors "
             "métier actuel).")] = None,
    fmt: Annotated[WorkshopFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="Les rapports en html (défaut) ou md (Markdown, carte à côté).",
    )] = WorkshopFormat.html,
    k: Annotated[int, typer.Option("--k", min=1, help="Itinéraires par rapport.")] = 3,
    anonymous: Annotated[bool, typer.Option(
        "--anonymous",
        help="« Personne 1 », « Personne 2 »... à la place des noms, dans les noms de "
             "fichiers comme dans les contenus.")] = False,
    force: Annotated[bool, typer.Option("--force",
                                        help="Remplacer les fichiers existants.")] = False,
) -> None:
    """L'atelier de groupe : un rapport par personne, la carte des écarts du groupe
    (compétence par personne) et une synthèse CSV (une ligne par personne).

    Une ligne (ou un fichier) invalide est signalée avec son numéro de ligne ; les autres
    personnes sont traitées, puis le code de sortie est 3.

    Exemple : esante workshop groupe.csv --output-dir atelier --target specialiste-e-sante
    """
    st = state(ctx)
    _run_workshop(st, group, output_dir, target=target, fmt=fmt.value, k=k,
                  anonymous=anonymous, force=force)


def _run_workshop(st: State, group: str, output_dir: str, *, target: str | None, fmt: str,
                  k: int, anonymous: bool, force: bool) -> None:
    from ..errors import InputError
    from ..files import check_writable
    from ..i18n import t
    from ..queries.workshop import (
        load_group,
        member_names,
        member_problem,
        member_slugs,
        workshop_person,
        workshop_result,
    )
    from .people_cmds import say, warn

    ds, lang, config = st.dataset(), st.lang, st.model()
    grp = load_group(group, ds)
    target_id = st.job(target) if target is not None else None
    names = member_names(grp, anonymous=anonymous, pseudonym=t("report_pseudonym", lang))
    slugs = member_slugs(names)
    folder = _output_folder(output_dir)
    kind, suffix = ("html", ".html") if fmt == "html" else ("markdown", ".md")
    reports = [folder / f"{slug}{suffix}" for m, slug in zip(grp.members, slugs) if m.profile]
    for path in [*reports, folder / f"{HEATMAP}.png", folder / f"{HEATMAP}.svg",
                 folder / SUMMARY]:
        check_writable(path, force=force)
    for path in reports:
        if kind == "markdown":
            check_writable(path.with_suffix(".map.svg"), force=force)
    for m, name in zip(grp.members, names):
        if m.problem is not None:
            warn(member_problem(m, name, anonymous) or "")

    people = []
    maps: MapCache = {}
    with _progress(len(grp.members), t("ws_progress", lang)) as step:
        for m, name, slug in zip(grp.members, names, slugs):
            step(name)
            person = workshop_person(ds, m, name=name, slug=slug, target=target_id, k=k,
                                     anonymous=anonymous, config=config)
            if person.report is not None:
                _write_report(person.report, folder / f"{slug}{suffix}", kind, lang, force, maps)
            people.append(person)
    result = workshop_result(ds, grp, people, target=target_id, anonymous=anonymous,
                             config=config)
    from ..render.workshop import render_summary_csv

    if result.columns:
        from ..render.heatmap import render_heatmap_png, render_heatmap_svg

        _write(str(folder / f"{HEATMAP}.png"), render_heatmap_png(result, lang), force)
        _write(str(folder / f"{HEATMAP}.svg"), render_heatmap_svg(result, lang), force)
    _write(str(folder / SUMMARY), render_summary_csv(result, suffix), force)

    missing = [f"{p.name} ({len(p.unassessed)})" for p in people if p.unassessed]
    if missing:
        warn(t("ws_unassessed", lang).format(people=", ".join(missing)))
    if result.columns:
        say(t("ws_done", lang).format(n=len(result.columns), dir=folder,
                                      summary=folder / SUMMARY,
                                      heatmap=folder / f"{HEATMAP}.png"))
    else:
        say(t("ws_done_none", lang).format(summary=folder / SUMMARY))
    bad = [p for p in people if p.problem is not None]
    if bad:
        where = ", ".join(p.source or p.name for p in bad)
        good = len(people) - len(bad)
        raise InputError(f"{group}: {len(bad)} of {len(people)} people could not be read "
                         f"({where}); " + (f"the {good} other(s) are written in {folder}"
                                           if good else "nothing but the summary is written"))


def _output_folder(path: str) -> Path:
    """The output folder, created if missing; one clear error when it cannot be used."""
    import os

    from ..errors import InputError

    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: folder cannot be created ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{folder}: folder is not writable")
    return folder


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

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[name]}"))
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task(label, total=total, name="")
        started = [False]

        def step(name: str) -> None:
            if started[0]:
                bar.advance(task)
            started[0] = True
            bar.update(task, name=name)

        yield step
        bar.update(task, completed=total, name="")


def register(app: typer.Typer) -> None:
    app.command("map")(map_cmd)
    app.add_typer(export_app, name="export")
    app.command("report")(report_cmd)
    app.command("workshop")(workshop_cmd)
