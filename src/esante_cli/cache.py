"""The parts of every pair of jobs of a large dataset, kept on disk between commands.

What pays at the ESCO size (3,000 jobs, 9 million ordered pairs) is not reading the files
(0.6 s to parse and validate 35 MB, which every command does) but the climb, unused levels,
largest jump and blocking deficits of every pair (:func:`esante_cli.levels.all_pair_parts`,
2 s), which the graph's edges, recommendations, maps and exports need. They are computed once
and kept here; the next command reads them in 0.1 s.

- **Key**: the SHA-256 of both files' bytes, of ``levels.py`` (the code that computes the
  parts) and of the numpy version; and the blocking threshold. Changing one byte of a file
  gives another key; old entries are pruned (the ``KEEP`` most recently used stay).
- **Format**: NumPy ``.npz`` read with ``allow_pickle=False``: arrays of numbers, nothing that
  can run code when read.
- **Verified**: an entry is read only if its arrays hash to the SHA-256 written beside it
  when it was made (``….pairs.npz.sha256``: an archive rewritten by hand, with the right key
  and other numbers, does not), and if a few rows drawn at random agree with the parts
  computed again (:func:`esante_cli.levels.rows_agree`: an entry wrong as a whole, both files
  forged or a bug, does not): 45 ms and 15 ms at 3,000 jobs (63 MB). Neither is a signature: who
  can write the cache folder can write both files; the check keeps the cache from changing an
  answer by accident or by a hand edit of the archive.
- **Robust**: a missing, truncated, corrupt, foreign or unverified file is removed and the
  parts computed again; a folder that cannot be written is ignored. The cache never changes an
  answer.
- **Where**: ``$ESANTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/esante``, else ``~/.cache/esante``.
  ``ESANTE_NO_CACHE=1`` turns it off. Datasets under ``dataset.CACHE_MIN_BYTES`` are never
  cached (their pairs take milliseconds).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .levels import PairParts

FORMAT = 4  # 4: a digest beside each entry
KEEP = 6  # datasets whose pair parts stay in the cache folder (least recently used pruned)
CACHE_ENV = "ESANTE_CACHE_DIR"
NO_CACHE_ENV = "ESANTE_NO_CACHE"
_SUFFIX = ".pairs.npz"
_DIGEST = ".sha256"  # beside an entry: the SHA-256 of its arrays, written with it
_ARRAYS = ("climb", "unused", "max_jump", "blocking")
_LEVELS_SUFFIX = ".levels.npz"  # the level matrix itself, beside its pairs' parts
_CODE_FILES = ("levels.py",)
_LEVEL_ARRAYS = ("indptr", "cols", "values", "codes", "unlevelled")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "esante"


def dataset_key(metier: bytes, mobilites: bytes) -> str:
    """The key of a dataset's content: its files' bytes (0.04 s for 35 MB)."""
    h = hashlib.sha256(f"esante-pairs-{FORMAT}|".encode())
    for data in (metier, mobilites):
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _code_key(content_key: str) -> str:
    """The content key with the code that computes the parts and the numpy version (asked
    for only when the parts are: numpy is then imported anyway)."""
    import numpy

    h = hashlib.sha256(f"{content_key}|numpy {numpy.__version__}|".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE_FILES:
        h.update(hashlib.sha256((here / name).read_bytes()).digest())
    return h.hexdigest()


@dataclass(frozen=True)
class PairStore:
    """Where a level matrix keeps the parts of every pair of its jobs between processes
    (``LevelMatrix.pair_store``): one ``.npz`` per dataset and blocking threshold."""

    folder: Path
    key: str
    n: int

    def _path(self, blocking_deficit: int) -> Path:
        return self.folder / f"{self.key}.b{blocking_deficit}{_SUFFIX}"

    def load(self, blocking_deficit: int) -> PairParts | None:
        import numpy as np

        from .levels import PairParts

        path = self._path(blocking_deficit)
        try:
            _regular(path)
            with np.load(path, allow_pickle=False) as z:
                if bytes(z["key"]).decode("utf-8") != self.key:
                    raise ValueError("foreign pair parts")
                parts = PairParts(z["climb"], z["unused"], z["max_jump"], z["blocking"])
            _regular(_digest_path(path))
            written = _digest_path(path).read_text(encoding="ascii").strip()
            if written != _digest(self.key, parts):
                raise ValueError("pair parts changed since they were written")
            for arr, dtype in (
                (parts.climb, np.int16),
                (parts.unused, np.int16),
                (parts.max_jump, np.int8),
                (parts.blocking, np.int16),
            ):
                if arr.shape != (self.n, self.n) or arr.dtype != dtype:
                    raise ValueError("pair parts of another shape")
        except FileNotFoundError:
            if path.exists():  # the archive without its digest: not to be trusted
                self.forget(blocking_deficit)
            return None
        except Exception:  # noqa: BLE001  (corrupt, foreign or changed: forget it, compute again)
            self.forget(blocking_deficit)
            return None
        try:
            os.utime(path)  # most recently used
        except OSError:
            pass
        return parts

    # -- the level matrix itself: 0.15 s to build from 130,000 entries, 5 ms to read

    def load_levels(self) -> dict[str, Any] | None:
        """The arrays of the dataset's level matrix (``indptr``, ``cols``, ``values``,
        ``codes``, ``unlevelled``: (k, 3) rows of job, column, code), or None; checked
        against the digest written beside them, like the pairs' parts."""
        arrays = _load_checked(self.folder / f"{self.key}{_LEVELS_SUFFIX}", self.key, _LEVEL_ARRAYS)
        if arrays is not None and len(arrays["indptr"]) != self.n + 1:
            self._drop(self.folder / f"{self.key}{_LEVELS_SUFFIX}")
            return None
        return arrays

    def save_levels(self, arrays: dict[str, Any]) -> None:
        if _save_checked(self.folder / f"{self.key}{_LEVELS_SUFFIX}", self.key, arrays):
            _prune(self.folder)

    def load_labels(self, tag: str) -> Any:
        """The connected component of each job under the model ``tag`` names, or None."""
        path = self.folder / f"{self.key}.components-{tag}{_LEVELS_SUFFIX}"
        found = _load_checked(path, self.key, ("labels",))
        if found is None:
            return None
        if found["labels"].shape != (self.n,):
            self._drop(path)
            return None
        return found["labels"]

    def save_labels(self, tag: str, labels: Any) -> None:
        path = self.folder / f"{self.key}.components-{tag}{_LEVELS_SUFFIX}"
        if _save_checked(path, self.key, {"labels": labels}):
            _prune(self.folder)

    @staticmethod
    def _drop(path: Path) -> None:
        _remove(path)
        _remove(_digest_path(path))

    def save(self, blocking_deficit: int, parts: PairParts) -> None:
        import numpy as np

        key = np.frombuffer(self.key.encode("utf-8"), dtype=np.uint8)
        path = self._path(blocking_deficit)
        arrays = {"key": key, **{name: getattr(parts, name) for name in _ARRAYS}}
        digest = _digest(self.key, parts).encode("ascii")
        # the digest first: an archive is never there without it (a reader would drop it)
        if _write(_digest_path(path), lambda h: h.write(digest)) and _write(
            path, lambda h: np.savez(h, **arrays)
        ):
            _prune(self.folder)

    def forget(self, blocking_deficit: int) -> None:
        """Remove an entry (archive and digest): damaged, changed or wrong."""
        path = self._path(blocking_deficit)
        _remove(path)
        _remove(_digest_path(path))


