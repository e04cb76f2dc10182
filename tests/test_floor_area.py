"""Cost per m2: of the rooms' net floor area (IfcSpace) when the model has rooms (issue 10).

"Surface de plancher (dalles)" borrowed the regulated term SDP for a slab area that includes the
ground-bearing slab; a model with rooms gives their net floor area, one without says plainly
that it divides by the slab area.
"""

from __future__ import annotations

from pathlib import Path

import ifcopenshell
import ifcopenshell.util.element
import openpyxl
import pytest
from conftest import HOUSE, ROOT, run

import bimquant

SHARED = ROOT.parent / "shared" / "models"
FR_LOTS, FR_PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"
needs_models = pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")


def authored_net_floor_area(path: Path) -> float:
    """The spaces' NetFloorArea read straight from the file (FZK-Haus is in metres)."""
    ifc = ifcopenshell.open(str(path))
    total = 0.0
    for space in ifc.by_type("IfcSpace"):
        for props in ifcopenshell.util.element.get_psets(space, qtos_only=True).values():
            if "NetFloorArea" in props:
                total += props["NetFloorArea"]
                break
    return total


@needs_models
def test_a_model_with_rooms_is_priced_per_m2_of_their_net_floor_area(tmp_path):
    model = SHARED / "AC20-FZK-Haus.ifc"
    from measured import measured

    budget = bimquant.estimate(measured(model), FR_LOTS, FR_PRICES, view="internal")

    expected = authored_net_floor_area(model)
    assert expected > 100
    assert budget.ratios["floor_area_basis"] == "spaces"
    assert budget.ratios["floor_area_m2"] == pytest.approx(round(expected, 2))
    assert budget.ratios["cost_per_m2_excl_vat"] == pytest.approx(
        budget.totals["total_excl_vat"] / round(expected, 2), abs=0.01
    )
    out = tmp_path / "dpgf.xlsx"
    bimquant.write(budget, out)
    labels = [c.value for c in openpyxl.load_workbook(out)["DPGF"]["B"] if isinstance(c.value, str)]
    assert "Surface nette des locaux (IfcSpace) m2" in labels  # not "surface utile", a regulated term
    assert not any("Surface de plancher" in label for label in labels)


@needs_models
def test_rooms_without_authored_areas_are_measured_from_their_bodies():
    from measured import measured

    spaces = measured(SHARED / "Office_A_20110811.ifc").info["spaces"]
    assert spaces["count"] == 99 and spaces["measured"] == spaces["count"]
    assert spaces["source"] == "plan area of the space body"
    assert spaces["net_floor_area_m2"] > 100


def test_a_model_without_rooms_says_it_uses_the_slabs(tmp_path):
    out = tmp_path / "dpgf.xlsx"
    code, _, stderr = run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "--view", "internal")

    assert code == 0, stderr
    assert "75,60 m2 : pas de locaux (IfcSpace) dans la maquette" in stderr  # French rule set, French console
    labels = [c.value for c in openpyxl.load_workbook(out)["DPGF"]["B"] if isinstance(c.value, str)]
    assert any(label.startswith("Surface des dalles de plancher") and "pas la SDP" in label for label in labels)
