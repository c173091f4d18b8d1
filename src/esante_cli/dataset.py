"""The one reader of the data files: ``load_dataset`` and ``validate_dataset``.

A dataset is a folder holding ``metier.json`` and ``mobilites.json``. Without a path, the
``ESANTE_DATA`` variable names it; without that, the data packaged with the tool is used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import DatasetError
from .models import Competence, Job, MetierFile, MobilitesFile, Mobility

METIER = "metier.json"
MOBILITES = "mobilites.json"
ENV_VAR = "ESANTE_DATA"


def packaged_data_dir() -> Path:
    """The data shipped with the tool: inside the wheel, or ``data/`` of a source checkout."""
    here = Path(__file__).resolve().parent
    inside = here / "data"
    if (inside / METIER).is_file():
        return inside
    return here.parent.parent / "data"


def resolve_data_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The dataset folder to use: ``path``, else ``$ESANTE_DATA``, else the packaged data."""
    if path is not None and str(path) != "":
        return Path(path)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return packaged_data_dir()


@dataclass(frozen=True)
class Dataset:
    """A validated dataset, with look-ups by id."""

    path: Path
    metier: MetierFile
    mobilites: MobilitesFile
    jobs_by_id: dict[str, Job] = field(repr=False)
    competences_by_id: dict[str, Competence] = field(repr=False)

    @property
    def version(self) -> str:
        return self.metier.dataset.version

    @property
    def date(self) -> str:
        return self.metier.dataset.date

    @property
    def jobs(self) -> list[Job]:
        """Jobs sorted by id, so that every output is deterministic."""
        return sorted(self.metier.jobs, key=lambda j: j.id)

    @property
    def competences(self) -> list[Competence]:
        """The catalogue in the dataset's own order (the card's order)."""
        return list(self.metier.competences)

    @property
    def mobilities(self) -> list[Mobility]:
        return sorted(
            self.mobilites.mobilities, key=lambda m: (m.source_job, m.target_job, m.direction)
        )

    @cached_property
    def levelled_competences(self) -> list[Competence]:
        return [c for c in self.metier.competences if c.levelled]

    def job(self, job_id: str) -> Job:
        return self.jobs_by_id[job_id]

    def competence(self, competence_id: str) -> Competence:
        return self.competences_by_id[competence_id]


def load_dataset(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Read, validate and cross-check a dataset; raise ``DatasetError`` listing every problem."""
    folder = resolve_data_dir(path)
    dataset, problems = _read(folder)
    if problems or dataset is None:
        raise DatasetError(problems or [f"{folder}: invalid dataset"])
    return dataset


def validate_dataset(path: str | os.PathLike[str] | None = None) -> list[str]:
    """Every problem of a dataset, as one line each (empty: the dataset is valid)."""
    return _read(resolve_data_dir(path))[1]


def read_dataset_info(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The ``dataset`` block of ``metier.json`` without validating the rest (for --version)."""
    try:
        raw = json.loads((resolve_data_dir(path) / METIER).read_text(encoding="utf-8"))
        info = raw.get("dataset", {})
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


# -- reading -------------------------------------------------------------------------------


def _read(folder: Path) -> tuple[Dataset | None, list[str]]:
    if not folder.is_dir():
        return None, [f"{folder}: not a dataset folder (it must hold {METIER} and {MOBILITES})"]
    problems: list[str] = []
    raw_metier = _read_json(folder / METIER, problems)
    raw_mob = _read_json(folder / MOBILITES, problems)
    metier = _validate(MetierFile, raw_metier, METIER, problems) if raw_metier is not None else None
    mobilites = _validate(MobilitesFile, raw_mob, MOBILITES, problems) if raw_mob is not None else None
    if metier is not None:
        problems.extend(_check_metier(metier))
    job_ids = _raw_job_ids(raw_metier, metier)
    if mobilites is not None and job_ids is not None:
        problems.extend(_check_mobilities(mobilites, job_ids))
    if problems or metier is None or mobilites is None:
        return None, problems
    dataset = Dataset(
        path=folder,
        metier=metier,
        mobilites=mobilites,
        jobs_by_id={j.id: j for j in metier.jobs},
        competences_by_id={c.id: c for c in metier.competences},
    )
    return dataset, []


def _read_json(file: Path, problems: list[str]) -> Any:
    name = file.name
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        problems.append(f"{name}: file not found in {file.parent}")
        return None
    except IsADirectoryError:
        problems.append(f"{name}: is a directory, not a file")
        return None
    except OSError as exc:
        problems.append(f"{name}: cannot be read ({exc.strerror or exc})")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(f"{name}: not UTF-8 text (byte {exc.start})")
        return None
    if not text.strip():
        problems.append(f"{name}: the file is empty")
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})")
        return None


