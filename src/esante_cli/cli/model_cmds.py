"""Commands about the transition model itself: show it, calibrate it, check it."""

from typing import TYPE_CHECKING, Annotated

import typer

from ..choices import Format
from .options import DrawsOpt, FormatOpt, SeedOpt
from .output import echo
from .state import State, state

if TYPE_CHECKING:
    from ..results.model import Calibration

model_app = typer.Typer(
    help="Le modèle de transition : l'afficher, le calibrer sur les mobilités de référence, "
    "le valider.\n\nExemple : esante model check",
    no_args_is_help=True,
)


@model_app.command("show")
def show_cmd(ctx: typer.Context) -> None:
    """Afficher le modèle en usage (celui du dossier de données, de --model, ou le modèle
    livré), au format TOML de --model.

    Exemple : esante model show > mon-modele.toml
    """
    from ..costmodel import model_config_toml

    typer.echo(model_config_toml(state(ctx).model()), nl=False)


@model_app.command("calibrate")
def calibrate_cmd(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER",
            help="Écrire le modèle calibré dans FICHIER (TOML).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer FICHIER s'il existe.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Calibrer les bandes sur les mobilités de référence (celles de la fiche, ou les couples
    d'un même groupe ISCO-08) : la moyenne de leur part d'exigences déjà détenue, moins un
    écart-type ; et montrer où tombe chaque référence.

    Exemple : esante model calibrate --output modele.toml
    """
    from ..queries.model import calibrate

    st = state(ctx)
    result = calibrate(st.dataset(), st.model())
    if output is not None:
        _write_model(st, result, output, force)
    st.render(result, fmt)


def _write_model(st: State, result: "Calibration", output: str, force: bool) -> None:
    """The calibrated model in ``output`` (TOML, its references said in a comment)."""
    from ..costmodel import model_config_toml
    from ..files import write_atomic
    from ..i18n import t

    header = t("calibrated_header", st.lang).format(refs=result.references) + "\n"
    path = write_atomic(output, header + model_config_toml(result.model), force=force)
    echo(t("written", st.lang).format(what=t("calibrated_model", st.lang), path=path))


@model_app.command("check")
def check_cmd(
    ctx: typer.Context, seed: SeedOpt = None, draws: DrawsOpt = None, fmt: FormatOpt = Format.table
) -> None:
    """Valider le modèle : pour chaque mobilité de référence, sa bande, le rang du métier
    visé dans les recommandations du départ, sa bande si on la retire de la calibration ; et
    ce que nos estimations font aux réponses (stabilité).

    Exemple : esante model check --format json
    """
    from ..queries.model import check_model

    st = state(ctx)
    st.render(check_model(st.dataset(), st.model(), draws=draws, seed=seed), fmt)
