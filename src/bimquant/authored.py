"""Authored quantities, checked against the geometry.

Exporters write wrong quantities (x1000 units, duplicates, net equal to gross). Each authored
quantity bimquant can compare is matched by quantity name and element class (never by set name
alone), converted to SI, and given one verdict:

=========================  ==================================================================
``ok``                     within 1% of the value measured from geometry
``duplicate_conflict``     the element states this quantity twice with different values
``wrong_type``             stored as the wrong kind (a volume in an IfcQuantityArea)
``openings_not_deducted``  a net value equal to the computed gross one: openings not subtracted
``unit_suspect``           off by a unit factor (1000, 1e9, 10.764 ft2/m2, 0.3048 ft/m, ...)
``exporter_polygon``       a round body whose authored volume or area is that of a regular
                           n-gon (n sin(2 pi / n) / 2 pi of the circle's): the exporter
                           measured its own polygon, and the detail gives n
``unit_unknown``           not compared: the file gives no unit for it (a weight in a project
                           that declares no mass unit, the quantity naming none either)
``net_above_gross``        the authored net value is above the authored gross one
``constant_value``         the same value on 3 or more elements whose geometry differs
``differs``                none of these, but more than 1% away
=========================  ==================================================================

Example::

    >>> import bimquant
    >>> report = bimquant.validate("sample_models/house_ifc4.ifc")
    >>> report.summary
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bimquant.columns import AUTHORED_COLUMNS
from bimquant.result import Result
from bimquant.tolerances import AUTHORED_REL_TOL as TOLERANCE
from bimquant.messages import Message, Number


VERDICTS = (
    "ok",
    "duplicate_conflict",
    "wrong_type",
    "openings_not_deducted",
    "unit_suspect",
    "unit_unknown",
    "exporter_polygon",
    "net_above_gross",
    "constant_value",
    "differs",
)

COMPARED = {
    # quantity name: {measurement family or "*": computed column}
    "NetVolume": {"*": "net_volume_m3"},
    "GrossVolume": {"*": "gross_volume_m3"},
    "NetSideArea": {"wall": "net_side_area_m2"},
    "GrossSideArea": {"wall": "gross_side_area_m2"},
    "NetArea": {"slab": "net_area_m2", "plate": "net_side_area_m2"},
    "GrossArea": {"slab": "gross_area_m2", "plate": "gross_side_area_m2"},
    "Area": {"filling": "gross_area_m2"},
    "NetFootprintArea": {"wall": "footprint_area_m2"},
    "OuterSurfaceArea": {"linear": "outer_surface_area_m2"},
    "Length": {"wall": "length_m", "linear": "length_m"},
    "Width": {"wall": "width_m", "filling": "width_m"},
    "Height": {"wall": "height_m", "filling": "height_m"},
    "Perimeter": {"slab": "perimeter_m"},
    "NetWeight": {"*": "weight_kg"},
    "GrossWeight": {"*": "weight_kg"},
}
KIND_OF_COLUMN = {"m3": "volume", "m2": "area", "_m": "length", "kg": "weight"}

UNIT_MISTAKES = [  # (factor, what it suggests)
    (1e3, Message("authored.mm_vs_m")),
    (1e-3, "/1000"),
    (1e6, Message("authored.mm2_as_m2")),
    (1e-6, "/1e6"),
    (1e9, Message("authored.mm3_as_m3")),
    (1e-9, "/1e9"),
    (10.7639, "x10.764 (ft2 vs m2)"),
    (1 / 10.7639, "/10.764 (ft2 vs m2)"),
    (3.28084, "x3.281 (ft vs m)"),
    (0.3048, "x0.3048 (ft vs m)"),
    (35.3147, "x35.31 (ft3 vs m3)"),
    (1 / 35.3147, "/35.31 (ft3 vs m3)"),
    (1e2, "x100 (cm vs m)"),
    (1e-2, "/100"),
    (1e4, "x1e4 (cm2 vs m2)"),
    (1e-4, "/1e4"),
    (25.4, "x25.4 (in vs mm)"),
    (1 / 25.4, "/25.4 (in vs mm)"),
]


def _column_kind(column: str) -> str:
    for suffix, kind in KIND_OF_COLUMN.items():
        if column.endswith(suffix):
            return kind
    return "length"


def get_computed_column(quantity: str, family: str) -> str | None:
    """The computed column an authored quantity is compared with, or None if not compared."""
    by_family = COMPARED.get(quantity)
    if not by_family:
        return None
    return by_family.get(family) or by_family.get("*")


def _rel(a: float, b: float) -> float:
    if b == 0:
        return 0.0 if a == 0 else math.inf
    return abs(a - b) / abs(b)


def _unit_factor(authored: float, computed: float) -> str | None:
    if computed == 0 or authored == 0:
        return None
    ratio = authored / computed
    for factor, label in UNIT_MISTAKES:
        if abs(ratio / factor - 1) <= TOLERANCE:
            return label
    return None


def check_authored(elements: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """One row per compared authored quantity, with its verdict (see module docstring).

    ``elements`` is the model stage's table (its ``authored`` column lists what the file states
    for each element), ``table`` the measured elements.
    """
    computed = table.set_index("global_id") if len(table) else table
    rows = []
    for element in elements.to_dict(orient="records"):
        if not element["authored"] or element["global_id"] not in computed.index:
            continue
        measured = computed.loc[element["global_id"]]
        family = element["family"]
        by_name: dict[str, list[dict]] = {}
        for q in element["authored"]:
            by_name.setdefault(q["quantity"], []).append(q)
        authored_by_name = {name: qs[0]["value"] for name, qs in by_name.items()}
        for name, entries in by_name.items():
            column = get_computed_column(name, family)
            if column is None:
                continue
            value = float(measured[column]) if pd.notna(measured[column]) else math.nan
            distinct = {round(q["value"], 9) for q in entries}
            for q in entries:
                verdict, detail = _verdict(q, name, column, value, measured, authored_by_name)
                # a 32-gon is 0.64 % short: within 1 %, still the exporter's polygon, and said so
                if verdict in ("ok", "differs") and element.get("curved") and column.endswith(("_m3", "_m2")):
                    verdict, detail = _polygon(q["value"], value) or (verdict, detail)
                if len(distinct) > 1:
                    others = ", ".join(f"{q2['value']:.6g}" for q2 in entries if q2 is not q)
                    detail = f"{verdict}{': ' + detail if detail else ''}; other value(s): {others}"
                    verdict = "duplicate_conflict"
                rows.append(
                    {
                        "global_id": element["global_id"],
                        "ifc_class": element["ifc_class"],
                        "name": element["name"],
                        "storey": element["storey"],
                        "set_name": q["set_name"],
                        "quantity": name,
                        "ifc_type": q["ifc_type"],
                        "raw_value": q["raw_value"],
                        "authored_value": q["value"],
                        "computed_column": column,
                        "computed_value": value,
                        "rel_diff": _rel(q["value"], value) if not math.isnan(value) else math.nan,
                        "verdict": verdict,
                        "detail": detail,
                    }
                )
    frame = pd.DataFrame(rows, columns=AUTHORED_COLUMNS)
    return _mark_constants(frame)


def _verdict(q: dict, name: str, column: str, value: float, measured, authored_by_name) -> tuple[str, str]:
    expected_kind = _column_kind(column)
    if q["kind"] != expected_kind:
        return "wrong_type", Message("authored.wrong_kind", kind=expected_kind, type=q["ifc_type"])
    authored = q["value"]
    if math.isnan(authored):
        return "unit_unknown", Message("authored.no_unit", raw=Number(q["raw_value"]), kind=q["kind"])
    if math.isnan(value):
        return "differs", Message("authored.nothing_computed")
    if _rel(authored, value) <= TOLERANCE:
        return "ok", ""
    if name.startswith("Net"):
        gross_column = column.replace("net_", "gross_")
        gross = measured.get(gross_column, math.nan) if gross_column != column else math.nan
        if pd.notna(gross) and _rel(value, gross) > TOLERANCE and _rel(authored, gross) <= TOLERANCE:
            return "openings_not_deducted", Message("authored.equals_gross", gross=f"{gross:.6g}")
    label = _unit_factor(authored, value)
    if label:
        return "unit_suspect", label
    if name.startswith("Net"):
        gross_authored = authored_by_name.get("Gross" + name[3:])
        if gross_authored is not None and authored > gross_authored * (1 + TOLERANCE):
            return "net_above_gross", Message("authored.gross_is", gross=f"{gross_authored:.6g}")
    if not value:
        return "differs", "geometry gives 0"
    source = str(measured.get("density_source") or "") if column == "weight_kg" else ""
    by = f" (weighed with the {source} density)" if source.startswith("library") else ""
    return "differs", f"{(authored - value) / value:+.1%} from geometry{by}"


# A regular n-gon inscribed in a circle has n sin(2 pi / n) / (2 pi) of its area. Beyond 48
# sides the shortfall (0.29 %) is lost in the 1 % agreement; the kernels' own circles (256
# segments, 1e-4 short) fit within the tolerance.
POLYGON_SIDES = range(3, 49)
POLYGON_REL_TOL = 2e-4


def get_polygon_ratio(n: int) -> float:
    """Area of a regular n-gon inscribed in a circle, over the circle's."""
    return n * math.sin(2 * math.pi / n) / (2 * math.pi)


