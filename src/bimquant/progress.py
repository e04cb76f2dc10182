"""Progress on site: how far each line (work item) is done, from any form a person keeps.

The progress is cumulative, at the end of a period, in one of four forms; each has its parser,
and one resolver turns what they read into a percent per line:

- per line (:func:`read_lines`): ``code`` and ``percent`` or ``quantity``, or ``lot`` and
  ``percent`` (every line of the lot);
- per element (:func:`read_elements`): ``global_id`` and ``percent`` (with ``code`` or ``lot``
  to limit it to that line or lot; without, every line the element feeds);
- per stage (:func:`read_stages`): ``storey`` (or ``phase``), ``code`` or ``lot``, and
  ``percent``: every element of that storey in that line (or lot) at that percent;
- a work schedule (:func:`read_schedule`): an IFC4 model whose tasks have the elements as
  outputs.

The lines progress resolves onto are a :class:`Scope`: the contract's lines for a situation or
a cost report (``contract.get_scope``), the orders' items for the stock. A line's percent is
its elements' contributions weighted by their percents (a wall poured counts for exactly its
m3), an element not listed at 0 %; it is rounded half up to 4 decimals. A change-order line the
progress does not name is as far as the contract line of the same work.

Example::

    >>> scope = Scope(lots={"A": "02"}, quantities={"A": Decimal(10)},
    ...               contributions={"A": [("g1", "RDC", Decimal(4)), ("g2", "RDC", Decimal(6))]})
    >>> resolve(scope, by_element={("A", "g2"): Decimal(100)}, source="p.csv")["A"]["percent"]
    Decimal('60.0000')
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bimquant.errors import ProgressError
from bimquant.loaders import parse_number, read_rows, text_of
from bimquant.money import HUNDRED, round_percent, to_decimal
from bimquant.periods import month_end
from bimquant.messages import Message, Number

FORMS = ("line", "element", "stage")


@dataclass
class Scope:
    """The lines a progress file is read against.

    - ``lots``: code -> lot, in the lines' order (the codes the progress may name);
    - ``quantities``: code -> the line's quantity (a quantity done is read against it);
    - ``contributions``: code -> ``[(GlobalId, storey, contribution)]``, the elements behind it;
    - ``base_codes``: a change-order line -> the contract line of the same work.
    """

    lots: dict[str, str]
    quantities: dict[str, Decimal]
    contributions: dict[str, list[tuple[str, str, Decimal]]] = field(default_factory=dict)
    base_codes: dict[str, str] = field(default_factory=dict)

    @property
    def elements(self) -> set[str]:
        return {gid for parts in self.contributions.values() for gid, _, _ in parts}

    @property
    def storeys(self) -> set[str]:
        return {storey for parts in self.contributions.values() for _, storey, _ in parts}


def load_progress(
    path: str | os.PathLike, scope: Scope, period: str | None = None, phases: list | None = None
) -> dict[str, dict]:
    """``code -> {"percent": Decimal, "elements": {global_id: Decimal percent}, "source": name}``
    from a progress file in any of its forms (CSV or XLSX), or an IFC4 work schedule at the end
    of ``period``; a line the file does not name is at 0 %."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".ifc":
        return resolve(scope, by_gid=read_schedule(path, scope, period), source=path.name)
    if suffix not in (".csv", ".xlsx"):
        raise ProgressError(Message("error.progress.unknown_type", path=path), Message("hint.progress.file_types"))
    rows, style = read_rows(path, "progress file")
    form = get_form(path, rows, phases)
    if form == "line":
        return resolve(scope, by_line=read_lines(path, rows, style, scope), source=path.name)
    if form == "element":
        return resolve(scope, by_element=read_elements(path, rows, style, scope), source=path.name)
    return resolve(scope, by_element=read_stages(path, rows, style, scope, phases), source=path.name)


