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
from bimquant.messages import CATALOGUE, Message, Number, recognise_in

_EXTRA = object()  # csv.DictReader key for values beyond the header


# the words of a file's kind (``what``) that say which error family its mistakes belong to
ERROR_WORDS = (
    (("progress", "cost", "deliver", "schedule"), ProgressError),
    (("contract", "change order", "situation", "orders", "map", "estimate"), ContractError),
    (("settings", "phase", "index", "period"), SettingsError),
)


# the kinds of file (``what``) the errors name, said in the reader's language: what -> the last
# part of its ids (``error.loaders.kind.<name>``, and ``error.loaders.a_kind.<name>`` with its article)
KINDS = {
    "progress file": "progress_file",
    "actuals file": "actuals_file",
    "delivery file": "delivery_file",
    "contract": "contract",
    "change order": "change_order",
    "previous situation": "previous_situation",
    "orders": "orders",
    "settings file": "settings_file",
    "index file": "index_file",
    "price library": "price_library",
    "rule file": "rule_file",
    "material library": "material_library",
    "recipe file": "recipe_file",
    "phase file": "phase_file",
    "map file": "map_file",
    "model list": "model_list",
    "productivity file": "productivity_file",
    "schedule": "schedule",
}


def kind(what: str) -> str:
    """``what`` (``"progress file"``) as a :class:`Message` when it is one of ``KINDS``."""
    name = KINDS.get(what)
    return Message(f"error.loaders.kind.{name}") if name else what


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
        said = Message("error.loaders.not_json", path=path, error=exc.msg, line=exc.lineno, what=article(what))
        raise error(said, hint) from None
    except RecursionError:
        raise error(Message("error.loaders.json_too_deep", path=path, what=article(what)), hint) from None


def article(what: str) -> str:
    """``"a contract"``, ``"orders"`` (a plural takes none); a :class:`Message` for the kinds
    said in French too."""
    id = f"error.loaders.a_kind.{KINDS.get(what)}"
    if id in CATALOGUE:
        return Message(id)
    return what if what.endswith("s") else f"a {what}"


def one_line(text: str | None) -> str | None:
    r"""``"A\n1"`` -> ``"A\\n1"``: line breaks and other control characters written as escapes,
    so that text from a file never spreads an error message over several lines."""
    if text is None:
        return None
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def read_text(path: Path, what: str, missing_hint: str | None = None) -> str:
    """The UTF-8 text of ``path`` (a BOM is fine); the :func:`error_for` ``what`` when it cannot be
    read (``missing_hint``, when it is missing: "check the path" unless given)."""
    error = error_for(what)
    if not path.is_file():
        hint = Message("hint.loaders.check_path") if missing_hint is None else missing_hint
        raise error(Message("error.loaders.not_found", what=kind(what), path=path), hint)
    try:
        return path.read_text(encoding="utf-8-sig")  # -sig: a BOM from Notepad is fine
    except UnicodeDecodeError:
        hint = Message("hint.loaders.save_utf8", what=kind(what))
        raise error(Message("error.loaders.not_utf8", path=path), hint) from None
    except OSError as exc:
        said = Message("error.loaders.unreadable", path=path, reason=str(exc.strerror or exc))
        raise error(said, Message("hint.loaders.permissions")) from None


def read_toml(path: str | Path, what: str, missing_hint: str | None = None) -> dict:
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
        reason = recognise_in("toml", str(exc)) or str(exc)  # the parser's words, in French too
        said = Message("error.loaders.not_toml", path=path, error=reason)
        raise error(said, Message("hint.loaders.fix_toml")) from None
    except RecursionError:
        said = Message("error.loaders.toml_too_deep", path=path)
        raise error(said, Message("hint.loaders.item_tables")) from None


