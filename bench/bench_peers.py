"""bimquant against its peers, side by side in one run: ifc5d's quantifier and ifcfast's mesh_qto.

Every measurement is a fresh Python process (``python bench/bench_peers.py --child TOOL MODEL``),
so imports, caches and memory belong to that run alone. For each model and tool it prints the
process's wall time (imports included, as a user waits for it), the time inside the process
from opening the file to the last quantity, the peak memory (max RSS) and the elements that
got quantities; then the ratios. bimquant runs cold (``cache=False``); ifc5d gets the elements
bimquant measured (``IFC4QtoBaseQuantities``); ifcfast meshes what it meshes (``mesh_qto()``).
Last, ``bimquant estimate`` on one model, cold then warm (its takeoff read from the cache).

    pip install ".[bench]"
    python bench/bench_peers.py                                  # the three models of issue 11
    python bench/bench_peers.py --all --repeat 3 --json peers.json
    python bench/bench_peers.py --models Jesse.1.ifc --repeat 3     # named models only
    python bench/bench_peers.py --floor --repeat 3                  # and the floor of any Python takeoff

``--floor`` adds a process that only imports what a takeoff on IfcOpenShell cannot do without
(ifcopenshell, numpy, pandas) and opens the model: no element is measured. Its wall time is the
least any takeoff built on IfcOpenShell can take, so ``floor / ifcfast`` shows how much of the
2x budget is spent before the first element is measured.

A tool that is not installed is shown as such; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT.parent / "shared" / "models"
DEFAULT = ["AC11-Institute-Var-2-IFC.ifc", "SteelOpenings_IFC4.ifc", "Office_A_20110811.ifc"]
TOOLS = ("bimquant", "ifc5d", "ifcfast")
WARM_MODEL = "AC11-Institute-Var-2-IFC.ifc"


# --- inside a child process ------------------------------------------------------------------


def child(tool: str, path: str, guids_file: str | None) -> dict:
    start = time.perf_counter()
    if tool == "bimquant":
        import bimquant

        start = time.perf_counter()
        result = bimquant.takeoff(path, cache=False)
        found = {"measured": len(result.elements), "guids": list(result.elements["global_id"])}
    elif tool == "ifc5d":
        import ifc5d.qto
        import ifcopenshell

        start = time.perf_counter()
        ifc = ifcopenshell.open(path)
        wanted = json.loads(Path(guids_file).read_text()) if guids_file else None
        elements = {ifc.by_guid(g) for g in wanted} if wanted else set(ifc.by_type("IfcElement"))
        results = ifc5d.qto.quantify(ifc, elements, ifc5d.qto.rules["IFC4QtoBaseQuantities"])
        measured = sum(any(v is not None for q in qtos.values() for v in q.values()) for qtos in results.values())
        found = {"measured": measured}
    elif tool == "ifcfast":
        import ifcfast

        start = time.perf_counter()
        products, _ = ifcfast.open(path).mesh_qto()
        found = {"measured": int((products["volume_m3"].notna()).sum())}
    elif tool == "floor":
        import ifcopenshell
        import numpy  # noqa: F401  (every quantity is computed with it)
        import pandas  # noqa: F401  (the takeoff's tables)

        start = time.perf_counter()
        ifc = ifcopenshell.open(path)
        found = {"measured": 0, "products": len(ifc.by_type("IfcProduct"))}
    elif tool in ("estimate-cold", "estimate-warm"):
        import bimquant

        start = time.perf_counter()
        budget = bimquant.estimate(path, ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv")
        found = {"measured": int(budget.info.get("elements_measured", 0)), "cache": budget.info.get("cache")}
    else:
        raise SystemExit(f"unknown tool {tool}")
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"inside_s": seconds, "peak_mb": peak_mb, **found}


# --- the parent: one fresh process per measurement -------------------------------------------------


def measure(tool: str, path: Path, guids_file: str | None = None, env: dict | None = None) -> dict:
    command = [sys.executable, __file__, "--child", tool, str(path)] + ([guids_file] if guids_file else [])
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last[:120]}
    return {"wall_s": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def best(runs: list[dict]) -> dict:
    ok = [r for r in runs if "error" not in r]
    return min(ok, key=lambda r: r["wall_s"]) if ok else runs[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--all", action="store_true", help="every model in ../shared/models")
    parser.add_argument("--models", nargs="+", metavar="NAME", help="these models of ../shared/models")
    parser.add_argument("--repeat", type=int, default=1, help="runs per model and tool; the best is kept")
    parser.add_argument("--floor", action="store_true", help="also time imports and opening the file alone")
    parser.add_argument("--json", type=Path, help="write every figure here")
    args = parser.parse_args()
    names = sorted(p.name for p in MODELS.glob("*.ifc")) if args.all else args.models or DEFAULT
    figures: dict = {}
    header = f"{'model':34} {'tool':9} {'wall s':>7} {'inside s':>8} {'peak MB':>8} {'elements':>8}"
    print(header)
    with tempfile.TemporaryDirectory() as scratch:
        cold_env = os.environ | {"BIMQUANT_CACHE": "off"}
        for name in names:
            path = MODELS / name
            row = figures[name] = {}
            row["bimquant"] = best([measure("bimquant", path, env=cold_env) for _ in range(args.repeat)])
            guids = Path(scratch) / "guids.json"
            guids.write_text(json.dumps(row["bimquant"].get("guids", [])))
            row["bimquant"].pop("guids", None)
            row["ifc5d"] = best([measure("ifc5d", path, str(guids)) for _ in range(args.repeat)])
            row["ifcfast"] = best([measure("ifcfast", path) for _ in range(args.repeat)])
            if args.floor:
                row["floor"] = best([measure("floor", path) for _ in range(args.repeat)])
            for tool in TOOLS + (("floor",) if args.floor else ()):
                r = row[tool]
                if "error" in r:
                    print(f"{name[:34]:34} {tool:9} {r['error']}")
                else:
                    line = f"{r['wall_s']:7.2f} {r['inside_s']:8.2f} {r['peak_mb']:8.0f} {r['measured']:8d}"
                    print(f"{name[:34]:34} {tool:9} {line}", flush=True)
        print("\nratios of wall time (bimquant / ifcfast: at most 2 wanted; ifc5d / bimquant: 4-8 wanted)")
        for name, row in figures.items():
            b, c5, fast = (row[t].get("wall_s") for t in TOOLS)
            vs_fast = f"{b / fast:.2f}" if b and fast else "-"
            vs_5d = f"{c5 / b:.2f}" if b and c5 else "-"
            floor = row.get("floor", {}).get("wall_s")
            vs_floor = f"   floor/ifcfast {floor / fast:.2f}" if floor and fast else ""
            print(f"{name[:34]:34} bimquant/ifcfast {vs_fast:>6}   ifc5d/bimquant {vs_5d:>6}{vs_floor}")
        warm_env = os.environ | {"BIMQUANT_CACHE": str(Path(scratch) / "cache")}
        model = MODELS / WARM_MODEL
        cold = measure("estimate-cold", model, env=warm_env)  # measures and stores
        warm = best([measure("estimate-warm", model, env=warm_env) for _ in range(max(1, args.repeat))])
        figures["estimate"] = {"cold": cold, "warm": warm}
        print(
            f"\nbimquant estimate {WARM_MODEL}: cold {cold.get('wall_s', 0):.2f} s wall "
            f"({cold.get('inside_s', 0):.2f} s inside), warm {warm.get('wall_s', 0):.2f} s wall "
            f"({warm.get('inside_s', 0):.2f} s inside, cache {warm.get('cache')})"
        )
        if cold.get("wall_s") and warm.get("wall_s"):
            print(
                f"cold / warm: {cold['wall_s'] / warm['wall_s']:.1f}x wall, "
                f"{cold['inside_s'] / warm['inside_s']:.1f}x inside the process"
            )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else None)))
    else:
        main()
