"""Results of the mobility queries: neighbours, routes, competence gaps, comparisons and
recommendations.

Every cost carries its named parts (:class:`CostParts`), every level its provenance, and every
top-level result the model it was computed with (``model``) and whether any level it uses is
not from the card (``uses_estimates``). Fields named ``source``/``target`` are written
``from``/``to`` in JSON (``model_dump(by_alias=True)``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..choices import Direction, KindFilter, Objective
from ..costmodel import Band, CostParts, ModelConfig, Move
from ..models import CodeStatus, Provenance, Ring
from .base import Frozen, Result

# The person's id in routes: not a slug (so no job can have it), and inert in a spreadsheet.
PROFILE_NODE = "_profile"

EdgeKind = Literal["declared", "computed"]
# A step of a route: an edge of the graph, or the direct move from the start to the target,
# which is always a candidate even when it is neither declared nor computed.
StepKind = Literal["declared", "computed", "direct"]
DeclaredDirection = Literal["provenance", "evolution"]

__all__ = [
    "Band",
    "CodeRef",
    "ComparedCompetence",
    "ComparedLevel",
    "Comparison",
    "CostParts",
    "DeclaredDirection",
    "Direction",
    "EdgeKind",
    "GapItem",
    "GapResult",
    "JobRef",
    "JobStrengths",
    "JobSummary",
    "KeptLevel",
    "KindFilter",
    "LevelToLearn",
    "Move",
    "Neighbour",
    "NeighbourGroup",
    "NeighboursResult",
    "Objective",
    "PairCost",
    "PathConstraints",
    "PathsResult",
    "ProfileRef",
    "Recommendation",
    "Recommendations",
    "Route",
    "Step",
    "StepKind",
]


class JobRef(Frozen):
    id: str
    title: str
    family: str | None = None


class ProfileRef(Frozen):
    """A person's own levels, used in place of a job (e.g. as the source of a gap)."""

    kind: Literal["profile"] = "profile"
    name: str


# -- competence gap --------------------------------------------------------------------------


class LevelToLearn(Frozen):
    """One level of a competence's ladder: its number and what it asks for."""

    level: int
    descriptor: str


class GapItem(Frozen):
    """One competence of the target: where the source stands, what the target needs."""

    id: str
    label: str
    current: int | None  # None: the source has no level on it (counted as 0)
    required: int
    delta: int  # required - current (current counted as 0 when None); > 0: to climb
    provenance: Provenance  # the weaker of the two levels' provenances
    current_provenance: Provenance | None
    required_provenance: Provenance
    to_learn: list[LevelToLearn]  # the levels current+1 .. required, in order
    # what the target's source says of the competence: its concrete example (the card's, for
    # the card's job), and the topics it names for it (their link to it: ``topics_provenance``)
    example: str | None = None
    topics: list[str] = Field(default_factory=list)
    topics_provenance: Provenance | None = None
    topics_reason: str | None = None  # why the topics are linked to the competence (estimate)


class GapResult(Result):
    """What separates a job (or a person's profile) from a target job, competence by competence.

    ``items`` holds every competence the target levels, largest deficit first (then catalogue
    order); ``strengths`` those where the source is above the need (largest surplus first).
    """

    source: JobRef | ProfileRef = Field(serialization_alias="from")
    target: JobRef = Field(serialization_alias="to")
    items: list[GapItem]
    total_levels: int  # levels to climb, summed
    to_raise: int  # competences with a deficit
    max_jump: int
    blocking: int  # deficits >= thresholds.blocking_deficit
    strengths: list[GapItem]  # transferable: the source is above the need
    not_compared: list[str]  # levelled competences the target gives no level for
    transition: CostParts  # the move's cost, as in the graph
    band: Band
    provenance: Provenance  # the weakest provenance among the levels compared
    uses_estimates: bool
    model: ModelConfig


# -- neighbours ------------------------------------------------------------------------------


class Neighbour(Frozen):
    """A job linked to the shown job by an edge, with the cost both ways."""

    job: JobRef
    band: Band  # of the coverage (``parts.coverage``) in the listed direction
    move: Move  # the direction of the move in the listed direction
    kind: EdgeKind  # of the edge in the listed direction
    cost: float  # in the listed direction (incoming: job -> shown job; outgoing: the reverse)
    parts: CostParts
    reverse_cost: float  # the other way, whether or not an edge exists that way
    reverse_kind: EdgeKind | None  # None: no edge the other way
    declared_direction: DeclaredDirection | None  # as the card declares the move, if it does
    ring: Ring | None
    declared_provenance: Provenance | None  # of the card's placement of the move
    provenance: Provenance  # the weakest provenance among the levels the cost uses


class NeighbourGroup(Frozen):
    band: Band
    neighbours: list[Neighbour]  # closest first (coverage), then by cost, then id


class NeighboursResult(Result):
    """The jobs leading to a job (``incoming``) and those it leads to (``outgoing``), each
    grouped by band (proche, accessible, lointaine; empty groups left out)."""

    job: JobRef
    direction: Direction
    kind: KindFilter
    top: int | None  # at most this many neighbours per direction (the cheapest)
    incoming: list[NeighbourGroup]
    outgoing: list[NeighbourGroup]
    uses_estimates: bool
    model: ModelConfig


