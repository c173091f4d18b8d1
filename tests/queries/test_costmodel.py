"""The cost model: the formula on hand-worked examples, and the model configuration file."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest

from esante_cli.costmodel import (
    DEFAULT_MODEL,
    Bands,
    ModelConfig,
    load_model_config,
    model_config_toml,
    pair_units,
    transition,
    transition_arrays,
)
from esante_cli.errors import ExitCode, InputError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"


# -- the formula ---------------------------------------------------------------------------


def test_transition_hand_worked():
    """Each part and the cost follow the formula, nulls included."""
    source = {"c1": 1, "c2": None, "c3": 4, "c5": 2}
    target = {"c1": 3, "c2": 2, "c3": 2, "c4": None}
    parts = transition(source, target)
    # c1: 1 -> 3, deficit 2; c2: no source level counts as 0 -> 2, deficit 2;
    # c3: 4 -> 2, surplus 2; c4: the target gives no level, ignored; c5: not in the target.
    # climb 2 + 2 = 4, max_jump 2, unused 2, blocking (deficits >= 2) 2, compared 3
    # similarity = 1 - (4 + 2) / (3 * 3) = 0.333
    # weighted = 1 * 4 + 0.5 * 2 + 0.1 * 2 = 5.2; cost = 5.2 * 1 + 0.5 = 5.7
    assert (parts.climb, parts.max_jump, parts.unused, parts.blocking) == (4, 2, 2, 2)
    assert parts.compared == 3
    assert parts.similarity == 0.333
    assert parts.weighted == 5.2
    assert parts.cost == 5.7
    assert parts.factor == 1.0 and parts.hop_penalty == 0.5
    # similarity 0.333 < 0.75: not close enough for a computed move
    assert parts.computed is False


def test_transition_declared_factor():
    """A declared move's weighted cost is multiplied by the declared factor."""
    parts = transition({"c1": 1, "c2": 1}, {"c1": 3, "c2": 3}, declared=True)
    # climb 4, max_jump 2, unused 0: weighted 4 + 1 = 5; cost 5 * 0.75 + 0.5 = 4.25
    assert parts.weighted == 5.0
    assert parts.factor == 0.75
    assert parts.cost == 4.25
    assert parts.declared is True


def test_transition_is_asymmetric():
    """Moving up costs the levels to climb; moving down only the levels left unused."""
    low, high = {"c1": 1, "c2": 2}, {"c1": 3, "c2": 2}
    up, down = transition(low, high), transition(high, low)
    # up: climb 2, max_jump 2 -> 2 + 1 + 0.5 = 3.5; down: unused 2 -> 0.2 + 0.5 = 0.7
    assert up.cost == 3.5
    assert down.cost == 0.7
    # whole-profile similarity is the same both ways: 1 - 2 / 6 = 0.667
    assert up.similarity == down.similarity == 0.667


def test_transition_thresholds():
    """A computed move needs both the similarity and the largest-jump thresholds."""
    same = {"c1": 2, "c2": 2, "c3": 2, "c4": 2}
    one_jump_of_three = {"c1": 2, "c2": 2, "c3": 2, "c4": 4}
    # distance 2 over 4 competences: similarity 1 - 2/12 = 0.833 >= 0.75, jump 2 <= 2
    assert transition(same, one_jump_of_three).computed is True
    strict = ModelConfig(thresholds={"max_jump": 1})
    assert transition(same, one_jump_of_three, config=strict).computed is False
    picky = ModelConfig(thresholds={"min_similarity": 0.9})
    assert transition(same, one_jump_of_three, config=picky).computed is False


def test_transition_nothing_compared():
    """A target without levels gives similarity 0 and no computed move, at the hop penalty."""
    parts = transition({"c1": 3}, {"c1": None})
    assert parts.compared == 0
    assert parts.similarity == 0.0
    assert parts.computed is False
    assert parts.cost == 0.5


def test_transition_arrays_match_transition():
    """The vectorised parts equal the scalar ones on every pair of a small matrix."""
    levels = np.array([[1, 2, np.nan], [4, 1, 3], [2, 2, 2], [np.nan, 4, 1]])
    declared = np.zeros((4, 4), dtype=bool)
    declared[0, 1] = declared[3, 2] = True
    arrays = transition_arrays(levels, levels, declared)
    lean = pair_units(levels, declared, chunk=3)
    for i in range(4):
        for j in range(4):
            src = {f"c{c}": (None if np.isnan(v) else int(v)) for c, v in enumerate(levels[i])}
            tgt = {f"c{c}": (None if np.isnan(v) else int(v)) for c, v in enumerate(levels[j])}
            expected = transition(src, tgt, declared=bool(declared[i, j]))
            assert arrays.parts(i, j) == expected
            assert lean.units[i, j] == round(expected.cost * 1000)
            assert bool(lean.computed[i, j]) == expected.computed
            assert lean.max_jump[i, j] == expected.max_jump


def test_bands():
    """A cost falls in proche up to the first limit, accessible up to the second, else lointaine."""
    bands = Bands(proche=3, accessible=6)
    assert [bands.of(x) for x in (0.5, 3.0, 3.001, 6.0, 6.5)] == [
        "proche", "proche", "accessible", "accessible", "lointaine"
    ]


