"""The catalogue of hostile inputs (issue 13): special files, sizes, nesting, YAML aliases,
long names, bad batch lines, model files that are not finite numbers, options asking for
unbounded work, and writes that fail. Each case asserts the exit code, the one line on
stderr, and that nothing changed in the working folder."""

from __future__ import annotations

import errno
import json
import os
import re
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import Hang, hang_guard, snapshot

ERROR = "esante : erreur : "
HUGE = str(10**30)
GREEN = "responsable-green-it"
Setup = Callable[[Path], None]


# -- what a case prepares ---------------------------------------------------------------------


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_file():
        path.unlink()
    return path


def fifo(name: str) -> Setup:
    return lambda w: os.mkfifo(_parent(w / name))


def directory(name: str) -> Setup:
    return lambda w: _parent(w / name).mkdir()


def link(name: str, target: str) -> Setup:
    return lambda w: os.symlink(target, _parent(w / name))


def unix_socket(name: str) -> Setup:
    def make(w: Path) -> None:
        _parent(w / name)
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(name)  # relative: the working folder (a socket path is short)

    return make


def device(name: str) -> Setup:
    """A character device node like /dev/null (a root may make one); else a link to it."""

    def make(w: Path) -> None:
        path = _parent(w / name)
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except OSError:
            os.symlink("/dev/null", path)

    return make


def sparse(name: str, size: int) -> Setup:
    """A file of ``size`` bytes that takes no room (what is read first is its size)."""

    def make(w: Path) -> None:
        with _parent(w / name).open("wb") as handle:
            handle.truncate(size)

    return make


def pad(name: str, size: int) -> Setup:
    """Spaces after the end of a JSON file, up to ``size`` bytes: a larger, valid file."""

    def make(w: Path) -> None:
        path = w / name
        path.write_bytes(path.read_bytes().ljust(size))

    return make


def write(name: str, content: str | bytes) -> Setup:
    def make(w: Path) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        _parent(w / name).write_bytes(data)

    return make


def lines(*queries: str | bytes) -> Setup:
    """A batch file of these lines."""
    return write(
        "queries.jsonl",
        b"".join((q.encode() if isinstance(q, str) else q) + b"\n" for q in queries),
    )


def both(*setups: Setup) -> Setup:
    def make(w: Path) -> None:
        for setup in setups:
            setup(w)

    return make


def nothing(_w: Path) -> None:
    pass


