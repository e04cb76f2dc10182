"""Matching names the way a person means them: case- and accent-insensitive glob patterns.

``"*béton*"`` matches ``"Stahlbeton"`` and ``"BETON ARME"``. Used by rule selectors and by the
material library.
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from functools import lru_cache
from typing import Any


def normalize(text: Any) -> str:
    """Case- and accent-insensitive form: ``"Béton"`` -> ``"beton"``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)
def _pattern(glob: str) -> re.Pattern:
    return re.compile(fnmatch.translate(normalize(glob)), re.DOTALL)


def glob_match(patterns: tuple[str, ...], values: list) -> bool:
    """True when any value matches any glob pattern.

    Example::

        >>> glob_match(("*béton*",), ["Stahlbeton C25/30"])
        True
    """
    texts = [normalize(v) for v in values if v is not None and v == v]
    return any(_pattern(p).match(t) for p in patterns for t in texts)
