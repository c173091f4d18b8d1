"""Commands for other data and many queries: import esco, import csv, batch."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, TextIO

import typer

from ..language import _
from .output import echo
from .state import State, state

if TYPE_CHECKING:
    from ..choices import Lang
    from ..importers.esco import ImportGraph
    from ..session import Session

import_app = typer.Typer(
    help="Importer d'autres données en jeu de données esante (ESCO, tableurs).\n\n"
    "Exemple : esante import esco ./esco-csv --output ./esco",
    no_args_is_help=True,
)

OutputOpt = Annotated[
    str,
    typer.Option(
        "--output",
        "-o",
        metavar="DOSSIER",
        help="Dossier du jeu de données à écrire (créé s'il manque).",
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Remplacer un jeu de données existant.")]


@import_app.command("esco")
def esco_cmd(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="DOSSIER",
            help="Dossier des fichiers CSV d'ESCO (occupations, skills, relations).",
        ),
    ],
    output: OutputOpt,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANGUE",
            help="Langue des fichiers (fr pour *_fr.csv) ; défaut : la seule présente "
            "(plusieurs : à choisir). fr,en : titres français, les anglais en autres titres "
            "(en,fr : l'inverse).",
        ),
    ] = None,
    esco_version: Annotated[
        str | None,
        typer.Option(
            "--esco-version",
            metavar="VERSION",
            help="Version d'ESCO des fichiers (v1.2.0) ; défaut : lue dans le nom du dossier.",
        ),
    ] = None,
    essential: Annotated[
        int,
        typer.Option(
            "--essential-level", min=1, max=4, help="Niveau d'une compétence essentielle."
        ),
    ] = 2,
    optional: Annotated[
        int,
        typer.Option("--optional-level", min=1, max=4, help="Niveau d'une compétence facultative."),
    ] = 1,
    force: ForceOpt = False,
) -> None:
    """Convertir les fichiers CSV d'ESCO en jeu de données esante.

    ESCO ne donne pas de niveaux : essential devient le niveau 2, optional le niveau 1
    (--essential-level, --optional-level), marqués « inferred » avec leur raison. L'import
    écrit aussi modele.toml, le modèle calibré sur ces données (couples de métiers d'un même
    groupe ISCO-08), que --data DOSSIER utilise d'office.

    Exemple : esante import esco ./esco-csv --output ./esco --lang fr,en
    """
    from ..i18n import t
    from ..importers import write_dataset
    from ..importers.esco import finish_import, import_esco

    imported = import_esco(
        source,
        lang=lang,
        essential_level=essential,
        optional_level=optional,
        esco_version=esco_version,
    )
    out = write_dataset(imported, output, force=force)
    _warn(imported.warnings)
    found = finish_import(out)
    lang_ = state(ctx).lang
    echo(t("import_done", lang_).format(out=out, **imported.counts))
    echo(t("import_model", lang_).format(out=out, model=found.model))
    echo(_graph_summary(found, lang_))


def _graph_summary(found: "ImportGraph", lang: "Lang") -> str:
    """'graphe des passages : 6 composantes connexes, la plus grande de 2 977 métiers...'"""
    from ..i18n import tn

    return tn("import_graph", found.components, lang).format(
        largest=tn("n_jobs", found.largest, lang),
        jobs=tn("n_jobs", found.jobs, lang),
        isolated=tn("n_jobs", found.isolated, lang),
    )


@import_app.command("csv")
def csv_cmd(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="DOSSIER",
            help="Dossier des fichiers CSV (metiers, competences, niveaux, mobilites).",
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="DOSSIER", help="Dossier du jeu de données à écrire."
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            metavar="DOSSIER",
            help="Écrire dans DOSSIER les fichiers CSV à remplir (ceux du jeu de "
            "données en cours, comme exemple).",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Importer un jeu de données écrit dans un tableur (fichiers CSV).

    --template DOSSIER écrit les fichiers à remplir, avec le jeu de données en cours en
    exemple.
    Chaque ligne fautive est signalée avec son fichier et son numéro ; rien n'est écrit
    tant qu'il en reste une.

    Exemple : esante import csv ./tableurs --output ./mes-donnees
    """
    if template is not None:
        if source is not None or output is not None:
            raise typer.BadParameter(
                _("--template écrit seulement les modèles : ne donnez ni DOSSIER ni --output"),
                param_hint="--template",
            )
        _write_templates(state(ctx), template, force)
        return
    if source is None or output is None:
        raise typer.BadParameter(
            _("donnez le dossier des fichiers CSV et --output DOSSIER (ou --template DOSSIER)"),
            param_hint=_("DOSSIER"),
        )
    _import_csv(state(ctx), source, output, force)


