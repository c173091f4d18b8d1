"""``esante batch``: JSON Lines of queries in, one result or error line per query out, in
order, each result being exactly what the command prints with --format json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from esante_cli.batch import QUERIES, Session, run_batch
from esante_cli.cli import app
from esante_cli.errors import ExitCode


def _run(lines, session=None):
    return [json.loads(x) for x in run_batch(lines, session or Session())]


CAMILLE = str(
    Path(__file__).resolve().parents[2] / "examples" / "profiles" / "camille-data-scientist.yaml"
)

# Each query beside the command line that asks the same.
SAME = [
    (
        {"query": "paths", "from": "Data Scientist", "to": "responsable green it", "k": 2},
        ["paths", "Data Scientist", "responsable green it", "--k", "2"],
    ),
    (
        {
            "query": "paths",
            "from": "data-scientist",
            "to": "responsable-green-it",
            "objective": "max-jump",
            "avoid": ["specialiste-e-sante"],
            "max-hops": 3,
        },
        [
            "paths",
            "data-scientist",
            "responsable-green-it",
            "--objective",
            "max-jump",
            "--avoid",
            "specialiste-e-sante",
            "--max-hops",
            "3",
        ],
    ),
    (
        {"query": "recommend", "job": "architecte-iot", "top": 3, "all": True},
        ["recommend", "architecte-iot", "--top", "3", "--all"],
    ),
    (
        {"query": "gap", "from": "data-scientist", "to": "specialiste-e-sante"},
        ["gap", "data-scientist", "specialiste-e-sante"],
    ),
    (
        {"query": "compare", "jobs": ["data-engineer", "data-scientist", "specialiste-e-sante"]},
        ["compare", "data-engineer", "data-scientist", "specialiste-e-sante"],
    ),
    (
        {"query": "neighbours", "job": "specialiste-e-sante", "direction": "OUT", "top": 2},
        ["neighbours", "specialiste-e-sante", "--direction", "out", "--top", "2"],
    ),
    ({"query": "show", "job": "Spécialiste e-santé"}, ["show", "Spécialiste e-santé"]),
    (
        {"query": "show", "job": "data-scientist", "section": "voisins"},
        ["show", "data-scientist", "--section", "voisins"],
    ),
    ({"query": "list", "family": "architecture"}, ["list", "--family", "architecture"]),
    ({"query": "competences"}, ["competences"]),
    ({"query": "competence", "name": "données massives"}, ["competence", "données massives"]),
    ({"query": "validate"}, ["validate"]),
    ({"query": "schema"}, ["schema"]),
    ({"query": "match", "profile": CAMILLE, "top": 3}, ["match", CAMILLE, "--top", "3"]),
    (
        {"query": "gap", "profile": CAMILLE, "to": "specialiste-e-sante", "anonymous": True},
        ["gap", "--profile", CAMILLE, "specialiste-e-sante", "--anonymous"],
    ),
    (
        {"query": "paths", "profile": CAMILLE, "to": "responsable-green-it", "k": 2},
        ["paths", "--profile", CAMILLE, "--to", "responsable-green-it", "--k", "2"],
    ),
    (
        {"query": "whatif", "profile": CAMILLE, "raise": ["technologies-sante+2", "risques=3"]},
        ["whatif", CAMILLE, "--raise", "technologies-sante+2", "--raise", "risques=3"],
    ),
    (
        {"query": "leverage", "profile": CAMILLE, "targets": ["specialiste-e-sante"]},
        ["leverage", CAMILLE, "--targets", "specialiste-e-sante"],
    ),
]


@pytest.mark.parametrize(("query", "argv"), SAME, ids=[q["query"] for q, _ in SAME])
def test_each_result_is_the_commands_json(query, argv):
    """The result is the command's --format json output: the same data, and the same bytes
    once both are written compactly."""
    cli = CliRunner().invoke(app, [*argv] + ([] if argv[0] == "schema" else ["--format", "json"]))
    assert cli.exit_code == 0, cli.output
    (line,) = list(run_batch([json.dumps(query, ensure_ascii=False)]))
    assert json.loads(line) == {"line": 1, "result": json.loads(cli.stdout)}
    compact = json.dumps(
        json.loads(cli.stdout), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    assert line == '{"line":1,"result":' + compact + "}"


def test_every_query_command_is_covered():
    """The batch knows every query command of the CLI named in its doc."""
    assert set(QUERIES) == {
        "list",
        "show",
        "competences",
        "competence",
        "validate",
        "schema",
        "neighbours",
        "paths",
        "compare",
        "gap",
        "recommend",
        "match",
        "whatif",
        "leverage",
    }


BAD = [
    ("{not json", ExitCode.USAGE, "invalid JSON"),
    ('["paths"]', ExitCode.USAGE, "JSON object"),
    ('{"from": "a"}', ExitCode.USAGE, "missing 'query'"),
    ('{"query": "teleport"}', ExitCode.USAGE, "unknown query"),
    ('{"query": "gap", "from": "data-scientist"}', ExitCode.USAGE, "needs 'to'"),
    ('{"query": "gap", "to": "data-scientist"}', ExitCode.USAGE, "either 'from'"),
    ('{"query": "match", "profile": "no-such-profile.yaml"}', ExitCode.INVALID_INPUT, "not found"),
    ('{"query": "whatif", "profile": "x.yaml", "raise": []}', ExitCode.USAGE, "at least one"),
    (
        '{"query": "gap", "from": "data-scientist", "to": "ux-ui-designer", "too": 1}',
        ExitCode.USAGE,
        "unknown field 'too'",
    ),
    (
        '{"query": "recommend", "job": "data-scientist", "top": "five"}',
        ExitCode.USAGE,
        "top: must be a whole number",
    ),
    (
        '{"query": "paths", "from": "data-scientist", "to": "ux-ui-designer", "k": 0}',
        ExitCode.USAGE,
        "k: must be at least 1",
    ),
    (
        '{"query": "neighbours", "job": "data-scientist", "kind": "both"}',
        ExitCode.USAGE,
        "kind: must be one of",
    ),
    ('{"query": "show", "job": "astronaute"}', ExitCode.UNKNOWN_NAME, "unknown job"),
    ('{"query": "show", "job": "data"}', ExitCode.UNKNOWN_NAME, "ambiguous"),
    (
        '{"query": "compare", "jobs": ["data-scientist", "data-scientist"]}',
        ExitCode.USAGE,
        "two different jobs",
    ),
    (
        '{"query": "paths", "from": "data-scientist", "to": "ux-ui-designer", "declared_only": true}',
        ExitCode.NO_ROUTE,
        "no route",
    ),
]


@pytest.mark.parametrize(("line", "code", "message"), BAD, ids=[b[2] for b in BAD])
def test_a_bad_line_is_an_error_line_with_the_commands_exit_code(line, code, message):
    """A bad line yields {"line": N, "error": ..., "code": ...} with the command's code."""
    (out,) = _run([line])
    assert set(out) == {"line", "error", "code"}
    assert out["line"] == 1 and out["code"] == code
    assert message in out["error"]


