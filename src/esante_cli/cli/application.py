"""The Typer application, its global options and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import EsanteError, ExitCode
from .state import State


class Lang(str, Enum):
    fr = "fr"
    en = "en"

HELP = """Explorer les mobilités professionnelles autour de la fiche OPIIEC « Spécialiste e-santé ».

Exemples :

  esante show "Spécialiste e-santé"

  esante show data-scientist --format json

  esante --data ./mes-donnees list
"""


class EsanteGroup(TyperGroup):
    """Turns library errors into one line on stderr and a documented exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        from ..names import report_interpretations

        try:
            # a name matched loosely ("devops") is said on stderr, in the language chosen
            with report_interpretations(lambda found: _state(ctx).interpreted(found)):
                return super().invoke(ctx)
        except EsanteError as exc:
            _report(ctx, str(exc), exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as exc:
            if _is_framework(exc):  # usage errors, Exit, Abort: Typer reports them itself
                raise
            _report(ctx, f"internal error: {type(exc).__name__}: {exc} "
                         "(run again with --debug and report it)", exc)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)  # keep the order of registration in --help


def _state(ctx: typer.Context) -> State:
    found = ctx.find_object(State)
    if found is None:  # a name resolved before the global options were read: French, once
        found = ctx.obj = State()
    return found


def _is_framework(exc: BaseException) -> bool:
    # Typer vendors Click in recent releases and uses Click itself in older ones.
    return type(exc).__module__.split(".")[0] in ("click", "typer")


def _debug_enabled(ctx: typer.Context) -> bool:
    state = ctx.find_object(State)
    return bool(state and state.debug) or os.environ.get("ESANTE_DEBUG") == "1"


def _report(ctx: typer.Context, message: str, exc: BaseException) -> None:
    if _debug_enabled(ctx):
        import traceback

        traceback.print_exception(exc)
    typer.echo(f"esante: error: {message}", err=True)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _version(ctx: typer.Context, value: bool) -> None:
    if not value:
        return
    from ..dataset import read_dataset_info

    info = read_dataset_info(ctx.params.get("data"))
    data = f"{info.get('version', '?')} ({info.get('date', '?')})" if info else "unreadable"
    typer.echo(f"esante {__version__}, data {data}")
    raise typer.Exit()


def _new_app() -> typer.Typer:
    return typer.Typer(
        cls=EsanteGroup,
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )


def _global(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option("--data", metavar="DIR", envvar="ESANTE_DATA", is_eager=True,
                     help="Dossier de données (metier.json, mobilites.json) à la place des données fournies."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option("--model", metavar="FILE", envvar="ESANTE_MODEL",
                     help="Modèle de coût (TOML ou JSON) à la place du modèle par défaut ; voir docs/model.md."),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option("--lang", envvar="ESANTE_LANG", metavar="fr|en",
                     help="Langue de l'interface : fr (défaut) ou en.",
                     case_sensitive=False),
    ] = Lang.fr,
    debug: Annotated[bool, typer.Option("--debug", help="Afficher la trace complète des erreurs.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Afficher la version de l'outil et des données."),
    ] = False,
) -> None:
    ctx.obj = State(data_dir=data, lang=lang.value, debug=debug, model_file=model)


# The command modules, in the order of --help, and which module defines which command: running
# `esante CMD` imports only CMD's module.
MODULES = ("card_cmds", "mobility_cmds", "people_cmds", "visual_cmds", "scale_cmds",
           "model_cmds")
COMMAND_MODULES = {
    **dict.fromkeys(("list", "show", "competences", "competence", "validate", "schema"),
                    "card_cmds"),
    **dict.fromkeys(("neighbours", "paths", "compare", "gap", "recommend"), "mobility_cmds"),
    **dict.fromkeys(("profile", "assess", "match", "whatif", "leverage"), "people_cmds"),
    **dict.fromkeys(("map", "export", "report", "workshop"), "visual_cmds"),
    **dict.fromkeys(("import", "batch"), "scale_cmds"),
    "model": "model_cmds",
}


def build_app(modules: tuple[str, ...] = MODULES) -> typer.Typer:
    """The app with the global options and the commands of ``modules``."""
    from importlib import import_module

    new = _new_app()
    new.callback()(_global)
    for module in modules:
        import_module(f".{module}", __package__).register(new)
    return new


_FULL: list[typer.Typer] = []


def full_app() -> typer.Typer:
    """The app with every command (built once)."""
    if not _FULL:
        _FULL.append(build_app())
    return _FULL[0]


def __getattr__(name: str) -> Any:  # `app` is built on first use, not on import
    if name == "app":
        return full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Global options that take a value (to find the command name after them).
_VALUED = {"--data", "--model", "--lang"}


def _command_name(args: list[str]) -> str | None:
    """The command named on the command line, or None (no command, or --help/--version first)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif arg in ("-h", "--help", "--version", "--install-completion", "--show-completion"):
            return None
        elif not arg.startswith("-"):
            return arg
    return None


def app_for(args: list[str]) -> typer.Typer:
    """An app holding only the command ``args`` names (all of them when it names none, or an
    unknown one, so that Typer suggests the nearest).

    Typer turns every registered command into a Click command on every call, whichever runs,
    and each command module costs its import: building only the one that runs gives the same
    command, options, help and errors, sooner.
    """
    name = _command_name(args)
    module = COMMAND_MODULES.get(name or "")
    if module is None:
        return full_app()
    small = build_app((module,))
    small.registered_commands = [c for c in small.registered_commands if c.name == name]
    small.registered_groups = [g for g in small.registered_groups if g.name == name]
    return small


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``esante`` script."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        app_for(args)(args=args, prog_name="esante")
    except SystemExit as exc:
        code = exc.code
        status = code if isinstance(code, int) else (0 if code is None else int(ExitCode.INTERNAL))
    else:
        status = 0
    if argv is None:
        _exit_now(status)
    return status


def _exit_now(status: int) -> None:
    """End the process without tearing the interpreter down: freeing a large dataset object by
    object takes longer than answering (0.4 s at 3,000 jobs). Nothing is lost: the outputs are
    flushed here, and the tool registers no exit handler."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(status)