# -- a case -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """``esante ARGS`` after ``setup``: exit ``code`` and one stderr line matching ``message``
    (a regular expression); or, with ``record``, a batch answering line ``record`` with the
    error ``code`` and ``message`` and every other line with a result."""

    id: str
    args: tuple[str, ...]
    code: int
    message: str
    setup: Setup = nothing
    env: dict[str, str] = field(default_factory=dict)
    record: int | None = None
    stdout: str | None = None  # what stdout says too (validate lists the problems there)


CASES: list[Case] = []


def case(id: str, args: Iterable[str], code: int, message: str, setup: Setup = nothing, **kw):
    CASES.append(Case(id, tuple(args), code, message, setup, **kw))


def record(
    id: str,
    queries: Iterable[str | bytes],
    line: int,
    code: int,
    message: str,
    extra: Setup = nothing,
    **kw,
):
    """A batch case: the query lines, the line whose error record is checked (exit 0)."""
    setup = both(extra, lines(*queries))
    case(id, ("batch", "queries.jsonl"), code, message, setup, record=line, **kw)


# -- 1. files that are not regular files --------------------------------------------------------

SPECIAL: dict[str, Callable[[str], Setup]] = {
    "fifo": fifo,
    "device": device,
    "zero": lambda name: link(name, "/dev/zero"),
    "socket": unix_socket,
}
WHAT = {
    "fifo": r"pas un fichier ordinaire \(tube nommé, FIFO\)",
    "device": r"pas un fichier ordinaire \(périphérique\)",
    "zero": r"pas un fichier ordinaire \(périphérique\)",
    "socket": r"pas un fichier ordinaire \(socket\)",
    "dir": r"c'est un dossier, pas un fichier",
}
PROFILE_READERS = {
    "match": ("match", "p.yaml"),
    "gap": ("gap", "--profile", "p.yaml", GREEN),
    "paths": ("paths", "--profile", "p.yaml", "--to", GREEN),
    "whatif": ("whatif", "p.yaml", "--raise", "risques+1"),
    "leverage": ("leverage", "p.yaml"),
    "report": ("report", "--profile", "p.yaml", "--target", GREEN, "--output", "r.md"),
}
for kind, make in SPECIAL.items():
    for reader, args in PROFILE_READERS.items():
        case(f"profile-{kind}-{reader}", args, 3, "p.yaml : " + WHAT[kind], make("p.yaml"))
    for reader, args in {
        "gap": ("gap", "data-scientist", GREEN),
        "paths": ("paths", "data-scientist", GREEN),
        "recommend": ("recommend", "data-scientist"),
        "model-show": ("model", "show"),
    }.items():
        setup = make("m.toml")
        case(
            f"model-{kind}-{reader}",
            ("--model", "m.toml", *args),
            3,
            "m.toml : " + WHAT[kind],
            setup,
        )
    case(
        f"group-{kind}",
        ("workshop", "g.csv", "--output-dir", "out"),
        3,
        "g.csv : " + WHAT[kind],
        make("g.csv"),
    )
    case(f"batch-file-{kind}", ("batch", "q.jsonl"), 3, "q.jsonl : " + WHAT[kind], make("q.jsonl"))
    for file in ("metier.json", "mobilites.json"):
        case(
            f"data-{kind}-{file}",
            ("--data", "data", "list"),
            3,
            f"{file} : " + WHAT[kind],
            make(f"data/{file}"),
        )
        case(
            f"validate-{kind}-{file}",
            ("validate", "data"),
            3,
            "1 problème dans data",
            make(f"data/{file}"),
            stdout=f"{file} : " + WHAT[kind],
        )
    for file in ("occupations_fr.csv", "skills_fr.csv", "occupationSkillRelations_fr.csv"):
        case(
            f"esco-{kind}-{file}",
            ("import", "esco", "esco", "--output", "new"),
            3,
            WHAT[kind],
            make(f"esco/{file}"),
        )
    for file in ("metiers.csv", "niveaux.csv"):
        case(
            f"sheets-{kind}-{file}",
            ("import", "csv", "sheets", "--output", "new"),
            3,
            WHAT[kind],
            make(f"sheets/{file}"),
        )
for reader, args in PROFILE_READERS.items():
    case(f"profile-dir-{reader}", args, 3, "p.yaml : " + WHAT["dir"], directory("p.yaml"))
case(
    "model-dir",
    ("--model", "m.toml", "gap", "data-scientist", GREEN),
    3,
    "m.toml : " + WHAT["dir"],
    directory("m.toml"),
)
case("batch-file-dir", ("batch", "q.jsonl"), 3, "q.jsonl : " + WHAT["dir"], directory("q.jsonl"))
case(
    "data-dir-metier",
    ("--data", "data", "list"),
    3,
    "metier.json : " + WHAT["dir"],
    directory("data/metier.json"),
)
case(
    "profile-dangling-link",
    ("match", "p.yaml"),
    3,
    "p.yaml : fichier introuvable",
    link("p.yaml", "nowhere.yaml"),
)
case(
    "profile-link-to-fifo",
    ("match", "p.yaml"),
    3,
    "p.yaml : " + WHAT["fifo"],
    both(fifo("f"), link("p.yaml", "f")),
)
case(
    "profile-dev-stdin",
    ("match", "/dev/stdin"),
    3,
    "pas un fichier ordinaire|\\.yaml, \\.yml ou \\.json",
)
case(
    "profile-proc-self",
    ("match", "/proc/self/fd/0"),
    3,
    "pas un fichier ordinaire|\\.yaml, \\.yml ou \\.json",
)

# -- 2. sizes ------------------------------------------------------------------------------------

MB = 1 << 20
case(
    "profile-too-big",
    ("match", "big.yaml"),
    3,
    r"big.yaml : fichier trop gros \(1,000001 Mo ; au plus 1 Mo pour ce fichier\)",
    sparse("big.yaml", MB + 1),
)
case(
    "profile-json-too-big",
    ("match", "big.json"),
    3,
    r"trop gros .*au plus 1 Mo",
    sparse("big.json", 5 * MB),
)
case(
    "profile-at-limit",
    ("match", "big.yaml"),
    3,
    r"big.yaml : fichier binaire",
    sparse("big.yaml", MB),
)
case(
    "model-too-big",
    ("--model", "big.toml", "gap", "data-scientist", GREEN),
    3,
    r"big.toml : fichier trop gros .*au plus 1 Mo",
    sparse("big.toml", 2 * MB),
)
case(
    "model-json-too-big",
    ("--model", "big.json", "model", "show"),
    3,
    r"big.json : fichier trop gros",
    sparse("big.json", 2 * MB),
)
case(
    "group-too-big",
    ("workshop", "big.csv", "--output-dir", "out"),
    3,
    r"big.csv : fichier trop gros .*au plus 16 Mo",
    sparse("big.csv", 16 * MB + 1),
)
for file in ("metier.json", "mobilites.json"):
    case(
        f"data-too-big-{file}",
        ("--data", "data", "list"),
        3,
        rf"{file} : fichier trop gros .*au plus 512 Mo : ESANTE_MAX_DATA_MB=N",
        sparse(f"data/{file}", 512 * MB + 1),
    )
    case(
        f"data-over-lowered-limit-{file}",
        ("--data", "data", "list"),
        3,
        rf"{file} : fichier trop gros \(0,1 Mo ; au plus 0,07 Mo : ESANTE_MAX_DATA_MB=N",
        pad(f"data/{file}", 100_000),
        env={"ESANTE_MAX_DATA_MB": "0.07"},  # the data's files are smaller
    )
case(
    "data-raised-limit",
    ("--data", "data", "list", "--format", "json"),
    0,
    "",
    env={"ESANTE_MAX_DATA_MB": "2048"},
)
for value in ("abc", "0", "-5", "nan", "inf", "1e12", "1,5"):
    case(
        f"data-limit-variable-{value}",
        ("--data", "data", "list"),
        3,
        rf"ESANTE_MAX_DATA_MB={re.escape(value)} : un nombre de mégaoctets",
        env={"ESANTE_MAX_DATA_MB": value},
    )
case(
    "esco-over-limit",
    ("import", "esco", "esco", "--output", "new"),
    3,
    "fichier trop gros",
    env={"ESANTE_MAX_DATA_MB": "0.001"},
)
case(
    "sheets-over-limit",
    ("import", "csv", "sheets", "--output", "new"),
    3,
    "fichier trop gros",
    env={"ESANTE_MAX_DATA_MB": "0.0001"},
)
case(
    "esco-file-too-big",
    ("import", "esco", "esco", "--output", "new"),
    3,
    "skills_fr.csv : fichier trop gros",
    sparse("esco/skills_fr.csv", 512 * MB + 1),
)

# -- 3. nesting and YAML aliases --------------------------------------------------------------


def deep_json(levels: int) -> str:
    return "[" * levels + "]" * levels


def laughs(levels: int = 9) -> str:
    """The "billion laughs": each level an anchor listing the one before nine times."""
    out = ['name: "x"', 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        out.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(out) + "\n"


DEEP = 100_000
NESTED = r"imbrication trop profonde"
case(
    "profile-json-deep",
    ("match", "d.json"),
    3,
    rf"d.json : {NESTED} \(au plus 100 niveaux\)",
    write("d.json", deep_json(DEEP)),
)
case(
    "profile-json-deep-101",
    ("match", "d.json"),
    3,
    rf"d.json : {NESTED}",
    write("d.json", '{"name": "x", "notes": ' + deep_json(100) + "}"),
)
case(
    "profile-json-deep-objects",
    ("match", "d.json"),
    3,
    rf"d.json : {NESTED}",
    write("d.json", '{"a":' * DEEP + "1" + "}" * DEEP),
)
case(
    "profile-yaml-flow-deep",
    ("match", "d.yaml"),
    3,
    rf"d.yaml : .*{NESTED}",
    write("d.yaml", deep_json(DEEP)),
)
case(
    "profile-yaml-block-deep",
    ("match", "d.yaml"),
    3,
    rf"d.yaml : .*{NESTED}",
    write("d.yaml", "".join(f"{' ' * i}k{i}:\n" for i in range(150)) + " " * 150 + "v: 1\n"),
)
case(
    "profile-yaml-sequence-deep",
    ("match", "d.yaml"),
    3,
    rf"d.yaml : .*{NESTED}",
    write("d.yaml", "- " * 2000 + "x\n"),
)
case(
    "data-metier-deep",
    ("--data", "data", "list"),
    3,
    rf"metier.json : {NESTED}",
    write("data/metier.json", deep_json(DEEP)),
)
case(
    "data-mobilites-deep",
    ("--data", "data", "list"),
    3,
    rf"mobilites.json : {NESTED}",
    write("data/mobilites.json", '{"mobilities":' + deep_json(DEEP) + "}"),
)
case(
    "validate-metier-deep",
    ("validate", "data"),
    3,
    "1 problème dans data",
    write("data/metier.json", '{"a":' * DEEP + "1" + "}" * DEEP),
    stdout=rf"metier.json : {NESTED}",
)
case(
    "model-json-deep",
    ("--model", "d.json", "model", "show"),
    3,
    rf"d.json : {NESTED}",
    write("d.json", deep_json(DEEP)),
)
case(
    "model-toml-deep-arrays",
    ("--model", "d.toml", "model", "show"),
    3,
    rf"d.toml : {NESTED}",
    write("d.toml", "a = " + deep_json(DEEP) + "\n"),
)
case(
    "model-toml-deep-tables",
    ("--model", "d.toml", "model", "show"),
    3,
    rf"d.toml : {NESTED}",
    write("d.toml", "a = " + "{b=" * DEEP + "1" + "}" * DEEP + "\n"),
)
case(
    "model-toml-deep-dotted",
    ("--model", "d.toml", "model", "show"),
    3,
    r"d.toml : ",
    write("d.toml", ".".join(["a"] * 5000) + " = 1\n"),
)
case(
    "profile-billion-laughs",
    ("match", "l.yaml"),
    3,
    r"l.yaml : ligne 2, .*ancres et alias \(&, \*\) refusés",
    write("l.yaml", laughs()),
)
case(
    "profile-billion-laughs-gap",
    ("gap", "--profile", "l.yaml", GREEN),
    3,
    r"ancres et alias",
    write("l.yaml", laughs()),
)
case(
    "profile-billion-laughs-paths",
    ("paths", "--profile", "l.yaml", "--to", GREEN),
    3,
    r"ancres et alias",
    write("l.yaml", laughs(12)),
)
case(
    "profile-anchor-only",
    ("match", "a.yaml"),
    3,
    r"a.yaml : ligne 1, .*ancres et alias",
    write("a.yaml", "name: &n x\ncompetences: {}\n"),
)
case(
    "profile-alias-merge",
    ("match", "a.yaml"),
    3,
    r"ancres et alias",
    write("a.yaml", "base: &b {risques: 1}\ncompetences:\n  <<: *b\n"),
)
case(
    "profile-anchor-in-list",
    ("match", "a.yaml"),
    3,
    r"ancres et alias",
    write("a.yaml", "competences: {risques: &x 1, autonomie: *x}\n"),
)
case(
    "profile-python-tag",
    ("match", "t.yaml"),
    3,
    r"t.yaml : .*YAML invalide",
    write("t.yaml", "name: !!python/object/apply:os.system ['true']\n"),
)
case(
    "profile-unknown-tag",
    ("match", "t.yaml"),
    3,
    r"t.yaml : .*YAML invalide",
    write("t.yaml", "name: !custom x\n"),
)
LIST = '{"query":"list"}'
PATHS_TO_GREEN = '{"query":"paths","to":"' + GREEN + '",'
FROM_DS_TO_GREEN = PATHS_TO_GREEN + '"from":"data-scientist",'
record(
    "batch-billion-laughs",
    ['{"query":"match","profile":"l.yaml"}', LIST],
    1,
    3,
    r"l.yaml: line 2, .*anchors and aliases",
    write("l.yaml", laughs()),
)
record(
    "batch-billion-laughs-paths",
    [LIST, PATHS_TO_GREEN + '"profile":"l.yaml"}'],
    2,
    3,
    r"anchors and aliases",
    write("l.yaml", laughs(12)),
)
record(
    "batch-profile-fifo",
    ['{"query":"gap","profile":"f.yaml","to":"' + GREEN + '"}', LIST],
    1,
    3,
    r"f.yaml: not a regular file \(named pipe, FIFO\)",
    fifo("f.yaml"),
)
record(
    "batch-profile-zero",
    ['{"query":"leverage","profile":"z.yaml"}', LIST],
    1,
    3,
    r"z.yaml: not a regular file \(device\)",
    link("z.yaml", "/dev/zero"),
)
record(
    "batch-profile-deep",
    ['{"query":"match","profile":"d.json"}', LIST],
    1,
    3,
    r"d.json: nested too deeply",
    write("d.json", deep_json(DEEP)),
)
record(
    "batch-profile-too-big",
    ['{"query":"whatif","profile":"b.yaml","raise":"risques+1"}', LIST],
    1,
    3,
    r"b.yaml: file too large",
    sparse("b.yaml", 2 * MB),
)

# -- 4. names -------------------------------------------------------------------------------------

LONG = "a" * 1001
TOO_LONG_JOB = r"nom de métier trop long \(1001 caractères ; au plus 1000\)"
TOO_LONG_COMP = r"nom de compétence trop long \(1001 caractères ; au plus 1000\)"
for name, args in {
    "show": ("show", LONG),
    "neighbours": ("neighbours", LONG),
    "recommend": ("recommend", LONG),
    "paths-from": ("paths", LONG, GREEN),
    "paths-to": ("paths", "data-scientist", LONG),
    "paths-via": ("paths", "data-scientist", GREEN, "--via", LONG),
    "paths-avoid": ("paths", "data-scientist", GREEN, "--avoid", LONG),
    "gap-from": ("gap", LONG, GREEN),
    "gap-to": ("gap", "data-scientist", LONG),
    "compare": ("compare", "data-scientist", LONG),
    "map": ("map", LONG),
    "report": ("report", "data-scientist", LONG, "--output", "r.md"),
    "match-target": ("match", "profile.yaml", "--target", LONG),
    "leverage-targets": ("leverage", "profile.yaml", "--targets", LONG),
    "workshop-target": ("workshop", "group.csv", "--target", LONG, "--output-dir", "out"),
    "paths-profile-to": ("paths", "--profile", "profile.yaml", "--to", LONG),
}.items():
    case(f"name-too-long-{name}", args, 4, TOO_LONG_JOB)
case("name-megabyte", ("show", "é" * 300_000), 4, r"nom de métier trop long \(300000 caractères")
case("name-at-limit", ("show", "a" * 1000), 4, r"métier inconnu « a{1000} »")
case("competence-too-long", ("competence", LONG), 4, TOO_LONG_COMP)
case(
    "whatif-competence-too-long",
    ("whatif", "profile.yaml", "--raise", LONG + "+1"),
    4,
    TOO_LONG_COMP,
)
for query, fields in {
    "show": {"job": LONG},
    "neighbours": {"job": LONG},
    "recommend": {"job": LONG},
    "paths-from": {"query": "paths", "from": LONG, "to": GREEN},
    "paths-to": {"query": "paths", "from": "data-scientist", "to": LONG},
    "paths-via": {"query": "paths", "from": "data-scientist", "to": GREEN, "via": LONG},
    "paths-avoid": {"query": "paths", "from": "data-scientist", "to": GREEN, "avoid": [LONG]},
    "gap": {"query": "gap", "from": LONG, "to": GREEN},
    "compare": {"query": "compare", "jobs": ["data-scientist", LONG]},
    "competence": {"name": LONG},
    "match-target": {"query": "match", "profile": "profile.yaml", "target": LONG},
}.items():
    line = json.dumps({"query": query, **fields})
    wanted = (
        r"competence name too long \(1001"
        if query == "competence"
        else r"job name too long \(1001 characters; at most 1000\)"
    )
    record(f"batch-name-too-long-{query}", [LIST, line, LIST], 2, 4, wanted)
record(
    "batch-name-megabyte",
    [json.dumps({"query": "show", "job": "x" * 900_000}), LIST],
    1,
    4,
    r"job name too long \(900000",
)

# -- 5. batch lines -------------------------------------------------------------------------------

record(
    "batch-non-utf8-line",
    [LIST, b'{"query":"show","job":"\xff\xfe"}', LIST],
    2,
    3,
    r"line is not UTF-8 text \(byte 24\)",
)
record(
    "batch-latin1-line", [b'{"query":"show","job":"m\xe9tier"}', LIST], 1, 3, r"line is not UTF-8"
)
record(
    "batch-overlong-utf8",
    [LIST, b'{"query":"list","family":"\xc0\xaf"}'],
    2,
    3,
    r"line is not UTF-8",
)
record(
    "batch-surrogate-bytes",
    [b'{"query":"show","job":"\xed\xa0\x80"}', LIST],
    1,
    3,
    r"line is not UTF-8",
)
record(
    "batch-line-too-long",
    [LIST, b'{"query":"show","job":"' + b"a" * (MB + 10) + b'"}', LIST],
    2,
    3,
    r"line too long \(more than 1048576 bytes\)",
)
record("batch-line-too-long-no-json", [b" " * (3 * MB), LIST], 1, 3, r"line too long")
record("batch-nul-line", [b'{"query":"list"}\x00', LIST], 1, 2, r"invalid JSON at column 17")
record("batch-deep-line", [LIST, '{"query":' + deep_json(DEEP) + "}"], 2, 2, r"nested too deeply")
record("batch-not-json", ["{query: list}", LIST], 1, 2, r"invalid JSON at column 2")
record("batch-json-array", ["[1, 2]", LIST], 1, 2, r"a query must be a JSON object")
record(
    "batch-unknown-query",
    ['{"query":"rm -rf"}', LIST],
    1,
    2,
    r'unknown query "rm -rf" \(one of: list,',
)
for value, wanted in {
    "1000000": r"k: must be at most 100, got 1000000",
    HUGE: r"k: must be at most 100",
    "101": r"k: must be at most 100, got 101",
    "0": r"k: must be at least 1",
    "-1": r"k: must be at least 1",
    "true": r"k: must be a whole number, got true",
    '"3"': r'k: must be a whole number, got "3"',
    "3.5": r"k: must be a whole number, got 3.5",
    "1e400": r"k: must be a whole number, got Infinity",
    "null": r"k: must be a whole number, got null",
}.items():
    line = FROM_DS_TO_GREEN + '"k":' + value + "}"
    record(f"batch-k-{value[:12]}", [line, LIST], 1, 2, wanted)
for field_name, value in {"top": "0", "draws": "10001", "seed": "-1", "max_hops": "0"}.items():
    line = '{"query":"recommend","job":"data-scientist","' + field_name + '":' + value + "}"
    if field_name == "max_hops":
        line = FROM_DS_TO_GREEN + '"max_hops":0}'
    wanted = rf"{field_name}: must be (at least 1|at most 10000|0 or more), got {value}"
    record(f"batch-{field_name}-{value}", [line, LIST], 1, 2, wanted)
record(
    "batch-draws-too-many",
    ['{"query":"recommend","job":"data-scientist","draws":1000000}', LIST],
    1,
    2,
    r"draws: must be at most 10000",
)
record(
    "batch-profile-missing",
    ['{"query":"match","profile":"nowhere.yaml"}', LIST],
    1,
    3,
    r"nowhere.yaml: file not found",
)

# -- 6. model files -------------------------------------------------------------------------------

FINITE = r"doit être un nombre fini, reçu"
NUMBER = r"doit être un nombre, reçu"
WHOLE = r"doit être un nombre entier, reçu"
MODEL_TOML = {
    "inf": ("weights", "climb", "inf", FINITE + " inf"),
    "minus-inf": ("weights", "climb", "-inf", FINITE + " -inf"),
    "nan": ("weights", "max_jump", "nan", FINITE + " nan"),
    "hop-inf": ("weights", "hop_penalty", "inf", FINITE),
    "hop-nan": ("weights", "hop_penalty", "nan", FINITE),
    "detour-inf": ("thresholds", "max_detour", "inf", FINITE),
    "bands-nan": ("bands", "proche", "nan", FINITE),
    "share-inf": ("uncertainty", "share", "inf", FINITE),
    "climb-1e308": ("weights", "climb", "1e308", r"doit être ≤ 1000000, reçu 1e\+308"),
    "unused-1e7": ("weights", "unused", "1e7", r"doit être ≤ 1000000"),
    "detour-1e9": ("thresholds", "max_detour", "1e9", r"doit être ≤ 1000000"),
    "climb-negative": ("weights", "climb", "-1", r"doit être ≥ 0"),
    "hop-zero": ("weights", "hop_penalty", "0", r"doit être ≥ 0.01"),
    "detour-below-1": ("thresholds", "max_detour", "0.5", r"doit être ≥ 1"),
    "climb-string": ("weights", "climb", '"1"', NUMBER + " '1'"),
    "climb-bool": ("weights", "climb", "true", NUMBER + " true"),
    "climb-list": ("weights", "climb", "[1]", NUMBER),
    "climb-table": ("weights", "climb", "{a = 1}", NUMBER),
    "climb-date": ("weights", "climb", "2024-01-01", NUMBER),
    "jump-float": ("thresholds", "max_jump", "2.5", WHOLE + " 2.5"),
    "jump-string": ("thresholds", "max_jump", '"2"', WHOLE),
    "jump-bool": ("thresholds", "max_jump", "false", WHOLE),
    "jump-over-level": ("thresholds", "max_jump", "5", r"doit être ≤ 4"),
    "blocking-zero": ("thresholds", "blocking_deficit", "0", r"doit être ≥ 1"),
    "draws-float": ("uncertainty", "draws", "1.5", WHOLE),
    "draws-huge": ("uncertainty", "draws", "10001", r"doit être ≤ 10000"),
    "draws-bool": ("uncertainty", "draws", "true", WHOLE),
    "seed-negative": ("uncertainty", "seed", "-1", r"doit être ≥ 0"),
    "seed-huge": ("uncertainty", "seed", HUGE, r"doit être ≤ 9223372036854775807"),
    "share-over-1": ("uncertainty", "share", "1.5", r"doit être ≤ 1"),
    "margin-negative": ("thresholds", "downgrade_margin", "-0.1", r"doit être ≥ 0"),
    "count-string": ("calibration", "count", '"12"', WHOLE),
    "unknown-key": ("weights", "clmb", "1", r"weights\.clmb"),
}
for name, (section, key, value, wanted) in MODEL_TOML.items():
    setup = write("m.toml", f"[{section}]\n{key} = {value}\n")
    case(
        f"model-toml-{name}",
        ("--model", "m.toml", "gap", "data-scientist", GREEN, "--format", "json"),
        3,
        rf"m.toml : {section}\.{key} : {wanted}" if name != "unknown-key" else wanted,
        setup,
    )
MODEL_JSON = {
    "infinity": ('{"weights": {"climb": Infinity}}', FINITE + " inf"),
    "minus-infinity": ('{"weights": {"climb": -Infinity}}', FINITE),
    "nan": ('{"weights": {"hop_penalty": NaN}}', FINITE),
    "1e400": ('{"weights": {"climb": 1e400}}', FINITE),
    "string": ('{"weights": {"climb": "1"}}', NUMBER + " '1'"),
    "bool": ('{"weights": {"climb": true}}', NUMBER + " true"),
    "null": ('{"weights": {"climb": null}}', NUMBER),
    "int-as-float": ('{"uncertainty": {"draws": 2.0}}', WHOLE),
    "section-list": ('{"weights": [1, 2]}', r"m.json : weights : doit être une table"),
    "section-string": ('{"weights": "heavy"}', r"m.json : weights : doit être une table"),
    "name-number": ('{"name": 5}', r"m.json : name : doit être un texte, reçu 5"),
    "name-empty": ('{"name": ""}', r"m.json : name : doit être un texte non vide"),
    "bands-crossed": ('{"bands": {"proche": 0.5, "accessible": 0.6}}', r"accessible"),
    "unknown-section": ('{"poids": {}}', r"m.json : poids : champ inconnu"),
    "top-level-list": ("[1, 2, 3]", r"m.json : "),
    "top-level-number": ("12", r"m.json : "),
    "empty": ("", r"m.json : le fichier est vide"),
    "syntax": ('{"weights": {', r"m.json : ligne 1, .*JSON invalide"),
}
for name, (text, wanted) in MODEL_JSON.items():
    case(
        f"model-json-{name}",
        ("--model", "m.json", "paths", "data-scientist", GREEN, "--format", "json"),
        3,
        wanted,
        write("m.json", text),
    )
case(
    "model-binary",
    ("--model", "m.toml", "model", "show"),
    3,
    r"m.toml : fichier binaire",
    write("m.toml", b"\x00\x01climb = 1"),
)
case(
    "model-latin1",
    ("--model", "m.toml", "model", "show"),
    3,
    r"m.toml : texte non UTF-8",
    write("m.toml", 'name = "modèle"\n'.encode("latin-1")),
)
case(
    "model-toml-syntax",
    ("--model", "m.toml", "model", "show"),
    3,
    r"m.toml : TOML invalide",
    write("m.toml", "[weights\nclimb = 1\n"),
)
case(
    "model-toml-duplicate",
    ("--model", "m.toml", "model", "show"),
    3,
    r"m.toml : TOML invalide",
    write("m.toml", "[weights]\nclimb = 1\nclimb = 2\n"),
)
case(
    "model-wrong-suffix",
    ("--model", "m.yaml", "model", "show"),
    3,
    r"m.yaml : type de fichier de modèle non pris en charge « .yaml » \(.toml ou .json\)",
    write("m.yaml", "weights: {}\n"),
)
case(
    "model-env-fifo",
    ("--model", "f.toml", "recommend", "data-scientist"),
    3,
    "f.toml : " + WHAT["fifo"],
    fifo("f.toml"),
)

# -- 7. options asking for unbounded work -----------------------------------------------------------

OVER_K = r"--k.*(≤|au plus|inférieur ou égal à) ?100"
for value in ("101", "1000000", HUGE):
    case(f"paths-k-{value[:10]}", ("paths", "data-scientist", GREEN, "--k", value), 2, OVER_K)
case(
    "paths-profile-k",
    ("paths", "--profile", "profile.yaml", "--to", GREEN, "--k", "1000000"),
    2,
    OVER_K,
)
case(
    "report-k", ("report", "data-scientist", GREEN, "--output", "r.md", "--k", "1000000"), 2, OVER_K
)
case("workshop-k", ("workshop", "group.csv", "--output-dir", "out", "--k", "1000000"), 2, OVER_K)
case("paths-k-zero", ("paths", "data-scientist", GREEN, "--k", "0"), 2, r"--k")
case("paths-max-hops-zero", ("paths", "data-scientist", GREEN, "--max-hops", "0"), 2, r"--max-hops")
case("recommend-top-zero", ("recommend", "data-scientist", "--top", "0"), 2, r"--top")
case("recommend-draws-huge", ("recommend", "data-scientist", "--draws", "1000000"), 2, r"--draws")
case("recommend-draws-negative", ("recommend", "data-scientist", "--draws", "-1"), 2, r"--draws")
case("neighbours-top-huge-text", ("neighbours", "data-scientist", "--top", "1e30"), 2, r"--top")
case(
    "paths-hops-huge",
    ("paths", "data-scientist", GREEN, "--max-hops", HUGE, "--format", "json"),
    0,
    "",
)
case(
    "paths-hops-huge-k-max",
    ("paths", "data-scientist", GREEN, "--max-hops", HUGE, "--k", "100", "--format", "json"),
    0,
    "",
)
case(
    "neighbours-top-huge",
    ("neighbours", "data-scientist", "--top", HUGE, "--format", "json"),
    0,
    "",
)
case(
    "recommend-top-huge", ("recommend", "data-scientist", "--top", HUGE, "--format", "json"), 0, ""
)
case("match-top-huge", ("match", "profile.yaml", "--top", HUGE, "--format", "json"), 0, "")
case("leverage-top-huge", ("leverage", "profile.yaml", "--top", HUGE, "--format", "json"), 0, "")
case(
    "recommend-seed-huge",
    ("recommend", "data-scientist", "--seed", HUGE, "--format", "json"),
    0,
    "",
)
record(
    "batch-hops-huge",
    [FROM_DS_TO_GREEN + '"k":100,"max_hops":' + HUGE + "}", '{"query":"x"}'],
    2,
    2,
    r'unknown query "x"',
)
record(
    "batch-top-huge",
    ['{"query":"recommend","job":"data-scientist","top":' + HUGE + "}", '{"query":"x"}'],
    2,
    2,
    r'unknown query "x"',
)

# -- 8. writes --------------------------------------------------------------------------------------

WRITERS = {
    "export-graph": ("export", "graph", "--output", "{}.json"),
    "export-matrix": ("export", "matrix", "--output", "{}.csv"),
    "profile-template": ("profile", "template", "--output", "{}.yaml"),
    "model-calibrate": ("model", "calibrate", "--output", "{}.toml"),
    "map": ("map", "data-scientist", "--output", "{}.svg"),
    "report": ("report", "data-scientist", GREEN, "--output", "{}.md"),
}
TARGETS: dict[str, tuple[Callable[[str], Setup], str]] = {
    "device": (device, WHAT["device"]),
    "fifo": (fifo, WHAT["fifo"]),
    "socket": (unix_socket, WHAT["socket"]),
    "dir": (directory, r"c'est un dossier"),
    "link-to-null": (lambda name: link(name, "/dev/null"), WHAT["device"]),
}
for writer, template in WRITERS.items():
    for kind, (make, wanted) in TARGETS.items():
        args = tuple(a.format("o") for a in template)
        target = args[args.index("--output") + 1]
        case(
            f"write-{writer}-{kind}",
            (*args, "--force"),
            3,
            f"{re.escape(target)} : {wanted}",
            make(target),
        )
    args = tuple(a.format("missing/o") for a in template)
    case(f"write-{writer}-missing-folder", args, 3, r"le dossier missing n'existe pas")
    args = tuple(a.format("o") for a in template)
    target = args[args.index("--output") + 1]
    case(
        f"write-{writer}-exists",
        args,
        3,
        rf"{re.escape(target)} : existe déjà \(--force",
        write(target, "old"),
    )
for kind, (make, wanted) in TARGETS.items():
    if kind != "dir":
        case(
            f"write-import-esco-{kind}",
            ("import", "esco", "esco", "--output", "new", "--force"),
            3,
            wanted,
            make("new/metier.json"),
        )
        case(
            f"write-workshop-{kind}",
            ("workshop", "group.csv", "--output-dir", "out", "--format", "md", "--force"),
            3,
            wanted,
            make("out/camille-martin.md"),
        )
for kind, (make, wanted) in TARGETS.items():
    case(f"assess-output-{kind}", ("assess", "--output", "a.yaml"), 3, wanted, make("a.yaml"))
case(
    "assess-output-laughs",
    ("assess", "--output", "a.yaml"),
    3,
    "ancres et alias",
    write("a.yaml", laughs()),
)
case(
    "assess-output-deep",
    ("assess", "--output", "a.json"),
    3,
    NESTED,
    write("a.json", deep_json(DEEP)),
)
case(
    "write-output-under-a-file",
    ("export", "graph", "--output", "profile.yaml/g.json"),
    3,
    r"profile.yaml/g.json",
)

# -- paths the system refuses: a name too long, a loop of symbolic links ------------------------

NAME = "x" * 300  # over any file system's 255 bytes for a name
PATH_READERS = {
    "validate": ("validate", "{}"),
    "data": ("--data", "{}", "list"),
    "match": ("match", "{}.yaml"),
    "model": ("--model", "{}.toml", "model", "show"),
    "batch": ("batch", "{}"),
    "workshop": ("workshop", "{}.csv", "--output-dir", "out"),
    "workshop-out": ("workshop", "group.csv", "--output-dir", "{}", "--format", "md"),
    "esco": ("import", "esco", "{}", "--output", "new"),
    "esco-out": ("import", "esco", "esco", "--output", "{}"),
    "sheets": ("import", "csv", "{}", "--output", "new"),
    "sheets-out": ("import", "csv", "sheets", "--output", "{}"),
    "template": ("import", "csv", "--template", "{}"),
    "assess-out": ("assess", "--output", "{}.yaml"),
    "profile-out": ("profile", "template", "--output", "{}.yaml"),
    "export-out": ("export", "graph", "--output", "{}.json"),
}
REFUSED = (
    r"(File name too long|Too many levels of symbolic links|pas un dossier|introuvable|"
    r"n'existe pas|illisible|aucun fichier|1 problème dans|impossible de créer le dossier)"
)
for reader, template in PATH_READERS.items():
    case(f"path-too-long-{reader}", tuple(a.format(NAME) for a in template), 3, REFUSED)
    loop = both(link("loop", "loop2"), link("loop2", "loop"))
    args = tuple(a.format("loop/x") for a in template)
    case(f"path-link-loop-{reader}", args, 3, REFUSED, loop)

record(
    "batch-profile-path-too-long",
    [json.dumps({"query": "match", "profile": NAME + ".yaml"}), LIST],
    1,
    3,
    r"File name too long",
)
record(
    "batch-profile-link-loop",
    [json.dumps({"query": "leverage", "profile": "loop/x.yaml"}), LIST],
    1,
    3,
    r"loop/x.yaml: (cannot be read|file not found)",
    both(link("loop", "loop2"), link("loop2", "loop")),
)

# -- 9. data files and imports ------------------------------------------------------------------------

for file in ("metier.json", "mobilites.json"):
    for name, content, wanted in (
        ("empty", b"", r"vide|JSON invalide"),
        ("null", b"null", r"."),
        ("list", b"[]", r"."),
        ("truncated", b'{"jobs": [', r"JSON invalide"),
        ("latin1", '{"x": "é"}'.encode("latin-1"), r"non UTF-8"),
        ("binary", b"\x00\x00\xff", r"."),
        ("utf16", '{"jobs": []}'.encode("utf-16"), r"."),
    ):
        case(
            f"data-{file}-{name}",
            ("--data", "data", "list"),
            3,
            f"{file} : |{file}",
            write(f"data/{file}", content),
        )


def _level(value: object) -> Setup:
    def make(w: Path) -> None:
        path = w / "data" / "metier.json"
        raw = json.loads(path.read_text("utf-8"))
        raw["jobs"][0]["competences"][0]["expected_level"] = value
        path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")

    return make


for name, value in {"string": "2", "bool": True, "float": 2.5, "huge": 10**30, "zero": 0}.items():
    case(f"data-level-{name}", ("--data", "data", "list"), 3, r"metier.json : ", _level(value))
# files of 1 MB or more are read by orjson first (dataset._fast_json): the same refusals
BIG = 1_100_000
for name, content, wanted in (
    # orjson (3.9.15 and later) stops at 1,024 levels; json then says the nesting is too deep
    ("deep", deep_json(DEEP), r"metier.json : imbrication trop profonde"),
    ("deep-inside", '{"dataset": {"notes": ' + deep_json(DEEP) + "}}", r"metier.json : "),
    ("null", "null", r"metier.json : null, pas un objet JSON"),
    ("nan", '{"jobs": [{"x": NaN}]}', r"metier.json : "),
    ("huge-int", '{"jobs": [{"x": ' + "9" * 30 + "}]}", r"metier.json : "),
    ("latin1", '{"x": "\u00e9"}', r"metier.json : "),
):
    case(
        f"data-large-file-{name}",
        ("--data", "data", "list"),
        3,
        wanted,
        both(write("data/metier.json", content), pad("data/metier.json", BIG)),
    )
case(
    "data-level-nan",
    ("--data", "data", "list"),
    3,
    r"metier.json : ",
    write("data/metier.json", '{"jobs": [{"x": NaN}]}'),
)
case(
    "data-level-infinity",
    ("--data", "data", "list"),
    3,
    r"metier.json : ",
    write("data/metier.json", '{"jobs": [{"x": Infinity}]}'),
)


def _both_languages(w: Path) -> None:
    for path in list((w / "esco").glob("*_fr.csv")):
        (path.parent / path.name.replace("_fr.csv", "_en.csv")).write_bytes(path.read_bytes())


case(
    "esco-two-languages",
    ("import", "esco", "esco", "--output", "new"),
    3,
    r"esco : plusieurs langues \(en, fr\) : choisissez avec --lang",
    _both_languages,
)
case(
    "esco-empty-folder",
    ("import", "esco", "empty", "--output", "new"),
    3,
    r"empty : aucun fichier ESCO trouvé",
    directory("empty"),
)
case(
    "esco-latin1",
    ("import", "esco", "esco", "--output", "new"),
    3,
    r"occupations_fr.csv",
    write("esco/occupations_fr.csv", "conceptUri,preferredLabel\nx,métier\n".encode("latin-1")),
)
case(
    "esco-no-header",
    ("import", "esco", "esco", "--output", "new"),
    3,
    r"occupations_fr.csv",
    write("esco/occupations_fr.csv", ""),
)
case(
    "sheets-binary",
    ("import", "csv", "sheets", "--output", "new"),
    3,
    r"metiers.csv",
    write("sheets/metiers.csv", b"\x00\x01\x02"),
)
case(
    "sheets-empty",
    ("import", "csv", "sheets", "--output", "new"),
    3,
    r"metiers.csv",
    write("sheets/metiers.csv", b""),
)
case(
    "group-binary",
    ("workshop", "g.csv", "--output-dir", "out"),
    3,
    r"g.csv : fichier binaire, pas un groupe CSV",
    write("g.csv", b"\x00\x01"),
)
case(
    "group-empty",
    ("workshop", "g.csv", "--output-dir", "out"),
    3,
    r"g.csv : le fichier est vide",
    write("g.csv", b""),
)
case(
    "group-missing",
    ("workshop", "nowhere.csv", "--output-dir", "out"),
    3,
    r"nowhere.csv : fichier introuvable",
)
case("batch-file-missing", ("batch", "nowhere.jsonl"), 3, r"nowhere.jsonl : fichier introuvable")


# -- the tests ----------------------------------------------------------------------------------------


def _one_line(stderr: str) -> str:
    assert stderr.endswith("\n") and stderr.count("\n") == 1, repr(stderr[:500])
    assert "Traceback" not in stderr
    return stderr.rstrip("\n")


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_hostile_input(c: Case, work: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented exit code, one line naming the problem, nothing changed on disk."""
    c.setup(work)
    for name, value in c.env.items():
        monkeypatch.setenv(name, value)
    before = snapshot(work)
    result = cli(*c.args)
    assert not isinstance(result.exception, Hang)
    after = snapshot(work)
    assert after == before
    if c.record is not None:
        assert result.exit_code == 0, (result.stderr, result.exception)
        answers = [json.loads(line) for line in result.stdout.splitlines()]
        for answer in answers:
            if answer["line"] == c.record:
                assert answer["code"] == c.code, answer
                assert re.search(c.message, answer["error"]), answer
                assert "\n" not in answer["error"]
            else:
                assert "result" in answer or answer.get("code") == 2, answer
        assert c.record in {a["line"] for a in answers}
        return
    assert result.exit_code == c.code, (result.stdout[-300:], result.stderr, result.exception)
    if c.code == 0:
        assert result.stderr == ""
        json.loads(result.stdout, parse_constant=_no_constant)
        return
    if c.stdout is not None:
        assert re.search(c.stdout, result.stdout), result.stdout
    if c.code == 2:  # a usage error: Click's words, on one line too
        line = _one_line(result.stderr)
        assert re.search(c.message, line), line
        return
    line = _last_line(result.stderr)
    assert line.startswith(ERROR), line
    assert re.search(c.message, line), line


