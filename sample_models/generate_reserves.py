"""Build ``reserves_ifc4.ifc``: a small IFC4 storey that a rule set cannot price whole.

It holds, on purpose, what real exports do to an estimate (sample_models/README.md lists each
element with its quantities worked out by hand):

- ``S1``: a concrete ground slab 6.0 x 6.0 x 0.2 m (7.2 m3): priced as usual;
- ``WP1`` and ``WP2``: two walls of sand-lime blocks modelled as aggregates of four
  ``IfcBuildingElementPart`` each (1.0 x 0.2 x 2.5 m a block, 0.5 m3): 8 parts, 4.0 m3, which
  the French rule set has no item for;
- ``W2``: a concrete wall 5.0 x 3.0 x 0.2 m (3.0 m3) with a door opening ``O1`` (1.0 x 2.0 m)
  filled by ``D1``, and an opening ``O2`` that has no body, so its area cannot be measured;
- ``D1``: a door whose body is a rectangle profile of zero width: its geometry fails, and
  it is still one door;
- ``W3``: a wall 4.0 x 3.0 x 0.2 m (2.4 m3) with no material: it goes to the rule set's line
  whose label still says "(à préciser)";
- ``W4``: a concrete wall whose body is a zero-width profile too (its geometry fails), but
  whose ``Qto_WallBaseQuantities`` give NetVolume 1.5 m3 and GrossSideArea 7.5 m2 (2.5 x 3.0 x
  0.2 m); W2 and W3 state theirs right, so the exporter is shown right on walls and the stated
  values are taken, and said so.

Usage::

    python sample_models/generate_reserves.py                  # writes next to this file
    python sample_models/generate_reserves.py --out-dir /tmp/x
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import ifcopenshell
import ifcopenshell.api.aggregate
import ifcopenshell.api.context
import ifcopenshell.api.feature
import ifcopenshell.api.geometry
import ifcopenshell.api.material
import ifcopenshell.api.project
import ifcopenshell.api.root
import ifcopenshell.api.unit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import (  # noqa: E402  (the sample house's builders)
    TIMESTAMP_ISO,
    House,
    add_material,
    add_quantities,
    contained,
    create_element,
    extruded_body,
    finalise_file,
    matrix,
    place,
    rectangle,
    wall_properties,
)

FILENAME = "reserves_ifc4.ifc"
CONCRETE = "Béton armé C25/30"
SAND_LIME = "Kalksandstein KS 20"
OAK = "Bois chêne"


def broken_body(house: House, depth: float):
    """A body the geometry kernels cannot make: a rectangle profile of zero width."""
    profile = house.model.create_entity("IfcRectangleProfileDef", ProfileType="AREA", XDim=0.0, YDim=0.2)
    position = house.model.create_entity(
        "IfcAxis2Placement3D", Location=house.model.create_entity("IfcCartesianPoint", Coordinates=(0.0, 0.0, 0.0))
    )
    direction = house.model.create_entity("IfcDirection", DirectionRatios=(0.0, 0.0, 1.0))
    solid = house.model.create_entity(
        "IfcExtrudedAreaSolid", SweptArea=profile, Position=position, ExtrudedDirection=direction, Depth=depth
    )
    return house.model.create_entity(
        "IfcShapeRepresentation",
        ContextOfItems=house.body,
        RepresentationIdentifier="Body",
        RepresentationType="SweptSolid",
        Items=[solid],
    )


def create_model() -> ifcopenshell.file:
    model = ifcopenshell.api.project.create_file(version="IFC4")
    model.header.file_name.time_stamp = TIMESTAMP_ISO
    model.header.file_name.name = FILENAME
    project = create_entity_project(model)
    units = [
        ifcopenshell.api.unit.add_si_unit(model, unit_type="LENGTHUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="AREAUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="VOLUMEUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="PLANEANGLEUNIT"),
    ]
    ifcopenshell.api.unit.assign_unit(model, units=units)
    model3d = ifcopenshell.api.context.add_context(model, context_type="Model")
    body = ifcopenshell.api.context.add_context(
        model, context_type="Model", context_identifier="Body", target_view="MODEL_VIEW", parent=model3d
    )
    house = House(model=model, body=body)
    for name in (CONCRETE, SAND_LIME, OAK):
        house.materials[name] = ifcopenshell.api.material.add_material(model, name=name)
    site = create_element(house, "IfcSite", "Reserves site")
    building = create_element(house, "IfcBuilding", "Reserves building")
    storey = create_element(house, "IfcBuildingStorey", "Rez-de-chaussée", Elevation=0.0)
    ifcopenshell.api.aggregate.assign_object(model, products=[site], relating_object=project)
    ifcopenshell.api.aggregate.assign_object(model, products=[building], relating_object=site)
    ifcopenshell.api.aggregate.assign_object(model, products=[storey], relating_object=building)
    for spatial in (site, building, storey):
        place(house, spatial, None, matrix((0.0, 0.0, 0.0)))

    s1 = create_element(house, "IfcSlab", "S1 ground slab", "FLOOR")
    place(house, s1, extruded_body(house, rectangle(0, 0, 6.0, 6.0), 0.2), matrix((0.0, 0.0, -0.2)))
    add_material(house, s1, CONCRETE)
    contained(house, storey, s1)

    # WP1 along X at y 0, WP2 along Y at x 0: four sand-lime blocks each, no body of their own
    for wall_name, origin, axis in (("WP1 block wall", (0.0, 0.0), (1, 0)), ("WP2 block wall", (0.0, 1.0), (0, 1))):
        wall = create_element(house, "IfcWall", wall_name, "SOLIDWALL")
        place(house, wall, None, matrix((origin[0], origin[1], 0.0)))
        wall_properties(house, wall, True, True, "REI 60")
        contained(house, storey, wall)
        parts = []
        for i in range(4):
            part = create_element(house, "IfcBuildingElementPart", f"{wall_name} block {i + 1}")
            x, y = origin[0] + axis[0] * i, origin[1] + axis[1] * i
            outline = rectangle(0, 0, 1.0, 0.2) if axis == (1, 0) else rectangle(0, 0, 0.2, 1.0)
            place(house, part, extruded_body(house, outline, 2.5), matrix((x, y, 0.0)))
            add_material(house, part, SAND_LIME)
            parts.append(part)
        ifcopenshell.api.aggregate.assign_object(model, products=parts, relating_object=wall)

    # W2: concrete, x 1..6 at y 5.8, with a door opening O1 and a bodiless opening O2
    w2 = create_element(house, "IfcWall", "W2 concrete wall with openings", "SOLIDWALL")
    place(house, w2, extruded_body(house, rectangle(0, 0, 5.0, 0.2), 3.0), matrix((1.0, 5.8, 0.0)))
    add_material(house, w2, CONCRETE)
    wall_properties(house, w2, False, True, "REI 60")
    add_quantities(house, w2, "Qto_WallBaseQuantities", {"GrossVolume": 3.0, "NetVolume": 2.6, "GrossSideArea": 15.0})
    contained(house, storey, w2)
    o1 = create_element(house, "IfcOpeningElement", "O1 door opening in W2", "OPENING")
    ifcopenshell.api.feature.add_feature(model, feature=o1, element=w2)
    place(house, o1, extruded_body(house, rectangle(0, 0, 1.0, 0.4), 2.0), matrix((2.0, 5.7, 0.0)))
    o2 = create_element(house, "IfcOpeningElement", "O2 opening without a body in W2", "OPENING")
    ifcopenshell.api.feature.add_feature(model, feature=o2, element=w2)
    place(house, o2, None, matrix((4.0, 5.8, 1.0)))
    d1 = create_element(house, "IfcDoor", "D1 door with a broken body", "DOOR", OverallWidth=1.0, OverallHeight=2.0)
    place(house, d1, broken_body(house, 2.0), matrix((2.0, 5.9, 0.0)))
    add_material(house, d1, OAK)
    ifcopenshell.api.feature.add_filling(model, opening=o1, element=d1)
    contained(house, storey, d1)

    # W3: no material at all, x 6..6.2, y 1..5
    w3 = create_element(house, "IfcWall", "W3 wall without material", "SOLIDWALL")
    place(house, w3, extruded_body(house, rectangle(0, 0, 0.2, 4.0), 3.0), matrix((5.8, 1.0, 0.0)))
    wall_properties(house, w3, False, False, "EI 30")
    add_quantities(house, w3, "Qto_WallBaseQuantities", {"GrossVolume": 2.4, "NetVolume": 2.4, "GrossSideArea": 12.0})
    contained(house, storey, w3)

    # W4: concrete, a body that fails, stated NetVolume 1.5 m3 and GrossSideArea 7.5 m2 (2.5 x 3.0 x 0.2)
    w4 = create_element(house, "IfcWall", "W4 wall with a broken body", "SOLIDWALL")
    place(house, w4, broken_body(house, 3.0), matrix((3.0, 3.0, 0.0)))
    add_material(house, w4, CONCRETE)
    wall_properties(house, w4, False, True, "REI 60")
    add_quantities(house, w4, "Qto_WallBaseQuantities", {"GrossVolume": 1.5, "NetVolume": 1.5, "GrossSideArea": 7.5})
    contained(house, storey, w4)

    finalise_file(model)
    return model


def create_entity_project(model: ifcopenshell.file):
    project = ifcopenshell.api.root.create_entity(model, ifc_class="IfcProject", name="bimquant reserves")
    return project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    create_model().write(str(args.out_dir / FILENAME))
    return 0


if __name__ == "__main__":
    sys.exit(main())
