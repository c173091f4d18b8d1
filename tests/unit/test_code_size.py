"""Small functions, thin commands (issue 10): no function of the package holds more than 60
lines of statements, and no command more than 15 (lines where a statement starts, so that the
formatter's one-argument-per-line calls count once; the docstring is not a statement line)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import esante_cli

ROOT = Path(esante_cli.__file__).resolve().parent
MAX_FUNCTION = 60
MAX_COMMAND = 15


def _functions() -> list[tuple[str, ast.FunctionDef, bool]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        command_module = path.parent.name == "cli" and path.name.endswith("_cmds.py")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                name = f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"
                found.append((name, node, command_module and node.name.endswith("_cmd")))
    return found


def statement_lines(node: ast.FunctionDef) -> int:
    """Lines where a statement of the function starts, its docstring left out."""
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return len({n.lineno for stmt in body for n in ast.walk(stmt) if isinstance(n, ast.stmt)})


def test_the_measure_counts_statements_not_wrapped_lines():
    tree = ast.parse(
        'def f(a):\n    """Doc."""\n    x = g(\n        a,\n        a,\n    )\n    return x\n'
    )
    assert statement_lines(tree.body[0]) == 2


@pytest.mark.parametrize("limit", ["function", "command"])
def test_functions_and_commands_stay_small(limit):
    funcs = _functions()
    assert len(funcs) > 300  # the walk sees the package
    if limit == "function":
        long = [(n, statement_lines(f)) for n, f, _ in funcs if statement_lines(f) > MAX_FUNCTION]
    else:
        commands = [(n, f) for n, f, is_cmd in funcs if is_cmd]
        assert len(commands) >= 20
        long = [(n, statement_lines(f)) for n, f in commands if statement_lines(f) > MAX_COMMAND]
    assert long == []
