"""`bimquant costs` (issue 14): budget against actual on the sample house, every figure by hand.

The budget is the direct cost of each line of the sample house's estimate (French rules and
prices). The progress is April's of the situation example (sample_models/situation: gros oeuvre
and charpente 100 %, couverture 50 %); the costs are sample_models/costs/depenses.csv (March
and April, separated by ; with decimal commas, one cost booked to the lot 02 itself, a credit
note). The arithmetic below follows README.md, "bimquant costs", from the contract's numbers.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import HOUSE, ROOT, assert_one_error, run

D = Decimal
SAMPLE = ROOT / "sample_models"
ACTUALS = SAMPLE / "costs" / "depenses.csv"
APRIL = SAMPLE / "situation" / "avancement-2026-04.csv"
# the cost rows of depenses.csv, by hand: (code or "", lot or "", amount)
BOOKED = [
    ("02.01.01", "", D("480.00")),
    ("02.03.01", "", D("3000.00")),
    ("", "02 Gros oeuvre", D("2500.00")),
    ("02.02.01", "", D("5100.00")),
    ("03.02.01", "", D("10000.00")),
    ("04.01.01", "", D("1200.00")),
    ("02.03.01", "", D("-150.00")),
]
APRIL_LOTS = {"02 Gros oeuvre": D(100), "03 Charpente": D(100), "04 Couverture": D(50)}


def run_costs(folder: Path, *extra) -> tuple[int, str, str]:
    """``bimquant costs`` on the house's contract, April's progress and the sample costs."""
    return run(
        "costs", folder / "marche.json", "--actuals", ACTUALS, "--progress", APRIL, "--period", "2026-04",
        "--start", "2026-03", *extra,
    )  # fmt: skip


def r2(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("costs")
    code, _, stderr = run(
        "estimate", HOUSE, "--rules", ROOT / "rules" / "fr-lots.toml", "--prices", ROOT / "rules" / "fr-prix.csv",
        "-o", path / "marche.json", "-q", "--no-cache",
    )  # fmt: skip
    assert code == 0, stderr
    return path


@pytest.fixture(scope="module")
def budget(folder) -> dict[str, dict]:
    """code -> {lot, budget}: the priced lines (at quantity 0 too: costs may be booked to work the
    model does not show), budget ROUND(quantity x direct price, 2)."""
    contract = json.loads((folder / "marche.json").read_text(encoding="utf-8"))
    return {
        line["code"]: {"lot": line["lot"], "budget": r2(D(repr(line["quantity"])) * D(repr(line["unit_price"])))}
        for line in contract["lines"]
        if line["priced"]
    }


def report(folder: Path, *extra, progress: Path = APRIL, actuals: Path = ACTUALS) -> dict:
    out = folder / "couts.json"
    code, _, stderr = run(
        "costs", folder / "marche.json", "--actuals", actuals, "--progress", progress, "--period", "2026-04",
        "--start", "2026-03", "-o", out, "-q", *extra,
    )  # fmt: skip
    assert code == 0, stderr
    return json.loads(out.read_text(encoding="utf-8"))


def by_hand(budget: dict[str, dict]) -> dict:
    lines = {}
    for code, line in budget.items():
        b = line["budget"]
        earned = r2(b * APRIL_LOTS.get(line["lot"], D(0)) / 100)
        actual = sum((a for c, _, a in BOOKED if c == code), D(0))
        cpi = (earned / actual).quantize(D("0.0001"), rounding=ROUND_HALF_UP) if actual else None
        lines[code] = {
            "budget": b,
            "earned": earned,
            "actual": actual,
            "cost_variance": earned - actual,
            "cpi": cpi,
            "eac": r2(actual + (b - earned) * actual / earned) if actual and earned else None,
            "eac_budget": actual + b - earned,
        }
    lots: dict[str, dict] = {}
    for code, line in budget.items():
        entry = lots.setdefault(line["lot"], {"budget": D(0), "earned": D(0), "actual": D(0)})
        for key in entry:
            entry[key] += lines[code][key]
    for _, lot, amount in BOOKED:
        if lot:
            lots[lot]["actual"] += amount
    return {"lines": lines, "lots": lots}


def test_every_line_by_hand(folder, budget):
    data = report(folder)
    hand = by_hand(budget)

    assert {line["code"] for line in data["lines"]} == set(budget)
    for line in data["lines"]:
        expected = hand["lines"][line["code"]]
        for key in ("budget", "earned", "actual", "cost_variance", "eac_budget"):
            assert r2(D(repr(line[key]))) == expected[key], (line["code"], key)
        assert (line["cpi"] is None) == (expected["cpi"] is None), line["code"]
        if expected["cpi"] is not None:
            assert D(repr(line["cpi"])) == expected["cpi"], line["code"]
            assert r2(D(repr(line["eac"]))) == expected["eac"], line["code"]
    # 02.02.01: earned 4,857.60, actual 5,100.00: over budget, first in the detail
    assert data["lines"][0]["code"] == "02.02.01" and data["lines"][0]["cost_variance"] == -242.4


def test_lots_and_totals_reconcile_with_the_lines(folder, budget):
    data = report(folder)
    hand = by_hand(budget)

    lots = {lot["lot"]: lot for lot in data["lots"]}
    for name, expected in hand["lots"].items():
        for key in ("budget", "earned", "actual"):
            assert r2(D(repr(lots[name][key]))) == expected[key], (name, key)
    # the sum of the lines plus what is booked to a lot = the lots = the total
    lines_actual = sum(D(repr(line["actual"])) for line in data["lines"]) + D("2500.00")
    lots_actual = sum(D(repr(lot["actual"])) for lot in data["lots"])
    assert lines_actual == lots_actual == D(repr(data["totals"]["actual"])) == sum(a for _, _, a in BOOKED)
    assert sum(D(repr(line["budget"])) for line in data["lines"]) == D(repr(data["totals"]["budget"]))
    assert sum(D(repr(lot["earned"])) for lot in data["lots"]) == D(repr(data["totals"]["earned"]))


def test_earned_value_at_full_progress_is_the_budget(folder, budget, tmp_path):
    done = tmp_path / "tout.csv"
    done.write_text("code,percent\n" + "".join(f"{code},100\n" for code in budget), encoding="utf-8")

    data = report(folder, progress=done)

    assert all(line["earned"] == line["budget"] for line in data["lines"])
    assert data["totals"]["earned"] == data["totals"]["budget"] == float(sum(b["budget"] for b in budget.values()))


def test_lines_without_progress_or_without_costs_are_listed(folder, budget, tmp_path):
    costs = tmp_path / "couts-sans-avancement.csv"
    costs.write_text("date,code,kind,amount\n2026-04-02,09.01.01,material,300\n", encoding="utf-8")

    data = report(folder, actuals=costs)

    issues = {row["code"]: row["issue"] for row in data["unmatched"]}
    assert issues["09.01.01"] == "costs, no progress"
    assert issues["02.03.02"] == "progress, no costs"


def test_the_curves_drawn_are_the_tables(folder, tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text(
        '[[phase]]\nname = "RDC"\ndate = 2026-03-31\nstoreys = ["Ground floor"]\n\n'
        '[[phase]]\nname = "Étage"\ndate = 2026-05-31\nstoreys = ["Level 1"]\n',
        encoding="utf-8",
    )
    picture, workbook = tmp_path / "courbes.png", tmp_path / "couts.xlsx"
    code, _, stderr = run(
        "costs", folder / "marche.json", "--actuals", ACTUALS, "--progress", APRIL, "--period", "2026-04",
        "--phases", phases, "--report", picture, "-o", workbook, "-q",
    )  # fmt: skip
    assert code == 0, stderr
    data = report(folder, "--phases", str(phases))

    import bimquant
    from bimquant.costs import get_chart_series

    result = bimquant.costs(folder / "marche.json", ACTUALS, APRIL, period="2026-04", phases=phases)
    series = get_chart_series(result)
    # actual cost by month: March 480 + 3,000 + 2,500; April adds 5,100 + 10,000 + 1,200 - 150
    assert series["actual"] == [("2026-03", 5980.0), ("2026-04", 22130.0)] and data["totals"]["actual"] == 22130.0
    assert series["earned"] == [("2026-04", data["totals"]["earned"])]
    stages = {s["stage"]: s["budget"] for s in data["stages"]}
    assert dict(series["planned"]) == {"2026-03": stages["RDC"], "2026-04": stages["RDC"]}
    assert data["totals"]["planned"] == stages["RDC"]
    # the stages add up to the total: the cost booked to the lot has a row of its own
    actual = {s["stage"]: s["actual"] for s in data["stages"]}
    assert actual["(booked to a lot, not to a stage)"] == 2500.0
    assert sum(actual.values()) == pytest.approx(data["totals"]["actual"])
    assert data["totals"]["spi"] == pytest.approx(round(data["totals"]["earned"] / stages["RDC"], 4))
    # the workbook's curves hold the same numbers; the picture is a PNG
    curves = openpyxl.load_workbook(workbook)["Courbes"]
    rows = list(curves.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["2026-03", "2026-04"]
    assert [r[3] for r in rows] == [5980.0, 22130.0] and rows[-1][2] == data["totals"]["earned"]
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "rows, words",
    [
        ("2026-04-02,99.99.99,,material,10", ["row 2", "99.99.99", "not a line of the contract"]),
        ("2026-04-02,,Lot inconnu,material,10", ["row 2", "Lot inconnu"]),
        ("2026-04-02,02.01.01,,material,-10", ["row 2", "negative amount", "credit"]),
        ("2026-02-27,02.01.01,,material,10", ["row 2", "2026-02-27", "outside the job"]),
        ("2026-04-02,02.01.01,,fuel,10", ["row 2", "kind 'fuel'"]),
        ("2026-04-02,02.01.01,,credit,10", ["row 2", "a credit of 10, positive"]),
        ("2026-04-02,02.01.01,03 Charpente,material,10", ["row 2", "belongs to lot '02 Gros oeuvre'"]),
        ("02/13/2026,02.01.01,,material,10", ["row 2", "not a date"]),
    ],
    ids=["unknown code", "unknown lot", "negative", "before the start", "kind", "date", "positive credit", "lot"],
)
def test_bad_cost_rows_are_refused_with_the_file_and_row(folder, tmp_path, rows, words):
    path = tmp_path / "depenses.csv"
    path.write_text("date,code,lot,kind,amount\n" + rows + "\n", encoding="utf-8")
    out = tmp_path / "c.xlsx"
    code, _, stderr = run(
        "costs", folder / "marche.json", "--actuals", path, "--progress", APRIL, "--period", "2026-04",
        "--start", "2026-03", "-o", out,
    )  # fmt: skip
    assert code == 4
    assert_one_error(stderr, "depenses.csv", *words)
    assert not out.exists()


def test_costs_dated_after_the_period_are_not_counted_and_said(folder, tmp_path):
    running = tmp_path / "depenses-courantes.csv"
    running.write_text(
        ACTUALS.read_text(encoding="utf-8") + "2026-05-03;03.01.01;;material;999,00;;\n", encoding="utf-8"
    )
    code, _, stderr = run(
        "costs", folder / "marche.json", "--actuals", running, "--progress", APRIL, "--period", "2026-04",
        "-o", tmp_path / "c.json",
    )  # fmt: skip
    assert code == 0, stderr
    data = json.loads((tmp_path / "c.json").read_text())
    assert data["totals"]["actual"] == 22130.0 and data["info"]["rows_after_the_period"] == [9]
    assert "1 ligne(s) datée(s) après 2026-04 non comptée(s) (lignes 9)" in stderr


def test_a_line_the_model_does_not_show_can_take_costs(folder, budget, tmp_path):
    zero = next(code for code, line in budget.items() if line["budget"] == 0)
    costs = tmp_path / "c.csv"
    costs.write_text(f"date,code,kind,amount\n2026-04-02,{zero},labour,200\n", encoding="utf-8")

    data = report(folder, actuals=costs)

    line = next(line for line in data["lines"] if line["code"] == zero)
    assert (line["budget"], line["actual"], line["cost_variance"]) == (0.0, 200.0, -200.0)


def test_actuals_without_their_columns_are_refused_in_one_line(folder, tmp_path):
    path = tmp_path / "depenses.csv"
    path.write_text("date,code,amount\n2026-04-02,02.01.01,10\n", encoding="utf-8")
    out = tmp_path / "c.json"
    code, _, stderr = run(
        "costs", folder / "marche.json", "--actuals", path, "--progress", APRIL, "--period", "2026-04", "-o", out
    )
    assert code == 4
    assert_one_error(stderr, "depenses.csv", "missing column(s) kind")
    assert not out.exists()


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_reads_the_workbook_to_the_json_figures(folder, tmp_path, tmp_path_factory):
    # issue 23: one definition of every amount; the costs workbook holds values, read back as LibreOffice sees them
    from conftest import soffice_to_xlsx

    data = report(folder)
    out = tmp_path / "couts.xlsx"
    code, _, stderr = run_costs(folder, "-o", out, "-q")
    assert code == 0, stderr

    book = openpyxl.load_workbook(soffice_to_xlsx(out, tmp_path / "lo", tmp_path_factory.mktemp("lo")), data_only=True)
    rows = {row[0]: row[1:8] for row in book.worksheets[0].iter_rows(min_row=4, values_only=True) if row[0]}
    figures = ["budget", "earned", "actual", "cost_variance", "cpi", "eac", "eac_budget"]
    for lot in data["lots"]:
        for value, key in zip(rows[lot["lot"]], figures):
            assert value == pytest.approx(lot[key], abs=1e-4) if lot[key] is not None else value is None, (lot, key)
    totals_row = next(values for label, values in rows.items() if label in ("Total", "Totaux", "Totals"))
    for value, key in zip(totals_row, figures):
        expected = data["info"]["totals"].get(key)
        assert value == pytest.approx(expected, abs=1e-4) if expected is not None else value is None, key


def test_the_headline_cpi_is_over_the_lines_with_progress_and_costs(folder, budget):
    # issue 25: seven lines with progress and no cost yet made the headline CPI 2.31 on AC11
    data = report(folder)
    hand = by_hand(budget)["lines"]
    both = {code: line for code, line in hand.items() if line["earned"] and line["actual"]}
    without = {code for code, line in hand.items() if line["earned"] and not line["actual"]}

    assert set(both) == {"02.01.01", "02.02.01", "02.03.01", "03.02.01", "04.01.01"}
    ev, ac = sum(line["earned"] for line in both.values()), sum(line["actual"] for line in both.values())
    totals = data["totals"]
    assert D(repr(totals["cpi"])) == (ev / ac).quantize(D("0.0001"), rounding=ROUND_HALF_UP)
    all_budget, all_earned = sum(b["budget"] for b in budget.values()), sum(line["earned"] for line in hand.values())
    all_actual = sum(a for _, _, a in BOOKED)
    assert r2(D(repr(totals["eac"]))) == r2(all_actual + (all_budget - all_earned) * ac / ev)
    assert totals["cpi_lines"] == 5 and totals["actual_booked_to_lots"] == 2500.0
    listed = {row["code"]: row for row in data["unmatched"] if row["issue"] == "progress, no costs"}
    assert set(listed) == without and all(D(repr(listed[c]["earned"])) == hand[c]["earned"] for c in without)
    assert D(repr(totals["earned_without_costs"])) == sum(hand[c]["earned"] for c in without)
    # a lot's CPI too: lot 02's matched lines, not the 2,500 booked to the lot nor its lines without costs
    lot = next(row for row in data["lots"] if row["lot"] == "02 Gros oeuvre")
    mine = [line for code, line in both.items() if budget[code]["lot"] == "02 Gros oeuvre"]
    expected = sum(line["earned"] for line in mine) / sum(line["actual"] for line in mine)
    assert D(repr(lot["cpi"])) == expected.quantize(D("0.0001"), rounding=ROUND_HALF_UP)


def test_the_command_names_the_lines_left_out_of_the_cpi(folder):
    code, _, stderr = run_costs(folder, "-o", folder / "c.json", "--locale", "en")

    assert code == 0, stderr
    assert "CPI and EAC over the 5 line(s) with both progress and costs" in stderr
    assert "Warning: 5 line(s) with progress and no cost booked yet" in stderr
    assert "02.03.02, 02.05.01, 02.06.01, 02.07.01, 03.01.01" in stderr
    assert "2,500.00 EUR booked to lots, not to lines: in the actual cost, not in the CPI" in stderr


def test_the_french_workbook_says_the_unmatched_lines_in_french(folder, tmp_path):
    # issue 25: "progress, no costs" was printed as is in the French workbook
    out = tmp_path / "couts.xlsx"
    code, _, stderr = run_costs(folder, "-o", out, "-q")
    assert code == 0, stderr

    sheet = openpyxl.load_workbook(out)["Sans avancement ou sans dépense"]
    values = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row if isinstance(cell, str)]
    assert "avancement sans dépense" in values
    assert not any(value in ("progress, no costs", "costs, no progress") for value in values)
