"""Exact volumes of the bodies IFC describes by numbers, without meshing them.

An extrusion's volume is its profile's area times its depth (times the cosine of the extrusion
direction off the profile's normal); a faceted B-rep's is the divergence theorem over its
polygon faces. Both are exact, and independent of any geometry kernel: they check the kernels
(a kernel that drops two frames of a window, or turns an arc of a channel the wrong way, does
not agree with them) and will become the quantities themselves where they are exact.

Covered: IfcExtrudedAreaSolid with rectangle (plain, rounded, hollow), circle, hollow circle,
ellipse, I, L and U profiles, and arbitrary closed profiles made of polylines, indexed poly
curves and composite curves of line segments and circular arcs, with voids; IfcFacetedBrep and
IfcFacetedBrepWithVoids; IfcMappedItem with a uniform or non-uniform scale. Anything else
gives None.

Example::

    >>> get_exact_volume(wall, length_scale=1.0)
    Exact(volume_m3=3.0, curved=False, items=1)
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

BODY_IDENTIFIERS = (None, "", "Body", "Facetation")


class Exact(NamedTuple):
    volume_m3: float
    curved: bool  # a circle or an arc bounds it: a mesh of it is a polygon, short of this
    items: int  # solids summed: more than one may overlap, and then the sum is more than the body


class Unsupported(Exception):
    """A body this module cannot compute exactly: the caller gets None."""


def get_exact_volume(
    entity, length_scale: float, angle_scale: float = math.pi / 180, memo: dict | None = None
) -> Exact | None:
    """The exact volume of the element's body: the sum over its items (exact when they do not
    overlap), whether a circle or an arc bounds it; or None.
    ``angle_scale``: radians per plane angle unit of the model (the trims of its arcs).
    ``memo``: a dict kept over the elements of one model, so that a type's body (a window
    family placed 200 times) is computed once."""
    representation = getattr(entity, "Representation", None)
    if representation is None:
        return None
    reps = [r for r in representation.Representations or () if r.RepresentationIdentifier in BODY_IDENTIFIERS]
    if len(reps) != 1 or not reps[0].Items:
        return None
    try:
        total, curved, items = 0.0, False, 0
        for item in reps[0].Items:
            volume, round_, count = _item_volume(item, angle_scale, {} if memo is None else memo)
            total, curved, items = total + volume, curved or round_, items + count
    except (Unsupported, AttributeError, TypeError, ValueError, ZeroDivisionError, RuntimeError):
        return None
    return Exact(total * length_scale**3, curved, items)


def _item_volume(item, angle: float, memo: dict) -> tuple[float, bool, int]:
    if item.is_a("IfcMappedItem"):
        source = item.MappingSource.id()
        if source not in memo:
            volume, curved, items = 0.0, False, 0
            try:
                for sub in item.MappingSource.MappedRepresentation.Items or ():
                    v, c, n = _item_volume(sub, angle, memo)
                    volume, curved, items = volume + v, curved or c, items + n
                memo[source] = (volume, curved, items)
            except Unsupported:
                memo[source] = None
                raise
        if memo[source] is None:
            raise Unsupported("mapped body")
        volume, curved, items = memo[source]
        return volume * _scale_factor(item.MappingTarget), curved, items
    if item.is_a("IfcExtrudedAreaSolid"):
        area, curved = get_profile_area(item.SweptArea, angle)
        direction = np.array(item.ExtrudedDirection.DirectionRatios, dtype=float)
        cosine = abs(direction[2]) / np.linalg.norm(direction)
        return area * float(item.Depth) * cosine, curved, 1
    if item.is_a("IfcFacetedBrepWithVoids"):
        volume = _shell_volume(item.Outer) - sum(_shell_volume(v) for v in item.Voids or ())
        return volume, False, 1
    if item.is_a("IfcFacetedBrep"):
        return _shell_volume(item.Outer), False, 1
    raise Unsupported(item.is_a())


def _scale_factor(operator) -> float:
    """Volume factor of a mapping's transformation (1 without one)."""
    if operator is None:
        return 1.0
    scale = operator.Scale if operator.Scale is not None else 1.0
    if operator.is_a("IfcCartesianTransformationOperator3DnonUniform"):
        s2 = operator.Scale2 if operator.Scale2 is not None else scale
        s3 = operator.Scale3 if operator.Scale3 is not None else scale
        return abs(scale * s2 * s3)
    return abs(scale) ** 3


