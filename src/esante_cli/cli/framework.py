"""Click's and Typer's own words (help panels, usage lines, usage errors) in the language of
the interface.

Neither Typer nor Click offers a language: the Click that Typer vendors writes its messages in
plain English; Typer reads a few through ``gettext`` (its help panels at import time). So the
words are put in the current language here, in one place, when they are shown:

- **help**: the help of a command, of its options and arguments, and their metavars are the
  source words (French, extracted for the ``esante`` catalogue), translated each time a help is
  shown (a command is built once and kept); Typer's panel titles and marks (``[défaut : …]``,
  ``[obligatoire]``) are set before each help; a flag shows no ``<bool>``, a number ``N``;
- **usage errors**: the message is matched against Click's and Typer's sentences
  (:data:`MESSAGES`, whose French is in the ``framework`` catalogue) and said in the
  language on one line, ``esante : erreur : …`` and where the help is, as every error of
  the tool (a script reads one line; Typer's box drew five).

:func:`install` hooks this into Typer once (``get_app``). A Typer that lacks one of the hooks
keeps its English for that part, nothing breaks.
"""

from __future__ import annotations

import inspect
import re
from functools import cache
from typing import Any

from ..language import DOMAIN, N_, Lang, catalogue, current_lang, framework

F_ = N_  # marks one of Click's or Typer's messages: extracted for the framework catalogue

# Click's and Typer's messages, as they write them: '{name}' is a part of the message that is
# kept as it is ('{message}' is translated in turn). The French is in
# locale/fr/LC_MESSAGES/framework.po.
MESSAGES = [
    # help
    F_("Usage: "),
    F_("Arguments"),
    F_("Options"),
    F_("Commands"),
    F_("Error"),
    F_("Aborted."),
    F_("Aborted!"),
    F_("[default: {}]"),
    F_("[env var: {}]"),
    F_("[required]"),
    F_("(deprecated) "),
    F_("(dynamic)"),
    F_("default: {default}"),
    F_("env var: {var}"),
    F_("required"),
    F_("COMMAND [ARGS]..."),
    F_("Show this message and exit."),
    F_("Install completion for the current shell."),
    F_("Show completion for the current shell, to copy it or customize the installation."),
    F_("Try '{command} {option}' for help."),
    # usage errors
    F_("Missing argument {name}."),
    F_("Missing option {name}."),
    F_("Missing parameter {name}."),
    F_("Missing argument {name}. {message}"),
    F_("Missing option {name}. {message}"),
    F_("Missing command."),
    F_("No such command {name}."),
    F_("No such command {name!r}."),
    F_("{message}. Did you mean {names}?"),
    F_("No such option: {name}"),
    F_("No such option: {name} (Possible options: {names})"),
    F_("Option {name} requires an argument."),
    F_("Option {name} requires {n} arguments."),
    F_("Option {name} does not take a value."),
    F_("Got unexpected extra argument ({names})"),
    F_("Got unexpected extra arguments ({names})"),
    F_("Got unexpected extra argument(s) ({names})"),
    F_("Argument {name} takes {n} values."),
    F_("Invalid value for {name}: {message}"),
    F_("Invalid value: {message}"),
    F_("{name} (env var: {var})"),
    F_("Value error, {value} is not one of {names}."),
    F_("{value} is not one of {names}."),
    F_("Value {value} is not a valid {kind}."),
    F_("Choose from:\n\t{names}"),
    F_("Input should be greater than or equal to {n}"),
    F_("Input should be greater than {n}"),
    F_("Input should be less than or equal to {n}"),
    F_("Input should be less than {n}"),
    F_("Input should be a valid integer, unable to parse string as an integer"),
    F_("Input should be a valid integer"),
    F_("Input should be a valid number, unable to parse string as a number"),
    F_("Input should be a valid number"),
    F_("Input should be a valid boolean, unable to interpret input"),
    F_("Input should be a valid string"),
    F_("Value must be an iterable."),
]

_PLACEHOLDER = re.compile(r"\{(\w*)(?:![rsa])?\}")
_NAME = r"(?:[^:(]|\([^)]*\))+?"


@cache
def _templates() -> list[tuple[re.Pattern[str], str]]:
    """Each message with parts, as a pattern, the most specific (longest words) first."""
    found = []
    for message in MESSAGES:
        if not _PLACEHOLDER.search(message):
            continue
        pattern, last = "", 0
        for i, m in enumerate(_PLACEHOLDER.finditer(message)):
            # a name holds no colon but in brackets: "'--lang' (env var: 'ESANTE_LANG')"
            part = _NAME if m.group(1) == "name" else ".+?"
            pattern += re.escape(message[last : m.start()]) + f"(?P<p{i}>{part})"
            last = m.end()
        pattern += re.escape(message[last:])
        words = len(_PLACEHOLDER.sub("", message))
        found.append((words, re.compile(pattern, re.DOTALL), message))
    found.sort(key=lambda x: -x[0])
    return [(p, m) for _, p, m in found]


