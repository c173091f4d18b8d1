"""Routes on networkx, measured against the route search over states (issue 10, item 1).

The model costs each step of a route from what the route has gathered (the start's levels
raised by every earlier step), so the cost of an edge depends on the path before it. networkx's
``shortest_simple_paths`` (Yen's algorithm over Dijkstra) takes a weight per edge, or a weight
function of ``(u, v, edge data)``: it cannot see the path. The nearest networkx answer is
therefore Yen's k best routes on the fixed job-to-job costs, each route then costed from its
state. This script measures, on the bundled data (every ordered pair) and on a generated
large dataset (pairs picked at random), how often that answer differs from the search over
states (other routes, or the same routes in another order) and how long each takes.

    python bench/routes_networkx.py [--large-jobs 1000] [--pairs 20] [--k 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from itertools import islice, pairwise
from pathlib import Path


def nx_routes(graph, g, start: int, goal: int, k: int):
    """Yen's k best on the fixed costs, each route costed from its state, best first."""
    import networkx as nx

    from esante_cli.moves import move_to

    table, config = graph.table, graph.config
    found = []
    try:
        paths = list(islice(nx.shortest_simple_paths(g, start, goal, weight="units"), k))
    except nx.NetworkXNoPath:
        return []
    for path in paths:
        state, units = table.state_of(start), 0
        for a, b in pairwise(path):
            cost, _ = move_to(table, state, b, config, declared=bool(graph.declared[a, b]))
            units += int(cost)
            state = table.reached(state, b)
        found.append((units, tuple(path)))
    return sorted(found)


def fixed_graph(graph):
    """The graph's edges with their fixed job-to-job cost (thousandths), as networkx."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(graph.table.n))
    for e in graph.edge_list():
        g.add_edge(e.source, e.target, units=round(e.parts.cost * 1000))
    return g


def compare(dataset, pairs, k: int, config=None) -> dict[str, float]:
    from esante_cli.costmodel import DEFAULT_MODEL
    from esante_cli.graph import mobility_graph

    graph = mobility_graph(dataset, config or DEFAULT_MODEL)
    t0 = time.perf_counter()
    g = fixed_graph(graph)
    build = time.perf_counter() - t0
    differ = order = best = cheaper = unreached = 0
    t_state, t_nx = [], []
    for a, b in pairs:
        t0 = time.perf_counter()
        ours, _ = graph.search.routes(graph.table.state_of(a), a, b, k=k)
        t_state.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        theirs = nx_routes(graph, g, a, b, k)
        t_nx.append(time.perf_counter() - t0)
        mine = [(r.units, r.nodes) for r in ours]
        if not theirs:
            unreached += 1
        elif mine and mine[0][0] < theirs[0][0]:
            best += 1  # networkx's best route is not the cheapest once costed from its state
        elif mine and mine[0][0] > theirs[0][0]:
            cheaper += 1  # a route the model does not advise (a detour, or over max_detour)
        if mine != theirs:
            differ += 1
            if sorted(x[1] for x in mine) == sorted(x[1] for x in theirs):
                order += 1
    return {
        "pairs": len(pairs),
        "k routes differ": differ,
        "same routes, other order": order,
        "best route costs more with networkx": best,
        "networkx's best is a route the model rules out": cheaper,
        "networkx finds no route": unreached,
        "networkx graph build (s)": build,
        "state search, median (ms)": 1000 * statistics.median(t_state),
        "networkx Yen + re-costing, median (ms)": 1000 * statistics.median(t_nx),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--large-jobs", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=20)
    parser.add_argument("--k", type=int, default=3)
    args = parser.parse_args(argv)

    from esante_cli.costmodel import load_model_config
    from esante_cli.dataset import load_dataset
    from esante_cli.importers import write_dataset
    from esante_cli.importers.esco import import_esco, suggested_model
    from esante_cli.synthetic import write_esco

    bundled = load_dataset()
    n = len(bundled.jobs)
    every = [(a, b) for a in range(n) for b in range(n) if a != b]
    print("bundled data:", compare(bundled, every, args.k))
    with tempfile.TemporaryDirectory() as work:
        raw = Path(work) / "raw"
        scale = args.large_jobs / 3000
        write_esco(
            raw,
            occupations=args.large_jobs,
            skills=int(13900 * scale),
            relations=int(129000 * scale),
            seed=0,
        )
        folder = write_dataset(import_esco(raw), Path(work) / "data")
        large = load_dataset(folder)
        config = load_model_config(suggested_model(folder))
        rng = random.Random(0)
        m = len(large.jobs)
        pairs = [tuple(rng.sample(range(m), 2)) for _ in range(args.pairs)]
        print(f"large ({m} jobs):", compare(large, pairs, args.k, config))
    return 0


if __name__ == "__main__":
    sys.exit(main())
