"""What an element is, from all its signals: the class it declares, the category its authoring
tool wrote, its shape, its names (for proxies only, and last), and whether it is precast.

Exporters say the same thing in different ways: Tekla writes precast wall panels as
``IfcBeam``, Revit writes trees and model text as ``IfcBuildingElementProxy`` with a
``Category`` property, and a generic proxy may be typed "300x300 Beam". The rules select on the
class read here (``read_class``); the declared class stays the element's identity, and every
signal used is said (``signals``) for ``explain`` and ``check``.

Example::

    >>> reading = read_element({"ifc_class": "IfcBeam", "length_m": 6.0, "width_m": 0.2,
    ...                         "height_m": 3.0, "size_z_m": 3.0}, "IFC4")
    >>> reading.read_class
    'IfcWall'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from bimquant.matching import glob_match
from bimquant.rules.ruleset import is_subclass
from bimquant.rules.select import get_family
from bimquant.messages import Joined, Message, Number

# Categories authoring tools write on an element (Revit: "Category", IFC4 "Pset_ProductRequirements
# .Category") that say it is landscape or entourage, not part of the building: globs, any language.
LANDSCAPE_CATEGORIES = (
    "planting",
    "entourage",
    "plantation*",
    "végétation",
    "vegetation",
    "pflanze*",
    "bepla*",
    "beplanting",
    "vegetación",
    "vegetazione",
    "растения",
)
# Categories that say, on a proxy, which class it is (Revit's categories, in English as exported).
CATEGORY_CLASSES = {
    "structural framing": "IfcBeam",
    "structural columns": "IfcColumn",
    "columns": "IfcColumn",
    "walls": "IfcWall",
    "floors": "IfcSlab",
    "structural foundations": "IfcFooting",
    "stairs": "IfcStair",
    "railings": "IfcRailing",
    "doors": "IfcDoor",
    "windows": "IfcWindow",
}
# Words in a proxy's type or name, by the class they say (whole words, case and accents folded).
# A proxy is the one class that states nothing of what the element is: its name is then the
# best signal left. Never used on an element whose class already says what it is.
PROXY_WORDS = {
    "IfcBeam": ("beam", "poutre", "träger", "traeger", "balken", "viga", "trave", "balk", "balka", "балка", "梁"),
    "IfcColumn": ("column", "poteau", "stütze", "stuetze", "säule", "pilar", "colonna", "kolom", "колонна", "柱"),
    "IfcWall": ("wall", "mur", "voile", "wand", "muro", "parete", "muur", "стена", "壁"),
    "IfcSlab": ("slab", "dalle", "plancher", "decke", "losa", "solaio", "vloer", "плита", "床版"),
    "IfcFooting": ("footing", "semelle", "fundament", "zapata", "plinto", "fundatie", "фундамент", "基礎"),
    "IfcPile": ("pile", "pieu", "pfahl", "pilote", "palo", "paal", "свая", "杭"),
    "IfcGeographicElement": ("tree", "arbre", "baum", "árbol", "albero", "boom", "дерево", "樹木"),
}
# Linear classes whose shape may say they are something else (a panel, a floor unit, a pile).
LINEAR_CLASSES = ("IfcBeam", "IfcMember", "IfcColumn")
PANEL_MIN_HEIGHT_M = 1.5  # a "beam" standing this high ...
PANEL_MAX_THICKNESS_M = 0.5  # ... and at most this thick is a wall panel
FLOOR_UNIT_MIN_WIDTH_M = 1.0  # a "beam" this wide ...
FLOOR_UNIT_SLENDERNESS = 3.0  # ... and this many times wider than deep is a floor unit
# Material, name or property words that say an element comes finished from a factory.
PRECAST_WORDS = (
    "*precast*",
    "*pre-cast*",
    "*prefab*",
    "*préfa*",
    "*prefa *",
    "*fertigteil*",
    "*prefabbricat*",
    "*prefabricad*",
    "*geprefabriceerd*",
    "*сборн*",
    "*プレキャスト*",
    "*hollow core*",
    "*hollowcore*",
    "*prédalle*",
    "*predalle*",
    "*alveolaire*",
    "*hohldiele*",
    "*filigran*",
)
PRECAST_PSETS = ("Pset_PrecastConcreteElementGeneral", "Pset_PrecastConcreteElementFabrication", "Pset_PrecastSlab")


@dataclass(frozen=True)
class Reading:
    """The class the rules select on, whether the element is precast, each signal used, and
    the disagreements between them (empty when the signals agree)."""

    read_class: str
    precast: bool
    precast_by_material: bool = False  # only a material says so: a layer item reads its own layer's
    lining: bool = False  # a wall finished on one face only, against a wall or a shaft
    signals: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    quantities: dict[str, float] = field(default_factory=dict)  # what the class read needs, from the shape

    @property
    def note(self) -> str:
        return Joined(self.disagreements)


def read_element(element: dict, schema: str, against: dict[str, str] | None = None) -> Reading:
    """Read one element (a row of the takeoff, or an unmeasured one) from its signals;
    ``against``: the linings found by :func:`find_linings` (lining -> the wall it lines)."""
    declared = str(element.get("ifc_class") or "")
    kind = element.get("predefined_type")
    signals = [
        Message("reading.class_type", cls=declared, type=kind)
        if _text(kind)
        else Message("reading.class", cls=declared)
    ]
    disagreements: list[str] = []
    read_class = declared
    quantities: dict[str, float] = {}
    category = _category(element)
    if category:
        signals.append(Message("reading.category", category=category))
    classification = _text(element.get("classification"))
    if classification:
        signals.append(Message("reading.classification", classification=classification))
    if category and glob_match(LANDSCAPE_CATEGORIES, [category]):
        read_class = "IfcGeographicElement"
        disagreements.append(Message("reading.landscape", cls=declared, category=category))
    elif _is(declared, "IfcBuildingElementProxy", schema) and category.casefold() in CATEGORY_CLASSES:
        read_class = CATEGORY_CLASSES[category.casefold()]
        disagreements.append(Message("reading.proxy_category", category=category, read=read_class))
    elif _is(declared, "IfcBuildingElementProxy", schema):
        said = _class_from_words(element)
        if said:
            read_class, word = said
            signals.append(Message("reading.name_word", word=word))
            disagreements.append(Message("reading.proxy_named", word=word, read=read_class))
    elif any(_is(declared, cls, schema) for cls in LINEAR_CLASSES):
        shaped = _class_from_shape(element)
        if shaped:
            read_class, why = shaped
            signals.append(Message("reading.shape", why=why))
            quantities = _faces(element, read_class)
            shaped_as = Message("reading.shaped_as", cls=declared, why=why, read=read_class)
            faces = [Message("reading.face", name=k, value=f"{v:.6g}") for k, v in quantities.items()]
            disagreements.append(Joined([shaped_as, Joined(faces, ", ")]) if faces else shaped_as)
    precast, why, by_material = _precast(element)
    if precast:
        signals.append(Message("reading.precast", why=why))
    lining = False
    if _is(read_class, "IfcWall", schema):
        boards = _lining_by_layers(element)
        said = [boards] if boards else []
        host = (against or {}).get(element.get("global_id"))
        if host:
            said.append(Message("reading.against_wall", host=host))
        if said:
            lining = True
            signals.append(Message("reading.lining", said=Joined(said)))
    return Reading(read_class, precast, by_material, lining, signals, disagreements, quantities)


# Material families (the material library's) of a wall's structure: a wall that has one is no lining.
STRUCTURAL_FAMILIES = (
    "reinforced concrete",
    "concrete",
    "lightweight concrete",
    "aerated concrete",
    "sand-lime masonry",
    "clay brick",
)
BOARD_FAMILY = "plasterboard"
LINING_MAX_LAYERED_M = 0.16  # a board-on-stud wall at most this thick, boarded on one face, is a lining


def _lining_by_layers(element: dict) -> str:
    """A wall of boards on studs with boards on one face only (stud | board): a lining (doublage,
    contre-cloison, furring), finished on that face; a partition has boards on both."""
    if element.get("is_external") is True:
        return ""
    layers = element.get("material_layers") or []
    if len(layers) < 2:
        return ""
    thickness = sum(layer.get("thickness_m") or 0.0 for layer in layers)
    families = [get_family(layer.get("material")) for layer in layers]
    if thickness > LINING_MAX_LAYERED_M or any(f in STRUCTURAL_FAMILIES for f in families):
        return ""
    first, last = families[0] == BOARD_FAMILY, families[-1] == BOARD_FAMILY
    if first == last:
        return ""
    shown = " | ".join(str(layer.get("material")) for layer in layers)
    return Message("reading.boards_one_face", layers=shown)


def is_precast_material(name) -> bool:
    """A material (or layer) name that says precast: "Concrete, Precast", "Betonfertigteil"."""
    return isinstance(name, str) and glob_match(PRECAST_WORDS, [name])


def _is(declared: str, cls: str, schema: str) -> bool:
    return declared == cls or is_subclass(declared, cls, schema)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _category(element: dict) -> str:
    properties = element.get("properties") or {}
    for name, value in properties.items():
        if (name == "Category" or name.endswith(".Category")) and _text(value):
            return _text(value)
    return ""


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", text.casefold()) if w]


def _class_from_words(element: dict) -> tuple[str, str] | None:
    """The class a proxy's type name or name says, by the first word found (type first)."""
    for source in (element.get("type_name"), element.get("name")):
        words = _words(_text(source))
        for word in words:
            for cls, vocabulary in PROXY_WORDS.items():
                if any(_says(word, v) for v in vocabulary):
                    return cls, word
    return None


