"""An estimate that knows what it does not know (issue 22): coverage, reserves, provenance.

``sample_models/reserves_ifc4.ifc`` (built by ``sample_models/generate_reserves.py``, its
quantities worked out in ``sample_models/README.md``) holds what real exports do to an estimate:
walls of sand-lime block parts no item prices, a wall with an opening of unknown area, a door
and a wall whose bodies fail (the wall with authored quantities the exporter states right
elsewhere), and a wall without material that goes to a line labelled "(à préciser)".
"""

from __future__ import annotations

import json
import subprocess
import sys

import ifcopenshell
import openpyxl
import pytest

from conftest import ROOT, parts_level, run

import bimquant
from bimquant.rules.apply import BUILDING_STATUSES, STATUSES

MODEL = ROOT / "sample_models" / "reserves_ifc4.ifc"
RULES = parts_level(ROOT / "rules" / "fr-lots.toml")  # the walls of block parts stay a gap
PRICES = ROOT / "rules" / "fr-prix.csv"


@pytest.fixture(scope="module")
def budget():
    return bimquant.estimate(MODEL, RULES, PRICES)


def by_name(work) -> dict[str, dict]:
    return {row["name"]: row for row in work.reconciliation.to_dict(orient="records")}


def test_every_element_has_exactly_one_status(budget):
    measured = bimquant.takeoff(MODEL)
    table = budget.work.reconciliation

    assert len(table) == len(measured.elements) + len(measured.failures) + len(measured.excluded) == 17
    assert table["global_id"].is_unique
    assert set(table["verdict"]) <= set(STATUSES)
    found = {name: row["verdict"] for name, row in by_name(budget.work).items()}
    assert [found[f"WP{w} block wall block {i}"] for w in (1, 2) for i in range(1, 5)] == ["not_priced"] * 8
    assert found["WP1 block wall"] == found["WP2 block wall"] == "represented_by_parts"
    assert found["O1 door opening in W2"] == found["O2 opening without a body in W2"] == "not_building_work"
    assert found["S1 ground slab"] == found["W3 wall without material"] == "priced_once"
    assert found["D1 door with a broken body"] == "priced_once"  # a count needs no geometry
    assert found["W4 wall with a broken body"] == "priced_once"  # from its stated quantities
    assert "its 4 parts carry the price (4 not priced)" in by_name(budget.work)["WP1 block wall"]["reason"]


def test_coverage_by_count_and_by_measure(budget):
    coverage = budget.work.coverage

    # building work: S1, W2, W3, W4, D1 and the 8 parts (the 2 aggregates and 2 openings are not)
    assert coverage["building_elements"] == 13 and coverage["elements_priced"] == 5
    assert sum(coverage[s] for s in STATUSES) == coverage["elements"] == 17
    # by hand: S1 7.2 + W2 (3.0 - door 0.4) 2.6 + W3 2.4 + W4 1.5 (stated) = 13.7 m3 priced;
    # + 8 blocks x 0.5 = 4.0 m3 not priced; D1's volume is unknown (its body failed)
    assert coverage["net_volume_priced_m3"] == pytest.approx(13.7)
    assert coverage["net_volume_m3"] == pytest.approx(17.7)
    assert coverage["volume_share"] == pytest.approx(round(13.7 / 17.7, 4))
    assert coverage["volume_unknown_elements"] == 0  # D1 is priced (by count): its unknown volume is no gap
    assert coverage["doors_windows"] == coverage["doors_windows_priced"] == 1
    assert coverage["below_threshold"] and not coverage["complete"]
    gap = coverage["gaps"][0]
    assert (gap["status"], gap["ifc_class"], gap["material"], gap["elements"]) == (
        "not_priced",
        "IfcBuildingElementPart",
        "Kalksandstein KS 20",
        8,
    )
    assert gap["net_volume_m3"] == pytest.approx(4.0)


def test_no_total_holds_a_value_that_is_not_finite(budget):
    lines = budget.lines
    assert lines["quantity"].map(lambda q: q == q and abs(q) != float("inf")).all()
    assert budget.work.items["quantity"].notna().all()
    for key, value in budget.totals.items():
        if isinstance(value, float):
            assert value == value and abs(value) != float("inf"), key


def test_complete_is_false_with_the_count_of_each_reason(budget):
    assert budget.totals["complete"] is False
    assert budget.totals["incomplete"] == {"placeholder_lines": 1, "not_priced": 8}


