"""Mobility queries on small fixture graphs whose answers are worked out by hand.

The ``chain`` fixture, levels (alpha, beta), default model (climb 1, max_jump 0.5, unused 0.1,
declared factor 1, hop penalty 0.5; computed move: coverage >= 0.561 and jump <= 2):

    a (1, 1)   b (2, 1)   c (2, 2)   d (3, 2)   e (3, 3)      declared: a->c, b->d, a->e

- one level up on one competence (a->b, b->c, c->d, d->e): climb 1, jump 1, cost 2.0;
  coverage 2/3, 3/4, 4/5, 5/6 (computed), all progressions
- one level down (b->a, c->b, d->c, e->d): unused 1, cost 0.6, coverage 1 (computed),
  downgrades; two down (c->a, d->b, e->c): 0.7; e->a 0.9, d->a and e->b 0.8
- a->c (declared): climb 2, jump 1, coverage 2/4 = 0.5 (not computed); cost 3.0
- b->d (declared, computed too): climb 2, jump 1, coverage 3/5 = 0.6; cost 3.0
- c->e (computed): climb 2, jump 1, coverage 4/6 = 0.667; cost 3.0
- a->e (declared): climb 4, jump 2, coverage 0.333; cost 4 + 1 + 0.5 = 5.5
- a->d, b->e (no edge): climb 3, jump 2, coverage 0.4 and 0.5; cost 4.5

Routes carry their state: a step climbs from what the route holds, never from the job left.
The ``cross`` fixture shows it: p (3, 1), q (2, 2), r (3, 3), no declared move.
"""

from __future__ import annotations

import json
import random

import pytest

from esante_cli.costmodel import DEFAULT_MODEL, ModelConfig
from esante_cli.dataset import Dataset
from esante_cli.errors import ExitCode, InputError, NoRouteError, OptionsError, UnknownNameError
from esante_cli.graph import build_graph
from esante_cli.queries.mobility import (
    compare_jobs,
    competence_gap,
    gap_from_levels,
    neighbours,
    recommend,
    shortest_paths,
)
from esante_cli.results.mobility import GapResult, PathsResult, ProfileRef


def routes_of(result: PathsResult) -> list[tuple[list[str], float]]:
    return [(r.jobs, r.cost) for r in result.routes]


def dumped(result) -> str:
    return json.dumps(result.model_dump(mode="json", by_alias=True), sort_keys=True)


# -- graph -------------------------------------------------------------------------------


def test_build_graph_edges(chain):
    """The graph holds the declared moves and the computed ones, with their costs."""
    g = build_graph(chain)
    assert list(g.nodes) == ["a", "b", "c", "d", "e"]
    edges = {(u, v): (d["kind"], d["cost"]) for u, v, d in g.edges(data=True)}
    ups = {
        ("a", "b"): ("computed", 2.0),
        ("b", "c"): ("computed", 2.0),
        ("c", "d"): ("computed", 2.0),
        ("d", "e"): ("computed", 2.0),
        ("c", "e"): ("computed", 3.0),
        ("a", "c"): ("declared", 3.0),
        ("b", "d"): ("declared", 3.0),
        ("a", "e"): ("declared", 5.5),
    }
    downs = {
        ("b", "a"): 0.6,
        ("c", "b"): 0.6,
        ("d", "c"): 0.6,
        ("e", "d"): 0.6,
        ("c", "a"): 0.7,
        ("d", "b"): 0.7,
        ("e", "c"): 0.7,
        ("d", "a"): 0.8,
        ("e", "b"): 0.8,
        ("e", "a"): 0.9,
    }
    assert edges == {**ups, **{k: ("computed", v) for k, v in downs.items()}}


def test_build_graph_edge_attributes(chain):
    """A declared edge carries its direction, ring and provenance; a computed one None."""
    g = build_graph(chain)
    bd = g.edges["b", "d"]
    assert (bd["direction"], bd["ring"], bd["provenance"]) == ("provenance", "forte", "card")
    assert bd["also_computed"] is True  # coverage 0.6 reaches the accessible band
    assert bd["parts"]["climb"] == 2 and bd["levels_provenance"] == "estimate"
    ab = g.edges["a", "b"]
    assert (ab["direction"], ab["ring"], ab["provenance"]) == (None, None, None)
    assert g.nodes["a"]["provenance"] == "card" and g.nodes["b"]["provenance"] == "estimate"


