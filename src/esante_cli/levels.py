"""Every job's levels, in one form for every size of dataset: a CSR table of entries.

The bundled data has 12 jobs and 11 levelled competences; an ESCO import has 3,000 jobs and
13,900 competences, each job levelling about 43 of them. One representation serves both: the
entries that hold a level, row by row (jobs sorted by id), columns in catalogue order, with
each level's provenance. The kernels of :mod:`esante_cli.moves` read it directly (one state
against every job, a list of pairs), and :func:`all_pair_parts` computes the parts of every
ordered pair with ``scipy.sparse`` products of 0/1 indicator matrices, a block of source rows
at a time (imported only there: the commands that need one row never load scipy).

A job's entry without a level (a competence it lists but does not level) carries no level,
only a provenance: it is kept apart (``unlevelled``), for the few answers that show it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .costmodel import MAX_LEVEL

if TYPE_CHECKING:
    from .dataset import Dataset

# How weak a provenance is, weakest last: a result that mixes levels shows the weakest.
PROVENANCE_ORDER = ("card", "found", "third-party", "user", "inferred", "estimate", "guess")
_RANK = {p: i for i, p in enumerate(PROVENANCE_ORDER)}
# Levels whose value is the dataset authors' judgement: the stability draws move them.
PERTURBED = frozenset({"estimate", "guess"})


def weakest(provenances: Iterable[str | None]) -> str:
    """The weakest of several provenances ('card' when all come from the card)."""
    worst = "card"
    for p in provenances:
        if p is not None and _RANK.get(p, len(_RANK)) > _RANK.get(worst, 0):
            worst = p
    return worst


def _weakest_codes(codes: np.ndarray) -> str:
    codes = codes[codes >= 0]
    return PROVENANCE_ORDER[int(codes.max())] if len(codes) else "card"


@dataclass(frozen=True)
class PairParts:
    """climb, unused, max_jump and blocking of every ordered pair of jobs, (n, n) each: what
    the graph's edges and the cost matrix are made from (the weights apart)."""

    climb: np.ndarray  # int16
    unused: np.ndarray  # int16
    max_jump: np.ndarray  # int8
    blocking: np.ndarray  # int16: deficits of blocking size or more