def test_each_line_says_where_its_quantity_comes_from(budget):
    lines = budget.lines.set_index("code")
    assert lines.loc["02.02.01", "provenance"] == "mesh 1"
    # W2's opening O2 has no body: measured through, said as an estimate; W4 from its stated values
    assert lines.loc["02.03.01", "provenance"] == "authored 1, estimated 1"
    assert lines.loc["02.03.01", "quantity"] == pytest.approx(2.6 + 1.5)
    assert lines.loc["06.01.01", "provenance"] == "count 1" and lines.loc["06.01.01", "quantity"] == 1
    assert bool(lines.loc["02.04.02", "placeholder"]) and not lines["placeholder"].drop("02.04.02").any()
    trace = budget.trace.set_index(["name", "code"])
    door = trace.loc[("D1 door with a broken body", "06.01.01")]
    assert door["provenance"] == "count" and door["contribution"] == 1
    wall = trace.loc[("W2 concrete wall with openings", "09.01.01")]
    assert "area unknown: measured through" in wall["openings_measured_through"]
    failed = bimquant.takeoff(MODEL).failures.set_index("name")
    assert (
        "agrees with the geometry on 2 of 2 other IfcWall"
        in failed.loc["W4 wall with a broken body", "quantity_source"]
    )


def test_a_stated_quantity_is_refused_when_the_exporter_is_not_shown_right(tmp_path):
    model = ifcopenshell.open(str(MODEL))
    for wall in ("W2 concrete wall with openings", "W3 wall without material"):
        element = next(e for e in model.by_type("IfcWall") if e.Name == wall)
        for rel in element.IsDefinedBy:
            if rel.RelatingPropertyDefinition.is_a("IfcElementQuantity"):
                for quantity in rel.RelatingPropertyDefinition.Quantities:
                    if quantity.is_a("IfcQuantityVolume"):  # an exporter that writes litres
                        quantity.VolumeValue = quantity.VolumeValue * 1000
    path = tmp_path / "x1000.ifc"
    model.write(str(path))

    work = bimquant.takeoff(path, rules=RULES).work

    row = by_name(work)["W4 wall with a broken body"]
    assert row["verdict"] == "geometry_failed"
    assert "NetVolume agrees with the geometry on 0 of 2 other IfcWall" in row["reason"]


def test_the_console_says_the_coverage_and_names_the_parts(tmp_path):
    out = tmp_path / "dpgf.xlsx"
    code, _, stderr = run("estimate", MODEL, "-r", RULES, "-p", PRICES, "-o", out)

    assert code == 0
    assert "Couverture : 5 élément(s) chiffré(s) une fois sur 13, 77,4\u00a0% de 17,7 m3 de volume bâti" in stderr
    warning = next(line for line in stderr.splitlines() if line.startswith("Attention : seulement"))
    assert "seuil 98,0\u00a0%" in warning and "8 non chiffré(s)" in warning
    assert "8 IfcBuildingElementPart / Kalksandstein KS 20, 4,0 m3, non chiffré(s)" in stderr
    assert "02.04.02" in stderr and "reste à préciser" in stderr
    code, _, stderr = run("estimate", MODEL, "-r", RULES, "-p", PRICES, "--locale", "en")
    assert "Coverage: priced once 5 of 13 elements, 77.4\u00a0% of 17.7 m3 of building volume" in stderr
    assert "Warning: only 77.4\u00a0% of the building volume is priced once" in stderr


@pytest.mark.parametrize("command", ["order", "takeoff", "report"])
def test_every_command_that_prices_prints_the_coverage_line(command, tmp_path):
    args = {
        "order": ("order", MODEL, "-r", RULES, "--recipes", ROOT / "rules" / "fr-recettes.toml"),
        "takeoff": ("takeoff", MODEL, "--rules", RULES, "-f", "json"),
        "report": ("report", MODEL, "-r", RULES, "-p", PRICES, "-o", tmp_path / "r.html"),
    }[command]
    code, _, stderr = run(*args)
    assert code == 0, stderr
    assert "Couverture : 5 élément(s) chiffré(s) une fois sur 13" in stderr
    assert "Attention : seulement 77,4" in stderr
    if command == "order":
        assert "aucun matériau n'est commandé pour les 8 élément(s)" in stderr


