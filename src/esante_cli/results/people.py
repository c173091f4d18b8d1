"""Results of the people queries: a person's profile matched against the jobs, the routes from
a person, what-if simulations and the competences with the most leverage.

A person's levels carry the provenance ``user`` (self-assessed); every result also says which
competences the person did not assess (``unassessed``: counted as level 0) and whether a job
level it uses is an estimate (``uses_estimates``). With ``anonymous``, the person's name is
left out (``profile.name`` is then the neutral word ``anonyme``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..costmodel import Band, CostParts, ModelConfig, Move
from ..models import Provenance
from .base import Frozen, Result
from .mobility import PROFILE_NODE, JobRef, Objective, PathConstraints, ProfileRef, Route

__all__ = [
    "PROFILE_NODE",
    "CompetenceGap",
    "GapChange",
    "JobMatch",
    "LeverageResult",
    "MatchResult",
    "PersonLevel",
    "PersonResult",
    "ProfilePathsResult",
    "ProfileRef",
    "RaiseEffect",
    "RaiseSpec",
    "SteppingStone",
    "TargetRoute",
    "WhatIfResult",
    "WhatIfRow",
]


class PersonLevel(Frozen):
    """The person's own level on one levelled competence of the catalogue."""

    id: str
    label: str
    level: int | None  # 0 (not acquired) to 4; None: not assessed (counted as 0)
    provenance: Literal["user"] | None  # None when not assessed


class PersonResult(Result):
    """What every result about a person carries."""

    profile: ProfileRef
    anonymous: bool  # the name was left out on request
    current_job: JobRef | None  # as the profile names it
    current_job_text: str | None = None  # the current job as written, when it names no job
    levels: list[PersonLevel]  # catalogue order
    unassessed: list[str]  # levelled competences the profile gives no level for (counted 0)
    flat: bool  # every assessed level is the same: matches will be poor
    uses_estimates: bool
    model: ModelConfig


# -- match -----------------------------------------------------------------------------------


class CompetenceGap(Frozen):
    """One competence a job levels, seen from the person."""

    id: str
    label: str
    level: int | None  # the person's (None: not assessed, counted as 0)
    required: int
    delta: int  # required - level: > 0 to climb, < 0 a strength (above the need)
    required_provenance: Provenance


class JobMatch(Frozen):
    """How one job fits the person."""

    rank: int  # equal closeness and cost share a rank
    id: str
    title: str
    family: str | None
    current: bool  # the job the profile names as the person's current one
    cost: float  # of the move from the person to the job (same formula as a job-to-job move)
    band: Band  # of the coverage
    move: Move  # progression, lateral or downgrade
    reachable: bool  # one move: the accessible band or better, no jump too high
    levels_to_climb: int
    max_jump: int
    coverage: float  # share of the job's required levels the person holds (0 to 1)
    gaps: list[CompetenceGap]  # every competence to raise, largest deficit first
    blocking: list[CompetenceGap]  # deficits >= thresholds.blocking_deficit
    strengths: list[CompetenceGap]  # above the need, largest surplus first
    parts: CostParts
    provenance: Provenance  # the weakest provenance of the levels compared
    stability: float | None = None  # share of the draws in which it keeps its rank or better
    cost_interval: list[float] | None = None  # [5th, 95th] percentile of its cost over the draws


class MatchResult(PersonResult):
    """The jobs ranked for the person: progressions and lateral moves first, closest first
    (coverage), then by cost, then id; downgrades after them, only with
    ``include_downgrades`` (``hidden_downgrades`` counts those left out)."""

    top: int | None
    include_downgrades: bool
    hidden_downgrades: int
    left_out: int = 0  # jobs ranked but beyond ``top`` (downgrades hidden apart)
    matches: list[JobMatch]
    draws: int
    seed: int


# -- paths -----------------------------------------------------------------------------------


class ProfilePathsResult(Result):
    """The k best routes from a person (a virtual start node, id ``_profile``) to a job.

    Same shape as the job-to-job routes: ``paths[].jobs`` starts with ``_profile``; the first
    step's cost is computed from the person's levels with the same formula.
    """

    source: ProfileRef = Field(serialization_alias="from")
    target: JobRef = Field(serialization_alias="to")
    anonymous: bool
    unassessed: list[str]
    objective: Objective
    k: int
    constraints: PathConstraints
    routes: list[Route] = Field(serialization_alias="paths")
    titles: dict[str, str]  # id -> title of every job on a route (the person: its name)
    exact: bool
    draws: int
    seed: int
    uses_estimates: bool
    model: ModelConfig


