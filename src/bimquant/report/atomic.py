"""Atomic writes: every output file appears whole, or not at all, and an existing file is only
replaced once its successor is complete.

Each file is written to a temporary file beside it (``.<name>.bimquant-<pid>-<random>.tmp``, in
the same folder, so the final move is a rename on one file system), and the temporaries are
moved in place only once every file of the output was written. A run killed outright (SIGKILL,
power cut) cannot remove its temporaries: the next run writing into that folder removes those
of processes that are gone and that are older than itself.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bimquant.errors import OutputError
from bimquant.messages import Message

FORMATS = ("csv", "xlsx", "json")
MAX_NAME_BYTES = 200  # a file name's bytes, leaving room for the temporary's prefix (255 on most systems)
# files written whole by their own writer, named by the caller: a chart, the HTML report, an IFC,
# an IDS
OTHER_FORMATS = ("png", "html", "ifc", "ids", "xml")
TEMP_MARK = "bimquant"
_TEMP_NAME = re.compile(rf"^\..+\.{TEMP_MARK}-(\d+)-[^.]+\.tmp$")
STARTED = time.time()  # this run's start: a temporary file older than it is not this run's


def get_format(path: str | os.PathLike, explicit: str | None = None) -> str:
    """Output format from ``explicit`` or the file extension; :class:`OutputError` if unknown,
    or if ``explicit`` contradicts the extension (JSON is never written into a ``.csv``)."""
    suffix = Path(path).suffix.lstrip(".").lower()
    fmt = (explicit or suffix).lower()
    if fmt not in FORMATS:
        raise OutputError(
            Message("error.atomic.unknown_format", fmt=fmt or Path(path).name), Message("hint.atomic.name_format")
        )
    if suffix in FORMATS and fmt != suffix:
        raise OutputError(
            Message("error.atomic.format_contradicts", fmt=fmt, name=Path(path).name),
            Message("hint.atomic.name_or_drop", fmt=fmt),
        )
    return fmt


def check_output(
    path: str | os.PathLike, explicit: str | None = None, inputs: dict[str, str | os.PathLike | None] | None = None
) -> str:
    """Format of ``path`` (see :func:`get_format`) once it is known that it can be written:
    its folder exists and takes a new file, it is not a folder, and it is none of ``inputs``
    (``{"the price library (--prices)": path}``; links resolved). Call it before a long
    measurement, so a typo in ``-o`` fails at once rather than at the end."""
    path = Path(path)
    fmt = explicit if explicit in OTHER_FORMATS else get_format(path, explicit)
    if len(os.fsencode(path.name)) > MAX_NAME_BYTES:
        said = Message(
            "error.atomic.name_too_long", name=path.name[:40], size=len(os.fsencode(path.name)), maximum=MAX_NAME_BYTES
        )
        raise OutputError(said, Message("hint.atomic.shorter_name"))
    folder = _output_folder(path)
    if path.is_dir():
        raise OutputError(Message("error.atomic.is_folder", path=path), Message("hint.atomic.file_name"))
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # a device, a pipe (links followed)
        if path.is_symlink():
            said = Message("error.atomic.link_not_regular", path=path, target=os.path.realpath(path))
        else:
            said = Message("error.atomic.not_regular", path=path)
        raise OutputError(said, Message("hint.atomic.own_name"))
    for what, source in (inputs or {}).items():
        if source is None:
            continue
        source = Path(source)
        beside = fmt == "csv" and source.parent.resolve() == folder.resolve()
        if _same_file(path, source) or (beside and re.fullmatch(rf"{re.escape(path.stem)}\.\w+\.csv", source.name)):
            raise OutputError(
                Message("error.atomic.over_input", what=what, source=source), Message("hint.atomic.another_name")
            )
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(Message("error.atomic.permission_denied", path=path), Message("hint.atomic.permissions"))
    _probe(path, folder)
    return fmt


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def _probe(path: Path, folder: Path) -> None:
    """Create and remove a temporary file where ``path`` will be written: a read-only folder or
    file system is refused now, not after the work."""
    fd, name = _temporary(path, folder)
    os.close(fd)
    os.unlink(name)


def _temporary(path: Path, folder: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, named so a later run recognises it; stale ones
    left by runs that were killed are removed first."""
    remove_stale_temporaries(folder)
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.{TEMP_MARK}-{os.getpid()}-", suffix=".tmp", dir=folder)
    except OSError as exc:  # a read-only folder is the user's to fix, not a bimquant bug
        raise OutputError(
            Message("error.atomic.cannot_write", path=path, reason=exc.strerror or str(exc)),
            Message("hint.atomic.permissions"),
        ) from exc


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files of bimquant runs in ``folder`` whose process is gone and that
    are older than this run (a killed run cannot remove its own); return those removed."""
    removed = []
    for candidate in folder.glob(f".*.{TEMP_MARK}-*.tmp"):
        match = _TEMP_NAME.match(candidate.name)
        if not match or int(match.group(1)) == os.getpid() or _alive(int(match.group(1))):
            continue
        try:
            if candidate.stat().st_mtime < STARTED:
                candidate.unlink()
                removed.append(candidate)
        except OSError:  # gone already, or not ours to remove
            continue
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:
        return False
    return True


def _output_folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(Message("error.atomic.no_folder", folder=folder), Message("hint.atomic.create_folder"))
    return folder


def write_atomically(jobs: list[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Run each ``writer`` on a temporary file beside its ``path``; move them all in place only
    once every one succeeded, so a failure leaves no new file behind."""
    temps: list[Path] = []
    try:
        for path, writer in jobs:
            fd, tmp_name = _temporary(path, _output_folder(path))
            os.close(fd)
            temps.append(Path(tmp_name))
            try:
                writer(temps[-1])
                os.chmod(temps[-1], _file_mode(path))  # mkstemp makes 0600; give what open() would
            except OSError as exc:
                raise OutputError(
                    Message("error.atomic.cannot_write", path=path, reason=exc.strerror or str(exc)),
                    Message("hint.atomic.permissions"),
                ) from exc
        for (path, _), tmp in zip(jobs, temps):
            os.replace(tmp, path)
    finally:
        for tmp in temps:
            if tmp.exists():
                tmp.unlink()
    return [path for path, _ in jobs]


def _file_mode(path: Path) -> int:
    """Mode of the regular file being replaced, else 0666 minus the process umask (a device's
    0666 never makes an output world-writable)."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            return mode & 0o777
        raise OSError("not a regular file")
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
