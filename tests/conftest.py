"""Shared by the test files: the paths of the shipped files, and one way to run the CLI.

The test files import these helpers (``from conftest import run``): pytest puts this folder on
``sys.path``, as it does for ``measured.py``.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

import ifcopenshell
from typer.testing import CliRunner

from bimquant.cli import app

# Each test measures what it asks for: the cache is off unless a test turns it on
# (tests/test_cache.py), and no run of the suite writes in the user's cache folder.
os.environ["BIMQUANT_CACHE"] = "off"

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

SHARED_MODELS = ROOT.parent / "shared" / "models"
SHARED_NAMES = sorted(p.name for p in SHARED_MODELS.glob("*.ifc")) if SHARED_MODELS.is_dir() else []
# the marks of a test module that walks the shared models: skipped with a reason without them
ON_SHARED_MODELS = [
    pytest.mark.real,
    pytest.mark.skipif(
        not SHARED_MODELS.is_dir(), reason=f"real IFC models not found at {SHARED_MODELS} (CI has them)"
    ),
]

runner = CliRunner()


def pytest_configure(config) -> None:
    """Under CI (``CI`` set, as ``.ci/run`` does) the tests on the real exports must run: a
    missing ``../shared/models`` stops the session instead of skipping them."""
    if os.environ.get("CI") and not SHARED_MODELS.is_dir():
        import pytest

        raise pytest.UsageError(
            f"CI is set and {SHARED_MODELS} is missing: the tests on real exports would skip; "
            "put the shared folder beside the checkout, or unset CI to run without it"
        )


def run(*args) -> tuple[int, str, str]:
    """Invoke the CLI in-process; return (exit code, stdout, stderr) without colour codes."""
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, not an exit code: show its traceback in the test report
    return result.exit_code, ANSI.sub("", result.stdout), ANSI.sub("", result.stderr)


def assert_one_error(stderr: str, *words: str) -> None:
    """stderr is exactly ``Error: ...`` naming ``words``, then at most a ``Hint: ...`` line."""
    assert "Traceback" not in stderr
    lines = stderr.strip("\n").splitlines()
    assert 1 <= len(lines) <= 2, f"expected 'Error:' and an optional 'Hint:' line, got:\n{stderr}"
    assert lines[0].startswith("Error: "), stderr
    for word in words:
        assert word in lines[0], f"{word!r} not named in {lines[0]!r}"
    if len(lines) == 2:
        assert lines[1].startswith("Hint: "), stderr


def global_id(mark: str, model: Path = HOUSE) -> str:
    """GlobalId of the sample house's element (or opening) whose name starts with ``mark``."""
    ifc = ifcopenshell.open(str(model))
    return next(e.GlobalId for e in ifc.by_type("IfcRoot") if (e.Name or "").startswith(mark + " "))


def soffice_to_xlsx(path: Path, out: Path, profile: Path, infilter: str | None = None, timeout: int = 180) -> Path:
    """``path`` opened by LibreOffice headless (with a user profile of its own, an import filter
    if given) and saved as XLSX in ``out``: formulas get their values, CSV gets read as the
    given locale would. Returns the file written."""
    import shutil
    import subprocess

    out.mkdir(exist_ok=True)
    command = [shutil.which("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    result = out / f"{path.stem}.xlsx"
    assert result.is_file(), f"LibreOffice wrote nothing for {path}"
    return result


BOX_FACES = [
    [0, 2, 1],
    [1, 2, 3],
    [4, 5, 6],
    [5, 7, 6],
    [0, 1, 4],
    [1, 5, 4],
    [2, 6, 3],
    [3, 6, 7],
    [0, 4, 2],
    [2, 4, 6],
    [1, 3, 5],
    [3, 7, 5],
]


def box(x0: float, y0: float, z0: float, x1: float, y1: float, z1: float):
    """An axis-aligned box as ``(vertices (8, 3), faces (12, 3))``, faces facing outwards."""
    import numpy as np

    vertices = np.array([[x, y, z] for z in (z0, z1) for y in (y0, y1) for x in (x0, x1)], dtype=float)
    return vertices, np.array(BOX_FACES)


def spawn(*args, **popen):
    """The ``bimquant`` command in a process of its own (for signals), without colour codes."""
    import subprocess
    import sys

    script = Path(sys.executable).with_name("bimquant")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")} | {"NO_COLOR": "1"}
    return subprocess.Popen(
        [str(script), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, **popen
    )


def parts_level(rules: Path) -> Path:
    """A copy of a shipped rule set that prices walls at the level of their parts
    (``levels = { IfcWall = "parts" }``), in which nothing selects the reserves model's block
    parts: the walls of parts stay a gap, what the issue-22 tests of reserves are about."""
    folder = Path(tempfile.gettempdir()) / f"bimquant-tests-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    copy = folder / f"parts-level-{rules.name}"
    if not copy.exists():
        text = rules.read_text(encoding="utf-8").replace(
            "[ruleset]\n", '[ruleset]\nlevels = { IfcWall = "parts" }\n', 1
        )
        copy.write_text(text, encoding="utf-8")
    return copy
