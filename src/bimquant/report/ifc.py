"""The IFC writer: base quantities on every measured element and the estimate as a cost
schedule that Bonsai (or any IFC4 tool) shows, written into a model read from its file.

Everything is written with ``ifcopenshell.api`` on the model read from its file; the input file
is never written, and the output appears whole or not at all (``report.atomic``).

- **Base quantities.** Each measured element gets the quantity set the IFC standard defines for
  its class (``Qto_WallBaseQuantities``, ``Qto_SlabBaseQuantities``...: ifcopenshell's bundled
  IFC4 / IFC4X3 templates; in IFC2X3 the ``BaseQuantities`` convention with the same quantity
  names), holding what bimquant measured under the standard's names (:data:`MEASURES`), in the
  project's units, ``MethodOfMeasurement`` = ``bimquant <version>``. A class the standard gives
  no set (a furniture, a stair as a whole) gets ``Bimquant_BaseQuantities``. Values are rounded
  to 1e-6 of the unit. A set of the standard's name already on the element is kept and
  bimquant's values go beside it in ``Bimquant_BaseQuantities``, unless ``replace_quantities``;
  a set bimquant wrote before is written again. In IFC4 and later, an exporter's set named
  ``BaseQuantities`` (the IFC2X3 name ArchiCAD and Revit still write) counts as the standard set:
  removed with ``replace_quantities``, else kept beside bimquant's and counted.
- **Work items.** Each element that feeds work items gets ``Bimquant_WorkItems``: one quantity
  per item code, its share of the item's quantity in the item's unit (stated on the quantity;
  its Description is the item's label and unit). The shares of an item add up to the
  estimate's quantity (rounded to 2 decimals, as on the DPGF): each trace contribution is
  scaled by rounded / unrounded quantity, rounded to 1e-9, the last one taking the remainder
  (:func:`add_up`).
- **Cost schedule** (IFC4 and later: IFC2X3's ``IfcCostItem`` has no quantities nor values).
  One ``IfcCostSchedule`` (the rule set's name), one ``IfcCostItem`` per lot holding one per
  work item (``Identification`` = code, ``Name`` = label); an item's quantity is linked to its
  elements' ``Bimquant_WorkItems`` quantity (``cost.assign_cost_item_quantity``), its unit price
  is an ``IfcCostValue`` in the estimate's currency, a lot's value is the sum of its items'.

:func:`bimquant.writeback` runs it on a copy of the model.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import ifcopenshell
import ifcopenshell.util.element
import ifcopenshell.util.pset
import pandas as pd

from bimquant import estimate as pricing
from bimquant.columns import WRITEBACK_ITEM_COLUMNS
from bimquant.model import Model
from bimquant.rules import RuleSet
from bimquant.messages import Message, localize, say

log = logging.getLogger(__name__)

OWN_SET = "Bimquant_BaseQuantities"  # bimquant's base quantities when the standard's set is taken or missing
WORK_SET = "Bimquant_WorkItems"  # per element, its share of each work item it feeds
IFC2X3_SET = "BaseQuantities"  # the IFC2X3 implementer agreement's name for every class
# IFC4 and later: exporters (ArchiCAD, Revit) still name their base quantities IFC2X3_SET; such a
# set counts as the standard one: replaced with replace_quantities, else kept and counted.
BASE_DECIMALS = 6  # base quantities are written to 1e-6 of the project's unit
SHARE_DECIMALS = 9  # work item shares to 1e-9 of the item's unit
NOT_STANDARD = {"Qto_BodyGeometryValidation"}  # IFC4X3: a check set every element may carry, not base quantities

# What bimquant measures, per family (bimquant.columns), under the standard's quantity names
# (IFC4 spelling; IFC4X3 writes GrossFootPrintArea...: names are matched to the template without
# case). A standard set keeps the names its template defines for the class; a class without a
# standard set gets them all in Bimquant_BaseQuantities.
_BODY = {"gross_volume_m3": "GrossVolume", "net_volume_m3": "NetVolume", "weight_kg": "NetWeight"}
MEASURES: dict[str, dict[str, str]] = {
    "wall": {  # walls and curtain walls: centre line length, thickness, one face
        "length_m": "Length",
        "width_m": "Width",
        "height_m": "Height",
        "footprint_area_m2": "NetFootprintArea",  # the net body's plan
        "gross_side_area_m2": "GrossSideArea",
        "net_side_area_m2": "NetSideArea",
        **_BODY,
    },
    "plate": {"width_m": "Width", "gross_side_area_m2": "GrossArea", "net_side_area_m2": "NetArea", **_BODY},
    "slab": {  # slabs, roofs, coverings: thickness, upper main face and its outline
        "width_m": "Width",
        "perimeter_m": "Perimeter",
        "gross_area_m2": "GrossArea",
        "net_area_m2": "NetArea",
        **_BODY,
    },
    "linear": {
        "length_m": "Length",
        "outer_surface_area_m2": "OuterSurfaceArea",
        "surface_area_m2": "NetSurfaceArea",  # the net body's whole surface, end faces included
        **_BODY,
    },
    "filling": {"width_m": "Width", "height_m": "Height", "gross_area_m2": "Area"},
    "other": {  # the plan rectangle's sides, the vertical extent
        "length_m": "Length",
        "width_m": "Width",
        "height_m": "Height",
        "surface_area_m2": "NetSurfaceArea",
        **_BODY,
    },
}
# Standard quantities whose definition is not what bimquant measures there: left out.
NOT_THE_SAME = {
    "Qto_StairFlightBaseQuantities": {"length"},  # along the walking line, not the plan rectangle
    "Qto_RampFlightBaseQuantities": {"length", "width"},
}
# column unit suffix -> (measure type, the Model scale that brings the project's unit to SI)
COLUMN_MEASURES = (
    ("_m3", "IfcVolumeMeasure", "volume_scale"),
    ("_m2", "IfcAreaMeasure", "area_scale"),
    ("_m", "IfcLengthMeasure", "length_scale"),
    ("_kg", "IfcMassMeasure", "mass_scale"),
)
# work item unit -> (measure type, SI unit type, SI prefix) of its quantities
ITEM_MEASURES = {
    "m": ("IfcLengthMeasure", "LENGTHUNIT", None),
    "m2": ("IfcAreaMeasure", "AREAUNIT", None),
    "m3": ("IfcVolumeMeasure", "VOLUMEUNIT", None),
    "kg": ("IfcMassMeasure", "MASSUNIT", "KILO"),
    "t": ("IfcMassMeasure", "MASSUNIT", "MEGA"),  # a megagram is a tonne
    "u": ("IfcCountMeasure", None, None),
}
QUANTITY_CLASSES = {  # measure type -> the quantity entity ifcopenshell makes of it
    "IfcLengthMeasure": "IfcQuantityLength",
    "IfcAreaMeasure": "IfcQuantityArea",
    "IfcVolumeMeasure": "IfcQuantityVolume",
    "IfcMassMeasure": "IfcQuantityWeight",
    "IfcCountMeasure": "IfcQuantityCount",
    "IfcNumericMeasure": "IfcQuantityNumber",
}
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}  # some exporters write the symbol
SCHEDULE_MARK = "bimquant"  # an IfcCostSchedule whose Description starts with it is bimquant's own


def import_api() -> None:
    """Import the ``ifcopenshell.api`` modules writeback uses, on first use (a tenth of a second
    that the other commands do not pay), their words to the log: ``ifcopenshell.api.cost``
    imports ``ifcopenshell.api.sequence``, which prints a note on stdout when networkx is
    missing, and stdout is for data (``bimquant ... --format json | jq``)."""
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        import ifcopenshell.api.attribute
        import ifcopenshell.api.cost
        import ifcopenshell.api.owner
        import ifcopenshell.api.pset
        import ifcopenshell.api.unit
        import ifcopenshell.util.cost  # noqa: F401
    for line in said.getvalue().splitlines():
        log.debug("ifcopenshell: %s", line)


def get_version() -> str:
    """bimquant's version as installed (what ``MethodOfMeasurement`` names)."""
    try:
        return version("bimquant")
    except PackageNotFoundError:
        return "unknown"


