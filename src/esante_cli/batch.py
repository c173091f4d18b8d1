"""Many queries in one process: JSON Lines of queries in, JSON Lines of results out.

Each input line is an object naming a query and its arguments, with the names and defaults of
the command's options::

    {"query": "paths", "from": "data-scientist", "to": "specialiste-e-sante", "k": 2}
    {"query": "recommend", "job": "architecte-iot", "top": 3}

Each output line is ``{"line": N, "result": {...}}``, ``result`` being exactly what the
command prints with ``--format json`` (the same data, keys sorted, on one line), or
``{"code": C, "error": "...", "line": N}`` for a line that fails (``code`` is the exit code the
command would have returned). When the query names a job or a competence loosely (``"devops"``
for Spécialiste DevOps: see :mod:`esante_cli.names`), the result line also holds
``"interpreted"``: one ``{"given", "id", "kind", "title"}`` per name so understood (what the
command line says on stderr). Lines are answered in order; blank lines are skipped. The
dataset, the cost model and the name look-ups are loaded once for all lines.

The queries and their fields (``-`` and ``_`` are interchangeable in field names):

=============  ============================================================================
list           ``family``
show           ``job``; ``section``
competences    (none)
competence     ``name``
validate       ``dir`` (default: the dataset in use)
schema         (none)
neighbours     ``job``; ``direction`` (both, in, out), ``kind`` (all, declared, computed), ``top``
paths          ``from``, ``to``; ``k`` (3), ``objective`` (levels, hops, max-jump), ``avoid``
               (a list), ``via``, ``max_hops``, ``declared_only``, ``seed``, ``draws``,
               ``explain`` (ignored: a view)
compare        ``jobs`` (two or more)
gap            ``to`` and ``from`` (a job) or ``profile`` (a profile file); ``anonymous``
recommend      ``job``; ``top`` (5), ``all``, ``include_downgrades``, ``seed``, ``draws``
match          ``profile``; ``top``, ``anonymous``, ``include_downgrades``, ``seed``, ``draws``
whatif         ``profile``, ``raise`` (a list of ``COMPETENCE[+N|=LEVEL]``); ``top``,
               ``target``, ``anonymous``
leverage       ``profile``; ``targets`` (a list), ``anonymous``
=============  ============================================================================

``paths`` also takes ``profile`` in place of ``from`` (and ``anonymous``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .errors import EsanteError, ExitCode

from .session import Session, shown as _show

__all__ = ["QUERIES", "Session", "answer", "parse_query", "run_batch"]


# -- the queries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A query: its required and optional fields (name -> default), and how it is answered."""

    required: tuple[str, ...]
    optional: dict[str, Any]
    answer: Callable[[Session, dict[str, Any]], Any]


def _list(s: Session, q: dict[str, Any]) -> Any:
    from .queries.card import list_jobs

    return list_jobs(s.dataset(), _text(q, "family", optional=True))


SECTION_ALIASES = {"entete": "header", "en-tete": "header", "finalite": "missions",
                   "contexte": "context", "competence": "competences", "voisins": "neighbours",
                   "proximites": "neighbours"}


def _section(name: str | None) -> str | None:
    if name is None:
        return None
    import typing

    from .names import fold
    from .results.card import Section

    sections = typing.get_args(Section)
    key = fold(name).replace(" ", "-")
    key = SECTION_ALIASES.get(key, key)
    if key not in sections:
        raise _Usage(f"section: '{name}' is not one of {', '.join(sections)}")
    return key


def _show_card(s: Session, q: dict[str, Any]) -> Any:
    from .queries.card import job_card

    section = _section(_text(q, "section", optional=True))
    return job_card(s.dataset(), _text(q, "job"), section)  # type: ignore[arg-type]


def _competences(s: Session, q: dict[str, Any]) -> Any:
    from .queries.card import competence_catalogue

    return competence_catalogue(s.dataset())


