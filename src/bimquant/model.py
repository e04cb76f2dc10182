"""Read an IFC model: open it safely, list its building elements and what an estimator filters on.

First stage of the pipeline. Nothing here touches geometry: ``get_elements`` returns a table
with one row of plain values per physical element (identity, family, storey, materials,
classification, properties, openings, authored quantities in SI units), and the table of
elements that will not be measured, each with its reason. No live IFC entity leaves this stage:
the geometry stage finds an element again by its ``step_id``.

Example::

    >>> from bimquant.model import open_model, get_elements
    >>> elements, excluded = get_elements(open_model("sample_models/house_ifc4.ifc"))
    >>> elements[["global_id", "family", "storey"]].head()
"""

from __future__ import annotations

import errno
import logging
import math
import os
import stat
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ifcopenshell
import ifcopenshell.guid
import ifcopenshell.ifcopenshell_wrapper
import ifcopenshell.util.classification
import ifcopenshell.util.element
import ifcopenshell.util.unit
import pandas as pd

from bimquant.tolerances import MAX_DENSITY_KG_M3
from bimquant.columns import MODEL_COLUMNS, UNMEASURED_COLUMNS, get_family
from bimquant.solids import get_exact_volume
from bimquant.errors import InputError
from bimquant.materials import MaterialLibrary
from bimquant.messages import Message, Number

log = logging.getLogger(__name__)

# Representation identifiers that carry an element's 3D body. Older exporters leave the
# identifier empty, so an unnamed representation counts when its type is a solid one.
BODY_IDENTIFIERS = {"Body", "Facetation", "Mesh"}
SOLID_TYPES = {
    "SweptSolid",
    "AdvancedSweptSolid",
    "Brep",
    "AdvancedBrep",
    "CSG",
    "Clipping",
    "SolidModel",
    "SurfaceModel",
    "Tessellation",
    "MappedRepresentation",
    "BoundingBox",
    "SectionedSpine",
}

MESSAGES_SHOWN = 3
ARCHIVES = (  # compressed models: (magic bytes, the error's id, its hint's id)
    (b"PK\x03\x04", "error.model.zip", "hint.model.unzip"),
    (b"\x1f\x8b", "error.model.gzip", "hint.model.gunzip"),
)  # of ifcopenshell's parse messages, in an error line

QUANTITY_KINDS = {
    "IfcQuantityLength": ("length", "LENGTHUNIT"),
    "IfcQuantityArea": ("area", "AREAUNIT"),
    "IfcQuantityVolume": ("volume", "VOLUMEUNIT"),
    "IfcQuantityWeight": ("weight", "MASSUNIT"),
    "IfcQuantityCount": ("count", None),
    "IfcQuantityTime": ("time", "TIMEUNIT"),
}


@dataclass
class Model:
    """An opened IFC file with the unit scales needed to bring its numbers to SI."""

    path: Path
    file: ifcopenshell.file
    schema: str
    length_scale: float  # project length unit -> metres
    area_scale: float  # project area unit -> m2
    volume_scale: float  # project volume unit -> m3
    mass_scale: float | None  # project mass unit -> kg; None when the project declares none
    angle_scale: float = math.pi / 180  # project plane angle unit -> radians
    memo: dict = field(default_factory=dict)  # computed once per file: type bodies, storeys, exclusions
    property_sets: dict = field(default_factory=dict)  # each set's values read once (model._properties)
    assumptions: list[str] = field(default_factory=list)  # what bimquant had to assume to read it
    problems: list[str] = field(default_factory=list)  # what ifcopenshell said was broken in the file
    broken_ids: set[int] = field(default_factory=set)  # step ids of the instances involved


