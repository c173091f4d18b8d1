"""Commands about a person: profile template, assess, match, whatif, leverage.

A profile is personal data: these commands read it from the path given, write only to the
``--output`` path given (atomically), open no connection, and leave the name out with
``--anonymous``. Messages and prompts go to stderr; stdout carries data only.
"""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..choices import Format, Lang
from ..language import _
from .options import DowngradesOpt, DrawsOpt, FormatOpt, SeedOpt, TargetOpt
from .output import echo
from .state import State, state

if TYPE_CHECKING:
    from ..profiles import Assessment, Profile

ProfileArg = Annotated[
    str, typer.Argument(metavar="PROFIL", help="Fichier de profil (YAML ou JSON).")
]
AnonymousOpt = Annotated[
    bool, typer.Option("--anonymous", help="Ne pas afficher le nom de la personne.")
]
TopOpt = Annotated[int | None, typer.Option("--top", min=1, help="Au plus N métiers.")]

INTERRUPTED = 130  # the shells' code for a command stopped by Ctrl-C
FREE_JOB_SIMILARITY = 0.7  # a free current job names the jobs at least this similar


def warn(message: str) -> None:
    """A warning on stderr, in the language of the interface."""
    echo(_("esante : attention : {message}").format(message=message))


def load_person(st: State, path: str) -> "Profile":
    """The profile at ``path``, with a warning on stderr for what it leaves unassessed and
    for a flat profile (the queries count an unassessed competence as 0)."""
    from ..i18n import some, t, tn
    from ..language import colon
    from ..profiles import load_profile

    ds = st.dataset()
    profile = load_profile(path, ds)
    missing = profile.unassessed(ds)
    at = path + colon()
    if missing:
        warn(at + tn("w_unassessed", len(missing), st.lang).format(ids=some(missing, st.lang)))
    if profile.flat:
        level = next(iter(profile.levels.values()))
        warn(at + t("w_flat", st.lang).format(level=level))
    if profile.current_job_text is not None:
        warn(at + free_job_warning(st, profile.current_job_text))
    return profile


def free_job_warning(st: State, text: str) -> str:
    """What to say of a current job kept as free text: that it is, and the jobs it is near
    (the person may have meant one: only an exact name is taken)."""
    from ..i18n import t
    from ..names import job_resolver

    resolver = job_resolver(st.dataset())
    # Only names close enough to be what the person meant: a free job title ("Infirmière
    # coordinatrice") shares letters with many titles and is none of them.
    near = [resolver.describe(i) for i in resolver.suggest(text, cutoff=FREE_JOB_SIMILARITY)]
    hint = t("w_current_job_hint", st.lang).format(jobs=", ".join(near)) if near else ""
    return t("w_current_job_text", st.lang).format(text=text, hint=hint)


# -- profile template --------------------------------------------------------------------------

profile_app = typer.Typer(
    help="Le fichier de profil d'une personne (ses niveaux de 0 à 4).\n\n"
    "Exemple : esante profile template --output moi.yaml",
    no_args_is_help=True,
)


@profile_app.command("template")
def template_cmd(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER",
            help="Écrire le modèle dans FICHIER (.yaml ou .json) au lieu de la sortie.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Remplacer FICHIER s'il existe.")] = False,
) -> None:
    """Écrire un profil vide et commenté, chaque compétence avec ses quatre niveaux.

    Exemple : esante profile template --output moi.yaml
    """
    from ..files import write_atomic
    from ..profiles import profile_format, profile_template

    st = state(ctx)
    fmt = profile_format(output) if output else "yaml"
    text = profile_template(st.dataset(), fmt, st.lang)
    if output is None:
        echo(text, err=False, nl=False, lines=True)
        return
    write_atomic(output, text, force=force)
    st.wrote("wrote_profile", path=output)


# -- assess ------------------------------------------------------------------------------------