def _polygon(authored: float, computed: float) -> tuple[str, str] | None:
    """``("exporter_polygon", detail)`` when ``authored`` is the n-gon value of ``computed``."""
    if not computed or math.isnan(computed):
        return None
    ratio = authored / computed
    n = min(POLYGON_SIDES, key=lambda sides: abs(ratio / get_polygon_ratio(sides) - 1))
    if abs(ratio / get_polygon_ratio(n) - 1) > POLYGON_REL_TOL:
        return None
    shortfall = 1 - get_polygon_ratio(n)
    return "exporter_polygon", f"the value of a {n}-sided polygon, {shortfall:.2%} below the round body"


def _mark_constants(frame: pd.DataFrame) -> pd.DataFrame:
    """Flag a value repeated on 3+ elements of a class whose measured values differ."""
    if frame.empty:
        return frame
    differs = frame[frame["verdict"] == "differs"]
    for (_, _, raw), group in differs.groupby(["ifc_class", "quantity", "raw_value"]):
        values = group["computed_value"].dropna()
        if len(group) >= 3 and len(values) and values.max() > values.min() * (1 + TOLERANCE):
            frame.loc[group.index, "verdict"] = "constant_value"
            frame.loc[group.index, "detail"] = Message("authored.constant_value", raw=Number(raw), n=len(group))
    return frame


