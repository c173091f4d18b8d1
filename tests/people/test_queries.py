"""People queries on the ``chain`` fixture, with answers worked out by hand.

The person has (alpha 2, beta 1): job b's levels. Default model (climb 1, max_jump 0.5,
unused 0.1, declared factor 1, hop penalty 0.5; one step: coverage >= 0.561, jump <= 2).
From the person (coverage = held / required; direction by share to learn - share unused):

    to a (1, 1): unused 1            -> 0.6   coverage 2/2  downgrade (leaves 1 of 3)
    to b (2, 1): nothing             -> 0.5   coverage 3/3  lateral
    to c (2, 2): climb 1, jump 1     -> 2.0   coverage 3/4  progression
    to d (3, 2): climb 2, jump 1     -> 3.0   coverage 3/5  progression
    to e (3, 3): climb 3, jump 2     -> 4.5   coverage 3/6  progression (not one step: 0.5)

Routes carry the person's levels: to e, the direct move (4.5) beats person -> c -> e
(2.0 + 3.0) and person -> d -> e (3.0 + 2.0); a or b add nothing towards e, so no route
passes through them.
"""

from __future__ import annotations

import json

import pytest

from esante_cli.errors import InputError, NoRouteError, UnknownNameError
from esante_cli.profiles import parse_profile
from esante_cli.queries.people import (
    leverage,
    match_jobs,
    parse_raise,
    person_levels,
    profile_gap,
    profile_paths,
    what_if,
)
from esante_cli.results.people import PROFILE_NODE


def dumped(result) -> str:
    return json.dumps(result.model_dump(mode="json", by_alias=True), sort_keys=True)


# -- match -----------------------------------------------------------------------------------


def test_match_ranks_the_jobs_closest_first_downgrades_apart(chain, person):
    """b (all held, lateral), then c, d, e by coverage; a is a downgrade, hidden unless asked,
    then last."""
    result = match_jobs(chain, person, draws=0)
    assert [(m.id, m.coverage, m.cost, m.move) for m in result.matches] == [
        ("b", 1.0, 0.5, "lateral"),
        ("c", 0.75, 2.0, "progression"),
        ("d", 0.6, 3.0, "progression"),
        ("e", 0.5, 4.5, "progression"),
    ]
    assert [m.rank for m in result.matches] == [1, 2, 3, 4]
    assert result.hidden_downgrades == 1
    every = match_jobs(chain, person, include_downgrades=True, draws=0)
    assert [(m.rank, m.id, m.move) for m in every.matches][-1] == (5, "a", "downgrade")


def test_match_gives_levels_blocking_strengths_band_and_coverage(chain, person):
    """e: 3 levels to climb, beta blocking (1 -> 3), band lointaine (coverage 3/6)."""
    e = match_jobs(chain, person).matches[-1]
    assert (e.levels_to_climb, e.max_jump, e.band, e.coverage) == (3, 2, "lointaine", 0.5)
    assert [(g.id, g.level, g.required, g.delta) for g in e.blocking] == [("beta", 1, 3, 2)]
    assert [g.id for g in e.gaps] == ["beta", "alpha"]
    assert e.parts.cost == e.cost and e.parts.climb == 3
    a = match_jobs(chain, person, include_downgrades=True).matches[-1]
    assert a.id == "a" and [(g.id, g.delta) for g in a.strengths] == [("alpha", -1)]


def test_match_one_step_counts_only_what_is_missing(chain, person):
    """a, b, c, d are one step away (coverage 0.561 or more, no jump above 2); e is not."""
    reach = {m.id: m.reachable for m in match_jobs(chain, person, include_downgrades=True).matches}
    assert reach == {"a": True, "b": True, "c": True, "d": True, "e": False}


def test_match_top_keeps_the_best(chain, person):
    """--top 2 keeps b and c."""
    assert [m.id for m in match_jobs(chain, person, top=2).matches] == ["b", "c"]


def test_match_marks_the_person_levels_as_user(chain, person):
    """The person's levels carry provenance 'user'; the jobs' estimates make the result
    'uses_estimates'; job a (card levels) with the person's gives 'user'."""
    result = match_jobs(chain, person, include_downgrades=True)
    assert [(lv.id, lv.level, lv.provenance) for lv in result.levels] == [
        ("alpha", 2, "user"),
        ("beta", 1, "user"),
    ]
    provenance = {m.id: m.provenance for m in result.matches}
    assert provenance["a"] == "user" and provenance["e"] == "estimate"
    assert result.uses_estimates


