"""The mobility commands through ``CliRunner``: neighbours, paths, compare, gap, recommend, with
every option and format, their JSON contracts, and the global ``--model FILE`` option.

Expected numbers come from the levels of ``data/metier.json`` and the model of
``docs/model.md``, worked out by hand in the comments, or from an oracle written here
independently of the library (:func:`oracle_move` for one move, :func:`allowed_routes` for the
route rules), cross-checked with another command (the edges ``neighbours`` reports).
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.dataset import packaged_data_dir
from esante_cli.errors import ExitCode
from esante_cli.i18n import number, t, tn
from esante_cli.results.base import SCHEMA_VERSION

from .helpers import as_json, ok

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# x (1, 1) card; z (1, 2) and y (4, 4) estimates; no mobility declared. No computed move leads
# to y (x holds 2 of its 8 levels, z 3): only the direct move, always a candidate, reaches it.
ISLAND = str(FIXTURES / "island")

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
# a level, a cost or a share ('74 %', a no-break space in French) followed by the estimate mark
STARRED = re.compile(r"\d(?:\u00a0%)?\*")
WIDE = {"COLUMNS": "300"}  # no wrapping inside table cells, so cell text stays on one line


def as_csv(result) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(result))))


def flat(text: str) -> str:
    """Text with runs of whitespace made one space (rich wraps long lines at 80 columns)."""
    return " ".join(text.split())


def one_error_line(result) -> str:
    """The only line of stderr, an ``esante : erreur :`` line (French, the default), with no
    traceback and no stdout."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("esante : erreur : ")
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


def move_counts(ds, source: str | dict[str, int | None], target: str) -> tuple[int, int, int]:
    """(levels to climb, largest jump, unused levels) from ``source`` (a job, or a state: levels
    by competence) to ``target``, read from the data as docs/model.md defines them (a missing
    target level is ignored, a missing source level counts as 0)."""
    src = levels_of(ds, source) if isinstance(source, str) else source
    tgt = levels_of(ds, target)
    deficits, surpluses = [], []
    for comp, need in tgt.items():
        if need is None:
            continue
        have = src.get(comp) or 0
        deficits.append(max(0, need - have))
        surpluses.append(max(0, have - need))
    return sum(deficits), max(deficits, default=0), sum(surpluses)


def declared_moves(ds) -> set[tuple[str, str]]:
    return {(m.source_job, m.target_job) for m in ds.mobilities}


# -- the oracle: the default model of docs/model.md, written out apart from the library -----------

PROCHE, ACCESSIBLE = 716, 561  # bands on the coverage, in thousandths (calibrated on the card)
MARGIN = 150  # thresholds.downgrade_margin, in thousandths
MAX_JUMP = 2  # thresholds.max_jump
MAX_DETOUR = 1.5  # thresholds.max_detour: no route costs more than 1.5 x the direct move


def oracle_move(state: dict[str, int | None], target: dict[str, int | None]) -> dict[str, Any]:
    """The move from ``state`` (levels by competence) to ``target``'s levels under the default
    model: counts, coverage and unused share in thousandths, band, direction, whether the model
    computes it, and its cost in thousandths (declared factor 1, hop penalty 0.5)."""
    climb = jump = unused = required = 0
    for comp, need in target.items():
        if need is None:
            continue
        have = state.get(comp) or 0
        required += need
        climb += max(0, need - have)
        unused += max(0, have - need)
        jump = max(jump, need - have)
    held = required - climb
    coverage = round(held / required * 1000) if required else 0
    unused_share = round(unused / (held + unused) * 1000) if held + unused else 0
    lean = (1000 - coverage) - unused_share  # share to learn minus share left unused
    return {
        "climb": climb,
        "max_jump": jump,
        "unused": unused,
        "required": required,
        "held": held,
        "coverage": coverage,
        "unused_share": unused_share,
        # a downgrade asks nothing hard: no jump of blocking size (2 levels or more)
        "move": (
            "progression"
            if lean >= MARGIN
            else "downgrade"
            if -lean >= MARGIN and jump < 2
            else "lateral"
        ),
        "band": (
            "proche"
            if coverage >= PROCHE
            else "accessible"
            if coverage >= ACCESSIBLE
            else "lointaine"
        ),
        "computed": required > 0 and coverage >= ACCESSIBLE and jump <= MAX_JUMP,
        "units": round((climb * 1 + jump * 0.5 + unused * 0.1) * 1000) + 500,
    }


def raised(state: dict[str, int | None], job: dict[str, int | None]) -> dict[str, int | None]:
    """The state after reaching a job: every level raised to at least the job's."""
    out = dict(state)
    for comp, level in job.items():
        if level is not None and level > (out.get(comp) or 0):
            out[comp] = level
    return out


def gain(
    state: dict[str, int | None], job: dict[str, int | None], goal: dict[str, int | None]
) -> int:
    """How many of the levels ``goal`` asks for a move to ``job`` adds to ``state``."""
    total = 0
    for comp, need in goal.items():
        if need is not None:
            now = min(state.get(comp) or 0, need)
            total += min(max(state.get(comp) or 0, job.get(comp) or 0), need) - now
    return total


def allowed_routes(
    ds,
    source: str,
    target: str,
    *,
    avoid: tuple[str, ...] = (),
    via: str | None = None,
    max_hops: int | None = None,
    declared_only: bool = False,
) -> Iterator[tuple[tuple[str, ...], list[dict]]]:
    """Every simple route the rules of docs/model.md allow, with the oracle's parts of each
    step, by depth-first search: each step costed from the route's state (the source's levels
    raised by every job reached); a step is allowed when the card declares it (from the job
    left), when the model computes it from the state, or when it is the direct move (not with
    ``declared_only``); a job on the way adds a level the target asks for (the via job excepted,
    before it is reached); no route costs more than 1.5 times the direct move (with ``via``,
    the two direct moves source -> via -> target)."""
    declared = declared_moves(ds)
    levels = {j.id: levels_of(ds, j.id) for j in ds.jobs}
    goal, start = levels[target], levels[source]
    if via is None:
        straight = oracle_move(start, goal)["units"]
    else:
        straight = (
            oracle_move(start, levels[via])["units"]
            + oracle_move(raised(start, levels[via]), goal)["units"]
        )
    cap = int(straight * MAX_DETOUR)

    def walk(
        route: tuple[str, ...], state: dict, steps: list[dict], via_seen: bool
    ) -> Iterator[tuple[tuple[str, ...], list[dict]]]:
        here = route[-1]
        if here == target:
            if sum(s["units"] for s in steps) <= cap:
                yield route, steps
            return
        if max_hops is not None and len(steps) >= max_hops:
            return
        for nxt in sorted(levels):
            if nxt in route or nxt in avoid or (nxt == target and not via_seen):
                continue
            step = oracle_move(state, levels[nxt])
            step["declared"] = (here, nxt) in declared
            step["state"] = state
            direct = len(route) == 1 and nxt == target
            if declared_only:
                allowed = step["declared"]
            else:
                allowed = step["declared"] or step["computed"] or direct
            useful = (
                nxt == target or (nxt == via and not via_seen) or gain(state, levels[nxt], goal) > 0
            )
            if allowed and useful:
                step["kind"] = (
                    "declared" if step["declared"] else "computed" if step["computed"] else "direct"
                )
                yield from walk(
                    route + (nxt,),
                    raised(state, levels[nxt]),
                    [*steps, step],
                    via_seen or nxt == via,
                )

    yield from walk((source,), start, [], via is None)


