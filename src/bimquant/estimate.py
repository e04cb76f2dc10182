"""Budget estimate (DQE / DPGF): work items x unit prices, lots, overheads, margin and VAT.

Conventions (README.md, "Estimate"), chosen so that a spreadsheet recomputes every figure to the
cent:

- an item's quantity is rounded to 2 decimals (as written on a DPGF line);
- amount = ROUND(quantity x unit price, 2); a lot subtotal is the sum of its amounts;
- direct cost (déboursé sec) = sum of the amounts;
- site overheads, general overheads and contingency are each ROUND(direct cost x rate, 2);
- margin = ROUND((direct cost + those three) x margin rate, 2);
- total excl. VAT = direct cost + overheads + contingency + margin;
- VAT = ROUND(total excl. VAT x VAT rate, 2); total incl. VAT = total excl. VAT + VAT.

Example::

    >>> prices = load_prices("rules/fr-prix.csv")
    >>> budget = estimate_budget(work_items, prices, Rates())
    >>> budget.totals["total_incl_vat"]
"""

from __future__ import annotations

import math
import os
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from bimquant.columns import (
    LINE_COLUMNS,
    LOT_COLUMNS,
    PRICE_COLUMNS,
    RESERVE_COLUMNS,
    UNIT_DIMENSIONS,
    UNPRICED_COLUMNS,
)
from bimquant.errors import RuleError
from bimquant.loaders import NUMBER_FORMS, parse_number, read_rows, read_toml, text_of
from bimquant.messages import Message, Number, or_list
from bimquant.money import cents, money, to_decimal
from bimquant.result import Result
from bimquant.rules.apply import BUILDING_STATUSES, WorkItems

REQUIRED_PRICE_COLUMNS = ("code", "unit", "unit_price")
TOTAL_KEYS = (  # Budget.totals, in the order a DPGF shows them
    "direct_cost",
    "site_overheads",
    "general_overheads",
    "contingency",
    "margin",
    "total_excl_vat",
    "vat",
    "total_incl_vat",
)
RATE_KEYS = ("site_overheads_pct", "general_overheads_pct", "contingency_pct", "margin_pct", "vat_pct")
FLOOR_TYPES = ("FLOOR", "BASESLAB")
VIEWS = ("client", "internal")  # the DPGF sent to the client, the contractor's own
MAX_PRICE = 1e9  # per unit of a work item; past it a typo, and Decimal's exact arithmetic strains


@dataclass
class Rates:
    """Percentages applied after the direct cost (defaults: French practice, to be adjusted)."""

    site_overheads_pct: float = 8.0  # frais de chantier
    general_overheads_pct: float = 12.0  # frais généraux
    contingency_pct: float = 3.0  # aléas
    margin_pct: float = 5.0  # marge
    vat_pct: float = 20.0  # TVA, taux normal en France


@dataclass
class Price:
    code: str
    unit: str
    unit_price: float
    currency: str = "EUR"
    labour: float | None = None
    material: float | None = None
    equipment: float | None = None
    source: str | None = None
    date: str | None = None


@dataclass
class Budget(Result):
    """A priced estimate.

    - ``lines``: one row per work item (columns ``LINE_COLUMNS``); ``amount`` is NaN and
      ``priced`` False for an item without a price.
    - ``lots``: subtotal per lot with its share of the direct cost.
    - ``unpriced``: items without a price.
    - ``reserves``: what the estimate does not cover, in groups an estimator states as reserves
      (columns ``RESERVE_COLUMNS``): building elements not priced once, grouped by status,
      class, material and storey with their quantities and GlobalIds; lines without a price,
      lines whose label still waits for a decision, lines fed partly by a count or authored
      values or an estimate.
    - ``totals``: direct cost, each overhead, margin, totals excl. and incl. VAT, ``complete``
      (every building element priced once, every line with a quantity priced, no placeholder
      label) and ``incomplete``: the count of each reason it is not.
    - ``ratios``: gross floor area used and cost per m2.
    - ``trace``: the work items' element trace the quantities come from.
    - ``info``: model, rule set, price library, language, rates, totals (filled by
      :func:`bimquant.estimate`).
    """

    TABLES = ("lines", "lots", "unpriced", "reserves", "trace")

    lines: pd.DataFrame
    lots: pd.DataFrame
    unpriced: pd.DataFrame
    totals: dict
    rates: Rates
    ratios: dict = field(default_factory=dict)
    currency: str = "EUR"
    trace: pd.DataFrame = field(default_factory=pd.DataFrame)
    info: dict = field(default_factory=dict)
    work: WorkItems | None = None  # the work items priced
    client_totals: dict = field(default_factory=dict)  # the DPGF sent to the client (see _client_figures)
    reserves: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=RESERVE_COLUMNS))


