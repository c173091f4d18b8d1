"""Typed, frozen results returned by the queries and consumed by the renderers."""

from .base import SCHEMA_VERSION, Result

__all__ = ["SCHEMA_VERSION", "Result"]
