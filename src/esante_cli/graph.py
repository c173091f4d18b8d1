"""The mobility graph: one node per job, one edge per move the card declares or the model computes.

Two forms of the same graph:

- :class:`MobilityGraph`, built with numpy from a job x competence level matrix: the edges of
  every pair at once, and the route search (k best routes, Yen's algorithm over a dense
  Dijkstra). The queries use it; it needs no networkx and scales to thousands of jobs.
- :func:`build_graph`, the same nodes and edges as a networkx ``DiGraph``, for library users
  and exports. networkx is imported there only.

An edge A -> B exists when the card declares the move (kind ``declared``) or when the two
profiles are close enough (kind ``computed``: similarity >= ``min_similarity`` and largest
jump <= ``max_jump``). Its cost comes from :mod:`esante_cli.costmodel`.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from .costmodel import DEFAULT_MODEL, CostParts, ModelConfig, PairUnits, pair_units, transition
from .models import Mobility
from .results.mobility import EdgeKind, Objective

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

    from .dataset import Dataset

OBJECTIVES: tuple[Objective, ...] = ("levels", "hops", "max-jump")

# How weak a provenance is, weakest last: a result that mixes levels shows the weakest.
PROVENANCE_ORDER = ("card", "found", "third-party", "user", "inferred", "estimate", "guess")


def weakest(provenances: Iterable[str | None]) -> str:
    """The weakest of several provenances ('card' when all come from the card)."""
    rank = {p: i for i, p in enumerate(PROVENANCE_ORDER)}
    worst = "card"
    for p in provenances:
        if p is not None and rank.get(p, len(rank)) > rank.get(worst, 0):
            worst = p
    return worst


# -- the level matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class LevelMatrix:
    """Every job's level on every levelled competence, jobs sorted by id.

    ``levels`` is (jobs, competences) with NaN where the dataset gives no level;
    ``provenance[i][c]`` is where that level comes from (None: the job has no entry at all).
    """

    ids: tuple[str, ...]
    competences: tuple[str, ...]
    levels: np.ndarray = field(repr=False)
    provenance: tuple[tuple[str | None, ...], ...] = field(repr=False)

    @cached_property
    def index(self) -> dict[str, int]:
        return {job_id: i for i, job_id in enumerate(self.ids)}

    def level(self, i: int, c: int) -> int | None:
        value = self.levels[i, c]
        return None if math.isnan(value) else int(value)

    def levels_of(self, i: int) -> dict[str, int | None]:
        return {comp: self.level(i, c) for c, comp in enumerate(self.competences)}

    def entries_of(self, i: int) -> dict[str, tuple[int | None, str | None]]:
        """Competence id -> (level, provenance) for every competence job ``i`` has an entry on
        (the others are (None, None))."""
        out = {}
        for c, comp in enumerate(self.competences):
            level, prov = self.level(i, c), self.provenance[i][c]
            if level is not None or prov is not None:
                out[comp] = (level, prov)
        return out

    def job_provenance(self, i: int) -> str:
        """The weakest provenance among the job's own levels."""
        return weakest(p for c, p in enumerate(self.provenance[i]) if self.level(i, c) is not None)

    def move_provenance(self, i: int, j: int) -> str:
        """The weakest provenance among the levels a move from job i to job j is computed
        from: both jobs' levels on every competence job j levels (a missing source level
        counts as 0 and brings no provenance)."""
        used: list[str | None] = []
        for c in range(len(self.competences)):
            if self.level(j, c) is not None:
                used.append(self.provenance[j][c])
                if self.level(i, c) is not None:
                    used.append(self.provenance[i][c])
        return weakest(used)


def level_matrix(dataset: Dataset) -> LevelMatrix:
    """The level matrix of a dataset (levelled competences in catalogue order); sparse for a
    large dataset (see :mod:`esante_cli.sparse`)."""
    import numpy as np

    from .sparse import sparse_level_matrix, wants_sparse

    comps = tuple(c.id for c in dataset.levelled_competences)
    jobs = dataset.jobs
    if wants_sparse(len(jobs), len(comps)):
        return sparse_level_matrix(dataset)
    levels = np.full((len(jobs), len(comps)), np.nan)
    provenance: list[tuple[str | None, ...]] = []
    for i, job in enumerate(jobs):
        row: list[str | None] = []
        entries = {jc.id: jc for jc in job.competences}
        for c, comp in enumerate(comps):
            jc = entries.get(comp)
            if jc is not None and jc.expected_level is not None:
                levels[i, c] = jc.expected_level
            row.append(jc.provenance if jc is not None else None)
        provenance.append(tuple(row))
    return LevelMatrix(tuple(j.id for j in jobs), comps, levels, tuple(provenance))


