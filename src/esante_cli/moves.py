"""Moves from one level vector to every job at once: the kernel of routes, recommendations,
matches and stability figures.

A *state* is a vector of levels, one per levelled competence (0 where nothing is held): a
job's own levels, a person's, or what a route has gathered so far (the source's levels raised,
after each step, to at least those of the job reached). :func:`moves_from` computes the parts
of the move from a state to every job in one pass over the jobs' level entries (a CSR table:
the work grows with the entries, 132 on the bundled data, 129,000 at the ESCO size), and does
the same for many states at once (one per random draw of the estimates, for the stability
figures): states (D, C) and levels (D, entries) give parts (D, jobs).

The parts are those of :func:`esante_cli.costmodel.transition`, with the same rounding; a test
checks that both agree on every pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .costmodel import (
    DEFAULT_MODEL,
    MOVES,
    CostParts,
    ModelConfig,
    _similarity,
    cost_units,
    from_units,
    is_computed,
    move_codes,
    round_cost,
    share_units,
)

if TYPE_CHECKING:
    from .graph import LevelMatrix

# Levels whose value is the dataset authors' judgement: the stability draws move them.
PERTURBED = frozenset({"estimate", "guess"})


@dataclass(frozen=True)
class LevelTable:
    """Every job's levels as a CSR table of entries (jobs in the matrix's order, competences as
    columns): ``values[e]`` is the level (1-4) of entry ``e``, in row ``rows[e]`` and column
    ``cols[e]``; ``estimated[e]`` says the level is an estimate or a guess."""

    ids: tuple[str, ...]
    competences: tuple[str, ...]
    indptr: np.ndarray  # (n + 1,)
    cols: np.ndarray  # (entries,)
    values: np.ndarray  # (entries,) int16
    estimated: np.ndarray  # (entries,) bool

    @classmethod
    def of(cls, matrix: LevelMatrix) -> LevelTable:
        """The table of a level matrix (dense or sparse)."""
        entries = getattr(matrix, "entries", None)
        if entries is not None:  # a sparse matrix keeps its entries in CSR form already
            from .graph import PROVENANCE_ORDER

            has = entries.levels > 0
            rows = np.repeat(np.arange(len(entries.ids)), np.diff(entries.indptr))[has]
            codes = entries.provenance[has]
            perturbed = [i for i, p in enumerate(PROVENANCE_ORDER) if p in PERTURBED]
            return cls._build(matrix.ids, matrix.competences, rows, entries.indices[has],
                              entries.levels[has], np.isin(codes, perturbed))
        levels = np.asarray(matrix.levels, dtype=float)
        rows, cols = np.nonzero(~np.isnan(levels))
        estimated = np.array([matrix.provenance[r][c] in PERTURBED
                              for r, c in zip(rows.tolist(), cols.tolist())], dtype=bool)
        return cls._build(matrix.ids, matrix.competences, rows, cols, levels[rows, cols],
                          estimated)

    @classmethod
    def _build(cls, ids: tuple[str, ...], comps: tuple[str, ...], rows: np.ndarray,
               cols: np.ndarray, values: np.ndarray, estimated: np.ndarray) -> LevelTable:
        n = len(ids)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        return cls(ids, comps, indptr, np.asarray(cols, dtype=np.int64),
                   np.asarray(values, dtype=np.int16), np.asarray(estimated, dtype=bool))

    @property
    def n(self) -> int:
        return len(self.ids)

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


@dataclass(frozen=True)
class Moves:
    """The parts of the moves from one state to every job (arrays (jobs,)), or from D states
    (arrays (D, jobs)): the fields of :class:`~esante_cli.costmodel.CostParts`, coverage and
    unused share in whole thousandths, ``move`` as an index in :data:`MOVES`, the cost in
    thousandths (``units``)."""

    climb: np.ndarray
    max_jump: np.ndarray
    unused: np.ndarray
    blocking: np.ndarray
    compared: np.ndarray
    required: np.ndarray
    coverage: np.ndarray
    unused_share: np.ndarray
    move: np.ndarray
    computed: np.ndarray
    declared: np.ndarray
    units: np.ndarray
    config: ModelConfig

    def parts(self, j: int) -> CostParts:
        """The move to job ``j`` (one state only)."""
        w = self.config.weights
        climb, jump, unused = int(self.climb[j]), int(self.max_jump[j]), int(self.unused[j])
        declared = bool(self.declared[j])
        weighted = w.climb * climb + w.max_jump * jump + w.unused * unused
        required = int(self.required[j])
        return CostParts(
            climb=climb, max_jump=jump, unused=unused, blocking=int(self.blocking[j]),
            compared=int(self.compared[j]), required=required, held=required - climb,
            coverage=from_units(int(self.coverage[j])),
            unused_share=from_units(int(self.unused_share[j])),
            move=MOVES[int(self.move[j])],
            similarity=_similarity(climb + unused, int(self.compared[j])),
            declared=declared, computed=bool(self.computed[j]),
            weighted=round_cost(weighted), factor=w.declared_factor if declared else 1.0,
            hop_penalty=w.hop_penalty, cost=from_units(int(self.units[j])),
        )


def moves_from(
    table: LevelTable,
    state: np.ndarray,
    config: ModelConfig = DEFAULT_MODEL,
    *,
    declared: np.ndarray | None = None,
    values: np.ndarray | None = None,
) -> Moves:
    """The parts of the move from ``state`` (levels (C,), or (D, C) for D states at once) to
    every job of ``table``. ``declared`` (jobs,) marks the moves the card declares from the
    state's job (none for a person or a route's state that is not a job's); ``values``
    replaces the table's levels ((entries,) or (D, entries): one draw of the estimates)."""
    vals = (table.values if values is None else values).astype(np.int16)
    s = np.asarray(state, dtype=np.int16)[..., table.cols]
    if vals.ndim < s.ndim:
        vals = np.broadcast_to(vals, s.shape)
    elif s.ndim < vals.ndim:
        s = np.broadcast_to(s, vals.shape)
    deficit = np.maximum(vals - s, 0)
    surplus = np.maximum(s - vals, 0)
    bd = config.thresholds.blocking_deficit
    climb = _row_sums(table, deficit)
    unused = _row_sums(table, surplus)
    blocking = _row_sums(table, (deficit >= bd).astype(np.int16))
    required = _row_sums(table, vals)
    jump = _row_max(table, deficit)
    compared = np.broadcast_to(np.diff(table.indptr), climb.shape)
    held = required - climb
    coverage = share_units(held, required)
    unused_share = share_units(unused, held + unused)
    decl = (np.zeros(table.n, dtype=bool) if declared is None
            else np.asarray(declared, dtype=bool))
    decl = np.broadcast_to(decl, climb.shape)
    return Moves(
        climb=climb, max_jump=jump, unused=unused, blocking=blocking, compared=compared,
        required=required, coverage=coverage, unused_share=unused_share,
        move=move_codes(coverage, unused_share, jump, config),
        computed=is_computed(coverage, jump, required, config), declared=decl,
        units=cost_units(climb, jump, unused, decl, config), config=config,
    )


