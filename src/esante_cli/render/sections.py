"""Results as plain sections (title, columns, rows, notes), shared by CSV, Markdown and tables:
the section, the cells every view writes alike, and ``to_sections``, on which each view module
(``card``, ``mobility``, ``people``, ``model``, ``mapdraw``) registers its results' views.

``human=True`` (tables, Markdown) marks values that are not facts of the card (``*`` for an
estimate, ``†`` for an inference) and adds the footnote; ``human=False`` (CSV) keeps raw values
and relies on the provenance columns.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from ..i18n import Lang, number, percent, t, tn
from ..language import colon
from .about import fitting

if TYPE_CHECKING:
    from ..results.mobility import KeptLevel

MARKS = {
    "estimate": "*",
    "guess": "*",
    "inferred": "†",
    "third-party": "",
    "found": "",
    "card": "",
    "user": "",
}


@dataclass
class Section:
    key: str
    title: str
    keys: list[str]  # machine column names (CSV header)
    columns: list[str]  # human column names
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    prose: bool = False  # rows are (heading, paragraph) pairs
    primary: bool = False  # the table CSV writes


def plain(x: float) -> str:
    """A number for programs (CSV), whatever the language: 3.0 -> '3', 2.875 -> '2.875'."""
    return f"{x:.3f}".rstrip("0").rstrip(".")


def num(x: float, lang: Lang | None = None, *, digits: int = 1) -> str:
    """A cost as a participant reads it, in the language's decimals (the current language
    when None): 6.875 -> '6,9' in French, '6.9' in English, 3.0 -> '3'; ``digits=3`` for the
    terms of a formula, which must add up."""
    return number(x, lang, digits=digits)


def pct(share: float, lang: Lang | None = None) -> str:
    """A share held in thousandths, as a whole percentage rounded half up: 0.745 -> '75 %'
    (French), '75%' (English)."""
    return percent((round(share * 1000) + 5) // 10, lang)


def ranked_pcts(shares: list[float], lang: Lang | None = None) -> list[str]:
    """The shares of a ranking as :func:`pct` writes them, with one decimal where two different
    shares would read the same: jobs ranked on 0.613 and 0.607 show '61,3 %' and '60,7 %', not
    '61 %' twice in an order the reader cannot see (equal shares stay whole)."""
    whole = [pct(x, lang) for x in shares]
    seen: dict[str, set[float]] = {}
    for x, w in zip(shares, whole):
        seen.setdefault(w, set()).add(round(x, 3))
    return [
        percent(round(x * 1000) / 10, lang, digits=1) if len(seen[w]) > 1 else w
        for x, w in zip(shares, whole)
    ]


def limit_pct(share: float, lang: Lang | None = None) -> str:
    """A band's limit, exact to the thousandth: 0.716 -> '71,6 %', 0.5 -> '50 %' (a share
    shown as '56 %' must not look above a limit of 56.1 %)."""
    return percent(round(share * 100, 1), lang, digits=1)


def stability_cell(
    stability: float | None, span: list[float] | None, fragile: float, lang: Lang | None = None
) -> str:
    """'62 % [7,2–9,1]', marked ‡ when fragile; '' when no draws were made."""
    if stability is None:
        return ""
    return stability_share(stability, fragile, lang) + span_text(span, lang)


def stability_share(stability: float, fragile: float, lang: Lang | None = None) -> str:
    """'62 %', marked ‡ when fragile (0.495 is fragile: '49,5 %‡', not '50 %‡')."""
    shown = pct(stability, lang)
    if stability < fragile and pct(fragile, lang) == shown:
        shown = percent(round(stability * 1000) / 10, lang, digits=1)
    return shown + ("‡" if stability < fragile else "")


def span_text(span: list[float] | None, lang: Lang | None = None) -> str:
    """' [7,2–9,1]', the efforts drawn at random (one decimal says all it can); '' without."""
    return f" [{num(span[0], lang)}–{num(span[1], lang)}]" if span else ""


def stability_notes(
    stabilities: list[float | None], model: Any, draws: int, seed: int, lang: Lang
) -> list[str]:
    """The notes that explain a stability column (and its ‡, when a value carries it)."""
    if not draws or all(x is None for x in stabilities):
        return []
    notes = [t("stability_note", lang).format(draws=draws, seed=seed)]
    fragile = model.uncertainty.fragile
    if any(x is not None and x < fragile for x in stabilities):
        notes.append(
            t("fragile_mark", lang).format(share=round(fragile * 100), draws=draws, seed=seed)
        )
    return notes


def provenance(value: str | None, lang: Lang, human: bool) -> str | None:
    """A provenance (or a code's status) in the view's words ('fiche', 'source tierce'); the
    value itself for programs (CSV)."""
    if not human or not value:
        return value
    return t(f"prov_{value}", lang)


def gap_total(gap: Any, lang: Lang) -> str:
    """The line that sums up a gap (a ``GapResult``): levels to climb, largest jump, blocking
    competences, the share held and the effort, marked when they rest on estimates."""
    return t("gap_total", lang).format(
        levels=tn("n_levels", gap.total_levels, lang),
        competences=tn("n_competences", gap.to_raise, lang),
        jump=gap.max_jump,
        blocking=gap.blocking,
        cost=mark(num(gap.transition.cost), gap.provenance, True),
        band=t(f"band_{gap.band}", lang),
        held=mark(pct(gap.transition.coverage), gap.provenance, True),
        move=t(f"move_{gap.transition.move}", lang),
    )


def learn_head(item: Any, lang: Lang) -> str:
    """'Développer des technologies de santé : 1 → 4': a competence to learn, from where to where."""
    return f"{item.label}{colon(lang)}{item.current or 0} → {item.required}"


def learn_lines(item: Any, lang: Lang) -> list[str]:
    """What the target's source says of a competence to learn (a gap item): its concrete
    example, then the topics it names (marked when their link to it is an estimate)."""
    lines = []
    if item.example:
        lines.append(t("learn_example", lang).format(colon=colon(lang), example=item.example))
    if item.topics:
        topics = ", ".join(item.topics) + MARKS.get(item.topics_provenance or "card", "")
        lines.append(t("learn_topics", lang).format(colon=colon(lang), topics=topics))
    return lines


def drop_columns(section: Section, *keys: str) -> Section:
    """Remove columns from a human view (ids, provenance words: titles and marks say it)."""
    keep = [i for i, k in enumerate(section.keys) if k not in keys]
    section.keys = [section.keys[i] for i in keep]
    section.columns = [section.columns[i] for i in keep]
    section.rows = [[row[i] for i in keep] for row in section.rows]
    return section


def mark(value: Any, provenance: str | None, human: bool) -> Any:
    """``3`` -> ``3*`` for an estimate in human formats; ``None`` -> ``—``."""
    if not human:
        return value
    if value is None:
        return "—"
    return f"{value}{MARKS.get(provenance or 'card', '')}"


def kept_line(x: KeptLevel, lang: Lang) -> str:
    """A level the route carries along, each level marked by where it comes from: 'Gérer et
    exploiter des données massives : 3* (le métier en demande 2*)'."""
    return t("kept_line", lang).format(
        label=x.label,
        level=mark(x.level, x.provenance, True),
        required=mark(x.required, x.required_provenance, True),
    )


def footnotes(
    provenances: AbstractSet[str | None], lang: Lang, *, null: bool = False, report: bool = False
) -> list[str]:
    """The footnotes of the marks ``provenances`` print; a ``report`` (read by the people it is
    about) names no command of the tool."""
    notes = []
    if provenances & {"estimate", "guess"}:
        notes.append(fitting("mark_estimate_report" if report else "mark_estimate", lang))
    if "inferred" in provenances:
        notes.append(fitting("mark_inferred", lang))
    if null:
        notes.append(t("mark_null", lang))
    return notes


# the column words of a key that is not itself a key of the words
_COLUMN_WORDS = {"side": "direction", "move": "move_col", "declared_provenance": "provenance"}


def cols(lang: Lang, *keys: str) -> tuple[list[str], list[str]]:
    """The keys of a table and their column words in ``lang``."""
    return list(keys), [t(_COLUMN_WORDS.get(k, k), lang) for k in keys]


@singledispatch
def to_sections(result: Any, lang: Lang, human: bool, **opts: Any) -> list[Section]:
    """The sections of ``result``, by the view its module registers (see :mod:`.views`, which
    imports the view module of each kind of result)."""
    raise TypeError(f"no tabular view for {type(result).__name__}")
