"""Options shared by several commands, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

from ..render import Format

FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False,
                 help="Format de sortie : table, json, csv ou markdown."),
]

SeedOpt = Annotated[
    int | None,
    typer.Option("--seed", min=0, metavar="N",
                 help="Graine des tirages de stabilité (défaut : celle du modèle, 0) ; la même "
                      "graine donne la même sortie."),
]
DrawsOpt = Annotated[
    int | None,
    typer.Option("--draws", min=0, max=10_000, metavar="N",
                 help="Nombre de tirages où nos estimations bougent d'un niveau, pour la "
                      "stabilité (défaut : celui du modèle, 200 ; 0 : aucun)."),
]
DowngradesOpt = Annotated[
    bool,
    typer.Option("--include-downgrades",
                 help="Montrer aussi les replis (métiers qui demandent nettement moins que le "
                      "départ n'en détient), après les autres."),
]