def _competence(s: Session, q: dict[str, Any]) -> Any:
    from .queries.card import competence_detail

    return competence_detail(s.dataset(), _text(q, "name"))


def _validate(s: Session, q: dict[str, Any]) -> Any:
    from .queries.card import validation_report

    folder = _text(q, "dir", optional=True)
    return validation_report(folder if folder is not None else s.data_dir)


def _schema(s: Session, q: dict[str, Any]) -> Any:
    from .queries.card import data_schema

    return data_schema()


def _neighbours(s: Session, q: dict[str, Any]) -> Any:
    from .queries.mobility import neighbours

    return neighbours(s.dataset(), s.job(q["job"]),
                      direction=_choice(q, "direction", ("both", "in", "out")),  # type: ignore[arg-type]
                      kind=_choice(q, "kind", ("all", "declared", "computed")),  # type: ignore[arg-type]
                      top=_int(q, "top", optional=True), config=s.model())


def _start(q: dict[str, Any]) -> str:
    """'from' or 'profile': exactly one of them starts a gap or a route."""
    if (q["from"] is None) == (q["profile"] is None):
        raise _Usage("give either 'from' (a job) or 'profile' (a profile file)")
    if q["anonymous"] and q["profile"] is None:
        _bool(q, "anonymous")
        raise _Usage("'anonymous' goes with 'profile'")
    return "from" if q["from"] is not None else "profile"


def _paths(s: Session, q: dict[str, Any]) -> Any:
    from .queries.mobility import shortest_paths

    avoid = q["avoid"]
    if avoid is None:
        avoid = []
    elif isinstance(avoid, str):
        avoid = [avoid]
    elif not isinstance(avoid, list):
        raise _Usage(f"avoid: must be a job name or a list of them, got {_show(avoid)}")
    via = q["via"]
    _bool(q, "explain")
    if _start(q) == "profile":
        from .queries.people import profile_paths

        return profile_paths(
            s.dataset(), s.profile(q["profile"]), s.job(q["to"], "to"), k=_int(q, "k"),
            objective=_choice(q, "objective", ("levels", "hops", "max-jump")),  # type: ignore[arg-type]
            avoid=[s.job(a, "avoid") for a in avoid],
            via=None if via is None else s.job(via, "via"),
            max_hops=_int(q, "max_hops", optional=True), declared_only=_bool(q, "declared_only"),
            draws=_natural(q, "draws"), seed=_natural(q, "seed"),
            anonymous=_bool(q, "anonymous"), config=s.model(),
        )
    return shortest_paths(
        s.dataset(), s.job(q["from"], "from"), s.job(q["to"], "to"), k=_int(q, "k"),
        objective=_choice(q, "objective", ("levels", "hops", "max-jump")),  # type: ignore[arg-type]
        avoid=[s.job(a, "avoid") for a in avoid],
        via=None if via is None else s.job(via, "via"),
        max_hops=_int(q, "max_hops", optional=True), declared_only=_bool(q, "declared_only"),
        draws=_natural(q, "draws"), seed=_natural(q, "seed"), config=s.model(),
    )


def _compare(s: Session, q: dict[str, Any]) -> Any:
    from .queries.mobility import compare_jobs

    jobs = q["jobs"]
    if not isinstance(jobs, list):
        raise _Usage(f"jobs: must be a list of job names, got {_show(jobs)}")
    ids = [s.job(j, "jobs") for j in jobs]
    if len(ids) < 2 or len(set(ids)) != len(ids):
        raise _Usage("jobs: give at least two different jobs")
    return compare_jobs(s.dataset(), ids, config=s.model())


def _gap(s: Session, q: dict[str, Any]) -> Any:
    from .queries.mobility import competence_gap

    if _start(q) == "profile":
        from .queries.people import profile_gap

        return profile_gap(s.dataset(), s.profile(q["profile"]), s.job(q["to"], "to"),
                           anonymous=_bool(q, "anonymous"), config=s.model())
    return competence_gap(s.dataset(), s.job(q["from"], "from"), s.job(q["to"], "to"),
                          config=s.model())