def test_unassessed_competence_counts_as_zero_and_is_listed(chain):
    """Without beta: to a, climb 1 (beta 0 -> 1), unused 1 -> 1 + 0.5 + 0.1 + 0.5 = 2.1."""
    profile = parse_profile("competences: {alpha: 2}\n", chain)
    result = match_jobs(chain, profile, include_downgrades=True)
    a = next(m for m in result.matches if m.id == "a")
    assert a.cost == 2.1
    assert result.unassessed == ["beta"]
    assert [(lv.id, lv.provenance) for lv in result.levels] == [("alpha", "user"), ("beta", None)]


def test_level_zero_costs_like_unassessed_but_is_the_persons(chain):
    """beta 0 gives the same costs as no beta, but it is assessed (not listed as missing)."""
    zero = match_jobs(chain, parse_profile("competences: {alpha: 2, beta: 0}\n", chain))
    none = match_jobs(chain, parse_profile("competences: {alpha: 2}\n", chain))
    assert [m.cost for m in zero.matches] == [m.cost for m in none.matches]
    assert zero.unassessed == [] and none.unassessed == ["beta"]


def test_flat_profile_is_flagged(chain):
    """Every level the same: the result says so."""
    assert match_jobs(chain, parse_profile("competences: {alpha: 2, beta: 2}\n", chain)).flat
    assert not match_jobs(chain, parse_profile("competences: {alpha: 2, beta: 1}\n", chain)).flat


def test_anonymous_leaves_the_name_out(chain, person):
    """With anonymous, the name appears nowhere in the result."""
    assert "Ana" in dumped(match_jobs(chain, person))
    result = match_jobs(chain, person, anonymous=True)
    assert "Ana" not in dumped(result)
    assert result.anonymous and result.profile.name == "anonyme"


# -- gap -------------------------------------------------------------------------------------


def test_profile_gap_to_e(chain, person):
    """alpha 2 -> 3 (+1), beta 1 -> 3 (+2): 3 levels, one blocking, the person's levels 'user'."""
    gap = profile_gap(chain, person, "e")
    assert [(i.id, i.current, i.required, i.delta) for i in gap.items] == [
        ("beta", 1, 3, 2),
        ("alpha", 2, 3, 1),
    ]
    assert (gap.total_levels, gap.blocking, gap.transition.cost) == (3, 1, 4.5)
    assert {i.current_provenance for i in gap.items} == {"user"}
    assert gap.source.kind == "profile" and gap.source.name == "Ana"


def test_profile_gap_shows_a_zero_as_the_persons(chain):
    """A level 0 is current 0 with provenance 'user'; an unassessed one is current None."""
    gap = profile_gap(chain, parse_profile("competences: {alpha: 0}\n", chain), "a")
    items = {i.id: (i.current, i.current_provenance, i.delta) for i in gap.items}
    assert items == {"alpha": (0, "user", 1), "beta": (None, None, 1)}


# -- paths -----------------------------------------------------------------------------------


def test_profile_paths_from_the_person(chain, person):
    """The three best routes to e start at the person: direct (4.5), via c and via d (5.0)."""
    result = profile_paths(chain, person, "e", k=3)
    assert [(r.jobs, r.cost) for r in result.routes] == [
        ([PROFILE_NODE, "e"], 4.5),
        ([PROFILE_NODE, "c", "e"], 5.0),
        ([PROFILE_NODE, "d", "e"], 5.0),
    ]
    first = result.routes[0].steps[0]
    assert (first.source, first.target, first.kind, first.cost) == (
        PROFILE_NODE,
        "e",
        "direct",
        4.5,
    )
    assert result.titles[PROFILE_NODE] == "Ana"
    # via d: the second step starts from the state (3, 2): only beta 2 -> 3 is left
    via_d = result.routes[2].steps[1]
    assert [(x.id, x.current, x.required) for x in via_d.rises] == [("beta", 2, 3)]


