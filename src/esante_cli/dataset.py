"""The one reader of the data files: ``load_dataset`` and ``validate_dataset``.

A dataset is a folder holding ``metier.json`` and ``mobilites.json``. Without a path, the
``ESANTE_DATA`` variable names it; without that, the data packaged with the tool is used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .errors import DatasetError, InputError
from .language import N_, _, colon
from .models import (
    NEEDS_SOURCE,
    Competence,
    Job,
    MetierFile,
    MobilitesFile,
    Mobility,
    sourcing_problem,
)

_T = TypeVar("_T")

METIER = "metier.json"
MOBILITES = "mobilites.json"
ENV_VAR = "ESANTE_DATA"
CACHE_MIN_BYTES = 1_000_000  # datasets smaller than this are never cached (see cache.py)


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
    # The cache key of a large dataset (its files' content): where the parts of every pair of
    # jobs are kept between commands (see ``esante_cli.cache``); None: not cached.
    cache_key: str | None = field(default=None, repr=False, compare=False)

    @property
    def version(self) -> str:
        return self.metier.dataset.version

    @property
    def date(self) -> str:
        return self.metier.dataset.date

    @property
    def jobs(self) -> list[Job]:
        """Jobs sorted by id, so that every output is deterministic."""
        return list(self._sorted_jobs)

    @cached_property
    def _sorted_jobs(self) -> tuple[Job, ...]:
        return tuple(sorted(self.metier.jobs, key=lambda j: j.id))

    def memo(self, key: str, make: Callable[[], _T]) -> _T:
        """A value derived from this dataset alone (a name index, say), made on first use and
        kept with the dataset: a batch or a query asking twice pays once."""
        store = self._memo
        if key not in store:
            store[key] = make()
        return store[key]

    @cached_property
    def _memo(self) -> dict[str, Any]:
        return {}

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
    """Read, validate and cross-check a dataset; raise ``DatasetError`` listing every problem.

    A large dataset (1 MB or more) gets a cache key from the content of its files: the parts
    of every pair of its jobs are kept under it between commands (see ``esante_cli.cache``)."""
    folder = resolve_data_dir(path)
    raw = _read_bytes(folder)
    large = raw is not None and len(raw[METIER]) + len(raw[MOBILITES]) >= CACHE_MIN_BYTES
    with _gc_paused(freeze=large):
        dataset, problems = _read(folder, raw)
    if problems or dataset is None:
        raise DatasetError(problems or [_("{path} : jeu de données invalide").format(path=folder)])
    key = _cache_key(raw)
    if key is not None:
        object.__setattr__(dataset, "cache_key", key)
    return dataset


@contextmanager
def _gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while a dataset's objects are made: they are all
    kept, and on a large dataset the collector's passes over them cost a third of the time.
    ``freeze`` (a large dataset): then move every object made so far out of the collector's
    sight (``gc.freeze``), or its next passes would walk the half million objects again, 0.1 s
    or more of every command at the ESCO size (they are still freed when no longer used)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _read_bytes(folder: Path) -> dict[str, bytes] | None:
    """Both files' bytes, or None if either cannot be read (the normal path reports why)."""
    from .files import read_user_file

    try:
        return {
            name: read_user_file(folder / name, "data", name=name) for name in (METIER, MOBILITES)
        }
    except InputError:
        return None


def _cache_key(raw: dict[str, bytes] | None) -> str | None:
    # Small datasets (the bundled one) are read directly, without importing the cache code.
    if raw is None or len(raw[METIER]) + len(raw[MOBILITES]) < CACHE_MIN_BYTES:
        return None
    from . import cache

    if cache.cache_dir() is None:
        return None
    return cache.dataset_key(raw[METIER], raw[MOBILITES])


def validate_dataset(path: str | os.PathLike[str] | None = None) -> list[str]:
    """Every problem of a dataset, as one line each (empty: the dataset is valid)."""
    with _gc_paused():
        return _read(resolve_data_dir(path))[1]


