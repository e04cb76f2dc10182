"""Which walls are external, from the geometry, for models that do not say (IsExternal).

Per storey, the plan footprints of the walls are joined (each grown by ``JOIN_GAP_M`` so that
walls meeting at a corner join), the holes of the result are filled (rooms), and what remains
is the outline of the building on that storey. A wall whose footprint lies within
``OUTLINE_TOL_M`` of that outline is external; the others are internal. A courtyard counts as
inside the building: its walls are internal (noted as a limit in README.md).

Example::

    >>> derive_external({"w1": box(0, 0, 10, 0.3), ...}, {"w1": "RDC", ...})
    {'w1': True, ...}
"""

from __future__ import annotations

import shapely
from shapely.geometry import Polygon

from bimquant.tolerances import JOIN_GAP_M, OUTLINE_TOL_M


def derive_external(footprints: dict[str, shapely.Geometry], storeys: dict[str, str | None]) -> dict[str, bool]:
    """``{global_id: external}`` for the walls of ``footprints`` (plan geometries, metres),
    grouped by their storey."""
    by_storey: dict[str | None, list[str]] = {}
    for gid in footprints:
        by_storey.setdefault(storeys.get(gid), []).append(gid)
    external: dict[str, bool] = {}
    for gids in by_storey.values():
        shapes = [footprints[g] for g in gids if footprints[g] is not None and not footprints[g].is_empty]
        if not shapes:
            continue
        joined = shapely.union_all([shape.buffer(JOIN_GAP_M) for shape in shapes])
        polygons = list(joined.geoms) if hasattr(joined, "geoms") else [joined]
        outline = shapely.union_all([Polygon(p.exterior).exterior for p in polygons if isinstance(p, Polygon)])
        for gid in gids:
            shape = footprints[gid]
            if shape is not None and not shape.is_empty:
                external[gid] = shape.distance(outline) <= JOIN_GAP_M + OUTLINE_TOL_M
    return external
