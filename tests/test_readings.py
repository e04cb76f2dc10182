"""What an element is, from all its signals (issue 24): a precast wall panel exported as a beam,
a proxy whose category says beam, a tree exported as a proxy, a precast layer under a screed
poured on site. Each is priced as an estimator expects, with quantities computed by hand, and
precast elements order no ready-mix and no site rebar."""

from __future__ import annotations

import sys

import ifcopenshell
import ifcopenshell.api.material
import pytest

from conftest import HOUSE, ROOT, run

import bimquant
from bimquant.rules.reading import find_linings, read_element

sys.path.insert(0, str(ROOT / "sample_models"))
from generate import House, add_properties, contained, create_element, extruded_body, matrix, place, rectangle  # noqa: E402

RULE_SETS = [
    (ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv", ROOT / "rules" / "fr-recettes.toml"),
    (ROOT / "rules" / "en-trades.toml", ROOT / "rules" / "en-prices.csv", ROOT / "rules" / "en-recipes.toml"),
]


def _material(model, element, name: str) -> None:
    material = ifcopenshell.api.material.add_material(model, name=name)
    ifcopenshell.api.material.assign_material(model, products=[element], type="IfcMaterial", material=material)


def house_with(tmp_path, build) -> tuple:
    """The sample house with the elements ``build(house, storey)`` adds on its ground floor,
    in a corner of the site away from the house (x from 20 m)."""
    model = ifcopenshell.open(str(HOUSE))
    house = House(model=model, body=model.by_type("IfcGeometricRepresentationSubContext")[0])
    storey = min(model.by_type("IfcBuildingStorey"), key=lambda s: s.Elevation or 0.0)
    added = build(house, storey)
    contained(house, storey, *added)
    path = tmp_path / "house-with.ifc"
    model.write(str(path))
    return path, added


def precast_panels(house, storey):
    """Two precast wall panels exported as IfcBeam (as Tekla does), 6.0 m long, 0.20 m thick,
    3.0 m high: one says precast by its property set, one by its material. And one beam of
    ordinary shape (0.25 x 0.50 x 5.0 m) of cast-in-place concrete."""
    added = []
    for i, (name, material) in enumerate((("P1 panel", "Concrete"), ("P2 panel", "Betonfertigteil C40/50"))):
        panel = create_element(house, "IfcBeam", name)
        place(house, panel, extruded_body(house, rectangle(0, 0, 6.0, 0.2), 3.0), matrix((20.0, 5.0 * i, 0.0)))
        _material(house.model, panel, material)
        if i == 0:
            add_properties(house, panel, "Pset_PrecastConcreteElementGeneral", {"TypeDesignation": "WP-01"})
        added.append(panel)
    beam = create_element(house, "IfcBeam", "B9 beam")
    body = extruded_body(house, rectangle(0, 0, 0.25, 0.5), 5.0, z_axis=(1.0, 0.0, 0.0), x_axis=(0.0, 1.0, 0.0))
    place(house, beam, body, matrix((20.0, 12.0, 2.5)))
    _material(house.model, beam, "Béton armé C25/30")
    return added + [beam]


@pytest.mark.parametrize("rules,prices,recipes", RULE_SETS, ids=["fr", "en"])
def test_a_precast_panel_exported_as_a_beam_is_a_precast_wall_and_orders_no_concrete(tmp_path, rules, prices, recipes):
    path, (p1, p2, beam) = house_with(tmp_path, precast_panels)
    measured = bimquant.takeoff(path)

    budget = bimquant.estimate(measured, rules, prices)

    trace = budget.trace.set_index("global_id")
    for panel in (p1, p2):  # one face of 6.0 x 3.0 m (its volume 3.6 m3 over its 0.20 m thickness)
        assert list(trace.loc[[panel.GlobalId], "code"]) == ["02.08.01"]
        assert trace.loc[panel.GlobalId, "contribution"] == pytest.approx(18.0, rel=1e-9)
    assert list(trace.loc[[beam.GlobalId], "code"]) == ["02.06.01"]  # a beam of a beam's shape stays a beam
    assert trace.loc[beam.GlobalId, "contribution"] == pytest.approx(0.25 * 0.5 * 5.0, rel=1e-9)
    house = bimquant.estimate(HOUSE, rules, prices).work.items.set_index("code")["quantity"]
    ours = budget.work.items.set_index("code")["quantity"]
    assert ours["02.08.01"] == pytest.approx(36.0)
    assert ours["02.06.01"] == pytest.approx(house["02.06.01"] + 0.625)
    assert budget.work.coverage["double_counted"] == 0
    warned = budget.work.warnings[budget.work.warnings["kind"] == "reading"].set_index("global_id")
    assert "read as IfcWall" in warned.loc[p1.GlobalId, "message"]

    needs = bimquant.order(measured, rules, recipes).needs
    assert not needs["global_id"].isin([p1.GlobalId, p2.GlobalId]).any()  # no ready-mix, no rebar: from the factory
    assert set(needs.loc[needs["global_id"] == beam.GlobalId, "code"]) == {"02.06.01"}  # the beam is poured


def test_the_reading_says_each_signal():
    panel = {"ifc_class": "IfcBeam", "length_m": 6.0, "width_m": 0.2, "height_m": 3.0, "size_z_m": 3.0}
    panel |= {"net_volume_m3": 3.6, "material": "Concrete, Precast", "gross_side_area_m2": float("nan")}

    reading = read_element(panel, "IFC4")

    assert reading.read_class == "IfcWall" and reading.precast and reading.precast_by_material
    assert reading.quantities["gross_side_area_m2"] == pytest.approx(18.0)
    assert any(s.startswith("shape: a panel 3.00 m high, 0.20 m thick, 6.00 m long") for s in reading.signals)
    assert "precast: material 'Concrete, Precast'" in reading.signals
    column = {"ifc_class": "IfcColumn", "length_m": 3.0, "width_m": 0.3, "height_m": 3.0, "size_z_m": 3.0}
    assert read_element(column | {"net_volume_m3": 0.27}, "IFC4").read_class == "IfcColumn"  # a column, not a panel
    mullion = {"ifc_class": "IfcMember", "length_m": 2.7, "width_m": 0.05, "height_m": 2.7, "size_z_m": 2.7}
    assert read_element(mullion | {"net_volume_m3": 0.0135}, "IFC4").read_class == "IfcMember"
    proxy = {"ifc_class": "IfcBuildingElementProxy", "type_name": "300x300 Beam:300x300 Beam", "name": "x"}
    assert read_element(proxy, "IFC4").read_class == "IfcBeam"
    assert read_element(proxy | {"type_name": "Poutre principale"}, "IFC2X3").read_class == "IfcBeam"
    tree = {"ifc_class": "IfcBuildingElementProxy", "properties": {"Other.Category": "Planting"}, "name": "Oak"}
    assert read_element(tree, "IFC2X3").read_class == "IfcGeographicElement"
    plain = {"ifc_class": "IfcBuildingElementProxy", "type_name": "Mural painting", "name": "Mural"}
    assert read_element(plain, "IFC4").read_class == "IfcBuildingElementProxy"  # 'mural' is not 'mur'


def proxies(house, storey):
    """A proxy whose category says structural framing (0.3 x 0.3 x 4.0 m, material unnamed), and
    a tree exported as a proxy of category Planting (2 x 2 x 6 m box)."""
    beam = create_element(house, "IfcBuildingElementProxy", "Beam A")
    body = extruded_body(house, rectangle(0, 0, 0.3, 0.3), 4.0, z_axis=(1.0, 0.0, 0.0), x_axis=(0.0, 1.0, 0.0))
    place(house, beam, body, matrix((20.0, 0.0, 2.7)))
    add_properties(house, beam, "Other", {"Category": "Structural Framing"})
    tree = create_element(house, "IfcBuildingElementProxy", "Siberian Crab Apple")
    place(house, tree, extruded_body(house, rectangle(0, 0, 2.0, 2.0), 6.0), matrix((30.0, 0.0, 0.0)))
    add_properties(house, tree, "Other", {"Category": "Planting"})
    return [beam, tree]


def test_a_proxy_of_category_structural_framing_is_a_beam_and_a_tree_is_not_building_work(tmp_path):
    path, (beam, tree) = house_with(tmp_path, proxies)
    rules, prices, _ = RULE_SETS[0]

    budget = bimquant.estimate(path, rules, prices)

    rec = budget.work.reconciliation.set_index("global_id")
    assert rec.loc[beam.GlobalId, "verdict"] == "priced_once"
    assert list(budget.trace.loc[budget.trace["global_id"] == beam.GlobalId, "code"]) == ["03.01.02"]  # to specify
    assert budget.trace.loc[budget.trace["global_id"] == beam.GlobalId, "contribution"].item() == pytest.approx(0.36)
    assert rec.loc[tree.GlobalId, "verdict"] == "not_building_work"
    assert "read as IfcGeographicElement" in rec.loc[tree.GlobalId, "reason"]
    house = bimquant.estimate(HOUSE, rules, prices).work.coverage
    assert budget.work.coverage["net_volume_m3"] == pytest.approx(house["net_volume_m3"] + 0.36)  # not the tree's 24


def test_explain_shows_the_signals_and_the_reading(tmp_path):
    path, (p1, _, _) = house_with(tmp_path, precast_panels)
    rules, _, _ = RULE_SETS[0]

    explanation = bimquant.explain(path, p1.GlobalId, rules)

    element = explanation.info["element"]
    assert element["read_class"] == "IfcWall" and element["precast"] is True
    assert "property set Pset_PrecastConcreteElementGeneral" in element["signals"]
    assert "read as IfcWall" in element["reading_note"]


def lining(house, storey):
    """A furring wall on its own, 3.0 m long, 2.5 m high: 38 mm metal studs and one 16 mm
    plasterboard (boards on one face: a lining), flagged internal by the model."""
    model = house.model
    wall = create_element(house, "IfcWall", "L1 furring")
    place(house, wall, extruded_body(house, rectangle(0, 0, 3.0, 0.054), 2.5), matrix((20.0, 20.0, 0.0)))
    layers = ifcopenshell.api.material.add_material_set(model, name="Furring 54", set_type="IfcMaterialLayerSet")
    for name, thickness in (("Metal - Stud Layer", 0.038), ("Plasterboard", 0.016)):
        material = ifcopenshell.api.material.add_material(model, name=name)
        layer = ifcopenshell.api.material.add_layer(model, layer_set=layers, material=material)
        ifcopenshell.api.material.edit_layer(model, layer=layer, attributes={"LayerThickness": thickness})
    ifcopenshell.api.material.assign_material(model, products=[wall], type="IfcMaterialLayerSetUsage", material=layers)
    add_properties(house, wall, "Pset_WallCommon", {"IsExternal": False})
    return [wall]


@pytest.mark.parametrize("rules,prices,recipes", RULE_SETS, ids=["fr", "en"])
def test_a_lining_is_one_boarded_face_painted_once(tmp_path, rules, prices, recipes):
    path, (wall,) = house_with(tmp_path, lining)

    budget = bimquant.estimate(path, rules, prices)

    fed = budget.trace[budget.trace["global_id"] == wall.GlobalId].set_index("code")["contribution"]
    assert sorted(fed.index) == ["07.02.02", "09.01.03"]  # a lining, painted on one face: not a partition
    assert fed["07.02.02"] == pytest.approx(7.5) and fed["09.01.03"] == pytest.approx(7.5)  # 3.0 x 2.5, once
    assert budget.work.coverage["double_counted"] == 0


def test_a_thin_wall_against_a_wall_is_a_lining_and_an_askew_one_is_not_judged():
    def wall(gid, x0, y0, x1, y1, width):
        return {"global_id": gid, "width_m": width, "centre_x_m": (x0 + x1) / 2, "centre_y_m": (y0 + y1) / 2}

    def boxed(row, x0, y0, x1, y1):
        return row | {"size_x_m": x1 - x0, "size_y_m": y1 - y0, "size_z_m": 2.5, "centre_z_m": 1.25}

    host = boxed(wall("host", 0, 0, 5.0, 0.2, 0.2), 0, 0, 5.0, 0.2)
    against = boxed(wall("lining", 0.5, 0.21, 4.5, 0.26, 0.05), 0.5, 0.21, 4.5, 0.26)  # 1 cm off its face
    apart = boxed(wall("apart", 0.5, 0.40, 4.5, 0.45, 0.05), 0.5, 0.40, 4.5, 0.45)  # 20 cm off: a wall of its own
    askew = boxed(wall("askew", 0, 0, 3.0, 3.0, 0.05), 0, 0, 3.0, 3.0)  # its box is no thinner than a room

    assert find_linings([host, against, apart, askew]) == {"lining": "host"}


MATERIAL_FAMILY_RULES = """
[ruleset]
name = "by family"
language = "en"

[[item]]
code = "A"
lot = "A"
label = "Reinforced concrete walls"
unit = "m3"
quantity = "net_volume_m3"
select = {{ class = "IfcWall", material_family = "{family}" }}
"""


def test_rules_select_on_the_material_library_family_in_any_language(tmp_path):
    rules = tmp_path / "family.toml"
    rules.write_text(MATERIAL_FAMILY_RULES.format(family="reinforced concrete"), encoding="utf-8")
    measured = bimquant.takeoff(HOUSE)
    walls = measured.elements[measured.elements["ifc_class"].str.startswith("IfcWall")]
    concrete = walls[walls["material"].str.contains("Béton armé")]

    work = bimquant.takeoff(measured, rules=rules).work

    assert len(concrete) == 4 and set(work.trace["global_id"]) == set(concrete["global_id"])
    assert work.items.set_index("code").loc["A", "quantity"] == pytest.approx(concrete["net_volume_m3"].sum())
    rules.write_text(MATERIAL_FAMILY_RULES.format(family="reinforced concret"), encoding="utf-8")
    with pytest.raises(bimquant.RuleError, match="material_family 'reinforced concret' is no family") as refused:
        bimquant.takeoff(measured, rules=rules)
    assert refused.value.hint.startswith("did you mean 'reinforced concrete'?")


def roof_pans(house, storey):
    """Two flat roof slabs (IfcSlab ROOF) of 5.0 x 4.0 x 0.2 m: one of 'Bac acier' (metal
    covering), one of 'Membrane bitumineuse' (a flat roof's waterproofing); neither says its
    structure."""
    added = []
    for i, material in enumerate(("Bac acier 75/100", "Membrane bitumineuse")):
        pan = create_element(house, "IfcSlab", f"R{i + 1} roof", predefined_type="ROOF")
        place(house, pan, extruded_body(house, rectangle(0, 0, 5.0, 4.0), 0.2), matrix((20.0, 10.0 * i, 3.0)))
        _material(house.model, pan, material)
        added.append(pan)
    return added


@pytest.mark.parametrize("rules,prices,recipes", RULE_SETS, ids=["fr", "en"])
def test_roof_pans_are_covered_by_what_they_say_and_their_structure_is_to_specify(tmp_path, rules, prices, recipes):
    path, (metal, membrane) = house_with(tmp_path, roof_pans)

    budget = bimquant.estimate(path, rules, prices)

    trace = budget.trace.set_index(["global_id", "code"])["contribution"]
    assert trace[(metal.GlobalId, "04.01.04")] == pytest.approx(20.0)  # 5.0 x 4.0, metal covering
    assert trace[(membrane.GlobalId, "04.01.05")] == pytest.approx(20.0)  # waterproofing
    for pan in (metal, membrane):
        fed = sorted(budget.trace.loc[budget.trace["global_id"] == pan.GlobalId, "code"])
        assert fed[-1] == "04.01.04" or fed[-1] == "04.01.05"
        assert fed[0] == "03.02.02" and len(fed) == 2  # the deck, to specify; never 04.01.01 as well
    assert budget.work.coverage["double_counted"] == 0


@pytest.mark.parametrize(
    "line,said",
    [
        ('external_flags = "sometimes"', "external_flags must be 'checked' or 'trusted'"),
        ('levels = { IfcWal = "whole" }', "unknown IFC class 'IfcWal'"),
        ('levels = "whole"', "levels must be a table of classes"),
    ],
)
def test_a_mistake_in_the_ruleset_readings_is_one_line(tmp_path, line, said):
    rules = tmp_path / "rules.toml"
    shipped = (ROOT / "rules" / "fr-lots.toml").read_text(encoding="utf-8")
    rules.write_text(shipped.replace("[ruleset]\n", f"[ruleset]\n{line}\n", 1), encoding="utf-8")

    code, _, stderr = run("rules", "check", rules)

    assert code != 0 and said in stderr and "Traceback" not in stderr and len(stderr.strip().splitlines()) <= 2
