"""Bodies built from their parameters, without a geometry kernel: extrusions of straight-edged
profiles and of circles, placed as IFC places them.

Most bodies of a building model are a profile extruded along a direction: a wall's outline, a
slab's polygon, an opening's rectangle, a window family's frame placed a hundred times. Their
mesh follows from the numbers: the profile's rings triangulated once (manifold3d's
triangulator), its copy moved by the extrusion vector, side faces between the two, then the
item's position, the mapped item's transformation and the element's placement applied. The
result is the same solid a kernel would give (the guard test compares both on every shared
model), made in a fraction of the time and in the same process.

Covered: ``IfcExtrudedAreaSolid`` (not its tapered subtype) of
``IfcArbitraryClosedProfileDef`` / ``IfcArbitraryProfileDefWithVoids`` bounded by polylines,
indexed poly curves (lines and arcs) or composite curves (polylines and circles trimmed by
angles), their arcs drawn as the manifold kernel draws them; of the parameterised sections without a radius or a
slope (rectangle, hollow rectangle, I, L, U, T, C, Z); and of circles, hollow circles and
ellipses, drawn as the manifold kernel draws them (``MANIFOLD_CIRCLE_SEGMENTS`` sides, the first
vertex on the profile's x axis: the same polygon, and the exact volume replaces the polygon's
downstream as it does for the kernel's). Directly in a body or through ``IfcMappedItem``s,
placed by ``IfcLocalPlacement``. Anything else (an arc of an ellipse, a fillet, a boolean, a B-rep,
a grid placement, a derived profile, a profile that crosses itself) returns None and goes to the
kernel. (IfcOpenShell 0.9 ignores a derived profile's operator, even a plain shift: building it
right here would move those bodies away from the kernel's, so it stays with the kernel until
both agree.)

A body made only of ``IfcFacetedBrep`` / ``IfcPolygonalFaceSet`` / ``IfcTriangulatedFaceSet``
items is read from its own faces instead (``FACES_KERNEL``): each polygon triangulated in its
plane, the body checked closed and turned outwards as a kernel's is; an open one goes to the
kernel. A difference (``IfcBooleanClippingResult``, ``IfcBooleanResult``) of such bodies by a
half-space, a polygonal bounded half-space or another such body is cut by manifold3d
(``CLIPPED_KERNEL``); a union, an intersection, a curved surface go to OpenCASCADE.

Example::

    >>> shape = get_parametric_shape(wall, length_scale=1.0)
    >>> shape.kernel
    'parametric'
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from bimquant.geometry.cut import KERNEL as CUT_KERNEL
from bimquant.geometry.cut import body_planes, to_manifold, without_shared_faces
from bimquant.geometry.shape import MANIFOLD_CIRCLE_SEGMENTS, Shape, make_shape
from bimquant.tolerances import MAX_COORDINATE_M, WELD_TOL_M

KERNEL = "parametric"  # geometry_kernel of a body built here from its parameters
FACES_KERNEL = "faces"  # geometry_kernel of a body read here from its own faces
CLIPPED_KERNEL = CUT_KERNEL  # geometry_kernel of a body clipped here by manifold3d


class NotParametric(Exception):
    """A body this module does not build: the kernel meshes it."""


def get_parametric_shape(product, length_scale: float, memo: dict | None = None) -> Shape | None:
    """The product's body built from its parameters in world coordinates (metres), or None when
    a kernel is needed. ``memo``: a dict kept over the products of one model, so that a type's
    body (mapped items) is triangulated once."""
    try:
        pieces = _body_pieces(product, memo if memo is not None else {})
    except (NotParametric, AttributeError, TypeError, ValueError, IndexError, ZeroDivisionError, RuntimeError):
        return None
    if not pieces:
        return None
    memo = {} if memo is None else memo
    placement = _local_placement(product.ObjectPlacement, memo)
    vertices, faces, plans, offset = [], [], [], 0
    for matrix, extrusion in pieces:
        to_world = placement @ matrix
        world = extrusion.vertices @ to_world[:3, :3].T + to_world[:3, 3]
        triangles = extrusion.faces
        if np.linalg.det(to_world[:3, :3]) < 0:  # a mirrored copy: faces turn inwards
            triangles = triangles[:, ::-1]
        vertices.append(world * length_scale)
        faces.append(triangles + offset)
        plans.append(_plan(extrusion, vertices[-1], to_world))
        offset += len(world)
    v = np.concatenate(vertices)
    f = np.ascontiguousarray(np.concatenate(faces), dtype=np.int32)
    if not np.isfinite(v).all() or np.abs(v).max() > MAX_COORDINATE_M:
        return None  # the kernel's path says what is wrong with it
    kernels = {extrusion.kernel for _, extrusion in pieces}
    if kernels != {KERNEL}:  # faces read from the file, or clipped: checked as a kernel's mesh is
        kernel = CLIPPED_KERNEL if CLIPPED_KERNEL in kernels else FACES_KERNEL
        shape = make_shape(v.tobytes(), f.tobytes(), kernel)
        return shape if shape is not None and shape.closed and shape.problem is None else None
    return Shape(v, f, KERNEL, True, footprint=_union(plans))


# An extrusion whose vector leans less than this off the vertical (in metres over its depth) is
# seen from above as its profile; the difference is far below what any quantity shows.
VERTICAL_LEAN_M = 1e-9


def _plan(extrusion: Extrusion, world: np.ndarray, to_world: np.ndarray):
    """The extrusion seen from above (shapely), when its parameters give it: the profile itself
    for an upright one, the outline of its points when its profile stands in a vertical plane
    (a beam's, a pipe's: its plan is then a convex band); else None."""
    import shapely  # noqa: PLC0415  (loaded with the geometry stage)

    if not extrusion.ring_sizes:  # faces: the parent draws the plan from the mesh
        return None
    n = len(world) // 2
    vector = world[n] - world[0]
    normal = to_world[:3, :3] @ np.array([0.0, 0.0, 1.0])
    if np.hypot(vector[0], vector[1]) < VERTICAL_LEAN_M:
        rings, start = [], 0
        for size in extrusion.ring_sizes:
            rings.append(world[start : start + size, :2])
            start += size
        return shapely.Polygon(rings[0], rings[1:])
    if abs(normal[2]) < 1e-12 * np.linalg.norm(normal):
        return shapely.convex_hull(shapely.multipoints(world[:, :2]))
    return None


def _union(plans: list):
    """One plan for the body, or None when one of its pieces has none."""
    if any(plan is None for plan in plans):
        return None
    if len(plans) == 1:
        return plans[0]
    import shapely  # noqa: PLC0415

    return shapely.union_all(plans)


# --- the body's items ------------------------------------------------------------------------------


def _body_pieces(product, memo: dict) -> list[tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]]:
    """``[(4x4 matrix to the product's axes, (local vertices, faces))]`` for every solid of the
    product's one body representation."""
    representation = product.Representation
    if representation is None:
        raise NotParametric("no representation")
    bodies = [r for r in representation.Representations or () if r.RepresentationIdentifier == "Body"]
    others = [r for r in representation.Representations or () if r.RepresentationIdentifier in (None, "", "Facetation")]
    if len(bodies) != 1 or others or not bodies[0].Items:
        raise NotParametric("not one body")
    pieces: list = []
    for item in bodies[0].Items:
        pieces += _item_pieces(item, np.eye(4), memo)
    return pieces


def _item_pieces(item, matrix: np.ndarray, memo: dict) -> list:
    if item.is_a("IfcMappedItem"):
        source = item.MappingSource
        target = item.MappingTarget
        if not target.is_a("IfcCartesianTransformationOperator3D"):
            raise NotParametric("2D mapping")
        inner = matrix @ _operator(target) @ _axis2placement(source.MappingOrigin, memo)
        pieces = []
        for sub in source.MappedRepresentation.Items or ():
            pieces += _item_pieces(sub, inner, memo)
        return pieces
    kind = item.is_a()
    if kind in FACE_SETS or kind in BOOLEANS:
        key = item.id()
        if key not in memo:
            memo[key] = _face_set(item) if kind in FACE_SETS else _boolean(item, memo)
        return [(matrix, memo[key])]
    if kind != "IfcExtrudedAreaSolid":
        raise NotParametric(kind)
    key = item.id()
    if key not in memo:
        memo[key] = _extrusion(item)
    position = _axis2placement(item.Position, memo) if item.Position is not None else np.eye(4)
    return [(matrix @ position, memo[key])]


class Extrusion(NamedTuple):
    """An extrusion in its own axes: ``vertices (2n, 3)``, the profile's rings then their copy
    moved by the extrusion vector; outward ``faces (m, 3)``; the rings' sizes (outer first).
    A body read from its faces, or clipped, has no rings, and says which (``kernel``)."""

    vertices: np.ndarray
    faces: np.ndarray
    ring_sizes: tuple[int, ...]
    kernel: str = "parametric"


def _extrusion(item) -> Extrusion:
    depth = float(item.Depth)
    direction = np.array(item.ExtrudedDirection.DirectionRatios, dtype=float)
    if not (depth > 0 and len(direction) == 3 and np.isfinite(direction).all() and np.linalg.norm(direction) > 0):
        raise NotParametric("extrusion")
    direction = direction / np.linalg.norm(direction)
    if abs(direction[2]) < 1e-9:  # along the profile's plane: no volume
        raise NotParametric("extrusion")
    rings = _profile_rings(item.SweptArea)
    points = np.concatenate(rings)
    triangles = np.asarray(_triangulate(rings), dtype=np.int64).reshape(-1, 3)
    if not len(triangles):
        raise NotParametric("empty profile")
    n = len(points)
    bottom = np.column_stack([points, np.zeros(n)])
    vertices = np.concatenate([bottom, bottom + direction * depth])
    sides, start = [], 0
    for ring in rings:
        i = np.arange(start, start + len(ring))
        j = np.concatenate([i[1:], i[:1]])
        sides += [np.column_stack([i, j, j + n]), np.column_stack([i, j + n, i + n])]
        start += len(ring)
    faces = np.concatenate([triangles[:, ::-1], triangles + n, *sides])
    if direction[2] < 0:  # extruded below the profile's plane: every face turns the other way
        faces = faces[:, ::-1]
    return Extrusion(vertices, faces, tuple(len(ring) for ring in rings))


def _triangulate(rings: list[np.ndarray]) -> np.ndarray:
    import manifold3d  # noqa: PLC0415  (a compiled module loaded with the geometry stage only)

    return manifold3d.triangulate(rings)


# --- profiles --------------------------------------------------------------------------------------


def _profile_rings(profile) -> list[np.ndarray]:
    """The profile's rings in its plane: the outer one counter-clockwise, the holes clockwise,
    without a repeated closing point; checked to be a valid polygon (no ring crossing itself)."""
    rings = _rings(profile)
    outer, holes = rings[0], rings[1:]
    rings = [outer if _signed_area(outer) > 0 else outer[::-1]]
    rings += [hole if _signed_area(hole) < 0 else hole[::-1] for hole in holes]
    return rings


def _rings(profile) -> list[np.ndarray]:
    kind = profile.is_a()
    if kind in ("IfcArbitraryClosedProfileDef", "IfcArbitraryProfileDefWithVoids"):
        rings = [_curve_points(profile.OuterCurve)]
        if kind == "IfcArbitraryProfileDefWithVoids":
            rings += [_curve_points(curve) for curve in profile.InnerCurves or ()]
        if len(rings) > 1 or not _convex(rings[0]):
            _check_polygon(rings)
        return rings
    outline = SECTIONS.get(kind)
    if outline is None:
        raise NotParametric(kind)
    for name in ROUNDED_OR_SLOPED:
        if getattr(profile, name, None):  # a fillet, a rounded edge, a sloped flange: curved or
            raise NotParametric(name)  # tapered, the kernel's polygon is today's value
    rings = [np.array(ring, dtype=float) for ring in outline(profile)]
    if _signed_area(rings[0]) <= 0 or any(_signed_area(hole) >= 0 for hole in rings[1:]):
        raise NotParametric("dimensions")  # a wall thicker than half the section turns a ring over
    if len(rings) > 1 or not _convex(rings[0]):
        _check_polygon(rings)  # a web thicker than its flange is wide is not a profile
    if profile.Position is not None:
        matrix = _axes(profile.Position)
        rings = [ring @ matrix[:2, :2].T + matrix[:2, 3] for ring in rings]
    return rings


def _size(value) -> float:
    """A section's dimension: a finite positive length, else the kernel says what is wrong."""
    size = float(value)
    if not (math.isfinite(size) and size > 0):
        raise NotParametric("dimension")
    return size


# The parameterised sections of IFC, centred on their bounding box as IFC4 and IfcOpenShell place
# them, outer ring then holes; each is a straight-edged polygon when no radius or slope is given.
def _rectangle(p):
    x, y = _size(p.XDim) / 2, _size(p.YDim) / 2
    return [[(-x, -y), (x, -y), (x, y), (-x, y)]]


def _hollow_rectangle(p):
    x, y, t = _size(p.XDim) / 2, _size(p.YDim) / 2, _size(p.WallThickness)
    return _rectangle(p) + [[(-x + t, -y + t), (-x + t, y - t), (x - t, y - t), (x - t, -y + t)]]


def _i_section(p):
    x, y, w, f = (
        _size(p.OverallWidth) / 2,
        _size(p.OverallDepth) / 2,
        _size(p.WebThickness) / 2,
        _size(p.FlangeThickness),
    )
    return [
        [(-x, -y), (x, -y), (x, -y + f), (w, -y + f), (w, y - f), (x, y - f), (x, y), (-x, y), (-x, y - f), (-w, y - f)]
        + [(-w, -y + f), (-x, -y + f)]
    ]


def _l_section(p):
    y = _size(p.Depth) / 2
    x = _size(p.Width) / 2 if p.Width is not None else y
    t = _size(p.Thickness)
    return [[(-x, -y), (x, -y), (x, -y + t), (-x + t, -y + t), (-x + t, y), (-x, y)]]


def _u_section(p):
    x, y, w, f = _size(p.FlangeWidth) / 2, _size(p.Depth) / 2, _size(p.WebThickness), _size(p.FlangeThickness)
    return [[(-x, -y), (x, -y), (x, -y + f), (-x + w, -y + f), (-x + w, y - f), (x, y - f), (x, y), (-x, y)]]


def _t_section(p):
    x, y, w, f = _size(p.FlangeWidth) / 2, _size(p.Depth) / 2, _size(p.WebThickness) / 2, _size(p.FlangeThickness)
    return [[(-w, -y), (w, -y), (w, y - f), (x, y - f), (x, y), (-x, y), (-x, y - f), (-w, y - f)]]


def _c_section(p):
    x, y, t, g = _size(p.Width) / 2, _size(p.Depth) / 2, _size(p.WallThickness), _size(p.Girth)
    return [
        [(-x, -y), (x, -y), (x, -y + g), (x - t, -y + g), (x - t, -y + t), (-x + t, -y + t), (-x + t, y - t)]
        + [(x - t, y - t), (x - t, y - g), (x, y - g), (x, y), (-x, y)]
    ]


def _z_section(p):
    # IfcOpenShell measures the flanges from the web's centre line: the kernel's body, followed
    b, y, w, f = _size(p.FlangeWidth), _size(p.Depth) / 2, _size(p.WebThickness) / 2, _size(p.FlangeThickness)
    return [[(-w, -y), (b, -y), (b, -y + f), (w, -y + f), (w, y), (-b, y), (-b, y - f), (-w, y - f)]]


def _circle_points(a: float, b: float) -> list:
    """The polygon the manifold kernel makes of an ellipse of semi-axes ``a`` (along x) and ``b``:
    ``MANIFOLD_CIRCLE_SEGMENTS`` points at equal steps of the parameter, the first on +x."""
    t = np.arange(MANIFOLD_CIRCLE_SEGMENTS) * (2 * math.pi / MANIFOLD_CIRCLE_SEGMENTS)
    return np.column_stack([a * np.cos(t), b * np.sin(t)])


def _circle(p):
    r = _size(p.Radius)
    return [_circle_points(r, r)]


def _hollow_circle(p):
    r, t = _size(p.Radius), _size(p.WallThickness)
    if t >= r:
        raise NotParametric("dimensions")
    return [_circle_points(r, r), _circle_points(r - t, r - t)[::-1]]


def _ellipse(p):
    return [_circle_points(_size(p.SemiAxis1), _size(p.SemiAxis2))]


SECTIONS = {
    "IfcCircleProfileDef": _circle,
    "IfcCircleHollowProfileDef": _hollow_circle,
    "IfcEllipseProfileDef": _ellipse,
    "IfcRectangleProfileDef": _rectangle,
    "IfcRectangleHollowProfileDef": _hollow_rectangle,
    "IfcIShapeProfileDef": _i_section,
    "IfcLShapeProfileDef": _l_section,
    "IfcUShapeProfileDef": _u_section,
    "IfcTShapeProfileDef": _t_section,
    "IfcCShapeProfileDef": _c_section,
    "IfcZShapeProfileDef": _z_section,
}
ROUNDED_OR_SLOPED = (
    "RoundingRadius",
    "InnerFilletRadius",
    "OuterFilletRadius",
    "FilletRadius",
    "FlangeEdgeRadius",
    "FlangeSlope",
    "EdgeRadius",
    "LegSlope",
    "WebEdgeRadius",
    "WebSlope",
    "InternalFilletRadius",
)


def _curve_points(curve) -> np.ndarray:
    if curve.is_a("IfcPolyline"):
        points = np.array([p[0] for p in curve[0]], dtype=float)  # Points, their Coordinates
    elif curve.is_a("IfcIndexedPolyCurve"):
        coordinates = np.array(curve.Points.CoordList, dtype=float)
        if curve.Segments:
            pieces = []
            for segment in curve.Segments:
                at = coordinates[np.array(segment.wrappedValue) - 1]
                pieces.append(_arc_through(*at) if segment.is_a("IfcArcIndex") else at)
            points = np.concatenate(pieces)
        else:
            points = coordinates
    elif curve.is_a("IfcCompositeCurve"):
        points = np.concatenate([_segment_points(segment) for segment in curve.Segments])
    else:
        raise NotParametric(curve.is_a())
    if points.ndim != 2 or points.shape[1] != 2:
        raise NotParametric("not a plane curve")
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)  # a point written twice in a row
    points = points[keep]
    if len(points) > 1 and np.array_equal(points[0], points[-1]):
        points = points[:-1]
    if len(points) < 3:
        raise NotParametric("degenerate ring")
    return points


# --- arcs, drawn as the manifold kernel draws them ---------------------------------------------------
# An arc of angle a gets ceil(a / (2 pi / MANIFOLD_CIRCLE_SEGMENTS)) equal steps from its start
# (measured on the kernel: 90.5 degrees in 65 steps of 1.392308, 2.3 degrees in 2), so that both
# paths give one polygon.


def _arc(centre, radius: float, x_axis, start: float, sweep: float) -> np.ndarray:
    """Points of the arc of the circle (``centre``, ``radius``, angles from ``x_axis``) from the
    angle ``start`` turning by ``sweep`` (negative: clockwise), both ends included."""
    step = 2 * math.pi / MANIFOLD_CIRCLE_SEGMENTS
    count = max(1, math.ceil(abs(sweep) / step - 1e-9))
    t = start + sweep * np.arange(count + 1) / count
    y_axis = np.array([-x_axis[1], x_axis[0]])
    return centre + radius * (np.cos(t)[:, None] * x_axis + np.sin(t)[:, None] * y_axis)


def _arc_through(first, middle, last) -> np.ndarray:
    """The arc from ``first`` through ``middle`` to ``last`` (an ``IfcArcIndex``)."""
    ax, ay = first
    bx, by = middle
    cx, cy = last
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    if d == 0:
        raise NotParametric("arc on a line")
    ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d
    uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d
    centre = np.array([ux, uy])
    a0, am, a1 = (math.atan2(p[1] - uy, p[0] - ux) for p in (first, middle, last))
    ccw = (a1 - a0) % (2 * math.pi)
    sweep = ccw if (am - a0) % (2 * math.pi) <= ccw else ccw - 2 * math.pi
    points = _arc(centre, float(np.hypot(ax - ux, ay - uy)), np.array([1.0, 0.0]), a0, sweep)
    points[0], points[-1] = first, last  # the given ends, not their cosines: the lines meet them
    return points


def _segment_points(segment) -> np.ndarray:
    """One segment of an ``IfcCompositeCurve``: a polyline, or a circle trimmed by two
    parameters (angles in the file's unit), in the segment's sense."""
    parent = segment.ParentCurve
    if parent.is_a("IfcPolyline"):
        points = np.array([p[0] for p in parent[0]], dtype=float)
    elif parent.is_a("IfcTrimmedCurve") and parent.BasisCurve.is_a("IfcCircle"):
        circle = parent.BasisCurve
        trims = [[v.wrappedValue for v in trim if v.is_a("IfcParameterValue")] for trim in (parent.Trim1, parent.Trim2)]
        if parent.MasterRepresentation != "PARAMETER" or not all(trims):
            raise NotParametric("trimmed by points")
        scale = _angle_scale(parent)
        start, end = trims[0][0] * scale, trims[1][0] * scale
        if parent.SenseAgreement:
            sweep = (end - start) % (2 * math.pi) or 2 * math.pi
        else:
            sweep = -((start - end) % (2 * math.pi) or 2 * math.pi)
        frame = _axes(circle.Position)
        points = _arc(frame[:2, 3], float(circle.Radius), frame[:2, 0], start, sweep)
    else:
        raise NotParametric(parent.is_a())
    return points if segment.SameSense else points[::-1]


def _angle_scale(entity) -> float:
    """Radians per plane angle unit of the entity's file."""
    import ifcopenshell.util.unit  # noqa: PLC0415

    return ifcopenshell.util.unit.calculate_unit_scale(entity.file, "PLANEANGLEUNIT")


def _check_polygon(rings: list[np.ndarray]) -> None:
    import shapely  # noqa: PLC0415  (loaded with the geometry stage)

    polygon = shapely.Polygon(rings[0], rings[1:])
    if not polygon.is_valid or polygon.area <= 0:
        raise NotParametric("invalid profile")


def _signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) + x[-1] * y[0] - np.dot(y[:-1], x[1:]) - y[-1] * x[0])


