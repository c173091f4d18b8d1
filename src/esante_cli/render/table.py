"""Terminal output with rich: panels and tables, colours only on a terminal (``NO_COLOR`` honoured).

Tables fit the width of the terminal (``COLUMNS``, else the terminal's, else 80) without cutting
a word: :mod:`.layout` plans the columns (the id goes when space is short, a table too wide for
its longest words is drawn in parts that repeat the row's title) and every cell's lines break
at ASCII spaces only (a no-break space binds; rich folds only a word wider than its column).
A column empty or the same on every row is left out (the latter said once below the table) and
a footnote is printed only when its mark is in what the tables show.

Long tables: when stdout is a terminal and a table is taller than the screen, it is drawn in
pages of the screen's height, each with its header, a row never split between two pages; no
pager takes the keyboard (in a workshop the prompt comes back at once, and the screen that
stays on view has its column names). Output to a pipe or a file is never paged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..i18n import Lang, t
from ..language import colon, semicolon
from ..results.card import JobCard
from .card import card_sections
from .layout import (
    Part,
    fits,
    footnote_shown,
    measure,
    measure_columns,
    plan,
    quiet_columns,
    room,
    row_keys,
    share,
    wrap_at_spaces,
)
from .sections import Section, footnotes, mark
from .views import sections_of


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 when the reader goes away (esante list | head -1); the command line
        # ends quietly instead, with the code of a closed pipe (application.EsanteGroup)
        raise BrokenPipeError


def make_console(out: IO[str]) -> Console:
    return _Console(file=out, highlight=False, soft_wrap=False)


@dataclass
class _Block:
    """A part of the output: what it draws, its notes, and the text it shows (where the mark
    of a footnote is looked for)."""

    body: list[Any]
    notes: list[str]
    shown: str


@dataclass
class _Grid:
    """A table to fit: its title, column keys and headers, rows of cells."""

    title: str
    keys: list[str]
    headers: list[str]
    rows: list[list[Text]]
    justify: dict[str, JustifyMethod] = field(default_factory=dict)
    lines: bool = False  # a rule between rows


def render_table(
    result: Any, lang: Lang = Lang.fr, out: IO[str] | None = None, **opts: Any
) -> None:
    import sys

    stream = out or sys.stdout
    console = make_console(stream)
    screen = screen_height(console, stream)
    if isinstance(result, JobCard):
        blocks = _card_blocks(console, result, lang, screen)
    else:
        sections = sections_of(result, lang, human=True, **opts)
        blocks = [section_block(console, s, lang, screen) for s in sections]
    print_blocks(console, blocks)


def screen_height(console: Console, stream: IO[str]) -> int | None:
    """The height tables are paged to: the terminal's when stdout is one, else none."""
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    return console.size.height if tty else None


def print_blocks(console: Console, blocks: list[_Block]) -> None:
    """Each block and its notes; a footnote only when some block shows its mark."""
    shown = "\n".join(b.shown for b in blocks)
    for block in blocks:
        for part in block.body:
            console.print(part)
        for note in block.notes:
            if footnote_shown(note, shown):
                console.print(_para(note, console.width, "dim"))


def section_block(console: Console, section: Section, lang: Lang, screen: int | None) -> _Block:
    """A section as a table fitted to the console (or a panel of paragraphs), with its notes."""
    if section.prose:
        paragraphs = Text()
        for i, (heading, text) in enumerate(section.rows):
            if i:
                paragraphs.append("\n\n")
            if heading:
                paragraphs.append(str(heading) + "\n", style="bold")
            paragraphs.append(str(text))
        inside = wrap_at_spaces(paragraphs, console.width - 4)  # the frame and its padding
        panel = Panel(inside, title=escape(section.title), title_align="left")
        return _Block([panel], list(section.notes), section.title + "\n" + inside.plain)
    if not section.rows:
        title = _para(section.title, console.width, "bold")
        return _Block([title], list(section.notes), section.title)
    rows = [[Text("" if v is None else str(v)) for v in row] for row in section.rows]
    grid = _Grid(section.title, list(section.keys), list(section.columns), rows)
    body, said, shown = fit_grid(console, grid, lang, screen)
    return _Block(body, said + list(section.notes), shown)


