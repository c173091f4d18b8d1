"""What the global options set, shared by every command through the Typer context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import typer

from ..i18n import Lang
from ..session import Session


@dataclass
class State(Session):
    """The session of one command, with the interface options (language, --debug)."""

    lang: Lang = "fr"
    debug: bool = False

    def render(self, result: Any, fmt: Any, **opts: Any) -> None:
        from ..render import render

        render(result, fmt, lang=self.lang, **opts)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_object(State)
    return obj if obj is not None else State()