def _convex(ring: np.ndarray) -> bool:
    """True when the ring turns the same way, strictly, at every corner, once round: a convex
    polygon, valid without asking GEOS (a pentagram turns one way too, but twice round)."""
    edges = np.concatenate([ring[1:], ring[:1]]) - ring
    following = np.concatenate([edges[1:], edges[:1]])
    turns = edges[:, 0] * following[:, 1] - edges[:, 1] * following[:, 0]
    if not (np.all(turns > 0) or np.all(turns < 0)):
        return False
    angles = np.arctan2(turns, np.einsum("ij,ij->i", edges, following))
    return bool(abs(abs(angles.sum()) - 2 * np.pi) < 1e-6)


# --- bodies given as faces -------------------------------------------------------------------------
# A faceted B-rep or a face set is its own mesh: its polygons are read from the file and
# triangulated here, without a kernel (Institute: the faces of its 573 B-rep bodies, 110 distinct
# ones placed through mapped items, read in 0.011 s). The body is then checked as a kernel's is:
# closed, facing outwards; one that is not closed goes to the kernel.

FACE_SETS = ("IfcFacetedBrep", "IfcPolygonalFaceSet", "IfcTriangulatedFaceSet")


def _face_set(item) -> Extrusion:
    """The item's points ``(n, 3)`` and triangles, as an :class:`Extrusion` without rings."""
    kind = item.is_a()
    if kind == "IfcFacetedBrep":
        points, polygons = _brep_polygons(item)
    elif kind == "IfcTriangulatedFaceSet":
        points, polygons = _indexed_points(item), [[list(t)] for t in item.CoordIndex]  # 1-based
    else:
        points = _indexed_points(item)
        polygons = []
        for face in item.Faces:
            rings = [list(face.CoordIndex)]
            if face.is_a("IfcIndexedPolygonalFaceWithVoids"):
                rings += [list(ring) for ring in face.InnerCoordIndices]
            polygons.append(rings)
    if kind != "IfcFacetedBrep":
        remap = item.PnIndex
        if remap:
            table = np.asarray(remap, dtype=np.int64) - 1
            polygons = [[[int(table[i - 1]) for i in ring] for ring in rings] for rings in polygons]
        else:
            polygons = [[[i - 1 for i in ring] for ring in rings] for rings in polygons]
    if points.ndim != 2 or points.shape[1] != 3 or not len(polygons):
        raise NotParametric("face set")
    triangles = [t for rings in polygons for t in _face_triangles(points, rings)]
    if not triangles:
        raise NotParametric("no face")
    faces = np.asarray(triangles, dtype=np.int64)
    if faces.min() < 0 or faces.max() >= len(points):
        raise NotParametric("face index")
    return Extrusion(points, faces, (), FACES_KERNEL)


