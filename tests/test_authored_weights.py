"""validate compares authored weights where the units allow it (issue 10).

A NetWeight is in the project's mass unit, or in the unit the quantity names. A project that
declares no mass unit says nothing of its weights: bimquant does not guess (kilograms? grams?)
and says so (``unit_unknown``). Models are the sample house with weights added by the test.
"""

from __future__ import annotations

import ifcopenshell
import ifcopenshell.api
import pytest
from conftest import HOUSE

import bimquant

B1, C1 = "B1 beam along X", "C1 column 0.3 x 0.3"  # 1000 kg and 675 kg of reinforced concrete (hand figures)


def with_weights(tmp_path, weights: dict[str, float], *, mass_unit: bool = True, own_unit: str | None = None):
    """The sample house with a NetWeight on each element named in ``weights``; without
    ``mass_unit`` the project declares no mass unit; ``own_unit`` ("GRAM") is given to each quantity."""
    model = ifcopenshell.open(str(HOUSE))
    if not mass_unit:
        assignment = model.by_type("IfcUnitAssignment")[0]
        assignment.Units = [u for u in assignment.Units if getattr(u, "UnitType", None) != "MASSUNIT"]
    unit = model.createIfcSIUnit(None, "MASSUNIT", None, own_unit) if own_unit else None
    for element in model.by_type("IfcElement"):
        if element.Name in weights:
            qto = ifcopenshell.api.run("pset.add_qto", model, product=element, name="Qto_Weights")
            qto.Quantities = [model.createIfcQuantityWeight("NetWeight", None, unit, weights[element.Name])]
    path = tmp_path / "weights.ifc"
    model.write(str(path))
    return path


def weights(path) -> dict[str, tuple[str, float]]:
    authored = bimquant.validate(path).authored
    rows = authored[authored["quantity"] == "NetWeight"]
    return {row.name: (row.verdict, row.authored_value, row.detail) for row in rows.itertuples()}


def test_a_right_weight_agrees_and_a_weight_in_tonnes_is_a_unit_suspect(tmp_path):
    found = weights(with_weights(tmp_path, {B1: 1000.0, C1: 0.675}))  # the column's weight typed in tonnes

    assert found[B1][:2] == ("ok", 1000.0)
    assert found[C1][0] == "unit_suspect" and found[C1][2] == "/1000"


def test_without_a_mass_unit_weights_are_not_compared_and_it_is_said(tmp_path):
    found = weights(with_weights(tmp_path, {B1: 1000.0}, mass_unit=False))

    verdict, value, detail = found[B1]
    assert verdict == "unit_unknown" and value != value  # NaN: no guess at kilograms or grams
    assert "declares no weight unit" in detail


def test_a_quantity_that_names_its_unit_is_read_in_it(tmp_path):
    found = weights(with_weights(tmp_path, {B1: 1_000_000.0}, mass_unit=False, own_unit="GRAM"))

    assert found[B1][:2] == ("ok", pytest.approx(1000.0))


def test_the_summary_counts_unit_unknown(tmp_path):
    summary = bimquant.validate(with_weights(tmp_path, {B1: 1000.0, C1: 675.0}, mass_unit=False)).summary
    rows = summary[summary["quantity"] == "NetWeight"]  # one row per class: IfcBeam, IfcColumn
    assert (rows["count"].sum(), rows["ok"].sum(), rows["unit_unknown"].sum()) == (2, 0, 2)
