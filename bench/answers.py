"""Every command's answers, saved once and compared after a refactor: the acceptance test of a
change that must not change what the tool says.

    python bench/answers.py --save /tmp/before      # on the commit before the refactor
    python bench/answers.py --check /tmp/before     # after it: exit 1 on any difference

It runs, in this process, every command that prints data (JSON, and the CSV and Markdown of a
few) on the bundled data and on a generated large dataset (synthetic ESCO files, seed 0, 1,000
occupations and 4,600 skills: big enough for the sparse level matrix), with the three sample
profiles, and writes one file per answer. ``--check`` lists the answers that differ, each with
its first differing line. The commands are fixed here, so two runs ask the same questions.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "examples" / "profiles").iterdir())
LARGE = {"occupations": 1000, "skills": 4600, "relations": 43000}


def bundled() -> Iterator[tuple[str, list[str]]]:
    """(name, arguments) of every question asked of the bundled data."""
    from esante_cli.dataset import load_dataset

    ds = load_dataset()
    ids = sorted(j.id for j in ds.jobs)
    yield "list", ["list", "--format", "json"]
    yield "list.csv", ["list", "--format", "csv"]
    yield "competences", ["competences", "--format", "json"]
    yield "schema", ["schema"]
    yield "validate", ["validate", "--format", "json"]
    yield "model-show", ["model", "show"]
    yield "model-calibrate", ["model", "calibrate", "--format", "json"]
    yield "model-check", ["model", "check", "--format", "json"]
    for c in ds.competences:
        yield f"competence-{c.id}", ["competence", c.id, "--format", "json"]
    for x in ids:
        yield f"show-{x}", ["show", x, "--format", "json"]
        yield f"neighbours-{x}", ["neighbours", x, "--format", "json"]
        yield (
            f"recommend-{x}",
            ["recommend", x, "--all", "--include-downgrades", "--top", "20", "--format", "json"],
        )
        yield f"recommend-{x}.md", ["recommend", x, "--format", "markdown"]
        yield f"map-{x}", ["map", x, "--include-downgrades", "--format", "json"]
    for a, b in [(ids[0], ids[5]), (ids[3], ids[9]), (ids[10], ids[1]), (ids[6], ids[2])]:
        for objective in ("levels", "hops", "max-jump"):
            yield (
                f"paths-{a}-{b}-{objective}",
                ["paths", a, b, "--k", "4", "--objective", objective, "--format", "json"],
            )
        yield f"paths-{a}-{b}.csv", ["paths", a, b, "--format", "csv"]
        yield f"gap-{a}-{b}", ["gap", a, b, "--format", "json"]
    yield "paths-via", ["paths", ids[0], ids[5], "--via", ids[2], "--format", "json"]
    yield "paths-declared", ["paths", ids[2], ids[8], "--declared-only", "--format", "json"]
    yield "compare", ["compare", *ids[:4], "--format", "json"]
    yield "export-graph", ["export", "graph", "--format", "json"]
    yield "export-matrix", ["export", "matrix", "--format", "json"]
    for p in PROFILES:
        name = p.stem
        yield f"match-{name}", ["match", str(p), "--include-downgrades", "--format", "json"]
        yield f"match-{name}.csv", ["match", str(p), "--format", "csv"]
        yield f"gap-{name}", ["gap", "--profile", str(p), "specialiste-e-sante", "--format", "json"]
        yield (
            f"paths-{name}",
            ["paths", "--profile", str(p), "--to", "specialiste-e-sante", "--format", "json"],
        )
        yield (
            f"whatif-{name}",
            [
                "whatif",
                str(p),
                "--raise",
                "technologies-sante",
                "--target",
                "specialiste-e-sante",
                "--format",
                "json",
            ],
        )
        yield f"leverage-{name}", ["leverage", str(p), "--format", "json"]


def large(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """(name, arguments) of the questions asked of the generated large dataset."""
    from esante_cli.dataset import load_dataset

    ds = load_dataset(folder)
    ids = sorted(j.id for j in ds.jobs)
    data = ["--data", str(folder)]
    yield "large-list", [*data, "list", "--format", "json"]
    yield "large-model-show", [*data, "model", "show"]
    for x in ids[::250]:
        yield f"large-show-{x}", [*data, "show", x, "--format", "json"]
        yield f"large-recommend-{x}", [*data, "recommend", x, "--top", "10", "--format", "json"]
        yield f"large-neighbours-{x}", [*data, "neighbours", x, "--top", "5", "--format", "json"]
    for a, b in [(ids[1], ids[400]), (ids[20], ids[900])]:
        yield f"large-paths-{a}-{b}", [*data, "paths", a, b, "--k", "3", "--format", "json"]
        yield f"large-gap-{a}-{b}", [*data, "gap", a, b, "--format", "json"]
    yield "large-compare", [*data, "compare", *ids[:3], "--format", "json"]


def ask(args: list[str]) -> str:
    """What ``esante ARGS`` prints on stdout, with its exit status."""
    from esante_cli.cli.application import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    return f"exit {status}\n{out.getvalue()}"


def answers(work: Path) -> dict[str, str]:
    os.environ.setdefault("COLUMNS", "100")
    out = {name: ask(args) for name, args in bundled()}
    from esante_cli.importers import write_dataset
    from esante_cli.importers.esco import import_esco, suggested_model
    from esante_cli.synthetic import write_esco

    raw = work / "esco-csv"
    write_esco(raw, seed=0, **LARGE)
    folder = write_dataset(import_esco(raw), work / "esco-data")
    suggested_model(folder)
    out.update({name: ask(args) for name, args in large(folder)})
    return {name: text.replace(str(work), "WORK") for name, text in out.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="DIR", help="write every answer into DIR")
    group.add_argument("--check", metavar="DIR", help="compare every answer with DIR's")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="esante-answers-"))
    os.environ["ESANTE_CACHE_DIR"] = str(work / "cache")
    try:
        got = answers(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if options.save:
        folder = Path(options.save)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in got.items():
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        print(f"{len(got)} answers saved in {folder}")
        return 0
    folder = Path(options.check)
    saved = {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
    differ = []
    for name in sorted(set(saved) | set(got)):
        if saved.get(name) != got.get(name):
            differ.append(name)
            diff = difflib.unified_diff(
                (saved.get(name) or "").splitlines(),
                (got.get(name) or "").splitlines(),
                lineterm="",
                n=0,
            )
            lines = [x for x in diff if x[:1] in "+-" and x[:3] not in ("+++", "---")]
            print(f"{name}: {lines[0][:150] if lines else 'missing'}")
    print(
        f"{len(got) - len(differ)} of {len(got)} answers identical"
        + (f"; {len(differ)} differ" if differ else "")
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
