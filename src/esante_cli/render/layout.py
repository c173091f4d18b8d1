"""How a table fits a terminal without cutting a word: the width planner of the table renderer,
and the columns and notes a human table leaves out. Pure arithmetic on texts, no rich table.

A column's *minimum* is its longest word, header included (narrower, a word would be cut); its
*natural* width is its longest line. A table of n columns drawn in W terminal columns gives
3n + 1 of them to its rules and padding (a rule and a space each side of every cell). Then:

1. every column at its natural width, when they all fit;
2. else without the *droppable* columns, when the table cannot keep its words whole with them or
   they would take more than an even share of the width: the ``id`` when the table has a
   ``title`` or ``label`` column (a handle for scripts, which read it from JSON or CSV; a
   person reads the title beside it, and every command takes a title as well as an id);
3. then every column at least its minimum, the room left shared in proportion to what each
   lacks of its natural width (the automatic layout of HTML tables);
4. else the same without the outer frame (4 cells more: ``#  ┃ Métier ┃ Coût``);
5. else the table is cut into parts of consecutive columns, each part repeating the columns that
   name a row (``#``, the title or label), titled ``(1/2)``, ``(2/2)``: nothing is dropped but
   the id;
6. a word wider than anything the planner can give it (a URL, a path in a message) is the only
   one folded: the widest columns are narrowed first, so that the fewest words are cut.

Words are what lies between ASCII spaces: a no-break space (French ``96 %``, ``« oui »``)
binds, and :func:`wrap_at_spaces` breaks lines before rich does (rich breaks at any space). So
does the space French puts before ``:``, ``;``, ``!``, ``?`` and ``»`` and after ``«``: no line
starts with a colon (``données massives`` / ``: 3`` becomes ``données`` / ``massives : 3``).

Less noise (human tables only): a column empty on every row is left out; a column that says the
same on every row (two rows or more) is left out and said once below the table ("Anneau :
inconnu"); a footnote (a note that starts with its mark: ``*``, ``†``, ``‡``, ``—``) is printed
only when its mark is in what the tables show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

__all__ = [
    "Measure",
    "Part",
    "fits",
    "footnote_shown",
    "measure",
    "measure_columns",
    "plan",
    "quiet_columns",
    "room",
    "row_keys",
    "share",
    "squeeze",
    "table_width",
    "words",
    "wrap_at_spaces",
]

RULE = 3  # per column: a rule and one space of padding on each side
EDGE = 1  # the rule closing the last column
FOLDED = 16  # the least width of a column whose longest word is folded anyway
OPEN_SAVES = 4  # without the outer frame: its two rules and the padding inside them

# The columns that name a row: repeated in every part of a table cut in parts, never left out
# as "the same on every row", and the reason the id may go.
RANKS = ("rank", "rank_after", "step")
NAMES = ("title", "label", "who", "figure", "field", "level")
PAIRS = ("from", "to")
FOOTNOTE_MARKS = "*†‡—"
# the spaces French typography binds to what follows them (``massives : 3``) or precedes them
_BOUND = r"(?<=«)[ \t]+|[ \t]+(?=[:;!?»])"
BREAKS = re.compile(r"(?<![« \t])[ \t]+(?![ \t:;!?»])|[\r\n]+")  # a whole run of spaces
TOKEN = re.compile(rf"((?:[ \t]+(?![ \t:;!?»]))?)((?:[^ \t]|{_BOUND})+)")


@dataclass(frozen=True)
class Measure:
    """A column's minimum (its longest word) and natural width (its longest line)."""

    lo: int
    hi: int


@dataclass(frozen=True)
class Part:
    """Some columns of a table (their indices, in order) and the width each gets."""

    columns: list[int]
    widths: list[int]
    edges: bool = True  # the outer frame (left out when that is what makes the table fit)


def words(text: str) -> list[str]:
    """The words of ``text``: what lies between ASCII spaces, tabs and line ends (a no-break
    space, as in French ``96 %`` or ``« oui »``, joins its two sides into one word)."""
    return [w for w in BREAKS.split(text) if w]


