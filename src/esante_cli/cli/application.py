"""The Typer application, its global options and the one place errors become exit codes."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterator, MutableMapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Final

import typer
import typer.main
from typer.core import TyperGroup

from .. import __version__
from ..choices import CsvDialect, Lang
from ..errors import EsanteError, ExitCode
from ..language import N_, _, current_lang, set_lang
from .state import State

if TYPE_CHECKING:
    from typer._click import Command, Context  # the Click that Typer builds on

HELP = N_("""Explorer les mobilités professionnelles autour de la fiche OPIIEC « Spécialiste e-santé ».

Exemples :

  esante show "Spécialiste e-santé"

  esante show data-scientist --format json

  esante --data ./mes-donnees list""")


class EsanteGroup(TyperGroup):
    """The commands of :data:`COMMANDS`, each built when it runs (or when --help lists it);
    turns library errors into one line on stderr and a documented exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.commands)  # the order of COMMANDS, nothing built

    def format_help(self, ctx: Context, formatter: Any) -> None:
        from .framework import prepare_help

        prepare_help(self, ctx)
        super().format_help(ctx, formatter)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        # the language first: the errors and the help of the global options speak it too
        set_lang(lang_asked(args))
        try:
            return super().parse_args(ctx, args)
        except BrokenPipeError:  # esante --help | head -1: Click would exit 1
            _silence_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as exc:
            _framework_error(exc)  # a usage error of the global options, in the language
            raise

    def invoke(self, ctx: Context) -> Any:
        from ..interpreting import report_interpretations
        from ..render.about import describing

        try:
            # a name matched loosely ("devops") is said on stderr, in the language chosen;
            # the notes of a view fit the data the command read
            with (
                report_interpretations(lambda found: _state(ctx).interpreted(found)),
                describing(lambda: _state(ctx).about()),
            ):
                return super().invoke(ctx)
        except EsanteError as exc:
            _report(ctx, str(exc), exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.OK)) from None
        except OSError as exc:
            if _write_error(exc):
                _report(ctx, _write_message(exc), exc)
            elif exc.filename is not None:  # a path given that the system refuses (too long...)
                message = _("{path} : {error}").format(path=exc.filename, error=exc.strerror)
                _report(ctx, message, exc)
            else:
                raise _internal(ctx, exc) from None
            raise typer.Exit(int(ExitCode.INVALID_INPUT)) from None
        except Exception as exc:
            if _is_framework(exc):  # usage errors and Abort said in the language; Exit passes
                _framework_error(exc)
                raise
            raise _internal(ctx, exc) from None


def _internal(ctx: Context, exc: BaseException) -> typer.Exit:
    message = _(
        "erreur interne : {error} (relancez avec --debug et signalez-la, avec ce qui s'affiche)"
    ).format(error=f"{type(exc).__name__}: {exc}")
    _report(ctx, message, exc)
    return typer.Exit(int(ExitCode.INTERNAL))


# What a failed write on the standard output says (a full disk, /dev/full, a device's error,
# a read-only or over-quota file system): one line and exit 3, not an internal error.
WRITE_ERRORS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EIO", "EROFS", "EDQUOT", "EFBIG", "EPIPE", "EBADF", "ENXIO")
    if hasattr(errno, name)
)


