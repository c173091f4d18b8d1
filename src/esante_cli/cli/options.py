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
