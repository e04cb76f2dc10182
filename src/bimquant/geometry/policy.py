"""Which kernel meshes which element, and why an element could not be meshed.

Kernel policy ``"auto"``: the ``manifold`` kernel meshes most elements about ten times faster
than OpenCASCADE, but gives wrong volumes for boolean clippings (and for some profiles drawn
with arcs: ``takeoff`` checks every mesh against the exact volume of its body), widens openings
by about 3e-7 m and can leave open meshes on messy B-reps. So ``auto`` sends elements whose
body holds a boolean operation, and hosts of openings, straight to OpenCASCADE, meshes the rest with
manifold, and re-meshes with OpenCASCADE every element that manifold did not produce or
produced as an open surface. ``"opencascade"`` and ``"manifold"`` use one kernel for all.

Example::

    >>> shapes, failures = get_shapes(model.file, [wall.id() for wall in model.file.by_type("IfcWall")])
"""

from __future__ import annotations

import logging
import os

import ifcopenshell

from bimquant.geometry.iterator import FAST_KERNEL, SAFE_KERNEL, Counter, ProgressCallback, start
from bimquant.geometry.shape import Shape
from bimquant.messages import Message

log = logging.getLogger(__name__)

KERNELS = ("auto", SAFE_KERNEL, FAST_KERNEL)
SURFACE_MODELS = {"IfcFaceBasedSurfaceModel", "IfcShellBasedSurfaceModel"}


def get_shapes(ifc: ifcopenshell.file, step_ids: list[int], **options) -> tuple[dict[int, Shape], dict[int, str]]:
    """Mesh the products with these step ids; return ``(shapes by step id, failure reason by
    step id)``. The options are :func:`start_shapes`'s; this waits for the result."""
    return start_shapes(ifc, step_ids, **options).result()


def start_shapes(
    ifc: ifcopenshell.file,
    step_ids: list[int],
    *,
    openings: bool = True,
    kernel: str = "auto",
    threads: int | None = None,
    progress: ProgressCallback | None = None,
    orient: bool = True,
) -> PendingShapes:
    """Start meshing the products with these step ids in the background: the kernels mesh while
    the caller goes on; ``result()`` returns ``(shapes by step id, failure reason by step id)``,
    ``cancel()`` stops them.

    ``openings=False`` meshes bodies without subtracting their openings (gross geometry).
    ``progress(done, total)`` is called as shapes arrive. ``orient=False``: closed bodies keep
    their faces as the kernel wrote them (meshes drawn, never measured; faster).
    """
    if kernel not in KERNELS:
        raise ValueError(Message("error.geometry.unknown_kernel", kernel=repr(kernel), kernels=", ".join(KERNELS)))
    products = [ifc.by_id(i) for i in step_ids]
    threads = threads or os.cpu_count() or 1
    counter = Counter(len(products), progress)
    if kernel != "auto":
        return PendingShapes(ifc, products, kernel, openings, threads, counter, orient, [], [], auto=False)
    risky = [p for p in products if has_boolean_body(p) or (openings and getattr(p, "HasOpenings", None))]
    risky_ids = {p.id() for p in risky}
    fast = [p for p in products if p.id() not in risky_ids]
    return PendingShapes(ifc, products, FAST_KERNEL, openings, threads, counter, orient, fast, risky, auto=True)


class PendingShapes:
    """Kernels meshing in the background (see :func:`start_shapes`).

    With ``auto``, the fast kernel meshes the plain bodies and OpenCASCADE the boolean ones
    side by side; when both are done, OpenCASCADE meshes again what the fast kernel did not
    produce or left open."""

    def __init__(self, ifc, products, kernel, openings, threads, counter, orient, fast, risky, auto):
        self.ifc, self.products, self.kernel, self.openings = ifc, products, kernel, openings
        self.step_ids = [p.id() for p in products]
        self.threads, self.counter, self.orient, self.fast = threads, counter, orient, fast
        self.auto = auto
        # with auto, what the fast kernel would mesh is built from its parameters where it can be
        self.running = [start(ifc, fast if auto else products, kernel, openings, threads, counter, orient, auto)]
        if risky:  # clipped bodies are cut by manifold3d first, when openings are not asked for
            clip = auto and not openings
            self.running.append(start(ifc, risky, SAFE_KERNEL, openings, threads, counter, orient, clip))
        for meshing in self.running:  # every child forked: the receiving threads may start
            meshing.listen()

    def result(self) -> tuple[dict[int, Shape], dict[int, str]]:
        crashed: list[int] = []
        if not self.auto:
            shapes = self.running[0].finish(crashed)
            return _without_problems(shapes, _failures(self.products, shapes, crashed))
        shapes = self.running[0].finish([])
        safe = self.running[1].finish(crashed) if len(self.running) > 1 else {}
        # an open surface body (a surface model: RPC trees, furniture) stays open in any kernel
        retry = [p for p in self.fast if p.id() not in shapes or not (shapes[p.id()].closed or has_surface_body(p))]
        if retry:
            log.info(
                "%d element(s) the %s kernel left missing or open: meshed again with %s",
                len(retry),
                FAST_KERNEL,
                SAFE_KERNEL,
            )
            self.counter.total += len(retry)
            again = start(self.ifc, retry, SAFE_KERNEL, self.openings, self.threads, self.counter, self.orient)
            safe_retry = again.finish(crashed)
            for pid, shape in safe_retry.items():
                if shape.closed or pid not in shapes:
                    shapes[pid] = shape
        shapes.update(safe)
        return _without_problems(shapes, _failures(self.products, shapes, crashed))

    def cancel(self) -> None:
        for meshing in self.running:
            meshing.cancel()