def _indexed_points(item) -> np.ndarray:
    return np.asarray(item.Coordinates.CoordList, dtype=float)


def _brep_polygons(brep) -> tuple[np.ndarray, list]:
    """The B-rep's points and, per face, its loops as point indices (the outer loop first), each
    turned as its bound's orientation says. Attributes are read by position: Outer, CfsFaces,
    Bounds, Bound, Orientation, Polygon, Coordinates."""
    index: dict[int, int] = {}
    coordinates: list = []
    polygons = []
    for face in brep[0][0]:
        outer, inner = [], []
        for bound in face[0]:
            loop = bound[0]
            if not loop.is_a("IfcPolyLoop"):
                raise NotParametric(loop.is_a())
            ring = []
            for point in loop[0]:
                i = index.get(point.id())
                if i is None:
                    i = index[point.id()] = len(coordinates)
                    coordinates.append(point[0])
                ring.append(i)
            if bound[1] is False:
                ring.reverse()
            (outer if bound.is_a("IfcFaceOuterBound") else inner).append(ring)
        if len(outer) > 1 or (not outer and len(inner) > 1):
            raise NotParametric("face bounds")  # which loop is the outer one is not said
        polygons.append(outer + inner)
    return np.asarray(coordinates, dtype=float), polygons


def _face_triangles(points: np.ndarray, rings: list[list[int]]) -> list:
    """A planar face's triangles (point indices), turning as its outer loop turns. A face of no
    area (its loop on a line) gives none."""
    outer = rings[0]
    if len(rings) == 1 and len(outer) == 3:
        return [outer]
    if len(outer) < 3:
        raise NotParametric("degenerate face")
    ring = points[outer]
    normal = _newell(ring)
    axis = int(np.argmax(np.abs(normal)))
    if normal[axis] == 0:
        return []
    keep = [(axis + 1) % 3, (axis + 2) % 3]  # the plane's axes in right-handed order
    if normal[axis] < 0:  # seen from the side it faces: its loop turns counter-clockwise
        keep.reverse()
    flat = [points[r][:, keep] for r in rings]
    flat = [f if (_signed_area(f) > 0) == (k == 0) else f[::-1] for k, f in enumerate(flat)]
    order = [r if (_signed_area(points[r][:, keep]) > 0) == (k == 0) else r[::-1] for k, r in enumerate(rings)]
    ids = np.concatenate([np.asarray(r) for r in order])
    local = np.asarray(_triangulate(flat), dtype=np.int64).reshape(-1, 3)
    return ids[local].tolist()


