"""validate recognises an authored volume that is the exporter's polygon, not the round body
(issue 11): Tekla writes the NetVolume of a round tube as that of a 16-gon, 2.55 % short.

The model is the sample house with one round steel tube added by the test: outer radius
80.5 mm, wall 4 mm, 3 m long (its exact volume pi (R2 - r2) L by hand)."""

from __future__ import annotations

import math

import ifcopenshell
import ifcopenshell.api
import numpy as np
import pytest
from conftest import HOUSE

import bimquant
from bimquant.authored import get_polygon_ratio

R, T, L = 0.0805, 0.004, 3.0
EXACT = math.pi * (R**2 - (R - T) ** 2) * L


def house_with_tube(tmp_path, authored: dict[str, float], name: str = "TUBE 161.0x4.0") -> str:
    model = ifcopenshell.open(str(HOUSE))
    body = next(c for c in model.by_type("IfcGeometricRepresentationSubContext") if c.ContextIdentifier == "Body")
    storey = model.by_type("IfcBuildingStorey")[0]
    tube = ifcopenshell.api.run("root.create_entity", model, ifc_class="IfcMember", name=name)
    profile = model.createIfcCircleHollowProfileDef("AREA", "CHS161.0*4.0", None, R, T)
    representation = ifcopenshell.api.run(
        "geometry.add_profile_representation", model, context=body, profile=profile, depth=L
    )
    ifcopenshell.api.run("geometry.assign_representation", model, product=tube, representation=representation)
    placement = np.eye(4)
    placement[:3, 3] = (20.0, 20.0, 0.0)
    ifcopenshell.api.run("geometry.edit_object_placement", model, product=tube, matrix=placement)
    ifcopenshell.api.run("spatial.assign_container", model, products=[tube], relating_structure=storey)
    steel = ifcopenshell.api.run("material.add_material", model, name="S235")
    ifcopenshell.api.run("material.assign_material", model, products=[tube], material=steel)
    qto = ifcopenshell.api.run("pset.add_qto", model, product=tube, name="BaseQuantities")
    ifcopenshell.api.run("pset.edit_qto", model, qto=qto, properties=authored)
    path = tmp_path / "tube.ifc"
    model.write(str(path))
    return str(path)


def verdicts(path: str) -> dict[str, tuple[str, str]]:
    authored = bimquant.validate(path, cache=False).authored
    rows = authored[authored["ifc_class"] == "IfcMember"]
    return {row.quantity: (row.verdict, row.detail) for row in rows.itertuples()}


def test_the_volume_of_a_16_gon_is_an_exporter_polygon_with_n(tmp_path):
    found = verdicts(house_with_tube(tmp_path, {"NetVolume": EXACT * get_polygon_ratio(16), "GrossVolume": EXACT}))

    assert found["NetVolume"][0] == "exporter_polygon"
    assert "16-sided polygon" in found["NetVolume"][1] and "2.55%" in found["NetVolume"][1]
    assert found["GrossVolume"][0] == "ok"  # the exact volume agrees with the geometry


@pytest.mark.parametrize("sides", [8, 12, 24, 32])
def test_other_polygons_give_their_own_n(tmp_path, sides):
    found = verdicts(house_with_tube(tmp_path, {"NetVolume": EXACT * get_polygon_ratio(sides)}))

    assert found["NetVolume"][0] == "exporter_polygon"  # 32 sides: 0.64 % short, inside 1 %, still said
    assert f"{sides}-sided polygon" in found["NetVolume"][1]


def test_a_value_that_is_no_polygon_still_differs(tmp_path):
    found = verdicts(house_with_tube(tmp_path, {"NetVolume": EXACT * 0.96}))

    assert found["NetVolume"][0] == "differs"


def test_a_square_body_short_by_a_polygon_ratio_is_not_called_a_polygon():
    # The sample house's beam B1 (0.4 x 0.5 x 5 m = 1.0 m3) is not round: the same shortfall
    # is an ordinary difference, never an exporter polygon.
    from bimquant.authored import _polygon

    assert _polygon(1.0 * get_polygon_ratio(16), 1.0)[0] == "exporter_polygon"  # the arithmetic alone
    takeoff = bimquant.takeoff(HOUSE, cache=False)
    assert "exporter_polygon" not in set(takeoff.authored["verdict"])


def test_the_round_tube_is_measured_exactly_not_as_a_polygon(tmp_path):
    # the mesh is a 256-gon (about 1e-4 short); the volume comes from the profile: pi (R2 - r2) L
    path = house_with_tube(tmp_path, {"NetVolume": EXACT})
    tube = bimquant.takeoff(path, cache=False).elements.query("ifc_class == 'IfcMember'").iloc[0]

    assert tube["net_volume_m3"] == pytest.approx(EXACT, rel=1e-12)
    assert tube["gross_volume_m3"] == pytest.approx(EXACT, rel=1e-12)
    assert tube["weight_kg"] == pytest.approx(EXACT * 7850, rel=1e-12)  # S235: 78.5 kN/m3
