"""`bimquant estimate` on the sample house: every euro recomputed by hand, to the cent.

The test rule set below has five items whose quantities come from the hand arithmetic of
sample_models/README.md; the test price library prices them. The expected amounts, lot
subtotals, overheads, margin and VAT are computed here with ``Decimal`` and ROUND_HALF_UP,
following README.md ("bimquant estimate", Rounding):

- amount = ROUND(quantity x unit price, 2), a lot subtotal is the sum of its amounts;
- direct cost = sum of the amounts;
- site overheads, general overheads, contingency = ROUND(direct cost x rate, 2) each;
- margin = ROUND((direct cost + those three) x rate, 2);
- total excl. VAT = direct cost + the three + margin; VAT = ROUND(total excl. VAT x rate, 2).

The workbook is recalculated by LibreOffice headless (skipped when ``soffice`` is not on PATH),
so "a spreadsheet recomputes every figure to the cent" is checked by a spreadsheet.
"""

from __future__ import annotations

import csv
import json
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import ifcopenshell
import openpyxl
import pytest

from conftest import soffice_to_xlsx, run
from bimquant.errors import RuleError
from bimquant.estimate import check_price_units, load_prices
from bimquant.rules import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
HOUSE = ROOT / "sample_models" / "house_ifc4.ifc"
SHIPPED = {
    "fr": (ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"),
    "en": (ROOT / "rules" / "en-trades.toml", ROOT / "rules" / "en-prices.csv"),
}
SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH: the workbook cannot be recalculated"
)

CENT = Decimal("0.01")
D = Decimal

# --- the test rule set and its quantities, by hand from sample_models/README.md ------------------

RULES = """\
[ruleset]
name = "Test estimate"
language = "{language}"

# W1, W2: concrete layer 0.2 of 0.3 -> 6 x 3 x 0.2 = 3.6 m3 each; W3 5 x 3 x 0.2 = 3.0 gross, its
# door (2 m2) and window (5 m2) both above 1 m2 -> 3.0 - 0.4 - 1.0 = 1.6; W4 4 x 2.6 x 0.2 = 2.08.
[[item]]
code = "T.01"
lot = "{lot_a}"
label = "Voiles en béton armé"
unit = "m3"
select = {{ class = "IfcWall", layer = "*béton*" }}
quantity = "gross_volume_m3"
openings = {{ deduct_above_m2 = 1.0 }}

# C1 0.3 x 0.3 x 3 = 0.27 + SF1 0.6 x 1.0 = 0.6 -> 0.87 m3 (C2 is glulam: not selected).
[[item]]
code = "T.02"
lot = "{lot_a}"
label = "Poteaux et escaliers en béton armé"
unit = "m3"
select = {{ class = ["IfcColumn", "IfcStairFlight"], material = "*béton*" }}
quantity = "net_volume_m3"

# Both faces of every wall; on W3 the 5 m2 window is deducted (> 2.5 m2), the 2 m2 door is
# painted through: W1 W2 18 x 2 = 36 each, W3 (15 - 5) x 2 = 20, W4 10.4 x 2 = 20.8 -> 112.8 m2.
[[item]]
code = "T.03"
lot = "B Finitions"
label = '{painting_label}'
unit = "m2"
select = {{ class = "IfcWall" }}
quantity = "gross_side_area_m2 * 2"
openings = {{ deduct_above_m2 = 2.5 }}

# D1: 1 door.
[[item]]
code = "T.04"
lot = "C Menuiseries"
label = "Portes"
unit = "u"
select = {{ class = "IfcDoor" }}
quantity = "count"

# CV1 floor tiles 2.7 x 6.0 = 16.2 m2 (CV2 is a ceiling).
[[item]]
code = "T.05"
lot = "B Finitions"
label = "Revêtements de sols"
unit = "m2"
select = {{ class = "IfcCovering", predefined_type = "FLOORING" }}
quantity = "gross_area_m2"
"""

