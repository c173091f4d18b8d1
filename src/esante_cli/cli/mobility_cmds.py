"""Commands about moves between jobs: neighbours, paths, compare, gap, recommend."""

from collections.abc import Callable, Sequence
from functools import partial
from typing import Annotated, Any

import typer

from ..choices import Direction, Format, KindFilter, Objective
from ..language import _
from ..limits import MAX_K
from .options import (
    AnonymousOpt,
    DowngradesOpt,
    DrawsOpt,
    FormatOpt,
    JobArg,
    KindOpt,
    ProfileOpt,
    SeedOpt,
    ToOpt,
    TopOpt,
)
from .state import state

FromArg = Annotated[
    str | None, typer.Argument(metavar="DÉPART", help="Métier de départ.", show_default=False)
]
ToArg = Annotated[
    str | None, typer.Argument(metavar="CIBLE", help="Métier visé.", show_default=False)
]


def neighbours_cmd(
    ctx: typer.Context,
    job: JobArg,
    direction: Annotated[
        Direction,
        typer.Option(
            "--direction",
            case_sensitive=False,
            help="in : qui mène à ce métier ; out : où il mène ; both : les deux.",
        ),
    ] = Direction.both,
    kind: KindOpt = KindFilter.all,
    top: TopOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Les métiers qui mènent à MÉTIER et ceux où il mène, par sens et par proximité, avec le
    coût dans les deux sens.

    Exemple : esante neighbours specialiste-e-sante --direction in --top 5
    """
    from ..queries.mobility import neighbours

    st = state(ctx)
    st.render(
        neighbours(
            st.dataset(), st.job(job), direction=direction, kind=kind, top=top, config=st.model()
        ),
        fmt,
    )


def paths_cmd(
    ctx: typer.Context,
    source: FromArg = None,
    target: ToArg = None,
    to: ToOpt = None,
    profile: ProfileOpt = None,
    anonymous: AnonymousOpt = False,
    k: Annotated[int, typer.Option("--k", min=1, max=MAX_K, help="Nombre de chemins.")] = 3,
    objective: Annotated[
        Objective,
        typer.Option(
            "--objective",
            case_sensitive=False,
            help="levels : le coût le plus bas (surtout les niveaux à gravir) ; hops : le "
            "moins d'étapes ; max-jump : le plus petit grand saut.",
        ),
    ] = Objective.levels,
    avoid: Annotated[
        list[str] | None,
        typer.Option("--avoid", metavar="MÉTIER", help="Métier à éviter (répétable)."),
    ] = None,
    via: Annotated[
        str | None, typer.Option("--via", metavar="MÉTIER", help="Métier par lequel passer.")
    ] = None,
    max_hops: Annotated[
        int | None, typer.Option("--max-hops", min=1, help="Au plus N étapes.")
    ] = None,
    declared_only: Annotated[
        bool, typer.Option("--declared-only", help="Seulement les passages que la fiche déclare.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Détailler le coût de chaque étape et les acquis gardés."),
    ] = False,
    seed: SeedOpt = None,
    draws: DrawsOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Les k meilleurs chemins de DÉPART à CIBLE, étape par étape, avec ce qu'il faut apprendre.

    Chaque étape part de ce que l'itinéraire a acquis (le départ, monté par chaque étape) ;
    le passage direct est toujours un candidat ; chaque chemin a sa stabilité.

    Avec --profile, le départ est une personne : esante paths --profile PROFIL --to MÉTIER.

    Exemple : esante paths "Data Scientist" "Responsable Green IT" --k 3 --explain
    """
    find = _route_query(profile is not None, anonymous)  # imported before the data is read
    st = state(ctx)
    ds = st.dataset()
    ends = start_and_target("paths", [source, target, to], profile, "--to " + _("MÉTIER"))
    start = _person(st, profile) if profile is not None else st.job(ends[0])
    goal, avoided = st.job(ends[-1]), [st.job(a) for a in avoid or []]
    options = {
        "k": k,
        "objective": objective,
        "avoid": avoided,
        "via": st.job(via) if via else None,
        "max_hops": max_hops,
        "declared_only": declared_only,
        "draws": draws,
        "seed": seed,
    }
    st.render(find(ds, start, goal, config=st.model(), **options), fmt, explain=explain)


def _route_query(person: bool, anonymous: bool) -> Callable[..., Any]:
    """The query of the routes from a job (given its id) or from a person (given a profile)."""
    if not person:
        from ..queries.mobility import shortest_paths

        return shortest_paths
    from ..queries.people import profile_paths

    return partial(profile_paths, anonymous=anonymous)


def start_and_target(
    command: str, given: Sequence[str | None], profile: str | None, target_usage: str
) -> list[str]:
    """The job names given (the target alone with ``--profile``, else a start and a target),
    or the usage error that says how to give them."""
    ends = [x for x in given if x is not None]
    if profile is not None and len(ends) != 1:
        message = _(
            "avec --profile, donnez seulement le métier visé : esante {command} --profile PROFIL {target}"
        )
        raise typer.BadParameter(
            message.format(command=command, target=target_usage), param_hint=_("CIBLE")
        )
    if profile is None and len(ends) != 2:
        message = _(
            "donnez un départ et une cible : esante {command} DÉPART CIBLE (ou --profile PROFIL {target})"
        )
        raise typer.BadParameter(
            message.format(command=command, target=target_usage),
            param_hint=_("DÉPART") + " " + _("CIBLE"),
        )
    return ends


def compare_cmd(
    ctx: typer.Context,
    jobs: Annotated[list[str], typer.Argument(metavar="A B [C ...]", help="Deux métiers ou plus.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Comparer des métiers côte à côte : niveaux, points forts, coût de chaque passage.

    Exemple : esante compare data-engineer data-scientist specialiste-e-sante
    """
    from ..queries.mobility import compare_jobs

    st = state(ctx)
    ids = [st.job(j) for j in jobs]
    if len(set(ids)) < 2:
        raise typer.BadParameter(
            _("donnez au moins deux métiers différents"), param_hint="A B [C ...]"
        )
    if len(set(ids)) != len(ids):
        repeated = sorted({j for j in ids if ids.count(j) > 1})
        message = _("chaque métier une seule fois (répété : {ids})")
        raise typer.BadParameter(message.format(ids=", ".join(repeated)), param_hint="A B [C ...]")
    st.render(compare_jobs(st.dataset(), ids, config=st.model()), fmt)


def gap_cmd(
    ctx: typer.Context,
    source: FromArg = None,
    target: ToArg = None,
    to: ToOpt = None,
    profile: ProfileOpt = None,
    anonymous: AnonymousOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Ce qui sépare DÉPART de CIBLE, compétence par compétence : niveaux à gravir et quoi
    apprendre.

    Avec --profile, le départ est une personne : esante gap --profile PROFIL CIBLE (ou --to
    CIBLE).

    Exemple : esante gap data-scientist specialiste-e-sante
    """
    st = state(ctx)
    ends = start_and_target("gap", [source, target, to], profile, _("CIBLE"))
    if profile is None:
        from ..queries.mobility import competence_gap

        st.render(
            competence_gap(st.dataset(), st.job(ends[0]), st.job(ends[1]), config=st.model()), fmt
        )
        return
    from ..queries.people import profile_gap

    person = _person(st, profile)
    st.render(
        profile_gap(st.dataset(), person, st.job(ends[0]), anonymous=anonymous, config=st.model()),
        fmt,
    )


def recommend_cmd(
    ctx: typer.Context,
    job: JobArg,
    top: Annotated[int, typer.Option("--top", min=1, help="Nombre de métiers.")] = 5,
    all_jobs: Annotated[
        bool, typer.Option("--all", help="Classer aussi les métiers sans lien direct.")
    ] = False,
    include_downgrades: DowngradesOpt = False,
    seed: SeedOpt = None,
    draws: DrawsOpt = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Les métiers les plus proches depuis MÉTIER : progressions et mobilités latérales, les
    plus proches d'abord (part des exigences déjà détenue), avec leur stabilité.

    Exemple : esante recommend architecte-iot --top 5 --include-downgrades
    """
    from ..queries.mobility import recommend

    st = state(ctx)
    st.render(
        recommend(
            st.dataset(),
            st.job(job),
            top=top,
            all_jobs=all_jobs,
            include_downgrades=include_downgrades,
            draws=draws,
            seed=seed,
            config=st.model(),
        ),
        fmt,
    )


def _person(st: Any, profile: str) -> Any:
    """The profile a route or a gap starts from (the people commands' reader, imported only
    when a profile is given)."""
    from .people_cmds import load_person

    return load_person(st, profile)
