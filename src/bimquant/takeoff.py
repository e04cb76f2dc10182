"""Element takeoff: every element of a model measured from its geometry, one row each.

The steps: read the elements (:mod:`bimquant.model`), mesh their bodies, with and without
openings, and the openings themselves (:mod:`bimquant.geometry`), measure each mesh
(:mod:`bimquant.quantities`), then check what the file itself states (:mod:`bimquant.authored`).

Example::

    >>> from bimquant.model import open_model
    >>> result = measure_model(open_model("sample_models/house_ifc4.ifc"))
    >>> result.elements[["name", "net_volume_m3"]].head()
"""

from __future__ import annotations

import logging
import math
import os
import re
import time
from dataclasses import dataclass, field

import pandas as pd

from bimquant import authored as authored_checks
from bimquant.columns import ELEMENT_COLUMNS, FAILURE_COLUMNS, LOCATION_COLUMNS, OPENING_COLUMNS, QUANTITY_COLUMNS
from bimquant.geometry import Shape, get_shapes
from bimquant.geometry.policy import describe_body, start_shapes
from bimquant.geometry.cut import cut_openings
from bimquant.geometry.cut import KERNEL as CUT_KERNEL
from bimquant.geometry.iterator import FAST_KERNEL, SAFE_KERNEL, ProgressCallback
from bimquant.geometry.parametric import FACES_KERNEL
from bimquant.geometry.parametric import KERNEL as PARAMETRIC
from bimquant.materials import MaterialLibrary, load_materials
from bimquant.messages import Joined, Message, Number
from bimquant.model import Model, get_authored_quantities, get_measured_bodies
from bimquant.model import get_elements as read_elements
from bimquant.quantities import mesh
from bimquant.quantities.exterior import derive_external
from bimquant.quantities.measure import get_weight, measure_element
from bimquant.quantities.openings import measure_openings
from bimquant.result import Result
from bimquant.tolerances import EXACT_CURVED_REL_TOL, EXACT_REL_TOL

log = logging.getLogger(__name__)


