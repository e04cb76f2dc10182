"""Atomic writes: every output file appears whole, or not at all, and an existing file is only
replaced once its successor is complete.

Each file is written to a temporary file beside it (``.<name>.<random>.tmp``, in the same folder,
so the final move is a rename on one file system), and the temporaries are moved in place only
once every file of the output was written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from bimquant.errors import OutputError

FORMATS = ("csv", "xlsx", "json")


def get_format(path: str | os.PathLike, explicit: str | None = None) -> str:
    """Output format from ``explicit`` or the file extension; :class:`OutputError` if unknown."""
    fmt = (explicit or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise OutputError(
            f"unknown output format '{fmt or Path(path).name}'",
            "name the output file .csv, .xlsx or .json, or pass --format csv|xlsx|json",
        )
    return fmt


def check_output(path: str | os.PathLike, explicit: str | None = None) -> str:
    """Format of ``path`` (see :func:`get_format`) once its folder is known to exist: call it
    before a long measurement, so a typo in ``-o`` fails at once rather than at the end."""
    fmt = get_format(path, explicit)
    _output_folder(Path(path))
    if Path(path).is_dir():
        raise OutputError(f"cannot write {path}: it is a folder", "give a file name, e.g. takeoff.xlsx")
    return fmt


def _output_folder(path: Path) -> Path:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"output folder does not exist: {folder}", "create the folder or choose another path")
    return folder


def write_atomically(jobs: list[tuple[Path, Callable[[Path], None]]]) -> list[Path]:
    """Run each ``writer`` on a temporary file beside its ``path``; move them all in place only
    once every one succeeded, so a failure leaves no new file behind."""
    temps: list[Path] = []
    try:
        for path, writer in jobs:
            folder = _output_folder(path)
            try:
                fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
            except OSError as exc:  # a read-only folder is the user's to fix, not a bimquant bug
                raise OutputError(
                    f"cannot write {path}: {exc.strerror or exc}", "check the path and its permissions"
                ) from exc
            os.close(fd)
            temps.append(Path(tmp_name))
            try:
                writer(temps[-1])
                os.chmod(temps[-1], _file_mode(path))  # mkstemp makes 0600; give what open() would
            except OSError as exc:
                raise OutputError(
                    f"cannot write {path}: {exc.strerror or exc}", "check the path and its permissions"
                ) from exc
        for (path, _), tmp in zip(jobs, temps):
            os.replace(tmp, path)
    finally:
        for tmp in temps:
            if tmp.exists():
                tmp.unlink()
    return [path for path, _ in jobs]


def _file_mode(path: Path) -> int:
    """Mode of the file being replaced, else 0666 minus the process umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
