"""The shipped rule sets (rules/*.toml) on the sample house, checked against hand arithmetic.

Every expected item total is computed here from the dimensions in sample_models/README.md,
never copied from the engine's output: if an item changes what it selects or how it measures,
a number below must be re-done by hand. The real exports in ../shared/models check that the
rule sets leave no element silently out.
"""

from __future__ import annotations

import copy
import dataclasses
from functools import cache
from pathlib import Path

import pytest

import bimquant
from measured import SHARED_MODELS, measured
from bimquant.rules import apply_rules, load_ruleset

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
SAMPLES = ROOT / "sample_models"
FILES = {"ifc4": SAMPLES / "house_ifc4.ifc", "ifc2x3": SAMPLES / "house_ifc2x3.ifc"}
MODELS = SHARED_MODELS
REAL_MODELS = ["AC20-FZK-Haus.ifc", "AC11-Institute-Var-2-IFC.ifc"]
SHIPPED = ["fr-lots.toml", "en-trades.toml"]


@cache
def shipped(name: str):
    return load_ruleset(RULES / name)


def approx(expected: float):
    """1e-6 relative; an absolute 1e-9 only so that an expected 0 can match."""
    return pytest.approx(expected, rel=1e-6, abs=1e-9)


# --- The sample house by hand (sample_models/README.md) -------------------------------------
#
# Walls: W1 = W2 6 x 3 x 0.3 (concrete layer 0.2 + insulation 0.1); W3 5 x 3 x 0.2 with a door
# opening 1 x 2 (2 m2) and a window opening 2 x 2.5 (5 m2); W4 4 x 2.6 x 0.2.
# Slabs: S1 6 x 6.3 x 0.2; S2 the same with a 2 x 1 stair hole. Roof: RS1 = RS2 6.5 x 4 on the
# slope, 0.2 thick, glulam. Footings F1 6 x 0.6 x 0.4, F2 0.8 x 1 x 0.5. Columns C1 0.3 x 0.3 x 3
# (concrete), C2 0.25 x 0.4 x 2.6 (glulam). Beams B1 5 x 0.2 x 0.4 (concrete), B2 4 x 0.2 x 0.4
# (glulam). Stair flight SF1: 4 steps of 0.2 x 0.3, 1.0 wide. Coverings: CV1 tiles 2.7 x 6,
# CV2 ceiling 2.8 x 4.2. One window WN1, one door D1 (IsExternal false).

W1_SIDE = W2_SIDE = 6 * 3
W3_SIDE = 5 * 3
W4_SIDE = 4 * 2.6
DOOR_O1, WINDOW_O2 = 1 * 2, 2 * 2.5  # the openings of W3, in m2 of wall face
CONCRETE_SHARE = 0.2 / (0.2 + 0.1)  # W1, W2: concrete layer of the 0.3 thickness