def _says(word: str, vocabulary_word: str) -> bool:
    """The word is the vocabulary's, or its plural ("beams", "poutres"; not "mural" for "mur")."""
    v = vocabulary_word
    return word == v or (len(v) > 3 and word.startswith(v) and len(word) <= len(v) + 2)


def _number(element: dict, name: str) -> float:
    value = element.get(name)
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else math.nan


def _class_from_shape(element: dict) -> tuple[str, str] | None:
    """A linear element whose measured shape is a panel standing up (a wall), a wide flat unit
    (a floor slab), or a vertical member below its storey's floor (a pile).

    A standing panel: its rise (the body's vertical extent) is at least ``PANEL_MIN_HEIGHT_M``,
    its thickness (``width_m``) at most ``PANEL_MAX_THICKNESS_M``, and its run along the ground,
    volume / (rise x thickness), at least 1 m and 4 times its thickness: a column or a
    mullion as high has a run of its own thickness."""
    length, width, height = (_number(element, n) for n in ("length_m", "width_m", "height_m"))
    rise, volume = _number(element, "size_z_m"), _number(element, "net_volume_m3")
    if any(math.isnan(v) for v in (length, width, height)) or width <= 0:
        return None
    run = volume / (rise * width) if rise > 0 else math.nan
    if rise >= PANEL_MIN_HEIGHT_M and width <= PANEL_MAX_THICKNESS_M and run >= max(1.0, 4 * width):
        said = Message("reading.panel", rise=Number(rise, ".2f"), width=Number(width, ".2f"), run=Number(run, ".2f"))
        return "IfcWall", said
    if (
        width >= FLOOR_UNIT_MIN_WIDTH_M
        and width >= FLOOR_UNIT_SLENDERNESS * height
        and length >= width
        and not rise > 2 * height
    ):
        said = Message(
            "reading.floor_unit", width=Number(width, ".2f"), height=Number(height, ".2f"), length=Number(length, ".2f")
        )
        return "IfcSlab", said
    top, floor = _number(element, "centre_z_m") + rise / 2, _number(element, "storey_elevation_m")
    if rise >= 2.0 and rise >= 0.9 * length and top <= floor + 0.01:
        return "IfcPile", Message("reading.pile", rise=Number(rise, ".2f"))
    return None


