"""The Typer application, its global options and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Final

import typer
import typer.main
from typer.core import TyperGroup

from .. import __version__
from ..choices import Lang
from ..errors import EsanteError, ExitCode
from .state import State

if TYPE_CHECKING:
    from typer._click import Command, Context  # the Click that Typer builds on

HELP = """Explorer les mobilités professionnelles autour de la fiche OPIIEC « Spécialiste e-santé ».

Exemples :

  esante show "Spécialiste e-santé"

  esante show data-scientist --format json

  esante --data ./mes-donnees list
"""


class EsanteGroup(TyperGroup):
    """The commands of :data:`COMMANDS`, each built when it runs (or when --help lists it);
    turns library errors into one line on stderr and a documented exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # the order of COMMANDS, nothing built

    def invoke(self, ctx: Context) -> Any:
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
            _report(
                ctx,
                f"internal error: {type(exc).__name__}: {exc} "
                "(run again with --debug and report it)",
                exc,
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _state(ctx: Context) -> State:
    found = ctx.find_object(State)
    if found is None:  # a name resolved before the global options were read: French, once
        found = ctx.obj = State()
    return found


def _is_framework(exc: BaseException) -> bool:
    # Typer vendors Click in recent releases and uses Click itself in older ones.
    return type(exc).__module__.split(".")[0] in ("click", "typer")


def _debug_enabled(ctx: Context) -> bool:
    state = ctx.find_object(State)
    return bool(state and state.debug) or os.environ.get("ESANTE_DEBUG") == "1"


def _report(ctx: Context, message: str, exc: BaseException) -> None:
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


def _global(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DIR",
            envvar="ESANTE_DATA",
            is_eager=True,
            help="Dossier de données (metier.json, mobilites.json) à la place des données fournies.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="FILE",
            envvar="ESANTE_MODEL",
            help="Modèle de coût (TOML ou JSON) à la place du modèle par défaut ; voir docs/model.md.",
        ),
    ] = None,
    lang: Annotated[
        Lang,
        typer.Option(
            "--lang",
            envvar="ESANTE_LANG",
            metavar="fr|en",
            help="Langue de l'interface : fr (défaut) ou en.",
            case_sensitive=False,
        ),
    ] = Lang.fr,
    debug: Annotated[
        bool, typer.Option("--debug", help="Afficher la trace complète des erreurs.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Afficher la version de l'outil et des données.",
        ),
    ] = False,
) -> None:
    ctx.obj = State(data_dir=data, lang=lang, debug=debug, model_file=model)


# Every command, in the order of --help, and where it is defined (a function, or the Typer app
# of a group of commands). Typer reads a command's signature when it builds it: building only
# the one that runs saves a few milliseconds on every start-up (show: 7 ms of 150).
COMMANDS = {
    "list": "card_cmds:list_cmd",
    "show": "card_cmds:show_cmd",
    "competences": "card_cmds:competences_cmd",
    "competence": "card_cmds:competence_cmd",
    "validate": "card_cmds:validate_cmd",
    "schema": "card_cmds:schema_cmd",
    "neighbours": "mobility_cmds:neighbours_cmd",
    "paths": "mobility_cmds:paths_cmd",
    "compare": "mobility_cmds:compare_cmd",
    "gap": "mobility_cmds:gap_cmd",
    "recommend": "mobility_cmds:recommend_cmd",
    "assess": "people_cmds:assess_cmd",
    "match": "people_cmds:match_cmd",
    "whatif": "people_cmds:whatif_cmd",
    "leverage": "people_cmds:leverage_cmd",
    "map": "visual_cmds:map_cmd",
    "report": "visual_cmds:report_cmd",
    "workshop": "visual_cmds:workshop_cmd",
    "batch": "scale_cmds:batch_cmd",
    "profile": "people_cmds:profile_app",
    "export": "visual_cmds:export_app",
    "import": "scale_cmds:import_app",
    "model": "model_cmds:model_app",
}
RICH: Final = "rich"  # the markup of the help texts


class _Commands(MutableMapping[str, "Command"]):
    """The commands by name, each built on first use."""

    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(name not in COMMANDS for name in self._built)


def _build(name: str) -> Command:
    """The command ``name``, as Typer builds it within the app (KeyError for no command)."""
    from importlib import import_module

    module, attr = COMMANDS[name].split(":")
    defined = getattr(import_module(f".{module}", __package__), attr)
    holder = typer.Typer(rich_markup_mode=RICH, pretty_exceptions_enable=False)
    holder.callback()(_no_options)  # a group: its commands are built as within the app
    if isinstance(defined, typer.Typer):
        holder.add_typer(defined, name=name)
    else:
        holder.command(name)(defined)
    group = typer.main.get_group(holder)
    return group.commands[name]


def _no_options() -> None:
    pass


@cache
def get_app() -> typer.Typer:
    """The app: the global options and every command of :data:`COMMANDS` (made once)."""
    new = typer.Typer(
        cls=EsanteGroup,
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=RICH,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    new.callback()(_global)
    return new


def __getattr__(name: str) -> Any:  # `app` is built on first use, not on import
    if name == "app":
        return get_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``esante`` script."""
    # pydantic looks for plugins among every installed distribution's entry points on its
    # first model (importlib.metadata, email, csv: 5 ms of every command); the command line
    # has none. A user who sets the variable keeps their choice.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        get_app()(args=args, prog_name="esante")
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
