"""Command line: thin glue over the library. stdout is for data, stderr for people.

Exit codes (README.md, "Exit codes"): 0 success, 1 internal error, 2 usage error,
3 unusable model file, 4 mistake in a rule/price/recipe file, 5 elements failed under --strict,
6 output cannot be written.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from enum import Enum
from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import bimquant
from bimquant.quantities.measure import QUANTITY_COLUMNS
from bimquant.errors import BimquantError, ElementFailuresError
from bimquant.orders import Orders, load_phases, load_recipes, plan_orders
from bimquant.estimate import Budget, check_price_units, estimate_budget, load_prices, load_rates
from bimquant.report import check_output, to_json, write_atomically, write_tables
from bimquant.report.dpgf import write_dpgf
from bimquant.report.orders import write_order_book
from bimquant.rules import WorkItems, apply_rules, explain_element, load_ruleset

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Quantity takeoff and estimating from IFC building models.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Kernel(str, Enum):
    auto = "auto"
    opencascade = "opencascade"
    manifold = "manifold"


class OutFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


def _fail(error: BimquantError) -> None:
    err.print(f"[bold red]Error:[/] {escape(error.message)}")
    if error.hint:
        err.print(f"[yellow]Hint:[/] {escape(error.hint)}")
    raise typer.Exit(error.exit_code)


def _measure(model: Path, kernel: Kernel, threads: int | None, quiet: bool) -> bimquant.Takeoff:
    if quiet or not err.is_terminal:
        return bimquant.takeoff(model, kernel=kernel.value, threads=threads)
    with Progress(
        TextColumn("measuring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("geometry", total=None)
        return bimquant.takeoff(
            model,
            kernel=kernel.value,
            threads=threads,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )


def _check_output_options(output: Path | None, fmt: OutFormat | None) -> str | None:
    """The output format, checked before any work: a bad -o or --format fails at once."""
    if output is not None:
        return check_output(output, fmt.value if fmt else None)
    if fmt not in (None, OutFormat.json):
        raise bimquant.OutputError(
            f"--format {fmt.value} needs an output file", "add -o FILE, or use --format json to write to stdout"
        )
    return None


def _emit(
    tables: dict, info: dict, output: Path | None, out_format: str | None, fmt: OutFormat | None, main: str, workbook
) -> None:
    """Write the result: the command's own workbook for .xlsx, the tables for .csv/.json, or
    JSON on stdout; each file whole or not at all."""
    if output is not None and out_format == "xlsx":
        write_atomically([(output, workbook)])
    elif output is not None:
        write_tables(tables, output, fmt=out_format, info=info, main=main, csv_all=True)
    elif fmt == OutFormat.json:
        sys.stdout.write(to_json(tables, info) + "\n")


MODEL_ARG = typer.Argument(..., help="IFC file (IFC2X3, IFC4 or IFC4X3).", show_default=False)
KERNEL_OPT = typer.Option(Kernel.auto, "--kernel", help="Geometry kernel: auto = fast kernel checked by OpenCASCADE.")
THREADS_OPT = typer.Option(None, "--threads", min=1, help="Geometry threads (default: all cores).")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="No progress bar or summary on stderr.")


@app.command()
def takeoff(
    model: Path = MODEL_ARG,
    output: Path | None = typer.Option(None, "--output", "-o", help="Output file: .csv, .xlsx or .json."),
    fmt: OutFormat | None = typer.Option(None, "--format", "-f", help="Output format; json without -o goes to stdout."),
    strict: bool = typer.Option(
        False, "--strict", help="Exit with code 5, writing nothing, if any element could not be measured."
    ),
    rules: Path | None = typer.Option(
        None, "--rules", "-r", help="Rule set (TOML): output work items instead of elements."
    ),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Measure every element of MODEL from its geometry: one row per element, or, with
    --rules, quantities per work item traced to elements.

    Example: bimquant takeoff sample_models/house_ifc4.ifc --rules rules/fr-lots.toml -o metre.xlsx
    """
    try:
        out_format = _check_output_options(output, fmt)
        ruleset = load_ruleset(rules) if rules is not None else None  # a rule mistake fails before measuring
        result = _measure(model, kernel, threads, quiet)
        tables = {
            "elements": result.elements,
            "failures": result.failures,
            "excluded": result.excluded,
            "authored": result.authored,
            "openings": result.openings,
        }
        info = dict(result.info)
        work = apply_rules(result, ruleset) if ruleset is not None else None
        if work is not None:
            info |= {
                "ruleset": ruleset.name,
                "ruleset_file": str(ruleset.path),
                "language": ruleset.language,
                "coverage": work.coverage,
            }
            tables = {
                "items": work.items,
                "by_storey": work.by_storey,
                "trace": work.trace,
                "unmapped": work.unmapped,
                "warnings": work.warnings,
                **tables,
            }
        refused = strict and len(result.failures) > 0  # --strict: no output from a partial takeoff
        if output is not None and not refused:
            if work is not None and out_format == "csv":
                tables = {name: tables[name] for name in ("items", "by_storey", "trace", "unmapped", "warnings")}
            write_tables(
                tables,
                output,
                fmt=fmt.value if fmt else None,
                info=info,
                main="items" if work is not None else "elements",
                csv_all=work is not None,
            )
        elif fmt == OutFormat.json and not refused:
            sys.stdout.write(to_json(tables, info) + "\n")
        if not quiet:
            _print_summary(result, output if not refused else None)
            if work is not None:
                _print_work_items(work)
        if refused:
            if quiet:  # the hint points at this list: print it even without the summary
                _print_failures(result)
            raise ElementFailuresError(
                f"{len(result.failures)} element(s) could not be measured (--strict): nothing written",
                "see the failures listed above; fix them in the model or drop --strict",
            )
    except BimquantError as error:
        _fail(error)


