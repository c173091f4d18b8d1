"""A fuzzer over the loaders (issue 13): hypothesis mutates valid inputs (the data files,
profiles, model files, a group CSV, batch lines, ESCO downloads and import sheets), a byte at a
time or a value at a time, and each mutant goes through the command that reads it. The
contract: an exit code in the documented set (never 1, an internal error), no traceback, no
hang (a timeout per example).

The budget is modest in the normal run: ``ESANTE_FUZZ_EXAMPLES`` examples per loader (default
25); set it higher for a long run, e.g. ``ESANTE_FUZZ_EXAMPLES=2000 python3 -m pytest
tests/hostile/test_fuzz.py``. ``ESANTE_FUZZ_TIMEOUT`` is the hang guard of one example in
seconds (default 30). ``ESANTE_FUZZ_LOG=FILE`` appends a line per example to FILE (the
loader and the exit code): what a long run tried, to count."""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from esante_cli.cli import app
from esante_cli.errors import EsanteError

from .conftest import Hang, hang_guard

LOG = os.environ.get("ESANTE_FUZZ_LOG")
EXAMPLES = int(os.environ.get("ESANTE_FUZZ_EXAMPLES", "25"))
TIMEOUT = float(os.environ.get("ESANTE_FUZZ_TIMEOUT", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # each run explores afresh; a failure prints the example to reproduce it
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the folder is rewritten by every example
    ],
)
GREEN = "responsable-green-it"

# -- mutations ------------------------------------------------------------------------------------

# What a hostile or careless hand puts in a file: bytes that are not text, syntax of the
# formats, numbers that are not finite or too large, YAML anchors and tags.
TOKENS = [
    b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\n", b"\r\n", b"\t", b" ",
    b'"', b"'", b"\\", b"{", b"}", b"[", b"]", b":", b",", b";", b"=", b"#", b"-", b"- ",
    b"&a ", b"*a", b"<<: *a", b"!!python/object/apply:os.system ['true'] ", b"!!binary ",
    b"NaN", b"Infinity", b"-Infinity", b"inf", b"nan", b".inf", b".nan", b"1e400", b"1e308",
    b"-1", b"0", b"5", b"99999999999999999999999999999", b"true", b"null", b"~", b"[[[[[[[[",
    b'"""', b"'''", b"\\u0000", b"\\ud800", b"\x1b[2J", b"%s", b"{}", b"\xe2\x80\xae",
]  # fmt: skip
VALUES: list[Any] = [
    None, True, False, 0, -1, 5, 2.5, 10**30, -(10**30), 1e308, math.inf, -math.inf, math.nan,
    "", " ", "1", "inf", "nan", "x" * 5000, "\x00", "é\n\r", "\x1b]0;t\x07", [], {}, [[[[1]]]],
    {"a": {"b": {"c": None}}}, "data-scientist", "risques", "responsable-green-it",
]  # fmt: skip


