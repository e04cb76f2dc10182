"""Element quantities kept on disk, so that a model measured once is never measured again.

A takeoff's tables (elements, failures, excluded, authored, openings) and its ``info`` are
stored under a key made of the IFC file's content (SHA-256 of its bytes, not its name or date),
the engine (a hash of bimquant's own source files and the ifcopenshell version: any change to
the code that measures misses) and the options that change a measure (the geometry kernel and
the material library's content). Re-running ``takeoff --rules``, ``estimate``, ``order`` or
``explain`` with other rules, prices or recipes reads the entry instead of the geometry.

Entries are Parquet files (columns and types, never code: a cache file cannot execute
anything) and a JSON manifest, written in a temporary folder renamed into place, so two runs
storing the same entry at once leave one whole entry. An entry that cannot be read (truncated,
corrupt, from another format) is removed and measured again.

Location: ``$BIMQUANT_CACHE`` when set (``off`` disables the cache), else
``$XDG_CACHE_HOME/bimquant``, else ``~/.cache/bimquant``.

Example::

    >>> from bimquant import cache
    >>> cache.get_info()["entries"]
    3
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import os
import shutil
import tempfile
import time
from functools import cache as once
from pathlib import Path

import numpy as np
import pandas as pd

from bimquant.errors import OutputError
from bimquant.messages import Message
from bimquant.takeoff import Takeoff

log = logging.getLogger(__name__)

FORMAT = 1  # the layout of an entry; a reader of another format misses
OFF = "off"
MANIFEST = "manifest.json"


def get_folder() -> Path | None:
    """The cache folder, or None when ``BIMQUANT_CACHE=off``."""
    chosen = os.environ.get("BIMQUANT_CACHE")
    if chosen:
        return None if chosen.strip().lower() == OFF else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bimquant"


@once
def get_engine() -> str:
    """What measured the quantities: a hash of bimquant's source files and the ifcopenshell
    version. Any change to either makes every earlier entry miss."""
    import ifcopenshell

    digest = hashlib.sha256(f"format {FORMAT}; ifcopenshell {ifcopenshell.version}".encode())
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")) + sorted(package.rglob("*.toml")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def get_key(path: str | os.PathLike, options: dict) -> str:
    """The key of a model file measured with ``options`` (plain values that change measures)."""
    with open(path, "rb") as stream:
        content = hashlib.file_digest(stream, "sha256").hexdigest()
    described = json.dumps({"file": content, "engine": get_engine(), **options}, sort_keys=True, default=str)
    return hashlib.sha256(described.encode()).hexdigest()[:40]


def load(key: str, folder: Path | None = None) -> Takeoff | None:
    """The takeoff stored under ``key``, or None (no entry, or one that cannot be read: it is
    removed, to be measured and stored again)."""
    folder = folder or get_folder()
    if folder is None:
        return None
    entry = _entry(folder, key)
    if not entry.is_dir():
        return None
    try:
        return _read(entry)
    except Exception as exc:  # noqa: BLE001  (any unreadable entry is rebuilt, whatever broke it)
        log.info("cache entry %s cannot be read (%s): measuring again", entry, type(exc).__name__)
        shutil.rmtree(entry, ignore_errors=True)
        return None


def store(key: str, result: Takeoff, folder: Path | None = None) -> Path | None:
    """Store a takeoff under ``key``; return its folder, or None when the cache is off or
    cannot be written (a read-only home never stops a takeoff: it is logged)."""
    folder = folder or get_folder()
    if folder is None:
        return None
    entry = _entry(folder, key)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=entry.parent))
    except OSError as exc:
        log.info("cache folder %s cannot be written (%s): nothing stored", folder, exc)
        return None
    try:
        _write(temporary, result)
        os.rename(temporary, entry)  # atomic: a reader sees no entry or a whole one
    except OSError:  # another run stored the same entry first (or the disk is full): keep theirs
        shutil.rmtree(temporary, ignore_errors=True)
        return entry if entry.is_dir() else None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return entry


def get_info(folder: Path | None = None) -> dict:
    """``{"folder", "entries", "bytes"}`` of the cache (``folder`` None when it is off)."""
    folder = folder or get_folder()
    if folder is None or not folder.is_dir():
        return {"folder": None if folder is None else str(folder), "entries": 0, "bytes": 0}
    entries = [p for p in folder.glob("*/*") if p.is_dir() and not p.name.startswith(".")]
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return {"folder": str(folder), "entries": len(entries), "bytes": size}


def clear(folder: Path | None = None) -> int:
    """Remove every entry; return how many there were. Files that are not entries are left."""
    folder = folder or get_folder()
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for shard in folder.iterdir():
        if not (shard.is_dir() and len(shard.name) == 2):
            continue
        for entry in shard.iterdir():
            if (entry / MANIFEST).exists() or entry.name.startswith("."):
                try:
                    shutil.rmtree(entry)
                except OSError as exc:
                    raise OutputError(
                        Message("error.cache.cannot_remove", entry=entry, reason=exc.strerror),
                        Message("hint.cache.permissions"),
                    ) from exc
                removed += not entry.name.startswith(".")
        if not any(shard.iterdir()):
            shard.rmdir()
    return removed


def _entry(folder: Path, key: str) -> Path:
    return folder / key[:2] / key


# --- an entry: a Parquet file per table, and a manifest -------------------------------------------


def _write(folder: Path, result: Takeoff) -> None:
    _write_tables(folder, {name: getattr(result, name) for name in Takeoff.TABLES}, result.info)


def _read(folder: Path) -> Takeoff:
    tables, info = _read_tables(folder, Takeoff.TABLES)
    return Takeoff(**tables, info=info)


def _write_tables(folder: Path, tables: dict[str, pd.DataFrame], info: dict) -> None:
    described = {}
    for name, table in tables.items():
        encoded, kinds = _encode(table)
        encoded.to_parquet(folder / f"{name}.parquet", index=False)
        described[name] = {"dtypes": {c: str(t) for c, t in table.dtypes.items()}, "json": kinds}
    manifest = {"format": FORMAT, "stored": time.time(), "info": info, "tables": described}
    (folder / MANIFEST).write_text(json.dumps(manifest, default=_plain, allow_nan=True), encoding="utf-8")


def _read_tables(folder: Path, names: tuple[str, ...]) -> tuple[dict[str, pd.DataFrame], dict]:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise ValueError(f"format {manifest.get('format')}")
    tables = {}
    for name in names:
        described = manifest["tables"][name]
        table = _read_parquet(folder / f"{name}.parquet")
        if list(table.columns) != list(described["dtypes"]):
            raise ValueError(f"{name}: columns differ from the manifest")
        for column in described["json"]:
            table[column] = pd.Series([json.loads(v) for v in table[column]], index=table.index, dtype=object)
        for column, dtype in described["dtypes"].items():
            if str(table[column].dtype) != dtype:
                table[column] = table[column].astype(dtype)
        tables[name] = table
    return tables, manifest["info"]


def _read_parquet(path: Path) -> pd.DataFrame:
    """One Parquet file as a DataFrame, read by pyarrow's file reader: pandas' own reader goes
    through pyarrow.dataset, whose import alone takes longer than reading a model's tables."""
    import pyarrow.parquet as parquet

    with parquet.ParquetFile(path) as stream:
        return stream.read().to_pandas()


