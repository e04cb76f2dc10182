"""External or internal, from the geometry, where the model does not say (issue 10).

AC20-FZK-Haus states no IsExternal on its walls and doors: its facades were painted like rooms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from shapely.geometry import box

from bimquant.quantities.exterior import derive_external

SHARED = Path(__file__).resolve().parents[2] / "shared" / "models"
needs_models = pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")


def test_a_hand_made_storey():
    # a 10 x 8 m house, 0.3 m outer walls meeting at the corners, a 0.1 m partition across it
    walls = {
        "south": box(0, 0, 10, 0.3),
        "north": box(0, 7.7, 10, 8),
        "west": box(0, 0.3, 0.3, 7.7),
        "east": box(9.7, 0.3, 10, 7.7),
        "partition": box(0.3, 3.95, 9.7, 4.05),
        "upstairs partition": box(0.3, 3.95, 9.7, 4.05),
    }
    storeys = {name: "RDC" for name in walls} | {"upstairs partition": "R+1"}  # alone on its storey

    external = derive_external(walls, storeys)

    assert {name for name, value in external.items() if value} == {
        "south",
        "north",
        "west",
        "east",
        "upstairs partition",
    }
    assert external["partition"] is False


def test_walls_that_do_not_quite_meet_still_make_one_outline():
    # 3 cm gaps at two corners, as exporters leave them; the partition stops 3 cm short too
    walls = {
        "south": box(0, 0, 10, 0.3),
        "east": box(10.03, 0, 10.33, 8),
        "north": box(0, 8, 10.33, 8.3),
        "west": box(0, 0.33, 0.3, 8),
        "inner": box(5, 0.33, 5.1, 6),
    }
    external = derive_external(walls, dict.fromkeys(walls, "RDC"))
    assert external == {"south": True, "east": True, "north": True, "west": True, "inner": False}


@needs_models
def test_fzk_haus_walls_and_doors():
    from measured import measured

    elements = measured(SHARED / "AC20-FZK-Haus.ifc").elements
    walls = elements[elements["family"] == "wall"].set_index("name")
    doors = elements[elements["ifc_class"] == "IfcDoor"].set_index("name")
    external = [n for n in walls.index if n.startswith("Wand-Ext-")]
    internal = [n for n in walls.index if n.startswith("Wand-Int-")]
    assert (len(external), len(internal)) == (8, 5)
    assert walls.loc[external, "is_external"].tolist() == [True] * 8
    assert walls.loc[internal, "is_external"].tolist() == [False] * 5
    assert (walls["is_external_source"] == "geometry").all()
    assert doors.loc[["Haustuer", "Terrassentuer"], "is_external"].tolist() == [True, True]
    assert doors.loc[[n for n in doors.index if n.startswith("Innentuer")], "is_external"].tolist() == [False] * 3


@needs_models
def test_institute_geometry_agrees_with_the_model_flag():
    from measured import measured

    result = measured(SHARED / "AC11-Institute-Var-2-IFC.ifc")
    assert result.info["external_walls_geometry_agreement"] >= 0.95
    walls = result.elements[result.elements["family"] == "wall"]
    assert (walls["is_external_source"] == "model").all()  # the model's own flag is kept


@needs_models
def test_fzk_haus_facades_are_not_painted_like_rooms():
    import bimquant
    from measured import measured

    result = measured(SHARED / "AC20-FZK-Haus.ifc")
    work = bimquant.takeoff(result, rules=Path(__file__).resolve().parents[1] / "rules" / "fr-lots.toml").work
    trace = work.trace
    painted = trace[trace["code"].isin(["09.01.01", "09.01.02"])]
    outer = painted[painted["name"].str.startswith("Wand-Ext-")]
    inner = painted[painted["name"].str.startswith("Wand-Int-")]
    assert set(outer["code"]) == {"09.01.02"} and len(outer) == 8  # one face each
    assert set(inner["code"]) == {"09.01.01"} and len(inner) == 5  # two faces each


@needs_models
def test_fzk_haus_lightweight_concrete_walls_are_masonry_not_formed_concrete():
    import bimquant
    from measured import measured

    result = measured(SHARED / "AC20-FZK-Haus.ifc")
    for rules in ("fr-lots.toml", "en-trades.toml"):
        work = bimquant.takeoff(result, rules=Path(__file__).resolve().parents[1] / "rules" / rules).work
        walls = work.trace[work.trace["name"].str.startswith("Wand-")]
        assert not walls["code"].isin(["02.03.01", "02.03.02"]).any()  # no reinforced concrete, no formwork
        masonry = walls[walls["code"].isin(["02.04.01", "02.04.03", "02.04.04"])]  # by thickness class
        assert set(masonry["name"]) == set(walls["name"]) and masonry["name"].is_unique  # all 13, each once
        assert walls["name"].nunique() == 13


def test_flags_the_plan_contradicts_on_most_walls_are_set_aside(tmp_path):
    # issue 24: an export writing IsExternal = False on every facade wall. A 6 x 4 m box of four
    # walls and a partition, all flagged False: the outline says the four are external
    import sys

    import ifcopenshell
    import ifcopenshell.api.aggregate
    import ifcopenshell.api.context
    import ifcopenshell.api.material
    import ifcopenshell.api.project
    import ifcopenshell.api.root
    import ifcopenshell.api.unit

    import bimquant

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sample_models"))
    from generate import House, add_material, contained, create_element, extruded_body, matrix, place, rectangle
    from generate import wall_properties

    model = ifcopenshell.api.project.create_file(version="IFC4")
    project = ifcopenshell.api.root.create_entity(model, ifc_class="IfcProject", name="box")
    ifcopenshell.api.unit.assign_unit(model, units=[ifcopenshell.api.unit.add_si_unit(model, unit_type="LENGTHUNIT")])
    body = ifcopenshell.api.context.add_context(
        model,
        context_type="Model",
        context_identifier="Body",
        target_view="MODEL_VIEW",
        parent=ifcopenshell.api.context.add_context(model, context_type="Model"),
    )
    house = House(model=model, body=body)
    house.materials["Béton"] = ifcopenshell.api.material.add_material(model, name="Béton")
    storey = create_element(house, "IfcBuildingStorey", "RDC", Elevation=0.0)
    ifcopenshell.api.aggregate.assign_object(model, products=[storey], relating_object=project)
    place(house, storey, None, matrix((0.0, 0.0, 0.0)))
    outlines = {
        "south": rectangle(0, 0, 6, 0.2),
        "north": rectangle(0, 3.8, 6, 4),
        "west": rectangle(0, 0.2, 0.2, 3.8),
        "east": rectangle(5.8, 0.2, 6, 3.8),
        "partition": rectangle(3, 0.2, 3.1, 3.8),
    }
    for name, outline in outlines.items():
        wall = create_element(house, "IfcWall", name, "SOLIDWALL")
        place(house, wall, extruded_body(house, outline, 2.5), matrix((0.0, 0.0, 0.0)))
        add_material(house, wall, "Béton")
        wall_properties(house, wall, False, True, "REI 60")
        contained(house, storey, wall)
    path = tmp_path / "box.ifc"
    model.write(str(path))

    measured = bimquant.takeoff(path)

    read = dict(zip(measured.elements["name"], measured.elements["is_external"]))
    assert read == {"south": True, "north": True, "west": True, "east": True, "partition": False}
    assert measured.info["external_walls_geometry_agreement"] == 0.2  # the model's own flags: 1 of 5
    sources = set(measured.elements.loc[measured.elements["name"] != "partition", "is_external_source"])
    assert sources == {"geometry"}

    # the rule set decides: its default believes the plan; external_flags = "trusted" keeps the flags
    rules = Path(__file__).resolve().parents[1] / "rules" / "fr-lots.toml"
    checked = bimquant.takeoff(measured, rules=rules).work.trace
    painted = checked[checked["measures"] == "finish:interior"].set_index("name")["code"]
    assert painted.to_dict() == {n: "09.01.02" for n in ("south", "north", "west", "east")} | {"partition": "09.01.01"}
    trusting = tmp_path / "trusting.toml"
    trusting.write_text(
        rules.read_text(encoding="utf-8").replace("[ruleset]\n", '[ruleset]\nexternal_flags = "trusted"\n', 1),
        encoding="utf-8",
    )
    trusted = bimquant.takeoff(measured, rules=trusting).work.trace
    painted = trusted[trusted["measures"] == "finish:interior"].set_index("name")
    assert set(painted["code"]) == {"09.01.01"}  # five internal walls, as the model says: both faces
    assert painted.loc["south", "contribution"] == pytest.approx(2 * 6 * 2.5)
