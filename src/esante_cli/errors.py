"""Errors raised by the library, and the exit codes the command line maps them to.

The library raises; only the CLI boundary (``esante_cli.cli``) turns an error into one line on
stderr and an exit code.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of the ``esante`` command (see README, "Codes de sortie")."""

    OK = 0
    INTERNAL = 1  # a bug: please report it, with the output of --debug
    USAGE = 2  # bad option or argument (Typer/Click usage error)
    INVALID_INPUT = 3  # invalid dataset, profile, model file or output path
    UNKNOWN_NAME = 4  # unknown or ambiguous job or competence
    NO_ROUTE = 5  # no route satisfies the constraints
    MISSING_EXTRA = 6  # an optional part is not installed (PDF: the extra esante[pdf])


class EsanteError(Exception):
    """Base class of every error the tool reports to a user."""

    exit_code: ExitCode = ExitCode.INTERNAL


class DatasetError(EsanteError):
    """A data file is missing, unreadable or invalid; ``problems`` lists every problem found."""

    exit_code = ExitCode.INVALID_INPUT

    def __init__(self, problems: list[str]):
        from .language import _, ngettext

        self.problems = problems
        first = problems[0] if problems else _("jeu de données invalide")
        n = len(problems) - 1
        more = (
            ngettext(
                " (+{n} autre ; lancez « esante validate »)",
                " (+{n} autres ; lancez « esante validate »)",
                n,
            ).format(n=n)
            if n > 0
            else ""
        )
        super().__init__(first + more)


class InputError(EsanteError):
    """A user-supplied file or value (profile, model, output path) cannot be used."""

    exit_code = ExitCode.INVALID_INPUT


class OptionsError(EsanteError):
    """Options that contradict each other (a job both avoided and the end of the route): a
    usage error, whatever the data."""

    exit_code = ExitCode.USAGE


class UnknownNameError(EsanteError):
    """A job or competence name matches nothing, or several things (``ambiguous``)."""

    exit_code = ExitCode.UNKNOWN_NAME

    def __init__(
        self, message: str, candidates: list[str] | None = None, *, ambiguous: bool = False
    ):
        self.candidates = candidates or []
        self.ambiguous = ambiguous  # several things: the candidates are the matches
        super().__init__(message)


class NoRouteError(EsanteError):
    """No route between two jobs satisfies the constraints."""

    exit_code = ExitCode.NO_ROUTE


class MissingExtraError(EsanteError):
    """An optional part of the tool is asked for but not installed (a PDF without WeasyPrint,
    the extra ``esante[pdf]``); the message says how to add it."""

    exit_code = ExitCode.MISSING_EXTRA
