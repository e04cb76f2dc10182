"""Reading the files a person hands bimquant (rule sets, price libraries, recipes, phases,
settings): one way to open them and one way to refuse them.

Every problem becomes an :class:`~bimquant.errors.InputFileError` of one line naming the file
(and the row, item or key), of the subclass for that kind of file (:func:`error_for`), with a
hint saying how to fix it: a missing or unreadable file, text that is not UTF-8, bad TOML (a
duplicate key included, arrays nested too deeply) or JSON, an unknown key (with "did you mean"),
a value that is not a number.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from bimquant.errors import ContractError, InputFileError, ProgressError, RuleError, SettingsError

_EXTRA = object()  # csv.DictReader key for values beyond the header


# the words of a file's kind (``what``) that say which error family its mistakes belong to
ERROR_WORDS = (
    (("progress", "cost", "deliver", "schedule"), ProgressError),
    (("contract", "change order", "situation", "orders", "map", "estimate"), ContractError),
    (("settings", "phase", "index", "period"), SettingsError),
)


def error_for(what: str) -> type[InputFileError]:
    """The error class for a mistake in a ``what`` file: ``"progress file"`` ->
    :class:`ProgressError`; rule, price, recipe and material files :class:`RuleError`."""
    for words, error in ERROR_WORDS:
        if any(word in what for word in words):
            return error
    return RuleError


def read_json(path: str | Path, what: str, hint: str):
    """The JSON a person hands back (a contract, a change order, a previous situation, the
    orders: what bimquant wrote); the :func:`error_for` ``what`` naming the file when it is
    missing, unreadable or not JSON. ``hint`` says which file was expected."""
    import json

    path = Path(path)
    error = error_for(what)
    text = read_text(path, what, hint)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}), so not {article(what)}", hint) from None
    except RecursionError:
        raise error(f"{path}: JSON nested too deeply to be {article(what)}", hint) from None


def article(what: str) -> str:
    """``"a contract"``, ``"orders"`` (a plural takes none)."""
    return what if what.endswith("s") else f"a {what}"


def one_line(text: str | None) -> str | None:
    r"""``"A\n1"`` -> ``"A\\n1"``: line breaks and other control characters written as escapes,
    so that text from a file never spreads an error message over several lines."""
    if text is None:
        return None
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def read_text(path: Path, what: str, missing_hint: str = "check the path") -> str:
    """The UTF-8 text of ``path`` (a BOM is fine); the :func:`error_for` ``what`` when it cannot be read."""
    error = error_for(what)
    if not path.is_file():
        raise error(f"{what} not found: {path}", missing_hint)
    try:
        return path.read_text(encoding="utf-8-sig")  # -sig: a BOM from Notepad is fine
    except UnicodeDecodeError:
        hint = f"save the {what} as UTF-8 text (in Excel: « CSV UTF-8 »)"
        raise error(f"{path}: not a UTF-8 text file", hint) from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})", "check the file's permissions") from None


def read_toml(path: str | Path, what: str, missing_hint: str = "check the path") -> dict:
    """Parse a TOML file; the :func:`error_for` ``what`` for a missing, unreadable or invalid file.

    Example::

        >>> read_toml(Path("rules/fr-lots.toml"), "rule file")["ruleset"]["language"]
        'fr'
    """
    path = Path(path)
    text = read_text(path, what, missing_hint)
    error = error_for(what)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # a key given twice is one of these too
        raise error(f"{path}: not valid TOML: {exc}", "fix the TOML syntax at that line") from None
    except RecursionError:
        raise error(
            f"{path}: not valid TOML: arrays or tables nested too deeply", "write the items as [[item]] tables"
        ) from None


def check_keys(path: Path, where: str, table: dict, allowed: set[str], error: type[InputFileError] = RuleError) -> None:
    """Refuse keys not in ``allowed``, suggesting the closest one (a typo never drops a condition)."""
    unknown = set(table) - allowed
    if unknown:
        close = difflib.get_close_matches(sorted(unknown)[0], allowed, n=1)
        guess = f"did you mean '{close[0]}'? " if close else ""
        raise error(
            f"{path}: {where}: unknown key(s) {quoted(unknown)}", f"{guess}allowed keys: {', '.join(sorted(allowed))}"
        )


def check_entry(
    path: Path,
    kind: str,
    index: int,
    raw: Any,
    *,
    name_key: str,
    allowed: set[str],
    required: tuple[str, ...] = (),
    texts: tuple[str, ...] = (),
    named: str = "{kind} {name}",
) -> str:
    """Check one ``[[kind]]`` entry of a file: a table, with only ``allowed`` keys, every
    ``required`` one, and a non-empty text for each of ``texts``. Returns how messages name it:
    ``"material beton (#1)"`` (``named`` filled with its ``name_key`` value, whatever its
    type, so a wrong one still shows), or ``"material #1"`` when it has none."""
    where = f"{kind} #{index}"
    if not isinstance(raw, dict):
        raise RuleError(f"{path}: {where} is not a table", f"write each {kind} as a [[{kind}]] table")
    if name_key in raw:
        where = named.format(kind=kind, name=raw[name_key]) + f" (#{index})"
    check_keys(path, where, raw, allowed)
    for key in required:
        if key not in raw:
            raise RuleError(f"{path}: {where} has no '{key}'", f"add {key} = ... to the {kind}")
    for key in texts:
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RuleError(f"{path}: {where}: '{key}' must be a non-empty text", f'write {key} = "..."')
    return where


def quoted(keys) -> str:
    """``{"b", "a"}`` -> ``"'a', 'b'"``."""
    return ", ".join(f"'{k}'" for k in sorted(keys))


def require_number(
    path: Path, where: str, key: str, value: Any, minimum: float, strict: bool, maximum: float = math.inf
) -> float:
    """``value`` as a float when it is a finite number at or above ``minimum`` (above it with
    ``strict``) and at most ``maximum``; otherwise a :class:`RuleError` naming the file, the
    place and the key."""
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < minimum or (strict and value == minimum) or value > maximum:
        bound = f"above {minimum:g}" if strict else f"{minimum:g} or more"
        if maximum < math.inf:
            bound += f" and at most {maximum:,.10g}"
        raise RuleError(f"{path}: {where}: {key} must be a number {bound}, not {value!r}", f"write {key} = ...")
    return float(value)


def text_of(value) -> str:
    """A cell's text, stripped; empty for an empty cell."""
    return "" if value is None else str(value).strip()


