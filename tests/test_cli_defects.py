"""Defects found by trying the command line as a new user would (issue 8), one test each.

Each of these failed on the code before the fix; the command line is run in-process.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path

import ifcopenshell
import pytest
from conftest import HOUSE, ROOT, global_id, run

import bimquant
from bimquant.geometry import iterator

FR_LOTS = ROOT / "rules" / "fr-lots.toml"
FR_PRICES = ROOT / "rules" / "fr-prix.csv"
FR_RECIPES = ROOT / "rules" / "fr-recettes.toml"


def test_version_prints_the_version():
    code, stdout, _ = run("--version")

    assert code == 0
    assert stdout.strip() == f"bimquant {bimquant.__version__}"


def test_validate_with_an_output_file_prints_nothing_on_stdout(tmp_path):
    out = tmp_path / "checks.xlsx"

    code, stdout, stderr = run("validate", HOUSE, "-q", "-o", out)

    assert code == 0, stderr
    assert stdout == ""
    assert out.is_file()


def test_explain_help_quotes_the_global_id_of_its_example():
    code, stdout, _ = run("explain", "--help")

    assert code == 0
    assert "'3M40opnSHSLeM$JG6iZTrB'" in " ".join(stdout.split())  # pasted as is, the $ survives the shell


def test_a_global_id_cut_at_a_dollar_by_the_shell_gets_a_hint_to_quote_it():
    w3 = global_id("W3")
    assert "$" in w3
    cut = w3[: w3.index("$")]  # what `bimquant explain house.ifc 3M40opnSHSLeM$JG6iZTrB` receives

    code, stdout, stderr = run("explain", HOUSE, cut, "--rules", FR_LOTS)

    assert code == 3
    assert stdout == ""
    error, hint = stderr.strip().splitlines()
    assert error.startswith(f"Error: no element with GlobalId {cut} ")
    assert w3 in error  # the element it probably was
    assert hint.startswith("Hint: ") and "quote" in hint


def test_estimate_help_shows_the_settings_table_name():
    code, stdout, _ = run("estimate", "--help")

    assert code == 0
    assert "[estimate] table" in " ".join(stdout.split())


@pytest.mark.parametrize("flag", ["--vat", "--margin", "--site-overheads", "--general-overheads", "--contingency"])
def test_rates_accept_a_decimal_comma(flag):
    key = {"--vat": "vat_pct", "--margin": "margin_pct", "--contingency": "contingency_pct"}.get(
        flag, flag.strip("-").replace("-", "_") + "_pct"
    )

    code, stdout, stderr = run(
        "estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-f", "json", "-q", flag, "5,5", "--threads", "1"
    )

    assert code == 0, stderr
    assert json.loads(stdout)["info"]["rates"][key] == 5.5


def test_a_rate_that_is_not_a_number_is_a_usage_error():
    code, stdout, stderr = run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "--vat", "5,5,5")

    assert code == 2
    assert stdout == ""
    assert "--vat" in stderr and "5,5,5" in stderr


def test_order_table_shows_the_unit_of_each_quantity():
    code, _, stderr = run("order", HOUSE, "-r", FR_LOTS, "--recipes", FR_RECIPES, "-f", "json", "--locale", "en")

    assert code == 0, stderr
    header = next(line for line in stderr.splitlines() if " need " in line)
    columns = [cell.strip() for cell in header.split("┃")]
    assert "unit" in columns  # "need 85.05 | ordered 100.00" alone does not say kg, m2 or litres
    assert columns.index("unit") == columns.index("need") + 2  # right after need and ordered


@pytest.mark.parametrize(
    "args",
    [
        ["takeoff", HOUSE, "--rules", FR_LOTS],
        ["takeoff", HOUSE],
        ["estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES],
        ["order", HOUSE, "-r", FR_LOTS, "--recipes", FR_RECIPES],
    ],
    ids=["takeoff --rules", "takeoff", "estimate", "order"],
)
def test_written_is_the_last_line(tmp_path, args):
    out = tmp_path / "out.xlsx"

    code, _, stderr = run(*args, "-o", out)

    assert code == 0, stderr
    written = "Written:" if FR_LOTS not in args else "Écrit :"  # the summary speaks the rule set's language
    assert stderr.strip().splitlines()[-1] == f"{written} {out}"


def test_a_rule_label_with_markup_is_printed_as_text(tmp_path):
    text = FR_LOTS.read_text(encoding="utf-8").replace('label = "Voiles', 'label = "[/b] Voiles', 1)
    assert "[/b] Voiles" in text
    rules = tmp_path / "rules.toml"
    rules.write_text(text, encoding="utf-8")
    out = tmp_path / "metre.xlsx"

    code, _, stderr = run("takeoff", HOUSE, "--rules", rules, "-o", out)

    assert code == 0, stderr
    assert "[/b] Voiles" in stderr
    assert "internal error" not in stderr


def test_control_characters_from_a_model_are_shown_escaped(tmp_path):
    ifc = ifcopenshell.open(str(HOUSE))
    wall = next(w for w in ifc.by_type("IfcWall") if w.Name.startswith("W4"))
    wall.Name = "W4 \x1b]0;owned\x07 \x1b[2J"
    for solid in (i for r in wall.Representation.Representations for i in r.Items):
        if solid.is_a("IfcExtrudedAreaSolid"):
            solid.Depth = 0.0  # a failure: its name is printed in the failures list
    model = tmp_path / "escape.ifc"
    ifc.write(str(model))

    code, _, stderr = run("takeoff", model, "-o", tmp_path / "t.csv")

    assert code == 0, stderr
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "W4 \\x1b]0;owned\\x07 \\x1b[2J" in stderr


def test_a_kernel_crash_reaches_stderr_as_one_warning_line(monkeypatch):
    victim = global_id("B1")
    mesh_all = iterator._mesh_all

    def crash_on_victim(ifc, products, library, openings, threads):
        for pid, vertices, faces in mesh_all(ifc, products, library, openings, threads):
            if ifc.by_id(pid).GlobalId == victim:
                os.kill(os.getpid(), signal.SIGSEGV)
            yield pid, vertices, faces

    monkeypatch.setattr(iterator, "_mesh_all", crash_on_victim)
    monkeypatch.setattr(iterator, "get_parametric_shape", lambda *args: None)  # every body to the kernel

    code, _, stderr = run("takeoff", HOUSE, "-f", "json")

    assert code == 0, stderr
    warnings = [line for line in stderr.splitlines() if line.startswith("Warning:")]
    assert warnings, stderr
    assert all(victim in line and "crashed" in line for line in warnings)
    assert not [line for line in stderr.splitlines() if line.startswith("Info:")]  # only with --verbose


def test_verbose_shows_what_the_library_logs_as_information(monkeypatch):
    def log_info(*args, **kwargs):
        logging.getLogger("bimquant.geometry.policy").info("%d element(s) meshed again", 3)
        return real(*args, **kwargs)

    real = bimquant.pipeline.measure_model
    monkeypatch.setattr(bimquant.pipeline, "measure_model", log_info)

    _, _, quiet = run("takeoff", HOUSE, "-f", "json")
    _, _, verbose = run("takeoff", HOUSE, "-f", "json", "--verbose")

    assert "meshed again" not in quiet
    assert "Info: 3 element(s) meshed again" in verbose


def test_many_warnings_of_one_kind_are_counted(monkeypatch):
    def warn_many(*args, **kwargs):
        for n in range(10):
            logging.getLogger("bimquant.takeoff").warning("element %d looks odd", n)
        return real(*args, **kwargs)

    real = bimquant.pipeline.measure_model
    monkeypatch.setattr(bimquant.pipeline, "measure_model", warn_many)

    code, _, stderr = run("takeoff", HOUSE, "-f", "json", "-q")

    assert code == 0
    lines = [line for line in stderr.splitlines() if line.startswith("Warning:")]
    assert lines == [
        "Warning: element 0 looks odd",
        "Warning: element 1 looks odd",
        "Warning: element 2 looks odd",
        "Warning: ... and 7 more like this",
    ]


def test_readme_python_example_runs(tmp_path, monkeypatch):
    """The README's Python section, run as written: takeoff -> estimate -> order -> write."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Library") :]
    code = section[section.index("```python") + len("```python") : section.index("```", section.index("```python") + 9)]
    assert "bimquant.write(" in code and "bimquant.order(" in code and "bimquant.estimate(" in code
    monkeypatch.chdir(tmp_path)
    for folder in ("sample_models", "rules"):
        (tmp_path / folder).symlink_to(ROOT / folder)

    exec(compile(code, "README.md", "exec"), {})  # our own documentation, not user text

    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["commandes.xlsx", "dpgf.xlsx", "metre.xlsx"]


