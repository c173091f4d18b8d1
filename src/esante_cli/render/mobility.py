"""Sections of the mobility results: gap, neighbours, routes, comparison, recommendations."""

from __future__ import annotations

from typing import Any

from ..i18n import Lang, t, tn
from ..language import colon, semicolon
from ..results.mobility import (
    Comparison,
    CostParts,
    GapItem,
    GapResult,
    NeighboursResult,
    PathsResult,
    Recommendations,
)
from .about import fitting
from .sections import (
    Section,
    cols,
    drop_columns,
    footnotes,
    gap_total,
    kept_line,
    learn_head,
    learn_lines,
    mark,
    num,
    pct,
    plain,
    provenance,
    ranked_pcts,
    stability_cell,
    stability_notes,
    to_sections,
)

# The parts of a move beside the columns every view has (coverage and direction are main
# columns of recommend and match, and of each step of a route's CSV).
PART_KEYS = [
    "climb",
    "max_jump",
    "unused",
    "blocking",
    "unused_share",
    "similarity",
    "factor",
    "hop_penalty",
]


def part_cells(p: CostParts) -> list[Any]:
    return [
        p.climb,
        p.max_jump,
        p.unused,
        p.blocking,
        plain(p.unused_share),
        plain(p.similarity),
        plain(p.factor),
        plain(p.hop_penalty),
    ]


def _part_columns(lang: Lang) -> list[str]:
    return [t(f"part_{k}", lang) for k in PART_KEYS]


def interval_cells(stability: float | None, span: list[float] | None) -> list[Any]:
    """Machine cells of a stability figure: stability, low, high ('' without draws)."""
    if stability is None:
        return ["", "", ""]
    if span is None:
        return [stability, "", ""]
    return [stability, *span]


STABILITY_KEYS = ["stability", "cost_low", "cost_high"]


def explain_cost(p: CostParts, w: Any, lang: Lang) -> str:
    """'(3 to climb × 1 + jump 2 × 0.5 + 1 unused × 0.1 = 4.1) × 0.75 + 0.5 = 3.575'."""
    return t("explain", lang).format(
        wc=num(w.climb, lang, digits=3),
        wj=num(w.max_jump, lang, digits=3),
        wu=num(w.unused, lang, digits=3),
        climb=p.climb,
        jump=p.max_jump,
        unused=p.unused,
        factor=num(p.factor, lang, digits=3),
        hop=num(p.hop_penalty, lang, digits=3),
        weighted=num(p.weighted, lang, digits=3),
        cost=num(p.cost, lang, digits=3),
        blocking=p.blocking,
        sim=num(p.similarity, lang, digits=3),
    )


def _ladder(item: GapItem) -> str:
    return " ; ".join(f"{x.level}. {x.descriptor}" for x in item.to_learn)


def _level(value: int | None, provenance: str | None, human: bool) -> Any:
    if value is None:
        return "0" if human else None
    return mark(value, provenance, human)


# -- gap -----------------------------------------------------------------------------------------


