"""What the global options set, shared by every command through the Typer context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import typer

from ..i18n import Lang

if TYPE_CHECKING:
    from ..costmodel import ModelConfig
    from ..dataset import Dataset


@dataclass
class State:
    data_dir: str | None = None
    lang: Lang = "fr"
    debug: bool = False
    model_file: str | None = None
    _dataset: Dataset | None = field(default=None, repr=False)
    _model: ModelConfig | None = field(default=None, repr=False)

    def dataset(self) -> Dataset:
        """The dataset, loaded once per process."""
        if self._dataset is None:
            from ..dataset import load_dataset

            self._dataset = load_dataset(self.data_dir)
        return self._dataset

    def model(self) -> ModelConfig:
        """The cost model: --model FILE (or ESANTE_MODEL), else the defaults."""
        if self._model is None:
            from ..costmodel import load_model_config

            self._model = load_model_config(self.model_file)
        return self._model

    def job(self, name: str) -> str:
        """The id of the job a user named."""
        from ..names import resolve_job

        return resolve_job(self.dataset(), name)

    def render(self, result: Any, fmt: Any, **opts: Any) -> None:
        from ..render import render

        render(result, fmt, lang=self.lang, **opts)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_object(State)
    return obj if obj is not None else State()
