"""The commands: each parses its options, calls the library function of the same name, writes
through ``bimquant.write`` and prints a summary on stderr. stdout is for data, stderr for people.

Exit codes (README.md, "Exit codes"): 0 success, 1 internal error, 2 usage error,
3 unusable model file, 4 mistake in a rule/price/recipe file, 5 elements failed under --strict,
6 output cannot be written, 130 interrupted.
"""

from __future__ import annotations

import gc
import importlib.util
import logging
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as ProgressBar

import bimquant
from bimquant.cli import summaries
from bimquant.cli.console import ClickException, LogToConsole, UsageError, err, fail, show, usage_error
from bimquant.errors import BimquantError, ElementFailuresError, IncompleteError, OutputError
from bimquant.geometry.iterator import ProgressCallback
from bimquant.messages import Message, say
from bimquant.report import check_output
from bimquant.report.html import check_report_output
from bimquant.report.atomic import write_atomically

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Quantity takeoff and estimating from IFC building models.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts are plain: "[estimate]" is a TOML table, not markup
)


_WRITTEN: list[str] = []  # files this run has written, for the message if it is interrupted
_CHARTS: list[Path] = []  # charts drawn (--report), said after the main output


class Kernel(str, Enum):
    auto = "auto"
    opencascade = "opencascade"
    manifold = "manifold"


def _option(*args, **kwargs):
    """``typer.Option`` leaving a path's readability to bimquant: an unreadable model is exit 3
    and an unreadable rule, price or recipe file exit 4, each in one line, not a usage error."""
    return typer.Option(*args, readable=False, **kwargs)


def _argument(*args, **kwargs):
    """``typer.Argument``, readability left to bimquant (see :func:`_option`)."""
    return typer.Argument(*args, readable=False, **kwargs)


