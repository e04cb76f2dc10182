"""What the CLI does with input it cannot use: one line saying what is wrong, the documented
exit code, no traceback, and no output file (whole or partial) left behind.

Exit codes (cli.py, README "Exit codes"): 2 usage error, 3 unusable model file,
5 elements failed under --strict, 6 output cannot be written.
Also here: a model whose geometry is partly broken, and element names that a spreadsheet
would run as formulas.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import ifcopenshell
import openpyxl
import pandas as pd
import pytest

import bimquant
import bimquant.pipeline
import bimquant.report
import bimquant.report.atomic
import bimquant.report.tables
from conftest import run, assert_one_error

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"
MEASURED_IN_HOUSE = 19  # elements with a body in the sample house (sample_models/README.md)


IFC2X2_FILE = """ISO-10303-21;
HEADER;
FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');
FILE_NAME('old_house.ifc','2003-05-12T10:00:00',('architect'),('office'),'exporter','cad 2003','');
FILE_SCHEMA(('IFC2X2_FINAL'));
ENDSEC;
DATA;
#1=IFCPERSON($,'Doe','John',$,$,$,$,$);
ENDSEC;
END-ISO-10303-21;
"""


def mark(name: str | None) -> str:
    """'W3 painting wall' -> 'W3' (every element name of the sample house starts with a mark)."""
    return str(name).split()[0]


def edit_house(path: Path, edit) -> Path:
    """Copy of the sample house with ``edit(ifc_file)`` applied, written to ``path``."""
    ifc = ifcopenshell.open(str(HOUSE))
    edit(ifc)
    ifc.write(str(path))
    return path


def by_mark(ifc, wanted: str):
    [element] = [e for e in ifc.by_type("IfcElement") if mark(e.Name) == wanted]
    return element


# --- unusable model files: exit 3 ---------------------------------------------------------------


def missing(folder: Path) -> Path:
    return folder / "no_such_house.ifc"


def a_folder(folder: Path) -> Path:
    (folder / "house.ifc").mkdir()
    return folder / "house.ifc"


def text_renamed(folder: Path) -> Path:
    path = folder / "notes.ifc"
    path.write_text("Quantities for the house: see the PDF.\n", encoding="utf-8")
    return path


def empty(folder: Path) -> Path:
    path = folder / "empty.ifc"
    path.write_bytes(b"")
    return path


def truncated(folder: Path) -> Path:
    # An interrupted copy: the first half of a real export.
    data = HOUSE.read_bytes()
    path = folder / "half_house.ifc"
    path.write_bytes(data[: len(data) // 2])
    return path


def ifc2x2(folder: Path) -> Path:
    path = folder / "old_house.ifc"
    path.write_text(IFC2X2_FILE, encoding="ascii")
    return path


UNUSABLE = {
    # case: (make the model in a folder, words the error line must contain)
    "missing file": (missing, ("not found", "no_such_house.ifc")),
    "a folder": (a_folder, ("not a file", "house.ifc")),
    "text file renamed .ifc": (text_renamed, ("not an IFC file", "notes.ifc")),
    "empty file": (empty, ("not an IFC file", "empty.ifc")),
    "truncated IFC": (truncated, ("truncated", "half_house.ifc")),
    "IFC2X2 schema": (ifc2x2, ("IFC2X2", "old_house.ifc")),
}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
@pytest.mark.parametrize("case", list(UNUSABLE))
def test_unusable_model_exits_3_and_writes_nothing(tmp_path, case, suffix):
    make, words = UNUSABLE[case]
    model = make(tmp_path)
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    code, stdout, stderr = run("takeoff", model, "-o", out_dir / f"takeoff{suffix}")

    assert code == 3, stderr
    assert stdout == ""
    assert_one_error(stderr, *words)
    assert list(out_dir.iterdir()) == []  # neither the file nor a leftover temporary file


@pytest.mark.parametrize("case", list(UNUSABLE))
def test_validate_refuses_an_unusable_model_with_exit_3(tmp_path, case):
    make, words = UNUSABLE[case]

    code, stdout, stderr = run("validate", make(tmp_path), "--format", "json")

    assert code == 3, stderr
    assert stdout == ""  # no half JSON for a pipe to choke on
    assert_one_error(stderr, *words)


def test_console_script_exits_3_on_a_missing_model_without_traceback(tmp_path):
    script = Path(sys.executable).with_name("bimquant")
    script = str(script) if script.exists() else shutil.which("bimquant")
    assert script, "the bimquant console script is not installed (pip install -e .)"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}

    proc = subprocess.run(
        [script, "takeoff", str(missing(tmp_path)), "-o", str(tmp_path / "t.csv")],
        capture_output=True,
        text=True,
        env=env | {"NO_COLOR": "1"},
        timeout=120,
    )

    assert proc.returncode == 3
    assert proc.stdout == ""
    assert_one_error(proc.stderr, "not found", "no_such_house.ifc")
    assert list(tmp_path.iterdir()) == []


# --- output that cannot be written: exit 6 -------------------------------------------------------


@pytest.fixture
def no_measuring(monkeypatch):
    """Fail the test if the model gets measured: a bad -o must be refused before a long takeoff."""

    def takeoff(*args, **kwargs):
        pytest.fail("the model was measured although the output could never be written")

    monkeypatch.setattr(bimquant.pipeline, "measure_model", takeoff)


@pytest.mark.parametrize("command", ["takeoff", "validate"])
def test_unknown_output_extension_exits_6_before_measuring(tmp_path, no_measuring, command):
    code, stdout, stderr = run(command, HOUSE, "-o", tmp_path / "takeoff.txt")

    assert code == 6
    assert stdout == ""
    assert_one_error(stderr, "unknown output format", "txt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["takeoff", "validate"])
def test_output_in_a_missing_folder_exits_6_before_measuring(tmp_path, no_measuring, command):
    code, _, stderr = run(command, HOUSE, "-q", "-o", tmp_path / "no_such_folder" / "takeoff.csv")

    assert code == 6
    assert_one_error(stderr, "output folder does not exist", "no_such_folder")
    assert list(tmp_path.iterdir()) == []  # the folder is not created behind the user's back


def test_output_path_that_is_a_folder_exits_6_before_measuring(tmp_path, no_measuring):
    (tmp_path / "takeoff.csv").mkdir()

    code, _, stderr = run("takeoff", HOUSE, "-q", "-o", tmp_path / "takeoff.csv")

    assert code == 6
    assert_one_error(stderr, "cannot write", "takeoff.csv", "folder")
    assert [p.name for p in tmp_path.iterdir()] == ["takeoff.csv"]
    assert list((tmp_path / "takeoff.csv").iterdir()) == []


def test_read_only_output_folder_exits_6_not_1(tmp_path, monkeypatch):
    # Simulated (tests may run as root, who can write anywhere): the temporary file beside the
    # output cannot be created. That is the user's folder to fix, not an internal error.
    def mkstemp(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(bimquant.report.atomic.tempfile, "mkstemp", mkstemp)

    code, _, stderr = run("takeoff", HOUSE, "-q", "-o", tmp_path / "takeoff.xlsx")

    assert code == 6
    assert_one_error(stderr, "cannot write", "takeoff.xlsx", "Permission denied")
    assert list(tmp_path.iterdir()) == []


# --- usage errors: exit 2 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, named",
    [
        (["takeoff", HOUSE, "--volume-only"], "--volume-only"),
        (["takeoff"], "MODEL"),
        (["takeoff", HOUSE, "--threads", "0"], "--threads"),
        (["takeoff", HOUSE, "--kernel", "cgal"], "--kernel"),
        (["measure", HOUSE], "measure"),
    ],
)
def test_usage_error_exits_2(args, named):
    code, stdout, stderr = run(*args)

    assert code == 2
    assert stdout == ""
    assert "Traceback" not in stderr
    assert named.lower() in stderr.lower()


# --- atomic output -------------------------------------------------------------------------------


def full_disk_writer(*args, **kwargs):
    """Stands in for a writer (``write_csv(table, path)``, ``write_xlsx(tables, path)``): writes
    part of the file, then runs out of disk space. The file is the argument that is a path (the
    others are a table name, a locale...: never written to)."""
    path = next(a for a in [*args, *kwargs.values()] if isinstance(a, Path))
    path.write_bytes(b"PK\x03\x04 half a file")
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("suffix, writer", [(".xlsx", "write_xlsx"), (".csv", "write_csv")])
def test_disk_full_while_writing_leaves_no_file(tmp_path, monkeypatch, suffix, writer):
    monkeypatch.setattr(bimquant.report.tables, writer, full_disk_writer)
    out = tmp_path / f"takeoff{suffix}"

    code, _, stderr = run("takeoff", HOUSE, "-q", "-o", out)

    assert code == 6
    assert_one_error(stderr, "cannot write", out.name, "No space left on device")
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_previous_file_intact(tmp_path, monkeypatch):
    out = tmp_path / "takeoff.csv"
    out.write_text("global_id,net_volume_m3\nlast week's takeoff,1.0\n", encoding="utf-8")
    monkeypatch.setattr(bimquant.report.tables, "write_csv", full_disk_writer)

    code, _, stderr = run("takeoff", HOUSE, "-q", "-o", out)

    assert code == 6
    assert out.read_text(encoding="utf-8") == "global_id,net_volume_m3\nlast week's takeoff,1.0\n"
    assert [p.name for p in tmp_path.iterdir()] == ["takeoff.csv"]


def test_writer_bug_leaves_no_temporary_file(tmp_path, monkeypatch):
    # Not a disk problem but a bug in a writer: it propagates, and still nothing is left behind.
    def broken(table, path, *args, **kwargs):
        Path(path).write_text("global_id\n", encoding="utf-8")
        raise ValueError("cannot convert column")

    monkeypatch.setattr(bimquant.report.tables, "write_csv", broken)

    with pytest.raises(ValueError, match="cannot convert column"):
        bimquant.report.write_tables({"elements": pd.DataFrame({"global_id": ["x"]})}, tmp_path / "t.csv")
    assert list(tmp_path.iterdir()) == []


# --- broken geometry and --strict ----------------------------------------------------------------

# W1's name carries rich markup: it must reach stderr as text, not as styling (or a crash).
BROKEN_W1_NAME = "W1 [/] wall along X [bold]flat[/bold]"


@pytest.fixture(scope="module")
def flat_wall_house(tmp_path_factory) -> tuple[Path, str]:
    """The sample house with wall W1 extruded 0 m high: no solid, so it cannot be measured."""
    found = {}

    def flatten_w1(ifc):
        wall = by_mark(ifc, "W1")
        wall.Name = BROKEN_W1_NAME
        found["global_id"] = wall.GlobalId
        for representation in wall.Representation.Representations:
            for item in representation.Items:
                if item.is_a("IfcExtrudedAreaSolid"):
                    item.Depth = 0.0

    path = edit_house(tmp_path_factory.mktemp("flat_wall") / "flat_wall_house.ifc", flatten_w1)
    return path, found["global_id"]


def test_broken_element_is_listed_and_the_rest_still_measured(tmp_path, flat_wall_house):
    model, w1_id = flat_wall_house
    out = tmp_path / "takeoff.json"

    code, _, stderr = run("takeoff", model, "-o", out)

    assert code == 0, stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    [failure] = data["failures"]
    assert failure["global_id"] == w1_id
    assert failure["name"] == BROKEN_W1_NAME
    assert failure["reason"].strip()
    # Every other element is measured as before: W3 is still 1.6 m3 net.
    assert len(data["elements"]) == MEASURED_IN_HOUSE - 1
    assert w1_id not in {row["global_id"] for row in data["elements"]}
    volume = {mark(row["name"]): row["net_volume_m3"] for row in data["elements"]}
    assert volume["W3"] == pytest.approx(1.6, rel=1e-6)
    # stderr names the element, with its GlobalId, its (escaped) name and the reason.
    [line] = [line for line in stderr.splitlines() if w1_id in line]
    assert BROKEN_W1_NAME in line
    assert failure["reason"] in line
    assert "1 failed" in stderr


@pytest.mark.parametrize("quiet", [[], ["--quiet"]])
def test_strict_exits_5_when_an_element_failed(tmp_path, flat_wall_house, quiet):
    model, w1_id = flat_wall_house

    code, _, stderr = run("takeoff", model, "--strict", "-o", tmp_path / "takeoff.csv", *quiet)

    assert code == 5
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
    assert errors == ["Error: 1 element(s) could not be measured (--strict): nothing written"]
    assert w1_id in stderr  # the hint says "see the failures listed above": they must be there
    assert list(tmp_path.iterdir()) == []  # a partial takeoff is not written under --strict


def test_strict_exits_0_when_every_element_is_measured(tmp_path):
    code, _, stderr = run("takeoff", HOUSE, "--strict", "-q", "-o", tmp_path / "takeoff.csv")

    assert code == 0, stderr
    assert (tmp_path / "takeoff.csv").exists()


# --- names that a spreadsheet would run as formulas ----------------------------------------------

FORMULAS = {
    "W1": '=HYPERLINK("http://x","y")',
    "W2": "+1+cmd|' /C calc'!A0",
    "W3": "-2+3",
    "W4": "@SUM(A1:A9)",
}


@pytest.fixture(scope="module")
def formula_house(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """The sample house with its four walls renamed to formulas; {GlobalId: new name}."""
    renamed = {}

    def rename_walls(ifc):
        for wall_mark, formula in FORMULAS.items():
            wall = by_mark(ifc, wall_mark)
            wall.Name = formula
            renamed[wall.GlobalId] = formula

    path = edit_house(tmp_path_factory.mktemp("formulas") / "formula_house.ifc", rename_walls)
    return path, renamed


def test_csv_cell_that_looks_like_a_formula_starts_with_an_apostrophe(tmp_path, formula_house):
    model, renamed = formula_house
    out = tmp_path / "takeoff.csv"

    code, _, stderr = run("takeoff", model, "-q", "-o", out)

    assert code == 0, stderr
    with open(out, encoding="utf-8-sig", newline="") as stream:
        names = {row["global_id"]: row["name"] for row in csv.DictReader(stream)}
    for global_id, formula in renamed.items():
        assert names[global_id] == "'" + formula
    assert names[next(iter(renamed))] == '\'=HYPERLINK("http://x","y")'


def test_xlsx_cell_that_looks_like_a_formula_is_stored_as_text(tmp_path, formula_house):
    model, renamed = formula_house
    out = tmp_path / "takeoff.xlsx"

    code, _, stderr = run("takeoff", model, "-q", "-o", out)

    assert code == 0, stderr
    book = openpyxl.load_workbook(out)
    sheet = book["elements"]
    header = [cell.value for cell in sheet[1]]
    id_col, name_col = header.index("global_id"), header.index("name")
    cells = {row[id_col].value: row[name_col] for row in sheet.iter_rows(min_row=2)}
    for global_id, formula in renamed.items():
        assert cells[global_id].data_type == "s"
        assert cells[global_id].value == formula
    formulas = [cell.coordinate for sheet in book for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas == []  # no sheet of the workbook holds a formula


def test_json_keeps_the_name_as_written(tmp_path, formula_house):
    # JSON is data, not a spreadsheet: the name is not altered there.
    model, renamed = formula_house

    code, stdout, _ = run("takeoff", model, "-q", "-f", "json")

    assert code == 0
    names = {row["global_id"]: row["name"] for row in json.loads(stdout)["elements"]}
    assert {gid: names[gid] for gid in renamed} == renamed
