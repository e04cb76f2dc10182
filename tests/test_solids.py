"""Exact volumes from the numbers of the file (bimquant.solids), against hand arithmetic."""

from __future__ import annotations

import math

import ifcopenshell
import ifcopenshell.api
import pytest
from conftest import HOUSE, box

from bimquant.model import get_elements, open_model
from bimquant.solids import get_profile_area

# the sample house's gross volumes, by hand (sample_models/README.md)
HOUSE_VOLUMES = {
    "B1 beam along X": 0.2 * 0.4 * 5,
    "W1 wall along X": 6 * 3 * 0.3,
    "W3 painting wall": 5 * 3 * 0.2,  # gross: its openings are cut from it, not from its body
    "S2 level 1 slab": 6 * 6.3 * 0.2,
    "C1 column 0.3 x 0.3": 0.3 * 0.3 * 3,
    "SF1 stair flight": 0.6 * 1.0,
    "RS1 roof slab south pitch": 6.5 * 4 * 0.2,
    "WN1 window 2.0 x 2.5": 2.0 * 2.5 * 0.1,
}


def test_the_sample_house_bodies_have_their_hand_volumes():
    elements = get_elements(open_model(HOUSE))[0].set_index("name")

    for name, volume in HOUSE_VOLUMES.items():
        exact = elements.loc[name, "exact"]
        assert exact.volume_m3 == pytest.approx(volume, rel=1e-12), name
        assert (exact.curved, exact.items) == (False, 1), name


@pytest.fixture(scope="module")
def ifc():
    return ifcopenshell.file(schema="IFC4")


def point(ifc, x, y):
    return ifc.createIfcCartesianPoint((float(x), float(y)))


def test_parametric_profiles(ifc):
    r = 0.01
    cases = [
        (ifc.createIfcRectangleProfileDef("AREA", None, None, 0.3, 0.5), 0.15),
        (ifc.createIfcRoundedRectangleProfileDef("AREA", None, None, 0.3, 0.5, r), 0.15 - (4 - math.pi) * r**2),
        (
            ifc.createIfcRectangleHollowProfileDef("AREA", None, None, 0.2, 0.1, 0.006, 0.006, 0.012),
            0.2 * 0.1 - 0.188 * 0.088 - (4 - math.pi) * (0.012**2 - 0.006**2),
        ),
        (ifc.createIfcCircleProfileDef("AREA", None, None, 0.1), math.pi * 0.01),
        (ifc.createIfcCircleHollowProfileDef("AREA", None, None, 0.0805, 0.004), math.pi * (0.0805**2 - 0.0765**2)),
        (ifc.createIfcEllipseProfileDef("AREA", None, None, 0.2, 0.1), math.pi * 0.02),
        # IPE 200: 2 x 100 x 8.5 + (200 - 17) x 5.6 + (4 - pi) 12^2 = 2848.4 mm2 (tables: 28.5 cm2)
        (ifc.createIfcIShapeProfileDef("AREA", None, None, 100.0, 200.0, 5.6, 8.5, 12.0), 2848.41),
        (
            ifc.createIfcLShapeProfileDef("AREA", None, None, 100.0, 100.0, 10.0, 12.0, 0.0),
            1900 + (1 - math.pi / 4) * 144,
        ),
        (
            ifc.createIfcUShapeProfileDef("AREA", None, None, 200.0, 75.0, 8.5, 11.5, 12.0, 0.0),
            2 * 75 * 11.5 + (200 - 23) * 8.5 + (2 - math.pi / 2) * 144,
        ),
    ]
    for profile, area in cases:
        assert get_profile_area(profile)[0] == pytest.approx(area, rel=1e-4), profile.is_a()


