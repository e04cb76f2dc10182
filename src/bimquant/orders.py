"""Material orders: from work items to what the site orders, with waste, packs and deliveries.

A recipe file (TOML) lists purchasable materials and, for each work item code, what one unit
of it consumes::

    [recipes]
    name = "Recettes exemple"
    language = "fr"

    [[material]]
    id = "beton-c25"
    label = "Béton prêt à l'emploi C25/30"
    unit = "m3"                  # unit the consumption is stated in
    purchase_unit = "toupie"     # what is bought
    pack_size = 8                # units per pack (concrete: truck capacity)
    kind = "concrete"            # optional: concrete is ordered by `increment`, in trucks
    increment = 0.5              # optional, concrete only: the plant's ordering step (m3)
    supplier = "Centrale à béton"
    lead_time_days = 2
    pack_price = 880.0           # optional, per pack (concrete: use unit_price, per m3)
    unit_price = 110.0           # optional, per unit ordered

    [[recipe]]
    item = "02.03.01"
    materials = [{ material = "beton-c25", per_unit = 1.0, waste_pct = 5 }]

Need = item quantity x consumption x (1 + waste). Needs are grouped by supplier, material and
delivery batch (a storey, or a phase of several storeys with a date); each batch is rounded up
to whole packs on its own, so the ordered quantity is never below the need and less than one
pack above it. Concrete is ordered in `increment` steps and delivered in trucks of `pack_size`:
the report gives the number of trucks and the size of the last one.

Example::

    >>> recipes = load_recipes("rules/fr-recettes.toml", ruleset)
    >>> orders = plan_orders(work_items, recipes)
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from bimquant.columns import NEED_COLUMNS, ORDER_COLUMNS, SUPPLIER_SUMMARY_COLUMNS, WITHOUT_RECIPE_COLUMNS
from bimquant.errors import RuleError
from bimquant.estimate import MAX_PRICE
from bimquant.loaders import check_entry, check_keys, read_toml, require_number
from bimquant.messages import Message, Number
from bimquant.result import Result
from bimquant.rules.apply import WorkItems
from bimquant.rules.ruleset import RuleSet, load_ruleset
from bimquant.tolerances import PACK_RATIO_REL_EPS as EPS

MATERIAL_KEYS = {
    "id",
    "label",
    "unit",
    "purchase_unit",
    "pack_size",
    "kind",
    "increment",
    "supplier",
    "lead_time_days",
    "pack_price",
    "unit_price",
    "note",
}
REQUIRED_MATERIAL_KEYS = ("id", "label", "unit", "purchase_unit", "pack_size", "supplier")
HEAD_KEYS = {"name", "language", "description", "version"}
RECIPE_KEYS = {"item", "materials", "note"}
LINE_KEYS = {"material", "per_unit", "waste_pct", "note"}
NO_STOREY = "(no storey)"
# What a recipe or phase file may say: beyond these, a typo (and dates past the calendar).
MAX_AMOUNT = 1e6  # pack sizes, ordering steps, consumption per unit of a work item
MAX_WASTE_PCT = 100.0
MAX_LEAD_TIME_DAYS = 365
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Material:
    id: str
    label: str
    unit: str
    purchase_unit: str
    pack_size: float
    supplier: str
    kind: str = "packed"
    increment: float | None = None
    lead_time_days: int = 0
    pack_price: float | None = None
    unit_price: float | None = None


@dataclass(frozen=True)
class RecipeLine:
    material: str
    per_unit: float
    waste_pct: float


@dataclass
class Recipes:
    path: Path
    name: str
    language: str
    materials: dict[str, Material]
    recipes: dict[str, list[RecipeLine]]


@dataclass
class Phase:
    name: str
    date: dt.date | None
    storeys: list[str]
    path: Path | None = None  # the phase file, for error messages


@dataclass
class Orders(Result):
    """``orders``: one row per supplier, material and batch (columns ``ORDER_COLUMNS``);
    ``needs``: the exact need per item, storey and material before grouping; ``without_recipe``:
    items with a quantity but no recipe; ``summary``: per supplier."""

    TABLES = ("orders", "summary", "needs", "without_recipe")

    orders: pd.DataFrame
    needs: pd.DataFrame
    without_recipe: pd.DataFrame
    summary: pd.DataFrame
    info: dict = field(default_factory=dict)


def load_recipes(path: str | os.PathLike, ruleset: RuleSet | str | os.PathLike | None = None) -> Recipes:
    """Read and check a recipe file; with ``ruleset`` (a rule set or its path), every recipe's
    item code must exist in it.

    Example::

        >>> load_recipes("rules/fr-recettes.toml", "rules/fr-lots.toml").name
    """
    if ruleset is not None and not isinstance(ruleset, RuleSet):
        ruleset = load_ruleset(ruleset)
    path = Path(path)
    data = read_toml(path, "recipe file")
    unknown = set(data) - {"recipes", "material", "recipe"}
    if unknown:
        raise RuleError(
            Message("error.orders.unknown_sections", path=path, sections=", ".join(sorted(unknown))),
            Message("hint.orders.recipe_sections"),
        )
    head = data.get("recipes", {})
    if not isinstance(head, dict):
        raise RuleError(
            Message("error.situation.revision_table", path=path, where="[recipes]"),
            Message("hint.orders.recipes_table"),
        )
    check_keys(path, "[recipes]", head, HEAD_KEYS)
    materials: dict[str, Material] = {}
    for index, raw in enumerate(data.get("material", []), start=1):
        material = _parse_material(path, index, raw)
        if material.id in materials:
            raise RuleError(
                Message("error.orders.material_twice", path=path, id=material.id, index=index),
                Message("hint.orders.material_id"),
            )
        materials[material.id] = material
    recipes: dict[str, list[RecipeLine]] = {}
    for index, raw in enumerate(data.get("recipe", []), start=1):
        code, lines = _parse_recipe(path, index, raw, materials)
        if ruleset is not None and code not in {item.code for item in ruleset.items}:
            raise RuleError(
                Message("error.orders.no_such_item", path=path, code=code, index=index, rules=ruleset.path),
                Message("hint.orders.item_code"),
            )
        if code in recipes:
            raise RuleError(
                Message("error.orders.recipe_twice", path=path, code=code, index=index), Message("hint.orders.merge")
            )
        recipes[code] = lines
    if not recipes:
        raise RuleError(Message("error.orders.no_recipe", path=path), Message("hint.orders.add_recipe"))
    return Recipes(
        path=path,
        name=str(head.get("name", path.stem)),
        language=str(head.get("language", "en")),
        materials=materials,
        recipes=recipes,
    )


def _parse_material(path: Path, index: int, raw: Any) -> Material:
    where = check_entry(
        path,
        "material",
        index,
        raw,
        name_key="id",
        allowed=MATERIAL_KEYS,
        required=REQUIRED_MATERIAL_KEYS,
        texts=("id", "label", "unit", "purchase_unit", "supplier"),
    )
    kind = raw.get("kind", "packed")
    if kind not in ("packed", "concrete"):
        raise RuleError(
            Message("error.orders.unknown_kind", path=path, where=where, kind=kind), Message("hint.orders.kind")
        )
    pack_size = require_number(path, where, "pack_size", raw["pack_size"], 0.0, strict=True, maximum=MAX_AMOUNT)
    increment = None
    if "increment" in raw:
        if kind != "concrete":
            raise RuleError(
                Message("error.orders.increment_not_concrete", path=path, where=where),
                Message("hint.orders.increment_not_concrete"),
            )
        increment = require_number(path, where, "increment", raw["increment"], 0.0, strict=True, maximum=MAX_AMOUNT)
        if increment > pack_size:
            said = Message(
                "error.orders.increment_above_truck",
                path=path,
                where=where,
                increment=Number(increment),
                pack_size=Number(pack_size),
            )
            raise RuleError(said, Message("hint.orders.increment_in_truck"))
    lead = raw.get("lead_time_days", 0)
    if isinstance(lead, bool) or not isinstance(lead, int) or not 0 <= lead <= MAX_LEAD_TIME_DAYS:
        raise RuleError(
            Message("error.orders.lead_time", path=path, where=where, maximum=MAX_LEAD_TIME_DAYS, value=repr(lead)),
            Message("hint.orders.lead_time"),
        )
    prices = {
        k: require_number(path, where, k, raw[k], 0.0, strict=False, maximum=MAX_PRICE)
        for k in ("pack_price", "unit_price")
        if k in raw
    }
    if len(prices) == 2:
        raise RuleError(
            Message("error.orders.two_prices", path=path, where=where), Message("hint.orders.supplier_price")
        )
    return Material(
        id=raw["id"].strip(),
        label=raw["label"].strip(),
        unit=raw["unit"].strip(),
        purchase_unit=raw["purchase_unit"].strip(),
        pack_size=pack_size,
        supplier=raw["supplier"].strip(),
        kind=kind,
        increment=increment if kind != "concrete" else (increment or 0.5),
        lead_time_days=lead,
        **prices,
    )


def _parse_recipe(path: Path, index: int, raw: Any, materials: dict[str, Material]) -> tuple[str, list[RecipeLine]]:
    where = check_entry(path, "recipe", index, raw, name_key="item", allowed=RECIPE_KEYS)
    if not isinstance(raw.get("item"), str) or not raw["item"].strip():
        raise RuleError(Message("error.orders.no_item", path=path, where=where), Message("hint.orders.write_item"))
    lines_raw = raw.get("materials")
    if not isinstance(lines_raw, list) or not lines_raw:
        raise RuleError(
            Message("error.orders.no_materials", path=path, where=where),
            Message("hint.orders.write_materials", example='[{ material = "...", per_unit = 1.0 }]'),
        )
    lines = []
    for line in lines_raw:
        if not isinstance(line, dict):
            raise RuleError(
                Message("error.orders.line_not_table", path=path, where=where),
                Message("hint.orders.line_table", example="{ material = ..., per_unit = ... }"),
            )
        check_keys(path, Message("error.orders.material_line", where=where), line, LINE_KEYS)
        material = line.get("material")
        if not isinstance(material, str) or material not in materials:
            raise RuleError(
                Message("error.orders.unknown_material", path=path, where=where, material=material),
                Message("hint.orders.define_material"),
            )
        per_unit = require_number(path, where, "per_unit", line.get("per_unit"), 0.0, strict=True, maximum=MAX_AMOUNT)
        waste = require_number(
            path, where, "waste_pct", line.get("waste_pct", 0.0), 0.0, strict=False, maximum=MAX_WASTE_PCT
        )
        lines.append(RecipeLine(material=material, per_unit=per_unit, waste_pct=waste))
    return raw["item"].strip(), lines


def load_phases(path: str | os.PathLike) -> list[Phase]:
    """Phases mapping storeys to delivery dates::

    [[phase]]
    name = "Gros oeuvre RDC"
    date = 2027-03-01
    storeys = ["Ground floor"]
    """
    path = Path(path)
    data = read_toml(path, "phase file")
    unknown = set(data) - {"phase"}
    if unknown:
        raise RuleError(
            Message("error.orders.unknown_sections", path=path, sections=", ".join(sorted(unknown))),
            Message("hint.orders.phase_sections"),
        )
    phases = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(data.get("phase", []), start=1):
        where = Message("error.orders.phase", index=index)
        if not isinstance(raw, dict) or set(raw) - {"name", "date", "storeys"}:
            raise RuleError(
                Message("error.orders.phase_keys", path=path, where=where), Message("hint.orders.phase_keys")
            )
        name, date, storeys = raw.get("name"), raw.get("date"), raw.get("storeys")
        if not isinstance(name, str) or not name:
            raise RuleError(
                Message("error.orders.phase_no_name", path=path, where=where), Message("hint.orders.phase_name")
            )
        if any(phase.name == name for phase in phases):
            raise RuleError(
                Message("error.orders.phase_twice", path=path, where=where, name=name),
                Message("hint.orders.phase_own_name"),
            )
        if date is not None and (type(date) is not dt.date or not FIRST_DATE <= date <= LAST_DATE):
            said = Message(
                "error.orders.phase_date", path=path, where=where, first=FIRST_DATE, last=LAST_DATE, value=repr(date)
            )
            raise RuleError(said, Message("hint.orders.phase_date"))
        if not isinstance(storeys, list) or not storeys or not all(isinstance(s, str) for s in storeys):
            raise RuleError(
                Message("error.orders.phase_storeys", path=path, where=where), Message("hint.orders.phase_storeys")
            )
        for storey in storeys:
            if storey in seen:
                raise RuleError(
                    Message("error.orders.storey_twice", path=path, where=where, storey=storey, phase=seen[storey]),
                    Message("hint.orders.storey_once"),
                )
            seen[storey] = name
        phases.append(Phase(name=name, date=date, storeys=storeys, path=path))
    if not phases:
        raise RuleError(Message("error.orders.no_phase", path=path), Message("hint.orders.add_phase"))
    return phases


def plan_orders(
    work: WorkItems, recipes: Recipes, phases: list[Phase] | None = None, storey_order: list[str] | None = None
) -> Orders:
    """Turn work item quantities into orders per supplier, material and delivery batch.

    Batches are storeys (in ``storey_order``, by default the work items' own, lowest first) or,
    with ``phases``, the phase that lists the contribution's storey (a storey in no phase is an
    error naming it).
    """
    storey_order = work.storeys if storey_order is None else storey_order
    batch_of, date_of, batch_rank = _batches(work, recipes, phases, storey_order)
    lot_of = dict(zip(work.items["code"], work.items["lot"])) if "lot" in work.items else {}
    needs = []
    for row in work.trace.itertuples(index=False):
        lines = recipes.recipes.get(row.code)
        if not lines or row.contribution != row.contribution:  # no recipe, or NaN contribution
            continue
        storey = row.storey if isinstance(row.storey, str) and row.storey else NO_STOREY
        batch = batch_of(storey)
        for line in lines:
            base = row.contribution * line.per_unit
            needs.append(
                {
                    "code": row.code,
                    "lot": lot_of.get(row.code),
                    "global_id": getattr(row, "global_id", None),
                    "storey": storey,
                    "batch": batch,
                    "material": line.material,
                    "item_quantity": row.contribution,
                    "per_unit": line.per_unit,
                    "waste_pct": line.waste_pct,
                    "need_without_waste": base,
                    "need": base * (1 + line.waste_pct / 100),
                }
            )
    need_frame = pd.DataFrame(needs, columns=NEED_COLUMNS)
    orders = []
    for (material_id, batch), group in need_frame.groupby(["material", "batch"], sort=False):
        material = recipes.materials[material_id]
        need = float(group["need"].sum())
        orders.append(
            _order_line(
                material,
                batch,
                date_of.get(batch),
                need,
                float(group["need_without_waste"].sum()),
                sorted(set(group["code"])),
            )
        )
    order_frame = pd.DataFrame(orders, columns=ORDER_COLUMNS)
    if len(order_frame):
        order_frame["_rank"] = order_frame["batch"].map(batch_rank).fillna(len(batch_rank))
        order_frame = order_frame.sort_values(["supplier", "material", "_rank"], kind="stable").drop(columns="_rank")
        order_frame = order_frame.reset_index(drop=True)
    quantities = work.items[work.items["quantity"] > 0]
    without = quantities[~quantities["code"].isin(recipes.recipes)].reindex(columns=WITHOUT_RECIPE_COLUMNS)
    summary = (
        (
            order_frame.groupby("supplier", sort=True)
            .agg(
                lines=("material", "size"),
                materials=("material", "nunique"),
                order_value=("order_value", lambda v: v.sum(min_count=1)),
            )
            .reset_index()
        )
        if len(order_frame)
        else pd.DataFrame(columns=SUPPLIER_SUMMARY_COLUMNS)
    )
    return Orders(
        orders=order_frame,
        needs=need_frame,
        without_recipe=without.reset_index(drop=True),
        summary=summary,
        info={"recipes": recipes.name, "batches": "phase" if phases else "storey"},
    )


def _batches(work: WorkItems, recipes: Recipes, phases: list[Phase] | None, storey_order: list[str] | None):
    if phases:
        by_storey = {storey: phase for phase in phases for storey in phase.storeys}
        ordered = work.trace[work.trace["code"].isin(list(recipes.recipes))]  # storeys that need a delivery
        used = {s if isinstance(s, str) and s else NO_STOREY for s in ordered["storey"]}
        missing = sorted(used - set(by_storey))
        if missing:
            source = phases[0].path or Message("error.orders.the_phase_file")
            raise RuleError(
                Message("error.orders.storey_in_no_phase", source=source, storeys=", ".join(repr(m) for m in missing)),
                Message("hint.orders.storey_to_phase"),
            )
        dates = {p.name: p.date for p in phases}
        rank = {p.name: i for i, p in enumerate(phases)}
        return (lambda storey: by_storey[storey].name), dates, rank
    order = list(storey_order or []) + [NO_STOREY]
    return (lambda storey: storey), {}, {name: i for i, name in enumerate(order)}


def _whole_up(ratio: float) -> int:
    """Whole packs for ``ratio`` (need / pack size): rounded up, except that a ratio within a
    relative ``EPS`` of a whole number is that number (0.1 + 0.2 is 3 packs of 0.1, not 4). Any
    positive ratio, however small, takes one pack: an absolute tolerance would order nothing for
    a need of 1e-8 pack."""
    if ratio <= 0:
        return 0
    nearest = round(ratio)
    if nearest >= 1 and abs(ratio - nearest) <= EPS * nearest:
        return int(nearest)
    return math.ceil(ratio)


def _order_line(
    material: Material, batch: str, date: dt.date | None, need: float, bare: float, codes: list[str]
) -> dict:
    if material.kind == "concrete":
        steps = _whole_up(need / material.increment)
        ordered = steps * material.increment
        trucks = _whole_up(ordered / material.pack_size)
        last = ordered - (trucks - 1) * material.pack_size if trucks else 0.0
        packs = trucks
    else:
        packs = _whole_up(need / material.pack_size)
        ordered = packs * material.pack_size
        trucks = last = None
    if material.pack_price is not None:
        value = packs * material.pack_price
    elif material.unit_price is not None:
        value = ordered * material.unit_price
    else:
        value = math.nan
    return {
        "supplier": material.supplier,
        "material": material.id,
        "label": material.label,
        "unit": material.unit,
        "batch": batch,
        "delivery_date": date.isoformat() if date else None,
        "order_by": (date - dt.timedelta(days=material.lead_time_days)).isoformat() if date else None,
        "items": ", ".join(codes),
        "need_without_waste": bare,
        "need": need,
        "ordered": ordered,
        "packs": packs,
        "purchase_unit": material.purchase_unit,
        "pack_size": material.pack_size,
        "surplus": ordered - need,
        "trucks": trucks,
        "last_truck": last,
        "order_value": round(value, 2) if value == value else value,
    }