def test_order_is_kept_bad_lines_do_not_stop_the_rest_and_blank_lines_are_skipped():
    """Good and bad lines mixed: one output per query, in order, numbered by input line."""
    lines = [
        '{"query": "gap", "from": "data-scientist", "to": "specialiste-e-sante"}',
        "",
        "oops",
        '{"query": "show", "job": "astronaute"}',
        "   ",
        '{"query": "recommend", "job": "architecte-iot", "top": 1}',
    ]
    out = _run(lines)
    assert [o["line"] for o in out] == [1, 3, 4, 6]
    assert ["result" in o for o in out] == [True, False, False, True]
    assert out[0]["result"]["to"]["id"] == "specialiste-e-sante"
    assert out[3]["result"]["items"][0]["rank"] == 1


def test_the_dataset_is_loaded_once(monkeypatch):
    """A hundred queries read the data files once."""
    import esante_cli.dataset as dataset_module

    calls = []
    real = dataset_module.load_dataset

    def counting(path=None):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(dataset_module, "load_dataset", counting)
    out = _run(
        ['{"query": "recommend", "job": "architecte-iot"}'] * 50
        + ['{"query": "paths", "from": "data-scientist", "to": "ux-ui-designer"}'] * 50
    )
    assert len(out) == 100 and all("result" in o for o in out)
    assert len(calls) == 1


def test_a_broken_dataset_fails_each_line_that_needs_it(tmp_path):
    """With --data naming a broken folder, data queries fail (code 3); schema still works."""
    session = Session(data_dir=tmp_path / "nowhere")
    out = _run(['{"query": "list"}', '{"query": "schema"}'], session)
    assert out[0]["code"] == ExitCode.INVALID_INPUT and "not a dataset folder" in out[0]["error"]
    assert "metier.json" in out[1]["result"]


def test_an_internal_error_is_reported_on_its_line(monkeypatch):
    """A bug answering one query is an error line (code 1); the next lines are answered."""

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr("esante_cli.queries.card.list_jobs", broken)
    out = _run(['{"query": "list"}', '{"query": "competences"}'])
    assert out[0]["code"] == ExitCode.INTERNAL and "KeyError" in out[0]["error"]
    assert "result" in out[1]


def test_cli_reads_a_file_or_stdin_and_honours_global_options(tmp_path):
    """esante --lang en batch FILE and esante batch - (stdin): the same lines out."""
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        '{"query": "gap", "from": "data-scientist", "to": "ux-ui-designer"}\n'
        '{"query": "show", "job": "nope"}\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    from_file = runner.invoke(app, ["batch", str(queries)])
    from_stdin = runner.invoke(app, ["batch", "-"], input=queries.read_text(encoding="utf-8"))
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout
    lines = from_file.stdout.splitlines()
    assert len(lines) == 2 and '"result"' in lines[0] and '"error"' in lines[1]


def test_cli_missing_file_exits_3(tmp_path):
    """A query file that does not exist: one error line, exit code 3."""
    result = CliRunner().invoke(app, ["batch", str(tmp_path / "none.jsonl")])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "fichier introuvable" in result.stderr


def test_cli_uses_the_model_option(tmp_path):
    """--model applies to every query of the batch, as to a single command."""
    model = tmp_path / "m.toml"
    model.write_text('name = "strict"\n[thresholds]\nmax_jump = 1\n', encoding="utf-8")
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"query": "recommend", "job": "architecte-iot"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["--model", str(model), "batch", str(queries)])
    assert json.loads(result.stdout)["result"]["model"]["name"] == "strict"
