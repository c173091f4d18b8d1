"""Any terminal (issue 11): every table view, at 60, 80 and 160 columns, in French and English,
keeps every word of every cell whole; the id goes when space is short; a column empty or the
same on every row is left out; a footnote comes only with its mark.

The cells are taken from the very sections the table renderer drew (recorded on the way), the
words are what lies between ASCII spaces (a no-break space, as in French ``96 %``, binds), and
each must be a whole token of the output, as many times as the cells hold it. A word wider than
the terminal less 25 cells (a URL, a path in a message) may be folded: none is at 160 columns.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from esante_cli.i18n import Lang, t
from esante_cli.render import mapdraw, table
from esante_cli.render.views import sections_of

from .helpers import ok

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "examples" / "profiles"
CAMILLE = str(PROFILES / "camille-data-scientist.yaml")
KARIM = str(PROFILES / "karim-developpeur.yaml")
SOPHIE = str(PROFILES / "sophie-ingenieure-biomedicale.json")
E_SANTE = "specialiste-e-sante"

VIEWS = {
    "list": ("list",),
    "list-family": ("list", "--family", "architecture"),
    "show": ("show", E_SANTE),
    "show-no-card": ("show", "data-engineer"),  # codes with an ESCO URI
    "show-neighbours": ("show", E_SANTE, "--section", "neighbours"),
    "show-competences": ("show", "data-scientist", "--section", "competences"),
    "show-relations": ("show", E_SANTE, "--section", "relations"),
    "show-certifications": ("show", E_SANTE, "--section", "certifications"),
    "competences": ("competences",),
    "competence": ("competence", "données massives"),
    "validate": ("validate",),
    "neighbours": ("neighbours", E_SANTE),
    "neighbours-all": ("neighbours", "data-scientist", "--kind", "all"),
    "paths": ("paths", "data-scientist", E_SANTE, "--explain"),
    "paths-k3": ("paths", "Data Scientist", "Responsable Green IT", "--k", "3"),
    "compare": ("compare", "data-scientist", E_SANTE, "architecte-iot"),
    "gap": ("gap", "data-scientist", E_SANTE),
    "recommend": ("recommend", "architecte-iot"),
    "recommend-downgrades": ("recommend", E_SANTE, "--include-downgrades"),
    "match": ("match", CAMILLE),
    "match-explain": ("match", KARIM, "--explain"),
    "match-anonymous": ("match", SOPHIE, "--anonymous"),
    "gap-profile": ("gap", "--profile", CAMILLE, E_SANTE),
    "paths-profile": ("paths", "--profile", CAMILLE, "--to", E_SANTE, "--k", "2"),
    "whatif": ("whatif", CAMILLE, "--raise", "technologies-sante+2", "--top", "6"),
    "leverage": ("leverage", SOPHIE),
    "leverage-targets": ("leverage", CAMILLE, "--targets", f"{E_SANTE},responsable-green-it"),
    "map": ("map", E_SANTE),
    "model-calibrate": ("model", "calibrate"),
    "model-check": ("model", "check"),
}
WIDTHS = (60, 80, 160)
BREAK = re.compile(r"[ \t\r\n]+")  # ASCII spaces only, as the renderer breaks lines
FOOTNOTE = re.compile(r"^([*†‡]) ", re.MULTILINE)


def words(text: Any) -> list[str]:
    return [w for w in BREAK.split("" if text is None else str(text)) if w]


@pytest.fixture
def drawn(monkeypatch) -> list[Any]:
    """The sections the table renderer draws during a run (those of a map's tree too)."""
    seen: list[Any] = []

    def record(function):
        def wrapper(*args, **kwargs):
            out = function(*args, **kwargs)
            seen.extend(out)
            return out

        return wrapper

    monkeypatch.setattr(table, "sections_of", record(table.sections_of))
    monkeypatch.setattr(table, "card_sections", record(table.card_sections))
    tree = mapdraw.render_map_tree

    def map_tree(result, lang=Lang.fr, out=None):
        seen.extend(sections_of(result, lang, human=True))
        return tree(result, lang, out)

    monkeypatch.setattr(mapdraw, "render_map_tree", map_tree)
    return seen


def _expected(section: Any) -> tuple[Counter[str], set[str]]:
    """The words the output must hold (with how many times at least), and the ids it may hold
    or not (the id column goes when space is short)."""
    keys, rows = section.keys, section.rows
    if section.prose:
        return Counter(w for row in rows for cell in row for w in words(cell)), set()
    if section.key == "map":  # the tree names each job (its other cells are worded anew)
        keys, rows = ["title"], [[row[section.keys.index("title")]] for row in rows]
    if section.key == "header":  # the card's panel: names and values, no column heading
        return Counter(w for row in rows for w in words(row[0]) + words(row[1])), set()
    if section.key == "competences" and "provenance" in keys:  # the card's ladder table
        return _ladder_words(section), {str(row[0]) for row in rows}
    expected: Counter[str] = Counter()
    ids: set[str] = set()
    for i, key in enumerate(keys):
        cells = [row[i] for row in rows]
        if key == "id":
            ids |= {str(c) for c in cells}
            continue
        constant = len(rows) > 1 and len({str(c) for c in cells}) == 1
        if constant:  # said once, below the table ("Anneau : inconnu", "Ring: unknown")
            cells = cells[:1]
        expected.update(w for c in cells for w in words(c))
        if section.key != "map" and not constant and any(words(c) for c in cells):
            expected.update(words(section.columns[i]))
    return expected, ids


def _ladder_words(section: Any) -> Counter[str]:
    """The card's competences as its table shows them: label, expected level, the four levels,
    the example, and the reason of an estimate."""
    col = {k: i for i, k in enumerate(section.keys)}
    shown = ["label", "expected_level", "example", "level_1", "level_2", "level_3", "level_4"]
    out: Counter[str] = Counter()
    for row in section.rows:
        cells = [row[col[k]] for k in shown]
        if row[col["provenance"]] not in ("card", None):
            cells.append(row[col["reason"]])
        out.update(w for c in cells for w in words(c))
    return out


def _run(invoke, drawn, view: str, lang: str, width: int) -> str:
    drawn.clear()
    return ok(invoke("--lang", lang, *VIEWS[view], env={"COLUMNS": str(width)}))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_no_word_is_cut(invoke, drawn, view, lang, width):
    """Every word of every cell the tables show is a whole token of the output; no line is
    wider than the terminal."""
    out = _run(invoke, drawn, view, lang, width)
    assert drawn, "the renderer drew no section"
    assert max(cell_len(line) for line in out.splitlines()) <= width
    tokens = Counter(words(out))
    expected: Counter[str] = Counter()
    for section in drawn:
        expected.update(_expected(section)[0])
    long = {w for w in expected if cell_len(w) > width - 25}
    assert width < 160 or not long
    cut = {w: (n, tokens[w]) for w, n in expected.items() if tokens[w] < n and w not in long}
    assert cut == {}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("view", ["list", "show-neighbours", "competence"])
def test_the_id_goes_when_space_is_short(invoke, drawn, view, lang):
    """At 160 columns the ids are there; at 60 and 80 the titles say it, the ids are gone
    (a script reads them from JSON or CSV)."""
    wide = _run(invoke, drawn, view, lang, 160)
    ids = set().union(*(_expected(s)[1] for s in drawn))
    assert ids and ids <= set(words(wide))
    for width in (60, 80):
        narrow = _run(invoke, drawn, view, lang, width)
        assert ids.isdisjoint(words(narrow)), width


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_the_card_ladder_keeps_competence_ids_while_there_is_room(invoke, drawn, width):
    """The competence ids under their labels stay from 100 columns, go at 60 and 80 (their
    longest, 'moyens-technologiques-humains', would take more than its share of the width)."""
    out = _run(invoke, drawn, "show-competences", "fr", width)
    ids = {row[0] for s in drawn if s.key == "competences" for row in s.rows}
    shown = set(words(out))
    assert (ids <= shown) == (width >= 100)
    hyphenated = {i for i in ids if "-" in i}  # 'risques', 'autonomie' are words of the text
    assert hyphenated.isdisjoint(shown) == (width < 100)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_empty_and_constant_columns_are_left_out(invoke, drawn, lang):
    """The card's neighbours: no 'Secteur' column (empty on every row), no 'Anneau' column (the
    same on every row): it is said once, below the table."""
    out = _run(invoke, drawn, "show-neighbours", lang, 160)
    headers = " ".join(line for line in out.splitlines() if "┃" in line)
    assert t("sector", Lang(lang)) not in out
    assert t("ring", Lang(lang)) not in headers
    colon = " : " if lang == "fr" else ": "
    assert f"{t('ring', Lang(lang))}{colon}{t('unknown', Lang(lang))}" in out.splitlines()
    assert t("title", Lang(lang)) in headers


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_list_prints_no_footnote_without_its_mark(invoke, drawn, lang):
    """``list`` counts levels, it marks none: no '*' footnote."""
    out = _run(invoke, drawn, "list", lang, 80)
    assert "*" not in out


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_every_footnote_has_its_mark(invoke, drawn, view):
    """A footnote (a line that starts with '*', '†' or '‡' and a space) is printed only when its
    mark is somewhere else in the output."""
    out = _run(invoke, drawn, view, "fr", 160)
    rest = FOOTNOTE.sub("", out)
    for found in FOOTNOTE.finditer(out):
        assert found.group(1) in rest, found.group(0)


def test_a_route_footnote_counts_marks_in_every_route(invoke, drawn):
    """The footnotes sit under the last route; their marks may be in an earlier one."""
    out = _run(invoke, drawn, "paths-k3", "fr", 160)
    assert FOOTNOTE.search(out)


# -- long tables on a terminal -------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _lines(out: str) -> list[str]:
    return re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()


@pytest.mark.parametrize("tty", [True, False])
def test_a_long_table_is_paged_on_a_terminal_only(monkeypatch, tty):
    """On a terminal 20 lines high, the job list (taller) comes in pages, each with its header,
    none taller than the screen, no row split between two; in a pipe it is one table."""
    from esante_cli.dataset import load_dataset, packaged_data_dir
    from esante_cli.queries.card import list_jobs
    from esante_cli.render import render

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "20")
    stream = _Terminal() if tty else io.StringIO()
    ds = load_dataset(packaged_data_dir())
    render(list_jobs(ds), "table", lang=Lang.fr, out=stream)
    lines = _lines(stream.getvalue())
    tops = [i for i, line in enumerate(lines) if line.startswith("┏")]
    bottoms = [i for i, line in enumerate(lines) if line.startswith("└")]
    headers = [line for line in lines if line.startswith("┃") and t("title") in line]
    assert len(headers) == len(tops) == len(bottoms)
    assert (len(tops) > 1) == tty
    if tty:
        pages = [b - a + 1 for a, b in zip(tops, bottoms)]
        assert max(pages) <= 20 - 1
    for job in ds.jobs:  # each row once, whole: its title's first word opens a row
        first = job.title.split()[0]
        rows = [line for line in lines if line.startswith(f"│ {first} ")]
        assert rows, job.title