def get_form(path: Path, rows: list[tuple[int, dict]], phases: list | None) -> str:
    """Which form the header says: ``line``, ``element`` or ``stage``."""
    if not rows:
        raise ProgressError(Message("error.progress.no_rows", path=path), Message("hint.progress.one_row_each"))
    header = set(rows[0][1])
    if "global_id" in header:
        form = "element"
    elif "storey" in header or "phase" in header:
        form = "stage"
        if "phase" in header and not phases:
            raise ProgressError(Message("error.progress.phases_needed", path=path), Message("hint.progress.add_phases"))
    elif "code" in header or "lot" in header:
        form = "line"
    else:
        raise ProgressError(Message("error.progress.no_column", path=path), Message("hint.progress.forms"))
    if "percent" not in header and not (form == "line" and "quantity" in header):
        raise ProgressError(
            Message("error.progress.no_percent_column", path=path), Message("hint.progress.give_percent")
        )
    return form


# --- one parser per form ----------------------------------------------------------------------


def read_lines(path: Path, rows: list[tuple[int, dict]], style: str, scope: Scope) -> dict[str, Decimal]:
    """Per line: code -> percent (a lot's row gives each of its lines the lot's percent; a
    quantity done is read against the line's quantity)."""
    by_line: dict[str, Decimal] = {}
    seen: dict[tuple, int] = {}
    for line, row in rows:
        where = _where(path, line, row)
        code, lot = text_of(row.get("code")), text_of(row.get("lot"))
        if not code:  # a whole lot at one percent
            _check_lot(where, lot, scope)
            _once(seen, ("", lot), where, line)
            percent = read_percent(where, row.get("percent"), style)
            by_line |= {c: percent for c, line_lot in scope.lots.items() if line_lot == lot}
            continue
        _check_code(where, code, scope)
        _once(seen, (code,), where, line)
        if text_of(row.get("percent")) and text_of(row.get("quantity")):
            raise ProgressError(
                Message("error.progress.percent_and_quantity", where=where, code=code),
                Message("hint.progress.not_both"),
            )
        if text_of(row.get("percent")):
            by_line[code] = read_percent(where, row.get("percent"), style)
            continue
        quantity = parse_number(row.get("quantity"), style)
        if quantity is None or quantity < 0:
            raise ProgressError(
                Message(
                    "error.progress.quantity_not_a_number",
                    where=where,
                    code=code,
                    text=repr(text_of(row.get("quantity"))),
                ),
                Message("hint.progress.quantity_done"),
            )
        whole = scope.quantities[code]
        percent = to_decimal(quantity) / whole * HUNDRED if whole else Decimal(0)
        if percent > HUNDRED:
            raise ProgressError(
                Message(
                    "error.progress.quantity_above",
                    where=where,
                    code=code,
                    quantity=Number(quantity),
                    contract=str(whole),
                ),
                Message("hint.progress.beyond_contract"),
            )
        by_line[code] = percent
    return by_line


def read_elements(path: Path, rows: list[tuple[int, dict]], style: str, scope: Scope) -> dict[tuple, Decimal]:
    """Per element: (code, GlobalId) -> percent, for every line the element feeds (or the row's
    line or lot)."""
    known = scope.elements
    by_element: dict[tuple[str, str], Decimal] = {}
    seen: dict[tuple, int] = {}
    for line, row in rows:
        where = _where(path, line, row)
        code, lot = _code_and_lot(where, row, scope)
        gid = text_of(row.get("global_id"))
        if gid not in known:
            raise ProgressError(
                Message("error.progress.unknown_global_id", where=where, gid=repr(gid)),
                Message("hint.progress.check_global_id"),
            )
        _once(seen, (gid, code, lot), where, line)
        percent = read_percent(where, row.get("percent"), style)
        by_element |= {key: percent for key in _fed(scope, code, lot, gids={gid})}
    return by_element


