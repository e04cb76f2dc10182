"""Progress billing: the monthly "situation de travaux" from the signed estimate and the progress.

The contract is the JSON ``bimquant estimate`` wrote for the signed revision: its priced lines
(the client view's sale prices, or the direct costs of an internal estimate) and the elements
behind each line (its ``trace``). The progress is cumulative, at the end of the period, in one of
three CSV forms, each turned into a cumulative percent per line:

- per line: ``code`` and ``percent`` or ``quantity`` (or ``lot`` and ``percent``: every line of
  the lot);
- per element: ``global_id`` and ``percent`` (with ``code`` or ``lot`` to limit it to that line
  or lot; without, every line the element feeds): a line's percent is its elements'
  contributions weighted by their percents (a wall poured counts for exactly its m3), an
  element not listed 0;
- per stage: ``storey``, ``code`` or ``lot``, and ``percent``: every element of that storey in
  that line (or lot) at that percent.

Conventions (README.md, "bimquant situation"), so that a spreadsheet recomputes every figure:

- a line's cumulative percent is rounded half up to 4 decimals; its cumulative amount is
  ROUND(contract amount x cumulative percent / 100, 2); the period's amount is the cumulative
  amount minus the previous situation's;
- totals are sums of rounded lines: cumulative, previous, period;
- price revision: coefficient C = ROUND(a + b x In / I0, decimals), revision = ROUND(period x
  (C - 1), 2);
- advance: A = ROUND(contract total x advance % / 100, 2), recovered in proportion to completion
  between two thresholds (65 % and 80 % by default): recovered to date = ROUND(A x share, 2),
  the period's part being that minus what was recovered before;
- amount excl. VAT = period + revision - advance recovered; VAT = ROUND(that x rate / 100, 2)
  (none with autoliquidation); retention = ROUND(base x rate / 100, 2), the base being the
  period's works with their revision, excl. or incl. VAT (setting); net to pay = amount excl.
  VAT + VAT - retention; due date = the period's last day + the payment term.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from bimquant.columns import SITUATION_LINE_COLUMNS, SITUATION_LOT_COLUMNS, SITUATION_STAGE_COLUMNS
from bimquant.errors import RuleError
from bimquant.estimate import cents, to_decimal
from bimquant.loaders import check_keys, parse_number, read_rows, read_toml, text_of
from bimquant.result import Result
from bimquant.revisions import Contract

PERCENT_PLACES = Decimal("0.0001")
HUNDRED = Decimal(100)
RETENTION_BASES = ("incl_vat", "excl_vat")
SETTINGS_KEYS = {
    "retention_pct",
    "retention_base",
    "advance_pct",
    "advance_start_pct",
    "advance_end_pct",
    "vat_pct",
    "autoliquidation",
    "payment_days",
    "revision",
}
REVISION_KEYS = {"a", "b", "index", "base_month", "indices", "decimals"}
TOTAL_KEYS = (
    "contract",
    "cumulative",
    "previous",
    "period",
    "revision",
    "advance_recovered",
    "amount_excl_vat",
    "vat",
    "retention",
    "net_to_pay",
)


@dataclass
class Revision:
    """Price revision P = P0 x (a + b x In / I0), In the index of the period's month."""

    a: Decimal
    b: Decimal
    index: str
    base_month: str
    values: dict[str, Decimal]  # month -> index value
    decimals: int = 4
    source: str = "the index file"


@dataclass
class Settings:
    retention_pct: Decimal = Decimal(5)
    retention_base: str = "incl_vat"
    advance_pct: Decimal = Decimal(0)
    advance_start_pct: Decimal = Decimal(65)
    advance_end_pct: Decimal = Decimal(80)
    vat_pct: Decimal = Decimal(20)
    autoliquidation: bool = False
    payment_days: int = 30
    revision: Revision | None = None


@dataclass
class Situation(Result):
    """A monthly progress claim.

    - ``lines``: per contract line (``SITUATION_LINE_COLUMNS``): contract quantity, unit price
      and amount, cumulative percent, quantity and amount, previous amount, the period's amount.
    - ``lots``, ``stages``: the same amounts per lot, and per storey (a line's amounts shared
      out over its elements by their contributions and progress).
    - ``totals``: contract, cumulative, previous, period, revision, advance recovered, amount
      excl. VAT, VAT, retention, net to pay (and ``due_date``, the revision coefficient, the
      advance recovered to date).
    """

    TABLES = ("lines", "lots", "stages", "summary")

    lines: pd.DataFrame
    lots: pd.DataFrame
    stages: pd.DataFrame
    totals: dict = field(default_factory=dict)
    currency: str = "EUR"
    info: dict = field(default_factory=dict)

    @property
    def summary(self) -> pd.DataFrame:
        """The totals as a table of two columns (``total``, ``value``), for CSV and XLSX."""
        return pd.DataFrame({"total": list(self.totals), "value": list(self.totals.values())})