def test_a_route_keeps_the_persons_levels_above_the_job_on_the_way(chain):
    """A person at (3, 1) going to e through c (2, 2): the second step asks beta only; alpha 3
    is the person's own, kept though c asks 2, and never asked again."""
    person = parse_profile("competences: {alpha: 3, beta: 1}\n", chain)
    route = next(
        r
        for r in profile_paths(chain, person, "e", k=3, objective="max-jump").routes
        if r.jobs == [PROFILE_NODE, "c", "e"]
    )
    first, second = route.steps
    assert [(k.id, k.level, k.required) for k in first.kept] == [("alpha", 3, 2)]
    assert [(x.id, x.current, x.required, x.current_provenance) for x in second.rises] == [
        ("beta", 2, 3, "estimate")
    ]
    assert route.levels == 2  # beta 1 -> 2 -> 3: the direct move's two levels, no more


def test_profile_paths_first_step_shows_what_the_person_climbs(chain, person):
    """Person -> c raises beta 1 -> 2, the 1 being the person's own level."""
    route = profile_paths(chain, person, "c", k=1).routes[0]
    assert route.jobs == [PROFILE_NODE, "c"]
    rise = route.steps[0].rises[0]
    assert (rise.id, rise.current, rise.required, rise.current_provenance) == ("beta", 1, 2, "user")


def test_profile_paths_constraints(chain, person):
    """--avoid c leaves the direct move and the route through d; through c in one step, no
    route exists."""
    assert [r.jobs for r in profile_paths(chain, person, "e", k=3, avoid=["c"]).routes] == [
        [PROFILE_NODE, "e"],
        [PROFILE_NODE, "d", "e"],
    ]
    with pytest.raises(
        NoRouteError, match="depuis le profil vers e avec ces contraintes : au plus 1 étape"
    ):
        profile_paths(chain, person, "e", max_hops=1, via="c")


def test_profile_paths_declared_only_leaves_no_first_step(chain, person):
    """The card declares moves between jobs only: no route starts from a person."""
    with pytest.raises(NoRouteError):
        profile_paths(chain, person, "e", declared_only=True)


def test_profile_paths_agrees_with_leverage(chain, person):
    """The cheapest route of paths --profile costs what leverage reports, for every job."""
    lev = {t.id: t.cost for t in leverage(chain, person).targets}
    for job in ("a", "b", "c", "d", "e"):
        assert profile_paths(chain, person, job, k=1).routes[0].cost == lev[job]


# -- what if ---------------------------------------------------------------------------------


def test_whatif_raise_beta(chain, person):
    """beta 1 -> 2 makes the person c: c first (all held), b and a become downgrades (last);
    e: 4.5 -> 3.0 and one step away (coverage 4/6, jump 1)."""
    result = what_if(chain, person, ["beta"])
    assert [(r.id, r.rank_before, r.rank_after) for r in result.jobs] == [
        ("c", 2, 1),
        ("d", 3, 2),
        ("e", 4, 3),
        ("b", 1, 4),
        ("a", 5, 5),
    ]
    e = result.jobs[2]
    assert (e.cost_before, e.cost_after, e.levels_before, e.levels_after) == (4.5, 3.0, 3, 2)
    assert (e.coverage_before, e.coverage_after) == (0.5, 0.667)
    assert (e.blocking_before, e.blocking_after) == (1, 0)
    assert [(c.id, c.delta_before, c.delta_after) for c in e.changes] == [("beta", 2, 1)]
    assert (result.jobs[3].move_before, result.jobs[3].move_after) == ("lateral", "downgrade")
    assert result.newly_reachable == ["e"]
    assert result.closer == ["c", "d", "e"]
    assert [(r.id, r.before, r.after) for r in result.raises] == [("beta", 1, 2)]


def test_whatif_target_outside_top(chain, person):
    """--target shows a job even below --top, after the others."""
    result = what_if(chain, person, ["beta"], top=1, target="a")
    assert [r.id for r in result.jobs] == ["c", "a"] and result.target == "a"


