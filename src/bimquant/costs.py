"""Costs against budget ("budget vs réalisé"): earned value per line, lot and stage.

The budget is the signed estimate's direct cost per line (``amount`` in the JSON ``bimquant
estimate`` wrote: quantity x direct unit price, before overheads and margin). The progress is
read as for a situation (:mod:`bimquant.situation`: per line, per lot, per element, per storey or
phase, or an IFC4 work schedule). The actual costs come from a CSV of invoices, valued delivery
notes, time sheets and subcontractor bills, each booked to a line (``code``) or a lot.

Conventions (README.md, "bimquant costs"), amounts rounded half up to the cent:

- earned value EV = ROUND(budget x percent / 100, 2); actual cost AC = the sum of the costs
  booked to the line; cost variance CV = EV - AC; cost performance index CPI = EV / AC (none
  without costs);
- forecast at completion, two ways, both shown: ``eac`` = AC + (budget - EV) / CPI (the work
  left costs what the work done cost, relative to budget), and ``eac_budget`` = AC + (budget -
  EV) (the work left costs its budget);
- a lot adds its lines and the costs booked to the lot itself; the total adds the lots;
- a lot's and the total's CPI (and ``eac``) are over the **matched** lines only, those with
  both progress and costs: EV and AC of those lines. A line with progress and no cost booked
  yet would make the work look cheap (its EV against no AC), and a cost booked to a lot matches
  no line's progress: both stay in EV, AC and CV, not in CPI, and are listed (``unmatched``,
  ``totals.earned_without_costs``, ``totals.actual_booked_to_lots``);
- a stage (storey or phase) gets each line's budget and earned value shared out over its
  elements (as a situation's stages) and the line's actual cost in proportion to its earned
  value there (its budget, before any progress): an allocation, said so;
- with dated phases, the planned value PV to date is the budget of the phases due by the
  period's end, and SPI = EV / PV.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from bimquant.columns import (
    ACTUAL_COLUMNS,
    COST_LINE_COLUMNS,
    COST_LOT_COLUMNS,
    COST_STAGE_COLUMNS,
    UNMATCHED_COST_COLUMNS,
)
from bimquant.errors import ProgressError
from bimquant.contract import Contract, get_contributions
from bimquant.loaders import parse_date, parse_number, read_rows, text_of
from bimquant.money import HUNDRED, as_floats, cents, to_decimal
from bimquant.periods import month_end, months_between, planned_by_month, planned_curve
from bimquant.result import Result
from bimquant.messages import Message, Number

KINDS = ("labour", "material", "equipment", "subcontract", "other", "credit")
UNALLOCATED = Message("costs.unallocated")
RATIO = Decimal("0.0001")


@dataclass
class Costs(Result):
    """Budget against actual to date.

    - ``lines``: per line (``COST_LINE_COLUMNS``): budget, percent, earned, actual, cost
      variance, CPI, both forecasts at completion.
    - ``lots``, ``stages``: the same sums per lot, and per storey or phase (an allocation).
    - ``unmatched``: lines with costs and no progress, and progress without costs.
    - ``actuals``: the cost rows read, as booked.
    - ``totals``: budget, earned, actual, cost variance, CPI, forecasts; planned value and SPI
      with dated phases.
    """

    TABLES = ("lines", "lots", "stages", "unmatched", "actuals")

    lines: pd.DataFrame
    lots: pd.DataFrame
    stages: pd.DataFrame
    unmatched: pd.DataFrame
    actuals: pd.DataFrame
    totals: dict = field(default_factory=dict)
    currency: str = "EUR"
    info: dict = field(default_factory=dict)


def get_budget_lines(contract: Contract) -> pd.DataFrame:
    """The lines with a direct cost: priced, with a quantity; budget = ROUND(quantity x direct
    unit price, 2) (the estimate's ``amount``)."""
    rows = []
    for line in contract.lines:
        price, quantity = line.get("unit_price"), line.get("quantity")
        if not line.get("priced") or not isinstance(price, (int, float)) or not isinstance(quantity, (int, float)):
            continue  # a line at quantity 0 stays: work the model does not show may still cost
        rows.append(
            {
                "code": text_of(line.get("code")),
                "lot": text_of(line.get("lot")),
                "label": text_of(line.get("label")),
                "unit": text_of(line.get("unit")),
                "contract_quantity": to_decimal(quantity),
                "unit_price": to_decimal(price),
                "contract_amount": cents(to_decimal(quantity) * to_decimal(price)),
            }
        )
    return pd.DataFrame(rows)


def load_actuals(
    path: str | os.PathLike, lines: pd.DataFrame, start: str | None, period: str, later: list | None = None
) -> pd.DataFrame:
    """The cost rows of an actuals CSV (``date``, ``code`` or ``lot``, ``kind``, ``amount``,
    optional ``supplier``, ``reference``); :class:`ProgressError` naming the file and the row for
    an unknown code or lot, an unknown kind, a negative amount that is not a ``credit``, a date
    that is not one or falls before the job (``start``). Rows dated after the period's end are
    not counted (a file kept through the job); their row numbers go to ``later``."""
    later = later if later is not None else []
    path = Path(path)
    rows, style = read_rows(path, "actuals file")
    if not rows:
        raise ProgressError(Message("error.costs.no_rows", path=path), Message("hint.costs.one_row_each"))
    header = set(rows[0][1])
    missing = [c for c in ("date", "kind", "amount") if c not in header]
    if missing or not header & {"code", "lot"}:
        raise ProgressError(
            Message("error.loaders.missing_columns", path=path, columns=", ".join(missing))
            if missing
            else Message("error.costs.missing_code_or_lot", path=path),
            Message("hint.costs.header"),
        )
    codes, lots = set(lines["code"]), set(lines["lot"])
    lot_of = dict(zip(lines["code"], lines["lot"]))
    end = month_end(period)
    first = dt.date(int(start[:4]), int(start[5:]), 1) if start else None
    booked = []
    for line, row in rows:
        where = Message("error.loaders.row", path=path, line=line)
        if any(value is None for value in row.values()):
            raise ProgressError(
                Message("error.loaders.fewer_values", where=where, columns=len(row)),
                Message("hint.loaders.fill_every_column"),
            )
        date = parse_date(where, text_of(row.get("date")), ProgressError)
        if first is not None and date < first:
            raise ProgressError(
                Message("error.costs.before_start", where=where, date=date.isoformat(), start=first.isoformat()),
                Message("hint.costs.check_date"),
            )
        if date > end:  # a later cost of a running file: not counted at this period's end
            later.append(line)
            continue
        code, lot = text_of(row.get("code")), text_of(row.get("lot"))
        if code and code not in codes:
            raise ProgressError(
                Message("error.progress.unknown_code", where=where, code=repr(code)), Message("hint.costs.book_it")
            )
        if not code and lot not in lots:
            raise ProgressError(
                Message("error.progress.unknown_lot", where=where, lot=repr(lot)), Message("hint.progress.check_lot")
            )
        kind = text_of(row.get("kind")).lower()
        if kind not in KINDS:
            raise ProgressError(
                Message("error.costs.unknown_kind", where=where, kind=repr(kind)),
                Message("hint.costs.kinds", kinds=", ".join(KINDS)),
            )
        amount = parse_number(row.get("amount"), style)
        if amount is None:
            raise ProgressError(
                Message("error.costs.amount_not_a_number", where=where, text=repr(text_of(row.get("amount")))),
                Message("hint.costs.amount_forms"),
            )
        if amount < 0 and kind != "credit":
            raise ProgressError(
                Message("error.costs.negative", where=where, amount=Number(amount)), Message("hint.costs.credit_note")
            )
        if kind == "credit" and amount > 0:
            raise ProgressError(
                Message("error.costs.positive_credit", where=where, amount=Number(amount)),
                Message("hint.costs.negative", amount=Number(amount)),
            )
        if code and lot and lot != lot_of[code]:
            raise ProgressError(
                Message("error.costs.other_lot", where=where, code=code, lot=repr(lot_of[code]), given=repr(lot)),
                Message("hint.costs.code_alone"),
            )
        booked.append(
            {
                "date": date.isoformat(),
                "code": code,
                "lot": lot or lot_of[code],
                "kind": kind,
                "amount": to_decimal(amount),
                "supplier": text_of(row.get("supplier")),
                "reference": text_of(row.get("reference")),
            }
        )
    return pd.DataFrame(booked, columns=ACTUAL_COLUMNS)


def compute_costs(
    contract: Contract,
    lines: pd.DataFrame,
    progress: dict[str, dict],
    actuals: pd.DataFrame,
    period: str,
    phases: list | None = None,
) -> Costs:
    """Earned value, actual cost and forecasts per line, lot and stage, to the end of ``period``."""
    by_code = defaultdict(Decimal)
    by_lot_only = defaultdict(Decimal)
    for row in actuals.to_dict(orient="records"):
        if row["code"]:
            by_code[row["code"]] += row["amount"]
        else:
            by_lot_only[row["lot"]] += row["amount"]
    rows, unmatched, matched = [], [], []
    for line in lines.to_dict(orient="records"):
        budget, percent = line["contract_amount"], progress[line["code"]]["percent"]
        earned, actual = cents(budget * percent / HUNDRED), by_code.get(line["code"], Decimal(0))
        rows.append(
            _figures({k: line[k] for k in ("code", "lot", "label", "unit")}, budget, earned, actual)
            | {"percent": percent}
        )
        issue = ""
        if actual and not percent:
            issue = "costs, no progress"
        elif percent and not actual and budget:  # a line at quantity 0 has nothing to earn
            issue = "progress, no costs"
        if issue:
            unmatched.append(
                {"code": line["code"], "lot": line["lot"], "label": line["label"], "issue": issue}
                | {"earned": earned, "actual": actual}
            )
        matched.append(bool(percent and actual))
    table = pd.DataFrame(rows, columns=COST_LINE_COLUMNS)
    both = pd.Series(matched, index=table.index, dtype=bool)
    lots = []
    for lot, group in table.groupby("lot", sort=False):
        budget, earned = sum(group["budget"], Decimal(0)), sum(group["earned"], Decimal(0))
        actual = sum(group["actual"], Decimal(0)) + by_lot_only.get(lot, Decimal(0))
        lots.append(_figures({"lot": lot}, budget, earned, actual, _matched(group[both[group.index]])))
    lot_table = pd.DataFrame(lots, columns=COST_LOT_COLUMNS)
    stages = _stages(table, contract, progress, phases, sum(by_lot_only.values(), Decimal(0)))
    budget = sum(lot_table["budget"], Decimal(0))
    earned = sum(lot_table["earned"], Decimal(0))
    actual = sum(lot_table["actual"], Decimal(0))
    totals = _figures({}, budget, earned, actual, _matched(table[both]))
    without = [row for row in unmatched if row["issue"] == "progress, no costs"]
    totals |= {
        "cpi_lines": int(both.sum()),
        "earned_without_costs": sum((row["earned"] for row in without), Decimal(0)),
        "actual_booked_to_lots": sum(by_lot_only.values(), Decimal(0)),
    }
    planned = _planned_value(stages, phases, period)
    if planned is not None:
        totals |= {"planned": planned, "spi": (earned / planned).quantize(RATIO, ROUND_HALF_UP) if planned else None}
    monthly = _monthly(actuals, period)
    budgets = dict(zip(stages["stage"], stages["budget"]))
    planned_by_month = planned_curve(budgets, phases, [m["period"] for m in monthly], period, through_phases=False)
    return Costs(
        lines=as_floats(table.sort_values("cost_variance", kind="stable")),
        lots=as_floats(lot_table),
        stages=as_floats(stages),
        unmatched=as_floats(pd.DataFrame(unmatched, columns=UNMATCHED_COST_COLUMNS)),
        actuals=as_floats(actuals) if len(actuals) else actuals,
        totals={k: float(v) if isinstance(v, Decimal) else v for k, v in totals.items()},
        currency=contract.currency,
        info={"period": period, "actual_by_month": monthly, "planned_by_month": planned_by_month},
    )


def _matched(lines: pd.DataFrame) -> tuple[Decimal, Decimal]:
    """EV and AC of lines with both progress and costs: what a lot's or the total's CPI is over."""
    return sum(lines["earned"], Decimal(0)), sum(lines["actual"], Decimal(0))


def _figures(
    row: dict, budget: Decimal, earned: Decimal, actual: Decimal, matched: tuple[Decimal, Decimal] | None = None
) -> dict:
    """The figures of a line (its CPI: EV / AC), or of a lot or the total, whose CPI and
    ``eac`` are over ``matched``: the EV and AC of its lines with both progress and costs
    (none when no line has both)."""
    if matched is None:
        cpi = (earned / actual).quantize(RATIO, ROUND_HALF_UP) if actual else None
        ratio = earned / actual if actual and earned else None
    else:
        matched_earned, matched_actual = matched
        ratio = matched_earned / matched_actual if matched_actual and matched_earned else None
        cpi = ratio.quantize(RATIO, ROUND_HALF_UP) if ratio is not None else None
    remaining = budget - earned
    return row | {
        "budget": budget,
        "earned": earned,
        "actual": actual,
        "cost_variance": earned - actual,
        "cpi": cpi,
        "eac": cents(actual + remaining / ratio) if ratio else None,
        "eac_budget": actual + remaining,
    }


def _stages(
    table: pd.DataFrame, contract: Contract, progress: dict, phases: list | None, lot_costs: Decimal = Decimal(0)
) -> pd.DataFrame:
    stage_of = {storey: phase.name for phase in phases or [] for storey in phase.storeys}
    contributions = get_contributions(contract, set(table["code"]))
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for line in table.to_dict(orient="records"):
        parts = contributions.get(line["code"], [])
        total = sum((c for _, _, c in parts), Decimal(0))
        if not total:
            continue
        elements = progress[line["code"]]["elements"]
        shares = []
        for gid, storey, c in parts:
            stage = (stage_of.get(storey) or "(no phase)") if phases else (storey or "(no storey)")
            budget = line["budget"] * c / total
            earned = budget * elements.get(gid, Decimal(0)) / HUNDRED
            shares.append((stage, budget, earned))
        weight = sum((e for _, _, e in shares), Decimal(0))
        for stage, budget, earned in shares:
            share = earned / weight if weight else budget / line["budget"] if line["budget"] else Decimal(0)
            entry = sums[stage]
            entry[0] += budget
            entry[1] += earned
            entry[2] += line["actual"] * share
    rows = [_figures({"stage": stage}, cents(b), cents(e), cents(a)) for stage, (b, e, a) in sums.items()]
    if lot_costs:  # booked to a lot, not to a line: no element to share them out over
        rows.append(_figures({"stage": UNALLOCATED}, Decimal(0), Decimal(0), lot_costs))
    stages = pd.DataFrame(rows, columns=COST_STAGE_COLUMNS)
    stages["stage"] = pd.Series([row["stage"] for row in rows], index=stages.index, dtype=object)  # a Message kept
    return stages


def _planned_value(stages: pd.DataFrame, phases: list | None, period: str) -> Decimal | None:
    if not any(p.date is not None for p in phases or []):
        return None
    (planned,) = planned_by_month(dict(zip(stages["stage"], stages["budget"])), phases, period, period)
    return to_decimal(planned["planned"])


def _monthly(actuals: pd.DataFrame, period: str) -> list[dict]:
    """The actual cost to date at the end of each month with costs, up to the period."""
    if actuals.empty:
        return []
    months: dict[str, Decimal] = defaultdict(Decimal)
    for date, amount in zip(actuals["date"], actuals["amount"]):
        months[date[:7]] += amount
    running, series = Decimal(0), []
    for month in sorted(months):
        running += months[month]
        series.append({"period": month, "actual": float(running)})
    return series


def get_chart_series(report: Costs) -> dict[str, list[tuple[str, float]]]:
    """The series the charts draw, month by month up to the period: ``actual`` (cost to date,
    from the cost rows' dates), ``planned`` (with dated phases: the budget of the phases due by
    each month's end) and ``earned`` (known at the period's end only: one point)."""
    period = report.info["period"]
    monthly = {m["period"]: m["actual"] for m in report.info.get("actual_by_month", [])}
    actual, running = [], 0.0
    for name in months_between(min([*monthly, period]), period):
        running = monthly.get(name, running)
        actual.append((name, running))
    series = {"actual": actual, "earned": [(period, report.totals["earned"])]}
    planned = report.info.get("planned_by_month") or []
    if planned:
        series["planned"] = [(p["period"], p["planned"]) for p in planned if p["period"] <= period]
    return series
