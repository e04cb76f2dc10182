"""Openings judged one by one: each opening's area in its host's main face and volume inside it.

Measurement conventions (deduct an opening above 2.5 m2, measure smaller ones through) judge
each opening on its own; this module gives them what they judge.
"""

from __future__ import annotations

import numpy as np

from bimquant.geometry.shape import Shape
from bimquant.quantities import mesh
from bimquant.quantities.measure import NAN, Mesh, get_main_direction
from bimquant.tolerances import COS_FACE_TOL


def measure_openings(
    family: str,
    net: Shape,
    gross: Shape,
    openings: list[tuple[str, Shape | None]],
) -> list[dict]:
    """Each opening's area in its host's main face and its volume inside the host.

    The area is the opening's outline, seen across the host's main face, clipped to that face
    (a door cut into the foot of a wall counts only the part inside the wall). The volume is the
    host's gross minus net volume shared among its openings in proportion to those areas, so
    the volumes of a host's openings add up to exactly what the openings removed.
    Returns rows ``{"opening_global_id", "area_m2", "volume_m3"}``; an opening without a shape
    gets NaN.
    """
    g = Mesh(gross)
    removed = max(abs(g.volume) - abs(Mesh(net).volume), 0.0)
    d = get_main_direction(family, g)
    rows = []
    host_face = mesh.get_silhouette(g.triangles, g.normals, d, COS_FACE_TOL) if d is not None else None
    for global_id, shape in openings:
        if shape is None:
            rows.append({"opening_global_id": global_id, "area_m2": NAN, "volume_m3": NAN})
            continue
        o = Mesh(shape)
        direction = d if d is not None else mesh.get_dominant_direction(o.normals, o.areas)
        face = host_face if d is not None else mesh.get_silhouette(g.triangles, g.normals, direction, COS_FACE_TOL)
        outline = mesh.get_silhouette(o.triangles, o.normals, direction)
        rows.append({"opening_global_id": global_id, "area_m2": float(face.intersection(outline).area)})
    areas = np.array([row["area_m2"] for row in rows], dtype=float)
    total = np.nansum(areas)
    for row, area in zip(rows, areas):
        if np.isnan(area):
            continue
        share = area / total if total > 0 else 1.0 / np.count_nonzero(~np.isnan(areas))
        row["volume_m3"] = removed * share
    return rows
