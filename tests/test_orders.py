"""`bimquant order` on the sample house: every order line derived by hand.

The quantities per storey are redone below from the dimensions in sample_models/README.md;
the consumptions, wastes and packs are those of rules/fr-recettes.toml, copied into the tables
RECIPES and MATERIALS (a test checks that the shipped file still says the same). Each order line
is then worked out as the orders.py docstring says:

- need = sum over the batch's items of quantity x per_unit x (1 + waste_pct / 100);
- packed material: packs = ceil(need / pack_size), ordered = packs x pack_size;
- concrete: ordered = ceil(need / increment) x increment, trucks = ceil(ordered / truck size),
  last truck = ordered - (trucks - 1) x truck size;
- surplus = ordered - need.

The hand arithmetic uses exact fractions; EXPECTED also writes every line out in figures, so a
reader can check it with a pencil.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import zipfile
from fractions import Fraction as F
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import bimquant
from conftest import run
from bimquant.errors import RuleError
from bimquant.orders import Material, Phase, RecipeLine, Recipes, load_phases, load_recipes, plan_orders
from bimquant.rules import load_ruleset
from bimquant.rules.apply import WorkItems, apply_rules

ROOT = Path(__file__).resolve().parents[1]
HOUSES = {"IFC4": ROOT / "sample_models" / "house_ifc4.ifc", "IFC2X3": ROOT / "sample_models" / "house_ifc2x3.ifc"}
HOUSE = HOUSES["IFC4"]
FR_RULES, FR_RECIPES = ROOT / "rules" / "fr-lots.toml", ROOT / "rules" / "fr-recettes.toml"
EN_RULES, EN_RECIPES = ROOT / "rules" / "en-trades.toml", ROOT / "rules" / "en-recipes.toml"
GF, L1 = "Ground floor", "Level 1"

# --- item quantities per storey, by hand from sample_models/README.md ----------------------------

QUANTITIES = {
    # F1 strip footing 6 x 0.6 x 0.4 = 1.44, F2 pad footing 0.8 x 1.0 x 0.5 = 0.4
    ("02.01.01", GF): 6 * F("0.6") * F("0.4") + F("0.8") * 1 * F("0.5"),
    # S1 6 x 6.3 x 0.2, no opening
    ("02.02.01", GF): 6 * F("6.3") * F("0.2"),
    # S2 the same slab, its 2 x 1 m stair hole (over 1 m2) deducted: (37.8 - 2) x 0.2
    ("02.02.01", L1): (6 * F("6.3") - 2 * 1) * F("0.2"),
    # W1, W2: concrete layer 0.2 of 6 x 3 = 3.6 each; W3 5 x 3 x 0.2 minus its door 1 x 2 and
    # its window 2 x 2.5 (both over 1 m2) through 0.2 = 3.0 - 0.4 - 1.0 = 1.6
    ("02.03.01", GF): 2 * (6 * 3 * F("0.2")) + (5 * 3 - 1 * 2 - 2 * F("2.5")) * F("0.2"),
    ("02.03.01", L1): 4 * F("2.6") * F("0.2"),  # W4 4 x 2.6 x 0.2
    # formwork, both faces: W1, W2 2 x 18 each; W3 2 x (15 - 2 - 5)
    ("02.03.02", GF): 2 * (2 * 6 * 3) + 2 * (5 * 3 - 1 * 2 - 2 * F("2.5")),
    ("02.03.02", L1): 2 * 4 * F("2.6"),  # W4
    ("02.05.01", GF): F("0.3") * F("0.3") * 3,  # C1 (concrete); C2 is timber
    ("02.06.01", L1): F("0.2") * F("0.4") * 5,  # B1 (concrete); B2 is timber
    ("02.07.01", GF): F("0.6") * 1,  # SF1: profile 0.6 m2 x 1.0 wide
    ("04.01.01", L1): 2 * F("6.5") * 4,  # RS1 + RS2, sloped faces 6.5 x 4
    ("07.02.01", GF): 2 * 6 * 3,  # insulation layer of W1 and W2, one face each
    ("07.03.01", GF): F("2.8") * F("4.2"),  # CV2 ceiling
    ("08.01.01", GF): F("2.7") * 6,  # CV1 floor tiles
    # painting, openings over 2.5 m2 deducted: internal W3 2 x (15 - 5) (the 5 m2 window is
    # deducted, the 2 m2 door measured through); external W1, W2 their inner face, 18 each
    ("09.01.01", GF): 2 * (15 - 2 * F("2.5")),
    ("09.01.02", GF): 2 * 18,
    ("09.01.01", L1): 2 * 4 * F("2.6"),  # W4
}
# items with a quantity and no recipe in fr-recettes.toml (made to measure: see its header)
WITHOUT_RECIPE = {
    "03.01.01": F("0.25") * F("0.4") * F("2.6") + F("0.2") * F("0.4") * 4,  # C2 + B2, timber: 0.26 + 0.32
    "03.02.01": 2 * F("6.5") * 4 * F("0.2"),  # RS1 + RS2 timber layer: 2 x 5.2
    "05.01.01": 1,  # WN1
    "06.01.01": 1,  # D1
}

# --- rules/fr-recettes.toml, copied: what one unit of each item consumes -------------------------

RECIPES = {  # code: [(material, per_unit, waste_pct)]
    "02.01.01": [("beton-fondations", "1.0", 10), ("acier-ha", 40, 9)],
    "02.02.01": [("beton-dalles", "1.0", 5), ("treillis-st25c", "5.0", 12)],
    "02.03.01": [("beton-voiles", "1.0", 5), ("acier-ha", 35, 9)],
    "02.03.02": [("huile-decoffrage", "0.025", 10)],
    "02.04.01": [("parpaing-20x50", 10, 5), ("mortier-montage", 40, 5)],
    "02.04.03": [("bloc-30x50", 10, 5), ("mortier-montage", 60, 5)],
    "02.04.04": [("bloc-10x50", 10, 5), ("mortier-montage", 20, 5)],
    "02.05.01": [("beton-petits-elements", "1.0", 5), ("acier-ha", 80, 9)],
    "02.06.01": [("beton-petits-elements", "1.0", 5), ("acier-ha", 130, 9)],
    "02.07.01": [("beton-petits-elements", "1.0", 5), ("acier-ha", 80, 9)],
    "04.01.01": [("tuile-emboitement", 13, 5), ("liteau-27x38", "3.0", 10), ("ecran-sous-toiture", "1.0", 10)],
    "04.01.03": [("tuile-emboitement", 13, 5), ("liteau-27x38", "3.0", 10), ("ecran-sous-toiture", "1.0", 10)],
    "04.01.02": [("tuile-emboitement", 13, 5), ("liteau-27x38", "3.0", 10), ("ecran-sous-toiture", "1.0", 10)],
    "07.01.01": [
        ("plaque-ba13", "2.0", 5),
        ("montant-m48", "2.0", 5),
        ("rail-r48", "0.8", 5),
        ("vis-ttpc25", 25, 10),
        ("enduit-joint", "0.8", 5),
        ("bande-joint", "3.5", 5),
    ],
    "07.02.01": [
        ("laine-minerale-100", "1.0", 5),
        ("plaque-ba13", "1.0", 5),
        ("fourrure-f530", "1.7", 5),
        ("vis-ttpc25", "12.5", 10),
        ("enduit-joint", "0.4", 5),
        ("bande-joint", "1.75", 5),
    ],
    "07.02.02": [  # a lining: one board face of partition 07.01.01, the same frame
        ("plaque-ba13", "1.0", 5),
        ("montant-m48", "2.0", 5),
        ("rail-r48", "0.8", 5),
        ("vis-ttpc25", "12.5", 10),
        ("enduit-joint", "0.4", 5),
        ("bande-joint", "1.75", 5),
    ],
    "07.03.01": [
        ("plaque-ba13", "1.0", 5),
        ("fourrure-f530", "2.0", 5),
        ("suspente-f530", "1.7", 5),
        ("vis-ttpc25", "12.5", 10),
        ("enduit-joint", "0.4", 5),
        ("bande-joint", "1.75", 5),
    ],
    "08.01.01": [("carrelage-60x60", "1.0", 10), ("mortier-colle-c2", "5.0", 5)],
    "09.01.01": [("peinture-mate", "0.2", 10)],
    "09.01.02": [("peinture-mate", "0.2", 10)],
    "09.01.03": [("peinture-mate", "0.2", 10)],
}
CONCRETE, PACKED = "concrete", "packed"
MATERIALS = {  # id: (supplier, kind, pack_size (truck for concrete), increment, lead time days, price)
    "beton-fondations": ("Centrale à béton", CONCRETE, 8, "0.5", 2, ("unit", 150)),
    "beton-dalles": ("Centrale à béton", CONCRETE, 8, "0.5", 2, ("unit", 150)),
    "beton-voiles": ("Centrale à béton", CONCRETE, 8, "0.5", 2, ("unit", 155)),
    "beton-petits-elements": ("Centrale à béton", CONCRETE, 8, "0.5", 2, ("unit", 160)),
    "acier-ha": ("Aciers HA", PACKED, "10.656", None, 5, ("pack", 16)),
    "treillis-st25c": ("Aciers HA", PACKED, "14.4", None, 5, ("pack", 55)),
    "huile-decoffrage": ("Négoce matériaux", PACKED, 20, None, 3, ("pack", 70)),
    "parpaing-20x50": ("Négoce matériaux", PACKED, 60, None, 3, ("pack", 105)),
    "bloc-30x50": ("Négoce matériaux", PACKED, 40, None, 3, ("pack", 110)),
    "bloc-10x50": ("Négoce matériaux", PACKED, 120, None, 3, ("pack", 130)),
    "mortier-montage": ("Négoce matériaux", PACKED, 14, None, 3, ("pack", "7.5")),
    "plaque-ba13": ("Plâtre & Isolation", PACKED, 3, None, 5, ("pack", "8.5")),
    "montant-m48": ("Plâtre & Isolation", PACKED, 3, None, 5, ("pack", "4.2")),
    "rail-r48": ("Plâtre & Isolation", PACKED, 3, None, 5, ("pack", "3.6")),
    "fourrure-f530": ("Plâtre & Isolation", PACKED, 3, None, 5, ("pack", "3.3")),
    "suspente-f530": ("Plâtre & Isolation", PACKED, 100, None, 5, ("pack", 45)),
    "vis-ttpc25": ("Plâtre & Isolation", PACKED, 1000, None, 5, ("pack", 14)),
    "enduit-joint": ("Plâtre & Isolation", PACKED, 25, None, 5, ("pack", 24)),
    "bande-joint": ("Plâtre & Isolation", PACKED, 150, None, 5, ("pack", "6.5")),
    "laine-minerale-100": ("Plâtre & Isolation", PACKED, 6, None, 5, ("pack", 42)),
    "tuile-emboitement": ("Négoce couverture", PACKED, 240, None, 10, ("pack", 380)),
    "liteau-27x38": ("Négoce couverture", PACKED, 4, None, 10, ("pack", "2.8")),
    "ecran-sous-toiture": ("Négoce couverture", PACKED, 75, None, 10, ("pack", 120)),
    "carrelage-60x60": ("Négoce carrelage", PACKED, "1.44", None, 10, ("pack", 36)),
    "mortier-colle-c2": ("Négoce carrelage", PACKED, 25, None, 10, ("pack", 22)),
    "peinture-mate": ("Négoce peinture", PACKED, 15, None, 3, ("pack", 95)),
}

# --- every order line, written out: (material, batch): need, packs, ordered, trucks, last truck -
# (concrete: packs = trucks)

EXPECTED = {
    # rebar, Ground floor: (1.84 x 40 + 8.8 x 35 + 0.27 x 80 + 0.6 x 80) x 1.09 = 451.2 x 1.09
    ("acier-ha", GF): ("491.808", 47, "500.832", None, None),  # 491.808 / 10.656 = 46.15 -> 47 bars
    ("acier-ha", L1): ("136.032", 13, "138.528", None, None),  # (2.08 x 35 + 0.4 x 130) x 1.09 -> 12.77
    ("treillis-st25c", GF): ("42.336", 3, "43.2", None, None),  # 7.56 x 5 x 1.12 / 14.4 = 2.94
    ("treillis-st25c", L1): ("40.096", 3, "43.2", None, None),  # 7.16 x 5 x 1.12 / 14.4 = 2.78
    ("beton-dalles", GF): ("7.938", 1, "8.0", 1, "8.0"),  # 7.56 x 1.05
    ("beton-dalles", L1): ("7.518", 1, "8.0", 1, "8.0"),  # 7.16 x 1.05
    ("beton-fondations", GF): ("2.024", 1, "2.5", 1, "2.5"),  # 1.84 x 1.10
    ("beton-petits-elements", GF): ("0.9135", 1, "1.0", 1, "1.0"),  # (0.27 + 0.6) x 1.05
    ("beton-petits-elements", L1): ("0.42", 1, "0.5", 1, "0.5"),  # 0.4 x 1.05
    ("beton-voiles", GF): ("9.24", 2, "9.5", 2, "1.5"),  # 8.8 x 1.05 -> 9.5 = 8 + 1.5
    ("beton-voiles", L1): ("2.184", 1, "2.5", 1, "2.5"),  # 2.08 x 1.05
    ("carrelage-60x60", GF): ("17.82", 13, "18.72", None, None),  # 16.2 x 1.10 / 1.44 = 12.375
    ("mortier-colle-c2", GF): ("85.05", 4, "100", None, None),  # 16.2 x 5 x 1.05 / 25 = 3.4
    ("ecran-sous-toiture", L1): ("57.2", 1, "75", None, None),  # 52 x 1.10
    ("liteau-27x38", L1): ("171.6", 43, "172", None, None),  # 52 x 3 x 1.10 / 4 = 42.9
    ("tuile-emboitement", L1): ("709.8", 3, "720", None, None),  # 52 x 13 x 1.05 / 240 = 2.96
    ("huile-decoffrage", GF): ("2.42", 1, "20", None, None),  # 88 x 0.025 x 1.10
    ("huile-decoffrage", L1): ("0.572", 1, "20", None, None),  # 20.8 x 0.025 x 1.10
    ("peinture-mate", GF): ("12.32", 1, "15", None, None),  # (20 + 36) x 0.2 x 1.10 / 15 = 0.82
    ("peinture-mate", L1): ("4.576", 1, "15", None, None),  # 20.8 x 0.2 x 1.10
    # Ground floor drylining: lining 07.02.01 (36 m2) and ceiling 07.03.01 (11.76 m2) share materials
    ("bande-joint", GF): ("87.759", 1, "150", None, None),  # (36 + 11.76) x 1.75 x 1.05
    ("enduit-joint", GF): ("20.0592", 1, "25", None, None),  # 47.76 x 0.4 x 1.05
    ("fourrure-f530", GF): ("88.956", 30, "90", None, None),  # (36 x 1.7 + 11.76 x 2.0) x 1.05 / 3 = 29.65
    ("laine-minerale-100", GF): ("37.8", 7, "42", None, None),  # 36 x 1.05 / 6 = 6.3
    ("plaque-ba13", GF): ("50.148", 17, "51", None, None),  # 47.76 x 1.05 / 3 = 16.7
    ("suspente-f530", GF): ("20.9916", 1, "100", None, None),  # 11.76 x 1.7 x 1.05
    ("vis-ttpc25", GF): ("656.7", 1, "1000", None, None),  # 47.76 x 12.5 x 1.10
}
# order value per supplier: packs x pack price, concrete m3 x unit price
SUPPLIER_VALUES = {
    "Centrale à béton": (8 + 8) * 150 + F("2.5") * 150 + (1 + F("0.5")) * 160 + (F("9.5") + F("2.5")) * 155,
    "Aciers HA": (47 + 13) * 16 + (3 + 3) * 55,
    "Négoce carrelage": 13 * 36 + 4 * 22,
    "Négoce couverture": 1 * 120 + 43 * F("2.8") + 3 * 380,
    "Négoce matériaux": 2 * 70,
    "Négoce peinture": 2 * 95,  # 1 + 1 pots of 15 l
    "Plâtre & Isolation": F("6.5") + 24 + 30 * F("3.3") + 7 * 42 + 17 * F("8.5") + 45 + 14,
}


def hand_need(material: str, storeys: list[str]) -> F:
    """Need of ``material`` over ``storeys``: quantity x per_unit x (1 + waste / 100), summed."""
    total = F(0)
    for (code, storey), quantity in QUANTITIES.items():
        for name, per_unit, waste in RECIPES.get(code, []):
            if name == material and storey in storeys:
                total += F(quantity) * F(per_unit) * (1 + F(waste) / 100)
    return total


def hand_round(material: str, need: F) -> tuple[int, F, int | None, F | None]:
    """(packs, ordered, trucks, last truck), in exact arithmetic."""
    _, kind, pack, increment, _, _ = MATERIALS[material]
    pack = F(pack)
    if kind == CONCRETE:
        ordered = math.ceil(need / F(increment)) * F(increment)
        trucks = math.ceil(ordered / pack)
        return trucks, ordered, trucks, ordered - (trucks - 1) * pack
    packs = math.ceil(need / pack)
    return packs, packs * pack, None, None


def hand_value(material: str, packs: int, ordered: F) -> F:
    kind, price = MATERIALS[material][5]
    return packs * F(price) if kind == "pack" else ordered * F(price)


def decimal(value: float) -> F:
    """The decimal a float was written as in TOML (0.2, not 3602879701896397 / 2**54)."""
    return F(repr(value))


def close(value, expected, tol: float = 1e-9) -> bool:
    return value is not None and abs(float(value) - float(expected)) <= tol * max(1.0, abs(float(expected)))


# --- the hand arithmetic checks itself against the figures written out ---------------------------


def test_the_hand_arithmetic_gives_the_figures_written_out():
    assert {(m, s) for m, s in EXPECTED} == {(m, s) for (code, s) in QUANTITIES for m, _, _ in RECIPES.get(code, [])}
    for (material, storey), (need, packs, ordered, trucks, last) in EXPECTED.items():
        exact = hand_need(material, [storey])
        assert exact == F(need), (material, storey)
        assert hand_round(material, exact) == (packs, F(ordered), trucks, None if last is None else F(last))
    for supplier, value in SUPPLIER_VALUES.items():
        lines = [(m, s) for (m, s) in EXPECTED if MATERIALS[m][0] == supplier]
        assert sum(hand_value(m, EXPECTED[m, s][1], F(EXPECTED[m, s][2])) for m, s in lines) == value, supplier


def test_the_shipped_recipe_file_holds_the_figures_copied_here():
    recipes = load_recipes(FR_RECIPES, load_ruleset(FR_RULES))
    assert {
        code: [(line.material, decimal(line.per_unit), decimal(line.waste_pct)) for line in lines]
        for code, lines in recipes.recipes.items()
    } == {code: [(m, F(p), F(w)) for m, p, w in lines] for code, lines in RECIPES.items()}
    for material_id, (supplier, kind, pack, increment, lead, (price_kind, price)) in MATERIALS.items():
        material = recipes.materials[material_id]
        assert (material.supplier, material.kind, decimal(material.pack_size), material.lead_time_days) == (
            supplier,
            kind,
            F(pack),
            lead,
        ), material_id
        assert material.increment == (None if increment is None else float(increment)), material_id
        assert (material.pack_price if price_kind == "pack" else material.unit_price) == float(price), material_id
    assert set(recipes.materials) == set(MATERIALS)


def test_both_shipped_recipe_files_load_against_their_rule_sets():
    fr = load_recipes(FR_RECIPES, load_ruleset(FR_RULES))
    en = load_recipes(EN_RECIPES, load_ruleset(EN_RULES))
    assert (fr.language, en.language) == ("fr", "en")
    assert list(fr.recipes) == list(en.recipes)  # the same item codes
    # the same figures: materials in the same order, recipes line for line
    same = dict(zip(fr.materials, en.materials))
    for a, b in zip(fr.materials.values(), en.materials.values()):
        assert (a.unit, a.pack_size, a.kind, a.increment, a.lead_time_days, a.pack_price, a.unit_price) == (
            b.unit,
            b.pack_size,
            b.kind,
            b.increment,
            b.lead_time_days,
            b.pack_price,
            b.unit_price,
        ), (a.id, b.id)
    for code, lines in fr.recipes.items():
        assert [(same[x.material], x.per_unit, x.waste_pct) for x in lines] == [
            (x.material, x.per_unit, x.waste_pct) for x in en.recipes[code]
        ], code
    assert not {m.label for m in en.materials.values()} & {m.label for m in fr.materials.values()}


# --- the library and the CLI against the hand lines ----------------------------------------------


@pytest.fixture(scope="module")
def takeoffs():
    return {schema: bimquant.takeoff(path) for schema, path in HOUSES.items()}


def plan_for(takeoff, rules=FR_RULES, recipes=FR_RECIPES, phases=None):
    ruleset = load_ruleset(rules)
    return plan_orders(apply_rules(takeoff, ruleset), load_recipes(recipes, ruleset), phases, [GF, L1])


def assert_lines_match_hand(rows: list[dict], expected: dict = EXPECTED, batch_of=lambda s: s):
    got = {(row["material"], row["batch"]): row for row in rows}
    assert set(got) == {(m, batch_of(s)) for m, s in expected}
    for (material, storey), (need, packs, ordered, trucks, last) in expected.items():
        row = got[material, batch_of(storey)]
        where = f"{material} / {storey}"
        assert row["supplier"] == MATERIALS[material][0], where
        assert close(row["need"], F(need)), (where, row["need"], need)
        assert row["packs"] == packs, where
        assert close(row["ordered"], F(ordered)), where
        assert close(row["surplus"], F(ordered) - F(need)), where
        assert close(row["order_value"], hand_value(material, packs, F(ordered))), where
        if trucks is None:
            assert row["trucks"] is None or row["trucks"] != row["trucks"], where  # None, or NaN in a frame
        else:
            assert row["trucks"] == trucks and close(row["last_truck"], F(last)), where


@pytest.mark.parametrize("schema", HOUSES)
def test_every_order_line_of_the_sample_house_matches_the_hand_arithmetic(takeoffs, schema):
    plan = plan_for(takeoffs[schema])
    assert_lines_match_hand(plan.orders.to_dict(orient="records"))
    # per material, the ground floor is delivered before level 1; suppliers in alphabetical order
    rows = list(plan.orders[["supplier", "material", "batch"]].itertuples(index=False))
    assert rows == sorted(rows, key=lambda r: (r.supplier, r.material, [GF, L1].index(r.batch)))
    summary = {row.supplier: row.order_value for row in plan.summary.itertuples()}
    assert set(summary) == set(SUPPLIER_VALUES)
    for supplier, value in SUPPLIER_VALUES.items():
        assert close(summary[supplier], value), supplier


def test_items_with_a_quantity_but_no_recipe_are_listed(takeoffs):
    plan = plan_for(takeoffs["IFC4"])
    listed = {row.code: row.quantity for row in plan.without_recipe.itertuples()}
    assert set(listed) == set(WITHOUT_RECIPE)
    for code, quantity in WITHOUT_RECIPE.items():
        assert close(listed[code], quantity), code
    # an item with no quantity in this house (masonry 02.04.01 has a recipe, 10.01.01 none) is not listed
    assert "10.01.01" not in listed and "02.04.01" not in listed


def test_english_recipes_order_the_same_quantities(takeoffs):
    fr = plan_for(takeoffs["IFC4"])
    en = plan_for(takeoffs["IFC4"], EN_RULES, EN_RECIPES)
    same = dict(zip(load_recipes(FR_RECIPES).materials, load_recipes(EN_RECIPES).materials))
    key = ["material", "batch"]
    fr_rows = fr.orders.assign(material=fr.orders["material"].map(same)).set_index(key).sort_index()
    en_rows = en.orders.set_index(key).sort_index()
    for column in ("need", "ordered", "packs", "surplus", "trucks", "last_truck", "order_value"):
        pd.testing.assert_series_equal(fr_rows[column], en_rows[column], check_names=False)
    assert set(en.without_recipe["code"]) == set(WITHOUT_RECIPE)


def test_cli_json_matches_the_hand_arithmetic():
    code, stdout, stderr = run("order", HOUSE, "-r", FR_RULES, "--recipes", FR_RECIPES, "--format", "json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert set(data) == {"info", "orders", "summary", "needs", "without_recipe"}
    assert data["info"]["batches"] == "storey"
    assert_lines_match_hand(data["orders"])
    assert {row["code"] for row in data["without_recipe"]} == set(WITHOUT_RECIPE)
    # people read stderr: the truck split and the items left without a recipe
    assert "2 camion(s), le dernier de 1,5 m3" in stderr  # French rule set: French lines
    assert "4 ouvrage(s) avec une quantité mais sans recette : 03.01.01, 03.02.01, 05.01.01, 06.01.01" in stderr
    # the needs table traces every order line back to its items and storeys
    needs = pd.DataFrame(data["needs"])
    for (material, batch), row in needs.groupby(["material", "batch"])["need"].sum().items():
        assert close(row, F(EXPECTED[material, batch][0])), (material, batch)


# --- rounding never loses material ---------------------------------------------------------------

AWKWARD_PACKS = [0.1, 0.3, 1.0, 1.44, 3.0, 6.0, 10.656, 14.4, 25.0, 60.0, 75.0, 1000.0, 2.5 / 3]
TRUCKS = [(4.0, 0.5), (7.0, 0.5), (8.0, 0.5), (11.0, 0.25), (8.0, 0.1), (6.0, 1.0), (8.0, 3.0)]


def synthetic(seed: int) -> tuple[WorkItems, Recipes]:
    """A random set of work items over three storeys, and random recipes with awkward packs."""
    rnd = random.Random(seed)
    materials = {}
    for index in range(6):
        if rnd.random() < 0.35:
            truck, increment = rnd.choice(TRUCKS)
            materials[f"m{index}"] = Material(
                id=f"m{index}",
                label=f"concrete {index}",
                unit="m3",
                purchase_unit="truck",
                pack_size=truck,
                supplier=f"S{index % 2}",
                kind="concrete",
                increment=increment,
            )
        else:
            materials[f"m{index}"] = Material(
                id=f"m{index}",
                label=f"packed {index}",
                unit="u",
                purchase_unit="pack",
                pack_size=rnd.choice(AWKWARD_PACKS),
                supplier=f"S{index % 2}",
            )
    codes = [f"T.{n:02d}" for n in range(5)]
    recipes = {
        code: [
            RecipeLine(
                material=m,
                per_unit=rnd.choice([0.025, 0.2, 1.0, 1.7, 5.0, 35.0, 130.0]),
                waste_pct=rnd.choice([0, 3, 5, 9, 10, 12, 33.3]),
            )
            for m in rnd.sample(sorted(materials), rnd.randint(1, 3))
        ]
        for code in codes
    }
    trace = []
    for _ in range(rnd.randint(1, 40)):
        # sums of decimals (0.1 + 0.2 ...) are where floating point rounds the wrong way
        contribution = rnd.choice([rnd.uniform(0, 50), round(rnd.uniform(0, 5), 1), 0.1, 0.2, 0.3, 1e-6])
        trace.append(
            {"code": rnd.choice(codes), "storey": rnd.choice(["B1", "L0", "L1", None]), "contribution": contribution}
        )
    trace = pd.DataFrame(trace, columns=["code", "storey", "contribution"])
    items = trace.groupby("code", as_index=False)["contribution"].sum().rename(columns={"contribution": "quantity"})
    items["label"], items["unit"] = items["code"], "u"
    work = WorkItems(
        ruleset=None,
        items=items,
        by_storey=pd.DataFrame(),
        trace=trace,
        unmapped=pd.DataFrame(),
        warnings=pd.DataFrame(),
    )
    return work, Recipes(
        path=Path("synthetic.toml"), name="synthetic", language="en", materials=materials, recipes=recipes
    )


@pytest.mark.parametrize("seed", range(60))
def test_rounding_never_loses_material(seed):
    work, recipes = synthetic(seed)
    plan = plan_orders(work, recipes, storey_order=["B1", "L0", "L1"])
    # the need, recomputed from the trace without the library
    need = {}
    for row in work.trace.itertuples():
        storey = row.storey if isinstance(row.storey, str) else "(no storey)"
        for line in recipes.recipes[row.code]:
            key = (line.material, storey)
            need[key] = need.get(key, 0.0) + row.contribution * line.per_unit * (1 + line.waste_pct / 100)
    assert set(zip(plan.orders["material"], plan.orders["batch"])) == set(need)
    for row in plan.orders.itertuples():
        material = recipes.materials[row.material]
        step = material.increment if material.kind == "concrete" else material.pack_size
        where = f"seed {seed}: {row.material} / {row.batch}, need {row.need!r}, ordered {row.ordered!r}"
        assert math.isclose(row.need, need[row.material, row.batch], rel_tol=1e-12, abs_tol=1e-12), where
        tol = 1e-9 * max(1.0, row.need)  # floating point only
        assert row.ordered >= row.need - tol, where  # never less than the need
        assert row.ordered < row.need + step + tol, where  # less than one pack (one plant step) more
        assert math.isclose(row.surplus, row.ordered - row.need, abs_tol=1e-9), where
        assert abs(row.ordered / step - round(row.ordered / step)) < 1e-6, where  # whole packs or steps
        if material.kind == "concrete":
            trucks, last = int(row.trucks), row.last_truck
            assert trucks == math.ceil(row.ordered / material.pack_size - 1e-9), where
            assert 0 < last <= material.pack_size + 1e-9, where
            assert math.isclose((trucks - 1) * material.pack_size + last, row.ordered, abs_tol=1e-9), where
        else:
            assert math.isclose(row.ordered, row.packs * material.pack_size, rel_tol=1e-12), where


@pytest.mark.parametrize(
    "parts, pack, packs",
    [
        ([0.1, 0.2], 0.1, 3),  # 0.1 + 0.2 = 0.30000000000000004: still 3 packs of 0.1, not 4
        ([0.7, 0.1, 0.2, 0.2], 0.3, 4),  # 1.2 by hand, 1.2000000000000002 in floats
        ([1.44] * 5, 1.44, 5),
        ([10.656 / 3] * 3, 10.656, 1),
    ],
)
def test_an_exact_multiple_of_the_pack_is_not_rounded_up_by_float_noise(parts, pack, packs):
    materials = {"m": Material(id="m", label="m", unit="u", purchase_unit="pack", pack_size=pack, supplier="S")}
    trace = pd.DataFrame({"code": "T", "storey": "L0", "contribution": parts})
    work = WorkItems(
        ruleset=None,
        items=pd.DataFrame({"code": ["T"], "label": ["T"], "unit": ["u"], "quantity": [sum(parts)]}),
        by_storey=pd.DataFrame(),
        trace=trace,
        unmapped=pd.DataFrame(),
        warnings=pd.DataFrame(),
    )
    recipes = Recipes(
        path=Path("t.toml"), name="t", language="en", materials=materials, recipes={"T": [RecipeLine("m", 1.0, 0.0)]}
    )
    assert int(plan_orders(work, recipes).orders.loc[0, "packs"]) == packs


# --- delivery batches per phase ------------------------------------------------------------------

PHASES = """\
[[phase]]
name = "Gros oeuvre RDC"
date = 2027-03-01
storeys = ["Ground floor"]