def test_build_graph_declared_only(chain):
    """With declared_only the graph keeps the card's moves alone."""
    g = build_graph(chain, declared_only=True)
    assert sorted(g.edges) == [("a", "c"), ("a", "e"), ("b", "d")]


def test_networkx_agrees_where_nothing_is_carried(chain):
    """Along the chain nothing held is above a later job's need: a route costs what the
    graph's edges cost, as networkx sums them."""
    import networkx as nx

    g = build_graph(chain)
    route = next(
        r for r in shortest_paths(chain, "a", "e", k=5).routes if r.jobs == ["a", "b", "d", "e"]
    )
    assert route.cost == nx.path_weight(g, ["a", "b", "d", "e"], "cost") == 7.0


# -- shortest_paths ------------------------------------------------------------------------


def test_paths_by_levels(chain):
    """Routes a -> e by cost: the direct move, then the routes through c, ties by ids."""
    result = shortest_paths(chain, "a", "e", k=5)
    # [a e] 5.5; [a c e] 3.0 + 3.0 = 6.0; [a b c e] 2 + 2 + 3 = 7.0; [a b d e] 2 + 3 + 2;
    # [a c d e] 3 + 2 + 2 (ties by ids); [a b c d e] 8.0 is sixth
    assert routes_of(result) == [
        (["a", "e"], 5.5),
        (["a", "c", "e"], 6.0),
        (["a", "b", "c", "e"], 7.0),
        (["a", "b", "d", "e"], 7.0),
        (["a", "c", "d", "e"], 7.0),
    ]
    assert all(r.levels == 4 for r in result.routes)  # never fewer than the direct move's


def test_paths_by_hops(chain):
    """Routes by number of steps, then cost."""
    result = shortest_paths(chain, "a", "e", k=6, objective="hops")
    assert [(r.hops, r.cost) for r in result.routes] == [
        (1, 5.5),
        (2, 6.0),
        (3, 7.0),
        (3, 7.0),
        (3, 7.0),
        (4, 8.0),
    ]


def test_paths_by_max_jump(chain):
    """Routes by largest single jump: the direct move's jump of 2 comes after all jumps of 1."""
    result = shortest_paths(chain, "a", "e", k=6, objective="max-jump")
    assert routes_of(result) == [
        (["a", "c", "e"], 6.0),
        (["a", "b", "c", "e"], 7.0),
        (["a", "b", "d", "e"], 7.0),
        (["a", "c", "d", "e"], 7.0),
        (["a", "b", "c", "d", "e"], 8.0),
        (["a", "e"], 5.5),
    ]
    assert [r.max_jump for r in result.routes] == [1, 1, 1, 1, 1, 2]


def test_paths_steps_explain(chain):
    """Each step carries its kind, its cost's parts and the competences that rise."""
    route = shortest_paths(chain, "a", "e", k=4).routes[3]  # a b d e
    assert route.jobs == ["a", "b", "d", "e"]
    assert [(s.source, s.target, s.kind, s.cost) for s in route.steps] == [
        ("a", "b", "computed", 2.0),
        ("b", "d", "declared", 3.0),
        ("d", "e", "computed", 2.0),
    ]
    bd = route.steps[1]
    assert (bd.parts.climb, bd.parts.max_jump, bd.parts.factor) == (2, 1, 1.0)
    assert (bd.declared_direction, bd.ring, bd.declared_provenance) == (
        "provenance",
        "forte",
        "card",
    )
    # b (2, 1) -> d (3, 2): alpha 2 -> 3 and beta 1 -> 2, both by one level, catalogue order
    assert [(x.id, x.current, x.required, x.delta) for x in bd.rises] == [
        ("alpha", 2, 3, 1),
        ("beta", 1, 2, 1),
    ]
    assert [t.descriptor for t in bd.rises[0].to_learn] == ["Alpha niveau 3"]
    assert route.levels == 1 + 2 + 1 and route.max_jump == 1 and route.hops == 3
    first = route.steps[0].rises[0]
    assert (first.current_provenance, first.required_provenance, first.provenance) == (
        "card",
        "estimate",
        "estimate",
    )
    assert route.provenance == "estimate"


