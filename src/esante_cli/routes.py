"""The k best routes between two places of the mobility graph, each step costed from what the
route has gathered so far.

A route carries a *state*: the levels of its start (a job's or a person's), raised after each
step to at least the levels of the job reached. A step costs the move from the state, not
from the job just left: nothing learnt is forgotten, and nothing already held is asked again.
The cost of a step therefore depends on the whole route before it, not on the edge alone, so
this is a search over states, not over a graph with fixed weights. networkx has no
equivalent: ``shortest_simple_paths`` and ``dijkstra_path`` take a weight per edge or a weight
function of ``(u, v, edge data)``, which cannot see the route before the edge. Measured with
``bench/routes_networkx.py`` (Yen's k best on the fixed job-to-job costs, each route then
costed from its state, against this search; k = 3): the best route networkx gives costs more
than the best one here for 19 of the 132 pairs of the bundled data and for 17 of 20 pairs of a
1,000-job dataset (it never finds a cheaper one), and it is no faster (median 0.33 ms vs
0.52 ms per pair on the bundled data, 14 ms vs 10 ms on 1,000 jobs). networkx keeps the
exported graph (:func:`esante_cli.graph.build_graph`).

The search is A* over simple partial routes, best first, with a lower bound of what remains:
from a state, any route to the target climbs at least the levels the direct move climbs, has
a largest jump at least the direct move's on some step, leaves at least as many levels unused
on its last step, and takes at least one step, so ``min(1, declared_factor) * (direct
weighted parts) + hop_penalty`` never overestimates. Complete routes then come out in the
order of the objective (ties by job ids), which makes the k first ones the k best: exact.
A child whose bound already exceeds the k-th complete route pushed so far is not kept.

A step is allowed when the card declares it (from the job left), when the model computes it
from the state (the accessible band or better, no jump above ``thresholds.max_jump``), or
when it is the direct move from the start to the target, which is always a candidate. A job
on the way must add to the state at least one level the target asks for: a route never makes
a detour that brings it no closer; and a route costs at most ``thresholds.max_detour`` times
the direct move (1.5: a route half again as costly as going straight is not advice; through a
via job, times the two direct moves start -> via -> target; no cap with ``declared_only``, where
the card's moves are asked for whatever they cost). The k best routes are the k best such
routes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

import numpy as np

from .costmodel import ModelConfig
from .levels import LevelMatrix
from .moves import moves_from
from .results.mobility import Objective

PERSON = -1  # the start node of a route from a person (not a job of the table)
# Expansions after which a search gives up being exhaustive and says so (bounded work).
EXPANSION_BUDGET = 20_000
_SLACK = 5  # thousandths: the bound is computed in floats, costs are summed in thousandths


@dataclass(frozen=True)
class FoundRoute:
    """A route found by the search: the start (a job index, or :data:`PERSON`) then the job
    indices reached, and its cost in thousandths."""

    nodes: tuple[int, ...]
    units: int
    max_jump: int

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1


@dataclass(frozen=True)
class Search:
    """What a route search needs: the jobs' levels, the moves the card declares, the model."""

    table: LevelMatrix
    declared: np.ndarray  # (n, n) bool
    config: ModelConfig

    def routes(
        self,
        state: np.ndarray,
        start: int,
        target: int,
        *,
        k: int = 3,
        objective: Objective = Objective.levels,
        banned: frozenset[int] = frozenset(),
        via: int | None = None,
        max_hops: int | None = None,
        declared_only: bool = False,
        budget: int = EXPANSION_BUDGET,
    ) -> tuple[list[FoundRoute], bool]:
        """The ``k`` best routes from ``start`` (whose levels are ``state``) to ``target``,
        best first, and whether the search was exhaustive (False: it stopped after ``budget``
        expansions, and the routes are the best found). Sorted by the objective (``levels``:
        cost; ``hops``: steps, then cost; ``max-jump``: the largest jump of any step, then
        cost), then by the job indices (the jobs are sorted by id)."""
        if start == target:
            return [FoundRoute((start,), 0, 0)], True
        if target in banned or (via is not None and via in banned):
            return [], True
        if max_hops is not None:  # a route visits a job once: never more steps than jobs
            max_hops = min(max_hops, len(self.declared) + 1)
        run = _Run(self, target, objective, banned, via, max_hops, declared_only)
        return run.best(np.asarray(state, dtype=np.int16), start, k, budget)


