"""Queries behind the pictures, exports and reports: a job's neighbourhood map, the whole
graph, the full cost matrix, and the printable report of a move.

Pure functions from a dataset (and a cost model) to typed results; they never print, draw or
write. Drawing and writing belong to ``render/`` and the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

from .. import __version__
from ..choices import Direction
from ..costmodel import BANDS, DEFAULT_MODEL, MAX_LEVEL, MOVES, CostParts, ModelConfig
from ..errors import InputError, NoRouteError
from ..graph import MobilityGraph, level_matrix, mobility_graph
from ..language import _
from ..levels import PROVENANCE_ORDER
from ..models import NEEDS_REASON, Provenance
from ..moves import block_moves
from ..results.mobility import KindFilter, Neighbour, NeighbourGroup
from ..results.visual import (
    MATRIX_KINDS,
    CardSummary,
    CostMatrix,
    GraphEdge,
    GraphNode,
    GraphResult,
    HighlightRole,
    MapNode,
    MatrixBlock,
    MatrixCell,
    MatrixStream,
    NeighbourhoodMap,
    PersonSummary,
    Report,
    Side,
)
from .mobility import competence_gap, get_job, job_ref, neighbours, shortest_paths

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..profiles import Profile
    from ..results.mobility import GapResult, PathsResult
    from ..results.people import JobMatch, MatchResult, ProfilePathsResult

__all__ = [
    "best_match",
    "card_summary",
    "cost_matrix",
    "matrix_stream",
    "neighbourhood_map",
    "pair_report",
    "person_report",
    "whole_graph",
]

BEST_MATCHES = 3  # closest jobs a person's report lists


def is_estimated(provenance: str | None) -> bool:
    return provenance in NEEDS_REASON


# -- the map -----------------------------------------------------------------------------------


def neighbourhood_map(
    dataset: Dataset,
    job_id: str,
    *,
    kind: KindFilter = KindFilter.all,
    top: int | None = None,
    highlight: str | None = None,
    highlight_role: HighlightRole = "start",
    include_downgrades: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> NeighbourhoodMap:
    """The jobs leading to ``job_id`` and those it leads to, in the order of
    :func:`~esante_cli.queries.mobility.neighbours` (by band, downgrades last within each,
    closest first), ready to draw: the OPIIEC chart's two sides, with our bands of closeness as
    its rings.

    ``kind`` and ``top`` filter as in :func:`~esante_cli.queries.mobility.neighbours`;
    ``highlight`` marks one job wherever it appears: a report's starting job, or a person's
    current job (``highlight_role`` "current"). A computed
    downgrade (a job that asks clearly less) is left off the picture unless
    ``include_downgrades``: it would sit nearest the centre as if it were the closest move; a
    move the card declares stays, labelled.
    """
    job = get_job(dataset, job_id)
    result = neighbours(
        dataset, job_id, direction=Direction.both, kind=kind, top=top, config=config
    )
    incoming, hidden_in = _map_nodes(result.incoming, "in", highlight, include_downgrades)
    outgoing, hidden_out = _map_nodes(result.outgoing, "out", highlight, include_downgrades)
    shown = {n.job.id for n in incoming + outgoing} | {job_id}
    others = [job_ref(j) for j in dataset.jobs if j.id not in shown]
    m = level_matrix(dataset)
    all_nodes = incoming + outgoing
    return NeighbourhoodMap(
        data_version=dataset.version,
        job=job_ref(job),
        job_provenance=cast(Provenance, m.job_provenance(m.index[job_id])),
        kind=kind,
        top=top,
        incoming=incoming,
        outgoing=outgoing,
        others=others,
        bands=config.bands,
        hidden_downgrades=hidden_in + hidden_out,
        highlight_role=highlight_role if highlight is not None else None,
        uses_estimates=any(n.estimated for n in all_nodes)
        or is_estimated(m.job_provenance(m.index[job_id])),
        uses_inferred=any(n.declared_provenance == "inferred" for n in all_nodes),
        mobility_note=job.card.mobility_note if job.card else None,
        model=config,
    )


def _map_nodes(
    groups: list[NeighbourGroup], side: Side, highlight: str | None, include_downgrades: bool
) -> tuple[list[MapNode], int]:
    """One side of the map: its neighbours (``groups``, in their order) as nodes, and how many
    computed downgrades were left off (all of them unless ``include_downgrades``)."""
    flat: list[Neighbour] = [n for g in groups for n in g.neighbours]
    hidden = 0
    if not include_downgrades:
        kept = [n for n in flat if n.move != "downgrade" or n.kind == "declared"]
        hidden = len(flat) - len(kept)
        flat = kept
    return [_map_node(n, side, highlight) for n in flat], hidden


def _map_node(n: Neighbour, side: Side, highlight: str | None) -> MapNode:
    """A neighbour as a node of the map, on ``side``, marked when it is the job ``highlight``."""
    return MapNode(
        job=n.job,
        side=side,
        kind=n.kind,
        also_computed=n.kind == "declared" and n.parts.computed,
        cost=n.cost,
        coverage=n.parts.coverage,
        band=n.band,
        move=n.move,
        parts=n.parts,
        reverse_cost=n.reverse_cost,
        declared_direction=n.declared_direction,
        ring=n.ring,
        declared_provenance=n.declared_provenance,
        provenance=n.provenance,
        estimated=is_estimated(n.provenance),
        highlight=n.job.id == highlight,
    )


# -- the whole graph ---------------------------------------------------------------------------


def whole_graph(
    dataset: Dataset, config: ModelConfig = DEFAULT_MODEL, *, declared_only: bool = False
) -> GraphResult:
    """Every job and every move of the graph with all their attributes, sorted by id: what
    ``esante export graph`` writes as GraphML, GEXF, JSON, DOT or Mermaid."""
    graph = MobilityGraph(dataset, config)
    m = graph.matrix
    levelled = {c.id for c in dataset.levelled_competences}
    nodes = []
    for i, job_id in enumerate(graph.ids):
        job = dataset.job(job_id)
        entries = [c for c in job.competences if c.id in levelled and c.expected_level is not None]
        card_levels = sum(1 for c in entries if c.provenance == "card")
        nodes.append(
            GraphNode(
                id=job_id,
                title=job.title,
                family=job.family.value if job.family else None,
                provenance=cast(Provenance, m.job_provenance(i)),
                has_card=job.card is not None,
                card_levels=card_levels,
                estimated_levels=len(entries) - card_levels,
            )
        )
    edges = []
    for e in graph.edge_list(declared_only):
        mob = e.mobility
        edges.append(
            GraphEdge(
                source=graph.ids[e.source],
                target=graph.ids[e.target],
                kind=e.kind,
                cost=e.parts.cost,
                band=config.bands.of(e.parts.coverage),
                parts=e.parts,
                also_computed=bool(mob is not None and e.parts.computed),
                direction=mob.direction if mob else None,
                ring=mob.ring if mob else None,
                provenance=mob.provenance if mob else None,
                levels_provenance=cast(Provenance, e.levels_provenance),
            )
        )
    return GraphResult(
        data_version=dataset.version,
        dataset_date=dataset.date,
        declared_only=declared_only,
        nodes=nodes,
        edges=edges,
        uses_estimates=any(is_estimated(e.levels_provenance) for e in edges)
        or any(is_estimated(n.provenance) for n in nodes),
        model=config,
    )


# -- the cost matrix ---------------------------------------------------------------------------


MATRIX_BLOCK_CELLS = 1_500_000  # pairs per block of the streamed matrix (about 200 MB of arrays)


def matrix_stream(
    dataset: Dataset, config: ModelConfig = DEFAULT_MODEL, *, block_cells: int = MATRIX_BLOCK_CELLS
) -> MatrixStream:
    """The cost of every ordered pair of jobs, edge or not, with its parts, band, kind and
    provenance, a block of source jobs at a time (for ``esante export matrix``)."""
    import numpy as np

    graph = mobility_graph(dataset, config)
    m = graph.matrix
    step = max(1, block_cells // max(1, m.n))
    estimated = [i for i, p in enumerate(PROVENANCE_ORDER) if is_estimated(p)]

    def blocks() -> Iterator[MatrixBlock]:
        for start in range(0, m.n, step):
            yield _matrix_block(graph, slice(start, min(m.n, start + step)))

    return MatrixStream(
        data_version=dataset.version,
        ids=list(graph.ids),
        titles={x: dataset.job(x).title for x in graph.ids},
        model=config,
        uses_estimates=m.n > 1 and bool(np.isin(m.codes, estimated).any()),
        blocks=blocks,
    )


def _matrix_block(graph: MobilityGraph, rows: slice) -> MatrixBlock:
    """The moves from the jobs ``rows`` to every job, with the same numbers as
    :class:`~esante_cli.costmodel.CostParts` (same operations, same rounding)."""
    import numpy as np

    config, m = graph.config, graph.matrix
    w = config.weights
    moves = block_moves(m, rows, config, declared=graph.declared[rows])
    climb, jump, unused = moves.climb, moves.max_jump, moves.unused
    compared = np.broadcast_to(moves.compared, climb.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = np.rint((1.0 - (climb + unused) / ((MAX_LEVEL - 1) * compared)) * 1000) / 1000
    similarity = np.where(compared > 0, np.maximum(0.0, raw), 0.0)
    weighted = np.rint((w.climb * climb + w.max_jump * jump + w.unused * unused) * 1000) / 1000
    coverage = moves.coverage / 1000
    band = np.where(
        coverage >= config.bands.proche, 0, np.where(coverage >= config.bands.accessible, 1, 2)
    )
    edge = graph.edge[rows]
    kind = np.where(edge & graph.declared[rows], 2, np.where(edge, 1, 0))
    parts = {
        "climb": climb,
        "max_jump": jump,
        "unused": unused,
        "blocking": moves.blocking,
        "compared": compared,
        "required": moves.required,
        "held": moves.required - climb,
        "coverage": coverage,
        "unused_share": moves.unused_share / 1000,
        "move": moves.move,
        "similarity": similarity,
        "declared": moves.declared,
        "computed": moves.computed,
        "weighted": weighted,
        "factor": np.where(moves.declared, w.declared_factor, 1.0),
        "hop_penalty": np.full(climb.shape, w.hop_penalty),
        "cost": moves.units / 1000,
    }
    return MatrixBlock(rows.start or 0, parts, band, kind, m.move_provenance_codes(rows))


def cost_matrix(dataset: Dataset, config: ModelConfig = DEFAULT_MODEL) -> CostMatrix:
    """The cost of every ordered pair of jobs, edge or not, with its parts and band, as one
    result (for library users and small datasets; exports stream :func:`matrix_stream`)."""
    stream = matrix_stream(dataset, config)
    ids = stream.ids
    cost: list[list[float]] = []
    cells = []
    for block in stream.blocks():
        columns = {f: block.parts[f].tolist() for f in CostParts.model_fields}
        for r in range(block.rows):
            i = block.start + r
            cost.append([0.0 if i == j else c for j, c in enumerate(columns["cost"][r])])
            for j, b in enumerate(ids):
                if i == j:
                    continue
                values = {f: columns[f][r][j] for f in columns}
                values["move"] = MOVES[values["move"]]
                parts = CostParts(**values)
                cells.append(
                    MatrixCell(
                        source=ids[i],
                        target=b,
                        cost=parts.cost,
                        band=BANDS[block.band[r, j]],
                        kind=MATRIX_KINDS[block.kind[r, j]],
                        parts=parts,
                        provenance=cast(Provenance, PROVENANCE_ORDER[block.provenance[r, j]]),
                    )
                )
    return CostMatrix(
        data_version=stream.data_version,
        ids=ids,
        titles=stream.titles,
        cost=cost,
        cells=cells,
        uses_estimates=stream.uses_estimates,
        model=config,
    )


# -- the report --------------------------------------------------------------------------------


def card_summary(dataset: Dataset, job_id: str) -> CardSummary:
    """What a report shows of a job: titles, purpose, missions, the card's address."""
    job = get_job(dataset, job_id)
    m = level_matrix(dataset)
    purpose, purpose_prov = None, None
    if job.card is not None:
        purpose, purpose_prov = job.card.purpose, "card"
    elif job.summary is not None:
        purpose, purpose_prov = job.summary.value, job.summary.provenance
    source = job.card.url if job.card else job.source.source
    return CardSummary(
        job=job_ref(job),
        other_titles_fr=list(job.other_titles.fr) if job.other_titles else [],
        other_titles_en=list(job.other_titles.en) if job.other_titles else [],
        purpose=purpose,
        purpose_provenance=cast(Provenance | None, purpose_prov),
        missions=[mission.title for mission in job.card.missions] if job.card else [],
        source=source,
        levels_provenance=cast(Provenance, m.job_provenance(m.index[job.id])),
    )