SAMPLE_TOTALS = {
    # 02 gros oeuvre
    "02.01.01": 6 * 0.6 * 0.4 + 0.8 * 1.0 * 0.5,  # F1 + F2
    "02.01.02": 0.0,  # no sand bed modelled
    "02.02.01": 6 * 6.3 * 0.2 + (6 * 6.3 - 2 * 1) * 0.2,  # S1 + S2: the 2 m2 hole is over 1 m2, deducted
    "02.02.02": 0.0,  # every floor slab is concrete
    "02.03.01": (
        2 * W1_SIDE * 0.3 * CONCRETE_SHARE  # W1, W2: concrete layer only
        + (W3_SIDE - DOOR_O1 - WINDOW_O2) * 0.2  # W3: both openings over 1 m2, deducted
        + W4_SIDE * 0.2
    ),
    "02.03.02": 2 * (W1_SIDE + W2_SIDE + (W3_SIDE - DOOR_O1 - WINDOW_O2) + W4_SIDE),  # two faces
    "02.04.01": 0.0,  # no masonry
    "02.04.03": 0.0,
    "02.04.04": 0.0,
    "02.04.02": 0.0,  # every wall has a known material
    "02.05.01": 0.3 * 0.3 * 3,  # C1
    "02.06.01": 0.2 * 0.4 * 5,  # B1
    "02.07.01": (0.3 * 0.2 + 0.3 * 0.4 + 0.3 * 0.6 + 0.3 * 0.8) * 1.0,  # SF1 profile x width
    "02.07.02": 0,  # the stair's material is stated
    "02.08.01": 0.0,  # nothing precast
    "02.08.02": 0.0,
    "02.08.03": 0.0,
    # 03 charpente
    "03.01.01": 0.25 * 0.4 * 2.6 + 0.2 * 0.4 * 4,  # C2 + B2, glulam
    "03.01.02": 0.0,
    "03.02.01": 2 * 6.5 * 4 * 0.2,  # RS1 + RS2, glulam roof panels
    "03.02.02": 0.0,  # the roof pans are timber: their structure is stated
    "03.02.03": 0.0,
    "03.03.01": 0.0,
    # 04 couverture: the sloped face, not the plan projection 6.5 x 3.5641
    "04.01.01": 2 * 6.5 * 4,
    "04.01.02": 0.0,  # RF1 is an aggregate: measured through RS1, RS2
    "04.01.03": 0.0,  # RS1, RS2 say no covering: 04.01.01
    "04.01.04": 0.0,
    "04.01.05": 0.0,
    # 05, 06 menuiseries
    "05.01.01": 1,  # WN1
    "05.02.01": 0,  # D1 is not external
    "05.03.01": 0.0,  # no curtain wall
    "05.03.02": 0.0,
    "05.03.03": 0.0,
    "06.01.01": 1,  # D1
    "06.02.01": 0,  # the stair is concrete
    # 07 plâtrerie
    "07.01.01": 0.0,
    "07.02.01": W1_SIDE + W2_SIDE,  # the insulation layers of W1, W2, one face each
    "07.02.02": 0.0,  # no lining
    "07.03.01": 2.8 * 4.2,  # CV2
    # 08 sols: CV1 has no void
    "08.01.01": 2.7 * 6,
    # 09 peinture, internal walls two faces: W3's 5 m2 window is over 2.5 m2 (deducted), its
    # 2 m2 door is not; external W1, W2 one face (the other is a facade)
    "09.01.01": 2 * ((W3_SIDE - WINDOW_O2) + W4_SIDE),
    "09.01.02": W1_SIDE + W2_SIDE,
    "09.01.03": 0.0,
    # 10 serrurerie, 11 mobilier: nothing in the house
    "10.01.01": 0.0,
    "10.02.01": 0.0,
    "10.02.02": 0.0,
    "10.03.01": 0,
    "12.01.01": 0,  # no services fixture in the house
}

# Which elements (by their mark) feed each item that is not empty.
SAMPLE_ELEMENTS = {
    "02.01.01": {"F1", "F2"},
    "02.02.01": {"S1", "S2"},
    "02.03.01": {"W1", "W2", "W3", "W4"},
    "02.03.02": {"W1", "W2", "W3", "W4"},
    "02.05.01": {"C1"},
    "02.06.01": {"B1"},
    "02.07.01": {"SF1"},
    "03.01.01": {"C2", "B2"},
    "03.02.01": {"RS1", "RS2"},
    "04.01.01": {"RS1", "RS2"},
    "05.01.01": {"WN1"},
    "06.01.01": {"D1"},
    "07.02.01": {"W1", "W2"},
    "07.03.01": {"CV2"},
    "08.01.01": {"CV1"},
    "09.01.01": {"W3", "W4"},
    "09.01.02": {"W1", "W2"},
}


def mark(name: str) -> str:
    return name.split()[0]


def marks_by_code(work) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for code, name in zip(work.trace["code"], work.trace["name"]):
        found.setdefault(code, set()).add(mark(name))
    return found


def needs_weights(item) -> bool:
    return "weight_kg" in item.quantity.names


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- The shipped files -----------------------------------------------------------------------


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_rule_set_loads(name):
    rules = shipped(name)
    assert rules.items
    assert rules.language == {"fr-lots.toml": "fr", "en-trades.toml": "en"}[name]


