"""One takeoff per model for the whole test session (the real models take seconds each)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import bimquant

SHARED_MODELS = Path(__file__).resolve().parents[2] / "shared" / "models"


@cache
def measured(path: Path | str) -> bimquant.Takeoff:
    """``bimquant.takeoff(path)``, computed once per path; callers must not modify the tables."""
    return bimquant.takeoff(Path(path))
