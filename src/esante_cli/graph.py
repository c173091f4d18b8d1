"""The mobility graph: one node per job, one edge per move the card declares or the model computes.

Two forms of the same graph:

- :class:`MobilityGraph`, built with numpy from a job x competence level matrix: the edges of
  every pair at once, and the route search (:mod:`esante_cli.routes`: the k best routes,
  each step costed from what the route has gathered). The queries use it; it needs no
  networkx and scales to thousands of jobs.
- :func:`build_graph`, the same nodes and edges as a networkx ``DiGraph``, for library users
  and exports. networkx is imported there only.

An edge A -> B exists when the card declares the move (kind ``declared``) or when the two
profiles are close enough (kind ``computed``: the coverage reaches the ``accessible`` band and
no jump exceeds ``thresholds.max_jump``). Its cost comes from :mod:`esante_cli.costmodel`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .costmodel import DEFAULT_MODEL, CostParts, ModelConfig, is_computed, share_units
from .levels import LevelMatrix
from .models import Mobility
from .moves import pair_moves
from .results.mobility import EdgeKind, Objective
from .routes import Search

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np

    from .dataset import Dataset

OBJECTIVES: tuple[Objective, ...] = tuple(Objective)


def level_matrix(dataset: Dataset) -> LevelMatrix:
    """The levels of a dataset (:class:`esante_cli.levels.LevelMatrix`), made once per
    dataset; a large dataset's keeps the parts of every pair in the cache."""
    return dataset.memo("level_matrix", lambda: _level_matrix(dataset))


def _level_matrix(dataset: Dataset) -> LevelMatrix:
    if dataset.cache_key is None:
        return LevelMatrix.of(dataset)
    from .cache import pair_store

    store = pair_store(dataset.cache_key, len(dataset.jobs))
    if store is None:
        return LevelMatrix.of(dataset)
    arrays = store.load_levels()
    if arrays is not None:
        return LevelMatrix.from_cached(dataset, arrays, store)
    matrix = LevelMatrix.of(dataset)
    store.save_levels(matrix.cached_arrays())
    return dataclasses.replace(matrix, pair_store=store)


def mobility_graph(dataset: Dataset, config: ModelConfig = DEFAULT_MODEL) -> MobilityGraph:
    """The :class:`MobilityGraph` of a dataset under a model, made once per model."""
    key = "graph:" + repr(config)  # every field, without building pydantic's serializer
    return dataset.memo(key, lambda: MobilityGraph(dataset, config))


# -- the graph, as arrays -------------------------------------------------------------------


class MobilityGraph:
    """The graph of moves between the jobs of a dataset: the card's declared moves, the
    computed ones (every pair's parts, made on first use), and the route search
    (:mod:`esante_cli.routes`)."""

    def __init__(self, dataset: Dataset, config: ModelConfig = DEFAULT_MODEL):
        import numpy as np

        self.dataset = dataset
        self.config = config
        self.matrix = level_matrix(dataset)
        n = len(self.matrix.ids)
        index = self.matrix.index
        self.mobilities: dict[tuple[int, int], Mobility] = {}
        declared = np.zeros((n, n), dtype=bool)
        for mob in dataset.mobilities:
            key = (index[mob.source_job], index[mob.target_job])
            self.mobilities[key] = mob
            declared[key] = True
        self.declared = declared

    @property
    def ids(self) -> tuple[str, ...]:
        return self.matrix.ids

    @property
    def table(self) -> LevelMatrix:
        """The jobs' levels (what the route search and the draws read)."""
        return self.matrix

    @cached_property
    def search(self) -> Search:
        return Search(self.table, self.declared, self.config)

    @cached_property
    def edge(self) -> np.ndarray:
        """(n, n) bool: the moves of the graph between jobs (declared or computed), from the
        parts of every pair (:func:`esante_cli.levels.all_pair_parts`)."""
        import numpy as np

        parts = self.matrix.pair_parts(self.config.thresholds.blocking_deficit)
        required = np.bincount(
            self.matrix.rows, weights=self.matrix.values, minlength=self.matrix.n
        ).astype(np.int64)
        held = required[None, :] - parts.climb.astype(np.int64)
        computed = is_computed(
            share_units(held, required[None, :]), parts.max_jump, required[None, :], self.config
        )
        edge = self.declared | computed
        np.fill_diagonal(edge, False)
        return edge

    @cached_property
    def components(self) -> Components:
        """The connected components of the graph, edges taken both ways (weakly connected):
        two jobs of one component are linked by a chain of moves; of two, by none. A large
        dataset keeps them in the cache (the import computes them): ``paths`` asks for them
        when its only routes leave every threshold, and the edges of 9 million pairs cost
        0.6 s to compute again."""

        store = self.matrix.pair_store
        accessible = self.config.bands.units()[1]
        tag = f"a{accessible}-j{self.config.thresholds.max_jump}"
        labels = store.load_labels(tag) if store is not None else None
        if labels is None:
            labels = _weak_components(self.edge)
            if store is not None:
                store.save_labels(tag, labels)
        return Components(labels=labels, graph=self)

    def kind(self, i: int, j: int) -> EdgeKind | None:
        """The kind of the edge i -> j, or None if there is none."""
        if not self.edge[i, j]:
            return None
        return "declared" if self.declared[i, j] else "computed"

    def parts(self, i: int, j: int) -> CostParts:
        """The cost of the move i -> j and its named parts."""
        import numpy as np

        moves = pair_moves(
            self.table,
            np.array([i]),
            np.array([j]),
            self.config,
            declared=np.array([self.declared[i, j]]),
        )
        return moves.parts(0)

    def edges(self, declared_only: bool = False) -> list[tuple[int, int]]:
        """Every edge (i, j), sorted."""
        import numpy as np

        mask = self.edge & self.declared if declared_only else self.edge
        return [(int(i), int(j)) for i, j in zip(*np.nonzero(mask))]

    def levels_provenance(self, i: int, j: int) -> str:
        """The weakest provenance among the levels the move i -> j is computed from."""
        return self.matrix.move_provenance(i, j)

    def edge_list(self, declared_only: bool = False) -> list[Edge]:
        """Every edge with its cost's parts, sorted: the one builder of the exported graph
        (:func:`build_graph`, and ``whole_graph`` for ``esante export graph``), fed with the
        parts of all the edges at once (:func:`esante_cli.moves.pair_moves`)."""
        import numpy as np

        pairs = self.edges(declared_only)
        if not pairs:
            return []
        sources = np.array([i for i, _ in pairs])
        targets = np.array([j for _, j in pairs])
        moves = pair_moves(
            self.table, sources, targets, self.config, declared=self.declared[sources, targets]
        )
        out = []
        for p, (i, j) in enumerate(pairs):
            parts = moves.parts(p)
            out.append(
                Edge(
                    i,
                    j,
                    "declared" if parts.declared else "computed",
                    parts,
                    self.mobilities.get((i, j)),
                    self.levels_provenance(i, j),
                )
            )
        return out


