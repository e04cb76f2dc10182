"""Triangulate element bodies with ifcopenshell's geometry iterator, fast and checked.

Kernel policy ``"auto"``: the ``manifold`` kernel meshes most elements about ten times faster
than OpenCASCADE, but gives wrong volumes for boolean clippings, widens openings by about
3e-7 m and can leave open meshes on messy B-reps. So ``auto`` sends elements whose body holds
a boolean operation, and hosts of openings, straight to OpenCASCADE, meshes the rest with
manifold, and re-meshes with OpenCASCADE every element that manifold did not produce or
produced as an open surface. ``"opencascade"`` and ``"manifold"`` use one kernel for all.
"""

from __future__ import annotations

import faulthandler
import logging
import multiprocessing
import multiprocessing.connection
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ifcopenshell
import ifcopenshell.geom
import numpy as np

from bimquant.quantities import mesh

log = logging.getLogger(__name__)

KERNELS = ("auto", "opencascade", "manifold")
FAST_KERNEL = "manifold"
SAFE_KERNEL = "opencascade"
MANIFOLD_PRECISION_FACTOR = 1e-5
SURFACE_MODELS = {"IfcFaceBasedSurfaceModel", "IfcShellBasedSurfaceModel"}
MANIFOLD_CIRCLE_SEGMENTS = 256

Progress = Callable[[int, int], None]


@dataclass
class Shape:
    """One element's triangulated body in world coordinates (metres)."""

    vertices: np.ndarray  # (n, 3) float
    faces: np.ndarray  # (m, 3) int
    kernel: str
    closed: bool


def get_shapes(
    ifc: ifcopenshell.file,
    products: list,
    *,
    openings: bool = True,
    kernel: str = "auto",
    threads: int | None = None,
    progress: Progress | None = None,
) -> tuple[dict[int, Shape], dict[int, str]]:
    """Mesh ``products``; return ``(shapes by step id, failure reason by step id)``.

    ``openings=False`` meshes bodies without subtracting their openings (gross geometry).
    ``progress(done, total)`` is called as shapes arrive.
    """
    if kernel not in KERNELS:
        raise ValueError(f"unknown geometry kernel {kernel!r}; choose one of {', '.join(KERNELS)}")
    threads = threads or os.cpu_count() or 1
    total = len(products)
    counter = _Counter(total, progress)
    crashed: list[int] = []
    if kernel != "auto":
        shapes = _iterate(ifc, products, kernel, openings, threads, counter, crashed)
        return shapes, _failures(products, shapes, crashed)

    risky = [p for p in products if has_boolean_body(p) or (openings and getattr(p, "HasOpenings", None))]
    risky_ids = {p.id() for p in risky}
    fast = [p for p in products if p.id() not in risky_ids]
    shapes = _iterate(ifc, fast, FAST_KERNEL, openings, threads, counter, crashed=[])
    # an open surface body (a surface model: RPC trees, furniture) stays open in any kernel
    retry = risky + [p for p in fast if p.id() not in shapes or not (shapes[p.id()].closed or has_surface_body(p))]
    counter.total += len(retry) - len(risky)
    for pid, shape in _iterate(ifc, retry, SAFE_KERNEL, openings, threads, counter, crashed).items():
        if shape.closed or pid not in shapes:
            shapes[pid] = shape
    return shapes, _failures(products, shapes, crashed)


def _failures(products: list, shapes: dict[int, Shape], crashed: list[int]) -> dict[int, str]:
    crashed_ids = set(crashed)
    return {
        p.id(): ("the geometry kernel crashed on this element's body" if p.id() in crashed_ids else diagnose(p))
        for p in products
        if p.id() not in shapes
    }


def has_boolean_body(product) -> bool:
    """True when the product's body uses a boolean operation (clipping, difference, union)."""
    shape = getattr(product, "Representation", None)
    if not shape:
        return False
    return any(_has_boolean(item) for rep in shape.Representations or () for item in rep.Items or ())


