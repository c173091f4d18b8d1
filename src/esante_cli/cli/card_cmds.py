"""Commands about the cards: list, show, competences, competence, validate, schema."""

from typing import Annotated

import typer

from ..choices import CardSection, Format
from ..errors import DatasetError
from ..language import _, ngettext
from .options import FormatOpt, JobArg
from .state import state


def list_cmd(
    ctx: typer.Context,
    family: Annotated[
        str | None,
        typer.Option("--family", metavar="FAMILLE", help="Seulement les métiers de cette famille."),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Lister les métiers : id, titre, famille, niveaux issus de la fiche et niveaux estimés.

    Exemple : esante list --family "Architecture"
    """
    from ..queries.card import list_jobs

    st = state(ctx)
    st.render(list_jobs(st.dataset(), family), fmt)


def show_cmd(
    ctx: typer.Context,
    job: JobArg,
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            metavar="|".join(CardSection),
            help="N'afficher qu'une partie de la fiche.",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Afficher la fiche d'un métier : titres, missions, contexte, relations, compétences, voisins.

    Exemple : esante show "Spécialiste e-santé" --section competences
    """
    from ..queries.card import job_card

    st = state(ctx)
    st.render(job_card(st.dataset(), job, _section(section)), fmt)


def _section(name: str | None) -> CardSection | None:
    """The part of the card ``--section`` names (French words and accents welcome)."""
    try:
        return None if name is None else CardSection.named(name)
    except ValueError:
        message = _("« {value} » n'est pas l'une des parties : {names}")
        raise typer.BadParameter(
            message.format(value=name, names=", ".join(CardSection)), param_hint="--section"
        ) from None


def competences_cmd(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """Lister le catalogue des macro-compétences et leurs quatre niveaux.

    Exemple : esante competences --format csv
    """
    from ..queries.card import competence_catalogue

    st = state(ctx)
    st.render(competence_catalogue(st.dataset()), fmt)


def competence_cmd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="COMPÉTENCE", help="Compétence : id ou libellé.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Afficher une compétence : ses quatre niveaux et le niveau attendu par chaque métier.

    Exemple : esante competence "données massives"
    """
    from ..queries.card import competence_detail

    st = state(ctx)
    st.render(competence_detail(st.dataset(), name), fmt)


def validate_cmd(
    ctx: typer.Context,
    directory: Annotated[
        str | None,
        typer.Argument(
            metavar="[DOSSIER]",
            help="Dossier à vérifier (défaut : --data, ESANTE_DATA ou les données fournies).",
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Vérifier un jeu de données et lister tous ses problèmes (code 3 s'il y en a).

    Exemple : esante validate ./mes-donnees
    """
    from ..queries.card import validation_report

    st = state(ctx)
    report = validation_report(directory if directory is not None else st.data_dir)
    st.render(report, fmt)
    if not report.ok:
        n = len(report.problems)
        message = ngettext("{n} problème dans {path}", "{n} problèmes dans {path}", n)
        raise DatasetError([message.format(n=n, path=report.path)])


def schema_cmd() -> None:
    """Afficher le schéma JSON des fichiers de données (metier.json, mobilites.json).

    Exemple : esante schema > schema.json
    """
    import json

    from ..queries.card import data_schema

    typer.echo(json.dumps(data_schema(), ensure_ascii=False, indent=2, sort_keys=True))
