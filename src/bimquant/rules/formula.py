"""Quantity formulas of work items: arithmetic over element quantities, parsed, never ``eval``-ed.

A formula such as ``"gross_side_area_m2 * 2"`` or ``"max(net_volume_m3 - 0.1, 0)"`` is parsed
with :mod:`ast` and only these nodes are accepted: numbers, the names of element quantity
columns (plus ``count``, 1 per element), ``+ - * / **``, unary minus, parentheses and the
functions ``min``, ``max``, ``round`` and ``abs``. Anything else (attribute access, strings,
calls to other names, comprehensions...) is refused before any model is read.

Each formula also has a physical dimension, checked against the item's unit: an ``m2`` item fed
``net_volume_m3`` is refused, and so is ``gross_area_m2 + net_volume_m3``. A bare number takes the
unit of what it is added to or compared with (``max(net_volume_m3 - 0.1, 0)``: 0.1 m3 and 0 m3)
and is a plain factor in a product (``gross_side_area_m2 * 2``); a formula of numbers alone
is a count.

Example::

    >>> f = parse_formula("gross_side_area_m2 * 2")
    >>> f.evaluate({"gross_side_area_m2": 10.0})
    20.0
    >>> f.dimension
    (2, 0)
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
from dataclasses import dataclass

from bimquant.columns import (
    DIMENSIONLESS,
    QUANTITY_COLUMNS,
    Dimension,
    get_column_dimension,
)
from bimquant.messages import CATALOGUE, Message

NAME_DIMENSIONS: dict[str, Dimension] = {"count": DIMENSIONLESS}
NAME_DIMENSIONS.update({column: get_column_dimension(column) for column in QUANTITY_COLUMNS})

FUNCTIONS = {"min": min, "max": max, "round": round, "abs": abs}
BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}
UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
MAX_LENGTH = 500  # characters: a quantity formula is one short line; this also bounds the parser's work
PROBE_VALUES = (1.0, 0.37, 2.9)  # quantities a formula is tried on before any model is read
ALLOWED = Message("hint.formula.allowed")  # numbers, quantity names, + - * / **, parentheses, min()...


class FormulaError(ValueError):
    """The formula is not plain arithmetic over known quantities, or its units do not add up;
    ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Formula:
    """A parsed, checked formula."""

    text: str
    tree: ast.Expression
    names: frozenset[str]
    dimension: Dimension

    def evaluate(self, values: dict[str, float]) -> float:
        """Value of the formula for one element's quantities (NaN if a needed one is NaN, or if
        the arithmetic has no value: a division by zero, an overflow; see :meth:`overflows`)."""
        try:
            return _evaluate(self.tree.body, values)
        except (ArithmeticError, ValueError):
            return math.nan

    def overflows(self, values: dict[str, float]) -> bool:
        """True when the value for these quantities is not finite, or too large for a float: no
        quantity, only a formula that cannot be priced."""
        try:
            value = _evaluate(self.tree.body, values)
        except (OverflowError, ValueError, TypeError):
            return True
        except ArithmeticError:
            return False
        return isinstance(value, complex) or math.isinf(value)

    def render(self, values: dict[str, float]) -> str:
        """The formula with each quantity replaced by its value, for the trace."""
        return _render(self.tree.body, values)


def parse_expression(text: str, what: str, example: str, allowed: str) -> ast.Expression:
    """The syntax tree of a one-line expression of a rule file (a ``what``: "quantity formula",
    "where condition", a :class:`Message`), parsed by :mod:`ast`, never run; :class:`FormulaError`
    when it is empty, too long or not an expression."""
    if not isinstance(text, str) or not text.strip():
        raise FormulaError(
            Message("error.formula.empty", what=what), Message("hint.orders.line_table", example=example)
        )
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            Message("error.formula.too_long", what=what, length=len(text), maximum=MAX_LENGTH),
            Message("hint.formula.shorter", what=what),
        )
    try:
        return ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(
            Message("error.formula.syntax", text=text, what=what, error=_python_reason(exc.msg)),
            Message("hint.orders.line_table", example=allowed),
        ) from None
    except (RecursionError, MemoryError):
        raise FormulaError(
            Message("error.formula.too_deep", text=text), Message("hint.formula.simpler", what=what)
        ) from None