def check_keys(path: Path, where: str, table: dict, allowed: set[str], error: type[InputFileError] = RuleError) -> None:
    """Refuse keys not in ``allowed``, suggesting the closest one (a typo never drops a condition)."""
    unknown = set(table) - allowed
    if unknown:
        close = difflib.get_close_matches(sorted(unknown)[0], allowed, n=1)
        keys = ", ".join(sorted(allowed))
        if close:
            hint = Message("hint.loaders.did_you_mean", guess=close[0], keys=keys)
        else:
            hint = Message("hint.loaders.allowed_keys", keys=keys)
        raise error(Message("error.loaders.unknown_keys", path=path, where=where, keys=quoted(unknown)), hint)


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
) -> str:
    """Check one ``[[kind]]`` entry of a file: a table, with only ``allowed`` keys, every
    ``required`` one, and a non-empty text for each of ``texts``. Returns how messages name it
    (``error.loaders.entry.<kind>``): ``"material beton (#1)"`` (with its ``name_key`` value,
    whatever its type, so a wrong one still shows), or ``"material #1"`` when it has none."""
    where = Message(f"error.loaders.entry.{kind}", index=index)
    if not isinstance(raw, dict):
        raise RuleError(
            Message("error.loaders.not_a_table", path=path, where=where),
            Message("hint.loaders.write_as_table", kind=kind),
        )
    if name_key in raw:
        where = Message(f"error.loaders.entry.{kind}_named", name=raw[name_key], index=index)
    check_keys(path, where, raw, allowed)
    for key in required:
        if key not in raw:
            raise RuleError(
                Message("error.loaders.no_key", path=path, where=where, key=key),
                Message("hint.loaders.add_key", key=key, kind=kind),
            )
    for key in texts:
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RuleError(
                Message("error.loaders.empty_text", path=path, where=where, key=key),
                Message("hint.loaders.write_text", key=key),
            )
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
        id = "error.loaders.number_above" if strict else "error.loaders.number_at_least"
        bounds = {"minimum": Number(minimum)}
        if maximum < math.inf:
            id, bounds["maximum"] = f"{id}_at_most", Number(maximum, ",.10g")
        shown = Number(value, ",.10g") if ok else repr(value)  # a number as the reader writes it, else what was written
        said = Message(id, path=path, where=where, key=key, value=shown, **bounds)
        raise RuleError(said, Message("hint.loaders.write_key", key=key))
    return float(value)


def text_of(value) -> str:
    """A cell's text, stripped; empty for an empty cell."""
    return "" if value is None else str(value).strip()


# How a table writes its decimal numbers: a comma-separated CSV uses a decimal point; a
# semicolon- or tab-separated one (French Excel) a decimal comma, or a point; an XLSX text
# cell either. Thousands are grouped by spaces, or by points before a decimal comma.
NUMBER_FORMS = {
    "point": ("1450", "1450.00", "1 450.00"),
    "comma": ("1450", "1450,00", "1 450,00", "1.450,00"),
    "either": ("1450", "1450.00", "1450,00", "1 450,00", "1.450,00"),
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
        raise error_for(what)(
            Message("error.loaders.unknown_type", path=path, what=kind(what)),
            Message("hint.loaders.csv_or_xlsx", what=kind(what)),
        )
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
            code = text_of(row.get("code"))
            counts = {"path": path, "line": line, "values": columns + len(extra), "columns": columns}
            said = (
                Message("error.loaders.too_many_values_code", code=code, **counts)
                if code
                else Message("error.loaders.too_many_values", **counts)
            )
            raise error_for(what)(said, Message("hint.loaders.decimal_comma", delimiter=dialect.delimiter))
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
                Message("error.loaders.bad_row", path=path, line=reader.line_num, error=str(exc)),
                Message("hint.loaders.short_texts", what=kind(what)),
            ) from None


def _xlsx_rows(path: Path, what: str) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise error_for(what)(
            Message("error.loaders.not_xlsx", path=path, error=str(exc)),
            Message("hint.loaders.save_again", what=kind(what)),
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
    raise error(Message("error.loaders.not_a_date", where=where, text=repr(text)), Message("hint.loaders.date_forms"))
