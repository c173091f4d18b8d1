"""A person's profile: their own level (0 to 4) on each macro-competence of the catalogue.

A profile file is YAML or JSON::

    name: Camille Martin          # optional
    current_job: data-scientist   # optional: a job id, title or other title, or free text
    competences:
      cycle-de-vie: 2             # by id or by label; 0 = not acquired, 1-4 = the card's levels
      "Travailler à distance en mode collaboratif": {level: 3, note: "pilotage d'équipes"}
      autonomie: {note: "..."}    # a competence without levels takes a note, never a level
    notes: "..."                  # optional

``current_job`` is matched exactly only (an id, a title or an other title, case, accents and
punctuation aside): a job named any other way ("Infirmière", "Chef de projet") is kept as it is
written, as free text (``current_job_text``), and never refused nor mapped by a guess.

A levelled competence left out (or ``null``) is *not assessed*: the queries count it as level
0 (not acquired), as the cost model counts a missing level, and every result lists it under
``unassessed`` so that the command line can warn. Self-assessed levels have the provenance
``user``.

:func:`load_profile` is the only reader of profile files: any problem is an ``InputError``
(exit code 3) in one line naming the file, the line where the YAML or JSON text gives one, and
the field. A profile is personal data: nothing here opens a connection or writes anywhere but
the path it is given (through :func:`esante_cli.files.write_atomic`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainValidator,
    ValidationError,
    model_validator,
)

from .errors import InputError, UnknownNameError
from .language import N_, Lang, _, colon, current_lang
from .validation import Loc, Problem, Source, invalid, problems, show

if TYPE_CHECKING:
    from .dataset import Dataset
    from .models import Competence

__all__ = [
    "MAX_LEVEL",
    "PROFILE_FIELDS",
    "Assessment",
    "Profile",
    "ProfileEntry",
    "Reply",
    "SelfLevel",
    "current_job_fields",
    "dump_profile",
    "load_profile",
    "parse_profile",
    "profile_template",
]

MAX_LEVEL = 4
PROFILE_FIELDS = ("name", "current_job", "competences", "notes")
ProfileFormat = Literal["yaml", "json"]


# -- the model -------------------------------------------------------------------------------


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ProfileEntry(_Frozen):
    """The person's level on one competence (0 to 4; None: not assessed) and a note."""

    id: str
    level: int | None = None
    note: str | None = None


class Profile(_Frozen):
    """A person's self-assessment, competences resolved to catalogue ids (catalogue order)."""

    name: str | None = None
    current_job: str | None = None  # a job id of the dataset
    current_job_text: str | None = None  # the current job as written, when it names no job
    competences: list[ProfileEntry] = []
    notes: str | None = None

    @model_validator(mode="after")
    def _one_current_job(self) -> Profile:
        if self.current_job is not None and self.current_job_text is not None:
            raise ValueError(
                _(
                    "current_job (un id de métier) et current_job_text (texte libre) s'excluent "
                    "l'un l'autre"
                )
            )
        return self

    @property
    def current_job_written(self) -> str | None:
        """The current job as a profile file holds it: the job's id, or the free text."""
        return self.current_job if self.current_job is not None else self.current_job_text

    def entry(self, competence_id: str) -> ProfileEntry | None:
        for e in self.competences:
            if e.id == competence_id:
                return e
        return None

    def level(self, competence_id: str) -> int | None:
        e = self.entry(competence_id)
        return e.level if e else None

    @property
    def levels(self) -> dict[str, int]:
        """The assessed levels: competence id -> 0..4."""
        return {e.id: e.level for e in self.competences if e.level is not None}

    def unassessed(self, dataset: Dataset) -> list[str]:
        """The levelled competences without a level, in catalogue order."""
        have = self.levels
        return [c.id for c in dataset.levelled_competences if c.id not in have]

    @property
    def flat(self) -> bool:
        """Every assessed level is the same (two or more of them): such profiles match badly."""
        values = list(self.levels.values())
        return len(values) >= 2 and len(set(values)) == 1

    def with_levels(self, dataset: Dataset, levels: Mapping[str, int | None]) -> Profile:
        """A copy with ``levels`` (competence id -> level or None) replacing the old ones."""
        entries = {e.id: e for e in self.competences}
        for comp, level in levels.items():
            old = entries.get(comp)
            entries[comp] = ProfileEntry(id=comp, level=level, note=old.note if old else None)
        order = {c.id: i for i, c in enumerate(dataset.competences)}
        ordered = sorted(entries.values(), key=lambda e: order.get(e.id, len(order)))
        return self.model_copy(update={"competences": ordered})


