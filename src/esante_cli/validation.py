"""What every input shares: the one place a pydantic error becomes a line naming the file, the
line and the field, and the one "did you mean".

Each input has a pydantic model that says what is valid: the data files (``models.py``), a
model file (``costmodel.py``), a profile (``profiles.py``), a group's CSV rows
(``queries/workshop.py``), the rows of the ESCO and CSV imports (``importers/``). Where the
words matter, a model raises its own message (:func:`invalid`); pydantic's own errors are put
in plain words by :func:`problems`. A :class:`Source` says where a problem is: the file, the
line (a YAML or JSON node's mark, a CSV row) and the field::

    profil.yaml: line 3: competences.alpha: level must be between 0 and 4, got 7

:func:`suggest` is the "did you mean" of every message: the names nearest to a word, by the
share of characters they have in common (the ratio difflib computes, through ``rapidfuzz``:
some milliseconds for the 13,900 skills of ESCO, where difflib takes about a second).
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError
    from pydantic_core import PydanticCustomError

from .language import N_, _, colon, ngettext

__all__ = ["Loc", "Problem", "Source", "did_you_mean", "invalid", "problems", "show", "suggest"]

Loc = tuple[str | int, ...]

# -- did you mean ------------------------------------------------------------------------------

CLOSE = 0.6  # similarity from which a name is offered as "did you mean" (difflib's default)


def suggest(
    query: str,
    choices: Sequence[str],
    *,
    n: int | None = 1,
    cutoff: float = CLOSE,
    keys: Sequence[str] | None = None,
) -> list[str]:
    """The ``n`` choices (all with None) most similar to ``query``, at least ``cutoff`` similar,
    best first, ties in alphabetical order. Similarity is ``2 * M / T`` (0 to 1): M the
    characters the two names have in common in order (their longest common subsequence), T
    their total length. It is difflib's ratio, whose M is found greedily and is at times a
    little lower. With ``keys`` (one per choice: the entry a name belongs to), the keys of the
    nearest entries, each named once, by its nearest name."""
    from rapidfuzz import fuzz, process

    # scores are percentages; rapidfuzz applies its cutoff to about 1e-5, so it is asked for a
    # little less and the cutoff applied here: a name exactly at the cutoff stays in
    least = cutoff * 100 - 1e-9
    hits = process.extract(
        query,
        choices,
        scorer=fuzz.ratio,
        processor=None,
        limit=None,
        score_cutoff=max(0.0, least - 0.01),
    )
    best: dict[str, float] = {}
    last = 0.0  # the score of the last key found
    for choice, score, index in hits:  # best first: a key's first hit is its best
        if score < least:
            break
        key = keys[index] if keys is not None else choice
        if key in best:
            continue
        if n is not None and len(best) >= n and score < last:
            break  # n keys found, and none left tied with the last of them
        best[key] = last = score
    ranked = sorted(best, key=lambda k: (-best[k], k))
    return ranked if n is None else ranked[:n]


def did_you_mean(
    word: str,
    known: Sequence[str],
    *,
    synonyms: Mapping[str, str] | None = None,
    list_known: bool = True,
) -> str:
    """`` (did you mean 'x'?)`` for the known name nearest to ``word`` (a synonym first: the
    French word for a field, say), else `` (known: a, b)`` when ``list_known``, else nothing."""
    meant = (synonyms or {}).get(word.lower())
    close = [meant] if meant in known else suggest(word, known)
    if close:
        return " " + _("(vouliez-vous dire « {name} » ?)").format(name=close[0])
    return " " + _("(connus : {names})").format(names=", ".join(known)) if list_known else ""


# -- pydantic's errors in plain words ----------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem of an input: where it is (a pydantic ``loc``) and what it is."""

    loc: Loc
    message: str