# -- the configuration ---------------------------------------------------------------------


def test_defaults():
    """The default model holds the documented values."""
    m = DEFAULT_MODEL
    assert (m.weights.climb, m.weights.max_jump, m.weights.unused) == (1.0, 0.5, 0.1)
    assert (m.weights.declared_factor, m.weights.hop_penalty) == (0.75, 0.5)
    assert (m.thresholds.min_similarity, m.thresholds.max_jump) == (0.75, 2)
    assert (m.thresholds.blocking_deficit, m.thresholds.strength_level) == (2, 3)
    assert (m.bands.proche, m.bands.accessible) == (3.0, 6.0)
    assert load_model_config(None) == m


def test_load_partial_toml(tmp_path):
    """A TOML file may set a few fields; the others keep their default."""
    f = tmp_path / "model.toml"
    f.write_text('name = "prudent"\n[weights]\nclimb = 2\n[thresholds]\nmax_jump = 1\n')
    m = load_model_config(f)
    assert m.name == "prudent"
    assert m.weights.climb == 2.0 and m.weights.max_jump == 0.5
    assert m.thresholds.max_jump == 1 and m.thresholds.min_similarity == 0.75


def test_load_json_with_schema_key(tmp_path):
    """A JSON file is read too, and its "$schema" key is ignored."""
    f = tmp_path / "model.json"
    f.write_text(json.dumps({"$schema": "model.schema.json", "bands": {"proche": 2}}))
    assert load_model_config(f).bands.proche == 2.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[weights]\nclimb = -1\n", "model.toml: weights.climb: must be ≥ 0, got -1"),
        ("[weights]\nhop_penalty = 0\n", "model.toml: weights.hop_penalty: must be ≥ 0.01, got 0"),
        ("[thresholds]\nmin_similarity = 1.5\n",
         "model.toml: thresholds.min_similarity: must be ≤ 1, got 1.5"),
        ("[thresholds]\nmax_jump = 1.5\n",
         "model.toml: thresholds.max_jump: must be a whole number, got 1.5"),
        ('[weights]\nclimb = "a lot"\n', "model.toml: weights.climb: must be a number, got 'a lot'"),
        ("[weights]\nclimbs = 1\n",
         "model.toml: weights.climbs: unknown field (did you mean 'climb'?)"),
        ("weights = 3\n", "model.toml: weights: must be a table of settings"),
        ("[bands]\nproche = 5\naccessible = 4\n",
         "model.toml: bands: 'accessible' (4) must be ≥ 'proche' (5)"),
    ],
)
def test_load_errors_name_file_and_field(tmp_path, monkeypatch, text, message):
    """A bad value raises InputError in one line naming the file and the field."""
    monkeypatch.chdir(tmp_path)
    Path("model.toml").write_text(text)
    with pytest.raises(InputError) as info:
        load_model_config("model.toml")
    assert str(info.value) == message
    assert info.value.exit_code == ExitCode.INVALID_INPUT


def test_load_errors_several_counted(tmp_path, monkeypatch):
    """Several bad values: the first is shown and the others counted."""
    monkeypatch.chdir(tmp_path)
    Path("model.toml").write_text("[weights]\nclimb = -1\nunused = -2\n")
    with pytest.raises(InputError, match=r"^model.toml: weights.climb: .* \(\+1 more\)$"):
        load_model_config("model.toml")


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("model.yaml", "x: 1", r"model.yaml: unsupported model file type '.yaml'"),
        ("model.toml", "[weights\n", r"model.toml: invalid TOML \("),
        ("model.json", "{nope", r"model.json: line 1, column 2: invalid JSON"),
        ("model.json", "[1, 2]", r"model.json: must hold a table"),
        ("model.json", "", r"model.json: the file is empty"),
    ],
)
def test_load_unreadable_files(tmp_path, monkeypatch, name, content, pattern):
    """A file of the wrong type or syntax raises InputError naming the file."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(content)
    with pytest.raises(InputError, match=pattern):
        load_model_config(name)


def test_load_missing_file(tmp_path):
    """A missing file raises InputError saying so."""
    with pytest.raises(InputError, match="file not found"):
        load_model_config(tmp_path / "none.toml")


def test_json_schema():
    """The model configuration has a JSON Schema with its three sections."""
    schema = ModelConfig.model_json_schema()
    assert {"name", "weights", "thresholds", "bands"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_toml_dump_round_trips(tmp_path):
    """The TOML written by model_config_toml reads back as the same model."""
    model = ModelConfig(name="x", weights={"climb": 1.5}, bands={"proche": 2.5, "accessible": 7})
    f = tmp_path / "m.toml"
    f.write_text(model_config_toml(model))
    assert load_model_config(f) == model


def test_docs_example_is_the_default_model():
    """The complete example file of docs/model.md reads as the default model."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "docs/model.md has no ```toml block"
    assert ModelConfig.model_validate(tomllib.loads(blocks[0])) == DEFAULT_MODEL