def parse_formula(text: str) -> Formula:
    """Parse and check ``text``; raise :class:`FormulaError` saying what is not allowed."""
    tree = parse_expression(
        text,
        Message("error.formula.quantity_formula"),
        Message("hint.formula.quantity_example"),
        Message("hint.formula.arithmetic_with", allowed=ALLOWED),
    )
    names: set[str] = set()
    try:
        dimension = _dimension(tree.body, names, text)
    except RecursionError:
        raise FormulaError(
            Message("error.formula.too_deep", text=text), Message("hint.formula.simpler_formula")
        ) from None
    formula = Formula(text.strip(), tree, frozenset(names), DIMENSIONLESS if dimension is None else dimension)
    _check_finite(formula)
    return formula


def _check_finite(formula: Formula) -> None:
    """Refuse a formula that has no value whatever the quantities: a divisor that is a
    constant zero (``x / 0``), or an overflow on every plausible set of quantities
    (``x * 1e299 * 1e299``). ``x / (width_m - 1)`` stays allowed."""
    for node in ast.walk(formula.tree.body):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and not _has_name(node.right):
            try:
                divisor = _evaluate(node.right, {})
            except ArithmeticError:
                divisor = 0.0
            if divisor == 0:
                raise FormulaError(
                    Message("error.formula.divides_by_zero", text=formula.text),
                    Message("hint.formula.no_zero_division"),
                )
    if all(formula.overflows(dict.fromkeys(formula.names, probe)) for probe in PROBE_VALUES):
        raise FormulaError(Message("error.formula.not_finite", text=formula.text), Message("hint.formula.number_sizes"))


def _has_name(node: ast.AST) -> bool:
    return any(isinstance(sub, ast.Name) for sub in ast.walk(node))


def describe_dimension(dimension: Dimension) -> str:
    """``(2, 0)`` -> ``"m2"``, ``(0, 1)`` -> ``"kg"``, ``(0, 0)`` -> ``"a count"`` (a :class:`Message`)."""
    length, mass = dimension
    if dimension == DIMENSIONLESS:
        return Message("error.formula.a_count")
    parts = []
    if length:
        parts.append("m" if length == 1 else f"m{length}")
    if mass:
        parts.append("kg" if mass == 1 else f"kg{mass}")
    return "·".join(parts)


