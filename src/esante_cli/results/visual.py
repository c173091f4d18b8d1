"""Results of the visual queries: a job's neighbourhood map, the whole graph, the cost matrix
and the printable report.

Like every result they are frozen pydantic models; the renderers (``render/mapdraw.py``,
``render/export.py``, ``render/html.py``) take them and never see a dataset or networkx.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ..costmodel import Band, Bands, CostParts, ModelConfig, Move
from ..models import Provenance, Ring
from .base import Frozen, Result
from .mobility import (
    DeclaredDirection,
    EdgeKind,
    GapResult,
    JobRef,
    KindFilter,
    PathsResult,
    ProfileRef,
)
from .people import JobMatch, PersonLevel, ProfilePathsResult

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CardSummary",
    "CostMatrix",
    "GraphEdge",
    "GraphNode",
    "GraphResult",
    "MapNode",
    "MatrixBlock",
    "MatrixCell",
    "MatrixStream",
    "NeighbourhoodMap",
    "PersonSummary",
    "Report",
    "Side",
]

Side = Literal["in", "out"]


# -- the map of one job's neighbourhood ------------------------------------------------------


HighlightRole = Literal["start", "current"]  # a report's starting job, a person's current job


class MapNode(Frozen):
    """A job on one side of the map: it leads to the shown job (``in``) or the shown job leads
    to it (``out``). A job may sit on both sides, as Data Scientist does on the card's chart."""

    job: JobRef
    side: Side
    kind: EdgeKind  # of the edge on this side (declared by the card, or computed)
    also_computed: bool  # a declared move the model would compute too
    cost: float  # of the move on this side (in: job -> shown job; out: the reverse)
    coverage: float  # of the move on this side: the share of the target's requirement held
    band: Band  # of the coverage
    move: Move  # progression, lateral or downgrade
    parts: CostParts
    reverse_cost: float
    declared_direction: DeclaredDirection | None
    ring: Ring | None  # the card's ring, when the data keeps it (None: unknown)
    declared_provenance: Provenance | None  # of the card's placement ('inferred': marked †)
    provenance: Provenance  # the weakest provenance of the levels the cost uses
    estimated: bool  # the cost uses levels that are estimates (marked *)
    highlight: bool = False  # the job a report is about


class NeighbourhoodMap(Result):
    """A job's neighbours in the spirit of the OPIIEC chart: those it comes from (``incoming``)
    on one side, those it leads to (``outgoing``) on the other, each side by band, downgrades
    last, closest first; ``others`` the jobs on neither side (no edge either way, or left out
    by ``kind``, ``top`` or as a computed downgrade: ``hidden_downgrades`` counts those)."""

    job: JobRef
    job_provenance: Provenance  # of the shown job's own levels
    kind: KindFilter
    top: int | None
    incoming: list[MapNode]
    outgoing: list[MapNode]
    others: list[JobRef]
    bands: Bands  # the band limits, drawn as rings
    hidden_downgrades: int  # computed downgrades left off the picture (both sides)
    highlight_role: HighlightRole | None = None  # what the framed job is, when one is
    uses_estimates: bool
    uses_inferred: bool  # a declared placement shown is inferred from the chart's layout
    mobility_note: str | None  # the card's own caveat on its moves, if the card has one
    model: ModelConfig


# -- the whole graph ---------------------------------------------------------------------------


class GraphNode(Frozen):
    id: str
    title: str
    family: str | None
    provenance: Provenance  # the weakest provenance of the job's own levels
    has_card: bool  # the dataset holds the job's full OPIIEC card
    card_levels: int
    estimated_levels: int


class GraphEdge(Frozen):
    """A move of the graph, with every attribute: its kind, the cost's named parts, the card's
    placement and where its levels come from."""

    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    kind: EdgeKind
    cost: float
    band: Band
    parts: CostParts
    also_computed: bool
    direction: DeclaredDirection | None  # as the card declares the move
    ring: Ring | None
    provenance: Provenance | None  # of the card's placement (None: a computed move)
    levels_provenance: Provenance  # the weakest provenance of the levels the cost uses


class GraphResult(Result):
    """Every job and every move, nodes sorted by id, edges by (from, to)."""

    dataset_date: str
    declared_only: bool
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    uses_estimates: bool
    model: ModelConfig


# -- the cost matrix ---------------------------------------------------------------------------


