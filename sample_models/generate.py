"""Build the sample house that bimquant's tests measure, in IFC4 and IFC2X3.

The house is small and made of exact shapes only (straight-edged profiles
extruded), so every quantity of every element can be checked with a pencil:
sample_models/README.md lists each element, its dimensions and its quantities
with the arithmetic shown.

The model is built with ``ifcopenshell.api`` only. GlobalIds are derived from
the element names (uuid5 of a fixed namespace), timestamps are fixed, so
running the script again writes the same elements with the same GlobalIds.

Usage::

    python sample_models/generate.py                  # writes next to this file
    python sample_models/generate.py --out-dir /tmp/x # writes somewhere else

Coordinates are world coordinates in metres. Every body is given in its
element's local axes and placed with a 4x4 matrix; some elements are
deliberately modelled along odd local axes (W2 along local Y, W3 and RS2
turned by 90 and 180 degrees, W4 and B2 turned by 30 degrees in plan) so the
engine's measurements can be checked to be independent of local axes.
"""

from __future__ import annotations

import argparse
import logging
import math
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

import ifcopenshell
import ifcopenshell.api.aggregate
import ifcopenshell.api.attribute
import ifcopenshell.api.classification
import ifcopenshell.api.context
import ifcopenshell.api.feature
import ifcopenshell.api.geometry
import ifcopenshell.api.material
import ifcopenshell.api.owner
import ifcopenshell.api.profile
import ifcopenshell.api.project
import ifcopenshell.api.pset
import ifcopenshell.api.root
import ifcopenshell.api.spatial
import ifcopenshell.api.unit
import ifcopenshell.guid

log = logging.getLogger("bimquant.sample_models")

#: Namespace of the deterministic GlobalIds (never change it: tests pin ids).
GUID_NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-5e90-a1c2-b3d4e5f60718")
#: Fixed creation time (2024-01-01T00:00:00Z) so the files do not change on rerun.
TIMESTAMP = 1704067200
TIMESTAMP_ISO = "2024-01-01T00:00:00"

SCHEMAS = {"IFC4": "house_ifc4.ifc", "IFC2X3": "house_ifc2x3.ifc"}

COS30 = math.cos(math.radians(30.0))
SIN30 = math.sin(math.radians(30.0))

# Materials: name -> (category, MassDensity in kg/m3 or None). Densities are
# written as Pset_MaterialCommon.MassDensity in IFC4 only (IFC2X3 has no
# property sets on materials).
CONCRETE = "Béton armé C25/30"
INSULATION = "Isolant laine minérale"
GLULAM = "Bois lamellé-collé GL24h"
OAK = "Bois chêne"
GLAZING = "Aluminium et verre"
TILES = "Carrelage grès cérame"
PLASTERBOARD = "Plaque de plâtre BA13"
MATERIALS = {
    CONCRETE: ("concrete", 2500.0),
    INSULATION: ("insulation", 40.0),
    GLULAM: ("wood", 420.0),
    OAK: ("wood", None),
    GLAZING: ("glass", None),
    TILES: ("ceramic", 2000.0),
    PLASTERBOARD: ("gypsum", None),
}


def guid_for(key: str) -> str:
    """Return the IFC GlobalId (22 characters) derived from ``key``.

    Example: ``guid_for("W1 wall along X")`` is the same on every run.
    """
    return ifcopenshell.guid.compress(uuid.uuid5(GUID_NAMESPACE, key).hex)


def matrix(origin, x_axis=(1.0, 0.0, 0.0), z_axis=(0.0, 0.0, 1.0)) -> np.ndarray:
    """Return a 4x4 placement matrix: local X along ``x_axis``, local Z along ``z_axis``.

    Both axes are normalised; local Y = Z x X. ``origin`` is (3,) in metres.
    """
    x = np.asarray(x_axis, dtype=float)
    z = np.asarray(z_axis, dtype=float)
    x /= np.linalg.norm(x)
    z /= np.linalg.norm(z)
    y = np.cross(z, x)
    m = np.eye(4)
    m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = x, y, z, origin
    return m