def move_to(table: LevelTable, state: np.ndarray, j: int, config: ModelConfig = DEFAULT_MODEL,
            *, declared: bool = False,
            values: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Cost (thousandths) and largest jump of the move from ``state`` ((C,) or (D, C)) to job
    ``j`` alone: what :func:`moves_from` gives for that job, reading only its entries."""
    cols, vals = table.row(j, values)
    vals = np.asarray(vals, dtype=np.int16)
    s = np.asarray(state, dtype=np.int16)[..., cols]
    deficit = np.maximum(vals - s, 0)
    surplus = np.maximum(s - vals, 0)
    climb, unused = deficit.sum(axis=-1), surplus.sum(axis=-1)
    jump = deficit.max(axis=-1, initial=0)
    units = cost_units(climb, jump, unused, np.full(np.shape(climb), declared), config)
    return units, jump


def _row_sums(table: LevelTable, cells: np.ndarray) -> np.ndarray:
    """Per job, the sum of its entries' cells (last axis: entries)."""
    csum = np.zeros((*cells.shape[:-1], cells.shape[-1] + 1), dtype=np.int64)
    np.cumsum(cells, axis=-1, out=csum[..., 1:])
    return csum[..., table.indptr[1:]] - csum[..., table.indptr[:-1]]


def _row_max(table: LevelTable, cells: np.ndarray) -> np.ndarray:
    """Per job, the largest of its entries' cells (0 for a job without entries)."""
    out = np.zeros((*cells.shape[:-1], table.n), dtype=np.int64)
    filled = np.flatnonzero(np.diff(table.indptr) > 0)
    if filled.size:
        out[..., filled] = np.maximum.reduceat(cells, table.indptr[filled], axis=-1)
    return out
