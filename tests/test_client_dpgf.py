"""The DPGF sent to the client (issue 10): sale prices, a sheet per lot, no zero lines, printable.

It showed the contractor's overheads, contingency and margin as lines, kept zero-quantity
lines, put every lot in one sheet and had no print set-up.
"""

from __future__ import annotations

import json
import shutil
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
import pytest
from conftest import HOUSE, ROOT, run, soffice_to_xlsx

import bimquant

FR_LOTS, FR_PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"
CENT = Decimal("0.01")


def cents(value) -> Decimal:
    return Decimal(repr(float(value))).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.fixture(scope="module")
def budget():
    return bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)


def test_sale_prices_carry_the_sales_coefficient(budget):
    k = Decimal(repr(budget.client_totals["sales_coefficient"]))
    assert k == (Decimal(repr(budget.totals["total_excl_vat"])) / Decimal(repr(budget.totals["direct_cost"]))).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )
    total = Decimal(0)
    for line in budget.lines.to_dict(orient="records"):
        sale = (Decimal(repr(line["unit_price"])) * k).quantize(CENT, rounding=ROUND_HALF_UP)
        assert Decimal(repr(line["sale_unit_price"])) == sale, line["code"]
        amount = (Decimal(repr(line["quantity"])) * sale).quantize(CENT, rounding=ROUND_HALF_UP)
        assert Decimal(repr(line["sale_amount"])) == amount, line["code"]
        total += amount
    assert cents(budget.client_totals["total_excl_vat"]) == total
    # per-line rounding moves the total by a few cents from the internal one, never more
    assert abs(budget.client_totals["total_excl_vat"] - budget.totals["total_excl_vat"]) < 0.01 * len(budget.lines)


def test_the_client_workbook_has_a_recapitulation_and_a_sheet_per_lot(tmp_path, budget):
    out = tmp_path / "dpgf.xlsx"
    code, _, stderr = run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q")
    assert code == 0, stderr

    book = openpyxl.load_workbook(out)
    non_zero = budget.lines[(budget.lines["quantity"] != 0) & budget.lines["priced"]]
    assert book.sheetnames[0] == "Récapitulatif"
    assert book.sheetnames[-1] == "Réserves" and book["Réserves"]["A3"].value.startswith("Aucune réserve")
    assert len(book.sheetnames) == 2 + non_zero["lot"].nunique()  # the house is priced whole: no reservation
    texts = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    for word in ("Frais de chantier", "Frais généraux", "Aléas", "Marge", "déboursé"):
        assert word not in texts  # the contractor's own figures stay in the internal view
    codes = [row[0] for sheet in book.worksheets[1:] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    codes = [c for c in codes if c in set(budget.lines["code"])]
    assert sorted(codes) == sorted(non_zero["code"])  # no zero lines
    lot = book.worksheets[1]
    assert lot.print_title_rows == "$3:$3"
    assert str(lot.page_setup.paperSize) == lot.PAPERSIZE_A4
    assert "house_ifc4.ifc" in lot.oddHeader.right.text and "&P" in lot.oddFooter.center.text
    for sheet in book.worksheets[1:-1]:  # every lot's page, in French typography
        assert sheet.oddHeader.left.text.startswith("Estimation : "), sheet.title
        assert sheet.oddHeader.right.text.startswith("Maquette : house_ifc4.ifc"), sheet.title


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_the_client_workbook_recalculates_to_the_json_totals(tmp_path, tmp_path_factory):
    out = tmp_path / "dpgf.xlsx"
    code, stdout, _ = run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-f", "json", "-q")
    client = json.loads(stdout)["info"]["client_totals"]
    assert run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q")[0] == 0

    recalculated = openpyxl.load_workbook(
        soffice_to_xlsx(out, tmp_path / "recalculated", tmp_path_factory.mktemp("lo")), data_only=True
    )["Récapitulatif"]
    values = {row[0]: row[1] for row in recalculated.iter_rows(values_only=True) if row[0]}
    assert cents(values["Total HT"]) == cents(client["total_excl_vat"])
    assert cents(values["TVA (taux %)"]) == cents(client["vat"])
    assert cents(values["Total TTC"]) == cents(client["total_incl_vat"])


def test_the_internal_view_shows_the_sales_coefficient(tmp_path, budget):
    out = tmp_path / "interne.xlsx"
    assert run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q", "--view", "internal")[0] == 0

    sheet = openpyxl.load_workbook(out)["DPGF"]
    k_cells = [row for row in sheet.iter_rows() if row[2].value == "K"]
    assert len(k_cells) == 1 and str(k_cells[0][4].value).startswith("=IF(")
