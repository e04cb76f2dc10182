"""Every input of the hostile corpus (tests/corpus.py) through ``bimquant takeoff -o out.json``.

For each: an exit code the README documents for it, never 1 (internal error); at most one
``Error:`` line and one ``Hint:`` line; no traceback; the input unchanged, and no file written
when the run fails; when it succeeds, every element of the clean model is measured as in the
clean model, or flagged (a failure, a note), or the run said the file is damaged.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import math
import shutil
import tempfile
from pathlib import Path

import pytest
from conftest import run
from corpus import Case, build

import bimquant


_FOLDER = Path(tempfile.mkdtemp(prefix="bimquant-corpus-"))
atexit.register(shutil.rmtree, _FOLDER, ignore_errors=True)
CORPUS: dict[str, Case] = {case.name: case for case in build(_FOLDER)}  # built once, at collection
CASES = list(CORPUS)


@pytest.fixture(scope="module")
def corpus() -> dict[str, Case]:
    return CORPUS


_clean: dict[Path, dict] = {}


def clean_volumes(path: Path) -> dict[str, float]:
    if path not in _clean:
        result = bimquant.takeoff(path)
        _clean[path] = dict(zip(result.elements["global_id"], result.elements["net_volume_m3"]))
    return _clean[path]


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def test_the_corpus_covers_what_issue_9_lists():
    names = set(CASES)
    for expected in (
        "missing file",
        "folder",
        "empty file",
        "text",
        "binary",
        "png",
        "gzip",
        "ifczip",
        "IFC2X2",
        "unknown schema",
        "no storeys",
        "zero elements",
        "zero height",
        "zero thickness",
        "zero length",
    ):
        assert expected in names
    assert sum(name.startswith("truncated at") for name in names) == 10
    assert sum(name.startswith("byte ") for name in names) == 20
    assert {n for n in names if n.startswith("name ")} >= {
        "name formula_equals",
        "name formula_plus",
        "name formula_minus",
        "name formula_at",
        "name tab",
        "name cr",
        "name lf",
        "name rtl",
        "name nul",
        "name bom",
    }


@pytest.mark.parametrize("name", CASES)
def test_hostile_input(tmp_path, corpus, name):
    case = corpus[name]
    before = digest(case.path)
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    out = out_folder / "takeoff.json"

    code, stdout, stderr = run("takeoff", case.path, "-o", out, "-q")

    assert code in case.codes, f"exit {code}, documented {sorted(case.codes)}:\n{stderr}"
    assert code != 1
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert sum(line.startswith("Error:") for line in lines) <= 1
    assert sum(line.startswith("Hint:") for line in lines) <= 1
    assert stdout == ""
    assert digest(case.path) == before  # the input is never changed
    if code != 0:
        assert lines[0].startswith("Error:"), stderr
        assert list(out_folder.iterdir()) == []  # nothing written
        return
    data = json.loads(out.read_text(encoding="utf-8"))
    if case.clean is None:  # nothing to compare with: a model without elements
        assert data["elements"] == [] and data["failures"] == []
        return
    measured = {row["global_id"]: row for row in data["elements"]}
    failed = {row["global_id"] for row in data["failures"]}
    damaged_file = bool(data["info"].get("file_problems"))
    for gid, volume in clean_volumes(case.clean).items():
        if gid in failed:
            continue
        if gid not in measured:
            assert damaged_file, f"{gid} vanished without a word"
            continue
        row = measured[gid]
        if not math.isclose(row["net_volume_m3"], volume, rel_tol=1e-6, abs_tol=1e-9):
            assert row["measure_note"], f"{gid}: {row['net_volume_m3']} instead of {volume}, not flagged"


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("name ")])
def test_hostile_names_stay_text_in_every_output(tmp_path, corpus, name):
    import csv

    import openpyxl

    case = corpus[name]
    for suffix in (".csv", ".xlsx"):
        code, _, stderr = run("takeoff", case.path, "-o", tmp_path / f"t{suffix}", "-q")
        assert code == 0, stderr
    text = (tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    import re

    for record in re.split(r"\r\n|\r|\n", text):
        assert not record.startswith(("=", "+", "-", "@")), repr(record)
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == 19
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["elements"]
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
