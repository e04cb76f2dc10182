"""The bimquant command line on the sample house: what lands in the file, on stdout, on stderr.

The CLI is glue over the library, so the library's own answer (``bimquant.takeoff``) is the
reference the files are compared with; the expected quantities are the hand arithmetic of
sample_models/README.md. Most tests run the Typer app in-process; two run the installed
``bimquant`` console script to check the real exit code and that stdout is clean JSON.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import typer.main

import bimquant
from bimquant.cli import app
from conftest import run

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"
README = ROOT / "README.md"

# Elements of the sample house that carry a body (sample_models/README.md): 4 walls, 4 slabs,
# 2 coverings, 2 columns, 2 beams, a door, a window, 2 footings and a stair flight.
MEASURED_IN_HOUSE = 19
# Not measured: the three openings, the stair ST1 and the roof RF1 (containers of measured parts).
EXCLUDED_IN_HOUSE = {"O1", "O2", "O3", "ST1", "RF1"}
TABLES = {"info", "elements", "failures", "excluded", "authored", "openings"}


def mark(name: str | None) -> str:
    """The short mark that starts every element name of the sample house: 'W3 painting wall' -> 'W3'."""
    return str(name).split()[0]


def read_rows(path: Path) -> list[dict]:
    """The element rows of a takeoff file, whatever its format, as {column: value} dicts."""
    if path.suffix == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as stream:
            return list(csv.DictReader(stream))
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path, read_only=True)["elements"]
        header, *rows = list(sheet.iter_rows(values_only=True))
        return [dict(zip(header, row)) for row in rows]
    return json.loads(path.read_text(encoding="utf-8"))["elements"]


@pytest.fixture(scope="module")
def house() -> bimquant.Takeoff:
    return bimquant.takeoff(HOUSE)


def bimquant_script() -> str:
    """The installed console script, next to this Python first (the venv), else on PATH."""
    beside = Path(sys.executable).with_name("bimquant")
    found = str(beside) if beside.exists() else shutil.which("bimquant")
    assert found, "the bimquant console script is not installed (pip install -e .)"
    return found


def plain_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return env | {"NO_COLOR": "1"}


# --- takeoff to a file ---------------------------------------------------------------------------


def test_library_measures_every_element_of_the_house(house):
    # The reference the CLI tests compare with: if this fails, the engine changed, not the CLI.
    assert len(house.elements) == MEASURED_IN_HOUSE
    assert len(house.failures) == 0


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_takeoff_writes_one_row_per_measured_element(tmp_path, house, suffix):
    out = tmp_path / f"takeoff{suffix}"

    code, stdout, stderr = run("takeoff", HOUSE, "-o", out)

    assert code == 0, stderr
    assert stdout == ""  # the data went to the file, nothing to stdout
    assert f"Written: {out}" in stderr
    rows = read_rows(out)
    assert len(rows) == len(house.elements) == MEASURED_IN_HOUSE
    assert {row["global_id"] for row in rows} == set(house.elements["global_id"])
    # Column names carry their unit.
    for column in ("net_volume_m3", "gross_volume_m3", "net_side_area_m2", "length_m", "weight_kg"):
        assert column in rows[0], f"{column} missing from {out.name}"
    # The values survive the trip through the file: W3, 5 x 3 x 0.2 less a 1 x 2 door and a
    # 2 x 2.5 window opening = 1.6 m3, and W1 = 6 x 3 x 0.3 = 5.4 m3.
    volume = {mark(row["name"]): float(row["net_volume_m3"]) for row in rows}
    assert volume["W3"] == pytest.approx(5 * 3 * 0.2 - 1 * 2 * 0.2 - 2 * 2.5 * 0.2, rel=1e-6)
    assert volume["W1"] == pytest.approx(6 * 3 * 0.3, rel=1e-6)


def test_takeoff_json_file_holds_every_table(tmp_path):
    out = tmp_path / "takeoff.json"

    code, _, stderr = run("takeoff", HOUSE, "-o", out, "--quiet")

    assert code == 0, stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == TABLES
    assert data["info"]["schema"] == "IFC4"
    assert data["failures"] == []
    assert {mark(row["name"]) for row in data["excluded"]} == EXCLUDED_IN_HOUSE
    assert all(row["reason"] for row in data["excluded"])  # every element left out says why
    c1_gross = [row for row in data["authored"] if mark(row["name"]) == "C1" and row["quantity"] == "GrossVolume"]
    assert [row["verdict"] for row in c1_gross] == ["unit_suspect"]


def test_xlsx_has_one_sheet_per_table(tmp_path):
    out = tmp_path / "takeoff.xlsx"

    code, _, stderr = run("takeoff", HOUSE, "-o", out, "-q")

    assert code == 0, stderr
    assert openpyxl.load_workbook(out).sheetnames == ["elements", "failures", "excluded", "authored", "openings"]


def test_format_json_without_output_goes_to_stdout_and_the_summary_to_stderr(tmp_path, monkeypatch, house):
    monkeypatch.chdir(tmp_path)

    code, stdout, stderr = run("takeoff", HOUSE, "--format", "json")

    assert code == 0, stderr
    data = json.loads(stdout)  # nothing but JSON on stdout
    assert set(data) == TABLES
    assert len(data["elements"]) == len(house.elements)
    assert "elements measured" in stderr and "elements measured" not in stdout
    assert "By class" in stderr and "By class" not in stdout
    assert list(tmp_path.iterdir()) == []  # no file written without -o


def test_quiet_leaves_stderr_empty(tmp_path):
    code, stdout, stderr = run("takeoff", HOUSE, "-f", "json", "-q")

    assert code == 0
    assert json.loads(stdout)["info"]["elements_measured"] == MEASURED_IN_HOUSE
    assert stderr == ""


def test_summary_counts_elements_in_whole_numbers():
    # 4 walls, 5.4 + 5.4 + 1.6 + 2.08 = 14.48 m3; a count of "4.00" walls reads as a measurement.
    code, _, stderr = run("takeoff", HOUSE, "-f", "json")

    assert code == 0
    assert re.search(r"IfcWall\W+4\W+14\.48\b", stderr), stderr


def test_format_csv_needs_an_output_file():
    code, stdout, stderr = run("takeoff", HOUSE, "--format", "csv")

    assert code == 6
    assert stdout == ""
    assert stderr.startswith("Error: --format csv needs an output file")


def test_output_file_gets_the_usual_permissions(tmp_path):
    # Written through a temporary file (mkstemp makes it 0600): the result must still be a
    # normal file that colleagues in the project folder can read.
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    out = tmp_path / "takeoff.csv"
    umask = os.umask(0o022)
    try:
        code, _, stderr = run("takeoff", HOUSE, "-o", out, "-q")
    finally:
        os.umask(umask)

    assert code == 0, stderr
    assert out.stat().st_mode & 0o777 == 0o644


# --- validate ------------------------------------------------------------------------------------


def test_validate_text_flags_the_column_volume_written_1000_times_too_big():
    code, stdout, stderr = run("validate", HOUSE)

    assert code == 0, stderr
    c1_lines = [line for line in stdout.splitlines() if "C1 column" in line]
    assert len(c1_lines) == 1, stdout
    line = c1_lines[0]
    assert "Qto_ColumnBaseQuantities.GrossVolume = 270" in line
    assert "(geometry 0.27)" in line
    assert "unit_suspect" in line
    assert "1 suspect authored values" in stdout


def test_validate_json_lists_only_the_planted_error():
    code, stdout, stderr = run("validate", HOUSE, "--format", "json")

    assert code == 0, stderr
    report = json.loads(stdout)
    assert set(report) == {"info", "summary", "suspects"}
    [suspect] = report["suspects"]
    assert mark(suspect["name"]) == "C1"
    assert suspect["set_name"] == "Qto_ColumnBaseQuantities"
    assert suspect["quantity"] == "GrossVolume"
    assert suspect["authored_value"] == pytest.approx(270.0)
    assert suspect["computed_value"] == pytest.approx(0.3 * 0.3 * 3.0, rel=1e-6)
    assert suspect["authored_value"] / suspect["computed_value"] == pytest.approx(1000, rel=1e-6)
    assert suspect["verdict"] == "unit_suspect"
    # Every other authored quantity of the house is right: W1, W3, S2, D1 and C1's other four.
    summary = {(row["ifc_class"], row["quantity"]): row for row in report["summary"]}
    assert summary[("IfcColumn", "GrossVolume")]["ok"] == 0
    assert summary[("IfcWall", "NetVolume")]["ok"] == 2
    assert sum(row["count"] - row["ok"] for row in report["summary"]) == 1


def test_validate_writes_the_checked_quantities_to_a_file(tmp_path):
    out = tmp_path / "checked.json"

    code, stdout, stderr = run("validate", HOUSE, "-o", out, "-f", "json")

    assert code == 0, stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    assert {"summary", "suspects", "authored"} <= set(written)
    assert [row["verdict"] for row in written["suspects"]] == ["unit_suspect"]
    assert json.loads(stdout)["suspects"] == written["suspects"]


# --- the installed console script ----------------------------------------------------------------


def test_console_script_pipes_clean_json(house):
    # `bimquant takeoff x.ifc --format json | jq` must work: stdout is one JSON document.
    proc = subprocess.run(
        [bimquant_script(), "takeoff", str(HOUSE), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=plain_env(),
        timeout=120,
    )

    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.lstrip().startswith("{")
    data = json.loads(proc.stdout)
    assert len(data["elements"]) == len(house.elements)
    assert "elements measured" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- documentation -------------------------------------------------------------------------------


def test_every_command_in_help_is_documented_in_readme():
    # Fails until README.md lands with a section per command (as sqlite-utils checks its docs).
    code, help_text, _ = run("--help")
    assert code == 0
    group = typer.main.get_command(app)
    commands = sorted(name for name, command in group.commands.items() if not command.hidden)
    assert commands, "no command found in the CLI"
    for name in commands:
        assert re.search(rf"^\W*{re.escape(name)}\s", help_text, re.M), f"{name} not listed by --help"
    assert README.is_file(), f"{README.name} is missing: every command must be documented there"
    readme = README.read_text(encoding="utf-8")
    undocumented = [name for name in commands if f"bimquant {name}" not in readme]
    assert not undocumented, f"commands missing from README.md: {undocumented}"