def test_english_rule_set_is_the_french_one_translated():
    fr, en = shipped("fr-lots.toml"), shipped("en-trades.toml")
    assert [i.code for i in en.items] == [i.code for i in fr.items]
    for a, b in zip(fr.items, en.items):
        assert (a.unit, a.select, a.exclude, a.quantity.text) == (b.unit, b.select, b.exclude, b.quantity.text), a.code
        assert (a.deduct_above_m2, a.deduct_above_m3) == (b.deduct_above_m2, b.deduct_above_m3), a.code
        assert a.label != b.label, a.code
        # a tag that is not the default is set in both files
        assert (a.measures == f"{a.lot} | {a.unit}") == (b.measures == f"{b.lot} | {b.unit}"), a.code


@pytest.mark.parametrize("name", SHIPPED)
def test_every_item_states_its_convention_in_a_comment(name):
    lines = [line.strip() for line in (RULES / name).read_text(encoding="utf-8").splitlines()]
    for number, line in enumerate(lines):
        if line == "[[item]]":
            assert lines[number - 1].startswith("#"), f"{name} line {number + 1}: item without a comment above it"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_item_has_a_hand_computed_total(name):
    assert [item.code for item in shipped(name).items] == list(SAMPLE_TOTALS)


# --- Item totals on the sample house ---------------------------------------------------------


@pytest.mark.parametrize("schema", FILES)
@pytest.mark.parametrize("name", SHIPPED)
def test_item_totals_on_the_sample_house(name, schema):
    rules = shipped(name)
    work = apply_rules(measured(FILES[schema]), rules)
    totals = dict(zip(work.items["code"], work.items["quantity"]))
    # IFC2X3 has no material densities: only the items that need no weight are compared.
    codes = [i.code for i in rules.items if schema == "ifc4" or not needs_weights(i)]
    assert codes
    for code in codes:
        assert totals[code] == approx(SAMPLE_TOTALS[code]), code
    elements = marks_by_code(work)
    for code in codes:
        assert elements.get(code, set()) == SAMPLE_ELEMENTS.get(code, set()), code


@pytest.mark.parametrize("schema", FILES)
@pytest.mark.parametrize("name", SHIPPED)
def test_sample_house_is_fully_mapped_with_no_conflict(name, schema):
    work = apply_rules(measured(FILES[schema]), shipped(name))
    assert work.unmapped.empty, work.unmapped.to_dict(orient="records")
    assert work.warnings.empty, work.warnings.to_dict(orient="records")
    assert work.coverage["elements_share"] == 1.0


@pytest.mark.parametrize("schema", FILES)
def test_layered_wall_feeds_concrete_with_its_share_and_insulation_with_its_area(schema):
    """W1 is 0.2 concrete + 0.1 insulation, 6 x 3: concrete 6 x 3 x 0.2 = 3.6 m3 (not the
    wall's 5.4 m3), formwork 2 x 18 m2, insulation 18 m2 (one face)."""
    work = apply_rules(measured(FILES[schema]), shipped("fr-lots.toml"))
    w1 = work.trace[work.trace["name"].map(mark) == "W1"]
    rows = {code: group for code, group in w1.groupby("code")}
    assert set(rows) == {"02.03.01", "02.03.02", "07.02.01", "09.01.02"}  # W1 is external: one face painted
    for code in ("02.03.01", "02.03.02", "07.02.01"):
        assert len(rows[code]) == 1, code  # one row per matching layer: one layer each
    concrete, formwork, insulation = (rows[c].iloc[0] for c in ("02.03.01", "02.03.02", "07.02.01"))
    assert concrete["contribution"] == approx(6 * 3 * 0.3 * 0.2 / 0.3)
    assert concrete["contribution"] == approx(6 * 3 * 0.2)
    assert formwork["contribution"] == approx(2 * 6 * 3)
    assert insulation["contribution"] == approx(6 * 3)
    # IFC2X3 layers have no name: the trace names the layer by its material
    names = {"ifc4": ("Structure", "Isolation"), "ifc2x3": ("Béton armé C25/30", "Isolant laine minérale")}[schema]
    assert (concrete["layer"], insulation["layer"]) == names


# --- Issue 3: the painting wall --------------------------------------------------------------

