"""Write bimquant's figures into a copy of the IFC model: base quantities on every measured
element, and the estimate as a cost schedule that Bonsai (or any IFC4 tool) shows.

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

Example::

    >>> done = writeback("sample_models/house_ifc4.ifc", "house-5d.ifc", "rules/fr-lots.toml", "rules/fr-prix.csv")
    >>> done.info["cost_items"], done.info["elements_with_quantities"]
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import os
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import ifcopenshell
import ifcopenshell.util.element
import ifcopenshell.util.pset
import pandas as pd

from bimquant import estimate as pricing
from bimquant.columns import WRITEBACK_ELEMENT_COLUMNS, WRITEBACK_ITEM_COLUMNS, WRITEBACK_SKIPPED_COLUMNS
from bimquant.errors import OutputError
from bimquant.model import Model, open_model
from bimquant.pipeline import estimate, load_prices, load_rules, takeoff
from bimquant.report.atomic import check_output, write_atomically
from bimquant.result import Result
from bimquant.rules import RuleSet
from bimquant.takeoff import Takeoff

log = logging.getLogger(__name__)
PathLike = str | os.PathLike

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


@dataclass
class Writeback(Result):
    """What :func:`writeback` wrote into ``path``.

    - ``elements``: one row per measured element: ``set_name`` (its base quantity set),
      ``status`` (``added``; ``beside``: a set of the standard's name was there and is kept, so
      bimquant's went into ``Bimquant_BaseQuantities``; ``replaced``: that set was replaced, with
      ``replace_quantities``; ``rewritten``: a set bimquant wrote before), ``quantities`` (how
      many), ``work_items`` (how many item quantities in ``Bimquant_WorkItems``),
      ``legacy_set`` (IFC4 and later: the element carried an exporter's ``BaseQuantities``,
      ``kept`` beside bimquant's set or ``replaced`` with ``replace_quantities``; else empty).
    - ``items``: one row per work item: ``code``, ``lot``, ``label``, ``unit``, ``quantity`` (the
      estimate's), ``unit_price`` (empty when unpriced), ``elements`` linked, ``cost_item`` (its
      GlobalId; empty without a cost schedule).
    - ``skipped``: what was not written, and why (``what``, ``global_id``, ``code``, ``reason``).
    - ``info``: files, schema, counts (``legacy_sets_kept``: elements where an exporter's
      ``BaseQuantities`` stays beside bimquant's set), warnings; ``skipped_fr``: the skipped
      reasons in French, row for row.
    """

    TABLES = ("elements", "items", "skipped")

    path: Path
    elements: pd.DataFrame
    items: pd.DataFrame
    skipped: pd.DataFrame
    info: dict = field(default_factory=dict)


def writeback(
    model: PathLike | Takeoff,
    output: PathLike,
    rules: RuleSet | PathLike,
    prices: dict[str, pricing.Price] | PathLike | None = None,
    *,
    replace_quantities: bool = False,
    **takeoff_options,
) -> Writeback:
    """Write a copy of ``model`` to ``output`` (an ``.ifc``) with bimquant's base quantities on
    every measured element and the work items of ``rules`` as a cost schedule (unit prices from
    ``prices`` when given; an item without a price is written without a value).

    ``model``: a path, or a :class:`Takeoff` of that file (not measured again). A set of the
    standard's name already on an element is kept (bimquant's values go beside it, in
    ``Bimquant_BaseQuantities``) unless ``replace_quantities``. Checked before anything is
    measured: the output (an ``.ifc`` that can be written and is none of the inputs,
    :class:`OutputError`), the rules and prices (:class:`RuleError`), the model
    (:class:`InputError`). Nothing is written unless everything was.

    Example::

        >>> done = writeback("sample_models/house_ifc4.ifc", "house-5d.ifc", "rules/fr-lots.toml", "rules/fr-prix.csv")
        >>> done.elements[["global_id", "set_name", "status"]]
    """
    source = Path(model.info["file"]) if isinstance(model, Takeoff) else Path(model)
    output = Path(output)
    inputs = {"the model": source}
    inputs |= {"the rule set (--rules)": None if isinstance(rules, RuleSet) else rules}
    inputs |= {"the price library (--prices)": None if prices is None or isinstance(prices, dict) else prices}
    if output.suffix.lower() != ".ifc":
        raise OutputError(
            f"the output of writeback is an IFC file: {output.name}", "name it .ifc, e.g. -o model-5d.ifc"
        )
    check_output(output, "ifc", inputs)
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    library = {} if prices is None else prices if isinstance(prices, dict) else load_prices(prices)
    copy = open_model(source)  # the model to write into; a file that cannot be read fails here
    measured = model if isinstance(model, Takeoff) else takeoff(source, **takeoff_options)
    budget = estimate(measured, ruleset, library)
    written = _Writer(copy, replace_quantities)
    elements = written.add_base_quantities(measured.elements)
    shares = get_shares(budget, exact=copy.schema != "IFC2X3")  # IFC2X3: no cost item adds them up
    lines = budget.lines
    written.add_work_items(
        shares, elements, dict(zip(lines["code"], lines["unit"])), dict(zip(lines["code"], lines["label"]))
    )
    items = written.add_cost_schedule(budget, ruleset, shares, source, prices is not None)
    for row in measured.failures.to_dict(orient="records"):
        reason = row["reason"]
        written.skip("base quantities", row["global_id"], None, f"not measured: {reason}", f"non mesuré : {reason}")
    written.finish()
    write_atomically([(output, lambda path: path.write_text(copy.file.to_string(), encoding="utf-8"))])
    frame = pd.DataFrame(elements, columns=WRITEBACK_ELEMENT_COLUMNS)
    statuses = frame["status"].value_counts()
    info = {
        "file": str(source),
        "output": str(output),
        "schema": copy.schema,
        "ruleset": ruleset.name,
        "prices": None if prices is None else "(price table)" if isinstance(prices, dict) else str(prices),
        "language": ruleset.language,
        "method_of_measurement": written.method,
        "elements_with_quantities": int((frame["quantities"] > 0).sum()),
        "sets_added": int(statuses.get("added", 0)),
        "sets_beside": int(statuses.get("beside", 0)),
        "sets_replaced": int(statuses.get("replaced", 0)),
        "sets_rewritten": int(statuses.get("rewritten", 0)),
        "legacy_sets_kept": int((frame["legacy_set"] == "kept").sum()),
        "elements_with_work_items": int((frame["work_items"] > 0).sum()),
        "cost_schedule": written.schedule_name,
        "lots": written.lots,
        "cost_items": int(items["cost_item"].notna().sum()),
        "unpriced_items": int(items["unit_price"].isna().sum()),
        "currency": budget.currency,
        "direct_cost": budget.totals["direct_cost"],
        "warnings": written.warnings + list(copy.assumptions),
        "skipped_fr": [row["reason_fr"] for row in written.skipped],
    }
    return Writeback(
        path=output,
        elements=frame,
        items=items,
        skipped=pd.DataFrame(
            [{k: row[k] for k in WRITEBACK_SKIPPED_COLUMNS} for row in written.skipped],
            columns=WRITEBACK_SKIPPED_COLUMNS,
        ),
        info=info,
    )


def get_shares(budget: pricing.Budget, exact: bool = True) -> dict[str, dict[str, float]]:
    """Per work item code, per GlobalId: the element's share of the item's quantity as the
    estimate states it. Each contribution of the trace (an element's layers added up) is scaled
    by the estimate's quantity (rounded to 2 decimals) over the sum of the contributions, then
    rounded so that the shares add up to the estimate's quantity (:func:`add_up`, ``exact``:
    even as floating point when that takes a share off its rounding); an element without a
    value (a missing density) has no share.

    Example::

        >>> shares = get_shares(bimquant.estimate("sample_models/house_ifc4.ifc", "rules/fr-lots.toml", {}))
        >>> round(shares["02.03.01"]["3M40opnSHSLeM$JG6iZTrB"], 6)  # W3's concrete: 5 x 3 x 0.2 less its openings
        1.6
    """
    trace = budget.trace[budget.trace["contribution"].notna()]
    summed = trace.groupby(["code", "global_id"], sort=False)["contribution"].sum()
    stated = dict(zip(budget.lines["code"], budget.lines["quantity"]))
    shares: dict[str, dict[str, float]] = {}
    for code, group in summed.groupby(level="code", sort=False):
        total = float(group.sum())
        factor = stated.get(code, total) / total if total else 1.0
        scaled = {gid: float(value) * factor for (_, gid), value in group.items()}
        shares[code] = add_up(scaled, float(stated.get(code, total)), exact)
    return shares


def add_up(shares: dict[str, float], total: float, exact: bool = True) -> dict[str, float]:
    """``shares`` (GlobalId -> share) rounded to :data:`SHARE_DECIMALS`, adding up to ``total``
    (the estimate's quantity) as decimals, the last share taking the remainder, and as IFC tools
    add an item's quantities: one after the other in floating point, in the order they are
    listed (ifcopenshell's ``get_total_quantity``, ifc5d), so that the item shows 10.88 and not
    10.879999999999999. When the floating point sum misses ``total``, up to 1e-6 moves between
    the last share and one of the 10 before it until it does not; failing that, with ``exact``
    the last share is the floating point remainder (a few units in its last place off its
    decimal), else the shares stay rounded (a sum off by as little).

    Example::

        >>> add_up({"a": 0.3199999999999, "b": 0.2600000000001}, 0.58)  # 0.32 + 0.26 is 0.5800000000000001
        {'a': 0.320000001, 'b': 0.259999999}
    """
    scale = 10**SHARE_DECIMALS
    ids = list(shares)
    if not ids or not math.isfinite(total):
        return {gid: round(value, SHARE_DECIMALS) for gid, value in shares.items()}
    units = [round(shares[gid] * scale) for gid in ids]
    units[-1] = round(total * scale) - sum(units[:-1])
    values = [unit / scale for unit in units]  # an int over an int: the float nearest the decimal
    if sum(values) == total:
        return dict(zip(ids, values))
    for other in range(len(ids) - 2, max(len(ids) - 12, -1), -1):
        for step in (1, -1, 2, -2, 3, -3, 5, -5, 10, -10, 20, -20, 50, -50, 100, -100, 1000, -1000):
            tried = values.copy()
            tried[other], tried[-1] = (units[other] + step) / scale, (units[-1] - step) / scale
            if sum(tried) == total:
                return dict(zip(ids, tried))
    if exact:
        values[-1] = total - sum(values[:-1])
    return dict(zip(ids, values))


class _Writer:
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

    def skip(self, what: str, global_id: str | None, code: str | None, reason: str, reason_fr: str) -> None:
        """What was not written and why, in English (the ``skipped`` table) and in French."""
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
                self.skip(
                    what,
                    global_id,
                    code,
                    "two elements of the file have this GlobalId",
                    "deux éléments du fichier ont ce GlobalId",
                )
            else:
                self.skip(what, global_id, code, "not in the file", "absent du fichier")
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
                self.skip(
                    "base quantities",
                    row["global_id"],
                    None,
                    "no quantity measured that its set defines",
                    "aucune quantité mesurée que son jeu définit",
                )
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
            self.skip(
                "cost schedule",
                None,
                None,
                "IFC2X3's IfcCostItem has no quantities nor cost values (IFC4 added them): the work items' "
                f"quantities are on the elements, in {WORK_SET}; export the model in IFC4 for a cost schedule",
                "l'IfcCostItem d'IFC2X3 n'a ni quantités ni valeurs de coût (IFC4 les a ajoutées) : les "
                f"quantités des ouvrages sont sur les éléments, dans {WORK_SET} ; exportez la maquette en IFC4 "
                "pour avoir un devis",
            )
            return pd.DataFrame(rows, columns=WRITEBACK_ITEM_COLUMNS)
        kind = "PRICEDBILLOFQUANTITIES" if priced else "UNPRICEDBILLOFQUANTITIES"
        schedule = ifcopenshell.api.cost.add_cost_schedule(self.ifc, name=ruleset.name, predefined_type=kind)
        described = f"{SCHEDULE_MARK} {get_version()}: {source.name}, rules {Path(str(ruleset.path)).name}"
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
                self.skip(
                    "unit price",
                    None,
                    line["code"],
                    "no price in the price library: written without a value",
                    "pas de prix dans la bibliothèque de prix : écrit sans valeur",
                )
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
            self.warnings.append(
                f"the project's currency is {monetary[0].Currency}: the unit prices written are the estimate's, "
                f"in {currency}"
            )

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