def translate(m: np.ndarray, local_offset) -> np.ndarray:
    """Return ``m`` moved by ``local_offset`` (3,) expressed in ``m``'s local axes."""
    out = m.copy()
    out[:3, 3] = m[:3, 3] + m[:3, :3] @ np.asarray(local_offset, dtype=float)
    return out


def plan_rotation(angle_deg: float) -> tuple[float, float, float]:
    """Return the horizontal unit vector at ``angle_deg`` from world X."""
    a = math.radians(angle_deg)
    return (math.cos(a), math.sin(a), 0.0)


def rectangle(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    """Return the closed polyline of an axis-aligned rectangle (first point repeated)."""
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]


@dataclass
class House:
    """The model being built, and what the builders share."""

    model: ifcopenshell.file
    body: ifcopenshell.entity_instance
    materials: dict[str, ifcopenshell.entity_instance] = field(default_factory=dict)
    lots: ifcopenshell.entity_instance | None = None

    @property
    def schema(self) -> str:
        return self.model.schema


def create_element(
    house: House, ifc_class: str, name: str, predefined_type: str | None = None, **attributes
) -> ifcopenshell.entity_instance:
    """Create ``ifc_class`` named ``name`` with a GlobalId derived from the name.

    ``predefined_type`` and ``attributes`` are only set where the schema has them
    (IFC2X3 has no PredefinedType on walls, beams, columns, doors...).
    """
    element = ifcopenshell.api.root.create_entity(house.model, ifc_class=ifc_class, name=name)
    element.GlobalId = guid_for(name)
    if predefined_type and hasattr(element, "PredefinedType"):
        element.PredefinedType = predefined_type
    present = {k: v for k, v in attributes.items() if hasattr(element, k)}
    if present:
        ifcopenshell.api.attribute.edit_attributes(house.model, product=element, attributes=present)
    return element


def extruded_body(
    house: House, points, depth: float, z_axis=(0.0, 0.0, 1.0), x_axis=(1.0, 0.0, 0.0)
) -> ifcopenshell.entity_instance:
    """Return a body representation: polygon ``points`` (n, 2) extruded by ``depth``.

    The profile lies in the plane of the solid's local X/Y axes, whose Z
    (``z_axis``) is the extrusion direction, all relative to the element placement.
    """
    profile = ifcopenshell.api.profile.add_arbitrary_profile(house.model, profile=points)
    return ifcopenshell.api.geometry.add_profile_representation(
        house.model,
        context=house.body,
        profile=profile,
        depth=depth,
        cardinal_point=None,
        placement_zx_axes=(z_axis, x_axis),
    )


def place(house: House, element, representation, placement: np.ndarray) -> None:
    """Give ``element`` its body ``representation`` and world ``placement`` (4x4)."""
    if representation is not None:
        ifcopenshell.api.geometry.assign_representation(house.model, product=element, representation=representation)
    ifcopenshell.api.geometry.edit_object_placement(house.model, product=element, matrix=placement)


def add_material(house: House, element, name: str) -> None:
    """Associate the single material ``name`` with ``element``."""
    ifcopenshell.api.material.assign_material(
        house.model, products=[element], type="IfcMaterial", material=house.materials[name]
    )


def add_layers(house: House, element, set_name: str, layers, direction: str | None = None) -> None:
    """Associate a layer set with ``element``.

    ``layers`` is a list of (layer name, material name, thickness in m). In IFC4
    the set is used through an IfcMaterialLayerSetUsage whose LayerSetDirection is
    ``direction`` (AXIS2 when None). In IFC2X3 an IfcMaterialLayerSetUsage is only
    written for the default direction AXIS2; a wall drawn along another axis
    gets the bare IfcMaterialLayerSet.
    """
    model = house.model
    layer_set = ifcopenshell.api.material.add_material_set(model, name=set_name, set_type="IfcMaterialLayerSet")
    for layer_name, material_name, thickness in layers:
        layer = ifcopenshell.api.material.add_layer(model, layer_set=layer_set, material=house.materials[material_name])
        attributes = {"LayerThickness": thickness}
        if hasattr(layer, "Name"):
            attributes["Name"] = layer_name
        ifcopenshell.api.material.edit_layer(model, layer=layer, attributes=attributes)
    if house.schema == "IFC2X3" and direction not in (None, "AXIS2"):
        ifcopenshell.api.material.assign_material(
            model, products=[element], type="IfcMaterialLayerSet", material=layer_set
        )
        return
    rel = ifcopenshell.api.material.assign_material(
        model, products=[element], type="IfcMaterialLayerSetUsage", material=layer_set
    )
    if direction:
        ifcopenshell.api.material.edit_layer_usage(
            model, usage=rel.RelatingMaterial, attributes={"LayerSetDirection": direction}
        )