def test_a_route_carries_what_was_learnt(cross):
    """p (3, 1) -> q (2, 2) -> r (3, 3): the second step climbs beta only, from 2; alpha 3,
    held from the start, is kept (q asks 2) and never asked again."""
    result = shortest_paths(cross, "p", "r", objective="max-jump", k=2)
    via, direct = result.routes
    assert via.jobs == ["p", "q", "r"] and direct.jobs == ["p", "r"]
    first, second = via.steps
    assert [(x.id, x.current, x.required) for x in first.rises] == [("beta", 1, 2)]
    assert [(k.id, k.level, k.required) for k in first.kept] == [("alpha", 3, 2)]
    assert [(x.id, x.current, x.required) for x in second.rises] == [("beta", 2, 3)]
    assert (second.parts.climb, second.parts.unused, second.cost) == (1, 0, 2.0)
    # p -> q: climb 1, jump 1, unused 1: 1 + 0.5 + 0.1 + 0.5 = 2.1; then 2.0
    assert via.cost == 4.1 and via.levels == direct.levels == 2
    assert (via.max_jump, direct.max_jump) == (1, 2)
    assert direct.steps[0].kind == "computed"  # coverage 4/6, jump 2


def test_the_direct_move_is_always_a_candidate(island):
    """A move beyond every threshold is still offered, as the direct move (kind 'direct')."""
    result = shortest_paths(island, "x", "y")
    assert [r.jobs for r in result.routes] == [["x", "y"]]
    assert result.routes[0].steps[0].kind == "direct"


def test_paths_avoid(chain):
    """No route visits an avoided job; fewer than k routes is not an error."""
    result = shortest_paths(chain, "a", "e", k=3, avoid=["c"])
    assert routes_of(result) == [(["a", "e"], 5.5), (["a", "b", "d", "e"], 7.0)]
    assert result.constraints.avoid == ["c"]


def test_paths_max_hops(chain):
    """Routes have at most max_hops steps."""
    result = shortest_paths(chain, "a", "e", k=3, max_hops=2)
    assert routes_of(result) == [(["a", "e"], 5.5), (["a", "c", "e"], 6.0)]
    assert routes_of(shortest_paths(chain, "a", "e", k=3, max_hops=1)) == [(["a", "e"], 5.5)]


def test_paths_via(chain):
    """Every route passes through the via job."""
    result = shortest_paths(chain, "a", "e", k=4, via="c")
    # the fourth goes back down to c after d: 2 + 3 + 0.6 (unused 1) and then, from the
    # state (3, 2) that d left, c -> e climbs beta only: 2.0; total 7.6
    assert routes_of(result) == [
        (["a", "c", "e"], 6.0),
        (["a", "b", "c", "e"], 7.0),
        (["a", "c", "d", "e"], 7.0),
        (["a", "b", "d", "c", "e"], 7.6),
    ]


def test_paths_declared_only(chain):
    """declared_only keeps the card's moves: a -> e directly, and nothing reaches d from a."""
    assert routes_of(shortest_paths(chain, "a", "e", declared_only=True)) == [(["a", "e"], 5.5)]
    with pytest.raises(
        NoRouteError, match="par les seuls passages déclarés ; sans ces contraintes"
    ):
        shortest_paths(chain, "a", "d", declared_only=True)


def test_paths_to_itself(chain):
    """From a job to itself: one route of zero steps and cost 0."""
    result = shortest_paths(chain, "c", "c")
    assert routes_of(result) == [(["c"], 0.0)]
    assert result.routes[0].steps == [] and result.routes[0].hops == 0


