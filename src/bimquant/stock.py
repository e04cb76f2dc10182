"""Stock on site: what was ordered, delivered and consumed, per material and delivery batch.

The orders are the JSON ``bimquant order`` wrote (materials, batches, packs, dates, and the need
of every element and item behind each order line); the deliveries a CSV of delivery notes; the
progress any form a situation reads. Per material and batch (README.md, "bimquant stock"):

- delivered: the delivery notes, in the material's unit (a quantity in the purchase unit counts
  its packs: 2 "palette de 240" are 480 tiles); a note without a batch fills the material's
  batches in order, the first not yet fully delivered first;
- consumed: each element's need (waste included) x its progress;
- on site = delivered - consumed; still to deliver = ordered - delivered (not below 0); still
  needed = need - consumed;
- alerts: ``over-delivery`` (delivered above ordered), ``consumption above delivery`` (a
  missing delivery note, or a loss: the gap is shown, the cause is not guessed), ``late`` (the
  batch's delivery date has passed and part of it is still to deliver), ``short`` (on the
  material's next batch, the first due after the period: what is on site of the material is
  below that batch's need, before its date).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from bimquant.columns import STOCK_COLUMNS
from bimquant.errors import ContractError, ProgressError
from bimquant.loaders import parse_date, parse_number, read_json, read_rows, text_of
from bimquant.money import to_decimal
from bimquant.progress import Scope
from bimquant.result import Result
from bimquant.messages import Message

TOLERANCE = 1e-9  # quantities equal to this are equal (sums of floats)


@dataclass
class Stock(Result):
    """``materials``: per material and batch (``STOCK_COLUMNS``); ``deliveries``: the notes
    read, each with the batch it went to and its quantity in the material's unit."""

    TABLES = ("materials", "deliveries")

    materials: pd.DataFrame
    deliveries: pd.DataFrame
    info: dict = field(default_factory=dict)


def load_orders(path: str | os.PathLike) -> dict:
    """The order lines and needs of an orders JSON; :class:`ContractError` when it is not one."""
    path = Path(path)
    hint = Message("hint.stock.pass_orders")
    data = read_json(path, "orders", hint)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("orders"), list)
        or not isinstance(data.get("needs"), list)
    ):
        raise ContractError(Message("error.stock.not_orders", path=path), hint)
    needs = [n for n in data["needs"] if isinstance(n, dict)]
    if needs and "global_id" not in needs[0]:
        raise ContractError(Message("error.stock.older_orders", path=path), Message("hint.stock.order_again"))
    without = data.get("without_recipe") if isinstance(data.get("without_recipe"), list) else []
    return {"orders": data["orders"], "needs": needs, "without_recipe": without, "info": data.get("info", {})}


def get_scope(orders: dict) -> Scope:
    """What a progress file is read against for the stock: the orders' items, the elements
    behind each with their storey and item quantity (every progress form reads)."""
    contributions: dict[str, dict[str, list]] = defaultdict(dict)
    quantities: dict[str, Decimal] = defaultdict(Decimal)
    lots: dict[str, str] = {}
    seen = set()
    for need in orders["needs"]:
        code, gid, storey, value = (need.get(k) for k in ("code", "global_id", "storey", "item_quantity"))
        lots[code] = text_of(need.get("lot"))
        if (code, gid, storey, value) in seen:
            continue  # the same element and item, one row per material
        seen.add((code, gid, storey, value))
        if not isinstance(value, (int, float)) or not math.isfinite(value):
            continue
        quantities[code] += to_decimal(value)
        if gid:
            entry = contributions[code].setdefault(gid, [text_of(storey), Decimal(0)])
            entry[1] += to_decimal(value)
    for item in orders.get("without_recipe", []):  # items without a recipe: named by progress rows too
        if isinstance(item, dict) and item.get("code") not in lots:
            lots[item["code"]] = text_of(item.get("lot"))
    return Scope(
        lots=lots,
        quantities={code: quantities[code] for code in lots},
        contributions={code: [(g, s, c) for g, (s, c) in parts.items()] for code, parts in contributions.items()},
    )


