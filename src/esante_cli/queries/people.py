"""People queries: a person's own levels against the jobs.

Pure functions from a dataset, a :class:`~esante_cli.profiles.Profile` and a cost model to
typed results; they never print. The person is scored with the very formula of a job-to-job
move (:func:`esante_cli.costmodel.transition`, the person's levels as the source): a level
left unassessed counts as 0, as a missing level does in the cost model.

One rule is the person's own: whether a job is *one step* away. Between jobs, a computed move
needs ``similarity >= min_similarity`` (on every difference, above or below the need: a much
more qualified profile is a different job) and ``max_jump <= max_jump``. From a person, only
what is missing counts: the job is one step away when ``1 - climb / (3 n) >= min_similarity``
and ``max_jump <= max_jump`` (``n``: the competences the job levels). Levels above the need do
not push a job out of reach (they still cost ``unused`` in the move's cost, as between jobs),
so raising a competence never takes a job out of reach, and a person who holds every level a
job asks for is always one step from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from ..costmodel import DEFAULT_MODEL, CostParts, ModelConfig, from_units, round_cost, transition
from ..errors import InputError, NoRouteError
from ..graph import OBJECTIVES, LevelMatrix, MobilityGraph, level_matrix, weakest
from ..models import Provenance
from ..profiles import MAX_LEVEL, Profile
from ..results.mobility import GapResult, Objective, PathConstraints, ProfileRef, Route
from ..results.people import (
    PROFILE_NODE,
    CompetenceGap,
    GapChange,
    JobMatch,
    LeverageResult,
    MatchResult,
    PersonLevel,
    ProfilePathsResult,
    RaiseEffect,
    RaiseSpec,
    SteppingStone,
    TargetRoute,
    WhatIfResult,
    WhatIfRow,
)

# The job-to-job queries' building blocks, shared so that a person's gap and route steps are
# computed exactly as a job's.
from .mobility import (
    catalogue_order,
    check_choice,
    is_estimated,
    gap_between,
    get_job,
    no_route_message,
    check_positive,
    job_ref,
    route_step,
)

if TYPE_CHECKING:
    import numpy as np

    from ..dataset import Dataset

__all__ = [
    "PROFILE_NODE",
    "leverage",
    "match_jobs",
    "parse_raise",
    "person_levels",
    "profile_gap",
    "profile_graph",
    "profile_paths",
    "what_if",
]

ANONYMOUS = "anonyme"
UNNAMED = "profil"

Levels = dict[str, int | None]


def person_levels(dataset: Dataset, profile: Profile) -> Levels:
    """The person's level on every levelled competence (None: not assessed)."""
    return {c.id: profile.level(c.id) for c in dataset.levelled_competences}


def display_name(profile: Profile, anonymous: bool = False) -> str:
    if anonymous:
        return ANONYMOUS
    return profile.name or UNNAMED


# -- one person against one job --------------------------------------------------------------


class _Fit:
    """How the person's levels meet one job's: the move's parts and every competence's gap."""

    def __init__(self, dataset: Dataset, m: LevelMatrix, i: int, levels: Levels,
                 config: ModelConfig):
        target = m.levels_of(i)
        self.parts: CostParts = transition(levels, target, config=config)
        self.reachable = _person_edge(self.parts, config)
        order = catalogue_order(dataset)
        gaps = []
        held = needed = 0
        used: list[str | None] = []
        for c, comp in enumerate(m.competences):
            required = m.level(i, c)
            if required is None:
                continue
            own = levels.get(comp)
            have = own or 0
            needed += required
            held += min(have, required)
            used.append(m.provenance[i][c])
            if own is not None:
                used.append("user")
            gaps.append(CompetenceGap(
                id=comp, label=dataset.competence(comp).label, level=own, required=required,
                delta=required - have,
                required_provenance=cast(Provenance, m.provenance[i][c] or "card"),
            ))
        self.gaps = sorted((g for g in gaps if g.delta > 0), key=lambda g: (-g.delta, order[g.id]))
        self.blocking = [g for g in self.gaps if g.delta >= config.thresholds.blocking_deficit]
        self.strengths = sorted((g for g in gaps if g.delta < 0),
                                key=lambda g: (g.delta, order[g.id]))
        self.coverage = round_cost(held / needed) if needed else 0.0
        self.provenance = cast(Provenance, weakest(used))


