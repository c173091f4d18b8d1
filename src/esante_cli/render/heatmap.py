"""The group's gaps as a picture (PNG or SVG, drawn with matplotlib): one row a competence,
one column a person, each cell the gap between the level the person's target job asks and
the person's own level.

What a counsellor reads from it: the darker a cell, the more levels to climb; a bold figure is
a blocking gap (two levels or more, by default); the right-hand column counts the people to
train on each competence (a collective training is worth it where the count is high); the
bottom rows give each person's total and how much of the target they hold (and its band). A ``?`` marks a level the
person did not assess (counted 0), ``*`` a job whose levels are estimates, ``—`` a competence
the job does not ask for.

Like the map (``render/mapdraw.py``, whose font, measuring and settings it shares), every text
is measured before it is placed, names are text (a ``$`` is not mathematics), and the same
result gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, model_words, t
from ..results.workshop import HeatCell, WorkshopPerson, WorkshopResult
from .mapdraw import BOX_FILL, DPI, INK, LINE, MUTED, _Measure, _style, write
from .sections import pct

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["heatmap_size", "render_heatmap_png", "render_heatmap_svg"]

TITLE_PT, HEAD_PT, SUB_PT, CELL_PT, LABEL_PT, SMALL_PT = 14.0, 9.0, 8.0, 10.0, 9.0, 8.5
MARGIN = 0.3
LABEL_W = 3.0  # inches: the competence labels
COL_W = 1.25  # a person's column
GROUP_W = 1.15  # the group's column
MIN_WIDTH = 7.6
ROW_MIN = 0.36  # a competence's row, at least
FOOT_H = ROW_MIN  # each of the two bottom rows (totals, share held)
TOP = 0.25  # above the title
SWATCH_H = 0.26  # the legend's colour swatches

MET_FILL, MET_INK = "#e3f1e3", "#2e7d32"
GAP_FILL = {1: "#fde9b8", 2: "#f6b98a", 3: "#e8775a", 4: "#c0392b"}
NOT_NEEDED = "#f1f1f1"
HEAD_FILL = "#f3f5f8"
GRID = "#ffffff"


def _fill(cell: HeatCell) -> tuple[str, str, str]:
    """(background, text, ink) of a cell."""
    unassessed = "?" if cell.level is None else ""
    if cell.delta is None:
        return NOT_NEEDED, "—", MUTED
    if cell.delta <= 0:
        return MET_FILL, "✓" + unassessed, MET_INK
    gap = min(cell.delta, 4)
    return GAP_FILL[gap], f"+{cell.delta}{unassessed}", "white" if gap >= 3 else INK


@dataclass
class _Column:
    person: WorkshopPerson
    head: list[str]  # the name, wrapped
    sub: list[str]  # '→ target' (no common target), wrapped


def _estimated_target(p: WorkshopPerson) -> bool:
    return p.report is not None and p.report.target.levels_provenance != "card"


def _line(pt: float) -> float:
    """A line's height in inches, at ``pt`` points."""
    return pt * LINE / 72


@dataclass
class _Plan:
    """The picture measured before it is drawn: its texts, wrapped, and where its parts go, in
    inches (y from the top edge, x from the left)."""

    people: list[WorkshopPerson]  # those with a report: one column each
    blocking: int  # the gap drawn bold
    width: float
    height: float
    title_lines: list[str]
    subtitle: list[str]
    cols: list[_Column]
    group_sub: list[str]  # under the group's column head
    head_h: float
    labels: list[list[str]]  # each competence's label, wrapped
    heights: list[float]  # each competence's row
    note_lines: list[str]  # the legend's notes, wrapped
    table_top: float
    legend_top: float

    @property
    def x0(self) -> float:
        """The left edge of the first person's column (the labels end there)."""
        return MARGIN + LABEL_W

    @property
    def xs(self) -> list[float]:
        """The left edge of each person's column."""
        return [self.x0 + i * COL_W for i in range(len(self.people))]

    @property
    def xg(self) -> float:
        """The left edge of the group's column."""
        return self.x0 + len(self.people) * COL_W


