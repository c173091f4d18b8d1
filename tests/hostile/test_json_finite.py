"""JSON output never holds NaN or Infinity (issue 13): the serialisers refuse them, and the
largest weights a model file may give still make finite numbers everywhere."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from esante_cli.batch import _dumps
from esante_cli.render.json import render_json

GREEN = "responsable-green-it"
# Every weight and the detour factor at their bound (limits.MAX_WEIGHT): the largest costs
# a model file can ask for.
HEAVY = """name = "heavy"
[weights]
climb = 1000000
max_jump = 1000000
unused = 1000000
declared_factor = 1000000
hop_penalty = 1000000
[thresholds]
max_detour = 1000000
"""


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_json_renderers_refuse_non_finite_numbers(value: float) -> None:
    """render_json and the batch lines raise rather than write invalid JSON."""
    with pytest.raises(ValueError, match="not JSON compliant"):
        render_json({"cost": value})
    with pytest.raises(ValueError, match="not JSON compliant"):
        _dumps({"cost": value})


def _finite(value: Any) -> None:
    if isinstance(value, float):
        assert math.isfinite(value), value
    elif isinstance(value, dict):
        for child in value.values():
            _finite(child)
    elif isinstance(value, list):
        for child in value:
            _finite(child)


def _strict(text: str) -> Any:
    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    return json.loads(text, parse_constant=refuse)


COMMANDS = {
    "gap": ("gap", "data-scientist", GREEN),
    "paths": ("paths", "data-scientist", GREEN, "--k", "10"),
    "paths-explain": ("paths", "data-scientist", GREEN, "--explain"),
    "recommend": ("recommend", "data-scientist", "--all"),
    "neighbours": ("neighbours", "data-scientist"),
    "compare": ("compare", "data-scientist", "architecte-iot", GREEN),
    "match": ("match", "profile.yaml"),
    "leverage": ("leverage", "profile.yaml"),
    "export-graph": ("export", "graph"),
    "export-matrix": ("export", "matrix"),
    "model-calibrate": ("model", "calibrate"),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_heaviest_model_gives_finite_json(name: str, work: Path, cli) -> None:
    """With every weight at its bound, each command's JSON parses strictly and every number
    in it is finite."""
    (work / "heavy.toml").write_text(HEAVY, encoding="utf-8")
    result = cli("--model", "heavy.toml", *COMMANDS[name], "--format", "json")
    assert result.exit_code == 0, (result.stderr, result.exception)
    _finite(_strict(result.stdout))


def test_heaviest_model_in_batch(work: Path, cli) -> None:
    """The same through batch: every answer line parses strictly, with finite numbers."""
    (work / "heavy.toml").write_text(HEAVY, encoding="utf-8")
    queries = "\n".join(
        json.dumps(q)
        for q in (
            {"query": "paths", "from": "data-scientist", "to": GREEN, "k": 100},
            {"query": "gap", "from": "data-scientist", "to": GREEN},
            {"query": "recommend", "job": "architecte-iot", "all": True},
        )
    )
    result = cli("--model", "heavy.toml", "batch", stdin=queries + "\n")
    assert result.exit_code == 0, result.stderr
    answers = [_strict(line) for line in result.stdout.splitlines()]
    assert [("result" in a) for a in answers] == [True, True, True], answers
    _finite(answers)
