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
import openpyxl
import pytest

from conftest import HOUSE, ROOT, assert_one_error, run, spawn

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

    proc = spawn("takeoff", INSTITUTE, "-o", tmp_path / "takeoff.xlsx")
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


# --- internal errors where a documented code is due ------------------------------------------------


def test_a_named_pipe_as_the_model_is_refused_at_once(tmp_path):
    fifo = tmp_path / "model.ifc"
    os.mkfifo(fifo)
    script = Path(sys.executable).with_name("bimquant")
    env = os.environ | {"BIMQUANT_CACHE": str(tmp_path / "cache"), "NO_COLOR": "1"}  # hashing it for the cache blocked
    done = subprocess.run(
        [str(script), "takeoff", str(fifo), "-f", "json"], capture_output=True, text=True, env=env, timeout=60
    )

    assert done.returncode == 3
    assert_one_error(done.stderr, "model.ifc is a named pipe")


def test_a_loop_of_links_and_a_device_are_refused_as_models(tmp_path):
    (tmp_path / "a.ifc").symlink_to(tmp_path / "b.ifc")
    (tmp_path / "b.ifc").symlink_to(tmp_path / "a.ifc")
    code, _, stderr = run("takeoff", tmp_path / "a.ifc", "-f", "json")
    assert code == 3 and "loop of symbolic links" in stderr
    code, _, stderr = run("takeoff", "/dev/null", "-f", "json")
    assert code == 3 and "is a device" in stderr


