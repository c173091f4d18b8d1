"""The base of every query result."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# Version of the JSON output contract (not of the data): bump it when a key changes meaning.
SCHEMA_VERSION = 1


# A list of every item of a small dataset (the bundled data: 12 jobs, 11 levelled
# competences), the first LARGE_LIST of a long one (3,000 jobs and 13,900 competences at the
# ESCO size: a table of them takes 20 s to draw and no one reads it). Rankings without ``top``
# keep the first LARGE_LIST and say how many they left out; a card or a comparison on a large
# catalogue lists the competences the jobs list, not the whole catalogue.
LIST_ALL_UP_TO = 50
LARGE_LIST = 20


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Result(Frozen):
    """What a query returns. Its JSON form is ``model_dump(mode="json")`` with sorted keys."""

    schema_version: int = SCHEMA_VERSION
    data_version: str
