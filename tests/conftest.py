"""Fixtures every test shares: nothing from the developer's shell or CI runner leaks in."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from esante_cli.dataset import METIER, MOBILITES, packaged_data_dir
from esante_cli.language import set_lang

Mutator = Callable[[Any], None]

# Variables that change what the tool reads or how it writes; a developer's shell or a CI runner
# may set any of them, and no test should depend on that.
ENV_VARS = (
    "ESANTE_DATA",
    "ESANTE_MODEL",
    "ESANTE_LANG",
    # the locale picks the language when neither --lang nor ESANTE_LANG does (LANG is set below)
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "ESANTE_CSV_DIALECT",
    "ESANTE_DEBUG",
    "ESANTE_NO_CACHE",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "XDG_CACHE_HOME",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No variable of the shell leaks in, and the dataset cache is a fresh folder of this test
    (never the user's ~/.cache)."""
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # no language: French, the default
    set_lang(None)  # a language a test chose (``using``, ``--lang`` in-process) is forgotten
    cache = tmp_path / "cache"
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(autouse=True)
def _json_as_pydantic_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every JSON a test writes (a command's, a batch line's) is checked against pydantic's own:
    the result is valid for its model (those made without validation included), and the walk
    of ``render.json.plain`` writes what ``model_dump(mode="json", by_alias=True)`` writes."""
    from esante_cli.render import json as json_renderer

    original = json_renderer.to_data

    def to_data(result: Any) -> Any:
        if isinstance(result, BaseModel):
            assert_json_as_pydantic(result)
        return original(result)

    monkeypatch.setattr(json_renderer, "to_data", to_data)


@pytest.fixture(autouse=True)
def _results_built_of_known_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """A result made without validation (``model_construct``) names only fields of its model:
    pydantic would drop a misspelled one silently and keep the field's default."""
    original = BaseModel.model_construct.__func__  # type: ignore[attr-defined]

    def checked(cls: type[BaseModel], _fields_set: Any = None, **values: Any) -> BaseModel:
        fields = cls.model_fields
        known = set(fields) | {f.alias for f in fields.values() if f.alias}
        unknown = sorted(set(values) - known)
        assert not unknown, f"{cls.__name__}.model_construct: no field {unknown}"
        return original(cls, _fields_set, **values)  # type: ignore[no-any-return]

    monkeypatch.setattr(BaseModel, "model_construct", classmethod(checked))


def assert_json_as_pydantic(result: BaseModel) -> None:
    """``result`` validates as its model, and its JSON is pydantic's, to the character (1 and
    1.0 differ)."""
    from esante_cli.render.json import plain

    again = type(result).model_validate(plain(result, by_alias=False))
    mine = json.dumps(plain(result), sort_keys=True, ensure_ascii=False)
    theirs = again.model_dump(mode="json", by_alias=True)
    assert mine == json.dumps(theirs, sort_keys=True, ensure_ascii=False)


@pytest.fixture
def make_dataset(tmp_path: Path) -> Callable[..., Path]:
    """Copy the real data into ``tmp_path`` and apply mutators to the parsed JSON files."""

    def make(
        metier: Mutator | None = None, mobilites: Mutator | None = None, name: str = "dataset"
    ) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file, mutate in ((METIER, metier), (MOBILITES, mobilites)):
            shutil.copyfile(packaged_data_dir() / file, folder / file)
            if mutate is not None:
                raw = json.loads((folder / file).read_text(encoding="utf-8"))
                mutate(raw)
                (folder / file).write_text(
                    json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8"
                )
        return folder

    return make