def _regular(path: Path) -> None:
    """An entry is a regular file, looked at before it is opened: a FIFO put in the cache
    folder would block the reader (FileNotFoundError when there is nothing)."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise ValueError("not a regular file")


def _digest_path(path: Path) -> Path:
    return path.with_name(path.name + _DIGEST)


def _digest(key: str, parts: PairParts) -> str:
    """The SHA-256 of an entry's key and arrays (their shape, type and bytes)."""
    import numpy as np

    h = hashlib.sha256(f"esante-pairs-digest|{key}|".encode())
    for name in _ARRAYS:
        arr = np.ascontiguousarray(getattr(parts, name))
        h.update(f"{name}|{arr.dtype.str}|{arr.shape}|".encode())
        h.update(arr.data.cast("B"))
    return h.hexdigest()


def _arrays_digest(key: str, arrays: dict[str, Any]) -> str:
    """The SHA-256 of an entry's key and named arrays (shape, type and bytes of each)."""
    import numpy as np

    h = hashlib.sha256(f"esante-arrays-digest|{key}|".encode())
    for name in sorted(arrays):
        arr = np.ascontiguousarray(arrays[name])
        h.update(f"{name}|{arr.dtype.str}|{arr.shape}|".encode())
        h.update(arr.tobytes())  # (an empty array has no buffer to cast)
    return h.hexdigest()


