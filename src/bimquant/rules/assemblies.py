"""Elements whose body lives in their parts, priced once at the level the rule set says.

A wall modelled as an aggregate of block parts (``IfcBuildingElementPart``), or a window made
of frame members and a glass plate, has no body of its own: the takeoff measures its parts. An
estimator prices the wall (m2 of masonry) and the window (one window), not a heap of blocks
and a few metres of timber. So, by default, such an element is priced **whole**: it gets its
quantities from its parts, and its parts are "represented by their parent", never priced a
second time. A rule set may say ``levels = { IfcWall = "parts" }`` in ``[ruleset]`` to price
the parts of a class instead (items that select ``IfcBuildingElementPart``).

What the whole gets from its parts (``whole_from_parts``):

- volume, weight: the sums of the parts';
- a wall's face: per leaf (the parts of one material), the leaf's volume over its thickness
  (the parts' ``width_m``, weighted by volume); the wall's face is its largest leaf's, one side,
  and its gross face adds the openings it hosts; its thickness is the volume over the face;
- its height: the vertical extent of the parts; its length: the face over the height;
- its material layers: one per leaf, with the leaf's thickness, so that layer items (masonry by
  thickness class) read each leaf.

Elements of other kinds whose parts are elements of their own (a stair of flights, a roof of
slabs, a curtain wall of plates and members, a steel assembly) are priced through their parts,
as modelled.
"""

from __future__ import annotations

import math

import pandas as pd

from bimquant.columns import LOCATION_COLUMNS, QUANTITY_COLUMNS
from bimquant.messages import Joined, Message, Number
from bimquant.rules.ruleset import is_subclass

FILLING_CLASSES = ("IfcDoor", "IfcWindow")  # priced per unit, counted even without a body
PART_CLASSES = ("IfcBuildingElementPart", "IfcBuildingElementComponent")  # parts that are no work of their own
WHOLE, PARTS = "whole", "parts"
LEVELS = (WHOLE, PARTS)


def get_level(levels: dict[str, str], ifc_class: str, schema: str) -> str:
    """The level a rule set prices an aggregate of this class at: its own entry, its closest
    parent class's, else ``whole``."""
    for cls, level in levels.items():
        if ifc_class == cls:
            return level
    for cls, level in levels.items():
        if is_subclass(ifc_class, cls, schema):
            return level
    return WHOLE


def get_whole_assemblies(takeoff, schema: str, levels: dict[str, str] | None = None) -> dict[str, str]:
    """``{aggregate GlobalId: "filling" or "parts"}``: the aggregates priced whole. ``filling``:
    a door or window of parts, priced by count; ``parts``: any other element made only of
    generic parts (``IfcBuildingElementPart``), whose quantities are its parts'."""
    levels = levels or {}
    excluded = takeoff.excluded
    aggregates = excluded[excluded["reason"].astype(str).str.startswith("aggregate")]
    if aggregates.empty:
        return {}
    part_classes: dict[str, set[str]] = {}
    for table in (takeoff.elements, takeoff.failures):
        if "parent_global_id" not in table:
            continue
        for parent, cls in zip(table["parent_global_id"], table["ifc_class"]):
            if isinstance(parent, str) and parent:
                part_classes.setdefault(parent, set()).add(cls)
    found = {}
    for gid, cls in zip(aggregates["global_id"], aggregates["ifc_class"]):
        if get_level(levels, cls, schema) != WHOLE:
            continue
        if any(is_subclass(cls, c, schema) for c in FILLING_CLASSES):
            found[gid] = "filling"
            continue
        classes = part_classes.get(gid, set())
        if classes and all(any(is_subclass(c, p, schema) for p in PART_CLASSES) for c in classes):
            found[gid] = "parts"
    return found


def whole_from_parts(row: dict, parts: pd.DataFrame, openings: list[dict]) -> dict:
    """The aggregate ``row`` (an excluded element) as one measured element, from its measured
    ``parts`` (rows of the takeoff's elements) and the ``openings`` it hosts."""
    volumes = parts["net_volume_m3"].astype(float)
    widths = parts["width_m"].astype(float)
    volume = float(volumes.sum())
    gross = parts["gross_volume_m3"].astype(float).fillna(volumes)
    leaves = []
    for material, leaf in parts.assign(_v=volumes, _w=widths).groupby(parts["material"].fillna(""), sort=False):
        known = leaf[(leaf["_w"] > 0) & leaf["_v"].notna()]
        thickness = float((known["_w"] * known["_v"]).sum() / known["_v"].sum()) if known["_v"].sum() > 0 else math.nan
        leaf_volume = float(leaf["_v"].sum())
        leaves.append({"material": material or None, "thickness_m": thickness, "volume": leaf_volume})
    faces = [leaf["volume"] / leaf["thickness_m"] for leaf in leaves if leaf["thickness_m"] > 0]
    face = max(faces) if faces else math.nan
    bottom = (parts["centre_z_m"] - parts["size_z_m"] / 2).astype(float).min()
    top = (parts["centre_z_m"] + parts["size_z_m"] / 2).astype(float).max()
    height = float(top - bottom)
    openings_area = sum(
        o["area_m2"] for o in openings if isinstance(o.get("area_m2"), float) and o["area_m2"] == o["area_m2"]
    )
    whole = {name: math.nan for name in QUANTITY_COLUMNS + LOCATION_COLUMNS}
    whole |= {k: v for k, v in row.items() if k not in ("reason",)}
    whole |= {
        "net_volume_m3": volume,
        "gross_volume_m3": float(gross.sum()),
        "weight_kg": float(parts["weight_kg"].astype(float).sum(min_count=len(parts))),
        "height_m": height,
        "width_m": volume / face if face > 0 else math.nan,
        "length_m": face / height if face > 0 and height > 0 else math.nan,
        "net_side_area_m2": face,
        "gross_side_area_m2": face + openings_area if face == face else math.nan,
        "openings_count": len(openings),
        "openings_area_m2": openings_area,
        "centre_z_m": float((top + bottom) / 2),
        "size_z_m": height,
        "mesh_closed": bool(parts["mesh_closed"].fillna(False).all()),
        "geometry_kernel": "parts",
        "measure_note": Message("assembly.through_parts", n=len(parts), shown=Joined([_leaf(leaf) for leaf in leaves])),
    }
    if not row.get("material"):
        whole["material"] = "; ".join(leaf["material"] for leaf in leaves if leaf["material"]) or None
    if not row.get("material_layers") and len(leaves) > 0:
        whole["material_layers"] = [
            {"material": leaf["material"], "name": None, "thickness_m": leaf["thickness_m"]} for leaf in leaves
        ]
    for axis in ("x", "y"):
        low = (parts[f"centre_{axis}_m"] - parts[f"size_{axis}_m"] / 2).astype(float).min()
        high = (parts[f"centre_{axis}_m"] + parts[f"size_{axis}_m"] / 2).astype(float).max()
        whole[f"centre_{axis}_m"], whole[f"size_{axis}_m"] = float((low + high) / 2), float(high - low)
    return whole


def _leaf(leaf: dict) -> Message:
    return Message(
        "assembly.leaf",
        material=leaf["material"] or Message("assembly.no_material"),
        volume=Number(leaf["volume"], ".6g"),
        thickness=Number(leaf["thickness_m"], ".6g"),
    )
