"""The catalogues of messages (issue 11): every message of the code is in its catalogue,
translated, not fuzzy, with the same ``{names}``, and the compiled ``.mo`` in the package are
those of the ``.po`` (``python3 tools/catalogues.py`` updates them; ``--check`` says what is
wrong). The checks are the tool's own (``tools/catalogues.py``): this test makes them fail the
suite."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from esante_cli.cli.framework import MESSAGES
from esante_cli.i18n import _PLURALS, _WORDS, t, tn
from esante_cli.language import DOMAIN, FRAMEWORK, LOCALE_DIR, catalogue, using

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogues", ROOT / "tools" / "catalogues.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_catalogues_are_complete_translated_and_compiled(tool):
    """No msgid missing or obsolete, none untranslated or fuzzy, no ``{name}`` lost, and each
    ``.mo`` compiled from its ``.po`` (run ``python3 tools/catalogues.py`` and translate)."""
    assert tool.problems() == []


def test_the_check_finds_each_kind_of_problem(tool):
    """The check is not blind: a missing msgid, an untranslated one, a fuzzy one and a lost
    placeholder are each reported."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="en")
    catalog.add("{n} métiers", "{n} jobs")
    catalog.add("vide", "")
    catalog.add("flou", "fuzzy", flags=["fuzzy"])
    catalog.add("{path} : introuvable", "not found")
    wanted = {("{n} métiers", None), ("vide", None), ("flou", None), ("manquant", None)}
    wanted.add(("{path} : introuvable", None))
    found = tool._catalog_problems(catalog, wanted)
    assert any(p.startswith("missing: 'manquant'") for p in found)
    assert any(p.startswith("untranslated: 'vide'") for p in found)
    assert any(p.startswith("fuzzy: 'flou'") for p in found)
    assert any(p.startswith("placeholders differ") for p in found)
    assert not any("{n} métiers" in p for p in found)


def test_the_compiled_catalogues_are_in_the_package_and_the_wheel():
    """The ``.mo`` sit in the package (the wheel takes the whole package folder, and no
    pattern of the build leaves them out)."""
    for lang, domain in (("en", DOMAIN), ("fr", FRAMEWORK)):
        assert (Path(LOCALE_DIR) / lang / "LC_MESSAGES" / f"{domain}.mo").is_file()
    build = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["hatch"]["build"]
    assert build["targets"]["wheel"]["packages"] == ["src/esante_cli"]
    assert "exclude" not in build["targets"]["wheel"]
    ignored = (ROOT / ".gitignore").read_text("utf-8").split()
    assert not {"*.mo", "*.po", "locale/"} & set(ignored)


def test_every_word_of_the_tables_has_its_english():
    """Each key of the tables says something else in English than the French, or the same
    word (a code, a name); a count has its English singular and plural."""
    for key in _WORDS:
        assert t(key, "en"), key
    with using("en"):
        assert tn("n_steps", 1) == "1 step" and tn("n_steps", 2) == "2 steps"
    assert tn("n_steps", 0, "fr") == "0 étape" and tn("n_steps", 2, "fr") == "2 étapes"
    assert [k for k in _PLURALS if tn(k, 2, "en") == tn(k, 2, "fr")] == []


def test_click_and_typer_speak_french():
    """The French of Click's and Typer's words, for every message the CLI knows of."""
    french = catalogue(FRAMEWORK, "fr")
    untranslated = [m for m in MESSAGES if french.gettext(m) == m and m not in ("Options",)]
    assert untranslated == ["Arguments"]  # the same word in French
