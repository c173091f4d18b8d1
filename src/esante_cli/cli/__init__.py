"""The ``esante`` command line: global options, error handling, and the command modules."""

from __future__ import annotations

import sys

from .app import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
