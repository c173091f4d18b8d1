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
profile), and :func:`transition_arrays` on level matrices, vectorised with numpy for whole
datasets. A test checks that they agree.
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import InputError
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
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(_Section):
    """How much each part of a move weighs in its cost."""

    climb: float = Field(1.0, ge=0, description="per level to climb, summed over competences")
    max_jump: float = Field(0.5, ge=0, description="per level of the largest single jump")
    unused: float = Field(0.1, ge=0, description="per level held above the target's need")
    declared_factor: float = Field(
        1.0, ge=0, description="multiplies the cost of a move the card declares"
    )
    hop_penalty: float = Field(
        0.5, ge=0.01, description="added to every move, so that each step costs something"
    )


class Thresholds(_Section):
    """Named thresholds: how large a jump a computed move allows, what counts as blocking, as a
    strength, and how lopsided a move must be to be a progression or a downgrade."""

    max_jump: int = Field(
        2, ge=0, le=MAX_LEVEL, description="largest single jump a computed move allows"
    )
    blocking_deficit: int = Field(
        2, ge=1, le=MAX_LEVEL, description="a deficit this large or larger is 'blocking'"
    )
    strength_level: int = Field(
        3, ge=1, le=MAX_LEVEL, description="a level this high or higher is a strength"
    )
    max_detour: float = Field(
        1.5, ge=1,
        description="a route costs at most this many times the direct move (routes beyond "
                    "are not proposed)",
    )
    downgrade_margin: float = Field(
        0.15, ge=0, le=1,
        description="share to learn minus share left unused at which a move is a progression "
                    "(or, negative, a downgrade)",
    )


class Bands(_Section):
    """Named bands of closeness, read on the coverage (the share of the target's requirement
    already held): proche (coverage >= proche), accessible (>= accessible), lointaine (below).

    The defaults are calibrated on the card's moves (``esante model calibrate``): ``proche`` is
    their mean coverage, ``accessible`` their mean minus one standard deviation (Nesta's rule
    for "viable" moves). A computed move must reach ``accessible``."""

    proche: float = Field(0.716, ge=0, le=1, description="lowest coverage of a 'proche' move")
    accessible: float = Field(
        0.561, ge=0, le=1, description="lowest coverage of an 'accessible' move"
    )

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        if self.accessible > self.proche:
            raise ValueError(
                f"'accessible' ({self.accessible:g}) must be ≤ 'proche' ({self.proche:g})"
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
        0.1, ge=0, le=1, description="chance that an estimated level is off by one, per draw"
    )
    draws: int = Field(200, ge=0, le=10_000, description="random draws (0: no stability figures)")
    seed: int = Field(0, ge=0, description="seed of the draws: the same seed, the same figures")
    fragile: float = Field(
        0.5, ge=0, le=1, description="an answer keeping its place in fewer draws is 'fragile'"
    )


class Calibration(_Section):
    """Where the bands come from (informative: the bands themselves are above)."""

    references: str = Field(
        "", description="the reference moves the bands were calibrated on"
    )
    count: int = Field(0, ge=0, description="how many reference moves")
    mean: float = Field(0.0, ge=0, le=1, description="their mean coverage")
    sd: float = Field(0.0, ge=0, le=1, description="the standard deviation of their coverage")


class ModelConfig(_Section):
    """The whole model: weights, thresholds, bands, uncertainty. Every field has a default."""

    name: str = Field("default", min_length=1, description="shown in results, to tell models apart")
    weights: Weights = Weights()
    thresholds: Thresholds = Thresholds()
    bands: Bands = Bands()
    uncertainty: Uncertainty = Uncertainty()
    calibration: Calibration = Calibration(
        references="les 12 mobilités déclarées du jeu de données (9 provenances, 3 évolutions)",
        count=12, mean=0.716, sd=0.155)


DEFAULT_MODEL = ModelConfig()


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
        raise InputError(f"{name}: unsupported model file type '{file.suffix}' (use .toml or .json)")
    from .files import read_user_text

    text = read_user_text(path, "a TOML or JSON model")
    raw = _parse_toml(text, name) if suffix == ".toml" else _parse_json(text, name)
    if not isinstance(raw, dict):
        raise InputError(f"{name}: must hold a table (an object) of settings")
    raw.pop("$schema", None)  # lets editors validate a JSON file against the schema
    try:
        return ModelConfig.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        more = f" (+{len(errors) - 1} more)" if len(errors) > 1 else ""
        raise InputError(f"{name}: {_where(first['loc'])}: {_what(first)}{more}") from None


