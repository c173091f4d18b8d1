"""Import a dataset from spreadsheets a counsellor can write (CSV files), and write templates.

A folder holds four CSV files, read as a spreadsheet saves them (:mod:`esante_cli.sheets`:
``;``, ``,`` or tab between columns; UTF-8, with or without a byte-order mark, or
Windows-1252; any line ends), and an optional fifth. Headers are compared without case,
accents or punctuation (``Libellé`` is ``libelle``), and the English names are understood too
(:data:`ALIASES`: ``title``, ``label``, ``level``...); a column that is neither is ignored, with
a warning naming it:

- ``metiers.csv``: ``id`` (empty: made from the title), ``titre``, ``famille``,
  ``autres_appellations`` and ``autres_appellations_en`` (several separated by ``|`` or
  line breaks), ``resume``, then ``provenance``, ``source``, ``raison`` (where the row comes
  from: ``user`` by default);
- ``competences.csv``: ``id`` (empty: made from the label), ``libelle``, ``niveau_1`` ..
  ``niveau_4`` (the four cumulative level descriptors, or none);
- ``niveaux.csv``: ``metier`` and ``competence`` (id or title/label), ``niveau`` (1 to 4, or
  empty: no level), ``provenance``, ``source``, ``raison``, ``exemple``;
- ``mobilites.csv``: ``de``, ``vers`` (jobs), ``sens`` (``provenance``: towards the declaring
  job, or ``evolution``: out of it), ``declaree_par`` (empty: deduced from ``sens``),
  ``anneau``, ``secteur``, ``provenance``, ``source``, ``raison``;
- ``jeu.csv`` (optional): one row of ``version``, ``date`` (YYYY-MM-DD), ``titre``.

Every bad row is reported with its file and line (``niveaux.csv: line 7: niveau: must be
between 1 and 4, got '5'``), all at once, and nothing is written. :func:`write_templates`
writes the five files filled with a dataset's tabular content (the bundled one by default),
so that a counsellor starts from a working example; importing them gives that content back.
"""

from __future__ import annotations

import csv
import io
import os
import re
import typing
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from ..errors import InputError, UnknownNameError
from ..language import _, colon, ngettext
from ..models import NEEDS_REASON, NEEDS_SOURCE, Provenance, Ring, Slug, Topics
from ..validation import Problem, Source, invalid
from ..validation import problems as problems_of
from . import (
    ImportedDataset,
    Required,
    RequiredSpaced,
    Spaced,
    Stripped,
    UniqueSlugs,
    required,
    spaced,
    stripped,
)

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..names import Resolver

JOBS, COMPETENCES, LEVELS, MOBILITIES, INFO = (
    "metiers.csv",
    "competences.csv",
    "niveaux.csv",
    "mobilites.csv",
    "jeu.csv",
)
COLUMNS = {
    JOBS: (
        "id",
        "titre",
        "famille",
        "autres_appellations",
        "autres_appellations_en",
        "resume",
        "provenance",
        "source",
        "raison",
    ),
    COMPETENCES: ("id", "libelle", "niveau_1", "niveau_2", "niveau_3", "niveau_4"),
    LEVELS: (
        "metier",
        "competence",
        "niveau",
        "provenance",
        "source",
        "raison",
        "exemple",
        "themes",
        "themes_provenance",
        "themes_source",
        "themes_raison",
    ),
    MOBILITIES: (
        "de",
        "vers",
        "sens",
        "declaree_par",
        "anneau",
        "secteur",
        "provenance",
        "source",
        "raison",
    ),
    INFO: ("version", "date", "titre"),
}
# English (and other) headers -> the column they name (headers as :func:`header_key` folds them)
ALIASES = {
    "title": "titre",
    "job_title": "titre",
    "family": "famille",
    "other_titles": "autres_appellations",
    "other_titles_fr": "autres_appellations",
    "autres_appellations_fr": "autres_appellations",
    "other_titles_en": "autres_appellations_en",
    "summary": "resume",
    "reason": "raison",
    "label": "libelle",
    "level_1": "niveau_1",
    "level_2": "niveau_2",
    "level_3": "niveau_3",
    "level_4": "niveau_4",
    "job": "metier",
    "level": "niveau",
    "expected_level": "niveau",
    "niveau_attendu": "niveau",
    "example": "exemple",
    "topics": "themes",
    "topics_provenance": "themes_provenance",
    "topics_source": "themes_source",
    "topics_reason": "themes_raison",
    "from": "de",
    "to": "vers",
    "direction": "sens",
    "declared_by": "declaree_par",
    "ring": "anneau",
    "sector": "secteur",
}
REQUIRED = {
    JOBS: ("titre",),
    COMPETENCES: ("libelle",),
    LEVELS: ("metier", "competence", "niveau"),
    MOBILITIES: ("de", "vers", "sens"),
    INFO: ("version", "date"),
}
README = "LISEZMOI.txt"


