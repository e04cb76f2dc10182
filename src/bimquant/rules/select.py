"""Does an element match a selector? And if not, which condition failed (for the unmapped list)."""

from __future__ import annotations

import functools
import math
from typing import Any

from bimquant.matching import glob_match
from bimquant.rules.ruleset import Selector, is_subclass
from bimquant.messages import CATALOGUE, Column, Message, or_list


def get_family(material) -> str | None:
    """The family of a material name in the shipped material library ("Stahlbeton C30/37" ->
    "reinforced concrete"), or None when no entry recognises it."""
    found = get_library().lookup(material) if isinstance(material, str) else None
    return found.family if found else None


@functools.cache
def get_library():
    """The shipped material library: its families are the vocabulary of materials the rules
    and the reading select on."""
    from bimquant.materials import load_materials

    return load_materials()


def get_read_class(element: dict) -> str:
    """The class the rules select on: bimquant's reading of the element (a precast panel
    exported as a beam is a wall), or its declared class."""
    return element.get("read_class") or element["ifc_class"]


def get_layers(element: dict) -> list[dict]:
    """The element's layers for per-layer items: its material layers with their share of the
    thickness, or, for a single-material element, that material as one layer of share 1."""
    layers = element.get("material_layers") or []
    total = sum(layer.get("thickness_m") or 0.0 for layer in layers)
    if layers and total > 0:
        return [
            {**layer, "share": (layer.get("thickness_m") or 0.0) / total, "index": i} for i, layer in enumerate(layers)
        ]
    materials = _material_names(element)
    if len(materials) == 1:
        return [{"material": materials[0], "name": None, "thickness_m": None, "share": 1.0}]
    return []


def _material_names(element: dict) -> list[str]:
    text = element.get("material")
    return [m for m in str(text).split("; ") if m] if isinstance(text, str) else []


def _values(element: dict, key: str) -> list:
    if key == "material":
        layers = [layer.get("material") for layer in element.get("material_layers") or []]
        return list(dict.fromkeys(_material_names(element) + layers))
    if key == "material_family":  # the shipped material library's family of each material
        return list(dict.fromkeys(f for f in map(get_family, _values(element, "material")) if f))
    if key == "classification":
        codes = [c for c in str(element.get("classification") or "").split("; ") if c]
        return codes + [c.split(":", 1)[1] for c in codes if ":" in c]
    return [element.get(key)]


def get_mismatch(selector: Selector, element: dict, schema: str) -> str | None:
    """None when the element matches every condition, else the first condition it fails."""
    for key, patterns in selector.patterns.items():
        if key == "class":
            read = get_read_class(element)
            if not any(read == cls or is_subclass(read, cls, schema) for cls in patterns):
                said = (
                    read
                    if read == element["ifc_class"]
                    else Message("reason.read_as_paren", cls=element["ifc_class"], read=read)
                )
                return Message("select.class", said=said, wanted=or_list(patterns))
        elif key == "layer":
            if not match_layers(patterns, element):
                found = [lay.get("material") or lay.get("name") for lay in get_layers(element)]
                shown = ", ".join(map(str, found)) or Message("select.none")
                return Message("select.no_layer", patterns=_show(patterns), found=shown)
        elif not glob_match(patterns, _values(element, key)):
            shown = "; ".join(str(v) for v in _values(element, key) if v is not None and v == v) or Message(
                "select.none"
            )
            which = f"select.no_match.{key}" if f"select.no_match.{key}" in CATALOGUE else "select.no_match"
            return Message(which, key=Column(key), patterns=_show(patterns), shown=shown)
    properties = element.get("properties") or {}
    for name, wanted in selector.properties.items():
        actual = properties.get(name)
        if not _same_value(wanted, actual):
            return Message("select.property", name=name, actual=repr(actual), wanted=repr(wanted))
    return None


def match_layers(patterns: tuple[str, ...], element: dict) -> list[dict]:
    """Layers whose material or layer name matches one of ``patterns``.

    An element with several materials and no thicknesses (an ``IfcMaterialList``: "Brick;
    Insulation; Block; Plaster") has no layers to share its volume: the materials that match
    are one layer of unknown share (a volume or weight from it has no value, and says why; an
    area or a count is the element's)."""
    layers = get_layers(element)
    if layers:
        return [layer for layer in layers if glob_match(patterns, [layer.get("material"), layer.get("name")])]
    found = [m for m in _material_names(element) if glob_match(patterns, [m])]
    if not found:
        return []
    return [{"material": " + ".join(found), "name": None, "thickness_m": None, "share": math.nan, "listed": True}]


def _same_value(wanted: Any, actual: Any) -> bool:
    if actual is None:
        return False
    if isinstance(wanted, bool) or isinstance(actual, bool):
        return isinstance(actual, bool) and isinstance(wanted, bool) and wanted is actual
    if isinstance(wanted, (int, float)):
        return isinstance(actual, (int, float)) and math.isclose(float(actual), float(wanted), rel_tol=1e-9)
    return glob_match((str(wanted),), [actual])


def _show(patterns: tuple[str, ...]) -> str:
    return " | ".join(f"'{p}'" for p in patterns)  # alternatives, in any language
