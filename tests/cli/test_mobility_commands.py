"""The mobility commands through ``CliRunner``: neighbours, paths, compare, gap, recommend, with
every option and format, their JSON contracts, and the global ``--model FILE`` option.

Expected numbers come from the levels of ``data/metier.json`` and the formula of
``docs/model.md``, worked out by hand in the comments, or from another command (the edges that
``neighbours`` reports are the oracle of ``paths``).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.dataset import packaged_data_dir
from esante_cli.errors import ExitCode
from esante_cli.i18n import t
from esante_cli.results.base import SCHEMA_VERSION

from .helpers import as_json, ok

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ISLAND = str(FIXTURES / "island")  # x (1, 1) card; z (1, 2) and y (4, 4) estimates; y unreachable

E_SANTE = "specialiste-e-sante"
DS = "data-scientist"
DE = "data-engineer"
GREEN = "responsable-green-it"
IOT = "architecte-iot"
IA_EMB = "specialiste-ia-embarquee"

FORMATS = ("table", "json", "csv", "markdown")
COMMANDS = {
    "neighbours": ("neighbours", E_SANTE),
    "paths": ("paths", DS, GREEN),
    "compare-2": ("compare", DE, DS),
    "compare-3": ("compare", DE, DS, E_SANTE),
    "gap": ("gap", DS, E_SANTE),
    "recommend": ("recommend", IOT),
}
ANSI = re.compile(r"\x1b\[")
STARRED = re.compile(r"\d\*")  # a level or a cost followed by the estimate mark
WIDE = {"COLUMNS": "300"}  # no wrapping inside table cells, so cell text stays on one line

def as_csv(result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(result))))


def flat(text: str) -> str:
    """Text with runs of whitespace made one space (rich wraps long lines at 80 columns)."""
    return " ".join(text.split())


def one_error_line(result) -> str:
    """The only line of stderr, an ``esante: error:`` line, with no traceback and no stdout."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("esante: error: ")
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return lines[0]


def units(x: float) -> int:
    """A cost in whole thousandths, the unit costs are summed in (docs/model.md)."""
    return round(x * 1000)


def levels_of(ds, job_id: str) -> dict[str, int | None]:
    job = ds.job(job_id)
    out = {}
    for comp in ds.levelled_competences:
        entry = job.level(comp.id)
        out[comp.id] = entry.expected_level if entry else None
    return out


def move_counts(ds, source: str, target: str) -> tuple[int, int, int]:
    """(levels to climb, largest jump, unused levels) from ``source`` to ``target``, read from
    the data as docs/model.md defines them (a missing target level is ignored, a missing
    source level counts as 0)."""
    src, tgt = levels_of(ds, source), levels_of(ds, target)
    deficits, surpluses = [], []
    for comp, need in tgt.items():
        if need is None:
            continue
        have = src[comp] or 0
        deficits.append(max(0, need - have))
        surpluses.append(max(0, have - need))
    return sum(deficits), max(deficits, default=0), sum(surpluses)


def declared_moves(ds) -> set[tuple[str, str]]:
    return {(m.source_job, m.target_job) for m in ds.mobilities}


# -- every command, every format -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_every_mobility_command_works_in_every_format(invoke, command, fmt):
    """Each mobility command exits 0 in each format, writes to stdout only, with no ANSI codes."""
    out = ok(invoke(*COMMANDS[command], "--format", fmt))
    assert out.strip()
    assert not ANSI.search(out)


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_json_carries_versions_and_flags_estimates(invoke, ds, command):
    """Every mobility JSON is one object with ``schema_version``, ``data_version``, sorted keys,
    and ``uses_estimates: true`` (the neighbours' levels are estimates)."""
    text = ok(invoke(*COMMANDS[command], "--format", "json"))
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["data_version"] == ds.version
    assert data["uses_estimates"] is True
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_csv_parses_with_a_header_and_rows(invoke, command):
    """CSV output parses with the csv module: distinct header names, rows of the header's width."""
    rows = list(csv.reader(io.StringIO(ok(invoke(*COMMANDS[command], "--format", "csv")))))
    header, body = rows[0], rows[1:]
    assert header and all(header)
    assert len(set(header)) == len(header)
    assert body
    assert all(len(row) == len(header) for row in body)


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_markdown_has_a_heading_a_table_and_escaped_marks(invoke, command):
    """Markdown output opens with a heading, holds a table, and escapes the estimate mark."""
    out = ok(invoke(*COMMANDS[command], "--format", "markdown"))
    assert re.match(r"#{1,2} \S", out)
    assert "| --- |" in out
    assert re.search(r"\d\\\*", out)  # '3\*': a literal star, not emphasis


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_table_marks_estimates_with_a_star_and_footnote(invoke, command):
    """Tables mark values computed from estimated levels with ``*`` and explain the mark."""
    out = ok(invoke(*COMMANDS[command]))
    assert STARRED.search(out)
    assert flat(t("mark_estimate")) in flat(out)


def test_facts_of_the_card_are_not_marked(invoke):
    """The card's job against itself uses card levels only: no ``*`` and no estimate footnote."""
    out = ok(invoke("gap", E_SANTE, E_SANTE))
    assert not STARRED.search(out)
    assert flat(t("mark_estimate")) not in flat(out)


# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("paths", "Data Scientist", "Responsable Green IT"), (DS, GREEN)),
        (("gap", "DATA SCIENTIST", "Digital health Engineer"), (DS, E_SANTE)),
        (("compare", "data engineer", "Data Scientist"), (DE, DS)),
        (("neighbours", "Spécialiste e-santé"), (E_SANTE,)),
        (("recommend", "Architecte IoT"), (IOT,)),
    ],
    ids=["paths", "gap", "compare", "neighbours", "recommend"],
)
def test_job_names_resolve_to_ids(invoke, args, ids):
    """Titles, other titles and any spelling resolve to the job ids the JSON then carries."""
    data = as_json(invoke(*args, "--format", "json"))
    if args[0] == "paths":
        got = (data["from"]["id"], data["to"]["id"])
        assert all(p["jobs"][0] == DS and p["jobs"][-1] == GREEN for p in data["paths"])
    elif args[0] == "gap":
        got = (data["from"]["id"], data["to"]["id"])
    elif args[0] == "compare":
        got = tuple(j["id"] for j in data["jobs"])
    else:
        got = (data["job"]["id"],)
    assert got == ids


