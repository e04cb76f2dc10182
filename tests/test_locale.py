"""French CSV: what a French spreadsheet opens as columns and numbers (issue 10).

A comma-separated file with dot decimals and 16 significant digits opens in one column in a
French Excel or LibreOffice. With a French rule set (or --locale fr) the CSV is separated by
``;`` with decimal commas and numbers rounded to what their unit deserves.
"""

from __future__ import annotations

import csv
import shutil

import openpyxl
import pytest
from conftest import HOUSE, ROOT, run, soffice_to_xlsx

import bimquant

FR_LOTS, FR_PRICES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-prix.csv"
SOFFICE = shutil.which("soffice")


def test_a_french_rule_set_writes_a_french_csv(tmp_path):
    out = tmp_path / "dpgf.csv"

    code, _, stderr = run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q")

    assert code == 0, stderr
    with open(out, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter=";"))
    walls = next(row for row in rows if row["code"] == "02.03.01")
    assert walls["quantity"] == "10,88" and walls["amount"] == "4569,6"
    budget = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)
    assert len(rows) == len(budget.lines)


def test_locale_en_keeps_commas_and_points(tmp_path):
    out = tmp_path / "dpgf.csv"

    code, _, _ = run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q", "--locale", "en")

    assert code == 0
    with open(out, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert next(row for row in rows if row["code"] == "02.03.01")["quantity"] == "10.88"


def test_numbers_are_rounded_to_what_their_unit_deserves(tmp_path):
    out = tmp_path / "metre.csv"
    code, _, _ = run("takeoff", HOUSE, "-o", out, "-q", "--locale", "fr")
    assert code == 0
    with open(out, encoding="utf-8-sig", newline="") as stream:
        row = next(r for r in csv.DictReader(stream, delimiter=";") if r["name"].startswith("W4"))
    assert row["net_volume_m3"] == "2,08" and row["width_m"] == "0,2"
    for column in ("net_volume_m3", "gross_side_area_m2", "length_m", "height_m"):
        decimals = row[column].split(",")[1] if "," in row[column] else ""
        assert len(decimals) <= (3 if column.endswith("m3") else 2), (column, row[column])


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_in_french_opens_it_as_columns_and_numbers(tmp_path, tmp_path_factory):
    out = tmp_path / "dpgf.csv"
    assert run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q")[0] == 0
    converted = tmp_path / "converted"
    profile = tmp_path_factory.mktemp("lo-fr")
    # CSV import: ; separated, " quoted, UTF-8, from line 1, standard columns, French (1036),
    # quoted fields as text (the item codes 02.03.01 would otherwise be dates)
    soffice_to_xlsx(out, converted, profile, infilter="CSV:59,34,76,1,,1036,true")
    sheet = openpyxl.load_workbook(converted / "dpgf.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert header[:7] == ["code", "lot", "label", "unit", "quantity", "unit_price", "amount"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    walls = rows["02.03.01"]
    assert walls[4] == pytest.approx(10.88) and isinstance(walls[4], float)  # a number, not the text "10,88"
    assert walls[6] == pytest.approx(4569.6)
    budget = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)
    assert sum(row[6] or 0 for row in rows.values()) == pytest.approx(budget.totals["direct_cost"], abs=0.005)


@pytest.mark.parametrize(
    "args, named",
    [
        (["estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "--locale", "de"], "--locale"),
        (["estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "--view", "public"], "--view"),
        (["takeoff", HOUSE, "--materials", "absent.toml", "-f", "json"], "material library not found"),
    ],
)
def test_a_bad_locale_view_or_material_library_is_one_error_and_writes_nothing(tmp_path, args, named):
    out = tmp_path / "out.csv"

    code, stdout, stderr = run(*args, "-o", out) if "-f" not in args else run(*args)

    assert code in (2, 4)
    assert stdout == ""
    assert "Traceback" not in stderr and named in stderr
    assert not out.exists()


def test_the_library_refuses_an_unknown_locale_or_view(tmp_path):
    budget = bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES)
    with pytest.raises(bimquant.OutputError, match="unknown locale 'de'"):
        bimquant.write(budget, tmp_path / "dpgf.csv", locale="de")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(bimquant.RuleError, match="unknown DPGF view 'public'"):
        bimquant.estimate(HOUSE, FR_LOTS, FR_PRICES, view="public")
