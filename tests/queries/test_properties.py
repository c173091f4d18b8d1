"""Invariants of the cost model and the queries, on random small datasets built in memory."""

from __future__ import annotations

import json
from itertools import pairwise, permutations
from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli.costmodel import DEFAULT_MODEL, ModelConfig, transition
from esante_cli.dataset import Dataset
from esante_cli.errors import NoRouteError
from esante_cli.graph import build_graph
from esante_cli.models import MetierFile, MobilitesFile
from esante_cli.queries.mobility import compare_jobs, competence_gap, recommend, shortest_paths

FAST = settings(max_examples=50, deadline=None)
NAMES = ["ana", "bob", "cyd", "dan", "eve", "fay", "gus"]
ABSENT = -1  # the job has no entry at all for the competence


def make_dataset(ids, levels, provenances, declared, n_comps) -> Dataset:
    comps = [
        {"id": f"c{k}", "label": f"C{k}", "levels": [f"c{k} niveau {lv}" for lv in range(1, 5)]}
        for k in range(n_comps)
    ]
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
        jobs.append(
            {
                "id": job_id,
                "title": job_id.title(),
                "source": {"provenance": "card"},
                "competences": entries,
            }
        )
    metier = MetierFile.model_validate(
        {"dataset": {"version": "prop", "date": "2026-01-01"}, "competences": comps, "jobs": jobs}
    )
    mobs = MobilitesFile.model_validate(
        {
            "mobilities": [
                {
                    "from": ids[a],
                    "to": ids[b],
                    "declared_by": ids[a],
                    "direction": "evolution",
                    "provenance": "card",
                }
                for a, b in declared
            ]
        }
    )
    return Dataset(
        Path("."),
        metier,
        mobs,
        {j.id: j for j in metier.jobs},
        {c.id: c for c in metier.competences},
    )


@st.composite
def datasets(draw, min_jobs: int = 2, max_jobs: int = 6) -> Dataset:
    n = draw(st.integers(min_jobs, max_jobs))
    n_comps = draw(st.sampled_from([3, 2, 1]))
    ids = draw(st.permutations(NAMES))[:n]  # listed out of id order on purpose
    # "near" profiles make dense graphs with many routes; "far" ones sparse graphs, nulls.
    near = draw(st.booleans())
    level = st.sampled_from(
        [2, 3, 2, 3, 2, 3, 1, None] if near else [1, 2, 3, 4, 1, 2, 3, 4, None, ABSENT]
    )
    levels = draw(
        st.lists(st.lists(level, min_size=n_comps, max_size=n_comps), min_size=n, max_size=n)
    )
    provenances = draw(st.lists(st.sampled_from(["card", "estimate"]), min_size=n, max_size=n))
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    declared = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8))
    return make_dataset(ids, levels, provenances, declared, n_comps)


configs = st.builds(
    lambda climb, jump, unused, factor, hop, acc, mj, bd, margin, detour: ModelConfig(
        weights={
            "climb": climb,
            "max_jump": jump,
            "unused": unused,
            "declared_factor": factor,
            "hop_penalty": hop,
        },
        thresholds={
            "max_jump": mj,
            "blocking_deficit": bd,
            "downgrade_margin": margin,
            "max_detour": detour,
        },
        bands={"proche": max(acc, 0.7), "accessible": acc},
    ),
    st.sampled_from([0.0, 0.5, 1.0, 2.0]),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.sampled_from([0.0, 0.1, 0.3]),
    st.sampled_from([0.5, 0.75, 1.0, 1.5]),
    st.sampled_from([0.01, 0.5, 1.0]),
    st.sampled_from([0.0, 0.5, 0.561, 0.0, 0.4, 1.0]),
    st.sampled_from([2, 3, 4, 0, 1]),
    st.integers(1, 4),
    st.sampled_from([0.15, 0.0, 0.3]),
    st.sampled_from([1.5, 1.0, 3.0, 100.0]),
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
        w.declared_factor if declared else 1.0
    ) + w.hop_penalty
    return round(raw * 1000) / 1000


def declared_pairs(dataset: Dataset) -> set[tuple[str, str]]:
    return {(m.source_job, m.target_job) for m in dataset.mobilities}


def _state_cost(state: dict, tgt: dict, declared: bool, config: ModelConfig) -> tuple:
    """(cost in thousandths, max jump, computed, levels gained towards ``goal``) of a move from
    a state, written out independently of the library."""
    climb = jump = unused = required = 0
    for comp, t in tgt.items():
        if t is None:
            continue
        s = state.get(comp) or 0
        required += t
        climb += max(0, t - s)
        unused += max(0, s - t)
        jump = max(jump, t - s)
    w, th = config.weights, config.thresholds
    raw = (w.climb * climb + w.max_jump * jump + w.unused * unused) * (
        w.declared_factor if declared else 1.0
    ) + w.hop_penalty
    coverage = round((required - climb) / required * 1000) if required else 0
    computed = (
        required > 0 and coverage >= round(config.bands.accessible * 1000) and jump <= th.max_jump
    )
    return round(raw * 1000), jump, computed


def _gain(state: dict, job: dict, goal: dict) -> int:
    """How many of the goal's required levels a move to ``job`` adds to the state."""
    total = 0
    for comp, need in goal.items():
        if need is None:
            continue
        now = min(state.get(comp) or 0, need)
        after = min(max(state.get(comp) or 0, job.get(comp) or 0), need)
        total += after - now
    return total


def brute_force_keys(
    dataset: Dataset,
    source: str,
    target: str,
    objective: str,
    avoid: list[str],
    max_hops: int | None,
    via: str | None = None,
    config: ModelConfig = DEFAULT_MODEL,
    declared_only: bool = False,
    start: dict | None = None,
) -> list[tuple]:
    """The sort keys (without ids) of every simple route the rules allow, found by trying
    every ordering of every set of jobs on the way: each step costed from the route's state
    (the start's levels raised by every job reached), allowed when declared (from the job
    left), computed from the state, or the direct move; every job on the way adds a level the
    target asks for (the via job excepted, before it is reached); no route costs more than
    max_detour times the direct move."""
    declared = declared_pairs(dataset)
    ids = sorted(dataset.jobs_by_id)
    levels = {x: levels_of(dataset, x) for x in ids}
    goal = levels[target]
    state0 = dict(start if start is not None else levels[source])
    middle = [x for x in ids if x not in (source, target) and x not in avoid]
    if via is None:
        straight = _state_cost(
            state0, goal, start is None and (source, target) in declared, config
        )[0]
    else:  # start -> via -> target, two direct moves
        straight = _state_cost(
            state0, levels[via], start is None and (source, via) in declared, config
        )[0]
        raised = {c: max(state0.get(c) or 0, levels[via].get(c) or 0) for c in levels[via]}
        raised = {**state0, **raised}
        straight += _state_cost(raised, goal, (via, target) in declared, config)[0]
    cap = int(straight * config.thresholds.max_detour)  # no route beyond this cost
    if declared_only:  # the card's moves, whatever they cost
        cap = 2**62
    keys = []
    for n in range(len(middle) + 1):
        for way in permutations(middle, n):
            path = [source, *way, target]
            if max_hops is not None and len(path) - 1 > max_hops:
                continue
            if via is not None and via not in way:
                continue
            state, units, bneck, ok = dict(state0), 0, 0, True
            seen_via = via is None
            for i, (a, b) in enumerate(pairwise(path)):
                decl = (a, b) in declared and start is None or (a, b) in declared and i > 0
                cost, jump, computed = _state_cost(state, levels[b], decl, config)
                direct = i == 0 and b == target
                allowed = decl if declared_only else (decl or computed or direct)
                useful = (
                    b == target or (b == via and not seen_via) or _gain(state, levels[b], goal) > 0
                )
                if not (allowed and useful):
                    ok = False
                    break
                seen_via = seen_via or b == via
                units += cost
                bneck = max(bneck, jump)
                for comp, lv in levels[b].items():
                    if lv is not None and lv > (state.get(comp) or 0):
                        state[comp] = lv
            if ok and units <= cap:
                keys.append(
                    {
                        "levels": (units,),
                        "hops": (len(path) - 1, units),
                        "max-jump": (bneck, units),
                    }[objective]
                )
    return sorted(keys)


def route_key(route, objective: str) -> tuple:
    units = round(route.cost * 1000)
    return {"levels": (units,), "hops": (route.hops, units), "max-jump": (route.max_jump, units)}[
        objective
    ]


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
    """Routes run FROM to TO, cost the sum of their steps, are distinct, sorted and the k best
    of every route the rules allow (found by brute force), and keep to avoid and max_hops."""
    dataset, source, target = q.pop("dataset"), q["source"], q["target"]
    try:
        result = shortest_paths(dataset, **q, draws=0)
    except NoRouteError:
        assert source != target
        g = build_graph(dataset, q["config"])
        if not nx.has_path(g.to_undirected(as_view=True), source, target):
            return  # two components: no chain of moves, and said so (issue 12)
        assert (
            brute_force_keys(
                dataset,
                source,
                target,
                q["objective"],
                q["avoid"],
                q["max_hops"],
                config=q["config"],
                declared_only=q["declared_only"],
            )
            == []
        )
        return
    routes = result.routes
    if source == target:
        assert [(r.jobs, r.cost, r.steps) for r in routes] == [([source], 0.0, [])]
        return
    graph = build_graph(dataset, q["config"])
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
        for n, s in enumerate(r.steps):
            if s.kind == "direct":
                assert n == 0 and s.target == target and not graph.has_edge(s.source, s.target)
            elif s.kind == "declared":
                assert (s.source, s.target) in declared_pairs(dataset)
    assert len({tuple(r.jobs) for r in routes}) == len(routes)
    full_keys = [route_key(r, q["objective"]) + (r.jobs,) for r in routes]
    assert full_keys == sorted(full_keys)
    best = brute_force_keys(
        dataset,
        source,
        target,
        q["objective"],
        q["avoid"],
        q["max_hops"],
        config=q["config"],
        declared_only=q["declared_only"],
    )
    assert [route_key(r, q["objective"]) for r in routes] == best[: q["k"]]
    assert result.exact


@FAST
@given(datasets(min_jobs=3, max_jobs=6), st.data())
def test_via_routes_are_the_k_best_through_via(dataset, data):
    """Every route found through VIA visits VIA between FROM and TO, and they are the k best
    such routes (checked against every route the rules allow)."""
    ids = sorted(dataset.jobs_by_id)
    source, target, via = data.draw(st.permutations(ids))[:3]
    objective = data.draw(st.sampled_from(["levels", "hops", "max-jump"]))
    max_hops = data.draw(st.sampled_from([None, None, 2, 3, 4]))
    k = data.draw(st.sampled_from([1, 2, 3, 5]))
    config = data.draw(st.sampled_from([DEFAULT_MODEL]) | configs)
    best = brute_force_keys(
        dataset, source, target, objective, [], max_hops, via=via, config=config
    )
    try:
        result = shortest_paths(
            dataset,
            source,
            target,
            k=k,
            via=via,
            objective=objective,
            max_hops=max_hops,
            config=config,
            draws=0,
        )
    except NoRouteError:
        assert best == []
        return
    for r in result.routes:
        assert via in r.jobs[1:-1]
        assert len(set(r.jobs)) == len(r.jobs)
    assert [route_key(r, objective) for r in result.routes] == best[:k]


def _state_before_each_step(dataset: Dataset, route, start: dict) -> list[dict]:
    state, out = dict(start), []
    for s in route.steps:
        out.append(dict(state))
        for comp, lv in levels_of(dataset, s.target).items():
            if lv is not None and lv > (state.get(comp) or 0):
                state[comp] = lv
    return out


def _check_route_never_reclimbs(dataset: Dataset, route, start: dict, direct_levels: int) -> None:
    for s, state in zip(route.steps, _state_before_each_step(dataset, route, start)):
        for rise in s.rises:
            held = state.get(rise.id) or 0
            assert (rise.current or 0) == held  # the state's level, not the job left's
            assert rise.required > held
        for kept in s.kept:
            assert state.get(kept.id) == kept.level > kept.required
    assert route.levels >= direct_levels


@FAST
@given(path_questions())
def test_no_route_asks_to_climb_a_level_already_held(q):
    """Each rise starts from what the route holds before the step (the start's levels raised
    by every earlier step), above it; a route never climbs fewer levels than the direct move."""
    dataset, source, target = q["dataset"], q["source"], q["target"]
    config = q["config"]
    try:
        result = shortest_paths(
            dataset, source, target, k=q["k"], objective=q["objective"], config=config, draws=0
        )
    except NoRouteError:
        return
    direct = transition(levels_of(dataset, source), levels_of(dataset, target), config=config)
    for r in result.routes:
        _check_route_never_reclimbs(dataset, r, levels_of(dataset, source), direct.climb)


