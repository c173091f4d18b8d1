"""The model itself: its calibration on reference moves, and its validation table.

Reference moves are moves known to happen. On the bundled data they are the card's own twelve
(nine provenances, three evolutions, as :mod:`data/mobilites.json` declares them); on an
imported taxonomy without declared moves, every ordered pair of jobs of the same ISCO-08 unit
group (their ``family``), as in Nesta's Mapping Career Causeways. The bands follow Nesta's
rule: ``accessible`` is the references' mean coverage minus one standard deviation, ``proche``
their mean. The validation (:func:`check_model`) reports, for each reference, its band, the
rank of its target among the source's recommendations, its band when it is left out of the
calibration, and how much the recommendations move when our estimates do.
"""

from __future__ import annotations

import re
import statistics
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ..costmodel import MOVE_CODE, Bands, ModelConfig
from ..costmodel import Calibration as CalibrationInfo
from ..errors import InputError
from ..graph import level_matrix, mobility_graph
from ..language import _, ngettext
from ..levels import LevelMatrix
from ..models import Provenance
from ..moves import moves_from, pair_moves
from ..results.model import (
    Calibration,
    CheckedMove,
    ModelCheck,
    ReferenceKind,
    ReferenceMove,
    StabilityFigures,
)
from ..stability import draw_levels, rank_keys
from .mobility import recommend

if TYPE_CHECKING:
    from ..dataset import Dataset

_ISCO = re.compile(r"ISCO-08 (\d{4})")
TOP = 3  # the recommendations whose stability the check measures
MAX_GROUP_PAIRS = 200_000  # same-group references beyond this are sampled (seeded)
KINDS = ["provenance", "evolution", "same-group"]
MAX_CHECKED_JOBS = 500  # the stability figures re-rank every job once per draw


def reference_moves(dataset: Dataset) -> tuple[str, list[tuple[str, str, ReferenceKind]]]:
    """What the references are, and the (source, target, kind) of each."""
    if dataset.mobilities:
        moves = sorted(
            (m.source_job, m.target_job, cast(ReferenceKind, m.direction))
            for m in dataset.mobilities
        )
        provenances, evolutions = _count(moves, "provenance"), _count(moves, "evolution")
        return _(
            "les {n} mobilités déclarées du jeu de données ({provenances}, {evolutions})"
        ).format(
            n=len(moves),
            provenances=ngettext("{n} provenance", "{n} provenances", provenances).format(
                n=provenances
            ),
            evolutions=ngettext("{n} évolution", "{n} évolutions", evolutions).format(n=evolutions),
        ), moves
    groups: dict[str, list[str]] = {}
    for job in dataset.jobs:
        group = isco_group(job)
        if group is not None:
            groups.setdefault(group, []).append(job.id)
    same: ReferenceKind = "same-group"
    pairs = [(a, b, same) for ids in groups.values() for a in ids for b in ids if a != b]
    if len(pairs) > MAX_GROUP_PAIRS:
        pick = np.random.default_rng(0).choice(len(pairs), MAX_GROUP_PAIRS, replace=False)
        pairs = [pairs[i] for i in sorted(pick.tolist())]
    n_groups = sum(1 for g in groups.values() if len(g) > 1)
    return _("les {n} couples de métiers d'un même groupe ISCO-08 ({groups})").format(
        n=len(pairs), groups=ngettext("{n} groupe", "{n} groupes", n_groups).format(n=n_groups)
    ), sorted(pairs)


def isco_group(job: Any) -> str | None:
    """The ISCO-08 unit group of a job: in its family's name ("ISCO-08 2264") or, when the
    family is the group's label, in its source ("ESCO, groupe ISCO-08 2264")."""
    if job.family is None:
        return None
    for text in (job.family.value, job.family.source or ""):
        found = _ISCO.search(text)
        if found:
            return found.group(1)
    return None


def _count(moves: list[tuple[str, str, ReferenceKind]], kind: str) -> int:
    return sum(1 for m in moves if m[2] == kind)


