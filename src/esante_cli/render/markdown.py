"""Markdown: a heading per section, GitHub-style tables, prose sections as paragraphs."""

from __future__ import annotations

import re
from typing import Any

from ..i18n import Lang
from .printable import printable
from .views import sections_of

# What GitHub-flavoured Markdown turns into a web link by itself: 'scheme://...' and 'www.';
# a backslash before the ':' or the '.' keeps it text (checked with cmark-gfm). An e-mail
# address is linked after escapes are read, so it stays a mailto: link.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9]):(?=//)|(?<![A-Za-z0-9])(?i:www)\.")


# What starts a heading, a list or a rule at the start of a line (a '>' is already '&gt;').
_LINE_START = re.compile(r"[#+=-]|\d+[.)]")


def _inert_lines(text: str) -> str:
    """The lines after the first as plain text: no indent (code), no heading, list or rule."""
    lines = text.split("\n")
    for i in range(1, len(lines)):
        line = lines[i].lstrip(" \t")
        found = _LINE_START.match(line)
        if found is not None:
            line = line[: found.end() - 1] + "\\" + line[found.end() - 1 :]
        lines[i] = line
    return "\n".join(lines)


def md_text(value: Any) -> str:
    """Text with Markdown and HTML made inert (newlines kept): no HTML, emphasis, code, link,
    table cell break, heading, autolinked address, mathematics ('$...$') or strike-through;
    control characters escaped (:func:`.printable.printable`)."""
    if value is None:
        return ""
    text = printable(str(value), lines=True).replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]$~":
        text = text.replace(ch, "\\" + ch)
    text = _AUTOLINK.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)
    if "\n" in text:  # a line of its own can start a heading, a list, a rule or code
        text = _inert_lines(text)
    if text.startswith("#"):
        text = "\\" + text
    return text


def md_cell(value: Any) -> str:
    """A table cell: inert text, its line breaks as <br>."""
    return md_text(value).replace("\n", "<br>")


def render_markdown(result: Any, lang: Lang = Lang.fr, **opts: Any) -> str:
    lines: list[str] = []
    for section in sections_of(result, lang, human=True, **opts):
        level = "#" if section.key == "header" else "##"  # a card's title heads the page
        lines.append(f"{level} {md_text(section.title)}")
        lines.append("")
        if section.prose:
            for row in section.rows:
                heading, body = row[0], row[1]
                if heading:
                    lines += [f"**{md_text(heading)}**", ""]
                # each line of the cell its own paragraph: GitHub would run the lines into one
                for part in md_text(body).split("\n"):
                    lines += [part, ""]
        elif section.rows:
            lines.append("| " + " | ".join(md_cell(c) for c in section.columns) + " |")
            lines.append("|" + "|".join(" --- " for _ in section.columns) + "|")
            for row in section.rows:
                lines.append("| " + " | ".join(md_cell(v) for v in row) + " |")
            lines.append("")
        for note in section.notes:
            lines += [md_text(note), ""]
    return "\n".join(lines).rstrip() + "\n"