def _newell(ring: np.ndarray) -> np.ndarray:
    """The face's normal by Newell's method (any polygon, convex or not), of length twice its area."""
    following = np.roll(ring, -1, axis=0)
    return np.array(
        [
            np.sum((ring[:, 1] - following[:, 1]) * (ring[:, 2] + following[:, 2])),
            np.sum((ring[:, 2] - following[:, 2]) * (ring[:, 0] + following[:, 0])),
            np.sum((ring[:, 0] - following[:, 0]) * (ring[:, 1] + following[:, 1])),
        ]
    )


# --- booleans --------------------------------------------------------------------------------------
# A body clipped by planes (a wall under a pitched roof, a beam cut at an angle) or with a solid
# taken out of it is cut here by manifold3d, in double precision around the body's own centre:
# planes and plane faces give the exact solid, as OpenCASCADE does, without its process.

BOOLEANS = ("IfcBooleanClippingResult", "IfcBooleanResult")
HALF_SPACES = ("IfcHalfSpaceSolid", "IfcBoxedHalfSpace", "IfcPolygonalBoundedHalfSpace")


def _boolean(item, memo: dict) -> Extrusion:
    """``FirstOperand`` minus ``SecondOperand`` (a half-space, bounded by a polygon or not, or a
    solid this module builds), in the boolean's axes; the first operand may be a boolean too."""
    import manifold3d  # noqa: PLC0415

    if item.Operator != "DIFFERENCE":
        raise NotParametric(f"boolean {item.Operator}")
    vertices, faces = _operand_mesh(item.FirstOperand, memo)
    origin = vertices.mean(axis=0)
    solid = to_manifold(manifold3d, vertices, faces, origin)
    planes = body_planes(vertices - origin, faces)
    second = item.SecondOperand
    kind = second.is_a()
    if kind in HALF_SPACES:
        surface = second.BaseSurface
        if not surface.is_a("IfcPlane"):
            raise NotParametric(surface.is_a())
        plane = _axis2placement(surface.Position, memo)
        normal = plane[:3, 2] / np.linalg.norm(plane[:3, 2])
        # AgreementFlag: the plane's normal points away from the half-space's material
        material = -normal if second.AgreementFlag else normal
        offset = float(material @ (plane[:3, 3] - origin))
        if kind == "IfcPolygonalBoundedHalfSpace":
            reach = 2.0 * (np.abs(vertices - origin).max() + np.abs(plane[:3, 3] - origin).max()) + 1.0
            prism = _bounded_prism(manifold3d, second, origin, reach, memo, planes)
            result = solid - prism.trim_by_plane(material, offset)
        else:
            result = solid.trim_by_plane(-material, -offset)
    else:
        cut_vertices, cut_faces = _operand_mesh(second, memo)
        result = solid - to_manifold(manifold3d, cut_vertices, cut_faces, origin, planes)
    if result.status() != manifold3d.Error.NoError or result.is_empty():
        raise NotParametric("boolean")
    mesh = result.to_mesh64()
    out = np.asarray(mesh.vert_properties, dtype=np.float64)[:, :3]
    # a plane through an edge of the body, to the last digit, leaves a fin of no thickness:
    # the same triangle facing both ways, which OpenCASCADE's booleans do not keep
    _, first, welded = np.unique(np.round(out / WELD_TOL_M), axis=0, return_index=True, return_inverse=True)
    faces = without_shared_faces(welded.reshape(-1)[np.asarray(mesh.tri_verts, dtype=np.int64)])
    return Extrusion(out[first] + origin, faces, (), CLIPPED_KERNEL)