QUANTITIES = {
    "T.01": D("6") * 3 * D("0.2") * 2 + (D("5") * 3 - 1 * 2 - 2 * D("2.5")) * D("0.2") + 4 * D("2.6") * D("0.2"),
    "T.02": D("0.3") * D("0.3") * 3 + D("0.6") * D("1.0"),
    "T.03": (6 * 3 * 2) * 2 + (5 * 3 - 2 * D("2.5")) * 2 + 4 * D("2.6") * 2,
    "T.04": D(1),
    "T.05": D("2.7") * 6,
}
LOTS = {
    "T.01": "A Structure",
    "T.02": "A Structure",
    "T.03": "B Finitions",
    "T.04": "C Menuiseries",
    "T.05": "B Finitions",
}
PRICES = {"T.01": D("187.35"), "T.02": D("649.50"), "T.03": D("12.35"), "T.04": D("452.00"), "T.05": D("61.75")}
UNITS = {"T.01": "m3", "T.02": "m3", "T.03": "m2", "T.04": "u", "T.05": "m2"}
DEFAULT_RATES = {
    "site_overheads_pct": D(8),
    "general_overheads_pct": D(12),
    "contingency_pct": D(3),
    "margin_pct": D(5),
    "vat_pct": D(20),
}
FLOOR_AREA = 2 * D("6") * D("6.3")  # S1 + S2 gross main faces, 37.8 m2 each
TOTAL_KEYS = (
    "direct_cost",
    "site_overheads",
    "general_overheads",
    "contingency",
    "margin",
    "total_excl_vat",
    "vat",
    "total_incl_vat",
)

# French labels of the DPGF sheet: where the test finds each total in column B.
DPGF_TOTALS = {
    "direct_cost": "Total déboursé sec",
    "site_overheads": "Frais de chantier",
    "general_overheads": "Frais généraux",
    "contingency": "Aléas",
    "margin": "Marge",
    "total_excl_vat": "Total HT",
    "vat": "TVA",
    "total_incl_vat": "Total TTC",
}


