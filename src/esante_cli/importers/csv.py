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
import typing
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from . import ImportedDataset, UniqueSlugs

if TYPE_CHECKING:
    from ..dataset import Dataset

JOBS, COMPETENCES, LEVELS, MOBILITIES, INFO = (
    "metiers.csv", "competences.csv", "niveaux.csv", "mobilites.csv", "jeu.csv")
COLUMNS = {
    JOBS: ("id", "titre", "famille", "autres_appellations", "autres_appellations_en", "resume",
           "provenance", "source", "raison"),
    COMPETENCES: ("id", "libelle", "niveau_1", "niveau_2", "niveau_3", "niveau_4"),
    LEVELS: ("metier", "competence", "niveau", "provenance", "source", "raison", "exemple"),
    MOBILITIES: ("de", "vers", "sens", "declaree_par", "anneau", "secteur", "provenance",
                 "source", "raison"),
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
        super().__init__(f"{folder}: {n} problem(s) in the CSV files, nothing written "
                         f"(first: {problems[0]})")


@dataclass
class _Row:
    file: str
    line: int
    cells: dict[str, str]

    def where(self, column: str | None = None) -> str:
        return f"{self.file}: line {self.line}" + (f": {column}" if column else "")

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()


def import_csv(folder: str | os.PathLike[str]) -> ImportedDataset:
    """The dataset the CSV files of ``folder`` describe; ``CsvImportError`` lists every bad
    row (see the module's doc for the files and their columns)."""
    from ..models import Provenance

    src = Path(folder)
    if not src.is_dir():
        raise InputError(f"{src}: not a folder (it must hold {JOBS}, {COMPETENCES}, {LEVELS} "
                         f"and {MOBILITIES}; 'esante import csv --template DIR' writes them)")
    problems: list[str] = []
    warnings: list[str] = []
    tables = {name: _table(src / name, problems, warnings, optional=name == INFO)
              for name in (JOBS, COMPETENCES, LEVELS, MOBILITIES, INFO)}
    if problems:
        raise CsvImportError(src, problems)
    provenances = typing.get_args(Provenance)

    def sourced(row: _Row, problems: list[str]) -> dict[str, Any] | None:
        """The row's provenance, source and reason, checked like the dataset checks them."""
        from ..models import NEEDS_REASON, NEEDS_SOURCE

        prov = row.get("provenance") or "user"
        if prov not in provenances:
            problems.append(f"{row.where('provenance')}: must be one of "
                            f"{', '.join(provenances)}, got {prov!r}")
            return None
        source, reason = row.get("source"), " ".join(row.get("raison").split())
        if prov in NEEDS_REASON and not reason:
            problems.append(f"{row.where('raison')}: provenance '{prov}' needs a reason")
            return None
        if prov in NEEDS_SOURCE and not source:
            problems.append(f"{row.where('source')}: provenance '{prov}' needs a source")
            return None
        out: dict[str, Any] = {"provenance": prov}
        if source:
            out["source"] = source
        if reason:
            out["reason"] = reason
        return out

    # competences
    comp_slugs = UniqueSlugs()
    competences: list[dict[str, Any]] = []
    comp_names: dict[str, list[str]] = {}
    comp_rows: dict[str, _Row] = {}
    for row in tables[COMPETENCES]:
        label = " ".join(row.get("libelle").split())
        cid = _own_id(row, label, comp_slugs, comp_rows, problems)
        if cid is None:
            continue
        descriptors = [" ".join(row.get(f"niveau_{k}").split()) for k in range(1, 5)]
        given = [d for d in descriptors if d]
        if given and len(given) != 4:
            missing = [f"niveau_{k}" for k, d in enumerate(descriptors, 1) if not d]
            problems.append(f"{row.where(missing[0])}: give the four level descriptors or none "
                            f"(missing: {', '.join(missing)})")
            continue
        competences.append({"id": cid, "label": label, "levels": descriptors if given else []})
        _name(comp_names, cid, cid, label)

    # jobs
    job_slugs = UniqueSlugs()
    jobs: dict[str, dict[str, Any]] = {}
    job_names: dict[str, list[str]] = {}
    job_rows: dict[str, _Row] = {}
    for row in tables[JOBS]:
        title = " ".join(row.get("titre").split())
        jid = _own_id(row, title, job_slugs, job_rows, problems)
        if jid is None:
            continue
        src_info = sourced(row, problems)
        if src_info is None:
            continue
        job: dict[str, Any] = {"id": jid, "title": title, "source": src_info}
        if row.get("famille"):
            job["family"] = {"value": " ".join(row.get("famille").split()), **src_info}
        fr, en = _many(row.get("autres_appellations")), _many(row.get("autres_appellations_en"))
        if fr or en:
            job["other_titles"] = {**src_info, "fr": fr, "en": en}
        if row.get("resume"):
            job["summary"] = {"value": " ".join(row.get("resume").split()), **src_info}
        job["competences"] = []
        jobs[jid] = job
        _name(job_names, jid, jid, title, *fr, *en)

    levelled = {c["id"] for c in competences if c["levels"]}
    # expected levels
    seen_levels: dict[tuple[str, str], int] = {}
    for row in tables[LEVELS]:
        jid = _resolve(row, "metier", job_names, problems)
        cid = _resolve(row, "competence", comp_names, problems)
        level = _level(row, problems)
        info = sourced(row, problems)
        if jid is None or cid is None or level is False or info is None:
            continue
        before = seen_levels.get((jid, cid))
        if before is not None:
            problems.append(f"{row.where()}: job '{jid}' already has competence '{cid}' "
                            f"(line {before})")
            continue
        if level is not None and cid not in levelled:
            problems.append(f"{row.where('niveau')}: competence '{cid}' has no level "
                            f"descriptors in {COMPETENCES}, so it cannot have a level")
            continue
        seen_levels[(jid, cid)] = row.line
        entry: dict[str, Any] = {"id": cid, "expected_level": level, **info}
        if row.get("exemple"):
            entry["example"] = " ".join(row.get("exemple").split())
        jobs[jid]["competences"].append(entry)

    # mobilities
    mobilities: list[dict[str, Any]] = []
    seen_moves: dict[tuple[str, str], int] = {}
    for row in tables[MOBILITIES]:
        a = _resolve(row, "de", job_names, problems)
        b = _resolve(row, "vers", job_names, problems)
        direction = row.get("sens").lower()
        info = sourced(row, problems)
        if direction not in ("provenance", "evolution", "évolution"):
            problems.append(f"{row.where('sens')}: must be provenance or evolution, "
                            f"got {row.get('sens')!r}")
            continue
        direction = "evolution" if direction.startswith("é") else direction
        by = (_resolve(row, "declaree_par", job_names, problems) if row.get("declaree_par")
              else (b if direction == "provenance" else a))
        ring = row.get("anneau") or None
        if ring is not None and ring not in ("forte", "moyenne", "lointaine", "autre"):
            problems.append(f"{row.where('anneau')}: must be forte, moyenne, lointaine or "
                            f"autre, got {ring!r}")
            continue
        if a is None or b is None or by is None or info is None:
            continue
        if a == b:
            problems.append(f"{row.where('vers')}: a job cannot lead to itself ('{a}')")
            continue
        end = b if direction == "provenance" else a
        if by != end:
            side = "vers" if direction == "provenance" else "de"
            problems.append(f"{row.where('declaree_par')}: with sens '{direction}', "
                            f"declaree_par must be the '{side}' job ('{end}'), got '{by}'")
            continue
        if (a, b) in seen_moves:
            problems.append(f"{row.where()}: the move {a} -> {b} is already listed "
                            f"(line {seen_moves[(a, b)]})")
            continue
        seen_moves[(a, b)] = row.line
        mobilities.append({"from": a, "to": b, "declared_by": by, "direction": direction,
                           "ring": ring, "sector": row.get("secteur") or None, **info})

    info = _info(tables[INFO], problems)
    if not jobs and not problems:
        problems.append(f"{JOBS}: no job (one row per job is needed)")
    if not competences and not problems:
        problems.append(f"{COMPETENCES}: no competence (one row per competence is needed)")
    if problems:
        raise CsvImportError(src, problems)

    metier = {"schema_version": 1, "dataset": info, "competences": competences,
              "jobs": list(jobs.values())}
    imported = ImportedDataset(metier=metier,
                               mobilites={"schema_version": 1, "mobilities": mobilities},
                               report={"source": "csv", "folder": str(src)}, warnings=warnings)
    _check(imported, src, job_rows, comp_rows)
    return imported


def _table(path: Path, problems: list[str], warnings: list[str], *,
           optional: bool = False) -> list[_Row]:
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
        warnings.append(f"{name}: not UTF-8, read as Windows-1252 (save it as 'CSV UTF-8' to "
                        "be sure of the accents)")
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
        problems.append(f"{name}: line 1: missing column(s) {', '.join(missing)} (columns: "
                        f"{', '.join(COLUMNS[name])})")
        return []
    unknown = [c for c in columns if c and c not in COLUMNS[name]]
    if unknown:
        warnings.append(f"{name}: line 1: column(s) ignored: {', '.join(unknown)}")
    rows = []
    line = 2
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) > len(columns) and any(c.strip() for c in record[len(columns):]):
                    problems.append(f"{name}: line {line}: {len(record)} cells for "
                                    f"{len(columns)} columns (a '{delimiter}' inside a cell "
                                    "needs quotes)")
                else:
                    rows.append(_Row(name, line, dict(zip(columns, record))))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(f"{name}: line {reader.line_num}: invalid CSV ({exc})")
    for row in rows:
        for column in REQUIRED[name]:
            if not row.get(column) and not (name == LEVELS and column == "niveau"):
                problems.append(f"{row.where(column)}: empty (required)")
    return [r for r in rows if all(r.get(c) for c in REQUIRED[name] if c != "niveau")]