def open_model(path: str | os.PathLike, say_damage: bool = True) -> Model:
    """Open an IFC file, refusing anything bimquant cannot measure with an :class:`InputError`.

    Checks, in order: the file exists and is a file, it starts like a STEP physical file, it is
    not cut short, its schema is IFC2X3, IFC4 or IFC4X3, and ifcopenshell can parse it. A file
    read with problems is said in a warning, unless ``say_damage`` is False (a second reading of
    a file the takeoff already read and said).

    Example::

        >>> model = open_model("sample_models/house_ifc4.ifc")
        >>> model.schema
        'IFC4'
    """
    path = check_model_file(path)
    with open(path, "rb") as stream:
        head = stream.read(8192)
        stream.seek(0, os.SEEK_END)
        size = stream.tell()
        stream.seek(max(0, size - 4096))
        tail = stream.read()
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    for magic, what, fix in ARCHIVES:
        if head.startswith(magic):
            raise InputError(Message(what, path=path), Message(fix))
    if not text.startswith(b"ISO-10303-21"):
        raise InputError(Message("error.model.not_step", path=path), Message("hint.model.export_ifc"))
    if b"END-ISO-10303-21" not in tail:
        raise InputError(Message("error.truncated", path=path), Message("hint.truncated"))
    match = re.search(rb"FILE_SCHEMA\s*\(\s*\(\s*'([^']*)'", head)
    schema_name = match.group(1).decode("ascii", "replace").upper() if match else "unknown"
    if not _is_supported_schema(schema_name):
        raise InputError(
            Message("error.model.unsupported_schema", schema=schema_name, path=path),
            Message("hint.model.supported_schemas"),
        )
    _read_parser_log()  # what an earlier file left in ifcopenshell's log is not this file's
    try:
        ifc = ifcopenshell.open(str(path))
    except Exception as exc:  # ifcopenshell raises bare RuntimeError/IOError on parse errors
        said = "; ".join(_read_parser_log()[:MESSAGES_SHOWN])
        error = str(exc).strip() or type(exc).__name__
        message = (
            Message("error.model.cannot_parse_said", path=path, error=error, said=said)
            if said
            else Message("error.model.cannot_parse", path=path, error=error)
        )
        raise InputError(message, Message("hint.model.check_in_viewer")) from exc
    problems = _read_parser_log()
    broken = {int(n) for line in problems for n in re.findall(r"#(\d+)", line)}
    if problems and say_damage:
        log.warning(Message("log.damaged", file=path.name, n=len(problems), example=problems[0]))
    assumptions = _establish_units(ifc, path)
    _refuse_conflicting_units(ifc, path)
    # util gives grams; a project without a mass unit says nothing of its weights: None
    declared = ifcopenshell.util.unit.get_project_unit(ifc, "MASSUNIT") is not None
    mass = ifcopenshell.util.unit.calculate_unit_scale(ifc, "MASSUNIT") / 1000.0 if declared else None
    return Model(
        path=path,
        file=ifc,
        schema=ifc.schema,
        length_scale=ifcopenshell.util.unit.calculate_unit_scale(ifc, "LENGTHUNIT"),
        area_scale=ifcopenshell.util.unit.calculate_unit_scale(ifc, "AREAUNIT"),
        volume_scale=ifcopenshell.util.unit.calculate_unit_scale(ifc, "VOLUMEUNIT"),
        mass_scale=mass,
        angle_scale=ifcopenshell.util.unit.calculate_unit_scale(ifc, "PLANEANGLEUNIT"),
        assumptions=assumptions,
        problems=problems,
        broken_ids=broken,
    )