def load_rates(path: str | os.PathLike | None = None, **overrides: float | None) -> Rates:
    """Rates from defaults, then a settings TOML file (``[estimate]`` table), then ``overrides``."""
    values = asdict(Rates())
    if path is not None:
        path = Path(path)
        data = read_toml(path, "settings file", Message("hint.situation.settings_path"))
        table = data.get("estimate", {})
        unknown = (set(data) - {"estimate"}) | (set(table) - set(RATE_KEYS))
        if unknown:
            raise RuleError(
                Message("error.estimate.unknown_keys", path=path, keys=", ".join(sorted(unknown))),
                Message("hint.estimate.rates_table", keys=", ".join(RATE_KEYS)),
            )
        values.update(table)
    values.update({k: v for k, v in overrides.items() if v is not None})
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            said = (
                Message("error.estimate.percentage", key=key, value=repr(value))
                if path is None
                else Message("error.situation.percentage", path=path, where=key, value=repr(value))
            )
            raise RuleError(said, Message("hint.estimate.percentage", key=key))
    return Rates(**{k: float(v) for k, v in values.items()})


def load_prices(path: str | os.PathLike) -> dict[str, Price]:
    """Read a price library from CSV or XLSX: one row per work item code.

    Columns: ``code``, ``unit``, ``unit_price`` (required), ``currency``, ``labour``,
    ``material``, ``equipment`` (split of the unit price), ``source``, ``date``. A row with a
    non-numeric price, an unknown unit or a code already priced differently is refused with a
    :class:`RuleError` naming the file and the row.
    """
    path = Path(path)
    if not path.is_file():
        raise RuleError(Message("error.estimate.no_price_file", path=path), Message("hint.estimate.prices_path"))
    rows, style = read_rows(path, "price library")
    if not rows:
        raise RuleError(Message("error.estimate.no_rows", path=path), Message("hint.estimate.header_and_rows"))
    header = list(rows[0][1])
    missing = [c for c in REQUIRED_PRICE_COLUMNS if c not in header]
    if missing:
        raise RuleError(
            Message("error.estimate.missing_columns", path=path, columns=", ".join(missing)),
            Message("hint.estimate.header"),
        )
    unknown = [c for c in header if c not in PRICE_COLUMNS]
    if unknown:
        raise RuleError(
            Message("error.estimate.unknown_columns", path=path, columns=", ".join(unknown)),
            Message("hint.estimate.columns", columns=", ".join(PRICE_COLUMNS)),
        )
    prices: dict[str, Price] = {}
    rows_of: dict[str, int] = {}
    for line, row in rows:
        where = Message("error.loaders.row", path=path, line=line)
        code = text_of(row.get("code"))
        if not code:
            raise RuleError(Message("error.contract.no_code", where=where), Message("hint.estimate.give_code"))
        unit = text_of(row.get("unit"))
        if unit not in UNIT_DIMENSIONS:
            raise RuleError(
                Message("error.estimate.unknown_unit", where=where, code=code, unit=unit),
                Message("hint.estimate.units", units=", ".join(UNIT_DIMENSIONS)),
            )
        price = _amount(where, code, "unit_price", row.get("unit_price"), style)
        split = {
            key: _amount(where, code, key, row.get(key), style)
            for key in ("labour", "material", "equipment")
            if text_of(row.get(key))
        }
        entry = Price(
            code=code,
            unit=unit,
            unit_price=price,
            currency=text_of(row.get("currency")) or "EUR",
            source=text_of(row.get("source")) or None,
            date=text_of(row.get("date")) or None,
            **split,
        )
        if code in prices:
            if (prices[code].unit_price, prices[code].unit) != (entry.unit_price, entry.unit):
                said = Message(
                    "error.estimate.priced_twice",
                    where=where,
                    code=code,
                    row=rows_of[code],
                    price=Number(prices[code].unit_price),
                    unit=prices[code].unit,
                    new_price=Number(price),
                    new_unit=unit,
                )
                raise RuleError(said, Message("hint.estimate.one_price"))
            continue
        prices[code] = entry
        rows_of[code] = line
    return prices


