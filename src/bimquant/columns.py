"""The tables bimquant passes between its stages: their columns, units and dimensions.

Every stage hands the next one a pandas DataFrame with the columns listed here (documented in
README.md, "Tables"); a stage can be tested alone on a small hand-made table of these columns.
Units are in the column names (``net_volume_m3``), so a quantity never travels without its unit.

The element ``family`` (wall, plate, slab, linear, filling, other) decides how an element is
measured and which authored quantities it is compared with; it is computed once, when the model
is read, and kept as a column.
"""

from __future__ import annotations

# --- element families ---
FAMILY_CLASSES = (
    ("wall", ("IfcWall", "IfcCurtainWall")),
    ("plate", ("IfcPlate",)),
    ("slab", ("IfcSlab", "IfcRoof", "IfcCovering")),
    ("linear", ("IfcBeam", "IfcColumn", "IfcMember", "IfcPile")),
    ("filling", ("IfcDoor", "IfcWindow")),
)
FAMILIES = tuple(name for name, _ in FAMILY_CLASSES) + ("other",)


def get_family(entity) -> str:
    """Measurement family of an IFC element (subclasses included): wall, plate, slab, linear,
    filling or other.

    Example::

        >>> get_family(model.by_type("IfcWallStandardCase")[0])
        'wall'
    """
    for family, classes in FAMILY_CLASSES:
        if any(entity.is_a(c) for c in classes):
            return family
    return "other"


# --- units and their physical dimensions: (length exponent, mass exponent) ---
Dimension = tuple[int, int]
DIMENSIONLESS: Dimension = (0, 0)
UNIT_DIMENSIONS: dict[str, Dimension] = {
    "u": DIMENSIONLESS,
    "m": (1, 0),
    "m2": (2, 0),
    "m3": (3, 0),
    "kg": (0, 1),
    "t": (0, 1),
}
# A work item's unit from the SI value of its formula (kg -> t).
UNIT_FROM_SI = {"t": 0.001}
SUFFIX_DIMENSIONS: dict[str, Dimension] = {"_m3": (3, 0), "_m2": (2, 0), "_m": (1, 0), "_kg": (0, 1)}


def get_column_dimension(column: str) -> Dimension:
    """Dimension of a quantity column from its unit suffix (``_m3``, ``_m2``, ``_m``, ``_kg``);
    a column without one (a count) is dimensionless."""
    for suffix, dimension in SUFFIX_DIMENSIONS.items():
        if column.endswith(suffix):
            return dimension
    return DIMENSIONLESS


# --- takeoff: elements ---
IDENTITY_COLUMNS = [
    "global_id",
    "ifc_class",
    "family",
    "predefined_type",
    "name",
    "type_name",
    "storey",
    "storey_elevation_m",
    "building",
    "parent_global_id",
    "material",
    "material_layers",
    "density_source",
    "classification",
    "is_external",
    "is_external_source",
    "load_bearing",
    "fire_rating",
]
QUANTITY_COLUMNS = [
    "net_volume_m3",
    "gross_volume_m3",
    "length_m",
    "width_m",
    "height_m",
    "net_side_area_m2",
    "gross_side_area_m2",
    "net_area_m2",
    "gross_area_m2",
    "footprint_area_m2",
    "outer_surface_area_m2",
    "perimeter_m",
    "openings_count",
    "openings_area_m2",
    "weight_kg",
    "surface_area_m2",
]
# Where the body is: the centre and the sides of its box in world coordinates (m), what a
# revision's elements are matched on when their GlobalIds changed (bimquant.diff).
LOCATION_COLUMNS = ["centre_x_m", "centre_y_m", "centre_z_m", "size_x_m", "size_y_m", "size_z_m"]
# How each element was measured, and what the model itself says of it.
PROVENANCE_COLUMNS = ["geometry_kernel", "mesh_closed", "measure_note", "authored_flags", "properties"]
ELEMENT_COLUMNS = IDENTITY_COLUMNS + QUANTITY_COLUMNS + LOCATION_COLUMNS + PROVENANCE_COLUMNS
# Elements not measured (failures, excluded), each with the reason.
LISTED_COLUMNS = ["global_id", "ifc_class", "name", "storey", "reason"]
# ... and who they are, so that the rules still see them (a door whose body failed is one door;
# a wall of block parts is priced through its parts): excluded elements
_UNMEASURED_IDENTITY = [c for c in IDENTITY_COLUMNS if c not in LISTED_COLUMNS and c != "is_external_source"]
UNMEASURED_COLUMNS = LISTED_COLUMNS + _UNMEASURED_IDENTITY + ["properties"]
# failed elements also carry the quantities their authored sets give, where the exporter's
# values of that kind agree with the geometry elsewhere in the model (``quantity_source`` says so)
FAILURE_COLUMNS = LISTED_COLUMNS + _UNMEASURED_IDENTITY + QUANTITY_COLUMNS + ["quantity_source", "properties"]
OPENING_COLUMNS = [
    "host_global_id",
    "opening_global_id",
    "opening_name",
    "filled_by",
    "filled_by_class",
    "area_m2",
    "volume_m3",
]
AUTHORED_COLUMNS = [
    "global_id",
    "ifc_class",
    "name",
    "storey",
    "set_name",
    "quantity",
    "ifc_type",
    "raw_value",
    "authored_value",
    "computed_column",
    "computed_value",
    "rel_diff",
    "verdict",
    "detail",
]

