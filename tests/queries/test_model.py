"""The transition model as a whole: its calibration on the card's moves, its validation table,
the stability figures, the direction of moves, and what raising a competence does."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli.costmodel import DEFAULT_MODEL, ModelConfig, transition
from esante_cli.dataset import load_dataset
from esante_cli.graph import level_matrix
from esante_cli.moves import moves_from
from esante_cli.profiles import Profile, load_profile, parse_profile
from esante_cli.queries.mobility import recommend, shortest_paths
from esante_cli.queries.model import calibrate, check_model, reference_moves
from esante_cli.queries.people import leverage, match_jobs, person_levels
from esante_cli.stability import draw_levels, interval, kept_rank

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "profiles"
FAST = settings(max_examples=40, deadline=None)


@pytest.fixture(scope="module")
def real():
    return load_dataset()


def dumped(result) -> str:
    return json.dumps(result.model_dump(mode="json", by_alias=True), sort_keys=True)


# -- calibration -----------------------------------------------------------------------------


def test_the_shipped_model_is_the_one_calibrated_on_the_card(real):
    """Calibrating the shipped model on the bundled data gives it back unchanged."""
    assert calibrate(real, DEFAULT_MODEL).model == DEFAULT_MODEL


def test_calibration_follows_nesta_rule(real):
    """accessible = mean coverage of the references minus one (sample) standard deviation,
    proche = their mean; worked out here from the twelve coverages."""
    result = calibrate(real, DEFAULT_MODEL)
    covs = [m.coverage for m in result.moves]
    assert len(covs) == result.count == 12
    mean, sd = float(np.mean(covs)), float(np.std(covs, ddof=1))
    assert result.proche == round(mean, 3) and result.accessible == round(mean - sd, 3)


def test_the_card_moves_fall_in_the_closer_bands(real):
    """At least 7 of the 9 provenances and all 3 evolutions are proche or accessible."""
    result = calibrate(real, DEFAULT_MODEL)
    closer = {"provenance": 0, "evolution": 0}
    for m in result.moves:
        closer[m.kind] += m.band != "lointaine"
    assert closer["provenance"] >= 7 and closer["evolution"] == 3
    assert result.in_closer_bands == sum(closer.values())


def test_references_without_declared_moves_are_same_isco_pairs(real):
    """A dataset without declared moves is calibrated on pairs of one ISCO-08 group."""
    from esante_cli.models import SourcedText

    def group(job_id: str) -> SourcedText:
        code = "2511" if job_id.startswith("data") else "2512"
        return SourcedText(value=f"ISCO-08 {code}", provenance="guess", reason="test")

    metier = real.metier.model_copy(
        update={
            "jobs": [job.model_copy(update={"family": group(job.id)}) for job in real.metier.jobs]
        }
    )
    from esante_cli.dataset import Dataset

    ds = Dataset(
        real.path,
        metier,
        real.mobilites.model_copy(update={"mobilities": []}),
        {j.id: j for j in metier.jobs},
        dict(real.competences_by_id),
    )
    what, refs = reference_moves(ds)
    assert ("data-engineer", "data-scientist", "same-group") in refs
    assert all(kind == "same-group" for _, _, kind in refs)
    assert "ISCO-08" in what


def test_model_check_table(real):
    """The check lists every reference with its band, its target's rank among the source's
    recommendations, and the band it gets when left out of the calibration."""
    check = check_model(real, DEFAULT_MODEL, draws=30)
    assert len(check.moves) == 12
    assert check.by_kind == {"evolution": [3, 3], "provenance": [7, 9]}
    for m in check.moves:
        ranked = recommend(real, m.source, top=11, all_jobs=True, include_downgrades=True, draws=0)
        assert m.rank == next(it.rank for it in ranked.items if it.job.id == m.target)
        assert m.of == 11
    s = check.stability
    assert (s.estimated_levels, s.levels) == (121, 132)
    assert 0 <= s.top3_kept <= 1 and 0 <= s.single_changes_top3 <= 1
    assert s.single_changes == sum(1 + (1 < lv < 4) for lv in _estimated_values(real))


def _estimated_values(real) -> list[int]:
    table = level_matrix(real)
    return [int(v) for v in table.values[table.estimated]]


# -- stability -------------------------------------------------------------------------------


def test_draws_move_only_the_estimates(real):
    """A draw moves estimated levels by at most one, within 1-4, and never the card's."""
    table = level_matrix(real)
    values = draw_levels(table, DEFAULT_MODEL.uncertainty, 300, seed=5)
    diff = values - table.values[None, :]
    assert np.abs(diff).max() == 1
    assert not diff[:, ~table.estimated].any()
    assert values.min() >= 1 and values.max() <= 4
    share = float((diff != 0)[:, table.estimated].mean())
    assert 0.05 < share < 0.12  # about share = 0.1, fewer at the ends of the scale


