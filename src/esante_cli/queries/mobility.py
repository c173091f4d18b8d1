"""Mobility queries: neighbours, routes, competence gaps, comparisons, recommendations.

Pure functions from a dataset (and a cost model) to typed results; they never print. Only
``shortest_paths`` builds the whole graph; the others compute the few rows of costs they need
from the level matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from ..costmodel import BANDS, DEFAULT_MODEL, MOVE_CODE, ModelConfig, from_units, transition
from ..errors import InputError, NoRouteError, OptionsError, UnknownNameError
from ..graph import OBJECTIVES, MobilityGraph, level_matrix, mobility_graph
from ..language import _, ngettext
from ..levels import LevelMatrix, weakest
from ..models import NEEDS_REASON, Job, Mobility, Provenance
from ..moves import Moves, move_to, moves_from, pair_moves
from ..results.base import LIST_ALL_UP_TO
from ..results.mobility import (
    PROFILE_NODE,
    CodeRef,
    ComparedCompetence,
    ComparedLevel,
    Comparison,
    Direction,
    EdgeKind,
    GapItem,
    GapResult,
    JobRef,
    JobStrengths,
    JobSummary,
    KeptLevel,
    KindFilter,
    LevelToLearn,
    Neighbour,
    NeighbourGroup,
    NeighboursResult,
    Objective,
    PairCost,
    PathConstraints,
    PathsResult,
    ProfileRef,
    Recommendation,
    Recommendations,
    Route,
    Step,
    StepKind,
)
from ..routes import PERSON, FoundRoute
from ..stability import competition_ranks, draw_levels, interval, kept_rank, rank_keys

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = [
    "compare_jobs",
    "competence_gap",
    "gap_from_levels",
    "neighbours",
    "recommend",
    "shortest_paths",
]

DIRECTIONS = ("both", "in", "out")
KINDS = ("declared", "computed", "all")

Levels = dict[str, tuple[int | None, str | None]]  # competence id -> (level, provenance)


# -- competence gap --------------------------------------------------------------------------


def competence_gap(
    dataset: Dataset,
    source: str | Mapping[str, int | None],
    target: str,
    config: ModelConfig = DEFAULT_MODEL,
) -> GapResult:
    """What separates ``source`` (a job id, or a person's levels: competence id -> level) from
    the job ``target``: per competence current / required / delta, largest deficit first."""
    if not isinstance(source, str):
        return gap_from_levels(dataset, source, target, config=config)
    src_job, tgt_job = get_job(dataset, source), get_job(dataset, target)
    declared = any(m.source_job == source and m.target_job == target for m in dataset.mobilities)
    return gap_between(
        dataset, job_ref(src_job), _job_levels(dataset, src_job), tgt_job, declared, config
    )


def gap_from_levels(
    dataset: Dataset,
    levels: Mapping[str, int | None],
    target: str,
    *,
    name: str = "profil",
    provenance: Provenance = "user",
    config: ModelConfig = DEFAULT_MODEL,
) -> GapResult:
    """:func:`competence_gap` from a person's own levels (competence id -> level 1-4 or None);
    each level is marked with ``provenance``. A competence left out counts as level 0."""
    levelled = {c.id for c in dataset.levelled_competences}
    own: Levels = {}
    for comp, level in sorted(levels.items()):
        if comp not in dataset.competences_by_id:
            raise UnknownNameError(
                _("compétence inconnue « {query} »{hint}").format(query=comp, hint="")
            )
        if comp not in levelled:
            raise InputError(
                _("la compétence « {id} » n'a pas de niveaux dans le catalogue").format(id=comp)
            )
        if level is not None and (
            isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4
        ):
            message = _("compétence « {id} » : le niveau doit être entre 1 et 4, reçu {value}")
            raise InputError(message.format(id=comp, value=repr(level)))
        own[comp] = (level, provenance if level is not None else None)
    return gap_between(dataset, ProfileRef(name=name), own, get_job(dataset, target), False, config)


def gap_between(
    dataset: Dataset,
    source: JobRef | ProfileRef,
    src: Levels,
    target: Job,
    declared: bool,
    config: ModelConfig,
) -> GapResult:
    tgt = _job_levels(dataset, target)
    items = _gap_items(dataset, src, tgt, target)
    parts = transition(
        {c: lv for c, (lv, _) in src.items()},
        {c: lv for c, (lv, _) in tgt.items()},
        declared=declared,
        config=config,
    )
    order = catalogue_order(dataset)
    provenance = weakest(p for it in items for p in (it.current_provenance, it.required_provenance))
    return GapResult(
        data_version=dataset.version,
        source=source,
        target=job_ref(target),
        items=sorted(items, key=lambda it: (-it.delta, order[it.id])),
        total_levels=sum(max(0, it.delta) for it in items),
        to_raise=sum(1 for it in items if it.delta > 0),
        max_jump=parts.max_jump,
        blocking=parts.blocking,
        strengths=sorted(
            (it for it in items if it.delta < 0), key=lambda it: (it.delta, order[it.id])
        ),
        not_compared=[c for c, (lv, _) in tgt.items() if lv is None],
        transition=parts,
        band=config.bands.of(parts.coverage),
        provenance=cast(Provenance, provenance),
        uses_estimates=is_estimated(provenance),
        model=config,
    )


def _gap_items(
    dataset: Dataset, src: Levels, tgt: Levels, target: Job | None = None
) -> list[GapItem]:
    """One item per competence the target levels, in catalogue order; with the ``target``
    job, what its source says of each (example, topics)."""
    items = []
    for comp in dataset.levelled_competences:
        required, req_prov = tgt.get(comp.id, (None, None))
        if required is None:
            continue
        current, cur_prov = src.get(comp.id, (None, None))
        have = current or 0
        said = target.level(comp.id) if target is not None else None
        topics = said.topics if said is not None else None
        items.append(
            GapItem.model_construct(
                id=comp.id,
                label=comp.label,
                current=current,
                required=required,
                delta=required - have,
                provenance=cast(Provenance, weakest([cur_prov, req_prov])),
                current_provenance=cast(Provenance | None, cur_prov),
                required_provenance=cast(Provenance, req_prov or "card"),
                to_learn=[
                    LevelToLearn.model_construct(level=lv, descriptor=comp.levels[lv - 1])
                    for lv in range(have + 1, required + 1)
                ],
                example=said.example if said is not None else None,
                topics=topics.terms if topics is not None else [],
                topics_provenance=topics.provenance if topics is not None else None,
                topics_reason=topics.reason if topics is not None else None,
            )
        )
    return items


def _job_levels(dataset: Dataset, job: Job) -> Levels:
    out: Levels = {}
    for comp in dataset.levelled_competences:
        jc = job.level(comp.id)
        out[comp.id] = (jc.expected_level, jc.provenance) if jc else (None, None)
    return out


# -- neighbours ------------------------------------------------------------------------------


def neighbours(
    dataset: Dataset,
    job_id: str,
    *,
    direction: Direction = Direction.both,
    kind: KindFilter = KindFilter.all,
    top: int | None = None,
    config: ModelConfig = DEFAULT_MODEL,
) -> NeighboursResult:
    """The jobs leading to ``job_id`` (``incoming``) and those it leads to (``outgoing``).

    ``kind``: ``declared`` keeps the moves the card declares, ``computed`` those the model
    computes (a declared move the model would also compute is kept), ``all`` both. ``top``
    keeps the closest per direction. Each neighbour shows the cost both ways; neighbours are
    grouped by band, downgrades after the other moves, closest first (coverage), then by cost.
    """
    check_choice("direction", direction, DIRECTIONS)
    check_choice("kind", kind, KINDS)
    check_positive("top", top)
    job = get_job(dataset, job_id)
    rows = _Rows(dataset, job_id, config)
    ids = rows.m.ids
    outs = ins = []
    down = MOVE_CODE["downgrade"]

    def order(moves: Moves, j: int) -> tuple[Any, ...]:
        # the order of the groups shown: by band, downgrades last within each, closest first
        coverage = from_units(int(moves.coverage[j]))
        return (
            BANDS.index(config.bands.of(coverage)),
            int(moves.move[j]) == down,
            -coverage,
            int(moves.units[j]),
            ids[j],
        )

    if direction in ("both", "out"):
        outs = [j for j in range(len(ids)) if rows.keep_out(j, kind)]
        outs = sorted(outs, key=lambda j: order(rows.out, j))[:top]
    if direction in ("both", "in"):
        ins = [j for j in range(len(ids)) if rows.keep_in(j, kind)]
        ins = sorted(ins, key=lambda j: order(rows.inn, j))[:top]
    outgoing = [rows.neighbour(job_ref(dataset.job(ids[j])), j, outgoing=True) for j in outs]
    incoming = [rows.neighbour(job_ref(dataset.job(ids[j])), j, outgoing=False) for j in ins]
    groups_in, groups_out = _grouped(incoming), _grouped(outgoing)
    used = [n.provenance for g in groups_in + groups_out for n in g.neighbours]
    return NeighboursResult(
        data_version=dataset.version,
        job=job_ref(job),
        direction=direction,
        kind=kind,
        top=top,
        incoming=groups_in,
        outgoing=groups_out,
        uses_estimates=any(is_estimated(p) for p in used),
        model=config,
    )


def _grouped(ranked: list[Neighbour]) -> list[NeighbourGroup]:
    groups = []
    for band in ("proche", "accessible", "lointaine"):
        members = [n for n in ranked if n.band == band]
        if members:
            groups.append(NeighbourGroup(band=band, neighbours=members))
    return groups


class _Rows:
    """The moves from one job to every job and from every job to it (two rows of the graph)."""

    def __init__(self, dataset: Dataset, job_id: str, config: ModelConfig):
        import numpy as np

        self.config = config
        self.m: LevelMatrix = level_matrix(dataset)
        self.i = i = self.m.index[job_id]
        n = len(self.m.ids)
        self.mob_out: dict[int, Mobility] = {}
        self.mob_in: dict[int, Mobility] = {}
        for mob in dataset.mobilities:
            if mob.source_job == job_id:
                self.mob_out[self.m.index[mob.target_job]] = mob
            if mob.target_job == job_id:
                self.mob_in[self.m.index[mob.source_job]] = mob
        self.decl_out = np.zeros(n, dtype=bool)
        self.decl_out[list(self.mob_out)] = True
        decl_in = np.zeros(n, dtype=bool)
        decl_in[list(self.mob_in)] = True
        # out: from job i's levels to every job; in: from every job to job i
        self.out = moves_from(self.m, self.m.state_of(i), config, declared=self.decl_out)
        self.inn = pair_moves(self.m, np.arange(n), np.full(n, i), config, declared=decl_in)

    def out_kind(self, j: int) -> EdgeKind | None:
        if j == self.i:
            return None
        if j in self.mob_out:
            return "declared"
        return "computed" if self.out.computed[j] else None

    def in_kind(self, j: int) -> EdgeKind | None:
        if j == self.i:
            return None
        if j in self.mob_in:
            return "declared"
        return "computed" if self.inn.computed[j] else None

    def keep_out(self, j: int, kind: KindFilter) -> bool:
        return _kept(self.out_kind(j), bool(self.out.computed[j]), kind)

    def keep_in(self, j: int, kind: KindFilter) -> bool:
        return _kept(self.in_kind(j), bool(self.inn.computed[j]), kind)

    def neighbour(self, ref: JobRef, j: int, *, outgoing: bool) -> Neighbour:
        if outgoing:
            parts, back = self.out.parts(j), self.inn.parts(j)
            kind, back_kind, mob = self.out_kind(j), self.in_kind(j), self.mob_out.get(j)
            prov = self.m.move_provenance(self.i, j)
        else:
            parts, back = self.inn.parts(j), self.out.parts(j)
            kind, back_kind, mob = self.in_kind(j), self.out_kind(j), self.mob_in.get(j)
            prov = self.m.move_provenance(j, self.i)
        assert kind is not None
        return Neighbour(
            job=ref,
            band=self.config.bands.of(parts.coverage),
            move=parts.move,
            kind=kind,
            cost=parts.cost,
            parts=parts,
            reverse_cost=back.cost,
            reverse_kind=back_kind,
            declared_direction=mob.direction if mob else None,
            ring=mob.ring if mob else None,
            declared_provenance=mob.provenance if mob else None,
            provenance=cast(Provenance, prov),
        )


def _kept(edge: EdgeKind | None, computed: bool, wanted: KindFilter) -> bool:
    if edge is None:
        return False
    if wanted == "declared":
        return edge == "declared"
    if wanted == "computed":
        return computed
    return True


# -- recommendations -------------------------------------------------------------------------


def recommend(
    dataset: Dataset,
    job_id: str,
    *,
    top: int = 5,
    all_jobs: bool = False,
    include_downgrades: bool = False,
    draws: int | None = None,
    seed: int | None = None,
    config: ModelConfig = DEFAULT_MODEL,
) -> Recommendations:
    """The ``top`` jobs nearest to ``job_id``: progressions and lateral moves first, closest
    first (the share of the target's requirement the job already holds), then by cost; equal
    closeness and cost share a rank (listed by id). Downgrades (``move`` "downgrade": the
    target asks clearly less than the job holds) come only with ``include_downgrades``, after
    the others. Each item carries its cost's parts, band, direction, the cost of the way back,
    and its stability under ``draws`` random draws of the estimated levels (``seed``).

    The jobs one move of the graph reaches (declared by the card, or computed) come first;
    ``all_jobs`` ranks every other job with them (``kind`` None for those no move reaches).
    When the jobs asked for are fewer than ``top``, the nearest others follow (downgrades
    last): the answer has ``top`` items whenever the dataset has ``top`` other jobs.
    """
    check_positive("top", top)
    draws, seed = uncertainty(config, draws, seed)
    job = get_job(dataset, job_id)
    rows = _Rows(dataset, job_id, config)
    chosen, ranks, hidden = _recommended(rows, top, all_jobs, include_downgrades)
    stab, spans = _recommend_stability(
        dataset, rows, chosen, ranks, all_jobs, include_downgrades, draws, seed, config
    )
    items = [
        _recommendation(
            dataset, rows, j, rank, stab[n] if stab else None, spans[n] if spans else None, config
        )
        for n, (rank, j) in enumerate(zip(ranks, chosen))
    ]
    return Recommendations(
        data_version=dataset.version,
        job=job_ref(job),
        top=top,
        all_jobs=all_jobs,
        include_downgrades=include_downgrades,
        hidden_downgrades=hidden,
        items=items,
        draws=draws,
        seed=seed,
        uses_estimates=any(is_estimated(it.provenance) for it in items),
        model=config,
    )


def _recommended(
    rows: _Rows, top: int, all_jobs: bool, include_downgrades: bool
) -> tuple[list[int], list[int], int]:
    """The jobs recommended from the job of ``rows`` (``top`` of them, best first, whenever
    the dataset has that many others), their ranks, and how many downgrades one move reaches
    were left out (without ``include_downgrades``).

    First the jobs asked for (one move reaches them, or any job with ``all_jobs``; downgrades
    only with ``include_downgrades``), nearest first; when they are fewer than ``top``, the
    nearest of the other jobs follow (no move reaches them, or downgrades, last), each with its
    band: the answer is never short because the model links few jobs."""
    import numpy as np

    ids, i = rows.m.ids, rows.i
    down = rows.out.move == MOVE_CODE["downgrade"]
    linked = rows.out.computed | rows.decl_out
    keys = _tiered_keys(
        down, rows.out.coverage, rows.out.units, linked, rows.decl_out, all_jobs, include_downgrades
    )
    others = np.flatnonzero(np.arange(len(ids)) != i)
    order = sorted(others.tolist(), key=lambda j: (int(keys[j]), ids[j]))
    chosen = order[:top]
    hidden = 0
    if not include_downgrades:
        shown = set(chosen)
        hidden = sum(
            1
            for j in order
            if down[j] and (all_jobs or linked[j]) and not rows.decl_out[j] and j not in shown
        )
    return chosen, competition_ranks([int(keys[j]) for j in chosen]), hidden


def _tiered_keys(
    down: Any,
    coverage: Any,
    units: Any,
    linked: Any,
    declared: Any,
    all_jobs: bool,
    include_downgrades: bool,
) -> Any:
    """One sortable integer per move (lower is better), for one ranking or one per draw (arrays
    of any shape): downgrades after the other moves (as :func:`rank_keys`), and in each part
    the jobs asked for (see :func:`_recommended`; the source's declared moves always are: a
    move the card declares is never hidden as a downgrade) before the others, then by
    closeness, then by cost."""
    import numpy as np

    keys = rank_keys(np.zeros_like(down), coverage, units)
    wanted = linked if not all_jobs else np.ones_like(down)
    if not include_downgrades:
        wanted = wanted & (~down | declared)
    span = int(keys.max(initial=0)) + 1
    tier = (~wanted).astype(keys.dtype) + 2 * down.astype(keys.dtype)
    return keys + tier * span


def _recommendation(
    dataset: Dataset,
    rows: _Rows,
    j: int,
    rank: int,
    stability: float | None,
    cost_interval: list[float] | None,
    config: ModelConfig,
) -> Recommendation:
    """The move from the job of ``rows`` to job ``j``, as one recommended item."""
    parts = rows.out.parts(j)
    return Recommendation(
        rank=rank,
        job=job_ref(dataset.job(rows.m.ids[j])),
        cost=parts.cost,
        band=config.bands.of(parts.coverage),
        move=parts.move,
        kind=rows.out_kind(j),
        parts=parts,
        reverse_cost=from_units(int(rows.inn.units[j])),
        provenance=cast(Provenance, rows.m.move_provenance(rows.i, j)),
        declared_provenance=(mob.provenance if (mob := rows.mob_out.get(j)) else None),
        stability=stability,
        cost_interval=cost_interval,
    )


def _recommend_stability(
    dataset: Dataset,
    rows: _Rows,
    chosen: list[int],
    ranks: list[int],
    all_jobs: bool,
    include_downgrades: bool,
    draws: int,
    seed: int,
    config: ModelConfig,
) -> tuple[list[float], list[list[float]]]:
    """Stability and cost interval of each recommended job over the draws: in each draw the
    source job's estimated levels move too, and the ranking is made again by the same rules."""
    import numpy as np

    table = level_matrix(dataset)
    values = draw_levels(table, config.uncertainty, draws, seed)
    if values is None or not chosen:
        return [], []
    i = rows.i
    mv = moves_from(table, table.state_of(i, values), config, declared=rows.decl_out, values=values)
    down = mv.move == MOVE_CODE["downgrade"]
    linked = mv.declared | mv.computed
    keys = _tiered_keys(
        down, mv.coverage, mv.units, linked, mv.declared, all_jobs, include_downgrades
    )
    eligible = np.ones_like(down)
    eligible[:, i] = False
    return kept_rank(keys, eligible, chosen, ranks), [interval(mv.units[:, j]) for j in chosen]


def uncertainty(config: ModelConfig, draws: int | None, seed: int | None) -> tuple[int, int]:
    """The draws and seed of a query: those asked for, else the model's."""
    if draws is not None and (isinstance(draws, bool) or draws < 0):
        raise InputError(_("draws doit être 0 ou plus, reçu {value}").format(value=repr(draws)))
    if seed is not None and (isinstance(seed, bool) or seed < 0):
        raise InputError(_("seed doit être 0 ou plus, reçu {value}").format(value=repr(seed)))
    u = config.uncertainty
    return (u.draws if draws is None else draws), (u.seed if seed is None else seed)


# -- comparison ------------------------------------------------------------------------------


def compare_jobs(
    dataset: Dataset, ids: Sequence[str], config: ModelConfig = DEFAULT_MODEL
) -> Comparison:
    """Jobs side by side (in the order given): levels with provenance, which competences
    differ, shared and distinct strengths, and the cost of every move between them. On a
    large catalogue (more than ``LIST_ALL_UP_TO`` competences: an ESCO import) only the
    competences one of the jobs lists are compared."""
    ids = list(ids)
    if len(ids) < 2:
        raise InputError(_("compare demande au moins deux métiers"))
    dups = sorted({x for x in ids if ids.count(x) > 1})
    if dups:
        raise InputError(_("compare cite un métier deux fois : {ids}").format(ids=", ".join(dups)))
    jobs = [get_job(dataset, x) for x in ids]
    m = level_matrix(dataset)
    rows = [m.index[x] for x in ids]
    competences = _compared_competences(dataset, m, ids, rows)
    shared, distinct = _strengths(competences, ids, config.thresholds.strength_level)
    used = [lv.provenance for comp in competences for lv in comp.levels if lv.level is not None]
    return Comparison(
        data_version=dataset.version,
        jobs=[_summary(j) for j in jobs],
        competences=competences,
        shared_strengths=shared,
        distinct_strengths=[JobStrengths(job=x, competences=distinct[x]) for x in ids],
        pairs=_pair_costs(dataset, m, ids, rows, config),
        uses_estimates=any(is_estimated(p) for p in used),
        model=config,
    )


def _compared_competences(
    dataset: Dataset, m: LevelMatrix, ids: list[str], rows: list[int]
) -> list[ComparedCompetence]:
    """Each compared competence with the level of every job (``ids``, at ``rows`` of the
    level matrix), in catalogue order; on a large catalogue only those the jobs list."""
    columns: Iterable[int] = range(len(m.competences))
    if len(m.competences) > LIST_ALL_UP_TO:  # a large catalogue: what the jobs list
        columns = sorted(
            {int(c) for r in rows for c in m.row(r)[0]}
            | {c for (r, c) in m.unlevelled if r in rows}
        )
    competences = []
    for c in columns:
        comp_id = m.competences[c]
        levels = [m.level(r, c) for r in rows]
        competences.append(
            ComparedCompetence(
                id=comp_id,
                label=dataset.competence(comp_id).label,
                levels=[
                    ComparedLevel(job=x, level=lv, provenance=cast(Any, m.provenance_of(r, c)))
                    for x, r, lv in zip(ids, rows, levels)
                ],
                differs=len(set(levels)) > 1,
            )
        )
    return competences


def _strengths(
    competences: list[ComparedCompetence], ids: list[str], strong: int
) -> tuple[list[str], dict[str, list[str]]]:
    """The competences every job holds at level ``strong`` or more (shared strengths), and
    per job those it holds so and some other job does not (distinct strengths)."""
    shared: list[str] = []
    distinct: dict[str, list[str]] = {x: [] for x in ids}
    for comp in competences:
        is_strong = [lv.level is not None and lv.level >= strong for lv in comp.levels]
        if all(is_strong):
            shared.append(comp.id)
        else:
            for x, s in zip(ids, is_strong):
                if s:
                    distinct[x].append(comp.id)
    return shared, distinct


def _pair_costs(
    dataset: Dataset, m: LevelMatrix, ids: list[str], rows: list[int], config: ModelConfig
) -> list[PairCost]:
    """The cost of the move between every ordered pair of the jobs ``ids`` (at ``rows`` of the
    level matrix), in the order given."""
    import numpy as np

    k = len(ids)
    declared = np.zeros((k, k), dtype=bool)
    pos = {x: p for p, x in enumerate(ids)}
    for mob in dataset.mobilities:
        if mob.source_job in pos and mob.target_job in pos:
            declared[pos[mob.source_job], pos[mob.target_job]] = True
    a_of, b_of = np.repeat(np.arange(k), k), np.tile(np.arange(k), k)  # every ordered pair
    moves = pair_moves(
        m, np.asarray(rows)[a_of], np.asarray(rows)[b_of], config, declared=declared[a_of, b_of]
    )
    placed = {(mob.source_job, mob.target_job): mob.provenance for mob in dataset.mobilities}
    pairs = []
    for a, x in enumerate(ids):
        for b, y in enumerate(ids):
            if a == b:
                continue
            parts = moves.parts(a * k + b)
            kind: EdgeKind | None = (
                "declared" if parts.declared else "computed" if parts.computed else None
            )
            pairs.append(
                PairCost(
                    source=x,
                    target=y,
                    cost=parts.cost,
                    band=config.bands.of(parts.coverage),
                    move=parts.move,
                    kind=kind,
                    parts=parts,
                    provenance=cast(Provenance, m.move_provenance(rows[a], rows[b])),
                    declared_provenance=placed.get((x, y)),
                )
            )
    return pairs


def _summary(job: Job) -> JobSummary:
    return JobSummary(
        id=job.id,
        title=job.title,
        family=job.family.value if job.family else None,
        codes=[
            CodeRef(system=c.system, version=c.version, code=c.code, label=c.label, status=c.status)
            for c in job.codes
        ],
    )


# -- routes ----------------------------------------------------------------------------------


def shortest_paths(
    dataset: Dataset,
    source: str,
    target: str,
    *,
    k: int = 3,
    objective: Objective = Objective.levels,
    avoid: Iterable[str] = (),
    via: str | None = None,
    max_hops: int | None = None,
    declared_only: bool = False,
    draws: int | None = None,
    seed: int | None = None,
    config: ModelConfig = DEFAULT_MODEL,
) -> PathsResult:
    """The ``k`` best distinct routes from ``source`` to ``target``.

    Each step is costed from the route's state: the source's levels, raised after every step to
    at least those of the job reached (:mod:`esante_cli.routes`). ``objective``: ``levels``
    (the model's cost, whose main part is the levels to climb), ``hops`` (fewest steps) or
    ``max-jump`` (smallest largest single jump); routes are sorted by it, then by cost, then by
    job ids. ``avoid``: jobs no route may visit; ``via``: a job every route passes through;
    ``max_hops``: at most this many steps; ``declared_only``: only the moves the card declares.
    The direct move is always a candidate. From a job to itself: one route of zero steps. No
    route within the constraints raises ``NoRouteError``. Each route carries its stability
    under ``draws`` random draws of the estimated levels (its rank among the routes the
    search found, k + 5 of them when there are estimates).
    """
    check_route_search(objective, k, max_hops)
    draws, seed = uncertainty(config, draws, seed)
    src, tgt = get_job(dataset, source), get_job(dataset, target)
    constraints = route_constraints(
        dataset, avoid, via, max_hops, declared_only, source=source, target=target
    )
    common: dict[str, Any] = {
        "data_version": dataset.version,
        "source": job_ref(src),
        "target": job_ref(tgt),
        "objective": Objective(objective),
        "k": k,
        "constraints": constraints,
        "draws": draws,
        "seed": seed,
        "model": config,
    }
    graph = mobility_graph(dataset, config)
    if source == target:
        return _route_to_itself(graph, src, via, draws, common)
    index = graph.matrix.index
    start = index[source]
    routes, exact = find_routes(
        dataset,
        graph,
        graph.table.state_of(start),
        start,
        index[target],
        k=k,
        objective=objective,
        avoid=[index[x] for x in constraints.avoid],
        via=None if via is None else index[via],
        max_hops=max_hops,
        declared_only=declared_only,
        draws=draws,
        seed=seed,
    )
    if not routes:
        raise NoRouteError(no_route_message(graph, source, target, constraints))
    if all(any(step.kind == "direct" for step in r.steps) for r in routes):
        check_same_component(graph, source, target)
    return PathsResult.model_construct(
        routes=routes,
        titles=route_titles(dataset, routes),
        exact=exact,
        uses_estimates=any(is_estimated(r.provenance) for r in routes),
        **common,
    )


def check_route_search(objective: str, k: int, max_hops: int | None) -> None:
    """Check the arguments every route search takes: its objective, ``k`` and ``max_hops``."""
    from ..limits import MAX_K

    check_choice("objective", objective, OBJECTIVES)
    check_positive("k", k)
    check_positive("max_hops", max_hops)
    if k > MAX_K:
        raise InputError(
            _("{name} doit valoir au plus {most}, reçu {value}").format(
                name="k", most=MAX_K, value=k
            )
        )


def route_constraints(
    dataset: Dataset,
    avoid: Iterable[str],
    via: str | None,
    max_hops: int | None,
    declared_only: bool,
    *,
    source: str | None,
    target: str,
) -> PathConstraints:
    """The constraints of a route search from ``source`` (a job id, or None for a person) to
    ``target``, checked: the jobs avoided and ``via`` exist, no end of the route is avoided,
    and ``via`` is not."""
    avoided = sorted(set(avoid))
    for x in avoided:
        get_job(dataset, x)
        if x in (source, target):
            message = (
                _("impossible d'éviter « {id} » : c'est le départ du chemin")
                if x == source
                else _("impossible d'éviter « {id} » : c'est l'arrivée du chemin")
            )
            raise OptionsError(message.format(id=x))
    if via is not None:
        get_job(dataset, via)
        if via in avoided:
            message = _("« {id} » ne peut pas être à la fois évité et traversé")
            raise OptionsError(message.format(id=via))
    return PathConstraints.model_construct(
        avoid=avoided, via=via, max_hops=max_hops, declared_only=declared_only
    )


def _route_to_itself(
    graph: MobilityGraph, job: Job, via: str | None, draws: int, common: dict[str, Any]
) -> PathsResult:
    """The one route from a job to itself: zero steps (none through another job ``via``)."""
    if via is not None and via != job.id:
        message = _(
            "aucun chemin de {source} à lui-même par {via} : un chemin passe une seule fois par "
            "un métier"
        )
        raise NoRouteError(message.format(source=job.id, via=via))
    prov = cast(Provenance, graph.matrix.job_provenance(graph.matrix.index[job.id]))
    trivial = Route.model_construct(
        jobs=[job.id],
        cost=0.0,
        hops=0,
        levels=0,
        max_jump=0,
        steps=[],
        provenance=prov,
        stability=1.0 if draws else None,
        cost_interval=[0.0, 0.0] if draws else None,
    )
    return PathsResult.model_construct(
        routes=[trivial],
        titles={job.id: job.title},
        exact=True,
        uses_estimates=is_estimated(prov),
        **common,
    )


def route_titles(dataset: Dataset, routes: Iterable[Route]) -> dict[str, str]:
    """The title of every job on the ``routes`` (by id; a person's node left out)."""
    on_route = sorted({x for r in routes for x in r.jobs} - {PROFILE_NODE})
    return {x: dataset.job(x).title for x in on_route}


def find_routes(
    dataset: Dataset,
    graph: MobilityGraph,
    state: Any,
    start: int,
    target: int,
    *,
    k: int,
    objective: Objective,
    avoid: Sequence[int],
    via: int | None,
    max_hops: int | None,
    declared_only: bool,
    draws: int,
    seed: int,
    person: Levels | None = None,
) -> tuple[list[Route], bool]:
    """The k best routes from ``start`` (a job index, or :data:`PERSON` with the person's
    ``person`` levels as ``state``) as :class:`Route` results, with their stability; and
    whether the search was exhaustive."""
    table = graph.table
    values = draw_levels(table, graph.config.uncertainty, draws, seed)
    estimates = values is not None and len(values) > 1
    pool = k + 5 if estimates else k  # the routes a draw may reorder
    found, exact = graph.search.routes(
        state,
        start,
        target,
        k=pool,
        objective=objective,
        banned=frozenset(avoid),
        via=via,
        max_hops=max_hops,
        declared_only=declared_only,
    )
    order = catalogue_order(dataset)
    stab: list[float] = []
    spans: list[list[float]] = []
    shown = found[:k]
    if values is not None and shown:
        stab, spans = _route_stability(graph, found, len(shown), start, state, objective, values)
    routes = []
    for n, r in enumerate(shown):
        steps = route_steps(dataset, graph, r, state, order, person)
        routes.append(
            Route.model_construct(
                jobs=[PROFILE_NODE if x == PERSON else graph.ids[x] for x in r.nodes],
                cost=from_units(r.units),
                hops=r.hops,
                levels=sum(s.parts.climb for s in steps),
                max_jump=max(s.parts.max_jump for s in steps),
                steps=steps,
                provenance=cast(Provenance, weakest(s.provenance for s in steps)),
                stability=stab[n] if stab else None,
                cost_interval=spans[n] if spans else None,
            )
        )
    return routes, exact


def _route_stability(
    graph: MobilityGraph,
    found: list[FoundRoute],
    shown: int,
    start: int,
    state: Any,
    objective: Objective,
    values: Any,
) -> tuple[list[float], list[list[float]]]:
    """Each shown route's stability and cost interval: every route found is costed again in
    every draw (same steps, from the same state rules), and ranked among them by the
    objective; a route keeps its place when it ranks as well as it does here, or better."""
    import numpy as np

    table = graph.table
    d = len(values)
    costs = np.zeros((d, len(found)), dtype=np.int64)
    hops = np.array([r.hops for r in found], dtype=np.int64)
    bneck = np.zeros((d, len(found)), dtype=np.int64)
    for c, r in enumerate(found):
        s = (
            np.broadcast_to(state, (d, len(table.competences)))
            if start == PERSON
            else table.state_of(start, values)
        )
        for a, b in pairwise(r.nodes):
            decl = bool(graph.declared[a, b]) if a >= 0 else False
            units, jump = move_to(table, s, b, graph.config, declared=decl, values=values)
            costs[:, c] += units
            bneck[:, c] = np.maximum(bneck[:, c], jump)
            s = table.reached(s, b, values)
    if objective == "hops":
        keys = hops[None, :] * (int(costs.max(initial=0)) + 1) + costs
    elif objective == "max-jump":
        keys = bneck * (int(costs.max(initial=0)) + 1) + costs
    else:
        keys = costs
    # the ranks of the routes as found (sorted by the objective, then cost, then ids)
    base = [
        (r.hops if objective == "hops" else r.max_jump if objective == "max-jump" else 0, r.units)
        for r in found
    ]
    ranks = competition_ranks(base)[:shown]
    eligible = np.ones((d, len(found)), dtype=bool)
    stab = kept_rank(keys, eligible, list(range(shown)), ranks)
    return stab, [interval(costs[:, c]) for c in range(shown)]


def route_steps(
    dataset: Dataset,
    graph: MobilityGraph,
    route: FoundRoute,
    state: Any,
    order: dict[str, int],
    person: Levels | None = None,
) -> list[Step]:
    """The steps of a route, each costed from the state the route holds before it: the start's
    levels (a job's, or the person's ``person`` levels), raised by every earlier step."""
    import numpy as np

    table, m = graph.table, graph.matrix
    comps = table.competences
    # what the state holds on each competence (None: nothing yet) and where it comes from
    start = person if person is not None else m.entries_of(route.nodes[0])
    held: list[tuple[int | None, str | None]] = [start.get(c, (None, None)) for c in comps]
    state = np.asarray(state, dtype=np.int16).copy()
    steps = []
    for a, b in pairwise(route.nodes):
        decl = graph.declared[a] if a >= 0 else None
        parts = moves_from(table, state, graph.config, declared=decl).parts(b)
        mob = graph.mobilities.get((a, b)) if a >= 0 else None
        kind: StepKind = (
            "declared" if parts.declared else "computed" if parts.computed else "direct"
        )
        cols, vals = table.row(b)
        need = dict(zip(cols.tolist(), vals.tolist()))
        current = {comps[c]: held[c] for c in need}
        target_levels = {comps[c]: (lv, m.provenance_of(b, c)) for c, lv in need.items()}
        rises = [it for it in _gap_items(dataset, current, target_levels) if it.delta > 0]
        kept = [
            KeptLevel.model_construct(
                id=comps[c],
                label=dataset.competence(comps[c]).label,
                level=int(state[c]),
                required=lv,
                provenance=cast(Provenance | None, held[c][1]),
                required_provenance=cast(Provenance, m.provenance_of(b, c)),
            )
            for c, lv in need.items()
            if int(state[c]) > lv
        ]
        used = [m.provenance_of(b, c) for c in need] + [held[c][1] for c in need]
        steps.append(
            Step.model_construct(
                source=PROFILE_NODE if a == PERSON else graph.ids[a],
                target=graph.ids[b],
                kind=kind,
                cost=parts.cost,
                parts=parts,
                rises=sorted(rises, key=lambda it: (-it.delta, order[it.id])),
                kept=sorted(kept, key=lambda x: order[x.id]),
                declared_direction=mob.direction if mob else None,
                ring=mob.ring if mob else None,
                declared_provenance=mob.provenance if mob else None,
                provenance=cast(Provenance, weakest(used)),
            )
        )
        for c, lv in need.items():
            if lv > state[c]:
                state[c] = lv
                held[c] = (lv, m.provenance_of(b, c))
    return steps


def no_route_message(
    graph: MobilityGraph,
    source: str,
    target: str,
    constraints: PathConstraints,
    start_state: Any = None,
    start_label: str | None = None,
) -> str:
    """Why no route was found: the constraints, and whether a route exists without them;
    ``start_label``: how to name the start (a person: "the profile")."""
    bits = []
    if constraints.max_hops is not None:
        n = constraints.max_hops
        bits.append(ngettext("au plus {n} étape", "au plus {n} étapes", n).format(n=n))
    if constraints.avoid:
        bits.append(_("en évitant {ids}").format(ids=", ".join(constraints.avoid)))
    if constraints.via is not None:
        bits.append(_("en passant par {id}").format(id=constraints.via))
    if constraints.declared_only:
        bits.append(_("par les seuls passages déclarés"))
    index = graph.matrix.index
    start = index.get(source, PERSON)
    state = graph.table.state_of(start) if start_state is None else start_state
    free, _found = graph.search.routes(state, start, index[target], k=1)
    hint = _(" ; sans ces contraintes, un chemin existe") if free else ""
    message = _(
        "aucun chemin depuis {source} vers {target} avec ces contraintes : {constraints}{hint}"
    )
    return message.format(
        source=start_label or source, target=target, constraints=", ".join(bits), hint=hint
    )


def check_same_component(graph: MobilityGraph, source: str, target: str) -> None:
    """Raise ``NoRouteError`` when no chain of moves links the two jobs, whichever way (they
    are in two connected components of the graph): the only route would be a move beyond
    every threshold, which is no advice. The message gives each component's size."""
    parts = graph.components
    index = graph.matrix.index
    i, j = index[source], index[target]
    if parts.labels[i] == parts.labels[j]:
        return
    message = _(
        "aucun chemin : {source} et {target} sont dans deux composantes séparées du graphe des "
        "passages ({source} : {a}, {target} : {b} ; {count} composantes en tout)"
    )
    size = lambda n: ngettext("{n} métier", "{n} métiers", n).format(n=n)
    raise NoRouteError(
        message.format(
            source=source,
            target=target,
            a=size(parts.size(i)),
            b=size(parts.size(j)),
            count=parts.count,
        )
    )


# -- helpers ---------------------------------------------------------------------------------


def get_job(dataset: Dataset, job_id: str) -> Job:
    try:
        return dataset.job(job_id)
    except KeyError:
        from ..names import job_resolver

        suggestions = job_resolver(dataset).suggest(job_id)
        hint = (
            _(" ; vouliez-vous dire : {names} ?").format(names=", ".join(suggestions))
            if suggestions
            else ""
        )
        message = _("métier inconnu « {query} »{hint}").format(query=job_id, hint=hint)
        raise UnknownNameError(message, suggestions) from None


def job_ref(job: Job) -> JobRef:
    return JobRef.model_construct(
        id=job.id, title=job.title, family=job.family.value if job.family else None
    )


def catalogue_order(dataset: Dataset) -> dict[str, int]:
    """Competence id -> its place in the catalogue (made once per dataset)."""
    return dataset.memo(
        "catalogue_order", lambda: {c.id: i for i, c in enumerate(dataset.competences)}
    )


def is_estimated(provenance: str | None) -> bool:
    return provenance in NEEDS_REASON


def check_choice(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        message = _("{name} doit être l'un de {values}, reçu {value}")
        raise InputError(message.format(name=name, values=", ".join(allowed), value=repr(value)))


def check_positive(name: str, value: int | None) -> None:
    if value is not None and (isinstance(value, bool) or value < 1):
        raise InputError(
            _("{name} doit valoir au moins 1, reçu {value}").format(name=name, value=repr(value))
        )
