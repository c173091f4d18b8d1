"""Sections of the card results: job list, job card, competence catalogue, one competence,
validation report."""

from __future__ import annotations

from typing import Any

from ..i18n import Lang, t, tn
from ..language import colon, semicolon
from ..models import Card
from ..results.card import (
    CompetenceDetail,
    CompetenceList,
    JobCard,
    JobInfo,
    JobList,
    LevelEntry,
    NeighbourLink,
    ValidationReport,
)
from .about import fitting
from .sections import MARKS, Section, cols, footnotes, mark, provenance, to_sections


@to_sections.register
def _(result: JobList, lang: Lang, human: bool, **_: Any) -> list[Section]:
    keys, columns = cols(lang, "id", "title", "family", "card_levels", "estimated_levels")
    rows = [
        [
            j.id,
            j.title,
            j.family if j.family or not human else "—",
            j.card_levels,
            j.estimated_levels,
        ]
        for j in result.jobs
    ]
    notes = (
        [fitting("mark_estimate", lang)]
        if human and any(j.estimated_levels for j in result.jobs)
        else []
    )
    if human and not rows:  # a family that names no job: say so, not a bare title
        notes.append(t("no_job_listed", lang))
    return [Section("jobs", t("jobs", lang), keys, columns, rows, notes, primary=True)]


@to_sections.register
def _(result: CompetenceList, lang: Lang, human: bool, **_: Any) -> list[Section]:
    keys = ["id", "label", "level_1", "level_2", "level_3", "level_4", "jobs_with_level"]
    columns = [t("id", lang), t("competence", lang), "1", "2", "3", "4", t("jobs_with_level", lang)]
    rows = []
    for c in result.competences:
        levels: list[str | None] = [*(c.levels or [])] or [None] * 4
        rows.append([c.id, c.label, *[mark(x, "card", human) for x in levels], c.jobs_with_level])
    return [Section("competences", t("competences", lang), keys, columns, rows, primary=True)]


@to_sections.register
def _(result: CompetenceDetail, lang: Lang, human: bool, **_: Any) -> list[Section]:
    ladder = Section(
        "levels",
        f"{result.label} ({result.id})",
        ["level", "descriptor"],
        [t("level", lang), t("label", lang)],
        [[i, d] for i, d in enumerate(result.levels, 1)],
    )
    if not result.levels:
        ladder.notes.append(t("mark_null", lang))
    keys, columns = cols(lang, "id", "title", "expected", "provenance", "reason")
    keys[2] = "expected_level"
    rows = [
        [j.id, j.title, mark(j.expected_level, j.provenance, human), j.provenance, j.reason or ""]
        for j in result.jobs
    ]
    if human:  # the mark and its footnote say it; the column would crowd the reasons out
        del keys[3], columns[3]
        rows = [r[:3] + r[4:] for r in rows]
    provs = {j.provenance for j in result.jobs}
    jobs = Section(
        "jobs",
        t("jobs", lang),
        keys,
        columns,
        rows,
        footnotes(provs, lang) if human else [],
        primary=True,
    )
    return [ladder, jobs]


@to_sections.register
def _(result: ValidationReport, lang: Lang, human: bool, **_: Any) -> list[Section]:
    title = t("valid", lang) if result.ok else tn("invalid", len(result.problems), lang)
    return [
        Section(
            "problems",
            f"{title}{colon(lang)}{result.path}",
            ["problem"],
            [t("problems", lang)],
            [[p] for p in result.problems],
            primary=True,
        )
    ]


# -- the job card ------------------------------------------------------------------------------


