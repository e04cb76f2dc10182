"""Numeric conditions of work items: ``where = "width_m >= 0.25 and height_m < 3.5"``.

A condition is parsed with :mod:`ast`, never ``eval``-ed, and only these are accepted:
comparisons (``< <= > >= == !=``, chained too), ``and``, ``or``, ``not``, parentheses, numbers,
``true``/``false`` (or ``True``/``False``), texts in quotes, arithmetic (``+ - * /``) on numbers,
and these names:

- the quantity columns (``width_m``, ``net_volume_m3``...): compared with numbers;
- ``is_external``, ``load_bearing``, ``precast`` and ``lining`` (bimquant's readings: a precast
  material, property set or name; a wall boarded on one face only, or against another wall, see
  :mod:`bimquant.rules.reading`): compared with ``true``/``false``, or alone (``not is_external``);
- ``fire_rating``: compared with a text;
- a property as ``Pset_WallCommon.ThermalTransmittance``: compared with what the model holds.

Types are checked before any model is read: ``width_m > "thick"`` or ``is_external > 2`` is
refused by ``rules check``. On an element, a value the element does not have (NaN, a property
it lacks) makes the condition false, and the unmapped list says which value was missing.

Example::

    >>> condition = parse_condition("width_m >= 0.25 and not is_external")
    >>> condition.test({"width_m": 0.3, "is_external": False})
    True
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
from dataclasses import dataclass
from typing import Any

from bimquant.columns import QUANTITY_COLUMNS
from bimquant.rules.formula import FormulaError, parse_expression
from bimquant.messages import Joined, Message

BOOLEAN_NAMES = ("is_external", "load_bearing", "precast", "lining")
TEXT_NAMES = ("fire_rating",)
NUMBER_NAMES = tuple(QUANTITY_COLUMNS)
CONSTANTS = {"true": True, "false": False, "True": True, "False": False}
COMPARISONS = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
ARITHMETIC = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
ALLOWED = Message("hint.condition.allowed")  # comparisons (< <= > >= == !=), and, or, not, numbers...


class Missing(Exception):
    """A value the condition needs is missing on this element."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class Condition:
    """A parsed, type-checked condition."""

    text: str
    tree: ast.Expression
    names: frozenset[str]

    def test(self, element: dict) -> bool:
        """True when the element meets the condition; False when it does not, or when it lacks a
        value the condition needs (see :meth:`explain`)."""
        try:
            return bool(_value(self.tree.body, element))
        except (Missing, ArithmeticError, TypeError):
            return False

    def explain(self, element: dict) -> str:
        """Why the condition is false for this element, with the values it read."""
        try:
            _value(self.tree.body, element)
        except Missing as missing:
            return Message("where.missing", text=self.text, name=missing.name)
        except (ArithmeticError, TypeError):
            return Message("where.not_computed", text=self.text)
        shown = Joined([_said(name, _lookup(name, element)) for name in sorted(self.names)], ", ")
        return Message("where.false", text=self.text, shown=shown)


def parse_condition(text: str) -> Condition:
    """Parse and type-check ``text``; :class:`~bimquant.rules.formula.FormulaError` saying what
    is not allowed."""
    tree = parse_expression(
        text, Message("error.condition.where_condition"), Message("hint.condition.where_example"), ALLOWED
    )
    source = text.strip()
    names: set[str] = set()
    try:
        kind = _kind(tree.body, names, source)
    except RecursionError:
        raise FormulaError(
            Message("error.condition.too_deep", text=source), Message("hint.condition.simpler")
        ) from None
    if kind != "boolean":
        raise FormulaError(
            Message("error.condition.not_a_condition", text=source, kind=_said_kind(kind)),
            Message("hint.condition.compare_it"),
        )
    return Condition(source, tree, frozenset(names))


