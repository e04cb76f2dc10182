"""Hardening, second round (issue 23): no wrong number with exit code 0.

Each test here failed before its fix: two units of one kind read as either, a density of 1e308
weighing an element at infinity, a progress row with both a percent and a quantity, ``--vat 1_0``
read as 10 %.
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import ifcopenshell
import ifcopenshell.api.unit
import pytest

from conftest import HOUSE, ROOT, assert_one_error, run

import bimquant

RULES = ROOT / "rules" / "fr-lots.toml"
PRICES = ROOT / "rules" / "fr-prix.csv"


def with_a_second_unit(tmp_path, kind: str):
    """The sample house whose project units give a second, different unit of ``kind``."""
    model = ifcopenshell.open(str(HOUSE))
    second = {
        "LENGTHUNIT": lambda: ifcopenshell.api.unit.add_si_unit(model, unit_type="LENGTHUNIT", prefix="MILLI"),
        "AREAUNIT": lambda: ifcopenshell.api.unit.add_si_unit(model, unit_type="AREAUNIT", prefix="MILLI"),
        "VOLUMEUNIT": lambda: ifcopenshell.api.unit.add_si_unit(model, unit_type="VOLUMEUNIT", prefix="MILLI"),
        "MASSUNIT": lambda: ifcopenshell.api.unit.add_si_unit(model, unit_type="MASSUNIT"),  # gram beside kilogram
        "PLANEANGLEUNIT": lambda: ifcopenshell.api.unit.add_conversion_based_unit(model, name="degree"),
    }[kind]()
    assignment = model.by_type("IfcProject")[0].UnitsInContext
    assignment.Units = tuple(assignment.Units) + (second,)
    path = tmp_path / f"two-{kind.lower()}.ifc"
    model.write(str(path))
    return path


@pytest.mark.parametrize("kind", ["LENGTHUNIT", "AREAUNIT", "VOLUMEUNIT", "MASSUNIT", "PLANEANGLEUNIT"])
def test_a_project_with_two_units_of_one_kind_is_refused(kind, tmp_path):
    path = with_a_second_unit(tmp_path, kind)
    out = tmp_path / "t.csv"

    code, _, stderr = run("takeoff", path, "-o", out, "--no-cache")

    assert code == 3 and not out.exists()
    assert_one_error(stderr, f"two different {kind.removesuffix('UNIT').lower()} units", path.name)


def test_one_unit_stated_twice_alike_is_no_conflict(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    assignment = model.by_type("IfcProject")[0].UnitsInContext
    length = next(u for u in assignment.Units if u.UnitType == "LENGTHUNIT")
    assignment.Units = tuple(assignment.Units) + (model.create_entity("IfcSIUnit", None, "LENGTHUNIT", None, "METRE"),)
    path = tmp_path / "twice.ifc"
    model.write(str(path))

    assert length.Prefix is None
    assert run("takeoff", path, "-f", "json", "-q", "--no-cache")[0] == 0


def test_a_density_of_1e308_weighs_nothing_and_is_said(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    for prop in model.by_type("IfcPropertySingleValue"):
        if prop.Name == "MassDensity":
            prop.NominalValue.wrappedValue = 1e308
    path = tmp_path / "dense.ifc"
    model.write(str(path))

    code, stdout, stderr = run("takeoff", path, "-f", "json", "--no-cache")

    assert code == 0
    data = json.loads(stdout)
    weights = [row["weight_kg"] for row in data["elements"] if row["weight_kg"] is not None]
    assert weights and all(math.isfinite(w) and w < 1e9 for w in weights)
    assert any("MassDensity of 1e+308 kg/m3, beyond 25,000" in said for said in data["info"]["assumptions"])
    assert "beyond 25,000" in stderr


def test_a_progress_row_with_both_a_percent_and_a_quantity_is_refused(tmp_path):
    contract = tmp_path / "marche.json"
    assert run("estimate", HOUSE, "-r", RULES, "-p", PRICES, "-o", contract, "-q")[0] == 0
    code = next(line["code"] for line in json.loads(contract.read_text())["lines"] if line["quantity"])
    progress = tmp_path / "avancement.csv"
    progress.write_text(f"code,percent,quantity\n{code},50,1\n", encoding="utf-8")
    out = tmp_path / "situation.json"

    exit_code, _, stderr = run("situation", contract, "--progress", progress, "--period", "2026-03", "-o", out)

    assert exit_code == 4 and not out.exists()
    assert_one_error(stderr, "both a percent and a quantity", code)


@pytest.mark.parametrize("vat", ["1_0", "inf", "nan", "1e1", "2O"])
def test_a_rate_that_float_would_read_is_a_usage_error(vat, tmp_path):
    out = tmp_path / "dpgf.xlsx"
    code, _, stderr = run("estimate", HOUSE, "-r", RULES, "-p", PRICES, "--vat", vat, "-o", out)

    assert code == 2 and not out.exists()
    assert "is not a number" in stderr


@pytest.mark.parametrize("vat,rate", [("5,5", 5.5), ("20", 20.0), ("5.5", 5.5)])
def test_a_rate_written_plainly_is_read(vat, rate):
    code, stdout, _ = run("estimate", HOUSE, "-r", RULES, "-p", PRICES, "--vat", vat, "-f", "json", "-q")
    assert code == 0 and json.loads(stdout)["info"]["rates"]["vat_pct"] == rate


def test_no_element_row_holds_an_infinite_number():
    measured = bimquant.takeoff(HOUSE)
    numbers = measured.elements.select_dtypes("number")
    assert not numbers.map(lambda v: isinstance(v, float) and math.isinf(v)).any().any()


# --- processes that outlive their parent ----------------------------------------------------------

INSTITUTE = ROOT.parent / "shared" / "models" / "AC11-Institute-Var-2-IFC.ifc"


def _children(pid: int) -> set[int]:
    """The pids whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _start_measuring(tmp_path):
    from test_hostile_output import _wait_for_geometry

    script = Path(sys.executable).with_name("bimquant")
    proc = subprocess.Popen(
        [str(script), "takeoff", str(INSTITUTE), "-o", str(tmp_path / "takeoff.xlsx")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")} | {"NO_COLOR": "1"},
    )
    _wait_for_geometry(proc.pid)
    children = _children(proc.pid)
    assert children, "the takeoff forked no geometry child"
    return proc, children


def _gone(pids: set[int], timeout: float = 15.0) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = {pid for pid in pids if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)}
        if not alive:
            return set()
        time.sleep(0.1)
    return alive


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.skipif(
    not INSTITUTE.is_file() or not sys.platform.startswith("linux"), reason="needs the shared models and Linux /proc"
)
def test_sigterm_is_handled_as_ctrl_c_and_leaves_nothing(tmp_path):
    proc, children = _start_measuring(tmp_path)

    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)

    assert proc.returncode == 143, stderr
    assert stderr.strip().splitlines()[-1] == "Interrupted: nothing written" and "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []  # no file, no temporary
    assert not _gone(children)


@pytest.mark.skipif(
    not INSTITUTE.is_file() or not sys.platform.startswith("linux"), reason="needs the shared models and Linux /proc"
)
def test_sigkill_leaves_no_geometry_child_and_no_open_pipe(tmp_path):
    proc, children = _start_measuring(tmp_path)

    proc.kill()
    stdout, stderr = proc.communicate(timeout=30)  # returns only once no child holds our pipes

    assert proc.returncode == -signal.SIGKILL
    assert not _gone(children), "geometry children outlived their parent"
    assert not [p for p in tmp_path.iterdir() if p.suffix != ".tmp"]