class CsvImportError(InputError):
    """Some rows cannot be imported; ``problems`` lists each one with its file and line."""

    def __init__(self, folder: Path, problems: list[str]):
        self.problems = problems
        n = len(problems)
        message = ngettext(
            "{path} : {n} problème dans les fichiers CSV, rien n'est écrit (le premier : {first})",
            "{path} : {n} problèmes dans les fichiers CSV, rien n'est écrit (le premier : {first})",
            n,
        )
        super().__init__(message.format(path=folder, n=n, first=problems[0]))


# -- the rows --------------------------------------------------------------------------------
#
# One model a file: a row's cells (text, as a spreadsheet writes them) become its values, and
# a bad cell is named by its column. Unknown columns are ignored (a warning names them).


def _or_none(cell: str | None) -> str | None:
    return cell or None


def _blank_none(cell: Any) -> Any:
    return _or_none(stripped(cell))


def _many(cell: Any) -> Any:
    """Several names in a cell, separated by '|' or line breaks."""
    if not isinstance(cell, str):
        return cell
    out: list[str] = []
    for part in cell.replace("|", "\n").splitlines():
        part = " ".join(part.split())
        if part and part not in out:
            out.append(part)
    return out


def _provenance(cell: str) -> str:
    known = typing.get_args(Provenance)
    prov = cell.strip() or "user"
    if prov not in known:
        message = _("doit être l'un de {values}, reçu {value}")
        raise invalid(message.format(values=", ".join(known), value=repr(prov)))
    return prov


def _level(cell: str) -> int | None:
    """1 to 4, or None when empty; a spreadsheet may write 2 as '2.0' or '2,0'."""
    if not cell:
        return None
    if not re.fullmatch(r"[1-4]([.,]0+)?", cell):
        raise invalid(_("doit être entre 1 et 4, reçu {value}").format(value=repr(cell)))
    return int(cell[0])


def _direction(cell: str) -> str:
    word = required(cell).lower()
    if word not in ("provenance", "evolution", "évolution"):
        raise invalid(_("doit être provenance ou evolution, reçu {value}").format(value=repr(cell)))
    return "evolution" if word.startswith("é") else word


def _ring(cell: str) -> str | None:
    if cell and cell not in typing.get_args(Ring):
        message = _("doit être forte, moyenne, lointaine ou autre, reçu {value}")
        raise invalid(message.format(value=repr(cell)))
    return cell or None


MaybeSpaced = Annotated[str | None, AfterValidator(_or_none), BeforeValidator(spaced)]
MaybeStripped = Annotated[str | None, AfterValidator(_or_none), BeforeValidator(stripped)]
Names = Annotated[list[str], BeforeValidator(_many)]


class _Row(BaseModel):
    # a missing cell is an empty one: its default is checked like a cell
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, validate_default=True)


def _check_sourced(provenance: str, source: str, reason: str, prefix: str) -> None:
    """A provenance that needs a reason or a source has it (the columns ``prefix`` names)."""
    if provenance in NEEDS_REASON and not reason:
        message = _("la provenance « {provenance} » demande une raison")
        raise invalid(message.format(provenance=provenance), at=prefix + "raison")
    if provenance in NEEDS_SOURCE and not source:
        message = _("la provenance « {provenance} » demande une source")
        raise invalid(message.format(provenance=provenance), at=prefix + "source")


def _sourced(provenance: str, source: str, reason: str) -> dict[str, Any]:
    """A provenance, source and reason, as the data files write them."""
    out: dict[str, Any] = {"provenance": provenance}
    if source:
        out["source"] = source
    if reason:
        out["reason"] = reason
    return out


