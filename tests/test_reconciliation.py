"""Every element's construction priced exactly once (issue 10): the reconciliation table.

On Office_A, walls were priced as masonry and, through a plywood sheathing layer matching
*wood*, as timber-frame walls too: 30 % of the direct cost counted twice, with no warning,
because conflicts were only looked for among items of one lot and unit.
"""

from __future__ import annotations

import json

import pytest

from conftest import HOUSE, assert_one_error, run

import bimquant
from bimquant.rules import load_ruleset
from bimquant.rules.apply import VERDICTS

HEAD = '[ruleset]\\nname = "t"\\nlanguage = "fr"\\n{extra}\\n'
MASONRY = """
[[item]]
code = "02.04.01"
lot = "02 Gros oeuvre"
label = "Maçonnerie"
unit = "m2"
select = { class = "IfcWall" }
quantity = "gross_side_area_m2"
measures = "structure"
"""
TIMBER_FRAME = """
[[item]]
code = "03.03.01"
lot = "03 Charpente"
label = "Murs à ossature bois"
unit = "m2"
select = { class = "IfcWall", layer = "*isolant*" }
quantity = "gross_side_area_m2"
measures = "structure"
"""
PAINT = """
[[item]]
code = "09.01.01"
lot = "09 Peinture"
label = "Peinture"
unit = "m2"
select = { class = "IfcWall" }
quantity = "gross_side_area_m2 * 2"
measures = "finish:interior"
"""
OTHER_CLASSES = [
    "IfcSlab",
    "IfcBeam",
    "IfcColumn",
    "IfcCovering",
    "IfcDoor",
    "IfcWindow",
    "IfcFooting",
    "IfcStairFlight",
]
OTHERS = f"""
[[item]]
code = "02.01.01"
lot = "02 Gros oeuvre"
label = "Le reste"
unit = "u"
select = {{ class = {json.dumps(OTHER_CLASSES)} }}
quantity = "count"
measures = "structure"
"""


def rules(tmp_path, *items: str, extra: str = ""):
    path = tmp_path / "rules.toml"
    path.write_text(HEAD.replace("\\n", "\n").format(extra=extra) + "".join(items), encoding="utf-8")
    return path


def verdicts(result) -> dict[str, str]:
    table = result.work.reconciliation
    return dict(zip(table["name"].str.split().str[0], table["verdict"]))


def test_two_items_of_different_lots_pricing_the_same_walls_are_a_double_count(tmp_path):
    # W1 and W2 have an insulation layer: the "timber frame" item takes them through it, as
    # Office_A's plywood layer did, while masonry takes every wall whole
    result = bimquant.takeoff(HOUSE, rules=rules(tmp_path, MASONRY, TIMBER_FRAME, PAINT, OTHERS))

    found = verdicts(result)
    assert found["W1"] == found["W2"] == "double_counted"
    assert found["W3"] == found["W4"] == "priced_once"
    table = result.work.reconciliation.set_index(result.work.reconciliation["name"].str.split().str[0])
    assert table.loc["W1", "structure_items"] == "02.04.01, 03.03.01"
    assert "02.04.01 and 03.03.01" in table.loc["W1", "reason"] and "'structure'" in table.loc["W1", "reason"]
    assert result.work.coverage["double_counted"] == 2
    assert set(result.work.trace["measures"]) == {"structure", "finish:interior"}


def test_strict_refuses_a_double_count_with_exit_4(tmp_path):
    path = rules(tmp_path, MASONRY, TIMBER_FRAME, PAINT, OTHERS)
    out = tmp_path / "metre.xlsx"

    code, stdout, stderr = run("takeoff", HOUSE, "--rules", path, "--strict", "-o", out)

    assert code == 4
    assert_one_error(stderr, "2 element(s) counted twice", "rules.toml")
    assert not out.exists()
    code, _, stderr = run("estimate", HOUSE, "-r", path, "-p", ROOT_PRICES, "--strict", "-o", out)
    assert code == 4 and not out.exists()