def wrap_at_spaces(text: Text, width: int) -> Text:
    """``text`` with a line end put at the last ASCII space before each line would pass
    ``width`` (rich breaks at any Unicode space, no-break ones too); a word wider than ``width``
    is left whole, for rich to fold."""
    lines = text.split("\n", allow_blank=True)
    out = Text("\n").join(_wrap_line(line, width) for line in lines)
    out.justify, out.overflow, out.no_wrap = text.justify, text.overflow, text.no_wrap
    return out


def _wrap_line(line: Text, width: int) -> Text:
    starts, used = [], 0
    for m in TOKEN.finditer(line.plain):  # a word with the spaces before it
        size = cell_len(m.group())
        if used and used + size > width:
            starts.append(m.start(2))
            used = cell_len(m.group(2))
        else:
            used += size
    if not starts:
        return line
    pieces = line.divide(starts)
    for piece in pieces:
        piece.rstrip()
    return Text("\n").join(pieces)


def measure(texts: Iterable[str], cap: int | None = None) -> Measure:
    """The minimum and natural width of a column of ``texts``; with ``cap``, a word wider than
    ``cap`` (to be folded whatever the plan) does not count in the minimum."""
    lo = hi = 1
    for text in texts:
        for line in text.splitlines() or [""]:
            hi = max(hi, cell_len(line))
            sizes = [cell_len(w) for w in words(line)]
            lo = max([lo, *(n for n in sizes if cap is None or n <= cap)])
    return Measure(lo, hi)


def measure_columns(
    keys: Sequence[str], columns: Sequence[Sequence[str]], width: int
) -> list[Measure]:
    """Each column's measure (header and cells). A word too wide to be whole even beside the
    columns that name the rows alone (a URL) is folded whatever the plan: its column's minimum
    is then its other words, and at least ``FOLDED`` cells (a URL in pieces that can be read)."""
    measures = [measure(c) for c in columns]
    names = row_keys(keys)
    cap = room(width, len(names) + 1) - sum(measures[i].lo for i in names if i < len(measures))
    out = []
    for i, (column, m) in enumerate(zip(columns, measures)):
        if m.lo > cap and i not in names:
            m = Measure(max(measure(column, cap).lo, min(cap, FOLDED)), m.hi)
        out.append(m)
    return out


def room(width: int, n: int, edges: bool = True) -> int:
    """The columns' share of ``width`` once the rules of ``n`` columns are drawn (``edges``:
    with the outer frame and its padding, 4 cells)."""
    return width - RULE * n - EDGE + (0 if edges else OPEN_SAVES)


def table_width(widths: Sequence[int], edges: bool = True) -> int:
    return sum(widths) + RULE * len(widths) + EDGE - (0 if edges else OPEN_SAVES)


def fits(measures: Sequence[Measure], width: int, edges: bool = True) -> bool:
    """Whether every column can have its longest word whole."""
    return sum(m.lo for m in measures) <= room(width, len(measures), edges)


def share(measures: Sequence[Measure], space: int) -> list[int]:
    """Widths for ``space`` cells of text: natural widths when they fit; else each column its
    minimum and what is left shared in proportion to what each lacks of its natural width
    (largest remainders first). Of the ways tried, the one that gives the fewest lines over
    every view at 60, 80 and 100 columns (an even share, short columns first, gave 7 to 13 %
    more)."""
    lo = [m.lo for m in measures]
    hi = [max(m.hi, m.lo) for m in measures]
    if sum(hi) <= space:
        return hi
    if sum(lo) > space:
        return squeeze(lo, space)
    extra, want = space - sum(lo), [h - low for h, low in zip(hi, lo)]
    raw = [extra * w / sum(want) for w in want]
    base = [int(r) for r in raw]
    by_remainder = sorted(range(len(raw)), key=lambda i: (base[i] - raw[i], i))
    for i in by_remainder[: extra - sum(base)]:
        base[i] += 1
    return [low + b for low, b in zip(lo, base)]


