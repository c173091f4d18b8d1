"""Sections of the people results: match, routes from a person, what-if, leverage."""

from __future__ import annotations

from typing import Any

from ..i18n import Lang, some, t, tn
from ..language import colon, semicolon
from ..results.base import LARGE_LIST, LIST_ALL_UP_TO
from ..results.people import (
    PROFILE_NODE,
    LeverageResult,
    MatchResult,
    PersonResult,
    ProfilePathsResult,
    WhatIfResult,
    WhatIfRow,
)
from .about import fitting
from .mobility import (
    PART_KEYS,
    STABILITY_KEYS,
    explain_cost,
    interval_cells,
    part_cells,
    route_sections,
)
from .sections import (
    Section,
    drop_columns,
    footnotes,
    mark,
    num,
    pct,
    ranked_pcts,
    stability_cell,
    stability_notes,
    to_sections,
)


def _who(anonymous: bool, name: str, lang: Lang) -> str:
    return t("anonymous_person", lang) if anonymous else name


def _level(value: int | None) -> str:
    return "—" if value is None else str(value)


def _person_notes(result: PersonResult, lang: Lang, labels: dict[str, str]) -> list[str]:
    """What every human view about a person says under its main table."""
    notes = [fitting("person_levels_note", lang)]
    if result.current_job_text is not None:  # a known current job is marked in the table
        text = t("current_job_text", lang).format(text=result.current_job_text)
        notes.append(t("person_current_job", lang).format(job=text))
    if result.unassessed:
        shown = some([labels.get(c, c) for c in result.unassessed], lang)
        notes.append(tn("w_unassessed", len(result.unassessed), lang).format(ids=shown))
    if result.flat:
        level = next((lv.level for lv in result.levels if lv.level is not None), 0)
        notes.append(t("w_flat", lang).format(level=level))
    if result.anonymous:
        notes.append(t("anonymous_note", lang))
    return notes


def _labels(result: PersonResult) -> dict[str, str]:
    return {lv.id: lv.label for lv in result.levels}


# -- match -------------------------------------------------------------------------------------


@to_sections.register
def _(
    result: MatchResult, lang: Lang, human: bool, explain: bool = False, **_: Any
) -> list[Section]:
    who = _who(result.anonymous, result.profile.name, lang)
    bd = result.model.thresholds.blocking_deficit
    if human:
        keys = [
            "rank",
            "title",
            "coverage",
            "band",
            "move",
            "cost",
            "stability",
            "levels_to_climb",
            "blocking_competences",
        ]
        columns = [
            "#",
            t("title", lang),
            t("coverage", lang),
            t("band", lang),
            t("move_col", lang),
            t("cost", lang),
            t("stability", lang),
            t("levels_to_climb", lang),
            t("blocking_list", lang).format(n=bd),
        ]
    else:
        keys = [
            "rank",
            "id",
            "title",
            "current",
            "coverage",
            "band",
            "move",
            "cost",
            *STABILITY_KEYS,
            "reachable",
            "levels_to_climb",
            "blocking_competences",
            "strengths",
            "gaps",
            *PART_KEYS,
            "provenance",
        ]
        columns = list(keys)
    sec = Section("matches", t("match_title", lang).format(name=who), keys, columns, primary=True)
    provs: set[str | None] = set()
    labels = _labels(result)
    fragile = result.model.uncertainty.fragile
    held = ranked_pcts([m.coverage for m in result.matches], lang)
    for m, share in zip(result.matches, held):
        provs.add(m.provenance)
        if human:
            title = f"{m.title} {t('match_current', lang)}" if m.current else m.title
            cost = str(mark(num(m.cost), m.provenance, True))
            if explain:
                cost = f"{cost}\n{explain_cost(m.parts, result.model.weights, lang)}"
            sec.rows.append(
                [
                    m.rank,
                    title,
                    mark(share, m.provenance, True),
                    t(f"band_{m.band}", lang),
                    t(f"move_{m.move}", lang),
                    cost,
                    stability_cell(m.stability, m.cost_interval, fragile),
                    m.levels_to_climb,
                    # labels wrap at word boundaries in a narrow column; ids would be cut mid-word
                    "\n".join(f"{labels.get(g.id, g.id)} +{g.delta}" for g in m.blocking) or "—",
                ]
            )
        else:
            gaps = "; ".join(
                f"{g.id}:{g.level if g.level is not None else ''}->{g.required}" for g in m.gaps
            )
            sec.rows.append(
                [
                    m.rank,
                    m.id,
                    m.title,
                    m.current,
                    m.coverage,
                    m.band,
                    m.move,
                    m.cost,
                    *interval_cells(m.stability, m.cost_interval),
                    m.reachable,
                    m.levels_to_climb,
                    ";".join(g.id for g in m.blocking),
                    ";".join(g.id for g in m.strengths),
                    gaps,
                    *part_cells(m.parts),
                    m.provenance,
                ]
            )
    if human:
        if result.matches and all(m.stability is None for m in result.matches):
            drop_columns(sec, "stability")
        sec.notes.append(fitting("match_note", lang))
        if result.left_out:
            sec.notes.append(tn("left_out", result.left_out, lang))
        if result.hidden_downgrades:
            sec.notes.append(tn("hidden_downgrades_person", result.hidden_downgrades, lang))
        if explain:
            sec.notes.append(t("explain_legend", lang))
        sec.notes += stability_notes(
            [m.stability for m in result.matches], result.model, result.draws, result.seed, lang
        )
        sec.notes += _person_notes(result, lang, _labels(result))
        sec.notes += footnotes(provs, lang)
    return [sec]