@pytest.mark.parametrize(
    ("args", "typo", "meant"),
    [
        # names too far from any job to be taken as a typo (see tests/cli/test_interpreted.py)
        (("paths", "data scientifique", GREEN), "data scientifique", DS),
        (("paths", DS, "responsable vert"), "responsable vert", GREEN),
        (("paths", DS, GREEN, "--avoid", "architecte objets"), "architecte objets", IOT),
        (("paths", DS, GREEN, "--via", "data ingenieur"), "data ingenieur", DE),
        (("neighbours", "specialiste sante numerique"), "specialiste sante numerique", E_SANTE),
        (("compare", DE, "data scientifique"), "data scientifique", DS),
        (("gap", "data scientifique", E_SANTE), "data scientifique", DS),
        (("recommend", "architecte internet"), "architecte internet", IOT),
    ],
    ids=["paths-from", "paths-to", "paths-avoid", "paths-via", "neighbours", "compare", "gap",
         "recommend"],
)
def test_unknown_job_exits_4_with_a_suggestion(invoke, args, typo, meant):
    """An unknown job anywhere (argument, --avoid, --via) exits 4 and suggests the job meant."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.UNKNOWN_NAME
    line = one_error_line(result)
    assert f"unknown job '{typo}'" in line
    assert "did you mean" in line and meant in line


# -- neighbours --------------------------------------------------------------------------------------


def _flatten(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [n for g in groups for n in g["neighbours"]]


def _neighbours(invoke, job: str, *opts: str, data: str | None = None) -> dict[str, Any]:
    pre = ("--data", data) if data else ()
    return as_json(invoke(*pre, "neighbours", job, *opts, "--format", "json"))


@pytest.mark.parametrize("direction", ["in", "out", "both"])
def test_neighbours_direction_keeps_that_side(invoke, ds, direction):
    """``--direction in`` lists only incoming jobs, ``out`` only outgoing, ``both`` both; each
    side holds every declared move of the card on that side."""
    data = _neighbours(invoke, E_SANTE, "--direction", direction)
    assert data["direction"] == direction
    incoming = {n["job"]["id"] for n in _flatten(data["incoming"])}
    outgoing = {n["job"]["id"] for n in _flatten(data["outgoing"])}
    declared_in = {a for a, b in declared_moves(ds) if b == E_SANTE}
    declared_out = {b for a, b in declared_moves(ds) if a == E_SANTE}
    assert len(declared_in) == 9 and len(declared_out) == 3  # the card's chart
    assert (incoming >= declared_in) == (direction != "out")
    assert (outgoing >= declared_out) == (direction != "in")
    assert (incoming == set()) == (direction == "out")
    assert (outgoing == set()) == (direction == "in")


def test_neighbours_direction_is_case_insensitive(invoke):
    """``--direction IN`` is ``--direction in``."""
    assert _neighbours(invoke, E_SANTE, "--direction", "IN") == _neighbours(
        invoke, E_SANTE, "--direction", "in")


def test_neighbours_kind_declared_is_the_cards_moves(invoke, ds):
    """``--kind declared`` lists exactly the moves of mobilites.json, each marked declared."""
    data = _neighbours(invoke, E_SANTE, "--kind", "declared")
    listed = ({(n["job"]["id"], E_SANTE) for n in _flatten(data["incoming"])}
              | {(E_SANTE, n["job"]["id"]) for n in _flatten(data["outgoing"])})
    assert listed == {m for m in declared_moves(ds) if E_SANTE in m}
    assert all(n["kind"] == "declared" and n["parts"]["declared"]
               for n in _flatten(data["incoming"]) + _flatten(data["outgoing"]))


def test_neighbours_kind_computed_and_all(invoke):
    """``--kind computed`` keeps the moves close enough by both thresholds; ``all`` is the union
    of declared and computed."""
    def ids(kind: str) -> set[tuple[str, str]]:
        data = _neighbours(invoke, IOT, "--kind", kind)
        return ({("in", n["job"]["id"]) for n in _flatten(data["incoming"])}
                | {("out", n["job"]["id"]) for n in _flatten(data["outgoing"])})

    computed = _neighbours(invoke, IOT, "--kind", "computed")
    listed = _flatten(computed["incoming"]) + _flatten(computed["outgoing"])
    assert listed
    for n in listed:
        assert n["parts"]["computed"] is True
        assert n["parts"]["similarity"] >= 0.75 and n["parts"]["max_jump"] <= 2
    assert ids("all") == ids("declared") | ids("computed")
    assert ids("declared") and not ids("declared") & ids("computed")  # none is both, here


def _also_computed_move(raw: Any) -> None:
    # Architecte IoT -> Spécialiste DevOps is a computed move (similarity 0.939, jump 1): declare it.
    raw["mobilities"].append({"from": IOT, "to": "specialiste-devops", "declared_by": IOT,
                              "direction": "evolution", "ring": "forte", "provenance": "card"})


def test_neighbours_kind_computed_keeps_a_declared_move_the_model_also_computes(invoke,
                                                                                make_dataset):
    """A declared move that the model would also compute is listed by ``--kind computed`` and by
    ``--kind declared``, as a declared move with the declared factor in its cost."""
    folder = str(make_dataset(mobilites=_also_computed_move))
    for kind in ("computed", "declared"):
        data = _neighbours(invoke, IOT, "--direction", "out", "--kind", kind, data=folder)
        devops = [n for n in _flatten(data["outgoing"]) if n["job"]["id"] == "specialiste-devops"]
        assert len(devops) == 1, kind
        assert devops[0]["kind"] == "declared" and devops[0]["ring"] == "forte"
        # climb 1, jump 1, unused 1: (1 + 0.5 + 0.1) x 0.75 + 0.5 = 1.7
        assert devops[0]["cost"] == 1.7


def test_neighbours_top_keeps_the_cheapest_per_direction(invoke):
    """``--top N`` keeps, on each side, the N cheapest neighbours of the full list, in order."""
    full = _neighbours(invoke, E_SANTE)
    for n in (1, 2, 3):
        top = _neighbours(invoke, E_SANTE, "--top", str(n))
        assert top["top"] == n
        for side in ("incoming", "outgoing"):
            assert _flatten(top[side]) == _flatten(full[side])[:n]


def test_neighbours_are_sorted_and_grouped_by_band(invoke, ds):
    """Each side is sorted by cost, then id, and grouped in bands by the cost thresholds
    (proche <= 3 < accessible <= 6 < lointaine)."""
    data = _neighbours(invoke, E_SANTE)
    for side in ("incoming", "outgoing"):
        listed = _flatten(data[side])
        assert [(n["cost"], n["job"]["id"]) for n in listed] == sorted(
            (n["cost"], n["job"]["id"]) for n in listed)
        for group in data[side]:
            for n in group["neighbours"]:
                expected = ("proche" if n["cost"] <= 3 else
                            "accessible" if n["cost"] <= 6 else "lointaine")
                assert group["band"] == n["band"] == expected


def test_neighbours_costs_agree_with_gap_both_ways(invoke):
    """A neighbour's cost and cost back are the costs ``gap`` gives for the two moves."""
    data = _neighbours(invoke, E_SANTE, "--direction", "out")
    for n in _flatten(data["outgoing"]):
        there = as_json(invoke("gap", E_SANTE, n["job"]["id"], "--format", "json"))
        back = as_json(invoke("gap", n["job"]["id"], E_SANTE, "--format", "json"))
        assert n["cost"] == there["transition"]["cost"]
        assert n["reverse_cost"] == back["transition"]["cost"]


def test_neighbours_json_marks_estimated_costs(invoke):
    """Every neighbour cost uses some estimated level, so its provenance is 'estimate'."""
    data = _neighbours(invoke, E_SANTE)
    listed = _flatten(data["incoming"]) + _flatten(data["outgoing"])
    assert listed and all(n["provenance"] == "estimate" for n in listed)


def test_neighbours_csv_has_one_row_per_neighbour(invoke):
    """The CSV has one row per neighbour, incoming first, with the JSON's ids, kinds and costs."""
    data = _neighbours(invoke, E_SANTE)
    rows = as_csv(invoke("neighbours", E_SANTE, "--format", "csv"))
    expected = ([("in", n["job"]["id"], n["kind"], n["cost"]) for n in _flatten(data["incoming"])]
                + [("out", n["job"]["id"], n["kind"], n["cost"])
                   for n in _flatten(data["outgoing"])])
    assert [(r["direction"], r["id"], r["kind"], float(r["cost"])) for r in rows] == expected


