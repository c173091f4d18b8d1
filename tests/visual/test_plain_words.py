"""Plain words for participants (issue 11, item 5): reports speak of effort, never of a command,
an option or a file of the project; "Ce qu'il faut apprendre" gives the card's own example and
named topics before the level descriptors; every write says, in one line, what and where."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import ExitCode

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "000_03ed3c3c6a85d7d0.txt"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
COMMANDS = (
    "show|list|competences|competence|neighbours|paths|recommend|compare|gap|match|whatif|"
    "leverage|map|report|workshop|export|import|batch|profile|assess|model|card"
)


def _visible(path: Path) -> str:
    """What a reader sees: the text of a Markdown report, the text of an HTML one (no style,
    no picture)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = re.sub(r"<style.*?</style>|<svg.*?</svg>", " ", text, flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", text)
    return text


def _reports(invoke, folder: Path, lang: str) -> list[Path]:
    """A pair report and a person's report, in Markdown and HTML, in ``lang``."""
    written = []
    for suffix in ("md", "html"):
        pair = folder / f"pair-{lang}.{suffix}"
        r = invoke(
            "--lang", lang, "report", "data-scientist", "specialiste-e-sante", "-o", str(pair)
        )
        assert r.exit_code == ExitCode.OK, r.output
        person = folder / f"person-{lang}.{suffix}"
        profile = EXAMPLES / "camille-data-scientist.yaml"
        r = invoke(
            "--lang", lang, "report", "--profile", str(profile), "--anonymous", "-o", str(person)
        )
        assert r.exit_code == ExitCode.OK, r.output
        written += [pair, person]
    return written


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reports_name_no_command_option_or_project_file(invoke, tmp_path, lang):
    for report in _reports(invoke, tmp_path, lang):
        text = _visible(report)
        assert not re.search(r"(?<![\w-])--[a-z]", text), (report.name, text)
        assert not re.search(rf"\besante ({COMMANDS})\b", text), report.name
        assert "docs/" not in text and "model.md" not in text, report.name
        assert not re.search(r"\b(MÉTIER|FICHIER|PROFIL|JOB|FILE)\b", text), report.name


@pytest.mark.parametrize(("lang", "money"), [("fr", r"\bco[uû]ts?\b"), ("en", r"\bcosts?\b")])
def test_reports_speak_of_effort_not_cost(invoke, tmp_path, lang, money):
    """The tool's words say effort; the card's own examples, quoted, keep theirs ('la réduction
    des coûts de soins de santé' is about the patients' care, not the move)."""
    ds = load_dataset(packaged_data_dir())
    quoted = [jc.example for job in ds.jobs for jc in job.competences if jc.example]
    for report in _reports(invoke, tmp_path, lang):
        text = _visible(report)
        for example in quoted:
            text = text.replace(example, "").replace(example.replace("'", "&#39;"), "")
        assert not re.search(money, text, flags=re.IGNORECASE), report.name
        assert re.search(r"\beffort\b", text, flags=re.IGNORECASE), report.name


def test_what_to_learn_gives_the_card_example_and_topics_then_levels(invoke, tmp_path):
    """Toward the card's job, each competence to learn shows the card's example word for word,
    the topics it names (marked: their link to the competence is an estimate), then the
    descriptors of the levels to reach, in that order."""
    out = tmp_path / "r.md"
    r = invoke("report", "data-scientist", "specialiste-e-sante", "-o", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    text = out.read_text(encoding="utf-8")
    learn = text.split("### Ce qu'il faut apprendre")[1].split("\n### ")[0]
    ds = load_dataset(packaged_data_dir())
    card = ds.job("specialiste-e-sante")
    r = invoke("gap", "data-scientist", "specialiste-e-sante", "--format", "json")
    items = [i for i in json.loads(r.stdout)["items"] if i["delta"] > 0]
    assert items
    for item in items:
        said = card.level(item["id"])
        assert said is not None and said.example
        block = learn.split(f"**{item['label']}")[1].split("\n**")[0]
        example_at = block.index(said.example.replace("*", "\\*")[:40])
        levels_at = block.index(f"{item['to_learn'][0]['level']}. ")
        assert example_at < levels_at
        if said.topics is not None:
            topics_at = block.index(said.topics.terms[0])
            assert example_at < topics_at < levels_at
            assert said.topics.provenance == "estimate" and "\\*" in block[topics_at:levels_at]


def test_every_topic_is_a_word_for_word_quote_of_the_card():
    """The topics are the card's own words: each term is found in the card's text, and their
    link to a competence is an estimate with a reason (never presented as the card's)."""
    card_text = SEED.read_text(encoding="utf-8")
    ds = load_dataset(packaged_data_dir())
    topics = [jc.topics for job in ds.jobs for jc in job.competences if jc.topics is not None]
    assert len(topics) >= 8
    for t in topics:
        assert t.provenance == "estimate" and t.reason
        for term in t.terms:
            assert term in card_text, term


@pytest.mark.parametrize(
    ("args", "name", "words"),
    [
        (("report", "data-scientist", "specialiste-e-sante"), "r.html", "rapport écrit dans"),
        (("report", "data-scientist", "specialiste-e-sante"), "r.md", "sa carte dans"),
        (("map", "data-scientist"), "m.svg", "carte écrite dans"),
        (("map", "data-scientist"), "m.png", "carte écrite dans"),
        (("profile", "template"), "p.yaml", "profil écrit dans"),
        (("export", "graph", "--format", "graphml"), "g.graphml", "graphe écrit dans"),
        (("export", "matrix"), "x.csv", "matrice des efforts écrite dans"),
        (("export", "matrix"), "x.xlsx", "matrice des efforts écrite dans"),
    ],
)
def test_each_write_says_what_and_where_in_one_line(invoke, tmp_path, args, name, words):
    target = tmp_path / name
    r = invoke(*args, "--output", str(target))
    assert r.exit_code == ExitCode.OK, r.output
    assert target.is_file() and target.stat().st_size > 0
    assert r.stdout == ""
    [line] = r.stderr.splitlines()
    assert line.startswith("esante : ") and words in line and str(target) in line


def test_the_reverse_effort_carries_the_estimate_mark(invoke):
    """A neighbour's effort back rests on the same estimated levels as its effort: both are
    marked, in the table as in Markdown."""
    r = invoke("map", "data-scientist", "--include-downgrades", "--format", "markdown")
    assert r.exit_code == ExitCode.OK
    rows = [line for line in r.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    back = header.index("Effort retour")
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[back].endswith("\\*"), row
