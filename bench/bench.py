"""The esante benchmark: start-up, batch and scale figures, each beside its target.

Run it from the repository, with the Python of the environment where esante is installed::

    python bench/bench.py                 # everything (about 3 minutes on 2 cores)
    python bench/bench.py --quick         # fewer runs, smaller synthetic data (a smoke test)
    python bench/bench.py --only startup  # or batch, scale
    python bench/bench.py --hotspots      # also the slowest imports of each command

Every figure is the median wall-clock time of whole processes (``esante ...`` started fresh
each run), measured in this same run, never a number copied from elsewhere:

- start-up: each command's median divided by the median of the bare imports it cannot avoid
  (its "floor"), runs of the command and of its floor interleaved so that a noisy machine
  slows both alike;
- batch: 1,000 mixed queries on the bundled data, in one ``esante batch`` process;
- scale: synthetic ESCO files (3,000 occupations, 13,900 skills, 129,000 relations, seed 0)
  imported with ``esante import esco``, then on the result, with the cost model the import
  suggests: ``paths`` (k = 3 and 10), ``recommend --top 10``, ``validate``, ``export graph``,
  every people command (``match``, ``gap``/``paths``/``report --profile``, ``whatif``,
  ``leverage``) for a person near the start job, and ``export matrix --layout long`` (9
  million rows, its memory apart); peak memory is the largest resident size of the others.

The cache (``ESANTE_CACHE_DIR``) lives in a temporary folder: the import fills it, as it would
for a user; one cold run of ``paths`` (empty cache) is reported beside the warm ones, without
a target. Exit status: 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STARTUP = [
    # (label, esante arguments, floor imports, target ratio)
    ("esante --help", ["--help"], "import typer, typer.rich_utils", 1.2),
    (
        "esante show specialiste-e-sante --format json",
        ["show", "specialiste-e-sante", "--format", "json"],
        "import typer, rich.console, rich.table; from pydantic import BaseModel",
        1.3,
    ),
    (
        "esante paths data-scientist specialiste-e-sante --format json",
        ["paths", "data-scientist", "specialiste-e-sante", "--format", "json"],
        # numpy.random too: the stability figures of every route draw the estimates (issue 9)
        "import typer, rich.console, rich.table, numpy, numpy.random; from pydantic import BaseModel",
        1.2,
    ),
]
TARGETS = {
    "batch": 3.0,
    "import": 15.0,
    "show": 1.0,
    "list": 1.0,
    "recommend": 1.0,
    "gap": 1.0,
    "compare": 1.0,
    "paths": 1.5,
    "paths k=10": 2.0,
    "validate": 3.0,
    "people": 3.0,
    "export graph": 15.0,
    "export matrix": 60.0,
    "memory": 1024.0,
    "matrix memory": 2048.0,
}


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    code: int


@dataclass
class Figure:
    label: str
    value: float
    unit: str
    target: float | None
    detail: str = ""
    runs: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def esante_command() -> list[str]:
    """The installed ``esante`` next to this Python, else ``python -m esante_cli``."""
    script = Path(sys.executable).with_name("esante")
    return [str(script)] if script.exists() else [sys.executable, "-m", "esante_cli"]


TIMEOUT = 180.0  # seconds; a process still running then is killed and reported as such


def run(argv: list[str], env: dict[str, str]) -> Run:
    """Start ``argv``, wait for it; its wall time, peak resident size and exit code (a
    process killed after ``TIMEOUT`` seconds counts as taking forever)."""
    import threading

    with open(os.devnull, "wb") as devnull, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        with subprocess.Popen(
            argv, env=env, stdout=devnull, stderr=err, stdin=subprocess.DEVNULL
        ) as proc:
            timer = threading.Timer(TIMEOUT, proc.kill)
            timer.start()
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            timer.cancel()
            proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    if elapsed >= TIMEOUT:
        print(f"  timed out after {TIMEOUT:.0f} s: {' '.join(argv)}", flush=True)
        return Run(float("inf"), rss, proc.returncode)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{message}")
    return Run(elapsed, rss, proc.returncode)


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


# -- start-up ----------------------------------------------------------------------------------


def bench_startup(env: dict[str, str], runs: int) -> list[Figure]:
    esante = esante_command()
    figures = []
    for label, args, floor, target in STARTUP:
        mine: list[Run] = []
        base: list[Run] = []
        run(esante + args, env)  # warm the file cache and the bytecode
        run([sys.executable, "-c", floor], env)
        for _ in range(runs):
            base.append(run([sys.executable, "-c", floor], env))
            mine.append(run(esante + args, env))
        ratio = median(mine) / median(base)
        figures.append(
            Figure(
                f"{label} / floor",
                ratio,
                "x",
                target,
                f"{median(mine) * 1000:.0f} ms vs {median(base) * 1000:.0f} ms "
                f'(python -c "{floor}")',
                [r.seconds for r in mine],
            )
        )
    return figures


def hotspots(env: dict[str, str], top: int = 12) -> str:
    """The modules with the largest self import time, per start-up command."""
    lines = []
    for label, args, _, _ in STARTUP:
        code = f"import sys; from esante_cli.cli import main; sys.exit(main({args!r}))"
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        rows = []
        for line in proc.stderr.splitlines():
            parts = line.split("|")
            if (
                len(parts) == 3
                and parts[0].startswith("import time:")
                and parts[0][12:].strip().isdigit()
            ):
                rows.append((int(parts[0][12:]), int(parts[1]), parts[2].rstrip()))
        rows.sort(reverse=True)
        lines.append(f"\n{label}: slowest imports (self / cumulative, ms)")
        for self_us, cum_us, name in rows[:top]:
            lines.append(f"  {self_us / 1000:7.1f} {cum_us / 1000:8.1f}  {name.strip()}")
    return "\n".join(lines)


# -- batch -----------------------------------------------------------------------------------


def batch_queries(n: int = 1000) -> list[dict[str, object]]:
    """``n`` mixed queries on the bundled data, deterministic, every query command used."""
    jobs = [
        "specialiste-e-sante",
        "data-scientist",
        "data-engineer",
        "architecte-iot",
        "responsable-green-it",
        "specialiste-devops",
        "ux-ui-designer",
        "developpeur-applications",
        "specialiste-ia-embarquee",
        "specialiste-blockchain",
        "expert-en-intelligence-artificielle",
        "specialiste-tests-et-essais",
    ]
    queries: list[dict[str, object]] = []
    k = 0
    while len(queries) < n:
        a, b, c = jobs[k % 12], jobs[(k * 5 + 3) % 12], jobs[(k * 7 + 1) % 12]
        kind = k % 10
        if kind == 0:
            queries.append({"query": "paths", "from": a, "to": b, "k": 3})
        elif kind == 1:
            queries.append({"query": "recommend", "job": a, "top": 5})
        elif kind == 2:
            queries.append({"query": "gap", "from": a, "to": b})
        elif kind == 3:
            queries.append({"query": "compare", "jobs": sorted({a, b, c})})
        elif kind == 4:
            queries.append({"query": "neighbours", "job": a, "direction": "both"})
        elif kind == 5:
            queries.append({"query": "show", "job": a})
        elif kind == 6:
            queries.append({"query": "paths", "from": a, "to": c, "objective": "hops", "k": 2})
        elif kind == 7:
            queries.append({"query": "list"})
        elif kind == 8:
            queries.append({"query": "competence", "name": "donnees-massives"})
        else:
            queries.append({"query": "show", "job": b, "section": "competences"})
        k += 1
    return queries


def bench_batch(env: dict[str, str], work: Path, runs: int) -> Figure:
    file = work / "queries.jsonl"
    file.write_text("".join(json.dumps(q) + "\n" for q in batch_queries()), encoding="utf-8")
    check = subprocess.run(
        esante_command() + ["batch", str(file)], env=env, capture_output=True, text=True, check=True
    )
    lines = [json.loads(x) for x in check.stdout.splitlines()]
    errors = [x for x in lines if "error" in x]
    if len(lines) != 1000 or errors:
        raise SystemExit(f"batch: {len(lines)} lines, errors: {errors[:3]}")
    timings = [run(esante_command() + ["batch", str(file)], env) for _ in range(runs)]
    return Figure(
        "batch: 1,000 mixed queries (bundled data)",
        median(timings),
        "s",
        TARGETS["batch"],
        f"{runs} runs, one process each",
        [r.seconds for r in timings],
    )


# -- scale -----------------------------------------------------------------------------------


def pick_route(data: Path, model: Path) -> tuple[str, str, int]:
    """A start and a goal three moves apart in the imported graph (the first start, by id,
    with a job at that distance), computed with the library, untimed."""
    from collections import deque

    import numpy as np

    from esante_cli.costmodel import load_model_config
    from esante_cli.dataset import load_dataset
    from esante_cli.graph import mobility_graph

    graph = mobility_graph(load_dataset(data), load_model_config(model))
    edge = graph.edge & ~graph.declared  # the computed moves
    m = graph.matrix
    ids = m.ids
    for s in range(len(ids)):
        seen = {s: 0}
        queue = deque([s])
        while queue:
            u = queue.popleft()
            if seen[u] == 3:
                continue
            for v in np.flatnonzero(edge[u]).tolist():
                if v not in seen:
                    seen[v] = seen[u] + 1
                    queue.append(v)
        far = sorted(v for v, d in seen.items() if d == 3)
        if far:
            return ids[s], ids[far[0]], 3
    raise SystemExit("no pair of jobs three moves apart in the imported graph")


def bench_scale(
    env: dict[str, str], work: Path, runs: int, import_runs: int, size: dict[str, int]
) -> list[Figure]:
    from esante_cli.synthetic import write_esco

    esante = esante_command()
    raw, data = work / "esco-csv", work / "esco-data"
    t0 = time.perf_counter()
    made = write_esco(raw, seed=0, **size)
    gen = time.perf_counter() - t0
    print(
        f"  synthetic ESCO: {made.occupations} occupations, {made.skills} skills, "
        f"{made.relations} relations ({made.essential} essential) in {gen:.1f} s",
        flush=True,
    )

    imports = []
    for _ in range(import_runs):
        shutil.rmtree(env["ESANTE_CACHE_DIR"], ignore_errors=True)
        imports.append(
            run(esante + ["import", "esco", str(raw), "--output", str(data), "--force"], env)
        )
    model = data / "modele.toml"
    start, goal, hops = pick_route(data, model)
    common = esante + ["--data", str(data)]  # the folder's modele.toml, used unasked
    paths_args = common + ["paths", start, goal, "--k", "3", "--format", "json"]

    # One cold run (no compiled form, no pair parts in the cache), for information.
    shutil.rmtree(env["ESANTE_CACHE_DIR"], ignore_errors=True)
    cold = run(paths_args, env)
    run(paths_args, env)  # the cache is warm again, as after an import

    figures = [
        Figure(
            "import esco (synthetic ESCO size)",
            median(imports),
            "s",
            TARGETS["import"],
            f"{import_runs} run(s), fills the cache",
            [r.seconds for r in imports],
        )
    ]
    all_runs = list(imports) + [cold]
    person = write_profile(data, start, work / "person.yaml")
    out = work / "out"
    out.mkdir()
    for name, args, detail in scale_commands(common, start, goal, hops, person, out):
        timings = [run(args, env) for _ in range(runs)]
        all_runs += timings
        target = TARGETS.get(name, TARGETS["people"])
        figures.append(
            Figure(
                f"{name} (synthetic ESCO size, warm cache)",
                median(timings),
                "s",
                target,
                detail,
                [r.seconds for r in timings],
            )
        )
    figures.append(
        Figure(
            "paths, cold cache (information)",
            cold.seconds,
            "s",
            None,
            "first command after the cache was emptied",
        )
    )
    # the whole cost matrix, 9 million pairs, streamed to a file (memory apart: <= 2 GiB)
    matrix = [
        run(
            common
            + [
                "export",
                "matrix",
                "--layout",
                "long",
                "--output",
                str(out / "matrix.csv"),
                "--force",
            ],
            env,
        )
        for _ in range(1)
    ]
    figures.append(
        Figure(
            "export matrix --layout long (synthetic ESCO size)",
            median(matrix),
            "s",
            TARGETS["export matrix"],
            f"{(out / 'matrix.csv').stat().st_size / 1e9:.1f} GB written",
            [r.seconds for r in matrix],
        )
    )
    figures.append(
        Figure(
            "peak memory of export matrix",
            max(r.max_rss_mb for r in matrix),
            "MB",
            TARGETS["matrix memory"],
            "largest resident set size",
        )
    )
    peak = max(r.max_rss_mb for r in all_runs)
    figures.append(
        Figure(
            "peak memory (any process above)",
            peak,
            "MB",
            TARGETS["memory"],
            "largest resident set size",
        )
    )
    return figures


def scale_commands(
    common: list[str], start: str, goal: str, hops: int, person: Path, out: Path
) -> list[tuple[str, list[str], str]]:
    """The commands timed at the ESCO size: (name, argv, what it does)."""
    p = str(person)
    return [
        ("show", common + ["show", start, "--format", "json"], f"the card of {start}"),
        ("list", common + ["list", "--format", "json"], "every job and its counts of levels"),
        (
            "recommend",
            common + ["recommend", start, "--top", "10", "--format", "json"],
            f"--top 10 from {start}",
        ),
        ("gap", common + ["gap", start, goal, "--format", "json"], f"{start} -> {goal}"),
        ("compare", common + ["compare", start, goal, "--format", "json"], f"{start} and {goal}"),
        (
            "paths",
            common + ["paths", start, goal, "--k", "3", "--format", "json"],
            f"k=3, {start} -> {goal} ({hops} moves apart)",
        ),
        (
            "paths k=10",
            common + ["paths", start, goal, "--k", "10", "--format", "json"],
            "k=10, the same jobs",
        ),
        ("validate", common + ["validate"], "reads and checks every object"),
        (
            "export graph",
            common
            + [
                "export",
                "graph",
                "--format",
                "graphml",
                "--output",
                str(out / "graph.graphml"),
                "--force",
            ],
            "every edge with its parts, GraphML",
        ),
        ("match", common + ["match", p], "a person near the start job (table)"),
        ("gap --profile", common + ["gap", "--profile", p, goal], f"the person -> {goal}"),
        (
            "paths --profile",
            common + ["paths", "--profile", p, goal, "--k", "3"],
            f"k=3, the person -> {goal}",
        ),
        (
            "whatif",
            common + ["whatif", p, "--raise", first_competence(person), "--target", goal],
            "one raise, the goal shown",
        ),
        ("leverage", common + ["leverage", p], "every job a target (table)"),
        (
            "report --profile",
            common
            + ["report", "--profile", p, goal, "--output", str(out / "report.html"), "--force"],
            f"HTML report, the person -> {goal}",
        ),
    ]


def write_profile(data: Path, job_id: str, path: Path) -> Path:
    """A person who holds the job ``job_id``'s levels, one level lower on every other
    competence, working there: the profile the people commands are timed with. Its
    competences are named by label (a few dozen), as a person writes them."""
    from esante_cli.dataset import load_dataset

    ds = load_dataset(data)
    job = ds.job(job_id)
    levelled = [jc for jc in job.competences if jc.expected_level is not None]
    lines = ["name: Bench", f"current_job: {job_id}", "competences:"]
    for k, jc in enumerate(levelled):
        level = max(1, jc.expected_level - (k % 2))
        lines.append(f"  {json.dumps(ds.competence(jc.id).label, ensure_ascii=False)}: {level}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def first_competence(person: Path) -> str:
    line = next(x for x in person.read_text(encoding="utf-8").splitlines() if x.startswith("  "))
    return json.loads(line.rsplit(":", 1)[0].strip())


# -- report ----------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load average {os.getloadavg()[0]:.1f}"
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}{load}"
    )


def versions() -> str:
    from importlib.metadata import version

    names = ("esante", "typer", "rich", "pydantic", "numpy", "networkx")
    return ", ".join(f"{n} {version(n)}" for n in names)


def report(figures: list[Figure]) -> str:
    rows = []
    for f in figures:
        value = (
            f"{f.value:.2f}{f.unit}"
            if f.unit == "x"
            else (f"{f.value:.0f} {f.unit}" if f.unit == "MB" else f"{f.value:.2f} {f.unit}")
        )
        target = (
            ""
            if f.target is None
            else (f"<= {f.target:g}{f.unit}" if f.unit == "x" else f"<= {f.target:g} {f.unit}")
        )
        verdict = "" if f.ok is None else ("ok" if f.ok else "MISSED")
        rows.append((f.label, value, target, verdict, f.detail))
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    out = []
    for r in rows:
        out.append("  ".join(r[k].ljust(widths[k]) for k in range(4)) + "  " + r[4])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    global TIMEOUT
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per start-up command (>= 10)")
    parser.add_argument("--scale-runs", type=int, default=7, help="runs per scale command")
    parser.add_argument("--import-runs", type=int, default=3, help="runs of the import")
    parser.add_argument("--batch-runs", type=int, default=5, help="runs of the batch")
    parser.add_argument("--only", choices=("startup", "batch", "scale"), action="append")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="3 runs each and a tenth of the ESCO size (a smoke test, not the figures)",
    )
    parser.add_argument("--hotspots", action="store_true", help="print the slowest imports")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT,
        help="seconds after which a process is killed (reported as missed)",
    )
    args = parser.parse_args(argv)
    parts = set(args.only or ("startup", "batch", "scale"))
    TIMEOUT = args.timeout
    size = {"occupations": 3000, "skills": 13900, "relations": 129000}
    if args.quick:
        args.runs = args.scale_runs = args.batch_runs = 3
        args.import_runs = 1
        size = {"occupations": 300, "skills": 1390, "relations": 12900}

    work = Path(tempfile.mkdtemp(prefix="esante-bench-"))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ESANTE_")
        and k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")
    }
    # Bytecode is cached (as after any pip install), in the work folder, for the commands and
    # their floors alike: the first (warm-up) run of each compiles, the timed runs do not.
    env.update(
        {
            "ESANTE_CACHE_DIR": str(work / "cache"),
            "COLUMNS": "100",
            "PYTHONIOENCODING": "utf-8",
            "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        }
    )
    print(
        f"machine: {machine()}\nversions: {versions()}\ncommand: {' '.join(esante_command())}",
        flush=True,
    )
    figures: list[Figure] = []
    try:
        if "startup" in parts:
            print("start-up ...", flush=True)
            figures += bench_startup(env, args.runs)
        if "batch" in parts:
            print("batch ...", flush=True)
            figures.append(bench_batch(env, work, args.batch_runs))
        if "scale" in parts:
            print("scale ...", flush=True)
            os.environ["ESANTE_CACHE_DIR"] = env["ESANTE_CACHE_DIR"]  # for pick_route
            figures += bench_scale(env, work, args.scale_runs, args.import_runs, size)
        if args.hotspots:
            print(hotspots(env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nmedians ({time.strftime('%Y-%m-%d %H:%M')}; {machine()})")
    print(report(figures))
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "versions": versions(),
                    "figures": [f.__dict__ | {"ok": f.ok} for f in figures],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0 if all(f.ok is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