@pytest.mark.parametrize("direction", ["in", "out"])
def test_neighbours_table_shows_only_the_side_asked(invoke, ds, direction):
    """The table of ``--direction in`` (``out``) has the 'leading to' ('reachable from') heading
    only."""
    out = flat(ok(invoke("neighbours", E_SANTE, "--direction", direction, env=WIDE)))
    title = ds.job(E_SANTE).title
    shown, hidden = (("side_in_title", "side_out_title") if direction == "in"
                     else ("side_out_title", "side_in_title"))
    assert f"{t(shown)} {title}" in out
    assert t(hidden) not in out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_neighbours_empty_side_in_machine_formats(invoke, fmt):
    """No computed move leads to the card's job (a jump of 3 in health technologies): JSON and
    CSV say so with an empty list, and exit 0."""
    out = ok(invoke("neighbours", E_SANTE, "--direction", "in", "--kind", "computed",
                    "--format", fmt))
    if fmt == "json":
        assert json.loads(out)["incoming"] == []
    else:
        assert len(list(csv.reader(io.StringIO(out)))) == 1  # the header only


@pytest.mark.parametrize(
    "args",
    [("neighbours", E_SANTE, "--direction", "in", "--kind", "computed"),
     ("neighbours", E_SANTE, "--direction", "in", "--kind", "computed", "--format", "markdown"),
     ("--data", ISLAND, "neighbours", "y", "--direction", "out")],
    ids=["table", "markdown", "island-table"],
)
def test_neighbours_empty_side_in_human_formats(invoke, args):
    """A side with no neighbour is a plain answer in tables and Markdown: exit 0, 'no neighbour'."""
    out = ok(invoke(*args))
    assert flat(t("no_neighbour")) in flat(out)


# -- paths --------------------------------------------------------------------------------------------


def _paths(invoke, *args: str, data: str | None = None) -> dict[str, Any]:
    pre = ("--data", data) if data else ()
    return as_json(invoke(*pre, "paths", *args, "--format", "json"))


def check_route_contract(data: dict[str, Any], source: str, target: str, k: int) -> None:
    """The JSON contract of ``paths``: at most k distinct routes from FROM to TO, each with a
    number cost equal to the sum of its steps' costs, its steps chaining its jobs."""
    assert {"schema_version", "data_version", "paths"} <= set(data)
    routes = data["paths"]
    assert 1 <= len(routes) <= k
    assert len({tuple(r["jobs"]) for r in routes}) == len(routes)
    for r in routes:
        jobs = r["jobs"]
        assert jobs[0] == source and jobs[-1] == target
        assert len(set(jobs)) == len(jobs)  # simple: no job visited twice
        assert isinstance(r["cost"], (int, float)) and not isinstance(r["cost"], bool)
        assert len(r["steps"]) == len(jobs) - 1
        assert [(s["from"], s["to"]) for s in r["steps"]] == list(pairwise(jobs))
        assert units(r["cost"]) == sum(units(s["cost"]) for s in r["steps"])


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_paths_json_contract(invoke, k):
    """``paths --k N``: at most N distinct routes, FROM first and TO last, cost = sum of steps,
    sorted by cost (objective levels)."""
    data = _paths(invoke, DS, GREEN, "--k", str(k))
    check_route_contract(data, DS, GREEN, k)
    costs = [units(r["cost"]) for r in data["paths"]]
    assert costs == sorted(costs)
    assert data["k"] == k and data["objective"] == "levels"


def test_paths_default_k_is_3(invoke):
    """Without ``--k``, paths gives three routes when three exist."""
    assert len(_paths(invoke, DS, GREEN)["paths"]) == 3


def test_paths_step_cost_follows_the_formula(invoke, ds):
    """Each step's cost is (climb x 1 + jump x 0.5 + unused x 0.1) x factor + 0.5 with the
    levels of the data, the factor 0.75 exactly for the moves mobilites.json declares; steps
    and routes computed from estimated levels carry provenance 'estimate'."""
    declared = declared_moves(ds)
    data = _paths(invoke, DS, GREEN, "--k", "5")
    for r in data["paths"]:
        for s in r["steps"]:
            climb, jump, unused = move_counts(ds, s["from"], s["to"])
            is_declared = (s["from"], s["to"]) in declared
            assert (s["kind"] == "declared") == is_declared
            factor = 0.75 if is_declared else 1.0
            assert s["cost"] == round((climb + 0.5 * jump + 0.1 * unused) * factor + 0.5, 3)
            assert (s["parts"]["climb"], s["parts"]["max_jump"], s["parts"]["unused"]) == (
                climb, jump, unused)
            assert s["provenance"] == "estimate"  # every move touches an estimated job
        assert r["provenance"] == "estimate"


# The oracle: every edge of the graph, as ``neighbours JOB --direction out`` reports it.

_CLEAN = {"ESANTE_DATA": None, "ESANTE_MODEL": None, "ESANTE_LANG": None, "ESANTE_DEBUG": None}


@pytest.fixture(scope="module")
def edges() -> dict[tuple[str, str], dict[str, Any]]:
    """(from, to) -> the outgoing neighbour entry, for every job of the packaged data."""
    runner = CliRunner()
    data = str(packaged_data_dir())

    def run(*args: str) -> Any:
        result = runner.invoke(app, ["--data", data, *args, "--format", "json"], env=_CLEAN)
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    found = {}
    for job in run("list")["jobs"]:
        for group in run("neighbours", job["id"], "--direction", "out")["outgoing"]:
            for n in group["neighbours"]:
                found[(job["id"], n["job"]["id"])] = n
    return found


def simple_routes(edges, source: str, target: str, *, avoid: tuple[str, ...] = (),
                  max_hops: int | None = None, declared_only: bool = False) -> Iterator[tuple]:
    """Every simple route from source to target over ``edges``, by depth-first search."""
    succ: dict[str, list[str]] = {}
    for (a, b), n in edges.items():
        if not declared_only or n["kind"] == "declared":
            succ.setdefault(a, []).append(b)

    def walk(route: tuple[str, ...]) -> Iterator[tuple]:
        if route[-1] == target:
            yield route
            return
        if max_hops is not None and len(route) - 1 >= max_hops:
            return
        for nxt in sorted(succ.get(route[-1], [])):
            if nxt not in route and nxt not in avoid:
                yield from walk(route + (nxt,))

    yield from walk((source,))


def ranked(edges, routes, objective: str) -> list[tuple[str, ...]]:
    """Routes in the documented order: objective, then cost, then job ids."""
    def key(route: tuple[str, ...]) -> tuple:
        steps = [edges[pair] for pair in pairwise(route)]
        cost = sum(units(s["cost"]) for s in steps)
        if objective == "hops":
            return (len(steps), cost, route)
        if objective == "max-jump":
            return (max(s["parts"]["max_jump"] for s in steps), cost, route)
        return (cost, route)

    return sorted(routes, key=key)


def test_edge_oracle_matches_the_documented_graph(edges, ds):
    """The oracle holds the graph docs/model.md describes: 12 declared and 62 computed edges."""
    assert {pair for pair, n in edges.items() if n["kind"] == "declared"} == declared_moves(ds)
    assert sum(1 for n in edges.values() if n["kind"] == "computed") == 62


CONSTRAINED = {
    "none": {},
    "avoid": {"avoid": (IA_EMB, IOT, "specialiste-devops")},
    "max-hops": {"max_hops": 2},
    "declared-only": {"declared_only": True},
    "avoid+max-hops": {"avoid": (E_SANTE,), "max_hops": 3},
}


