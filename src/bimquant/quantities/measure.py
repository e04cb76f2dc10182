"""Element quantities from meshes: which faces count as a wall's side or a slab's area.

Every measure is taken from the world-space mesh, so it does not depend on how the element's
local axes happen to be oriented. ``measure_element`` returns one dict of columns (units in the
names); a measure that does not apply to the element's class is NaN.

Measurement definitions (also in README.md):

- ``net_volume_m3`` / ``gross_volume_m3``: solid volume with / without openings subtracted.
- ``height_m``: vertical extent. ``footprint_area_m2``: area seen on plan.
- walls, curtain walls, plates: ``d`` is the normal of the two main faces. ``width_m`` is the
  extent along ``d`` (thickness), ``length_m`` the horizontal extent across it (walls: the
  centre-line length, plan area / thickness, so mitred corners are not counted twice),
  ``net_side_area_m2`` / ``gross_side_area_m2`` the mean area of the two main faces.
- slabs, roofs, coverings: same, giving ``net_area_m2`` / ``gross_area_m2``: the upper face
  (the sloped face of a pitched slab, where the roofing is laid; for one body with several
  pitches, every pitch at least half as large as the main one; for a vertical covering, the
  mean of its two faces), ``perimeter_m`` (outline of the gross main face), and ``length_m`` (the longer
  side of the smallest rectangle around the plan).
- beams, columns, members, piles: ``length_m`` the extent along the member's axis (the direction
  perpendicular to its two main face directions), ``width_m`` the shorter side of the smallest
  rectangle around its section, ``outer_surface_area_m2`` the surface without the end faces.
- doors, windows: ``width_m`` the longer plan side, ``gross_area_m2`` the area seen from the
  front (width x height for a rectangle, pi d2 / 4 for a round window).
- other elements: ``length_m``/``width_m`` the plan rectangle's sides.
- ``openings_area_m2``: gross minus net main-face area of a host.
"""

from __future__ import annotations

import math

import numpy as np

from bimquant.columns import QUANTITY_COLUMNS
from bimquant.geometry.shape import cross, Shape
from bimquant.messages import Message
from bimquant.quantities import mesh
from bimquant.tolerances import COS_FACE_TOL, PLANAR_COVERAGE_MIN, SLOPED_MIN_NZ

NAN = math.nan


class Mesh:
    """A shape with its per-face arrays computed once."""

    def __init__(self, shape: Shape):
        self.vertices, self.faces = shape.vertices, shape.faces
        self.triangles = mesh.get_triangles(shape.vertices, shape.faces)
        self.normals, self.areas = mesh.get_face_normals_areas(self.triangles)
        self.volume = mesh.get_volume(self.triangles)
        self._footprint = shape.footprint  # known from the body's parameters, or computed here

    @property
    def footprint(self):
        """The plan projection (a shapely geometry), computed once."""
        if self._footprint is None:
            self._footprint = mesh.get_footprint(self.triangles, self.normals)
        return self._footprint

    @property
    def footprint_area(self) -> float:
        return float(self.footprint.area)

    def main_face_area(self, d: np.ndarray, upper: bool = False) -> float:
        """Mean area of the faces facing +d and -d; with ``upper`` and a non-vertical ``d``, the
        area of the upper side only (a roof's top face, on which the roofing is laid)."""
        plus, minus = mesh.get_face_areas_along(self.normals, self.areas, d)
        if upper and abs(d[2]) > SLOPED_MIN_NZ:
            return plus if d[2] > 0 else minus
        return 0.5 * (plus + minus)


def get_main_direction(family: str, g: Mesh) -> np.ndarray | None:
    """Unit normal ``(3,)`` of the main faces of a wall (across the smallest rectangle around
    its plan), a plate or a slab (its largest faces); None for other families."""
    if family == "wall":
        _, _, long_dir = mesh.get_plan_rectangle(g.vertices)
        return np.array([-long_dir[1], long_dir[0], 0.0])
    if family in ("plate", "slab"):
        return mesh.get_dominant_direction(g.normals, g.areas)
    return None


