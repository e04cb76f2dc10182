"""Many models, one portfolio table: each model measured (and priced) in a process of its own.

``run_batch`` expands the paths given (files, folders searched for ``.ifc``, a CSV listing
models with optional per-model rules and prices), then runs one model per forked process, at
most ``workers`` at a time, each model's geometry on one thread so that the cores are not
oversubscribed. A model that fails (unreadable, crashing its process, past ``timeout``) is a row
of ``failures`` with its reason and never stops the others. The element quantity cache is the
same as for single models, so a second batch over the same models reads it.

Example::

    >>> portfolio = batch(["../shared/models"], rules="rules/fr-lots.toml", prices="rules/fr-prix.csv")
    >>> portfolio.models[["file", "total_excl_vat", "cost_per_m2"]]
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bimquant.columns import BATCH_FAILURE_COLUMNS, BATCH_ITEM_COLUMNS, BATCH_LOT_COLUMNS, BATCH_MODEL_COLUMNS
from bimquant.errors import BimquantError, InputError, RuleError, SetupError
from bimquant.loaders import read_rows, text_of
from bimquant.messages import Message, Number
from bimquant.result import Result

FAMILY_MEASURES = {  # per family, the volume and the area a portfolio compares
    "wall": "net_side_area_m2",
    "slab": "net_area_m2",
    "plate": "net_side_area_m2",
    "linear": None,
    "filling": "gross_area_m2",
    "other": None,
}


DAEMONIC = Message("batch.daemonic")


@dataclass
class Batch(Result):
    """``models``: one row per model measured (``BATCH_MODEL_COLUMNS``); ``items`` and ``lots``:
    per model and work item, per model and lot (with rules, and prices); ``failures``: the
    models that could not be measured, with the reason."""

    TABLES = ("models", "items", "lots", "failures")

    models: pd.DataFrame
    items: pd.DataFrame
    lots: pd.DataFrame
    failures: pd.DataFrame
    info: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    path: str
    rules: str | None
    prices: str | None


def expand(paths: list[str | os.PathLike], rules=None, prices=None, recursive: bool = False) -> list[Job]:
    """The models to run: files as given, folders searched for ``.ifc`` (recursively with
    ``recursive``), a ``.csv`` listing models (column ``file``, optional ``rules`` and
    ``prices``, paths relative to the CSV) each with the default rules and prices unless the
    list says otherwise. :class:`InputError` for a path that does not exist."""
    jobs: list[Job] = []
    default = (str(rules) if rules else None, str(prices) if prices else None)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(path.rglob("*.ifc") if recursive else path.glob("*.ifc"))
            jobs += [Job(str(p), *default) for p in found if p.is_file()]
        elif path.suffix.lower() == ".csv" and path.is_file():
            rows, _ = read_rows(path, "model list")
            for line, row in rows:
                name = text_of(row.get("file"))
                if not name:
                    raise RuleError(
                        Message("error.batch.no_file", path=path, line=line), Message("hint.batch.file_column")
                    )
                own = [text_of(row.get(k)) for k in ("rules", "prices")]
                resolved = [str(path.parent / v) if v else d for v, d in zip(own, default)]
                jobs.append(Job(str(path.parent / name), *resolved))
        elif path.exists():
            jobs.append(Job(str(path), *default))
        else:
            raise InputError(Message("error.batch.not_found", path=path), Message("hint.batch.paths"))
    if not jobs:
        raise InputError(Message("error.batch.no_ifc"), Message("hint.batch.ifc_files"))
    return list(dict.fromkeys(jobs))


def measure_one(job: Job, cache: bool = True) -> dict:
    """One model's rows (or its failure reason): measured on one thread, priced when the job
    has rules and prices. Never raises."""
    from bimquant import pipeline

    if multiprocessing.current_process().daemon:  # a daemonic Dask worker may not fork the geometry's children
        return {"failure": DAEMONIC}
    try:
        measured = pipeline.takeoff(job.path, threads=1, cache=cache)
        row = _model_row(job.path, measured)
        items, lots = [], []
        if job.rules and job.prices:
            budget = pipeline.estimate(measured, job.rules, job.prices)
            ratios = budget.ratios
            row |= {
                "direct_cost": budget.totals["direct_cost"],
                "total_excl_vat": budget.totals["total_excl_vat"],
                "cost_per_m2": ratios.get("cost_per_m2_excl_vat"),
                "cost_per_m2_basis": ratios.get("floor_area_basis"),
                "floor_area_m2": ratios.get("floor_area_m2"),
                "complete": budget.totals["complete"],
                "incomplete": _said(budget.totals["incomplete"]),
            } | _covered(budget.work.coverage)
            for line in budget.lines.to_dict(orient="records"):
                items.append(
                    {"file": job.path}
                    | {k: line[k] for k in ("code", "lot", "label", "unit", "quantity", "unit_price", "amount")}
                )
            lots = [
                {"file": job.path, "lot": lot["lot"], "amount": lot["amount"]} for lot in budget.lots.to_dict("records")
            ]
        elif job.rules:
            work = pipeline.takeoff(measured, rules=job.rules).work
            row |= _covered(work.coverage) | {"complete": work.coverage["complete"]}
            row["incomplete"] = _said({s: work.coverage[s] for s in INCOMPLETE_STATUSES})
            items = [
                {"file": job.path} | {k: line[k] for k in ("code", "lot", "label", "unit", "quantity")}
                for line in work.items.to_dict(orient="records")
            ]
        return {"model": row, "items": items, "lots": lots}
    except BimquantError as error:
        return {"failure": error.message}
    except Exception as error:  # noqa: BLE001  (one bad model never sinks the portfolio)
        return {"failure": Message("batch.internal_error", kind=type(error).__name__, error=str(error))}


INCOMPLETE_STATUSES = ("double_counted", "value_unknown", "not_priced", "geometry_failed")


def _covered(coverage: dict) -> dict:
    """A model's coverage in the portfolio: the share of its building volume priced once and
    how many building elements are not."""
    return {
        "volume_share": coverage["volume_share"],
        "elements_not_priced_once": coverage["building_elements"] - coverage["elements_priced"],
    }


def _said(incomplete: dict) -> str:
    """``"749 not_priced, 1 placeholder_lines"``: why a model's estimate is not complete."""
    return ", ".join(f"{n} {reason}" for reason, n in incomplete.items() if n)


