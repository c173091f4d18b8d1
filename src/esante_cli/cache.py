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
- **Robust**: a missing, truncated, corrupt or foreign file is removed and the parts computed
  again; a folder that cannot be written is ignored. The cache never changes an answer.
- **Where**: ``$ESANTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/esante``, else ``~/.cache/esante``.
  ``ESANTE_NO_CACHE=1`` turns it off. Datasets under ``dataset.CACHE_MIN_BYTES`` are never
  cached (their pairs take milliseconds).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .levels import PairParts

FORMAT = 3
KEEP = 6  # datasets whose pair parts stay in the cache folder (least recently used pruned)
CACHE_ENV = "ESANTE_CACHE_DIR"
NO_CACHE_ENV = "ESANTE_NO_CACHE"
_SUFFIX = ".pairs.npz"
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
            with np.load(path, allow_pickle=False) as z:
                if bytes(z["key"]).decode("utf-8") != self.key:
                    raise ValueError("foreign pair parts")
                parts = PairParts(z["climb"], z["unused"], z["max_jump"], z["blocking"])
            for arr, dtype in (
                (parts.climb, np.int16),
                (parts.unused, np.int16),
                (parts.max_jump, np.int8),
                (parts.blocking, np.int16),
            ):
                if arr.shape != (self.n, self.n) or arr.dtype != dtype:
                    raise ValueError("pair parts of another shape")
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001  (corrupt or foreign: forget it, compute again)
            _remove(path)
            return None
        try:
            os.utime(path)  # most recently used
        except OSError:
            pass
        return parts

    # -- the level matrix itself: 0.15 s to build from 130,000 entries, 5 ms to read

    def load_levels(self) -> dict[str, Any] | None:
        """The arrays of the dataset's level matrix (``indptr``, ``cols``, ``values``,
        ``codes``, ``unlevelled``: (k, 3) rows of job, column, code), or None."""
        import numpy as np

        path = self.folder / f"{self.key}{_LEVELS_SUFFIX}"
        try:
            with np.load(path, allow_pickle=False) as z:
                if bytes(z["key"]).decode("utf-8") != self.key:
                    raise ValueError("foreign levels")
                arrays = {name: z[name] for name in _LEVEL_ARRAYS}
            if len(arrays["indptr"]) != self.n + 1:
                raise ValueError("levels of another shape")
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001  (corrupt or foreign: forget it, build again)
            _remove(path)
            return None
        return arrays

    def save_levels(self, arrays: dict[str, Any]) -> None:
        import numpy as np

        key = np.frombuffer(self.key.encode("utf-8"), dtype=np.uint8)
        if _save(self.folder / f"{self.key}{_LEVELS_SUFFIX}", {"key": key, **arrays}):
            _prune(self.folder)

    def load_labels(self, tag: str) -> Any:
        """The connected component of each job under the model ``tag`` names, or None."""
        import numpy as np

        path = self.folder / f"{self.key}.components-{tag}{_LEVELS_SUFFIX}"
        try:
            with np.load(path, allow_pickle=False) as z:
                if bytes(z["key"]).decode("utf-8") != self.key:
                    raise ValueError("foreign components")
                labels = z["labels"]
            if labels.shape != (self.n,):
                raise ValueError("components of another shape")
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001  (corrupt or foreign: forget it, compute again)
            _remove(path)
            return None
        return labels

    def save_labels(self, tag: str, labels: Any) -> None:
        import numpy as np

        key = np.frombuffer(self.key.encode("utf-8"), dtype=np.uint8)
        path = self.folder / f"{self.key}.components-{tag}{_LEVELS_SUFFIX}"
        if _save(path, {"key": key, "labels": labels}):
            _prune(self.folder)

    def save(self, blocking_deficit: int, parts: PairParts) -> None:
        import numpy as np

        key = np.frombuffer(self.key.encode("utf-8"), dtype=np.uint8)
        if _save(
            self._path(blocking_deficit),
            {
                "key": key,
                "climb": parts.climb,
                "unused": parts.unused,
                "max_jump": parts.max_jump,
                "blocking": parts.blocking,
            },
        ):
            _prune(self.folder)


def pair_store(key: str | None, n: int) -> PairStore | None:
    """The store of a dataset whose cache key is ``key`` (None: not cached)."""
    folder = cache_dir()
    if key is None or folder is None:
        return None
    return PairStore(folder, _code_key(key), n)


def _save(path: Path, arrays: dict[str, Any]) -> bool:
    """Write through a temporary file and a rename: a reader never sees half a file."""
    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **arrays)
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


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
