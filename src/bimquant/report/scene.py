"""The HTML report's 3D scene: element meshes packed small enough to e-mail.

Three things keep a model of 100,000 elements openable (README, "bimquant report"):

- **instancing**: bodies that are the same up to a translation (the same window type a
  hundred times) are stored once, each element keeping only its offset;
- **quantised vertices**: each stored body's vertices are 16-bit integers inside its own box
  (0.5 mm steps on a 30 m beam), triangle corners 16-bit indices;
- **decimation**: a body of more than :data:`MAX_TRIANGLES` triangles (a curved railing, a
  furniture model) is simplified by vertex clustering until it is under that number; the
  elements so simplified are listed, and they are only drawn coarser: every quantity comes from
  the full mesh.

Offsets are stored relative to the scene's centre (given in metres, world coordinates) so that
georeferenced models, whose coordinates run into the hundreds of kilometres, keep millimetres
in 32-bit floats.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

MAX_TRIANGLES = 20_000  # per drawn body; more are decimated
INSTANCE_STEP_M = 5e-4  # bodies equal to this step, up to a translation, are drawn as one
_UINT16 = 65_535


@dataclass
class Scene:
    """Packed meshes: ``bodies`` stored once each, ``instances`` placing them for elements.

    ``payload()`` is what the HTML report embeds."""

    centre: np.ndarray  # (3,) world coordinates of the scene's origin, m
    positions: list[np.ndarray] = field(default_factory=list)  # uint16 (n, 3) per body
    indices: list[np.ndarray] = field(default_factory=list)  # uint16 (m, 3) per body
    scales: list[np.ndarray] = field(default_factory=list)  # (3,) m per quantisation step
    instance_element: list[int] = field(default_factory=list)  # element index per instance
    instance_body: list[int] = field(default_factory=list)
    instance_offset: list[np.ndarray] = field(default_factory=list)  # (3,) m from the centre
    decimated: list[int] = field(default_factory=list)  # element indices drawn simplified
    triangles: int = 0  # drawn, instances counted

    def payload(self) -> tuple[dict, dict[str, np.ndarray]]:
        """``(facts, arrays)``: the counts the page states, and the typed arrays (little-endian)
        it draws from: ``body_counts`` (vertices, triangles per body), ``body_scales``,
        ``positions``, ``indices``, ``instance_element``, ``instance_body``, ``instance_offset``."""
        counts = np.array([[len(p), len(i)] for p, i in zip(self.positions, self.indices)], dtype="<u4")
        facts = {
            "centre": [float(c) for c in self.centre],
            "bodies": len(self.positions),
            "instances": len(self.instance_element),
            "triangles": self.triangles,
            "decimated": self.decimated,
        }
        arrays = {
            "body_counts": counts.reshape(-1),
            "body_scales": np.array(self.scales, dtype="<f4").reshape(-1),
            "positions": np.concatenate(self.positions).reshape(-1) if self.positions else np.zeros(0, "<u2"),
            "indices": np.concatenate(self.indices).reshape(-1) if self.indices else np.zeros(0, "<u2"),
            "instance_element": np.array(self.instance_element, dtype="<u4"),
            "instance_body": np.array(self.instance_body, dtype="<u4"),
            "instance_offset": np.array(self.instance_offset, dtype="<f4").reshape(-1),
        }
        return facts, arrays


def pack_scene(meshes: list[tuple[np.ndarray, np.ndarray] | None]) -> Scene:
    """Pack ``meshes[i] = (vertices (n, 3) m, faces (m, 3))`` of element ``i`` (None: nothing
    to draw) into a :class:`Scene`."""
    drawn = [m for m in meshes if m is not None and len(m[1])]
    if drawn:
        lows = np.array([m[0].min(axis=0) for m in drawn])
        highs = np.array([m[0].max(axis=0) for m in drawn])
        centre = (lows.min(axis=0) + highs.max(axis=0)) / 2
    else:
        centre = np.zeros(3)
    scene = Scene(centre=centre)
    known: dict[bytes, int] = {}
    for element, mesh in enumerate(meshes):
        if mesh is None or not len(mesh[1]):
            continue
        vertices, faces = _compact(np.asarray(mesh[0], dtype=float), np.asarray(mesh[1], dtype=np.int64))
        if len(faces) > MAX_TRIANGLES:
            vertices, faces = decimate(vertices, faces, MAX_TRIANGLES)
            scene.decimated.append(element)
        low = vertices.min(axis=0)
        local = vertices - low
        key = _key(local, faces)
        body = known.get(key)
        if body is None:
            body = known[key] = len(scene.positions)
            extent = local.max(axis=0)
            scale = np.where(extent > 0, extent / _UINT16, 1.0)
            scene.positions.append(np.round(local / scale).astype("<u2"))
            scene.indices.append(faces.astype("<u2"))
            scene.scales.append(scale)
        scene.instance_element.append(element)
        scene.instance_body.append(body)
        scene.instance_offset.append(low - centre)
        scene.triangles += len(faces)
    return scene


def decimate(vertices: np.ndarray, faces: np.ndarray, target: int) -> tuple[np.ndarray, np.ndarray]:
    """Fewer than ``target`` triangles by vertex clustering: vertices in one cell of a grid
    become their mean, triangles left with two corners in one cell are dropped; the grid
    coarsens until the count is reached."""
    extent = float((vertices.max(axis=0) - vertices.min(axis=0)).max()) or 1.0
    cells = 256
    while True:
        merged, kept = _cluster(vertices, faces, extent / cells)
        if len(kept) <= target or cells <= 2:
            return merged, kept
        cells //= 2


def _cluster(vertices: np.ndarray, faces: np.ndarray, size: float) -> tuple[np.ndarray, np.ndarray]:
    cell = np.floor((vertices - vertices.min(axis=0)) / size).astype(np.int64)
    _, inverse = np.unique(cell, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    count = np.bincount(inverse).astype(float)
    merged = np.column_stack([np.bincount(inverse, weights=vertices[:, k]) / count for k in range(3)])
    remapped = inverse[faces]
    distinct = (
        (remapped[:, 0] != remapped[:, 1]) & (remapped[:, 1] != remapped[:, 2]) & (remapped[:, 0] != remapped[:, 2])
    )
    remapped = remapped[distinct]
    _, first = np.unique(np.sort(remapped, axis=1), axis=0, return_index=True)
    return _compact(merged, remapped[np.sort(first)])


def _compact(vertices: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Only the vertices the faces use, renumbered."""
    used, faces = np.unique(faces, return_inverse=True)
    return vertices[used], faces.reshape(-1, 3)


def _key(local: np.ndarray, faces: np.ndarray) -> bytes:
    steps = np.round(local / INSTANCE_STEP_M).astype(np.int64)
    return hashlib.blake2b(steps.tobytes() + faces.astype(np.int64).tobytes(), digest_size=16).digest()