# --- what is derived from a takeoff (work items under a rule set), kept in its entry -------------


def store_derived(key: str, name: str, tables: dict[str, pd.DataFrame], info: dict, folder: Path | None = None) -> bool:
    """Keep ``tables`` derived from the takeoff stored under ``key`` (the work items of one rule
    set: ``name`` says which) inside that entry, so that they go with it; False when the entry
    is not there or cannot be written."""
    folder = folder or get_folder()
    entry = _entry(folder, key) if folder is not None else None
    if entry is None or not entry.is_dir():
        return False
    target = entry / name
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=entry))
    except OSError as exc:
        log.info("cache entry %s cannot be written (%s): work items not stored", entry, exc)
        return False
    try:
        _write_tables(temporary, tables, info)
        os.rename(temporary, target)
    except OSError:  # another run stored them first: keep theirs
        shutil.rmtree(temporary, ignore_errors=True)
        return target.is_dir()
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return True


def load_derived(key: str, name: str, names: tuple[str, ...], folder: Path | None = None):
    """``(tables, info)`` stored by :func:`store_derived`, or None (none, or unreadable: removed)."""
    folder = folder or get_folder()
    target = _entry(folder, key) / name if folder is not None else None
    if target is None or not target.is_dir():
        return None
    try:
        return _read_tables(target, names)
    except Exception as exc:  # noqa: BLE001  (any unreadable entry is rebuilt, whatever broke it)
        log.info("cache entry %s cannot be read (%s): computing again", target, type(exc).__name__)
        shutil.rmtree(target, ignore_errors=True)
        return None


def _encode(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Object columns (lists, dicts, mixed values) as JSON text, so Parquet stores them as
    strings and they come back as they were."""
    encoded, kinds = table.copy(), []
    for column in table.columns:
        if table[column].dtype == object:
            encoded[column] = [json.dumps(v, default=_plain, allow_nan=True) for v in table[column]]
            kinds.append(column)
    return encoded, kinds


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def as_read_from(result: Takeoff, path: str | os.PathLike, seconds: float) -> Takeoff:
    """A takeoff read from the cache, for the file at ``path``: its name (the same content may
    sit elsewhere), the time reading took, and ``info["cache"] = "hit"``."""
    info = dict(result.info) | {"file": str(path), "total_s": round(seconds, 3), "cache": "hit"}
    return dataclasses.replace(result, info=info)
