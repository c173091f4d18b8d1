"""Hostile text and contradictory options (issue 13, item 4 and its rows): every case a row of
a catalogue, asserting the exit code, the one line said on stderr and that nothing changed on
disk.

- Text from a data file (a job title, a competence label) or a user (a name typed, a profile's
  name and current job) never reaches a terminal raw: no control character (C0, DEL, C1),
  bidirectional override or line separator in what the human formats print or in a message;
  each is shown escaped (``\\x1b``). JSON and CSV keep the text as it is (their own escaping).
- An error is one line, whatever the name holds: a newline cannot forge an "esante : erreur"
  line. A name with nothing to compare (bytes that are not UTF-8, another script) says so.
- Usage errors are one line too, in both languages; contradictory options exit 2.
- Markdown keeps addresses and ``$...$`` inert; an HTML title holding ``/*FONTS*/`` stays a
  title; a cache entry forged by hand does not change an answer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from esante_cli import dataset as dataset_module
from esante_cli.cli import app
from esante_cli.dataset import METIER, MOBILITES, packaged_data_dir

SRC = Path(__file__).resolve().parents[2] / "src"

# What must never be printed raw: every control character but the newline and the tab, the
# bidirectional embeddings, overrides and isolates, the line and paragraph separators.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

OSC = "\x1b]0;PWNED\x07"  # sets the terminal's title
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
TITLE = f"Data {OSC}Sci {CLEAR}\x1b[31mred\x1b[0m \x9b2J \u202eevil\x7f"
LINK_TITLE = "Archi http://evil.example www.evil.example $x^2$ /*FONTS*/"
LINES_TITLE = "UX\n\n# Forged heading\n- forged item\n    forged code\n1. forged"
LABEL = "Tech\x1b[5m santé\x07"
PROFILE_NAME = f"Camille {OSC}\x1b[2J"
FREE_JOB = "astronaute\x1b[31m\rforged"
VERSION = "2026.12.0\x1b]0;V\x07"


# -- helpers -------------------------------------------------------------------------------------


def snapshot(*roots: Path) -> dict[str, bytes]:
    """Every file under ``roots`` and its bytes: what "nothing changed on disk" compares."""
    return {
        str(p): p.read_bytes() for root in roots for p in sorted(root.rglob("*")) if p.is_file()
    }


def raw_controls(text: str) -> list[str]:
    return RAW.findall(text)


def one_error_line(result: Result, lang: str = "fr") -> str:
    """The one line of stderr of a failed command, checked: the prefix of the language, no
    control character, nothing on stdout."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    prefix = "esante : erreur : " if lang == "fr" else "esante: error: "
    assert lines[0].startswith(prefix), lines[0]
    assert raw_controls(result.stderr) == [], result.stderr
    assert result.stdout == ""
    return lines[0]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data, with escapes in a job's title, a link and maths in another's, and
    escapes in a competence's label."""
    folder = tmp_path_factory.mktemp("hostile-text") / "data"
    folder.mkdir()
    raw = json.loads((packaged_data_dir() / METIER).read_text(encoding="utf-8"))
    raw["dataset"]["version"] = VERSION
    for job in raw["jobs"]:
        if job["id"] == "data-scientist":
            job["title"] = TITLE
        if job["id"] == "architecte-iot":
            job["title"] = LINK_TITLE
        if job["id"] == "ux-ui-designer":
            job["title"] = LINES_TITLE
    for comp in raw["competences"]:
        if comp["id"] == "technologies-sante":
            comp["label"] = LABEL
    (folder / METIER).write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    shutil.copyfile(packaged_data_dir() / MOBILITES, folder / MOBILITES)
    return folder


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder, the current one."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def profile(work: Path) -> Path:
    """A profile whose name holds escapes, and whose current job is free text that does."""
    path = work.parent / "profile.json"
    levels = {"outils-ia-data": 3, "donnees-massives": 3, "technologies-sante": 1}
    data = {"name": PROFILE_NAME, "current_job": FREE_JOB, "competences": levels}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def run(hostile_data: Path, work: Path) -> Iterator[Callable[..., Result]]:
    """``esante --data HOSTILE ARGS`` in-process; afterwards, nothing changed on disk (the
    data, the working folder, the profile beside it)."""
    before: list[dict[str, bytes]] = []  # taken at the first run: the test's files are there
    runner = CliRunner()

    def invoke(
        *args: str,
        data: bool = True,
        lang: str | None = None,
        env: dict[str, str] | None = None,
        input: str | None = None,
    ) -> Result:
        if not before:
            before.append(snapshot(hostile_data, work.parent))
        head = (["--data", str(hostile_data)] if data else []) + (["--lang", lang] if lang else [])
        return runner.invoke(app, [*head, *args], prog_name="esante", env=env, input=input)

    yield invoke
    if before:
        assert snapshot(hostile_data, work.parent) == before[0]