# -- what if -----------------------------------------------------------------------------------


class RaiseSpec(Frozen):
    """One simulated raise: a competence from its level to a higher one."""

    id: str
    label: str
    before: int | None  # None: not assessed (counted as 0)
    after: int


class GapChange(Frozen):
    id: str
    label: str
    required: int
    delta_before: int
    delta_after: int


class WhatIfRow(Frozen):
    """One job, before and after the raises."""

    id: str
    title: str
    family: str | None = None  # the job's family (an imported job: its ISCO-08 group)
    rank_before: int
    rank_after: int
    cost_before: float
    cost_after: float
    coverage_before: float
    coverage_after: float
    band_before: Band
    band_after: Band
    move_before: Move
    move_after: Move
    levels_before: int  # levels to climb
    levels_after: int
    blocking_before: int
    blocking_after: int
    reachable_before: bool
    reachable_after: bool
    changes: list[GapChange]  # the competences of this job the raises bring closer
    provenance: Provenance


class WhatIfResult(PersonResult):
    """How the ranking and the gaps change if the person raises some competences."""

    raises: list[RaiseSpec]
    top: int | None
    left_out: int = 0  # jobs ranked beyond ``top`` (the target shown apart)
    target: str | None  # a job always shown, even outside ``top``
    jobs: list[WhatIfRow]  # by rank after the raises (the target last when outside ``top``)
    newly_reachable: list[str]  # jobs one move reaches after the raises, not before
    closer: list[str]  # jobs whose levels to climb go down
    became_downgrades: list[str]  # jobs the raises turn into downgrades (ranked last after)
    titles: dict[str, str]  # id -> title of the jobs in newly_reachable, closer and the last


# -- leverage --------------------------------------------------------------------------------


class TargetRoute(Frozen):
    """The cheapest route from the person to one target, today."""

    id: str
    title: str
    family: str | None = None  # the job's family (an imported job: its ISCO-08 group)
    cost: float | None  # None: no route
    band: Band  # of the coverage of the job by the person
    first_step: str | None  # the first job of the gentlest route (smallest largest jump), if
    # it is not the direct move
    reachable: bool  # one move reaches it
    provenance: Provenance | None = None  # of the job's levels the cost rests on


class RaiseEffect(Frozen):
    """What raising one competence by one level would change for the targets."""

    rank: int  # equal effects share a rank
    id: str
    label: str
    before: int | None
    after: int
    closeness_gain: float  # the targets' coverages by the person, summed, go up by this
    newly_reachable: list[str]  # targets one move reaches after the raise, not before
    newly_routed: list[str]  # targets no route reached before
    closer: list[str]  # targets whose levels to climb go down by one
    unblocked: list[str]  # targets with fewer blocking competences
    route_gain: float  # the best routes' costs, summed over the targets it brings closer, go down


class SteppingStone(Frozen):
    """The first job of the gentlest route (smallest largest jump) to some targets."""

    rank: int
    id: str
    title: str
    family: str | None = None  # the job's family (an imported job: its ISCO-08 group)
    cost: float  # of the first move, from the person
    band: Band  # of the coverage
    move: Move  # the first move's direction
    serves: list[str]  # targets whose gentlest route starts with this job (at least one)
    provenance: Provenance


class LeverageResult(PersonResult):
    """Which single raise brings the most targets within reach (or shortens the routes most),
    and which job is the best stepping stone."""

    targets: list[TargetRoute]  # in the order of the ids
    all_targets: bool  # no --targets: every job is a target
    raises: list[RaiseEffect]  # best first (the first ``top``)
    raises_left_out: int = 0  # raises ranked beyond ``top``
    stepping_stones: list[SteppingStone]  # best first
    best_raise: str | None  # None when no raise changes anything
    stones_searched: bool  # False: too many targets for the stepping stones' searches
    best_stepping_stone: str | None  # None when every cheapest route is direct