def _amount(where: str, code: str, column: str, value, style: str) -> float:
    """A price cell as a number from 0 to ``MAX_PRICE``, in a form the file's style reads
    unambiguously; otherwise a :class:`RuleError` naming the row, the column and the forms."""
    number = parse_number(value, style)
    if number is None:
        raise RuleError(
            Message("error.estimate.not_a_number", where=where, code=code, column=column, text=text_of(value)),
            Message("hint.loaders.write_number", forms=or_list(NUMBER_FORMS[style])),
        )
    if not 0 <= number <= MAX_PRICE:
        raise RuleError(
            Message("error.estimate.out_of_range", where=where, code=code, column=column, number=Number(number)),
            Message("hint.estimate.price_range", maximum=Number(MAX_PRICE, ",.0f")),
        )
    return number


def check_price_units(ruleset, prices: dict[str, Price]) -> None:
    """Refuse a price whose unit differs from its item's, before any model is measured."""
    for item in ruleset.items:
        price = prices.get(item.code)
        if price is not None and price.unit != item.unit:
            raise RuleError(
                Message(
                    "error.estimate.unit_mismatch",
                    code=item.code,
                    label=item.label,
                    price_unit=price.unit,
                    unit=item.unit,
                ),
                Message("hint.estimate.unit_mismatch_in", code=item.code, unit=item.unit, path=ruleset.path),
            )


def estimate_budget(
    work: WorkItems,
    prices: dict[str, Price],
    rates: Rates,
    elements: pd.DataFrame | None = None,
    spaces: dict | None = None,
) -> Budget:
    """Price the work items: amounts, lot subtotals, overheads, margin, VAT and ratios.

    An item without a price is kept with an empty amount and the budget is marked incomplete.
    A price whose unit differs from the item's is an error naming both.
    """
    lines = []
    amounts: dict[str, Decimal] = {}  # lot -> sum of its amounts, exact
    for row in work.items.to_dict(orient="records"):
        price = prices.get(row["code"])
        if price is not None and price.unit != row["unit"]:
            raise RuleError(
                Message(
                    "error.estimate.unit_mismatch",
                    code=row["code"],
                    label=row["label"],
                    price_unit=price.unit,
                    unit=row["unit"],
                ),
                Message("hint.estimate.unit_mismatch", code=row["code"], unit=row["unit"]),
            )
        quantity = cents(row["quantity"]) if not math.isnan(row["quantity"]) else Decimal(0)
        amount = cents(quantity * to_decimal(price.unit_price)) if price else None
        if amount is not None:
            amounts[row["lot"]] = amounts.get(row["lot"], Decimal(0)) + amount
        lines.append(
            {
                "code": row["code"],
                "lot": row["lot"],
                "label": row["label"],
                "unit": row["unit"],
                "quantity": float(quantity),
                "unit_price": price.unit_price if price else math.nan,
                "amount": float(amount) if amount is not None else math.nan,
                "currency": price.currency if price else None,
                "priced": price is not None,
                "labour": price.labour if price else None,
                "material": price.material if price else None,
                "equipment": price.equipment if price else None,
                "source": price.source if price else None,
                "provenance": row.get("provenance") or "",
                "placeholder": bool(row["elements"]) and work.ruleset.is_placeholder(row["label"]),
            }
        )
    frame = pd.DataFrame(lines, columns=LINE_COLUMNS)
    direct = sum(amounts.values(), Decimal(0))
    site = cents(direct * to_decimal(rates.site_overheads_pct) / 100)
    general = cents(direct * to_decimal(rates.general_overheads_pct) / 100)
    contingency = cents(direct * to_decimal(rates.contingency_pct) / 100)
    subtotal = direct + site + general + contingency
    margin = cents(subtotal * to_decimal(rates.margin_pct) / 100)
    total_excl = subtotal + margin
    vat = cents(total_excl * to_decimal(rates.vat_pct) / 100)
    unpriced = frame[~frame["priced"]][UNPRICED_COLUMNS].reset_index(drop=True)
    reserves = get_reserves(work, frame)
    incomplete = _incomplete(work.coverage, frame, unpriced)
    totals = {
        "direct_cost": float(direct),
        "site_overheads": float(site),
        "general_overheads": float(general),
        "contingency": float(contingency),
        "margin": float(margin),
        "total_excl_vat": float(total_excl),
        "vat": float(vat),
        "total_incl_vat": float(total_excl + vat),
        "complete": not incomplete,
        "unpriced_items": len(unpriced),
        "incomplete": incomplete,
    }
    client = _client_figures(frame, direct, total_excl, rates)
    lots = []
    for lot, group in frame.groupby("lot", sort=False):
        amount = amounts.get(lot, Decimal(0))
        lots.append(
            {
                "lot": lot,
                "amount": float(amount),
                "share": round(float(amount / direct), 4) if direct else 0.0,
                "items": len(group),
                "unpriced_items": int((~group["priced"]).sum()),
            }
        )
    currencies = {c for c in frame["currency"].dropna()}
    if len(currencies) > 1:
        raise RuleError(
            Message("error.estimate.currencies", currencies=", ".join(sorted(currencies))),
            Message("hint.estimate.one_currency"),
        )
    ratios = get_ratios(elements, float(total_excl), spaces) if elements is not None else {}
    return Budget(
        lines=frame,
        lots=pd.DataFrame(lots, columns=LOT_COLUMNS),
        unpriced=unpriced,
        totals=totals,
        rates=rates,
        ratios=ratios,
        currency=next(iter(currencies), "EUR"),
        trace=work.trace,
        work=work,
        client_totals=client,
        reserves=reserves,
    )


