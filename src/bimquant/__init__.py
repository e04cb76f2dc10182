"""bimquant: quantity takeoff and estimating from IFC building models.

Example::

    >>> import bimquant
    >>> result = bimquant.takeoff("sample_models/house_ifc4.ifc")
    >>> result.elements.groupby("ifc_class")["net_volume_m3"].sum()
"""

from __future__ import annotations

import logging
import os

from bimquant.authored import Validation, summarize
from bimquant.errors import BimquantError, ElementFailuresError, InputError, OutputError, RuleError
from bimquant.takeoff import Takeoff, takeoff

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())  # the library logs, never prints

__all__ = [
    "BimquantError",
    "ElementFailuresError",
    "InputError",
    "OutputError",
    "RuleError",
    "Takeoff",
    "Validation",
    "takeoff",
    "validate",
]


def validate(model: str | os.PathLike | Takeoff, **takeoff_options) -> Validation:
    """Compare authored quantities with the geometry: per class and quantity, and each suspect.

    ``model`` is a path (measured first, with ``takeoff_options``) or a :class:`Takeoff`.

    Example::

        >>> report = validate("sample_models/house_ifc4.ifc")
        >>> report.suspects[["name", "quantity", "verdict"]]
    """
    result = model if isinstance(model, Takeoff) else takeoff(model, **takeoff_options)
    return summarize(result.authored)
