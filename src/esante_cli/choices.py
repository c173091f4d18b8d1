"""The choices a user makes, one ``StrEnum`` each, shared by every layer: the command line's
options, ``esante batch``'s fields, the queries' parameters and the results' fields.

A member is a ``str`` equal to its value: JSON writes the value, and comparisons, f-strings and
dictionary look-ups with plain strings see the value. A value in any case names its member
(``Direction("OUT")`` is ``Direction.out``), as on the command line.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "CardSection",
    "Choice",
    "CsvDialect",
    "Direction",
    "Format",
    "GraphFormat",
    "KindFilter",
    "Lang",
    "MatrixFormat",
    "MatrixLayout",
    "Objective",
    "ReportFormat",
]


class Choice(StrEnum):
    """A choice among fixed values, named in any case."""

    @classmethod
    def _missing_(cls, value: object) -> Choice | None:
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        return None


class Format(Choice):
    """The output format of a query command (``--format``)."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class Lang(Choice):
    """The language of the interface (``--lang``)."""

    fr = "fr"
    en = "en"


class CsvDialect(Choice):
    """How a CSV file is written (``--csv-dialect``): ``plain`` for programs (``,``, decimal
    point, machine keys), ``excel-fr`` for a French spreadsheet (``;``, a byte-order mark,
    decimal comma, headers in the interface language)."""

    plain = "plain"
    excel_fr = "excel-fr"


class Direction(Choice):
    """Which neighbours: those a job leads to (out), those leading to it (in), or both."""

    both = "both"
    in_ = "in"
    out = "out"


class KindFilter(Choice):
    """Which links: declared by the card, computed, or all."""

    all = "all"
    declared = "declared"
    computed = "computed"


class Objective(Choice):
    """What a route search minimises."""

    levels = "levels"
    hops = "hops"
    max_jump = "max-jump"


# French names and words of the card's parts, as a counsellor may write them (folded).
SECTION_ALIASES = {
    "entete": "header",
    "en-tete": "header",
    "finalite": "missions",
    "contexte": "context",
    "competence": "competences",
    "voisins": "neighbours",
    "proximites": "neighbours",
}


class CardSection(Choice):
    """One part of a job card (``show --section``)."""

    header = "header"
    missions = "missions"
    context = "context"
    relations = "relations"
    competences = "competences"
    certifications = "certifications"
    neighbours = "neighbours"

    @classmethod
    def named(cls, text: str) -> CardSection:
        """The part ``text`` names, in any case, with or without accents, or by a French word
        (``"Voisins"``, ``"en-tête"``); a ``ValueError`` says the parts otherwise."""
        import re
        import unicodedata

        # folded as names.fold does (lower-case ASCII words), not imported from it: the names
        # module speaks the interface's language, which is one of these choices
        plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        key = re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip().replace(" ", "-")
        try:
            return cls(SECTION_ALIASES.get(key, key))
        except ValueError:
            raise ValueError(f"'{text}' is not one of {', '.join(cls)}") from None


class GraphFormat(Choice):
    """The file format of ``export graph``."""

    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    dot = "dot"
    mermaid = "mermaid"


class MatrixFormat(Choice):
    """The file format of ``export matrix`` (xlsx: a spreadsheet file, with ``--output``)."""

    csv = "csv"
    json = "json"
    xlsx = "xlsx"


class MatrixLayout(Choice):
    """The shape of ``export matrix``: one row per job, or one row per pair of jobs."""

    square = "square"
    long = "long"


class ReportFormat(Choice):
    """The format of the workshop's reports: a standalone HTML page, or Markdown."""

    html = "html"
    md = "md"