ISSUE_3 = """
[ruleset]
name = "Exemple"
language = "fr"

[[item]]
code = "02.03.01"
lot = "02 Gros oeuvre"
label = "Voiles béton armé"
unit = "m3"
select = { class = "IfcWall", material = "*béton*" }
quantity = "net_volume_m3"

[[item]]
code = "08.01.01"
lot = "08 Peinture"
label = "Peinture murs, deux faces"
unit = "m2"
select = { class = "IfcWall" }
quantity = "gross_side_area_m2 * 2"
openings = { deduct_above_m2 = 2.5 }
"""


@pytest.mark.parametrize("schema", FILES)
def test_issue_3_painting_wall_w3(tmp_path, schema):
    """W3, 5 x 3 m, openings 1 x 2 (door) and 2 x 2.5 (window), painted on both faces with
    openings over 2.5 m2 deducted: 2 x (15 - 5) = 20 m2; the door's 2 m2 is measured through."""
    result = measured(FILES[schema])
    work = apply_rules(result, load_ruleset(write(tmp_path, ISSUE_3)))
    openings = {mark(n): gid for n, gid in zip(result.openings["opening_name"], result.openings["opening_global_id"])}
    w3 = work.trace[(work.trace["name"].map(mark) == "W3") & (work.trace["code"] == "08.01.01")]
    assert len(w3) == 1
    row = w3.iloc[0]
    assert row["contribution"] == approx(2 * (5 * 3 - 2 * 2.5))
    assert row["contribution"] == approx(20.0)
    assert openings["O2"] in row["openings_deducted"] and f"({2 * 2.5:g} m2" in row["openings_deducted"]
    assert openings["O1"] not in row["openings_deducted"]
    assert openings["O1"] in row["openings_measured_through"] and f"({1 * 2:g} m2" in row["openings_measured_through"]
    # the item over the four walls: W1, W2 and W4 have no opening
    totals = dict(zip(work.items["code"], work.items["quantity"]))
    assert totals["08.01.01"] == approx(2 * (6 * 3 + 6 * 3 + (5 * 3 - 2 * 2.5) + 4 * 2.6))
    # `material` selects whole elements: layered W1 and W2 count their full 0.3 thickness here
    assert totals["02.03.01"] == approx(2 * 6 * 3 * 0.3 + (5 * 3 - 1 * 2 - 2 * 2.5) * 0.2 + 4 * 2.6 * 0.2)


# --- Conflicts -------------------------------------------------------------------------------

TWO_CONCRETE_ITEMS = """
[ruleset]
name = "Deux volumes béton"
language = "fr"

[[item]]
code = "A"
lot = "02 Gros oeuvre"
label = "Voiles béton"
unit = "m3"
select = { class = "IfcWall", layer = "*béton*" }
quantity = "net_volume_m3"

[[item]]
code = "B"
lot = "02 Gros oeuvre"
label = "Murs porteurs béton"
unit = "m3"
select = { class = "IfcWall", layer = "*béton*", "Pset_WallCommon.LoadBearing" = true }
quantity = "net_volume_m3"
"""

TWO_LAYERS = """
[ruleset]
name = "Deux couches"
language = "fr"

[[item]]
code = "A"
lot = "02 Gros oeuvre"
label = "Voiles béton"
unit = "m3"
select = { class = "IfcWall", layer = "*béton*" }
quantity = "net_volume_m3"

[[item]]
code = "B"
lot = "02 Gros oeuvre"
label = "Isolant des murs, volume"
unit = "m3"
select = { class = "IfcWall", layer = "*isolant*" }
quantity = "net_volume_m3"
"""


def conflicts(work) -> dict[str, str]:
    rows = work.warnings[work.warnings["kind"] == "conflict"]
    return {mark(name): message for name, message in zip(rows["name"], rows["message"])}


def test_two_concrete_volume_items_on_one_wall_are_a_conflict(tmp_path):
    work = apply_rules(measured(FILES["ifc4"]), load_ruleset(write(tmp_path, TWO_CONCRETE_ITEMS)))
    found = conflicts(work)
    assert set(found) == {"W1", "W2", "W4"}  # the load-bearing walls; W3 is not
    assert "A and B" in found["W1"] and "counted twice" in found["W1"]


