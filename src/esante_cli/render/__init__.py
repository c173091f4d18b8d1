"""Render a query result in the chosen format; only the chosen renderer is imported."""

from __future__ import annotations

import sys
from typing import IO, Any

from ..choices import Format, Lang

__all__ = ["Format", "render"]


def render(
    result: Any,
    fmt: Format | str = Format.table,
    *,
    lang: Lang = Lang.fr,
    out: IO[str] | None = None,
    **opts: Any,
) -> None:
    """Write ``result`` to ``out`` (stdout) as a rich table, JSON, CSV or Markdown.

    ``opts`` are view options of the human formats (``explain=True`` for routes)."""
    fmt = Format(fmt)
    stream = out if out is not None else sys.stdout
    if fmt is Format.table:
        from .table import render_table

        render_table(result, lang=lang, out=stream, **opts)
        return
    if fmt is Format.json:
        from .json import render_json

        text = render_json(result)
    elif fmt is Format.csv:
        from .csv import render_csv

        text = render_csv(result, lang=lang, **opts)
    else:
        from .markdown import render_markdown

        text = render_markdown(result, lang=lang, **opts)
    stream.write(text)
    if not text.endswith("\n"):
        stream.write("\n")