def _kind(node: ast.AST, names: set[str], text: str) -> str:
    """The type of ``node``: number, boolean, text or any (a property, known only on a model)."""
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _expect(value, "boolean", names, text)
        return "boolean"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        _expect(node.operand, "boolean", names, text)
        return "boolean"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _expect(node.operand, "number", names, text)
        return "number"
    if isinstance(node, ast.BinOp) and type(node.op) in ARITHMETIC:
        _expect(node.left, "number", names, text)
        _expect(node.right, "number", names, text)
        return "number"
    if isinstance(node, ast.Compare):
        kinds = [_kind(part, names, text) for part in (node.left, *node.comparators)]
        known = {k for k in kinds if k != "any"}
        if len(known) > 1:
            first, *others = sorted(known)
            kinds = _said_kind(first)
            for other in others:  # a number with a text (with a boolean)
                kinds = Message("error.condition.kind_with", first=kinds, other=_said_kind(other))
            raise FormulaError(
                Message("error.condition.compares_kinds", text=text, kinds=kinds),
                Message("hint.condition.compare_kinds"),
            )
        for op in node.ops:
            if type(op) not in COMPARISONS:
                raise FormulaError(
                    Message("error.condition.operators", text=text), Message("hint.orders.line_table", example=ALLOWED)
                )
            if isinstance(op, ORDERING) and known & {"boolean", "text"}:
                raise FormulaError(
                    Message("error.condition.orders", text=text, kind=_said_kind(next(iter(known)))),
                    Message("hint.condition.equality"),
                )
        return "boolean"
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return "boolean"
        if isinstance(node.value, (int, float)):
            return "number"
        if isinstance(node.value, str):
            return "text"
    if isinstance(node, ast.Name):
        if node.id in CONSTANTS:
            return "boolean"
        names.add(node.id)
        if node.id in NUMBER_NAMES:
            return "number"
        if node.id in BOOLEAN_NAMES:
            return "boolean"
        if node.id in TEXT_NAMES:
            return "text"
        known = [*NUMBER_NAMES, *BOOLEAN_NAMES, *TEXT_NAMES]
        close = difflib.get_close_matches(node.id, known, n=1)
        guess = Message("hint.formula.did_you_mean", name=close[0]) if close else ""
        raise FormulaError(
            Message("error.condition.unknown_value", text=text, name=node.id),
            Message("hint.condition.names", guess=guess),
        )
    known = (*NUMBER_NAMES, *BOOLEAN_NAMES, *TEXT_NAMES, *CONSTANTS)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id not in known:
        names.add(f"{node.value.id}.{node.attr}")
        return "any"
    raise FormulaError(
        Message("error.condition.not_allowed", text=text), Message("hint.orders.line_table", example=ALLOWED)
    )


def _expect(node: ast.AST, wanted: str, names: set[str], text: str) -> None:
    kind = _kind(node, names, text)
    if kind not in (wanted, "any"):
        raise FormulaError(
            Message(
                "error.condition.wrong_kind",
                text=text,
                part=ast.unparse(node),
                kind=_said_kind(kind),
                wanted=_said_kind(wanted),
            ),
            Message("hint.condition.numbers"),
        )


def _said_kind(kind: str) -> Message:
    """A kind of value (number, boolean, text, any) in the reader's words."""
    return Message(f"error.condition.kind.{kind}")


def _lookup(name: str, element: dict) -> Any:
    if "." in name:
        return (element.get("properties") or {}).get(name)
    return element.get(name)


def _value(node: ast.AST, element: dict) -> Any:
    if isinstance(node, ast.BoolOp):
        results = (_value(v, element) for v in node.values)
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.UnaryOp):
        operand = _value(node.operand, element)
        return not operand if isinstance(node.op, ast.Not) else (-operand if isinstance(node.op, ast.USub) else operand)
    if isinstance(node, ast.BinOp):
        return ARITHMETIC[type(node.op)](_value(node.left, element), _value(node.right, element))
    if isinstance(node, ast.Compare):
        left = _value(node.left, element)
        for op, comparator in zip(node.ops, node.comparators):
            right = _value(comparator, element)
            if not COMPARISONS[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in CONSTANTS:
        return CONSTANTS[node.id]
    name = node.id if isinstance(node, ast.Name) else f"{node.value.id}.{node.attr}"
    value = _lookup(name, element)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise Missing(name)
    return value


def _said(name: str, value: Any) -> str:
    """``name = value``; a truth value in the reader's words (``precast = faux``)."""
    if isinstance(value, bool):
        return Message(f"where.value_{str(value).lower()}", name=name)
    return f"{name} = {_show(value)}"


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return "none" if value is None else str(value)
