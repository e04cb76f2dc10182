"""Element takeoff: every element of a model measured from its geometry, one row each.

Example::

    >>> import bimquant
    >>> result = bimquant.takeoff("sample_models/house_ifc4.ifc")
    >>> result.elements[["name", "net_volume_m3"]].head()
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field

import pandas as pd

from bimquant import authored as authored_checks
from bimquant.model import Element, Model, get_common_property, get_elements, open_model
from bimquant.quantities.geometry import Progress, get_shapes
from bimquant.quantities.measure import QUANTITY_COLUMNS, get_family, measure_element, measure_openings

IDENTITY_COLUMNS = [
    "global_id",
    "ifc_class",
    "predefined_type",
    "name",
    "type_name",
    "storey",
    "storey_elevation_m",
    "building",
    "parent_global_id",
    "material",
    "material_layers",
    "classification",
    "is_external",
    "load_bearing",
    "fire_rating",
]
TRACE_COLUMNS = ["geometry_kernel", "mesh_closed", "measure_note", "authored_flags", "properties"]
ELEMENT_COLUMNS = IDENTITY_COLUMNS + QUANTITY_COLUMNS + TRACE_COLUMNS
LIST_COLUMNS = ["global_id", "ifc_class", "name", "storey", "reason"]
OPENING_COLUMNS = [
    "host_global_id",
    "opening_global_id",
    "opening_name",
    "filled_by",
    "filled_by_class",
    "area_m2",
    "volume_m3",
]


@dataclass
class Takeoff:
    """The measured model.

    - ``elements``: one row per measured element (columns: ``ELEMENT_COLUMNS``).
    - ``failures``: elements with a body whose geometry could not be measured, with the reason.
    - ``excluded``: elements not measured on purpose (openings, aggregates, no body), with reason.
    - ``authored``: every authored quantity matched to a computed one, with its verdict
      (see :mod:`bimquant.authored`).
    - ``openings``: one row per opening of a measured host: its area in the host's main face and
      its volume inside the host (what measurement conventions judge), and the door or window
      filling it.
    - ``info``: file, schema, units, kernel, timings.
    """

    elements: pd.DataFrame
    failures: pd.DataFrame
    excluded: pd.DataFrame
    authored: pd.DataFrame
    openings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OPENING_COLUMNS))
    info: dict = field(default_factory=dict)


def takeoff(
    path: str | os.PathLike,
    *,
    kernel: str = "auto",
    threads: int | None = None,
    progress: Progress | None = None,
) -> Takeoff:
    """Open an IFC file and measure every physical element with a body from its geometry.

    ``kernel``: ``"auto"`` (fast kernel with an OpenCASCADE guard), ``"opencascade"`` or
    ``"manifold"``. ``progress(done, total)`` is called while geometry runs.

    Example::

        >>> result = takeoff("sample_models/house_ifc4.ifc")
        >>> len(result.failures)
        0
    """
    started = time.perf_counter()
    model = open_model(path)
    return measure_model(model, kernel=kernel, threads=threads, progress=progress, started=started)


def measure_model(
    model: Model,
    *,
    kernel: str = "auto",
    threads: int | None = None,
    progress: Progress | None = None,
    started: float | None = None,
) -> Takeoff:
    """Measure an already opened :class:`~bimquant.model.Model` (see :func:`takeoff`)."""
    started = started if started is not None else time.perf_counter()
    elements, excluded = get_elements(model)
    ifc = model.file
    products = [e.entity for e in elements]
    hosts = [e.entity for e in elements if e.opening_ids]
    total = len(products) + len(hosts)

    def net_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(done, total)

    def gross_progress(done: int, _total: int) -> None:
        if progress is not None:
            progress(len(products) + done, total)

    read_done = time.perf_counter()
    net_shapes, net_failures = get_shapes(ifc, products, kernel=kernel, threads=threads, progress=net_progress)
    opening_entities = [ifc.by_id(i) for e in elements for i in e.opening_ids]
    opening_shapes, _ = (
        get_shapes(ifc, opening_entities, kernel=kernel, threads=threads) if opening_entities else ({}, {})
    )
    gross_shapes, _ = get_shapes(
        ifc,
        [h for h in hosts if h.id() in net_shapes],
        openings=False,
        kernel=kernel,
        threads=threads,
        progress=gross_progress,
    )
    geometry_done = time.perf_counter()

    rows, failures, opening_rows = [], [], []
    for element in elements:
        pid = element.entity.id()
        shape = net_shapes.get(pid)
        if shape is None:
            failures.append(_listed(element, net_failures.get(pid, "no shape produced")))
            continue
        try:
            quantities, notes = measure_element(
                get_family(element.entity),
                shape,
                gross_shapes.get(pid),
                len(element.opening_ids),
                element.material_layers,
                element.densities,
            )
        except Exception as exc:  # one bad mesh never sinks the model
            failures.append(_listed(element, f"measurement failed: {type(exc).__name__}: {exc}"))
            continue
        if element.opening_ids and pid not in gross_shapes:
            notes.append("gross geometry unavailable: gross values equal net")
        if element.opening_ids:
            opening_rows += _openings(ifc, element, shape, gross_shapes.get(pid, shape), opening_shapes)
        rows.append(_row(element, quantities, notes, shape))

    table = pd.DataFrame(rows, columns=ELEMENT_COLUMNS)
    authored = authored_checks.check_authored(elements, table)
    flags = authored_checks.get_element_flags(authored)
    table["authored_flags"] = [flags.get(gid, "") for gid in table["global_id"]]
    info = {
        "file": str(model.path),
        "schema": model.schema,
        "length_unit_m": model.length_scale,
        "kernel": kernel,
        "elements_measured": len(table),
        "elements_failed": len(failures),
        "elements_excluded": len(excluded),
        "read_s": round(read_done - started, 3),
        "geometry_s": round(geometry_done - read_done, 3),
        "total_s": round(time.perf_counter() - started, 3),
    }
    return Takeoff(
        elements=table,
        failures=pd.DataFrame(failures, columns=LIST_COLUMNS),
        excluded=pd.DataFrame([_excluded_row(x) for x in excluded], columns=LIST_COLUMNS),
        authored=authored,
        openings=pd.DataFrame(opening_rows, columns=OPENING_COLUMNS),
        info=info,
    )


def _openings(ifc, element: Element, net, gross, opening_shapes) -> list[dict]:
    family = get_family(element.entity)
    entities = [ifc.by_id(i) for i in element.opening_ids]
    try:
        measured = measure_openings(family, net, gross, [(o.GlobalId, opening_shapes.get(o.id())) for o in entities])
    except Exception:  # an odd opening never sinks its host: its area and volume stay unknown
        measured = [{"opening_global_id": o.GlobalId, "area_m2": math.nan, "volume_m3": math.nan} for o in entities]
    rows = []
    for opening, values in zip(entities, measured):
        fillings = [rel.RelatedBuildingElement for rel in getattr(opening, "HasFillings", ()) or ()]
        rows.append(
            {
                "host_global_id": element.global_id,
                "opening_global_id": opening.GlobalId,
                "opening_name": opening.Name,
                "filled_by": "; ".join(f.GlobalId for f in fillings) or None,
                "filled_by_class": "; ".join(f.is_a() for f in fillings) or None,
                "area_m2": values["area_m2"],
                "volume_m3": values["volume_m3"],
            }
        )
    return rows


def _row(element: Element, quantities: dict, notes: list[str], shape) -> dict:
    props = element.properties
    return {
        "global_id": element.global_id,
        "ifc_class": element.ifc_class,
        "predefined_type": element.predefined_type,
        "name": element.name,
        "type_name": element.type_name,
        "storey": element.storey,
        "storey_elevation_m": element.storey_elevation_m,
        "building": element.building,
        "parent_global_id": element.parent_global_id,
        "material": "; ".join(element.materials) or None,
        "material_layers": element.material_layers,
        "classification": element.classification,
        "is_external": get_common_property(props, "IsExternal"),
        "load_bearing": get_common_property(props, "LoadBearing"),
        "fire_rating": get_common_property(props, "FireRating"),
        **quantities,
        "geometry_kernel": shape.kernel,
        "mesh_closed": shape.closed,
        "measure_note": "; ".join(notes + ([] if shape.closed else ["open mesh: volume uncertain"])),
        "authored_flags": "",
        "properties": props,
    }


def _listed(element: Element, reason: str) -> dict:
    return {
        "global_id": element.global_id,
        "ifc_class": element.ifc_class,
        "name": element.name,
        "storey": element.storey,
        "reason": reason,
    }


def _excluded_row(row: dict) -> dict:
    return {"storey": None, **row}
