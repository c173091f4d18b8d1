"""The cache of the pairs' parts: computed once per dataset and blocking threshold, read back
by the next process, recomputed when a file changes or the cache file is damaged, never
pickled, and never a requirement."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli import cache, levels
from esante_cli import dataset as dataset_module
from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import DatasetError
from esante_cli.graph import level_matrix
from esante_cli.levels import all_pair_parts


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A copy of the bundled data, cached although it is small."""
    monkeypatch.setattr(dataset_module, "CACHE_MIN_BYTES", 0)
    folder = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), folder)
    return folder


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.pairs.npz"))


def _parts(folder: Path, blocking: int = 2):
    return level_matrix(load_dataset(folder)).pair_parts(blocking)


def _never_computed(monkeypatch):
    monkeypatch.setattr(levels, "all_pair_parts", lambda *a, **k: pytest.fail("computed again"))


def _same(a, b) -> None:
    for name in ("climb", "unused", "max_jump", "blocking"):
        got, want = getattr(a, name), getattr(b, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name


def test_pair_parts_are_kept_and_read_back(data, cache_dir, monkeypatch):
    """Computed once, written under the dataset's key, read (not computed) by the next load;
    they are the parts the level matrix gives."""
    first = _parts(data)
    assert len(_entries(cache_dir)) == 1
    _never_computed(monkeypatch)
    again = _parts(data)
    _same(again, first)
    _same(first, all_pair_parts(levels.LevelMatrix.of(load_dataset(data)), 2))


def test_each_blocking_threshold_has_its_entry(data, cache_dir):
    """A model with another blocking threshold gets its own parts, not the others'."""
    two, three = _parts(data, 2), _parts(data, 3)
    assert len(_entries(cache_dir)) == 2
    assert not np.array_equal(two.blocking, three.blocking)
    _same(_parts(data, 3), three)


def test_a_changed_file_is_computed_again(data, cache_dir, monkeypatch):
    """One changed byte gives another key: the parts are computed for the new content."""
    _parts(data)
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    raw["jobs"][0]["competences"][0]["expected_level"] = 4
    metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    changed = _parts(data)
    assert len(_entries(cache_dir)) == 2
    _same(changed, all_pair_parts(levels.LevelMatrix.of(load_dataset(data)), 2))


def test_an_invalid_dataset_leaves_nothing(data, cache_dir):
    """A dataset with problems raises DatasetError before any cache file is written."""
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    raw["jobs"][0]["competences"][0]["expected_level"] = 7
    metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DatasetError):
        load_dataset(data)
    assert _entries(cache_dir) == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign", "shape", "pickle"])
def test_a_damaged_entry_is_computed_again_not_trusted(data, cache_dir, damage):
    """Garbage, a truncated archive, an empty file, another dataset's parts, parts of another
    shape or an archive holding a pickled object: the parts are computed again, right."""
    want = _parts(data)
    (entry,) = _entries(cache_dir)
    with np.load(entry, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    if damage == "garbage":
        entry.write_bytes(b"not an archive at all")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:500])
    elif damage == "empty":
        entry.write_bytes(b"")
    else:
        if damage == "foreign":
            arrays["key"] = np.frombuffer(b"0" * 64, dtype=np.uint8)
        elif damage == "shape":
            arrays["climb"] = arrays["climb"][:-1]
        else:
            arrays = {"key": np.array([{"evil": True}], dtype=object)}
        with entry.open("wb") as handle:
            np.savez(handle, **arrays)
    _same(_parts(data), want)
    (rebuilt,) = _entries(cache_dir)
    with np.load(rebuilt, allow_pickle=False) as z:
        assert z["climb"].shape == want.climb.shape


def _forge(entry: Path, digest: bool, change) -> None:
    """Rewrite an entry as a hand would: a valid archive, the right key, other numbers; its
    digest rewritten to match too when ``digest``."""
    with np.load(entry, allow_pickle=False) as z:
        arrays = {k: np.array(z[k]) for k in z.files}
    change(arrays)
    with entry.open("wb") as handle:
        np.savez(handle, **arrays)
    if digest:
        key = bytes(arrays["key"]).decode()
        parts = levels.PairParts(*(arrays[k] for k in ("climb", "unused", "max_jump", "blocking")))
        Path(f"{entry}.sha256").write_text(cache._digest(key, parts), encoding="ascii")


def _zero_climb(arrays) -> None:
    arrays["climb"][:] = 0


def _one_pair(arrays) -> None:
    arrays["climb"][0, 1] += 1


@pytest.mark.parametrize(
    ("change", "digest"),
    [(_zero_climb, False), (_one_pair, False), (_zero_climb, True)],
    ids=["archive-climb-0", "archive-one-pair", "archive-and-digest-climb-0"],
)
def test_a_forged_entry_is_not_served(data, cache_dir, change, digest):
    """An archive rewritten by hand (right key, other numbers) does not match the digest
    written beside it; rewritten with its digest, its rows drawn at random do not match the
    parts computed again: either way the parts are computed again and the entry replaced."""
    want = _parts(data)
    (entry,) = _entries(cache_dir)
    _forge(entry, digest, change)
    _same(_parts(data), want)
    _same(cache.pair_store(load_dataset(data).cache_key, want.climb.shape[0]).load(2), want)


def test_an_entry_without_its_digest_is_dropped(data, cache_dir):
    """An archive whose digest is gone is removed and made again, with its digest."""
    want = _parts(data)
    (entry,) = _entries(cache_dir)
    Path(f"{entry}.sha256").unlink()
    _same(_parts(data), want)
    assert Path(f"{entry}.sha256").is_file()


