"""A window modelled as an aggregate of frame members and a glass plate (issue 24): priced once,
as one window by count; its parts are represented by it, never priced as timber or mullions."""

from __future__ import annotations

import sys

import ifcopenshell
import ifcopenshell.api.aggregate
import ifcopenshell.api.geometry
import pytest

from conftest import HOUSE, ROOT

import bimquant

sys.path.insert(0, str(ROOT / "sample_models"))
from generate import House, create_element, extruded_body, matrix, place, rectangle  # noqa: E402

RULES = ROOT / "rules" / "fr-lots.toml"
PRICES = ROOT / "rules" / "fr-prix.csv"
RESERVES = ROOT / "sample_models" / "reserves_ifc4.ifc"


def window_of_parts(tmp_path):
    """The sample house whose window has no body of its own: two oak jambs (IfcMember, 0.06 x
    0.06 x 1.0 m) and a glass pane (IfcPlate, 0.9 x 0.02 x 1.0 m) aggregated to it."""
    model = ifcopenshell.open(str(HOUSE))
    window = model.by_type("IfcWindow")[0]
    body = model.by_type("IfcGeometricRepresentationSubContext")[0]
    house = House(model=model, body=body)
    for representation in list(window.Representation.Representations):
        ifcopenshell.api.geometry.unassign_representation(model, product=window, representation=representation)
    x, y, z = (float(c) for c in window.ObjectPlacement.RelativePlacement.Location.Coordinates)
    parts = []
    for name, cls, outline in (
        ("jamb left", "IfcMember", rectangle(0, 0, 0.06, 0.06)),
        ("jamb right", "IfcMember", rectangle(0.94, 0, 1.0, 0.06)),
        ("pane", "IfcPlate", rectangle(0.06, 0.02, 0.94, 0.04)),
    ):
        part = create_element(house, cls, f"{window.Name} {name}")
        place(house, part, extruded_body(house, outline, 1.0), matrix((x, y, z)))
        parts.append(part)
    ifcopenshell.api.aggregate.assign_object(model, products=parts, relating_object=window)
    path = tmp_path / "window-of-parts.ifc"
    model.write(str(path))
    return path, window


def test_a_window_of_parts_is_one_window_and_its_parts_are_not_priced(tmp_path):
    path, window = window_of_parts(tmp_path)

    budget = bimquant.estimate(path, RULES, PRICES)

    rec = budget.work.reconciliation.set_index("name")
    assert rec.loc[window.Name, "verdict"] == "priced_once" and rec.loc[window.Name, "provenance"] == "count"
    parts = rec[rec.index.str.startswith(window.Name + " ")]
    assert len(parts) == 3 and set(parts["verdict"]) == {"represented_by_parent"}
    assert not budget.trace["name"].str.startswith(window.Name + " ").any()  # no mullion, no timber, no glass
    house = bimquant.estimate(HOUSE, RULES, PRICES).lines.set_index("code")
    ours = budget.lines.set_index("code")
    (code,) = budget.trace.loc[budget.trace["name"] == window.Name, "code"]
    windows = [code]
    assert ours.loc[code, "quantity"] == house.loc[code, "quantity"] == 1  # still one window, by count
    assert ours["amount"].drop(windows).fillna(0).equals(house["amount"].drop(windows).fillna(0))
    assert budget.work.coverage["double_counted"] == 0


# --- materials named in other languages (issue 24) -------------------------------------------------

NAMES = {  # the sample house's materials, as exporters in five languages name them
    "es": {"Béton armé C25/30": "Hormigón armado HA-25", "Bois lamellé-collé GL24h": "Madera laminada GL24h"},
    "it": {"Béton armé C25/30": "Calcestruzzo armato C25/30", "Bois lamellé-collé GL24h": "Legno lamellare GL24h"},
    "nl": {"Béton armé C25/30": "Gewapend beton C25/30", "Bois lamellé-collé GL24h": "Gelamineerd hout GL24h"},
    "ru": {"Béton armé C25/30": "Железобетон B25", "Bois lamellé-collé GL24h": "Клеёная древесина"},
    "ja": {"Béton armé C25/30": "鉄筋コンクリート", "Bois lamellé-collé GL24h": "集成材"},
}


