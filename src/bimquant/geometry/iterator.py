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
import threading
from collections.abc import Callable

import ifcopenshell
import ifcopenshell.geom
import ifcopenshell.util.unit

from bimquant.geometry.parametric import get_parametric_shape
from bimquant.geometry.shape import MANIFOLD_CIRCLE_SEGMENTS

from bimquant.geometry.shape import Shape, make_shape
from bimquant.messages import Message

log = logging.getLogger(__name__)

FAST_KERNEL = "manifold"
SAFE_KERNEL = "opencascade"
# manifold widens each opening by precision x factor on every side (3e-5 m by default, 6e-5
# relative on a 5 m wall): a smaller factor keeps it below 1e-9 relative.
MANIFOLD_PRECISION_FACTOR = 1e-5

ProgressCallback = Callable[[int, int], None]


class Counter:
    """Counts shapes as they arrive and reports ``progress(done, total)``."""

    def __init__(self, total: int, progress: ProgressCallback | None):
        self.total, self.done, self.progress = total, 0, progress

    def step(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def start(
    ifc: ifcopenshell.file,
    products: list,
    library: str,
    openings: bool,
    threads: int,
    counter: Counter,
    orient: bool = True,
    parametric: bool = False,
) -> Meshing:
    """Start meshing ``products`` with one kernel in forked child processes: the children are
    forked now, from the calling thread; after ``listen()``, a thread of this process receives
    their shapes while the caller goes on (reading the model's properties, say).
    ``finish(crashed)`` waits and returns the shapes by step id, appending to ``crashed`` the
    step ids of elements on which the kernel crashed (each found alone by bisection).
    ``orient``: see :func:`~bimquant.geometry.shape.make_shape`.

    OpenCASCADE's booleans scale poorly over the iterator's threads, so it runs as one
    single-threaded child per thread, each with a share of the elements balanced by their
    number of openings. Where ``fork`` is not available the kernel runs in this process.
    ``parametric``: bodies :mod:`bimquant.geometry.parametric` builds are built, not meshed."""
    products = list(products)
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        context = None
    if not products or context is None:
        shapes = {}
        for pid, shape in _shapes_all(ifc, products, library, openings, threads, orient, parametric):
            if shape is not None:
                shapes[pid] = shape
            counter.step()
        return Meshing(ifc, [], library, openings, counter, orient, parametric, shapes)
    if library == SAFE_KERNEL and threads > 1 and len(products) > 1:
        chunks, child_threads = _balanced(products, threads), 1
    else:
        chunks, child_threads = [products], threads
    children = []
    for chunk in chunks:
        receiver, sender = context.Pipe(duplex=False)
        _PARENT[0] = os.getpid()
        child = context.Process(
            target=_child,
            args=(ifc, chunk, library, openings, child_threads, orient, parametric, sender),
            daemon=True,
        )
        child.start()
        sender.close()
        children.append((receiver, child, chunk))
    return Meshing(ifc, children, library, openings, counter, orient, parametric)


class Meshing:
    """Children meshing in the background (see :func:`start`)."""

    def __init__(self, ifc, children, library, openings, counter, orient, parametric, shapes=None):
        self.ifc, self.children, self.library, self.openings = ifc, children, library, openings
        self.counter, self.orient, self.parametric = counter, orient, parametric
        self.shapes: dict[int, Shape] = dict(shapes or {})
        self.finished: set = set()
        self.thread = None

    def listen(self) -> None:
        """Receive the shapes in a thread of this process from now on, so that the caller can go
        on. Call it once every child of the run is forked: a fork while a thread holds a lock
        (the progress bar's) would hand the child that lock, held forever."""
        if self.children and self.thread is None:
            self.thread = threading.Thread(target=self._receive, name="bimquant-geometry", daemon=True)
            self.thread.start()

    def _receive(self) -> None:
        open_receivers = {receiver for receiver, _, _ in self.children}
        while open_receivers:
            for receiver in multiprocessing.connection.wait(list(open_receivers)):
                try:
                    message = receiver.recv()
                except (EOFError, OSError):
                    open_receivers.discard(receiver)
                    continue
                if message is None:
                    self.finished.add(receiver)
                    open_receivers.discard(receiver)
                    continue
                pid, shape = message
                if shape is not None:
                    self.shapes[pid] = shape
                self.counter.step()

    def finish(self, crashed: list[int]) -> dict[int, Shape]:
        """Wait for every child; mesh again, by halves, what a crashed child had not sent.
        Interrupted while waiting (Ctrl-C, SIGTERM), it stops the children and its receiving
        thread before the interruption goes on: no thread is left reading a pipe while the
        interpreter shuts down (that ends in a segmentation fault)."""
        try:
            if self.thread is not None:
                self.thread.join()
            elif self.children:
                self._receive()  # nobody listened in the background: receive here
        except BaseException:
            self.cancel()
            raise
        shapes = self.shapes
        left = []
        for receiver, child, chunk in self.children:
            receiver.close()
            child.join()
            if receiver not in self.finished or child.exitcode != 0:
                rest = [p for p in chunk if p.id() not in shapes]
                log.info(
                    "%s kernel stopped (exit code %s) with %d elements left", self.library, child.exitcode, len(rest)
                )
                left += rest
        if not left:
            return shapes
        if len(left) == 1:
            log.warning(
                Message(
                    "log.kernel_crashed", library=self.library, ifc_class=left[0].is_a(), global_id=left[0].GlobalId
                )
            )
            crashed.append(left[0].id())
            return shapes
        half = len(left) // 2
        for part in (left[:half], left[half:]):
            again = start(self.ifc, part, self.library, self.openings, 1, self.counter, self.orient, self.parametric)
            shapes.update(again.finish(crashed))
        return shapes

    def cancel(self) -> None:
        """Stop the children (the caller no longer wants their shapes)."""
        for _receiver, child, _ in self.children:
            if child.is_alive():
                child.kill()
        if self.thread is not None:
            self.thread.join()
        for receiver, child, _ in self.children:
            receiver.close()
            child.join()


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


def _child(ifc, products, library, openings, threads, orient, parametric, sender) -> None:
    """Mesh in a forked child, and make each mesh a :class:`Shape` here (closed? facing
    outwards?), so the parent only receives. It never prints: a kernel crash is expected and handled by the
    parent (no stack dump), an exception ends the child quietly (its elements are meshed again
    or reported by the parent), and Ctrl-C is the parent's to handle."""
    faulthandler.disable()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is the parent's
    die_with_parent()
    try:
        for pid, shape in _shapes_all(ifc, products, library, openings, threads, orient, parametric):
            sender.send((pid, shape))
        sender.send(None)
    except Exception:  # noqa: BLE001  (the parent sees the child stop and handles what is left)
        os._exit(3)
    finally:
        sender.close()


def _shapes_all(ifc, products, library, openings, threads, orient, parametric):
    """Yield ``(step id, Shape or None)`` for every product: built from its parameters where
    ``parametric`` and :mod:`~bimquant.geometry.parametric` can, else meshed by the kernel."""
    if parametric:
        memo: dict = {}
        scale = ifcopenshell.util.unit.calculate_unit_scale(ifc, "LENGTHUNIT")
        rest = []
        for product in products:
            shape = get_parametric_shape(product, scale, memo)
            if shape is None:
                rest.append(product)
            else:
                yield product.id(), shape
        products = rest
    if products:
        for pid, vertices, faces in _mesh_all(ifc, products, library, openings, threads):
            yield pid, make_shape(vertices, faces, library, orient)


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