def _coverages(
    dataset: Dataset, refs: list[tuple[str, str, ReferenceKind]], config: ModelConfig
) -> list[Any]:
    """The parts of each reference move, from the source job's own levels."""
    table = level_matrix(dataset)
    index = table.index
    declared = {(m.source_job, m.target_job) for m in dataset.mobilities}
    moves = pair_moves(
        table,
        np.array([index[a] for a, _, _ in refs]),
        np.array([index[b] for _, b, _ in refs]),
        config,
        declared=np.array([(a, b) in declared for a, b, _ in refs]),
    )
    return [moves.parts(p) for p in range(len(refs))]


def calibrate(dataset: Dataset, config: ModelConfig) -> Calibration:
    """The bands calibrated on the dataset's reference moves; ``model`` is ``config`` with
    them (and where they come from)."""
    what, refs = reference_moves(dataset)
    if len(refs) < 2:
        raise InputError(
            _(
                "la calibration demande au moins deux mobilités de référence : des mobilités "
                "déclarées, ou deux métiers d'un même groupe ISCO-08"
            )
        )
    parts = _coverages(dataset, refs, config)
    covs = [p.coverage for p in parts]
    mean, sd = statistics.fmean(covs), statistics.stdev(covs)
    bands = Bands(proche=round(mean, 3), accessible=round(max(0.0, mean - sd), 3))
    info = CalibrationInfo(references=what, count=len(refs), mean=round(mean, 3), sd=round(sd, 3))
    model = config.model_copy(update={"bands": bands, "calibration": info})
    m = level_matrix(dataset)
    moves = [
        ReferenceMove(
            source=a,
            target=b,
            kind=kind,
            coverage=p.coverage,
            unused_share=p.unused_share,
            band=bands.of(p.coverage),
            move=p.move,
            cost=p.cost,
            provenance=cast(Provenance, m.move_provenance(m.index[a], m.index[b])),
        )
        for (a, b, kind), p in zip(refs, parts)
    ]
    moves.sort(key=lambda r: (KINDS.index(r.kind), -r.coverage, r.source, r.target))
    return Calibration(
        data_version=dataset.version,
        references=what,
        moves=moves,
        count=len(moves),
        mean=info.mean,
        sd=info.sd,
        proche=bands.proche,
        accessible=bands.accessible,
        in_closer_bands=sum(1 for r in moves if r.band != "lointaine"),
        titles=_titles(dataset, refs),
        model=model,
    )


def _titles(dataset: Dataset, refs: list[tuple[str, str, ReferenceKind]]) -> dict[str, str]:
    return {x: dataset.job(x).title for a, b, _ in refs for x in (a, b)}


def check_model(
    dataset: Dataset, config: ModelConfig, *, draws: int | None = None, seed: int | None = None
) -> ModelCheck:
    """The validation table of ``config`` on the dataset (see the module's docstring)."""
    from .mobility import uncertainty

    draws, seed = uncertainty(config, draws, seed)
    what, refs = reference_moves(dataset)
    parts = _coverages(dataset, refs, config)
    covs = [p.coverage for p in parts]
    rows = []
    left_closer = 0
    rankings: dict[str, Any] = {}
    for n, ((a, b, kind), p) in enumerate(zip(refs, parts)):
        if a not in rankings:
            rankings[a] = recommend(
                dataset,
                a,
                top=len(dataset.jobs),
                all_jobs=True,
                include_downgrades=True,
                draws=draws,
                seed=seed,
                config=config,
            )
        item = next(it for it in rankings[a].items if it.job.id == b)
        others = covs[:n] + covs[n + 1 :]
        if len(others) >= 2:
            mean, sd = statistics.fmean(others), statistics.stdev(others)
            alone = Bands(proche=round(mean, 3), accessible=round(max(0.0, mean - sd), 3))
        else:
            alone = config.bands
        band_out = alone.of(p.coverage)
        left_closer += band_out != "lointaine"
        rows.append(
            CheckedMove(
                source=a,
                target=b,
                kind=kind,
                coverage=p.coverage,
                band=config.bands.of(p.coverage),
                move=p.move,
                rank=item.rank,
                of=len(rankings[a].items),
                stability=item.stability,
                band_left_out=band_out,
            )
        )
    rows.sort(key=lambda r: (KINDS.index(r.kind), -r.coverage, r.source, r.target))
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        counts = by_kind.setdefault(r.kind, [0, 0])
        counts[0] += r.band != "lointaine"
        counts[1] += 1
    return ModelCheck(
        data_version=dataset.version,
        references=what,
        moves=rows,
        by_kind=by_kind,
        left_out_closer=left_closer,
        stability=_stability(dataset, config, draws, seed),
        titles=_titles(dataset, refs),
        model=config,
    )