def say(text: str) -> str:
    """``text`` (one of Click's or Typer's messages) in the current language: as a whole, or
    as a sentence with parts (a name kept, a message said in turn); unchanged if unknown."""
    if current_lang() == Lang.en or not text:
        return text
    whole = framework(text)
    if whole != text:
        return whole
    for pattern, message in _templates():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        translated = framework(message)
        if translated == message:
            return text
        parts = iter(found.groups())
        names = [m.group(1) for m in _PLACEHOLDER.finditer(message)]
        values = {name or str(i): next(parts) for i, name in enumerate(names)}
        return _fill(translated, values)
    return text


def _fill(message: str, values: dict[str, str]) -> str:
    def part(m: re.Match[str]) -> str:
        value = values[m.group(1)]
        # a message is said in turn, and so is a name that says its variable ("(env var: ...)")
        return say(value) if m.group(1) in ("message", "name") else value

    return _PLACEHOLDER.sub(part, message)


def words(text: str) -> str:
    """A text of the interface shown in the help: the tool's own (French, translated when the
    language is English) or Click's and Typer's (English, translated when it is French)."""
    if not text:
        return text
    if current_lang() == Lang.fr:
        return say(text)
    cleaned = inspect.cleandoc(text)
    found = catalogue(DOMAIN, current_lang()).gettext(cleaned)
    return text if found == cleaned else found


# -- help --------------------------------------------------------------------------------------

_SOURCE = "_esante_source"  # the words an object was built with, kept to translate each time


def _localize_attr(thing: Any, attr: str) -> None:
    source = thing.__dict__.setdefault(_SOURCE, {})
    if attr not in source:
        source[attr] = getattr(thing, attr, None)
    value = source[attr]
    if isinstance(value, str):
        setattr(thing, attr, words(value))


def unwrapped(text: str) -> str:
    """A docstring's paragraphs, each on one line: its line ends are where the source was
    wrapped, and rich would keep them ('(hors' / 'métier' / 'actuel)' at 80 columns); the
    help is wrapped to the terminal's width instead. Blank lines still part paragraphs."""
    return "\n\n".join(" ".join(p.split("\n")) for p in text.split("\n\n"))


def localize_command(command: Any, ctx: Any) -> None:
    """Put a command's help, its parameters' help and metavars, and the short help of its
    subcommands in the current language; flags lose their ``<bool>``, numbers show ``N``."""
    for attr in ("help", "short_help", "epilog"):
        _localize_attr(command, attr)
        text = getattr(command, attr, None)
        if isinstance(text, str):
            setattr(command, attr, unwrapped(text))
    if hasattr(command, "subcommand_metavar"):
        _localize_attr(command, "subcommand_metavar")
    for param in command.get_params(ctx):
        _localize_attr(param, "help")
        _localize_attr(param, "metavar")
        _plain_types(param, ctx)
    lister = getattr(command, "list_commands", None)
    if lister is not None:
        for name in lister(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                for attr in ("help", "short_help"):
                    _localize_attr(sub, attr)


def _plain_types(param: Any, ctx: Any) -> None:
    """No ``<bool>`` for a flag, ``N`` for a number, no ``<str>`` for an argument (its name
    says it): the type column speaks the user's language or says nothing."""
    argument = getattr(param, "param_type_name", "") == "argument"
    given = getattr(param, "metavar", None)
    if given is not None and not argument:
        param.metavar = _foldable(given)
        return
    if getattr(param, "is_flag", False):
        param.metavar = ""
        return
    try:
        shown = str(param.display_type(ctx)) if hasattr(param, "display_type") else ""
    except Exception:  # noqa: BLE001  (a Typer without it: its own words stay)
        return
    if argument and shown.startswith(("<str", "<list[str")):
        param.display_type_rich = lambda ctx: None
    elif not argument and shown.startswith(("<int", "<float")):
        param.metavar = "N"
    elif not argument and _foldable(shown) != shown:
        param.metavar = _foldable(shown)


def _foldable(metavar: str) -> str:
    """A long list of choices with room to fold between them: '<table | json | csv |
    markdown>' wraps at 80 columns where '<table|json|csv|markdown>' was cut mid-word."""
    if len(metavar) <= 14 or "|" not in metavar or " | " in metavar:
        return metavar
    return metavar.replace("|", " | ")


def _panel_words(rich_utils: Any) -> None:
    """Typer's panel titles and marks, read once at its import: set in the language."""
    for name, message in (
        ("DEPRECATED_STRING", "(deprecated) "),
        ("DEFAULT_STRING", "[default: {}]"),
        ("ENVVAR_STRING", "[env var: {}]"),
        ("REQUIRED_LONG_STRING", "[required]"),
        ("ARGUMENTS_PANEL_TITLE", "Arguments"),
        ("OPTIONS_PANEL_TITLE", "Options"),
        ("COMMANDS_PANEL_TITLE", "Commands"),
        ("ERRORS_PANEL_TITLE", "Error"),
        ("ABORTED_TEXT", "Aborted."),
    ):
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, framework(message))


