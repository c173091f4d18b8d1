"""Writing files safely: atomically (temporary file, then rename), never over an existing file
unless asked, and with one clear error when the path cannot be written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError


def read_user_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file a user named, or one ``InputError`` line saying why not."""
    file, name = Path(path), str(path)
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: file not found") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        if file.is_dir():
            raise InputError(f"{name}: is a directory, not a file") from None
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None


def read_user_text(path: str | os.PathLike[str], what: str, *, hint: str = "") -> str:
    """A user's text file (UTF-8, byte-order mark allowed), refusing binary files; ``what``
    names the expected content in the message (e.g. "a YAML or JSON profile")."""
    name = str(path)
    data = read_user_file(path)
    if b"\x00" in data:
        raise InputError(f"{name}: binary file, not {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start}){hint}") from None


def prepare_folder(
    path: str | os.PathLike[str], names: tuple[str, ...] | list[str], *, force: bool = False
) -> Path:
    """Make the output folder ``path`` ready for files ``names``: created if missing, and none
    of them replaced unless ``force``. Any problem is one ``InputError`` line."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file, not a folder")
    if not force:
        for name in names:
            if (out / name).exists():
                raise InputError(f"{out / name}: already exists (use --force to replace it)")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out}: cannot create the folder ({exc.strerror or exc})") from None
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Fail early (``InputError``, exit 3) when ``path`` cannot be written; return it."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target}: is a directory, not a file")
    if target.exists() and not force:
        raise InputError(f"{target}: already exists (use --force to replace it)")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{target}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise InputError(f"{target}: folder {parent} is not writable")
    return target


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, force: bool = False, encoding: str = "utf-8"
) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename it.

    An interrupted write leaves the old file (or none), never a half-written one. An existing
    file is replaced only with ``force``. Any problem is an ``InputError`` naming the path.
    """
    return write_atomic_chunks(path, [data], force=force, encoding=encoding)


def write_atomic_chunks(
    path: str | os.PathLike[str],
    chunks: Iterable[str | bytes],
    *,
    force: bool = False,
    encoding: str = "utf-8",
) -> Path:
    """:func:`write_atomic` for data made a piece at a time (an export of millions of rows):
    each chunk is written as it comes, and the file appears, whole, once the last is written."""
    target = check_writable(path, force=force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a written file gets the usual mode
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode(encoding) if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists() and not force:  # appeared while we wrote
            raise InputError(f"{target}: already exists (use --force to replace it)")
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"{target}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
