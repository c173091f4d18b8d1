"""Writing files safely: atomically (temporary file, then rename), never over an existing file
unless asked, and with one clear error when the path cannot be written."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .language import N_, _
from .limits import DATA_ENV, LIMITS, MB

# the messages said more than once
NF = N_("{path} : fichier introuvable")
DIR = N_("{path} : c'est un dossier, pas un fichier")
UNREAD = N_("{path} : illisible ({error})")
EXISTS = N_("{path} : existe déjà (--force pour le remplacer)")
UNWRITE = N_("{path} : impossible d'écrire le fichier ({error})")


# -- limits on what is read ----------------------------------------------------------------

TOO_BIG = N_("{path} : fichier trop gros ({size} Mo ; au plus {limit} Mo pour ce fichier)")
TOO_BIG_DATA = N_(
    "{path} : fichier trop gros ({size} Mo ; au plus {limit} Mo : {env}=N pour relever la limite)"
)
TOO_DEEP = N_("{path} : imbrication trop profonde (au plus {limit} niveaux)")
TOO_DEEP_ANY = N_("{path} : imbrication trop profonde")


def depth(value: object) -> int:
    """How deeply ``value`` (parsed JSON: dicts and lists) nests, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item)
    return deepest


def limit_mb(kind: str) -> float:
    """The size limit of a kind of file in megabytes (``data``: ``ESANTE_MAX_DATA_MB`` if
    set)."""
    if kind == "data":
        given = os.environ.get(DATA_ENV, "").strip()
        if given:
            try:
                mb = float(given)
            except ValueError:
                mb = -1.0
            if not (0 < mb < 1e9):
                message = _("{env}={value} : un nombre de mégaoctets (Mo) positif attendu")
                raise InputError(message.format(env=DATA_ENV, value=given))
            return mb
    return LIMITS[kind] / MB


def limit(kind: str) -> int:
    """The size limit in bytes of a kind of file (see :func:`limit_mb`)."""
    return int(limit_mb(kind) * MB)


def _not_regular(name: str, mode: int) -> InputError:
    if stat.S_ISDIR(mode):
        return InputError(_(DIR).format(path=name))
    if stat.S_ISFIFO(mode):
        what = _("tube nommé, FIFO")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = _("périphérique")
    elif stat.S_ISSOCK(mode):
        what = _("socket")
    else:
        what = _("fichier spécial")
    return InputError(_(NOT_REGULAR).format(path=name, what=what))


NOT_REGULAR = N_("{path} : pas un fichier ordinaire ({what})")


def check_regular(path: str | os.PathLike[str], kind: str, *, name: str | None = None) -> int:
    """The size of the regular file ``path``, checked against the limit of ``kind``; one
    ``InputError`` line if it is missing, not a regular file (checked before it is opened: a
    FIFO would block the open) or too large."""
    shown = str(path) if name is None else name
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(_(NF).format(path=shown)) from None
    except (OSError, ValueError) as exc:
        error = getattr(exc, "strerror", None) or exc
        raise InputError(_(UNREAD).format(path=shown, error=error)) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(shown, st.st_mode)
    most = limit(kind)
    if st.st_size > most:
        raise too_big(shown, st.st_size, kind)
    return st.st_size


def too_big(name: str, size: int, kind: str) -> InputError:
    """The error of a file of ``size`` bytes over the limit of ``kind``."""
    from .language import number

    shown, most = number(size / MB, digits=1), number(limit_mb(kind), digits=3)
    if shown == most:  # a byte over: "1 Mo ; au plus 1 Mo" would say nothing
        shown = number(size / MB, digits=6)
    if kind == "data":
        return InputError(_(TOO_BIG_DATA).format(path=name, size=shown, limit=most, env=DATA_ENV))
    return InputError(_(TOO_BIG).format(path=name, size=shown, limit=most))


def read_user_file(
    path: str | os.PathLike[str], kind: str = "profile", *, name: str | None = None
) -> bytes:
    """The bytes of a file a user named, or one ``InputError`` line saying why not: missing,
    not a regular file, larger than the limit of its ``kind`` (see :data:`LIMITS`)."""
    shown = str(path) if name is None else name
    check_regular(path, kind, name=shown)
    most = limit(kind)
    try:
        # O_NONBLOCK: should a FIFO replace the file between the check and here, the open
        # does not wait for a writer; the check below refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(_(NF).format(path=shown)) from None
    except OSError as exc:
        if os.path.isdir(path):
            raise InputError(_(DIR).format(path=shown)) from None
        raise InputError(_(UNREAD).format(path=shown, error=exc.strerror or exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _not_regular(shown, st.st_mode)
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(most + 1)
    except OSError as exc:
        raise InputError(_(UNREAD).format(path=shown, error=exc.strerror or exc)) from None
    finally:
        os.close(fd)
    if len(data) > most:  # grew since it was checked
        raise too_big(shown, len(data), kind)
    return data


def read_user_text(
    path: str | os.PathLike[str], what: str, *, hint: str = "", kind: str = "profile"
) -> str:
    """A user's text file (UTF-8, byte-order mark allowed), refusing binary files; ``what``
    names the expected content in the message (e.g. "a YAML or JSON profile")."""
    name = str(path)
    data = read_user_file(path, kind)
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
    try:
        mode: int | None = os.stat(target).st_mode
    except (OSError, ValueError):
        mode = None  # missing (or a dangling link): a new file
    if mode is not None and not stat.S_ISREG(mode):
        # a device (/dev/null), a FIFO, a socket: --force never replaces one by a file
        raise _not_regular(str(target), mode)
    if mode is not None and not force:
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


def _still_regular(target: Path) -> None:
    """Refuse a target that became a device, a FIFO or a folder while the file was written:
    ``--force`` replaces only a regular file."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(mode):
        raise _not_regular(str(target), mode)


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
    import tempfile

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
        _still_regular(target)
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(_(UNWRITE).format(path=target, error=exc.strerror or exc)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