# -- titles and labels from the data, in the human formats ------------------------------------

SHOWN = {
    "list": ("list",),
    "show": ("show", "data-scientist"),
    "show-iot": ("show", "architecte-iot"),
    "neighbours": ("neighbours", "specialiste-e-sante"),
    "paths": ("paths", "data-scientist", "specialiste-e-sante", "--k", "2"),
    "paths-explain": ("paths", "data-scientist", "specialiste-e-sante", "--explain"),
    "gap": ("gap", "data-scientist", "specialiste-e-sante"),
    "compare": ("compare", "data-scientist", "architecte-iot"),
    "recommend": ("recommend", "data-scientist"),
    "competences": ("competences",),
    "competence": ("competence", "technologies-sante"),
    "validate": ("validate",),
}


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("args", list(SHOWN.values()), ids=list(SHOWN))
def test_titles_are_shown_escaped(run, args, fmt):
    """A title or label holding terminal escapes prints, in a table or Markdown, with each
    control character escaped: nothing raw on stdout or stderr."""
    result = run(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert raw_controls(result.stdout) == [] and raw_controls(result.stderr) == []
    if args[0] in ("list", "show") and "architecte-iot" not in args:
        assert "\\x1b]0;PWNED\\x07" in result.stdout.replace("\\\\", "\\").replace("\\]", "]")


OTHER = {
    "version": ("--version",),
    "dot": ("export", "graph", "--format", "dot"),
    "mermaid": ("export", "graph", "--format", "mermaid"),
    "profile-template": ("profile", "template"),
    "list-en": ("--lang", "en", "list"),
    "show-en-markdown": ("--lang", "en", "show", "data-scientist", "--format", "markdown"),
}


@pytest.mark.parametrize("args", list(OTHER.values()), ids=list(OTHER))
def test_other_text_outputs_are_escaped(run, args):
    """The data's version (--version), DOT and Mermaid (no escape of their own for a control
    character), a profile template's comments, English: nothing raw, the escapes shown."""
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert raw_controls(result.stdout) == [] and raw_controls(result.stderr) == []
    assert "x1b" in result.stdout


@pytest.mark.parametrize("args", [("list",), ("show", "data-scientist"), ("map", "data-scientist")])
def test_on_a_colour_terminal_only_our_styles_are_escapes(run, args):
    """With colours forced (as on a terminal), the escapes on stdout are rich's styles; the
    title's own sequences are shown escaped, never sent."""
    result = run(*args, env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert result.exit_code == 0, result.output
    for sequence in (OSC, CLEAR, "\x07", "\x9b", "\u202e", "\x7f"):
        assert sequence not in result.stdout, repr(sequence)
    assert "PWNED" in result.stdout and "\\x1b]0;" in result.stdout


def test_the_debug_trace_is_escaped_too(run):
    """--debug prints the trace, which quotes the name: escaped like the error line after it."""
    result = run("--debug", "show", f"zz{OSC}")
    assert result.exit_code == 4
    assert raw_controls(result.stderr) == [] and "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("esante : erreur : métier inconnu")


@pytest.mark.filterwarnings("ignore:Glyph .* missing:UserWarning")  # the map
def test_the_terminal_map_shows_titles_escaped(run):
    """The map drawn in the terminal (a tree) escapes the titles too."""
    result = run("map", "data-scientist")
    assert result.exit_code == 0, result.output
    assert raw_controls(result.output) == []
    assert "\\x1b]0;PWNED\\x07" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_file_formats_keep_the_text_as_it_is(run, fmt):
    """JSON and CSV carry the title as the data holds it: their own escaping, not ours."""
    result = run("list", "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        titles = [job["title"] for job in json.loads(result.stdout)["jobs"]]
        assert TITLE in titles
    else:
        assert TITLE in result.stdout


def test_the_person_and_free_job_are_shown_escaped(run, profile):
    """A profile's name (in the table) and its free current job (in the warning) print
    escaped; the warning stays one line."""
    result = run("match", str(profile))
    assert result.exit_code == 0, result.output
    assert raw_controls(result.output) == []
    assert "Camille \\x1b]0;PWNED\\x07" in result.stdout
    (warning,) = [line for line in result.stderr.splitlines() if "astronaute" in line]
    assert warning.startswith("esante : attention : ")
    assert "astronaute\\x1b[31m" in warning


def test_assess_shows_labels_and_answers_escaped(run):
    """assess: the questions (a label with escapes), the answer typed back (piped input) and
    the profile written to stdout: nothing raw."""
    result = run("assess", "--name", PROFILE_NAME, input=f"{CLEAR}\n" + "s\n" * 11)
    assert result.exit_code == 0, result.output
    assert raw_controls(result.stdout) == [] and raw_controls(result.stderr) == []
    assert "Tech\\x1b[5m santé\\x07" in result.stderr
    assert "\\x1b[2J\\x1b[H" in result.stderr


# -- names given on the command line -----------------------------------------------------------

NAMES = {
    "osc-title": f"zz{OSC}",
    "clear-screen": f"zz{CLEAR}",
    "colour": "\x1b[31mzzred\x1b[0m",
    "c1-csi": "zz\x9b2J",
    "del": "zz\x7f",
    "bell-only": "\x07",
    "newline-forge": "zzdata\nesante : erreur : forged",
    "cr-forge": "zzdata\resante : erreur : forged",
    "bidi": "\u202ezz",
    "line-separator": "zz\u2028esante : erreur : forged",
    "nul": "zz\x00zz",
    "vt-ff": "zz\x0b\x0czz",
}
COMMANDS = {
    "show": lambda name: ("show", name),
    "neighbours": lambda name: ("neighbours", name),
    "paths": lambda name: ("paths", name, "specialiste-e-sante"),
    "paths-to": lambda name: ("paths", "data-scientist", "--to", name),
    "paths-avoid": lambda name: ("paths", "data-scientist", "specialiste-e-sante", "--avoid", name),
    "paths-via": lambda name: ("paths", "data-scientist", "specialiste-e-sante", "--via", name),
    "gap": lambda name: ("gap", "data-scientist", name),
    "compare": lambda name: ("compare", "data-scientist", name),
    "recommend": lambda name: ("recommend", name),
    "map": lambda name: ("map", name),
    "competence": lambda name: ("competence", name),
}


@pytest.mark.parametrize("name", list(NAMES.values()), ids=list(NAMES))
@pytest.mark.parametrize("command", list(COMMANDS.values()), ids=list(COMMANDS))
def test_a_hostile_name_is_one_escaped_line(run, command, name):
    """A name with control characters matches nothing: exit 4, one line on stderr, the name
    quoted with its control characters escaped (no line of its own, no escape obeyed)."""
    result = run(*command(name))
    assert result.exit_code == 4, result.output
    line = one_error_line(result)
    assert "« " in line and " »" in line
    assert "esante : erreur" not in line[1:].split(" »")[-1]  # a forged one is within « »


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_newline_cannot_forge_an_error_line(run, lang):
    """The forged text stays inside the quotes of the one true error line."""
    result = run("show", "data\nesante : erreur : forged", lang=lang)
    line = one_error_line(result, lang)
    assert "data\\nesante : erreur : forged" in line


NON_LATIN = {"japanese": "日本語", "greek": "Ελληνικά", "arabic": "العربية", "emoji": "🩺💉"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(NON_LATIN.values()), ids=list(NON_LATIN))
def test_a_name_of_another_script_says_why(run, name, lang):
    """A name with no Latin letter or digit is not "empty": the line shows it and says that
    names are compared in Latin letters."""
    result = run("show", name, lang=lang)
    assert result.exit_code == 4
    line = one_error_line(result, lang)
    assert name in line
    assert ("aucune lettre latine" if lang == "fr" else "no Latin letter") in line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_name_of_bytes_not_utf8_says_why(tmp_path, lang):
    """A name of bytes that are not UTF-8 (a real process, bytes in argv): the bytes shown as
    \\xff, and why it matches nothing."""
    env = _child_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "esante_cli", "--lang", lang, "show", b"\xff\xfe\x1b\x07"],
        capture_output=True,
        check=False,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 4
    assert done.stdout == b""
    (line,) = done.stderr.decode("utf-8").splitlines()
    assert "\\xff\\xfe\\x1b\\x07" in line
    assert ("UTF-8" in line) and raw_controls(line) == []


def test_stderr_piped_in_a_real_process_is_escaped(tmp_path, hostile_data):
    """A real process, stderr a pipe: the error line and the warnings of libraries
    (matplotlib's "Glyph 27 missing", which quotes a title's character) are escaped."""
    env = _child_env(tmp_path)
    base = [sys.executable, "-m", "esante_cli", "--data", str(hostile_data)]
    done = subprocess.run(
        [*base, "show", f"x{OSC}"],
        capture_output=True,
        check=False,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 4 and len(done.stderr.splitlines()) == 1
    assert raw_controls(done.stderr.decode()) == []
    out = tmp_path / "map.svg"
    done = subprocess.run(
        [*base, "map", "data-scientist", "--output", str(out)],
        capture_output=True,
        check=False,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert raw_controls(done.stderr.decode()) == []


def _child_env(cache: Path) -> dict[str, str]:
    """The environment of a real process: this source first on its path, a cache of its own,
    no variable that colours or sizes its output."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    path = os.pathsep.join(x for x in (str(SRC), env.get("PYTHONPATH", "")) if x)
    return {**env, "PYTHONPATH": path, "ESANTE_CACHE_DIR": str(cache)}


# -- usage errors: one line, both languages ----------------------------------------------------

USAGE = {
    "unknown-option": ("list", "--bogus"),
    "unknown-global-option": ("--bogus", "list"),
    "unknown-command": ("lsit",),
    "missing-argument": ("show",),
    "bad-format": ("list", "--format", "xml"),
    "bad-choice-escapes": ("list", "--format", f"x{OSC}"),
    "option-escapes": ("list", f"--x{CLEAR}"),
    "k-zero": ("paths", "data-scientist", "specialiste-e-sante", "--k", "0"),
    "k-not-a-number": ("paths", "data-scientist", "specialiste-e-sante", "--k", "lots"),
    "top-zero": ("neighbours", "data-scientist", "--top", "0"),
    "bad-section": ("show", "data-scientist", "--section", "nope"),
    "bad-objective": ("paths", "data-scientist", "specialiste-e-sante", "--objective", "x"),
    "extra-argument": ("list", "surplus"),
    "option-without-value": ("list", "--format"),
    "bad-lang": ("--lang", "de", "list"),
}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("args", list(USAGE.values()), ids=list(USAGE))
def test_a_usage_error_is_one_line(run, args, lang):
    """Exit 2 and one line, 'esante : erreur : …' (English: 'esante: error: …'), no box, no
    usage block; the hint to the help on the same line when Click knows the command."""
    result = run(*args, data=False, lang=None if args[0] == "--lang" else lang)
    assert result.exit_code == 2, result.output
    line = one_error_line(result, "fr" if args[0] == "--lang" else lang)
    assert "╭" not in line and "Usage" not in line


def test_the_hint_names_the_help_of_the_command(run):
    """The one line ends with where the help of the command is."""
    line = one_error_line(run("list", "--bogus", data=False))
    assert line.endswith("aide : « esante list -h »")
    line = one_error_line(run("list", "--bogus", data=False, lang="en"), "en")
    assert line.endswith("help: 'esante list -h'")


# -- contradictory options ----------------------------------------------------------------------

CONTRADICTIONS = {
    "avoid-target": ("paths", "data-scientist", "architecte-iot", "--avoid", "architecte-iot"),
    "avoid-start": ("paths", "data-scientist", "architecte-iot", "--avoid", "data-scientist"),
    "avoid-target-by-title": ("paths", "data-engineer", "ux-ui-designer", "--avoid", "UX UI"),
    "avoid-and-via": (
        "paths",
        "data-engineer",
        "specialiste-e-sante",
        "--avoid",
        "ux-ui-designer",
        "--via",
        "ux-ui-designer",
    ),
    "avoid-to": ("paths", "data-engineer", "--to", "ux-ui-designer", "--avoid", "ux-ui-designer"),
}


@pytest.mark.parametrize("args", list(CONTRADICTIONS.values()), ids=list(CONTRADICTIONS))
def test_contradictory_options_exit_2(run, args):
    """A job avoided that is an end of the route, or avoided and crossed: a usage error
    (exit 2), one line naming the job, whatever the data."""
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert raw_controls(result.stderr) == [] and result.stdout == ""
    (line,) = [x for x in result.stderr.splitlines() if "erreur" in x]  # and "UX UI" understood
    assert "ux-ui-designer" in line or "architecte-iot" in line or "data-scientist" in line


def test_a_profile_avoiding_its_target_exits_2(run, profile):
    """From a person, avoiding the target is the same contradiction."""
    args = ("paths", "--profile", str(profile), "--to", "data-engineer", "--avoid", "data-engineer")
    result = run(*args)
    assert result.exit_code == 2, result.output
    line = [x for x in result.stderr.splitlines() if "erreur" in x]
    assert len(line) == 1 and "data-engineer" in line[0]


# -- Markdown and HTML ---------------------------------------------------------------------------


def test_markdown_list_keeps_links_and_maths_inert(run):
    """list --format markdown: the address is not autolinked ('http\\://', 'www\\.') and the
    dollars are not mathematics ('\\$')."""
    result = run("list", "--format", "markdown")
    assert result.exit_code == 0
    (row,) = [x for x in result.stdout.splitlines() if "architecte-iot" in x]
    assert "http\\://evil.example" in row and "www\\.evil.example" in row
    assert "\\$x^2\\$" in row
    assert "http://" not in row and " $x" not in row


@pytest.mark.parametrize(
    "args",
    [("show", "ux-ui-designer"), ("list",), ("compare", "ux-ui-designer", "data-engineer")],
    ids=["show", "list", "compare"],
)
def test_markdown_lines_of_a_title_start_nothing(run, args):
    """A title of several lines: none of its lines starts a heading, a list, code or an
    ordered list in the Markdown output."""
    result = run(*args, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert "Forged heading" in result.stdout
    for line in result.stdout.splitlines():
        assert not line.startswith(("# Forged", "- forged", "    forged", "1. forged")), line


def _report(run: Any, work: Path, name: str) -> str:
    """The report from Architecte IoT to the card's job, written as ``name`` and read back;
    what the command wrote is removed (not a change the fixture should see)."""
    result = run("report", "architecte-iot", "specialiste-e-sante", "--output", name)
    assert result.exit_code == 0, result.output
    text = (work / name).read_text(encoding="utf-8")
    for path in work.iterdir():
        path.unlink()
    return text


@pytest.mark.filterwarnings("ignore:Glyph .* missing:UserWarning")  # the map
def test_markdown_report_keeps_links_and_maths_inert(run, work):
    """The Markdown report escapes the same, in its title and its tables."""
    md = _report(run, work, "r.md")
    assert "http://evil" not in md and "www.evil" not in md and " $x" not in md
    assert "http\\://evil.example" in md and raw_controls(md) == []


@pytest.mark.filterwarnings("ignore:Glyph .* missing:UserWarning")  # the map
def test_html_title_holding_the_fonts_marker_stays_a_title(run, work):
    """A title holding '/*FONTS*/' reads as it is in <title>; the fonts are in <style>."""
    page = _report(run, work, "r.html")
    title = page[page.index("<title>") : page.index("</title>")]
    assert "/*FONTS*/" in title and "@font-face" not in title
    style = page[page.index("<style>") : page.index("</style>")]
    assert style.count("@font-face") == 3 and "/*FONTS*/" not in style


# -- the cache -------------------------------------------------------------------------------------


def _forge(entry: Path) -> None:
    """Rewrite an entry as a hand would: a valid archive, its key, every climb 0."""
    import numpy as np

    with np.load(entry, allow_pickle=False) as z:
        arrays = {k: np.array(z[k]) for k in z.files}
    arrays["climb"][:] = 0
    with entry.open("wb") as handle:
        np.savez(handle, **arrays)


def test_a_forged_cache_entry_does_not_change_an_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _clean_env: Path
) -> None:
    """The cost matrix of a cached dataset, its entry rewritten by hand (climb 0 everywhere):
    the same answer as before, and the entry made again. (At the bundled size only the whole
    matrix reads the pairs' parts; at 3,000 jobs the graph's edges, paths among them, do.)"""
    monkeypatch.setattr(dataset_module, "CACHE_MIN_BYTES", 0)
    data = tmp_path / "cached"
    shutil.copytree(packaged_data_dir(), data)
    runner = CliRunner()
    args = ["--data", str(data), "export", "matrix", "--format", "json"]

    def answer() -> Any:
        result = runner.invoke(app, args, prog_name="esante")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    want = answer()
    (entry,) = sorted(_clean_env.glob("*.pairs.npz"))
    _forge(entry)
    assert answer() == want
    assert answer() == want  # the entry made again is right
