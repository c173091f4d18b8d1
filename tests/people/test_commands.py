"""The people commands through ``CliRunner``: formats, the JSON contract, --anonymous,
gap --profile and paths --profile, usage errors, privacy (no network, no copies)."""

from __future__ import annotations

import csv
import io
import json
import socket
from pathlib import Path

import pytest

from esante_cli.errors import ExitCode
from esante_cli.results.base import SCHEMA_VERSION
from esante_cli.results.people import PROFILE_NODE

from .conftest import CHAIN, EXAMPLES, REAL_LEVELS, SECRET_NAME

FORMATS = ("table", "json", "csv", "markdown")


def people_commands(profile: Path) -> dict[str, tuple[str, ...]]:
    """Every people command that reads a profile, with arguments that work on the real data."""
    p = str(profile)
    return {
        "match": ("match", p),
        "gap": ("gap", "--profile", p, "specialiste-e-sante"),
        "paths": ("paths", "--profile", p, "--to", "responsable-green-it"),
        "whatif": ("whatif", p, "--raise", "risques+2", "--raise", "Analyser un cycle de vie"),
        "leverage": ("leverage", p),
    }


def ok(result) -> str:
    assert result.exit_code == 0, (result.exit_code, result.stderr, result.exception)
    return result.stdout


# -- every command, every format --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", ["match", "gap", "paths", "whatif", "leverage"])
def test_people_command_in_every_format(invoke, real_profile, command, fmt):
    """Each command answers on a complete profile in each format, with nothing on stderr."""
    result = invoke(*people_commands(real_profile)[command], "--format", fmt)
    out = ok(result)
    assert result.stderr == ""
    assert out.strip()
    if fmt == "json":
        data = json.loads(out)
        assert data["schema_version"] == SCHEMA_VERSION
        assert data["data_version"]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len(rows) >= 2 and len({len(r) for r in rows}) == 1


def test_match_json_contract(invoke, real_profile):
    """match JSON: schema_version, data_version, matches best first (downgrades hidden and
    counted), each with id, title, move, levels to climb, blocking, strengths, band, stability
    and the cost's parts; the person's levels marked 'user'."""
    data = json.loads(ok(invoke("match", str(real_profile), "--format", "json")))
    matches = data["matches"]
    assert len(matches) + data["hidden_downgrades"] == 12
    assert [m["rank"] for m in matches] == list(range(1, len(matches) + 1))
    closeness = [m["coverage"] for m in matches]
    assert closeness == sorted(closeness, reverse=True)
    assert {m["move"] for m in matches} <= {"progression", "lateral"}
    for key in (
        "id",
        "title",
        "cost",
        "band",
        "move",
        "levels_to_climb",
        "blocking",
        "strengths",
        "gaps",
        "parts",
        "reachable",
        "coverage",
        "provenance",
        "current",
        "stability",
        "cost_interval",
    ):
        assert key in matches[0]
    assert {
        "climb",
        "max_jump",
        "unused",
        "weighted",
        "cost",
        "coverage",
        "unused_share",
        "move",
    } <= set(matches[0]["parts"])
    assert (data["draws"], data["seed"]) == (200, 0)
    assert {lv["provenance"] for lv in data["levels"]} == {"user"}
    assert data["profile"] == {"kind": "profile", "name": SECRET_NAME}
    assert data["current_job"]["id"] == "data-scientist"
    by_id = {m["id"]: m for m in matches}
    e_sante = by_id["specialiste-e-sante"]
    assert all(b["delta"] >= 2 for b in e_sante["blocking"])
    assert {b["id"] for b in e_sante["blocking"]} == {
        "cycle-de-vie",
        "ecoconception",
        "technologies-sante",
        "risques",
    }
    every = json.loads(
        ok(invoke("match", str(real_profile), "--include-downgrades", "--format", "json"))
    )
    assert len(every["matches"]) == 12 and every["hidden_downgrades"] == 0