def has_surface_body(product) -> bool:
    """True when the product's body is only surface models, not solids: it cannot enclose a volume."""
    shape = getattr(product, "Representation", None)
    items = [_unmapped(item) for rep in (shape.Representations if shape else ()) for item in rep.Items or ()]
    flat = [i for group in items for i in group]
    return bool(flat) and all(i.is_a() in SURFACE_MODELS for i in flat)


def _unmapped(item) -> list:
    if item.is_a("IfcMappedItem"):
        return [i for sub in item.MappingSource.MappedRepresentation.Items or () for i in _unmapped(sub)]
    return [item]


def _has_boolean(item) -> bool:
    if item.is_a("IfcBooleanResult"):
        return True
    if item.is_a("IfcMappedItem"):
        return any(_has_boolean(i) for i in item.MappingSource.MappedRepresentation.Items or ())
    return False


class _Counter:
    def __init__(self, total: int, progress: Progress | None):
        self.total, self.done, self.progress = total, 0, progress

    def step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def diagnose(product) -> str:
    """One line saying why a body could not be meshed, from what its items visibly lack."""
    shape = getattr(product, "Representation", None)
    reps = [
        r
        for r in (shape.Representations if shape else ())
        if r.RepresentationIdentifier in (None, "", "Body", "Facetation")
    ]
    if not reps:
        return "no body representation the geometry kernel could use"
    for rep in reps:
        if not rep.Items:
            return f"body representation #{rep.id()} has no items"
        for item in rep.Items:
            problem = _item_problem(item)
            if problem:
                return f"geometry kernel produced no shape: {problem}"
    types = ", ".join(sorted({item.is_a() for rep in reps for item in rep.Items}))
    return f"geometry kernel produced no shape from its body ({types})"


def _item_problem(item) -> str | None:
    if item.is_a("IfcExtrudedAreaSolid"):
        if not item.Depth or item.Depth <= 0:
            return f"{item.is_a()} #{item.id()} has depth {item.Depth}"
        profile = item.SweptArea
        for attr in ("XDim", "YDim", "Radius"):
            value = getattr(profile, attr, None) if profile.is_a() != "IfcArbitraryClosedProfileDef" else None
            if value is not None and value <= 0:
                return f"profile #{profile.id()} of {item.is_a()} #{item.id()} has {attr} {value}"
    if item.is_a("IfcFacetedBrep") and not item.Outer.CfsFaces:
        return f"IfcFacetedBrep #{item.id()} has no faces"
    if item.is_a("IfcMappedItem"):
        for sub in item.MappingSource.MappedRepresentation.Items or ():
            problem = _item_problem(sub)
            if problem:
                return problem
    return None


