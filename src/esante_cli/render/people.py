"""Sections of the people results: match, routes from a person, what-if, leverage."""

from __future__ import annotations

from typing import Any

from ..i18n import Lang, t
from ..results.mobility import JobRef, PathsResult
from ..results.people import (
    PROFILE_NODE,
    LeverageResult,
    MatchResult,
    PersonResult,
    ProfilePathsResult,
    WhatIfResult,
)
from .mobility import PART_KEYS, explain_cost, part_cells
from .sections import Section, drop_columns, footnotes, mark, num, to_sections


def _who(anonymous: bool, name: str, lang: Lang) -> str:
    return t("anonymous_person", lang) if anonymous else name


def _level(value: int | None) -> str:
    return "—" if value is None else str(value)


def _person_notes(result: PersonResult, lang: Lang, labels: dict[str, str]) -> list[str]:
    """What every human view about a person says under its main table."""
    notes = [t("person_levels_note", lang)]
    if result.unassessed:
        shown = ", ".join(labels.get(c, c) for c in result.unassessed)
        notes.append(t("w_unassessed", lang).format(n=len(result.unassessed), ids=shown))
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
def _(result: MatchResult, lang: Lang, human: bool, explain: bool = False,
      **_: Any) -> list[Section]:
    who = _who(result.anonymous, result.profile.name, lang)
    bd = result.model.thresholds.blocking_deficit
    if human:
        keys = ["rank", "title", "cost", "band", "reachable", "levels_to_climb", "coverage",
                "blocking_competences", "strengths"]
        columns = ["#", t("title", lang), t("cost", lang), t("band", lang), t("reachable", lang),
                   t("levels_to_climb", lang), t("coverage", lang),
                   t("blocking_list", lang).format(n=bd), t("strengths_list", lang)]
    else:
        keys = ["rank", "id", "title", "current", "cost", "band", "reachable", "levels_to_climb",
                "coverage", "blocking_competences", "strengths", "gaps", *PART_KEYS,
                "provenance"]
        columns = list(keys)
    sec = Section("matches", t("match_title", lang).format(name=who), keys, columns, primary=True)
    provs: set[str | None] = set()
    labels = _labels(result)
    for m in result.matches:
        provs.add(m.provenance)
        if human:
            title = f"{m.title} {t('match_current', lang)}" if m.current else m.title
            cost = mark(num(m.cost), m.provenance, True)
            if explain:
                cost = f"{cost}\n{explain_cost(m.parts, result.model.weights, lang)}"
            sec.rows.append([
                m.rank, title, cost, t(f"band_{m.band}", lang),
                t("yes" if m.reachable else "no", lang), m.levels_to_climb,
                f"{round(m.coverage * 100)} %",
                # labels wrap at word boundaries in a narrow column; ids would be cut mid-word
                "\n".join(f"{labels.get(g.id, g.id)} +{g.delta}" for g in m.blocking) or "—",
                len(m.strengths) or "—",
            ])
        else:
            gaps = "; ".join(f"{g.id}:{g.level if g.level is not None else ''}->{g.required}"
                             for g in m.gaps)
            sec.rows.append([m.rank, m.id, m.title, m.current, m.cost, m.band, m.reachable,
                             m.levels_to_climb, m.coverage, ";".join(g.id for g in m.blocking),
                             ";".join(g.id for g in m.strengths), gaps, *part_cells(m.parts),
                             m.provenance])
    if human:
        sec.notes.append(t("match_note", lang))
        if explain:
            sec.notes.append(t("explain_legend", lang))
        sec.notes += _person_notes(result, lang, _labels(result))
        sec.notes += footnotes(provs, lang)
    return [sec]


# -- routes from a person --------------------------------------------------------------------