def assess_cmd(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FICHIER",
            help="Profil à écrire (.yaml ou .json), enregistré après chaque réponse ; "
            "s'il existe et n'est pas complet, la séance le reprend.",
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option("--name", metavar="NOM", help="Nom de la personne (facultatif).")
    ] = None,
    job: Annotated[
        str | None,
        typer.Option(
            "--job",
            metavar="MÉTIER",
            help="Métier actuel (facultatif) : id, titre ou autre appellation exacts ; "
            "un autre métier est gardé tel quel.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Tout redemander même si FICHIER est complet.")
    ] = False,
) -> None:
    """Auto-évaluation au terminal : votre niveau de 0 à 4 sur chaque compétence.

    Pour chaque compétence, ses quatre niveaux, puis la question (? aide, s passer, b revenir,
    q arrêter et enregistrer). Les réponses peuvent venir d'un tube, une par ligne. Avec
    --output, chaque réponse est enregistrée aussitôt ; un fichier incomplet est repris.

    Exemple : esante assess --output moi.yaml --name "Camille Martin" --job data-scientist
    """
    from ..i18n import t, tn

    st = state(ctx)
    session = _assessment(st, output, name, job, force)
    save = _saver(session, output, st.lang)
    say(t("as_intro", st.lang).format(n=tn("n_competences", len(session.questions), st.lang)))
    try:
        _ask(session, st.lang, save)
    except KeyboardInterrupt:
        say("")
        say(t("as_interrupted" if output else "as_interrupted_stdout", st.lang).format(file=output))
        raise typer.Exit(INTERRUPTED) from None
    _finish(session, output, st.lang, save)


def _assessment(
    st: State, output: str | None, name: str | None, job: str | None, force: bool
) -> "Assessment":
    """The session of questions: from scratch, or resuming ``output`` (asking again every
    question of a complete file with ``force``); ``name`` and ``job`` set on the profile."""
    from ..i18n import t, tn
    from ..profiles import Assessment, Profile, current_job_fields, load_profile

    ds, lang = st.dataset(), st.lang
    start, redo = Profile(), False
    if output is not None and Path(output).exists():
        start = load_profile(output, ds)  # a directory or a broken file stops here (exit 3)
        if not start.unassessed(ds) and not force:
            from ..errors import InputError

            message = _("{path} : déjà complet (--force pour tout reprendre)")
            raise InputError(message.format(path=output))
        redo = not start.unassessed(ds)
        done = len(ds.levelled_competences) - len(start.unassessed(ds))
        say(
            t("as_redo" if redo else "as_resume", lang).format(
                file=output, done=tn("n_assessed_already", done, lang), n=len(start.unassessed(ds))
            )
        )
    elif output is not None:
        from ..files import check_writable

        check_writable(output)
    update = {}
    if name is not None:
        update["name"] = " ".join(name.split()) or None  # a profile's name is one line
    if job is not None:  # matched exactly or kept as written, as in a profile file
        update.update(current_job_fields(ds, job))
        if update["current_job_text"] is not None:
            warn(free_job_warning(st, update["current_job_text"]))
    return Assessment(ds, start.model_copy(update=update), redo=redo)


def _saver(session: "Assessment", output: str | None, lang: Lang) -> Callable[[], None]:
    """What saves the answers so far: rewrites ``output`` (atomically), if there is one."""

    def save() -> None:
        if output is not None:
            from ..files import write_atomic
            from ..profiles import dump_profile, profile_format

            text = dump_profile(session.profile(), session.dataset, profile_format(output), lang)
            write_atomic(output, text, force=Path(output).exists())

    return save


def say(text: str) -> None:
    echo(text, lines=True)


def _readline() -> str:
    """One line of the person's answers ("" at the end of input)."""
    return sys.stdin.readline()


def _ask(session: "Assessment", lang: Lang, save: Callable[[], None]) -> None:
    """Ask until every question is answered or skipped, the person stops, or input ends."""
    from ..i18n import t

    repeat = not sys.stdin.isatty()  # piped answers: show them, so the transcript reads well
    shown = -1
    while not session.done:
        comp = session.current
        if shown != session.index:
            say("")
            say(
                t("as_question", lang).format(
                    i=session.index + 1, n=len(session.questions), label=comp.label, id=comp.id
                )
            )
            say(f"  0. {t('pf_level0', lang)}")
            for i, descriptor in enumerate(comp.levels, 1):
                say(f"  {i}. {descriptor}")
            shown = session.index
        current = session.answers.get(comp.id)
        hint = f" [{t('as_current', lang).format(level=current)}]" if current is not None else ""
        echo(f"{t('as_prompt', lang)}{hint} : ", nl=False)
        line = _readline()
        if repeat:
            say(line.rstrip("\n"))
        if line == "":  # end of input: stop as with "q"
            return
        reply = session.reply(line)
        if reply.kind == "quit":
            return
        if reply.kind == "help":
            say(t("as_help", lang))
        elif reply.kind == "first":
            say(t("as_first", lang))
        elif reply.kind == "invalid":
            say(t("as_invalid", lang).format(text=line.strip()))
        elif reply.kind == "answered":
            save()
        if reply.kind == "back":
            shown = -1