def test_without_strict_the_double_count_is_printed_as_an_error_line(tmp_path):
    code, _, stderr = run(
        "takeoff", HOUSE, "--rules", rules(tmp_path, MASONRY, TIMBER_FRAME, PAINT, OTHERS), "-f", "json"
    )

    assert code == 0
    assert "2 élément(s) comptés deux fois" in stderr


def test_each_element_is_priced_once_or_says_why(tmp_path):
    result = bimquant.takeoff(HOUSE, rules=rules(tmp_path, MASONRY, PAINT))

    table = result.work.reconciliation
    assert len(table) == len(result.elements) + len(result.failures) + len(result.excluded)  # every element, once
    assert table["global_id"].is_unique
    assert set(table["verdict"]) <= set(VERDICTS)
    found = verdicts(result)
    assert {found[w] for w in ("W1", "W2", "W3", "W4")} == {"priced_once"}
    assert found["S1"] == "not_priced"
    reasons = table.set_index(table["name"].str.split().str[0])["reason"]
    assert "no item selects IfcSlab" in reasons["S1"]


def test_an_element_fed_only_finishes_is_not_priced_and_says_so(tmp_path):
    result = bimquant.takeoff(HOUSE, rules=rules(tmp_path, PAINT, OTHERS))

    table = result.work.reconciliation.set_index(result.work.reconciliation["name"].str.split().str[0])
    assert table.loc["W1", "verdict"] == "not_priced"
    assert "feeds 09.01.01, but no item prices its body" in table.loc["W1", "reason"]


def test_classes_that_are_not_building_work_are_listed_as_such(tmp_path):
    path = rules(tmp_path, MASONRY, extra='not_building_work = ["IfcSlab", "ifcbeam"]')
    assert load_ruleset(path).not_building_work == ("IfcSlab", "IfcBeam")

    result = bimquant.takeoff(HOUSE, rules=path)

    found = verdicts(result)
    assert found["S1"] == found["B1"] == "not_building_work"
    assert found["C1"] == "not_priced"
    # 4 slabs (2 roof pitches) and 2 beams, and the house's 3 openings (measured on their walls)
    assert result.work.coverage["not_building_work"] == 6 + 3


def test_an_unknown_class_in_not_building_work_is_refused(tmp_path):
    path = rules(tmp_path, MASONRY, extra='not_building_work = ["IfcFurnitur"]')

    code, _, stderr = run("rules", "check", path)

    assert code == 4
    assert_one_error(stderr, "not_building_work", "IfcFurnitur")


def test_a_rule_set_without_structure_labels_counts_any_item(tmp_path):
    legacy = MASONRY.replace('measures = "structure"\n', "")
    result = bimquant.takeoff(HOUSE, rules=rules(tmp_path, legacy))
    assert {verdicts(result)[w] for w in ("W1", "W2", "W3", "W4")} == {"priced_once"}


ROOT_PRICES = HOUSE.parents[1] / "rules" / "fr-prix.csv"


REAL = ["AC20-FZK-Haus.ifc", "AC11-Institute-Var-2-IFC.ifc", "Office_A_20110811.ifc"]
SHARED = HOUSE.parents[2] / "shared" / "models"


@pytest.mark.real
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")
@pytest.mark.parametrize("rules", ["fr-lots.toml", "en-trades.toml"])
@pytest.mark.parametrize("model", REAL)
def test_real_models_are_priced_once_without_furniture(model, rules):
    from measured import measured

    result = measured(SHARED / model)
    work = bimquant.takeoff(result, rules=HOUSE.parents[1] / "rules" / rules).work

    table = work.reconciliation
    assert len(table) == len(result.elements) + len(result.failures) + len(result.excluded)
    assert work.coverage["double_counted"] == 0, table[table["verdict"] == "double_counted"].head()
    furniture = ("IfcFurnishingElement", "IfcFurniture", "IfcSystemFurnitureElement")
    assert not work.trace["ifc_class"].isin(furniture).any()  # no loose furniture in any total
    assert (table.loc[table["ifc_class"].isin(furniture), "verdict"] == "not_building_work").all()
    unpriced = table[table["verdict"] != "priced_once"]
    assert unpriced["reason"].str.len().gt(0).all()  # every element not priced once says why
