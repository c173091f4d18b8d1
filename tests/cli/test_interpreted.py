"""A job or competence name matched loosely ("devops", a typo) is taken only when it points
to one entry, and one line on stderr says how it was understood; exact names say nothing."""

from __future__ import annotations

import json

import pytest

from esante_cli.batch import run_batch

from .helpers import ok


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("show", "devops", "--section", "header"),
            "esante : « devops » interprété comme Spécialiste DevOps (specialiste-devops)",
        ),
        (
            ("show", "datta scientist", "--section", "header"),
            "esante : « datta scientist » interprété comme Data Scientist (data-scientist)",
        ),
        (
            ("compare", "data-engineer", "Chef de projet"),
            "esante : « Chef de projet » interprété comme Spécialiste e-santé "
            "(specialiste-e-sante)",
        ),
        (
            ("competence", "risque"),
            "esante : « risque » interprété comme Analyser et gérer les risques (risques)",
        ),
    ],
    ids=["words", "typo", "other-title-words", "competence"],
)
def test_a_loose_name_is_taken_with_one_line_on_stderr(invoke, args, line):
    """The command answers (exit 0) and stderr holds exactly the one notice."""
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    assert result.stderr.splitlines() == [line]


@pytest.mark.parametrize(
    "name",
    [
        "specialiste-devops",
        "Spécialiste DevOps",
        "SPECIALISTE DEVOPS",
        "Chef de projet e-santé",
        "Digital health Engineer",
    ],
)
def test_an_exact_name_says_nothing(invoke, name):
    """An id, a title or an other title, in any case: nothing on stderr."""
    ok(invoke("show", name, "--section", "header", "--format", "json"))


def test_the_notice_is_said_once_per_name_and_in_english(invoke):
    """The same loose name twice in a command is said once; --lang en says it in English."""
    result = invoke("--lang", "en", "compare", "devops", "data-scientist", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "esante: 'devops' taken as Spécialiste DevOps (specialiste-devops)"
    ]


def test_unknown_and_ambiguous_names_still_exit_4_with_titles_and_ids(invoke):
    """A name too far from any job, or matching several, exits 4; jobs shown as Title (id)."""
    unknown = invoke("show", "data scientifique")
    assert unknown.exit_code == 4
    assert (
        "esante : erreur : métier inconnu « data scientifique » ; vouliez-vous dire : Data "
        "Scientist (data-scientist), "
    ) in unknown.stderr
    ambiguous = invoke("show", "data")
    assert ambiguous.exit_code == 4
    assert ambiguous.stderr.splitlines() == [
        "esante : erreur : métier ambigu « data » : il désigne Data Engineer (data-engineer), "
        "Data Scientist (data-scientist)"
    ]


def test_batch_puts_the_interpretation_in_the_answer():
    """esante batch: a result line holds 'interpreted' only when a name was matched loosely;
    the result itself is unchanged."""
    lines = [
        json.dumps({"query": "show", "job": "devops", "section": "header"}),
        json.dumps({"query": "show", "job": "specialiste-devops", "section": "header"}),
        json.dumps({"query": "competence", "name": "risque"}),
    ]
    loose, exact, competence = (json.loads(x) for x in run_batch(lines))
    assert loose["interpreted"] == [
        {
            "given": "devops",
            "id": "specialiste-devops",
            "kind": "job",
            "title": "Spécialiste DevOps",
        }
    ]
    assert "interpreted" not in exact
    assert loose["result"] == exact["result"]
    assert competence["interpreted"] == [
        {
            "given": "risque",
            "id": "risques",
            "kind": "competence",
            "title": "Analyser et gérer les risques",
        }
    ]
    assert list(loose) == ["interpreted", "line", "result"]  # keys sorted, as elsewhere