@pytest.mark.parametrize(
    ("spec", "after"),
    [("alpha", 3), ("alpha+2", 4), ("alpha=4", 4), ("Alpha + 1", 3), ("beta=3", 3)],
)
def test_parse_raise_forms(chain, person, spec, after):
    """COMPETENCE (+1), COMPETENCE+N and COMPETENCE=LEVEL, by id or label."""
    assert parse_raise(chain, spec, person_levels(chain, person)).after == after


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("alpha+3", "au-dessus du niveau le plus haut 4"),
        ("alpha=2", "déjà au niveau 2"),
        ("alpha=1", "déjà au niveau 2"),
        ("alpha+x", "N doit être un nombre entier"),
        ("alpha+0", "N doit valoir au moins 1"),
        ("gamma", "n'a pas de niveaux"),
        ("+1", "aucune compétence nommée"),
    ],
)
def test_parse_raise_rejects(chain, person, spec, message):
    """A raise beyond 4, not above the current level, not a number, or on a competence
    without levels is an input error."""
    with pytest.raises(InputError, match=message):
        parse_raise(chain, spec, person_levels(chain, person))


def test_parse_raise_unknown_competence_suggests(chain, person):
    """A misspelt competence is an unknown name with a suggestion."""
    with pytest.raises(UnknownNameError, match=r"vouliez-vous dire : Alpha \(alpha\)"):
        parse_raise(chain, "alpah", person_levels(chain, person))


def test_whatif_refuses_the_same_competence_twice(chain, person):
    """alpha raised twice is an input error."""
    with pytest.raises(InputError, match="deux fois"):
        what_if(chain, person, ["alpha", "Alpha=4"])


# -- leverage --------------------------------------------------------------------------------


def test_leverage_routes_today(chain, person):
    """Cheapest routes: every one direct (a 0.6, b 0.5, c 2.0, d 3.0, e 4.5); e is not one
    step, and its gentlest route starts with c (beta 1 -> 2 -> 3 by single levels, where the
    direct move jumps 2; through d ties at jumps of 1, c first by id)."""
    result = leverage(chain, person)
    assert [(t.id, t.cost, t.first_step, t.reachable, t.band) for t in result.targets] == [
        ("a", 0.6, None, True, "proche"),
        ("b", 0.5, None, True, "proche"),
        ("c", 2.0, None, True, "proche"),
        ("d", 3.0, None, True, "accessible"),
        ("e", 4.5, "c", False, "lointaine"),
    ]


def test_leverage_ranks_raises(chain, person):
    """Both raises bring e one step away; beta brings the targets closer. beta (the person
    becomes c): coverage c +0.25, d +0.2, e +0.167 = 0.617; on the routes to those three,
    c -1.5, d -1.0, e -1.5 = 4.0 saved (a and b, which it does not bring closer, would only
    leave one more level unused). alpha (3, 1): coverage d +0.2, e +0.167 = 0.367; routes
    d -1.0, e -1.0 = 2.0."""
    result = leverage(chain, person)
    beta, alpha = result.raises
    assert (beta.rank, alpha.rank) == (1, 2)
    assert (beta.id, beta.before, beta.after, beta.newly_reachable) == ("beta", 1, 2, ["e"])
    assert (beta.closeness_gain, beta.route_gain) == (0.617, 4.0)
    assert (beta.closer, beta.unblocked) == (["c", "d", "e"], ["e"])
    assert (alpha.id, alpha.newly_reachable, alpha.closeness_gain) == ("alpha", ["e"], 0.367)
    assert (alpha.route_gain, alpha.closer, alpha.unblocked) == (2.0, ["d", "e"], [])
    assert result.best_raise == "beta"


def test_leverage_stepping_stones(chain, person):
    """c starts the gentlest route to e: it is the one stepping stone; a job whose gentlest
    route is direct, or a downgrade, never is."""
    result = leverage(chain, person)
    assert [(s.id, s.serves, s.cost, s.move) for s in result.stepping_stones] == [
        ("c", ["e"], 2.0, "progression")
    ]
    assert result.best_stepping_stone == "c"
    # a person at (3, 1) reaches e's gentlest route through c too, but c is then lateral
    # (learn beta 1 -> 2, leave alpha 3 -> 2); from (3, 3) nothing needs a step
    top = parse_profile("competences: {alpha: 3, beta: 3}\n", chain)
    assert leverage(chain, top).stepping_stones == []


