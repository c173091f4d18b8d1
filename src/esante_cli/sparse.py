"""Level matrices of large datasets, kept sparse, and the cost parts of every move between them.

An ESCO-sized dataset has 3,000 jobs and 13,900 competences, but each job levels about 43 of
them. The dense forms of :mod:`esante_cli.costmodel` (indicator matrices of jobs x 4
competences) and of :mod:`esante_cli.graph` (a NaN matrix and a provenance per cell) would
take gigabytes there; this module keeps only the cells that hold a level.

- :class:`SparseLevels` is an (n, C) level matrix in CSR form that behaves enough like the
  dense one for the cost model: ``shape``, row selection (``m[3:9]``, ``m[[4]]``), one cell
  (``m[i, c]``: a level or NaN), ``toarray()``.
- :class:`SparseCore` computes what :class:`esante_cli.costmodel._Core` computes (climb,
  unused, max_jump, blocking, compared) from the competences two jobs share, so the work grows
  with the shared cells, not with jobs x jobs x competences. It subclasses ``_Core`` and keeps
  its ``computed()`` and ``units()``: the cost formula stays in one place.
- :class:`SparseLevelMatrix` is a :class:`esante_cli.graph.LevelMatrix` whose levels are a
  ``SparseLevels`` and whose provenance is kept per entry.

The identities, for a move from source ``i`` (levels ``s``, 0 where absent) to target ``j``
(levels ``t`` on its competences ``T_j``), sums over the competences both level (``s, t >= 1``):

    climb    = sum_{T_j} t  -  sum min(s, t)
    unused   = sum max(0, s - t)
    count_d  = #{c in T_j : t >= d}  -  #{shared c : t >= d and t - s < d}   (deficits >= d)
    max_jump = #{d in 1..4 : count_d > 0};  blocking = count_{blocking_deficit}

Shared cells are enumerated per competence (each source entry meets the targets that level
the same competence) and summed per (source, target) with weighted ``np.bincount``,
vectorised, in blocks of source rows to bound memory: about 15 million shared cells, 1.5 s, at
the ESCO size. A test checks every part against the dense code on random matrices.

The whole matrix's parts (n x n, 45 MB at 3,000 jobs) are computed once, kept with the
matrix and, for a cached dataset, written to the cache (:mod:`esante_cli.cache`); the route
search's chunks, and later processes, read them from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from .costmodel import DEFAULT_MODEL, MAX_LEVEL, ModelConfig, _Core
from .graph import PROVENANCE_ORDER, LevelMatrix, weakest

if TYPE_CHECKING:
    from .dataset import Dataset

# Above this many cells (jobs x levelled competences), level matrices are kept sparse.
DENSE_CELLS = 2_000_000
_BLOCK_PAIRS = 2_000_000  # shared cells, and moves, per block of source rows
_BULK_ROWS = 64  # asking this many rows against all computes (and keeps) the whole matrix


def wants_sparse(n_jobs: int, n_competences: int) -> bool:
    """Whether a level matrix this size should be sparse."""
    return n_jobs * n_competences > DENSE_CELLS


# -- the matrix ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairParts:
    """climb, unused and max_jump of every move between the rows of a matrix (n x n): what
    the route search needs, independent of the model's weights and thresholds."""

    climb: np.ndarray  # int16
    unused: np.ndarray  # int16
    max_jump: np.ndarray  # int8