def ranked(
    routes: Iterable[tuple[tuple[str, ...], list[dict]]], objective: str
) -> list[tuple[tuple[str, ...], list[dict]]]:
    """Routes in the documented order: objective, then cost, then job ids."""

    def key(item: tuple[tuple[str, ...], list[dict]]) -> tuple:
        route, steps = item
        cost = sum(s["units"] for s in steps)
        if objective == "hops":
            return (len(steps), cost, route)
        if objective == "max-jump":
            return (max(s["max_jump"] for s in steps), cost, route)
        return (cost, route)

    return sorted(routes, key=key)


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
    assert re.search(r"\d(?:\u00a0%)?\\\*", out)  # '3\*', '74 %\*': a literal star, not emphasis


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
    ids=[
        "paths-from",
        "paths-to",
        "paths-avoid",
        "paths-via",
        "neighbours",
        "compare",
        "gap",
        "recommend",
    ],
)
def test_unknown_job_exits_4_with_a_suggestion(invoke, args, typo, meant):
    """An unknown job anywhere (argument, --avoid, --via) exits 4 and suggests the job meant."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.UNKNOWN_NAME
    line = one_error_line(result)
    assert f"métier inconnu « {typo} »" in line
    assert "vouliez-vous dire" in line and meant in line


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
        invoke, E_SANTE, "--direction", "in"
    )


def test_neighbours_kind_declared_is_the_cards_moves(invoke, ds):
    """``--kind declared`` lists exactly the moves of mobilites.json, each marked declared."""
    data = _neighbours(invoke, E_SANTE, "--kind", "declared")
    listed = {(n["job"]["id"], E_SANTE) for n in _flatten(data["incoming"])} | {
        (E_SANTE, n["job"]["id"]) for n in _flatten(data["outgoing"])
    }
    assert listed == {m for m in declared_moves(ds) if E_SANTE in m}
    assert all(
        n["kind"] == "declared" and n["parts"]["declared"]
        for n in _flatten(data["incoming"]) + _flatten(data["outgoing"])
    )


def test_neighbours_kind_computed_and_all(invoke, ds):
    """``--kind computed`` keeps the moves close enough by both thresholds (coverage in the
    accessible band or better, no jump above 2), exactly those the oracle computes; ``all`` is
    the union of declared and computed."""

    def ids(kind: str) -> set[tuple[str, str]]:
        data = _neighbours(invoke, IOT, "--kind", kind)
        return {("in", n["job"]["id"]) for n in _flatten(data["incoming"])} | {
            ("out", n["job"]["id"]) for n in _flatten(data["outgoing"])
        }

    computed = _neighbours(invoke, IOT, "--kind", "computed")
    listed = _flatten(computed["incoming"]) + _flatten(computed["outgoing"])
    assert listed
    for n in listed:
        assert n["parts"]["computed"] is True
        assert n["parts"]["coverage"] >= 0.561 and n["parts"]["max_jump"] <= 2
    mine = levels_of(ds, IOT)
    others = {j.id: levels_of(ds, j.id) for j in ds.jobs if j.id != IOT}
    assert ids("computed") == (
        {("in", j) for j, lv in others.items() if oracle_move(lv, mine)["computed"]}
        | {("out", j) for j, lv in others.items() if oracle_move(mine, lv)["computed"]}
    )
    assert ids("all") == ids("declared") | ids("computed")
    assert ids("declared") and not ids("declared") & ids("computed")  # none is both, here


def _also_computed_move(raw: Any) -> None:
    # Architecte IoT -> Spécialiste DevOps is a computed move (coverage 21/22 = 0.955, jump 1):
    # declare it.
    raw["mobilities"].append(
        {
            "from": IOT,
            "to": "specialiste-devops",
            "declared_by": IOT,
            "direction": "evolution",
            "ring": "forte",
            "provenance": "card",
        }
    )


def test_neighbours_kind_computed_keeps_a_declared_move_the_model_also_computes(
    invoke, ds, make_dataset, tmp_path
):
    """A declared move that the model would also compute is listed by ``--kind computed`` and by
    ``--kind declared``, as a declared move with the declared factor in its cost."""
    assert move_counts(ds, IOT, "specialiste-devops") == (1, 1, 2)
    folder = str(make_dataset(mobilites=_also_computed_move))
    half = tmp_path / "half.toml"
    half.write_text("[weights]\ndeclared_factor = 0.5\n", encoding="utf-8")
    # climb 1 (collaboration 2 -> 3), jump 1, unused 2 (ecodesign, AI tools):
    # (1 + 0.5 + 0.2) x 1 + 0.5 = 2.2 by default (declared factor 1), and
    # (1 + 0.5 + 0.2) x 0.5 + 0.5 = 1.35 with a declared factor of 0.5.
    for pre, cost, factor in (((), 2.2, 1.0), (("--model", str(half)), 1.35, 0.5)):
        for kind in ("computed", "declared"):
            data = as_json(
                invoke(
                    "--data",
                    folder,
                    *pre,
                    "neighbours",
                    IOT,
                    "--direction",
                    "out",
                    "--kind",
                    kind,
                    "--format",
                    "json",
                )
            )
            devops = [
                n for n in _flatten(data["outgoing"]) if n["job"]["id"] == "specialiste-devops"
            ]
            assert len(devops) == 1, kind
            assert devops[0]["kind"] == "declared" and devops[0]["ring"] == "forte"
            assert devops[0]["parts"]["declared"] and devops[0]["parts"]["computed"]
            assert devops[0]["parts"]["factor"] == factor
            assert devops[0]["cost"] == cost


@pytest.mark.parametrize("job", [E_SANTE, IOT, DS])
def test_neighbours_top_keeps_the_first_per_direction(invoke, job):
    """``--top N`` keeps, on each side, the N first neighbours of the full list, in order."""
    full = _neighbours(invoke, job)
    longest = max(len(_flatten(full[side])) for side in ("incoming", "outgoing"))
    assert longest > 3
    for n in range(1, longest + 1):
        top = _neighbours(invoke, job, "--top", str(n))
        assert top["top"] == n
        for side in ("incoming", "outgoing"):
            assert _flatten(top[side]) == _flatten(full[side])[:n], (side, n)


BAND_ORDER = {"proche": 0, "accessible": 1, "lointaine": 2}


@pytest.mark.parametrize("job", [E_SANTE, IOT])
def test_neighbours_are_sorted_and_grouped_by_band(invoke, ds, job):
    """Each side is grouped in bands by the coverage thresholds (proche >= 0.716 > accessible
    >= 0.561 > lointaine); in each band, downgrades after the other moves, then the closest
    first (coverage), then by cost, then id (docs/model.md). Coverage, band and direction are
    the oracle's."""
    data = _neighbours(invoke, job)
    mine = levels_of(ds, job)
    for side in ("incoming", "outgoing"):
        listed = _flatten(data[side])
        assert [g["band"] for g in data[side]] == sorted(
            {n["band"] for n in listed}, key=BAND_ORDER.get
        )
        for group in data[side]:
            for n in group["neighbours"]:
                other = levels_of(ds, n["job"]["id"])
                move = oracle_move(other, mine) if side == "incoming" else oracle_move(mine, other)
                assert units(n["parts"]["coverage"]) == move["coverage"]
                assert group["band"] == n["band"] == move["band"]
                assert n["move"] == n["parts"]["move"] == move["move"]
        keys = [
            (
                BAND_ORDER[n["band"]],
                n["move"] == "downgrade",
                -n["parts"]["coverage"],
                n["cost"],
                n["job"]["id"],
            )
            for n in listed
        ]
        assert keys == sorted(keys)


def test_neighbours_place_the_cards_moves_in_the_closer_bands(invoke):
    """The bands are calibrated on the card's 12 moves: 7 of the 9 jobs it lists before the
    evolutions (3 proche, 4 accessible) and its 3 evolutions (proche) fall in the two closer
    bands; the Développeur applications and the UX - UI Designer hold less than 56.1 % of what
    the card asks (16/31 and 15/31)."""
    data = _neighbours(invoke, E_SANTE, "--kind", "declared")
    bands_in = {n["job"]["id"]: n["band"] for n in _flatten(data["incoming"])}
    bands_out = {n["job"]["id"]: n["band"] for n in _flatten(data["outgoing"])}
    assert list(bands_in.values()).count("proche") == 3
    assert list(bands_in.values()).count("accessible") == 4
    assert {j for j, b in bands_in.items() if b == "lointaine"} == {
        "developpeur-applications",
        "ux-ui-designer",
    }
    assert set(bands_out.values()) == {"proche"} and len(bands_out) == 3


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
    """The CSV has one row per neighbour, incoming first, with the JSON's ids, bands, kinds,
    coverage, directions and costs."""
    data = _neighbours(invoke, E_SANTE)
    rows = as_csv(invoke("neighbours", E_SANTE, "--format", "csv"))

    def row(side: str, n: dict[str, Any]) -> tuple:
        return (
            side,
            n["job"]["id"],
            n["band"],
            n["kind"],
            n["parts"]["coverage"],
            n["move"],
            n["cost"],
        )

    expected = [row("in", n) for n in _flatten(data["incoming"])] + [
        row("out", n) for n in _flatten(data["outgoing"])
    ]
    assert [
        (
            r["direction"],
            r["id"],
            r["band"],
            r["kind"],
            float(r["coverage"]),
            r["move"],
            float(r["cost"]),
        )
        for r in rows
    ] == expected


@pytest.mark.parametrize("direction", ["in", "out"])
def test_neighbours_table_shows_only_the_side_asked(invoke, ds, direction):
    """The table of ``--direction in`` (``out``) has the 'leading to' ('reachable from') heading
    only."""
    out = flat(ok(invoke("neighbours", E_SANTE, "--direction", direction, env=WIDE)))
    title = ds.job(E_SANTE).title
    shown, hidden = (
        ("side_in_title", "side_out_title")
        if direction == "in"
        else ("side_out_title", "side_in_title")
    )
    assert f"{t(shown)} {title}" in out
    assert t(hidden) not in out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_neighbours_empty_side_in_machine_formats(invoke, fmt):
    """No computed move leads to the card's job (a jump of 3 in health technologies): JSON and
    CSV say so with an empty list, and exit 0."""
    out = ok(
        invoke("neighbours", E_SANTE, "--direction", "in", "--kind", "computed", "--format", fmt)
    )
    if fmt == "json":
        assert json.loads(out)["incoming"] == []
    else:
        assert len(list(csv.reader(io.StringIO(out)))) == 1  # the header only


