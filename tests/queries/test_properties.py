"""Invariants of the cost model and the queries, on random small datasets built in memory."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli.costmodel import (
    DEFAULT_MODEL,
    ModelConfig,
    pair_units,
    transition,
    transition_arrays,
)
from esante_cli.dataset import Dataset
from esante_cli.errors import NoRouteError
from esante_cli.graph import build_graph
from esante_cli.models import MetierFile, MobilitesFile
from esante_cli.queries.mobility import (
    compare_jobs,
    competence_gap,
    recommend,
    shortest_paths,
)

FAST = settings(max_examples=50, deadline=None)
NAMES = ["ana", "bob", "cyd", "dan", "eve", "fay", "gus"]
ABSENT = -1  # the job has no entry at all for the competence


def make_dataset(ids, levels, provenances, declared, n_comps) -> Dataset:
    comps = [{"id": f"c{k}", "label": f"C{k}", "levels": [f"c{k} niveau {lv}" for lv in range(1, 5)]}
             for k in range(n_comps)]
    jobs = []
    for job_id, row, prov in zip(ids, levels, provenances):
        entries = []
        for k, lv in enumerate(row):
            if lv == ABSENT:
                continue
            entry = {"id": f"c{k}", "expected_level": lv, "provenance": prov}
            if prov == "estimate":
                entry["reason"] = "test"
            entries.append(entry)
        jobs.append({"id": job_id, "title": job_id.title(), "source": {"provenance": "card"},
                     "competences": entries})
    metier = MetierFile.model_validate({
        "dataset": {"version": "prop", "date": "2026-01-01"}, "competences": comps, "jobs": jobs,
    })
    mobs = MobilitesFile.model_validate({"mobilities": [
        {"from": ids[a], "to": ids[b], "declared_by": ids[a], "direction": "evolution",
         "provenance": "card"} for a, b in declared
    ]})
    return Dataset(Path("."), metier, mobs, {j.id: j for j in metier.jobs},
                   {c.id: c for c in metier.competences})


@st.composite
def datasets(draw, min_jobs: int = 2, max_jobs: int = 6) -> Dataset:
    n = draw(st.integers(min_jobs, max_jobs))
    n_comps = draw(st.sampled_from([3, 2, 1]))
    ids = draw(st.permutations(NAMES))[:n]  # listed out of id order on purpose
    # "near" profiles make dense graphs with many routes; "far" ones sparse graphs, nulls.
    near = draw(st.booleans())
    level = st.sampled_from([2, 3, 2, 3, 2, 3, 1, None] if near else [1, 2, 3, 4, 1, 2, 3, 4, None, ABSENT])
    levels = draw(st.lists(st.lists(level, min_size=n_comps, max_size=n_comps),
                           min_size=n, max_size=n))
    provenances = draw(st.lists(st.sampled_from(["card", "estimate"]), min_size=n, max_size=n))
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    declared = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8))
    return make_dataset(ids, levels, provenances, declared, n_comps)


configs = st.builds(
    lambda climb, jump, unused, factor, hop, sim, mj, bd: ModelConfig(
        weights={"climb": climb, "max_jump": jump, "unused": unused,
                 "declared_factor": factor, "hop_penalty": hop},
        thresholds={"min_similarity": sim, "max_jump": mj, "blocking_deficit": bd},
    ),
    st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.sampled_from([0.0, 0.1, 0.3]),
    st.sampled_from([0.5, 0.75, 1.0, 1.5]),
    st.sampled_from([0.01, 0.5, 1.0]),
    st.sampled_from([0.0, 0.5, 0.75, 0.0, 0.5, 1.0]),
    st.sampled_from([2, 3, 4, 0, 1]),
    st.integers(1, 4),
)


def levels_of(dataset: Dataset, job_id: str) -> dict[str, int | None]:
    job = dataset.job(job_id)
    out: dict[str, int | None] = {}
    for comp in dataset.levelled_competences:
        entry = job.level(comp.id)
        out[comp.id] = entry.expected_level if entry else None
    return out


def expected_cost(src: dict, tgt: dict, declared: bool, config: ModelConfig) -> float:
    """The formula of docs/model.md, written out independently of the library."""
    climb = jump = unused = 0
    for comp, t in tgt.items():
        if t is None:
            continue
        s = src.get(comp) or 0
        climb += max(0, t - s)
        unused += max(0, s - t)
        jump = max(jump, t - s)
    w = config.weights
    raw = (w.climb * climb + w.max_jump * jump + w.unused * unused) * (
        w.declared_factor if declared else 1.0) + w.hop_penalty
    return round(raw * 1000) / 1000


def declared_pairs(dataset: Dataset) -> set[tuple[str, str]]:
    return {(m.source_job, m.target_job) for m in dataset.mobilities}


def brute_force_keys(graph: nx.DiGraph, source: str, target: str, objective: str,
                     avoid: list[str], max_hops: int | None, via: str | None = None) -> list[tuple]:
    """The sort keys (without ids) of every simple route meeting the constraints."""
    keys = []
    for path in nx.all_simple_paths(graph, source, target):
        if any(x in avoid for x in path) or (max_hops is not None and len(path) - 1 > max_hops):
            continue
        if via is not None and via not in path:
            continue
        edges = [graph.edges[a, b] for a, b in pairwise(path)]
        units = sum(round(e["cost"] * 1000) for e in edges)
        jump = max(e["parts"]["max_jump"] for e in edges)
        keys.append({"levels": (units,), "hops": (len(path) - 1, units),
                     "max-jump": (jump, units)}[objective])
    return sorted(keys)


def route_key(route, objective: str) -> tuple:
    units = round(route.cost * 1000)
    return {"levels": (units,), "hops": (route.hops, units),
            "max-jump": (route.max_jump, units)}[objective]


@st.composite
def path_questions(draw):
    dataset = draw(datasets(min_jobs=3, max_jobs=6))
    ids = sorted(dataset.jobs_by_id)
    source, target = draw(st.permutations(ids))[:2]
    if draw(st.sampled_from([False] * 9 + [True])):
        target = source
    others = [x for x in ids if x not in (source, target)]
    avoid = []
    if others and draw(st.integers(0, 2)) == 0:
        avoid = draw(st.lists(st.sampled_from(others), unique=True, min_size=1, max_size=2))
    return {
        "dataset": dataset,
        "source": source,
        "target": target,
        "k": draw(st.sampled_from([3, 4, 2, 1])),
        "objective": draw(st.sampled_from(["levels", "hops", "max-jump"])),
        "avoid": avoid,
        "max_hops": draw(st.sampled_from([None, None, 3, 2, 1, 4])),
        "declared_only": draw(st.integers(0, 3)) == 0,
        "config": draw(configs),
    }


@FAST
@given(path_questions())
def test_routes_are_the_k_best_and_well_formed(q):
    """Routes run FROM to TO, cost the sum of their steps, are distinct, sorted and the k best,
    and keep to avoid and max_hops."""
    dataset, source, target = q.pop("dataset"), q["source"], q["target"]
    graph = build_graph(dataset, q["config"], declared_only=q["declared_only"])
    try:
        result = shortest_paths(dataset, **q)
    except NoRouteError:
        assert source != target
        assert brute_force_keys(graph, source, target, q["objective"], q["avoid"],
                                q["max_hops"]) == []
        return
    routes = result.routes
    if source == target:
        assert [(r.jobs, r.cost, r.steps) for r in routes] == [([source], 0.0, [])]
        return
    for r in routes:
        assert r.jobs[0] == source and r.jobs[-1] == target
        assert len(set(r.jobs)) == len(r.jobs)
        assert [s.source for s in r.steps] == r.jobs[:-1]
        assert [s.target for s in r.steps] == r.jobs[1:]
        assert r.cost == round(sum(s.cost for s in r.steps), 3)
        assert r.hops == len(r.steps)
        assert r.levels == sum(s.parts.climb for s in r.steps)
        assert not set(r.jobs) & set(q["avoid"])
        if q["max_hops"] is not None:
            assert r.hops <= q["max_hops"]
        for s in r.steps:
            edge = graph.edges[s.source, s.target]
            assert (edge["kind"], edge["cost"]) == (s.kind, s.cost)
    assert len({tuple(r.jobs) for r in routes}) == len(routes)
    full_keys = [route_key(r, q["objective"]) + (r.jobs,) for r in routes]
    assert full_keys == sorted(full_keys)
    best = brute_force_keys(graph, source, target, q["objective"], q["avoid"], q["max_hops"])
    assert [route_key(r, q["objective"]) for r in routes] == best[: q["k"]]


@FAST
@given(datasets(min_jobs=3, max_jobs=7), st.data())
def test_via_routes_are_the_k_best_through_via(dataset, data):
    """Every route found through VIA visits VIA between FROM and TO, and they are the k best
    such routes (checked against every simple route)."""
    ids = sorted(dataset.jobs_by_id)
    source, target, via = data.draw(st.permutations(ids))[:3]
    objective = data.draw(st.sampled_from(["levels", "hops", "max-jump"]))
    max_hops = data.draw(st.sampled_from([None, None, 2, 3, 4]))
    k = data.draw(st.sampled_from([1, 2, 3, 5]))
    config = data.draw(st.sampled_from([DEFAULT_MODEL]) | configs)
    graph = build_graph(dataset, config)
    best = brute_force_keys(graph, source, target, objective, [], max_hops, via=via)
    try:
        result = shortest_paths(dataset, source, target, k=k, via=via, objective=objective,
                                max_hops=max_hops, config=config)
    except NoRouteError:
        assert best == []
        return
    for r in result.routes:
        assert via in r.jobs[1:-1]
        assert len(set(r.jobs)) == len(r.jobs)
    assert [route_key(r, objective) for r in result.routes] == best[:k]


@FAST
@given(datasets(), configs, st.data())
def test_costs_follow_the_formula_both_ways(dataset, config, data):
    """Cost A -> B and B -> A are each positive and follow the formula, in every query."""
    ids = sorted(dataset.jobs_by_id)
    a, b = data.draw(st.permutations(ids))[:2]
    declared = declared_pairs(dataset)
    la, lb = levels_of(dataset, a), levels_of(dataset, b)
    there = expected_cost(la, lb, (a, b) in declared, config)
    back = expected_cost(lb, la, (b, a) in declared, config)
    assert there > 0 and back > 0
    pairs = {(p.source, p.target): p.cost for p in compare_jobs(dataset, [a, b], config).pairs}
    assert pairs == {(a, b): there, (b, a): back}
    recs = {r.job.id: (r.cost, r.reverse_cost)
            for r in recommend(dataset, a, top=10, all_jobs=True, config=config).items}
    assert recs[b] == (there, back)
    gap = competence_gap(dataset, a, b, config)
    assert gap.transition.cost == there
    assert gap.total_levels == gap.transition.climb
    parts = gap.transition
    assert min(parts.climb, parts.max_jump, parts.unused, parts.blocking) >= 0
    assert 0.0 <= parts.similarity <= 1.0


@FAST
@given(datasets(max_jobs=4))
def test_gap_to_itself_has_no_deficit(dataset):
    """A job's gap to itself climbs nothing and lists no strength."""
    for job_id in dataset.jobs_by_id:
        gap = competence_gap(dataset, job_id, job_id)
        assert gap.total_levels == 0 and gap.to_raise == 0 and gap.max_jump == 0
        assert all(item.delta == 0 or item.current is None for item in gap.items)
        assert gap.strengths == []


