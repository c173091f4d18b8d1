"""The compiled-dataset cache: a hit builds the same objects without reading the JSON again,
a change of the files compiles again, a corrupt entry is rebuilt, and nothing is pickled."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from esante_cli import cache
from esante_cli import dataset as dataset_module
from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import DatasetError


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """A copy of the bundled data, cached although it is small."""
    monkeypatch.setattr(dataset_module, "CACHE_MIN_BYTES", 0)
    folder = tmp_path / "data"
    shutil.copytree(packaged_data_dir(), folder)
    return folder


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("*.esante.npz"))


def _no_json_reading(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("the JSON files were parsed again")

    monkeypatch.setattr(dataset_module, "_read", boom)


def test_a_second_load_is_a_hit_with_the_same_objects(data, cache_dir, monkeypatch):
    """The first load writes one entry; the second builds an equal dataset from it alone."""
    first = load_dataset(data)
    assert len(_entries(cache_dir)) == 1
    _no_json_reading(monkeypatch)
    second = load_dataset(data)
    assert second.compiled_form is not None
    assert second.metier == first.metier and second.mobilites == first.mobilites
    assert second.metier.model_dump(mode="json") == first.metier.model_dump(mode="json")
    for a, b in zip(first.metier.jobs, second.metier.jobs):
        assert a.model_fields_set == b.model_fields_set
        assert [c.model_fields_set for c in a.competences] == [
            c.model_fields_set for c in b.competences]
    assert second.jobs_by_id.keys() == first.jobs_by_id.keys()
    assert second.path == first.path
    # the level matrix read from the cache is the one the objects give
    from esante_cli.levels import LevelMatrix

    cached, made = second.compiled_form.matrix, LevelMatrix.of(first)
    assert (cached.ids, cached.competences) == (made.ids, made.competences)
    for name in ("indptr", "cols", "values", "codes"):
        got, want = getattr(cached, name), getattr(made, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name
    assert cached.unlevelled == made.unlevelled


def test_a_changed_file_is_compiled_again(data, cache_dir, monkeypatch):
    """One changed byte gives another key: the new content is read, and a second entry made."""
    load_dataset(data)
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    raw["dataset"]["version"] = "changed"
    metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_dataset(data).version == "changed"
    assert len(_entries(cache_dir)) == 2


def test_an_invalid_dataset_is_never_cached(data, cache_dir):
    """A dataset with problems raises DatasetError, and leaves nothing in the cache."""
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    raw["jobs"][0]["competences"][0]["expected_level"] = 7
    metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DatasetError):
        load_dataset(data)
    assert _entries(cache_dir) == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "foreign", "pickle"])
def test_a_corrupt_entry_is_rebuilt_not_fatal(data, cache_dir, damage):
    """Garbage, a truncated archive, an empty file, another dataset's entry or an archive
    holding a pickled object: the dataset still loads, and the entry is written again."""
    good = load_dataset(data)
    (entry,) = _entries(cache_dir)
    if damage == "garbage":
        entry.write_bytes(b"not an archive at all")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:500])
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "foreign":
        with np.load(entry, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(bytes(arrays["meta"]).decode())
        meta["key"] = "0" * 64
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        with entry.open("wb") as handle:
            np.savez(handle, **arrays)
    else:
        with entry.open("wb") as handle:
            np.savez(handle, meta=np.array([{"evil": True}], dtype=object))
    again = load_dataset(data)
    assert again.metier == good.metier
    (rebuilt,) = _entries(cache_dir)
    with np.load(rebuilt, allow_pickle=False) as z:
        assert "jc_ref" in z.files


def test_the_cache_can_be_turned_off(data, cache_dir, monkeypatch):
    """ESANTE_NO_CACHE=1: nothing is written, the dataset loads as usual."""
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    assert load_dataset(data).compiled_form is None
    assert not cache_dir.exists()


def test_small_datasets_are_not_cached(cache_dir, monkeypatch):
    """Under CACHE_MIN_BYTES (the bundled data), the files are read directly."""
    assert load_dataset(packaged_data_dir()).compiled_form is None
    assert not cache_dir.exists()


def test_an_unwritable_cache_folder_is_ignored(data, tmp_path, monkeypatch):
    """A cache 'folder' that is a file: the dataset loads, nothing fails."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(blocker / "cache"))
    assert load_dataset(data).version


def test_cache_location_follows_the_environment(monkeypatch, tmp_path):
    """ESANTE_CACHE_DIR first, then XDG_CACHE_HOME/esante, then ~/.cache/esante."""
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(tmp_path / "a"))
    assert cache.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("ESANTE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "esante"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path.home() / ".cache" / "esante"


def test_pair_parts_are_kept_and_read_back(data, cache_dir, monkeypatch):
    """The pairwise parts computed once are written beside the entry, and read by the next
    process instead of being computed again."""
    from esante_cli import levels
    from esante_cli.graph import level_matrix

    first = load_dataset(data)
    parts = level_matrix(first).pair_parts(2)
    assert len(list(cache_dir.glob("*.b2.pairs.npz"))) == 1
    second = load_dataset(data)
    monkeypatch.setattr(levels, "all_pair_parts", lambda *a, **k: pytest.fail("computed again"))
    again = level_matrix(second).pair_parts(2)
    for name in ("climb", "unused", "max_jump", "blocking"):
        np.testing.assert_array_equal(getattr(again, name), getattr(parts, name))


def test_corrupt_pair_parts_are_computed_again(data, cache_dir):
    """A damaged pairs file is dropped and the parts computed, not trusted."""
    from esante_cli.graph import level_matrix

    want = level_matrix(load_dataset(data)).pair_parts(2)
    (pairs,) = cache_dir.glob("*.pairs.npz")
    pairs.write_bytes(b"\x00" * 100)
    got = level_matrix(load_dataset(data)).pair_parts(2)
    np.testing.assert_array_equal(got.climb, want.climb)
    np.testing.assert_array_equal(got.blocking, want.blocking)


def test_old_entries_are_pruned(data, cache_dir, monkeypatch):
    """At most KEEP entries stay: the least recently used go first."""
    monkeypatch.setattr(cache, "KEEP", 2)
    metier = data / "metier.json"
    raw = json.loads(metier.read_text(encoding="utf-8"))
    for k in range(4):
        raw["dataset"]["version"] = f"v{k}"
        metier.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        load_dataset(data)
    assert len(_entries(cache_dir)) == 2