SMALL_GRAPH = 200  # jobs: below, components are found without importing scipy (0.1 s)


def _weak_components(edge: np.ndarray) -> np.ndarray:
    """A component label per job (0, 1, ... in order of first job), edges taken both ways."""
    import numpy as np

    n = len(edge)
    if n > SMALL_GRAPH:
        from scipy.sparse import csr_array
        from scipy.sparse.csgraph import connected_components

        _, found = connected_components(csr_array(edge), connection="weak")
        return found.astype(np.int32)
    both = edge | edge.T
    labels = np.full(n, -1, dtype=np.int32)
    count = 0
    for start in range(n):
        if labels[start] >= 0:
            continue
        labels[start] = count
        todo = [start]
        while todo:
            for j in np.flatnonzero(both[todo.pop()] & (labels < 0)).tolist():
                labels[j] = count
                todo.append(j)
        count += 1
    return labels


@dataclass(frozen=True)
class Components:
    """The weakly connected components of a graph: a label per job, and what an import's
    summary says of them."""

    labels: np.ndarray
    graph: MobilityGraph = dataclasses.field(repr=False)

    @property
    def count(self) -> int:
        return int(self.labels.max(initial=-1)) + 1

    def size(self, i: int) -> int:
        """How many jobs the component of job ``i`` holds (itself included)."""
        return int((self.labels == self.labels[i]).sum())

    @property
    def largest(self) -> int:
        import numpy as np

        return int(np.bincount(self.labels).max(initial=0))

    @property
    def isolated(self) -> int:
        """Jobs with no move, from them or to them (a job alone in its component)."""
        import numpy as np

        return int((np.bincount(self.labels)[self.labels] == 1).sum())


@dataclass(frozen=True)
class Edge:
    """An edge of the graph: its ends (indices), kind, cost's parts, the card's declaration
    (None for a computed move) and the weakest provenance of the levels its cost uses."""

    source: int
    target: int
    kind: EdgeKind
    parts: CostParts
    mobility: Mobility | None
    levels_provenance: str


# -- the graph, as networkx ----------------------------------------------------------------


def build_graph(
    dataset: Dataset, config: ModelConfig = DEFAULT_MODEL, *, declared_only: bool = False
) -> nx.DiGraph:
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
        g.add_node(
            job_id,
            title=job.title,
            family=job.family.value if job.family else None,
            provenance=m.job_provenance(i),
        )
    for e in graph.edge_list(declared_only):
        mob = e.mobility
        g.add_edge(
            graph.ids[e.source],
            graph.ids[e.target],
            kind=e.kind,
            cost=e.parts.cost,
            parts=e.parts.model_dump(mode="json"),
            also_computed=bool(mob is not None and e.parts.computed),
            direction=mob.direction if mob else None,
            ring=mob.ring if mob else None,
            provenance=mob.provenance if mob else None,
            levels_provenance=e.levels_provenance,
        )
    return g
