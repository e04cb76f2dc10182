"""Write bimquant's figures into a copy of the IFC model: base quantities on every measured
element, and the estimate as a cost schedule that Bonsai (or any IFC4 tool) shows.

This module runs the command: the takeoff and the estimate (or the ones given), the work item
shares of each element (:func:`get_shares`, :func:`add_up`), then the writer of
:mod:`bimquant.report.ifc`, which says what is written where. The input file is never written,
and the output appears whole or not at all (``report.atomic``).

Example::

    >>> done = writeback("sample_models/house_ifc4.ifc", "house-5d.ifc", "rules/fr-lots.toml", "rules/fr-prix.csv")
    >>> done.info["cost_items"], done.info["elements_with_quantities"]
"""

from __future__ import annotations

import logging
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bimquant import estimate as pricing
from bimquant.columns import WRITEBACK_ELEMENT_COLUMNS, WRITEBACK_SKIPPED_COLUMNS
from bimquant.errors import OutputError
from bimquant.model import open_model
from bimquant.pipeline import estimate, load_prices, load_rules, takeoff
from bimquant.report.atomic import check_output, write_atomically
from bimquant.report.ifc import SHARE_DECIMALS, IfcWriter
from bimquant.result import Result
from bimquant.rules import RuleSet
from bimquant.takeoff import Takeoff
from bimquant.messages import Message

log = logging.getLogger(__name__)
PathLike = str | os.PathLike


@dataclass
class Writeback(Result):
    """What :func:`writeback` wrote into ``path``.

    - ``elements``: one row per measured element: ``set_name`` (its base quantity set),
      ``status`` (``added``; ``beside``: a set of the standard's name was there and is kept, so
      bimquant's went into ``Bimquant_BaseQuantities``; ``replaced``: that set was replaced, with
      ``replace_quantities``; ``rewritten``: a set bimquant wrote before), ``quantities`` (how
      many), ``work_items`` (how many item quantities in ``Bimquant_WorkItems``),
      ``legacy_set`` (IFC4 and later: the element carried an exporter's ``BaseQuantities``,
      ``kept`` beside bimquant's set or ``replaced`` with ``replace_quantities``; else empty).
    - ``items``: one row per work item: ``code``, ``lot``, ``label``, ``unit``, ``quantity`` (the
      estimate's), ``unit_price`` (empty when unpriced), ``elements`` linked, ``cost_item`` (its
      GlobalId; empty without a cost schedule).
    - ``skipped``: what was not written, and why (``what``, ``global_id``, ``code``, ``reason``).
    - ``info``: files, schema, counts (``legacy_sets_kept``: elements where an exporter's
      ``BaseQuantities`` stays beside bimquant's set), warnings; ``skipped_fr``: the skipped
      reasons in French, row for row.
    """

    TABLES = ("elements", "items", "skipped")

    path: Path
    elements: pd.DataFrame
    items: pd.DataFrame
    skipped: pd.DataFrame
    info: dict = field(default_factory=dict)


def writeback(
    model: PathLike | Takeoff,
    output: PathLike,
    rules: RuleSet | PathLike,
    prices: dict[str, pricing.Price] | PathLike | None = None,
    *,
    replace_quantities: bool = False,
    **takeoff_options,
) -> Writeback:
    """Write a copy of ``model`` to ``output`` (an ``.ifc``) with bimquant's base quantities on
    every measured element and the work items of ``rules`` as a cost schedule (unit prices from
    ``prices`` when given; an item without a price is written without a value).

    ``model``: a path, or a :class:`Takeoff` of that file (not measured again). A set of the
    standard's name already on an element is kept (bimquant's values go beside it, in
    ``Bimquant_BaseQuantities``) unless ``replace_quantities``. Checked before anything is
    measured: the output (an ``.ifc`` that can be written and is none of the inputs,
    :class:`OutputError`), the rules and prices (:class:`RuleError`), the model
    (:class:`InputError`). Nothing is written unless everything was.

    Example::

        >>> done = writeback("sample_models/house_ifc4.ifc", "house-5d.ifc", "rules/fr-lots.toml", "rules/fr-prix.csv")
        >>> done.elements[["global_id", "set_name", "status"]]
    """
    source = Path(model.info["file"]) if isinstance(model, Takeoff) else Path(model)
    output = Path(output)
    inputs = {Message("input.model"): source}
    inputs |= {Message("input.rules"): None if isinstance(rules, RuleSet) else rules}
    inputs |= {Message("input.prices"): None if prices is None or isinstance(prices, dict) else prices}
    if output.suffix.lower() != ".ifc":
        raise OutputError(Message("error.writeback.not_ifc", name=output.name), Message("hint.writeback.name_ifc"))
    check_output(output, "ifc", inputs)
    ruleset = rules if isinstance(rules, RuleSet) else load_rules(rules)
    library = {} if prices is None else prices if isinstance(prices, dict) else load_prices(prices)
    copy = open_model(source)  # the model to write into; a file that cannot be read fails here
    measured = model if isinstance(model, Takeoff) else takeoff(source, **takeoff_options)
    budget = estimate(measured, ruleset, library)
    written = IfcWriter(copy, replace_quantities)
    elements = written.add_base_quantities(measured.elements)
    shares = get_shares(budget, exact=copy.schema != "IFC2X3")  # IFC2X3: no cost item adds them up
    lines = budget.lines
    written.add_work_items(
        shares, elements, dict(zip(lines["code"], lines["unit"])), dict(zip(lines["code"], lines["label"]))
    )
    items = written.add_cost_schedule(budget, ruleset, shares, source, prices is not None)
    for row in measured.failures.to_dict(orient="records"):
        reason = row["reason"]
        written.skip("base quantities", row["global_id"], None, Message("skip.not_measured", reason=reason))
    written.finish()
    write_atomically([(output, lambda path: path.write_text(copy.file.to_string(), encoding="utf-8"))])
    frame = pd.DataFrame(elements, columns=WRITEBACK_ELEMENT_COLUMNS)
    statuses = frame["status"].value_counts()
    info = {
        "file": str(source),
        "output": str(output),
        "schema": copy.schema,
        "ruleset": ruleset.name,
        "prices": None
        if prices is None
        else Message("pipeline.price_table")
        if isinstance(prices, dict)
        else str(prices),
        "language": ruleset.language,
        "method_of_measurement": written.method,
        "elements_with_quantities": int((frame["quantities"] > 0).sum()),
        "sets_added": int(statuses.get("added", 0)),
        "sets_beside": int(statuses.get("beside", 0)),
        "sets_replaced": int(statuses.get("replaced", 0)),
        "sets_rewritten": int(statuses.get("rewritten", 0)),
        "legacy_sets_kept": int((frame["legacy_set"] == "kept").sum()),
        "elements_with_work_items": int((frame["work_items"] > 0).sum()),
        "cost_schedule": written.schedule_name,
        "lots": written.lots,
        "cost_items": int(items["cost_item"].notna().sum()),
        "unpriced_items": int(items["unit_price"].isna().sum()),
        "currency": budget.currency,
        "direct_cost": budget.totals["direct_cost"],
        "warnings": written.warnings + list(copy.assumptions),
        "skipped_fr": [row["reason_fr"] for row in written.skipped],
    }
    return Writeback(
        path=output,
        elements=frame,
        items=items,
        skipped=pd.DataFrame(
            [{k: row[k] for k in WRITEBACK_SKIPPED_COLUMNS} for row in written.skipped],
            columns=WRITEBACK_SKIPPED_COLUMNS,
        ),
        info=info,
    )


