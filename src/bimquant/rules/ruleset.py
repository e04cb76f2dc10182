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
from bimquant.messages import SAID, Message, Number
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
        raise RuleError(_one_line(exc.message), _one_line(exc.hint)) from None


def _one_line(text):
    """:func:`~bimquant.loaders.one_line` through a :class:`Message`'s values: it stays a
    message, said in the reader's language."""
    if isinstance(text, Message):
        return Message(text.id, **{key: _one_line(value) for key, value in text.values.items()})
    plain = isinstance(text, Path) or (isinstance(text, str) and not isinstance(text, SAID))
    return one_line(str(text)) if plain else text  # a Number, a Joined: said in the reader's language


def _load(path: Path) -> RuleSet:
    data = read_toml(path, "rule file", Message("hint.ruleset.check_path"))
    unknown = set(data) - {"ruleset", "item"}
    if unknown:
        raise RuleError(
            Message("error.orders.unknown_sections", path=path, sections=quoted(unknown)),
            Message("hint.ruleset.sections"),
        )
    head = data.get("ruleset")
    if not isinstance(head, dict):
        raise RuleError(Message("error.ruleset.no_ruleset", path=path), Message("hint.ruleset.start_with_ruleset"))
    check_keys(path, "[ruleset]", head, RULESET_KEYS)
    for key in ("name", "description"):
        if key in head and not isinstance(head[key], str):
            raise RuleError(
                Message("error.ruleset.head_not_text", path=path, key=key), Message("hint.loaders.write_text", key=key)
            )
    language = head.get("language", "en")
    if not isinstance(language, str) or language not in LANGUAGES:
        raise RuleError(
            Message("error.ruleset.language", path=path, language=language), Message("hint.ruleset.language")
        )
    raw_items = data.get("item", [])
    if not isinstance(raw_items, list) or not raw_items:
        raise RuleError(Message("error.ruleset.no_items", path=path), Message("hint.ruleset.add_item"))
    items: list[Item] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_items, start=1):
        item = _parse_item(path, index, raw)
        if item.code in seen:
            raise RuleError(
                Message("error.ruleset.code_twice", path=path, code=item.code, index=index, first=seen[item.code]),
                Message("hint.ruleset.own_code"),
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
            Message("error.ruleset.external_flags", path=path, value=repr(raw)), Message("hint.ruleset.external_flags")
        )
    return raw


def _levels(path: Path, raw: Any) -> dict[str, str]:
    """``levels = { IfcWall = "parts" }``: the level each class of aggregate is priced at."""
    hint = Message("hint.ruleset.levels", example='{ IfcWall = "whole", IfcWindow = "whole" }')
    if not isinstance(raw, dict):
        raise RuleError(Message("error.ruleset.levels", path=path, value=repr(raw)), hint)
    levels = {}
    for name, level in raw.items():
        cls = _classes(path, "[ruleset] levels", [name])[0]
        if level not in ("whole", "parts"):
            raise RuleError(Message("error.ruleset.level", path=path, name=name, level=repr(level)), hint)
        levels[cls] = level
    return levels


