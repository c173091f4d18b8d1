"""Reading spreadsheet files as counsellors save them: a group CSV (``esante workshop``) and the
files of ``esante import csv``.

- the text: UTF-8, with or without a byte-order mark ("CSV UTF-8"), or Windows-1252 (what
  French Excel writes for "CSV (séparateur : point-virgule)"); UTF-16 with its byte-order mark
  ("Texte Unicode"). Other bytes are one clear error naming the file and the byte;
- the separator: ``,``, ``;`` or a tab, the one that cuts the first rows into the same number
  of cells (quotes understood), :func:`sniff_delimiter`;
- line ends: ``\\n``, ``\\r\\n`` or ``\\r``, as the csv module reads them;
- headers: compared folded (case, accents, spaces, hyphens and punctuation ignored),
  :func:`header_key`;
- numbers: a decimal comma is a decimal point (``"3,0"`` is 3), :func:`decimal_point`.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re

from .errors import InputError
from .language import _

__all__ = ["DELIMITERS", "decimal_point", "decode_sheet", "header_key", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t")  # on a tie, the first: a plain CSV stays read as it always was
SNIFFED_ROWS = 20  # the rows the separator is judged on
_DECIMAL_COMMA = re.compile(r"(-?[0-9]+),([0-9]+)")


def decode_sheet(data: bytes, name: str, what: str | None = None) -> str:
    """The text of a spreadsheet file's ``data`` (see the module's doc for the encodings); one
    ``InputError`` naming ``name`` for a binary file or an encoding it is not."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            message = _("{path} : texte non UTF-16 (octet {byte})")
            raise InputError(message.format(path=name, byte=exc.start)) from None
    if b"\x00" in data:
        message = _("{path} : fichier binaire, pas {what}")
        raise InputError(message.format(path=name, what=what or _("un fichier CSV")))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        message = _(
            "{path} : texte ni UTF-8 ni Windows-1252 (octet {byte}) ; enregistrez-le en "
            "« CSV UTF-8 »"
        )
        raise InputError(message.format(path=name, byte=exc.start)) from None


def sniff_delimiter(text: str) -> str:
    """The separator of a CSV text: of ``,``, ``;`` and tab, the one that gives the header
    more than one cell and the most of the first rows as many cells as the header (then the
    most cells). A decimal comma in a ``;`` file ("3,0") does not fool it: the rows would not
    agree with the header."""

    def score(delimiter: str) -> tuple[bool, int, int]:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            rows = [
                r for r in itertools.islice(reader, SNIFFED_ROWS * 2) if any(c.strip() for c in r)
            ]
        except csv.Error:
            return (False, 0, 0)
        if not rows:
            return (False, 0, 0)
        width = len(rows[0])
        agree = sum(len(r) == width for r in rows[1 : SNIFFED_ROWS + 1])
        return (width > 1, agree, width)

    best = max(DELIMITERS, key=score)  # max keeps the first of equals
    return best


def header_key(cell: str) -> str:
    """A header cell as a key: folded, words joined by ``_`` ('Libellé' -> 'libelle',
    'Niveau 1' -> 'niveau_1', 'Autres appellations (EN)' -> 'autres_appellations_en')."""
    from .names import fold

    return fold(cell).replace(" ", "_")


def decimal_point(cell: str) -> str:
    """A number written with a decimal comma, with a point ('3,0' -> '3.0'); other text as
    it is."""
    match = _DECIMAL_COMMA.fullmatch(cell.strip())
    return f"{match[1]}.{match[2]}" if match else cell
