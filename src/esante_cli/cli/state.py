"""What the global options set, shared by every command through the Typer context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from ..i18n import Lang

if TYPE_CHECKING:
    from ..dataset import Dataset


@dataclass
class State:
    data_dir: str | None = None
    lang: Lang = "fr"
    debug: bool = False
    _dataset: Dataset | None = field(default=None, repr=False)

    def dataset(self) -> Dataset:
        """The dataset, loaded once per process."""
        if self._dataset is None:
            from ..dataset import load_dataset

            self._dataset = load_dataset(self.data_dir)
        return self._dataset


def state(ctx: typer.Context) -> State:
    obj = ctx.find_object(State)
    return obj if obj is not None else State()