def pair_report(
    dataset: Dataset, source: str, target: str, *, k: int = 3, config: ModelConfig = DEFAULT_MODEL
) -> Report:
    """Everything a printed page about the move ``source`` -> ``target`` shows: the target's
    card summary, the competence gap with what to learn, the ``k`` best routes (None when no
    route exists) and the map of the target's neighbourhood with ``source`` highlighted."""
    if source == target:
        message = _("un rapport demande deux métiers différents, reçu « {id} » deux fois")
        raise InputError(message.format(id=source))
    gap = competence_gap(dataset, source, target, config)
    try:
        routes = shortest_paths(dataset, source, target, k=k, config=config)
    except NoRouteError:
        routes = None
    picture = neighbourhood_map(dataset, target, highlight=source, config=config)
    estimates, inferred = _report_marks(gap, routes, picture)
    return Report(
        data_version=dataset.version,
        subject=job_ref(dataset.job(source)),
        target=card_summary(dataset, target),
        source_card=card_summary(dataset, source),
        gap=gap,
        routes=routes,
        map=picture,
        uses_estimates=estimates,
        uses_inferred=inferred,
        tool_version=__version__,
        model=config,
    )


def _report_marks(
    gap: GapResult, routes: PathsResult | ProfilePathsResult | None, picture: NeighbourhoodMap
) -> tuple[bool, bool]:
    """Whether a report's gap, routes and map rest on estimated levels, and whether its map or
    routes use inferred moves."""
    steps = [s for r in routes.routes for s in r.steps] if routes else []
    estimates = (
        gap.uses_estimates
        or picture.uses_estimates
        or any(is_estimated(s.provenance) for s in steps)
    )
    inferred = picture.uses_inferred or any(s.declared_provenance == "inferred" for s in steps)
    return estimates, inferred


