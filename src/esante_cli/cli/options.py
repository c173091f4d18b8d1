"""Options shared by several commands, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

from ..choices import Format, KindFilter
from ..limits import MAX_DRAWS

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Format de sortie : table, json, csv ou markdown.",
    ),
]

SeedOpt = Annotated[
    int | None,
    typer.Option(
        "--seed",
        min=0,
        metavar="N",
        help="Graine des tirages de stabilité (défaut : celle du modèle, 0) ; la même "
        "graine donne la même sortie.",
    ),
]
DrawsOpt = Annotated[
    int | None,
    typer.Option(
        "--draws",
        min=0,
        max=MAX_DRAWS,
        metavar="N",
        help="Nombre de tirages où nos estimations bougent d'un niveau, pour la "
        "stabilité (défaut : celui du modèle, 200 ; 0 : aucun).",
    ),
]
DowngradesOpt = Annotated[
    bool,
    typer.Option(
        "--include-downgrades",
        help="Montrer aussi les replis (métiers qui demandent nettement moins que le "
        "départ n'en détient), après les autres.",
    ),
]

JobArg = Annotated[
    str, typer.Argument(metavar="MÉTIER", help="Métier : id, titre ou autre appellation (FR/EN).")
]
KindOpt = Annotated[
    KindFilter,
    typer.Option(
        "--kind",
        case_sensitive=False,
        help="declared : liens de la fiche ; computed : liens calculés ; all.",
    ),
]
TopOpt = Annotated[
    int | None, typer.Option("--top", min=1, help="Au plus N métiers (les plus proches).")
]
TargetOpt = Annotated[
    str | None,
    typer.Option("--target", metavar="MÉTIER", help="Un métier à montrer même hors de --top."),
]
# A route, a gap or a report may start from a person rather than from a job.
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        metavar="PROFIL",
        help="Partir d'une personne (fichier de profil YAML ou JSON) plutôt que d'un métier.",
    ),
]
AnonymousOpt = Annotated[
    bool,
    typer.Option("--anonymous", help="Avec --profile : ne pas afficher le nom de la personne."),
]
ToOpt = Annotated[
    str | None, typer.Option("--to", metavar="MÉTIER", help="Métier visé (à la place de CIBLE).")
]
