"""What every pipeline result has: ``.tables`` (name -> DataFrame) and ``.info`` (a dict).

A result class lists its table attributes in ``TABLES``, in the order a workbook shows them;
:func:`bimquant.write` needs nothing else to write it as CSV, XLSX or JSON.
"""

from __future__ import annotations

import pandas as pd


class Result:
    """Mixin for the pipeline's result dataclasses."""

    TABLES: tuple[str, ...] = ()

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in self.TABLES}