# -- routes ----------------------------------------------------------------------------------


class KeptLevel(Frozen):
    """A level the route's state holds above what the job reached asks: carried along."""

    id: str
    label: str
    level: int  # held (from the start or an earlier step)
    required: int | None  # what the job reached asks (None: it levels nothing there)
    provenance: Provenance | None = None  # where the level held comes from
    required_provenance: Provenance | None = None  # where the job's own level comes from


class Step(Frozen):
    """One move of a route, costed from the route's state (what the start held, raised by every
    earlier step), with its parts and the competences that rise."""

    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    kind: StepKind
    cost: float
    parts: CostParts
    rises: list[GapItem]  # to climb on this step, from the state's level (``current``)
    kept: list[KeptLevel]  # the state's levels above the job reached: not lost, not asked again
    declared_direction: DeclaredDirection | None
    ring: Ring | None
    declared_provenance: Provenance | None
    provenance: Provenance  # the weakest provenance among the levels the cost uses


class Route(Frozen):
    jobs: list[str]  # ids, the start first and the goal last
    cost: float  # the sum of the steps' costs
    hops: int
    levels: int  # levels to climb, summed over the steps
    max_jump: int  # the largest single jump of any step
    steps: list[Step]
    provenance: Provenance
    stability: float | None  # share of the draws in which the route keeps its rank or better
    cost_interval: list[float] | None  # [5th, 95th] percentile of its cost over the draws


class PathConstraints(Frozen):
    avoid: list[str]
    via: str | None
    max_hops: int | None
    declared_only: bool


class PathsResult(Result):
    """The k best distinct routes, sorted by the objective, then cost, then job ids.

    ``exact`` is False when the search stopped at its work bound before proving the routes are
    the k best (they are then the best it found). ``draws`` and ``seed``: the random draws of
    the estimated levels behind the stability figures (0 draws: none computed)."""

    source: JobRef = Field(serialization_alias="from")
    target: JobRef = Field(serialization_alias="to")
    objective: Objective
    k: int
    constraints: PathConstraints
    routes: list[Route] = Field(serialization_alias="paths")  # JSON: "paths"
    titles: dict[str, str]  # id -> title of every job on a route
    exact: bool
    draws: int
    seed: int
    uses_estimates: bool
    model: ModelConfig


# -- comparison ------------------------------------------------------------------------------


class CodeRef(Frozen):
    system: str
    version: str | None = None  # of the classification (ESCO v1.1.1), when the data says
    code: str | None
    label: str | None
    status: CodeStatus


class JobSummary(Frozen):
    id: str
    title: str
    family: str | None
    codes: list[CodeRef]


class ComparedLevel(Frozen):
    job: str
    level: int | None
    provenance: Provenance | None  # None: the dataset says nothing for this job


class ComparedCompetence(Frozen):
    id: str
    label: str
    levels: list[ComparedLevel]  # in the order of the compared jobs
    differs: bool


class JobStrengths(Frozen):
    job: str
    competences: list[str]  # at the strength level or above, where another job is not


class PairCost(Frozen):
    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    cost: float
    band: Band  # of the coverage
    move: Move
    kind: EdgeKind | None  # None: no edge in the graph for this move
    parts: CostParts
    provenance: Provenance
    declared_provenance: Provenance | None = None  # of the card's placement, if declared


class Comparison(Result):
    """Several jobs side by side: levels, strengths, and the cost of each move between them."""

    jobs: list[JobSummary]  # in the order asked
    competences: list[ComparedCompetence]  # levelled competences, catalogue order
    shared_strengths: list[str]  # every job at thresholds.strength_level or above
    distinct_strengths: list[JobStrengths]
    pairs: list[PairCost]  # every ordered pair, in the order of ``jobs``
    uses_estimates: bool
    model: ModelConfig


# -- recommendations -------------------------------------------------------------------------


class Recommendation(Frozen):
    rank: int  # equal closeness and cost share a rank
    job: JobRef
    cost: float
    band: Band  # of the coverage
    move: Move
    kind: EdgeKind | None  # None: the graph has no direct edge for this move
    parts: CostParts
    reverse_cost: float
    provenance: Provenance
    declared_provenance: Provenance | None = None  # of the card's placement, if declared
    stability: float | None = None  # share of the draws in which it keeps its rank or better
    cost_interval: list[float] | None = None  # [5th, 95th] percentile of its cost over the draws


class Recommendations(Result):
    """The jobs nearest to a job: progressions and lateral moves first, closest first (share
    of the target's requirement already held), then by cost; downgrades after them, only with
    ``include_downgrades`` (``hidden_downgrades`` counts those left out)."""

    job: JobRef
    top: int
    all_jobs: bool  # False: only the jobs one move of the graph reaches
    include_downgrades: bool
    hidden_downgrades: int
    items: list[Recommendation]
    draws: int
    seed: int
    uses_estimates: bool
    model: ModelConfig