def test_match_top(invoke, real_profile):
    """--top 3 keeps three jobs."""
    data = json.loads(ok(invoke("match", str(real_profile), "--top", "3", "--format", "json")))
    assert len(data["matches"]) == 3 and data["top"] == 3


def test_match_explain_shows_the_breakdown(invoke, real_profile):
    """--explain writes each cost's parts in the Markdown table."""
    out = ok(invoke("match", str(real_profile), "--explain", "--format", "markdown"))
    assert "à gravir × 1 + saut" in out


def test_gap_profile_starts_from_the_person(invoke, real_profile):
    """gap --profile P TO: the source is the person, the person's levels are 'user'."""
    data = json.loads(
        ok(invoke("gap", "--profile", str(real_profile), "Spécialiste e-santé", "--format", "json"))
    )
    assert data["from"] == {"kind": "profile", "name": SECRET_NAME}
    assert data["to"]["id"] == "specialiste-e-sante"
    risques = next(i for i in data["items"] if i["id"] == "risques")
    assert (risques["current"], risques["current_provenance"], risques["delta"]) == (0, "user", 2)


def test_paths_profile_starts_at_the_person(invoke, real_profile):
    """paths --profile P --to TO: every route starts with the person's node; a positional
    TO works too."""
    for args in (("--to", "responsable-green-it"), ("responsable-green-it",)):
        data = json.loads(
            ok(invoke("paths", "--profile", str(real_profile), *args, "--format", "json"))
        )
        assert data["paths"] and all(p["jobs"][0] == PROFILE_NODE for p in data["paths"])
        assert all(p["jobs"][-1] == "responsable-green-it" for p in data["paths"])
        assert data["titles"][PROFILE_NODE] == SECRET_NAME


def test_paths_to_option_works_without_profile(invoke):
    """paths FROM --to TO is the same as paths FROM TO."""
    one = ok(invoke("paths", "data-scientist", "--to", "architecte-iot", "--format", "json"))
    two = ok(invoke("paths", "data-scientist", "architecte-iot", "--format", "json"))
    assert one == two


@pytest.mark.parametrize(
    "args",
    [
        ("gap", "--profile", "P", "data-scientist", "architecte-iot"),
        ("gap", "--profile", "P"),
        ("gap", "data-scientist"),
        ("paths", "--profile", "P"),
        ("paths", "--profile", "P", "data-scientist", "--to", "architecte-iot"),
        ("paths", "data-scientist"),
        ("paths", "data-scientist", "architecte-iot", "--to", "ux-ui-designer"),
    ],
)
def test_wrong_number_of_jobs_is_a_usage_error(invoke, args):
    """With --profile, one target; without, a start and a target: else exit 2."""
    result = invoke(*args)
    assert result.exit_code == ExitCode.USAGE, result.output


def test_whatif_shows_ranks_before_and_after(invoke, real_profile):
    """whatif JSON: the raises, and for each job the rank and cost before and after."""
    data = json.loads(
        ok(invoke("whatif", str(real_profile), "--raise", "risques=2", "--format", "json"))
    )
    assert data["raises"] == [
        {"id": "risques", "label": "Analyser et gérer les risques", "before": 0, "after": 2}
    ]
    jobs = data["jobs"]
    assert [j["rank_after"] for j in jobs] == list(range(1, 13))
    assert all(j["cost_after"] <= j["cost_before"] + 0.2 for j in jobs)
    assert data["closer"]


def test_whatif_needs_a_raise(invoke, real_profile):
    """whatif without --raise is a usage error."""
    assert invoke("whatif", str(real_profile)).exit_code == ExitCode.USAGE


def test_whatif_unknown_competence_suggests(invoke, real_profile):
    """An unknown competence in --raise exits 4 with 'did you mean' (label and id)."""
    result = invoke("whatif", str(real_profile), "--raise", "risk+1")
    assert result.exit_code in (ExitCode.UNKNOWN_NAME,)
    assert "vouliez-vous dire : Analyser et gérer les risques (risques)" in result.stderr