@to_sections.register
def _(result: ProfilePathsResult, lang: Lang, human: bool, **opts: Any) -> list[Section]:
    # The same view as the routes between jobs: the person stands as the start.
    name = _who(result.anonymous, result.source.name, lang)
    titles = {**result.titles, PROFILE_NODE: name}
    as_jobs = PathsResult(
        data_version=result.data_version,
        source=JobRef(id=PROFILE_NODE, title=name),
        target=result.target, objective=result.objective, k=result.k,
        constraints=result.constraints, routes=result.routes, titles=titles,
        uses_estimates=result.uses_estimates, model=result.model,
    )
    sections = to_sections.dispatch(PathsResult)(as_jobs, lang, human, **opts)
    if human:
        notes = [t("person_levels_note", lang)]
        if result.unassessed:
            notes.append(t("w_unassessed", lang).format(n=len(result.unassessed),
                                                        ids=", ".join(result.unassessed)))
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
    keys = ["rank_after", "rank_before", "id", "title", "cost_before", "cost_after",
            "band_before", "band_after", "levels_before", "levels_after", "blocking_before",
            "blocking_after", "reachable_before", "reachable_after", "changes", "provenance"]
    if human:
        keys = ["rank_after", "rank_before", "title", "cost", "band", "levels", "blocking",
                "reachable", "changes"]
        columns = ["#", t("rank_before", lang), t("title", lang), t("cost_change", lang),
                   t("band", lang), t("levels_change", lang), t("blocking_change", lang),
                   t("reach_change", lang), t("gap_changes", lang)]
    else:
        columns = list(keys)
    sec = Section("whatif", t("whatif_title", lang).format(name=who, raises=raises), keys,
                  columns, primary=True)
    provs: set[str | None] = set()
    for r in result.jobs:
        provs.add(r.provenance)
        if human:
            changes = "\n".join(f"{c.label} : +{c.delta_before} → "
                                f"{'+' if c.delta_after > 0 else ''}{c.delta_after}"
                                for c in r.changes) or "—"
            yes_no = (t("yes" if r.reachable_before else "no", lang),
                      t("yes" if r.reachable_after else "no", lang))
            sec.rows.append([
                r.rank_after, r.rank_before, r.title,
                mark(_arrow(num(r.cost_before), num(r.cost_after)), r.provenance, True),
                _arrow(t(f"band_{r.band_before}", lang), t(f"band_{r.band_after}", lang)),
                _arrow(r.levels_before, r.levels_after), _arrow(r.blocking_before, r.blocking_after),
                _arrow(*yes_no), changes,
            ])
        else:
            changes = "; ".join(f"{c.id}:{c.delta_before}->{c.delta_after}" for c in r.changes)
            sec.rows.append([r.rank_after, r.rank_before, r.id, r.title, r.cost_before,
                             r.cost_after, r.band_before, r.band_after, r.levels_before,
                             r.levels_after, r.blocking_before, r.blocking_after,
                             r.reachable_before, r.reachable_after, changes, r.provenance])
    if human:
        titles = result.titles
        if result.newly_reachable:
            sec.notes.append(t("newly_reachable", lang).format(
                ids=", ".join(titles.get(x, x) for x in result.newly_reachable)))
        if result.closer:
            sec.notes.append(t("closer_jobs", lang).format(
                ids=", ".join(titles.get(x, x) for x in result.closer)))
        else:
            sec.notes.append(t("nothing_changes", lang))
        sec.notes += _person_notes(result, lang, _labels(result))
        sec.notes += footnotes(provs, lang)
    return [sec]


# -- leverage ------------------------------------------------------------------------------------


@to_sections.register
def _(result: LeverageResult, lang: Lang, human: bool, **_: Any) -> list[Section]:
    who = _who(result.anonymous, result.profile.name, lang)
    titles = {x.id: x.title for x in result.targets}
    titles.update({s.id: s.title for s in result.stepping_stones})

    def names(ids: list[str]) -> str:
        if not human:
            return ";".join(ids)
        return "\n".join(titles.get(x, x) for x in ids) or "—"

    raises = Section("raises", t("lev_raises_title", lang),
                     ["rank", "id", "label", "before", "after", "newly_reachable", "newly_routed",
                      "route_gain", "closer", "unblocked"],
                     ["#", t("id", lang), t("competence", lang), t("raise_change", lang), "",
                      t("lev_newly_reachable", lang), t("lev_newly_routed", lang),
                      t("route_gain", lang), t("lev_closer", lang), t("lev_unblocked", lang)],
                     primary=True)
    for r in result.raises:
        if human:
            raises.rows.append([r.rank, r.id, r.label, f"{_level(r.before)} → {r.after}", "",
                                names(r.newly_reachable), names(r.newly_routed),
                                num(r.route_gain), len(r.closer), len(r.unblocked)])
        else:
            raises.rows.append([r.rank, r.id, r.label, r.before, r.after,
                                names(r.newly_reachable), names(r.newly_routed), r.route_gain,
                                names(r.closer), names(r.unblocked)])
    if not human:
        return [raises]
    drop_columns(raises, "id", "after")
    if not any(r.newly_routed for r in result.raises):
        drop_columns(raises, "newly_routed")

    routes = Section("targets", t("lev_routes_title", lang).format(name=who),
                     ["title", "cost", "band", "first_step", "reachable"],
                     [t("title", lang), t("cost", lang), t("band", lang), t("first_step", lang),
                      t("reachable", lang)])
    for x in result.targets:
        first = (titles.get(x.first_step, x.first_step) if x.first_step
                 else t("direct", lang) if x.cost is not None else "—")
        routes.rows.append([x.title, num(x.cost) if x.cost is not None else t("no_route", lang),
                            t(f"band_{x.band}", lang) if x.band else "—", first,
                            t("yes" if x.reachable else "no", lang)])

    stones = Section("stepping_stones", t("lev_stones_title", lang),
                     ["rank", "title", "cost", "band", "serves"],
                     ["#", t("title", lang), t("first_step_cost", lang), t("band", lang),
                      t("serves", lang)])
    provs: set[str | None] = set()
    for s in result.stepping_stones:
        provs.add(s.provenance)
        stones.rows.append([s.rank, s.title, mark(num(s.cost), s.provenance, True),
                            t(f"band_{s.band}", lang), names(s.serves)])

    best = next((r for r in result.raises if r.id == result.best_raise), None)
    summary = [t("best_raise", lang).format(label=best.label, before=_level(best.before),
                                            after=best.after) if best
               else t("no_best_raise", lang)]
    summary.append(t("best_stone", lang).format(title=titles.get(result.best_stepping_stone or "",
                                                                 result.best_stepping_stone))
                   if result.best_stepping_stone else t("no_best_stone", lang))
    raises.notes = summary + [t("lev_note", lang)]
    stones.notes = _person_notes(result, lang, _labels(result)) + footnotes(provs, lang)
    return [routes, raises, stones]
