"""Queries on the cards: list the jobs, show a card, list and show competences."""

from __future__ import annotations

import os
from collections.abc import Set as AbstractSet

from ..dataset import Dataset, read_dataset_info, resolve_data_dir, validate_dataset
from ..models import Job, family_of
from ..names import resolve_competence, resolve_job
from ..results.base import LIST_ALL_UP_TO
from ..results.card import (
    CompetenceDetail,
    CompetenceList,
    CompetenceRow,
    JobCard,
    JobInfo,
    JobLevel,
    JobList,
    JobRow,
    LevelEntry,
    NeighbourLink,
    Section,
    ValidationReport,
)


def _counts(levelled: AbstractSet[str], job: Job) -> tuple[int, int]:
    """The job's levels from the card and the others (on the ``levelled`` competences)."""
    entries = [c for c in job.competences if c.id in levelled and c.expected_level is not None]
    card = sum(1 for c in entries if c.provenance == "card")
    return card, len(entries) - card


def list_jobs(dataset: Dataset, family: str | None = None) -> JobList:
    """Every job (sorted by id), optionally only those of a family (case and accents ignored)."""
    from ..names import fold

    rows = []
    levelled = {c.id for c in dataset.levelled_competences}  # once: 13,900 at the ESCO size
    for job in dataset.jobs:
        fam = job.family.value if job.family else None
        if family is not None and (fam is None or fold(family) not in fold(fam)):
            continue
        card, estimated = _counts(levelled, job)
        rows.append(
            JobRow(
                id=job.id, title=job.title, family=fam, card_levels=card, estimated_levels=estimated
            )
        )
    return JobList(data_version=dataset.version, jobs=rows)


def level_entries(dataset: Dataset, job: Job) -> list[LevelEntry]:
    """The job's level on every competence of the catalogue, in catalogue order; on a large
    catalogue (more than ``LIST_ALL_UP_TO``: an ESCO import), only the ones the job lists."""
    entries = []
    listed = {jc.id for jc in job.competences}
    whole = len(dataset.competences) <= LIST_ALL_UP_TO
    for comp in dataset.competences:
        if not whole and comp.id not in listed:
            continue
        jc = job.level(comp.id)
        entries.append(
            LevelEntry(
                id=comp.id,
                label=comp.label,
                expected_level=jc.expected_level if jc else None,
                levels=list(comp.levels),
                provenance=jc.provenance if jc else None,
                source=jc.source if jc else None,
                reason=jc.reason if jc else None,
                example=jc.example if jc else None,
            )
        )
    return entries


def declared_links(dataset: Dataset, job_id: str) -> list[NeighbourLink]:
    """The declared moves into and out of a job, seen from that job."""
    links = []
    for mob in dataset.mobilities:
        if job_id not in (mob.source_job, mob.target_job):
            continue
        into = mob.target_job == job_id
        other = mob.source_job if into else mob.target_job
        links.append(
            NeighbourLink(
                id=other,
                title=dataset.job(other).title,
                family=family_of(dataset.job(other)),
                direction="provenance" if into else "evolution",
                ring=mob.ring,
                sector=mob.sector,
                declared_by=mob.declared_by,
                provenance=mob.provenance,
                reason=mob.reason,
            )
        )
    return sorted(links, key=lambda n: (n.direction != "provenance", n.id))


def job_card(dataset: Dataset, name: str, section: Section | None = None) -> JobCard:
    """The whole card of a job (or what is known of it), by any of its names."""
    job = dataset.job(resolve_job(dataset, name))
    return JobCard(
        data_version=dataset.version,
        job=JobInfo(
            id=job.id,
            title=job.title,
            source=job.source,
            family=job.family,
            other_titles=job.other_titles,
            summary=job.summary,
            codes=list(job.codes),
        ),
        card=job.card,
        competences=level_entries(dataset, job),
        neighbours=declared_links(dataset, job.id),
        section=section,
    )


def competence_catalogue(dataset: Dataset) -> CompetenceList:
    rows = []
    for comp in dataset.competences:
        count = sum(
            1
            for job in dataset.jobs
            if (jc := job.level(comp.id)) is not None and jc.expected_level is not None
        )
        rows.append(
            CompetenceRow(
                id=comp.id, label=comp.label, levels=list(comp.levels), jobs_with_level=count
            )
        )
    return CompetenceList(data_version=dataset.version, competences=rows)


def competence_detail(dataset: Dataset, name: str) -> CompetenceDetail:
    """One competence's four levels and which job expects which level (highest first)."""
    comp = dataset.competence(resolve_competence(dataset, name))
    jobs = []
    for job in dataset.jobs:
        jc = job.level(comp.id)
        if jc is None:
            continue
        jobs.append(
            JobLevel(
                id=job.id,
                title=job.title,
                family=family_of(job),
                expected_level=jc.expected_level,
                provenance=jc.provenance,
                reason=jc.reason,
            )
        )
    jobs.sort(key=lambda j: (-(j.expected_level or 0), j.id))
    return CompetenceDetail(
        data_version=dataset.version,
        id=comp.id,
        label=comp.label,
        levels=list(comp.levels),
        jobs=jobs,
    )


def validation_report(path: str | os.PathLike[str] | None = None) -> ValidationReport:
    folder = resolve_data_dir(path)
    problems = validate_dataset(folder)
    version = str(read_dataset_info(folder).get("version") or "unknown")
    return ValidationReport(data_version=version, path=str(folder), problems=problems)


def data_schema() -> dict[str, object]:
    """The JSON Schemas of ``metier.json`` and ``mobilites.json``."""
    from ..models import MetierFile, MobilitesFile

    return {
        "metier.json": MetierFile.model_json_schema(by_alias=True),
        "mobilites.json": MobilitesFile.model_json_schema(by_alias=True),
    }