def test_paths_no_route_names_constraints(chain):
    """A route blocked by the constraints raises NoRouteError (exit code 5) naming them."""
    with pytest.raises(
        NoRouteError, match=r"contraintes : au plus 1 étape, en évitant e, en passant par c"
    ) as info:
        shortest_paths(chain, "a", "d", max_hops=1, avoid=["e"], via="c")
    assert info.value.exit_code == ExitCode.NO_ROUTE


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"avoid": ["a"]}, OptionsError),
        ({"avoid": ["e"]}, OptionsError),
        ({"via": "b", "avoid": ["b"]}, OptionsError),
        ({"k": 0}, InputError),
        ({"max_hops": 0}, InputError),
        ({"objective": "fastest"}, InputError),
        ({"avoid": ["zz"]}, UnknownNameError),
        ({"via": "zz"}, UnknownNameError),
    ],
)
def test_paths_bad_arguments(chain, kwargs, error):
    """Impossible or unknown arguments raise a clear error before any search."""
    with pytest.raises(error):
        shortest_paths(chain, "a", "e", **kwargs)


def test_paths_result_shape(chain):
    """A paths result carries versions, titles, the model, from/to and its routes under "paths" in JSON."""
    result = shortest_paths(chain, "a", "e", k=1)
    data = result.model_dump(mode="json", by_alias=True)
    assert data["schema_version"] == 1 and data["data_version"] == "test-1"
    assert data["from"]["id"] == "a" and data["to"]["id"] == "e"
    assert data["paths"][0]["steps"][0]["from"] == "a"
    assert data["titles"] == {"a": "Job A", "e": "Job E"}
    assert data["model"]["name"] == "default"
    assert result.uses_estimates is True


# -- competence_gap --------------------------------------------------------------------------


def test_gap_hand_worked(chain):
    """a (1, 1) -> e (3, 3): two levels on each, catalogue order breaks the tie."""
    gap = competence_gap(chain, "a", "e")
    assert [(i.id, i.current, i.required, i.delta) for i in gap.items] == [
        ("alpha", 1, 3, 2),
        ("beta", 1, 3, 2),
    ]
    assert gap.total_levels == 4 and gap.to_raise == 2 and gap.max_jump == 2
    assert gap.blocking == 2  # both deficits >= 2
    assert [t.level for t in gap.items[0].to_learn] == [2, 3]
    assert [t.descriptor for t in gap.items[1].to_learn] == ["Bêta niveau 2", "Bêta niveau 3"]
    assert gap.items[0].provenance == "estimate"  # a's level is from the card, e's estimated
    assert gap.strengths == []
    assert gap.transition.cost == 5.5 and gap.transition.declared is True
    assert gap.transition.coverage == 0.333 and gap.band == "lointaine"  # below 0.561


def test_gap_sorted_by_deficit_then_strengths(chain):
    """Largest deficit first; levels above the need are transferable strengths."""
    gap = competence_gap(chain, "b", "c")
    # b (2, 1) -> c (2, 2): beta +1, alpha 0
    assert [(i.id, i.delta) for i in gap.items] == [("beta", 1), ("alpha", 0)]
    down = competence_gap(chain, "e", "b")
    # e (3, 3) -> b (2, 1): beta -2, alpha -1, strengths largest surplus first
    assert [(i.id, i.delta) for i in down.strengths] == [("beta", -2), ("alpha", -1)]
    assert down.total_levels == 0


def test_gap_json_contract(chain):
    """The gap's JSON has from, to, items with id/label/current/required/delta/provenance."""
    data = competence_gap(chain, "a", "c").model_dump(mode="json", by_alias=True)
    assert {"from", "to", "items", "total_levels", "schema_version", "data_version"} <= set(data)
    assert {"id", "label", "current", "required", "delta", "provenance"} <= set(data["items"][0])