class _Sourced(_Row):
    """Where a row comes from: ``user`` by default; some provenances need a source or a
    reason, as the dataset's own model says (``models.Sourced``)."""

    provenance: Annotated[str, BeforeValidator(_provenance)] = ""  # empty: "user"
    source: Stripped = ""
    raison: Spaced = ""

    @model_validator(mode="after")
    def _explained(self) -> _Sourced:
        _check_sourced(self.provenance, self.source, self.raison, "")
        return self

    def sourced(self) -> dict[str, Any]:
        """The provenance, source and reason, as the data files write them."""
        return _sourced(self.provenance, self.source, self.raison)


class JobRow(_Sourced):
    """A row of metiers.csv."""

    id: Annotated[Slug | None, BeforeValidator(_blank_none)] = None
    titre: RequiredSpaced = ""
    famille: MaybeSpaced = None
    autres_appellations: Names = []
    autres_appellations_en: Names = []
    resume: MaybeSpaced = None


class CompetenceRow(_Row):
    """A row of competences.csv: four cumulative level descriptors, or none."""

    id: Annotated[Slug | None, BeforeValidator(_blank_none)] = None
    libelle: RequiredSpaced = ""
    niveau_1: Spaced = ""
    niveau_2: Spaced = ""
    niveau_3: Spaced = ""
    niveau_4: Spaced = ""

    @property
    def levels(self) -> list[str]:
        return [self.niveau_1, self.niveau_2, self.niveau_3, self.niveau_4]

    @model_validator(mode="after")
    def _four_or_none(self) -> CompetenceRow:
        missing = [f"niveau_{k}" for k, d in enumerate(self.levels, 1) if not d]
        if 0 < len(missing) < 4:
            message = _("donnez les quatre descripteurs de niveau ou aucun (manquent : {columns})")
            raise invalid(message.format(columns=", ".join(missing)), at=missing[0])
        return self


class LevelRow(_Sourced):
    """A row of niveaux.csv: a job's expected level on a competence (empty: none)."""

    metier: Required = ""
    competence: Required = ""
    niveau: Annotated[int | None, BeforeValidator(_level), BeforeValidator(stripped)] = None
    exemple: MaybeSpaced = None
    # the topics the source names for the competence, and where their link to it comes from
    themes: Names = []
    themes_provenance: Annotated[str, BeforeValidator(_provenance)] = ""  # empty: "user"
    themes_source: Stripped = ""
    themes_raison: Spaced = ""

    @model_validator(mode="after")
    def _topics_explained(self) -> LevelRow:
        if self.themes:
            _check_sourced(
                self.themes_provenance, self.themes_source, self.themes_raison, "themes_"
            )
        return self

    def topics(self) -> dict[str, Any] | None:
        """The topics, as the data files write them (None: no topic)."""
        if not self.themes:
            return None
        sourced = _sourced(self.themes_provenance, self.themes_source, self.themes_raison)
        return {**sourced, "terms": self.themes}


class MobilityRow(_Sourced):
    """A row of mobilites.csv: a move one of its two jobs declares."""

    de: Required = ""
    vers: Required = ""
    sens: Annotated[str, AfterValidator(_direction), BeforeValidator(stripped)] = ""
    declaree_par: MaybeStripped = None
    anneau: Annotated[str | None, AfterValidator(_ring), BeforeValidator(stripped)] = None
    secteur: MaybeStripped = None


class InfoRow(_Row):
    """The row of jeu.csv."""

    version: Required = ""
    date: Annotated[
        str,
        Field(pattern=r"^\d{4}-\d{2}-\d{2}$"),
        BeforeValidator(required),
        BeforeValidator(stripped),
    ] = ""
    titre: MaybeStripped = None


# -- reading the files -----------------------------------------------------------------------


@dataclass
class _Record:
    """A row as read: its file, its line and its cells by column."""

    file: str
    line: int
    cells: dict[str, str]

    @property
    def src(self) -> Source:
        return Source(self.file, line=self.line, root=None)

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


_M = typing.TypeVar("_M", bound=_Row)


