"""Who hears of a name matched loosely ("devops" taken as Spécialiste DevOps): the command line
prints it, ``esante batch`` adds it to the answer. Apart from :mod:`.names` so that every
command can install its listener without importing the name index (an exact id needs none)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .names import Resolution

REPORT: ContextVar[Callable[[Resolution], None] | None] = ContextVar(
    "esante_names_report", default=None
)


@contextmanager
def report_interpretations(callback: Callable[[Resolution], None]) -> Iterator[None]:
    """Within the block, every loose match made by :meth:`names.Resolver.resolve` is passed to
    ``callback``."""
    token = REPORT.set(callback)
    try:
        yield
    finally:
        REPORT.reset(token)