def _stability(dataset: Dataset, config: ModelConfig, draws: int, seed: int) -> StabilityFigures:
    """How often the top-3 recommendations of every job survive the random draws, and how
    often a single estimate moved by one level changes some job's top 3."""
    table = level_matrix(dataset)
    declared = mobility_graph(dataset, config).declared
    n_est = int(table.estimated.sum())
    values = draw_levels(table, config.uncertainty, draws, seed)
    kept = None
    # one pass over the jobs per row of levels: bounded to datasets of card size
    small = table.n <= MAX_CHECKED_JOBS
    if values is not None and small:
        kept = float(np.mean(_top_sets_kept(table, values, config, declared)))
    singles = _single_changes(table)
    single_share = None
    if singles is not None and len(singles) and small:
        changed = ~_top_sets_kept(table, singles, config, declared).all(axis=0)
        single_share = round(float(changed.mean()), 3)
    return StabilityFigures(
        estimated_levels=n_est,
        levels=len(table.values),
        draws=draws,
        seed=seed,
        share=config.uncertainty.share,
        top3_kept=None if kept is None else round(kept, 3),
        single_changes=0 if singles is None else len(singles),
        single_changes_top3=single_share,
    )


def _top_sets(
    table: LevelMatrix, values: np.ndarray | None, config: ModelConfig, declared: np.ndarray
) -> list[Any]:
    """For each job, its top-3 recommendation set under each row of ``values`` (or the data's
    own levels): (draws, jobs) of frozensets, as recommend ranks them by default."""
    out = []
    for i in range(table.n):
        if values is None:
            mv = moves_from(table, table.state_of(i), config, declared=declared[i])
            keys, elig = _keys(mv, i)
            out.append([_top(keys, elig)])
        else:
            mv = moves_from(
                table, table.state_of(i, values), config, declared=declared[i], values=values
            )
            keys, elig = _keys(mv, i)
            out.append([_top(keys[d], elig[d]) for d in range(len(values))])
    return out


def _keys(mv: Any, i: int) -> tuple[np.ndarray, np.ndarray]:
    down = mv.move == MOVE_CODE["downgrade"]
    elig = (mv.declared | mv.computed) & ~down
    elig = np.array(elig, copy=True)
    elig[..., i] = False
    return rank_keys(down, mv.coverage, mv.units), elig


def _top(keys: np.ndarray, eligible: np.ndarray) -> frozenset[int]:
    order = sorted(np.flatnonzero(eligible).tolist(), key=lambda j: (int(keys[j]), j))
    return frozenset(order[:TOP])


def _top_sets_kept(
    table: LevelMatrix, values: np.ndarray, config: ModelConfig, declared: np.ndarray
) -> np.ndarray:
    """(jobs, draws) bool: the job's top-3 set is the same as on the data's own levels."""
    base = _top_sets(table, None, config, declared)
    drawn = _top_sets(table, values, config, declared)
    return np.array([[s == base[i][0] for s in drawn[i]] for i in range(table.n)])


def _single_changes(table: LevelMatrix) -> np.ndarray | None:
    """Every way to move one estimated level by one (within 1-4), as rows of levels."""
    est = np.flatnonzero(table.estimated)
    rows = []
    for e in est.tolist():
        for step in (-1, 1):
            level = int(table.values[e]) + step
            if 1 <= level <= 4:
                row = table.values.astype(np.int16).copy()
                row[e] = level
                rows.append(row)
    return np.array(rows, dtype=np.int16) if rows else None
