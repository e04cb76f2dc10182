"""Time and memory of a bimquant takeoff against ifc5d's quantifier, model by model.

Each run happens in a fresh spawned process, so its wall time (open + measure, imports left
out) and its peak memory belong to that run alone. ifc5d gets exactly the elements bimquant
measured, looked up by GlobalId, with its default ``IFC4QtoBaseQuantities`` rules.

    python bench/bench_takeoff.py                       # every model in ../shared/models
    python bench/bench_takeoff.py --only CPM --repeat 3 --json bench.json

The table goes to stdout, progress to stderr. See bench/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import signal
import sys
import time
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1].parent / "shared" / "models"
RULES = "IFC4QtoBaseQuantities"


# --- The two sides, each run in its own child process -------------------------


def run_bimquant(path: str, _guids: list[str] | None) -> dict:
    """bimquant's library call; its element set is the GlobalIds of ``result.elements``."""
    import bimquant

    start = time.perf_counter()
    result = bimquant.takeoff(path, cache=False)  # cold: the geometry, not the cache
    seconds = time.perf_counter() - start
    guids = list(dict.fromkeys(result.elements["global_id"]))
    return {"seconds": seconds, "measured": len(result.elements), "failed": len(result.failures), "guids": guids}


def run_ifc5d(path: str, guids: list[str]) -> dict:
    """ifc5d on the same elements; an element counts when it got at least one quantity."""
    import ifc5d.qto
    import ifcopenshell

    rules = ifc5d.qto.rules[RULES]
    start = time.perf_counter()
    ifc = ifcopenshell.open(path)
    elements = {ifc.by_guid(guid) for guid in guids}  # quantify() is typed for a set
    results = ifc5d.qto.quantify(ifc, elements, rules)
    seconds = time.perf_counter() - start
    measured = sum(
        any(value is not None for qto in qtos.values() for value in qto.values())
        for element, qtos in results.items()
        if element in elements
    )
    return {"seconds": seconds, "measured": measured}


SIDES = {"bimquant": run_bimquant, "ifc5d": run_ifc5d}


def _child(side: str, path: str, guids: list[str] | None, conn) -> None:
    os.setpgrp()  # own process group, so a timeout also ends bimquant's geometry children
    try:
        out = SIDES[side](path, guids)
        self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
        children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # largest child
        memory = {"peak_mb": self_mb + children_mb, "self_mb": self_mb, "children_mb": children_mb}
        conn.send(("ok", out | memory))
    except BaseException as exc:  # reported in the table row, never raised
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


def run_once(side: str, path: Path, guids: list[str] | None, timeout: float | None) -> dict:
    """Run one side on one model in a fresh spawned process; return its numbers or ``error``."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(side, str(path), guids, sender))
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            return {"error": f"timed out after {timeout:g} s"}
        status, payload = receiver.recv()
        return payload if status == "ok" else {"error": payload}
    except EOFError:
        child.join()
        return {"error": f"process died (exit code {child.exitcode})"}
    finally:
        if child.is_alive():
            child.join(5)
        if child.is_alive():
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:  # stopped before it made its own group
                child.kill()
            child.join()


def run_side(side: str, path: Path, guids: list[str] | None, repeat: int, timeout: float | None) -> dict:
    """The fastest of ``repeat`` runs (its time and memory); stops at the first error."""
    runs = []
    for _ in range(repeat):
        runs.append(run_once(side, path, guids, timeout))
        if "error" in runs[-1]:
            return runs[-1]
    return min(runs, key=lambda run: run["seconds"])


def bench_model(path: Path, repeat: int, timeout: float | None) -> dict:
    bq = run_side("bimquant", path, None, repeat, timeout)
    guids = bq.pop("guids", None)
    peer = (
        run_side("ifc5d", path, guids, repeat, timeout)
        if guids is not None
        else {"error": "skipped: bimquant gave no element set"}
    )
    ratio = peer["seconds"] / bq["seconds"] if "seconds" in bq and "seconds" in peer else None
    return {
        "model": path.name,
        "elements": None if guids is None else len(guids),
        "bimquant": bq,
        "ifc5d": peer,
        "ratio": ratio,
    }


# --- Table ----------------------------------------------------------------------

COLUMNS = [
    ("elements", 8),
    ("bq s", 8),
    ("bq MB", 7),
    ("bq meas", 7),
    ("ifc5d s", 8),
    ("ifc5d MB", 8),
    ("ifc5d meas", 10),
    ("ratio", 6),
]


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def format_row(row: dict, width: int) -> str:
    bq, peer = row["bimquant"], row["ifc5d"]
    cells = [_fmt(row["elements"], "d")]
    for side in (bq, peer):
        if "error" in side:
            cells += ["error", "-", "-"]
        else:
            cells += [f"{side['seconds']:.2f}", f"{side['peak_mb']:.0f}", str(side["measured"])]
    cells.append(_fmt(row["ratio"], ".2f"))
    line = row["model"].ljust(width) + "".join(c.rjust(w + 2) for c, (_, w) in zip(cells, COLUMNS))
    errors = [f"{name}: {side['error']}" for name, side in (("bimquant", bq), ("ifc5d", peer)) if "error" in side]
    return line + ("  " + "; ".join(errors) if errors else "")


def format_header(width: int) -> str:
    return "model".ljust(width) + "".join(name.rjust(w + 2) for name, w in COLUMNS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--models", type=Path, default=MODELS, help="folder of .ifc files (default: %(default)s)")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only this model (file name or stem); repeatable"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per side and model; best time kept")
    parser.add_argument("--timeout", type=float, default=None, help="seconds allowed per run (default: none)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the rows as JSON")
    args = parser.parse_args(argv)

    paths = sorted(args.models.glob("*.ifc"), key=lambda p: p.name.lower())
    if args.only:
        wanted = set(args.only)
        paths = [p for p in paths if p.name in wanted or p.stem in wanted]
    if not paths:
        sys.exit(f"Error: no matching .ifc files in {args.models}")

    width = max(len("model"), *(len(p.name) for p in paths))
    print(format_header(width), flush=True)
    rows = []
    for i, path in enumerate(paths, 1):
        print(f"[{i}/{len(paths)}] {path.name}", file=sys.stderr, flush=True)
        rows.append(bench_model(path, max(1, args.repeat), args.timeout))
        print(format_row(rows[-1], width), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
