"""The ``esante`` command line: global options, error handling, and the command modules."""

from __future__ import annotations

import sys
from typing import Any

from .application import main

__all__ = ["app", "main"]


def __getattr__(name: str) -> Any:  # the app is built on first use (see application.get_app)
    if name == "app":
        from .application import get_app

        return get_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
