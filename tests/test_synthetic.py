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


def test_storeys_without_an_elevation_are_ordered_by_their_elements(tmp_path):
    """The synthetic storeys have no Elevation: their order comes from their elements' bottoms
    (0, 3, 6... m). By hand, storeys whose names sort the other way round: "Niveau 10" at 30 m
    comes after "Niveau 2" at 6 m; a storey with no measured element comes last, names compared
    as numbers where they tie."""
    import math

    import pandas as pd

    from bimquant.takeoff import get_storey_order

    path = tmp_path / "synthetic.ifc"
    synthetic().write_model(1584, path)  # 132 blocks over 6 storeys
    result = bimquant.takeoff(path, cache=False, rules=ROOT / "rules" / "fr-lots.toml")
    assert result.work.storeys == [f"Niveau {n}" for n in range(6)]
    elements = pd.DataFrame(
        {
            "storey": ["Niveau 10", "Niveau 2", "Niveau 1", "Niveau 11", "Niveau 9"],
            "storey_elevation_m": [math.nan, 6.0, 3.0, math.nan, math.nan],
            "centre_z_m": [31.5, 7.5, 4.5, math.nan, math.nan],
            "size_z_m": [3.0, 3.0, 3.0, math.nan, math.nan],
        }
    )
    assert get_storey_order(elements) == ["Niveau 1", "Niveau 2", "Niveau 10", "Niveau 9", "Niveau 11"]