def _parse_toml(text: str, name: str) -> Any:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name}: invalid TOML ({exc})") from None


def _parse_json(text: str, name: str) -> Any:
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{name}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"
        ) from None


def _where(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "(root)"


def _what(err: Any) -> str:
    kind, ctx, got = err["type"], err.get("ctx") or {}, err.get("input")
    shown = _show(got)
    if kind == "greater_than_equal":
        return f"must be ≥ {_show(ctx.get('ge'))}, got {shown}"
    if kind == "greater_than":
        return f"must be > {_show(ctx.get('gt'))}, got {shown}"
    if kind == "less_than_equal":
        return f"must be ≤ {_show(ctx.get('le'))}, got {shown}"
    if kind == "less_than":
        return f"must be < {_show(ctx.get('lt'))}, got {shown}"
    if kind == "extra_forbidden":
        return "unknown field" + _did_you_mean(err["loc"])
    if kind in ("float_parsing", "float_type"):
        return f"must be a number, got {shown}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number, got {shown}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "must be a table of settings"
    if kind in ("string_type", "string_too_short"):
        return f"must be a non-empty text, got {shown}"
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    return msg


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, (dict, list)):
        return type(value).__name__
    return repr(value)


def _did_you_mean(loc: tuple[Any, ...]) -> str:
    model: type[BaseModel] = ModelConfig
    for part in loc[:-1]:
        annotation = model.model_fields.get(str(part))
        sub = annotation.annotation if annotation else None
        if not (isinstance(sub, type) and issubclass(sub, BaseModel)):
            return ""
        model = sub
    close = difflib.get_close_matches(str(loc[-1]), sorted(model.model_fields), n=1)
    return f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(model.model_fields)})"


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
            lines.append(f"{key} = {shown}  # {info.description}")
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


def move_codes(coverage_units: Any, unused_units: Any, max_jump: Any,
               config: ModelConfig) -> Any:
    """The direction of moves (indices in :data:`MOVES`) from their coverage and unused share
    in thousandths and their largest jump: the share left to learn against the share left
    unused. A move that asks a blocking jump (``thresholds.blocking_deficit`` levels or more on
    one competence) is never a downgrade: it asks something hard, whatever it leaves."""
    import numpy as np

    margin = round(config.thresholds.downgrade_margin * _SCALE)
    lean = (_SCALE - np.asarray(coverage_units)) - np.asarray(unused_units)
    easy = np.asarray(max_jump) < config.thresholds.blocking_deficit
    return np.where(lean >= margin, MOVE_CODE["progression"],
                    np.where((-lean >= margin) & easy, MOVE_CODE["downgrade"],
                             MOVE_CODE["lateral"]))