def card_sections(result: JobCard, lang: Lang, human: bool, **_: Any) -> list[Section]:
    """The job card, one section a part, in the card's order; only the part ``result.section``
    names when one was asked for. The context, relations and certifications are parts of a full
    OPIIEC card: a job without one has none."""
    job, card = result.job, result.card
    out = [_header(job, lang, human), _codes(job, lang, human), _missions(job, card, lang, human)]
    if card:
        out += [_context(card, lang), _relations(card, lang, human)]
    out.append(_competences(result.competences, lang, human))
    if card:
        out.append(_certifications(card, lang))
    out.append(_neighbours(result.neighbours, card, lang, human))
    if card and card.editorial_notes and human:
        out.append(
            Section("notes", t("notes", lang), ["note"], [""], [[n] for n in card.editorial_notes])
        )
    return _pick(out, result.section, lang) if result.section else out


def _header(job: JobInfo, lang: Lang, human: bool) -> Section:
    """Id, family, other titles and source, each with its provenance."""
    header = Section(
        "header",
        job.title,
        ["field", "value", "provenance"],
        [t("label", lang), "", t("provenance", lang)],
    )
    header.rows.append([t("id", lang), job.id, ""])
    if job.family:
        header.rows.append(
            [
                t("family", lang),
                mark(job.family.value, job.family.provenance, human),
                provenance(job.family.provenance, lang, human),
            ]
        )
    else:
        header.rows.append([t("family", lang), t("unknown", lang), ""])
    if job.other_titles:
        prov = provenance(job.other_titles.provenance, lang, human)
        sep = semicolon(lang) if human else "; "  # CSV: as it always was
        header.rows.append([t("other_titles_fr", lang), sep.join(job.other_titles.fr), prov])
        header.rows.append([t("other_titles_en", lang), sep.join(job.other_titles.en), prov])
    header.rows.append(
        [t("source", lang), job.source.source or "", provenance(job.source.provenance, lang, human)]
    )
    return header


def _codes(job: JobInfo, lang: Lang, human: bool) -> Section:
    """The job's codes in other classifications (ROME, ESCO...)."""
    codes = Section(
        "codes",
        t("codes", lang),
        ["system", "code", "label", "uri", "status", "source"],
        [
            t("system", lang),
            t("code", lang),
            t("label", lang),
            "URI",
            t("status", lang),
            t("source", lang),
        ],
    )
    for c in job.codes:
        system = f"{c.system} {c.version}" if c.version else c.system
        codes.rows.append(
            [
                system,
                c.code or "",
                c.label or "",
                c.uri or "",
                provenance(c.status, lang, human),
                c.source or "",
            ]
        )
    return codes


def _missions(job: JobInfo, card: Card | None, lang: Lang, human: bool) -> Section:
    """The card's purpose and missions; without a card, the dataset's summary of the job (or a
    word saying there is none)."""
    missions = Section("missions", t("missions", lang), ["heading", "text"], ["", ""], prose=True)
    if card:
        missions.rows.append([t("purpose", lang), card.purpose])
        for m in card.missions:
            missions.rows.append([m.title, "\n\n".join(m.paragraphs)])
    elif job.summary:
        missions.title = t("summary", lang)
        missions.rows.append(["", mark(job.summary.value, job.summary.provenance, human)])
        missions.notes.append(f"{t('source', lang)}: {job.summary.source}")
    else:
        missions.rows.append(["", t("no_card", lang)])
    return missions


def _context(card: Card, lang: Lang) -> Section:
    """The card's context paragraphs, organisational contexts and working conditions."""
    context = Section("context", t("context", lang), ["heading", "text"], ["", ""], prose=True)
    for p in card.context:
        context.rows.append([p.label, "\n\n".join(p.paragraphs)])
    for p in card.organisational_contexts:
        context.rows.append(
            [t("org_contexts", lang) + colon(lang) + p.label, "\n\n".join(p.paragraphs)]
        )
    for p in card.working_conditions:
        context.rows.append(
            [t("conditions", lang) + colon(lang) + p.label, "\n\n".join(p.paragraphs)]
        )
    return context


def _relations(card: Card, lang: Lang, human: bool) -> Section:
    """Who the job works with, inside the organisation and outside."""
    relations = Section(
        "relations", t("relations", lang), ["kind", "name"], ["Type", t("label", lang)]
    )
    relations.rows += [
        ["internal" if not human else t("internal", lang), r] for r in card.relations.internal
    ]
    relations.rows += [
        ["external" if not human else t("external", lang), r] for r in card.relations.external
    ]
    return relations


