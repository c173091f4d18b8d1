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
from .levels import LevelMatrix

__all__ = ["Moves", "block_moves", "move_to", "moves_from", "moves_of", "pair_moves"]


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

    def row(self, i: int) -> Moves:
        """The moves of row ``i`` of (rows, jobs) arrays: from one state, or one source job."""
        return Moves(**{f: getattr(self, f)[i] for f in _ARRAYS}, config=self.config)

    def parts(self, j: int) -> CostParts:
        """The move to job ``j`` (one state only)."""
        w = self.config.weights
        climb, jump, unused = int(self.climb[j]), int(self.max_jump[j]), int(self.unused[j])
        declared = bool(self.declared[j])
        weighted = w.climb * climb + w.max_jump * jump + w.unused * unused
        required = int(self.required[j])
        return CostParts.model_construct(
            climb=climb,
            max_jump=jump,
            unused=unused,
            blocking=int(self.blocking[j]),
            compared=int(self.compared[j]),
            required=required,
            held=required - climb,
            coverage=from_units(int(self.coverage[j])),
            unused_share=from_units(int(self.unused_share[j])),
            move=MOVES[int(self.move[j])],
            similarity=_similarity(climb + unused, int(self.compared[j])),
            declared=declared,
            computed=bool(self.computed[j]),
            weighted=round_cost(weighted),
            factor=w.declared_factor if declared else 1.0,
            hop_penalty=w.hop_penalty,
            cost=from_units(int(self.units[j])),
        )


_ARRAYS = (
    "climb",
    "max_jump",
    "unused",
    "blocking",
    "compared",
    "required",
    "coverage",
    "unused_share",
    "move",
    "computed",
    "declared",
    "units",
)