def _recommend(s: Session, q: dict[str, Any]) -> Any:
    from .queries.mobility import recommend

    return recommend(s.dataset(), s.job(q["job"]), top=_int(q, "top"),
                     all_jobs=_bool(q, "all"), include_downgrades=_bool(q, "include_downgrades"),
                     draws=_natural(q, "draws"), seed=_natural(q, "seed"), config=s.model())


def _names(q: dict[str, Any], name: str) -> list[str]:
    value = q[name]
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Usage(f"{name}: must be a text or a list of texts, got {_show(value)}")
    return value


def _match(s: Session, q: dict[str, Any]) -> Any:
    from .queries.people import match_jobs

    return match_jobs(s.dataset(), s.profile(q["profile"]), top=_int(q, "top", optional=True),
                      include_downgrades=_bool(q, "include_downgrades"),
                      draws=_natural(q, "draws"), seed=_natural(q, "seed"),
                      anonymous=_bool(q, "anonymous"), config=s.model())


def _whatif(s: Session, q: dict[str, Any]) -> Any:
    from .queries.people import what_if

    raises = _names(q, "raise")
    if not raises:
        raise _Usage("raise: give at least one COMPETENCE[+N|=LEVEL]")
    return what_if(s.dataset(), s.profile(q["profile"]), raises,
                   top=_int(q, "top", optional=True),
                   target=None if q["target"] is None else s.job(q["target"], "target"),
                   anonymous=_bool(q, "anonymous"), config=s.model())


def _leverage(s: Session, q: dict[str, Any]) -> Any:
    from .queries.people import leverage

    targets = [s.job(x, "targets") for x in _names(q, "targets")]
    return leverage(s.dataset(), s.profile(q["profile"]), targets=targets or None,
                    anonymous=_bool(q, "anonymous"), config=s.model())


QUERIES: dict[str, Spec] = {
    "list": Spec((), {"family": None}, _list),
    "show": Spec(("job",), {"section": None}, _show_card),
    "competences": Spec((), {}, _competences),
    "competence": Spec(("name",), {}, _competence),
    "validate": Spec((), {"dir": None}, _validate),
    "schema": Spec((), {}, _schema),
    "neighbours": Spec(("job",), {"direction": "both", "kind": "all", "top": None}, _neighbours),
    "paths": Spec(("to",), {"from": None, "profile": None, "anonymous": False, "k": 3,
                            "objective": "levels", "avoid": None, "via": None, "max_hops": None,
                            "declared_only": False, "explain": False, "seed": None,
                            "draws": None}, _paths),
    "compare": Spec(("jobs",), {}, _compare),
    "gap": Spec(("to",), {"from": None, "profile": None, "anonymous": False}, _gap),
    "recommend": Spec(("job",), {"top": 5, "all": False, "include_downgrades": False,
                                 "seed": None, "draws": None}, _recommend),
    "match": Spec(("profile",), {"top": None, "anonymous": False, "include_downgrades": False,
                                 "seed": None, "draws": None}, _match),
    "whatif": Spec(("profile", "raise"), {"top": None, "target": None, "anonymous": False},
                   _whatif),
    "leverage": Spec(("profile",), {"targets": None, "anonymous": False}, _leverage),
}


# -- checking the fields ---------------------------------------------------------------------


class _Usage(EsanteError):
    """A query line that is not a valid query (the command would exit with a usage error)."""

    exit_code = ExitCode.USAGE


def _text(q: dict[str, Any], name: str, *, optional: bool = False) -> Any:
    value = q[name]
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Usage(f"{name}: must be a text, got {_show(value)}")
    return value


def _int(q: dict[str, Any], name: str, *, optional: bool = False) -> Any:
    value = q[name]
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Usage(f"{name}: must be a whole number, got {_show(value)}")
    if value < 1:
        raise _Usage(f"{name}: must be at least 1, got {value}")
    return value


