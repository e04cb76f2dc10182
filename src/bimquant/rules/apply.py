"""Work items from measured elements: selection, measurement conventions, layers, coverage.

Example::

    >>> import bimquant
    >>> from bimquant.rules import apply_rules, load_ruleset
    >>> result = apply_rules(bimquant.takeoff("sample_models/house_ifc4.ifc"), load_ruleset("rules/fr-lots.toml"))
    >>> result.items[["code", "label", "unit", "quantity"]]
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bimquant.columns import (
    ITEM_COLUMNS,
    NOT_MATCHED_COLUMNS,
    RECONCILIATION_COLUMNS,
    OPENING_COLUMNS,
    QUANTITY_COLUMNS as QUANTITY_NAMES,
    STOREY_COLUMNS,
    TRACE_COLUMNS,
    UNIT_FROM_SI,
    UNMAPPED_COLUMNS,
    WARNING_COLUMNS,
)
from bimquant.errors import RuleError
from bimquant.result import Result
from bimquant.rules.ruleset import STRUCTURE, Item, RuleSet, is_subclass
from bimquant.model import get_common_property
from bimquant.rules.assemblies import FILLING_CLASSES, get_whole_assemblies, whole_from_parts
from bimquant.rules.reading import find_linings, is_precast_material, read_element
from bimquant.rules.select import get_mismatch, get_read_class, match_layers
from bimquant.takeoff import Takeoff, get_hosts, get_storey_order
from bimquant.messages import Joined, Message, Number, and_list

log = logging.getLogger(__name__)
# Every element of a takeoff has exactly one of these statuses in the reconciliation:
STATUSES = (
    "priced_once",  # an item prices its body, once, with a finite quantity
    "double_counted",  # two items that measure the same thing take it
    "value_unknown",  # an item takes it, but its quantity there has no value (no density, ...)
    "not_priced",  # no item prices its body (the reason says what the closest items lack)
    "geometry_failed",  # its body could not be measured, and no count or trusted authored value prices it
    "not_building_work",  # left out on purpose: furniture, openings (measured on their host)
    "represented_by_parts",  # an aggregate whose parts are measured and priced instead
    "represented_by_parent",  # a part without a body of its own: its aggregate carries it
)
VERDICTS = STATUSES  # the reconciliation's column is still called verdict
# The building work: elements that should each be priced once.
BUILDING_STATUSES = ("priced_once", "double_counted", "value_unknown", "not_priced", "geometry_failed")
# Where a trace row's quantity comes from (column ``provenance``), from the surest to the least.
PROVENANCES = ("mesh", "authored", "count", "estimated")

AREA_COLUMNS = ("gross_side_area_m2", "gross_area_m2")
VOLUME_COLUMNS = ("gross_volume_m3",)
LAYER_SCALED = ("net_volume_m3", "gross_volume_m3")


@dataclass
class WorkItems(Result):
    """Quantities per work item, traced to elements.

    - ``items``: one row per item of the rule set, in its order (code, lot, label, unit,
      quantity, elements, missing_values: elements matched but with no value, e.g. no density;
      provenance: how many elements fed it from the mesh, authored values, a count alone, or
      an estimate).
    - ``by_storey``: the same per storey.
    - ``trace``: one row per element (or layer) and item: the formula with its values, the
      contribution, which openings were deducted and which measured through, the provenance.
    - ``unmapped``: elements that feed no item, with why no item matched.
    - ``warnings``: conflicts (an element feeding two items that measure the same thing),
      missing values.
    - ``reconciliation``: every element of the takeoff (measured, failed, left out) with one
      status of ``STATUSES`` and its reason.
    - ``coverage``: counts of each status, and the shares priced once by count and by measure
      (building volume, wall face area, doors and windows), ``complete`` when every building
      element is priced once, and the largest groups not priced.
    - ``storeys``: the storey names from the lowest to the highest (delivery batches follow it).
    """

    TABLES = ("items", "by_storey", "trace", "unmapped", "warnings", "reconciliation")

    ruleset: RuleSet
    items: pd.DataFrame
    by_storey: pd.DataFrame
    trace: pd.DataFrame
    unmapped: pd.DataFrame
    warnings: pd.DataFrame
    coverage: dict = field(default_factory=dict)
    storeys: list[str] = field(default_factory=list)
    reconciliation: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RECONCILIATION_COLUMNS))

    @property
    def info(self) -> dict:
        return {
            "ruleset": self.ruleset.name,
            "ruleset_file": str(self.ruleset.path),
            "language": self.ruleset.language,
            "coverage": self.coverage,
        }


def apply_rules(takeoff: Takeoff, ruleset: RuleSet) -> WorkItems:
    """Group the takeoff's elements into the rule set's work items, and reconcile every element
    of the takeoff (measured, failed or left out) to one status."""
    schema = takeoff.info.get("schema", "IFC4")
    openings = _openings_by_host(takeoff.openings)
    trace, unmapped, warnings = [], [], []
    double: dict[str, list[tuple[str, str]]] = {}  # global_id -> (measures label, message)
    readings: dict[str, str] = {}  # global_id -> the class read, where it is not the declared one
    wholes: dict[str, dict] = {}  # global_id -> an aggregate priced whole, as the rules saw it
    against = find_linings(takeoff.elements[takeoff.elements["family"] == "wall"].to_dict(orient="records"))
    trusted = _trusted_external(takeoff) if ruleset.external_flags == "trusted" else {}
    assemblies = get_whole_assemblies(takeoff, schema, ruleset.levels)
    for element, source in _candidates(takeoff, schema, assemblies):
        if element["global_id"] in trusted:
            element = element | {"is_external": trusted[element["global_id"]], "is_external_source": "model"}
        element = with_reading(element, schema, against)
        if element.get("geometry_kernel") == "parts":
            wholes[element["global_id"]] = element
        if element["read_class"] != element["ifc_class"]:
            readings[element["global_id"]] = element["read_class"]
        if element["reading_note"]:
            warnings.append(_who(element) | {"kind": "reading", "message": element["reading_note"]})
        matched = [item for item in ruleset.items if _matches(item, element, schema)]
        if not matched:
            unmapped.append(
                _who(element) | {"storey": element.get("storey"), "reason": explain_unmapped(ruleset, element, schema)}
            )
            continue
        fed: list[tuple[Item, int]] = []  # (item, layer index: -1 for the whole element)
        for item in matched:
            for row in measure_item(item, element, openings.get(element["global_id"], []), source):
                trace.append(row)
                fed.append((item, row["layer_index"]))
                if not math.isfinite(row["contribution"]):
                    warnings.append(_who(element) | {"kind": "missing_value", "message": _no_value(item, row, source)})
                elif row["contribution"] < 0:
                    said = Message(
                        "apply.negative",
                        code=item.code,
                        formula=item.quantity.text,
                        computed=row["computed"],
                        value=f"{row['contribution']:.6g}",
                        unit=item.unit,
                    )
                    warnings.append(_who(element) | {"kind": "negative_value", "message": said})
        for tag, message in _double_counts(element, fed).items():
            warnings.append(_who(element) | {"kind": "conflict", "message": message})
            double[element["global_id"]] = double.get(element["global_id"], []) + [(tag, message)]
    trace_frame = pd.DataFrame(trace, columns=TRACE_COLUMNS)
    warn_negative(trace_frame)
    unmapped_frame = pd.DataFrame(unmapped, columns=UNMAPPED_COLUMNS)
    reconciliation = reconcile(
        takeoff, trace_frame, unmapped_frame, double, ruleset, schema, readings, wholes, assemblies
    )
    storeys = get_storey_order(takeoff.elements)
    return WorkItems(
        ruleset=ruleset,
        items=_totals(ruleset, trace_frame),
        by_storey=_totals_by_storey(ruleset, trace_frame, storeys + [""]),
        trace=trace_frame,
        unmapped=unmapped_frame,
        warnings=pd.DataFrame(warnings, columns=WARNING_COLUMNS),
        coverage=get_coverage(reconciliation, trace_frame, ruleset),
        storeys=storeys,
        reconciliation=reconciliation,
    )


def with_reading(element: dict, schema: str, against: dict[str, str] | None = None) -> dict:
    """The element with bimquant's reading of it (:mod:`bimquant.rules.reading`): the class the
    rules select on, whether it is precast or a lining, the signals used and their disagreements.
    ``against``: the linings found against other walls (:func:`find_linings`)."""
    reading = read_element(element, schema, against)
    return (
        element
        | reading.quantities
        | {
            "read_class": reading.read_class,
            "precast": reading.precast,
            "lining": reading.lining,
            "precast_by_material": reading.precast_by_material,
            "signals": Joined(reading.signals),
            "reading_note": reading.note,
        }
    )


def _candidates(takeoff: Takeoff, schema: str, assemblies: dict[str, str]) -> list[tuple[dict, str]]:
    """The elements the rules see, with where their quantities come from: measured ones
    (``mesh``), failed ones (``failed``: a count, and the authored values the takeoff trusted),
    doors or windows without a body (``no_body``: a count), and elements priced whole from
    their parts (``mesh``, :mod:`bimquant.rules.assemblies`), whose parts the rules do not see.
    Other aggregates, openings and bodiless elements are reconciled without the rules.
    ``assemblies``: the aggregates priced whole (:func:`get_whole_assemblies`)."""
    elements = takeoff.elements
    found = [(e, "mesh") for e in elements.to_dict(orient="records") if e["parent_global_id"] not in assemblies]
    found += [
        (_unmeasured(row), "failed")
        for row in takeoff.failures.to_dict(orient="records")
        if row.get("parent_global_id") not in assemblies
    ]
    external = _host_external(takeoff)
    openings = _openings_by_host(takeoff.openings)
    wholes = {gid for gid, kind in assemblies.items() if kind == "parts"}
    parts_of = dict(list(elements[elements["parent_global_id"].isin(wholes)].groupby("parent_global_id")))
    for row in takeoff.excluded.to_dict(orient="records"):
        if row["global_id"] in parts_of:
            parts = parts_of[row["global_id"]]
            found.append((whole_from_parts(row, parts, openings.get(row["global_id"], [])), "mesh"))
        elif _exclusion(row, schema) in ("no_body", "aggregate") and _is_filling(row, schema):
            if not isinstance(row.get("is_external"), bool) and row["global_id"] in external:
                row = row | {"is_external": external[row["global_id"]]}  # as a measured door: its wall's
            found.append((_unmeasured(row), "no_body"))
    return found


def _trusted_external(takeoff: Takeoff) -> dict[str, bool]:
    """``[ruleset] external_flags = "trusted"``: every IsExternal the model states, even where
    the takeoff set the flags aside for the storey outline; a door or window without its own
    flag takes its wall's."""
    stated = {}
    for table in (takeoff.elements, takeoff.failures, takeoff.excluded):
        if "properties" not in table:
            continue
        for gid, properties in zip(table["global_id"], table["properties"]):
            value = get_common_property(properties or {}, "IsExternal")
            if isinstance(value, bool):
                stated[gid] = value
    for filling, host in get_hosts(takeoff.openings).items():
        if filling not in stated and host in stated:
            stated[filling] = stated[host]
    return stated


