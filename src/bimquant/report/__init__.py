"""Report writers: one results structure, one writer per output format.

Every pipeline result (``bimquant.takeoff``, ``validate``, ``explain``, ``estimate``, ``order``)
has ``.tables`` (name -> DataFrame) and ``.info`` (dict). :func:`write` turns any of them into
CSV, XLSX or JSON, atomically (the file appears whole, or not at all). A result type may
register a writer of its own for a format: the estimate's XLSX is the DPGF workbook with live
formulas, the orders' XLSX the order book with a sheet per supplier.

Example::

    >>> import bimquant
    >>> bimquant.write(bimquant.takeoff("sample_models/house_ifc4.ifc"), "takeoff.xlsx")
    [PosixPath('takeoff.xlsx')]
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pandas as pd

from bimquant.authored import Validation
from bimquant.situation import Situation
from bimquant.costs import Costs
from bimquant.errors import OutputError
from bimquant.estimate import Budget
from bimquant.labels import LOCALES
from bimquant.messages import Message, or_list
from bimquant.orders import Orders
from bimquant.report import tables as plain
from bimquant.report.atomic import FORMATS, check_output, get_format, write_atomically
from bimquant.report.dpgf import write_dpgf
from bimquant.report.change_order import write_change_order
from bimquant.report.orderbook import write_order_book
from bimquant.report.costs_sheet import write_costs, write_costs_chart
from bimquant.report.plan_sheet import write_plan, write_plan_chart
from bimquant.schedule import Plan
from bimquant.report.situation_chart import write_situation_chart
from bimquant.report.situation_sheet import write_situation
from bimquant.diff import Revision
from bimquant.takeoff import Takeoff

__all__ = [
    "FORMATS",
    "check_output",
    "get_format",
    "get_map_path",
    "register_writer",
    "write",
    "write_costs_chart",
    "write_plan_chart",
    "write_map",
    "write_situation_chart",
    "write_tables",
]

# (result type, format) -> writer(result, path, locale): the workbooks made for one kind of result.
WRITERS: dict[tuple[type, str], Callable[[Any, Path, str], None]] = {}
# result type -> the tables a CSV output holds, the first one in the file itself.
CSV_TABLES: dict[type, Callable[[Any], list[str]]] = {}
# result type -> dict attributes its JSON carries as objects, and the tables they replace there
JSON_OBJECTS: dict[type, tuple[str, ...]] = {}
JSON_ONLY_OBJECTS: dict[type, tuple[str, ...]] = {}


def refuse_infinite(tables: dict[str, pd.DataFrame]) -> None:
    """Finite or nothing: a number that is not finite never reaches a document. Every input is
    guarded upstream; should one get through, nothing is written and the table, column and row
    are named (an :class:`OutputError`), rather than ``inf`` in a bill."""
    for name, table in tables.items():
        numbers = table.select_dtypes("number")
        if numbers.empty:
            continue
        infinite = numbers.isin([float("inf"), float("-inf")])
        if infinite.any().any():
            column = infinite.any()[lambda found: found].index[0]
            row = int(infinite[column].to_numpy().nonzero()[0][0])
            raise OutputError(
                Message("error.report.not_finite", name=name, column=column, row=row + 1), Message("hint.report.bug")
            )


def register_writer(result_type: type, fmt: str) -> Callable:
    """Decorator: ``writer(result, path, locale)`` writes ``result_type`` results in format ``fmt``."""

    def decorate(writer: Callable[[Any, Path, str], None]) -> Callable[[Any, Path, str], None]:
        WRITERS[(result_type, fmt)] = writer
        return writer

    return decorate


def write(
    result,
    path: str | os.PathLike | IO[str],
    format: str | None = None,
    *,
    tables: list[str] | None = None,
    locale: str | None = None,
) -> list[Path]:
    """Write a pipeline result to ``path`` as CSV, XLSX or JSON (from ``format`` or the file's
    extension); return the files written.

    - XLSX: the result type's own workbook when it has one, else a sheet per table.
    - CSV: the result's main table in ``path``, and its other tables beside it as
      ``<stem>.<table>.csv`` (a takeoff writes its element table only).
    - JSON: ``{"info": ..., "<table>": [rows...], ...}``. ``path`` may be an open text stream
      (``sys.stdout``): JSON is written to it.

    ``locale`` (``"fr"`` or ``"en"``; by default the rule set's language, else ``"en"``): the
    language of sheet names and headers (:mod:`bimquant.labels`; JSON keeps the column names);
    a French CSV is separated by ``;`` with decimal commas and rounded numbers. ``tables`` keeps
    only the tables named (generic writers only). Raises
    :class:`~bimquant.errors.OutputError` for an unknown format or a path that cannot be written.

    Example::

        >>> write(bimquant.estimate("sample_models/house_ifc4.ifc", rules="rules/fr-lots.toml",
        ...       prices="rules/fr-prix.csv"), "dpgf.xlsx")
        [PosixPath('dpgf.xlsx')]
    """
    chosen = result.tables if tables is None else {name: result.tables[name] for name in tables}
    refuse_infinite(chosen)
    if hasattr(path, "write"):
        shown = {name: table for name, table in chosen.items() if name not in JSON_ONLY_OBJECTS.get(type(result), ())}
        text = plain.to_json(shown, result.info, _objects(result)) + "\n"
        try:
            path.write(text)
            path.flush()
        except OSError as exc:  # a full disk behind a redirection, a closed pipe
            name = getattr(path, "name", Message("error.report.the_stream"))
            raise OutputError(
                Message("error.report.cannot_write_to", name=name, reason=exc.strerror or str(exc)),
                Message("hint.report.disk_or_pipe"),
            ) from None
        return []
    if Path(path).is_dir():
        raise OutputError(Message("error.atomic.is_folder", path=path), Message("hint.atomic.file_name"))
    fmt = get_format(path, format)
    locale = locale or (result.info.get("language") if result.info.get("language") in LOCALES else "en")
    if locale not in LOCALES:
        raise OutputError(
            Message("error.report.unknown_locale", locale=locale),
            Message("hint.report.locales", locales=or_list(LOCALES)),
        )
    special = _writer_for(type(result), fmt) if tables is None else None
    if special is not None:
        return write_atomically([(Path(path), lambda tmp: special(result, tmp, locale))])
    if fmt == "csv" and tables is None:
        names = _csv_tables(result)
        chosen = {name: chosen[name] for name in names}
        return write_tables(chosen, path, fmt=fmt, info=result.info, main=names[0], csv_all=True, locale=locale)
    if fmt == "json":
        chosen = {name: table for name, table in chosen.items() if name not in JSON_ONLY_OBJECTS.get(type(result), ())}
    return write_tables(chosen, path, fmt=fmt, info=result.info, csv_all=True, locale=locale, objects=_objects(result))


def _objects(result) -> dict:
    """The dicts a result's JSON carries beside its tables (a situation's ``totals``)."""
    return {name: getattr(result, name) for name in JSON_OBJECTS.get(type(result), ())}


def get_map_path(output: str | os.PathLike) -> Path:
    """Where a revision's map goes beside its output: ``ts.xlsx`` -> ``ts.map.csv``."""
    output = Path(output)
    return output.with_name(f"{output.stem}.map.csv")


