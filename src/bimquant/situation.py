"""Progress billing: the monthly "situation de travaux" from the signed estimate and the progress.

The contract is read back by :mod:`bimquant.contract` (its priced lines and the elements
behind each), the progress by :mod:`bimquant.progress` (every form, one percent per line), the
months by :mod:`bimquant.periods`; this module reads the settings (retention, advance, VAT,
price revision) and the previous situation, and computes the claim.

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

import datetime as dt
import os
from dataclasses import dataclass, field
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd

from bimquant.columns import SITUATION_LINE_COLUMNS, SITUATION_LOT_COLUMNS, SITUATION_STAGE_COLUMNS
from bimquant.contract import Contract, get_contributions
from bimquant.errors import ContractError, SettingsError
from bimquant.loaders import check_keys, parse_number, read_json, read_rows, read_toml, text_of
from bimquant.money import HUNDRED, as_floats, cents, to_decimal
from bimquant.periods import month_end, planned_curve, read_month
from bimquant.result import Result
from bimquant.messages import Message, Number, or_list

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
    source: str = Message("error.situation.the_index_file")


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
    data = read_toml(path, "settings file", Message("hint.situation.settings_path"))
    table = data.get("situation")
    if not isinstance(table, dict):
        raise SettingsError(Message("error.situation.no_table", path=path), Message("hint.situation.add_table"))
    check_keys(path, "[situation]", table, SETTINGS_KEYS, SettingsError)
    settings = Settings()
    for key in ("retention_pct", "advance_pct", "advance_start_pct", "advance_end_pct", "vat_pct"):
        if key in table:
            setattr(settings, key, _percent(path, f"[situation] {key}", table[key]))
    if settings.retention_pct > 5:
        raise SettingsError(
            Message("error.situation.retention_above_5", path=path, value=Number(float(settings.retention_pct))),
            Message("hint.situation.retention_at_most_5"),
        )
    if not settings.advance_start_pct < settings.advance_end_pct:
        raise SettingsError(
            Message("error.situation.advance_thresholds", path=path), Message("hint.situation.advance_thresholds")
        )
    if "retention_base" in table:
        if table["retention_base"] not in RETENTION_BASES:
            raise SettingsError(
                Message("error.situation.retention_base", path=path, value=repr(table["retention_base"])),
                Message("hint.situation.retention_bases", bases=or_list(RETENTION_BASES)),
            )
        settings.retention_base = table["retention_base"]
    if "autoliquidation" in table:
        if not isinstance(table["autoliquidation"], bool):
            raise SettingsError(
                Message("error.situation.autoliquidation", path=path), Message("hint.situation.autoliquidation")
            )
        settings.autoliquidation = table["autoliquidation"]
    if "payment_days" in table:
        days = table["payment_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 365:
            raise SettingsError(
                Message("error.situation.payment_days", path=path), Message("hint.situation.payment_days")
            )
        settings.payment_days = days
    if "revision" in table:
        settings.revision = _load_revision(path, table["revision"])
    return settings


def _percent(path: Path, where: str, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise SettingsError(
            Message("error.situation.percentage", path=path, where=where, value=repr(value)),
            Message("hint.situation.percentage"),
        )
    return to_decimal(value)


def _load_revision(path: Path, table) -> Revision:
    where = "[situation.revision]"
    if not isinstance(table, dict):
        raise SettingsError(
            Message("error.situation.revision_table", path=path, where=where), Message("hint.situation.revision_table")
        )
    check_keys(path, where, table, REVISION_KEYS, SettingsError)
    missing = sorted({"a", "b", "index", "base_month", "indices"} - set(table))
    if missing:
        raise SettingsError(
            Message("error.situation.revision_missing", path=path, where=where, keys=", ".join(missing)),
            Message("hint.situation.see_readme"),
        )
    a, b = table["a"], table["b"]
    for name, value in (("a", a), ("b", b)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
            raise SettingsError(
                Message("error.situation.coefficient", path=path, where=where, name=name, value=repr(value)),
                Message("hint.situation.coefficient"),
            )
    if abs(a + b - 1) > 1e-9:
        raise SettingsError(
            Message("error.situation.a_plus_b", path=path, where=where, total=Number(a + b)),
            Message("hint.situation.a_plus_b"),
        )
    decimals = table.get("decimals", 4)
    if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= 8:
        raise SettingsError(
            Message("error.situation.decimals", path=path, where=where), Message("hint.situation.decimals")
        )
    base_month = read_month(path, f"{where} base_month", table["base_month"])
    indices = Path(table["indices"])
    indices = indices if indices.is_absolute() else path.parent / indices
    values = _load_indices(indices, str(table["index"]))
    if base_month not in values:
        raise SettingsError(
            Message("error.situation.no_base_value", path=indices, index=str(table["index"]), month=base_month),
            Message("hint.situation.no_base_value"),
        )
    return Revision(to_decimal(a), to_decimal(b), str(table["index"]), base_month, values, decimals, str(indices))


def _load_indices(path: Path, name: str) -> dict[str, Decimal]:
    """Index values by month from a CSV ``month,value`` (an ``index`` column keeps that index's rows)."""
    rows, style = read_rows(path, "index file")
    values: dict[str, Decimal] = {}
    for line, row in rows:
        if "index" in row and text_of(row.get("index")) not in ("", name):
            continue
        month = read_month(path, Message("error.situation.row_month", line=line), text_of(row.get("month")))
        value = parse_number(row.get("value"), style)
        if value is None or value <= 0:
            raise SettingsError(
                Message("error.situation.index_value", path=path, line=line, text=repr(text_of(row.get("value")))),
                Message("hint.situation.index_value"),
            )
        values[month] = to_decimal(value)
    return values


# --- the contract and the progress ---------------------------------------------------------------


# --- the situation --------------------------------------------------------------------------------


def load_previous(path: str | os.PathLike) -> dict:
    """What a previous situation's JSON says: its number, period, and per line its cumulative
    percent and amount; and the advance recovered to date."""

    path = Path(path)
    hint = Message("hint.situation.pass_previous")
    data = read_json(path, "previous situation", hint)
    info, lines, totals = (data.get(k) if isinstance(data, dict) else None for k in ("info", "lines", "totals"))
    if not isinstance(info, dict) or not isinstance(lines, list) or not isinstance(totals, dict):
        raise ContractError(Message("error.situation.not_a_situation", path=path), hint)
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
        raise ContractError(
            Message("error.situation.not_a_situation_because", path=path, error=str(exc)), hint
        ) from None


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
        raise SettingsError(
            Message("error.situation.period_not_after", period=period, previous=previous["period"]),
            Message("hint.situation.next_month"),
        )
    billed_before = [
        code
        for code, (_, amount) in (previous or {}).get("lines", {}).items()
        if amount and code not in set(lines["code"])
    ]
    if billed_before:
        shown = ", ".join(billed_before[:5]) + (" ..." if len(billed_before) > 5 else "")
        raise SettingsError(
            Message("error.situation.billed_before", codes=shown), Message("hint.situation.same_changes")
        )
    rows = []
    for line in lines.to_dict(orient="records"):
        code = line["code"]
        percent = progress[code]["percent"]
        before_percent, before_amount = (previous or {}).get("lines", {}).get(code, (Decimal(0), Decimal(0)))
        if percent < before_percent and not allow_decrease:
            source = progress[code].get("source", Message("error.situation.the_progress_file"))
            raise SettingsError(
                Message(
                    "error.situation.decrease",
                    code=code,
                    percent=Number(float(percent)),
                    source=source,
                    before=Number(float(before_percent)),
                ),
                Message("hint.situation.allow_decrease"),
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
            "planned": planned_curve(
                dict(zip(stages["stage"], stages["contract_amount"])),
                phases,
                [h["period"] for h in (previous or {}).get("history", [])],
                period,
                through_phases=True,
            ),
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
            raise SettingsError(
                Message("error.situation.no_index_value", index=revision.index, period=period, source=revision.source),
                Message("hint.situation.no_index_value"),
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