def r2(value: Decimal) -> Decimal:
    """A spreadsheet's ROUND(x, 2): half up, on the exact decimal value."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def by_hand(prices: dict[str, Decimal] = PRICES, rates: dict[str, Decimal] = DEFAULT_RATES) -> dict:
    """The whole budget with the README conventions; an item without a price adds nothing."""
    amounts = {code: r2(r2(QUANTITIES[code]) * prices[code]) for code in QUANTITIES if code in prices}
    lots: dict[str, Decimal] = {}
    for code, lot in LOTS.items():
        lots[lot] = lots.get(lot, D(0)) + amounts.get(code, D(0))
    direct = sum(amounts.values(), D(0))
    site = r2(direct * rates["site_overheads_pct"] / 100)
    general = r2(direct * rates["general_overheads_pct"] / 100)
    contingency = r2(direct * rates["contingency_pct"] / 100)
    margin = r2((direct + site + general + contingency) * rates["margin_pct"] / 100)
    total_excl = direct + site + general + contingency + margin
    vat = r2(total_excl * rates["vat_pct"] / 100)
    return {
        "amounts": amounts,
        "lots": lots,
        "direct_cost": direct,
        "site_overheads": site,
        "general_overheads": general,
        "contingency": contingency,
        "margin": margin,
        "total_excl_vat": total_excl,
        "vat": vat,
        "total_incl_vat": total_excl + vat,
        "cost_per_m2_excl_vat": r2(total_excl / FLOOR_AREA),
    }


def cents(value: float) -> Decimal:
    """A figure read from JSON or a recalculated workbook, to the cent, after checking that it
    is a whole number of cents (a float sum may carry 1e-12 of noise, never more)."""
    assert value is not None
    exact = D(repr(float(value)))
    assert abs(exact - r2(exact)) < D("1e-6"), f"{value} is not a whole number of cents"
    return r2(exact)


def test_the_hand_arithmetic_itself():
    # Written out once so that a reader can check the test's own numbers with a pencil.
    assert QUANTITIES == {"T.01": D("10.88"), "T.02": D("0.87"), "T.03": D("112.8"), "T.04": 1, "T.05": D("16.2")}
    budget = by_hand()
    assert budget["amounts"] == {
        "T.01": D("2038.37"),  # 10.88 x 187.35 = 2038.368
        "T.02": D("565.07"),  # 0.87 x 649.50 = 565.065: half up (a float product gives 565.0649999...)
        "T.03": D("1393.08"),  # 112.8 x 12.35
        "T.04": D("452.00"),
        "T.05": D("1000.35"),  # 16.2 x 61.75
    }
    assert budget["direct_cost"] == D("5448.87")
    assert (budget["site_overheads"], budget["general_overheads"], budget["contingency"]) == (
        D("435.91"),
        D("653.86"),
        D("163.47"),
    )  # 435.9096, 653.8644, 163.4661
    assert budget["margin"] == D("335.11")  # 6702.11 x 5% = 335.1055
    assert budget["total_excl_vat"] == D("7037.22")
    assert budget["vat"] == D("1407.44")  # 1407.444
    assert budget["total_incl_vat"] == D("8444.66")


# --- helpers ------------------------------------------------------------------------------------


def write_rules(
    folder: Path,
    *,
    language: str = "fr",
    lot_a: str = "A Structure",
    painting_label: str = "Peinture des murs, deux faces",
) -> Path:
    path = folder / f"rules-{language}.toml"
    path.write_text(RULES.format(language=language, lot_a=lot_a, painting_label=painting_label), encoding="utf-8")
    return path


def write_prices(folder: Path, prices: dict[str, Decimal] = PRICES, name: str = "prices.csv") -> Path:
    path = folder / name
    lines = ["code,unit,unit_price,currency,source"]
    lines += [f"{code},{UNITS[code]},{price},EUR,test" for code, price in prices.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def estimate_json(rules: Path, prices: Path, *extra) -> dict:
    code, stdout, stderr = run(
        "estimate", HOUSE, "--rules", rules, "--prices", prices, "--format", "json", "-q", *extra
    )
    assert code == 0, stderr
    return json.loads(stdout)


def assert_matches_hand(data: dict, expected: dict) -> None:
    """Every amount, lot subtotal and total of a JSON estimate against the hand budget."""
    lines = {line["code"]: line for line in data["lines"]}
    for code, amount in expected["amounts"].items():
        assert cents(lines[code]["quantity"]) == r2(QUANTITIES[code]), code
        assert cents(lines[code]["amount"]) == amount, code
    lots = {lot["lot"]: lot for lot in data["lots"]}
    assert {lot: cents(row["amount"]) for lot, row in lots.items()} == expected["lots"]
    totals = data["info"]["totals"]
    for key in TOTAL_KEYS:
        assert cents(totals[key]) == expected[key], key


def only_error_line(stderr: str) -> str:
    """The single 'Error: ...' line of a refused command (a 'Hint: ...' may follow)."""
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    assert "Traceback" not in stderr
    return errors[0]


def folder_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.fixture
def house_files(tmp_path) -> tuple[Path, Path]:
    return write_rules(tmp_path), write_prices(tmp_path)


# --- 1. the JSON estimate, to the cent ----------------------------------------------------------


def test_json_estimate_matches_the_hand_budget_to_the_cent(house_files):
    rules, prices = house_files

    data = estimate_json(rules, prices)

    expected = by_hand()
    assert_matches_hand(data, expected)
    assert [line["code"] for line in data["lines"]] == list(QUANTITIES)
    assert all(line["priced"] and line["currency"] == "EUR" for line in data["lines"])
    assert [lot["lot"] for lot in data["lots"]] == ["A Structure", "B Finitions", "C Menuiseries"]
    assert [lot["items"] for lot in data["lots"]] == [2, 2, 1]
    totals = data["info"]["totals"]
    assert totals["unpriced_items"] == 0 and data["unpriced"] == []
    # these five items price part of the house: the estimate says so, and which elements it leaves
    assert totals["complete"] is False and set(totals["incomplete"]) == {"not_priced"}
    assert totals["incomplete"]["not_priced"] == data["info"]["coverage"]["not_priced"] > 0
    assert data["info"]["rates"] == {k: float(v) for k, v in DEFAULT_RATES.items()}
    ratios = data["info"]["ratios"]
    assert cents(ratios["gross_floor_area_m2"]) == FLOOR_AREA == D("75.6")
    assert cents(ratios["cost_per_m2_excl_vat"]) == expected["cost_per_m2_excl_vat"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_shipped_rules_and_prices_give_consistent_totals(language):
    rules, prices = SHIPPED[language]

    data = estimate_json(rules, prices)

    t = {key: cents(data["info"]["totals"][key]) for key in TOTAL_KEYS}
    rates = {k: D(repr(v)) for k, v in data["info"]["rates"].items()}
    priced = [line for line in data["lines"] if line["priced"]]
    # Completeness of the shipped price list is test_rulesets.py's business; here: consistency.
    unpriced = {line["code"] for line in data["lines"] if not line["priced"]}
    assert {row["code"] for row in data["unpriced"]} == unpriced
    assert data["info"]["totals"]["complete"] is (not unpriced)
    assert data["info"]["totals"]["unpriced_items"] == len(unpriced)
    for line in priced:
        assert cents(line["amount"]) == r2(D(repr(line["quantity"])) * D(repr(line["unit_price"]))), line["code"]
    for lot in data["lots"]:
        assert cents(lot["amount"]) == sum(
            (cents(line["amount"]) for line in priced if line["lot"] == lot["lot"]), D(0)
        ), lot["lot"]
    assert t["direct_cost"] == sum((cents(lot["amount"]) for lot in data["lots"]), D(0))
    assert t["direct_cost"] > 0
    assert t["site_overheads"] == r2(t["direct_cost"] * rates["site_overheads_pct"] / 100)
    assert t["general_overheads"] == r2(t["direct_cost"] * rates["general_overheads_pct"] / 100)
    assert t["contingency"] == r2(t["direct_cost"] * rates["contingency_pct"] / 100)
    before_margin = t["direct_cost"] + t["site_overheads"] + t["general_overheads"] + t["contingency"]
    assert t["margin"] == r2(before_margin * rates["margin_pct"] / 100)
    assert t["total_excl_vat"] == before_margin + t["margin"]
    assert t["vat"] == r2(t["total_excl_vat"] * rates["vat_pct"] / 100)
    assert t["total_incl_vat"] == t["total_excl_vat"] + t["vat"]


# --- 2. the workbook, recalculated by LibreOffice -----------------------------------------------


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory) -> Path:
    """A LibreOffice user profile of this test run's own, so parallel runs do not clash."""
    return tmp_path_factory.mktemp("lo")