def squeeze(wanted: Sequence[int], space: int) -> list[int]:
    """The last resort, when the longest words cannot all be whole: the widest columns are cut
    down to a common cap (so the fewest words are folded), none narrower than one cell."""
    space = max(space, len(wanted))
    cap = max(wanted, default=1)
    while cap > 1 and sum(min(w, cap) for w in wanted) > space:
        cap -= 1
    widths = [min(w, cap) for w in wanted]
    spare = space - sum(widths)
    for i in sorted(range(len(wanted)), key=lambda i: -wanted[i]):
        if spare > 0 and widths[i] < wanted[i]:
            widths[i] += 1
            spare -= 1
    return widths


def row_keys(keys: Sequence[str]) -> list[int]:
    """The columns that name a row: its rank and its title (or label, or the pair of jobs of a
    move), or else the first column."""
    ranks = [i for i, k in enumerate(keys) if k in RANKS]
    name = next((i for i, k in enumerate(keys) if k in NAMES), None)
    names = [name] if name is not None else [i for i, k in enumerate(keys) if k in PAIRS]
    return sorted(ranks + names) or [0]


def droppable(keys: Sequence[str]) -> set[int]:
    """The id, when a title or label says the same to a person."""
    if not {"title", "label"} & set(keys):
        return set()
    return {i for i, k in enumerate(keys) if k == "id"}


def plan(keys: Sequence[str], measures: Sequence[Measure], width: int) -> list[Part]:
    """The parts a table is drawn in (one, mostly), the width of each column of each, and
    whether each has its outer frame."""

    def m(cols: list[int]) -> list[Measure]:
        return [measures[i] for i in cols]

    def part(cols: list[int], edges: bool) -> Part:
        return Part(cols, share(m(cols), room(width, len(cols), edges)), edges)

    shown = list(range(len(keys)))
    gone = droppable(keys)
    if gone and sum(x.hi for x in measures) > room(width, len(shown)):  # space is short
        fair = room(width, len(shown)) / len(shown)  # the id may stay if it takes its share
        if not fits(measures, width) or any(measures[i].hi > fair for i in gone):
            shown = [i for i in shown if i not in gone] or shown
    for edges in (True, False):  # then the outer frame, before cutting the table in parts
        if fits(m(shown), width, edges) or (edges and len(shown) == 1):
            return [part(shown, edges)]
    groups = _split(shown, [i for i in row_keys(keys) if i in shown], measures, width)
    return [part(g, fits(m(g), width) or not fits(m(g), width, False)) for g in groups]


def _split(
    shown: list[int], names: list[int], measures: Sequence[Measure], width: int
) -> list[list[int]]:
    """Consecutive columns, as many a part as fit beside the columns that name the rows."""
    names = names or shown[:1]
    rest = [i for i in shown if i not in names]
    groups: list[list[int]] = []
    current: list[int] = []
    for i in rest:
        trial = sorted(names + current + [i])
        if current and not fits([measures[j] for j in trial], width):
            groups.append(sorted(names + current))
            current = []
        current.append(i)
    groups.append(sorted(names + current))
    return groups


def quiet_columns(
    headers: Sequence[str], rows: Sequence[Sequence[str]], names: Iterable[int]
) -> tuple[list[int], list[tuple[str, str]]]:
    """The columns a human table leaves out: those empty on every row, and those that say the
    same on every row of two or more (with what they say, for a note). A column that names the
    rows, or has no header to say its value with, stays."""
    keep = set(names)
    gone: list[int] = []
    said: list[tuple[str, str]] = []
    for i, header in enumerate(headers):
        values = {row[i].strip() for row in rows}
        if values <= {""}:
            gone.append(i)
        elif len(values) == 1 and len(rows) > 1 and i not in keep and header.strip():
            gone.append(i)
            said.append((header, " ".join(values.pop().split())))
    if len(gone) == len(headers):  # a table keeps a column
        return [], []
    return gone, said


def footnote_shown(note: str, shown: str) -> bool:
    """Whether ``note`` is to be printed: always, unless it is the footnote of a mark (it starts
    with the mark and a space) that nothing shown carries."""
    mark = note[:1]
    if mark not in FOOTNOTE_MARKS or note[1:2] not in ("", " "):
        return True
    return mark in shown