def _cli_options(c: dict[str, Any]) -> list[str]:
    opts = []
    for job in c.get("avoid", ()):
        opts += ["--avoid", job]
    if "max_hops" in c:
        opts += ["--max-hops", str(c["max_hops"])]
    if c.get("declared_only"):
        opts.append("--declared-only")
    return opts


@pytest.mark.parametrize("constraint", CONSTRAINED, ids=str)
@pytest.mark.parametrize("objective", ["levels", "hops", "max-jump"])
@pytest.mark.parametrize(("source", "target"), [(DS, GREEN), (IOT, DE), ("ux-ui-designer", E_SANTE)])
def test_paths_are_the_k_best_routes_of_the_graph(invoke, edges, source, target, objective,
                                                 constraint):
    """``paths`` gives the k best simple routes over the edges ``neighbours`` reports, in the
    documented order, for each objective and constraint."""
    c = dict(CONSTRAINED[constraint])
    if "avoid" in c:  # a route's own ends cannot be avoided
        c["avoid"] = tuple(x for x in c["avoid"] if x not in (source, target))
    expected = ranked(edges, simple_routes(edges, source, target, **c), objective)[:4]
    result = invoke("paths", source, target, "--k", "4", "--objective", objective,
                    *_cli_options(c), "--format", "json")
    if not expected:
        assert result.exit_code == ExitCode.NO_ROUTE
        return
    data = as_json(result)
    assert [tuple(r["jobs"]) for r in data["paths"]] == expected
    for r in data["paths"]:
        for s in r["steps"]:
            assert s["cost"] == edges[(s["from"], s["to"])]["cost"]


def test_paths_objective_hops_puts_the_fewest_steps_first(invoke, edges):
    """``--objective hops``: routes sorted by steps, then cost; the first has the fewest steps."""
    fewest = min(len(r) - 1 for r in simple_routes(edges, IOT, DE))
    data = _paths(invoke, IOT, DE, "--objective", "hops", "--k", "5")
    check_route_contract(data, IOT, DE, 5)
    keys = [(len(r["steps"]), units(r["cost"])) for r in data["paths"]]
    assert keys == sorted(keys)
    assert keys[0][0] == fewest


def test_paths_objective_max_jump_lowers_the_largest_jump(invoke, edges):
    """``--objective max-jump``: routes sorted by largest jump, then cost; from Data Scientist to
    Responsable Green IT the first climbs one level at most per competence and step, though it
    costs more than the cheapest route (docs/model.md: 19.8 against 14.9)."""
    data = _paths(invoke, DS, GREEN, "--objective", "MAX-JUMP", "--k", "3")
    check_route_contract(data, DS, GREEN, 3)
    keys = [(r["max_jump"], units(r["cost"])) for r in data["paths"]]
    assert keys == sorted(keys)
    for r in data["paths"]:
        assert r["max_jump"] == max(s["parts"]["max_jump"] for s in r["steps"])
    best = min(max(edges[p]["parts"]["max_jump"] for p in pairwise(r))
               for r in simple_routes(edges, DS, GREEN))
    assert best == 1 and keys[0][0] == best
    cheapest = _paths(invoke, DS, GREEN, "--k", "1")["paths"][0]
    assert data["paths"][0]["cost"] > cheapest["cost"]
    assert data["paths"][0]["max_jump"] < cheapest["max_jump"]


def test_paths_avoid_keeps_every_avoided_job_off_every_route(invoke):
    """``--avoid`` (repeatable): the avoided jobs, on the unconstrained routes, are on none now."""
    free = _paths(invoke, DS, GREEN, "--k", "3")
    on_free = {x for r in free["paths"] for x in r["jobs"]}
    assert {IA_EMB, IOT} <= on_free
    data = _paths(invoke, DS, GREEN, "--k", "5", "--avoid", IA_EMB, "--avoid", "Architecte IoT")
    check_route_contract(data, DS, GREEN, 5)
    assert data["constraints"]["avoid"] == sorted([IA_EMB, IOT])
    for r in data["paths"]:
        assert IA_EMB not in r["jobs"] and IOT not in r["jobs"]


def test_paths_via_puts_the_job_on_every_route(invoke):
    """``--via JOB``: every route passes through JOB, which the unconstrained best routes skip."""
    assert all(DE not in r["jobs"] for r in _paths(invoke, DS, GREEN)["paths"])
    data = _paths(invoke, DS, GREEN, "--via", "Data Engineer", "--k", "4")
    check_route_contract(data, DS, GREEN, 4)
    assert data["constraints"]["via"] == DE
    assert all(DE in r["jobs"][1:-1] for r in data["paths"])


def test_paths_max_hops_is_respected(invoke):
    """``--max-hops N``: no route has more than N steps, though longer routes exist otherwise."""
    free = _paths(invoke, DS, GREEN, "--k", "5")
    assert max(len(r["steps"]) for r in free["paths"]) > 2
    data = _paths(invoke, DS, GREEN, "--k", "5", "--max-hops", "2")
    check_route_contract(data, DS, GREEN, 5)
    assert all(len(r["steps"]) <= 2 for r in data["paths"])
    assert data["constraints"]["max_hops"] == 2


