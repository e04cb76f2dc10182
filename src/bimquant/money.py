"""Money as a spreadsheet counts it: exact decimals, rounded half up to the cent.

Every amount bimquant prints is a sum of rounded lines, each rounded with ROUND(x, 2) on the
decimal a person reads, so that a spreadsheet given the same lines finds the same totals.

Example::

    >>> cents(0.45 * 3.3)  # 1.4849999... in binary floating point
    Decimal('1.48')
    >>> cents(to_decimal(0.45) * to_decimal(3.3))
    Decimal('1.49')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

CENT = Decimal("0.01")
PERCENT_PLACES = Decimal("0.0001")  # a cumulative percent is kept to 4 decimals
HUNDRED = Decimal(100)


def to_decimal(value: float | Decimal) -> Decimal:
    """The decimal a person reads for ``value`` (0.45, not 0.450000000000000011...)."""
    return value if isinstance(value, Decimal) else Decimal(repr(float(value)))


def cents(value: float | Decimal) -> Decimal:
    """ROUND(value, 2) half up on the exact decimal value. Products and percentages are taken
    in Decimal before rounding: in binary floating point 0.45 x 3.3 is 1.48499999..., which
    would round to 1.48 where a spreadsheet (and a person) gets 1.49."""
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: float | Decimal) -> float:
    """Round half up to the cent, as a spreadsheet's ROUND(x, 2) does."""
    return float(cents(value))


def round_percent(value: Decimal) -> Decimal:
    """A percent to 4 decimals, half up (``12.34565`` -> ``12.3457``)."""
    return value.quantize(PERCENT_PLACES, ROUND_HALF_UP)


def as_floats(frame: pd.DataFrame) -> pd.DataFrame:
    """Decimal columns as floats (the tables' type everywhere else), -0 as 0."""
    out = frame.copy()
    for column in out.columns:
        if any(isinstance(v, Decimal) for v in out[column]):
            out[column] = [float(v) + 0.0 if isinstance(v, Decimal) else v for v in out[column]]
    return out
