"""Huge and odd values in input files and options: refused where they are read (issue 9, case 5).

Prices of 1e30, a phase date 0001-01-02, lead_time_days = 99999999999 and --threads 2147483648
each ended in an internal error or child tracebacks.
"""

from __future__ import annotations

import pytest
from conftest import HOUSE, ROOT, assert_one_error, run

FR_LOTS = ROOT / "rules" / "fr-lots.toml"
FR_PRICES = ROOT / "rules" / "fr-prix.csv"
FR_RECIPES = ROOT / "rules" / "fr-recettes.toml"
RECIPES = """[recipes]
name = "t"
language = "fr"

[[material]]
id = "beton"
label = "Béton"
unit = "m3"
purchase_unit = "toupie"
pack_size = {pack_size}
kind = "concrete"
supplier = "Centrale"
lead_time_days = {lead}
unit_price = {price}

[[recipe]]
item = "02.03.01"
materials = [{{ material = "beton", per_unit = {per_unit}, waste_pct = {waste} }}]
"""
GOOD = {"pack_size": 8, "lead": 2, "price": 110.0, "per_unit": 1.0, "waste": 5}
PHASES = '[[phase]]\nname = "GO"\ndate = {date}\nstoreys = ["Ground floor", "Level 1"]\n'


@pytest.mark.parametrize(
    "change, named",
    [
        ({"lead": 99999999999}, "lead_time_days"),
        ({"lead": -1}, "lead_time_days"),
        ({"pack_size": 1e300}, "pack_size"),
        ({"price": 1e308}, "unit_price"),
        ({"per_unit": 1e30}, "per_unit"),
        ({"waste": 1e9}, "waste_pct"),
        ({"waste": "inf"}, "waste_pct"),
    ],
)
def test_recipe_values_out_of_range_are_refused(tmp_path, change, named):
    recipes = tmp_path / "recettes.toml"
    recipes.write_text(RECIPES.format(**{**GOOD, **change}), encoding="utf-8")
    out = tmp_path / "commandes.xlsx"

    code, stdout, stderr = run("order", HOUSE, "-r", FR_LOTS, "--recipes", recipes, "-o", out)

    assert code == 4
    assert stdout == ""
    assert_one_error(stderr, "recettes.toml", named)
    assert not out.exists()


@pytest.mark.parametrize("date", ["0001-01-02", "9999-12-31", "2027-03-01T08:00:00"])
def test_phase_dates_out_of_range_are_refused(tmp_path, date):
    recipes = tmp_path / "recettes.toml"
    recipes.write_text(RECIPES.format(**GOOD), encoding="utf-8")
    phases = tmp_path / "phases.toml"
    phases.write_text(PHASES.format(date=date), encoding="utf-8")

    code, _, stderr = run("order", HOUSE, "-r", FR_LOTS, "--recipes", recipes, "--by", "phase", "--phases", phases)

    assert code == 4
    assert_one_error(stderr, "phases.toml", "date")


def test_a_phase_date_in_range_gives_the_order_by_date(tmp_path):
    import json

    recipes = tmp_path / "recettes.toml"
    recipes.write_text(RECIPES.format(**GOOD), encoding="utf-8")
    phases = tmp_path / "phases.toml"
    phases.write_text(PHASES.format(date="2027-03-01"), encoding="utf-8")

    code, stdout, stderr = run(
        "order", HOUSE, "-r", FR_LOTS, "--recipes", recipes, "--by", "phase", "--phases", phases, "-f", "json", "-q"
    )

    assert code == 0, stderr
    [line] = json.loads(stdout)["orders"]
    assert (line["delivery_date"], line["order_by"]) == ("2027-03-01", "2027-02-27")


@pytest.mark.parametrize("threads", ["2147483648", "257", "0", "-1", "two"])
def test_threads_out_of_range_is_a_usage_error(threads):
    code, stdout, stderr = run("takeoff", HOUSE, "--threads", threads, "-f", "json")

    assert code == 2
    assert stdout == ""
    assert "Traceback" not in stderr and "--threads" in stderr


@pytest.mark.parametrize("flag, value", [("--vat", "1e400"), ("--vat", "101"), ("--margin", "-3"), ("--vat", "nan")])
def test_rates_out_of_range_are_refused(tmp_path, flag, value):
    code, stdout, stderr = run(
        "estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, flag, value, "-o", tmp_path / "d.xlsx"
    )

    assert code in (2, 4)
    assert stdout == ""
    assert "Traceback" not in stderr
    assert not (tmp_path / "d.xlsx").exists()


@pytest.mark.parametrize("threshold", ["1e400", "1e7", "-0.5"])
def test_openings_thresholds_out_of_range_are_refused(tmp_path, threshold):
    text = FR_LOTS.read_text(encoding="utf-8").replace("deduct_above_m2 = 2.5", f"deduct_above_m2 = {threshold}", 1)
    assert f"deduct_above_m2 = {threshold}" in text
    rules = tmp_path / "rules.toml"
    rules.write_text(text, encoding="utf-8")

    code, _, stderr = run("rules", "check", rules)

    assert code == 4
    assert_one_error(stderr, "rules.toml", "deduct_above_m2")