def _operand_mesh(operand, memo: dict) -> tuple[np.ndarray, np.ndarray]:
    """An operand's solid as one mesh in the boolean's axes."""
    vertices, faces, offset = [], [], 0
    for matrix, piece in _item_pieces(operand, np.eye(4), memo):
        vertices.append(piece.vertices @ matrix[:3, :3].T + matrix[:3, 3])
        faces.append((piece.faces[:, ::-1] if np.linalg.det(matrix[:3, :3]) < 0 else piece.faces) + offset)
        offset += len(piece.vertices)
    if not vertices:
        raise NotParametric("empty operand")
    return np.concatenate(vertices), np.concatenate(faces)


def _bounded_prism(manifold3d, half_space, origin: np.ndarray, reach: float, memo: dict, planes: tuple):
    """The prism of an ``IfcPolygonalBoundedHalfSpace``'s boundary along its position's z, long
    enough (``reach`` each way) to cross the whole body, around ``origin``; its sides lying on a
    face of the body (``planes``) moved just past it, as an opening's are (:mod:`~.cut`)."""
    ring = _curve_points(half_space.PolygonalBoundary)
    if _signed_area(ring) < 0:
        ring = ring[::-1]
    _check_polygon([ring])
    frame = _axis2placement(half_space.Position, memo)
    triangles = np.asarray(_triangulate([ring]), dtype=np.int64).reshape(-1, 3)
    n = len(ring)
    bottom = np.column_stack([ring, np.full(n, -reach)])
    local = np.concatenate([bottom, bottom + [0.0, 0.0, 2 * reach]])
    i = np.arange(n)
    j = np.roll(i, -1)
    faces = np.concatenate(
        [triangles[:, ::-1], triangles + n, np.column_stack([i, j, j + n]), np.column_stack([i, j + n, i + n])]
    )
    vertices = local @ frame[:3, :3].T + frame[:3, 3]
    if np.linalg.det(frame[:3, :3]) < 0:
        faces = faces[:, ::-1]
    return to_manifold(manifold3d, vertices, faces, origin, planes)


