"""The printable report, as one standalone HTML file or as Markdown, from Jinja2 templates.

The HTML page needs nothing from the network: its style is inline, the map is inline SVG, and
the fonts are embedded (DejaVu Sans, which ships with matplotlib, cut down to the characters
the page uses), so it looks the same on every machine and prints cleanly on A4. Templates live
in ``esante_cli/templates``; HTML is autoescaped, and every value the Markdown template prints
goes through :func:`~esante_cli.render.markdown.md_text`, so a title such as ``<b>&"`` shows
verbatim and stays inert.

Both templates read one "view" built here (:func:`report_view`): the words, numbers and marks
already chosen, so that templates only lay them out. A person's report fills the same view
from a ``Report`` whose ``subject`` is a profile: a card about the person takes the place of
the starting job's card, and the person's name (or what stands for it) starts the routes.
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..i18n import Lang, some, t, tn
from ..language import colon, semicolon, using
from ..results.mobility import GapItem, GapResult, ProfileRef, Step
from ..results.people import PROFILE_NODE
from ..results.visual import CardSummary, PersonSummary, Report
from .about import fitting
from .markdown import md_cell, md_text
from .sections import (
    MARKS,
    footnotes,
    gap_total,
    kept_line,
    learn_head,
    learn_lines,
    mark,
    num,
    ranked_pcts,
    span_text,
    stability_cell,
    stability_notes,
    stability_share,
)

__all__ = ["render_report_html", "render_report_markdown", "report_view"]


def _level(value: int | None, provenance: str | None) -> str:
    return "0" if value is None else str(mark(value, provenance, True))


# -- the view ------------------------------------------------------------------------------------


def _card(card: CardSummary, lang: Lang) -> dict[str, Any]:
    purpose = card.purpose
    if purpose is not None and card.purpose_provenance not in (None, "card"):
        purpose += MARKS.get(card.purpose_provenance, "")
    return {
        "title": card.job.title,
        "family": card.job.family or "—",
        "other_titles": card.other_titles_fr + card.other_titles_en,
        "purpose": purpose,
        "missions": card.missions,
        "source": card.source,
        "levels": t(
            "report_levels_card" if card.levels_provenance == "card" else "report_levels_estimated",
            lang,
        ),
    }


def _gap_row(item: GapItem, person: bool = False) -> dict[str, str]:
    # a person's unassessed level shows as a dash (counted 0; a note says so)
    current = (
        "—" if person and item.current is None else _level(item.current, item.current_provenance)
    )
    return {
        "label": item.label,
        "current": current,
        "required": str(mark(item.required, item.required_provenance, True)),
        "delta": f"+{item.delta}" if item.delta > 0 else str(item.delta),
    }


def person_name(person: PersonSummary, lang: Lang = Lang.fr) -> str:
    """The person as a report names them: their name, or what stands for it."""
    if person.name:
        return person.name
    return t("report_anonymous" if person.anonymous else "report_unnamed", lang)


def _route_stability(route: Any, model: Any, lang: Lang) -> str:
    """', stability 62 % [7.2–9.1]' for a route title ('' without draws)."""
    cell = stability_cell(route.stability, route.cost_interval, model.uncertainty.fragile)
    return f", {t('stability', lang).lower()} {cell}" if cell else ""


def _person(person: PersonSummary, lang: Lang, fragile_of: Any) -> dict[str, Any]:
    # the closest jobs are a ranking: shares that would read the same get a decimal
    shares = [m.coverage for m in [*person.best_matches, person.target_match]]
    held = dict(zip(shares, ranked_pcts(shares, lang)))

    def line(m: Any) -> str:
        title = f"{m.title} {t('match_current', lang)}" if m.current else m.title
        # the stability of a job among the person's jobs is its rank's, not a route's: said so
        kept = (
            t("report_rank_kept", lang).format(
                share=stability_share(m.stability, fragile_of.uncertainty.fragile, lang)
            )
            if m.stability is not None
            else ""
        )
        return t("report_match_line", lang).format(
            title=title,
            cost=f"{mark(num(m.cost), m.provenance, True)}{span_text(m.cost_interval, lang)}",
            held=mark(held[m.coverage], m.provenance, True),
            band=t(f"band_{m.band}", lang),
            move=t(f"move_{m.move}", lang),
            stability=kept,
        )

    chosen = person.target_match
    return {
        "title": person_name(person, lang),
        "current_job": (
            person.current_job.title
            if person.current_job
            else t("current_job_text", lang).format(text=person.current_job_text)
            if person.current_job_text is not None
            else t("report_no_current_job", lang)
        ),
        "levels": tn("report_own_levels_value", person.assessed, lang).format(
            total=person.levelled
        ),
        "table": [
            {"label": lv.label, "level": "—" if lv.level is None else str(lv.level)}
            for lv in person.levels
        ],
        "target": line(chosen),
        "target_why": t(
            "report_target_best" if person.target_choice == "best_match" else "report_target_given",
            lang,
        ),
        "closest": [line(m) for m in person.best_matches],
    }


# The headings and words the templates print as they are (the view's "h").
_HEADINGS = (
    "report_person",
    "report_current_job",
    "report_own_levels",
    "report_chosen_target",
    "report_closest",
    "report_target",
    "report_source",
    "report_purpose",
    "report_missions",
    "report_other_titles",
    "report_levels",
    "report_source_of",
    "report_no_purpose",
    "report_gap",
    "report_nothing",
    "report_routes",
    "report_no_route",
    "report_map",
    "report_notes",
    "to_learn",
    "strengths",
    "competence",
    "level",
    "current",
    "required",
    "delta",
    "family",
    "move",
    "kind",
    "cost",
    "rises",
)


def report_view(report: Report, lang: Lang = Lang.fr) -> dict[str, Any]:
    """Everything the report templates print, as plain words and numbers (``lang``'s decimal
    separator and punctuation)."""
    with using(lang):
        return _view(report, lang)


def _view(report: Report, lang: Lang) -> dict[str, Any]:
    person = report.person
    source_title = _source_title(report, lang)
    target_title = report.gap.target.title
    return {
        "lang": lang,
        "colon": colon(lang),  # ' : ' in French, ': ' in English
        "semicolon": semicolon(lang),
        "title": t("report_title", lang).format(source=source_title, target=target_title),
        "title_parts": part_cells(
            t("report_title", lang), source=source_title, target=target_title
        ),
        "meta": t(
            "report_meta_default" if report.model.name == "default" else "report_meta", lang
        ).format(tool=report.tool_version, data=report.data_version, model=report.model.name),
        "h": {k: t(k, lang) for k in _HEADINGS},
        "target": _card(report.target, lang),
        "source": _card(report.source_card, lang) if report.source_card else None,
        "person": _person(person, lang, report.model) if person is not None else None,
        "gap": _gap(report.gap, person is not None, lang),
        "routes": _routes(report, source_title, lang),
        "no_route": t("report_no_route_person" if person else "report_no_route", lang),
        "notes": _notes(report, lang),
    }


def _source_title(report: Report, lang: Lang) -> str:
    """Where the report starts: the person's name (or what stands for it), or the job's title."""
    if report.person is not None:
        return person_name(report.person, lang)
    subject = report.subject
    return subject.name if isinstance(subject, ProfileRef) else subject.title


def _gap(gap: GapResult, person: bool, lang: Lang) -> dict[str, Any]:
    """The gap: the levels to climb, what to learn at each, and the strengths."""
    return {
        "heading": t("report_gap_person" if person else "report_gap", lang),
        "nothing": t("report_nothing_person" if person else "report_nothing", lang),
        "rows": [_gap_row(i, person) for i in gap.items if i.delta > 0],
        "total": gap_total(gap, lang),
        "to_learn": [_learn_item(i, lang) for i in gap.items if i.delta > 0],
        "strengths": [_gap_row(i, person) for i in gap.strengths],
        "not_compared": (
            t("not_compared", lang).format(ids=", ".join(gap.not_compared))
            if gap.not_compared
            else None
        ),
    }


def _routes(report: Report, source_title: str, lang: Lang) -> list[dict[str, Any]] | None:
    """The best routes, each with its steps (None when the report has no routes)."""
    if report.routes is None:
        return None
    titles = {**report.routes.titles, PROFILE_NODE: source_title}
    return [
        {
            "title": t("report_route", lang).format(
                n=n,
                cost=mark(num(r.cost), r.provenance, True),
                hops=tn("n_steps", r.hops, lang),
                levels=tn("n_levels", r.levels, lang),
                jump=r.max_jump,
                stability=_route_stability(r, report.model, lang),
            ),
            "chain": " → ".join(titles.get(x, x) for x in r.jobs),
            "steps": [_step(s, titles, lang) for s in r.steps],
        }
        for n, r in enumerate(report.routes.routes, 1)
    ]


def _step(step: Step, titles: dict[str, str], lang: Lang) -> dict[str, Any]:
    """One step of a route: the move, its kind, its cost, the levels to climb and those carried
    along."""
    kind = t(f"kind_{step.kind}", lang)
    if step.declared_provenance:
        kind = str(mark(kind, step.declared_provenance, True))
    if step.parts.move == "downgrade":
        kind = f"{kind} · {t('move_downgrade', lang)}"
    rises = [
        f"{x.label}{colon()}{_level(x.current, x.current_provenance)} → "
        f"{mark(x.required, x.required_provenance, True)}"
        for x in step.rises
    ]
    # the route's state: what is held above this job's need, carried along
    rises += [f"{t('kept', lang)}{colon(lang)}" + kept_line(x, lang) for x in step.kept]
    return {
        "move": f"{titles.get(step.source, step.source)} → {titles.get(step.target, step.target)}",
        "kind": kind,
        "cost": str(mark(num(step.cost), step.provenance, True)),
        "rises": rises or [t("nothing_to_climb", lang)],
    }


def _learn_item(item: GapItem, lang: Lang) -> dict[str, Any]:
    """A competence to learn: its rise, what the card says of it, the levels to reach."""
    said = learn_lines(item, lang)
    return {
        "head": learn_head(item, lang),
        "said": said,
        "levels_head": t("learn_levels", lang) if said else None,
        "levels": [{"level": x.level, "text": x.descriptor} for x in item.to_learn],
    }


def _notes(report: Report, lang: Lang) -> list[str]:
    """The notes at the end: the marks used, the stability of the routes (and of the person's
    closest jobs), what a person's report says of their levels, the card's caveat, the limits."""
    person = report.person
    notes = footnotes(_marks_used(report), lang, report=True)
    stabilities = [r.stability for r in report.routes.routes] if report.routes else []
    if person is not None:
        stabilities += [m.stability for m in person.best_matches]
    draws = report.routes.draws if report.routes else report.model.uncertainty.draws
    seed = report.routes.seed if report.routes else report.model.uncertainty.seed
    notes += stability_notes(stabilities, report.model, draws, seed, lang)
    if person is not None:
        notes += _person_notes(report, person, lang)
    if report.map.mobility_note:
        notes.append(t("report_card_caveat", lang).format(note=report.map.mobility_note))
    notes.append(fitting("report_limits", lang))
    return notes


def _marks_used(report: Report) -> set[str | None]:
    """The provenances of every value the report prints (the gap, the routes' steps, the
    map, the person's closest jobs): their marks get a footnote."""
    provs: set[str | None] = set()
    for item in report.gap.items:
        provs.update({item.current_provenance, item.required_provenance})
        if item.delta > 0 and item.topics:
            provs.add(item.topics_provenance)
    for r in report.routes.routes if report.routes is not None else []:
        for s in r.steps:
            provs.update({s.provenance, s.declared_provenance})
    for node in report.map.incoming + report.map.outgoing:
        provs.update({node.provenance, node.declared_provenance})
    if report.person is not None:
        provs.update(m.provenance for m in report.person.best_matches)
    return provs


def _person_notes(report: Report, person: PersonSummary, lang: Lang) -> list[str]:
    """What a person's report says about the person's levels (never their notes)."""
    notes = [fitting("person_levels_note", lang)]
    if person.unassessed:
        notes.append(
            tn("w_unassessed", len(person.unassessed), lang).format(
                ids=some(person.unassessed_labels, lang)
            )
        )
        if any(i.current is None and i.delta > 0 for i in report.gap.items):
            notes.append(t("report_unassessed_mark", lang))
    if person.flat:
        notes.append(t("w_flat", lang).format(level=person.flat_level))
    if person.current_job is not None and any(
        n.highlight for n in report.map.incoming + report.map.outgoing
    ):
        notes.append(t("report_map_current", lang))
    if person.anonymous:
        notes.append(t("report_anonymous_note", lang))
    return notes


def part_cells(pattern: str, **names: str) -> list[tuple[str, bool]]:
    """A sentence cut around its names: (text, is_a_name) pieces, so that a page can keep
    each name on one line ('Spécialiste e-santé' is not broken after 'e-')."""
    pieces: list[tuple[str, bool]] = []
    for chunk in re.split(r"(\{\w+\})", pattern):
        if re.fullmatch(r"\{\w+\}", chunk):
            pieces.append((names[chunk[1:-1]], True))
        elif chunk:
            pieces.append((chunk, False))
    return pieces


# -- templates -----------------------------------------------------------------------------------


class Raw(str):
    """Text the Markdown template prints as it is (already escaped, or Markdown syntax)."""


_ORDERED = re.compile(r"^(\d+)([.)])")


def md_line(value: Any) -> Raw:
    """Inert text that starts a Markdown line: a leading '-' or '+' (a list item, a rule) or
    '1.' (an ordered list) from the data is escaped too, as '#' and '*' already are."""
    text = _md(value)
    if text.startswith(("-", "+")):
        return Raw("\\" + text)
    return Raw(_ORDERED.sub(r"\1\\\2", text, count=1))


def _md(value: Any) -> str:
    return md_text(value)


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, Raw) else _md(value)