class MatrixCell(Frozen):
    """One ordered pair (every pair, edge or not; the diagonal left out)."""

    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    cost: float
    band: Band
    kind: EdgeKind | None  # None: the graph has no edge for this move
    parts: CostParts
    provenance: Provenance


class CostMatrix(Result):
    """The cost of every move, both directions: ``cost[i][j]`` is from ``ids[i]`` to
    ``ids[j]`` (0 on the diagonal); ``cells`` holds each pair's parts, sorted by (from, to)."""

    ids: list[str]
    titles: dict[str, str]
    cost: list[list[float]]
    cells: list[MatrixCell]
    uses_estimates: bool
    model: ModelConfig


# The kind of each cell of a matrix block, by index: no edge, computed, declared.
MATRIX_KINDS: tuple[EdgeKind | None, ...] = (None, "computed", "declared")


@dataclass(frozen=True)
class MatrixBlock:
    """The moves from the jobs ``start``, ``start + 1``... to every job, as arrays
    (rows, jobs), the diagonal included: ``parts`` holds every field of
    :class:`CostParts` (``move`` as an index in ``costmodel.MOVES``); ``band``, ``kind`` and
    ``provenance`` are indices in ``costmodel.BANDS``, :data:`MATRIX_KINDS` and
    ``levels.PROVENANCE_ORDER``."""

    start: int
    parts: dict[str, np.ndarray]
    band: np.ndarray
    kind: np.ndarray
    provenance: np.ndarray

    @property
    def rows(self) -> int:
        return len(self.band)


@dataclass(frozen=True)
class MatrixStream:
    """The cost matrix a block of source jobs at a time (:class:`MatrixBlock`), for exports
    of any size: 9 million pairs at the ESCO size are written without ever being held."""

    data_version: str
    ids: list[str]
    titles: dict[str, str]
    model: ModelConfig
    uses_estimates: bool
    blocks: Callable[[], Iterator[MatrixBlock]]


# -- the printable report ----------------------------------------------------------------------


class CardSummary(Frozen):
    """What a report shows of a job's card: enough to know the job, not the whole card."""

    job: JobRef
    other_titles_fr: list[str]
    other_titles_en: list[str]
    purpose: str | None  # the card's "finalité", or what the dataset says of the job
    purpose_provenance: Provenance | None
    missions: list[str]  # titles of the card's main missions
    source: str | None  # the card's address, or where the data comes from; printed, never linked
    levels_provenance: Provenance  # of the job's levels ('card': the OPIIEC card)


TargetChoice = Literal["given", "best_match"]


class PersonSummary(Frozen):
    """What a person's report says of the person (never their notes): who, where they stand,
    how the target was chosen, and their closest jobs."""

    name: str | None  # as shown; None: left out (--anonymous) or not given
    anonymous: bool  # the real name was left out (``name`` may then be a pseudonym)
    current_job: JobRef | None
    current_job_text: str | None = None  # the current job as written, when it names no job
    levels: list[PersonLevel]  # the person's level on each levelled competence, catalogue order
    assessed: int  # levelled competences the person gave a level for
    levelled: int  # levelled competences of the catalogue
    unassessed: list[str]  # ids, catalogue order (counted as 0)
    unassessed_labels: list[str]
    flat: bool  # every assessed level is the same: matches will be poor
    flat_level: int | None  # that level, for a flat profile
    target_choice: TargetChoice  # 'given': --target; 'best_match': the closest job not current
    target_match: JobMatch  # the target's row in the person's ranking
    best_matches: list[JobMatch]  # the closest jobs, best first (the current one marked)


class Report(Result):
    """A printable page about a move: the target's card, the gap, the best routes and the map.

    ``subject`` is where the person starts: a job (``esante report FROM TO``), or a person's
    own profile (``esante report --profile``: a ``ProfileRef``, with ``source_card`` None,
    ``person`` set, the gap and routes computed from the person's levels). ``routes`` is None
    when no route applies.
    """

    subject: JobRef | ProfileRef
    target: CardSummary
    source_card: CardSummary | None  # None for a person
    person: PersonSummary | None = None  # set for a person
    gap: GapResult
    routes: PathsResult | ProfilePathsResult | None  # a person's routes start at '_profile'
    map: NeighbourhoodMap
    uses_estimates: bool
    uses_inferred: bool
    tool_version: str
    model: ModelConfig
