"""Report files: one report and its map, and the group workshop's folder.

A report is a standalone HTML page (its map inside), the same page as a PDF (WeasyPrint, the
extra ``esante[pdf]``) or Markdown with its map beside it (``FILE.map.svg``). The workshop
writes, into one folder, a report per person, the group's map of gaps (PNG and SVG) and a
summary (one row per person: a CSV and an .xlsx workbook); with PDF reports, also every report in one PDF to print
(:data:`GROUP_PDF`). Every file is written atomically
(:func:`~esante_cli.files.write_atomic`), an existing one is replaced only with ``force``, and
every path is checked before any heavy work. Nothing here prints: messages go to the ``say`` and
``warn`` the caller gives, the progress of the workshop to its ``progress``. matplotlib and
Jinja2 are imported by the renderers, on these code paths only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .choices import CsvDialect, Lang, ReportFormat
from .errors import InputError
from .files import check_writable, write_atomic
from .i18n import t, tn
from .language import _, ngettext

if TYPE_CHECKING:
    from .costmodel import ModelConfig
    from .dataset import Dataset
    from .results.visual import Report
    from .results.workshop import GroupMember, WorkshopPerson, WorkshopResult
    from .session import Session

__all__ = [
    "GROUP_PDF",
    "HEATMAP",
    "SUMMARY",
    "SUMMARY_XLSX",
    "check_report",
    "output_folder",
    "run_workshop",
    "write_report",
]

ReportKind = Literal["html", "markdown", "pdf"]
MapCache = dict[tuple[str, tuple[str, ...]], str]  # a neighbourhood -> its map (SVG)
# ``progress(total, label)`` opens a progress display; what it yields is called with each
# person's name before their report.
Progress = Callable[[int, str], AbstractContextManager[Callable[[str], None]]]

# The group's files, as French names them (English: group-gaps, group-summary, group-reports)
HEATMAP = "groupe-ecarts"  # .png and .svg
SUMMARY = "groupe-synthese.csv"
SUMMARY_XLSX = "groupe-synthese.xlsx"  # the same summary, as a workbook
GROUP_PDF = "groupe-rapports.pdf"  # with PDF reports: all of them, to print in one go


def check_report(
    output: str | os.PathLike[str], kind: ReportKind, force: bool, lang: Lang = Lang.fr
) -> None:
    """Fail now (exit 3) if the report, or the map beside a Markdown one, cannot be written;
    (exit 6) if a PDF is asked for without WeasyPrint."""
    check_writable(output, force=force)
    if kind == "pdf":
        from .render.pdf import load_weasyprint

        load_weasyprint(lang)
    if kind == "markdown":
        check_writable(Path(output).with_suffix(".map.svg"), force=force)


def write_report(
    result: Report,
    output: str | os.PathLike[str],
    kind: ReportKind,
    lang: Lang,
    force: bool,
    maps: MapCache | None = None,
    pdfs: list[Any] | None = None,
) -> Path | None:
    """Draw the report's map (once per neighbourhood with ``maps``) and write the report; a
    Markdown report gets its map beside it, FILE.map.svg (its path is returned; None for the
    other kinds); a PDF's laid-out pages are kept in ``pdfs`` when given."""
    from .render.html import render_report_html, render_report_markdown
    from .render.mapdraw import render_map_svg

    key = (
        result.map.job.id,
        tuple(
            sorted(
                n.job.id + n.side for n in result.map.incoming + result.map.outgoing if n.highlight
            )
        ),
    )
    svg = maps.get(key) if maps is not None else None
    if svg is None:
        svg = render_map_svg(result.map, lang)
        if maps is not None:
            maps[key] = svg
    if kind == "html":
        write_atomic(output, render_report_html(result, lang, map_svg=svg), force=force)
        return None
    if kind == "pdf":
        from .render.pdf import pdf_bytes, pdf_document

        document = pdf_document(render_report_html(result, lang, map_svg=svg), lang)
        write_atomic(output, pdf_bytes(document), force=force)
        if pdfs is not None:
            pdfs.append(document)
        return None
    map_path = Path(output).with_suffix(".map.svg")
    write_atomic(map_path, svg, force=force)
    write_atomic(output, render_report_markdown(result, lang, map_file=map_path.name), force=force)
    return map_path