def add_properties(house: House, element, pset_name: str, properties: dict) -> None:
    """Write the property set ``pset_name`` with ``properties`` on ``element``."""
    pset = ifcopenshell.api.pset.add_pset(house.model, product=element, name=pset_name)
    ifcopenshell.api.pset.edit_pset(house.model, pset=pset, properties=properties)


def add_quantities(house: House, element, qto_name: str, quantities: dict) -> None:
    """Write the authored quantity set ``qto_name`` with ``quantities`` (SI) on ``element``."""
    qto = ifcopenshell.api.pset.add_qto(house.model, product=element, name=qto_name)
    ifcopenshell.api.pset.edit_qto(house.model, qto=qto, properties=quantities)


def add_lot(house: House, elements, identification: str, name: str) -> None:
    """Classify ``elements`` in the custom "Lots" system (French trade packages)."""
    ifcopenshell.api.classification.add_reference(
        house.model, products=list(elements), identification=identification, name=name, classification=house.lots
    )


def wall_properties(house: House, wall, is_external: bool, load_bearing: bool, fire_rating: str) -> None:
    """Write Pset_WallCommon."""
    add_properties(
        house,
        wall,
        "Pset_WallCommon",
        {"IsExternal": is_external, "LoadBearing": load_bearing, "FireRating": fire_rating},
    )


