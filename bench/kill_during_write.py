"""How many temporary files do takeoffs killed with SIGKILL leave, and does the next run remove them?

Run from the project root, with ../shared/models beside it (about two minutes):

    python bench/kill_during_write.py
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODEL = Path("..") / "shared" / "models" / "AC20-FZK-Haus.ifc"
RUNS = 16


def main() -> None:
    command = [str(Path(sys.executable).with_name("bimquant")), "takeoff", str(MODEL.resolve()), "-q", "-o"]
    folder = Path(tempfile.mkdtemp(prefix="bimquant-kill-"))
    started = time.time()
    subprocess.run([*command, str(folder / "full.xlsx")], check=True)
    full = time.time() - started
    (folder / "full.xlsx").unlink()
    rng = random.Random(5)
    for _ in range(RUNS):  # killed near the end, when the workbook is being written
        proc = subprocess.Popen([*command, str(folder / "out.xlsx")], start_new_session=True)
        time.sleep(full * rng.uniform(0.6, 1.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    left = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    print(f"full run {full:.1f} s; after {RUNS} SIGKILLs: {len(left)} temporary file(s) {left}")
    subprocess.run([*command, str(folder / "out.xlsx")], check=True)
    after = sorted(p.name for p in folder.iterdir())
    print(f"after one more run: {after}")


if __name__ == "__main__":
    main()