def _threshold(path: Path, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 <= raw <= 1:
        raise RuleError(
            Message("error.ruleset.coverage_threshold", path=path, value=repr(raw)),
            Message("hint.ruleset.coverage_threshold"),
        )
    return float(raw)


def _patterns(path: Path, where: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(p, str) and p.strip() for p in raw):
        raise RuleError(
            Message("error.ruleset.label_patterns", path=path, where=where), Message("hint.ruleset.placeholders")
        )
    return tuple(raw)


def _classes(path: Path, where: str, raw: Any) -> tuple[str, ...]:
    """IFC class names (any case) checked against the schemas, in their canonical spelling."""
    if not isinstance(raw, list) or not all(isinstance(c, str) and c for c in raw):
        raise RuleError(
            Message("error.ruleset.ifc_classes", path=path, where=where), Message("hint.ruleset.not_building_work")
        )
    found = []
    for cls in raw:
        canonical = get_canonical_class(cls)
        if canonical is None:
            close = difflib.get_close_matches(cls.lower(), _entity_names(), n=1)
            guess = Message("hint.formula.did_you_mean", name=_entity_names()[close[0]]) if close else ""
            raise RuleError(
                Message("error.ruleset.unknown_class", path=path, where=where, cls=cls),
                Message("hint.ruleset.ifc_class", guess=guess),
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
            Message("error.ruleset.unknown_unit", path=path, where=where, unit=unit),
            Message("hint.ruleset.units", units=", ".join(UNIT_DIMENSIONS)),
        )
    for key in ("measures", "note"):
        if key in raw and not isinstance(raw[key], str):
            raise RuleError(
                Message("error.ruleset.not_a_text", path=path, where=where, key=key),
                Message("hint.loaders.write_text", key=key),
            )
    try:
        formula = parse_formula(raw["quantity"])
    except FormulaError as exc:
        raise RuleError(
            Message("error.ruleset.in_item", path=path, where=where, error=exc.message),
            exc.hint or Message("hint.ruleset.quantity"),
        ) from None
    if formula.dimension != UNIT_DIMENSIONS[unit]:
        said = Message(
            "error.ruleset.unit_mismatch",
            path=path,
            where=where,
            unit=unit,
            formula=formula.text,
            dimension=describe_dimension(formula.dimension),
        )
        raise RuleError(said, Message("hint.ruleset.unit_mismatch", unit=unit))
    condition = None
    if "where" in raw:
        try:
            condition = parse_condition(raw["where"])
        except FormulaError as exc:
            raise RuleError(
                Message("error.ruleset.in_item", path=path, where=where, error=exc.message),
                exc.hint or Message("hint.orders.line_table", example=Message("hint.condition.where_example")),
            ) from None
    select = _parse_selector(path, where, "select", raw["select"])
    exclude = _parse_selector(path, where, "exclude", raw["exclude"]) if "exclude" in raw else None
    deduct_m2 = deduct_m3 = None
    if "openings" in raw:
        openings = raw["openings"]
        if not isinstance(openings, dict) or not openings:
            raise RuleError(
                Message("error.ruleset.openings_not_table", path=path, where=where),
                Message("hint.orders.line_table", example="openings = { deduct_above_m2 = 2.5 }"),
            )
        check_keys(path, Message("error.ruleset.openings_of", where=where), openings, OPENING_KEYS)
        for key, value in openings.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_THRESHOLD:
                said = Message(
                    "error.ruleset.opening_threshold",
                    path=path,
                    where=where,
                    key=key,
                    maximum=Number(MAX_THRESHOLD),
                    value=repr(value),
                )
                raise RuleError(said, Message("hint.ruleset.threshold", key=key))
        deduct_m2, deduct_m3 = openings.get("deduct_above_m2"), openings.get("deduct_above_m3")
        nets = sorted(name for name in formula.names if name.startswith("net_"))
        if nets:
            raise RuleError(
                Message("error.ruleset.openings_net", path=path, where=where, nets=", ".join(nets)),
                Message("hint.ruleset.openings_gross"),
            )
        if not any(name.startswith("gross_") for name in formula.names):
            raise RuleError(
                Message("error.ruleset.openings_no_gross", path=path, where=where),
                Message("hint.ruleset.gross_or_remove"),
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
            Message("error.ruleset.selector_not_table", path=path, where=where, key=key),
            Message("hint.orders.line_table", example=f'{key} = {{ class = "IfcWall" }}'),
        )
    patterns: dict[str, tuple[str, ...]] = {}
    properties: dict[str, Any] = {}
    for name, value in raw.items():
        if "." in name:
            if not isinstance(value, (str, int, float, bool)):
                raise RuleError(
                    Message("error.ruleset.property_value", path=path, where=where, key=key, name=name),
                    Message("hint.ruleset.property_value", name=name),
                )
            properties[name] = value
            continue
        if name not in PATTERN_KEYS:
            raise RuleError(
                Message("error.ruleset.unknown_selector_key", path=path, where=where, key=key, name=name),
                Message("hint.ruleset.selector_keys", keys=", ".join(sorted(PATTERN_KEYS))),
            )
        values = value if isinstance(value, list) else [value]
        if not values or not all(isinstance(v, str) and v for v in values):
            raise RuleError(
                Message("error.ruleset.patterns", path=path, where=where, key=key, name=name),
                Message("hint.ruleset.patterns", name=name),
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
            guess = Message("hint.formula.did_you_mean", name=f"'{close[0]}'") if close else ""
            raise RuleError(
                Message("error.ruleset.unknown_family", path=path, where=where, value=value),
                Message("hint.ruleset.families", guess=guess, families=", ".join(families)),
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
