"""The cost model: the formula on hand-worked examples, and the model configuration file."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from esante_cli.costmodel import (
    DEFAULT_MODEL,
    Bands,
    ModelConfig,
    load_model_config,
    model_config_toml,
    transition,
)
from esante_cli.errors import ExitCode, InputError

DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"


# -- the formula ---------------------------------------------------------------------------


def test_transition_hand_worked():
    """Each part, the closeness, the direction and the cost follow the formula, nulls included."""
    source = {"c1": 1, "c2": None, "c3": 4, "c5": 2}
    target = {"c1": 3, "c2": 2, "c3": 2, "c4": None}
    parts = transition(source, target)
    # c1: 1 -> 3, deficit 2; c2: no source level counts as 0 -> 2, deficit 2;
    # c3: 4 -> 2, surplus 2; c4: the target gives no level, ignored; c5: not in the target.
    # climb 2 + 2 = 4, max_jump 2, unused 2, blocking (deficits >= 2) 2, compared 3
    # required 3 + 2 + 2 = 7, held 1 + 0 + 2 = 3: coverage 3 / 7 = 0.429
    # unused share 2 / (3 + 2) = 0.4; share to learn 0.571 - 0.4 = 0.171 >= 0.15: progression
    # similarity = 1 - (4 + 2) / (3 * 3) = 0.333
    # weighted = 1 * 4 + 0.5 * 2 + 0.1 * 2 = 5.2; cost = 5.2 * 1 + 0.5 = 5.7
    assert (parts.climb, parts.max_jump, parts.unused, parts.blocking) == (4, 2, 2, 2)
    assert (parts.compared, parts.required, parts.held) == (3, 7, 3)
    assert parts.coverage == 0.429 and parts.unused_share == 0.4
    assert parts.move == "progression"
    assert parts.similarity == 0.333
    assert parts.weighted == 5.2
    assert parts.cost == 5.7
    assert parts.factor == 1.0 and parts.hop_penalty == 0.5
    # coverage 0.429 < 0.561 (the accessible band): not close enough for a computed move
    assert parts.computed is False


def test_transition_declared_factor():
    """A declared move's weighted cost is multiplied by the declared factor (1 by default)."""
    assert transition({"c1": 1}, {"c1": 3}, declared=True).cost == 3.5
    halved = ModelConfig(weights={"declared_factor": 0.5})
    parts = transition({"c1": 1, "c2": 1}, {"c1": 3, "c2": 3}, declared=True, config=halved)
    # climb 4, max_jump 2, unused 0: weighted 4 + 1 = 5; cost 5 * 0.5 + 0.5 = 3.0
    assert parts.weighted == 5.0
    assert parts.factor == 0.5
    assert parts.cost == 3.0
    assert parts.declared is True


def test_transition_is_asymmetric():
    """Moving up costs the levels to climb; moving down only the levels left unused; the
    coverage is high both ways only when nothing is left to learn."""
    low, high = {"c1": 1, "c2": 2}, {"c1": 3, "c2": 2}
    up, down = transition(low, high), transition(high, low)
    # up: climb 2, max_jump 2 -> 2 + 1 + 0.5 = 3.5; down: unused 2 -> 0.2 + 0.5 = 0.7
    assert up.cost == 3.5
    assert down.cost == 0.7
    # up holds 1 + 2 of 5: 0.6; down holds all 3 of 3 but leaves 2 of 5 unused
    assert (up.coverage, down.coverage) == (0.6, 1.0)
    assert (up.move, down.move) == ("progression", "downgrade")
    # whole-profile similarity is the same both ways: 1 - 2 / 6 = 0.667
    assert up.similarity == down.similarity == 0.667