def invalid(message: str, *, at: str | None = None) -> PydanticCustomError:
    """The error a model raises in its own words (the message is shown as it is); ``at``: the
    field it is about, for a check of the whole model (pydantic places those at the model)."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError("esante", "{message}", {"message": message, "at": at})


# Pydantic's error types, in the words of every message ({input}: the value as written); the
# French of the code, translated when a message is made (too_short: a count, see _words).
PHRASES: dict[str, str] = {
    "greater_than_equal": N_("doit être ≥ {ge}, reçu {input}"),
    "greater_than": N_("doit être > {gt}, reçu {input}"),
    "less_than_equal": N_("doit être ≤ {le}, reçu {input}"),
    "less_than": N_("doit être < {lt}, reçu {input}"),
    "float_parsing": N_("doit être un nombre, reçu {input}"),
    "float_type": N_("doit être un nombre, reçu {input}"),
    "finite_number": N_("doit être un nombre fini, reçu {input}"),
    "int_parsing": N_("doit être un nombre entier, reçu {input}"),
    "int_type": N_("doit être un nombre entier, reçu {input}"),
    "int_from_float": N_("doit être un nombre entier, reçu {input}"),
    "bool_parsing": N_("doit être true ou false, reçu {input}"),
    "bool_type": N_("doit être true ou false, reçu {input}"),
    "string_type": N_("doit être un texte, reçu {input}"),
    "string_too_short": N_("doit être un texte non vide, reçu {input}"),
    "too_short": "{count}",  # a count: said with ngettext (see _words)
    "list_type": N_("doit être une liste, reçu {input}"),
    "dict_type": N_("doit être une table (des clés et leurs valeurs), reçu {input}"),
    "model_type": N_("doit être une table (des clés et leurs valeurs), reçu {input}"),
    "model_attributes_type": N_("doit être une table (des clés et leurs valeurs), reçu {input}"),
    "missing": N_("manquant"),
    "literal_error": N_("doit être l'un de {expected}, reçu {input}"),
    "string_pattern_mismatch": N_("doit être {pattern}, reçu {input}"),
}
# What a pattern means, for "must be ...".
PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": N_("un identifiant (mots ascii en minuscules reliés par « - »)"),
    r"^\d{4}-\d{2}-\d{2}$": N_("une date AAAA-MM-JJ"),
}


def problems(
    exc: ValidationError,
    *,
    model: type[BaseModel] | None = None,
    phrases: Mapping[str, str] | None = None,
    synonyms: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Each error of ``exc`` in plain words. ``model``: the model validated, whose fields an
    unknown field is compared with ("did you mean"); ``phrases``: an input's own words for some
    error types (see :data:`PHRASES`); ``synonyms``: words people write for a field."""
    words = {**PHRASES, **(phrases or {})}
    out = []
    for err in exc.errors(include_url=False):
        at = (err.get("ctx") or {}).get("at") if err["type"] == "esante" else None
        loc = (*err["loc"], at) if at else tuple(err["loc"])
        out.append(Problem(loc, _words(err, loc, words, model, synonyms)))
    return out


def _words(
    err: Any,
    loc: Loc,
    words: Mapping[str, str],
    model: type[BaseModel] | None,
    synonyms: Mapping[str, str] | None,
) -> str:
    kind, got = err["type"], err.get("input")
    msg = str(err["msg"])
    if kind == "esante":
        return msg
    if kind == "value_error":  # a model's own check (ValueError): its words as they are
        return msg.removeprefix("Value error, ")
    if kind == "extra_forbidden":
        known = _fields(model, loc[:-1]) if model is not None and loc else None
        hint = did_you_mean(str(loc[-1]), known, synonyms=synonyms) if known else ""
        return _("champ inconnu") + hint
    template = words.get(kind)
    if template is None:  # pydantic's own sentence, as a message goes on: "input should..."
        msg = msg[:1].lower() + msg[1:]
        scalar = got is None or isinstance(got, (str, int, float, bool))
        return _("{message}, reçu {value}").format(message=msg, value=show(got)) if scalar else msg
    # a bound as a number is read (pydantic gives 'ge=0' of a float field as 0.0)
    ctx = {
        k: str(int(v)) if isinstance(v, float) and v.is_integer() else v
        for k, v in (err.get("ctx") or {}).items()
    }
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        meant = PATTERNS.get(pattern)
        ctx["pattern"] = _(meant) if meant else _("de la forme {pattern}").format(pattern=pattern)
    if kind == "literal_error" and isinstance(ctx.get("expected"), str):  # 'a', 'b' or 'c'
        ctx["expected"] = ctx["expected"].replace(" or ", " " + _("ou") + " ")
    if kind == "too_short":
        said = ngettext(
            "doit contenir au moins {min_length} élément, reçu {actual_length}",
            "doit contenir au moins {min_length} éléments, reçu {actual_length}",
            int(ctx.get("min_length", 0)),
        )
    else:
        said = _(template)
    return said.format_map({**ctx, "input": show(got)})