[[phase]]
name = "Gros oeuvre R+1"
date = 2027-04-12
storeys = ["Level 1"]
"""
PHASE_OF = {GF: ("Gros oeuvre RDC", dt.date(2027, 3, 1)), L1: ("Gros oeuvre R+1", dt.date(2027, 4, 12))}


def test_phases_give_the_batches_their_delivery_and_order_by_dates(tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text(PHASES, encoding="utf-8")
    code, stdout, stderr = run(
        "order",
        HOUSE,
        "-r",
        FR_RULES,
        "--recipes",
        FR_RECIPES,
        "--by",
        "phase",
        "--phases",
        phases,
        "--format",
        "json",
        "-q",
    )
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["info"]["batches"] == "phase"
    # one storey per phase: the same quantities, under the phase's name
    assert_lines_match_hand(data["orders"], batch_of=lambda storey: PHASE_OF[storey][0])
    for row in data["orders"]:
        storey = next(s for s, (name, _) in PHASE_OF.items() if name == row["batch"])
        date = PHASE_OF[storey][1]
        lead = MATERIALS[row["material"]][4]
        assert row["delivery_date"] == date.isoformat()
        assert row["order_by"] == (date - dt.timedelta(days=lead)).isoformat(), row["material"]
    # figures by hand: concrete 2 days before 1 March 2027 (28 days in February 2027)
    first = {(row["material"], row["batch"]): row for row in data["orders"]}
    assert first["beton-voiles", "Gros oeuvre RDC"]["order_by"] == "2027-02-27"
    assert first["acier-ha", "Gros oeuvre RDC"]["order_by"] == "2027-02-24"
    assert first["tuile-emboitement", "Gros oeuvre R+1"]["order_by"] == "2027-04-02"


def test_a_phase_of_two_storeys_rounds_their_sum_once(takeoffs):
    phases = [Phase(name="Tout le gros oeuvre", date=None, storeys=[GF, L1])]
    plan = plan_for(takeoffs["IFC4"], phases=phases)
    both = {}
    for material, _ in EXPECTED:
        need = hand_need(material, [GF, L1])
        packs, ordered, trucks, last = hand_round(material, need)
        both[material, "all"] = (need, packs, ordered, trucks, last)
    assert_lines_match_hand(plan.orders.to_dict(orient="records"), both, batch_of=lambda _: "Tout le gros oeuvre")
    # walls: 8.8 + 2.08 = 10.88 m3 x 1.05 = 11.424 -> 11.5 m3, two trucks, the last of 3.5 m3
    # (per storey it was 9.5 + 2.5 = 12 m3 in three trucks)
    assert both["beton-voiles", "all"] == (F("11.424"), 2, F("11.5"), 2, F("3.5"))
    assert plan.orders["delivery_date"].isna().all() and plan.orders["order_by"].isna().all()


def test_a_storey_in_no_phase_is_an_error(tmp_path):
    phases = tmp_path / "phases.toml"
    phases.write_text(PHASES.split("\n\n")[0] + "\n", encoding="utf-8")  # the ground floor only
    out = tmp_path / "commandes.xlsx"
    code, stdout, stderr = run(
        "order", HOUSE, "-r", FR_RULES, "--recipes", FR_RECIPES, "--by", "phase", "--phases", phases, "-o", out
    )
    assert code == 4
    error = next(line for line in stderr.splitlines() if line.startswith("Error:"))
    assert "'Level 1'" in error and "phases.toml" in error
    assert "Hint:" in stderr and not out.exists() and stdout == ""


def test_a_storey_with_nothing_to_order_may_stay_out_of_the_phases():
    materials = {"m": Material(id="m", label="m", unit="u", purchase_unit="pack", pack_size=10, supplier="S")}
    trace = pd.DataFrame({"code": ["T", "DOORS"], "storey": ["L0", "Roof"], "contribution": [12.0, 2.0]})
    items = pd.DataFrame({"code": ["T", "DOORS"], "label": ["T", "Doors"], "unit": ["u", "u"], "quantity": [12.0, 2.0]})
    work = WorkItems(
        ruleset=None,
        items=items,
        by_storey=pd.DataFrame(),
        trace=trace,
        unmapped=pd.DataFrame(),
        warnings=pd.DataFrame(),
    )
    recipes = Recipes(
        path=Path("t.toml"), name="t", language="en", materials=materials, recipes={"T": [RecipeLine("m", 1.0, 0.0)]}
    )
    plan = plan_orders(work, recipes, [Phase(name="P", date=dt.date(2027, 1, 4), storeys=["L0"])])
    assert plan.orders[["batch", "packs", "delivery_date"]].values.tolist() == [["P", 2, "2027-01-04"]]
    assert plan.without_recipe["code"].tolist() == ["DOORS"]


def test_by_phase_needs_a_phase_file(tmp_path):
    code, _, stderr = run("order", HOUSE, "-r", FR_RULES, "--recipes", FR_RECIPES, "--by", "phase", "-f", "json")
    assert code == 4 and "--phases" in stderr


@pytest.mark.parametrize(
    "text, fragment",
    [
        (
            PHASES + '[[phase]]\nname = "Gros oeuvre RDC"\nstoreys = ["Roof"]\n',
            "phase name 'Gros oeuvre RDC' is used twice",
        ),
        (PHASES.replace("2027-04-12", '"2027-04-12"'), "date must be a TOML date"),
        (PHASES.replace('["Level 1"]', '["Ground floor"]'), "storey 'Ground floor' is already in phase"),
        ("[[phases]]\nname = 'x'\n", "unknown section(s) phases"),
    ],
)
def test_a_bad_phase_file_is_refused(tmp_path, text, fragment):
    path = tmp_path / "phases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_phases(path)
    assert fragment in caught.value.message and str(path) in caught.value.message and caught.value.hint


# --- mistakes in a recipe file: refused with the file, the recipe and the fix ---------------------

GOOD = """\
[recipes]
name = "Test"
language = "fr"