# -- reading ---------------------------------------------------------------------------------


def _level(value: Any) -> int:
    """A self-assessed level: a whole number from 0 to 4 (``"3"``, ``2.0`` and ``true`` are not:
    a coerced value would hide a mistake in the file)."""
    if isinstance(value, bool) or not isinstance(value, int):
        message = _("le niveau doit être un nombre entier de 0 à {top}, reçu {value}")
        raise invalid(message.format(top=MAX_LEVEL, value=show(value)))
    if not 0 <= value <= MAX_LEVEL:
        message = _("le niveau doit être entre 0 et {top}, reçu {value}")
        raise invalid(message.format(top=MAX_LEVEL, value=value))
    return value


SelfLevel = Annotated[int, PlainValidator(_level)]


def _tidy(value: str) -> str | None:
    return value.strip() or None


def _one_line(value: str) -> str | None:
    if "\n" in value.strip():
        raise invalid(_("doit tenir sur une ligne"))
    return _tidy(value)


Text = Annotated[str, AfterValidator(_tidy)]
Line = Annotated[str, AfterValidator(_one_line)]


class _FileEntry(BaseModel):
    """A competence's value in a profile file: its level and a note."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    level: SelfLevel | None = None
    note: Text | None = None


def _entry_or_level(value: Any) -> Any:
    # 'alpha: 2' is 'alpha: {level: 2}', its level checked where it is written
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return {"level": None if value is None else _level(value)}


def _mapping(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, dict):
        message = _("doit être une table compétence -> niveau (0 à {top}), reçu {value}")
        raise invalid(message.format(top=MAX_LEVEL, value=show(value)))
    return {str(k): v for k, v in value.items()}


class ProfileFile(BaseModel):
    """A profile file as written (see the module's doc): competences by id or label, each a
    level or ``{level, note}``. :func:`parse_profile` resolves it against a dataset."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: Line | None = None
    current_job: Line | None = None
    competences: Annotated[
        dict[str, Annotated[_FileEntry, BeforeValidator(_entry_or_level)]] | None,
        BeforeValidator(_mapping),
    ] = None
    notes: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _fields(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            message = _("doit être une table de champs ({fields}), reçu {value}")
            raise invalid(message.format(fields=", ".join(PROFILE_FIELDS), value=show(value)))
        return {str(k): v for k, v in value.items()}


# French words people write for the fields (the file's keys are English, like the JSON's).
_FRENCH = {
    "nom": "name",
    "metier": "current_job",
    "métier": "current_job",
    "metier_actuel": "current_job",
    "métier_actuel": "current_job",
    "poste": "current_job",
    "competence": "competences",
    "compétences": "competences",
    "niveau": "level",
    "remarques": "notes",
    "remarque": "note",
    "commentaire": "note",
}


# A group's table given where one person's profile goes, by its suffix: what to do instead.
NOT_A_PROFILE = {
    **dict.fromkeys(
        (".csv", ".tsv"),  # as workshop reads it
        N_(
            "{path} : un profil est un fichier YAML ou JSON ; le tableau d'un groupe se lit "
            "avec « esante workshop {path} »"
        ),
    ),
    **dict.fromkeys(
        (".xlsx", ".xls", ".ods"),  # before it is saved as CSV
        N_(
            "{path} : un profil est un fichier YAML ou JSON ; un classeur se lit une fois "
            "enregistré en CSV (« ; »), par « esante workshop FICHIER.csv »"
        ),
    ),
}

# PyYAML's problems, in words a person editing a profile can act on (others: said in English,
# the parser's words, only when the interface is English)
YAML_PROBLEMS = {
    "mapping values are not allowed here": N_(
        "« : » inattendu ici : un décalage de trop, ou une valeur qui contient « : » sans "
        "guillemets"
    ),
    "could not find expected ':'": N_("« : » attendu après le nom d'un champ"),
    "found character '\\t' that cannot start any token": N_(
        "une tabulation : en YAML, on décale avec des espaces"
    ),
    "found unexpected end of stream": N_(
        "le fichier s'arrête au milieu d'une valeur, un guillemet ou un crochet non fermé ?"
    ),
    "expected the node content, but found '<stream end>'": N_(
        "le fichier s'arrête au milieu d'une valeur, un guillemet ou un crochet non fermé ?"
    ),
    "expected ',' or ']'": N_("un crochet « [ » non fermé, ou une virgule manquante"),
    "expected ',' or '}'": N_("une accolade « { » non fermée, ou une virgule manquante"),
    "expected <block end>": N_(
        "ligne illisible : un « : » manquant, ou un décalage différent de celui des champs voisins"
    ),
    "found unknown escape character": N_("un « \\ » dans un texte entre guillemets doubles"),
}


def yaml_problem(problem: str) -> str:
    """PyYAML's ``problem`` in the interface's words."""
    for start, words in YAML_PROBLEMS.items():
        if problem.startswith(start):
            return _(words)
    return problem if current_lang() == Lang.en else _("forme non reconnue")


def load_profile(path: str | os.PathLike[str], dataset: Dataset) -> Profile:
    """Read and validate the profile file at ``path`` (YAML, or JSON by its ``.json`` suffix or
    its first character). Raises ``InputError`` naming the file, the line and the field."""
    from .files import read_user_text

    file = Path(path)
    name = str(path)
    instead = NOT_A_PROFILE.get(file.suffix.lower())
    if instead is not None:
        raise InputError(_(instead).format(path=name))
    text = read_user_text(path, _("un profil YAML ou JSON"))
    fmt: ProfileFormat = "json" if file.suffix.lower() == ".json" else "yaml"
    return parse_profile(text, dataset, name=name, fmt=fmt)


def parse_profile(
    text: str, dataset: Dataset, *, name: str = "<profile>", fmt: ProfileFormat | None = None
) -> Profile:
    """A profile from its text. ``fmt`` None: JSON if the text starts with ``{``, else YAML."""
    if not text.strip():
        raise InputError(_("{path} : le fichier est vide").format(path=name))
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "yaml"
    src = Source(name, lines={})
    raw = _parse_json(text, src) if fmt == "json" else _parse_yaml(text, src)
    if raw is None:
        message = _("{path} : le fichier ne contient pas de profil (seulement des commentaires ?)")
        raise InputError(message.format(path=name))
    return _validate(raw, src, dataset)


def _loader() -> type[Any]:
    """PyYAML's safe loader without anchors and aliases (a profile has no use for them, and
    nested aliases make a few lines grow into billions of nodes) and with a nesting limit."""
    import yaml

    from .limits import MAX_DEPTH

    class Loader(yaml.SafeLoader):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _refused(_("ancres et alias (&, *) refusés dans un profil"), event)
            self.depth += 1
            if self.depth > MAX_DEPTH:
                too_deep = _("imbrication trop profonde (au plus {limit} niveaux)")
                raise _refused(too_deep.format(limit=MAX_DEPTH), event)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return Loader


def _refused(problem: str, event: Any) -> Exception:
    """A profile's YAML that the tool refuses (its own words, said as they are)."""
    import yaml

    error = yaml.composer.ComposerError(None, None, problem, event.start_mark)
    error.ours = True  # type: ignore[attr-defined]
    return error


def _compose(text: str) -> Any:
    import yaml

    return yaml.compose(text, Loader=_loader())


def _parse_yaml(text: str, src: Source) -> Any:
    import yaml
    from yaml.constructor import SafeConstructor

    try:
        node = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        at = (
            _("ligne {line}, colonne {column}").format(line=mark.line + 1, column=mark.column + 1)
            + colon()
            if mark is not None
            else ""
        )
        message = _("{path} : {at}YAML invalide ({error})")
        raise InputError(
            message.format(
                path=src.name,
                at=at,
                error=problem if getattr(exc, "ours", False) else yaml_problem(problem),
            )
        ) from None
    if node is None:
        return None
    _record_lines(node, (), src)
    try:
        return SafeConstructor().construct_document(node)
    except yaml.YAMLError as exc:  # e.g. a key that is a list
        mark = getattr(exc, "problem_mark", None)
        at = _("ligne {n}").format(n=mark.line + 1) + colon() if mark is not None else ""
        problem = getattr(exc, "problem", None)
        error = yaml_problem(problem) if problem else _("illisible")
        message = _("{path} : {at}YAML invalide ({error})")
        raise InputError(message.format(path=src.name, at=at, error=error)) from None


def _record_lines(node: Any, where: Loc, src: Source) -> None:
    """Line of every mapping key and sequence item; a key twice in a mapping is an error."""
    import yaml

    lines = src.lines
    lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1
            if key in seen:
                where_key = src.where((*where, key), line=line)
                raise InputError(_("{where} : donné deux fois").format(where=where_key))
            seen.add(key)
            lines[(*where, key)] = line
            _record_lines(value_node, (*where, key), src)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*where, i), src)


