"""What the data in use is, so that the notes under a view say what is true of it.

The bundled dataset is one OPIIEC card and its neighbours: its notes speak of "the card" (the
11 competences of the Spécialiste e-santé card, bands calibrated on the card's moves, a
placement inferred from the card's chart, marked †). An imported taxonomy (ESCO, a
counsellor's spreadsheets) is none of that: its notes name the dataset, its competences and
its model instead. The command line installs a provider of :class:`About` for the time of a
command (:func:`describing`); a renderer asks :func:`fitting` for the words of a note. Without
a provider (the library's own ``render``), the notes are the card's, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the words are read only when a note is written (JSON writes none)
    from ..i18n import Lang

# The notes that speak of the card, each with a variant for other data (key + "_data").
FITTED = frozenset(
    {
        "closeness_note",
        "match_note",
        "mark_estimate",
        "mark_estimate_report",
        "mark_inferred",
        "objective_note",
        "map_legend_rings",
        "map_legend_inferred",
        "map_legend_estimate",
        "report_limits",
        "person_levels_note",
    }
)


class About:
    """The data a command answers from: whether it holds the OPIIEC card (and the card's
    moves), its title, how many competences carry levels, and the model's name. (A plain
    class: this module is imported by every command, and a dataclass costs a millisecond.)"""

    __slots__ = ("card", "card_bands", "levelled", "model", "title")

    def __init__(self, *, card: bool, card_bands: bool, title: str, levelled: int, model: str):
        self.card = card  # a job of the data has its full OPIIEC card
        self.card_bands = card_bands  # the model's bands are calibrated on the card's moves
        self.title = title
        self.levelled = levelled
        self.model = model


def describe(dataset: Any, model: Any) -> About:
    """The :class:`About` of a dataset (a :class:`~esante_cli.dataset.Dataset`) and a model."""
    from ..costmodel import DEFAULT_MODEL

    return About(
        card=any(job.card is not None for job in dataset.metier.jobs),
        card_bands=model.calibration == DEFAULT_MODEL.calibration,
        title=dataset.metier.dataset.title or dataset.version,
        levelled=len(dataset.levelled_competences),
        model=model.name,
    )


_PROVIDER: ContextVar[Callable[[], About | None] | None] = ContextVar("esante_about", default=None)


@contextmanager
def describing(provider: Callable[[], About | None]) -> Iterator[None]:
    """Within the block, the notes fit the data ``provider`` describes (called when a note is
    written: the data may be read after the block starts)."""
    token = _PROVIDER.set(provider)
    try:
        yield
    finally:
        _PROVIDER.reset(token)


def about() -> About | None:
    """The data in use, when the command line said which (else None)."""
    provider = _PROVIDER.get()
    return provider() if provider is not None else None


def fitting(key: str, lang: Lang | str | None = None) -> str:
    """The words of note ``key`` for the data in use: the card's note when the data hold the
    card (or nobody said), else its variant naming the dataset, its competences and model."""
    from ..i18n import t

    found = about()
    if key not in FITTED or found is None or (found.card and found.card_bands):
        return t(key, lang)
    if found.card and key not in ("closeness_note", "map_legend_rings"):
        return t(key, lang)  # only the bands differ from the card's: the other notes hold
    text = t(key + "_data", lang)  # other placeholders ({objective}) are the caller's to fill
    for name, value in (("title", found.title), ("n", str(found.levelled)), ("model", found.model)):
        text = text.replace("{" + name + "}", value)
    return text