def check_model_file(path: str | os.PathLike) -> Path:
    """``path`` when it is a regular file that can be read; else an :class:`InputError` saying
    what it is (missing, a loop of links, a folder, a named pipe or a device: reading one of
    those would never end, or read nothing), before anything opens it."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(
                Message("error.model.link_loop", path=path), Message("hint.model.the_file_itself")
            ) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            which = "error.model.dangling_link" if path.is_symlink() else "error.model.not_found"
            raise InputError(Message(which, path=path), Message("hint.model.check_path")) from None
        raise InputError(
            Message("error.model.unreadable", path=path, reason=exc.strerror), Message("hint.loaders.permissions")
        ) from None
    if stat.S_ISDIR(mode):
        raise InputError(Message("error.model.folder", path=path), Message("hint.model.not_a_folder"))
    if not stat.S_ISREG(mode):
        which = (
            "error.model.named_pipe"
            if stat.S_ISFIFO(mode)
            else "error.model.device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "error.model.not_regular"
        )
        raise InputError(Message(which, path=path), Message("hint.model.saved_on_disk"))
    if not os.access(path, os.R_OK):
        raise InputError(Message("error.model.permission_denied", path=path), Message("hint.loaders.permissions"))
    return path


def _read_parser_log() -> list[str]:
    """The messages ifcopenshell logged since the last call (reading clears its log), without
    their level and time stamp."""
    text = ifcopenshell.ifcopenshell_wrapper.get_log() or ""
    return [re.sub(r"^(\[[^]]*\]\s*)+", "", line).strip() for line in text.splitlines() if line.strip()]


def _establish_units(ifc: ifcopenshell.file, path: Path) -> list[str]:
    """Make sure the model's length unit is known, or refuse it (:class:`InputError`).

    The units are the IfcProject's ``UnitsInContext``. When the project or its units are
    missing but the file holds one unit assignment with a length unit, that assignment is taken
    (attached to the project in memory, so that the geometry is read in it too) and the
    assumption is returned, to be reported next to the numbers.
    """
    projects = ifc.by_type("IfcProject")
    if len(projects) == 1 and _length_unit(projects[0].UnitsInContext) is not None:
        return []
    assignments = [a for a in ifc.by_type("IfcUnitAssignment") if _length_unit(a) is not None]
    units = {_describe(_length_unit(a)) for a in assignments}
    if len(projects) > 1 or len(units) != 1:
        found = (
            Message("error.model.projects_units", n=len(projects), units=", ".join(sorted(units)))
            if units
            else Message("error.model.projects", n=len(projects))
        )
        raise InputError(
            Message("error.model.no_length_unit", path=path, found=found), Message("hint.model.project_units")
        )
    assignment = assignments[0]
    unit = _describe(_length_unit(assignment))
    if projects:
        projects[0].UnitsInContext = assignment  # in memory only: the file is never written
        said = Message("model.no_project_units", project=projects[0].id(), assignment=assignment.id(), unit=unit)
    else:
        contexts = [
            c
            for c in ifc.by_type("IfcGeometricRepresentationContext")
            if c.is_a() == "IfcGeometricRepresentationContext"
        ]
        ifc.create_entity(
            "IfcProject",
            GlobalId=ifcopenshell.guid.new(),
            Name="(no IfcProject in the file: added by bimquant in memory)",
            UnitsInContext=assignment,
            RepresentationContexts=contexts or None,
        )
        said = Message("model.no_project", assignment=assignment.id(), unit=unit)
    log.warning(Message("log.file_said", file=path.name, said=said))
    return [said]


UNIT_KINDS = ("LENGTHUNIT", "AREAUNIT", "VOLUMEUNIT", "MASSUNIT", "PLANEANGLEUNIT")


def _refuse_conflicting_units(ifc: ifcopenshell.file, path: Path) -> None:
    """An :class:`InputError` when the project's unit assignment gives two different units of
    one kind (metre and millimetre): every number of that kind could be read in either, and a
    volume a billion times too small is not a warning, it is a wrong bill."""
    projects = ifc.by_type("IfcProject")
    assignment = projects[0].UnitsInContext if projects else None
    found: dict[str, set[str]] = {}
    for unit in (assignment.Units if assignment is not None else None) or ():
        kind = getattr(unit, "UnitType", None)
        if kind in UNIT_KINDS:
            found.setdefault(kind, set()).add(_describe(unit))
    for kind, names in found.items():
        if len(names) > 1:
            kind_said = Message(f"error.model.unit_kind.{kind.removesuffix('UNIT').lower()}")
            raise InputError(
                Message("error.model.two_units", path=path, kind=kind_said, units=", ".join(sorted(names))),
                Message("hint.model.one_unit_each"),
            )


def _length_unit(assignment):
    """The LENGTHUNIT of an IfcUnitAssignment, or None."""
    for unit in (assignment.Units if assignment is not None else None) or ():
        if getattr(unit, "UnitType", None) == "LENGTHUNIT":
            return unit
    return None


def _describe(unit) -> str:
    """``IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.)`` -> ``"millimetre"``; a conversion-based unit
    by its name (``"FOOT"``)."""
    if unit.is_a("IfcSIUnit"):
        return f"{(unit.Prefix or '').lower()}{unit.Name.lower()}"
    return str(getattr(unit, "Name", unit.is_a()))


def _is_supported_schema(name: str) -> bool:
    """IFC2X3, IFC4 and the IFC4X3 family (IFC4X3, IFC4X3_ADD2, ...); not IFC2X2 or IFC4X1."""
    return name in ("IFC2X3", "IFC4") or name.startswith("IFC4X3")


def has_body(product) -> bool:
    """True when the product has a 3D body representation (what the geometry engine meshes)."""
    shape = getattr(product, "Representation", None)
    if not shape:
        return False
    for rep in shape.Representations or ():
        ident = rep.RepresentationIdentifier
        if ident in BODY_IDENTIFIERS:
            return True
        if not ident and rep.RepresentationType in SOLID_TYPES:
            return True
    return False


def get_elements(model: Model, materials: MaterialLibrary | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The physical elements to measure, and those left out with the reason why.

    Measured: every ``IfcElement`` with a body representation, except features (openings,
    projections), virtual elements, and aggregates whose parts have bodies (the parts are
    measured instead, so nothing is counted twice).

    Returns ``(elements, excluded)``. ``elements`` has the columns ``MODEL_COLUMNS``: the
    identity columns of the takeoff, then what the later stages need from the file, as plain
    values: ``step_id`` (the entity's ``#id``, for the geometry stage), ``openings`` (one dict
    per opening: ``step_id``, ``global_id``, ``name``, ``filled_by``, ``filled_by_class``),
    ``densities`` (kg/m3, one per layer or material) and ``authored`` (see
    :func:`get_authored_quantities`). ``excluded`` has ``UNMEASURED_COLUMNS``: who
    each left-out element is and why.

    Example::

        >>> elements, excluded = get_elements(open_model("sample_models/house_ifc4.ifc"))
        >>> elements.groupby("family").size()["wall"]
        4
    """
    ifc = model.file
    densities = _Densities(_material_densities(model), materials)
    rows: list[dict] = []
    excluded: list[dict] = []
    seen: dict[str, object] = {}
    for entity in ifc.by_type("IfcElement"):
        other = seen.setdefault(entity.GlobalId, entity)
        if other is not entity:
            raise InputError(
                Message(
                    "error.model.shared_global_id",
                    file=model.path.name,
                    global_id=entity.GlobalId,
                    first=other.id(),
                    first_class=other.is_a(),
                    second=entity.id(),
                    second_class=entity.is_a(),
                ),
                Message("hint.model.new_global_ids"),
            )
        reason = _exclusion_reason(entity, model.memo)
        if reason:
            excluded.append(_read_unmeasured(model, entity, densities, reason))
            continue
        rows.append(_read_element(model, entity, densities))
    return pd.DataFrame(rows, columns=MODEL_COLUMNS), pd.DataFrame(excluded, columns=UNMEASURED_COLUMNS)