# --- work items ---
ITEM_COLUMNS = ["code", "lot", "label", "unit", "quantity", "elements", "missing_values", "provenance"]
STOREY_COLUMNS = ["code", "lot", "label", "unit", "storey", "quantity", "elements"]
TRACE_COLUMNS = [
    "global_id",
    "ifc_class",
    "name",
    "storey",
    "code",
    "label",
    "unit",
    "measures",
    "layer",
    "formula",
    "computed",
    "values",
    "contribution",
    "openings_deducted",
    "openings_measured_through",
    "provenance",  # mesh, authored (geometry failed), count (a count alone), estimated
]
UNMAPPED_COLUMNS = LISTED_COLUMNS
WARNING_COLUMNS = ["global_id", "ifc_class", "name", "kind", "message"]
NOT_MATCHED_COLUMNS = ["code", "label", "reason"]
RECONCILIATION_COLUMNS = [
    "global_id",
    "ifc_class",
    "name",
    "storey",
    "material",
    "type_name",
    "structure_items",
    "verdict",  # one of bimquant.rules.apply.STATUSES
    "reason",
    "provenance",
    "net_volume_m3",
    "wall_face_area_m2",
]

# --- estimate ---
PRICE_COLUMNS = ["code", "unit", "unit_price", "currency", "labour", "material", "equipment", "source", "date"]
LINE_COLUMNS = [
    "code",
    "lot",
    "label",
    "unit",
    "quantity",
    "unit_price",
    "amount",
    "currency",
    "priced",
    "labour",
    "material",
    "equipment",
    "source",
    "sale_unit_price",
    "sale_amount",
    "provenance",  # how many elements fed the line from the mesh, authored values, a count, an estimate
    "placeholder",  # the label still waits for a decision ("(à préciser)")
]
LOT_COLUMNS = ["lot", "amount", "share", "items", "unpriced_items"]
UNPRICED_COLUMNS = ["code", "lot", "label", "unit", "quantity"]
# --- readiness (bimquant.readiness): what to settle before pricing ---
PROBLEM_COLUMNS = [
    "kind",  # one of bimquant.readiness.KINDS
    "blocking",  # the model is not ready while such a problem is left
    "ifc_class",
    "material",
    "type_name",
    "elements",
    "net_volume_m3",
    "wall_face_area_m2",
    "detail",
    "global_ids",
]
RESERVE_COLUMNS = [
    "kind",  # elements (a group of building elements not priced once) or line (an item)
    "status",  # a reconciliation status, or unpriced / placeholder / provenance for a line
    "ifc_class",
    "material",
    "type_name",
    "storey",
    "elements",
    "net_volume_m3",
    "volume_unknown",  # elements of the group whose volume is not known (body not measured)
    "wall_face_area_m2",
    "code",
    "label",
    "unit",
    "quantity",
    "reason",
    "global_ids",
]

# --- orders ---
ORDER_COLUMNS = [
    "supplier",
    "material",
    "label",
    "unit",
    "batch",
    "delivery_date",
    "order_by",
    "items",
    "need_without_waste",
    "need",
    "ordered",
    "packs",
    "purchase_unit",
    "pack_size",
    "surplus",
    "trucks",
    "last_truck",
    "order_value",
]
NEED_COLUMNS = [
    "code",
    "lot",
    "global_id",
    "storey",
    "batch",
    "material",
    "item_quantity",
    "per_unit",
    "waste_pct",
    "need_without_waste",
    "need",
]
WITHOUT_RECIPE_COLUMNS = ["code", "lot", "label", "unit", "quantity"]
SUPPLIER_SUMMARY_COLUMNS = ["supplier", "lines", "materials", "order_value"]

# --- the model stage hands the takeoff the identity columns and what it needs from the file ---
MODEL_COLUMNS = IDENTITY_COLUMNS + [
    "properties",
    "step_id",
    "densities",
    "openings",
    "authored",
    "damage",
    "curved",
    "exact",  # bimquant.solids.Exact: the body's exact volume, or None
    "declared_types",  # {"occurrence": its PredefinedType, "type": its type's}: read with the shape
]

