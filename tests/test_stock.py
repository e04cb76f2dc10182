"""`bimquant stock` (issue 14): what is on site against what the work needs, by hand.

The orders are the sample house's (French rules and recipes) in two dated batches
(sample_models/stock/phases.toml: the ground floor due 2 March, level 1 due 15 April 2026); the
delivery notes sample_models/stock/livraisons.csv; the progress the situation example's (April:
gros oeuvre and charpente 100 %, couverture 50 %; March: gros oeuvre 100 % on the ground floor
and 50 % on level 1). Consumed = each element's need (waste included) x its progress, summed
here from the orders' needs; delivered from the notes by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import HOUSE, ROOT, assert_one_error, run

SAMPLE = ROOT / "sample_models"
NOTES = SAMPLE / "stock" / "livraisons.csv"
PROGRESS = {month: SAMPLE / "situation" / f"avancement-{month}.csv" for month in ("2026-03", "2026-04")}
APRIL_LOTS = {"02 Gros oeuvre": 100, "03 Charpente": 100, "04 Couverture": 50}
# delivered by hand from livraisons.csv, in the material's unit
DELIVERED_APRIL = {
    ("beton-voiles", "RDC"): 9.5,
    ("beton-voiles", "Étage"): 2.0,
    ("treillis-st25c", "RDC"): 3 * 14.4,  # 3 "panneau" of 14.4 m2, no batch: the first batch, RDC
    ("huile-decoffrage", "RDC"): 2 * 20.0,  # 2 "bidon 20 l"
    ("tuile-emboitement", "Étage"): 2 * 240.0,  # 2 "palette de 240"
}


@pytest.fixture(scope="module")
def orders(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("stock") / "commandes.json"
    code, _, stderr = run(
        "order", HOUSE, "--rules", ROOT / "rules" / "fr-lots.toml", "--recipes", ROOT / "rules" / "fr-recettes.toml",
        "--by", "phase", "--phases", SAMPLE / "stock" / "phases.toml", "-o", path, "-q", "--no-cache",
    )  # fmt: skip
    assert code == 0, stderr
    return path


def stock(orders: Path, month: str, *extra, notes: Path = NOTES) -> dict:
    out = orders.parent / f"stock-{month}.json"
    code, _, stderr = run(
        "stock", orders, "--deliveries", notes, "--progress", PROGRESS[month], "--period", month, "-o", out, "-q",
        *extra,
    )  # fmt: skip
    assert code == 0, stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_every_material_delivered_consumed_and_on_site_by_hand(orders):
    data = json.loads(orders.read_text(encoding="utf-8"))
    consumed, need = {}, {}
    for row in data["needs"]:
        key = (row["material"], row["batch"])
        consumed[key] = consumed.get(key, 0.0) + row["need"] * APRIL_LOTS.get(row["lot"], 0) / 100
        need[key] = need.get(key, 0.0) + row["need"]
    ordered = {(o["material"], o["batch"]): o["ordered"] for o in data["orders"]}

    result = stock(orders, "2026-04")

    rows = {(r["material"], r["batch"]): r for r in result["materials"]}
    assert set(rows) == set(ordered)
    for key, row in rows.items():
        delivered = DELIVERED_APRIL.get(key, 0.0)
        assert row["delivered"] == pytest.approx(delivered), key
        assert row["consumed"] == pytest.approx(consumed.get(key, 0.0)), key
        assert row["on_site"] == pytest.approx(delivered - consumed.get(key, 0.0)), key
        assert row["to_deliver"] == pytest.approx(max(ordered[key] - delivered, 0.0)), key
        assert row["still_needed"] == pytest.approx(need[key] - consumed.get(key, 0.0)), key
    # every row's alerts: each said exactly when its condition holds (April 30th, both batches due)
    for key, row in rows.items():
        delivered, used = DELIVERED_APRIL.get(key, 0.0), consumed.get(key, 0.0)
        assert ("over-delivery" in row["alert"]) == (delivered > ordered[key] + 1e-9), key
        assert ("consumption above delivery" in row["alert"]) == (used > delivered + 1e-9), key
        assert ("late" in row["alert"]) == (ordered[key] - delivered > 1e-9), key
        assert "short" not in row["alert"], key  # no batch is due after April
    # the alerts, by hand
    voiles = rows[("beton-voiles", "Étage")]  # 2.184 m3 poured (100 %), 2.0 delivered of 2.5
    assert (
        "consumption above delivery: 0.184 m3" in voiles["alert"] and "late: 0.5 m3 still to deliver" in voiles["alert"]
    )
    assert rows[("huile-decoffrage", "RDC")]["alert"] == "over-delivery: 20 l above the order"
    tiles = rows[("tuile-emboitement", "Étage")]  # 709.8 needed, half the roof done: 354.9 used of 480
    assert tiles["consumed"] == pytest.approx(354.9) and tiles["on_site"] == pytest.approx(125.1)
    assert tiles["alert"] == "late: 240 u still to deliver, due 2026-04-15"
    assert rows[("treillis-st25c", "RDC")]["alert"] == ""  # delivered as ordered, 0.864 m2 left
    assert rows[("treillis-st25c", "RDC")]["on_site"] == pytest.approx(43.2 - need[("treillis-st25c", "RDC")])


def test_the_next_batch_short_of_stock_is_said_before_its_date(orders):
    result = stock(orders, "2026-03")  # the April notes are not counted at the end of March

    rows = {(r["material"], r["batch"]): r for r in result["materials"]}
    assert result["info"]["rows_after_the_period"] == [5, 6]
    tiles = rows[("tuile-emboitement", "Étage")]["alert"]
    assert tiles == "short: 0 u on site for 709.8 u still needed by the batch due 2026-04-15"
    # 9.5 m3 delivered, 9.24 poured on the ground floor and half of level 1's 2.184 (1.092, not
    # delivered yet): nothing left on site for the 1.092 m3 level 1 still needs
    voiles = rows[("beton-voiles", "Étage")]["alert"]
    assert voiles == (
        "consumption above delivery: 1.092 m3 consumed but not delivered; "
        "short: 0 m3 on site for 1.092 m3 still needed by the batch due 2026-04-15"
    )


@pytest.mark.parametrize(
    "row, words",
    [
        ("2026-03-04,beton-inconnu,1,m3,RDC", ["row 2", "beton-inconnu", "not in the orders"]),
        ("2026-03-04,tuile-emboitement,2,palette,Étage", ["row 2", "unit 'palette'", "tuile-emboitement"]),
        ("2026-03-04,beton-voiles,-1,m3,RDC", ["row 2", "not a positive number"]),
        ("2026-03-04,beton-voiles,1,m3,Toit", ["row 2", "batch 'Toit'"]),
        ("2026-01-04,beton-voiles,1,m3,RDC", ["row 2", "before the job's start"]),
    ],
    ids=["unknown material", "unit", "negative", "batch", "before the start"],
)
def test_bad_delivery_rows_are_refused_with_the_file_and_row(orders, tmp_path, row, words):
    notes = tmp_path / "livraisons.csv"
    notes.write_text("date,material,quantity,unit,batch\n" + row + "\n", encoding="utf-8")
    out = tmp_path / "s.xlsx"
    code, _, stderr = run(
        "stock", orders, "--deliveries", notes, "--progress", PROGRESS["2026-03"], "--period", "2026-03",
        "--start", "2026-02", "-o", out,
    )  # fmt: skip
    assert code == 4
    assert_one_error(stderr, "livraisons.csv", *words)
    assert not out.exists()


def test_a_french_spreadsheet_date_is_read(orders, tmp_path):
    notes = tmp_path / "livraisons.csv"
    notes.write_text("date;material;quantity;unit;batch\n04/03/2026;beton-voiles;9,5;m3;RDC\n", encoding="utf-8")
    result = stock(orders, "2026-03", notes=notes)
    rows = {(r["material"], r["batch"]): r for r in result["materials"]}
    assert rows[("beton-voiles", "RDC")]["delivered"] == 9.5


@pytest.mark.parametrize(
    "orders_text, notes_text, words",
    [
        ("{not json", "date,material,quantity,unit\n", ["not valid JSON", "so not orders"]),
        (None, "date,material,quantity\n2026-03-04,beton-voiles,1\n", ["missing column(s) unit"]),
    ],
    ids=["orders not json", "notes without unit"],
)
def test_wrong_orders_or_notes_are_refused_in_one_line(orders, tmp_path, orders_text, notes_text, words):
    given = orders
    if orders_text is not None:
        given = tmp_path / "commandes.json"
        given.write_text(orders_text, encoding="utf-8")
    notes = tmp_path / "livraisons.csv"
    notes.write_text(notes_text, encoding="utf-8")
    out = tmp_path / "s.json"
    code, _, stderr = run(
        "stock", given, "--deliveries", notes, "--progress", PROGRESS["2026-03"], "--period", "2026-03", "-o", out
    )
    assert code == 4
    assert_one_error(stderr, *words)
    assert not out.exists()