@pytest.mark.parametrize(
    "args",
    [
        ("neighbours", E_SANTE, "--direction", "in", "--kind", "computed"),
        ("neighbours", E_SANTE, "--direction", "in", "--kind", "computed", "--format", "markdown"),
        ("--data", ISLAND, "neighbours", "y", "--direction", "in"),
    ],  # no computed move leads to y
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
        assert 0 <= r["stability"] <= 1  # the default model draws 200 times
        low, high = r["cost_interval"]
        assert low <= high


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
    """Each step's cost is (climb x 1 + jump x 0.5 + unused x 0.1) x 1 + 0.5 (the declared
    factor is 1 by default), its counts taken from the route's state (the start's levels raised
    by every earlier step), not from the job just left; its kind is declared exactly for the
    moves mobilites.json declares, else computed when the state is close enough, else direct
    (the only step of the direct move); steps and routes computed from estimated levels carry
    provenance 'estimate'."""
    declared = declared_moves(ds)
    data = _paths(invoke, DS, GREEN, "--k", "5")
    from_the_state = 0  # steps whose counts differ from those of the job just left
    for r in data["paths"]:
        state = levels_of(ds, DS)
        for n, s in enumerate(r["steps"]):
            target = levels_of(ds, s["to"])
            climb, jump, unused = move_counts(ds, state, s["to"])
            oracle = oracle_move(state, target)
            is_declared = (s["from"], s["to"]) in declared
            assert s["parts"]["declared"] == is_declared and s["parts"]["factor"] == 1.0
            assert s["kind"] == (
                "declared" if is_declared else "computed" if oracle["computed"] else "direct"
            )
            if s["kind"] == "direct":
                assert n == 0 and r["jobs"] == [DS, GREEN]
            assert s["cost"] == round((climb + 0.5 * jump + 0.1 * unused) * 1.0 + 0.5, 3)
            assert (s["parts"]["climb"], s["parts"]["max_jump"], s["parts"]["unused"]) == (
                climb,
                jump,
                unused,
            )
            assert units(s["parts"]["coverage"]) == oracle["coverage"]
            assert s["parts"]["move"] == oracle["move"]
            from_the_state += (climb, jump, unused) != move_counts(ds, s["from"], s["to"])
            assert s["provenance"] == "estimate"  # every move touches an estimated job
            state = raised(state, target)
        assert r["provenance"] == "estimate"
    assert from_the_state > 0


def test_paths_rises_start_from_the_routes_state(invoke, ds):
    """The JSON contract: ``steps[].rises[].current`` is the level the route's state holds
    before the step (the start's levels raised by every earlier step), so no step asks to climb
    a level already held; ``kept`` lists the state's levels above what the job reached asks;
    a route climbs at least the levels of the direct move."""
    direct_climb = move_counts(ds, DS, GREEN)[0]
    for args in (("--k", "5"), ("--objective", "max-jump", "--k", "3")):
        for r in _paths(invoke, DS, GREEN, *args)["paths"]:
            state = levels_of(ds, DS)
            for s in r["steps"]:
                target = levels_of(ds, s["to"])
                needs = {c: need for c, need in target.items() if need is not None}
                assert {x["id"]: (x["current"] or 0, x["required"]) for x in s["rises"]} == {
                    c: (state.get(c) or 0, need)
                    for c, need in needs.items()
                    if need > (state.get(c) or 0)
                }
                assert {x["id"]: (x["level"], x["required"]) for x in s["kept"]} == {
                    c: (state[c], need) for c, need in needs.items() if (state.get(c) or 0) > need
                }
                state = raised(state, target)
            assert r["levels"] >= direct_climb


def test_paths_never_ask_again_what_an_earlier_step_gave(invoke, ds):
    """Issue 9's example: through Data Engineer (AI tools at 2) to Spécialiste e-santé (3), a
    Data Scientist (3) is not asked to climb AI tools 2 -> 3; the step shows it as kept."""
    data = _paths(invoke, DS, E_SANTE, "--via", DE, "--k", "1")
    [route] = data["paths"]
    assert route["jobs"] == [DS, DE, E_SANTE]
    last = route["steps"][-1]
    assert "outils-ia-data" not in {x["id"] for x in last["rises"]}
    assert levels_of(ds, DE)["outils-ia-data"] == 2 and levels_of(ds, DS)["outils-ia-data"] == 3
    # the state holds AI tools 3 and big data 4 (Data Engineer's): E-santé asks 3 and 2
    assert {x["id"]: x["level"] for x in last["kept"]} == {"donnees-massives": 4}
    # each level with where it comes from: Data Engineer's estimate, the card's own need
    [kept] = last["kept"]
    assert (kept["provenance"], kept["required_provenance"]) == ("estimate", "card")
    # from the state: climb 11 (nothing on AI tools, held at 3), jump 3 (health technologies
    # 1 -> 4), unused 2 (big data 4 -> 2)
    assert move_counts(ds, raised(levels_of(ds, DS), levels_of(ds, DE)), E_SANTE) == (11, 3, 2)
    assert (last["parts"]["climb"], last["parts"]["max_jump"], last["parts"]["unused"]) == (
        11,
        3,
        2,
    )


# Another oracle: every edge of the graph, as ``neighbours JOB --direction out`` reports it (the
# moves a route's first step may take, besides the direct move).

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


def test_edge_oracle_matches_the_documented_graph(edges, ds):
    """The edges ``neighbours`` reports are the graph docs/model.md describes: the card's 12
    declared moves and the 101 other moves the oracle computes (113 edges of 132 pairs), each
    with the oracle's cost, coverage, band and direction."""
    declared = declared_moves(ds)
    levels = {j.id: levels_of(ds, j.id) for j in ds.jobs}
    computed = {
        (a, b)
        for a in levels
        for b in levels
        if a != b and oracle_move(levels[a], levels[b])["computed"]
    }
    assert {pair for pair, n in edges.items() if n["kind"] == "declared"} == declared
    assert {pair for pair, n in edges.items() if n["kind"] == "computed"} == computed - declared
    assert len(computed - declared) == 101 and len(edges) == 113
    for (a, b), n in edges.items():
        oracle = oracle_move(levels[a], levels[b])
        assert units(n["cost"]) == oracle["units"], (a, b)
        assert units(n["parts"]["coverage"]) == oracle["coverage"], (a, b)
        assert (n["band"], n["move"]) == (oracle["band"], oracle["move"]), (a, b)


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
    if c.get("via"):
        opts += ["--via", c["via"]]
    return opts


def check_k_best(
    invoke, ds, edges, source: str, target: str, objective: str, c: dict[str, Any]
) -> None:
    """``paths`` gives the 4 best routes the oracle allows, in the documented order, each step
    with the oracle's kind, cost and jump; a first step that is an edge of the graph costs what
    ``neighbours`` reports; no route at all exits 5."""
    expected = ranked(allowed_routes(ds, source, target, **c), objective)[:4]
    result = invoke(
        "paths",
        source,
        target,
        "--k",
        "4",
        "--objective",
        objective,
        *_cli_options(c),
        "--format",
        "json",
    )
    if not expected:
        assert result.exit_code == ExitCode.NO_ROUTE
        return
    data = as_json(result)
    assert data["exact"] is True
    assert [tuple(r["jobs"]) for r in data["paths"]] == [route for route, _ in expected]
    for r, (_, steps) in zip(data["paths"], expected):
        assert [(s["kind"], units(s["cost"]), s["parts"]["max_jump"]) for s in r["steps"]] == [
            (x["kind"], x["units"], x["max_jump"]) for x in steps
        ]
        first = r["steps"][0]
        if first["kind"] == "direct":
            assert (first["from"], first["to"]) not in edges and len(r["steps"]) == 1
        else:
            assert first["cost"] == edges[(first["from"], first["to"])]["cost"]


@pytest.mark.parametrize("constraint", CONSTRAINED, ids=str)
@pytest.mark.parametrize("objective", ["levels", "hops", "max-jump"])
@pytest.mark.parametrize(
    ("source", "target"), [(DS, GREEN), (IOT, DE), ("ux-ui-designer", E_SANTE)]
)
def test_paths_are_the_k_best_routes_the_rules_allow(
    invoke, ds, edges, source, target, objective, constraint
):
    """``paths`` gives the k best of every simple route the rules allow (found by the oracle's
    exhaustive search), in the documented order, for each objective and constraint."""
    c = dict(CONSTRAINED[constraint])
    if "avoid" in c:  # a route's own ends cannot be avoided
        c["avoid"] = tuple(x for x in c["avoid"] if x not in (source, target))
    check_k_best(invoke, ds, edges, source, target, objective, c)


@pytest.mark.parametrize(
    ("source", "target", "via"),
    [
        (DS, GREEN, DE),
        (IOT, DE, "expert-en-intelligence-artificielle"),
        ("ux-ui-designer", E_SANTE, IOT),
    ],
)
@pytest.mark.parametrize("objective", ["levels", "max-jump"])
def test_paths_via_are_the_k_best_routes_through_via(
    invoke, ds, edges, source, target, via, objective
):
    """``paths --via JOB`` gives the k best routes the rules allow through JOB (whose cost is
    capped at 1.5 times the two direct moves through it)."""
    check_k_best(invoke, ds, edges, source, target, objective, {"via": via})


def test_the_oracle_has_work_to_do(ds):
    """The cases above are not trivial: many routes are allowed, the cap of 1.5 times the
    direct move removes some, and the constraints change the best ones."""
    free = list(allowed_routes(ds, DS, GREEN))
    assert len(free) > 100
    assert ranked(free, "levels")[0][0] == (DS, GREEN)  # the direct move, always a candidate
    assert ranked(free, "max-jump")[0][0] != (DS, GREEN)
    # Architecte IoT -> Expert IA -> Data Engineer costs 7.6 + 3 = 10.6 > 1.5 x 4 (the direct
    # move): left out, though each of its steps is allowed.
    assert [route for route, _ in ranked(allowed_routes(ds, IOT, DE), "levels")] == [
        (IOT, DE),
        (IOT, DS, DE),
    ]
    assert not list(allowed_routes(ds, IOT, DE, declared_only=True))


def test_paths_objective_hops_puts_the_fewest_steps_first(invoke, ds):
    """``--objective hops``: routes sorted by steps, then cost; the first has the fewest steps:
    the direct move, always a candidate."""
    fewest = min(len(steps) for _, steps in allowed_routes(ds, IOT, DE))
    data = _paths(invoke, IOT, DE, "--objective", "hops", "--k", "5")
    check_route_contract(data, IOT, DE, 5)
    keys = [(len(r["steps"]), units(r["cost"])) for r in data["paths"]]
    assert keys == sorted(keys)
    assert keys[0][0] == fewest == 1
    assert data["paths"][0]["jobs"] == [IOT, DE]


# Data Scientist -> Responsable Green IT with the fewest levels per step: through Architecte IoT
# and Spécialiste IA embarquée, each step climbs one level at most per competence:
# DS -> IoT 4 levels, unused 2 (AI tools, big data 3 -> 2): 4 + 0.5 + 0.2 + 0.5 = 5.2;
# then ecodesign 2 -> 3, unused 2 (big data 3 -> 1): 1 + 0.5 + 0.2 + 0.5 = 2.2;
# then 6 levels, unused 4 (AI tools and big data 3 -> 1): 6 + 0.5 + 0.4 + 0.5 = 7.4; 14.8 in all,
# against 13.4 for the direct move (11 levels, a jump of 3 in ecodesign, 4 unused).
MAX_JUMP_ROUTE = [DS, IOT, IA_EMB, GREEN]


def test_paths_objective_max_jump_lowers_the_largest_jump(invoke, ds):
    """``--objective max-jump``: routes sorted by largest jump, then cost; from Data Scientist to
    Responsable Green IT the first climbs one level at most per competence and step, though it
    costs more than the cheapest route (14.8 against 13.4)."""
    data = _paths(invoke, DS, GREEN, "--objective", "MAX-JUMP", "--k", "3")
    check_route_contract(data, DS, GREEN, 3)
    keys = [(r["max_jump"], units(r["cost"])) for r in data["paths"]]
    assert keys == sorted(keys)
    for r in data["paths"]:
        assert r["max_jump"] == max(s["parts"]["max_jump"] for s in r["steps"])
    best = min(max(s["max_jump"] for s in steps) for _, steps in allowed_routes(ds, DS, GREEN))
    assert best == 1 and keys[0][0] == best
    assert data["paths"][0]["jobs"] == MAX_JUMP_ROUTE
    assert [s["cost"] for s in data["paths"][0]["steps"]] == [5.2, 2.2, 7.4]
    cheapest = _paths(invoke, DS, GREEN, "--k", "1")["paths"][0]
    assert (cheapest["jobs"], cheapest["cost"], cheapest["max_jump"]) == ([DS, GREEN], 13.4, 3)
    assert data["paths"][0]["cost"] == 14.8 > cheapest["cost"]
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
    [
        ("paths", DS, GREEN, "--declared-only", "--max-hops", "1"),
        ("paths", DS, GREEN, "--declared-only", "--max-hops", "1", "--format", "json"),
        ("paths", DS, GREEN, "--via", DE, "--max-hops", "2"),
        ("--data", ISLAND, "paths", "x", "y", "--declared-only"),
        ("--data", ISLAND, "paths", "Job Z", "Job Y", "--declared-only", "--format", "csv"),
    ],
    ids=["declared-max-hops", "json", "via-max-hops", "island", "island-csv"],
)
def test_no_route_exits_5_with_one_line(invoke, args):
    """No route within the constraints exits 5 with one ``esante: error:`` line naming both
    jobs, nothing on stdout and no traceback (the direct move is always a candidate, so only
    constraints leave no route)."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.NO_ROUTE
    line = one_error_line(result)
    assert "aucun chemin" in line


def test_no_route_message_names_the_constraints(invoke):
    """The message names the constraints and says that a route exists without them."""
    line = one_error_line(invoke("paths", DS, GREEN, "--declared-only", "--max-hops", "1"))
    assert f"aucun chemin depuis {DS} vers {GREEN}" in line
    assert "au plus 1 étape" in line and "par les seuls passages déclarés" in line
    assert "sans ces contraintes, un chemin existe" in line


def test_island_is_reached_only_by_the_direct_move(invoke):
    """On the island fixture x reaches z by a computed move (coverage 2/3, one level of Bêta:
    1 + 0.5 + 0.5 = 2); y, which no computed move reaches, only by the direct move, shown as
    such: z -> y climbs 5 levels (Alpha 1 -> 4, Bêta 2 -> 4), jump 3: 5 + 1.5 + 0.5 = 7; a
    detour through x would add nothing y asks for. Without the direct move (declared moves
    only), no route."""
    data = _paths(invoke, "x", "z", data=ISLAND)
    assert [(r["jobs"], r["cost"]) for r in data["paths"]] == [(["x", "z"], 2.0)]
    assert data["paths"][0]["steps"][0]["kind"] == "computed"
    data = _paths(invoke, "z", "y", "--k", "3", data=ISLAND)
    assert [(r["jobs"], r["cost"]) for r in data["paths"]] == [(["z", "y"], 7.0)]
    [step] = data["paths"][0]["steps"]
    assert step["kind"] == "direct" and not step["parts"]["computed"]
    assert (step["parts"]["climb"], step["parts"]["max_jump"], step["parts"]["coverage"]) == (
        5,
        3,
        0.375,
    )
    assert t("kind_direct") in ok(invoke("--data", ISLAND, "paths", "z", "y", env=WIDE))
    result = invoke("--data", ISLAND, "paths", "z", "y", "--declared-only")
    assert result.exit_code == ExitCode.NO_ROUTE


def test_paths_table_tells_when_fewer_routes_than_asked(invoke):
    """When fewer routes exist than ``--k`` asks, the table says how many were found."""
    out = ok(invoke("--data", ISLAND, "paths", "x", "z", "--k", "3"))
    assert flat(tn("fewer_routes", 1).format(k=3)) in flat(out)


# The two best routes from Data Scientist to Responsable Green IT, levels of the data:
# - the direct move (neither declared nor computed: a jump of 3): cycle-de-vie 2->4,
#   diagnostic 2->3, ecoconception 1->4, travail-collaboratif, moyens, actualiser, impact 2->3,
#   risques 1->2: climb 11, jump 3; outils-ia and donnees-massives 3->1: unused 4.
#   (11 x 1 + 3 x 0.5 + 4 x 0.1 = 12.9) x 1 + 0.5 = 13.4.
# - through Architecte IoT (computed): cycle-de-vie, diagnostic 2->3, ecoconception, risques
#   1->2: climb 4, jump 1; outils-ia and donnees-massives 3->2: unused 2.
#   (4 + 0.5 + 0.2 = 4.7) x 1 + 0.5 = 5.2. Then from the state (Data Scientist's levels raised
#   to Architecte IoT's): cycle-de-vie 3->4, ecoconception 2->4, four competences 2->3: climb
#   7, jump 2; outils-ia and donnees-massives still at 3 (the state's, not Architecte IoT's 2)
#   -> 1: unused 4. (7 + 1 + 0.4 = 8.4) x 1 + 0.5 = 8.9 (from Architecte IoT's own levels it
#   would be 8.7, with 2 unused).
EXPLAINED = [  # in French, with its decimal comma
    "(11 à gravir × 1 + saut 3 × 0,5 + inutilisés 4 × 0,1 = 12,9) × 1 + 0,5 = 13,4",
    "(4 à gravir × 1 + saut 1 × 0,5 + inutilisés 2 × 0,1 = 4,7) × 1 + 0,5 = 5,2",
    "(7 à gravir × 1 + saut 2 × 0,5 + inutilisés 4 × 0,1 = 8,4) × 1 + 0,5 = 8,9",
]
# and the state's levels above what Responsable Green IT asks, listed under "Acquis gardés"
# (both levels are estimates of neighbour jobs: marked *, as every level that is not the card's)
KEPT = [
    "Intégrer des outils IA/Data Science : 3* (le métier en demande 1*)",
    "Gérer et exploiter des données massives : 3* (le métier en demande 1*)",
]


def test_explain_counts_match_the_data(ds):
    """The hand-worked counts of ``EXPLAINED`` are those of the data's levels."""
    assert move_counts(ds, DS, GREEN) == (11, 3, 4)
    assert move_counts(ds, DS, IOT) == (4, 1, 2)
    state = raised(levels_of(ds, DS), levels_of(ds, IOT))
    assert move_counts(ds, state, GREEN) == (7, 2, 4)
    assert move_counts(ds, IOT, GREEN) == (7, 2, 2)
    assert (state["outils-ia-data"], state["donnees-massives"]) == (3, 3)
    assert (levels_of(ds, GREEN)["outils-ia-data"], levels_of(ds, GREEN)["donnees-massives"]) == (
        1,
        1,
    )


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_explain_adds_the_cost_breakdown_to_each_step(invoke, fmt):
    """``--explain`` writes under each step's cost the weighted sum and the factor of the
    formula; without it they are absent."""
    args = ("paths", DS, GREEN, "--k", "2", "--format", fmt)
    explained = ok(invoke(*args, "--explain", env=WIDE)).replace("\\*", "*")
    plain = ok(invoke(*args, env=WIDE)).replace("\\*", "*")
    for line in EXPLAINED:
        assert line in explained
        assert line not in plain
    assert flat(t("explain_legend")) in flat(explained)
    assert flat(t("explain_legend")) not in flat(plain)
    for line in [t("kept"), *KEPT]:
        assert line in explained
        assert line not in plain