def _shell_volume(shell) -> float:
    """Volume enclosed by a closed shell of polygon faces (holes as inner bounds): every polygon
    fanned into triangles, all summed in one pass (attributes read by position: a B-rep has
    thousands of points, and positions cost half of names)."""
    coordinates: list = []
    fans: list[tuple[int, int, int]] = []
    for face in shell[0]:  # CfsFaces
        for bound in face[0]:  # Bounds
            loop = bound[0]  # Bound
            if not loop.is_a("IfcPolyLoop"):
                raise Unsupported(loop.is_a())
            polygon = [point[0] for point in loop[0]]  # Polygon, each point's Coordinates
            if not bound[1]:  # Orientation
                polygon.reverse()
            start = len(coordinates)
            coordinates += polygon
            fans += [(start, start + k, start + k + 1) for k in range(1, len(polygon) - 1)]
    if not fans:
        return 0.0
    points = np.array(coordinates, dtype=float)
    a, b, c = np.array(fans).T
    return abs(float(np.einsum("ij,ij->i", points[a], np.cross(points[b], points[c])).sum()) / 6.0)


# --- profiles ----------------------------------------------------------------------------------


def get_profile_area(profile, angle: float = math.pi / 180) -> tuple[float, bool]:
    """``(area, curved)`` of a profile in the model's length unit squared (``angle``: radians
    per plane angle unit, for arcs trimmed by angles)."""
    kind = profile.is_a()
    if kind == "IfcArbitraryProfileDefWithVoids":
        outer, curved = _curve_area(profile.OuterCurve, angle)
        inner = [_curve_area(c, angle) for c in profile.InnerCurves or ()]
        return outer - sum(a for a, _ in inner), curved or any(c for _, c in inner)
    if kind == "IfcArbitraryClosedProfileDef":
        return _curve_area(profile.OuterCurve, angle)
    if kind == "IfcRectangleHollowProfileDef":
        x, y, t = profile.XDim, profile.YDim, profile.WallThickness
        outer_r, inner_r = profile.OuterFilletRadius or 0.0, profile.InnerFilletRadius or 0.0
        area = x * y - (x - 2 * t) * (y - 2 * t) - (4 - math.pi) * outer_r**2 + (4 - math.pi) * inner_r**2
        return area, bool(outer_r or inner_r)
    if kind == "IfcRoundedRectangleProfileDef":
        r = profile.RoundingRadius or 0.0
        return profile.XDim * profile.YDim - (4 - math.pi) * r**2, bool(r)
    if kind == "IfcRectangleProfileDef":
        return profile.XDim * profile.YDim, False
    if kind == "IfcCircleHollowProfileDef":
        r, t = profile.Radius, profile.WallThickness
        return math.pi * (r**2 - (r - t) ** 2), True
    if kind == "IfcCircleProfileDef":
        return math.pi * profile.Radius**2, True
    if kind == "IfcEllipseProfileDef":
        return math.pi * profile.SemiAxis1 * profile.SemiAxis2, True
    if kind == "IfcIShapeProfileDef":
        _no_slope(profile, "FlangeSlope", "FlangeEdgeRadius")
        b, d, tw, tf, r = (
            profile.OverallWidth,
            profile.OverallDepth,
            profile.WebThickness,
            profile.FlangeThickness,
            profile.FilletRadius or 0.0,
        )
        return 2 * b * tf + (d - 2 * tf) * tw + (4 - math.pi) * r**2, bool(r)
    if kind == "IfcUShapeProfileDef":
        _no_slope(profile, "FlangeSlope")
        d, b, tw, tf = profile.Depth, profile.FlangeWidth, profile.WebThickness, profile.FlangeThickness
        r, e = profile.FilletRadius or 0.0, profile.EdgeRadius or 0.0
        return 2 * b * tf + (d - 2 * tf) * tw + (2 - math.pi / 2) * (r**2 - e**2), bool(r or e)
    if kind == "IfcLShapeProfileDef":
        _no_slope(profile, "LegSlope")
        d, t = profile.Depth, profile.Thickness
        w = profile.Width if profile.Width is not None else d
        r, e = profile.FilletRadius or 0.0, profile.EdgeRadius or 0.0
        return t * (d + w - t) + (1 - math.pi / 4) * (r**2 - 2 * e**2), bool(r or e)
    raise Unsupported(kind)


def _no_slope(profile, *names: str) -> None:
    for name in names:
        if getattr(profile, name, None):
            raise Unsupported(f"{profile.is_a()} with {name}")


def _curve_area(curve, angle: float) -> tuple[float, bool]:
    """Area enclosed by a closed curve of line segments and circular arcs (exact)."""
    segments = list(_segments(curve, angle))
    area, curved = 0.0, False
    for segment in segments:
        if segment[0] == "line":
            _, p, q = segment
            area += 0.5 * (p[0] * q[1] - q[0] * p[1])
        else:
            _, p, q, centre, radius, sweep = segment
            area += 0.5 * (p[0] * q[1] - q[0] * p[1]) + 0.5 * radius**2 * (sweep - math.sin(sweep))
            curved = True
    return abs(area), curved


