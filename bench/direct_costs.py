"""Direct cost of real models with the shipped rule sets and example prices, line by line.

Run from the project root, with ../shared/models beside it:

    python bench/direct_costs.py                 # this checkout
    python bench/direct_costs.py --json out.json # and keep the figures to compare with another commit

To compare with an earlier commit: ``git worktree add /tmp/old COMMIT`` and run
``PYTHONPATH=/tmp/old/src python bench/direct_costs.py --json old.json`` from /tmp/old.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import bimquant

MODELS = ["AC20-FZK-Haus.ifc", "AC11-Institute-Var-2-IFC.ifc", "Office_A_20110811.ifc"]
SETS = [("rules/fr-lots.toml", "rules/fr-prix.csv"), ("rules/en-trades.toml", "rules/en-prices.csv")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default=str(Path("..") / "shared" / "models"))
    parser.add_argument("--json", help="write {model|rules: {direct, lines}} here")
    args = parser.parse_args()
    figures = {}
    for model in MODELS:
        measured = bimquant.takeoff(Path(args.models) / model)
        for rules, prices in SETS:
            budget = bimquant.estimate(measured, rules, prices)
            lines = dict(zip(budget.lines["code"], budget.lines["amount"].fillna(0).astype(float)))
            figures[f"{model}|{rules}"] = {"direct": budget.totals["direct_cost"], "lines": lines}
            print(f"{model:32} {rules:22} direct cost {budget.totals['direct_cost']:>14,.2f} {budget.currency}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