def recalculate(path: Path, profile: Path) -> Path:
    """Open ``path`` in LibreOffice headless and save it again: every formula gets its value."""
    return soffice_to_xlsx(path, path.parent / f"recalculated-{path.stem}", profile, timeout=60)


def read_dpgf(path: Path) -> dict:
    """Values of a recalculated DPGF sheet: lines by code, subtotals by lot, totals by key."""
    sheet = openpyxl.load_workbook(path, data_only=True)["DPGF"]
    labels = {label: key for key, label in DPGF_TOTALS.items()}
    found: dict = {"lines": {}, "lots": {}}
    for a, b, _, d, e, f, *_ in sheet.iter_rows(min_row=4, values_only=True):
        if a in QUANTITIES:
            found["lines"][a] = {"quantity": d, "unit_price": e, "amount": f}
        elif isinstance(b, str) and b.startswith("Sous-total ") and b != "Sous-total HT hors marge":
            found["lots"][b.removeprefix("Sous-total ")] = f
        elif b in labels:
            found[labels[b]] = f
    return found


def assert_dpgf_matches_hand(values: dict, expected: dict) -> None:
    for code, amount in expected["amounts"].items():
        assert cents(values["lines"][code]["amount"]) == amount, code
    assert {lot: cents(v) for lot, v in values["lots"].items()} == expected["lots"]
    for key in TOTAL_KEYS:
        assert cents(values[key]) == expected[key], key


def line_rows(sheet) -> dict[str, int]:
    return {
        sheet.cell(row, 1).value: row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value in QUANTITIES
    }