# --- revisions (bimquant.diff) ---
MAP_COLUMNS = ["old_global_id", "new_global_id", "how"]
REVISION_ELEMENT_COLUMNS = ["old_global_id", "new_global_id", "ifc_class", "name", "storey", "status", "how", "changes"]
REVISION_ITEM_COLUMNS = [
    "code",
    "lot",
    "label",
    "unit",
    "old_quantity",
    "new_quantity",
    "delta_quantity",
    "unit_price",
    "delta_amount",
    "new_price",
    "added_quantity",
    "removed_quantity",
    "changed_quantity",
    "ambiguous_quantity",
    "added_elements",
    "removed_elements",
    "changed_elements",
    "ambiguous_elements",
    "measured_old_quantity",
    "omitted_quantity",
    "omitted_elements",
]
REVISION_TRACE_COLUMNS = [
    "code",
    "old_global_id",
    "new_global_id",
    "ifc_class",
    "name",
    "status",
    "old_contribution",
    "new_contribution",
    "delta",
]
NEW_PRICE_COLUMNS = ["code", "lot", "label", "unit", "old_quantity", "new_quantity", "delta_quantity"]

# --- progress billing (bimquant.situation) ---
SITUATION_LINE_COLUMNS = [
    "code",
    "lot",
    "label",
    "unit",
    "contract_quantity",
    "unit_price",
    "contract_amount",
    "cumulative_percent",
    "cumulative_quantity",
    "cumulative_amount",
    "previous_percent",
    "previous_amount",
    "period_amount",
]
SITUATION_LOT_COLUMNS = [
    "lot",
    "contract_amount",
    "cumulative_amount",
    "previous_amount",
    "period_amount",
    "percent_complete",
]
SITUATION_STAGE_COLUMNS = ["stage", "contract_amount", "cumulative_amount", "percent_complete"]

# --- costs against budget (bimquant.costs) ---
COST_FIGURES = ["budget", "earned", "actual", "cost_variance", "cpi", "eac", "eac_budget"]
COST_LINE_COLUMNS = ["code", "lot", "label", "unit", "budget", "percent", *COST_FIGURES[1:]]
COST_LOT_COLUMNS = ["lot", *COST_FIGURES]
COST_STAGE_COLUMNS = ["stage", *COST_FIGURES]
UNMATCHED_COST_COLUMNS = ["code", "lot", "label", "issue", "earned", "actual"]
ACTUAL_COLUMNS = ["date", "code", "lot", "kind", "amount", "supplier", "reference"]

# --- stock on site (bimquant.stock) ---
STOCK_COLUMNS = [
    "material",
    "label",
    "unit",
    "batch",
    "delivery_date",
    "ordered",
    "delivered",
    "consumed",
    "on_site",
    "to_deliver",
    "still_needed",
    "alert",
]

# --- portfolio (bimquant.batch) ---
BATCH_MODEL_COLUMNS = [
    "file",
    "sha256",
    "schema",
    "elements_measured",
    "elements_failed",
    "wall_net_volume_m3",
    "wall_net_side_area_m2",
    "slab_net_volume_m3",
    "slab_net_area_m2",
    "plate_net_volume_m3",
    "plate_net_side_area_m2",
    "linear_net_volume_m3",
    "filling_net_volume_m3",
    "filling_gross_area_m2",
    "other_net_volume_m3",
    "direct_cost",
    "total_excl_vat",
    "floor_area_m2",
    "cost_per_m2",
    "cost_per_m2_basis",
    "volume_share",  # of the building volume priced once (see bimquant.rules.apply.get_coverage)
    "elements_not_priced_once",
    "complete",
    "incomplete",  # why not: the count of each reason
]
BATCH_ITEM_COLUMNS = ["file", "code", "lot", "label", "unit", "quantity", "unit_price", "amount"]
BATCH_LOT_COLUMNS = ["file", "lot", "amount"]
BATCH_FAILURE_COLUMNS = ["file", "reason"]

# --- write-back into the IFC (bimquant.writeback) ---
WRITEBACK_ELEMENT_COLUMNS = [
    "global_id",
    "ifc_class",
    "name",
    "set_name",
    "status",
    "quantities",
    "work_items",
    "legacy_set",
]
WRITEBACK_ITEM_COLUMNS = ["code", "lot", "label", "unit", "quantity", "unit_price", "elements", "cost_item"]
WRITEBACK_SKIPPED_COLUMNS = ["what", "global_id", "code", "reason"]
