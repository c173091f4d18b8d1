"""The catalogues of messages, updated or checked in one command (Babel underneath)::

    python3 tools/catalogues.py           # extract, merge, compile: after changing a message
    python3 tools/catalogues.py --check   # change nothing; say what is missing (exit 1)

Two catalogues (``src/esante_cli/locale``):

- ``esante``: the tool's words, written in French in the code (``babel.cfg`` says how they are
  found); their English is ``en/LC_MESSAGES/esante.po``;
- ``framework``: Click's and Typer's words (English, listed in ``cli/framework.py``); their
  French is ``fr/LC_MESSAGES/framework.po``.

The update runs ``pybabel extract``, ``pybabel update`` (or ``init``) and ``pybabel compile``
for each; a new key of ``i18n._WORDS`` given as a (French, English) pair gets its English in
the catalogue. What is left to translate is listed, and ``--check`` (the test
``tests/unit/test_catalogues.py``) fails until it is done: a msgid missing from a catalogue, an
entry untranslated or fuzzy, a translation that drops a ``{name}``, a ``.mo`` older than its
``.po``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "esante_cli" / "locale"
CATALOGUES = {
    # domain: (the language of its catalogue, what pybabel extract is given)
    "esante": ("en", ["-F", "babel.cfg", "src/esante_cli"]),
    "framework": ("fr", ["--no-default-keywords", "-k", "F_", "src/esante_cli/cli/framework.py"]),
}
EXTRACT = ["--add-location=file", "--sort-by-file", "--no-wrap", "--project=esante"]
PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?(?::[^}]*)?\}")


@contextlib.contextmanager
def _in_root() -> Iterator[None]:
    """pybabel run from the repository, with tools/ importable (babel.cfg's extractors)."""
    before = os.getcwd()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    try:
        yield
    finally:
        sys.path.remove(str(ROOT))
        os.chdir(before)


def pybabel(*args: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    with _in_root():
        status = CommandLineInterface().run(["pybabel", "-q", *args])
    if status:
        raise SystemExit(f"pybabel {args[0]} failed ({status})")


def po_path(domain: str) -> Path:
    return LOCALE / CATALOGUES[domain][0] / "LC_MESSAGES" / f"{domain}.po"


def extract(domain: str, pot: Path) -> None:
    pybabel("extract", *EXTRACT, "-o", str(pot), *CATALOGUES[domain][1])


def update() -> list[str]:
    """Extract, merge and compile both catalogues; what is left to translate."""
    LOCALE.mkdir(parents=True, exist_ok=True)
    for domain, (lang, _) in CATALOGUES.items():
        pot = LOCALE / f"{domain}.pot"
        extract(domain, pot)
        args = ["-i", str(pot), "-d", str(LOCALE), "-D", domain, "-l", lang, "--no-wrap"]
        if po_path(domain).exists():
            pybabel("update", *args, "--no-fuzzy-matching", "--ignore-obsolete")
        else:
            pybabel("init", *args)
        if domain == "esante":
            _seed_pairs(po_path(domain))
        compile_mo(domain)
    return problems(extract_again=False)


def compile_mo(domain: str) -> None:
    """The ``.mo`` of ``domain`` (Babel's ``write_mo``, as ``pybabel compile`` writes it, but
    without its %-format check: French writes '90 % des', which it reads as '% d')."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = po_path(domain)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    with path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)


def _seed_pairs(path: Path) -> None:
    """The English of a ``_WORDS`` key given as a (French, English) pair, into the catalogue."""
    from babel.messages.pofile import read_po, write_po

    sys.path.insert(0, str(ROOT / "src"))
    from esante_cli.i18n import _WORDS

    with path.open("rb") as handle:
        catalog = read_po(handle)
    changed = False
    for key, entry in _WORDS.items():
        if not isinstance(entry, tuple):
            continue
        message = catalog.get(entry[0], context=key)
        if message is not None and not message.string:
            message.string = entry[1]
            changed = True
    if changed:
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0)


def problems(*, extract_again: bool = True) -> list[str]:
    """What keeps the catalogues from being complete and compiled (empty: all is well)."""
    from babel.messages.pofile import read_po

    found: list[str] = []
    for domain in CATALOGUES:
        path = po_path(domain)
        if not path.exists():
            found.append(f"{path.relative_to(ROOT)}: missing")
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle)
        wanted = _wanted(domain) if extract_again else None
        found += [f"{path.relative_to(ROOT)}: {p}" for p in _catalog_problems(catalog, wanted)]
        found += _compiled(domain, path, catalog)
    return found


def _wanted(domain: str) -> set[tuple[str, str | None]]:
    from babel.messages.pofile import read_po

    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / f"{domain}.pot"
        extract(domain, pot)
        with pot.open("rb") as handle:
            template = read_po(handle)
    return {(_key(m.id), m.context) for m in template if m.id}


def _key(msgid: object) -> str:
    return msgid[0] if isinstance(msgid, (tuple, list)) else str(msgid)


def _catalog_problems(catalog: object, wanted: set[tuple[str, str | None]] | None) -> list[str]:
    found = []
    have = set()
    for m in catalog:  # type: ignore[attr-defined]
        if not m.id:
            continue
        key = (_key(m.id), m.context)
        have.add(key)
        where = f"{key[1]}: " if key[1] else ""
        if m.fuzzy:
            found.append(f"fuzzy: {where}{key[0]!r}")
        strings = list(m.string) if isinstance(m.string, (tuple, list)) else [m.string]
        if not all(strings):
            found.append(f"untranslated: {where}{key[0]!r}")
            continue
        ids = list(m.id) if isinstance(m.id, (tuple, list)) else [m.id]
        names = {x for i in ids for x in PLACEHOLDER.findall(i)}
        for s in strings:
            if {x for x in PLACEHOLDER.findall(s)} - names or (
                len(ids) == 1 and {x for x in PLACEHOLDER.findall(s)} != names
            ):
                found.append(f"placeholders differ: {where}{key[0]!r} -> {s!r}")
    if wanted is not None:
        found += [
            f"missing: {c + ': ' if c else ''}{i!r}" for i, c in sorted(wanted - have, key=str)
        ]
        found += [
            f"obsolete: {c + ': ' if c else ''}{i!r}" for i, c in sorted(have - wanted, key=str)
        ]
    return found


def _compiled(domain: str, path: Path, catalog: object) -> list[str]:
    from babel.messages.mofile import write_mo

    mo = path.with_suffix(".mo")
    if not mo.exists():
        return [f"{mo.relative_to(ROOT)}: missing (run python3 tools/catalogues.py)"]
    fresh = io.BytesIO()
    write_mo(fresh, catalog)  # type: ignore[arg-type]
    if fresh.getvalue() != mo.read_bytes():
        return [f"{mo.relative_to(ROOT)}: older than its .po (run python3 tools/catalogues.py)"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing, list problems")
    args = parser.parse_args()
    found = problems() if args.check else update()
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} problem(s): translate them in the .po, then run this again.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