@needs_soffice
def test_recalculated_workbook_gives_the_json_totals(tmp_path, house_files, lo_profile):
    rules, prices = house_files
    data = estimate_json(rules, prices)
    out = tmp_path / "dpgf.xlsx"
    code, _, stderr = run(
        "estimate", "--view", "internal", HOUSE, "--rules", rules, "--prices", prices, "-o", out, "-q"
    )
    assert code == 0, stderr
    sheet = openpyxl.load_workbook(out)["DPGF"]
    for row in line_rows(sheet).values():
        assert sheet.cell(row, 6).data_type == "f"  # amounts are live formulas, not numbers

    values = read_dpgf(recalculate(out, lo_profile))

    expected = by_hand()
    assert_dpgf_matches_hand(values, expected)
    for key in TOTAL_KEYS:
        assert cents(values[key]) == cents(data["info"]["totals"][key]), key
    for line in data["lines"]:
        assert cents(values["lines"][line["code"]]["amount"]) == cents(line["amount"]), line["code"]


@needs_soffice
@pytest.mark.parametrize(
    "code, new_price",
    [
        ("T.03", D("13.10")),  # 112.8 x 13.10 = 1477.68: no rounding, the direct cost moves by 112.8 x 0.75
        ("T.02", D("700.25")),  # 0.87 x 700.25 = 609.2175 -> 609.22: the amount moves by 44.15, not 44.1525
    ],
)
def test_changing_a_unit_price_in_the_workbook_moves_the_totals_as_the_readme_says(
    tmp_path, house_files, lo_profile, code, new_price
):
    rules, prices = house_files
    out = tmp_path / "dpgf.xlsx"
    assert run("estimate", "--view", "internal", HOUSE, "--rules", rules, "--prices", prices, "-o", out, "-q")[0] == 0
    book = openpyxl.load_workbook(out)  # formulas kept
    sheet = book["DPGF"]
    row = line_rows(sheet)[code]
    assert D(repr(sheet.cell(row, 5).value)) == PRICES[code]
    sheet.cell(row, 5).value = float(new_price)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)

    values = read_dpgf(recalculate(edited, lo_profile))

    before, after = by_hand(), by_hand({**PRICES, code: new_price})
    assert_dpgf_matches_hand(values, after)
    quantity = QUANTITIES[code]
    amount_change = r2(quantity * new_price) - r2(quantity * PRICES[code])
    assert cents(values["direct_cost"]) - before["direct_cost"] == amount_change
    assert cents(values["total_excl_vat"]) == after["total_excl_vat"] != before["total_excl_vat"]
    if quantity * new_price == r2(quantity * new_price) and quantity * PRICES[code] == r2(quantity * PRICES[code]):
        assert cents(values["direct_cost"]) - before["direct_cost"] == quantity * (new_price - PRICES[code])
    else:
        assert amount_change != quantity * (new_price - PRICES[code])


# --- 3. formula injection -----------------------------------------------------------------------

HOSTILE = {"W1": '=HYPERLINK("http://x","y")', "W2": "+SUM(1,2)", "W3": "-2+3", "D1": "@SUM(1)"}


def hostile_house(folder: Path) -> Path:
    model = ifcopenshell.open(str(HOUSE))
    for element in model.by_type("IfcElement"):
        mark = (element.Name or "").split(" ")[0]
        if mark in HOSTILE:
            element.Name = HOSTILE[mark]
    path = folder / "hostile.ifc"
    model.write(str(path))
    return path


def test_names_that_look_like_formulas_stay_text(tmp_path, house_files):
    rules, prices = house_files
    model = hostile_house(tmp_path)
    xlsx, table = tmp_path / "dpgf.xlsx", tmp_path / "out.csv"

    assert run("estimate", "--view", "internal", model, "--rules", rules, "--prices", prices, "-o", xlsx, "-q")[0] == 0
    assert run("estimate", model, "--rules", rules, "--prices", prices, "-o", table, "-q")[0] == 0

    sheet = openpyxl.load_workbook(xlsx)["Détail par élément"]
    header = [cell.value for cell in sheet[1]]
    names = [row[header.index("Nom")] for row in sheet.iter_rows(min_row=2)]  # French headers
    for hostile in HOSTILE.values():
        cells = [cell for cell in names if cell.value == hostile]
        assert cells, f"{hostile} not in the trace sheet"
        assert all(cell.data_type == "s" for cell in cells), hostile
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    with open(tmp_path / "out.trace.csv", encoding="utf-8-sig", newline="") as stream:
        trace_names = {row["Nom"] for row in csv.DictReader(stream, delimiter=";")}  # a French rule set: French CSV
    for hostile in HOSTILE.values():
        assert "'" + hostile in trace_names
        assert hostile not in trace_names