def _incomplete(coverage: dict, lines: pd.DataFrame, unpriced: pd.DataFrame) -> dict[str, int]:
    """Why the estimate is not complete, each reason with its count (empty when it is): items
    without a price, lines whose label is a placeholder, building elements not priced once
    (by status)."""
    found = {
        "unpriced_items": len(unpriced),
        "placeholder_lines": int(lines["placeholder"].sum()),
        **{status: int(coverage.get(status, 0)) for status in BUILDING_STATUSES if status != "priced_once"},
    }
    return {reason: n for reason, n in found.items() if n}


def _codes(joined: pd.Series) -> list[str]:
    """The item codes of ``structure_items`` cells (``"03.03.01, 07.01.01"``), each once."""
    return list(dict.fromkeys(c for text in joined if isinstance(text, str) for c in text.split(", ") if c))


def get_reserves(work: WorkItems, lines: pd.DataFrame) -> pd.DataFrame:
    """What the estimate leaves out or is unsure of, grouped as an estimator writes reserves.

    Elements: the building elements not priced once, by status, class, material and storey,
    with how many, their net volume and wall face area where known, the reason of the first
    one and every GlobalId. Lines: items without a price that have a quantity, placeholder
    labels, and lines fed partly by a count, authored values or an estimate.

    Example::

        >>> get_reserves(work, budget.lines)[["status", "ifc_class", "elements", "net_volume_m3"]]
    """
    rows = []
    rec = work.reconciliation
    missing = rec[rec["verdict"].isin(BUILDING_STATUSES) & (rec["verdict"] != "priced_once")].copy()
    for column in ("material", "type_name", "storey"):
        missing[column] = [value if isinstance(value, str) else "" for value in missing[column]]
    double_codes: list[str] = []
    for (status, cls, material, type_name, storey), group in missing.groupby(
        ["verdict", "ifc_class", "material", "type_name", "storey"], sort=False
    ):
        volume = group["net_volume_m3"].astype(float)
        face = group["wall_face_area_m2"].astype(float)
        rows.append(
            {
                "kind": "elements",
                "status": status,
                "ifc_class": cls,
                "material": material or None,
                "type_name": type_name or None,
                "storey": storey or None,
                "code": ", ".join(_codes(group["structure_items"])) or None,  # the items that count them
                "elements": len(group),
                "net_volume_m3": round(float(volume.sum()), 6) if volume.notna().any() else math.nan,
                "volume_unknown": int(volume.isna().sum()),
                "wall_face_area_m2": round(float(face.sum()), 6) if face.notna().any() else math.nan,
                "reason": str(group["reason"].iloc[0]),
                "global_ids": " ".join(group["global_id"]),
            }
        )
        if status == "double_counted":
            double_codes += [c for c in _codes(group["structure_items"]) if c not in double_codes]
    rows.sort(key=lambda r: (-(r["net_volume_m3"] if r["net_volume_m3"] == r["net_volume_m3"] else 0), -r["elements"]))
    for line in lines.to_dict(orient="records"):
        said = []
        if line["code"] in double_codes:
            said.append(("double_counted", Message("reserve.double_counted")))
        if not line["priced"] and line["quantity"]:
            said.append(("unpriced", Message("reserve.unpriced")))
        if line["placeholder"]:
            said.append(("placeholder", Message("reserve.placeholder")))
        fallback = [p for p in str(line["provenance"] or "").split(", ") if p and not p.startswith("mesh")]
        if fallback:
            said.append(("provenance", ", ".join(fallback)))  # e.g. "count 1, estimated 2"
        for status, reason in said:
            rows.append(
                {
                    "kind": "line",
                    "status": status,
                    "code": line["code"],
                    "label": line["label"],
                    "unit": line["unit"],
                    "quantity": line["quantity"],
                    "reason": reason,
                }
            )
    return pd.DataFrame(rows, columns=RESERVE_COLUMNS)


