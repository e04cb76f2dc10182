"""`bimquant batch` over every model in ../shared/models: wall time with 1 and 2 local workers,
on a 2-worker Dask LocalCluster, and warm (the element quantity cache filled by the runs before).

Each cold run uses a fresh cache folder of its own; the warm run reuses the last one. Every run
prices with rules/fr-lots.toml and rules/fr-prix.csv and prints the models measured and failed.
Nothing here asserts a time.

    pip install ".[dask]"
    python bench/bench_batch.py
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT.parent / "shared" / "models"
RULES, PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"


def timed(label: str, **options) -> None:
    import bimquant

    start = time.perf_counter()
    result = bimquant.batch([MODELS], rules=RULES, prices=PRICES, **options)
    seconds = time.perf_counter() - start
    print(
        f"{label:34} {seconds:7.1f} s   {result.info['measured']} measured, {result.info['failed']} failed",
        flush=True,
    )


def main() -> None:
    print(f"bimquant batch over {len(list(MODELS.glob('*.ifc')))} models of {MODELS}")
    with tempfile.TemporaryDirectory() as scratch:
        for workers in (1, 2):
            os.environ["BIMQUANT_CACHE"] = str(Path(scratch) / f"cache-{workers}")
            timed(f"local, {workers} worker(s), cold", workers=workers)
        try:
            import dask
            from distributed import LocalCluster
        except ImportError:
            print('Dask LocalCluster: not run (pip install "bimquant[dask]")')
        else:
            os.environ["BIMQUANT_CACHE"] = str(Path(scratch) / "cache-dask")
            with dask.config.set({"distributed.worker.daemon": False}):
                started = time.perf_counter()
                with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
                    print(f"{'(LocalCluster started in)':34} {time.perf_counter() - started:7.1f} s")
                    timed("Dask LocalCluster, 2 workers, cold", scheduler=cluster.scheduler_address)
        os.environ["BIMQUANT_CACHE"] = str(Path(scratch) / "cache-2")
        timed("local, 2 workers, warm cache", workers=2)


if __name__ == "__main__":
    main()