def _validate(model: type[Any], raw: Any, name: str, problems: list[str]) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problems.append(f"{name}: {_location(raw, err['loc'])}: {_message(err)}")
        return None


def _location(raw: Any, loc: tuple[Any, ...]) -> str:
    """``jobs[3].competences[c7].expected_level``: top-level lists by index, nested by id."""
    parts: list[str] = []
    node = raw
    for depth, key in enumerate(loc):
        if isinstance(key, int):
            label = str(key)
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            if depth > 1 and isinstance(item, dict) and isinstance(item.get("id"), str):
                label = item["id"]
            parts.append(f"[{label}]")
            node = item
        else:
            parts.append(("." if parts else "") + str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return "".join(parts) or "(root)"


def _message(err: dict[str, Any]) -> str:
    kind, ctx, got = err["type"], err.get("ctx") or {}, err.get("input")
    if kind in ("less_than_equal", "greater_than_equal") and err["loc"][-1] in (
        "expected_level",
        "level",
    ):
        return f"must be between 1 and 4, got {got!r}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "missing"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '?')}, got {got!r}"
    if kind == "string_pattern_mismatch":
        return f"must be a slug (lower-case ascii words joined by '-'), got {got!r}"
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    if isinstance(got, (str, int, float, bool)) or got is None:
        return f"{msg[0].lower()}{msg[1:]}, got {got!r}"
    return msg[0].lower() + msg[1:]


def _duplicates(items: Iterator[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for item in items:
        if item in seen and item not in dups:
            dups.append(item)
        seen.add(item)
    return dups


def _raw_job_ids(raw: Any, metier: MetierFile | None) -> set[str] | None:
    """Job ids, from the model when valid, else read leniently so other checks still run;
    None when the jobs cannot be read at all (checking mobilities against them would only
    add false problems)."""
    if metier is not None:
        return {j.id for j in metier.jobs}
    jobs = raw.get("jobs") if isinstance(raw, dict) else None
    if not isinstance(jobs, list):
        return None
    ids = {j["id"] for j in jobs if isinstance(j, dict) and isinstance(j.get("id"), str)}
    return ids or None


def _check_metier(metier: MetierFile) -> list[str]:
    problems: list[str] = []
    for dup in _duplicates(c.id for c in metier.competences):
        problems.append(f"{METIER}: competences: id '{dup}' is defined twice")
    for dup in _duplicates(j.id for j in metier.jobs):
        problems.append(f"{METIER}: jobs: id '{dup}' is defined twice")
    catalogue = {c.id: c for c in metier.competences}
    for i, job in enumerate(metier.jobs):
        for jc in job.competences:
            where = f"{METIER}: jobs[{i}].competences[{jc.id}]"
            comp = catalogue.get(jc.id)
            if comp is None:
                problems.append(f"{where}: unknown competence '{jc.id}'{_near(jc.id, catalogue)}")
            elif jc.expected_level is not None and not comp.levelled:
                problems.append(
                    f"{where}.expected_level: competence '{jc.id}' has no levels in the "
                    f"catalogue, so it cannot have an expected level"
                )
    return problems


def _check_mobilities(mobilites: MobilitesFile, job_ids: set[str]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for i, mob in enumerate(mobilites.mobilities):
        where = f"{MOBILITES}: mobilities[{i}]"
        for field_name, value in (
            ("from", mob.source_job),
            ("to", mob.target_job),
            ("declared_by", mob.declared_by),
        ):
            if value not in job_ids:
                problems.append(f"{where}.{field_name}: unknown job '{value}'{_near(value, job_ids)}")
        pair = (mob.source_job, mob.target_job)
        if pair in seen:
            problems.append(f"{where}: duplicate mobility {pair[0]} -> {pair[1]}")
        seen.add(pair)
    return problems


def _near(word: str, names: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(names), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