def test_two_elements_with_one_global_id_are_refused_not_an_internal_error(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    walls = model.by_type("IfcWall")
    walls[1].GlobalId = walls[0].GlobalId
    path = tmp_path / "twins.ifc"
    model.write(str(path))

    for args in (("takeoff", path, "-f", "json"), ("diff", HOUSE, path, "-r", RULES, "-f", "json")):
        code, _, stderr = run(*args, "--no-cache")
        assert code == 3, stderr
        assert f"two elements share the GlobalId {walls[0].GlobalId}" in stderr and "Traceback" not in stderr


def test_control_characters_in_a_model_reach_a_workbook_as_visible_text(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    model.by_type("IfcWall")[0].Name = "W1 \x1b[31mred\x07"
    path = tmp_path / "m\x1b[31mred.ifc"
    model.write(str(path))

    for view in ("client", "internal"):
        out = tmp_path / f"{view}.xlsx"
        code, _, stderr = run("estimate", path, "-r", RULES, "-p", PRICES, "--view", view, "-o", out, "--no-cache")
        assert code == 0, stderr
    texts = [
        c.value
        for sheet in openpyxl.load_workbook(tmp_path / "internal.xlsx")
        for row in sheet.iter_rows()
        for c in row
    ]
    assert any(isinstance(t, str) and "W1 \\x1b[31mred\\x07" in t for t in texts)


def test_stdout_on_a_full_disk_is_an_output_error():
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    script = Path(sys.executable).with_name("bimquant")
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [str(script), "takeoff", str(HOUSE), "--format", "json", "-q"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 6, done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "name,words",
    [
        ("a" * 300 + ".csv", "a file name of 304 bytes"),
        ("link.csv", "is not a regular file"),
    ],
)
def test_outputs_that_cannot_be_files_are_refused_before_measuring(name, words, tmp_path):
    out = tmp_path / name
    if name == "link.csv":
        out.symlink_to("/dev/null")
    code, _, stderr = run("takeoff", HOUSE, "-o", out)

    assert code == 6
    assert_one_error(stderr, words)
    if name == "link.csv":
        assert out.is_symlink() and Path("/dev/null").stat().st_mode & 0o170000 == 0o020000  # still a device


def test_a_price_row_with_a_field_of_a_megabyte_is_a_price_file_mistake(tmp_path):
    prices = tmp_path / "prix.csv"
    prices.write_text("code,unit,unit_price,source\n02.02.01,m3,100," + "x" * 1_000_000 + "\n", encoding="utf-8")
    code, _, stderr = run("estimate", HOUSE, "-r", RULES, "-p", prices, "-o", tmp_path / "e.json")

    assert code == 4 and not (tmp_path / "e.json").exists()
    assert_one_error(stderr, "prix.csv", "field larger than field limit")


@pytest.fixture(scope="module")
def contract(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contract")
    assert run("estimate", HOUSE, "-r", RULES, "-p", PRICES, "-o", folder / "marche.json", "-q")[0] == 0
    (folder / "avancement.csv").write_text("code,percent\n02.02.01,50\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", ["situation", "costs"])
def test_a_contract_nested_100000_levels_is_refused(command, contract, tmp_path):
    deep = tmp_path / "marche.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    progress = contract / "avancement.csv"
    args = {
        "situation": ("situation", deep, "--progress", progress, "--period", "2026-03"),
        "costs": ("costs", deep, "--actuals", progress, "--progress", progress, "--period", "2026-03"),
    }[command]
    code, _, stderr = run(*args, "-o", tmp_path / "out.json")

    assert code == 4
    assert_one_error(stderr, "nested too deeply")


def test_a_period_past_2100_is_refused(contract, tmp_path):
    code, _, stderr = run(
        "situation", contract / "marche.json", "--progress", contract / "avancement.csv", "--period", "9999-12",
        "-o", tmp_path / "s.json",
    )  # fmt: skip
    assert code == 4
    assert_one_error(stderr, "'9999-12' is outside 2000-2100")


def test_a_chart_that_is_not_png_is_an_output_error(contract, tmp_path):
    code, _, stderr = run(
        "situation", contract / "marche.json", "--progress", contract / "avancement.csv", "--period", "2026-03",
        "--report", tmp_path / "chart.exe", "-o", tmp_path / "s.json",
    )  # fmt: skip
    assert code == 6
    assert_one_error(stderr, "chart.exe", ".png")


def test_a_coordinate_of_1e308_fails_its_elements_with_the_reason_and_no_numpy_noise(tmp_path):
    model = ifcopenshell.open(str(HOUSE))
    storey = next(s for s in model.by_type("IfcBuildingStorey") if s.Name == "Level 1")
    storey.ObjectPlacement.RelativePlacement.Location.Coordinates = (1e308, 0.0, 3.0)
    path = tmp_path / "far.ifc"
    model.write(str(path))
    script = Path(sys.executable).with_name("bimquant")

    done = subprocess.run(
        [str(script), "takeoff", str(path), "-f", "json", "--no-cache"], capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert "RuntimeWarning" not in done.stderr and "Traceback" not in done.stderr
    data = json.loads(done.stdout)  # no Infinity: valid JSON
    reasons = {row["name"]: row["reason"] for row in data["failures"]}
    assert reasons and all("reaches past 1e+08 m" in reason for reason in reasons.values())
    assert "S2 level 1 slab" in reasons


def test_a_model_that_cannot_be_read_is_exit_3(tmp_path, monkeypatch):
    path = tmp_path / "locked.ifc"
    path.write_bytes(HOUSE.read_bytes())
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: False if Path(p) == path and mode == os.R_OK else real(p, mode)
    )

    code, _, stderr = run("takeoff", path, "-f", "json")

    assert code == 3
    assert_one_error(stderr, "cannot read", "locked.ifc")


def test_an_infinite_number_that_got_through_is_never_written(tmp_path):
    measured = bimquant.takeoff(HOUSE)
    measured.elements.loc[0, "net_volume_m3"] = float("inf")  # as a bug upstream would leave it

    for name in ("t.json", "t.csv", "t.xlsx"):
        with pytest.raises(bimquant.OutputError, match="net_volume_m3 of row 1 is not a finite number"):
            bimquant.write(measured, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    not INSTITUTE.is_file() or not sys.platform.startswith("linux"), reason="needs the shared models and Linux /proc"
)
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_batch_stopped_leaves_no_worker_behind(signum, tmp_path):
    from test_hostile_output import _wait_for_geometry

    proc = spawn("batch", INSTITUTE, HOUSE, "--workers", "2", "-o", tmp_path / "b.json")
    _wait_for_geometry(proc.pid)  # the workers are forked
    workers = _children(proc.pid)
    grandchildren = {g for w in workers for g in _children(w)}
    assert workers

    proc.send_signal(signum)
    proc.communicate(timeout=60)

    assert proc.returncode in (-signal.SIGKILL, 128 + signal.SIGTERM)
    assert not _gone(workers | grandchildren), "a batch worker or its geometry outlived the batch"
    assert not (tmp_path / "b.json").exists()