class IfcWriter:
    """The edits made to one opened model, and what could not be made."""

    def __init__(self, model: Model, replace_quantities: bool):
        import_api()
        self.model = model
        self.ifc = model.file
        self.replace = replace_quantities
        self.method = f"bimquant {get_version()}"
        self.templates = ifcopenshell.util.pset.get_template("IFC4" if model.schema == "IFC2X3" else model.schema)
        self.first_new_id = max((entity.id() for entity in self.ifc), default=0) + 1
        self.units: dict[tuple, ifcopenshell.entity_instance] = {}
        self.products = self._products()
        self.skipped: list[dict] = []
        self.warnings: list[str] = []
        self.schedule_name: str | None = None
        self.lots = 0
        self.names: dict[str, str] = {}  # item code -> the name of its quantities on the elements
        self.item_quantities: dict[str, dict] = {}  # item code -> GlobalId -> its quantity written
        self.owner = self._own_history()  # made first: the API finds a user and an application
        self._remove_own_schedules()  # first: their items hold quantities of the sets written again

    def skip(self, what: str, global_id: str | None, code: str | None, reason: Message) -> None:
        """What was not written and why (the ``skipped`` table, with the reason in French too)."""
        reason_fr = localize(reason, "fr")
        self.skipped.append(
            {"what": what, "global_id": global_id, "code": code, "reason": reason, "reason_fr": reason_fr}
        )

    def _products(self) -> dict[str, ifcopenshell.entity_instance | None]:
        """GlobalId -> element (None when the file gives two elements that GlobalId)."""
        found: dict[str, ifcopenshell.entity_instance | None] = {}
        for element in self.ifc.by_type("IfcElement"):
            found[element.GlobalId] = None if element.GlobalId in found else element
        return found

    def _element(self, global_id: str, what: str, code: str | None = None):
        element = self.products.get(global_id)
        if element is None:
            if global_id in self.products:
                self.skip(what, global_id, code, Message("skip.duplicate_id"))
            else:
                self.skip(what, global_id, code, Message("skip.absent"))
        return element

    # --- base quantities ---

    def add_base_quantities(self, elements: pd.DataFrame) -> list[dict]:
        rows = []
        for row in elements.to_dict(orient="records"):
            element = self._element(row["global_id"], "base quantities")
            if element is None:
                continue
            standard, names = self._standard_set(element, row["family"])
            values = self._values(row, names)
            done = {
                "global_id": row["global_id"],
                "ifc_class": row["ifc_class"],
                "name": row["name"],
                "set_name": None,
                "status": None,
                "quantities": len(values),
                "work_items": 0,
                "legacy_set": None,
            }
            rows.append(done)
            if not values:
                self.skip("base quantities", row["global_id"], None, Message("skip.no_quantity"))
                continue
            legacy = self._legacy_set(element)
            name, status = self._set_name(element, standard)
            if legacy is not None:  # an exporter's BaseQuantities: the standard set under its old name
                if self.replace:
                    self._remove(element, legacy)
                    status = "replaced"
                done["legacy_set"] = "replaced" if self.replace else "kept"
            qto = ifcopenshell.api.pset.add_qto(self.ifc, product=element, name=name)
            ifcopenshell.api.attribute.edit_attributes(
                self.ifc, product=qto, attributes={"MethodOfMeasurement": self.method}
            )
            ifcopenshell.api.pset.edit_qto(self.ifc, qto=qto, properties=values)
            done.update(set_name=name, status=status)
        return rows

    def _standard_set(self, element, family: str) -> tuple[str | None, dict[str, str]]:
        """The standard set of ``element``'s class (None: the standard has none) and the
        quantities bimquant writes in it: column -> quantity name as the template spells it."""
        measures = MEASURES.get(family, MEASURES["other"])
        try:
            applicable = self.templates.get_applicable_names(element.is_a(), qto_only=True)
        except (KeyError, RuntimeError):  # an IFC2X3 class IFC4 does not have
            applicable = []
        names = [n for n in applicable if n not in NOT_STANDARD]
        if len(names) != 1:
            return None, dict(measures)
        template = self.templates.get_by_name(names[0])
        spelled = {p.Name.lower(): p.Name for p in template.HasPropertyTemplates}
        left_out = NOT_THE_SAME.get(names[0], set())
        kept = {
            column: spelled[name.lower()]
            for column, name in measures.items()
            if name.lower() in spelled and name.lower() not in left_out
        }
        if not kept:
            return None, dict(measures)
        return names[0], kept

    def _values(self, row: dict, names: dict[str, str]) -> dict:
        """Quantity name -> typed value in the project's units (a weight in a project without a
        mass unit states its kilograms)."""
        values = {}
        for column, name in names.items():
            value = row.get(column)
            if value is None or not math.isfinite(value):
                continue
            measure, scale_name = next((m, s) for suffix, m, s in COLUMN_MEASURES if column.endswith(suffix))
            scale = getattr(self.model, scale_name)
            value = round(float(value) / (1.0 if scale is None else scale), BASE_DECIMALS)
            if scale is None:  # no mass unit in the project: the quantity names its own
                values[name] = {"Unit": self._unit("MASSUNIT", "KILO"), "NominalValue": self._measure(measure, value)}
            else:
                values[name] = self._measure(measure, value)
        return values

    def _measure(self, measure: str, value: float):
        if measure == "IfcCountMeasure" and self.model.schema.startswith("IFC4X3"):  # an INTEGER there
            return self.ifc.create_entity(measure, int(round(value)))
        return self.ifc.create_entity(measure, float(value))

    def _set_name(self, element, standard: str | None) -> tuple[str, str]:
        """The set to write and its status. A set of that name is removed first when it is to be
        replaced: bimquant's own from an earlier run, or any with ``replace_quantities``; so is
        a ``Bimquant_BaseQuantities`` an earlier run left beside it."""
        wanted = (IFC2X3_SET if self.model.schema == "IFC2X3" else standard) or OWN_SET
        existing = self._own_sets(element, wanted)
        beside = self._own_sets(element, OWN_SET) if wanted != OWN_SET else None
        if existing is not None and not self._is_bimquants(existing) and not self.replace:
            if beside is not None:
                self._remove(element, beside)
            return OWN_SET, "beside"
        if beside is not None and self._is_bimquants(beside):
            self._remove(element, beside)
        if existing is None:
            return wanted, "added"
        status = "rewritten" if self._is_bimquants(existing) else "replaced"
        self._remove(element, existing)
        return wanted, status

    def _legacy_set(self, element):
        """IFC4 and later: the exporter's quantity set named ``BaseQuantities`` on the element
        (the IFC2X3 name ArchiCAD and Revit still write), else None. One bimquant wrote (it does
        not in IFC4) is removed."""
        if self.model.schema == "IFC2X3":
            return None
        found = self._own_sets(element, IFC2X3_SET)
        if found is None or not found.is_a("IfcElementQuantity"):
            return None
        if self._is_bimquants(found):
            self._remove(element, found)
            return None
        return found

    def _own_sets(self, element, name: str):
        """The property definition of that name on the element itself (not its type), or None."""
        for rel in element.IsDefinedBy or ():
            definition = rel.RelatingPropertyDefinition if rel.is_a("IfcRelDefinesByProperties") else None
            if definition is not None and getattr(definition, "Name", None) == name:
                return definition
        return None

    def _is_bimquants(self, definition) -> bool:
        method = getattr(definition, "MethodOfMeasurement", None) or ""
        return definition.is_a("IfcElementQuantity") and method.startswith("bimquant ")

    def _remove(self, element, definition) -> None:
        ifcopenshell.api.pset.remove_pset(self.ifc, product=element, pset=definition)

    def _unit(self, unit_type: str, prefix: str | None):
        """The file's SI unit of that type and prefix (the project's own, or one an earlier run
        added), else a new one."""
        key = (unit_type, prefix)
        if key not in self.units:
            found = [u for u in self.ifc.by_type("IfcSIUnit") if u.UnitType == unit_type and u.Prefix == prefix]
            self.units[key] = found[0] if found else ifcopenshell.api.unit.add_si_unit(self.ifc, unit_type, prefix)
        return self.units[key]

    # --- work items ---

    def add_work_items(
        self, shares: dict[str, dict[str, float]], rows: list[dict], units: dict[str, str], labels: dict[str, str]
    ) -> None:
        """``Bimquant_WorkItems`` on every element that feeds an item: one quantity per code, in
        the item's unit (``units``: code -> unit), described by the item's label and unit
        (``labels``: code -> label) so that an IFC viewer shows what it is."""
        fed: dict[str, dict] = {}
        for code, by_element in shares.items():
            for global_id, share in by_element.items():
                fed.setdefault(global_id, {})[code] = share
        done = {row["global_id"]: row for row in rows}
        elements = {}
        for global_id in fed:
            element = self._element(global_id, "work items")
            if element is None:
                continue
            existing = self._own_sets(element, WORK_SET)
            if existing is not None:  # bimquant's, from an earlier run
                self._remove(element, existing)
            elements[global_id] = element
        for code in shares:  # a code another set of one of its elements uses as a quantity name: ours differs
            taken = {q.Name.lower() for gid in shares[code] if gid in elements for q in self._quantities(elements[gid])}
            self.names[code] = f"{code} (bimquant)" if code.lower() in taken else code
        for global_id, element in elements.items():
            values = {}
            for code, share in fed[global_id].items():
                measure, unit = self._item_measure(units[code], shares[code])
                typed = self._measure(measure, share)
                values[self.names[code]] = {"Unit": unit, "NominalValue": typed} if unit is not None else typed
            qto = ifcopenshell.api.pset.add_qto(self.ifc, product=element, name=WORK_SET)
            ifcopenshell.api.attribute.edit_attributes(
                self.ifc, product=qto, attributes={"MethodOfMeasurement": self.method}
            )
            ifcopenshell.api.pset.edit_qto(self.ifc, qto=qto, properties=values)
            codes = {self.names[code]: code for code in fed[global_id]}
            for quantity in qto.Quantities:
                code = codes[quantity.Name]
                quantity.Description = f"{labels[code]} ({units[code]})"
                self.item_quantities.setdefault(code, {})[global_id] = quantity
            if global_id in done:
                done[global_id]["work_items"] = len(values)

    def _item_measure(self, unit: str, shares: dict[str, float]) -> tuple[str, object]:
        """The measure type and unit entity of an item's quantities: an SI unit; a count has
        none (IFC4X3 counts are whole numbers: fractional ones are IfcQuantityNumber)."""
        measure, unit_type, prefix = ITEM_MEASURES[unit]
        if unit_type is None:
            whole = all(float(v).is_integer() for v in shares.values())
            if self.model.schema.startswith("IFC4X3") and not whole:
                return "IfcNumericMeasure", None
            return measure, None
        return measure, self._unit(unit_type, prefix)

    def _quantities(self, element) -> list:
        found = []
        for rel in element.IsDefinedBy or ():
            definition = rel.RelatingPropertyDefinition if rel.is_a("IfcRelDefinesByProperties") else None
            if definition is not None and definition.is_a("IfcElementQuantity"):
                found.extend(q for q in definition.Quantities or () if q.is_a("IfcPhysicalSimpleQuantity"))
        return found

    # --- cost schedule ---

    def add_cost_schedule(
        self, budget: pricing.Budget, ruleset: RuleSet, shares: dict, source: Path, priced: bool
    ) -> pd.DataFrame:
        """The estimate as an IfcCostSchedule (IFC4 and later); the items table either way."""
        lines = budget.lines.to_dict(orient="records")
        rows = [
            {
                "code": line["code"],
                "lot": line["lot"],
                "label": line["label"],
                "unit": line["unit"],
                "quantity": line["quantity"],
                "unit_price": line["unit_price"] if line["priced"] else math.nan,
                "elements": sum(1 for gid in shares.get(line["code"], {}) if self.products.get(gid) is not None),
                "cost_item": None,
            }
            for line in lines
        ]
        if self.model.schema == "IFC2X3":
            self.skip("cost schedule", None, None, Message("skip.ifc2x3_schedule", set=WORK_SET))
            return pd.DataFrame(rows, columns=WRITEBACK_ITEM_COLUMNS)
        kind = "PRICEDBILLOFQUANTITIES" if priced else "UNPRICEDBILLOFQUANTITIES"
        schedule = ifcopenshell.api.cost.add_cost_schedule(self.ifc, name=ruleset.name, predefined_type=kind)
        rules = Path(str(ruleset.path)).name
        described = say(
            "ifc.schedule", ruleset.language, mark=SCHEDULE_MARK, version=get_version(), model=source.name, rules=rules
        )
        ifcopenshell.api.cost.edit_cost_schedule(
            self.ifc, cost_schedule=schedule, attributes={"Description": described}
        )
        self.schedule_name = ruleset.name
        if any(line["priced"] for line in lines):
            self._currency(budget.currency)
        lot_items: dict[str, ifcopenshell.entity_instance] = {}
        for line, row in zip(lines, rows):
            lot = lot_items.get(line["lot"])
            if lot is None:
                codes = [other["code"] for other in lines if other["lot"] == line["lot"]]
                lot = lot_items[line["lot"]] = self._lot(schedule, line["lot"], codes)
            item = ifcopenshell.api.cost.add_cost_item(self.ifc, cost_item=lot)
            ifcopenshell.api.cost.edit_cost_item(
                self.ifc, cost_item=item, attributes={"Identification": line["code"], "Name": line["label"]}
            )
            self._link(item, line, shares.get(line["code"], {}))
            if line["priced"]:
                value = ifcopenshell.api.cost.add_cost_value(self.ifc, parent=item)
                ifcopenshell.api.cost.edit_cost_value(
                    self.ifc, cost_value=value, attributes={"AppliedValue": float(line["unit_price"])}
                )
            elif priced:
                self.skip("unit price", None, line["code"], Message("skip.no_price"))
            row["cost_item"] = item.GlobalId
        self.lots = len(lot_items)
        return pd.DataFrame(rows, columns=WRITEBACK_ITEM_COLUMNS)

    def _lot(self, schedule, lot: str, codes: list[str]):
        """A lot's summary item: its value is the sum of its items' (category ``*``). Its
        Identification is the lot's first word when every item code starts with it (``02``)."""
        item = ifcopenshell.api.cost.add_cost_item(self.ifc, cost_schedule=schedule)
        prefix = lot.split()[0] if lot.split() else ""
        attributes = {"Name": lot}
        if prefix and all(code.startswith(prefix + ".") for code in codes):
            attributes["Identification"] = prefix
        ifcopenshell.api.cost.edit_cost_item(self.ifc, cost_item=item, attributes=attributes)
        total = ifcopenshell.api.cost.add_cost_value(self.ifc, parent=item)
        ifcopenshell.api.cost.edit_cost_value(self.ifc, cost_value=total, attributes={"Category": "*"})
        return item

    def _link(self, item, line: dict, shares: dict[str, float]) -> None:
        """The item's quantity: linked to its elements' Bimquant_WorkItems quantity; an item no
        element feeds gets a quantity of its own, the estimate's (0)."""
        products = [self.products[gid] for gid in shares if self.products.get(gid) is not None]
        if products:
            ifcopenshell.api.cost.assign_cost_item_quantity(
                self.ifc, cost_item=item, products=products, prop_name=self.names.get(line["code"], line["code"])
            )
            # in the shares' order (the API lists them as a set): they add up exactly in that order
            written = self.item_quantities.get(line["code"], {})
            ordered = [written[gid] for gid in shares if gid in written]
            item.CostQuantities = ordered + [q for q in item.CostQuantities or () if q not in ordered]
            return
        measure, unit = self._item_measure(line["unit"], {})
        quantity = ifcopenshell.api.cost.add_cost_item_quantity(
            self.ifc, cost_item=item, ifc_class=QUANTITY_CLASSES[measure]
        )
        quantity.Name = line["code"]
        quantity[3] = int(line["quantity"]) if measure == "IfcCountMeasure" else float(line["quantity"])
        if unit is not None:
            quantity.Unit = unit

    def _currency(self, currency: str) -> None:
        """The project's monetary unit is the estimate's currency: added when it has none; one
        that differs is said in the warnings."""
        assignment = self._units_in_context()
        monetary = [u for u in (assignment.Units if assignment else ()) or () if u.is_a("IfcMonetaryUnit")]
        if not monetary:
            unit = ifcopenshell.api.unit.add_monetary_unit(self.ifc, currency=currency)
            ifcopenshell.api.unit.assign_unit(self.ifc, units=[unit])
        elif CURRENCY_SYMBOLS.get(str(monetary[0].Currency), str(monetary[0].Currency)).upper() != currency.upper():
            self.warnings.append(Message("ifc.other_currency", project=monetary[0].Currency, currency=currency))

    def _units_in_context(self):
        projects = self.ifc.by_type("IfcProject")
        return projects[0].UnitsInContext if projects else None

    def _remove_own_schedules(self) -> None:
        """Remove the cost schedules an earlier writeback wrote, whole: their items, the items'
        values and own quantities, and the relationships that held them (the API's
        ``remove_cost_schedule`` leaves assignments of several objects behind)."""
        for schedule in self.ifc.by_type("IfcCostSchedule"):
            if not (schedule.Description or "").startswith(SCHEDULE_MARK + " "):
                continue
            items = list(ifcopenshell.util.cost.get_schedule_cost_items(schedule))
            held = [*items, schedule]
            rels = {
                rel.id(): rel
                for entity in held
                for rel in self.ifc.get_inverse(entity)
                if (rel.is_a("IfcRelAssignsToControl") and rel.RelatingControl == entity)
                or (rel.is_a("IfcRelNests") and rel.RelatingObject == entity)
            }
            leftovers = [v for item in items for v in (item.CostValues or ())]
            leftovers += [q for item in items for q in (item.CostQuantities or ())]
            for entity in [*rels.values(), *held]:
                self.ifc.remove(entity)
            for entity in leftovers:  # a quantity still in an element's set stays
                if entity.id() and not self.ifc.get_total_inverses(entity):
                    ifcopenshell.util.element.remove_deep2(self.ifc, entity)

    # --- ownership ---

    def _own_history(self):
        """The one owner history of everything bimquant adds: the file's first user (IFC2X3,
        where it is required, gets one for bimquant when the file names none) and bimquant as
        the application. None in an IFC4 file that names no user (it is optional there)."""
        users = self.ifc.by_type("IfcPersonAndOrganization")
        if not users and self.model.schema != "IFC2X3":
            return None
        user = users[0] if users else self._user()
        known = [
            a
            for a in self.ifc.by_type("IfcApplication")
            if a.ApplicationIdentifier == "bimquant" and a.Version == get_version()
        ]
        application = known[0] if known else self._application()
        now = int(time.time())
        return self.ifc.create_entity(
            "IfcOwnerHistory",
            OwningUser=user,
            OwningApplication=application,
            ChangeAction="ADDED",
            CreationDate=now,
            LastModifiedDate=now,
            LastModifyingUser=user,
            LastModifyingApplication=application,
        )

    def _application(self):
        developer = ifcopenshell.api.owner.add_organisation(self.ifc, identification="bimquant", name="bimquant")
        return ifcopenshell.api.owner.add_application(
            self.ifc,
            application_developer=developer,
            version=get_version(),
            application_full_name="bimquant",
            application_identifier="bimquant",
        )

    def _user(self):
        person = ifcopenshell.api.owner.add_person(
            self.ifc, identification="bimquant", family_name="bimquant", given_name=None
        )
        organisation = ifcopenshell.api.owner.add_organisation(self.ifc, identification="bimquant", name="bimquant")
        return ifcopenshell.api.owner.add_person_and_organisation(self.ifc, person=person, organisation=organisation)

    def finish(self) -> None:
        """Every entity bimquant created gets bimquant's owner history; the ones the API made
        one per entity are removed."""
        for root in self.ifc.by_type("IfcRoot"):
            if root.id() >= self.first_new_id:
                root.OwnerHistory = self.owner
        for history in self.ifc.by_type("IfcOwnerHistory"):
            if history.id() >= self.first_new_id and history != self.owner and not self.ifc.get_total_inverses(history):
                self.ifc.remove(history)