def fit_grid(
    console: Console, grid: _Grid, lang: Lang, screen: int | None
) -> tuple[list[Any], list[str], str]:
    """The grid's tables fitted to the console's width (see :mod:`.layout`), the notes that say
    what its constant columns said, and the text it shows."""
    plain = [[c.plain for c in row] for row in grid.rows]
    gone, said = quiet_columns(grid.headers, plain, row_keys(grid.keys))
    keep = [i for i in range(len(grid.keys)) if i not in gone]
    keys = [grid.keys[i] for i in keep]
    headers = [grid.headers[i] for i in keep]
    rows = [[row[i] for i in keep] for row in grid.rows]
    columns = [[h, *(row[j].plain for row in rows)] for j, h in enumerate(headers)]
    parts = plan(keys, measure_columns(keys, columns, console.width), console.width)
    body: list[Any] = []
    for n, part in enumerate(parts, 1):
        title = grid.title if len(parts) == 1 else f"{grid.title} ({n}/{len(parts)})"
        if title:
            body.append(_para(title, console.width, "table.title"))
        body += _pages(console, grid, keys, headers, rows, part, screen)
    colon = " : " if lang == Lang.fr else ": "
    notes = [f"{h}{colon}{v}" for h, v in said]
    drawn = sorted({i for p in parts for i in p.columns})
    cells = [row[i].plain for row in rows for i in drawn]
    return body, notes, "\n".join([grid.title, *headers, *cells, *notes])


def _pages(
    console: Console,
    grid: _Grid,
    keys: list[str],
    headers: list[str],
    rows: list[list[Text]],
    part: Part,
    screen: int | None,
) -> list[Table]:
    """One part of the grid as a table, or as tables a screen high when ``screen`` is given."""
    cols, widths = part.columns, part.widths
    chunks = [rows] if screen is None else _chunks(console, grid, headers, rows, part, screen)
    tables = []
    for chunk in chunks:
        table = Table(
            show_header=any(h.strip() for h in headers),  # editorial notes have no heading
            show_lines=grid.lines,
            header_style="bold",
            show_edge=part.edges,
            pad_edge=part.edges,
        )
        for i, w in zip(cols, widths):
            table.add_column(
                wrap_at_spaces(Text(headers[i]), w),
                width=w,
                overflow="fold",
                justify=grid.justify.get(keys[i], "left"),
            )
        for row in chunk:
            table.add_row(*[wrap_at_spaces(row[i], w) for i, w in zip(cols, widths)])
        tables.append(table)
    return tables


def _chunks(
    console: Console,
    grid: _Grid,
    headers: list[str],
    rows: list[list[Text]],
    part: Part,
    screen: int,
) -> list[list[list[Text]]]:
    """Rows in pages that each fit the screen with the header, the rules and the title line(s)
    above the first; a row taller than a page is a page of its own."""

    def height(cells: list[Text]) -> int:
        return max(
            len(wrap_at_spaces(cells[i], w).wrap(console, w, overflow="fold"))
            for i, w in zip(part.columns, part.widths)
        )

    head = height([Text(h) for h in headers]) + 3  # top rule, header rule, bottom rule
    title = len(_para(grid.title, console.width).split("\n")) if grid.title else 0
    space = screen - 1 - head - title  # a line for the prompt
    chunks: list[list[list[Text]]] = [[]]
    used = 0
    for row in rows:
        h = height(row) + (1 if grid.lines else 0)
        if chunks[-1] and used + h > space:
            chunks.append([])
            used, space = 0, screen - 1 - head
        chunks[-1].append(row)
        used += h
    return chunks


def _para(text: str, width: int, style: str = "") -> Text:
    """A title or a note, its lines broken at ASCII spaces only."""
    return wrap_at_spaces(Text(text, style=style), width)


# -- the job card ------------------------------------------------------------------------------


def _card_blocks(console: Console, result: JobCard, lang: Lang, screen: int | None) -> list[_Block]:
    """The card's parts in order: the header as a panel, the competences as a ladder table."""
    wanted = result.section
    sections = card_sections(result, lang, human=True)
    if wanted not in (None, "header", "competences"):
        return [section_block(console, s, lang, screen) for s in sections]
    by_key = {s.key: s for s in sections}
    blocks = []
    for key in ("header", "codes", "missions", "context", "relations"):
        if key in by_key and (wanted is None or _shown(key, wanted)):
            if key == "header":
                blocks.append(_header_block(console, result, lang))
            elif by_key[key].rows:
                blocks.append(section_block(console, by_key[key], lang, screen))
    if wanted in (None, "competences"):
        blocks.append(_competence_block(console, result, lang, screen))
    for key in ("certifications", "neighbours", "notes"):
        if key in by_key and (wanted is None or wanted == key):
            blocks.append(section_block(console, by_key[key], lang, screen))
    return blocks