def read_stages(
    path: Path, rows: list[tuple[int, dict]], style: str, scope: Scope, phases: list | None
) -> dict[tuple, Decimal]:
    """Per storey (or phase) and line or lot: (code, GlobalId) -> percent, for every element of
    the stage in that line or lot."""
    storeys = scope.storeys
    by_element: dict[tuple[str, str], Decimal] = {}
    seen: dict[tuple, int] = {}
    for line, row in rows:
        where = _where(path, line, row)
        code, lot = _code_and_lot(where, row, scope)
        if "phase" in row:
            phase = text_of(row.get("phase"))
            chosen = next((p for p in phases or [] if p.name == phase), None)
            if chosen is None:
                raise ProgressError(
                    Message("error.progress.unknown_phase", where=where, phase=repr(phase)),
                    Message("hint.progress.phases", phases=str([p.name for p in phases or []])),
                )
            stage = set(chosen.storeys)
        else:
            storey = text_of(row.get("storey"))
            if storey not in storeys:
                raise ProgressError(
                    Message("error.progress.unknown_storey", where=where, storey=repr(storey)),
                    Message("hint.progress.storeys", storeys=str(sorted(storeys))),
                )
            stage = {storey}
        if not code and not lot:
            raise ProgressError(
                Message("error.progress.no_code_or_lot", where=where), Message("hint.progress.which_line")
            )
        _once(seen, (*sorted(stage), code, lot), where, line)
        percent = read_percent(where, row.get("percent"), style)
        by_element |= {key: percent for key in _fed(scope, code, lot, storeys=stage)}
    return by_element


def read_schedule(path: Path, scope: Scope, period: str | None) -> dict[str, Decimal]:
    """GlobalId -> percent done at the end of ``period``, from the tasks of an IFC4 work schedule
    whose outputs the elements are (``IfcRelAssignsToProduct``): 100 when the task's
    ``ActualFinish`` is at or before the period's end, else its ``Completion`` (a ratio); an
    element output by several tasks takes the most advanced."""
    import ifcopenshell

    if period is None:
        raise ProgressError(Message("error.progress.schedule_period", path=path), Message("hint.progress.give_period"))
    end = month_end(period)
    try:
        model = ifcopenshell.open(str(path))
    except Exception as exc:  # noqa: BLE001  (ifcopenshell raises several kinds for a bad file)
        raise ProgressError(
            Message("error.progress.not_ifc", path=path, error=type(exc).__name__),
            Message("hint.progress.export_again"),
        ) from None
    if model.schema == "IFC2X3":
        raise ProgressError(Message("error.progress.ifc2x3", path=path), Message("hint.progress.export_ifc4"))
    percents: dict[str, Decimal] = {}
    for relation in model.by_type("IfcRelAssignsToProduct"):
        product = relation.RelatingProduct
        for task in relation.RelatedObjects or ():
            if not task.is_a("IfcTask") or product is None or not hasattr(product, "GlobalId"):
                continue
            done = _task_percent(path, task, end)
            percents[product.GlobalId] = max(done, percents.get(product.GlobalId, Decimal(0)))
    if not set(percents) & scope.elements:
        raise ProgressError(Message("error.progress.no_task_output", path=path), Message("hint.progress.assign_tasks"))
    return percents


def _task_percent(path: Path, task, end: dt.date) -> Decimal:
    time = task.TaskTime
    if time is None:
        return Decimal(0)
    finish = getattr(time, "ActualFinish", None)
    if finish:
        try:
            if dt.date.fromisoformat(str(finish)[:10]) <= end:
                return HUNDRED
        except ValueError:
            raise ProgressError(
                Message(
                    "error.progress.finish_not_a_date", path=path, task=task.Name or task.GlobalId, finish=repr(finish)
                ),
                Message("hint.progress.fix_task"),
            ) from None
    completion = getattr(time, "Completion", None)
    if completion is None:
        return Decimal(0)
    if not 0 <= completion <= 1:
        raise ProgressError(
            Message(
                "error.progress.completion", path=path, task=task.Name or task.GlobalId, completion=str(completion)
            ),
            Message("hint.progress.completion"),
        )
    return to_decimal(completion) * HUNDRED


