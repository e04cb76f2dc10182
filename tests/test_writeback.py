"""bimquant writeback: the model written again with bimquant's base quantities on every measured
element and the estimate as a cost schedule, read back by tools that are not bimquant.

What is expected comes from the sample house's hand-computed quantities
(sample_models/README.md), from the takeoff table and from ``bimquant.estimate``; what is read
back is read with ifcopenshell (``util.element.get_psets``, ``util.cost``), ifc5d's cost
schedule CSV export (what Bonsai exports) and ``ifcopenshell.validate``, never with the code
under test.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import math
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import ifcopenshell
import ifcopenshell.api.pset
import ifcopenshell.util.cost
import ifcopenshell.util.element
import ifcopenshell.util.unit
import ifcopenshell.validate
import pytest

import bimquant
from conftest import assert_one_error, run
from measured import SHARED_MODELS, measured

ROOT = Path(__file__).resolve().parents[1]
HOUSE4 = ROOT / "sample_models" / "house_ifc4.ifc"
HOUSE2X3 = ROOT / "sample_models" / "house_ifc2x3.ifc"
RULES = ROOT / "rules" / "fr-lots.toml"
PRICES = ROOT / "rules" / "fr-prix.csv"
METHOD = f"bimquant {bimquant.__version__}"

# The set the IFC4 standard defines for each class the test models measure (subclasses
# included: IfcWallStandardCase is an IfcWall), and what bimquant measures of it: standard
# quantity -> takeoff column. From the IFC4 Qto definitions: a wall's, slab's or covering's
# Width is its thickness, a door's Area its front; a stair flight's Length runs along the
# walking line (bimquant does not measure that one), a railing's set has only its Length.
STANDARD_SETS = (
    ("IfcWall", "Qto_WallBaseQuantities"),
    ("IfcSlab", "Qto_SlabBaseQuantities"),
    ("IfcBeam", "Qto_BeamBaseQuantities"),
    ("IfcColumn", "Qto_ColumnBaseQuantities"),
    ("IfcMember", "Qto_MemberBaseQuantities"),
    ("IfcCovering", "Qto_CoveringBaseQuantities"),
    ("IfcDoor", "Qto_DoorBaseQuantities"),
    ("IfcWindow", "Qto_WindowBaseQuantities"),
    ("IfcFooting", "Qto_FootingBaseQuantities"),
    ("IfcStairFlight", "Qto_StairFlightBaseQuantities"),
    ("IfcRailing", "Qto_RailingBaseQuantities"),
)
BODY = {"GrossVolume": "gross_volume_m3", "NetVolume": "net_volume_m3", "NetWeight": "weight_kg"}
LINEAR = {
    "Length": "length_m",
    "OuterSurfaceArea": "outer_surface_area_m2",
    "NetSurfaceArea": "surface_area_m2",
    **BODY,
}
FILLING = {"Width": "width_m", "Height": "height_m", "Area": "gross_area_m2"}
QUANTITIES = {
    "Qto_WallBaseQuantities": {
        "Length": "length_m",
        "Width": "width_m",
        "Height": "height_m",
        "NetFootprintArea": "footprint_area_m2",
        "GrossSideArea": "gross_side_area_m2",
        "NetSideArea": "net_side_area_m2",
        **BODY,
    },
    "Qto_SlabBaseQuantities": {
        "Width": "width_m",
        "Perimeter": "perimeter_m",
        "GrossArea": "gross_area_m2",
        "NetArea": "net_area_m2",
        **BODY,
    },
    "Qto_BeamBaseQuantities": LINEAR,
    "Qto_ColumnBaseQuantities": LINEAR,
    "Qto_MemberBaseQuantities": LINEAR,
    "Qto_CoveringBaseQuantities": {"Width": "width_m", "GrossArea": "gross_area_m2", "NetArea": "net_area_m2"},
    "Qto_DoorBaseQuantities": FILLING,
    "Qto_WindowBaseQuantities": FILLING,
    "Qto_FootingBaseQuantities": {"Length": "length_m", "Width": "width_m", "Height": "height_m", **BODY},
    "Qto_StairFlightBaseQuantities": {"GrossVolume": "gross_volume_m3", "NetVolume": "net_volume_m3"},
    "Qto_RailingBaseQuantities": {"Length": "length_m"},
    None: {  # no standard set (a furniture, a stair as a whole): bimquant's own names
        "Length": "length_m",
        "Width": "width_m",
        "Height": "height_m",
        "NetSurfaceArea": "surface_area_m2",
        **BODY,
    },
}
UNIT_SYMBOLS = {"m": "m", "m2": "m2", "m3": "m3", "kg": "kg", "t": "Mg", "u": ""}  # ifc5d's Unit column


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def qtos(path: Path) -> dict[str, dict]:
    """GlobalId -> the quantity sets ifcopenshell reads on that element."""
    ifc = ifcopenshell.open(str(path))
    return {e.GlobalId: ifcopenshell.util.element.get_psets(e, qtos_only=True) for e in ifc.by_type("IfcElement")}


def ifc5d_rows(path: Path, folder: Path) -> list[dict]:
    """The rows of ifc5d's cost schedule CSV export of ``path`` (one file per schedule)."""
    with contextlib.redirect_stdout(io.StringIO()):  # ifcopenshell.api.sequence's note on networkx
        from ifc5d.ifc5Dspreadsheet import Ifc5DCsvWriter
    Ifc5DCsvWriter(str(path), str(folder)).write()
    written = sorted(folder.glob("*.csv"))
    assert len(written) == 1, written
    with open(written[0], encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def validation_errors(path: Path) -> set[tuple]:
    """What ifcopenshell.validate reports on ``path``: (message, attribute, instance id)."""
    logger = ifcopenshell.validate.json_logger()
    ifcopenshell.validate.validate(ifcopenshell.open(str(path)), logger)
    return {(s.get("message"), str(s.get("attribute")), _id(s.get("instance"))) for s in logger.statements}


def _id(instance) -> int | None:
    return instance.id() if isinstance(instance, ifcopenshell.entity_instance) else None


def new_validation_errors(source: Path, written: Path) -> set[tuple]:
    """What ifcopenshell.validate reports on ``written`` and not on ``source``; the two are
    validated side by side (seconds each on a real model)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        before, after = pool.map(validation_errors, [source, written])
    return after - before


def scales(path: Path) -> dict[str, float]:
    """Project unit -> SI factor, per quantity column suffix, read with ifcopenshell."""
    ifc = ifcopenshell.open(str(path))
    mass = ifcopenshell.util.unit.get_project_unit(ifc, "MASSUNIT")
    return {
        "_m": ifcopenshell.util.unit.calculate_unit_scale(ifc, "LENGTHUNIT"),
        "_m2": ifcopenshell.util.unit.calculate_unit_scale(ifc, "AREAUNIT"),
        "_m3": ifcopenshell.util.unit.calculate_unit_scale(ifc, "VOLUMEUNIT"),
        "_kg": ifcopenshell.util.unit.calculate_unit_scale(ifc, "MASSUNIT") / 1000 if mass else 1.0,
    }


def in_si(value: float, column: str, factors: dict[str, float]) -> float:
    suffix = next(s for s in ("_m3", "_m2", "_kg", "_m") if column.endswith(s))
    return value * factors[suffix]


def assert_base_quantities(source: Path, written: Path, takeoff: bimquant.Takeoff, two_by_three: bool) -> None:
    """Every measured element of ``takeoff`` carries bimquant's quantities in ``written``: in
    its standard set (IFC4: Qto_*, IFC2X3: BaseQuantities, with the IFC4 set's quantities) or,
    when the input already had a set of that name, in Bimquant_BaseQuantities beside it; the
    values are the takeoff's, in the project's units, rounded to 1e-6 of the unit."""
    before, after = qtos(source), qtos(written)
    factors = scales(written)
    ifc = ifcopenshell.open(str(written))
    for row in takeoff.elements.to_dict(orient="records"):
        element = ifc.by_guid(row["global_id"])
        standard = next((name for cls, name in STANDARD_SETS if element.is_a(cls)), None)
        expected_name = "BaseQuantities" if two_by_three else standard or "Bimquant_BaseQuantities"
        if expected_name in before[row["global_id"]]:
            expected_name = "Bimquant_BaseQuantities"
        values = after[row["global_id"]].get(expected_name)
        assert values is not None, f"{row['name']}: no {expected_name} in {sorted(after[row['global_id']])}"
        assert ifc.by_id(values["id"]).MethodOfMeasurement == METHOD
        spelled = {name.lower(): value for name, value in values.items() if name != "id"}  # IFC4X3: NetFootPrintArea
        written_here = 0
        for quantity, column in QUANTITIES[standard].items():
            value = row[column]
            if value is None or math.isnan(value):
                assert quantity.lower() not in spelled, (row["name"], quantity)
                continue
            assert quantity.lower() in spelled, f"{row['name']}: {quantity} missing from {expected_name}"
            written_value, unit = spelled[quantity.lower()], in_si(1.0, column, factors)
            assert written_value == round(written_value, 6), (row["name"], quantity, written_value)  # 1e-6 of the unit
            assert written_value * unit == pytest.approx(value, rel=1e-9, abs=0.51e-6 * unit), (row["name"], quantity)
            written_here += 1
        assert written_here == len(spelled), (row["name"], sorted(spelled))


def assert_work_items(written: Path, budget: bimquant.Budget) -> None:
    """The elements' Bimquant_WorkItems quantities, rounded to 1e-9 of the item's unit, add up,
    per item code, to the estimate's quantity (itself rounded to 2 decimals)."""
    totals: dict[str, float] = {}
    shares: dict[tuple[str, str], float] = {}
    for global_id, sets in qtos(written).items():
        for code, value in sets.get("Bimquant_WorkItems", {}).items():
            if code != "id":
                assert value == round(value, 9), (global_id, code, value)  # to 1e-9 of the item's unit
                totals[code] = totals.get(code, 0.0) + value
                shares[global_id, code] = value
    for line in budget.lines.to_dict(orient="records"):
        assert totals.get(line["code"], 0.0) == pytest.approx(line["quantity"], abs=1e-6), line["code"]
    # each element's share is its contribution in the trace, give or take the item's rounding
    traced = budget.trace.dropna(subset=["contribution"]).groupby(["global_id", "code"])["contribution"].sum()
    assert set(shares) == set(traced.index)
    for key, contribution in traced.items():
        assert shares[key] == pytest.approx(contribution, abs=0.005), key


def assert_cost_schedule(written: Path, budget: bimquant.Budget, folder: Path) -> None:
    """ifc5d's export of the written file holds every lot and item of the estimate: item
    quantities, units, unit prices, each line's amount and each lot's total; ifcopenshell
    computes the same item quantities."""
    rows = ifc5d_rows(written, folder)
    lines = budget.lines.set_index("code")
    items = [r for r in rows if r["ItemIsASum"] == "False"]
    lots = [r for r in rows if r["ItemIsASum"] == "True"]
    assert [r["Identification"] for r in items] == sorted(lines.index, key=list(lines.index).index)
    for row in items:
        line = lines.loc[row["Identification"]]
        assert row["Name"] == line["label"]
        assert float(row["Quantity"]) == line["quantity"], row["Identification"]  # 108.8, not 108.79999999999998
        assert row["Unit"] == UNIT_SYMBOLS[line["unit"]], row["Identification"]
        if line["priced"]:
            assert float(row["RateSubtotal"]) == line["unit_price"]
            amount = round(float(row["Quantity"]) * float(row["RateSubtotal"]) + 1e-9, 2)
            assert amount == pytest.approx(line["amount"], abs=0.005), row["Identification"]
        else:
            assert float(row["RateSubtotal"]) == 0.0
    amounts = budget.lots.set_index("lot")["amount"]
    assert sorted(r["Name"] for r in lots) == sorted(amounts.index)
    for row in lots:
        count = int((lines["lot"] == row["Name"]).sum())
        assert float(row["TotalPrice"]) == pytest.approx(amounts[row["Name"]], abs=0.005 * count), row["Name"]
    assert sum(float(r["TotalPrice"]) for r in lots) == pytest.approx(
        budget.totals["direct_cost"], abs=0.005 * len(lines)
    )
    ifc = ifcopenshell.open(str(written))
    for item in ifc.by_type("IfcCostItem"):
        if item.Identification in lines.index:  # exactly: 10.88, not 10.879999999999999
            total = ifcopenshell.util.cost.get_total_quantity(item)
            assert total == lines.loc[item.Identification, "quantity"], item.Identification


# --- the sample house, IFC4 ---


@pytest.fixture(scope="module")
def house4(tmp_path_factory):
    folder = tmp_path_factory.mktemp("house4")
    measured_house = bimquant.takeoff(HOUSE4)
    budget = bimquant.estimate(measured_house, RULES, PRICES)
    before = sha256(HOUSE4)
    result = bimquant.writeback(HOUSE4, folder / "house-5d.ifc", RULES, PRICES)
    assert sha256(HOUSE4) == before, "the input file was modified"
    return result, measured_house, budget, folder


def test_every_element_of_the_ifc4_house_gets_its_standard_set_with_the_takeoffs_values(house4):
    result, measured_house, _, _ = house4
    assert_base_quantities(HOUSE4, result.path, measured_house, two_by_three=False)
    assert result.info["elements_with_quantities"] == 19 == len(measured_house.elements)


def test_the_sets_the_house_already_had_are_kept_and_bimquants_go_beside_them(house4):
    result, _, _, _ = house4
    sets = qtos(result.path)
    by_name = {e.Name.split()[0]: e.GlobalId for e in ifcopenshell.open(str(HOUSE4)).by_type("IfcElement")}
    c1 = sets[by_name["C1"]]
    assert c1["Qto_ColumnBaseQuantities"]["GrossVolume"] == 270.0  # the authored (wrong) value, untouched
    assert c1["Bimquant_BaseQuantities"]["GrossVolume"] == pytest.approx(0.27)  # 0.3 x 0.3 x 3.0
    w3 = sets[by_name["W3"]]["Bimquant_BaseQuantities"]  # README: 5.0 x 3.0 x 0.2, openings 1 x 2 and 2 x 2.5
    assert (w3["Length"], w3["Height"], w3["Width"]) == pytest.approx((5.0, 3.0, 0.2))
    assert (w3["GrossSideArea"], w3["NetSideArea"]) == pytest.approx((15.0, 8.0))
    assert (w3["GrossVolume"], w3["NetVolume"]) == pytest.approx((3.0, 1.6))
    w1 = sets[by_name["W1"]]["Bimquant_BaseQuantities"]
    assert w1["NetWeight"] == pytest.approx(9072.0)  # 5.4 x (0.2 x 2500 + 0.1 x 40) / 0.3
    assert sets[by_name["W2"]]["Qto_WallBaseQuantities"]["NetVolume"] == pytest.approx(5.4)
    beside = result.elements[result.elements["status"] == "beside"]
    assert sorted(n.split()[0] for n in beside["name"]) == ["C1", "D1", "S2", "W1", "W3"]


def test_the_ifc4_house_cost_schedule_exported_by_ifc5d_is_the_estimate(house4, tmp_path):
    result, _, budget, _ = house4
    assert_cost_schedule(result.path, budget, tmp_path)
    assert_work_items(result.path, budget)
    ifc = ifcopenshell.open(str(result.path))
    (schedule,) = ifc.by_type("IfcCostSchedule")
    assert schedule.Name == "Lots français (DPGF)" and schedule.PredefinedType == "PRICEDBILLOFQUANTITIES"
    lots = ifcopenshell.util.cost.get_root_cost_items(schedule)
    assert [(lot.Identification, lot.Name) for lot in lots][:2] == [("02", "02 Gros oeuvre"), ("03", "03 Charpente")]
    currency = [u for u in ifc.by_type("IfcProject")[0].UnitsInContext.Units if u.is_a("IfcMonetaryUnit")]
    assert [u.Currency for u in currency] == ["EUR"]
    # by hand: walls W1 W2 3.6 m3 of concrete each (their 0.2 m concrete layer), W3 1.6, W4 2.08
    walls = next(i for i in ifc.by_type("IfcCostItem") if i.Identification == "02.03.01")
    assert ifcopenshell.util.cost.get_total_quantity(walls) == pytest.approx(3.6 + 3.6 + 1.6 + 2.08)
    assert result.info["cost_items"] == len(budget.lines) == 48 and result.info["lots"] == 10


def test_the_ifc4_house_written_has_no_new_validation_error(house4):
    result, _, _, _ = house4
    assert not new_validation_errors(HOUSE4, result.path)


def test_replace_quantities_replaces_the_set_already_there(tmp_path):
    out = tmp_path / "replaced.ifc"
    result = bimquant.writeback(HOUSE4, out, RULES, PRICES, replace_quantities=True)
    by_name = {e.Name.split()[0]: e.GlobalId for e in ifcopenshell.open(str(HOUSE4)).by_type("IfcElement")}
    c1 = qtos(out)[by_name["C1"]]
    assert "Bimquant_BaseQuantities" not in c1
    assert c1["Qto_ColumnBaseQuantities"]["GrossVolume"] == pytest.approx(0.27)
    assert "CrossSectionArea" not in c1["Qto_ColumnBaseQuantities"]  # the authored set is gone whole
    assert result.info["sets_replaced"] == 5 and result.info["sets_beside"] == 0
    assert not new_validation_errors(HOUSE4, out)


def test_writing_back_into_a_written_model_writes_bimquants_sets_and_schedule_again(house4, tmp_path):
    result, _, budget, _ = house4
    again = tmp_path / "again.ifc"
    second = bimquant.writeback(result.path, again, RULES, PRICES)
    ifc = ifcopenshell.open(str(again))
    assert len(ifc.by_type("IfcCostSchedule")) == 1
    assert len(ifc.by_type("IfcCostItem")) == len(ifcopenshell.open(str(result.path)).by_type("IfcCostItem"))
    assert second.info["sets_rewritten"] == 14 and second.info["sets_beside"] == 5

    def without_ids(sets: dict) -> dict:
        return {
            gid: {name: {k: v for k, v in q.items() if k != "id"} for name, q in s.items()} for gid, s in sets.items()
        }

    assert without_ids(qtos(again)) == without_ids(qtos(result.path))  # the same sets, the same values
    assert_cost_schedule(again, budget, tmp_path / "csv")
    assert not new_validation_errors(HOUSE4, again)


def test_the_values_written_are_rounded_and_each_items_quantities_add_up_exactly(house4):
    """The house's figures are short decimals (sample_models/README.md): what is written is
    them, not 1.6000000000000014, and what ifcopenshell adds up for an item is the DPGF's."""
    result, _, budget, _ = house4
    sets = qtos(result.path)
    by_name = {e.Name.split()[0]: e.GlobalId for e in ifcopenshell.open(str(HOUSE4)).by_type("IfcElement")}
    w3 = sets[by_name["W3"]]["Bimquant_BaseQuantities"]  # 5.0 x 3.0 x 0.2 less the openings' (2 + 5) x 0.2
    assert (w3["GrossVolume"], w3["NetVolume"], w3["NetSideArea"]) == (3.0, 1.6, 8.0)
    assert sets[by_name["W2"]]["Qto_WallBaseQuantities"]["Length"] == 6.0
    # 02.03.01, the walls' concrete: W1 W2 0.2 x 6.0 x 3.0 = 3.6 each, W3 1.6, W4 0.2 x 4.0 x 2.6 = 2.08
    shares = [sets[by_name[n]]["Bimquant_WorkItems"]["02.03.01"] for n in ("W1", "W2", "W3", "W4")]
    assert shares == [3.6, 3.6, 1.6, 2.08]
    ifc = ifcopenshell.open(str(result.path))
    walls = next(i for i in ifc.by_type("IfcCostItem") if i.Identification == "02.03.01")
    assert ifcopenshell.util.cost.get_total_quantity(walls) == 10.88
    for qto in ifc.by_type("IfcElementQuantity"):
        if qto.MethodOfMeasurement == METHOD:
            decimals = 9 if qto.Name == "Bimquant_WorkItems" else 6
            for quantity in qto.Quantities:
                assert quantity[3] == round(quantity[3], decimals), (qto.Name, quantity.Name, quantity[3])
    quantities = budget.lines.set_index("code")["quantity"]
    for item in ifc.by_type("IfcCostItem"):
        if item.Identification in quantities.index:
            assert ifcopenshell.util.cost.get_total_quantity(item) == quantities[item.Identification]


def test_work_item_quantities_are_described_by_the_items_label_and_unit(house4):
    result, _, budget, _ = house4
    ifc = ifcopenshell.open(str(result.path))
    w3 = next(e for e in ifc.by_type("IfcWall") if e.Name.startswith("W3 "))
    (work,) = [
        r.RelatingPropertyDefinition
        for r in w3.IsDefinedBy
        if r.is_a("IfcRelDefinesByProperties") and r.RelatingPropertyDefinition.Name == "Bimquant_WorkItems"
    ]
    described = {q.Name: q.Description for q in work.Quantities}
    assert described["02.03.01"] == "Voiles en béton armé (m3)"  # rules/fr-lots.toml
    expected = {line.code: f"{line.label} ({line.unit})" for line in budget.lines.itertuples()}
    for qto in ifc.by_type("IfcElementQuantity"):
        if qto.Name == "Bimquant_WorkItems":
            assert {q.Description for q in qto.Quantities} == {expected[q.Name] for q in qto.Quantities}


# --- an exporter's "BaseQuantities" in IFC4 ---


def house_with_exporter_sets(path: Path) -> dict[str, str]:
    """The IFC4 sample house saved to ``path`` with an exporter's quantity set named
    "BaseQuantities" (the IFC2X3 name that ArchiCAD and Revit still write in IFC4) on S1, its
    GrossVolume 1000 times too large (Revit's mistake on Ifc4_SampleHouse), and on C1, which also
    carries an authored Qto_ColumnBaseQuantities. Returns name -> GlobalId."""
    ifc = ifcopenshell.open(str(HOUSE4))
    by_name = {e.Name.split()[0]: e for e in ifc.by_type("IfcElement")}
    for name, volume in (("S1", 7560.0), ("C1", 270.0)):
        qto = ifcopenshell.api.pset.add_qto(ifc, product=by_name[name], name="BaseQuantities")
        ifcopenshell.api.pset.edit_qto(ifc, qto=qto, properties={"GrossVolume": volume})
    ifc.write(str(path))
    return {name: element.GlobalId for name, element in by_name.items()}


def test_an_exporters_ifc4_base_quantities_set_is_kept_and_counted_without_replace_quantities(tmp_path):
    model = tmp_path / "house.ifc"
    ids = house_with_exporter_sets(model)
    out = tmp_path / "out.ifc"
    result = bimquant.writeback(model, out, RULES, PRICES)
    sets = qtos(out)
    s1, c1 = sets[ids["S1"]], sets[ids["C1"]]
    assert s1["BaseQuantities"]["GrossVolume"] == 7560.0  # the exporter's, untouched
    assert s1["Qto_SlabBaseQuantities"]["GrossVolume"] == pytest.approx(7.56)  # 6.0 x 6.3 x 0.2
    assert c1["BaseQuantities"]["GrossVolume"] == 270.0 == c1["Qto_ColumnBaseQuantities"]["GrossVolume"]
    assert c1["Bimquant_BaseQuantities"]["GrossVolume"] == pytest.approx(0.27)  # 0.3 x 0.3 x 3.0
    rows = result.elements.set_index("global_id")
    assert tuple(rows.loc[ids["S1"], ["set_name", "status"]]) == ("Qto_SlabBaseQuantities", "added")
    assert sorted(rows.loc[rows["legacy_set"] == "kept", "name"].str.split().str[0]) == ["C1", "S1"]
    assert result.info["legacy_sets_kept"] == 2 and result.info["sets_replaced"] == 0
    code, _, stderr = run("writeback", model, "--rules", RULES, "-o", tmp_path / "fr.ifc", "--locale", "fr")
    assert code == 0, stderr
    assert "2 élément(s) gardent aussi le jeu BaseQuantities de l'exportateur" in stderr


def test_replace_quantities_replaces_an_exporters_ifc4_base_quantities_set(tmp_path):
    model = tmp_path / "house.ifc"
    ids = house_with_exporter_sets(model)
    out = tmp_path / "out.ifc"
    result = bimquant.writeback(model, out, RULES, PRICES, replace_quantities=True)
    sets = qtos(out)
    s1, c1 = sets[ids["S1"]], sets[ids["C1"]]
    assert "BaseQuantities" not in s1 and "BaseQuantities" not in c1 and "Bimquant_BaseQuantities" not in c1
    assert s1["Qto_SlabBaseQuantities"]["GrossVolume"] == pytest.approx(7.56)
    assert c1["Qto_ColumnBaseQuantities"]["GrossVolume"] == pytest.approx(0.27)
    # the house's own Qto_ sets on C1 D1 S2 W1 W3, and S1's BaseQuantities
    assert result.info["sets_replaced"] == 6 and result.info["legacy_sets_kept"] == 0
    assert sorted(result.elements["legacy_set"].dropna()) == ["replaced", "replaced"]
    assert not new_validation_errors(model, out)
    code, _, stderr = run(
        "writeback", model, "--rules", RULES, "-o", tmp_path / "en.ifc", "--replace-quantities", "--locale", "en"
    )
    assert code == 0, stderr
    assert "6 replaced" in stderr and "keep the exporter's" not in stderr


def test_without_prices_the_items_are_written_without_a_value(tmp_path):
    out = tmp_path / "unpriced.ifc"
    result = bimquant.writeback(HOUSE4, out, RULES)
    ifc = ifcopenshell.open(str(out))
    assert ifc.by_type("IfcCostSchedule")[0].PredefinedType == "UNPRICEDBILLOFQUANTITIES"
    items = [i for i in ifc.by_type("IfcCostItem") if i.Identification and "." in i.Identification]
    assert len(items) == 48 and not any(i.CostValues for i in items)
    assert result.info["unpriced_items"] == 48
    assert result.items["unit_price"].isna().all()


# --- the sample house, IFC2X3 ---


def test_the_ifc2x3_house_gets_base_quantities_and_work_items_and_says_why_no_cost_schedule(tmp_path):
    measured_house = bimquant.takeoff(HOUSE2X3)
    budget = bimquant.estimate(measured_house, RULES, PRICES)
    out = tmp_path / "house2x3-5d.ifc"
    before = sha256(HOUSE2X3)
    result = bimquant.writeback(measured_house, out, RULES, PRICES)
    assert sha256(HOUSE2X3) == before
    assert_base_quantities(HOUSE2X3, out, measured_house, two_by_three=True)
    assert_work_items(out, budget)
    assert not ifcopenshell.open(str(out)).by_type("IfcCostSchedule")
    (reason,) = result.skipped[result.skipped["what"] == "cost schedule"]["reason"]
    assert "IFC2X3" in reason and "Bimquant_WorkItems" in reason
    assert not new_validation_errors(HOUSE2X3, out)


# --- the command ---


def test_command_writes_the_model_and_says_what_it_wrote(tmp_path):
    out = tmp_path / "house-5d.ifc"
    code, stdout, stderr = run("writeback", HOUSE4, "--rules", RULES, "--prices", PRICES, "-o", out, "--locale", "en")
    assert code == 0, stderr
    assert stdout == ""
    assert "19 element(s) given base quantities" in stderr and "48 items" in stderr
    assert stderr.strip().endswith(f"Written: {out}")
    assert ifcopenshell.open(str(out)).by_type("IfcCostSchedule")


def test_command_says_why_an_ifc2x3_model_has_no_cost_schedule_in_the_summarys_language(tmp_path):
    code, _, stderr = run(
        "writeback", HOUSE2X3, "--rules", RULES, "--prices", PRICES, "-o", tmp_path / "fr.ifc", "--locale", "fr"
    )
    assert code == 0, stderr
    (line,) = [line for line in stderr.splitlines() if "IFC2X3" in line and "->" not in line]
    assert line.startswith("Non écrit : devis : ") and "l'IfcCostItem d'IFC2X3 n'a ni quantités" in line
    assert "Bimquant_WorkItems" in line and "has no" not in stderr
    code, _, stderr = run(
        "writeback", HOUSE2X3, "--rules", RULES, "--prices", PRICES, "-o", tmp_path / "en.ifc", "--locale", "en"
    )
    assert "Skipped: cost schedule: IFC2X3's IfcCostItem has no quantities" in stderr


def test_command_refuses_to_write_over_its_model_and_writes_nothing(tmp_path):
    model = tmp_path / "house.ifc"
    model.write_bytes(HOUSE4.read_bytes())
    before = sha256(model)
    code, _, stderr = run("writeback", model, "--rules", RULES, "-o", model)
    assert code == 6
    assert_one_error(stderr, "refusing to write over the model")
    assert sha256(model) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["house.ifc"]


def test_command_refuses_another_output_than_ifc(tmp_path):
    code, _, stderr = run("writeback", HOUSE4, "--rules", RULES, "-o", tmp_path / "house.csv")
    assert code == 6
    assert_one_error(stderr, "IFC file")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("case", ["not IFC", "truncated"])
def test_command_refuses_a_model_that_fails_to_open_and_keeps_the_output_there(tmp_path, case):
    model = tmp_path / "model.ifc"
    text = HOUSE4.read_text(encoding="utf-8")
    model.write_text("just some text\n" if case == "not IFC" else text[: len(text) // 2], encoding="utf-8")
    out = tmp_path / "out.ifc"
    out.write_text("an earlier output", encoding="utf-8")
    code, _, stderr = run("writeback", model, "--rules", RULES, "-o", out)
    assert code == 3
    assert_one_error(stderr, "model.ifc")
    assert out.read_text(encoding="utf-8") == "an earlier output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.ifc", "out.ifc"]  # no temporary left


def test_importing_bimquant_prints_nothing_on_stdout():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", "import bimquant\nfrom bimquant.report.ifc import import_api\nimport_api()"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == ""


# --- real exports ---

real = [
    pytest.mark.real,
    pytest.mark.skipif(
        not SHARED_MODELS.is_dir(), reason=f"real IFC models not found at {SHARED_MODELS} (CI has them)"
    ),
]


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("AC11-Institute-Var-2-IFC.ifc", marks=real),  # IFC2X3, 699 elements, BaseQuantities on 229
        pytest.param("wall_door_columnt_rgb4x3.ifc", marks=real),  # IFC4X3 in feet, Qto_* sets already there
    ],
)
def test_real_model_written_back_opens_with_every_quantity_and_no_new_error(name, tmp_path):
    source = SHARED_MODELS / name
    before = sha256(source)
    measured_model = measured(source)
    budget = bimquant.estimate(measured_model, RULES, PRICES)
    out = tmp_path / name
    result = bimquant.writeback(measured_model, out, RULES, PRICES)
    assert sha256(source) == before
    two_by_three = ifcopenshell.open(str(source)).schema == "IFC2X3"
    assert_base_quantities(source, out, measured_model, two_by_three=two_by_three)
    assert_work_items(out, budget)
    if not two_by_three:
        assert_cost_schedule(out, budget, tmp_path / "csv")
    assert result.info["elements_with_quantities"] == len(measured_model.elements)
    assert not new_validation_errors(source, out)


@pytest.mark.parametrize("name", [pytest.param("AC20-FZK-Haus.ifc", marks=real)])  # IFC4, ArchiCAD
def test_real_ifc4_model_cost_schedule_exported_by_ifc5d_is_the_estimate(name, tmp_path):
    source = SHARED_MODELS / name
    measured_model = measured(source)
    budget = bimquant.estimate(measured_model, RULES, PRICES)
    out = tmp_path / name
    result = bimquant.writeback(measured_model, out, RULES, PRICES)
    assert_base_quantities(source, out, measured_model, two_by_three=False)
    assert_cost_schedule(out, budget, tmp_path / "csv")
    # ArchiCAD's "BaseQuantities" on its walls, slabs, beam, doors and windows: kept, and counted
    before, after = qtos(source), qtos(out)
    had = [gid for gid in measured_model.elements["global_id"] if "BaseQuantities" in before[gid]]
    assert len(had) == 34 and all("BaseQuantities" in after[gid] for gid in had)
    assert result.info["legacy_sets_kept"] == 34


@pytest.mark.parametrize("name", [pytest.param("Ifc4_SampleHouse.ifc", marks=real)])  # IFC4, Revit
def test_real_ifc4_model_exporters_base_quantities_are_replaced_with_replace_quantities(name, tmp_path):
    source = SHARED_MODELS / name
    measured_model = measured(source)
    budget = bimquant.estimate(measured_model, RULES, PRICES)
    out = tmp_path / name
    result = bimquant.writeback(measured_model, out, RULES, PRICES, replace_quantities=True)
    before, after = qtos(source), qtos(out)
    had = [gid for gid in measured_model.elements["global_id"] if "BaseQuantities" in before[gid]]
    assert len(had) == 14  # Revit's on 3 coverings, 3 doors, 2 slabs, 2 walls, 4 windows (and the openings)
    assert not any("BaseQuantities" in after[gid] for gid in had)
    assert result.info["sets_replaced"] == 14 and result.info["legacy_sets_kept"] == 0
    slab = "3cUkl32yn9qRSPvBJVyWgQ"  # Revit wrote its volume in litres: 68713.56 for 68.71 m3
    assert before[slab]["BaseQuantities"]["GrossVolume"] == pytest.approx(68713.56, abs=0.01)
    assert after[slab]["Qto_SlabBaseQuantities"]["GrossVolume"] == pytest.approx(68.71, abs=0.01)
    assert_work_items(out, budget)
    assert_cost_schedule(out, budget, tmp_path / "csv")