def test_explain_breaks_down_every_step_from_its_parts(invoke):
    """Every step of every route gets its breakdown, built from the parts the JSON gives."""
    data = _paths(invoke, DS, GREEN, "--k", "5")
    out = ok(invoke("paths", DS, GREEN, "--k", "5", "--explain", env=WIDE))

    def num(x: float) -> str:  # the terms of the formula, to the thousandth, decimal comma
        return f"{x:.3f}".rstrip("0").rstrip(".").replace(".", ",")

    for r in data["paths"]:
        for s in r["steps"]:
            p = s["parts"]
            assert (
                f"({p['climb']} à gravir × 1 + saut {p['max_jump']} × 0,5 + inutilisés "
                f"{p['unused']} × 0,1 = {num(p['weighted'])}) × {num(p['factor'])} + 0,5 = "
                f"{num(s['cost'])}"
            ) in out


def _stability_text(stability: float, interval: list[float]) -> str:
    """'stabilité 49 %‡ [13–16,8]': the share in percent (half up, a no-break space before
    '%'), ‡ below 50 % (fragile), then the cost interval to one decimal at most (a range of
    efforts drawn at random), with a decimal comma."""
    low, high = (number(x, "fr") for x in interval)
    fragile = "‡" if stability < 0.5 else ""
    return f"stabilité {int(stability * 100 + 0.5)}\u00a0%{fragile} [{low}–{high}]"