@st.composite
def bytes_mutant(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few byte-level changes: a byte set, bytes inserted, deleted, repeated,
    a hostile token inserted, the end cut off."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["set", "insert", "delete", "repeat", "token", "cut"]))
        at = draw(st.integers(0, len(out)))
        if op == "set" and out:
            out[min(at, len(out) - 1)] = draw(st.integers(0, 255))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del out[at : at + draw(st.integers(1, 64))]
        elif op == "repeat":
            chunk = bytes(out[at : at + draw(st.integers(1, 200))])
            out[at:at] = chunk * draw(st.integers(1, 40))
        elif op == "token":
            out[at:at] = draw(st.sampled_from(TOKENS))
        elif op == "cut" and draw(st.integers(0, 3)) == 0:  # rarer: most cuts say the same
            del out[at:]
    return bytes(out)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed document (the keys and indices that lead there)."""
    found = [here]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*here, key))
    elif isinstance(value, list):
        for i, child in enumerate(value[:50]):
            found += _paths(child, (*here, i))
    return found


def _leaf(doc: Any, where: tuple[Any, ...]) -> bool:
    for step in where:
        doc = doc[step]
    return bool(where) and not isinstance(doc, (dict, list))


@st.composite
def tree_mutant(draw: st.DrawFn, doc: Any) -> Any:
    """A copy of the parsed document ``doc`` with a few values replaced by hostile ones, keys
    added or removed, lists emptied or repeated."""
    doc = json.loads(json.dumps(doc))
    for _ in range(draw(st.integers(1, 3))):
        places = _paths(doc)
        leaves = [p for p in places if _leaf(doc, p)]
        # mostly a value deep inside (the file stays readable, the value is the test)
        where = draw(st.sampled_from(leaves if leaves and draw(st.integers(0, 3)) else places))
        if not where:
            continue
        parent = doc
        for step in where[:-1]:
            parent = parent[step]
        key = where[-1]
        op = draw(st.sampled_from(["value", "value", "value", "drop", "add", "repeat"]))
        if op == "value":  # a copy: VALUES is shared by every example
            parent[key] = copy.deepcopy(draw(st.sampled_from(VALUES)))
        elif op == "drop":
            del parent[key]
        elif op == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["x", "", "é", "id", "level"]))] = copy.deepcopy(
                draw(st.sampled_from(VALUES))
            )
        elif op == "repeat" and isinstance(parent[key], list):
            parent[key] = copy.deepcopy(parent[key] * draw(st.integers(0, 30)))
    return doc


def json_mutant(data: bytes) -> st.SearchStrategy[bytes]:
    """A JSON file mutated as bytes or as values (NaN, Infinity and huge numbers included)."""
    doc = json.loads(data)
    as_values = tree_mutant(doc).map(lambda d: json.dumps(d, ensure_ascii=False).encode())
    return st.one_of(bytes_mutant(data), as_values)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
        )
    if value is None:
        return '""'  # TOML has no null
    return json.dumps(value)


def toml_text(doc: dict[str, Any]) -> str:
    """A model file's TOML: top-level values, then one table per section."""
    lines = [
        f"{json.dumps(k)} = {_toml_value(v)}" for k, v in doc.items() if not isinstance(v, dict)
    ]
    for name, table in doc.items():
        if isinstance(table, dict):
            lines.append(f"[{json.dumps(name)}]")
            lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


CELLS = [
    "", " ", "0", "4", "5", "-1", "2.5", "3,0", "nan", "inf", "1e400", "99999999999999999999",
    "x" * 3000, "\x00", '"', ";", ",", "\n", "é", "data-scientist", "risques", "=1+1", "true",
]  # fmt: skip


@st.composite
def csv_mutant(draw: st.DrawFn, text: str, delimiter: str) -> bytes:
    """A CSV file with cells replaced, rows dropped or repeated, a column dropped; or its
    bytes mutated."""
    if draw(st.booleans()):
        return draw(bytes_mutant(text.encode("utf-8")))
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    for _ in range(draw(st.integers(1, 5))):
        op = draw(
            st.sampled_from(["cell", "cell", "cell", "drop-row", "repeat-row", "drop-column"])
        )
        r = draw(st.integers(0, len(rows) - 1))
        if op == "cell" and rows[r]:
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = draw(st.sampled_from(CELLS))
        elif op == "drop-row" and len(rows) > 1:
            del rows[r]
        elif op == "repeat-row":
            rows[r:r] = [list(rows[r])] * draw(st.integers(1, 50))
        elif op == "drop-column":
            c = draw(st.integers(0, max(len(rows[0]) - 1, 0)))
            rows = [row[:c] + row[c + 1 :] for row in rows]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


# -- the contract -----------------------------------------------------------------------------------


def run(args: list[str], allowed: set[int], label: str = "") -> Result:
    """``esante ARGS`` in-process under the hang guard; its exit code must be in ``allowed``
    and nothing may look like a crash."""
    try:
        with hang_guard(TIMEOUT):
            result = CliRunner().invoke(app, args, prog_name="esante")
    except Hang as exc:  # an AssertionError: hypothesis shrinks it and shows the example
        raise AssertionError(f"hang: esante {' '.join(args)} ({exc})") from None
    detail = (result.exit_code, result.stderr[-1500:], repr(result.exception))
    _log(label or " ".join(args[:3]), f"exit {result.exit_code}")
    assert result.exit_code in allowed, detail
    assert "Traceback" not in result.stderr, detail
    if result.exit_code != 0:
        assert "esante : erreur : " in result.stderr, detail
    elif "--format" in args and args[args.index("--format") + 1] == "json":
        json.loads(result.stdout, parse_constant=_no_constant)
    return result


def _log(target: str, outcome: str) -> None:
    if LOG:
        with open(LOG, "a", encoding="utf-8") as out:
            out.write(f"{target}\t{outcome}\n")


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


@pytest.fixture
def folder(inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the valid inputs, the working directory: each example overwrites one file."""
    work = tmp_path / "fuzz"
    shutil.copytree(inputs, work)
    monkeypatch.chdir(work)
    return work


def _original(inputs: Path, name: str) -> bytes:
    return (inputs / name).read_bytes()


# -- the loaders ------------------------------------------------------------------------------------

DATA_COMMAND = ["--data", "data", "recommend", "data-scientist", "--format", "json", "--draws", "5"]


def _fuzz_file(
    folder: Path, name: str, strategy: st.SearchStrategy[bytes], args: list[str], allowed: set[int]
) -> None:
    @FUZZ
    @given(mutant=strategy)
    def check(mutant: bytes) -> None:
        (folder / name).write_bytes(mutant)
        run(args, allowed, label=name)

    check()


@pytest.mark.parametrize("name", ["metier.json", "mobilites.json"])
def test_fuzz_data_files(name: str, inputs: Path, folder: Path) -> None:
    """A mutated metier.json or mobilites.json: an answer, or exit 3 (bad data) or 4."""
    strategy = json_mutant(_original(inputs, f"data/{name}"))
    _fuzz_file(folder, f"data/{name}", strategy, DATA_COMMAND, {0, 3, 4})


def test_fuzz_large_data_file(inputs: Path, folder: Path) -> None:
    """A mutated metier.json padded past 1 MB, the size from which orjson reads it first (then
    json, when orjson refuses): the same contract."""
    from esante_cli.dataset import CACHE_MIN_BYTES

    size = CACHE_MIN_BYTES + 1000
    strategy = json_mutant(_original(inputs, "data/metier.json")).map(lambda b: b.ljust(size))
    _fuzz_file(folder, "data/metier.json", strategy, DATA_COMMAND, {0, 3, 4})


def test_fuzz_yaml_profile(inputs: Path, folder: Path) -> None:
    """A mutated YAML profile, through match: an answer, or exit 3 or 4."""
    original = _original(inputs, "profile.yaml")
    import yaml

    doc = yaml.safe_load(original)
    as_values = tree_mutant(doc).map(
        lambda d: yaml.safe_dump(d, allow_unicode=True).encode("utf-8")
    )
    strategy = st.one_of(bytes_mutant(original), as_values)
    args = ["match", "profile.yaml", "--format", "json", "--draws", "5"]
    _fuzz_file(folder, "profile.yaml", strategy, args, {0, 3, 4})


def test_fuzz_json_profile(inputs: Path, folder: Path) -> None:
    """A mutated JSON profile, through gap --profile: an answer, or exit 3 or 4."""
    strategy = json_mutant(_original(inputs, "profile.json"))
    args = ["gap", "--profile", "profile.json", GREEN, "--format", "json"]
    _fuzz_file(folder, "profile.json", strategy, args, {0, 3, 4})


def _model_doc() -> dict[str, Any]:
    from esante_cli.costmodel import DEFAULT_MODEL

    return DEFAULT_MODEL.model_dump(mode="json")


def test_fuzz_toml_model(folder: Path) -> None:
    """A mutated model file (TOML), through paths: an answer, exit 3, or 5 (no route within
    the model's limits)."""
    doc = _model_doc()
    text = toml_text(doc).encode("utf-8")
    as_values = tree_mutant(doc).map(lambda d: toml_text(d).encode("utf-8"))
    strategy = st.one_of(bytes_mutant(text), as_values)
    args = ["--model", "m.toml", "paths", "data-scientist", GREEN, "--format", "json"]
    _fuzz_file(folder, "m.toml", strategy, [*args, "--k", "5"], {0, 3, 5})


def test_fuzz_json_model(folder: Path) -> None:
    """A mutated model file (JSON), through recommend: an answer or exit 3."""
    strategy = json_mutant(json.dumps(_model_doc()).encode("utf-8"))
    args = ["--model", "m.json", "recommend", "data-scientist", "--format", "json"]
    _fuzz_file(folder, "m.json", strategy, args, {0, 3})


@pytest.mark.parametrize(
    "name", ["occupations_fr.csv", "skills_fr.csv", "occupationSkillRelations_fr.csv"]
)
def test_fuzz_esco_import(name: str, inputs: Path, folder: Path) -> None:
    """A mutated ESCO download: imported, or exit 3."""
    text = _original(inputs, f"esco/{name}").decode("utf-8-sig")
    args = ["import", "esco", "esco", "--output", "out", "--force"]
    _fuzz_file(folder, f"esco/{name}", csv_mutant(text, ","), args, {0, 3})


@pytest.mark.parametrize("name", ["metiers.csv", "competences.csv", "niveaux.csv", "mobilites.csv"])
def test_fuzz_csv_import(name: str, inputs: Path, folder: Path) -> None:
    """A mutated sheet of a CSV import: imported, or exit 3."""
    text = _original(inputs, f"sheets/{name}").decode("utf-8-sig")
    args = ["import", "csv", "sheets", "--output", "out", "--force"]
    _fuzz_file(folder, f"sheets/{name}", csv_mutant(text, ";"), args, {0, 3})


def test_fuzz_group_csv(inputs: Path, folder: Path) -> None:
    """A mutated group CSV: read (a bad row is that person's problem), each person matched; or
    one EsanteError of exit code 3 or 4. (The loader itself: the workshop's reports take
    seconds each, the fuzzer wants many examples.)"""
    from esante_cli.dataset import load_dataset
    from esante_cli.queries.people import match_jobs
    from esante_cli.queries.workshop import load_group

    dataset = load_dataset(inputs / "data")
    text = _original(inputs, "group.csv").decode("utf-8-sig")

    @FUZZ
    @given(mutant=csv_mutant(text, ";"))
    def check(mutant: bytes) -> None:
        (folder / "group.csv").write_bytes(mutant)
        try:
            with hang_guard(TIMEOUT):
                group = load_group(folder / "group.csv", dataset)
                for member in group.members:
                    assert (member.profile is None) != (member.problem is None)
                    if member.profile is not None:
                        match_jobs(dataset, member.profile, draws=0)
            _log("group", f"{sum(m.profile is not None for m in group.members)} people read")
        except EsanteError as exc:
            _log("group", f"exit {int(exc.exit_code)}")
            assert int(exc.exit_code) in {3, 4}, exc
            assert "\n" not in str(exc).strip() or "Traceback" not in str(exc)
        except Hang as exc:
            raise AssertionError(f"hang: {exc}") from None

    check()


QUERIES = [
    {"query": "list"},
    {"query": "show", "job": "data-scientist", "section": "competences"},
    {"query": "neighbours", "job": "architecte-iot", "top": 3},
    {"query": "paths", "from": "data-scientist", "to": GREEN, "k": 2, "max_hops": 3},
    {"query": "compare", "jobs": ["data-scientist", "architecte-iot"]},
    {"query": "gap", "from": "data-scientist", "to": GREEN},
    {"query": "recommend", "job": "data-scientist", "top": 2, "draws": 5},
    {"query": "match", "profile": "profile.yaml", "top": 2, "draws": 5},
    {"query": "whatif", "profile": "profile.yaml", "raise": ["risques+1"]},
    {"query": "leverage", "profile": "profile.json", "top": 2},
    {"query": "competence", "name": "risques"},
]


@st.composite
def batch_lines(draw: st.DrawFn) -> list[bytes]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        query = draw(st.sampled_from(QUERIES))
        line = json.dumps(draw(tree_mutant(query)) if draw(st.booleans()) else query).encode()
        out.append(draw(bytes_mutant(line)) if draw(st.booleans()) else line)
    return out


def test_fuzz_batch_lines(folder: Path) -> None:
    """Mutated batch lines: one answer per line, each a result or an error record with a
    documented code (2 to 6); the batch itself never fails."""
    from esante_cli.batch import run_batch
    from esante_cli.session import Session

    session = Session()

    @FUZZ
    @given(lines=batch_lines())
    def check(lines: list[bytes]) -> None:
        split = [piece for line in lines for piece in line.split(b"\n")]
        try:
            with hang_guard(TIMEOUT):
                answers = [
                    json.loads(a, parse_constant=_no_constant) for a in run_batch(split, session)
                ]
        except Hang as exc:
            raise AssertionError(f"hang: {lines!r} ({exc})") from None
        for answer in answers:
            _log("batch", "result" if "result" in answer else f"code {answer['code']}")
            assert "result" in answer or answer["code"] in {2, 3, 4, 5, 6}, answer
        assert len(answers) == sum(1 for piece in split if piece.strip()), answers

    check()