def test_a_rule_label_that_looks_like_a_formula_stays_text(tmp_path):
    label = '=HYPERLINK("http://x","y")'
    rules = write_rules(tmp_path, painting_label=label, lot_a="@Structure")
    prices = write_prices(tmp_path)
    xlsx, table = tmp_path / "dpgf.xlsx", tmp_path / "out.csv"

    assert run("estimate", "--view", "internal", HOUSE, "--rules", rules, "--prices", prices, "-o", xlsx, "-q")[0] == 0
    assert run("estimate", HOUSE, "--rules", rules, "--prices", prices, "-o", table, "-q")[0] == 0

    sheet = openpyxl.load_workbook(xlsx)["DPGF"]
    row = line_rows(sheet)["T.03"]
    assert sheet.cell(row, 2).value == label and sheet.cell(row, 2).data_type == "s"
    lot_cells = [c for c in sheet["A"] if c.value == "@Structure"]
    assert lot_cells and all(c.data_type == "s" for c in lot_cells)
    with open(table, encoding="utf-8-sig", newline="") as stream:
        labels = {row["N°"]: row["Désignation"] for row in csv.DictReader(stream, delimiter=";")}  # French CSV
    assert labels["T.03"] == "'" + label


# --- 4. price library errors --------------------------------------------------------------------

HEADER = "code,unit,unit_price\n"
BAD_PRICES = {
    "non-numeric price": (HEADER + "T.01,m3,187.35\nT.02,m3,six cents\n", ["row 3", "T.02", "six cents"]),
    "unknown unit": (HEADER + "T.01,m4,187.35\n", ["row 2", "T.01", "m4"]),
    "code priced twice differently": (
        HEADER + "T.01,m3,187.35\nT.02,m3,649.50\nT.01,m3,190.00\n",
        ["row 4", "T.01", "row 2", "187.35", "190"],
    ),
    "missing unit_price column": ("code,unit\nT.01,m3\n", ["row 1", "unit_price"]),
    "columns not separated": ("code unit unit_price\nT.01 m3 187.35\n", ["row 1", "unit_price"]),
    "row without its price": (HEADER + "T.01,m3,187.35\nT.02,m3\n", ["row 3", "T.02"]),
    "decimal comma in a comma-separated file": (HEADER + "T.01,m3,187,35\n", ["row 2", "T.01"]),
    "row numbers count blank lines": (HEADER + "T.01,m3,187.35\n\nT.02,m3,abc\n", ["row 4", "T.02", "abc"]),
}


@pytest.mark.parametrize("case", list(BAD_PRICES))
def test_a_bad_price_row_is_refused_with_the_file_and_the_row(tmp_path, case):
    text, expected = BAD_PRICES[case]
    prices = tmp_path / "bad-prices.csv"
    prices.write_text(text, encoding="utf-8")

    with pytest.raises(RuleError) as caught:
        load_prices(prices)

    assert str(prices) in caught.value.message
    for fragment in expected:
        assert fragment in caught.value.message, caught.value.message
    assert caught.value.exit_code == 4


@pytest.mark.parametrize(
    "case", ["non-numeric price", "unknown unit", "code priced twice differently", "missing unit_price column"]
)
def test_cli_refuses_a_bad_price_library_and_writes_nothing(tmp_path, case):
    rules = write_rules(tmp_path)
    prices = tmp_path / "bad-prices.csv"
    prices.write_text(BAD_PRICES[case][0], encoding="utf-8")
    before = folder_files(tmp_path)

    code, stdout, stderr = run("estimate", HOUSE, "--rules", rules, "--prices", prices, "-o", tmp_path / "o.xlsx")

    assert code == 4
    assert str(prices) in only_error_line(stderr)
    assert stdout == ""
    assert folder_files(tmp_path) == before


