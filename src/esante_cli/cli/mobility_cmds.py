"""Commands about moves between jobs: neighbours, paths, compare, gap, recommend."""


from enum import Enum
from typing import Annotated

import typer

from .options import DowngradesOpt, DrawsOpt, FormatOpt, SeedOpt
from .state import state


class DirectionOpt(str, Enum):
    both = "both"
    in_ = "in"
    out = "out"


class KindOpt(str, Enum):
    all = "all"
    declared = "declared"
    computed = "computed"


class ObjectiveOpt(str, Enum):
    levels = "levels"
    hops = "hops"
    max_jump = "max-jump"


JobArg = Annotated[str, typer.Argument(help="Métier : id, titre ou autre appellation (FR/EN).")]
TopOpt = Annotated[int | None, typer.Option("--top", min=1, help="Au plus N métiers (les plus proches).")]
ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", metavar="PROFILE", help="Partir d'une personne (fichier de profil YAML ou JSON) "
    "plutôt que d'un métier.")]
AnonymousOpt = Annotated[bool, typer.Option(
    "--anonymous", help="Avec --profile : ne pas afficher le nom de la personne.")]


def neighbours_cmd(
    ctx: typer.Context,
    job: JobArg,
    direction: Annotated[DirectionOpt, typer.Option("--direction", case_sensitive=False,
                         help="in : qui mène à ce métier ; out : où il mène ; both : les deux.")] = DirectionOpt.both,
    kind: Annotated[KindOpt, typer.Option("--kind", case_sensitive=False,
                    help="declared : liens de la fiche ; computed : liens calculés ; all.")] = KindOpt.all,
    top: TopOpt = None,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Les métiers qui mènent à MÉTIER et ceux où il mène, par sens et par proximité, avec le
    coût dans les deux sens.

    Exemple : esante neighbours specialiste-e-sante --direction in --top 5
    """
    from ..queries.mobility import neighbours

    st = state(ctx)
    ds = st.dataset()
    result = neighbours(ds, st.job(job), direction=direction.value, kind=kind.value,  # type: ignore[arg-type]
                        top=top, config=st.model())
    st.render(result, fmt)


def paths_cmd(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(metavar="FROM", help="Métier de départ.",
                      show_default=False)] = None,
    target: Annotated[str | None, typer.Argument(metavar="TO", help="Métier visé.",
                      show_default=False)] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="JOB",
                  help="Métier visé (à la place de TO).")] = None,
    profile: ProfileOpt = None,
    anonymous: AnonymousOpt = False,
    k: Annotated[int, typer.Option("--k", min=1, help="Nombre de chemins.")] = 3,
    objective: Annotated[ObjectiveOpt, typer.Option("--objective", case_sensitive=False,
                         help="levels : le coût le plus bas (surtout les niveaux à gravir) ; hops : le "
                              "moins d'étapes ; max-jump : le plus petit grand saut.")] = ObjectiveOpt.levels,
    avoid: Annotated[list[str] | None, typer.Option("--avoid", metavar="JOB",
                     help="Métier à éviter (répétable).")] = None,
    via: Annotated[str | None, typer.Option("--via", metavar="JOB", help="Métier par lequel passer.")] = None,
    max_hops: Annotated[int | None, typer.Option("--max-hops", min=1, help="Au plus N étapes.")] = None,
    declared_only: Annotated[bool, typer.Option("--declared-only",
                             help="Seulement les passages que la fiche déclare.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Détailler le coût de chaque étape "
                                          "et les acquis gardés.")] = False,
    seed: SeedOpt = None,
    draws: DrawsOpt = None,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Les k meilleurs chemins de FROM à TO, étape par étape, avec ce qu'il faut apprendre.

    Chaque étape part de ce que l'itinéraire a acquis (le départ, monté par chaque étape) ;
    le passage direct est toujours un candidat ; chaque chemin a sa stabilité.

    Avec --profile, le départ est une personne : esante paths --profile PROFIL --to TO.

    Exemple : esante paths "Data Scientist" "Responsable Green IT" --k 3 --explain
    """
    from ..queries.mobility import shortest_paths

    st = state(ctx)
    ds = st.dataset()
    ends = [x for x in (source, target, to) if x is not None]
    if profile is not None:
        if len(ends) != 1:
            raise typer.BadParameter("with --profile, give the target only: "
                                     "esante paths --profile PROFILE --to TO", param_hint="TO")
        from ..queries.people import profile_paths
        from .people_cmds import load_person

        result = profile_paths(
            ds, load_person(st, profile), st.job(ends[0]), k=k,
            objective=objective.value,  # type: ignore[arg-type]
            avoid=[st.job(a) for a in avoid or []], via=st.job(via) if via else None,
            max_hops=max_hops, declared_only=declared_only, draws=draws, seed=seed,
            anonymous=anonymous, config=st.model(),
        )
        st.render(result, fmt, explain=explain)
        return
    if len(ends) != 2 or source is None:
        raise typer.BadParameter("give a start and a target: esante paths FROM TO "
                                 "(or --profile PROFILE --to TO)", param_hint="FROM TO")
    result = shortest_paths(
        ds, st.job(ends[0]), st.job(ends[1]), k=k, objective=objective.value,  # type: ignore[arg-type]
        avoid=[st.job(a) for a in avoid or []], via=st.job(via) if via else None,
        max_hops=max_hops, declared_only=declared_only, draws=draws, seed=seed,
        config=st.model(),
    )
    st.render(result, fmt, explain=explain)


def compare_cmd(
    ctx: typer.Context,
    jobs: Annotated[list[str], typer.Argument(metavar="A B [C ...]", help="Deux métiers ou plus.")],
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Comparer des métiers côte à côte : niveaux, points forts, coût de chaque passage.

    Exemple : esante compare data-engineer data-scientist specialiste-e-sante
    """
    from ..queries.mobility import compare_jobs

    st = state(ctx)
    ids = [st.job(j) for j in jobs]
    if len(ids) < 2 or len(set(ids)) != len(ids):
        raise typer.BadParameter("give at least two different jobs", param_hint="A B [C ...]")
    st.render(compare_jobs(st.dataset(), ids, config=st.model()), fmt)


def gap_cmd(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(metavar="FROM", help="Métier de départ.",
                      show_default=False)] = None,
    target: Annotated[str | None, typer.Argument(metavar="TO", help="Métier visé.",
                      show_default=False)] = None,
    profile: ProfileOpt = None,
    anonymous: AnonymousOpt = False,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Ce qui sépare FROM de TO, compétence par compétence : niveaux à gravir et quoi apprendre.

    Avec --profile, le départ est une personne : esante gap --profile PROFIL TO.

    Exemple : esante gap data-scientist specialiste-e-sante
    """
    from ..queries.mobility import competence_gap

    st = state(ctx)
    ends = [x for x in (source, target) if x is not None]
    if profile is not None:
        if len(ends) != 1:
            raise typer.BadParameter("with --profile, give the target only: "
                                     "esante gap --profile PROFILE TO", param_hint="TO")
        from ..queries.people import profile_gap
        from .people_cmds import load_person

        person = load_person(st, profile)
        st.render(profile_gap(st.dataset(), person, st.job(ends[0]), anonymous=anonymous,
                              config=st.model()), fmt)
        return
    if len(ends) != 2:
        raise typer.BadParameter("give a start and a target: esante gap FROM TO "
                                 "(or --profile PROFILE TO)", param_hint="FROM TO")
    st.render(competence_gap(st.dataset(), st.job(ends[0]), st.job(ends[1]), config=st.model()), fmt)


def recommend_cmd(
    ctx: typer.Context,
    job: JobArg,
    top: Annotated[int, typer.Option("--top", min=1, help="Nombre de métiers.")] = 5,
    all_jobs: Annotated[bool, typer.Option("--all", help="Classer aussi les métiers sans lien direct.")] = False,
    include_downgrades: DowngradesOpt = False,
    seed: SeedOpt = None,
    draws: DrawsOpt = None,
    fmt: FormatOpt = "table",  # type: ignore[assignment]
) -> None:
    """Les métiers les plus proches depuis MÉTIER : progressions et mobilités latérales, les
    plus proches d'abord (part des exigences déjà détenue), avec leur stabilité.

    Exemple : esante recommend architecte-iot --top 5 --include-downgrades
    """
    from ..queries.mobility import recommend

    st = state(ctx)
    st.render(recommend(st.dataset(), st.job(job), top=top, all_jobs=all_jobs,
                        include_downgrades=include_downgrades, draws=draws, seed=seed,
                        config=st.model()), fmt)


def register(app: typer.Typer) -> None:
    app.command("neighbours")(neighbours_cmd)
    app.command("paths")(paths_cmd)
    app.command("compare")(compare_cmd)
    app.command("gap")(gap_cmd)
    app.command("recommend")(recommend_cmd)