def test_paths_table_titles_each_route(invoke, ds):
    """The table heads each route with its chain of titles, its cost (marked * when it rests on
    estimates, as its steps' costs are), steps, levels, largest jump and stability with its
    cost interval (‡ when fragile, explained below)."""
    data = _paths(invoke, DS, GREEN)
    out = flat(ok(invoke("paths", DS, GREEN, env=WIDE)))
    for n, r in enumerate(data["paths"], 1):
        chain = " → ".join(ds.job(x).title for x in r["jobs"])
        star = "*" if r["provenance"] in ("estimate", "guess") else ""
        assert (
            flat(
                f"Chemin {n} : {chain} — effort {number(r['cost'], 'fr')}{star}, "
                f"{tn('n_steps', r['hops'])}, {tn('n_levels', r['levels'])} à gravir, "
                f"plus grand saut {r['max_jump']} ; "
                f"{_stability_text(r['stability'], r['cost_interval'])}"
            )
            in out
        )
    assert any(r["stability"] < 0.5 for r in data["paths"])  # one of them is fragile
    assert flat(t("stability_note").format(draws=200, seed=0)) in out
    assert "‡ fragile" in out


def test_paths_stability_and_cost_interval(invoke):
    """Every route carries a stability (0 to 1) and a cost interval [low, high] from the 200
    draws (seed 0) of the model; here the direct move keeps its first place in every draw;
    ``--draws 0`` leaves them out (and the routes stay)."""
    data = _paths(invoke, DS, GREEN, "--k", "5")
    assert (data["draws"], data["seed"]) == (200, 0)
    for r in data["paths"]:
        assert 0 <= r["stability"] <= 1
        low, high = r["cost_interval"]
        assert low <= high
    assert data["paths"][0]["jobs"] == [DS, GREEN] and data["paths"][0]["stability"] == 1.0
    none = _paths(invoke, DS, GREEN, "--k", "5", "--draws", "0")
    assert none["draws"] == 0
    assert all(r["stability"] is None and r["cost_interval"] is None for r in none["paths"])
    assert [r["jobs"] for r in none["paths"]] == [r["jobs"] for r in data["paths"]]
    assert "stabilité" not in flat(ok(invoke("paths", DS, GREEN, "--draws", "0", env=WIDE)))


@pytest.mark.parametrize(
    "command", [("paths", DS, GREEN, "--k", "5"), ("recommend", IOT)], ids=["paths", "recommend"]
)
def test_seed_makes_the_stability_reproducible(invoke, command):
    """The same ``--seed`` gives byte-identical output; another seed other draws (the answers
    stay, some figures move); ``--draws N`` is echoed in the JSON."""

    def run(*opts: str) -> str:
        return ok(invoke(*command, *opts, "--format", "json"))

    assert run("--seed", "7") == run("--seed", "7")
    seven, eight = json.loads(run("--seed", "7")), json.loads(run("--seed", "8"))
    assert (seven["seed"], eight["seed"]) == (7, 8)
    listed = "paths" if "paths" in seven else "items"
    assert [x.get("jobs") or x["job"]["id"] for x in seven[listed]] == [
        x.get("jobs") or x["job"]["id"] for x in eight[listed]
    ]
    assert [x["stability"] for x in seven[listed]] != [x["stability"] for x in eight[listed]]
    assert json.loads(run("--draws", "50"))["draws"] == 50


def test_paths_csv_has_one_row_per_step(invoke):
    """The CSV has one row per step; each route's cost is the sum of its rows' costs."""
    data = _paths(invoke, DS, GREEN, "--k", "4")
    rows = as_csv(invoke("paths", DS, GREEN, "--k", "4", "--format", "csv"))
    assert [
        (
            int(r["route"]),
            r["from"],
            r["to"],
            r["kind"],
            float(r["cost"]),
            float(r["coverage"]),
            r["move"],
        )
        for r in rows
    ] == [
        (n, s["from"], s["to"], s["kind"], s["cost"], s["parts"]["coverage"], s["parts"]["move"])
        for n, route in enumerate(data["paths"], 1)
        for s in route["steps"]
    ]
    for n, route in enumerate(data["paths"], 1):
        mine = [r for r in rows if int(r["route"]) == n]
        assert {float(r["route_cost"]) for r in mine} == {route["cost"]}
        assert sum(units(float(r["cost"])) for r in mine) == units(route["cost"])
        assert {
            (float(r["stability"]), float(r["cost_low"]), float(r["cost_high"])) for r in mine
        } == {(route["stability"], *route["cost_interval"])}


