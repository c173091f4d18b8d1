"""The lines the commands write for a person (messages, warnings, prompts): every one goes
through :func:`..render.printable.printable`, so that no control character from a name, a
title or a file reaches the terminal raw, and a message stays on its line."""

from __future__ import annotations

import typer


def echo(text: str, *, err: bool = True, nl: bool = True, lines: bool = False) -> None:
    """``text`` on stderr (``err``) or stdout, its control characters escaped: on one line,
    unless ``lines`` keeps its newlines (a question and its choices, a YAML text)."""
    from ..render.printable import printable  # a help, which says nothing, does not load it

    typer.echo(printable(text, lines=lines), err=err, nl=nl)