def get_element_flags(authored: pd.DataFrame) -> dict[str, str]:
    """``{global_id: "NetVolume:unit_suspect; ..."}`` for elements with a suspect authored value."""
    bad = authored[authored["verdict"] != "ok"]
    flags: dict[str, str] = {}
    for gid, group in bad.groupby("global_id", sort=False):
        flags[gid] = "; ".join(sorted({f"{q}:{v}" for q, v in zip(group["quantity"], group["verdict"])}))
    return flags


@dataclass
class Validation(Result):
    """Computed against authored quantities.

    ``summary``: per class and quantity, how many authored values there are, how many agree
    within 1%, and the count of each other verdict. ``suspects``: every authored value that is
    not ``ok``, with its verdict and detail.
    """

    TABLES = ("summary", "suspects", "authored")

    summary: pd.DataFrame
    suspects: pd.DataFrame
    authored: pd.DataFrame
    info: dict = field(default_factory=dict)


def summarize(authored: pd.DataFrame) -> Validation:
    """Group checked authored quantities into a :class:`Validation`."""
    columns = ["ifc_class", "quantity", "count", "ok", "ok_share"] + list(VERDICTS[1:])
    if authored.empty:
        return Validation(pd.DataFrame(columns=columns), authored.copy(), authored)
    counts = authored.groupby(["ifc_class", "quantity", "verdict"]).size().unstack("verdict", fill_value=0)
    for verdict in VERDICTS:
        if verdict not in counts:
            counts[verdict] = 0
    counts["count"] = counts[list(VERDICTS)].sum(axis=1)
    counts["ok_share"] = np.round(counts["ok"] / counts["count"], 4)
    summary = counts.reset_index()[columns]
    suspects = authored[authored["verdict"] != "ok"].reset_index(drop=True)
    return Validation(summary, suspects, authored)