def _iterate(
    ifc, products: Iterable, library: str, openings: bool, threads: int, counter: _Counter, crashed: list | None = None
) -> dict[int, Shape]:
    """Mesh ``products`` with one kernel in forked child processes.

    A geometry kernel can crash the whole process on a bad body (a segmentation fault cannot be
    caught). Each child streams shapes back as they come. If one dies and ``crashed`` is None,
    what it had not sent is left to the caller; otherwise that rest is split in halves and
    meshed again until the crashing elements stand alone, and those are appended to ``crashed``.
    OpenCASCADE's booleans scale poorly over the iterator's threads, so it runs as one
    single-threaded child per thread, each with a share of the elements balanced by their
    number of openings. Where ``fork`` is not available the kernel runs in this process.
    """
    products = list(products)
    if not products:
        return {}
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return _iterate_here(ifc, products, library, openings, threads, counter.step)
    if library == SAFE_KERNEL and threads > 1 and len(products) > 1:
        chunks, child_threads = _balanced(products, threads), 1
    else:
        chunks, child_threads = [products], threads
    children = []
    for chunk in chunks:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(ifc, chunk, library, openings, child_threads, sender), daemon=True)
        child.start()
        sender.close()
        children.append((receiver, child, chunk))
    shapes: dict[int, Shape] = {}
    finished: set = set()
    open_receivers = {receiver for receiver, _, _ in children}
    while open_receivers:
        for receiver in multiprocessing.connection.wait(list(open_receivers)):
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                open_receivers.discard(receiver)
                continue
            if message is None:
                finished.add(receiver)
                open_receivers.discard(receiver)
                continue
            pid, vertices, faces = message
            vertices = np.frombuffer(vertices, dtype=np.float64).reshape(-1, 3)
            faces = np.frombuffer(faces, dtype=np.int32).reshape(-1, 3)
            if len(faces):  # an empty body counts as no shape
                shapes[pid] = Shape(vertices, faces, library, mesh.is_closed(vertices, faces))
            counter.step()
    left = []
    for receiver, child, chunk in children:
        receiver.close()
        child.join()
        if receiver not in finished or child.exitcode != 0:
            rest = [p for p in chunk if p.id() not in shapes]
            log.warning("%s kernel stopped (exit code %s) with %d elements left", library, child.exitcode, len(rest))
            left += rest
    if not left or crashed is None:  # crashed is None: the caller meshes what is left with another kernel
        return shapes
    if len(left) == 1:
        crashed.append(left[0].id())
        return shapes
    half = len(left) // 2
    for part in (left[:half], left[half:]):
        shapes.update(_iterate(ifc, part, library, openings, 1, counter, crashed))
    return shapes


def _balanced(products: list, parts: int) -> list[list]:
    """Split products in ``parts`` lists of similar cost (openings to cut + 1), largest first."""
    cost = {p.id(): 1 + len(getattr(p, "HasOpenings", None) or ()) for p in products}
    chunks: list[list] = [[] for _ in range(min(parts, len(products)))]
    loads = [0] * len(chunks)
    for product in sorted(products, key=lambda p: -cost[p.id()]):
        i = loads.index(min(loads))
        chunks[i].append(product)
        loads[i] += cost[product.id()]
    return chunks


def _child(ifc, products, library, openings, threads, sender) -> None:
    faulthandler.disable()  # a kernel crash here is expected and handled: no stack dump on stderr
    try:
        for pid, vertices, faces in _mesh_all(ifc, products, library, openings, threads):
            sender.send((pid, vertices, faces))
        sender.send(None)
    finally:
        sender.close()


def _iterate_here(ifc, products, library, openings, threads, step) -> dict[int, Shape]:
    shapes: dict[int, Shape] = {}
    for pid, vertices, faces in _mesh_all(ifc, products, library, openings, threads):
        v = np.frombuffer(vertices, dtype=np.float64).reshape(-1, 3)
        f = np.frombuffer(faces, dtype=np.int32).reshape(-1, 3)
        if len(f):
            shapes[pid] = Shape(v, f, library, mesh.is_closed(v, f))
        step()
    return shapes


def _mesh_all(ifc, products, library, openings, threads):
    """Yield ``(step id, vertex bytes, face bytes)`` for every shape the kernel produces."""
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    settings.set("no-normals", True)
    settings.set("apply-default-materials", False)
    settings.set("disable-opening-subtractions", not openings)
    if library == FAST_KERNEL:
        # manifold widens each opening by precision x factor on every side (3e-5 m by default,
        # 6e-5 relative on a 5 m wall): a smaller factor keeps it below 1e-9 relative.
        settings.set("precision-factor", MANIFOLD_PRECISION_FACTOR)
        # its default drops the intermediate points of short arcs (profile fillets): 0.3% of
        # a steel beam's volume on SteelOpenings_IFC4.ifc; this many per circle matches OCC.
        settings.set("circle-segments", MANIFOLD_CIRCLE_SEGMENTS)
    iterator = ifcopenshell.geom.iterator(settings, ifc, threads, include=products, geometry_library=library)
    if not iterator.initialize():
        return
    while True:
        item = iterator.get()
        geometry = item.geometry
        yield item.id, bytes(geometry.verts_buffer), bytes(geometry.faces_buffer)
        if not iterator.next():
            break
