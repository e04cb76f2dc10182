"""Numeric conditions on work items: where = "width_m >= 0.25 and height_m < 3.5" (issue 10).

Selectors match names; a rule also has to split masonry or concrete walls by thickness, which
a name cannot tell. Conditions are parsed, never run as code, and type-checked by rules check.
"""

from __future__ import annotations

import builtins

import pytest
from conftest import HOUSE, assert_one_error, run

import bimquant
from bimquant.errors import RuleError
from bimquant.rules import load_ruleset
from bimquant.rules.condition import parse_condition
from bimquant.rules.formula import FormulaError

RULES = """[ruleset]
name = "t"
language = "fr"

[[item]]
code = "A"
lot = "02 Gros oeuvre"
label = "Voiles minces"
unit = "m3"
select = {{ class = "IfcWall" }}
where = "{thin}"
quantity = "net_volume_m3"

[[item]]
code = "B"
lot = "02 Gros oeuvre"
label = "Voiles épais"
unit = "m3"
select = {{ class = "IfcWall" }}
where = "{thick}"
quantity = "net_volume_m3"
"""


def rules_file(tmp_path, thin="width_m < 0.25", thick="width_m >= 0.25"):
    path = tmp_path / "rules.toml"
    path.write_text(RULES.format(thin=thin, thick=thick), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "text, element, expected",
    [
        ("width_m >= 0.25", {"width_m": 0.3}, True),
        ("width_m >= 0.25", {"width_m": 0.2}, False),
        ("0.2 <= width_m < 0.25", {"width_m": 0.2}, True),
        ("width_m >= 0.25 and height_m < 3.5", {"width_m": 0.3, "height_m": 3.0}, True),
        ("width_m >= 0.25 or is_external", {"width_m": 0.1, "is_external": True}, True),
        ("not is_external", {"is_external": False}, True),
        ("is_external == false", {"is_external": True}, False),
        ("load_bearing == True", {"load_bearing": True}, True),
        ("net_volume_m3 / length_m > 0.5", {"net_volume_m3": 2.0, "length_m": 2.0}, True),
        ('fire_rating == "REI 60"', {"fire_rating": "REI 60"}, True),
        (
            "Pset_WallCommon.ThermalTransmittance < 0.3",
            {"properties": {"Pset_WallCommon.ThermalTransmittance": 0.2}},
            True,
        ),
        ("width_m >= 0.25", {"width_m": float("nan")}, False),  # no value: not taken
        ("is_external", {}, False),
        ("Pset_WallCommon.ThermalTransmittance < 0.3", {"properties": {}}, False),
    ],
)
def test_conditions_on_one_element(text, element, expected):
    assert parse_condition(text).test(element) is expected


@pytest.mark.parametrize(
    "text, words",
    [
        ("widht_m >= 0.25", ["unknown value 'widht_m'"]),
        ('width_m > "thick"', ["compares a number with a text"]),
        ("is_external > 2", ["compares a boolean with a number"]),
        ("is_external < true", ["orders a boolean"]),
        ("width_m + 1", ["not a condition"]),
        ("__import__('os').system('x')", ["not allowed"]),
        ("width_m.real > 1", ["not allowed"]),
        ("width_m >= ", ["not a valid where condition"]),
        ("", ["empty"]),
    ],
)
def test_bad_conditions_are_refused_by_rules_check(tmp_path, monkeypatch, text, words):
    path = rules_file(tmp_path, thin=text.replace('"', '\\"'))
    path.read_text(encoding="utf-8-sig")  # the codec is imported once, before exec is forbidden
    with monkeypatch.context() as patched:  # the condition is parsed, never run as code
        patched.setattr(builtins, "eval", lambda *a: pytest.fail("eval called"))
        patched.setattr(builtins, "exec", lambda *a: pytest.fail("exec called"))
        with pytest.raises(FormulaError):
            parse_condition(text)
        with pytest.raises(RuleError):
            load_ruleset(path)

    code, stdout, stderr = run("rules", "check", path)

    assert code == 4
    assert stdout == ""
    assert_one_error(stderr, "rules.toml", "item A (#1)", *words)


def test_walls_are_split_by_thickness_on_the_sample_house(tmp_path):
    # W1 and W2 are 0.3 m thick (5.4 m3 each), W3 0.2 m (1.6 m3), W4 0.2 m (2.08 m3)
    result = bimquant.takeoff(HOUSE, rules=rules_file(tmp_path))

    items = result.work.items.set_index("code")["quantity"]
    assert items["A"] == pytest.approx(1.6 + 2.08)
    assert items["B"] == pytest.approx(5.4 + 5.4)
    assert result.work.warnings.empty


def test_an_element_left_out_by_a_condition_says_which_value_decided(tmp_path):
    rules = rules_file(tmp_path, thin="width_m < 0.1", thick="width_m > 0.5")

    result = bimquant.takeoff(HOUSE, rules=rules)

    reasons = result.work.unmapped.set_index(result.work.unmapped["name"].str.split().str[0])["reason"]
    assert "where 'width_m < 0.1' is false (width_m = 0.3)" in reasons["W1"]


def test_on_a_layer_item_the_condition_reads_the_layer_s_thickness(tmp_path):
    """W1 is 0.2 m of concrete and 0.1 m of insulation (0.3 m): an item on its concrete layer
    with where width_m < 0.25 takes it, through the layer's 0.2 m, though the wall is 0.3 m."""
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[ruleset]\nname = "t"\nlanguage = "fr"\n[[item]]\ncode = "A"\nlot = "02"\nlabel = "Voiles minces"\n'
        'unit = "m2"\nselect = { class = "IfcWall", layer = "*béton*" }\nwhere = "width_m < 0.25"\n'
        'quantity = "gross_side_area_m2"\n',
        encoding="utf-8",
    )

    work = bimquant.takeoff(HOUSE, rules=rules).work

    fed = set(work.trace["name"].str.split().str[0])
    assert {"W1", "W2", "W3", "W4"} <= fed  # W1, W2 through their 0.2 m concrete layer
