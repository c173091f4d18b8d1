"""The tabular view of any result, for tables, CSV and Markdown: the view module of the result's
kind is imported when such a result comes (a card's table loads neither the routes' views nor
the people's), and it registers its views on :func:`.sections.to_sections`."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ..i18n import Lang
from .sections import Section, to_sections

__all__ = ["VIEW_MODULES", "sections_of"]

RESULTS = __name__.rsplit(".", 2)[0] + ".results."  # the package of the result models
# results.<kind> -> the module of render that holds the views of its results
VIEW_MODULES = {
    "card": "card",
    "mobility": "mobility",
    "people": "people",
    "model": "model",
    "visual": "mapdraw",
}


def sections_of(result: Any, lang: Lang, human: bool, **opts: Any) -> list[Section]:
    """``result`` as sections (``human``: with the marks and notes a reader needs)."""
    kind = type(result).__module__.removeprefix(RESULTS)
    if kind in VIEW_MODULES:
        import_module(f".{VIEW_MODULES[kind]}", __package__)
    return to_sections(result, lang, human, **opts)