@dataclass
class Takeoff(Result):
    """The measured model.

    - ``elements``: one row per measured element (columns: ``ELEMENT_COLUMNS``).
    - ``failures``: elements with a body whose geometry could not be measured, with the reason,
      who they are (``FAILURE_COLUMNS``), and the quantities their file states where they can
      be trusted (``quantity_source`` says which, or why none).
    - ``excluded``: elements not measured on purpose (openings, aggregates, no body), with the
      reason and who they are (``UNMEASURED_COLUMNS``).
    - ``authored``: every authored quantity matched to a computed one, with its verdict
      (see :mod:`bimquant.authored`).
    - ``openings``: one row per opening of a measured host: its area in the host's main face and
      its volume inside the host (what measurement conventions judge), and the door or window
      filling it.
    - ``info``: file, schema, units, kernel, timings.
    - ``work``: the work items, when the takeoff was asked for with a rule set
      (``bimquant.takeoff(model, rules=...)``), else None.
    """

    elements: pd.DataFrame
    failures: pd.DataFrame
    excluded: pd.DataFrame
    authored: pd.DataFrame
    openings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=OPENING_COLUMNS))
    info: dict = field(default_factory=dict)
    work: object | None = None  # a bimquant.rules.WorkItems (the rules stage comes after this one)

    TABLES = ("elements", "failures", "excluded", "authored", "openings")

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Work item tables first when there are any, then the element tables."""
        own = Result.tables.fget(self)
        return {**self.work.tables, **own} if self.work is not None else own


@dataclass
class _Geometry:
    net: dict[int, Shape]
    failures: dict[int, str]
    gross: dict[int, Shape]
    openings: dict[int, Shape]


def measure_model(
    model: Model,
    *,
    kernel: str = "auto",
    threads: int | None = None,
    progress: ProgressCallback | None = None,
    started: float | None = None,
    materials: MaterialLibrary | str | os.PathLike | None = None,
) -> Takeoff:
    """Measure every physical element with a body of an opened model from its geometry.

    ``materials``: the material library giving densities the model does not state (a
    :class:`~bimquant.materials.MaterialLibrary` or its file; the shipped one by default).

    ``kernel``: ``"auto"`` (fast kernel with an OpenCASCADE guard), ``"opencascade"`` or
    ``"manifold"``. ``progress(done, total)`` is called while geometry runs.
    """
    started = started if started is not None else time.perf_counter()
    library = materials if isinstance(materials, MaterialLibrary) else load_materials(materials)
    # the kernels mesh the bodies in the background while this process reads the properties
    early = get_measured_bodies(model) if kernel == "auto" else []
    pending = start_shapes(model.file, early, openings=False, threads=threads, progress=progress) if early else None
    try:
        elements, excluded = read_elements(model, library)
        read_done = time.perf_counter()
        shapes = _mesh(model, elements, kernel, threads, progress, pending)
    except BaseException:  # an error, Ctrl-C, SIGTERM: no child or receiving thread left behind
        if pending is not None:
            pending.cancel()
        raise
    geometry_done = time.perf_counter()
    rows, failed, opening_rows = [], [], []
    footprints: dict = {}  # wall GlobalId -> plan geometry
    for element in elements.to_dict(orient="records"):
        measured = _measure(element, shapes, footprints)
        if isinstance(measured, str):
            failed.append((element, measured))
            continue
        rows.append(measured)
        if element["openings"]:
            opening_rows += _openings(element, shapes)
    table = pd.DataFrame(rows, columns=ELEMENT_COLUMNS)
    openings_table = pd.DataFrame(opening_rows, columns=OPENING_COLUMNS)
    agreement, disagreeing = _set_external(table, footprints, openings_table)
    spaces = measure_spaces(model, kernel=kernel, threads=threads)
    authored = authored_checks.check_authored(elements, table)
    flags = authored_checks.get_element_flags(authored)
    table["authored_flags"] = [flags.get(gid, "") for gid in table["global_id"]]
    failures = pd.DataFrame([_failed(element, reason, authored) for element, reason in failed], columns=FAILURE_COLUMNS)
    _set_filling_external(failures, table, openings_table)
    info = {
        "file": str(model.path),
        "schema": model.schema,
        "length_unit_m": model.length_scale,
        "kernel": kernel,
        "material_library": str(library.path),
        "elements_measured": len(table),
        "elements_failed": len(failures),
        "elements_excluded": len(excluded),
        "external_walls_geometry_agreement": agreement,
        "external_walls_disagreeing": disagreeing,  # the model's IsExternal against the storey outline
        "spaces": spaces,
        "elements_damaged": int(table["measure_note"].str.contains("damaged file", regex=False).sum()),
        "geometry_paths": _paths(model, table),
        "assumptions": model.assumptions,
        "file_problems": model.problems[:20],
        "read_s": round(read_done - started, 3),
        "geometry_s": round(geometry_done - read_done, 3),
        "total_s": round(time.perf_counter() - started, 3),
    }
    return Takeoff(
        elements=table,
        failures=failures,
        excluded=excluded,
        authored=authored,
        openings=openings_table,
        info=info,
    )


def _mesh(model: Model, elements: pd.DataFrame, kernel: str, threads: int | None, progress, pending=None) -> _Geometry:
    """Net bodies of every element, gross bodies of the hosts of openings, and the openings.

    With ``kernel="auto"`` a host's net body is its gross body minus its openings, cut here
    with manifold3d (:mod:`bimquant.geometry.cut`); OpenCASCADE cuts only the hosts that
    cannot be cut that way. Otherwise the chosen kernel cuts every host itself."""
    ids = list(elements["step_id"])
    host_openings = {row.step_id: [o["step_id"] for o in row.openings] for row in elements.itertuples() if row.openings}
    total = len(ids) + len(host_openings) + sum(len(holes) for holes in host_openings.values())

    def report(offset: int):
        return None if progress is None else (lambda done, _total: progress(offset + done, total))

    opening_ids = [i for holes in host_openings.values() for i in holes]
    if kernel == "auto":
        # one pass meshes everything without cutting openings: the bodies of elements without
        # openings, the gross bodies of hosts, and the openings themselves
        exact = dict(zip(elements["step_id"], elements["exact"]))
        everything = list(dict.fromkeys(ids + opening_ids))
        if pending is not None:  # started before the properties were read (see measure_model)
            shapes, all_failures = pending.result()
            started = set(pending.step_ids)
            missing = [i for i in everything if i not in started]
        else:
            shapes, all_failures, missing = {}, {}, everything
        if missing:
            more, more_failures = get_shapes(
                model.file, missing, openings=False, kernel=kernel, threads=threads, progress=report(0)
            )
            shapes, all_failures = shapes | more, all_failures | more_failures
        _check_with_exact(model, shapes, exact, openings=False, threads=threads)
        opening_shapes = {i: shapes[i] for i in opening_ids if i in shapes}
        gross = {h: shapes[h] for h in host_openings if h in shapes}
        net = {i: shapes[i] for i in ids if i not in host_openings and i in shapes}
        failures = {i: reason for i, reason in all_failures.items() if i in ids}
        cut, uncut = cut_openings(
            gross, {h: [opening_shapes.get(o) for o in holes] for h, holes in host_openings.items()}
        )
        net |= cut
        if uncut:
            log.info("%d host(s) of openings could not be cut with manifold3d: cut by OpenCASCADE", len(uncut))
            safe, safe_failures = get_shapes(model.file, uncut, kernel=SAFE_KERNEL, threads=threads)
            net |= safe
            failures |= {
                i: safe_failures.get(i, all_failures.get(i, Message("takeoff.no_shape")))
                for i in uncut
                if i not in safe
            }
    else:
        opening_shapes, _ = (
            get_shapes(model.file, opening_ids, kernel=kernel, threads=threads) if opening_ids else ({}, {})
        )
        gross, _ = get_shapes(
            model.file, list(host_openings), openings=False, kernel=kernel, threads=threads, progress=report(0)
        )
        net, failures = get_shapes(model.file, ids, kernel=kernel, threads=threads, progress=report(len(gross)))
    gross = {i: shape for i, shape in gross.items() if i in net}
    return _Geometry(net=net, failures=failures, gross=gross, openings=opening_shapes)


# geometry_kernel of a measured element -> the path its body took (info's geometry_paths)
PATHS = {
    PARAMETRIC: "parametric",
    FACES_KERNEL: "faces",
    CUT_KERNEL: "manifold_boolean",
    FAST_KERNEL: "kernel",
    SAFE_KERNEL: "opencascade",
}


def _paths(model: Model, table: pd.DataFrame) -> dict[str, int]:
    """How many measured elements took each path: built from their parameters, read from their
    own faces, cut by manifold3d, meshed by the manifold kernel, by OpenCASCADE. Each element that needed a
    kernel is logged (information: ``--verbose`` shows it) with what its body is made of."""
    counts = dict.fromkeys(PATHS.values(), 0)
    for kernel, count in table["geometry_kernel"].value_counts().items():
        counts[PATHS.get(kernel, str(kernel))] = int(count)
    if not log.isEnabledFor(logging.INFO):  # nobody reads the list: it is not made
        return counts
    for row in table[table["geometry_kernel"].isin([FAST_KERNEL, SAFE_KERNEL])].itertuples():
        entity = model.file.by_guid(row.global_id)
        log.info(
            Message(
                "log.kernel_body",
                ifc_class=row.ifc_class,
                global_id=row.global_id,
                name=row.name or "",
                kernel=row.geometry_kernel,
                items=", ".join(describe_body(entity)),
            )
        )
    return counts


def _check_with_exact(model: Model, shapes: dict[int, Shape], exact: dict, *, openings: bool, threads) -> None:
    """Bodies whose mesh disagrees with the exact volume of their body (:mod:`bimquant.solids`)
    are meshed again by OpenCASCADE (bodies built from their parameters are that body
    already), and the mesh nearer the exact volume is kept: a kernel
    that drops a frame of a window, or turns an arc the wrong way, does not go unnoticed."""
    suspects = [
        sid
        for sid, shape in shapes.items()
        if shape.kernel not in (SAFE_KERNEL, PARAMETRIC) and _off_exact(_volume(shape), exact.get(sid))
    ]
    if not suspects:
        return
    log.info("%d body(ies) whose mesh is not their exact volume: meshed again with OpenCASCADE", len(suspects))
    again, _ = get_shapes(model.file, suspects, openings=openings, kernel=SAFE_KERNEL, threads=threads)
    for sid, shape in again.items():
        target = exact[sid].volume_m3
        if abs(_volume(shape) - target) < abs(_volume(shapes[sid]) - target):
            shapes[sid] = shape


def _off_exact(volume: float, exact) -> bool:
    """The mesh's volume is not the exact one: beyond 1e-6 for plane faces, beyond a polygon's
    error (2e-3) for curved ones."""
    if exact is None or not isinstance(exact, tuple) or exact.volume_m3 <= 0:
        return False
    tolerance = EXACT_CURVED_REL_TOL if exact.curved else EXACT_REL_TOL
    return abs(volume - exact.volume_m3) > tolerance * exact.volume_m3


def _volume(shape: Shape) -> float:
    return abs(mesh.get_volume(mesh.get_triangles(shape.vertices, shape.faces)))


def _measure(element: dict, shapes: _Geometry, footprints: dict) -> dict | str:
    """The element's row, or the reason it could not be measured; a wall's plan footprint goes
    to ``footprints`` (by GlobalId) for the external-wall derivation."""
    sid = element["step_id"]
    shape = shapes.net.get(sid)
    if shape is None:
        return shapes.failures.get(sid, Message("takeoff.no_shape"))
    try:
        quantities, notes, footprint = measure_element(
            element["family"],
            shape,
            shapes.gross.get(sid),
            len(element["openings"]),
            element["material_layers"],
            element["densities"],
        )
    except Exception as exc:  # one bad mesh never sinks the model
        return Message("takeoff.measure_failed", kind=type(exc).__name__, error=str(exc))
    infinite = [name for name, value in quantities.items() if isinstance(value, float) and math.isinf(value)]
    if infinite:  # finite or nothing: an infinite number never reaches a table
        return Message("takeoff.not_finite", names=", ".join(infinite))
    if element["family"] == "wall":
        footprints[element["global_id"]] = footprint
    if element["openings"] and sid not in shapes.gross:
        notes.append(Message("takeoff.no_gross"))
    if not shape.closed:
        notes.append(Message("takeoff.open_mesh"))
    exact = element.get("exact")
    body_volume = quantities["gross_volume_m3"]  # measured already: the body before its openings
    if isinstance(exact, tuple) and exact.items == 1 and _off_exact(body_volume, exact):
        notes.append(
            Message("takeoff.off_exact", mesh=Number(body_volume, ".6g"), exact=Number(exact.volume_m3, ".6g"))
        )
    elif isinstance(exact, tuple) and exact.items == 1 and exact.curved and exact.volume_m3 > 0:
        _use_exact_volume(quantities, exact.volume_m3, element)
    if shape.reoriented:
        notes.append(Message("takeoff.reoriented"))
    reading = read_predefined_type(element, quantities)
    if reading is not None:
        element = element | {"predefined_type": reading[0]}
        notes.append(reading[1])
    if isinstance(element["damage"], str):
        notes.append(element["damage"])
    low, high = shape.vertices.min(axis=0), shape.vertices.max(axis=0)
    location = dict(zip(LOCATION_COLUMNS, map(float, [*((low + high) / 2), *(high - low)])))
    provenance = {
        "geometry_kernel": shape.kernel,
        "mesh_closed": shape.closed,
        "measure_note": Joined(notes),
        "authored_flags": "",
    }
    return {column: element.get(column) for column in ELEMENT_COLUMNS} | quantities | location | provenance


# The model's IsExternal flags are set aside when the storey outline contradicts them on more than
# this share of the walls it flags (at least FLAGS_MIN_WALLS of them): an export that writes False
# on every facade wall.
FLAGS_DISTRUST_SHARE = 2 / 3
FLAGS_MIN_WALLS = 4
# A slab whose plan area is below this share of its upper face slopes (about 14 degrees and more).
SLOPED_FOOTPRINT_SHARE = 0.97
GENERIC_TYPES = (None, "", "NOTDEFINED", "USERDEFINED")


def read_predefined_type(element: dict, quantities: dict) -> tuple[str, str] | None:
    """When a slab's occurrence and its type state different predefined types, the one its shape
    supports, and the note saying so; None when they agree (or only one is stated).

    IFC lets the type's win; exporters write both, and a pitched roof pan typed FLOOR priced as a
    floor is a wrong bill. A sloped slab is read as ROOF when either says ROOF; a flat one as the
    one that does not say ROOF; otherwise the type's, as IFC says."""
    declared = element.get("declared_types") or {}
    own, typed = declared.get("occurrence"), declared.get("type")
    if element.get("family") != "slab" or own in GENERIC_TYPES or typed in GENERIC_TYPES or own == typed:
        return None
    area, plan = quantities.get("net_area_m2"), quantities.get("footprint_area_m2")  # both net of openings
    if not (isinstance(area, float) and area > 0 and isinstance(plan, float)):
        return None
    sloped = plan < SLOPED_FOOTPRINT_SHARE * area
    if sloped and "ROOF" in (own, typed):
        chosen, why = "ROOF", Message("takeoff.types.sloped")
    elif not sloped and "ROOF" in (own, typed):
        chosen, why = (typed if own == "ROOF" else own), Message("takeoff.types.flat")
    else:
        chosen, why = typed, Message("takeoff.types.ifc_rule")
    return chosen, Message("takeoff.types", own=own, typed=typed, chosen=chosen, why=why)


