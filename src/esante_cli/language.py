"""The current language and the catalogues: ``_``, ``ngettext``, numbers as each language
writes them. Light to import (every command may raise a message): the words of the views,
by key, are in :mod:`.i18n`, which says how the translation works."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING

from .choices import Lang

if TYPE_CHECKING:
    from decimal import Decimal
    from gettext import NullTranslations

__all__ = [
    "DOMAIN",
    "FRAMEWORK",
    "N_",
    "Lang",
    "_",
    "catalogue",
    "colon",
    "current_lang",
    "framework",
    "integer",
    "lang_from_env",
    "ngettext",
    "number",
    "percent",
    "set_lang",
    "using",
]

LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
DOMAIN = "esante"  # the tool's words: msgids in French, a catalogue for English
FRAMEWORK = "framework"  # Click's and Typer's words: msgids in English, a catalogue for French
SOURCE = {DOMAIN: Lang.fr, FRAMEWORK: Lang.en}  # the language each domain is written in

# -- the current language ----------------------------------------------------------------------

_current: Lang | None = None  # None: not chosen yet (read from the environment on first use)


def lang_from_env(environ: Mapping[str, str] | None = None) -> Lang:
    """``ESANTE_LANG``, else the locale's language when it is French or English, else French."""
    env = os.environ if environ is None else environ
    chosen = env.get("ESANTE_LANG", "").strip().lower()
    if chosen in ("fr", "en"):
        return Lang(chosen)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        codes = [part[:2].lower() for part in value.split(":") if part]
        for code in codes:
            if code in ("fr", "en"):
                return Lang(code)
        if codes and var != "LANGUAGE":  # the first locale variable set decides ("C": French)
            break
    return Lang.fr


def current_lang() -> Lang:
    """The language of the messages: :func:`set_lang`'s, else :func:`lang_from_env`'s."""
    global _current
    if _current is None:
        _current = lang_from_env()
    return _current


def set_lang(lang: Lang | str | None) -> Lang:
    """Make ``lang`` the current language (None: the environment's, read again)."""
    global _current
    _current = Lang(lang) if lang else lang_from_env()
    return _current


@contextmanager
def using(lang: Lang | str | None) -> Iterator[Lang]:
    """The current language is ``lang`` within the block (None: unchanged)."""
    global _current
    before = _current
    chosen = Lang(lang) if lang else current_lang()
    _current = chosen
    try:
        yield chosen
    finally:
        _current = before


# -- catalogues --------------------------------------------------------------------------------


@cache
def catalogue(domain: str, lang: str) -> NullTranslations:
    """The compiled catalogue of ``domain`` in ``lang``, read once; the source words (with the
    source language's plural rule) for the language a domain is written in, or when the
    catalogue is missing."""
    import gettext

    source = SOURCE[domain]
    if lang != source:
        path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{domain}.mo")
        try:
            with open(path, "rb") as handle:
                return gettext.GNUTranslations(handle)
        except OSError:
            pass

    class Source(gettext.NullTranslations):
        """The messages as written, plural by the rule of the language they are written in:
        French puts 0 and 1 in the singular ("0 étape", "1 étape", "2 étapes")."""

        def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
            return msgid2 if (n > 1 if source == Lang.fr else n != 1) else msgid1

        def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
            return self.ngettext(msgid1, msgid2, n)

    return Source()


def _(message: str) -> str:
    """``message`` (French, as written in the code) in the current language."""
    lang = current_lang()
    if lang == Lang.fr:
        return message
    return catalogue(DOMAIN, lang).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural (French in the code) for ``n``, in the current language, by
    its plural rule; the caller formats ``{n}``."""
    return catalogue(DOMAIN, current_lang()).ngettext(singular, plural, n)


def colon(lang: Lang | str | None = None) -> str:
    """What sits between a label and what follows it: ' : ' in French, ': ' in English."""
    return ": " if (lang or current_lang()) == Lang.en else " : "


def semicolon(lang: Lang | str | None = None) -> str:
    """What separates two parts of a sentence: ' ; ' in French, '; ' in English."""
    return "; " if (lang or current_lang()) == Lang.en else " ; "


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue, to translate later with ``_`` (a text made at import
    time, before the language is known)."""
    return message


def framework(message: str) -> str:
    """One of Click's or Typer's own messages (English, as they write it) in the current
    language."""
    lang = current_lang()
    if lang == Lang.en:
        return message
    return catalogue(FRAMEWORK, lang).gettext(message)


# -- numbers -----------------------------------------------------------------------------------


def _rounded(x: float, digits: int) -> Decimal:
    from decimal import ROUND_HALF_UP, Decimal

    # half up, as people round (6.25 -> 6.3), from the shortest decimal that is the float
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def number(x: float, lang: Lang | str | None = None, *, digits: int = 1) -> str:
    """A decimal number as a reader of ``lang`` writes it, with at most ``digits`` decimals
    (rounded half up) and none when they are zero: 6.875 -> '6,9' in French, '6.9' in English;
    3.0 -> '3'."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(_rounded(x, digits), format=pattern, locale=str(lang or current_lang()))


def percent(hundredths: float, lang: Lang | str | None = None, *, digits: int = 0) -> str:
    """A percentage given in hundredths (75 for 0.75) as ``lang`` writes it, with at most
    ``digits`` decimals: '75 %' in French (a no-break space), '75%' in English; '71,6 %'."""
    from decimal import Decimal

    from babel.numbers import format_percent

    value = Decimal(str(_rounded(hundredths, digits))) / 100
    return str(
        format_percent(value, locale=str(lang or current_lang()), decimal_quantization=False)
    )


def integer(n: int, lang: Lang | str | None = None) -> str:
    """A count as ``lang`` writes it: '2 988' in French (a narrow no-break space), '2,988' in
    English; below 1,000 it is the digits alone (and Babel is not imported)."""
    if -1000 < n < 1000:
        return str(n)
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=str(lang or current_lang())))
