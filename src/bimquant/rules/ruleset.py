"""Rule sets: work items kept as TOML an estimator can read and edit.

Format (keys beyond these are refused, so a typo never silently drops a condition)::

    [ruleset]
    name = "Exemple"
    language = "fr"            # fr or en: labels of the outputs
    description = "..."        # optional

    [[item]]
    code = "02.03.01"
    lot = "02 Gros oeuvre"
    label = "Voiles béton armé"
    unit = "m3"                # u, m, m2, m3, kg, t
    select = { class = "IfcWall", layer = "*béton*" }
    exclude = { "Pset_WallCommon.IsExternal" = true }   # optional
    where = "width_m >= 0.25 and height_m < 3.5"        # optional, see bimquant.rules.condition
    quantity = "net_volume_m3"
    openings = { deduct_above_m2 = 2.5 }                 # optional
    measures = "concrete volume"                         # optional, see below
    note = "..."                                         # optional

Selector keys (``select`` and ``exclude``): ``class`` (IFC class in any case, subclasses included),
``predefined_type``, ``type_name``, ``name``, ``material``, ``layer``, ``storey``,
``classification``: glob patterns (``*``, ``?``), case- and accent-insensitive, a string or a
list of alternatives; and ``"Pset_X.Property" = value`` for property values. All keys of a
selector must match.

``openings``: ``deduct_above_m2`` and/or ``deduct_above_m3``. Each opening of a host is judged
on its own: an opening whose area in the host face (or volume inside the host) is above the
threshold is deducted from the ``gross_*`` quantities of the formula; smaller ones are measured
through. Net quantities already have every opening deducted, so an item with an openings
convention must use gross ones.

``measures``: two items that one element feeds and that share this tag measure the same thing
(two concrete volumes): the element is reported as a conflict. Default: the lot and the unit.
"""

from __future__ import annotations

import functools

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ifcopenshell.ifcopenshell_wrapper as wrapper

from bimquant.columns import UNIT_DIMENSIONS
from bimquant.errors import RuleError
from bimquant.matching import glob_match
from bimquant.loaders import check_entry, check_keys, one_line, quoted, read_toml
from bimquant.rules.condition import Condition, parse_condition
from bimquant.rules.formula import Formula, FormulaError, describe_dimension, parse_formula

RULESET_KEYS = {
    "name",
    "language",
    "description",
    "version",
    "not_building_work",
    "coverage_threshold",
    "placeholders",
    "levels",
    "external_flags",
}
# Below this share of the building volume priced once, the coverage line is a warning.
COVERAGE_THRESHOLD = 0.98
# Labels that still wait for a decision: such a line is not ready for a client's DPGF.
PLACEHOLDERS = (
    "*à préciser*",
    "*à définir*",
    "*à compléter*",
    "*to be specified*",
    "*to be defined*",
    "*to be confirmed*",
    "*(tbd)*",
    "*(tbc)*",
    "*[?][?][?]*",  # three question marks (a bare ? is a wildcard)
)
STRUCTURE = "structure"  # the measures label of items that price an element's body
ITEM_KEYS = {"code", "lot", "label", "unit", "select", "exclude", "where", "quantity", "openings", "measures", "note"}
REQUIRED_ITEM_KEYS = ("code", "lot", "label", "unit", "select", "quantity")
PATTERN_KEYS = {
    "class",
    "predefined_type",
    "type_name",
    "name",
    "material",
    "material_family",
    "layer",
    "storey",
    "classification",
}
OPENING_KEYS = {"deduct_above_m2", "deduct_above_m3"}
LANGUAGES = {"fr", "en"}
MAX_THRESHOLD = 1e6  # m2 or m3: an opening threshold past it is a typo
SCHEMAS = ("IFC4", "IFC2X3", "IFC4X3_ADD2")


@dataclass(frozen=True)
class Selector:
    """Conditions on an element: patterns by key, and property values by ``Pset.Property``."""

    patterns: dict[str, tuple[str, ...]]
    properties: dict[str, Any]

    @property
    def layer(self) -> tuple[str, ...] | None:
        return self.patterns.get("layer")


@dataclass(frozen=True)
class Item:
    """One work item: what it selects and how one element's quantity is computed."""

    code: str
    lot: str
    label: str
    unit: str
    select: Selector
    exclude: Selector | None
    quantity: Formula
    deduct_above_m2: float | None
    deduct_above_m3: float | None
    measures: str
    note: str | None = None
    where: Condition | None = None

    @property
    def has_openings_convention(self) -> bool:
        return self.deduct_above_m2 is not None or self.deduct_above_m3 is not None