@pytest.mark.parametrize(
    "args",
    [
        ("paths", DS, GREEN, "--k", "0"),
        ("paths", DS, GREEN, "--max-hops", "0"),
        ("paths", DS, GREEN, "--objective", "fastest"),
        ("paths", DS),
        ("neighbours", E_SANTE, "--direction", "sideways"),
        ("neighbours", E_SANTE, "--kind", "x"),
        ("neighbours", E_SANTE, "--top", "0"),
        ("recommend", IOT, "--top", "0"),
        ("gap", DS),
        ("paths", DS, GREEN, "--draws", "-1"),
        ("recommend", IOT, "--seed", "-1"),
    ],
    ids=[
        "k0",
        "max-hops0",
        "objective",
        "paths-one-job",
        "direction",
        "kind",
        "neighbours-top0",
        "recommend-top0",
        "gap-one-job",
        "draws-negative",
        "seed-negative",
    ],
)
def test_bad_option_values_are_usage_errors(invoke, args):
    """Out-of-range or unknown option values, and missing jobs, exit 2 with one line: the
    error and where the help is."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("esante : erreur : ")
    assert "Traceback" not in result.output


# -- compare -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "jobs",
    [(DE, DS), (DE, DS, E_SANTE), (E_SANTE, IOT, DS)],
    ids=["two", "three", "three-other-order"],
)
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
    for p in data["pairs"]:
        oracle = oracle_move(levels_of(ds, p["from"]), levels_of(ds, p["to"]))
        assert (units(p["cost"]), units(p["parts"]["coverage"]), p["band"], p["move"]) == (
            oracle["units"],
            oracle["coverage"],
            oracle["band"],
            oracle["move"],
        )


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
    """One job, or the same job twice (however named), is a usage error: exit 2, no output;
    with two different jobs and a repeat, the error names the repeated job."""
    result = invoke("compare", *jobs)
    assert result.exit_code == ExitCode.USAGE
    assert result.stdout == ""
    said = "répété : data-engineer" if DS in jobs else "deux métiers différents"
    assert said in flat(result.stderr)


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
    """Data Scientist -> Spécialiste e-santé: 11 levels over 7 competences, health technologies
    first (1 -> 4); 20 of the 31 levels the card asks already held (accessible), a progression
    (1 unused: big data 3 -> 2), costing 11 + 1.5 + 0.1 + 0.5 = 13.1."""
    data = as_json(invoke("gap", DS, E_SANTE, "--format", "json"))
    first = data["items"][0]
    assert (first["id"], first["current"], first["required"], first["delta"]) == (
        "technologies-sante",
        1,
        4,
        3,
    )
    assert [lv["level"] for lv in first["to_learn"]] == [2, 3, 4]
    assert data["total_levels"] == 11 and data["to_raise"] == 7
    p = data["transition"]
    assert (p["held"], p["required"], p["coverage"], p["unused"]) == (20, 31, 0.645, 1)
    assert (data["band"], p["move"], p["cost"]) == ("accessible", "progression", 13.1)


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
            assert cells == [
                it["label"],
                f"{it['current']}*",
                str(it["required"]),
                f"+{it['delta']}",
            ]
        elif it["delta"] == 0:
            assert it["label"] not in out
    assert f"Total : {tn('n_levels', data['total_levels'])}" in out


def test_gap_csv_is_the_json_items(invoke):
    """The CSV has one row per item, with the JSON's values, in the same order."""
    data = as_json(invoke("gap", DS, E_SANTE, "--format", "json"))
    rows = as_csv(invoke("gap", DS, E_SANTE, "--format", "csv"))
    assert [
        (r["id"], int(r["current"]), int(r["required"]), int(r["delta"]), r["provenance"])
        for r in rows
    ] == [
        (it["id"], it["current"], it["required"], it["delta"], it["provenance"])
        for it in data["items"]
    ]


# -- recommend ----------------------------------------------------------------------------------------------


def _ranks(keys: list[tuple]) -> list[int]:
    """'1, 2, 2, 4': equal keys share a rank."""
    return [next(i for i, other in enumerate(keys, 1) if other == key) for key in keys]


def _outgoing(ds, job: str) -> dict[str, dict[str, Any]]:
    """The oracle's move from ``job`` to every other job, with whether the graph has it."""
    declared = declared_moves(ds)
    mine = levels_of(ds, job)
    out = {}
    for other in ds.jobs:
        if other.id != job:
            move = oracle_move(mine, levels_of(ds, other.id))
            move["reached"] = move["computed"] or (job, other.id) in declared
            out[other.id] = move
    return out


def _rank_key(move: dict[str, Any]) -> tuple:
    """Downgrades last, then the closest first (coverage), then the cheapest."""
    return (move["move"] == "downgrade", -move["coverage"], move["units"])


def _recommend_order(
    moves: dict[str, dict[str, Any]], *, all_jobs: bool = False, downgrades: bool = False
) -> list[str]:
    """Every other job in the order ``recommend`` lists them: downgrades last; in each part,
    first those asked for (a move reaches them, or any with ``--all``; downgrades only with
    ``--include-downgrades``), then the others; then by closeness, cost and id."""

    def asked(j: str) -> bool:
        return (all_jobs or moves[j]["reached"]) and (downgrades or moves[j]["move"] != "downgrade")

    def key(j: str) -> tuple:
        down, coverage, cost = _rank_key(moves[j])
        return (down, not asked(j), coverage, cost, j)

    return sorted(moves, key=key)


@pytest.mark.parametrize("job", [IOT, "specialiste-devops"])
def test_recommend_json_ranks_the_closest_first(invoke, ds, job):
    """``recommend``: at most 5 items by default, each a move of the graph and none a downgrade
    (they are counted in ``hidden_downgrades``), the closest first (coverage), then the
    cheapest, then by id; equal coverage and cost share a rank; each with its cost's parts,
    band, direction, stability, cost interval and provenance 'estimate'."""
    data = as_json(invoke("recommend", job, "--format", "json"))
    items = data["items"]
    moves = _outgoing(ds, job)
    shown = sorted(
        (j for j, m in moves.items() if m["reached"] and m["move"] != "downgrade"),
        key=lambda j: (_rank_key(moves[j]), j),
    )
    assert len(items) == 5 and data["top"] == 5 and data["include_downgrades"] is False
    assert [it["job"]["id"] for it in items] == shown[:5]
    assert data["hidden_downgrades"] == sum(
        1 for m in moves.values() if m["reached"] and m["move"] == "downgrade"
    )
    assert [it["rank"] for it in items] == _ranks([_rank_key(moves[j]) for j in shown[:5]])
    for it in items:
        move = moves[it["job"]["id"]]
        assert it["kind"] in ("declared", "computed")
        assert it["provenance"] == "estimate"
        assert (it["parts"]["climb"], it["parts"]["max_jump"], it["parts"]["unused"]) == (
            move["climb"],
            move["max_jump"],
            move["unused"],
        )
        assert (units(it["parts"]["coverage"]), units(it["cost"])) == (
            move["coverage"],
            move["units"],
        )
        assert (it["band"], it["move"]) == (move["band"], move["move"])
        assert 0 <= it["stability"] <= 1
        assert it["cost_interval"][0] <= it["cost_interval"][1]


def test_recommend_equal_answers_share_a_rank(invoke):
    """From Spécialiste DevOps, Spécialiste blockchain and Spécialiste tests et essais are
    equally close and equally costly (one level to climb, 4 unused; 18/19 held): both rank 1,
    listed by id, and the next is 3rd."""
    data = as_json(invoke("recommend", "specialiste-devops", "--format", "json"))
    assert [(it["rank"], it["job"]["id"], it["cost"]) for it in data["items"][:3]] == [
        (1, "specialiste-blockchain", 2.4),
        (1, "specialiste-tests-et-essais", 2.4),
        (3, IOT, 3.1),
    ]


def test_recommend_hides_downgrades_unless_asked(invoke, ds):
    """Downgrades (moves to jobs that ask clearly less than the start holds) are left out and
    counted; ``--include-downgrades`` lists them after every other move, labelled, in the
    table too."""
    moves = _outgoing(ds, IOT)
    downgrades = {j for j, m in moves.items() if m["reached"] and m["move"] == "downgrade"}
    # 100 % held, 4 to 9 levels left unused: a counsellor's "repli"
    assert downgrades == {
        "developpeur-applications",
        "specialiste-blockchain",
        "specialiste-tests-et-essais",
        "ux-ui-designer",
    }
    # 7 moves are not downgrades: a longer list would be filled with the downgrades
    hidden = as_json(invoke("recommend", IOT, "--top", "7", "--format", "json"))
    shown = as_json(
        invoke("recommend", IOT, "--top", "20", "--include-downgrades", "--format", "json")
    )
    assert hidden["hidden_downgrades"] == 4 and shown["hidden_downgrades"] == 0
    assert not downgrades & {it["job"]["id"] for it in hidden["items"]}
    assert [it["job"]["id"] for it in shown["items"]] == [
        it["job"]["id"] for it in hidden["items"]
    ] + sorted(downgrades, key=lambda j: (_rank_key(moves[j]), j))
    assert [it["move"] == "downgrade" for it in shown["items"]] == [False] * 7 + [True] * 4
    table = flat(ok(invoke("recommend", IOT, "--top", "7", env=WIDE)))
    assert flat(tn("hidden_downgrades", 4)) in table
    assert table.count(f"│ {t('move_downgrade')} │") == 0
    table = flat(ok(invoke("recommend", IOT, "--top", "20", "--include-downgrades", env=WIDE)))
    assert flat(tn("hidden_downgrades", 4)) not in table
    assert table.count(f"│ {t('move_downgrade')} │") == 4


