"""Mesh measures on shapes small enough to check in one's head."""

from __future__ import annotations

import numpy as np
import pytest

from bimquant.quantities import mesh


def box(dx: float, dy: float, dz: float, angle_deg: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """A dx x dy x dz box turned by ``angle_deg`` about the vertical axis: (vertices, faces)."""
    v = np.array([[x, y, z] for z in (0, dz) for y in (0, dy) for x in (0, dx)], dtype=float)
    faces = np.array(
        [
            [0, 2, 1],
            [1, 2, 3],
            [4, 5, 6],
            [5, 7, 6],  # bottom, top
            [0, 1, 4],
            [1, 5, 4],
            [2, 6, 3],
            [3, 6, 7],  # front, back
            [0, 4, 2],
            [2, 4, 6],
            [1, 3, 5],
            [3, 7, 5],  # left, right
        ]
    )
    a = np.radians(angle_deg)
    turn = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    return v @ turn.T + [100.0, 50.0, 3.0], faces


@pytest.mark.parametrize("angle", [0.0, 30.0, 90.0, 137.0])
def test_box_volume_area_and_plan_do_not_depend_on_orientation(angle):
    v, f = box(5.0, 0.2, 3.0, angle)
    tri = mesh.get_triangles(v, f)
    normals, areas = mesh.get_face_normals_areas(tri)
    assert mesh.get_volume(tri) == pytest.approx(3.0, rel=1e-12)
    assert areas.sum() == pytest.approx(2 * (5 * 0.2 + 5 * 3 + 0.2 * 3), rel=1e-12)
    long_side, short_side, _ = mesh.get_plan_rectangle(v)
    assert (long_side, short_side) == (pytest.approx(5.0), pytest.approx(0.2))
    assert mesh.get_footprint(tri, normals).area == pytest.approx(1.0)
    d = mesh.get_dominant_direction(normals, areas)
    assert mesh.get_extent(v, d) == pytest.approx(0.2)
    assert mesh.get_face_areas_along(normals, areas, d) == (pytest.approx(15.0), pytest.approx(15.0))


def test_inverted_faces_give_a_negative_volume():
    v, f = box(1, 2, 3)
    assert mesh.get_volume(mesh.get_triangles(v, f[:, ::-1])) == pytest.approx(-6.0)


def test_a_box_is_closed_and_a_box_without_its_lid_is_not():
    v, f = box(1, 1, 1)
    assert mesh.is_closed(v, f)
    assert not mesh.is_closed(v, f[[0, 1] + list(range(4, 12))][2:])


def test_closed_check_welds_repeated_vertices():
    v, f = box(1, 1, 1)
    split_v = v[f].reshape(-1, 3)  # every face with its own three corners
    split_f = np.arange(len(split_v)).reshape(-1, 3)
    assert mesh.is_closed(split_v, split_f)


def test_outline_of_a_top_face_is_its_perimeter():
    v, f = box(6.0, 4.0, 0.2, 25.0)
    normals, _ = mesh.get_face_normals_areas(mesh.get_triangles(v, f))
    top = f[normals[:, 2] > 0.99]
    assert mesh.get_boundary_length(v, top) == pytest.approx(20.0)


def test_long_axis_of_a_sloping_beam():
    v, f = box(6.0, 0.3, 0.5)
    tilt = np.radians(20)
    rot = np.array([[np.cos(tilt), 0, -np.sin(tilt)], [0, 1, 0], [np.sin(tilt), 0, np.cos(tilt)]])
    v = v @ rot.T
    normals, areas = mesh.get_face_normals_areas(mesh.get_triangles(v, f))
    axis = mesh.get_long_axis(normals, areas)
    assert mesh.get_extent(v, axis) == pytest.approx(6.0)
    assert mesh.get_section_rectangle(v, axis) == (pytest.approx(0.5), pytest.approx(0.3))


def test_silhouette_of_a_window_seen_from_the_front():
    v, f = box(1.2, 0.1, 1.5, 60.0)
    tri = mesh.get_triangles(v, f)
    normals, _ = mesh.get_face_normals_areas(tri)
    _, _, long_dir = mesh.get_plan_rectangle(v)
    facing = np.array([-long_dir[1], long_dir[0], 0.0])
    assert mesh.get_projected_area(tri, normals, facing) == pytest.approx(1.8)


def gable_roof(span: float, pitch_deg: float, length: float, thickness: float) -> tuple[np.ndarray, np.ndarray]:
    """A two-pitch roof body: the ∧ profile (each pitch ``span`` long on the slope, ``thickness``
    thick, vertical cuts at the eaves) extruded ``length`` along y. (vertices, faces)."""
    a = np.radians(pitch_deg)
    dx, dz = span * np.cos(a), span * np.sin(a)
    t = thickness / np.cos(a)  # vertical thickness of a slab of true thickness `thickness`
    outline = [(-dx, 0.0), (0.0, dz), (dx, 0.0), (dx, -t), (0.0, dz - t), (-dx, -t)]  # counter-clockwise in xz
    ring = [(x, 0.0, z) for x, z in outline]
    v = np.array(ring + [(x, length, z) for x, _, z in ring])
    n = len(outline)
    faces = []
    for i in range(n):  # sides: quads between the two rings
        j = (i + 1) % n
        faces += [[i, j, n + j], [i, n + j, n + i]]
    caps = [[0, 5, 1], [1, 5, 4], [1, 4, 2], [2, 4, 3]]  # the ∧ split in triangles
    faces += [[c[2], c[1], c[0]] for c in caps] + [[n + c[0], n + c[1], n + c[2]] for c in caps]
    return v, np.array(faces)


def test_a_two_pitch_roof_body_counts_both_pitches():
    v, f = gable_roof(span=4.0, pitch_deg=35.0, length=10.0, thickness=0.2)
    tri = mesh.get_triangles(v, f)
    normals, areas = mesh.get_face_normals_areas(tri)
    directions = mesh.get_major_directions(normals, areas)
    assert len(directions) == 2
    assert sum(0.5 * sum(mesh.get_face_areas_along(normals, areas, d)) for d in directions) == pytest.approx(
        2 * 4.0 * 10.0, rel=0.02
    )  # mean of top and underside of each pitch ~ span x length


def test_a_thick_flat_raft_has_one_main_direction():
    v, f = box(2.0, 2.0, 1.0)
    normals, areas = mesh.get_face_normals_areas(mesh.get_triangles(v, f))
    assert len(mesh.get_major_directions(normals, areas)) == 1


# --- faces the wrong way round (Office_A's ceilings: surface models written face by face) ------


@pytest.mark.parametrize("turned", [[], [1, 4, 7, 10], list(range(12))], ids=["outwards", "mixed", "inwards"])
def test_a_closed_body_is_measured_with_its_faces_outwards(turned):
    from bimquant.geometry.shape import make_shape

    vertices, faces = box(5.0, 4.0, 0.05)
    faces = faces.astype(np.int32)
    faces[turned] = faces[turned][:, [0, 2, 1]]

    shape = make_shape(vertices.tobytes(), faces.tobytes(), "test")

    assert shape.closed and shape.reoriented == bool(turned)
    assert mesh.get_volume(mesh.get_triangles(shape.vertices, shape.faces)) == pytest.approx(1.0, rel=1e-12)


def test_two_boxes_each_turned_its_own_way_are_both_outwards():
    from bimquant.geometry.shape import make_shape

    v1, f1 = box(1.0, 1.0, 1.0)
    v2, f2 = box(2.0, 1.0, 1.0)
    vertices = np.vstack([v1, v2 + [10.0, 0, 0]])
    faces = np.vstack([f1[:, [0, 2, 1]], f2 + len(v1)]).astype(np.int32)  # the first inwards,
    faces[-1] = faces[-1][[0, 2, 1]]  # and one face of the second the wrong way

    shape = make_shape(vertices.tobytes(), faces.tobytes(), "test")

    assert mesh.get_volume(mesh.get_triangles(shape.vertices, shape.faces)) == pytest.approx(3.0, rel=1e-12)


def _partition(labels: np.ndarray) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, set()).add(index)
    return {frozenset(g) for g in groups.values()}