def test_same_seed_same_figures_other_seed_other_draws(real):
    """The draws are seeded: the same seed gives the same levels, another seed others."""
    table = level_matrix(real)
    u = DEFAULT_MODEL.uncertainty
    assert (draw_levels(table, u, 50, 1) == draw_levels(table, u, 50, 1)).all()
    assert (draw_levels(table, u, 50, 1) != draw_levels(table, u, 50, 2)).any()


def test_kept_rank_by_hand():
    """An item keeps its place in a draw when eligible and ranked as well or better."""
    keys = np.array([[1, 2, 3], [2, 1, 3], [3, 2, 1]])  # three draws, three jobs
    eligible = np.array([[True, True, True], [True, True, True], [True, False, True]])
    # job 0 shown first: first in draw 0 only; job 1 shown second: 2nd, 1st, then not eligible
    assert kept_rank(keys, eligible, [0, 1], [1, 2]) == [0.333, 0.667]


def test_interval_is_the_90_percent_range():
    """The cost interval is the 5th and 95th percentiles, in cost units."""
    assert interval(np.arange(0, 101_000, 1000)) == [5.0, 95.0]


def test_no_estimates_means_full_stability(tmp_path):
    """A dataset whose levels all come from the card gives stability 1 and a point interval."""
    src = Path(__file__).resolve().parent.parent / "fixtures" / "chain"
    raw = json.loads((src / "metier.json").read_text(encoding="utf-8"))
    for job in raw["jobs"]:
        for c in job["competences"]:
            c["provenance"] = "card"
            c.pop("reason", None)
    (tmp_path / "metier.json").write_text(json.dumps(raw), encoding="utf-8")
    (tmp_path / "mobilites.json").write_text((src / "mobilites.json").read_text())
    ds = load_dataset(tmp_path)
    result = recommend(ds, "a")
    assert all(r.stability == 1.0 and r.cost_interval == [r.cost, r.cost] for r in result.items)


def test_every_answer_carries_stability_and_seed_reproduces(real):
    """recommend, match and paths carry stability in [0, 1] and an interval around the cost;
    the same seed gives byte-identical JSON."""
    profile = load_profile(EXAMPLES / "karim-developpeur.yaml", real)
    calls = [
        lambda: recommend(real, "data-engineer", seed=3),
        lambda: match_jobs(real, profile, seed=3),
        lambda: shortest_paths(real, "data-scientist", "specialiste-e-sante", seed=3),
    ]
    for call in calls:
        one = call()
        items = getattr(one, "items", None) or getattr(one, "matches", None) or one.routes
        for it in items:
            assert 0 <= it.stability <= 1
            assert it.cost_interval[0] <= it.cost_interval[1]
        assert dumped(one) == dumped(call())


# -- downgrades come after ---------------------------------------------------------------------


def _all_four(real) -> Profile:
    lines = ["name: Max", "competences:"]
    lines += [f"  {c.id}: 4" for c in real.levelled_competences]
    return parse_profile("\n".join(lines) + "\n", real)


def test_no_downgrade_is_ranked_above_another_move(real):
    """For the sample profiles and a profile at 4 everywhere, match lists downgrades only after
    every progression and lateral move (and only when asked)."""
    people = [load_profile(p, real) for p in sorted(EXAMPLES.iterdir())] + [_all_four(real)]
    for person in people:
        everything = match_jobs(real, person, include_downgrades=True, draws=0)
        moves = [m.move for m in everything.matches]
        first_down = moves.index("downgrade") if "downgrade" in moves else len(moves)
        assert "downgrade" not in [m for m in moves[:first_down]]
        assert all(m == "downgrade" for m in moves[first_down:])
        hidden = match_jobs(real, person, draws=0)
        assert all(m.move != "downgrade" for m in hidden.matches)
        assert hidden.hidden_downgrades == len(moves) - first_down
    assert match_jobs(real, _all_four(real), draws=0).matches == []