def _host_external(takeoff: Takeoff) -> dict[str, bool]:
    """``{door or window GlobalId: is_external of the wall it fills}``, from the openings."""
    walls = dict(zip(takeoff.elements["global_id"], takeoff.elements["is_external"]))
    hosts = get_hosts(takeoff.openings)
    return {filling: walls[host] for filling, host in hosts.items() if isinstance(walls.get(host), bool)}


def _unmeasured(row: dict) -> dict:
    """An unmeasured element as the rules read it: its identity, NaN for what was not measured."""
    plain = {
        k: (None if isinstance(v, float) and math.isnan(v) and k not in QUANTITY_NAMES else v) for k, v in row.items()
    }
    return {name: math.nan for name in QUANTITY_NAMES} | plain


def _is_filling(row: dict, schema: str) -> bool:
    return any(is_subclass(row["ifc_class"], cls, schema) for cls in FILLING_CLASSES)


def _exclusion(row: dict, schema: str) -> str:
    """Why the takeoff left an element out: ``feature`` (openings, projections, virtual
    elements), ``aggregate`` (its parts are measured) or ``no_body``."""
    if any(is_subclass(row["ifc_class"], c, schema) for c in ("IfcFeatureElement", "IfcVirtualElement")):
        return "feature"
    if str(row.get("reason") or "").startswith("aggregate"):
        return "aggregate"
    return "no_body"