# --- settings -----------------------------------------------------------------------------------


def load_settings(path: str | os.PathLike | None) -> Settings:
    """The ``[situation]`` table of a settings TOML file (defaults without one)."""
    if path is None:
        return Settings()
    path = Path(path)
    data = read_toml(path, "settings file", "check the path of --settings")
    table = data.get("situation")
    if not isinstance(table, dict):
        raise RuleError(f"{path}: no [situation] table", "add a [situation] table (see README, bimquant situation)")
    check_keys(path, "[situation]", table, SETTINGS_KEYS)
    settings = Settings()
    for key in ("retention_pct", "advance_pct", "advance_start_pct", "advance_end_pct", "vat_pct"):
        if key in table:
            setattr(settings, key, _percent(path, f"[situation] {key}", table[key]))
    if settings.retention_pct > 5:
        raise RuleError(
            f"{path}: [situation] retention_pct {settings.retention_pct} is above 5 %",
            "a retenue de garantie is at most 5 % (loi 71-584); 0 with a bank guarantee",
        )
    if not settings.advance_start_pct < settings.advance_end_pct:
        raise RuleError(
            f"{path}: [situation] advance_start_pct must be below advance_end_pct", "e.g. 65 and 80 (R2191-11)"
        )
    if "retention_base" in table:
        if table["retention_base"] not in RETENTION_BASES:
            raise RuleError(
                f"{path}: [situation] retention_base {table['retention_base']!r} is unknown",
                f"use {' or '.join(RETENTION_BASES)}",
            )
        settings.retention_base = table["retention_base"]
    if "autoliquidation" in table:
        if not isinstance(table["autoliquidation"], bool):
            raise RuleError(
                f"{path}: [situation] autoliquidation must be true or false", "write autoliquidation = true"
            )
        settings.autoliquidation = table["autoliquidation"]
    if "payment_days" in table:
        days = table["payment_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365:
            raise RuleError(
                f"{path}: [situation] payment_days must be a whole number of days", "e.g. payment_days = 30"
            )
        settings.payment_days = days
    if "revision" in table:
        settings.revision = _load_revision(path, table["revision"])
    return settings


def _percent(path: Path, where: str, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise RuleError(f"{path}: {where} must be a percentage from 0 to 100, not {value!r}", "e.g. 5.0")
    return to_decimal(value)


def _load_revision(path: Path, table) -> Revision:
    where = "[situation.revision]"
    if not isinstance(table, dict):
        raise RuleError(f"{path}: {where} must be a table", "write [situation.revision] with a, b, index, ...")
    check_keys(path, where, table, REVISION_KEYS)
    missing = sorted({"a", "b", "index", "base_month", "indices"} - set(table))
    if missing:
        raise RuleError(f"{path}: {where}: missing {', '.join(missing)}", "see README, bimquant situation")
    a, b = table["a"], table["b"]
    for name, value in (("a", a), ("b", b)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise RuleError(f"{path}: {where} {name} must be a number from 0 to 1, not {value!r}", "e.g. a = 0.15")
    if abs(a + b - 1) > 1e-9:
        raise RuleError(f"{path}: {where} a + b must be 1, not {a + b:g}", "e.g. a = 0.15 and b = 0.85")
    decimals = table.get("decimals", 4)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 8:
        raise RuleError(f"{path}: {where} decimals must be a whole number from 0 to 8", "e.g. decimals = 4")
    base_month = _month(path, f"{where} base_month", table["base_month"])
    indices = Path(table["indices"])
    indices = indices if indices.is_absolute() else path.parent / indices
    values = _load_indices(indices, str(table["index"]))
    if base_month not in values:
        raise RuleError(
            f"{indices}: index {table['index']} has no value for the base month {base_month}",
            "add a row for it (the index of the contract's base month, I0)",
        )
    return Revision(to_decimal(a), to_decimal(b), str(table["index"]), base_month, values, decimals, str(indices))


def _load_indices(path: Path, name: str) -> dict[str, Decimal]:
    """Index values by month from a CSV ``month,value`` (an ``index`` column keeps that index's rows)."""
    rows, style = read_rows(path, "index file")
    values: dict[str, Decimal] = {}
    for line, row in rows:
        if "index" in row and text_of(row.get("index")) not in ("", name):
            continue
        month = _month(path, f"row {line} month", text_of(row.get("month")))
        value = parse_number(row.get("value"), style)
        if value is None or value <= 0:
            raise RuleError(
                f"{path}: row {line}: value {text_of(row.get('value'))!r} is not an index value", "e.g. 130.2"
            )
        values[month] = to_decimal(value)
    return values


def month_end(period: str) -> dt.date:
    """The last day of ``period`` (``YYYY-MM``)."""
    year, month = (int(p) for p in period.split("-"))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), both included."""
    months, (year, month) = [], (int(first[:4]), int(first[5:7]))
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def planned_by_month(budgets: dict, phases: list, first: str, last: str) -> list[dict]:
    """The amount planned done at the end of each month from ``first`` to ``last``: the budget
    (``budgets``: phase name -> amount) of every dated phase whose date has come."""
    dated = [p for p in phases if p.date is not None]
    return [
        {
            "period": month,
            "planned": float(
                sum((budgets.get(p.name, Decimal(0)) for p in dated if p.date <= month_end(month)), Decimal(0))
            ),
        }
        for month in months_between(first, last)
    ]


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the months a situation can be for (as phase dates)


def parse_month(text: str) -> str:
    """``YYYY-MM`` checked (the period of a situation); :class:`RuleError` otherwise."""
    return _month("--period", "", text)


def _month(path, where: str, text) -> str:
    try:
        month = dt.datetime.strptime(str(text), "%Y-%m")
    except ValueError:
        raise RuleError(
            f"{path}:{' ' + where if where else ''} {text!r} is not a month", "write it as YYYY-MM, e.g. 2026-03"
        ) from None
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        raise RuleError(
            f"{path}:{' ' + where if where else ''} {text!r} is outside {FIRST_YEAR}-{LAST_YEAR}",
            "write the month of the works, e.g. 2026-03",
        )
    return month.strftime("%Y-%m")


# --- the contract and the progress ---------------------------------------------------------------


def get_contract_lines(contract: Contract) -> pd.DataFrame:
    """The billable lines of a contract: priced, with a quantity."""
    rows = []
    for line in contract.lines:
        code = line["code"]
        if code not in contract.prices or not line.get("quantity"):
            continue
        quantity = to_decimal(line["quantity"])
        price = to_decimal(contract.prices[code].unit_price)
        rows.append(
            {
                "code": code,
                "lot": text_of(line.get("lot")),
                "label": text_of(line.get("label")),
                "unit": text_of(line.get("unit")),
                "contract_quantity": quantity,
                "unit_price": price,
                "contract_amount": cents(quantity * price),
            }
        )
    return pd.DataFrame(rows)


def load_changes(
    paths: list[str | os.PathLike], contract_sha256: str | None = None
) -> tuple[pd.DataFrame, list[str], list]:
    """The priced lines of accepted change orders (the JSON ``bimquant diff`` wrote), as lines
    of their own: ``TS1.<code>`` for the first file's items, ``TS2.<code>`` for the second's...
    (``base_code``: the contract line of the same work). An item without a price (a prix
    nouveau not yet agreed) is not billable: it is left out and listed in the second value. A
    change order priced on another contract, or given twice, is refused; one priced with a
    price library rather than the contract is said in the third value (English, French)."""
    import hashlib
    import json

    rows, unpriced, said, seen = [], [], [], {}
    for number, path in enumerate(paths, start=1):
        path = Path(path)
        hint = "pass the .json bimquant diff wrote for the accepted change order"
        try:
            content = path.read_bytes()
            data = json.loads(content.decode("utf-8"))
        except FileNotFoundError:
            raise RuleError(f"change order not found: {path}", hint) from None
        except (OSError, ValueError, RecursionError):
            raise RuleError(f"{path}: not a JSON file, so not a change order", hint) from None
        digest = hashlib.sha256(content).hexdigest()
        if digest in seen:
            raise RuleError(f"{path}: the same change order as {seen[digest]}", "give each accepted change order once")
        seen[digest] = path.name
        info = data.get("info") if isinstance(data, dict) and isinstance(data.get("info"), dict) else {}
        basis = str(info.get("price_basis", ""))
        if (
            basis.startswith("contract")
            and contract_sha256
            and info.get("contract_sha256") not in (None, contract_sha256)
        ):
            raise RuleError(
                f"{path}: a change order priced on another contract ({Path(str(info.get('price_file'))).name})",
                "price the change order with --contract on this contract's JSON",
            )
        if basis == "prices":
            said.append(
                (
                    f"{path.name} was priced with a price library, not the contract's prices",
                    f"{path.name} a été chiffré avec une bibliothèque de prix, pas aux prix du marché",
                )
            )
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) and "delta_quantity" in i for i in items):
            raise RuleError(f"{path}: not a change order (no items with delta_quantity)", hint)
        for item in items:
            delta = item.get("delta_quantity")
            if not isinstance(delta, (int, float)) or not delta:
                continue
            code = f"TS{number}.{text_of(item.get('code'))}"
            price = item.get("unit_price")
            if not isinstance(price, (int, float)) or not math.isfinite(price):
                unpriced.append(code)
                continue
            quantity, unit_price = to_decimal(delta), to_decimal(price)
            rows.append(
                {
                    "code": code,
                    "lot": text_of(item.get("lot")),
                    "label": f"TS{number}: {text_of(item.get('label'))}",
                    "unit": text_of(item.get("unit")),
                    "contract_quantity": quantity,
                    "unit_price": unit_price,
                    "contract_amount": cents(quantity * unit_price),
                    "base_code": text_of(item.get("code")),
                }
            )
    return pd.DataFrame(rows), unpriced, said


def load_progress(
    path: str | os.PathLike,
    contract: Contract,
    lines: pd.DataFrame,
    period: str | None = None,
    phases: list | None = None,
) -> dict[str, dict]:
    """``code -> {"percent": Decimal, "elements": {global_id: Decimal percent}}`` from a progress
    CSV in any of its three forms, or an IFC4 model's work schedule at the end of ``period``; a
    line the file does not name is at 0 %."""
    path = Path(path)
    if path.suffix.lower() == ".ifc":
        return _from_percents(_schedule_percents(path, contract, period), contract, lines)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        raise RuleError(
            f"{path}: unknown progress file type", "give a .csv or an .ifc (see README, bimquant situation)"
        )
    rows, style = read_rows(path, "progress file")
    if not rows:
        raise RuleError(f"{path}: no progress rows", "one row per line, lot, element or storey, with its percent")
    header = set(rows[0][1])
    codes = set(lines["code"])
    contributions = get_contributions(contract, codes)
    if "global_id" in header:
        form = "element"
    elif "storey" in header or "phase" in header:
        form = "stage"
        if "phase" in header and not phases:
            raise RuleError(f"{path}: a phase column needs the phase file", "add --phases phases.toml (as for order)")
    elif "code" in header or "lot" in header:
        form = "line"
    else:
        raise RuleError(
            f"{path}: no code, global_id or storey column",
            "write one progress row per line (code,percent), per lot (lot,percent), per element "
            "(global_id,percent) or per storey (storey,lot,percent)",
        )
    if "percent" not in header and not (form == "line" and "quantity" in header):
        raise RuleError(f"{path}: no percent column", "give the cumulative percent done, 0 to 100")
    by_element: dict[tuple[str, str], Decimal] = {}  # (code, GlobalId) -> percent
    by_line: dict[str, Decimal] = {}
    seen: dict[tuple, int] = {}
    quantities = dict(zip(lines["code"], lines["contract_quantity"]))
    lots_of = dict(zip(lines["code"], lines["lot"]))
    storeys = {storey for parts in contributions.values() for _, storey, _ in parts}
    for line, row in rows:
        where = f"{path}: row {line}"
        if any(value is None for value in row.values()):
            raise RuleError(f"{where}: fewer values than the header's {len(row)} columns", "fill every column")
        if form == "line" and not text_of(row.get("code")):  # a whole lot at one percent
            lot = text_of(row.get("lot"))
            if lot not in set(lots_of.values()):
                raise RuleError(f"{where}: lot {lot!r} is not a lot of the contract", "check the lot's name")
            key = ("", lot)
            percent = _row_percent(where, row.get("percent"), style)
            by_line |= {code: percent for code, line_lot in lots_of.items() if line_lot == lot}
        elif form == "line":
            code = text_of(row.get("code"))
            if code not in codes:
                raise RuleError(f"{where}: code {code!r} is not a line of the contract", "check the code (N°)")
            key = (code,)
            if text_of(row.get("percent")) and text_of(row.get("quantity")):
                raise RuleError(
                    f"{where} ({code}): both a percent and a quantity: bimquant will not choose one",
                    "give the percent done or the quantity done, not both",
                )
            if text_of(row.get("percent")):
                percent = _row_percent(where, row.get("percent"), style)
            else:
                quantity = parse_number(row.get("quantity"), style)
                if quantity is None or quantity < 0:
                    raise RuleError(f"{where} ({code}): quantity {text_of(row.get('quantity'))!r} is not a number", "")
                percent = to_decimal(quantity) / quantities[code] * HUNDRED if quantities[code] else Decimal(0)
                if percent > HUNDRED:
                    raise RuleError(
                        f"{where} ({code}): quantity {quantity:g} is more than the contract's {quantities[code]}",
                        "work beyond the contract is a change order (bimquant diff), not progress",
                    )
            by_line[code] = percent
        else:
            code, lot = text_of(row.get("code")), text_of(row.get("lot"))
            if code and code not in codes:
                raise RuleError(f"{where}: code {code!r} is not a line of the contract", "check the code (N°)")
            if lot and lot not in set(lots_of.values()):
                raise RuleError(f"{where}: lot {lot!r} is not a lot of the contract", "check the lot's name")
            if form == "element":
                gid = text_of(row.get("global_id"))
                if not any(gid == g for parts in contributions.values() for g, _, _ in parts):
                    raise RuleError(f"{where}: GlobalId {gid!r} feeds no line of the contract", "check the GlobalId")
                key, storey = (gid, code, lot), None
            else:
                if "phase" in row:
                    phase = text_of(row.get("phase"))
                    chosen = next((p for p in phases if p.name == phase), None)
                    if chosen is None:
                        raise RuleError(
                            f"{where}: phase {phase!r} is not in the phase file",
                            f"use one of {[p.name for p in phases]}",
                        )
                    stage = set(chosen.storeys)
                else:
                    storey = text_of(row.get("storey"))
                    if storey not in storeys:
                        raise RuleError(
                            f"{where}: storey {storey!r} is not in the contract", f"use one of {sorted(storeys)}"
                        )
                    stage = {storey}
                if not code and not lot:
                    raise RuleError(f"{where}: no code or lot", "say which line (code) or lot this storey's percent is")
                key, gid, storey = (*sorted(stage), code, lot), None, stage
            percent = _row_percent(where, row.get("percent"), style)
            for line_code, parts in contributions.items():
                if (code and line_code != code) or (lot and lots_of[line_code] != lot):
                    continue
                for element, element_storey, _ in parts:
                    if element == gid or (storey is not None and element_storey in storey):
                        by_element[(line_code, element)] = percent
        if key in seen:
            raise RuleError(f"{where}: {', '.join(k for k in key if k)} is already on row {seen[key]}", "keep one row")
        seen[key] = line
    result = {}
    for code in lines["code"]:
        parts = contributions.get(code, [])
        elements = {gid: by_element.get((code, gid), Decimal(0)) for gid, _, _ in parts}
        if form == "line":
            percent = by_line.get(code, Decimal(0))
            elements = {gid: percent for gid in elements}
        else:
            total = sum((c for _, _, c in parts), Decimal(0))
            done = sum((c * elements[gid] for gid, _, c in parts), Decimal(0))
            percent = done / total if total else Decimal(0)
        result[code] = {
            "percent": percent.quantize(PERCENT_PLACES, ROUND_HALF_UP),
            "elements": elements,
            "source": path.name,
        }
    return _with_changes(result, lines, given=set(by_line))


def _with_changes(result: dict[str, dict], lines: pd.DataFrame, given: set[str] = frozenset()) -> dict[str, dict]:
    """A change-order line the progress does not name itself is as far as the contract line of
    the same work (its ``base_code``), or at 0 % without one."""
    if "base_code" not in lines:
        return result
    for code, base in zip(lines["code"], lines["base_code"]):
        if isinstance(base, str) and base and code not in given:
            result[code] = {"percent": result.get(base, {}).get("percent", Decimal(0)), "elements": {}}
    return result


def _from_percents(percents: dict[str, Decimal], contract: Contract, lines: pd.DataFrame) -> dict[str, dict]:
    """Per-element percents (every line each element feeds) as line progress."""
    contributions = get_contributions(contract, set(lines["code"]))
    result = {}
    for code in lines["code"]:
        parts = contributions.get(code, [])
        elements = {gid: percents.get(gid, Decimal(0)) for gid, _, _ in parts}
        total = sum((c for _, _, c in parts), Decimal(0))
        done = sum((c * elements[gid] for gid, _, c in parts), Decimal(0))
        percent = done / total if total else Decimal(0)
        result[code] = {"percent": percent.quantize(PERCENT_PLACES, ROUND_HALF_UP), "elements": elements}
    return _with_changes(result, lines)


def _schedule_percents(path: Path, contract: Contract, period: str | None) -> dict[str, Decimal]:
    """GlobalId -> percent done at the end of ``period``, from the tasks of an IFC4 work schedule
    whose outputs the elements are (``IfcRelAssignsToProduct``): 100 when the task's
    ``ActualFinish`` is at or before the period's end, else its ``Completion`` (a ratio); an
    element output by several tasks takes the most advanced."""
    import ifcopenshell

    if period is None:
        raise RuleError(f"{path}: a work schedule needs the period", "give --period YYYY-MM")
    end = month_end(period)
    try:
        model = ifcopenshell.open(str(path))
    except Exception as exc:  # noqa: BLE001  (ifcopenshell raises several kinds for a bad file)
        raise RuleError(f"{path}: not a readable IFC file ({type(exc).__name__})", "export the model again") from None
    if model.schema == "IFC2X3":
        raise RuleError(f"{path}: an IFC2X3 file has no task times bimquant reads", "export it as IFC4")
    percents: dict[str, Decimal] = {}
    for relation in model.by_type("IfcRelAssignsToProduct"):
        product = relation.RelatingProduct
        for task in relation.RelatedObjects or ():
            if not task.is_a("IfcTask") or product is None or not hasattr(product, "GlobalId"):
                continue
            done = _task_percent(path, task, end)
            percents[product.GlobalId] = max(done, percents.get(product.GlobalId, Decimal(0)))
    known = {row.get("global_id") for row in contract.trace}
    if not set(percents) & known:
        raise RuleError(
            f"{path}: no task's output is an element of the contract",
            "assign the tasks to the model's elements (IfcRelAssignsToProduct), the same GlobalIds as the contract's",
        )
    return percents


def _task_percent(path: Path, task, end: dt.date) -> Decimal:
    time = task.TaskTime
    if time is None:
        return Decimal(0)
    finish = getattr(time, "ActualFinish", None)
    if finish:
        try:
            if dt.date.fromisoformat(str(finish)[:10]) <= end:
                return HUNDRED
        except ValueError:
            raise RuleError(
                f"{path}: task {task.Name or task.GlobalId}: ActualFinish {finish!r} is not a date", "fix the task"
            ) from None
    completion = getattr(time, "Completion", None)
    if completion is None:
        return Decimal(0)
    if not 0 <= completion <= 1:
        raise RuleError(
            f"{path}: task {task.Name or task.GlobalId}: Completion {completion} is not a ratio from 0 to 1",
            "IFC writes 50 % as 0.5",
        )
    return to_decimal(completion) * HUNDRED


def _row_percent(where: str, value, style: str) -> Decimal:
    text = text_of(value)
    number = parse_number(value, style)
    if number is None:
        if text.endswith("%"):
            hint = f"write the number alone: {text.rstrip('% ')}"
        elif "," in text and style == "point":
            hint = "a decimal comma in a file separated by ',': write 50.5, or separate the columns with ;"
        else:
            hint = "write the cumulative percent done, a number from 0 to 100"
        raise RuleError(f"{where}: percent {text!r} is not a number", hint)
    if not 0 <= number <= 100:
        raise RuleError(f"{where}: percent {text!r} is not from 0 to 100", "write the cumulative percent done")
    return to_decimal(number)


def get_contributions(contract: Contract, codes: set[str]) -> dict[str, list[tuple[str, str, Decimal]]]:
    """code -> [(GlobalId, storey, contribution)], an element's layers summed."""
    summed: dict[str, dict[str, list]] = defaultdict(dict)
    for row in contract.trace:
        code, gid = row.get("code"), row.get("global_id")
        value = row.get("contribution")
        if code not in codes or not gid or not isinstance(value, (int, float)) or not math.isfinite(value):
            continue
        entry = summed[code].setdefault(gid, [text_of(row.get("storey")), Decimal(0)])
        entry[1] += to_decimal(value)
    return {code: [(gid, s, c) for gid, (s, c) in parts.items()] for code, parts in summed.items()}


# --- the situation --------------------------------------------------------------------------------


def load_previous(path: str | os.PathLike) -> dict:
    """What a previous situation's JSON says: its number, period, and per line its cumulative
    percent and amount; and the advance recovered to date."""
    import json

    path = Path(path)
    hint = "pass the .json bimquant situation wrote for the previous month"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"previous situation not found: {path}", hint) from None
    except (OSError, ValueError, RecursionError):
        raise RuleError(f"{path}: not a JSON file, so not a situation", hint) from None
    info, lines, totals = (data.get(k) if isinstance(data, dict) else None for k in ("info", "lines", "totals"))
    if not isinstance(info, dict) or not isinstance(lines, list) or not isinstance(totals, dict):
        raise RuleError(f"{path}: not a situation (no info, lines and totals)", hint)
    try:
        return {
            "number": int(info["number"]),
            "period": str(info["period"]),
            "lines": {
                line["code"]: (to_decimal(line["cumulative_percent"]), to_decimal(line["cumulative_amount"]))
                for line in lines
            },
            "advance_recovered_to_date": to_decimal(totals.get("advance_recovered_to_date", 0)),
            "contract_sha256": info.get("contract_sha256"),
            "contract": info.get("contract"),
            "path": str(path),
            "history": [
                {"period": str(h["period"]), "cumulative": float(h["cumulative"])} for h in info.get("history", [])
            ],
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleError(f"{path}: not a situation ({exc})", hint) from None


def compute_situation(
    contract: Contract,
    progress: dict[str, dict],
    lines: pd.DataFrame,
    settings: Settings,
    period: str,
    previous: dict | None = None,
    allow_decrease: bool = False,
    phases: list | None = None,
) -> Situation:
    """The situation of ``period`` (``YYYY-MM``) from the contract lines and their progress."""
    number = previous["number"] + 1 if previous else 1
    if previous and period <= previous["period"]:
        raise RuleError(
            f"period {period} is not after the previous situation's ({previous['period']})",
            "give the month that follows it with --period",
        )
    billed_before = [
        code
        for code, (_, amount) in (previous or {}).get("lines", {}).items()
        if amount and code not in set(lines["code"])
    ]
    if billed_before:
        shown = ", ".join(billed_before[:5]) + (" ..." if len(billed_before) > 5 else "")
        raise RuleError(
            f"the previous situation billed {shown}, which this one has no line for",
            "pass the same --changes as the previous month (every change order billed so far), and more if accepted",
        )
    rows = []
    for line in lines.to_dict(orient="records"):
        code = line["code"]
        percent = progress[code]["percent"]
        before_percent, before_amount = (previous or {}).get("lines", {}).get(code, (Decimal(0), Decimal(0)))
        if percent < before_percent and not allow_decrease:
            raise RuleError(
                f"{code}: progress {percent} % from {progress[code].get('source', 'the progress file')} is below the "
                f"previous situation's {before_percent} %",
                "progress is cumulative; to credit work billed too early, add --allow-decrease",
            )
        cumulative = cents(line["contract_amount"] * percent / HUNDRED)
        rows.append(
            line
            | {
                "cumulative_percent": percent,
                "cumulative_quantity": cents(line["contract_quantity"] * percent / HUNDRED),
                "cumulative_amount": cumulative,
                "previous_percent": before_percent,
                "previous_amount": before_amount,
                "period_amount": cumulative - before_amount,
            }
        )
    table = pd.DataFrame(rows, columns=SITUATION_LINE_COLUMNS)
    initial = lines["contract_amount"][lines["base_code"].isna()] if "base_code" in lines else lines["contract_amount"]
    totals = _totals(table, settings, period, previous, sum(initial, Decimal(0)))
    lots = _by_lot(table)
    stage_of = {storey: phase.name for phase in phases or [] for storey in phase.storeys}
    stages = _by_stage(table, contract, progress, stage_of if phases else None)
    return Situation(
        lines=as_floats(table),
        lots=as_floats(lots),
        stages=as_floats(stages),
        totals={k: float(v) if isinstance(v, Decimal) else v for k, v in totals.items()},
        currency=contract.currency,
        info={
            "number": number,
            "period": period,
            # the lines of the contract as signed: the advance is a share of their amount, not of the TS
            "signed_codes": list(lines["code"][lines["base_code"].isna()] if "base_code" in lines else lines["code"]),
            # the cumulative amount claimed month by month, this one included (chained by --previous)
            "history": [
                *(previous or {}).get("history", []),
                {"period": period, "cumulative": float(totals["cumulative"])},
            ],
            "planned": _planned(stages, phases, (previous or {}).get("history", []), period),
            "settings_used": {
                "retention_pct": float(settings.retention_pct),
                "retention_base": settings.retention_base,
                "advance_pct": float(settings.advance_pct),
                "advance_start_pct": float(settings.advance_start_pct),
                "advance_end_pct": float(settings.advance_end_pct),
                "vat_pct": float(settings.vat_pct),
                "autoliquidation": settings.autoliquidation,
                "payment_days": settings.payment_days,
                "revision": None
                if settings.revision is None
                else {
                    "a": float(settings.revision.a),
                    "b": float(settings.revision.b),
                    "index": settings.revision.index,
                    "base_month": settings.revision.base_month,
                    "base_value": float(settings.revision.values[settings.revision.base_month]),
                    "period_value": float(settings.revision.values[period]),
                    "decimals": settings.revision.decimals,
                },
            },
        },
    )


def _totals(table: pd.DataFrame, settings: Settings, period: str, previous: dict | None, initial: Decimal) -> dict:
    contract = sum(table["contract_amount"], Decimal(0))
    cumulative = sum(table["cumulative_amount"], Decimal(0))
    before = sum(table["previous_amount"], Decimal(0))
    this = cumulative - before
    coefficient = Decimal(1)
    revision = settings.revision
    if revision is not None:
        if period not in revision.values:
            raise RuleError(
                f"index {revision.index} has no value for {period} in {revision.source}",
                "add the month's value to the index file (the index of the period's month)",
            )
        exact = revision.a + revision.b * revision.values[period] / revision.values[revision.base_month]
        coefficient = exact.quantize(Decimal(1).scaleb(-revision.decimals), ROUND_HALF_UP)
    revised = cents(this * (coefficient - 1))
    advance = cents(initial * settings.advance_pct / HUNDRED)  # on the contract as signed, not its change orders
    share = Decimal(0)
    if contract and advance:
        completion = cumulative / contract * HUNDRED
        span = settings.advance_end_pct - settings.advance_start_pct
        share = min(max((completion - settings.advance_start_pct) / span, Decimal(0)), Decimal(1))
    recovered_to_date = cents(advance * share)
    recovered = recovered_to_date - (previous or {}).get("advance_recovered_to_date", Decimal(0))
    excl = this + revised - recovered
    vat_pct = Decimal(0) if settings.autoliquidation else settings.vat_pct
    vat = cents(excl * vat_pct / HUNDRED)
    works = this + revised
    base = works + cents(works * vat_pct / HUNDRED) if settings.retention_base == "incl_vat" else works
    retention = cents(base * settings.retention_pct / HUNDRED)
    end = month_end(period)
    return {
        "contract": contract,
        "cumulative": cumulative,
        "previous": before,
        "period": this,
        "revision_coefficient": coefficient,
        "revision": revised,
        "advance": advance,
        "advance_recovered_to_date": recovered_to_date,
        "advance_recovered": recovered,
        "amount_excl_vat": excl,
        "vat_pct": vat_pct,
        "vat": vat,
        "retention_pct": settings.retention_pct,
        "retention": retention,
        "net_to_pay": excl + vat - retention,
        "autoliquidation": settings.autoliquidation,
        "due_date": (end + dt.timedelta(days=settings.payment_days)).isoformat(),
    }


def _by_lot(table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for lot, group in table.groupby("lot", sort=False):
        contract, cumulative = sum(group["contract_amount"], Decimal(0)), sum(group["cumulative_amount"], Decimal(0))
        rows.append(
            {
                "lot": lot,
                "contract_amount": contract,
                "cumulative_amount": cumulative,
                "previous_amount": sum(group["previous_amount"], Decimal(0)),
                "period_amount": sum(group["period_amount"], Decimal(0)),
                "percent_complete": (cumulative / contract * HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
                if contract
                else Decimal(0),
            }
        )
    return pd.DataFrame(rows, columns=SITUATION_LOT_COLUMNS)


def _by_stage(table: pd.DataFrame, contract: Contract, progress: dict, stage_of: dict | None) -> pd.DataFrame:
    """Per storey: each line's contract and cumulative amounts shared out over its elements by
    their contributions (and their own progress), each share rounded to the cent. A share, not
    a line of the bill: the stages add up to the lines within a cent per line."""
    contributions = get_contributions(contract, set(table["code"]))
    amounts: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for line in table.to_dict(orient="records"):
        parts = contributions.get(line["code"], [])
        total = sum((c for _, _, c in parts), Decimal(0))
        if not total:
            continue
        elements = progress[line["code"]]["elements"]
        for gid, storey, c in parts:
            share = line["contract_amount"] * c / total
            stage = (stage_of.get(storey) or "(no phase)") if stage_of is not None else (storey or "(no storey)")
            amounts[stage][0] += share
            amounts[stage][1] += share * elements.get(gid, Decimal(0)) / HUNDRED
    rows = [
        {
            "stage": storey,
            "contract_amount": cents(contract_amount),
            "cumulative_amount": cents(done),
            "percent_complete": (done / contract_amount * HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)
            if contract_amount
            else Decimal(0),
        }
        for storey, (contract_amount, done) in amounts.items()
    ]
    return pd.DataFrame(rows, columns=SITUATION_STAGE_COLUMNS)


def _planned(stages: pd.DataFrame, phases: list | None, history: list[dict], period: str) -> list[dict]:
    """The planned cumulative amount month by month: each phase's contract amount once its date
    has come (a phase's date is when its work is planned done), from the first month claimed to
    the last phase's month; empty without dated phases."""
    dated = [p for p in phases or [] if p.date is not None]
    if not dated:
        return []
    amounts = dict(zip(stages["stage"], stages["contract_amount"]))
    first = min([h["period"] for h in history] + [period, min(p.date for p in dated).strftime("%Y-%m")])
    last = max([period, max(p.date for p in dated).strftime("%Y-%m")])
    return planned_by_month(amounts, dated, first, last)


def as_floats(frame: pd.DataFrame) -> pd.DataFrame:
    """Decimal columns as floats (the tables' type everywhere else), -0 as 0."""
    out = frame.copy()
    for column in out.columns:
        if any(isinstance(v, Decimal) for v in out[column]):
            out[column] = [float(v) + 0.0 if isinstance(v, Decimal) else v for v in out[column]]
    return out
