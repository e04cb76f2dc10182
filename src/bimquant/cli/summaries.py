"""What each command prints for a person: summaries on stderr, text reports on stdout.

No computation here beyond grouping for display: every number comes from the library's result.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

import bimquant
from bimquant.authored import VERDICTS
from bimquant.cli.console import err, make_table, show
from bimquant.columns import QUANTITY_COLUMNS
from bimquant.estimate import TOTAL_KEYS
from bimquant.rules import RuleSet, WorkItems


def print_takeoff(result: bimquant.Takeoff) -> None:
    """Counts, volumes by class and storey, failures, suspect authored values; work items."""
    elements, info = result.elements, result.info
    err.print(
        f"[bold]{show(Path(info['file']).name)}[/] ({show(info['schema'])}): "
        f"{len(elements)} elements measured, {len(result.failures)} failed, "
        f"{len(result.excluded)} not measured, in {info['total_s']:.1f} s"
    )
    if len(elements):
        total = lambda values: values.sum(min_count=1)  # noqa: E731  (NaN where nothing applies)
        by_class = elements.groupby("ifc_class").agg(
            count=("global_id", "size"),
            net_volume_m3=("net_volume_m3", total),
            net_side_area_m2=("net_side_area_m2", total),
            net_area_m2=("net_area_m2", total),
        )
        err.print(make_table("By class", by_class))
        storeys = elements.fillna({"storey": "(no storey)"}).sort_values("storey_elevation_m", kind="stable")
        by_storey = storeys.groupby("storey", sort=False).agg(
            count=("global_id", "size"), net_volume_m3=("net_volume_m3", total)
        )
        err.print(make_table("By storey", by_storey))
    print_failures(result.failures)
    if info.get("elements_damaged"):
        err.print(
            f"[bold yellow]{info['elements_damaged']} element(s) use instances the file breaks:[/] their "
            "quantities are uncertain (measure_note)"
        )
    for assumption in info.get("assumptions", []):
        err.print(f"[bold yellow]Assumed:[/] {show(assumption)}")
    suspects = result.authored[result.authored["verdict"] != "ok"] if len(result.authored) else result.authored
    if len(suspects):
        err.print(f"{len(suspects)} authored quantities disagree with the geometry: run [bold]bimquant validate[/]")
    if result.work is not None:
        print_work_items(result.work)


def print_failures(failures: pd.DataFrame) -> None:
    if len(failures):
        err.print(f"[bold red]{len(failures)} element(s) could not be measured:[/]")
        for row in failures.itertuples():
            err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {show(row.reason)}")


def print_work_items(work: WorkItems) -> None:
    items = work.items.set_index("code")[["label", "unit", "quantity", "elements"]]
    err.print(make_table(f"Work items ({work.ruleset.name})", items))
    c = work.coverage
    building = c["elements"] - c.get("not_building_work", 0)
    left_out = f"; {c['not_building_work']} not building work" if c.get("not_building_work") else ""
    err.print(
        f"Coverage: {c['elements_mapped']} of {building} elements ({c['elements_share']:.1%}), "
        f"{c['volume_share']:.1%} of the net volume{left_out}"
    )
    if len(work.unmapped):
        err.print(f"{len(work.unmapped)} element(s) feed no item (sheet 'unmapped'), e.g.:")
        for row in work.unmapped.head(5).itertuples():
            err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {show(row.reason)}")
    print_double_counts(work)
    double = set(work.reconciliation.loc[work.reconciliation["verdict"] == "double_counted", "global_id"])
    others = work.warnings[(work.warnings["kind"] == "conflict") & ~work.warnings["global_id"].isin(double)]
    if len(others):
        err.print(
            f"[bold yellow]{len(others)} conflict(s): elements counted in two items that measure the "
            f"same thing[/] (sheet 'warnings')"
        )
    missing = work.warnings[work.warnings["kind"] == "missing_value"]
    if len(missing):
        err.print(f"{len(missing)} contribution(s) without a value (sheet 'warnings')")


def print_double_counts(work: WorkItems) -> None:
    """Elements counted twice: printed as errors, with the first few and why."""
    double = work.reconciliation[work.reconciliation["verdict"] == "double_counted"]
    if not len(double):
        return
    err.print(
        f"[bold red]{len(double)} element(s) counted twice[/] by items measuring the same thing "
        "(sheet 'reconciliation'), e.g.:"
    )
    for row in double.head(5).itertuples():
        err.print(f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)}: {show(row.reason)}")


def print_validation(report: bimquant.Validation, out: Console, suspects: bool = True) -> None:
    """The agreement table and, with ``suspects``, one line per suspect authored value."""
    if report.summary.empty:
        err.print("No authored quantity that bimquant compares was found in this model.")
        return
    table = Table(title="Authored quantities against geometry (within 1%)", title_justify="left")
    for column in ("class", "quantity", "count", "agree", "share", "suspect"):
        table.add_column(column, justify="left" if column in ("class", "quantity") else "right")
    for row in report.summary.itertuples():
        others = {v: getattr(row, v) for v in VERDICTS[1:] if getattr(row, v)}
        table.add_row(
            show(row.ifc_class),
            show(row.quantity),
            str(row.count),
            str(row.ok),
            f"{row.ok_share:.0%}",
            ", ".join(f"{k} {v}" for k, v in others.items()),
        )
    out.print(table)
    if not suspects:
        out.print(f"{len(report.suspects)} suspect authored value(s)")
    elif len(report.suspects):
        out.print(f"\n{len(report.suspects)} suspect authored values:")
        for row in report.suspects.itertuples():
            out.print(
                f"  {show(row.global_id)} {show(row.ifc_class)} {show(row.name)} "
                f"{show(row.set_name)}.{show(row.quantity)} = {row.authored_value:.6g} "
                f"(geometry {row.computed_value:.6g}): {row.verdict} {show(row.detail or '')}"
            )


def print_explanation(explanation: bimquant.Explanation, out: Console) -> None:
    e = explanation.element
    out.print(
        f"[bold]{show(e['global_id'])}[/] {show(e['ifc_class'])} {show(e['name'])} "
        f"(storey {_or_none(e['storey'])}, material {_or_none(e['material'])})"
    )
    measured = {k: v for k, v in e.items() if k in QUANTITY_COLUMNS and v == v and v is not None}
    out.print("  quantities: " + ", ".join(f"{k} = {v:.6g}" for k, v in measured.items()))
    for o in explanation.openings.itertuples():
        out.print(
            f"  opening {show(o.opening_global_id)}: {o.area_m2:.4g} m2 in the face, {o.volume_m3:.4g} m3 in the host"
        )
    if len(explanation.matched):
        out.print("[bold]Items fed:[/]")
    else:
        out.print("[bold]No item matches this element.[/]")
    for row in explanation.matched.itertuples():
        layer = f" [layer {show(row.layer)}]" if row.layer else ""
        out.print(
            f"  {show(row.code)} {show(row.label)}{layer}: {show(row.formula)} = "
            f"{show(row.computed)} = {row.contribution:.6g} {row.unit}"
        )
        if row.values:
            out.print(f"      values: {show(row.values)}")
        if row.openings_deducted:
            out.print(f"      deducted: {show(row.openings_deducted)}")
        if row.openings_measured_through:
            out.print(f"      measured through: {show(row.openings_measured_through)}")
    if len(explanation.not_matched):
        out.print("[bold]Items not matched:[/]")
    for row in explanation.not_matched.itertuples():
        out.print(f"  {show(row.code)} {show(row.label)}: {show(row.reason)}")


def _or_none(value) -> str:
    return "(none)" if value is None or (isinstance(value, float) and value != value) else show(value)


def print_budget(budget: bimquant.Budget) -> None:
    if budget.work is not None:
        print_double_counts(budget.work)
    lots = budget.lots.set_index("lot")[["amount", "share", "items", "unpriced_items"]]
    err.print(make_table(f"Budget by lot ({budget.currency}, excl. VAT)", lots))
    for key in TOTAL_KEYS:
        err.print(f"  {key.replace('_', ' '):<20} {budget.totals[key]:>16,.2f} {show(budget.currency)}")
    if budget.ratios.get("cost_per_m2_excl_vat") is not None:
        err.print(
            f"  cost per m2 excl. VAT {budget.ratios['cost_per_m2_excl_vat']:,.2f} "
            f"({budget.ratios['floor_area_m2']:,.2f} m2: {show(budget.ratios['floor_area_source'])})"
        )
    if not budget.totals["complete"]:
        err.print(
            f"[bold yellow]Incomplete: {budget.totals['unpriced_items']} item(s) without a price:[/] "
            + show(", ".join(budget.unpriced["code"]))
        )


def print_orders(plan: bimquant.Orders) -> None:
    shown = plan.orders[["supplier", "label", "batch", "need", "ordered", "unit", "packs", "purchase_unit", "surplus"]]
    err.print(make_table("Orders", shown.set_index("supplier")))
    for row in plan.orders.dropna(subset=["trucks"]).itertuples():
        err.print(
            f"  {show(row.label)} / {show(row.batch)}: {int(row.trucks)} truck(s), last one "
            f"{row.last_truck:g} {show(row.unit)}"
        )
    if len(plan.without_recipe):
        err.print(
            f"{len(plan.without_recipe)} item(s) with a quantity but no recipe: "
            + show(", ".join(plan.without_recipe["code"]))
        )


def print_ruleset(ruleset: RuleSet, path: Path, out: Console) -> None:
    lots = sorted({item.lot for item in ruleset.items})
    out.print(
        f"OK: {show(path)}: rule set '{show(ruleset.name)}' ({ruleset.language}), "
        f"{len(ruleset.items)} items in {len(lots)} lots"
    )
    table = Table(title_justify="left")
    for column in ("code", "unit", "label", "quantity", "openings"):
        table.add_column(column)
    for item in ruleset.items:
        conventions = ", ".join(
            f"deduct > {v:g} {unit}"
            for unit, v in (("m2", item.deduct_above_m2), ("m3", item.deduct_above_m3))
            if v is not None
        )
        table.add_row(show(item.code), item.unit, show(item.label), show(item.quantity.text), conventions)
    out.print(table)