def _finish(
    session: "Assessment", output: str | None, lang: Lang, save: Callable[[], None]
) -> None:
    from ..i18n import t, tn
    from ..profiles import dump_profile

    profile = session.profile()
    total = len(session.dataset.levelled_competences)
    done = total - len(session.missing)
    say("")
    if output is None:
        echo(dump_profile(profile, session.dataset, "yaml", lang), err=False, nl=False, lines=True)
        say(tn("as_stopped", done, lang).format(total=total))
    else:
        save()
        say(tn("as_saved", done, lang).format(file=output, total=total))
    if session.missing:
        warn(
            tn("as_missing", len(session.missing), lang).format(
                file=output or t("file_metavar", lang)
            )
        )
    if profile.flat:
        warn(t("w_flat", lang).format(level=next(iter(profile.levels.values()))))


# -- match, whatif, leverage -------------------------------------------------------------------


def match_cmd(
    ctx: typer.Context,
    profile: ProfileArg,
    top: TopOpt = None,
    target: TargetOpt = None,
    anonymous: AnonymousOpt = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Détailler le coût de chaque métier.")
    ] = False,
    include_downgrades: DowngradesOpt = False,
    seed: SeedOpt = None,
    draws: DrawsOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Les métiers classés pour une personne : progressions et mobilités latérales d'abord, du
    plus proche au plus lointain, les replis ensuite (--include-downgrades).

    Pour chacun : part des exigences déjà détenue, sens du passage, niveaux à gravir,
    compétences bloquantes (écart de 2 ou plus), stabilité, détail du coût (--explain).

    Exemple : esante match moi.yaml --top 5
    """
    from ..queries.people import match_jobs

    st = state(ctx)
    person = load_person(st, profile)
    result = match_jobs(
        st.dataset(),
        person,
        top=top,
        include_downgrades=include_downgrades,
        draws=draws,
        seed=seed,
        target=st.job(target) if target else None,
        anonymous=anonymous,
        config=st.model(),
    )
    st.render(result, fmt, explain=explain)


def whatif_cmd(
    ctx: typer.Context,
    profile: ProfileArg,
    raises: Annotated[
        list[str],
        typer.Option(
            "--raise",
            "-r",
            metavar="COMPÉTENCE[+N|=NIVEAU]",
            help="Compétence à monter (répétable) : +N niveaux (+1 par défaut) ou =NIVEAU.",
        ),
    ],
    top: TopOpt = None,
    target: TargetOpt = None,
    anonymous: AnonymousOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Et si la personne montait ces compétences : le classement et les écarts, avant et après.

    Exemple : esante whatif moi.yaml --raise technologies-sante+2 --target specialiste-e-sante --top 3
    """
    from ..queries.people import what_if

    st = state(ctx)
    person = load_person(st, profile)
    st.render(
        what_if(
            st.dataset(),
            person,
            raises,
            top=top,
            target=st.job(target) if target else None,
            anonymous=anonymous,
            config=st.model(),
        ),
        fmt,
    )


def leverage_cmd(
    ctx: typer.Context,
    profile: ProfileArg,
    targets: Annotated[
        list[str] | None,
        typer.Option(
            "--targets",
            "-t",
            metavar="MÉTIER[,MÉTIER...]",
            help="Métiers visés (répétable, ou séparés par des virgules) ; défaut : tous.",
        ),
    ] = None,
    top: TopOpt = None,
    anonymous: AnonymousOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """La compétence qui ouvre le plus de métiers, et le meilleur métier tremplin.

    Pour chaque compétence montée d'un niveau : les métiers qui deviennent accessibles en une
    étape, la baisse du coût des itinéraires, les métiers rapprochés. Puis les métiers par
    lesquels commencer.

    Exemple : esante leverage moi.yaml --targets specialiste-e-sante,responsable-green-it
    """
    from ..queries.people import leverage

    st = state(ctx)
    person = load_person(st, profile)
    wanted = [st.job(x.strip()) for v in targets or [] for x in v.split(",") if x.strip()]
    st.render(
        leverage(
            st.dataset(),
            person,
            targets=wanted or None,
            top=top,
            anonymous=anonymous,
            config=st.model(),
        ),
        fmt,
    )
