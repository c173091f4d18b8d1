"""Report files: one report and its map, and the group workshop's folder.

A report is a standalone HTML page (its map inside) or Markdown with its map beside it
(``FILE.map.svg``). The workshop writes, into one folder, a report per person, the group's map
of gaps (PNG and SVG) and a summary CSV (one row per person). Every file is written atomically
(:func:`~esante_cli.files.write_atomic`), an existing one is replaced only with ``force``, and
every path is checked before any heavy work. Nothing here prints: messages go to the ``say`` and
``warn`` the caller gives, the progress of the workshop to its ``progress``. matplotlib and
Jinja2 are imported by the renderers, on these code paths only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .choices import Lang, ReportFormat
from .errors import InputError
from .files import check_writable, write_atomic
from .i18n import t

if TYPE_CHECKING:
    from .costmodel import ModelConfig
    from .dataset import Dataset
    from .results.visual import Report
    from .results.workshop import GroupMember, WorkshopPerson, WorkshopResult
    from .session import Session

__all__ = ["HEATMAP", "SUMMARY", "check_report", "output_folder", "run_workshop", "write_report"]

ReportKind = Literal["html", "markdown"]
MapCache = dict[tuple[str, tuple[str, ...]], str]  # a neighbourhood -> its map (SVG)
# ``progress(total, label)`` opens a progress display; what it yields is called with each
# person's name before their report.
Progress = Callable[[int, str], AbstractContextManager[Callable[[str], None]]]

HEATMAP = "groupe-ecarts"  # .png and .svg
SUMMARY = "groupe-synthese.csv"


def check_report(output: str | os.PathLike[str], kind: ReportKind, force: bool) -> None:
    """Fail now (exit 3) if the report, or the map beside a Markdown one, cannot be written."""
    check_writable(output, force=force)
    if kind == "markdown":
        check_writable(Path(output).with_suffix(".map.svg"), force=force)


def write_report(
    result: Report,
    output: str | os.PathLike[str],
    kind: ReportKind,
    lang: Lang,
    force: bool,
    maps: MapCache | None = None,
) -> None:
    """Draw the report's map (once per neighbourhood with ``maps``) and write the report; a
    Markdown report gets its map beside it, FILE.map.svg."""
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
        return
    map_path = Path(output).with_suffix(".map.svg")
    write_atomic(map_path, svg, force=force)
    write_atomic(output, render_report_markdown(result, lang, map_file=map_path.name), force=force)


def output_folder(path: str | os.PathLike[str]) -> Path:
    """The output folder, created if missing; one clear error when it cannot be used."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{folder}: folder cannot be created ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{folder}: folder is not writable")
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

    @property
    def suffix(self) -> str:
        return ".html" if self.kind == "html" else ".md"

    def report(self, slug: str) -> Path:
        return self.path / f"{slug}{self.suffix}"


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
    say: Callable[[str], None] = _quiet,
    warn: Callable[[str], None] = _quiet,
    progress: Progress = _no_progress,
) -> WorkshopResult:
    """The workshop of the group at ``group`` (a CSV file or a folder of profiles), written in
    ``output_dir``: each person's report, aiming at ``target`` (a job name) or at their best
    match, the group's map of gaps and the summary. A person who cannot be read is warned
    about and kept in the summary; once the others are written, that is an ``InputError``."""
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
    out = _Folder(
        output_folder(output_dir), "html" if fmt == ReportFormat.html else "markdown", lang, force
    )
    _check_workshop(out, [out.report(s) for m, s in zip(grp.members, slugs) if m.profile])
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
        where = ", ".join(p.source or p.name for p in bad)
        good = len(people) - len(bad)
        raise InputError(
            f"{group}: {len(bad)} of {len(people)} people could not be read "
            f"({where}); "
            + (
                f"the {good} other(s) are written in {out.path}"
                if good
                else "nothing but the summary is written"
            )
        )
    return result


def _check_workshop(out: _Folder, reports: list[Path]) -> None:
    """Fail now if any file of the workshop cannot be written."""
    for path in [
        *reports,
        out.path / f"{HEATMAP}.png",
        out.path / f"{HEATMAP}.svg",
        out.path / SUMMARY,
    ]:
        check_writable(path, force=out.force)
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
        write_report(person.report, out.report(slug), out.kind, out.lang, out.force, maps)
    return person


def _write_group_files(result: WorkshopResult, out: _Folder) -> None:
    """The map of the group's gaps (when someone could be read) and the summary."""
    from .render.workshop import render_summary_csv

    if result.columns:
        from .render.heatmap import render_heatmap_png, render_heatmap_svg

        write_atomic(
            out.path / f"{HEATMAP}.png", render_heatmap_png(result, out.lang), force=out.force
        )
        write_atomic(
            out.path / f"{HEATMAP}.svg", render_heatmap_svg(result, out.lang), force=out.force
        )
    write_atomic(out.path / SUMMARY, render_summary_csv(result, out.suffix), force=out.force)


def _say_done(
    result: WorkshopResult, out: _Folder, say: Callable[[str], None], warn: Callable[[str], None]
) -> None:
    """Who was left partly unassessed, and what was written where."""
    missing = [f"{p.name} ({len(p.unassessed)})" for p in result.people if p.unassessed]
    if missing:
        warn(t("ws_unassessed", out.lang).format(people=", ".join(missing)))
    if result.columns:
        say(
            t("ws_done", out.lang).format(
                n=len(result.columns),
                dir=out.path,
                summary=out.path / SUMMARY,
                heatmap=out.path / f"{HEATMAP}.png",
            )
        )
    else:
        say(t("ws_done_none", out.lang).format(summary=out.path / SUMMARY))