# -- routes from a person --------------------------------------------------------------------


@to_sections.register
def _(result: ProfilePathsResult, lang: Lang, human: bool, **opts: Any) -> list[Section]:
    # The same view as the routes between jobs: the person stands as the start.
    name = _who(result.anonymous, result.source.name, lang)
    titles = {**result.titles, PROFILE_NODE: name}
    sections = route_sections(result, lang, human, bool(opts.get("explain")), titles=titles)
    if human:
        notes = [fitting("person_levels_note", lang)]
        if result.unassessed:
            notes.append(
                tn("w_unassessed", len(result.unassessed), lang).format(
                    ids=some(result.unassessed, lang)
                )
            )
        if result.anonymous:
            notes.append(t("anonymous_note", lang))
        sections[-1].notes += notes
    return sections


# -- what if -----------------------------------------------------------------------------------


def _arrow(before: Any, after: Any) -> str:
    return str(after) if before == after else f"{before} → {after}"


@to_sections.register
def _(result: WhatIfResult, lang: Lang, human: bool, **_: Any) -> list[Section]:
    who = _who(result.anonymous, result.profile.name, lang)
    raises = ", ".join(f"{r.label} {_level(r.before)} → {r.after}" for r in result.raises)
    keys, columns = _whatif_columns(lang, human)
    sec = Section(
        "whatif",
        t("whatif_title", lang).format(name=who, raises=raises),
        keys,
        columns,
        primary=True,
    )
    for r in result.jobs:
        sec.rows.append(_whatif_row(r, result.target, lang) if human else _whatif_cells(r))
    if human:
        sec.notes += _whatif_notes(result, lang)
        sec.notes += _person_notes(result, lang, _labels(result))
        sec.notes += footnotes({r.provenance for r in result.jobs}, lang)
    return [sec]


def _whatif_columns(lang: Lang, human: bool) -> tuple[list[str], list[str]]:
    """(keys, column names): each figure before and after in CSV; in tables, one column a
    figure, 'before → after' where it changes."""
    if human:
        keys = [
            "rank_after",
            "rank_before",
            "title",
            "coverage",
            "band",
            "move",
            "levels",
            "blocking",
            "reachable",
            "changes",
        ]
        columns = [
            "#",
            t("rank_before", lang),
            t("title", lang),
            t("coverage", lang),
            t("band", lang),
            t("move_col", lang),
            t("levels_change", lang),
            t("blocking_change", lang),
            t("reach_change", lang),
            t("gap_changes", lang),
        ]
        return keys, columns
    keys = [
        "rank_after",
        "rank_before",
        "id",
        "title",
        "coverage_before",
        "coverage_after",
        "cost_before",
        "cost_after",
        "band_before",
        "band_after",
        "move_before",
        "move_after",
        "levels_before",
        "levels_after",
        "blocking_before",
        "blocking_after",
        "reachable_before",
        "reachable_after",
        "changes",
        "provenance",
    ]
    return keys, list(keys)


