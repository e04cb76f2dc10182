"""Print, for each model and shipped rule set, how the reconciliation reads: elements priced
once, counted twice, of no value, not priced, failed, not building work, represented by parts
or parent, the share of the building volume priced once, and whether the estimate is complete.

and the direct cost (EUR, shipped price lists).

Usage::

    python tools/coverage_table.py ../shared/models sample_models > coverage.md

``--rules-from DIR`` takes the rule sets and price lists of another checkout (for a before and
after table: ``git worktree add /tmp/before REV``, then
``PYTHONPATH=/tmp/before/src python tools/coverage_table.py --rules-from /tmp/before ../shared/models``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import bimquant
from bimquant.rules.apply import STATUSES

ROOT = Path(__file__).resolve().parents[1]
RULE_SETS = [("fr-lots.toml", "fr-prix.csv"), ("en-trades.toml", "en-prices.csv")]
SHORT = {
    "priced_once": "once",
    "double_counted": "twice",
    "value_unknown": "no value",
    "not_priced": "not priced",
    "geometry_failed": "failed",
    "not_building_work": "not work",
    "represented_by_parts": "by parts",
    "represented_by_parent": "by parent",
}


def main(folders: list[str], root: Path = ROOT) -> int:
    paths = sorted(p for folder in folders for p in Path(folder).glob("*.ifc"))
    head = ["model", "rules", "elements", *(SHORT[s] for s in STATUSES), "volume priced", "complete", "direct cost"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for path in paths:
        measured = bimquant.takeoff(path)
        for rules, prices in RULE_SETS:
            budget = bimquant.estimate(measured, root / "rules" / rules, root / "rules" / prices)
            c = budget.work.coverage
            volume = f"{c['volume_share']:.1%} of {c['net_volume_m3']:,.1f} m3"
            cells = [path.name, rules, str(c["elements"]), *(str(c[s]) for s in STATUSES), volume]
            cells.append("yes" if budget.totals["complete"] else "no")
            cells.append(f"{budget.totals['direct_cost']:,.2f}")
            print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    root = ROOT
    if args[:1] == ["--rules-from"]:
        root, args = Path(args[1]), args[2:]
    sys.exit(main(args or [str(ROOT.parent / "shared" / "models"), str(ROOT / "sample_models")], root))