def test_paths_declared_only_uses_declared_steps(invoke, ds):
    """``--declared-only``: every step is a move of mobilites.json, of kind declared."""
    declared = declared_moves(ds)
    data = _paths(invoke, DS, GREEN, "--declared-only", "--k", "5")
    check_route_contract(data, DS, GREEN, 5)
    for r in data["paths"]:
        for s in r["steps"]:
            assert s["kind"] == "declared"
            assert (s["from"], s["to"]) in declared
    # only the card's star: Data Scientist -> Spécialiste e-santé -> Responsable Green IT
    assert [r["jobs"] for r in data["paths"]] == [[DS, E_SANTE, GREEN]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_paths_from_a_job_to_itself(invoke, ds, fmt):
    """FROM equal to TO exits 0 with a plain answer: one route of zero steps and cost 0."""
    out = ok(invoke("paths", DS, "Data Scientist", "--format", fmt))
    if fmt == "json":
        [route] = json.loads(out)["paths"]
        assert route["jobs"] == [DS] and route["steps"] == [] and route["cost"] == 0
    elif fmt == "csv":
        [row] = list(csv.DictReader(io.StringIO(out)))
        assert (row["from"], row["to"], row["step"], float(row["route_cost"])) == (DS, DS, "0", 0)
    else:
        assert flat(t("same_job")) in flat(out)
        assert ds.job(DS).title in out


@pytest.mark.parametrize(
    "args",
    [("paths", DS, GREEN, "--declared-only", "--max-hops", "1"),
     ("paths", DS, GREEN, "--declared-only", "--max-hops", "1", "--format", "json"),
     ("paths", DS, GREEN, "--via", DE, "--max-hops", "2"),
     ("--data", ISLAND, "paths", "x", "y"),
     ("--data", ISLAND, "paths", "Job Z", "Job Y", "--format", "csv")],
    ids=["declared-max-hops", "json", "via-max-hops", "island", "island-csv"],
)
def test_no_route_exits_5_with_one_line(invoke, args):
    """No route within the constraints exits 5 with one ``esante: error:`` line naming both
    jobs, nothing on stdout and no traceback."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.NO_ROUTE
    line = one_error_line(result)
    assert "no route" in line


def test_no_route_message_names_the_constraints(invoke):
    """The message names the constraints and says that a route exists without them."""
    line = one_error_line(invoke("paths", DS, GREEN, "--declared-only", "--max-hops", "1"))
    assert f"no route from {DS} to {GREEN}" in line
    assert "at most 1 step" in line and "declared moves only" in line
    assert "without these constraints a route exists" in line


def test_island_job_reaches_its_neighbour_but_not_the_island(invoke):
    """On the island fixture x reaches z (one level of Bêta: 1 + 0.5 + 0.5 = 2), not y."""
    data = _paths(invoke, "x", "z", data=ISLAND)
    assert [(r["jobs"], r["cost"]) for r in data["paths"]] == [(["x", "z"], 2.0)]
    assert invoke("--data", ISLAND, "paths", "z", "y").exit_code == ExitCode.NO_ROUTE


def test_paths_table_tells_when_fewer_routes_than_asked(invoke):
    """When fewer routes exist than ``--k`` asks, the table says how many were found."""
    out = ok(invoke("--data", ISLAND, "paths", "x", "z", "--k", "3"))
    assert flat(t("fewer_routes").format(found=1, k=3)) in flat(out)


# Data Scientist -> Spécialiste IA embarquée (computed), levels of the data (DS -> IA):
# cycle-de-vie 1->3, diagnostic 2->3, ecoconception 1->3, risques 1->2: climb 6, jump 2;
# donnees-massives 3->1: unused 2. (6 x 1 + 2 x 0.5 + 2 x 0.1 = 7.2) x 1 + 0.5 = 7.7.
# Data Scientist -> Spécialiste e-santé (declared): climb 12, jump 3 (health tech 1->4), unused 1
# (donnees-massives 3->2). (12 + 1.5 + 0.1 = 13.6) x 0.75 + 0.5 = 10.7.
EXPLAINED = [
    "(6 à gravir × 1 + saut 2 × 0.5 + 2 inutilisés × 0.1 = 7.2) × 1 + 0.5 = 7.7",
    "(12 à gravir × 1 + saut 3 × 0.5 + 1 inutilisés × 0.1 = 13.6) × 0.75 + 0.5 = 10.7",
]


def test_explain_counts_match_the_data(ds):
    """The hand-worked counts of ``EXPLAINED`` are those of the data's levels."""
    assert move_counts(ds, DS, IA_EMB) == (6, 2, 2)
    assert move_counts(ds, DS, E_SANTE) == (12, 3, 1)


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_explain_adds_the_cost_breakdown_to_each_step(invoke, fmt):
    """``--explain`` writes under each step's cost the weighted sum and the factor of the
    formula; without it they are absent."""
    args = ("paths", DS, GREEN, "--k", "2", "--format", fmt)
    explained = ok(invoke(*args, "--explain", env=WIDE))
    plain = ok(invoke(*args, env=WIDE))
    for line in EXPLAINED:
        assert line in explained
        assert line not in plain
    assert flat(t("explain_legend")) in flat(explained)
    assert flat(t("explain_legend")) not in flat(plain)


def test_explain_breaks_down_every_step_from_its_parts(invoke):
    """Every step of every route gets its breakdown, built from the parts the JSON gives."""
    data = _paths(invoke, DS, GREEN, "--k", "5")
    out = ok(invoke("paths", DS, GREEN, "--k", "5", "--explain", env=WIDE))

    def num(x: float) -> str:
        return f"{x:.3f}".rstrip("0").rstrip(".")

    for r in data["paths"]:
        for s in r["steps"]:
            p = s["parts"]
            assert (f"({p['climb']} à gravir × 1 + saut {p['max_jump']} × 0.5 + {p['unused']} "
                    f"inutilisés × 0.1 = {num(p['weighted'])}) × {num(p['factor'])} + 0.5 = "
                    f"{num(s['cost'])}") in out


def test_paths_table_titles_each_route(invoke, ds):
    """The table heads each route with its chain of titles and its cost."""
    data = _paths(invoke, DS, GREEN)
    out = flat(ok(invoke("paths", DS, GREEN, env=WIDE)))
    for n, r in enumerate(data["paths"], 1):
        chain = " → ".join(ds.job(x).title for x in r["jobs"])
        assert f"Chemin {n} : {chain} — coût {r['cost']:g}" in out


def test_paths_csv_has_one_row_per_step(invoke):
    """The CSV has one row per step; each route's cost is the sum of its rows' costs."""
    data = _paths(invoke, DS, GREEN, "--k", "4")
    rows = as_csv(invoke("paths", DS, GREEN, "--k", "4", "--format", "csv"))
    assert [(int(r["route"]), r["from"], r["to"], r["kind"], float(r["cost"])) for r in rows] == [
        (n, s["from"], s["to"], s["kind"], s["cost"])
        for n, route in enumerate(data["paths"], 1) for s in route["steps"]]
    for n, route in enumerate(data["paths"], 1):
        mine = [r for r in rows if int(r["route"]) == n]
        assert {float(r["route_cost"]) for r in mine} == {route["cost"]}
        assert sum(units(float(r["cost"])) for r in mine) == units(route["cost"])


@pytest.mark.parametrize(
    "args",
    [("paths", DS, GREEN, "--k", "0"), ("paths", DS, GREEN, "--max-hops", "0"),
     ("paths", DS, GREEN, "--objective", "fastest"), ("paths", DS),
     ("neighbours", E_SANTE, "--direction", "sideways"), ("neighbours", E_SANTE, "--kind", "x"),
     ("neighbours", E_SANTE, "--top", "0"), ("recommend", IOT, "--top", "0"), ("gap", DS)],
    ids=["k0", "max-hops0", "objective", "paths-one-job", "direction", "kind", "neighbours-top0",
         "recommend-top0", "gap-one-job"],
)
def test_bad_option_values_are_usage_errors(invoke, args):
    """Out-of-range or unknown option values, and missing jobs, exit 2 with the usage hint."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert "Traceback" not in result.output


# -- compare -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [(DE, DS), (DE, DS, E_SANTE), (E_SANTE, IOT, DS)],
                         ids=["two", "three", "three-other-order"])
def test_compare_json(invoke, ds, jobs):
    """``compare``: the jobs in the order given, each competence's levels and provenances as in
    the data, ``differs`` when the levels differ, and every ordered pair's cost."""
    data = as_json(invoke("compare", *jobs, "--format", "json"))
    assert [j["id"] for j in data["jobs"]] == list(jobs)
    assert [c["id"] for c in data["competences"]] == [c.id for c in ds.levelled_competences]
    for comp in data["competences"]:
        levels = [lv["level"] for lv in comp["levels"]]
        assert [lv["job"] for lv in comp["levels"]] == list(jobs)
        assert levels == [levels_of(ds, j)[comp["id"]] for j in jobs]
        assert comp["differs"] == (len(set(levels)) > 1)
        for lv in comp["levels"]:
            expected = "card" if lv["job"] == E_SANTE else "estimate"
            assert lv["provenance"] == expected
    pairs = [(p["from"], p["to"]) for p in data["pairs"]]
    assert pairs == [(a, b) for a in jobs for b in jobs if a != b]
    assert all(p["provenance"] == "estimate" for p in data["pairs"])


def test_compare_pair_costs_are_the_gap_costs(invoke):
    """Each pair cost of ``compare`` is the cost ``gap`` gives for that move."""
    data = as_json(invoke("compare", DE, DS, E_SANTE, "--format", "json"))
    for p in data["pairs"]:
        gap = as_json(invoke("gap", p["from"], p["to"], "--format", "json"))
        assert p["cost"] == gap["transition"]["cost"]


def test_compare_strengths(invoke, ds):
    """Shared strengths are the competences every job has at level 3 or more; distinct ones
    those only some have."""
    jobs = (DE, DS, E_SANTE)
    data = as_json(invoke("compare", *jobs, "--format", "json"))
    levels = {j: levels_of(ds, j) for j in jobs}
    strong = {j: {c for c, lv in levels[j].items() if lv is not None and lv >= 3} for j in jobs}
    shared = set.intersection(*strong.values())
    assert set(data["shared_strengths"]) == shared
    for entry in data["distinct_strengths"]:
        assert set(entry["competences"]) == strong[entry["job"]] - shared


def test_compare_csv_has_a_column_per_job(invoke, ds):
    """The CSV has one column of levels per job (named by id) and one row per competence."""
    rows = as_csv(invoke("compare", DE, DS, E_SANTE, "--format", "csv"))
    assert [r["id"] for r in rows] == [c.id for c in ds.levelled_competences]
    for r in rows:
        for job in (DE, DS, E_SANTE):
            assert int(r[job]) == levels_of(ds, job)[r["id"]]


def test_compare_table_marks_differences(invoke, ds):
    """The table shows each job's title and marks with ``≠`` exactly the competences that differ."""
    out = ok(invoke("compare", DE, DS, env=WIDE))
    for job in (DE, DS):
        assert ds.job(job).title in out
    a, b = levels_of(ds, DE), levels_of(ds, DS)
    differing = sum(1 for c in a if a[c] != b[c])
    assert 0 < differing < len(a)
    assert out.count("≠") == differing


@pytest.mark.parametrize(
    "jobs",
    [(DE,), (DE, DE), (DE, "Data Engineer"), (DE, DS, DE)],
    ids=["one", "twice", "twice-by-two-names", "three-with-a-repeat"],
)
def test_compare_needs_two_different_jobs(invoke, jobs):
    """One job, or the same job twice (however named), is a usage error: exit 2, no output."""
    result = invoke("compare", *jobs)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    assert "two different jobs" in flat(result.stderr)


# -- gap ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("source", "target"), [(DS, E_SANTE), (E_SANTE, DS), (IOT, GREEN)])
def test_gap_json_contract(invoke, ds, source, target):
    """``gap``: from/to, one item per competence the target levels with current, required,
    delta = required - current and a provenance; total_levels is the sum of positive deltas;
    items are sorted by deficit, largest first."""
    data = as_json(invoke("gap", source, target, "--format", "json"))
    assert (data["from"]["id"], data["to"]["id"]) == (source, target)
    src, tgt = levels_of(ds, source), levels_of(ds, target)
    items = data["items"]
    assert {it["id"] for it in items} == {c for c, lv in tgt.items() if lv is not None}
    for it in items:
        assert {"id", "label", "current", "required", "delta", "provenance"} <= set(it)
        assert it["label"] == ds.competence(it["id"]).label
        assert (it["current"], it["required"]) == (src[it["id"]], tgt[it["id"]])
        assert it["delta"] == it["required"] - (it["current"] or 0)
        assert it["provenance"] == "estimate"  # one side of every move here is estimated
    deltas = [it["delta"] for it in items]
    assert deltas == sorted(deltas, reverse=True)
    assert data["total_levels"] == sum(d for d in deltas if d > 0)
    assert data["total_levels"] == move_counts(ds, source, target)[0]


def test_gap_data_scientist_to_the_card_job(invoke):
    """Data Scientist -> Spécialiste e-santé: 12 levels over 7 competences, health technologies
    first (1 -> 4), as docs/model.md and the README show."""
    data = as_json(invoke("gap", DS, E_SANTE, "--format", "json"))
    first = data["items"][0]
    assert (first["id"], first["current"], first["required"], first["delta"]) == (
        "technologies-sante", 1, 4, 3)
    assert [lv["level"] for lv in first["to_learn"]] == [2, 3, 4]
    assert data["total_levels"] == 12 and data["to_raise"] == 7


def test_gap_table_lists_the_rises_and_the_total(invoke, ds):
    """The table lists each competence to raise with ``+delta`` (estimated levels starred) and
    the total; competences already at the need are left out."""
    data = as_json(invoke("gap", DS, E_SANTE, "--format", "json"))
    out = ok(invoke("gap", DS, E_SANTE, env=WIDE))
    lines = out.splitlines()
    for it in data["items"]:
        rows = [ln for ln in lines if f"│ {it['label']} " in ln]
        if it["delta"] > 0:
            [row] = [r for r in rows if f"+{it['delta']}" in r]
            cells = [c.strip() for c in row.split("│")[1:-1]]
            assert cells == [it["label"], f"{it['current']}*", str(it["required"]),
                             f"+{it['delta']}"]
        elif it["delta"] == 0:
            assert it["label"] not in out
    assert f"Total : {data['total_levels']} niveau(x)" in out


def test_gap_csv_is_the_json_items(invoke):
    """The CSV has one row per item, with the JSON's values, in the same order."""
    data = as_json(invoke("gap", DS, E_SANTE, "--format", "json"))
    rows = as_csv(invoke("gap", DS, E_SANTE, "--format", "csv"))
    assert [(r["id"], int(r["current"]), int(r["required"]), int(r["delta"]), r["provenance"])
            for r in rows] == [(it["id"], it["current"], it["required"], it["delta"],
                                it["provenance"]) for it in data["items"]]


# -- recommend ----------------------------------------------------------------------------------------------


def test_recommend_json_ranks_by_cost(invoke, ds):
    """``recommend``: at most 5 items by default, ranked 1..n by cost, each a move of the graph,
    each with its cost's parts and provenance 'estimate'."""
    data = as_json(invoke("recommend", IOT, "--format", "json"))
    items = data["items"]
    assert len(items) == 5 and data["top"] == 5
    assert [it["rank"] for it in items] == [1, 2, 3, 4, 5]
    keys = [(it["cost"], it["job"]["id"]) for it in items]
    assert keys == sorted(keys)
    for it in items:
        assert it["kind"] in ("declared", "computed")
        assert it["provenance"] == "estimate"
        climb, jump, unused = move_counts(ds, IOT, it["job"]["id"])
        assert (it["parts"]["climb"], it["parts"]["max_jump"], it["parts"]["unused"]) == (
            climb, jump, unused)


def test_recommend_is_the_cheapest_outgoing_neighbours(invoke):
    """Without ``--all``, ``recommend --top N`` is the N cheapest outgoing neighbours."""
    out = _flatten(_neighbours(invoke, IOT, "--direction", "out")["outgoing"])
    for top in (1, 3, len(out), len(out) + 5):
        data = as_json(invoke("recommend", IOT, "--top", str(top), "--format", "json"))
        assert [(it["job"]["id"], it["cost"]) for it in data["items"]] == [
            (n["job"]["id"], n["cost"]) for n in out[:top]]


def test_recommend_all_ranks_jobs_without_a_direct_move(invoke, ds):
    """``--all`` ranks every other job, those no move reaches with kind null."""
    reached = {n["job"]["id"] for n in _flatten(_neighbours(invoke, IOT, "--direction", "out")
                                                ["outgoing"])}
    data = as_json(invoke("recommend", IOT, "--all", "--top", "50", "--format", "json"))
    ids = [it["job"]["id"] for it in data["items"]]
    assert sorted(ids) == sorted(j.id for j in ds.jobs if j.id != IOT)
    unreached = {it["job"]["id"] for it in data["items"] if it["kind"] is None}
    assert unreached == set(ids) - reached
    # docs/model.md: the UX-UI Designer and the AI expert are not reached from Architecte IoT
    assert unreached == {"ux-ui-designer", "expert-en-intelligence-artificielle"}
    costs = [it["cost"] for it in data["items"]]
    assert costs == sorted(costs)


def test_recommend_csv_is_the_json_items(invoke):
    """The CSV has one row per recommendation, in rank order, with the JSON's cost and band."""
    data = as_json(invoke("recommend", IOT, "--top", "9", "--format", "json"))
    rows = as_csv(invoke("recommend", IOT, "--top", "9", "--format", "csv"))
    assert [(int(r["rank"]), r["id"], float(r["cost"]), r["band"]) for r in rows] == [
        (it["rank"], it["job"]["id"], it["cost"], it["band"]) for it in data["items"]]


# -- estimates stay marked -----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("compare", DS, E_SANTE), ("recommend", IOT, "--top", "8")],
                         ids=["compare", "recommend"])