def _whatif_row(r: WhatIfRow, target: str | None, lang: Lang) -> list[Any]:
    """A job's row in a table: each figure as 'before → after', the gaps that change."""
    changes = (
        "\n".join(
            f"{c.label}{colon(lang)}+{c.delta_before} → "
            f"{'+' if c.delta_after > 0 else ''}{c.delta_after}"
            for c in r.changes
        )
        or "—"
    )
    yes_no = (
        t("yes" if r.reachable_before else "no", lang),
        t("yes" if r.reachable_after else "no", lang),
    )
    title = f"{r.title} ({t('whatif_target', lang)})" if r.id == target else r.title
    return [
        r.rank_after,
        r.rank_before,
        title,
        mark(_arrow(pct(r.coverage_before), pct(r.coverage_after)), r.provenance, True),
        _arrow(t(f"band_{r.band_before}", lang), t(f"band_{r.band_after}", lang)),
        _arrow(t(f"move_{r.move_before}", lang), t(f"move_{r.move_after}", lang)),
        _arrow(r.levels_before, r.levels_after),
        _arrow(r.blocking_before, r.blocking_after),
        _arrow(*yes_no),
        changes,
    ]


def _whatif_cells(r: WhatIfRow) -> list[Any]:
    """A job's CSV row: raw figures, before and after."""
    changes = "; ".join(f"{c.id}:{c.delta_before}->{c.delta_after}" for c in r.changes)
    return [
        r.rank_after,
        r.rank_before,
        r.id,
        r.title,
        r.coverage_before,
        r.coverage_after,
        r.cost_before,
        r.cost_after,
        r.band_before,
        r.band_after,
        r.move_before,
        r.move_after,
        r.levels_before,
        r.levels_after,
        r.blocking_before,
        r.blocking_after,
        r.reachable_before,
        r.reachable_after,
        changes,
        r.provenance,
    ]


def _whatif_notes(result: WhatIfResult, lang: Lang) -> list[str]:
    """The jobs left out (beyond ``--top``), and what the raises change: the jobs they open,
    bring closer or turn into downgrades."""
    titles = result.titles
    notes = []
    if result.left_out:
        notes.append(tn("left_out", result.left_out, lang))
    if result.newly_reachable:
        notes.append(
            t("newly_reachable", lang).format(
                ids=some([titles.get(x, x) for x in result.newly_reachable], lang)
            )
        )
    if result.closer:
        notes.append(
            t("closer_jobs", lang).format(ids=some([titles.get(x, x) for x in result.closer], lang))
        )
    else:
        notes.append(t("nothing_changes", lang))
    if result.became_downgrades:
        notes.append(
            t("became_downgrades", lang).format(
                ids=some([titles.get(x, x) for x in result.became_downgrades], lang)
            )
        )
    return notes


# -- leverage ------------------------------------------------------------------------------------


@to_sections.register
def _(result: LeverageResult, lang: Lang, human: bool, **_: Any) -> list[Section]:
    titles = {x.id: x.title for x in result.targets}
    titles.update({s.id: s.title for s in result.stepping_stones})
    raises = _raises(result, titles, lang, human)
    if not human:
        return [raises]
    who = _who(result.anonymous, result.profile.name, lang)
    routes = _targets(result, titles, who, lang)
    stones = _stepping_stones(result, titles, lang)
    raises.notes = _leverage_summary(result, titles, lang) + [t("lev_note", lang)]
    if result.raises_left_out:
        raises.notes.append(tn("lev_raises_left_out", result.raises_left_out, lang))
    provs: set[str | None] = {s.provenance for s in result.stepping_stones}
    closing = _person_notes(result, lang, _labels(result)) + footnotes(provs, lang)
    if not stones.rows:  # no route starts with a stepping stone: the summary said so
        raises.notes += closing
        return [routes, raises]
    stones.notes = closing
    return [routes, raises, stones]


def _job_names(ids: list[str], titles: dict[str, str], human: bool) -> str:
    """Jobs in a cell: their titles one a line (tables), or their ids (CSV)."""
    if not human:
        return ";".join(ids)
    return "\n".join(titles.get(x, x) for x in ids) or "—"