def test_materials_named_in_five_languages_price_as_the_french_ones(tmp_path):
    house = bimquant.estimate(HOUSE, RULES, PRICES).lines.set_index("code")[["quantity", "amount"]]
    for language, names in NAMES.items():
        model = ifcopenshell.open(str(HOUSE))
        for material in model.by_type("IfcMaterial"):
            material.Name = names.get(material.Name, material.Name)
        path = tmp_path / f"house-{language}.ifc"
        model.write(str(path))
        for rules, prices in ((RULES, PRICES), (ROOT / "rules" / "en-trades.toml", ROOT / "rules" / "en-prices.csv")):
            ours = bimquant.estimate(path, rules, prices).lines.set_index("code")[["quantity", "amount"]]
            theirs = (
                house
                if rules == RULES
                else bimquant.estimate(HOUSE, rules, prices).lines.set_index("code")[["quantity", "amount"]]
            )
            assert ours.fillna(0).equals(theirs.fillna(0)), (language, rules.name)


# --- walls of block parts (issue 24) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "rules,prices", [(RULES, PRICES), (ROOT / "rules" / "en-trades.toml", ROOT / "rules" / "en-prices.csv")]
)
def test_a_wall_of_block_parts_is_priced_whole_and_its_parts_are_represented_by_it(rules, prices):
    """The reserves model's walls WP1 and WP2: 4 sand-lime blocks each, 1.0 m long, 0.20 m thick,
    2.5 m high, side by side: one wall face of 4 x 1.0 x 2.5 = 10 m2, 2.0 m3, masonry 15-25 cm."""
    budget = bimquant.estimate(RESERVES, rules, prices)

    rec = budget.work.reconciliation.set_index("name")
    trace = budget.trace.set_index("name")
    for wall in ("WP1 block wall", "WP2 block wall"):
        assert rec.loc[wall, "verdict"] == "priced_once" and rec.loc[wall, "structure_items"] == "02.04.01"
        assert rec.loc[wall, "net_volume_m3"] == pytest.approx(2.0) and rec.loc[wall, "wall_face_area_m2"] == 10.0
        masonry = trace.loc[[wall]].set_index("code").loc["02.04.01"]
        assert masonry["contribution"] == pytest.approx(10.0, rel=1e-12) and masonry["layer"] == "Kalksandstein KS 20"
        blocks = rec[rec.index.str.startswith(wall + " block ")]
        assert len(blocks) == 4 and set(blocks["verdict"]) == {"represented_by_parent"}
    assert not trace.index.str.contains(r" block \d").any()  # no block priced on its own
    coverage = budget.work.coverage
    assert coverage["double_counted"] == 0 and coverage["represented_by_parent"] == 8
    measured = bimquant.takeoff(RESERVES)
    assert measured.elements.loc[
        measured.elements["name"].str.startswith("WP"), "net_volume_m3"
    ].sum() == pytest.approx(4.0)  # the blocks' volume, counted once: in their walls


def test_a_rule_set_may_price_walls_at_the_level_of_their_parts(tmp_path):
    rules = tmp_path / "parts.toml"
    rules.write_text(
        RULES.read_text(encoding="utf-8").replace("[ruleset]\n", '[ruleset]\nlevels = { IfcWall = "parts" }\n')
    )

    rec = bimquant.estimate(RESERVES, rules, PRICES).work.reconciliation.set_index("name")

    assert rec.loc["WP1 block wall", "verdict"] == "represented_by_parts"
    assert rec.loc["WP1 block wall block 1", "verdict"] == "not_priced"  # no item of fr-lots selects a part
    rules.write_text(
        RULES.read_text(encoding="utf-8").replace("[ruleset]\n", '[ruleset]\nlevels = { IfcWall = "bricks" }\n')
    )
    with pytest.raises(bimquant.RuleError, match="levels: IfcWall = 'bricks' is neither 'whole' nor 'parts'"):
        bimquant.estimate(RESERVES, rules, PRICES)