@to_sections.register
def _(result: GapResult, lang: Lang, human: bool, **_: Any) -> list[Section]:
    src = result.source.title if hasattr(result.source, "title") else result.source.name
    title = f"{t('gap', lang)}{colon(lang)}{src} → {result.target.title}"
    keys = ["id", "label", "current", "required", "delta", "provenance", "to_learn"]
    columns = [
        t("id", lang),
        t("competence", lang),
        t("current", lang),
        t("required", lang),
        t("delta", lang),
        t("provenance", lang),
        t("to_learn", lang),
    ]
    main = Section("gap", title, keys, columns, primary=True)
    rows = result.items if not human else [i for i in result.items if i.delta > 0]
    for i in rows:
        main.rows.append(
            [
                i.id,
                i.label,
                _level(i.current, i.current_provenance, human),
                mark(i.required, i.required_provenance, human),
                f"+{i.delta}" if human and i.delta > 0 else i.delta,
                i.provenance,
                _ladder(i),
            ]
        )
    if human:
        # provenance and ladder have their own places (marks, the "what to learn" panel)
        drop_columns(main, "id", "provenance", "to_learn")
        main.notes.append(gap_total(result, lang))
        provs = {p for i in result.items for p in (i.current_provenance, i.required_provenance)}
        provs |= {i.topics_provenance for i in result.items if i.delta > 0 and i.topics}
        main.notes += footnotes(provs, lang)
        if result.not_compared:
            main.notes.append(t("not_compared", lang).format(ids=", ".join(result.not_compared)))
    out = [main]
    if human:
        learn = Section("to_learn", t("to_learn", lang), ["heading", "text"], ["", ""], prose=True)
        for i in result.items:
            if i.delta > 0:
                head = learn_head(i, lang)
                levels = [f"{x.level}. {x.descriptor}" for x in i.to_learn]
                learn.rows.append([head, "\n".join([*learn_lines(i, lang), *levels])])
        if learn.rows:
            out.append(learn)
        strengths = Section(
            "strengths",
            t("strengths", lang),
            ["id", "label", "current", "required"],
            [t("id", lang), t("competence", lang), t("current", lang), t("required", lang)],
        )
        for i in result.strengths:
            strengths.rows.append(
                [
                    i.id,
                    i.label,
                    _level(i.current, i.current_provenance, True),
                    mark(i.required, i.required_provenance, True),
                ]
            )
        if strengths.rows:
            out.append(drop_columns(strengths, "id"))
    return out


# -- neighbours ----------------------------------------------------------------------------------


@to_sections.register
def _(result: NeighboursResult, lang: Lang, human: bool, **_: Any) -> list[Section]:
    keys, columns = cols(
        lang,
        "direction",
        "band",
        "id",
        "title",
        "kind",
        "coverage",
        "move",
        "cost",
        "reverse_cost",
        "ring",
        "provenance",
    )
    sides = []
    provs: set[str | None] = set()
    for side, groups in (("in", result.incoming), ("out", result.outgoing)):
        title = f"{t(f'side_{side}_title', lang)} {result.job.title}"
        sec = Section(f"neighbours_{side}", title, list(keys), list(columns))
        for g in groups:
            for n in g.neighbours:
                provs.update({n.provenance, n.declared_provenance})
                kind: Any = n.kind
                if human:
                    kind = mark(t(f"kind_{n.kind}", lang), n.declared_provenance, True)
                ring = n.ring or (t("unknown", lang) if human and n.kind == "declared" else "")
                sec.rows.append(
                    [
                        side,
                        t(f"band_{g.band}", lang) if human else g.band,
                        n.job.id,
                        n.job.title,
                        kind,
                        mark(pct(n.parts.coverage), n.provenance, True)
                        if human
                        else n.parts.coverage,
                        t(f"move_{n.move}", lang) if human else n.move,
                        mark(num(n.cost), n.provenance, True) if human else n.cost,
                        mark(num(n.reverse_cost), n.provenance, True) if human else n.reverse_cost,
                        ring,
                        n.provenance,
                    ]
                )
        sides.append(sec)
    if not human:
        both = sides[0]
        both.key, both.title, both.primary = "neighbours", "neighbours", True
        both.rows += sides[1].rows
        return [both]
    wanted = {"both": ("in", "out"), "in": ("in",), "out": ("out",)}[result.direction]
    out = []
    for side, sec in zip(("in", "out"), sides):
        if side not in wanted:
            continue
        drop_columns(sec, "direction", "id", "provenance")
        if not sec.rows:
            sec.notes.append(t("no_neighbour", lang))
        out.append(sec)
    out[0].primary = True
    out[-1].notes += [fitting("closeness_note", lang), *footnotes(provs, lang)]
    return out


# -- routes ---------------------------------------------------------------------------------------


@to_sections.register
def _(
    result: PathsResult, lang: Lang, human: bool, explain: bool = False, **_: Any
) -> list[Section]:
    return route_sections(result, lang, human, explain)