# An exporter's values of one quantity on one class are taken for an element whose geometry
# failed only when they were checked against the geometry on at least this many other elements
# of the class, and agreed on at least this share of them.
FALLBACK_MIN_COMPARED = 2
FALLBACK_MIN_AGREEMENT = 0.9


def get_fallback_quantities(element: dict, checked: pd.DataFrame) -> tuple[dict[str, float], str]:
    """Quantities for an element whose geometry failed, from what its file states, and where
    they come from: ``({"net_volume_m3": 2.6}, "authored NetVolume (...)")``, or ``({}, why
    none)``.

    A stated value is taken only after the checks ``validate`` makes: the same quantity on the
    same class agreed with the geometry within 1 % on at least ``FALLBACK_MIN_COMPARED`` other
    elements of the model and ``FALLBACK_MIN_AGREEMENT`` of them (``checked``: the takeoff's
    ``authored`` table); its unit is known, its kind is right, the element states it once, and a
    net value is not above the gross one.
    """
    by_name: dict[str, list[dict]] = {}
    for q in element.get("authored") or []:
        by_name.setdefault(q["quantity"], []).append(q)
    taken: dict[str, float] = {}
    said, refused = [], []
    for name, entries in by_name.items():
        column = get_computed_column(name, element["family"])
        if column is None or column in taken:
            continue
        values = {round(q["value"], 9) for q in entries}
        value = entries[0]["value"]
        if len(values) > 1 or entries[0]["kind"] != _column_kind(column) or not math.isfinite(value) or value <= 0:
            refused.append(Message("authored.unusable", quantity=name))
            continue
        if name.startswith("Net") and "Gross" + name[3:] in by_name:
            gross = by_name["Gross" + name[3:]][0]["value"]
            if value > gross * (1 + TOLERANCE):
                refused.append(Message("authored.above_gross", quantity=name))
                continue
        same = checked[(checked["ifc_class"] == element["ifc_class"]) & (checked["quantity"] == name)]
        same = same[same["verdict"] != "unit_unknown"]
        agree = int((same["verdict"] == "ok").sum())
        if len(same) < FALLBACK_MIN_COMPARED or agree < FALLBACK_MIN_AGREEMENT * len(same):
            refused.append(
                Message(
                    "authored.exporter_disagrees",
                    quantity=name,
                    name=name,
                    agree=agree,
                    of=len(same),
                    cls=element["ifc_class"],
                )
            )
            continue
        taken[column] = value
        quantity = f"{entries[0]['set_name'] or ''}.{name}"
        said.append(Message("authored.agrees", quantity=quantity, agree=agree, of=len(same), cls=element["ifc_class"]))
    if taken and refused:
        return taken, Message("authored.taken_not_all", said="; ".join(said), refused="; ".join(refused))
    if taken:
        return taken, Message("authored.taken", said="; ".join(said))
    if refused:
        return {}, Message("authored.not_taken", refused="; ".join(refused))
    return {}, Message("authored.none")