[[material]]
id = "beton"
label = "Béton C25/30"
unit = "m3"
purchase_unit = "toupie"
pack_size = 8
kind = "concrete"
supplier = "Centrale"

[[recipe]]
item = "02.03.01"
materials = [{ material = "beton", per_unit = 1.0, waste_pct = 5 }]
"""
BAD_RECIPES = {
    "unknown item code": (
        GOOD.replace('item = "02.03.01"', 'item = "02.03.99"'),
        ["recipe for item 02.03.99 (#1)", "no such item code"],
        "use a code of the rule set",
    ),
    "pack size zero": (
        GOOD.replace("pack_size = 8", "pack_size = 0"),
        ["material beton (#1)", "pack_size must be a number above 0"],
        "pack_size",
    ),
    "negative waste": (
        GOOD.replace("waste_pct = 5", "waste_pct = -5"),
        ["recipe for item 02.03.01 (#1)", "waste_pct must be a number 0 or more"],
        "waste_pct",
    ),
    "unknown material id": (
        GOOD.replace('material = "beton"', 'material = "betom"'),
        ["recipe for item 02.03.01 (#1)", "unknown material 'betom'"],
        "[[material]]",
    ),
    "material id not a text": (
        GOOD.replace('material = "beton"', 'material = ["beton"]'),
        ["recipe for item 02.03.01 (#1)", "unknown material"],
        "[[material]]",
    ),
    "unknown key in a material": (
        GOOD.replace("pack_size = 8", "pack_size = 8\npack_sise = 8"),
        ["material beton (#1)", "unknown key(s) 'pack_sise'"],
        "allowed keys",
    ),
    "unknown key in a line": (
        GOOD.replace("waste_pct = 5", "wast_pct = 5"),
        ["recipe for item 02.03.01 (#1)", "unknown key(s) 'wast_pct'"],
        "allowed keys",
    ),
    "unknown key in a recipe": (
        GOOD.replace('item = "02.03.01"', 'item = "02.03.01"\nitems = "x"'),
        ["recipe for item 02.03.01 (#1)", "unknown key(s) 'items'"],
        "allowed keys",
    ),
    "unknown key in the head": (
        GOOD.replace('language = "fr"', 'language = "fr"\nnmae = "x"'),
        ["[recipes]", "unknown key(s) 'nmae'"],
        "allowed keys",
    ),
    "bad TOML": (GOOD.replace("pack_size = 8", "pack_size = = 8"), ["not valid TOML", "line 10"], "TOML syntax"),
}


@pytest.mark.parametrize("case", BAD_RECIPES)
def test_a_bad_recipe_file_is_refused_by_the_library(tmp_path, case):
    text, fragments, hint = BAD_RECIPES[case]
    path = tmp_path / "recettes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_recipes(path, load_ruleset(FR_RULES))
    message = caught.value.message
    assert "\n" not in message and message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message
    assert hint in caught.value.hint


@pytest.mark.parametrize("case", BAD_RECIPES)
def test_a_bad_recipe_file_is_refused_by_the_cli_and_nothing_is_written(tmp_path, case):
    text, fragments, hint = BAD_RECIPES[case]
    path = tmp_path / "recettes.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "commandes.xlsx"
    code, stdout, stderr = run("order", HOUSE, "-r", FR_RULES, "--recipes", path, "-o", out)
    assert code == 4, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("Error: ") and lines[1].startswith("Hint: "), stderr
    assert str(path) in lines[0] and all(fragment in lines[0] for fragment in fragments)
    assert hint in lines[1]
    assert stdout == "" and sorted(p.name for p in tmp_path.iterdir()) == ["recettes.toml"]


def test_the_good_recipe_file_used_above_is_accepted(tmp_path):
    path = tmp_path / "recettes.toml"
    path.write_text(GOOD, encoding="utf-8")
    recipes = load_recipes(path, load_ruleset(FR_RULES))
    assert recipes.materials["beton"].increment == 0.5  # the default plant step


# --- the order workbook --------------------------------------------------------------------------

HOSTILE_SUPPLIERS = {
    "beton": "Centrale à béton",
    "acier": "Aciers [HA]: Nord/Sud*?",  # characters a sheet name cannot hold
    "huile": "'Négoce' d'Alsace'",  # apostrophes at both ends
    "peinture": "summary",  # the Summary sheet, in another case
    "plaque": "History",  # a name Excel keeps for itself
    "tuile": "Négoce couverture et zinguerie du Grand Est",  # longer than 31 characters
    "carrelage": "Négoce couverture et zinguerie du Grand Ouest",  # the same first 28 characters
}


def hostile_recipes(folder: Path) -> Path:
    """Recipes whose supplier names are hard sheet names and whose labels look like formulas."""
    items = {
        "beton": "02.03.01",
        "acier": "02.01.01",
        "huile": "02.03.02",
        "peinture": "09.01.01",
        "plaque": "07.03.01",
        "tuile": "04.01.01",
        "carrelage": "08.01.01",
    }
    text = '[recipes]\nname = "Hostile"\n'
    for material, supplier in HOSTILE_SUPPLIERS.items():
        label = {"beton": "=SUM(A1:A9)", "acier": "+33 1 23 45 67 89", "huile": "@cmd"}.get(material, material)
        kind = 'kind = "concrete"\n' if material == "beton" else ""
        text += (
            f'\n[[material]]\nid = "{material}"\nlabel = {json.dumps(label)}\nunit = "u"\n'
            f'purchase_unit = "pack"\npack_size = 8\n{kind}supplier = {json.dumps(supplier)}\n'
            f'\n[[recipe]]\nitem = "{items[material]}"\n'
            f'materials = [{{ material = "{material}", per_unit = 1.0 }}]\n'
        )
    path = folder / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_workbook_has_a_summary_and_a_valid_sheet_per_supplier(tmp_path):
    out = tmp_path / "commandes.xlsx"
    code, _, stderr = run("order", HOUSE, "-r", FR_RULES, "--recipes", hostile_recipes(tmp_path), "-o", out, "-q")
    assert code == 0, stderr
    book = openpyxl.load_workbook(out)
    names = book.sheetnames
    assert names[0] == "Synthèse" and names[-1] == "Sans recette"  # a French rule set: French sheets
    suppliers = names[1:-1]
    assert len(suppliers) == len(HOSTILE_SUPPLIERS)
    assert len({name.lower() for name in names}) == len(names)  # unique, ignoring case as Excel does
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name
        assert not name.startswith("'") and not name.endswith("'") and name.lower() != "history", name
    # each supplier sheet says whose it is in A1, with the exact name, and holds its lines only
    by_supplier = {book[name]["A1"].value: book[name] for name in suppliers}
    assert set(by_supplier) == set(HOSTILE_SUPPLIERS.values())
    summary = book["Synthèse"]
    header = [cell.value for cell in summary[1]]
    assert header[:3] == ["Fournisseur", "Matériau", "Désignation du matériau"]
    summary_rows = list(summary.iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in summary_rows} == set(HOSTILE_SUPPLIERS.values())
    for supplier in HOSTILE_SUPPLIERS.values():
        sheet = by_supplier[supplier]
        assert [cell.value for cell in sheet[3]][0] == "Désignation du matériau"
        assert sheet.max_row - 3 == sum(row[0] == supplier for row in summary_rows), supplier  # its lines only
    # text that looks like a formula stays text: no formula anywhere in the file
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
    labels = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value == "=SUM(A1:A9)"]
    assert labels and all(cell.data_type == "s" for cell in labels)
    assert any(cell.value == "+33 1 23 45 67 89" for row in summary.iter_rows() for cell in row)
    # the items without a recipe have their own sheet
    without = book["Sans recette"]
    assert {row[0] for row in without.iter_rows(min_row=2, values_only=True)} >= set(WITHOUT_RECIPE)


def test_the_workbook_of_the_sample_house_has_the_hand_figures(tmp_path):
    out = tmp_path / "commandes.xlsx"
    code, _, stderr = run("order", HOUSE, "-r", FR_RULES, "--recipes", FR_RECIPES, "-o", out, "-q", "--locale", "en")
    assert code == 0, stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", *sorted(SUPPLIER_VALUES), "Without recipe"]  # --locale en: English names
    summary = book["Summary"]
    header = [cell.value for cell in summary[1]]
    rows = [dict(zip(header, values)) for values in summary.iter_rows(min_row=2, values_only=True)]
    assert_lines_match_hand(rows)
    sheet = book["Centrale à béton"]
    columns = [cell.value for cell in sheet[3]]
    lines = [dict(zip(columns, values)) for values in sheet.iter_rows(min_row=4, values_only=True)]
    walls = [line for line in lines if line["label"].endswith("voiles") and line["batch"] == GF]
    assert len(walls) == 1 and (walls[0]["ordered"], walls[0]["trucks"], walls[0]["last_truck"]) == (9.5, 2, 1.5)
