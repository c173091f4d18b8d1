"""The compiled form of a large dataset, cached on disk so that the next command starts fast.

Reading a 35 MB ``metier.json`` (3,000 jobs, 13,900 competences) means parsing the JSON and
validating 150,000 pydantic objects: about 2 seconds. Once a dataset has been read and found
valid, its compiled form is written to the cache; the next command with the same files builds
the same objects from it without parsing or validating again, and also finds there the level
matrix and (once a command has computed them) the cost parts of every pair of jobs.

- **Key**: the SHA-256 of both files' bytes, of the code that reads them (``models.py``, this
  module, ``levels.py``) and of the pydantic and numpy versions. Changing one byte of a file
  gives another key: a changed dataset is compiled again; old entries are pruned.
- **Format**: NumPy ``.npz`` archives read with ``allow_pickle=False`` (arrays of numbers and
  one UTF-8 JSON text): nothing in the cache can run code when read.
- **Robust**: a missing, truncated, corrupt or foreign cache file is removed and rebuilt;
  a cache folder that cannot be written is ignored. The cache never changes an answer.
- **Where**: ``$ESANTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/esante``, else ``~/.cache/esante``.
  ``ESANTE_NO_CACHE=1`` turns it off. Datasets under ``dataset.CACHE_MIN_BYTES`` are never cached (they
  load in milliseconds).
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import os
import tempfile
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from .dataset import Dataset
    from .levels import LevelMatrix, PairParts

FORMAT = 2

KEEP = 6  # compiled datasets kept in the cache folder (least recently used pruned)
CACHE_ENV = "ESANTE_CACHE_DIR"
NO_CACHE_ENV = "ESANTE_NO_CACHE"
_SUFFIX = ".esante.npz"
_PAIRS_SUFFIX = ".pairs.npz"
_CODE_FILES = ("models.py", "cache.py", "levels.py")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "esante"


def dataset_key(metier: bytes, mobilites: bytes) -> str:
    """The cache key of a dataset: its files' bytes and the code and versions that read them."""
    import numpy
    import pydantic

    h = hashlib.sha256()
    here = Path(__file__).resolve().parent
    h.update(f"esante-compiled-{FORMAT}|pydantic {pydantic.VERSION}|numpy {numpy.__version__}|"
             .encode())
    for name in _CODE_FILES:
        h.update(hashlib.sha256((here / name).read_bytes()).digest())
    for data in (metier, mobilites):
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


# -- the compiled form -----------------------------------------------------------------------


@dataclass
class Compiled:
    """What a large dataset compiles to, beside its objects: its level matrix, whose pairwise
    parts are read from the cache folder on first need, or computed and written there."""

    matrix: LevelMatrix
    key: str | None = None


@dataclass(frozen=True)
class PairStore:
    """Where a level matrix keeps the parts of every pair of jobs between processes: one
    ``.npz`` beside the compiled dataset, per blocking threshold."""

    folder: Path
    key: str
    n: int

    def _path(self, blocking_deficit: int) -> Path:
        return self.folder / f"{self.key}.b{blocking_deficit}{_PAIRS_SUFFIX}"

    def load(self, blocking_deficit: int) -> PairParts | None:
        import numpy as np

        from .levels import PairParts

        path = self._path(blocking_deficit)
        try:
            with np.load(path, allow_pickle=False) as z:
                if _text(z["key"]) != self.key:
                    raise ValueError("foreign pair parts")
                parts = PairParts(z["climb"], z["unused"], z["max_jump"], z["blocking"])
            for arr, dtype in ((parts.climb, np.int16), (parts.unused, np.int16),
                               (parts.max_jump, np.int8), (parts.blocking, np.int16)):
                if arr.shape != (self.n, self.n) or arr.dtype != dtype:
                    raise ValueError("pair parts of another shape")
            return parts
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001  (corrupt or foreign: forget it, compute again)
            _remove(path)
            return None

    def save(self, blocking_deficit: int, parts: PairParts) -> None:
        _save(self._path(blocking_deficit),
              {"key": _bytes(self.key), "climb": parts.climb, "unused": parts.unused,
               "max_jump": parts.max_jump, "blocking": parts.blocking})


# -- reading and writing ---------------------------------------------------------------------