def output_folder(path: str | os.PathLike[str]) -> Path:
    """The output folder, created if missing; one clear error when it cannot be used."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError(_("{path} : c'est un fichier, pas un dossier").format(path=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = _("{path} : impossible de créer le dossier ({error})")
        raise InputError(message.format(path=folder, error=exc.strerror or exc)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(
            _("{path} : le dossier n'est pas accessible en écriture").format(path=folder)
        )
    return folder


def _quiet(message: str) -> None:
    return None


@contextmanager
def _no_progress(total: int, label: str) -> Iterator[Callable[[str], None]]:
    yield _quiet


# -- the workshop ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Folder:
    """Where the workshop writes, and how."""

    path: Path
    kind: ReportKind
    lang: Lang
    force: bool
    dialect: CsvDialect = CsvDialect.plain  # the summary CSV's
    pdfs: list[Any] = field(default_factory=list)  # the PDF reports, laid out, for GROUP_PDF

    @property
    def suffix(self) -> str:
        return {"html": ".html", "pdf": ".pdf"}.get(self.kind, ".md")

    def report(self, slug: str) -> Path:
        return self.path / f"{slug}{self.suffix}"

    def file(self, name: str) -> Path:
        """One of the group's files (:data:`SUMMARY`...), named in the interface's language:
        'groupe-synthese.csv', 'group-summary.csv'."""
        stem, dot, suffix = name.partition(".")
        return self.path / f"{t('file_' + stem, self.lang)}{dot}{suffix}"


def run_workshop(
    session: Session,
    group: str | os.PathLike[str],
    output_dir: str | os.PathLike[str],
    *,
    target: str | None = None,
    fmt: ReportFormat = ReportFormat.html,
    k: int = 3,
    anonymous: bool = False,
    force: bool = False,
    lang: Lang = Lang.fr,
    pdf: bool = False,
    csv_dialect: CsvDialect = CsvDialect.plain,
    say: Callable[[str], None] = _quiet,
    warn: Callable[[str], None] = _quiet,
    progress: Progress = _no_progress,
) -> WorkshopResult:
    """The workshop of the group at ``group`` (a CSV file or a folder of profiles), written in
    ``output_dir``: each person's report, aiming at ``target`` (a job name) or at their best
    match, the group's map of gaps and the summary. A person who cannot be read is warned
    about and kept in the summary; once the others are written, that is an ``InputError``.
    With ``pdf``, the reports are PDF files, and :data:`GROUP_PDF` holds them all. The summary
    CSV is written in ``csv_dialect``, and as a workbook; a CSV group's columns that name
    nothing read are warned about, once."""
    from .queries.workshop import (
        load_group,
        member_names,
        member_problem,
        member_slugs,
        workshop_result,
    )

    ds, config = session.dataset(), session.model()
    grp = load_group(group, ds)
    target_id = session.job(target) if target is not None else None
    names = member_names(grp, anonymous=anonymous, pseudonym=t("report_pseudonym", lang))
    slugs = member_slugs(names)
    kind: ReportKind = "pdf" if pdf else "html" if fmt == ReportFormat.html else "markdown"
    out = _Folder(output_folder(output_dir), kind, lang, force, csv_dialect)
    _check_workshop(out, [out.report(s) for m, s in zip(grp.members, slugs) if m.profile])
    if grp.ignored_columns:
        columns = ", ".join(grp.ignored_columns)
        said = tn("ws_columns_ignored", len(grp.ignored_columns), lang)
        warn(said.format(file=group, line=grp.header_line, columns=columns))
    for m, name in zip(grp.members, names):
        if m.problem is not None:
            warn(member_problem(m, name, anonymous) or "")
    maps: MapCache = {}
    with progress(len(grp.members), t("ws_progress", lang)) as step:
        people = [
            _person(ds, m, name, slug, out, target_id, k, anonymous, config, step, maps)
            for m, name, slug in zip(grp.members, names, slugs)
        ]
    result = workshop_result(ds, grp, people, target=target_id, anonymous=anonymous, config=config)
    _write_group_files(result, out)
    _say_done(result, out, say, warn)
    bad = [p for p in people if p.problem is not None]
    if bad:
        where = ", ".join(_where(p.source) or p.name for p in bad)
        good = len(people) - len(bad)
        unread = ngettext(
            "{path} : {n} personne sur {total} n'a pas pu être lue ({where}) ; ",
            "{path} : {n} personnes sur {total} n'ont pas pu être lues ({where}) ; ",
            len(bad),
        ).format(path=group, n=len(bad), total=len(people), where=where)
        rest = (
            ngettext(
                "l'autre est écrite dans {folder}",
                "les {n} autres sont écrites dans {folder}",
                good,
            ).format(n=good, folder=out.path)
            if good
            else _("seule la synthèse est écrite")
        )
        raise InputError(unread + rest)
    return result


def _where(source: str) -> str:
    """Where a person of the group comes from, in the language: 'line 3' is 'ligne 3'."""
    found = re.fullmatch(r"line (\d+)", source)
    return _("ligne {n}").format(n=found[1]) if found else source


def _check_workshop(out: _Folder, reports: list[Path]) -> None:
    """Fail now if any file of the workshop cannot be written."""
    for path in [
        *reports,
        out.file(f"{HEATMAP}.png"),
        out.file(f"{HEATMAP}.svg"),
        out.file(SUMMARY),
        out.file(SUMMARY_XLSX),
        *([out.file(GROUP_PDF)] if out.kind == "pdf" else []),
    ]:
        check_writable(path, force=out.force)
    if out.kind == "pdf":
        from .render.pdf import load_weasyprint

        load_weasyprint(out.lang)
    for path in reports:
        if out.kind == "markdown":
            check_writable(path.with_suffix(".map.svg"), force=out.force)


def _person(
    ds: Dataset,
    member: GroupMember,
    name: str,
    slug: str,
    out: _Folder,
    target: str | None,
    k: int,
    anonymous: bool,
    config: ModelConfig,
    step: Callable[[str], None],
    maps: MapCache,
) -> WorkshopPerson:
    """One member's report, written as soon as it is made (one map per neighbourhood)."""
    from .queries.workshop import workshop_person

    step(name)
    person = workshop_person(
        ds, member, name=name, slug=slug, target=target, k=k, anonymous=anonymous, config=config
    )
    if person.report is not None:
        write_report(person.report, out.report(slug), out.kind, out.lang, out.force, maps, out.pdfs)
    return person


