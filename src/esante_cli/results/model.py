"""Results of the model commands: the calibration of the bands on reference moves, and the
validation table (``esante model calibrate``, ``esante model check``)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..costmodel import Band, ModelConfig, Move
from ..models import Provenance
from .base import Frozen, Result

ReferenceKind = Literal["provenance", "evolution", "same-group"]


class ReferenceMove(Frozen):
    """A move known to happen: declared by the card, or between two jobs of one ISCO group."""

    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    kind: ReferenceKind
    coverage: float
    unused_share: float
    band: Band  # under the calibrated model
    move: Move
    cost: float
    provenance: Provenance  # the weakest provenance of the levels the coverage uses


class Calibration(Result):
    """The bands computed from the reference moves, as Nesta did: ``accessible`` is their mean
    coverage minus one standard deviation (about five in six of them reach it), ``proche``
    their mean. ``model`` is the calibrated model (the other settings are kept)."""

    references: str  # what the reference moves are
    moves: list[ReferenceMove]  # sorted by kind, then closest first
    count: int
    mean: float
    sd: float  # sample standard deviation (n - 1)
    proche: float
    accessible: float
    in_closer_bands: int  # reference moves in 'proche' or 'accessible'
    titles: dict[str, str]  # id -> title of every job of a reference move
    model: ModelConfig


class CheckedMove(Frozen):
    """One reference move in the validation table."""

    source: str = Field(serialization_alias="from")
    target: str = Field(serialization_alias="to")
    kind: ReferenceKind
    coverage: float
    band: Band
    move: Move
    rank: int  # of the target in the source's recommendations (every job, downgrades last)
    of: int  # how many jobs those recommendations rank
    stability: float | None  # share of the draws in which the target keeps that rank or better
    band_left_out: Band  # with the bands calibrated on the other references only


class StabilityFigures(Frozen):
    """How much the recommendations rest on our estimates."""

    estimated_levels: int  # levels marked estimate or guess (the draws move them)
    levels: int  # every level of the dataset
    draws: int
    seed: int
    share: float  # chance that an estimate moves, per draw
    top3_kept: float | None  # share of (job, draw) pairs whose top-3 set is unchanged
    single_changes: int  # one estimate moved by one level, every way possible
    single_changes_top3: float | None  # share of them that change some job's top-3 set


class ModelCheck(Result):
    """The validation table of the model on a dataset: where each reference move lands, what
    rank its target has among the source's recommendations, and how stable the answers are."""

    references: str
    moves: list[CheckedMove]  # sorted by kind, then closest first
    by_kind: dict[str, list[int]]  # kind -> [in the two closer bands, count]
    left_out_closer: int  # references in the closer bands when left out of the calibration
    stability: StabilityFigures
    titles: dict[str, str]  # id -> title of every job of a reference move
    model: ModelConfig