@dataclass
class RuleSet:
    """A named, checked list of work items."""

    path: Path
    name: str
    language: str
    items: list[Item] = field(default_factory=list)
    description: str | None = None
    not_building_work: tuple[str, ...] = ()  # IFC classes priced by no item of this rule set, on purpose
    coverage_threshold: float = COVERAGE_THRESHOLD  # share of the building volume below which coverage warns
    placeholders: tuple[str, ...] = PLACEHOLDERS  # globs of labels that still wait for a decision
    levels: dict[str, str] = field(default_factory=dict)  # class -> "whole" or "parts" (rules.assemblies)
    # "checked": the model's IsExternal flags, set aside for the storey outline when it contradicts
    # most flagged walls (the takeoff's reading); "trusted": the model's flags wherever stated
    external_flags: str = "checked"

    def is_placeholder(self, label: str) -> bool:
        """The label still says the line waits for a decision ("(à préciser)")."""
        return bool(label) and glob_match(self.placeholders, [label])


def load_ruleset(path: str | os.PathLike) -> RuleSet:
    """Read and check a TOML rule set; any mistake raises one :class:`RuleError` naming the
    file, the item and the fix.

    Example::

        >>> rules = load_ruleset("rules/fr-lots.toml")
        >>> rules.items[0].code
    """
    path = Path(path)
    try:
        return _load(path)
    except RuleError as exc:  # text from the file (a code, a key, a formula) may hold a line break
        raise RuleError(one_line(exc.message), one_line(exc.hint)) from None


def _load(path: Path) -> RuleSet:
    data = read_toml(path, "rule file", "check the path; shipped rule sets are in rules/")
    unknown = set(data) - {"ruleset", "item"}
    if unknown:
        raise RuleError(
            f"{path}: unknown section(s) {quoted(unknown)}", "a rule file has one [ruleset] table and [[item]] tables"
        )
    head = data.get("ruleset")
    if not isinstance(head, dict):
        raise RuleError(
            f"{path}: missing [ruleset] table", 'start the file with [ruleset] name = "..." language = "fr"'
        )
    check_keys(path, "[ruleset]", head, RULESET_KEYS)
    for key in ("name", "description"):
        if key in head and not isinstance(head[key], str):
            raise RuleError(f"{path}: [ruleset] {key} must be a text", f'write {key} = "..."')
    language = head.get("language", "en")
    if not isinstance(language, str) or language not in LANGUAGES:
        raise RuleError(f"{path}: [ruleset] language '{language}' is not supported", 'use language = "fr" or "en"')
    raw_items = data.get("item", [])
    if not isinstance(raw_items, list) or not raw_items:
        raise RuleError(f"{path}: no [[item]] in the rule set", "add at least one [[item]] table")
    items: list[Item] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_items, start=1):
        item = _parse_item(path, index, raw)
        if item.code in seen:
            raise RuleError(
                f"{path}: item {item.code} (#{index}) repeats the code of item #{seen[item.code]}",
                "give each item its own code",
            )
        seen[item.code] = index
        items.append(item)
    return RuleSet(
        path=path,
        name=str(head.get("name", path.stem)),
        language=language,
        items=items,
        description=head.get("description"),
        not_building_work=_classes(path, "[ruleset] not_building_work", head.get("not_building_work", [])),
        coverage_threshold=_threshold(path, head.get("coverage_threshold", COVERAGE_THRESHOLD)),
        placeholders=_patterns(path, "[ruleset] placeholders", head.get("placeholders", list(PLACEHOLDERS))),
        levels=_levels(path, head.get("levels", {})),
        external_flags=_external_flags(path, head.get("external_flags", "checked")),
    )


def _external_flags(path: Path, raw: Any) -> str:
    if raw not in ("checked", "trusted"):
        raise RuleError(
            f"{path}: [ruleset] external_flags must be 'checked' or 'trusted', not {raw!r}",
            'write external_flags = "trusted" to keep every IsExternal the model states, even against its plan',
        )
    return raw