def load_deliveries(
    path: str | os.PathLike, orders: dict, end: dt.date, first: dt.date | None = None, later: list | None = None
) -> list[dict]:
    """The delivery notes (``date``, ``material``, ``quantity``, ``unit``, optional ``batch``,
    ``supplier``, ``reference``), each in the material's unit; :class:`ProgressError` naming the
    file and the row for an unknown material or batch, a unit that is neither the material's
    nor its purchase unit, a quantity that is not a positive number, a date before ``first``
    (the job's start). Notes dated after ``end`` are not counted; their rows go to ``later``."""
    later = later if later is not None else []
    path = Path(path)
    rows, style = read_rows(path, "delivery file")
    if not rows:
        raise ProgressError(Message("error.stock.no_rows", path=path), Message("hint.stock.one_row_each"))
    missing = [c for c in ("date", "material", "quantity", "unit") if c not in rows[0][1]]
    if missing:
        raise ProgressError(
            Message("error.loaders.missing_columns", path=path, columns=", ".join(missing)),
            Message("hint.stock.header"),
        )
    materials = {}
    for order in orders["orders"]:
        materials.setdefault(order["material"], order)
    by_label = {text_of(o["label"]): m for m, o in materials.items()}
    batches = defaultdict(list)
    for order in orders["orders"]:
        batches[order["material"]].append(order["batch"])
    notes = []
    for line, row in rows:
        where = Message("error.loaders.row", path=path, line=line)
        if any(value is None for value in row.values()):
            raise ProgressError(
                Message("error.loaders.fewer_values", where=where, columns=len(row)),
                Message("hint.loaders.fill_every_column"),
            )
        name = text_of(row.get("material"))
        material = name if name in materials else by_label.get(name)
        if material is None:
            raise ProgressError(
                Message("error.stock.unknown_material", where=where, name=repr(name)), Message("hint.stock.material")
            )
        order = materials[material]
        date = parse_date(where, text_of(row.get("date")), ProgressError)
        if first is not None and date < first:
            raise ProgressError(
                Message("error.stock.before_start", where=where, date=str(date), start=str(first)),
                Message("hint.costs.check_date"),
            )
        if date > end:  # a later note of a running file: not counted at this period's end
            later.append(line)
            continue
        quantity = parse_number(row.get("quantity"), style)
        if quantity is None or quantity <= 0:
            raise ProgressError(
                Message("error.stock.quantity", where=where, text=repr(text_of(row.get("quantity")))),
                Message("hint.stock.quantity"),
            )
        unit = text_of(row.get("unit"))
        if unit == order["unit"]:
            amount = quantity
        elif unit == order["purchase_unit"]:
            amount = quantity * float(order["pack_size"])
        else:
            raise ProgressError(
                Message("error.stock.unit", where=where, unit=repr(unit), material=material),
                Message("hint.stock.units", unit=repr(order["unit"]), purchase_unit=repr(order["purchase_unit"])),
            )
        batch = text_of(row.get("batch"))
        if batch and batch not in batches[material]:
            raise ProgressError(
                Message("error.stock.unknown_batch", where=where, batch=repr(batch), material=material),
                Message("hint.stock.batches", batches=", ".join(batches[material])),
            )
        notes.append(
            {
                "date": date.isoformat(),
                "material": material,
                "quantity": amount,
                "unit": order["unit"],
                "batch": batch,
                "supplier": text_of(row.get("supplier")),
                "reference": text_of(row.get("reference")),
            }
        )
    return notes


def compute_stock(orders: dict, progress: dict[str, dict], notes: list[dict], end: dt.date) -> Stock:
    """Ordered, delivered, consumed, on site, still to deliver, still needed and alerts per
    material and batch, at ``end``."""
    lines = {(o["material"], o["batch"]): o for o in orders["orders"]}
    delivered: dict[tuple, float] = defaultdict(float)
    for note in sorted(notes, key=lambda n: n["date"]):
        if note["batch"]:
            key = (note["material"], note["batch"])
        else:  # the first batch of this material not yet fully delivered, else the last one
            keys = [k for k in lines if k[0] == note["material"]]
            key = next((k for k in keys if delivered[k] < lines[k]["ordered"] - TOLERANCE), keys[-1])
            note["batch"] = key[1]
        delivered[key] += note["quantity"]
    consumed: dict[tuple, float] = defaultdict(float)
    for need in orders["needs"]:
        percent = progress.get(need["code"], {}).get("elements", {}).get(need.get("global_id"))
        consumed[(need["material"], need["batch"])] += need["need"] * float(percent or 0) / 100
    on_site_of: dict[str, float] = defaultdict(float)  # per material, all batches
    for key in lines:
        on_site_of[key[0]] += delivered.get(key, 0.0) - consumed.get(key, 0.0)
    upcoming = {}  # material -> its next batch: the earliest delivery date after the period
    for key, order in sorted(lines.items(), key=lambda item: item[1].get("delivery_date") or ""):
        due = order.get("delivery_date")
        if due and dt.date.fromisoformat(due) > end and key[0] not in upcoming:
            upcoming[key[0]] = key
    rows = []
    for key, order in lines.items():
        got, used = delivered.get(key, 0.0), consumed.get(key, 0.0)
        on_site, still, unit = got - used, order["need"] - used, order["unit"]
        alerts = []
        if got > order["ordered"] + TOLERANCE:
            alerts.append(Message("stock.over_delivery", quantity=f"{got - order['ordered']:.6g}", unit=unit))
        if used > got + TOLERANCE:
            alerts.append(Message("stock.over_consumption", quantity=f"{used - got:.6g}", unit=unit))
        due = order.get("delivery_date")
        if due and dt.date.fromisoformat(due) <= end and order["ordered"] - got > TOLERANCE:
            alerts.append(Message("stock.late", quantity=f"{order['ordered'] - got:.6g}", unit=unit, due=due))
        if upcoming.get(key[0]) == key and max(on_site_of[key[0]], 0.0) < still - TOLERANCE:
            on_site_now = f"{max(on_site_of[key[0]], 0.0):.6g}"
            alerts.append(Message("stock.short", on_site=on_site_now, unit=unit, still=f"{still:.6g}", due=due))
        rows.append(
            {
                "material": key[0],
                "label": order["label"],
                "unit": unit,
                "batch": key[1],
                "delivery_date": due,
                "ordered": _clean(order["ordered"]),
                "delivered": _clean(got),
                "consumed": _clean(used),
                "on_site": _clean(on_site),
                "to_deliver": _clean(max(order["ordered"] - got, 0.0)),
                "still_needed": _clean(still),
                "alert": "; ".join(alerts),
            }
        )
    return Stock(materials=pd.DataFrame(rows, columns=STOCK_COLUMNS), deliveries=pd.DataFrame(notes))


def _clean(value: float) -> float:
    """A quantity without the noise of float sums (9.599999999999994 is 9.6, -9e-13 is 0)."""
    return round(value, 6) + 0.0


def default_period(path: str | os.PathLike) -> str:
    """The month of the latest delivery note, for a stock taken without --period."""
    rows, _ = read_rows(Path(path), "delivery file")
    dates = sorted(text_of(row.get("date")) for _, row in rows if text_of(row.get("date")))
    if not dates:
        raise ProgressError(Message("error.stock.no_rows", path=path), Message("hint.stock.one_row_each"))
    return dates[-1][:7]