def _use_exact_volume(quantities: dict, exact_m3: float, element: dict) -> None:
    """A round body's volume from its profile, not from the mesh (a polygon of 256 sides per
    circle, about 1e-4 short): the gross volume is the exact one, the net volume keeps what the
    openings take from the mesh, and the weight follows the net volume."""
    openings_m3 = quantities["gross_volume_m3"] - quantities["net_volume_m3"]
    quantities["gross_volume_m3"] = exact_m3
    quantities["net_volume_m3"] = max(exact_m3 - openings_m3, 0.0)
    quantities["weight_kg"] = get_weight(quantities["net_volume_m3"], element["material_layers"], element["densities"])


def _openings(element: dict, shapes: _Geometry) -> list[dict]:
    sid = element["step_id"]
    net = shapes.net[sid]
    pairs = [(o["global_id"], shapes.openings.get(o["step_id"])) for o in element["openings"]]
    try:
        measured = measure_openings(element["family"], net, shapes.gross.get(sid, net), pairs)
    except Exception:  # an odd opening never sinks its host: its area and volume stay unknown
        measured = [{"opening_global_id": gid, "area_m2": math.nan, "volume_m3": math.nan} for gid, _ in pairs]
    return [
        {
            "host_global_id": element["global_id"],
            "opening_global_id": opening["global_id"],
            "opening_name": opening["name"],
            "filled_by": opening["filled_by"],
            "filled_by_class": opening["filled_by_class"],
            "area_m2": values["area_m2"],
            "volume_m3": values["volume_m3"],
        }
        for opening, values in zip(element["openings"], measured)
    ]


