"""One element's triangulated body, as the geometry stage hands it to the quantities stage.

``vertices : (n, 3) float`` in metres, world coordinates; ``faces : (m, 3) int``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bimquant.tolerances import MAX_COORDINATE_M, WELD_TOL_M

# The manifold kernel's polygon of a full circle (its setting "circle-segments"); the bodies
# built from their parameters draw their circles with as many, so both paths give one body.
# manifold's default drops the intermediate points of short arcs (profile fillets): 0.3% of a
# steel beam's volume on SteelOpenings_IFC4.ifc; this many per circle matches OpenCASCADE.
MANIFOLD_CIRCLE_SEGMENTS = 256


@dataclass
class Shape:
    """One element's triangulated body in world coordinates (metres), and how it was made."""

    vertices: np.ndarray  # (n, 3) float
    faces: np.ndarray  # (m, 3) int
    kernel: str
    closed: bool
    reoriented: bool = False  # the kernel gave some faces the wrong way round: turned back
    problem: str | None = None  # why the body cannot be measured (set by make_shape), else None
    footprint: object | None = None  # its plan (shapely), when known without the mesh (parametric)


def make_shape(vertices: bytes, faces: bytes, kernel: str, orient: bool = True) -> Shape | None:
    """A :class:`Shape` from the kernel's buffers (float64 vertices, int32 faces); None for an
    empty body, which counts as no shape. A closed body whose faces do not all face the same
    way (a surface model written face by face) has them turned to face outwards: otherwise
    its volume, and every area derived from it, would cancel out. ``orient=False`` leaves them
    as they come (a mesh only drawn, never measured)."""
    v = np.frombuffer(vertices, dtype=np.float64).reshape(-1, 3)
    f = np.frombuffer(faces, dtype=np.int32).reshape(-1, 3)
    if not len(f):
        return None
    if not np.isfinite(v).all() or np.abs(v).max() > MAX_COORDINATE_M:
        return Shape(
            v, f, kernel, False, problem=f"its body reaches past {MAX_COORDINATE_M:.0e} m (a broken coordinate)"
        )
    closed = is_closed(v, f)
    if closed and orient:
        oriented = orient_outwards(v, f)
        if oriented is not None:
            return Shape(v, oriented, kernel, closed, reoriented=True)
    return Shape(v, f, kernel, closed)


def is_closed(vertices: np.ndarray, faces: np.ndarray) -> bool:
    """True when every edge is shared by an even number of faces (a closed surface).

    Kernels weld vertices already; when the edges do not pair up on the given indices, the
    vertices are welded on a ``WELD_TOL_M`` grid and the edges checked again.
    """
    if len(faces) == 0:
        return False
    if _edges_pair_up(faces, len(vertices)):
        return True
    return _edges_pair_up(weld(vertices)[faces], len(vertices))


def _edges_pair_up(faces: np.ndarray, n_vertices: int) -> bool:
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]).astype(np.int64)
    edges = edges[edges[:, 0] != edges[:, 1]]
    edges.sort(axis=1)
    _, counts = np.unique(edges[:, 0] * n_vertices + edges[:, 1], return_counts=True)
    return bool(np.all(counts % 2 == 0))