@pytest.mark.parametrize(
    ("source", "target", "move"),
    [
        ({"a": 2, "b": 2}, {"a": 2, "b": 2}, "lateral"),  # same levels
        ({"a": 3, "b": 1}, {"a": 1, "b": 3}, "lateral"),  # trade: learn 2 of 4, leave 2 of 4
        ({"a": 2, "b": 2}, {"a": 3, "b": 3}, "progression"),  # learn 2 of 6, leave nothing
        ({"a": 4, "b": 4}, {"a": 3, "b": 3}, "downgrade"),  # learn nothing, leave 2 of 8
        ({"a": 4, "b": 4, "c": 4, "d": 4}, {"a": 4, "b": 4, "c": 4, "d": 3}, "lateral"),  # 1/16
        # leaves 6 of 9 levels unused but asks a jump of 2: something hard, not a downgrade
        ({"a": 4, "b": 4, "c": 1}, {"a": 1, "b": 1, "c": 3}, "lateral"),
    ],
)
def test_direction_of_a_move(source, target, move):
    """A move is a progression or a downgrade only when it is clearly lopsided (margin 0.15)."""
    assert transition(source, target).move == move


def test_transition_thresholds():
    """A computed move needs the accessible band and no jump above the largest allowed."""
    same = {"c1": 2, "c2": 2, "c3": 2, "c4": 2}
    one_jump_of_two = {"c1": 2, "c2": 2, "c3": 2, "c4": 4}
    # held 8 of 10: coverage 0.8 >= 0.561, jump 2 <= 2
    assert transition(same, one_jump_of_two).computed is True
    strict = ModelConfig(thresholds={"max_jump": 1})
    assert transition(same, one_jump_of_two, config=strict).computed is False
    picky = ModelConfig(bands={"proche": 0.9, "accessible": 0.85})
    assert transition(same, one_jump_of_two, config=picky).computed is False


def test_transition_nothing_compared():
    """A target without levels gives coverage 0 and no computed move, at the hop penalty."""
    parts = transition({"c1": 3}, {"c1": None})
    assert parts.compared == 0 and parts.required == 0
    assert parts.coverage == 0.0 and parts.similarity == 0.0
    assert parts.computed is False
    assert parts.cost == 0.5


def test_bands():
    """A coverage is proche from the first limit, accessible from the second, else lointaine."""
    bands = Bands(proche=0.7, accessible=0.5)
    assert [bands.of(x) for x in (1.0, 0.7, 0.699, 0.5, 0.499)] == [
        "proche",
        "proche",
        "accessible",
        "accessible",
        "lointaine",
    ]


# -- the configuration ---------------------------------------------------------------------


def test_defaults():
    """The default model holds the documented values, its bands calibrated on the card."""
    m = DEFAULT_MODEL
    assert (m.weights.climb, m.weights.max_jump, m.weights.unused) == (1.0, 0.5, 0.1)
    assert (m.weights.declared_factor, m.weights.hop_penalty) == (1.0, 0.5)
    assert (m.thresholds.max_jump, m.thresholds.downgrade_margin) == (2, 0.15)
    assert (m.thresholds.blocking_deficit, m.thresholds.strength_level) == (2, 3)
    assert (m.bands.proche, m.bands.accessible) == (0.716, 0.561)
    assert (m.uncertainty.share, m.uncertainty.draws, m.uncertainty.seed) == (0.1, 200, 0)
    assert m.uncertainty.fragile == 0.5
    assert (m.calibration.count, m.calibration.mean, m.calibration.sd) == (12, 0.716, 0.155)
    assert load_model_config(None) == m


def test_load_partial_toml(tmp_path):
    """A TOML file may set a few fields; the others keep their default."""
    f = tmp_path / "model.toml"
    f.write_text('name = "prudent"\n[weights]\nclimb = 2\n[thresholds]\nmax_jump = 1\n')
    m = load_model_config(f)
    assert m.name == "prudent"
    assert m.weights.climb == 2.0 and m.weights.max_jump == 0.5
    assert m.thresholds.max_jump == 1 and m.thresholds.downgrade_margin == 0.15


