"""Turning what a user types into a job or competence id.

A name matches an id, a title or any other title (French or English), ignoring case, accents,
hyphens, punctuation and spacing. When no name matches whole, a name whose words all appear in
exactly one entry's words resolves to it ("devops" -> "specialiste-devops"); several such
entries make the name ambiguous. Otherwise the three nearest names are suggested.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .errors import UnknownNameError

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: 'Spécialiste e-santé' -> 'specialiste e sante'."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def slugify(text: str) -> str:
    """The id form of a title: 'UX - UI Designer' -> 'ux-ui-designer'."""
    return fold(text).replace(" ", "-")


@dataclass(frozen=True)
class Entry:
    id: str
    names: tuple[str, ...]  # the id, the title and other titles, as written


class Resolver:
    """Resolves names against a set of entries (jobs or competences)."""

    def __init__(self, entries: Iterable[Entry], kind: str):
        self.kind = kind  # "job" or "competence", for messages
        self.entries = sorted(entries, key=lambda e: e.id)
        self._exact: dict[str, set[str]] = {}
        self._words: dict[str, frozenset[str]] = {}
        self._display: dict[str, str] = {}
        for e in self.entries:
            words: set[str] = set()
            for name in e.names:
                folded = fold(name)
                if not folded:
                    continue
                self._exact.setdefault(folded.replace(" ", ""), set()).add(e.id)
                self._display.setdefault(folded, name)
                words.update(folded.split())
            self._words[e.id] = frozenset(words)

    def resolve(self, query: str) -> str:
        folded = fold(query)
        if not folded:
            raise UnknownNameError(f"empty {self.kind} name")
        exact = self._exact.get(folded.replace(" ", ""))
        if exact and len(exact) == 1:
            return next(iter(exact))
        if exact:
            self._ambiguous(query, sorted(exact))
        wanted = set(folded.split())
        partial = sorted(i for i, words in self._words.items() if wanted <= words)
        if len(partial) == 1:
            return partial[0]
        if partial:
            self._ambiguous(query, partial)
        suggestions = self.suggest(query)
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise UnknownNameError(f"unknown {self.kind} '{query}'{hint}", suggestions)

    def suggest(self, query: str, n: int = 3) -> list[str]:
        """The ids of the ``n`` entries whose names are nearest to ``query``."""
        folded = fold(query)
        scores: dict[str, float] = {}
        for e in self.entries:
            best = 0.0
            for name in e.names:
                best = max(best, difflib.SequenceMatcher(None, folded, fold(name)).ratio())
            scores[e.id] = best
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        return [i for i in ranked[:n] if scores[i] >= 0.4]

    def _ambiguous(self, query: str, ids: list[str]) -> None:
        raise UnknownNameError(
            f"ambiguous {self.kind} '{query}': it matches {', '.join(ids)}", ids
        )


def job_resolver(dataset: object) -> Resolver:
    from .dataset import Dataset

    assert isinstance(dataset, Dataset)
    return dataset.memo("job_resolver", lambda: _job_resolver(dataset))


def _job_resolver(dataset: Any) -> Resolver:
    entries = []
    for job in dataset.jobs:
        names = [job.id, job.title]
        if job.other_titles:
            names += job.other_titles.fr + job.other_titles.en
        entries.append(Entry(job.id, tuple(names)))
    return Resolver(entries, "job")


def competence_resolver(dataset: object) -> Resolver:
    from .dataset import Dataset

    assert isinstance(dataset, Dataset)
    return dataset.memo("competence_resolver", lambda: Resolver(
        (Entry(c.id, (c.id, c.label)) for c in dataset.competences), "competence"))


def resolve_job(dataset: object, name: str) -> str:
    return job_resolver(dataset).resolve(name)


def resolve_competence(dataset: object, name: str) -> str:
    return competence_resolver(dataset).resolve(name)