def moves_from(
    table: LevelMatrix,
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
    decl = np.zeros(table.n, dtype=bool) if declared is None else np.asarray(declared, dtype=bool)
    climb = _row_sums(table, deficit)
    return moves_of(
        climb,
        _row_sums(table, surplus),
        _row_max(table, deficit),
        _row_sums(table, (deficit >= config.thresholds.blocking_deficit).astype(np.int16)),
        _row_sums(table, vals),
        np.diff(table.indptr),
        np.broadcast_to(decl, climb.shape),
        config,
    )


def moves_of(
    climb: np.ndarray,
    unused: np.ndarray,
    max_jump: np.ndarray,
    blocking: np.ndarray,
    required: np.ndarray,
    compared: np.ndarray,
    declared: np.ndarray,
    config: ModelConfig,
) -> Moves:
    """The moves whose counts are given (arrays of one shape, or broadcast to it): the shares,
    direction, closeness and cost every kernel derives from them the same way."""
    climb = np.asarray(climb, dtype=np.int64)
    unused = np.asarray(unused, dtype=np.int64)
    required = np.broadcast_to(np.asarray(required, dtype=np.int64), climb.shape)
    held = required - climb
    coverage = share_units(held, required)
    unused_share = share_units(unused, held + unused)
    return Moves(
        climb=climb,
        max_jump=max_jump,
        unused=unused,
        blocking=blocking,
        compared=np.broadcast_to(compared, climb.shape),
        required=required,
        coverage=coverage,
        unused_share=unused_share,
        move=move_codes(coverage, unused_share, max_jump, config),
        computed=is_computed(coverage, max_jump, required, config),
        declared=declared,
        units=cost_units(climb, max_jump, unused, declared, config),
        config=config,
    )


def block_moves(
    table: LevelMatrix,
    rows: slice,
    config: ModelConfig = DEFAULT_MODEL,
    *,
    declared: np.ndarray | None = None,
) -> Moves:
    """The moves from the jobs ``rows`` to every job (arrays (rows, jobs)), from the parts of
    every pair (:meth:`esante_cli.levels.LevelMatrix.pair_parts`): the cost matrix, a block of
    rows at a time. ``declared`` is (rows, jobs)."""
    parts = table.pair_parts(config.thresholds.blocking_deficit)
    climb = parts.climb[rows]
    required = _row_sums(table, table.values)
    decl = np.zeros(climb.shape, dtype=bool) if declared is None else declared
    return moves_of(
        climb,
        parts.unused[rows],
        parts.max_jump[rows],
        parts.blocking[rows],
        required[None, :],
        np.diff(table.indptr)[None, :],
        decl,
        config,
    )


def pair_moves(
    table: LevelMatrix,
    sources: np.ndarray,
    targets: np.ndarray,
    config: ModelConfig = DEFAULT_MODEL,
    *,
    declared: np.ndarray | None = None,
) -> Moves:
    """The parts of the moves between the jobs of a list of pairs (``sources[p]`` to
    ``targets[p]``), as arrays (pairs,): one pass over the targets' entries, each looking up the
    source's level on the same competence (sorted keys, binary search). For the edges of a
    graph: the work grows with the pairs' entries, not with jobs x jobs x competences."""
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    starts = table.indptr[targets]
    lengths = table.indptr[targets + 1] - starts
    pair = np.repeat(np.arange(len(targets)), lengths)
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    entry = np.repeat(starts, lengths) + offsets
    cols = table.cols[entry]
    need = table.values[entry].astype(np.int64)
    held = _lookup(table, sources[pair], cols)
    deficit = np.maximum(need - held, 0)
    surplus = np.maximum(held - need, 0)
    bounds = np.zeros(len(targets) + 1, dtype=np.int64)
    np.cumsum(lengths, out=bounds[1:])
    segments = _Segments(bounds)
    decl = (
        np.zeros(len(targets), dtype=bool) if declared is None else np.asarray(declared, dtype=bool)
    )
    return moves_of(
        segments.sums(deficit),
        segments.sums(surplus),
        segments.maxes(deficit),
        segments.sums((deficit >= config.thresholds.blocking_deficit).astype(np.int64)),
        segments.sums(need),
        lengths,
        decl,
        config,
    )


def _lookup(table: LevelMatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The level of each (row, column) cell (0 where the row has no entry there)."""
    width = len(table.competences) + 1
    entry_rows = np.repeat(np.arange(table.n), np.diff(table.indptr))
    keys = entry_rows * width + table.cols  # sorted: rows ascend, columns ascend in a row
    wanted = rows * width + cols
    at = np.searchsorted(keys, wanted)
    at = np.minimum(at, len(keys) - 1) if len(keys) else at
    hit = (keys[at] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
    out = np.zeros(len(wanted), dtype=np.int64)
    out[hit] = table.values[at[hit]]
    return out


class _Segments:
    """Sums and maxima over consecutive segments of an array (``bounds`` (k + 1,))."""

    def __init__(self, bounds: np.ndarray):
        self.bounds = bounds
        self.filled = np.flatnonzero(np.diff(bounds) > 0)

    def sums(self, cells: np.ndarray) -> np.ndarray:
        csum = np.zeros(len(cells) + 1, dtype=np.int64)
        np.cumsum(cells, out=csum[1:])
        return csum[self.bounds[1:]] - csum[self.bounds[:-1]]

    def maxes(self, cells: np.ndarray) -> np.ndarray:
        out = np.zeros(len(self.bounds) - 1, dtype=np.int64)
        if self.filled.size:
            out[self.filled] = np.maximum.reduceat(cells, self.bounds[self.filled])
        return out


def move_to(
    table: LevelMatrix,
    state: np.ndarray,
    j: int,
    config: ModelConfig = DEFAULT_MODEL,
    *,
    declared: bool = False,
    values: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
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


def _row_sums(table: LevelMatrix, cells: np.ndarray) -> np.ndarray:
    """Per job, the sum of its entries' cells (last axis: entries)."""
    csum = np.zeros((*cells.shape[:-1], cells.shape[-1] + 1), dtype=np.int64)
    np.cumsum(cells, axis=-1, out=csum[..., 1:])
    return csum[..., table.indptr[1:]] - csum[..., table.indptr[:-1]]


def _row_max(table: LevelMatrix, cells: np.ndarray) -> np.ndarray:
    """Per job, the largest of its entries' cells (0 for a job without entries)."""
    out = np.zeros((*cells.shape[:-1], table.n), dtype=np.int64)
    filled = np.flatnonzero(np.diff(table.indptr) > 0)
    if filled.size:
        out[..., filled] = np.maximum.reduceat(cells, table.indptr[filled], axis=-1)
    return out