def _plan(result: WorkshopResult, lang: Lang, measure: _Measure) -> _Plan:
    """Measure every text and stack the parts top down: title, subtitle, the table (heads, a
    row per competence, two rows of totals), the legend."""
    people = [p for p in result.people if p.report is not None]
    n = len(people)
    width = max(MIN_WIDTH, 2 * MARGIN + LABEL_W + n * COL_W + GROUP_W)
    text_w = width - 2 * MARGIN
    cols, group_sub, head_h = _heads(result, people, lang, measure)
    labels = [measure.wrap(r.label, LABEL_W - 0.16, LABEL_PT, max_lines=2) for r in result.heatmap]
    heights = [max(ROW_MIN, len(lab) * _line(LABEL_PT) + 0.12) for lab in labels]
    title_lines = measure.wrap(_title(result, people, lang), text_w, TITLE_PT, "bold", 2)
    subtitle = measure.wrap(
        t("ws_heat_subtitle", lang).format(
            version=result.data_version, model=model_words(result.model.name, lang)
        ),
        text_w,
        SMALL_PT,
        max_lines=2,
    )
    note_lines = [
        ln
        for note in _legend_notes(result, people, lang)
        for ln in measure.wrap(note, text_w, SMALL_PT, max_lines=3)
    ]
    table_top = TOP + len(title_lines) * _line(TITLE_PT) + len(subtitle) * _line(SMALL_PT) + 0.22
    table_h = head_h + sum(heights) + 2 * FOOT_H
    legend_top = table_top + table_h + 0.22
    height = legend_top + SWATCH_H + 0.1 + len(note_lines) * _line(SMALL_PT) + 0.25
    return _Plan(
        people,
        result.model.thresholds.blocking_deficit,
        width,
        height,
        title_lines,
        subtitle,
        cols,
        group_sub,
        head_h,
        labels,
        heights,
        note_lines,
        table_top,
        legend_top,
    )


def _heads(
    result: WorkshopResult, people: list[WorkshopPerson], lang: Lang, measure: _Measure
) -> tuple[list[_Column], list[str], float]:
    """The columns' heads, wrapped (a person's name, and their target when each has their
    own), the group column's subtitle, and the height of the heads' row."""
    cols = []
    for p in people:
        head = measure.wrap(p.name, COL_W - 0.12, HEAD_PT, "bold", 3)
        sub: list[str] = []
        if result.target is None and p.report is not None:
            star = "*" if _estimated_target(p) else ""
            sub = measure.wrap(
                f"→ {p.report.target.job.title}{star}", COL_W - 0.12, SUB_PT, max_lines=3
            )
        cols.append(_Column(p, head, sub))
    group_sub = measure.wrap(t("ws_heat_group_sub", lang), GROUP_W - 0.12, SUB_PT, max_lines=2)
    head_h = (
        max(
            [len(c.head) * _line(HEAD_PT) + len(c.sub) * _line(SUB_PT) for c in cols]
            + [_line(HEAD_PT) + len(group_sub) * _line(SUB_PT)]
        )
        + 0.16
    )
    return cols, group_sub, head_h


def _title(result: WorkshopResult, people: list[WorkshopPerson], lang: Lang) -> str:
    """The common target ('*' when its levels are estimates), or each person's closest job."""
    if result.target is not None:
        star = "*" if any(_estimated_target(p) for p in people) else ""
        return t("ws_heat_title_target", lang).format(title=result.target.title + star)
    return t("ws_heat_title_best", lang)


def _legend_notes(result: WorkshopResult, people: list[WorkshopPerson], lang: Lang) -> list[str]:
    """The notes under the colours: the bold gaps, and the marks the picture uses."""
    cells = [c for r in result.heatmap for c in r.cells]
    notes = [t("ws_heat_blocking", lang).format(n=result.model.thresholds.blocking_deficit)]
    if any(c.delta is None for c in cells):
        notes.append(t("ws_heat_not_needed", lang))
    if any(c.level is None and c.delta is not None for c in cells):
        notes.append(t("ws_heat_unassessed", lang))
    if any(_estimated_target(p) for p in people):  # a '*' is drawn
        notes.append(t("ws_heat_estimate", lang))
    return notes