def test_inferred_declared_moves_are_marked_everywhere(invoke, ds, args):
    """A declared move whose placement is inferred from the chart is marked ``†`` with its
    footnote in every table that shows it, as ``neighbours`` and ``paths`` do."""
    assert {m.provenance for m in ds.mobilities} == {"inferred"}
    shown = ok(invoke(*args, env=WIDE))
    assert t("kind_declared") in shown  # the table does show a declared move
    assert f"{t('kind_declared')}†" in shown
    assert flat(t("mark_inferred")) in flat(shown)


@pytest.mark.parametrize(
    "args", [("neighbours", E_SANTE, "--direction", "out"), ("paths", DS, GREEN, "--declared-only")],
    ids=["neighbours", "paths"])
def test_neighbours_and_paths_mark_inferred_declared_moves(invoke, args):
    """``neighbours`` and ``paths`` mark an inferred declared move ``†``, with its footnote."""
    shown = ok(invoke(*args, env=WIDE))
    assert f"{t('kind_declared')}†" in shown
    assert flat(t("mark_inferred")) in flat(shown)


# -- --lang en ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "english", "french"),
    [(("gap", DS, E_SANTE), ["gap", "current", "required", "to_learn"],
      ["current", "required", "to_learn"]),
     (("paths", DS, GREEN), ["move", "rises", "kind"], ["move", "rises"]),
     (("recommend", IOT), ["recommend", "reverse_cost"], ["recommend", "reverse_cost"]),
     (("neighbours", E_SANTE), ["side_in_title", "side_out_title"], ["side_in_title"]),
     (("compare", DE, DS), ["levels_side_by_side", "pair_costs"], ["levels_side_by_side"])],
    ids=["gap", "paths", "recommend", "neighbours", "compare"],
)
def test_lang_en_gives_english_headings(invoke, args, english, french):
    """``--lang en`` gives English headings and columns instead of the French ones."""
    en = flat(ok(invoke("--lang", "en", *args, env=WIDE)))
    fr = flat(ok(invoke(*args, env=WIDE)))
    for key in english:
        assert flat(t(key, "en")) in en, key
    for key in french:
        assert flat(t(key, "fr")) not in en, key
        assert flat(t(key, "fr")) in fr, key


