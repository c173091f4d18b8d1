"""The shared pieces of every input's validation: one "did you mean", one place that names a
problem's file, line and field, and pydantic's errors in plain words."""

from __future__ import annotations

import difflib
import random
import time
from typing import Annotated

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from esante_cli.errors import UnknownNameError
from esante_cli.language import using
from esante_cli.names import Entry, Resolver
from esante_cli.validation import Problem, Source, did_you_mean, invalid, problems, show, suggest


@pytest.fixture(autouse=True)
def _english():
    """The mechanism's words are pinned in English here (``--lang en``); French, the default,
    is the source the catalogue translates, and the commands' tests pin it."""
    with using("en"):
        yield


# -- suggest -----------------------------------------------------------------------------------


def test_suggest_gives_the_nearest_first_above_the_cutoff():
    """The nearest names first, none below the cutoff, n at most (None: all)."""
    names = ["climb", "max_jump", "unused", "hop_penalty"]
    assert suggest("climbs", names) == ["climb"]
    assert suggest("zzzz", names) == []
    assert suggest("clmb", names, n=None, cutoff=0.1)[0] == "climb"
    assert len(suggest("u", names, n=2, cutoff=0.0)) == 2


def test_suggest_breaks_ties_alphabetically():
    """Names equally near come in alphabetical order, whatever their order in the list."""
    assert suggest("abc", ["abd", "abe", "aba"], n=None) == ["aba", "abd", "abe"]
    assert suggest("abc", ["abe", "abd", "aba"], n=2) == ["aba", "abd"]


def test_suggest_by_keys_names_each_entry_once_by_its_nearest_name():
    """With keys, an entry with several names is named once, ranked by its nearest name."""
    names = ["data scientist", "datascientist", "data engineer", "statisticien"]
    keys = ["ds", "ds", "de", "ds"]
    assert suggest("data scientst", names, keys=keys, n=None, cutoff=0.4) == ["ds", "de"]


def test_suggest_keeps_a_name_exactly_at_the_cutoff():
    """The cutoff is inclusive: 'abcd' and 'abef' are 0.5 similar (2 * 2 / 8)."""
    assert suggest("abcd", ["abef"], cutoff=0.5) == ["abef"]
    assert suggest("abcd", ["abef"], cutoff=0.51) == []


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("datta scientist", "data scientist"),
        ("risque", "risques"),
        ("climbs", "climb"),
        ("architecet", "architecte"),
    ],
)
def test_similarity_is_difflibs_ratio_where_difflib_finds_the_common_letters(word, name):
    """On typos the similarity is difflib's ratio (2 * common / total)."""
    ratio = difflib.SequenceMatcher(None, name, word).ratio()
    assert suggest(word, [name], cutoff=ratio) == [name]
    assert suggest(word, [name], cutoff=ratio + 1e-6) == []


def test_a_miss_among_13900_names_takes_milliseconds():
    """An unknown name among 13,900 (ESCO's skills) is answered, suggestions included, well
    under a second (difflib took about one)."""
    rng = random.Random(0)
    words = [
        "gérer",
        "analyser",
        "données",
        "réseau",
        "santé",
        "équipe",
        "budget",
        "logiciels",
        "capteurs",
        "contrats",
        "archives",
        "patients",
        "sécurité",
        "qualité",
        "projets",
    ]
    entries = [
        Entry(f"skill-{i}", " ".join(rng.choice(words) for _ in range(5))) for i in range(13_900)
    ]
    resolver = Resolver(entries, "competence")
    start = time.perf_counter()
    with pytest.raises(UnknownNameError) as info:
        resolver.lookup("gérer des donées de santé xq")
    assert time.perf_counter() - start < 0.3
    assert len(info.value.candidates) == 3


# -- did you mean --------------------------------------------------------------------------------


def test_did_you_mean_prefers_a_synonym_then_the_nearest_then_lists_the_known():
    """A synonym (the French word for a field) first, else the nearest name, else the list."""
    known = ["name", "current_job", "competences", "notes"]
    assert did_you_mean("nom", known, synonyms={"nom": "name"}) == " (did you mean 'name'?)"
    assert did_you_mean("notse", known) == " (did you mean 'notes'?)"
    assert did_you_mean("zzz", known) == " (known: name, current_job, competences, notes)"
    assert did_you_mean("zzz", known, list_known=False) == ""


# -- where a problem is ------------------------------------------------------------------------


