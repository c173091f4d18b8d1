"""esante: explore career moves around the OPIIEC job card "Spécialiste e-santé".

The command line is one client of this library::

    from esante_cli import load_dataset, job_card
    ds = load_dataset()
    card = job_card(ds, "Spécialiste e-santé")

Names are imported lazily so that ``esante --help`` stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_dataset": "dataset",
    "validate_dataset": "dataset",
    "Dataset": "dataset",
    "DatasetError": "errors",
    "EsanteError": "errors",
    "ExitCode": "errors",
    "UnknownNameError": "errors",
    "NoRouteError": "errors",
    "InputError": "errors",
    "OptionsError": "errors",
    "list_jobs": "queries.card",
    "job_card": "queries.card",
    "competence_catalogue": "queries.card",
    "competence_detail": "queries.card",
    "build_graph": "graph",
    "ModelConfig": "costmodel",
    "load_model_config": "costmodel",
    "transition": "costmodel",
    "neighbours": "queries.mobility",
    "shortest_paths": "queries.mobility",
    "competence_gap": "queries.mobility",
    "gap_from_levels": "queries.mobility",
    "compare_jobs": "queries.mobility",
    "recommend": "queries.mobility",
    "resolve_job": "names",
    "resolve_competence": "names",
    "lookup_job": "names",
    "lookup_competence": "names",
    "Resolution": "names",
    "report_interpretations": "names",
    # people (issue 4)
    "Profile": "profiles",
    "load_profile": "profiles",
    "parse_profile": "profiles",
    "dump_profile": "profiles",
    "profile_template": "profiles",
    "match_jobs": "queries.people",
    "profile_gap": "queries.people",
    "profile_paths": "queries.people",
    "what_if": "queries.people",
    "leverage": "queries.people",
    # pictures, exports, reports (issue 5)
    "neighbourhood_map": "queries.visual",
    "whole_graph": "queries.visual",
    "cost_matrix": "queries.visual",
    "pair_report": "queries.visual",
    "person_report": "queries.visual",
    "best_match": "queries.visual",
    "load_group": "queries.workshop",
    "workshop": "queries.workshop",
    # the transition model: moves from a state, calibration, validation (issue 9)
    "moves_from": "moves",
    "pair_moves": "moves",
    "LevelMatrix": "levels",
    "level_matrix": "graph",
    "calibrate": "queries.model",
    "check_model": "queries.model",
    "reference_moves": "queries.model",
}

__all__ = ["__version__", *_EXPORTS]  # noqa: PLE0604  (the keys: names, all strings)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'esante_cli' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