def _segments(curve, angle: float):
    """("line", p, q) and ("arc", p, q, centre, radius, signed sweep) pieces of a 2D curve."""
    if curve.is_a("IfcPolyline"):
        points = [tuple(p.Coordinates[:2]) for p in curve.Points]
        yield from (("line", p, q) for p, q in zip(points, points[1:]))
        if points[0] != points[-1]:
            yield ("line", points[-1], points[0])
        return
    if curve.is_a("IfcIndexedPolyCurve"):
        coordinates = [tuple(float(x) for x in c[:2]) for c in curve.Points.CoordList]
        if not curve.Segments:
            pieces = [("line", p, q) for p, q in zip(coordinates, coordinates[1:])]
        else:
            pieces = []
            for segment in curve.Segments:
                indices = [i - 1 for i in segment.wrappedValue]
                if segment.is_a("IfcArcIndex"):
                    pieces.append(_arc_through(*(coordinates[i] for i in indices)))
                else:
                    points = [coordinates[i] for i in indices]
                    pieces += [("line", p, q) for p, q in zip(points, points[1:])]
        yield from pieces
        first, last = pieces[0][1], pieces[-1][2]
        if first != last:
            yield ("line", last, first)
        return
    if curve.is_a("IfcCompositeCurve"):
        for part in curve.Segments:
            pieces = list(_open_segments(part.ParentCurve, angle))
            if not part.SameSense:
                pieces = [_reversed(s) for s in reversed(pieces)]
            yield from pieces
        return
    if curve.is_a("IfcCircle"):
        yield ("arc", (0.0, 0.0), (0.0, 0.0), (0.0, 0.0), curve.Radius, 2 * math.pi)  # area pi r2 alone
        return
    raise Unsupported(curve.is_a())


def _open_segments(curve, angle: float):
    if curve.is_a("IfcPolyline"):
        points = [tuple(p.Coordinates[:2]) for p in curve.Points]
        yield from (("line", p, q) for p, q in zip(points, points[1:]))
        return
    if curve.is_a("IfcTrimmedCurve") and curve.BasisCurve.is_a("IfcCircle"):
        yield _arc(curve, angle)
        return
    if curve.is_a("IfcTrimmedCurve") and curve.BasisCurve.is_a("IfcLine"):
        raise Unsupported("trimmed line")
    raise Unsupported(curve.is_a())


def _arc(curve, angle: float) -> tuple:
    """The piece of a trimmed circle, trimmed by parameters (angles) or by points."""
    circle = curve.BasisCurve
    if circle.Position.is_a("IfcAxis2Placement3D"):
        raise Unsupported("3D circle")
    centre = np.array(circle.Position.Location.Coordinates[:2], dtype=float)
    axis = (
        np.array(circle.Position.RefDirection.DirectionRatios[:2], dtype=float)
        if circle.Position.RefDirection
        else np.array([1.0, 0.0])
    )
    axis /= np.linalg.norm(axis)
    normal = np.array([-axis[1], axis[0]])
    radius = float(circle.Radius)
    start, end = (_angle(curve.Trim1, centre, axis, normal, angle), _angle(curve.Trim2, centre, axis, normal, angle))
    sweep = (end - start) % (2 * math.pi) if curve.SenseAgreement else -((start - end) % (2 * math.pi))
    point = lambda a: tuple(centre + radius * (math.cos(a) * axis + math.sin(a) * normal))  # noqa: E731
    return ("arc", point(start), point(start + sweep), tuple(centre), radius, sweep)


def _angle(trim, centre, axis, normal, angle: float) -> float:
    for select in trim:
        if select.is_a("IfcCartesianPoint"):
            offset = np.array(select.Coordinates[:2], dtype=float) - centre
            return math.atan2(offset @ normal, offset @ axis)
    for select in trim:
        if select.is_a("IfcParameterValue"):
            return float(select.wrappedValue) * angle
    raise Unsupported("trim")


def _arc_through(start, middle, end) -> tuple:
    """The arc from ``start`` through ``middle`` to ``end`` (IfcArcIndex)."""
    (ax, ay), (bx, by), (cx, cy) = start, middle, end
    d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by))
    if abs(d) < 1e-15:
        return ("line", start, end)  # three points in a row: a straight piece
    ux = ((ax**2 + ay**2) * (by - cy) + (bx**2 + by**2) * (cy - ay) + (cx**2 + cy**2) * (ay - by)) / d
    uy = ((ax**2 + ay**2) * (cx - bx) + (bx**2 + by**2) * (ax - cx) + (cx**2 + cy**2) * (bx - ax)) / d
    angle = lambda p: math.atan2(p[1] - uy, p[0] - ux)  # noqa: E731
    a1, a2, a3 = angle(start), angle(middle), angle(end)
    ccw = (a3 - a1) % (2 * math.pi)
    sweep = ccw if (a2 - a1) % (2 * math.pi) <= ccw else -((a1 - a3) % (2 * math.pi))
    return ("arc", start, end, (ux, uy), math.hypot(ax - ux, ay - uy), sweep)


def _reversed(segment):
    if segment[0] == "line":
        return ("line", segment[2], segment[1])
    _, p, q, centre, radius, sweep = segment
    return ("arc", q, p, centre, radius, -sweep)
