"""Is a model ready to be priced with a rule set? What an estimator should settle before pricing.

:func:`check_readiness` reads a takeoff and its work items under a rule set and lists each
problem with its quantities, grouped (class, material, type) as an estimator reads them:

==============================  ========  =====================================================
``kind``                        blocking  meaning
==============================  ========  =====================================================
``not_selected``                yes       building elements no item of the rule set selects
``material_not_recognised``     yes       elements whose class the rule set prices, but not
                                          with their material (or they have none)
``value_unknown``               yes       an item takes them, but their quantity has no value
``body_not_priced``             yes       only roofing or finish items take them, not their body
``no_body``                     yes       building elements without a body no item counts
``double_counted``              yes       two items that measure the same thing take them
``geometry_failed``             yes       bodies not measured, not priced by count or stated
                                          quantity either
``placeholder``                 yes       lines with a quantity whose label still waits for a
                                          decision ("(à préciser)")
``aggregate_parts``             no        aggregates whose parts carry the geometry, and the
                                          parts are not all priced (the parts are listed too)
``priced_without_geometry``     no        bodies not measured, priced by count or by the
                                          quantities the file states (trusted, and said)
``type_disagrees``              no        the occurrence's predefined type is not its type's (a
                                          slab typed FLOOR whose occurrence says ROOF)
``external_disagrees``          no        walls whose ``IsExternal`` the storey outline
                                          contradicts
``class_contradicts_shape``     no        signals that disagree with the class, read as the
                                          rules read them: a beam shaped as a wall panel or a
                                          floor unit, a proxy whose category or name says its
                                          class, a tree exported as a proxy
``no_storey``                   no        building elements in no storey
``no_spaces``                   no        no IfcSpace: the cost per m2 is on the slabs' area
==============================  ========  =====================================================

A model is ready when no blocking problem is found.

Example::

    >>> import bimquant
    >>> readiness = bimquant.check("sample_models/house_ifc4.ifc", "rules/fr-lots.toml")
    >>> readiness.info["ready"]
    True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from bimquant.columns import PROBLEM_COLUMNS
from bimquant.result import Result
from bimquant.rules.apply import WorkItems
from bimquant.takeoff import Takeoff
from bimquant.messages import Message

BLOCKING = (
    "not_selected",
    "material_not_recognised",
    "body_not_priced",
    "no_body",
    "value_unknown",
    "double_counted",
    "geometry_failed",
    "placeholder",
)
TO_CHECK = (
    "aggregate_parts",
    "priced_without_geometry",
    "type_disagrees",
    "external_disagrees",
    "class_contradicts_shape",
    "no_storey",
    "no_spaces",
)
KINDS = BLOCKING + TO_CHECK
GENERIC_TYPES = (None, "", "NOTDEFINED", "USERDEFINED")


@dataclass
class Readiness(Result):
    """What stands between a model and its estimate under a rule set.

    - ``problems``: one row per problem and group (columns ``PROBLEM_COLUMNS``): ``kind``,
      ``blocking``, the class, material and type concerned, how many elements, their net volume
      and wall face area where known, what is wrong, and their GlobalIds.
    - ``info``: ``ready`` (no blocking problem), the count of problems of each kind, the
      coverage of the rule set on this model, the model and rule set.
    """

    TABLES = ("problems",)

    problems: pd.DataFrame
    info: dict = field(default_factory=dict)


def check_readiness(takeoff: Takeoff, work: WorkItems, model_file=None) -> Readiness:
    """The problems of ``takeoff`` under the rule set of ``work`` (its work items), in the order
    of ``KINDS``; ``model_file`` (an open ``ifcopenshell.file``) adds the occurrences whose type
    says otherwise."""
    rows: list[dict] = []
    rec = work.reconciliation
    ruleset = work.ruleset

    def add(kind: str, group: pd.DataFrame, detail: str, **identity) -> None:
        volume = group["net_volume_m3"].astype(float) if "net_volume_m3" in group else pd.Series(dtype=float)
        face = group["wall_face_area_m2"].astype(float) if "wall_face_area_m2" in group else pd.Series(dtype=float)
        rows.append(
            {
                "kind": kind,
                "blocking": kind in BLOCKING,
                "ifc_class": identity.get("ifc_class"),
                "material": identity.get("material") or None,
                "type_name": identity.get("type_name") or None,
                "elements": len(group),
                "net_volume_m3": round(float(volume.sum()), 6) if volume.notna().any() else math.nan,
                "wall_face_area_m2": round(float(face.sum()), 6) if face.notna().any() else math.nan,
                "detail": detail,
                "global_ids": " ".join(group["global_id"]),
            }
        )

    def grouped(kind: str, part: pd.DataFrame, detail) -> None:
        part = part.fillna({"material": "", "type_name": ""})
        for (cls, material, type_name), group in part.groupby(["ifc_class", "material", "type_name"], sort=False):
            text = detail(group) if callable(detail) else detail
            add(kind, group, text, ifc_class=cls, material=material, type_name=type_name)

    not_priced = rec[rec["verdict"] == "not_priced"]
    reason = not_priced["reason"].astype(str)
    unselected, finishes = reason.str.startswith("no item selects"), reason.str.startswith("feeds ")
    bodiless = reason.str.startswith("no body representation")
    grouped(
        "not_selected", not_priced[unselected], lambda g: f"no item of {ruleset.name} selects {g['ifc_class'].iloc[0]}"
    )
    grouped("material_not_recognised", not_priced[~(unselected | finishes | bodiless)], _material_detail)
    grouped("body_not_priced", not_priced[finishes], lambda g: str(g["reason"].iloc[0]))
    grouped("no_body", not_priced[bodiless], "no body representation: nothing to measure, and no item counts it")
    for status in ("value_unknown", "double_counted"):
        grouped(status, rec[rec["verdict"] == status], lambda g: str(g["reason"].iloc[0]))
    status_of = dict(zip(rec["global_id"], rec["verdict"]))
    aggregates = rec[rec["verdict"] == "represented_by_parts"]
    parts_of = _parts_of(takeoff)
    unpriced = [
        gid for gid in aggregates["global_id"] if any(status_of.get(p) != "priced_once" for p in parts_of.get(gid, []))
    ]
    if unpriced:
        chosen = aggregates[aggregates["global_id"].isin(unpriced)]
        volumes = rec.set_index("global_id")["net_volume_m3"].astype(float)
        chosen = chosen.assign(  # an aggregate's measure is its parts'
            net_volume_m3=[volumes.reindex(parts_of.get(gid, [])).sum(min_count=1) for gid in chosen["global_id"]]
        )

        def parts_detail(group: pd.DataFrame) -> str:
            parts = [p for gid in group["global_id"] for p in parts_of.get(gid, [])]
            priced = sum(status_of.get(p) == "priced_once" for p in parts)
            volume = rec.loc[rec["global_id"].isin(parts), "net_volume_m3"].astype(float).sum()
            return (
                f"their {len(parts)} parts carry the geometry ({volume:.6g} m3); {priced} priced once: "
                f"price the parts, or the whole from its parts"
            )

        grouped("aggregate_parts", chosen, parts_detail)
    grouped("geometry_failed", rec[rec["verdict"] == "geometry_failed"], lambda g: str(g["reason"].iloc[0]))
    placeholders = work.items[(work.items["elements"] > 0) & work.items["label"].map(ruleset.is_placeholder)]
    for item in placeholders.to_dict(orient="records"):
        codes = work.trace[work.trace["code"] == item["code"]]["global_id"].unique()
        group = rec[rec["global_id"].isin(codes)]
        add(
            "placeholder",
            group,
            f"{item['code']} {item['label']}",
            ifc_class=", ".join(sorted(set(group["ifc_class"]))),
        )
    failed_ids = set(takeoff.failures["global_id"])
    rescued = rec[rec["global_id"].isin(failed_ids) & (rec["verdict"] == "priced_once")]
    grouped("priced_without_geometry", rescued, lambda g: Message(f"check.priced_from.{g['provenance'].iloc[0]}"))
    if model_file is not None:
        read = dict(zip(takeoff.elements["global_id"], takeoff.elements["predefined_type"]))
        _type_disagreements(model_file, rec, add, read)
    disagreeing = set(takeoff.info.get("external_walls_disagreeing") or [])
    if disagreeing:
        walls = takeoff.elements[takeoff.elements["global_id"].isin(disagreeing)]
        grouped(
            "external_disagrees",
            _with_measures(walls, rec),
            lambda g: Message(f"check.external_{str(bool(g['is_external'].iloc[0])).lower()}"),
        )
    readings = work.warnings[work.warnings["kind"] == "reading"]
    if len(readings):  # the reading of the rules (bimquant.rules.reading): one note per element
        notes = dict(zip(readings["global_id"], readings["message"]))
        read = rec[rec["global_id"].isin(notes)].assign(note=lambda r: r["global_id"].map(notes))
        for _, group in read.groupby("note", sort=False):
            grouped("class_contradicts_shape", group, lambda g: str(g["note"].iloc[0]))
    building = rec[
        rec["verdict"].isin(("priced_once", "double_counted", "value_unknown", "not_priced", "geometry_failed"))
    ]
    grouped(
        "no_storey",
        building[building["storey"].isna()],
        Message("check.no_storey"),
    )
    spaces = takeoff.info.get("spaces") or {}
    if not spaces.get("count"):
        rows.append(
            {column: None for column in PROBLEM_COLUMNS}
            | {
                "kind": "no_spaces",
                "blocking": False,
                "elements": 0,
                "detail": Message("check.no_spaces"),
            }
        )
    problems = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    problems["order"] = problems["kind"].map(KINDS.index)
    problems = problems.sort_values(["order"], kind="stable").drop(columns="order").reset_index(drop=True)
    counts = problems.groupby("kind")["elements"].sum().to_dict()
    return Readiness(
        problems=problems,
        info={
            "file": takeoff.info.get("file"),
            "ruleset": ruleset.name,
            "language": ruleset.language,
            "ready": not problems["blocking"].astype(bool).any(),
            "problems": {kind: int(counts[kind]) for kind in KINDS if kind in counts},
            "coverage": work.coverage,
        },
    )


def _material_detail(group: pd.DataFrame) -> str:
    material = group["material"].iloc[0]
    said = f"material '{material}'" if material else "no material"
    return f"{said}: {group['reason'].iloc[0]}"


def _parts_of(takeoff: Takeoff) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for table in (takeoff.elements, takeoff.failures, takeoff.excluded):
        if "parent_global_id" not in table:
            continue
        for gid, parent in zip(table["global_id"], table["parent_global_id"]):
            if isinstance(parent, str) and parent:
                found.setdefault(parent, []).append(gid)
    return found


def _with_measures(elements: pd.DataFrame, rec: pd.DataFrame) -> pd.DataFrame:
    """Elements with the reconciliation's measures (net volume, wall face)."""
    measures = rec.set_index("global_id")[["net_volume_m3", "wall_face_area_m2"]]
    return elements.drop(columns=["net_volume_m3"], errors="ignore").join(measures, on="global_id")


def _type_disagreements(ifc, rec: pd.DataFrame, add, read: dict) -> None:
    """Add the occurrences whose predefined type is not their type object's (both stated)."""
    import ifcopenshell.util.element

    found: dict[tuple, list[str]] = {}
    for gid in rec["global_id"]:
        try:
            element = ifc.by_guid(gid)
        except RuntimeError:
            continue
        own = getattr(element, "PredefinedType", None)
        element_type = ifcopenshell.util.element.get_type(element)
        typed = getattr(element_type, "PredefinedType", None) if element_type is not None else None
        if own in GENERIC_TYPES or typed in GENERIC_TYPES or own == typed:
            continue
        found.setdefault((element.is_a(), own, typed, element_type.Name, read.get(gid, typed)), []).append(gid)
    for (cls, own, typed, type_name, chosen), ids in found.items():
        group = rec[rec["global_id"].isin(ids)]
        add(
            "type_disagrees",
            group,
            Message("readiness.types_disagree", occurrence=own, type=typed, read=chosen),
            ifc_class=cls,
            type_name=type_name,
        )