# -- the graph, as arrays -------------------------------------------------------------------


@dataclass(frozen=True)
class FoundRoute:
    """A route found by the search: job indices, and its cost in thousandths."""

    nodes: tuple[int, ...]
    units: int

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1


class MobilityGraph:
    """The graph of moves between the jobs of a dataset, as dense numpy arrays."""

    def __init__(self, dataset: Dataset, config: ModelConfig = DEFAULT_MODEL,
                 *, matrix: LevelMatrix | None = None):
        import numpy as np

        self.dataset = dataset
        self.config = config
        self.matrix = matrix or level_matrix(dataset)
        n = len(self.matrix.ids)
        index = self.matrix.index
        self.mobilities: dict[tuple[int, int], Mobility] = {}
        declared = np.zeros((n, n), dtype=bool)
        for mob in dataset.mobilities:
            key = (index[mob.source_job], index[mob.target_job])
            self.mobilities[key] = mob
            declared[key] = True
        self.declared = declared
        self.pairs: PairUnits = pair_units(self.matrix.levels, declared, config)
        edge = declared | self.pairs.computed
        np.fill_diagonal(edge, False)
        self.edge = edge

    @property
    def ids(self) -> tuple[str, ...]:
        return self.matrix.ids

    def kind(self, i: int, j: int) -> EdgeKind | None:
        """The kind of the edge i -> j, or None if there is none."""
        if not self.edge[i, j]:
            return None
        return "declared" if self.declared[i, j] else "computed"

    def parts(self, i: int, j: int) -> CostParts:
        """The cost of the move i -> j and its named parts."""
        return transition(self.matrix.levels_of(i), self.matrix.levels_of(j),
                          declared=bool(self.declared[i, j]), config=self.config)

    def edges(self, declared_only: bool = False) -> list[tuple[int, int]]:
        """Every edge (i, j), sorted."""
        import numpy as np

        mask = self.edge & self.declared if declared_only else self.edge
        return [(int(i), int(j)) for i, j in zip(*np.nonzero(mask))]

    def levels_provenance(self, i: int, j: int) -> str:
        """The weakest provenance among the levels the move i -> j is computed from."""
        return self.matrix.move_provenance(i, j)

    # -- routes ----------------------------------------------------------------------------

    def routes(
        self,
        source: int,
        target: int,
        *,
        k: int = 3,
        objective: Objective = "levels",
        avoid: Sequence[int] = (),
        via: int | None = None,
        max_hops: int | None = None,
        declared_only: bool = False,
    ) -> list[FoundRoute]:
        """The ``k`` best distinct simple routes from ``source`` to ``target``, best first.

        Sorted by the objective (``levels``: the model's cost; ``hops``: the number of steps;
        ``max-jump``: the largest single jump of any step), then by cost, then by the job ids.
        No route ever visits a job of ``avoid``; with ``via``, every route passes through it.
        """
        import numpy as np

        n = len(self.ids)
        allowed = self.edge & self.declared if declared_only else self.edge.copy()
        banned = np.zeros(n, dtype=bool)
        banned[list(avoid)] = True
        jumps = self.pairs.max_jump
        if objective == "max-jump":
            found: dict[tuple[int, ...], FoundRoute] = {}
            for m in range(int(jumps.max(initial=0)) + 1):
                within = allowed & (jumps <= m)
                for r in self._best(within, source, target, k, "levels", banned, via, max_hops):
                    found.setdefault(r.nodes, r)
                ranked = sorted(found.values(), key=lambda r: self.sort_key(r, objective))
                if sum(1 for r in ranked if self.bottleneck(r) <= m) >= k:
                    break
            return sorted(found.values(), key=lambda r: self.sort_key(r, objective))[:k]
        routes = self._best(allowed, source, target, k, objective, banned, via, max_hops)
        return sorted(routes, key=lambda r: self.sort_key(r, objective))[:k]

    def bottleneck(self, route: FoundRoute) -> int:
        jumps = self.pairs.max_jump
        return max((int(jumps[a, b]) for a, b in pairwise(route.nodes)), default=0)

    def sort_key(self, route: FoundRoute, objective: Objective) -> tuple[Any, ...]:
        ids = tuple(self.ids[i] for i in route.nodes)
        if objective == "hops":
            return (route.hops, route.units, ids)
        if objective == "max-jump":
            return (self.bottleneck(route), route.units, ids)
        return (route.units, ids)

    def _best(self, allowed: np.ndarray, source: int, target: int, k: int,
              objective: Objective, banned: np.ndarray, via: int | None,
              max_hops: int | None) -> list[FoundRoute]:
        import numpy as np

        # The weights are the only float (n, n) array: at 3,000 jobs each such array is
        # 72 MB, and making one costs more than the search itself.
        units = self.pairs.units
        if objective == "hops":
            # Lexicographic (steps, cost) as one additive weight: one step outweighs any
            # simple route's total cost. Integers below 2**53 stay exact in float64.
            finite = units[allowed]
            scale = (float(finite.max()) if finite.size else 0.0) * len(units) + 1.0
            weights = np.where(allowed, units + scale, np.inf)
        else:
            weights = np.where(allowed, units, np.inf)
        search = _Search(weights, units)
        if via is None or via in (source, target):
            return search.k_best(source, target, k, banned, max_hops)
        # Through ``via``: a route is a first leg (source -> via, keeping off the target) and
        # a second leg (via -> target) that revisits none of its jobs. For a given first leg,
        # its k best second legs suffice (any worse one is beaten by those k). First legs are
        # taken m at a time, m doubling until no unseen first leg can beat the k-th route
        # found: an unseen leg costs at least the m-th one, plus the cheapest second leg.
        first_banned = banned.copy()
        first_banned[target] = True
        first_hops = None if max_hops is None else max_hops - 1
        floor = search.k_best(via, target, 1, banned, None)
        if not floor:
            return []
        floor_key = search.key_of(floor[0].nodes)
        key = (lambda r: (search.key_of(r.nodes), tuple(self.ids[i] for i in r.nodes)))
        m = k
        while True:
            legs = search.k_best(source, via, m, first_banned, first_hops)
            found: dict[tuple[int, ...], FoundRoute] = {}
            for leg in legs:
                second_banned = banned.copy()
                second_banned[list(leg.nodes[:-1])] = True
                budget = None if max_hops is None else max_hops - leg.hops
                if budget is not None and budget < 1:
                    continue
                for tail in search.k_best(via, target, k, second_banned, budget):
                    nodes = leg.nodes + tail.nodes[1:]
                    found[nodes] = FoundRoute(nodes, leg.units + tail.units)
            ranked = sorted(found.values(), key=key)[:k]
            if len(legs) < m:  # every first leg was seen
                return ranked
            unseen_floor = search.key_of(legs[-1].nodes) + floor_key
            if len(ranked) == k and search.key_of(ranked[-1].nodes) <= unseen_floor:
                return ranked
            m *= 2