def test_library_estimate_writes_the_same_dpgf_as_the_cli(tmp_path, monkeypatch):
    """`bimquant.write(bimquant.estimate(...), "d.xlsx")` and `bimquant estimate ... -o` agree
    cell for cell, on every sheet."""
    import openpyxl

    monkeypatch.chdir(ROOT)
    library = tmp_path / "d.xlsx"
    cli = tmp_path / "cli.xlsx"
    bimquant.write(
        bimquant.estimate(
            "sample_models/house_ifc4.ifc", rules="rules/fr-lots.toml", prices="rules/fr-prix.csv", view="internal"
        ),
        library,
    )
    code, _, stderr = run(
        "estimate",
        "sample_models/house_ifc4.ifc",
        "-r",
        "rules/fr-lots.toml",
        "-p",
        "rules/fr-prix.csv",
        "-o",
        cli,
        "--view",
        "internal",
    )
    assert code == 0, stderr

    ours, theirs = openpyxl.load_workbook(library), openpyxl.load_workbook(cli)
    assert ours.sheetnames == theirs.sheetnames == ["DPGF", "Détail par élément", "Sans prix", "Réserves"]
    for name in ours.sheetnames:
        a = [[c.value for c in row] for row in ours[name].iter_rows()]
        b = [[c.value for c in row] for row in theirs[name].iter_rows()]
        assert a == b, name
    assert any(isinstance(c.value, str) and c.value.startswith("=SUM(") for c in ours["DPGF"]["F"])


