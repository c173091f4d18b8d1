"""How much an answer would move if our estimates were wrong: seeded random draws of the
estimated levels, and the share of them in which a ranked answer keeps its place.

121 of the 132 levels of the bundled data are the dataset authors' estimates. A draw moves
each level marked ``estimate`` or ``guess`` one level down or up with probability
``uncertainty.share`` (half each way, staying within 1-4); the card's levels, the inferred ones
(ESCO's rule) and a person's own never move. An answer ranked *r* is stable in a draw when it
is still ranked *r* or better there; its stability is the share of such draws, and its cost
interval the 5th and 95th percentiles of its cost over the draws. The same seed gives the
same draws, hence the same figures.

Everything is vectorised over the draws: the levels of a draw are one row of a (draws,
entries) array that :func:`esante_cli.moves.moves_from` reads directly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .costmodel import MAX_LEVEL, Uncertainty
from .levels import LevelMatrix


def draw_levels(
    table: LevelMatrix, uncertainty: Uncertainty, draws: int, seed: int
) -> np.ndarray | None:
    """The levels of ``draws`` random draws, (draws, entries); None for no draws. A table
    without estimates gives one draw (every draw would be the same)."""
    if draws <= 0:
        return None
    estimated = np.flatnonzero(table.estimated)
    if estimated.size == 0 or uncertainty.share == 0:
        return table.values[None, :].astype(np.int16)
    rng = np.random.default_rng(seed)
    u = rng.random((draws, estimated.size))
    half = uncertainty.share / 2
    delta = np.where(u < half, -1, np.where(u < uncertainty.share, 1, 0)).astype(np.int16)
    out = np.repeat(table.values[None, :].astype(np.int16), draws, axis=0)
    out[:, estimated] = np.clip(out[:, estimated] + delta, 1, MAX_LEVEL)
    return out


# the largest cost (in units) whose key, times the closeness span (2,002) and the four tiers of
# queries.mobility._tiered_keys, stays below 2**62
_SAFE_UNITS = 2**62 // (4 * 2002)


def rank_keys(downgrade: np.ndarray, coverage: np.ndarray, units: np.ndarray) -> np.ndarray:
    """One sortable integer per move (lower is better): downgrades after the other moves,
    then by closeness (coverage, higher first), then by cost. Arrays of any one shape.

    Costs too large for the product to fit in 64 bits with room for the tiers callers add
    (a model file with weights at their bound) are replaced by their order (dense ranks over
    the whole array): the same comparisons, no silent wrap-around."""
    top = int(np.max(units, initial=0)) + 1
    if top > _SAFE_UNITS:
        units = np.unique(units, return_inverse=True)[1].reshape(np.shape(units))
        top = int(np.max(units, initial=0)) + 1
    return (
        downgrade.astype(np.int64) * 1001 + (1000 - coverage.astype(np.int64))
    ) * top + units.astype(np.int64)


def competition_ranks(keys: Sequence[object]) -> list[int]:
    """'1, 2, 2, 4' ranks of keys already sorted: equal keys share a rank."""
    ranks: list[int] = []
    for i, key in enumerate(keys):
        ranks.append(ranks[-1] if i and key == keys[i - 1] else i + 1)
    return ranks


def kept_rank(
    keys: np.ndarray, eligible: np.ndarray, items: Sequence[int], ranks: Sequence[int]
) -> list[float]:
    """For each item (a column of ``keys``) shown at rank ``ranks[i]``: the share of the draws
    (rows) in which it is still eligible and ranked that well or better among the eligible."""
    if not len(items):
        return []
    cols = np.asarray(items)
    own = keys[:, cols]  # (D, m)
    better = ((keys[:, :, None] < own[:, None, :]) & eligible[:, :, None]).sum(axis=1)
    kept = eligible[:, cols] & (better + 1 <= np.asarray(ranks)[None, :])
    return [round(float(x), 3) for x in kept.mean(axis=0)]


def interval(units: np.ndarray) -> list[float]:
    """The 5th and 95th percentiles of costs given in thousandths, as costs."""
    ordered = np.sort(np.asarray(units, dtype=float).ravel())
    low, high = (_percentile(ordered, q) for q in (5, 95))
    return [round(low / 1000, 3), round(high / 1000, 3)]


def _percentile(ordered: np.ndarray, q: float) -> float:
    """``np.percentile(values, q)`` (its default, linear method) of sorted values, to the last
    bit (a test compares): numpy's own imports ``numpy.ma`` (7 ms of every route's start-up)
    through ``np.unique``."""
    n = len(ordered)
    index = (q / 100) * (n - 1)
    below = int(np.floor(index))
    above = min(below + 1, n - 1)
    t = index - below
    a, b = float(ordered[below]), float(ordered[above])
    diff = b - a
    return b - diff * (1 - t) if t >= 0.5 else a + diff * t