def _natural(q: dict[str, Any], name: str) -> Any:
    """A whole number, 0 or more (or None: the default)."""
    value = q[name]
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Usage(f"{name}: must be a whole number, got {_show(value)}")
    if value < 0:
        raise _Usage(f"{name}: must be 0 or more, got {value}")
    return value


def _bool(q: dict[str, Any], name: str) -> bool:
    value = q[name]
    if not isinstance(value, bool):
        raise _Usage(f"{name}: must be true or false, got {_show(value)}")
    return value


def _choice(q: dict[str, Any], name: str, allowed: tuple[str, ...]) -> str:
    value = q[name]
    if not isinstance(value, str) or value.lower() not in allowed:
        raise _Usage(f"{name}: must be one of {', '.join(allowed)}, got {_show(value)}")
    return value.lower()


def parse_query(line: str) -> tuple[str, dict[str, Any]]:
    """The query name and its complete fields (defaults filled in) from one input line."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Usage(f"invalid JSON at column {exc.colno} ({exc.msg})") from None
    if not isinstance(raw, dict):
        raise _Usage("a query must be a JSON object such as {\"query\": \"show\", \"job\": ...}")
    name = raw.pop("query", None)
    if not isinstance(name, str) or name not in QUERIES:
        known = ", ".join(QUERIES)
        shown = "missing 'query'" if name is None else f"unknown query {_show(name)}"
        raise _Usage(f"{shown} (one of: {known})")
    spec = QUERIES[name]
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        norm = key.replace("-", "_") if isinstance(key, str) else key
        if norm not in spec.required and norm not in spec.optional:
            import difflib

            allowed = [*spec.required, *spec.optional]
            close = difflib.get_close_matches(str(norm), allowed, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else (
                f" (fields: {', '.join(allowed)})" if allowed else " (it takes no field)")
            raise _Usage(f"unknown field '{key}' for query '{name}'{hint}")
        fields[norm] = value
    missing = [f for f in spec.required if f not in fields]
    if missing:
        raise _Usage(f"query '{name}' needs {', '.join(repr(m) for m in missing)}")
    for key, default in spec.optional.items():
        fields.setdefault(key, default)
    return name, fields


# -- running a batch -------------------------------------------------------------------------


def answer(session: Session, line: str) -> Any:
    """The result of one query line (a result model, or plain data for ``schema``)."""
    name, fields = parse_query(line)
    return QUERIES[name].answer(session, fields)


def run_batch(lines: Iterable[str], session: Session | None = None) -> Iterator[str]:
    """One output line (without its newline) per query line, in order."""
    from .render.json import to_data

    from .names import Resolution, report_interpretations

    session = session or Session()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found: list[Resolution] = []
        try:
            with report_interpretations(found.append):
                data = to_data(answer(session, line))
        except EsanteError as exc:
            yield _dumps({"code": int(exc.exit_code), "error": str(exc), "line": number})
            continue
        except RecursionError:
            yield _dumps({"code": int(ExitCode.USAGE), "error": "query nested too deeply",
                          "line": number})
            continue
        except Exception as exc:  # noqa: BLE001  (a bug on one line must not lose the others)
            yield _dumps({"code": int(ExitCode.INTERNAL), "line": number,
                          "error": f"internal error: {type(exc).__name__}: {exc} (please "
                                   "report it)"})
            continue
        head = '{"interpreted":' + _dumps(_interpreted(found)) + "," if found else "{"
        yield head + '"line":' + str(number) + ',"result":' + _dumps(data) + "}"


def _interpreted(found: list[Any]) -> list[dict[str, str]]:
    """The names of a line matched loosely, each once, in the order they were met."""
    out: list[dict[str, str]] = []
    for r in found:
        item = {"given": r.query, "id": r.id, "kind": r.kind, "title": r.title}
        if item not in out:
            out.append(item)
    return out


def _dumps(data: Any) -> str:
    """The compact form of the command's JSON: same data, same key order, one line."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
