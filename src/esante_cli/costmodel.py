"""The transition model: how close a move from one competence profile to another is, what it
costs, which way it goes, and why.

Everything a user may tune lives in one place, :class:`ModelConfig` (weights, thresholds,
bands, uncertainty), with defaults and an optional TOML or JSON file (``--model FILE``, or a
``modele.toml`` in the dataset folder) read by :func:`load_model_config`. The defaults are the
model calibrated on the card's own moves (``esante model calibrate``, :mod:`esante_cli.calibration`).
The whole model is documented in ``docs/model.md``; in short, for each competence ``c`` the
target levels (source level ``s``, 0 when absent; target level ``t``)::

    deficit = max(0, t - s)        surplus = max(0, s - t)
    climb    = sum of deficits            (levels to climb)
    max_jump = largest deficit            (largest single jump)
    unused   = sum of surpluses           (levels held above the target's need)
    blocking = number of deficits >= thresholds.blocking_deficit
    required = sum t;  held = sum min(s, t) = required - climb

    coverage     = held / required        (share of the target's requirement already held)
    unused_share = unused / (held + unused)  (share of the source's levels the target leaves unused)
    move = progression   if (1 - coverage) - unused_share >= thresholds.downgrade_margin
           downgrade     if unused_share - (1 - coverage) >= thresholds.downgrade_margin
                         and no jump reaches thresholds.blocking_deficit
           lateral       otherwise

    cost (effort) = (climb * w.climb + max_jump * w.max_jump + unused * w.unused)
                    * (w.declared_factor if the card declares the move else 1) + w.hop_penalty

The band of a move is read on its coverage (``bands``); a move is *computed* (an edge of the
graph without the card declaring it) when it reaches the ``accessible`` band and no jump
exceeds ``thresholds.max_jump``. A competence the target does not level is ignored. Two
implementations share the formula: :func:`transition` on two level dicts (a job or a person's
profile), and the kernels of :mod:`esante_cli.moves` on the level matrix
(:mod:`esante_cli.levels`), vectorised with numpy for whole datasets. A test checks that they
agree on every pair.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import InputError
from .language import N_, _, ngettext
from .limits import MAX_DRAWS, MAX_WEIGHT
from .results.base import Frozen

if TYPE_CHECKING:
    import numpy as np

MAX_LEVEL = 4
COST_DECIMALS = 3  # costs, shares and similarities are rounded to this many decimals, everywhere
_SCALE = 10**COST_DECIMALS

Band = Literal["proche", "accessible", "lointaine"]
BANDS: tuple[Band, ...] = ("proche", "accessible", "lointaine")
Move = Literal["progression", "lateral", "downgrade"]
MOVES: tuple[Move, ...] = ("progression", "lateral", "downgrade")
# The vectorised code keeps a move as a small integer: the index in MOVES.
MOVE_CODE = {m: i for i, m in enumerate(MOVES)}


# -- configuration -------------------------------------------------------------------------


class _Section(BaseModel):
    # strict: "1" is not a number, true is not 1; finite numbers only (inf would make every
    # cost infinite, or negative infinity less than nothing)
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True, strict=True, allow_inf_nan=False
    )


class Weights(_Section):
    """How much each part of a move weighs in its cost."""

    climb: float = Field(
        1.0, ge=0, le=MAX_WEIGHT, description=N_("par niveau à gravir, sommé sur les compétences")
    )
    max_jump: float = Field(
        0.5, ge=0, le=MAX_WEIGHT, description=N_("par niveau du plus grand saut")
    )
    unused: float = Field(
        0.1,
        ge=0,
        le=MAX_WEIGHT,
        description=N_("par niveau détenu au-delà du besoin du métier visé"),
    )
    declared_factor: float = Field(
        1.0,
        ge=0,
        le=MAX_WEIGHT,
        description=N_("multiplie le coût d'un passage que la fiche déclare"),
    )
    hop_penalty: float = Field(
        0.5,
        ge=0.01,
        le=MAX_WEIGHT,
        description=N_("ajouté à chaque passage, pour que chaque étape coûte"),
    )


class Thresholds(_Section):
    """Named thresholds: how large a jump a computed move allows, what counts as blocking, as a
    strength, and how lopsided a move must be to be a progression or a downgrade."""

    max_jump: int = Field(
        2, ge=0, le=MAX_LEVEL, description=N_("plus grand saut qu'un passage calculé admet")
    )
    blocking_deficit: int = Field(
        2, ge=1, le=MAX_LEVEL, description=N_("un écart aussi grand ou plus est « bloquant »")
    )
    strength_level: int = Field(
        3, ge=1, le=MAX_LEVEL, description=N_("un niveau aussi haut ou plus est un point fort")
    )
    max_detour: float = Field(
        1.5,
        ge=1,
        le=MAX_WEIGHT,
        description=N_(
            "un chemin coûte au plus ce multiple du passage direct (au-delà, il n'est pas proposé)"
        ),
    )
    downgrade_margin: float = Field(
        0.15,
        ge=0,
        le=1,
        description=N_(
            "part à apprendre moins part inutilisée à partir de laquelle un passage est une progression (ou, négative, un repli)"
        ),
    )


class Bands(_Section):
    """Named bands of closeness, read on the coverage (the share of the target's requirement
    already held): proche (coverage >= proche), accessible (>= accessible), lointaine (below).

    The defaults are calibrated on the card's moves (``esante model calibrate``): ``proche`` is
    their mean coverage, ``accessible`` their mean minus one standard deviation (Nesta's rule
    for "viable" moves). A computed move must reach ``accessible``."""

    proche: float = Field(
        0.716, ge=0, le=1, description=N_("acquis minimal d'un passage « proche »")
    )
    accessible: float = Field(
        0.561, ge=0, le=1, description=N_("acquis minimal d'un passage « accessible »")
    )

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.accessible > self.proche:
            raise ValueError(
                _("« accessible » ({accessible}) doit être ≤ « proche » ({proche})").format(
                    accessible=f"{self.accessible:g}", proche=f"{self.proche:g}"
                )
            )
        return self

    def of(self, coverage: float) -> Band:
        """The band a coverage falls in."""
        if coverage >= self.proche:
            return "proche"
        if coverage >= self.accessible:
            return "accessible"
        return "lointaine"

    def units(self) -> tuple[int, int]:
        """The two limits in thousandths (the vectorised code compares whole numbers)."""
        return round(self.proche * _SCALE), round(self.accessible * _SCALE)


class Uncertainty(_Section):
    """How the stability of an answer is measured: seeded random draws in which every level
    marked ``estimate`` or ``guess`` (never the card's, nor a person's) moves one level up or
    down with probability ``share`` (half each way, staying within 1-4)."""

    share: float = Field(
        0.1,
        ge=0,
        le=1,
        description=N_("probabilité qu'un niveau estimé soit décalé d'un niveau, à chaque tirage"),
    )
    draws: int = Field(
        200, ge=0, le=MAX_DRAWS, description=N_("tirages au hasard (0 : pas de stabilité)")
    )
    seed: int = Field(
        0, ge=0, le=2**63 - 1, description=N_("graine des tirages : même graine, mêmes chiffres")
    )
    fragile: float = Field(
        0.5,
        ge=0,
        le=1,
        description=N_("une réponse qui garde sa place dans moins de tirages est « fragile »"),
    )


class Calibration(_Section):
    """Where the bands come from (informative: the bands themselves are above)."""

    references: str = Field(
        "", description=N_("les mobilités de référence sur lesquelles les bandes sont calibrées")
    )
    count: int = Field(0, ge=0, description=N_("nombre de mobilités de référence"))
    mean: float = Field(0.0, ge=0, le=1, description=N_("leur acquis moyen"))
    sd: float = Field(0.0, ge=0, le=1, description=N_("l'écart-type de leur acquis"))


def card_calibration() -> Calibration:
    """Where the default bands come from: the card's own moves (``esante model calibrate``)."""
    return Calibration.model_construct(
        references="les 12 mobilités déclarées du jeu de données (9 provenances, 3 évolutions)",
        count=12,
        mean=0.716,
        sd=0.155,
    )


