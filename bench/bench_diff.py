"""`bimquant diff` of a model against itself, warm cache: the time a works director waits for a
change order once both revisions were measured (issue 12: under 2 s on AC11-Institute).

The cache lives in a scratch folder. The model is measured once (cold, stored); then
``bimquant diff MODEL MODEL --rules rules/fr-lots.toml --prices rules/fr-prix.csv -o ts.xlsx``
runs in fresh processes, the best of ``--repeat`` kept: wall time (imports and the XLSX
included) and the time inside the library call; then the command itself, as a person types it
(its command-line toolkit's imports too). Nothing here asserts a time.

    python bench/bench_diff.py
    python bench/bench_diff.py --model Office_A_20110811.ifc --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT.parent / "shared" / "models"
RULES, PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"


def child(model: str, out: str) -> dict:
    import bimquant

    start = time.perf_counter()
    revision = bimquant.diff(model, model, RULES, prices=PRICES)
    inside = time.perf_counter() - start
    bimquant.write(revision, out)
    bimquant.write_map(revision, bimquant.get_map_path(out))
    return {
        "inside_s": inside,
        "with_xlsx_s": time.perf_counter() - start,
        "cache": revision.info["cache"],
        "statuses": revision.info["statuses"],
        "total_excl_vat": revision.totals["total_excl_vat"],
    }


def run(model: Path, out: Path, env: dict) -> dict:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(model), str(out)], capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "child failed")
    return {"wall_s": wall, **json.loads(done.stdout.strip().splitlines()[-1])}


def run_cli(model: Path, out: Path, env: dict) -> float:
    """Wall time of the command itself (its imports, typer and rich included)."""
    command = [str(Path(sys.executable).with_name("bimquant")), "diff", str(model), str(model)]
    command += ["--rules", str(RULES), "--prices", str(PRICES), "-o", str(out), "-q"]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="AC11-Institute-Var-2-IFC.ifc", help="a file of ../shared/models")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    model = MODELS / args.model
    with tempfile.TemporaryDirectory() as scratch:
        env = os.environ | {"BIMQUANT_CACHE": str(Path(scratch) / "cache")}
        out = Path(scratch) / "ts.xlsx"
        cold = run(model, out, env)
        warm = min((run(model, out, env) for _ in range(args.repeat)), key=lambda r: r["wall_s"])
        command = min(run_cli(model, out, env) for _ in range(args.repeat))
    print(f"bimquant diff {args.model} against itself (fr-lots, fr-prix, XLSX written)")
    for name, r in (("cold", cold), ("warm", warm)):
        print(
            f"  {name}: {r['wall_s']:.2f} s wall, {r['inside_s']:.2f} s in diff(), {r['with_xlsx_s']:.2f} s with the "
            f"XLSX; cache {r['cache']}; statuses {r['statuses']}; total {r['total_excl_vat']:.2f}"
        )
    print(f"  warm, the command 'bimquant diff ... -o ts.xlsx -q': {command:.2f} s wall")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
    else:
        main()