@FAST
@given(
    st.lists(st.lists(st.sampled_from([1, 2, 3, 4, None]), min_size=3, max_size=3),
             min_size=1, max_size=6),
    configs,
    st.integers(1, 4),
)
def test_vectorised_costs_equal_scalar(rows, config, chunk):
    """transition_arrays and pair_units agree with transition on every pair."""
    levels = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    n = len(rows)
    declared = np.arange(n * n).reshape(n, n) % 3 == 0
    arrays = transition_arrays(levels, levels, declared, config)
    lean = pair_units(levels, declared, config, chunk=chunk)
    for i in range(n):
        for j in range(n):
            src = dict(enumerate(rows[i]))
            tgt = dict(enumerate(rows[j]))
            parts = transition(src, tgt, declared=bool(declared[i, j]), config=config)
            assert arrays.parts(i, j) == parts
            assert (lean.units[i, j], lean.computed[i, j], lean.max_jump[i, j]) == (
                round(parts.cost * 1000), parts.computed, parts.max_jump)


@FAST
@given(datasets(min_jobs=2, max_jobs=5), st.randoms(use_true_random=False), st.data())
def test_shuffled_dataset_same_routes(dataset, rnd, data):
    """The order of jobs and mobilities in the files changes no route."""
    jobs, mobs = list(dataset.metier.jobs), list(dataset.mobilites.mobilities)
    rnd.shuffle(jobs)
    rnd.shuffle(mobs)
    other = Dataset(dataset.path, dataset.metier.model_copy(update={"jobs": jobs}),
                    dataset.mobilites.model_copy(update={"mobilities": mobs}),
                    dataset.jobs_by_id, dataset.competences_by_id)
    ids = sorted(dataset.jobs_by_id)
    source, target = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))

    def run(ds):
        try:
            result = shortest_paths(ds, source, target, k=3)
        except NoRouteError as exc:
            return str(exc)
        return json.dumps(result.model_dump(mode="json", by_alias=True), sort_keys=True)

    assert run(dataset) == run(other)


def test_via_on_the_bundled_data_matches_every_simple_route():
    """On the real data, the routes through VIA are the k best of all simple routes through it
    (a case where the best routes' first legs are not among the k best first legs)."""
    from esante_cli.dataset import load_dataset

    dataset = load_dataset()
    graph = build_graph(dataset, DEFAULT_MODEL)
    source, target, via = "architecte-iot", "data-engineer", "expert-en-intelligence-artificielle"
    result = shortest_paths(dataset, source, target, k=3, via=via, max_hops=5)
    best = brute_force_keys(graph, source, target, "levels", [], 5, via=via)
    assert [route_key(r, "levels") for r in result.routes] == best[:3]
    assert all(via in r.jobs for r in result.routes)