def load(key: str, path: Path) -> Dataset | None:
    """The dataset compiled under ``key``, or None (not cached, or the entry is unusable and
    has been removed)."""
    directory = cache_dir()
    if directory is None:
        return None
    file = directory / f"{key}{_SUFFIX}"
    if not file.is_file():
        return None
    try:
        dataset = _read(file, key, path)
    except Exception:  # noqa: BLE001  (corrupt, truncated, foreign: rebuild, never fail)
        _remove(file)
        return None
    try:
        os.utime(file)  # most recently used
    except OSError:
        pass
    return dataset


def store(dataset: Dataset, key: str) -> Compiled | None:
    """Write the compiled form of a valid dataset; returns it (None if the cache is off or
    cannot be written: the cache is an optimisation, never a requirement)."""
    directory = cache_dir()
    if directory is None:
        return None
    import numpy as np

    from .levels import LevelMatrix

    matrix = LevelMatrix.of(dataset)
    meta, arrays = _encode(dataset)
    meta["key"] = key
    meta["ids"], meta["levelled"] = list(matrix.ids), list(matrix.competences)
    text = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
    arrays["meta"] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    for name in ("indptr", "cols", "values", "codes"):
        arrays[f"lm_{name}"] = getattr(matrix, name)
    arrays["lm_unlevelled"] = np.array([(r, c, p) for (r, c), p in matrix.unlevelled.items()],
                                       dtype=np.int64).reshape(-1, 3)
    if not _save(directory / f"{key}{_SUFFIX}", arrays):
        return None
    _prune(directory)
    return Compiled(_with_store(matrix, directory, key), key)


def _with_store(matrix: LevelMatrix, directory: Path, key: str) -> LevelMatrix:
    import dataclasses

    return dataclasses.replace(matrix, pair_store=PairStore(directory, key, matrix.n))


def _save(path: Path, arrays: dict[str, Any]) -> bool:
    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        _remove(Path(tmp))


