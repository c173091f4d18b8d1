"""The one function that makes text from a user or a data file safe to show on a terminal."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from esante_cli.render.printable import printable, printable_result
from esante_cli.results.card import JobList, JobRow

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def test_every_control_character_is_escaped():
    """C0, DEL and C1 become \\xNN; newline, carriage return and tab their usual escapes."""
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        shown = printable(f"a{chr(code)}b")
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(chr(code), f"\\x{code:02x}")
        assert shown == f"a{named}b", hex(code)


def test_a_text_of_lines_keeps_its_newlines_and_tabs():
    """lines=True keeps the newline and the tab (a paragraph, a cell); the rest is escaped."""
    assert printable("a\nb\tc\r\x1b", lines=True) == "a\nb\tc\\r\\x1b"


def test_bidi_overrides_separators_and_undecoded_bytes():
    """Overrides and isolates, line separators: \\uNNNN; a byte that was not UTF-8: \\xNN."""
    assert printable("\u202eevil\u2066\u2028") == "\\u202eevil\\u2066\\u2028"
    assert printable(b"\xff\xfeok".decode("utf-8", "surrogateescape")) == "\\xff\\xfeok"


def test_clean_text_is_returned_as_it_is():
    """Text without control characters is the same object (accents, no-break spaces too)."""
    text = "Spécialiste e-santé : 75\u00a0%"
    assert printable(text) is text


@given(st.text())
def test_nothing_raw_is_ever_left(text):
    """Whatever the text, one line and no raw control character; with lines, none but the
    newline and the tab."""
    line = printable(text)
    assert RAW.search(line) is None and "\n" not in line and "\t" not in line
    assert RAW.search(printable(text, lines=True)) is None


def test_a_result_is_copied_with_its_texts_escaped():
    """printable_result escapes every text of a frozen result, leaves the original alone, and
    returns a clean result itself."""
    row = JobRow(id="x", title="Data\x1b[2J", family=None, card_levels=0, estimated_levels=1)
    result = JobList(data_version="1", jobs=[row])
    shown = printable_result(result)
    assert shown.jobs[0].title == "Data\\x1b[2J"
    assert result.jobs[0].title == "Data\x1b[2J"
    clean = JobList(data_version="1", jobs=[row.model_copy(update={"title": "Y"})])
    assert printable_result(clean) is clean
