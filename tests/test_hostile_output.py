"""Hostile text and careless output paths (issue 9, cases 6 to 11).

A name with a bare CR split a CSV record so that the next one started with ``=``; escape
sequences from element names reached the terminal; ``-o`` could overwrite the price library;
``-o out.csv --format json`` wrote JSON into a .csv; a killed run left temporary files; Ctrl-C
printed nothing; an unwritable output was refused only after the whole model was measured.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import ifcopenshell
import pytest
from conftest import HOUSE, ROOT, assert_one_error, run, spawn

import bimquant.pipeline
import bimquant.report.atomic

FR_LOTS = ROOT / "rules" / "fr-lots.toml"
FR_PRICES = ROOT / "rules" / "fr-prix.csv"
FR_RECIPES = ROOT / "rules" / "fr-recettes.toml"
INSTITUTE = ROOT.parent / "shared" / "models" / "AC11-Institute-Var-2-IFC.ifc"
CR_INJECTION = "W3\r=cmd|' /C calc'!A0"


def house_named(tmp_path: Path, mark: str, name: str) -> Path:
    ifc = ifcopenshell.open(str(HOUSE))
    element = next(e for e in ifc.by_type("IfcElement") if (e.Name or "").startswith(mark + " "))
    element.Name = name
    path = tmp_path / "house.ifc"
    ifc.write(str(path))
    return path


@pytest.fixture
def no_measuring(monkeypatch):
    def measure(*args, **kwargs):
        pytest.fail("the model was measured although the output could never be written")

    monkeypatch.setattr(bimquant.pipeline, "measure_model", measure)


# --- 6. CSV injection through a bare CR ---------------------------------------------------------


def test_a_bare_cr_in_a_name_never_starts_a_csv_record_with_a_formula(tmp_path):
    import csv

    model = house_named(tmp_path, "W3", CR_INJECTION)
    out = tmp_path / "takeoff.csv"

    code, _, stderr = run("takeoff", model, "-o", out, "-q")

    assert code == 0, stderr
    text = out.read_bytes().decode("utf-8-sig")
    for record in re.split(r"\r\n|\r|\n", text):  # what an importer splitting at any line break sees
        assert not record.startswith(("=", "+", "-", "@")), repr(record)
    with open(out, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 19  # one record per element: the CR stayed inside its quoted cell
    [w3] = [row for row in rows if row["name"].startswith("W3")]
    assert w3["name"] == "W3\r'=cmd|' /C calc'!A0"


def test_every_line_of_a_multi_line_cell_is_guarded():
    from bimquant.report.tables import escape_text

    assert escape_text("a\n=1+1\r\n+2\r@3\n-4") == "a\n'=1+1\r\n'+2\r'@3\n'-4"
    assert escape_text("=1") == "'=1"
    assert escape_text("plain\ntext") == "plain\ntext"


# --- 7. terminal escape sequences ---------------------------------------------------------------


def test_escape_sequences_in_a_rule_label_reach_the_terminal_escaped(tmp_path):
    text = FR_LOTS.read_text(encoding="utf-8").replace(
        'label = "Voiles', 'label = "\\u001b]0;owned\\u0007\\u001b[2J Voiles', 1
    )
    rules = tmp_path / "rules.toml"
    rules.write_text(text, encoding="utf-8")

    code, _, stderr = run("takeoff", HOUSE, "--rules", rules, "-f", "json")

    assert code == 0, stderr
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "\\x1b]0;owned\\x07\\x1b[2J Voiles" in stderr


def test_control_characters_in_an_error_message_are_escaped(tmp_path):
    bad = tmp_path / "rules.toml"
    bad.write_text('[ruleset]\nname = "x"\n[[item]]\ncode = "A\\u001b[2J"\n', encoding="utf-8")

    code, _, stderr = run("rules", "check", bad)

    assert code == 4
    assert "\x1b" not in stderr
    assert_one_error(stderr, "A\\x1b[2J")


# --- 8. -o naming an input ----------------------------------------------------------------------


def copies(tmp_path: Path) -> dict[str, Path]:
    files = {"rules": FR_LOTS, "prices": FR_PRICES, "recipes": FR_RECIPES, "model": HOUSE}
    return {key: Path(shutil.copy(path, tmp_path / path.name)) for key, path in files.items()}


@pytest.mark.parametrize(
    "target, extra",
    [("prices", []), ("rules", ["-f", "json"]), ("model", ["-f", "json"])],
)
def test_estimate_refuses_to_write_over_one_of_its_inputs(tmp_path, no_measuring, target, extra):
    files = copies(tmp_path)
    before = {path: path.read_bytes() for path in files.values()}

    code, stdout, stderr = run(
        "estimate", files["model"], "-r", files["rules"], "-p", files["prices"], "-o", files[target], *extra
    )

    assert code == 6
    assert stdout == ""
    assert_one_error(stderr, "refusing to write over", files[target].name)
    assert {path: path.read_bytes() for path in files.values()} == before


def test_a_link_to_an_input_is_that_input(tmp_path, no_measuring):
    files = copies(tmp_path)
    link = tmp_path / "estimate.csv"
    link.symlink_to(files["prices"])
    before = files["prices"].read_bytes()

    code, _, stderr = run("estimate", files["model"], "-r", files["rules"], "-p", files["prices"], "-o", link)

    assert code == 6
    assert_one_error(stderr, "refusing to write over", "price library")
    assert files["prices"].read_bytes() == before


def test_a_csv_table_written_beside_the_output_never_replaces_an_input(tmp_path, no_measuring):
    files = copies(tmp_path)
    prices = files["prices"].rename(tmp_path / "devis.lots.csv")  # what -o devis.csv writes beside it

    code, _, stderr = run("estimate", files["model"], "-r", files["rules"], "-p", prices, "-o", tmp_path / "devis.csv")

    assert code == 6
    assert_one_error(stderr, "refusing to write over", "devis.lots.csv")


def test_order_refuses_to_write_over_its_recipes(tmp_path, no_measuring):
    files = copies(tmp_path)

    code, _, stderr = run(
        "order",
        files["model"],
        "-r",
        files["rules"],
        "--recipes",
        files["recipes"],
        "-o",
        files["recipes"],
        "-f",
        "json",
    )

    assert code == 6
    assert_one_error(stderr, "recipe file")


# --- 9. a format that contradicts the extension -------------------------------------------------


@pytest.mark.parametrize("name, fmt", [("out.csv", "json"), ("out.json", "xlsx"), ("out.xlsx", "csv")])
def test_a_format_contradicting_the_extension_is_refused(tmp_path, no_measuring, name, fmt):
    code, stdout, stderr = run("takeoff", HOUSE, "-o", tmp_path / name, "--format", fmt)

    assert code == 6
    assert_one_error(stderr, f"--format {fmt}", name)
    assert list(tmp_path.iterdir()) == []


def test_a_format_for_an_unknown_extension_is_kept(tmp_path):
    code, _, stderr = run("takeoff", HOUSE, "-o", tmp_path / "out.txt", "--format", "json", "-q")

    assert code == 0, stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("{")


# --- 10. temporary files and Ctrl-C -------------------------------------------------------------


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_later_run_removes_the_temporary_files_of_a_killed_run(tmp_path):
    stale = tmp_path / f".takeoff.csv.bimquant-{dead_pid()}-k1ll3d.tmp"
    stale.write_text("half a file", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    alive = tmp_path / f".takeoff.csv.bimquant-{os.getpid()}-running.tmp"  # a run still going: kept
    alive.write_text("in progress", encoding="utf-8")
    foreign = tmp_path / ".takeoff.csv.not-ours.tmp"  # not a bimquant name: kept
    foreign.write_text("x", encoding="utf-8")

    code, _, stderr = run("takeoff", HOUSE, "-o", tmp_path / "takeoff.csv", "-q")

    assert code == 0, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["takeoff.csv", alive.name, foreign.name])


def test_a_temporary_file_newer_than_this_run_is_kept(tmp_path):
    recent = tmp_path / f".takeoff.csv.bimquant-{dead_pid()}-recent.tmp"
    recent.write_text("x", encoding="utf-8")
    future = bimquant.report.atomic.STARTED + 60
    os.utime(recent, (future, future))

    assert bimquant.report.atomic.remove_stale_temporaries(tmp_path) == []
    assert recent.exists()


@pytest.mark.skipif(not INSTITUTE.is_file(), reason=f"{INSTITUTE.name} not found (CI has it)")
def _wait_for_geometry(pid: int, timeout: float = 60.0) -> None:
    """Until the process has forked its geometry children (Linux: /proc/PID/task/PID/children),
    i.e. it is measuring; a fixed sleep could land in the imports on a slow or busy machine."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if children.read_text().strip():
                time.sleep(0.3)
                return
        except OSError:
            return  # not Linux, or the process is gone: send the signal now
        time.sleep(0.05)


