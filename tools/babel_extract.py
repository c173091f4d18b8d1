"""Babel extraction methods of esante (``babel.cfg``): the French messages of the code.

- ``extract_esante``: Babel's Python extraction (``_``, ``N_``, ``ngettext``...), and the two
  tables of ``i18n.py`` (``_WORDS``: a key and its words, ``_PLURALS``: a key and its singular
  and plural), each with its key as the context (``msgctxt``);
- ``extract_cli``: the same, and what Typer shows in a help: the ``help=``, ``short_help=``,
  ``epilog=`` and ``metavar=`` texts of the command line, and the docstring of each command
  (cleaned as Typer cleans it, so that the help finds its translation).
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from babel.messages.extract import extract_python

HELP_KEYWORDS = ("help", "short_help", "epilog", "metavar")
Found = tuple[int, str, Any, list[str]]


def extract_esante(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any
) -> Iterator[Found]:
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    tree = ast.parse(source.decode(options.get("encoding", "utf-8")))
    yield from _tables(tree)


def extract_cli(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any
) -> Iterator[Found]:
    source = fileobj.read()
    fileobj.seek(0)
    yield from extract_python(fileobj, keywords, comment_tags, options)
    tree = ast.parse(source.decode(options.get("encoding", "utf-8")))
    yield from _help(tree)


def _tables(tree: ast.Module) -> Iterator[Found]:
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        name = target.id if isinstance(target, ast.Name) else None
        if name not in ("_WORDS", "_PLURALS") or not isinstance(node.value, ast.Dict):
            continue
        for key, value in zip(node.value.keys, node.value.values):
            if not isinstance(key, ast.Constant):
                continue
            words = ast.literal_eval(value)
            if name == "_PLURALS":
                yield value.lineno, "npgettext", (key.value, *words), []
            else:  # the French, alone or with its English while the catalogue waits for it
                french = words[0] if isinstance(words, tuple) else words
                yield value.lineno, "pgettext", (key.value, french), []


def _help(tree: ast.Module) -> Iterator[Found]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                value = kw.value.value if isinstance(kw.value, ast.Constant) else None
                if kw.arg in HELP_KEYWORDS and isinstance(value, str) and value.strip():
                    yield kw.value.lineno, "_", inspect.cleandoc(value), []
        elif isinstance(node, ast.FunctionDef) and _is_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, "_", doc, []


def _is_command(node: ast.FunctionDef) -> bool:
    """A command: ``*_cmd`` (the commands of the app), or decorated with ``.command()``."""
    if node.name.endswith("_cmd"):
        return True
    for deco in node.decorator_list:
        call = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(call, ast.Attribute) and call.attr in ("command", "callback"):
            return True
    return False