def _last_line(stderr: str) -> str:
    """The error line; an import lists each faulty line of its files before (one line each,
    "esante : FILE : ..."), its error line counts them."""
    assert stderr.endswith("\n") and "Traceback" not in stderr, stderr[:500]
    *details, last = stderr.rstrip("\n").split("\n")
    assert all(d.startswith("esante : ") for d in details), stderr[:500]
    assert not details or " problème" in last, stderr[:500]
    return last


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


def test_catalogue_is_large() -> None:
    """The catalogue names every case once, and has a few hundred of them."""
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 250


# -- stdout that fails, in a process of its own ---------------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src"
STDOUT_COMMANDS = {
    "version": ("--version",),
    "help": ("--help",),
    "list-csv": ("list", "--format", "csv"),
    "list-table": ("list",),
    "show": ("show", "data-scientist"),
    "export-graph": ("export", "graph", "--format", "json"),
    "export-matrix": ("export", "matrix", "--format", "csv"),
    "paths-json": ("paths", "data-scientist", GREEN, "--format", "json"),
    "model-show": ("model", "show"),
    "schema": ("schema",),
    "competences-md": ("competences", "--format", "markdown"),
    "batch": ("batch",),
}
BATCH_INPUT = ('{"query":"list"}\n' * 200).encode()


