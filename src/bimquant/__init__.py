"""bimquant: quantity takeoff and estimating from IFC building models.

One function per command, each taking a path or the result of the stage before it, and one
writer for every result::

    >>> import bimquant
    >>> measured = bimquant.takeoff("sample_models/house_ifc4.ifc")
    >>> budget = bimquant.estimate(measured, rules="rules/fr-lots.toml", prices="rules/fr-prix.csv")
    >>> plan = bimquant.order(measured, rules="rules/fr-lots.toml", recipes="rules/fr-recettes.toml")
    >>> bimquant.write(budget, "dpgf.xlsx")
    [PosixPath('dpgf.xlsx')]

The library never prints and never exits: it raises :class:`BimquantError` subclasses and logs
to the ``bimquant`` logger.
"""

from __future__ import annotations

import logging

from bimquant import cache
from bimquant.authored import Validation
from bimquant.situation import Situation
from bimquant.costs import Costs
from bimquant.stock import Stock
from bimquant.errors import (
    BimquantError,
    ElementFailuresError,
    IncompleteError,
    InputError,
    OutputError,
    RuleError,
)
from bimquant.estimate import Budget
from bimquant.orders import Orders
from bimquant.schedule import Plan
from bimquant.pipeline import (
    check,
    costs,
    diff,
    estimate,
    explain,
    load_prices,
    load_recipes,
    load_rules,
    order,
    plan,
    report_view,
    situation,
    stock,
    takeoff,
    validate,
)
from bimquant.batch import Batch, batch
from bimquant.readiness import Readiness
from bimquant.report import get_map_path, write, write_costs_chart, write_map, write_plan_chart, write_situation_chart
from bimquant.report.html import write_html
from bimquant.view import View
from bimquant.diff import Revision
from bimquant.rules import Explanation, WorkItems
from bimquant.takeoff import Takeoff
from bimquant.writeback import Writeback, writeback

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())  # the library logs, never prints

__all__ = [
    "Batch",
    "BimquantError",
    "Budget",
    "Costs",
    "ElementFailuresError",
    "IncompleteError",
    "Explanation",
    "InputError",
    "Orders",
    "Plan",
    "Readiness",
    "OutputError",
    "Revision",
    "RuleError",
    "Situation",
    "Stock",
    "Takeoff",
    "Validation",
    "View",
    "WorkItems",
    "Writeback",
    "batch",
    "cache",
    "check",
    "costs",
    "diff",
    "estimate",
    "explain",
    "get_map_path",
    "load_prices",
    "load_recipes",
    "load_rules",
    "order",
    "plan",
    "situation",
    "stock",
    "takeoff",
    "report_view",
    "validate",
    "write",
    "write_html",
    "write_costs_chart",
    "write_plan_chart",
    "write_map",
    "write_situation_chart",
    "writeback",
]