def read_dataset_info(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The ``dataset`` block of ``metier.json`` without validating the rest (for --version)."""
    file = resolve_data_dir(path) / METIER
    try:
        known = _INFO_SEEN.get(_stamp(file))
        if known is not None:
            return dict(known)
        from .files import read_user_file

        raw = json.loads(read_user_file(file, "data").decode("utf-8-sig"))
        info = raw.get("dataset", {})
        return info if isinstance(info, dict) else {}
    except (OSError, ValueError, AttributeError, InputError, RecursionError):
        return {}


# The ``dataset`` block of the metier.json files parsed in this process, by path, size and
# modification time: ``esante validate`` reads it right after validating, and a 35 MB file
# should not be parsed twice for eight lines.
_INFO_SEEN: dict[tuple[str, int, int], dict[str, Any]] = {}


def _stamp(file: Path) -> tuple[str, int, int]:
    st = file.stat()
    return (str(file.resolve()), st.st_size, st.st_mtime_ns)


# -- reading -------------------------------------------------------------------------------


def _read(folder: Path, raw: dict[str, bytes] | None = None) -> tuple[Dataset | None, list[str]]:
    if not os.path.isdir(folder):  # False, not an error, for a name too long or a link loop
        message = _("{path} : pas un dossier de données (il doit contenir {a} et {b})")
        return None, [message.format(path=folder, a=METIER, b=MOBILITES)]
    problems: list[str] = []
    raw = raw or {}
    raw_metier = _read_json(folder / METIER, problems, raw.get(METIER))
    raw_mob = _read_json(folder / MOBILITES, problems, raw.get(MOBILITES))
    metier = _validate(MetierFile, raw_metier, METIER, problems) if raw_metier is not None else None
    mobilites = (
        _validate(MobilitesFile, raw_mob, MOBILITES, problems) if raw_mob is not None else None
    )
    if metier is not None:
        problems.extend(_check_metier(metier))
    elif raw_metier is not None:  # the levels' provenances, which the models leave to us
        problems.extend(_raw_sourcing_problems(raw_metier))
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


def _read_json(file: Path, problems: list[str], data: bytes | None = None) -> Any:
    from .files import read_user_file

    name = file.name
    if data is None:
        if not os.path.lexists(file):
            problems.append(
                _("{path} : fichier introuvable dans {folder}").format(
                    path=name, folder=file.parent
                )
            )
            return None
        try:
            data = read_user_file(file, "data", name=name)
        except InputError as exc:
            problems.append(str(exc))
            return None
    parsed = _fast_json(data) if len(data) >= CACHE_MIN_BYTES else None
    if parsed is None:
        parsed = _slow_json(name, data, problems)
        if parsed is None:
            return None
    if name == METIER and isinstance(parsed, dict) and isinstance(parsed.get("dataset"), dict):
        try:
            _INFO_SEEN[_stamp(file)] = dict(parsed["dataset"])
        except OSError:
            pass
    return parsed


def _fast_json(data: bytes) -> Any:
    """A large file parsed by orjson (a 35 MB ESCO import: 0.15 s less than decoding it and
    parsing with json), or None when orjson is missing or refuses it: the json module then
    reads it again and says what is wrong, as it does for small files."""
    try:
        import orjson
    except ImportError:  # pragma: no cover  (a dependency; json does the same, slower)
        return None
    try:
        return orjson.loads(data[3:] if data.startswith(b"\xef\xbb\xbf") else data)
    except orjson.JSONDecodeError:
        return None


def _slow_json(name: str, data: bytes, problems: list[str]) -> Any:
    """The file parsed by the json module, or None with the problem (encoding, emptiness,
    syntax) in ``problems``."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            _("{path} : texte non UTF-8 (octet {byte})").format(path=name, byte=exc.start)
        )
        return None
    if not text.strip():
        problems.append(_("{path} : le fichier est vide").format(path=name))
        return None
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("{path} : ligne {line}, colonne {column} : JSON invalide ({error})")
        problems.append(message.format(path=name, line=exc.lineno, column=exc.colno, error=exc.msg))
        return None
    except RecursionError:
        from .files import TOO_DEEP_ANY

        problems.append(_(TOO_DEEP_ANY).format(path=name))
        return None
    if parsed is None:  # None is also "unreadable" to the caller: say it here
        problems.append(_("{path} : null, pas un objet JSON").format(path=name))
        return None
    return parsed


def _validate(model: type[Any], raw: Any, name: str, problems: list[str]) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        from .validation import Source
        from .validation import problems as described

        src = Source(name, raw=raw)
        problems.extend(src.describe(p) for p in described(exc, model=model, phrases=_PHRASES))
        return None


