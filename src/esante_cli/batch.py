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

The output is for programs, machine-neutral like every JSON of the tool: its ``error`` texts
are English whatever ``--lang`` says (each line is answered in English, :func:`run_batch`), so
that a script can match them; the command's own messages on stderr follow the language.

A query's fields are the parameters of the library functions that answer it (see
:data:`QUERIES`), named as the command's options, with their defaults; a pydantic model built
from those signatures checks each line, strictly (``"3"`` is not a number, ``1`` is not
``true``). The queries and their fields (``-`` and ``_`` are interchangeable in field names;
a list may be given as a single text):

=============  ============================================================================
list           ``family``
show           ``job``; ``section``
competences    (none)
competence     ``name``
validate       ``dir`` (default: the dataset in use)
schema         (none)
neighbours     ``job``; ``direction`` (both, in, out), ``kind`` (all, declared, computed), ``top``
paths          ``to``; ``from`` (a job) or ``profile`` (a profile file); ``k`` (3),
               ``objective`` (levels, hops, max-jump), ``avoid`` (a list), ``via``,
               ``max_hops``, ``declared_only``, ``seed``, ``draws``, ``anonymous`` (with
               ``profile``), ``explain`` (ignored: a view)
compare        ``jobs`` (two or more)
gap            ``to``; ``from`` (a job) or ``profile``; ``anonymous`` (with ``profile``)
recommend      ``job``; ``top`` (5), ``all``, ``include_downgrades``, ``seed``, ``draws``
match          ``profile``; ``top``, ``anonymous``, ``include_downgrades``, ``seed``, ``draws``
whatif         ``profile``, ``raise`` (a list of ``COMPETENCE[+N|=LEVEL]``); ``top``,
               ``target``, ``anonymous``
leverage       ``profile``; ``targets`` (a list), ``anonymous``
=============  ============================================================================
"""

from __future__ import annotations

import inspect
import json
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Annotated, Any, BinaryIO, TextIO, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    create_model,
)
from pydantic_core import PydanticCustomError

from .choices import CardSection, Choice
from .errors import EsanteError, ExitCode, InputError
from .language import Lang, using
from .limits import MAX_DRAWS, MAX_K, MAX_LINE
from .session import Session
from .session import shown as _show

__all__ = ["QUERIES", "Query", "Session", "answer", "parse_query", "read_lines", "run_batch"]


# -- the queries -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A batch query: the library functions that answer it (``module:function`` under
    ``esante_cli.queries``; for ``paths`` and ``gap``, from a job, then from a person: a line
    gives what one of them needs), the command's names for parameters named otherwise, and the
    command's view options (accepted, ignored: a line asks for data)."""

    answers: tuple[str, ...]
    names: dict[str, str] = field(default_factory=dict)
    views: dict[str, bool] = field(default_factory=dict)

    def functions(self) -> list[Callable[..., Any]]:
        """The functions, looked up on each call (so a patched one is the one called)."""
        out = []
        for spec in self.answers:
            module, name = spec.split(":")
            out.append(getattr(import_module(f".queries.{module}", __package__), name))
        return out


QUERIES: dict[str, Query] = {
    "list": Query(("card:list_jobs",)),
    "show": Query(("card:job_card",), {"name": "job"}),
    "competences": Query(("card:competence_catalogue",)),
    "competence": Query(("card:competence_detail",)),
    "validate": Query(("card:validation_report",), {"path": "dir"}),
    "schema": Query(("card:data_schema",)),
    "neighbours": Query(("mobility:neighbours",), {"job_id": "job"}),
    "paths": Query(
        ("mobility:shortest_paths", "people:profile_paths"),
        {"source": "from", "target": "to"},
        {"explain": False},
    ),
    "compare": Query(("mobility:compare_jobs",), {"ids": "jobs"}),
    "gap": Query(
        ("mobility:competence_gap", "people:profile_gap"), {"source": "from", "target": "to"}
    ),
    "recommend": Query(("mobility:recommend",), {"job_id": "job", "all_jobs": "all"}),
    "match": Query(("people:match_jobs",)),
    "whatif": Query(("people:what_if",), {"raises": "raise"}),
    "leverage": Query(("people:leverage",)),
}

# What the session gives rather than a line: the dataset in use and its cost model.
FROM_SESSION = {"dataset": Session.dataset, "config": Session.model}
# Parameters that name jobs: a line gives their names, resolved as on the command line.
JOBS = {"job_id", "source", "target", "via", "avoid", "ids", "targets"}
# The least value of a whole number, as the command line's options have it.
LEAST = {"k": 1, "top": 1, "max_hops": 1, "draws": 0, "seed": 0}
# The greatest, where the command line has one (esante_cli.limits).
MOST = {"k": MAX_K, "draws": MAX_DRAWS}
# A list that must not be empty, and what to say when it is.
NOT_EMPTY = {"raises": "give at least one COMPETENCE[+N|=LEVEL]"}
# What a starting point is, in "give either ... or ...".
STARTS = {"source": "a job", "profile": "a profile file"}