def test_recommend_is_the_first_outgoing_neighbours(invoke, ds):
    """Without ``--all``, ``recommend --top N`` is the N first outgoing neighbours that are not
    downgrades; with ``--include-downgrades``, the N first of all of them, downgrades last."""
    out = _flatten(_neighbours(invoke, IOT, "--direction", "out")["outgoing"])
    kept = [n for n in out if n["move"] != "downgrade"]
    assert len(kept) < len(out)
    every = sorted(
        out,
        key=lambda n: (
            n["move"] == "downgrade",
            -n["parts"]["coverage"],
            n["cost"],
            n["job"]["id"],
        ),
    )
    order = _recommend_order(_outgoing(ds, IOT))
    assert order[: len(kept)] == [n["job"]["id"] for n in kept]
    for top in (1, 3, len(kept), len(out), len(out) + 5):
        data = as_json(invoke("recommend", IOT, "--top", str(top), "--format", "json"))
        assert [it["job"]["id"] for it in data["items"]] == order[:top]
        assert len(data["items"]) == min(top, len(ds.jobs) - 1)
        data = as_json(
            invoke("recommend", IOT, "--top", str(top), "--include-downgrades", "--format", "json")
        )
        assert [(it["job"]["id"], it["cost"], it["move"]) for it in data["items"]] == [
            (n["job"]["id"], n["cost"], n["move"]) for n in every[:top]
        ]


@pytest.mark.parametrize("job", [DS, GREEN, "ux-ui-designer"])
def test_recommend_all_ranks_jobs_without_a_direct_move(invoke, ds, job):
    """``--all`` ranks every other job by the same rule, those no move reaches with kind null
    (here a jump of 3: from Data Scientist, Responsable Green IT, 4 in ecodesign against 1)."""
    reached = {
        n["job"]["id"] for n in _flatten(_neighbours(invoke, job, "--direction", "out")["outgoing"])
    }
    moves = _outgoing(ds, job)
    assert reached == {j for j, m in moves.items() if m["reached"]}
    data = as_json(
        invoke("recommend", job, "--all", "--include-downgrades", "--top", "50", "--format", "json")
    )
    ids = [it["job"]["id"] for it in data["items"]]
    assert ids == sorted(moves, key=lambda j: (_rank_key(moves[j]), j))
    unreached = {it["job"]["id"] for it in data["items"] if it["kind"] is None}
    assert unreached == set(ids) - reached
    assert unreached
    if job == DS:
        assert unreached == {GREEN} and moves[GREEN]["max_jump"] == 3
    assert [it["rank"] for it in data["items"]] == _ranks([_rank_key(moves[j]) for j in ids])
    # without --include-downgrades the downgrades are counted, not listed, unless the list
    # is not full without them
    short = sum(1 for m in moves.values() if m["move"] != "downgrade")
    data = as_json(invoke("recommend", job, "--all", "--top", str(short), "--format", "json"))
    assert [it["job"]["id"] for it in data["items"]] == [
        j for j in ids if moves[j]["move"] != "downgrade"
    ]
    assert data["hidden_downgrades"] == sum(1 for m in moves.values() if m["move"] == "downgrade")
    data = as_json(invoke("recommend", job, "--all", "--top", "50", "--format", "json"))
    assert [it["job"]["id"] for it in data["items"]] == _recommend_order(moves, all_jobs=True)
    assert data["hidden_downgrades"] == 0


def test_recommend_csv_is_the_json_items(invoke):
    """The CSV has one row per recommendation, in rank order, with the JSON's coverage, band,
    direction, cost, stability and cost interval."""
    data = as_json(
        invoke("recommend", IOT, "--top", "9", "--include-downgrades", "--format", "json")
    )
    rows = as_csv(invoke("recommend", IOT, "--top", "9", "--include-downgrades", "--format", "csv"))
    assert [
        (
            int(r["rank"]),
            r["id"],
            float(r["coverage"]),
            r["band"],
            r["move"],
            float(r["cost"]),
            float(r["stability"]),
            float(r["cost_low"]),
            float(r["cost_high"]),
        )
        for r in rows
    ] == [
        (
            it["rank"],
            it["job"]["id"],
            it["parts"]["coverage"],
            it["band"],
            it["move"],
            it["cost"],
            it["stability"],
            *it["cost_interval"],
        )
        for it in data["items"]
    ]


def test_recommend_table_shows_closeness_direction_and_stability(invoke, ds):
    """The table has the columns Acquis, Proximité, Sens, Effort, Stabilité, in that order: the
    share held (starred: it uses estimates), the band, the direction, the cost, and the
    stability with its cost interval (‡ when fragile, with its note). Every job of Architecte
    IoT's list is 'proche': the band is said once below the table, not on every row (issue 11).
    """
    data = as_json(invoke("recommend", IOT, "--format", "json"))
    out = ok(invoke("recommend", IOT, env=WIDE))
    header = next(line for line in out.splitlines() if "┃" in line)
    cells = [c.strip() for c in header.split("┃")[1:-1]]
    assert {it["band"] for it in data["items"]} == {"proche"}
    assert f"Proximité : {t('band_proche')}" in out.splitlines()
    assert cells[:6] == ["#", t("title"), "Acquis", "Sens", "Effort", "Stabilité"]
    for it in data["items"]:
        title = ds.job(it["job"]["id"]).title
        [row] = [line for line in out.splitlines() if f"│ {title} " in line]
        cells = [c.strip() for c in row.split("│")[1:-1]]
        assert cells[:6] == [
            str(it["rank"]),
            it["job"]["title"],
            f"{(round(it['parts']['coverage'] * 1000) + 5) // 10}\u00a0%*",  # half up: 0.905 -> 91
            t(f"move_{it['move']}"),
            number(it["cost"], "fr") + "*",  # the effort rests on the same estimates
            _stability_text(it["stability"], it["cost_interval"]).removeprefix("stabilité "),
        ]
    assert flat(t("stability_note").format(draws=200, seed=0)) in flat(out)


# -- estimates stay marked -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("compare", DS, E_SANTE), ("recommend", IOT, "--top", "8")],
    ids=["compare", "recommend"],
)
def test_inferred_declared_moves_are_marked_everywhere(invoke, ds, args):
    """A declared move whose placement is inferred from the chart is marked ``†`` with its
    footnote in every table that shows it, as ``neighbours`` and ``paths`` do."""
    assert {m.provenance for m in ds.mobilities} == {"inferred"}
    shown = ok(invoke(*args, env=WIDE))
    assert t("kind_declared") in shown  # the table does show a declared move
    assert f"{t('kind_declared')}†" in shown
    assert flat(t("mark_inferred")) in flat(shown)


@pytest.mark.parametrize(
    "args",
    [("neighbours", E_SANTE, "--direction", "out"), ("paths", DS, GREEN, "--declared-only")],
    ids=["neighbours", "paths"],
)
def test_neighbours_and_paths_mark_inferred_declared_moves(invoke, args):
    """``neighbours`` and ``paths`` mark an inferred declared move ``†``, with its footnote."""
    shown = ok(invoke(*args, env=WIDE))
    assert f"{t('kind_declared')}†" in shown
    assert flat(t("mark_inferred")) in flat(shown)


# -- --lang en ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "english", "french"),
    [
        (
            ("gap", DS, E_SANTE),
            ["gap", "current", "required", "to_learn"],
            ["current", "required", "to_learn"],
        ),
        (("paths", DS, GREEN), ["move", "rises", "kind"], ["move", "rises"]),
        (("recommend", IOT), ["recommend", "reverse_cost"], ["recommend", "reverse_cost"]),
        (("neighbours", E_SANTE), ["side_in_title", "side_out_title"], ["side_in_title"]),
        (("compare", DE, DS), ["levels_side_by_side", "pair_costs"], ["levels_side_by_side"]),
    ],
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

# Architecte IoT -> Spécialiste e-santé is declared; by the levels of the data it climbs 8 levels
# (ecoconception 2->3, health tech 1->4, AI tools 2->3, collaboration 2->4, economics 2->3),
# largest jump 3, nothing unused. The reverse move is not declared: nothing to climb, 8 unused.
# Defaults (docs/model.md's worked example): (8 + 0.5 x 3) x 1 + 0.5 = 10.0 and
# 0.1 x 8 + 0.5 = 1.3. With MODEL_TOML: (2 x 8 + 1 x 3 + 0.5 x 0 = 19) x 0.5 + 1 = 10.5 and
# (0.5 x 8 = 4) x 1 + 1 = 5.0.
MODEL_TOML = """\
name = "steep"

[weights]
climb = 2.0
max_jump = 1.0
unused = 0.5
declared_factor = 0.5
hop_penalty = 1.0
"""
DEFAULT_THERE, DEFAULT_BACK = 10.0, 1.3
MODEL_THERE, MODEL_BACK = 10.5, 5.0


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    path = tmp_path / "steep.toml"
    path.write_text(MODEL_TOML, encoding="utf-8")
    return path


