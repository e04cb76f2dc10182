"""A situation's progress as a picture (PNG): the amount claimed to date month by month against
the contract total, and, per lot, what is billed against what the contract holds.

matplotlib draws it; it belongs to the ``report`` extra (``pip install "bimquant[report]"``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bimquant.situation import Situation
from bimquant.errors import OutputError
from bimquant.messages import Message, section


def write_situation_chart(claim: Situation, path: Path, locale: str | None = None) -> None:
    """Draw the chart into ``path`` (PNG). :class:`OutputError` naming the extra when matplotlib
    is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")  # no display: a file only
        import matplotlib.pyplot as plt
    except ImportError:
        raise OutputError(Message("error.report.no_matplotlib"), Message("hint.report.install_report")) from None
    words = section("situation_chart").get(locale or "fr", section("situation_chart")["en"])
    history_title, total_label, lots_title = words["history"], words["total"], words["lots"]
    contract_label, billed_label, planned_label = words["contract"], words["billed"], words["planned"]
    history = claim.info.get("history", [])
    figure, (left, right) = plt.subplots(1, 2, figsize=(13, 5), constrained_layout=True)
    import matplotlib.dates

    def as_day(period: str) -> dt.date:  # months as dates: in order whichever series names one first
        return dt.date(int(period[:4]), int(period[5:7]), 1)

    months = [as_day(h["period"]) for h in history]
    left.plot(months, [h["cumulative"] for h in history], marker="o", label=history_title)
    planned = claim.info.get("planned", [])
    if planned:
        left.step(
            [as_day(p["period"]) for p in planned],
            [p["planned"] for p in planned],
            where="post",
            color="tab:orange",
            label=planned_label,
        )
    left.xaxis.set_major_formatter(matplotlib.dates.DateFormatter("%Y-%m"))
    left.xaxis.set_major_locator(matplotlib.dates.MonthLocator())
    left.axhline(claim.totals["contract"], color="grey", linestyle="--", label=total_label)
    left.set_ylim(bottom=0)
    left.set_title(history_title)
    left.set_ylabel(claim.currency)
    left.legend()
    lots = claim.lots
    names = [str(lot) if len(str(lot)) <= 48 else str(lot)[:47] + "…" for lot in lots["lot"]]
    right.barh(names, lots["contract_amount"], color="lightgrey", label=contract_label)
    right.barh(names, lots["cumulative_amount"], color="tab:blue", label=billed_label)
    right.invert_yaxis()
    right.set_title(lots_title)
    right.set_xlabel(claim.currency)
    right.legend()
    figure.savefig(path, format="png", dpi=110)
    plt.close(figure)