class _Import:
    """An import under way: the problems met so far, each row's in the order of its columns,
    and the ids of the rows of each file."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.jobs = _Ids()
        self.competences = _Ids()

    def read(
        self, record: _Record, model: type[_M], *names: tuple[str, Resolver]
    ) -> tuple[_M | None, dict[str, str]]:
        """The row as ``model`` reads it (None if invalid), and the ids its ``names`` columns
        name (exactly: an import takes no guess); every problem is reported."""
        found: list[Problem] = []
        try:
            row: _M | None = model.model_validate(record.cells)
        except ValidationError as exc:
            row, found = None, problems_of(exc)
        ids = {}
        for column, resolver in names:
            value = record.get(column)
            if value:
                try:
                    ids[column] = resolver.lookup(value, loose=False).id
                except UnknownNameError as exc:
                    found.append(Problem((column,), str(exc)))
        if found:
            order: list[str | int | None] = [*COLUMNS[record.file], None]  # None: the row
            found.sort(key=lambda p: order.index(p.loc[0] if p.loc else None))
            self.problems.extend(record.src.describe(p) for p in found)
            return None, ids
        return row, ids

    def add(self, record: _Record, message: str, column: str | None = None) -> None:
        self.problems.append(record.src.describe(Problem((column,) if column else (), message)))


def import_csv(folder: str | os.PathLike[str]) -> ImportedDataset:
    """The dataset the CSV files of ``folder`` describe; ``CsvImportError`` lists every bad
    row (see the module's doc for the files and their columns)."""
    src = Path(folder)
    if not src.is_dir():
        message = _(
            "{path} : pas un dossier (il doit contenir {a}, {b}, {c} et {d} ; "
            "« esante import csv --template DOSSIER » les écrit)"
        )
        raise InputError(message.format(path=src, a=JOBS, b=COMPETENCES, c=LEVELS, d=MOBILITIES))
    problems: list[str] = []
    warnings: list[str] = []
    tables = {
        name: _table(src / name, problems, warnings, optional=name == INFO)
        for name in (JOBS, COMPETENCES, LEVELS, MOBILITIES, INFO)
    }
    if problems:
        raise CsvImportError(src, problems)
    out = _Import()
    competences = _competences(tables[COMPETENCES], out)
    jobs = _jobs(tables[JOBS], out)
    _levels(tables[LEVELS], jobs, competences, out)
    mobilities = _mobilities(tables[MOBILITIES], jobs, out)
    info = _info(tables[INFO], out)
    problems = out.problems
    if not jobs and not problems:
        problems.append(_("{path} : aucun métier (il faut une ligne par métier)").format(path=JOBS))
    if not competences and not problems:
        message = _("{path} : aucune compétence (il faut une ligne par compétence)")
        problems.append(message.format(path=COMPETENCES))
    if problems:
        raise CsvImportError(src, problems)

    metier = {
        "schema_version": 1,
        "dataset": info,
        "competences": competences,
        "jobs": list(jobs.values()),
    }
    imported = ImportedDataset(
        metier=metier,
        mobilites={"schema_version": 1, "mobilities": mobilities},
        report={"source": "csv", "folder": str(src)},
        warnings=warnings,
    )
    _check(imported, src, out.jobs.rows, out.competences.rows)
    return imported


def _competences(records: list[_Record], out: _Import) -> list[dict[str, Any]]:
    competences = []
    for record in records:
        comp, _ = out.read(record, CompetenceRow)
        if comp is None:
            continue
        cid = out.competences.own(record, comp.id, comp.libelle, "libelle", out)
        if cid is not None:
            levels = comp.levels if comp.niveau_1 else []
            competences.append({"id": cid, "label": comp.libelle, "levels": levels})
    return competences


def _jobs(records: list[_Record], out: _Import) -> dict[str, dict[str, Any]]:
    jobs: dict[str, dict[str, Any]] = {}
    for record in records:
        row, _ = out.read(record, JobRow)
        jid = None if row is None else out.jobs.own(record, row.id, row.titre, "titre", out)
        if row is None or jid is None:
            continue
        info = row.sourced()
        job: dict[str, Any] = {"id": jid, "title": row.titre, "source": info}
        if row.famille:
            job["family"] = {"value": row.famille, **info}
        fr, en = row.autres_appellations, row.autres_appellations_en
        if fr or en:
            job["other_titles"] = {**info, "fr": fr, "en": en}
        if row.resume:
            job["summary"] = {"value": row.resume, **info}
        job["competences"] = []
        jobs[jid] = job
    return jobs


def _job_names(jobs: dict[str, dict[str, Any]]) -> Resolver:
    from ..names import Entry, Resolver

    entries = []
    for job in jobs.values():
        other = job.get("other_titles", {})
        entries.append(Entry(job["id"], job["title"], (*other.get("fr", ()), *other.get("en", ()))))
    return Resolver(entries, "job")


def _levels(
    records: list[_Record],
    jobs: dict[str, dict[str, Any]],
    competences: list[dict[str, Any]],
    out: _Import,
) -> None:
    """Each row's expected level, added to its job's competences."""
    from ..names import Entry, Resolver

    job_names = _job_names(jobs)
    comp_names = Resolver((Entry(c["id"], c["label"]) for c in competences), "competence")
    levelled = {c["id"] for c in competences if c["levels"]}
    seen: dict[tuple[str, str], int] = {}
    for record in records:
        row, ids = out.read(record, LevelRow, ("metier", job_names), ("competence", comp_names))
        if row is None:
            continue
        jid, cid = ids["metier"], ids["competence"]
        if (jid, cid) in seen:
            message = _("le métier « {job} » a déjà la compétence « {id} » (ligne {line})")
            out.add(record, message.format(job=jid, id=cid, line=seen[jid, cid]))
            continue
        if row.niveau is not None and cid not in levelled:
            out.add(
                record,
                _(
                    "la compétence « {id} » n'a pas de descripteurs de niveau dans {path}, "
                    "elle ne peut pas avoir de niveau"
                ).format(id=cid, path=COMPETENCES),
                "niveau",
            )
            continue
        seen[jid, cid] = record.line
        entry: dict[str, Any] = {"id": cid, "expected_level": row.niveau, **row.sourced()}
        if row.exemple:
            entry["example"] = row.exemple
        if row.themes:
            entry["topics"] = row.topics()
        jobs[jid]["competences"].append(entry)


def _mobilities(
    records: list[_Record], jobs: dict[str, dict[str, Any]], out: _Import
) -> list[dict[str, Any]]:
    job_names = _job_names(jobs)
    mobilities: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], int] = {}
    for record in records:
        move, ids = out.read(
            record, MobilityRow, ("de", job_names), ("vers", job_names), ("declaree_par", job_names)
        )
        if move is None:
            continue
        a, b = ids["de"], ids["vers"]
        end = b if move.sens == "provenance" else a
        by = ids.get("declaree_par", end)
        if a == b:
            out.add(
                record, _("un métier ne peut pas mener à lui-même (« {id} »)").format(id=a), "vers"
            )
        elif by != end:
            side = "vers" if move.sens == "provenance" else "de"
            out.add(
                record,
                _(
                    "avec le sens « {sens} », declaree_par doit être le métier « {side} » "
                    "(« {end} »), reçu « {by} »"
                ).format(sens=move.sens, side=side, end=end, by=by),
                "declaree_par",
            )
        elif (a, b) in seen:
            message = _("la mobilité {source} -> {target} est déjà listée (ligne {line})")
            out.add(record, message.format(source=a, target=b, line=seen[a, b]))
        else:
            seen[a, b] = record.line
            mobilities.append(
                {
                    "from": a,
                    "to": b,
                    "declared_by": by,
                    "direction": move.sens,
                    "ring": move.anneau,
                    "sector": move.secteur,
                    **move.sourced(),
                }
            )
    return mobilities


