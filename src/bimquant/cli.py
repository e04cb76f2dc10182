"""Command line: thin glue over the library. stdout is for data, stderr for people.

Exit codes (README.md, "Exit codes"): 0 success, 1 internal error, 2 usage error,
3 unusable model file, 4 mistake in a rule/price/recipe file, 5 elements failed under --strict,
6 output cannot be written.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import bimquant
from bimquant.errors import BimquantError, ElementFailuresError
from bimquant.report import get_format, to_json, write_tables

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
    with Progress(TextColumn("measuring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("geometry", total=None)
        return bimquant.takeoff(model, kernel=kernel.value, threads=threads,
                                progress=lambda done, total: bar.update(task, completed=done, total=total))


MODEL_ARG = typer.Argument(..., help="IFC file (IFC2X3, IFC4 or IFC4X3).", show_default=False)
KERNEL_OPT = typer.Option(Kernel.auto, "--kernel", help="Geometry kernel: auto = fast kernel checked by OpenCASCADE.")
THREADS_OPT = typer.Option(None, "--threads", min=1, help="Geometry threads (default: all cores).")
QUIET_OPT = typer.Option(False, "--quiet", "-q", help="No progress bar or summary on stderr.")


@app.command()
def takeoff(
    model: Path = MODEL_ARG,
    output: Path | None = typer.Option(None, "--output", "-o", help="Output file: .csv, .xlsx or .json."),
    fmt: OutFormat | None = typer.Option(None, "--format", "-f", help="Output format; json without -o goes to stdout."),
    strict: bool = typer.Option(False, "--strict", help="Exit with code 5 if any element could not be measured."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Measure every element of MODEL from its geometry: one row per element.

    Example: bimquant takeoff sample_models/house_ifc4.ifc -o takeoff.xlsx
    """
    try:
        if output is not None:
            get_format(output, fmt.value if fmt else None)  # refuse a bad extension before working
        elif fmt not in (None, OutFormat.json):
            raise bimquant.OutputError(f"--format {fmt.value} needs an output file",
                                       "add -o FILE, or use --format json to write to stdout")
        result = _measure(model, kernel, threads, quiet)
        tables = {"elements": result.elements, "failures": result.failures,
                  "excluded": result.excluded, "authored": result.authored}
        if output is not None:
            write_tables(tables, output, fmt=fmt.value if fmt else None, info=result.info, main="elements")
        elif fmt == OutFormat.json:
            sys.stdout.write(to_json(tables, result.info) + "\n")
        if not quiet:
            _print_summary(result, output)
        if strict and len(result.failures):
            raise ElementFailuresError(f"{len(result.failures)} element(s) could not be measured (--strict)",
                                       "see the failures listed above; fix them in the model or drop --strict")
    except BimquantError as error:
        _fail(error)


@app.command()
def validate(
    model: Path = MODEL_ARG,
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text (stderr+stdout table) or json (stdout)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the checked quantities to .csv, .xlsx or .json."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    quiet: bool = QUIET_OPT,
) -> None:
    """Compare authored quantities in MODEL with the geometry: agreement and suspect values.

    Example: bimquant validate model.ifc --format json
    """
    try:
        if output is not None:
            get_format(output)
        result = _measure(model, kernel, threads, quiet)
        report = bimquant.validate(result)
        if output is not None:
            write_tables({"summary": report.summary, "suspects": report.suspects, "authored": report.authored},
                         output, info=result.info, main="authored")
        if fmt == ReportFormat.json:
            sys.stdout.write(to_json({"summary": report.summary, "suspects": report.suspects}, result.info) + "\n")
        else:
            _print_validation(report)
    except BimquantError as error:
        _fail(error)


def _print_summary(result: bimquant.Takeoff, output: Path | None) -> None:
    elements = result.elements
    info = result.info
    err.print(f"[bold]{escape(Path(info['file']).name)}[/] ({info['schema']}): "
              f"{len(elements)} elements measured, {len(result.failures)} failed, "
              f"{len(result.excluded)} not measured, in {info['total_s']:.1f} s")
    if len(elements):
        by_class = elements.groupby("ifc_class").agg(
            count=("global_id", "size"), net_volume_m3=("net_volume_m3", "sum"),
            net_side_area_m2=("net_side_area_m2", "sum"), net_area_m2=("net_area_m2", "sum"))
        err.print(_table("By class", by_class))
        by_storey = elements.fillna({"storey": "(no storey)"}).groupby("storey", sort=False).agg(
            count=("global_id", "size"), net_volume_m3=("net_volume_m3", "sum"))
        err.print(_table("By storey", by_storey))
    if len(result.failures):
        err.print(f"[bold red]{len(result.failures)} element(s) could not be measured:[/]")
        for row in result.failures.itertuples():
            err.print(f"  {escape(row.global_id)} {row.ifc_class} {escape(str(row.name))}: {escape(row.reason)}")
    suspects = result.authored[result.authored["verdict"] != "ok"] if len(result.authored) else result.authored
    if len(suspects):
        err.print(f"{len(suspects)} authored quantities disagree with the geometry: run [bold]bimquant validate[/]")
    if output is not None:
        err.print(f"Written: {escape(str(output))}")


def _table(title: str, frame: pd.DataFrame) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(frame.index.name or "")
    for column in frame.columns:
        table.add_column(column, justify="right")
    for key, row in frame.iterrows():
        cells = [f"{v:,.2f}" if isinstance(v, float) else str(v) for v in row]
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
        table.add_row(row.ifc_class, row.quantity, str(row.count), str(row.ok), f"{row.ok_share:.0%}",
                      ", ".join(f"{k} {v}" for k, v in others.items()))
    out.print(table)
    if len(report.suspects):
        out.print(f"\n{len(report.suspects)} suspect authored values:")
        for row in report.suspects.itertuples():
            out.print(f"  {escape(row.global_id)} {row.ifc_class} {escape(str(row.name))} "
                      f"{escape(str(row.set_name))}.{row.quantity} = {row.authored_value:.6g} "
                      f"(geometry {row.computed_value:.6g}): {row.verdict} {escape(str(row.detail or ''))}")


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