def write_map(revision: Revision, path: str | os.PathLike) -> list[Path]:
    """Write a revision's map as the CSV ``--map`` reads back: ``old_global_id,new_global_id,
    how``, comma separated, these English headers whatever the locale."""
    return write_tables({"map": revision.map}, path, fmt="csv", locale="en")


def _writer_for(result_type: type, fmt: str) -> Callable | None:
    for klass in result_type.__mro__:
        if (klass, fmt) in WRITERS:
            return WRITERS[(klass, fmt)]
    return None


def _csv_tables(result) -> list[str]:
    for klass in type(result).__mro__:
        if klass in CSV_TABLES:
            return CSV_TABLES[klass](result)
    return list(result.tables)


def write_tables(
    tables: dict[str, pd.DataFrame],
    path: str | os.PathLike,
    *,
    fmt: str | None = None,
    info: dict | None = None,
    main: str | None = None,
    csv_all: bool = False,
    locale: str = "en",
    objects: dict | None = None,
) -> list[Path]:
    """Write named tables to ``path``: XLSX one sheet per table, JSON an object
    ``{"info": ..., name: [rows...]}``, CSV the ``main`` table (default: the first) and, with
    ``csv_all``, each other table beside it as ``<stem>.<name>.csv``. Returns the files written."""
    path = Path(path)
    fmt = get_format(path, fmt)
    if fmt == "csv":
        main = main or next(iter(tables))
        jobs = [(path, lambda tmp, t=tables[main]: plain.write_csv(t, tmp, locale, main))]
        if csv_all:
            jobs += [
                (
                    path.with_name(f"{path.stem}.{name}.csv"),
                    lambda tmp, t=table, n=name: plain.write_csv(t, tmp, locale, n),
                )
                for name, table in tables.items()
                if name != main
            ]
    elif fmt == "xlsx":
        jobs = [(path, lambda tmp: plain.write_xlsx(tables, tmp, locale))]
    else:
        jobs = [(path, lambda tmp: tmp.write_text(plain.to_json(tables, info, objects), encoding="utf-8"))]
    return write_atomically(jobs)


register_writer(Budget, "xlsx")(write_dpgf)
register_writer(Orders, "xlsx")(write_order_book)
register_writer(Revision, "xlsx")(write_change_order)
register_writer(Situation, "xlsx")(write_situation)
register_writer(Costs, "xlsx")(write_costs)
register_writer(Plan, "xlsx")(write_plan)
CSV_TABLES[Takeoff] = lambda result: list(result.work.tables) if result.work is not None else ["elements"]
CSV_TABLES[Validation] = lambda result: ["authored"]
CSV_TABLES[Revision] = lambda result: ["items", "elements", "trace", "new_prices"]  # the map: write_map
JSON_OBJECTS[Situation] = ("totals",)
JSON_OBJECTS[Costs] = ("totals",)
JSON_ONLY_OBJECTS[Situation] = ("summary",)  # the totals as a table, for CSV and XLSX
