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

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .costmodel import DEFAULT_MODEL, CostParts, ModelConfig, PairUnits, pair_units, transition
from .models import Mobility
from .moves import LevelTable
from .results.mobility import EdgeKind, Objective
from .routes import Search

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
    large dataset (see :mod:`esante_cli.sparse`). Made once per dataset."""
    return dataset.memo("level_matrix", lambda: _level_matrix(dataset))


def level_table(dataset: Dataset) -> LevelTable:
    """The jobs' levels as entries (:class:`esante_cli.moves.LevelTable`), made once."""
    return dataset.memo("level_table", lambda: LevelTable.of(level_matrix(dataset)))


def mobility_graph(dataset: Dataset, config: ModelConfig = DEFAULT_MODEL) -> MobilityGraph:
    """The :class:`MobilityGraph` of a dataset under a model, made once per model."""
    key = "graph:" + config.model_dump_json()
    return dataset.memo(key, lambda: MobilityGraph(dataset, config))


def _level_matrix(dataset: Dataset) -> LevelMatrix:
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


class MobilityGraph:
    """The graph of moves between the jobs of a dataset: the card's declared moves, the
    computed ones (every pair's parts, made on first use), and the route search
    (:mod:`esante_cli.routes`)."""

    def __init__(self, dataset: Dataset, config: ModelConfig = DEFAULT_MODEL,
                 *, matrix: LevelMatrix | None = None):
        import numpy as np

        self.dataset = dataset
        self.config = config
        self.matrix = matrix or level_matrix(dataset)
        self._own_matrix = matrix is None
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

    @cached_property
    def table(self) -> LevelTable:
        """The jobs' levels as entries (what the route search and the draws read)."""
        if self._own_matrix:
            return level_table(self.dataset)
        return LevelTable.of(self.matrix)

    @cached_property
    def search(self) -> Search:
        return Search(self.table, self.declared, self.config)

    @cached_property
    def pairs(self) -> PairUnits:
        """Cost, closeness and largest jump of every move between two jobs."""
        return pair_units(self.matrix.levels, self.declared, self.config)

    @cached_property
    def edge(self) -> np.ndarray:
        """(n, n) bool: the moves of the graph between jobs (declared or computed)."""
        import numpy as np

        edge = self.declared | self.pairs.computed
        np.fill_diagonal(edge, False)
        return edge

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
