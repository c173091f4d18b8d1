"""Results of the card queries: job list, job card, competence catalogue, one competence."""

from __future__ import annotations

from typing import Literal

from ..choices import CardSection
from ..models import Card, Code, OtherTitles, Provenance, Sourced, SourcedText
from .base import Frozen, Result

Section = CardSection  # the part of a card shown (the name the card queries use)


class JobRow(Frozen):
    id: str
    title: str
    family: str | None
    card_levels: int  # levels taken from the OPIIEC card
    estimated_levels: int  # levels that are estimates (or otherwise not from the card)


class JobList(Result):
    jobs: list[JobRow]


class LevelEntry(Frozen):
    """A job's expected level on one competence, with the competence's ladder."""

    id: str
    label: str
    expected_level: int | None
    levels: list[str]
    provenance: Provenance | None  # None: the dataset says nothing for this job
    source: str | None = None
    reason: str | None = None
    example: str | None = None


class NeighbourLink(Frozen):
    """A declared move that touches the job."""

    id: str
    title: str
    family: str | None = None  # the job's family (an imported job: its ISCO-08 group)
    direction: Literal["provenance", "evolution"]  # seen from the shown job
    ring: str | None
    sector: str | None
    declared_by: str
    provenance: Provenance
    reason: str | None


class JobInfo(Frozen):
    id: str
    title: str
    source: Sourced
    family: SourcedText | None
    other_titles: OtherTitles | None
    summary: SourcedText | None
    codes: list[Code]


class JobCard(Result):
    job: JobInfo
    card: Card | None
    competences: list[LevelEntry]
    neighbours: list[NeighbourLink]
    section: Section | None = None


class CompetenceRow(Frozen):
    id: str
    label: str
    levels: list[str]
    jobs_with_level: int


class CompetenceList(Result):
    competences: list[CompetenceRow]


class JobLevel(Frozen):
    id: str
    title: str
    family: str | None = None  # the job's family (an imported job: its ISCO-08 group)
    expected_level: int | None
    provenance: Provenance
    reason: str | None = None


class CompetenceDetail(Result):
    id: str
    label: str
    levels: list[str]
    jobs: list[JobLevel]


class ValidationReport(Result):
    path: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems
