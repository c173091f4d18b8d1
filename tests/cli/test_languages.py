"""Every command speaks one language (issue 11): in French (the default) and in English, its
output, its help and its errors hold no word of the other language.

What "a word of the other language" is, is read from the catalogues: the words of the English
catalogue (and of Click's and Typer's English) that French never uses, and the other way round,
with the common small words of each language. The data's own text (job titles, competences, the
card, the sample people) stays as written, in French: it is taken out of the output before the
words are looked at, and so are ids, options, paths and the values a user types (``levels``,
``json``...). JSON is machine-neutral and not looked at.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.cli.framework import MESSAGES
from esante_cli.costmodel import DEFAULT_MODEL
from esante_cli.dataset import METIER, MOBILITES, packaged_data_dir
from esante_cli.language import DOMAIN, FRAMEWORK, catalogue

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "examples" / "profiles"
CAMILLE = PROFILES / "camille-data-scientist.yaml"
GROUP = ROOT / "examples" / "workshop" / "groupe.csv"
WIDE = {"COLUMNS": "400"}  # table cells on one line: the data's phrases stay whole


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Small words that say the language by themselves, whatever the catalogues hold.
FRENCH = _set(
    "le la les des du de un une et est sont pas pour avec sans dans sur ou où au aux ce cette "
    "ces qui que se sa son ses leur leurs aucun aucune tous toutes chaque plus moins très être "
    "fichier dossier métier métiers compétence compétences niveau niveaux écart donnez"
)
ENGLISH = _set(
    "the and of to is are not with without for from this that these which each every into "
    "must should cannot found have has was were will more than job jobs level levels gap file "
    "folder given missing unknown error warning written third party guess estimate card"
)
# What a user types or a program reads, the same in both languages: choice values, formats,
# JSON keys and file fields, ESCO's words.
MACHINE = _set(
    "table json csv markdown md html htm svg png pdf xlsx yaml yml toml dot gexf graphml "
    "mermaid levels hops max jump both in out all declared computed square long plain excel "
    "fr en header missions context relations competences certifications neighbours id "
    "query line result error code from to name current_job current_job_text notes note level "
    "occupations skills relations essential optional conceptUri preferredLabel relationType "
    "true false null esante stdout stdin utf bom lang ids title weights thresholds bands "
    "uncertainty calibration climb unused declared_factor hop_penalty blocking_deficit "
    "strength_level max_detour downgrade_margin proche accessible lointaine share draws seed "
    "fragile references count mean sd opiiec onisep rome esco isco nesta gephi graphviz "
    "weasyprint pango chromium pmsi iot ia ai ux ui devops sql python data"
)


def _words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)]


def _strings(node: Any) -> Iterator[str]:
    """The texts of the data, its keys and its machine values ('found', 'evolution') left
    out: those are the tool's words when they show."""
    if isinstance(node, str):
        if not re.fullmatch(r"[a-z0-9_.:/-]+", node):
            yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@cache
def _data_phrases() -> tuple[str, ...]:
    """The data's own texts (the card, the jobs, the sample people), longest first."""
    found: set[str] = set()
    for name in (METIER, MOBILITES):
        found |= set(_strings(json.loads((packaged_data_dir() / name).read_text("utf-8"))))
    for path in PROFILES.iterdir():
        found |= {
            ln.split(":", 1)[-1].strip().strip('"') for ln in path.read_text("utf-8").splitlines()
        }
    found |= {cell for ln in GROUP.read_text("utf-8-sig").splitlines() for cell in ln.split(";")}
    found |= {DEFAULT_MODEL.name, DEFAULT_MODEL.calibration.references}  # the model's own
    phrases = {" ".join(s.split()) for s in found if len(s.strip()) > 1}
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def _data_pattern() -> re.Pattern[str]:
    """Any of the data's phrases, as a whole (never a piece of a longer word)."""
    alternatives = "|".join(re.escape(p) for p in _data_phrases())
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _catalogue_strings(domain: str, lang: str, *, translations: bool) -> Iterator[str]:
    cat: Any = catalogue(domain, lang)
    for key, value in cat._catalog.items():
        if translations:
            yield value
        else:  # the msgid, without its context (a key of i18n's tables: 'ctx\x04msgid')
            yield (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(words only English uses, words only French uses), from the catalogues."""
    placeholders = re.compile(r"\{[^}]*\}|--?[\w-]+")
    english = list(_catalogue_strings(DOMAIN, "en", translations=True)) + list(MESSAGES)
    french = list(_catalogue_strings(DOMAIN, "en", translations=False))
    french += list(_catalogue_strings(FRAMEWORK, "fr", translations=True))
    en = {w for s in english for w in _words(placeholders.sub(" ", s))} | ENGLISH
    fr = {w for s in french for w in _words(placeholders.sub(" ", s))} | FRENCH
    return frozenset(en - fr - MACHINE), frozenset(fr - en - MACHINE)


MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# ids, options, variables, paths, URLs, file names and the like: not words of a language
NOT_WORDS = re.compile(
    r"\S*/\S*|\S+\.(?:csv|json|yaml|yml|toml|html|md|svg|png|pdf|xlsx|mo|po)\b|--?[\w-]+"
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)+\b|\b[A-Z][A-Z0-9_]{2,}\b|\{[^}]*\}|\b\w+_\w+\b"
)


@cache
def _data_words() -> frozenset[str]:
    return frozenset(w for p in _data_phrases() for w in _words(p))


def foreign_words(text: str, lang: str, *, table: bool = False) -> list[str]:
    """The words of ``text`` that belong to the other language than ``lang``. A table wraps
    the data's long texts in its cells: there, a word of the data is the data's (``table``)."""
    plain = MD_ESCAPE.sub(r"\1", html.unescape(text))  # Markdown escapes '*', '&' is '&amp;'
    flat = _data_pattern().sub(" ", " ".join(plain.split()))
    flat = NOT_WORDS.sub(" ", flat)
    english_only, french_only = _vocabulary()
    other = english_only if lang == "fr" else french_only
    allowed = _data_words() if table else frozenset()
    return sorted({w for w in _words(flat) if w in other and w not in allowed})


def _invoke(*args: str, lang: str, stdin: str | None = None) -> Any:
    runner = CliRunner()
    return runner.invoke(app, ["--lang", lang, *args], env=WIDE, input=stdin, prog_name="esante")


def _check(result: Any, lang: str, *, code: int | None = 0, table: bool = False) -> None:
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.output)
    for stream in (result.stdout, result.stderr):
        found = foreign_words(stream, lang, table=table)
        assert found == [], (found, _where(stream, found))


def _where(text: str, words: list[str]) -> list[str]:
    """Each word found, in its line (for the failure message)."""
    lines = text.splitlines()
    return [
        ln.strip()[:160]
        for w in words
        for ln in lines
        if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", ln, re.IGNORECASE)
    ][:10]


# -- the commands ------------------------------------------------------------------------------

COMMANDS = [
    ("list",),
    ("show", "specialiste-e-sante"),
    ("competences",),
    ("competence", "risques"),
    ("validate",),
    ("neighbours", "specialiste-e-sante"),
    ("paths", "data-scientist", "specialiste-e-sante", "--explain"),
    ("compare", "data-scientist", "data-engineer"),
    ("gap", "data-scientist", "specialiste-e-sante"),
    ("recommend", "architecte-iot", "--include-downgrades"),
    ("match", str(CAMILLE), "--explain"),
    ("whatif", str(CAMILLE), "--raise", "technologies-sante+2"),
    ("leverage", str(CAMILLE)),
    ("gap", "--profile", str(CAMILLE), "specialiste-e-sante"),
    ("paths", "--profile", str(CAMILLE), "--to", "specialiste-e-sante"),
    ("model", "calibrate"),
    ("model", "check", "--draws", "10"),
]
LANGS = ["fr", "en"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_query_speaks_one_language(command, fmt, lang):
    _check(_invoke(*command, "--format", fmt, lang=lang), lang, table=fmt == "table")


def _commands() -> list[tuple[str, ...]]:
    from esante_cli.cli.application import COMMANDS as NAMES

    found: list[tuple[str, ...]] = [()]
    for name in NAMES:
        found.append((name,))
        group = app_group().commands[name]
        found += [(name, sub) for sub in getattr(group, "commands", {})]
    return found


def app_group() -> Any:
    import typer

    return typer.main.get_command(app)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "esante")
def test_every_help_speaks_one_language(command, lang):
    result = _invoke(*command, "--help", lang=lang)
    _check(result, lang)
    assert "<bool>" not in result.stdout  # a flag shows no type
    assert "<str>" not in result.stdout  # a text says what it is (MÉTIER, NOM, FAMILLE...)
    if lang == "fr":
        assert "Usage :" in result.stdout and "Options" in result.stdout
        assert "Show this message" not in result.stdout
    else:
        assert "Usage:" in result.stdout and "Show this message and exit." in result.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_the_files_and_pictures_speak_one_language(lang, tmp_path):
    """map (the tree), report (Markdown), workshop, export, profile, model show, import,
    assess: their messages on stderr, and what they print."""
    out = tmp_path / lang
    out.mkdir()
    _check(_invoke("map", "specialiste-e-sante", lang=lang), lang)
    _check(_invoke("map", "data-scientist", "--format", "markdown", lang=lang), lang)
    report = out / "r.md"
    _check(_invoke("report", "--profile", str(CAMILLE), "--output", str(report), lang=lang), lang)
    assert foreign_words(report.read_text("utf-8"), lang) == []
    _check(
        _invoke(
            "report", "data-scientist", "specialiste-e-sante", "-o", str(out / "r.html"), lang=lang
        ),
        lang,
    )
    _check(
        _invoke(
            "workshop", str(GROUP), "--output-dir", str(out / "ws"), "--format", "md", lang=lang
        ),
        lang,
    )
    for md in (out / "ws").glob("*.md"):
        assert foreign_words(md.read_text("utf-8"), lang) == [], md.name
    _check(_invoke("export", "graph", "--output", str(out / "g.mmd"), lang=lang), lang)
    _check(_invoke("export", "matrix", "--output", str(out / "m.csv"), lang=lang), lang)
    _check(_invoke("profile", "template", lang=lang), lang)
    _check(_invoke("model", "show", lang=lang), lang)
    _check(_invoke("import", "csv", "--template", str(out / "tpl"), lang=lang), lang)
    answers = "?\n7\n2\nb\n3\ns\nq\n"  # help, a refused 7, a level, back, skip, quit
    _check(_invoke("assess", "--output", str(out / "p.yaml"), lang=lang, stdin=answers), lang)


ERRORS = [
    (("show", "astronaute"), 4),
    (("show", "data"), 4),
    (("competence", "zzz"), 4),
    (("paths", "data-scientist", "responsable-green-it", "--declared-only", "--max-hops", "1"), 5),
    (("match", "nowhere.yaml"), 3),
    (("show",), 2),
    (("show", "x", "--bogus"), 2),
    (("paths", "a", "b", "--k", "0"), 2),
    (("list", "--format", "yaml"), 2),
    (("list", "extra"), 2),
    (("nosuchcommand",), 2),
    (("paths", "data-scientist"), 2),
    (("show", "specialiste-e-sante", "--section", "nope"), 2),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("command", "code"), ERRORS, ids=lambda x: " ".join(x) if isinstance(x, tuple) else str(x)
)
def test_every_error_speaks_one_language(command, code, lang):
    result = _invoke(*command, lang=lang)
    _check(result, lang, code=code)
    first = {"fr": ("esante : erreur : ", "Erreur"), "en": ("esante: error: ", "Error")}[lang]
    assert result.stderr.startswith(first[0]) or first[1] in result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_errors_about_files_speak_one_language(lang, tmp_path):
    """An existing output without --force, a bad profile, a broken model file."""
    existing = tmp_path / "r.html"
    existing.write_text("mine", encoding="utf-8")
    _check(
        _invoke("report", "data-scientist", "specialiste-e-sante", "-o", str(existing), lang=lang),
        lang,
        code=3,
    )
    bad = tmp_path / "bad.yaml"
    bad.write_text("competences:\n  cycle-de-vie: 7\n  alpah: 2\nnom: x\n", encoding="utf-8")
    _check(_invoke("match", str(bad), lang=lang), lang, code=3)
    model = tmp_path / "m.toml"
    model.write_text("[weights]\nclimbs = 1\n", encoding="utf-8")
    _check(_invoke("--model", str(model), "recommend", "data-scientist", lang=lang), lang, code=3)
    _check(_invoke("--data", str(tmp_path / "nowhere"), "list", lang=lang), lang, code=3)


# -- the checker checks ------------------------------------------------------------------------


def test_the_checker_finds_the_other_language():
    """A sentence of the other language is found; the data's own French is not counted."""
    assert foreign_words("esante : erreur : fichier introuvable", "fr") == []
    assert "found" in foreign_words("esante: error: file not found", "fr")
    assert "introuvable" in foreign_words("esante : erreur : fichier introuvable", "en")
    assert foreign_words("Job: Spécialiste e-santé (specialiste-e-sante)", "en") == []
    assert foreign_words("Missing argument 'JOB'. Try 'esante show -h' for help.", "fr")
    assert foreign_words("1 étape(s)", "en") == ["étape"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--csv-dialect", "x", "list"), {}),
        (("list",), {"ESANTE_CSV_DIALECT": "x"}),
        (("list", "--format", "yaml"), {}),
        (("neighbours", "data-scientist", "--direction", "up"), {}),
    ],
)
def test_a_bad_choice_is_said_in_the_language(lang, args, env):
    """A value not among an option's choices: one line in the interface's language, the
    option's variable named in it too, without the "Value error, " of pydantic."""
    result = CliRunner().invoke(
        app, ["--lang", lang, *args], env={**WIDE, **env}, prog_name="esante"
    )
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line
    assert "Value error" not in line
    if lang == "fr":
        assert line.startswith("esante : erreur : Valeur invalide pour '--")
        assert "n'est pas l'une des valeurs possibles" in line
        assert "env var" not in line and "): " not in line
    else:
        assert line.startswith("esante: error: Invalid value for '--")
        assert "is not one of" in line


