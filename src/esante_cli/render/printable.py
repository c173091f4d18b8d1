"""Text from a user or a data file, made safe to show: the one place its control characters
are escaped before they reach a terminal.

A job title, a competence label, a profile name, a name typed on the command line, a value in
an error message: any of them may hold control characters (C0, DEL, C1), which a terminal
obeys (``ESC ] 0 ; … BEL`` sets its title, ``ESC [ 2 J`` clears the screen, a carriage return
or a newline lets a name forge a line of its own, an "esante : erreur : …" line). Before it is
laid out (so that widths are counted on what is shown), such text goes through
:func:`printable`: each control character becomes its escape, ``\\x1b``, ``\\n``, and so do the
bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, which reorder a line on
screen) and the line and paragraph separators. A byte that was not UTF-8 (a name given on the
command line, decoded by Python as a lone surrogate) is shown as the byte, ``\\xff``.

The human formats (tables, Markdown, the terminal map) get a copy of the result with every
text escaped (:func:`printable_result`); the messages on stderr (errors, warnings, the names
understood) are escaped whole, on one line. File formats with their own escaping (JSON, CSV,
HTML, SVG, GraphML, DOT, Mermaid) are left as they are.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

__all__ = ["printable", "printable_result"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"


@cache
def _pattern(lines: bool) -> re.Pattern[str]:
    """What is escaped: in a text of several lines (``lines``) newlines and tabs are kept."""
    return re.compile(f"[{_CONTROLS}]" if lines else f"[{_CONTROLS}\n\t]")


def _escape(found: re.Match[str]) -> str:
    ch = found.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape): the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with its control characters escaped (``\\x1b``, ``\\r``, ``\\u202e``): one
    line, unless ``lines`` keeps its newlines and tabs (a paragraph of a card, a table cell).
    Text without any is returned as it is (the same object)."""
    if text.isprintable():  # most text (in C; no pattern compiled for it at start-up)
        return text
    pattern = _pattern(lines)
    if pattern.search(text) is None:  # a no-break space, a newline kept...
        return text
    return pattern.sub(_escape, text)


def printable_result(value: Any) -> Any:
    """``value`` (a result model, or anything it holds) with every text escaped by
    :func:`printable` (newlines kept); what holds no control character is returned as it is."""
    if isinstance(value, str):
        return printable(value, lines=True)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [printable_result(v) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        if hasattr(value, "_fields"):  # a named tuple
            return type(value)(*items)
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(printable_result(k), printable_result(v)) for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items())):
            return value
        return type(value)(pairs)
    fields = getattr(type(value), "model_fields", None)
    if isinstance(fields, dict):  # a pydantic model: a copy with its texts escaped
        changed = {}
        for name in fields:
            old = getattr(value, name)
            new = printable_result(old)
            if new is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    return value
