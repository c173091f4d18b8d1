"""Pydantic models of the data files (``metier.json`` and ``mobilites.json``).

Every value that does not come from the OPIIEC card carries its provenance: ``card`` (the
seed card), ``found`` (seen on a named public page), ``third-party`` (stated by another public
source), ``inferred`` (deduced, e.g. from the chart's layout), ``guess`` and ``estimate`` (the
dataset authors' judgement, always with a one-line reason), ``user`` (brought by a user).
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .language import _

SCHEMA_VERSION: Final = 1

Provenance = Literal["card", "found", "third-party", "inferred", "guess", "estimate", "user"]
CodeStatus = Literal["found", "third-party", "guess"]
Level = Annotated[int, Field(ge=1, le=4, strict=True)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, Field(min_length=1)]

NEEDS_REASON = frozenset({"inferred", "guess", "estimate"})
NEEDS_SOURCE = frozenset({"found", "third-party"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def sourcing_problem(provenance: str, source: str | None, reason: str | None) -> str | None:
    """What a provenance lacks: a one-line reason (``estimate``, ``guess``, ``inferred``), a
    source (``found``, ``third-party``); None when nothing is missing."""
    if provenance in NEEDS_REASON and not (reason or "").strip():
        message = _("la provenance « {provenance} » demande une « reason » d'une ligne")
        return message.format(provenance=provenance)
    if provenance in NEEDS_SOURCE and not (source or "").strip():
        message = _("la provenance « {provenance} » demande une « source »")
        return message.format(provenance=provenance)
    if reason is not None and "\n" in reason:
        return _("« reason » doit tenir sur une ligne")
    return None


class Sourced(_Model):
    """Where a value comes from."""

    provenance: Provenance
    source: str | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _explained(self) -> Sourced:
        problem = sourcing_problem(self.provenance, self.source, self.reason)
        if problem is not None:
            raise ValueError(problem)
        return self

    @property
    def is_card(self) -> bool:
        return self.provenance == "card"


class SourcedText(Sourced):
    value: Text


class OtherTitles(Sourced):
    fr: list[Text] = []
    en: list[Text] = []


class Code(_Model):
    """A crosswalk code (ROME 4.0, ESCO), how sure it is and, for ESCO, the release read."""

    system: Literal["ROME 4.0", "ESCO"]
    code: str | None = None
    label: str | None = None
    uri: str | None = None
    status: CodeStatus
    source: str | None = None
    # ESCO codes can change between releases, so an ESCO code is kept with the release it was
    # read in (e.g. "v1.1.1"); ROME carries its version in ``system``.
    version: str | None = None

    @model_validator(mode="after")
    def _something(self) -> Code:
        if not (self.code or self.label or self.uri):
            raise ValueError(_("un code demande au moins l'un de « code », « label », « uri »"))
        return self


class Competence(_Model):
    """A macro-competence of the shared catalogue: four cumulative level descriptors, or none."""

    id: Slug
    label: Text
    levels: list[Text] = []

    @field_validator("levels")
    @classmethod
    def _four_or_none(cls, levels: list[str]) -> list[str]:
        if len(levels) not in (0, 4):
            message = _("doit contenir 4 descripteurs de niveau ou aucun, reçu {n}")
            raise ValueError(message.format(n=len(levels)))
        return levels

    @property
    def levelled(self) -> bool:
        return bool(self.levels)


class Topics(Sourced):
    """Topics a source names that bear on one competence of a job (e.g. the card's
    "interopérabilité"), each word for word as the source writes it."""

    terms: list[Text] = Field(min_length=1)


class JobCompetence(Sourced):
    """A job's expected level on one competence of the catalogue (null: the source gives none),
    with the card's concrete example and the topics it names for it, when known."""

    # Its provenance's needs (sourcing_problem) are checked by the dataset's loader, in its
    # pass over every entry (dataset._check_metier), not by a validator per entry: a Python
    # call for each of 130,000 entries costs 0.1 s of every command at the ESCO size.
    def _explained(self) -> JobCompetence:  # type: ignore[override]
        return self

    id: Slug
    expected_level: Level | None = None
    example: str | None = None
    topics: Topics | None = None


class Paragraphs(_Model):
    id: Slug | None = None
    label: Text
    paragraphs: list[Text] = Field(min_length=1)


class Mission(_Model):
    title: Text
    paragraphs: list[Text] = Field(min_length=1)


class Relations(_Model):
    internal: list[Text] = []
    external: list[Text] = []


class Certifications(_Model):
    items: list[Text] = []
    note: str | None = None


class Card(_Model):
    """The full text of an OPIIEC card, for the jobs whose card we have."""

    url: str
    purpose: Text
    missions: list[Mission]
    context: list[Paragraphs]
    organisational_contexts: list[Paragraphs]
    working_conditions: list[Paragraphs]
    relations: Relations
    certifications: Certifications
    sectors: list[Text] = []
    mobility_note: str | None = None
    editorial_notes: list[str] = []


class Job(_Model):
    id: Slug
    title: Text
    source: Sourced
    family: SourcedText | None = None
    other_titles: OtherTitles | None = None
    summary: SourcedText | None = None
    codes: list[Code] = []
    competences: list[JobCompetence] = []
    card: Card | None = None

    @field_validator("competences")
    @classmethod
    def _unique_competences(cls, comps: list[JobCompetence]) -> list[JobCompetence]:
        if len({c.id for c in comps}) == len(comps):  # the common case, in one pass
            return comps
        seen: set[str] = set()
        for c in comps:
            if c.id in seen:
                raise ValueError(_("la compétence « {id} » est listée deux fois").format(id=c.id))
            seen.add(c.id)
        return comps

    def level(self, competence_id: str) -> JobCompetence | None:
        for c in self.competences:
            if c.id == competence_id:
                return c
        return None


def family_of(job: Job) -> str | None:
    """The family every job of a JSON answer carries (an imported job: "ISCO-08 2511")."""
    return job.family.value if job.family else None


class DatasetInfo(_Model):
    version: Text
    date: Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    title: str | None = None
    notes: list[str] = []


class MetierFile(_Model):
    """``metier.json``: the dataset's version, the competence catalogue and the jobs."""

    schema_version: Literal[1] = SCHEMA_VERSION
    dataset: DatasetInfo
    competences: list[Competence] = Field(min_length=1)
    jobs: list[Job] = Field(min_length=1)


Ring = Literal["forte", "moyenne", "lointaine", "autre"]


class Mobility(Sourced):
    """A move the card declares: ``provenance`` (from a neighbour to the card's job) or
    ``evolution`` (from the card's job to a neighbour)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    source_job: Slug = Field(alias="from")
    target_job: Slug = Field(alias="to")
    declared_by: Slug
    direction: Literal["provenance", "evolution"]
    ring: Ring | None = None
    sector: str | None = None

    @model_validator(mode="after")
    def _direction_matches(self) -> Mobility:
        if self.source_job == self.target_job:
            message = _("un métier ne peut pas pointer vers lui-même (« {id} »)")
            raise ValueError(message.format(id=self.source_job))
        end = self.target_job if self.direction == "provenance" else self.source_job
        if end != self.declared_by:
            side = "to" if self.direction == "provenance" else "from"
            message = _(
                "la direction « {direction} » demande que « {side} » soit le métier déclarant « {job} »"
            )
            raise ValueError(
                message.format(direction=self.direction, side=side, job=self.declared_by)
            )
        return self


class MobilitesFile(_Model):
    """``mobilites.json``: the moves the cards declare."""

    schema_version: Literal[1] = SCHEMA_VERSION
    mobilities: list[Mobility] = []