def test_welding_groups_the_points_of_one_grid_cell_as_the_row_sort_does():
    from bimquant.geometry.shape import weld
    from bimquant.tolerances import WELD_TOL_M

    rng = np.random.default_rng(7)
    points = rng.random((500, 3)) * 20
    vertices = np.concatenate([points, points + WELD_TOL_M * 0.1, points[:50]])  # near and exact doubles
    exact = np.unique(np.round(vertices / WELD_TOL_M).astype(np.int64), axis=0, return_inverse=True)[1]
    labels = weld(vertices)
    assert _partition(labels) == _partition(exact.reshape(-1))
    assert labels.max() < len(vertices)
    # two grid cells whose hashes collide (k0*A ^ k1*B ^ k2*C is 0 for both): still two points
    a, b = 73856093, 19349663
    colliding = np.array([[0.0, 0.0, 0.0], [b * WELD_TOL_M, a * WELD_TOL_M, 0.0], [0.0, 0.0, 0.0]])
    assert _partition(weld(colliding)) == {frozenset({0, 2}), frozenset({1})}
    assert len(weld(np.zeros((0, 3)))) == 0


def test_a_triangular_slab_is_as_long_as_its_longest_side_whatever_the_order_of_its_points():
    """A right triangle with legs 3 and 4: the rectangles along a leg and along the hypotenuse
    have the same area (12); the one along the hypotenuse (5 long, 2.4 wide) is taken, for every
    order of the points (GEOS's answer used to follow their order)."""
    corners = np.array([[0.0, 0.0, 0.0], [3.0, 0.0, 0.0], [0.0, 4.0, 0.0]])
    prism = np.concatenate([corners, corners + [0.0, 0.0, 0.2]])
    for order in ([0, 1, 2, 3, 4, 5], [2, 1, 0, 5, 4, 3], [1, 2, 0, 4, 5, 3]):
        long_side, short_side, direction = mesh.get_plan_rectangle(prism[order])
        assert (long_side, short_side) == pytest.approx((5.0, 2.4))
        assert direction == pytest.approx([0.6, -0.8, 0.0])


def test_a_window_drawn_as_one_pane_shows_its_area_from_both_sides():
    """One 2 x 1.5 pane facing -y (an open surface): seen along +y it shows nothing of its front,
    seen from both sides it shows 3 m2, whichever way its face was written."""
    pane = np.array(
        [[[0.0, 0.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 1.5]], [[2.0, 0.0, 0.0], [2.0, 0.0, 1.5], [0.0, 0.0, 1.5]]]
    )
    normals, _ = mesh.get_face_normals_areas(pane)
    facing = np.array([0.0, 1.0, 0.0])
    assert normals[:, 1] == pytest.approx([-1.0, -1.0])
    assert mesh.get_projected_area(pane, normals, facing) == 0.0
    assert mesh.get_projected_area(pane, normals, facing, both_sides=True) == pytest.approx(3.0)
    assert mesh.get_projected_area(pane, -normals, facing, both_sides=True) == pytest.approx(3.0)