def get_measured_bodies(model: Model) -> list[int]:
    """Step ids of the bodies a takeoff meshes: the elements :func:`get_elements` measures and
    the openings cut in them. Cheap (no property is read), so the geometry can start first."""
    ids: list[int] = []
    for entity in model.file.by_type("IfcElement"):
        if _exclusion_reason(entity, model.memo) is None:
            ids.append(entity.id())
            ids += [rel.RelatedOpeningElement.id() for rel in getattr(entity, "HasOpenings", ()) or ()]
    return list(dict.fromkeys(ids))


def _exclusion_reason(entity, memo: dict | None = None) -> str | None:
    """Why the element is not measured, or None; ``memo`` (the model's) keeps the answer, asked
    twice per element (the bodies to mesh first, then the elements)."""
    if memo is None:
        return _why_excluded(entity)
    key = ("excluded", entity.id())
    if key not in memo:
        memo[key] = _why_excluded(entity)
    return memo[key]


def _why_excluded(entity) -> str | None:
    if entity.is_a("IfcFeatureElement"):
        return Message("reason.feature_element")
    if entity.is_a("IfcVirtualElement"):
        return Message("reason.virtual_element")
    parts = [p for p in ifcopenshell.util.element.get_parts(entity) or () if p.is_a("IfcElement")]
    measured_parts = [p for p in parts if has_body(p) or ifcopenshell.util.element.get_parts(p)]
    if measured_parts:
        which = "reason.aggregate_body_ignored" if has_body(entity) else "reason.aggregate"
        return Message(which, n=len(measured_parts))
    if not has_body(entity):
        return Message("reason.no_body")
    return None


def _read_unmeasured(model: Model, entity, densities: _Densities, reason: str) -> dict:
    """An element left out of the measure: who it is, where, of what, and why (a feature keeps
    only its name and class: its effect is measured on its host). The rules still see it: a
    door without a body is still one door."""
    if entity.is_a("IfcFeatureElement") or entity.is_a("IfcVirtualElement"):
        row = {"global_id": entity.GlobalId, "ifc_class": entity.is_a(), "name": entity.Name}
    else:
        row = _identify(model, entity, densities)
    return {column: _plain(row.get(column)) for column in UNMEASURED_COLUMNS} | {"reason": reason}


def _plain(value):
    """A value a table can hold: a damaged file may put an instance where a name belongs."""
    return str(value) if isinstance(value, ifcopenshell.entity_instance) else value


