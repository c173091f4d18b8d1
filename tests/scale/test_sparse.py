"""The sparse level matrix and cost parts give exactly what the dense code gives."""

from __future__ import annotations

import json

import numpy as np
import pytest

from esante_cli import costmodel, graph
from esante_cli import sparse as sp
from esante_cli.costmodel import ModelConfig, _Core, pair_units
from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import EsanteError
from esante_cli.importers import write_dataset
from esante_cli.importers.esco import import_esco
from esante_cli.render.json import render_json


def _random_levels(rng, rows, cols, empty):
    levels = rng.integers(1, 5, (rows, cols)).astype(float)
    levels[rng.random((rows, cols)) < empty] = np.nan
    return levels


@pytest.mark.parametrize("seed", range(12))
def test_sparse_parts_equal_the_dense_parts(seed, monkeypatch):
    """climb, unused, max_jump, blocking, compared, units and computed: the same arrays,
    the same dtypes, even in blocks of a few cells."""
    rng = np.random.default_rng(seed)
    monkeypatch.setattr(sp, "_BLOCK_PAIRS", int(rng.integers(1, 60)))
    a, b, c = (int(x) for x in rng.integers(1, 25, 3))
    source = _random_levels(rng, a, c, float(rng.random()))
    target = _random_levels(rng, b, c, float(rng.random()))
    accessible = round(float(rng.random()), 3)
    config = ModelConfig(thresholds={"blocking_deficit": int(rng.integers(1, 5))},
                         bands={"proche": 1.0, "accessible": accessible})
    dense = _Core(source, target, config)
    sparse = sp.SparseCore(sp.SparseLevels.from_dense(source),
                           sp.SparseLevels.from_dense(target), config)
    for name in ("climb", "unused", "max_jump", "blocking", "compared", "required"):
        want, got = getattr(dense, name), getattr(sparse, name)
        assert got.dtype == want.dtype, name
        assert np.array_equal(got, want), name
    declared = rng.random((a, b)) < 0.3
    assert np.array_equal(sparse.units(declared), dense.units(declared))
    assert np.array_equal(sparse.computed(), dense.computed())
    for got, want in zip(sparse.shares(), dense.shares()):
        assert np.array_equal(got, want)


def test_row_selections_share_the_matrix():
    """m[2:5], m[[4, 1]] and m[i, c] read the same cells as the dense matrix."""
    rng = np.random.default_rng(0)
    dense = _random_levels(rng, 9, 7, 0.5)
    m = sp.SparseLevels.from_dense(dense)
    assert m.shape == (9, 7)
    np.testing.assert_array_equal(m.toarray(), dense)
    np.testing.assert_array_equal(m[2:5].toarray(), dense[2:5])
    np.testing.assert_array_equal(np.asarray(m[[4, 1]]), dense[[4, 1]])
    for i in range(9):
        for c in range(7):
            assert (np.isnan(m[i, c]) and np.isnan(dense[i, c])) or m[i, c] == dense[i, c]


def test_whole_matrix_parts_are_computed_once_and_sliced():
    """Many rows against all compute the whole matrix's parts once; slices are read from it."""
    rng = np.random.default_rng(5)
    dense = _random_levels(rng, 80, 30, 0.7)
    m = sp.SparseLevels.from_dense(dense)
    seen = []
    m.base.on_parts = seen.append
    units = pair_units(dense, None, ModelConfig())
    core = sp.SparseCore(m[0:70], m, ModelConfig(), blocking=False)
    assert len(seen) == 1 and m.base.parts is seen[0]
    np.testing.assert_array_equal(core.units(np.zeros((70, 80), bool)), units.units[:70])


@pytest.fixture(scope="module")
def real():
    return load_dataset(packaged_data_dir())


