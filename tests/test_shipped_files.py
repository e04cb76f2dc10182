"""The shipped rule sets, price libraries and recipe books fit together."""

from __future__ import annotations

from pathlib import Path

import pytest

from bimquant.estimate import load_prices
from bimquant.rules import load_ruleset

RULES = Path(__file__).resolve().parents[1] / "rules"
OPT_IN = {"11.01.01"}  # furniture: not building work in the shipped sets, an item to uncomment


@pytest.mark.parametrize("rules, prices", [("fr-lots.toml", "fr-prix.csv"), ("en-trades.toml", "en-prices.csv")])
def test_every_shipped_item_has_a_shipped_price_in_its_unit(rules, prices):
    ruleset = load_ruleset(RULES / rules)
    library = load_prices(RULES / prices)
    missing = [item.code for item in ruleset.items if item.code not in library]
    assert not missing
    assert all(library[item.code].unit == item.unit for item in ruleset.items)
    # no price for a code that does not exist, but for the opt-in furniture item (in comments)
    assert set(library) - {item.code for item in ruleset.items} <= OPT_IN
