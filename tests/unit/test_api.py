"""The Python API: every name in ``esante_cli.__all__`` resolves, lazily."""

from __future__ import annotations

import subprocess
import sys

import esante_cli


def test_every_exported_name_resolves():
    """Each name listed in __all__ can be got from the package."""
    missing = [name for name in esante_cli.__all__ if getattr(esante_cli, name, None) is None]
    assert missing == []


def test_importing_the_package_loads_no_heavy_module():
    """`import esante_cli` alone pulls in neither pydantic, networkx nor numpy."""
    code = (
        "import sys, esante_cli; "
        "print(sorted(m for m in ('pydantic', 'networkx', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