def _draw(result: WorkshopResult, lang: Lang, measure: _Measure) -> Figure:
    """The picture: measured first (:func:`_plan`), then drawn top down."""
    from matplotlib.figure import Figure

    plan = _plan(result, lang, measure)
    fig = Figure(figsize=(plan.width, plan.height), dpi=DPI)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, plan.width)
    ax.set_ylim(-plan.height, 0)  # y is minus the distance from the top edge
    ax.set_axis_off()
    _draw_title(ax, plan)
    _draw_heads(ax, plan, lang)
    y = _draw_rows(ax, plan, result)
    _draw_totals(ax, plan, lang, y)
    _draw_legend(ax, plan, lang, measure)
    return fig


def _cell(ax: Any, x: float, y: float, w: float, h: float, fill: str) -> None:
    """A table cell, ``y`` inches from the top edge, with a white gap around it."""
    from matplotlib.patches import Rectangle

    ax.add_patch(Rectangle((x, -y - h), w, h, facecolor=fill, edgecolor=GRID, lw=1.6))


def _draw_title(ax: Any, plan: _Plan) -> None:
    """The title, bold, and the subtitle (data and model versions) under it."""
    y = TOP
    for text in plan.title_lines:
        write(ax, MARGIN, -y, text, TITLE_PT, bold=True, ha="left")
        y += _line(TITLE_PT)
    write(
        ax, MARGIN, -y, "\n".join(plan.subtitle), SMALL_PT, color=MUTED, ha="left", linespacing=LINE
    )


def _draw_heads(ax: Any, plan: _Plan, lang: Lang) -> None:
    """The heads' row: a person's name (and target) over each column, then the group's."""
    y, xg = plan.table_top, plan.xg
    for x, c in zip(plan.xs, plan.cols):
        _cell(ax, x, y, COL_W, plan.head_h, HEAD_FILL)
        write(ax, x + COL_W / 2, -y - 0.08, "\n".join(c.head), HEAD_PT, bold=True, linespacing=LINE)
        if c.sub:
            write(
                ax,
                x + COL_W / 2,
                -y - 0.08 - len(c.head) * _line(HEAD_PT),
                "\n".join(c.sub),
                SUB_PT,
                color=MUTED,
                linespacing=LINE,
            )
    _cell(ax, xg, y, GROUP_W, plan.head_h, HEAD_FILL)
    write(ax, xg + GROUP_W / 2, -y - 0.08, t("ws_heat_group", lang), HEAD_PT, bold=True)
    write(
        ax,
        xg + GROUP_W / 2,
        -y - 0.08 - _line(HEAD_PT),
        "\n".join(plan.group_sub),
        SUB_PT,
        color=MUTED,
        linespacing=LINE,
    )


def _draw_rows(ax: Any, plan: _Plan, result: WorkshopResult) -> float:
    """A row per competence: its label, each person's gap, and how many people to train (the
    cell the darker, the more of the group); returns the height the rows end at."""
    n, blocking, x0, xs, xg = len(plan.people), plan.blocking, plan.x0, plan.xs, plan.xg
    y = plan.table_top + plan.head_h
    for row, lab, h in zip(result.heatmap, plan.labels, plan.heights):
        write(
            ax,
            x0 - 0.1,
            -y - h / 2,
            "\n".join(lab),
            LABEL_PT,
            ha="right",
            va="center",
            linespacing=LINE,
        )
        for x, heat in zip(xs, row.cells):
            fill, text, ink = _fill(heat)
            _cell(ax, x, y, COL_W, h, fill)
            bold = heat.delta is not None and heat.delta >= blocking
            write(
                ax,
                x + COL_W / 2,
                -y - h / 2,
                text,
                CELL_PT,
                color=ink,
                weight="bold" if bold else "normal",
                va="center",
            )
        share = row.to_train / n if n else 0.0
        _cell(ax, xg, y, GROUP_W, h, _mix("#ffffff", GAP_FILL[2], share))
        write(
            ax,
            xg + GROUP_W / 2,
            -y - h / 2,
            f"{row.to_train} / {n}",
            CELL_PT,
            weight="bold" if row.blocking else "normal",
            va="center",
        )
        y += h
    return y


