"""People queries: a person's own levels against the jobs.

Pure functions from a dataset, a :class:`~esante_cli.profiles.Profile` and a model to typed
results; they never print. The person is scored with the very formula of a job-to-job move
(:func:`esante_cli.costmodel.transition`, the person's levels as the source): a level left
unassessed counts as 0, as a missing level does in the model. A job is *one step* away from the
person by the same rule as a computed move between jobs: its coverage (the share of the job's
requirement the person already holds) reaches the ``accessible`` band and no jump exceeds
``thresholds.max_jump``. Only what is missing enters the coverage and the jumps, so raising a
competence never takes a job out of reach, and a person who holds every level a job asks for is
always one step from it (a *downgrade* when the job asks clearly less than the person holds).

Rankings put progressions and lateral moves first, closest first (coverage), then by cost, and
the downgrades after them; equal closeness and cost share a rank. Routes from a person carry the
person's levels along (:mod:`esante_cli.routes`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from ..costmodel import DEFAULT_MODEL, MOVE_CODE, MOVES, CostParts, ModelConfig, from_units
from ..errors import InputError, NoRouteError
from ..graph import level_matrix, mobility_graph
from ..language import _
from ..levels import LevelMatrix, weakest
from ..models import Provenance, family_of
from ..moves import Moves, moves_from
from ..profiles import MAX_LEVEL, Profile
from ..results.base import LARGE_LIST, LIST_ALL_UP_TO
from ..results.mobility import GapResult, Objective, ProfileRef
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
from ..routes import PERSON
from ..stability import competition_ranks, draw_levels, interval, kept_rank, rank_keys

# The job-to-job queries' building blocks, shared so that a person's gap and route steps are
# computed exactly as a job's.
from .mobility import (
    catalogue_order,
    check_positive,
    check_route_search,
    find_routes,
    gap_between,
    get_job,
    is_estimated,
    job_ref,
    no_route_message,
    route_constraints,
    route_titles,
    uncertainty,
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
    "person_state",
    "profile_gap",
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


def person_state(table: LevelMatrix, levels: Mapping[str, int | None]) -> np.ndarray:
    """The person's levels as a state of the route search (0 where not assessed)."""
    import numpy as np

    return np.array([levels.get(c) or 0 for c in table.competences], dtype=np.int16)


def listed_top(n: int, top: int | None) -> int | None:
    """The ``top`` a ranking of ``n`` items uses when the caller gave ``top`` (None: every item
    of a short list, the first ``LARGE_LIST`` of a long one; see ``results.people``)."""
    if top is not None:
        return top
    return None if n <= LIST_ALL_UP_TO else LARGE_LIST


# -- one person against one job --------------------------------------------------------------


class _Fit:
    """How the person's levels meet one job's: the move's parts (from the vectorised moves of
    the person's state) and every competence's gap."""

    def __init__(
        self,
        dataset: Dataset,
        m: LevelMatrix,
        i: int,
        levels: Levels,
        moves: Moves,
        config: ModelConfig,
    ):
        self.parts: CostParts = moves.parts(i)
        self.reachable = self.parts.computed
        order = catalogue_order(dataset)
        gaps = []
        used: list[str | None] = []
        for comp, (required, prov) in m.entries_of(i).items():
            if required is None:
                continue
            own = levels.get(comp)
            have = own or 0
            used.append(prov)
            if own is not None:
                used.append("user")
            gaps.append(
                CompetenceGap(
                    id=comp,
                    label=dataset.competence(comp).label,
                    level=own,
                    required=required,
                    delta=required - have,
                    required_provenance=cast(Provenance, prov or "card"),
                )
            )
        self.gaps = sorted((g for g in gaps if g.delta > 0), key=lambda g: (-g.delta, order[g.id]))
        self.blocking = [g for g in self.gaps if g.delta >= config.thresholds.blocking_deficit]
        self.strengths = sorted(
            (g for g in gaps if g.delta < 0), key=lambda g: (g.delta, order[g.id])
        )
        self.provenance = cast(Provenance, weakest(used))


