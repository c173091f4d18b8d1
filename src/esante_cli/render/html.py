"""The printable report, as one standalone HTML file or as Markdown, from Jinja2 templates.

The HTML page needs nothing from the network: its style is inline, the map is inline SVG, and
the fonts are embedded (DejaVu Sans, which ships with matplotlib, cut down to the characters
the page uses), so it looks the same on every machine and prints cleanly on A4. Templates live
in ``esante_cli/templates``; HTML is autoescaped, and every value the Markdown template prints
goes through :func:`~esante_cli.render.markdown.md_text`, so a title such as ``<b>&"`` shows
verbatim and stays inert.

Both templates read one "view" built here (:func:`report_view`): the words, numbers and marks
already chosen, so that templates only lay them out. A person's report (issue 4) fills the
same view from a ``Report`` whose ``subject`` is a profile.
"""

from __future__ import annotations

import base64
import io
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..i18n import Lang, t
from ..results.mobility import GapItem, ProfileRef
from ..results.visual import CardSummary, Report
from .markdown import md_cell, md_text
from .sections import MARKS, footnotes, mark

__all__ = ["render_report_html", "render_report_markdown", "report_view"]


def _num(x: float) -> str:
    return f"{x:.3f}".rstrip("0").rstrip(".")


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
        "levels": t("report_levels_card" if card.levels_provenance == "card"
                    else "report_levels_estimated", lang),
    }


def _gap_row(item: GapItem) -> dict[str, str]:
    return {
        "label": item.label,
        "current": _level(item.current, item.current_provenance),
        "required": str(mark(item.required, item.required_provenance, True)),
        "delta": f"+{item.delta}" if item.delta > 0 else str(item.delta),
    }


def report_view(report: Report, lang: Lang = "fr") -> dict[str, Any]:
    """Everything the report templates print, as plain words and numbers."""
    subject = report.subject
    source_title = subject.name if isinstance(subject, ProfileRef) else subject.title
    gap = report.gap
    provs: set[str | None] = set()
    for item in gap.items:
        provs.update({item.current_provenance, item.required_provenance})

    routes = None
    if report.routes is not None:
        titles = report.routes.titles
        routes = []
        for n, r in enumerate(report.routes.routes, 1):
            steps = []
            for s in r.steps:
                provs.update({s.provenance, s.declared_provenance})
                kind = t(f"kind_{s.kind}", lang)
                if s.declared_provenance:
                    kind = str(mark(kind, s.declared_provenance, True))
                rises = [f"{x.label} : {_level(x.current, x.current_provenance)} → "
                         f"{mark(x.required, x.required_provenance, True)}" for x in s.rises]
                steps.append({
                    "move": f"{titles.get(s.source, s.source)} → {titles.get(s.target, s.target)}",
                    "kind": kind,
                    "cost": str(mark(_num(s.cost), s.provenance, True)),
                    "rises": rises or [t("nothing_to_climb", lang)],
                })
            routes.append({
                "title": t("report_route", lang).format(n=n, cost=_num(r.cost), hops=r.hops,
                                                        levels=r.levels, jump=r.max_jump),
                "chain": " → ".join(titles.get(x, x) for x in r.jobs),
                "steps": steps,
            })

    for node in report.map.incoming + report.map.outgoing:
        provs.update({node.provenance, node.declared_provenance})
    notes = footnotes(provs, lang)
    if report.map.mobility_note:
        notes.append(t("report_card_caveat", lang).format(note=report.map.mobility_note))
    notes.append(t("report_limits", lang))
    return {
        "lang": lang,
        "title": t("report_title", lang).format(source=source_title, target=gap.target.title),
        "title_parts": _parts(t("report_title", lang), source=source_title,
                              target=gap.target.title),
        "meta": t("report_meta", lang).format(tool=report.tool_version, data=report.data_version,
                                              model=report.model.name),
        "h": {k: t(k, lang) for k in (
            "report_target", "report_source", "report_purpose", "report_missions",
            "report_other_titles", "report_levels", "report_source_of", "report_no_purpose",
            "report_gap",
            "report_nothing", "report_routes", "report_no_route", "report_map", "report_notes",
            "to_learn", "strengths", "competence", "current", "required", "delta", "family",
            "move", "kind", "cost", "rises")},
        "target": _card(report.target, lang),
        "source": _card(report.source_card, lang) if report.source_card else None,
        "gap": {
            "rows": [_gap_row(i) for i in gap.items if i.delta > 0],
            "total": t("gap_total", lang).format(
                total=gap.total_levels, n=gap.to_raise, jump=gap.max_jump, blocking=gap.blocking,
                cost=_num(gap.transition.cost), band=t(f"band_{gap.band}", lang)),
            "to_learn": [
                {"head": f"{i.label} : {i.current or 0} → {i.required}",
                 "levels": [{"level": x.level, "text": x.descriptor} for x in i.to_learn]}
                for i in gap.items if i.delta > 0
            ],
            "strengths": [_gap_row(i) for i in gap.strengths],
            "not_compared": (t("not_compared", lang).format(ids=", ".join(gap.not_compared))
                             if gap.not_compared else None),
        },
        "routes": routes,
        "notes": notes,
    }


def _parts(pattern: str, **names: str) -> list[tuple[str, bool]]:
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


def _md_finalize(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, Raw) else md_text(value)


@lru_cache(maxsize=2)
def _environment(kind: str) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined

    loader = PackageLoader("esante_cli", "templates")
    if kind == "html":
        return Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env = Environment(loader=loader, autoescape=False, undefined=StrictUndefined,
                      finalize=_md_finalize, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["cell"] = lambda v: Raw(md_cell(v))
    return env


def _inline_svg(svg: str) -> str:
    """matplotlib's SVG document made fit to sit inside HTML: no XML prolog, no DOCTYPE, no
    metadata block (it names web addresses), scaled to the page's width."""
    svg = re.sub(r"<\?xml[^>]*\?>\s*", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r'\1', svg, count=1)
    return svg.strip()


def render_report_html(report: Report, lang: Lang = "fr", *, map_svg: str) -> str:
    """The report as one standalone HTML page; ``map_svg`` is the map drawn by
    :func:`~esante_cli.render.mapdraw.render_map_svg`."""
    from markupsafe import Markup

    view = report_view(report, lang)
    template = _environment("html").get_template("report.html.j2")
    page = template.render(v=view, map_svg=Markup(_inline_svg(map_svg)), fonts=Markup("/*FONTS*/"))
    return page.replace("/*FONTS*/", _font_faces(page), 1)


def render_report_markdown(report: Report, lang: Lang = "fr", *,
                           map_file: str | None = None) -> str:
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

FACES = (("DejaVuSans.ttf", "normal", "normal"), ("DejaVuSans-Bold.ttf", "bold", "normal"),
         ("DejaVuSans-Oblique.ttf", "normal", "italic"))


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
            f"font-style: {style}; src: url(data:font/ttf;base64,{data}) format(\"truetype\"); }}"
        )
    return "\n".join(rules)
