"""CSV: the command's main table (or the chosen ``--section``), one header row.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) are prefixed with a quote, so a hostile title stays inert text.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from ..i18n import Lang
from .views import sections_of

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def render_csv(result: Any, lang: Lang = Lang.fr, **opts: Any) -> str:
    sections = sections_of(result, lang, human=False, **opts)
    main = next((s for s in sections if s.primary), sections[0])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(main.keys)
    for row in main.rows:
        writer.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