class ModelConfig(_Section):
    """The whole model: weights, thresholds, bands, uncertainty. Every field has a default."""

    name: str = Field(
        "default",
        min_length=1,
        description=N_("montré dans les résultats, pour distinguer les modèles"),
    )
    # the defaults are made without validation (model_construct: no validator built on start-up,
    # 3 ms); a test validates the default model
    weights: Weights = Field(default_factory=Weights.model_construct)
    thresholds: Thresholds = Field(default_factory=Thresholds.model_construct)
    bands: Bands = Field(default_factory=Bands.model_construct)
    uncertainty: Uncertainty = Field(default_factory=Uncertainty.model_construct)
    calibration: Calibration = Field(default_factory=card_calibration)


DEFAULT_MODEL = ModelConfig.model_construct()


def load_model_config(path: str | os.PathLike[str] | None = None) -> ModelConfig:
    """The model in ``path`` (``.toml`` or ``.json``; missing fields keep their default), or
    the default model without a path. Any problem raises ``InputError`` in one line naming the
    file and the field, e.g. ``model.toml: weights.climb: must be ≥ 0, got -1``."""
    if path is None or str(path) == "":
        return DEFAULT_MODEL
    file = Path(path)
    name = str(path)
    suffix = file.suffix.lower()
    if suffix not in (".toml", ".json"):
        message = _(
            "{path} : type de fichier de modèle non pris en charge « {suffix} » (.toml ou .json)"
        )
        raise InputError(message.format(path=name, suffix=file.suffix))
    from .files import read_user_text

    text = read_user_text(path, _("un modèle TOML ou JSON"), kind="model")
    raw = _parse_toml(text, name) if suffix == ".toml" else _parse_json(text, name)
    if not isinstance(raw, dict):
        raise InputError(
            _("{path} : doit contenir une table (un objet) de réglages").format(path=name)
        )
    raw.pop("$schema", None)  # lets editors validate a JSON file against the schema
    try:
        return ModelConfig.model_validate(raw)
    except ValidationError as exc:
        from .validation import Source, problems

        found = problems(exc, model=ModelConfig, phrases=_MODEL_PHRASES)
        more = (
            " " + ngettext("(+{n} autre)", "(+{n} autres)", len(found) - 1)
            if len(found) > 1
            else ""
        )
        more = more.format(n=len(found) - 1)
        raise InputError(Source(name).describe(found[0]) + more) from None