def route_sections(
    result: Any,
    lang: Lang,
    human: bool,
    explain: bool = False,
    titles: dict[str, str] | None = None,
) -> list[Section]:
    """The routes of a :class:`PathsResult` (or of a person's routes): one table per route,
    each step costed from the route's state; the CSV form is one row per step."""
    titles = titles if titles is not None else result.titles
    if not human:
        return [_route_rows(result)]
    if len(result.routes) == 1 and not result.routes[0].steps:
        source = result.source.title if hasattr(result.source, "title") else result.source.name
        head = f"{source} → {result.target.title}"
        return [Section("paths", head, ["note"], [""], notes=[t("same_job", lang)], primary=True)]
    out = [
        _route_table(n, r, result, titles, lang, explain) for n, r in enumerate(result.routes, 1)
    ]
    provs: set[str | None] = {s.provenance for r in result.routes for s in r.steps}
    provs |= {
        s.declared_provenance for r in result.routes for s in r.steps if s.declared_provenance
    }
    out[-1].notes += _route_notes(result, provs, lang, explain)
    return out


def _route_rows(result: Any) -> Section:
    """The CSV form: one row per step, the route's cost and stability repeated on each (a route
    without a step, from a job to itself, has one row)."""
    keys = [
        "route",
        "route_cost",
        *STABILITY_KEYS,
        "step",
        "from",
        "to",
        "kind",
        "coverage",
        "move",
        "cost",
        *PART_KEYS,
        "rises",
        "kept",
    ]
    sec = Section("paths", "paths", keys, keys, primary=True)
    for n, r in enumerate(result.routes, 1):
        head = [n, r.cost, *interval_cells(r.stability, r.cost_interval)]
        for s_i, s in enumerate(r.steps, 1):
            rises = "; ".join(f"{x.id}:{x.current or 0}->{x.required}" for x in s.rises)
            kept = "; ".join(f"{x.id}:{x.level}>{x.required}" for x in s.kept)
            sec.rows.append(
                [
                    *head,
                    s_i,
                    s.source,
                    s.target,
                    s.kind,
                    s.parts.coverage,
                    s.parts.move,
                    s.cost,
                    *part_cells(s.parts),
                    rises,
                    kept,
                ]
            )
        if not r.steps:
            sec.rows.append(
                [*head, 0, r.jobs[0], r.jobs[-1], "", "", "", 0, *[""] * len(PART_KEYS), "", ""]
            )
    return sec


def _route_table(
    n: int, route: Any, result: Any, titles: dict[str, str], lang: Lang, explain: bool
) -> Section:
    """Route ``n`` as a table, one row per step; its title gives the chain of jobs, the cost
    and, when draws were made, the route's stability."""
    chain = " → ".join(titles.get(x, x) for x in route.jobs)
    title = t("route_title", lang).format(
        n=n,
        chain=chain,
        cost=mark(num(route.cost), route.provenance, True),
        hops=tn("n_steps", route.hops, lang),
        levels=tn("n_levels", route.levels, lang),
        jump=route.max_jump,
    )
    if route.stability is not None:
        cell = stability_cell(
            route.stability, route.cost_interval, result.model.uncertainty.fragile
        )
        title += f"{semicolon(lang)}{t('stability', lang).lower()} {cell}"
    keys = ["step", "move", "kind", "cost", "rises"]
    columns = ["#", t("move", lang), t("kind", lang), t("cost", lang), t("rises", lang)]
    sec = Section(f"route{n}", title, keys, columns, primary=n == 1)
    weights = result.model.weights
    sec.rows += [
        _step_row(s_i, s, titles, weights, lang, explain) for s_i, s in enumerate(route.steps, 1)
    ]
    return sec


