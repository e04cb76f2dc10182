"""Run ifcopenshell's geometry iterator in forked child processes, so a kernel crash loses nothing.

A geometry kernel can crash the whole process on a bad body (a segmentation fault cannot be
caught). Each child streams shapes back as they come; when one dies, what it had not sent is
split in halves and meshed again until the crashing elements stand alone. Which kernel meshes
which element is decided in :mod:`bimquant.geometry.policy`.
"""

from __future__ import annotations

import ctypes
import faulthandler
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
from collections.abc import Callable

import ifcopenshell
import ifcopenshell.geom

from bimquant.geometry.shape import Shape, make_shape
from bimquant.messages import Message

log = logging.getLogger(__name__)

FAST_KERNEL = "manifold"
SAFE_KERNEL = "opencascade"
# manifold widens each opening by precision x factor on every side (3e-5 m by default, 6e-5
# relative on a 5 m wall): a smaller factor keeps it below 1e-9 relative.
MANIFOLD_PRECISION_FACTOR = 1e-5
# manifold's default drops the intermediate points of short arcs (profile fillets): 0.3% of a
# steel beam's volume on SteelOpenings_IFC4.ifc; this many per circle matches OpenCASCADE.
MANIFOLD_CIRCLE_SEGMENTS = 256

ProgressCallback = Callable[[int, int], None]


class Counter:
    """Counts shapes as they arrive and reports ``progress(done, total)``."""

    def __init__(self, total: int, progress: ProgressCallback | None):
        self.total, self.done, self.progress = total, 0, progress

    def step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def iterate(
    ifc: ifcopenshell.file,
    products: list,
    library: str,
    openings: bool,
    threads: int,
    counter: Counter,
    crashed: list[int],
    orient: bool = True,
) -> dict[int, Shape]:
    """Mesh ``products`` with one kernel in forked child processes; return shapes by step id.
    ``orient``: see :func:`~bimquant.geometry.shape.make_shape`.

    The step ids of elements on which the kernel crashed (each found alone by bisection) are
    appended to ``crashed``. OpenCASCADE's booleans scale poorly over the iterator's threads, so it runs as one
    single-threaded child per thread, each with a share of the elements balanced by their
    number of openings. Where ``fork`` is not available the kernel runs in this process.
    """
    products = list(products)
    if not products:
        return {}
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        return _iterate_here(ifc, products, library, openings, threads, counter, orient)
    if library == SAFE_KERNEL and threads > 1 and len(products) > 1:
        chunks, child_threads = _balanced(products, threads), 1
    else:
        chunks, child_threads = [products], threads
    children = []
    for chunk in chunks:
        receiver, sender = context.Pipe(duplex=False)
        _PARENT[0] = os.getpid()
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
            shape = make_shape(vertices, faces, library, orient)
            if shape is not None:
                shapes[pid] = shape
            counter.step()
    left = []
    for receiver, child, chunk in children:
        receiver.close()
        child.join()
        if receiver not in finished or child.exitcode != 0:
            rest = [p for p in chunk if p.id() not in shapes]
            log.info("%s kernel stopped (exit code %s) with %d elements left", library, child.exitcode, len(rest))
            left += rest
    if not left:
        return shapes
    if len(left) == 1:
        log.warning(
            Message("log.kernel_crashed", library=library, ifc_class=left[0].is_a(), global_id=left[0].GlobalId)
        )
        crashed.append(left[0].id())
        return shapes
    half = len(left) // 2
    for part in (left[:half], left[half:]):
        shapes.update(iterate(ifc, part, library, openings, 1, counter, crashed, orient))
    return shapes


def die_with_parent(parent: int | None = None) -> None:
    """Make this forked child end when its parent ends, however it ends (``kill -9`` included):
    on Linux the kernel sends it SIGKILL (``PR_SET_PDEATHSIG``); if the parent is already gone
    (it died before this call), end now. A child left behind would block forever on a pipe whose
    reading end its siblings still hold, and keep the caller's stdout and stderr open."""
    parent = parent if parent is not None else _PARENT[0]
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the parent's end shows as a closed pipe instead
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(3)


PR_SET_PDEATHSIG = 1
_PARENT: list[int | None] = [None]  # the pid of the process that forks, set just before it does


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
    """Mesh in a forked child. It never prints: a kernel crash is expected and handled by the
    parent (no stack dump), an exception ends the child quietly (its elements are meshed again
    or reported by the parent), and Ctrl-C is the parent's to handle."""
    faulthandler.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is the parent's
    die_with_parent()
    try:
        for pid, vertices, faces in _mesh_all(ifc, products, library, openings, threads):
            sender.send((pid, vertices, faces))
        sender.send(None)
    except Exception:  # noqa: BLE001  (the parent sees the child stop and handles what is left)
        os._exit(3)
    finally:
        sender.close()


def _iterate_here(ifc, products, library, openings, threads, counter: Counter, orient: bool) -> dict[int, Shape]:
    shapes: dict[int, Shape] = {}
    for pid, vertices, faces in _mesh_all(ifc, products, library, openings, threads):
        shape = make_shape(vertices, faces, library, orient)
        if shape is not None:
            shapes[pid] = shape
        counter.step()
    return shapes


def _mesh_all(ifc, products, library, openings, threads):
    """Yield ``(step id, vertex bytes, face bytes)`` for every shape the kernel produces."""
    settings = ifcopenshell.geom.settings()
    settings.set("use-world-coords", True)
    settings.set("no-normals", True)
    settings.set("apply-default-materials", False)
    settings.set("disable-opening-subtractions", not openings)
    if library == FAST_KERNEL:
        settings.set("precision-factor", MANIFOLD_PRECISION_FACTOR)
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
