"""The README documents what the tool does: every command, every exit code, the CI command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from esante_cli.cli import app
from esante_cli.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


COMMANDS = sorted(_commands())


def test_there_are_commands():
    """The app registers the commands the README tours (a guard for the tests below)."""
    assert {"list", "show", "paths", "gap"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_appears_in_the_readme(name):
    """Each command is shown in the README as `esante <command>`."""
    assert re.search(rf"esante {re.escape(name)}\b", README), f"'esante {name}' not in README"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    """Each command's help has a sentence and an example line."""
    command = _commands()[name]
    help_text = command.help or ""  # type: ignore[attr-defined]
    assert len(help_text.strip()) > 20
    assert "Exemple : esante " in help_text


@pytest.mark.parametrize("code", list(ExitCode))
def test_every_exit_code_is_documented(code):
    """The README's exit-code table has a row for each ExitCode."""
    assert re.search(rf"^\| {int(code)} \| \S", README, re.MULTILINE), (
        f"exit code {int(code)} undocumented"
    )


def test_ci_runs_the_readme_test_command():
    """.ci/run runs the very test command the README gives."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = (
        'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest'
    )
    assert command in README
    assert command.replace('"', "'") in ci or command in ci


def _readme_examples():
    import sys

    sys.path.insert(0, str(ROOT))
    try:
        from tools import readme_examples
    finally:
        sys.path.remove(str(ROOT))
    return readme_examples


def test_the_readme_console_examples_are_what_the_tool_prints():
    """Every runnable console example of the README (one command reading the repository) gives
    today what the README shows, lines left out at '...' aside; `python3 tools/readme_examples.py`
    rewrites those that drifted."""
    tool = _readme_examples()
    found = tool.examples(README)
    assert len(found) >= 15
    drifted = [ex.command for ex in found if not tool.agrees(ex.shown, tool.run(ex.command))]
    assert drifted == []


def test_an_example_with_left_out_lines_still_needs_its_parts_in_order():
    tool = _readme_examples()
    now = "a\nb\nc\nd\ne\n"
    assert tool.agrees("a\nb\n...\nd\n", now)
    assert not tool.agrees("a\nb\n...\nc\nb\n", now)
    assert not tool.agrees("a\nc\n...\n", now)
    assert tool.rewritten("a\nx\n...\n", now) == "a\nb\n...\n"


def _commands_deep() -> list[tuple[list[str], object]]:
    """Every command (and subcommand) with the words that call it."""
    out: list[tuple[list[str], object]] = []
    for name, command in _commands().items():
        subs = getattr(command, "commands", None)
        if subs:
            out += [([name, sub], cmd) for sub, cmd in subs.items()]
        else:
            out.append(([name], command))
    return out


@pytest.mark.parametrize(("words", "command"), _commands_deep(), ids=lambda x: str(x))
def test_help_at_80_columns_keeps_every_choice_whole(words, command):
    """In an 80-column terminal, the choices of an option ('markdown', 'computed') are never
    cut inside the word in --help: the list of choices folds between them."""
    import enum

    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = re.sub(r"[│╭╮╰╯─]", " ", result.output)
    found = re.findall(r"[\w-]+", text)
    for param in command.params:  # type: ignore[attr-defined]
        described = getattr(param, "type_descriptor", None)
        bare = getattr(described, "annotation", None)
        if isinstance(bare, type) and issubclass(bare, enum.Enum) and not param.hidden:
            values = [str(choice.value) for choice in bare]
            for value in values:
                assert value in found, (words, param.name, value)
            if len("|".join(values)) > 12:
                # the list folds between choices, never inside one ('markd' / 'own')
                assert f"<{values[0]}|" not in text, (words, param.name)