def _identify(model: Model, entity, densities: _Densities, element_type=False) -> dict:
    """The element's identity columns (``IDENTITY_COLUMNS``), its properties, densities and
    authored quantities. ``element_type``: its type when the caller has it (None: it has none)."""
    if element_type is False:
        element_type = get_type(model, entity)
    storey, elevation, building = _spatial(model, entity)
    parent = ifcopenshell.util.element.get_aggregate(entity)
    family = get_family(entity)
    if family == "filling":  # a door's or window's body is an envelope: frame, glass and air
        densities = _Densities(densities.from_model, None)
    materials, layers, layer_densities, density_source = _materials(model, entity, element_type, densities)
    properties = _properties(model, entity, element_type)
    return {
        "global_id": entity.GlobalId,
        "ifc_class": entity.is_a(),
        "family": family,
        "predefined_type": _predefined_type(entity, element_type),
        "name": entity.Name,
        "type_name": element_type.Name if element_type is not None else None,
        "storey": storey,
        "storey_elevation_m": elevation,
        "building": building,
        "parent_global_id": parent.GlobalId if parent is not None and parent.is_a("IfcElement") else None,
        "material": "; ".join(materials) or None,
        "material_layers": layers,
        "density_source": density_source,
        "classification": _classification(model, entity, element_type),
        "is_external": get_common_property(properties, "IsExternal"),
        "load_bearing": get_common_property(properties, "LoadBearing"),
        "fire_rating": get_common_property(properties, "FireRating"),
        "properties": properties,
        "densities": layer_densities,
        "authored": get_authored_quantities(model, entity),
    }


def _read_element(model: Model, entity, densities: _Densities) -> dict:
    element_type = get_type(model, entity)
    declared = {
        "occurrence": getattr(entity, "PredefinedType", None),
        "type": getattr(element_type, "PredefinedType", None) if element_type is not None else None,
    }
    return _identify(model, entity, densities, element_type) | {
        "declared_types": declared,
        "step_id": entity.id(),
        "openings": [_opening(rel.RelatedOpeningElement) for rel in getattr(entity, "HasOpenings", ()) or ()],
        "damage": _damage(model, entity),
        "curved": has_circular_profile(entity),
        "exact": get_exact_volume(entity, model.length_scale, model.angle_scale, model.memo),
    }


def _damage(model: Model, entity) -> str | None:
    """Why the element's quantities cannot be trusted when its body, or an opening's, touches an
    instance the file damaged (a reference to a missing instance, a wrong type), else None."""
    if not model.broken_ids:
        return None
    shapes = [entity.Representation] + [
        rel.RelatedOpeningElement.Representation for rel in getattr(entity, "HasOpenings", ()) or ()
    ]
    touched = sorted(
        {i.id() for shape in shapes if shape is not None for i in model.file.traverse(shape)} & model.broken_ids
    )
    if not touched:
        return None
    return Message("model.damaged", id=touched[0])


def _opening(opening) -> dict:
    fillings = [rel.RelatedBuildingElement for rel in getattr(opening, "HasFillings", ()) or ()]
    return {
        "step_id": opening.id(),
        "global_id": opening.GlobalId,
        "name": opening.Name,
        "filled_by": "; ".join(f.GlobalId for f in fillings) or None,
        "filled_by_class": "; ".join(f.is_a() for f in fillings) or None,
    }


def _spatial(model: Model, entity) -> tuple[str | None, float | None, str | None]:
    """Storey name, storey elevation (m) and building name, found through aggregation too."""
    node, container = entity, None
    while node is not None and container is None:
        container = ifcopenshell.util.element.get_container(node)
        if container is None:
            node = ifcopenshell.util.element.get_aggregate(node)
    key = ("spatial", container.id() if container is not None else None)
    if key not in model.memo:  # the same storey for hundreds of elements: walked up once
        model.memo[key] = _walk_up(model, container)
    return model.memo[key]


def _walk_up(model: Model, container) -> tuple[str | None, float | None, str | None]:
    storey = elevation = building = None
    while container is not None:
        if storey is None and container.is_a("IfcBuildingStorey"):
            storey = container.Name or container.LongName or container.GlobalId
            if container.Elevation is not None:
                elevation = float(container.Elevation) * model.length_scale
        if building is None and container.is_a("IfcBuilding"):
            building = container.Name or container.LongName or container.GlobalId
        container = ifcopenshell.util.element.get_aggregate(container)
    return storey, elevation, building