class _Search:
    """k shortest simple paths (Yen) on a dense weight matrix (inf: no edge).

    ``weights`` orders the routes (cost, or steps then cost); ``units`` is the cost in
    thousandths, whose sum along a route is its cost.
    """

    def __init__(self, weights: np.ndarray, units: np.ndarray):
        self.weights = weights
        self.units = units

    def key_of(self, nodes: Sequence[int]) -> float:
        return float(sum(self.weights[a, b] for a, b in pairwise(nodes)))

    def cost_of(self, nodes: Sequence[int]) -> int:
        return int(sum(int(self.units[a, b]) for a, b in pairwise(nodes)))

    def k_best(self, source: int, target: int, k: int, banned: np.ndarray,
               max_hops: int | None) -> list[FoundRoute]:
        if banned[source] or banned[target]:
            return []
        if source == target:
            return [FoundRoute((source,), 0)]
        first = self._shortest(source, target, banned, None, max_hops)
        if first is None:
            return []
        best: list[tuple[int, ...]] = [first]
        seen = {first}
        # Candidates ordered by key, then by node indices (= job ids, which are sorted).
        candidates: list[tuple[float, tuple[int, ...]]] = []
        while len(best) < k:
            last = best[-1]
            for j in range(len(last) - 1):
                spur, root = last[j], last[: j + 1]
                budget = None if max_hops is None else max_hops - j
                if budget is not None and budget < 1:
                    continue
                spur_banned = banned.copy()
                spur_banned[list(root[:-1])] = True
                row = self.weights[spur].copy()
                for path in best:
                    if len(path) > j + 1 and path[: j + 1] == root:
                        row[path[j + 1]] = float("inf")
                tail = self._shortest(spur, target, spur_banned, row, budget)
                if tail is None:
                    continue
                nodes = root[:-1] + tail
                if nodes not in seen:
                    seen.add(nodes)
                    heapq.heappush(candidates, (self.key_of(nodes), nodes))
            if not candidates:
                break
            best.append(heapq.heappop(candidates)[1])
        return [FoundRoute(nodes, self.cost_of(nodes)) for nodes in best]

    def _shortest(self, source: int, target: int, banned: np.ndarray, first_row: Any,
                  max_hops: int | None) -> tuple[int, ...] | None:
        if max_hops is not None:
            return self._shortest_within(source, target, banned, first_row, max_hops)
        import numpy as np

        weights = self.weights
        n = len(weights)
        # Weights are >= 0, so a settled job never improves again; a banned job gets a
        # distance below any route's, so it is never improved either.
        dist = np.full(n, np.inf)
        dist[banned] = -1.0
        dist[source] = 0.0
        pending = np.full(n, np.inf)  # tentative distances of the jobs not yet settled
        pred = np.full(n, -1)
        better = np.empty(n, dtype=bool)
        u = source
        while u != target:
            pending[u] = np.inf
            row = first_row if (u == source and first_row is not None) else weights[u]
            cand = row + dist[u]
            np.less(cand, dist, out=better)
            np.copyto(dist, cand, where=better)
            np.copyto(pending, cand, where=better)
            np.copyto(pred, u, where=better)
            u = int(pending.argmin())  # ties: the lowest index, i.e. the first id
            if pending[u] == np.inf:
                return None
        return _walk_back(pred, source, target)

    def _shortest_within(self, source: int, target: int, banned: np.ndarray, first_row: Any,
                         max_hops: int) -> tuple[int, ...] | None:
        """Shortest route of at most ``max_hops`` steps (Bellman-Ford by layers).

        Each layer holds the cheapest walks of exactly h steps. The best walk found is
        simple: every step costs more than zero, so a walk with a loop is beaten by the same
        walk without it, which has fewer steps.
        """
        import numpy as np

        weights = self.weights
        n = len(weights)
        dist = np.full(n, np.inf)
        dist[source] = 0.0
        preds: list[np.ndarray] = []
        best, best_h = np.inf, -1
        for h in range(1, max_hops + 1):
            rows = np.flatnonzero(np.isfinite(dist))
            if rows.size == 0:
                break
            block = weights[rows].copy()
            if first_row is not None:
                block[rows == source] = first_row
            totals = dist[rows, None] + block
            arg = np.argmin(totals, axis=0)  # ties: the lowest index
            dist = totals[arg, np.arange(n)]
            dist[banned] = np.inf
            dist[source] = np.inf
            preds.append(rows[arg])
            if dist[target] < best:
                best, best_h = float(dist[target]), h
            dist[target] = np.inf  # a route ends at the target
        if best_h < 0:
            return None
        nodes = [target]
        for h in range(best_h, 0, -1):
            nodes.append(int(preds[h - 1][nodes[-1]]))
        return tuple(reversed(nodes))