def is_computed(coverage_units: Any, max_jump: Any, required: Any, config: ModelConfig) -> Any:
    """Close enough for a computed move: the accessible band or better, no jump too high, and
    a target that levels something (no evidence of closeness otherwise)."""
    import numpy as np

    _, accessible = config.bands.units()
    return ((np.asarray(coverage_units) >= accessible)
            & (np.asarray(max_jump) <= config.thresholds.max_jump)
            & (np.asarray(required) > 0))


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
    return CostParts(
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


# -- all transitions at once, from level matrices ------------------------------------------
#
# Every part is a count over (competence, level) cells, so it is computed as a product of 0/1
# indicator matrices instead of an (A, B, C) array: memory stays at (A, B) and BLAS does the
# work (3,000 x 3,000 jobs in a fraction of a second). With ge(x, l) = [x >= l] for l = 1..4
# (0 when x has no level; a source without a level counts as 0):
#
# - climb = sum_c sum_l ge(t, l) (1 - ge(s, l)): level l counts when the target reaches it and
#   the source does not;
# - unused = sum_c sum_l ge(s, l) (1 - ge(t, l)) [t has a level];
# - the number of competences with deficit >= d is sum_c sum_v [s = v] ge(t, v + d), for
#   d = 1..4: max_jump is the number of d for which it is non-zero; blocking is its value at
#   d = blocking_deficit.
#
# Costs are then looked up in a table computed once, with the very operations of
# :func:`transition`, so that both give the same thousandths.


@dataclass(frozen=True)
class TransitionArrays:
    """The parts of every move from the rows of a source matrix to those of a target matrix.

    Each array is (sources, targets), except ``compared`` and ``required`` (per target). Same
    meaning as :class:`CostParts`; ``units`` is the cost in thousandths, ``move`` the index of
    the direction in :data:`MOVES`.
    """

    climb: np.ndarray
    max_jump: np.ndarray
    unused: np.ndarray
    blocking: np.ndarray
    compared: np.ndarray
    required: np.ndarray
    coverage: np.ndarray
    unused_share: np.ndarray
    move: np.ndarray
    similarity: np.ndarray
    declared: np.ndarray
    computed: np.ndarray
    weighted: np.ndarray
    factor: np.ndarray
    cost: np.ndarray
    units: np.ndarray
    hop_penalty: float

    def parts(self, i: int, j: int) -> CostParts:
        """The parts of the move from source row ``i`` to target row ``j``."""
        required = int(self.required[j])
        climb = int(self.climb[i, j])
        return CostParts(
            climb=climb,
            max_jump=int(self.max_jump[i, j]),
            unused=int(self.unused[i, j]),
            blocking=int(self.blocking[i, j]),
            compared=int(self.compared[j]),
            required=required,
            held=required - climb,
            coverage=float(self.coverage[i, j]),
            unused_share=float(self.unused_share[i, j]),
            move=MOVES[int(self.move[i, j])],
            similarity=float(self.similarity[i, j]),
            declared=bool(self.declared[i, j]),
            computed=bool(self.computed[i, j]),
            weighted=float(self.weighted[i, j]),
            factor=float(self.factor[i, j]),
            hop_penalty=self.hop_penalty,
            cost=float(self.cost[i, j]),
        )


def transition_arrays(
    source: np.ndarray,
    target: np.ndarray,
    declared: np.ndarray | None = None,
    config: ModelConfig = DEFAULT_MODEL,
) -> TransitionArrays:
    """:func:`transition` for every (source row, target row) pair of two level matrices.

    ``source`` is (A, C) and ``target`` (B, C): levels 1-4, NaN for "no level", the same
    competence columns; ``declared`` is a boolean (A, B) matrix (None: nothing declared).
    Meant for a few rows (one job against all); :func:`pair_units` is the lean form for a
    whole dataset.
    """
    import numpy as np

    a, b = np.shape(source)[0], np.shape(target)[0]
    decl = np.zeros((a, b), dtype=bool) if declared is None else np.asarray(declared, dtype=bool)
    core = _core(source, target, config)
    climb, unused = core.climb.astype(np.int64), core.unused.astype(np.int64)
    jump = core.max_jump.astype(np.int64)
    w = config.weights
    distance = (climb + unused).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = 1.0 - distance / ((MAX_LEVEL - 1) * core.compared[None, :].astype(float))
    similarity = np.where(core.compared[None, :] > 0, np.maximum(0.0, _rint(raw)), 0.0)
    weighted = (w.climb * climb.astype(float) + w.max_jump * jump.astype(float)
                + w.unused * unused.astype(float))
    units = core.units(decl)
    coverage, unused_share = core.shares()
    return TransitionArrays(
        climb=climb,
        max_jump=jump,
        unused=unused,
        blocking=core.blocking.astype(np.int64),
        compared=core.compared,
        required=core.required,
        coverage=coverage / _SCALE,
        unused_share=unused_share / _SCALE,
        move=move_codes(coverage, unused_share, jump, config),
        similarity=similarity,
        declared=decl,
        computed=core.computed(),
        weighted=_rint(weighted),
        factor=np.where(decl, w.declared_factor, 1.0),
        cost=units / _SCALE,
        units=units,
        hop_penalty=w.hop_penalty,
    )


@dataclass(frozen=True)
class PairUnits:
    """What the route search needs about every move between the jobs of a level matrix."""

    units: np.ndarray  # (n, n) int64: the cost in thousandths
    computed: np.ndarray  # (n, n) bool: close enough by both thresholds
    max_jump: np.ndarray  # (n, n) int8


def pair_units(
    levels: np.ndarray,
    declared: np.ndarray | None = None,
    config: ModelConfig = DEFAULT_MODEL,
    *,
    chunk: int = 512,
) -> PairUnits:
    """Cost, closeness and largest jump of every move between the rows of ``levels`` (n, C),
    computed ``chunk`` source rows at a time to bound memory."""
    import numpy as np

    n = np.shape(levels)[0]
    decl = np.zeros((n, n), dtype=bool) if declared is None else np.asarray(declared, dtype=bool)
    units = np.empty((n, n), dtype=np.int64)
    computed = np.empty((n, n), dtype=bool)
    jumps = np.empty((n, n), dtype=np.int8)
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        core = _core(levels[start:stop], levels, config, blocking=False)
        units[start:stop] = core.units(decl[start:stop])
        computed[start:stop] = core.computed()
        jumps[start:stop] = core.max_jump
    return PairUnits(units=units, computed=computed, max_jump=jumps)


def _core(source: Any, target: Any, config: ModelConfig, *, blocking: bool = True) -> _Core:
    """The parts of every move: dense arrays for ndarrays; for the sparse level matrices of
    large datasets, from the competences jobs share (:mod:`esante_cli.sparse`, same results)."""
    import numpy as np

    if not (isinstance(source, np.ndarray) and isinstance(target, np.ndarray)):
        from .sparse import SparseCore, SparseLevels

        if isinstance(source, SparseLevels) or isinstance(target, SparseLevels):
            return SparseCore(source, target, config, blocking=blocking)
    return _Core(source, target, config, blocking=blocking)


class _Core:
    """climb, unused, max_jump (and blocking) of every move, as small integer arrays."""

    def __init__(self, source: Any, target: Any, config: ModelConfig, *, blocking: bool = True):
        import numpy as np

        self.config = config
        src = np.nan_to_num(np.asarray(source, dtype=float), nan=0.0)
        tgt = np.asarray(target, dtype=float)
        has_t = ~np.isnan(tgt)
        tgt0 = np.where(has_t, tgt, 0.0)
        a, b = src.shape[0], tgt.shape[0]
        levels = np.arange(1, MAX_LEVEL + 1)
        # float32 products of 0/1 indicators are exact integers (far below 2**24).
        ge_s = (src[:, :, None] >= levels).reshape(a, -1).astype(np.float32)
        ge_t = (tgt0[:, :, None] >= levels).reshape(b, -1).astype(np.float32)
        mask_t = np.repeat(has_t, MAX_LEVEL, axis=1).astype(np.float32)
        both = ge_s @ ge_t.T
        self.climb = (ge_t.sum(axis=1)[None, :] - both).astype(np.int16)
        self.unused = (ge_s @ mask_t.T - both).astype(np.int16)
        values = np.arange(0, MAX_LEVEL + 1)
        eq_s = (src[:, :, None] == values).reshape(a, -1).astype(np.float32)
        self.max_jump = np.zeros((a, b), dtype=np.int8)
        self.blocking: Any = None
        bd = config.thresholds.blocking_deficit
        for d in range(1, MAX_LEVEL + 1):
            ge_td = ((tgt0[:, :, None] >= values + d) & has_t[:, :, None]).reshape(b, -1)
            count = eq_s @ ge_td.astype(np.float32).T
            self.max_jump += count > 0
            if blocking and d == bd:
                self.blocking = count.astype(np.int16)
        self.compared = has_t.sum(axis=1).astype(np.int64)
        self.required = tgt0.sum(axis=1).astype(np.int64)

    def shares(self) -> tuple[np.ndarray, np.ndarray]:
        """Coverage and unused share of every move, in whole thousandths."""
        import numpy as np

        held = self.required[None, :] - self.climb.astype(np.int64)
        return share_units(held, self.required[None, :]), share_units(self.unused, held + self.unused)

    def computed(self) -> np.ndarray:
        """Close enough for a computed move (see :func:`is_computed`)."""
        coverage, _ = self.shares()
        return is_computed(coverage, self.max_jump, self.required[None, :], self.config)

    def units(self, declared: np.ndarray) -> np.ndarray:
        """The cost in thousandths (see :func:`cost_units`)."""
        return cost_units(self.climb, self.max_jump, self.unused, declared, self.config)


def cost_units(climb: Any, max_jump: Any, unused: Any, declared: Any,
               config: ModelConfig) -> np.ndarray:
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


def _rint(values: np.ndarray) -> np.ndarray:
    import numpy as np

    return np.rint(values * _SCALE) / _SCALE