class _Usage(EsanteError):
    """A query line that is not a valid query (the command would exit with a usage error)."""

    exit_code = ExitCode.USAGE


# -- the fields of a query, from the signatures ----------------------------------------------


@dataclass(frozen=True)
class _Fields:
    """A query's line model, and what its messages need."""

    model: type[BaseModel]
    names: dict[str, str]  # parameter -> field (views included)
    required: list[str]
    allowed: list[str]
    choices: dict[str, type[Choice]]  # field -> its choice
    lists: set[str]  # the fields that are lists
    views: set[str]  # the parameters that are only views


@cache
def _fields(name: str) -> _Fields:
    """The model of the query's lines, from its functions' signatures: a field per parameter
    (required when every function requires it), typed strictly, with the parameter's default,
    plus the command's view options."""
    query = QUERIES[name]
    signatures = [_parameters(f) for f in query.functions()]
    params: dict[str, tuple[Any, Any]] = {}  # parameter -> (hint, default), in order
    for sig in signatures:
        for p, (hint, default) in sig.items():
            needed = all(p in s and s[p][1] is inspect.Parameter.empty for s in signatures)
            if p not in params:
                params[p] = (hint, ... if needed else _default(hint, default))
    names = {p: query.names.get(p, p) for p in [*params, *query.views]}
    definitions: dict[str, Any] = {
        p: (_field_type(p, hint, optional=default is None), Field(default, alias=names[p]))
        for p, (hint, default) in params.items()
    }
    definitions.update({v: (StrictBool, Field(d, alias=v)) for v, d in query.views.items()})
    model = create_model(
        f"{name.title()}Query", __config__=ConfigDict(extra="forbid", strict=True), **definitions
    )
    required = [names[p] for p, (_, d) in params.items() if d is ...]
    optional = [names[p] for p in names if names[p] not in required]
    choices = {names[p]: c for p, (hint, _) in params.items() if (c := _choice(hint)) is not None}
    lists = {names[p] for p, (hint, _) in params.items() if _is_list(_base(hint))}
    return _Fields(model, names, required, required + optional, choices, lists, set(query.views))


def _parameters(function: Callable[..., Any]) -> dict[str, tuple[Any, Any]]:
    """The parameters a line gives: name -> (type, default), the session's left out."""
    out = {}
    for p in inspect.signature(function).parameters.values():
        if p.name in FROM_SESSION or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        hint = p.annotation
        if isinstance(hint, str) and p.name != "profile":
            # The queries postpone their annotations, and some of their names (Dataset) exist
            # only for the type checker: each parameter's is read alone, in its module.
            hint = eval(hint, function.__globals__)
        out[p.name] = (hint, p.default)
    return out


def _default(hint: Any, default: Any) -> Any:
    """A field's default: the parameter's; none for a start a line may leave out (``from``
    with ``profile``); an empty list for a list (the parameter's default when called)."""
    if _is_list(_base(hint)):
        return []
    return None if default is inspect.Parameter.empty else default


def _field_type(param: str, hint: Any, *, optional: bool) -> Any:
    """The strict type of a field: a text, a whole number (at least ``LEAST``), true or false,
    one of a choice's values (a card's part named loosely, as ``--section`` does), or a list
    of texts (a single text being a list of one); job names and a profile's path are texts.
    ``optional``: null is the default (not given)."""
    base = _base(hint)
    out: Any
    if _is_list(base):  # null is an empty list
        checks = [AfterValidator(_not_empty(NOT_EMPTY[param]))] if param in NOT_EMPTY else []
        return Annotated[list[StrictStr], BeforeValidator(_one_or_many), *checks]
    if param == "profile" or param in JOBS:
        out = StrictStr
    elif base is bool:
        out = StrictBool
    elif base is int:
        out = (
            Annotated[StrictInt, Field(ge=LEAST[param], le=MOST.get(param))]
            if param in LEAST
            else StrictInt
        )
    elif base is CardSection:
        out = Annotated[StrictStr, AfterValidator(CardSection.named)]
    elif isinstance(base, type) and issubclass(base, Choice):
        out = Annotated[base, Strict(False)]  # a value, in any case
    else:
        out = StrictStr
    return out | None if optional else out


def _base(hint: Any) -> Any:
    """``X`` of ``X | None`` (the first type of a union: ``str`` of ``str | PathLike``)."""
    members = get_args(hint) if get_origin(hint) in (Union, types.UnionType) else (hint,)
    return next((m for m in members if m is not type(None)), None)