def _levels(path: Path, raw: Any) -> dict[str, str]:
    """``levels = { IfcWall = "parts" }``: the level each class of aggregate is priced at."""
    hint = 'write levels = { IfcWall = "whole", IfcWindow = "whole" } (or "parts")'
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: [ruleset] levels must be a table of classes, not {raw!r}", hint)
    levels = {}
    for name, level in raw.items():
        cls = _classes(path, "[ruleset] levels", [name])[0]
        if level not in ("whole", "parts"):
            raise RuleError(f"{path}: [ruleset] levels: {name} = {level!r} is neither 'whole' nor 'parts'", hint)
        levels[cls] = level
    return levels


def _threshold(path: Path, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
        raise RuleError(
            f"{path}: [ruleset] coverage_threshold must be a share from 0 to 1, not {raw!r}",
            "write coverage_threshold = 0.98 (98 % of the building volume priced once)",
        )
    return float(raw)


def _patterns(path: Path, where: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise RuleError(f"{path}: {where} must be a list of label patterns", 'write placeholders = ["*à préciser*"]')
    return tuple(raw)


def _classes(path: Path, where: str, raw: Any) -> tuple[str, ...]:
    """IFC class names (any case) checked against the schemas, in their canonical spelling."""
    if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
        raise RuleError(f"{path}: {where} must be a list of IFC classes", 'write not_building_work = ["IfcFurniture"]')
    found = []
    for cls in raw:
        canonical = get_canonical_class(cls)
        if canonical is None:
            close = difflib.get_close_matches(cls.lower(), _entity_names(), n=1)
            guess = f"did you mean {_entity_names()[close[0]]}? " if close else ""
            raise RuleError(
                f"{path}: {where}: unknown IFC class '{cls}'",
                f"{guess}use an IFC entity name such as IfcWall, IfcSlab, IfcDoor (IFC2X3, IFC4, IFC4X3)",
            )
        found.append(canonical)
    return tuple(found)


def _parse_item(path: Path, index: int, raw: Any) -> Item:
    where = check_entry(
        path,
        "item",
        index,
        raw,
        name_key="code",
        allowed=ITEM_KEYS,
        required=REQUIRED_ITEM_KEYS,
        texts=("code", "lot", "label", "unit", "quantity"),
    )
    unit = raw["unit"]
    if unit not in UNIT_DIMENSIONS:
        raise RuleError(
            f"{path}: {where}: unknown unit '{unit}'", f"use one of {', '.join(UNIT_DIMENSIONS)} (u counts pieces)"
        )
    for key in ("measures", "note"):
        if key in raw and not isinstance(raw[key], str):
            raise RuleError(f"{path}: {where}: '{key}' must be a text", f'write {key} = "..."')
    try:
        formula = parse_formula(raw["quantity"])
    except FormulaError as exc:
        raise RuleError(
            f"{path}: {where}: {exc}", exc.hint or "write the quantity as arithmetic over quantity columns"
        ) from None
    if formula.dimension != UNIT_DIMENSIONS[unit]:
        raise RuleError(
            f"{path}: {where}: unit {unit} does not fit the quantity '{formula.text}', "
            f"which gives {describe_dimension(formula.dimension)}",
            f"change the unit or the quantity formula so that it gives {unit}",
        )
    condition = None
    if "where" in raw:
        try:
            condition = parse_condition(raw["where"])
        except FormulaError as exc:
            raise RuleError(f"{path}: {where}: {exc}", exc.hint or 'write where = "width_m >= 0.25"') from None
    select = _parse_selector(path, where, "select", raw["select"])
    exclude = _parse_selector(path, where, "exclude", raw["exclude"]) if "exclude" in raw else None
    deduct_m2 = deduct_m3 = None
    if "openings" in raw:
        openings = raw["openings"]
        if not isinstance(openings, dict) or not openings:
            raise RuleError(f"{path}: {where}: openings must be a table", "write openings = { deduct_above_m2 = 2.5 }")
        check_keys(path, f"{where} openings", openings, OPENING_KEYS)
        for key, value in openings.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_THRESHOLD:
                raise RuleError(
                    f"{path}: {where}: openings {key} must be a number of 0 or more "
                    f"(at most {MAX_THRESHOLD:g}), not {value!r}",
                    f"write {key} = 2.5",
                )
        deduct_m2, deduct_m3 = openings.get("deduct_above_m2"), openings.get("deduct_above_m3")
        nets = sorted(name for name in formula.names if name.startswith("net_"))
        if nets:
            raise RuleError(
                f"{path}: {where}: an openings convention needs gross quantities, "
                f"but the formula uses {', '.join(nets)}",
                "use the gross_* quantity: the convention deducts the openings above its threshold from it",
            )
        if not any(name.startswith("gross_") for name in formula.names):
            raise RuleError(
                f"{path}: {where}: openings convention with no gross_* quantity in the formula",
                "use a gross_* quantity, or remove the openings convention",
            )
    measures = raw.get("measures", f"{raw['lot'].strip()} | {unit}")
    return Item(
        code=raw["code"].strip(),
        lot=raw["lot"].strip(),
        label=raw["label"].strip(),
        unit=unit,
        select=select,
        exclude=exclude,
        quantity=formula,
        deduct_above_m2=deduct_m2,
        deduct_above_m3=deduct_m3,
        measures=str(measures),
        note=raw.get("note"),
        where=condition,
    )


def _parse_selector(path: Path, where: str, key: str, raw: Any) -> Selector:
    if not isinstance(raw, dict) or not raw:
        raise RuleError(
            f"{path}: {where}: '{key}' must be a table of conditions", f'write {key} = {{ class = "IfcWall" }}'
        )
    patterns: dict[str, tuple[str, ...]] = {}
    properties: dict[str, Any] = {}
    for name, value in raw.items():
        if "." in name:
            if not isinstance(value, (str, int, float, bool)):
                raise RuleError(
                    f"{path}: {where}: {key} property '{name}' needs a single value",
                    f'write "{name}" = true (or a number or a text)',
                )
            properties[name] = value
            continue
        if name not in PATTERN_KEYS:
            raise RuleError(
                f"{path}: {where}: unknown {key} key '{name}'",
                f'use {", ".join(sorted(PATTERN_KEYS))}, or "Pset_Name.Property" for a property',
            )
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v for v in values):
            raise RuleError(
                f"{path}: {where}: {key} {name} must be a text or a list of texts",
                f'write {name} = "pattern" or {name} = ["a", "b"]',
            )
        if name == "class":
            values = list(_classes(path, where, values))  # any case is accepted; reports show IfcWall
        if name == "material_family":
            _families(path, where, values)
        patterns[name] = tuple(values)
    return Selector(patterns=patterns, properties=properties)


def _families(path: Path, where: str, values: list[str]) -> None:
    """Each ``material_family`` pattern names (or matches) a family of the shipped material
    library: a family nobody has would select nothing, silently."""
    from bimquant.materials import load_materials

    families = list(dict.fromkeys(entry.family for entry in load_materials().entries))
    for value in values:
        if not glob_match((value,), families):
            close = difflib.get_close_matches(value, families, n=1)
            guess = f"did you mean '{close[0]}'? " if close else ""
            raise RuleError(
                f"{path}: {where}: material_family '{value}' is no family of the material library",
                f"{guess}families: {', '.join(families)}",
            )


_ENTITY_NAMES: dict[str, str] = {}


def _entity_names() -> dict[str, str]:
    """Lower-case name -> name of every entity of the supported schemas (for "did you mean")."""
    if not _ENTITY_NAMES:
        for schema in SCHEMAS:
            for declaration in wrapper.schema_by_name(schema).declarations():
                if declaration.as_entity() is not None:
                    _ENTITY_NAMES.setdefault(declaration.name().lower(), declaration.name())
    return _ENTITY_NAMES


def get_canonical_class(name: str) -> str | None:
    """``"ifcwall"`` -> ``"IfcWall"``; None if no supported schema knows it."""
    for schema in SCHEMAS:
        try:
            declaration = wrapper.schema_by_name(schema).declaration_by_name(name)
        except (RuntimeError, KeyError, IndexError):
            continue
        if declaration.as_entity() is not None:
            return declaration.name()
    return None


@functools.cache  # a few dozen classes, asked about for every element and item
def is_subclass(ifc_class: str, parent: str, schema: str) -> bool:
    """True when ``ifc_class`` is ``parent`` or one of its subtypes in ``schema`` (any IFC name)."""
    for name in (schema, *SCHEMAS):
        try:
            declaration = wrapper.schema_by_name(name).declaration_by_name(ifc_class)
        except (RuntimeError, KeyError, IndexError):
            continue
        parent_lower = parent.lower()
        while declaration is not None:
            if declaration.name().lower() == parent_lower:
                return True
            declaration = declaration.supertype()
        return False
    return ifc_class.lower() == parent.lower()