def _esante(args: tuple[str, ...], cwd: Path, **kw) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "ESANTE_LANG": "fr"}
    with hang_guard(60):
        return subprocess.run(
            [sys.executable, "-m", "esante_cli", *args], cwd=cwd, env=env, check=False, **kw
        )


@pytest.mark.parametrize("name", STDOUT_COMMANDS)
def test_full_stdout_is_one_line_exit_3(name: str, work: Path) -> None:
    """A full standard output (> /dev/full): one line, exit 3, no traceback."""
    args = STDOUT_COMMANDS[name]
    with open("/dev/full", "wb") as full:
        done = _esante(
            args,
            work,
            stdout=full,
            stderr=subprocess.PIPE,
            input=BATCH_INPUT if name == "batch" else None,
        )
    stderr = done.stderr.decode()
    assert done.returncode == 3, stderr
    line = _one_line(stderr)
    assert (
        line == "esante : erreur : sortie standard : écriture impossible (No space left on device)"
    )


@pytest.mark.parametrize("name", STDOUT_COMMANDS)
def test_closed_pipe_ends_quietly(name: str, work: Path) -> None:
    """A reader that goes after one line (esante ... | head -1): exit 0, nothing on stderr."""
    args = STDOUT_COMMANDS[name]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    with hang_guard(60):
        proc = subprocess.Popen(
            [sys.executable, "-m", "esante_cli", *args],
            cwd=work,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        if name == "batch":
            proc.stdin.write(BATCH_INPUT)  # less than a pipe holds: never blocks here
        proc.stdin.close()
        proc.stdout.readline()
        proc.stdout.close()  # the reader goes away
        stderr = proc.stderr.read().decode()
        status = proc.wait()
    assert (status, stderr) == (0, "")


# A standard output whose writes fail with a given error (EIO, EROFS...), in a process.
FAILING_STDOUT = """
import io, sys
class Failing(io.RawIOBase):
    def writable(self): return True
    def write(self, data): raise OSError({errno}, "simulated")
sys.stdout = io.TextIOWrapper(io.BufferedWriter(Failing(), 8), encoding="utf-8")
sys.argv = ["esante", *{args!r}]
from esante_cli.cli.application import main
main()
"""
ERRNOS = ("EIO", "EROFS", "EDQUOT", "EFBIG", "ENOSPC")


@pytest.mark.parametrize("name", ERRNOS)
@pytest.mark.parametrize(
    "args",
    [("list", "--format", "csv"), ("--version",), ("show", "data-scientist")],
    ids=["list", "version", "show"],
)
def test_stdout_write_errors_are_one_line(name: str, args: tuple[str, ...], work: Path) -> None:
    """Any write error on the standard output: one line naming it, exit 3."""
    code = FAILING_STDOUT.format(errno=getattr(errno, name), args=list(args))
    env = {**os.environ, "PYTHONPATH": str(SRC), "ESANTE_LANG": "fr"}
    with hang_guard(60):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=work, env=env, capture_output=True, check=False
        )
    line = _one_line(done.stderr.decode())
    assert done.returncode == 3, line
    assert line == "esante : erreur : sortie standard : écriture impossible (simulated)"