def _draw_totals(ax: Any, plan: _Plan, lang: Lang, y: float) -> None:
    """The two bottom rows, from ``y`` down: each person's total of levels to climb, and how
    close the target is (the share held, which the band is read on)."""
    gaps = [p.report.gap for p in plan.people if p.report]
    totals = [(str(g.total_levels), HEAD_FILL) for g in gaps]
    costs = [
        (f"{pct(g.transition.coverage)} · {t('band_' + g.band, lang)}", BOX_FILL[g.band])
        for g in gaps
    ]
    for key, values in (("ws_heat_total", totals), ("ws_heat_cost", costs)):
        write(
            ax,
            plan.x0 - 0.1,
            -y - FOOT_H / 2,
            t(key, lang),
            LABEL_PT,
            bold=True,
            ha="right",
            va="center",
        )
        for x, (text, fill) in zip(plan.xs, values):
            _cell(ax, x, y, COL_W, FOOT_H, fill)
            write(ax, x + COL_W / 2, -y - FOOT_H / 2, text, SUB_PT + 0.5, bold=True, va="center")
        y += FOOT_H


def _draw_legend(ax: Any, plan: _Plan, lang: Lang, measure: _Measure) -> None:
    """The colours, a swatch each (a met level, then gaps of 1 to 4), then the notes."""
    from matplotlib.patches import Rectangle

    blocking = plan.blocking
    x = MARGIN
    yy = plan.legend_top
    swatches = [(MET_FILL, "✓", MET_INK, False, t("ws_heat_met", lang).removeprefix("✓ "))]
    swatches += [
        (
            GAP_FILL[g],
            f"+{g}",
            "white" if g >= 3 else INK,
            g >= blocking,
            t("ws_heat_gap_words", lang) if g == 4 else "",
        )
        for g in (1, 2, 3, 4)
    ]
    for fill, mark_text, ink, bold, words in swatches:
        ax.add_patch(
            Rectangle(
                (x, -yy - SWATCH_H), 0.42, SWATCH_H, facecolor=fill, edgecolor="#bbbbbb", lw=0.5
            )
        )
        write(
            ax,
            x + 0.21,
            -yy - SWATCH_H / 2,
            mark_text,
            SMALL_PT,
            color=ink,
            weight="bold" if bold else "normal",
            va="center",
        )
        x += 0.42 + 0.08
        if words:
            write(ax, x, -yy - SWATCH_H / 2, words, SMALL_PT, ha="left", va="center")
            x += measure.width(words, SMALL_PT) + 0.3
    write(
        ax,
        MARGIN,
        -(yy + SWATCH_H + 0.1),
        "\n".join(plan.note_lines),
        SMALL_PT,
        ha="left",
        linespacing=LINE,
    )


def _mix(a: str, b: str, share: float) -> str:
    """The colour ``share`` of the way from ``a`` to ``b``."""
    ca = [int(a[i : i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(ca, cb))


def _save(result: WorkshopResult, lang: Lang, fmt: str) -> Any:
    with _style():
        fig = _draw(result, lang, _Measure())
        if fmt == "svg":
            buf: Any = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "esante"})
        else:
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": "esante"})
    return buf.getvalue()


def render_heatmap_png(result: WorkshopResult, lang: Lang = Lang.fr) -> bytes:
    """The group's gaps as a PNG image at ``DPI`` dots per inch."""
    return bytes(_save(result, lang, "png"))


def render_heatmap_svg(result: WorkshopResult, lang: Lang = Lang.fr) -> str:
    """The group's gaps as a standalone SVG document (text kept as text, stable bytes)."""
    return str(_save(result, lang, "svg"))


def heatmap_size(result: WorkshopResult, lang: Lang = Lang.fr) -> tuple[int, int]:
    """The PNG's size in pixels (width, height)."""
    with _style():
        w, h = _draw(result, lang, _Measure()).get_size_inches()
    return round(w * DPI), round(h * DPI)