SHOWN_CHARS = 60  # a text quoted in a message, at most (cut with '...')


def show(value: Any) -> str:
    """A value as a message shows it: numbers and true/false as written, texts quoted, 'a
    mapping' or 'a list' for the rest."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str) and len(value) > SHOWN_CHARS:  # a whole file read as one value
        return repr(value[: SHOWN_CHARS - 3] + "...")
    if isinstance(value, (int, float, str)):
        return repr(value)
    if isinstance(value, dict):
        return _("une table")
    return _("une liste") if isinstance(value, list) else type(value).__name__


def _fields(model: type[BaseModel], path: Loc) -> list[str] | None:
    """The field names (as written in a file: aliases) of the model found at ``path`` in
    ``model``, or None when no model is there."""
    from pydantic import BaseModel

    tp: Any = model
    for part in path:
        tp = _bare(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            found = [f for name, f in tp.model_fields.items() if part in (name, f.alias)]
            if not found:
                return None
            tp = found[0].annotation
        elif get_origin(tp) in (dict, Mapping) and isinstance(part, str):
            tp = get_args(tp)[1]
        elif get_origin(tp) in (list, tuple, Sequence) and isinstance(part, int):
            tp = get_args(tp)[0]
        else:
            return None
    tp = _bare(tp)
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return None
    return [f.alias or name for name, f in tp.model_fields.items()]


def _bare(tp: Any) -> Any:
    """``X`` from ``Annotated[X, ...]`` and ``X | None``."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


# -- where a problem is ------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where an input's problems are: ``name`` (the file), and the line of each field where the
    parser gives one (``lines``: a loc and the loc of each enclosing field), or one ``line``
    for all (a CSV row). ``raw`` (the data as read) names list items by their id beyond the
    top level (``jobs[3].competences[risques]``); ``root`` names the whole input (None: a CSV
    row, named by its line alone)."""

    name: str
    lines: dict[Loc, int] = field(default_factory=dict)
    line: int | None = None
    raw: Any = None
    root: str | None = N_("(racine)")

    def describe(self, problem: Problem) -> str:
        """``file: line N: field: message``."""
        return self.where(problem.loc) + colon() + problem.message

    def where(self, loc: Loc, *, line: int | None = None) -> str:
        """``file: line N: field``, without the parts that are not known."""
        line = line if line is not None else self.line_of(loc)
        field_name = self.field(loc)
        return colon().join(
            [
                self.name,
                *([_("ligne {n}").format(n=line)] if line is not None else []),
                *([field_name] if field_name else []),
            ]
        )

    def line_of(self, loc: Loc) -> int | None:
        """The line of ``loc``, else of the nearest field enclosing it."""
        if not loc:
            return self.lines.get((), self.line)
        for n in range(len(loc), 0, -1):
            line = self.lines.get(loc[:n])
            if line is not None:
                return line
        return self.line

    def field(self, loc: Loc) -> str | None:
        """``competences.alpha.level``; list items by index (``[3]``), or by id beyond the top
        level of ``raw``; ``root`` for the whole."""
        parts: list[str] = []
        node = self.raw
        for depth, key in enumerate(loc):
            if isinstance(key, int):
                item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
                named = depth > 1 and isinstance(item, dict) and isinstance(item.get("id"), str)
                parts.append(f"[{item['id'] if named else key}]")  # type: ignore[index]
                node = item
            else:
                parts.append(("." if parts else "") + str(key))
                node = node.get(key) if isinstance(node, dict) else None
        return "".join(parts) or (_(self.root) if self.root else self.root)

    def in_order(self, found: Iterable[Problem]) -> list[Problem]:
        """The problems in the order of the file (by line; the order given on a line)."""
        return sorted(found, key=lambda p: self.line_of(p.loc) or 0)
