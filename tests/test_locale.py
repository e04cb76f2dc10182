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
    assert list(rows[0])[:7] == ["N°", "Lot", "Désignation", "U", "Quantité", "PU déboursé HT", "Montant déboursé HT"]
    walls = next(row for row in rows if row["N°"] == "02.03.01")
    assert walls["Quantité"] == "10,88" and walls["Montant déboursé HT"] == "4569,6"
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
        row = next(r for r in csv.DictReader(stream, delimiter=";") if r["Nom"].startswith("W4"))
    assert row["Volume net (m3)"] == "2,08" and row["Épaisseur ou largeur (m)"] == "0,2"
    for column in ("Volume net (m3)", "Surface brute d'une face (m2)", "Longueur (m)", "Hauteur (m)"):
        decimals = row[column].split(",")[1] if "," in row[column] else ""
        assert len(decimals) <= (3 if "(m3)" in column else 2), (column, row[column])


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
    assert header[:7] == ["N°", "Lot", "Désignation", "U", "Quantité", "PU déboursé HT", "Montant déboursé HT"]
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
        (["validate", HOUSE, "--locale", "de"], "--locale"),
        (["explain", HOUSE, "3M40opnSHSLeM$JG6iZTrB", "-r", FR_LOTS, "--locale", "de", "-f", "json"], "--locale"),
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


# --- sheet names, headers and console lines in the user's language ------------------------------

FR_RECIPES = ROOT / "rules" / "fr-recettes.toml"


@pytest.fixture(scope="module")
def every_result():
    """One result of each kind on the sample house, with the French rule set."""
    takeoff = bimquant.takeoff(HOUSE, rules=FR_LOTS)
    return {
        "takeoff": takeoff,
        "estimate": bimquant.estimate(takeoff, FR_LOTS, FR_PRICES),
        "order": bimquant.order(takeoff, FR_LOTS, FR_RECIPES),
        "validate": bimquant.validate(takeoff),
        "explain": bimquant.explain(HOUSE, takeoff.elements["global_id"].iloc[0], FR_LOTS),
        "check": bimquant.check(HOUSE, FR_LOTS),
    }


def test_every_table_and_column_has_a_french_name(every_result):
    from bimquant.labels import HEADERS_FR, SHEETS_FR, TABLE_HEADERS_FR, headers

    for kind, result in every_result.items():
        for name, table in result.tables.items():
            assert name in SHEETS_FR, (kind, name)
            untranslated = [c for c in table.columns if c not in HEADERS_FR and c not in TABLE_HEADERS_FR.get(name, {})]
            assert not untranslated, (kind, name, untranslated)
            french = headers(table.columns, "fr", name)
            assert len(set(french)) == len(french), (kind, name)  # no two columns under one header


def test_a_french_takeoff_workbook_has_french_sheets_and_headers(tmp_path):
    out, english = tmp_path / "metre.xlsx", tmp_path / "takeoff.xlsx"

    assert run("takeoff", HOUSE, "-r", FR_LOTS, "-o", out, "-q")[0] == 0
    assert run("takeoff", HOUSE, "-r", FR_LOTS, "-o", english, "-q", "--locale", "en")[0] == 0

    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Ouvrages", "Par niveau"]
    assert {"Éléments", "Détail par élément", "Rapprochement", "Ouvertures"} <= set(book.sheetnames)
    elements = book["Éléments"]
    header = [cell.value for cell in elements[1]]
    assert header[:3] == ["GlobalId", "Classe IFC", "Famille"] and "Volume net (m3)" in header
    volumes = [row[header.index("Volume net (m3)")] for row in elements.iter_rows(min_row=2, values_only=True)]
    takeoff = bimquant.takeoff(HOUSE)
    assert sum(v or 0 for v in volumes) == pytest.approx(takeoff.elements["net_volume_m3"].sum(), rel=1e-12)
    book = openpyxl.load_workbook(english)
    assert book.sheetnames[:2] == ["items", "by_storey"]  # English: the names a script reads
    assert [cell.value for cell in book["elements"][1]][:3] == ["global_id", "ifc_class", "family"]


def test_locale_en_gives_an_english_dpgf_and_order_book_from_a_french_rule_set(tmp_path):
    dpgf, orders = tmp_path / "estimate.xlsx", tmp_path / "orders.xlsx"

    assert run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", dpgf, "-q", "--locale", "en")[0] == 0
    assert run("order", HOUSE, "-r", FR_LOTS, "--recipes", FR_RECIPES, "-o", orders, "-q")[0] == 0

    assert openpyxl.load_workbook(dpgf).sheetnames[0] == "Summary"
    book = openpyxl.load_workbook(orders)
    assert book.sheetnames[0] == "Synthèse" and book.sheetnames[-1] == "Sans recette"
    assert [cell.value for cell in book["Synthèse"][1]][:2] == ["Fournisseur", "Matériau"]


def test_the_internal_dpgf_trace_has_french_headers(tmp_path):
    out = tmp_path / "interne.xlsx"
    assert run("estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES, "-o", out, "-q", "--view", "internal")[0] == 0
    trace = openpyxl.load_workbook(out)["Détail par élément"]
    assert [cell.value for cell in trace[1]][:6] == ["GlobalId", "Classe IFC", "Nom", "Niveau", "N°", "Désignation"]


ENGLISH_WORDS = ("direct cost", "Written", "elements measured", "Budget by lot", "Coverage", "cost per m2", "truck")


@pytest.mark.parametrize(
    "args",
    [
        ["estimate", HOUSE, "-r", FR_LOTS, "-p", FR_PRICES],
        ["takeoff", HOUSE, "-r", FR_LOTS],
        ["order", HOUSE, "-r", FR_LOTS, "--recipes", FR_RECIPES],
    ],
    ids=["estimate", "takeoff", "order"],
)
def test_the_console_speaks_french_with_a_french_rule_set_and_english_when_asked(tmp_path, args):
    code, _, french = run(*args, "-o", tmp_path / "out.xlsx")
    assert code == 0, french
    code, _, english = run(*args, "-o", tmp_path / "out.xlsx", "--locale", "en")
    assert code == 0, english

    assert not [word for word in ENGLISH_WORDS if word in french], french
    assert "Écrit :" in french and "Written:" in english
    if args[0] == "estimate":
        assert "déboursé sec" in french and "37\u202f499,78 EUR" in french  # thousands and decimal marks
        assert "40,1\u00a0%" in french and "40.1\u00a0%" in english  # a lot's share, not 0.40
        assert "direct cost" in english and "37,499.78 EUR" in english
