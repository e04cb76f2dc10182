"""Measures of triangle meshes: plain functions over numpy arrays, in world coordinates (metres).

``vertices : (n, 3) float``, ``faces : (m, 3) int``, ``triangles : (m, 3, 3) float``.
The tolerances they apply are in :mod:`bimquant.tolerances`.
"""

from __future__ import annotations

import numpy as np
import shapely
import shapely.errors

from bimquant.geometry.shape import cross, is_closed, weld  # noqa: F401  (is_closed: mesh maths, kept where readers look)
from bimquant.tolerances import (
    COS_FACE_TOL,
    MAJOR_PLANE_SHARE,
    PLAN_NORMAL_EPS,
    PLANE_KEY_TOL,
    SLOPED_MIN_NZ,
    SNAP_GRID_M,
)


def get_triangles(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray:
    """``(m, 3, 3)`` corner coordinates of each face."""
    return vertices[faces]


def get_face_normals_areas(triangles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unit normals ``(m, 3)`` and areas ``(m,)``; degenerate faces get a zero normal."""
    products = cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    norm = np.linalg.norm(products, axis=1)
    normals = np.divide(products, norm[:, None], out=np.zeros_like(products), where=norm[:, None] > 0)
    return normals, 0.5 * norm


def get_volume(triangles: np.ndarray) -> float:
    """Signed enclosed volume (divergence theorem); positive for outward-facing normals."""
    if len(triangles) == 0:
        return 0.0
    origin = triangles.reshape(-1, 3).mean(axis=0)
    t = triangles - origin
    return float(np.einsum("ij,ij->i", t[:, 0], cross(t[:, 1], t[:, 2])).sum() / 6.0)


def get_extent(vertices: np.ndarray, direction: np.ndarray) -> float:
    """Length of the vertices' projection on a unit ``direction``."""
    proj = vertices @ direction
    return float(proj.max() - proj.min()) if len(proj) else 0.0


def get_dominant_direction(normals: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Unit direction ``d`` whose faces (normal within the tolerance of +d or -d) have most area.

    Candidate directions are the normals of the largest faces; each is scored by the area of all
    faces parallel to it, so the answer does not depend on how the element's axes are oriented.
    """
    order = np.argsort(areas)[::-1]
    best, best_area = np.array([0.0, 0.0, 1.0]), -1.0
    tried: list[np.ndarray] = []
    for idx in order[:64]:
        n = normals[idx]
        if areas[idx] <= 0 or any(abs(n @ t) > COS_FACE_TOL for t in tried):
            continue
        tried.append(n)
        score = areas[np.abs(normals @ n) > COS_FACE_TOL].sum()
        if score > best_area:
            best, best_area = n, score
        if len(tried) >= 8:
            break
    mask = np.abs(normals @ best) > COS_FACE_TOL
    signs = np.sign(normals[mask] @ best)[:, None]
    refined = (normals[mask] * signs * areas[mask][:, None]).sum(axis=0)
    norm = np.linalg.norm(refined)
    return refined / norm if norm > 0 else best


def get_major_directions(normals: np.ndarray, areas: np.ndarray) -> list[np.ndarray]:
    """The dominant face direction, then every other non-vertical direction whose parallel faces
    have at least ``MAJOR_PLANE_SHARE`` of its area: the pitches of a roof body. Vertical faces
    (slab edges) never join a sloped or flat main direction."""
    first = get_dominant_direction(normals, areas)
    directions = [first]
    first_area = areas[np.abs(normals @ first) > COS_FACE_TOL].sum()
    if abs(first[2]) <= SLOPED_MIN_NZ:
        return directions
    remaining = np.ones(len(areas), dtype=bool)
    for _ in range(7):
        for d in directions:
            remaining &= np.abs(normals @ d) <= COS_FACE_TOL
        candidates = remaining & (np.abs(normals[:, 2]) > SLOPED_MIN_NZ)
        if not candidates.any():
            break
        d = get_dominant_direction(normals[candidates], areas[candidates])
        if areas[candidates & (np.abs(normals @ d) > COS_FACE_TOL)].sum() < MAJOR_PLANE_SHARE * first_area:
            break
        directions.append(d)
    return directions


def get_face_areas_along(normals: np.ndarray, areas: np.ndarray, direction: np.ndarray) -> tuple[float, float]:
    """Area of faces facing ``+direction`` and of faces facing ``-direction`` (within tolerance)."""
    dots = normals @ direction
    return float(areas[dots > COS_FACE_TOL].sum()), float(areas[dots < -COS_FACE_TOL].sum())


def get_boundary_length(vertices: np.ndarray, faces: np.ndarray) -> float:
    """Total length of the edges used by exactly one face: the outline of an open patch."""
    if len(faces) == 0:
        return 0.0
    f = weld(vertices)[faces]
    edges = np.concatenate([f[:, [0, 1]], f[:, [1, 2]], f[:, [2, 0]]])
    raw = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    keep = edges[:, 0] != edges[:, 1]
    edges, raw = np.sort(edges[keep], axis=1), raw[keep]
    key = edges[:, 0].astype(np.int64) * len(vertices) + edges[:, 1]  # one integer per edge
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    single = counts[inverse.reshape(-1)] == 1
    seg = vertices[raw[single, 1]] - vertices[raw[single, 0]]
    return float(np.linalg.norm(seg, axis=1).sum())


def get_footprint(triangles: np.ndarray, normals: np.ndarray) -> shapely.Geometry:
    """Union of the plan projections of the upward faces: the element seen from above."""
    up = normals[:, 2] > PLAN_NORMAL_EPS
    return _union_of_projections(triangles[up][:, :, :2], triangles[up], normals[up])


def get_projected_area(
    triangles: np.ndarray, normals: np.ndarray, direction: np.ndarray, both_sides: bool = False
) -> float:
    """Area of the element seen along a unit ``direction`` (its silhouette). ``both_sides``:
    the faces turned either way (an open surface, a window drawn as panes, shows from one side
    only what faces it; a closed body shows the same from both)."""
    if both_sides:
        turned = normals * np.where(normals @ direction < 0, -1.0, 1.0)[:, None]  # back faces seen as front
        return float(get_silhouette(triangles, turned, direction).area)
    return float(get_silhouette(triangles, normals, direction).area)


def get_silhouette(
    triangles: np.ndarray, normals: np.ndarray, direction: np.ndarray, min_cos: float = PLAN_NORMAL_EPS
) -> shapely.Geometry:
    """Union of the faces turned towards ``direction`` (``n . d > min_cos``), projected on the
    plane across it, in the 2D basis of :func:`get_plane_basis`."""
    e1, e2 = get_plane_basis(direction)
    mask = normals @ direction > min_cos
    facing = triangles[mask]
    return _union_of_projections(np.stack([facing @ e1, facing @ e2], axis=-1), facing, normals[mask])


def get_plane_basis(direction: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors spanning the plane across a unit ``direction`` (same for +d and -d)."""
    d = direction if (direction[2], direction[1], direction[0]) >= (0, 0, 0) else -direction
    helper = np.array([0.0, 0.0, 1.0]) if abs(d[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    e1 = cross(helper, d)
    e1 /= np.linalg.norm(e1)
    return e1, cross(d, e1)


def _union_of_projections(flat: np.ndarray, triangles: np.ndarray, normals: np.ndarray) -> shapely.Geometry:
    """Union of projected triangles ``flat (k, 3, 2)``, fast.

    Triangles of one planar face never overlap and share their edges, so each plane's triangles
    are merged with GEOS's coverage union (linear time); only the few plane outlines then go
    through a general union. A plane whose coverage union does not keep its area (a mesh with
    T-junctions) falls back to the general union.
    """
    if len(flat) == 0:
        return shapely.Polygon()
    rings = np.concatenate([flat, flat[:, :1]], axis=1)
    polygons = shapely.polygons(rings)
    areas = shapely.area(polygons)
    keep = areas > 0
    polygons, areas = polygons[keep], areas[keep]
    if len(polygons) == 0:
        return shapely.Polygon()
    # the upward faces of most elements are one layer (a height field): one coverage union does
    # it, and a valid result with exactly the triangles' total area proves there was no overlap
    try:
        merged = shapely.coverage_union_all(polygons)
        if merged.is_valid and abs(merged.area - areas.sum()) <= 1e-9 * max(merged.area, 1.0):
            return merged
    except shapely.errors.GEOSException:  # not a clean coverage (T-junctions): union plane by plane
        pass
    try:
        return _union_by_plane(polygons, areas, triangles[keep], normals[keep])
    except shapely.errors.GEOSException:  # robustness failure on nearly coincident edges
        return shapely.union_all(polygons, grid_size=SNAP_GRID_M)


def _union_by_plane(polygons, areas, triangles, normals) -> shapely.Geometry:
    offsets = np.einsum("ij,ij->i", normals, triangles[:, 0])
    keys = np.round(np.column_stack([normals, offsets]) / PLANE_KEY_TOL).astype(np.int64)
    _, group = np.unique(keys, axis=0, return_inverse=True)
    group = group.reshape(-1)
    pieces = []
    for g in range(group.max() + 1):
        members = polygons[group == g]
        if len(members) == 1:
            pieces.append(members[0])
            continue
        merged = shapely.coverage_union_all(members)
        if not merged.is_valid or abs(merged.area - areas[group == g].sum()) > 1e-9 * max(merged.area, 1.0):
            merged = shapely.union_all(members)
        pieces.append(merged)
    return pieces[0] if len(pieces) == 1 else shapely.union_all(pieces)


def get_plan_rectangle(vertices: np.ndarray) -> tuple[float, float, np.ndarray]:
    """Minimum-area rectangle around the plan projection: ``(long, short, long_direction (3,))``.

    One side of it lies along an edge of the plan's convex hull; every edge is tried. When
    several rectangles have the same area (a right-triangle slab: along its legs or along its
    hypotenuse), the one with the longest side is taken, so the answer depends on the shape,
    not on the order of its vertices."""
    hull = shapely.convex_hull(shapely.multipoints(vertices[:, :2]))
    if hull.geom_type != "Polygon":  # a line or a point: degenerate plan
        coords = np.asarray(hull.coords)
        span = coords[-1] - coords[0] if len(coords) > 1 else np.zeros(2)
        length = float(np.linalg.norm(span))
        direction = np.append(span / length, 0.0) if length > 0 else np.array([1.0, 0.0, 0.0])
        return length, 0.0, direction
    ring = np.asarray(hull.exterior.coords)
    edges = np.diff(ring, axis=0)
    lengths = np.linalg.norm(edges, axis=1)
    keep = lengths > 0
    along = edges[keep] / lengths[keep, None]
    across = np.column_stack([-along[:, 1], along[:, 0]])
    points = ring[:-1]
    span_along = np.ptp(points @ along.T, axis=0)
    span_across = np.ptp(points @ across.T, axis=0)
    areas = span_along * span_across
    longest = np.maximum(span_along, span_across)
    tied = np.flatnonzero(areas <= areas.min() * (1 + 1e-9))
    best = tied[np.argmax(longest[tied])]
    if span_along[best] >= span_across[best]:
        long_len, short_len, long_dir = span_along[best], span_across[best], along[best]
    else:
        long_len, short_len, long_dir = span_across[best], span_along[best], across[best]
    if (long_dir[0], long_dir[1]) < (0, 0):  # one of the two senses, always the same one
        long_dir = -long_dir
    return float(long_len), float(short_len), np.append(long_dir, 0.0)


def get_long_axis(normals: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Axis of a prismatic member: perpendicular to the two main, non-parallel face directions.

    A beam's sides, top and bottom (or an I-section's flanges and web) all have normals in the
    cross-section plane, so the cross product of the two largest such directions is the axis.
    """
    first = get_dominant_direction(normals, areas)
    off_plane = np.abs(normals @ first) < COS_FACE_TOL
    if not off_plane.any():
        return first
    second = get_dominant_direction(normals[off_plane], areas[off_plane])
    axis = cross(first, second)
    norm = np.linalg.norm(axis)
    return axis / norm if norm > 1e-9 else first


def get_section_rectangle(vertices: np.ndarray, axis: np.ndarray) -> tuple[float, float]:
    """Sides ``(long, short)`` of the smallest rectangle around the section across ``axis``."""
    helper = np.array([0.0, 0.0, 1.0]) if abs(axis[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    e1 = cross(axis, helper)
    e1 /= np.linalg.norm(e1)
    e2 = cross(axis, e1)
    flat = np.column_stack([vertices @ e1, vertices @ e2, np.zeros(len(vertices))])
    long_side, short_side, _ = get_plan_rectangle(flat)
    return long_side, short_side
