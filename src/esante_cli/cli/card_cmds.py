"""Commands about the cards: list, show, competences, competence, validate, schema."""


from typing import Annotated

import typer

from ..errors import DatasetError
from .options import FormatOpt
from .state import state

SECTION_NAMES = ["header", "missions", "context", "relations", "competences", "certifications",
                 "neighbours"]
SECTION_ALIASES = {"entete": "header", "en-tete": "header", "finalite": "missions",
                   "contexte": "context", "competence": "competences", "voisins": "neighbours",
                   "proximites": "neighbours"}


def list_cmd(
    ctx: typer.Context,
    family: Annotated[str | None, typer.Option("--family", help="Seulement les métiers de cette famille.")] = None,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Lister les métiers : id, titre, famille, niveaux issus de la fiche et niveaux estimés.

    Exemple : esante list --family "Architecture"
    """
    from ..queries.card import list_jobs
    from ..render import render

    st = state(ctx)
    render(list_jobs(st.dataset(), family), fmt, lang=st.lang)


def show_cmd(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Métier : id, titre ou autre appellation (FR/EN).")],
    section: Annotated[
        str | None,
        typer.Option("--section", "-s", metavar="|".join(SECTION_NAMES),
                     help="N'afficher qu'une partie de la fiche."),
    ] = None,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Afficher la fiche d'un métier : titres, missions, contexte, relations, compétences, voisins.

    Exemple : esante show "Spécialiste e-santé" --section competences
    """
    from ..queries.card import job_card
    from ..render import render

    st = state(ctx)
    render(job_card(st.dataset(), job, _section(section)), fmt, lang=st.lang)


def _section(name: str | None) -> str | None:
    if name is None:
        return None
    from ..names import fold

    key = fold(name).replace(" ", "-")
    key = SECTION_ALIASES.get(key, key)
    if key not in SECTION_NAMES:
        raise typer.BadParameter(f"'{name}' is not one of {', '.join(SECTION_NAMES)}",
                                 param_hint="--section")
    return key


def competences_cmd(ctx: typer.Context, fmt: FormatOpt = "table") -> None:  # type: ignore[assignment]
    """Lister le catalogue des macro-compétences et leurs quatre niveaux.

    Exemple : esante competences --format csv
    """
    from ..queries.card import competence_catalogue
    from ..render import render

    st = state(ctx)
    render(competence_catalogue(st.dataset()), fmt, lang=st.lang)


def competence_cmd(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Compétence : id ou libellé.")],
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Afficher une compétence : ses quatre niveaux et le niveau attendu par chaque métier.

    Exemple : esante competence "données massives"
    """
    from ..queries.card import competence_detail
    from ..render import render

    st = state(ctx)
    render(competence_detail(st.dataset(), name), fmt, lang=st.lang)


def validate_cmd(
    ctx: typer.Context,
    directory: Annotated[str | None, typer.Argument(metavar="[DIR]", help="Dossier à vérifier (défaut : --data, ESANTE_DATA ou les données fournies).")] = None,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Vérifier un jeu de données et lister tous ses problèmes (code 3 s'il y en a).

    Exemple : esante validate ./mes-donnees
    """
    from ..queries.card import validation_report
    from ..render import render

    st = state(ctx)
    report = validation_report(directory if directory is not None else st.data_dir)
    render(report, fmt, lang=st.lang)
    if not report.ok:
        raise DatasetError([f"{len(report.problems)} problem(s) in {report.path}"])


def schema_cmd() -> None:
    """Afficher le schéma JSON des fichiers de données (metier.json, mobilites.json).

    Exemple : esante schema > schema.json
    """
    import json

    from ..queries.card import data_schema

    typer.echo(json.dumps(data_schema(), ensure_ascii=False, indent=2, sort_keys=True))


def register(app: typer.Typer) -> None:
    app.command("list")(list_cmd)
    app.command("show")(show_cmd)
    app.command("competences")(competences_cmd)
    app.command("competence")(competence_cmd)
    app.command("validate")(validate_cmd)
    app.command("schema")(schema_cmd)
