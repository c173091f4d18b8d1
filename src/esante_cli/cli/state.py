"""What the global options set, shared by every command through the Typer context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from ..choices import CsvDialect, Lang
from ..session import Session

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..names import Resolution
    from ..render.about import About


@dataclass
class State(Session):
    """The session of one command, with the interface options (language, --debug)."""

    lang: Lang = Lang.fr
    debug: bool = False
    csv_dialect: CsvDialect = CsvDialect.plain  # how the CSV files written are laid out
    _interpreted: set[tuple[str, str]] = field(default_factory=set, repr=False)

    def interpreted(self, found: Resolution) -> None:
        """Say on stderr, once per name, how a loosely matched name was understood."""
        from ..i18n import t

        if (found.query, found.id) in self._interpreted:
            return
        self._interpreted.add((found.query, found.id))
        from .output import echo

        echo(t("interpreted", self.lang).format(query=found.query, title=found.title, id=found.id))

    def wrote(self, key: str, **names: object) -> None:
        """Say on stderr, in one line, what was written and where (``key``: its words)."""
        from ..i18n import t

        typer.echo(t(key, self.lang).format(**names), err=True)

    def about(self) -> About | None:
        """What the data read by the command is (None: no data read), for the notes."""
        if self._dataset is None:
            return None
        from ..render.about import describe

        return describe(self._dataset, self.model())

    def dataset(self) -> Dataset:
        """The dataset; the command's start-up is then over (:mod:`.collector`)."""
        loaded = super().dataset()
        from .collector import resume

        resume()
        return loaded

    def render(self, result: Any, fmt: Any, **opts: Any) -> None:
        from ..render import render

        render(result, fmt, lang=self.lang, csv_dialect=self.csv_dialect, **opts)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_object(State)
    if obj is not None:
        return obj
    from ..language import current_lang

    return State(lang=current_lang())