def _write_error(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in WRITE_ERRORS


def _write_message(exc: OSError) -> str:
    return _("sortie standard : écriture impossible ({error})").format(error=exc.strerror or exc)


def _state(ctx: Context) -> State:
    found = ctx.find_object(State)
    if found is None:  # a name resolved before the global options were read
        found = ctx.obj = State(lang=current_lang())
    return found


def _framework_error(exc: BaseException) -> None:
    """Report a usage error (or an abort) of Click's as Typer would, in the language of the
    interface (:mod:`.framework`), and exit with its code; anything else is left alone."""
    if isinstance(exc, typer.Abort):
        from .framework import format_abort

        format_abort()
        raise typer.Exit(1) from None
    code = getattr(exc, "exit_code", None)
    if not _is_framework(exc) or not isinstance(code, int) or not hasattr(exc, "format_message"):
        return
    from .framework import format_error

    format_error(exc)
    raise typer.Exit(code) from None


def _is_framework(exc: BaseException) -> bool:
    # Typer vendors Click in recent releases and uses Click itself in older ones.
    return type(exc).__module__.split(".")[0] in ("click", "typer")


def _debug_enabled(ctx: Context) -> bool:
    state = ctx.find_object(State)
    return bool(state and state.debug) or os.environ.get("ESANTE_DEBUG") == "1"


def _report(ctx: Context, message: str, exc: BaseException) -> None:
    from .output import echo

    if _debug_enabled(ctx):  # the trace quotes names and titles too: escaped as well
        import traceback

        echo("".join(traceback.format_exception(exc)), nl=False, lines=True)
    try:
        echo(_("esante : erreur : {message}").format(message=message))
    except OSError:
        pass  # stderr is full or gone (2>/dev/full): the exit code still says what failed


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
    data = f"{info.get('version', '?')} ({info.get('date', '?')})" if info else _("illisibles")
    from .output import echo

    echo(_("esante {version}, données {data}").format(version=__version__, data=data), err=False)
    raise typer.Exit()


def _global(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            metavar="DOSSIER",
            envvar="ESANTE_DATA",
            is_eager=True,
            help="Dossier de données (metier.json, mobilites.json) à la place des données fournies.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="FICHIER",
            envvar="ESANTE_MODEL",
            help="Modèle de coût (TOML ou JSON) à la place du modèle par défaut ; voir docs/model.md.",
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            "--lang",
            envvar="ESANTE_LANG",
            metavar="fr|en",
            help="Langue de l'interface : fr ou en (défaut : la langue du système si c'est "
            "l'anglais, sinon fr).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    csv_dialect: Annotated[
        CsvDialect,
        typer.Option(
            "--csv-dialect",
            envvar="ESANTE_CSV_DIALECT",
            metavar="plain|excel-fr",
            help="Les CSV écrits : plain (défaut : virgules, point décimal, clés des colonnes) ou "
            "excel-fr (tableur français : « ; », BOM, virgule décimale, en-têtes traduits).",
            case_sensitive=False,
        ),
    ] = CsvDialect.plain,
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
    chosen = set_lang(lang) if lang is not None else current_lang()
    ctx.obj = State(
        data_dir=data, lang=chosen, debug=debug, model_file=model, csv_dialect=csv_dialect
    )


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
    from .framework import localize_help

    return localize_help(group.commands[name])


def _no_options() -> None:
    pass


def lang_asked(args: list[str]) -> str | None:
    """The language ``--lang`` asks for among the global options (before the command), or
    None (``ESANTE_LANG``, then the locale, decide; a wrong value is Typer's error)."""
    for i, arg in enumerate(args):
        if arg in COMMANDS:
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value.lower() in ("fr", "en"):
            return value.lower()
    return None


@cache
def get_app() -> typer.Typer:
    """The app: the global options and every command of :data:`COMMANDS` (made once); Click's
    and Typer's words in the language of the interface (:mod:`.framework`)."""
    from .framework import install

    install()
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
    # the command line has no pydantic plugin: turned off (a user who sets the variable keeps
    # their choice)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if argv is None:  # the process's own command: a caller's main(argv) keeps its collector
        from .collector import pause  # and its pydantic as it is

        pause()
        _no_plugin_search()
    _closed_streams()
    import warnings

    warnings.showwarning = _show_warning
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        get_app()(args=args, prog_name="esante")
    except SystemExit as exc:
        code = exc.code
        status = code if isinstance(code, int) else (0 if code is None else int(ExitCode.INTERNAL))
    except OSError as exc:  # writing before a command runs (--version, --help)
        status = _failed_write(exc, "--debug" in args)
    else:
        status = 0
    if argv is None:
        _exit_now(status)
    return status


class _Closed:
    """The standard output when the shell closed it (esante list >&-): each write fails as
    writing to a closed descriptor does, said as any failed write (one line, exit 3)."""

    encoding = "utf-8"

    def write(self, _text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


# The values of PYDANTIC_DISABLE_PLUGINS for which pydantic's ``get_plugins()`` returns no
# plugin at once, without looking (pydantic/plugin/_loader.py, 2.7 to 2.14; 2.6 has no such
# variable: there the stand-in turns off plugins it would have loaded, none for this tool).
_ALL_PLUGINS_OFF: Final = ("__all__", "1", "true")
_PLUGIN_LOADER: Final = "pydantic.plugin._loader"


def _no_plugin_search() -> None:
    """No pydantic plugin looked for. pydantic looks for plugins among every installed
    distribution's entry points when it builds its first validator, unless
    PYDANTIC_DISABLE_PLUGINS turns them all off; even then, the module that would look imports
    ``importlib.metadata`` (with email, csv, zipfile...: 8 ms of every command, measured) only
    to return no plugin: while nothing has imported it yet, a stand-in whose ``get_plugins()``
    returns the same nothing takes its place. Any other name asked of it loads the real module
    (a later pydantic may ask for more)."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in _ALL_PLUGINS_OFF:
        return
    if _PLUGIN_LOADER in sys.modules:
        return
    import types

    stand_in = types.ModuleType(_PLUGIN_LOADER, "No pydantic plugin: PYDANTIC_DISABLE_PLUGINS")

    def get_plugins() -> tuple[()]:
        return ()

    def real(name: str) -> Any:
        if name.startswith("__"):  # the import system asks whether it is a package
            raise AttributeError(name)
        import importlib

        if sys.modules.get(_PLUGIN_LOADER) is stand_in:
            del sys.modules[_PLUGIN_LOADER]
        return getattr(importlib.import_module(_PLUGIN_LOADER), name)

    stand_in.get_plugins = get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = real  # type: ignore[method-assign]
    # (not bound as pydantic.plugin._loader: importing pydantic here would cost --help 30 ms;
    # only this process's own command sees the stand-in, and it asks for no such attribute)
    sys.modules[_PLUGIN_LOADER] = stand_in


def _closed_streams() -> None:
    """Python leaves a standard stream closed by the shell as None, which no writer expects: a
    closed input reads as empty (as < /dev/null), a closed error stream swallows what it is
    given, a closed output refuses what is written."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - the process's own
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdout is None:
        sys.stdout = _Closed()


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    """A Python warning of a library (matplotlib's "Glyph 27 (\x1b) missing", which quotes a
    title's character) with its control characters escaped, as every line on stderr."""
    import warnings

    from ..render.printable import printable

    text = warnings.formatwarning(message, category, filename, lineno, line)
    try:
        (file or sys.stderr).write(printable(text, lines=True))
    except (OSError, ValueError):
        pass


def _failed_write(exc: OSError, debug: bool) -> int:
    """The exit code of a write that failed outside a command: quiet for a closed pipe."""
    if isinstance(exc, BrokenPipeError):
        _silence_stdout()
        return int(ExitCode.OK)
    if not _write_error(exc):
        raise exc
    if debug or os.environ.get("ESANTE_DEBUG") == "1":
        import traceback

        traceback.print_exception(exc)
    _say(_("esante : erreur : {message}").format(message=_write_message(exc)))
    return int(ExitCode.INVALID_INPUT)


def _say(line: str) -> None:
    """One line on stderr, its control characters escaped, whatever state stderr is in."""
    from ..render.printable import printable

    try:
        sys.stderr.write(printable(line) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _exit_now(status: int) -> None:
    """End the process without tearing the interpreter down: freeing a large dataset object by
    object takes longer than answering (0.4 s at 3,000 jobs). Nothing is lost: the outputs are
    flushed here (a last write that fails is said, exit 3), and the tool registers no exit
    handler."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader has gone (esante list | head -1): nothing to say
    except OSError as exc:
        if _write_error(exc) and status == 0:
            _say(_("esante : erreur : {message}").format(message=_write_message(exc)))
            status = int(ExitCode.INVALID_INPUT)
    except ValueError:
        pass
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    os._exit(status)