def test_the_client_dpgf_carries_a_reserves_sheet(tmp_path):
    out = tmp_path / "dpgf.xlsx"
    assert run("estimate", MODEL, "-r", RULES, "-p", PRICES, "-o", out)[0] == 0

    book = openpyxl.load_workbook(out)
    assert "Réserves" in book.sheetnames
    rows = [row for row in book["Réserves"].iter_rows(min_row=4, values_only=True) if any(row)]
    parts = next(row for row in rows if row[0] == "IfcBuildingElementPart")
    assert parts[1:6] == ("Éléments non chiffrés", "Kalksandstein KS 20", "Rez-de-chaussée", 8, 4.0)
    assert "aucun article" in parts[7]
    placeholder = next(row for row in rows if row[1] == "Libellé à préciser")
    assert placeholder[0].startswith("02.04.02 ")
    assert not any("GlobalId" in str(cell) for row in book["Réserves"].iter_rows(values_only=True) for cell in row)
    recap = [cell for row in book["Récapitulatif"].iter_rows(values_only=True) for cell in row if cell]
    assert "Sous réserves : voir la feuille « Réserves »" in recap
    lot = book["02 Gros oeuvre"]
    marks = {row[0]: row[6] for row in lot.iter_rows(min_row=4, values_only=True) if row[0]}
    assert marks["02.04.02"] == marks["02.03.01"] == "sous réserve" and marks["02.02.01"] is None


def test_the_internal_view_lists_the_elements_with_their_global_ids(tmp_path):
    out = tmp_path / "interne.xlsx"
    assert run("estimate", MODEL, "-r", RULES, "-p", PRICES, "--view", "internal", "-o", out)[0] == 0

    sheet = openpyxl.load_workbook(out)["Réserves"]
    parts = next(row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0] == "IfcBuildingElementPart")
    ids = set(parts[8].split())
    model = ifcopenshell.open(str(MODEL))
    assert ids == {e.GlobalId for e in model.by_type("IfcBuildingElementPart")}
    assert parts[9] == "aucun ouvrage ne prend IfcBuildingElementPart"  # bimquant's reason, in the sheet's French


def test_the_json_has_the_reserves_table_and_complete_false(tmp_path):
    code, stdout, _ = run("estimate", MODEL, "-r", RULES, "-p", PRICES, "-f", "json")
    data = json.loads(stdout)

    assert data["info"]["totals"]["complete"] is False
    kinds = {(r["kind"], r["status"], r.get("code") or r.get("ifc_class")) for r in data["reserves"]}
    assert ("elements", "not_priced", "IfcBuildingElementPart") in kinds
    assert ("line", "placeholder", "02.04.02") in kinds
    assert ("line", "provenance", "06.01.01") in kinds


def test_strict_refuses_an_incomplete_estimate(tmp_path):
    out = tmp_path / "dpgf.xlsx"
    code, _, stderr = run("estimate", MODEL, "-r", RULES, "-p", PRICES, "--strict", "-o", out)

    assert code == 7 and not out.exists()
    assert stderr.startswith("Error: the estimate is incomplete (--strict): 1 line(s) whose label is a placeholder")
    assert "8 element(s) not priced" in stderr
    code, _, _ = run("takeoff", bimquant_house(), "--rules", RULES, "--strict", "-f", "json")
    assert code == 0  # the sample house is priced whole


def bimquant_house():
    return ROOT / "sample_models" / "house_ifc4.ifc"


def test_batch_marks_the_model_incomplete_and_lists_it_first(tmp_path):
    out = tmp_path / "portefeuille.json"
    code, _, stderr = run("batch", bimquant_house(), MODEL, "-r", RULES, "-p", PRICES, "-o", out, "--strict")

    assert code == 7
    models = json.loads(out.read_text(encoding="utf-8"))["models"]
    assert [m["file"].rsplit("/", 1)[-1] for m in models] == ["reserves_ifc4.ifc", "house_ifc4.ifc"]
    assert [m["complete"] for m in models] == [False, True]
    assert models[0]["incomplete"] == "1 placeholder_lines, 8 not_priced"
    assert "1 maquette(s) chiffrée(s) incomplètement" in stderr


def test_regenerating_gives_the_same_elements(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "sample_models" / "generate_reserves.py"), "--out-dir", str(tmp_path)],
        check=True,
        capture_output=True,
    )

    def identities(path):
        return sorted((e.GlobalId, e.is_a(), e.Name or "") for e in ifcopenshell.open(str(path)).by_type("IfcRoot"))

    assert identities(tmp_path / MODEL.name) == identities(MODEL)


def test_building_statuses_are_statuses():
    assert set(BUILDING_STATUSES) < set(STATUSES)


# --- every shared export, with each shipped rule set: the invariants hold ------------------------