def test_ctrl_c_prints_one_line_exits_130_and_leaves_nothing(tmp_path):
    # Ctrl-C reaches the whole process group, children included
    proc = spawn("takeoff", INSTITUTE, "-o", tmp_path / "takeoff.xlsx", start_new_session=True)
    _wait_for_geometry(proc.pid)  # Ctrl-C while measuring, not while Python imports
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)

    assert proc.returncode == 130, stderr
    assert stdout == ""
    assert stderr.strip().splitlines()[-1] == "Interrupted: nothing written"
    assert "Traceback" not in stderr
    assert list(tmp_path.iterdir()) == []


# --- 11. the output is checked before the work --------------------------------------------------


def test_an_unwritable_folder_is_refused_before_measuring(tmp_path, monkeypatch, no_measuring):
    # Simulated (tests may run as root, who can write anywhere): no file can be created there.
    def mkstemp(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(bimquant.report.atomic.tempfile, "mkstemp", mkstemp)

    code, _, stderr = run("takeoff", HOUSE, "-o", tmp_path / "takeoff.xlsx")

    assert code == 6
    assert_one_error(stderr, "cannot write", "takeoff.xlsx", "Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_output_file_is_refused_before_measuring(tmp_path, monkeypatch, no_measuring):
    out = tmp_path / "takeoff.csv"
    out.write_text("last week's takeoff\n", encoding="utf-8")
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode: (
            mode != os.W_OK and real_access(path, mode) if Path(path) == out else real_access(path, mode)
        ),
    )

    code, _, stderr = run("takeoff", HOUSE, "-o", out)

    assert code == 6
    assert_one_error(stderr, "cannot write", "takeoff.csv")
    assert out.read_text(encoding="utf-8") == "last week's takeoff\n"