def create_house(schema: str) -> ifcopenshell.file:
    """Return the sample house as an ifcopenshell file in ``schema`` ("IFC4" or "IFC2X3")."""
    model = ifcopenshell.api.project.create_file(version=schema)
    model.header.file_name.time_stamp = TIMESTAMP_ISO
    model.header.file_name.name = SCHEMAS[schema]
    if schema == "IFC2X3":
        # Owner history is mandatory in IFC2X3.
        ifcopenshell.api.owner.add_application(model)
        person = ifcopenshell.api.owner.add_person(model, identification="BQ", family_name="bimquant")
        organisation = ifcopenshell.api.owner.add_organisation(model, identification="BQ", name="bimquant")
        ifcopenshell.api.owner.add_person_and_organisation(model, person=person, organisation=organisation)

    project = ifcopenshell.api.root.create_entity(model, ifc_class="IfcProject", name="bimquant sample house")
    project.GlobalId = guid_for("bimquant sample house")
    units = [
        ifcopenshell.api.unit.add_si_unit(model, unit_type="LENGTHUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="AREAUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="VOLUMEUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="PLANEANGLEUNIT"),
        ifcopenshell.api.unit.add_si_unit(model, unit_type="MASSUNIT", prefix="KILO"),
    ]
    ifcopenshell.api.unit.assign_unit(model, units=units)
    model3d = ifcopenshell.api.context.add_context(model, context_type="Model")
    body = ifcopenshell.api.context.add_context(
        model, context_type="Model", context_identifier="Body", target_view="MODEL_VIEW", parent=model3d
    )
    house = House(model=model, body=body)

    for name, (category, density) in MATERIALS.items():
        # IFC2X3 materials have a Name only: no Category, no property sets.
        category = category if schema != "IFC2X3" else None
        house.materials[name] = ifcopenshell.api.material.add_material(model, name=name, category=category)
        if schema != "IFC2X3" and density is not None:
            add_properties(house, house.materials[name], "Pset_MaterialCommon", {"MassDensity": density})
    house.lots = ifcopenshell.api.classification.add_classification(model, classification="Lots")
    ifcopenshell.api.classification.edit_classification(
        model, classification=house.lots, attributes={"Source": "bimquant", "Edition": "1"}
    )

    site = create_element(house, "IfcSite", "Site")
    building = create_element(house, "IfcBuilding", "Sample house")
    ground = create_element(house, "IfcBuildingStorey", "Ground floor", Elevation=0.0)
    level1 = create_element(house, "IfcBuildingStorey", "Level 1", Elevation=3.0)
    ifcopenshell.api.aggregate.assign_object(model, products=[site], relating_object=project)
    ifcopenshell.api.aggregate.assign_object(model, products=[building], relating_object=site)
    ifcopenshell.api.aggregate.assign_object(model, products=[ground, level1], relating_object=building)
    for spatial, z in ((site, 0.0), (building, 0.0), (ground, 0.0), (level1, 3.0)):
        place(house, spatial, None, matrix((0.0, 0.0, z)))

    structure = build_ground_floor(house, ground) + build_level1(house, level1)
    add_lot(house, structure, "02", "Gros oeuvre")

    finalise_file(model)
    return model


def contained(house: House, storey, *elements) -> None:
    """Put ``elements`` in ``storey`` (IfcRelContainedInSpatialStructure)."""
    ifcopenshell.api.spatial.assign_container(house.model, products=list(elements), relating_structure=storey)


def opening(house: House, host, name: str, representation, placement: np.ndarray):
    """Create an IfcOpeningElement ``name`` that voids ``host``."""
    element = create_element(house, "IfcOpeningElement", name, "OPENING")
    ifcopenshell.api.feature.add_feature(house.model, feature=element, element=host)
    place(house, element, representation, placement)
    return element


def build_ground_floor(house: House, storey) -> list:
    """Footings, ground slab, walls W1-W3 with door and window, column C1, stair, coverings.

    Return the structural elements (lot 02).
    """
    api = ifcopenshell.api

    # F1: strip footing 6.0 x 0.6 x 0.4 under W1, x 0..6, y -0.15..0.45, z -0.6..-0.2.
    f1 = create_element(house, "IfcFooting", "F1 strip footing under W1", "STRIP_FOOTING")
    place(house, f1, extruded_body(house, rectangle(0, 0, 6.0, 0.6), 0.4), matrix((0.0, -0.15, -0.6)))
    add_material(house, f1, CONCRETE)

    # F2: pad footing 0.8 (X) x 1.0 (Y) x 0.5 under C1, x 4.1..4.9, y 2.5..3.5, z -0.7..-0.2.
    f2 = create_element(house, "IfcFooting", "F2 pad footing under C1", "PAD_FOOTING")
    place(house, f2, extruded_body(house, rectangle(0, 0, 0.8, 1.0), 0.5), matrix((4.1, 2.5, -0.7)))
    add_material(house, f2, CONCRETE)

    # S1: ground slab 6.0 x 6.3 x 0.2, x 0..6, y 0..6.3, z -0.2..0.
    s1 = create_element(house, "IfcSlab", "S1 ground slab", "FLOOR")
    place(house, s1, extruded_body(house, rectangle(0, 0, 6.0, 6.3), 0.2), matrix((0.0, 0.0, -0.2)))
    add_material(house, s1, CONCRETE)
    add_properties(house, s1, "Pset_SlabCommon", {"IsExternal": False, "LoadBearing": True})

    wall_class = "IfcWallStandardCase" if house.schema == "IFC2X3" else "IfcWall"
    layered = [("Structure", CONCRETE, 0.2), ("Isolation", INSULATION, 0.1)]

    # W1: layered wall 6.0 long (local X = world X) x 3.0 high x 0.3 thick,
    # x 0..6, y 0..0.3 (concrete y 0..0.2, insulation y 0.2..0.3), z 0..3.
    w1 = create_element(house, wall_class, "W1 wall along X", "SOLIDWALL")
    place(
        house,
        w1,
        api.geometry.add_wall_representation(house.model, context=house.body, length=6.0, height=3.0, thickness=0.3),
        matrix((0.0, 0.0, 0.0)),
    )
    add_layers(house, w1, "Mur béton 20 + isolant 10", layered)
    wall_properties(house, w1, True, True, "REI 60")
    add_quantities(
        house,
        w1,
        "Qto_WallBaseQuantities",
        {
            "Length": 6.0,
            "Height": 3.0,
            "Width": 0.3,
            "GrossSideArea": 18.0,
            "NetSideArea": 18.0,
            "GrossVolume": 5.4,
            "NetVolume": 5.4,
        },
    )

    # W2: same wall as W1 but its profile is long in LOCAL Y: profile
    # x 0..0.3 (layers along local X, AXIS1), y 0..6; placed at (0, 0.3, 0):
    # x 0..0.3, y 0.3..6.3, z 0..3. IfcWall in both schemas (in IFC2X3 an
    # IfcWallStandardCase must run along local X).
    w2 = create_element(house, "IfcWall", "W2 wall along local Y", "SOLIDWALL")
    place(house, w2, extruded_body(house, rectangle(0, 0, 0.3, 6.0), 3.0), matrix((0.0, 0.3, 0.0)))
    add_layers(house, w2, "Mur béton 20 + isolant 10 (axe Y)", layered, direction="AXIS1")
    wall_properties(house, w2, True, True, "REI 60")

    # W3: THE painting wall, 5.0 long x 3.0 high x 0.2 thick, concrete.
    # Placed at (3.2, 0.3, 0) turned +90 degrees: local X = world +Y, local Y = world -X.
    # World box: x 3.0..3.2, y 0.3..5.3, z 0..3.
    w3_place = matrix((3.2, 0.3, 0.0), x_axis=(0.0, 1.0, 0.0))
    w3 = create_element(house, wall_class, "W3 painting wall", "SOLIDWALL")
    place(
        house,
        w3,
        api.geometry.add_wall_representation(house.model, context=house.body, length=5.0, height=3.0, thickness=0.2),
        w3_place,
    )
    add_layers(house, w3, "Voile béton 20", [("Structure", CONCRETE, 0.2)])
    wall_properties(house, w3, False, False, "EI 30")
    add_quantities(
        house,
        w3,
        "Qto_WallBaseQuantities",
        {
            "Length": 5.0,
            "Height": 3.0,
            "Width": 0.2,
            "GrossFootprintArea": 1.0,
            "NetFootprintArea": 1.0,
            "GrossSideArea": 15.0,
            "NetSideArea": 8.0,
            "GrossVolume": 3.0,
            "NetVolume": 1.6,
        },
    )

    # O1 / D1: door opening 1.0 wide x 2.0 high, 0.5 m from W3's start, sill 0.2 m
    # (so the opening lies wholly inside the wall face). The opening box is 0.4
    # deep (0.1 beyond each face); the door leaf is 0.05 thick in the middle.
    o1 = opening(
        house,
        w3,
        "O1 opening for door D1",
        api.geometry.add_wall_representation(
            house.model, context=house.body, length=1.0, height=2.0, thickness=0.4, offset=-0.1
        ),
        translate(w3_place, (0.5, 0.0, 0.2)),
    )
    d1 = create_element(
        house,
        "IfcDoor",
        "D1 door 1.0 x 2.0",
        "DOOR",
        OverallWidth=1.0,
        OverallHeight=2.0,
        OperationType="SINGLE_SWING_LEFT",
    )
    contained(house, storey, d1)
    api.feature.add_filling(house.model, opening=o1, element=d1)
    place(
        house,
        d1,
        api.geometry.add_wall_representation(
            house.model, context=house.body, length=1.0, height=2.0, thickness=0.05, offset=0.075
        ),
        translate(w3_place, (0.5, 0.0, 0.2)),
    )
    add_material(house, d1, OAK)
    add_properties(house, d1, "Pset_DoorCommon", {"IsExternal": False, "FireRating": "EI 30"})
    add_quantities(house, d1, "Qto_DoorBaseQuantities", {"Width": 1.0, "Height": 2.0, "Area": 2.0})

    # O2 / WN1: window opening 2.0 wide x 2.5 high, 2.5 m from W3's start, sill 0.25 m.
    # The window body is 0.1 thick in the middle of the wall.
    o2 = opening(
        house,
        w3,
        "O2 opening for window WN1",
        api.geometry.add_wall_representation(
            house.model, context=house.body, length=2.0, height=2.5, thickness=0.4, offset=-0.1
        ),
        translate(w3_place, (2.5, 0.0, 0.25)),
    )
    wn1 = create_element(
        house,
        "IfcWindow",
        "WN1 window 2.0 x 2.5",
        "WINDOW",
        OverallWidth=2.0,
        OverallHeight=2.5,
        PartitioningType="SINGLE_PANEL",
    )
    contained(house, storey, wn1)
    api.feature.add_filling(house.model, opening=o2, element=wn1)
    place(
        house,
        wn1,
        api.geometry.add_wall_representation(
            house.model, context=house.body, length=2.0, height=2.5, thickness=0.1, offset=0.05
        ),
        translate(w3_place, (2.5, 0.0, 0.25)),
    )
    add_material(house, wn1, GLAZING)
    add_lot(house, [wn1], "05", "Menuiseries extérieures")
    add_lot(house, [d1], "06", "Menuiseries intérieures")

    # C1: column 0.3 x 0.3 x 3.0, x 4.35..4.65, y 2.85..3.15, z 0..3.
    c1 = create_element(house, "IfcColumn", "C1 column 0.3 x 0.3", "COLUMN")
    place(house, c1, extruded_body(house, rectangle(-0.15, -0.15, 0.15, 0.15), 3.0), matrix((4.5, 3.0, 0.0)))
    add_material(house, c1, CONCRETE)
    add_properties(house, c1, "Pset_ColumnCommon", {"IsExternal": False, "LoadBearing": True})
    # GrossVolume is deliberately wrong (x1000: the litres / mm-project export bug);
    # the other quantities are right. 0.3 x 0.3 x 3.0 = 0.27 m3.
    add_quantities(
        house,
        c1,
        "Qto_ColumnBaseQuantities",
        {
            "Length": 3.0,
            "CrossSectionArea": 0.09,
            "OuterSurfaceArea": 3.6,
            "GrossVolume": 270.0,
            "NetVolume": 0.27,
        },
    )

    # ST1 / SF1: stair container (no body) and its flight: 4 risers of 0.2,
    # 4 goings of 0.3, solid block steps, 1.0 wide. The profile is drawn in
    # the flight's local X (going) / Z (rise) plane and extruded along local -Y.
    # World box: x 3.5..4.7, y 4.5..5.5, z 0..0.8.
    st1 = create_element(house, "IfcStair", "ST1 stair", "STRAIGHT_RUN_STAIR", ShapeType="STRAIGHT_RUN_STAIR")
    contained(house, storey, st1)
    place(house, st1, None, matrix((3.5, 4.5, 0.0)))
    sf1 = create_element(
        house,
        "IfcStairFlight",
        "SF1 stair flight",
        "STRAIGHT",
        NumberOfRisers=4,
        NumberOfRiser=4,
        NumberOfTreads=4,
        RiserHeight=0.2,
        TreadLength=0.3,
    )
    api.aggregate.assign_object(house.model, products=[sf1], relating_object=st1)
    steps = [
        (0.0, 0.0),
        (1.2, 0.0),
        (1.2, 0.8),
        (0.9, 0.8),
        (0.9, 0.6),
        (0.6, 0.6),
        (0.6, 0.4),
        (0.3, 0.4),
        (0.3, 0.2),
        (0.0, 0.2),
        (0.0, 0.0),
    ]
    place(
        house,
        sf1,
        extruded_body(house, steps, 1.0, z_axis=(0.0, -1.0, 0.0), x_axis=(1.0, 0.0, 0.0)),
        matrix((3.5, 5.5, 0.0)),
    )
    add_material(house, sf1, CONCRETE)

    # CV1: floor tiles 0.01 thick in the west room, x 0.3..3.0, y 0.3..6.3, z 0..0.01.
    cv1 = create_element(house, "IfcCovering", "CV1 floor tiles west room", "FLOORING")
    place(house, cv1, extruded_body(house, rectangle(0, 0, 2.7, 6.0), 0.01), matrix((0.3, 0.3, 0.0)))
    add_material(house, cv1, TILES)
    add_lot(house, [cv1], "08", "Revêtements de sols")

    # CV2: plasterboard ceiling 0.0125 thick under S2 in the east room,
    # x 3.2..6.0, y 0.3..4.5, z 2.9875..3.0.
    cv2 = create_element(house, "IfcCovering", "CV2 ceiling east room", "CEILING")
    place(house, cv2, extruded_body(house, rectangle(0, 0, 2.8, 4.2), 0.0125), matrix((3.2, 0.3, 2.9875)))
    add_material(house, cv2, PLASTERBOARD)
    add_lot(house, [cv2], "07", "Plâtrerie, faux plafonds")

    contained(house, storey, f1, f2, s1, w1, w2, w3, c1, cv1, cv2)
    return [f1, f2, s1, w1, w2, w3, c1, sf1]


def build_level1(house: House, storey) -> list:
    """Slab S2 with its stair hole, wall W4, column C2, beams B1-B2, roof RF1.

    Return the structural elements (lot 02).
    """
    api = ifcopenshell.api

    # S2: level 1 slab 6.0 x 6.3 x 0.2, x 0..6, y 0..6.3, z 3.0..3.2, with a
    # stair hole O3 2.0 x 1.0 at x 3.5..5.5, y 4.5..5.5 (box 0.4 deep, z 2.9..3.3).
    s2 = create_element(house, "IfcSlab", "S2 level 1 slab", "FLOOR")
    place(house, s2, extruded_body(house, rectangle(0, 0, 6.0, 6.3), 0.2), matrix((0.0, 0.0, 3.0)))
    add_material(house, s2, CONCRETE)
    add_properties(house, s2, "Pset_SlabCommon", {"IsExternal": False, "LoadBearing": True})
    add_quantities(
        house,
        s2,
        "Qto_SlabBaseQuantities",
        {"Perimeter": 24.6, "GrossArea": 37.8, "NetArea": 35.8, "GrossVolume": 7.56, "NetVolume": 7.16},
    )
    opening(
        house,
        s2,
        "O3 stair hole in S2",
        extruded_body(house, rectangle(0, 0, 2.0, 1.0), 0.4),
        matrix((3.5, 4.5, 2.9)),
    )

    # W4: concrete wall 4.0 long x 2.6 high x 0.2 thick, turned 30 degrees in plan,
    # starting at (1.0, 1.5, 3.2).
    wall_class = "IfcWallStandardCase" if house.schema == "IFC2X3" else "IfcWall"
    w4 = create_element(house, wall_class, "W4 wall rotated 30 degrees", "SOLIDWALL")
    place(
        house,
        w4,
        api.geometry.add_wall_representation(house.model, context=house.body, length=4.0, height=2.6, thickness=0.2),
        matrix((1.0, 1.5, 3.2), x_axis=plan_rotation(30.0)),
    )
    add_layers(house, w4, "Voile béton 20 (R+1)", [("Structure", CONCRETE, 0.2)])
    wall_properties(house, w4, False, True, "REI 30")

    # C2: glulam column 0.25 (X) x 0.4 (Y) x 2.6, x 5.0..5.25, y 0.5..0.9, z 3.2..5.8.
    c2 = create_element(house, "IfcColumn", "C2 column 0.25 x 0.4", "COLUMN")
    place(house, c2, extruded_body(house, rectangle(0, 0, 0.25, 0.4), 2.6), matrix((5.0, 0.5, 3.2)))
    add_material(house, c2, GLULAM)

    # Beams: section 0.2 wide x 0.4 deep hanging below the placement point; the
    # section is drawn in the beam's local Y/Z plane and extruded along local X.
    section = rectangle(-0.1, -0.4, 0.1, 0.0)
    beam_axes = {"z_axis": (1.0, 0.0, 0.0), "x_axis": (0.0, 1.0, 0.0)}

    # B1: concrete beam 5.0 long along X, x 0.5..5.5, y 2.0..2.2, z 5.4..5.8.
    b1 = create_element(house, "IfcBeam", "B1 beam along X", "BEAM")
    place(house, b1, extruded_body(house, section, 5.0, **beam_axes), matrix((0.5, 2.1, 5.8)))
    add_material(house, b1, CONCRETE)

    # B2: glulam beam 4.0 long, horizontal, turned 30 degrees in plan, top at z 5.8.
    b2 = create_element(house, "IfcBeam", "B2 beam rotated 30 degrees in plan", "BEAM")
    place(
        house,
        b2,
        extruded_body(house, section, 4.0, **beam_axes),
        matrix((1.0, 3.5, 5.8), x_axis=plan_rotation(30.0)),
    )
    add_material(house, b2, GLULAM)

    # RF1: gable roof container (no body) made of two glulam (CLT) plates
    # 6.5 (along the eaves) x 4.0 (along the slope) x 0.2, pitched 30 degrees,
    # eaves at z 5.8, ridge above y = 3.15.
    rf1 = create_element(house, "IfcRoof", "RF1 roof", "GABLE_ROOF", ShapeType="GABLE_ROOF")
    contained(house, storey, rf1)
    place(house, rf1, None, matrix((0.0, 0.0, 5.8)))
    plate = rectangle(0, 0, 6.5, 4.0)
    # RS1 rises from the south eave: local X = world X, local Y up the slope.
    rs1 = create_element(house, "IfcSlab", "RS1 roof slab south pitch", "ROOF")
    # RS2 rises from the north eave: local X = world -X (turned 180 degrees).
    rs2 = create_element(house, "IfcSlab", "RS2 roof slab north pitch", "ROOF")
    api.aggregate.assign_object(house.model, products=[rs1, rs2], relating_object=rf1)
    place(
        house,
        rs1,
        extruded_body(house, plate, 0.2),
        matrix((-0.25, 3.15 - 4.0 * COS30, 5.8), x_axis=(1.0, 0.0, 0.0), z_axis=(0.0, -SIN30, COS30)),
    )
    place(
        house,
        rs2,
        extruded_body(house, plate, 0.2),
        matrix((6.25, 3.15 + 4.0 * COS30, 5.8), x_axis=(-1.0, 0.0, 0.0), z_axis=(0.0, SIN30, COS30)),
    )
    for roof_slab in (rs1, rs2):
        add_material(house, roof_slab, GLULAM)
    add_lot(house, [c2, b2, rs1, rs2], "03", "Charpente")

    contained(house, storey, s2, w4, c2, b1, b2)
    return [s2, w4, b1]


def finalise_file(model: ifcopenshell.file) -> None:
    """Make the file reproducible: GlobalIds from names or creation order, fixed times."""
    counters: dict[str, int] = {}
    for entity in sorted(model.by_type("IfcRoot"), key=lambda e: e.id()):
        if entity.is_a("IfcObjectDefinition") and entity.Name:
            if entity.GlobalId != guid_for(entity.Name):
                entity.GlobalId = guid_for(entity.Name)
            continue
        n = counters.get(entity.is_a(), 0)
        counters[entity.is_a()] = n + 1
        entity.GlobalId = guid_for(f"{model.schema}/{entity.is_a()}#{n}")
    if model.schema == "IFC2X3":
        # In IFC2X3 a classification system can only be reached through its
        # references, and every rooted entity needs an owner history: the api
        # leaves a project-to-system link and a few relationships without one.
        for rel in model.by_type("IfcRelAssociatesClassification"):
            if rel.RelatingClassification.is_a("IfcClassification"):
                model.remove(rel)
        history = model.by_type("IfcOwnerHistory")[0]
        for entity in model.by_type("IfcRoot"):
            if entity.OwnerHistory is None:
                entity.OwnerHistory = history
    for history in model.by_type("IfcOwnerHistory"):
        history.CreationDate = TIMESTAMP
        if history.LastModifiedDate is not None:
            history.LastModifiedDate = TIMESTAMP
    names = [e.Name for e in model.by_type("IfcObjectDefinition") if e.Name]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"element names must be unique, found duplicates: {sorted(duplicates)}")


def write_house(out_dir: Path) -> list[Path]:
    """Write the sample house in every schema to ``out_dir``; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for schema, filename in SCHEMAS.items():
        path = out_dir / filename
        create_house(schema).write(str(path))
        log.info("wrote %s", path)
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out-dir", type=Path, default=Path(__file__).resolve().parent, help="folder to write the .ifc files to"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    write_house(args.out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
