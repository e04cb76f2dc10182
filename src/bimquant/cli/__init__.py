"""Command line: thin glue over the library (see :mod:`bimquant.cli.commands`)."""

from bimquant.cli.commands import app, main

__all__ = ["app", "main"]
