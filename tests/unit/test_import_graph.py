"""The modules' imports, read from the source (function-level imports included, those under
``TYPE_CHECKING`` left out): no cycle, and the layers stay apart (models, loading, graph,
queries, renderers, commands)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import esante_cli

ROOT = Path(esante_cli.__file__).resolve().parent


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for n in ast.walk(block)
    }
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found |= {
                c for c in [target, *(f"{target}.{a.name}" for a in node.names)] if c in modules
            }
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in modules}
    return found - {name}


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    paths = {_name(p): p for p in ROOT.rglob("*.py")}
    g = nx.DiGraph()
    for name, path in paths.items():
        g.add_node(name)
        g.add_edges_from((name, x) for x in _imports(path, name, set(paths)))
    return g


def test_the_reader_sees_the_imports(graph):
    """The graph is read right: known imports are there (a check of the checker)."""
    assert ("esante_cli.queries.mobility", "esante_cli.graph") in graph.edges
    assert ("esante_cli.graph", "esante_cli.levels") in graph.edges
    assert ("esante_cli.graph", "esante_cli.routes") in graph.edges  # module level
    assert ("esante_cli.levels", "esante_cli.costmodel") in graph.edges
    assert graph.number_of_nodes() > 50


def test_no_import_cycle(graph):
    """No cycle, even through imports made inside functions (they hide cycles from Python
    but not from the next engineer)."""
    assert list(nx.simple_cycles(graph)) == []


LAYERS = {
    # a module of the left layer never imports one of the right ones
    "esante_cli.models": ("esante_cli.queries", "esante_cli.render", "esante_cli.cli"),
    "esante_cli.results": ("esante_cli.queries", "esante_cli.render", "esante_cli.cli"),
    "esante_cli.queries": ("esante_cli.render", "esante_cli.cli"),
    "esante_cli.render": ("esante_cli.queries", "esante_cli.cli"),
    "esante_cli.graph": ("esante_cli.queries", "esante_cli.render", "esante_cli.cli"),
    "esante_cli.levels": (
        "esante_cli.queries",
        "esante_cli.render",
        "esante_cli.cli",
        "esante_cli.graph",
    ),
}


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_layers_stay_apart(graph, layer):
    """Queries never print or draw, renderers never query, nothing below the commands
    imports them."""

    def inside(name: str, prefix: str) -> bool:
        return name == prefix or name.startswith(prefix + ".")

    wrong = sorted(
        (a, b)
        for a, b in graph.edges
        if inside(a, layer) and any(inside(b, x) for x in LAYERS[layer])
    )
    assert wrong == []