def measure_element(
    family: str,
    net: Shape,
    gross: Shape | None,
    openings_count: int,
    layers: list[dict],
    densities: list[float | None],
) -> tuple[dict[str, float], list[str], object]:
    """Quantities of one element from its net shape and, for hosts of openings, its gross shape.

    Returns ``(columns, notes, footprint)``: the footprint is the net body's plan geometry
    (shapely), kept for what is derived from plans (external walls).

    Notes say where a measure needed a fallback.
    """
    notes: list[str] = []
    n = Mesh(net)
    g = Mesh(gross) if gross is not None else n
    if n.volume < 0:
        notes.append(Message("measure.inward"))
    q = dict.fromkeys(QUANTITY_COLUMNS, NAN)
    q["net_volume_m3"] = abs(n.volume)
    q["gross_volume_m3"] = max(abs(g.volume), q["net_volume_m3"])
    q["height_m"] = mesh.get_extent(n.vertices, np.array([0.0, 0.0, 1.0]))
    q["footprint_area_m2"] = n.footprint_area
    q["surface_area_m2"] = float(n.areas.sum())
    q["openings_count"] = openings_count
    layer_thickness = sum(layer["thickness_m"] for layer in layers) if layers else 0.0

    if family in ("wall", "plate", "slab"):
        d = get_main_direction(family, g)
        width = mesh.get_extent(g.vertices, d)
        # a roof body with several pitches: every pitch as large as half the main one counts
        planes = mesh.get_major_directions(g.normals, g.areas) if family == "slab" else [d]
        upper = family == "slab"
        net_face = sum(n.main_face_area(p, upper) for p in planes)
        gross_face = sum(g.main_face_area(p, upper) for p in planes)
        if gross_face * width < PLANAR_COVERAGE_MIN * q["gross_volume_m3"] and layer_thickness > 0:
            notes.append(Message("measure.curved"))
            width = layer_thickness
            net_face, gross_face = q["net_volume_m3"] / width, q["gross_volume_m3"] / width
        q["width_m"] = width
        if family == "wall" and width > 0:  # centre-line length: plan area over thickness
            q["length_m"] = g.footprint_area / width
        elif abs(d[2]) < 0.9:  # standing element: length runs horizontally across d
            across = cross([0.0, 0.0, 1.0], d)
            q["length_m"] = mesh.get_extent(g.vertices, across / np.linalg.norm(across))
        else:
            q["length_m"] = mesh.get_plan_rectangle(g.vertices)[0]
        face_keys = ("net_area_m2", "gross_area_m2") if family == "slab" else ("net_side_area_m2", "gross_side_area_m2")
        q[face_keys[0]], q[face_keys[1]] = net_face, gross_face
        q["openings_area_m2"] = max(gross_face - net_face, 0.0)
        if family == "slab":
            ups = [p if p[2] >= 0 else -p for p in planes]
            top = g.faces[np.any([g.normals @ p > COS_FACE_TOL for p in ups], axis=0)]
            q["perimeter_m"] = mesh.get_boundary_length(g.vertices, top)
    elif family == "linear":
        axis = mesh.get_long_axis(n.normals, n.areas)
        q["length_m"] = mesh.get_extent(n.vertices, axis)
        q["width_m"] = mesh.get_section_rectangle(n.vertices, axis)[1]
        ends = np.abs(n.normals @ axis) > COS_FACE_TOL
        q["outer_surface_area_m2"] = float(n.areas[~ends].sum())
    else:
        long_side, short_side, direction = mesh.get_plan_rectangle(n.vertices)
        if family == "filling":
            q["width_m"] = long_side
            facing = np.array([-direction[1], direction[0], 0.0])
            # an open body (panes drawn as single faces) is seen from both sides, whichever
            # way its faces were written
            q["gross_area_m2"] = mesh.get_projected_area(n.triangles, n.normals, facing, both_sides=not net.closed)
        else:
            q["length_m"], q["width_m"] = long_side, short_side
    q["weight_kg"] = get_weight(q["net_volume_m3"], layers, densities)
    return q, notes, n.footprint


def get_weight(volume_m3: float, layers: list[dict], densities: list[float | None]) -> float:
    """Mass from volume and densities (kg/m3); layered: each layer its share of the thickness."""
    if not densities or any(d is None for d in densities):
        return NAN
    if layers and len(layers) == len(densities):
        total = sum(layer["thickness_m"] for layer in layers)
        if total <= 0:
            return NAN
        return volume_m3 * sum(lay["thickness_m"] / total * rho for lay, rho in zip(layers, densities))
    if len(densities) == 1:
        return volume_m3 * densities[0]
    return NAN