def test_sparse_level_matrix_answers_like_the_dense_one(real):
    """level, levels_of, provenance, job and move provenance: the same on the bundled data."""
    dense = graph.level_matrix(real)
    sparse = sp.SparseLevelMatrix.of(sp.LevelEntries.of(real))
    assert sparse.ids == dense.ids and sparse.competences == dense.competences
    np.testing.assert_array_equal(sparse.levels.toarray(), dense.levels)
    n, c = len(dense.ids), len(dense.competences)
    for i in range(n):
        assert sparse.levels_of(i) == dense.levels_of(i)
        assert sparse.job_provenance(i) == dense.job_provenance(i)
        assert [sparse.provenance[i][k] for k in range(c)] == list(dense.provenance[i])
        assert [sparse.level(i, k) for k in range(c)] == [dense.level(i, k) for k in range(c)]
        for j in range(n):
            assert sparse.move_provenance(i, j) == dense.move_provenance(i, j)


@pytest.fixture
def force_sparse(monkeypatch):
    """Every level matrix sparse, through the dispatch proposed for costmodel and graph (or
    the one they have, once applied)."""
    monkeypatch.setattr(sp, "DENSE_CELLS", -1)
    if not hasattr(costmodel, "_core"):
        dense_core = costmodel._Core

        def core(source, target, config, *, blocking=True):
            if isinstance(source, sp.SparseLevels) or isinstance(target, sp.SparseLevels):
                return sp.SparseCore(source, target, config, blocking=blocking)
            return dense_core(source, target, config, blocking=blocking)

        monkeypatch.setattr(costmodel, "_Core", core)
        dense_matrix = graph.level_matrix

        def level_matrix(dataset):
            if sp.wants_sparse(len(dataset.jobs), len(dataset.levelled_competences)):
                return sp.sparse_level_matrix(dataset)
            return dense_matrix(dataset)

        monkeypatch.setattr(graph, "level_matrix", level_matrix)
        import esante_cli.queries.mobility as qm

        monkeypatch.setattr(qm, "level_matrix", level_matrix)


def _answers(dataset, config):
    from esante_cli.queries import mobility as q

    ids = [j.id for j in dataset.jobs]
    a, b, c = ids[0], ids[len(ids) // 2], ids[-1]
    out = [q.recommend(dataset, a, top=5, config=config),
           q.recommend(dataset, b, all_jobs=True, top=50, config=config),
           q.neighbours(dataset, b, config=config),
           q.competence_gap(dataset, a, c, config=config),
           q.compare_jobs(dataset, [a, b, c], config=config)]
    for objective in ("levels", "hops", "max-jump"):
        try:
            out.append(q.shortest_paths(dataset, a, c, k=3, objective=objective, config=config))
        except EsanteError as exc:  # the same error both ways is the same answer
            out.append(f"{type(exc).__name__}: {exc}")
    return [x if isinstance(x, str) else render_json(x) for x in out]


@pytest.mark.parametrize("which", ["bundled", "esco"])
def test_queries_give_the_same_json_dense_or_sparse(which, small_esco, tmp_path, request):
    """recommend, neighbours, gap, compare and paths: byte-identical answers whether the level
    matrix is dense or sparse."""
    if which == "bundled":
        folder, config = packaged_data_dir(), ModelConfig()
    else:
        folder = write_dataset(import_esco(small_esco), tmp_path / "esco")
        config = ModelConfig(bands={"proche": 0.7, "accessible": 0.55})
    dense = _answers(load_dataset(folder), config)
    request.getfixturevalue("force_sparse")
    sparse = _answers(load_dataset(folder), config)
    assert sparse == dense
    assert any('"routes"' in x or '"paths"' in x for x in sparse)


def test_full_parts_match_pair_units(small_esco, tmp_path):
    """The parts kept for the cache give the route search's units."""
    folder = write_dataset(import_esco(small_esco), tmp_path / "esco")
    ds = load_dataset(folder)
    m = ds.compiled.level_matrix()
    parts = sp.full_parts(m.levels)
    dense = graph.level_matrix(ds).levels
    want = pair_units(dense, None, ModelConfig())
    np.testing.assert_array_equal(parts.max_jump, want.max_jump)
    core = _Core(dense, dense, ModelConfig(), blocking=False)
    np.testing.assert_array_equal(parts.climb, core.climb)
    np.testing.assert_array_equal(parts.unused, core.unused)
    assert json.dumps(m.ids) == json.dumps(graph.level_matrix(ds).ids)
