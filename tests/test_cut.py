"""Openings cut with manifold3d (issue 11): exact on boxes a person can check, without the
zero-thickness skins a boolean leaves where faces touch."""

from __future__ import annotations

import numpy as np
import pytest

from bimquant.geometry.cut import KERNEL, cut_openings
from bimquant.geometry.shape import make_shape
from bimquant.quantities import mesh
from conftest import box


def shape(*boxes):
    """One shape of one or more boxes (an opening made of several items)."""
    vertices, faces = [], []
    for v, f in boxes:
        faces.append(f + sum(len(x) for x in vertices))
        vertices.append(v)
    v, f = np.vstack(vertices), np.vstack(faces).astype(np.int32)
    return make_shape(v.tobytes(), f.tobytes(), "test")


def measures(s):
    t = mesh.get_triangles(s.vertices, s.faces)
    normals, areas = mesh.get_face_normals_areas(t)
    return mesh.get_volume(t), areas[normals[:, 1] > 0.99].sum(), areas.sum()


# A wall 5 m long (x), 0.2 m thick (y), 3 m high, far from the origin like a real model's.
X, Y = 1000.0, 2000.0
WALL = box(X, Y, 0, X + 5, Y + 0.2, 3)


@pytest.mark.parametrize(
    "opening, volume, face, surface",
    [
        # a 1 x 2 door flush with both faces and the floor: 3 - 0.4 m3; face 15 - 2;
        # surface 2 x 13 + top 5 x 0.2 + bottom (5 - 1) x 0.2 + ends 2 x 3 x 0.2 + reveals (2 + 2 + 1) x 0.2
        ([box(X + 1, Y, 0, X + 2, Y + 0.2, 2)], 3 - 0.4, 13, 26 + 1 + 0.8 + 1.2 + 1.0),
        # the same door, its box 1e-8 m short of each face (an exporter's rounding)
        ([box(X + 1, Y + 1e-8, 0, X + 2, Y + 0.2 - 1e-8, 2)], 3 - 0.4, 13, 26 + 1 + 0.8 + 1.2 + 1.0),
        # the door as two boxes meeting mid-wall (two items of one opening)
        ([box(X + 1, Y - 0.1, 0, X + 2, Y + 0.1, 2), box(X + 1, Y + 0.1, 0, X + 2, Y + 0.3, 2)], 3 - 0.4, 13, 30.0),
    ],
    ids=["flush", "short by 1e-8", "two items"],
)
def test_an_opening_is_cut_exactly_without_skins(opening, volume, face, surface):
    host = shape(WALL)
    net, uncut = cut_openings({1: host}, {1: [shape(*opening)]})

    assert uncut == [] and net[1].kernel == KERNEL and net[1].closed
    got = measures(net[1])
    assert got == pytest.approx((volume, face, surface), rel=1e-9)


def test_an_opening_beside_the_wall_leaves_it_whole():
    host = shape(WALL)
    net, _ = cut_openings({1: host}, {1: [shape(box(X + 5, Y, 0, X + 6, Y + 0.2, 2))]})  # touching its end

    assert measures(net[1]) == pytest.approx(measures(host), rel=1e-12)


def test_a_host_that_cannot_be_cut_here_is_left_to_the_caller():
    v, f = box(X + 1, Y, 0, X + 2, Y + 0.2, 2)
    open_opening = make_shape(v.tobytes(), f[:-2].astype(np.int32).tobytes(), "test")  # two faces missing

    net, uncut = cut_openings({1: shape(WALL)}, {1: [open_opening], 2: [shape(WALL)]})

    assert 1 not in net and uncut == [1, 2]  # 2: no gross body