def _faces(element: dict, read_class: str) -> dict[str, float]:
    """The face a panel read as a wall, or a unit read as a slab, is priced on, when its own
    class's measure did not give it: its volume over its thickness."""
    volume = _number(element, "net_volume_m3")
    if read_class == "IfcWall":
        names, thickness = ("gross_side_area_m2", "net_side_area_m2"), _number(element, "width_m")
    else:
        names, thickness = ("gross_area_m2", "net_area_m2"), _number(element, "height_m")
    if not thickness > 0 or math.isnan(volume):
        return {}
    return {name: volume / thickness for name in names if math.isnan(_number(element, name))}


def _precast(element: dict) -> tuple[bool, str, bool]:
    """Precast, the signal that says it (a precast property set, a name, a material), and
    whether a material alone says it (then only that material's layer is precast: a screed
    poured on precast planks is not)."""
    for name, value in (element.get("properties") or {}).items():
        pset = name.split(".", 1)[0]
        if pset in PRECAST_PSETS:
            return True, Message("reading.property_set", pset=pset), False
        if glob_match(("*precast*", "*prefab*", "*fertigteil*"), [name.split(".", 1)[-1]]) and value is True:
            return True, Message("reading.property_true", name=name), False
    for key in ("type_name", "name"):
        if is_precast_material(element.get(key)):
            return True, Message(f"reading.precast_{key}", value=element[key]), False
    materials = [m for m in str(element.get("material") or "").split("; ") if m]
    materials += [layer.get("material") for layer in element.get("material_layers") or [] if layer.get("material")]
    for material in materials:
        if is_precast_material(material):
            return True, Message("reading.material", material=material), True
    return False, "", False