def test_gap_from_a_profile(chain):
    """A person's levels can be the source; a competence left out counts as 0."""
    gap = competence_gap(chain, {"alpha": 3}, "e")
    assert isinstance(gap, GapResult) and isinstance(gap.source, ProfileRef)
    # alpha 3 -> 3: 0; beta none (0) -> 3: 3 levels, the whole ladder
    assert [(i.id, i.current, i.delta) for i in gap.items] == [("beta", None, 3), ("alpha", 3, 0)]
    assert [t.level for t in gap.items[0].to_learn] == [1, 2, 3]
    assert gap.items[1].current_provenance == "user"
    same = gap_from_levels(chain, {"alpha": 3}, "e", name="Alex")
    assert same.source == ProfileRef(name="Alex")
    assert same.data_version == "test-1"


@pytest.mark.parametrize(
    ("levels", "error"),
    [({"zeta": 2}, UnknownNameError), ({"gamma": 2}, InputError), ({"alpha": 5}, InputError)],
)
def test_gap_profile_errors(chain, levels, error):
    """A profile naming an unknown or unlevelled competence, or a bad level, is refused."""
    with pytest.raises(error):
        competence_gap(chain, levels, "e")


def test_gap_unknown_job(chain):
    """An unknown job id raises UnknownNameError with suggestions."""
    with pytest.raises(UnknownNameError, match="métier inconnu « f »"):
        competence_gap(chain, "a", "f")


# -- neighbours ------------------------------------------------------------------------------


def test_neighbours_both_ways(chain):
    """Jobs leading to c and those c leads to, closest first, with the cost both ways."""
    result = neighbours(chain, "c")
    incoming = [
        (n.job.id, n.kind, n.move, n.cost, n.reverse_cost, n.reverse_kind)
        for g in result.incoming
        for n in g.neighbours
    ]
    # into c: b->c 3/4, then d->c and e->c, which hold all c asks (downgrades, after the
    # other moves of their band), then a->c 2/4 (declared)
    assert incoming == [
        ("b", "computed", "progression", 2.0, 0.6, "computed"),
        ("d", "computed", "downgrade", 0.6, 2.0, "computed"),
        ("e", "computed", "downgrade", 0.7, 3.0, "computed"),
        ("a", "declared", "progression", 3.0, 0.7, "computed"),
    ]
    assert [(g.band, [n.job.id for n in g.neighbours]) for g in result.incoming] == [
        ("proche", ["b", "d", "e"]),
        ("lointaine", ["a"]),
    ]
    outgoing = [(n.job.id, n.cost) for g in result.outgoing for n in g.neighbours]
    assert outgoing == [("d", 2.0), ("b", 0.6), ("a", 0.7), ("e", 3.0)]


def test_neighbours_grouped_by_band(chain):
    """With other bands the neighbours fall into proche, accessible and lointaine."""
    model = ModelConfig(bands={"proche": 0.9, "accessible": 0.7})
    result = neighbours(chain, "c", direction="in", config=model)
    assert [(g.band, [n.job.id for n in g.neighbours]) for g in result.incoming] == [
        ("proche", ["d", "e"]),
        ("accessible", ["b"]),
        ("lointaine", ["a"]),
    ]
    assert result.outgoing == []


def test_neighbours_kind_and_top(chain):
    """kind keeps declared or computed moves; top keeps the closest per direction."""
    declared = neighbours(chain, "a", kind="declared")
    assert [n.job.id for g in declared.outgoing for n in g.neighbours] == ["c", "e"]
    assert declared.incoming == []
    computed = neighbours(chain, "a", kind="computed", direction="out")
    assert [n.job.id for g in computed.outgoing for n in g.neighbours] == ["b"]
    top = neighbours(chain, "a", top=1)
    assert [n.job.id for g in top.outgoing for n in g.neighbours] == ["b"]


def test_neighbours_bad_arguments(chain):
    """An unknown direction or kind is refused."""
    with pytest.raises(InputError):
        neighbours(chain, "a", direction="up")
    with pytest.raises(InputError):
        neighbours(chain, "a", kind="maybe")


# -- recommend -------------------------------------------------------------------------------