def _materials(
    model: Model, entity, element_type, densities: _Densities
) -> tuple[list[str], list[dict], list[float | None], str | None]:
    """Material names, layers, one density per layer (or per material when not layered) and
    where the densities come from (``model``, ``library: <family>``)."""
    material = _material(entity)
    if material is None and element_type is not None:
        material = _material(element_type)
    if material is None:
        return [], [], [], None
    if material.is_a("IfcMaterialLayerSet"):
        layers, sources = [], []
        for layer in material.MaterialLayers or ():
            mat = layer.Material
            density, source = densities.of(mat)
            sources.append(source)
            layers.append(
                {
                    "material": mat.Name if mat else None,
                    "name": getattr(layer, "Name", None),
                    "thickness_m": float(layer.LayerThickness or 0.0) * model.length_scale,
                    "density_kg_m3": density,
                }
            )
        dens = [layer["density_kg_m3"] for layer in layers]
        return _unique([lay["material"] for lay in layers]), layers, dens, _source(sources)
    if material.is_a("IfcMaterial"):
        mats = [material]
    elif material.is_a("IfcMaterialProfileSet"):
        mats = [p.Material for p in material.MaterialProfiles or () if p.Material]
    elif material.is_a("IfcMaterialConstituentSet"):
        mats = [c.Material for c in material.MaterialConstituents or () if c.Material]
    elif material.is_a("IfcMaterialList"):
        mats = list(material.Materials or ())
    else:
        mats = []
    names = _unique([m.Name for m in mats])
    if len(mats) != 1:
        return names, [], [], None
    density, source = densities.of(mats[0])
    return names, [], [density], source


# --- relationships, read as ifcopenshell.util reads them, with the file's schema known ----------
# ifcopenshell.util.element.get_type, get_predefined_type, get_material and
# util.classification.get_references each ask the file for its schema (a regular expression,
# 50 us) and the element for its type again: 3,295 schema readings for Institute's 699 elements.
# These are the same readings, in the same order, with the type read once per element.


def get_type(model: Model, entity):
    """``ifcopenshell.util.element.get_type(entity)``, with the schema read once per file."""
    if entity.is_a("IfcTypeObject"):
        return entity
    if model.schema != "IFC2X3":
        typed_by = getattr(entity, "IsTypedBy", ())
        return typed_by[0].RelatingType if typed_by else None
    for rel in getattr(entity, "IsDefinedBy", ()) or ():
        if rel.is_a("IfcRelDefinesByType"):
            return rel.RelatingType
    return None


def _predefined_type(entity, element_type) -> str | None:
    """``ifcopenshell.util.element.get_predefined_type(entity)`` given the entity's type: the
    type's own predefined type first, then the occurrence's (user-defined ones by name)."""
    if element_type is not None:
        predefined = getattr(element_type, "PredefinedType", None)
        if predefined == "USERDEFINED" or not predefined:
            predefined = getattr(element_type, "ElementType", ...)
            if predefined is ...:
                predefined = getattr(element_type, "ProcessType", None)
        if predefined and predefined != "NOTDEFINED":
            return predefined
    predefined = getattr(entity, "PredefinedType", None)
    if predefined == "USERDEFINED" or not predefined:
        predefined = getattr(entity, "ObjectType", None)
    return predefined


def _material(entity):
    """The entity's own material (``get_material(should_skip_usage=True, should_inherit=False)``):
    a layer or profile set usage gives its set."""
    for rel in getattr(entity, "HasAssociations", None) or ():
        if rel.is_a("IfcRelAssociatesMaterial"):
            material = rel.RelatingMaterial
            if material.is_a("IfcMaterialLayerSetUsage"):
                return material.ForLayerSet
            if material.is_a("IfcMaterialProfileSetUsage"):
                return material.ForProfileSet
            return material
    return None


def _references(model: Model, entity, element_type) -> set:
    """``ifcopenshell.util.classification.get_references(entity)`` given the entity's type: the
    type's references (read once per type), overridden system by system by the occurrence's."""
    inherited: set = set()
    if element_type is not None and element_type != entity:
        key = ("references", element_type.id())
        if key not in model.memo:
            model.memo[key] = _own_references(element_type)
        inherited = model.memo[key]
    own = _own_references(entity)
    if not inherited:
        return own
    by_system: dict = {}
    for ref in inherited:
        by_system.setdefault(ifcopenshell.util.classification.get_classification(ref), []).append(ref)
    own_by_system: dict = {}
    for ref in own:
        own_by_system.setdefault(ifcopenshell.util.classification.get_classification(ref), []).append(ref)
    by_system.update(own_by_system)
    merged: set = set()
    for refs in by_system.values():
        merged.update(refs)
    return merged