def measure_spaces(model: Model, *, kernel: str = "auto", threads: int | None = None) -> dict:
    """The model's rooms (IfcSpace): their count and net floor area (m2), from each space's
    authored ``NetFloorArea``, else the plan area of its body; and which was used."""
    spaces = model.file.by_type("IfcSpace")
    areas, sources, unmeasured = {}, set(), []
    for space in spaces:
        authored = [q["value"] for q in get_authored_quantities(model, space) if q["quantity"] == "NetFloorArea"]
        if authored:
            areas[space.id()] = authored[0]
            sources.add("authored")
        else:
            unmeasured.append(space.id())
    if unmeasured:
        meshed, _ = get_shapes(model.file, unmeasured, kernel=kernel, threads=threads)
        for sid, shape in meshed.items():
            triangles = mesh.get_triangles(shape.vertices, shape.faces)
            areas[sid] = float(mesh.get_footprint(triangles, mesh.get_face_normals_areas(triangles)[0]).area)
            sources.add("plan")
    return {
        "count": len(spaces),
        "measured": len(areas),
        "net_floor_area_m2": round(sum(areas.values()), 6),
        "source": Message("takeoff.spaces." + "_and_".join(sorted(sources))) if sources else None,
    }


def _set_external(table: pd.DataFrame, footprints: dict, openings: pd.DataFrame) -> tuple[float | None, list[str]]:
    """Fill ``is_external`` where the model does not state it: walls from their storey's outline
    (:mod:`bimquant.quantities.exterior`, from the wall ``footprints`` measured with them),
    doors and windows from the wall they fill; and say where each value comes from in
    ``is_external_source`` (``model``, ``geometry``). Returns the share of the walls flagged by
    the model on which the geometry agrees (None: no flag), and the GlobalIds of those on which
    it does not."""
    stated = table["is_external"].map(lambda v: isinstance(v, bool))
    table["is_external_source"] = stated.map(lambda known: "model" if known else None)
    walls = table[table["family"] == "wall"]
    derived = derive_external(footprints, dict(zip(walls["global_id"], walls["storey"])))
    host_of = get_hosts(openings)
    values = dict(zip(table["global_id"], table["is_external"]))
    flagged = [g for g in walls["global_id"] if g in derived and isinstance(values[g], bool)]
    contradicted = [g for g in flagged if derived[g] != values[g]]
    if len(flagged) >= FLAGS_MIN_WALLS and len(contradicted) > FLAGS_DISTRUST_SHARE * len(flagged):
        # the model's flags say the opposite of its own plan on most walls: its plan is believed
        log.warning(Message("log.flags_distrusted", contradicted=len(contradicted), flagged=len(flagged)))
        overridden = set(flagged)
        for index in table.index[table["global_id"].isin(overridden)]:
            table.at[index, "is_external"] = bool(derived[table.at[index, "global_id"]])
            table.at[index, "is_external_source"] = "geometry"
        fillings = {f for f, host in host_of.items() if host in overridden}
        stated &= ~table["global_id"].isin(fillings)  # they follow their walls again
        values = dict(zip(table["global_id"], table["is_external"]))
    for index, row in table[~stated].iterrows():
        value = derived.get(row["global_id"])
        if value is None and row["global_id"] in host_of:
            host = host_of[row["global_id"]]
            value = values.get(host) if isinstance(values.get(host), bool) else derived.get(host)
        if value is not None:
            table.at[index, "is_external"] = bool(value)
            table.at[index, "is_external_source"] = "geometry"
    agreement = round(1 - len(contradicted) / len(flagged), 4) if flagged else None  # the model's own flags
    return agreement, contradicted


