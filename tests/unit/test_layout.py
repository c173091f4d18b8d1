"""The width planner of the tables (render/layout.py), on made-up columns."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from esante_cli.i18n import Lang
from esante_cli.render.layout import (
    Measure,
    footnote_shown,
    measure,
    measure_columns,
    plan,
    quiet_columns,
    room,
    share,
    squeeze,
    table_width,
    words,
    wrap_at_spaces,
)


def test_a_column_is_measured_by_its_longest_word_and_line():
    assert measure(["Architecte IoT", "Spécialiste e-santé"]) == Measure(11, 19)
    assert measure(["a\nbb cc"]) == Measure(2, 5)


def test_a_no_break_space_binds_a_word():
    """French writes '96 %' and '« oui »' with no-break spaces: one word each."""
    assert words("96\u00a0%* proche") == ["96\u00a0%*", "proche"]
    assert measure(["96\u202f%"]).lo == 4


def test_a_word_wider_than_any_plan_leaves_the_minimum_to_the_others():
    url = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"
    ms = measure_columns(["label", "uri"], [["Libellé", "data scientist"], ["URI", url]], 60)
    assert ms[1].lo == 16 and ms[1].hi == len(url)  # folded, in pieces of 16 cells or more


def test_natural_widths_when_they_fit():
    assert share([Measure(2, 10), Measure(3, 5)], 20) == [10, 5]


def test_the_room_left_goes_to_what_each_column_lacks():
    widths = share([Measure(5, 25), Measure(5, 15), Measure(4, 4)], 29)
    assert sum(widths) == 29 and widths[2] == 4
    assert widths[0] - 5 == 2 * (widths[1] - 5)  # lacked 20 and 10


@given(st.lists(st.tuples(st.integers(1, 40), st.integers(0, 80)), min_size=1, max_size=9))
def test_shares_fill_the_room_and_keep_every_word_whole(columns):
    measures = [Measure(lo, lo + extra) for lo, extra in columns]
    space = sum(m.lo for m in measures) + 7
    widths = share(measures, space)
    assert all(m.lo <= w <= m.hi for m, w in zip(measures, widths))
    assert sum(widths) == min(space, sum(m.hi for m in measures))


def test_squeeze_narrows_the_widest_columns_first():
    assert squeeze([30, 5, 4], 25) == [16, 5, 4]
    assert squeeze([1, 1], 0) == [1, 1]


def test_the_id_goes_when_space_is_short():
    keys = ["id", "title", "family"]
    ms = [Measure(35, 35), Measure(12, 24), Measure(12, 41)]
    [wide] = plan(keys, ms, 160)
    assert wide.columns == [0, 1, 2] and wide.widths == [35, 24, 41]
    [narrow] = plan(keys, ms, 80)
    assert narrow.columns == [1, 2] and table_width(narrow.widths) <= 80


def test_the_id_stays_without_a_title():
    [part] = plan(["id", "cost"], [Measure(35, 35), Measure(4, 4)], 60)
    assert part.columns == [0, 1]


def test_the_outer_frame_goes_before_the_table_is_cut():
    ms = [Measure(10, 20)] * 5  # 50 cells of words, 16 of rules: 66
    [part] = plan(["a", "b", "c", "d", "e"], ms, 63)
    assert not part.edges and sum(part.widths) == room(63, 5, edges=False)


def test_a_table_too_wide_is_cut_in_parts_that_repeat_the_row_names():
    keys = ["rank", "title", "a", "b", "c", "d"]
    ms = [Measure(2, 2), Measure(12, 30)] + [Measure(11, 20)] * 4
    parts = plan(keys, ms, 60)
    assert len(parts) == 2
    assert all(p.columns[:2] == [0, 1] for p in parts)
    assert sorted({c for p in parts for c in p.columns}) == list(range(6))
    assert all(table_width(p.widths, p.edges) <= 60 for p in parts)


def test_empty_and_constant_columns():
    headers = ["Métier", "Anneau", "Secteur", "Coût"]
    rows = [["A", "inconnu", "", "1"], ["B", "inconnu", "", "2"]]
    gone, said = quiet_columns(headers, rows, [0])
    assert gone == [1, 2] and said == [("Anneau", "inconnu")]
    # one row: nothing is "the same on every row"; a row-naming column always stays
    assert quiet_columns(headers, rows[:1], [0]) == ([2], [])
    assert quiet_columns(["Métier"], [["A"], ["A"]], [0]) == ([], [])


def test_a_footnote_needs_its_mark():
    note = "* estimation des auteurs du jeu de données"
    assert not footnote_shown(note, "Niv. estimés 11")
    assert footnote_shown(note, "96 %*")
    assert footnote_shown("Stabilité : part des tirages", "")  # not a footnote
    assert footnote_shown("*gras*", "")  # a mark is followed by a space


def test_lines_break_at_ascii_spaces_only():
    text = wrap_at_spaces(Text("acquis 96\u00a0% ou plus", style="bold"), 10)
    assert text.plain == "acquis\n96\u00a0% ou\nplus"
    assert text.style == "bold" or text.spans
    lines = text.wrap(Console(width=80), 10)
    assert [line.plain for line in lines] == ["acquis", "96\u00a0% ou", "plus"]


def test_a_leading_indent_is_kept():
    assert wrap_at_spaces(Text("  1. Recenser les étapes"), 13).plain == "  1. Recenser\nles étapes"


def test_french_spaces_before_punctuation_bind():
    """The space French puts before ':', ';', '!', '?', '»' and after '«' never ends a line:
    a label and its colon stay together, as a no-break space would keep them."""
    assert words("données massives : 3 ; « oui » !") == [
        "données",
        "massives :",
        "3 ;",
        "« oui » !",
    ]
    text = "Gérer et exploiter des données massives : 3 (le métier en demande 2)"
    assert wrap_at_spaces(Text(text), 24).plain.splitlines() == [
        "Gérer et exploiter des",
        "données massives : 3 (le",
        "métier en demande 2)",
    ]


def test_an_indented_line_is_measured_with_its_indent():
    """A numbered level in a card's cell starts with two spaces: they count, or the line would
    pass the width and rich would break it again ('collecte et' / 'de' / 'traitement')."""
    text = "  3. Anticiper les besoins de collecte et de traitement de données de santé"
    lines = wrap_at_spaces(Text(text), 43).plain.splitlines()
    assert lines == [
        "  3. Anticiper les besoins de collecte et",
        "de traitement de données de santé",
    ]


@given(
    st.lists(
        st.sampled_from(["massives", "niveau", "3*", ":", ";", "«", "»", "?", "!", "(le", "a"]),
        min_size=1,
        max_size=30,
    ),
    st.integers(min_value=4, max_value=30),
    st.sampled_from(["", " ", "  ", "   "]),
    st.sampled_from([" ", "  "]),
)
def test_no_line_starts_with_bound_punctuation(tokens, width, indent, gap):
    """Whatever the words, the spaces and the width, no wrapped line starts with ':', ';', '!',
    '?' or '»' (unless the text does) nor ends with '«'; no line is wider than the width but a
    line of one word; and the words come out as they went in."""
    text = indent + gap.join(tokens)
    lines = wrap_at_spaces(Text(text), width).plain.split("\n")
    assert lines[0].strip().startswith(tokens[0])
    for line in lines:
        assert len(line) <= width or len(words(line)) == 1
    for line in lines[1:]:
        assert line[:1] not in (":", ";", "!", "?", "»")
    for line in lines[:-1]:
        assert not line.endswith("«")
    assert " ".join(" ".join(lines).split()) == " ".join(text.split())


def test_ranked_shares_that_would_read_the_same_get_a_decimal():
    """Two jobs ranked apart on 0.613 and 0.607 must not both read '61 %'; equal shares, and
    shares that differ once rounded, stay whole."""
    from esante_cli.render.sections import ranked_pcts

    nb = "\xa0"  # French writes a no-break space before the per cent sign
    shown = ranked_pcts([0.94, 0.613, 0.607, 0.5, 0.5], Lang.fr)
    assert shown == [f"94{nb}%", f"61,3{nb}%", f"60,7{nb}%", f"50{nb}%", f"50{nb}%"]
    assert ranked_pcts([0.714, 0.708], Lang.en) == ["71.4%", "70.8%"]