def _table(
    path: Path, problems: list[str], warnings: list[str], *, optional: bool = False
) -> list[_Record]:
    name = path.name
    if not os.path.lexists(path):
        if not optional:
            message = _("{path} : fichier introuvable dans {folder}")
            problems.append(message.format(path=name, folder=path.parent))
        return []
    from ..files import read_user_file
    from ..sheets import decode_sheet, sniff_delimiter

    try:
        text = decode_sheet(read_user_file(path, "data", name=name), name)
    except InputError as exc:
        problems.append(str(exc))
        return []
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.append(
            _("{path} : ligne {line} : CSV invalide ({error})").format(path=name, line=1, error=exc)
        )
        return []
    if not header:
        message = _("{path} : ligne 1 : le fichier est vide (sa première ligne nomme les colonnes)")
        problems.append(message.format(path=name))
        return []
    columns = _header(name, header, problems, warnings)
    if columns is None:
        return []
    records = []
    line = 2
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) > len(columns) and any(c.strip() for c in record[len(columns) :]):
                    message = _(
                        "{path} : ligne {line} : {n} cases pour {width} colonnes (un « {sep} » "
                        "dans une case demande des guillemets)"
                    )
                    problems.append(
                        message.format(
                            path=name, line=line, n=len(record), width=len(columns), sep=delimiter
                        )
                    )
                else:
                    records.append(_Record(name, line, dict(zip(columns, record))))
            line = reader.line_num + 1
    except csv.Error as exc:
        message = _("{path} : ligne {line} : CSV invalide ({error})")
        problems.append(message.format(path=name, line=reader.line_num, error=exc))
    return records


