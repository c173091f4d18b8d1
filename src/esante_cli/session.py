"""What the commands of one process share: the dataset, the cost model, the name look-ups
and the profiles read, each loaded on first use and then kept (the command line and
``esante batch`` both use it)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .language import _

MODEL_FILE = "modele.toml"  # a dataset folder's own model, used unless --model names another

if TYPE_CHECKING:
    from .costmodel import ModelConfig
    from .dataset import Dataset
    from .profiles import Profile


def shown(value: Any) -> str:
    """A value as it appears in a message (JSON, cut after 60 characters)."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass
class Session:
    """The dataset, the cost model, the job-name resolver and the profiles, each loaded on
    first use (so a batch of ``schema`` queries reads no data)."""

    data_dir: str | os.PathLike[str] | None = None
    model_file: str | os.PathLike[str] | None = None
    _dataset: Dataset | None = field(default=None, repr=False)
    _model: ModelConfig | None = field(default=None, repr=False)
    _profiles: dict[str, Profile] = field(default_factory=dict, repr=False)

    def dataset(self) -> Dataset:
        if self._dataset is None:
            from .dataset import load_dataset

            self._dataset = load_dataset(self.data_dir)
        return self._dataset

    def model(self) -> ModelConfig:
        """The model of ``--model``; else the dataset folder's own ``modele.toml`` (an imported
        taxonomy's calibrated model), if it has one; else the shipped, calibrated model."""
        if self._model is None:
            from .costmodel import load_model_config

            self._model = load_model_config(self.model_file or self.folder_model())
        return self._model

    def folder_model(self) -> str | None:
        """The dataset folder's ``modele.toml``, when ``--data`` names a folder that has one."""
        if self.data_dir is None or str(self.data_dir) == "":
            return None
        from pathlib import Path

        path = Path(self.data_dir) / MODEL_FILE
        return str(path) if path.is_file() else None

    def job(self, name: Any, what: str = "job") -> str:
        """The id of the job a query names (any of its names, like on the command line)."""
        if not isinstance(name, str):
            message = _("« {field} » doit être un nom de métier, reçu {value}")
            raise InputError(message.format(field=what, value=shown(name)))
        if name in self.dataset().jobs_by_id:  # an exact id: no need for the name index
            return name
        from .names import resolve_job

        return resolve_job(self.dataset(), name)

    def profile(self, path: Any) -> Profile:
        """The profile file a query names, read once per batch."""
        if not isinstance(path, str):
            message = _("« profile » doit être le chemin d'un fichier de profil, reçu {value}")
            raise InputError(message.format(value=shown(path)))
        if path not in self._profiles:
            from .profiles import load_profile

            self._profiles[path] = load_profile(path, self.dataset())
        return self._profiles[path]
