"""Quantity formulas that overflow, divide by zero or go negative (issue 9, case 4).

``*1e299*1e299`` passed ``rules check`` and then crashed the estimate; ``/ 0`` made every
element "missing" without a word; ``0 - net_volume_m3`` gave a negative budget silently.
"""

from __future__ import annotations

import json
import math

import pytest
from conftest import HOUSE, ROOT, assert_one_error, run

from bimquant.errors import RuleError
from bimquant.rules import parse_formula
from bimquant.rules.formula import FormulaError

FR_PRICES = ROOT / "rules" / "fr-prix.csv"
RULES = """[ruleset]
name = "t"
language = "fr"

[[item]]
code = "02.03.01"
lot = "02 Gros oeuvre"
label = "Voiles"
unit = "{unit}"
select = {{ class = "IfcWall" }}
quantity = "{formula}"
"""


def rules_file(tmp_path, formula: str, unit: str = "m3"):
    path = tmp_path / "rules.toml"
    path.write_text(RULES.format(formula=formula, unit=unit), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "formula, words",
    [
        ("net_volume_m3 * 1e299 * 1e299", "no finite value"),
        ("net_volume_m3 / 0", "divides by zero"),
        ("net_volume_m3 / (2 - 2)", "divides by zero"),
        ("net_volume_m3 / 0.0", "divides by zero"),
    ],
)
def test_rules_check_refuses_a_formula_with_no_value(tmp_path, formula, words):
    with pytest.raises(FormulaError, match=words):
        parse_formula(formula)

    code, stdout, stderr = run("rules", "check", rules_file(tmp_path, formula))

    assert code == 4
    assert stdout == ""
    assert_one_error(stderr, "02.03.01", words)


@pytest.mark.parametrize("formula", ["net_volume_m3 / (width_m - 1)", "net_volume_m3 / (width_m - width_m)"])
def test_a_divisor_that_is_zero_only_for_some_elements_is_allowed(formula):
    parsed = parse_formula(formula)
    assert math.isnan(parsed.evaluate({"net_volume_m3": 2.0, "width_m": 1.0}))  # no value: left out, warned


def test_an_overflow_on_the_model_is_an_error_naming_the_item_and_the_element(tmp_path):
    rules = rules_file(tmp_path, "net_volume_m3 * 1e308")  # finite for a 1 m3 wall, not for a 5.4 m3 one
    out = tmp_path / "dpgf.xlsx"

    code, stdout, stderr = run("estimate", HOUSE, "-r", rules, "-p", FR_PRICES, "-o", out)

    assert code == 4
    assert_one_error(stderr, "02.03.01", "no finite value", "for element")
    assert not out.exists()


def test_the_library_raises_a_rule_error_for_an_overflow(tmp_path):
    import bimquant

    with pytest.raises(RuleError) as caught:
        bimquant.takeoff(HOUSE, rules=rules_file(tmp_path, "net_volume_m3 * 1e308"))
    assert "02.03.01" in caught.value.message


def test_a_negative_quantity_is_a_warning_on_the_item(tmp_path):
    rules = rules_file(tmp_path, "0 - net_volume_m3")

    code, stdout, stderr = run("estimate", HOUSE, "-r", rules, "-p", FR_PRICES, "-f", "json", "-q")

    assert code == 0, stderr
    # a French rule set: the console speaks French, the library's warning too
    [warning] = [line for line in stderr.splitlines() if line.startswith("Attention :")]
    assert "02.03.01" in warning and "4 élément(s)" in warning and "négative (-14,48 m3 en tout)" in warning
    data = json.loads(stdout)
    assert data["lines"][0]["quantity"] == pytest.approx(-14.48)  # the four walls, 5.4 + 5.4 + 1.6 + 2.08
    rows = data["trace"]
    assert len(rows) == 4 and all(row["contribution"] < 0 for row in rows)


def test_negative_contributions_are_listed_in_the_warnings_table(tmp_path):
    import bimquant

    result = bimquant.takeoff(HOUSE, rules=rules_file(tmp_path, "0 - net_volume_m3"))

    negative = result.work.warnings[result.work.warnings["kind"] == "negative_value"]
    assert len(negative) == 4
    assert all("02.03.01" in message for message in negative["message"])