def test_recommend_never_puts_a_downgrade_first(real):
    """From every job, with downgrades asked for, they come after every other move."""
    for job in real.jobs:
        items = recommend(real, job.id, top=11, include_downgrades=True, draws=0).items
        moves = [it.move for it in items]
        if "downgrade" in moves:
            assert set(moves[moves.index("downgrade") :]) == {"downgrade"}


# -- raising a competence ----------------------------------------------------------------------

levels_strategy = st.lists(st.integers(0, 4), min_size=11, max_size=11)


@FAST
@given(levels_strategy, st.integers(0, 10), st.integers(0, 11))
def test_raising_a_required_competence_never_costs_more(own, which, target_index):
    """Raising a competence the target asks more of never increases the cost of the direct
    move nor of the best route to it, and never lowers any job's coverage."""
    real = load_dataset()
    comps = [c.id for c in real.levelled_competences]
    before = dict(zip(comps, own))
    if before[comps[which]] >= 4:
        return
    after = {**before, comps[which]: before[comps[which]] + 1}
    m = level_matrix(real)
    target = m.ids[target_index]
    need = m.levels_of(target_index)[comps[which]] or 0
    table = level_matrix(real)
    now = moves_from(table, np.array(own, dtype=np.int16))
    raised = moves_from(table, np.array([after[c] for c in comps], dtype=np.int16))
    assert (raised.coverage >= now.coverage).all()
    if need <= before[comps[which]]:
        return
    assert (
        transition(after, m.levels_of(target_index)).cost
        < transition(before, m.levels_of(target_index)).cost
    )
    from esante_cli.graph import mobility_graph
    from esante_cli.routes import PERSON

    search = mobility_graph(real).search
    best_now = search.routes(np.array(own, dtype=np.int16), PERSON, target_index, k=1)[0]
    best_after = search.routes(
        np.array([after[c] for c in comps], dtype=np.int16), PERSON, target_index, k=1
    )[0]
    assert best_after[0].units <= best_now[0].units, target


def test_leverage_ranks_the_core_gap_first_for_the_target(real):
    """For a person far below the card on health technologies, leverage towards the card's
    job never calls that raise useless: it brings the target closer."""
    profile = load_profile(EXAMPLES / "karim-developpeur.yaml", real)
    result = leverage(real, profile, targets=["specialiste-e-sante"])
    tech = next(r for r in result.raises if r.id == "technologies-sante")
    assert tech.closeness_gain > 0 and tech.route_gain > 0
    assert tech.rank == min(
        r.rank for r in result.raises if r.closeness_gain > 0
    ) or tech.closeness_gain == max(r.closeness_gain for r in result.raises)
    ranks = [r.rank for r in result.raises]
    assert ranks == sorted(ranks)


def test_whatif_shows_the_target_outside_top(real):
    """whatif --target shows the job even when it ranks below --top."""
    from esante_cli.queries.people import what_if

    profile = load_profile(EXAMPLES / "karim-developpeur.yaml", real)
    result = what_if(real, profile, ["technologies-sante"], top=2, target="specialiste-e-sante")
    assert [r.id for r in result.jobs][-1] == "specialiste-e-sante" and len(result.jobs) == 3
    row = result.jobs[-1]
    assert row.coverage_after > row.coverage_before and row.cost_after < row.cost_before


def test_person_levels_helper(real):
    """person_levels gives every levelled competence (None when not assessed)."""
    profile = parse_profile("competences: {risques: 2}\n", real)
    levels = person_levels(real, profile)
    assert len(levels) == 11 and levels["risques"] == 2 and levels["cycle-de-vie"] is None


def test_a_model_file_with_other_bands(real, tmp_path):
    """Bands from a model file change the bands, not the costs."""
    model = ModelConfig(bands={"proche": 0.9, "accessible": 0.8})
    a = recommend(real, "architecte-iot", draws=0, all_jobs=True)
    b = recommend(real, "architecte-iot", draws=0, all_jobs=True, config=model)
    assert [(r.job.id, r.cost) for r in a.items] == [(r.job.id, r.cost) for r in b.items]
    assert [r.band for r in a.items] != [r.band for r in b.items]