class _Bound:
    """A lower bound of the cost (thousandths) of any route from a state to one job."""

    def __init__(self, table: LevelMatrix, goal: int, config: ModelConfig):
        self.cols, self.need = table.row(goal)
        self.need = self.need.astype(np.int64)
        # every job's level on the goal's competences (0 where it has none): (n, |goal|)
        where = {int(c): p for p, c in enumerate(self.cols.tolist())}
        self.levels = np.zeros((table.n, len(self.cols)), dtype=np.int64)
        pos = (
            np.array([where.get(int(c), -1) for c in table.cols.tolist()], dtype=np.int64)
            if where
            else np.full(len(table.cols), -1)
        )
        rows = np.repeat(np.arange(table.n), np.diff(table.indptr))
        hit = pos >= 0
        self.levels[rows[hit], pos[hit]] = table.values[hit]
        w = config.weights
        self.w = (w.climb, w.max_jump, w.unused)
        self.factor = min(1.0, w.declared_factor)
        self.hop = w.hop_penalty

    def of(self, held: np.ndarray) -> np.ndarray:
        """Bounds for states given on the goal's competences: (m, |goal|) -> (m,)."""
        deficit = np.maximum(self.need - held, 0)
        climb = deficit.sum(axis=-1)
        jump = deficit.max(axis=-1, initial=0)
        unused = np.maximum(held - self.need, 0).sum(axis=-1)
        weighted = self.w[0] * climb + self.w[1] * jump + self.w[2] * unused
        bound = np.floor((self.factor * weighted + self.hop) * 1000) - _SLACK
        return np.maximum(bound, 0).astype(np.int64)

    def children(self, state: np.ndarray, jobs: np.ndarray) -> np.ndarray:
        """Bounds from the states reached by moving from ``state`` to each of ``jobs``."""
        held = np.maximum(state[self.cols].astype(np.int64)[None, :], self.levels[jobs])
        return self.of(held)

    def gains(self, state: np.ndarray, jobs: np.ndarray) -> np.ndarray:
        """How many of the goal's required levels a move to each of ``jobs`` adds to the
        state (0: the move brings nothing towards the goal)."""
        now = np.minimum(state[self.cols].astype(np.int64), self.need)
        after = np.minimum(np.maximum(now[None, :], self.levels[jobs]), self.need[None, :])
        return (after - now[None, :]).sum(axis=-1)