class _Base:
    """The full CSR arrays, shared by every row selection of a matrix."""

    def __init__(self, indptr: np.ndarray, indices: np.ndarray, values: np.ndarray,
                 n_cols: int) -> None:
        self.indptr = np.asarray(indptr, dtype=np.int64)
        self.indices = np.asarray(indices, dtype=np.int32)
        self.values = np.asarray(values, dtype=np.int8)
        self.n_rows = len(self.indptr) - 1
        self.n_cols = int(n_cols)
        self.parts: PairParts | None = None
        # Where computed parts may be found (the cache), and who to tell when they are computed.
        self.load_parts: Callable[[], PairParts | None] | None = None
        self.on_parts: Callable[[PairParts], None] | None = None
        self._looked = False

    def stored_parts(self) -> PairParts | None:
        """The parts kept in memory, else read (once) from where ``load_parts`` finds them."""
        if self.parts is None and not self._looked and self.load_parts is not None:
            self._looked = True
            self.parts = self.load_parts()
        return self.parts

    @cached_property
    def row_of_entry(self) -> np.ndarray:
        return np.repeat(np.arange(self.n_rows, dtype=np.int32), np.diff(self.indptr))

    @cached_property
    def csc(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(colptr, rows, values): the entries sorted by competence, then row."""
        order = np.lexsort((self.row_of_entry, self.indices))
        counts = np.bincount(self.indices, minlength=self.n_cols)
        colptr = np.zeros(self.n_cols + 1, dtype=np.int64)
        np.cumsum(counts, out=colptr[1:])
        return colptr, self.row_of_entry[order], self.values[order]

    @cached_property
    def row_dicts(self) -> list[dict[int, int] | None]:
        return [None] * self.n_rows

    def row_dict(self, i: int) -> dict[int, int]:
        """Column -> level of row ``i`` (built on first use)."""
        cache = self.row_dicts
        found = cache[i]
        if found is None:
            lo, hi = self.indptr[i], self.indptr[i + 1]
            found = dict(zip(self.indices[lo:hi].tolist(), self.values[lo:hi].tolist()))
            cache[i] = found
        return found


class SparseLevels:
    """An (n, C) matrix of levels 1..4 (absent cells: no level), in CSR form.

    Supports what the cost model does with a dense level matrix: ``shape``, row selection
    by slice, list or array (sharing the arrays), ``m[i, c]`` (the level as a float, NaN when
    absent), ``m[i]`` (one dense row) and ``toarray()`` / ``np.asarray(m)`` (the dense NaN
    matrix, for small selections).
    """

    def __init__(self, base: _Base, rows: np.ndarray | None = None) -> None:
        self.base = base
        self.rows = rows  # None: every row of the base, in order

    @classmethod
    def from_csr(cls, indptr: Any, indices: Any, values: Any, n_cols: int) -> SparseLevels:
        return cls(_Base(indptr, indices, values, n_cols))

    @classmethod
    def from_dense(cls, levels: Any) -> SparseLevels:
        """From a dense (n, C) matrix of levels with NaN (or 0) for 'no level'."""
        dense = np.nan_to_num(np.asarray(levels, dtype=float), nan=0.0)
        rows, cols = np.nonzero(dense)
        indptr = np.zeros(dense.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=dense.shape[0]), out=indptr[1:])
        return cls.from_csr(indptr, cols, dense[rows, cols], dense.shape[1])

    # -- shape and selection ----------------------------------------------------------------

    @property
    def row_ids(self) -> np.ndarray:
        if self.rows is None:
            return np.arange(self.base.n_rows)
        return self.rows

    @property
    def is_full(self) -> bool:
        return self.rows is None

    def span(self) -> slice | np.ndarray:
        """The selected rows as a slice when they are consecutive (indexing with it gives
        views, not copies), else as an array."""
        rows = self.rows
        if rows is None:
            return slice(None)
        if len(rows) and rows[-1] - rows[0] == len(rows) - 1 and (
                len(rows) < 3 or bool(np.all(np.diff(rows) == 1))):
            return slice(int(rows[0]), int(rows[-1]) + 1)
        return rows

    @property
    def shape(self) -> tuple[int, int]:
        n = self.base.n_rows if self.rows is None else len(self.rows)
        return (n, self.base.n_cols)

    @property
    def ndim(self) -> int:
        return 2

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, tuple):
            i, c = key
            row = int(self.row_ids[i])
            level = self.base.row_dict(row).get(int(c))
            return float("nan") if level is None else float(level)
        if isinstance(key, (int, np.integer)):
            return self[[int(key)]].toarray()[0]
        picked = self.row_ids[key]
        return SparseLevels(self.base, np.atleast_1d(np.asarray(picked, dtype=np.int64)))

    def toarray(self) -> np.ndarray:
        indptr, indices, values = self.csr()
        dense = np.full(self.shape, np.nan)
        rows = np.repeat(np.arange(self.shape[0]), np.diff(indptr))
        dense[rows, indices] = values
        return dense

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        dense = self.toarray()
        return dense if dtype is None else dense.astype(dtype)

    def csr(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(indptr, indices, values) of the selected rows."""
        b = self.base
        if self.rows is None:
            return b.indptr, b.indices, b.values
        starts, stops = b.indptr[self.rows], b.indptr[self.rows + 1]
        lengths = stops - starts
        indptr = np.zeros(len(self.rows) + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        take = _ranges(starts, lengths)
        return indptr, b.indices[take], b.values[take]

    def csc(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(colptr, rows, values) of the selected rows (rows numbered in the selection)."""
        if self.rows is None:
            return self.base.csc
        indptr, indices, values = self.csr()
        rows = np.repeat(np.arange(len(self.rows), dtype=np.int32), np.diff(indptr))
        order = np.lexsort((rows, indices))
        colptr = np.zeros(self.base.n_cols + 1, dtype=np.int64)
        np.cumsum(np.bincount(indices, minlength=self.base.n_cols), out=colptr[1:])
        return colptr, rows[order], values[order]

    # -- per-row sums the identities need ----------------------------------------------------

    def row_stats(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per selected row: sum of levels, number of levels, and #{levels >= d} for d = 1..4."""
        indptr, _, values = self.csr()
        n = self.shape[0]
        rows = np.repeat(np.arange(n), np.diff(indptr))
        total = np.bincount(rows, weights=values, minlength=n).astype(np.int64)
        count = np.diff(indptr).astype(np.int64)
        at_least = np.stack([np.bincount(rows, weights=values >= d, minlength=n)
                             for d in range(1, MAX_LEVEL + 1)]).astype(np.int64)
        return total, count, at_least


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The concatenation of ``range(s, s + l)`` for each start and length, vectorised."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    first = np.repeat(starts - (ends - lengths), lengths)
    return first + np.arange(total, dtype=np.int64)


# -- the cost parts of every move ------------------------------------------------------------

# For each (s, t) code = (s - 1) * 4 + (t - 1): min(s, t), max(0, s - t), and for d = 1..4
# whether a shared competence removes a target level >= d from the deficits >= d.
_S = np.repeat(np.arange(1, MAX_LEVEL + 1), MAX_LEVEL)
_T = np.tile(np.arange(1, MAX_LEVEL + 1), MAX_LEVEL)
_FEATURES = np.stack(
    [np.minimum(_S, _T), np.maximum(0, _S - _T)]
    + [((_T >= d) & (_T - _S < d)).astype(int) for d in range(1, MAX_LEVEL + 1)],
).astype(np.float64)  # (6, 16)


def shared_sums(source: SparseLevels, target: SparseLevels, start: int = 0,
                stop: int | None = None) -> np.ndarray:
    """(6, rows, targets): for each move from source rows ``start:stop`` to each target, over
    the competences both level: sum min(s, t), sum max(0, s - t), and the four corrections of
    the deficit counts (see the module's doc)."""
    stop = source.shape[0] if stop is None else stop
    b, n = stop - start, target.shape[0]
    if b <= 0 or n == 0:
        return np.zeros((len(_FEATURES), max(b, 0), n))
    indptr, indices, values = source.csr()
    colptr, t_rows, t_values = target.csc()
    lo, hi = int(indptr[start]), int(indptr[stop])
    cols = indices[lo:hi]
    reps = colptr[cols + 1] - colptr[cols]
    keep = reps > 0
    src_row = np.repeat(np.arange(b, dtype=np.int64), np.diff(indptr[start:stop + 1]))[keep]
    cols, reps, s_val = cols[keep], reps[keep], values[lo:hi][keep]
    pos = _ranges(colptr[cols], reps)
    key = np.repeat(src_row * n, reps)
    key += t_rows[pos]
    code = np.repeat((s_val.astype(np.intp) - 1) * MAX_LEVEL, reps)
    code += t_values[pos] - 1
    out = np.empty((len(_FEATURES), b * n))
    for k, weights in enumerate(_FEATURES):
        out[k] = np.bincount(key, weights=weights[code], minlength=b * n)
    return out.reshape(len(_FEATURES), b, n)


def _blocks(source: SparseLevels, target: SparseLevels) -> list[tuple[int, int]]:
    """Source row ranges, each meeting at most about ``_BLOCK_PAIRS`` shared cells and
    ``_BLOCK_PAIRS`` (row, target) moves, to bound memory."""
    a, n = source.shape[0], target.shape[0]
    indptr, indices, _ = source.csr()
    colptr = target.csc()[0]
    per_entry = np.zeros(len(indices) + 1, dtype=np.int64)
    np.cumsum(colptr[indices + 1] - colptr[indices], out=per_entry[1:])
    cum = per_entry[indptr[1:]]  # shared cells met by rows 0..r, for each r
    max_rows = max(1, _BLOCK_PAIRS // max(1, n))
    blocks, start = [], 0
    while start < a:
        done = int(cum[start - 1]) if start else 0
        stop = int(np.searchsorted(cum, done + _BLOCK_PAIRS, side="right"))
        stop = min(a, max(start + 1, min(stop, start + max_rows)))
        blocks.append((start, stop))
        start = stop
    return blocks


class SparseCore(_Core):
    """:class:`esante_cli.costmodel._Core` (climb, unused, max_jump, blocking, compared of
    every move from the rows of ``source`` to those of ``target``) for sparse matrices."""

    def __init__(self, source: Any, target: Any, config: ModelConfig = DEFAULT_MODEL, *,
                 blocking: bool = True):
        self.config = config
        src = source if isinstance(source, SparseLevels) else SparseLevels.from_dense(source)
        tgt = target if isinstance(target, SparseLevels) else SparseLevels.from_dense(target)
        total, self.compared, at_least = tgt.row_stats()
        self.required = total.astype(np.int64)
        bd = config.thresholds.blocking_deficit
        cached = _cached_parts(src, tgt, need_blocking=blocking)
        if cached is not None:
            self.climb, self.unused, self.max_jump = cached
            self.blocking = None
            return
        a, n = src.shape[0], tgt.shape[0]
        self.climb = np.empty((a, n), dtype=np.int16)
        self.unused = np.empty((a, n), dtype=np.int16)
        self.max_jump = np.empty((a, n), dtype=np.int8)
        self.blocking = np.empty((a, n), dtype=np.int16) if blocking else None
        for start, stop in _blocks(src, tgt):
            f = shared_sums(src, tgt, start, stop).astype(np.int64)
            self.climb[start:stop] = total[None, :] - f[0]
            self.unused[start:stop] = f[1]
            jump = np.zeros((stop - start, n), dtype=np.int8)
            for d in range(1, MAX_LEVEL + 1):
                count = at_least[d - 1][None, :] - f[1 + d]
                jump += count > 0
                if self.blocking is not None and d == bd:
                    self.blocking[start:stop] = count
            self.max_jump[start:stop] = jump
        if src.is_full and tgt.is_full and src.base is tgt.base and src.base.parts is None:
            parts = PairParts(self.climb, self.unused, self.max_jump)
            src.base.parts = parts
            if src.base.on_parts is not None:
                src.base.on_parts(parts)


def _cached_parts(src: SparseLevels, tgt: SparseLevels, *,
                  need_blocking: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The parts of the moves from ``src`` rows to every row, taken from the whole matrix's
    parts: those in memory or in the cache, or computed once when many rows are asked for
    (the caller is going through the whole matrix, in chunks). None: compute them directly."""
    base = src.base
    if need_blocking or tgt.base is not base or not tgt.is_full:
        return None
    bulk = src.shape[0] >= min(_BULK_ROWS, base.n_rows)
    if bulk and base.parts is None and base.stored_parts() is None and not src.is_full:
        SparseCore(SparseLevels(base), SparseLevels(base), blocking=False)
    parts = base.parts
    if parts is None:
        return None
    rows = src.span()
    return parts.climb[rows], parts.unused[rows], parts.max_jump[rows]


def full_parts(levels: SparseLevels) -> PairParts:
    """climb, unused and max_jump of every move between the rows of ``levels``' matrix
    (read from the cache, or computed once per matrix and kept)."""
    base = levels.base
    if base.stored_parts() is None:
        SparseCore(SparseLevels(base), SparseLevels(base), blocking=False)
    assert base.parts is not None
    return base.parts


# -- the level matrix of a dataset -----------------------------------------------------------

_PROVENANCES = PROVENANCE_ORDER
_RANK = {p: i for i, p in enumerate(_PROVENANCES)}


@dataclass(frozen=True)
class LevelEntries:
    """Every (job, competence) entry of a dataset in CSR form, jobs sorted by id and
    competences in catalogue order: its level (0: none) and provenance (index in
    :data:`PROVENANCE_ORDER`, -1: none). Built once per dataset; cached with it."""

    ids: tuple[str, ...]
    competences: tuple[str, ...]  # the levelled ones
    indptr: np.ndarray
    indices: np.ndarray
    levels: np.ndarray  # int8
    provenance: np.ndarray  # int8

    @classmethod
    def of(cls, dataset: Dataset) -> LevelEntries:
        comps = tuple(c.id for c in dataset.levelled_competences)
        col = {c: k for k, c in enumerate(comps)}
        jobs = dataset.jobs
        indptr = [0]
        indices: list[int] = []
        levels: list[int] = []
        prov: list[int] = []
        rank = _RANK
        for job in jobs:
            row = sorted((col[jc.id], jc.expected_level or 0, rank.get(jc.provenance, -1))
                         for jc in job.competences if jc.id in col)
            for c, lv, p in row:
                indices.append(c)
                levels.append(lv)
                prov.append(p)
            indptr.append(len(indices))
        return cls(tuple(j.id for j in jobs), comps, np.asarray(indptr, dtype=np.int64),
                   np.asarray(indices, dtype=np.int32), np.asarray(levels, dtype=np.int8),
                   np.asarray(prov, dtype=np.int8))

    def sparse_levels(self) -> SparseLevels:
        """The entries that hold a level (1..4)."""
        has = self.levels > 0
        rows = np.repeat(np.arange(len(self.ids)), np.diff(self.indptr))[has]
        indptr = np.zeros(len(self.ids) + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=len(self.ids)), out=indptr[1:])
        return SparseLevels.from_csr(indptr, self.indices[has], self.levels[has],
                                     len(self.competences))


class _Rows(dict):  # type: ignore[type-arg]
    """Rows of a :class:`LevelMatrix` made on first use and kept, read like a sequence of
    rows (``rows[i][c]``). A dict underneath, so that the queries that walk every competence
    of a job, cell by cell, read a kept row at the speed of a dict look-up."""

    def __init__(self, count: int, make: Callable[[int], Any]) -> None:
        super().__init__()
        self.count = count
        self.make = make

    def __missing__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.count))]
        k = int(i)
        if k < 0:
            k += self.count
        if not 0 <= k < self.count:
            raise IndexError(i)
        row = self.make(k)
        self[i] = row
        return row

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Any:
        return (self[k] for k in range(self.count))


@dataclass(frozen=True)
class SparseLevelMatrix(LevelMatrix):
    """A :class:`LevelMatrix` whose ``levels`` is a :class:`SparseLevels` and whose
    ``provenance[i][c]`` is read from the entries; same methods, same answers."""

    entries: LevelEntries = field(repr=False, default=None)  # type: ignore[assignment]

    @classmethod
    def of(cls, entries: LevelEntries, levels: SparseLevels | None = None) -> SparseLevelMatrix:
        def provenance_row(i: int) -> tuple[str | None, ...]:
            lo, hi = int(entries.indptr[i]), int(entries.indptr[i + 1])
            cells: list[str | None] = [None] * len(entries.competences)
            for c, p in zip(entries.indices[lo:hi].tolist(), entries.provenance[lo:hi].tolist()):
                cells[c] = _PROVENANCES[p] if p >= 0 else None
            return tuple(cells)

        sparse = levels if levels is not None else entries.sparse_levels()
        return cls(entries.ids, entries.competences, sparse,  # type: ignore[arg-type]
                   _Rows(len(entries.ids), provenance_row), entries)  # type: ignore[arg-type]

    @property
    def sparse(self) -> SparseLevels:
        """``levels``, typed as what it is."""
        return cast(SparseLevels, self.levels)

    def level(self, i: int, c: int) -> int | None:
        return self._level_rows[i][c]  # type: ignore[no-any-return]

    @cached_property
    def _level_rows(self) -> _Rows:
        """Rows of levels (None: no level), made on first use."""
        def make(i: int) -> list[int | None]:
            row: list[int | None] = [None] * len(self.competences)
            for c, lv in self.sparse.base.row_dict(i).items():
                row[c] = lv
            return row

        return _Rows(len(self.ids), make)

    def entries_of(self, i: int) -> dict[str, tuple[int | None, str | None]]:
        """Competence id -> (level, provenance) for every competence job ``i`` has an entry on
        (the others are (None, None))."""
        e = self.entries
        lo, hi = int(e.indptr[i]), int(e.indptr[i + 1])
        comps = self.competences
        return {comps[c]: (lv or None, _PROVENANCES[p] if p >= 0 else None)
                for c, lv, p in zip(e.indices[lo:hi].tolist(), e.levels[lo:hi].tolist(),
                                    e.provenance[lo:hi].tolist())}

    def levels_of(self, i: int) -> dict[str, int | None]:
        out: dict[str, int | None] = dict.fromkeys(self.competences)
        comps = self.competences
        for c, lv in self.sparse.base.row_dict(i).items():
            out[comps[c]] = lv
        return out

    def _row(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        e = self.entries
        lo, hi = int(e.indptr[i]), int(e.indptr[i + 1])
        return e.indices[lo:hi], e.levels[lo:hi], e.provenance[lo:hi]

    def job_provenance(self, i: int) -> str:
        _, levels, prov = self._row(i)
        return _weakest_codes(prov[levels > 0])

    def move_provenance(self, i: int, j: int) -> str:
        cols_j, lv_j, prov_j = self._row(j)
        cols_i, lv_i, prov_i = self._row(i)
        wanted = cols_j[lv_j > 0]
        used_i = prov_i[(lv_i > 0) & np.isin(cols_i, wanted)]
        return _weakest_codes(np.concatenate([prov_j[lv_j > 0], used_i]))


def _weakest_codes(codes: np.ndarray) -> str:
    """:func:`weakest` of provenance codes (-1: none, ignored)."""
    codes = codes[codes >= 0]
    if not len(codes):
        return weakest([])
    return _PROVENANCES[int(codes.max())]


def sparse_level_matrix(dataset: Dataset) -> SparseLevelMatrix:
    """The level matrix of a dataset, sparse (from the compiled cache when there is one)."""
    compiled = getattr(dataset, "compiled", None)
    if compiled is not None:
        return compiled.level_matrix()
    return SparseLevelMatrix.of(LevelEntries.of(dataset))