def _own_id(row: _Row, label: str, slugs: UniqueSlugs, rows: dict[str, _Row],
            problems: list[str]) -> str | None:
    import re

    from ..names import fold

    given = row.get("id")
    column = "titre" if row.file == JOBS else "libelle"
    for other in rows.values():
        if fold(other.get(column)) == fold(label) and not (given and other.get("id")):
            problems.append(f"{row.where(column)}: {label!r} is already at line {other.line} "
                            "(give each row its own id to keep both)")
            return None
    if given:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", given):
            problems.append(f"{row.where('id')}: must be a slug (lower-case ascii words joined "
                            f"by '-'), got {given!r}")
            return None
        if given in rows:
            problems.append(f"{row.where('id')}: '{given}' is already used at line "
                            f"{rows[given].line}")
            return None
        slugs.taken.add(given)
        rows[given] = row
        return given
    made = slugs.make(label)
    rows[made] = row
    return made


def _name(names: dict[str, list[str]], ident: str, *labels: str) -> None:
    from ..names import fold

    for label in labels:
        key = fold(label).replace(" ", "")
        if key and ident not in names.setdefault(key, []):
            names[key].append(ident)


def _resolve(row: _Row, column: str, names: dict[str, list[str]], problems: list[str]) -> str | None:
    from ..names import fold

    value = row.get(column)
    found = names.get(fold(value).replace(" ", ""), [])
    if value in found:  # an id names its own row, whatever titles look like it
        return value
    if len(found) == 1:
        return found[0]
    if found:
        problems.append(f"{row.where(column)}: {value!r} names several rows: {', '.join(found)}")
        return None
    import difflib

    close = difflib.get_close_matches(fold(value).replace(" ", ""), list(names), n=1)
    hint = f" (did you mean '{names[close[0]][0]}'?)" if close else ""
    kind = "job" if column != "competence" else "competence"
    problems.append(f"{row.where(column)}: unknown {kind} {value!r}{hint}")
    return None