def _own_references(entity) -> set:
    return {
        rel.RelatingClassification
        for rel in getattr(entity, "HasAssociations", None) or ()
        if rel.is_a("IfcRelAssociatesClassification")
    }


def _source(sources: list[str | None]) -> str | None:
    """One element's density source from its layers'; None when any layer has no density."""
    if not sources or any(s is None for s in sources):
        return None
    return "; ".join(_unique(sources))


@dataclass
class _Densities:
    """Densities by IfcMaterial id from the model, else from the material library."""

    from_model: dict[int, float]
    library: MaterialLibrary | None

    def of(self, material) -> tuple[float | None, str | None]:
        if material is None:
            return None, None
        if material.id() in self.from_model:
            return self.from_model[material.id()], "model"
        entry = self.library.lookup(material.Name) if self.library is not None else None
        if entry is None:
            return None, None
        return entry.density_kg_m3, Message("density.library", family=entry.family)


def _material_densities(model: Model) -> dict[int, float]:
    """Mass density (kg/m3) per IfcMaterial id, from IFC4 material psets or IFC2X3 properties."""
    found: dict[int, float] = {}
    ifc = model.file
    if model.schema == "IFC2X3":
        for props in ifc.by_type("IfcGeneralMaterialProperties"):
            if props.MassDensity and props.Material and _plausible_density(model, props.Material, props.MassDensity):
                found[props.Material.id()] = float(props.MassDensity)
        return found
    for material in ifc.by_type("IfcMaterial"):
        psets = ifcopenshell.util.element.get_psets(material)
        for props in psets.values():
            value = props.get("MassDensity")
            if isinstance(value, (int, float)) and value > 0:
                if _plausible_density(model, material, value):
                    found[material.id()] = float(value)
                break
    return found


def _plausible_density(model: Model, material, value) -> bool:
    """A stated density within physics (``MAX_DENSITY_KG_M3``); else said, and not used."""
    if isinstance(value, (int, float)) and math.isfinite(value) and 0 < value <= MAX_DENSITY_KG_M3:
        return True
    said = Message(
        "model.density_beyond", name=repr(material.Name), value=repr(value), maximum=Number(MAX_DENSITY_KG_M3, ",.0f")
    )
    model.assumptions.append(said)
    log.warning(Message("log.file_said", file=model.path.name, said=said))
    return False


def _classification(model: Model, entity, element_type) -> str | None:
    refs = list(_references(model, entity, element_type))
    codes = []
    for ref in refs:
        code = getattr(ref, "Identification", None) or getattr(ref, "ItemReference", None) or ref.Name
        system = ifcopenshell.util.classification.get_classification(ref)
        system_name = system.Name if system is not None else None
        codes.append(f"{system_name}:{code}" if system_name else str(code))
    return "; ".join(_unique(codes)) or None


def _properties(model: Model, entity, element_type) -> dict[str, Any]:
    """Single property values as ``{"Pset_WallCommon.IsExternal": True, ...}`` (type values too).

    The sets ``ifcopenshell.util.element.get_psets(entity, psets_only=True)`` returns, in its
    order and with its overrides (the type's sets first, then the occurrence's, a set of the same
    name merged into the first), but each set's values are read once per file: the sets of a
    type serve every occurrence of it (Office_A: 7,781 set readings for 805 elements)."""
    if getattr(entity, "IsDefinedBy", None) is None:  # not an occurrence: ifcopenshell's reading
        psets = ifcopenshell.util.element.get_psets(entity, psets_only=True)
    else:
        definitions = list((element_type.HasPropertySets or ()) if element_type is not None else ())
        for rel in entity.IsDefinedBy:
            if rel.is_a("IfcRelDefinesByProperties"):
                definition = rel.RelatingPropertyDefinition
                wrapped = definition.is_a("IfcPropertySetDefinitionSet")
                definitions += definition.wrappedValue if wrapped else [definition]
        psets = {}
        for definition in definitions:
            if definition.is_a("IfcPropertySet") or definition.is_a("IfcPreDefinedPropertySet"):
                values = model.property_sets.get(definition.id())
                if values is None:
                    values = ifcopenshell.util.element.get_property_definition(definition)
                    model.property_sets[definition.id()] = values
                psets.setdefault(definition.Name, {}).update(values)
    flat: dict[str, Any] = {}
    for pset, props in psets.items():
        for prop, value in props.items():
            if prop == "id" or isinstance(value, (list, tuple, dict)):
                continue
            if not isinstance(value, (str, int, float, bool)) and value is not None:
                value = str(value)  # a damaged file may put an instance where a value belongs
            flat[f"{pset}.{prop}"] = value
    return flat