def test_lang_en_route_titles(invoke):
    """``--lang en`` titles routes 'Route N: ...' and the estimate footnote is English."""
    en = flat(ok(invoke("--lang", "en", "paths", DS, GREEN, "--k", "1", env=WIDE)))
    assert "Route 1: Data Scientist →" in en and "Chemin 1" not in en
    assert flat(t("mark_estimate", "en")) in en
    assert flat(t("mark_estimate", "fr")) not in en


# -- --model FILE ------------------------------------------------------------------------------------------------

# Architecte IoT -> Spécialiste e-santé is declared; by the levels of the data it climbs 9 levels
# (ecoconception 2->3, health tech 1->4, AI tools 1->3, collaboration 2->4, economics 2->3),
# largest jump 3, nothing unused. The reverse move is not declared: nothing to climb, 9 unused.
# Defaults (docs/model.md): (9 + 0.5 x 3) x 0.75 + 0.5 = 8.375 and 0.1 x 9 + 0.5 = 1.4.
# With MODEL_TOML: (2 x 9 + 1 x 3 + 0.5 x 0 = 21) x 0.5 + 1 = 11.5 and (0.5 x 9 = 4.5) x 1 + 1 = 5.5.
MODEL_TOML = """\
name = "steep"

[weights]
climb = 2.0
max_jump = 1.0
unused = 0.5
declared_factor = 0.5
hop_penalty = 1.0
"""
DEFAULT_THERE, DEFAULT_BACK = 8.375, 1.4
MODEL_THERE, MODEL_BACK = 11.5, 5.5


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "steep.toml"
    path.write_text(MODEL_TOML, encoding="utf-8")
    return path


def test_model_example_counts_match_the_data(ds):
    """The hand-worked counts of the model example are those of the data's levels."""
    assert move_counts(ds, IOT, E_SANTE) == (9, 3, 0)
    assert move_counts(ds, E_SANTE, IOT) == (0, 0, 9)
    assert (IOT, E_SANTE) in declared_moves(ds) and (E_SANTE, IOT) not in declared_moves(ds)