def get_hosts(openings: pd.DataFrame) -> dict[str, str]:
    """``{door or window GlobalId: GlobalId of the wall whose opening it fills}``."""
    host_of = {}
    for row in openings.itertuples():
        for filling in str(row.filled_by or "").split("; "):
            if filling:
                host_of[filling] = row.host_global_id
    return host_of


def _set_filling_external(failures: pd.DataFrame, table: pd.DataFrame, openings: pd.DataFrame) -> None:
    """A failed door or window that the model does not flag takes its host wall's
    ``is_external``, as a measured one does: an exterior door is priced as one by count."""
    external = dict(zip(table["global_id"], table["is_external"]))
    host_of = get_hosts(openings)
    for index, row in failures.iterrows():
        host = external.get(host_of.get(row["global_id"]))
        if not isinstance(row["is_external"], bool) and isinstance(host, bool):
            failures.at[index, "is_external"] = host


def _failed(element: dict, reason: str, authored: pd.DataFrame) -> dict:
    """A failed element's row: who it is, why it failed, and the quantities its file states
    where the exporter is shown right on the same class elsewhere in the model (else NaN)."""
    values, source = authored_checks.get_fallback_quantities(element, authored)
    row = {column: element.get(column) for column in FAILURE_COLUMNS} | {"reason": reason}
    return row | {column: values.get(column, math.nan) for column in QUANTITY_COLUMNS} | {"quantity_source": source}


def get_storey_order(elements: pd.DataFrame) -> list[str]:
    """Storey names from the lowest to the highest elevation. When a storey has no elevation
    (some exporters leave it out), every storey is ordered by the median bottom of its elements
    instead (one frame for all), names in natural order ("Niveau 2" before "Niveau 10") where
    that ties or says nothing.

    Example::

        >>> get_storey_order(result.elements)
        ['Ground floor', 'Level 1']
    """
    if elements.empty:
        return []
    levels = elements.groupby("storey", dropna=True)["storey_elevation_m"].min()
    if levels.notna().all():
        return list(levels.sort_values(kind="stable").index)
    named = elements[elements["storey"].notna()]
    bottoms = (named["centre_z_m"] - named["size_z_m"] / 2).groupby(named["storey"]).median()

    def key(name: str) -> tuple:
        bottom = bottoms.get(name)
        known = bottom is not None and math.isfinite(bottom)
        return (not known, round(float(bottom), 3) if known else 0.0, _natural(name))

    return sorted(levels.index, key=key)


def _natural(name: str) -> list:
    """``"Niveau 10"`` -> ``["niveau ", 10, ""]``: numbers inside names compared as numbers."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", str(name))]
