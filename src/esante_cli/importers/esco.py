"""Import the ESCO CSV downloads into an esante dataset.

Reads ``occupations_<lang>.csv``, ``skills_<lang>.csv`` and
``occupationSkillRelations_<lang>.csv`` (and ``ISCOGroups_<lang>.csv`` when present, for the
family names), with the columns of ESCO v1.1 and v1.2; unknown columns are ignored.

What becomes what:

- each occupation is a job: id = its preferred label as a slug (a clash adds the ESCO code),
  title = ``preferredLabel``, other titles = ``altLabels`` (one per line in the field), family
  = its ISCO-08 unit group, summary = ``description``, and an ESCO code with its URI;
- each skill is a competence of the catalogue: id = its label as a slug (a clash adds the
  start of its UUID), label = ``preferredLabel``, and the four generic level descriptors of
  :data:`LEVELS`, the same for every imported skill (ESCO describes no levels);
- each relation is an expected level. **ESCO has no proficiency levels**, only ``essential``
  and ``optional``: the import turns them into levels by a fixed rule, by default
  ``essential`` -> 2 (mise en œuvre: applies it in the ordinary situations of the job) and
  ``optional`` -> 1 (notions). The rule claims no more than ESCO says: a skill the job requires
  is one its holder applies; levels 3 and 4 (autonomy, expertise) are left to a counsellor's own
  référentiel. Every such level has provenance ``inferred`` and a reason naming the ESCO
  relation, so every result computed from it is marked as resting on estimates;
- ESCO declares no moves between occupations: ``mobilites.json`` is empty, and the graph has
  computed edges only.

What real downloads do and how it is handled: a UTF-8 byte-order mark (skipped); quoted fields
with newlines, commas and quotes (read as CSV); empty optional columns (allowed); extra columns
(ignored); the same pair twice (kept once, ``essential`` winning, with a warning); a relation
to an occupation or skill missing from its file (skipped, with a warning naming the line).
A missing key column or file is an ``InputError``.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

from ..errors import InputError
from ..language import _, ngettext
from ..validation import Source, problems
from . import ImportedDataset, Required, RequiredSpaced, Spaced, Stripped, UniqueSlugs, stripped

# The generic meaning of the four levels of an imported skill (cumulative, like the card's).
LEVELS = (
    "Notions : connaît la compétence et son vocabulaire, l'exerce accompagné",
    "Mise en œuvre : l'applique seul dans les situations courantes du métier",
    "Maîtrise : l'exerce en autonomie, y compris dans des situations nouvelles",
    "Expertise : la fait évoluer, la transmet et fait référence",
)
DEFAULT_ESSENTIAL_LEVEL = 2
DEFAULT_OPTIONAL_LEVEL = 1

OCCUPATIONS = "occupations"
SKILLS = "skills"
RELATIONS = "occupationSkillRelations"
ISCO = "ISCOGroups"
REQUIRED = {
    OCCUPATIONS: ("conceptUri", "preferredLabel"),
    SKILLS: ("conceptUri", "preferredLabel"),
    RELATIONS: ("occupationUri", "relationType", "skillUri"),
    ISCO: ("code", "preferredLabel"),
}
RelationType = Literal["essential", "optional"]
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
_FILE = re.compile(r"^(occupations|skills|occupationSkillRelations|ISCOGroups)_([A-Za-z-]+)\.csv$")


def esco_languages(folder: str | os.PathLike[str]) -> list[str]:
    """The languages of which ``folder`` holds the three files an import needs."""
    found: dict[str, set[str]] = {}
    for path in Path(folder).iterdir():
        m = _FILE.match(path.name)
        if m:
            found.setdefault(m.group(2), set()).add(m.group(1))
    return sorted(
        lang for lang, kinds in found.items() if {OCCUPATIONS, SKILLS, RELATIONS} <= kinds
    )


def import_esco(
    folder: str | os.PathLike[str],
    *,
    lang: str | None = None,
    essential_level: int = DEFAULT_ESSENTIAL_LEVEL,
    optional_level: int = DEFAULT_OPTIONAL_LEVEL,
    version: str | None = None,
    date: str | None = None,
    esco_version: str | None = None,
) -> ImportedDataset:
    """The esante dataset made from the ESCO CSV files of ``folder`` (see the module's doc).

    ``lang``: which files to read (``fr`` for ``*_fr.csv``); by default the only language
    present, or ``fr`` when several are. ``fr,en``: the French files, with the English titles
    of each occupation (``occupations_en.csv``) as its English other titles (``en,fr``: the
    reverse). ``essential_level`` and ``optional_level`` are the levels the two relation types
    become. ``esco_version`` (``v1.2.0``): the ESCO release, by default read in the folder's
    name (ESCO names its downloads "ESCO dataset - v1.2.0 - ..."). ``version`` and ``date``
    describe the dataset (default: ``esco-<release>-<lang>`` and the latest ``modifiedDate``).
    """
    src = Path(folder)
    _check_arguments(src, essential_level, optional_level)
    lang, others = _languages(src, lang)
    release = esco_version or esco_release(src)
    warnings: list[str] = []
    latest = [""]

    isco_path = src / f"{ISCO}_{lang}.csv"
    families = _families(isco_path) if os.path.lexists(isco_path) else {}

    jobs, _uris = _jobs(src / f"{OCCUPATIONS}_{lang}.csv", lang, families, latest)
    for other in others:
        _other_language_titles(src / f"{OCCUPATIONS}_{other}.csv", other, jobs)
    competences, comp_of_uri = _competences(src / f"{SKILLS}_{lang}.csv", latest, warnings)
    levels = {"essential": essential_level, "optional": optional_level}
    _relations(src / f"{RELATIONS}_{lang}.csv", jobs, comp_of_uri, levels, warnings)

    job_list = _job_list(jobs, competences, levels)
    if not job_list:
        message = _("{path} : aucune occupation trouvée")
        raise InputError(message.format(path=src / f"{OCCUPATIONS}_{lang}.csv"))
    if not competences:
        raise InputError(
            _("{path} : aucune compétence trouvée").format(path=src / f"{SKILLS}_{lang}.csv")
        )

    day = date or (
        latest[0][:10] if re.match(r"^\d{4}-\d{2}-\d{2}", latest[0]) else _date.today().isoformat()
    )
    metier = {
        "schema_version": 1,
        "dataset": _dataset_header(
            [lang, *others], release, version, day, levels, len(job_list), len(competences)
        ),
        "competences": competences,
        "jobs": job_list,
    }
    return ImportedDataset(
        metier=metier,
        mobilites={"schema_version": 1, "mobilities": []},
        report=_import_report(src, [lang, *others], release, levels, comp_of_uri),
        warnings=warnings,
    )


def _import_report(
    src: Path,
    langs: list[str],
    release: str | None,
    levels: dict[str, int],
    comp_of_uri: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """What the import read and how: the folder, ESCO release, languages, level rule, files,
    and the ESCO URI of every skill (by competence id)."""
    read = {f"{k}_{lang}.csv" for k in (OCCUPATIONS, SKILLS, RELATIONS, ISCO) for lang in langs[:1]}
    read |= {f"{OCCUPATIONS}_{lang}.csv" for lang in langs[1:]}
    return {
        "source": "ESCO",
        "esco_version": release,
        "folder": str(src),
        "lang": langs[0],
        "title_languages": langs,
        "levels": dict(levels),
        "files": sorted(p.name for p in src.iterdir() if p.name in read),
        "skill_uris": {c["id"]: uri for uri, c in comp_of_uri.items()},
    }


def _check_arguments(src: Path, essential_level: int, optional_level: int) -> None:
    """``src`` must be a folder, and the two levels between 1 and 4."""
    if not src.is_dir():
        message = _("{path} : pas un dossier (il doit contenir les fichiers CSV d'ESCO)")
        raise InputError(message.format(path=src))
    for name, level in (("essential", essential_level), ("optional", optional_level)):
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
            message = _("le niveau d'une compétence {kind} doit être entre 1 et 4, reçu {value}")
            raise InputError(message.format(kind=name, value=repr(level)))


def _job_list(
    jobs: dict[str, dict[str, Any]], competences: list[dict[str, Any]], levels: dict[str, int]
) -> list[dict[str, Any]]:
    """The jobs, each with its relations (taken out of ``_levels``) as expected levels in
    catalogue order: the level of the relation's type, ``inferred``, with the rule as reason."""
    reasons = {
        kind: f"ESCO : compétence {word} du métier → niveau {levels[kind]} (règle d'import ; "
        f"ESCO ne donne pas de niveau)"
        for kind, word in (("essential", "essentielle"), ("optional", "facultative"))
    }
    order = {c["id"]: i for i, c in enumerate(competences)}
    job_list = []
    for job in jobs.values():
        entries = job.pop("_levels")
        job["competences"] = [
            {
                "id": cid,
                "expected_level": levels[kind],
                "provenance": "inferred",
                "reason": reasons[kind],
            }
            for cid, kind in sorted(entries.items(), key=lambda kv: order[kv[0]])
        ]
        job_list.append(job)
    return job_list


def _dataset_header(
    langs: list[str],
    release: str | None,
    version: str | None,
    day: str,
    levels: dict[str, int],
    n_jobs: int,
    n_competences: int,
) -> dict[str, Any]:
    """The ``dataset`` block of the imported ``metier.json``: version, date, title, notes."""
    name = f"ESCO {release}" if release else "ESCO"
    default = "-".join(["esco", *([release] if release else []), *langs])
    return {
        "version": version or default,
        "date": day,
        "title": f"Import {name} ({', '.join(langs)}) : {n_jobs} métiers, "
        f"{n_competences} compétences",
        "notes": [
            (
                f"Données importées des fichiers CSV d'{name} (classification européenne des "
                "métiers et compétences) par 'esante import esco'"
                + (
                    f", titres en {langs[0]}, autres titres en {', '.join(langs[1:])}."
                    if len(langs) > 1
                    else "."
                )
                + ("" if release else " Version d'ESCO inconnue (--esco-version pour la dire).")
            ),
            (
                f"ESCO ne donne pas de niveaux : une compétence essentielle devient le niveau "
                f"{levels['essential']}, une compétence facultative le niveau "
                f"{levels['optional']} (provenance « inferred », raison sur chaque niveau)."
            ),
            (
                "Les quatre descripteurs de niveau de chaque compétence sont génériques "
                "(notions, mise en œuvre, maîtrise, expertise)."
            ),
        ],
    }


_RELEASE = re.compile(r"\bv?(\d+\.\d+(?:\.\d+)?)\b", re.IGNORECASE)


def esco_release(folder: Path) -> str | None:
    """The ESCO release named in a download's folder ("ESCO dataset - v1.2.0 - classification
    - fr - csv" -> "v1.2.0"), or None."""
    found = _RELEASE.search(folder.resolve().name)
    return f"v{found.group(1)}" if found else None


def _languages(src: Path, lang: str | None) -> tuple[str, list[str]]:
    """The language of the files read, and those whose occupation titles become other titles
    (``fr,en``: French files, English titles as other titles)."""
    if lang is None or "," not in lang:
        return _language(src, lang), []
    langs = [part.strip() for part in lang.split(",") if part.strip()]
    if len(set(langs)) != len(langs) or not langs:
        raise InputError(_("--lang : langues en double ou vides : {value}").format(value=lang))
    main = _language(src, langs[0])
    for other in langs[1:]:
        if other not in ("fr", "en"):
            message = _("--lang : les autres titres se lisent en fr ou en, pas {lang}")
            raise InputError(message.format(lang=other))
        path = src / f"{OCCUPATIONS}_{other}.csv"
        if not path.is_file():
            raise InputError(_("{path} : fichier introuvable").format(path=path))
    return main, langs[1:]


def _language(src: Path, lang: str | None) -> str:
    present = esco_languages(src)
    if lang is not None:
        if lang not in present:
            missing = [
                f"{k}_{lang}.csv"
                for k in (OCCUPATIONS, SKILLS, RELATIONS)
                if not (src / f"{k}_{lang}.csv").is_file()
            ]
            message = _("{path} : manquent {files}").format(path=src, files=", ".join(missing))
            if present:
                message += " " + _("(langues présentes : {langs})").format(langs=", ".join(present))
            raise InputError(message)
        return lang
    if not present:
        message = _("{path} : aucun fichier ESCO trouvé (attendus : {a}, {b} et {c})")
        raise InputError(
            message.format(
                path=src,
                a=f"{OCCUPATIONS}_<lang>.csv",
                b=f"{SKILLS}_<lang>.csv",
                c=f"{RELATIONS}_<lang>.csv",
            )
        )
    if len(present) == 1:
        return present[0]
    # several languages: never one picked silently (issue 13)
    message = _(
        "{path} : plusieurs langues ({langs}) : choisissez avec --lang (une langue, ou deux : "
        "fr,en garde les titres français et les anglais en autres titres)"
    )
    raise InputError(message.format(path=src, langs=", ".join(present)))


def rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each record of a CSV file; ``line`` is where the record starts (a
    quoted field may span lines). The header must hold the ``required`` columns."""
    from ..files import check_regular

    check_regular(path, "data")  # a FIFO would block the open
    try:
        handle = path.open("r", encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise InputError(_("{path} : fichier introuvable").format(path=path)) from None
    except OSError as exc:
        raise InputError(
            _("{path} : illisible ({error})").format(path=path, error=exc.strerror or exc)
        ) from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                raise InputError(_("{path} : le fichier est vide").format(path=path.name))
            columns = [h.strip() for h in header]
            missing = [c for c in required if c not in columns]
            if missing:
                message = ngettext(
                    "{path} : ligne 1 : colonne manquante : {columns}",
                    "{path} : ligne 1 : colonnes manquantes : {columns}",
                    len(missing),
                )
                raise InputError(message.format(path=path.name, columns=", ".join(missing)))
            index = {c: i for i, c in enumerate(columns)}
            width = len(columns)
            line = reader.line_num + 1
            for record in reader:
                if record and any(v.strip() for v in record):
                    if len(record) < width:
                        record = record + [""] * (width - len(record))
                    yield line, {c: record[i] for c, i in index.items()}
                line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            message = _("{path} : texte non UTF-8 (octet {byte})")
            raise InputError(message.format(path=path.name, byte=exc.start)) from None
        except csv.Error as exc:
            message = _("{path} : ligne {line} : CSV invalide ({error})")
            raise InputError(
                message.format(path=path.name, line=reader.line_num, error=exc)
            ) from None


# -- the rows ---------------------------------------------------------------------------------


class _Row(BaseModel):
    # ESCO files carry more columns than an import reads, and newer releases add some
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class Occupation(_Row):
    """A row of ``occupations_<lang>.csv``."""

    conceptUri: Required
    preferredLabel: Required
    code: Stripped = ""
    iscoGroup: Stripped = ""
    altLabels: str = ""  # one per line
    description: Spaced = ""
    modifiedDate: Stripped = ""


class Skill(_Row):
    """A row of ``skills_<lang>.csv``."""

    conceptUri: Required
    preferredLabel: RequiredSpaced
    modifiedDate: Stripped = ""


class Relation(_Row):
    """A row of ``occupationSkillRelations_<lang>.csv`` (an occupation or skill missing from
    its file is the import's to report)."""

    occupationUri: Stripped
    skillUri: Stripped
    relationType: Annotated[RelationType, BeforeValidator(lambda cell: stripped(cell).lower())]


def _families(path: Path) -> dict[str, str]:
    return {
        row["code"].strip(): row["preferredLabel"].strip()
        for _, row in rows(path, REQUIRED[ISCO])
        if row["code"].strip()
    }


def _labels(field: str) -> list[str]:
    seen: list[str] = []
    for part in field.splitlines():
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def _jobs(
    path: Path, lang: str, families: dict[str, str], latest: list[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    slugs = UniqueSlugs()
    jobs: dict[str, dict[str, Any]] = {}
    job_of_uri: dict[str, str] = {}
    source = f"ESCO, {path.name}"
    for line, row in rows(path, REQUIRED[OCCUPATIONS]):
        try:
            occ = Occupation.model_validate(row)
        except ValidationError as exc:
            where = Source(path.name, line=line, root=None)
            raise InputError(where.describe(problems(exc)[0])) from None
        uri, title, code, isco = occ.conceptUri, occ.preferredLabel, occ.code, occ.iscoGroup
        if uri in job_of_uri:
            continue  # the same occupation twice: the first row stands
        job_id = slugs.make(title, code or uri.rsplit("/", 1)[-1][:8], "occupation")
        latest[0] = max(latest[0], occ.modifiedDate)
        job: dict[str, Any] = {
            "id": job_id,
            "title": title,
            "source": {"provenance": "third-party", "source": f"{source}, {uri}"},
        }
        if isco:
            # the code is the family (scripts read "ISCO-08 2264"); the group's name, when the
            # ISCOGroups file gives it, is said in the source
            label = families.get(isco)
            job["family"] = {
                "value": f"ISCO-08 {isco}",
                "provenance": "third-party",
                "source": f"ESCO, groupe ISCO-08 {isco}" + (f" : {label}" if label else ""),
            }
        alts = [a for a in _labels(occ.altLabels) if a != title]
        if alts and lang in ("fr", "en"):
            job["other_titles"] = {"provenance": "third-party", "source": source, lang: alts}
        if occ.description:
            job["summary"] = {
                "value": occ.description,
                "provenance": "third-party",
                "source": source,
            }
        job["codes"] = [
            {
                "system": "ESCO",
                "code": code or None,
                "label": title,
                "uri": uri,
                "status": "found",
                "source": source,
            }
        ]
        job["_levels"] = {}
        jobs[uri] = job
        job_of_uri[uri] = job_id
    return jobs, job_of_uri


def _other_language_titles(path: Path, lang: str, jobs: dict[str, dict[str, Any]]) -> None:
    """Add each occupation's titles in ``lang`` (its preferred and alternative labels in
    ``occupations_<lang>.csv``, matched by URI) to its other titles in that language."""
    source = f"ESCO, {path.name}"
    for _line, row in rows(path, REQUIRED[OCCUPATIONS]):
        job = jobs.get(row["conceptUri"].strip())
        if job is None:
            continue
        labels = [row["preferredLabel"].strip(), *_labels(row.get("altLabels", ""))]
        others = job.setdefault("other_titles", {"provenance": "third-party", "source": source})
        if source not in others["source"]:
            others["source"] += f" ; {path.name}"
        have = others.setdefault(lang, [])
        have.extend(x for x in labels if x and x != job["title"] and x not in have)


def _competences(
    path: Path, latest: list[str], warnings: list[str]
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    slugs = UniqueSlugs()
    competences: list[dict[str, Any]] = []
    by_uri: dict[str, dict[str, Any]] = {}
    for line, row in rows(path, REQUIRED[SKILLS]):
        try:
            skill = Skill.model_validate(row)
        except ValidationError:
            where = Source(path.name, line=line, root=None).where(())
            warnings.append(
                _("{where} : compétence sans conceptUri ni preferredLabel, ignorée").format(
                    where=where
                )
            )
            continue
        uri, label = skill.conceptUri, skill.preferredLabel
        if uri in by_uri:
            continue
        comp = {
            "id": slugs.make(label, uri.rsplit("/", 1)[-1][:8], "skill"),
            "label": label,
            "levels": list(LEVELS),
        }
        latest[0] = max(latest[0], skill.modifiedDate)
        competences.append(comp)
        by_uri[uri] = comp
    return competences, by_uri


def _relations(
    path: Path,
    jobs: dict[str, dict[str, Any]],
    comp_of_uri: dict[str, dict[str, Any]],
    levels: dict[str, int],
    warnings: list[str],
) -> None:
    duplicates: list[int] = []
    no_skill: list[tuple[int, str]] = []
    no_job: list[tuple[int, str]] = []
    bad_type: list[tuple[int, str]] = []
    for line, row in rows(path, REQUIRED[RELATIONS]):
        try:
            relation = Relation.model_validate(row)
        except ValidationError as exc:
            bad_type.append((line, exc.errors()[0]["input"]))  # the type, as compared
            continue
        occ, skill = relation.occupationUri, relation.skillUri
        kind: str = relation.relationType
        job = jobs.get(occ)
        if job is None:
            no_job.append((line, occ))
            continue
        comp = comp_of_uri.get(skill)
        if comp is None:
            no_skill.append((line, skill))
            continue
        entries = job["_levels"]
        before = entries.get(comp["id"])
        if before is not None:
            duplicates.append(line)
            if levels[kind] <= levels[before]:
                continue
        entries[comp["id"]] = kind
    name = path.name
    if duplicates:
        message = ngettext(
            "{path} : {n} couple occupation-compétence en double gardé une fois, le niveau le "
            "plus haut l'emportant (le premier à la ligne {line})",
            "{path} : {n} couples occupation-compétence en double gardés une fois, le niveau "
            "le plus haut l'emportant (le premier à la ligne {line})",
            len(duplicates),
        )
        warnings.append(message.format(path=name, n=len(duplicates), line=duplicates[0]))
    if no_skill:
        line, uri = no_skill[0]
        message = ngettext(
            "{path} : {n} relation vers une compétence absente du fichier des compétences "
            "ignorée (la première à la ligne {line} : {uri})",
            "{path} : {n} relations vers une compétence absente du fichier des compétences "
            "ignorées (la première à la ligne {line} : {uri})",
            len(no_skill),
        )
        warnings.append(message.format(path=name, n=len(no_skill), line=line, uri=uri))
    if no_job:
        line, uri = no_job[0]
        message = ngettext(
            "{path} : {n} relation depuis une occupation absente du fichier des occupations "
            "ignorée (la première à la ligne {line} : {uri})",
            "{path} : {n} relations depuis une occupation absente du fichier des occupations "
            "ignorées (la première à la ligne {line} : {uri})",
            len(no_job),
        )
        warnings.append(message.format(path=name, n=len(no_job), line=line, uri=uri))
    if bad_type:
        line, kind = bad_type[0]
        message = ngettext(
            "{path} : {n} relation de relationType inconnu ignorée (la première à la ligne "
            "{line} : {kind} ; attendu : essential ou optional)",
            "{path} : {n} relations de relationType inconnu ignorées (la première à la ligne "
            "{line} : {kind} ; attendu : essential ou optional)",
            len(bad_type),
        )
        warnings.append(message.format(path=name, n=len(bad_type), line=line, kind=repr(kind)))


# -- a model calibrated on the import ----------------------------------------------------------

MODEL_FILE = "modele.toml"


def suggested_model(folder: str | os.PathLike[str]) -> Path:
    """Write ``modele.toml`` into an imported dataset's folder and return its path (see
    :func:`finish_import`, which also says how connected the graph is)."""
    return finish_import(folder).model


@dataclass(frozen=True)
class ImportGraph:
    """What an import's summary says of the dataset written: the calibrated model's path, and
    the graph of moves under it: its connected components, the largest one's size, and the
    occupations with no move from or to them."""

    model: Path
    jobs: int
    components: int
    largest: int
    isolated: int


def finish_import(folder: str | os.PathLike[str]) -> ImportGraph:
    """Write ``modele.toml`` into an imported dataset's folder: the shipped model with its
    bands calibrated on the dataset's own reference moves, the pairs of occupations of one
    ISCO-08 unit group (as Nesta did; :mod:`esante_cli.queries.model`). ``--data FOLDER`` then
    uses it without ``--model``. Then measure the graph of moves it gives (components, isolated
    occupations), and add the figures to ``import.json``. Loading the dataset here also fills
    the cache, so the next command starts fast."""
    import json

    from ..costmodel import DEFAULT_MODEL, model_config_toml
    from ..dataset import load_dataset
    from ..errors import InputError
    from ..files import write_atomic
    from ..graph import mobility_graph
    from ..queries.model import calibrate
    from . import IMPORT_REPORT

    out = Path(folder)
    dataset = load_dataset(out)
    base = DEFAULT_MODEL.model_copy(update={"name": f"esco-import-{out.name}"[:60]})
    try:
        config = calibrate(dataset, base).model
        header = (
            f"# Model calibrated by 'esante import esco' on {config.calibration.references}"
            f":\n# 'accessible' = their mean coverage minus one standard deviation, "
            f"'proche' = their mean.\n"
        )
    except InputError:  # no ISCO group holds two occupations: keep the shipped bands
        config = base
        header = "# No two occupations share an ISCO-08 group: the shipped bands are kept.\n"
    path = out / MODEL_FILE
    write_atomic(path, header + model_config_toml(config), force=True)
    parts = mobility_graph(dataset, config).components
    found = ImportGraph(path, len(dataset.jobs), parts.count, parts.largest, parts.isolated)
    report_file = out / IMPORT_REPORT
    if report_file.is_file():
        report = json.loads(report_file.read_text(encoding="utf-8"))
        report["graph"] = {
            "model": MODEL_FILE,
            "components": found.components,
            "largest_component": found.largest,
            "jobs_without_move": found.isolated,
        }
        text = json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_atomic(report_file, text, force=True)
    return found
