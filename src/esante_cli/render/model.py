"""Sections of the model results: the calibration and the validation table."""

from __future__ import annotations

from typing import Any

from ..i18n import Lang, t
from ..results.model import Calibration, ModelCheck
from .sections import Section, footnotes, mark, num, pct, to_sections


def _band(band: str, lang: Lang, human: bool) -> str:
    return t(f"band_{band}", lang) if human else band


@to_sections.register
def _(result: Calibration, lang: Lang, human: bool, **_: Any) -> list[Section]:
    keys = ["kind", "from", "to", "coverage", "band", "move", "cost", "provenance"]
    columns = [
        t("ref_kind", lang),
        t("from", lang),
        t("to", lang),
        t("coverage", lang),
        t("band", lang),
        t("move_col", lang),
        t("cost", lang),
        t("provenance", lang),
    ]
    sec = Section("references", t("calibration_title", lang), keys, columns, primary=True)
    provs: set[str | None] = set()
    for r in result.moves:
        provs.add(r.provenance)
        names = (
            (result.titles.get(r.source, r.source), result.titles.get(r.target, r.target))
            if human
            else (r.source, r.target)
        )
        sec.rows.append(
            [
                t(f"ref_{r.kind}", lang) if human else r.kind,
                *names,
                mark(pct(r.coverage), r.provenance, True) if human else r.coverage,
                _band(r.band, lang, human),
                t(f"move_{r.move}", lang) if human else r.move,
                mark(num(r.cost), r.provenance, True) if human else r.cost,
                r.provenance,
            ]
        )
    if human:
        sec.keys, sec.columns = sec.keys[:-1], sec.columns[:-1]
        sec.rows = [row[:-1] for row in sec.rows]
        sec.notes.append(
            t("calibration_note", lang).format(
                refs=result.references,
                mean=pct(result.mean),
                sd=num(result.sd, digits=3),
                proche=pct(result.proche),
                accessible=pct(result.accessible),
                closer=result.in_closer_bands,
                count=result.count,
            )
        )
        sec.notes += footnotes(provs, lang)
    return [sec]


@to_sections.register
def _(result: ModelCheck, lang: Lang, human: bool, **_: Any) -> list[Section]:
    keys = [
        "kind",
        "from",
        "to",
        "coverage",
        "band",
        "move",
        "rank",
        "of",
        "stability",
        "band_left_out",
    ]
    columns = [
        t("ref_kind", lang),
        t("from", lang),
        t("to", lang),
        t("coverage", lang),
        t("band", lang),
        t("move_col", lang),
        t("check_rank", lang),
        "",
        t("stability", lang),
        t("band_left_out", lang),
    ]
    sec = Section("check", t("check_title", lang), keys, columns, primary=True)
    for r in result.moves:
        stab: Any = r.stability
        if human:
            stab = pct(r.stability) if r.stability is not None else "—"
        names = (
            (result.titles.get(r.source, r.source), result.titles.get(r.target, r.target))
            if human
            else (r.source, r.target)
        )
        sec.rows.append(
            [
                t(f"ref_{r.kind}", lang) if human else r.kind,
                *names,
                pct(r.coverage) if human else r.coverage,
                _band(r.band, lang, human),
                t(f"move_{r.move}", lang) if human else r.move,
                f"{r.rank} / {r.of}" if human else r.rank,
                "" if human else r.of,
                stab,
                _band(r.band_left_out, lang, human),
            ]
        )
    if not human:
        return [sec]
    sec.keys = [k for k in sec.keys if k != "of"]
    sec.columns = [c for k, c in zip(keys, columns) if k != "of"]
    sec.rows = [row[:7] + row[8:] for row in sec.rows]
    for kind, (closer, count) in sorted(result.by_kind.items()):
        sec.notes.append(
            t("check_kind", lang).format(kind=t(f"ref_{kind}", lang), closer=closer, count=count)
        )
    sec.notes.append(
        t("check_left_out", lang).format(closer=result.left_out_closer, count=len(result.moves))
    )
    sec.notes.append(t("check_rank_note", lang))
    s = result.stability
    figures = Section(
        "stability",
        t("check_stability_title", lang),
        ["figure", "value"],
        [t("figure", lang), t("value", lang)],
    )
    figures.rows.append([t("check_estimated", lang), f"{s.estimated_levels} / {s.levels}"])
    figures.rows.append(
        [
            t("check_draws", lang).format(share=pct(s.share)),
            f"{s.draws} ({t('seed', lang)} {s.seed})",
        ]
    )
    figures.rows.append(
        [t("check_top3", lang), pct(s.top3_kept) if s.top3_kept is not None else "—"]
    )
    figures.rows.append(
        [
            t("check_single", lang).format(n=s.single_changes),
            pct(s.single_changes_top3) if s.single_changes_top3 is not None else "—",
        ]
    )
    return [sec, figures]