def _prune(directory: Path) -> None:
    try:
        entries = sorted(directory.glob(f"*{_SUFFIX}"), key=lambda p: p.stat().st_mtime,
                         reverse=True)
    except OSError:
        return
    for old in entries[KEEP:]:
        key = old.name[: -len(_SUFFIX)]
        _remove(old)
        for pairs in directory.glob(f"{key}.b*{_PAIRS_SUFFIX}"):
            _remove(pairs)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _bytes(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def _text(array: np.ndarray) -> str:
    return bytes(array).decode("utf-8")


# -- encoding the objects --------------------------------------------------------------------
#
# The jobs' small parts (titles, codes, cards...) are kept as JSON of their explicitly set
# fields; the bulk (every job's level on every competence it lists) as arrays, with the texts
# (sources, reasons, examples) in one table of distinct strings.

_JC_OPTIONAL = ("source", "reason", "example", "expected_level")  # bit k: field k was set


@functools.cache
def _provenances() -> tuple[str, ...]:
    """The provenance values, in the order their codes use (the schema's order)."""
    from .models import Provenance

    return typing.get_args(Provenance)


def _encode(dataset: Dataset) -> tuple[dict[str, Any], dict[str, Any]]:
    import numpy as np

    metier = dataset.metier
    comp_index = {c.id: k for k, c in enumerate(metier.competences)}
    prov_index = {p: k for k, p in enumerate(_provenances())}
    strings: dict[str, int] = {}

    def sid(text: str | None) -> int:
        if text is None:
            return -1
        found = strings.get(text)
        if found is None:
            found = strings[text] = len(strings)
        return found

    level_sets: dict[tuple[str, ...], int] = {}
    competences = []
    for comp in metier.competences:
        levels = tuple(comp.levels)
        ls = level_sets.setdefault(levels, len(level_sets))
        competences.append([comp.id, comp.label, ls, sorted(comp.model_fields_set)])

    jobs = []
    indptr = [0]
    cols: list[int] = []
    lv: list[int] = []
    prov: list[int] = []
    src: list[int] = []
    reason: list[int] = []
    example: list[int] = []
    setbits: list[int] = []
    for job in metier.jobs:
        dump = job.model_dump(mode="json", exclude_unset=True)
        dump.pop("competences", None)
        jobs.append([dump, "competences" in job.model_fields_set])
        for jc in job.competences:
            cols.append(comp_index.get(jc.id, -1))
            lv.append(jc.expected_level or 0)
            prov.append(prov_index[jc.provenance])
            src.append(sid(jc.source))
            reason.append(sid(jc.reason))
            example.append(sid(jc.example))
            fs = jc.model_fields_set
            setbits.append(sum(1 << k for k, name in enumerate(_JC_OPTIONAL) if name in fs))
        indptr.append(len(cols))
    if -1 in cols:
        raise ValueError("a job lists a competence the catalogue lacks")  # not a valid dataset
    meta = {
        "format": FORMAT,
        "metier_set": sorted(metier.model_fields_set),
        "dataset": metier.dataset.model_dump(mode="json", exclude_unset=True),
        "competences": competences,
        "level_sets": [list(k) for k in level_sets],
        "jobs": jobs,
        "mobilites": dataset.mobilites.model_dump(mode="json", exclude_unset=True),
        "strings": list(strings),
    }
    # Identical entries (same competence, level, provenance, texts) are stored, and later
    # built, once: an imported skill's entry is the same in every job that lists it, and a
    # frozen model can be shared. 130,000 entries of ESCO make about 25,000 objects.
    table = np.stack([np.asarray(c, dtype=np.int64) for c in
                      (cols, lv, prov, src, reason, example, setbits)], axis=1)
    unique, refs = np.unique(table.reshape(-1, 7), axis=0, return_inverse=True)
    arrays = {
        "jc_indptr": np.asarray(indptr, dtype=np.int64),
        "jc_unique": unique.astype(np.int32),
        "jc_ref": np.asarray(refs, dtype=np.int32).reshape(-1),
    }
    return meta, arrays


def _read(file: Path, key: str, path: Path) -> Dataset:
    import numpy as np

    from .dataset import Dataset
    from .levels import LevelMatrix
    from .models import (
        Competence,
        DatasetInfo,
        Job,
        JobCompetence,
        MetierFile,
        MobilitesFile,
    )

    with np.load(file, allow_pickle=False) as z:
        arrays = {name: z[name] for name in z.files}
    meta = json.loads(_text(arrays["meta"]))
    if meta.get("format") != FORMAT or meta.get("key") != key:
        raise ValueError("not this dataset's compiled form")

    level_sets = [list(ls) for ls in meta["level_sets"]]
    new, put = object.__new__, object.__setattr__
    competences = []
    for cid, label, ls, fs in meta["competences"]:
        comp = new(Competence)
        put(comp, "__dict__", {"id": cid, "label": label, "levels": list(level_sets[ls])})
        put(comp, "__pydantic_fields_set__", set(fs))
        put(comp, "__pydantic_extra__", None)
        put(comp, "__pydantic_private__", None)
        competences.append(comp)
    comp_ids = [c.id for c in competences]
    strings = meta["strings"]
    provs = _provenances()
    indptr = arrays["jc_indptr"].tolist()
    unique = arrays["jc_unique"]
    refs = arrays["jc_ref"]
    if (unique.ndim != 2 or unique.shape[1] != 7 or len(indptr) != len(meta["jobs"]) + 1
            or indptr[-1] != len(refs) or (len(refs) and int(refs.max()) >= len(unique))):
        raise ValueError("inconsistent arrays")
    comp, level, prov, src, reason, example, setbits = (unique[:, k].tolist() for k in range(7))

    # Index -1 ("none") picks the None at the end of the texts.
    texts = strings + [None]
    required = {"id", "provenance"}
    fields_sets = {
        bits: required | {name for b, name in enumerate(_JC_OPTIONAL) if bits >> b & 1}
        for bits in set(setbits)
    }
    built: list[Any] = []
    append = built.append
    for p, so, r, c, lv, ex, bits in zip(
        [provs[k] for k in prov], [texts[k] for k in src], [texts[k] for k in reason],
        [comp_ids[k] for k in comp], [lv or None for lv in level], [texts[k] for k in example],
        setbits,
    ):
        obj = new(JobCompetence)
        put(obj, "__dict__", {"provenance": p, "source": so, "reason": r, "id": c,
                              "expected_level": lv, "example": ex})
        put(obj, "__pydantic_fields_set__", set(fields_sets[bits]))
        put(obj, "__pydantic_extra__", None)
        put(obj, "__pydantic_private__", None)
        append(obj)
    bulk = [built[k] for k in refs.tolist()]
    jobs = []
    for k, (dump, comps_set) in enumerate(meta["jobs"]):
        fields = set(dump)
        if comps_set:
            fields.add("competences")
        job = _build(Job, dump, fields)
        job.__dict__["competences"] = bulk[indptr[k]:indptr[k + 1]]
        jobs.append(job)

    info = _build(DatasetInfo, meta["dataset"], set(meta["dataset"]))
    metier = _make(MetierFile, {"schema_version": 1, "dataset": info, "competences": competences,
                                "jobs": jobs}, set(meta["metier_set"]))
    mobilites = _build(MobilitesFile, meta["mobilites"], set(meta["mobilites"]))
    _check_sample(metier, mobilites)

    unlevelled = {(int(r), int(c)): int(p) for r, c, p in arrays["lm_unlevelled"].tolist()}
    matrix = LevelMatrix.from_arrays(tuple(meta["ids"]), tuple(meta["levelled"]),
                                     arrays["lm_indptr"], arrays["lm_cols"],
                                     arrays["lm_values"], arrays["lm_codes"], unlevelled)
    if matrix.indptr[-1] != len(matrix.cols) or len(matrix.ids) != len(jobs):
        raise ValueError("inconsistent level matrix")
    compiled = Compiled(_with_store(matrix, file.parent, key), key)
    return Dataset(
        path=path,
        metier=metier,
        mobilites=mobilites,
        jobs_by_id={j.id: j for j in jobs},
        competences_by_id={c.id: c for c in competences},
        compiled_form=compiled,
    )


def _check_sample(metier: Any, mobilites: Any) -> None:
    """Validate one job and the mobilities for real, and compare: a cache written by another
    pydantic version (or a bug here) is caught rather than trusted."""
    from .models import Job, MobilitesFile

    job = metier.jobs[0]
    again = Job.model_validate(job.model_dump(mode="json", exclude_unset=True))
    if again != job or again.model_fields_set != job.model_fields_set:
        raise ValueError("compiled jobs differ from validated ones")
    if MobilitesFile.model_validate(mobilites.model_dump(mode="json", by_alias=True)) != mobilites:
        raise ValueError("compiled mobilities differ from validated ones")


# A pydantic object made without validation, from data that was validated when the cache was
# written: the instance state ``model_construct`` sets, without its per-field overhead.


def _make(cls: type, values: dict[str, Any], fields_set: set[str]) -> Any:
    defaults, fresh = _defaults(cls)
    full = dict(defaults)
    full.update(values)
    for name, factory in fresh:
        if name not in values:
            full[name] = factory()
    obj: Any = object.__new__(cls)
    object.__setattr__(obj, "__dict__", full)
    object.__setattr__(obj, "__pydantic_fields_set__", fields_set)
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


@functools.cache
def _defaults(cls: type) -> tuple[dict[str, Any], tuple[tuple[str, Any], ...]]:
    """A model's fields with their defaults, in order; and the fields whose default is a
    list or dict, which each object gets a fresh copy of."""
    defaults: dict[str, Any] = {}
    fresh = []
    for name, _, _, default in _plan(cls):
        defaults[name] = default
        if isinstance(default, (list, dict, set)):
            fresh.append((name, functools.partial(copy.copy, default)))
    return defaults, tuple(fresh)


def _build(cls: type, data: dict[str, Any], fields_set: set[str]) -> Any:
    """A model (and its nested models) from its ``model_dump(exclude_unset=True)``."""
    converters = _converters(cls)
    values: dict[str, Any] = {}
    for key, value in data.items():
        name, convert = converters[key]
        values[name] = value if convert is None or value is None else convert(value)
    return _make(cls, values, fields_set)


@functools.cache
def _converters(cls: type) -> dict[str, tuple[str, Any]]:
    """Field name (and alias) -> (field name, how to rebuild a dumped value or None)."""
    out: dict[str, tuple[str, Any]] = {}
    for name, alias, convert, _ in _plan(cls):
        out[name] = (name, convert)
        if alias:
            out.setdefault(alias, (name, convert))
    return out


@functools.cache
def _plan(cls: type) -> tuple[tuple[str, str | None, Any, Any], ...]:
    """Per field of a model: name, alias, how to rebuild a dumped value (None: as it is),
    default."""
    plan = []
    for name, info in cls.model_fields.items():  # type: ignore[attr-defined]
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        plan.append((name, info.alias, _converter(info.annotation), default))
    return tuple(plan)


def _converter(annotation: Any) -> Any:
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _converter(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        inner = [_converter(a) for a in typing.get_args(annotation) if a is not type(None)]
        return inner[0] if len(inner) == 1 else None
    if origin is list:
        args = typing.get_args(annotation)
        item = _converter(args[0]) if args else None
        return None if item is None else (lambda v: [None if x is None else item(x) for x in v])
    if origin is dict:
        args = typing.get_args(annotation)
        item = _converter(args[1]) if len(args) == 2 else None
        return None if item is None else (lambda v: {k: item(x) for k, x in v.items()})
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return lambda v: _build(annotation, v, set(v))
    return None
