"""Size and opening time of the HTML report, for the README's size budget.

For each model: ``bimquant.report_view`` and ``bimquant.write_html`` (seconds, cold or from the
cache as it comes), the file's size, elements drawn, distinct bodies stored, triangles drawn,
then the page opened in headless Chromium (Debian's ``chromium``, through Playwright) offline:
seconds until the viewer's script is ready, seconds until its first frame is on screen (a
screenshot of the 3D view: without a GPU, Chromium rasterises WebGL in software, which is most
of the time on large models), and how many elements the view drew::

    python bench/bench_report.py ../shared/models/AC11-Institute-Var-2-IFC.ifc
    python bench/synthetic.py 100000 /tmp/synthetic-100000.ifc
    python bench/bench_report.py /tmp/synthetic-100000.ifc --out /tmp/reports
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import bimquant

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules" / "fr-lots.toml")
    parser.add_argument("--prices", type=Path, default=ROOT / "rules" / "fr-prix.csv")
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(
        "| model | elements | drawn | bodies | triangles | report s | size MB | ready s | first frame s | view drew |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for model in args.models:
        started = time.perf_counter()
        shown = bimquant.report_view(model, args.rules, args.prices)
        path = args.out / f"{model.stem}.html"
        bimquant.write_html(shown, path)
        seconds = time.perf_counter() - started
        scene = shown.scene
        ready, frame, drawn = _open(path)
        print(
            f"| {model.name} | {len(shown.elements):,} | {len(set(scene.instance_element)):,} | "
            f"{len(scene.positions):,} | {scene.triangles:,} | {seconds:.1f} | "
            f"{path.stat().st_size / 1e6:.1f} | {ready} | {frame} | {drawn} |",
            flush=True,
        )


def _open(path: Path) -> tuple[str, str, str]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "no playwright", "", ""
    if executable is None:
        return "no chromium", "", ""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
        )
        page = browser.new_context(offline=True, bypass_csp=True, viewport={"width": 1400, "height": 1000}).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        started = time.perf_counter()
        page.goto(path.resolve().as_uri(), timeout=600_000)
        page.wait_for_function("() => window.bimquant && window.bimquant.ready", timeout=600_000)
        ready = time.perf_counter() - started
        page.locator("#canvas").screenshot()
        frame = time.perf_counter() - started
        drawn = page.evaluate("window.bimquant.drawn")
        browser.close()
    return f"{ready:.1f}", f"{frame:.1f}", f"{drawn:,}" + (f" ({len(errors)} errors)" if errors else "")


if __name__ == "__main__":
    main()