def test_a_code_priced_twice_at_the_same_price_is_accepted(tmp_path):
    prices = tmp_path / "prices.csv"
    prices.write_text(HEADER + "T.01,m3,187.35\nT.02,m3,649.50\nT.01,m3,187.350\n", encoding="utf-8")

    library = load_prices(prices)

    assert sorted(library) == ["T.01", "T.02"]
    assert library["T.01"].unit_price == 187.35


def test_an_xlsx_price_library_reads_like_the_csv(tmp_path):
    csv_path = write_prices(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "unit", "unit_price", "currency", "source"])
    for code, price in PRICES.items():
        sheet.append([code, UNITS[code], float(price), "EUR", "test"])
    xlsx_path = tmp_path / "prices.xlsx"
    book.save(xlsx_path)

    assert load_prices(xlsx_path) == load_prices(csv_path)
    rules = write_rules(tmp_path)
    assert estimate_json(rules, xlsx_path)["info"]["totals"] == estimate_json(rules, csv_path)["info"]["totals"]


def test_french_decimal_comma_in_a_semicolon_csv(tmp_path):
    french = tmp_path / "prix.csv"
    rows = ["code;unit;unit_price;currency"] + [
        f"{code};{UNITS[code]};{str(price).replace('.', ',')};EUR" for code, price in PRICES.items()
    ]
    french.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert "T.01;m3;187,35;EUR" in french.read_text(encoding="utf-8")

    library = load_prices(french)

    assert {code: D(repr(p.unit_price)) for code, p in library.items()} == PRICES
    assert library["T.01"].unit_price == 187.35


# --- 5. a price unit that is not the item's -----------------------------------------------------


def test_a_price_per_m2_for_an_item_in_m3_is_an_error(tmp_path):
    rules = write_rules(tmp_path)
    prices = write_prices(tmp_path, name="wrong-unit.csv")
    prices.write_text(prices.read_text(encoding="utf-8").replace("T.01,m3,", "T.01,m2,"), encoding="utf-8")
    before = folder_files(tmp_path)

    with pytest.raises(RuleError) as caught:
        check_price_units(load_ruleset(rules), load_prices(prices))
    assert "T.01" in caught.value.message and "m2" in caught.value.message and "m3" in caught.value.message

    code, stdout, stderr = run("estimate", HOUSE, "--rules", rules, "--prices", prices, "-o", tmp_path / "o.xlsx")
    assert code == 4
    error = only_error_line(stderr)
    assert "per m2" in error and "in m3" in error
    assert folder_files(tmp_path) == before


# --- 6. a missing price -------------------------------------------------------------------------


def test_an_item_without_a_price_is_kept_flagged_and_the_totals_say_incomplete(tmp_path):
    rules = write_rules(tmp_path)
    partial = {code: price for code, price in PRICES.items() if code != "T.05"}
    prices = write_prices(tmp_path, partial)

    data = estimate_json(rules, prices)

    assert_matches_hand(data, by_hand(partial))
    line = next(line for line in data["lines"] if line["code"] == "T.05")
    assert line["priced"] is False and line["amount"] is None and line["unit_price"] is None
    assert cents(line["quantity"]) == D("16.2")
    assert data["info"]["totals"]["complete"] is False
    assert data["info"]["totals"]["unpriced_items"] == 1
    assert [row["code"] for row in data["unpriced"]] == ["T.05"]
    lots = {lot["lot"]: lot for lot in data["lots"]}
    assert lots["B Finitions"]["unpriced_items"] == 1 and lots["A Structure"]["unpriced_items"] == 0

    out = tmp_path / "dpgf.xlsx"
    assert run("estimate", "--view", "internal", HOUSE, "--rules", rules, "--prices", prices, "-o", out, "-q")[0] == 0
    book = openpyxl.load_workbook(out)
    unpriced = book["Sans prix"]
    header = [c.value for c in unpriced[1]]
    assert [row[header.index("N°")] for row in unpriced.iter_rows(min_row=2, values_only=True)] == ["T.05"]
    sheet = book["DPGF"]
    assert sheet.cell(line_rows(sheet)["T.05"], 5).value is None  # empty price cell, to be typed in
    assert any(isinstance(c.value, str) and c.value.startswith("INCOMPLET") for c in sheet["B"])


