"""The README's console examples, run again: what a reader copies gives what the README shows.

    python3 tools/readme_examples.py           # rewrite the outputs of the examples that drifted
    python3 tools/readme_examples.py --check   # change nothing; list the drifted ones (exit 1)

An example is a ```console block holding exactly one ``$ esante ...`` command (``COLUMNS=N``
before it is kept) that reads only the repository (no pipe, no redirection, no file written):
its output is the command's standard output then its standard error, in an 80-column terminal
unless it says otherwise, in French. A line ``...`` in a shown output stands for lines left out:
the parts around it must appear in that order, each whole; an example rewritten keeps as many
lines as it showed, then ``...``. Other blocks (several commands, pipes, files written,
examples of bad input shown in part) are left as written. ``tests/test_docs.py`` runs the check.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(?P<body>.*?)^```\n", re.DOTALL | re.MULTILINE)
# commands whose examples write files, read stdin or show bad input: left as written
SKIP = re.compile(r"[|<>;&]|\b(assess|workshop|import|validate|batch)\b|mauvais/|--output\b|-o ")


@dataclass
class Example:
    start: int  # offsets of the block's body in the README
    end: int
    command: str
    shown: str  # the output the README shows


def examples(text: str) -> list[Example]:
    """The blocks of ``text`` that hold one runnable command."""
    found = []
    for m in BLOCK.finditer(text):
        body = m.group("body")
        first, _, rest = body.partition("\n")
        if not first.startswith("$ ") or "\n$ " in "\n" + rest or SKIP.search(first):
            continue
        words = shlex.split(first[2:])
        env_words = [w for w in words if re.fullmatch(r"[A-Z_]+=\S*", w)]
        if words[len(env_words)] != "esante":
            continue
        found.append(Example(m.start("body"), m.end("body"), first[2:], rest))
    return found


def run(command: str) -> str:
    """The command's output as a reader sees it: stdout, then stderr."""
    words = shlex.split(command)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ESANTE_") and k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")
    }
    env.update({"LANG": "C.UTF-8", "COLUMNS": "80", "ESANTE_CACHE_DIR": str(ROOT / ".cache-doc")})
    while re.fullmatch(r"[A-Z_]+=\S*", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-m", "esante_cli", *words[1:]],
        check=False,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    out = done.stdout + done.stderr
    return "\n".join(line.rstrip() for line in out.splitlines()) + ("\n" if out else "")


def agrees(shown: str, now: str) -> bool:
    """Whether ``shown`` is ``now``, or ``now`` with lines left out where ``...`` stands."""
    if shown == now:
        return True
    parts = shown.split("...\n")
    if len(parts) == 1:
        return False
    lines, at = now.splitlines(), 0
    for k, part in enumerate(parts):
        want = part.splitlines()
        if k == 0:
            if lines[: len(want)] != want:
                return False
            at = len(want)
            continue
        found = next(
            (i for i in range(at, len(lines) - len(want) + 1) if lines[i : i + len(want)] == want),
            None,
        )
        if found is None:
            return False
        at = found + len(want)
    return True


def rewritten(shown: str, now: str) -> str:
    """``now`` as the README shows it: whole, or as many lines as ``shown`` had, then ``...``."""
    if "...\n" not in shown:
        return now
    keep = len([line for line in shown.splitlines() if line != "..."])
    lines = now.splitlines()
    if keep >= len(lines):
        return now
    return "\n".join(lines[:keep]) + "\n...\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 on drift")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    drifted = []
    for ex in reversed(examples(text)):
        now = run(ex.command)
        if not agrees(ex.shown, now):
            drifted.append(ex.command)
            shown = rewritten(ex.shown, now)
            text = text[: ex.start] + f"$ {ex.command}\n" + shown + text[ex.end :]
    if args.check:
        for command in reversed(drifted):
            print(f"README example out of date: $ {command}")
        return 1 if drifted else 0
    README.write_text(text, encoding="utf-8")
    print(f"{len(drifted)} example(s) rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