def _step_row(
    s_i: int, s: Any, titles: dict[str, str], weights: Any, lang: Lang, explain: bool
) -> list[Any]:
    """One step of a route: the move, its kind (marked; a downgrade said), its cost (explained
    with ``explain``) and the levels to climb (and, with ``explain``, those carried along)."""
    rises = "\n".join(
        f"{x.label}{colon()}{_level(x.current, x.current_provenance, True)} → "
        f"{mark(x.required, x.required_provenance, True)}"
        for x in s.rises
    ) or t("nothing_to_climb", lang)
    if explain and s.kept:
        rises += "\n" + t("kept", lang) + " :\n" + "\n".join(kept_line(x, lang) for x in s.kept)
    kind = t(f"kind_{s.kind}", lang)
    if s.declared_provenance:
        kind = mark(kind, s.declared_provenance, True)
    if s.parts.move == "downgrade":  # a step back on the way: say it
        kind = f"{kind} · {t('move_downgrade', lang)}"
    cost = mark(num(s.cost), s.provenance, True)
    if explain:
        cost = f"{cost}\n{explain_cost(s.parts, weights, lang)}"
    return [
        s_i,
        f"{titles.get(s.source, s.source)} → {titles.get(s.target, s.target)}",
        kind,
        cost,
        rises,
    ]


def _route_notes(result: Any, provs: set[str | None], lang: Lang, explain: bool) -> list[str]:
    """The notes under the last route: what the search minimised, the constraints, fewer routes
    than asked, a search cut short, the legend of ``explain``, stability and marks."""
    notes = [
        fitting("objective_note", lang).format(objective=t(f"objective_{result.objective}", lang))
    ]
    c = result.constraints
    if c.avoid or c.via or c.max_hops or c.declared_only:
        bits = []
        if c.avoid:
            bits.append(f"--avoid {', '.join(c.avoid)}")
        if c.via:
            bits.append(f"--via {c.via}")
        if c.max_hops:
            bits.append(f"--max-hops {c.max_hops}")
        if c.declared_only:
            bits.append("--declared-only")
        notes.append(f"{t('constraints', lang)}{colon(lang)}{'; '.join(bits)}")
    if len(result.routes) < result.k:
        notes.append(tn("fewer_routes", len(result.routes), lang).format(k=result.k))
    if not result.exact:
        notes.append(t("not_exact", lang).format(k=result.k))
    if explain:
        notes.append(t("explain_legend", lang))
    notes += stability_notes(
        [r.stability for r in result.routes], result.model, result.draws, result.seed, lang
    )
    notes += footnotes(provs, lang)
    return notes


# -- comparison ------------------------------------------------------------------------------------


@to_sections.register
def _(result: Comparison, lang: Lang, human: bool, **_: Any) -> list[Section]:
    ids = [j.id for j in result.jobs]
    titles = {j.id: j.title for j in result.jobs}
    header = Section(
        "jobs",
        t("compare", lang),
        ["id", "title", "family", "codes"],
        [t("id", lang), t("title", lang), t("family", lang), t("codes", lang)],
    )
    for j in result.jobs:
        codes = (semicolon(lang) if human else "; ").join(
            f"{c.system}{f' {c.version}' if c.version else ''} {c.code or c.label} "
            f"({provenance(c.status, lang, human)})"
            for c in j.codes
        )
        header.rows.append([j.id, j.title, j.family or ("—" if human else ""), codes])
    keys = ["id", "label", *ids, "differs"]
    columns = [t("id", lang), t("competence", lang), *[titles[i] for i in ids], t("differs", lang)]
    levels = Section("levels", t("levels_side_by_side", lang), keys, columns, primary=True)
    provs: set[str | None] = set()
    for c in result.competences:
        cells = []
        for lv in c.levels:
            provs.add(lv.provenance)
            cells.append(
                _level(lv.level, lv.provenance, human)
                if lv.level is not None
                else ("—" if human else None)
            )
        levels.rows.append(
            [c.id, c.label, *cells, ("≠" if c.differs else "") if human else c.differs]
        )
    if human:
        drop_columns(levels, "id")
        levels.notes += footnotes(provs, lang)
    out = [header, levels] if human else [levels]
    if human:
        strengths = Section(
            "strengths",
            t("strengths_cmp", lang),
            ["who", "competences"],
            [t("title", lang), t("competence", lang)],
        )
        labels = {c.id: c.label for c in result.competences}
        strengths.rows.append(
            [
                t("shared", lang),
                ", ".join(labels.get(x, x) for x in result.shared_strengths) or t("none", lang),
            ]
        )
        for s in result.distinct_strengths:
            strengths.rows.append(
                [
                    titles[s.job],
                    ", ".join(labels.get(x, x) for x in s.competences) or t("none", lang),
                ]
            )
        out.append(strengths)
        pairs = Section(
            "pairs",
            t("pair_costs", lang),
            ["from", "to", "coverage", "band", "move", "cost", "kind"],
            [
                t("from", lang),
                t("to", lang),
                t("coverage", lang),
                t("band", lang),
                t("move_col", lang),
                t("cost", lang),
                t("kind", lang),
            ],
        )
        placed: set[str | None] = set()
        for p in result.pairs:
            kind = (
                mark(t(f"kind_{p.kind}", lang), p.declared_provenance, True)
                if p.kind
                else t("no_edge", lang)
            )
            placed.update({p.provenance, p.declared_provenance})
            pairs.rows.append(
                [
                    titles[p.source],
                    titles[p.target],
                    mark(pct(p.parts.coverage), p.provenance, True),
                    t(f"band_{p.band}", lang),
                    t(f"move_{p.move}", lang),
                    mark(num(p.cost), p.provenance, True),
                    kind,
                ]
            )
        pairs.notes.append(fitting("closeness_note", lang))
        pairs.notes += footnotes(placed, lang)
        out.append(pairs)
    return out