# --- placements ------------------------------------------------------------------------------------


def _local_placement(placement, memo: dict) -> np.ndarray:
    if placement is None:
        return np.eye(4)
    key = ("placement", placement.id())
    if key not in memo:
        if not placement.is_a("IfcLocalPlacement"):
            raise NotParametric(placement.is_a())
        relative_to = placement.PlacementRelTo
        parent = _local_placement(relative_to, memo) if relative_to is not None else np.eye(4)
        memo[key] = parent @ _axis2placement(placement.RelativePlacement, memo)
    return memo[key]


def _axis2placement(placement, memo: dict) -> np.ndarray:
    """The 4x4 matrix of an ``IfcAxis2Placement2D/3D``: its axis, its reference direction made
    perpendicular to the axis, as IFC defines them (computed once per placement)."""
    key = ("axes", placement.id())
    if key not in memo:
        memo[key] = _axes(placement)
    return memo[key]


def _axes(placement) -> np.ndarray:
    # attributes by position (Location, Axis, RefDirection): a placement per element is read
    # for every element of a model, and positions cost half of names
    kind = placement.is_a()
    if kind == "IfcAxis2Placement3D":
        z = _ratios(placement[1], (0.0, 0.0, 1.0))
        x = _ratios(placement[2], (1.0, 0.0, 0.0))
    elif kind == "IfcAxis2Placement2D":
        z, x = (0.0, 0.0, 1.0), (*_ratios(placement[1], (1.0, 0.0))[:2], 0.0)
    else:
        raise NotParametric(kind)
    return _frame(placement[0][0], z, x)