def test_whatif_takes_a_competence_typo_and_says_so(invoke, real_profile):
    """A typo of one competence ('risque') is taken, with one line on stderr saying so."""
    result = invoke("whatif", str(real_profile), "--raise", "risque+1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["raises"][0]["id"] == "risques"
    assert (
        "esante : « risque » interprété comme Analyser et gérer les risques (risques)"
        in result.stderr.splitlines()
    )


def test_whatif_beyond_level_4_exits_3(invoke, real_profile):
    """Raising past 4 is invalid input."""
    result = invoke("whatif", str(real_profile), "--raise", "donnees-massives+2")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "au-dessus du niveau le plus haut 4" in result.stderr


def test_leverage_targets_comma_and_repeat(invoke, real_profile):
    """--targets takes a comma list or several options, by id or title."""
    one = json.loads(
        ok(
            invoke(
                "leverage",
                str(real_profile),
                "--targets",
                "specialiste-e-sante,Responsable Green IT",
                "--format",
                "json",
            )
        )
    )
    two = json.loads(
        ok(
            invoke(
                "leverage",
                str(real_profile),
                "-t",
                "responsable-green-it",
                "-t",
                "specialiste-e-sante",
                "--format",
                "json",
            )
        )
    )
    assert one == two
    assert [t["id"] for t in one["targets"]] == ["responsable-green-it", "specialiste-e-sante"]
    assert one["best_raise"] is not None


def test_leverage_json_names_the_best_raise_and_stepping_stone(invoke, real_profile):
    """leverage JSON: ranked raises and stepping stones, and the best of each."""
    data = json.loads(ok(invoke("leverage", str(real_profile), "--format", "json")))
    assert [r["rank"] for r in data["raises"]] == list(range(1, len(data["raises"]) + 1))
    assert data["best_raise"] == data["raises"][0]["id"]
    stones = {s["id"] for s in data["stepping_stones"]}
    assert data["best_stepping_stone"] in stones | {None}
    assert all(s["serves"] and s["move"] != "downgrade" for s in data["stepping_stones"])
    firsts = {t["first_step"] for t in data["targets"]} - {None}
    assert stones <= firsts


def test_chain_leverage_table_names_the_best(invoke, write):
    """On the chain fixture, the table says beta is the raise that opens most and c the best
    stepping stone (worked out in test_queries)."""
    path = write("ana.yaml", "name: Ana\ncompetences: {alpha: 2, beta: 1}\n")
    out = ok(invoke("--data", str(CHAIN), "leverage", str(path), "--format", "markdown"))
    assert "Compétence qui ouvre le plus : Bêta (1 → 2)." in out
    assert "Meilleur tremplin : Job C." in out


# -- warnings ----------------------------------------------------------------------------------


def test_unassessed_competences_warn_on_stderr(invoke, write):
    """A profile with missing competences answers, and warns once on stderr, naming them."""
    path = write("p.yaml", "competences: {alpha: 2}\n")
    result = invoke("--data", str(CHAIN), "match", str(path), "--format", "json")
    ok(result)
    assert result.stderr.splitlines() == [
        f"esante : attention : {path} : 1 compétence non évaluée, comptée 0 (non acquise) : beta"
    ]


def test_flat_profile_warns(invoke, write):
    """A profile with every level the same warns that it will match badly."""
    path = write("p.yaml", "competences: {alpha: 2, beta: 2}\n")
    result = invoke("--data", str(CHAIN), "match", str(path))
    ok(result)
    assert "profil plat" in result.stderr


def test_warnings_in_english(invoke, write):
    """--lang en: warnings and headings in English."""
    path = write("p.yaml", "competences: {alpha: 2}\n")
    result = invoke(
        "--lang", "en", "--data", str(CHAIN), "match", str(path), "--format", "markdown"
    )
    assert "not assessed" in result.stderr
    assert "## Jobs for" in ok(result)


# -- privacy -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_anonymous_hides_the_name_everywhere(invoke, real_profile, fmt):
    """Every command that prints a person's data leaves the name out with --anonymous (and
    shows it without)."""
    for name, args in people_commands(real_profile).items():
        shown = invoke(*args, "--format", fmt)
        hidden = invoke(*args, "--format", fmt, "--anonymous")
        if fmt != "csv":  # the CSV tables hold no name at all
            assert SECRET_NAME in ok(shown), name
        assert SECRET_NAME not in ok(hidden) + hidden.stderr, name


def test_no_network_connection_and_no_copy(invoke, real_profile, tmp_path, monkeypatch):
    """Every people command works with sockets forbidden, and writes nothing but --output."""

    def refuse(*args, **kwargs):
        raise AssertionError("esante tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    before = sorted(tmp_path.rglob("*"))
    for fmt in FORMATS:
        for args in people_commands(real_profile).values():
            ok(invoke(*args, "--format", fmt))
    assert sorted(tmp_path.rglob("*")) == before  # no copy, no cache, no temporary file
    out = tmp_path / "t.yaml"
    ok(invoke("profile", "template", "--output", str(out)))
    answers = "".join(f"{lv}\n" for lv in REAL_LEVELS.values())
    ok(invoke("assess", "--output", str(tmp_path / "new.yaml"), input=answers))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [real_profile.name, "t.yaml", "new.yaml"]
    )


def test_example_profiles_load_and_match(invoke):
    """The three workshop profiles are valid, complete and varied."""
    files = sorted(EXAMPLES.iterdir())
    assert len(files) == 3
    for path in files:
        result = invoke("match", str(path), "--format", "json")
        data = json.loads(ok(result))
        assert result.stderr == "", path
        assert not data["unassessed"] and not data["flat"]
        assert data["profile"]["name"]


# -- profile template --------------------------------------------------------------------------


def test_profile_template_to_stdout_and_file(invoke, tmp_path):
    """The template goes to stdout, or to --output (refusing to replace without --force)."""
    out = ok(invoke("profile", "template"))
    assert out.startswith("# Modèle de profil esante")
    target = tmp_path / "moi.yaml"
    ok(invoke("profile", "template", "--output", str(target)))
    assert target.read_text(encoding="utf-8") == out
    again = invoke("profile", "template", "--output", str(target))
    assert again.exit_code == ExitCode.INVALID_INPUT and "--force" in again.stderr
    ok(invoke("profile", "template", "--output", str(target), "--force"))
    ok(invoke("profile", "template", "--output", str(tmp_path / "moi.json")))
    assert json.loads((tmp_path / "moi.json").read_text(encoding="utf-8"))["competences"]


def test_readme_shows_every_people_command():
    """The README shows each people command as 'esante <command>', options included."""
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for command in (
        "profile template",
        "assess",
        "match",
        "whatif",
        "leverage",
        "gap --profile",
        "paths --profile",
    ):
        assert f"esante {command}" in text, command


def test_the_target_is_given_the_same_way_everywhere(invoke, tmp_path):
    """``--to MÉTIER`` names the target job for gap, paths and report alike, from a job or a
    person (a trial found 'gap --profile P --to X' refused while paths takes it)."""
    from pathlib import Path

    karim = str(Path(__file__).resolve().parents[2] / "examples/profiles/karim-developpeur.yaml")
    target = "specialiste-e-sante"
    for args in (
        ("gap", "--profile", karim),
        ("gap", "data-scientist"),
        ("paths", "--profile", karim),
    ):
        as_argument = invoke(*args, target, "--format", "json")
        with_to = invoke(*args, "--to", target, "--format", "json")
        assert as_argument.exit_code == 0, as_argument.stderr
        assert with_to.stdout == as_argument.stdout
    written = {}
    for option in ("--to", "--target"):
        out = tmp_path / f"r{option}.html"
        assert (
            invoke("report", "--profile", karim, option, target, "--output", str(out)).exit_code
            == 0
        )
        written[option] = out.read_text(encoding="utf-8")
    assert written["--to"] == written["--target"]