@app.command()
def validate(
    model: Path = MODEL_ARG,
    fmt: ReportFormat = typer.Option(
        ReportFormat.text, "--format", "-f", help="text (stderr+stdout table) or json (stdout)."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the checked quantities to .csv, .xlsx or .json."
    ),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Compare authored quantities in MODEL with the geometry: agreement and suspect values.

    Example: bimquant validate model.ifc --format json
    """
    try:
        if output is not None:
            check_output(output)
        result = _measure(model, kernel, threads, quiet)
        report = bimquant.validate(result)
        if output is not None:
            write_tables(
                {"summary": report.summary, "suspects": report.suspects, "authored": report.authored},
                output,
                info=result.info,
                main="authored",
            )
        if fmt == ReportFormat.json:
            sys.stdout.write(to_json({"summary": report.summary, "suspects": report.suspects}, result.info) + "\n")
        else:
            _print_validation(report)
    except BimquantError as error:
        _fail(error)


@app.command()
def explain(
    model: Path = MODEL_ARG,
    global_id: str = typer.Argument(..., help="GlobalId of the element to explain.", show_default=False),
    rules: Path = typer.Option(..., "--rules", "-r", help="Rule set (TOML)."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text or json (stdout)."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
) -> None:
    """Show, for one element, which items it feeds and how, and why the other items do not match.

    Example: bimquant explain sample_models/house_ifc4.ifc 3M40opnSHSLeM$JG6iZTrB --rules rules/fr-lots.toml
    """
    try:
        ruleset = load_ruleset(rules)
        result = _measure(model, kernel, threads, quiet=True)
        try:
            report = explain_element(result, ruleset, global_id)
        except KeyError:
            listed = pd.concat([result.failures, result.excluded])
            known = listed[listed["global_id"] == global_id]
            if len(known):
                raise bimquant.InputError(f"element {global_id} was not measured: {known['reason'].iloc[0]}") from None
            raise bimquant.InputError(
                f"no element with GlobalId {global_id} in {model}",
                "copy the GlobalId from the takeoff's global_id column",
            ) from None
        if fmt == ReportFormat.json:
            sys.stdout.write(
                to_json(
                    {
                        "matched": pd.DataFrame(report["matched"]),
                        "not_matched": pd.DataFrame(report["not_matched"]),
                        "openings": pd.DataFrame(report["openings"]),
                    },
                    {"element": _plain(report["element"])},
                )
                + "\n"
            )
        else:
            _print_explanation(report)
    except BimquantError as error:
        _fail(error)


@app.command()
def estimate(
    model: Path = MODEL_ARG,
    rules: Path = typer.Option(..., "--rules", "-r", help="Rule set (TOML)."),
    prices: Path = typer.Option(..., "--prices", "-p", help="Price library: .csv or .xlsx."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Output: .xlsx (live formulas), .csv, .json."),
    fmt: OutFormat | None = typer.Option(None, "--format", "-f", help="Output format; json without -o goes to stdout."),
    settings: Path | None = typer.Option(None, "--settings", help="TOML with an [estimate] table of rates."),
    site_overheads: float | None = typer.Option(None, "--site-overheads", help="Site overheads, % of direct cost."),
    general_overheads: float | None = typer.Option(None, "--general-overheads", help="General overheads, %."),
    contingency: float | None = typer.Option(None, "--contingency", help="Contingency, % of direct cost."),
    margin: float | None = typer.Option(None, "--margin", help="Margin, % of cost with overheads."),
    vat: float | None = typer.Option(None, "--vat", help="VAT, % of the total excl. VAT."),
    strict: bool = typer.Option(False, "--strict", help="Exit with code 4, writing nothing, if an item has no price."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Price the work items of MODEL: DQE/DPGF with lots, overheads, margin and VAT.

    Example: bimquant estimate sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --prices rules/fr-prix.csv -o dpgf.xlsx
    """
    try:
        out_format = _check_output_options(output, fmt)
        ruleset = load_ruleset(rules)
        library = load_prices(prices)
        rates = load_rates(
            settings,
            site_overheads_pct=site_overheads,
            general_overheads_pct=general_overheads,
            contingency_pct=contingency,
            margin_pct=margin,
            vat_pct=vat,
        )
        check_price_units(ruleset, library)
        result = _measure(model, kernel, threads, quiet)
        work = apply_rules(result, ruleset)
        budget = estimate_budget(work, library, rates, result.elements)
        if strict and not budget.totals["complete"]:
            codes = ", ".join(budget.unpriced["code"].head(5))
            raise bimquant.RuleError(
                f"{len(budget.unpriced)} item(s) have no price in {prices} (--strict): {codes}; nothing written",
                "add these codes to the price library, or drop --strict",
            )
        info = {
            **result.info,
            "ruleset": ruleset.name,
            "prices": str(prices),
            "language": ruleset.language,
            "currency": budget.currency,
            "rates": asdict(rates),
            "ratios": budget.ratios,
            "totals": budget.totals,
            "coverage": work.coverage,
        }
        tables = {"lines": budget.lines, "lots": budget.lots, "unpriced": budget.unpriced, "trace": work.trace}
        title = f"{Path(model).name} / {ruleset.name}"
        _emit(
            tables,
            info,
            output,
            out_format,
            fmt,
            main="lines",
            workbook=lambda tmp: write_dpgf(budget, work.trace, tmp, language=ruleset.language, title=title),
        )
        if not quiet:
            _print_budget(budget, output)
    except BimquantError as error:
        _fail(error)


def _print_budget(budget: Budget, output: Path | None) -> None:
    lots = budget.lots.set_index("lot")[["amount", "share", "items", "unpriced_items"]]
    err.print(_table(f"Budget by lot ({budget.currency}, excl. VAT)", lots))
    t = budget.totals
    for key in (
        "direct_cost",
        "site_overheads",
        "general_overheads",
        "contingency",
        "margin",
        "total_excl_vat",
        "vat",
        "total_incl_vat",
    ):
        err.print(f"  {key.replace('_', ' '):<20} {t[key]:>16,.2f} {budget.currency}")
    if budget.ratios.get("cost_per_m2_excl_vat") is not None:
        err.print(
            f"  cost per m2 excl. VAT {budget.ratios['cost_per_m2_excl_vat']:,.2f} "
            f"({budget.ratios['gross_floor_area_m2']:,.2f} m2 of floor slabs)"
        )
    if not t["complete"]:
        err.print(
            f"[bold yellow]Incomplete: {t['unpriced_items']} item(s) without a price:[/] "
            + escape(", ".join(budget.unpriced["code"]))
        )
    if output is not None:
        err.print(f"Written: {escape(str(output))}")


class BatchBy(str, Enum):
    storey = "storey"
    phase = "phase"


@app.command()
def order(
    model: Path = MODEL_ARG,
    rules: Path = typer.Option(..., "--rules", "-r", help="Rule set (TOML)."),
    recipes: Path = typer.Option(..., "--recipes", help="Recipe file (TOML): materials per work item."),
    by: BatchBy = typer.Option(BatchBy.storey, "--by", help="Delivery batches: per storey, or per phase."),
    phases: Path | None = typer.Option(None, "--phases", help="Phase file (TOML), needed with --by phase."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Output: .xlsx (a sheet per supplier), .csv, .json."
    ),
    fmt: OutFormat | None = typer.Option(None, "--format", "-f", help="Output format; json without -o goes to stdout."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Material orders for MODEL: quantities with waste, rounded to packs, per supplier and batch.

    Example: bimquant order sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --recipes rules/fr-recettes.toml -o commandes.xlsx
    """
    try:
        out_format = _check_output_options(output, fmt)
        if by == BatchBy.phase and phases is None:
            raise bimquant.RuleError("--by phase needs a phase file", "add --phases phases.toml (see README)")
        ruleset = load_ruleset(rules)
        book = load_recipes(recipes, ruleset)
        phase_list = load_phases(phases) if by == BatchBy.phase else None
        result = _measure(model, kernel, threads, quiet)
        work = apply_rules(result, ruleset)
        storeys = (
            result.elements.groupby("storey")["storey_elevation_m"].min().sort_values().index.tolist()
            if len(result.elements)
            else []
        )
        plan = plan_orders(work, book, phase_list, storeys)
        info = {**result.info, "ruleset": ruleset.name, **plan.info}
        tables = {
            "orders": plan.orders,
            "summary": plan.summary,
            "needs": plan.needs,
            "without_recipe": plan.without_recipe,
        }
        _emit(tables, info, output, out_format, fmt, main="orders", workbook=lambda tmp: write_order_book(plan, tmp))
        if not quiet:
            _print_orders(plan, output)
    except BimquantError as error:
        _fail(error)


def _print_orders(plan: Orders, output: Path | None) -> None:
    shown = plan.orders[["supplier", "label", "batch", "need", "ordered", "packs", "purchase_unit", "surplus"]]
    err.print(_table("Orders", shown.set_index("supplier")))
    concrete = plan.orders.dropna(subset=["trucks"])
    for row in concrete.itertuples():
        err.print(
            f"  {escape(row.label)} / {escape(str(row.batch))}: {int(row.trucks)} truck(s), last one "
            f"{row.last_truck:g} {row.unit}"
        )
    if len(plan.without_recipe):
        err.print(
            f"{len(plan.without_recipe)} item(s) with a quantity but no recipe: "
            + escape(", ".join(plan.without_recipe["code"]))
        )
    if output is not None:
        err.print(f"Written: {escape(str(output))}")


rules_app = typer.Typer(help="Work with rule sets.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(rules: Path = typer.Argument(..., help="Rule set (TOML).", show_default=False)) -> None:
    """Check a rule set without a model: syntax, keys, IFC classes, formulas and units.

    Example: bimquant rules check rules/fr-lots.toml
    """
    try:
        ruleset = load_ruleset(rules)
    except BimquantError as error:
        _fail(error)
    out = Console(highlight=False, soft_wrap=True)
    lots = sorted({item.lot for item in ruleset.items})
    out.print(
        f"OK: {escape(str(rules))}: rule set '{escape(ruleset.name)}' ({ruleset.language}), "
        f"{len(ruleset.items)} items in {len(lots)} lots"
    )
    table = Table(title_justify="left")
    for column in ("code", "unit", "label", "quantity", "openings"):
        table.add_column(column)
    for item in ruleset.items:
        conventions = ", ".join(
            f"{k} {v:g}"
            for k, v in (("deduct > m2", item.deduct_above_m2), ("deduct > m3", item.deduct_above_m3))
            if v is not None
        )
        table.add_row(escape(item.code), item.unit, escape(item.label), escape(item.quantity.text), conventions)
    out.print(table)


def _plain(record: dict) -> dict:
    return {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}


def _print_explanation(report: dict) -> None:
    out = Console(highlight=False, soft_wrap=True)
    e = report["element"]
    out.print(
        f"[bold]{escape(e['global_id'])}[/] {e['ifc_class']} {escape(str(e['name']))} "
        f"(storey {escape(str(e['storey']))}, material {escape(str(e['material']))})"
    )
    measured = {k: v for k, v in e.items() if k in QUANTITY_COLUMNS and v == v and v is not None}
    out.print("  quantities: " + ", ".join(f"{k} = {v:.6g}" for k, v in measured.items()))
    for o in report["openings"]:
        out.print(
            f"  opening {escape(o['opening_global_id'])}: {o['area_m2']:.4g} m2 in the face, "
            f"{o['volume_m3']:.4g} m3 in the host"
        )
    if report["matched"]:
        out.print("[bold]Items fed:[/]")
    for row in report["matched"]:
        layer = f" [layer {escape(str(row['layer']))}]" if row["layer"] else ""
        out.print(
            f"  {escape(row['code'])} {escape(row['label'])}{layer}: {escape(row['formula'])} = "
            f"{escape(row['computed'])} = {row['contribution']:.6g} {row['unit']}"
        )
        if row["openings_deducted"]:
            out.print(f"      deducted: {escape(row['openings_deducted'])}")
        if row["openings_measured_through"]:
            out.print(f"      measured through: {escape(row['openings_measured_through'])}")
    if not report["matched"]:
        out.print("[bold]No item matches this element.[/]")
    if report["not_matched"]:
        out.print("[bold]Items not matched:[/]")
    for row in report["not_matched"]:
        out.print(f"  {escape(row['code'])} {escape(row['label'])}: {escape(row['reason'])}")


def _print_work_items(work: WorkItems) -> None:
    err.print(
        _table(
            f"Work items ({work.ruleset.name})", work.items.set_index("code")[["label", "unit", "quantity", "elements"]]
        )
    )
    c = work.coverage
    err.print(
        f"Coverage: {c['elements_mapped']} of {c['elements']} elements ({c['elements_share']:.1%}), "
        f"{c['volume_share']:.1%} of the net volume"
    )
    if len(work.unmapped):
        err.print(f"{len(work.unmapped)} element(s) feed no item (sheet 'unmapped'), e.g.:")
        for row in work.unmapped.head(5).itertuples():
            err.print(f"  {escape(row.global_id)} {row.ifc_class} {escape(str(row.name))}: {escape(row.reason)}")
    conflicts = work.warnings[work.warnings["kind"] == "conflict"]
    if len(conflicts):
        err.print(
            f"[bold yellow]{len(conflicts)} conflict(s): elements counted in two items that measure the "
            f"same thing[/] (sheet 'warnings')"
        )
    missing = work.warnings[work.warnings["kind"] == "missing_value"]
    if len(missing):
        err.print(f"{len(missing)} contribution(s) without a value (sheet 'warnings')")


def _print_summary(result: bimquant.Takeoff, output: Path | None) -> None:
    elements = result.elements
    info = result.info
    err.print(
        f"[bold]{escape(Path(info['file']).name)}[/] ({info['schema']}): "
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
        err.print(_table("By class", by_class))
        storeys = elements.fillna({"storey": "(no storey)"}).sort_values("storey_elevation_m", kind="stable")
        by_storey = storeys.groupby("storey", sort=False).agg(
            count=("global_id", "size"), net_volume_m3=("net_volume_m3", total)
        )
        err.print(_table("By storey", by_storey))
    _print_failures(result)
    suspects = result.authored[result.authored["verdict"] != "ok"] if len(result.authored) else result.authored
    if len(suspects):
        err.print(f"{len(suspects)} authored quantities disagree with the geometry: run [bold]bimquant validate[/]")
    if output is not None:
        err.print(f"Written: {escape(str(output))}")


def _print_failures(result: bimquant.Takeoff) -> None:
    if len(result.failures):
        err.print(f"[bold red]{len(result.failures)} element(s) could not be measured:[/]")
        for row in result.failures.itertuples():
            err.print(f"  {escape(row.global_id)} {row.ifc_class} {escape(str(row.name))}: {escape(row.reason)}")


def _table(title: str, frame: pd.DataFrame) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(frame.index.name or "")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(column, justify="right" if numeric else "left")
    for key, *values in frame.itertuples(name=None):  # iterrows would turn counts into floats
        cells = ["" if pd.isna(v) else f"{v:,.2f}" if isinstance(v, float) else str(v) for v in values]
        table.add_row(escape(str(key)), *cells)
    return table


def _print_validation(report: bimquant.Validation) -> None:
    out = Console(highlight=False, soft_wrap=True)
    if report.summary.empty:
        err.print("No authored quantity that bimquant compares was found in this model.")
        return
    table = Table(title="Authored quantities against geometry (within 1%)", title_justify="left")
    for column in ("class", "quantity", "count", "agree", "share", "suspect"):
        table.add_column(column, justify="left" if column in ("class", "quantity") else "right")
    for row in report.summary.itertuples():
        others = {v: getattr(row, v) for v in bimquant.authored.VERDICTS[1:] if getattr(row, v)}
        table.add_row(
            row.ifc_class,
            row.quantity,
            str(row.count),
            str(row.ok),
            f"{row.ok_share:.0%}",
            ", ".join(f"{k} {v}" for k, v in others.items()),
        )
    out.print(table)
    if len(report.suspects):
        out.print(f"\n{len(report.suspects)} suspect authored values:")
        for row in report.suspects.itertuples():
            out.print(
                f"  {escape(row.global_id)} {row.ifc_class} {escape(str(row.name))} "
                f"{escape(str(row.set_name))}.{row.quantity} = {row.authored_value:.6g} "
                f"(geometry {row.computed_value:.6g}): {row.verdict} {escape(str(row.detail or ''))}"
            )


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
    except Exception as exc:  # a bug in bimquant, not a user mistake
        err.print(f"[bold red]Error:[/] internal error: {escape(type(exc).__name__ + ': ' + str(exc))}")
        err.print("[yellow]Hint:[/] this is a bimquant bug; please report it with the model if you can")
        sys.exit(1)