def _shown(key: str, wanted: str) -> bool:
    return key == wanted or (wanted == "header" and key == "codes")


def _header_block(console: Console, result: JobCard, lang: Lang) -> _Block:
    """The job's id, family, other titles and source in a panel, the names' column and the
    values' fitted to the panel (a source URL too long for it is folded)."""
    job = result.job
    rows: list[tuple[str, str]] = [(t("id", lang), job.id)]
    family = (
        mark(job.family.value, job.family.provenance, True) if job.family else t("unknown", lang)
    )
    rows.append((t("family", lang), family))
    if job.other_titles:
        rows.append((t("other_titles_fr", lang), semicolon(lang).join(job.other_titles.fr) or "—"))
        rows.append((t("other_titles_en", lang), semicolon(lang).join(job.other_titles.en) or "—"))
    said = t(f"prov_{job.source.provenance}", lang)  # 'fiche', 'source tierce'...
    rows.append((t("source", lang), f"{job.source.source or ''} ({said})"))
    if result.card is None:
        rows.append(("", t("no_card", lang)))
    # the panel's frame and padding take 4 cells, the gap between the two columns 2; the names
    # on one line when the values keep their longest word whole
    names, values = (measure(column) for column in zip(*rows))
    space = console.width - 6
    widths = (
        [names.hi, space - names.hi]
        if names.hi + values.lo <= space
        else share([names, values], space)
    )
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(style="bold", width=widths[0], overflow="fold")
    grid.add_column(width=widths[1], overflow="fold")
    for name, value in rows:
        style = "italic" if not name else ""
        grid.add_row(
            wrap_at_spaces(Text(name), widths[0]),
            wrap_at_spaces(Text(value, style=style), widths[1]),
        )
    panel = Panel(grid, title=Text(job.title, style="bold"), title_align="left")
    return _Block([panel], [], "\n".join(v for _, v in rows))


def _competence_block(console: Console, result: JobCard, lang: Lang, screen: int | None) -> _Block:
    """The competences with their ladder of four levels, the expected one highlighted; each
    competence's id under its label, unless space is short (the rule of the id column)."""
    grid = _Grid(
        t("competences", lang),
        ["label", "expected_level", "ladder"],
        [t("competence", lang), t("expected", lang), t("ladder", lang)],
        _competence_rows(result, lang, ids=True),
        justify={"expected_level": "center"},
        lines=True,
    )
    measures = [
        measure([h, *(row[i].plain for row in grid.rows)]) for i, h in enumerate(grid.headers)
    ]
    longest_id = max((cell_len(e.id) for e in result.competences), default=0)
    fair = room(console.width, len(measures)) / len(measures)
    if longest_id > fair or not fits(measures, console.width):  # as the id column of a table
        grid.rows = _competence_rows(result, lang, ids=False)
    body, said, shown = fit_grid(console, grid, lang, screen)
    notes = footnotes(
        {e.provenance for e in result.competences},
        lang,
        null=any(e.expected_level is None for e in result.competences),
    )
    return _Block(body, said + notes, shown)


def _competence_rows(result: JobCard, lang: Lang, ids: bool) -> list[list[Text]]:
    estimates = any(e.provenance not in ("card", None) for e in result.competences)
    rows = []
    for e in result.competences:
        label = Text(e.label, style="bold")
        if ids:
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
                ("\n" if e.levels else "") + f"{t('example', lang)}{colon(lang)}{e.example}",
                style="italic",
            )
        if estimates and e.reason and e.provenance not in ("card", None):
            ladder.append(
                f"\n{t('reason', lang)}{mark('', e.provenance, True)}{colon(lang)}{e.reason}",
                style="italic dim",
            )
        level = Text(
            str(mark(e.expected_level, e.provenance, True)),
            style="bold" if e.provenance == "card" else "bold yellow",
        )
        rows.append([label, level, ladder])
    return rows