def _person_edge(parts: CostParts, config: ModelConfig) -> bool:
    """One step from the person: little enough missing, and no jump too high (see above)."""
    if parts.compared == 0:
        return False  # the job levels nothing: no evidence either way
    th = config.thresholds
    closeness = round_cost(1.0 - parts.climb / ((MAX_LEVEL - 1) * parts.compared))
    return closeness >= th.min_similarity and parts.max_jump <= th.max_jump


def _fits(dataset: Dataset, m: LevelMatrix, levels: Levels, config: ModelConfig) -> list[_Fit]:
    return [_Fit(dataset, m, i, levels, config) for i in range(len(m.ids))]


def _ranks(m: LevelMatrix, fits: list[_Fit]) -> list[int]:
    """Job indices, best first: by cost, then id."""
    return sorted(range(len(fits)), key=lambda i: (fits[i].parts.cost, m.ids[i]))


def _common(dataset: Dataset, profile: Profile, anonymous: bool, config: ModelConfig,
            levels: Levels | None = None, estimates: bool = False) -> dict[str, Any]:
    levels = person_levels(dataset, profile) if levels is None else levels
    job = dataset.job(profile.current_job) if profile.current_job else None
    return {
        "data_version": dataset.version,
        "profile": ProfileRef(name=display_name(profile, anonymous)),
        "anonymous": anonymous,
        "current_job": job_ref(job) if job else None,
        "levels": [
            PersonLevel(id=c.id, label=c.label, level=levels.get(c.id),
                        provenance="user" if levels.get(c.id) is not None else None)
            for c in dataset.levelled_competences
        ],
        "unassessed": [c for c, lv in levels.items() if lv is None],
        "flat": profile.flat,
        "uses_estimates": estimates,
        "model": config,
    }


# -- match -----------------------------------------------------------------------------------