def test_an_unknown_language_is_said_in_french():
    """``--lang de``: no language is known yet, so French, the default, says it (the variable
    that could also set it named in French)."""
    result = CliRunner().invoke(app, ["--lang", "de", "list"], env=WIDE, prog_name="esante")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "esante : erreur : Valeur invalide pour '--lang' (variable d'environnement : "
        "'ESANTE_LANG') : 'de' n'est pas l'une des valeurs possibles : 'fr', 'en' ; aide : "
        "« esante -h »"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_help_paragraphs_are_wrapped_to_the_terminal(lang):
    """A command's help is wrapped to the terminal, not where its docstring was wrapped in the
    source: at 80 columns no line of it ends after one or two words of a paragraph that goes
    on ('(hors' / 'métier' / 'actuel)')."""
    from esante_cli.cli.framework import unwrapped

    assert unwrapped("a b\nc\n\nd\ne") == "a b c\n\nd e"
    result = CliRunner().invoke(
        app, ["--lang", lang, "report", "--help"], env={**WIDE, "COLUMNS": "80"}
    )
    text = " ".join(result.stdout.split())
    words = {"fr": "(hors métier actuel) ;", "en": "(besides the current one);"}[lang]
    assert words in text
    lines = [ln.strip() for ln in result.stdout.splitlines()]
    short = [ln for ln, after in pairwise(lines) if ln and after and len(ln) < 12]
    assert not [ln for ln in short if not ln.startswith(("│", "╭", "╰", "Usage", "Exemple", "Ex"))]