def _write_templates(st: State, folder: str, force: bool) -> None:
    """The CSV files to fill in, the current dataset as their example."""
    from ..i18n import t
    from ..importers.csv import write_templates

    files = write_templates(st.dataset(), folder, force=force)
    names = ", ".join(p.name for p in files)
    echo(t("templates_done", st.lang).format(out=folder, files=names))


def _import_csv(st: State, source: str, output: str, force: bool) -> None:
    """The dataset of the CSV files in ``source``, written in ``output``; each bad row said."""
    from ..i18n import t
    from ..importers import write_dataset
    from ..importers.csv import CsvImportError, import_csv

    try:
        imported = import_csv(source)
    except CsvImportError as exc:
        for problem in exc.problems:
            echo(_("esante : {message}").format(message=problem))
        raise
    out = write_dataset(imported, output, force=force)
    _warn(imported.warnings)
    echo(t("import_done", st.lang).format(out=out, **imported.counts))


def _warn(warnings: list[str]) -> None:
    from .people_cmds import warn

    for warning in warnings:
        warn(warning)


def batch_cmd(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FICHIER|-",
            help="Fichier JSON Lines de requêtes (une par ligne) ; - : l'entrée standard.",
        ),
    ] = "-",
) -> None:
    """Répondre en un seul processus à des requêtes JSON Lines, une réponse par ligne.

    Les réponses sont dans l'ordre : {"line": N, "result": ...}, le résultat étant ce
    qu'écrit la commande avec --format json, ou {"line": N, "error": ..., "code": ...}.

    Une requête par ligne, ses champs étant les options de la commande :
    {"query": "gap", "from": "data-scientist", "to": "specialiste-e-sante"}

    Exemple : esante batch requetes.jsonl > reponses.jsonl
    """
    from ..batch import Session
    from .collector import resume

    st = state(ctx)
    resume()  # a stream of queries may go on for long: the collector is on before the first
    with _queries(file) as stream:
        _answer(stream, Session(st.data_dir, st.model_file), file, interactive=file == "-")


def _answer(stream: BinaryIO | TextIO, session: "Session", file: str, *, interactive: bool) -> None:
    """One answer per query line on stdout; each as soon as it is ready when ``interactive``."""
    from ..batch import read_lines, run_batch

    out = sys.stdout
    for line in run_batch(read_lines(stream), session):
        out.write(line + "\n")
        if interactive:
            out.flush()  # a script may wait for each answer before sending another
    out.flush()


@contextmanager
def _queries(file: str) -> Iterator[BinaryIO | TextIO]:
    """The query lines: standard input for '-', else the file (a missing one is exit 3),
    read as bytes: a line that is not UTF-8 is that line's error."""
    from ..errors import InputError
    from ..files import check_regular

    if file == "-":
        yield getattr(sys.stdin, "buffer", sys.stdin)
        return
    check_regular(file, "batch")
    try:
        handle = Path(file).open("rb")  # noqa: SIM115  (closed below)
    except OSError as exc:
        message = _("{path} : illisible ({error})")
        raise InputError(message.format(path=file, error=exc.strerror or exc)) from None
    with handle:
        yield handle