def _competences(entries: list[LevelEntry], lang: Lang, human: bool) -> Section:
    """The level the job expects on each competence, why, and the four levels' descriptors (the
    section CSV writes)."""
    comp = Section(
        "competences",
        t("competences", lang),
        [
            "id",
            "label",
            "expected_level",
            "provenance",
            "reason",
            "example",
            "level_1",
            "level_2",
            "level_3",
            "level_4",
        ],
        [
            t("id", lang),
            t("competence", lang),
            t("expected", lang),
            t("provenance", lang),
            t("reason", lang),
            t("example", lang),
            "1",
            "2",
            "3",
            "4",
        ],
        primary=True,
    )
    for e in entries:
        levels = e.levels or [""] * 4
        comp.rows.append(
            [
                e.id,
                e.label,
                mark(e.expected_level, e.provenance, human),
                provenance(e.provenance, lang, human),
                e.reason or "",
                e.example or "",
                *levels,
            ]
        )
    if human:
        comp.notes = footnotes(
            {e.provenance for e in entries},
            lang,
            null=any(e.expected_level is None for e in entries),
        )
    return comp


def _certifications(card: Card, lang: Lang) -> Section:
    """The certifications the card lists (or its note when it lists none), and its sectors."""
    certs = Section(
        "certifications",
        t("certifications", lang),
        ["certification"],
        [t("certifications", lang)],
        [[c] for c in card.certifications.items],
    )
    if not card.certifications.items:
        certs.rows.append([f"{card.certifications.note or ''} ({t('none_listed', lang)})"])
    if card.sectors:
        certs.notes.append(t("sectors", lang) + colon(lang) + ", ".join(card.sectors))
    return certs


def _neighbours(links: list[NeighbourLink], card: Card | None, lang: Lang, human: bool) -> Section:
    """The jobs the card says lead here (provenance) or from here (evolution), with the card's
    ring; in human views the reasons, one per side, and the card's caveat go to the notes."""
    keys, columns = cols(lang, "id", "title", "direction", "ring", "sector", "provenance", "reason")
    if human:  # the reason is the same for a whole side: it goes to the notes
        keys, columns = keys[:5], columns[:5]
    neigh = Section("neighbours", t("neighbours", lang), keys, columns)
    for n in links:
        direction = t(f"{n.direction}_dir", lang) if human else n.direction
        row = [
            n.id,
            mark(n.title, n.provenance, human),
            direction,
            n.ring or (t("unknown", lang) if human else ""),
            n.sector or "",
        ]
        neigh.rows.append(row if human else [*row, n.provenance, n.reason or ""])
    if human:
        # a mark explained by the links' own reasons gets them, not the general footnote too
        explained = {n.provenance for n in links if n.reason}
        unexplained = {n.provenance for n in links if not n.reason}
        neigh.notes = footnotes(unexplained | (explained - set(MARKS)), lang)
        for prov, reason in sorted({(n.provenance, n.reason) for n in links if n.reason}):
            neigh.notes.append(f"{MARKS.get(prov, '')} {reason}".strip())
        if card and card.mobility_note:
            neigh.notes.append(f"{t('mobility_note', lang)} « {card.mobility_note} »")
    return neigh


def _pick(out: list[Section], section: str, lang: Lang) -> list[Section]:
    """The sections of the part ``show --section`` asks for (``header`` includes the codes);
    a part only full cards have gets a section that says it is missing."""
    wanted = {"header": {"header", "codes"}, "context": {"context"}}.get(section, {section})
    picked = [s for s in out if s.key in wanted]
    if not picked:  # a part only full cards have: say so rather than print nothing
        picked = [Section(section, t(section, lang), ["note"], [""], notes=[t("no_section", lang)])]
    if not any(s.primary for s in picked):
        picked[0].primary = True
    return picked


to_sections.register(JobCard, card_sections)