# -- a person's report -------------------------------------------------------------------------


def best_match(matches: MatchResult) -> JobMatch:
    """The job a person is closest to that is not their current job (the first of the
    ranking when the profile names no current job), a downgrade only when every other job is
    one."""
    others = [m for m in matches.matches if not m.current]
    for m in others:
        if m.move != "downgrade":
            return m
    if others:
        return others[0]
    raise InputError(_("aucun métier en dehors du métier actuel de la personne : donnez --target"))


def _closest(matches: list[JobMatch]) -> list[JobMatch]:
    """The closest jobs a report lists: progressions and lateral moves; downgrades only to
    fill the list when there are too few of those."""
    ahead = [m for m in matches if m.move != "downgrade"]
    return (ahead + [m for m in matches if m.move == "downgrade"])[:BEST_MATCHES]


def person_report(
    dataset: Dataset,
    profile: Profile,
    target: str | None = None,
    *,
    k: int = 3,
    anonymous: bool = False,
    alias: str | None = None,
    config: ModelConfig = DEFAULT_MODEL,
) -> Report:
    """Everything a printed page about a person shows: who they are and where they stand, the
    target's card summary, the gap from their own levels with what to learn, the ``k`` best
    routes from them (None when no route exists) and the map of the target's neighbourhood,
    their current job highlighted.

    ``target`` None: the person's best match (:func:`best_match`). ``anonymous`` leaves the
    name out; ``alias`` (e.g. "Personne 2", for a group) stands for it everywhere.
    """
    from ..queries.people import match_jobs, profile_gap, profile_paths

    if alias is not None:
        profile = profile.model_copy(update={"name": alias})
    anonymous_query = False if alias is not None else anonymous
    ranking = match_jobs(
        dataset,
        profile,
        include_downgrades=True,
        target=target,
        anonymous=anonymous_query,
        config=config,
    )
    chosen = _target_match(dataset, ranking, target)
    gap = profile_gap(dataset, profile, chosen.id, anonymous=anonymous_query, config=config)
    try:
        routes = profile_paths(
            dataset, profile, chosen.id, k=k, anonymous=anonymous_query, config=config
        )
    except NoRouteError:
        routes = None
    picture = neighbourhood_map(
        dataset, chosen.id, highlight=profile.current_job, highlight_role="current", config=config
    )
    person = _person_summary(
        dataset, profile, ranking, chosen, anonymous, alias, target_given=target is not None
    )
    estimates, inferred = _report_marks(gap, routes, picture)
    return Report(
        data_version=dataset.version,
        subject=gap.source,
        target=card_summary(dataset, chosen.id),
        source_card=None,
        person=person,
        gap=gap,
        routes=routes,
        map=picture,
        uses_estimates=estimates or any(is_estimated(m.provenance) for m in person.best_matches),
        uses_inferred=inferred,
        tool_version=__version__,
        model=config,
    )