# -- recommendations ---------------------------------------------------------------------------------


@to_sections.register
def _(result: Recommendations, lang: Lang, human: bool, **_: Any) -> list[Section]:
    keys = [
        "rank",
        "id",
        "title",
        "coverage",
        "band",
        "move",
        "cost",
        "stability",
        "kind",
        *PART_KEYS,
        "reverse_cost",
        "provenance",
    ]
    columns = [
        "#",
        t("id", lang),
        t("title", lang),
        t("coverage", lang),
        t("band", lang),
        t("move_col", lang),
        t("cost", lang),
        t("stability", lang),
        t("kind", lang),
        *_part_columns(lang),
        t("reverse_cost", lang),
        t("provenance", lang),
    ]
    if not human:
        keys[7:8] = STABILITY_KEYS
        columns[7:8] = STABILITY_KEYS
    sec = Section(
        "recommendations", f"{t('recommend', lang)} {result.job.title}", keys, columns, primary=True
    )
    provs: set[str | None] = set()
    fragile = result.model.uncertainty.fragile
    held = ranked_pcts([r.parts.coverage for r in result.items], lang)
    for r, share in zip(result.items, held):
        provs.add(r.provenance)
        kind: Any = r.kind
        if human:
            kind = (
                mark(t(f"kind_{r.kind}", lang), r.declared_provenance, True)
                if r.kind
                else t("no_edge", lang)
            )
        provs.add(r.declared_provenance)
        stab = (
            [stability_cell(r.stability, r.cost_interval, fragile)]
            if human
            else interval_cells(r.stability, r.cost_interval)
        )
        sec.rows.append(
            [
                r.rank,
                r.job.id,
                r.job.title,
                mark(share, r.provenance, True) if human else r.parts.coverage,
                t(f"band_{r.band}", lang) if human else r.band,
                t(f"move_{r.move}", lang) if human else r.move,
                mark(num(r.cost), r.provenance, True) if human else r.cost,
                *stab,
                kind,
                *part_cells(r.parts),
                mark(num(r.reverse_cost), r.provenance, True) if human else r.reverse_cost,
                r.provenance,
            ]
        )
    if human:
        drop_columns(
            sec,
            "id",
            "unused_share",
            "similarity",
            "factor",
            "hop_penalty",
            "provenance",
            "blocking",
            "max_jump",
            "unused",
        )
        if not result.items:
            sec.notes.insert(0, t("no_neighbour", lang))
        if result.hidden_downgrades:
            sec.notes.append(tn("hidden_downgrades", result.hidden_downgrades, lang))
        sec.notes.append(fitting("closeness_note", lang))
        sec.notes += stability_notes(
            [r.stability for r in result.items], result.model, result.draws, result.seed, lang
        )
        sec.notes += footnotes(provs, lang)
    return [sec]