def _dimension(node: ast.AST, names: set[str], text: str) -> Dimension | None:
    """Dimension of ``node``; None for a bare number, which takes the unit of what it meets."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        try:
            finite = math.isfinite(float(node.value))
        except OverflowError:
            finite = False
        if not finite:
            raise FormulaError(
                Message("error.formula.number_too_large", text=text), Message("hint.formula.below_1e300")
            )
        return None
    if isinstance(node, ast.Name):
        if node.id not in NAME_DIMENSIONS:
            known = ", ".join(sorted(NAME_DIMENSIONS))
            close = difflib.get_close_matches(node.id, NAME_DIMENSIONS, n=1)
            guess = Message("hint.formula.did_you_mean", name=close[0]) if close else ""
            raise FormulaError(
                Message("error.formula.unknown_quantity", name=node.id, text=text),
                Message("hint.formula.known_quantities", guess=guess, known=known),
            )
        names.add(node.id)
        return NAME_DIMENSIONS[node.id]
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
        return _dimension(node.operand, names, text)
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        left, right = _dimension(node.left, names, text), _dimension(node.right, names, text)
        if isinstance(node.op, (ast.Add, ast.Sub)):
            if left is not None and right is not None and left != right:
                raise FormulaError(
                    Message(
                        "error.formula.adds_units",
                        text=text,
                        left=describe_dimension(left),
                        right=describe_dimension(right),
                    ),
                    Message("hint.formula.same_unit"),
                )
            return right if left is None else left
        power = _exponent(node.right) if isinstance(node.op, ast.Pow) else None
        if isinstance(node.op, ast.Pow) and power is None:
            raise FormulaError(Message("error.formula.power", text=text), Message("hint.formula.power"))
        if left is None and (right is None or isinstance(node.op, ast.Pow)):
            return None  # numbers only: still a bare number
        left, right = left or DIMENSIONLESS, right or DIMENSIONLESS
        if isinstance(node.op, ast.Mult):
            return (left[0] + right[0], left[1] + right[1])
        if isinstance(node.op, ast.Div):
            return (left[0] - right[0], left[1] - right[1])
        return (left[0] * power, left[1] * power)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
        if node.keywords or not node.args:
            raise FormulaError(
                Message("error.formula.plain_arguments", text=text, function=node.func.id),
                Message("hint.formula.plain_arguments", function=node.func.id),
            )
        dims = [_dimension(arg, names, text) for arg in node.args]
        if node.func.id == "round":
            if len(dims) > 2 or (len(dims) == 2 and dims[1] not in (None, DIMENSIONLESS)):
                raise FormulaError(Message("error.formula.round", text=text), Message("hint.formula.round"))
            return dims[0]
        if node.func.id == "abs":
            if len(dims) != 1:
                raise FormulaError(Message("error.formula.abs", text=text), Message("hint.formula.abs"))
            return dims[0]
        if len(dims) < 2:
            raise FormulaError(
                Message("error.formula.compares_one", text=text, function=node.func.id),
                Message("hint.formula.compare_with_zero", function=node.func.id),
            )
        known = {dim for dim in dims if dim is not None}
        if len(known) > 1:
            raise FormulaError(
                Message("error.formula.different_units", text=text, function=node.func.id),
                Message("hint.formula.compare_same_unit"),
            )
        return known.pop() if known else None
    raise FormulaError(
        Message("error.formula.not_arithmetic", text=text), Message("hint.formula.only", allowed=ALLOWED)
    )


def _exponent(node: ast.AST) -> int | None:
    """The power's whole-number exponent from -4 to 4 (a number, or minus a number), else None."""
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1 if isinstance(node.op, ast.USub) else 1
        node = node.operand
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
        return None
    if not float(node.value).is_integer() or abs(node.value) > 4:
        return None
    return sign * int(node.value)


def _evaluate(node: ast.AST, values: dict[str, float]) -> float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        value = values.get(node.id, math.nan)
        return math.nan if value is None else float(value)
    if isinstance(node, ast.UnaryOp):
        return UNARY[type(node.op)](_evaluate(node.operand, values))
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, values), _evaluate(node.right, values)
        if isinstance(node.op, ast.Div) and right == 0:
            return math.nan
        return BINARY[type(node.op)](left, right)
    args = [_evaluate(arg, values) for arg in node.args]
    if any(math.isnan(a) for a in args):
        return math.nan
    if node.func.id == "round" and len(args) == 2:
        return float(round(args[0], int(args[1])))
    return float(FUNCTIONS[node.func.id](*args))


def _render(node: ast.AST, values: dict[str, float]) -> str:
    if isinstance(node, ast.Name):
        value = values.get(node.id, math.nan)
        return f"{value:.6g}" if value is not None else "nan"
    if isinstance(node, ast.Constant):
        return f"{node.value:g}"
    if isinstance(node, ast.UnaryOp):
        return f"-{_render(node.operand, values)}" if isinstance(node.op, ast.USub) else _render(node.operand, values)
    if isinstance(node, ast.BinOp):
        symbol = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}[type(node.op)]
        return f"({_render(node.left, values)} {symbol} {_render(node.right, values)})"
    return f"{node.func.id}({', '.join(_render(a, values) for a in node.args)})"


def _python_reason(reason: str) -> str:
    """Python's words for a formula it cannot parse, in the catalogue's languages when known
    (``invalid syntax``), else as Python says them."""
    id = f"formula.python.{reason}"
    return Message(id) if id in CATALOGUE else reason