def _no_value(item: Item, row: dict, source: str) -> str:
    why = Message("apply.left_out" if source == "mesh" else "apply.body_not_measured")
    return Message("apply.no_value", code=item.code, formula=item.quantity.text, computed=row["computed"], why=why)


def warn_negative(trace: pd.DataFrame) -> None:
    """Log, per item, the elements that give a negative quantity (they lower its total)."""
    negative = trace[trace["contribution"] < 0]
    for code, rows in negative.groupby("code", sort=False):
        total = Number(rows["contribution"].sum(), ".6g")
        said = Message(
            "log.negative", code=code, n=rows["global_id"].nunique(), total=Joined([total, rows["unit"].iloc[0]], " ")
        )
        log.warning(said)


def _double_counts(element: dict, fed: list[tuple[Item, int]]) -> dict[str, str]:
    """For each measures label an element (or a layer of it) is counted under twice, the
    message saying by which items: two items on the same layer, or one on the whole element
    and another on any of its layers, whatever their lots."""
    by_label: dict[str, list[tuple[str, int]]] = {}
    for item, layer_index in fed:
        entries = by_label.setdefault(item.measures, [])
        if (item.code, layer_index) not in entries:
            entries.append((item.code, layer_index))
    found = {}
    for label, entries in by_label.items():
        clashes = [
            (a, b)
            for i, a in enumerate(entries)
            for b in entries[i + 1 :]
            if a[0] != b[0] and (a[1] == b[1] or -1 in (a[1], b[1]))
        ]
        if not clashes:
            continue
        codes = list(dict.fromkeys(code for pair in clashes for code, _ in pair))
        layer_indexes = {index for pair in clashes for _, index in pair if index >= 0}
        layers = element.get("material_layers") or []
        named = [
            Message("reason.layer", n=i + 1, name=layers[i].get("name") or layers[i].get("material"))
            for i in sorted(layer_indexes)
            if i < len(layers) and (layers[i].get("name") or layers[i].get("material"))
        ]
        where = f" ({'; '.join(named)})" if named else ""
        found[label] = Message("reason.counted_twice", codes=and_list(codes), where=where, label=label)
    return found