# A model file's sections are TOML tables.
_MODEL_PHRASES = {
    kind: N_("doit être une table de réglages")
    for kind in ("model_type", "model_attributes_type", "dict_type")
}


def _parse_toml(text: str, name: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except RecursionError:
        from .files import TOO_DEEP_ANY

        raise InputError(_(TOO_DEEP_ANY).format(path=name)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(
            _("{path} : TOML invalide ({error})").format(path=name, error=exc)
        ) from None


def _parse_json(text: str, name: str) -> Any:
    if not text.strip():
        raise InputError(_("{path} : le fichier est vide").format(path=name))
    try:
        return json.loads(text)
    except RecursionError:
        from .files import TOO_DEEP_ANY

        raise InputError(_(TOO_DEEP_ANY).format(path=name)) from None
    except json.JSONDecodeError as exc:
        message = _("{path} : ligne {line}, colonne {column} : JSON invalide ({error})")
        raise InputError(
            message.format(path=name, line=exc.lineno, column=exc.colno, error=exc.msg)
        ) from None


def model_config_toml(config: ModelConfig = DEFAULT_MODEL) -> str:
    """The model as a complete TOML file, with each field's meaning as a comment."""
    lines = [f"name = {json.dumps(config.name, ensure_ascii=False)}"]
    for section in ("weights", "thresholds", "bands", "uncertainty", "calibration"):
        part = getattr(config, section)
        lines += ["", f"[{section}]"]
        for key, info in type(part).model_fields.items():
            value = getattr(part, key)
            if isinstance(value, str):  # a TOML basic string takes JSON's escapes
                shown = json.dumps(value, ensure_ascii=False)
            else:
                shown = repr(value) if isinstance(value, float) else str(value)
            lines.append(f"{key} = {shown}  # {_(info.description or '')}")
    return "\n".join(lines) + "\n"


# -- one transition, from two level dicts --------------------------------------------------


class CostParts(Frozen):
    """A move's closeness, direction, cost and the named parts they are made of (``--explain``)."""

    climb: int  # levels to climb, summed over competences
    max_jump: int  # the largest deficit on one competence
    unused: int  # levels held above the target's need, summed
    blocking: int  # competences whose deficit is >= thresholds.blocking_deficit
    compared: int  # competences the target levels (the others are ignored)
    required: int  # the target's levels, summed
    held: int  # the part of them the source already holds: sum min(s, t) = required - climb
    coverage: float  # held / required: the share of the target's requirement already held
    unused_share: float  # unused / (held + unused): the share of the source's levels left unused
    move: Move  # progression, lateral or downgrade (thresholds.downgrade_margin)
    similarity: float  # 1 - sum |t - s| / (3 * compared), floored at 0 (symmetric; shown only)
    declared: bool  # the card declares this move
    computed: bool  # close enough for a computed move (band accessible or better, jump allowed)
    weighted: float  # climb * w.climb + max_jump * w.max_jump + unused * w.unused
    factor: float  # w.declared_factor if declared, else 1
    hop_penalty: float
    cost: float  # weighted * factor + hop_penalty: the effort of the move


def round_cost(value: float) -> float:
    """Round like the vectorised code does (``rint(x * 1000) / 1000``), so both agree."""
    import numpy as np

    return float(np.rint(value * _SCALE) / _SCALE)


def from_units(units: int) -> float:
    """A cost held as a whole number of thousandths (sums of them stay exact), as a number."""
    return units / _SCALE


def share_units(part: Any, whole: Any) -> Any:
    """``part / whole`` in whole thousandths (0 where ``whole`` is 0), for numbers and arrays
    alike, with the same floating operations everywhere."""
    import numpy as np

    part = np.asarray(part, dtype=float)
    whole = np.asarray(whole, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(whole > 0, np.rint(part / whole * _SCALE), 0.0)
    return out.astype(np.int64)


def move_codes(coverage_units: Any, unused_units: Any, max_jump: Any, config: ModelConfig) -> Any:
    """The direction of moves (indices in :data:`MOVES`) from their coverage and unused share
    in thousandths and their largest jump: the share left to learn against the share left
    unused. A move that asks a blocking jump (``thresholds.blocking_deficit`` levels or more on
    one competence) is never a downgrade: it asks something hard, whatever it leaves."""
    import numpy as np

    margin = round(config.thresholds.downgrade_margin * _SCALE)
    lean = (_SCALE - np.asarray(coverage_units)) - np.asarray(unused_units)
    easy = np.asarray(max_jump) < config.thresholds.blocking_deficit
    return np.where(
        lean >= margin,
        MOVE_CODE["progression"],
        np.where((-lean >= margin) & easy, MOVE_CODE["downgrade"], MOVE_CODE["lateral"]),
    )


def is_computed(coverage_units: Any, max_jump: Any, required: Any, config: ModelConfig) -> Any:
    """Close enough for a computed move: the accessible band or better, no jump too high, and
    a target that levels something (no evidence of closeness otherwise)."""
    import numpy as np

    _, accessible = config.bands.units()
    return (
        (np.asarray(coverage_units) >= accessible)
        & (np.asarray(max_jump) <= config.thresholds.max_jump)
        & (np.asarray(required) > 0)
    )


def transition(
    source_levels: Mapping[str, int | None],
    target_levels: Mapping[str, int | None],
    *,
    declared: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> CostParts:
    """The move from ``source_levels`` to ``target_levels`` (competence id -> level).

    A pure function of two level dicts, so a job's profile or a person's can be the source. A
    competence whose target level is missing or None is ignored; a missing or None source
    level counts as 0.
    """
    climb = max_jump = unused = blocking = compared = required = 0
    for comp, target in target_levels.items():
        if target is None:
            continue
        source = source_levels.get(comp) or 0
        compared += 1
        required += target
        deficit, surplus = max(0, target - source), max(0, source - target)
        climb += deficit
        unused += surplus
        max_jump = max(max_jump, deficit)
        if deficit >= config.thresholds.blocking_deficit:
            blocking += 1
    w = config.weights
    held = required - climb
    coverage = int(share_units(held, required))
    unused_share = int(share_units(unused, held + unused))
    weighted = w.climb * climb + w.max_jump * max_jump + w.unused * unused
    factor = w.declared_factor if declared else 1.0
    return CostParts.model_construct(
        climb=climb,
        max_jump=max_jump,
        unused=unused,
        blocking=blocking,
        compared=compared,
        required=required,
        held=held,
        coverage=from_units(coverage),
        unused_share=from_units(unused_share),
        move=MOVES[int(move_codes(coverage, unused_share, max_jump, config))],
        similarity=_similarity(climb + unused, compared),
        declared=declared,
        computed=bool(is_computed(coverage, max_jump, required, config)),
        weighted=round_cost(weighted),
        factor=factor,
        hop_penalty=w.hop_penalty,
        cost=round_cost(weighted * factor + w.hop_penalty),
    )


def _similarity(distance: int, compared: int) -> float:
    if compared == 0:
        return 0.0  # nothing to compare: no evidence of closeness
    return max(0.0, round_cost(1.0 - distance / ((MAX_LEVEL - 1) * compared)))


# -- many moves at once ----------------------------------------------------------------------
#
# The kernels of :mod:`esante_cli.moves` compute the counts (climb, unused, max_jump) of many
# moves with numpy; the costs are then looked up in a table computed once, with the very
# operations of :func:`transition`, so that both give the same thousandths.


def cost_units(
    climb: Any, max_jump: Any, unused: Any, declared: Any, config: ModelConfig
) -> np.ndarray:
    """The cost of moves in thousandths, from their parts (arrays of the same shape), looked up
    in the table :func:`_unit_table` builds: the same thousandths as :func:`transition`."""
    import numpy as np

    climb = np.asarray(climb, dtype=np.int64)
    unused = np.asarray(unused, dtype=np.int64)
    top_climb = int(climb.max(initial=0))
    top_unused = int(unused.max(initial=0))
    table = _unit_table(config, top_climb, top_unused)
    index = (climb * (MAX_LEVEL + 1) + np.asarray(max_jump, dtype=np.int64)) * (top_unused + 1)
    index += unused
    index += np.asarray(declared, dtype=np.int64) * (table.size // 2)
    return table.ravel()[index]


def _unit_table(config: ModelConfig, top_climb: int, top_unused: int) -> np.ndarray:
    """Cost in thousandths of (declared, climb, max_jump, unused), with the same floating
    operations, in the same order, as :func:`transition`."""
    import numpy as np

    w = config.weights
    climb = np.arange(top_climb + 1, dtype=float)[:, None, None]
    jump = np.arange(MAX_LEVEL + 1, dtype=float)[None, :, None]
    unused = np.arange(top_unused + 1, dtype=float)[None, None, :]
    weighted = w.climb * climb + w.max_jump * jump + w.unused * unused
    plain = np.rint((weighted * 1.0 + w.hop_penalty) * _SCALE)
    declared = np.rint((weighted * w.declared_factor + w.hop_penalty) * _SCALE)
    return np.stack([plain, declared]).astype(np.int64)