def _header(
    name: str, header: list[str], problems: list[str], warnings: list[str]
) -> list[str] | None:
    """The column each header cell names ('' for one ignored: a warning names them all); None
    when a required column is missing or one is given twice (a problem)."""
    from ..sheets import header_key

    columns: list[str] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}  # column -> its header as written
    for cell in header:
        key = header_key(cell)
        column = ALIASES.get(key, key)
        column = column if column in COLUMNS[name] else ""
        if column and column in seen:
            message = _(
                "{path} : ligne 1 : les colonnes « {a} » et « {b} » désignent toutes deux {column}"
            )
            problems.append(
                message.format(path=name, a=seen[column], b=cell.strip(), column=column)
            )
            return None
        if column:
            seen[column] = cell.strip()
        elif key:
            ignored.append(cell.strip())
        columns.append(column)
    missing = [c for c in REQUIRED[name] if c not in seen]
    if missing:
        message = ngettext(
            "{path} : ligne 1 : colonne manquante : {missing} (colonnes : {columns})",
            "{path} : ligne 1 : colonnes manquantes : {missing} (colonnes : {columns})",
            len(missing),
        )
        problems.append(
            message.format(path=name, missing=", ".join(missing), columns=", ".join(COLUMNS[name]))
        )
        return None
    if ignored:
        message = ngettext(
            "{path} : ligne 1 : colonne ignorée : {columns}",
            "{path} : ligne 1 : colonnes ignorées : {columns}",
            len(ignored),
        )
        warnings.append(message.format(path=name, columns=", ".join(ignored)))
    return columns


class _Ids:
    """The ids of a file's rows: given (a slug, once) or made from the title."""

    def __init__(self) -> None:
        self.slugs = UniqueSlugs()
        self.rows: dict[str, _Record] = {}
        self.titles: dict[str, list[_Record]] = {}  # folded title -> its rows

    def own(
        self, record: _Record, given: str | None, title: str, column: str, out: _Import
    ) -> str | None:
        """The row's id, or None when it clashes with an earlier row's (reported)."""
        from ..names import fold

        same = self.titles.setdefault(fold(title), [])
        for other in same:
            if not (given and other.get("id")):
                out.add(
                    record,
                    _(
                        "{title} est déjà à la ligne {line} (donnez à chaque ligne son propre id "
                        "pour garder les deux)"
                    ).format(title=repr(title), line=other.line),
                    column,
                )
                return None
        if given in self.rows:
            message = _("« {id} » est déjà pris à la ligne {line}")
            out.add(record, message.format(id=given, line=self.rows[given].line), "id")
            return None
        if given:
            self.slugs.taken.add(given)
        made = given or self.slugs.make(title)
        same.append(record)
        self.rows[made] = record
        return made


def _info(records: list[_Record], out: _Import) -> dict[str, Any]:
    if not records:
        return {"version": "1", "date": _date.today().isoformat()}
    if len(records) > 1:
        out.add(records[1], _("{path} n'a qu'une ligne").format(path=INFO))
    row, _ids = out.read(records[0], InfoRow)
    if row is None:
        return {}
    info: dict[str, Any] = {"version": row.version, "date": row.date}
    if row.titre:
        info["title"] = row.titre
    return info


def _check(
    imported: ImportedDataset,
    src: Path,
    job_rows: dict[str, _Record],
    comp_rows: dict[str, _Record],
) -> None:
    """Validate the result with the dataset's own models; any problem left names its row."""
    from ..models import Competence, DatasetInfo, Job, Mobility

    found: list[str] = []

    def check(model: type[BaseModel], data: Any, where: Source) -> None:
        try:
            model.model_validate(data)
        except ValidationError as exc:
            found.append(where.describe(problems_of(exc)[0]))

    for comp in imported.metier["competences"]:
        check(Competence, comp, comp_rows[comp["id"]].src)
    for job in imported.metier["jobs"]:
        check(Job, job, job_rows[job["id"]].src)
    for mob in imported.mobilites["mobilities"]:
        check(
            Mobility, mob, Source(f"{MOBILITIES}{colon()}{mob['from']} -> {mob['to']}", root=None)
        )
    check(DatasetInfo, imported.metier["dataset"], Source(INFO, root=None))
    if found:
        raise CsvImportError(src, found)