def test_leverage_targets_restrict_the_counts(chain, person):
    """With target e only, both raises open e in one step and bring it as close; beta saves
    more on the route (4.5 -> 3.0 against 3.5) and unblocks it."""
    result = leverage(chain, person, targets=["e"])
    assert [t.id for t in result.targets] == ["e"] and not result.all_targets
    assert {r.id: r.newly_reachable for r in result.raises} == {"alpha": ["e"], "beta": ["e"]}
    assert [(r.id, r.rank, r.closeness_gain, r.route_gain) for r in result.raises] == [
        ("beta", 1, 0.167, 1.5),
        ("alpha", 2, 0.167, 1.0),
    ]
    assert result.best_stepping_stone == "c"


def test_leverage_ties_share_a_rank(chain):
    """Two raises with the same effect share a rank: a person at (1, 1) aiming at b (2, 1)
    or c (2, 2) only."""
    person = parse_profile("competences: {alpha: 1, beta: 1}\n", chain)
    result = leverage(chain, person, targets=["c"])
    # c asks (2, 2): alpha or beta +1 each hold one more of its 4 levels, same route gain
    assert [(r.id, r.rank) for r in result.raises] == [("alpha", 1), ("beta", 1)]


def test_leverage_skips_competences_at_the_top(chain):
    """A competence already at 4 has no raise."""
    profile = parse_profile("competences: {alpha: 4, beta: 1}\n", chain)
    assert [r.id for r in leverage(chain, profile).raises] == ["beta"]


def test_results_are_deterministic(chain):
    """The same person written in another order gives the same bytes."""
    one = parse_profile("competences: {alpha: 2, beta: 1}\n", chain)
    two = parse_profile("competences: {Bêta: 1, alpha: 2}\n", chain)
    for query in (match_jobs, leverage):
        assert dumped(query(chain, one)) == dumped(query(chain, two))
    assert dumped(what_if(chain, one, ["beta"])) == dumped(what_if(chain, two, ["beta"]))
    assert dumped(profile_paths(chain, one, "e")) == dumped(profile_paths(chain, two, "e"))


# -- what is shown and what is not -----------------------------------------------------------


@pytest.mark.parametrize("top", [1, 3, 5])
@pytest.mark.parametrize("downgrades", [False, True])
def test_every_job_is_shown_or_counted_once(top, downgrades):
    """Bundled data, a sample profile, any job asked for with ``target``: the jobs shown, those
    said left out and the downgrades said hidden add up to every job, the job asked for
    counted as shown wherever it ranks (it was also counted as left out: '9 others' under a
    list of 4 of 12)."""
    from pathlib import Path

    from esante_cli.dataset import load_dataset
    from esante_cli.profiles import load_profile

    ds = load_dataset()
    examples = Path(__file__).resolve().parents[2] / "examples" / "profiles"
    karim = load_profile(examples / "karim-developpeur.yaml", ds)
    for job in ds.jobs:
        found = match_jobs(ds, karim, top=top, target=job.id, include_downgrades=downgrades)
        shown = len(found.matches)
        assert shown + found.left_out + found.hidden_downgrades == len(ds.jobs), job.id
        assert job.id in {m.id for m in found.matches}
        raised = what_if(ds, karim, ["technologies-sante+2"], top=top, target=job.id)
        assert len(raised.jobs) + raised.left_out == len(ds.jobs), job.id


def test_leverage_routes_say_what_their_effort_rests_on(invoke):
    """The effort of each target's route carries the provenance of the levels it rests on
    (the target's: the cheapest route is the direct move), and the table marks the estimates
    as match does: 7,2* for Architecte IoT, 13,5 bare for the card's own job."""
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "examples" / "profiles"
    karim = str(examples / "karim-developpeur.yaml")
    data = json.loads(invoke("leverage", karim, "--format", "json").stdout)
    provenance = {x["id"]: x["provenance"] for x in data["targets"]}
    assert provenance["specialiste-e-sante"] == "card"
    assert provenance["architecte-iot"] == "estimate"
    table = invoke("leverage", karim, "--format", "markdown").stdout.replace("\\*", "*")
    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in table.splitlines()
        if line.startswith("|") and line.count("|") >= 6
    }
    assert rows["Architecte IoT"].endswith("*")
    assert rows["Spécialiste e-santé"] == "13,5"
