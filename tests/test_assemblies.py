"""A window modelled as an aggregate of frame members and a glass plate (issue 24): priced once,
as one window by count; its parts are represented by it, never priced as timber or mullions."""

from __future__ import annotations

import sys

import ifcopenshell
import ifcopenshell.api.aggregate
import ifcopenshell.api.geometry

from conftest import HOUSE, ROOT

import bimquant

sys.path.insert(0, str(ROOT / "sample_models"))
from generate import House, create_element, extruded_body, matrix, place, rectangle  # noqa: E402

RULES = ROOT / "rules" / "fr-lots.toml"
PRICES = ROOT / "rules" / "fr-prix.csv"


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