def reconcile(
    takeoff: Takeoff,
    trace: pd.DataFrame,
    unmapped: pd.DataFrame,
    double: dict[str, list[tuple[str, str]]],
    ruleset: RuleSet,
    schema: str,
    readings: dict[str, str] | None = None,
    priced_whole: dict[str, dict] | None = None,
    assemblies: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per element of the takeoff (measured, failed, left out), with one status of
    ``STATUSES``, the items that price its body (``measures = "structure"``), where its
    quantities come from, and its net volume and wall face area where known.

    A rule set that labels no item ``structure`` (older ones) counts an element as priced when
    any item takes it."""
    uses_structure = any(item.measures == STRUCTURE for item in ruleset.items)
    structure = trace[trace["measures"] == STRUCTURE] if uses_structure else trace
    items_of = structure.groupby("global_id")["code"].agg(lambda codes: list(dict.fromkeys(codes))).to_dict()
    fed_by = trace.groupby("global_id")["code"].agg(lambda codes: list(dict.fromkeys(codes))).to_dict()
    unknown = trace[~np.isfinite(trace["contribution"].astype(float))]
    unknown_codes = unknown.groupby("global_id")["code"].agg(lambda codes: list(dict.fromkeys(codes))).to_dict()
    rank = trace["provenance"].map({p: i for i, p in enumerate(PROVENANCES)})
    worst = rank.groupby(trace["global_id"]).max().dropna().astype(int)  # the least sure of its rows
    provenance = {gid: PROVENANCES[i] for gid, i in worst.items()}
    why_unmapped = dict(zip(unmapped["global_id"], unmapped["reason"]))
    read = readings or {}
    priced_whole = priced_whole or {}
    rows = []

    def add(element: dict, verdict: str, reason: str, codes: list[str], volume=None, face=None) -> None:
        gid = element["global_id"]
        rows.append(
            {
                **_who(element),
                "storey": element.get("storey"),
                "material": element.get("material"),
                "type_name": element.get("type_name"),
                "structure_items": ", ".join(codes),
                "verdict": verdict,
                "reason": reason,
                "provenance": provenance.get(gid, ""),
                "net_volume_m3": _finite(element.get("net_volume_m3")) if volume is None else volume,
                "wall_face_area_m2": _face(element) if face is None else face,
            }
        )

    def judge(element: dict, source: str, failure: str = "") -> None:
        gid = element["global_id"]
        codes = items_of.get(gid, [])
        clashes = [m for label, m in double.get(gid, []) if label == STRUCTURE or not uses_structure]
        lacking = unknown_codes.get(gid, [])
        if clashes:
            add(element, "double_counted", "; ".join(clashes), codes)
        elif codes and lacking:
            what = Message("reason.no_value_for", codes=", ".join(lacking))
            if source == "mesh":
                add(element, "value_unknown", Message("reason.see_warnings", what=what), codes)
            else:
                add(element, "geometry_failed", f"{failure}; {what}: {element.get('quantity_source') or ''}", codes)
        elif codes:
            add(element, "priced_once", "", codes)
        elif not fed_by.get(gid) and _not_building_work(ruleset, read.get(gid, element["ifc_class"]), schema):
            said = (
                element["ifc_class"]
                if gid not in read
                else Message("reason.read_as", cls=element["ifc_class"], read=read[gid])
            )
            add(
                element,
                "not_building_work",
                Message("reason.not_building_work", said=said, ruleset=ruleset.name),
                codes,
            )
        elif source == "failed":
            why = why_unmapped.get(gid, Message("reason.no_item_prices_body"))
            add(element, "geometry_failed", f"{failure}; {why}", codes)
        elif gid in why_unmapped:
            add(element, "not_priced", why_unmapped[gid], codes)
        else:
            fed = ", ".join(fed_by.get(gid, []))
            add(element, "not_priced", Message("reason.feeds_not_body", fed=fed), codes)

    if assemblies is None:
        assemblies = get_whole_assemblies(takeoff, schema, ruleset.levels)

    def part_of_assembly(element: dict) -> bool:
        parent = element.get("parent_global_id")
        if parent not in assemblies:
            return False
        if assemblies[parent] == "filling":
            add(element, "represented_by_parent", Message("reason.part_of_filling", parent=parent), [])
        else:
            add(element, "represented_by_parent", Message("reason.part_of_whole", parent=parent), [])
        return True

    for element in _records(takeoff.elements):
        if not part_of_assembly(element):
            judge(element, "mesh")
    for element in _records(takeoff.failures):
        if not part_of_assembly(element):
            judge(_unmeasured(element), "failed", Message("reason.geometry_failed", reason=element["reason"]))
    parts_of: dict[str, list[str]] = {}
    for table in (takeoff.elements, takeoff.failures, takeoff.excluded):
        if "parent_global_id" not in table:  # a takeoff made by hand, or read from an older file
            continue
        for gid, parent in zip(table["global_id"], table["parent_global_id"]):
            if isinstance(parent, str) and parent:
                parts_of.setdefault(parent, []).append(gid)
    status = {row["global_id"]: row["verdict"] for row in rows}
    later = []  # aggregates are judged once their parts are
    for element in _records(takeoff.excluded):
        kind = _exclusion(element, schema)
        if part_of_assembly(element):
            continue
        if kind == "feature":
            add(element, "not_building_work", element["reason"], [], volume=math.nan, face=math.nan)
        elif kind == "aggregate" and assemblies.get(element["global_id"]) == "filling":
            judge(_unmeasured(element), "no_body", Message("reason.filling_from_parts"))
        elif kind == "aggregate" and element["global_id"] in priced_whole:
            judge(priced_whole[element["global_id"]], "mesh")
        elif kind == "aggregate":
            later.append(element)
        elif _is_filling(element, schema):
            judge(_unmeasured(element), "no_body", Message("reason.no_body"))
        elif element.get("parent_global_id"):
            parent = element["parent_global_id"]
            add(element, "represented_by_parent", Message("reason.part_without_body", parent=parent), [])
        elif any(is_subclass(element["ifc_class"], c, schema) for c in ruleset.not_building_work):
            said = Message("reason.not_building_work", said=element["ifc_class"], ruleset=ruleset.name)
            add(element, "not_building_work", said, [])
        else:
            add(element, "not_priced", Message("reason.nothing_to_measure"), [])
    status |= {row["global_id"]: row["verdict"] for row in rows}
    for element in later:
        parts = parts_of.get(element["global_id"], [])
        counts = pd.Series([status.get(p, "not_priced") for p in parts]).value_counts()
        said = ", ".join(Message(f"count.{verdict}", n=n) for verdict, n in counts.items())
        codes = list(dict.fromkeys(c for p in parts for c in items_of.get(p, [])))
        add(
            element,
            "represented_by_parts",
            Message("reason.parts_carry", n=len(parts), said=said),
            codes,
            math.nan,
            math.nan,
        )
    return pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)


RECONCILED = (  # what the reconciliation reads of an element: a few columns of a wide table
    "global_id",
    "ifc_class",
    "name",
    "storey",
    "material",
    "type_name",
    "family",
    "parent_global_id",
    "net_volume_m3",
    "net_side_area_m2",
    "reason",
    "quantity_source",
)


def _not_building_work(ruleset: RuleSet, ifc_class: str, schema: str) -> bool:
    return any(ifc_class == c or is_subclass(ifc_class, c, schema) for c in ruleset.not_building_work)


def _records(table: pd.DataFrame) -> list[dict]:
    return table[[c for c in RECONCILED if c in table.columns]].to_dict(orient="records")


def _finite(value) -> float:
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else math.nan


def _face(element: dict) -> float:
    """A wall's face area (one side, openings deducted), NaN for other elements."""
    return _finite(element.get("net_side_area_m2")) if element.get("family") == "wall" else math.nan


def _known_sum(values: pd.Series) -> float | None:
    """The sum of the known values, None when none is known (a volume nobody measured)."""
    known = values.astype(float).dropna()
    return round(float(known.sum()), 6) if len(known) else None


def get_coverage(reconciliation: pd.DataFrame, trace: pd.DataFrame, ruleset: RuleSet) -> dict:
    """How much of the building work is priced once, by count and by measure.

    The building work is every element whose status is one of ``BUILDING_STATUSES`` (not
    furniture or openings, not aggregates priced through their parts). Its shares priced once:
    of the elements, of their net volume, of the walls' face area, of the doors and windows.
    ``complete`` is True only when every one of them is priced once. ``gaps``: the largest
    groups (status, class, material, type) not priced once, by volume then count.

    Example::

        >>> get_coverage(work.reconciliation, work.trace, work.ruleset)["volume_share"]
        0.0015
    """
    counts = reconciliation["verdict"].value_counts()
    building = reconciliation[reconciliation["verdict"].isin(BUILDING_STATUSES)]
    once = building["verdict"] == "priced_once"
    volume = building["net_volume_m3"].astype(float)
    face = building["wall_face_area_m2"].astype(float)
    is_filling = building["ifc_class"].map(lambda c: str(c).startswith(FILLING_CLASSES)).astype(bool)
    fillings = building.loc[is_filling]  # .loc: an empty mask of objects would select columns
    fed = set(trace["global_id"])

    def share(part: float, whole: float) -> float:
        return round(part / whole, 4) if whole > 0 else 1.0

    gaps = []
    missing = building[~once].fillna({"material": "", "type_name": ""})
    for (verdict, cls, material, type_name), group in missing.groupby(
        ["verdict", "ifc_class", "material", "type_name"], sort=False
    ):
        gaps.append(
            {
                "status": verdict,
                "ifc_class": cls,
                "material": material or None,
                "type_name": type_name or None,
                "elements": len(group),
                "net_volume_m3": _known_sum(group["net_volume_m3"]),
                "reason": str(group["reason"].iloc[0]),
            }
        )
    gaps.sort(key=lambda g: (-(g["net_volume_m3"] or 0.0), -g["elements"]))
    priced_volume = float(volume[once].sum())
    all_volume = float(volume.sum())
    return {
        "elements": len(reconciliation),
        "building_elements": len(building),
        "elements_priced": int(once.sum()),
        "elements_mapped": int(reconciliation["global_id"].isin(fed).sum()),
        "elements_share": share(int(once.sum()), len(building)),
        "net_volume_m3": round(all_volume, 6),
        "net_volume_priced_m3": round(priced_volume, 6),
        "volume_share": share(priced_volume, all_volume),
        "volume_unknown_elements": int((volume.isna() & ~once).sum()),  # not priced, and not in the shares
        "wall_face_area_m2": round(float(face.sum()), 6),
        "wall_face_priced_m2": round(float(face[once].sum()), 6),
        "wall_face_share": share(float(face[once].sum()), float(face.sum())),
        "doors_windows": len(fillings),
        "doors_windows_priced": int((fillings["verdict"] == "priced_once").sum()),
        "threshold": ruleset.coverage_threshold,
        "below_threshold": share(priced_volume, all_volume) < ruleset.coverage_threshold,
        "complete": bool(once.all()),
        **{verdict: int(counts.get(verdict, 0)) for verdict in STATUSES},
        "gaps": gaps[:10],
    }


def _matches(item: Item, element: dict, schema: str) -> bool:
    return _mismatch(item, element, schema) is None


def _as_layer(element: dict, layer: dict | None) -> dict:
    """The element as a layer item sees it: ``width_m`` is the layer's thickness when known;
    when only materials say the element is precast, ``precast`` is the layer's own (a screed
    poured on precast planks is cast in place)."""
    if layer is None:
        return element
    seen = dict(element)
    if layer.get("thickness_m") is not None:
        seen["width_m"] = layer["thickness_m"]
    if element.get("precast_by_material"):
        seen["precast"] = is_precast_material(layer.get("material"))
    return seen


def _where_holds(item: Item, element: dict) -> bool:
    """The item's where condition holds for the element, or, for a layer item, for one of its
    matching layers (``width_m`` being that layer's thickness)."""
    if not item.select.layer:
        return item.where.test(element)
    return any(item.where.test(_as_layer(element, layer)) for layer in match_layers(item.select.layer, element))


def _where_reason(item: Item, element: dict) -> str:
    """Why the where condition fails: on the element, or, for a layer item, on each of its
    matching layers (the values a layer item reads are the layer's, not the whole element's)."""
    if not item.select.layer:
        return item.where.explain(element)
    layers = match_layers(item.select.layer, element)
    reasons = [
        Message("reason.layer_mismatch", material=layer["material"], why=item.where.explain(_as_layer(element, layer)))
        for layer in layers
    ]
    return "; ".join(reasons) or item.where.explain(element)


def _mismatch(item: Item, element: dict, schema: str, excluded: str = Message("reason.excluded")) -> str | None:
    """None when the item takes the element, else the first reason it does not: a selector
    condition, its where condition, or its exclude conditions."""
    mismatch = get_mismatch(item.select, element, schema)
    if mismatch is None and item.where is not None and not _where_holds(item, element):
        mismatch = _where_reason(item, element)
    if mismatch is None and item.exclude is not None and get_mismatch(item.exclude, element, schema) is None:
        mismatch = excluded
    return mismatch


def measure_item(item: Item, element: dict, openings: list[dict], source: str = "mesh") -> list[dict]:
    """Trace rows for one element feeding one item: one per selected layer, or one.

    ``source``: ``mesh`` for a measured element; ``failed`` or ``no_body`` for one whose body
    was not measured, which a count prices, or the authored values the takeoff trusted."""
    base = {name: element.get(name) for name in item.quantity.names}
    base["count"] = 1.0
    deducted, through = _judge_openings(item, openings) if item.has_openings_convention else ([], [])
    provenance = _provenance(item, element, source, through)
    layers = match_layers(item.select.layer, element) if item.select.layer else [None]
    if item.select.layer and item.where is not None:  # each layer on its own: a 9 cm brick leaf is thin masonry
        layers = [layer for layer in layers if item.where.test(_as_layer(element, layer))]
    rows = []
    for layer in layers:
        values = dict(base)
        share = layer["share"] if layer else 1.0
        if layer:
            for name in LAYER_SCALED:
                if name in values and values[name] is not None:
                    values[name] = values[name] * share
            if "width_m" in values and layer.get("thickness_m") is not None:
                values["width_m"] = layer["thickness_m"]
            if "weight_kg" in values:
                density = layer.get("density_kg_m3")
                net = element.get("net_volume_m3")
                values["weight_kg"] = net * share * density if density and net is not None else math.nan
        before = dict(values)
        for name in AREA_COLUMNS:
            if name in values and values[name] is not None:
                values[name] = values[name] - sum(o["area_m2"] for o in deducted)
        for name in VOLUME_COLUMNS:
            if name in values and values[name] is not None:
                values[name] = values[name] - share * sum(o["volume_m3"] for o in deducted)
        value = item.quantity.evaluate(values) * UNIT_FROM_SI.get(item.unit, 1.0)
        if math.isinf(value) or (math.isnan(value) and item.quantity.overflows(values)):
            said = Message(
                "error.apply.not_finite",
                code=item.code,
                label=item.label,
                formula=item.quantity.text,
                global_id=element["global_id"],
                name=element.get("name"),
                computed=item.quantity.render(values),
            )
            raise RuleError(said, Message("hint.apply.fix_formula"))
        rows.append(
            {
                **_who(element),
                "storey": element.get("storey"),
                "code": item.code,
                "label": item.label,
                "unit": item.unit,
                "measures": item.measures,
                "layer": (layer.get("name") or layer.get("material")) if layer else None,
                "formula": item.quantity.text,
                "computed": item.quantity.render(values),
                "values": _describe_values(item, element, layer, before, values, deducted, through),
                "contribution": value,
                "openings_deducted": _describe(deducted),
                "openings_measured_through": _describe(through),
                "provenance": provenance,
                # which layer of the element, for conflicts: two layers may share a name (not a column)
                "layer_index": layer.get("index", -1) if layer else -1,
            }
        )
    return rows


def _provenance(item: Item, element: dict, source: str, through: list[dict]) -> str:
    """Where the quantity comes from: the mesh; a count alone or the authored values (the
    body was not measured); an estimate (openings of unknown area measured through, or a mesh
    that is not closed)."""
    if source != "mesh":
        return "count" if not item.quantity.names - {"count"} else "authored"
    if any(o.get("unknown") for o in through) or element.get("mesh_closed") is False:
        return "estimated"
    return "mesh"


def _describe_values(item: Item, element: dict, layer, before: dict, values: dict, deducted, through) -> str:
    """What each quantity of the formula is, named honestly: ``gross_side_area_m2 after
    deducting openings above 2.5 m2: 10 (gross 15, 1 opening deducted, 1 measured through)``;
    a layer's share of a volume says so."""
    parts = []
    for name in sorted(item.quantity.names - {"count"}):
        value, raw = values.get(name), element.get(name)
        text = f"{name} = {_number(value)}"
        if layer and name in LAYER_SCALED and raw is not None:
            said = {
                "name": name,
                "layer": layer.get("name") or layer.get("material"),
                "value": _number(before.get(name)),
            }
            if layer.get("listed"):
                text = Message("trace.layer_listed", **said, raw=_number(raw))
            else:
                text = Message("trace.layer_share", **said, share=f"{layer['share']:.1%}", raw=_number(raw))
            raw = before.get(name)
        if value != before.get(name) and value is not None:
            thresholds = and_list(
                [f"{t:g} {u}" for t, u in ((item.deduct_above_m2, "m2"), (item.deduct_above_m3, "m3")) if t is not None]
            )
            text = Message(
                "trace.deducted",
                name=name,
                thresholds=thresholds,
                value=_number(value),
                gross=_number(before.get(name)),
                deducted=len(deducted),
                through=len(through),
            )
        parts.append(text)
    return "; ".join(parts)


def _number(value) -> str:
    return "nan" if value is None or value != value else f"{value:.6g}"


def _judge_openings(item: Item, openings: list[dict]) -> tuple[list[dict], list[dict]]:
    """Each opening on its own: deducted when above every threshold the item states."""
    deducted, through = [], []
    for opening in openings:
        above = True
        if item.deduct_above_m2 is not None:
            above &= not (opening["area_m2"] <= item.deduct_above_m2)
        if item.deduct_above_m3 is not None:
            above &= not (opening["volume_m3"] <= item.deduct_above_m3)
        unknown = (item.deduct_above_m2 is not None and not math.isfinite(opening["area_m2"])) or (
            item.deduct_above_m3 is not None and not math.isfinite(opening["volume_m3"])
        )
        if unknown:  # a decision, said in the trace: measured through, and the line is an estimate
            through.append(opening | {"unknown": True})
        else:
            (deducted if above else through).append(opening)
    return deducted, through


def _describe(openings: list[dict]) -> str:
    return "; ".join(
        Message("trace.opening_unknown", opening=o["opening_global_id"])
        if o.get("unknown")
        else f"{o['opening_global_id']} ({o['area_m2']:.4g} m2, {o['volume_m3']:.4g} m3)"
        for o in openings
    )


def _openings_by_host(openings: pd.DataFrame) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for row in openings.to_dict(orient="records"):
        row = {**row, "area_m2": _num(row["area_m2"]), "volume_m3": _num(row["volume_m3"])}
        found.setdefault(row["host_global_id"], []).append(row)
    return found


def _num(value) -> float:
    return math.nan if value is None else float(value)


def _who(element: dict) -> dict:
    return {"global_id": element["global_id"], "ifc_class": element["ifc_class"], "name": element.get("name")}


def explain_unmapped(ruleset: RuleSet, element: dict, schema: str) -> str:
    """Why no item matched: no item selects the class, or what the closest items lack."""
    reasons = []
    read = get_read_class(element)
    said = (
        read if read == element["ifc_class"] else Message("reason.read_as_paren", cls=element["ifc_class"], read=read)
    )
    for item in ruleset.items:
        classes = item.select.patterns.get("class", ())
        if classes and not any(read == cls or is_subclass(read, cls, schema) for cls in classes):
            continue
        mismatch = _mismatch(item, element, schema, excluded=Message("reason.excluded_by"))
        reasons.append(Message("reason.item_mismatch", code=item.code, label=item.label, mismatch=mismatch))
    if not reasons and _not_building_work(ruleset, read, schema):
        return Message("reason.not_building_work_here", said=said)
    if not reasons:
        return Message("reason.no_item_selects", said=said)
    more = [Message("reason.more_items", n=len(reasons) - 3)] if len(reasons) > 3 else []
    return "; ".join([*reasons[:3], *more])


def _totals(ruleset: RuleSet, trace: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for item in ruleset.items:
        part = trace[trace["code"] == item.code]
        rows.append(
            {
                "code": item.code,
                "lot": item.lot,
                "label": item.label,
                "unit": item.unit,
                "quantity": float(part["contribution"].sum()) if len(part) else 0.0,
                "elements": int(part["global_id"].nunique()),
                "missing_values": int(part.loc[part["contribution"].isna(), "global_id"].nunique()),
                "provenance": describe_provenance(part),
            }
        )
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def describe_provenance(trace: pd.DataFrame) -> str:
    """How many elements fed these trace rows from each source, surest first: ``"mesh 44,
    count 1"`` (empty when none fed them)."""
    counts = trace.groupby("provenance")["global_id"].nunique()
    return ", ".join(Message(f"origin.{p}", n=int(counts[p])) for p in PROVENANCES if p in counts.index)


def _totals_by_storey(ruleset: RuleSet, trace: pd.DataFrame, order: list) -> pd.DataFrame:
    rows = []
    storeys = trace.fillna({"storey": ""})
    rank = {name: i for i, name in enumerate(order)}
    for item in ruleset.items:
        part = storeys[storeys["code"] == item.code]
        groups = sorted(part.groupby("storey", sort=False), key=lambda g: rank.get(g[0], len(rank)))
        for storey, group in groups:
            rows.append(
                {
                    "code": item.code,
                    "lot": item.lot,
                    "label": item.label,
                    "unit": item.unit,
                    "storey": storey or None,
                    "quantity": float(group["contribution"].sum()),
                    "elements": int(group["global_id"].nunique()),
                }
            )
    return pd.DataFrame(rows, columns=STOREY_COLUMNS)


@dataclass
class Explanation(Result):
    """How one element feeds the work items of a rule set.

    - ``matched``: the trace rows of the items it feeds (``TRACE_COLUMNS``), with the formula
      and its values.
    - ``not_matched``: every other item with the condition the element fails.
    - ``openings``: the element's openings with their area and volume.
    - ``info``: ``{"element": its row of the takeoff, "language": the rule set's}``.
    """

    TABLES = ("matched", "not_matched", "openings")

    element: dict
    matched: pd.DataFrame
    not_matched: pd.DataFrame
    openings: pd.DataFrame
    info: dict = field(default_factory=dict)


def explain_element(takeoff: Takeoff, ruleset: RuleSet, global_id: str) -> Explanation:
    """For one element: its quantities and openings, the items it feeds with how each
    contribution was computed, and why each other item did not match.

    Raises ``KeyError`` when no measured element has this GlobalId.
    """
    rows = takeoff.elements[takeoff.elements["global_id"] == global_id]
    if rows.empty:
        raise KeyError(global_id)
    schema = takeoff.info.get("schema", "IFC4")
    walls = takeoff.elements[takeoff.elements["family"] == "wall"].to_dict(orient="records")
    element = with_reading(rows.to_dict(orient="records")[0], schema, find_linings(walls))
    openings = _openings_by_host(takeoff.openings).get(global_id, [])
    matched, not_matched = [], []
    for item in ruleset.items:
        mismatch = _mismatch(item, element, schema)
        if mismatch is None:
            matched.extend(measure_item(item, element, openings))
        else:
            not_matched.append({"code": item.code, "label": item.label, "reason": mismatch})
    plain = {k: (None if isinstance(v, float) and v != v else v) for k, v in element.items()}
    return Explanation(
        element=element,
        matched=pd.DataFrame(matched, columns=TRACE_COLUMNS + ["layer_index"]),
        not_matched=pd.DataFrame(not_matched, columns=NOT_MATCHED_COLUMNS),
        openings=pd.DataFrame(openings, columns=OPENING_COLUMNS),
        info={"element": plain, "language": ruleset.language},
    )