def test_storey_order_lives_in_one_place(tmp_path):
    """The work items and the orders batch storeys in the takeoff's order, lowest first."""
    measured = bimquant.takeoff(HOUSE)
    plan = bimquant.order(measured, FR_LOTS, FR_RECIPES)
    work = bimquant.takeoff(measured, rules=FR_LOTS).work

    assert work.storeys == ["Ground floor", "Level 1"]
    for _, lines in plan.orders.groupby("material", sort=False):
        batches = list(lines["batch"])
        assert batches == sorted(batches, key=[*work.storeys, "(no storey)"].index)


def test_pipeline_functions_take_the_stage_before(monkeypatch):
    """estimate(takeoff_result, rules, prices) never measures again."""
    measured = bimquant.takeoff(HOUSE)

    def never(*args, **kwargs):
        raise AssertionError("measured twice")

    monkeypatch.setattr(bimquant.pipeline, "measure_model", never)
    budget = bimquant.estimate(measured, FR_LOTS, FR_PRICES)
    with_rules = bimquant.takeoff(measured, rules=FR_LOTS)
    again = bimquant.estimate(with_rules, None, FR_PRICES)  # its own work items are priced

    assert budget.totals == again.totals
    assert bimquant.validate(measured).tables.keys() == {"summary", "suspects", "authored"}
    assert set(bimquant.order(measured, FR_LOTS, FR_RECIPES).tables) == {"orders", "summary", "needs", "without_recipe"}
    assert bimquant.explain(measured, global_id("W3"), FR_LOTS).info["element"]["name"].startswith("W3")


def test_write_picks_the_format_from_the_extension(tmp_path):
    measured = bimquant.takeoff(HOUSE)

    written = bimquant.write(measured, tmp_path / "t.json")

    assert written == [tmp_path / "t.json"]
    assert set(json.loads(Path(written[0]).read_text(encoding="utf-8"))) == {
        "info",
        "elements",
        "failures",
        "excluded",
        "authored",
        "openings",
    }
    with pytest.raises(bimquant.OutputError):
        bimquant.write(measured, tmp_path / "t.pdf")


def test_readme_rule_set_example_passes_rules_check(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Rule sets") :]
    example = section[section.index("```toml") + len("```toml") : section.index("```", section.index("```toml") + 7)]
    path = tmp_path / "exemple.toml"
    path.write_text(example, encoding="utf-8")

    code, stdout, stderr = run("rules", "check", path)

    assert code == 0, stderr
    assert "2 ouvrages dans 2 lots" in stdout  # the example is a French rule set
