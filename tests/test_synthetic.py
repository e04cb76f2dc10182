"""The synthetic models of the scale benchmark measure what a person computes by hand."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

import bimquant


def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_synthetic_model_has_its_hand_quantities(tmp_path):
    path = tmp_path / "synthetic.ifc"
    written = synthetic().write_model(24, path)  # two blocks

    result = bimquant.takeoff(path, cache=False)

    assert written == 24 and len(result.elements) == 24 and len(result.failures) == 0
    volumes = result.elements.groupby("ifc_class")["net_volume_m3"].sum()
    # per block: 4 walls 8 x 3 x 0.3 less a 1 x 2.1 door and two 1.2 x 1.25 windows through 0.3;
    # a slab 8 x 8 x 0.2; 4 columns 0.3 x 0.3 x 3; door 1 x 2.1 x 0.06; windows 1.2 x 1.25 x 0.06
    assert volumes["IfcWall"] == pytest.approx(2 * (4 * 7.2 - 0.63 - 2 * 0.45), rel=1e-9)
    assert volumes["IfcSlab"] == pytest.approx(2 * 12.8, rel=1e-9)
    assert volumes["IfcColumn"] == pytest.approx(2 * 4 * 0.27, rel=1e-9)
    assert volumes["IfcDoor"] == pytest.approx(2 * 0.126, rel=1e-9)
    assert volumes["IfcWindow"] == pytest.approx(2 * 2 * 0.09, rel=1e-9)
    walls = result.elements[result.elements["ifc_class"] == "IfcWall"]
    assert walls["material_layers"].map(len).eq(2).all()  # concrete and insulation layers