SHARED = ROOT.parent / "shared" / "models"
SHARED_NAMES = sorted(p.name for p in SHARED.glob("*.ifc")) if SHARED.is_dir() else []
RULE_SETS = [("fr-lots.toml", "fr-prix.csv"), ("en-trades.toml", "en-prices.csv")]


@pytest.mark.real
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"real IFC models not found at {SHARED} (CI has them)")
@pytest.mark.parametrize("rules,prices", RULE_SETS)
@pytest.mark.parametrize("name", SHARED_NAMES)
def test_every_export_is_reconciled_whole_and_complete_means_covered(name, rules, prices):
    from measured import measured

    takeoff = measured(SHARED / name)
    budget = bimquant.estimate(takeoff, ROOT / "rules" / rules, ROOT / "rules" / prices)
    work, coverage = budget.work, budget.work.coverage
    table = work.reconciliation

    # one status per element of the takeoff, adding up to its count
    assert len(table) == len(takeoff.elements) + len(takeoff.failures) + len(takeoff.excluded)
    assert table["global_id"].is_unique and set(table["verdict"]) <= set(STATUSES)
    assert sum(coverage[s] for s in STATUSES) == coverage["elements"] == len(table)
    assert coverage["building_elements"] == sum(coverage[s] for s in BUILDING_STATUSES)
    assert table.loc[table["verdict"] != "priced_once", "reason"].str.len().gt(0).all()
    # no total holds a value that is not finite
    for frame, column in ((work.items, "quantity"), (budget.lines, "quantity"), (budget.lines, "amount")):
        values = frame[column].dropna() if column == "amount" else frame[column]
        assert values.map(lambda v: abs(v) < float("inf")).all(), (frame, column)
    assert all(v == v and abs(v) < float("inf") for v in budget.totals.values() if isinstance(v, float))
    # complete only when every building element is priced once and no line waits for a decision
    covered = coverage["elements_priced"] == coverage["building_elements"]
    assert coverage["complete"] == covered
    expected = covered and not budget.totals["unpriced_items"] and not budget.lines["placeholder"].any()
    assert budget.totals["complete"] == expected
    if not expected:
        with pytest.raises((bimquant.IncompleteError, bimquant.RuleError)):  # counted twice: a rule mistake, 4
            bimquant.estimate(takeoff, ROOT / "rules" / rules, ROOT / "rules" / prices, strict=True)
    # the reserves list every building element not priced once, once
    listed = budget.reserves[budget.reserves["kind"] == "elements"]
    assert listed["elements"].sum() == coverage["building_elements"] - coverage["elements_priced"]
    ids = " ".join(listed["global_ids"]).split()
    assert len(ids) == len(set(ids)) == listed["elements"].sum()


def test_the_order_book_lists_what_is_not_ordered(tmp_path):
    out = tmp_path / "commandes.xlsx"
    assert run("order", MODEL, "-r", RULES, "--recipes", ROOT / "rules" / "fr-recettes.toml", "-o", out)[0] == 0

    rows = list(openpyxl.load_workbook(out)["Non commandé"].iter_rows(min_row=4, values_only=True))
    assert rows == [("non chiffré", "IfcBuildingElementPart", "Kalksandstein KS 20", None, 8, 4, rows[0][6])]


def test_a_double_count_names_its_lines_and_marks_them_in_the_client_dpgf(tmp_path):
    from test_reconciliation import MASONRY, TIMBER_FRAME, rules

    path = rules(tmp_path, MASONRY, TIMBER_FRAME)
    prices = tmp_path / "prix.csv"
    prices.write_text("code,unit,unit_price\n02.04.01,m2,80\n03.03.01,m2,120\n", encoding="utf-8")
    out = tmp_path / "dpgf.xlsx"
    assert run("estimate", bimquant_house(), "-r", path, "-p", prices, "-o", out)[0] == 0

    book = openpyxl.load_workbook(out)
    rows = [row for row in book["Réserves"].iter_rows(min_row=4, values_only=True) if row[0]]
    twice = [row for row in rows if row[1] == "Comptés deux fois" and row[0].startswith("IfcWall")]
    assert twice and all(row[7].endswith(" : 02.04.01, 03.03.01") for row in twice)  # W1 and W2: the layered walls
    assert {row[0].split()[0] for row in rows if row[1] == "Comptés deux fois" and not row[0].startswith("Ifc")} == {
        "02.04.01",
        "03.03.01",
    }
    marks = {row[0]: row[6] for sheet in book.worksheets[1:-1] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert marks["02.04.01"] == marks["03.03.01"] == "sous réserve"