@dataclass(frozen=True, eq=False)
class LevelMatrix:
    """The levels of every job (rows, sorted by id) on every levelled competence (columns, in
    catalogue order), as entries: ``values[e]`` (1-4) in row ``rows[e]``, column ``cols[e]``,
    with provenance ``codes[e]`` (an index in :data:`PROVENANCE_ORDER`)."""

    ids: tuple[str, ...]
    competences: tuple[str, ...]
    indptr: np.ndarray  # (n + 1,) int64
    cols: np.ndarray  # (entries,) int64
    values: np.ndarray  # (entries,) int16
    codes: np.ndarray  # (entries,) int8
    # (row, column) -> provenance code of an entry that holds no level
    unlevelled: dict[tuple[int, int], int] = field(default_factory=dict)
    # where the pairs' parts are kept between processes (the dataset cache), if anywhere
    pair_store: Any = field(default=None, repr=False)

    @classmethod
    def of(cls, dataset: Dataset) -> LevelMatrix:
        """The levels of a dataset (made once per dataset: see ``graph.level_matrix``)."""
        comps = tuple(c.id for c in dataset.levelled_competences)
        col = {c: k for k, c in enumerate(comps)}
        indptr = [0]
        cols: list[int] = []
        values: list[int] = []
        codes: list[int] = []
        unlevelled: dict[tuple[int, int], int] = {}
        for r, job in enumerate(dataset.jobs):
            row = sorted(
                (col[jc.id], jc.expected_level, _RANK.get(jc.provenance, -1))
                for jc in job.competences
                if jc.id in col
            )
            for c, level, code in row:
                if level is None:
                    unlevelled[(r, c)] = code
                    continue
                cols.append(c)
                values.append(level)
                codes.append(code)
            indptr.append(len(cols))
        return cls.from_arrays(
            tuple(j.id for j in dataset.jobs), comps, indptr, cols, values, codes, unlevelled
        )

    @classmethod
    def from_cached(cls, dataset: Dataset, arrays: dict[str, Any], store: Any) -> LevelMatrix:
        """The matrix of ``dataset`` from the arrays :meth:`cached_arrays` gave for the same
        content (the cache keys them by the dataset's bytes and this module's code)."""
        unlevelled = {(int(r), int(c)): int(code) for r, c, code in arrays["unlevelled"].tolist()}
        return cls(
            tuple(j.id for j in dataset.jobs),
            tuple(c.id for c in dataset.levelled_competences),
            arrays["indptr"],
            arrays["cols"],
            arrays["values"],
            arrays["codes"],
            unlevelled,
            store,
        )

    def cached_arrays(self) -> dict[str, Any]:
        """What :meth:`from_cached` reads back: the sparse table and the unlevelled entries."""
        unlevelled = np.array(
            [(r, c, code) for (r, c), code in sorted(self.unlevelled.items())], dtype=np.int64
        ).reshape(-1, 3)
        return {
            "indptr": self.indptr,
            "cols": self.cols,
            "values": self.values,
            "codes": self.codes,
            "unlevelled": unlevelled,
        }

    @classmethod
    def from_arrays(
        cls,
        ids: tuple[str, ...],
        comps: tuple[str, ...],
        indptr: Any,
        cols: Any,
        values: Any,
        codes: Any,
        unlevelled: dict[tuple[int, int], int] | None = None,
        pair_store: Any = None,
    ) -> LevelMatrix:
        return cls(
            ids,
            comps,
            np.asarray(indptr, dtype=np.int64),
            np.asarray(cols, dtype=np.int64),
            np.asarray(values, dtype=np.int16),
            np.asarray(codes, dtype=np.int8),
            dict(unlevelled or {}),
            pair_store,
        )

    # -- shape and look-ups ------------------------------------------------------------------

    @property
    def n(self) -> int:
        return len(self.ids)

    @cached_property
    def index(self) -> dict[str, int]:
        return {job_id: i for i, job_id in enumerate(self.ids)}

    @cached_property
    def rows(self) -> np.ndarray:
        """The row of each entry."""
        return np.repeat(np.arange(self.n), np.diff(self.indptr))

    @cached_property
    def estimated(self) -> np.ndarray:
        """(entries,) bool: the level is an estimate or a guess (the draws move it)."""
        perturbed = [i for i, p in enumerate(PROVENANCE_ORDER) if p in PERTURBED]
        return np.isin(self.codes, perturbed)

    def row(self, j: int, values: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Columns and levels of job ``j`` (levels from ``values`` when given: a draw)."""
        lo, hi = int(self.indptr[j]), int(self.indptr[j + 1])
        vals = self.values if values is None else values
        return self.cols[lo:hi], vals[..., lo:hi]

    def state_of(self, j: int, values: np.ndarray | None = None) -> np.ndarray:
        """Job ``j``'s levels as a state (one draw per row when ``values`` is (D, entries))."""
        cols, vals = self.row(j, values)
        shape = (*np.shape(vals)[:-1], len(self.competences))
        state = np.zeros(shape, dtype=np.int16)
        state[..., cols] = vals
        return state

    def reached(self, state: np.ndarray, j: int, values: np.ndarray | None = None) -> np.ndarray:
        """The state after a move to job ``j``: every level raised to at least job ``j``'s."""
        cols, vals = self.row(j, values)
        out = np.array(state, dtype=np.int16, copy=True)
        out[..., cols] = np.maximum(out[..., cols], vals)
        return out

    def level(self, i: int, c: int) -> int | None:
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        at = lo + int(np.searchsorted(self.cols[lo:hi], c))
        return int(self.values[at]) if at < hi and self.cols[at] == c else None

    def provenance_of(self, i: int, c: int) -> str | None:
        """Where job ``i``'s entry on column ``c`` comes from (None: it has no entry)."""
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        at = lo + int(np.searchsorted(self.cols[lo:hi], c))
        if at < hi and self.cols[at] == c:
            code = int(self.codes[at])
        else:
            code = self.unlevelled.get((i, c), -1)
        return PROVENANCE_ORDER[code] if code >= 0 else None

    def levels_of(self, i: int) -> dict[str, int | None]:
        """Competence id -> level, on every levelled competence (None: no level)."""
        out: dict[str, int | None] = dict.fromkeys(self.competences)
        cols, vals = self.row(i)
        for c, v in zip(cols.tolist(), vals.tolist()):
            out[self.competences[c]] = v
        return out

    def entries_of(self, i: int) -> dict[str, tuple[int | None, str | None]]:
        """Competence id -> (level, provenance) for every competence job ``i`` has an entry
        on, in catalogue order (level None for an entry without one)."""
        lo, hi = int(self.indptr[i]), int(self.indptr[i + 1])
        found = {
            c: (v, PROVENANCE_ORDER[p] if p >= 0 else None)
            for c, v, p in zip(
                self.cols[lo:hi].tolist(), self.values[lo:hi].tolist(), self.codes[lo:hi].tolist()
            )
        }
        for (r, c), p in self.unlevelled.items():
            if r == i:
                found[c] = (None, PROVENANCE_ORDER[p] if p >= 0 else None)
        return {self.competences[c]: found[c] for c in sorted(found)}

    def job_provenance(self, i: int) -> str:
        """The weakest provenance among the job's own levels."""
        return _weakest_codes(self.codes[int(self.indptr[i]) : int(self.indptr[i + 1])])

    def move_provenance(self, i: int, j: int) -> str:
        """The weakest provenance among the levels a move from job i to job j is computed
        from: job j's levels, and job i's on the competences job j levels (a missing source
        level counts as 0 and brings no provenance)."""
        cols_i, _ = self.row(i)
        cols_j, _ = self.row(j)
        codes_i = self.codes[int(self.indptr[i]) : int(self.indptr[i + 1])]
        codes_j = self.codes[int(self.indptr[j]) : int(self.indptr[j + 1])]
        # which of job i's competences job j levels (np.isin would sort, and import numpy.ma)
        levelled_by_j = np.zeros(len(self.competences), dtype=bool)
        levelled_by_j[cols_j] = True
        return _weakest_codes(np.concatenate([codes_j, codes_i[levelled_by_j[cols_i]]]))

    def move_provenance_codes(self, rows: slice) -> np.ndarray:
        """:meth:`move_provenance` of the moves from the jobs ``rows`` to every job, as codes
        in :data:`PROVENANCE_ORDER` (rows, n; 'card' where no level is used). The source's part is
        the weakest code it holds on a competence the target levels: one product of sparse
        0/1 matrices per code (at most seven)."""
        from scipy import sparse

        n, width = self.n, len(self.competences)
        rows_of = self.rows
        target = np.full(n, -1, dtype=np.int8)
        filled = np.flatnonzero(np.diff(self.indptr) > 0)
        if filled.size:
            target[filled] = np.maximum.reduceat(self.codes, self.indptr[filled])
        start, stop, _ = rows.indices(n)
        out = np.broadcast_to(target, (stop - start, n)).copy()
        has_t = sparse.csr_array(
            (np.ones(len(self.cols), dtype=np.int32), (rows_of, self.cols)), shape=(n, width)
        ).T.tocsr()
        lo, hi = int(self.indptr[start]), int(self.indptr[stop])
        for code in sorted({int(c) for c in self.codes[lo:hi]}):
            keep = self.codes[lo:hi] >= code
            mine = sparse.csr_array(
                (
                    np.ones(int(keep.sum()), dtype=np.int32),
                    (rows_of[lo:hi][keep] - start, self.cols[lo:hi][keep]),
                ),
                shape=(stop - start, width),
            )
            shared = (mine @ has_t).toarray() > 0
            out[shared] = np.maximum(out[shared], code)
        return np.maximum(out, 0)

    # -- every pair ----------------------------------------------------------------------------

    def pair_parts(self, blocking_deficit: int = 2) -> PairParts:
        """The parts of every ordered pair, made once per process and kept in the dataset
        cache when there is one (``pair_store``: ``load(key)`` / ``save(key, parts)``)."""
        memo = self._pair_memo
        if blocking_deficit not in memo:
            store = self.pair_store
            parts = store.load(blocking_deficit) if store is not None else None
            if parts is not None and not rows_agree(self, parts, blocking_deficit):
                store.forget(blocking_deficit)  # a wrong entry: never served, computed again
                parts = None
            if parts is None:
                parts = all_pair_parts(self, blocking_deficit)
                if store is not None:
                    store.save(blocking_deficit, parts)
            memo[blocking_deficit] = parts
        return memo[blocking_deficit]

    @cached_property
    def _pair_memo(self) -> dict[int, PairParts]:
        return {}


CHECKED_ROWS = 8  # source rows of a cached entry computed again and compared when it is read


def rows_agree(
    table: LevelMatrix, parts: PairParts, blocking_deficit: int, rows: Iterable[int] | None = None
) -> bool:
    """Whether ``parts`` (read from the cache) hold, for a few source rows drawn at random
    (``rows``, else :data:`CHECKED_ROWS` drawn from the system's randomness, which a file
    cannot foresee), what :func:`all_pair_parts` gives: each row against every target in one
    pass over the entries (2 ms a row at 3,000 jobs). An entry changed wholesale (every
    climb 0, a bug, another dataset's parts) is caught; the digest beside the entry catches an
    archive edited by hand (see :mod:`esante_cli.cache`)."""
    if rows is None:
        import random

        rows = random.SystemRandom().sample(range(table.n), min(CHECKED_ROWS, table.n))
    owner = table.rows
    for i in rows:
        held = table.state_of(i)[table.cols]  # the source's level on each target's entry
        deficit = np.maximum(table.values - held, 0)
        jump = np.zeros(table.n, dtype=np.int16)
        np.maximum.at(jump, owner, deficit)
        found: tuple[np.ndarray, ...] = (
            np.bincount(owner, weights=deficit, minlength=table.n),
            np.bincount(owner, weights=np.maximum(held - table.values, 0), minlength=table.n),
            jump,
            np.bincount(owner, weights=deficit >= blocking_deficit, minlength=table.n),
        )
        kept = (parts.climb[i], parts.unused[i], parts.max_jump[i], parts.blocking[i])
        if not all(np.array_equal(a, b) for a, b in zip(found, kept)):
            return False
    return True


# -- every pair at once ---------------------------------------------------------------------------
#
# Every part is a count over (competence, level) cells, so it is a product of sparse 0/1
# indicator matrices rather than an (n, n, C) array. For a move from s to t (s = 0 where the
# source has no level), summed over the competences t levels:
#
#   held     = sum_l [s >= l][t >= l]                      = GE(S) . GE(T)'
#   climb    = required_t - held
#   unused   = sum_{c in T} s - held                      = S . HAS(T)' - held
#   count_d  = #{c in T : t - s >= d}
#            = #{c in T : t >= d} - #{c in S and T : t >= d} + sum_v [s = v][t >= v + d]
#   max_jump = #{d in 1..4 : count_d > 0};   blocking = count at d = blocking_deficit
#
# A block of source rows at a time bounds memory: (block, n) dense results.

_BLOCK_CELLS = 4_000_000  # source rows x targets per block


SMALL_TABLE = 200  # jobs: up to this many, every pair is computed target by target (numpy)


def all_pair_parts(table: LevelMatrix, blocking_deficit: int = 2) -> PairParts:
    """climb, unused, max_jump and blocking of every ordered pair of jobs of ``table``: target
    by target on a small table (the bundled data: no scipy to import, 60 ms of start-up), with
    sparse products on a large one."""
    if table.n <= SMALL_TABLE:
        return small_pair_parts(table, blocking_deficit)
    return sparse_pair_parts(table, blocking_deficit)


def small_pair_parts(table: LevelMatrix, blocking_deficit: int = 2) -> PairParts:
    """:func:`all_pair_parts` one target at a time, every source at once (dense numpy)."""
    n = table.n
    dense = np.zeros((n, len(table.competences)), dtype=np.int16)
    dense[table.rows, table.cols] = table.values
    climb = np.zeros((n, n), dtype=np.int16)
    unused = np.zeros((n, n), dtype=np.int16)
    jump = np.zeros((n, n), dtype=np.int8)
    blocking = np.zeros((n, n), dtype=np.int16)
    for j in range(n):
        cols, need = table.row(j)
        held = dense[:, cols]
        deficit = np.maximum(need[None, :] - held, 0)
        climb[:, j] = deficit.sum(axis=1)
        unused[:, j] = np.maximum(held - need[None, :], 0).sum(axis=1)
        jump[:, j] = deficit.max(axis=1, initial=0)
        blocking[:, j] = (deficit >= blocking_deficit).sum(axis=1)
    return PairParts(climb, unused, jump, blocking)


def sparse_pair_parts(table: LevelMatrix, blocking_deficit: int = 2) -> PairParts:
    """:func:`all_pair_parts` with products of sparse 0/1 matrices, a block of sources at a
    time."""
    from scipy import sparse

    n, width = table.n, len(table.competences)
    rows, cols, vals = table.rows, table.cols, table.values.astype(np.int64)

    # GE(X): the column block l holds [x >= l + 1]
    ge = sparse.csr_array(
        (
            np.ones(int(vals.sum()), dtype=np.int32),
            (
                np.repeat(rows, vals),
                np.repeat(cols, vals)
                + width * (np.arange(int(vals.sum())) - np.repeat(np.cumsum(vals) - vals, vals)),
            ),
        ),
        shape=(n, width * MAX_LEVEL),
    )
    has = sparse.csr_array((np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(n, width))
    level = sparse.csr_array((vals.astype(np.int32), (rows, cols)), shape=(n, width))
    required = np.bincount(rows, weights=vals, minlength=n).astype(np.int64)
    # at_least[d][j] = #{c in T_j : t >= d};  ge_d(T): [t >= d] as an (n, width) matrix
    ge_d = [
        sparse.csr_array(
            (np.ones(int((vals >= d).sum()), dtype=np.int32), (rows[vals >= d], cols[vals >= d])),
            shape=(n, width),
        )
        for d in range(1, MAX_LEVEL + 1)
    ]
    at_least = [np.asarray(m.sum(axis=1)).ravel().astype(np.int64) for m in ge_d]
    eq_v = [
        sparse.csr_array(
            (np.ones(int((vals == v).sum()), dtype=np.int32), (rows[vals == v], cols[vals == v])),
            shape=(n, width),
        )
        for v in range(1, MAX_LEVEL + 1)
    ]
    ge_t, has_t = ge.T.tocsr(), has.T.tocsr()
    ge_d_t = [m.T.tocsr() for m in ge_d]
    climb = np.empty((n, n), dtype=np.int16)
    unused = np.empty((n, n), dtype=np.int16)
    jump = np.zeros((n, n), dtype=np.int8)
    block_rows = np.zeros((n, n), dtype=np.int16)
    step = max(1, _BLOCK_CELLS // max(1, n))
    for a in range(0, n, step):
        b = min(n, a + step)
        held = (ge[a:b] @ ge_t).toarray().astype(np.int64)
        climb[a:b] = required[None, :] - held
        unused[a:b] = (level[a:b] @ has_t).toarray() - held
        for d in range(1, MAX_LEVEL + 1):
            count = at_least[d - 1][None, :] - (has[a:b] @ ge_d_t[d - 1]).toarray()
            for v in range(1, MAX_LEVEL + 1 - d):
                count += (eq_v[v - 1][a:b] @ ge_d_t[v + d - 1]).toarray()
            jump[a:b] += count > 0
            if d == blocking_deficit:
                block_rows[a:b] = count
    return PairParts(climb, unused, jump, block_rows)
