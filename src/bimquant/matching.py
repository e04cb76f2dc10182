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
    return _normalize(text if isinstance(text, str) else str(text))


@lru_cache(maxsize=65536)
def _normalize(text: str) -> str:  # a model repeats its materials and names
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)
def _pattern(glob: str) -> re.Pattern:
    return re.compile(fnmatch.translate(normalize(glob)), re.DOTALL)


@lru_cache(maxsize=4096)
def _any_pattern(globs: tuple[str, ...]) -> re.Pattern:
    """One regular expression for a list of globs: a rule's list is tried in one pass."""
    return re.compile("|".join(f"(?:{_pattern(g).pattern})" for g in globs), re.DOTALL)


@lru_cache(maxsize=262144)
def _matches(globs: tuple[str, ...], text: str) -> bool:
    return _any_pattern(globs).match(text) is not None


def glob_match(patterns: tuple[str, ...], values: list) -> bool:
    """True when any value matches any glob pattern.

    Example::

        >>> glob_match(("*béton*",), ["Stahlbeton C25/30"])
        True
    """
    globs = tuple(patterns)
    if not globs:
        return False
    return any(_matches(globs, normalize(v)) for v in values if v is not None and v == v)