def test_recommend_ranked_by_closeness(chain):
    """From a: the jobs one move reaches, closest first, with band, direction, the way back;
    then, to fill the list, the job no move reaches (kind None)."""
    result = recommend(chain, "a", draws=0)
    assert [
        (r.rank, r.job.id, r.parts.coverage, r.cost, r.band, r.move, r.kind) for r in result.items
    ] == [
        (1, "b", 0.667, 2.0, "accessible", "progression", "computed"),
        (2, "c", 0.5, 3.0, "lointaine", "progression", "declared"),
        (3, "e", 0.333, 5.5, "lointaine", "progression", "declared"),
        (4, "d", 0.4, 4.5, "lointaine", "progression", None),
    ]
    # back from e to a: unused 4 -> 0.4 + 0.5 = 0.9
    assert result.items[2].reverse_cost == 0.9
    assert result.items[2].parts.climb == 4
    assert result.hidden_downgrades == 0 and result.items[0].stability is None


def test_recommend_all_jobs(chain):
    """all_jobs also ranks the jobs no single move reaches; top limits the list."""
    result = recommend(chain, "a", all_jobs=True)
    assert [(r.job.id, r.cost, r.kind) for r in result.items] == [
        ("b", 2.0, "computed"),
        ("c", 3.0, "declared"),
        ("d", 4.5, None),
        ("e", 5.5, "declared"),
    ]
    assert [r.job.id for r in recommend(chain, "a", top=2).items] == ["b", "c"]


def test_recommend_downgrades_come_last_and_only_when_asked(chain):
    """From c, b and a ask less than c holds: hidden, or listed after the progressions."""
    hidden = recommend(chain, "c", top=2)
    assert [r.job.id for r in hidden.items] == ["d", "e"] and hidden.hidden_downgrades == 2
    # a longer list is filled with them, last: never shorter than --top
    filled = recommend(chain, "c", top=4)
    assert [r.job.id for r in filled.items] == ["d", "e", "b", "a"]
    assert filled.hidden_downgrades == 0
    shown = recommend(chain, "c", include_downgrades=True)
    assert [(r.rank, r.job.id, r.move) for r in shown.items] == [
        (1, "d", "progression"),
        (2, "e", "progression"),
        (3, "b", "downgrade"),
        (4, "a", "downgrade"),
    ]
    assert shown.hidden_downgrades == 0


def test_recommend_ties_share_a_rank(chain):
    """Equal closeness and cost share a rank, listed by job id."""
    # every part weighs 0: every move costs the hop penalty, 0.5; from e every job is held whole
    flat = ModelConfig(weights={"climb": 0, "max_jump": 0, "unused": 0})
    result = recommend(chain, "e", include_downgrades=True, config=flat)
    assert [(r.rank, r.job.id, r.cost) for r in result.items] == [
        (1, "a", 0.5),
        (1, "b", 0.5),
        (1, "c", 0.5),
        (1, "d", 0.5),
    ]


def test_recommend_stability_is_reproducible(chain):
    """Every item carries its stability and cost interval; the same seed, the same output."""
    one = recommend(chain, "a", seed=7, draws=50)
    assert all(r.stability is not None and 0 <= r.stability <= 1 for r in one.items)
    assert all(r.cost_interval[0] <= r.cost <= r.cost_interval[1] for r in one.items)
    assert dumped(one) == dumped(recommend(chain, "a", seed=7, draws=50))
    assert (one.draws, one.seed) == (50, 7)


# -- compare_jobs ------------------------------------------------------------------------------


def test_compare_jobs(chain):
    """Levels side by side, what differs, strengths and the cost of every move."""
    result = compare_jobs(chain, ["e", "d", "a"])
    assert [j.id for j in result.jobs] == ["e", "d", "a"]
    alpha, beta = result.competences
    assert [(lv.job, lv.level) for lv in alpha.levels] == [("e", 3), ("d", 3), ("a", 1)]
    assert alpha.differs and beta.differs
    assert result.shared_strengths == []
    # strength level 3: e has alpha and beta, d only alpha, a none
    assert [(s.job, s.competences) for s in result.distinct_strengths] == [
        ("e", ["alpha", "beta"]),
        ("d", ["alpha"]),
        ("a", []),
    ]
    pairs = {(p.source, p.target): (p.cost, p.kind, p.move) for p in result.pairs}
    assert pairs == {
        ("e", "d"): (0.6, "computed", "downgrade"),
        ("e", "a"): (0.9, "computed", "downgrade"),
        ("d", "e"): (2.0, "computed", "progression"),
        ("d", "a"): (0.8, "computed", "downgrade"),
        ("a", "e"): (5.5, "declared", "progression"),
        ("a", "d"): (4.5, None, "progression"),
    }


