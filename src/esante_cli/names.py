"""Turning what a user types into a job or competence id, without guessing wrong.

Names are compared after folding (:func:`fold`: case, accents, hyphens, punctuation and spacing
ignored), in tiers; the first tier that matches anything decides:

1. an id; 2. a title (a competence's label); 3. an other title (French or English).
   One entry: that is the answer. Several: the name is ambiguous and every candidate is listed
   ("Title (id)"). So a title is never made ambiguous by another entry's other title.
4. Loose matching, used only when it finds one entry and that entry is close:
   - the name's words all appear in one of the entry's names ("devops" -> "Spécialiste
     DevOps"), covering at least half of that name's meaningful words (not "de", "et"...);
     several entries whose names hold the words make the name ambiguous;
   - otherwise a typo: one entry alone has a name nearly equal to it ("data scientst").

A loose match is an interpretation: :meth:`Resolver.lookup` says how a name was resolved
(:class:`Resolution`), and :meth:`Resolver.resolve` hands every loose match to the callback
installed with :func:`report_interpretations`, so that the command line can say
"« devops » interprété comme Spécialiste DevOps (specialiste-devops)" and ``esante batch`` can
put it in its answer. :meth:`Resolver.find_exact` uses the first three tiers only (a profile's
``current_job``). Otherwise the three nearest names are suggested, with their ids.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .errors import UnknownNameError
from .interpreting import REPORT, report_interpretations
from .language import _

__all__ = [
    "Entry",
    "Resolution",
    "Resolver",
    "competence_resolver",
    "fold",
    "job_resolver",
    "lookup_competence",
    "lookup_job",
    "report_interpretations",
    "resolve_competence",
    "resolve_job",
    "slugify",
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes of a command line that were not UTF-8

Tier = Literal["id", "title", "other_title", "words", "typo"]
EXACT_TIERS: tuple[Tier, ...] = ("id", "title", "other_title")

# Words that say nothing of which job is meant: a name made only of them matches no words, and
# they do not count in how much of an entry's name a loose match covers.
STOP_WORDS = frozenset(
    {
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "s",
        "sa",
        "ses",
        "son",
        "un",
        "une",
        "and",
        "for",
        "in",
        "of",
        "or",
        "the",
        "to",
    }
)
WORDS_COVERAGE = 0.5  # share of an entry's meaningful words a word match must name
TYPO_SIMILARITY = 0.85  # similarity (see validation.suggest) from which a name is a typo
TYPO_MIN_LENGTH = 4  # shorter names are too short to tell a typo from another word
SUGGEST_SIMILARITY = 0.5  # below this, a name is too far to be suggested ("astronaute" and
# "Spécialiste e-santé" are 0.41 alike: no suggestion beats a senseless one)


# letters NFKD does not take apart: 'Dubœuf' is 'duboeuf', not 'dubuf'
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: 'Spécialiste e-santé' -> 'specialiste e sante'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def slugify(text: str) -> str:
    """The id form of a title: 'UX - UI Designer' -> 'ux-ui-designer'."""
    return fold(text).replace(" ", "-")


def _key(folded: str) -> str:
    # 'UX/UI designer', 'ux ui designer' and 'uxui designer' are the same name
    return folded.replace(" ", "")


@dataclass(frozen=True)
class Entry:
    """Something a name can designate: its id, its title (a competence's label) and its other
    titles, as written."""

    id: str
    title: str
    other_titles: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, self.title, *self.other_titles)


@dataclass(frozen=True)
class Resolution:
    """How a typed name was understood: the entry it designates and the tier that matched
    (``exact`` for an id, a title or an other title; ``words`` or ``typo`` for a loose match)."""

    query: str  # as typed
    id: str
    title: str
    how: Tier
    kind: str  # "job" or "competence"

    @property
    def exact(self) -> bool:
        return self.how in EXACT_TIERS


# -- reporting loose matches -------------------------------------------------------------------

# (the listener lives in .interpreting: installed by every command without this module)


# -- the resolver ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    entry: str  # the entry's id
    meaningful: int  # how many of its words are not stop words


class Resolver:
    """Resolves names against a set of entries (jobs or competences)."""

    def __init__(self, entries: Iterable[Entry], kind: str):
        self.kind = kind  # "job" or "competence", for messages
        self.entries = sorted(entries, key=lambda e: e.id)
        self._by_id = {e.id: e for e in self.entries}
        self._tiers: dict[str, dict[str, set[str]]] = {t: {} for t in EXACT_TIERS}
        self._names: list[_Name] = []
        self._folded: list[str] = []  # each name folded, and its entry: what suggest() reads
        self._owners: list[str] = []
        self._postings: dict[str, set[int]] = {}  # word -> indexes in _names
        for e in self.entries:
            seen: set[str] = set()
            for tier, names in (
                ("id", (e.id,)),
                ("title", (e.title,)),
                ("other_title", e.other_titles),
            ):
                for name in names:
                    folded = fold(name)
                    if not folded:
                        continue
                    self._tiers[tier].setdefault(_key(folded), set()).add(e.id)
                    if folded in seen:
                        continue
                    seen.add(folded)
                    words = set(folded.split())
                    for word in words:
                        self._postings.setdefault(word, set()).add(len(self._names))
                    self._names.append(_Name(e.id, len(words - STOP_WORDS)))
                    self._folded.append(folded)
                    self._owners.append(e.id)

    # -- answers

    def resolve(self, query: str, *, loose: bool = True) -> str:
        """The id ``query`` designates; a loose match is reported (see
        :func:`report_interpretations`). Raises ``UnknownNameError`` when it designates
        nothing or several entries."""
        found = self.lookup(query, loose=loose)
        if not found.exact:
            report = REPORT.get()
            if report is not None:
                report(found)
        return found.id

    def lookup(self, query: str, *, loose: bool = True) -> Resolution:
        """How ``query`` resolves (nothing is reported). ``loose`` False: exact tiers only."""
        check_length(query, self.kind)
        folded = fold(query)
        if not folded:
            raise self._nothing_to_match(query)
        key = _key(folded)
        for tier in EXACT_TIERS:
            ids = self._tiers[tier].get(key)
            if ids and len(ids) == 1:
                return self._found(query, next(iter(ids)), tier)
            if ids:
                raise self._ambiguous(query, sorted(ids))
        if not loose:
            raise self._unknown(query)
        by_words = self._word_matches(folded)
        if len(by_words) > 1:
            raise self._ambiguous(query, sorted(by_words))
        if by_words:
            ((entry, coverage),) = by_words.items()
            if coverage >= WORDS_COVERAGE:
                return self._found(query, entry, "words")
        # two at most: one alone near enough is a typo, two are a reason to ask
        close = self._close(folded, 2, TYPO_SIMILARITY) if len(key) >= TYPO_MIN_LENGTH else []
        if len(close) == 1 and (not by_words or close[0] in by_words):
            return self._found(query, close[0], "typo")
        raise self._unknown(query, first=list(by_words))

    def find_exact(self, query: str) -> str | None:
        """The id ``query`` names exactly (id, title or other title), or None when it names
        nothing, or several entries, that way."""
        try:
            return self.lookup(query, loose=False).id
        except UnknownNameError:
            return None

    def suggest(self, query: str, n: int = 3, *, cutoff: float | None = None) -> list[str]:
        """The ids of the ``n`` entries whose names are nearest to ``query`` (at least
        ``cutoff`` similar; by default the cutoff of "did you mean")."""
        if len(query) > _max_name():
            return []
        return self._close(fold(query), n, SUGGEST_SIMILARITY if cutoff is None else cutoff)

    def describe(self, entry_id: str) -> str:
        """An entry as messages name it: 'Spécialiste DevOps (specialiste-devops)'."""
        e = self._by_id.get(entry_id)
        return f"{e.title} ({e.id})" if e is not None else entry_id

    # -- the tiers

    def _found(self, query: str, entry_id: str, how: Tier) -> Resolution:
        return Resolution(
            query=query, id=entry_id, title=self._by_id[entry_id].title, how=how, kind=self.kind
        )

    def _word_matches(self, folded: str) -> dict[str, float]:
        """Entries with a name holding every word of ``folded`` -> the best share of that
        name's meaningful words the query names (a query of stop words matches nothing)."""
        words = set(folded.split())
        meaningful = words - STOP_WORDS
        if not meaningful:
            return {}
        postings = sorted((self._postings.get(w, set()) for w in words), key=len)
        hits = set.intersection(*postings) if postings else set()
        out: dict[str, float] = {}
        for i in hits:
            name = self._names[i]
            coverage = len(meaningful) / name.meaningful if name.meaningful else 0.0
            out[name.entry] = max(out.get(name.entry, 0.0), coverage)
        return out

    def _close(self, folded: str, n: int | None, cutoff: float) -> list[str]:
        """The ids of the ``n`` entries with a name nearest to ``folded``, best first."""
        from .validation import suggest

        return suggest(folded, self._folded, keys=self._owners, n=n, cutoff=cutoff)

    def _unknown(self, query: str, *, first: Iterable[str] = ()) -> UnknownNameError:
        # the word matches first, then the nearest names: three at most
        suggestions = list(first)
        near = self._close(fold(query), 3 + len(suggestions), SUGGEST_SIMILARITY)
        suggestions = (suggestions + [i for i in near if i not in suggestions])[:3]
        hint = (
            _(" ; vouliez-vous dire : {names} ?").format(
                names=", ".join(self.describe(i) for i in suggestions)
            )
            if suggestions
            else ""
        )
        message = (
            _("métier inconnu « {query} »{hint}")
            if self.kind == "job"
            else _("compétence inconnue « {query} »{hint}")
        )
        return UnknownNameError(message.format(query=query, hint=hint), suggestions)

    def _nothing_to_match(self, query: str) -> UnknownNameError:
        """A name with no Latin letter or digit left once folded: empty, bytes that were not
        UTF-8 (decoded as lone surrogates), or another script; said as given, with why."""
        job = self.kind == "job"
        if not query.strip():
            return UnknownNameError(_("nom de métier vide") if job else _("nom de compétence vide"))
        if _UNDECODED.search(query):
            message = (
                _(
                    "métier inconnu « {query} » : ce nom n'est pas du texte UTF-8 (des octets "
                    "illisibles) ; donnez-le en UTF-8"
                )
                if job
                else _(
                    "compétence inconnue « {query} » : ce nom n'est pas du texte UTF-8 (des "
                    "octets illisibles) ; donnez-la en UTF-8"
                )
            )
        else:
            message = (
                _(
                    "métier inconnu « {query} » : aucune lettre latine ni chiffre ; les noms se "
                    "comparent en lettres latines sans accents (un id comme data-scientist, ou "
                    "un titre de la fiche)"
                )
                if job
                else _(
                    "compétence inconnue « {query} » : aucune lettre latine ni chiffre ; les "
                    "noms se comparent en lettres latines sans accents (un id ou un libellé "
                    "de la fiche)"
                )
            )
        return UnknownNameError(message.format(query=query))

    def _ambiguous(self, query: str, ids: list[str]) -> UnknownNameError:
        message = (
            _("métier ambigu « {query} » : il désigne {names}")
            if self.kind == "job"
            else _("compétence ambiguë « {query} » : elle désigne {names}")
        )
        return UnknownNameError(
            message.format(query=query, names=", ".join(self.describe(i) for i in ids)),
            ids,
            ambiguous=True,
        )


# -- the dataset's resolvers -------------------------------------------------------------------


def _max_name() -> int:
    from .limits import MAX_NAME

    return MAX_NAME


def check_length(name: str, kind: str) -> None:
    """Refuse at once a name longer than any title (matching 300 KB of text against every
    title would take a minute): ``UnknownNameError``, without the name."""
    from .limits import MAX_NAME

    if len(name) > MAX_NAME:
        message = (
            _("nom de métier trop long ({n} caractères ; au plus {limit})")
            if kind == "job"
            else _("nom de compétence trop long ({n} caractères ; au plus {limit})")
        )
        raise UnknownNameError(message.format(n=len(name), limit=MAX_NAME))


def job_resolver(dataset: object) -> Resolver:
    from .dataset import Dataset

    assert isinstance(dataset, Dataset)
    return dataset.memo("job_resolver", lambda: _job_resolver(dataset))


def _job_resolver(dataset: Any) -> Resolver:
    entries = []
    for job in dataset.jobs:
        others: list[str] = []
        if job.other_titles:
            others = job.other_titles.fr + job.other_titles.en
        entries.append(Entry(job.id, job.title, tuple(others)))
    return Resolver(entries, "job")


def competence_resolver(dataset: object) -> Resolver:
    from .dataset import Dataset

    assert isinstance(dataset, Dataset)
    return dataset.memo(
        "competence_resolver",
        lambda: Resolver((Entry(c.id, c.label) for c in dataset.competences), "competence"),
    )


def _by_id(dataset: Any, name: str, kind: str) -> Resolution | None:
    """An exact id, found without building the name index (0.3 s at the ESCO size)."""
    if kind == "job":
        job = dataset.jobs_by_id.get(name)
        return Resolution(name, name, job.title, "id", kind) if job is not None else None
    comp = dataset.competences_by_id.get(name)
    return Resolution(name, name, comp.label, "id", kind) if comp is not None else None


def resolve_job(dataset: object, name: str) -> str:
    """The id of the job ``name`` designates (see the module's doc; a loose match is reported
    to :func:`report_interpretations`)."""
    found = _by_id(dataset, name, "job")
    return found.id if found is not None else job_resolver(dataset).resolve(name)


def resolve_competence(dataset: object, name: str) -> str:
    found = _by_id(dataset, name, "competence")
    return found.id if found is not None else competence_resolver(dataset).resolve(name)


def lookup_job(dataset: object, name: str) -> Resolution:
    """How ``name`` resolves to a job: its id, title, and whether the match is exact."""
    return _by_id(dataset, name, "job") or job_resolver(dataset).lookup(name)


def lookup_competence(dataset: object, name: str) -> Resolution:
    return _by_id(dataset, name, "competence") or competence_resolver(dataset).lookup(name)