def _model_costs(invoke, *pre: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """The cost of Architecte IoT <-> Spécialiste e-santé as each command reports it."""
    def run(*args: str) -> Any:
        return as_json(invoke(*pre, *args, "--format", "json", env=env))

    gap = run("gap", IOT, E_SANTE)
    back = run("gap", E_SANTE, IOT)
    rec = run("recommend", IOT, "--all", "--top", "20")
    neigh = run("neighbours", E_SANTE, "--direction", "in")
    cmp_ = run("compare", IOT, E_SANTE)
    path = run("paths", IOT, E_SANTE, "--k", "1")
    [iot] = [n for n in _flatten(neigh["incoming"]) if n["job"]["id"] == IOT]
    return {
        "gap": gap["transition"]["cost"],
        "gap-back": back["transition"]["cost"],
        "recommend": next(it["cost"] for it in rec["items"] if it["job"]["id"] == E_SANTE),
        "neighbours": iot["cost"],
        "neighbours-back": iot["reverse_cost"],
        "compare": cmp_["pairs"][0]["cost"],
        "compare-back": cmp_["pairs"][1]["cost"],
        "paths": path["paths"][0]["cost"] if path["paths"][0]["jobs"] == [IOT, E_SANTE] else None,
        "model": gap["model"]["name"],
    }


def _expected(there: float, back: float, name: str) -> dict[str, Any]:
    return {"gap": there, "gap-back": back, "recommend": there, "neighbours": there,
            "neighbours-back": back, "compare": there, "compare-back": back, "paths": there,
            "model": name}


def test_default_model_costs(invoke):
    """Without ``--model`` every command uses the documented defaults (8.375 there, 1.4 back)."""
    assert _model_costs(invoke) == _expected(DEFAULT_THERE, DEFAULT_BACK, "default")


def test_model_file_changes_costs_as_the_formula_says(invoke, model_file):
    """``--model FILE`` with other weights changes every command's costs as the formula says."""
    assert _model_costs(invoke, "--model", str(model_file)) == _expected(
        MODEL_THERE, MODEL_BACK, "steep")


def test_esante_model_env_works_like_the_option(invoke, model_file):
    """``ESANTE_MODEL=FILE`` gives the same costs, and the same bytes, as ``--model FILE``."""
    env = {"ESANTE_MODEL": str(model_file)}
    assert _model_costs(invoke, env=env) == _expected(MODEL_THERE, MODEL_BACK, "steep")
    args = ("paths", DS, GREEN, "--format", "json")
    assert ok(invoke(*args, env=env)) == ok(invoke("--model", str(model_file), *args))


def test_model_weights_show_in_explain(invoke, model_file):
    """``--explain`` shows the weights of the model file in each step's breakdown."""
    out = ok(invoke("--model", str(model_file), "paths", IOT, E_SANTE, "--k", "1", "--explain",
                    env=WIDE))
    assert "(9 à gravir × 2 + saut 3 × 1 + 0 inutilisés × 0.5 = 21) × 0.5 + 1 = 11.5" in out


def test_json_model_file_works_too(invoke, tmp_path):
    """A ``.json`` model file works like the TOML one; fields left out keep their defaults."""
    path = tmp_path / "steep.json"
    path.write_text(json.dumps({"name": "steep", "weights": {"climb": 2, "max_jump": 1,
                                                             "unused": 0.5}}), encoding="utf-8")
    # declared_factor and hop_penalty keep 0.75 and 0.5: 21 x 0.75 + 0.5 = 16.25; 4.5 + 0.5 = 5
    costs = _model_costs(invoke, "--model", str(path))
    assert costs == _expected(16.25, 5.0, "steep")


def test_model_thresholds_change_which_moves_are_computed(invoke, tmp_path):
    """``thresholds.max_jump = 1`` removes every computed move with a jump of 2."""
    path = tmp_path / "careful.toml"
    path.write_text("[thresholds]\nmax_jump = 1\n", encoding="utf-8")
    default = as_json(invoke("recommend", IOT, "--top", "20", "--format", "json"))
    careful = as_json(invoke("--model", str(path), "recommend", IOT, "--top", "20",
                             "--format", "json"))
    assert any(it["kind"] == "computed" and it["parts"]["max_jump"] == 2
               for it in default["items"])
    assert {it["job"]["id"] for it in careful["items"]} == {
        it["job"]["id"] for it in default["items"]
        if it["kind"] == "declared" or it["parts"]["max_jump"] <= 1}


BAD_MODELS = {
    "negative": ("bad.toml", "[weights]\nclimb = -1\n", ["weights.climb", "≥ 0", "-1"]),
    "unknown-field": ("unk.toml", "[weights]\nclimbs = 1\n", ["weights.climbs", "unknown field",
                                                             "did you mean 'climb'"]),
    "unknown-section": ("sec.toml", "[weight]\nclimb = 1\n", ["weight", "unknown field"]),
    "not-a-number": ("nan.toml", '[weights]\nclimb = "a lot"\n', ["weights.climb", "number"]),
    "bands-order": ("bands.toml", "[bands]\nproche = 5\naccessible = 4\n", ["bands", "proche"]),
    "invalid-toml": ("broken.toml", "[weights\nclimb = 1\n", ["invalid TOML"]),
    "invalid-json": ("broken.json", "{\"weights\": ", ["invalid JSON"]),
    "wrong-suffix": ("model.yaml", "weights: {}\n", ["unsupported"]),
}


@pytest.mark.parametrize("case", BAD_MODELS, ids=str)
def test_bad_model_file_exits_3_naming_file_and_field(invoke, tmp_path, case):
    """A model file with a bad value, an unknown field, or bad syntax exits 3 with one line
    naming the file and the field (or the syntax error), and no traceback."""
    name, text, fragments = BAD_MODELS[case]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = invoke("--model", str(path), "gap", DS, E_SANTE)
    assert result.exit_code == ExitCode.INVALID_INPUT
    line = one_error_line(result)
    assert f"{path}: " in line
    for fragment in fragments:
        assert fragment in line, fragment


def test_missing_model_file_exits_3(invoke, tmp_path):
    """A model file that does not exist exits 3 with one line naming it."""
    path = tmp_path / "nowhere.toml"
    result = invoke("--model", str(path), "recommend", IOT)
    assert result.exit_code == ExitCode.INVALID_INPUT
    line = one_error_line(result)
    assert str(path) in line and "not found" in line


@pytest.mark.parametrize("command", COMMANDS, ids=str)
@pytest.mark.parametrize("how", ["option", "env"])
def test_bad_model_file_fails_every_mobility_command(invoke, tmp_path, command, how):
    """Every mobility command refuses a bad model file, given by option or by ``ESANTE_MODEL``."""
    path = tmp_path / "bad.toml"
    path.write_text("[weights]\nclimb = -1\n", encoding="utf-8")
    if how == "option":
        result = invoke("--model", str(path), *COMMANDS[command])
    else:
        result = invoke(*COMMANDS[command], env={"ESANTE_MODEL": str(path)})
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "weights.climb" in one_error_line(result)


# -- determinism -----------------------------------------------------------------------------------------------


def _shuffle_metier(seed: int) -> Callable[[Any], None]:
    def mutate(raw: Any) -> None:
        rng = random.Random(seed)
        rng.shuffle(raw["jobs"])
        for job in raw["jobs"]:
            rng.shuffle(job["competences"])
    return mutate


def _shuffle_mobilites(seed: int) -> Callable[[Any], None]:
    def mutate(raw: Any) -> None:
        random.Random(seed).shuffle(raw["mobilities"])
    return mutate


@pytest.fixture
def shuffled(make_dataset) -> list[str]:
    """Two copies of the packaged data with jobs, each job's competences and mobilities shuffled."""
    folders = []
    for seed in (3, 17):
        folder = make_dataset(metier=_shuffle_metier(seed), mobilites=_shuffle_mobilites(seed + 1),
                              name=f"shuffled-{seed}")
        raw = json.loads((folder / "metier.json").read_text(encoding="utf-8"))
        original = json.loads((packaged_data_dir() / "metier.json").read_text(encoding="utf-8"))
        assert [j["id"] for j in raw["jobs"]] != [j["id"] for j in original["jobs"]]
        folders.append(str(folder))
    return folders


DETERMINISM = {
    **COMMANDS,
    "neighbours-computed": ("neighbours", IOT, "--kind", "computed", "--top", "4"),
    "paths-k5": ("paths", DS, GREEN, "--k", "5"),
    "paths-max-jump": ("paths", IOT, DE, "--objective", "max-jump", "--k", "5"),
    "paths-hops-avoid": ("paths", DS, GREEN, "--objective", "hops", "--avoid", IA_EMB, "--k", "4"),
    "paths-via": ("paths", DS, GREEN, "--via", DE),
    "paths-declared": ("paths", "ux-ui-designer", GREEN, "--declared-only"),
    "recommend-all": ("recommend", DS, "--all", "--top", "20"),
}


@pytest.mark.parametrize("command", DETERMINISM, ids=str)
def test_json_does_not_depend_on_the_order_of_the_data(invoke, shuffled, command):
    """Shuffling jobs, each job's competences and the mobilities changes no byte of the JSON."""
    expected = ok(invoke(*DETERMINISM[command], "--format", "json"))
    for folder in shuffled:
        assert ok(invoke("--data", folder, *DETERMINISM[command], "--format", "json")) == expected


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_human_and_csv_output_do_not_depend_on_the_order_of_the_data(invoke, shuffled, command,
                                                                       fmt):
    """The table, CSV and Markdown are byte-identical on shuffled copies of the data."""
    args = (*COMMANDS[command], "--format", fmt)
    expected = ok(invoke(*args))
    for folder in shuffled:
        assert ok(invoke("--data", folder, *args)) == expected