def _walk_back(pred: Any, source: int, target: int) -> tuple[int, ...]:
    nodes = [target]
    while nodes[-1] != source:
        nodes.append(int(pred[nodes[-1]]))
    return tuple(reversed(nodes))


# -- the graph, as networkx ----------------------------------------------------------------


def build_graph(dataset: Dataset, config: ModelConfig = DEFAULT_MODEL,
                *, declared_only: bool = False) -> nx.DiGraph:
    """The mobility graph as a networkx ``DiGraph``, nodes and edges sorted by id.

    Node attributes: ``title``, ``family``, ``provenance`` (of its levels). Edge attributes:
    ``kind`` (``declared`` or ``computed``), ``cost``, ``parts`` (the cost's named parts, a
    dict), ``also_computed`` (a declared move the model would compute too), ``direction`` and
    ``ring`` (as the card declares them, else None), ``provenance`` (of the declared
    placement, else None) and ``levels_provenance`` (the weakest provenance of the levels the
    cost is computed from).
    """
    import networkx as nx

    graph = MobilityGraph(dataset, config)
    g = nx.DiGraph(data_version=dataset.version, model=config.name)
    m = graph.matrix
    for i, job_id in enumerate(graph.ids):
        job = dataset.job(job_id)
        g.add_node(job_id, title=job.title, family=job.family.value if job.family else None,
                   provenance=m.job_provenance(i))
    for i, j in graph.edges(declared_only):
        parts = graph.parts(i, j)
        mob = graph.mobilities.get((i, j))
        g.add_edge(
            graph.ids[i],
            graph.ids[j],
            kind=graph.kind(i, j),
            cost=parts.cost,
            parts=parts.model_dump(mode="json"),
            also_computed=bool(mob is not None and parts.computed),
            direction=mob.direction if mob else None,
            ring=mob.ring if mob else None,
            provenance=mob.provenance if mob else None,
            levels_provenance=graph.levels_provenance(i, j),
        )
    return g
