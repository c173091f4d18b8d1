"""Importers: other data (ESCO downloads, a counsellor's spreadsheets) turned into an esante
dataset folder (``metier.json`` and ``mobilites.json``) that ``load_dataset`` reads.

Each importer returns an :class:`ImportedDataset` (the two files as plain JSON data, the
problems and warnings met on the way); :func:`write_dataset` writes it. Importers never print.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from ..dataset import METIER, MOBILITES
from ..language import _
from ..validation import invalid

IMPORT_REPORT = "import.json"


@dataclass
class ImportedDataset:
    """What an importer made: the two data files, a report, and the warnings (one line each,
    naming the file and line when there is one)."""

    metier: dict[str, Any]
    mobilites: dict[str, Any]
    report: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        jobs = self.metier.get("jobs", [])
        return {
            "jobs": len(jobs),
            "competences": len(self.metier.get("competences", [])),
            "levels": sum(len(j.get("competences", [])) for j in jobs),
            "mobilities": len(self.mobilites.get("mobilities", [])),
        }


def write_dataset(
    imported: ImportedDataset, folder: str | os.PathLike[str], *, force: bool = False
) -> Path:
    """Write ``metier.json``, ``mobilites.json`` and ``import.json`` into ``folder`` (created if
    missing). An existing dataset there is replaced only with ``force``."""
    from ..files import prepare_folder, write_atomic

    out = Path(folder)
    prepare_folder(out, (METIER, MOBILITES), force=force)
    report = dict(imported.report, warnings=imported.warnings, counts=imported.counts)
    write_atomic(out / METIER, dumps_lines(imported.metier, ("competences", "jobs")), force=True)
    write_atomic(out / MOBILITES, dumps_lines(imported.mobilites, ("mobilities",)), force=True)
    write_atomic(
        out / IMPORT_REPORT,
        json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n",
        force=True,
    )
    return out


def dumps_lines(data: dict[str, Any], listed: tuple[str, ...]) -> str:
    """JSON with one item per line in the ``listed`` top-level lists: a 20 MB file stays
    quick to parse, and greppable and diffable line by line."""
    parts = []
    for key, value in data.items():
        head = json.dumps(key, ensure_ascii=False)
        if key in listed and isinstance(value, list) and value:
            items = ",\n".join(
                "  " + json.dumps(v, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                for v in value
            )
            parts.append(f" {head}: [\n{items}\n ]")
        else:
            parts.append(f" {head}: {json.dumps(value, ensure_ascii=False, allow_nan=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


class UniqueSlugs:
    """Slug ids that stay unique: a second 'x' becomes 'x-<tag>' (the tag the caller gives,
    e.g. a code), else 'x-2', 'x-3'..."""

    MAX_LENGTH = 60

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, label: str, tag: str = "", fallback: str = "item") -> str:
        from ..names import slugify

        base = _cut(slugify(label), self.MAX_LENGTH) or fallback
        candidates = [base]
        if tag:
            candidates.append(f"{base}-{slugify(tag)}".strip("-"))
        for candidate in candidates:
            if candidate and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        n = 2
        while f"{base}-{n}" in self.taken:
            n += 1
        self.taken.add(f"{base}-{n}")
        return f"{base}-{n}"


def _cut(slug: str, limit: int) -> str:
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


# -- cells: the text of a CSV file's fields, for the models of its rows -------------------------


def stripped(cell: Any) -> Any:
    return cell.strip() if isinstance(cell, str) else cell


def spaced(cell: Any) -> Any:
    """The words of a cell, one space between them (a spreadsheet keeps stray spaces)."""
    return " ".join(cell.split()) if isinstance(cell, str) else cell


def required(cell: str) -> str:
    if not cell:
        raise invalid(_("vide (obligatoire)"))
    return cell


Stripped = Annotated[str, BeforeValidator(stripped)]
Spaced = Annotated[str, BeforeValidator(spaced)]
Required = Annotated[str, AfterValidator(required), BeforeValidator(stripped)]
RequiredSpaced = Annotated[str, AfterValidator(required), BeforeValidator(spaced)]
