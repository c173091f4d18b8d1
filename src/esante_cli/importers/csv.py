"""Import a dataset from spreadsheets a counsellor can write (CSV files), and write templates.

A folder holds four CSV files (``;``, ``,`` or tab between columns, as a spreadsheet saves
them; UTF-8, with or without a byte-order mark, or Windows-1252) and an optional fifth:

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
from ..models import NEEDS_REASON, NEEDS_SOURCE, Provenance, Ring, Slug
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
    LEVELS: ("metier", "competence", "niveau", "provenance", "source", "raison", "exemple"),
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
        super().__init__(
            f"{folder}: {n} problem(s) in the CSV files, nothing written (first: {problems[0]})"
        )


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
        raise invalid(f"must be one of {', '.join(known)}, got {prov!r}")
    return prov


def _level(cell: str) -> int | None:
    """1 to 4, or None when empty; a spreadsheet may write 2 as '2.0' or '2,0'."""
    if not cell:
        return None
    if not re.fullmatch(r"[1-4]([.,]0+)?", cell):
        raise invalid(f"must be between 1 and 4, got {cell!r}")
    return int(cell[0])


def _direction(cell: str) -> str:
    word = required(cell).lower()
    if word not in ("provenance", "evolution", "évolution"):
        raise invalid(f"must be provenance or evolution, got {cell!r}")
    return "evolution" if word.startswith("é") else word


def _ring(cell: str) -> str | None:
    if cell and cell not in typing.get_args(Ring):
        raise invalid(f"must be forte, moyenne, lointaine or autre, got {cell!r}")
    return cell or None


MaybeSpaced = Annotated[str | None, AfterValidator(_or_none), BeforeValidator(spaced)]
MaybeStripped = Annotated[str | None, AfterValidator(_or_none), BeforeValidator(stripped)]
Names = Annotated[list[str], BeforeValidator(_many)]


class _Row(BaseModel):
    # a missing cell is an empty one: its default is checked like a cell
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, validate_default=True)


class _Sourced(_Row):
    """Where a row comes from: ``user`` by default; some provenances need a source or a
    reason, as the dataset's own model says (``models.Sourced``)."""

    provenance: Annotated[str, BeforeValidator(_provenance)] = ""  # empty: "user"
    source: Stripped = ""
    raison: Spaced = ""

    @model_validator(mode="after")
    def _explained(self) -> _Sourced:
        if self.provenance in NEEDS_REASON and not self.raison:
            raise invalid(f"provenance '{self.provenance}' needs a reason", at="raison")
        if self.provenance in NEEDS_SOURCE and not self.source:
            raise invalid(f"provenance '{self.provenance}' needs a source", at="source")
        return self

    def sourced(self) -> dict[str, Any]:
        """The provenance, source and reason, as the data files write them."""
        out: dict[str, Any] = {"provenance": self.provenance}
        if self.source:
            out["source"] = self.source
        if self.raison:
            out["reason"] = self.raison
        return out


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
            raise invalid(
                f"give the four level descriptors or none (missing: {', '.join(missing)})",
                at=missing[0],
            )
        return self


class LevelRow(_Sourced):
    """A row of niveaux.csv: a job's expected level on a competence (empty: none)."""

    metier: Required = ""
    competence: Required = ""
    niveau: Annotated[int | None, BeforeValidator(_level), BeforeValidator(stripped)] = None
    exemple: MaybeSpaced = None


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
        raise InputError(
            f"{src}: not a folder (it must hold {JOBS}, {COMPETENCES}, {LEVELS} "
            f"and {MOBILITIES}; 'esante import csv --template DIR' writes them)"
        )
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
        problems.append(f"{JOBS}: no job (one row per job is needed)")
    if not competences and not problems:
        problems.append(f"{COMPETENCES}: no competence (one row per competence is needed)")
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
            out.add(record, f"job '{jid}' already has competence '{cid}' (line {seen[jid, cid]})")
            continue
        if row.niveau is not None and cid not in levelled:
            out.add(
                record,
                f"competence '{cid}' has no level descriptors in {COMPETENCES}, so "
                "it cannot have a level",
                "niveau",
            )
            continue
        seen[jid, cid] = record.line
        entry: dict[str, Any] = {"id": cid, "expected_level": row.niveau, **row.sourced()}
        if row.exemple:
            entry["example"] = row.exemple
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
            out.add(record, f"a job cannot lead to itself ('{a}')", "vers")
        elif by != end:
            side = "vers" if move.sens == "provenance" else "de"
            out.add(
                record,
                f"with sens '{move.sens}', declaree_par must be the '{side}' job "
                f"('{end}'), got '{by}'",
                "declaree_par",
            )
        elif (a, b) in seen:
            out.add(record, f"the move {a} -> {b} is already listed (line {seen[a, b]})")
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
    if not path.is_file():
        if not optional:
            problems.append(f"{name}: file not found in {path.parent}")
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(
            f"{name}: not UTF-8, read as Windows-1252 (save it as 'CSV UTF-8' to "
            "be sure of the accents)"
        )
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        problems.append(f"{name}: line 1: invalid CSV ({exc})")
        return []
    if not header:
        problems.append(f"{name}: line 1: the file is empty (its first line names the columns)")
        return []
    columns = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in header]
    missing = [c for c in REQUIRED[name] if c not in columns]
    if missing:
        problems.append(
            f"{name}: line 1: missing column(s) {', '.join(missing)} (columns: "
            f"{', '.join(COLUMNS[name])})"
        )
        return []
    unknown = [c for c in columns if c and c not in COLUMNS[name]]
    if unknown:
        warnings.append(f"{name}: line 1: column(s) ignored: {', '.join(unknown)}")
    records = []
    line = 2
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) > len(columns) and any(c.strip() for c in record[len(columns) :]):
                    problems.append(
                        f"{name}: line {line}: {len(record)} cells for "
                        f"{len(columns)} columns (a '{delimiter}' inside a cell "
                        "needs quotes)"
                    )
                else:
                    records.append(_Record(name, line, dict(zip(columns, record))))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(f"{name}: line {reader.line_num}: invalid CSV ({exc})")
    return records


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
                    f"{title!r} is already at line {other.line} (give each row its "
                    "own id to keep both)",
                    column,
                )
                return None
        if given in self.rows:
            out.add(record, f"'{given}' is already used at line {self.rows[given].line}", "id")
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
        out.add(records[1], f"{INFO} holds one row only")
    row, _ = out.read(records[0], InfoRow)
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
        check(Mobility, mob, Source(f"{MOBILITIES}: {mob['from']} -> {mob['to']}", root=None))
    check(DatasetInfo, imported.metier["dataset"], Source(INFO, root=None))
    if found:
        raise CsvImportError(src, found)


# -- templates -------------------------------------------------------------------------------


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