# How a table writes its decimal numbers: a comma-separated CSV uses a decimal point; a
# semicolon- or tab-separated one (French Excel) a decimal comma, or a point; an XLSX text
# cell either. Thousands are grouped by spaces, or by points before a decimal comma.
NUMBER_FORMS = {
    "point": "1450, 1450.00 or 1 450.00",
    "comma": "1450, 1450,00, 1 450,00 or 1.450,00",
    "either": "1450, 1450.00, 1450,00, 1 450,00 or 1.450,00",
}
_SPACES = " \u00a0\u202f"
_PLAIN = re.compile(rf"(-?)(\d{{1,3}}(?:[{_SPACES}]\d{{3}})+|\d+)(?:([.,])(\d+))?")
_POINT_GROUPS = re.compile(r"(-?)(\d{1,3}(?:\.\d{3})+),(\d+)")  # 1.450,00


def parse_number(value, style: str = "either") -> float | None:
    """A finite number from a table cell: a number, or text in a form that cannot be misread
    for the file's ``style`` (``NUMBER_FORMS``); None for anything else.

    Ambiguous text is None, never a guess: ``1,450`` in a comma-separated file (one thousand
    four hundred and fifty, or 1.45?), ``1.450`` where a point may group thousands.

    Example::

        >>> parse_number("1 450,00", "comma"), parse_number("1,450", "point")
        (1450.0, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    text = text_of(value)
    plain = _PLAIN.fullmatch(text)
    if plain:
        sign, whole, mark, fraction = plain.groups()
        digits = re.sub(f"[{_SPACES}]", "", whole)
        if mark == "," and style == "point":
            return None  # a comma in a comma-separated file: thousands or decimals, no telling
        grouped = len(digits) <= 3 and digits != "0" and digits == whole
        if mark and len(fraction) == 3 and grouped and (mark == "." or style == "either") and style != "point":
            return None  # 1.450: a decimal point, or a thousands separator?
        return float(f"{sign}{digits}.{fraction}" if mark else f"{sign}{digits}")
    groups = _POINT_GROUPS.fullmatch(text)
    if groups and style != "point":
        sign, whole, fraction = groups.groups()
        return float(f"{sign}{whole.replace('.', '')}.{fraction}")
    return None


def read_rows(path: Path, what: str) -> tuple[list[tuple[int, dict]], str]:
    """Rows of a CSV (comma, semicolon or tab separated) or XLSX table as ``(line, {column:
    value})``, skipping empty rows (the line is the file's own, for error messages), and how
    the file writes decimal numbers (a ``NUMBER_FORMS`` key, for :func:`parse_number`)."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path, what), "either"
    if path.suffix.lower() != ".csv":
        raise error_for(what)(f"{path}: unknown {what} type", f"give a .csv or .xlsx {what}")
    text = read_text(path, what)
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except (csv.Error, IndexError):  # one column, or empty: the column check says what is missing
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect, restkey=_EXTRA)
    rows = []
    for row in _guarded(reader, path, what):
        line = reader.line_num  # the file's line, blank lines included
        extra = row.pop(_EXTRA, None)
        if extra and any(v.strip() for v in extra):
            columns = len(reader.fieldnames or [])
            code = f" ({text_of(row.get('code'))})" if text_of(row.get("code")) else ""
            raise error_for(what)(
                f"{path}: row {line}{code}: {columns + len(extra)} values for {columns} columns",
                f"a decimal comma in a file separated by '{dialect.delimiter}'? write 185.50, "
                "or separate the columns with ; and write 185,50",
            )
        if any((v or "").strip() for v in row.values() if isinstance(v, str)):
            rows.append((line, {(k or "").strip(): v for k, v in row.items()}))
    return rows, "point" if dialect.delimiter == "," else "comma"


def _guarded(reader: csv.DictReader, path: Path, what: str):
    """The reader's rows; a field past the csv module's limit (131,072 characters) or a stray
    NUL is an error naming the row, not an internal error."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise error_for(what)(
                f"{path}: row {reader.line_num}: {exc}", f"a {what} holds short texts and numbers"
            ) from None


def _xlsx_rows(path: Path, what: str) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise error_for(what)(
            f"{path}: not a readable XLSX file ({exc})", f"save the {what} again from Excel"
        ) from None
    if not values:
        return []
    header = [text_of(h) for h in values[0]]
    return [
        (i, dict(zip(header, row)))
        for i, row in enumerate(values[1:], start=2)
        if any(v not in (None, "") for v in row)
    ]


def parse_date(where: str, text: str, error: type[InputFileError] = RuleError):
    """A date written 2026-03-15 or 15/03/2026 (as a French spreadsheet writes it); otherwise
    ``error`` naming ``where``."""
    import datetime as dt

    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise error(f"{where}: date {text!r} is not a date", "write 2026-03-15 or 15/03/2026")
