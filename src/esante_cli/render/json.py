"""JSON: ``model_dump(mode="json")``, keys sorted, UTF-8 kept readable."""

from __future__ import annotations

import json
from typing import Any


def to_data(result: Any) -> Any:
    """The JSON-ready form of a result (aliases such as ``from``/``to`` applied)."""
    dump = getattr(result, "model_dump", None)
    data = dump(mode="json", by_alias=True) if dump else result
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