# -- file writes that fail half-way ----------------------------------------------------------------------

FILE_WRITERS = {
    "export-graph": ("export", "graph", "--output", "old.json", "--force"),
    "export-matrix": ("export", "matrix", "--output", "old.csv", "--force"),
    "profile-template": ("profile", "template", "--output", "old.yaml", "--force"),
    "model-calibrate": ("model", "calibrate", "--output", "old.toml", "--force"),
    "report": ("report", "data-scientist", GREEN, "--output", "old.md", "--force"),
}


@pytest.mark.parametrize("name", ("ENOSPC", "EIO", "EROFS", "EDQUOT"))
@pytest.mark.parametrize("writer", FILE_WRITERS)
def test_failed_file_write_keeps_the_old_file(
    name: str, writer: str, work: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails (disk full, I/O error, read-only): one line with the file, exit 3,
    the old file whole and no temporary file left."""
    args = FILE_WRITERS[writer]
    target = work / args[args.index("--output") + 1]
    target.write_text("old")
    before = snapshot(work)

    def fail(_fd: int) -> None:
        raise OSError(getattr(errno, name), os.strerror(getattr(errno, name)))

    monkeypatch.setattr(os, "fsync", fail)
    result = cli(*args)
    line = _one_line(result.stderr)
    assert result.exit_code == 3, line
    # a report writes its map first, then itself
    stem = re.escape(target.stem)
    assert re.match(rf"{ERROR}{stem}\.(\w+\.)?\w+ : impossible d'écrire le fichier \(", line)
    assert os.strerror(getattr(errno, name)) in line
    assert snapshot(work) == before


def test_target_replaced_by_a_device_while_writing_is_kept(work: Path) -> None:
    """A file that becomes a device node while the new one is written is not replaced by it:
    one error, the device kept, no temporary file left."""
    from esante_cli.errors import InputError
    from esante_cli.files import write_atomic_with

    target = work / "out.txt"
    target.write_text("old")

    def fill(handle) -> None:
        handle.write(b"new")
        target.unlink()
        device("out.txt")(work)

    before = {p.name for p in work.iterdir()}
    with pytest.raises(InputError, match="pas un fichier ordinaire"):
        write_atomic_with(target, fill, force=True)
    assert not stat.S_ISREG(os.stat(target).st_mode)
    assert {p.name for p in work.iterdir()} == before


STDIN_LINES = {
    "non-utf8": (b'{"query":"show","job":"\xff"}', 3, r"line is not UTF-8 text"),
    "latin1": (b'{"query":"show","job":"m\xe9tier"}', 3, r"line is not UTF-8 text"),
    "too-long": (b'{"query":"show","job":"' + b"a" * (MB + 1) + b'"}', 3, r"line too long"),
    "name-too-long": (json.dumps({"query": "show", "job": LONG}).encode(), 4, r"too long"),
    "k-huge": (
        json.dumps({"query": "paths", "from": "data-scientist", "to": GREEN, "k": 10**6}).encode(),
        2,
        r"k: must be at most 100",
    ),
    "laughs": (
        json.dumps({"query": "match", "profile": "l.yaml"}).encode(),
        3,
        r"anchors and aliases",
    ),
}


@pytest.mark.parametrize("name", STDIN_LINES)
def test_batch_stdin_bad_line_is_its_own_error(name: str, work: Path, cli) -> None:
    """On standard input too, a bad line gets its error record and the lines around it their
    answers; the batch exits 0 and nothing changes on disk."""
    (work / "l.yaml").write_text(laughs(), encoding="utf-8")
    line, code, message = STDIN_LINES[name]
    before = snapshot(work)
    result = cli("batch", stdin=b'{"query":"list"}\n' + line + b'\n{"query":"competences"}\n')
    assert result.exit_code == 0, result.stderr
    first, bad, last = (json.loads(a) for a in result.stdout.splitlines())
    assert "result" in first and "result" in last
    assert (bad["line"], bad["code"]) == (2, code)
    assert re.search(message, bad["error"]), bad
    assert snapshot(work) == before


ENGLISH = {
    "fifo": (
        ("match", "p.yaml"),
        fifo("p.yaml"),
        r"^esante: error: p.yaml: not a regular file \(named pipe, FIFO\)$",
    ),
    "device-output": (
        ("export", "graph", "--output", "o.json", "--force"),
        device("o.json"),
        r"^esante: error: o.json: not a regular file \(device\)$",
    ),
    "too-big": (
        ("match", "p.yaml"),
        sparse("p.yaml", 3 * MB),
        r"^esante: error: p.yaml: file too large \(3 MB; at most 1 MB for this file\)$",
    ),
    "laughs": (
        ("match", "l.yaml"),
        write("l.yaml", laughs()),
        r"^esante: error: l.yaml: line 2, column \d+: invalid YAML \(anchors and aliases \(&, \*\) are refused in a profile\)$",
    ),
    "deep": (
        ("match", "d.json"),
        write("d.json", deep_json(DEEP)),
        r"^esante: error: d.json: nested too deeply \(at most 100 levels\)$",
    ),
    "long-name": (
        ("show", LONG),
        nothing,
        r"^esante: error: job name too long \(1001 characters; at most 1000\)$",
    ),
    "model-inf": (
        ("--model", "m.toml", "gap", "data-scientist", GREEN),
        write("m.toml", "[weights]\nclimb = inf\n"),
        r"^esante: error: m.toml: weights.climb: must be a finite number, got inf$",
    ),
    "model-string": (
        ("--model", "m.toml", "model", "show"),
        write("m.toml", '[weights]\nclimb = "1"\n'),
        r"^esante: error: m.toml: weights.climb: must be a number, got '1'$",
    ),
    "data-limit": (
        ("--data", "data", "list"),
        pad("data/mobilites.json", 100_000),
        r"^esante: error: mobilites.json: file too large \(0.1 MB; at most 0.07 MB: ESANTE_MAX_DATA_MB=N",
    ),
    "esco-languages": (
        ("import", "esco", "esco", "--output", "new"),
        _both_languages,
        r"^esante: error: esco: several languages \(en, fr\)",
    ),
}


@pytest.mark.parametrize("name", ENGLISH)
def test_refusals_in_english(name: str, work: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --lang en, the same refusals are one English line (numbers written the English
    way), nothing changed on disk."""
    args, setup, wanted = ENGLISH[name]
    setup(work)
    monkeypatch.setenv("ESANTE_MAX_DATA_MB", "0.07")
    before = snapshot(work)
    result = cli("--lang", "en", *args)
    assert result.exit_code in (3, 4), result.stderr
    assert re.search(wanted, _one_line(result.stderr)), result.stderr
    assert snapshot(work) == before


def test_group_folder_special_files_are_their_persons_problem(work: Path) -> None:
    """In a folder of profiles, a FIFO, a link to a device and a profile with aliases are each
    that person's problem, read without blocking; the valid profile is read."""
    from esante_cli.dataset import load_dataset
    from esante_cli.queries.workshop import load_group

    group = work / "group"
    group.mkdir()
    (group / "a-valid.yaml").write_bytes((work / "profile.yaml").read_bytes())
    both(fifo("group/b.yaml"), link("group/c.json", "/dev/zero"))(work)
    (group / "d.yaml").write_text(laughs(), encoding="utf-8")
    with hang_guard(30):
        members = load_group(group, load_dataset(work / "data")).members
    problems = {m.source: m.problem for m in members}
    assert problems["a-valid.yaml"] is None
    assert re.search(WHAT["fifo"], problems["b.yaml"] or "")
    assert re.search(WHAT["zero"], problems["c.json"] or "")
    assert "ancres et alias" in (problems["d.yaml"] or "")


def test_library_bounds_the_work_asked() -> None:
    """The API has the command line's bounds: k above 100 is refused at once; max_hops of
    10**30 answers like max_hops at the number of jobs."""
    from esante_cli import load_dataset
    from esante_cli.errors import InputError
    from esante_cli.queries.mobility import shortest_paths

    ds = load_dataset()
    with pytest.raises(InputError, match="k doit valoir au plus 100, reçu 1000000"):
        shortest_paths(ds, "data-scientist", GREEN, k=10**6)
    with hang_guard(30):
        huge = shortest_paths(ds, "data-scientist", GREEN, k=5, max_hops=10**30, draws=0)
        bounded = shortest_paths(ds, "data-scientist", GREEN, k=5, max_hops=len(ds.jobs), draws=0)
    assert huge.routes == bounded.routes and huge.routes


FULL_STDERR = {
    "unknown-job": (("show", "astronaute"), 4),
    "aliases": (("match", "l.yaml"), 3),
    "missing-profile": (("match", "nowhere.yaml"), 3),
    "no-route": (("paths", "data-scientist", GREEN, "--max-hops", "1", "--declared-only"), 5),
    "usage": (("paths", "data-scientist", GREEN, "--k", "0"), 2),
    "unknown-command": (("nosuchcommand",), 2),
}


@pytest.mark.parametrize("name", FULL_STDERR)
def test_full_stderr_keeps_the_exit_code(name: str, work: Path) -> None:
    """When the error line cannot be written (2> /dev/full), the exit code still says what
    went wrong, and nothing is written on stdout."""
    (work / "l.yaml").write_text(laughs(), encoding="utf-8")
    args, code = FULL_STDERR[name]
    with open("/dev/full", "wb") as full:
        done = _esante(args, work, stdout=subprocess.PIPE, stderr=full)
    assert (done.returncode, done.stdout) == (code, b"")


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, MemoryError, OSError])
def test_interrupted_write_leaves_the_old_file_whole(interruption: type, work: Path) -> None:
    """A write stopped half-way (Ctrl-C, memory, the disk): the old file is whole and no
    temporary file is left beside it."""
    from esante_cli.files import write_atomic_chunks

    target = work / "out.txt"
    target.write_text("old")
    before = snapshot(work)

    def chunks():
        yield "new, half"
        raise interruption()

    with pytest.raises((interruption, Exception)):
        write_atomic_chunks(target, chunks(), force=True)
    assert snapshot(work) == before


