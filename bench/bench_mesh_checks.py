"""bimquant's own mesh checks against trimesh's, on the meshes of real models.

What a takeoff does to every mesh a kernel hands it: weld the vertices, tell whether the
surface is closed, turn its faces outwards where they are not. bimquant does it with a few
numpy calls (``bimquant.geometry.shape.make_shape``); trimesh, the well-kept library for meshes,
does it with ``Trimesh(process=True)`` (merging vertices), ``is_watertight`` and
``fix_normals()``. Both run here on the same meshes (the manifold kernel's, in memory), one
after the other, best of 3; the script prints the seconds of each and whether they agree on
which meshes are closed, and on the volume of every closed one (1e-9).

    pip install ".[bench]"
    python bench/bench_mesh_checks.py                   # Institute, SteelOpenings, Office_A
    python bench/bench_mesh_checks.py path/to/model.ifc
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT.parent / "shared" / "models"
DEFAULT = ["AC11-Institute-Var-2-IFC.ifc", "SteelOpenings_IFC4.ifc", "Office_A_20110811.ifc"]


def kernel_meshes(path: Path) -> list[tuple[bytes, bytes]]:
    """The raw buffers the manifold kernel gives for every body a takeoff meshes."""
    from bimquant.geometry.iterator import _mesh_all
    from bimquant.model import get_measured_bodies, open_model

    model = open_model(path)
    products = [model.file.by_id(i) for i in get_measured_bodies(model)]
    return [(v, f) for _, v, f in _mesh_all(model.file, products, "manifold", False, 2)]


def ours(meshes) -> list[tuple[bool, float]]:
    from bimquant.geometry.shape import make_shape
    from bimquant.quantities.mesh import get_triangles, get_volume

    found = []
    for vertices, faces in meshes:
        shape = make_shape(vertices, faces, "manifold")
        closed = shape is not None and shape.closed
        found.append((closed, abs(get_volume(get_triangles(shape.vertices, shape.faces))) if closed else 0.0))
    return found


def theirs(meshes) -> list[tuple[bool, float]]:
    import trimesh

    found = []
    for vertices, faces in meshes:
        v = np.frombuffer(vertices, dtype=np.float64).reshape(-1, 3)
        f = np.frombuffer(faces, dtype=np.int32).reshape(-1, 3)
        if not len(f):
            found.append((False, 0.0))
            continue
        mesh = trimesh.Trimesh(v, f, process=True)
        closed = bool(mesh.is_watertight)
        if closed:
            mesh.fix_normals()
        found.append((closed, abs(float(mesh.volume)) if closed else 0.0))
    return found


def best(function, meshes, repeat: int = 3) -> tuple[float, list]:
    seconds, found = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        found = function(meshes)
        seconds.append(time.perf_counter() - start)
    return min(seconds), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", type=Path)
    args = parser.parse_args()
    try:
        import trimesh  # noqa: F401
    except ImportError:
        raise SystemExit("trimesh is not installed: pip install '.[bench]'") from None
    paths = args.models or [MODELS / name for name in DEFAULT]
    print(f"{'model':34} {'meshes':>6} {'numpy s':>8} {'trimesh s':>9} {'ratio':>6} {'closed':>13} {'volumes':>8}")
    for path in paths:
        meshes = kernel_meshes(path)
        our_s, our = best(ours, meshes)
        their_s, their = best(theirs, meshes)
        closed = f"{sum(c for c, _ in our)}/{sum(c for c, _ in their)}"
        both = [(a[1], b[1]) for a, b in zip(our, their) if a[0] and b[0]]
        agree = sum(abs(a - b) <= 1e-9 * max(abs(b), 1e-12) for a, b in both)
        print(
            f"{path.name[:34]:34} {len(meshes):6d} {our_s:8.3f} {their_s:9.3f} {their_s / our_s:6.1f} "
            f"{closed:>13} {agree:4d}/{len(both)}"
        )


if __name__ == "__main__":
    main()
