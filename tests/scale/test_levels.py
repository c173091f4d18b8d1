"""The level matrix (:mod:`esante_cli.levels`) and the kernels that read it
(:mod:`esante_cli.moves`) give what the scalar formula (:func:`costmodel.transition`) gives,
on every pair, whatever the shape of the data and the size of the blocks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli import levels
from esante_cli.costmodel import ModelConfig, transition
from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.graph import level_matrix, mobility_graph
from esante_cli.levels import PROVENANCE_ORDER, LevelMatrix, all_pair_parts, weakest
from esante_cli.moves import block_moves, moves_from, pair_moves

SETTINGS = settings(max_examples=60, deadline=None)

# rows of levels (None: no entry), a blocking threshold, bands and a block size
tables = st.integers(1, 7).flatmap(
    lambda width: st.lists(
        st.lists(st.sampled_from([None, None, 1, 2, 3, 4]), min_size=width, max_size=width),
        min_size=1,
        max_size=9,
    )
)
configs = st.builds(
    lambda bd, acc, jump, factor: ModelConfig(
        thresholds={"blocking_deficit": bd, "max_jump": jump},
        bands={"proche": 1.0, "accessible": acc},
        weights={"declared_factor": factor},
    ),
    st.integers(1, 4),
    st.sampled_from([0.0, 0.3, 0.561, 0.9]),
    st.integers(1, 4),
    st.sampled_from([1.0, 0.8]),
)


def matrix_of(rows: list[list[int | None]]) -> LevelMatrix:
    width = len(rows[0])
    indptr, cols, values = [0], [], []
    for row in rows:
        for c, v in enumerate(row):
            if v is not None:
                cols.append(c)
                values.append(v)
        indptr.append(len(cols))
    return LevelMatrix.from_arrays(
        tuple(f"j{i}" for i in range(len(rows))),
        tuple(f"c{c}" for c in range(width)),
        indptr,
        cols,
        values,
        [0] * len(cols),
    )


def scalar(rows, i, j, config, declared=False):
    return transition(
        dict(enumerate(rows[i])), dict(enumerate(rows[j])), declared=declared, config=config
    )


@SETTINGS
@given(tables, configs, st.integers(1, 40))
def test_all_pair_parts_equal_the_formula(rows, config, block):
    """climb, unused, max_jump and blocking of every ordered pair, in blocks of any size."""
    m = matrix_of(rows)
    bd = config.thresholds.blocking_deficit
    original = levels._BLOCK_CELLS
    levels._BLOCK_CELLS = block
    try:
        parts = all_pair_parts(m, bd)
    finally:
        levels._BLOCK_CELLS = original
    for i in range(m.n):
        for j in range(m.n):
            want = scalar(rows, i, j, config)
            got = (
                parts.climb[i, j],
                parts.unused[i, j],
                parts.max_jump[i, j],
                parts.blocking[i, j],
            )
            assert tuple(int(x) for x in got) == (
                want.climb,
                want.unused,
                want.max_jump,
                want.blocking,
            ), (i, j)


@SETTINGS
@given(tables, configs, st.data())
def test_every_kernel_gives_the_formula(rows, config, data):
    """moves_from (a job's state against all), pair_moves (a list of pairs) and block_moves
    (rows of the whole matrix): the same CostParts as transition, declared or not."""
    m = matrix_of(rows)
    n = m.n
    declared = np.array(
        data.draw(st.lists(st.booleans(), min_size=n * n, max_size=n * n)), dtype=bool
    ).reshape(n, n)
    block = block_moves(m, slice(0, n), config, declared=declared)
    sources, targets = np.divmod(np.arange(n * n), n)
    pairs = pair_moves(m, sources, targets, config, declared=declared[sources, targets])
    for i in range(n):
        own = moves_from(m, m.state_of(i), config, declared=declared[i])
        for j in range(n):
            want = scalar(rows, i, j, config, bool(declared[i, j]))
            assert own.parts(j) == want
            assert pairs.parts(i * n + j) == want
            assert block.row(i).parts(j) == want


@pytest.fixture(scope="module")
def real():
    return load_dataset(packaged_data_dir())


def test_the_matrix_holds_the_cards_levels(real):
    """Each job's entries, levels and provenances, as the dataset's objects give them."""
    m = LevelMatrix.of(real)
    assert m.ids == tuple(j.id for j in real.jobs)
    assert m.competences == tuple(c.id for c in real.levelled_competences)
    for i, job in enumerate(real.jobs):
        want = {
            jc.id: (jc.expected_level, jc.provenance)
            for jc in job.competences
            if jc.id in m.competences
        }
        assert m.entries_of(i) == {c: want[c] for c in m.competences if c in want}
        for k, comp in enumerate(m.competences):
            level, prov = want.get(comp, (None, None))
            assert (m.level(i, k), m.provenance_of(i, k)) == (level, prov)
        assert m.job_provenance(i) == weakest(p for lv, p in want.values() if lv is not None)
        np.testing.assert_array_equal(
            m.state_of(i), [want.get(c, (0, None))[0] or 0 for c in m.competences]
        )
    # the card's own job is all 'card'; the neighbours' levels are estimates
    assert m.job_provenance(m.index["specialiste-e-sante"]) == "card"
    assert m.job_provenance(m.index["data-scientist"]) == "estimate"
    assert (
        m.move_provenance(m.index["data-scientist"], m.index["specialiste-e-sante"]) == "estimate"
    )
    assert int(m.estimated.sum()) == 121 and len(m.values) == 132


def test_an_entry_without_level_keeps_its_provenance(tmp_path):
    """A competence a job lists without a level is no level (it counts as 0), but the answers
    that show entries still see its provenance."""
    rows = [[2, None], [3, 1]]
    m = LevelMatrix.from_arrays(
        ("a", "b"),
        ("c0", "c1"),
        [0, 1, 3],
        [0, 0, 1],
        [2, 3, 1],
        [0, 5, 5],
        {(0, 1): PROVENANCE_ORDER.index("user")},
    )
    assert m.level(0, 1) is None and m.provenance_of(0, 1) == "user"
    assert m.entries_of(0) == {"c0": (2, "card"), "c1": (None, "user")}
    assert pair_moves(m, np.array([0]), np.array([1])).parts(0) == transition(
        dict(enumerate(rows[0])), dict(enumerate(rows[1]))
    )


def test_pair_parts_are_made_once_per_threshold(real, monkeypatch):
    """The parts of every pair are computed once per blocking threshold and process."""
    calls = []
    compute = levels.all_pair_parts
    monkeypatch.setattr(
        levels, "all_pair_parts", lambda table, bd: calls.append(bd) or compute(table, bd)
    )
    m = LevelMatrix.of(real)
    first = m.pair_parts(2)
    assert m.pair_parts(2) is first and calls == [2]
    other = m.pair_parts(3)
    assert calls == [2, 3] and not np.array_equal(other.blocking, first.blocking)


def test_graph_edges_follow_the_model(real):
    """An edge is a declared move or one the formula says is computed, on every pair."""
    g = mobility_graph(real)
    m = level_matrix(real)
    for i in range(m.n):
        for j in range(m.n):
            want = i != j and (
                bool(g.declared[i, j])
                or transition(m.levels_of(i), m.levels_of(j), config=g.config).computed
            )
            assert bool(g.edge[i, j]) == want, (m.ids[i], m.ids[j])