def get_common_property(properties: dict[str, Any], prop: str) -> Any:
    """Value of ``prop`` from the element's ``Pset_*Common`` set, else from any set, else None."""
    fallback = None
    for key, value in properties.items():
        pset, _, name = key.rpartition(".")
        if name != prop:
            continue
        if pset.startswith("Pset_") and pset.endswith("Common"):
            return value
        fallback = value if fallback is None else fallback
    return fallback


def get_authored_quantities(model: Model, entity) -> list[dict]:
    """Every quantity the file states for this element, converted to SI.

    Rows: ``set_name``, ``quantity`` (its name), ``kind`` (length, area, volume, weight,
    count, time), ``ifc_type`` (the IfcQuantity* class), ``raw_value`` and ``value`` (SI).
    Quantity sets are matched whatever their name (``BaseQuantities``, ``Qto_*``, unnamed).
    """
    rows = []
    for rel in getattr(entity, "IsDefinedBy", ()) or ():
        if not rel.is_a("IfcRelDefinesByProperties"):
            continue
        definition = rel.RelatingPropertyDefinition
        if not definition.is_a("IfcElementQuantity"):
            continue
        for quantity in definition.Quantities or ():
            kind_unit = QUANTITY_KINDS.get(quantity.is_a())
            if kind_unit is None:
                continue
            kind, unit_type = kind_unit
            raw = quantity[3]
            if raw is None:
                continue
            rows.append(
                {
                    "set_name": definition.Name,
                    "quantity": quantity.Name,
                    "kind": kind,
                    "ifc_type": quantity.is_a(),
                    "raw_value": float(raw),
                    "value": _in_si(float(raw), _quantity_scale(model, quantity, unit_type)),
                }
            )
    return rows


def _in_si(raw: float, scale: float | None) -> float:
    """``raw`` in SI units, NaN when its unit is unknown."""
    return math.nan if scale is None else raw * scale


CIRCULAR_PROFILES = ("IfcCircleProfileDef", "IfcCircleHollowProfileDef", "IfcEllipseProfileDef")


def has_circular_profile(entity) -> bool:
    """True when the body is swept from a circle or an ellipse (a round tube, a round column):
    the volumes an exporter writes for it may be those of its own polygon. A body a damaged
    file breaks is not round (the element is flagged as damaged anyway)."""
    try:
        return _has_circular_profile(entity)
    except (AttributeError, RuntimeError, TypeError):
        return False


def _has_circular_profile(entity) -> bool:
    representation = getattr(entity, "Representation", None)
    stack = [item for rep in (representation.Representations if representation else ()) for item in rep.Items or ()]
    while stack:
        item = stack.pop()
        if item.is_a("IfcMappedItem"):
            stack.extend(item.MappingSource.MappedRepresentation.Items or ())
        elif (
            item.is_a("IfcSweptAreaSolid") and item.SweptArea is not None and item.SweptArea.is_a() in CIRCULAR_PROFILES
        ):
            return True
        elif item.is_a("IfcSweptDiskSolid"):
            return True
        elif item.is_a("IfcBooleanResult"):
            stack.extend(o for o in (item.FirstOperand, item.SecondOperand) if o.is_a("IfcRepresentationItem"))
    return False


def _quantity_scale(model: Model, quantity, unit_type: str | None) -> float | None:
    if unit_type is None:
        return 1.0
    if quantity.Unit is not None:
        scale = ifcopenshell.util.unit.get_unit_scale(quantity.Unit)
        return scale / 1000.0 if unit_type == "MASSUNIT" else scale
    return {
        "LENGTHUNIT": model.length_scale,
        "AREAUNIT": model.area_scale,
        "VOLUMEUNIT": model.volume_scale,
        "MASSUNIT": model.mass_scale,
    }.get(unit_type, 1.0)


def _unique(values) -> list:
    seen = []
    for value in values:
        if value is not None and value not in seen:
            seen.append(value)
    return seen