def _target_match(dataset: Dataset, ranking: MatchResult, target: str | None) -> JobMatch:
    """The match of the job a person's report is about: ``target``, else the best match."""
    if target is None:
        return best_match(ranking)
    target = get_job(dataset, target).id
    return next(m for m in ranking.matches if m.id == target)


def _person_summary(
    dataset: Dataset,
    profile: Profile,
    ranking: MatchResult,
    chosen: JobMatch,
    anonymous: bool,
    alias: str | None,
    *,
    target_given: bool,
) -> PersonSummary:
    """Who the person is and where they stand, as a report shows it (``profile`` already
    bears the ``alias``, if any)."""
    unassessed = profile.unassessed(dataset)
    levelled = len(dataset.levelled_competences)
    return PersonSummary(
        name=None if anonymous and alias is None else profile.name,
        anonymous=anonymous or alias is not None,
        current_job=ranking.current_job,
        current_job_text=ranking.current_job_text,
        levels=ranking.levels,
        assessed=levelled - len(unassessed),
        levelled=levelled,
        unassessed=unassessed,
        unassessed_labels=[dataset.competence(c).label for c in unassessed],
        flat=profile.flat,
        flat_level=next(iter(profile.levels.values())) if profile.flat else None,
        target_choice="given" if target_given else "best_match",
        target_match=chosen,
        best_matches=_closest(ranking.matches),
    )