def test_a_composite_curve_of_lines_and_arcs_is_exact(ifc):
    # a 4 x 2 rectangle with its four corners rounded (r = 0.5) by trimmed circles: 8 - (4 - pi) r2,
    # drawn with some arcs the other way round (SameSense false, trims swapped)
    w, h, r = 4.0, 2.0, 0.5

    def line(p, q):
        return ifc.createIfcCompositeCurveSegment(
            "CONTINUOUS", True, ifc.createIfcPolyline([point(ifc, *p), point(ifc, *q)])
        )

    def arc(cx, cy, start, end, reverse):
        circle = ifc.createIfcCircle(ifc.createIfcAxis2Placement2D(point(ifc, cx, cy), None), r)
        trims = (start, end) if not reverse else (end, start)
        trimmed = ifc.createIfcTrimmedCurve(
            circle,
            [ifc.createIfcParameterValue(trims[0])],
            [ifc.createIfcParameterValue(trims[1])],
            not reverse,
            "PARAMETER",
        )
        return ifc.createIfcCompositeCurveSegment("CONTINUOUS", not reverse, trimmed)

    segments = [
        line((r, 0), (w - r, 0)),
        arc(w - r, r, 270, 360, False),
        line((w, r), (w, h - r)),
        arc(w - r, h - r, 0, 90, True),
        line((w - r, h), (r, h)),
        arc(r, h - r, 90, 180, False),
        line((0, h - r), (0, r)),
        arc(r, r, 180, 270, True),
    ]
    profile = ifc.createIfcArbitraryClosedProfileDef("AREA", None, ifc.createIfcCompositeCurve(segments, False))

    area, curved = get_profile_area(profile, math.pi / 180)

    assert curved and area == pytest.approx(w * h - (4 - math.pi) * r**2, rel=1e-12)


def test_a_profile_with_a_void_and_a_polyline(ifc):
    outer = ifc.createIfcPolyline([point(ifc, *p) for p in [(0, 0), (3, 0), (3, 2), (0, 2), (0, 0)]])
    inner = ifc.createIfcPolyline([point(ifc, *p) for p in [(1, 0.5), (2, 0.5), (2, 1.5), (1, 1.5), (1, 0.5)]])
    profile = ifc.createIfcArbitraryProfileDefWithVoids("AREA", None, outer, [inner])

    assert get_profile_area(profile) == (pytest.approx(5.0, rel=1e-12), False)


def cube(height: float, kernel: str):
    import numpy as np

    from bimquant.geometry.shape import make_shape

    vertices, faces = box(0, 0, 0, 1, 1, height)
    return make_shape(vertices.tobytes(), faces.astype(np.int32).tobytes(), kernel)


def test_a_mesh_off_its_exact_volume_is_measured_again_and_the_nearer_kept(monkeypatch):
    import importlib
    from types import SimpleNamespace

    from bimquant.solids import Exact

    takeoff = importlib.import_module("bimquant.takeoff")  # the module, not bimquant.takeoff()

    asked = []

    def opencascade(ifc, ids, **options):
        asked.append((ids, options["kernel"]))
        return {i: cube(1.0, "opencascade") for i in ids}, {}

    monkeypatch.setattr(takeoff, "get_shapes", opencascade)
    shapes = {1: cube(0.86, "manifold"), 2: cube(1.0, "manifold")}  # 1: 14 % short, as the channels were
    exact = {1: Exact(1.0, False, 1), 2: Exact(1.0, False, 1)}

    takeoff._check_with_exact(SimpleNamespace(file=None), shapes, exact, openings=True, threads=1)

    assert asked == [([1], "opencascade")]  # only the wrong one is meshed again
    assert shapes[1].kernel == "opencascade" and shapes[2].kernel == "manifold"


def test_an_indexed_poly_curve_with_arcs_is_exact(ifc):
    # a 2 x 1 slot: two half-discs of radius 0.5 joined by straight sides, 1 x 1 + pi 0.5^2,
    # each half-disc one IfcArcIndex through its apex
    points = ifc.createIfcCartesianPointList2D(((0.5, 0.0), (1.5, 0.0), (2.0, 0.5), (1.5, 1.0), (0.5, 1.0), (0.0, 0.5)))
    segments = [
        ifc.createIfcLineIndex((1, 2)),
        ifc.createIfcArcIndex((2, 3, 4)),
        ifc.createIfcLineIndex((4, 5)),
        ifc.createIfcArcIndex((5, 6, 1)),
    ]
    profile = ifc.createIfcArbitraryClosedProfileDef(
        "AREA", None, ifc.createIfcIndexedPolyCurve(points, segments, False)
    )

    area, curved = get_profile_area(profile)

    assert curved and area == pytest.approx(1.0 + math.pi * 0.25, rel=1e-12)