def match_jobs(
    dataset: Dataset,
    profile: Profile,
    *,
    top: int | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> MatchResult:
    """Every job ranked for the person, best first (by the cost of the move from the person,
    then id): levels to climb, blocking competences, strengths, band and the cost's parts."""
    check_positive("top", top)
    m = level_matrix(dataset)
    levels = person_levels(dataset, profile)
    fits = _fits(dataset, m, levels, config)
    matches = []
    for rank, i in enumerate(_ranks(m, fits)[:top], start=1):
        f, job = fits[i], dataset.job(m.ids[i])
        matches.append(JobMatch(
            rank=rank, id=job.id, title=job.title,
            family=job.family.value if job.family else None,
            current=job.id == profile.current_job,
            cost=f.parts.cost, band=config.bands.of(f.parts.cost), reachable=f.reachable,
            levels_to_climb=f.parts.climb, max_jump=f.parts.max_jump, coverage=f.coverage,
            gaps=f.gaps, blocking=f.blocking, strengths=f.strengths, parts=f.parts,
            provenance=f.provenance,
        ))
    estimates = any(is_estimated(x.provenance) for x in matches)
    return MatchResult(top=top, matches=matches,
                       **_common(dataset, profile, anonymous, config, levels, estimates))


# -- gap -------------------------------------------------------------------------------------


def profile_gap(
    dataset: Dataset,
    profile: Profile,
    target: str,
    *,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> GapResult:
    """What separates the person from the job ``target``, competence by competence (the
    answer of :func:`~esante_cli.queries.mobility.competence_gap`, from the person's levels,
    marked ``user``; a level 0 is shown as 0, an unassessed one as missing)."""
    job = get_job(dataset, target)
    own = {c: (lv, "user" if lv is not None else None)
           for c, lv in person_levels(dataset, profile).items()}
    return gap_between(dataset, ProfileRef(name=display_name(profile, anonymous)), own, job, False,
                config)


# -- routes ----------------------------------------------------------------------------------


def profile_graph(dataset: Dataset, levels: Levels,
                  config: ModelConfig = DEFAULT_MODEL) -> tuple[MobilityGraph, int]:
    """The mobility graph with the person as one more node (``_profile``), and its index.

    The person's row of levels (0 for a level 0, NaN when unassessed) is appended to the
    jobs' level matrix, so every cost from the person comes out of the same arrays as the
    jobs'. The person only starts routes: no move leads to it. Its moves follow
    :func:`_person_edge`.
    """
    import numpy as np

    m = level_matrix(dataset)
    row = np.array([[np.nan if levels.get(c) is None else float(cast(int, levels.get(c)))
                     for c in m.competences]])
    prov = tuple("user" if levels.get(c) is not None else None for c in m.competences)
    matrix = LevelMatrix(m.ids + (PROFILE_NODE,), m.competences, np.vstack([m.levels, row]),
                         m.provenance + (prov,))
    graph = MobilityGraph(dataset, config, matrix=matrix)
    p = len(m.ids)
    graph.edge[:, p] = False
    for j in range(p):
        graph.edge[p, j] = _person_edge(graph.parts(p, j), config)
    return graph, p


def profile_paths(
    dataset: Dataset,
    profile: Profile,
    target: str,
    *,
    k: int = 3,
    objective: Objective = "levels",
    avoid: Iterable[str] = (),
    via: str | None = None,
    max_hops: int | None = None,
    declared_only: bool = False,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> ProfilePathsResult:
    """The ``k`` best routes from the person to ``target``, as
    :func:`~esante_cli.queries.mobility.shortest_paths` finds them between jobs (same
    objectives and constraints); the person is the virtual first node ``_profile``.
    ``declared_only`` leaves the person no first move (the card declares moves between jobs
    only), so it raises ``NoRouteError``."""
    check_choice("objective", objective, OBJECTIVES)
    check_positive("k", k)
    check_positive("max_hops", max_hops)
    tgt = get_job(dataset, target)
    avoided = sorted(set(avoid))
    for x in avoided:
        get_job(dataset, x)
        if x == target:
            raise InputError(f"cannot avoid '{x}': it is the route's goal")
    if via is not None:
        get_job(dataset, via)
        if via in avoided:
            raise InputError(f"'{via}' cannot be both avoided and passed through")
    levels = person_levels(dataset, profile)
    graph, p = profile_graph(dataset, levels, config)
    index = graph.matrix.index
    constraints = PathConstraints(avoid=avoided, via=via, max_hops=max_hops,
                                  declared_only=declared_only)
    found = graph.routes(p, index[target], k=k, objective=objective,
                         avoid=[index[x] for x in avoided],
                         via=None if via is None else index[via], max_hops=max_hops,
                         declared_only=declared_only)
    if not found:
        message = no_route_message(graph, PROFILE_NODE, target, constraints)
        raise NoRouteError(message.replace(f"from {PROFILE_NODE}", "from the profile"))
    order = catalogue_order(dataset)
    routes = []
    for r in found:
        steps = [route_step(dataset, graph, a, b, order) for a, b in pairwise(r.nodes)]
        routes.append(Route(
            jobs=[graph.ids[i] for i in r.nodes], cost=from_units(r.units), hops=r.hops,
            levels=sum(s.parts.climb for s in steps),
            max_jump=max(s.parts.max_jump for s in steps), steps=steps,
            provenance=cast(Provenance, weakest(s.provenance for s in steps)),
        ))
    name = display_name(profile, anonymous)
    on_route = sorted({x for r in routes for x in r.jobs} - {PROFILE_NODE})
    titles = {PROFILE_NODE: name, **{x: dataset.job(x).title for x in on_route}}
    return ProfilePathsResult(
        data_version=dataset.version, source=ProfileRef(name=name), target=job_ref(tgt),
        anonymous=anonymous, unassessed=[c for c, lv in levels.items() if lv is None],
        objective=objective, k=k, constraints=constraints, routes=routes, titles=titles,
        uses_estimates=any(is_estimated(r.provenance) for r in routes), model=config,
    )


# -- what if ---------------------------------------------------------------------------------

_RAISE = re.compile(r"^\s*(?P<name>.*?)\s*(?:(?P<op>[+=])\s*(?P<n>[^+=]*?))?\s*$")


def parse_raise(dataset: Dataset, spec: str, levels: Mapping[str, int | None]) -> RaiseSpec:
    """``COMPETENCE``, ``COMPETENCE+N`` or ``COMPETENCE=LEVEL`` (a competence by id or label)
    as a raise from the person's level. ``COMPETENCE`` alone means ``+1``."""
    from ..names import competence_resolver

    match = _RAISE.match(spec)
    assert match is not None  # the pattern matches any text
    name, op, n = match["name"], match["op"] or "+", match["n"]
    if not name:
        raise InputError(f"--raise '{spec}': no competence named")
    comp_id = competence_resolver(dataset).resolve(name)
    comp = dataset.competence(comp_id)
    if not comp.levelled:
        raise InputError(f"--raise '{spec}': competence '{comp_id}' has no levels")
    amount = 1
    if match["op"] is not None:
        if not (n or "").isdigit():
            what = "N" if op == "+" else "LEVEL"
            raise InputError(f"--raise '{spec}': {what} must be a whole number, got '{n}'")
        amount = int(n)
    before = levels.get(comp_id)
    have = before or 0
    after = have + amount if op == "+" else amount
    if op == "+" and amount < 1:
        raise InputError(f"--raise '{spec}': N must be at least 1")
    if after > MAX_LEVEL:
        raise InputError(f"--raise '{spec}': {comp_id} would reach {after}, above the top "
                         f"level {MAX_LEVEL}")
    if after <= have:
        raise InputError(f"--raise '{spec}': {comp_id} is already at level {have}")
    return RaiseSpec(id=comp_id, label=comp.label, before=before, after=after)


def what_if(
    dataset: Dataset,
    profile: Profile,
    raises: Sequence[str],
    *,
    top: int | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> WhatIfResult:
    """How the ranking of the jobs and their gaps change if the person raises competences
    (``raises``: ``COMPETENCE[+N|=LEVEL]`` each; a competence at most once)."""
    check_positive("top", top)
    if not raises:
        raise InputError("what-if needs at least one --raise COMPETENCE[+N|=LEVEL]")
    levels = person_levels(dataset, profile)
    specs = [parse_raise(dataset, s, levels) for s in raises]
    seen: set[str] = set()
    for s in specs:
        if s.id in seen:
            raise InputError(f"--raise names '{s.id}' twice")
        seen.add(s.id)
    raised = {**levels, **{s.id: s.after for s in specs}}
    m = level_matrix(dataset)
    before, after = _fits(dataset, m, levels, config), _fits(dataset, m, raised, config)
    rank_before = {i: r for r, i in enumerate(_ranks(m, before), start=1)}
    rows = []
    order = catalogue_order(dataset)
    for r_after, i in enumerate(_ranks(m, after), start=1):
        b, a = before[i], after[i]
        deltas_after = {g.id: g.delta for g in a.gaps}
        changes = [
            GapChange(id=g.id, label=g.label, required=g.required, delta_before=g.delta,
                      delta_after=deltas_after.get(g.id, 0))
            for g in b.gaps if g.id in seen
        ]
        job = dataset.job(m.ids[i])
        rows.append(WhatIfRow(
            id=job.id, title=job.title, rank_before=rank_before[i], rank_after=r_after,
            cost_before=b.parts.cost, cost_after=a.parts.cost,
            band_before=config.bands.of(b.parts.cost), band_after=config.bands.of(a.parts.cost),
            levels_before=b.parts.climb, levels_after=a.parts.climb,
            blocking_before=b.parts.blocking, blocking_after=a.parts.blocking,
            reachable_before=b.reachable, reachable_after=a.reachable,
            changes=sorted(changes, key=lambda c: order[c.id]), provenance=a.provenance,
        ))
    newly = sorted(r.id for r in rows if r.reachable_after and not r.reachable_before)
    closer = sorted(r.id for r in rows if r.levels_after < r.levels_before)
    shown = rows[:top]
    estimates = any(is_estimated(r.provenance) for r in shown)
    return WhatIfResult(
        raises=specs, top=top, jobs=shown, newly_reachable=newly, closer=closer,
        titles={r.id: r.title for r in rows if r.id in set(newly) | set(closer)},
        **_common(dataset, profile, anonymous, config, levels, estimates),
    )


# -- leverage --------------------------------------------------------------------------------

_NO_ROUTE = 2**40  # thousandths: far above any route's cost, far below int64 overflow


def _job_distances(graph: MobilityGraph) -> np.ndarray:
    """The cheapest route's cost (thousandths) between every two jobs (Floyd-Warshall);
    ``_NO_ROUTE`` where none exists. The person never is an intermediate node, so a route
    from the person is a first move followed by one of these."""
    import numpy as np

    d = np.where(graph.edge, graph.pairs.units, _NO_ROUTE).astype(np.int64)
    np.fill_diagonal(d, 0)
    for k in range(len(d)):
        np.minimum(d, d[:, [k]] + d[[k], :], out=d)
    return np.minimum(d, _NO_ROUTE)


class _FromPerson:
    """The first moves from a person's levels, and the cheapest route to every job."""

    def __init__(self, m: LevelMatrix, dist: np.ndarray, levels: Levels, config: ModelConfig):
        import numpy as np

        self.parts = [transition(levels, m.levels_of(j), config=config) for j in range(len(m.ids))]
        self.edge = np.array([_person_edge(p, config) for p in self.parts], dtype=bool)
        self.units = np.array([round(p.cost * 1000) for p in self.parts], dtype=np.int64)
        first = np.where(self.edge, self.units, _NO_ROUTE)
        via = first[:, None] + dist  # (first job, target)
        self.via = via
        self.best = np.minimum(via.min(axis=0), _NO_ROUTE)

    def routed(self, t: int) -> bool:
        return int(self.best[t]) < _NO_ROUTE

    def first_step(self, t: int) -> int | None:
        """The first job of the cheapest route to ``t`` (a direct move first, then by id)."""
        if not self.routed(t):
            return None
        if self.edge[t] and self.via[t, t] == self.best[t]:
            return None
        import numpy as np

        return int(np.flatnonzero(self.via[:, t] == self.best[t])[0])


def leverage(
    dataset: Dataset,
    profile: Profile,
    *,
    targets: Sequence[str] | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> LeverageResult:
    """Which single one-level raise helps most towards the ``targets`` (default: every job),
    and which job is the best first step.

    Raises are ranked by the targets they bring within one move (``newly_reachable``), then
    the targets a route reaches at all for the first time, then how much cheaper the cheapest
    routes to the targets get (``route_gain``), then the targets whose levels to climb go
    down, then id. A stepping stone is a job one move reaches; it is ranked by the targets
    whose cheapest route starts with it (itself excluded), then by the cost of that first
    move, then id.
    """
    m = level_matrix(dataset)
    ids = m.ids
    if targets:
        wanted = sorted({get_job(dataset, x).id for x in targets})
    else:
        wanted = list(ids)
    tix = [m.index[x] for x in wanted]
    levels = person_levels(dataset, profile)
    graph = MobilityGraph(dataset, config, matrix=m)
    dist = _job_distances(graph)
    now = _FromPerson(m, dist, levels, config)

    routes = []
    for t in tix:
        routed = now.routed(t)
        cost = from_units(int(now.best[t])) if routed else None
        step = now.first_step(t)
        routes.append(TargetRoute(
            id=ids[t], title=dataset.job(ids[t]).title, cost=cost,
            band=config.bands.of(cost) if cost is not None else None,
            first_step=ids[step] if step is not None else None, reachable=bool(now.edge[t]),
        ))

    effects: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for comp in dataset.levelled_competences:
        have = levels.get(comp.id)
        if (have or 0) >= MAX_LEVEL:
            continue
        after = _FromPerson(m, dist, {**levels, comp.id: (have or 0) + 1}, config)
        reach = [ids[t] for t in tix if after.edge[t] and not now.edge[t]]
        routed = [ids[t] for t in tix if after.routed(t) and not now.routed(t)]
        gain = sum(int(now.best[t] - after.best[t]) for t in tix
                   if now.routed(t) and after.routed(t))
        closer = [ids[t] for t in tix if after.parts[t].climb < now.parts[t].climb]
        unblocked = [ids[t] for t in tix if after.parts[t].blocking < now.parts[t].blocking]
        key = (-len(reach), -len(routed), -gain, -len(closer), -len(unblocked), comp.id)
        effects.append((key, {
            "id": comp.id, "label": comp.label, "before": have, "after": (have or 0) + 1,
            "newly_reachable": reach, "newly_routed": routed, "closer": closer,
            "unblocked": unblocked, "route_gain": from_units(gain),
        }))
    effects.sort(key=lambda e: e[0])
    raises = [RaiseEffect(rank=r, **fields) for r, (_, fields) in enumerate(effects, start=1)]
    best_raise = next((r.id for r in raises if r.newly_reachable or r.newly_routed
                       or r.route_gain > 0 or r.closer), None)

    stones = []
    for j in range(len(ids)):
        if not now.edge[j]:
            continue
        serves = [ids[t] for t in tix if t != j and now.routed(t)
                  and int(now.via[j, t]) == int(now.best[t])]
        stones.append(((-len(serves), int(now.units[j]), ids[j]), j, serves))
    stones.sort(key=lambda s: s[0])
    stepping = []
    for rank, (_, j, serves) in enumerate(stones, start=1):
        cost = now.parts[j].cost
        prov = weakest([m.job_provenance(j), "user"])
        stepping.append(SteppingStone(
            rank=rank, id=ids[j], title=dataset.job(ids[j]).title, cost=cost,
            band=config.bands.of(cost), serves=serves, provenance=cast(Provenance, prov),
        ))
    best_stone = next((s.id for s in stepping if s.serves), None)
    used = [m.job_provenance(t) for t in tix] + [s.provenance for s in stepping]
    return LeverageResult(
        targets=routes, all_targets=not targets, raises=raises, stepping_stones=stepping,
        best_raise=best_raise, best_stepping_stone=best_stone,
        **_common(dataset, profile, anonymous, config, levels,
                  any(is_estimated(p) for p in used)),
    )