@lru_cache(maxsize=2)
def _environment(kind: str) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    loader = PackageLoader("esante_cli", "templates")
    if kind == "html":
        return Environment(
            loader=loader,
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    env = Environment(
        loader=loader,
        autoescape=False,
        undefined=StrictUndefined,
        finalize=_md_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cell"] = lambda v: Raw(md_cell(v))
    env.filters["line"] = md_line
    return env


def _inline_svg(svg: str) -> str:
    """matplotlib's SVG document made fit to sit inside HTML: no XML prolog, no DOCTYPE, no
    metadata block (it names web addresses), scaled to the page's width."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", svg, count=1)
    return svg.strip()


def render_report_html(report: Report, lang: Lang = Lang.fr, *, map_svg: str) -> str:
    """The report as one standalone HTML page; ``map_svg`` is the map drawn by
    :func:`~esante_cli.render.mapdraw.render_map_svg`."""
    from markupsafe import Markup

    view = report_view(report, lang)
    template = _environment("html").get_template("report.html.j2")
    svg = Markup(_inline_svg(map_svg))

    def page(fonts: str) -> str:
        text = template.render(v=view, map_svg=svg, fonts=Markup(fonts))
        return text.replace(" %", "\u00a0%")  # "95 %" never breaks between number and sign

    # the fonts are cut to the characters of the page, so the page is drawn twice: first
    # without them, then with them in their place. No marker is replaced in the text, where a
    # title from the data could hold it too.
    return page(_font_faces(page("")))


def render_report_markdown(
    report: Report, lang: Lang = Lang.fr, *, map_file: str | None = None
) -> str:
    """The report as Markdown; ``map_file`` is the map picture's path relative to it."""
    view = report_view(report, lang)
    template = _environment("markdown").get_template("report.md.j2")
    image = None
    if map_file is not None:
        alt = md_text(t("report_map", lang))
        target = map_file.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        image = Raw(f"![{alt}]({target})")
    return template.render(v=view, map_image=image).rstrip() + "\n"


# -- fonts ---------------------------------------------------------------------------------------

FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
)


def _font_faces(page: str) -> str:
    """@font-face rules embedding DejaVu Sans (regular, bold, italic), cut down to the
    characters of ``page``: a few tens of kilobytes, no request, the same look everywhere."""
    import logging

    import matplotlib
    from fontTools import subset
    from fontTools.ttLib import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    text = "".join(sorted(set(page) | set(" …→←*†—·«»’")))
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # its warnings are not ours to show
    rules = []
    for name, weight, style in FACES:
        options = subset.Options()
        options.name_IDs = ["*"]  # keep the copyright and licence notices
        options.notdef_outline = True
        # Latin text needs no shaping tables; leaving them out makes the cut fast and small.
        options.layout_features = []
        options.drop_tables += ["FFTM", "GSUB", "GPOS", "GDEF", "kern"]
        options.hinting = False
        font = TTFont(folder / name, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "DejaVu Sans"; font-weight: {weight}; '
            f'font-style: {style}; src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)
