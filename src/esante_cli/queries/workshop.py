"""The group workshop: a group's people read from a CSV or a folder of profiles, one report
per person, and the group's gaps.

A group CSV has one row a person and one column a competence::

    name,current_job,cycle-de-vie,Mener un diagnostic ou un test/essai technique,...
    Camille Martin,data-scientist,1,2,...
    Karim Benali,Développeur applications,2,,...

``name`` and ``current_job`` are optional columns (French headers ``nom``, ``metier_actuel``,
``poste`` are understood, and a ``notes`` column is ignored; a current job that names no job
exactly is kept as free text, as in a profile); a column that names a levelled competence
(by id or label) holds levels; any other column ("Entreprise") is left out, and the group says
which (``ignored_columns``: the command line warns once). A level is a whole number from 0 to 4
(``3,0`` and ``3.0`` are 3); an empty cell is not assessed (counted 0, as in a profile). The
file is read as spreadsheets save it (:mod:`esante_cli.sheets`): UTF-8 with or without a
byte-order mark, or Windows-1252; ``,``, ``;`` or a tab between cells (found on the first
rows); any line ends. A group folder holds profile files (``.yaml``, ``.yml``, ``.json``),
read in the order of their names.

:func:`load_group` reads the group: a problem of the whole file (unreadable, a header that
names a competence ambiguously, or one without levels) is an ``InputError``; a bad row or
profile file only marks that member with its ``problem`` (file, line and field, like a
profile's errors), so the others can still be processed. :func:`workshop_person` and
:func:`workshop_result` are the queries; :func:`workshop` runs both for a whole group. They
never print, draw or write.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, RootModel, model_validator

from ..costmodel import DEFAULT_MODEL, ModelConfig
from ..errors import EsanteError, InputError, UnknownNameError
from ..language import _
from ..profiles import Profile, ProfileEntry, SelfLevel, current_job_fields
from ..results.workshop import Group, GroupMember, HeatCell, HeatRow, WorkshopPerson, WorkshopResult
from ..validation import Source, invalid, problems
from .mobility import get_job, job_ref
from .visual import is_estimated, person_report

if TYPE_CHECKING:
    from ..dataset import Dataset
    from ..names import Resolver

__all__ = [
    "PROFILE_SUFFIXES",
    "RESERVED",
    "load_group",
    "member_names",
    "member_problem",
    "member_slugs",
    "parse_group_csv",
    "workshop",
    "workshop_person",
    "workshop_result",
]

PROFILE_SUFFIXES = (".yaml", ".yml", ".json")
PSEUDONYM = "Personne {n}"
SLUG_LENGTH = 60
# The stems of the group's own files: no person's files may take them.
RESERVED = ("groupe-ecarts", "groupe-synthese")

# Header words, folded (see names.fold): the person's name, current job, and ignored notes.
_NAME = {
    "name",
    "full name",
    "nom",
    "nom prenom",
    "prenom nom",
    "nom et prenom",
    "prenom et nom",
    "nom complet",
    "personne",
    "participant",
    "participante",
}
_JOB = {
    "current job",
    "job",
    "metier",
    "metier actuel",
    "emploi",
    "emploi actuel",
    "poste",
    "poste actuel",
}
_NOTES = {"notes", "note", "remarques", "remarque", "commentaire", "commentaires", "comments"}
_LEVEL = re.compile(r"([0-9]+)(?:\.0+)?")  # '3', and '3.0' ('3,0' once read)


# -- reading a group ---------------------------------------------------------------------------


def load_group(path: str | os.PathLike[str], dataset: Dataset) -> Group:
    """The group at ``path``: a CSV file, or a folder of profile files."""
    where = Path(path)
    name = str(path)
    if where.is_dir():
        return _read_folder(where, name, dataset)
    if not os.path.lexists(where):
        raise InputError(_("{path} : fichier introuvable").format(path=name))
    if where.suffix.lower() in PROFILE_SUFFIXES:
        message = _(
            "{path} : un groupe est un fichier CSV ou un dossier de profils (pour une "
            "personne : esante report --profile FICHIER)"
        )
        raise InputError(message.format(path=name))
    from ..files import read_user_file
    from ..sheets import decode_sheet

    text = decode_sheet(read_user_file(where, "group"), name, _("un groupe CSV"))
    return parse_group_csv(text, dataset, name=name)


def _read_folder(folder: Path, name: str, dataset: Dataset) -> Group:
    from ..profiles import load_profile

    # a FIFO or a device named like a profile is that person's problem (never opened), not
    # a person silently left out
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in PROFILE_SUFFIXES and not p.name.startswith(".") and not p.is_dir()
    )
    if not files:
        message = _("{path} : aucun fichier de profil ({suffixes}) dans ce dossier")
        raise InputError(message.format(path=name, suffixes=", ".join(PROFILE_SUFFIXES)))
    members = []
    for index, file in enumerate(files, 1):
        try:
            profile: Profile | None = load_profile(file, dataset)
            problem = None
        except EsanteError as exc:
            profile, problem = None, str(exc)
        if profile is not None and not profile.name:
            profile = profile.model_copy(update={"name": file.stem})
        members.append(
            GroupMember(
                index=index,
                source=file.name,
                line=None,
                path=str(file),
                name=profile.name if profile else None,
                profile=profile,
                problem=problem,
            )
        )
    return Group(path=name, kind="folder", members=members)


def parse_group_csv(text: str, dataset: Dataset, *, name: str = "<group>") -> Group:
    """A group from the text of its CSV (see the module's docstring)."""
    from ..names import competence_resolver, fold
    from ..sheets import sniff_delimiter

    if not text.strip():
        raise InputError(_("{path} : le fichier est vide").format(path=name))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header: list[str] | None = None
    header_line = 0
    columns: list[tuple[str, str | None]] = []  # (kind, competence id): name/job/notes/level/skip
    ignored: list[str] = []  # the headers of the columns that name nothing read
    members: list[GroupMember] = []
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = row, start
                columns, ignored = _columns(
                    row, name, start, dataset, competence_resolver(dataset), fold
                )
                continue
            index = len(members) + 1
            members.append(_member(row, columns, index, start, name, dataset))
    except csv.Error as exc:
        message = _("{path} : ligne {line} : CSV invalide ({error})")
        raise InputError(message.format(path=name, line=reader.line_num, error=exc)) from None
    if header is None:
        raise InputError(_("{path} : le fichier est vide").format(path=name))
    if not members:
        message = _("{path} : ligne {line} : un en-tête mais personne en dessous")
        raise InputError(message.format(path=name, line=header_line))
    return Group(
        path=name, kind="csv", members=members, ignored_columns=ignored, header_line=header_line
    )


def _columns(
    header: list[str],
    name: str,
    line: int,
    dataset: Dataset,
    resolver: Resolver,
    fold: Callable[[str], str],
) -> tuple[list[tuple[str, str | None]], list[str]]:
    """Each column's kind (and competence), and the headers of the columns left out."""
    columns: list[tuple[str, str | None]] = []
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for number, cell in enumerate(header, 1):
        label = " ".join(cell.split())
        folded = fold(label)
        at = _("{path} : ligne {line} : colonne {n}").format(path=name, line=line, n=number)
        kind = (
            "skip"
            if not folded
            else "name"
            if folded in _NAME
            else "job"
            if folded in _JOB
            else "notes"
            if folded in _NOTES
            else "level"
        )
        if kind in ("name", "job") and kind in seen:
            message = (
                _("{at} « {label} » : une seconde colonne de nom (« {first} » en est une)")
                if kind == "name"
                else _("{at} « {label} » : une seconde colonne de métier (« {first} » en est une)")
            )
            raise InputError(message.format(at=at, label=label, first=seen[kind]))
        if kind != "level":
            seen.setdefault(kind, label)
            columns.append((kind, None))
            continue
        try:
            comp = resolver.resolve(label)
        except UnknownNameError as exc:
            if not exc.ambiguous:  # names nothing the workshop reads: left out, said once
                ignored.append(label)
                columns.append(("skip", None))
                continue
            message = _(
                "{at} : {error} (colonnes : name, current_job, puis les compétences par id ou libellé)"
            )
            raise InputError(message.format(at=at, error=exc)) from None
        if not dataset.competence(comp).levelled:
            message = _(
                "{at} : la compétence « {id} » n'a pas de niveaux dans le catalogue : retirez la "
                "colonne"
            )
            raise InputError(message.format(at=at, id=comp))
        if comp in seen:
            message = _("{at} « {label} » : désigne la même compétence « {id} » que « {other} »")
            raise InputError(message.format(at=at, label=label, id=comp, other=seen[comp]))
        seen[comp] = label
        columns.append(("level", comp))
    if not any(kind == "level" for kind, _ in columns):
        message = _(
            "{path} : ligne {line} : aucune colonne de compétence (colonnes : name, "
            "current_job, puis les compétences par id ou libellé)"
        )
        raise InputError(message.format(path=name, line=line))
    return columns, ignored


def _cell_level(cell: str) -> Any:
    # a cell is text: a whole number (with a decimal point or comma and zeros: '3,0') is a
    # number, anything else is refused by the level's own check
    from ..sheets import decimal_point

    found = _LEVEL.fullmatch(decimal_point(cell))
    return int(found[1]) if found else cell


class _RowLevels(RootModel[dict[str, Annotated[SelfLevel, BeforeValidator(_cell_level)]]]):
    """A row's levels: competence id -> the text of its cell (empty cells left out)."""

    @model_validator(mode="after")
    def _some(self) -> _RowLevels:
        if not self.root:
            raise invalid(_("aucun niveau donné (toutes les cases de compétence sont vides)"))
        return self


def _member(
    row: list[str],
    columns: list[tuple[str, str | None]],
    index: int,
    line: int,
    name: str,
    dataset: Dataset,
) -> GroupMember:
    from pydantic import ValidationError

    src = Source(name, line=line, root=None)
    cells = list(zip(columns, (cell.strip() for cell in row), strict=False))
    person = next(
        (" ".join(cell.split()) or None for (kind, _), cell in cells if kind == "name"), None
    )

    def member(profile: Profile | None, problem: str | None) -> GroupMember:
        return GroupMember(
            index=index,
            source=f"line {line}",
            line=line,
            path=None,
            name=person,
            profile=profile,
            problem=problem,
        )

    if any(cell.strip() for cell in row[len(columns) :]):
        message = _("{where} : {n} cases, mais l'en-tête en a {width}")
        return member(None, message.format(where=src.where(()), n=len(row), width=len(columns)))
    try:
        levels = _RowLevels.model_validate(
            {comp: cell for (kind, comp), cell in cells if kind == "level" and cell}
        ).root
    except ValidationError as exc:
        return member(None, src.describe(problems(exc)[0]))
    # free text unless it names a job exactly
    job = next(
        (current_job_fields(dataset, cell) for (kind, _), cell in cells if kind == "job" and cell),
        {},
    )
    order = {c.id: i for i, c in enumerate(dataset.competences)}
    entries = [
        ProfileEntry(id=comp, level=levels[comp]) for comp in sorted(levels, key=order.__getitem__)
    ]
    return member(Profile(name=person, **job, competences=entries), None)


# -- names and file names ----------------------------------------------------------------------


def member_names(group: Group, *, anonymous: bool = False, pseudonym: str = PSEUDONYM) -> list[str]:
    """How each member is named in the outputs: their name, or ``pseudonym`` (with their place
    in the group) when anonymous or when the row gives no name; a profile file that cannot be
    read is named by its file name."""
    out = []
    for m in group.members:
        if anonymous:
            out.append(pseudonym.format(n=m.index))
        elif m.name:
            out.append(m.name)
        elif m.path is not None:
            out.append(Path(m.path).stem)
        else:
            out.append(pseudonym.format(n=m.index))
    return out


def member_slugs(names: Sequence[str]) -> list[str]:
    """A distinct file-name stem for each name: its slug (ASCII letters, digits and hyphens,
    at most 60 characters), '-2', '-3'... added to repeats, never one of ``RESERVED``."""
    from ..names import slugify

    taken = set(RESERVED)
    out = []
    for n, name in enumerate(names, 1):
        base = slugify(name)[:SLUG_LENGTH].strip("-") or f"personne-{n}"
        slug, k = base, 1
        while slug in taken:
            k += 1
            slug = f"{base}-{k}"
        taken.add(slug)
        out.append(slug)
    return out


def member_problem(member: GroupMember, name: str, anonymous: bool = False) -> str | None:
    """The member's problem as the outputs say it: with ``anonymous``, a profile file's name
    (which may name the person) gives way to ``name``."""
    if member.problem is None or not anonymous or member.path is None:
        return member.problem
    return member.problem.replace(member.path, name, 1)


# -- the queries -------------------------------------------------------------------------------


def workshop_person(
    dataset: Dataset,
    member: GroupMember,
    *,
    name: str,
    slug: str,
    target: str | None = None,
    k: int = 3,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> WorkshopPerson:
    """One member's report (see :func:`~esante_cli.queries.visual.person_report`), aiming at
    ``target`` or at their best match; ``name`` is how the outputs name them."""
    source = "" if anonymous and member.path is not None else member.source
    problem = member_problem(member, name, anonymous)
    if member.profile is None:
        return WorkshopPerson(
            index=member.index,
            name=name,
            source=source,
            slug=slug,
            report=None,
            best_match=None,
            current_job=None,
            unassessed=[],
            problem=problem,
        )
    profile = member.profile
    if anonymous:
        report = person_report(
            dataset, profile, target, k=k, anonymous=True, alias=name, config=config
        )
    else:
        report = person_report(
            dataset, profile.model_copy(update={"name": name}), target, k=k, config=config
        )
    assert report.person is not None
    best = next(m for m in report.person.best_matches if not m.current)
    return WorkshopPerson(
        index=member.index,
        name=name,
        source=source,
        slug=slug,
        report=report,
        best_match=best,
        current_job=report.person.current_job,
        current_job_text=report.person.current_job_text,
        unassessed=report.person.unassessed,
        problem=None,
    )


def workshop_result(
    dataset: Dataset,
    group: Group,
    people: Sequence[WorkshopPerson],
    *,
    target: str | None = None,
    anonymous: bool = False,
    config: ModelConfig = DEFAULT_MODEL,
) -> WorkshopResult:
    """The group's outcome from each person's (:func:`workshop_person`): the heatmap of gaps
    (competence by person, to each person's target) and the problems."""
    levels = {m.index: m.profile for m in group.members if m.profile is not None}
    shown = [p for p in people if p.report is not None]
    blocking = config.thresholds.blocking_deficit
    rows = []
    for comp in dataset.levelled_competences:
        cells = []
        for p in shown:
            assert p.report is not None
            item = next((i for i in p.report.gap.items if i.id == comp.id), None)
            cells.append(
                HeatCell(
                    level=levels[p.index].level(comp.id),
                    required=item.required if item else None,
                    delta=item.delta if item else None,
                    required_provenance=item.required_provenance if item else None,
                )
            )
        rows.append(
            HeatRow(
                id=comp.id,
                label=comp.label,
                cells=cells,
                to_train=sum(1 for c in cells if c.delta is not None and c.delta > 0),
                blocking=sum(1 for c in cells if c.delta is not None and c.delta >= blocking),
            )
        )
    return WorkshopResult(
        data_version=dataset.version,
        group=group.path,
        kind=group.kind,
        target=job_ref(get_job(dataset, target)) if target is not None else None,
        anonymous=anonymous,
        people=list(people),
        columns=[p.index for p in shown],
        heatmap=rows,
        problems=[p.problem for p in people if p.problem is not None],
        uses_estimates=any(p.report.uses_estimates for p in shown if p.report)
        or any(is_estimated(c.required_provenance) for r in rows for c in r.cells),
        model=config,
    )


def workshop(
    dataset: Dataset,
    group: Group,
    *,
    target: str | None = None,
    k: int = 3,
    anonymous: bool = False,
    pseudonym: str = PSEUDONYM,
    config: ModelConfig = DEFAULT_MODEL,
) -> WorkshopResult:
    """Every member's report and the group's gaps, in one call (the library's way; the
    command line runs :func:`workshop_person` one person at a time, to show its progress)."""
    names = member_names(group, anonymous=anonymous, pseudonym=pseudonym)
    slugs = member_slugs(names)
    people = [
        workshop_person(
            dataset, m, name=n, slug=s, target=target, k=k, anonymous=anonymous, config=config
        )
        for m, n, s in zip(group.members, names, slugs)
    ]
    return workshop_result(
        dataset, group, people, target=target, anonymous=anonymous, config=config
    )