class _Ranking:
    """Every job ranked for a state (a person's levels): progressions and lateral moves
    first, closest first, then by cost, then id; downgrades last."""

    def __init__(self, table: LevelMatrix, state: np.ndarray, config: ModelConfig):
        self.moves: Moves = moves_from(table, state, config)
        mv = self.moves
        self.down = mv.move == MOVE_CODE["downgrade"]
        self.keys = rank_keys(self.down, mv.coverage, mv.units)
        ids = table.ids
        self.order = sorted(range(table.n), key=lambda j: (int(self.keys[j]), ids[j]))
        self.rank = dict(
            zip(self.order, competition_ranks([int(self.keys[j]) for j in self.order]))
        )

    def shown(self, include_downgrades: bool) -> tuple[list[int], list[int]]:
        """The jobs listed (downgrades only if asked) and their ranks among them."""
        jobs = [j for j in self.order if include_downgrades or not self.down[j]]
        return jobs, competition_ranks([int(self.keys[j]) for j in jobs])


def _common(
    dataset: Dataset,
    profile: Profile,
    anonymous: bool,
    config: ModelConfig,
    levels: Levels | None = None,
    estimates: bool = False,
) -> dict[str, Any]:
    levels = person_levels(dataset, profile) if levels is None else levels
    job = dataset.job(profile.current_job) if profile.current_job else None
    return {
        "data_version": dataset.version,
        "profile": ProfileRef(name=display_name(profile, anonymous)),
        "anonymous": anonymous,
        "current_job": job_ref(job) if job else None,
        "current_job_text": profile.current_job_text,
        "levels": [
            PersonLevel(
                id=c.id,
                label=c.label,
                level=levels.get(c.id),
                provenance="user" if levels.get(c.id) is not None else None,
            )
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
    include_downgrades: bool = False,
    draws: int | None = None,
    seed: int | None = None,
    target: str | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> MatchResult:
    """The jobs ranked for the person, best first: progressions and lateral moves, closest
    first (the share of the job's requirement the person holds), then by cost, then id;
    downgrades after them, only with ``include_downgrades``; the job ``target`` is listed
    even beyond ``top`` (last, with its rank). Each match carries its levels to climb,
    blocking competences, strengths, band, direction, the cost's parts and its stability
    under ``draws`` random draws of the estimated levels (``seed``)."""
    import numpy as np

    check_positive("top", top)
    draws, seed = uncertainty(config, draws, seed)
    m = table = level_matrix(dataset)
    levels = person_levels(dataset, profile)
    state = person_state(table, levels)
    ranking = _Ranking(table, state, config)
    listed, _ = ranking.shown(include_downgrades)
    top = listed_top(table.n, top)
    wanted = m.index[get_job(dataset, target).id] if target is not None else None
    chosen, ranks = _chosen(ranking, include_downgrades, top, wanted)
    stab: list[float] = []
    spans: list[list[float]] = []
    values = draw_levels(table, config.uncertainty, draws, seed)
    if values is not None and chosen:
        mv = moves_from(table, state, config, values=values)
        down = mv.move == MOVE_CODE["downgrade"]
        eligible = np.ones_like(down) if include_downgrades else ~down
        stab = kept_rank(rank_keys(down, mv.coverage, mv.units), eligible, chosen, ranks)
        spans = [interval(mv.units[:, j]) for j in chosen]
    matches = []
    for n, (rank, i) in enumerate(zip(ranks, chosen)):
        f, job = _Fit(dataset, m, i, levels, ranking.moves, config), dataset.job(m.ids[i])
        matches.append(
            JobMatch(
                rank=rank,
                id=job.id,
                title=job.title,
                family=job.family.value if job.family else None,
                current=job.id == profile.current_job,
                cost=f.parts.cost,
                band=config.bands.of(f.parts.coverage),
                move=f.parts.move,
                reachable=f.reachable,
                levels_to_climb=f.parts.climb,
                max_jump=f.parts.max_jump,
                coverage=f.parts.coverage,
                gaps=f.gaps,
                blocking=f.blocking,
                strengths=f.strengths,
                parts=f.parts,
                provenance=f.provenance,
                stability=stab[n] if stab else None,
                cost_interval=spans[n] if spans else None,
            )
        )
    estimates = any(is_estimated(x.provenance) for x in matches)
    return MatchResult(
        top=top,
        include_downgrades=include_downgrades,
        # what is not shown: the job asked for with --target is shown, wherever it ranks
        hidden_downgrades=table.n - len(listed) - len(set(chosen) - set(listed)),
        left_out=len(listed) - len(set(chosen) & set(listed)),
        matches=matches,
        draws=draws,
        seed=seed,
        **_common(dataset, profile, anonymous, config, levels, estimates),
    )


def _chosen(
    ranking: _Ranking, include_downgrades: bool, top: int | None, wanted: int | None
) -> tuple[list[int], list[int]]:
    """The jobs a match lists and their ranks: the first ``top`` shown, then ``wanted`` if it
    is not among them (ranked among the shown jobs, or among all if it is a hidden
    downgrade)."""
    listed, ranks = ranking.shown(include_downgrades)
    rank_of = dict(zip(listed, ranks))
    chosen = listed[:top]
    if wanted is not None and wanted not in chosen:
        chosen = [*chosen, wanted]
    return chosen, [rank_of.get(j, ranking.rank[j]) for j in chosen]


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
    own = {
        c: (lv, "user" if lv is not None else None)
        for c, lv in person_levels(dataset, profile).items()
    }
    return gap_between(
        dataset, ProfileRef(name=display_name(profile, anonymous)), own, job, False, config
    )


# -- routes ----------------------------------------------------------------------------------


def profile_paths(
    dataset: Dataset,
    profile: Profile,
    target: str,
    *,
    k: int = 3,
    objective: Objective = Objective.levels,
    avoid: Sequence[str] = (),
    via: str | None = None,
    max_hops: int | None = None,
    declared_only: bool = False,
    draws: int | None = None,
    seed: int | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> ProfilePathsResult:
    """The ``k`` best routes from the person to ``target``, as
    :func:`~esante_cli.queries.mobility.shortest_paths` finds them between jobs (same
    objectives and constraints, same state carried along: the person's levels, raised by each
    step); the person is the virtual first node ``_profile``. No route passes through the
    person's current job (they hold it already). ``declared_only`` leaves the person no first
    move (the card declares moves between jobs only), so it raises ``NoRouteError``."""
    check_route_search(objective, k, max_hops)
    draws, seed = uncertainty(config, draws, seed)
    tgt = get_job(dataset, target)
    constraints = route_constraints(
        dataset, avoid, via, max_hops, declared_only, source=None, target=target
    )
    levels = person_levels(dataset, profile)
    graph = mobility_graph(dataset, config)
    index = graph.matrix.index
    state = person_state(graph.table, levels)
    own = {c: (lv, "user" if lv is not None else None) for c, lv in levels.items()}
    banned = [index[x] for x in constraints.avoid] + _current_on_the_way(
        profile, index, target, via
    )
    routes, exact = find_routes(
        dataset,
        graph,
        state,
        PERSON,
        index[target],
        k=k,
        objective=objective,
        avoid=banned,
        via=None if via is None else index[via],
        max_hops=max_hops,
        declared_only=declared_only,
        draws=draws,
        seed=seed,
        person=own,
    )
    if not routes:
        label = _("le profil")
        message = no_route_message(graph, PROFILE_NODE, target, constraints, state, label)
        raise NoRouteError(message)
    name = display_name(profile, anonymous)
    titles = {PROFILE_NODE: name, **route_titles(dataset, routes)}
    return ProfilePathsResult(
        data_version=dataset.version,
        source=ProfileRef(name=name),
        target=job_ref(tgt),
        anonymous=anonymous,
        unassessed=[c for c, lv in levels.items() if lv is None],
        objective=objective,
        k=k,
        constraints=constraints,
        routes=routes,
        titles=titles,
        exact=exact,
        draws=draws,
        seed=seed,
        uses_estimates=any(is_estimated(r.provenance) for r in routes),
        model=config,
    )


def _current_on_the_way(
    profile: Profile, index: Mapping[str, int], target: str, via: str | None
) -> list[int]:
    """The person's current job, as a job no route passes through: they hold it already, and
    "first become what you are" is no advice (unless it is the target, or asked for by via)."""
    job = profile.current_job
    if job is None or job in (target, via):
        return []
    return [index[job]]


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
        raise InputError(_("--raise « {spec} » : aucune compétence nommée").format(spec=spec))
    comp_id = competence_resolver(dataset).resolve(name)
    comp = dataset.competence(comp_id)
    if not comp.levelled:
        message = _("--raise « {spec} » : la compétence « {id} » n'a pas de niveaux")
        raise InputError(message.format(spec=spec, id=comp_id))
    amount = 1
    if match["op"] is not None:
        if not (n or "").isdigit():
            what = "N" if op == "+" else _("NIVEAU")
            message = _("--raise « {spec} » : {what} doit être un nombre entier, reçu « {value} »")
            raise InputError(message.format(spec=spec, what=what, value=n))
        amount = int(n)
    before = levels.get(comp_id)
    have = before or 0
    after = have + amount if op == "+" else amount
    if op == "+" and amount < 1:
        raise InputError(_("--raise « {spec} » : N doit valoir au moins 1").format(spec=spec))
    if after > MAX_LEVEL:
        message = _(
            "--raise « {spec} » : {id} atteindrait {after}, au-dessus du niveau le plus haut {top}"
        )
        raise InputError(message.format(spec=spec, id=comp_id, after=after, top=MAX_LEVEL))
    if after <= have:
        message = _("--raise « {spec} » : {id} est déjà au niveau {level}")
        raise InputError(message.format(spec=spec, id=comp_id, level=have))
    return RaiseSpec(id=comp_id, label=comp.label, before=before, after=after)


def what_if(
    dataset: Dataset,
    profile: Profile,
    raises: Sequence[str],
    *,
    top: int | None = None,
    target: str | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> WhatIfResult:
    """How the ranking of the jobs and their gaps change if the person raises competences
    (``raises``: ``COMPETENCE[+N|=LEVEL]`` each; a competence at most once). Every job is
    ranked, downgrades last (as :func:`match_jobs` with ``include_downgrades``); ``top`` keeps
    the first ones, and the job ``target`` is shown even outside them."""
    check_positive("top", top)
    if not raises:
        raise InputError(_("whatif demande au moins un --raise COMPÉTENCE[+N|=NIVEAU]"))
    wanted = get_job(dataset, target).id if target is not None else None
    levels = person_levels(dataset, profile)
    specs = _parse_raises(dataset, raises, levels)
    raised = {**levels, **{s.id: s.after for s in specs}}
    m, table = level_matrix(dataset), level_matrix(dataset)
    before = _Ranking(table, person_state(table, levels), config)
    after = _Ranking(table, person_state(table, raised), config)
    # the lists over every job come from the vectorised moves; the rows' details only for the
    # jobs shown (at the size of ESCO, 3,000 rows of details would take seconds)
    newly, closer, demoted = _ranking_changes(table.ids, before.moves, after.moves)
    top = listed_top(table.n, top)
    picked = after.order[:top]
    if wanted is not None and m.index[wanted] not in picked:
        picked = [*picked, m.index[wanted]]
    left_out = table.n - len(picked)  # the job asked for is shown, wherever it ranks
    rows = _WhatIfRows(dataset, m, levels, raised, before, after, specs, config)
    shown = [rows.row(i) for i in picked]
    named = set(newly) | set(closer) | set(demoted)
    estimates = any(is_estimated(r.provenance) for r in shown)
    return WhatIfResult(
        raises=specs,
        top=top,
        left_out=left_out,
        target=wanted,
        jobs=shown,
        newly_reachable=newly,
        closer=closer,
        became_downgrades=demoted,
        titles={x: dataset.job(x).title for x in sorted(named)},
        **_common(dataset, profile, anonymous, config, levels, estimates),
    )


def _parse_raises(
    dataset: Dataset, raises: Sequence[str], levels: Mapping[str, int | None]
) -> list[RaiseSpec]:
    """Every ``--raise`` parsed (:func:`parse_raise`); a competence named twice is an error."""
    specs = [parse_raise(dataset, s, levels) for s in raises]
    seen: set[str] = set()
    for s in specs:
        if s.id in seen:
            raise InputError(_("--raise cite « {id} » deux fois").format(id=s.id))
        seen.add(s.id)
    return specs


def _ranking_changes(
    ids: Sequence[str], mb: Moves, ma: Moves
) -> tuple[list[str], list[str], list[str]]:
    """The jobs (by id, sorted) the raises bring within one move, those they bring closer
    (fewer levels to climb) and those that become downgrades, from the moves before (``mb``)
    and after (``ma``)."""
    n = len(ids)
    newly = sorted(ids[i] for i in range(n) if ma.computed[i] and not mb.computed[i])
    closer = sorted(ids[i] for i in range(n) if ma.climb[i] < mb.climb[i])
    down = MOVE_CODE["downgrade"]
    demoted = sorted(
        ids[i] for i in range(n) if int(ma.move[i]) == down and int(mb.move[i]) != down
    )
    return newly, closer, demoted


class _WhatIfRows:
    """The rows of a what-if, one per job shown: how the person meets the job before and after
    the raises, and how the gaps on the raised competences change."""

    def __init__(
        self,
        dataset: Dataset,
        m: LevelMatrix,
        levels: Levels,
        raised: Levels,
        before: _Ranking,
        after: _Ranking,
        specs: list[RaiseSpec],
        config: ModelConfig,
    ):
        self.dataset, self.m, self.config = dataset, m, config
        self.levels, self.raised = levels, raised
        self.before, self.after = before, after
        self.raised_ids = {s.id for s in specs}
        self.order = catalogue_order(dataset)

    def row(self, i: int) -> WhatIfRow:
        """The row of job ``i``."""
        b = _Fit(self.dataset, self.m, i, self.levels, self.before.moves, self.config)
        a = _Fit(self.dataset, self.m, i, self.raised, self.after.moves, self.config)
        deltas_after = {g.id: g.delta for g in a.gaps}
        changes = [
            GapChange(
                id=g.id,
                label=g.label,
                required=g.required,
                delta_before=g.delta,
                delta_after=deltas_after.get(g.id, 0),
            )
            for g in b.gaps
            if g.id in self.raised_ids
        ]
        job, bands = self.dataset.job(self.m.ids[i]), self.config.bands
        return WhatIfRow(
            id=job.id,
            title=job.title,
            family=family_of(job),
            rank_before=self.before.rank[i],
            rank_after=self.after.rank[i],
            cost_before=b.parts.cost,
            cost_after=a.parts.cost,
            coverage_before=b.parts.coverage,
            coverage_after=a.parts.coverage,
            band_before=bands.of(b.parts.coverage),
            band_after=bands.of(a.parts.coverage),
            move_before=b.parts.move,
            move_after=a.parts.move,
            levels_before=b.parts.climb,
            levels_after=a.parts.climb,
            blocking_before=b.parts.blocking,
            blocking_after=a.parts.blocking,
            reachable_before=b.reachable,
            reachable_after=a.reachable,
            changes=sorted(changes, key=lambda c: self.order[c.id]),
            provenance=a.provenance,
        )


# -- leverage --------------------------------------------------------------------------------


class _Towards:
    """The moves from a person's state to the targets, the cheapest route to each and (with
    ``gentle``) the gentlest one: the route whose largest jump is smallest."""

    def __init__(
        self,
        dataset: Dataset,
        table: LevelMatrix,
        state: np.ndarray,
        targets: list[int],
        config: ModelConfig,
        current: int | None = None,
        *,
        gentle: bool = False,
        cheapest: bool = True,
    ):
        graph = mobility_graph(dataset, config)
        self.moves = moves_from(table, state, config)
        self.best: dict[int, tuple[int, tuple[int, ...]] | None] = {}
        self.gentlest: dict[int, tuple[int, ...] | None] = {}
        for t in targets:
            banned = frozenset([current]) if current is not None and current != t else frozenset()
            if cheapest:
                found, _ = graph.search.routes(state, PERSON, t, k=1, banned=banned)
                self.best[t] = (found[0].units, found[0].nodes) if found else None
            if gentle:
                soft, _ = graph.search.routes(
                    state, PERSON, t, k=1, objective=Objective.max_jump, banned=banned
                )
                self.gentlest[t] = soft[0].nodes if soft else None

    def cost(self, t: int) -> int | None:
        best = self.best.get(t)
        return None if best is None else best[0]

    def first_step(self, t: int) -> int | None:
        """The first job of the gentlest route to ``t`` when it is not the direct move. (With
        the state carried along, the cheapest route is always the direct move: every route
        climbs at least its levels, makes at least its largest jump and adds steps; a job on
        the way pays off by making the steps smaller.)"""
        nodes = self.gentlest.get(t)
        if nodes is None or len(nodes) <= 2:
            return None
        # a downgrade is no first step: learn that level where you are
        return None if int(self.moves.move[nodes[1]]) == MOVE_CODE["downgrade"] else nodes[1]


# Stepping stones are searched (the gentlest route to each target) for at most this many
# targets: a search costs milliseconds on the card's twelve jobs, and at the size of ESCO,
# every job a target, it would take minutes. Beyond, ``--targets`` picks the ones wanted.
MAX_STONE_TARGETS = 60
# Competences without any effect are listed (last) only for a catalogue this small.
MAX_LISTED_COMPETENCES = 60


def leverage(
    dataset: Dataset,
    profile: Profile,
    *,
    targets: Sequence[str] | None = None,
    top: int | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> LeverageResult:
    """Which single one-level raise brings the ``targets`` (default: every job) closest, and
    which job is the best first step.

    Raises are ranked by the targets they bring within one move (``newly_reachable``), then by
    how much closer they bring the targets (``closeness_gain``: the coverages, summed), then by
    how much cheaper the best routes to the targets it brings closer get (``route_gain``,
    routes carrying the person's levels along); equal effects share a rank (listed by id). Only
    a competence some target asks for more of than the person holds can bring a target
    closer; the others are listed last with no effect (on a catalogue of at most
    ``MAX_LISTED_COMPETENCES`` competences; on a larger one they are left out). A stepping
    stone is the first job of the gentlest route to some target (the route whose largest jump
    is smallest, when it is not the direct move), a downgrade never; they are ranked by the
    targets they serve, then by the cost of that first move, then id. They are searched for at
    most ``MAX_STONE_TARGETS`` targets (``stones_searched`` says whether they were). ``top``
    keeps the best raises (default: see :func:`listed_top`).

    Cost: with the declared factor at 1 (the default), the best route to a job is always the
    direct move (every route climbs at least its levels, makes at least its largest jump and
    adds steps), so every raise's effect on every target comes from the person's moves in one
    pass over the targets' level entries (O(entries)); with another factor, each target and
    raise takes a route search, which is bounded to the ``MAX_STONE_TARGETS`` first targets.
    """
    check_positive("top", top)
    m, table = level_matrix(dataset), level_matrix(dataset)
    wanted = sorted({get_job(dataset, x).id for x in targets}) if targets else list(m.ids)
    tix = [m.index[x] for x in wanted]
    levels = person_levels(dataset, profile)
    state = person_state(table, levels)
    current = m.index[profile.current_job] if profile.current_job else None
    searched = len(tix) <= MAX_STONE_TARGETS
    direct_is_best = config.weights.declared_factor == 1.0
    now = _Towards(
        dataset,
        table,
        state,
        tix if searched else [],
        config,
        current,
        gentle=searched,
        cheapest=not direct_is_best,
    )
    if direct_is_best:
        effects = _raise_effects(table, state, now.moves, tix, config)
    else:
        effects = _searched_raise_effects(dataset, table, state, now, tix, current, config)
    raises = _ranked_raises(dataset, levels, effects, m.ids)
    kept = raises[: listed_top(len(raises), top)]
    stepping = _stepping_stones(dataset, m, now, tix, config)
    used = [m.job_provenance(t) for t in tix] + [s.provenance for s in stepping]
    return LeverageResult(
        targets=_target_routes(dataset, m, now, tix, direct_is_best, config),
        all_targets=not targets,
        raises=kept,
        raises_left_out=len(raises) - len(kept),
        stepping_stones=stepping,
        best_raise=_best_raise(raises),
        best_stepping_stone=next((s.id for s in stepping if s.serves), None),
        stones_searched=searched,
        **_common(dataset, profile, anonymous, config, levels, any(is_estimated(p) for p in used)),
    )


def _target_routes(
    dataset: Dataset,
    m: LevelMatrix,
    now: _Towards,
    tix: list[int],
    direct_is_best: bool,
    config: ModelConfig,
) -> list[TargetRoute]:
    """The cheapest route from the person to each target (``tix``) and its first step; with
    ``direct_is_best`` the cheapest route is the direct move, and no search was made."""
    mv, ids = now.moves, m.ids
    routes = []
    for t in tix:
        cost = int(mv.units[t]) if direct_is_best else now.cost(t)
        step = now.first_step(t)
        routes.append(
            TargetRoute(
                id=ids[t],
                title=dataset.job(ids[t]).title,
                family=family_of(dataset.job(ids[t])),
                cost=from_units(cost) if cost is not None else None,
                band=config.bands.of(from_units(int(mv.coverage[t]))),
                first_step=ids[step] if step is not None else None,
                reachable=bool(mv.computed[t]),
                # the cheapest route is the direct move (see _Towards.first_step)
                provenance=cast(Provenance, m.job_provenance(t)),
            )
        )
    return routes


def _ranked_raises(
    dataset: Dataset, levels: Levels, effects: dict[str, Effect], ids: Sequence[str]
) -> list[RaiseEffect]:
    """Every one-level raise of a competence below the top level, ranked by its ``effects``:
    the targets it brings within one move, the closeness gained, the route cost saved, the
    targets brought closer, then those unblocked (then id; equal effects share a rank). A
    raise without effect is listed only on a catalogue of at most ``MAX_LISTED_COMPETENCES``
    competences."""
    rows = []
    for comp in dataset.levelled_competences:
        have = levels.get(comp.id)
        if (have or 0) >= MAX_LEVEL:
            continue
        found = effects.get(comp.id)
        if found is None and len(dataset.levelled_competences) > MAX_LISTED_COMPETENCES:
            continue
        gain_cov, gain, reach, closer, unblocked = found or (0, 0, [], [], [])
        key = (-len(reach), -gain_cov, 0, -gain, -len(closer), -len(unblocked))
        rows.append(
            (
                key,
                RaiseEffect(
                    rank=0,
                    id=comp.id,
                    label=comp.label,
                    before=have,
                    after=(have or 0) + 1,
                    closeness_gain=from_units(gain_cov),
                    newly_reachable=[ids[t] for t in reach],
                    newly_routed=[],
                    closer=[ids[t] for t in closer],
                    unblocked=[ids[t] for t in unblocked],
                    route_gain=from_units(gain),
                ),
            )
        )
    rows.sort(key=lambda e: (e[0], e[1].id))
    ranks = competition_ranks([e[0] for e in rows])
    return [effect.model_copy(update={"rank": r}) for r, (_, effect) in zip(ranks, rows)]


def _best_raise(raises: list[RaiseEffect]) -> str | None:
    """The first raise (best ranked) that has any effect."""
    return next(
        (
            r.id
            for r in raises
            if r.newly_reachable or r.newly_routed or r.closeness_gain > 0 or r.route_gain > 0
        ),
        None,
    )


def _stepping_stones(
    dataset: Dataset, m: LevelMatrix, now: _Towards, tix: list[int], config: ModelConfig
) -> list[SteppingStone]:
    """The stepping stones to the targets ``tix``, best first.

    A stepping stone is the first job of the gentlest route to some target (never the direct
    move), ranked by the targets it serves, then by its cost. A downgrade is not one: taking
    a job below one's level to learn one thing is no advice (learn it where you are)."""
    ids, mv = m.ids, now.moves
    stones = []
    firsts = {t: now.first_step(t) for t in tix}
    for j in sorted({f for f in firsts.values() if f is not None}):
        serves = [ids[t] for t in tix if t != j and firsts[t] == j]
        if serves:
            stones.append(((-len(serves), int(mv.units[j]), ids[j]), j, serves))
    stones.sort(key=lambda s: s[0])
    stepping = []
    for rank, (_score, j, serves) in enumerate(stones, start=1):
        prov = weakest([m.job_provenance(j), "user"])
        stepping.append(
            SteppingStone(
                rank=rank,
                id=ids[j],
                title=dataset.job(ids[j]).title,
                family=family_of(dataset.job(ids[j])),
                cost=from_units(int(mv.units[j])),
                band=config.bands.of(from_units(int(mv.coverage[j]))),
                move=MOVES[int(mv.move[j])],
                serves=serves,
                provenance=cast(Provenance, prov),
            )
        )
    return stepping


Effect = tuple[int, int, list[int], list[int], list[int]]  # coverage, route gain, 3 lists


def _raise_effects(
    table: LevelMatrix, state: np.ndarray, mv: Moves, tix: list[int], config: ModelConfig
) -> dict[str, Effect]:
    """What raising each competence by one does to the targets, in one pass over their level
    entries (the best route being the direct move): per competence id, the coverage gained
    (thousandths, summed), the route cost saved (thousandths, summed over the targets it brings
    closer), and the targets it brings within one move, closer, and unblocked."""
    import numpy as np

    from ..costmodel import cost_units, is_computed, share_units

    is_target = np.zeros(table.n, dtype=bool)
    is_target[tix] = True
    rows = np.repeat(np.arange(table.n), np.diff(table.indptr))
    deficit = np.maximum(table.values.astype(np.int64) - state[table.cols], 0)
    # the largest deficit of each job, how many entries reach it, and the next one below it
    top = mv.max_jump.astype(np.int64)
    at_top = np.bincount(
        rows, weights=(deficit == top[rows]) & (deficit > 0), minlength=table.n
    ).astype(np.int64)
    below = np.where(deficit < top[rows], deficit, 0)
    second = np.zeros(table.n, dtype=np.int64)
    np.maximum.at(second, rows, below)
    e = np.flatnonzero(is_target[rows] & (deficit > 0))  # the entries a raise helps
    t, d = rows[e], deficit[e]
    alone = (d == top[t]) & (at_top[t] == 1)
    jump_after = np.where(alone, np.maximum(second[t], d - 1), top[t])
    required = mv.required[t].astype(np.int64)
    held = required - mv.climb[t]
    cov_after = share_units(held + 1, required)
    gain_cov = cov_after - mv.coverage[t]
    reach = is_computed(cov_after, jump_after, required, config) & ~mv.computed[t]
    units_after = cost_units(
        mv.climb[t] - 1, jump_after, mv.unused[t], np.zeros(len(t), dtype=bool), config
    )
    gain = mv.units[t].astype(np.int64) - units_after
    unblocked = d == config.thresholds.blocking_deficit
    out: dict[str, Effect] = {}
    cols = table.cols[e]
    order = np.lexsort((t, cols))  # by competence, then by target (ids are sorted)
    for c, group in _groups(cols[order], order):
        targets = t[group]
        out[table.competences[c]] = (
            int(gain_cov[group].sum()),
            int(gain[group].sum()),
            targets[reach[group]].tolist(),
            targets.tolist(),
            targets[unblocked[group]].tolist(),
        )
    return out


def _groups(keys: np.ndarray, order: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """The runs of equal ``keys`` (sorted), with the positions ``order`` gives them."""
    import numpy as np

    if not len(keys):
        return []
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return [(int(keys[a]), order[a:b]) for a, b in zip(starts, ends)]


def _searched_raise_effects(
    dataset: Dataset,
    table: LevelMatrix,
    state: np.ndarray,
    now: _Towards,
    tix: list[int],
    current: int | None,
    config: ModelConfig,
) -> dict[str, Effect]:
    """:func:`_raise_effects` with a route search per target and raise, for a model whose
    declared factor is not 1 (a declared detour may then beat the direct move); the targets
    are bounded to the first ``MAX_STONE_TARGETS``."""
    tix = tix[:MAX_STONE_TARGETS]
    mv = now.moves
    out: dict[str, Effect] = {}
    for k, comp in enumerate(table.competences):
        have = int(state[k])
        if have >= MAX_LEVEL or not _asked_above(table, tix, k, have):
            continue
        raised = state.copy()
        raised[k] = have + 1
        after = _Towards(dataset, table, raised, tix, config, current)
        amv = after.moves
        helped = [t for t in tix if amv.coverage[t] > mv.coverage[t]]
        gain = 0
        for t in helped:
            before_cost, after_cost = now.cost(t), after.cost(t)
            if before_cost is not None and after_cost is not None:
                gain += before_cost - after_cost
        out[comp] = (
            sum(int(amv.coverage[t]) - int(mv.coverage[t]) for t in tix),
            gain,
            [t for t in tix if amv.computed[t] and not mv.computed[t]],
            [t for t in tix if amv.climb[t] < mv.climb[t]],
            [t for t in tix if amv.blocking[t] < mv.blocking[t]],
        )
    return out


def _asked_above(table: LevelMatrix, targets: list[int], col: int, level: int) -> bool:
    """Whether some target asks for more than ``level`` on the competence column ``col``."""
    for t in targets:
        cols, vals = table.row(t)
        hit = vals[cols == col]
        if hit.size and int(hit[0]) > level:
            return True
    return False