LINING_MAX_THICKNESS_M = 0.10  # a wall this thin ...
LINING_GAP_M = 0.03  # ... whose face is this close to another wall's face ...
LINING_SHARE = 0.5  # ... over this share of its length and of its height is a lining


def find_linings(walls: list[dict]) -> dict[str, str]:
    """``{lining GlobalId: GlobalId of the wall it lines}``: the thin walls (at most
    ``LINING_MAX_THICKNESS_M``) whose face lies against a thicker wall's, parallel, within
    ``LINING_GAP_M``, over half their length and height. Read from the walls' world boxes, so
    only walls drawn along the model's axes are judged (a box of a wall drawn askew is not thin:
    such a wall is never read as a lining)."""
    boxes = [b for b in (_box(w) for w in walls) if b is not None]
    if not boxes:
        return {}
    ids = [b["global_id"] for b in boxes]
    axis = np.array([b["axis"] for b in boxes])
    thickness = np.array([b["thickness"] for b in boxes])
    low, high = np.array([b["low"] for b in boxes]), np.array([b["high"] for b in boxes])
    found = {}
    for i in np.flatnonzero(thickness <= LINING_MAX_THICKNESS_M):  # each thin wall against every wall at once
        thin, along = axis[i], 1 - axis[i]
        gap = np.maximum(low[:, thin] - high[i, thin], low[i, thin] - high[:, thin])
        beside = np.minimum(high[:, along], high[i, along]) - np.maximum(low[:, along], low[i, along])
        above = np.minimum(high[:, 2], high[i, 2]) - np.maximum(low[:, 2], low[i, 2])
        hosts = np.flatnonzero(
            (axis == thin)
            & (thickness > thickness[i])
            & (gap >= -0.005)  # touching (or a hair inside), not overlapping through
            & (gap <= LINING_GAP_M)
            & (beside >= LINING_SHARE * (high[i, along] - low[i, along]))
            & (above >= LINING_SHARE * (high[i, 2] - low[i, 2]))
        )
        if len(hosts):
            found[ids[i]] = ids[hosts[0]]
    return found


def _box(wall: dict) -> dict | None:
    """A wall's world box, with its thin horizontal axis, when the box is as thin as the wall."""
    sizes = [_number(wall, f"size_{a}_m") for a in "xyz"]
    centre = [_number(wall, f"centre_{a}_m") for a in "xyz"]
    width = _number(wall, "width_m")
    if any(math.isnan(v) for v in sizes + centre) or not width > 0:
        return None
    thin = 0 if sizes[0] < sizes[1] else 1
    if sizes[thin] > width * 1.05 + 0.005:  # drawn askew: its box is fatter than the wall
        return None
    low = [c - s / 2 for c, s in zip(centre, sizes)]
    high = [c + s / 2 for c, s in zip(centre, sizes)]
    return {"global_id": wall["global_id"], "axis": thin, "thickness": sizes[thin], "low": low, "high": high}