CLOSED = {
    # (arguments, the descriptor the shell closed, exit code, the error line or None)
    "batch-stdin": (("batch",), 0, 0, None),
    "assess-stdin": (("assess",), 0, 0, None),
    "list-stdout": (("list",), 1, 3, "sortie standard : écriture impossible (Bad file descriptor)"),
    "json-stdout": (
        ("show", "data-scientist", "--format", "json"),
        1,
        3,
        "sortie standard : écriture impossible (Bad file descriptor)",
    ),
    "version-stdout": (
        ("--version",),
        1,
        3,
        "sortie standard : écriture impossible (Bad file descriptor)",
    ),
    "file-output-stdout": (("export", "graph", "--output", "g.json"), 1, 0, None),
    "error-stderr": (("show", "astronaute"), 2, 4, None),
}


@pytest.mark.parametrize("name", CLOSED)
def test_closed_standard_stream(name: str, work: Path) -> None:
    """A standard stream the shell closed (<&-, >&-, 2>&-): a closed input reads as empty, a
    closed output is a failed write (one line, exit 3) only when something is written to
    it, a closed error stream keeps the exit code; never an internal error."""
    args, fd, code, line = CLOSED[name]
    done = _esante(args, work, capture_output=True, preexec_fn=lambda: os.close(fd))
    assert done.returncode == code, done.stderr
    if line is not None:
        assert _one_line(done.stderr.decode()) == ERROR + line
    else:
        assert b"Traceback" not in done.stderr and b"erreur" not in done.stderr
