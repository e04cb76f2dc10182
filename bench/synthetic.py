"""Large synthetic models for the scale benchmark: a small house, repeated over storeys and blocks.

Each block on each storey has four layered walls (concrete and insulation, an IfcMaterialLayerSet),
a floor slab, four columns sharing one mapped type body, a door and two windows in their
openings: 12 measured elements, 3 openings. The file is written with ifcopenshell.api; it is a
script, not a file kept in the repository:

    python bench/synthetic.py 1000 /tmp/synthetic-1000.ifc      # about 1,000 elements
    python bench/synthetic.py --scale /tmp/scale                  # 1,000 to 100,000, and time them

``--scale`` writes the series 1,000, 3,000, 10,000, 30,000, 100,000 (or ``--sizes``), measures
each with bimquant in a fresh process (cold, no cache) and prints elements, seconds, seconds per
1,000 elements and peak memory (its own, its largest kernel child's), so that linear growth can
be read off; then ifcfast's ``mesh_qto`` on the same file in a fresh process, and the ratio.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ELEMENTS_PER_BLOCK = 12  # 4 walls, 1 slab, 4 columns, 1 door, 2 windows
BLOCK = 8.0  # m, the side of one block
HEIGHT = 3.0  # m, storey height
SIZES = (1_000, 3_000, 10_000, 30_000, 100_000)


def write_model(elements: int, path: Path) -> int:
    """Write a model of about ``elements`` measured elements; return the exact count."""
    import ifcopenshell.api
    import ifcopenshell.api.project
    import ifcopenshell.guid

    run = ifcopenshell.api.run
    blocks = max(1, math.ceil(elements / ELEMENTS_PER_BLOCK))
    storeys = max(1, round(math.sqrt(blocks / 4)))  # about four times as many blocks as storeys
    per_storey = math.ceil(blocks / storeys)
    model = ifcopenshell.api.project.create_file(version="IFC4")
    project = run("root.create_entity", model, ifc_class="IfcProject", name="bimquant synthetic")
    units = [run("unit.add_si_unit", model, unit_type=kind) for kind in ("LENGTHUNIT", "AREAUNIT", "VOLUMEUNIT")]
    run("unit.assign_unit", model, units=units)  # metres: the numbers below are in metres
    context = run("context.add_context", model, context_type="Model")
    body = run(
        "context.add_context",
        model,
        context_type="Model",
        context_identifier="Body",
        target_view="MODEL_VIEW",
        parent=context,
    )
    site = run("root.create_entity", model, ifc_class="IfcSite", name="Site")
    building = run("root.create_entity", model, ifc_class="IfcBuilding", name="Building")
    run("aggregate.assign_object", model, products=[site], relating_object=project)
    run("aggregate.assign_object", model, products=[building], relating_object=site)
    concrete = run("material.add_material", model, name="Béton armé C25/30", category="concrete")
    insulation = run("material.add_material", model, name="Isolant laine minérale", category="insulation")
    layers = run("material.add_material_set", model, name="Mur béton 20 + isolant 10", set_type="IfcMaterialLayerSet")
    for material, thickness in ((concrete, 0.2), (insulation, 0.1)):
        layer = run("material.add_layer", model, layer_set=layers, material=material)
        run("material.edit_layer", model, layer=layer, attributes={"LayerThickness": thickness})
    column_type = run("root.create_entity", model, ifc_class="IfcColumnType", name="Poteau 30 x 30")
    column_body = run(
        "geometry.add_profile_representation",
        model,
        context=body,
        profile=model.createIfcRectangleProfileDef("AREA", "30x30", None, 0.3, 0.3),
        depth=HEIGHT,
    )
    run("geometry.assign_representation", model, product=column_type, representation=column_body)
    run("material.assign_material", model, products=[column_type], material=concrete)
    count = 0
    for level in range(storeys):
        storey = run("root.create_entity", model, ifc_class="IfcBuildingStorey", name=f"Niveau {level}")
        run("aggregate.assign_object", model, products=[storey], relating_object=building)
        z = level * HEIGHT
        placed, columns = [], []
        for index in range(min(per_storey, blocks - level * per_storey)):
            x, y = (index % 10) * BLOCK * 1.5, (index // 10) * BLOCK * 1.5
            placed += _block(model, run, body, layers, concrete, columns, x, y, z)
        if columns:
            run("type.assign_type", model, related_objects=columns, relating_type=column_type)
        if placed:
            model.createIfcRelContainedInSpatialStructure(ifcopenshell.guid.new(), None, None, None, placed, storey)
        count += len(placed)
    model.write(str(path))
    return count


def _place(model, product, matrix: np.ndarray) -> None:
    """An absolute placement from a 4x4 matrix, written directly: the api's placement editing
    re-reads every placement around it and makes a 100,000-element model quadratic to write."""
    point = model.createIfcCartesianPoint(tuple(float(v) for v in matrix[:3, 3]))
    axis = model.createIfcDirection(tuple(float(v) for v in matrix[:3, 2]))
    ref = model.createIfcDirection(tuple(float(v) for v in matrix[:3, 0]))
    product.ObjectPlacement = model.createIfcLocalPlacement(None, model.createIfcAxis2Placement3D(point, axis, ref))


def _matrix(x: float, y: float, z: float, angle: float = 0.0) -> np.ndarray:
    matrix = np.eye(4)
    matrix[:3, 3] = (x, y, z)
    c, s = math.cos(angle), math.sin(angle)
    matrix[:2, :2] = [[c, -s], [s, c]]
    return matrix


def _block(model, run, body, layers, concrete, columns, x, y, z) -> list:
    """The elements of one block, placed; its columns are added to ``columns`` (typed later)."""
    made = []
    walls = []
    for side in range(4):
        wall = run("root.create_entity", model, ifc_class="IfcWall", name=f"Mur {side + 1}")
        run("material.assign_material", model, products=[wall], type="IfcMaterialLayerSetUsage", material=layers)
        rep = run("geometry.add_wall_representation", model, context=body, length=BLOCK, height=HEIGHT, thickness=0.3)
        run("geometry.assign_representation", model, product=wall, representation=rep)
        corners = [(x, y), (x + BLOCK, y), (x + BLOCK, y + BLOCK), (x, y + BLOCK)]
        _place(model, wall, _matrix(*corners[side], z, angle=side * math.pi / 2))
        walls.append((wall, _matrix(*corners[side], z, angle=side * math.pi / 2)))
        made.append(wall)
    slab = run("root.create_entity", model, ifc_class="IfcSlab", name="Dalle", predefined_type="FLOOR")
    rep = run(
        "geometry.add_slab_representation",
        model,
        context=body,
        depth=0.2,
        polyline=[(0.0, 0.0), (BLOCK, 0.0), (BLOCK, BLOCK), (0.0, BLOCK)],
    )
    run("geometry.assign_representation", model, product=slab, representation=rep)
    run("material.assign_material", model, products=[slab], material=concrete)
    _place(model, slab, _matrix(x, y, z - 0.2))
    made.append(slab)
    for i, (dx, dy) in enumerate(((1, 1), (BLOCK - 1, 1), (BLOCK - 1, BLOCK - 1), (1, BLOCK - 1))):
        column = run("root.create_entity", model, ifc_class="IfcColumn", name=f"Poteau {i + 1}")
        _place(model, column, _matrix(x + dx, y + dy, z))
        columns.append(column)
        made.append(column)
    for (wall, matrix), (name, ifc_class, width, height, sill, at) in zip(
        walls[:3],
        (
            ("Porte", "IfcDoor", 1.0, 2.1, 0.0, 2.0),
            ("Fenêtre", "IfcWindow", 1.2, 1.25, 0.9, 3.0),
            ("Fenêtre", "IfcWindow", 1.2, 1.25, 0.9, 5.0),
        ),
    ):
        opening = run("root.create_entity", model, ifc_class="IfcOpeningElement", name=f"Baie {name}")
        rep = run("geometry.add_wall_representation", model, context=body, length=width, height=height, thickness=0.5)
        run("geometry.assign_representation", model, product=opening, representation=rep)
        placement = matrix.copy()
        placement[:3, 3] = (matrix @ np.array([at, -0.1, sill, 1.0]))[:3]
        _place(model, opening, placement)
        run("feature.add_feature", model, feature=opening, element=wall)
        filling = run("root.create_entity", model, ifc_class=ifc_class, name=name)
        rep = run("geometry.add_wall_representation", model, context=body, length=width, height=height, thickness=0.06)
        run("geometry.assign_representation", model, product=filling, representation=rep)
        fill = placement.copy()
        fill[:3, 3] = (matrix @ np.array([at, 0.12, sill, 1.0]))[:3]
        _place(model, filling, fill)
        run("feature.add_filling", model, opening=opening, element=filling)
        made.append(filling)
    return made


def measure(path: Path) -> dict:
    """bimquant on ``path`` in a fresh process: elements, seconds, peak memory (MB) of the
    process and of its largest geometry kernel child (forked: they share pages with it)."""
    code = (
        "import json, resource, time, bimquant\n"
        f"t = time.perf_counter(); r = bimquant.takeoff({str(path)!r}, cache=False)\n"
        "print(json.dumps({'elements': len(r.elements), 'failed': len(r.failures), "
        "'seconds': time.perf_counter() - t, "
        "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "
        "'kernel_peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_ifcfast(path: Path) -> dict | None:
    """ifcfast's ``mesh_qto`` on ``path`` in a fresh process (imports included, as bimquant's
    figure is not: both are timed from the open), or None when ifcfast is not installed."""
    code = (
        "import json, resource, time, ifcfast\n"
        f"t = time.perf_counter(); products, _ = ifcfast.open({str(path)!r}).mesh_qto()\n"
        "print(json.dumps({'elements': int(products['volume_m3'].notna().sum()), "
        "'seconds': time.perf_counter() - t, "
        "'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("elements", nargs="?", type=int, help="write one model of about this many elements")
    parser.add_argument("path", nargs="?", type=Path, help="where to write it (.ifc)")
    parser.add_argument("--scale", type=Path, metavar="FOLDER", help="write and measure the series in FOLDER")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    if args.scale is None:
        if args.elements is None or args.path is None:
            parser.error("give ELEMENTS PATH, or --scale FOLDER")
        started = time.perf_counter()
        count = write_model(args.elements, args.path)
        print(f"{args.path}: {count} elements written in {time.perf_counter() - started:.1f} s")
        return
    args.scale.mkdir(parents=True, exist_ok=True)
    print(
        f"{'elements':>9} {'written s':>9} {'measured':>9} {'failed':>6} {'seconds':>8} {'s/1000':>7} "
        f"{'peak MB':>8} {'kernel MB':>9} {'ifcfast s':>9} {'ifcfast MB':>10} {'ratio':>6}"
    )
    for size in args.sizes:
        path = args.scale / f"synthetic-{size}.ifc"
        started = time.perf_counter()
        count = write_model(size, path)
        written = time.perf_counter() - started
        m = measure(path)
        peer = measure_ifcfast(path)
        per = 1000 * m["seconds"] / max(m["elements"], 1)
        versus = (
            f"{peer['seconds']:9.2f} {peer['peak_mb']:10.0f} {m['seconds'] / peer['seconds']:6.2f}"
            if peer
            else f"{'(not installed: pip install .[bench])':>27}"
        )
        print(
            f"{count:9d} {written:9.1f} {m['elements']:9d} {m['failed']:6d} {m['seconds']:8.2f} {per:7.2f} "
            f"{m['peak_mb']:8.0f} {m['kernel_peak_mb']:9.0f} {versus}",
            flush=True,
        )


if __name__ == "__main__":
    main()