def _raises(result: LeverageResult, titles: dict[str, str], lang: Lang, human: bool) -> Section:
    """The raises, best first: the jobs each opens, brings closer or unblocks (the section CSV
    writes)."""
    raises = Section(
        "raises",
        t("lev_raises_title", lang),
        [
            "rank",
            "id",
            "label",
            "before",
            "after",
            "newly_reachable",
            "closeness_gain",
            "newly_routed",
            "route_gain",
            "closer",
            "unblocked",
        ],
        [
            "#",
            t("id", lang),
            t("competence", lang),
            t("raise_change", lang),
            "",
            t("lev_newly_reachable", lang),
            t("closeness_gain", lang),
            t("lev_newly_routed", lang),
            t("route_gain", lang),
            t("lev_closer", lang),
            t("lev_unblocked", lang),
        ],
        primary=True,
    )
    for r in result.raises:
        if human:
            raises.rows.append(
                [
                    r.rank,
                    r.id,
                    r.label,
                    f"{_level(r.before)} → {r.after}",
                    "",
                    _job_names(r.newly_reachable, titles, human),
                    f"+{round(r.closeness_gain * 100)}",
                    _job_names(r.newly_routed, titles, human),
                    num(r.route_gain),
                    len(r.closer),
                    len(r.unblocked),
                ]
            )
        else:
            raises.rows.append(
                [
                    r.rank,
                    r.id,
                    r.label,
                    r.before,
                    r.after,
                    _job_names(r.newly_reachable, titles, human),
                    r.closeness_gain,
                    _job_names(r.newly_routed, titles, human),
                    r.route_gain,
                    _job_names(r.closer, titles, human),
                    _job_names(r.unblocked, titles, human),
                ]
            )
    if human:
        drop_columns(raises, "id", "after")
        if not any(r.newly_routed for r in result.raises):
            drop_columns(raises, "newly_routed")
    return raises


def _targets(result: LeverageResult, titles: dict[str, str], who: str, lang: Lang) -> Section:
    """The person's best route to each target job and its first step (the closest ones only,
    on a large dataset)."""
    routes = Section(
        "targets",
        t("lev_routes_title", lang).format(name=who),
        ["title", "cost", "band", "first_step", "reachable"],
        [
            t("title", lang),
            t("cost", lang),
            t("band", lang),
            t("first_step", lang),
            t("reachable", lang),
        ],
    )
    shown = result.targets
    if len(shown) > LIST_ALL_UP_TO:  # every job of a large dataset: the closest ones
        shown = sorted(shown, key=lambda x: (x.cost is None, x.cost or 0.0, x.id))[:LARGE_LIST]
        routes.notes.append(
            t("lev_targets_left_out", lang).format(n=len(result.targets) - len(shown))
        )
    for x in shown:
        first = (
            titles.get(x.first_step, x.first_step)
            if x.first_step
            else t("direct", lang)
            if x.cost is not None
            else "—"
        )
        routes.rows.append(
            [
                x.title,
                mark(num(x.cost), x.provenance, True)
                if x.cost is not None
                else t("no_route", lang),
                t(f"band_{x.band}", lang),
                first,
                t("yes" if x.reachable else "no", lang),
            ]
        )
    return routes


def _stepping_stones(result: LeverageResult, titles: dict[str, str], lang: Lang) -> Section:
    """The jobs the best routes go through first, and the targets each serves."""
    stones = Section(
        "stepping_stones",
        t("lev_stones_title", lang),
        ["rank", "title", "cost", "band", "move", "serves"],
        [
            "#",
            t("title", lang),
            t("first_step_cost", lang),
            t("band", lang),
            t("move_col", lang),
            t("serves", lang),
        ],
    )
    for s in result.stepping_stones:
        stones.rows.append(
            [
                s.rank,
                s.title,
                mark(num(s.cost), s.provenance, True),
                t(f"band_{s.band}", lang),
                t(f"move_{s.move}", lang),
                _job_names(s.serves, titles, True),
            ]
        )
    return stones


def _leverage_summary(result: LeverageResult, titles: dict[str, str], lang: Lang) -> list[str]:
    """The answer in two lines: the best raise (every raise tied with it) and the best stepping
    stone, or that there is none."""
    best = next((r for r in result.raises if r.id == result.best_raise), None)
    # every raise tied with the best one is named: a tie is not a winner
    tied = [r for r in result.raises if best and r.rank == best.rank]
    summary = [
        t("best_raise", lang).format(
            label=semicolon(lang).join(f"{r.label} ({_level(r.before)} → {r.after})" for r in tied)
        )
        if best
        else t("no_best_raise", lang)
    ]
    summary.append(
        t("best_stone", lang).format(
            title=titles.get(result.best_stepping_stone or "", result.best_stepping_stone)
        )
        if result.best_stepping_stone
        else t("no_best_stone", lang)
    )
    return summary
