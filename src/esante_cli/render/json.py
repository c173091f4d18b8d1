"""JSON: what ``model_dump(mode="json", by_alias=True)`` gives, keys sorted, UTF-8 kept
readable."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from pydantic import BaseModel


def plain(value: Any, *, by_alias: bool = True) -> Any:
    """What pydantic's ``model_dump(mode="json")`` gives, without its serializer: a model as the
    dict of its fields (under their JSON names ``from``, ``to``, ``paths`` with ``by_alias``),
    an enum as its value, a list, tuple or set as a list; str, int, float, bool and None as they
    are. pydantic builds a serializer (and validator) per model type on first use, 6 ms for a
    route's tree of models: the results on a command's start-up path are made without
    validation (``model_construct``: built by the queries from validated data) and written by
    this walk. Anything else is refused (TypeError): a value pydantic would have converted,
    a numpy integer say. The test suite checks every JSON it writes against pydantic's own."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return {
            ((info.serialization_alias or name) if by_alias else name): plain(
                getattr(value, name), by_alias=by_alias
            )
            for name, info in fields.items()
        }
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v, by_alias=by_alias) for v in value]
    if isinstance(value, dict):
        return {_key(k): plain(v, by_alias=by_alias) for k, v in value.items()}
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def _key(key: Any) -> str:
    if isinstance(key, Enum):
        key = key.value
    if isinstance(key, str):
        return key
    if isinstance(key, int) and not isinstance(key, bool):
        return str(key)  # as pydantic writes a number key
    raise TypeError(f"not a JSON key: {type(key).__name__}")


def to_data(result: Any) -> Any:
    """The JSON-ready form of a result (aliases such as ``from``/``to`` applied)."""
    data = plain(result)
    section = data.get("section") if isinstance(data, dict) else None
    if section and "job" in data:
        data = _only_section(data, section)
    return data


def _only_section(data: dict[str, Any], section: str) -> dict[str, Any]:
    keep = {"schema_version", "data_version", "section"}
    job = data["job"]
    kept: dict[str, Any] = {k: data[k] for k in keep}
    card = data.get("card") or {}
    if section == "header":
        kept["job"] = job
        return kept
    kept["job"] = {"id": job["id"], "title": job["title"]}
    if section == "missions":
        kept["purpose"] = card.get("purpose")
        kept["missions"] = card.get("missions", [])
        kept["summary"] = job.get("summary")
    elif section == "context":
        for key in ("context", "organisational_contexts", "working_conditions"):
            kept[key] = card.get(key, [])
    elif section in ("relations", "certifications"):
        kept[section] = card.get(section)
    else:
        kept[section] = data[section]
    return kept


def render_json(result: Any) -> str:
    return (
        json.dumps(to_data(result), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
        + "\n"
    )