def orient_outwards(vertices: np.ndarray, faces: np.ndarray) -> np.ndarray | None:
    """Faces turned so that each closed part of the body faces outwards, or None when they all
    face outwards already. Only for a body whose every edge joins exactly two faces (on the welded
    vertices): two faces across an edge agree when they run along it in opposite directions."""
    welded = weld(vertices)[faces]
    edges = np.stack([welded[:, [0, 1]], welded[:, [1, 2]], welded[:, [2, 0]]], axis=1).reshape(-1, 2)
    edges = edges.astype(np.int64)
    keep = edges[:, 0] != edges[:, 1]
    directed = edges[:, 0] * len(vertices) + edges[:, 1]
    if len(np.unique(directed[keep])) == int(keep.sum()):  # no edge run twice the same way: they agree
        t = vertices[faces] - vertices[faces].reshape(-1, 3).mean(axis=0)
        inward = np.einsum("ij,ij->i", t[:, 0], cross(t[:, 1], t[:, 2])).sum() < 0
        return faces[:, [0, 2, 1]].copy() if inward else None
    low, high = np.minimum(edges[:, 0], edges[:, 1]), np.maximum(edges[:, 0], edges[:, 1])
    undirected = low * len(vertices) + high
    order = np.argsort(undirected[keep], kind="stable")
    ids, counts = np.unique(undirected[keep], return_counts=True)
    if not np.all(counts == 2):
        return None  # not a plain closed surface: left as it is
    half_edges = np.flatnonzero(keep)[order].reshape(-1, 2)  # the two half-edges of each edge
    forward = edges[:, 0] < edges[:, 1]
    neighbours: dict[int, list[tuple[int, bool]]] = {}
    for a, b in half_edges:
        same_way = bool(forward[a] == forward[b])  # then one of the two faces must turn
        neighbours.setdefault(a // 3, []).append((b // 3, same_way))
        neighbours.setdefault(b // 3, []).append((a // 3, same_way))
    flip = np.zeros(len(faces), dtype=bool)
    seen = np.zeros(len(faces), dtype=bool)
    result = faces.copy()
    for start in range(len(faces)):
        if seen[start]:
            continue
        part, stack = [start], [start]
        seen[start] = True
        while stack:
            face = stack.pop()
            for other, same_way in neighbours.get(face, ()):
                if not seen[other]:
                    seen[other] = True
                    flip[other] = flip[face] ^ same_way
                    part.append(other)
                    stack.append(other)
        part_faces = np.array(part)
        turned = np.where(flip[part_faces, None], faces[part_faces][:, [0, 2, 1]], faces[part_faces])
        t = vertices[turned]
        t = t - t.reshape(-1, 3).mean(axis=0)
        if np.einsum("ij,ij->i", t[:, 0], cross(t[:, 1], t[:, 2])).sum() < 0:
            turned = turned[:, [0, 2, 1]]
        result[part_faces] = turned
    return result


def weld(vertices: np.ndarray) -> np.ndarray:
    """For each vertex, a label shared by the vertices on the same point of a ``WELD_TOL_M``
    grid (labels from 0, fewer than the vertices; which label a point gets is arbitrary).

    The grid keys are hashed to one integer and sorted once, about ten times faster than
    ``np.unique(keys, axis=0)`` (0.08 ms against 0.8 ms for 2,000 vertices); the grouping is
    then checked key by key, and a hash collision falls back to the exact row sort."""
    keys = np.round(vertices / WELD_TOL_M).astype(np.int64)
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    mixed = keys[:, 0] * np.int64(73856093) ^ keys[:, 1] * np.int64(19349663) ^ keys[:, 2] * np.int64(83492791)
    _, first, labels = np.unique(mixed, return_index=True, return_inverse=True)
    labels = labels.reshape(-1)
    if not (keys == keys[first[labels]]).all():  # two points with one hash: the exact way
        labels = np.unique(keys, axis=0, return_inverse=True)[1].reshape(-1)
    return labels


def cross(a, b) -> np.ndarray:
    """``np.cross`` for 3-vectors or arrays of them ``(..., 3)``: the same products in the same
    order (the same bits), without its general machinery, which costs more than the products on
    a body of a few dozen triangles."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    a, b = np.broadcast_arrays(a, b)
    out = np.empty(a.shape)
    out[..., 0] = a[..., 1] * b[..., 2] - a[..., 2] * b[..., 1]
    out[..., 1] = a[..., 2] * b[..., 0] - a[..., 0] * b[..., 2]
    out[..., 2] = a[..., 0] * b[..., 1] - a[..., 1] * b[..., 0]
    return out
