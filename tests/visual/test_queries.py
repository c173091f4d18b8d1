"""The visual queries: typed, frozen results for the map, the whole graph, the matrix and the
report, consistent with the mobility queries they build on."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from esante_cli.costmodel import transition
from esante_cli.errors import InputError, UnknownNameError
from esante_cli.graph import build_graph, level_matrix
from esante_cli.queries.mobility import neighbours
from esante_cli.queries.visual import (
    card_summary,
    cost_matrix,
    neighbourhood_map,
    pair_report,
    whole_graph,
)

ESANTE = "specialiste-e-sante"


def test_map_has_both_sides_of_the_card(real):
    """The card's job: its nine declared provenances on one side, its moves on the other."""
    m = neighbourhood_map(real, ESANTE)
    declared_in = {n.job.id for n in m.incoming if n.kind == "declared"}
    declared_out = {n.job.id for n in m.outgoing if n.kind == "declared"}
    assert len(declared_in) == 9
    assert declared_out == {"data-scientist", "responsable-green-it", "specialiste-tests-et-essais"}
    assert "data-scientist" in declared_in and "data-scientist" in declared_out
    assert m.job_provenance == "card"
    assert m.uses_estimates and m.uses_inferred
    assert m.mobility_note and "titre indicatif" in m.mobility_note


def test_map_sides_sorted_by_cost_then_id(real):
    """Each side is sorted by cost, then id."""
    m = neighbourhood_map(real, "data-scientist")
    for side in (m.incoming, m.outgoing):
        keys = [(n.cost, n.job.id) for n in side]
        assert keys == sorted(keys)


def test_map_agrees_with_neighbours(real):
    """The map shows exactly the neighbours ``neighbours`` lists, with the same costs."""
    m = neighbourhood_map(real, "architecte-iot")
    nr = neighbours(real, "architecte-iot")
    expect_in = {(n.job.id, n.cost) for g in nr.incoming for n in g.neighbours}
    expect_out = {(n.job.id, n.cost) for g in nr.outgoing for n in g.neighbours}
    assert {(n.job.id, n.cost) for n in m.incoming} == expect_in
    assert {(n.job.id, n.cost) for n in m.outgoing} == expect_out


def test_map_others_are_the_jobs_on_neither_side(real):
    """``others`` holds every other job that is on neither side, sorted by id."""
    m = neighbourhood_map(real, "data-scientist")
    shown = {n.job.id for n in m.incoming + m.outgoing}
    others = [j.id for j in m.others]
    assert others == sorted(others)
    assert set(others) == {j.id for j in real.jobs} - shown - {"data-scientist"}
    assert "responsable-green-it" in others


def test_map_filters_and_highlight(real):
    """--kind declared keeps declared moves only; --top keeps the cheapest; highlight marks."""
    m = neighbourhood_map(real, ESANTE, kind="declared", top=2, highlight="data-scientist")
    assert all(n.kind == "declared" for n in m.incoming + m.outgoing)
    assert len(m.incoming) == 2 and len(m.outgoing) == 2
    assert [n.job.id for n in m.outgoing if n.highlight] == ["data-scientist"]


def test_map_unknown_job(real):
    """An unknown job raises UnknownNameError."""
    with pytest.raises(UnknownNameError):
        neighbourhood_map(real, "astronaute")


def test_results_are_frozen(real):
    """Results are frozen models."""
    m = neighbourhood_map(real, ESANTE)
    with pytest.raises(ValidationError):
        m.kind = "declared"  # type: ignore[misc]


def test_whole_graph_matches_build_graph(real):
    """The exported graph has the nodes and edges of ``build_graph``, with the same costs,
    kinds and placements."""
    g = whole_graph(real)
    nxg = build_graph(real)
    assert [n.id for n in g.nodes] == sorted(nxg.nodes)
    assert [(e.source, e.target) for e in g.edges] == sorted(nxg.edges)
    for e in g.edges:
        data = nxg.edges[e.source, e.target]
        assert (e.kind, e.cost, e.direction, e.ring, e.provenance, e.levels_provenance) == (
            data["kind"], data["cost"], data["direction"], data["ring"], data["provenance"],
            data["levels_provenance"])
        assert e.parts.model_dump(mode="json") == data["parts"]
    assert len(g.edges) == 74 and sum(e.kind == "declared" for e in g.edges) == 12


def test_whole_graph_declared_only(real):
    """declared_only keeps the twelve moves of the card."""
    g = whole_graph(real, declared_only=True)
    assert len(g.edges) == 12 and {e.kind for e in g.edges} == {"declared"}


def test_node_counts_levels(real):
    """Each node counts its levels from the card and its estimated levels."""
    nodes = {n.id: n for n in whole_graph(real).nodes}
    assert (nodes[ESANTE].card_levels, nodes[ESANTE].estimated_levels) == (11, 0)
    assert nodes[ESANTE].has_card and not nodes["data-scientist"].has_card
    assert (nodes["data-scientist"].card_levels, nodes["data-scientist"].estimated_levels) == (0, 11)


def test_matrix_every_pair_both_ways(real):
    """The matrix has every ordered pair; its costs are ``transition``'s, asymmetric."""
    mx = cost_matrix(real)
    n = len(mx.ids)
    assert len(mx.cells) == n * (n - 1)
    assert all(mx.cost[i][i] == 0.0 for i in range(n))
    m = level_matrix(real)
    declared = {(x.source_job, x.target_job) for x in real.mobilities}
    for cell in mx.cells:
        i, j = mx.ids.index(cell.source), mx.ids.index(cell.target)
        parts = transition(m.levels_of(m.index[cell.source]), m.levels_of(m.index[cell.target]),
                           declared=(cell.source, cell.target) in declared)
        assert cell.cost == parts.cost == mx.cost[i][j]
    a, b = mx.ids.index("architecte-iot"), mx.ids.index(ESANTE)
    assert (mx.cost[a][b], mx.cost[b][a]) == (8.375, 1.4)


def test_matrix_kinds_match_the_graph(real):
    """A cell's kind is its edge's kind, None where the graph has no edge."""
    mx = cost_matrix(real)
    edges = {(e.source, e.target): e.kind for e in whole_graph(real).edges}
    for cell in mx.cells:
        assert cell.kind == edges.get((cell.source, cell.target))


def test_card_summary(real):
    """The card's job shows its purpose, four missions and address; a neighbour what is known."""
    s = card_summary(real, ESANTE)
    assert s.purpose and s.purpose_provenance == "card" and len(s.missions) == 4
    assert s.source and s.source.startswith("https://www.opiiec.fr/")
    assert "Digital health Engineer" in s.other_titles_en
    other = card_summary(real, "data-scientist")
    assert other.missions == [] and other.levels_provenance == "estimate"


def test_pair_report(real):
    """A report holds the gap, the k best routes and the target's map with the start marked."""
    r = pair_report(real, "data-scientist", ESANTE, k=2)
    assert r.gap.total_levels == 12
    assert r.routes is not None and len(r.routes.routes) == 2
    assert r.map.job.id == ESANTE
    assert any(n.highlight for n in r.map.incoming)
    assert r.uses_estimates and r.uses_inferred
    assert r.subject.id == "data-scientist"  # type: ignore[union-attr]


def test_pair_report_same_job(real):
    """A report needs two different jobs."""
    with pytest.raises(InputError):
        pair_report(real, ESANTE, ESANTE)