def _is_list(hint: Any) -> bool:
    return get_origin(hint) in (list, tuple, Sequence, Iterable)


def _choice(hint: Any) -> type[Choice] | None:
    base = _base(hint)
    return base if isinstance(base, type) and issubclass(base, Choice) else None


def _one_or_many(value: Any) -> Any:
    """A single text is a list of one; no value, an empty list."""
    return [] if value is None else [value] if isinstance(value, str) else value


def _not_empty(message: str) -> Callable[[list[str]], list[str]]:
    def check(value: list[str]) -> list[str]:
        if not value:
            raise PydanticCustomError("esante", message)
        return value

    return check


# -- reading a line --------------------------------------------------------------------------


def parse_query(line: str) -> tuple[str, dict[str, Any]]:
    """The query name and its fields, checked, defaults filled in, by parameter name."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _Usage(f"invalid JSON at column {exc.colno} ({exc.msg})") from None
    if not isinstance(raw, dict):
        raise _Usage('a query must be a JSON object such as {"query": "show", "job": ...}')
    name = raw.pop("query", None)
    if not isinstance(name, str) or name not in QUERIES:
        known = ", ".join(QUERIES)
        shown = "missing 'query'" if name is None else f"unknown query {_show(name)}"
        raise _Usage(f"{shown} (one of: {known})")
    spec = _fields(name)
    given = {key.replace("-", "_"): value for key, value in raw.items()}
    for key in raw:
        if key.replace("-", "_") not in spec.allowed:
            raise _Usage(f"unknown field '{key}' for query '{name}'{_hint(key, spec.allowed)}")
    missing = [f for f in spec.required if f not in given]
    if missing:
        raise _Usage(f"query '{name}' needs {', '.join(repr(m) for m in missing)}")
    try:
        values = spec.model.model_validate(given)
    except ValidationError as exc:
        raise _problem(exc.errors()[0], given, spec) from None
    return name, dict(values)


def _hint(key: str, allowed: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key.replace("-", "_"), allowed, n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    return f" (fields: {', '.join(allowed)})" if allowed else " (it takes no field)"


# A field's type in words, by pydantic's error type.
WORDS = {"string_type": "a text", "int_type": "a whole number", "bool_type": "true or false"}


def _problem(error: Any, given: dict[str, Any], spec: _Fields) -> EsanteError:
    """The first problem of a line, as the command line would say it."""
    name = str(error["loc"][0])
    param = next(p for p, f in spec.names.items() if f == name)
    kind, got = error["type"], error.get("input")
    item = len(error["loc"]) > 1  # an item of a list
    if kind == "string_type" and param in JOBS:  # as the session says of a name it is given
        return InputError(f"'{name}' must be a job name, got {_show(got)}")
    if kind == "string_type" and param == "profile":
        return InputError(f"'profile' must be the path of a profile file, got {_show(got)}")
    if name in spec.lists and (kind == "list_type" or item and kind == "string_type"):
        what = "a job name or a list of them" if param in JOBS else "a text or a list of texts"
        return _Usage(f"{name}: must be {what}, got {_show(given[name])}")
    if kind in WORDS:
        return _Usage(f"{name}: must be {WORDS[kind]}, got {_show(got)}")
    if kind == "greater_than_equal":
        least = error["ctx"]["ge"]
        return _Usage(
            f"{name}: must be "
            + ("0 or more" if least == 0 else f"at least {least}")
            + f", got {got}"
        )
    if kind == "less_than_equal":
        return _Usage(f"{name}: must be at most {error['ctx']['le']}, got {got}")
    if kind == "enum":
        values = ", ".join(spec.choices[name])
        return _Usage(f"{name}: must be one of {values}, got {_show(got)}")
    message = error["msg"].removeprefix("Value error, ")  # a value's own check: its words
    return _Usage(f"{name}: {message}")


# -- answering -------------------------------------------------------------------------------


def answer(session: Session, line: str) -> Any:
    """The result of one query line (a result model, or plain data for ``schema``)."""
    name, values = parse_query(line)
    query, spec = QUERIES[name], _fields(name)
    function = _chosen(query.functions(), values, spec)
    args: dict[str, Any] = {}  # in the order of the parameters, as the command resolves them
    for p in inspect.signature(function).parameters.values():
        if p.name in FROM_SESSION:
            args[p.name] = FROM_SESSION[p.name](session)
        elif p.name in values and not (values[p.name] == [] and p.default is not p.empty):
            args[p.name] = _argument(session, p.name, spec.names[p.name], values[p.name])
    return function(**args)


def _chosen(
    functions: list[Callable[..., Any]], values: dict[str, Any], spec: _Fields
) -> Callable[..., Any]:
    """The function whose required parameters the line gives (for ``paths`` and ``gap``: a
    job or a person to start from, not both); a field set that it does not take is an
    error."""
    if len(functions) == 1:
        return functions[0]
    needs = [
        [
            p.name
            for p in inspect.signature(f).parameters.values()
            if p.default is p.empty and p.name not in FROM_SESSION
        ]
        for f in functions
    ]
    fits = [f for f, n in zip(functions, needs) if all(values.get(p) is not None for p in n)]
    starts = [p for n in needs for p in n if p in STARTS and not all(p in m for m in needs)]
    if len(fits) != 1:
        raise _Usage(
            "give either " + " or ".join(f"'{spec.names[p]}' ({STARTS[p]})" for p in starts)
        )
    taken = inspect.signature(fits[0]).parameters
    for p, value in values.items():
        default = spec.model.model_fields[p].default
        if p not in taken and p not in spec.views and value != default and p not in starts:
            other = next(s for s in starts if s not in taken)
            raise _Usage(f"'{spec.names[p]}' goes with '{spec.names[other]}'")
    return fits[0]


def _argument(session: Session, param: str, name: str, value: Any) -> Any:
    """What the function is given for a field: names resolved, a profile read, the dataset
    in use for a missing folder."""
    if value is None:
        return session.data_dir if param == "path" else None  # not given
    if param == "profile":
        return session.profile(value)
    if param not in JOBS:
        return value
    if not isinstance(value, list):
        return session.job(value, name)
    ids = [session.job(v, name) for v in value]
    if param == "ids" and (len(ids) < 2 or len(set(ids)) != len(ids)):
        raise _Usage(f"{name}: give at least two different jobs")
    return ids


# -- running a batch -------------------------------------------------------------------------


def read_lines(stream: BinaryIO | TextIO) -> Iterator[bytes | str]:
    """The lines of a stream (bytes; a text stream gives texts), without their newline, each
    as soon as it is read (a script may wait for an answer before it sends the next line); a
    line longer than :data:`~esante_cli.limits.MAX_LINE` is cut there, the rest of it read
    and dropped."""
    first = True
    while True:
        line: Any = stream.readline(MAX_LINE + 1)
        if not line:
            return
        text = isinstance(line, str)
        newline = "\n" if text else b"\n"
        if first and line.startswith("\ufeff" if text else b"\xef\xbb\xbf"):  # a byte-order mark
            line = line[1:] if text else line[3:]
        first = False
        if len(line) > MAX_LINE and not line.endswith(newline):
            rest = line
            while rest and not rest.endswith(newline):
                rest = stream.readline(MAX_LINE)
        yield line.rstrip("\r\n" if text else b"\r\n")


def _text(line: str | bytes) -> str:
    """A query line as text: bytes are UTF-8; a line too long or not UTF-8 is an error of
    that line alone."""
    if len(line) > MAX_LINE:
        raise InputError(f"line too long (more than {MAX_LINE} bytes)")
    if isinstance(line, str):
        return line
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"line is not UTF-8 text (byte {exc.start + 1})") from None


def run_batch(lines: Iterable[str | bytes], session: Session | None = None) -> Iterator[str]:
    """One output line (without its newline) per query line (a text, or bytes in UTF-8), in
    order."""
    from .interpreting import report_interpretations
    from .names import Resolution
    from .render.json import to_data

    session = session or Session()
    for number, given in enumerate(lines, start=1):
        found: list[Resolution] = []
        try:
            line = _text(given)
            if not line.strip():
                continue
            with report_interpretations(found.append), using(Lang.en):  # machine-neutral
                data = to_data(answer(session, line))
        except EsanteError as exc:
            yield _dumps({"code": int(exc.exit_code), "error": str(exc), "line": number})
            continue
        except RecursionError:
            yield _dumps(
                {"code": int(ExitCode.USAGE), "error": "query nested too deeply", "line": number}
            )
            continue
        except Exception as exc:  # noqa: BLE001  (a bug on one line must not lose the others)
            yield _dumps(_failure(exc, number))
            continue
        head = '{"interpreted":' + _dumps(_interpreted(found)) + "," if found else "{"
        yield head + '"line":' + str(number) + ',"result":' + _dumps(data) + "}"


def _failure(exc: Exception, number: int) -> dict[str, Any]:
    """The error record of an unexpected exception: a path the system refuses (too long, a
    loop of links) is bad input, as on the command line; anything else, a bug."""
    if isinstance(exc, OSError) and exc.filename is not None:
        error = f"{exc.filename}: {exc.strerror}"
        return {"code": int(ExitCode.INVALID_INPUT), "error": error, "line": number}
    error = f"internal error: {type(exc).__name__}: {exc} (please report it)"
    return {"code": int(ExitCode.INTERNAL), "error": error, "line": number}


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
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