class OutFormat(str, Enum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


class View(str, Enum):
    client = "client"
    internal = "internal"


class BatchBy(str, Enum):
    storey = "storey"
    phase = "phase"


PERCENTAGE = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def parse_percentage(value: str | float) -> float:
    """A number written with a decimal point or a decimal comma: ``5.5`` or ``5,5``; anything
    else is a usage error (exit 2). The library checks the range (0 to 100, exit 4)."""
    text = str(value).strip()
    if not PERCENTAGE.fullmatch(text):  # float() would also take 1_0, inf, nan and 1e1
        raise typer.BadParameter(Message("usage.not_a_number", value=repr(str(value))))
    return float(text.replace(",", "."))


def _the(input: str, **values) -> Message:
    """An input file as a refusal to write over it names it (``the rule set (--rules)``)."""
    return Message(f"input.{input}", **values)


def _version(value: bool) -> None:
    if value:
        Console(highlight=False).print(f"bimquant {bimquant.__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = _option(False, "--version", help="Show the version and exit.", callback=_version, is_eager=True),
) -> None:
    """Quantity takeoff and estimating from IFC building models."""


MODEL_ARG = _argument(..., help="IFC file (IFC2X3, IFC4 or IFC4X3).", show_default=False, metavar="MODEL")
OUTPUT_OPT = _option(None, "--output", "-o", help="Output file: .csv, .xlsx or .json.")
FORMAT_OPT = _option(None, "--format", "-f", help="Output format; json without -o goes to stdout.")
RULES_OPT = _option(..., "--rules", "-r", help="Rule set (TOML).")
KERNEL_OPT = _option(Kernel.auto, "--kernel", help="Geometry kernel: auto = fast kernel checked by OpenCASCADE.")
MAX_THREADS = 256
THREADS_OPT = _option(
    None, "--threads", min=1, max=MAX_THREADS, help=f"Geometry threads, 1 to {MAX_THREADS} (default: all cores)."
)
NO_CACHE_OPT = _option(
    False, "--no-cache", help="Measure the model again, neither reading nor storing the cache (see 'bimquant cache')."
)
CONTRACT_ARG = _argument(
    ..., help="The JSON bimquant estimate wrote for the signed revision.", show_default=False, metavar="CONTRACT"
)
START_OPT = _option(None, "--start", help="The job's first month, YYYY-MM (rows dated earlier are refused).")
MATERIALS_OPT = _option(
    None, "--materials", help="Material library (TOML) for densities the model does not state (default: shipped)."
)


class Locale(str, Enum):
    fr = "fr"
    en = "en"


LOCALE_OPT = _option(
    None,
    "--locale",
    help="Language of sheets, headers and summaries, and CSV conventions: fr (; and decimal commas) or en; "
    "default: the rule set's language.",
)
QUIET_OPT = _option(False, "--quiet", "-q", help="No progress bar or summary on stderr (warnings still shown).")
VERBOSE_OPT = _option(False, "--verbose", "-v", help="Also show what the library logs as information.")


def _rate_option(flag: str, text: str):
    return _option(None, flag, help=f"{text} (5.5 or 5,5).", parser=parse_percentage, metavar="PERCENT")


@contextmanager
def _session(verbose: bool, locale: str = "en") -> Iterator[LogToConsole]:
    """Run a command: the library's log records are shown on stderr (warnings; with --verbose,
    information too) and a library error becomes one ``Error:`` line and its exit code, in
    ``locale``: --locale, or English until the command knows its language (it sets the
    handler's ``locale`` then)."""
    logger = logging.getLogger("bimquant")
    level = logging.INFO if verbose else logging.WARNING
    handler, previous = LogToConsole(level, locale), logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield handler
    except BimquantError as error:
        handler.flush_to(err)
        if isinstance(error, ElementFailuresError) and error.failures is not None:
            summaries.print_failures(error.failures, handler.locale)  # the hint points at this list
        fail(error, handler.locale)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    handler.flush_to(err)


@contextmanager
def _progress(quiet: bool, locale: str = "en"):
    """A progress callback drawing a bar on a terminal, or None."""
    if quiet or not err.is_terminal:
        yield None
        return
    columns = (
        TextColumn(say("console.progress.measuring", locale)),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"),
    )
    with ProgressBar(*columns, console=err, transient=True) as bar:
        task = bar.add_task("geometry", total=None, note="")

        def update(done: int, total: int, slowest: str | None = None) -> None:
            note = say("console.progress.slowest", locale, name=Path(slowest).name) if slowest else ""
            bar.update(task, completed=done, total=total, note=note)

        yield update


def _output_format(output: Path | None, fmt: OutFormat | None, inputs: dict[str, Path | None]) -> None:
    """Check -o and --format before any work: a bad one fails at once, not after measuring,
    and the output never overwrites one of the command's ``inputs``."""
    if output is not None:
        check_output(output, fmt.value if fmt else None, inputs)
    elif fmt not in (None, OutFormat.json):
        raise OutputError(
            Message("console.output.format_needs_file", format=fmt.value),
            Message("console.output.format_needs_file_hint"),
        )


def _emit(result, output: Path | None, fmt: OutFormat | None, locale: Locale | None = None) -> None:
    """Write the result to ``output``, or as JSON on stdout with ``--format json`` and no -o."""
    if output is not None:
        written = bimquant.write(result, output, fmt.value if fmt else None, locale=locale.value if locale else None)
        _WRITTEN.extend(str(path) for path in written)
    elif fmt == OutFormat.json:
        bimquant.write(result, sys.stdout, "json")


def _produce(
    compute: Callable[[ProgressCallback | None], Any],
    summarize: Callable[[Any, str], None],
    output: Path | None,
    fmt: OutFormat | None,
    quiet: bool,
    verbose: bool,
    inputs: dict[str, Path | None],
    locale: Locale | None = None,
) -> str:
    """The shape of every command that writes a result: check the output, compute the result
    with a progress bar, write it, print its summary and, last, the file written. The summary
    speaks ``locale``, by default the rule set's language; returns that language."""
    with _session(verbose, _known(locale)) as session:
        _output_format(output, fmt, inputs)
        with _progress(quiet, _known(locale)) as progress:
            result = compute(progress)
        language = session.locale = _language(result, locale)
        _emit(result, output, fmt, locale)
        if not quiet:
            summarize(result, language)
    _written(output, quiet, language)
    return language


def _known(locale: Locale | None) -> str:
    """The language a command speaks before its result says one: --locale, else English."""
    return locale.value if locale is not None else "en"


def _language(result, locale: Locale | None) -> str:
    """The summary's language: --locale, else the rule set's, else English."""
    if locale is not None:
        return locale.value
    return result.info.get("language") if result.info.get("language") in ("en", "fr") else "en"


def _written(output: Path | None, quiet: bool, locale: str = "en") -> None:
    if output is not None and not quiet:
        err.print(f"{say('console.written_label', locale)} {show(output)}")


@app.command()
def takeoff(
    model: Path = MODEL_ARG,
    output: Path | None = OUTPUT_OPT,
    fmt: OutFormat | None = FORMAT_OPT,
    strict: bool = _option(
        False, "--strict", help="Exit with code 5, writing nothing, if any element could not be measured."
    ),
    rules: Path | None = _option(None, "--rules", "-r", help="Rule set (TOML): output work items instead of elements."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    materials: Path | None = MATERIALS_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Measure every element of MODEL from its geometry: one row per element, or, with
    --rules, quantities per work item traced to elements.

    Example: bimquant takeoff sample_models/house_ifc4.ifc --rules rules/fr-lots.toml -o metre.xlsx

    Densities from your own material library: add --materials my-materials.toml
    """
    _produce(
        lambda progress: bimquant.takeoff(
            model,
            rules=rules,
            kernel=kernel.value,
            threads=threads,
            cache=not no_cache,
            progress=progress,
            strict=strict,
            materials=materials,
        ),
        summaries.print_takeoff,
        output,
        fmt,
        quiet,
        verbose,
        {_the("model"): model, _the("rules"): rules, _the("materials"): materials},
        locale,
    )


@app.command()
def validate(
    model: Path = MODEL_ARG,
    fmt: ReportFormat | None = _option(
        None,
        "--format",
        "-f",
        help="text (a table on stdout; the default without -o) or json (stdout, also with -o).",
    ),
    output: Path | None = _option(
        None, "--output", "-o", help="Write the checked quantities to .csv, .xlsx or .json (nothing on stdout)."
    ),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Compare authored quantities in MODEL with the geometry: agreement and suspect values.

    Example: bimquant validate model.ifc --format json
    """
    with _session(verbose, _known(locale)) as session:
        if output is not None:
            check_output(output, None, {_the("model"): model})
        with _progress(quiet, _known(locale)) as progress:
            checked = bimquant.validate(
                model, kernel=kernel.value, threads=threads, cache=not no_cache, progress=progress
            )
        language = session.locale = _language(checked, locale)
        if output is not None:
            _WRITTEN.extend(str(path) for path in bimquant.write(checked, output, locale=language))
        if fmt == ReportFormat.json:
            bimquant.write(checked, sys.stdout, "json", tables=["summary", "suspects"])
        elif fmt == ReportFormat.text or output is None:
            summaries.print_validation(checked, Console(highlight=False, soft_wrap=True), locale=language)
        elif not quiet:
            summaries.print_validation(checked, err, suspects=False, locale=language)
    _written(output, quiet, language)


@app.command()
def check(
    model: Path = MODEL_ARG,
    rules: Path = RULES_OPT,
    fmt: ReportFormat | None = _option(
        None, "--format", "-f", help="text (stdout; the default without -o) or json (stdout, also with -o)."
    ),
    output: Path | None = _option(
        None, "--output", "-o", help="Write the problems to .csv, .xlsx or .json (nothing on stdout)."
    ),
    ids_file: Path | None = _option(
        None,
        "--ids",
        help="Also write what the rule set needs from a model as a buildingSMART IDS 1.0 file (.ids; the ids extra).",
    ),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Is MODEL ready to be priced with RULES? Each problem to settle first, with its quantities:
    elements no item selects, materials the rules do not recognise, aggregates whose parts carry
    the geometry, failed geometry, placeholder lines; and what to look at: occurrence and type
    that disagree, IsExternal against the geometry, a class its shape contradicts. Exit code 0
    when ready, 7 when not.

    Example: bimquant check sample_models/reserves_ifc4.ifc --rules rules/fr-lots.toml --ids exigences.ids
    """
    inputs = {_the("model"): model, _the("rules"): rules}
    with _session(verbose, _known(locale)) as session:
        if output is not None:
            check_output(output, None, inputs)
        if ids_file is not None:
            from bimquant.report.ids import check_ids_output

            check_ids_output(ids_file, inputs | ({_the("output"): output} if output else {}))
        ruleset = bimquant.load_rules(rules)
        with _progress(quiet, _known(locale)) as progress:
            readiness = bimquant.check(
                model, ruleset, kernel=kernel.value, threads=threads, cache=not no_cache, progress=progress
            )
        language = session.locale = _language(readiness, locale)
        if ids_file is not None:
            from bimquant.report.ids import write_ids

            _WRITTEN.extend(str(path) for path in write_ids(ruleset, ids_file, inputs=inputs))
        if output is not None:
            _WRITTEN.extend(str(path) for path in bimquant.write(readiness, output, locale=language))
        if fmt == ReportFormat.json:
            bimquant.write(readiness, sys.stdout, "json")
        elif fmt == ReportFormat.text or output is None:
            summaries.print_readiness(readiness, Console(highlight=False, soft_wrap=True), language)
        elif not quiet:
            summaries.print_readiness(readiness, err, language)
    _written(output, quiet, language)
    _written(ids_file, quiet, language)
    if not readiness.info["ready"]:
        raise typer.Exit(IncompleteError.exit_code)


@app.command()
def explain(
    model: Path = MODEL_ARG,
    global_id: str = _argument(
        ...,
        help="GlobalId of the element to explain, in single quotes: it may hold a $.",
        show_default=False,
        metavar="GLOBAL_ID",
    ),
    rules: Path = RULES_OPT,
    fmt: ReportFormat = _option(ReportFormat.text, "--format", "-f", help="text or json (stdout)."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Show, for one element, which items it feeds and how, and why the other items do not match.

    Example: bimquant explain sample_models/house_ifc4.ifc '3M40opnSHSLeM$JG6iZTrB' --rules rules/fr-lots.toml
    """
    with _session(verbose, _known(locale)) as session:
        explanation = bimquant.explain(
            model, global_id, rules, kernel=kernel.value, threads=threads, cache=not no_cache
        )
        session.locale = _language(explanation, locale)
        if fmt == ReportFormat.json:
            bimquant.write(explanation, sys.stdout, "json")
        else:
            summaries.print_explanation(explanation, Console(highlight=False, soft_wrap=True), session.locale)


@app.command()
def estimate(
    model: Path = MODEL_ARG,
    rules: Path = RULES_OPT,
    prices: Path = _option(..., "--prices", "-p", help="Price library: .csv or .xlsx."),
    output: Path | None = _option(None, "--output", "-o", help="Output: .xlsx (live formulas), .csv, .json."),
    fmt: OutFormat | None = FORMAT_OPT,
    settings: Path | None = _option(None, "--settings", help="TOML file with an [estimate] table of rates."),
    site_overheads: float | None = _rate_option("--site-overheads", "Site overheads, % of direct cost"),
    general_overheads: float | None = _rate_option("--general-overheads", "General overheads, %"),
    contingency: float | None = _rate_option("--contingency", "Contingency, % of direct cost"),
    margin: float | None = _rate_option("--margin", "Margin, % of cost with overheads"),
    vat: float | None = _rate_option("--vat", "VAT, % of the total excl. VAT"),
    strict: bool = _option(False, "--strict", help="Exit with code 4, writing nothing, if an item has no price."),
    view: View = _option(
        View.client, "--view", help="DPGF workbook: client (sale prices, a sheet per lot) or internal (costs, margin)."
    ),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Price the work items of MODEL: DQE/DPGF with lots, overheads, margin and VAT.

    Example: bimquant estimate sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --prices rules/fr-prix.csv -o dpgf.xlsx

    The contractor's own sheet (costs, overheads, margin, K): add --view internal -o interne.xlsx
    """
    rates = dict(
        site_overheads_pct=site_overheads,
        general_overheads_pct=general_overheads,
        contingency_pct=contingency,
        margin_pct=margin,
        vat_pct=vat,
    )
    _produce(
        lambda progress: bimquant.estimate(
            model,
            rules,
            prices,
            settings=settings,
            **rates,
            strict=strict,
            view=view.value,
            kernel=kernel.value,
            threads=threads,
            cache=not no_cache,
            progress=progress,
        ),
        summaries.print_budget,
        output,
        fmt,
        quiet,
        verbose,
        {
            _the("model"): model,
            _the("rules"): rules,
            _the("prices"): prices,
            _the("settings"): settings,
        },
        locale,
    )


@app.command()
def plan(
    model: Path = _argument(
        ...,
        help="IFC file, or the JSON bimquant estimate wrote (its lines, storeys and elements).",
        show_default=False,
        metavar="MODEL",
    ),
    rules: Path | None = _option(None, "--rules", "-r", help="Rule set (TOML); optional with an estimate's JSON."),
    productivity: Path = _option(
        ...,
        "--productivity",
        help="Productivity file (TOML): hours per unit, crews, calendar (rules/fr-cadences.toml).",
    ),
    start: str = _option(..., "--start", help="The first working day, YYYY-MM-DD."),
    prices: Path | None = _option(
        None, "--prices", "-p", help="Price library: the money of each task and the planned value per month."
    ),
    crews: list[str] | None = _option(
        None, "--crews", help='Crews side by side in a lot: "02 Gros oeuvre=2" or 02=2; repeatable.'
    ),
    report: Path | None = _option(
        None, "--report", help="Also draw the Gantt and the manpower histogram into this .png (extra: report)."
    ),
    ifc: Path | None = _option(
        None, "--ifc", help="Also write a copy of MODEL (IFC4+) with the plan as an IfcWorkSchedule, for 4D."
    ),
    mspdi: Path | None = _option(None, "--mspdi", help="Also write the plan as MS Project XML (.xml)."),
    progress: Path | None = _option(
        None, "--progress", help="Progress (.csv, .xlsx or .ifc, as for situation): expected against done, re-forecast."
    ),
    status_date: str | None = _option(None, "--status-date", help="The day the progress was taken, YYYY-MM-DD."),
    phases: Path | None = _option(
        None, "--phases", help="Phase file (TOML, as for order): a task per item and phase instead of per storey."
    ),
    output: Path | None = _option(
        None, "--output", "-o", help="Output: .xlsx (tasks, Gantt, manpower...), .json, .csv."
    ),
    fmt: OutFormat | None = FORMAT_OPT,
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """The works schedule of MODEL: a task per work item and storey, durations from the
    quantities and the crews, dates on the site calendar, critical path, manpower per week.

    Example: bimquant plan sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --productivity rules/fr-cadences.toml --prices rules/fr-prix.csv --start 2027-04-26 -o planning.xlsx
    """
    inputs = {
        _the("model"): model,
        _the("rules"): rules,
        _the("productivity"): productivity,
        _the("prices"): prices,
        _the("progress"): progress,
        _the("phases"): phases,
    }
    _check_chart(report, inputs, verbose, _known(locale))

    def compute(progress_bar):
        works = bimquant.plan(
            model,
            rules,
            productivity,
            start,
            prices=prices,
            crews=crews or [],
            ifc=ifc,
            mspdi=mspdi,
            progress_file=progress,
            status_date=status_date,
            phases=phases,
            kernel=kernel.value,
            threads=threads,
            cache=not no_cache,
            progress=progress_bar,
        )
        _draw_chart(report, lambda tmp: bimquant.write_plan_chart(works, tmp, _chart_language(works, locale)))
        for path in (ifc, mspdi):  # written by the library; said written with the chart
            if path is not None:
                _WRITTEN.append(str(path))
                _CHARTS.append(Path(path))
        return works

    language = _produce(compute, summaries.print_plan, output, fmt, quiet, verbose, inputs, locale)
    _say_charts(quiet, language)


@app.command()
def order(
    model: Path = MODEL_ARG,
    rules: Path = RULES_OPT,
    recipes: Path = _option(..., "--recipes", help="Recipe file (TOML): materials per work item."),
    by: BatchBy = _option(BatchBy.storey, "--by", help="Delivery batches: per storey, or per phase."),
    phases: Path | None = _option(None, "--phases", help="Phase file (TOML), needed with --by phase."),
    output: Path | None = _option(None, "--output", "-o", help="Output: .xlsx (a sheet per supplier), .csv, .json."),
    fmt: OutFormat | None = FORMAT_OPT,
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Material orders for MODEL: quantities with waste, rounded to packs, per supplier and batch.

    Example: bimquant order sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --recipes rules/fr-recettes.toml -o commandes.xlsx
    """
    _produce(
        lambda progress: bimquant.order(
            model,
            rules,
            recipes,
            by=by.value,
            phases=phases,
            kernel=kernel.value,
            threads=threads,
            cache=not no_cache,
            progress=progress,
        ),
        summaries.print_orders,
        output,
        fmt,
        quiet,
        verbose,
        {
            _the("model"): model,
            _the("rules"): rules,
            _the("recipes"): recipes,
            _the("phases"): phases,
        },
        locale,
    )


@app.command()
def diff(
    old: Path = _argument(
        ..., help="The revision the contract was priced on (IFC).", show_default=False, metavar="OLD"
    ),
    new: Path = _argument(..., help="The new revision (IFC).", show_default=False, metavar="NEW"),
    rules: Path = RULES_OPT,
    prices: Path | None = _option(None, "--prices", "-p", help="Price library (.csv, .xlsx) for the change."),
    contract: Path | None = _option(
        None, "--contract", help="The JSON bimquant estimate wrote for OLD: the unit prices signed."
    ),
    map_file: Path | None = _option(
        None, "--map", help="Map file of an earlier diff (.csv): its lines marked manual are imposed."
    ),
    vat: float | None = _rate_option("--vat", "VAT, % (default: the contract's, else 20)"),
    bill_omissions: bool = _option(
        False,
        "--bill-omissions",
        help="Bill the omissions and re-readings too (elements the contract's model held unpriced or to specify).",
    ),
    output: Path | None = _option(
        None, "--output", "-o", help="Output: .xlsx (the change order, live formulas), .csv, .json; a .map.csv beside."
    ),
    fmt: OutFormat | None = FORMAT_OPT,
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """What changed from OLD to NEW, per element and per work item, priced as a change order
    (devis de travaux supplémentaires) at the contract's unit prices.

    Example: bimquant diff v1.ifc v2.ifc --rules rules/fr-lots.toml --contract marche.json -o ts.xlsx

    The pairing of elements is written beside the output (ts.map.csv): mark a corrected line
    manual and pass the file back with --map ts.map.csv.
    """
    inputs = {
        _the("old_model"): old,
        _the("new_model"): new,
        _the("rules"): rules,
        _the("prices"): prices,
        _the("contract_option"): contract,
    }
    if prices is not None and contract is not None:
        raise typer.BadParameter(Message("usage.prices_or_contract"))
    with _session(verbose, _known(locale)) as session:
        _output_format(output, fmt, inputs | {_the("map"): map_file})
        map_out = bimquant.get_map_path(output) if output is not None else None
        if map_out is not None:
            check_output(map_out, "csv", inputs)
        with _progress(quiet, _known(locale)) as progress:
            revision = bimquant.diff(
                old,
                new,
                rules,
                prices=prices,
                contract=contract,
                map=map_file,
                vat_pct=vat,
                bill_omissions=bill_omissions,
                kernel=kernel.value,
                threads=threads,
                cache=not no_cache,
                progress=progress,
            )
        language = session.locale = _language(revision, locale)
        _emit(revision, output, fmt, locale)
        if map_out is not None:
            _WRITTEN.extend(str(path) for path in bimquant.write_map(revision, map_out))
        if not quiet:
            summaries.print_revision(revision, language)
    _written(output, quiet, language)
    _written(map_out, quiet, language)


@app.command()
def situation(
    contract: Path = CONTRACT_ARG,
    progress: Path = _option(
        ..., "--progress", help="Cumulative progress (.csv): per line, per element (global_id) or per storey."
    ),
    period: str = _option(..., "--period", help="The month claimed, YYYY-MM."),
    previous: Path | None = _option(None, "--previous", help="The previous month's situation (.json)."),
    settings: Path | None = _option(
        None, "--settings", help="TOML file with a [situation] table: retention, advance, revision, VAT, term."
    ),
    changes: list[Path] | None = _option(
        None,
        "--changes",
        help="An accepted change order (the JSON of bimquant diff), billed as lines TS1.<code>...; repeatable.",
    ),
    allow_decrease: bool = _option(
        False, "--allow-decrease", help="Accept progress below the previous month's (a credit)."
    ),
    report: Path | None = _option(
        None, "--report", help="Also draw the progress (month by month, per lot) into this .png (extra: report)."
    ),
    phases: Path | None = _option(
        None, "--phases", help="Phase file (TOML, as for order): stages by phase, a planned curve from their dates."
    ),
    plan: Path | None = _option(
        None, "--plan", help="The plan's JSON (bimquant plan -o plan.json): the planned curve from its tasks."
    ),
    output: Path | None = _option(None, "--output", "-o", help="Output: .xlsx (live formulas), .csv, .json."),
    fmt: OutFormat | None = FORMAT_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """The monthly progress claim (situation de travaux): the contract's lines at their
    cumulative progress, minus the previous month, with revision, advance, retention and VAT.

    Example: bimquant situation marche.json --progress avancement-03.csv --period 2026-03 --previous situation-02.json -o situation-03.xlsx
    """
    inputs = {
        _the("contract"): contract,
        _the("progress"): progress,
        _the("previous"): previous,
        _the("settings"): settings,
        _the("phases"): phases,
        _the("plan"): plan,
        **{_the("change_order", name=path.name): path for path in changes or []},
    }
    _check_chart(report, inputs, verbose, _known(locale))

    def compute(progress_bar):
        claim = bimquant.situation(
            contract,
            progress,
            period=period,
            previous=previous,
            settings=settings,
            changes=changes or [],
            phases=phases,
            plan=plan,
            allow_decrease=allow_decrease,
        )
        _draw_chart(report, lambda tmp: bimquant.write_situation_chart(claim, tmp, _chart_language(claim, locale)))
        return claim

    language = _produce(compute, summaries.print_situation, output, fmt, quiet, verbose, inputs, locale)
    _say_charts(quiet, language)


@app.command()
def costs(
    contract: Path = CONTRACT_ARG,
    actuals: Path = _option(..., "--actuals", help="Costs incurred (.csv): date, code or lot, kind, amount."),
    progress: Path = _option(
        ..., "--progress", help="Progress at the period's end (.csv or .ifc), as for bimquant situation."
    ),
    period: str = _option(..., "--period", help="The month reported, YYYY-MM."),
    start: str | None = START_OPT,
    phases: Path | None = _option(
        None, "--phases", help="Phase file (TOML, as for order): stages by phase; dated phases give the planned value."
    ),
    plan: Path | None = _option(
        None, "--plan", help="The plan's JSON (bimquant plan -o plan.json): the planned value from its tasks."
    ),
    report: Path | None = _option(None, "--report", help="Also draw the curves into this .png (extra: report)."),
    output: Path | None = _option(None, "--output", "-o", help="Output: .xlsx, .csv, .json."),
    fmt: OutFormat | None = FORMAT_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Costs against budget (budget vs réalisé): earned value, actual cost, variance, CPI and
    forecasts per line, lot and stage.

    Example: bimquant costs marche.json --actuals depenses.csv --progress avancement-04.csv --period 2026-04 -o couts.xlsx
    """
    inputs = {
        _the("contract"): contract,
        _the("actuals"): actuals,
        _the("progress"): progress,
        _the("phases"): phases,
        _the("plan"): plan,
    }
    _check_chart(report, inputs, verbose, _known(locale))

    def compute(progress_bar):
        result = bimquant.costs(contract, actuals, progress, period=period, start=start, phases=phases, plan=plan)
        _draw_chart(report, lambda tmp: bimquant.write_costs_chart(result, tmp, _chart_language(result, locale)))
        return result

    language = _produce(compute, summaries.print_costs, output, fmt, quiet, verbose, inputs, locale)
    _say_charts(quiet, language)


@app.command()
def stock(
    orders: Path = _argument(..., help="The JSON bimquant order wrote.", show_default=False, metavar="ORDERS"),
    deliveries: Path = _option(
        ..., "--deliveries", help="Delivery notes (.csv): date, material, quantity, unit[, batch]."
    ),
    progress: Path = _option(
        ..., "--progress", help="Progress (.csv or .ifc), as for bimquant situation: what has been consumed."
    ),
    period: str | None = _option(
        None, "--period", help="The month, YYYY-MM (default: the month of the latest delivery)."
    ),
    start: str | None = START_OPT,
    phases: Path | None = _option(None, "--phases", help="Phase file (TOML), for progress rows per phase."),
    output: Path | None = _option(None, "--output", "-o", help="Output: .xlsx, .csv, .json."),
    fmt: OutFormat | None = FORMAT_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Stock on site per material and batch: ordered, delivered, consumed, on site, still to
    deliver, still needed, and alerts.

    Example: bimquant stock commandes.json --deliveries livraisons.csv --progress avancement-04.csv --period 2026-04 -o stock.xlsx
    """
    _produce(
        lambda progress_bar: bimquant.stock(orders, deliveries, progress, period=period, start=start, phases=phases),
        summaries.print_stock,
        output,
        fmt,
        quiet,
        verbose,
        {
            _the("orders"): orders,
            _the("deliveries"): deliveries,
            _the("progress"): progress,
            _the("phases"): phases,
        },
        locale,
    )


@app.command()
def batch(
    paths: list[Path] = _argument(
        ..., help="IFC files, folders of them, or a .csv listing models (file[, rules, prices]).", show_default=False
    ),
    rules: Path | None = _option(None, "--rules", "-r", help="Rule set (TOML) for every model."),
    prices: Path | None = _option(None, "--prices", "-p", help="Price library for every model (with --rules)."),
    recursive: bool = _option(False, "--recursive", help="Search the folders' subfolders too."),
    workers: int | None = _option(
        None, "--workers", min=1, max=MAX_THREADS, help="Models measured at once (default: the cores)."
    ),
    timeout: float | None = _option(None, "--timeout", min=1, help="Stop a model after this many seconds."),
    scheduler: str | None = _option(
        None,
        "--scheduler",
        envvar="BIMQUANT_SCHEDULER",
        help="A Dask scheduler's address (tcp://host:8786): run each model as a task there (extra: dask).",
    ),
    strict: bool = _option(False, "--strict", help="Exit with code 5 if any model failed (the table is written)."),
    no_cache: bool = NO_CACHE_OPT,
    output: Path | None = OUTPUT_OPT,
    fmt: OutFormat | None = FORMAT_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Many models, one portfolio table: each model measured (and priced) in a process of its
    own; a model that fails is listed with its reason and never stops the others.

    Example: bimquant batch ../shared/models --rules rules/fr-lots.toml --prices rules/fr-prix.csv -o portefeuille.xlsx
    """
    inputs = {_the("model_named", name=path.name): path for path in paths if path.is_file()}
    inputs |= {_the("rules"): rules, _the("prices"): prices}
    done: list = []

    def compute(progress):
        result = bimquant.batch(
            paths,
            rules=rules,
            prices=prices,
            recursive=recursive,
            workers=workers,
            timeout=timeout,
            scheduler=scheduler,
            cache=not no_cache,
            progress=progress,
        )
        done.append(result)
        return result

    _produce(compute, summaries.print_batch, output, fmt, quiet, verbose, inputs, locale)
    if strict and done and len(done[0].failures):
        sys.exit(ElementFailuresError.exit_code)
    if strict and done and done[0].models["complete"].eq(False).any():
        sys.exit(IncompleteError.exit_code)


@app.command()
def writeback(
    model: Path = MODEL_ARG,
    rules: Path = RULES_OPT,
    prices: Path | None = _option(
        None, "--prices", "-p", help="Price library: .csv or .xlsx (unit prices as cost values)."
    ),
    output: Path = _option(
        ..., "--output", "-o", help="The IFC file to write (.ifc): MODEL with bimquant's quantities and estimate."
    ),
    replace_quantities: bool = _option(
        False,
        "--replace-quantities",
        help="Replace a base quantity set of the standard's name already on an element "
        "(default: keep it, and write bimquant's beside it in Bimquant_BaseQuantities).",
    ),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    materials: Path | None = MATERIALS_OPT,
    locale: Locale | None = LOCALE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """Write a copy of MODEL with bimquant's base quantities on every measured element (Qto_*
    sets) and the work items as a cost schedule (IFC4), quantities linked to the elements.

    Example: bimquant writeback sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --prices rules/fr-prix.csv -o house-5d.ifc
    """
    with _session(verbose, _known(locale)) as session:
        with _progress(quiet, _known(locale)) as progress:
            result = bimquant.writeback(
                model,
                output,
                rules,
                prices,
                replace_quantities=replace_quantities,
                kernel=kernel.value,
                threads=threads,
                cache=not no_cache,
                progress=progress,
                materials=materials,
            )
        _WRITTEN.append(str(output))
        language = session.locale = _language(result, locale)
        if not quiet:
            summaries.print_writeback(result, language)
    _written(output, quiet, language)


def _check_chart(report: Path | None, inputs: dict, verbose: bool, locale: str = "en") -> None:
    """A --report path is a .png that can be written and is none of the inputs: checked first."""
    if report is None:
        return
    with _session(verbose, locale):
        if report.suffix.lower() != ".png":
            raise OutputError(
                Message("console.output.chart_not_png", file=str(report)), Message("console.output.chart_not_png_hint")
            )
        check_output(report, "png", inputs)
        if importlib.util.find_spec("matplotlib") is None:  # said now, before anything is written
            raise OutputError(Message("error.report.no_matplotlib"), Message("hint.report.install_report"))


def _draw_chart(report: Path | None, draw: Callable[[Path], Any]) -> None:
    """Draw a chart into --report, atomically (the file appears whole, or not at all)."""
    if report is not None:
        _WRITTEN.extend(str(path) for path in write_atomically([(report, draw)]))
        _CHARTS.append(report)


def _say_charts(quiet: bool, locale: str) -> None:
    for chart in _CHARTS:
        _written(chart, quiet, locale)


def _chart_language(result, locale: Locale | None) -> str | None:
    return locale.value if locale else result.info.get("language")


@app.command()
def report(
    model: Path = MODEL_ARG,
    rules: Path = RULES_OPT,
    prices: Path | None = _option(
        None, "--prices", "-p", help="Price library: .csv or .xlsx (without it: quantities only)."
    ),
    output: Path = _option(..., "--output", "-o", help="The report: one self-contained .html file."),
    previous: Path | None = _option(
        None, "--previous", help="An older revision of MODEL (IFC): added, removed and changed elements coloured."
    ),
    settings: Path | None = _option(None, "--settings", help="TOML file with an [estimate] table of rates."),
    productivity: Path | None = _option(
        None, "--productivity", help="Productivity file (TOML): add the works schedule (with --start)."
    ),
    start: str | None = _option(None, "--start", help="The plan's first working day, YYYY-MM-DD."),
    kernel: Kernel = KERNEL_OPT,
    threads: int | None = THREADS_OPT,
    no_cache: bool = NO_CACHE_OPT,
    quiet: bool = QUIET_OPT,
    verbose: bool = VERBOSE_OPT,
) -> None:
    """An HTML report of MODEL's estimate to open in a browser or send by e-mail: totals, work
    items, lots, storeys, charts and a 3D view coloured by work item, lot or status.

    Example: bimquant report sample_models/house_ifc4.ifc --rules rules/fr-lots.toml --prices rules/fr-prix.csv -o rapport.html

    With --previous OLD.ifc the view also colours what changed since OLD; with --productivity
    rules/fr-cadences.toml --start 2027-03-01 it also shows the works schedule.
    """
    inputs = {
        _the("model"): model,
        _the("rules"): rules,
        _the("prices"): prices,
        _the("older_model"): previous,
        _the("settings"): settings,
        _the("productivity"): productivity,
    }
    with _session(verbose) as session:
        check_report_output(output, inputs)
        with _progress(quiet) as progress:
            shown = bimquant.report_view(
                model,
                rules,
                prices,
                previous=previous,
                settings=settings,
                productivity=productivity,
                start=start,
                kernel=kernel.value,
                threads=threads,
                cache=not no_cache,
                progress=progress,
            )
        language = session.locale = _language(shown.budget, None)
        _WRITTEN.extend(str(path) for path in bimquant.write_html(shown, output, inputs=inputs))
        if not quiet:
            summaries.print_report(shown, language)
    _written(output, quiet, language)


rules_app = typer.Typer(help="Work with rule sets.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check(rules: Path = _argument(..., help="Rule set (TOML).", show_default=False)) -> None:
    """Check a rule set without a model: syntax, keys, IFC classes, formulas and units.

    Example: bimquant rules check rules/fr-lots.toml
    """
    with _session(verbose=False):
        ruleset = bimquant.load_rules(rules)
    summaries.print_ruleset(ruleset, rules, Console(highlight=False, soft_wrap=True))  # in the rule set's language


cache_app = typer.Typer(help="The cache of measured models.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info() -> None:
    """Where the cache is, how many models it holds and its size.

    Example: bimquant cache info
    """
    with _session(verbose=False):
        found = bimquant.cache.get_info()
    if found["folder"] is None:
        print("cache: off (BIMQUANT_CACHE=off)")
        return
    print(f"cache: {found['folder']}\nentries: {found['entries']}\nsize: {found['bytes'] / 1e6:.1f} MB")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove every measured model from the cache.

    Example: bimquant cache clear
    """
    with _session(verbose=False):
        removed = bimquant.cache.clear()
    err.print(f"Removed {removed} cache entr{'y' if removed == 1 else 'ies'}")


class Interrupted(BaseException):
    """Ctrl-C: raised by the SIGINT handler, past the command-line toolkit's own handling."""


_SIGNALLED: list[int] = []  # Ctrl-C received


def _interrupt(signum, frame) -> None:
    _SIGNALLED.append(signum)
    raise Interrupted


def main() -> None:
    """Console-script entry point.

    ``gc.freeze()``: what exists is never collected again. After the imports, the modules'
    objects are left out of every collection the run makes (and the forked geometry children
    share their pages); at the end, the last collection before the process exits has nothing to
    visit (pandas and ifcopenshell made it take 0.2 s)."""
    gc.freeze()
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` or a scheduler's stop: as Ctrl-C, 128 + 15
    locale = _asked_locale(sys.argv[1:])
    try:
        code = app(standalone_mode=False)  # click's exceptions come here, to be said in `locale`
    except UsageError as error:
        usage_error(error, locale)
        sys.exit(error.exit_code)
    except ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except typer.Abort:
        err.print("Aborted!")
        sys.exit(1)
    except Interrupted:  # atomic writes: an interrupted write leaves no file and no temporary
        _say_interrupted(locale)
    except Exception as exc:
        if _SIGNALLED:  # Ctrl-C inside a library that turned it into an error of its own
            _say_interrupted(locale)  # (ifcopenshell loading a schema: "Couldn't find express file")
        # a bug in bimquant, not a user mistake
        said = say("console.internal_error", locale, error=show(type(exc).__name__ + ": " + str(exc)))
        err.print(f"[bold red]{say('console.error_label', locale)}[/] {said}")
        err.print(f"[yellow]{say('console.hint_label', locale)}[/] {say('console.internal_hint', locale)}")
        sys.exit(1)
    finally:
        gc.freeze()
    sys.exit(code if isinstance(code, int) else 0)  # a command's typer.Exit(code), else success


def _asked_locale(args: list[str]) -> str:
    """The ``--locale`` written on the command line (``--locale fr``, ``--locale=fr``), for
    what is said before or outside a command (a usage mistake, an interruption, a crash)."""
    for k, arg in enumerate(args):
        value = arg.removeprefix("--locale=") if arg.startswith("--locale=") else None
        if arg == "--locale" and k + 1 < len(args):
            value = args[k + 1]
        if value is not None and value.strip().lower().startswith("fr"):  # fr_FR, FR, français: refused in French
            return "fr"
    return "en"


def _say_interrupted(locale: str) -> None:
    if _WRITTEN:
        said = say("console.interrupted_after", locale, file=_WRITTEN[-1])
    else:
        said = say("console.interrupted", locale)
    err.print(said)
    sys.exit(128 + (_SIGNALLED[-1] if _SIGNALLED else signal.SIGINT))  # 130 for Ctrl-C, 143 for SIGTERM