def read_percent(where: str, value, style: str) -> Decimal:
    """A cumulative percent from 0 to 100, or :class:`ProgressError` with the likely fix."""
    text = text_of(value)
    number = parse_number(value, style)
    if number is None:
        if text.endswith("%"):
            hint = Message("hint.progress.number_alone", number=text.rstrip("% "))
        elif "," in text and style == "point":
            hint = Message("hint.progress.decimal_comma")
        else:
            hint = Message("hint.progress.percent_from_0_to_100")
        raise ProgressError(Message("error.progress.not_a_number", where=where, text=repr(text)), hint)
    if not 0 <= number <= 100:
        raise ProgressError(
            Message("error.progress.not_from_0_to_100", where=where, text=repr(text)),
            Message("hint.progress.cumulative"),
        )
    return to_decimal(number)


def _where(path: Path, line: int, row: dict) -> str:
    where = Message("error.loaders.row", path=path, line=line)
    if any(value is None for value in row.values()):
        raise ProgressError(
            Message("error.loaders.fewer_values", where=where, columns=len(row)),
            Message("hint.loaders.fill_every_column"),
        )
    return where


def _check_code(where: str, code: str, scope: Scope) -> None:
    if code not in scope.lots:
        raise ProgressError(
            Message("error.progress.unknown_code", where=where, code=repr(code)), Message("hint.progress.check_code")
        )


def _check_lot(where: str, lot: str, scope: Scope) -> None:
    if lot not in set(scope.lots.values()):
        raise ProgressError(
            Message("error.progress.unknown_lot", where=where, lot=repr(lot)), Message("hint.progress.check_lot")
        )


def _code_and_lot(where: str, row: dict, scope: Scope) -> tuple[str, str]:
    code, lot = text_of(row.get("code")), text_of(row.get("lot"))
    if code:
        _check_code(where, code, scope)
    if lot:
        _check_lot(where, lot, scope)
    return code, lot


def _once(seen: dict[tuple, int], key: tuple, where: str, line: int) -> None:
    if key in seen:
        said = Message("error.progress.twice", where=where, key=", ".join(k for k in key if k), first=seen[key])
        raise ProgressError(said, Message("hint.progress.keep_one_row"))
    seen[key] = line


def _fed(
    scope: Scope, code: str, lot: str, gids: set[str] = frozenset(), storeys: set[str] = frozenset()
) -> list[tuple[str, str]]:
    """(line, GlobalId) of the elements in ``gids`` or on ``storeys``, in the line ``code`` or
    the lot ``lot`` (every line when neither is given)."""
    return [
        (line_code, gid)
        for line_code, parts in scope.contributions.items()
        if (not code or line_code == code) and (not lot or scope.lots.get(line_code) == lot)
        for gid, storey, _ in parts
        if gid in gids or storey in storeys
    ]


# --- the resolver ----------------------------------------------------------------------------


def resolve(
    scope: Scope,
    *,
    by_line: dict[str, Decimal] | None = None,
    by_element: dict[tuple[str, str], Decimal] | None = None,
    by_gid: dict[str, Decimal] | None = None,
    source: str = "",
) -> dict[str, dict]:
    """Each line's cumulative percent from what a parser read: given per line, every element of
    it at that percent; otherwise its elements' contributions weighted by their percents
    (``by_element`` per line and element, ``by_gid`` per element for every line it feeds)."""
    result = {}
    for code in scope.lots:
        parts = scope.contributions.get(code, [])
        if by_line is not None:
            percent = by_line.get(code, Decimal(0))
            elements = {gid: percent for gid, _, _ in parts}
        else:
            elements = {
                gid: (by_gid or {}).get(gid, (by_element or {}).get((code, gid), Decimal(0))) for gid, _, _ in parts
            }
            total = sum((c for _, _, c in parts), Decimal(0))
            done = sum((c * elements[gid] for gid, _, c in parts), Decimal(0))
            percent = done / total if total else Decimal(0)
        result[code] = {"percent": round_percent(percent), "elements": elements, "source": source}
    given = set(by_line or ())
    for code, base in scope.base_codes.items():  # change orders follow their contract line
        if code not in given:
            result[code] = {"percent": result.get(base, {}).get("percent", Decimal(0)), "elements": {}}
    return result
