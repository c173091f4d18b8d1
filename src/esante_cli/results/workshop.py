"""Results of the group workshop: the people of a group read from a CSV or a folder of
profiles, each one's report, and the group's gaps (the heatmap) and summary.

A member that cannot be read (a bad row or a bad profile file) keeps its place in the group
with its ``problem``; the others are processed. With ``anonymous``, every name is replaced by
a pseudonym ("Personne 2": the second person of the group) and nothing that names the person
(a file name, the name cell) is kept.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..costmodel import ModelConfig
from ..models import Provenance
from ..profiles import Profile
from .base import Frozen, Result
from .mobility import JobRef
from .people import JobMatch
from .visual import Report

__all__ = ["Group", "GroupMember", "HeatCell", "HeatRow", "WorkshopPerson", "WorkshopResult"]

GroupKind = Literal["csv", "folder"]


class GroupMember(Frozen):
    """One person of a group, as read: a profile, or the problem that stopped the reading."""

    index: int  # 1-based place in the group (data rows, or files sorted by name)
    source: str  # where the person comes from: 'line 3' of the CSV, or the profile's file name
    line: int | None  # the CSV line (None for a profile file)
    path: str | None  # the profile file as the group's path leads to it (None for a CSV row)
    name: str | None  # as written (None: not given)
    profile: Profile | None  # None when the row or file is bad
    problem: str | None  # one line: file, line and field, as the profile errors say it


class Group(Frozen):
    """A group of people read by :func:`~esante_cli.queries.workshop.load_group`."""

    path: str
    kind: GroupKind
    members: list[GroupMember]  # in the group's order
    # a CSV's columns that name nothing the workshop reads (as written), and its header line
    ignored_columns: list[str] = Field(default_factory=list)
    header_line: int | None = None


class WorkshopPerson(Frozen):
    """One person's outcome: their report and ranking, or their problem."""

    index: int
    name: str  # as shown: the name, the pseudonym with --anonymous, or "Ligne 3" / the file stem
    source: str  # where the person comes from ('' for a profile file with --anonymous)
    slug: str  # file names of the person's outputs start with it (unique in the group)
    report: Report | None  # None when the person could not be read
    best_match: JobMatch | None  # the closest job that is not the current one
    current_job: JobRef | None
    current_job_text: str | None = None  # the current job as written, when it names no job
    unassessed: list[str]
    problem: str | None


class HeatCell(Frozen):
    """One competence of one person against their target job."""

    level: int | None  # the person's (None: not assessed, counted 0)
    required: int | None  # the target's (None: the job does not level it)
    delta: int | None  # required - level (level counted 0); None when not required
    required_provenance: Provenance | None


class HeatRow(Frozen):
    """One competence across the group (the people who could be read, in the group's order)."""

    id: str
    label: str
    cells: list[HeatCell]
    to_train: int  # people with a gap (delta > 0) on it
    blocking: int  # people with a blocking gap on it


class WorkshopResult(Result):
    """A group's reports, gaps and summary.

    ``target`` is the job every report aims at (``--target``), or None when each person's
    report aims at their best match. ``heatmap`` has one row per levelled competence
    (catalogue order) and one cell per person who could be read (``columns``: their indexes).
    """

    group: str
    kind: GroupKind
    target: JobRef | None
    anonymous: bool
    people: list[WorkshopPerson]  # every member, in the group's order
    columns: list[int]  # indexes of the people in the heatmap
    heatmap: list[HeatRow]
    problems: list[str]  # one line each, in the group's order
    uses_estimates: bool
    model: ModelConfig