def test_compare_shared_strengths(chain):
    """A competence every compared job holds at level 3 or more is a shared strength."""
    result = compare_jobs(chain, ["d", "e"])
    assert result.shared_strengths == ["alpha"]
    assert [(s.job, s.competences) for s in result.distinct_strengths] == [
        ("d", []),
        ("e", ["beta"]),
    ]


def test_compare_needs_two_distinct_jobs(chain):
    """Comparing one job, or a job twice, is refused."""
    with pytest.raises(InputError):
        compare_jobs(chain, ["a"])
    with pytest.raises(InputError):
        compare_jobs(chain, ["a", "b", "a"])


# -- determinism and the real data ----------------------------------------------------------


def shuffled(dataset: Dataset, seed: int) -> Dataset:
    rng = random.Random(seed)
    jobs = list(dataset.metier.jobs)
    mobs = list(dataset.mobilites.mobilities)
    rng.shuffle(jobs)
    rng.shuffle(mobs)
    metier = dataset.metier.model_copy(update={"jobs": jobs})
    mobilites = dataset.mobilites.model_copy(update={"mobilities": mobs})
    return Dataset(
        dataset.path, metier, mobilites, dict(dataset.jobs_by_id), dict(dataset.competences_by_id)
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_dataset_same_results(real, seed):
    """Shuffling the jobs and mobilities of a dataset changes no result."""
    other = shuffled(real, seed)
    calls = [
        lambda ds: shortest_paths(ds, "data-scientist", "responsable-green-it", k=3),
        lambda ds: shortest_paths(
            ds, "ux-ui-designer", "specialiste-e-sante", objective="max-jump"
        ),
        lambda ds: recommend(ds, "architecte-iot", all_jobs=True),
        lambda ds: neighbours(ds, "specialiste-e-sante"),
        lambda ds: competence_gap(ds, "data-engineer", "specialiste-e-sante"),
        lambda ds: compare_jobs(ds, ["specialiste-e-sante", "data-scientist", "architecte-iot"]),
    ]
    for call in calls:
        assert dumped(call(real)) == dumped(call(other))


def test_real_data_paths(real):
    """On the bundled data, data-scientist -> responsable-green-it: the direct move first (a
    jump of 3 on two competences), then routes through a stepping stone with smaller steps."""
    result = shortest_paths(real, "data-scientist", "responsable-green-it")
    direct, *others = result.routes
    assert direct.jobs == ["data-scientist", "responsable-green-it"]
    assert direct.steps[0].kind == "direct" and direct.max_jump == 3
    assert others and all(r.hops == 2 and r.max_jump <= 2 for r in others)
    assert all(r.levels >= direct.levels for r in result.routes)
    assert result.uses_estimates is True and result.exact is True
    smallest = shortest_paths(
        real, "data-scientist", "responsable-green-it", objective="max-jump"
    ).routes[0]
    assert smallest.max_jump == 1


def test_real_data_card_levels_marked(real):
    """A gap to the card's job marks the card's levels 'card' and the neighbours' 'estimate'."""
    gap = competence_gap(real, "data-scientist", "specialiste-e-sante")
    assert {i.required_provenance for i in gap.items} == {"card"}
    assert {i.current_provenance for i in gap.items} == {"estimate"}
    assert gap.provenance == "estimate" and gap.uses_estimates is True
    assert gap.items[0].id == "technologies-sante"  # 1 -> 4, the largest deficit
    assert DEFAULT_MODEL.bands.of(gap.transition.coverage) == gap.band