def test_strict_refuses_an_unpriced_item_and_writes_nothing(tmp_path):
    rules = write_rules(tmp_path)
    prices = write_prices(tmp_path, {code: price for code, price in PRICES.items() if code != "T.05"})
    before = folder_files(tmp_path)

    code, stdout, stderr = run(
        "estimate",
        HOUSE,
        "--rules",
        rules,
        "--prices",
        prices,
        "-o",
        tmp_path / "o.xlsx",
        "--strict",
    )
    assert code == 4
    assert "T.05" in only_error_line(stderr)
    assert folder_files(tmp_path) == before

    code, stdout, stderr = run("estimate", HOUSE, "--rules", rules, "--prices", prices, "--format", "json", "--strict")
    assert code == 4 and stdout == ""


# --- 7. the language of the rule set gives the headers ------------------------------------------


@pytest.mark.parametrize(
    "language, sheet_name, headers",
    [
        ("fr", "DPGF", ["N°", "Désignation", "U", "Quantité", "PU HT", "Montant HT"]),
        ("en", "Estimate", ["No.", "Description", "Unit", "Quantity", "Unit price", "Amount"]),
    ],
)
def test_headers_follow_the_language_of_the_rule_set(tmp_path, language, sheet_name, headers):
    rules = write_rules(tmp_path, language=language)
    prices = write_prices(tmp_path)
    out = tmp_path / "dpgf.xlsx"

    assert run("estimate", "--view", "internal", HOUSE, "--rules", rules, "--prices", prices, "-o", out, "-q")[0] == 0

    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == sheet_name
    assert [c.value for c in book[sheet_name][3]][:6] == headers


# --- 8. rates from a settings file and flags ----------------------------------------------------


def test_settings_file_and_flags_override_the_rates(tmp_path, house_files):
    rules, prices = house_files
    settings = tmp_path / "estimate.toml"
    settings.write_text("[estimate]\nsite_overheads_pct = 10\ncontingency_pct = 2.5\nvat_pct = 10\n", encoding="utf-8")

    data = estimate_json(rules, prices, "--settings", settings, "--margin", "7.5", "--vat", "5.5")

    rates = {
        "site_overheads_pct": D(10),
        "general_overheads_pct": D(12),
        "contingency_pct": D("2.5"),
        "margin_pct": D("7.5"),
        "vat_pct": D("5.5"),
    }  # the flag's 5.5 wins over the file's 10
    assert data["info"]["rates"] == {k: float(v) for k, v in rates.items()}
    assert_matches_hand(data, by_hand(rates=rates))


@pytest.mark.parametrize(
    "text, flags, fragment",
    [
        ("[estimate]\nsite_overhead_pct = 8\n", [], "site_overhead_pct"),
        ("[estimate]\nvat_pct = 150\n", [], "vat_pct"),
        ("[estimate]\nvat_pct = 20\n[other]\nx = 1\n", [], "other"),
        ('[estimate]\nmargin_pct = "5"\n', [], "margin_pct"),
        ("", ["--vat", "150"], "vat_pct"),
    ],
)
def test_a_bad_settings_file_or_rate_is_refused(tmp_path, house_files, text, flags, fragment):
    rules, prices = house_files
    settings = tmp_path / "estimate.toml"
    settings.write_text(text, encoding="utf-8")
    before = folder_files(tmp_path)

    code, stdout, stderr = run(
        "estimate",
        HOUSE,
        "--rules",
        rules,
        "--prices",
        prices,
        "--settings",
        settings,
        *flags,
        "-o",
        tmp_path / "o.xlsx",
    )

    assert code == 4
    assert fragment in only_error_line(stderr)
    assert folder_files(tmp_path) == before