def test_a_field_gets_its_own_line_or_the_nearest_enclosing_one():
    """The line of the field itself, else of the nearest field that holds it."""
    src = Source("p.yaml", lines={(): 1, ("competences",): 2, ("competences", "alpha"): 3})
    assert src.where(("competences", "alpha", "level")) == "p.yaml: line 3: competences.alpha.level"
    assert src.where(("competences", "alpha")) == "p.yaml: line 3: competences.alpha"
    assert src.where(()) == "p.yaml: line 1: (root)"
    assert src.where(("notes",)) == "p.yaml: notes"


def test_a_csv_row_names_its_line_and_column():
    """A CSV row: every field on its line; the row itself has no field name."""
    row = Source("niveaux.csv", line=7, root=None)
    assert row.describe(Problem(("niveau",), "bad")) == "niveaux.csv: line 7: niveau: bad"
    assert row.describe(Problem((), "bad")) == "niveaux.csv: line 7: bad"


def test_list_items_are_named_by_their_id_beyond_the_top_level():
    """jobs[3] by index, its competences by id, as the data files' problems say."""
    raw = {"jobs": [{"id": "a", "competences": [{"id": "risques"}]}]}
    src = Source("metier.json", raw=raw)
    assert src.field(("jobs", 0, "competences", 0, "expected_level")) == (
        "jobs[0].competences[risques].expected_level"
    )


def test_problems_are_put_in_the_order_of_the_file():
    """By line; problems on one line keep their order."""
    src = Source("p.yaml", lines={("a",): 3, ("b",): 1})
    found = [Problem(("a",), "x"), Problem(("b",), "y"), Problem(("b",), "z")]
    assert [p.message for p in src.in_order(found)] == ["y", "z", "x"]


# -- pydantic's errors in plain words ----------------------------------------------------------


class _Inner(BaseModel):
    model_config = ConfigDict(extra="forbid")
    climb: float = Field(1.0, ge=0)
    jumps: int = Field(2, ge=1, le=4)


class _Outer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, Field(min_length=1)] = "x"
    weights: _Inner = _Inner()
    first: int = 0
    last: int = 0

    @model_validator(mode="after")
    def _ordered(self) -> _Outer:
        if self.last < self.first:
            raise invalid("must not come before 'first'", at="last")
        return self


def _words(raw: object, **kwargs: object) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as info:
        _Outer.model_validate(raw)
    return [(p.loc, p.message) for p in problems(info.value, model=_Outer, **kwargs)]


def test_bounds_read_as_written_and_values_as_written():
    """'ge=0' of a float field reads '≥ 0', not '≥ 0.0'; the value is shown as written."""
    assert _words({"weights": {"climb": -1.5}}) == [(("weights", "climb"), "must be ≥ 0, got -1.5")]
    assert _words({"weights": {"jumps": 9}}) == [(("weights", "jumps"), "must be ≤ 4, got 9")]


def test_an_unknown_field_is_compared_with_the_fields_of_its_own_model():
    """A nested unknown field suggests the nearest field of the nested model."""
    assert _words({"weights": {"climbs": 1}}) == [
        (("weights", "climbs"), "unknown field (did you mean 'climb'?)")
    ]
    assert _words({"zzz": 1}) == [(("zzz",), "unknown field (known: name, weights, first, last)")]


def test_an_inputs_own_words_replace_the_common_ones():
    """``phrases`` gives an input's own words for an error type."""
    assert _words({"weights": 3}, phrases={"model_type": "must be a table"}) == [
        (("weights",), "must be a table")
    ]
    assert _words({"weights": 3}) == [(("weights",), "must be a mapping, got 3")]


def test_a_models_own_check_names_its_field():
    """A check of the whole model says which field it is about (``invalid(..., at=)``)."""
    assert _words({"first": 2, "last": 1}) == [(("last",), "must not come before 'first'")]


def test_texts_and_types_in_plain_words():
    """An empty or mistyped text, a whole number given as text: plain words and the value."""
    assert _words({"name": ""}) == [(("name",), "must be a non-empty text, got ''")]
    assert _words({"name": 5}) == [(("name",), "must be a text, got 5")]
    assert _words({"first": "one"}) == [(("first",), "must be a whole number, got 'one'")]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "true"),
        (None, "null"),
        (2.5, "2.5"),
        ("3", "'3'"),
        ({}, "a mapping"),
        ([1], "a list"),
    ],
)
def test_values_are_shown_as_a_file_writes_them(value, shown):
    """true/false and null as YAML and JSON write them, texts quoted, containers by kind."""
    assert show(value) == shown