class _Run:
    """One search: the target, the objective and the constraints."""

    def __init__(
        self,
        search: Search,
        target: int,
        objective: Objective,
        banned: frozenset[int],
        via: int | None,
        max_hops: int | None,
        declared_only: bool,
    ):
        self.s = search
        self.target = target
        self.objective = objective
        self.banned = np.zeros(search.table.n, dtype=bool)
        self.banned[list(banned)] = True
        self.via = via
        self.max_hops = max_hops
        self.declared_only = declared_only
        self.to_target = _Bound(search.table, target, search.config)
        self.to_via = _Bound(search.table, via, search.config) if via is not None else None
        self.hop_units = round(search.config.weights.hop_penalty * 1000)

    def key(self, hops: int, units: int, bneck: int) -> tuple[int, ...]:
        if self.objective == "hops":
            return (hops, units)
        if self.objective == "max-jump":
            return (bneck, units)
        return (units,)

    def best(
        self, state0: np.ndarray, start: int, k: int, budget: int
    ) -> tuple[list[FoundRoute], bool]:
        table = self.s.table
        # Routes that cost more than max_detour times the direct move are not proposed: a
        # counsellor would not defend them, and the cap bounds the search from the start.
        # Through a via job, the yardstick is the straight route through it: start -> via ->
        # target, two direct moves.
        direct = moves_from(
            table, state0, self.s.config, declared=self.s.declared[start] if start >= 0 else None
        )
        if self.via is None:
            straight = int(direct.units[self.target])
        else:
            after = moves_from(
                table,
                table.reached(state0, self.via),
                self.s.config,
                declared=self.s.declared[self.via],
            )
            straight = int(direct.units[self.via]) + int(after.units[self.target])
        self.cap = int(straight * self.s.config.thresholds.max_detour)
        if self.declared_only:  # the card's own moves, whatever they cost: no yardstick
            self.cap = np.iinfo(np.int64).max
        # heap entries: (priority, path, parent state, g units, hops, bottleneck, via seen);
        # paths are unique, so the states are never compared.
        frontier: list[Any] = [((0,), (start,), state0, 0, 0, 0, self.via is None)]
        done: list[FoundRoute] = []
        pushed: list[tuple[int, ...]] = []  # a max-heap (negated) of the k best complete keys
        expansions = 0
        while frontier and len(done) < k:
            _, path, state, g, hops, bneck, via_seen = heapq.heappop(frontier)
            u = path[-1]
            if u == self.target and len(path) > 1:
                done.append(FoundRoute(path, g, bneck))
                continue
            if expansions >= budget:
                return done, False
            expansions += 1
            if len(path) > 1:
                state = table.reached(state, u)
            self._expand(frontier, pushed, k, path, state, g, hops, bneck, via_seen)
        return done, True

    def _expand(
        self,
        frontier: list[Any],
        pushed: list[tuple[int, ...]],
        k: int,
        path: tuple[int, ...],
        state: np.ndarray,
        g: int,
        hops: int,
        bneck: int,
        via_seen: bool,
    ) -> None:
        """Push the children of the partial route ``path`` (cost ``g``, ``hops`` steps, largest
        jump ``bneck``) that may still lead to one of the ``k`` best routes."""
        u = path[-1]
        decl_row = self.s.declared[u] if u >= 0 else np.zeros(self.s.table.n, dtype=bool)
        mv = moves_from(self.s.table, state, self.s.config, declared=decl_row)
        children = self._children(path, state, decl_row, mv.computed, hops, via_seen)
        if children.size == 0:
            return
        target, via, steps = self.target, self.via, hops + 1
        units = g + mv.units[children]
        jumps = np.maximum(bneck, mv.max_jump[children])
        bound = self.to_target.children(state, children)
        bound[children == target] = 0
        seen_after = np.full(children.shape, via_seen)
        if self.to_via is not None and not via_seen:
            seen_after = children == via
            pending = ~seen_after
            if pending.any():
                to_via = self.to_via.children(state, children[pending]) + self.hop_units
                to_via[children[pending] == via] = 0
                bound[pending] = np.maximum(bound[pending], to_via)
        more = np.where(children == target, 0, np.where(seen_after, 1, 2))
        for j, cost, lb, jump, seen, extra in zip(
            children.tolist(),
            units.tolist(),
            bound.tolist(),
            jumps.tolist(),
            seen_after.tolist(),
            more.tolist(),
        ):
            if cost + lb > self.cap:
                continue
            priority = self.key(steps + extra, cost + lb, jump)
            if len(pushed) >= k and priority > tuple(-x for x in pushed[0]):
                continue
            if j == target:
                final = tuple(-x for x in priority)
                if len(pushed) < k:
                    heapq.heappush(pushed, final)
                elif final > pushed[0]:
                    heapq.heapreplace(pushed, final)
            heapq.heappush(frontier, (priority, path + (j,), state, cost, steps, jump, seen))

    def _children(
        self,
        path: tuple[int, ...],
        state: np.ndarray,
        declared: np.ndarray,
        computed: np.ndarray,
        hops: int,
        via_seen: bool,
    ) -> np.ndarray:
        """The jobs a route may step to next: a declared or computed move (or the direct move
        from the start), not banned nor already on the route, within ``max_hops``, through
        ``via`` first, and bringing the target closer unless it is the target (or ``via``)."""
        target, via = self.target, self.via
        allowed = declared.copy() if self.declared_only else (declared | computed)
        if len(path) == 1 and not self.declared_only:
            allowed[target] = True  # the direct move is always a candidate
        allowed &= ~self.banned
        allowed[[x for x in path if x >= 0]] = False
        if not via_seen:
            allowed[target] = False
        if self.max_hops is not None:
            left = self.max_hops - hops - 1  # steps still allowed after this one
            if left < 0:
                return np.zeros(0, dtype=np.int64)
            if left == 0:
                keep = np.zeros_like(allowed)
                keep[target] = allowed[target]
                if not via_seen and via is not None:
                    keep[target] = False
                allowed = keep
            elif left == 1 and not via_seen and via is not None:
                only = allowed[via]
                allowed[:] = False
                allowed[via] = only
        # A job on the way must bring the target closer: a step that adds none of the levels
        # the target asks for (a downgrade, a sideways detour) only lengthens the route.
        children = np.flatnonzero(allowed)
        ways = children[children != target]
        if ways.size:
            useless = ways[self.to_target.gains(state, ways) == 0]
            if via is not None and not via_seen:
                useless = useless[useless != via]
            allowed[useless] = False
            children = np.flatnonzero(allowed)
        return children