def get_shares(budget: pricing.Budget, exact: bool = True) -> dict[str, dict[str, float]]:
    """Per work item code, per GlobalId: the element's share of the item's quantity as the
    estimate states it. Each contribution of the trace (an element's layers added up) is scaled
    by the estimate's quantity (rounded to 2 decimals) over the sum of the contributions, then
    rounded so that the shares add up to the estimate's quantity (:func:`add_up`, ``exact``:
    even as floating point when that takes a share off its rounding); an element without a
    value (a missing density) has no share.

    Example::

        >>> shares = get_shares(bimquant.estimate("sample_models/house_ifc4.ifc", "rules/fr-lots.toml", {}))
        >>> round(shares["02.03.01"]["3M40opnSHSLeM$JG6iZTrB"], 6)  # W3's concrete: 5 x 3 x 0.2 less its openings
        1.6
    """
    trace = budget.trace[budget.trace["contribution"].notna()]
    summed = trace.groupby(["code", "global_id"], sort=False)["contribution"].sum()
    stated = dict(zip(budget.lines["code"], budget.lines["quantity"]))
    shares: dict[str, dict[str, float]] = {}
    for code, group in summed.groupby(level="code", sort=False):
        total = float(group.sum())
        factor = stated.get(code, total) / total if total else 1.0
        scaled = {gid: float(value) * factor for (_, gid), value in group.items()}
        shares[code] = add_up(scaled, float(stated.get(code, total)), exact)
    return shares


def add_up(shares: dict[str, float], total: float, exact: bool = True) -> dict[str, float]:
    """``shares`` (GlobalId -> share) rounded to :data:`SHARE_DECIMALS`, adding up to ``total``
    (the estimate's quantity) as decimals, the last share taking the remainder, and as IFC tools
    add an item's quantities: one after the other in floating point, in the order they are
    listed (ifcopenshell's ``get_total_quantity``, ifc5d), so that the item shows 10.88 and not
    10.879999999999999. When the floating point sum misses ``total``, up to 1e-6 moves between
    the last share and one of the 10 before it until it does not; failing that, with ``exact``
    the last share is the floating point remainder (a few units in its last place off its
    decimal), else the shares stay rounded (a sum off by as little).

    Example::

        >>> add_up({"a": 0.3199999999999, "b": 0.2600000000001}, 0.58)  # 0.32 + 0.26 is 0.5800000000000001
        {'a': 0.320000001, 'b': 0.259999999}
    """
    scale = 10**SHARE_DECIMALS
    ids = list(shares)
    if not ids or not math.isfinite(total):
        return {gid: round(value, SHARE_DECIMALS) for gid, value in shares.items()}
    units = [round(shares[gid] * scale) for gid in ids]
    units[-1] = round(total * scale) - sum(units[:-1])
    values = [unit / scale for unit in units]  # an int over an int: the float nearest the decimal
    if sum(values) == total:
        return dict(zip(ids, values))
    for other in range(len(ids) - 2, max(len(ids) - 12, -1), -1):
        for step in (1, -1, 2, -2, 3, -3, 5, -5, 10, -10, 20, -20, 50, -50, 100, -100, 1000, -1000):
            tried = values.copy()
            tried[other], tried[-1] = (units[other] + step) / scale, (units[-1] - step) / scale
            if sum(tried) == total:
                return dict(zip(ids, tried))
    if exact:
        values[-1] = total - sum(values[:-1])
    return dict(zip(ids, values))
