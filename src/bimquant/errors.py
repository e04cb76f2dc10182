"""Exceptions raised by bimquant, each carrying what a person needs to fix the problem.

The CLI turns each class into one ``Error: ...`` line, an optional ``Hint: ...`` line and the
exit code stored on the class (documented in README.md). The files a person hands over besides
the model (rules, prices, contract, progress, settings...) share one family,
:class:`InputFileError`, and one exit code.
"""

from __future__ import annotations


class BimquantError(Exception):
    """Base class: ``message`` says what is wrong, ``hint`` how to fix it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(BimquantError):
    """The model file cannot be used: missing, not IFC, truncated, unsupported schema."""

    exit_code = 3


class InputFileError(BimquantError):
    """A file a person hands over besides the model has a mistake: the message names the file,
    the line or key, and the fix. One exit code for the family; the subclass says which file."""

    exit_code = 4


class RuleError(InputFileError):
    """A rule, price, recipe or material file."""


class ContractError(InputFileError):
    """A JSON bimquant wrote and a person hands back: the signed estimate (``--contract``), an
    accepted change order, a previous situation, the orders, a map of a revision."""


class ProgressError(InputFileError):
    """A progress file (any of its forms, or a work schedule), a cost file, delivery notes."""


class SettingsError(InputFileError):
    """A settings, phase or index file, or a month (``--period``, ``--start``)."""


class OutputError(BimquantError):
    """The output cannot be written (unknown extension, unwritable folder)."""

    exit_code = 6


class ElementFailuresError(BimquantError):
    """Raised only under ``--strict``: some elements could not be measured (``failures``: the
    takeoff's failures table, to show the person which ones)."""

    exit_code = 5

    def __init__(self, message: str, hint: str | None = None, failures=None):
        super().__init__(message, hint)
        self.failures = failures


class SetupError(BimquantError):
    """An option this installation or this setting cannot serve: a missing extra, a cluster
    that cannot be reached."""

    exit_code = 2


class IncompleteError(BimquantError):
    """Raised only under ``--strict``: the estimate does not cover the model (building elements
    not priced once, placeholder labels); ``incomplete`` holds the count of each reason."""

    exit_code = 7

    def __init__(self, message: str, hint: str | None = None, incomplete: dict | None = None):
        super().__init__(message, hint)
        self.incomplete = incomplete or {}
