"""What the command line shows a person, on stderr: escaped text, tables, warnings, errors.

Text from a model, a rule, a price or a recipe file goes through :func:`show` before rich prints
it: a ``[`` in a name is not markup, and a control character (an escape sequence, a line break)
is shown as its escape, never run by the terminal. The console's own words are the catalogue's
``console.*`` sentences (:mod:`bimquant.messages`); a sentence of the library (an error, a log
record, a table cell) goes through :func:`~bimquant.messages.localize` first.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict

import pandas as pd
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bimquant.errors import BimquantError
from bimquant.labels import headers
from bimquant.messages import Number, localize, recognise_in, say

err = Console(stderr=True, highlight=False, soft_wrap=True)
# the command-line toolkit's errors (click's, vendored inside recent typer releases)
UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
WARNINGS_SHOWN_PER_KIND = 3
TEXT_COLUMN_MIN_WIDTH = 8  # a label cut to fit a narrow terminal keeps this much (the files have it whole)


def show(value) -> str:
    """``value`` as text rich prints as it is: markup escaped, control characters written as
    escapes (``\\x1b``, ``\\n``)."""
    text = "".join(repr(c)[1:-1] if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in str(value))
    return escape(text)


def fail(error: BimquantError, locale: str = "en") -> None:
    """Print ``Error: ...`` and ``Hint: ...`` in ``locale`` and exit with the error's code."""
    err.print(f"[bold red]{say('console.error_label', locale)}[/] {show(localize(error.message, locale))}")
    if error.hint:
        err.print(f"[yellow]{say('console.hint_label', locale)}[/] {show(localize(error.hint, locale))}")
    raise typer.Exit(error.exit_code)


def usage_error(error: UsageError, locale: str = "en") -> None:
    """A mistake on the command line (exit 2), as click says it (the usage, where to find help,
    what is wrong), in ``locale``: click's sentences the catalogue knows (``usage.*``) said in
    French, any other as click wrote it."""
    if locale != "fr" or type(error).__name__ == "NoArgsIsHelpError":  # `bimquant` alone: its help
        error.show()
        return
    ctx = error.ctx
    if ctx is not None:
        err.print(show(say("usage.usage", locale, usage=ctx.get_usage().removeprefix("Usage: "))))
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            err.print(show(say("usage.try_help", locale, command=command)))
        err.print()
    err.print(f"[bold red]{say('console.error_label', locale)}[/] {show(_usage_said(error.format_message(), locale))}")


def _usage_said(text: str, locale: str) -> str:
    """click's English ``text`` in ``locale``: its sentence, and what it suggests after it
    (``(Possible options: --threads)``, ``Did you mean 'estimate'?``) on its own."""
    for cut in (i for i, c in enumerate(text) if c == " "):
        suggestion = recognise_in("usage", text[cut + 1 :])
        if suggestion is not None and suggestion.id in SUGGESTIONS and (first := recognise_in("usage", text[:cut])):
            return f"{first.render(locale)} {suggestion.render(locale)}"
    said = recognise_in("usage", text)
    return text if said is None else said.render(locale)


SUGGESTIONS = {"usage.possible_options", "usage.did_you_mean"}


def format_number(value: float, locale: str = "en", decimals: int = 2) -> str:
    """``1,234.56`` in English, ``1 234,56`` in French (a narrow no-break space between thousands)."""
    return Number(value, f",.{decimals}f").render(locale)


def format_share(value: float, locale: str = "en") -> str:
    """A share as a percentage: ``40.1 %`` (``40,1 %`` in French)."""
    return format_number(100 * value, locale, 1) + "\u00a0%"


def make_table(title: str, frame: pd.DataFrame, locale: str = "en", shares: tuple[str, ...] = ()) -> Table:
    """A rich table of ``frame`` (its index as the first column), headed in ``locale``: numbers
    right-aligned with two decimals (the ``shares`` columns as percentages), whole numbers as
    they are, never cut nor wrapped; text and headers escaped, wrapped when the terminal is
    narrow; a sentence of the library in a cell in ``locale`` (:func:`localize`)."""

    def cell(column: str, value) -> str:
        if pd.isna(value):
            return ""
        if column in shares:
            return format_share(value, locale)
        return format_number(value, locale) if isinstance(value, float) else show(localize(value, locale))

    rows = [
        [show(localize(key, locale)), *(cell(column, v) for column, v in zip(frame.columns, values))]
        for key, *values in frame.itertuples(name=None)  # iterrows would turn counts into floats
    ]
    table = Table(title=title, title_justify="left")
    names = [frame.index.name or "", *frame.columns]
    for i, (name, header) in enumerate(zip(names, headers(names, locale))):
        if i > 0 and pd.api.types.is_numeric_dtype(frame[name]):
            # a number is never cut nor wrapped; a long header wraps between its words
            widest = max([len(word) for word in header.split()] + [len(row[i]) for row in rows])
            table.add_column(show(header), justify="right", min_width=widest)
        else:
            table.add_column(show(header), min_width=TEXT_COLUMN_MIN_WIDTH)
    for row in rows:
        table.add_row(*row)
    return table


class LogToConsole(logging.Handler):
    """Collects the library's log records while a command runs; :meth:`flush_to` prints them on
    stderr, one line each, at most ``WARNINGS_SHOWN_PER_KIND`` of a kind and a count of the rest,
    in ``locale`` (the command's language, once it is known)."""

    def __init__(self, level: int, locale: str = "en"):
        super().__init__(level)
        self.records: list[logging.LogRecord] = []
        self.locale = locale

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def flush_to(self, console: Console, locale: str | None = None) -> None:
        """Print the records collected, in ``locale`` (by default the handler's)."""
        locale = locale or self.locale
        by_kind: dict[tuple[int, str], list[logging.LogRecord]] = defaultdict(list)
        for record in self.records:
            by_kind[(record.levelno, str(record.msg))].append(record)
        warning, info = say("console.warning_label", locale), say("console.info_label", locale)
        for (level, _), records in by_kind.items():
            label = f"[yellow]{warning}[/]" if level >= logging.WARNING else f"[dim]{info}[/]"
            for record in records[:WARNINGS_SHOWN_PER_KIND]:
                console.print(f"{label} {show(localize(message_of(record), locale))}")
            if len(records) > WARNINGS_SHOWN_PER_KIND:
                more = say("console.log.more", locale, n=len(records) - WARNINGS_SHOWN_PER_KIND)
                console.print(f"{label} {more}")
        self.records.clear()


def message_of(record: logging.LogRecord):
    """A log record's message: the :class:`~bimquant.messages.Message` itself when the library
    logged one without arguments (rendered whole in the reader's language), else its text."""
    return record.msg if not record.args and isinstance(record.msg, str) else record.getMessage()