def _without_problems(shapes: dict[int, Shape], failures: dict[int, str]) -> tuple[dict[int, Shape], dict[int, str]]:
    """Bodies the geometry stage cannot hand on (a broken coordinate) become failures with why."""
    for pid in [pid for pid, shape in shapes.items() if shape.problem]:
        failures[pid] = shapes.pop(pid).problem
    return shapes, failures


def _failures(products: list, shapes: dict[int, Shape], crashed: list[int]) -> dict[int, str]:
    crashed_ids = set(crashed)
    failures = {}
    for p in products:
        if p.id() in shapes:
            continue
        failures[p.id()] = Message("geometry.crashed") if p.id() in crashed_ids else diagnose(p)
        log.info("%s %s could not be meshed: %s", p.is_a(), p.GlobalId, failures[p.id()])
    return failures


def has_boolean_body(product) -> bool:
    """True when the product's body uses a boolean operation (clipping, difference, union)."""
    shape = getattr(product, "Representation", None)
    if not shape:
        return False
    return any(_has_boolean(item) for rep in shape.Representations or () for item in rep.Items or ())


def describe_body(product) -> list[str]:
    """What the product's body is made of, one entry per kind of item (mapped items opened):
    ``["IfcExtrudedAreaSolid of IfcCircleProfileDef", "IfcFacetedBrep"]``."""
    shape = getattr(product, "Representation", None)
    kinds = set()
    for rep in shape.Representations if shape else ():
        if rep.RepresentationIdentifier in (None, "", "Body", "Facetation"):
            for item in rep.Items or ():
                for leaf in _unmapped(item):
                    profile = getattr(leaf, "SweptArea", None)
                    kinds.add(f"{leaf.is_a()} of {profile.is_a()}" if profile is not None else leaf.is_a())
    return sorted(kinds)


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


def diagnose(product) -> str:
    """One line saying why a body could not be meshed, from what its items visibly lack."""
    try:
        return _diagnose(product)
    except Exception:  # noqa: BLE001  (a body damaged past reading: the reason stays general)
        return Message("geometry.unreadable")


def _diagnose(product) -> str:
    shape = getattr(product, "Representation", None)
    reps = [
        r
        for r in (shape.Representations if shape else ())
        if r.RepresentationIdentifier in (None, "", "Body", "Facetation")
    ]
    if not reps:
        return Message("geometry.no_usable_body")
    for rep in reps:
        if not rep.Items:
            return Message("geometry.no_items", id=rep.id())
        for item in rep.Items:
            problem = _item_problem(item)
            if problem:
                return Message("geometry.no_shape", problem=problem)
    types = ", ".join(sorted({item.is_a() for rep in reps for item in rep.Items}))
    return Message("geometry.no_shape_from", types=types)


def _item_problem(item) -> str | None:
    if item.is_a("IfcExtrudedAreaSolid"):
        if not item.Depth or item.Depth <= 0:
            return Message("geometry.depth", cls=item.is_a(), id=item.id(), depth=item.Depth)
        profile = item.SweptArea
        if profile is None:
            return Message("geometry.no_profile", cls=item.is_a(), id=item.id())
        for attr in ("XDim", "YDim", "Radius"):
            value = getattr(profile, attr, None) if profile.is_a() != "IfcArbitraryClosedProfileDef" else None
            if value is not None and value <= 0:
                return Message(
                    "geometry.profile_dimension",
                    profile=profile.id(),
                    cls=item.is_a(),
                    id=item.id(),
                    attr=attr,
                    value=value,
                )
    if item.is_a("IfcFacetedBrep") and not item.Outer.CfsFaces:
        return Message("geometry.no_faces", id=item.id())
    if item.is_a("IfcMappedItem"):
        for sub in item.MappingSource.MappedRepresentation.Items or ():
            problem = _item_problem(sub)
            if problem:
                return problem
    return None
