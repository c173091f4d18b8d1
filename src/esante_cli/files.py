"""Writing files safely: atomically (temporary file, then rename), never over an existing file
unless asked, and with one clear error when the path cannot be written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .language import N_, _

# the messages said more than once
NF = N_("{path} : fichier introuvable")
DIR = N_("{path} : c'est un dossier, pas un fichier")
UNREAD = N_("{path} : illisible ({error})")
EXISTS = N_("{path} : existe déjà (--force pour le remplacer)")
UNWRITE = N_("{path} : impossible d'écrire le fichier ({error})")


def read_user_file(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file a user named, or one ``InputError`` line saying why not."""
    file, name = Path(path), str(path)
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(_(NF).format(path=name)) from None
    except IsADirectoryError:
        raise InputError(_(DIR).format(path=name)) from None
    except OSError as exc:
        if file.is_dir():
            raise InputError(_(DIR).format(path=name)) from None
        raise InputError(_(UNREAD).format(path=name, error=exc.strerror or exc)) from None


def read_user_text(path: str | os.PathLike[str], what: str, *, hint: str = "") -> str:
    """A user's text file (UTF-8, byte-order mark allowed), refusing binary files; ``what``
    names the expected content in the message (e.g. "a YAML or JSON profile")."""
    name = str(path)
    data = read_user_file(path)
    if b"\x00" in data:
        raise InputError(_("{path} : fichier binaire, pas {what}").format(path=name, what=what))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = _("{path} : texte non UTF-8 (octet {byte})").format(path=name, byte=exc.start)
        raise InputError(message + hint) from None


def prepare_folder(
    path: str | os.PathLike[str], names: tuple[str, ...] | list[str], *, force: bool = False
) -> Path:
    """Make the output folder ``path`` ready for files ``names``: created if missing, and none
    of them replaced unless ``force``. Any problem is one ``InputError`` line."""
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise InputError(_("{path} : c'est un fichier, pas un dossier").format(path=out))
    if not force:
        for name in names:
            if (out / name).exists():
                raise InputError(_(EXISTS).format(path=out / name))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = _("{path} : impossible de créer le dossier ({error})")
        raise InputError(message.format(path=out, error=exc.strerror or exc)) from None
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Fail early (``InputError``, exit 3) when ``path`` cannot be written; return it."""
    target = Path(path)
    if target.is_dir():
        raise InputError(_(DIR).format(path=target))
    if target.exists() and not force:
        raise InputError(_(EXISTS).format(path=target))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(
            _("{path} : le dossier {folder} n'existe pas").format(path=target, folder=parent)
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        message = _("{path} : le dossier {folder} n'est pas accessible en écriture")
        raise InputError(message.format(path=target, folder=parent))
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

    def fill(handle: BinaryIO) -> None:
        handle.writelines(c.encode(encoding) if isinstance(c, str) else c for c in chunks)

    return write_atomic_with(path, fill, force=force)


def write_atomic_with(
    path: str | os.PathLike[str], fill: Callable[[BinaryIO], None], *, force: bool = False
) -> Path:
    """:func:`write_atomic` for a writer that needs a file (a zip archive: an .xlsx workbook):
    ``fill`` writes into the temporary file, which becomes ``path`` once it returns."""
    target = check_writable(path, force=force)
    parent = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise InputError(_(UNWRITE).format(path=target, error=exc.strerror or exc)) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a written file gets the usual mode
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists() and not force:  # appeared while we wrote
            raise InputError(_(EXISTS).format(path=target))
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(_(UNWRITE).format(path=target, error=exc.strerror or exc)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