def test_load_json_with_schema_key(tmp_path):
    """A JSON file is read too, and its "$schema" key is ignored."""
    f = tmp_path / "model.json"
    f.write_text(json.dumps({"$schema": "model.schema.json", "bands": {"proche": 0.8}}))
    assert load_model_config(f).bands.proche == 0.8


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[weights]\nclimb = -1\n", "model.toml : weights.climb : doit être ≥ 0, reçu -1"),
        (
            "[weights]\nhop_penalty = 0\n",
            "model.toml : weights.hop_penalty : doit être ≥ 0.01, reçu 0",
        ),
        (
            "[thresholds]\ndowngrade_margin = 1.5\n",
            "model.toml : thresholds.downgrade_margin : doit être ≤ 1, reçu 1.5",
        ),
        (
            "[thresholds]\nmin_similarity = 0.7\n",
            "model.toml : thresholds.min_similarity : champ inconnu (connus : max_jump, "
            "blocking_deficit, strength_level, max_detour, downgrade_margin)",
        ),
        ("[uncertainty]\ndraws = -1\n", "model.toml : uncertainty.draws : doit être ≥ 0, reçu -1"),
        (
            "[thresholds]\nmax_jump = 1.5\n",
            "model.toml : thresholds.max_jump : doit être un nombre entier, reçu 1.5",
        ),
        (
            '[weights]\nclimb = "a lot"\n',
            "model.toml : weights.climb : doit être un nombre, reçu 'a lot'",
        ),
        (
            "[weights]\nclimbs = 1\n",
            "model.toml : weights.climbs : champ inconnu (vouliez-vous dire « climb » ?)",
        ),
        ("weights = 3\n", "model.toml : weights : doit être une table de réglages"),
        (
            "[bands]\nproche = 0.5\naccessible = 0.6\n",
            "model.toml : bands : « accessible » (0.6) doit être ≤ « proche » (0.5)",
        ),
        ("[bands]\nproche = 5\n", "model.toml : bands.proche : doit être ≤ 1, reçu 5"),
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
    with pytest.raises(InputError, match=r"^model.toml : weights.climb : .* \(\+1 autre\)$"):
        load_model_config("model.toml")


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        (
            "model.yaml",
            "x: 1",
            r"model.yaml : type de fichier de modèle non pris en charge « .yaml »",
        ),
        ("model.toml", "[weights\n", r"model.toml : TOML invalide \("),
        ("model.json", "{nope", r"model.json : ligne 1, colonne 2 : JSON invalide"),
        ("model.json", "[1, 2]", r"model.json : doit contenir une table"),
        ("model.json", "", r"model.json : le fichier est vide"),
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
    with pytest.raises(InputError, match="fichier introuvable"):
        load_model_config(tmp_path / "none.toml")


def test_json_schema():
    """The model configuration has a JSON Schema with its sections."""
    schema = ModelConfig.model_json_schema()
    assert {"name", "weights", "thresholds", "bands", "uncertainty", "calibration"} <= set(
        schema["properties"]
    )
    assert schema["additionalProperties"] is False


def test_toml_dump_round_trips(tmp_path):
    """The TOML written by model_config_toml reads back as the same model."""
    model = ModelConfig(
        name="x « y »",
        weights={"climb": 1.5},
        bands={"proche": 0.8, "accessible": 0.6},
        calibration={"references": 'a "quoted" text', "count": 3},
    )
    f = tmp_path / "m.toml"
    f.write_text(model_config_toml(model))
    assert load_model_config(f) == model


def test_docs_example_is_the_default_model():
    """The complete example file of docs/model.md reads as the default model."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "docs/model.md has no ```toml block"
    assert ModelConfig.model_validate(tomllib.loads(blocks[0])) == DEFAULT_MODEL


def test_the_default_model_is_valid():
    """The default model, made without validation (no validator on start-up), is the one
    validating its own values gives, section by section, and a model file that leaves
    sections out gets the same defaults."""
    from esante_cli.render.json import plain

    validated = ModelConfig.model_validate(plain(DEFAULT_MODEL))
    assert validated == DEFAULT_MODEL
    assert plain(validated) == plain(DEFAULT_MODEL)
    assert ModelConfig.model_validate({"name": "x"}).bands == DEFAULT_MODEL.bands
    assert ModelConfig() == DEFAULT_MODEL