def _model_row(path: str, measured) -> dict:
    with open(path, "rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    elements = measured.elements
    row = {
        "file": path,
        "sha256": digest,
        "schema": measured.info.get("schema"),
        "elements_measured": len(elements),
        "elements_failed": len(measured.failures),
    }
    for family, area in FAMILY_MEASURES.items():
        chosen = elements[elements["family"] == family]
        row[f"{family}_net_volume_m3"] = float(chosen["net_volume_m3"].sum())
        if area:
            row[f"{family}_{area}"] = float(chosen[area].sum())
    return row


def run_on_cluster(jobs: list[Job], scheduler: str, *, cache: bool = True, progress=None) -> Batch:
    """Run every job as a task of the Dask distributed cluster at ``scheduler`` (its address,
    ``tcp://host:8786``). The workers read the model files themselves: the paths must be
    readable from them (shared storage); the results come back as tables. A task that fails on
    the cluster (a worker lost, an error) is a failure of its model."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise SetupError(Message("error.batch.no_distributed"), Message("hint.batch.install_dask")) from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise SetupError(
            Message("error.batch.no_scheduler", address=scheduler, error=type(error).__name__),
            Message("hint.batch.start_scheduler"),
        ) from None
    results: dict[Job, dict] = {}
    try:
        futures = {client.submit(measure_one, job, cache, pure=False): job for job in jobs}
        for future in as_completed(list(futures), loop=client.loop):
            job = futures[future]
            try:
                results[job] = future.result()
            except Exception as error:  # noqa: BLE001  (a lost worker or a task error: this model only)
                results[job] = {"failure": Message("batch.task_failed", kind=type(error).__name__, error=str(error))}
            if progress:
                progress(len(results), len(jobs), None)
    finally:
        client.close()
    return _tables(jobs, results)


def run_batch(
    jobs: list[Job],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    cache: bool = True,
    progress=None,
) -> Batch:
    """Run every job, at most ``workers`` (default: the cores) at a time, each in a forked
    process; a job past ``timeout`` seconds is stopped and reported. ``progress(done, total,
    slowest)`` is called as models finish (``slowest``: the running model started first)."""
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    workers = max(1, workers or os.cpu_count() or 1)
    results: dict[Job, dict] = {}
    if context is None:  # no fork (Windows): one after the other, in this process
        for done, job in enumerate(jobs, start=1):
            results[job] = measure_one(job, cache)
            if progress:
                progress(done, len(jobs), None)
        return _tables(jobs, results)
    pending, running = list(jobs), {}
    while pending or running:
        while pending and len(running) < workers:
            job = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(job, cache, sender, os.getpid()), daemon=False)
            process.start()
            sender.close()
            running[job] = (process, receiver, time.monotonic())
        ready = multiprocessing.connection.wait([r for _, r, _ in running.values()], timeout=0.2)
        now = time.monotonic()
        for job, (process, receiver, started) in list(running.items()):
            if receiver in ready:
                try:
                    results[job] = receiver.recv()
                except (EOFError, OSError):
                    process.join(5)
                    results[job] = {"failure": Message("batch.process_died", code=process.exitcode)}
            elif timeout is not None and now - started > timeout:
                process.kill()
                results[job] = {"failure": Message("batch.timeout", seconds=Number(timeout, "g"))}
            else:
                continue
            process.join(5)
            receiver.close()
            del running[job]
            if progress:
                slowest = min(running.items(), key=lambda item: item[1][2])[0].path if running else None
                progress(len(results), len(jobs), slowest)
    return _tables(jobs, results)


def _child(job: Job, cache: bool, sender, parent: int | None = None) -> None:
    from bimquant.geometry.iterator import die_with_parent

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    die_with_parent(parent)
    try:
        sender.send(measure_one(job, cache))
    finally:
        sender.close()


def _tables(jobs: list[Job], results: dict[Job, dict]) -> Batch:
    models, items, lots, failures = [], [], [], []
    for job in jobs:
        result = results.get(job, {"failure": Message("batch.not_run")})
        if "failure" in result:
            failures.append({"file": job.path, "reason": result["failure"]})
            continue
        models.append(result["model"])
        items += result["items"]
        lots += result["lots"]
    table = pd.DataFrame(models).reindex(columns=_model_columns(models))
    if len(table) and table["complete"].notna().any():  # incomplete models first: they need a look
        table = table.sort_values("complete", key=lambda c: c.map({False: 0, True: 1}).fillna(2), kind="stable")
        table = table.reset_index(drop=True)
    return Batch(
        models=table,
        items=pd.DataFrame(items, columns=BATCH_ITEM_COLUMNS),
        lots=pd.DataFrame(lots, columns=BATCH_LOT_COLUMNS),
        failures=pd.DataFrame(failures, columns=BATCH_FAILURE_COLUMNS),
        info={"models": len(jobs), "measured": len(models), "failed": len(failures)},
    )


def _model_columns(models: list[dict]) -> list[str]:
    extra = [c for row in models for c in row if c not in BATCH_MODEL_COLUMNS]
    return BATCH_MODEL_COLUMNS + list(dict.fromkeys(extra))


def batch(
    paths: list[str | os.PathLike],
    *,
    rules: str | os.PathLike | None = None,
    prices: str | os.PathLike | None = None,
    recursive: bool = False,
    workers: int | None = None,
    timeout: float | None = None,
    scheduler: str | None = None,
    cache: bool = True,
    progress=None,
) -> Batch:
    """Measure (and, with ``rules`` and ``prices``, price) every model of ``paths`` in a
    process of its own, ``workers`` at a time, or as tasks of the Dask cluster at
    ``scheduler``: one portfolio table, the failures apart. The rules and prices are checked
    before any model runs."""
    if scheduler and timeout is not None:
        raise SetupError(Message("error.batch.timeout_local"), Message("hint.batch.cluster_limits"))
    if prices is not None and rules is None:
        raise RuleError(Message("error.batch.prices_without_rules"), Message("hint.batch.add_rules"))
    from bimquant import pipeline

    language = None
    if rules is not None:
        ruleset = pipeline.load_rules(rules)
        language = ruleset.language
        if prices is not None:
            from bimquant.estimate import check_price_units

            check_price_units(ruleset, pipeline.load_prices(prices))
    jobs = expand(list(paths), rules, prices, recursive)
    if scheduler:
        result = run_on_cluster(jobs, scheduler, cache=cache, progress=progress)
    else:
        result = run_batch(jobs, workers=workers, timeout=timeout, cache=cache, progress=progress)
    result.info["scheduler"] = scheduler
    result.info |= {"rules": str(rules) if rules else None, "prices": str(prices) if prices else None}
    if language:
        result.info["language"] = language
    return result