def test_the_rows_check_sees_every_part(data):
    """The rows computed again agree with all_pair_parts on every row, and one changed
    number of any part in a checked row is seen."""
    table = levels.LevelMatrix.of(load_dataset(data))
    parts = all_pair_parts(table, 2)
    assert levels.rows_agree(table, parts, 2, range(table.n))
    for name in ("climb", "unused", "max_jump", "blocking"):
        changed = levels.PairParts(*(np.array(getattr(parts, k)) for k in cache._ARRAYS))
        getattr(changed, name)[3, 5] += 1
        assert not levels.rows_agree(table, changed, 2, [3]), name
        assert levels.rows_agree(table, changed, 2, [4]), name


def test_the_cache_can_be_turned_off(data, cache_dir, monkeypatch):
    """ESANTE_NO_CACHE=1: nothing is written, the answers are the same."""
    want = _parts(data)
    shutil.rmtree(cache_dir)
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    _same(_parts(data), want)
    assert not cache_dir.exists()


def test_small_datasets_are_not_cached(cache_dir):
    """Under CACHE_MIN_BYTES (the bundled data), nothing is hashed or written."""
    ds = load_dataset(packaged_data_dir())
    assert ds.cache_key is None
    level_matrix(ds).pair_parts(2)
    assert not cache_dir.exists()


def test_an_unwritable_cache_folder_is_ignored(data, tmp_path, monkeypatch):
    """A cache 'folder' under a file: the parts are computed, nothing fails."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(blocker / "cache"))
    assert _parts(data).climb.shape == (12, 12)


def test_cache_location_follows_the_environment(monkeypatch, tmp_path):
    """ESANTE_CACHE_DIR first, then XDG_CACHE_HOME/esante, then ~/.cache/esante."""
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(tmp_path / "a"))
    assert cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("ESANTE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "esante"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "esante"


def test_old_entries_are_pruned(data, cache_dir, monkeypatch):
    """The parts of at most KEEP datasets stay: the least recently used go first."""
    monkeypatch.setattr(cache, "KEEP", 2)
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    for k in range(4):
        raw["dataset"]["version"] = f"v{k}"
        metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        _parts(data)
    assert len(_entries(cache_dir)) == 2


def test_the_level_matrix_is_kept_and_read_back(data, cache_dir, monkeypatch):
    """The first load builds the level matrix and keeps its arrays; the next reads them
    back (not built again) and they are the same matrix, unlevelled entries included."""
    built = level_matrix(load_dataset(data))
    assert len(list(cache_dir.glob("*.levels.npz"))) == 1
    monkeypatch.setattr(
        levels.LevelMatrix, "of", classmethod(lambda *a: pytest.fail("built again"))
    )
    again = level_matrix(load_dataset(data))
    assert again.ids == built.ids and again.competences == built.competences
    for name in ("indptr", "cols", "values", "codes"):
        got, want = getattr(again, name), getattr(built, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name
    assert again.unlevelled == built.unlevelled


def test_components_are_kept_per_model_and_read_back(data, cache_dir, monkeypatch):
    """The graph's connected components are computed once per dataset and model thresholds
    and read back (the edges not computed again); another model has its own entry."""
    from esante_cli.costmodel import DEFAULT_MODEL, Bands
    from esante_cli.graph import MobilityGraph

    first = MobilityGraph(load_dataset(data), DEFAULT_MODEL).components
    assert len(list(cache_dir.glob("*.components-*.levels.npz"))) == 1
    with monkeypatch.context() as patched:
        patched.setattr(MobilityGraph, "edge", property(lambda self: pytest.fail("computed")))
        again = MobilityGraph(load_dataset(data), DEFAULT_MODEL).components
    assert np.array_equal(again.labels, first.labels) and again.count == first.count
    other = DEFAULT_MODEL.model_copy(update={"bands": Bands(proche=0.9, accessible=0.9)})
    assert MobilityGraph(load_dataset(data), other).components.count >= 1
    assert len(list(cache_dir.glob("*.components-*.levels.npz"))) == 2


@given(st.integers(1, 30), st.floats(0, 0.3), st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_small_graph_components_are_scipys(n, density, seed):
    """Components found without scipy (small graphs) are scipy's weak components."""
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import connected_components

    from esante_cli.graph import _weak_components

    edge = np.random.default_rng(seed).random((n, n)) < density
    np.fill_diagonal(edge, False)
    count, want = connected_components(csr_array(edge), connection="weak")
    got = _weak_components(edge)
    assert got.max() + 1 == count
    # the same partition (labels may be numbered differently)
    assert len({(a, b) for a, b in zip(got.tolist(), want.tolist())}) == count


@pytest.mark.parametrize("which", ["levels", "pairs", "digest"])
def test_a_fifo_in_the_cache_folder_never_blocks(data, cache_dir, which):
    """An entry (or its digest) replaced by a FIFO is not opened (open would wait for a
    writer forever): it is dropped and the answer computed again, the same."""
    import os

    want = _parts(data)
    pattern = {"levels": "*.levels.npz", "pairs": "*.pairs.npz", "digest": "*.pairs.npz.sha256"}
    (entry,) = sorted(cache_dir.glob(pattern[which]))
    entry.unlink()
    os.mkfifo(entry)
    _same(_parts(data), want)
    assert not entry.is_fifo()


def test_a_levels_entry_changed_by_hand_is_not_served(data, cache_dir, monkeypatch):
    """The level matrix kept in the cache is checked against its digest, as the pairs are:
    values rewritten in the archive are dropped and the matrix built again from the data."""
    built = level_matrix(load_dataset(data))
    (entry,) = cache_dir.glob("*.levels.npz")
    with np.load(entry) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["values"] = np.zeros_like(arrays["values"])
    np.savez(entry, **arrays)
    again = level_matrix(load_dataset(data))
    assert np.array_equal(again.values, built.values)
