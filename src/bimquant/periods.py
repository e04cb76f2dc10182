"""Months and planned curves: the calendar of situations, costs and stock.

A period is a month written ``YYYY-MM``; a phase (``orders.Phase``) has the date its work is
planned done. The planned curve is, month by month, the amount of every phase whose date has
come.

Example::

    >>> months_between("2026-11", "2027-01")
    ['2026-11', '2026-12', '2027-01']
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from bimquant.errors import SettingsError
from bimquant.messages import Message

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the months a period can be (as phase dates)


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


def planned_curve(budgets: dict, phases: list | None, seen: list[str], period: str, through_phases: bool) -> list[dict]:
    """The planned curve a document draws: from the first month ``seen`` (claimed, or with
    costs), the first phase's month or ``period``, whichever comes first, to ``period`` (or to
    the last phase's month when ``through_phases`` and it is later); empty without dated
    phases."""
    dated = [p for p in phases or [] if p.date is not None]
    if not dated:
        return []
    first = min([*seen, period, min(p.date for p in dated).strftime("%Y-%m")])
    last = max(period, max(p.date for p in dated).strftime("%Y-%m")) if through_phases else period
    return planned_by_month(budgets, dated, first, last)


def parse_month(text: str) -> str:
    """``YYYY-MM`` checked (the period of a situation); :class:`SettingsError` otherwise."""
    return read_month("--period", "", text)


def read_month(path, where: str, text) -> str:
    """``text`` as ``YYYY-MM``, from ``FIRST_YEAR`` to ``LAST_YEAR``; :class:`SettingsError`
    naming ``path`` and ``where`` otherwise."""
    at = {"where": where} if where else {}
    try:
        month = dt.datetime.strptime(str(text), "%Y-%m")
    except ValueError:
        said = Message("error.periods.not_a_month" + ("_at" if where else ""), path=path, text=repr(text), **at)
        raise SettingsError(said, Message("hint.periods.month_form")) from None
    if not FIRST_YEAR <= month.year <= LAST_YEAR:
        said = Message(
            "error.periods.outside" + ("_at" if where else ""),
            path=path,
            text=repr(text),
            first=FIRST_YEAR,
            last=LAST_YEAR,
            **at,
        )
        raise SettingsError(said, Message("hint.periods.works_month"))
    return month.strftime("%Y-%m")
