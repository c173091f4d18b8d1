"""Assertions shared by the CLI tests."""

from __future__ import annotations

import json
from typing import Any


def ok(result) -> str:
    """The stdout of a run that must have succeeded silently."""
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    assert result.stderr == ""
    return result.stdout


def as_json(result) -> Any:
    return json.loads(ok(result))