def _ratios(direction, default: tuple) -> tuple:
    """A direction's ratios as three floats (a 2D one gets z = 0), or the default."""
    if direction is None:
        return default
    ratios = tuple(float(r) for r in direction[0])
    return (*ratios, 0.0) if len(ratios) == 2 else ratios


def _frame(origin, z: tuple, x: tuple, scales: tuple = (1.0, 1.0, 1.0), flip_y: tuple | None = None) -> np.ndarray:
    """The 4x4 matrix of axes ``z`` and ``x`` (made perpendicular to ``z``, as IFC does), ``y``
    their cross product (reversed when it points away from ``flip_y``), scaled per axis."""
    z_length = math.sqrt(z[0] * z[0] + z[1] * z[1] + z[2] * z[2])
    if not (math.isfinite(z_length) and z_length > 0):
        raise NotParametric("direction")
    z = (z[0] / z_length, z[1] / z_length, z[2] / z_length)
    along = x[0] * z[0] + x[1] * z[1] + x[2] * z[2]
    x = (x[0] - along * z[0], x[1] - along * z[1], x[2] - along * z[2])
    x_length = math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2])
    if not (math.isfinite(x_length) and x_length > 0):
        raise NotParametric("direction")
    x = (x[0] / x_length, x[1] / x_length, x[2] / x_length)
    y = (z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0])
    if flip_y is not None and y[0] * flip_y[0] + y[1] * flip_y[1] + y[2] * flip_y[2] < 0:
        y = (-y[0], -y[1], -y[2])  # a mirrored copy
    o = (*origin, 0.0) if len(origin) == 2 else tuple(origin)
    sx, sy, sz = scales
    return np.array(
        [
            [x[0] * sx, y[0] * sy, z[0] * sz, o[0]],
            [x[1] * sx, y[1] * sy, z[1] * sz, o[1]],
            [x[2] * sx, y[2] * sy, z[2] * sz, o[2]],
            [0.0, 0.0, 0.0, 1.0],
        ]
    )


def _operator(operator) -> np.ndarray:
    """An ``IfcCartesianTransformationOperator3D`` (uniform or not) as IFC builds its axes."""
    scale = operator.Scale if operator.Scale is not None else 1.0
    scales = [scale, scale, scale]
    if operator.is_a("IfcCartesianTransformationOperator3DnonUniform"):
        scales[1] = operator.Scale2 if operator.Scale2 is not None else scale
        scales[2] = operator.Scale3 if operator.Scale3 is not None else scale
    z = _ratios(operator.Axis3, (0.0, 0.0, 1.0))
    x = _ratios(operator.Axis1, (1.0, 0.0, 0.0))
    flip_y = _ratios(operator.Axis2, None) if operator.Axis2 is not None else None
    return _frame(operator.LocalOrigin.Coordinates, z, x, tuple(scales), flip_y)