def _save_checked(path: Path, key: str, arrays: dict[str, Any]) -> bool:
    """Write named arrays with the digest beside them (the digest first: an archive is never
    there without it)."""
    import numpy as np

    digest = _arrays_digest(key, arrays).encode("ascii")
    stamp = {"key": np.frombuffer(key.encode("utf-8"), dtype=np.uint8), **arrays}
    return _write(_digest_path(path), lambda h: h.write(digest)) and _write(
        path, lambda h: np.savez(h, **stamp)
    )


def _load_checked(path: Path, key: str, names: tuple[str, ...]) -> dict[str, Any] | None:
    """Named arrays written by :func:`_save_checked`, or None (missing; damaged, foreign or
    changed since written: removed, to be computed again)."""
    import numpy as np

    try:
        _regular(path)
        with np.load(path, allow_pickle=False) as z:
            if bytes(z["key"]).decode("utf-8") != key:
                raise ValueError("foreign entry")
            arrays = {name: z[name] for name in names}
        _regular(_digest_path(path))
        written = _digest_path(path).read_text(encoding="ascii").strip()
        if written != _arrays_digest(key, arrays):
            raise ValueError("entry changed since it was written")
    except FileNotFoundError:
        if path.exists():  # the archive without its digest: not to be trusted
            PairStore._drop(path)
        return None
    except Exception:  # noqa: BLE001  (corrupt, foreign or changed: forget it)
        PairStore._drop(path)
        return None
    return arrays


def pair_store(key: str | None, n: int) -> PairStore | None:
    """The store of a dataset whose cache key is ``key`` (None: not cached)."""
    folder = cache_dir()
    if key is None or folder is None:
        return None
    return PairStore(folder, _code_key(key), n)


def _write(path: Path, write: Callable[[Any], object]) -> bool:
    """Write through a temporary file and a rename: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        _remove(Path(tmp))


def _prune(directory: Path) -> None:
    """Keep the pair parts (and level matrices) of the ``KEEP`` most recently used datasets."""
    try:
        found = [*directory.glob(f"*{_SUFFIX}"), *directory.glob(f"*{_LEVELS_SUFFIX}")]
        files = sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    keys: list[str] = []
    for path in files:
        key = path.name.split(".", 1)[0]
        if key not in keys:
            keys.append(key)
        if keys.index(key) >= KEEP:
            _remove(path)
            _remove(_digest_path(path))
    try:  # a digest whose archive is gone (a write cut short, a hand removal)
        digests = [
            *directory.glob(f"*{_SUFFIX}{_DIGEST}"),
            *directory.glob(f"*{_LEVELS_SUFFIX}{_DIGEST}"),
        ]
    except OSError:
        return
    for digest in digests:
        if not digest.with_name(digest.name.removesuffix(_DIGEST)).exists():
            _remove(digest)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