def test_items_on_different_layers_of_one_wall_are_no_conflict(tmp_path):
    work = apply_rules(measured(FILES["ifc4"]), load_ruleset(write(tmp_path, TWO_LAYERS)))
    assert not conflicts(work)
    totals = dict(zip(work.items["code"], work.items["quantity"]))
    assert totals["B"] == approx(2 * 6 * 3 * 0.1)  # W1, W2: the insulation layer's volume


def with_element(result: bimquant.Takeoff, name_mark: str, **changes) -> bimquant.Takeoff:
    """A copy of the takeoff with one element's columns changed."""
    elements = result.elements.copy()
    index = elements.index[elements["name"].map(mark) == name_mark][0]
    for column, value in changes.items():
        elements.at[index, column] = value
    return dataclasses.replace(result, elements=elements)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_concrete_block_wall_is_masonry_not_a_formed_concrete_wall(name):
    """W4 (4 x 2.6 x 0.2) made of "Bloc béton" matches the concrete patterns and the masonry
    ones: it is priced as masonry only (4 x 2.6 m2), with no concrete, no formwork and no
    conflict."""
    result = measured(FILES["ifc4"])
    layers = copy.deepcopy(result.elements.loc[result.elements["name"].map(mark) == "W4", "material_layers"].iloc[0])
    layers[0]["material"] = "Bloc béton creux B40"
    work = apply_rules(
        with_element(result, "W4", material="Bloc béton creux B40", material_layers=layers), shipped(name)
    )
    totals = dict(zip(work.items["code"], work.items["quantity"]))
    assert totals["02.04.01"] == approx(4 * 2.6)
    assert totals["02.03.01"] == approx(SAMPLE_TOTALS["02.03.01"] - 4 * 2.6 * 0.2)
    assert totals["02.03.02"] == approx(SAMPLE_TOTALS["02.03.02"] - 2 * 4 * 2.6)
    assert marks_by_code(work)["02.04.01"] == {"W4"}
    assert work.warnings.empty


@pytest.mark.parametrize("name", SHIPPED)
def test_external_door_goes_to_external_joinery_only(name):
    result = measured(FILES["ifc4"])
    properties = dict(result.elements.loc[result.elements["name"].map(mark) == "D1", "properties"].iloc[0])
    properties["Pset_DoorCommon.IsExternal"] = True
    work = apply_rules(with_element(result, "D1", properties=properties, is_external=True), shipped(name))
    totals = dict(zip(work.items["code"], work.items["quantity"]))
    assert (totals["05.02.01"], totals["06.01.01"]) == (1, 0)


@pytest.mark.parametrize("name", SHIPPED)
def test_a_column_of_unknown_material_is_unmapped_with_its_reason(name):
    """No item prices a column whose material is not recognised (ArchiCAD's "Solid"): it is
    listed in `unmapped`, saying which condition of the column items it fails."""
    work = apply_rules(with_element(measured(FILES["ifc4"]), "C1", material="Solid"), shipped(name))
    assert list(work.unmapped["name"].map(mark)) == ["C1"]
    reason = work.unmapped["reason"].iloc[0]
    assert "02.05.01" in reason and "'Solid'" in reason
    assert work.coverage["elements_share"] == round(18 / 19, 4)


# --- Real exports ----------------------------------------------------------------------------


@pytest.mark.real
@pytest.mark.skipif(not MODELS.is_dir(), reason=f"real IFC models not found at {MODELS} (CI has them)")
@pytest.mark.parametrize("model", REAL_MODELS)
@pytest.mark.parametrize("name", SHIPPED)
def test_real_models_are_covered(name, model):
    result = measured(MODELS / model)
    work = apply_rules(result, shipped(name))
    assert work.coverage["elements_share"] >= 0.95, work.unmapped.groupby("reason").size()
    assert work.coverage["elements_mapped"] + len(work.unmapped) == len(result.elements)
    assert work.unmapped["reason"].str.len().gt(0).all()
    assert not conflicts(work)