def _client_figures(frame: pd.DataFrame, direct: Decimal, total_excl: Decimal, rates: Rates) -> dict:
    """The figures of the DPGF sent to the client: every unit price already carries the site
    costs, overheads, contingency and margin through one sales coefficient K = total excl. VAT /
    direct cost, rounded to 4 decimals; a line's sale price is ROUND(unit price x K, 2) and its
    amount ROUND(quantity x sale price, 2); the totals add up those amounts, as the workbook does.
    Adds ``sale_unit_price`` and ``sale_amount`` to ``frame``."""
    k = (total_excl / direct).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP) if direct else Decimal(1)
    sale_prices, sale_amounts, total = [], [], Decimal(0)
    for quantity, price, priced in zip(frame["quantity"], frame["unit_price"], frame["priced"]):
        if not priced:
            sale_prices.append(math.nan)
            sale_amounts.append(math.nan)
            continue
        sale = cents(to_decimal(price) * k)
        amount = cents(to_decimal(quantity) * sale)
        total += amount
        sale_prices.append(float(sale))
        sale_amounts.append(float(amount))
    frame["sale_unit_price"] = sale_prices
    frame["sale_amount"] = sale_amounts
    vat = cents(total * to_decimal(rates.vat_pct) / 100)
    return {
        "sales_coefficient": float(k),
        "total_excl_vat": float(total),
        "vat": float(vat),
        "total_incl_vat": float(total + vat),
    }


def get_gross_floor_area(elements: pd.DataFrame) -> float:
    """Gross floor area (m2) from the model's floor slabs: the main face of every IfcSlab of
    type FLOOR or BASESLAB (spaces are not read). A proxy, to be checked against the SDP."""
    slabs = elements[(elements["ifc_class"] == "IfcSlab") & elements["predefined_type"].isin(FLOOR_TYPES)]
    return float(slabs["gross_area_m2"].sum())


def get_ratios(elements: pd.DataFrame, total_excl_vat: float, spaces: dict | None = None) -> dict:
    """Cost per m2: of the rooms' net floor area (IfcSpace) when the model has spaces, else of
    the floor slabs' area, which the ratio then says plainly (it is not the SDP)."""
    if spaces and spaces.get("net_floor_area_m2"):
        area = cents(spaces["net_floor_area_m2"])  # the workbook divides by the area it shows
        basis, source = "spaces", f"IfcSpace net floor area ({spaces['source']}, {spaces['measured']} spaces)"
    else:
        area = cents(get_gross_floor_area(elements))
        basis, source = "slabs", "no IfcSpace in the model: IfcSlab FLOOR/BASESLAB gross main-face area"
    return {
        "floor_area_m2": float(area),
        "floor_area_basis": basis,
        "floor_area_source": source,
        "gross_floor_area_m2": float(area),  # kept for earlier readers of the JSON; see floor_area_basis
        "cost_per_m2_excl_vat": money(to_decimal(total_excl_vat) / area) if area > 0 else None,
    }
