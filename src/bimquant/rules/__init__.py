"""Work items from rule sets kept as data (TOML in ``rules/``): selection, measurement
conventions, layers, coverage and traceability.

Example::

    >>> import bimquant
    >>> from bimquant.rules import apply_rules, load_ruleset
    >>> work = apply_rules(bimquant.takeoff("sample_models/house_ifc4.ifc"), load_ruleset("rules/fr-lots.toml"))
    >>> work.items[["code", "label", "unit", "quantity"]]
"""

from bimquant.rules.apply import Explanation, WorkItems, apply_rules, explain_element
from bimquant.rules.formula import FormulaError, parse_formula
from bimquant.rules.ruleset import Item, RuleSet, load_ruleset

__all__ = [
    "Explanation",
    "FormulaError",
    "Item",
    "RuleSet",
    "WorkItems",
    "apply_rules",
    "explain_element",
    "load_ruleset",
    "parse_formula",
]