def test_no_route_reclimbs_on_the_bundled_data_and_the_sample_profiles():
    """Over every pair of the bundled data and from each sample profile to every job, no step
    asks to climb a level the route already holds."""
    from esante_cli.dataset import load_dataset
    from esante_cli.profiles import load_profile
    from esante_cli.queries.people import person_levels, profile_paths

    dataset = load_dataset()
    ids = sorted(dataset.jobs_by_id)
    for a in ids:
        for b in ids:
            if a == b:
                continue
            result = shortest_paths(dataset, a, b, k=3, draws=0)
            direct = transition(levels_of(dataset, a), levels_of(dataset, b))
            for r in result.routes:
                _check_route_never_reclimbs(dataset, r, levels_of(dataset, a), direct.climb)
    examples = Path(__file__).resolve().parents[2] / "examples" / "profiles"
    for path in sorted(examples.iterdir()):
        profile = load_profile(path, dataset)
        own = person_levels(dataset, profile)
        for b in ids:
            result = profile_paths(dataset, profile, b, k=3, draws=0)
            direct = transition(own, levels_of(dataset, b))
            for r in result.routes:
                _check_route_never_reclimbs(dataset, r, own, direct.climb)


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
    recs = {
        r.job.id: (r.cost, r.reverse_cost)
        for r in recommend(
            dataset, a, top=10, all_jobs=True, include_downgrades=True, config=config
        ).items
    }
    assert recs[b] == (there, back)
    gap = competence_gap(dataset, a, b, config)
    assert gap.transition.cost == there
    assert gap.total_levels == gap.transition.climb
    parts = gap.transition
    assert min(parts.climb, parts.max_jump, parts.unused, parts.blocking) >= 0
    assert 0.0 <= parts.similarity <= 1.0 and 0.0 <= parts.coverage <= 1.0
    assert parts.held + parts.climb == parts.required


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
@given(datasets(min_jobs=2, max_jobs=5), st.randoms(use_true_random=False), st.data())
def test_shuffled_dataset_same_routes(dataset, rnd, data):
    """The order of jobs and mobilities in the files changes no route."""
    jobs, mobs = list(dataset.metier.jobs), list(dataset.mobilites.mobilities)
    rnd.shuffle(jobs)
    rnd.shuffle(mobs)
    other = Dataset(
        dataset.path,
        dataset.metier.model_copy(update={"jobs": jobs}),
        dataset.mobilites.model_copy(update={"mobilities": mobs}),
        dataset.jobs_by_id,
        dataset.competences_by_id,
    )
    ids = sorted(dataset.jobs_by_id)
    source, target = data.draw(st.sampled_from(ids)), data.draw(st.sampled_from(ids))

    def run(ds):
        try:
            result = shortest_paths(ds, source, target, k=3, draws=20)
        except NoRouteError as exc:
            return str(exc)
        return json.dumps(result.model_dump(mode="json", by_alias=True), sort_keys=True)

    assert run(dataset) == run(other)


def test_via_on_the_bundled_data_matches_every_allowed_route():
    """On the real data, the routes through VIA are the k best of every route the rules allow
    through it."""
    from esante_cli.dataset import load_dataset

    dataset = load_dataset()
    source, target, via = "architecte-iot", "data-engineer", "expert-en-intelligence-artificielle"
    result = shortest_paths(dataset, source, target, k=3, via=via, max_hops=4, draws=0)
    best = brute_force_keys(dataset, source, target, "levels", [], 4, via=via)
    assert [route_key(r, "levels") for r in result.routes] == best[:3]
    assert all(via in r.jobs for r in result.routes)


@FAST
@given(datasets(min_jobs=2, max_jobs=6), configs, st.integers(1, 8), st.booleans(), st.data())
def test_recommend_is_never_short_and_downgrades_come_last(dataset, config, top, down, data):
    """recommend --top N lists min(N, other jobs) jobs, each once, never the start; the jobs a
    move reaches come first (downgrades aside), downgrades last; ranks never decrease."""
    job = data.draw(st.sampled_from([j.id for j in dataset.jobs]))
    result = recommend(dataset, job, top=top, include_downgrades=down, draws=0, config=config)
    ids = [it.job.id for it in result.items]
    assert len(ids) == min(top, len(dataset.jobs) - 1) == len(set(ids))
    assert job not in ids
    moves = [it.move for it in result.items]
    if "downgrade" in moves:
        assert set(moves[moves.index("downgrade") :]) == {"downgrade"}
    asked = [it.kind is not None and (down or it.move != "downgrade") for it in result.items]
    if False in asked:
        first_other = asked.index(False)
        assert all(
            not a or m == "downgrade" for a, m in zip(asked[first_other:], moves[first_other:])
        )
    ranks = [it.rank for it in result.items]
    assert ranks == sorted(ranks)
