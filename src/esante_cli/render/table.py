"""Terminal output with rich: panels and tables, colours only on a terminal (``NO_COLOR`` honoured)."""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, t
from ..results.card import JobCard
from .card import card_sections
from .sections import Section, footnotes, mark
from .views import sections_of

_WIDE = {"reason", "descriptor", "label", "to_learn"}


def make_console(out: IO[str]) -> Console:
    return Console(file=out, highlight=False, soft_wrap=False)


def render_table(
    result: Any, lang: Lang = Lang.fr, out: IO[str] | None = None, **opts: Any
) -> None:
    import sys

    console = make_console(out or sys.stdout)
    if isinstance(result, JobCard):
        _render_card(console, result, lang)
        return
    for section in sections_of(result, lang, human=True, **opts):
        console.print(section_renderable(section))


def section_renderable(section: Section) -> Any:
    """A section as a rich table (or a panel of paragraphs), with its notes below."""
    parts: list[Any] = []
    if section.prose:
        body = Text()
        for i, (heading, text) in enumerate(section.rows):
            if i:
                body.append("\n\n")
            if heading:
                body.append(str(heading) + "\n", style="bold")
            body.append(str(text))
        parts.append(Panel(body, title=escape(section.title), title_align="left"))
    elif not section.rows:
        parts.append(Text(section.title, style="bold"))
    else:
        table = Table(
            title=escape(section.title), title_justify="left", show_lines=False, header_style="bold"
        )
        for key, column in zip(section.keys, section.columns):
            table.add_column(
                escape(column),
                overflow="fold",
                ratio=3 if key in _WIDE else None,
                no_wrap=key == "id",
            )
        for row in section.rows:
            table.add_row(*[Text("" if v is None else str(v)) for v in row])
        parts.append(table)
    for note in section.notes:
        parts.append(Text(note, style="dim"))
    return Group(*parts)


def _render_card(console: Console, result: JobCard, lang: Lang) -> None:
    wanted = result.section
    if wanted not in (None, "header", "competences"):
        for section in card_sections(result, lang, human=True):
            console.print(section_renderable(section))
        return
    sections = {s.key: s for s in card_sections(result, lang, human=True)}
    for key in ("header", "codes", "missions", "context", "relations"):
        if key in sections and (wanted is None or key in sections and _shown(key, wanted)):
            if key == "header":
                console.print(_header_panel(result, lang))
            elif sections[key].rows:
                console.print(section_renderable(sections[key]))
    if wanted in (None, "competences"):
        console.print(_competence_table(result, lang))
    for key in ("certifications", "neighbours", "notes"):
        if key in sections and (wanted is None or wanted == key):
            console.print(section_renderable(sections[key]))


def _shown(key: str, wanted: str) -> bool:
    return key == wanted or (wanted == "header" and key == "codes")


def _header_panel(result: JobCard, lang: Lang) -> Panel:
    job = result.job
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row(t("id", lang), job.id)
    family = (
        mark(job.family.value, job.family.provenance, True) if job.family else t("unknown", lang)
    )
    grid.add_row(t("family", lang), Text(family))
    if job.other_titles:
        grid.add_row(t("other_titles_fr", lang), Text("; ".join(job.other_titles.fr) or "—"))
        grid.add_row(t("other_titles_en", lang), Text("; ".join(job.other_titles.en) or "—"))
    grid.add_row(t("source", lang), Text(f"{job.source.source or ''} ({job.source.provenance})"))
    if result.card is None:
        grid.add_row("", Text(t("no_card", lang), style="italic"))
    return Panel(grid, title=Text(job.title, style="bold"), title_align="left")


def _competence_table(result: JobCard, lang: Lang) -> Group:
    table = Table(
        title=t("competences", lang), title_justify="left", show_lines=True, header_style="bold"
    )
    table.add_column(t("competence", lang), max_width=34, overflow="fold")
    table.add_column(t("expected", lang), justify="center", no_wrap=True)
    table.add_column(t("ladder", lang), overflow="fold")
    estimates = any(e.provenance not in ("card", None) for e in result.competences)
    for e in result.competences:
        label = Text(e.label, style="bold")
        label.append(f"\n{e.id}", style="dim")
        ladder = Text()
        for i, descriptor in enumerate(e.levels, 1):
            if i > 1:
                ladder.append("\n")
            reached = e.expected_level is not None and i == e.expected_level
            style = (
                "bold reverse"
                if reached
                else ("" if e.expected_level and i < e.expected_level else "dim")
            )
            ladder.append(f"{'▶' if reached else ' '} {i}. {descriptor}", style=style)
        if e.example:
            ladder.append(
                ("\n" if e.levels else "") + f"{t('example', lang)} : {e.example}", style="italic"
            )
        if estimates and e.reason and e.provenance not in ("card", None):
            ladder.append(
                f"\n{t('reason', lang)}{mark('', e.provenance, True)} : {e.reason}",
                style="italic dim",
            )
        level = Text(
            str(mark(e.expected_level, e.provenance, True)),
            style="bold" if e.provenance == "card" else "bold yellow",
        )
        table.add_row(label, level, ladder)
    notes = footnotes(
        {e.provenance for e in result.competences},
        lang,
        null=any(e.expected_level is None for e in result.competences),
    )
    return Group(table, *[Text(n, style="dim") for n in notes])