def test_model_example_counts_match_the_data(ds):
    """The hand-worked counts of the model example are those of the data's levels."""
    assert move_counts(ds, IOT, E_SANTE) == (8, 3, 0)
    assert move_counts(ds, E_SANTE, IOT) == (0, 0, 8)
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
    return {
        "gap": there,
        "gap-back": back,
        "recommend": there,
        "neighbours": there,
        "neighbours-back": back,
        "compare": there,
        "compare-back": back,
        "paths": there,
        "model": name,
    }


def test_default_model_costs(invoke):
    """Without ``--model`` every command uses the documented defaults (10.0 there, 1.3 back)."""
    assert _model_costs(invoke) == _expected(DEFAULT_THERE, DEFAULT_BACK, "default")


def test_model_file_changes_costs_as_the_formula_says(invoke, model_file):
    """``--model FILE`` with other weights changes every command's costs as the formula says."""
    assert _model_costs(invoke, "--model", str(model_file)) == _expected(
        MODEL_THERE, MODEL_BACK, "steep"
    )


def test_esante_model_env_works_like_the_option(invoke, model_file):
    """``ESANTE_MODEL=FILE`` gives the same costs, and the same bytes, as ``--model FILE``."""
    env = {"ESANTE_MODEL": str(model_file)}
    assert _model_costs(invoke, env=env) == _expected(MODEL_THERE, MODEL_BACK, "steep")
    args = ("paths", DS, GREEN, "--format", "json")
    assert ok(invoke(*args, env=env)) == ok(invoke("--model", str(model_file), *args))


def test_model_weights_show_in_explain(invoke, model_file):
    """``--explain`` shows the weights of the model file in each step's breakdown."""
    out = ok(
        invoke("--model", str(model_file), "paths", IOT, E_SANTE, "--k", "1", "--explain", env=WIDE)
    )
    assert "(8 à gravir × 2 + saut 3 × 1 + inutilisés 0 × 0,5 = 19) × 0,5 + 1 = 10,5" in out


def test_json_model_file_works_too(invoke, tmp_path):
    """A ``.json`` model file works like the TOML one; fields left out keep their defaults."""
    path = tmp_path / "steep.json"
    path.write_text(
        json.dumps({"name": "steep", "weights": {"climb": 2, "max_jump": 1, "unused": 0.5}}),
        encoding="utf-8",
    )
    # declared_factor and hop_penalty keep 1 and 0.5: 19 x 1 + 0.5 = 19.5; 4 + 0.5 = 4.5
    costs = _model_costs(invoke, "--model", str(path))
    assert costs == _expected(19.5, 4.5, "steep")


def test_model_thresholds_change_which_moves_are_computed(invoke, tmp_path):
    """``thresholds.max_jump = 1`` removes every computed move with a jump of 2."""
    path = tmp_path / "careful.toml"
    path.write_text("[thresholds]\nmax_jump = 1\n", encoding="utf-8")
    default = as_json(invoke("recommend", IOT, "--top", "20", "--format", "json"))
    careful = as_json(
        invoke("--model", str(path), "recommend", IOT, "--top", "20", "--format", "json")
    )
    assert any(it["kind"] == "computed" and it["parts"]["max_jump"] == 2 for it in default["items"])
    # the list is filled up to --top with jobs no move reaches (kind null)
    assert {it["job"]["id"] for it in careful["items"] if it["kind"] is not None} == {
        it["job"]["id"]
        for it in default["items"]
        if it["kind"] == "declared" or (it["kind"] and it["parts"]["max_jump"] <= 1)
    }
    assert len(careful["items"]) == len(default["items"]) == 11


def test_model_uncertainty_sets_the_draws_and_the_seed(invoke, tmp_path):
    """The ``[uncertainty]`` section sets the default draws and seed: ``draws = 0`` gives no
    stability figures, ``seed = 5`` the figures of ``--seed 5``; the options still win."""
    none = tmp_path / "none.toml"
    none.write_text("[uncertainty]\ndraws = 0\n", encoding="utf-8")
    data = as_json(invoke("--model", str(none), "recommend", IOT, "--format", "json"))
    assert data["draws"] == 0 and all(it["stability"] is None for it in data["items"])
    data = as_json(
        invoke("--model", str(none), "recommend", IOT, "--draws", "20", "--format", "json")
    )
    assert data["draws"] == 20 and all(it["stability"] is not None for it in data["items"])
    five = tmp_path / "five.toml"
    five.write_text("[uncertainty]\nseed = 5\n", encoding="utf-8")
    by_file = as_json(invoke("--model", str(five), "paths", DS, GREEN, "--format", "json"))
    by_option = as_json(invoke("paths", DS, GREEN, "--seed", "5", "--format", "json"))
    assert by_file["seed"] == 5
    assert [r["stability"] for r in by_file["paths"]] == [
        r["stability"] for r in by_option["paths"]
    ]


BAD_MODELS = {
    "negative": ("bad.toml", "[weights]\nclimb = -1\n", ["weights.climb", "≥ 0", "-1"]),
    "unknown-field": (
        "unk.toml",
        "[weights]\nclimbs = 1\n",
        ["weights.climbs", "champ inconnu", "vouliez-vous dire « climb »"],
    ),
    "unknown-section": ("sec.toml", "[weight]\nclimb = 1\n", ["weight", "champ inconnu"]),
    "not-a-number": ("nan.toml", '[weights]\nclimb = "a lot"\n', ["weights.climb", "nombre"]),
    "bands-order": (
        "bands.toml",
        "[bands]\nproche = 0.5\naccessible = 0.6\n",
        ["bands :", "« accessible » (0.6) doit être ≤ « proche » (0.5)"],
    ),
    # bands are shares of the target's requirement held, 0 to 1 (no longer costs)
    "bands-share": ("share.toml", "[bands]\nproche = 5\n", ["bands.proche", "≤ 1", "5"]),
    # the old model's computed-move threshold is gone: computed moves read the accessible band
    "old-field": (
        "old.toml",
        "[thresholds]\nmin_similarity = 0.75\n",
        ["thresholds.min_similarity", "champ inconnu"],
    ),
    "uncertainty": (
        "draws.toml",
        "[uncertainty]\ndraws = -1\n",
        ["uncertainty.draws", "≥ 0", "-1"],
    ),
    "calibration": ("calib.toml", "[calibration]\nmean = 2\n", ["calibration.mean", "≤ 1"]),
    "invalid-toml": ("broken.toml", "[weights\nclimb = 1\n", ["TOML invalide"]),
    "invalid-json": ("broken.json", '{"weights": ', ["JSON invalide"]),
    "wrong-suffix": ("model.yaml", "weights: {}\n", ["non pris en charge"]),
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
    assert f"{path} : " in line
    for fragment in fragments:
        assert fragment in line, fragment


def test_missing_model_file_exits_3(invoke, tmp_path):
    """A model file that does not exist exits 3 with one line naming it."""
    path = tmp_path / "nowhere.toml"
    result = invoke("--model", str(path), "recommend", IOT)
    assert result.exit_code == ExitCode.INVALID_INPUT
    line = one_error_line(result)
    assert str(path) in line and "introuvable" in line


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
        folder = make_dataset(
            metier=_shuffle_metier(seed),
            mobilites=_shuffle_mobilites(seed + 1),
            name=f"shuffled-{seed}",
        )
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
    "paths-declared": ("paths", DE, GREEN, "--declared-only"),
    "recommend-all": ("recommend", DS, "--all", "--top", "20"),
    "recommend-downgrades": ("recommend", GREEN, "--all", "--include-downgrades", "--top", "20"),
}


@pytest.mark.parametrize("command", DETERMINISM, ids=str)
def test_json_does_not_depend_on_the_order_of_the_data(invoke, shuffled, command):
    """Shuffling jobs, each job's competences and the mobilities changes no byte of the JSON."""
    expected = ok(invoke(*DETERMINISM[command], "--format", "json"))
    for folder in shuffled:
        assert ok(invoke("--data", folder, *DETERMINISM[command], "--format", "json")) == expected


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_human_and_csv_output_do_not_depend_on_the_order_of_the_data(
    invoke, shuffled, command, fmt
):
    """The table, CSV and Markdown are byte-identical on shuffled copies of the data."""
    args = (*COMMANDS[command], "--format", fmt)
    expected = ok(invoke(*args))
    for folder in shuffled:
        assert ok(invoke("--data", folder, *args)) == expected
