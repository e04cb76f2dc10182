"""Openings cut out of their host with the ``manifold3d`` library, in this process.

OpenCASCADE cuts openings exactly but slowly (on AC11-Institute-Var-2-IFC.ifc, 2.4 s for 49
walls and slabs with openings, most of the geometry time); ifcopenshell's manifold kernel cuts
them fast but widens each opening by its precision. Here the host's gross body and each
opening's body, both meshed by the fast kernel (exact for plane faces), are subtracted with
``manifold3d`` in double precision, around the host's own centre so that world coordinates far
from the origin lose no digits. A host the library cannot cut (a mesh that is not a closed
oriented surface, an opening without a body) is left to OpenCASCADE by the caller.

Example::

    >>> net, uncut = cut_openings(gross_shapes, {host_id: [opening_shape, ...]})
"""

from __future__ import annotations

import numpy as np

from bimquant.geometry.shape import cross, Shape, is_closed
from bimquant.tolerances import WELD_TOL_M

KERNEL = "manifold3d"  # geometry_kernel of a host cut here
# An opening face lying on a face of its host, or within NEAR_PLANE_M of it (an exporter's
# rounding: an opening 0.30000001 deep in a 0.3 m wall), is moved to PAST_PLANE_M beyond that
# face before cutting. Otherwise the boolean keeps a skin of zero (or 1e-8 m) thickness across
# the hole, as OpenCASCADE does not: Wand-024 of AC11-Institute had 7.56 m2 of faces too many,
# the walls of AC20-FZK-Haus 4.8 m2, their volumes right. Only such vertices move.
NEAR_PLANE_M = 1e-5
PAST_PLANE_M = 1e-8
# A body whose convex hull is no larger than this share is convex: the hull replaces it.
CONVEX_REL_TOL = 1e-9
# Openings that take less than this share of the host's volume only touch it (an opening box
# flush with the end of a wall): the host is its gross body, without the zero-thickness slit
# a boolean would leave on the touching faces.
NOTHING_CUT = 1e-9


def cut_openings(
    gross: dict[int, Shape], openings: dict[int, list[Shape | None]]
) -> tuple[dict[int, Shape], list[int]]:
    """Net shapes of the hosts in ``openings`` (host step id -> its openings' shapes), from
    their ``gross`` shapes; and the hosts that could not be cut here."""
    import manifold3d

    cut, uncut = {}, []
    for host, holes in openings.items():
        body = gross.get(host)
        if body is None or not body.closed or any(h is None or not h.closed for h in holes):
            uncut.append(host)
            continue
        origin = body.vertices.mean(axis=0)
        solid = _manifold(manifold3d, body, origin)
        planes = body_planes(body.vertices - origin, body.faces)
        cutters = [_manifold(manifold3d, hole, origin, planes) for hole in holes]
        if solid is None or any(c is None for c in cutters):
            uncut.append(host)
            continue
        result = solid - manifold3d.Manifold.batch_boolean(cutters, manifold3d.OpType.Add) if cutters else solid
        if result.status() != manifold3d.Error.NoError or result.is_empty():
            uncut.append(host)
            continue
        if solid.volume() - result.volume() <= NOTHING_CUT * solid.volume():
            cut[host] = Shape(body.vertices, body.faces, KERNEL, body.closed)  # openings only touch it
            continue
        mesh = result.to_mesh64()
        vertices = np.asarray(mesh.vert_properties, dtype=np.float64)[:, :3] + origin
        faces = np.asarray(mesh.tri_verts, dtype=np.int64)
        cut[host] = Shape(vertices, faces, KERNEL, is_closed(vertices, faces))
    return cut, uncut


def _manifold(manifold3d, shape: Shape, origin: np.ndarray, planes: tuple | None = None):
    """The shape as a manifold3d solid (vertices welded, around ``origin``; with ``planes``,
    the host's, its vertices on or near one moved past it), or None."""
    return to_manifold(manifold3d, shape.vertices, shape.faces, origin, planes, strict=False)


def to_manifold(manifold3d, vertices, faces, origin, planes: tuple | None = None, strict: bool = True):
    """A mesh as a manifold3d solid around ``origin``: vertices welded (on ``WELD_TOL_M``, where
    they are), degenerate and shared faces dropped, parts that overlap joined, a convex body
    replaced by its hull; with ``planes``, vertices on or near one of them moved past it. None
    when it is not a closed solid, or with ``strict`` a :class:`ValueError`."""
    keys = np.round(vertices / WELD_TOL_M).astype(np.int64)
    _, first, welded = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    faces = welded.reshape(-1)[faces]
    faces = faces[(faces[:, 0] != faces[:, 1]) & (faces[:, 1] != faces[:, 2]) & (faces[:, 2] != faces[:, 0])]
    faces = without_shared_faces(faces)
    vertices = np.ascontiguousarray(vertices[first] - origin, dtype=np.float64)
    if planes is not None:
        vertices = _past_planes(vertices, *planes)
    solid = manifold3d.Manifold(
        manifold3d.Mesh64(vert_properties=vertices, tri_verts=np.ascontiguousarray(faces, dtype=np.uint64))
    )
    if solid.status() != manifold3d.Error.NoError or solid.is_empty():
        if strict:
            raise ValueError("not a closed solid")
        return None
    parts = solid.decompose()  # a body of several items (two boxes in one opening) may overlap itself:
    if len(parts) > 1:
        solid = manifold3d.Manifold.batch_boolean(parts, manifold3d.OpType.Add)  # their union
    hull = solid.hull()  # a convex body (most openings) is its hull, without the zero-thickness
    if hull.volume() <= solid.volume() * (1 + CONVEX_REL_TOL):  # walls its items leave inside it
        return hull
    return solid


def body_planes(vertices: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct planes of a body's faces: unit outward normals ``(k, 3)`` and offsets ``(k,)``."""
    corners = vertices[faces]
    normals = cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    length = np.linalg.norm(normals, axis=1)
    keep = length > 1e-12
    normals = normals[keep] / length[keep, None]
    offsets = np.einsum("ij,ij->i", normals, corners[keep, 0])
    _, first = np.unique(np.round(np.column_stack([normals, offsets]), 9), axis=0, return_index=True)
    return normals[first], offsets[first]


def _past_planes(vertices: np.ndarray, normals: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Vertices within NEAR_PLANE_M of a plane moved to PAST_PLANE_M beyond it (outwards)."""
    distance = vertices @ normals.T - offsets  # (vertices, planes)
    near = np.abs(distance) < NEAR_PLANE_M
    if not near.any():
        return vertices
    shift = np.where(near, PAST_PLANE_M - distance, 0.0)
    return vertices + shift @ normals


def without_shared_faces(faces: np.ndarray) -> np.ndarray:
    """Faces without the pairs that two touching parts of one body share (the same three
    vertices, facing opposite ways: two cylinders of an opening end to end, welded at their
    common cap). Left in, they are a zero-thickness wall inside the body, which a boolean keeps."""
    key = np.sort(faces, axis=1)
    _, inverse, counts = np.unique(key, axis=0, return_inverse=True, return_counts=True)
    shared = counts[inverse.reshape(-1)] == 2
    return faces[~shared] if shared.any() else faces