def _parse_json(text: str, src: Source) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError(_("{where} : donné deux fois").format(where=src.where((key,))))
            out[key] = value
        return out

    from .files import TOO_DEEP, depth
    from .limits import MAX_DEPTH

    try:
        raw = json.loads(text, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        message = _("{path} : ligne {line}, colonne {column} : JSON invalide ({error})")
        raise InputError(
            message.format(path=src.name, line=exc.lineno, column=exc.colno, error=exc.msg)
        ) from None
    except RecursionError:
        raise InputError(_(TOO_DEEP).format(path=src.name, limit=MAX_DEPTH)) from None
    if depth(raw) > MAX_DEPTH:
        raise InputError(_(TOO_DEEP).format(path=src.name, limit=MAX_DEPTH))
    # JSON as written by people and tools is YAML too: its node marks give the lines.
    try:
        node = _compose(text)
        if node is not None:
            _record_lines(node, (), src)
    except Exception:  # noqa: BLE001 - lines are a courtesy; the JSON itself is valid
        src.lines.clear()
    return raw


def _validate(raw: Any, src: Source, dataset: Dataset) -> Profile:
    """The profile ``raw`` describes: the file's model, and its competences named in the
    catalogue; the first problem in the file is raised."""
    try:
        file: ProfileFile | None = ProfileFile.model_validate(raw)
        found = []
    except ValidationError as exc:
        file, found = None, problems(exc, model=ProfileFile, synonyms=_FRENCH)
    ids, unknown = _competence_ids(raw, dataset)
    if unknown or found:
        # on one line, a name's problem comes first: 'alpah: 7' is an unknown competence
        raise InputError(src.describe(src.in_order([*unknown, *found])[0]))
    assert file is not None
    order = {c.id: i for i, c in enumerate(dataset.competences)}
    entries = sorted(
        (
            ProfileEntry(id=ids[key], level=entry.level, note=entry.note)
            for key, entry in (file.competences or {}).items()
        ),
        key=lambda e: order[e.id],
    )
    return Profile(
        name=file.name,
        **current_job_fields(dataset, file.current_job),
        competences=entries,
        notes=file.notes,
    )


def _competence_ids(raw: Any, dataset: Dataset) -> tuple[dict[str, str], list[Problem]]:
    """The competence each key of the file's ``competences`` names, and the problems of the
    names: unknown, the same competence twice, a level for a competence without levels."""
    from .names import resolve_competence

    comps = raw.get("competences") if isinstance(raw, dict) else None
    if not isinstance(comps, dict):
        return {}, []
    ids: dict[str, str] = {}
    written: dict[str, str] = {}
    found: list[Problem] = []
    for key, value in comps.items():
        loc: Loc = ("competences", str(key))
        try:
            comp_id = resolve_competence(dataset, str(key))
        except UnknownNameError as exc:
            found.append(Problem(loc, str(exc)))
            continue
        if comp_id in written:
            message = _("désigne la même compétence « {id} » que « {other} »")
            found.append(Problem(loc, message.format(id=comp_id, other=written[comp_id])))
            continue
        written[comp_id] = str(key)
        ids[str(key)] = comp_id
        level = value.get("level") if isinstance(value, dict) else value
        if level is not None and not dataset.competence(comp_id).levelled:
            found.append(
                Problem(
                    (*loc, "level") if isinstance(value, dict) else loc,
                    _(
                        "la compétence « {id} » n'a pas de niveaux dans le catalogue : "
                        "donnez-lui une note, pas un niveau"
                    ).format(id=comp_id),
                )
            )
    return ids, found


def current_job_fields(dataset: Dataset, written: str | None) -> dict[str, str | None]:
    """The profile fields for a current job as written: ``current_job`` (an id) when it names
    a job exactly (id, title or other title), else ``current_job_text`` (the text itself). A
    loose resolution would be a guess ("Chef de projet" is not "Chef de projet e-santé")."""
    from .names import job_resolver

    text = " ".join(written.split()) if written else None
    if not text:
        return {"current_job": None, "current_job_text": None}
    job_id = text if text in dataset.jobs_by_id else job_resolver(dataset).find_exact(text)
    return {"current_job": job_id, "current_job_text": None if job_id else text}


# -- writing ---------------------------------------------------------------------------------

# Characters a YAML double-quoted scalar must carry escaped (YAML folds NEL and the Unicode
# line separators, and refuses C0/C1 controls): JSON's quoting plus these gives valid YAML.
_YAML_UNSAFE = re.compile(
    "[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _quote(text: str) -> str:
    """``text`` as a double-quoted scalar, valid in YAML and JSON alike."""
    out = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def _comment(text: str) -> str:
    return " ".join(text.split())


def dump_profile(
    profile: Profile, dataset: Dataset, fmt: ProfileFormat = "yaml", lang: Lang = Lang.fr
) -> str:
    """The profile as a file's text: YAML with each competence's label (and chosen level's
    descriptor) as a comment, or JSON. Every levelled competence is written, ``null`` when
    not assessed, so that a partly filled file shows what is missing."""
    from .i18n import t

    if fmt == "json":
        comps: dict[str, Any] = {}
        for c in dataset.competences:
            e = profile.entry(c.id)
            if not c.levelled and (e is None or e.note is None):
                continue
            level = e.level if e else None
            if e is not None and e.note is not None:
                comps[c.id] = {"level": level, "note": e.note} if c.levelled else {"note": e.note}
            else:
                comps[c.id] = level
        data = {
            "name": profile.name,
            "current_job": profile.current_job_written,
            "competences": comps,
            "notes": profile.notes,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    lines = [
        f"# {_card_words('pf_header', dataset, lang)}",
        f"# {_card_words('pf_scale', dataset, lang)}",
        f"# {t('pf_private', lang)}",
        "",
    ]
    lines.append(f"name: {_quote(profile.name) if profile.name else 'null'}")
    if profile.current_job_text is not None:
        lines.append(
            f"current_job: {_quote(profile.current_job_text)}  # {t('pf_current_job_text', lang)}"
        )
    else:
        lines.append(f"current_job: {profile.current_job or 'null'}")
    lines.append("competences:")
    for c in dataset.competences:
        e = profile.entry(c.id)
        note = e.note if e else None
        level = e.level if e else None
        if not c.levelled:
            if note is not None:
                lines.append(f"  {c.id}:  # {_comment(c.label)} ({t('pf_no_levels', lang)})")
                lines.append(f"    note: {_quote(note)}")
            continue
        about = _comment(c.label)
        if level is None:
            about += f" ({t('pf_unassessed', lang)})"
        elif level == 0:
            about += f" — 0. {t('pf_level0', lang)}"
        else:
            about += f" — {level}. {_comment(c.levels[level - 1])}"
        shown = "null" if level is None else str(level)
        if note is not None:
            lines.append(f"  {c.id}:  # {about}")
            lines.append(f"    level: {shown}")
            lines.append(f"    note: {_quote(note)}")
        else:
            lines.append(f"  {c.id}: {shown}  # {about}")
    lines.append(f"notes: {_quote(profile.notes) if profile.notes else 'null'}")
    return "\n".join(lines) + "\n"


def _card_words(key: str, dataset: Dataset, lang: Lang) -> str:
    """The words of ``key``; those that speak of the OPIIEC card (``pf_header``, ``pf_scale``)
    name the dataset instead when it does not hold the card (an imported taxonomy)."""
    from .i18n import t

    if key not in ("pf_header", "pf_scale") or any(j.card for j in dataset.metier.jobs):
        return t(key, lang)
    title = dataset.metier.dataset.title or dataset.version
    return t(key + "_data", lang).replace("{title}", title)


def profile_template(dataset: Dataset, fmt: ProfileFormat = "yaml", lang: Lang = Lang.fr) -> str:
    """An empty profile to fill in: every competence with its four level descriptors as
    comments (YAML), or a bare JSON skeleton."""
    from .i18n import t

    if fmt == "json":
        return dump_profile(Profile(), dataset, "json", lang)
    lines = [
        f"# {_card_words(key, dataset, lang)}"
        for key in (
            "pf_template_1",
            "pf_scale",
            "pf_template_2",
            "pf_template_3",
            "pf_template_4",
            "pf_private",
            "pf_template_5",
        )
    ]
    lines += [
        "",
        f"name: null  # {t('pf_name', lang)}",
        f"current_job: null  # {t('pf_current_job', lang)}",
        "competences:",
    ]
    for c in dataset.competences:
        lines.append(f"  # {_comment(c.label)}")
        if not c.levelled:
            lines.append(f"  #   ({t('pf_no_levels', lang)})")
            lines.append(f"  {c.id}:")
            lines.append("    note: null")
            continue
        lines.append(f"  #   0. {t('pf_level0', lang)}")
        for i, descriptor in enumerate(c.levels, 1):
            lines.append(f"  #   {i}. {_comment(descriptor)}")
        lines.append(f"  {c.id}: null")
    lines.append(f"notes: null  # {t('pf_notes', lang)}")
    return "\n".join(lines) + "\n"


def profile_format(path: str | os.PathLike[str]) -> ProfileFormat:
    """The format a profile file is written in, from its suffix (``.json``: JSON; else YAML)."""
    return "json" if Path(path).suffix.lower() == ".json" else "yaml"


# -- the interactive self-assessment ---------------------------------------------------------


ReplyKind = Literal["answered", "skipped", "back", "first", "help", "quit", "invalid"]

_SKIP = {"", "s", "skip", "passer", "p"}
_HELP = {"?", "h", "help", "aide"}
_BACK = {"b", "back", "r", "retour"}
_QUIT = {"q", "quit", "quitter", "stop"}


@dataclass(frozen=True)
class Reply:
    """What one answer did: ``answered`` (a level was set), ``skipped``, ``back`` (the previous
    question comes again), ``first`` (no question before this one), ``help``, ``quit``, or
    ``invalid`` (not a level 0-4 nor a command)."""

    kind: ReplyKind
    level: int | None = None


@dataclass
class Assessment:
    """The question-and-answer state of a self-assessment, without any input or output.

    The questions are the levelled competences in catalogue order: all of them with
    ``redo``, else only those ``start`` leaves unassessed (a resumed session).
    """

    dataset: Dataset
    start: Profile = field(default_factory=Profile)
    redo: bool = False
    questions: list[Competence] = field(init=False)
    answers: dict[str, int | None] = field(init=False)
    index: int = field(init=False, default=0)
    changed: int = field(init=False, default=0)  # levels set in this session

    def __post_init__(self) -> None:
        self.answers = {c.id: self.start.level(c.id) for c in self.dataset.levelled_competences}
        self.questions = [
            c for c in self.dataset.levelled_competences if self.redo or self.answers[c.id] is None
        ]

    @property
    def done(self) -> bool:
        return self.index >= len(self.questions)

    @property
    def current(self) -> Competence:
        return self.questions[self.index]

    def reply(self, text: str) -> Reply:
        """Apply one line typed by the person."""
        word = text.strip().lower()
        if word in _HELP:
            return Reply("help")
        if word in _QUIT:
            return Reply("quit")
        if word in _BACK:
            if self.index == 0:
                return Reply("first")
            self.index -= 1
            return Reply("back")
        if word in _SKIP:
            self.index += 1
            return Reply("skipped")
        if len(word) == 1 and word.isdigit() and int(word) <= MAX_LEVEL:
            level = int(word)
            self.answers[self.current.id] = level
            self.index += 1
            self.changed += 1
            return Reply("answered", level)
        return Reply("invalid")

    def profile(self) -> Profile:
        """The start profile with this session's answers."""
        return self.start.with_levels(self.dataset, self.answers)

    @property
    def missing(self) -> list[str]:
        return [c for c, lv in self.answers.items() if lv is None]
