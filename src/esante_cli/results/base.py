"""The base of every query result."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# Version of the JSON output contract (not of the data): bump it when a key changes meaning.
SCHEMA_VERSION = 1


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Result(Frozen):
    """What a query returns. Its JSON form is ``model_dump(mode="json")`` with sorted keys."""

    schema_version: int = SCHEMA_VERSION
    data_version: str