@cache
def _formatter(base: type) -> type:
    """Click's help formatter, writing 'Usage: ' in the language."""

    class Formatter(base):
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            super().write_usage(prog, args, framework("Usage: ") if prefix is None else prefix)

    return Formatter


def _localize_context(ctx: Any) -> None:
    base = getattr(ctx, "formatter_class", None)
    if isinstance(base, type):
        ctx.formatter_class = _formatter(base)


# -- usage errors ------------------------------------------------------------------------------


def error_message(exc: Any) -> str:
    """The message of a usage error in the current language (without the "Value error, " that
    pydantic puts before a check's own words, which Typer passes on)."""
    return say(exc.format_message()).replace(": Value error, ", ": ")


def format_error(exc: Any) -> None:
    """A usage error on one line of stderr, as every error of the tool: ``esante : erreur :``,
    Click's or Typer's message in the language of the interface (its own line breaks made
    spaces, the values typed escaped), and where to find the help."""
    import re

    from ..language import _
    from .output import echo

    if type(exc).__name__ == "NoArgsIsHelpError":  # the help is the message: shown already
        return
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:  # the names of the arguments in the message, in the language
        localize_command(ctx.command, ctx)
    # Click lays a list out on lines of its own ("Choose from:\n\t..."): one line here; any
    # other line break is a value typed, escaped by echo
    message = re.sub(r":?\n\t+", " : ", error_message(exc)).strip().removesuffix(".")
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        message = _("{message} ; aide : « {command} {option} »").format(
            message=message, command=ctx.command_path, option=ctx.help_option_names[0]
        )
    try:
        echo(_("esante : erreur : {message}").format(message=message))
    except OSError:
        pass  # stderr is full or gone (2>/dev/full): the exit code, 2, still says it


def format_abort() -> None:
    """Typer's "Aborted." (Ctrl-C at a prompt, end of input), in the language."""
    from typer import rich_utils

    _panel_words(rich_utils)
    rich_utils.rich_abort_error()


def prepare_help(command: Any, ctx: Any) -> None:
    """Before Typer shows ``command``'s help: its words, its panels' titles and marks, and its
    usage line in the language of the interface."""
    from typer import rich_utils  # what the help is drawn with: imported only for a help

    _panel_words(rich_utils)
    _quiet_on_closed_pipe(rich_utils)
    _localize_context(ctx)
    localize_command(command, ctx)


def _closed_pipe() -> None:
    raise BrokenPipeError  # the command line ends quietly (application.EsanteGroup)


def _quiet_on_closed_pipe(rich_utils: Any) -> None:
    """Typer's consoles say a closed pipe (esante --help | head -1) as rich does, exit 1; the
    command line ends quietly instead, exit 0."""
    made = rich_utils._get_rich_console
    if getattr(made, "quiet_pipe", False):
        return

    def console(stderr: bool = False) -> Any:
        out = made(stderr=stderr)
        out.on_broken_pipe = _closed_pipe
        return out

    console.quiet_pipe = True  # type: ignore[attr-defined]
    rich_utils._get_rich_console = console


def localize_help(command: Any) -> Any:
    """``command`` (and the commands of a group) with its help in the language: Typer draws the
    help of each command itself, through its ``format_help``."""
    shown = command.format_help

    def format_help(ctx: Any, formatter: Any) -> None:
        prepare_help(command, ctx)
        shown(ctx, formatter)

    command.format_help = format_help
    for sub in getattr(command, "commands", {}).values():
        localize_help(sub)
    return command


def install() -> None:
    """Typer's own calls to gettext ("Missing command.", "No such command") go to the
    framework catalogue (typer.core is imported anyway: nothing more is imported)."""
    from typer import core

    if callable(getattr(core, "_", None)):
        core._ = framework