# -- templates -------------------------------------------------------------------------------


def _topic_cells(topics: Topics | None) -> list[str]:
    """The four cells of a competence's topics in niveaux.csv (empty: none)."""
    if topics is None:
        return ["", "", "", ""]
    return [" | ".join(topics.terms), topics.provenance, topics.source or "", topics.reason or ""]


def template_tables(dataset: Dataset) -> dict[str, list[list[str]]]:
    """The rows (header first) of the five CSV files that describe ``dataset``'s tables."""
    tables: dict[str, list[list[str]]] = {name: [list(cols)] for name, cols in COLUMNS.items()}
    info = dataset.metier.dataset
    tables[INFO].append([info.version, info.date, info.title or ""])
    for comp in dataset.competences:
        levels = list(comp.levels) or ["", "", "", ""]
        tables[COMPETENCES].append([comp.id, comp.label, *levels])
    for job in dataset.jobs:
        s = job.source
        other = job.other_titles
        tables[JOBS].append(
            [
                job.id,
                job.title,
                job.family.value if job.family else "",
                " | ".join(other.fr) if other else "",
                " | ".join(other.en) if other else "",
                job.summary.value if job.summary else "",
                s.provenance,
                s.source or "",
                s.reason or "",
            ]
        )
        for jc in job.competences:
            tables[LEVELS].append(
                [
                    job.id,
                    jc.id,
                    "" if jc.expected_level is None else str(jc.expected_level),
                    jc.provenance,
                    jc.source or "",
                    jc.reason or "",
                    jc.example or "",
                    *_topic_cells(jc.topics),
                ]
            )
    for mob in dataset.mobilities:
        tables[MOBILITIES].append(
            [
                mob.source_job,
                mob.target_job,
                mob.direction,
                mob.declared_by,
                mob.ring or "",
                mob.sector or "",
                mob.provenance,
                mob.source or "",
                mob.reason or "",
            ]
        )
    return tables


def write_templates(
    dataset: Dataset, folder: str | os.PathLike[str], *, force: bool = False
) -> list[Path]:
    """Write the five CSV files (``;`` between columns, UTF-8 with a byte-order mark, as
    spreadsheets expect in French) and a LISEZMOI.txt into ``folder``; returns their paths."""
    from ..files import prepare_folder, write_atomic

    out = Path(folder)
    prepare_folder(out, (*COLUMNS, README), force=force)
    written = []
    for name, rows in template_tables(dataset).items():
        buf = io.StringIO()
        csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
        written.append(write_atomic(out / name, "\ufeff" + buf.getvalue(), force=True))
    written.append(write_atomic(out / README, _README_TEXT, force=True))
    return written


_README_TEXT = """\
Jeu de données esante en tableurs
=================================

Modifiez ces fichiers dans un tableur (LibreOffice, Excel), enregistrez-les au format CSV
(séparateur « ; » ou « , », encodage UTF-8), puis :

    esante import csv CE-DOSSIER --output MES-DONNEES
    esante --data MES-DONNEES list

metiers.csv      un métier par ligne : id (vide : fabriqué depuis le titre), titre, famille,
                 autres appellations (séparées par « | »), résumé, provenance/source/raison.
competences.csv  une compétence par ligne : id, libellé, les quatre descripteurs de niveau
                 (cumulés, du plus simple au plus exigeant), ou aucun.
niveaux.csv      un niveau attendu par ligne : métier, compétence (id ou nom), niveau de 1 à 4
                 (vide : pas de niveau), provenance, source, raison, exemple.
mobilites.csv    une mobilité déclarée par ligne : de, vers, sens (provenance : vers le métier
                 qui la déclare ; evolution : depuis lui), déclarée par (vide : déduit du
                 sens), anneau (forte, moyenne, lointaine, autre), secteur, provenance...
jeu.csv          une ligne : version, date (AAAA-MM-JJ) et titre du jeu de données.

Provenance : user (par défaut : vos propres données), card, found, third-party (demandent une
source), inferred, guess, estimate (demandent une raison d'une ligne).
Toute ligne fautive est signalée avec son fichier et son numéro de ligne ; rien n'est écrit
tant qu'il en reste une.
"""