# The data files bound levels only (models.Level): a level's message gives the whole scale.
_PHRASES = {
    kind: N_("doit être entre 1 et 4, reçu {input}")
    for kind in ("greater_than_equal", "less_than_equal")
}


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


def _raw_sourcing_problems(raw: Any) -> list[str]:
    """What the levels' provenances lack (:func:`models.sourcing_problem`), read from the
    parsed file when it did not validate: every problem is said at once."""
    jobs = raw.get("jobs") if isinstance(raw, dict) else None
    problems: list[str] = []
    for i, job in enumerate(jobs if isinstance(jobs, list) else []):
        comps = job.get("competences") if isinstance(job, dict) else None
        for jc in comps if isinstance(comps, list) else []:
            if not isinstance(jc, dict) or not isinstance(jc.get("provenance"), str):
                continue
            source, reason = jc.get("source"), jc.get("reason")
            if not (source is None or isinstance(source, str)) or not (
                reason is None or isinstance(reason, str)
            ):
                continue
            missing = sourcing_problem(jc["provenance"], source, reason)
            if missing is not None:
                where = f"{METIER}{colon()}jobs[{i}].competences[{jc.get('id')}]"
                problems.append(f"{where}{colon()}{missing}")
    return problems


def _check_metier(metier: MetierFile) -> list[str]:
    problems: list[str] = []
    for dup in _duplicates(c.id for c in metier.competences):
        problems.append(
            _("{path} : competences : l'id « {id} » est défini deux fois").format(
                path=METIER, id=dup
            )
        )
    for dup in _duplicates(j.id for j in metier.jobs):
        problems.append(
            _("{path} : jobs : l'id « {id} » est défini deux fois").format(path=METIER, id=dup)
        )
    catalogue = {c.id: c for c in metier.competences}
    # One set look-up per entry: a large dataset has 130,000 of them.
    known = catalogue.keys()
    unlevelled = {cid for cid, c in catalogue.items() if not c.levelled}
    for i, job in enumerate(metier.jobs):
        for jc in job.competences:
            cid = jc.id
            reason = jc.reason
            # what the entry's provenance needs (models.JobCompetence); the common case, a
            # one-line reason and no source needed, in three tests
            if not (
                reason
                and jc.provenance not in NEEDS_SOURCE
                and "\n" not in reason
                and not reason.isspace()
            ):
                missing = sourcing_problem(jc.provenance, jc.source, reason)
                if missing is not None:
                    where = f"{METIER}{colon()}jobs[{i}].competences[{cid}]"
                    problems.append(f"{where}{colon()}{missing}")
            if cid in known and (cid not in unlevelled or jc.expected_level is None):
                continue
            where = f"{METIER}{colon()}jobs[{i}].competences[{cid}]"
            if cid not in known:
                message = _("{where} : compétence inconnue « {id} »{hint}")
                problems.append(message.format(where=where, id=cid, hint=_near(cid, catalogue)))
            else:
                message = _(
                    "{where}.expected_level : la compétence « {id} » n'a pas de niveaux dans le "
                    "catalogue, elle ne peut pas avoir de niveau attendu"
                )
                problems.append(message.format(where=where, id=cid))
    return problems


def _check_mobilities(mobilites: MobilitesFile, job_ids: set[str]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    for i, mob in enumerate(mobilites.mobilities):
        where = f"{MOBILITES}{colon()}mobilities[{i}]"
        for field_name, value in (
            ("from", mob.source_job),
            ("to", mob.target_job),
            ("declared_by", mob.declared_by),
        ):
            if value not in job_ids:
                message = _("{where}.{field} : métier inconnu « {id} »{hint}")
                problems.append(
                    message.format(
                        where=where, field=field_name, id=value, hint=_near(value, job_ids)
                    )
                )
        pair = (mob.source_job, mob.target_job)
        if pair in seen:
            message = _("{where} : mobilité en double {source} -> {target}")
            problems.append(message.format(where=where, source=pair[0], target=pair[1]))
        seen.add(pair)
    return problems


def _near(word: str, names: Any) -> str:
    from .validation import did_you_mean

    return did_you_mean(word, sorted(names), list_known=False)