def _level(row: _Row, problems: list[str]) -> int | None | bool:
    """The level of a row: None when empty, False (reported) when not 1 to 4. A spreadsheet
    may write 2 as '2.0' or '2,0'."""
    import re

    text = row.get("niveau")
    if not text:
        return None
    if not re.fullmatch(r"[1-4]([.,]0+)?", text):
        problems.append(f"{row.where('niveau')}: must be between 1 and 4, got {text!r}")
        return False
    return int(text[0])


def _info(rows: list[_Row], problems: list[str]) -> dict[str, Any]:
    import re

    if not rows:
        return {"version": "1", "date": _date.today().isoformat()}
    row = rows[0]
    if len(rows) > 1:
        problems.append(f"{rows[1].where()}: {INFO} holds one row only")
    day = row.get("date")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        problems.append(f"{row.where('date')}: must be a date YYYY-MM-DD, got {day!r}")
    info: dict[str, Any] = {"version": row.get("version"), "date": day}
    if row.get("titre"):
        info["title"] = row.get("titre")
    return info


def _many(cell: str) -> list[str]:
    out: list[str] = []
    for part in cell.replace("|", "\n").splitlines():
        part = " ".join(part.split())
        if part and part not in out:
            out.append(part)
    return out


def _check(imported: ImportedDataset, src: Path, job_rows: dict[str, _Row],
           comp_rows: dict[str, _Row]) -> None:
    """Validate the result with the dataset's own models; any problem left names its row."""
    from pydantic import ValidationError

    from ..models import Competence, DatasetInfo, Job, Mobility

    problems: list[str] = []
    for comp in imported.metier["competences"]:
        try:
            Competence.model_validate(comp)
        except ValidationError as exc:
            problems.append(f"{comp_rows[comp['id']].where()}: {_first(exc)}")
    for job in imported.metier["jobs"]:
        try:
            Job.model_validate(job)
        except ValidationError as exc:
            problems.append(f"{job_rows[job['id']].where()}: {_first(exc)}")
    for mob in imported.mobilites["mobilities"]:
        try:
            Mobility.model_validate(mob)
        except ValidationError as exc:
            problems.append(f"{MOBILITIES}: {mob['from']} -> {mob['to']}: {_first(exc)}")
    try:
        DatasetInfo.model_validate(imported.metier["dataset"])
    except ValidationError as exc:
        problems.append(f"{INFO}: {_first(exc)}")
    if problems:
        raise CsvImportError(src, problems)


def _first(exc: Any) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{where}: {msg}" if where else msg


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
        tables[JOBS].append([
            job.id, job.title, job.family.value if job.family else "",
            " | ".join(other.fr) if other else "", " | ".join(other.en) if other else "",
            job.summary.value if job.summary else "", s.provenance, s.source or "",
            s.reason or "",
        ])
        for jc in job.competences:
            tables[LEVELS].append([
                job.id, jc.id, "" if jc.expected_level is None else str(jc.expected_level),
                jc.provenance, jc.source or "", jc.reason or "", jc.example or "",
            ])
    for mob in dataset.mobilities:
        tables[MOBILITIES].append([
            mob.source_job, mob.target_job, mob.direction, mob.declared_by, mob.ring or "",
            mob.sector or "", mob.provenance, mob.source or "", mob.reason or "",
        ])
    return tables


def write_templates(dataset: Dataset, folder: str | os.PathLike[str], *,
                    force: bool = False) -> list[Path]:
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