def _write_group_files(result: WorkshopResult, out: _Folder) -> None:
    """The map of the group's gaps (when someone could be read) and the summary (CSV and
    workbook)."""
    from functools import partial

    from .files import write_atomic_with
    from .render.workshop import render_summary_csv
    from .render.xlsx import write_summary_xlsx

    if result.columns:
        from .render.heatmap import render_heatmap_png, render_heatmap_svg

        write_atomic(
            out.file(f"{HEATMAP}.png"), render_heatmap_png(result, out.lang), force=out.force
        )
        write_atomic(
            out.file(f"{HEATMAP}.svg"), render_heatmap_svg(result, out.lang), force=out.force
        )
    summary = render_summary_csv(result, out.suffix, out.dialect, out.lang)
    write_atomic(out.file(SUMMARY), summary, force=out.force)
    write_atomic_with(
        out.file(SUMMARY_XLSX),
        partial(write_summary_xlsx, result=result, report_suffix=out.suffix, lang=out.lang),
        force=out.force,
    )
    if out.pdfs:
        from .render.pdf import group_pdf

        data = group_pdf(out.pdfs, t("pdf_group_title", out.lang), out.lang)
        write_atomic(out.file(GROUP_PDF), data, force=out.force)


def _say_done(
    result: WorkshopResult, out: _Folder, say: Callable[[str], None], warn: Callable[[str], None]
) -> None:
    """Who was left partly unassessed, and what was written where."""
    missing = [f"{p.name} ({len(p.unassessed)})" for p in result.people if p.unassessed]
    if missing:
        warn(t("ws_unassessed", out.lang).format(people=", ".join(missing)))
    flat = [
        f"{p.name} ({p.report.person.flat_level})"
        for p in result.people
        if p.report is not None and p.report.person is not None and p.report.person.flat
    ]
    if flat:  # as gap --profile says it of one profile: every answer the same compares badly
        warn(t("ws_flat", out.lang).format(people=", ".join(flat)))
    if result.columns:
        say(
            tn("ws_done", len(result.columns), out.lang).format(
                dir=out.path,
                summary=f"{out.file(SUMMARY)}, {out.file(SUMMARY_XLSX)}",
                heatmap=f"{out.file(f'{HEATMAP}.png')}, {out.file(f'{HEATMAP}.svg')}",
            )
        )
    else:
        say(
            t("ws_done_none", out.lang).format(
                summary=f"{out.file(SUMMARY)}, {out.file(SUMMARY_XLSX)}"
            )
        )
    if out.pdfs:
        say(t("ws_pdf_group", out.lang).format(path=out.file(GROUP_PDF)))
