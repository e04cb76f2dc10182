"""One element's triangulated body, as the geometry stage hands it to the quantities stage.

``vertices : (n, 3) float`` in metres, world coordinates; ``faces : (m, 3) int``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bimquant.tolerances import WELD_TOL_M


@dataclass
class Shape:
    """One element's triangulated body in world coordinates (metres), and how it was made."""

    vertices: np.ndarray  # (n, 3) float
    faces: np.ndarray  # (m, 3) int
    kernel: str
    closed: bool


def make_shape(vertices: bytes, faces: bytes, kernel: str) -> Shape | None:
    """A :class:`Shape` from the kernel's buffers (float64 vertices, int32 faces); None for an
    empty body, which counts as no shape."""
    v = np.frombuffer(vertices, dtype=np.float64).reshape(-1, 3)
    f = np.frombuffer(faces, dtype=np.int32).reshape(-1, 3)
    if not len(f):
        return None
    return Shape(v, f, kernel, is_closed(v, f))


def is_closed(vertices: np.ndarray, faces: np.ndarray) -> bool:
    """True when every edge is shared by an even number of faces (a closed surface).

    Kernels weld vertices already; when the edges do not pair up on the given indices, the
    vertices are welded on a ``WELD_TOL_M`` grid and the edges checked again.
    """
    if len(faces) == 0:
        return False
    if _edges_pair_up(faces, len(vertices)):
        return True
    keys = np.round(vertices / WELD_TOL_M).astype(np.int64)
    _, welded = np.unique(keys, axis=0, return_inverse=True)
    welded = welded.reshape(-1)
    return _edges_pair_up(welded[faces], len(vertices))


def _edges_pair_up(faces: np.ndarray, n_vertices: int) -> bool:
    edges = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]).astype(np.int64)
    edges = edges[edges[:, 0] != edges[:, 1]]
    edges.sort(axis=1)
    _, counts = np.unique(edges[:, 0] * n_vertices + edges[:, 1], return_counts=True)
    return bool(np.all(counts % 2 == 0))
